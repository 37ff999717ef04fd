format-date = %Y年%-m月%-d日
format-datetime = %Y年%-m月%-d日（%a）%H:%M %Z
format-month = %Y年%-m月

site-skip-link = 跳到正文
site-nav-label = 主导航
nav-schedule = 日程
nav-dashboard = 管理面板
nav-organisers = 组织者
nav-log-out = 退出登录（{ $name }）
site-footer = { $club } · 由 Content Club 驱动
language-switcher-label = 语言

feed-everything-title = { $club }：全部已发布内容
feed-everything-json-title = { $club }：全部已发布内容（JSON Feed）
feed-schedule-title = { $club }：日程
feed-topic-rss-title = { $title }（RSS）
feed-topic-json-title = { $title }（JSON Feed）

kind-article = 文章
kind-video = 视频
kind-post = 帖子
kind-podcast = 播客
kind-talk = 演讲
kind-other = 其他

topic-status-upcoming = 即将开始
topic-status-open = 正在征集
topic-status-closed = 已截止 — 存档

submission-status-unconfirmed = 未确认
submission-status-pending = 待审核
submission-status-approved = 已通过
submission-status-rejected = 未通过
submission-status-withdrawn = 已撤回

role-admin = 管理员
role-moderator = 审核员

closes-in =
    { $days ->
        [0] 今天截止
       *[other] { $days } 天后截止
    }

digest-group-highlights = 精选
digest-group-article = 文章
digest-group-video = 视频
digest-group-post = 帖子
digest-group-podcast = 播客
digest-group-talk = 演讲
digest-group-other = 其他

rejection-reason-0 = 与本月主题无关
rejection-reason-1 = 需要付费或留下邮箱才能阅读
rejection-reason-2 = 已有人提交或已涵盖
rejection-reason-3 = 不是作者本人的作品
