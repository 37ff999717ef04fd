# The organisers' pages under /admin. Organisers read these; members never see them.

# Shared by several admin pages: form errors, table columns, buttons.
admin-form-errors = Please correct the fields marked below.
admin-form-error = Please correct the field marked below.
admin-column-actions = Actions
admin-edit = Edit
admin-remove = Remove
admin-email = Email
admin-new-password = New password
admin-password-hint =
    { $count ->
        [one] At least { $count } character; a few unrelated words make a good one.
       *[other] At least { $count } characters; a few unrelated words make a good one.
    }
admin-highlight-badge = Highlight
admin-entry-note = Note: { $note }
# Read only by screen readers, right after a button or link label such as “Edit” or “Approve”:
# names what the button acts on. Keep the quotation marks your language uses for titles.
admin-hidden-title = “{ $title }”
# Put between items of a short list, such as “3 of 10 sent, 1 failed”.
admin-list-separator = { ", " }
# Ends a sentence that the page puts together around an example in code.
admin-sentence-end = .

# Names of the services a destination posts to (Channels and webhooks).
admin-destination-kind-webhook = Generic webhook
admin-destination-kind-slack = Slack
admin-destination-kind-discord = Discord
admin-destination-kind-mattermost = Mattermost
admin-destination-kind-rocketchat = Rocket.Chat
admin-destination-kind-teams = Microsoft Teams

# What one attempt to deliver to a destination came to (its delivery log).
admin-attempt-outcome-delivered = Delivered
admin-attempt-outcome-retry = Will retry
admin-attempt-outcome-failed = Failed

# Where an entry stands, as organisers see it (entries of a topic, “Add them as” choices).
admin-entry-status-published = Published
admin-entry-status-approved = Published
admin-entry-status-unconfirmed = Unconfirmed
admin-entry-status-pending = Pending
admin-entry-status-rejected = Rejected
admin-entry-status-withdrawn = Withdrawn

# Where an organiser account stands (Organisers page).
admin-organiser-state-invited = Invited
admin-organiser-state-active = Active
admin-organiser-state-disabled = Disabled

# Where a digest subscriber stands (Subscribers page).
admin-subscriber-status-pending = Waiting to confirm
admin-subscriber-status-active = Active
admin-subscriber-status-unsubscribed = Unsubscribed
admin-subscriber-status-bounced = Bounced

# Why an address is suppressed (Suppressed addresses page).
admin-suppression-reason-hard-bounce = Bounced for good
admin-suppression-reason-complaint = Reported as spam
admin-suppression-reason-manual = Added by an organiser

# Login page.
admin-login-heading = Organiser login
admin-login-password = Password
admin-login-submit = Log in

# Choosing a password from an emailed link: an invitation or a reset.
admin-password-heading-invite = Accept the invitation
admin-password-heading-reset = Choose a new password
# Followed by the account's email address, in bold.
admin-password-intro-invite = Welcome, { $name }. Choose the password for your organiser account:
# Followed by the account's email address, in bold.
admin-password-intro-reset = Setting a new password logs you out everywhere else. Choose it for the account:
admin-password-repeat = Repeat the password
admin-password-submit = Set the password

# Your account page.
admin-account-heading = Your account
# Followed by the organiser's name in bold and their email address in brackets.
admin-account-logged-in-as = You are logged in as:
admin-account-password-heading = Change your password
admin-account-password-intro = Changing it logs you out everywhere else; this browser stays logged in.
admin-account-current-password = Current password
admin-account-repeat-password = Repeat the new password
admin-account-password-submit = Change the password
admin-account-everywhere-heading = Log out everywhere
admin-account-everywhere-intro = Ends every session of your account, on every device, this one included.
admin-account-everywhere-submit = Log out everywhere

# Dashboard: what needs attention.
admin-dashboard-heading = Dashboard
admin-dashboard-welcome = Welcome, { $name }.
admin-dashboard-attention-heading = Needs attention
admin-dashboard-pending =
    { $count ->
        [one] { $count } submission awaiting moderation
       *[other] { $count } submissions awaiting moderation
    }
admin-dashboard-none-pending = No submissions await moderation.
admin-dashboard-unconfirmed =
    { $count ->
        [0] No submissions are waiting for their authors to confirm.
        [one] { $count } submission waiting for its author to confirm.
       *[other] { $count } submissions waiting for their authors to confirm.
    }
# $stale of the $count submissions have waited for more than a day.
admin-dashboard-unconfirmed-stale =
    { $count ->
        [one] { $count } submission waiting for its author to confirm, for more than a day.
       *[other] { $count } submissions waiting for their authors to confirm, { $stale } of them for more than a day.
    }
admin-dashboard-approved =
    { $count ->
        [one] { $count } submission published in total.
       *[other] { $count } submissions published in total.
    }
admin-dashboard-digest-waiting = The digest of “{ $title }” is waiting for you: it would go out late.
admin-dashboard-digest-waiting-link = Send or review it
# A topic whose digest could not be delivered to some subscribers.
admin-dashboard-digest-failing =
    { $count ->
        [one] The digest of “{ $title }” failed for 1 subscriber.
       *[other] The digest of “{ $title }” failed for { $count } subscribers.
    }
admin-dashboard-digest-failing-link = See the digests
admin-dashboard-digest-empty = “{ $title }” closed with no approved entries; no digest was sent.
admin-dashboard-destination-paused = Paused after a day of failures: the destination “{ $label }”.
admin-dashboard-destination-failing = Failing: the destination “{ $label }”.
admin-dashboard-destination-link = See its deliveries
# $month is a month and year, such as “March 2025”.
admin-dashboard-gap = No topic planned for { $month }.
admin-dashboard-gap-link = Plan it
admin-dashboard-broken-heading = Links that died
admin-dashboard-broken-intro = These published entries' links answered “not found” twice in a row. Give each a new link if the piece moved, or edit the entry.
admin-dashboard-new-link = New link
admin-dashboard-replace = Replace
# Read only by screen readers, right after “Replace”.
admin-dashboard-replace-hidden = the link of “{ $title }”
admin-dashboard-manage-heading = Manage
admin-dashboard-manage-moderation = Moderation queue
admin-dashboard-manage-account = Your account: password, log out everywhere
admin-dashboard-manage-topics = Topics and schedule
admin-dashboard-manage-organisers = Organisers and API tokens
admin-dashboard-charts-heading = How the club is doing

# The bar charts on the dashboard.
admin-chart-empty = No data yet.
admin-chart-description = Bar chart; the same numbers are in the table below. Largest value: { $max }.
admin-chart-table-caption = { $title } (table)

# Topics: the schedule, month by month.
admin-topics-heading = Topics
admin-topics-new = Plan a new topic
admin-topics-caption = Months from the latest planned to the earliest; gaps show where no topic is planned.
admin-topics-column-month = Month
admin-topics-column-topic = Topic
admin-topics-column-state = State
admin-topics-this-month = this month
admin-topics-draft = draft
admin-topics-announce = Announce
admin-topics-delete = Delete
admin-topics-no-topic = No topic
admin-topics-no-topic-yet = No topic planned yet
# $month is a month and year, such as “March 2025”.
admin-topics-plan-month = Plan { $month }

# Topic form: plan a new topic or edit one.
admin-topic-form-month = Month
admin-topic-form-title = Title
admin-topic-form-slug = Address (slug)
admin-topic-form-slug-hint = Lowercase words with hyphens; leave empty to derive it from the title. Old addresses keep working after a change.
admin-topic-form-summary = Summary and call for content (Markdown)
# $timezone is the club's time zone, such as “Europe/Berlin”.
admin-topic-form-window = Submission window ({ $timezone })
admin-topic-form-window-hint = Leave both empty for the whole month.
admin-topic-form-opens = Opens
admin-topic-form-closes = Closes
admin-topic-form-announced = Announced (visible to everyone; unticked keeps it a draft)
admin-topic-form-save = Save the topic
admin-topic-form-create = Create the topic
admin-topic-form-back = Back to the topics

# Entries of a topic: paste a list, add one entry, the list of entries.
admin-entries-heading = Entries of “{ $title }”
admin-entries-topic-page = The topic's page
admin-entries-roundup = The round-up
admin-entries-list-heading = Paste a list
# Followed by examples of the forms a line can take, in code.
admin-entries-list-hint-forms = One entry a line, as in the club's lists, or just a bare link. The forms a line can take:
# Words standing for parts of a line in those examples. The word “by” in them stays English:
# it is what the list reader looks for.
admin-entries-list-name = Name
admin-entries-list-title = Title
admin-entries-list-note = note
# Followed by an example shortcode in code.
admin-entries-list-hint-emoji = Emoji shortcodes become emoji, for example
admin-entries-list-hint-preview = Nothing is added before you see the preview.
admin-entries-list-text = The list
admin-entries-list-status = Add them as
admin-entries-preview-heading = Preview
admin-entries-preview-summary = { $addable } to add, { $duplicates } already in the topic or the list, { $invalid } not usable. Untick what you do not want, then add.
admin-entries-preview-caption = Each line of the list and what it becomes
admin-entries-preview-column-add = Add
admin-entries-preview-column-line = Line
admin-entries-preview-column-title = Title and link
admin-entries-preview-column-note = Note
admin-entries-preview-column-outcome = Outcome
admin-entries-preview-take = Add line { $line }
# What the preview found for one line of the list. A duplicate is followed by the id of the
# entry that has the link, in brackets.
admin-entries-line-created = To add
admin-entries-line-duplicate = Already there
admin-entries-line-invalid = Not usable
admin-entries-line-skipped = Left out
admin-entries-add-ticked = Add the ticked entries
admin-entries-preview-again = Preview again
admin-entries-preview-submit = Preview the list
admin-entries-add-heading = Add one entry
admin-entries-notify-author = Tell the author by email (needs their address)
admin-entries-add-submit = Add the entry
admin-entries-in-topic-heading = In this topic ({ $count })
admin-entries-caption = The topic's entries, published ones first in their order
admin-entries-column-entry = Entry
admin-entries-column-author = Author
admin-entries-column-status = Status
admin-entries-empty = No entries yet.

# Editing one entry.
admin-entry-edit-heading = Edit “{ $title }”
admin-entry-edit-intro = Readers' feeds keep this entry as the same item; every change is kept in the audit log.
admin-entry-edit-page-link = The entry's page
admin-entry-edit-added-by-organiser = Added by an organiser
admin-entry-edit-topic = Topic (month)
admin-entry-edit-highlight = Highlight it (highlights come first)
admin-entry-edit-submit = Save the entry
admin-entry-edit-back = Back to the entries

# The round-up of a topic: introduction, order and highlights.
# $month is a month and year, such as “March 2025”.
admin-roundup-heading = The { $month } round-up
admin-roundup-state-published = Published: it opens the digest, heads the topic's page once the topic has closed, and is in the club's feed.
admin-roundup-state-draft = A draft: only organisers see it. While a round-up is a draft, the topic's digest waits for it (at most until the digest would be late).
admin-roundup-preview-link = Preview the round-up page
# Followed by two links: Markdown, and text for a post or a chat message.
admin-roundup-export = Export as:
admin-roundup-export-markdown = Markdown
admin-roundup-export-text = text for a post or a chat message
admin-roundup-intro = Introduction (Markdown)
admin-roundup-intro-hint = What the month was about and what stood out. It opens the digest.
admin-roundup-order = Order and highlights
admin-roundup-order-hint = Give entries a place (1 first); those without one follow, newest first. Highlights come before everything else.
admin-roundup-caption = The published entries of the topic
admin-roundup-column-place = Place
admin-roundup-column-highlight = Highlight
admin-roundup-column-entry = Entry
admin-roundup-place-label = Place of “{ $title }”
admin-roundup-highlight-label = Highlight “{ $title }”
# After an entry's title: who made it.
admin-roundup-by = by { $name }
admin-roundup-empty = No published entries yet.
admin-roundup-published = Published
admin-roundup-submit = Save the round-up

# Moderation queue.
admin-submissions-heading = Moderation
admin-submissions-filter-topic = Topic
admin-submissions-filter-all-topics = All topics
admin-submissions-filter-status = Status
admin-submissions-filter-all-statuses = All
admin-submissions-filter-submit = Show
admin-submissions-bulk-legend = For every ticked submission
admin-submissions-bulk-approve = Approve ticked
admin-submissions-bulk-reason = Reason for rejecting
admin-submissions-bulk-reason-own = (write your own below)
admin-submissions-bulk-reason-text = More words for the authors (optional)
admin-submissions-bulk-reject = Reject ticked
admin-submissions-tick = Tick “{ $title }”
# $at is a date and time.
admin-submissions-submitted = submitted { $at }
admin-submissions-author = By { $name } <{ $email }>
admin-submissions-others =
    { $count ->
        [one] The author's other submission ({ $count })
       *[other] The author's other submissions ({ $count })
    }
admin-submissions-history = History
# One step in a submission's history. $at is a date and time; $by is an organiser's name, or
# “the author”.
admin-submissions-step-submitted = { $at }: submitted by { $by }
admin-submissions-step-added = { $at }: added by { $by }
admin-submissions-step-confirmed = { $at }: confirmed by { $by }
admin-submissions-step-edited = { $at }: edited by { $by }
admin-submissions-step-withdrawn = { $at }: withdrawn by { $by }
admin-submissions-step-approved = { $at }: approved by { $by }
admin-submissions-step-rejected = { $at }: rejected by { $by }
admin-submissions-reason-given = Reason given: { $reason }
admin-submissions-approve = Approve
admin-submissions-reason = Reason
admin-submissions-reason-own = (write your own)
admin-submissions-reason-text = Details
admin-submissions-reject = Reject
admin-submissions-older = Older submissions
admin-submissions-empty = No submissions match.

# Digests: every closed topic's digest and how its delivery goes.
admin-digests-heading = Digests
admin-digests-intro =
    { $count ->
        [one] { $count } active subscriber would receive a digest sent now.
       *[other] { $count } active subscribers would receive a digest sent now.
    } A digest is built when its topic closes and goes out by itself; one that would go out late waits here for you.
admin-digests-column-topic = Topic
admin-digests-column-state = State
admin-digests-column-delivery = Delivery
# $month is a month and year, such as “March 2025”.
admin-digests-topic = { $month }: { $title }
admin-digests-nothing-to-send = no approved entries, nothing to send
admin-digests-progress-label = Delivery of { $title }
admin-digests-sent = { $sent } of { $recipients } sent
admin-digests-failed = { $count } failed or bounced
admin-digests-outstanding = { $count } to go
admin-digests-preview = Preview
admin-digests-web-view = Web view
admin-digests-send-now = Send now
admin-digests-empty = No topic has closed yet.

# Digest preview of one topic.
admin-digest-preview-heading = Digest preview
admin-digest-preview-subject = Subject:
admin-digest-preview-counts =
    { $count ->
        [one] { $count } approved entry
       *[other] { $count } approved entries
    }; { $audience ->
        [one] { $audience } active subscriber.
       *[other] { $audience } active subscribers.
    }
admin-digest-preview-text-heading = Plain-text part
admin-digest-preview-test-heading = Send a test
admin-digest-preview-test-email = Send one copy to
admin-digest-preview-test-submit = Send test

# Channels and webhooks: where the club's events go.
admin-destinations-heading = Channels and webhooks
admin-destinations-intro = The club tells its chat channels and other services what happens: a topic announced or opened, a reminder before it closes, entries waiting or published, the round-up, the digest, a link that died. Each destination chooses its events and language.
# Followed by the setting that does it, in code.
admin-destinations-sending-off = Sending is switched off on this server: events wait in the outbox. The setting:
admin-destinations-secret-heading = The signing secret
admin-destinations-secret-once = Give it to the receiving service now: it is shown only this once.
# Followed by the names of the headers, in code.
admin-destinations-secret-headers = Messages carry the Standard Webhooks headers:
admin-destinations-caption = The club's destinations
admin-destinations-column-destination = Destination
admin-destinations-column-events = Events
admin-destinations-column-state = State
admin-destinations-test = Send a test message
# Read only by screen readers, right after “Send a test message”.
admin-destinations-test-hidden = to { $label }
admin-destinations-resume = Resume
admin-destinations-pause = Pause
admin-destinations-rotate = New secret
# Read only by screen readers, right after “New secret”.
admin-destinations-rotate-hidden = for { $label }
admin-destinations-empty = No destinations yet.
admin-destinations-add-heading = Add a destination
admin-destinations-service = Service
admin-destinations-url = Webhook address
admin-destinations-url-hint = The incoming-webhook address the service gave you (for a generic webhook, your receiver's).
admin-destinations-name = Name (optional)
admin-destinations-events = Events
admin-destinations-reminder = Remind this many days before a topic closes
# Followed by the name of the one event that uses the setting, in code.
admin-destinations-reminder-hint = 3 when empty. Only this event uses it:
admin-destinations-language = Language of the messages
admin-destinations-language-hint = A tag such as en, ja or zh-CN; empty for the club's language.
admin-destinations-add-submit = Add the destination

# Delivery log of one destination.
admin-destination-log-heading = Deliveries to { $label }
admin-destination-log-log-heading = Delivery log (30 days)
admin-destination-log-caption = Every attempt, newest first
admin-destination-log-time = Time
admin-destination-log-event = Event
admin-destination-log-outcome = Outcome
admin-destination-log-status = Status
admin-destination-log-answer = Answer
admin-destination-log-empty = Nothing sent yet.

# Subscribers to the digest.
admin-subscribers-heading = Subscribers
admin-subscribers-count-active = { $count } active
admin-subscribers-count-pending = { $count } waiting to confirm
admin-subscribers-count-unsubscribed = { $count } unsubscribed
admin-subscribers-count-bounced = { $count } bounced
admin-subscribers-search-label = Search addresses
admin-subscribers-search-submit = Search
admin-subscribers-export = Export all as CSV
admin-subscribers-column-email = Email
admin-subscribers-column-status = Status
admin-subscribers-column-since = Since
admin-subscribers-column-bounces = Bounces
admin-subscribers-older = Older subscribers
admin-subscribers-empty = No subscribers match.

# Suppressed addresses: where the club never sends mail again.
admin-suppressions-heading = Suppressed addresses
admin-suppressions-intro = The club sends nothing more to these addresses: their mail bounced for good, their reader reported it as spam, or an organiser added them. Addresses are kept only as a fingerprint and shown masked.
admin-suppressions-column-address = Address
admin-suppressions-column-reason = Reason
admin-suppressions-column-since = Since
admin-suppressions-column-source = Reported by
admin-suppressions-column-detail = Details
admin-suppressions-remove = Take off the list
admin-suppressions-empty = No address is suppressed.
admin-suppressions-add-heading = Suppress an address
admin-suppressions-email = Email address
admin-suppressions-email-hint = Someone who asked, by other means, never to get the club's mail.
admin-suppressions-submit = Suppress

# Organisers: accounts, roles, API tokens, the audit log.
admin-organisers-heading = Organisers
admin-organisers-intro = Admins can do everything; moderators only moderate submissions.
admin-organisers-caption = Organiser accounts
admin-organisers-column-organiser = Organiser
admin-organisers-column-role = Role
admin-organisers-column-state = State
admin-organisers-column-tokens = API tokens
admin-organisers-you = you
admin-organisers-role-of = Role of { $email }
admin-organisers-save-role = Save
# Read only by screen readers, right after “Save”.
admin-organisers-save-role-hidden = the role of { $email }
# $until is a date and time.
admin-organisers-link-open-until = link open until { $until }
# $created and $used are dates.
admin-organisers-token-used = created { $created }, last used { $used }
admin-organisers-token-unused = created { $created }, never used
admin-organisers-revoke = Revoke
# Read only by screen readers, right after “Revoke”.
admin-organisers-revoke-hidden = the token “{ $label }” of { $email }
admin-organisers-no-tokens = none
admin-organisers-invite-again = Send the invitation again
admin-organisers-send-reset = Send a password reset link
# Read only by screen readers, right after “Send the invitation again” or “Send a password reset link”.
admin-organisers-send-hidden = to { $email }
admin-organisers-enable = Enable
admin-organisers-disable = Disable
admin-organisers-invite-heading = Invite an organiser
admin-organisers-invite-intro =
    { $hours ->
        [one] They receive an email with a link to choose a password; it works once, for { $hours } hour.
       *[other] They receive an email with a link to choose a password; it works once, for { $hours } hours.
    }
admin-organisers-display-name = Display name
admin-organisers-role-moderator-option = moderator: moderates submissions
admin-organisers-role-admin-option = admin: everything
admin-organisers-invite-submit = Send the invitation
admin-organisers-audit-heading = Audit log
admin-organisers-audit-caption = Changes to organiser accounts and tokens, newest first
admin-organisers-audit-when = When
admin-organisers-audit-who = Who
admin-organisers-audit-what = What
admin-organisers-audit-account = Account
admin-organisers-audit-detail = Detail
admin-organisers-audit-empty = Nothing recorded yet.

# Dashboard charts: titles and the names of their series.
chart-submissions-title = Submissions per topic, by kind
chart-subscribers-title = Subscribers over time: joins, leaves, bounces
chart-digests-title = Digest delivery per topic
chart-series-joined = joined
chart-series-left = left
chart-series-bounced = bounced
chart-series-sent = sent
chart-series-failed = failed or bounced
chart-series-queued = still queued

# Whether a chat destination or webhook is being delivered to.
admin-destination-state-working = Working
admin-destination-state-failing = Failing
admin-destination-state-paused = Paused

# The audit log on the organisers' page: what an organiser (or the command line) did.
audit-address-suppressed = Address suppressed
audit-suppression-removed = Suppression removed
audit-entry-added = Entry added
audit-entries-imported = Entries imported from a list
audit-entry-edited = Entry edited
audit-destination-added = Destination added
audit-destination-changed = Destination changed
audit-destination-removed = Destination removed
audit-destination-secret-rotated = Destination secret rotated
audit-organiser-added = Organiser added
audit-token-created = API token created
audit-invited = Invited
audit-invitation-sent-again = Invitation sent again
audit-password-reset-sent = Password reset sent
audit-role-changed = Role changed
audit-disabled = Account disabled
audit-enabled = Account enabled
audit-token-revoked = API token revoked
audit-password-changed = Password changed
audit-invitation-accepted = Invitation accepted
audit-password-reset = Password reset
audit-round-up-published = Round-up published
audit-round-up-withdrawn = Round-up withdrawn
audit-round-up-saved = Round-up saved
audit-logged-out-everywhere = Logged out everywhere

# A topic's title and summary in the club's other languages.
admin-topic-form-translations = Title and summary in other languages
admin-translations-breadcrumb = Topics
admin-translations-heading = “{ $title }” in other languages
admin-translations-intro = Readers who read the site in one of these languages see the topic's title and summary in it; the others see the topic's own. Leave a language empty to remove it.
admin-translations-stored = translated
admin-translations-title = Title
admin-translations-summary = Summary (Markdown)
admin-translations-summary-hint = Leave the summary empty to keep the topic's own.
admin-translations-save = Save { $language }
