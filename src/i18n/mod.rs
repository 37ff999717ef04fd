//! Every word a reader sees comes from the Fluent files under `locales/<language>/<area>.ftl`,
//! compiled into the binary. A message missing from a language falls back to the club's default
//! language and then to English, one message at a time, never a whole page.
//!
//! `en-XA` is a pseudo-language: English with every letter accented and lengthened, so a page
//! shown in it makes any text that does not come from a message stand out.
//!
//! The bundles come straight from `fluent-bundle` rather than through `fluent-templates`: the
//! pseudo-language is a transform on one bundle, the same messages must be escaped for the HTML
//! templates and not for the text ones (two Handlebars registries), and the coverage check needs
//! each language's own ids, not the fallback chain. What is written here is the loading (about
//! forty lines) and the choice of language; formatting, plurals and fallback are Fluent's.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_langneg::{negotiate_languages, NegotiationStrategy};
use rust_embed::RustEmbed;
use unic_langid::LanguageIdentifier;

pub mod check;

#[derive(RustEmbed)]
#[folder = "locales/"]
struct Files;

/// The language every message is first written in, and the last fallback.
pub const SOURCE: &str = "en";
/// The pseudo-language for spotting text that does not come from a message.
pub const PSEUDO: &str = "en-XA";

/// A language readers can choose: its tag and its name in itself.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Language {
    pub tag: &'static str,
    pub name: &'static str,
}

/// The languages readers can choose, in the order the switcher lists them.
pub const LANGUAGES: &[Language] = &[
    Language { tag: "en", name: "English" },
    Language { tag: "zh-CN", name: "简体中文" },
    Language { tag: "ja", name: "日本語" },
    Language { tag: "ko", name: "한국어" },
    Language { tag: "es", name: "Español" },
    Language { tag: "fr", name: "Français" },
    Language { tag: "de", name: "Deutsch" },
];

/// Values put into a message: `{ $count }`, `{ $title }`.
pub type Args<'a> = Vec<(&'a str, Arg)>;

/// One value for a message: numbers choose plural forms.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    Number(f64),
}

impl From<&str> for Arg {
    fn from(value: &str) -> Arg {
        Arg::Text(value.to_owned())
    }
}

impl From<String> for Arg {
    fn from(value: String) -> Arg {
        Arg::Text(value)
    }
}

impl From<i64> for Arg {
    fn from(value: i64) -> Arg {
        Arg::Number(value as f64)
    }
}

impl From<i32> for Arg {
    fn from(value: i32) -> Arg {
        Arg::Number(f64::from(value))
    }
}

impl From<u32> for Arg {
    fn from(value: u32) -> Arg {
        Arg::Number(f64::from(value))
    }
}

impl From<u64> for Arg {
    fn from(value: u64) -> Arg {
        Arg::Number(value as f64)
    }
}

impl From<usize> for Arg {
    fn from(value: usize) -> Arg {
        Arg::Number(value as f64)
    }
}

/// Every language's messages.
pub struct Catalog {
    bundles: BTreeMap<&'static str, FluentBundle<FluentResource>>,
    default: &'static str,
}

impl Catalog {
    /// Parses every `.ftl` file; any syntax error or id defined twice stops start-up. `default`
    /// is the club's language (`club.language`; the pseudo-language is allowed, for checking
    /// that every word comes from a message).
    pub fn load(default: &str) -> Result<Catalog, String> {
        let default = chosen(default).ok_or_else(|| {
            let tags: Vec<&str> = LANGUAGES.iter().map(|l| l.tag).collect();
            format!("club.language: {default:?} is not one of {}", tags.join(", "))
        })?;
        let mut bundles = BTreeMap::new();
        for language in LANGUAGES {
            bundles.insert(language.tag, bundle(language.tag, language.tag, None)?);
        }
        bundles.insert(PSEUDO, bundle(PSEUDO, SOURCE, Some(pseudo))?);
        Ok(Catalog { bundles, default })
    }

    /// The club's default language.
    pub fn default_language(&self) -> &'static str {
        self.default
    }

    /// The message `id` in `lang`, else in the club's language, else in English; the id itself
    /// (and a warning in the log) when no language has it.
    pub fn message(&self, lang: &str, id: &str, args: &[(&str, Arg)]) -> String {
        let fluent_args = to_fluent(args);
        for tag in [lang, self.default, SOURCE] {
            let Some(bundle) = self.bundles.get(tag) else { continue };
            let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else { continue };
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
            if !errors.is_empty() {
                tracing::warn!(lang = tag, id, errors = ?errors, "message formatted with errors");
            }
            return text.into_owned();
        }
        tracing::warn!(lang, id, "no language has this message");
        id.to_owned()
    }

    /// The message ids a language defines itself (without fallback).
    pub fn ids(&self, lang: &str) -> BTreeSet<String> {
        let mut ids = BTreeSet::new();
        let folder = if lang == PSEUDO { SOURCE } else { lang };
        for file in Files::iter().filter(|f| f.starts_with(&format!("{folder}/"))) {
            if let Some(text) = Files::get(&file).and_then(|f| String::from_utf8(f.data.into_owned()).ok()) {
                if let Ok(resource) = FluentResource::try_new(text) {
                    ids.extend(message_ids(&resource));
                }
            }
        }
        ids
    }

    /// The language to answer in: an explicit choice (`?lang=` or the cookie) if it is one we
    /// have, else the best match for `Accept-Language`, else the club's language.
    pub fn negotiate(&self, explicit: Option<&str>, accept_language: Option<&str>) -> &'static str {
        if let Some(tag) = explicit.and_then(chosen) {
            return tag;
        }
        let Some(header) = accept_language else { return self.default };
        let requested = fluent_langneg::accepted_languages::parse(header);
        let available: Vec<LanguageIdentifier> = LANGUAGES.iter().filter_map(|l| l.tag.parse().ok()).collect();
        let default: Option<LanguageIdentifier> = self.default.parse().ok();
        let matched = negotiate_languages(&requested, &available, default.as_ref(), NegotiationStrategy::Lookup);
        matched.first().and_then(|id| supported(&id.to_string())).unwrap_or(self.default)
    }
}

/// The other languages entries are often in (those `domain::entries::guess_language` tells),
/// each named in itself, as `LANGUAGES` are. Names, not messages: they read the same on every
/// page, marked with their own `lang`.
const OTHER_LANGUAGES: &[Language] = &[
    Language { tag: "zh", name: "中文" },
    Language { tag: "pt", name: "Português" },
    Language { tag: "it", name: "Italiano" },
    Language { tag: "nl", name: "Nederlands" },
    Language { tag: "ru", name: "Русский" },
    Language { tag: "uk", name: "Українська" },
    Language { tag: "pl", name: "Polski" },
    Language { tag: "tr", name: "Türkçe" },
    Language { tag: "sv", name: "Svenska" },
    Language { tag: "vi", name: "Tiếng Việt" },
    Language { tag: "id", name: "Bahasa Indonesia" },
    Language { tag: "hi", name: "हिन्दी" },
    Language { tag: "ar", name: "العربية" },
    Language { tag: "he", name: "עברית" },
];

/// A language's name in itself ("日本語", "中文" for `zh` and `zh-TW`, "English" for `en-GB`):
/// the tag itself, or else its language without its region or script; the tag when the
/// language is none of those named.
pub fn name_of(tag: &str) -> String {
    let named = |t: &str| LANGUAGES.iter().chain(OTHER_LANGUAGES).find(|l| l.tag.eq_ignore_ascii_case(t));
    named(tag)
        .or_else(|| named(tag.split('-').next().unwrap_or_default()))
        .map_or_else(|| tag.to_owned(), |l| l.name.to_owned())
}

/// The messages with English as the club's language: for words written where no reader's
/// language is known (logs, the command line).
pub fn english() -> &'static Catalog {
    static ENGLISH: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    ENGLISH.get_or_init(|| Catalog::load(SOURCE).expect("the compiled-in messages parse"))
}

/// The tag of a language readers can choose, or the pseudo-language, for an explicit choice.
pub fn chosen(tag: &str) -> Option<&'static str> {
    if tag.eq_ignore_ascii_case(PSEUDO) {
        return Some(PSEUDO);
    }
    supported(tag)
}

/// Our tag for `tag`, matched without case, or by its first part ("ja-JP" is "ja", "zh" is
/// "zh-CN").
pub fn supported(tag: &str) -> Option<&'static str> {
    let tag = tag.trim().replace('_', "-");
    if let Some(l) = LANGUAGES.iter().find(|l| l.tag.eq_ignore_ascii_case(&tag)) {
        return Some(l.tag);
    }
    let primary = tag.split('-').next().unwrap_or("");
    if primary.is_empty() {
        return None;
    }
    LANGUAGES.iter().find(|l| l.tag.split('-').next().is_some_and(|p| p.eq_ignore_ascii_case(primary))).map(|l| l.tag)
}

fn bundle(
    tag: &str,
    folder: &str,
    transform: Option<fn(&str) -> Cow<str>>,
) -> Result<FluentBundle<FluentResource>, String> {
    let id: LanguageIdentifier = tag.parse().map_err(|e| format!("language {tag}: {e}"))?;
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Isolation marks around every value would reach mail subjects and feed titles as invisible
    // characters; the templates mark direction where it matters instead.
    bundle.set_use_isolating(false);
    bundle.set_transform(transform);
    let mut files: Vec<_> =
        Files::iter().filter(|f| f.starts_with(&format!("{folder}/")) && f.ends_with(".ftl")).collect();
    files.sort();
    for file in files {
        let data = Files::get(&file).ok_or_else(|| format!("locales/{file} missing"))?;
        let text = String::from_utf8(data.data.into_owned()).map_err(|_| format!("locales/{file} is not UTF-8"))?;
        let resource = FluentResource::try_new(text).map_err(|(_, errors)| {
            format!("locales/{file}: {}", errors.first().map(|e| e.to_string()).unwrap_or_default())
        })?;
        bundle.add_resource(resource).map_err(|errors| {
            format!("locales/{file}: {}", errors.first().map(|e| e.to_string()).unwrap_or_default())
        })?;
    }
    Ok(bundle)
}

fn message_ids(resource: &FluentResource) -> Vec<String> {
    resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

fn to_fluent<'a>(args: &'a [(&'a str, Arg)]) -> FluentArgs<'a> {
    let mut out = FluentArgs::new();
    for (name, value) in args {
        match value {
            Arg::Text(text) => out.set(*name, FluentValue::from(text.as_str())),
            Arg::Number(n) => out.set(*name, FluentValue::from(*n)),
        }
    }
    out
}

/// The pseudo-language: every ASCII letter becomes an accented one and vowels are doubled, so
/// untranslated text is obvious and layouts are tried with longer words. The letter right after
/// a `%` is kept: date patterns live in messages.
fn pseudo(text: &str) -> Cow<'_, str> {
    const FROM: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const TO: &str = "áƀçđéƒğħíĵķłɱñóƥʠŕšŧúʋŵẋýžÁƁÇĐÉƑĞĦÍĴĶŁṀÑÓƤǪŔŠŦÚṼŴẊÝŽ";
    let to: Vec<char> = TO.chars().collect();
    let mut out = String::with_capacity(text.len() * 2);
    let mut after_percent = false;
    for c in text.chars() {
        match FROM.find(c) {
            Some(i) if !after_percent && c != '-' => {
                out.push(to[i]);
                if "aeiouAEIOU".contains(c) {
                    out.push(to[i]);
                }
            }
            _ => out.push(c),
        }
        after_percent = c == '%' || (after_percent && c == '-');
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_named_in_themselves() {
        for (tag, name) in [
            ("ja", "日本語"),
            ("zh-CN", "简体中文"),
            ("zh", "中文"),
            ("zh-TW", "中文"),
            ("en-GB", "English"),
            ("pt-BR", "Português"),
            ("DE", "Deutsch"),
            ("xx", "xx"),
            ("", ""),
        ] {
            assert_eq!(name_of(tag), name, "{tag}");
        }
        // Every language an entry's language is guessed as has a name.
        let guessed =
            ["en", "zh", "ja", "ko", "es", "fr", "de", "pt", "it", "nl", "ru", "uk", "pl", "tr", "sv", "vi", "id"];
        for tag in guessed.into_iter().chain(["hi", "ar", "he"]) {
            assert_ne!(name_of(tag), tag, "{tag}");
        }
    }

    #[test]
    fn tags_are_matched_loosely() {
        assert_eq!(supported("ja-JP"), Some("ja"));
        assert_eq!(supported("zh"), Some("zh-CN"));
        assert_eq!(supported("ZH-cn"), Some("zh-CN"));
        assert_eq!(supported("pt-BR"), None);
        assert_eq!(chosen("en-xa"), Some(PSEUDO));
        assert_eq!(supported(PSEUDO), Some("en"));
    }

    #[test]
    fn accept_language_picks_the_best_language_we_have() {
        let catalog = Catalog::load("en").expect("locales load");
        assert_eq!(catalog.negotiate(None, Some("zh-CN,zh;q=0.9,en;q=0.8")), "zh-CN");
        assert_eq!(catalog.negotiate(None, Some("pt-BR, ja;q=0.5")), "ja");
        assert_eq!(catalog.negotiate(None, Some("pt-BR")), "en");
        assert_eq!(catalog.negotiate(Some("ja"), Some("zh-CN")), "ja");
        assert_eq!(catalog.negotiate(Some("xx"), Some("zh-CN")), "zh-CN");
        assert_eq!(catalog.negotiate(None, None), "en");
    }

    #[test]
    fn the_pseudo_language_leaves_no_ascii_letter_but_date_patterns() {
        assert_eq!(pseudo("Schedule %-d %B"), "Šçħééđúúłéé %-d %B");
        assert!(!pseudo("the quick brown fox jumps over the lazy dog").chars().any(|c| c.is_ascii_alphabetic()));
    }
}
