# Feeds and the calendar speak the club's language; each entry keeps its own.
feed-note-label = Organiser's note:
feed-roundup-title = { $title }: the { $month } round-up
feed-topic-description = Contributions on “{ $title }”
feed-club-description = Everything published at { $club }, newest first
feed-schedule-window = Submissions open { $opens } and close { $closes }.
feed-schedule-item-title = { $month }: { $title }
feed-schedule-description = Each month's topic and call for content at { $club }
feed-opml-title = { $club } feeds
calendar-submit = Submit your content: { $url }
calendar-deadline-title = Last day to submit: { $club }: { $title }
calendar-deadline-description = Submissions to “{ $title }” close { $closes }. Submit your content: { $url }
