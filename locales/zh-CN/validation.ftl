# 俱乐部规则给出的字段与取值问题（invalid-…）和拒绝（refused-domain-…）。
# 显示在表单中对应字段的旁边（或 API 问题详情中该字段下），或作为请求被拒绝的说明。

# 邮箱地址（投稿表单、订阅表单、组织者账号、命令行）。
invalid-email-empty = 请输入邮箱地址。
invalid-email-too-long = 邮箱地址太长了（最多 { $max } 个字符）。
invalid-email-hidden-characters = 邮箱地址不能包含空格、不可见字符或控制字符。
invalid-email-shape = 请输入类似 name@example.org 的邮箱地址。

# 链接（投稿表单、组织者添加的条目、通知目标）。
invalid-url-empty = 请输入你的内容的链接。
invalid-url-too-long = 链接最多只能有 { $max } 个字符。
invalid-url-spaces = 链接不能包含空格或控制字符。
invalid-url-not-absolute = 请输入以 https:// 或 http:// 开头的完整链接。
invalid-url-scheme = 只能提交 http:// 或 https:// 链接。
invalid-url-no-host = 链接需要包含主机名，例如 https://example.org/post。
invalid-url-host-incomplete = 链接的主机名似乎不完整。
invalid-url-credentials = 不能提交包含用户名或密码的链接。
# 链接按输入时不超长，但特殊字符写成 %XX 编码后超长了。
invalid-url-too-long-encoded = 链接编码后最多只能有 { $max } 个字符。

# 月份与时间（主题表单、API、命令行）。$value 是输入的内容。
invalid-month = “{ $value }”不是有效的月份；请使用 YYYY-MM 格式，例如 2025-03。
invalid-local-time = “{ $value }”不是有效的日期和时间；请使用 YYYY-MM-DDTHH:MM 格式。
invalid-local-time-skipped = { $value } 在 { $zone } 时区并不存在（调整夏令时时会跳过这一时刻）；请选择其他时间。
invalid-rfc3339-time = “{ $value }”不是 RFC 3339 格式的时间，例如 2025-03-01T00:00:00+01:00。

# 标题：主题、投稿或组织者添加的条目的标题。
invalid-title-empty = 请输入标题。
invalid-title-too-long = 标题最多只能有 { $max } 个字符。
invalid-title-control = 标题不能包含控制字符或换行。
invalid-title-link = 标题中不能包含网址；请把链接填在链接栏中。

# 简介：主题、投稿或组织者添加的条目的简介。
invalid-summary-empty = 请输入简短介绍。
invalid-summary-too-long = 简介最多只能有 { $max } 个字符。
invalid-summary-control = 简介不能包含控制字符。

# 投稿表单上投稿人自己的名字。
invalid-your-name-empty = 请输入你的名字。
invalid-your-name-too-long = 你的名字最多只能有 { $max } 个字符。
invalid-your-name-control = 你的名字不能包含控制字符或换行。
invalid-name-link = 名字中不能包含网址；请把链接填在链接栏中。

# 投稿表单：分享的内容类型。$kinds 列出 API 中的类型名（article、video……）。
invalid-submission-kind = 请选择你要分享的内容类型：{ $kinds }。

# 组织者添加的条目（条目表单、粘贴的列表、API、命令行）。
invalid-entry-kind = 请选择类型：{ $kinds }。
invalid-author-name-empty = 请输入作者的名字。
invalid-author-name-too-long = 作者的名字最多只能有 { $max } 个字符。
invalid-author-name-control = 作者的名字不能包含控制字符或换行。
# 勾选了“通知作者”，却没有填写邮箱地址。
invalid-author-email-needed = 要通知作者，请填写作者的邮箱地址。
invalid-note-too-long = 备注最多只能有 { $max } 个字符。
invalid-note-control = 备注不能包含控制字符。
invalid-language-tag = “{ $tag }”不是语言标签；请使用 en、de、pt-BR 或 zh-Hant 这样的标签。
# published、pending、rejected、withdrawn 是要输入的词（API 与命令行），保持原样。
invalid-entry-status = “{ $status }”不是组织者可以设置的状态：请使用 published、pending、rejected 或 withdrawn。
# 粘贴的条目列表中的一行（列表预览）：其中没有 http(s) 链接。
invalid-list-line-no-link = 没有链接

# 拒绝投稿（审核队列）。
invalid-reason-unlisted = 请从列出的理由中选择一项，或自己填写理由。
invalid-reason-too-long = 理由最多只能有 { $max } 个可打印字符。
invalid-reason-missing = 请告诉作者未通过的理由。

# 主题表单：网址（slug）、投稿时间段、翻译。
invalid-slug-empty = 请输入网址（slug），或留空以根据标题生成。
invalid-slug-too-long = 网址（slug）最多只能有 { $max } 个字符。
invalid-slug-shape = 请只使用小写字母、数字和单个连字符，例如 metrics-that-matter。
invalid-slug-reserved = “{ $slug }”是保留的网址；请换一个。
invalid-window-order = 投稿时间段的结束时间必须晚于开始时间。
invalid-translation-language = 请翻译为以下语言之一：{ $languages }。
invalid-translation-own-language = 主题本身就是用 { $language } 写的；请直接修改主题自己的标题和简介。

# 综述表单。$ids 列出条目编号。
invalid-intro-too-long = 导语最多只能有 { $max } 个字符。
invalid-intro-missing = 发布综述前请先写好导语。
invalid-roundup-unknown-entries = 以下不是本主题的条目：{ $ids }。
invalid-roundup-repeated-entry = 每个条目只能列出一次。

# 通知目标（频道与 Webhook）。$kinds 与 $events 列出 API 中的名称。
invalid-destination-kind = 请选择以下之一：{ $kinds }。
invalid-destination-label = 名称只能有一行，最多 { $max } 个字符。
invalid-destination-event = “{ $event }”不是事件；请从以下事件中选择：{ $events }。
invalid-destination-events-empty = 请至少选择一个事件。
invalid-destination-reminder-days = 提醒时间须在截止前 { $min } 到 { $max } 天之间。

# 组织者账号与 API 令牌。admin 和 moderator 是要输入的角色名（命令行、API），保持原样。
invalid-password-too-short = 密码至少需要 { $min } 个字符。
invalid-password-too-long = 密码最多只能有 { $max } 个字符。
invalid-display-name-empty = 请输入显示名称。
invalid-display-name-too-long = 显示名称最多只能有 { $max } 个字符。
invalid-display-name-control = 显示名称不能包含控制字符。
invalid-token-label = 标签最多只能有 { $max } 个可打印字符。
invalid-role = 未知的角色“{ $role }”：请使用 admin 或 moderator

# 拒绝：主题的月份或网址已被占用（主题表单，显示在该字段旁）。$year 和 $month 是数字。
refused-domain-month-taken = { $year }年{ $month }月已经有主题了：“{ $title }”（{ $slug }）。
# $month 是另一个主题的月份，格式为 YYYY-MM。
refused-domain-slug-taken = 网址“{ $slug }”已被“{ $title }”（{ $month }）使用。
refused-domain-topic-has-submissions = “{ $title }”已有 { $count } 篇投稿，无法删除。请把它移到其他月份，或改为草稿。

# 拒绝：向未开放的主题投稿（投稿表单、API）。
refused-domain-topic-not-open-yet = “{ $title }”还没有开始征集投稿。
refused-domain-topic-closed = “{ $title }”已截止，不再接受投稿。
# 拒绝：该主题已有这个链接（投稿表单，显示在链接旁）。
refused-domain-link-submitted = 这个链接已经投稿到本主题了。
# 组织者看到的同一拒绝：$id 是条目的公开编号，$status 是条目的状态。
refused-domain-link-in-topic =
    本主题已有这个链接：“{ $title }”（/submissions/{ $id }，{ $status ->
        [published] 已发布
        [pending] 待审核
        [rejected] 未通过
        [withdrawn] 已撤回
        [unconfirmed] 未确认
       *[other] { $status }
    }）。
# 拒绝：作者想修改或撤回已有结论的投稿。
refused-domain-submission-not-changeable =
    { $status ->
        [approved] 此投稿已通过审核，无法再修改。
        [rejected] 此投稿未通过审核，无法再修改。
        [withdrawn] 此投稿已撤回，无法再修改。
       *[other] 此投稿的状态为“{ $status }”，无法再修改。
    }
refused-domain-submission-not-withdrawable =
    { $status ->
        [approved] 此投稿已通过审核，无法再撤回。
        [rejected] 此投稿未通过审核，无法再撤回。
        [withdrawn] 此投稿已经撤回了。
       *[other] 此投稿的状态为“{ $status }”，无法再撤回。
    }

# 拒绝：会导致俱乐部没有可登录的管理员的修改（组织者页面）。
refused-domain-last-admin-demote = { $email } 是最后一位正常的管理员；将其改为审核员后，就没有人能管理俱乐部了。
refused-domain-last-admin-disable = { $email } 是最后一位正常的管理员；停用该账号后，就没有人能管理俱乐部了。

# 拒绝：发送或生成主题摘要（摘要页面、API）。
refused-domain-digest-sent = 这份摘要已经发送过了。
refused-domain-digest-empty = 该主题没有已通过的条目，没有可发送的内容。
refused-domain-topic-still-open = “{ $title }”仍在征集中；它的摘要会在截止时生成。
