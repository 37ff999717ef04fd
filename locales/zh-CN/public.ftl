# 公开页面：成员和访客无需登录即可看到的页面。

# 首页（/）：本月主题、后续安排、近期存档。
home-lede = 每月一个主题。成员分享围绕主题创作的内容——文章、视频、帖子、播客、演讲——通过审核的内容都会收入公开存档。
home-heading-this-month = 本月主题：{ $title }
# $closes 为日期和时间。
home-open-until = 征集截止时间：{ $closes }。
home-submit-button = 为“{ $title }”投稿
home-see-shared = 查看目前已分享的内容
home-no-topic-heading = 当前没有正在征集的主题
# 后接指向日程的链接（home-no-topic-schedule-link）。
home-no-topic-hint = 下一个主题请查看日程。
home-no-topic-schedule-link = 查看日程
home-upcoming-heading = 即将开始
# 接在即将开始的主题名称之后：$month 为年月，$opens 为日期和时间。
home-upcoming-when = { $month }，{ $opens } 开始
home-recent-heading = 近期存档
home-whole-schedule = 完整日程

# 日程页（/topics）：按年份列出每月主题。
schedule-heading = 日程
# $timezone 为时区名称，如 Europe/Berlin。
schedule-intro = 每月一个主题。时间均按 { $timezone } 显示。
# 后接三个链接：日程订阅源、全部已发布内容、OPML。
schedule-feeds-intro = 可以用订阅阅读器关注：日程订阅源会通知每月的新主题，“全部已发布内容”订阅源包含所有通过审核的内容，OPML 文件则可一次导入所有主题的订阅源。
schedule-feed-schedule-link = 日程订阅源
schedule-feed-everything-link = 全部已发布内容
schedule-feed-opml-link = 全部订阅源（OPML）
# 后接两个链接：在日历应用中订阅、下载 .ics 文件。
schedule-calendar-intro = 将日程添加到日历：
schedule-calendar-subscribe-link = 在日历应用中订阅
schedule-calendar-download-link = 下载 schedule.ics
# 日程中每个主题旁的小标签。
schedule-badge-open = 正在征集
schedule-badge-upcoming = 即将开始
schedule-badge-archive = 存档
schedule-empty = 暂无已安排的主题。

# 主题页（/topics/…）：主题、起止时间、回顾和内容存档。
topic-breadcrumb-schedule = 日程
topic-draft-notice = 草稿：在主题公布之前，只有组织者能看到此页面。
topic-window-status = 状态
topic-window-opens = 开始时间
topic-window-closes = 截止时间
topic-roundup-heading = 回顾
topic-roundup-link = 在单独页面阅读回顾
# 折叠区域，内含主题最初的说明。
topic-call-summary = 征集说明
topic-submit-button = 我要投稿
topic-follow-heading = 关注此主题
# 后接两个链接：RSS 订阅源 · JSON Feed。
topic-follow-intro = 新内容一经审核通过，就会出现在此主题的订阅源中。将地址粘贴到你的订阅阅读器：
topic-follow-rss-link = RSS 订阅源
topic-follow-json-link = JSON Feed
# 后接指向俱乐部全部内容订阅源的链接。
topic-follow-everything = 如需关注俱乐部发布的所有内容：
topic-follow-everything-link = 俱乐部的完整订阅源
topic-archive-heading =
    { $count ->
        [0] 存档中还没有内容
       *[other] 存档（{ $count } 篇）
    }
# 按类型筛选存档的一排链接的 aria-label。
topic-filter-label = 按类型筛选
topic-highlight-badge = 精选
# 位于内容类型和作者名（可能是链接）之间：“文章 · 作者：张三”。
topic-entry-author-label = · 作者：
topic-permalink = 永久链接
topic-note-label = 组织者点评：
topic-empty-kind = 暂无此类型的内容。
topic-empty = 暂无已发布的内容。
# 接在 topic-empty 之后，指向投稿表单的链接。
topic-empty-be-first-link = 来做第一个投稿的人吧

# 回顾页（/topics/…/roundup）：组织者对已截止主题的回顾。
roundup-page-breadcrumb-schedule = 日程
# $month 为年月：“生产环境中的 Rust：2025年3月回顾”。
roundup-page-heading = { $title }：{ $month }回顾
roundup-page-draft-notice = 草稿：在回顾发布之前，只有组织者能看到此页面。
roundup-page-highlight-badge = 精选
# 内容类型和作者：$kind 为 article、video、post、podcast、talk、other 之一。
roundup-page-kind-by =
    { $kind ->
        [article] 文章
        [video] 视频
        [post] 帖子
        [podcast] 播客
        [talk] 演讲
       *[other] 其他
    } · 作者：{ $author }
roundup-page-permalink = 永久链接
roundup-page-note-label = 组织者点评：
roundup-page-archive-link = 此主题的完整存档
roundup-page-markdown-link = Markdown 格式
roundup-page-text-link = 用于发帖的纯文本

# 摘要页（/topics/…/digest）：摘要邮件的网页版。
# 标题上方的小字；$month 为年月。
digest-page-kicker = 摘要 · { $month }
digest-page-count =
    { $count ->
        [0] 成员在此主题下没有分享内容。
       *[other] 成员在此主题下分享了 { $count } 篇内容。
    }
digest-page-by = 作者：{ $author }
digest-page-note-label = 组织者点评：
digest-page-archive-link = 完整存档
digest-page-feed-link = 存档的订阅源
# 后接下一个主题的名称（链接）和 digest-page-next-share-link。
digest-page-next = 下期主题（{ $month }）：
digest-page-next-share-link = 分享你的作品
digest-page-subscribe-link = 通过邮件接收下一期摘要

# 错误页：出现任何错误时显示；标题和说明由程序提供。
# 后接以代码样式显示的请求编号。
error-page-request-id-hint = 如需就此问题联系俱乐部组织者，请提供以下请求编号：
error-page-home-link = 返回首页

# 内容页（/submissions/…）：已发布内容的永久链接页面。
# 位于作者名（可能是链接）之前：“作者：张三”。
submission-page-author-label = 作者：
submission-page-published = 发布于 { $date }
# 打开内容本身的按钮；$kind 为 article、video、post、podcast、talk、other 之一。
submission-page-open =
    { $kind ->
        [article] 阅读文章
        [video] 观看视频
        [post] 阅读帖子
        [podcast] 收听播客
        [talk] 观看演讲
       *[other] 打开链接
    }

# 确认页（作者邮件中的链接）：作者确认自己的投稿。
submission-confirm-heading = 确认你的投稿
# 后接主题名称（链接）。
submission-confirm-topic-label = 投稿主题：
submission-confirm-button = 确认投稿
submission-confirm-scanner-note = 在你按下按钮之前不会有任何操作，因此邮件扫描程序打开链接不会确认任何内容。
# 后接加粗显示的投稿状态（待审核、已通过等）。
submission-confirm-already = 此投稿已确认。当前状态：
submission-confirm-edit-link = 修改或撤回投稿

# 编辑页（作者邮件中的链接）：作者修改或撤回自己的投稿。
submission-edit-heading = 你的投稿
# 后接加粗显示的投稿状态（待审核、已通过等）。
submission-edit-status-label = 状态：
submission-edit-errors-notice = 请修改下方标出的字段。
submission-edit-kind-label = 你要分享的是什么？
submission-edit-title-label = 标题
submission-edit-url-label = 链接
submission-edit-summary-label = 简短介绍
submission-edit-author-name-label = 你的名字
submission-edit-author-link-label = 你的网站或个人主页（选填）
submission-edit-save-button = 保存修改
submission-edit-withdraw-heading = 撤回
submission-edit-withdraw-button = 撤回我的投稿
submission-edit-locked = 此投稿已无法修改。

# 投稿表单（/topics/…/submit）。
# 面包屑导航的最后一项：主题 › 投稿。
submit-breadcrumb = 投稿
submit-heading = 为“{ $title }”投稿
# 主题未在征集时显示；$opens 和 $closes 为日期和时间。
submit-closed-window = 征集时间为 { $opens } 至 { $closes }。
submit-schedule-link = 查看日程
submit-intro = 分享你围绕本月主题创作的文章、视频、帖子、播客或演讲。投稿截止时间：{ $closes }。
submit-rules-heading = 投稿规则
submit-rule-on-topic = 内容须符合本月主题。
submit-rule-free = 内容须可免费阅读、观看或收听：没有付费墙，也无需注册邮箱。
submit-rule-yours = 内容须由你创作，或你参与了创作。
submit-rules-process = 我们会通过邮件发送确认链接。组织者会审核每一篇投稿；通过审核的内容将连同你的名字一起出现在公开存档及其订阅源中（绝不会显示你的邮箱）。
submit-errors-notice = 请修改下方标出的字段；你已填写的内容都会保留。
# 用来捕获垃圾信息机器人的陷阱字段，对用户隐藏。
submit-honeypot-label = 请勿填写此字段
submit-url-label = 链接
submit-url-hint = 请先粘贴链接：我们会读取该页面，自动填写标题和简介供你核对。如果未启用 JavaScript，我们会在你提交表单时读取，并在确认页上显示。
# 提示该链接已被投稿过的消息之后的链接。
submit-duplicate-link = 查看之前的投稿。
submit-kind-label = 你要分享的是什么？
# 类型列表的第一项：根据链接判断类型。
submit-kind-from-link = 根据链接判断
submit-title-label = 标题
submit-summary-label = 简短介绍
submit-summary-hint = 最多 { $max } 个字符，纯文本。留空则使用该页面自带的描述。
submit-author-name-label = 你的名字（将与投稿一起显示）
submit-author-email-label = 你的邮箱（不会公开；确认链接将发送到这里）
submit-author-link-label = 你的网站或个人主页（选填）
submit-agree-label = 我的投稿遵守上述投稿规则。
submit-button = 提交

# 订阅页（/subscribe）：订阅摘要邮件。
subscribe-heading = 订阅摘要邮件
subscribe-sent = 谢谢！如果该地址可以接收摘要邮件，一封带有确认链接的邮件正在发送途中。打开邮件并点击按钮即可开始订阅。
subscribe-intro = 每月主题截止时，我们会发送一封邮件，按类型汇总成员分享的所有内容，并附上下一个主题的链接。除此之外不会发送其他邮件。每期摘要都附有一键退订链接。
subscribe-email-label = 邮箱
subscribe-button = 订阅
# 后接两个链接：全部已发布内容 · 日程。
subscribe-feeds-intro = 更喜欢用订阅阅读器？以下内容也提供订阅源：
subscribe-feed-everything-link = 全部已发布内容
subscribe-feed-schedule-link = 日程

# 订阅确认页（确认邮件中的链接）。
subscribe-done-heading = 订阅成功
subscribe-done-text = 每月主题截止时，{ $email } 都会收到摘要邮件。
subscribe-home-link = 返回首页
subscribe-confirm-heading = 确认订阅
subscribe-confirm-question = 开始向 { $email } 发送每月摘要吗？
subscribe-confirm-button = 确认订阅
subscribe-confirm-scanner-note = 在你按下按钮之前不会有任何操作，因此邮件扫描程序打开链接不会订阅任何人。

# 退订页（每期摘要中的链接）。
unsubscribe-done-heading = 已退订
unsubscribe-done-text = { $email } 将不再收到摘要邮件。你可以随时重新订阅。
unsubscribe-subscribe-again-link = 重新订阅
unsubscribe-heading = 退订
unsubscribe-question = 停止向 { $email } 发送摘要邮件吗？
unsubscribe-button = 退订

# 首页和主题页底部的订阅框。
subscribe-form-heading = 订阅每月摘要
subscribe-form-text = 每月主题截止时发送一封邮件，汇总成员分享的所有内容。只需确认一次，一键即可退订。
subscribe-form-email-label = 邮箱
subscribe-form-button = 订阅

# 内容表单（组织者页面）：代成员添加或编辑内容。
entry-form-url-label = 链接
entry-form-title-label = 标题
entry-form-title-hint = 留空则从链接中获取。
entry-form-kind-label = 类型
# 类型列表的第一项：根据链接推测类型。
entry-form-kind-from-link = 根据链接推测
entry-form-kind-hint = 视频、播客、演讲和帖子会根据链接指向的网站识别。
entry-form-author-name-label = 作者
entry-form-author-email-label = 作者邮箱（选填，不会公开）
entry-form-summary-label = 成员的简介
entry-form-note-label = 组织者点评
entry-form-note-hint = 是谁创作的、为什么值得一读；将以你的名义显示在简介旁边。
entry-form-language-label = 内容的语言
entry-form-language-hint = 语言标签，如 en、de、pt-BR 或 zh-Hant；使用俱乐部的语言时留空。
entry-form-status-label = 状态
# 组织者可以为内容设置的状态。
entry-form-status-published = 已发布
entry-form-status-pending = 待审核
entry-form-status-rejected = 未通过
entry-form-status-withdrawn = 已撤回

submit-js-duplicate = 这个链接已经提交到本主题了。
submit-js-earlier = 查看之前的投稿。
submit-js-filled = 尚未提交。我们已按网页内容填写了部分字段，请检查并按需修改。
submit-js-filled-site = 尚未提交。我们已按网页内容（{ $site }）填写了部分字段，请检查并按需修改。
submit-js-unread = 尚未提交。我们无法读取该网页，请自行填写标题和摘要。
submit-js-reading = 正在读取链接…
submit-language-label = 作品的语言
submit-language-detect = 根据标题和摘要自动识别
submit-language-hint = 读者可以按语言查找作品；不选择时我们会自动判断。
topic-filter-language-label = 按语言筛选
topic-empty-language = 暂无这种语言的内容。
submit-closed-upcoming = “{ $title }”尚未开始征集。
submit-closed-closed = “{ $title }”已截止，不再接受投稿。
