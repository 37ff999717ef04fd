# Emails: the text part and the HTML part of each email use the same messages. Subjects are
# one line. English bodies start the sentence after the greeting in lower case ("Hello Ada,
# someone tried…"); write what is natural in your language.

# Greetings at the top of every email ($name is the recipient's name)
email-hello-name = Hello { $name },
email-hello = Hello,

# Digest email (sent to subscribers when a month's topic closes): subject, body text and HTML
email-digest-subject =
    { $count ->
        [one] { $club } · { $month }: { $title } ({ $count } new)
       *[other] { $club } · { $month }: { $title } ({ $count } new)
    }
email-digest-shared =
    { $count ->
        [0] Members shared no entries on this topic.
        [one] Members shared { $count } entry on this topic.
       *[other] Members shared { $count } entries on this topic.
    }
# Below an entry's title ($author is the name of who made it)
email-digest-by = by { $author }
# Label before the organiser's note on an entry
email-digest-note-label = Organiser's note:
# Links to the topic's page and to its feed
email-digest-archive-link = The whole archive
email-digest-feed-link = Follow it in a feed reader
# The next month's topic ($month is e.g. "April 2025", $title its title), then a link to submit to it
email-digest-next = Next up, { $month }: { $title }.
email-digest-share-own = Share your own
# Footer of the digest
email-digest-why = You receive this because you subscribed to the { $club } digest.
email-digest-unsubscribe = Unsubscribe with one click
email-digest-change-language = Change the language of this digest
# Subject of a digest sent as a test to one address ($subject is the digest's own subject)
email-digest-test-subject = [Test] { $subject }

# Email to an author whose piece an organiser added to the archive
email-entry-added-subject = In the archive: { $title }
email-entry-added-intro = an organiser of { $club } added your piece “{ $title }” to the archive for “{ $topic }”:
email-entry-added-thanks = Thank you for making it. If anything in the entry is wrong, reply to this message.

# Email to an organiser after many failed logins to their account
email-login-alert-subject = Failed logins to your { $club } organiser account
email-login-alert-intro =
    { $failures ->
        [one] someone tried to log in to your organiser account at { $club } with a wrong password at least once in the last hour.
       *[other] someone tried to log in to your organiser account at { $club } with a wrong password at least { $failures } times in the last hour.
    }
email-login-alert-reassure = If that was you, there is nothing to do. If it was not, your account is still safe as long as your password is long and used nowhere else; each address that keeps guessing has to wait longer and longer between tries.
# Text part only, followed by the address of the account page
email-login-alert-account-page = You can change your password, and log out everywhere, on your account page:
# Button in the HTML part
email-login-alert-button = Change your password or log out everywhere
email-login-alert-frequency = We send this at most once a day.

# Email inviting someone to become an organiser ($inviter is who sent it, $role is "admin" or "moderator"), followed by the link
email-organiser-invite-subject = You are invited to organise { $club }
email-organiser-invite-intro =
    { $role ->
        [admin] { $inviter } invited you to help organise { $club } as an admin. To accept, choose a password:
       *[moderator] { $inviter } invited you to help organise { $club } as a moderator. To accept, choose a password:
    }
email-organiser-invite-button = Accept and choose a password
# $expires is a date and time
email-organiser-invite-expiry = The link works once, until { $expires }. If you did not expect this invitation, ignore this message.

# Email with a link to set a new organiser password ($inviter is the admin who sent it), followed by the link
email-organiser-reset-subject = Set a new password for { $club }
email-organiser-reset-intro = { $inviter } sent you a link to set a new password for your organiser account at { $club }:
email-organiser-reset-button = Set a new password
# $expires is a date and time
email-organiser-reset-expiry = The link works once, until { $expires }. Setting the password logs you out everywhere else. If you did not ask for this, tell { $inviter }; your current password keeps working until the link is used.

# Email to an author: their submission was approved ($topic is the topic's title), followed by the topic's link
email-submission-approved-subject = Published: { $title }
email-submission-approved-intro = your submission “{ $title }” is approved and now part of the archive for “{ $topic }”:
email-submission-approved-thanks = Thank you for sharing it with { $club }.

# Email to an author asking them to confirm their submission
email-submission-confirm-subject = Please confirm your submission: { $title }
# Followed by the submission's title and the host of its link
email-submission-confirm-intro = thank you for your submission to { $club } for “{ $topic }”:
# Below the submission's title ($host is e.g. "example.org")
email-submission-confirm-link-host = a link to { $host }
email-submission-confirm-ask = Please confirm that it was you who sent it.
# Text part only, followed by the confirmation address
email-submission-confirm-open-page = Open this page and press the button:
email-submission-confirm-expiry =
    { $hours ->
        [one] Until you confirm, nobody reviews it; unconfirmed submissions are removed after { $hours } hour.
       *[other] Until you confirm, nobody reviews it; unconfirmed submissions are removed after { $hours } hours.
    }
# Button in the HTML part
email-submission-confirm-button = Confirm my submission
# Followed by the private link to change or withdraw the submission
email-submission-confirm-edit = While it waits for moderation you can change or withdraw it here (keep this link private):
# Text of that link in the HTML part
email-submission-confirm-edit-link = Change or withdraw my submission
email-submission-confirm-ignore = If you did not submit anything, ignore this message.

# Email to an author: their submission was not published
email-submission-rejected-subject = Not published: { $title }
email-submission-rejected-intro = thank you for your submission “{ $title }” for “{ $topic }”. The organisers decided not to publish it.
# Label before the organisers' reason
email-submission-rejected-reason-label = Reason:
email-submission-rejected-welcome = You are welcome to submit something else while the topic is open, or to a later topic.

# Email asking a new subscriber to confirm their subscription to the digest
email-subscribe-confirm-subject = Confirm your subscription to { $club }
email-subscribe-confirm-intro = someone (we hope you) asked to receive the { $club } digest at this address: one email when each month's topic closes, with everything members shared on it.
# Button in the HTML part
email-subscribe-confirm-button = Confirm my subscription
# Text part only, followed by the confirmation address
email-subscribe-confirm-open-page = To start, open this page and press the button:
email-subscribe-confirm-ignore = If it was not you, ignore this message; without confirmation we send nothing more.
