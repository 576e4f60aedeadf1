//! Articles: the list, the new-article form, and the article page where candidates are triaged;
//! `marks` marks the candidates in the body, `delete` deletes an article.

pub mod delete;
mod marks;
mod page;

use crate::web::claims::retry::Retry;
use page::listing_path;
pub use page::{show, ShowQuery};

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;
use serde_json::json;

use super::page::{Chrome, FieldErrors};
use super::session::{Session, SignedForm};
use super::{blocking, render, render_status, see_other, AppState};
use crate::db::articles::{ArticleSummary, Saved};
use crate::desk::articles::{self as desk, Listing, Triage, Triaged};
use crate::domain::{
    ArticleDraft, ArticleId, CandidateId, ClaimId, QuantityEdit, RawArticle, Status,
};
use crate::error::{AppError, AppResult};

#[derive(Template)]
#[template(path = "articles/index.html")]
struct ArticlesPage {
    chrome: Chrome,
    can_add: bool,
    articles: Vec<ArticleSummary>,
    /// The columns of claims per status: the work's (discarded claims are not counted).
    statuses: [Status; 5],
}

impl ArticlesPage {
    fn count(&self, summary: &ArticleSummary, status: &Status) -> i64 {
        summary
            .claims_by_status
            .get(status.as_str())
            .copied()
            .unwrap_or(0)
    }
}

pub async fn index(
    state: web::Data<AppState>,
    session: Session,
    done: web::Query<delete::DoneQuery>,
) -> AppResult<HttpResponse> {
    let (pool, member) = (state.pool.clone(), session.member());
    let articles = blocking(move || desk::list(&mut *pool.get()?, &member, 200)).await?;
    render(&ArticlesPage {
        chrome: Chrome::member("Articles", &session, "articles").with_flash(done.flash()),
        can_add: desk::can_add(&session.member()),
        articles,
        statuses: Status::WORKFLOW,
    })
}

#[derive(Template)]
#[template(path = "articles/new.html")]
struct NewArticlePage {
    chrome: Chrome,
    csrf_token: String,
    form: RawArticle,
    errors: FieldErrors,
    /// The address typed in the link form, and why it was refused.
    link: String,
    link_error: Option<String>,
}

impl NewArticlePage {
    fn new(session: &Session, form: RawArticle, errors: FieldErrors) -> NewArticlePage {
        NewArticlePage {
            chrome: Chrome::member("New article", session, "articles"),
            csrf_token: session.info.csrf_token.clone(),
            form,
            errors,
            link: String::new(),
            link_error: None,
        }
    }
}

pub async fn new(session: Session) -> AppResult<HttpResponse> {
    desk::may_add(&session.member())?;
    render(&NewArticlePage::new(
        &session,
        RawArticle::default(),
        FieldErrors::default(),
    ))
}

/// Saves an article and runs the extractor on it. The same body twice finds the existing article.
pub async fn create(
    state: web::Data<AppState>,
    form: SignedForm<RawArticle, true>,
) -> AppResult<HttpResponse> {
    save_draft(&state, form.session, form.data).await
}

#[derive(Deserialize)]
pub struct LinkForm {
    #[serde(default)]
    url: String,
}

/// An article from a link: fetched, read and extracted (`desk::ingest_link`); the same address or
/// text again opens the team's article. A refused link brings the form back with the address and
/// the reason (422).
pub async fn fetch(
    state: web::Data<AppState>,
    form: SignedForm<LinkForm>,
) -> AppResult<HttpResponse> {
    let (session, typed) = (form.session, form.data.url);
    let member = session.member();
    let limit = state.settings.article_limit;
    match desk::ingest_link(&state.pool, &member, &state.fetcher, &typed, limit).await {
        Ok(Saved::Created(id)) => Ok(see_other(&format!("/articles/{id}"))),
        Ok(Saved::Existing(id)) => Ok(see_other(&format!("/articles/{id}?existing=1"))),
        Err(AppError::Invalid(invalid)) => {
            let mut page =
                NewArticlePage::new(&session, RawArticle::default(), FieldErrors::default());
            page.link = typed;
            page.link_error = Some(invalid.message);
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(other) => Err(other),
    }
}

/// Validates the article form, runs the extractor and saves article and candidates in one
/// transaction; a form error re-renders the form with the message beside its field.
async fn save_draft(
    state: &web::Data<AppState>,
    session: Session,
    raw: RawArticle,
) -> AppResult<HttpResponse> {
    let draft = match ArticleDraft::parse(&raw, state.settings.article_limit) {
        Ok(draft) => draft,
        Err(invalid) => {
            let page = NewArticlePage::new(&session, raw, FieldErrors::from_invalid(invalid));
            return render_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    let (pool, member) = (state.pool.clone(), session.member());
    let saved = blocking(move || desk::ingest(&mut *pool.get()?, &member, &draft)).await?;
    match saved {
        Saved::Created(id) => Ok(see_other(&format!("/articles/{id}"))),
        Saved::Existing(id) => Ok(see_other(&format!("/articles/{id}?existing=1"))),
    }
}

/// The answer to a triage form: JSON for the page's script (which updates the row in place),
/// else back to the same listing of the article page.
fn triaged(
    req: &HttpRequest,
    article: ArticleId,
    listing: Listing,
    outcome: serde_json::Value,
    said: &str,
) -> HttpResponse {
    let wants_json = req
        .headers()
        .get(actix_web::http::header::ACCEPT)
        .and_then(|accept| accept.to_str().ok())
        .is_some_and(|accept| accept.starts_with("application/json"));
    if wants_json {
        HttpResponse::Ok().json(outcome)
    } else {
        see_other(&format!(
            "{}{said}#candidates",
            listing_path(article, listing)
        ))
    }
}

async fn triage(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    session: &Session,
    (article, candidate): (ArticleId, CandidateId),
    listing: Listing,
    action: Triage,
) -> AppResult<HttpResponse> {
    let (pool, member) = (state.pool.clone(), session.member());
    let done =
        blocking(move || desk::triage(&mut *pool.get()?, &member, article, candidate, &action))
            .await?;
    let outcome = json!({
        "candidate": candidate,
        "state": done.state(),
        "claim_id": done.claim(),
        "repeated": matches!(done, Triaged::Attached(_)),
    });
    // Without the script, the page says where a repeated claim went.
    let said = match done {
        Triaged::Attached(claim) => format!("&attached_to={claim}"),
        _ => String::new(),
    };
    Ok(triaged(req, article, listing, outcome, &said))
}

#[derive(Deserialize)]
pub struct NoFields {}

#[derive(Deserialize)]
pub struct AcceptForm {
    #[serde(default)]
    value: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    qualifier: String,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    speaker: String,
    /// The claim as one line; blank takes the proposed statement.
    #[serde(default)]
    statement: String,
    /// Any value: a new claim even when the team has one it repeats.
    #[serde(default)]
    as_new: Option<String>,
}

/// Accepts a candidate as a claim, with the reviewer's corrections when the form carries any; a
/// correction refused for what it holds brings the article page back with the form (422).
pub async fn accept(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(ArticleId, CandidateId)>,
    query: web::Query<ShowQuery>,
    form: SignedForm<AcceptForm>,
) -> AppResult<HttpResponse> {
    let listing = query.listing()?;
    let f = &form.data;
    let parsed = QuantityEdit::parse(&f.value, &f.unit, &f.qualifier, &f.subject, &f.speaker)
        .and_then(|edit| {
            let statement = match f.statement.trim() {
                "" => None,
                typed => Some(crate::domain::single_line_text("statement", typed, 500)?),
            };
            Ok((edit, statement))
        });
    let (edit, statement) = match parsed {
        Ok(parsed) => parsed,
        Err(invalid) => {
            let (article, candidate) = *path;
            let typed = [
                ("statement", Some(f.statement.clone())),
                ("value", Some(f.value.clone())),
                ("unit", Some(f.unit.clone())),
                ("qualifier", Some(f.qualifier.clone())),
                ("subject", Some(f.subject.clone())),
                ("speaker", Some(f.speaker.clone())),
            ];
            let typed: Vec<(&'static str, &Option<String>)> =
                typed.iter().map(|(name, value)| (*name, value)).collect();
            let retry = Retry::new("accept", invalid, &typed);
            return page::send_back_accept(
                &state,
                &form.session,
                (article, listing),
                candidate.get(),
                retry,
            )
            .await;
        }
    };
    let action = Triage::Accept {
        edit,
        statement,
        as_new: f.as_new.is_some(),
    };
    triage(&req, &state, &form.session, *path, listing, action).await
}

pub async fn reject(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(ArticleId, CandidateId)>,
    query: web::Query<ShowQuery>,
    form: SignedForm<NoFields>,
) -> AppResult<HttpResponse> {
    let listing = query.listing()?;
    triage(&req, &state, &form.session, *path, listing, Triage::Reject).await
}

/// Puts a rejected candidate back to pending.
pub async fn restore(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(ArticleId, CandidateId)>,
    query: web::Query<ShowQuery>,
    form: SignedForm<NoFields>,
) -> AppResult<HttpResponse> {
    let listing = query.listing()?;
    let (article, candidate) = path.into_inner();
    let (pool, member) = (state.pool.clone(), form.session.member());
    blocking(move || desk::restore(&mut *pool.get()?, &member, article, candidate)).await?;
    let outcome = json!({"candidate": candidate, "state": "pending", "claim_id": null});
    Ok(triaged(&req, article, listing, outcome, ""))
}

/// Rejects every candidate of the article still pending.
pub async fn reject_rest(
    state: web::Data<AppState>,
    article: web::Path<ArticleId>,
    query: web::Query<ShowQuery>,
    form: SignedForm<NoFields>,
) -> AppResult<HttpResponse> {
    let listing = query.listing()?;
    let article = article.into_inner();
    let (pool, member) = (state.pool.clone(), form.session.member());
    blocking(move || desk::reject_rest(&mut *pool.get()?, &member, article)).await?;
    Ok(see_other(&format!(
        "{}#candidates",
        listing_path(article, Listing { page: 1, ..listing })
    )))
}

#[derive(Deserialize)]
pub struct AttachForm {
    #[serde(default)]
    claim_id: String,
}

pub async fn attach(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(ArticleId, CandidateId)>,
    query: web::Query<ShowQuery>,
    form: SignedForm<AttachForm>,
) -> AppResult<HttpResponse> {
    let listing = query.listing()?;
    let claim = form
        .data
        .claim_id
        .trim()
        .trim_start_matches('#')
        .parse::<ClaimId>()
        .map_err(|_| AppError::invalid("claim_id", "must be a claim number such as 12"))?;
    let to = Triage::AttachTo(claim);
    triage(&req, &state, &form.session, *path, listing, to).await
}

#[derive(Deserialize)]
pub struct AcceptAboveForm {
    min_score: String,
}

/// Accepts every pending check-worthy candidate scoring at least `min_score`.
pub async fn accept_above(
    state: web::Data<AppState>,
    article: web::Path<ArticleId>,
    form: SignedForm<AcceptAboveForm>,
) -> AppResult<HttpResponse> {
    let article = article.into_inner();
    let min_score = crate::domain::parse_score("min_score", &form.data.min_score)?
        .ok_or_else(|| AppError::invalid("min_score", "must be a number from 0 to 1"))?;
    let (pool, member) = (state.pool.clone(), form.session.member());
    let done = blocking(move || desk::accept_above(&mut *pool.get()?, &member, article, min_score))
        .await?;
    Ok(see_other(&format!(
        "/articles/{article}?added={}&attached={}#candidates",
        done.created, done.attached
    )))
}

#[derive(Deserialize)]
pub struct PassageForm {
    quote: String,
}

/// Adds a claim from a passage of the article that the extractor did not offer.
pub async fn add_passage(
    state: web::Data<AppState>,
    article: web::Path<ArticleId>,
    form: SignedForm<PassageForm>,
) -> AppResult<HttpResponse> {
    let article = article.into_inner();
    let (pool, member) = (state.pool.clone(), form.session.member());
    let quote = form.data.quote;
    let claim =
        blocking(move || desk::add_passage(&mut *pool.get()?, &member, article, &quote)).await?;
    Ok(see_other(&format!("/claims/{claim}")))
}

/// The most text fields an upload form may carry, and the size of each: the file aside, it is a
/// small form.
const UPLOAD_FIELD_LIMIT: usize = 4096;

/// Saves an article from an uploaded `.txt`, `.md` or `.html` file (multipart form). The CSRF token,
/// origin and size limits are checked as for any form; the file is held to the article limit.
pub async fn upload(
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    mut payload: actix_multipart::Multipart,
) -> AppResult<HttpResponse> {
    use futures_util::StreamExt;

    super::session::check_origin(&req, &state)?;
    desk::may_add(&session.member())?;
    let mut fields = RawArticle::default();
    let mut csrf = String::new();
    let mut file: Option<(String, Vec<u8>)> = None;
    while let Some(field) = payload.next().await {
        let mut field = field
            .map_err(|e| AppError::BadRequest(format!("the upload could not be read: {e}")))?;
        let name = field.name().unwrap_or("").to_owned();
        let file_name = field
            .content_disposition()
            .and_then(|cd| cd.get_filename())
            .map(str::to_owned);
        let limit = if name == "file" {
            state.settings.article_limit
        } else {
            UPLOAD_FIELD_LIMIT
        };
        let mut bytes = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk
                .map_err(|e| AppError::BadRequest(format!("the upload could not be read: {e}")))?;
            if bytes.len() + chunk.len() > limit {
                return Err(AppError::PayloadTooLarge);
            }
            bytes.extend_from_slice(&chunk);
        }
        if name == "file" {
            file = Some((file_name.unwrap_or_default(), bytes));
            continue;
        }
        let text = String::from_utf8(bytes)
            .map_err(|_| AppError::BadRequest("a form field is not UTF-8".into()))?;
        match name.as_str() {
            "csrf_token" => csrf = text,
            "title" => fields.title = text,
            "url" => fields.url = text,
            "publisher" => fields.publisher = text,
            "author" => fields.author = text,
            "published_on" => fields.published_on = text,
            _ => {}
        }
    }
    if !crate::auth::constant_time_eq(&csrf, &session.info.csrf_token) {
        tracing::warn!(target: "claimdesk::audit", event = "csrf_rejected", reason = "upload", route = %req.path(), "CSRF token refused");
        return Err(AppError::Csrf);
    }
    let (file_name, bytes) =
        file.ok_or_else(|| AppError::Invalid(crate::domain::Invalid::new("file", "is required")))?;
    let text = match crate::domain::text_from_file(&file_name, &bytes) {
        Ok(text) => text,
        Err(invalid) => {
            let page = NewArticlePage::new(&session, fields, FieldErrors::from_invalid(invalid));
            return render_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    if fields.title.trim().is_empty() {
        // No title given: the file's first line, or its name.
        fields.title = crate::domain::title_from_text(&text).unwrap_or(file_name);
    }
    fields.body = text;
    save_draft(&state, session, fields).await
}
