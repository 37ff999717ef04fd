# Shared by every page and email: how dates are written, the site's frame, the names of kinds and states.
# Date patterns use strftime codes (%-d day, %B month name, %b short month name, %A weekday,
# %a short weekday, %Y year, %-m month number, %H:%M time, %Z zone).

format-date = %-d %B %Y
format-datetime = %a %-d %b %Y, %H:%M %Z
format-month = %B %Y

site-skip-link = Skip to content
site-nav-label = Main
nav-schedule = Schedule
nav-dashboard = Dashboard
nav-organisers = Organisers
nav-log-out = Log out { $name }
site-footer = { $club } · runs on Content Club
language-switcher-label = Language

feed-everything-title = { $club }: everything published
feed-everything-json-title = { $club }: everything published (JSON Feed)
feed-schedule-title = { $club }: schedule
feed-topic-rss-title = { $title } (RSS)
feed-topic-json-title = { $title } (JSON Feed)

kind-article = Article
kind-video = Video
kind-post = Post
kind-podcast = Podcast
kind-talk = Talk
kind-other = Other

topic-status-upcoming = Upcoming
topic-status-open = Open for submissions
topic-status-closed = Closed — archive

submission-status-unconfirmed = Unconfirmed
submission-status-pending = Pending
submission-status-approved = Approved
submission-status-rejected = Rejected
submission-status-withdrawn = Withdrawn

role-admin = Admin
role-moderator = Moderator

closes-in =
    { $days ->
        [0] Closes today
        [one] Closes in { $days } day
       *[other] Closes in { $days } days
    }

digest-group-highlights = Highlights
digest-group-article = Articles
digest-group-video = Videos
digest-group-post = Posts
digest-group-podcast = Podcasts
digest-group-talk = Talks
digest-group-other = Other

# The preset reasons an organiser can give when turning an entry down (shown to organisers and
# in the mail to the member).
rejection-reason-0 = Not on this month's topic
rejection-reason-1 = Behind a paywall or an email gate
rejection-reason-2 = Already submitted or covered
rejection-reason-3 = Not the author's own work
