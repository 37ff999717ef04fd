subscription-title = 購読の設定
subscription-heading = ダイジェストの購読
subscription-intro = ダイジェストは { $email } に届きます。
subscription-saved = 保存しました。次回からのダイジェストはこの言語で届きます。
subscription-language-label = ダイジェストの言語
subscription-language-save = 言語を保存
subscription-leave-heading = ダイジェストの配信を停止
subscription-unsubscribe = 購読を解除
