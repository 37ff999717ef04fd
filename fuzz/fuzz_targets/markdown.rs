//! Topic summaries (Markdown from organisers) render without panicking, and the HTML never
//! carries a script, an event handler or a script URL, whatever the input.
#![no_main]
use content_club::render::markdown::{to_plain_text, to_safe_html};
use libfuzzer_sys::fuzz_target;

/// The tags of an HTML fragment: name and attributes (name, value). Scans the whole fragment
/// so that quoted attribute values (which may hold `<` and `>`) are read as values; text holds
/// no bare `<` (the serialiser escapes it), so every other `<` starts a tag.
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut found = Vec::new();
    let mut chars = html.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '<' {
            continue;
        }
        let mut name = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() || c == '>' || c == '/' && !name.is_empty() {
                break;
            }
            name.push(c);
            chars.next();
        }
        let mut attributes = Vec::new();
        loop {
            while chars.peek().is_some_and(|c| c.is_whitespace() || *c == '/') {
                chars.next();
            }
            match chars.peek() {
                None => break,
                Some('>') => {
                    chars.next();
                    break;
                }
                _ => {}
            }
            let mut attribute = String::new();
            while let Some(&c) = chars.peek() {
                if c == '=' || c == '>' || c.is_whitespace() {
                    break;
                }
                attribute.push(c);
                chars.next();
            }
            let mut value = String::new();
            if chars.peek() == Some(&'=') {
                chars.next();
                match chars.peek().copied() {
                    Some(quote @ ('"' | '\'')) => {
                        chars.next();
                        for c in chars.by_ref() {
                            if c == quote {
                                break;
                            }
                            value.push(c);
                        }
                    }
                    _ => {
                        while let Some(&c) = chars.peek() {
                            if c.is_whitespace() || c == '>' {
                                break;
                            }
                            value.push(c);
                            chars.next();
                        }
                    }
                }
            }
            attributes.push((attribute, value));
        }
        found.push((name, attributes));
    }
    found
}

fuzz_target!(|input: &str| {
    let html = to_safe_html(input).to_ascii_lowercase();
    for (name, attributes) in tags(&html) {
        assert!(!["script", "iframe", "object", "embed", "style", "form"].contains(&name.as_str()), "<{name}> in {html}");
        for (attribute, value) in attributes {
            assert!(!attribute.starts_with("on"), "event handler {attribute} in {html}");
            if attribute == "href" || attribute == "src" {
                let target: String = value.chars().filter(|c| !c.is_whitespace()).collect();
                for scheme in ["javascript:", "vbscript:", "data:text/html"] {
                    assert!(!target.starts_with(scheme), "{attribute}={value} in {html}");
                }
            }
        }
    }
    let _ = to_plain_text(input);
});
