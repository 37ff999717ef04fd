//! Pages and emails from handlebars templates. The templates in `templates/` are compiled into
//! the binary; `web.templates_dir` names a folder whose files replace them by name.

pub mod charts;
pub mod dates;
pub mod markdown;
pub mod notifications;
pub mod roundup;
pub mod views;

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use handlebars::Handlebars;
use rust_embed::RustEmbed;
use serde::Serialize;

#[derive(RustEmbed)]
#[folder = "templates/"]
struct Embedded;

/// Compiled templates: one registry escaping for HTML, one not escaping for plain text.
pub struct Renderer {
    html: Handlebars<'static>,
    text: Handlebars<'static>,
    override_dir: Option<PathBuf>,
}

impl Renderer {
    /// Compiles every `*.hbs` under `templates/` (and the override folder, if any). A template
    /// is named by its path without `.hbs`: `pages/login.html`, `emails/confirm/subject.txt`.
    pub fn new(override_dir: Option<&Path>) -> Result<Renderer, String> {
        let mut html = Handlebars::new();
        html.set_strict_mode(true);
        let mut text = Handlebars::new();
        text.set_strict_mode(true);
        text.register_escape_fn(handlebars::no_escape);

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
        for (name, body) in &sources {
            for registry in [&mut html, &mut text] {
                registry
                    .register_template_string(name, body)
                    .map_err(|e| format!("template {name}: {}", crate::error::one_line(&e.to_string())))?;
            }
            // Partials are referenced by their name without the extension: `{{> partials/flash}}`.
            if let Some(short) = name.strip_suffix(".html").or_else(|| name.strip_suffix(".txt")) {
                if short == "layout" || short.starts_with("partials/") {
                    html.register_partial(short, body).map_err(|e| e.to_string())?;
                    text.register_partial(short, body).map_err(|e| e.to_string())?;
                }
            }
        }
        Ok(Renderer { html, text, override_dir: override_dir.map(Path::to_path_buf) })
    }

    /// Renders an HTML template; `name` as in [`Renderer::new`].
    pub fn html<T: Serialize>(&self, name: &str, data: &T) -> Result<String, String> {
        self.html
            .render(name, data)
            .map_err(|e| format!("rendering {name}: {}", crate::error::one_line(&e.to_string())))
    }

    /// Renders a plain-text template (nothing escaped).
    pub fn text<T: Serialize>(&self, name: &str, data: &T) -> Result<String, String> {
        self.text
            .render(name, data)
            .map_err(|e| format!("rendering {name}: {}", crate::error::one_line(&e.to_string())))
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

    #[test]
    fn every_compiled_in_template_parses() {
        Renderer::new(None).expect("templates compile");
    }

    #[test]
    fn an_override_folder_replaces_a_template_by_name() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("pages")).expect("mkdir");
        std::fs::write(dir.path().join("pages/error.html.hbs"), "custom {{status}}").expect("write");
        let r = Renderer::new(Some(dir.path())).expect("compile");
        let out = r.html("pages/error.html", &serde_json::json!({"status": 404})).expect("render");
        assert_eq!(out, "custom 404");
    }

    #[test]
    fn text_templates_do_not_escape_and_html_templates_do() {
        let r = Renderer::new(None).expect("compile");
        let data = serde_json::json!({"status": 404, "title": "<b>&", "message": "m", "page": {}});
        let html = r.html("pages/error.html", &data);
        assert!(html.is_err() || !html.unwrap_or_default().contains("<b>&"));
    }
}
