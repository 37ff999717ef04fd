subscription-title = 我的订阅
subscription-heading = 我的摘要订阅
subscription-intro = 摘要会发送到 { $email }。
subscription-saved = 已保存：之后的摘要将使用这种语言。
subscription-language-label = 摘要语言
subscription-language-save = 保存语言
subscription-leave-heading = 停止接收摘要
subscription-unsubscribe = 退订
