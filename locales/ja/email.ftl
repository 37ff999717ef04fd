# Emails: the text part and the HTML part of each email use the same messages. Subjects are one line.

# Greetings at the top of every email ($name is the recipient's name)
email-hello-name = { $name } さん、こんにちは。
email-hello = こんにちは。

# Digest email (sent to subscribers when a month's topic closes): subject, body text and HTML
email-digest-subject = { $club } · { $month }：{ $title }（新着 { $count } 件）
email-digest-shared =
    { $count ->
        [0] このテーマには、メンバーからのエントリーはありませんでした。
       *[other] このテーマには、メンバーから { $count } 件のエントリーが寄せられました。
    }
# Below an entry's title ($author is the name of who made it)
email-digest-by = 作者：{ $author }
# Label before the organiser's note on an entry
email-digest-note-label = 運営者のコメント：
# Links to the topic's page and to its feed
email-digest-archive-link = アーカイブをすべて見る
email-digest-feed-link = フィードリーダーで購読する
# The next month's topic ($month is e.g. "April 2025", $title its title), then a link to submit to it
email-digest-next = 次回（{ $month }）のテーマは「{ $title }」です。
email-digest-share-own = あなたの作品を投稿する
# Footer of the digest
email-digest-why = このメールは、{ $club } のダイジェストを購読している方にお送りしています。
email-digest-unsubscribe = ワンクリックで購読を解除
email-digest-change-language = ダイジェストの言語を変更
# Subject of a digest sent as a test to one address ($subject is the digest's own subject)
email-digest-test-subject = 【テスト】{ $subject }

# Email to an author whose piece an organiser added to the archive
email-entry-added-subject = アーカイブに追加されました：{ $title }
email-entry-added-intro = { $club } の運営者が、あなたの作品「{ $title }」を「{ $topic }」のアーカイブに追加しました。
email-entry-added-thanks = すてきな作品をありがとうございます。エントリーの内容に誤りがあれば、このメールに返信してお知らせください。

# Email to an organiser after many failed logins to their account
email-login-alert-subject = { $club } の運営者アカウントでログインの失敗が続いています
email-login-alert-intro = この 1 時間に、何者かが { $club } のあなたの運営者アカウントに、誤ったパスワードで少なくとも { $failures } 回ログインしようとしました。
email-login-alert-reassure = ご自身によるものであれば、何もする必要はありません。そうでない場合も、パスワードが十分に長く、ほかで使い回していなければ、アカウントは安全です。推測を続けるアドレスは、試行のたびに待たされる時間が長くなっていきます。
# Text part only, followed by the address of the account page
email-login-alert-account-page = パスワードの変更と、すべての端末からのログアウトは、アカウントページで行えます：
# Button in the HTML part
email-login-alert-button = パスワードを変更する・すべての端末からログアウトする
email-login-alert-frequency = このお知らせは 1 日に 1 回までお送りします。

# Email inviting someone to become an organiser ($inviter is who sent it, $role is "admin" or "moderator"), followed by the link
email-organiser-invite-subject = { $club } の運営に招待されました
email-organiser-invite-intro =
    { $role ->
        [admin] { $inviter } さんが、あなたを { $club } の運営に管理者として招待しました。参加するには、パスワードを設定してください：
       *[moderator] { $inviter } さんが、あなたを { $club } の運営にモデレーターとして招待しました。参加するには、パスワードを設定してください：
    }
email-organiser-invite-button = 招待を受けてパスワードを設定する
# $expires is a date and time
email-organiser-invite-expiry = このリンクは { $expires } まで、1 回だけ使えます。この招待に心当たりがない場合は、このメールを無視してください。

# Email with a link to set a new organiser password ($inviter is the admin who sent it), followed by the link
email-organiser-reset-subject = { $club } の新しいパスワードを設定してください
email-organiser-reset-intro = { $inviter } さんから、{ $club } のあなたの運営者アカウントに新しいパスワードを設定するためのリンクが届いています：
email-organiser-reset-button = 新しいパスワードを設定する
# $expires is a date and time
email-organiser-reset-expiry = このリンクは { $expires } まで、1 回だけ使えます。パスワードを設定すると、ほかのすべての場所からログアウトされます。心当たりがない場合は { $inviter } さんにお知らせください。リンクが使われるまでは、今のパスワードをそのまま使えます。

# Email to an author: their submission was approved ($topic is the topic's title), followed by the topic's link
email-submission-approved-subject = 公開されました：{ $title }
email-submission-approved-intro = あなたの投稿「{ $title }」が承認され、「{ $topic }」のアーカイブに加わりました。
email-submission-approved-thanks = { $club } で共有してくださり、ありがとうございます。

# Email to an author asking them to confirm their submission
email-submission-confirm-subject = 投稿の確認をお願いします：{ $title }
# Followed by the submission's title and the host of its link
email-submission-confirm-intro = { $club } のテーマ「{ $topic }」にご投稿いただき、ありがとうございます。
# Below the submission's title ($host is e.g. "example.org")
email-submission-confirm-link-host = { $host } へのリンク
email-submission-confirm-ask = ご本人による投稿であることを確認してください。
# Text part only, followed by the confirmation address
email-submission-confirm-open-page = 次のページを開いて、ボタンを押してください：
email-submission-confirm-expiry = 確認されるまで、投稿は審査されません。確認されなかった投稿は { $hours } 時間後に削除されます。
# Button in the HTML part
email-submission-confirm-button = 投稿を確認する
# Followed by the private link to change or withdraw the submission
email-submission-confirm-edit = 審査を待つあいだは、こちらから投稿の変更や取り下げができます（このリンクはほかの人に教えないでください）：
# Text of that link in the HTML part
email-submission-confirm-edit-link = 投稿を変更・取り下げる
email-submission-confirm-ignore = 投稿した覚えがない場合は、このメールを無視してください。

# Email to an author: their submission was not published
email-submission-rejected-subject = 公開されませんでした：{ $title }
email-submission-rejected-intro = テーマ「{ $topic }」に「{ $title }」をご投稿いただき、ありがとうございました。検討の結果、運営者はこの投稿を公開しないことにしました。
# Label before the organisers' reason
email-submission-rejected-reason-label = 理由：
email-submission-rejected-welcome = テーマの募集期間中にほかの作品を投稿していただくことも、今後のテーマに投稿していただくこともできます。

# Email asking a new subscriber to confirm their subscription to the digest
email-subscribe-confirm-subject = { $club } の購読を確認してください
email-subscribe-confirm-intro = このアドレスで { $club } のダイジェストを受け取りたいというお申し込みがありました（ご本人であればうれしいです）。毎月のテーマが締め切られるたびに、メンバーが共有したすべてのエントリーをまとめたメールを 1 通お送りします。
# Button in the HTML part
email-subscribe-confirm-button = 購読を確認する
# Text part only, followed by the confirmation address
email-subscribe-confirm-open-page = 受け取りを始めるには、次のページを開いてボタンを押してください：
email-subscribe-confirm-ignore = お心当たりがない場合は、このメールを無視してください。確認されない限り、これ以上メールをお送りすることはありません。
