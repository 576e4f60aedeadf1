//! Articles in, claims out: an article is saved with what the extractor found in it (or the team's
//! article with the same body is found instead), and its candidates are triaged into claims. The
//! new-article page, the upload, the API and `claimdesk import` all ingest through here.

use super::{write, Member};
use crate::db::articles::{self as rows, ArticleInput, Saved};
use crate::db::claims::{self as claims, ClaimInput};
use crate::db::models::{ArticleRow, CandidateRow, ClaimRow};
use crate::db::DbConn;
use crate::domain::{
    ArticleDraft, ArticleId, CandidateId, ClaimId, QuantityEdit, Role, Said, Score,
};
use crate::error::{AppError, AppResult};

mod link;
mod repeats;
mod view;

pub(crate) use link::on_blocking;
pub use link::{ingest_fetched_link, ingest_link, LinkError};
use repeats::repeated_claims;
pub use repeats::{already_checked, Repeat};
pub use view::{article_view, ArticleView, Listing, BODY_PART_BYTES, CANDIDATES_PER_PAGE};

/// Who may add articles and triage their candidates.
const ADDS: Role = Role::Reviewer;

/// Whether the member may add articles (pages show or hide the forms by it).
pub fn can_add(member: &Member) -> bool {
    member.role.at_least(ADDS)
}

/// Refuses members who may not add articles (the upload asks before reading a file).
pub fn may_add(member: &Member) -> AppResult<()> {
    member.require(ADDS)
}

/// Extracts the candidates of a validated article and saves both in one write transaction, or
/// finds the team's existing article with that body.
pub fn ingest(conn: &mut DbConn, member: &Member, draft: &ArticleDraft) -> AppResult<Saved> {
    may_add(member)?;
    // Extraction is pure and runs before the transaction, so the write lock is held only for the
    // inserts.
    let found = crate::extract::extract(&draft.body);
    let hash = draft.body_hash();
    let input = ArticleInput {
        title: &draft.title,
        url: draft.url.as_ref().map(|u| u.as_str()),
        publisher: draft.publisher.as_deref(),
        author: draft.author.as_deref(),
        published_on: draft.published_on,
        body: &draft.body,
        body_hash: &hash,
    };
    write(conn, member.team, |tx| {
        let saved = rows::save(tx, member.team, member.user, &input, &found)?;
        if let Saved::Created(id) = saved {
            super::webhooks::emit(
                tx,
                member.team,
                crate::domain::webhook::WebhookEvent::ArticleCreated,
                serde_json::json!({
                    "id": id,
                    "title": draft.title,
                    "source_url": input.url,
                    "candidates": found.len(),
                    "path": format!("/articles/{id}"),
                }),
                crate::db::now(),
            )?;
        }
        Ok(saved)
    })
}

/// The team's article (404 for another team's, as for a missing one).
pub fn article(conn: &mut DbConn, member: &Member, id: ArticleId) -> AppResult<ArticleRow> {
    rows::get(conn, member.team, id)?.ok_or(AppError::NotFound)
}

/// A candidate as the article page and the API show it: with the sentence it stands in and, while
/// pending, the claims the team already has with its quantity ("already checked").
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
#[schema(as = CandidateOut)]
pub struct CandidateView {
    #[serde(flatten)]
    pub row: CandidateRow,
    /// The sentence it stands in.
    pub sentence: String,
    /// The claim's statement proposed for it: the short clause around its quantity.
    pub statement: String,
    #[serde(skip)]
    pub already: Vec<Repeat>,
}

/// The team's article with its candidates in document order (what the article page and the API
/// show), with the sentences cut from the body once.
pub fn article_with_candidates(
    conn: &mut DbConn,
    member: &Member,
    id: ArticleId,
) -> AppResult<(ArticleRow, Vec<CandidateView>)> {
    let article = article(conn, member, id)?;
    let candidates = rows::candidates_of(conn, &article)?
        .into_iter()
        .map(|row| CandidateView {
            sentence: sentence_of(&article, &row).to_owned(),
            statement: proposed_statement(&article, &row),
            row,
            already: Vec::new(),
        })
        .collect();
    Ok((article, candidates))
}

/// A watched feed's article: each pending candidate that repeats a claim the team has published
/// joins that claim as another appearance (as *Add to claim* does). Answers each claim repeated,
/// once, with the quantity as the article wrote it. In the caller's write transaction.
pub(crate) fn attach_to_published(
    tx: &mut DbConn,
    member: &Member,
    article: ArticleId,
) -> AppResult<Vec<(ClaimRow, String)>> {
    let (article, candidates) = article_with_candidates(tx, member, article)?;
    let mut repeated: Vec<(ClaimRow, String)> = Vec::new();
    for candidate in candidates {
        let already = already_checked(tx, member, &article, &candidate.row, &candidate.statement)?;
        let Some(Repeat { claim, .. }) = already
            .into_iter()
            .find(|repeat| repeat.claim.published_at.is_some())
        else {
            continue;
        };
        attach_in(tx, member, &article, &candidate.row, &claim)?;
        if !repeated.iter().any(|(c, _)| c.id == claim.id) {
            repeated.push((claim, candidate.row.surface.clone()));
        }
    }
    Ok(repeated)
}

/// What to do with a pending candidate.
#[derive(Debug, Clone)]
pub enum Triage {
    /// Accept it as a claim, with the reviewer's corrections of what the extractor found and the
    /// claim's statement as they wrote it (`None`: the proposed one). A candidate that repeats a
    /// claim the team already has joins that claim as another appearance, unless `as_new`.
    Accept {
        edit: QuantityEdit,
        statement: Option<String>,
        as_new: bool,
    },
    Reject,
    /// Attach it to a claim the team already has: the same claim, appearing here too.
    AttachTo(ClaimId),
}

/// What became of a triaged candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Triaged {
    /// A new claim.
    Created(ClaimId),
    /// Another appearance of a claim the team had.
    Attached(ClaimId),
    Rejected,
}

impl Triaged {
    /// The candidate's state now.
    pub fn state(self) -> &'static str {
        match self {
            Triaged::Created(_) => "accepted",
            Triaged::Attached(_) => "merged",
            Triaged::Rejected => "rejected",
        }
    }

    pub fn claim(self) -> Option<ClaimId> {
        match self {
            Triaged::Created(claim) | Triaged::Attached(claim) => Some(claim),
            Triaged::Rejected => None,
        }
    }
}

/// What a bulk accept did: claims made, and candidates that joined claims the team had.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Accepted {
    pub created: usize,
    pub attached: usize,
}

/// The claim's statement proposed for a candidate: the extractor's short clause around its
/// quantity, or (for candidates saved before the extractor proposed one) its sentence.
pub fn proposed_statement(article: &ArticleRow, candidate: &CandidateRow) -> String {
    match candidate.statement.as_deref() {
        Some(statement) if !statement.trim().is_empty() => statement.to_owned(),
        _ => match sentence_of(article, candidate).trim() {
            "" => candidate.surface.clone(),
            sentence => sentence.to_owned(),
        },
    }
}

/// Turns a pending candidate into a claim inside the caller's transaction, with `statement` as
/// its wording (the source sentence stays as its context); or, when it repeats a claim the team
/// has and not `as_new`, attaches it to that claim.
fn accept_in(
    tx: &mut DbConn,
    member: &Member,
    article: &ArticleRow,
    candidate: &CandidateRow,
    (edit, statement): (&QuantityEdit, &str),
    as_new: bool,
) -> AppResult<Triaged> {
    let value = edit.value.as_deref().or(candidate.value.as_deref());
    let unit = edit.unit.as_deref().or(candidate.unit.as_deref());
    let subject = edit.subject.as_deref().or(candidate.subject.as_deref());
    if let (Some(value), Some(unit), false) = (value, unit, as_new) {
        let said = Said {
            subject,
            wording: statement,
        };
        let repeats = repeated_claims(tx, member, (article, candidate), (value, unit), said, 1)?;
        if let Some(repeat) = repeats.first() {
            return attach_in(tx, member, article, candidate, &repeat.claim);
        }
    }
    let sentence = sentence_of(article, candidate);
    let context = if sentence.trim().is_empty() {
        candidate.surface.as_str()
    } else {
        sentence
    };
    let span = (
        candidate.span_start - candidate.sentence_start,
        candidate.span_end - candidate.sentence_start,
    );
    let input = ClaimInput {
        article_id: Some(ArticleId::new(article.id)),
        statement,
        context,
        span: Some(span),
        surface: Some(&candidate.surface),
        value,
        value_high: candidate.value_high.as_deref(),
        unit,
        qualifier: Some(
            edit.qualifier
                .map_or(candidate.qualifier.as_str(), |q| q.as_str()),
        ),
        subject,
        speaker: edit.speaker.as_deref().or(candidate.speaker.as_deref()),
        score: Score::new(candidate.score),
    };
    let claim = claims::insert(
        tx,
        member.team,
        member.user,
        &input,
        &format!("accepted from article #{}", article.id),
    )?;
    settle(tx, candidate, "accepted", Some(claim))?;
    Ok(Triaged::Created(claim))
}

/// Settles a pending candidate; a conflict when someone else settled it first.
fn settle(
    tx: &mut DbConn,
    candidate: &CandidateRow,
    state: &str,
    claim: Option<ClaimId>,
) -> AppResult<()> {
    if rows::settle_candidate(tx, candidate, state, claim)? {
        Ok(())
    } else {
        Err(AppError::Conflict(
            "This candidate was already triaged by someone else.".into(),
        ))
    }
}

/// Attaches a pending candidate to one of the team's claims: the claim appears in this article
/// too (its appearances list it), on the claim's record.
fn attach_in(
    tx: &mut DbConn,
    member: &Member,
    article: &ArticleRow,
    candidate: &CandidateRow,
    claim: &ClaimRow,
) -> AppResult<Triaged> {
    settle(tx, candidate, "merged", Some(claim.claim_id()))?;
    claims::record(
        tx,
        claim.scoped(),
        member.user,
        "candidate_attached",
        None,
        Some(&format!(
            "\"{}\" in article #{}",
            candidate.surface, article.id
        )),
    )?;
    Ok(Triaged::Attached(claim.claim_id()))
}

/// Accepts, rejects or attaches a pending candidate of the team's article.
pub fn triage(
    conn: &mut DbConn,
    member: &Member,
    article: ArticleId,
    candidate: CandidateId,
    action: &Triage,
) -> AppResult<Triaged> {
    may_add(member)?;
    write(conn, member.team, |tx| {
        let article = self::article(tx, member, article)?;
        let candidate = rows::candidate(tx, &article, candidate)?.ok_or(AppError::NotFound)?;
        if candidate.state != "pending" {
            return Err(AppError::Conflict(format!(
                "This candidate is already {}.",
                candidate.state
            )));
        }
        match action {
            Triage::Accept {
                edit,
                statement,
                as_new,
            } => {
                let statement = match statement {
                    Some(statement) => statement.clone(),
                    None => proposed_statement(&article, &candidate),
                };
                accept_in(
                    tx,
                    member,
                    &article,
                    &candidate,
                    (edit, &statement),
                    *as_new,
                )
            }
            Triage::Reject => {
                rows::settle_candidate(tx, &candidate, "rejected", None)?;
                record_article(
                    tx,
                    member,
                    &article,
                    "candidate_rejected",
                    &candidate.surface,
                )?;
                Ok(Triaged::Rejected)
            }
            Triage::AttachTo(claim) => {
                let claim = claims::get(tx, member.team, *claim)?.ok_or(AppError::NotFound)?;
                attach_in(tx, member, &article, &candidate, &claim)
            }
        }
    })
}

/// Accepts every pending candidate with a value scoring at least `min_score`: each becomes a
/// claim, or joins the claim of the team it repeats (one made earlier in the same run included).
pub fn accept_above(
    conn: &mut DbConn,
    member: &Member,
    article: ArticleId,
    min_score: f64,
) -> AppResult<Accepted> {
    may_add(member)?;
    write(conn, member.team, |tx| {
        let article = self::article(tx, member, article)?;
        let mut accepted = Accepted::default();
        for candidate in &rows::candidates_of(tx, &article)? {
            if candidate.state == "pending"
                && candidate.score >= min_score
                && candidate.value.is_some()
            {
                let statement = proposed_statement(&article, candidate);
                let edit = QuantityEdit::default();
                match accept_in(tx, member, &article, candidate, (&edit, &statement), false)? {
                    Triaged::Attached(_) => accepted.attached += 1,
                    _ => accepted.created += 1,
                }
            }
        }
        Ok(accepted)
    })
}

/// Adds a claim from a passage of the article that the extractor did not offer. The passage must
/// be copied exactly from the article; its own best numeric mention gives the claim its quantity.
pub fn add_passage(
    conn: &mut DbConn,
    member: &Member,
    article: ArticleId,
    quote: &str,
) -> AppResult<ClaimId> {
    may_add(member)?;
    let quote = crate::domain::normalize_body(quote);
    if quote.is_empty() || quote.chars().count() > 2000 {
        return Err(AppError::invalid(
            "quote",
            "must be 1 to 2000 characters of the article",
        ));
    }
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
    write(conn, member.team, |tx| {
        let article = self::article(tx, member, article)?;
        if !article.body.contains(&quote) {
            return Err(AppError::invalid(
                "quote",
                "must be copied exactly from the article",
            ));
        }
        let input = ClaimInput {
            article_id: Some(ArticleId::new(article.id)),
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
            score: Score::new(quantity.map_or(0.5, |c| c.score)),
        };
        Ok(claims::insert(
            tx,
            member.team,
            member.user,
            &input,
            &format!("passage of article #{}", article.id),
        )?)
    })
}

/// The sentence a candidate stands in (empty when its offsets do not fit the body).
pub(super) fn sentence_of<'a>(article: &'a ArticleRow, row: &CandidateRow) -> &'a str {
    usize::try_from(row.sentence_start)
        .ok()
        .zip(usize::try_from(row.sentence_end).ok())
        .and_then(|(start, end)| article.body.get(start..end))
        .unwrap_or("")
}

/// Puts a rejected candidate of the team's article back to pending, on record.
pub fn restore(
    conn: &mut DbConn,
    member: &Member,
    article: ArticleId,
    candidate: CandidateId,
) -> AppResult<()> {
    may_add(member)?;
    write(conn, member.team, |tx| {
        let article = self::article(tx, member, article)?;
        let candidate = rows::candidate(tx, &article, candidate)?.ok_or(AppError::NotFound)?;
        if !rows::restore_candidate(tx, &candidate)? {
            return Err(AppError::Conflict(format!(
                "Only a rejected candidate can be restored; this one is {}.",
                candidate.state
            )));
        }
        record_article(
            tx,
            member,
            &article,
            "candidate_restored",
            &candidate.surface,
        )
    })
}

/// Rejects every candidate of the team's article still pending ("reject the rest"), on record;
/// returns how many.
pub fn reject_rest(conn: &mut DbConn, member: &Member, article: ArticleId) -> AppResult<usize> {
    may_add(member)?;
    write(conn, member.team, |tx| {
        let article = self::article(tx, member, article)?;
        let rejected = rows::reject_pending(tx, &article)?;
        if rejected > 0 {
            let after = format!("{rejected} pending candidates");
            record_article(tx, member, &article, "candidates_rejected", &after)?;
        }
        Ok(rejected)
    })
}

/// One line of an article's history.
fn record_article(
    tx: &mut DbConn,
    member: &Member,
    article: &ArticleRow,
    action: &'static str,
    after: &str,
) -> AppResult<()> {
    crate::db::events::record(
        tx,
        crate::db::events::Change {
            team_id: Some(member.team.get()),
            actor_id: Some(member.user.get()),
            entity: "article",
            entity_id: article.id,
            action,
            before: None,
            after: Some(after),
        },
    )?;
    Ok(())
}

/// The team's newest articles with their candidate and claim counts.
pub fn list(
    conn: &mut DbConn,
    member: &Member,
    limit: i64,
) -> AppResult<Vec<crate::db::articles::ArticleSummary>> {
    Ok(rows::list(conn, member.team, limit)?)
}
