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

/// The Markdown as plain text (for calendars and plain-text mail): markup dropped, paragraphs
/// kept apart by blank lines.
pub fn to_plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, TagEnd};
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::CodeBlock) => {
                out.push_str("\n\n")
            }
            _ => {}
        }
    }
    out.trim().to_owned()
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
    fn plain_text_drops_markup() {
        assert_eq!(to_plain_text("# Title\n\nSome *words* here."), "Title\n\nSome words here.");
    }
}
