# Public pages: what members and visitors see without logging in.

# Home page (/): this month's topic, what comes next, recent archives.
home-lede = One topic a month. Members share what they made on it — articles, videos, posts, podcasts, talks — and everything approved becomes a public archive.
home-heading-this-month = This month: { $title }
# $closes is a date and time.
home-open-until = Open for submissions until { $closes }.
home-submit-button = Submit your content on “{ $title }”
home-see-shared = See what has been shared so far
home-no-topic-heading = No topic is open right now
# Followed by a link to the schedule (home-no-topic-schedule-link).
home-no-topic-hint = The schedule shows which topic comes next.
home-no-topic-schedule-link = See the schedule
home-upcoming-heading = Coming up
# After an upcoming topic's title: $month is a month and year, $opens a date and time.
home-upcoming-when = { $month }, opens { $opens }
home-recent-heading = Recent archives
home-whole-schedule = The whole schedule

# Schedule page (/topics): every month's topic by year.
schedule-heading = Schedule
# $timezone is a zone name such as Europe/Berlin.
schedule-intro = One topic a month. Times are shown in { $timezone }.
# Followed by three links: the schedule feed, everything published, all feeds as OPML.
schedule-feeds-intro = Follow the club in a feed reader: the schedule feed announces each new month's topic, the feed of everything published brings every approved entry, and the OPML file imports every topic's feed at once.
schedule-feed-schedule-link = Schedule feed
schedule-feed-everything-link = Everything published
schedule-feed-opml-link = All feeds as OPML
# Followed by two links: subscribe in a calendar app, download the .ics file.
schedule-calendar-intro = Add the schedule to your calendar:
schedule-calendar-subscribe-link = Subscribe in your calendar app
schedule-calendar-download-link = Download schedule.ics
# Small badges beside each topic in the schedule.
schedule-badge-open = open now
schedule-badge-upcoming = upcoming
schedule-badge-archive = archive
schedule-empty = No topics are scheduled yet.

# Topic page (/topics/…): the topic, its dates, its round-up and its archive of entries.
topic-breadcrumb-schedule = Schedule
topic-draft-notice = Draft: only organisers can see this page until the topic is announced.
topic-window-status = Status
topic-window-opens = Opens
topic-window-closes = Closes
topic-roundup-heading = The round-up
topic-roundup-link = Read the round-up on its own page
# A fold-out that holds the topic's original description.
topic-call-summary = The call for content
topic-submit-button = Submit your content
topic-follow-heading = Follow this topic
# Followed by two links: RSS feed · JSON Feed.
topic-follow-intro = New entries appear in this topic's feed as soon as they are approved. Paste the address into your feed reader:
topic-follow-rss-link = RSS feed
topic-follow-json-link = JSON Feed
# Followed by a link to the club's feed of everything published.
topic-follow-everything = To follow everything the club publishes instead:
topic-follow-everything-link = the club's whole feed
topic-archive-heading =
    { $count ->
        [0] The archive is empty
        [one] The archive (1 entry)
       *[other] The archive ({ $count } entries)
    }
# aria-label of the row of links that filter the archive by kind.
topic-filter-label = Filter by kind
topic-highlight-badge = Highlight
# Between an entry's kind and its author's name (which may be a link): "Article by Jane Doe".
topic-entry-author-label = by
topic-permalink = permalink
topic-note-label = Organiser's note:
topic-empty-kind = Nothing of this kind yet.
topic-empty = Nothing published yet.
# A link to the submission form, after topic-empty.
topic-empty-be-first-link = Be the first to submit

# Round-up page (/topics/…/roundup): the organisers' round-up of a closed topic.
roundup-page-breadcrumb-schedule = Schedule
# $month is a month and year: "Rust in production: the March 2025 round-up".
roundup-page-heading = { $title }: the { $month } round-up
roundup-page-draft-notice = Draft: only organisers can see this page until the round-up is published.
roundup-page-highlight-badge = Highlight
# An entry's kind and author: $kind is one of article, video, post, podcast, talk, other.
roundup-page-kind-by =
    { $kind ->
        [article] Article
        [video] Video
        [post] Post
        [podcast] Podcast
        [talk] Talk
       *[other] Other
    } by { $author }
roundup-page-permalink = permalink
roundup-page-note-label = Organiser's note:
roundup-page-archive-link = The topic's whole archive
roundup-page-markdown-link = Markdown
roundup-page-text-link = Text for a post

# Digest page (/topics/…/digest): the web view of the digest email.
# Small line above the title; $month is a month and year.
digest-page-kicker = Digest · { $month }
digest-page-count =
    { $count ->
        [0] Members shared nothing on this topic.
        [one] Members shared 1 entry on this topic.
       *[other] Members shared { $count } entries on this topic.
    }
digest-page-by = by { $author }
digest-page-note-label = Organiser's note:
digest-page-archive-link = The whole archive
digest-page-feed-link = The archive's feed
# Followed by the next topic's title (a link) and digest-page-next-share-link.
digest-page-next = Next up, { $month }:
digest-page-next-share-link = Share your own
digest-page-subscribe-link = Get the next digest by email

# Error page: shown for any error; the title and message come from the program.
# Followed by the request id, in code style.
error-page-request-id-hint = If you ask the club's organisers about this, quote this request id:
error-page-home-link = Back to the home page

# Entry page (/submissions/…): the public permalink of a published entry.
# Before the author's name, which may be a link: "By Jane Doe".
submission-page-author-label = By
submission-page-published = Published { $date }
# The button that opens the entry itself; $kind is one of article, video, post, podcast, talk, other.
submission-page-open =
    { $kind ->
        [article] Read the article
        [video] Watch the video
        [post] Read the post
        [podcast] Listen to the podcast
        [talk] Watch the talk
       *[other] Open the link
    }

# Confirmation page (link in the author's email): the author confirms their entry.
submission-confirm-heading = Confirm your submission
# Followed by the topic's title, as a link.
submission-confirm-topic-label = For the topic:
submission-confirm-button = Confirm my submission
submission-confirm-scanner-note = Nothing happens until you press the button, so links opened by mail scanners confirm nothing.
# Followed by the entry's status (Pending, Approved, …) in bold.
submission-confirm-already = This submission is already confirmed. Its status:
submission-confirm-edit-link = Change or withdraw it

# Edit page (link in the author's email): the author changes or withdraws their entry.
submission-edit-heading = Your submission
# Followed by the entry's status (Pending, Approved, …) in bold.
submission-edit-status-label = Status:
submission-edit-errors-notice = Please correct the fields marked below.
submission-edit-kind-label = What are you sharing?
submission-edit-title-label = Title
submission-edit-url-label = Link
submission-edit-summary-label = Short summary
submission-edit-author-name-label = Your name
submission-edit-author-link-label = Your website or profile (optional)
submission-edit-save-button = Save changes
submission-edit-withdraw-heading = Withdraw
submission-edit-withdraw-button = Withdraw my submission
submission-edit-locked = It can no longer be changed.

# Submission form (/topics/…/submit).
# Last step of the breadcrumb: Topic › Submit.
submit-breadcrumb = Submit
submit-heading = Submit your content on “{ $title }”
# Shown when the topic is not open; $opens and $closes are dates and times.
submit-closed-window = Submissions are open from { $opens } until { $closes }.
submit-schedule-link = See the schedule
submit-intro = Share an article, video, post, podcast or talk you made on this month's topic. Submissions close { $closes }.
submit-rules-heading = Submission rules
submit-rule-on-topic = It is on this month's topic.
submit-rule-free = It is free to read, watch or listen to: no paywall, nothing behind an email sign-up.
submit-rule-yours = You made it, or you took part in making it.
submit-rules-process = We email you a link to confirm. Organisers review every entry; approved ones appear in the public archive and its feed with your name (never your email).
submit-errors-notice = Please correct the fields marked below; what you typed is kept.
# A trap field for spam robots, hidden from people.
submit-honeypot-label = Leave this field empty
submit-url-label = Link
submit-url-hint = Paste it first: we read the page and fill in the title and summary for you to check. Without JavaScript we do it when you send the form, and you see it on the confirmation page.
# A link after the message that the same link was already submitted.
submit-duplicate-link = See the earlier entry.
submit-kind-label = What are you sharing?
# The first choice of the kind list: the kind is guessed from the link.
submit-kind-from-link = Let the link say
submit-title-label = Title
submit-summary-label = Short summary
submit-summary-hint =
    { $max ->
        [one] At most 1 character. Plain text. Left empty, the page's own description is used.
       *[other] At most { $max } characters. Plain text. Left empty, the page's own description is used.
    }
submit-author-name-label = Your name (shown with your entry)
submit-author-email-label = Your email (never shown; we send the confirmation link here)
submit-author-link-label = Your website or profile (optional)
submit-agree-label = My entry follows the submission rules above.
submit-button = Submit

# Subscribe page (/subscribe): sign up for the digest email.
subscribe-heading = Subscribe to the digest
subscribe-sent = Thank you. If the address can receive the digest, a message with a confirmation link is on its way. Open it and press the button to start.
subscribe-intro = When a month's topic closes we send one email with everything members shared on it, grouped by kind, with a link to the next topic. Nothing else. Each digest has a one-click unsubscribe link.
subscribe-email-label = Email
subscribe-button = Subscribe
# Followed by two links: everything published · the schedule.
subscribe-feeds-intro = Prefer a feed reader? These are feeds too:
subscribe-feed-everything-link = Everything published
subscribe-feed-schedule-link = The schedule

# Subscription confirmation page (link in the confirmation email).
subscribe-done-heading = You are subscribed
subscribe-done-text = { $email } will receive the digest when each month's topic closes.
subscribe-home-link = Back to the home page
subscribe-confirm-heading = Confirm your subscription
subscribe-confirm-question = Start sending the monthly digest to { $email }?
subscribe-confirm-button = Confirm my subscription
subscribe-confirm-scanner-note = Nothing happens until you press the button, so links opened by mail scanners subscribe no one.

# Unsubscribe page (link in every digest).
unsubscribe-done-heading = You are unsubscribed
unsubscribe-done-text = { $email } will get no more digests. You can subscribe again at any time.
unsubscribe-subscribe-again-link = Subscribe again
unsubscribe-heading = Unsubscribe
unsubscribe-question = Stop sending the digest to { $email }?
unsubscribe-button = Unsubscribe

# Subscribe box at the foot of the home and topic pages.
subscribe-form-heading = Get the monthly digest
subscribe-form-text = One email when each month's topic closes, with everything members shared. Confirm once; leave with one click.
subscribe-form-email-label = Email
subscribe-form-button = Subscribe

# Entry form (organisers' pages): adding or editing an entry for a member.
entry-form-url-label = Link
entry-form-title-label = Title
entry-form-title-hint = Leave empty to take one from the link.
entry-form-kind-label = Kind
# The first choice of the kind list: the kind is guessed from the link.
entry-form-kind-from-link = Guess from the link
entry-form-kind-hint = Videos, podcasts, talks and posts are recognised by where the link points.
entry-form-author-name-label = Author
entry-form-author-email-label = Author's email (optional, never shown)
entry-form-summary-label = The member's summary
entry-form-note-label = Organiser's note
entry-form-note-hint = Who made it and why it is worth reading; shown as yours beside the summary.
entry-form-language-label = Language of the piece
entry-form-language-hint = A tag such as en, de, pt-BR or zh-Hant; empty for the club's language.
entry-form-status-label = Status
# The statuses an organiser can give an entry.
entry-form-status-published = Published
entry-form-status-pending = Pending
entry-form-status-rejected = Rejected
entry-form-status-withdrawn = Withdrawn

# Submit page: what the form says while it reads a pasted link (shown by the page's script).
submit-js-duplicate = This link is already in for this topic.
submit-js-earlier = See the earlier entry.
submit-js-filled = Not submitted yet. We filled in what the page says; check it and change anything.
submit-js-filled-site = Not submitted yet. We filled in what the page says ({ $site }); check it and change anything.
submit-js-unread = Not submitted yet. We could not read the page, so please fill in the title and summary yourself.
submit-js-reading = Reading the link…
submit-language-label = Language of your piece
submit-language-detect = Recognise it from the title and summary
submit-language-hint = Readers can find pieces in their language; we guess it when you leave this.
# aria-label of the row of links that filter the archive by the language entries are written in.
topic-filter-language-label = Filter by language
topic-empty-language = Nothing in this language yet.
# Submit page of a topic that is not open.
submit-closed-upcoming = “{ $title }” does not take submissions yet.
submit-closed-closed = “{ $title }” is closed; it no longer takes submissions.
