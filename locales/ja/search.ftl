# アーカイブの検索と、著者のページ・著者一覧。

nav-authors = 著者
search-label = アーカイブを検索
search-button = 検索
title-search = 検索
title-search-results = 「{ $query }」の検索結果
search-heading = アーカイブを検索
search-filters-legend = 絞り込み
search-topic-label = トピック
search-any-topic = すべてのトピック
search-kind-label = 種類
search-any-kind = すべての種類
search-language-label = 言語
search-any-language = すべての言語
search-year-label = 年
search-any-year = すべての年
search-active-label = 適用中の絞り込み
search-remove-filter = 解除：{ $filter }
search-filter-topic = トピック { $value }
search-filter-kind = 種類 { $value }
search-filter-lang = 言語 { $value }
search-filter-year = 年 { $value }
search-filter-author = 著者 { $value }
search-clear-filters = すべての絞り込みを解除
search-results-count =
    { $count ->
        [0] 見つかりませんでした
       *[other] { $count } 件見つかりました
    }
search-results-more = { $count } 件を超えるエントリーが見つかりました。新しい { $count } 件を順位付けしています。言葉や絞り込みを加えてください。
search-corrected = 「{ $query }」の結果を表示しています。
search-nothing-found = アーカイブに一致するものはありません。言葉を減らすか、別の言葉でお試しください。
search-past-last = 結果は { $pages } ページまでです。
search-last-page = 最後のページへ
search-follow-link = この検索をフィードでフォロー
search-feed-title = この検索（RSS）
search-pages-label = 検索結果のページ
search-previous-page = 前のページ
search-next-page = 次のページ
search-page-of = { $page } / { $pages } ページ

title-authors = 著者
authors-heading = 著者
authors-intro = クラブに投稿したすべての人を、投稿の多い順に並べています。
authors-entry-count = { $count } 件
authors-topics-label = トピック：
authors-empty = まだ公開されたエントリーはありません。
authors-pages-label = 著者一覧のページ
author-breadcrumb = 著者
author-website-link = ウェブサイト
author-profile-link = プロフィール
author-follow-intro = 新しいエントリーをフォロー：
author-search-link = この著者のエントリーを検索
author-entries-heading = { $count } 件のエントリー
feed-author-rss-title = { $name }（RSS）
feed-author-json-title = { $name }（JSON Feed）

feed-search-title = { $club }：「{ $query }」の検索
feed-search-description = { $club } で「{ $query }」に一致する最新のエントリー
feed-author-title = { $club }：{ $name }
feed-author-description = { $club } での { $name } のエントリー（新しい順）
opensearch-description = { $club } のアーカイブを検索

invalid-search-empty = 検索する言葉を入力してください。
invalid-search-too-long = 検索は { $max } 文字以内にしてください。
invalid-search-filter = 「{ $value }」はこの検索で使える絞り込みではありません。
invalid-search-year = 「{ $value }」は年ではありません。
invalid-page = 「{ $value }」はページ番号ではありません。
invalid-search-page = 検索結果は最大 { $max } ページです。検索を絞り込んでください。

invalid-bio-too-long = 自己紹介は { $max } 文字以内にしてください。
invalid-bio-control = 自己紹介に表示できない文字が含まれています。
invalid-merge-same-author = 統合先には別の著者を選んでください。
invalid-merge-unknown-author = 「{ $slug }」という著者はいません。
refused-author-slug-taken = アドレス「{ $slug }」は別の著者が使用中、または以前使用していました。
audit-author-edited = 著者を編集
audit-authors-merged = 著者を統合

admin-authors-breadcrumb = ダッシュボード
admin-authors-heading = 著者
admin-authors-intro = 同じ名前（大文字・小文字や空白の違いは無視）で投稿されたエントリーは同じ著者のものです。一人が二通りの書き方を使った場合は、一方をもう一方に統合してください。
admin-authors-caption = 著者と名前の書き方
admin-authors-name = 名前
admin-authors-address = アドレス
admin-authors-spellings = 書き方
admin-authors-empty = まだ著者はいません。
admin-author-heading = 著者：{ $name }
admin-author-public-link = 公開ページ
admin-author-name = 名前
admin-author-slug = アドレス
admin-author-slug-hint = 小文字の英字、数字、ハイフン。以前のアドレスも引き続き使えます。
admin-author-bio = 自己紹介
admin-author-website = ウェブサイト
admin-author-profile = プロフィール（SNS や職業上のプロフィール）
admin-author-save = 著者を保存
admin-author-merge-heading = 別の著者に統合
admin-author-merge-intro = この著者のすべてのエントリーと書き方が選んだ著者に移ります。この著者のアドレスはその後そちらへ案内します。
admin-author-merge-into = 統合先
admin-author-merge-choose = 著者を選択
admin-author-merge-button = 統合
flash-author-saved = { $name } を保存しました。
flash-authors-merged = { $name } に統合しました：{ $count } 件のエントリーを移動しました。
refused-author-busy = 同じ著者がちょうど追加されているところです。もう一度送信してください。
