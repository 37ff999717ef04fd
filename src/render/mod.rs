//! Pages and emails from handlebars templates. The templates in `templates/` are compiled into
//! the binary; `web.templates_dir` names a folder whose files replace them by name.

pub mod charts;
pub mod dates;
pub mod encoded;
pub mod markdown;
pub mod notifications;
pub mod roundup;
pub mod search;
pub mod views;

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use handlebars::{Context, Handlebars, Helper, HelperDef, RenderContext, RenderError, RenderErrorReason, ScopedJson};
use rust_embed::RustEmbed;
use serde::Serialize;

use crate::i18n::{Arg, Catalog};

#[derive(RustEmbed)]
#[folder = "templates/"]
struct Embedded;

/// Compiled templates: one registry escaping for HTML, one not escaping for plain text. Both
/// know the messages of every language and the club's time zone.
pub struct Renderer {
    html: Handlebars<'static>,
    text: Handlebars<'static>,
    override_dir: Option<PathBuf>,
    catalog: Arc<Catalog>,
    tz: Tz,
}

/// What every template sees: its language beside its own data.
#[derive(Serialize)]
struct Localised<'a, T: Serialize> {
    lang: &'a str,
    #[serde(flatten)]
    data: &'a T,
}

/// What the layout sees: the page's rendered content beside the shared context.
#[derive(Serialize)]
struct Framed<'a, F: Serialize> {
    body: &'a str,
    #[serde(flatten)]
    frame: &'a F,
}

impl Renderer {
    /// Compiles every `*.hbs` under `templates/` (and the override folder, if any). A template
    /// is named by its path without `.hbs`: `pages/login.html`, `emails/confirm/subject.txt`.
    pub fn new(override_dir: Option<&Path>, catalog: Arc<Catalog>, tz: Tz) -> Result<Renderer, String> {
        let mut html = Handlebars::new();
        html.set_strict_mode(true);
        // Every attribute in the templates is quoted, so the five markup characters are all
        // that need escaping; links keep a readable `?lang=ja` rather than `?lang&#x3D;ja`.
        html.register_escape_fn(escape_html);
        let mut text = Handlebars::new();
        text.set_strict_mode(true);
        text.register_escape_fn(handlebars::no_escape);
        for registry in [&mut html, &mut text] {
            registry.register_helper("t", Box::new(Translate { catalog: catalog.clone() }));
            registry.register_helper("reason", Box::new(Reason { catalog: catalog.clone() }));
            registry.register_helper("msg", Box::new(WriteMessage { catalog: catalog.clone() }));
            for (name, style) in
                [("date", DateStyle::Date), ("datetime", DateStyle::DateTime), ("month", DateStyle::Month)]
            {
                registry.register_helper(name, Box::new(FormatDate { catalog: catalog.clone(), tz, style }));
            }
        }

        let mut sources: Vec<(String, String)> = Vec::new();
        for file in Embedded::iter() {
            if let Some(name) = file.strip_suffix(".hbs") {
                let content = Embedded::get(&file).ok_or_else(|| format!("template {file} missing"))?;
                let body = String::from_utf8(content.data.into_owned())
                    .map_err(|_| format!("template {file} is not UTF-8"))?;
                sources.push((name.to_owned(), body));
            }
        }
        if let Some(dir) = override_dir {
            if !dir.is_dir() {
                return Err(format!("web.templates_dir: {} is not a folder", dir.display()));
            }
            collect_override(dir, dir, &mut sources)?;
        }
        if sources.iter().any(|(name, body)| name == "layout.html" && body.contains("@partial-block")) {
            return Err("web.templates_dir: layout.html.hbs places the page with {{> @partial-block}}; \
                        the layout now gets the page's content as {{{body}}}"
                .to_owned());
        }
        for (name, body) in &sources {
            for registry in [&mut html, &mut text] {
                registry
                    .register_template_string(name, body)
                    .map_err(|e| format!("template {name}: {}", crate::error::one_line(&e.to_string())))?;
            }
            // Partials are referenced by their name without the extension: `{{> partials/flash}}`.
            if let Some(short) = name.strip_suffix(".html").or_else(|| name.strip_suffix(".txt")) {
                if short.starts_with("partials/") {
                    html.register_partial(short, body).map_err(|e| e.to_string())?;
                    text.register_partial(short, body).map_err(|e| e.to_string())?;
                }
            }
        }
        Ok(Renderer { html, text, override_dir: override_dir.map(Path::to_path_buf), catalog, tz })
    }

    /// Renders an HTML template in `lang`; `name` as in [`Renderer::new`].
    pub fn html<T: Serialize>(&self, name: &str, lang: &str, data: &T) -> Result<String, String> {
        self.html
            .render(name, &Localised { lang, data })
            .map_err(|e| format!("rendering {name}: {}", crate::error::one_line(&e.to_string())))
    }

    /// Renders a page: its own template with `data`, then `layout.html` around it (as `body`)
    /// with `frame`, the context the layout shares with every page. The two are rendered apart
    /// because handlebars copies a partial block's data (`{{#> layout}}…{{/layout}}`) and then
    /// every list, and every item of a list, looked up inside it: at ten times a busy club a
    /// moderation page spent a third of its time copying (docs/benchmarks.md).
    pub fn page<T: Serialize, F: Serialize>(
        &self,
        name: &str,
        lang: &str,
        data: &T,
        frame: &F,
    ) -> Result<String, String> {
        let body = self.html(name, lang, data)?;
        self.html("layout.html", lang, &Framed { body: &body, frame })
    }

    /// Renders a plain-text template in `lang` (nothing escaped).
    pub fn text<T: Serialize>(&self, name: &str, lang: &str, data: &T) -> Result<String, String> {
        self.text
            .render(name, &Localised { lang, data })
            .map_err(|e| format!("rendering {name}: {}", crate::error::one_line(&e.to_string())))
    }

    /// Every language's messages.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// One message in `lang`, for text that code puts together (page titles, notices).
    pub fn message(&self, lang: &str, id: &str, args: &[(&str, Arg)]) -> String {
        self.catalog.message(lang, id, args)
    }

    /// A time as `lang` writes dates and times, in the club's zone.
    pub fn datetime(&self, lang: &str, at: DateTime<Utc>) -> String {
        dates::local_datetime(at, self.tz, &self.catalog.message(lang, "format-datetime", &[]), lang)
    }

    /// A day as `lang` writes dates, in the club's zone.
    pub fn date(&self, lang: &str, at: DateTime<Utc>) -> String {
        dates::local(at, self.tz, &self.catalog.message(lang, "format-date", &[]), lang)
    }

    /// A static asset (`templates/assets/NAME`), from the override folder when it has one.
    pub fn asset(&self, name: &str) -> Option<Cow<'static, [u8]>> {
        if name.contains("..") || name.starts_with('/') {
            return None;
        }
        if let Some(dir) = &self.override_dir {
            if let Ok(bytes) = std::fs::read(dir.join("assets").join(name)) {
                return Some(Cow::Owned(bytes));
            }
        }
        Embedded::get(&format!("assets/{name}")).map(|f| f.data)
    }
}

/// `{{t "id" name=value}}`: the message `id` in the template's language, escaped for HTML in
/// pages and mail bodies (a value, so `{{t "a" when=(datetime x)}}` escapes once). Further positional values are joined to the id with `-`:
/// `{{t "kind" this.kind}}` is the message `kind-article` (`_`, spaces and dots in a value become
/// `-`). Numbers choose plural forms.
struct Translate {
    catalog: Arc<Catalog>,
}

impl HelperDef for Translate {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, RenderError> {
        let mut id = String::new();
        for (i, param) in h.params().iter().enumerate() {
            let part = match param.value() {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Null => return Err(RenderErrorReason::ParamNotFoundForIndex("t", i).into()),
                other => other.to_string(),
            };
            if i > 0 {
                id.push('-');
            }
            id.push_str(&part.replace(['_', ' ', '.'], "-"));
        }
        if id.is_empty() {
            return Err(RenderErrorReason::ParamNotFoundForIndex("t", 0).into());
        }
        let args: Vec<(&str, Arg)> = h.hash().iter().map(|(name, value)| (*name, json_arg(value.value()))).collect();
        let text = self.catalog.message(language_of(ctx, &self.catalog), &id, &args);
        Ok(ScopedJson::Derived(serde_json::Value::String(text)))
    }
}

#[derive(Clone, Copy)]
enum DateStyle {
    Date,
    DateTime,
    Month,
}

/// `{{date x}}`, `{{datetime x}}`, `{{month x}}`: an RFC 3339 time (or a `YYYY-MM` month) as
/// the template's language writes it, in the club's zone. Empty stays empty.
struct FormatDate {
    catalog: Arc<Catalog>,
    tz: Tz,
    style: DateStyle,
}

impl HelperDef for FormatDate {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, RenderError> {
        let value = h.param(0).map(|p| p.value()).ok_or(RenderErrorReason::ParamNotFoundForIndex("date", 0))?;
        let raw = value.as_str().unwrap_or_default();
        if raw.is_empty() {
            return Ok(ScopedJson::Derived(serde_json::Value::String(String::new())));
        }
        let lang = language_of(ctx, &self.catalog);
        let shown = match self.style {
            DateStyle::Month => {
                let day = NaiveDate::parse_from_str(&format!("{raw}-01"), "%Y-%m-%d")
                    .map_err(|_| RenderErrorReason::Other(format!("not a month: {raw}")))?;
                dates::month(day, &self.catalog.message(lang, "format-month", &[]), lang)
            }
            style => {
                let at = DateTime::parse_from_rfc3339(raw)
                    .map_err(|_| RenderErrorReason::Other(format!("not a time: {raw}")))?
                    .with_timezone(&Utc);
                match style {
                    DateStyle::Date => dates::local(at, self.tz, &self.catalog.message(lang, "format-date", &[]), lang),
                    _ => dates::local_datetime(at, self.tz, &self.catalog.message(lang, "format-datetime", &[]), lang),
                }
            }
        };
        Ok(ScopedJson::Derived(serde_json::Value::String(shown)))
    }
}

/// `{{reason x}}`: a rejection reason as readers of the template's language read it: one of
/// the preset reasons (stored in English) in their language, anything else as it was written.
struct Reason {
    catalog: Arc<Catalog>,
}

impl HelperDef for Reason {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, RenderError> {
        let text = h.param(0).and_then(|p| p.value().as_str()).unwrap_or_default();
        let shown = match crate::domain::submissions::REJECTION_REASONS.iter().position(|r| *r == text) {
            Some(i) => self.catalog.message(language_of(ctx, &self.catalog), &format!("rejection-reason-{i}"), &[]),
            None => text.to_owned(),
        };
        Ok(ScopedJson::Derived(serde_json::Value::String(shown)))
    }
}

/// `{{msg x}}`: a message as code gave it (`{"id", "args"}`, or `{"text"}` already written),
/// in the template's language: the field errors of forms.
struct WriteMessage {
    catalog: Arc<Catalog>,
}

impl HelperDef for WriteMessage {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, RenderError> {
        let value = h.param(0).map(|p| p.value()).ok_or(RenderErrorReason::ParamNotFoundForIndex("msg", 0))?;
        let written = match (value.get("id").and_then(|v| v.as_str()), value.get("text").and_then(|v| v.as_str())) {
            (Some(id), _) => {
                let args: Vec<(&str, Arg)> = value
                    .get("args")
                    .and_then(|a| a.as_object())
                    .map(|a| a.iter().map(|(name, v)| (name.as_str(), json_arg(v))).collect())
                    .unwrap_or_default();
                self.catalog.message(language_of(ctx, &self.catalog), id, &args)
            }
            (None, Some(text)) => text.to_owned(),
            (None, None) => value.as_str().unwrap_or_default().to_owned(),
        };
        Ok(ScopedJson::Derived(serde_json::Value::String(written)))
    }
}

/// A template value as a message argument: numbers stay numbers (for plurals).
fn json_arg(value: &serde_json::Value) -> Arg {
    match value {
        serde_json::Value::Number(n) => Arg::Number(n.as_f64().unwrap_or_default()),
        serde_json::Value::String(s) => Arg::Text(s.clone()),
        serde_json::Value::Null => Arg::Text(String::new()),
        other => Arg::Text(other.to_string()),
    }
}

/// The language a template is rendered in: its `lang`, else the club's.
fn language_of<'a>(ctx: &'a Context, catalog: &'a Catalog) -> &'a str {
    ctx.data().get("lang").and_then(|v| v.as_str()).unwrap_or(catalog.default_language())
}

/// Text made safe to place in HTML: the five markup characters become character references.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

fn collect_override(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("web.templates_dir: {e}"))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("web.templates_dir: {e}"))?.path();
        if path.is_dir() {
            collect_override(root, &path, out)?;
        } else if let Some(rel) =
            path.strip_prefix(root).ok().and_then(|p| p.to_str()).and_then(|p| p.strip_suffix(".hbs"))
        {
            let name = rel.replace('\\', "/");
            let body =
                std::fs::read_to_string(&path).map_err(|e| format!("web.templates_dir: {}: {e}", path.display()))?;
            out.retain(|(n, _)| n != &name);
            out.push((name, body));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn renderer(dir: Option<&Path>) -> Renderer {
        let catalog = Arc::new(Catalog::load("en").expect("locales load"));
        Renderer::new(dir, catalog, chrono_tz::Europe::Berlin).expect("templates compile")
    }

    #[test]
    fn every_compiled_in_template_parses() {
        renderer(None);
    }

    #[test]
    fn an_override_folder_replaces_a_template_by_name() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("pages")).expect("mkdir");
        std::fs::write(dir.path().join("pages/error.html.hbs"), "custom {{status}} {{t \"nav-schedule\"}}")
            .expect("write");
        let r = renderer(Some(dir.path()));
        let out = r.html("pages/error.html", "ja", &serde_json::json!({"status": 404})).expect("render");
        assert_eq!(out, format!("custom 404 {}", r.message("ja", "nav-schedule", &[])));
        assert_ne!(r.message("ja", "nav-schedule", &[]), r.message("en", "nav-schedule", &[]));
    }

    #[test]
    fn a_page_is_framed_by_the_layout_once_even_if_an_override_still_wraps_itself_in_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("pages")).expect("mkdir");
        std::fs::write(dir.path().join("pages/probe.html.hbs"), "<p>{{status}}</p>\n").expect("write");
        std::fs::write(dir.path().join("pages/wrapped.html.hbs"), "{{#> layout}}\n<p>{{status}}</p>\n{{/layout}}\n")
            .expect("write");
        let r = renderer(Some(dir.path()));
        let page = serde_json::json!({"page": {"language": "en", "title": "Probe", "club_name": "Club",
            "asset_version": "1", "languages": [], "canonical": "/", "feeds": [], "organiser": null, "search": "",
            "flash": null}});
        let data = serde_json::json!({"status": 404, "page": page["page"]});
        for name in ["pages/probe.html", "pages/wrapped.html"] {
            let html = r.page(name, "en", &data, &page).expect("render");
            assert_eq!(html.matches("<html").count(), 1, "{name}: {html}");
            assert_eq!(html.matches("<p>404</p>").count(), 1, "{name}: {html}");
            assert!(html.find("<main").expect("main") < html.find("<p>404</p>").expect("content"), "{name}");
        }
    }

    #[test]
    fn a_layout_override_that_still_waits_for_a_partial_block_is_refused_with_the_way_to_fix_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("layout.html.hbs"), "<main>{{> @partial-block }}</main>").expect("write");
        let catalog = Arc::new(Catalog::load("en").expect("locales load"));
        let error = Renderer::new(Some(dir.path()), catalog, chrono_tz::Europe::Berlin).err().expect("refused");
        assert!(error.contains("layout.html.hbs") && error.contains("{{{body}}}"), "{error}");
        std::fs::write(dir.path().join("layout.html.hbs"), "<main>{{{body}}}</main>").expect("write");
        std::fs::create_dir_all(dir.path().join("pages")).expect("mkdir");
        std::fs::write(dir.path().join("pages/probe.html.hbs"), "<p>{{status}}</p>").expect("write");
        let r = renderer(Some(dir.path()));
        let html = r.page("pages/probe.html", "en", &serde_json::json!({"status": 404}), &serde_json::json!({}));
        assert_eq!(html.expect("render"), "<main><p>404</p></main>", "the override frames the page");
    }

    #[test]
    fn messages_are_escaped_in_html_and_not_in_text() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("pages")).expect("mkdir");
        let template = "{{t \"home-heading-this-month\" title=title}}";
        std::fs::write(dir.path().join("pages/probe.html.hbs"), template).expect("write");
        let r = renderer(Some(dir.path()));
        let data = serde_json::json!({"title": "<b>&"});
        let html = r.html("pages/probe.html", "en", &data).expect("render");
        let text = r.text("pages/probe.html", "en", &data).expect("render");
        assert!(html.contains("&lt;b&gt;&amp;") && !html.contains("<b>"), "{html}");
        assert!(text.contains("<b>&"), "{text}");
    }

    #[test]
    fn dates_follow_the_language_in_the_clubs_zone() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("pages")).expect("mkdir");
        std::fs::write(dir.path().join("pages/probe.html.hbs"), "{{date at}}|{{month m}}").expect("write");
        let r = renderer(Some(dir.path()));
        let data = serde_json::json!({"at": "2025-02-28T23:00:00Z", "m": "2025-03"});
        assert_eq!(r.html("pages/probe.html", "en", &data).expect("render"), "1 March 2025|March 2025");
        assert_eq!(r.html("pages/probe.html", "ja", &data).expect("render"), "2025年3月1日|2025年3月");
        assert_eq!(r.html("pages/probe.html", "zh-CN", &data).expect("render"), "2025年3月1日|2025年3月");
        assert_eq!(r.html("pages/probe.html", "de", &data).expect("render"), "1. März 2025|März 2025");
    }
}
