# Texts the web handlers put together: page titles (the browser tab), one-time notices shown at
# the top of the next page (flash-…), the titles and messages of error pages, and short labels.
# Titles of pages about one thing name it: $title is a topic's or an entry's title.

## Page titles: public pages

title-home = Home
title-schedule = Schedule
title-roundup = { $title }: the round-up
title-submit = Submit to “{ $title }”
title-submission-confirm = Confirm your submission
title-submission-edit = Your submission
title-subscribe = Subscribe to the digest
title-subscribe-confirm = Confirm your subscription
title-subscribed = Subscribed
title-unsubscribe = Unsubscribe
title-unsubscribed = Unsubscribed

## Page titles: organisers' pages

title-login = Organiser login
title-account = Your account
title-dashboard = Dashboard
title-topics = Topics
title-topic-new = New topic
title-topic-edit = Edit “{ $title }”
title-entries = Entries: { $title }
title-entry-edit = Edit “{ $title }”
title-roundup-edit = Round-up: { $title }
title-moderation = Moderation
title-digests = Digests
title-digest-preview = Digest: { $title }
title-destinations = Channels and webhooks
# $label is the name an organiser gave a chat channel or webhook.
title-destination-log = Deliveries to { $label }
title-subscribers = Subscribers
title-suppressions = Suppressed addresses
title-organisers = Organisers
# Where an invited organiser chooses their first password.
title-password-invite = Accept the invitation
# Where an organiser sets a new password from a reset link.
title-password-reset = Choose a new password

## Notices: the author's pages of a submission

# $email is the author's address, partly masked: "a•••@example.org".
flash-submission-sent = Thank you! We sent a confirmation link to { $email }. Your entry goes to the organisers once you confirm it.
flash-submission-confirmed = Confirmed. Your entry is with the organisers; you will hear from us when they decide.
flash-submission-saved = Your changes are saved.
flash-submission-withdrawn = Your submission is withdrawn. It will not be published.
# Shown on the form when a spam robot's answer is refused.
flash-submission-not-accepted = Your submission could not be accepted.
# Beside the box "My entry follows the submission rules" when it was left unticked.
flash-submission-agree-required = Please confirm that your entry follows the submission rules.
flash-submission-rate-limited =
    { $minutes ->
        [one] Too many submissions from here. Please try again in about { $minutes } minute.
       *[other] Too many submissions from here. Please try again in about { $minutes } minutes.
    }
# Beside the email field of the subscribe form.
flash-subscribe-rate-limited = Too many requests from here; please try again later.

## Notices: logging in and the organiser's account

flash-login-mismatch = That email and password do not match an organiser account.
flash-login-rate-limited =
    { $seconds ->
        [one] Too many login attempts. Wait { $seconds } second and try again.
       *[other] Too many login attempts. Wait { $seconds } seconds and try again.
    }
flash-logged-out = You are logged out.
flash-logged-out-everywhere =
    { $count ->
        [one] You are logged out everywhere ({ $count } session ended).
       *[other] You are logged out everywhere ({ $count } sessions ended).
    }
flash-password-changed = Your password is changed; every other session has ended.
flash-password-set = Your password is set. Log in as { $email } to continue.

## Notices: topics, entries, round-ups

# $month is a month and year, e.g. "March 2025".
flash-topic-scheduled = “{ $title }” is scheduled for { $month }.
flash-topic-saved = “{ $title }” is saved.
flash-topic-announced = “{ $title }” is announced.
flash-topic-deleted = “{ $title }” is deleted.
# $status is the status the entry was given: published, pending, rejected, withdrawn or unconfirmed.
flash-entry-added =
    { $status ->
        [published] “{ $title }” is added (published).
        [pending] “{ $title }” is added (pending).
        [rejected] “{ $title }” is added (rejected).
        [withdrawn] “{ $title }” is added (withdrawn).
       *[unconfirmed] “{ $title }” is added (unconfirmed).
    }
flash-entry-saved = “{ $title }” is saved.
flash-link-replaced = “{ $title }” has its new link; it is checked again in the next round.
# After a pasted list of entries was added.
flash-entries-added =
    { $count ->
        [one] { $count } entry added.
       *[other] { $count } entries added.
    }
# Follows flash-entries-added when some lines of the list were not added.
flash-entries-left-out =
    Left out: { $duplicates ->
        [one] { $duplicates } line already in the topic
       *[other] { $duplicates } lines already in the topic
    }, { $invalid ->
        [one] { $invalid } line without a usable link
       *[other] { $invalid } lines without a usable link
    }.
flash-entries-none-ticked = Tick at least one line to add.
flash-roundup-published = The round-up is saved and published.
flash-roundup-draft = The round-up is saved as a draft.

## Notices: moderation

flash-decided-none-ticked = Tick at least one submission first.
# $reason says what was missing, e.g. that a reason for the rejection is needed.
flash-decided-nothing-rejected = Nothing was rejected: { $reason }
# One submission was decided; $action is "approved" or "rejected".
flash-decided-one =
    { $action ->
        [approved] “{ $title }” is approved; the author is told by email.
       *[rejected] “{ $title }” is rejected; the author is told by email.
    }
# Several submissions were decided; $action is "approved" or "rejected".
flash-decided-many =
    { $action ->
        [approved]
            { $count ->
                [one] { $count } submission approved; its author is told by email.
               *[other] { $count } submissions approved; their authors are told by email.
            }
       *[rejected]
            { $count ->
                [one] { $count } submission rejected; its author is told by email.
               *[other] { $count } submissions rejected; their authors are told by email.
            }
    }
# Follows flash-decided-one or flash-decided-many.
flash-decided-skipped =
    { $count ->
        [one] { $count } was no longer pending and was left as it was.
       *[other] { $count } were no longer pending and were left as they were.
    }

## Notices: digests

flash-digest-sending =
    { $count ->
        [one] The digest is on its way to { $count } subscriber.
       *[other] The digest is on its way to { $count } subscribers.
    }
flash-digest-test-sent = A test copy is on its way.

## Notices: channels and webhooks ($label is the name an organiser gave it)

flash-destination-added = “{ $label }” is added. Send it a test message to see it work.
# $code is an HTTP status code such as 200.
flash-destination-test-arrived = The test message arrived (HTTP { $code }).
# $response is what the other side answered, as it answered it.
flash-destination-test-refused = The test message was refused (HTTP { $code }): { $response }
# $response says why, as the network library reported it.
flash-destination-test-failed = The test message could not be sent: { $response }
flash-destination-paused = “{ $label }” is paused; its events wait.
flash-destination-resumed = “{ $label }” is sending again.
flash-destination-removed = “{ $label }” is removed.

## Notices: subscribers, suppressed addresses, organisers

flash-subscriber-removed = The subscriber is removed.
flash-suppression-added = The address is on the list; nothing more is sent to it.
# $address is the address, partly masked.
flash-suppression-removed = { $address } is off the list; mail to it is sent again.
flash-organiser-invited =
    { $hours ->
        [one] { $email } is invited; the link in their email works for { $hours } hour.
       *[other] { $email } is invited; the link in their email works for { $hours } hours.
    }
# $role is "admin" or "moderator".
flash-organiser-role =
    { $role ->
        [admin] { $email } is now an admin.
       *[moderator] { $email } is now a moderator.
    }
flash-organiser-disabled = { $email } is disabled: logged out, and their API tokens no longer work.
flash-organiser-enabled = { $email } is enabled again.
flash-organiser-link-sent = A new link is on its way to { $email }.
flash-token-revoked = The token is revoked; it no longer works.

# Two notices shown as one: the second sentence follows the first.
flash-sentences = { $first } { $second }

## Error pages: the heading, then the message below it

error-page-400-title = Bad request
error-page-400-message = This request could not be understood. The link may be incomplete, or the form out of date.
error-page-401-title = Please log in
error-page-401-message = You need to be logged in as an organiser to do this. Log in, then try again.
error-page-403-title = Not allowed
error-page-404-title = Page not found
error-page-404-message = There is no page at this address. It may have moved, or the link may be mistyped.
error-page-405-title = Method not allowed
error-page-405-message = This address does not accept that kind of request.
error-page-409-title = Conflict
error-page-413-title = Too large
error-page-413-message = What you sent is larger than this site accepts. Shorten it and try again.
error-page-422-title = Invalid input
error-page-429-title = Too many requests
error-page-429-message =
    { $seconds ->
        [one] Too many requests from here. Please wait { $seconds } second and try again.
       *[other] Too many requests from here. Please wait { $seconds } seconds and try again.
    }
error-page-500-title = Something went wrong
error-page-500-message = Something went wrong on our side. It has been logged; please try again.
error-page-503-title = Temporarily unavailable
error-page-503-message = The club is too busy to answer right now; please try again in a few seconds.
# Any other error.
error-page-other-title = Error
error-page-other-message = The request could not be handled.

## Labels

# The first link of the row that filters a topic's archive by kind.
label-filter-all = All
# The first choice of the status filter in the moderation queue.
label-filter-all-statuses = All
# Who took a step in a submission's history when it was not an organiser.
label-history-author = the author
# Who did something in the audit log: an organiser whose account is gone, or the command line.
label-audit-actor-removed = (removed)
label-audit-actor-command-line = command line
# In the digest preview, where each subscriber's email has their own unsubscribe link.
label-digest-preview-unsubscribe = (each subscriber's own unsubscribe link)
label-digest-preview-manage = (each subscriber's own page to change the language)
# The state of a topic's digest, in the list of digests.
label-digest-status-none = not built yet
label-digest-status-waiting = waiting
label-digest-status-empty = empty
label-digest-status-queued = queued
label-digest-status-sent = sent

# A form that was not filled in by a person, or was kept open too long.
form-stamp-incomplete = The form is incomplete. Reload the page and try again.
form-stamp-too-fast = That was faster than a person can fill in the form. Check your entry and send it again.
form-stamp-too-old = The form was open for more than a day. Check your entry and send it again.

title-topic-translations = “{ $title }” in other languages
flash-translation-saved = Saved the { $language } title and summary.
flash-translation-removed = The { $language } translation is removed.
