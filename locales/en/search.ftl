# Searching the archive, and the authors' pages and directory.

nav-authors = Authors
# The search box at the top of every page.
search-label = Search the archive
search-button = Search
title-search = Search
title-search-results = “{ $query }”: search
search-heading = Search the archive
search-filters-legend = Narrow down
search-topic-label = Topic
search-any-topic = Any topic
search-kind-label = Kind
search-any-kind = Any kind
search-language-label = Language
search-any-language = Any language
search-year-label = Year
search-any-year = Any year
# The filters in force, each a link that removes it.
search-active-label = Filters in force
search-remove-filter = Remove: { $filter }
search-filter-topic = topic { $value }
search-filter-kind = kind { $value }
search-filter-lang = language { $value }
search-filter-year = year { $value }
search-filter-author = author { $value }
search-clear-filters = Clear all filters
search-results-count =
    { $count ->
        [0] Nothing found
        [one] { $count } entry found
       *[other] { $count } entries found
    }
# Nothing matched as typed; these results are for $query, the words corrected.
search-results-more = More than { $count } entries found; the newest { $count } are ranked. Add words or filters to narrow the search.
search-corrected = Showing results for “{ $query }”.
search-nothing-found = Nothing in the archive matches. Try fewer or other words.
search-past-last = { $pages ->
        [one] There is only one page of results.
       *[other] There are only { $pages } pages of results.
    }
search-last-page = Go to the last page
search-follow-link = Follow this search as a feed
search-feed-title = This search (RSS)
search-pages-label = Pages of results
search-previous-page = Previous page
search-next-page = Next page
search-page-of = Page { $page } of { $pages }

title-authors = Authors
authors-heading = Authors
authors-intro = Everyone who has contributed to the club, the most frequent first.
authors-entry-count =
    { $count ->
        [one] { $count } entry
       *[other] { $count } entries
    }
authors-topics-label = on
authors-empty = Nobody has been published yet.
authors-pages-label = Pages of the directory
author-breadcrumb = Authors
author-website-link = Website
author-profile-link = Profile
author-follow-intro = Follow their new entries:
author-search-link = Search their entries
author-entries-heading =
    { $count ->
        [one] { $count } entry
       *[other] { $count } entries
    }
feed-author-rss-title = { $name } (RSS)
feed-author-json-title = { $name } (JSON Feed)

# Feeds (in the club's language).
feed-search-title = { $club }: search “{ $query }”
feed-search-description = The newest entries at { $club } that match “{ $query }”
feed-author-title = { $club }: { $name }
feed-author-description = Entries by { $name } at { $club }, newest first
opensearch-description = Search the archive of { $club }

# What is wrong with a search.
invalid-search-empty = Type something to search for.
invalid-search-too-long =
    { $max ->
        [one] A search may have at most { $max } character.
       *[other] A search may have at most { $max } characters.
    }
invalid-search-filter = “{ $value }” is not a filter this search knows.
invalid-search-year = “{ $value }” is not a year.
invalid-page = “{ $value }” is not a page number.
invalid-search-page =
    { $max ->
        [one] There is at most { $max } page of results.
       *[other] There are at most { $max } pages of results; narrow the search instead.
    }

# Organisers editing authors.
invalid-bio-too-long =
    { $max ->
        [one] The bio may have at most { $max } character.
       *[other] The bio may have at most { $max } characters.
    }
invalid-bio-control = The bio contains characters that cannot be shown.
invalid-merge-same-author = Choose another author to merge into.
invalid-merge-unknown-author = There is no author at “{ $slug }”.
refused-author-slug-taken = Another author has, or had, the address “{ $slug }”.
audit-author-edited = Author edited
audit-authors-merged = Authors merged

# Organisers' pages of authors.
admin-authors-breadcrumb = Dashboard
admin-authors-heading = Authors
admin-authors-intro = Entries submitted under the same name (whatever its case and spacing) belong to one author. When one person used two spellings, merge one into the other.
admin-authors-caption = Authors and the spellings of their names
admin-authors-name = Name
admin-authors-address = Address
admin-authors-spellings = Spellings
admin-authors-empty = No authors yet.
admin-author-heading = Author: { $name }
admin-author-public-link = Their public page
admin-author-name = Name
admin-author-slug = Address
admin-author-slug-hint = Lowercase letters, digits and hyphens. The old address keeps working.
admin-author-bio = Short bio
admin-author-website = Website
admin-author-profile = Profile (a social or professional profile)
admin-author-save = Save author
admin-author-merge-heading = Merge into another author
admin-author-merge-intro = Every entry and spelling of this author moves to the one you choose; this author's address then leads there.
admin-author-merge-into = Merge into
admin-author-merge-choose = Choose an author
admin-author-merge-button = Merge
flash-author-saved = { $name } saved.
flash-authors-merged =
    { $count ->
        [one] Merged into { $name }: { $count } entry moved.
       *[other] Merged into { $name }: { $count } entries moved.
    }
refused-author-busy = Someone else is adding this author at this moment; send it again.
