# A month's round-up exported as Markdown (roundup.md) and as plain text (roundup.txt), to paste elsewhere.

# Heading of the Markdown export ($month is e.g. "March 2025", $title the topic's title)
export-md-heading = { $title }：{ $month }のまとめ
# First line of the plain-text export ($club is the club's name)
export-txt-heading = { $title }：{ $club } { $month }のまとめ
# After an entry's title in both exports ($author is who made it)
export-entry-by = 作者：{ $author }
# After the title of an entry the organisers highlighted (Markdown export)
export-entry-highlight = （注目）
# Last line of the Markdown export, followed by the topic's address
export-archive-label = アーカイブ全体：
# Last line of the plain-text export when entries were left out to keep it short ($count of them), followed by the topic's address
export-more-in-archive = …ほか { $count } 件はアーカイブでご覧いただけます：
# Last line of the plain-text export when every entry is in it, followed by the topic's address
export-all-in-archive = すべてのエントリーはアーカイブでご覧いただけます：
