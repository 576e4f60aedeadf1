//! The claim queue and the claim page with its actions. Every change to the claim row carries the
//! version the member saw; a stale one gets the 409 page, never a silent overwrite.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::page::Chrome;
use super::session::{Session, SignedForm};
use super::{blocking, render, render_status, see_other, AppState};
use crate::db::claims::{
    self as queries, AssigneeFilter, ClaimChanges, Cursor, QueueFilter, QueueRow, Sort,
};
use crate::db::models::{CitationRow, ClaimRow, CommentRow, EventRow, VerdictRow};
use crate::db::{self, reviews, users, verdicts};
use crate::domain::{Actor, CitationDraft, Invalid, Role, Stance, Status, Transition};
use crate::error::{AppError, AppResult};

const PAGE_SIZE: i64 = 50;

/// The queue's query string, as sent. Every field is optional; all are kept in links.
#[derive(Debug, Default, Deserialize, Clone)]
pub struct QueueQuery {
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub verdict: String,
    #[serde(default)]
    pub assignee: String,
    #[serde(default)]
    pub article: String,
    #[serde(default)]
    pub tag: String,
    #[serde(default)]
    pub min_score: String,
    #[serde(default)]
    pub max_score: String,
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub sort: String,
    #[serde(default)]
    pub after: String,
}

impl QueueQuery {
    /// The query string without the cursor, plus `extra` pairs: for links that keep the filters.
    pub fn link(&self, extra: &[(&str, &str)]) -> String {
        let mut pairs = url::form_urlencoded::Serializer::new(String::new());
        for (name, value) in [
            ("status", &self.status),
            ("verdict", &self.verdict),
            ("assignee", &self.assignee),
            ("article", &self.article),
            ("tag", &self.tag),
            ("min_score", &self.min_score),
            ("max_score", &self.max_score),
            ("q", &self.q),
            ("sort", &self.sort),
        ] {
            let overridden = extra.iter().any(|(n, _)| *n == name);
            if !value.is_empty() && !overridden {
                pairs.append_pair(name, value);
            }
        }
        for (name, value) in extra {
            if !value.is_empty() {
                pairs.append_pair(name, value);
            }
        }
        format!("/claims?{}", pairs.finish())
    }

    /// The filters as a query string to append to a claim's address (`?status=…`), so the claim
    /// page's previous/next links walk the same selection; empty for the default queue.
    pub fn claim_suffix(&self) -> String {
        let link = self.link(&[]);
        match link.strip_prefix("/claims?") {
            Some("") | None => String::new(),
            Some(pairs) => format!("?{pairs}"),
        }
    }

    /// The CSV export of the same selection.
    pub fn export_link(&self) -> String {
        self.link(&[])
            .replacen("/claims?", "/export/claims.csv?", 1)
    }
}

fn bad(field: &'static str, message: &str) -> AppError {
    AppError::Invalid(Invalid::new(field, message))
}

fn parse_score(field: &'static str, raw: &str) -> AppResult<Option<f64>> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    raw.trim()
        .parse::<f64>()
        .ok()
        .filter(|s| (0.0..=1.0).contains(s))
        .map(Some)
        .ok_or_else(|| bad(field, "must be a number from 0 to 1"))
}

fn parse_cursor(sort: Sort, raw: &str) -> AppResult<Option<Cursor>> {
    if raw.is_empty() {
        return Ok(None);
    }
    let invalid = || bad("after", "is not a page cursor of this sort");
    let (head, id) = raw.rsplit_once('_').ok_or_else(invalid)?;
    let id: i64 = id.parse().map_err(|_| invalid())?;
    Ok(Some(match sort {
        // Scores are finite; NaN would compare false everywhere and page differently per backend.
        Sort::Score => Cursor::Score(
            head.parse::<f64>()
                .ok()
                .filter(|score| score.is_finite())
                .ok_or_else(invalid)?,
            id,
        ),
        Sort::Newest | Sort::Oldest => Cursor::Id(id),
        Sort::Updated => Cursor::Updated(
            chrono::NaiveDateTime::parse_from_str(head, "%Y%m%dT%H%M%S%.f")
                .map_err(|_| invalid())?,
            id,
        ),
    }))
}

pub fn cursor_text(cursor: &Cursor) -> String {
    match cursor {
        Cursor::Score(score, id) => format!("{score}_{id}"),
        Cursor::Id(id) => format!("0_{id}"),
        Cursor::Updated(at, id) => format!("{}_{id}", at.format("%Y%m%dT%H%M%S%.6f")),
    }
}

/// Plain words for full-text search: letters and digits only, so no query syntax reaches the index.
fn search_words(q: &str) -> Vec<String> {
    q.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(12)
        .map(|w| w.to_lowercase())
        .collect()
}

/// Parses the query string into a filter, resolving "me" and the verdict key. 400 on values outside
/// their sets.
/// The queue's query string as validated filters; `me` is the signed-in member's id.
pub fn parse_filter(query: &QueueQuery, me: i64, scale: &[VerdictRow]) -> AppResult<QueueFilter> {
    let status = match query.status.as_str() {
        "" => None,
        raw => Some(raw.parse::<Status>()?.as_str().to_owned()),
    };
    let verdict_id = match query.verdict.as_str() {
        "" => None,
        key => Some(
            scale
                .iter()
                .find(|v| v.key == key)
                .map(|v| v.id)
                .ok_or_else(|| bad("verdict", "is not a verdict of this team's scale"))?,
        ),
    };
    let assignee = match query.assignee.as_str() {
        "" | "anyone" => AssigneeFilter::Anyone,
        "nobody" => AssigneeFilter::Nobody,
        "me" => AssigneeFilter::Member(me),
        id => AssigneeFilter::Member(
            id.parse()
                .map_err(|_| bad("assignee", "must be me, nobody or a member id"))?,
        ),
    };
    let article_id = match query.article.as_str() {
        "" => None,
        id => Some(
            id.parse()
                .map_err(|_| bad("article", "must be an article id"))?,
        ),
    };
    let sort = match query.sort.as_str() {
        "" | "score" => Sort::Score,
        "newest" => Sort::Newest,
        "oldest" => Sort::Oldest,
        "updated" => Sort::Updated,
        _ => return Err(bad("sort", "must be score, newest, oldest or updated")),
    };
    let tag = match query.tag.trim() {
        "" => None,
        tag => Some(parse_tag(tag)?),
    };
    Ok(QueueFilter {
        status,
        verdict_id,
        assignee,
        article_id,
        tag,
        min_score: parse_score("min_score", &query.min_score)?,
        max_score: parse_score("max_score", &query.max_score)?,
        words: search_words(&query.q),
        sort,
        after: parse_cursor(sort, &query.after)?,
    })
}

pub fn parse_tag(raw: &str) -> AppResult<String> {
    let tag = raw.trim().to_lowercase();
    if tag.is_empty()
        || tag.chars().count() > 40
        || !tag
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' '))
    {
        return Err(bad(
            "tag",
            "must be 1 to 40 letters, digits, spaces, - or _",
        ));
    }
    Ok(tag)
}

#[derive(Template)]
#[template(path = "claims/queue.html")]
struct QueuePage {
    chrome: Chrome,
    query: QueueQuery,
    rows: Vec<QueueRow>,
    /// Claims per status; `None` for a text search too common to count.
    counts: Option<Vec<(&'static str, i64)>>,
    total: Option<i64>,
    next_link: Option<String>,
    scale: Vec<VerdictRow>,
    statuses: [Status; 5],
    csrf_token: String,
    views: Vec<(i64, String, String)>,
    current: String,
    can_bulk: bool,
    search_count_cap: i64,
    /// Appended to each claim's link so its page walks this same selection.
    claim_suffix: String,
}

impl QueuePage {
    fn status_label(&self, status: &str) -> &'static str {
        status.parse::<Status>().map_or("Unknown", Status::label)
    }

    fn count_of(&self, status: &str) -> Option<i64> {
        let counts = self.counts.as_ref()?;
        counts.iter().find(|(s, _)| *s == status).map(|(_, n)| *n)
    }
}

pub async fn queue(
    state: web::Data<AppState>,
    session: Session,
    query: web::Query<QueueQuery>,
) -> AppResult<HttpResponse> {
    let query = query.into_inner();
    let pool = state.pool.clone();
    let team_id = session.info.team_id;
    let user_id = session.info.user_id;
    // One trip to the blocking pool for the whole page: the filter needs the team's scale first.
    let raw = query.clone();
    let (rows, next, counts, views, scale) = blocking(move || {
        let mut conn = pool.get()?;
        let scale = verdicts::scale(&mut conn, team_id)?;
        let filter = parse_filter(&raw, user_id, &scale)?;
        let queries::QueuePage { rows, next, counts } =
            queries::queue_page(&mut conn, team_id, &filter, PAGE_SIZE)?;
        let views = queries::saved_views(&mut conn, team_id, user_id)?;
        Ok((rows, next, counts, views, scale))
    })
    .await?;
    let next_link = next.map(|cursor| query.link(&[("after", &cursor_text(&cursor))]));
    let total = counts
        .as_ref()
        .map(|counts| counts.iter().map(|(_, n)| n).sum());
    render(&QueuePage {
        chrome: Chrome::member("Claims", &session, "claims"),
        rows,
        counts,
        total,
        next_link,
        scale,
        statuses: Status::ALL,
        csrf_token: session.info.csrf_token.clone(),
        views,
        current: query.link(&[]),
        can_bulk: session.info.role.at_least(Role::Reviewer),
        search_count_cap: queries::SEARCH_COUNT_CAP,
        claim_suffix: query.claim_suffix(),
        query,
    })
}

// ---- the claim page ----

pub struct HistoryLine {
    pub at: String,
    pub who: String,
    pub action: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

fn history_lines(rows: Vec<(EventRow, Option<String>)>) -> Vec<HistoryLine> {
    rows.into_iter()
        .map(|(event, who)| HistoryLine {
            at: event.created_at.format("%Y-%m-%d %H:%M UTC").to_string(),
            who: who.unwrap_or_else(|| "system".into()),
            action: event.action.replace('_', " "),
            before: event.before_value,
            after: event.after_value,
        })
        .collect()
}

/// What the claim page shows, loaded in one trip to the blocking pool.
pub struct ClaimView {
    pub claim: ClaimRow,
    pub status: Status,
    pub verdict: Option<VerdictRow>,
    pub scale: Vec<VerdictRow>,
    pub assignee: Option<String>,
    pub proposer: Option<String>,
    pub approver: Option<String>,
    pub article_title: Option<String>,
    pub citations: Vec<CitationRow>,
    pub comments: Vec<(CommentRow, String)>,
    /// Comments before the ones shown (0 when all are).
    pub earlier_comments: i64,
    pub tags: Vec<String>,
    pub history: Vec<HistoryLine>,
    /// History lines before the ones shown (0 when all are).
    pub earlier_history: i64,
    pub members: Vec<(i64, String)>,
    /// The context split around the quantity: before, the quantity, after.
    pub context_parts: (String, String, String),
    /// The team reviews blind: a second reviewer records a verdict before approval.
    pub blind_review: bool,
    /// The current round's reviews (the proposer's and any second review).
    pub round_reviews: Vec<crate::db::reviews::ReviewLine>,
    pub hints: Hints,
}

/// Consistency hints read from the claim's own sentence.
#[derive(Default)]
pub struct Hints {
    /// "$50 million (approximately 62.3 billion won)": the other amount and the rate it implies.
    pub conversion: Option<String>,
    /// "doubled the reward to $50 million": the earlier value it implies, as (value, description).
    pub derived: Option<(String, String)>,
}

/// Reads the hints from the context sentence: the extractor runs on it again (it is pure and fast),
/// so hints need no stored state and stay right when the extractor improves.
fn hints_for(claim: &ClaimRow) -> Hints {
    use rust_decimal::Decimal;
    let (Some(start), Some(end)) = (claim.span_start, claim.span_end) else {
        return Hints::default();
    };
    let found = crate::extract::extract(&claim.context);
    let Some(index) = found
        .iter()
        .position(|c| c.start as i64 == start && c.end as i64 == end)
    else {
        return Hints::default();
    };
    let this = &found[index];
    let mut hints = Hints::default();
    // The restating mention carries the rate: units of the restatement per unit of the original.
    let pair = match this.conversion_of.and_then(|other| found.get(other)) {
        Some(original) => Some((original, this)),
        None => found
            .iter()
            .find(|c| c.conversion_of == Some(index))
            .map(|c| (this, c)),
    };
    if let Some((original, restated)) = pair {
        if let Some(rate) = restated.implied_rate {
            let other = if std::ptr::eq(original, this) {
                restated
            } else {
                original
            };
            hints.conversion = Some(format!(
                "Restated as {} in the same sentence: an implied rate of {} {} per {}.",
                other.surface,
                rate.normalize(),
                restated.unit.as_deref().unwrap_or("units"),
                original.unit.as_deref().unwrap_or("unit"),
            ));
        }
    }
    let ratio = found
        .iter()
        .find(|c| c.unit.as_deref() == Some("ratio") && c.start != this.start)
        .and_then(|c| {
            c.value
                .as_ref()
                .and_then(|v| v.as_decimal())
                .map(|r| (c, r))
        });
    let value = this.value.as_ref().and_then(|v| v.as_decimal());
    let countable = this.unit.as_deref().is_some_and(|u| {
        u == "person" || u == "count" || (u.len() == 3 && u.chars().all(|c| c.is_ascii_uppercase()))
    });
    if let (Some((ratio, factor)), Some(value), true) = (ratio, value, countable) {
        if factor > Decimal::ZERO && factor != Decimal::ONE {
            if let Some(earlier) = value.checked_div(factor) {
                let earlier = earlier.round_dp(6).normalize();
                hints.derived = Some((
                    earlier.to_string(),
                    format!(
                        "\"{}\" implies an earlier value of {} {} before the change to {}.",
                        ratio.surface,
                        earlier,
                        this.unit.as_deref().unwrap_or(""),
                        this.surface
                    ),
                ));
            }
        }
    }
    hints
}

fn split_context(claim: &ClaimRow) -> (String, String, String) {
    let context = &claim.context;
    if let (Some(start), Some(end)) = (claim.span_start, claim.span_end) {
        if let (Ok(start), Ok(end)) = (usize::try_from(start), usize::try_from(end)) {
            if start < end
                && end <= context.len()
                && context.is_char_boundary(start)
                && context.is_char_boundary(end)
            {
                return (
                    context[..start].to_owned(),
                    context[start..end].to_owned(),
                    context[end..].to_owned(),
                );
            }
        }
    }
    (context.clone(), String::new(), String::new())
}

/// How much of a claim's comments and history the claim page shows unless asked for all of it: a
/// claim discussed for months stays a page that loads in milliseconds.
pub const LATEST_COMMENTS: i64 = 100;
pub const LATEST_HISTORY: i64 = 200;

/// Loads everything the claim page (or the API's claim) shows. `whole` takes every comment and
/// history line; otherwise the latest `LATEST_COMMENTS` and `LATEST_HISTORY`.
pub(crate) fn load_view(
    conn: &mut db::DbConn,
    team_id: i64,
    claim_id: i64,
    whole: bool,
) -> AppResult<ClaimView> {
    let claim = queries::get(conn, team_id, claim_id)?.ok_or(AppError::NotFound)?;
    let scale = verdicts::scale(conn, team_id)?;
    // One query for both: names for the claim's people, and who may be assigned.
    let everyone = users::members_of_team(conn, team_id)?;
    let members: Vec<(i64, String)> = everyone
        .iter()
        .filter(|m| m.active && m.role.at_least(Role::Reviewer))
        .map(|m| (m.user_id, m.name.clone()))
        .collect();
    let name_of = |id: Option<i64>| {
        id.and_then(|id| {
            everyone
                .iter()
                .find(|m| m.user_id == id)
                .map(|m| m.name.clone())
        })
    };
    let article_title = match claim.article_id {
        Some(id) => crate::db::articles::get(conn, team_id, id)?.map(|a| a.title),
        None => None,
    };
    let blind_review = users::find_team(conn, team_id)?.is_some_and(|t| t.blind_review);
    let round = reviews::current_round(conn, claim_id)?;
    let round_reviews = if round > 0 {
        reviews::of_round(conn, claim_id, round)?
    } else {
        Vec::new()
    };
    let hints = hints_for(&claim);
    let (comments, earlier_comments) =
        queries::comments_of(conn, claim_id, (!whole).then_some(LATEST_COMMENTS))?;
    let (history, earlier_history) =
        queries::history_of(conn, team_id, claim_id, (!whole).then_some(LATEST_HISTORY))?;
    Ok(ClaimView {
        hints,
        blind_review,
        round_reviews,
        status: claim.status.parse()?,
        verdict: claim
            .verdict_id
            .and_then(|id| scale.iter().find(|v| v.id == id).cloned()),
        assignee: name_of(claim.assignee_id),
        proposer: name_of(claim.proposed_by),
        approver: name_of(claim.approved_by),
        article_title,
        citations: queries::citations_of(conn, claim_id)?,
        comments,
        earlier_comments,
        tags: queries::tags_of(conn, claim_id)?,
        history: history_lines(history),
        earlier_history,
        context_parts: split_context(&claim),
        members,
        scale,
        claim,
    })
}

#[derive(Template)]
#[template(path = "claims/show.html")]
struct ClaimPage {
    chrome: Chrome,
    csrf_token: String,
    view: ClaimView,
    /// The claims before and after this one in the queue's default order, for `rel="prev"` and
    /// `rel="next"` links (and the p / n shortcuts).
    prev_id: Option<i64>,
    next_id: Option<i64>,
    /// The queue filters the member came with (`?status=…`, or empty), kept on prev/next links.
    within: String,
    /// This claim's address with every comment and history line.
    whole_link: String,
    me: i64,
    role: Role,
    stances: [Stance; 3],
}

impl ClaimPage {
    fn is_assignee(&self, user_id: &i64) -> bool {
        self.view.claim.assignee_id == Some(*user_id)
    }

    fn is_verdict(&self, verdict_id: &i64) -> bool {
        self.view.claim.verdict_id == Some(*verdict_id)
    }

    fn can(&self, edge: Transition) -> bool {
        let actor = Actor {
            role: self.role,
            is_proposer: self.view.claim.proposed_by == Some(self.me),
        };
        edge.apply(self.view.status, actor).is_ok()
    }

    /// Whether this member already gave the blind second review of the current round.
    fn gave_second_review(&self) -> bool {
        self.view
            .round_reviews
            .iter()
            .any(|(r, _, _)| r.blind && r.reviewer_id == self.me)
    }

    fn has_second_review(&self) -> bool {
        self.view.round_reviews.iter().any(|(r, _, _)| r.blind)
    }

    /// In a blind team, the proposed verdict stays hidden from other members while it awaits its
    /// second review, so the second reviewer judges independently.
    fn verdict_hidden(&self) -> bool {
        self.view.blind_review
            && self.view.status == Status::AwaitingApproval
            && self.view.claim.proposed_by != Some(self.me)
            && !self.has_second_review()
    }

    /// Whether this member may record the blind second review now.
    fn can_second_review(&self) -> bool {
        self.verdict_hidden() && self.role.at_least(Role::Reviewer) && !self.gave_second_review()
    }

    fn is_reviewer(&self) -> bool {
        self.role.at_least(Role::Reviewer)
    }

    fn is_editor(&self) -> bool {
        self.role.at_least(Role::Editor)
    }
}

async fn claim_page(
    state: &web::Data<AppState>,
    session: &Session,
    claim_id: i64,
    within: QueueQuery,
    whole: bool,
) -> AppResult<ClaimPage> {
    let pool = state.pool.clone();
    let team_id = session.info.team_id;
    let me = session.info.user_id;
    let suffix = within.claim_suffix();
    let (view, (prev_id, next_id)) = blocking(move || {
        let mut conn = pool.get()?;
        let view = load_view(&mut conn, team_id, claim_id, whole)?;
        // Previous and next within the queue the member came from (its filters ride along in the
        // claim's address); the scale is already loaded for the page.
        let mut filter = parse_filter(&within, me, &view.scale)?;
        filter.after = None;
        let neighbours = queries::neighbours(&mut conn, team_id, &filter, &view.claim)?;
        Ok((view, neighbours))
    })
    .await?;
    Ok(ClaimPage {
        chrome: Chrome::member(&format!("Claim #{claim_id}"), session, "claims"),
        csrf_token: session.info.csrf_token.clone(),
        view,
        prev_id,
        next_id,
        whole_link: if suffix.is_empty() {
            format!("/claims/{claim_id}?all=1")
        } else {
            format!("/claims/{claim_id}{suffix}&all=1")
        },
        within: suffix,
        me: session.info.user_id,
        role: session.info.role,
        stances: Stance::ALL,
    })
}

/// `?all=1` on a claim's address shows every comment and history line.
#[derive(Deserialize)]
pub struct WholeQuery {
    #[serde(default)]
    all: String,
}

pub async fn show(
    state: web::Data<AppState>,
    session: Session,
    claim_id: web::Path<i64>,
    within: web::Query<QueueQuery>,
    whole: web::Query<WholeQuery>,
) -> AppResult<HttpResponse> {
    let whole = match whole.all.as_str() {
        "" | "0" => false,
        "1" => true,
        _ => return Err(bad("all", "must be 1 to show everything")),
    };
    let id = claim_id.into_inner();
    render(&claim_page(&state, &session, id, within.into_inner(), whole).await?)
}

/// The 409 page: what changed since the member loaded the claim, and what they typed, kept.
#[derive(Template)]
#[template(path = "claims/conflict.html")]
struct ConflictPage {
    chrome: Chrome,
    claim_id: i64,
    changes: Vec<HistoryLine>,
    typed: Vec<(String, String)>,
}

/// What a versioned write returns: done, or the claim moved on meanwhile.
enum Versioned {
    Done,
    Stale { changes: Vec<HistoryLine> },
}

fn conflict_response(
    session: &Session,
    claim_id: i64,
    changes: Vec<HistoryLine>,
    typed: Vec<(String, String)>,
) -> AppResult<HttpResponse> {
    render_status(
        StatusCode::CONFLICT,
        &ConflictPage {
            chrome: Chrome::member("Someone else changed this claim", session, "claims"),
            claim_id,
            changes,
            typed,
        },
    )
}

/// Runs `change` in one write transaction: loads the claim (404 if not the team's), lets `change`
/// decide what to update, applies it only at `version`, and records the event. A stale version
/// returns what changed since.
async fn versioned_change<F>(
    state: &web::Data<AppState>,
    session: &Session,
    claim_id: i64,
    version: i64,
    change: F,
) -> AppResult<Versioned>
where
    F: FnOnce(
            &mut db::DbConn,
            &ClaimRow,
        ) -> AppResult<(ClaimChanges, String, Option<String>, Option<String>)>
        + Send
        + 'static,
{
    let pool = state.pool.clone();
    let (team_id, actor_id) = (session.info.team_id, session.info.user_id);
    blocking(move || {
        let mut conn = pool.get()?;
        db::write(&mut conn, |conn| {
            let claim = queries::get(conn, team_id, claim_id)?.ok_or(AppError::NotFound)?;
            if claim.version != version {
                let changes = history_lines(queries::changes_since(
                    conn,
                    team_id,
                    claim_id,
                    version,
                    claim.version,
                )?);
                return Ok(Versioned::Stale { changes });
            }
            let (changes, action, before, after) = change(conn, &claim)?;
            if !queries::update_versioned(conn, team_id, claim_id, version, changes)? {
                let current = queries::get(conn, team_id, claim_id)?.ok_or(AppError::NotFound)?;
                let changes = history_lines(queries::changes_since(
                    conn,
                    team_id,
                    claim_id,
                    version,
                    current.version,
                )?);
                return Ok(Versioned::Stale { changes });
            }
            queries::record(
                conn,
                team_id,
                actor_id,
                claim_id,
                &action,
                before.as_deref(),
                after.as_deref(),
            )?;
            Ok(Versioned::Done)
        })
    })
    .await
}

fn parse_version(raw: &str) -> AppResult<i64> {
    raw.trim()
        .parse()
        .map_err(|_| bad("version", "is missing: reload the claim and try again"))
}

#[derive(Deserialize)]
pub struct AssignForm {
    version: String,
    assignee: String,
}

pub async fn assign(
    state: web::Data<AppState>,
    claim_id: web::Path<i64>,
    form: SignedForm<AssignForm>,
) -> AppResult<HttpResponse> {
    let session = form.session;
    session.require(Role::Reviewer)?;
    let claim_id = claim_id.into_inner();
    let version = parse_version(&form.data.version)?;
    let me = session.info.user_id;
    let target = match form.data.assignee.as_str() {
        "me" => Some(me),
        "nobody" | "" => None,
        id => Some(
            id.parse::<i64>()
                .map_err(|_| bad("assignee", "must be me, nobody or a member id"))?,
        ),
    };
    // Reviewers take or drop claims for themselves; assigning someone else is an editor's call.
    if target.is_some_and(|t| t != me) {
        session.require(Role::Editor)?;
    }
    let role = session.info.role;
    let team_id = session.info.team_id;
    let result = versioned_change(&state, &session, claim_id, version, move |conn, claim| {
        if target.is_none()
            && claim.assignee_id.is_some_and(|a| a != me)
            && !role.at_least(Role::Editor)
        {
            return Err(AppError::Forbidden(
                "Only an editor can unassign someone else.".into(),
            ));
        }
        let name = match target {
            Some(id) => {
                let member = users::member_of_team(conn, team_id, id)?
                    .filter(|m| m.active && m.role.at_least(Role::Reviewer));
                Some(
                    member
                        .ok_or_else(|| {
                            bad(
                                "assignee",
                                "must be an active reviewer, editor or admin of this team",
                            )
                        })?
                        .name,
                )
            }
            None => None,
        };
        let changes = ClaimChanges {
            assignee_id: Some(target),
            ..ClaimChanges::default()
        };
        Ok((
            changes,
            "assigned".into(),
            None,
            Some(name.unwrap_or_else(|| "nobody".into())),
        ))
    })
    .await?;
    finish(
        &session,
        claim_id,
        result,
        vec![("assignee".into(), form.data.assignee)],
    )
}

fn finish(
    session: &Session,
    claim_id: i64,
    result: Versioned,
    typed: Vec<(String, String)>,
) -> AppResult<HttpResponse> {
    match result {
        Versioned::Done => Ok(see_other(&format!("/claims/{claim_id}"))),
        Versioned::Stale { changes } => conflict_response(session, claim_id, changes, typed),
    }
}

#[derive(Deserialize)]
pub struct TransitionForm {
    version: String,
    action: String,
    #[serde(default)]
    verdict: String,
    #[serde(default)]
    rationale: String,
    #[serde(default)]
    note: String,
}

/// Moves the claim along the workflow: start review, propose, approve, send back, withdraw,
/// publish, reopen.
pub async fn transition(
    state: web::Data<AppState>,
    claim_id: web::Path<i64>,
    form: SignedForm<TransitionForm>,
) -> AppResult<HttpResponse> {
    let session = form.session;
    let claim_id = claim_id.into_inner();
    let data = form.data;
    let version = parse_version(&data.version)?;
    let edge: Transition = data.action.parse()?;
    session.require(Role::Reviewer)?;
    let (me, role, team_id) = (
        session.info.user_id,
        session.info.role,
        session.info.team_id,
    );
    let rationale = data.rationale.trim().to_owned();
    let note = data.note.trim().to_owned();
    let verdict_key = data.verdict.trim().to_owned();
    if edge == Transition::Propose && rationale.is_empty() {
        return Err(bad("rationale", "is required: say why, with the sources"));
    }
    if edge == Transition::Reopen && note.is_empty() {
        return Err(bad(
            "note",
            "is required: a correction note says what was wrong",
        ));
    }
    if rationale.chars().count() > 20_000 || note.chars().count() > 5_000 {
        return Err(bad("rationale", "is too long"));
    }
    let typed = vec![
        ("action".to_owned(), data.action.clone()),
        ("verdict".to_owned(), data.verdict.clone()),
        ("rationale".to_owned(), data.rationale.clone()),
        ("note".to_owned(), data.note.clone()),
    ];
    let result = versioned_change(&state, &session, claim_id, version, move |conn, claim| {
        let from: Status = claim.status.parse()?;
        let actor = Actor {
            role,
            is_proposer: claim.proposed_by == Some(me),
        };
        let to = edge.apply(from, actor).map_err(|e| match e {
            crate::domain::TransitionError::NotFrom { .. } => AppError::Conflict(format!("{e}.")),
            other => AppError::Forbidden(format!("{other}.")),
        })?;
        let now = db::now();
        let mut changes = ClaimChanges {
            status: Some(to.as_str()),
            ..ClaimChanges::default()
        };
        let mut after = to.as_str().to_owned();
        match edge {
            Transition::Propose => {
                // Locks the scale so a concurrent retirement cannot slip between this read and the write.
                verdicts::lock_scale(conn, team_id)?;
                let verdict = verdicts::active_by_key(conn, team_id, &verdict_key)?
                    .ok_or_else(|| bad("verdict", "is not a verdict of this team's scale"))?;
                changes.verdict_id = Some(Some(verdict.id));
                changes.rationale = Some(Some(rationale));
                changes.proposed_by = Some(Some(me));
                changes.proposed_at = Some(Some(now));
                after = format!("{} (verdict: {})", to.as_str(), verdict.label);
                let round = reviews::current_round(conn, claim.id)? + 1;
                reviews::insert(conn, reviews::NewReview {
                    team_id,
                    claim_id: claim.id,
                    reviewer_id: me,
                    verdict_id: verdict.id,
                    rationale: changes.rationale.as_ref().and_then(|r| r.as_deref()).unwrap_or(""),
                    round,
                    blind: false,
                })?;
            }
            Transition::Approve => {
                if users::find_team(conn, team_id)?.is_some_and(|t| t.blind_review) {
                    let round = reviews::current_round(conn, claim.id)?;
                    let agreed = reviews::of_round(conn, claim.id, round)?
                        .iter()
                        .any(|(r, _, _)| r.blind && Some(r.verdict_id) == claim.verdict_id);
                    if !agreed {
                        return Err(AppError::Conflict("This team reviews blind: a second reviewer must agree with the verdict before it can be approved.".into()));
                    }
                }
                changes.approved_by = Some(Some(me));
                changes.verified_at = Some(Some(now));
            }
            Transition::Publish => changes.published_at = Some(Some(now)),
            Transition::Reopen => {
                let stamp = now.format("%Y-%m-%d");
                let notes = match &claim.correction_note {
                    Some(previous) => format!("{previous}\n\n{stamp}: {note}"),
                    None => format!("{stamp}: {note}"),
                };
                changes.correction_note = Some(Some(notes));
                changes.approved_by = Some(None);
                after = format!("{} (correction: {note})", to.as_str());
            }
            Transition::SendBack if !note.is_empty() => {
                queries::insert_comment(
                    conn,
                    team_id,
                    claim.id,
                    me,
                    &format!("Sent back: {note}"),
                )?;
            }
            _ => {}
        }
        Ok((
            changes,
            "status".into(),
            Some(from.as_str().to_owned()),
            Some(after),
        ))
    })
    .await?;
    finish(&session, claim_id, result, typed)
}

#[derive(Deserialize)]
pub struct CitationForm {
    url: String,
    title: String,
    #[serde(default)]
    publisher: String,
    #[serde(default)]
    excerpt: String,
    #[serde(default)]
    accessed_on: String,
    stance: String,
}

impl CitationForm {
    fn parse(&self) -> AppResult<CitationDraft> {
        Ok(CitationDraft::parse(
            &self.url,
            &self.title,
            &self.publisher,
            &self.excerpt,
            &self.accessed_on,
            &self.stance,
        )?)
    }
}

pub async fn add_citation(
    state: web::Data<AppState>,
    claim_id: web::Path<i64>,
    form: SignedForm<CitationForm>,
) -> AppResult<HttpResponse> {
    let session = form.session;
    session.require(Role::Reviewer)?;
    let draft = form.data.parse()?;
    let (team_id, actor_id, claim_id) = (
        session.info.team_id,
        session.info.user_id,
        claim_id.into_inner(),
    );
    let pool = state.pool.clone();
    blocking(move || {
        let mut conn = pool.get()?;
        db::write(&mut conn, |conn| {
            queries::get(conn, team_id, claim_id)?.ok_or(AppError::NotFound)?;
            queries::insert_citation(
                conn,
                crate::db::models::NewCitation {
                    team_id,
                    claim_id,
                    url: draft.url.as_str(),
                    title: &draft.title,
                    publisher: draft.publisher.as_deref(),
                    excerpt: draft.excerpt.as_deref(),
                    accessed_on: draft.accessed_on,
                    stance: draft.stance.as_str(),
                    created_by: actor_id,
                    created_at: db::now(),
                },
            )?;
            let after = format!("{}: {}", draft.stance, draft.url.as_str());
            queries::record(
                conn,
                team_id,
                actor_id,
                claim_id,
                "citation_added",
                None,
                Some(&after),
            )?;
            Ok(())
        })
    })
    .await?;
    Ok(see_other(&format!("/claims/{claim_id}#citations")))
}

/// Replaces a citation's fields; the history keeps what it said before.
pub async fn edit_citation(
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    form: SignedForm<CitationForm>,
) -> AppResult<HttpResponse> {
    let session = form.session;
    session.require(Role::Reviewer)?;
    let draft = form.data.parse()?;
    let (claim_id, citation_id) = path.into_inner();
    let (team_id, actor_id) = (session.info.team_id, session.info.user_id);
    let pool = state.pool.clone();
    blocking(move || {
        let mut conn = pool.get()?;
        db::write(&mut conn, |conn| {
            let before = queries::update_citation(conn, team_id, claim_id, citation_id, &draft)?
                .ok_or(AppError::NotFound)?;
            let after = format!("{}: {} ({})", draft.stance, draft.url.as_str(), draft.title);
            queries::record(
                conn,
                team_id,
                actor_id,
                claim_id,
                "citation_edited",
                Some(&before),
                Some(&after),
            )?;
            Ok(())
        })
    })
    .await?;
    Ok(see_other(&format!("/claims/{claim_id}#citations")))
}

pub async fn remove_citation(
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    form: SignedForm<super::articles::NoFields>,
) -> AppResult<HttpResponse> {
    let session = form.session;
    session.require(Role::Reviewer)?;
    let (claim_id, citation_id) = path.into_inner();
    let (team_id, actor_id) = (session.info.team_id, session.info.user_id);
    let pool = state.pool.clone();
    blocking(move || {
        let mut conn = pool.get()?;
        db::write(&mut conn, |conn| {
            let url = queries::delete_citation(conn, team_id, claim_id, citation_id)?
                .ok_or(AppError::NotFound)?;
            queries::record(
                conn,
                team_id,
                actor_id,
                claim_id,
                "citation_removed",
                Some(&url),
                None,
            )?;
            Ok(())
        })
    })
    .await?;
    Ok(see_other(&format!("/claims/{claim_id}#citations")))
}

#[derive(Deserialize)]
pub struct CommentForm {
    body: String,
}

pub async fn add_comment(
    state: web::Data<AppState>,
    claim_id: web::Path<i64>,
    form: SignedForm<CommentForm>,
) -> AppResult<HttpResponse> {
    let session = form.session;
    session.require(Role::Reviewer)?;
    let body = form.data.body.trim().to_owned();
    if body.is_empty() || body.chars().count() > 10_000 {
        return Err(bad("body", "must be 1 to 10000 characters"));
    }
    let (team_id, actor_id, claim_id) = (
        session.info.team_id,
        session.info.user_id,
        claim_id.into_inner(),
    );
    let pool = state.pool.clone();
    blocking(move || {
        let mut conn = pool.get()?;
        db::write(&mut conn, |conn| {
            queries::get(conn, team_id, claim_id)?.ok_or(AppError::NotFound)?;
            queries::insert_comment(conn, team_id, claim_id, actor_id, &body)?;
            queries::record(conn, team_id, actor_id, claim_id, "commented", None, None)?;
            Ok(())
        })
    })
    .await?;
    Ok(see_other(&format!("/claims/{claim_id}#comments")))
}

#[derive(Deserialize)]
pub struct TagForm {
    tag: String,
    #[serde(default)]
    remove: String,
}

pub async fn tag(
    state: web::Data<AppState>,
    claim_id: web::Path<i64>,
    form: SignedForm<TagForm>,
) -> AppResult<HttpResponse> {
    let session = form.session;
    session.require(Role::Reviewer)?;
    let tag = parse_tag(&form.data.tag)?;
    let remove = !form.data.remove.is_empty();
    let (team_id, actor_id, claim_id) = (
        session.info.team_id,
        session.info.user_id,
        claim_id.into_inner(),
    );
    let pool = state.pool.clone();
    blocking(move || {
        let mut conn = pool.get()?;
        db::write(&mut conn, |conn| {
            queries::get(conn, team_id, claim_id)?.ok_or(AppError::NotFound)?;
            if remove {
                if queries::remove_tag(conn, claim_id, &tag)? {
                    queries::record(
                        conn,
                        team_id,
                        actor_id,
                        claim_id,
                        "tag_removed",
                        Some(&tag),
                        None,
                    )?;
                }
            } else if queries::add_tag(conn, claim_id, &tag)? {
                queries::record(
                    conn,
                    team_id,
                    actor_id,
                    claim_id,
                    "tag_added",
                    None,
                    Some(&tag),
                )?;
            }
            Ok(())
        })
    })
    .await?;
    Ok(see_other(&format!("/claims/{claim_id}")))
}

#[derive(Deserialize)]
pub struct EditForm {
    version: String,
    statement: String,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    speaker: String,
}

/// Edits the claim's wording, subject and speaker.
pub async fn edit(
    state: web::Data<AppState>,
    claim_id: web::Path<i64>,
    form: SignedForm<EditForm>,
) -> AppResult<HttpResponse> {
    let session = form.session;
    session.require(Role::Reviewer)?;
    let claim_id = claim_id.into_inner();
    let data = form.data;
    let version = parse_version(&data.version)?;
    let statement = data.statement.trim().to_owned();
    if statement.is_empty() || statement.chars().count() > 5000 {
        return Err(bad("statement", "must be 1 to 5000 characters"));
    }
    let subject = match data.subject.trim() {
        "" => None,
        s => Some(crate::domain::single_line_text("subject", s, 200)?),
    };
    let speaker = match data.speaker.trim() {
        "" => None,
        s => Some(crate::domain::single_line_text("speaker", s, 200)?),
    };
    let typed = vec![
        ("statement".to_owned(), data.statement.clone()),
        ("subject".to_owned(), data.subject.clone()),
        ("speaker".to_owned(), data.speaker.clone()),
    ];
    let result = versioned_change(&state, &session, claim_id, version, move |_, claim| {
        let before = format!(
            "{} | subject: {} | speaker: {}",
            claim.statement,
            claim.subject.as_deref().unwrap_or("-"),
            claim.speaker.as_deref().unwrap_or("-")
        );
        let after = format!(
            "{} | subject: {} | speaker: {}",
            statement,
            subject.as_deref().unwrap_or("-"),
            speaker.as_deref().unwrap_or("-")
        );
        let changes = ClaimChanges {
            statement: Some(statement),
            subject: Some(subject),
            speaker: Some(speaker),
            ..ClaimChanges::default()
        };
        Ok((changes, "edited".into(), Some(before), Some(after)))
    })
    .await?;
    finish(&session, claim_id, result, typed)
}

#[derive(Deserialize)]
pub struct SecondReviewForm {
    version: String,
    verdict: String,
    rationale: String,
}

/// The blind second review: a member other than the proposer records their own verdict without
/// having seen the proposed one. Agreement leaves the claim awaiting approval; disagreement sends it
/// back to review with both rationales on record.
pub async fn second_review(
    state: web::Data<AppState>,
    claim_id: web::Path<i64>,
    form: SignedForm<SecondReviewForm>,
) -> AppResult<HttpResponse> {
    let session = form.session;
    session.require(Role::Reviewer)?;
    let claim_id = claim_id.into_inner();
    let data = form.data;
    let version = parse_version(&data.version)?;
    let rationale = data.rationale.trim().to_owned();
    if rationale.is_empty() || rationale.chars().count() > 20_000 {
        return Err(bad("rationale", "is required: say why, with the sources"));
    }
    let verdict_key = data.verdict.trim().to_owned();
    let (me, team_id) = (session.info.user_id, session.info.team_id);
    let typed = vec![
        ("verdict".to_owned(), data.verdict.clone()),
        ("rationale".to_owned(), data.rationale.clone()),
    ];
    let result = versioned_change(&state, &session, claim_id, version, move |conn, claim| {
        if !users::find_team(conn, team_id)?.is_some_and(|t| t.blind_review) {
            return Err(AppError::Conflict(
                "This team does not use blind second review.".into(),
            ));
        }
        if claim.status != Status::AwaitingApproval.as_str() {
            return Err(AppError::Conflict(
                "Only a claim awaiting approval takes a second review.".into(),
            ));
        }
        if claim.proposed_by == Some(me) {
            return Err(AppError::Forbidden(
                "The proposer cannot give the second review of their own verdict.".into(),
            ));
        }
        let round = reviews::current_round(conn, claim.id)?;
        let existing = reviews::of_round(conn, claim.id, round)?;
        if existing.iter().any(|(r, _, _)| r.blind) {
            return Err(AppError::Conflict(
                "This round already has its second review.".into(),
            ));
        }
        // Locks the scale so a concurrent retirement cannot slip between this read and the write.
        verdicts::lock_scale(conn, team_id)?;
        let verdict = verdicts::active_by_key(conn, team_id, &verdict_key)?
            .ok_or_else(|| bad("verdict", "is not a verdict of this team's scale"))?;
        reviews::insert(
            conn,
            reviews::NewReview {
                team_id,
                claim_id: claim.id,
                reviewer_id: me,
                verdict_id: verdict.id,
                rationale: &rationale,
                round,
                blind: true,
            },
        )?;
        let proposed = existing
            .first()
            .map(|(_, _, label)| label.clone())
            .unwrap_or_default();
        if Some(verdict.id) == claim.verdict_id {
            Ok((
                ClaimChanges::default(),
                "second_review_agreed".into(),
                Some(proposed),
                Some(verdict.label),
            ))
        } else {
            let changes = ClaimChanges {
                status: Some(Status::InReview.as_str()),
                assignee_id: Some(claim.proposed_by),
                ..ClaimChanges::default()
            };
            Ok((
                changes,
                "second_review_disagreed".into(),
                Some(proposed),
                Some(format!("{} (back to review)", verdict.label)),
            ))
        }
    })
    .await?;
    finish(&session, claim_id, result, typed)
}

#[derive(Deserialize)]
pub struct DeriveForm {
    value: String,
}

/// Adds the earlier value a ratio implies ("doubled to $50 million" → $25 million) as a claim of its
/// own, linked in both histories.
pub async fn derive(
    state: web::Data<AppState>,
    claim_id: web::Path<i64>,
    form: SignedForm<DeriveForm>,
) -> AppResult<HttpResponse> {
    let session = form.session;
    session.require(Role::Reviewer)?;
    let claim_id = claim_id.into_inner();
    let (team_id, actor_id) = (session.info.team_id, session.info.user_id);
    let offered = form.data.value.trim().to_owned();
    let pool = state.pool.clone();
    let new_id = blocking(move || {
        let mut conn = pool.get()?;
        db::write(&mut conn, |conn| {
            let claim = queries::get(conn, team_id, claim_id)?.ok_or(AppError::NotFound)?;
            let hints = hints_for(&claim);
            // Only the value the server itself derives is accepted; the form merely confirms it.
            let (value, description) =
                hints
                    .derived
                    .filter(|(v, _)| *v == offered)
                    .ok_or_else(|| {
                        AppError::Conflict("This claim implies no such earlier value.".into())
                    })?;
            let statement = format!(
                "Earlier value implied by claim #{}: {}",
                claim.id, description
            );
            let input = queries::ClaimInput {
                article_id: claim.article_id,
                statement: &statement,
                context: &claim.context,
                span: None,
                surface: None,
                value: Some(&value),
                value_high: None,
                unit: claim.unit.as_deref(),
                qualifier: claim.qualifier.as_deref(),
                subject: claim.subject.as_deref(),
                speaker: claim.speaker.as_deref(),
                score: claim.score * 0.9,
            };
            let new_id = queries::insert(
                conn,
                team_id,
                actor_id,
                &input,
                &format!("derived from claim #{}", claim.id),
            )?;
            queries::record(
                conn,
                team_id,
                actor_id,
                claim.id,
                "derived_claim_added",
                None,
                Some(&format!("claim #{new_id}")),
            )?;
            Ok(new_id)
        })
    })
    .await?;
    Ok(see_other(&format!("/claims/{new_id}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn cursors_round_trip_through_their_text() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 27)
            .and_then(|d| d.and_hms_micro_opt(10, 1, 2, 345_678))
            .unwrap();
        for (sort, cursor) in [
            (Sort::Score, Cursor::Score(0.85, 42)),
            (Sort::Newest, Cursor::Id(7)),
            (Sort::Updated, Cursor::Updated(at, 9)),
        ] {
            assert_eq!(
                parse_cursor(sort, &cursor_text(&cursor)).unwrap(),
                Some(cursor)
            );
        }
        assert!(parse_cursor(Sort::Score, "garbage").is_err());
        assert!(parse_cursor(Sort::Updated, "0_1").is_err());
    }

    proptest! {
        /// Query-string values never panic the parsers; search words are plain letters and digits.
        #[test]
        fn queue_parameters_never_panic(raw in "\\PC{0,60}") {
            for sort in [Sort::Score, Sort::Newest, Sort::Oldest, Sort::Updated] {
                let _ = parse_cursor(sort, &raw);
            }
            if let Ok(Some(score)) = parse_score("min_score", &raw) {
                prop_assert!((0.0..=1.0).contains(&score));
            }
            let _ = parse_tag(&raw);
            for word in search_words(&raw) {
                prop_assert!(!word.is_empty() && word.chars().all(char::is_alphanumeric));
            }
        }
    }
}
