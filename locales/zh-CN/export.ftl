# A month's round-up exported as Markdown (roundup.md) and as plain text (roundup.txt), to paste elsewhere.

# Heading of the Markdown export ($month is e.g. "March 2025", $title the topic's title)
export-md-heading = { $title }：{ $month }回顾
# First line of the plain-text export ($club is the club's name)
export-txt-heading = { $title }：{ $club } { $month }回顾
# After an entry's title in both exports ($author is who made it)
export-entry-by = 作者：{ $author }
# After the title of an entry the organisers highlighted (Markdown export)
export-entry-highlight = （精选）
# Last line of the Markdown export, followed by the topic's address
export-archive-label = 完整存档：
# Last line of the plain-text export when entries were left out to keep it short ($count of them), followed by the topic's address
export-more-in-archive = ……另有 { $count } 篇内容，请在存档中查看：
# Last line of the plain-text export when every entry is in it, followed by the topic's address
export-all-in-archive = 全部内容见存档：
