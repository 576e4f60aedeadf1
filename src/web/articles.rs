//! Articles: the list, the new-article form, and the article page where candidates are triaged.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::page::{Chrome, FieldErrors};
use super::session::{Session, SignedForm};
use super::{blocking, render, render_status, see_other, AppState};
use crate::db;
use crate::db::articles::{self, ArticleSummary, Saved};
use crate::db::claims::{self as claim_queries, ClaimInput};
use crate::db::models::{ArticleRow, CandidateRow, ClaimRow, EventRow};
use crate::domain::{ArticleDraft, Qualifier, QuantityEdit, RawArticle, Role, Status};
use crate::error::{AppError, AppResult};

#[derive(Template)]
#[template(path = "articles/index.html")]
struct ArticlesPage {
    chrome: Chrome,
    can_add: bool,
    articles: Vec<ArticleSummary>,
    statuses: [Status; 5],
}

impl ArticlesPage {
    fn count(&self, summary: &ArticleSummary, status: &Status) -> i64 {
        summary
            .claims_by_status
            .iter()
            .find(|(s, _)| s == status.as_str())
            .map_or(0, |(_, n)| *n)
    }
}

pub async fn index(state: web::Data<AppState>, session: Session) -> AppResult<HttpResponse> {
    let pool = state.pool.clone();
    let team_id = session.info.team_id;
    let articles = blocking(move || {
        let mut conn = pool.get()?;
        Ok(articles::list(&mut conn, team_id, 200)?)
    })
    .await?;
    render(&ArticlesPage {
        chrome: Chrome::member("Articles", &session, "articles"),
        can_add: session.info.role.at_least(Role::Reviewer),
        articles,
        statuses: Status::ALL,
    })
}

#[derive(Template)]
#[template(path = "articles/new.html")]
struct NewArticlePage {
    chrome: Chrome,
    csrf_token: String,
    form: RawArticle,
    errors: FieldErrors,
}

pub async fn new(session: Session) -> AppResult<HttpResponse> {
    session.require(Role::Reviewer)?;
    render(&NewArticlePage {
        chrome: Chrome::member("New article", &session, "articles"),
        csrf_token: session.info.csrf_token.clone(),
        form: RawArticle::default(),
        errors: FieldErrors::default(),
    })
}

/// Saves an article and runs the extractor on it. The same body twice finds the existing article.
pub async fn create(
    state: web::Data<AppState>,
    form: SignedForm<RawArticle, true>,
) -> AppResult<HttpResponse> {
    let session = form.session;
    session.require(Role::Reviewer)?;
    save_draft(&state, session, form.data).await
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
            let page = NewArticlePage {
                chrome: Chrome::member("New article", &session, "articles"),
                csrf_token: session.info.csrf_token.clone(),
                form: raw,
                errors: FieldErrors::from_invalid(invalid),
            };
            return render_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    let pool = state.pool.clone();
    let (team_id, actor_id) = (session.info.team_id, session.info.user_id);
    let saved = blocking(move || {
        let mut conn = pool.get()?;
        Ok(articles::ingest(&mut conn, team_id, actor_id, &draft)?)
    })
    .await?;
    match saved {
        Saved::Created(id) => Ok(see_other(&format!("/articles/{id}"))),
        Saved::Existing(id) => Ok(see_other(&format!("/articles/{id}?existing=1"))),
    }
}

/// A run of the body: plain text, or a candidate's marked span.
pub struct Segment {
    pub text: String,
    pub candidate: Option<Mark>,
}

pub struct Mark {
    pub id: i64,
    pub state: String,
    pub title: String,
}

/// Cuts the body into text and marked spans. Overlapping or out-of-range spans are skipped, never
/// trusted: offsets come from the database.
fn segments(body: &str, candidates: &[CandidateRow]) -> Vec<Segment> {
    let mut spans: Vec<&CandidateRow> = candidates
        .iter()
        .filter(|c| c.kind != "superlative" && c.kind != "quote")
        .collect();
    spans.sort_by_key(|c| (c.span_start, c.span_end));
    let mut out = Vec::new();
    let mut at = 0usize;
    for c in spans {
        let (Ok(start), Ok(end)) = (usize::try_from(c.span_start), usize::try_from(c.span_end))
        else {
            continue;
        };
        if start < at
            || end <= start
            || end > body.len()
            || !body.is_char_boundary(start)
            || !body.is_char_boundary(end)
        {
            continue;
        }
        if start > at {
            out.push(Segment {
                text: body[at..start].to_owned(),
                candidate: None,
            });
        }
        out.push(Segment {
            text: body[start..end].to_owned(),
            candidate: Some(Mark {
                id: c.id,
                state: c.state.clone(),
                title: format!(
                    "{} · score {:.2}",
                    quantity_label(c.value.as_deref(), c.unit.as_deref(), &c.qualifier),
                    c.score
                ),
            }),
        });
        at = end;
    }
    if at < body.len() {
        out.push(Segment {
            text: body[at..].to_owned(),
            candidate: None,
        });
    }
    out
}

pub fn quantity_label(value: Option<&str>, unit: Option<&str>, qualifier: &str) -> String {
    let hedge = match qualifier {
        "more_than" => "more than ",
        "less_than" => "less than ",
        "about" => "about ",
        _ => "",
    };
    match (value, unit) {
        (Some(v), Some(u)) => format!("{hedge}{v} {u}"),
        (Some(v), None) => format!("{hedge}{v}"),
        (None, Some(u)) => u.to_owned(),
        (None, None) => "statement".to_owned(),
    }
}

/// A candidate as the triage table shows it, with any claim the team already has for the same
/// quantity.
pub struct CandidateLine {
    pub row: CandidateRow,
    pub quantity: String,
    pub sentence: String,
    pub already: Vec<ClaimRow>,
}

#[derive(Template)]
#[template(path = "articles/show.html")]
struct ArticlePage {
    chrome: Chrome,
    csrf_token: String,
    can_triage: bool,
    article: ArticleRow,
    segments: Vec<Segment>,
    candidates: Vec<CandidateLine>,
    timeline: Vec<(EventRow, Option<String>)>,
    existing: bool,
    /// Claims already made from this article's candidates: targets for merging another candidate.
    article_claims: Vec<(i64, String)>,
    qualifiers: [Qualifier; 5],
}

#[derive(Deserialize)]
pub struct ShowQuery {
    existing: Option<String>,
}

pub async fn show(
    state: web::Data<AppState>,
    session: Session,
    article_id: web::Path<i64>,
    query: web::Query<ShowQuery>,
) -> AppResult<HttpResponse> {
    let pool = state.pool.clone();
    let (team_id, article_id) = (session.info.team_id, article_id.into_inner());
    let (article, candidates, timeline) = blocking(move || {
        let mut conn = pool.get()?;
        let article = articles::get(&mut conn, team_id, article_id)?.ok_or(AppError::NotFound)?;
        let rows = articles::candidates_of(&mut conn, article_id)?;
        let mut lines = Vec::with_capacity(rows.len());
        for row in rows {
            let already = match (&row.value, &row.unit, row.state.as_str()) {
                (Some(value), Some(unit), "pending") => {
                    claim_queries::with_quantity(&mut conn, team_id, value, unit, 3)?
                }
                _ => Vec::new(),
            };
            let sentence = article
                .body
                .get(row.sentence_start as usize..row.sentence_end as usize)
                .unwrap_or("")
                .to_owned();
            lines.push(CandidateLine {
                quantity: quantity_label(row.value.as_deref(), row.unit.as_deref(), &row.qualifier),
                sentence,
                already,
                row,
            });
        }
        let timeline = articles::timeline(&mut conn, team_id, article_id, 50)?;
        Ok((article, lines, timeline))
    })
    .await?;
    let rows: Vec<CandidateRow> = candidates.iter().map(|c| c.row.clone()).collect();
    let mut article_claims: Vec<(i64, String)> = rows
        .iter()
        .filter(|c| c.state == "accepted")
        .filter_map(|c| c.claim_id.map(|id| (id, c.surface.clone())))
        .collect();
    article_claims.dedup_by_key(|(id, _)| *id);
    render(&ArticlePage {
        chrome: Chrome::member(&article.title, &session, "articles"),
        csrf_token: session.info.csrf_token.clone(),
        can_triage: session.info.role.at_least(Role::Reviewer),
        segments: segments(&article.body, &rows),
        article,
        candidates,
        timeline,
        existing: query.existing.is_some(),
        article_claims,
        qualifiers: Qualifier::ALL,
    })
}

/// Turns a pending candidate into a claim inside the caller's transaction; returns the claim id.
fn accept_candidate(
    conn: &mut db::DbConn,
    team_id: i64,
    actor_id: i64,
    article: &ArticleRow,
    candidate: &CandidateRow,
    edit: &QuantityEdit,
) -> AppResult<i64> {
    let sentence_start = usize::try_from(candidate.sentence_start).unwrap_or(0);
    let sentence_end = usize::try_from(candidate.sentence_end).unwrap_or(0);
    let sentence = article
        .body
        .get(sentence_start..sentence_end)
        .unwrap_or(&candidate.surface)
        .trim();
    let span = (
        candidate.span_start - candidate.sentence_start,
        candidate.span_end - candidate.sentence_start,
    );
    let input = ClaimInput {
        article_id: Some(article.id),
        statement: sentence,
        context: article
            .body
            .get(sentence_start..sentence_end)
            .unwrap_or(sentence),
        span: Some(span),
        surface: Some(&candidate.surface),
        value: edit.value.as_deref().or(candidate.value.as_deref()),
        value_high: candidate.value_high.as_deref(),
        unit: edit.unit.as_deref().or(candidate.unit.as_deref()),
        qualifier: Some(
            edit.qualifier
                .map_or(candidate.qualifier.as_str(), |q| q.as_str()),
        ),
        subject: edit.subject.as_deref().or(candidate.subject.as_deref()),
        speaker: edit.speaker.as_deref().or(candidate.speaker.as_deref()),
        score: candidate.score,
    };
    let claim_id = claim_queries::insert(
        conn,
        team_id,
        actor_id,
        &input,
        &format!("accepted from article #{}", article.id),
    )?;
    if !articles::settle_candidate(conn, candidate.id, "accepted", Some(claim_id))? {
        return Err(AppError::Conflict(
            "This candidate was already triaged by someone else.".into(),
        ));
    }
    Ok(claim_id)
}

async fn triage(
    state: &web::Data<AppState>,
    session: &Session,
    article_id: i64,
    candidate_id: i64,
    action: Triage,
) -> AppResult<HttpResponse> {
    session.require(Role::Reviewer)?;
    let pool = state.pool.clone();
    let (team_id, actor_id) = (session.info.team_id, session.info.user_id);
    blocking(move || {
        let mut conn = pool.get()?;
        db::write(&mut conn, |conn| {
            let article = articles::get(conn, team_id, article_id)?.ok_or(AppError::NotFound)?;
            let candidate = articles::candidate(conn, team_id, article_id, candidate_id)?
                .ok_or(AppError::NotFound)?;
            if candidate.state != "pending" {
                return Err(AppError::Conflict(format!(
                    "This candidate is already {}.",
                    candidate.state
                )));
            }
            match action {
                Triage::Accept(edit) => {
                    accept_candidate(conn, team_id, actor_id, &article, &candidate, &edit)?;
                }
                Triage::Reject => {
                    articles::settle_candidate(conn, candidate.id, "rejected", None)?;
                    crate::db::events::record(
                        conn,
                        crate::db::events::Change {
                            team_id: Some(team_id),
                            actor_id: Some(actor_id),
                            entity: "article",
                            entity_id: article.id,
                            action: "candidate_rejected",
                            before: None,
                            after: Some(&candidate.surface),
                        },
                    )?;
                }
                Triage::AttachTo(claim_id) => {
                    let claim =
                        claim_queries::get(conn, team_id, claim_id)?.ok_or(AppError::NotFound)?;
                    articles::settle_candidate(conn, candidate.id, "merged", Some(claim.id))?;
                    claim_queries::record(
                        conn,
                        team_id,
                        actor_id,
                        claim.id,
                        "candidate_attached",
                        None,
                        Some(&format!(
                            "\"{}\" in article #{}",
                            candidate.surface, article.id
                        )),
                    )?;
                }
            }
            Ok(())
        })
    })
    .await?;
    Ok(see_other(&format!("/articles/{article_id}#candidates")))
}

enum Triage {
    Accept(QuantityEdit),
    Reject,
    AttachTo(i64),
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
}

/// Accepts a candidate as a claim, with the reviewer's corrections when the form carries any.
pub async fn accept(
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    form: SignedForm<AcceptForm>,
) -> AppResult<HttpResponse> {
    let (article_id, candidate_id) = path.into_inner();
    let f = &form.data;
    let edit = QuantityEdit::parse(&f.value, &f.unit, &f.qualifier, &f.subject, &f.speaker)?;
    triage(
        &state,
        &form.session,
        article_id,
        candidate_id,
        Triage::Accept(edit),
    )
    .await
}

pub async fn reject(
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    form: SignedForm<NoFields>,
) -> AppResult<HttpResponse> {
    let (article_id, candidate_id) = path.into_inner();
    triage(
        &state,
        &form.session,
        article_id,
        candidate_id,
        Triage::Reject,
    )
    .await
}

#[derive(Deserialize)]
pub struct AttachForm {
    claim_id: i64,
}

pub async fn attach(
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    form: SignedForm<AttachForm>,
) -> AppResult<HttpResponse> {
    let (article_id, candidate_id) = path.into_inner();
    triage(
        &state,
        &form.session,
        article_id,
        candidate_id,
        Triage::AttachTo(form.data.claim_id),
    )
    .await
}

#[derive(Deserialize)]
pub struct AcceptAboveForm {
    min_score: String,
}

/// Accepts every pending check-worthy candidate scoring at least `min_score`.
pub async fn accept_above(
    state: web::Data<AppState>,
    article_id: web::Path<i64>,
    form: SignedForm<AcceptAboveForm>,
) -> AppResult<HttpResponse> {
    let session = form.session;
    session.require(Role::Reviewer)?;
    let min_score: f64 = form
        .data
        .min_score
        .trim()
        .parse()
        .ok()
        .filter(|s: &f64| (0.0..=1.0).contains(s))
        .ok_or_else(|| {
            AppError::Invalid(crate::domain::Invalid::new(
                "min_score",
                "must be a number from 0 to 1",
            ))
        })?;
    let pool = state.pool.clone();
    let (team_id, actor_id, article_id) = (
        session.info.team_id,
        session.info.user_id,
        article_id.into_inner(),
    );
    blocking(move || {
        let mut conn = pool.get()?;
        db::write(&mut conn, |conn| {
            let article = articles::get(conn, team_id, article_id)?.ok_or(AppError::NotFound)?;
            for candidate in articles::candidates_of(conn, article_id)? {
                if candidate.state == "pending"
                    && candidate.score >= min_score
                    && candidate.value.is_some()
                {
                    accept_candidate(
                        conn,
                        team_id,
                        actor_id,
                        &article,
                        &candidate,
                        &QuantityEdit::default(),
                    )?;
                }
            }
            Ok(())
        })
    })
    .await?;
    Ok(see_other(&format!("/articles/{article_id}#candidates")))
}

#[derive(Deserialize)]
pub struct PassageForm {
    quote: String,
}

/// Adds a claim from a passage of the article that the extractor did not offer.
pub async fn add_passage(
    state: web::Data<AppState>,
    article_id: web::Path<i64>,
    form: SignedForm<PassageForm>,
) -> AppResult<HttpResponse> {
    let session = form.session;
    session.require(Role::Reviewer)?;
    let quote = crate::domain::normalize_body(&form.data.quote);
    if quote.is_empty() || quote.chars().count() > 2000 {
        return Err(AppError::Invalid(crate::domain::Invalid::new(
            "quote",
            "must be 1 to 2000 characters of the article",
        )));
    }
    let pool = state.pool.clone();
    let (team_id, actor_id, article_id) = (
        session.info.team_id,
        session.info.user_id,
        article_id.into_inner(),
    );
    let claim_id = blocking(move || {
        let mut conn = pool.get()?;
        db::write(&mut conn, |conn| {
            let article = articles::get(conn, team_id, article_id)?.ok_or(AppError::NotFound)?;
            if !article.body.contains(&quote) {
                return Err(AppError::Invalid(crate::domain::Invalid::new(
                    "quote",
                    "must be copied exactly from the article",
                )));
            }
            // The passage's own first numeric mention gives the claim its quantity, when it has one.
            let found = crate::extract::extract(&quote);
            let quantity = found
                .iter()
                .filter(|c| c.value.is_some())
                .max_by(|a, b| a.score.total_cmp(&b.score));
            let value = quantity
                .and_then(|c| c.value.as_ref())
                .map(|v| v.to_string());
            let value_high = quantity
                .and_then(|c| c.value_high.as_ref())
                .map(|v| v.to_string());
            let input = ClaimInput {
                article_id: Some(article.id),
                statement: &quote,
                context: &quote,
                span: quantity.map(|c| (c.start as i64, c.end as i64)),
                surface: quantity.map(|c| c.surface.as_str()),
                value: value.as_deref(),
                value_high: value_high.as_deref(),
                unit: quantity.and_then(|c| c.unit.as_deref()),
                qualifier: quantity.map(|c| c.approx.as_str()),
                subject: quantity.and_then(|c| c.subject.as_deref()),
                speaker: quantity.and_then(|c| c.speaker.as_deref()),
                score: quantity.map_or(0.5, |c| c.score),
            };
            Ok(claim_queries::insert(
                conn,
                team_id,
                actor_id,
                &input,
                &format!("passage of article #{}", article.id),
            )?)
        })
    })
    .await?;
    Ok(see_other(&format!("/claims/{claim_id}")))
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
    session.require(Role::Reviewer)?;
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
            let page = NewArticlePage {
                chrome: Chrome::member("New article", &session, "articles"),
                csrf_token: session.info.csrf_token.clone(),
                form: fields,
                errors: FieldErrors::from_invalid(invalid),
            };
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
