# /admin 以下の運営者向けページ。読むのは運営者だけで、メンバーには表示されません。

# 複数の管理ページで共通：フォームのエラー、表の列、ボタン。
admin-form-errors = 下に示した項目を修正してください。
admin-form-error = 下に示した項目を修正してください。
admin-column-actions = 操作
admin-edit = 編集
admin-remove = 削除
admin-email = メールアドレス
admin-new-password = 新しいパスワード
admin-password-hint = { $count } 文字以上。関係のない単語をいくつか並べると良いパスワードになります。
admin-highlight-badge = 注目
admin-entry-note = メモ：{ $note }
# スクリーンリーダーだけが読み上げる部分。「編集」「承認」などのボタン名のすぐ後に続き、対象を示します。
admin-hidden-title = 「{ $title }」
# 「10 件中 3 件送信済み、1 件失敗」のような短い列挙の区切り。
admin-list-separator = 、
# コード例を挟んで組み立てる文の終わり。
admin-sentence-end = 。

# 通知先のサービス名（チャンネルと Webhook）。
admin-destination-kind-webhook = 汎用 Webhook
admin-destination-kind-slack = Slack
admin-destination-kind-discord = Discord
admin-destination-kind-mattermost = Mattermost
admin-destination-kind-rocketchat = Rocket.Chat
admin-destination-kind-teams = Microsoft Teams

# 通知先への 1 回の配信の結果（配信ログ）。
admin-attempt-outcome-delivered = 配信済み
admin-attempt-outcome-retry = 再試行予定
admin-attempt-outcome-failed = 失敗

# 運営者から見たエントリーの状態（トピックのエントリー一覧、「追加時の状態」の選択肢）。
admin-entry-status-published = 公開済み
admin-entry-status-approved = 公開済み
admin-entry-status-unconfirmed = 未確認
admin-entry-status-pending = 審査待ち
admin-entry-status-rejected = 不採用
admin-entry-status-withdrawn = 取り下げ

# 運営者アカウントの状態（運営者ページ）。
admin-organiser-state-invited = 招待中
admin-organiser-state-active = 有効
admin-organiser-state-disabled = 無効

# ダイジェスト購読者の状態（購読者ページ）。
admin-subscriber-status-pending = 確認待ち
admin-subscriber-status-active = 購読中
admin-subscriber-status-unsubscribed = 購読解除
admin-subscriber-status-bounced = 不達

# アドレスが配信停止になっている理由（配信停止アドレスのページ）。
admin-suppression-reason-hard-bounce = 恒久的な不達
admin-suppression-reason-complaint = 迷惑メールとして報告
admin-suppression-reason-manual = 運営者が追加

# ログインページ。
admin-login-heading = 運営者ログイン
admin-login-password = パスワード
admin-login-submit = ログイン

# メールのリンクからパスワードを決めるページ：招待またはリセット。
admin-password-heading-invite = 招待を受ける
admin-password-heading-reset = 新しいパスワードを決める
# この後にアカウントのメールアドレスが太字で続きます。
admin-password-intro-invite = ようこそ、{ $name } さん。次の運営者アカウントのパスワードを決めてください：
# この後にアカウントのメールアドレスが太字で続きます。
admin-password-intro-reset = 新しいパスワードを設定すると、他のすべての場所からログアウトされます。パスワードを設定するアカウント：
admin-password-repeat = パスワード（確認）
admin-password-submit = パスワードを設定

# アカウントページ。
admin-account-heading = あなたのアカウント
# この後に運営者の名前（太字）とメールアドレス（かっこ内）が続きます。
admin-account-logged-in-as = ログイン中のアカウント：
admin-account-password-heading = パスワードの変更
admin-account-password-intro = 変更すると、他のすべての場所からログアウトされます。このブラウザーはログインしたままです。
admin-account-current-password = 現在のパスワード
admin-account-repeat-password = 新しいパスワード（確認）
admin-account-password-submit = パスワードを変更
admin-account-everywhere-heading = すべての場所からログアウト
admin-account-everywhere-intro = このアカウントのすべてのセッションを、この端末も含めたすべての端末で終了します。
admin-account-everywhere-submit = すべての場所からログアウト

# ダッシュボード：対応が必要なこと。
admin-dashboard-heading = ダッシュボード
admin-dashboard-welcome = ようこそ、{ $name } さん。
admin-dashboard-attention-heading = 対応が必要なこと
admin-dashboard-pending = 審査待ちの投稿が { $count } 件あります
admin-dashboard-none-pending = 審査待ちの投稿はありません。
admin-dashboard-unconfirmed =
    { $count ->
        [0] 投稿者の確認を待っている投稿はありません。
       *[other] 投稿者の確認を待っている投稿が { $count } 件あります。
    }
# $count 件のうち $stale 件が 1 日以上待っています。
admin-dashboard-unconfirmed-stale = 投稿者の確認を待っている投稿が { $count } 件あり、そのうち { $stale } 件は 1 日以上待っています。
admin-dashboard-approved = これまでに公開された投稿は合計 { $count } 件です。
admin-dashboard-digest-waiting = 「{ $title }」のダイジェストがあなたの対応を待っています。このままでは送信が遅れます。
admin-dashboard-digest-waiting-link = 送信または確認する
# $digests はダイジェストの一覧で、それぞれに失敗件数が付きます。
admin-dashboard-digest-failing = 「{ $title }」のダイジェストが { $count } 人の購読者に届きませんでした。
admin-dashboard-digest-failing-link = ダイジェストを見る
admin-dashboard-digest-empty = 「{ $title }」は承認済みのエントリーがないまま締め切られたため、ダイジェストは送信されませんでした。
admin-dashboard-destination-paused = 1 日失敗が続いたため一時停止中：通知先「{ $label }」。
admin-dashboard-destination-failing = 配信失敗中：通知先「{ $label }」。
admin-dashboard-destination-link = 配信状況を見る
# $month は「2025年3月」のような年と月です。
admin-dashboard-gap = { $month }のトピックはまだ予定されていません。
admin-dashboard-gap-link = 予定を立てる
admin-dashboard-broken-heading = リンク切れ
admin-dashboard-broken-intro = 以下の公開済みエントリーのリンクは、2 回続けて「見つかりません」と応答しました。記事が移動したなら新しいリンクを設定するか、エントリーを編集してください。
admin-dashboard-new-link = 新しいリンク
admin-dashboard-replace = 置き換え
# スクリーンリーダーだけが読み上げる部分。「置き換え」のすぐ後に続きます。
admin-dashboard-replace-hidden = （「{ $title }」のリンク）
admin-dashboard-manage-heading = 管理
admin-dashboard-manage-moderation = 審査キュー
admin-dashboard-manage-account = あなたのアカウント：パスワード、すべての場所からログアウト
admin-dashboard-manage-topics = トピックとスケジュール
admin-dashboard-manage-organisers = 運営者と API トークン
admin-dashboard-charts-heading = クラブの状況

# ダッシュボードの棒グラフ。
admin-chart-empty = まだデータがありません。
admin-chart-description = 棒グラフ。同じ数値を下の表にも載せています。最大値：{ $max }。
admin-chart-table-caption = { $title }（表）

# トピック：月ごとのスケジュール。
admin-topics-heading = トピック
admin-topics-new = 新しいトピックを計画
admin-topics-caption = 最も先の予定から過去へ向かって月を並べています。空いている月はトピックが予定されていない月です。
admin-topics-column-month = 月
admin-topics-column-topic = トピック
admin-topics-column-state = 状態
admin-topics-this-month = 今月
admin-topics-draft = 下書き
admin-topics-announce = 告知
admin-topics-delete = 削除
admin-topics-no-topic = トピックなし
admin-topics-no-topic-yet = トピックはまだ予定されていません
# $month は「2025年3月」のような年と月です。
admin-topics-plan-month = { $month }の予定を立てる

# トピックのフォーム：新しいトピックの計画または編集。
admin-topic-form-month = 月
admin-topic-form-title = タイトル
admin-topic-form-slug = アドレス（スラッグ）
admin-topic-form-slug-hint = 小文字の英単語をハイフンでつなげます。空欄にするとタイトルから作られます。変更しても古いアドレスは引き続き使えます。
admin-topic-form-summary = 概要と募集内容（Markdown）
# $timezone はクラブのタイムゾーン（例：Asia/Tokyo）です。
admin-topic-form-window = 募集期間（{ $timezone }）
admin-topic-form-window-hint = 両方とも空欄にすると、その月いっぱいになります。
admin-topic-form-opens = 開始
admin-topic-form-closes = 締め切り
admin-topic-form-announced = 告知済み（全員に表示されます。チェックを外すと下書きのままです）
admin-topic-form-save = トピックを保存
admin-topic-form-create = トピックを作成
admin-topic-form-back = トピック一覧に戻る

# トピックのエントリー：リストの貼り付け、1 件の追加、エントリー一覧。
admin-entries-heading = 「{ $title }」のエントリー
admin-entries-topic-page = トピックのページ
admin-entries-roundup = まとめ
admin-entries-list-heading = リストを貼り付ける
# この後に、1 行の書き方の例がコードで続きます。
admin-entries-list-hint-forms = クラブのリストと同じように 1 行に 1 件ずつ書きます。リンクだけの行でもかまいません。使える書き方：
# 上の例で行の各部分を表す言葉。例の中の「by」は英語のままです（リストの読み取りがこの語を探すため）。
admin-entries-list-name = 名前
admin-entries-list-title = タイトル
admin-entries-list-note = メモ
# この後に、ショートコードの例がコードで続きます。
admin-entries-list-hint-emoji = 絵文字のショートコードは絵文字に変わります。例：
admin-entries-list-hint-preview = プレビューを確認するまで、何も追加されません。
admin-entries-list-text = リスト
admin-entries-list-status = 追加時の状態
admin-entries-preview-heading = プレビュー
admin-entries-preview-summary = 追加 { $addable } 件、トピックまたはリストに既にあるもの { $duplicates } 件、使えないもの { $invalid } 件。不要なもののチェックを外してから追加してください。
admin-entries-preview-caption = リストの各行と、それが何になるか
admin-entries-preview-column-add = 追加
admin-entries-preview-column-line = 行
admin-entries-preview-column-title = タイトルとリンク
admin-entries-preview-column-note = メモ
admin-entries-preview-column-outcome = 結果
admin-entries-preview-take = { $line } 行目を追加
# プレビューでの 1 行の結果。重複の場合は、そのリンクを持つエントリーの ID がかっこ内に続きます。
admin-entries-line-created = 追加予定
admin-entries-line-duplicate = 登録済み
admin-entries-line-invalid = 使用不可
admin-entries-line-skipped = 対象外
admin-entries-add-ticked = チェックしたエントリーを追加
admin-entries-preview-again = もう一度プレビュー
admin-entries-preview-submit = リストをプレビュー
admin-entries-add-heading = エントリーを 1 件追加
admin-entries-notify-author = 投稿者にメールで知らせる（メールアドレスが必要です）
admin-entries-add-submit = エントリーを追加
admin-entries-in-topic-heading = このトピックのエントリー（{ $count }）
admin-entries-caption = トピックのエントリー。公開済みのものを掲載順に先頭に並べています
admin-entries-column-entry = エントリー
admin-entries-column-author = 投稿者
admin-entries-column-status = 状態
admin-entries-empty = まだエントリーはありません。

# エントリー 1 件の編集。
admin-entry-edit-heading = 「{ $title }」を編集
admin-entry-edit-intro = 読者のフィードでは、このエントリーは同じ項目のまま扱われます。変更はすべて監査ログに記録されます。
admin-entry-edit-page-link = エントリーのページ
admin-entry-edit-added-by-organiser = 運営者が追加
admin-entry-edit-topic = トピック（月）
admin-entry-edit-highlight = 注目にする（注目のエントリーは先頭に並びます）
admin-entry-edit-submit = エントリーを保存
admin-entry-edit-back = エントリー一覧に戻る

# トピックのまとめ：紹介文、順番、注目。
# $month は「2025年3月」のような年と月です。
admin-roundup-heading = { $month }のまとめ
admin-roundup-state-published = 公開中：ダイジェストの冒頭に載り、トピックの締め切り後はトピックのページの先頭に表示され、クラブのフィードにも掲載されます。
admin-roundup-state-draft = 下書き：運営者にしか見えません。まとめが下書きの間、トピックのダイジェストはその完成を待ちます（ダイジェストの送信が遅れるまで）。
admin-roundup-preview-link = まとめのページをプレビュー
# この後に 2 つのリンク（Markdown と、投稿やチャット用のテキスト）が続きます。
admin-roundup-export = 書き出し：
admin-roundup-export-markdown = Markdown
admin-roundup-export-text = 投稿やチャットメッセージ用のテキスト
admin-roundup-intro = 紹介文（Markdown）
admin-roundup-intro-hint = その月のテーマと、特に目立ったもの。ダイジェストの冒頭に載ります。
admin-roundup-order = 順番と注目
admin-roundup-order-hint = エントリーに順位を付けてください（1 が先頭）。順位のないものは新しい順にその後に続きます。注目のエントリーはすべてより先に並びます。
admin-roundup-caption = トピックの公開済みエントリー
admin-roundup-column-place = 順位
admin-roundup-column-highlight = 注目
admin-roundup-column-entry = エントリー
admin-roundup-place-label = 「{ $title }」の順位
admin-roundup-highlight-label = 「{ $title }」を注目にする
# エントリーのタイトルの後に続く、作者の名前。
admin-roundup-by = — { $name }
admin-roundup-empty = まだ公開済みのエントリーはありません。
admin-roundup-published = 公開する
admin-roundup-submit = まとめを保存

# 審査キュー。
admin-submissions-heading = 審査
admin-submissions-filter-topic = トピック
admin-submissions-filter-all-topics = すべてのトピック
admin-submissions-filter-status = 状態
admin-submissions-filter-all-statuses = すべて
admin-submissions-filter-submit = 表示
admin-submissions-bulk-legend = チェックしたすべての投稿に対して
admin-submissions-bulk-approve = チェックしたものを承認
admin-submissions-bulk-reason = 不採用の理由
admin-submissions-bulk-reason-own = （下に自分で書く）
admin-submissions-bulk-reason-text = 投稿者へのひと言（任意）
admin-submissions-bulk-reject = チェックしたものを不採用
admin-submissions-tick = 「{ $title }」を選択
# $at は日時です。
admin-submissions-submitted = 投稿日時 { $at }
admin-submissions-author = 投稿者：{ $name } <{ $email }>
admin-submissions-others = この投稿者の他の投稿（{ $count }）
admin-submissions-history = 履歴
# 投稿の履歴の 1 行。$at は日時、$by は運営者の名前または「the author」（投稿者）です。
admin-submissions-step-submitted = { $at }：{ $by } が投稿
admin-submissions-step-added = { $at }：{ $by } が追加
admin-submissions-step-confirmed = { $at }：{ $by } が確認
admin-submissions-step-edited = { $at }：{ $by } が編集
admin-submissions-step-withdrawn = { $at }：{ $by } が取り下げ
admin-submissions-step-approved = { $at }：{ $by } が承認
admin-submissions-step-rejected = { $at }：{ $by } が不採用
admin-submissions-reason-given = 伝えた理由：{ $reason }
admin-submissions-approve = 承認
admin-submissions-reason = 理由
admin-submissions-reason-own = （自分で書く）
admin-submissions-reason-text = 詳細
admin-submissions-reject = 不採用
admin-submissions-older = さらに前の投稿
admin-submissions-empty = 条件に合う投稿はありません。

# ダイジェスト：締め切られた各トピックのダイジェストと配信状況。
admin-digests-heading = ダイジェスト
admin-digests-intro = 今ダイジェストを送ると、{ $count } 人の購読者が受け取ります。ダイジェストはトピックの締め切り時に作成され、自動的に送信されます。送信が遅れそうなものは、ここであなたの対応を待ちます。
admin-digests-column-topic = トピック
admin-digests-column-state = 状態
admin-digests-column-delivery = 配信
# $month は「2025年3月」のような年と月です。
admin-digests-topic = { $month }：{ $title }
admin-digests-nothing-to-send = 承認済みのエントリーがないため、送るものはありません
admin-digests-progress-label = 「{ $title }」の配信状況
admin-digests-sent = { $recipients } 件中 { $sent } 件送信済み
admin-digests-failed = { $count } 件が失敗または不達
admin-digests-outstanding = 残り { $count } 件
admin-digests-preview = プレビュー
admin-digests-web-view = ウェブで見る
admin-digests-send-now = 今すぐ送信
admin-digests-empty = まだ締め切られたトピックはありません。

# 1 つのトピックのダイジェストのプレビュー。
admin-digest-preview-heading = ダイジェストのプレビュー
admin-digest-preview-subject = 件名：
admin-digest-preview-counts = 承認済みのエントリー { $count } 件、購読者 { $audience } 人。
admin-digest-preview-text-heading = テキスト版
admin-digest-preview-test-heading = テスト送信
admin-digest-preview-test-email = テストの送信先
admin-digest-preview-test-submit = テスト送信

# チャンネルと Webhook：クラブのイベントの通知先。
admin-destinations-heading = チャンネルと Webhook
admin-destinations-intro = クラブは、チャットのチャンネルや他のサービスに出来事を知らせます：トピックの告知や募集開始、締め切り前のリマインダー、審査待ちや公開されたエントリー、まとめ、ダイジェスト、リンク切れ。通知先ごとに、受け取るイベントと言語を選べます。
# この後に、それを決めている設定がコードで続きます。
admin-destinations-sending-off = このサーバーでは送信が無効になっているため、イベントは送信待ちのまま溜まります。該当する設定：
admin-destinations-secret-heading = 署名用シークレット
admin-destinations-secret-once = 今すぐ受信側のサービスに設定してください。表示されるのはこの 1 回だけです。
# この後にヘッダー名がコードで続きます。
admin-destinations-secret-headers = メッセージには Standard Webhooks のヘッダーが付きます：
admin-destinations-caption = クラブの通知先
admin-destinations-column-destination = 通知先
admin-destinations-column-events = イベント
admin-destinations-column-state = 状態
admin-destinations-test = テストメッセージを送信
# スクリーンリーダーだけが読み上げる部分。「テストメッセージを送信」のすぐ後に続きます。
admin-destinations-test-hidden = （送信先：{ $label }）
admin-destinations-resume = 再開
admin-destinations-pause = 一時停止
admin-destinations-rotate = 新しいシークレット
# スクリーンリーダーだけが読み上げる部分。「新しいシークレット」のすぐ後に続きます。
admin-destinations-rotate-hidden = （{ $label }）
admin-destinations-empty = まだ通知先はありません。
admin-destinations-add-heading = 通知先を追加
admin-destinations-service = サービス
admin-destinations-url = Webhook のアドレス
admin-destinations-url-hint = サービスが発行した Incoming Webhook のアドレス（汎用 Webhook の場合は受信側のアドレス）。
admin-destinations-name = 名前（任意）
admin-destinations-events = イベント
admin-destinations-reminder = トピックの締め切りの何日前に知らせるか
# この後に、この設定を使う唯一のイベント名がコードで続きます。
admin-destinations-reminder-hint = 空欄なら 3 日。この設定を使うのは次のイベントだけです：
admin-destinations-language = メッセージの言語
admin-destinations-language-hint = en、ja、zh-CN などの言語タグ。空欄ならクラブの言語になります。
admin-destinations-add-submit = 通知先を追加

# 1 つの通知先の配信ログ。
admin-destination-log-heading = { $label } への配信
admin-destination-log-log-heading = 配信ログ（30 日分）
admin-destination-log-caption = すべての配信の試行。新しい順
admin-destination-log-time = 日時
admin-destination-log-event = イベント
admin-destination-log-outcome = 結果
admin-destination-log-status = ステータス
admin-destination-log-answer = 応答
admin-destination-log-empty = まだ何も送信していません。

# ダイジェストの購読者。
admin-subscribers-heading = 購読者
admin-subscribers-count-active = 購読中 { $count } 人
admin-subscribers-count-pending = 確認待ち { $count } 人
admin-subscribers-count-unsubscribed = 購読解除 { $count } 人
admin-subscribers-count-bounced = 不達 { $count } 人
admin-subscribers-search-label = アドレスを検索
admin-subscribers-search-submit = 検索
admin-subscribers-export = すべて CSV で書き出す
admin-subscribers-column-email = メールアドレス
admin-subscribers-column-status = 状態
admin-subscribers-column-since = 登録日
admin-subscribers-column-bounces = 不達回数
admin-subscribers-older = さらに前の購読者
admin-subscribers-empty = 条件に合う購読者はいません。

# 配信停止アドレス：クラブが二度とメールを送らないアドレス。
admin-suppressions-heading = 配信停止アドレス
admin-suppressions-intro = クラブはこれらのアドレスには今後何も送りません。メールが恒久的に届かなかった、受信者が迷惑メールとして報告した、または運営者が追加したアドレスです。アドレスはフィンガープリントとしてのみ保存され、一部を伏せて表示されます。
admin-suppressions-column-address = アドレス
admin-suppressions-column-reason = 理由
admin-suppressions-column-since = 停止日
admin-suppressions-column-source = 報告元
admin-suppressions-column-detail = 詳細
admin-suppressions-remove = リストから外す
admin-suppressions-empty = 配信停止中のアドレスはありません。
admin-suppressions-add-heading = アドレスを配信停止にする
admin-suppressions-email = メールアドレス
admin-suppressions-email-hint = 別の手段で、クラブからのメールを今後受け取りたくないと伝えてきた人のアドレス。
admin-suppressions-submit = 配信停止にする

# 運営者：アカウント、役割、API トークン、監査ログ。
admin-organisers-heading = 運営者
admin-organisers-intro = 管理者はすべての操作ができます。モデレーターは投稿の審査だけができます。
admin-organisers-caption = 運営者のアカウント
admin-organisers-column-organiser = 運営者
admin-organisers-column-role = 役割
admin-organisers-column-state = 状態
admin-organisers-column-tokens = API トークン
admin-organisers-you = あなた
admin-organisers-role-of = { $email } の役割
admin-organisers-save-role = 保存
# スクリーンリーダーだけが読み上げる部分。「保存」のすぐ後に続きます。
admin-organisers-save-role-hidden = （{ $email } の役割）
# $until は日時です。
admin-organisers-link-open-until = リンクの有効期限：{ $until }
# $created と $used は日付です。
admin-organisers-token-used = 作成 { $created }、最終使用 { $used }
admin-organisers-token-unused = 作成 { $created }、未使用
admin-organisers-revoke = 取り消す
# スクリーンリーダーだけが読み上げる部分。「取り消す」のすぐ後に続きます。
admin-organisers-revoke-hidden = （{ $email } のトークン「{ $label }」）
admin-organisers-no-tokens = なし
admin-organisers-invite-again = 招待をもう一度送る
admin-organisers-send-reset = パスワード再設定のリンクを送る
# スクリーンリーダーだけが読み上げる部分。「招待をもう一度送る」「パスワード再設定のリンクを送る」のすぐ後に続きます。
admin-organisers-send-hidden = （送信先：{ $email }）
admin-organisers-enable = 有効にする
admin-organisers-disable = 無効にする
admin-organisers-invite-heading = 運営者を招待
admin-organisers-invite-intro = パスワードを決めるためのリンクがメールで届きます。リンクは 1 回だけ、{ $hours } 時間有効です。
admin-organisers-display-name = 表示名
admin-organisers-role-moderator-option = モデレーター：投稿を審査します
admin-organisers-role-admin-option = 管理者：すべての操作ができます
admin-organisers-invite-submit = 招待を送る
admin-organisers-audit-heading = 監査ログ
admin-organisers-audit-caption = 運営者アカウントとトークンへの変更。新しい順
admin-organisers-audit-when = 日時
admin-organisers-audit-who = 実行者
admin-organisers-audit-what = 内容
admin-organisers-audit-account = アカウント
admin-organisers-audit-detail = 詳細
admin-organisers-audit-empty = まだ記録はありません。

chart-submissions-title = テーマごとの応募数（種類別）
chart-subscribers-title = 購読者の推移：登録・解除・不達
chart-digests-title = テーマごとのダイジェスト配信
chart-series-joined = 登録
chart-series-left = 解除
chart-series-bounced = 不達
chart-series-sent = 送信済み
chart-series-failed = 失敗・不達
chart-series-queued = 送信待ち

admin-destination-state-working = 正常
admin-destination-state-failing = 配信失敗中
admin-destination-state-paused = 一時停止中

audit-address-suppressed = 配信停止リストに追加
audit-suppression-removed = 配信停止リストから削除
audit-entry-added = エントリーを追加
audit-entries-imported = リストからエントリーを取り込み
audit-entry-edited = エントリーを編集
audit-destination-added = 通知先を追加
audit-destination-changed = 通知先を変更
audit-destination-removed = 通知先を削除
audit-destination-secret-rotated = 通知先のシークレットを更新
audit-organiser-added = 運営者を追加
audit-token-created = API トークンを作成
audit-invited = 招待
audit-invitation-sent-again = 招待を再送
audit-password-reset-sent = パスワード再設定リンクを送信
audit-role-changed = 役割を変更
audit-disabled = アカウントを無効化
audit-enabled = アカウントを有効化
audit-token-revoked = API トークンを失効
audit-password-changed = パスワードを変更
audit-invitation-accepted = 招待を承諾
audit-password-reset = パスワードを再設定
audit-round-up-published = まとめを公開
audit-round-up-withdrawn = まとめを非公開に
audit-round-up-saved = まとめを保存
audit-logged-out-everywhere = すべての端末からログアウト

admin-topic-form-translations = 他の言語のタイトルと概要
admin-translations-breadcrumb = テーマ
admin-translations-heading = 「{ $title }」の他の言語版
admin-translations-intro = これらの言語でサイトを読む人には、その言語のタイトルと概要が表示されます。それ以外の人には元のテーマが表示されます。言語を空にすると、その翻訳は削除されます。
admin-translations-stored = 翻訳済み
admin-translations-title = タイトル
admin-translations-summary = 概要（Markdown）
admin-translations-summary-hint = 概要を空にすると、元のテーマの概要が表示されます。
admin-translations-save = { $language }を保存
