//! `/admin/authors`: every author with the spellings they are known by; `/admin/authors/{slug}`:
//! change an author's name, address, bio and links, or merge them into another author (their
//! entries and spellings move; the old address redirects).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::app::{self, Author, AuthorInput};
use crate::error::{AppError, FieldErrors};
use crate::render::search::AuthorView;
use crate::web::http::language::t;
use crate::web::http::page::{form_refusal, redirect_with_flash, Page};
use crate::web::http::routes::Routes;
use crate::web::http::session::{Csrf, CurrentOrganiser};
use crate::web::AppState;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/admin/authors", |r| r.get(authors_page));
    routes.at("/admin/authors/{slug}", |r| r.get(author_page).post(save_author));
    routes.at("/admin/authors/{slug}/merge", |r| r.post(merge_author));
}

#[derive(Serialize)]
struct Row {
    author: AuthorView,
    spellings: Vec<String>,
}

#[derive(Serialize)]
struct AuthorsPage {
    authors: Vec<Row>,
}

async fn authors_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    _who: CurrentOrganiser,
) -> Result<HttpResponse, AppError> {
    let all = app::authors::all(&state.app).await?;
    let authors = all.into_iter().map(|(a, spellings)| Row { author: AuthorView::new(&a), spellings }).collect();
    Page::new("pages/admin/authors.html", t(&req, "admin-authors-heading", &[])).render(&req, &AuthorsPage { authors })
}

#[derive(Debug, Default, Deserialize, Serialize)]
struct AuthorForm {
    #[serde(default, skip_serializing)]
    csrf_token: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    bio: String,
    #[serde(default)]
    website: String,
    #[serde(default)]
    profile: String,
}

#[derive(Debug, Default, Deserialize)]
struct MergeForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    into: String,
}

#[derive(Serialize)]
struct EditPage<'a> {
    slug: &'a str,
    form: AuthorForm,
    others: Vec<AuthorView>,
    into: &'a str,
    errors: FieldErrors,
}

fn form_of(author: &Author) -> AuthorForm {
    AuthorForm {
        csrf_token: String::new(),
        name: author.name.clone(),
        slug: author.slug.clone(),
        bio: author.bio.clone(),
        website: author.website.clone().unwrap_or_default(),
        profile: author.profile.clone().unwrap_or_default(),
    }
}

async fn render(
    req: &HttpRequest,
    state: &AppState,
    slug: &str,
    (form, into): (AuthorForm, &str),
    (errors, status): (FieldErrors, StatusCode),
) -> Result<HttpResponse, AppError> {
    let all = app::authors::all(&state.app).await?;
    let others = all.iter().filter(|(a, _)| a.slug != slug).map(|(a, _)| AuthorView::new(a)).collect();
    let title = t(req, "admin-author-heading", &[("name", form.name.as_str().into())]);
    let data = EditPage { slug, form, others, into, errors };
    Page::new("pages/admin/author.html", title).status(status).render(req, &data)
}

async fn author_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    _who: CurrentOrganiser,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let (author, _) = app::authors::one(&state.app, slug.clone()).await?;
    render(&req, &state, &slug, (form_of(&author), ""), (FieldErrors::new(), StatusCode::OK)).await
}

async fn save_author(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
    csrf: Csrf,
    slug: web::Path<String>,
    form: web::Form<AuthorForm>,
) -> Result<HttpResponse, AppError> {
    csrf.check(&form.csrf_token)?;
    let form = form.into_inner();
    let input = AuthorInput {
        name: Some(form.name.clone()),
        slug: Some(form.slug.clone()),
        bio: Some(form.bio.clone()),
        website: Some(form.website.clone()),
        profile: Some(form.profile.clone()),
    };
    let slug = slug.into_inner();
    match app::authors::edit(&state.app, who.0, slug.clone(), input).await {
        Ok(author) => {
            let message = t(&req, "flash-author-saved", &[("name", author.name.as_str().into())]);
            Ok(redirect_with_flash(&req, &format!("/admin/authors/{}", author.slug), &message))
        }
        Err(err) => render(&req, &state, &slug, (form, ""), form_refusal(err)?).await,
    }
}

async fn merge_author(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
    csrf: Csrf,
    slug: web::Path<String>,
    form: web::Form<MergeForm>,
) -> Result<HttpResponse, AppError> {
    csrf.check(&form.csrf_token)?;
    let slug = slug.into_inner();
    match app::authors::merge(&state.app, who.0, slug.clone(), form.into.clone()).await {
        Ok((kept, moved)) => {
            let named = vec![("name", kept.name.as_str().into()), ("count", (moved as i64).into())];
            Ok(redirect_with_flash(
                &req,
                &format!("/admin/authors/{}", kept.slug),
                &t(&req, "flash-authors-merged", &named),
            ))
        }
        Err(err) => {
            let (author, _) = app::authors::one(&state.app, slug.clone()).await?;
            render(&req, &state, &slug, (form_of(&author), &form.into), form_refusal(err)?).await
        }
    }
}
