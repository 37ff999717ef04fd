# Field and value problems (invalid-…) and refusals (refused-domain-…) from the club's rules.
# Each is shown next to the field it is about on a form (or for that field in an API problem
# body), or as the message of a refused request. Values in “” or '' are what the person typed
# or a stored title; keep the quotation marks your language uses for them.

# Email addresses (submission form, subscription form, organiser accounts, the command line).
invalid-email-empty = Enter an email address.
invalid-email-too-long =
    { $max ->
        [one] That email address is too long ({ $max } character at most).
       *[other] That email address is too long ({ $max } characters at most).
    }
invalid-email-hidden-characters = An email address cannot contain spaces, invisible or control characters.
invalid-email-shape = Enter an email address like name@example.org.

# Links (submission form, organisers' entries, notification destinations). $max is a number of
# characters.
invalid-url-empty = Enter the link to your content.
invalid-url-too-long =
    { $max ->
        [one] The link may have at most { $max } character.
       *[other] The link may have at most { $max } characters.
    }
invalid-url-spaces = The link cannot contain spaces or control characters.
invalid-url-not-absolute = Enter a full link starting with https:// or http://.
invalid-url-scheme = Only http:// and https:// links can be submitted.
invalid-url-no-host = The link needs a host name, e.g. https://example.org/post.
invalid-url-host-incomplete = The link's host name looks incomplete.
invalid-url-credentials = Links with a user name or password in them cannot be submitted.
# The link fits as typed, but not once special characters are written as %XX codes.
invalid-url-too-long-encoded =
    { $max ->
        [one] The link may have at most { $max } character once encoded.
       *[other] The link may have at most { $max } characters once encoded.
    }

# Months and times (topic forms, the API and the command line). $value is what was typed;
# YYYY-MM and YYYY-MM-DDTHH:MM describe the format to type and stay as they are.
invalid-month = '{ $value }' is not a month; use YYYY-MM, e.g. 2025-03.
invalid-local-time = '{ $value }' is not a date and time; use YYYY-MM-DDTHH:MM.
# A time that a change to summer time skips in the club's time zone ($zone, e.g. Europe/Berlin).
invalid-local-time-skipped = { $value } does not exist in { $zone } (the clocks skip it); choose another time.
invalid-rfc3339-time = '{ $value }' is not an RFC 3339 time, e.g. 2025-03-01T00:00:00+01:00.

# Titles: of a topic, of a member's submission, of an organiser's entry.
invalid-title-empty = Enter a title.
invalid-title-too-long =
    { $max ->
        [one] A title may have at most { $max } character.
       *[other] A title may have at most { $max } characters.
    }
invalid-title-control = A title cannot contain control characters or line breaks.
invalid-title-link = A title cannot contain a web address; put the link in the link field.

# Summaries: of a topic, of a submission, of an organiser's entry.
invalid-summary-empty = Enter a short summary.
invalid-summary-too-long =
    { $max ->
        [one] The summary may have at most { $max } character.
       *[other] The summary may have at most { $max } characters.
    }
invalid-summary-control = The summary cannot contain control characters.

# The member's own name on the submission form.
invalid-your-name-empty = Enter your name.
invalid-your-name-too-long =
    { $max ->
        [one] Your name may have at most { $max } character.
       *[other] Your name may have at most { $max } characters.
    }
invalid-your-name-control = Your name cannot contain control characters or line breaks.
invalid-name-link = A name cannot contain a web address; put the link in the link field.

# The submission form: what is being shared. $kinds lists the kinds as the API names them
# (article, video, …).
invalid-submission-kind = Choose what you are sharing: { $kinds }.

# An organiser's entry (entry form, pasted lists, the API and the command line).
invalid-entry-kind = Choose a kind: { $kinds }.
invalid-author-name-empty = Enter the author's name.
invalid-author-name-too-long =
    { $max ->
        [one] The author's name may have at most { $max } character.
       *[other] The author's name may have at most { $max } characters.
    }
invalid-author-name-control = The author's name cannot contain control characters or line breaks.
# “Tell the author” was ticked without an email address.
invalid-author-email-needed = Give the author's address to tell them.
invalid-note-too-long =
    { $max ->
        [one] The note may have at most { $max } character.
       *[other] The note may have at most { $max } characters.
    }
invalid-note-control = The note cannot contain control characters.
# $tag is what was typed; en, de, pt-BR and zh-Hant are examples of tags and stay as they are.
invalid-language-tag = “{ $tag }” is not a language tag; use one like en, de, pt-BR or zh-Hant.
# $status is what was typed; published, pending, rejected and withdrawn are the words to type
# (in the API and on the command line) and stay as they are.
invalid-entry-status = “{ $status }” is not a status an organiser can set: use published, pending, rejected or withdrawn.
# A line of a pasted list of entries (preview of the list): it has no http(s) link in it.
invalid-list-line-no-link = no link

# Rejecting a submission (moderation queue).
invalid-reason-unlisted = Choose one of the listed reasons, or write your own.
invalid-reason-too-long =
    { $max ->
        [one] The reason may have at most { $max } printable character.
       *[other] The reason may have at most { $max } printable characters.
    }
invalid-reason-missing = Give the author a reason for the rejection.

# Topic form: the address (slug), the submission window, translations. A slug is written with
# the letters a–z, digits and hyphens; metrics-that-matter is an example slug.
invalid-slug-empty = Enter a slug, or leave it empty to derive one from the title.
invalid-slug-too-long =
    { $max ->
        [one] A slug may have at most { $max } character.
       *[other] A slug may have at most { $max } characters.
    }
invalid-slug-shape = Use lowercase letters, digits and single hyphens, e.g. metrics-that-matter.
invalid-slug-reserved = '{ $slug }' is reserved; choose another slug.
invalid-window-order = The window must close after it opens.
# $languages lists language tags (zh-CN, ja, …).
invalid-translation-language = Translate into one of: { $languages }.
# $language is the club's own language tag, e.g. en.
invalid-translation-own-language = The topic itself is written in { $language }; change its own title and summary instead.

# Round-up form. $ids lists entry ids.
invalid-intro-too-long =
    { $max ->
        [one] The introduction may have at most { $max } character.
       *[other] The introduction may have at most { $max } characters.
    }
invalid-intro-missing = Write the introduction before publishing the round-up.
invalid-roundup-unknown-entries = Not entries of this topic: { $ids }.
invalid-roundup-repeated-entry = Name each entry once.

# Notification destinations (Channels and webhooks). $kinds and $events list names as the API
# writes them (slack, topic.opened, …); $event is what was sent.
invalid-destination-kind = Choose one of: { $kinds }.
invalid-destination-label =
    { $max ->
        [one] The name may have at most { $max } character on one line.
       *[other] The name may have at most { $max } characters on one line.
    }
invalid-destination-event = “{ $event }” is not an event; choose from { $events }.
invalid-destination-events-empty = Choose at least one event.
invalid-destination-reminder-days = Remind between { $min } and { $max } days before the close.

# Organiser accounts and API tokens. admin and moderator are the roles as typed (command line,
# API) and stay as they are.
invalid-password-too-short =
    { $min ->
        [one] The password needs at least { $min } character.
       *[other] The password needs at least { $min } characters.
    }
invalid-password-too-long =
    { $max ->
        [one] The password may have at most { $max } character.
       *[other] The password may have at most { $max } characters.
    }
invalid-display-name-empty = Enter a display name.
invalid-display-name-too-long =
    { $max ->
        [one] The display name may have at most { $max } character.
       *[other] The display name may have at most { $max } characters.
    }
invalid-display-name-control = The display name cannot contain control characters.
invalid-token-label =
    { $max ->
        [one] The label may have at most { $max } printable character.
       *[other] The label may have at most { $max } printable characters.
    }
invalid-role = unknown role '{ $role }': use admin or moderator

# Refused: a topic's month or slug is taken (topic form, next to the field). $month is the
# month's number (1–12) and $year the year: the month that already has a topic.
refused-domain-month-taken =
    { $month ->
        [1] January
        [2] February
        [3] March
        [4] April
        [5] May
        [6] June
        [7] July
        [8] August
        [9] September
        [10] October
        [11] November
       *[12] December
    } { $year } already has a topic: “{ $title }” ({ $slug }).
# $month is the other topic's month as YYYY-MM.
refused-domain-slug-taken = The slug '{ $slug }' is taken by “{ $title }” ({ $month }).
refused-domain-topic-has-submissions =
    { $count ->
        [one] “{ $title }” has { $count } submission; it cannot be deleted. Move it to another month, or make it a draft, instead.
       *[other] “{ $title }” has { $count } submissions; it cannot be deleted. Move it to another month, or make it a draft, instead.
    }

# Refused: a submission to a topic that is not open (submission form, API).
refused-domain-topic-not-open-yet = “{ $title }” does not take submissions yet.
refused-domain-topic-closed = “{ $title }” is closed; it no longer takes submissions.
# Refused: the link is in the topic already (submission form, next to the link).
refused-domain-link-submitted = This link has already been submitted for this topic.
# The same for organisers: $id is the entry's public id (its address is /submissions/$id) and
# $status where it stands (published, pending, rejected, withdrawn or unconfirmed).
refused-domain-link-in-topic = This topic has this link already: “{ $title }” (/submissions/{ $id }, { $status }).
# Refused: the author tries to change or withdraw a submission that has been decided. $status
# is approved, rejected or withdrawn.
refused-domain-submission-not-changeable = This submission is { $status } and can no longer be changed.
refused-domain-submission-not-withdrawable = This submission is { $status } and can no longer be withdrawn.

# Refused: a change that would leave the club without an admin who can log in (Organisers page).
refused-domain-last-admin-demote = { $email } is the last active admin; making them a moderator would leave nobody to manage the club.
refused-domain-last-admin-disable = { $email } is the last active admin; disabling them would leave nobody to manage the club.

# Refused: sending or building a topic's digest (Digests page, API).
refused-domain-digest-sent = This digest has been sent already.
refused-domain-digest-empty = This topic has no approved entries; there is nothing to send.
refused-domain-topic-still-open = “{ $title }” is still open; its digest is built when it closes.
