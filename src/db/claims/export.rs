//! Claims resolved to names for the verdicts that leave ClaimDesk: the CSV export walks a selection
//! in batches (constant memory whatever its size), and a publication freezes one claim's row.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::super::models::*;
use super::super::schema::*;
use super::super::DbConn;
use super::queue::{selection, QueueFilter};
use crate::domain::TeamId;

/// Everything one CSV or ClaimReview line needs about a claim, resolved to names. A publication
/// stores it as JSON, so new fields need `#[serde(default)]`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExportRow {
    pub claim_id: i64,
    pub statement: String,
    pub surface: Option<String>,
    pub value: Option<String>,
    /// The upper bound of a range.
    #[serde(default)]
    pub value_high: Option<String>,
    pub unit: Option<String>,
    pub qualifier: Option<String>,
    pub subject: Option<String>,
    pub speaker: Option<String>,
    pub article_title: Option<String>,
    pub article_url: Option<String>,
    pub publisher: Option<String>,
    pub article_published: Option<chrono::NaiveDate>,
    pub status: String,
    pub verdict: Option<String>,
    pub rating: Option<i32>,
    pub rationale: Option<String>,
    /// (stance, url) of each citation, oldest first.
    pub citations: Vec<(String, String)>,
    pub assignee: Option<String>,
    pub proposed_by: Option<String>,
    pub approved_by: Option<String>,
    pub created_at: NaiveDateTime,
    pub verified_at: Option<NaiveDateTime>,
    pub published_at: Option<NaiveDateTime>,
    pub updated_at: NaiveDateTime,
    pub correction_note: Option<String>,
    /// Whether a blind team's proposed verdict is sealed, and by whom it was proposed: what
    /// `desk::seal` needs to decide who may read `verdict`, `rating` and `rationale`.
    #[serde(skip)]
    pub review_sealed: bool,
    #[serde(skip)]
    pub proposer_id: Option<i64>,
}

/// The next `limit` claims matching `filter` with ids above `after_id`, in id order: exports walk
/// the whole selection this way in constant memory, whatever its size.
pub fn export_batch(
    conn: &mut DbConn,
    team: TeamId,
    filter: &QueueFilter,
    after_id: i64,
    limit: i64,
) -> QueryResult<Vec<ExportRow>> {
    let claims: Vec<ClaimRow> = selection(conn, team, filter)
        .filter(claims::id.gt(after_id))
        .order(claims::id.asc())
        .limit(limit)
        .load(conn)?;
    to_export_rows(conn, team, claims)
}

/// Resolves a batch of claims to export rows: names, verdicts, articles and citations in one query
/// each for the whole batch.
pub(crate) fn to_export_rows(
    conn: &mut DbConn,
    team: TeamId,
    claims: Vec<ClaimRow>,
) -> QueryResult<Vec<ExportRow>> {
    if claims.is_empty() {
        return Ok(Vec::new());
    }
    let claim_ids: Vec<i64> = claims.iter().map(|c| c.id).collect();
    let mut user_ids: Vec<i64> = claims
        .iter()
        .flat_map(|c| [c.assignee_id, c.proposed_by, c.approved_by])
        .flatten()
        .collect();
    user_ids.sort_unstable();
    user_ids.dedup();
    let mut article_ids: Vec<i64> = claims.iter().filter_map(|c| c.article_id).collect();
    article_ids.sort_unstable();
    article_ids.dedup();
    let names: Vec<(i64, String)> = users::table
        .filter(users::id.eq_any(&user_ids))
        .select((users::id, users::name))
        .load(conn)?;
    let scale: Vec<VerdictRow> = verdicts::table
        .filter(verdicts::team_id.eq(team.get()))
        .load(conn)?;
    let articles: Vec<ArticleRow> = articles::table
        .filter(articles::team_id.eq(team.get()))
        .filter(articles::id.eq_any(&article_ids))
        .load(conn)?;
    let cites: Vec<(i64, String, String)> = citations::table
        .filter(citations::claim_id.eq_any(&claim_ids))
        .order(citations::id)
        .select((citations::claim_id, citations::stance, citations::url))
        .load(conn)?;
    let name = |id: Option<i64>| {
        id.and_then(|id| names.iter().find(|(k, _)| *k == id).map(|(_, n)| n.clone()))
    };
    Ok(claims
        .into_iter()
        .map(|c| {
            let article = c
                .article_id
                .and_then(|id| articles.iter().find(|a| a.id == id));
            let verdict = c
                .verdict_id
                .and_then(|id| scale.iter().find(|v| v.id == id));
            ExportRow {
                claim_id: c.id,
                review_sealed: c.review_sealed,
                proposer_id: c.proposed_by,
                citations: cites
                    .iter()
                    .filter(|(claim_id, _, _)| *claim_id == c.id)
                    .map(|(_, stance, url)| (stance.clone(), url.clone()))
                    .collect(),
                assignee: name(c.assignee_id),
                proposed_by: name(c.proposed_by),
                approved_by: name(c.approved_by),
                article_title: article.map(|a| a.title.clone()),
                article_url: article.and_then(|a| a.url.clone()),
                publisher: article.and_then(|a| a.publisher.clone()),
                article_published: article.and_then(|a| a.published_on),
                verdict: verdict.map(|v| v.label.clone()),
                rating: verdict.and_then(|v| v.rating),
                statement: c.statement,
                surface: c.surface,
                value: c.value,
                value_high: c.value_high,
                unit: c.unit,
                qualifier: c.qualifier,
                subject: c.subject,
                speaker: c.speaker,
                status: c.status,
                rationale: c.rationale,
                created_at: c.created_at,
                verified_at: c.verified_at,
                published_at: c.published_at,
                updated_at: c.updated_at,
                correction_note: c.correction_note,
            }
        })
        .collect())
}
