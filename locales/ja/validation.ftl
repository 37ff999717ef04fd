# クラブのルールによる項目・値の問題（invalid-…）と、拒否の理由（refused-domain-…）。
# フォームでは該当する項目のそばに（API では問題詳細のその項目に）、または拒否されたリクエストの説明として表示されます。

# メールアドレス（投稿フォーム、購読フォーム、運営者アカウント、コマンドライン）。
invalid-email-empty = メールアドレスを入力してください。
invalid-email-too-long = メールアドレスが長すぎます（{ $max } 文字まで）。
invalid-email-hidden-characters = メールアドレスには空白、見えない文字、制御文字を含められません。
invalid-email-shape = name@example.org のような形式でメールアドレスを入力してください。

# リンク（投稿フォーム、運営者が追加するエントリー、通知先）。
invalid-url-empty = コンテンツへのリンクを入力してください。
invalid-url-too-long = リンクは { $max } 文字以内にしてください。
invalid-url-spaces = リンクには空白や制御文字を含められません。
invalid-url-not-absolute = https:// または http:// で始まる完全なリンクを入力してください。
invalid-url-scheme = 投稿できるのは http:// と https:// のリンクだけです。
invalid-url-no-host = リンクにはホスト名が必要です（例：https://example.org/post）。
invalid-url-host-incomplete = リンクのホスト名が不完全なようです。
invalid-url-credentials = ユーザー名やパスワードを含むリンクは投稿できません。
# 入力したままなら収まるものの、特殊な文字を %XX の形に直すと長すぎるリンク。
invalid-url-too-long-encoded = リンクはエンコード後に { $max } 文字以内である必要があります。

# 月と日時（トピックのフォーム、API、コマンドライン）。$value は入力された値です。
invalid-month = 「{ $value }」は月として正しくありません。YYYY-MM の形式で入力してください（例：2025-03）。
invalid-local-time = 「{ $value }」は日時として正しくありません。YYYY-MM-DDTHH:MM の形式で入力してください。
invalid-local-time-skipped = { $value } は { $zone } では存在しない時刻です（夏時間への切り替えで飛ばされます）。別の時刻を選んでください。
invalid-rfc3339-time = 「{ $value }」は RFC 3339 形式の日時ではありません（例：2025-03-01T00:00:00+01:00）。

# タイトル：トピック、投稿、運営者が追加するエントリーのタイトル。
invalid-title-empty = タイトルを入力してください。
invalid-title-too-long = タイトルは { $max } 文字以内にしてください。
invalid-title-control = タイトルには制御文字や改行を含められません。
invalid-title-link = タイトルにはウェブアドレスを含められません。リンクはリンクの欄に入力してください。

# 紹介文：トピック、投稿、運営者が追加するエントリーの紹介文。
invalid-summary-empty = 短い紹介文を入力してください。
invalid-summary-too-long = 紹介文は { $max } 文字以内にしてください。
invalid-summary-control = 紹介文には制御文字を含められません。

# 投稿フォームの、投稿者自身の名前。
invalid-your-name-empty = お名前を入力してください。
invalid-your-name-too-long = お名前は { $max } 文字以内にしてください。
invalid-your-name-control = お名前には制御文字や改行を含められません。
invalid-name-link = 名前にはウェブアドレスを含められません。リンクはリンクの欄に入力してください。

# 投稿フォーム：共有するものの種類。$kinds は API での種類名（article、video など）の一覧です。
invalid-submission-kind = 共有するものの種類を選んでください：{ $kinds }。

# 運営者が追加するエントリー（エントリーのフォーム、貼り付けたリスト、API、コマンドライン）。
invalid-entry-kind = 種類を選んでください：{ $kinds }。
invalid-author-name-empty = 作者の名前を入力してください。
invalid-author-name-too-long = 作者の名前は { $max } 文字以内にしてください。
invalid-author-name-control = 作者の名前には制御文字や改行を含められません。
# 「作者に知らせる」にチェックしたのに、メールアドレスがない場合。
invalid-author-email-needed = 作者に知らせるには、作者のメールアドレスを入力してください。
invalid-note-too-long = メモは { $max } 文字以内にしてください。
invalid-note-control = メモには制御文字を含められません。
invalid-language-tag = 「{ $tag }」は言語タグではありません。en、de、pt-BR、zh-Hant のようなタグを使ってください。
# published、pending、rejected、withdrawn は入力する語（API とコマンドライン）なので、そのままにします。
invalid-entry-status = 「{ $status }」は運営者が設定できる状態ではありません。published、pending、rejected、withdrawn のいずれかを使ってください。
# 貼り付けたエントリーのリストの 1 行（リストのプレビュー）：http(s) のリンクがありません。
invalid-list-line-no-link = リンクがありません

# 投稿を不採用にするとき（審査キュー）。
invalid-reason-unlisted = 一覧の理由から選ぶか、理由を自分で書いてください。
invalid-reason-too-long = 理由は表示できる文字で { $max } 文字以内にしてください。
invalid-reason-missing = 不採用の理由を作者に伝えてください。

# トピックのフォーム：アドレス（スラッグ）、募集期間、翻訳。
invalid-slug-empty = アドレス（スラッグ）を入力するか、空欄にしてタイトルから作ってください。
invalid-slug-too-long = アドレス（スラッグ）は { $max } 文字以内にしてください。
invalid-slug-shape = 小文字の英字、数字、ハイフン（連続させない）だけを使ってください（例：metrics-that-matter）。
invalid-slug-reserved = 「{ $slug }」は予約されているアドレスです。別のものを選んでください。
invalid-window-order = 募集期間の終わりは始まりより後にしてください。
invalid-translation-language = 次のいずれかの言語に翻訳してください：{ $languages }。
invalid-translation-own-language = このトピック自体が { $language } で書かれています。トピック本体のタイトルと概要を変更してください。

# まとめのフォーム。$ids はエントリーの ID の一覧です。
invalid-intro-too-long = 紹介文は { $max } 文字以内にしてください。
invalid-intro-missing = まとめを公開する前に紹介文を書いてください。
invalid-roundup-unknown-entries = このトピックのエントリーではありません：{ $ids }。
invalid-roundup-repeated-entry = 各エントリーは 1 回だけ指定してください。

# 通知先（チャンネルと Webhook）。$kinds と $events は API での名前の一覧です。
invalid-destination-kind = 次のいずれかを選んでください：{ $kinds }。
invalid-destination-label = 名前は 1 行で、{ $max } 文字以内にしてください。
invalid-destination-event = 「{ $event }」はイベントではありません。次から選んでください：{ $events }。
invalid-destination-events-empty = イベントを 1 つ以上選んでください。
invalid-destination-reminder-days = リマインダーは締め切りの { $min }〜{ $max } 日前の範囲で指定してください。

# 運営者アカウントと API トークン。admin と moderator は入力する役割名（コマンドライン、API）なので、そのままにします。
invalid-password-too-short = パスワードは { $min } 文字以上にしてください。
invalid-password-too-long = パスワードは { $max } 文字以内にしてください。
invalid-display-name-empty = 表示名を入力してください。
invalid-display-name-too-long = 表示名は { $max } 文字以内にしてください。
invalid-display-name-control = 表示名には制御文字を含められません。
invalid-token-label = ラベルは表示できる文字で { $max } 文字以内にしてください。
invalid-role = 不明な役割「{ $role }」です。admin または moderator を使ってください

# 拒否：トピックの月やアドレスがすでに使われている（トピックのフォームの該当項目のそば）。$year と $month は数字です。
refused-domain-month-taken = { $year }年{ $month }月にはすでにトピックがあります：「{ $title }」（{ $slug }）。
# $month は、もう一方のトピックの月（YYYY-MM）です。
refused-domain-slug-taken = アドレス「{ $slug }」は「{ $title }」（{ $month }）で使われています。
refused-domain-topic-has-submissions = 「{ $title }」には投稿が { $count } 件あるため、削除できません。代わりに別の月へ移すか、下書きにしてください。

# 拒否：募集していないトピックへの投稿（投稿フォーム、API）。
refused-domain-topic-not-open-yet = 「{ $title }」はまだ投稿を受け付けていません。
refused-domain-topic-closed = 「{ $title }」は締め切られました。投稿はもう受け付けていません。
# 拒否：このリンクはすでにトピックにある（投稿フォームのリンクのそば）。
refused-domain-link-submitted = このリンクはすでにこのトピックに投稿されています。
# 運営者向けの同じ拒否：$id はエントリーの公開 ID、$status はエントリーの状態です。
refused-domain-link-in-topic =
    このトピックにはすでにこのリンクがあります：「{ $title }」（/submissions/{ $id }、{ $status ->
        [published] 公開済み
        [pending] 審査待ち
        [rejected] 不採用
        [withdrawn] 取り下げ
        [unconfirmed] 未確認
       *[other] { $status }
    }）。
# 拒否：結論の出た投稿を作者が変更・取り下げようとした。
refused-domain-submission-not-changeable =
    { $status ->
        [approved] この投稿は承認済みのため、もう変更できません。
        [rejected] この投稿は不採用になったため、もう変更できません。
        [withdrawn] この投稿は取り下げ済みのため、もう変更できません。
       *[other] この投稿は状態が「{ $status }」のため、もう変更できません。
    }
refused-domain-submission-not-withdrawable =
    { $status ->
        [approved] この投稿は承認済みのため、もう取り下げできません。
        [rejected] この投稿は不採用になったため、もう取り下げできません。
        [withdrawn] この投稿はすでに取り下げられています。
       *[other] この投稿は状態が「{ $status }」のため、もう取り下げできません。
    }

# 拒否：ログインできる管理者がいなくなってしまう変更（運営者のページ）。
refused-domain-last-admin-demote = { $email } は最後の有効な管理者です。モデレーターにすると、クラブを管理できる人がいなくなります。
refused-domain-last-admin-disable = { $email } は最後の有効な管理者です。無効にすると、クラブを管理できる人がいなくなります。

# 拒否：トピックのダイジェストの送信や作成（ダイジェストのページ、API）。
refused-domain-digest-sent = このダイジェストはすでに送信されています。
refused-domain-digest-empty = このトピックには承認済みのエントリーがないため、送信するものがありません。
refused-domain-topic-still-open = 「{ $title }」はまだ募集中です。ダイジェストは締め切り時に作成されます。
