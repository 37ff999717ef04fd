//! Text that people type and others read: nothing in it may make it display as something else.
//! Bidirectional overrides and isolates (a title that reads backwards from some point), and
//! invisible characters (zero-width spaces, word joiners, byte-order marks) are removed. Joiners
//! between non-ASCII characters stay: emoji sequences and several scripts need them; between
//! ASCII letters they only hide a difference ("pay\u{200D}pal"), so there they go too.

/// Characters that change the direction of the text around them.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Characters that take no space and show nothing.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{2060}'
            ..='\u{2064}'
                | '\u{FEFF}'
                | '\u{180E}'
                | '\u{00AD}'
                | '\u{034F}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{3164}'
                | '\u{FFA0}'
    )
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}')
}

/// The text without characters that make it display as something other than it is.
pub fn visible(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if is_bidi_control(c) || is_invisible(c) {
            continue;
        }
        if is_joiner(c) {
            let before = chars[..i].iter().rev().find(|p| !is_joiner(**p));
            let after = chars[i + 1..].iter().find(|n| !is_joiner(**n));
            let keep = matches!((before, after), (Some(b), Some(a)) if !b.is_ascii() && !a.is_ascii());
            if !keep {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Whether the text holds any character that [`visible`] would remove.
pub fn has_hidden(text: &str) -> bool {
    visible(text) != text
}

/// Chat emoji shortcodes (`:point_right:`, `:tada:`) as the emoji they name; shortcodes no
/// emoji has are dropped, the rest of the text is left as it is.
pub fn emoji_shortcodes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(':') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let name_len =
            after.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '-'))).unwrap_or(after.len());
        if name_len > 0 && after[name_len..].starts_with(':') {
            let name = &after[..name_len];
            // A shortcode stands alone: "10:30:00" is a time, not an emoji.
            let alone = out.chars().last().is_none_or(|c| !c.is_ascii_alphanumeric());
            // Names have a letter in them, or are the two thumbs (`+1`, `-1`).
            let named = name.chars().any(|c| c.is_ascii_alphabetic()) || matches!(name, "+1" | "-1");
            if alone && named {
                if let Some(emoji) = emojis::get_by_shortcode(name) {
                    out.push_str(emoji.as_str());
                }
                rest = &after[name_len + 1..];
                continue;
            }
        }
        out.push(':');
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_and_invisible_characters_go() {
        assert_eq!(visible("invoice\u{202E}fdp.exe"), "invoicefdp.exe");
        assert_eq!(visible("a\u{2067}b\u{2069}c"), "abc");
        assert_eq!(visible("zero\u{200B}width\u{FEFF}"), "zerowidth");
        assert_eq!(visible("pay\u{200D}pal"), "paypal", "a joiner between ASCII letters hides a difference");
        assert_eq!(visible("\u{200D}lead"), "lead");
    }

    #[test]
    fn joiners_that_scripts_and_emoji_need_stay() {
        let woman_technologist = "👩\u{200D}💻";
        assert_eq!(visible(woman_technologist), woman_technologist);
        let persian = "می\u{200C}خواهم";
        assert_eq!(visible(persian), persian);
        assert_eq!(visible("Plain text, 日本語 and émigré"), "Plain text, 日本語 and émigré");
        assert!(!has_hidden("ordinary") && has_hidden("x\u{202E}y"));
    }

    #[test]
    fn shortcodes_become_emoji_or_go() {
        assert_eq!(emoji_shortcodes("read this :point_right: now"), "read this 👉 now");
        assert_eq!(emoji_shortcodes(":tada::rocket: :+1:"), "🎉🚀 👍");
        assert_eq!(emoji_shortcodes("a :no_such_emoji_here: b"), "a  b");
        assert_eq!(emoji_shortcodes("at 10:30:00, ratio 1:2: fine"), "at 10:30:00, ratio 1:2: fine");
        assert_eq!(emoji_shortcodes("Note: see below"), "Note: see below");
    }
}
