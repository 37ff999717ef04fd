//! `/admin/topics/{slug}/roundup`: an organiser writes the month's round-up — the introduction,
//! the order of the entries and the highlights — previews it on its public address (organisers
//! see drafts there) and publishes it. Admins and moderators.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;

use crate::app::roundups::{self, RoundupView};
use crate::app::RoundupInput;
use crate::error::{AppError, FieldErrors, Message};
use crate::render::views::{EntryView, TopicView};
use crate::web::http::language::t;
use crate::web::http::page::{form_refusal, redirect_with_flash, Page};
use crate::web::http::routes::Routes;
use crate::web::http::session::{Csrf, CurrentOrganiser};
use crate::web::AppState;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/admin/topics/{slug}/roundup", |r| r.get(roundup_page).post(save_roundup));
}

/// The form as posted: the introduction, whether to publish, and per entry its place
/// (`order-<id>`, a number, empty for "by date") and whether it is highlighted (`highlight`
/// repeats, so the body is read by hand).
#[derive(Debug, Default)]
struct RoundupForm {
    csrf_token: String,
    intro: String,
    published: bool,
    places: Vec<(String, String)>,
    highlighted: Vec<String>,
}

impl RoundupForm {
    fn parse(body: &[u8]) -> RoundupForm {
        let mut form = RoundupForm::default();
        for (key, value) in url::form_urlencoded::parse(body) {
            let value = value.into_owned();
            match key.as_ref() {
                "csrf_token" => form.csrf_token = value,
                "intro" => form.intro = value,
                "published" => form.published = true,
                "highlight" => form.highlighted.push(value),
                other => {
                    if let Some(id) = other.strip_prefix("order-") {
                        form.places.push((id.to_owned(), value));
                    }
                }
            }
        }
        form
    }

    /// The input: entries with a place number, in that order (ties keep the page's order).
    fn input(&self) -> Result<RoundupInput, FieldErrors> {
        let mut placed = Vec::new();
        for (index, (id, text)) in self.places.iter().enumerate() {
            match text.trim() {
                "" => {}
                number => match number.parse::<u32>() {
                    Ok(n) => placed.push((n, index, id.clone())),
                    Err(_) => {
                        let message = Message::new("refused-roundup-place-not-number").arg("number", number);
                        return Err(FieldErrors::from([("order".to_owned(), message)]));
                    }
                },
            }
        }
        placed.sort();
        Ok(RoundupInput {
            intro: self.intro.clone(),
            order: placed.into_iter().map(|(_, _, id)| id).collect(),
            highlighted: self.highlighted.clone(),
            published: self.published,
        })
    }
}

#[derive(Serialize)]
struct EntryRow {
    entry: EntryView,
    place: String,
}

#[derive(Serialize)]
struct RoundupPage<'a> {
    topic: TopicView,
    intro: &'a str,
    published: bool,
    rows: Vec<EntryRow>,
    errors: &'a FieldErrors,
    has_errors: bool,
}

fn render(
    req: &HttpRequest,
    state: &AppState,
    found: &RoundupView,
    shown: Option<&RoundupForm>,
    (errors, status): (&FieldErrors, StatusCode),
) -> Result<HttpResponse, AppError> {
    let tz = state.app.tz();
    let place_of = |id: &str, position: Option<i32>| match shown {
        Some(form) => form.places.iter().find(|(p, _)| p == id).map(|(_, v)| v.clone()).unwrap_or_default(),
        None => position.map(|p| p.to_string()).unwrap_or_default(),
    };
    let rows = found
        .entries
        .iter()
        .map(|s| {
            let mut entry = EntryView::new(s);
            entry.highlighted = shown.map_or(s.highlighted, |f| f.highlighted.contains(&s.public_id));
            EntryRow { place: place_of(&s.public_id, s.position), entry }
        })
        .collect();
    let data = RoundupPage {
        topic: TopicView::new(&found.topic, tz, state.app.now()),
        intro: shown.map_or(found.intro(), |f| f.intro.as_str()),
        published: shown.map_or(found.is_published(), |f| f.published),
        rows,
        errors,
        has_errors: !errors.is_empty(),
    };
    let title = t(req, "title-roundup-edit", &[("title", found.topic.title.as_str().into())]);
    Page::new("pages/admin/roundup.html", title).status(status).render(req, &data)
}

async fn roundup_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    _who: CurrentOrganiser,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let found = roundups::get(&state.app, slug.into_inner(), true).await?;
    render(&req, &state, &found, None, (&FieldErrors::new(), StatusCode::OK))
}

async fn save_roundup(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
    csrf: Csrf,
    slug: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form = RoundupForm::parse(&body);
    csrf.check(&form.csrf_token)?;
    let slug = slug.into_inner();
    let saved = match form.input() {
        Ok(input) => roundups::save(&state.app, Some(&who.0), slug.clone(), input).await,
        Err(errors) => Err(AppError::Validation(errors)),
    };
    match saved {
        Ok(view) => {
            let id = if view.is_published() { "flash-roundup-published" } else { "flash-roundup-draft" };
            Ok(redirect_with_flash(&req, &format!("/admin/topics/{slug}/roundup"), &t(&req, id, &[])))
        }
        Err(err) => {
            let (errors, status) = form_refusal(err)?;
            let found = roundups::get(&state.app, slug, true).await?;
            render(&req, &state, &found, Some(&form), (&errors, status))
        }
    }
}
