# /admin 下的组织者页面。只有组织者会看到，成员看不到。

# 多个管理页面共用：表单错误、表格列、按钮。
admin-form-errors = 请修改下方标出的字段。
admin-form-error = 请修改下方标出的字段。
admin-column-actions = 操作
admin-edit = 编辑
admin-remove = 删除
admin-email = 电子邮箱
admin-new-password = 新密码
admin-password-hint = 至少 { $count } 个字符；几个互不相关的词就能组成一个好密码。
admin-highlight-badge = 精选
admin-entry-note = 备注：{ $note }
# 仅供屏幕阅读器朗读，紧跟在“编辑”“通过”等按钮文字之后，说明操作对象。
admin-hidden-title = “{ $title }”
# 用于分隔短列表中的各项，例如“已发送 3/10，1 封失败”。
admin-list-separator = ，
# 用于结束围绕代码示例拼出的句子。
admin-sentence-end = 。

# 通知目标所用的服务名称（频道与 Webhook）。
admin-destination-kind-webhook = 通用 Webhook
admin-destination-kind-slack = Slack
admin-destination-kind-discord = Discord
admin-destination-kind-mattermost = Mattermost
admin-destination-kind-rocketchat = Rocket.Chat
admin-destination-kind-teams = Microsoft Teams

# 向通知目标的一次投递的结果（投递日志）。
admin-attempt-outcome-delivered = 已送达
admin-attempt-outcome-retry = 将重试
admin-attempt-outcome-failed = 失败

# 组织者看到的条目状态（主题的条目列表、“添加为”选项）。
admin-entry-status-published = 已发布
admin-entry-status-approved = 已发布
admin-entry-status-unconfirmed = 未确认
admin-entry-status-pending = 待审核
admin-entry-status-rejected = 未通过
admin-entry-status-withdrawn = 已撤回

# 组织者账号的状态（组织者页面）。
admin-organiser-state-invited = 已邀请
admin-organiser-state-active = 正常
admin-organiser-state-disabled = 已停用

# 摘要订阅者的状态（订阅者页面）。
admin-subscriber-status-pending = 待确认
admin-subscriber-status-active = 订阅中
admin-subscriber-status-unsubscribed = 已退订
admin-subscriber-status-bounced = 退信

# 地址被屏蔽的原因（已屏蔽地址页面）。
admin-suppression-reason-hard-bounce = 永久退信
admin-suppression-reason-complaint = 被举报为垃圾邮件
admin-suppression-reason-manual = 由组织者添加

# 登录页面。
admin-login-heading = 组织者登录
admin-login-password = 密码
admin-login-submit = 登录

# 通过邮件中的链接设置密码：接受邀请或重置密码。
admin-password-heading-invite = 接受邀请
admin-password-heading-reset = 设置新密码
# 后面会以粗体显示账号的邮箱地址。
admin-password-intro-invite = 欢迎，{ $name }。请为你的组织者账号设置密码：
# 后面会以粗体显示账号的邮箱地址。
admin-password-intro-reset = 设置新密码后，你在其他所有地方都会被登出。要设置密码的账号：
admin-password-repeat = 再次输入密码
admin-password-submit = 设置密码

# 我的账号页面。
admin-account-heading = 我的账号
# 后面是组织者的名字（粗体）和括号中的邮箱地址。
admin-account-logged-in-as = 当前登录：
admin-account-password-heading = 修改密码
admin-account-password-intro = 修改后，你在其他所有地方都会被登出；当前浏览器保持登录。
admin-account-current-password = 当前密码
admin-account-repeat-password = 再次输入新密码
admin-account-password-submit = 修改密码
admin-account-everywhere-heading = 在所有地方登出
admin-account-everywhere-intro = 结束你的账号在所有设备上的全部会话，包括当前设备。
admin-account-everywhere-submit = 在所有地方登出

# 控制台：需要处理的事项。
admin-dashboard-heading = 控制台
admin-dashboard-welcome = 欢迎，{ $name }。
admin-dashboard-attention-heading = 需要处理
admin-dashboard-pending = { $count } 条投稿等待审核
admin-dashboard-none-pending = 没有等待审核的投稿。
admin-dashboard-unconfirmed =
    { $count ->
        [0] 没有等待作者确认的投稿。
       *[other] { $count } 条投稿正在等待作者确认。
    }
# 在 $count 条投稿中，有 $stale 条已等待超过一天。
admin-dashboard-unconfirmed-stale = { $count } 条投稿正在等待作者确认，其中 { $stale } 条已等待超过一天。
admin-dashboard-approved = 累计已发布 { $count } 条投稿。
admin-dashboard-digest-waiting = “{ $title }”的摘要正在等你处理：再不发送就会迟了。
admin-dashboard-digest-waiting-link = 发送或查看
# $digests 列出各份摘要及其失败数量。
admin-dashboard-digest-failing = “{ $title }”的摘要有 { $count } 位订阅者投递失败。
admin-dashboard-digest-failing-link = 查看摘要
admin-dashboard-digest-empty = “{ $title }”截止时没有已通过的条目，因此没有发送摘要。
admin-dashboard-destination-paused = 连续失败一天后已暂停：通知目标“{ $label }”。
admin-dashboard-destination-failing = 投递失败：通知目标“{ $label }”。
admin-dashboard-destination-link = 查看投递记录
# $month 是年份和月份，例如“2025年3月”。
admin-dashboard-gap = { $month }还没有安排主题。
admin-dashboard-gap-link = 去安排
admin-dashboard-broken-heading = 失效的链接
admin-dashboard-broken-intro = 以下已发布条目的链接连续两次返回“未找到”。如果内容已迁移，请为它换上新链接，或者编辑该条目。
admin-dashboard-new-link = 新链接
admin-dashboard-replace = 替换
# 仅供屏幕阅读器朗读，紧跟在“替换”之后。
admin-dashboard-replace-hidden = “{ $title }”的链接
admin-dashboard-manage-heading = 管理
admin-dashboard-manage-moderation = 审核队列
admin-dashboard-manage-account = 我的账号：密码、在所有地方登出
admin-dashboard-manage-topics = 主题与日程
admin-dashboard-manage-organisers = 组织者与 API 令牌
admin-dashboard-charts-heading = 俱乐部近况

# 控制台上的柱状图。
admin-chart-empty = 暂无数据。
admin-chart-description = 柱状图；下方表格列出了相同的数字。最大值：{ $max }。
admin-chart-table-caption = { $title }（表格）

# 主题：按月排列的日程。
admin-topics-heading = 主题
admin-topics-new = 安排新主题
admin-topics-caption = 月份从最晚的安排排到最早；空缺表示该月还没有安排主题。
admin-topics-column-month = 月份
admin-topics-column-topic = 主题
admin-topics-column-state = 状态
admin-topics-this-month = 本月
admin-topics-draft = 草稿
admin-topics-announce = 公布
admin-topics-delete = 删除
admin-topics-no-topic = 无主题
admin-topics-no-topic-yet = 尚未安排主题
# $month 是年份和月份，例如“2025年3月”。
admin-topics-plan-month = 安排{ $month }

# 主题表单：安排新主题或编辑主题。
admin-topic-form-month = 月份
admin-topic-form-title = 标题
admin-topic-form-slug = 网址（slug）
admin-topic-form-slug-hint = 用连字符连接的小写单词；留空则根据标题生成。修改后旧网址仍然有效。
admin-topic-form-summary = 简介与征稿说明（Markdown）
# $timezone 是俱乐部的时区，例如“Asia/Shanghai”。
admin-topic-form-window = 投稿时间段（{ $timezone }）
admin-topic-form-window-hint = 两项都留空即为整个月。
admin-topic-form-opens = 开始
admin-topic-form-closes = 截止
admin-topic-form-announced = 已公布（所有人可见；不勾选则保持草稿）
admin-topic-form-save = 保存主题
admin-topic-form-create = 创建主题
admin-topic-form-back = 返回主题列表

# 主题的条目：粘贴列表、添加单个条目、条目列表。
admin-entries-heading = “{ $title }”的条目
admin-entries-topic-page = 主题页面
admin-entries-roundup = 综述
admin-entries-list-heading = 粘贴列表
# 后面会以代码形式列出每行可用的写法示例。
admin-entries-list-hint-forms = 每行一个条目，和俱乐部的列表写法一样，也可以只写一个链接。可用的写法：
# 在上述示例中代表一行各部分的词。示例中的 “by” 保持英文：列表解析正是靠它识别。
admin-entries-list-name = 名字
admin-entries-list-title = 标题
admin-entries-list-note = 备注
# 后面会以代码形式给出一个短代码示例。
admin-entries-list-hint-emoji = 表情短代码会变成表情符号，例如：
admin-entries-list-hint-preview = 在你看到预览之前，不会添加任何内容。
admin-entries-list-text = 列表
admin-entries-list-status = 添加为
admin-entries-preview-heading = 预览
admin-entries-preview-summary = 可添加 { $addable } 条，主题或列表中已有 { $duplicates } 条，无法使用 { $invalid } 条。取消勾选不需要的条目，然后添加。
admin-entries-preview-caption = 列表的每一行及其结果
admin-entries-preview-column-add = 添加
admin-entries-preview-column-line = 行
admin-entries-preview-column-title = 标题和链接
admin-entries-preview-column-note = 备注
admin-entries-preview-column-outcome = 结果
admin-entries-preview-take = 添加第 { $line } 行
# 预览中一行的结果。重复时，后面括号中是已有该链接的条目编号。
admin-entries-line-created = 将添加
admin-entries-line-duplicate = 已存在
admin-entries-line-invalid = 无法使用
admin-entries-line-skipped = 已跳过
admin-entries-add-ticked = 添加勾选的条目
admin-entries-preview-again = 重新预览
admin-entries-preview-submit = 预览列表
admin-entries-add-heading = 添加单个条目
admin-entries-notify-author = 通过邮件告知作者（需要作者的邮箱地址）
admin-entries-add-submit = 添加条目
admin-entries-in-topic-heading = 本主题的条目（{ $count }）
admin-entries-caption = 本主题的条目，已发布的按顺序排在前面
admin-entries-column-entry = 条目
admin-entries-column-author = 作者
admin-entries-column-status = 状态
admin-entries-empty = 还没有条目。

# 编辑单个条目。
admin-entry-edit-heading = 编辑“{ $title }”
admin-entry-edit-intro = 在读者的订阅源中，该条目仍是同一项；每次修改都会记入审计日志。
admin-entry-edit-page-link = 条目页面
admin-entry-edit-added-by-organiser = 由组织者添加
admin-entry-edit-topic = 主题（月份）
admin-entry-edit-highlight = 设为精选（精选条目排在最前）
admin-entry-edit-submit = 保存条目
admin-entry-edit-back = 返回条目列表

# 主题综述：导语、顺序和精选。
# $month 是年份和月份，例如“2025年3月”。
admin-roundup-heading = { $month }综述
admin-roundup-state-published = 已发布：它位于摘要开头，主题截止后显示在主题页面顶部，并出现在俱乐部的订阅源中。
admin-roundup-state-draft = 草稿：只有组织者能看到。综述还是草稿时，主题的摘要会等待它（最多等到摘要将要迟发时）。
admin-roundup-preview-link = 预览综述页面
# 后面是两个链接：Markdown，以及用于帖子或聊天消息的文本。
admin-roundup-export = 导出为：
admin-roundup-export-markdown = Markdown
admin-roundup-export-text = 用于帖子或聊天消息的文本
admin-roundup-intro = 导语（Markdown）
admin-roundup-intro-hint = 这个月的主题是什么、有哪些突出的内容。它位于摘要开头。
admin-roundup-order = 顺序与精选
admin-roundup-order-hint = 给条目填写名次（1 为第一）；没有名次的条目按从新到旧排在后面。精选条目排在所有条目之前。
admin-roundup-caption = 本主题已发布的条目
admin-roundup-column-place = 名次
admin-roundup-column-highlight = 精选
admin-roundup-column-entry = 条目
admin-roundup-place-label = “{ $title }”的名次
admin-roundup-highlight-label = 将“{ $title }”设为精选
# 跟在条目标题之后：作者。
admin-roundup-by = — { $name }
admin-roundup-empty = 还没有已发布的条目。
admin-roundup-published = 发布
admin-roundup-submit = 保存综述

# 审核队列。
admin-submissions-heading = 审核
admin-submissions-filter-topic = 主题
admin-submissions-filter-all-topics = 所有主题
admin-submissions-filter-status = 状态
admin-submissions-filter-all-statuses = 全部
admin-submissions-filter-submit = 显示
admin-submissions-bulk-legend = 对所有勾选的投稿
admin-submissions-bulk-approve = 通过勾选的投稿
admin-submissions-bulk-reason = 不通过的理由
admin-submissions-bulk-reason-own = （在下方自己填写）
admin-submissions-bulk-reason-text = 给作者的补充说明（可选）
admin-submissions-bulk-reject = 不通过勾选的投稿
admin-submissions-tick = 勾选“{ $title }”
# $at 是日期和时间。
admin-submissions-submitted = 投稿于 { $at }
admin-submissions-author = 作者：{ $name } <{ $email }>
admin-submissions-others = 该作者的其他投稿（{ $count }）
admin-submissions-history = 历史记录
# 投稿历史中的一步。$at 是日期和时间；$by 是组织者的名字，或 “the author”（作者）。
admin-submissions-step-submitted = { $at }：由 { $by } 投稿
admin-submissions-step-added = { $at }：由 { $by } 添加
admin-submissions-step-confirmed = { $at }：由 { $by } 确认
admin-submissions-step-edited = { $at }：由 { $by } 编辑
admin-submissions-step-withdrawn = { $at }：由 { $by } 撤回
admin-submissions-step-approved = { $at }：由 { $by } 通过
admin-submissions-step-rejected = { $at }：由 { $by } 标记为不通过
admin-submissions-reason-given = 给出的理由：{ $reason }
admin-submissions-approve = 通过
admin-submissions-reason = 理由
admin-submissions-reason-own = （自己填写）
admin-submissions-reason-text = 详情
admin-submissions-reject = 不通过
admin-submissions-older = 更早的投稿
admin-submissions-empty = 没有符合条件的投稿。

# 摘要：每个已截止主题的摘要及其投递情况。
admin-digests-heading = 摘要
admin-digests-intro = 如果现在发送摘要，将有 { $count } 位订阅者收到。摘要在主题截止时生成并自动发出；可能迟发的摘要会在这里等你处理。
admin-digests-column-topic = 主题
admin-digests-column-state = 状态
admin-digests-column-delivery = 投递
# $month 是年份和月份，例如“2025年3月”。
admin-digests-topic = { $month }：{ $title }
admin-digests-nothing-to-send = 没有已通过的条目，无内容可发送
admin-digests-progress-label = “{ $title }”的投递进度
admin-digests-sent = 已发送 { $sent }/{ $recipients }
admin-digests-failed = { $count } 封失败或退信
admin-digests-outstanding = 还剩 { $count } 封
admin-digests-preview = 预览
admin-digests-web-view = 网页版
admin-digests-send-now = 立即发送
admin-digests-empty = 还没有已截止的主题。

# 单个主题的摘要预览。
admin-digest-preview-heading = 摘要预览
admin-digest-preview-subject = 主题：
admin-digest-preview-counts = 已通过的条目 { $count } 条；订阅者 { $audience } 位。
admin-digest-preview-text-heading = 纯文本部分
admin-digest-preview-test-heading = 发送测试邮件
admin-digest-preview-test-email = 测试邮件发送到
admin-digest-preview-test-submit = 发送测试

# 频道与 Webhook：俱乐部事件的通知目标。
admin-destinations-heading = 频道与 Webhook
admin-destinations-intro = 俱乐部会把发生的事情告诉它的聊天频道和其他服务：主题公布或开放投稿、截止前的提醒、待审核或已发布的条目、综述、摘要、失效的链接。每个通知目标可以自选事件和语言。
# 后面会以代码形式显示造成这一情况的设置。
admin-destinations-sending-off = 本服务器已关闭发送：事件会留在发件箱中等待。相关设置：
admin-destinations-secret-heading = 签名密钥
admin-destinations-secret-once = 请立即把它交给接收服务：它只会显示这一次。
# 后面会以代码形式列出请求头的名称。
admin-destinations-secret-headers = 消息带有 Standard Webhooks 规定的请求头：
admin-destinations-caption = 俱乐部的通知目标
admin-destinations-column-destination = 通知目标
admin-destinations-column-events = 事件
admin-destinations-column-state = 状态
admin-destinations-test = 发送测试消息
# 仅供屏幕阅读器朗读，紧跟在“发送测试消息”之后。
admin-destinations-test-hidden = 到 { $label }
admin-destinations-resume = 恢复
admin-destinations-pause = 暂停
admin-destinations-rotate = 更换密钥
# 仅供屏幕阅读器朗读，紧跟在“更换密钥”之后。
admin-destinations-rotate-hidden = （{ $label }）
admin-destinations-empty = 还没有通知目标。
admin-destinations-add-heading = 添加通知目标
admin-destinations-service = 服务
admin-destinations-url = Webhook 地址
admin-destinations-url-hint = 服务提供给你的 Incoming Webhook 地址（如果是通用 Webhook，则填写你的接收端地址）。
admin-destinations-name = 名称（可选）
admin-destinations-events = 事件
admin-destinations-reminder = 在主题截止前几天提醒
# 后面会以代码形式给出唯一使用此设置的事件名称。
admin-destinations-reminder-hint = 留空则为 3 天。只有这个事件使用此设置：
admin-destinations-language = 消息语言
admin-destinations-language-hint = 语言标签，例如 en、ja 或 zh-CN；留空则使用俱乐部的语言。
admin-destinations-add-submit = 添加通知目标

# 单个通知目标的投递日志。
admin-destination-log-heading = 投递到 { $label }
admin-destination-log-log-heading = 投递日志（30 天）
admin-destination-log-caption = 每一次尝试，最新的在前
admin-destination-log-time = 时间
admin-destination-log-event = 事件
admin-destination-log-outcome = 结果
admin-destination-log-status = 状态码
admin-destination-log-answer = 响应
admin-destination-log-empty = 还没有发送过任何内容。

# 摘要的订阅者。
admin-subscribers-heading = 订阅者
admin-subscribers-count-active = { $count } 位订阅中
admin-subscribers-count-pending = { $count } 位待确认
admin-subscribers-count-unsubscribed = { $count } 位已退订
admin-subscribers-count-bounced = { $count } 位退信
admin-subscribers-search-label = 搜索地址
admin-subscribers-search-submit = 搜索
admin-subscribers-export = 全部导出为 CSV
admin-subscribers-column-email = 电子邮箱
admin-subscribers-column-status = 状态
admin-subscribers-column-since = 订阅日期
admin-subscribers-column-bounces = 退信次数
admin-subscribers-older = 更早的订阅者
admin-subscribers-empty = 没有符合条件的订阅者。

# 已屏蔽地址：俱乐部不再向其发送邮件的地址。
admin-suppressions-heading = 已屏蔽的地址
admin-suppressions-intro = 俱乐部不会再向这些地址发送任何邮件：它们的邮件被永久退回、收件人将其举报为垃圾邮件，或是由组织者添加。地址只以指纹形式保存，并以部分隐藏的形式显示。
admin-suppressions-column-address = 地址
admin-suppressions-column-reason = 原因
admin-suppressions-column-since = 屏蔽日期
admin-suppressions-column-source = 报告来源
admin-suppressions-column-detail = 详情
admin-suppressions-remove = 移出列表
admin-suppressions-empty = 没有被屏蔽的地址。
admin-suppressions-add-heading = 屏蔽一个地址
admin-suppressions-email = 电子邮箱地址
admin-suppressions-email-hint = 通过其他方式要求永远不再接收俱乐部邮件的人。
admin-suppressions-submit = 屏蔽

# 组织者：账号、角色、API 令牌、审计日志。
admin-organisers-heading = 组织者
admin-organisers-intro = 管理员可以做任何事；审核员只能审核投稿。
admin-organisers-caption = 组织者账号
admin-organisers-column-organiser = 组织者
admin-organisers-column-role = 角色
admin-organisers-column-state = 状态
admin-organisers-column-tokens = API 令牌
admin-organisers-you = 你
admin-organisers-role-of = { $email } 的角色
admin-organisers-save-role = 保存
# 仅供屏幕阅读器朗读，紧跟在“保存”之后。
admin-organisers-save-role-hidden = { $email } 的角色
# $until 是日期和时间。
admin-organisers-link-open-until = 链接有效期至 { $until }
# $created 和 $used 是日期。
admin-organisers-token-used = 创建于 { $created }，最近使用于 { $used }
admin-organisers-token-unused = 创建于 { $created }，从未使用
admin-organisers-revoke = 吊销
# 仅供屏幕阅读器朗读，紧跟在“吊销”之后。
admin-organisers-revoke-hidden = { $email } 的令牌“{ $label }”
admin-organisers-no-tokens = 无
admin-organisers-invite-again = 重新发送邀请
admin-organisers-send-reset = 发送密码重置链接
# 仅供屏幕阅读器朗读，紧跟在“重新发送邀请”或“发送密码重置链接”之后。
admin-organisers-send-hidden = 给 { $email }
admin-organisers-enable = 启用
admin-organisers-disable = 停用
admin-organisers-invite-heading = 邀请组织者
admin-organisers-invite-intro = 对方会收到一封邮件，其中的链接用于设置密码；链接只能使用一次，有效期 { $hours } 小时。
admin-organisers-display-name = 显示名称
admin-organisers-role-moderator-option = 审核员：审核投稿
admin-organisers-role-admin-option = 管理员：全部权限
admin-organisers-invite-submit = 发送邀请
admin-organisers-audit-heading = 审计日志
admin-organisers-audit-caption = 对组织者账号和令牌的更改，最新的在前
admin-organisers-audit-when = 时间
admin-organisers-audit-who = 操作人
admin-organisers-audit-what = 操作
admin-organisers-audit-account = 账号
admin-organisers-audit-detail = 详情
admin-organisers-audit-empty = 还没有任何记录。

chart-submissions-title = 各主题投稿数（按类型）
chart-subscribers-title = 订阅者变化：新增、退订、退信
chart-digests-title = 各主题摘要投递情况
chart-series-joined = 新增
chart-series-left = 退订
chart-series-bounced = 退信
chart-series-sent = 已发送
chart-series-failed = 失败或退信
chart-series-queued = 排队中

admin-destination-state-working = 正常
admin-destination-state-failing = 投递失败
admin-destination-state-paused = 已暂停

audit-address-suppressed = 已加入停发名单
audit-suppression-removed = 已移出停发名单
audit-entry-added = 已添加作品
audit-entries-imported = 已从列表导入作品
audit-entry-edited = 已编辑作品
audit-destination-added = 已添加通知目标
audit-destination-changed = 已修改通知目标
audit-destination-removed = 已删除通知目标
audit-destination-secret-rotated = 已更换通知目标密钥
audit-organiser-added = 已添加组织者
audit-token-created = 已创建 API 令牌
audit-invited = 已邀请
audit-invitation-sent-again = 已重新发送邀请
audit-password-reset-sent = 已发送密码重置链接
audit-role-changed = 已更改角色
audit-disabled = 已停用账户
audit-enabled = 已启用账户
audit-token-revoked = 已吊销 API 令牌
audit-password-changed = 已修改密码
audit-invitation-accepted = 已接受邀请
audit-password-reset = 已重置密码
audit-round-up-published = 已发布月度回顾
audit-round-up-withdrawn = 已撤回月度回顾
audit-round-up-saved = 已保存月度回顾
audit-logged-out-everywhere = 已在所有设备上退出登录

admin-topic-form-translations = 其他语言的标题和简介
admin-translations-breadcrumb = 主题
admin-translations-heading = “{ $title }”的其他语言版本
admin-translations-intro = 以这些语言浏览网站的读者会看到对应语言的主题标题和简介，其他读者看到主题原文。清空某种语言即可删除该译文。
admin-translations-stored = 已翻译
admin-translations-title = 标题
admin-translations-summary = 简介（Markdown）
admin-translations-summary-hint = 简介留空则使用主题原文。
admin-translations-save = 保存{ $language }
