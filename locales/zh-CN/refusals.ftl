# 俱乐部的页面、API 和命令行给出的拒绝理由（refused-…）：说明请求为什么没有执行。它们显示为错误页面
# 或提示条中的消息、表单中相关字段旁的说明，或 API 问题详情中的 detail。“”中的值是用户输入的内容。

# 任意表单或 API 请求：表单已过期或来自别处、页面或令牌仅限管理员、JSON 请求体有误（$detail 是解析器给出
# 的英文技术说明）。
refused-form-expired = 此表单已过期，或者不是从本站发送的。请返回上一页，刷新后再试一次。
refused-cross-site-form = 此表单是从其他网站发送的。请在本站打开该页面，再从那里提交。
refused-admins-only = 此页面仅供俱乐部管理员使用。
refused-admin-token-only = 此操作需要管理员的令牌；审核员只能审核投稿。
refused-json-unreadable = 无法读取 JSON 请求体：{ $detail }

# 邮件中已经失效的链接（订阅页面、成员管理自己投稿的私人链接、组织者的邀请或密码链接）。
refused-subscription-link-invalid = 此链接无效或已过期。请重新订阅以获取新链接。
refused-private-link-invalid = 此私人链接无效。请完整使用邮件中发送给你的链接。
refused-submission-withdrawn = 此投稿已撤回。
refused-organiser-link-expired = 此链接已过期或已被使用。请让俱乐部的管理员给你发送一个新链接。

# 订阅者接收邮件的语言（订阅页面和 API）。$languages 列出语言代码，例如“en, zh-CN, ja”。
refused-mail-language-unknown = 请从以下语言中选择一种：{ $languages }。

# 组织者账户（组织者页面、账户页面、密码链接、命令行）。
refused-organiser-email-taken = 电子邮箱为 { $email } 的组织者已经存在。
# 仅出现在命令行中，用电子邮箱指定组织者时。
refused-organiser-unknown-email = 没有电子邮箱为 { $email } 的组织者
refused-organiser-disabled = { $email } 已被停用；请先启用该账户。
refused-organiser-disable-self = 你不能停用自己的账户。
refused-password-not-current = 这不是你当前的密码。
refused-passwords-differ = 两次输入的密码不一致。

# 审核（审核队列、API）。$status 是投稿的状态：unconfirmed、pending、approved、rejected 或 withdrawn。
refused-decision-unknown = 请选择通过或不通过。
refused-decision-not-pending =
    { $status ->
        [unconfirmed] 此投稿尚未确认；只能对待审核的投稿作出决定。
        [approved] 此投稿已通过；只能对待审核的投稿作出决定。
        [rejected] 此投稿未通过；只能对待审核的投稿作出决定。
        [withdrawn] 此投稿已撤回；只能对待审核的投稿作出决定。
       *[other] 此投稿的状态是 { $status }；只能对待审核的投稿作出决定。
    }

# 组织者添加的条目（条目编辑表单、要添加的条目列表、API）。
refused-entry-patch-empty = 没有要修改的内容：请至少指定一个字段。
refused-entry-topic-unknown = 没有主题“{ $slug }”。
refused-entry-link-taken = 此主题已经有这个链接了。
# 粘贴的列表中某一行的字段有问题，显示在该行之后：$field 是 API 中的字段名（title、url 等），$problem 是
# 具体问题。
refused-list-line-field = { $field }：{ $problem }
# 同一行有多个字段出错时，用于分隔各个问题。
refused-list-line-separator = { "；" }
# 该行的链接与同一列表中前面某一行相同；$line 是那一行的行号。
refused-list-line-repeated = 与第 { $line } 行的链接相同
# 仅限 API：请求既没有以文本也没有以条目形式给出列表，或者条目太多。
refused-bulk-text-or-entries = 请发送 "text" 或 "entries" 其中之一。
refused-bulk-too-many =
    { $max ->
       *[other] 一次最多 { $max } 个条目。
    }
# 仅限 API：用于筛选的投稿状态；$statuses 列出所有状态（“unconfirmed, pending, …”）。
refused-status-unknown = 请使用以下之一：{ $statuses }。

# 主题与日程（主题表单、API）。
refused-topic-month-missing = 请以 YYYY-MM 格式给出月份。
refused-topic-title-missing = 请给出标题。
refused-schedule-changed-meanwhile = 日程同时发生了另一项更改；请再试一次。

# 其他管理页面：推送目标的提醒天数、综述中的名次（$number 是输入的内容）、Webhook 密钥、摘要、屏蔽列表。
refused-reminder-days-not-number = 请用数字填写天数。
refused-roundup-place-not-number = “{ $number }”不是有效的名次；请填写 1、2、3 …… 或留空。
refused-destination-not-signed = 只有通用 Webhook 才会签名。
refused-digest-already-sent = 此摘要已经发送过了。
refused-address-suppressed-already = 该地址已在列表中。

# 仅限命令行：为没有主题的月份生成示例内容时。
refused-demo-no-topic = 本月没有可以填充内容的主题

# 邮件服务商的 Webhook（由服务商读取，或由查看其投递日志的人读取）以及 `content-club bounces read`。
# $detail 是解析器给出的英文技术说明。
refused-hook-signature-reused = 此签名之前已用于其他报告
refused-hook-not-sns = 请求体不是 SNS 消息：{ $detail }
refused-hook-not-json = 请求体不是 JSON：{ $detail }
refused-hook-sns-topic = 俱乐部不接收此 SNS 主题
refused-hook-sns-certificate = 签名证书不是来自 Amazon SNS
refused-hook-sns-unsigned-fields = SNS 消息缺少其签名所覆盖的字段
refused-hook-sns-signature = SNS 签名不匹配
refused-hook-sns-subscription-link = 订阅确认链接不是来自 Amazon SNS
refused-hook-mailgun-signature = Mailgun 签名不匹配
refused-hook-mailgun-signature-old = Mailgun 签名已过期
refused-hook-postmark-credentials = Postmark 凭据不匹配
refused-hook-sendgrid-signature = SendGrid 签名不匹配
refused-report-not-a-report = 这既不是关于投递失败收件人的投递状态通知（RFC 3464），也不是滥用报告（RFC 5965）

refused-form-unreadable = 无法读取表单：{ $detail }
refused-query-unreadable = 无法读取查询字符串：{ $detail }
