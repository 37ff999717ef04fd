//! Organisers curate a topic's entries: `/admin/topics/{slug}/entries` lists them, adds one for a
//! member, and takes a pasted list (previewed first, added only as ticked);
//! `/admin/entries/{id}/edit` changes any entry. Admins and moderators.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::app::entries::{self, LineResult, LineStatus, ListRequest, WrittenLine};
use crate::app::{self, status_name, EntryInput, EntryPatch, Submission, Topic};
use crate::error::{AppError, FieldErrors};
use crate::render::views::{kind_choices, Choice, EntryView, TopicView};
use crate::web::http::language::{self, t};
use crate::web::http::page::{form_refusal, redirect_with_flash, refusal_message, Page};
use crate::web::http::routes::Routes;
use crate::web::http::session::{Csrf, CurrentOrganiser};
use crate::web::AppState;

pub fn configure(routes: &mut Routes<'_>) {
    routes.at("/admin/topics/{slug}/entries", |r| r.get(entries_page).post(add_entry));
    routes.at("/admin/topics/{slug}/entries/list", |r| r.post(add_list));
    routes.at("/admin/entries/{public_id}/edit", |r| r.get(edit_page).post(edit_entry));
    routes.at("/admin/entries/{public_id}/link", |r| r.post(replace_link));
}

/// The statuses an organiser can give an entry, `selected` marking one.
fn status_choices(req: &HttpRequest, selected: &str) -> Vec<Choice> {
    ["published", "pending", "rejected", "withdrawn"]
        .iter()
        .map(|s| Choice {
            value: (*s).into(),
            label: t(req, &format!("entry-form-status-{s}"), &[]),
            selected: *s == selected,
        })
        .collect()
}

/// The kinds of entry as choices, named in the request's language.
fn kinds(req: &HttpRequest, selected: &str) -> Vec<Choice> {
    kind_choices(selected, |k| t(req, &format!("kind-{}", k.as_str()), &[]))
}

/// The entry form as posted (add and edit); text, so that what was typed can be shown again.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
struct EntryForm {
    #[serde(skip_serializing)]
    csrf_token: String,
    kind: String,
    url: String,
    title: String,
    author_name: String,
    author_email: String,
    summary: String,
    note: String,
    language: String,
    status: String,
    topic: String,
    #[serde(serialize_with = "checked")]
    notify_author: Option<String>,
    #[serde(serialize_with = "checked")]
    highlighted: Option<String>,
}

fn checked<S: serde::Serializer>(value: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_bool(value.is_some())
}

impl EntryForm {
    fn input(&self) -> EntryInput {
        EntryInput {
            kind: self.kind.clone(),
            url: self.url.clone(),
            title: self.title.clone(),
            author_name: self.author_name.clone(),
            author_email: self.author_email.clone(),
            author_link: None,
            summary: self.summary.clone(),
            note: self.note.clone(),
            language: self.language.clone(),
            status: self.status.clone(),
            notify_author: self.notify_author.is_some(),
        }
    }

    fn patch(&self) -> EntryPatch {
        let input = self.input();
        EntryPatch {
            kind: Some(input.kind),
            url: Some(input.url),
            title: Some(input.title),
            author_name: Some(input.author_name),
            author_email: Some(input.author_email),
            author_link: None,
            summary: Some(input.summary),
            note: Some(input.note),
            language: Some(input.language),
            status: Some(input.status),
            topic: Some(self.topic.clone()),
            highlighted: Some(self.highlighted.is_some()),
        }
    }

    fn of(entry: &Submission, topic: &Topic) -> EntryForm {
        let input = EntryInput::of(entry);
        EntryForm {
            csrf_token: String::new(),
            kind: input.kind,
            url: input.url,
            title: input.title,
            author_name: input.author_name,
            author_email: input.author_email,
            summary: input.summary,
            note: input.note,
            language: input.language,
            status: input.status,
            topic: topic.slug.clone(),
            notify_author: None,
            highlighted: entry.highlighted.then(|| "on".into()),
        }
    }
}

/// The pasted list as posted: its text, the status for its entries, the step (preview or add)
/// and the ticked line numbers (`take` repeats, so the body is read by hand).
#[derive(Debug, Default, Serialize)]
struct ListForm {
    #[serde(skip)]
    csrf_token: String,
    text: String,
    status: String,
    #[serde(skip)]
    step: String,
    #[serde(skip)]
    take: Vec<usize>,
}

impl ListForm {
    fn parse(body: &[u8]) -> ListForm {
        let mut form = ListForm { status: "published".into(), ..ListForm::default() };
        for (key, value) in url::form_urlencoded::parse(body) {
            let value = value.into_owned();
            match key.as_ref() {
                "csrf_token" => form.csrf_token = value,
                "text" => form.text = value,
                "status" => form.status = value,
                "step" => form.step = value,
                "take" => form.take.extend(value.parse::<usize>().ok()),
                _ => {}
            }
        }
        form
    }
}

#[derive(Serialize)]
struct Row {
    entry: EntryView,
    status: &'static str,
    edit: String,
}

#[derive(Serialize)]
struct Preview {
    lines: Vec<WrittenLine>,
    addable: usize,
    duplicates: usize,
    invalid: usize,
}

#[derive(Serialize)]
struct EntriesPage<'a> {
    topic: TopicView,
    rows: Vec<Row>,
    rows_count: usize,
    form: &'a EntryForm,
    errors: &'a FieldErrors,
    has_errors: bool,
    kinds: Vec<Choice>,
    statuses: Vec<Choice>,
    list: &'a ListForm,
    list_statuses: Vec<Choice>,
    preview: Option<Preview>,
}

/// What the entries page shows besides the topic and its entries.
struct Shown<'a> {
    form: &'a EntryForm,
    errors: &'a FieldErrors,
    list: &'a ListForm,
    preview: Option<Vec<LineResult>>,
    status: StatusCode,
}

/// The lines of a dry run, their problems in the reader's language.
fn preview_of(req: &HttpRequest, lines: Vec<LineResult>) -> Preview {
    let count = |s| lines.iter().filter(|l| l.status == s).count();
    let (addable, duplicates, invalid) =
        (count(LineStatus::Created), count(LineStatus::Duplicate), count(LineStatus::Invalid));
    let lines = lines.into_iter().map(|l| l.written(|m| language::write(req, m))).collect();
    Preview { lines, addable, duplicates, invalid }
}

async fn render_entries(
    req: &HttpRequest,
    state: &AppState,
    slug: String,
    shown: Shown<'_>,
) -> Result<HttpResponse, AppError> {
    let (topic, entries) = entries::of_topic(&state.app, slug).await?;
    let tz = state.app.tz();
    let rows: Vec<Row> = entries
        .iter()
        .map(|s| Row {
            entry: EntryView::new(s),
            status: status_name(s.status),
            edit: format!("/admin/entries/{}/edit", s.public_id),
        })
        .collect();
    let data = EntriesPage {
        topic: TopicView::new(&topic, tz, state.app.now()),
        rows_count: rows.len(),
        rows,
        form: shown.form,
        errors: shown.errors,
        has_errors: !shown.errors.is_empty(),
        kinds: kinds(req, &shown.form.kind),
        statuses: status_choices(req, if shown.form.status.is_empty() { "published" } else { &shown.form.status }),
        list_statuses: status_choices(req, &shown.list.status).into_iter().take(2).collect(),
        list: shown.list,
        preview: shown.preview.map(|lines| preview_of(req, lines)),
    };
    let title = t(req, "title-entries", &[("title", topic.title.as_str().into())]);
    Page::new("pages/admin/entries.html", title).status(shown.status).render(req, &data)
}

async fn entries_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    _who: CurrentOrganiser,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (form, list) = (EntryForm::default(), ListForm { status: "published".into(), ..ListForm::default() });
    let shown = Shown { form: &form, errors: &FieldErrors::new(), list: &list, preview: None, status: StatusCode::OK };
    render_entries(&req, &state, slug.into_inner(), shown).await
}

async fn add_entry(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
    csrf: Csrf,
    slug: web::Path<String>,
    form: web::Form<EntryForm>,
) -> Result<HttpResponse, AppError> {
    csrf.check(&form.csrf_token)?;
    let (slug, form) = (slug.into_inner(), form.into_inner());
    match entries::add(&state.app, Some(&who.0), slug.clone(), form.input()).await {
        Ok(entry) => {
            let (title, status) = (entry.title.as_str(), status_name(entry.status));
            let message = t(&req, "flash-entry-added", &[("title", title.into()), ("status", status.into())]);
            Ok(redirect_with_flash(&req, &format!("/admin/topics/{slug}/entries"), &message))
        }
        Err(err) => {
            let (errors, status) = form_refusal(err)?;
            let list = ListForm { status: "published".into(), ..ListForm::default() };
            render_entries(
                &req,
                &state,
                slug,
                Shown { form: &form, errors: &errors, list: &list, preview: None, status },
            )
            .await
        }
    }
}

/// What the flash says after a list was added.
fn list_message(req: &HttpRequest, results: &[LineResult]) -> String {
    let count = |s| results.iter().filter(|l| l.status == s).count();
    let added = t(req, "flash-entries-added", &[("count", count(LineStatus::Created).into())]);
    let (duplicates, invalid) = (count(LineStatus::Duplicate), count(LineStatus::Invalid));
    if duplicates + invalid == 0 {
        return added;
    }
    let left_out = t(req, "flash-entries-left-out", &[("duplicates", duplicates.into()), ("invalid", invalid.into())]);
    t(req, "flash-sentences", &[("first", added.into()), ("second", left_out.into())])
}

async fn add_list(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
    csrf: Csrf,
    slug: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let list = ListForm::parse(&body);
    csrf.check(&list.csrf_token)?;
    let slug = slug.into_inner();
    let adding = list.step == "add";
    let mut request = ListRequest::from_text(&list.text, &list.status, !adding);
    if adding {
        if list.take.is_empty() {
            let message = t(&req, "flash-entries-none-ticked", &[]);
            return Ok(redirect_with_flash(&req, &format!("/admin/topics/{slug}/entries"), &message));
        }
        request.only = Some(list.take.clone());
    }
    let (_, results) = entries::add_list(&state.app, Some(&who.0), slug.clone(), request).await?;
    if adding {
        return Ok(redirect_with_flash(&req, &format!("/admin/topics/{slug}/entries"), &list_message(&req, &results)));
    }
    let form = EntryForm::default();
    let shown =
        Shown { form: &form, errors: &FieldErrors::new(), list: &list, preview: Some(results), status: StatusCode::OK };
    render_entries(&req, &state, slug, shown).await
}

#[derive(Serialize)]
struct EditPage<'a> {
    entry: EntryView,
    topic: TopicView,
    form: &'a EntryForm,
    errors: &'a FieldErrors,
    has_errors: bool,
    kinds: Vec<Choice>,
    statuses: Vec<Choice>,
    topics: Vec<Choice>,
}

async fn render_edit(
    req: &HttpRequest,
    state: &AppState,
    public_id: String,
    form: Option<&EntryForm>,
    (errors, status): (&FieldErrors, StatusCode),
) -> Result<HttpResponse, AppError> {
    let (entry, topic, topics) = entries::for_edit(&state.app, public_id).await?;
    let current = EntryForm::of(&entry, &topic);
    let form = form.unwrap_or(&current);
    let (tz, now) = (state.app.tz(), state.app.now());
    let data = EditPage {
        entry: EntryView::new(&entry),
        topic: TopicView::new(&topic, tz, now),
        form,
        errors,
        has_errors: !errors.is_empty(),
        kinds: kinds(req, &form.kind),
        statuses: status_choices(req, &form.status),
        topics: topics
            .iter()
            .rev()
            .map(|t| Choice {
                value: t.slug.clone(),
                label: format!("{} — {}", t.month, t.title),
                selected: t.slug == form.topic,
            })
            .collect(),
    };
    let title = t(req, "title-entry-edit", &[("title", entry.title.as_str().into())]);
    Page::new("pages/admin/entry_edit.html", title).status(status).render(req, &data)
}

async fn edit_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    _who: CurrentOrganiser,
    public_id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    render_edit(&req, &state, public_id.into_inner(), None, (&FieldErrors::new(), StatusCode::OK)).await
}

async fn edit_entry(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
    csrf: Csrf,
    public_id: web::Path<String>,
    form: web::Form<EntryForm>,
) -> Result<HttpResponse, AppError> {
    csrf.check(&form.csrf_token)?;
    let (public_id, form) = (public_id.into_inner(), form.into_inner());
    match app::entries::edit(&state.app, Some(&who.0), public_id.clone(), form.patch()).await {
        Ok((entry, topic)) => {
            let back = format!("/admin/topics/{}/entries", topic.slug);
            Ok(redirect_with_flash(&req, &back, &t(&req, "flash-entry-saved", &[("title", entry.title.into())])))
        }
        Err(err) => {
            let (errors, status) = form_refusal(err)?;
            render_edit(&req, &state, public_id, Some(&form), (&errors, status)).await
        }
    }
}

#[derive(Debug, Deserialize)]
struct LinkForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    url: String,
}

/// A new link for an entry whose link died (from the dashboard).
async fn replace_link(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: CurrentOrganiser,
    csrf: Csrf,
    public_id: web::Path<String>,
    form: web::Form<LinkForm>,
) -> Result<HttpResponse, AppError> {
    csrf.check(&form.csrf_token)?;
    let message = match app::links::replace(&state.app, Some(&who.0), public_id.into_inner(), form.url.clone()).await {
        Ok(entry) => t(&req, "flash-link-replaced", &[("title", entry.title.into())]),
        Err(refused) => refusal_message(&req, refused)?,
    };
    Ok(redirect_with_flash(&req, "/admin", &message))
}
