# Chat messages (Slack, Discord, Teams…) about club events: a title and a short text each.
# *Asterisks* make bold text; keep them around the title, with spaces around them if your
# language has no spaces between words. Texts ending with ":" are followed by a link.

# Test message an organiser sends to a new destination ($destination is its name, $events the list of events it receives)
chat-destination-test-title = Test message from { $club }
chat-destination-test-text = This destination ({ $destination }) is set up: messages for { $events } arrive here.

# A digest went out ($title is the topic's title); followed by the link to its web version
chat-digest-sent-title = The digest of { $title } went out
chat-digest-sent-text =
    { $recipients ->
        [one] Sent to { $sent } of { $recipients } subscriber. Read it on the web:
       *[other] Sent to { $sent } of { $recipients } subscribers. Read it on the web:
    }
chat-digest-sent-text-failed =
    { $recipients ->
        [one] Sent to { $sent } of { $recipients } subscriber ({ $failed } failed). Read it on the web:
       *[other] Sent to { $sent } of { $recipients } subscribers ({ $failed } failed). Read it on the web:
    }

# A new entry waits for moderation ($kind is article, video, post, podcast, talk or other; $topic the topic's title); followed by the link to the queue
chat-entry-pending-title = Waiting for moderation: { $title }
chat-entry-pending-text =
    { $kind ->
        [article] A new article for *{ $topic }* waits in the moderation queue:
        [video] A new video for *{ $topic }* waits in the moderation queue:
        [post] A new post for *{ $topic }* waits in the moderation queue:
        [podcast] A new podcast for *{ $topic }* waits in the moderation queue:
        [talk] A new talk for *{ $topic }* waits in the moderation queue:
       *[other] A new entry for *{ $topic }* waits in the moderation queue:
    }

# An entry was published ($kind as above, $author who made it, $topic the topic's title)
chat-entry-published-title = New in the archive: { $title }
chat-entry-published-text-by =
    { $kind ->
        [article] An article by { $author } on *{ $topic }*.
        [video] A video by { $author } on *{ $topic }*.
        [post] A post by { $author } on *{ $topic }*.
        [podcast] A podcast by { $author } on *{ $topic }*.
        [talk] A talk by { $author } on *{ $topic }*.
       *[other] An entry by { $author } on *{ $topic }*.
    }
chat-entry-published-text =
    { $kind ->
        [article] An article on *{ $topic }*.
        [video] A video on *{ $topic }*.
        [post] A post on *{ $topic }*.
        [podcast] A podcast on *{ $topic }*.
        [talk] A talk on *{ $topic }*.
       *[other] An entry on *{ $topic }*.
    }

# The link of an entry in the archive stopped working; each line is followed by a link (the entry's, then the dashboard's)
chat-link-broken-title = A link died: { $title }
chat-link-broken-text = The link of *{ $title }* answers “not found”:
chat-link-broken-fix = Give it a new one on the dashboard:

# A month's round-up was published ($month is e.g. "March 2025")
chat-roundup-published-title = The { $month } round-up: { $title }

# A month's topic was announced ($opens and $closes are dates and times)
chat-topic-announced-title = { $club }: { $month } — { $title }
chat-topic-announced-text = { $month }'s topic is announced: *{ $title }*. Submissions open { $opens } and close { $closes }.

# Reminder a few days before a topic closes ($days is the number of days left, $count the entries published so far); followed by the link to submit
chat-topic-closing-soon-title =
    { $days ->
        [one] Last day to submit: { $title }
       *[other] { $days } days left to submit: { $title }
    }
chat-topic-closing-soon-text =
    { $count ->
        [0] Submissions to *{ $title }* close { $closes }. Nothing shared so far. Submit yours:
        [one] Submissions to *{ $title }* close { $closes }. { $count } entry shared so far. Submit yours:
       *[other] Submissions to *{ $title }* close { $closes }. { $count } entries shared so far. Submit yours:
    }

# A topic opened for submissions; followed by the link to submit
chat-topic-opened-title = Submissions are open: { $title }
chat-topic-opened-text = *{ $title }* takes submissions until { $closes }. Share your article, video, post, podcast or talk:
