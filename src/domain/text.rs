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
}
