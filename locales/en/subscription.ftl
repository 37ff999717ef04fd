# The subscriber's own page, linked from the footer of every digest.
subscription-title = Your subscription
subscription-heading = Your digest subscription
subscription-intro = The digest goes to { $email }.
subscription-saved = Saved: your next digests come in this language.
subscription-language-label = Language of your digest
subscription-language-save = Save language
subscription-leave-heading = Stop the digest
subscription-unsubscribe = Unsubscribe
