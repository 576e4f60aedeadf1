//! Claims: creation (from a candidate or a passage), the queue with its filters and keyset pages,
//! versioned updates, citations, comments, tags and history.

use chrono::NaiveDateTime;
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Double, Text, Timestamp};

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
    ($conn:expr, $team_id:expr, $filter:expr, $with_status:expr) => {
        filtered!(@from claims::table.into_boxed(), $conn, $team_id, $filter, $with_status, SearchPlan::Walk)
    };
    // From a query over `claims` that is already shaped (grouped, say) before it is boxed; `$plan`
    // is how a text search is answered (see `SearchPlan`).
    (@from $base:expr, $conn:expr, $team_id:expr, $filter:expr, $with_status:expr, $plan:expr) => {{
        let filter: &QueueFilter = $filter;
        let plan: SearchPlan = $plan;
        let mut query = if plan == SearchPlan::Drive && is_sqlite($conn) {
            // `+team_id` hides the team's indexes from SQLite, so it starts from the few matches.
            $base.filter(
                sql::<Bool>("+claims.team_id = ").bind::<diesel::sql_types::BigInt, _>($team_id),
            )
        } else {
            $base.filter(claims::team_id.eq($team_id))
        };
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
                query = query.filter(if plan == SearchPlan::Probe {
                    sql::<Bool>(
                        "EXISTS (SELECT 1 FROM claims_fts WHERE claims_fts MATCH ",
                    )
                    .bind::<Text, _>(fts_query(&filter.words))
                    .sql(" AND claims_fts.rowid = claims.id)")
                } else {
                    sql::<Bool>(
                        "claims.id IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ",
                    )
                    .bind::<Text, _>(fts_query(&filter.words))
                    .sql(")")
                });
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

/// The words as an FTS5 query: each word quoted, so user text never reaches FTS5's query syntax.
fn fts_query(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("\"{}\"", w.replace('"', "")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// How many claims match the words, counting no further than `cap` (so a common word costs no more
/// than a rare one). On SQLite the count spans every team's claims (the full-text index is shared);
/// on PostgreSQL it is this team's.
fn search_matches(conn: &mut DbConn, team_id: i64, words: &[String], cap: i64) -> QueryResult<i64> {
    if is_sqlite(conn) {
        diesel::select(
            sql::<BigInt>(
                "(SELECT count(*) FROM (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ",
            )
            .bind::<Text, _>(fts_query(words))
            .sql(" LIMIT ")
            .bind::<BigInt, _>(cap)
            .sql("))"),
        )
        .get_result(conn)
    } else {
        diesel::select(
            sql::<BigInt>("(SELECT count(*) FROM (SELECT 1 FROM claims WHERE team_id = ")
                .bind::<BigInt, _>(team_id)
                .sql(" AND search @@ plainto_tsquery('simple', ")
                .bind::<Text, _>(words.join(" "))
                .sql(") LIMIT ")
                .bind::<BigInt, _>(cap)
                .sql(") AS matches)"),
        )
        .get_result(conn)
    }
}

/// How a text search is answered. The queue's order comes from an index on (team, sort key); the
/// words from the full-text index. Which to start from depends on how many claims match:
/// - `Walk`: walk the team's claims in queue order and keep those in the list of matches (SQLite
///   lists the matches first; PostgreSQL's planner chooses itself). Right for moderately common
///   words: few claims are walked per row shown.
/// - `Probe` (SQLite): walk in queue order and ask the full-text index about each claim, without
///   listing the matches at all. For dense words: listing a word found in a third of a million
///   claims cost ~90 ms before the first row; probing walks ~3 claims per row shown. A probe that
///   fails is expensive, so this is only chosen when at least a tenth of the team's claims match.
/// - `Drive`: start from the matches and sort them, with the sort keys written so no index can
///   supply the order (else both planners walk the whole team looking for rare matches: 0.6 s for
///   two words with no common claim in 100k on PostgreSQL). For rare words and phrases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchPlan {
    Walk,
    Probe,
    Drive,
}

/// Below this many matches a search is answered by `SearchPlan::Drive`.
const DRIVE_BELOW: i64 = 2000;

/// A text search's plan and its match count, counted no further than some cap of at least
/// `SEARCH_COUNT_CAP` (so it also tells whether the search is counted). `None` without words.
#[derive(Debug, Clone, Copy)]
pub struct Search {
    pub plan: SearchPlan,
    pub matches_capped: i64,
}

fn search_plan(conn: &mut DbConn, team_id: i64, filter: &QueueFilter) -> QueryResult<SearchPlan> {
    Ok(plan_search(conn, team_id, filter)?.map_or(SearchPlan::Walk, |s| s.plan))
}

fn plan_search(
    conn: &mut DbConn,
    team_id: i64,
    filter: &QueueFilter,
) -> QueryResult<Option<Search>> {
    if filter.words.is_empty() {
        return Ok(None);
    }
    if !is_sqlite(conn) {
        let matches = search_matches(conn, team_id, &filter.words, DRIVE_BELOW)?;
        let plan = if matches < DRIVE_BELOW {
            SearchPlan::Drive
        } else {
            SearchPlan::Walk
        };
        return Ok(Some(Search {
            plan,
            matches_capped: matches,
        }));
    }
    let team_total: i64 = claim_counts::table
        .filter(claim_counts::team_id.eq(team_id))
        .select(claim_counts::n)
        .load::<i64>(conn)?
        .iter()
        .sum();
    // Counting stops at the cap, so this costs at most a tenth of the team in index steps.
    let dense = (team_total / 10).max(DRIVE_BELOW);
    let matches = search_matches(conn, team_id, &filter.words, dense)?;
    let plan = if matches >= dense {
        SearchPlan::Probe
    } else if matches < DRIVE_BELOW {
        SearchPlan::Drive
    } else {
        SearchPlan::Walk
    };
    Ok(Some(Search {
        plan,
        matches_capped: matches,
    }))
}

/// What the queue page shows: one page, the next page's cursor and the counts per status (`None`
/// for a search too common to count). The search is planned and counted once for all three.
pub struct QueuePage {
    pub rows: Vec<QueueRow>,
    pub next: Option<Cursor>,
    pub counts: Option<Vec<(&'static str, i64)>>,
}

pub fn queue_page(
    conn: &mut DbConn,
    team_id: i64,
    filter: &QueueFilter,
    limit: i64,
) -> QueryResult<QueuePage> {
    let search = plan_search(conn, team_id, filter)?;
    let plan = search.map_or(SearchPlan::Walk, |s| s.plan);
    let (rows, next) = queue_planned(conn, team_id, filter, limit, plan)?;
    let counts = counts_with(conn, team_id, filter, search)?;
    Ok(QueuePage { rows, next, counts })
}

/// A sort key as SQL. Under `SearchPlan::Drive` it is written so that no index supplies the order
/// (`+score` on SQLite, `score + 0` on PostgreSQL): the planner then starts from the text matches.
fn sort_key(conn: &DbConn, plan: SearchPlan, column: &str) -> String {
    match (plan, is_sqlite(conn)) {
        (SearchPlan::Drive, true) => format!("+claims.{column}"),
        (SearchPlan::Drive, false) if column == "updated_at" => {
            "(claims.updated_at + interval '0 seconds')".to_owned()
        }
        (SearchPlan::Drive, false) => format!("(claims.{column} + 0)"),
        _ => format!("claims.{column}"),
    }
}

/// Beyond this many matching claims, a text search shows no counts (`counts_by_status` → `None`):
/// counting every match of a common word would cost more than the page itself.
pub const SEARCH_COUNT_CAP: i64 = 1000;

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
    let plan = search_plan(conn, team_id, filter)?;
    queue_planned(conn, team_id, filter, limit, plan)
}

/// `queue` with the text-search plan given rather than chosen: every plan must list the same
/// claims in the same order, and the tests hold them to it.
pub fn queue_planned(
    conn: &mut DbConn,
    team_id: i64,
    filter: &QueueFilter,
    limit: i64,
    plan: SearchPlan,
) -> QueryResult<(Vec<QueueRow>, Option<Cursor>)> {
    let mut query = filtered!(@from claims::table.into_boxed(), conn, team_id, filter, true, plan);
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
    let id = sql::<BigInt>(&sort_key(conn, plan, "id"));
    query = match filter.sort {
        Sort::Score => query.order((
            sql::<Double>(&sort_key(conn, plan, "score")).desc(),
            id.desc(),
        )),
        Sort::Newest => query.order(id.desc()),
        Sort::Oldest => query.order(id.asc()),
        Sort::Updated => query.order((
            sql::<Timestamp>(&sort_key(conn, plan, "updated_at")).desc(),
            id.desc(),
        )),
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

/// The claims just before and just after `claim` in the filtered queue's order: one indexed lookup
/// each way, the same keyset comparisons the pages use. A claim outside the filter still gets the
/// neighbours its position in that order would have.
pub fn neighbours(
    conn: &mut DbConn,
    team_id: i64,
    filter: &QueueFilter,
    claim: &ClaimRow,
) -> QueryResult<(Option<i64>, Option<i64>)> {
    // Probing is only good for a walk that stops at a page; a neighbour may be far away.
    let plan = match search_plan(conn, team_id, filter)? {
        SearchPlan::Probe => SearchPlan::Walk,
        plan => plan,
    };
    let mut before = filtered!(@from claims::table.into_boxed(), conn, team_id, filter, true, plan);
    let mut after = filtered!(@from claims::table.into_boxed(), conn, team_id, filter, true, plan);
    let score = || sql::<Double>(&sort_key(conn, plan, "score"));
    let id = || sql::<BigInt>(&sort_key(conn, plan, "id"));
    let updated = || sql::<Timestamp>(&sort_key(conn, plan, "updated_at"));
    // "before" is earlier in the queue's order, walked backwards; "after" is later.
    match filter.sort {
        Sort::Score => {
            let key = |op: &str| {
                sql::<Bool>(&format!("(claims.score, claims.id) {op} ("))
                    .bind::<Double, _>(claim.score)
                    .sql(", ")
                    .bind::<BigInt, _>(claim.id)
                    .sql(")")
            };
            before = before.filter(key(">")).order((score().asc(), id().asc()));
            after = after.filter(key("<")).order((score().desc(), id().desc()));
        }
        Sort::Newest => {
            before = before
                .filter(claims::id.gt(claim.id))
                .order(claims::id.asc());
            after = after
                .filter(claims::id.lt(claim.id))
                .order(claims::id.desc());
        }
        Sort::Oldest => {
            before = before
                .filter(claims::id.lt(claim.id))
                .order(claims::id.desc());
            after = after
                .filter(claims::id.gt(claim.id))
                .order(claims::id.asc());
        }
        Sort::Updated => {
            let key = |op: &str| {
                sql::<Bool>(&format!("(claims.updated_at, claims.id) {op} ("))
                    .bind::<Timestamp, _>(claim.updated_at)
                    .sql(", ")
                    .bind::<BigInt, _>(claim.id)
                    .sql(")")
            };
            before = before.filter(key(">")).order((updated().asc(), id().asc()));
            after = after
                .filter(key("<"))
                .order((updated().desc(), id().desc()));
        }
    }
    let prev = before.select(claims::id).first(conn).optional()?;
    let next = after.select(claims::id).first(conn).optional()?;
    Ok((prev, next))
}

/// Claims per status under the same filters (the status filter aside), in `Status::ALL` order.
///
/// The unfiltered queue reads the team's counter rows (kept by triggers, see the `claim_counts`
/// migration): five rows instead of counting every claim on every page. A narrowed queue counts the
/// matching claims in one grouped query.
///
/// A text search matching more than `SEARCH_COUNT_CAP` claims is not counted: `None`.
fn counts_with(
    conn: &mut DbConn,
    team_id: i64,
    filter: &QueueFilter,
    search: Option<Search>,
) -> QueryResult<Option<Vec<(&'static str, i64)>>> {
    if search.is_some_and(|s| s.matches_capped >= SEARCH_COUNT_CAP) {
        return Ok(None);
    }
    let narrowed = filter.verdict_id.is_some()
        || filter.assignee != AssigneeFilter::Anyone
        || filter.article_id.is_some()
        || filter.tag.is_some()
        || filter.min_score.is_some()
        || filter.max_score.is_some()
        || !filter.words.is_empty();
    let found: Vec<(String, i64)> = if narrowed {
        let grouped = claims::table
            .group_by(claims::status)
            .select((claims::status, diesel::dsl::count_star()))
            .into_boxed();
        // A search reaching here has fewer than SEARCH_COUNT_CAP matches: start from them.
        let plan = if filter.words.is_empty() {
            SearchPlan::Walk
        } else {
            SearchPlan::Drive
        };
        filtered!(@from grouped, conn, team_id, filter, false, plan).load(conn)?
    } else {
        claim_counts::table
            .filter(claim_counts::team_id.eq(team_id))
            .select((claim_counts::status, claim_counts::n))
            .load(conn)?
    };
    Ok(Some(
        crate::domain::Status::ALL
            .iter()
            .map(|status| {
                let n = found
                    .iter()
                    .find(|(s, _)| s == status.as_str())
                    .map_or(0, |(_, n)| *n);
                (status.as_str(), n)
            })
            .collect(),
    ))
}

/// Takes the team's counter rows, in status order, before a transaction changes any claim's status
/// (PostgreSQL only; SQLite has one writer at a time). The status triggers update two of these rows;
/// taking all five first, always in the same order and before any claim row, means two writers can
/// never hold one each while waiting for the other's.
pub fn lock_counts(conn: &mut DbConn, team_id: i64) -> QueryResult<()> {
    if let DbConn::Postgres(pg) = conn {
        claim_counts::table
            .filter(claim_counts::team_id.eq(team_id))
            .order(claim_counts::status.asc())
            .select(claim_counts::n)
            .for_update()
            .load::<i64>(pg)?;
    }
    Ok(())
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
    if changes.status.is_some() {
        lock_counts(conn, team_id)?;
    }
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

/// One line of a claim's history and the name of whoever made the change (none for the system).
pub type HistoryRow = (EventRow, Option<String>);

/// A claim's history, oldest first, with the actor's name: all of it, or only the `latest` lines.
/// Also returns how many earlier lines were left out.
pub fn history_of(
    conn: &mut DbConn,
    team_id: i64,
    claim_id: i64,
    latest: Option<i64>,
) -> QueryResult<(Vec<HistoryRow>, i64)> {
    let of_claim = || {
        events::table
            .filter(events::team_id.eq(team_id))
            .filter(events::entity.eq("claim"))
            .filter(events::entity_id.eq(claim_id))
    };
    let mut query = of_claim()
        .left_join(users::table.on(users::id.nullable().eq(events::actor_id)))
        .order(events::id.desc())
        .select((events::all_columns, users::name.nullable()))
        .into_boxed();
    if let Some(n) = latest {
        query = query.limit(n);
    }
    let mut rows: Vec<HistoryRow> = query.load(conn)?;
    rows.reverse();
    let left_out = match latest {
        Some(n) if rows.len() as i64 == n => of_claim().count().get_result::<i64>(conn)? - n,
        _ => 0,
    };
    Ok((rows, left_out))
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

/// A claim's comments, oldest first, with their authors: all, or only the `latest`. Also returns
/// how many earlier comments were left out.
pub fn comments_of(
    conn: &mut DbConn,
    claim_id: i64,
    latest: Option<i64>,
) -> QueryResult<(Vec<(CommentRow, String)>, i64)> {
    let mut query = comments::table
        .inner_join(users::table)
        .filter(comments::claim_id.eq(claim_id))
        .order(comments::id.desc())
        .select((comments::all_columns, users::name))
        .into_boxed();
    if let Some(n) = latest {
        query = query.limit(n);
    }
    let mut rows: Vec<(CommentRow, String)> = query.load(conn)?;
    rows.reverse();
    let left_out = match latest {
        Some(n) if rows.len() as i64 == n => {
            comments::table
                .filter(comments::claim_id.eq(claim_id))
                .count()
                .get_result::<i64>(conn)?
                - n
        }
        _ => 0,
    };
    Ok((rows, left_out))
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
