# Emails: the text part and the HTML part of each email use the same messages. Subjects are one line.

# Greetings at the top of every email ($name is the recipient's name)
email-hello-name = { $name }，你好：
email-hello = 你好：

# Digest email (sent to subscribers when a month's topic closes): subject, body text and HTML
email-digest-subject = { $club } · { $month }：{ $title }（{ $count } 篇新内容）
email-digest-shared =
    { $count ->
        [0] 本期主题没有收到成员分享的内容。
       *[other] 成员们为本期主题分享了 { $count } 篇内容。
    }
# Below an entry's title ($author is the name of who made it)
email-digest-by = 作者：{ $author }
# Label before the organiser's note on an entry
email-digest-note-label = 组织者按：
# Links to the topic's page and to its feed
email-digest-archive-link = 查看完整存档
email-digest-feed-link = 用 RSS 阅读器订阅
# The next month's topic ($month is e.g. "April 2025", $title its title), then a link to submit to it
email-digest-next = 下期主题（{ $month }）是“{ $title }”。
email-digest-share-own = 分享你的作品
# Footer of the digest
email-digest-why = 你收到这封邮件，是因为你订阅了 { $club } 的摘要邮件。
email-digest-unsubscribe = 一键退订
email-digest-change-language = 更改摘要邮件的语言
# Subject of a digest sent as a test to one address ($subject is the digest's own subject)
email-digest-test-subject = 【测试】{ $subject }

# Email to an author whose piece an organiser added to the archive
email-entry-added-subject = 已收录进存档：{ $title }
email-entry-added-intro = { $club } 的一位组织者已将你的作品“{ $title }”收录到“{ $topic }”的存档中：
email-entry-added-thanks = 感谢你的创作。如果条目中有任何错误，请直接回复这封邮件。

# Email to an organiser after many failed logins to their account
email-login-alert-subject = 你的 { $club } 组织者账号有多次登录失败
email-login-alert-intro = 过去一小时内，有人至少 { $failures } 次尝试用错误的密码登录你在 { $club } 的组织者账号。
email-login-alert-reassure = 如果是你本人，无需任何操作。如果不是，只要你的密码足够长、且没有在其他地方使用过，你的账号依然安全；不断猜测密码的地址，每两次尝试之间需要等待的时间会越来越长。
# Text part only, followed by the address of the account page
email-login-alert-account-page = 你可以在账号页面修改密码，并退出所有设备上的登录：
# Button in the HTML part
email-login-alert-button = 修改密码或退出所有设备上的登录
email-login-alert-frequency = 此类邮件每天最多发送一次。

# Email inviting someone to become an organiser ($inviter is who sent it, $role is "admin" or "moderator"), followed by the link
email-organiser-invite-subject = 邀请你成为 { $club } 的组织者
email-organiser-invite-intro =
    { $role ->
        [admin] { $inviter } 邀请你以管理员身份协助组织 { $club }。如接受邀请，请设置密码：
       *[moderator] { $inviter } 邀请你以审核员身份协助组织 { $club }。如接受邀请，请设置密码：
    }
email-organiser-invite-button = 接受邀请并设置密码
# $expires is a date and time
email-organiser-invite-expiry = 此链接只能使用一次，有效期至 { $expires }。如果你没有预料到这份邀请，请忽略这封邮件。

# Email with a link to set a new organiser password ($inviter is the admin who sent it), followed by the link
email-organiser-reset-subject = 为你的 { $club } 账号设置新密码
email-organiser-reset-intro = { $inviter } 给你发送了一个链接，用于为你在 { $club } 的组织者账号设置新密码：
email-organiser-reset-button = 设置新密码
# $expires is a date and time
email-organiser-reset-expiry = 此链接只能使用一次，有效期至 { $expires }。设置新密码后，你在其他所有地方的登录都会退出。如果你没有申请过，请告诉 { $inviter }；在链接被使用之前，你当前的密码仍然有效。

# Email to an author: their submission was approved ($topic is the topic's title), followed by the topic's link
email-submission-approved-subject = 已发布：{ $title }
email-submission-approved-intro = 你的投稿“{ $title }”已通过审核，现已收录到“{ $topic }”的存档中：
email-submission-approved-thanks = 感谢你与 { $club } 分享。

# Email to an author asking them to confirm their submission
email-submission-confirm-subject = 请确认你的投稿：{ $title }
# Followed by the submission's title and the host of its link
email-submission-confirm-intro = 感谢你为 { $club } 的“{ $topic }”投稿：
# Below the submission's title ($host is e.g. "example.org")
email-submission-confirm-link-host = 链接指向 { $host }
email-submission-confirm-ask = 请确认这是你本人提交的。
# Text part only, followed by the confirmation address
email-submission-confirm-open-page = 请打开以下页面并点击按钮：
email-submission-confirm-expiry = 在你确认之前，没有人会审核这篇投稿；未确认的投稿会在 { $hours } 小时后被删除。
# Button in the HTML part
email-submission-confirm-button = 确认我的投稿
# Followed by the private link to change or withdraw the submission
email-submission-confirm-edit = 在等待审核期间，你可以通过这里修改或撤回投稿（请勿将此链接告诉他人）：
# Text of that link in the HTML part
email-submission-confirm-edit-link = 修改或撤回我的投稿
email-submission-confirm-ignore = 如果你没有投过稿，请忽略这封邮件。

# Email to an author: their submission was not published
email-submission-rejected-subject = 未发布：{ $title }
email-submission-rejected-intro = 感谢你为“{ $topic }”投稿“{ $title }”。组织者决定不发布这篇投稿。
# Label before the organisers' reason
email-submission-rejected-reason-label = 原因：
email-submission-rejected-welcome = 欢迎在该主题开放期间投稿其他内容，或参与以后的主题。

# Email asking a new subscriber to confirm their subscription to the digest
email-subscribe-confirm-subject = 请确认订阅 { $club }
email-subscribe-confirm-intro = 有人（希望是你本人）申请用这个地址接收 { $club } 的摘要邮件：每月主题截止时发送一封，汇集成员们分享的全部内容。
# Button in the HTML part
email-subscribe-confirm-button = 确认订阅
# Text part only, followed by the confirmation address
email-subscribe-confirm-open-page = 如需开始接收，请打开以下页面并点击按钮：
email-subscribe-confirm-ignore = 如果不是你本人申请的，请忽略这封邮件；未经确认，我们不会再发送任何邮件。
