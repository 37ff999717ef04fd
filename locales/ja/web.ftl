# ウェブの処理部分が組み立てる文：ページタイトル（ブラウザーのタブ）、次のページの上部に一度だけ
# 表示されるお知らせ（flash-…）、エラーページの見出しと説明、短いラベル。

## ページタイトル：公開ページ

title-home = ホーム
title-schedule = スケジュール
title-roundup = { $title }：まとめ
title-submit = 「{ $title }」に投稿する
title-submission-confirm = 投稿の確認
title-submission-edit = あなたの投稿
title-subscribe = ダイジェストを購読する
title-subscribe-confirm = 購読の確認
title-subscribed = 購読を開始しました
title-unsubscribe = 購読の解除
title-unsubscribed = 購読を解除しました

## ページタイトル：運営者向けページ

title-login = 運営者ログイン
title-account = あなたのアカウント
title-dashboard = ダッシュボード
title-topics = トピック
title-topic-new = 新しいトピック
title-topic-edit = 「{ $title }」を編集
title-entries = エントリー：{ $title }
title-entry-edit = 「{ $title }」を編集
title-roundup-edit = まとめ：{ $title }
title-moderation = 審査
title-digests = ダイジェスト
title-digest-preview = ダイジェスト：{ $title }
title-destinations = チャンネルと Webhook
title-destination-log = { $label } への配信
title-subscribers = 購読者
title-suppressions = 配信停止アドレス
title-organisers = 運営者
title-password-invite = 招待を受ける
title-password-reset = 新しいパスワードを決める

## お知らせ：投稿者向けのページ

flash-submission-sent = ありがとうございます！{ $email } に確認用のリンクを送りました。確認が済むと、投稿は運営者の審査に回ります。
flash-submission-confirmed = 確認しました。投稿は運営者の審査待ちです。結果が決まったらお知らせします。
flash-submission-saved = 変更を保存しました。
flash-submission-withdrawn = 投稿を取り下げました。公開されることはありません。
flash-submission-not-accepted = この投稿は受け付けられませんでした。
flash-submission-agree-required = 投稿が投稿ルールに沿っていることを確認してください。
flash-submission-rate-limited =
    { $minutes ->
       *[other] この接続元からの投稿が多すぎます。約 { $minutes } 分後にもう一度お試しください。
    }
flash-subscribe-rate-limited = この接続元からのリクエストが多すぎます。しばらくしてからもう一度お試しください。

## お知らせ：ログインと運営者アカウント

flash-login-mismatch = このメールアドレスとパスワードに一致する運営者アカウントはありません。
flash-login-rate-limited =
    { $seconds ->
       *[other] ログインの試行が多すぎます。{ $seconds } 秒待ってからもう一度お試しください。
    }
flash-logged-out = ログアウトしました。
flash-logged-out-everywhere =
    { $count ->
       *[other] すべての場所からログアウトしました（{ $count } 件のセッションを終了）。
    }
flash-password-changed = パスワードを変更しました。他のセッションはすべて終了しました。
flash-password-set = パスワードを設定しました。続けるには { $email } でログインしてください。

## お知らせ：トピック、エントリー、まとめ

flash-topic-scheduled = 「{ $title }」を { $month } に予定しました。
flash-topic-saved = 「{ $title }」を保存しました。
flash-topic-announced = 「{ $title }」を告知しました。
flash-topic-deleted = 「{ $title }」を削除しました。
flash-entry-added =
    { $status ->
        [published] 「{ $title }」を追加しました（公開）。
        [pending] 「{ $title }」を追加しました（審査待ち）。
        [rejected] 「{ $title }」を追加しました（不採用）。
        [withdrawn] 「{ $title }」を追加しました（取り下げ）。
       *[unconfirmed] 「{ $title }」を追加しました（未確認）。
    }
flash-entry-saved = 「{ $title }」を保存しました。
flash-link-replaced = 「{ $title }」のリンクを差し替えました。次回のリンク確認で改めて確認します。
flash-entries-added =
    { $count ->
       *[other] { $count } 件のエントリーを追加しました。
    }
flash-entries-left-out =
    追加しなかった行：トピックに既にあるもの { $duplicates ->
       *[other] { $duplicates } 行
    }、使えるリンクがないもの { $invalid ->
       *[other] { $invalid } 行
    }。
flash-entries-none-ticked = 追加する行を少なくとも 1 つ選んでください。
flash-roundup-published = まとめを保存して公開しました。
flash-roundup-draft = まとめを下書きとして保存しました。

## お知らせ：審査

flash-decided-none-ticked = 先に投稿を少なくとも 1 件選んでください。
flash-decided-nothing-rejected = 不採用にした投稿はありません：{ $reason }
flash-decided-one =
    { $action ->
        [approved] 「{ $title }」を承認しました。投稿者にはメールで知らせます。
       *[rejected] 「{ $title }」を不採用にしました。投稿者にはメールで知らせます。
    }
flash-decided-many =
    { $action ->
        [approved]
            { $count ->
               *[other] { $count } 件の投稿を承認しました。投稿者にはそれぞれメールで知らせます。
            }
       *[rejected]
            { $count ->
               *[other] { $count } 件の投稿を不採用にしました。投稿者にはそれぞれメールで知らせます。
            }
    }
flash-decided-skipped =
    { $count ->
       *[other] { $count } 件はすでに審査待ちではなかったため、そのままにしました。
    }

## お知らせ：ダイジェスト

flash-digest-sending =
    { $count ->
       *[other] ダイジェストを { $count } 人の購読者に送信しています。
    }
flash-digest-test-sent = テスト用のコピーを送信しています。

## お知らせ：チャンネルと Webhook

flash-destination-added = 「{ $label }」を追加しました。テストメッセージを送って動作を確かめてください。
flash-destination-test-arrived = テストメッセージが届きました（HTTP { $code }）。
flash-destination-test-refused = テストメッセージは拒否されました（HTTP { $code }）：{ $response }
flash-destination-test-failed = テストメッセージを送信できませんでした：{ $response }
flash-destination-paused = 「{ $label }」を一時停止しました。イベントは送信を待ちます。
flash-destination-resumed = 「{ $label }」の送信を再開しました。
flash-destination-removed = 「{ $label }」を削除しました。

## お知らせ：購読者、配信停止アドレス、運営者

flash-subscriber-removed = 購読者を削除しました。
flash-suppression-added = このアドレスを配信停止にしました。今後は何も送信しません。
flash-suppression-removed = { $address } の配信停止を解除しました。再びメールが送信されます。
flash-organiser-invited =
    { $hours ->
       *[other] { $email } を招待しました。招待メールのリンクは { $hours } 時間有効です。
    }
flash-organiser-role =
    { $role ->
        [admin] { $email } は管理者になりました。
       *[moderator] { $email } はモデレーターになりました。
    }
flash-organiser-disabled = { $email } を無効にしました。ログアウトされ、API トークンも使えなくなりました。
flash-organiser-enabled = { $email } を再び有効にしました。
flash-organiser-link-sent = { $email } に新しいリンクを送信しています。
flash-token-revoked = トークンを失効させました。今後は使えません。

flash-sentences = { $first }{ $second }

## エラーページ：見出しと、その下の説明

error-page-400-title = 不正なリクエスト
error-page-400-message = このリクエストを理解できませんでした。リンクが途中で切れているか、フォームが古くなっている可能性があります。
error-page-401-title = ログインしてください
error-page-401-message = この操作には運営者としてのログインが必要です。ログインしてからもう一度お試しください。
error-page-403-title = 許可されていません
error-page-404-title = ページが見つかりません
error-page-404-message = このアドレスにはページがありません。移動したか、リンクが間違っている可能性があります。
error-page-405-title = 許可されていないメソッド
error-page-405-message = このアドレスはその種類のリクエストを受け付けません。
error-page-409-title = 競合
error-page-413-title = サイズが大きすぎます
error-page-413-message = 送信された内容がこのサイトの上限を超えています。短くしてからもう一度お試しください。
error-page-422-title = 入力が正しくありません
error-page-429-title = リクエストが多すぎます
error-page-429-message =
    { $seconds ->
       *[other] この接続元からのリクエストが多すぎます。{ $seconds } 秒待ってからもう一度お試しください。
    }
error-page-500-title = 問題が発生しました
error-page-500-message = サーバー側で問題が発生しました。記録は残してあります。もう一度お試しください。
error-page-503-title = 一時的に利用できません
error-page-503-message = 現在混み合っていて応答できません。数秒後にもう一度お試しください。
error-page-other-title = エラー
error-page-other-message = このリクエストを処理できませんでした。

## ラベル

label-filter-all = すべて
label-filter-all-statuses = すべて
label-history-author = 投稿者
label-audit-actor-removed = （削除済み）
label-audit-actor-command-line = コマンドライン
label-digest-preview-unsubscribe = （購読者ごとの購読解除リンク）
label-digest-preview-manage = （購読者ごとの言語変更ページ）
label-digest-status-none = 未作成
label-digest-status-waiting = 待機中
label-digest-status-empty = 内容なし
label-digest-status-queued = 送信待ち
label-digest-status-sent = 送信済み

form-stamp-incomplete = フォームが不完全です。ページを再読み込みしてやり直してください。
form-stamp-too-fast = 人が入力するには速すぎます。内容を確認して、もう一度送信してください。
form-stamp-too-old = フォームが 1 日以上開かれたままでした。内容を確認して、もう一度送信してください。

title-topic-translations = 「{ $title }」の他の言語版
flash-translation-saved = { $language }のタイトルと概要を保存しました。
flash-translation-removed = { $language }の翻訳を削除しました。
