# 公開ページ：ログインせずにメンバーや訪問者が見るページ。

# ホーム（/）：今月のトピック、今後の予定、最近のアーカイブ。
home-lede = 毎月ひとつのトピック。メンバーはそのトピックについて作ったもの（記事、動画、投稿、ポッドキャスト、講演）を共有し、承認されたものはすべて公開アーカイブになります。
home-heading-this-month = 今月のトピック：{ $title }
# $closes は日時。
home-open-until = { $closes } まで募集中です。
home-submit-button = 「{ $title }」にコンテンツを投稿する
home-see-shared = これまでに共有されたものを見る
home-no-topic-heading = 現在募集中のトピックはありません
# このあとにスケジュールへのリンク（home-no-topic-schedule-link）が続きます。
home-no-topic-hint = 次のトピックはスケジュールで確認できます。
home-no-topic-schedule-link = スケジュールを見る
home-upcoming-heading = 今後の予定
# 今後のトピック名のあと：$month は年月、$opens は日時。
home-upcoming-when = { $month }、{ $opens } 開始
home-recent-heading = 最近のアーカイブ
home-whole-schedule = スケジュール全体

# スケジュール（/topics）：年ごとの毎月のトピック。
schedule-heading = スケジュール
# $timezone は Europe/Berlin のようなタイムゾーン名。
schedule-intro = 毎月ひとつのトピック。時刻は { $timezone } で表示しています。
# このあとに 3 つのリンク（スケジュールのフィード、公開されたすべて、OPML）が続きます。
schedule-feeds-intro = フィードリーダーでフォローできます。スケジュールのフィードでは毎月の新しいトピックを、「公開されたすべて」のフィードでは承認されたすべてのエントリーを受け取れます。OPML ファイルを使えば、全トピックのフィードを一度に取り込めます。
schedule-feed-schedule-link = スケジュールのフィード
schedule-feed-everything-link = 公開されたすべて
schedule-feed-opml-link = すべてのフィード（OPML）
# このあとに 2 つのリンク（カレンダーアプリで購読、.ics ファイルのダウンロード）が続きます。
schedule-calendar-intro = スケジュールをカレンダーに追加：
schedule-calendar-subscribe-link = カレンダーアプリで購読する
schedule-calendar-download-link = schedule.ics をダウンロード
# スケジュールの各トピックの横に付く小さなバッジ。
schedule-badge-open = 募集中
schedule-badge-upcoming = 近日開始
schedule-badge-archive = アーカイブ
schedule-empty = 予定されているトピックはまだありません。

# トピック（/topics/…）：トピック、日程、まとめ、エントリーのアーカイブ。
topic-breadcrumb-schedule = スケジュール
topic-draft-notice = 下書き：トピックが公開されるまで、このページは運営者にしか表示されません。
topic-window-status = 状態
topic-window-opens = 開始
topic-window-closes = 締め切り
topic-roundup-heading = まとめ
topic-roundup-link = まとめを単独のページで読む
# トピックの元の説明を収めた折りたたみ部分。
topic-call-summary = 募集の案内
topic-submit-button = コンテンツを投稿する
topic-follow-heading = このトピックをフォロー
# このあとに 2 つのリンク（RSS フィード · JSON Feed）が続きます。
topic-follow-intro = 新しいエントリーは承認されるとすぐにこのトピックのフィードに載ります。アドレスをフィードリーダーに貼り付けてください：
topic-follow-rss-link = RSS フィード
topic-follow-json-link = JSON Feed
# このあとにクラブ全体のフィードへのリンクが続きます。
topic-follow-everything = クラブが公開するすべてをフォローするには：
topic-follow-everything-link = クラブ全体のフィード
topic-archive-heading =
    { $count ->
        [0] アーカイブはまだ空です
       *[other] アーカイブ（{ $count } 件）
    }
# アーカイブを種類で絞り込むリンク列の aria-label。
topic-filter-label = 種類で絞り込む
topic-highlight-badge = 注目
# エントリーの種類と作者名（リンクの場合あり）の間：「記事 · 作者：山田太郎」。
topic-entry-author-label = · 作者：
topic-permalink = 固定リンク
topic-note-label = 運営者のひとこと：
topic-empty-kind = この種類のエントリーはまだありません。
topic-empty = まだ何も公開されていません。
# topic-empty のあとに続く、投稿フォームへのリンク。
topic-empty-be-first-link = 最初の投稿者になりましょう

# まとめ（/topics/…/roundup）：締め切ったトピックについての運営者のまとめ。
roundup-page-breadcrumb-schedule = スケジュール
# $month は年月：「本番環境の Rust：2025年3月のまとめ」。
roundup-page-heading = { $title }：{ $month }のまとめ
roundup-page-draft-notice = 下書き：まとめが公開されるまで、このページは運営者にしか表示されません。
roundup-page-highlight-badge = 注目
# エントリーの種類と作者：$kind は article、video、post、podcast、talk、other のいずれか。
roundup-page-kind-by =
    { $kind ->
        [article] 記事
        [video] 動画
        [post] 投稿
        [podcast] ポッドキャスト
        [talk] 講演
       *[other] その他
    } · 作者：{ $author }
roundup-page-permalink = 固定リンク
roundup-page-note-label = 運営者のひとこと：
roundup-page-archive-link = このトピックのアーカイブ全体
roundup-page-markdown-link = Markdown 形式
roundup-page-text-link = 投稿用のテキスト

# ダイジェスト（/topics/…/digest）：ダイジェストメールの Web 版。
# タイトルの上の小さな行。$month は年月。
digest-page-kicker = ダイジェスト · { $month }
digest-page-count =
    { $count ->
        [0] このトピックで共有されたエントリーはありませんでした。
       *[other] このトピックでメンバーが共有したエントリーは { $count } 件です。
    }
digest-page-by = 作者：{ $author }
digest-page-note-label = 運営者のひとこと：
digest-page-archive-link = アーカイブ全体
digest-page-feed-link = アーカイブのフィード
# このあとに次のトピック名（リンク）と digest-page-next-share-link が続きます。
digest-page-next = 次回（{ $month }）のトピック：
digest-page-next-share-link = あなたの作品も共有しましょう
digest-page-subscribe-link = 次回のダイジェストをメールで受け取る

# エラーページ：あらゆるエラーで表示。タイトルと本文はプログラムが用意します。
# このあとにリクエスト ID がコード表記で続きます。
error-page-request-id-hint = この件について運営者に問い合わせる際は、次のリクエスト ID をお伝えください：
error-page-home-link = ホームに戻る

# エントリーのページ（/submissions/…）：公開されたエントリーの固定リンク。
# 作者名（リンクの場合あり）の前：「作者：山田太郎」。
submission-page-author-label = 作者：
submission-page-published = { $date } 公開
# エントリー本体を開くボタン。$kind は article、video、post、podcast、talk、other のいずれか。
submission-page-open =
    { $kind ->
        [article] 記事を読む
        [video] 動画を見る
        [post] 投稿を読む
        [podcast] ポッドキャストを聴く
        [talk] 講演を見る
       *[other] リンクを開く
    }

# 確認ページ（作者宛てメールのリンク）：作者がエントリーを確認する。
submission-confirm-heading = 投稿の確認
# このあとにトピック名がリンクで続きます。
submission-confirm-topic-label = 投稿先のトピック：
submission-confirm-button = 投稿を確定する
submission-confirm-scanner-note = ボタンを押すまでは何も起こりません。メールのスキャナーがリンクを開いても確定されることはありません。
# このあとにエントリーの状態（審査待ち、承認済みなど）が太字で続きます。
submission-confirm-already = この投稿はすでに確認済みです。現在の状態：
submission-confirm-edit-link = 内容を変更する・取り下げる

# 編集ページ（作者宛てメールのリンク）：作者がエントリーを変更・取り下げる。
submission-edit-heading = あなたの投稿
# このあとにエントリーの状態（審査待ち、承認済みなど）が太字で続きます。
submission-edit-status-label = 状態：
submission-edit-errors-notice = 下の印の付いた項目を修正してください。
submission-edit-kind-label = 共有するものの種類
submission-edit-title-label = タイトル
submission-edit-url-label = リンク
submission-edit-summary-label = 短い紹介文
submission-edit-author-name-label = お名前
submission-edit-author-link-label = ウェブサイトまたはプロフィール（任意）
submission-edit-save-button = 変更を保存
submission-edit-withdraw-heading = 取り下げ
submission-edit-withdraw-button = 投稿を取り下げる
submission-edit-locked = この投稿はもう変更できません。

# 投稿フォーム（/topics/…/submit）。
# パンくずリストの最後：トピック › 投稿。
submit-breadcrumb = 投稿
submit-heading = 「{ $title }」にコンテンツを投稿する
# トピックが募集中でないときに表示。$opens と $closes は日時。
submit-closed-window = 募集期間は { $opens } から { $closes } までです。
submit-schedule-link = スケジュールを見る
submit-intro = 今月のトピックについてあなたが作った記事、動画、投稿、ポッドキャスト、講演を共有してください。締め切りは { $closes } です。
submit-rules-heading = 投稿のルール
submit-rule-on-topic = 今月のトピックに沿った内容であること。
submit-rule-free = 無料で読める・見られる・聴けること。有料の壁やメール登録が必要なものは不可です。
submit-rule-yours = あなたが作ったもの、または制作に関わったものであること。
submit-rules-process = 確認用のリンクをメールでお送りします。運営者がすべてのエントリーを審査し、承認されたものはあなたの名前とともに公開アーカイブとそのフィードに掲載されます（メールアドレスは掲載されません）。
submit-errors-notice = 下の印の付いた項目を修正してください。入力した内容は残っています。
# スパムロボット用のわなの項目。人には表示されません。
submit-honeypot-label = この項目は空のままにしてください
submit-url-label = リンク
submit-url-hint = まずリンクを貼り付けてください。ページを読み取り、タイトルと紹介文を入力しておきますので確認してください。JavaScript が使えない場合はフォーム送信時に読み取り、確認ページに表示します。
# 同じリンクがすでに投稿されているというメッセージのあとのリンク。
submit-duplicate-link = 以前のエントリーを見る。
submit-kind-label = 共有するものの種類
# 種類の選択肢の最初：種類はリンクから判断されます。
submit-kind-from-link = リンクから判断する
submit-title-label = タイトル
submit-summary-label = 短い紹介文
submit-summary-hint = { $max } 文字以内のプレーンテキスト。空欄の場合はページ自体の説明文を使います。
submit-author-name-label = お名前（エントリーと一緒に表示されます）
submit-author-email-label = メールアドレス（表示されません。確認用のリンクをここに送ります）
submit-author-link-label = ウェブサイトまたはプロフィール（任意）
submit-agree-label = このエントリーは上記の投稿ルールに従っています。
submit-button = 投稿する

# 購読ページ（/subscribe）：ダイジェストメールへの登録。
subscribe-heading = ダイジェストを購読する
subscribe-sent = ありがとうございます。このアドレスでダイジェストを受け取れる場合は、確認用のリンクを記載したメールをお送りしました。メールを開いてボタンを押すと購読が始まります。
subscribe-intro = 毎月のトピックが締め切られると、メンバーが共有したものをすべて種類別にまとめ、次のトピックへのリンクを添えたメールを 1 通お送りします。それ以外のメールは送りません。どのダイジェストにもワンクリックで購読を解除できるリンクが付いています。
subscribe-email-label = メールアドレス
subscribe-button = 購読する
# このあとに 2 つのリンク（公開されたすべて · スケジュール）が続きます。
subscribe-feeds-intro = フィードリーダーをお使いですか？次のフィードもあります：
subscribe-feed-everything-link = 公開されたすべて
subscribe-feed-schedule-link = スケジュール

# 購読の確認ページ（確認メールのリンク）。
subscribe-done-heading = 購読を開始しました
subscribe-done-text = 毎月のトピックが締め切られるたびに、{ $email } にダイジェストが届きます。
subscribe-home-link = ホームに戻る
subscribe-confirm-heading = 購読の確認
subscribe-confirm-question = { $email } に毎月のダイジェストの送信を開始しますか？
subscribe-confirm-button = 購読を確定する
subscribe-confirm-scanner-note = ボタンを押すまでは何も起こりません。メールのスキャナーがリンクを開いても購読が始まることはありません。

# 購読解除ページ（各ダイジェストのリンク）。
unsubscribe-done-heading = 購読を解除しました
unsubscribe-done-text = { $email } にダイジェストが届くことはもうありません。いつでも再び購読できます。
unsubscribe-subscribe-again-link = もう一度購読する
unsubscribe-heading = 購読の解除
unsubscribe-question = { $email } へのダイジェストの送信を停止しますか？
unsubscribe-button = 購読を解除する

# ホームとトピックのページの下部にある購読ボックス。
subscribe-form-heading = 毎月のダイジェストを受け取る
subscribe-form-text = 毎月のトピックが締め切られるたびに、メンバーが共有したものをまとめたメールを 1 通お届けします。確認は一度だけ、解除はワンクリックで。
subscribe-form-email-label = メールアドレス
subscribe-form-button = 購読する

# エントリーフォーム（運営者用ページ）：メンバーに代わってエントリーを追加・編集する。
entry-form-url-label = リンク
entry-form-title-label = タイトル
entry-form-title-hint = 空欄の場合はリンク先から取得します。
entry-form-kind-label = 種類
# 種類の選択肢の最初：種類はリンクから推測されます。
entry-form-kind-from-link = リンクから推測する
entry-form-kind-hint = 動画、ポッドキャスト、講演、投稿はリンク先から判別します。
entry-form-author-name-label = 作者
entry-form-author-email-label = 作者のメールアドレス（任意、表示されません）
entry-form-summary-label = メンバーによる紹介文
entry-form-note-label = 運営者のひとこと
entry-form-note-hint = 誰が作ったのか、なぜ読む価値があるのか。あなたのコメントとして紹介文の横に表示されます。
entry-form-language-label = 作品の言語
entry-form-language-hint = en、de、pt-BR、zh-Hant のような言語タグ。クラブの言語の場合は空欄にします。
entry-form-status-label = 状態
# 運営者がエントリーに設定できる状態。
entry-form-status-published = 公開
entry-form-status-pending = 審査待ち
entry-form-status-rejected = 不採用
entry-form-status-withdrawn = 取り下げ

submit-js-duplicate = このリンクはすでにこのテーマに登録されています。
submit-js-earlier = 以前のエントリーを見る。
submit-js-filled = まだ送信されていません。ページの内容をもとに入力しました。確認して必要なら修正してください。
submit-js-filled-site = まだ送信されていません。ページの内容（{ $site }）をもとに入力しました。確認して必要なら修正してください。
submit-js-unread = まだ送信されていません。ページを読み取れなかったため、タイトルと概要をご自身で入力してください。
submit-js-reading = リンクを読み取っています…
submit-language-label = 作品の言語
submit-language-detect = タイトルと概要から自動で判定
submit-language-hint = 読者は言語で作品を探せます。選ばない場合は自動で判定します。
topic-filter-language-label = 言語で絞り込む
topic-empty-language = この言語のエントリーはまだありません。
submit-closed-upcoming = 「{ $title }」はまだ募集を始めていません。
submit-closed-closed = 「{ $title }」は締め切りました。これ以上の応募は受け付けていません。
