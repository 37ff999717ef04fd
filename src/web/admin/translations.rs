//! `/admin/topics/{slug}/translations`: a topic's title and summary in the club's other
//! languages, one form per language. A form left empty removes that language's translation.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::app::{self, Topic, TopicTranslation, TranslationInput};
use crate::error::{AppError, FieldErrors};
use crate::web::http::language::t;
use crate::web::http::page::{form_refusal, redirect_with_flash, Page};
use crate::web::http::routes::Routes;
use crate::web::http::session::{Csrf, CurrentOrganiser};
use crate::web::AppState;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/admin/topics/{slug}/translations", |r| r.get(translations_page).post(save_translation));
}

/// One language's form.
#[derive(Serialize)]
struct LanguageForm<'a> {
    tag: &'static str,
    name: &'static str,
    title: String,
    summary: String,
    /// Whether the topic has a translation in this language.
    stored: bool,
    errors: &'a FieldErrors,
}

#[derive(Serialize)]
struct TranslationsPage<'a> {
    slug: &'a str,
    title: &'a str,
    own_language: &'static str,
    languages: Vec<LanguageForm<'a>>,
}

#[derive(Debug, Default, Deserialize)]
struct TranslationForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    summary: String,
}

/// The page: every language but the club's, with what is stored, or (for the language just
/// posted) what was typed and what is wrong with it.
fn render(
    req: &HttpRequest,
    state: &AppState,
    (topic, stored): (&Topic, &[TopicTranslation]),
    posted: Option<(&TranslationForm, &FieldErrors)>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let own = state.app.renderer.catalog().default_language();
    let none = FieldErrors::new();
    let languages = crate::i18n::LANGUAGES
        .iter()
        .filter(|l| l.tag != own)
        .map(|l| {
            let saved = stored.iter().find(|s| s.language == l.tag);
            let mut form = LanguageForm {
                tag: l.tag,
                name: l.name,
                title: saved.map(|s| s.title.clone()).unwrap_or_default(),
                summary: saved.map(|s| s.summary.clone()).unwrap_or_default(),
                stored: saved.is_some(),
                errors: &none,
            };
            if let Some((typed, errors)) = posted.filter(|(typed, _)| typed.language == l.tag) {
                (form.title, form.summary, form.errors) = (typed.title.clone(), typed.summary.clone(), errors);
            }
            form
        })
        .collect();
    let data = TranslationsPage { slug: &topic.slug, title: &topic.title, own_language: own, languages };
    let title = t(req, "title-topic-translations", &[("title", topic.title.as_str().into())]);
    Page::new("pages/admin/translations.html", title).status(status).render(req, &data)
}

async fn translations_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    let (topic, stored) = app::topics::translations(&state.app, slug.into_inner()).await?;
    render(&req, &state, (&topic, &stored), None, StatusCode::OK)
}

async fn save_translation(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
    csrf: Csrf,
    slug: web::Path<String>,
    form: web::Form<TranslationForm>,
) -> Result<HttpResponse, AppError> {
    who.require_admin()?;
    csrf.check(&form.csrf_token)?;
    let (topic, stored) = app::topics::translations(&state.app, slug.into_inner()).await?;
    let back = format!("/admin/topics/{}/translations", topic.slug);
    let language = crate::i18n::name_of(&form.language);
    if form.title.trim().is_empty() && form.summary.trim().is_empty() {
        if stored.iter().any(|s| s.language == form.language) {
            app::topics::remove_translation(&state.app, topic.slug.clone(), form.language.clone()).await?;
        }
        let message = t(&req, "flash-translation-removed", &[("language", language.into())]);
        return Ok(redirect_with_flash(&req, &back, &message));
    }
    let input = TranslationInput { title: form.title.clone(), summary: form.summary.clone() };
    match app::topics::translate(&state.app, topic.slug.clone(), form.language.clone(), input).await {
        Ok(_) => {
            Ok(redirect_with_flash(&req, &back, &t(&req, "flash-translation-saved", &[("language", language.into())])))
        }
        Err(err) => {
            let (errors, status) = form_refusal(err)?;
            render(&req, &state, (&topic, &stored), Some((&form, &errors)), status)
        }
    }
}
