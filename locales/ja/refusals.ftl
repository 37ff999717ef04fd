# クラブのページ、API、コマンドラインが返す拒否の理由（refused-…）：リクエストが実行されなかったわけを
# 説明します。エラーページやお知らせの一行、フォームの該当項目のそば、または API の問題詳細の detail として
# 表示されます。「」の中の値は入力された内容です。

# あらゆるフォームや API リクエスト：フォームが古い・別の場所から送られた、ページやトークンが管理者専用、
# JSON 本文が壊れている（$detail はパーサーによる英語の技術的な説明です）。
refused-form-expired = このフォームは有効期限が切れているか、このサイトから送信されたものではありません。前のページに戻り、再読み込みしてからもう一度お試しください。
refused-cross-site-form = このフォームは別のサイトから送信されました。このサイトでページを開き、そこから送信してください。
refused-admins-only = このページはクラブの管理者専用です。
refused-admin-token-only = この操作には管理者のトークンが必要です。モデレーターは投稿の審査だけができます。
refused-json-unreadable = JSON 本文を読み取れませんでした：{ $detail }

# メールに記載された、もう使えないリンク（購読の設定ページ、投稿者が自分の投稿を管理する専用リンク、
# 運営者への招待やパスワード設定のリンク）。
refused-subscription-link-invalid = このリンクは無効か、有効期限が切れています。新しいリンクを受け取るには、もう一度購読してください。
refused-private-link-invalid = この専用リンクは無効です。メールに記載されたリンクをそのまま使ってください。
refused-submission-withdrawn = この投稿は取り下げられました。
refused-organiser-link-expired = このリンクは有効期限が切れているか、すでに使われています。クラブの管理者に新しいリンクを送ってもらってください。

# 購読者が受け取るメールの言語（購読ページと API）。$languages は「en, zh-CN, ja」のような言語タグの一覧です。
refused-mail-language-unknown = 次の言語から選んでください：{ $languages }。

# 運営者アカウント（運営者ページ、アカウントページ、パスワード設定リンク、コマンドライン）。
refused-organiser-email-taken = メールアドレス { $email } の運営者はすでに存在します。
# コマンドラインで、運営者をメールアドレスで指定したときだけ表示されます。
refused-organiser-unknown-email = メールアドレス { $email } の運営者はいません
refused-organiser-disabled = { $email } は無効になっています。先にアカウントを有効にしてください。
refused-organiser-disable-self = 自分のアカウントは無効にできません。
refused-password-not-current = 現在のパスワードが正しくありません。
refused-passwords-differ = 2 つのパスワードが一致しません。

# 審査（審査待ちの一覧、API）。$status は投稿の状態です：unconfirmed、pending、approved、rejected、withdrawn。
refused-decision-unknown = 承認か不採用かを選んでください。
refused-decision-not-pending =
    { $status ->
        [unconfirmed] この投稿はまだ確認されていません。判断できるのは審査待ちの投稿だけです。
        [approved] この投稿は承認済みです。判断できるのは審査待ちの投稿だけです。
        [rejected] この投稿は不採用になっています。判断できるのは審査待ちの投稿だけです。
        [withdrawn] この投稿は取り下げられています。判断できるのは審査待ちの投稿だけです。
       *[other] この投稿の状態は { $status } です。判断できるのは審査待ちの投稿だけです。
    }

# 運営者のエントリー（エントリーの編集フォーム、追加するエントリーのリスト、API）。
refused-entry-patch-empty = 変更する内容がありません。少なくとも 1 つの項目を指定してください。
refused-entry-topic-unknown = トピック「{ $slug }」はありません。
refused-entry-link-taken = このトピックにはすでにこのリンクがあります。
# 貼り付けたリストのうち、項目に問題がある行の後に表示されます：$field は API での項目名（title、url など）、
# $problem はその問題です。
refused-list-line-field = { $field }：{ $problem }
# 1 行の中で複数の項目に問題があるときの区切り。
refused-list-line-separator = { "、" }
# 同じリストの前の行と同じリンクを持つ行：$line はその前の行の番号です。
refused-list-line-repeated = { $line } 行目と同じリンクです
# API のみ：リストがテキストでもエントリーの配列でも送られていない、または多すぎるとき。
refused-bulk-text-or-entries = "text" か "entries" のどちらか一方を送ってください。
refused-bulk-too-many =
    { $max ->
       *[other] 一度に送れるエントリーは { $max } 件までです。
    }
# API のみ：絞り込みに使う投稿の状態。$statuses はその一覧です（「unconfirmed, pending, …」）。
refused-status-unknown = 次のいずれかを使ってください：{ $statuses }。

# トピックと日程（トピックのフォーム、API）。
refused-topic-month-missing = 月を YYYY-MM の形式で指定してください。
refused-topic-title-missing = タイトルを指定してください。
refused-schedule-changed-meanwhile = 同時に日程への別の変更がありました。もう一度お試しください。

# その他の管理ページ：通知先のリマインダー日数、まとめの順位（$number は入力された内容）、Webhook の秘密鍵、
# ダイジェスト、配信停止リスト。
refused-reminder-days-not-number = 日数は数字で入力してください。
refused-roundup-place-not-number = 「{ $number }」は順位として使えません。1、2、3…と入力するか、空欄のままにしてください。
refused-destination-not-signed = 署名されるのは汎用 Webhook だけです。
refused-digest-already-sent = このダイジェストはすでに送信されています。
refused-address-suppressed-already = そのアドレスはすでにリストにあります。

# コマンドラインのみ：トピックのない月にサンプルの内容を入れようとしたとき。
refused-demo-no-topic = この月には内容を入れるトピックがありません

# メール配信サービスの Webhook（サービス側や、その配信ログを見る人が読みます）と
# `content-club bounces read`。$detail はパーサーによる英語の技術的な説明です。
refused-hook-signature-reused = この署名は以前に別のレポートで使われています
refused-hook-not-sns = 本文が SNS メッセージではありません：{ $detail }
refused-hook-not-json = 本文が JSON ではありません：{ $detail }
refused-hook-sns-topic = この SNS トピックはクラブが受け付けるものではありません
refused-hook-sns-certificate = 署名証明書が Amazon SNS のものではありません
refused-hook-sns-unsigned-fields = SNS メッセージに、署名の対象となる項目が欠けています
refused-hook-sns-signature = SNS の署名が一致しません
refused-hook-sns-subscription-link = サブスクリプションの確認リンクが Amazon SNS のものではありません
refused-hook-mailgun-signature = Mailgun の署名が一致しません
refused-hook-mailgun-signature-old = Mailgun の署名が古すぎます
refused-hook-postmark-credentials = Postmark の認証情報が一致しません
refused-hook-sendgrid-signature = SendGrid の署名が一致しません
refused-report-not-a-report = これは配信に失敗した受信者についての配信状況通知（RFC 3464）でも、迷惑行為の報告（RFC 5965）でもありません

refused-form-unreadable = フォームを読み取れませんでした：{ $detail }
refused-query-unreadable = クエリ文字列を読み取れませんでした：{ $detail }
