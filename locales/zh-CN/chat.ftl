# Chat messages (Slack, Discord, Teams…) about club events: a title and a short text each.

# Test message an organiser sends to a new destination ($destination is its name, $events the list of events it receives)
chat-destination-test-title = 来自 { $club } 的测试消息
chat-destination-test-text = 此接收端（{ $destination }）已设置完成：{ $events } 的消息会发送到这里。

# A digest went out ($title is the topic's title); followed by the link to its web version
chat-digest-sent-title = “{ $title }”的摘要邮件已发出
chat-digest-sent-text = 已成功发送给 { $recipients } 位订阅者中的 { $sent } 位。在网页上阅读：
chat-digest-sent-text-failed = 已成功发送给 { $recipients } 位订阅者中的 { $sent } 位（{ $failed } 位发送失败）。在网页上阅读：

# A new entry waits for moderation ($kind is article, video, post, podcast, talk or other; $topic the topic's title); followed by the link to the queue
chat-entry-pending-title = 等待审核：{ $title }
chat-entry-pending-text =
    { $kind ->
        [article] 主题 *{ $topic }* 收到一篇新文章，正在审核队列中等待：
        [video] 主题 *{ $topic }* 收到一个新视频，正在审核队列中等待：
        [post] 主题 *{ $topic }* 收到一篇新帖子，正在审核队列中等待：
        [podcast] 主题 *{ $topic }* 收到一期新播客，正在审核队列中等待：
        [talk] 主题 *{ $topic }* 收到一场新演讲，正在审核队列中等待：
       *[other] 主题 *{ $topic }* 收到一条新内容，正在审核队列中等待：
    }

# An entry was published ($kind as above, $author who made it, $topic the topic's title)
chat-entry-published-title = 存档新增：{ $title }
chat-entry-published-text-by =
    { $kind ->
        [article] 主题 *{ $topic }* 新增一篇文章，作者：{ $author }。
        [video] 主题 *{ $topic }* 新增一个视频，作者：{ $author }。
        [post] 主题 *{ $topic }* 新增一篇帖子，作者：{ $author }。
        [podcast] 主题 *{ $topic }* 新增一期播客，作者：{ $author }。
        [talk] 主题 *{ $topic }* 新增一场演讲，作者：{ $author }。
       *[other] 主题 *{ $topic }* 新增一条内容，作者：{ $author }。
    }
chat-entry-published-text =
    { $kind ->
        [article] 主题 *{ $topic }* 新增一篇文章。
        [video] 主题 *{ $topic }* 新增一个视频。
        [post] 主题 *{ $topic }* 新增一篇帖子。
        [podcast] 主题 *{ $topic }* 新增一期播客。
        [talk] 主题 *{ $topic }* 新增一场演讲。
       *[other] 主题 *{ $topic }* 新增一条内容。
    }

# The link of an entry in the archive stopped working; each line is followed by a link (the entry's, then the dashboard's)
chat-link-broken-title = 链接失效：{ $title }
chat-link-broken-text = 条目 *{ $title }* 的链接返回“未找到”：
chat-link-broken-fix = 请在管理面板中为它换一个新链接：

# A month's round-up was published ($month is e.g. "March 2025")
chat-roundup-published-title = { $month }回顾：{ $title }

# A month's topic was announced ($opens and $closes are dates and times)
chat-topic-announced-title = { $club }：{ $month } — { $title }
chat-topic-announced-text = { $month }的主题已公布： *{ $title }* 。投稿时间为 { $opens } 至 { $closes }。

# Reminder a few days before a topic closes ($days is the number of days left, $count the entries published so far); followed by the link to submit
chat-topic-closing-soon-title = 距离投稿截止还有 { $days } 天：{ $title }
chat-topic-closing-soon-text =
    { $count ->
        [0] 主题 *{ $title }* 将于 { $closes } 截止投稿，目前还没有人分享。快来投稿：
       *[other] 主题 *{ $title }* 将于 { $closes } 截止投稿，目前已有 { $count } 篇分享。快来投稿：
    }

# A topic opened for submissions; followed by the link to submit
chat-topic-opened-title = 开始征集投稿：{ $title }
chat-topic-opened-text = 主题 *{ $title }* 接受投稿至 { $closes }。欢迎分享你的文章、视频、帖子、播客或演讲：
