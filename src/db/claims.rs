//! Claims: creation (from a candidate or a passage), the queue with its filters and keyset pages,
//! versioned updates, citations, comments, tags and history.

use chrono::NaiveDateTime;
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};

use super::events::{self as history, Change};
use super::models::*;
use super::schema::*;
use super::DbConn;

/// A new claim's content, taken from a candidate or typed by a reviewer.
pub struct ClaimInput<'a> {
    pub article_id: Option<i64>,
    pub statement: &'a str,
    pub context: &'a str,
    pub span: Option<(i64, i64)>,
    pub surface: Option<&'a str>,
    pub value: Option<&'a str>,
    pub value_high: Option<&'a str>,
    pub unit: Option<&'a str>,
    pub qualifier: Option<&'a str>,
    pub subject: Option<&'a str>,
    pub speaker: Option<&'a str>,
    pub score: f64,
}

pub fn insert(
    conn: &mut DbConn,
    team_id: i64,
    actor_id: i64,
    input: &ClaimInput<'_>,
    how: &str,
) -> QueryResult<i64> {
    let now = super::now();
    let id: i64 = diesel::insert_into(claims::table)
        .values(NewClaim {
            team_id,
            article_id: input.article_id,
            statement: input.statement,
            context: input.context,
            span_start: input.span.map(|s| s.0),
            span_end: input.span.map(|s| s.1),
            surface: input.surface,
            value: input.value,
            value_high: input.value_high,
            unit: input.unit,
            qualifier: input.qualifier,
            subject: input.subject,
            speaker: input.speaker,
            score: input.score,
            status: "unverified",
            created_by: actor_id,
            created_at: now,
            updated_at: now,
        })
        .returning(claims::id)
        .get_result(conn)?;
    history::record(
        conn,
        Change {
            team_id: Some(team_id),
            actor_id: Some(actor_id),
            entity: "claim",
            entity_id: id,
            action: "created",
            before: None,
            after: Some(how),
        },
    )?;
    Ok(id)
}

pub fn get(conn: &mut DbConn, team_id: i64, claim_id: i64) -> QueryResult<Option<ClaimRow>> {
    claims::table
        .filter(claims::team_id.eq(team_id))
        .filter(claims::id.eq(claim_id))
        .first(conn)
        .optional()
}

/// Who is assigned: "anyone", "nobody", or one member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssigneeFilter {
    Anyone,
    Nobody,
    Member(i64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Score,
    Newest,
    Oldest,
    Updated,
}

/// Where the previous page ended, in the sort's own key: keyset pagination, never OFFSET.
#[derive(Debug, Clone, PartialEq)]
pub enum Cursor {
    Score(f64, i64),
    Id(i64),
    Updated(NaiveDateTime, i64),
}

/// The queue's filters, already validated.
#[derive(Debug, Clone)]
pub struct QueueFilter {
    pub status: Option<String>,
    pub verdict_id: Option<i64>,
    pub assignee: AssigneeFilter,
    pub article_id: Option<i64>,
    pub tag: Option<String>,
    pub min_score: Option<f64>,
    pub max_score: Option<f64>,
    /// Words to search for; already reduced to plain words.
    pub words: Vec<String>,
    pub sort: Sort,
    pub after: Option<Cursor>,
}

/// One row of the queue.
#[derive(Debug, Clone, Queryable)]
pub struct QueueRow {
    pub id: i64,
    pub statement: String,
    pub surface: Option<String>,
    pub value: Option<String>,
    pub unit: Option<String>,
    pub qualifier: Option<String>,
    pub score: f64,
    pub status: String,
    pub verdict_label: Option<String>,
    pub assignee_name: Option<String>,
    pub article_title: Option<String>,
    pub updated_at: NaiveDateTime,
    pub version: i64,
}

fn is_sqlite(conn: &DbConn) -> bool {
    matches!(conn, DbConn::Sqlite(_))
}

/// The filter as a boxed WHERE clause over `claims`, shared by the page query and the counts.
macro_rules! filtered {
    ($conn:expr, $team_id:expr, $filter:expr, $with_status:expr) => {{
        let filter: &QueueFilter = $filter;
        let mut query = claims::table
            .filter(claims::team_id.eq($team_id))
            .into_boxed();
        if $with_status {
            if let Some(status) = &filter.status {
                query = query.filter(claims::status.eq(status.clone()));
            }
        }
        if let Some(verdict_id) = filter.verdict_id {
            query = query.filter(claims::verdict_id.eq(verdict_id));
        }
        match filter.assignee {
            AssigneeFilter::Anyone => {}
            AssigneeFilter::Nobody => query = query.filter(claims::assignee_id.is_null()),
            AssigneeFilter::Member(id) => query = query.filter(claims::assignee_id.eq(id)),
        }
        if let Some(article_id) = filter.article_id {
            query = query.filter(claims::article_id.eq(article_id));
        }
        if let Some(tag) = &filter.tag {
            query = query.filter(
                claims::id.eq_any(
                    claim_tags::table
                        .filter(claim_tags::tag.eq(tag.clone()))
                        .select(claim_tags::claim_id),
                ),
            );
        }
        if let Some(min) = filter.min_score {
            query = query.filter(claims::score.ge(min));
        }
        if let Some(max) = filter.max_score {
            query = query.filter(claims::score.le(max));
        }
        if !filter.words.is_empty() {
            let phrase = filter.words.join(" ");
            if is_sqlite($conn) {
                // Each word quoted: user text never reaches FTS5's query syntax.
                let fts: Vec<String> = filter.words.iter().map(|w| format!("\"{w}\"")).collect();
                query = query.filter(
                    sql::<Bool>(
                        "claims.id IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ",
                    )
                    .bind::<Text, _>(fts.join(" "))
                    .sql(")"),
                );
            } else {
                query = query.filter(
                    sql::<Bool>("claims.search @@ plainto_tsquery('simple', ")
                        .bind::<Text, _>(phrase)
                        .sql(")"),
                );
            }
        }
        query
    }};
}

/// The columns the queue scans; names are looked up afterwards for the page only.
#[derive(Queryable)]
struct QueueScan {
    id: i64,
    statement: String,
    surface: Option<String>,
    value: Option<String>,
    unit: Option<String>,
    qualifier: Option<String>,
    score: f64,
    status: String,
    verdict_id: Option<i64>,
    assignee_id: Option<i64>,
    article_id: Option<i64>,
    updated_at: NaiveDateTime,
    version: i64,
}

/// One page of the queue and the cursor of the next page, if there is one.
pub fn queue(
    conn: &mut DbConn,
    team_id: i64,
    filter: &QueueFilter,
    limit: i64,
) -> QueryResult<(Vec<QueueRow>, Option<Cursor>)> {
    let mut query = filtered!(conn, team_id, filter, true);
    query = match (&filter.sort, &filter.after) {
        // Row-value comparisons, answered from the (team_id, score, id) index on both backends.
        (Sort::Score, Some(Cursor::Score(score, id))) => query.filter(
            sql::<Bool>("(claims.score, claims.id) < (")
                .bind::<diesel::sql_types::Double, _>(*score)
                .sql(", ")
                .bind::<diesel::sql_types::BigInt, _>(*id)
                .sql(")"),
        ),
        (Sort::Newest, Some(Cursor::Id(id))) => query.filter(claims::id.lt(*id)),
        (Sort::Oldest, Some(Cursor::Id(id))) => query.filter(claims::id.gt(*id)),
        (Sort::Updated, Some(Cursor::Updated(at, id))) => query.filter(
            sql::<Bool>("(claims.updated_at, claims.id) < (")
                .bind::<diesel::sql_types::Timestamp, _>(*at)
                .sql(", ")
                .bind::<diesel::sql_types::BigInt, _>(*id)
                .sql(")"),
        ),
        _ => query,
    };
    query = match filter.sort {
        Sort::Score => query.order((claims::score.desc(), claims::id.desc())),
        Sort::Newest => query.order(claims::id.desc()),
        Sort::Oldest => query.order(claims::id.asc()),
        Sort::Updated => query.order((claims::updated_at.desc(), claims::id.desc())),
    };
    let page: Vec<QueueScan> = query
        .select((
            claims::id,
            claims::statement,
            claims::surface,
            claims::value,
            claims::unit,
            claims::qualifier,
            claims::score,
            claims::status,
            claims::verdict_id,
            claims::assignee_id,
            claims::article_id,
            claims::updated_at,
            claims::version,
        ))
        .limit(limit + 1)
        .load(conn)?;
    let has_more = page.len() as i64 > limit;
    let page = &page[..page.len().min(limit as usize)];
    // Names for the page's verdicts, assignees and articles, in three small lookups rather than joins
    // that would slow the sorted scan.
    let verdict_ids: Vec<i64> = page.iter().filter_map(|r| r.verdict_id).collect();
    let user_ids: Vec<i64> = page.iter().filter_map(|r| r.assignee_id).collect();
    let article_ids: Vec<i64> = page.iter().filter_map(|r| r.article_id).collect();
    let verdict_names: Vec<(i64, String)> = verdicts::table
        .filter(verdicts::id.eq_any(verdict_ids))
        .select((verdicts::id, verdicts::label))
        .load(conn)?;
    let user_names: Vec<(i64, String)> = users::table
        .filter(users::id.eq_any(user_ids))
        .select((users::id, users::name))
        .load(conn)?;
    let article_titles: Vec<(i64, String)> = articles::table
        .filter(articles::id.eq_any(article_ids))
        .select((articles::id, articles::title))
        .load(conn)?;
    let name = |list: &[(i64, String)], id: Option<i64>| {
        id.and_then(|id| list.iter().find(|(k, _)| *k == id).map(|(_, v)| v.clone()))
    };
    let rows: Vec<QueueRow> = page
        .iter()
        .map(|r| QueueRow {
            id: r.id,
            statement: r.statement.clone(),
            surface: r.surface.clone(),
            value: r.value.clone(),
            unit: r.unit.clone(),
            qualifier: r.qualifier.clone(),
            score: r.score,
            status: r.status.clone(),
            verdict_label: name(&verdict_names, r.verdict_id),
            assignee_name: name(&user_names, r.assignee_id),
            article_title: name(&article_titles, r.article_id),
            updated_at: r.updated_at,
            version: r.version,
        })
        .collect();
    let next = if has_more {
        rows.last().map(|last| match filter.sort {
            Sort::Score => Cursor::Score(last.score, last.id),
            Sort::Newest | Sort::Oldest => Cursor::Id(last.id),
            Sort::Updated => Cursor::Updated(last.updated_at, last.id),
        })
    } else {
        None
    };
    Ok((rows, next))
}

/// Claims per status under the same filters (the status filter aside), in `Status::ALL` order.
pub fn counts_by_status(
    conn: &mut DbConn,
    team_id: i64,
    filter: &QueueFilter,
) -> QueryResult<Vec<(&'static str, i64)>> {
    let mut counts = Vec::with_capacity(5);
    for status in crate::domain::Status::ALL {
        let n: i64 = filtered!(conn, team_id, filter, false)
            .filter(claims::status.eq(status.as_str()))
            .count()
            .get_result(conn)?;
        counts.push((status.as_str(), n));
    }
    Ok(counts)
}

/// What a versioned update changes. `None` leaves a column as it is.
#[derive(Default)]
pub struct ClaimChanges {
    pub status: Option<&'static str>,
    pub verdict_id: Option<Option<i64>>,
    pub rationale: Option<Option<String>>,
    pub assignee_id: Option<Option<i64>>,
    pub proposed_by: Option<Option<i64>>,
    pub proposed_at: Option<Option<NaiveDateTime>>,
    pub approved_by: Option<Option<i64>>,
    pub verified_at: Option<Option<NaiveDateTime>>,
    pub published_at: Option<Option<NaiveDateTime>>,
    pub correction_note: Option<Option<String>>,
    pub statement: Option<String>,
    pub subject: Option<Option<String>>,
    pub speaker: Option<Option<String>>,
}

#[derive(AsChangeset)]
#[diesel(table_name = claims)]
struct ClaimChangeset<'a> {
    status: Option<&'a str>,
    verdict_id: Option<Option<i64>>,
    rationale: Option<Option<&'a str>>,
    assignee_id: Option<Option<i64>>,
    proposed_by: Option<Option<i64>>,
    proposed_at: Option<Option<NaiveDateTime>>,
    approved_by: Option<Option<i64>>,
    verified_at: Option<Option<NaiveDateTime>>,
    published_at: Option<Option<NaiveDateTime>>,
    correction_note: Option<Option<&'a str>>,
    statement: Option<&'a str>,
    subject: Option<Option<&'a str>>,
    speaker: Option<Option<&'a str>>,
    version: i64,
    updated_at: NaiveDateTime,
}

/// Applies `changes` only if the claim is still at `version`; returns whether it was. A stale
/// version changes nothing: the caller answers 409.
pub fn update_versioned(
    conn: &mut DbConn,
    team_id: i64,
    claim_id: i64,
    version: i64,
    changes: ClaimChanges,
) -> QueryResult<bool> {
    let changed = diesel::update(
        claims::table
            .filter(claims::team_id.eq(team_id))
            .filter(claims::id.eq(claim_id))
            .filter(claims::version.eq(version)),
    )
    .set(ClaimChangeset {
        status: changes.status,
        verdict_id: changes.verdict_id,
        rationale: changes.rationale.as_ref().map(|r| r.as_deref()),
        assignee_id: changes.assignee_id,
        proposed_by: changes.proposed_by,
        proposed_at: changes.proposed_at,
        approved_by: changes.approved_by,
        verified_at: changes.verified_at,
        published_at: changes.published_at,
        correction_note: changes.correction_note.as_ref().map(|n| n.as_deref()),
        statement: changes.statement.as_deref(),
        subject: changes.subject.as_ref().map(|s| s.as_deref()),
        speaker: changes.speaker.as_ref().map(|s| s.as_deref()),
        version: version + 1,
        updated_at: super::now(),
    })
    .execute(conn)?;
    Ok(changed == 1)
}

/// Records one change to a claim in its history.
pub fn record(
    conn: &mut DbConn,
    team_id: i64,
    actor_id: i64,
    claim_id: i64,
    action: &str,
    before: Option<&str>,
    after: Option<&str>,
) -> QueryResult<()> {
    history::record(
        conn,
        Change {
            team_id: Some(team_id),
            actor_id: Some(actor_id),
            entity: "claim",
            entity_id: claim_id,
            action,
            before,
            after,
        },
    )
}

/// A claim's history, oldest first, with the actor's name.
pub fn history_of(
    conn: &mut DbConn,
    team_id: i64,
    claim_id: i64,
) -> QueryResult<Vec<(EventRow, Option<String>)>> {
    events::table
        .left_join(users::table.on(users::id.nullable().eq(events::actor_id)))
        .filter(events::team_id.eq(team_id))
        .filter(events::entity.eq("claim"))
        .filter(events::entity_id.eq(claim_id))
        .order(events::id.asc())
        .select((events::all_columns, users::name.nullable()))
        .load(conn)
}

/// The claim's history since `version` was current: what someone else changed meanwhile. Every
/// versioned update writes one event, so the newest (current - stale) events are exactly those.
pub fn changes_since(
    conn: &mut DbConn,
    team_id: i64,
    claim_id: i64,
    stale_version: i64,
    current_version: i64,
) -> QueryResult<Vec<(EventRow, Option<String>)>> {
    let missed = (current_version - stale_version).clamp(0, 50);
    let mut rows: Vec<(EventRow, Option<String>)> = events::table
        .left_join(users::table.on(users::id.nullable().eq(events::actor_id)))
        .filter(events::team_id.eq(team_id))
        .filter(events::entity.eq("claim"))
        .filter(events::entity_id.eq(claim_id))
        .order(events::id.desc())
        .limit(missed.max(1))
        .select((events::all_columns, users::name.nullable()))
        .load(conn)?;
    rows.reverse();
    Ok(rows)
}

pub fn citations_of(conn: &mut DbConn, claim_id: i64) -> QueryResult<Vec<CitationRow>> {
    citations::table
        .filter(citations::claim_id.eq(claim_id))
        .order(citations::id)
        .load(conn)
}

pub fn insert_citation(conn: &mut DbConn, citation: NewCitation<'_>) -> QueryResult<i64> {
    diesel::insert_into(citations::table)
        .values(citation)
        .returning(citations::id)
        .get_result(conn)
}

/// Rewrites a citation of this claim; returns what it said before ("stance: url (title)") when it
/// existed.
pub fn update_citation(
    conn: &mut DbConn,
    team_id: i64,
    claim_id: i64,
    citation_id: i64,
    draft: &crate::domain::CitationDraft,
) -> QueryResult<Option<String>> {
    let before: Option<CitationRow> = citations::table
        .filter(citations::team_id.eq(team_id))
        .filter(citations::claim_id.eq(claim_id))
        .filter(citations::id.eq(citation_id))
        .first(conn)
        .optional()?;
    let Some(before) = before else {
        return Ok(None);
    };
    diesel::update(citations::table.find(citation_id))
        .set((
            citations::url.eq(draft.url.as_str()),
            citations::title.eq(&draft.title),
            citations::publisher.eq(draft.publisher.as_deref()),
            citations::excerpt.eq(draft.excerpt.as_deref()),
            citations::accessed_on.eq(draft.accessed_on),
            citations::stance.eq(draft.stance.as_str()),
        ))
        .execute(conn)?;
    Ok(Some(format!(
        "{}: {} ({})",
        before.stance, before.url, before.title
    )))
}

/// Removes a citation of this claim; returns its URL when it existed.
pub fn delete_citation(
    conn: &mut DbConn,
    team_id: i64,
    claim_id: i64,
    citation_id: i64,
) -> QueryResult<Option<String>> {
    let url: Option<String> = citations::table
        .filter(citations::team_id.eq(team_id))
        .filter(citations::claim_id.eq(claim_id))
        .filter(citations::id.eq(citation_id))
        .select(citations::url)
        .first(conn)
        .optional()?;
    if url.is_some() {
        diesel::delete(citations::table.find(citation_id)).execute(conn)?;
    }
    Ok(url)
}

pub fn comments_of(conn: &mut DbConn, claim_id: i64) -> QueryResult<Vec<(CommentRow, String)>> {
    comments::table
        .inner_join(users::table)
        .filter(comments::claim_id.eq(claim_id))
        .order(comments::id)
        .select((comments::all_columns, users::name))
        .load(conn)
}

pub fn insert_comment(
    conn: &mut DbConn,
    team_id: i64,
    claim_id: i64,
    author_id: i64,
    body: &str,
) -> QueryResult<i64> {
    diesel::insert_into(comments::table)
        .values((
            comments::team_id.eq(team_id),
            comments::claim_id.eq(claim_id),
            comments::author_id.eq(author_id),
            comments::body.eq(body),
            comments::created_at.eq(super::now()),
        ))
        .returning(comments::id)
        .get_result(conn)
}

pub fn tags_of(conn: &mut DbConn, claim_id: i64) -> QueryResult<Vec<String>> {
    claim_tags::table
        .filter(claim_tags::claim_id.eq(claim_id))
        .order(claim_tags::tag)
        .select(claim_tags::tag)
        .load(conn)
}

/// Adds a tag unless the claim has it already; returns whether it was added.
pub fn add_tag(conn: &mut DbConn, claim_id: i64, tag: &str) -> QueryResult<bool> {
    let exists: i64 = claim_tags::table
        .filter(claim_tags::claim_id.eq(claim_id))
        .filter(claim_tags::tag.eq(tag))
        .count()
        .get_result(conn)?;
    if exists > 0 {
        return Ok(false);
    }
    // Two members may add the same tag at once; the primary key settles it.
    let inserted = super::insert_unless_taken(conn, |conn| {
        diesel::insert_into(claim_tags::table)
            .values((claim_tags::claim_id.eq(claim_id), claim_tags::tag.eq(tag)))
            .execute(conn)
    })?;
    Ok(inserted.is_some())
}

pub fn remove_tag(conn: &mut DbConn, claim_id: i64, tag: &str) -> QueryResult<bool> {
    let removed = diesel::delete(
        claim_tags::table
            .filter(claim_tags::claim_id.eq(claim_id))
            .filter(claim_tags::tag.eq(tag)),
    )
    .execute(conn)?;
    Ok(removed == 1)
}

/// Claims of the team with the same normalized quantity: candidates for "already checked".
pub fn with_quantity(
    conn: &mut DbConn,
    team_id: i64,
    value: &str,
    unit: &str,
    limit: i64,
) -> QueryResult<Vec<ClaimRow>> {
    claims::table
        .filter(claims::team_id.eq(team_id))
        .filter(claims::unit.eq(unit))
        .filter(claims::value.eq(value))
        .order(claims::id.desc())
        .limit(limit)
        .load(conn)
}

// ---- saved views ----

pub fn saved_views(
    conn: &mut DbConn,
    team_id: i64,
    user_id: i64,
) -> QueryResult<Vec<(i64, String, String)>> {
    saved_views::table
        .filter(saved_views::team_id.eq(team_id))
        .filter(saved_views::user_id.eq(user_id))
        .order(saved_views::name)
        .select((saved_views::id, saved_views::name, saved_views::query))
        .load(conn)
}

pub fn insert_saved_view(
    conn: &mut DbConn,
    team_id: i64,
    user_id: i64,
    name: &str,
    query: &str,
) -> QueryResult<()> {
    diesel::insert_into(saved_views::table)
        .values((
            saved_views::team_id.eq(team_id),
            saved_views::user_id.eq(user_id),
            saved_views::name.eq(name),
            saved_views::query.eq(query),
            saved_views::created_at.eq(super::now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Deletes one of the member's own views; returns whether it existed.
pub fn delete_saved_view(
    conn: &mut DbConn,
    team_id: i64,
    user_id: i64,
    view_id: i64,
) -> QueryResult<bool> {
    let deleted = diesel::delete(
        saved_views::table
            .filter(saved_views::id.eq(view_id))
            .filter(saved_views::team_id.eq(team_id))
            .filter(saved_views::user_id.eq(user_id)),
    )
    .execute(conn)?;
    Ok(deleted == 1)
}

// ---- export ----

/// Everything one CSV or ClaimReview line needs about a claim, resolved to names.
#[derive(Debug, Clone)]
pub struct ExportRow {
    pub claim_id: i64,
    pub statement: String,
    pub surface: Option<String>,
    pub value: Option<String>,
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
}

/// The next `limit` claims matching `filter` with ids above `after_id`, in id order: exports walk
/// the whole selection this way in constant memory, whatever its size.
pub fn export_batch(
    conn: &mut DbConn,
    team_id: i64,
    filter: &QueueFilter,
    after_id: i64,
    limit: i64,
) -> QueryResult<Vec<ExportRow>> {
    let claims: Vec<ClaimRow> = filtered!(conn, team_id, filter, true)
        .filter(claims::id.gt(after_id))
        .order(claims::id.asc())
        .limit(limit)
        .load(conn)?;
    to_export_rows(conn, team_id, claims)
}

/// A published claim by id, whatever its team, with its team: public pages show published claims.
pub fn published(conn: &mut DbConn, claim_id: i64) -> QueryResult<Option<(ExportRow, TeamRow)>> {
    let claim: Option<ClaimRow> = claims::table
        .filter(claims::id.eq(claim_id))
        .filter(claims::status.eq("published"))
        .first(conn)
        .optional()?;
    let Some(claim) = claim else {
        return Ok(None);
    };
    let team: TeamRow = teams::table.find(claim.team_id).first(conn)?;
    let row = to_export_rows(conn, team.id, vec![claim])?.pop();
    Ok(row.map(|row| (row, team)))
}

/// Resolves a batch of claims to export rows: names, verdicts, articles and citations in one query
/// each for the whole batch.
fn to_export_rows(
    conn: &mut DbConn,
    team_id: i64,
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
        .filter(verdicts::team_id.eq(team_id))
        .load(conn)?;
    let articles: Vec<ArticleRow> = articles::table
        .filter(articles::team_id.eq(team_id))
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
