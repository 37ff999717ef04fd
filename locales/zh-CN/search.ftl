# 搜索存档，以及作者页面和作者目录。

nav-authors = 作者
search-label = 搜索存档
search-button = 搜索
title-search = 搜索
title-search-results = “{ $query }”的搜索结果
search-heading = 搜索存档
search-filters-legend = 缩小范围
search-topic-label = 主题
search-any-topic = 任何主题
search-kind-label = 类型
search-any-kind = 任何类型
search-language-label = 语言
search-any-language = 任何语言
search-year-label = 年份
search-any-year = 任何年份
search-active-label = 当前筛选条件
search-remove-filter = 移除：{ $filter }
search-filter-topic = 主题 { $value }
search-filter-kind = 类型 { $value }
search-filter-lang = 语言 { $value }
search-filter-year = 年份 { $value }
search-filter-author = 作者 { $value }
search-clear-filters = 清除所有筛选条件
search-results-count =
    { $count ->
        [0] 没有找到结果
       *[other] 找到 { $count } 个作品
    }
search-results-more = 找到超过 { $count } 个作品；只对最新的 { $count } 个排序。请添加词语或筛选条件来缩小范围。
search-corrected = 显示“{ $query }”的结果。
search-nothing-found = 存档中没有匹配的内容。请尝试更少或不同的词。
search-past-last = 结果只有 { $pages } 页。
search-last-page = 前往最后一页
search-follow-link = 以订阅源关注此搜索
search-feed-title = 此搜索（RSS）
search-pages-label = 结果分页
search-previous-page = 上一页
search-next-page = 下一页
search-page-of = 第 { $page } 页，共 { $pages } 页

title-authors = 作者
authors-heading = 作者
authors-intro = 为俱乐部投稿的每一位作者，投稿最多的排在前面。
authors-entry-count = { $count } 个作品
authors-topics-label = 主题：
authors-empty = 还没有发布任何作品。
authors-pages-label = 作者名录分页
author-breadcrumb = 作者
author-website-link = 网站
author-profile-link = 个人主页
author-follow-intro = 关注其新作品：
author-search-link = 搜索其作品
author-entries-heading = { $count } 个作品
feed-author-rss-title = { $name }（RSS）
feed-author-json-title = { $name }（JSON Feed）

feed-search-title = { $club }：搜索“{ $query }”
feed-search-description = { $club } 中与“{ $query }”匹配的最新作品
feed-author-title = { $club }：{ $name }
feed-author-description = { $name } 在 { $club } 的作品，最新的在前
opensearch-description = 搜索 { $club } 的存档

invalid-search-empty = 请输入要搜索的内容。
invalid-search-too-long = 搜索内容最多 { $max } 个字符。
invalid-search-filter = “{ $value }”不是此搜索支持的筛选条件。
invalid-search-year = “{ $value }”不是有效的年份。
invalid-page = “{ $value }”不是页码。
invalid-search-page = 结果最多 { $max } 页；请缩小搜索范围。

invalid-bio-too-long = 简介最多 { $max } 个字符。
invalid-bio-control = 简介中含有无法显示的字符。
invalid-merge-same-author = 请选择另一位作者进行合并。
invalid-merge-unknown-author = 地址“{ $slug }”下没有作者。
refused-author-slug-taken = 另一位作者正在使用或曾经使用地址“{ $slug }”。
audit-author-edited = 已编辑作者
audit-authors-merged = 已合并作者

admin-authors-breadcrumb = 控制台
admin-authors-heading = 作者
admin-authors-intro = 以相同姓名（不区分大小写和空格）提交的作品属于同一位作者。如果同一个人使用了两种写法，请将其中一个合并到另一个。
admin-authors-caption = 作者及其姓名的各种写法
admin-authors-name = 姓名
admin-authors-address = 地址
admin-authors-spellings = 写法
admin-authors-empty = 还没有作者。
admin-author-heading = 作者：{ $name }
admin-author-public-link = 其公开页面
admin-author-name = 姓名
admin-author-slug = 地址
admin-author-slug-hint = 小写字母、数字和连字符。旧地址仍然有效。
admin-author-bio = 简介
admin-author-website = 网站
admin-author-profile = 个人主页（社交或职业主页）
admin-author-save = 保存作者
admin-author-merge-heading = 合并到另一位作者
admin-author-merge-intro = 此作者的所有作品和写法都会移到你选择的作者名下；此作者的地址随后将指向那里。
admin-author-merge-into = 合并到
admin-author-merge-choose = 选择一位作者
admin-author-merge-button = 合并
flash-author-saved = 已保存 { $name }。
flash-authors-merged = 已合并到 { $name }：移动了 { $count } 个作品。
refused-author-busy = 有人正在同时添加这位作者，请再提交一次。
