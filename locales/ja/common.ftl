format-date = %Y年%-m月%-d日
format-datetime = %Y年%-m月%-d日(%a) %H:%M %Z
format-month = %Y年%-m月

site-skip-link = 本文へ移動
site-nav-label = メイン
nav-schedule = スケジュール
nav-dashboard = ダッシュボード
nav-organisers = 運営者
nav-log-out = ログアウト（{ $name }）
site-footer = { $club } · Content Club で運営
language-switcher-label = 言語

feed-everything-title = { $club }：公開されたすべて
feed-everything-json-title = { $club }：公開されたすべて（JSON Feed）
feed-schedule-title = { $club }：スケジュール
feed-topic-rss-title = { $title }（RSS）
feed-topic-json-title = { $title }（JSON Feed）

kind-article = 記事
kind-video = 動画
kind-post = 投稿
kind-podcast = ポッドキャスト
kind-talk = 講演
kind-other = その他

topic-status-upcoming = 近日開始
topic-status-open = 募集中
topic-status-closed = 締め切り — アーカイブ

submission-status-unconfirmed = 未確認
submission-status-pending = 審査待ち
submission-status-approved = 承認済み
submission-status-rejected = 不採用
submission-status-withdrawn = 取り下げ

role-admin = 管理者
role-moderator = モデレーター

closes-in =
    { $days ->
        [0] 本日締め切り
       *[other] あと { $days } 日で締め切り
    }

digest-group-highlights = 注目のエントリー
digest-group-article = 記事
digest-group-video = 動画
digest-group-post = 投稿
digest-group-podcast = ポッドキャスト
digest-group-talk = 講演
digest-group-other = その他

rejection-reason-0 = 今月のテーマに沿っていない
rejection-reason-1 = 有料、またはメールアドレスの登録が必要
rejection-reason-2 = すでに投稿済み、または取り上げ済み
rejection-reason-3 = 投稿者本人の作品ではない
