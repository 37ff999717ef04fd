//! Markdown from organisers and members, rendered to HTML that is safe to embed: ammonia keeps
//! a fixed set of tags and attributes, drops scripts, event handlers and `javascript:` links,
//! and marks every link `rel="nofollow ugc"`.

use pulldown_cmark::{html, Options, Parser};

pub fn to_safe_html(markdown: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TABLES);
    let mut raw = String::new();
    html::push_html(&mut raw, Parser::new_ext(markdown, options));
    ammonia::Builder::default()
        .link_rel(Some("nofollow ugc noopener"))
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .clean(&raw)
        .to_string()
}

/// The Markdown as plain text (for calendars, plain-text mail and posts): markup dropped,
/// paragraphs kept apart by blank lines, and the address of each web link after its text.
pub fn to_plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Tag, TagEnd};
    let mut out = String::new();
    let mut links: Vec<String> = Vec::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            Event::Start(Tag::Link { dest_url, .. }) => links.push(dest_url.into_string()),
            Event::End(TagEnd::Link) => {
                let url = links.pop().unwrap_or_default();
                let web = ["https://", "http://"].iter().any(|s| url.to_ascii_lowercase().starts_with(s));
                if web && !out.ends_with(url.as_str()) {
                    out.push_str(&format!(" ({url})"));
                }
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::CodeBlock) => {
                out.push_str("\n\n")
            }
            _ => {}
        }
    }
    out.trim().to_owned()
}

/// Text as Markdown that shows it literally: the characters Markdown reads as inline markup are
/// escaped with a backslash, and so is one that would start a block (a heading, a list item, a
/// quote) at the beginning.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    for (i, c) in text.chars().enumerate() {
        let inline = matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '!' | '|' | '~' | '&');
        let opens_block =
            (i == 0 && matches!(c, '#' | '-' | '+' | '=')) || (digits > 0 && i == digits && matches!(c, '.' | ')'));
        if inline || opens_block {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_renders() {
        let html = to_safe_html("Some **bold** and a [link](https://example.org).");
        assert!(html.contains("<strong>bold</strong>"));
        assert!(html.contains("href=\"https://example.org\""));
        assert!(html.contains("rel=\"nofollow ugc noopener\""));
    }

    #[test]
    fn script_handlers_and_javascript_links_are_inert() {
        let hostile = "<script>alert(1)</script>\n\n<img src=x onerror=\"alert(2)\">\n\n\
                       [click](javascript:alert(3)) <a href=\"javascript:alert(4)\">x</a> \
                       <iframe src=\"https://evil.example\"></iframe><style>body{}</style>";
        let html = to_safe_html(hostile);
        for forbidden in ["<script", "onerror", "javascript:", "<iframe", "<style"] {
            assert!(!html.to_lowercase().contains(forbidden), "{forbidden} in {html}");
        }
    }

    #[test]
    fn plain_text_drops_markup_and_keeps_web_addresses() {
        assert_eq!(to_plain_text("# Title\n\nSome *words* here."), "Title\n\nSome words here.");
        assert_eq!(
            to_plain_text("[the post](https://example.org/p), [x](javascript:alert(1)) <https://example.org/q>"),
            "the post (https://example.org/p), x https://example.org/q"
        );
    }

    #[test]
    fn escaped_text_renders_as_itself() {
        let text = "*not bold* [not](a link) <b> 1. # _x_ a\\b.";
        let html = to_safe_html(&escape(text));
        assert_eq!(html.trim(), "<p>*not bold* [not](a link) &lt;b&gt; 1. # _x_ a\\b.</p>");
        for starts_a_block in ["# not a heading", "- not a list", "1. not a list", "> not a quote"] {
            let html = to_safe_html(&escape(starts_a_block));
            assert_eq!(html.trim(), format!("<p>{}</p>", starts_a_block.replace('>', "&gt;")), "{starts_a_block}");
        }
    }
}
