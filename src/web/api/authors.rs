//! Authors for organisers: `GET /api/v1/authors` (each with the spellings they are known by),
//! `PATCH /api/v1/authors/{slug}` (`name`, `slug`, `bio`, `website`, `profile`) and
//! `POST /api/v1/authors/{slug}/merge` with `{"into": "other-slug"}`. Both changes are in the
//! audit log; old slugs keep answering with a redirect.

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::app::{self, Author, AuthorInput};
use crate::error::AppError;
use crate::web::http::forms::json_body;
use crate::web::http::json::rfc3339;
use crate::web::http::routes::Routes;
use crate::web::http::session::ApiOrganiser;
use crate::web::AppState;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/api/v1/authors", |r| r.get(list_authors));
    routes.at("/api/v1/authors/{slug}", |r| r.patch(edit_author));
    routes.at("/api/v1/authors/{slug}/merge", |r| r.post(merge_author));
}

#[derive(Debug, Serialize)]
struct AuthorResource {
    slug: String,
    name: String,
    bio: String,
    website: Option<String>,
    profile: Option<String>,
    /// The spellings of the name entries were submitted under (lowercase).
    spellings: Vec<String>,
    url: String,
    updated_at: String,
}

fn resource(state: &AppState, author: &Author, spellings: Vec<String>) -> AuthorResource {
    AuthorResource {
        slug: author.slug.clone(),
        name: author.name.clone(),
        bio: author.bio.clone(),
        website: author.website.clone().filter(|w| !w.is_empty()),
        profile: author.profile.clone().filter(|p| !p.is_empty()),
        spellings,
        url: format!("{}/authors/{}", state.app.settings.club.base(), author.slug),
        updated_at: rfc3339(author.updated_at),
    }
}

async fn list_authors(state: web::Data<AppState>, _who: ApiOrganiser) -> Result<HttpResponse, AppError> {
    let all = app::authors::all(&state.app).await?;
    let list: Vec<AuthorResource> = all.into_iter().map(|(a, s)| resource(&state, &a, s)).collect();
    Ok(HttpResponse::Ok().json(serde_json::json!({ "authors": list })))
}

async fn edit_author(
    state: web::Data<AppState>,
    who: ApiOrganiser,
    slug: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let input: AuthorInput = json_body(&body)?;
    let author = app::authors::edit(&state.app, who.organiser, slug.into_inner(), input).await?;
    Ok(HttpResponse::Ok().json(resource(&state, &author, Vec::new())))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MergeInput {
    into: String,
}

async fn merge_author(
    state: web::Data<AppState>,
    who: ApiOrganiser,
    slug: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let input: MergeInput = json_body(&body)?;
    let (kept, moved) = app::authors::merge(&state.app, who.organiser, slug.into_inner(), input.into).await?;
    Ok(HttpResponse::Ok()
        .json(serde_json::json!({ "author": resource(&state, &kept, Vec::new()), "moved_entries": moved })))
}
