# Chat messages (Slack, Discord, Teams…) about club events: a title and a short text each.

# Test message an organiser sends to a new destination ($destination is its name, $events the list of events it receives)
chat-destination-test-title = { $club } からのテストメッセージ
chat-destination-test-text = この送信先（{ $destination }）の設定が完了しました。{ $events } のメッセージがここに届きます。

# A digest went out ($title is the topic's title); followed by the link to its web version
chat-digest-sent-title = 「{ $title }」のダイジェストを送信しました
chat-digest-sent-text = 購読者 { $recipients } 人のうち { $sent } 人に送信しました。Web 版はこちら：
chat-digest-sent-text-failed = 購読者 { $recipients } 人のうち { $sent } 人に送信しました（{ $failed } 件は失敗）。Web 版はこちら：

# A new entry waits for moderation ($kind is article, video, post, podcast, talk or other; $topic the topic's title); followed by the link to the queue
chat-entry-pending-title = 審査待ち：{ $title }
chat-entry-pending-text =
    { $kind ->
        [article] テーマ *{ $topic }* に新しい記事が届き、審査を待っています：
        [video] テーマ *{ $topic }* に新しい動画が届き、審査を待っています：
        [post] テーマ *{ $topic }* に新しい投稿が届き、審査を待っています：
        [podcast] テーマ *{ $topic }* に新しいポッドキャストが届き、審査を待っています：
        [talk] テーマ *{ $topic }* に新しい講演が届き、審査を待っています：
       *[other] テーマ *{ $topic }* に新しいエントリーが届き、審査を待っています：
    }

# An entry was published ($kind as above, $author who made it, $topic the topic's title)
chat-entry-published-title = アーカイブに追加：{ $title }
chat-entry-published-text-by =
    { $kind ->
        [article] { $author } による記事がテーマ *{ $topic }* に加わりました。
        [video] { $author } による動画がテーマ *{ $topic }* に加わりました。
        [post] { $author } による投稿がテーマ *{ $topic }* に加わりました。
        [podcast] { $author } によるポッドキャストがテーマ *{ $topic }* に加わりました。
        [talk] { $author } による講演がテーマ *{ $topic }* に加わりました。
       *[other] { $author } によるエントリーがテーマ *{ $topic }* に加わりました。
    }
chat-entry-published-text =
    { $kind ->
        [article] テーマ *{ $topic }* に記事が加わりました。
        [video] テーマ *{ $topic }* に動画が加わりました。
        [post] テーマ *{ $topic }* に投稿が加わりました。
        [podcast] テーマ *{ $topic }* にポッドキャストが加わりました。
        [talk] テーマ *{ $topic }* に講演が加わりました。
       *[other] テーマ *{ $topic }* にエントリーが加わりました。
    }

# The link of an entry in the archive stopped working; each line is followed by a link (the entry's, then the dashboard's)
chat-link-broken-title = リンク切れ：{ $title }
chat-link-broken-text = エントリー *{ $title }* のリンクが「見つかりません」を返しています：
chat-link-broken-fix = ダッシュボードで新しいリンクに差し替えてください：

# A month's round-up was published ($month is e.g. "March 2025")
chat-roundup-published-title = { $month }のまとめ：{ $title }

# A month's topic was announced ($opens and $closes are dates and times)
chat-topic-announced-title = { $club }：{ $month } — { $title }
chat-topic-announced-text = { $month }のテーマが発表されました： *{ $title }* 。投稿の受付期間は { $opens } から { $closes } までです。

# Reminder a few days before a topic closes ($days is the number of days left, $count the entries published so far); followed by the link to submit
chat-topic-closing-soon-title = 投稿締め切りまであと { $days } 日：{ $title }
chat-topic-closing-soon-text =
    { $count ->
        [0] テーマ *{ $title }* への投稿は { $closes } に締め切られます。まだ投稿はありません。あなたの作品を投稿しましょう：
       *[other] テーマ *{ $title }* への投稿は { $closes } に締め切られます。これまでに { $count } 件が共有されています。あなたの作品も投稿しましょう：
    }

# A topic opened for submissions; followed by the link to submit
chat-topic-opened-title = 投稿受付開始：{ $title }
chat-topic-opened-text = テーマ *{ $title }* は { $closes } まで投稿を受け付けています。記事、動画、投稿、ポッドキャスト、講演など、あなたの作品を共有してください：
