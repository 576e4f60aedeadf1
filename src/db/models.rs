//! Row types: what the tables hold, as diesel reads and writes them. Domain types live in
//! `crate::domain`; conversions are explicit.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::*;

#[derive(Debug, Clone, Queryable)]
pub struct TeamRow {
    pub id: i64,
    pub name: String,
    pub created_at: NaiveDateTime,
    pub blind_review: bool,
    pub org_url: Option<String>,
    /// Cited sources a claim needs before a verdict other than "unverifiable" is proposed.
    pub min_sources: i32,
}

#[derive(Debug, Clone, Queryable)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub active: bool,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable)]
pub struct MembershipRow {
    pub user_id: i64,
    pub team_id: i64,
    pub role: String,
    pub active: bool,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable)]
pub struct SessionRow {
    pub id: i64,
    pub token_hash: String,
    pub user_id: i64,
    pub team_id: i64,
    pub csrf_token: String,
    pub created_at: NaiveDateTime,
    pub last_seen_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub ip: String,
    pub user_agent: String,
}

#[derive(Debug, Clone, Queryable)]
pub struct InviteRow {
    pub id: i64,
    pub team_id: i64,
    pub email: String,
    pub role: String,
    pub token_hash: String,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub accepted_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable)]
pub struct EventRow {
    pub id: i64,
    pub team_id: Option<i64>,
    pub actor_id: Option<i64>,
    pub entity: String,
    pub entity_id: i64,
    pub action: String,
    pub before_value: Option<String>,
    pub after_value: Option<String>,
    pub created_at: NaiveDateTime,
    /// The chain fields (`audit`): NULL only on an event written outside the application.
    pub seq: Option<i64>,
    pub prev_hash: Option<String>,
    pub hash: Option<String>,
}

#[derive(Insertable)]
#[diesel(table_name = teams)]
pub struct NewTeam<'a> {
    pub name: &'a str,
    pub created_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = users)]
pub struct NewUser<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub password_hash: &'a str,
    pub active: bool,
    pub created_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = memberships)]
pub struct NewMembership<'a> {
    pub user_id: i64,
    pub team_id: i64,
    pub role: &'a str,
    pub active: bool,
    pub created_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = sessions)]
pub struct NewSession<'a> {
    pub token_hash: &'a str,
    pub user_id: i64,
    pub team_id: i64,
    pub csrf_token: &'a str,
    pub created_at: NaiveDateTime,
    pub last_seen_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub ip: &'a str,
    pub user_agent: &'a str,
}

#[derive(Insertable)]
#[diesel(table_name = invites)]
pub struct NewInvite<'a> {
    pub team_id: i64,
    pub email: &'a str,
    pub role: &'a str,
    pub token_hash: &'a str,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = events)]
pub struct NewEvent<'a> {
    pub team_id: Option<i64>,
    pub actor_id: Option<i64>,
    pub entity: &'a str,
    pub entity_id: i64,
    pub action: &'a str,
    pub before_value: Option<&'a str>,
    pub after_value: Option<&'a str>,
    pub created_at: NaiveDateTime,
    pub seq: i64,
    pub prev_hash: &'a str,
    pub hash: &'a str,
}

/// A verdict of a team's scale; the API answers it as `VerdictOut` (key, label, rating).
#[derive(Debug, Clone, Queryable, serde::Serialize, utoipa::ToSchema)]
#[schema(as = VerdictOut)]
pub struct VerdictRow {
    #[serde(skip)]
    pub id: i64,
    #[serde(skip)]
    pub team_id: i64,
    pub key: String,
    pub label: String,
    /// Its ClaimReview rating, 1 (false) to 5 (true); null for none.
    pub rating: Option<i32>,
    #[serde(skip)]
    pub position: i32,
    #[serde(skip)]
    pub retired: bool,
}

/// An article; the API answers it with its body (`ArticleOut`) or without (`ArticleSummaryOut`).
#[derive(Debug, Clone, Queryable, serde::Serialize, utoipa::ToSchema)]
pub struct ArticleRow {
    pub id: i64,
    #[serde(skip)]
    pub team_id: i64,
    pub title: String,
    pub url: Option<String>,
    pub publisher: Option<String>,
    pub author: Option<String>,
    pub published_on: Option<chrono::NaiveDate>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub body: String,
    #[serde(skip)]
    pub body_hash: String,
    #[serde(skip)]
    pub created_by: i64,
    #[serde(with = "crate::domain::utc")]
    pub created_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = articles)]
pub struct NewArticle<'a> {
    pub team_id: i64,
    pub title: &'a str,
    pub url: Option<&'a str>,
    pub publisher: Option<&'a str>,
    pub author: Option<&'a str>,
    pub published_on: Option<chrono::NaiveDate>,
    pub body: &'a str,
    pub body_hash: &'a str,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
}

/// A quantity the extractor found, with its triage state.
#[derive(Debug, Clone, Queryable, serde::Serialize, utoipa::ToSchema)]
pub struct CandidateRow {
    pub id: i64,
    #[serde(skip)]
    pub team_id: i64,
    #[serde(skip)]
    pub article_id: i64,
    pub position: i32,
    pub span_start: i64,
    pub span_end: i64,
    #[serde(skip)]
    pub sentence_start: i64,
    #[serde(skip)]
    pub sentence_end: i64,
    /// The text as it stands in the body; `span_start` and `span_end` are its byte offsets there.
    pub surface: String,
    pub value: Option<String>,
    pub value_high: Option<String>,
    pub unit: Option<String>,
    /// exact, about, more_than, less_than or range.
    pub qualifier: String,
    pub subject: Option<String>,
    pub speaker: Option<String>,
    /// How check-worthy it looks, from 0 to 1.
    pub score: f64,
    pub check_worthy: bool,
    pub kind: String,
    #[serde(skip)]
    pub conversion_of: Option<i64>,
    #[serde(skip)]
    pub implied_rate: Option<String>,
    /// pending, accepted, rejected or merged.
    pub state: String,
    /// The claim it became or joined.
    pub claim_id: Option<i64>,
    /// The claim's statement the extractor proposed (none for candidates saved before it did).
    #[serde(skip)]
    pub statement: Option<String>,
}

#[derive(Insertable)]
#[diesel(table_name = candidates)]
pub struct NewCandidate<'a> {
    pub team_id: i64,
    pub article_id: i64,
    pub position: i32,
    pub span_start: i64,
    pub span_end: i64,
    pub sentence_start: i64,
    pub sentence_end: i64,
    pub surface: &'a str,
    pub value: Option<String>,
    pub value_high: Option<String>,
    pub unit: Option<&'a str>,
    pub qualifier: &'a str,
    pub subject: Option<&'a str>,
    pub speaker: Option<&'a str>,
    pub score: f64,
    pub check_worthy: bool,
    pub kind: &'a str,
    pub implied_rate: Option<String>,
    pub statement: Option<&'a str>,
}

/// A claim as stored; the API answers it inside `ClaimOut`.
#[derive(Debug, Clone, Queryable, serde::Serialize, utoipa::ToSchema)]
pub struct ClaimRow {
    pub id: i64,
    #[serde(skip)]
    pub team_id: i64,
    pub article_id: Option<i64>,
    pub statement: String,
    /// The sentence the claim stands in.
    pub context: String,
    #[serde(skip)]
    pub span_start: Option<i64>,
    #[serde(skip)]
    pub span_end: Option<i64>,
    pub surface: Option<String>,
    pub value: Option<String>,
    pub value_high: Option<String>,
    pub unit: Option<String>,
    pub qualifier: Option<String>,
    pub subject: Option<String>,
    pub speaker: Option<String>,
    pub score: f64,
    /// unverified, in_review, awaiting_approval, verified, published or discarded.
    pub status: String,
    #[serde(skip)]
    pub verdict_id: Option<i64>,
    /// Null while a blind team's second review is pending and the caller is not the proposer.
    pub rationale: Option<String>,
    pub assignee_id: Option<i64>,
    pub proposed_by: Option<i64>,
    #[serde(with = "crate::domain::utc::option")]
    pub proposed_at: Option<NaiveDateTime>,
    pub approved_by: Option<i64>,
    #[serde(with = "crate::domain::utc::option")]
    pub verified_at: Option<NaiveDateTime>,
    #[serde(with = "crate::domain::utc::option")]
    pub published_at: Option<NaiveDateTime>,
    pub correction_note: Option<String>,
    /// Send it with every change.
    pub version: i64,
    #[serde(skip)]
    pub created_by: i64,
    #[serde(with = "crate::domain::utc")]
    pub created_at: NaiveDateTime,
    #[serde(with = "crate::domain::utc")]
    pub updated_at: NaiveDateTime,
    /// A blind team's proposed verdict, hidden until its second review (see `desk::seal`).
    #[serde(skip)]
    pub review_sealed: bool,
    /// Why the claim was discarded as not check-worthy; set exactly while it is discarded.
    pub discard_reason: Option<String>,
}

#[derive(Insertable)]
#[diesel(table_name = claims)]
pub struct NewClaim<'a> {
    pub team_id: i64,
    pub article_id: Option<i64>,
    pub statement: &'a str,
    pub context: &'a str,
    pub span_start: Option<i64>,
    pub span_end: Option<i64>,
    pub surface: Option<&'a str>,
    pub value: Option<&'a str>,
    pub value_high: Option<&'a str>,
    pub unit: Option<&'a str>,
    pub qualifier: Option<&'a str>,
    pub subject: Option<&'a str>,
    pub speaker: Option<&'a str>,
    pub score: f64,
    pub status: &'a str,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A citation as stored, as the API answers it (`CitationOut`), and as a publication freezes it.
#[derive(Debug, Clone, Queryable, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = CitationOut)]
pub struct CitationRow {
    pub id: i64,
    pub team_id: i64,
    pub claim_id: i64,
    pub url: String,
    pub title: String,
    pub publisher: Option<String>,
    pub excerpt: Option<String>,
    pub accessed_on: Option<chrono::NaiveDate>,
    pub stance: String,
    pub created_by: i64,
    #[serde(with = "crate::domain::utc")]
    pub created_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = citations)]
pub struct NewCitation<'a> {
    pub team_id: i64,
    pub claim_id: i64,
    pub url: &'a str,
    pub title: &'a str,
    pub publisher: Option<&'a str>,
    pub excerpt: Option<&'a str>,
    pub accessed_on: Option<chrono::NaiveDate>,
    pub stance: &'a str,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable)]
pub struct CommentRow {
    pub id: i64,
    pub team_id: i64,
    pub claim_id: i64,
    pub author_id: i64,
    pub body: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable)]
pub struct ReviewRow {
    pub id: i64,
    pub team_id: i64,
    pub claim_id: i64,
    pub reviewer_id: i64,
    pub verdict_id: i64,
    pub rationale: String,
    pub round: i32,
    pub blind: bool,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable)]
pub struct ApiTokenRow {
    pub id: i64,
    pub user_id: i64,
    pub team_id: i64,
    pub name: String,
    pub token_hash: String,
    pub created_at: NaiveDateTime,
    pub last_used_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

#[derive(Insertable)]
#[diesel(table_name = api_tokens)]
pub struct NewApiToken<'a> {
    pub user_id: i64,
    pub team_id: i64,
    pub name: &'a str,
    pub token_hash: &'a str,
    pub created_at: NaiveDateTime,
}
