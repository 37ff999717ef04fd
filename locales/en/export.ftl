# A month's round-up exported as Markdown (roundup.md) and as plain text (roundup.txt), to paste elsewhere.

# Heading of the Markdown export ($month is e.g. "March 2025", $title the topic's title)
export-md-heading = { $title }: the { $month } round-up
# First line of the plain-text export ($club is the club's name)
export-txt-heading = { $title }: the { $month } round-up from { $club }
# After an entry's title in both exports ($author is who made it)
export-entry-by = by { $author }
# After the title of an entry the organisers highlighted (Markdown export)
export-entry-highlight = (highlight)
# Last line of the Markdown export, followed by the topic's address
export-archive-label = The whole archive:
# Last line of the plain-text export when entries were left out to keep it short ($count of them), followed by the topic's address
export-more-in-archive =
    { $count ->
        [one] …and { $count } more in the archive:
       *[other] …and { $count } more in the archive:
    }
# Last line of the plain-text export when every entry is in it, followed by the topic's address
export-all-in-archive = All of it in the archive:
