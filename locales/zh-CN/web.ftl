# 网页处理程序拼出的文字：页面标题（浏览器标签页）、在下一页顶部显示一次的提示（flash-…）、
# 错误页的标题和说明，以及一些简短的标签。

## 页面标题：公开页面

title-home = 首页
title-schedule = 日程
title-roundup = { $title }：回顾
title-submit = 为“{ $title }”投稿
title-submission-confirm = 确认你的投稿
title-submission-edit = 你的投稿
title-subscribe = 订阅摘要邮件
title-subscribe-confirm = 确认订阅
title-subscribed = 订阅成功
title-unsubscribe = 退订
title-unsubscribed = 已退订

## 页面标题：组织者页面

title-login = 组织者登录
title-account = 我的账号
title-dashboard = 控制台
title-topics = 主题
title-topic-new = 新建主题
title-topic-edit = 编辑“{ $title }”
title-entries = 条目：{ $title }
title-entry-edit = 编辑“{ $title }”
title-roundup-edit = 综述：{ $title }
title-moderation = 审核
title-digests = 摘要
title-digest-preview = 摘要：{ $title }
title-destinations = 频道与 Webhook
title-destination-log = 投递到 { $label }
title-subscribers = 订阅者
title-suppressions = 已屏蔽的地址
title-organisers = 组织者
title-password-invite = 接受邀请
title-password-reset = 设置新密码

## 提示：作者的投稿页面

flash-submission-sent = 谢谢！我们已向 { $email } 发送确认链接。你确认之后，投稿会交给组织者审核。
flash-submission-confirmed = 已确认。你的投稿已交给组织者，他们做出决定后我们会通知你。
flash-submission-saved = 你的修改已保存。
flash-submission-withdrawn = 你的投稿已撤回，不会被发布。
flash-submission-not-accepted = 无法接受你的投稿。
flash-submission-agree-required = 请确认你的投稿符合投稿规则。
flash-submission-rate-limited =
    { $minutes ->
       *[other] 来自这里的投稿过多。请大约 { $minutes } 分钟后再试。
    }
flash-subscribe-rate-limited = 来自这里的请求过多，请稍后再试。

## 提示：登录与组织者账号

flash-login-mismatch = 该邮箱和密码与任何组织者账号都不匹配。
flash-login-rate-limited =
    { $seconds ->
       *[other] 登录尝试次数过多。请等待 { $seconds } 秒后再试。
    }
flash-logged-out = 你已登出。
flash-logged-out-everywhere =
    { $count ->
       *[other] 你已在所有地方登出（结束了 { $count } 个会话）。
    }
flash-password-changed = 你的密码已修改，其他所有会话都已结束。
flash-password-set = 密码已设置。请以 { $email } 登录以继续。

## 提示：主题、条目、综述

flash-topic-scheduled = “{ $title }”已安排在 { $month }。
flash-topic-saved = “{ $title }”已保存。
flash-topic-announced = “{ $title }”已公布。
flash-topic-deleted = “{ $title }”已删除。
flash-entry-added =
    { $status ->
        [published] 已添加“{ $title }”（已发布）。
        [pending] 已添加“{ $title }”（待审核）。
        [rejected] 已添加“{ $title }”（未通过）。
        [withdrawn] 已添加“{ $title }”（已撤回）。
       *[unconfirmed] 已添加“{ $title }”（未确认）。
    }
flash-entry-saved = “{ $title }”已保存。
flash-link-replaced = “{ $title }”已换上新链接，下一轮链接检查时会重新检查。
flash-entries-added =
    { $count ->
       *[other] 已添加 { $count } 个条目。
    }
flash-entries-left-out =
    未添加：{ $duplicates ->
       *[other] { $duplicates } 行已在本主题中
    }，{ $invalid ->
       *[other] { $invalid } 行没有可用的链接
    }。
flash-entries-none-ticked = 请至少勾选一行再添加。
flash-roundup-published = 综述已保存并发布。
flash-roundup-draft = 综述已保存为草稿。

## 提示：审核

flash-decided-none-ticked = 请先至少勾选一条投稿。
flash-decided-nothing-rejected = 没有拒绝任何投稿：{ $reason }
flash-decided-one =
    { $action ->
        [approved] “{ $title }”已通过，我们已发邮件通知作者。
       *[rejected] “{ $title }”未通过，我们已发邮件通知作者。
    }
flash-decided-many =
    { $action ->
        [approved]
            { $count ->
               *[other] 已通过 { $count } 条投稿，我们已发邮件通知各位作者。
            }
       *[rejected]
            { $count ->
               *[other] 已拒绝 { $count } 条投稿，我们已发邮件通知各位作者。
            }
    }
flash-decided-skipped =
    { $count ->
       *[other] 另有 { $count } 条已不再处于待审核状态，保持原样未作改动。
    }

## 提示：摘要

flash-digest-sending =
    { $count ->
       *[other] 摘要正在发送给 { $count } 位订阅者。
    }
flash-digest-test-sent = 测试邮件正在发送。

## 提示：频道与 Webhook

flash-destination-added = 已添加“{ $label }”。发送一条测试消息，看看它是否正常工作。
flash-destination-test-arrived = 测试消息已送达（HTTP { $code }）。
flash-destination-test-refused = 测试消息被拒收（HTTP { $code }）：{ $response }
flash-destination-test-failed = 测试消息无法发送：{ $response }
flash-destination-paused = “{ $label }”已暂停，它的事件会等待发送。
flash-destination-resumed = “{ $label }”已恢复发送。
flash-destination-removed = “{ $label }”已删除。

## 提示：订阅者、已屏蔽的地址、组织者

flash-subscriber-removed = 该订阅者已删除。
flash-suppression-added = 该地址已加入屏蔽列表，今后不会再向它发送任何邮件。
flash-suppression-removed = { $address } 已移出屏蔽列表，将恢复向它发送邮件。
flash-organiser-invited =
    { $hours ->
       *[other] 已邀请 { $email }，邀请邮件中的链接在 { $hours } 小时内有效。
    }
flash-organiser-role =
    { $role ->
        [admin] { $email } 现在是管理员。
       *[moderator] { $email } 现在是审核员。
    }
flash-organiser-disabled = { $email } 已停用：已被登出，其 API 令牌也不再有效。
flash-organiser-enabled = { $email } 已重新启用。
flash-organiser-link-sent = 新链接正在发送至 { $email }。
flash-token-revoked = 该令牌已撤销，不再有效。

flash-sentences = { $first }{ $second }

## 错误页：标题，以及下方的说明

error-page-400-title = 请求有误
error-page-400-message = 无法理解这个请求。链接可能不完整，或者表单已经过期。
error-page-401-title = 请登录
error-page-401-message = 需要以组织者身份登录才能进行此操作。请登录后再试。
error-page-403-title = 无权访问
error-page-404-title = 找不到页面
error-page-404-message = 这个地址没有页面。页面可能已经移动，或者链接有误。
error-page-405-title = 不允许的请求方法
error-page-405-message = 这个地址不接受这种请求。
error-page-409-title = 冲突
error-page-413-title = 内容过大
error-page-413-message = 你发送的内容超出了本站允许的大小。请精简后再试。
error-page-422-title = 输入无效
error-page-429-title = 请求过多
error-page-429-message =
    { $seconds ->
       *[other] 来自这里的请求过多。请等待 { $seconds } 秒后再试。
    }
error-page-500-title = 出错了
error-page-500-message = 我们这边出了问题，已记录在日志中。请再试一次。
error-page-503-title = 暂时无法使用
error-page-503-message = 俱乐部现在太忙，暂时无法响应。请过几秒钟再试。
error-page-other-title = 错误
error-page-other-message = 无法处理这个请求。

## 标签

label-filter-all = 全部
label-filter-all-statuses = 全部
label-history-author = 作者
label-audit-actor-removed = （已删除）
label-audit-actor-command-line = 命令行
label-digest-preview-unsubscribe = （每位订阅者各自的退订链接）
label-digest-preview-manage = （每位订阅者各自更改语言的页面）
label-digest-status-none = 尚未生成
label-digest-status-waiting = 等待中
label-digest-status-empty = 无内容
label-digest-status-queued = 已排队
label-digest-status-sent = 已发送

form-stamp-incomplete = 表单不完整。请刷新页面后重试。
form-stamp-too-fast = 提交速度快得不像人工填写。请检查内容后再次提交。
form-stamp-too-old = 表单已打开超过一天。请检查内容后再次提交。

title-topic-translations = “{ $title }”的其他语言版本
flash-translation-saved = 已保存{ $language }的标题和简介。
flash-translation-removed = 已删除{ $language }译文。
