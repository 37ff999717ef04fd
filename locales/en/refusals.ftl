# Refusals (refused-…) from the club's pages, API and command line: why a request was not
# carried out. Each is shown as the message of an error page or a flash line, next to the field
# it is about on a form, or as the detail of an API problem body. Values in “” are what the
# person typed; keep the quotation marks your language uses for them.

# Any form or API request: the form is too old or comes from elsewhere, the page or token is
# for admins, the JSON body is broken ($detail is the parser's technical explanation, in English).
refused-form-expired = This form has expired or was not sent from this site. Go back, reload the page and try again.
refused-cross-site-form = This form was sent from another site. Open the page on this site and send it from there.
refused-admins-only = This page is for club admins.
refused-admin-token-only = This needs an admin's token; moderators only moderate submissions.
refused-json-unreadable = The JSON body could not be read: { $detail }

# Links from emails that no longer work (the subscription page, a member's private link to
# their submission, an organiser's invitation or password link).
refused-subscription-link-invalid = This link is not valid, or has expired. Subscribe again to get a new one.
refused-private-link-invalid = This private link is not valid. Use the link from your email exactly as it was sent.
refused-submission-withdrawn = This submission was withdrawn.
refused-organiser-link-expired = This link has expired or was used already. Ask an admin of the club to send you a new one.

# The language for a subscriber's mail (subscription page and API). $languages lists the
# language tags, such as “en, zh-CN, ja”.
refused-mail-language-unknown = Choose one of these languages: { $languages }.

# Organiser accounts (organisers page, account page, password link, command line).
refused-organiser-email-taken = An organiser with the email { $email } exists already.
# Only on the command line, when an organiser is named by email.
refused-organiser-unknown-email = no organiser with the email { $email }
refused-organiser-disabled = { $email } is disabled; enable the account first.
refused-organiser-disable-self = You cannot disable your own account.
refused-password-not-current = That is not your current password.
refused-passwords-differ = The two passwords differ.

# Moderation (moderation queue, API). $status is the submission's state: unconfirmed,
# pending, approved, rejected or withdrawn.
refused-decision-unknown = Choose approve or reject.
refused-decision-not-pending = This submission is { $status }; only pending submissions can be decided.

# Organisers' entries (entry edit form, the list of entries to add, API).
refused-entry-patch-empty = Nothing to change: name at least one field.
refused-entry-topic-unknown = There is no topic “{ $slug }”.
refused-entry-link-taken = This topic has this link already.
# A line of a pasted list whose fields have problems, shown after the line: $field is the
# field's name as the API spells it (title, url, …) and $problem what is wrong with it.
refused-list-line-field = { $field }: { $problem }
# Between the problems of one line, when several fields have one.
refused-list-line-separator = { "; " }
# A line whose link an earlier line of the same list has; $line is that line's number.
refused-list-line-repeated = the same link as line { $line }
# API only: the request names the list neither as text nor as entries, or has too many.
refused-bulk-text-or-entries = Send either "text" or "entries".
refused-bulk-too-many =
    { $max ->
        [one] At most { $max } entry at once.
       *[other] At most { $max } entries at once.
    }
# API only: a submission state to filter by; $statuses lists them (“unconfirmed, pending, …”).
refused-status-unknown = Use one of: { $statuses }.

# Topics and the schedule (topic form, API).
refused-topic-month-missing = Give the month as YYYY-MM.
refused-topic-title-missing = Give a title.
refused-schedule-changed-meanwhile = Another change to the schedule happened at the same time; try again.

# Other admin pages: a destination's reminder days, a place in the round-up ($number is what
# was typed), a webhook secret, a digest, the suppression list.
refused-reminder-days-not-number = Give the days as a number.
refused-roundup-place-not-number = “{ $number }” is not a place number; use 1, 2, 3 … or leave it empty.
refused-destination-not-signed = Only generic webhooks are signed.
refused-digest-already-sent = This digest has been sent already.
refused-address-suppressed-already = That address is on the list already.

# Command line only: sample content for a month without a topic.
refused-demo-no-topic = this month has no topic to fill

# The mail providers' webhooks (read by the provider or whoever looks at its delivery log) and
# `content-club bounces read`. $detail is the parser's technical explanation, in English.
refused-hook-signature-reused = this signature was used before for other reports
refused-hook-not-sns = the body is not an SNS message: { $detail }
refused-hook-not-json = the body is not JSON: { $detail }
refused-hook-sns-topic = this SNS topic is not one the club takes
refused-hook-sns-certificate = the signing certificate is not Amazon SNS's
refused-hook-sns-unsigned-fields = the SNS message lacks fields its signature covers
refused-hook-sns-signature = the SNS signature does not fit
refused-hook-sns-subscription-link = the subscription link is not Amazon SNS's
refused-hook-mailgun-signature = the Mailgun signature does not fit
refused-hook-mailgun-signature-old = the Mailgun signature is too old
refused-hook-postmark-credentials = the Postmark credentials do not fit
refused-hook-sendgrid-signature = the SendGrid signature does not fit
refused-report-not-a-report = this is not a delivery status notification (RFC 3464) or an abuse report (RFC 5965) about a failed recipient

# A form or query string the service could not decode ($detail is the decoder's own words).
refused-form-unreadable = The form could not be read: { $detail }
refused-query-unreadable = The query string could not be read: { $detail }
