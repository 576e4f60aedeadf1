//! The queue: a team's claims under a member's filters, in one of five orders, a page at a time by
//! keyset (`keyset`; never OFFSET), with the claims before and after one of them and the counts per status.
//! Text search goes through the full-text index (SQLite FTS5, PostgreSQL tsvector) with a plan
//! chosen from how many claims match (`SearchPlan`).

use chrono::NaiveDateTime;
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Text};

use super::super::schema::*;
use super::super::DbConn;
pub use super::keyset::sorted_by;
use super::keyset::{keyset, parts, Direction, Order};
use super::ranked;
use super::search::{
    in_index_order, key_of, plan_search, probe_condition, reads_in_index_order, search_plan,
    team_keys, walk_condition, Search, Way,
};
pub use super::search::{SearchPlan, RANKED_BELOW, SEARCH_COUNT_CAP};
use super::words::ts_query;
use crate::db::models::ClaimRow;
use crate::domain::{
    ArticleId, ClaimId, Cursor, Score, Sort, Status, Tag, TeamId, UserId, VerdictId,
};

type Backend = <DbConn as diesel::Connection>::Backend;
pub(super) type ClaimsQuery<'a> = claims::BoxedQuery<'a, Backend>;
/// A condition on a claim row.
pub type Condition = Box<dyn BoxableExpression<claims::table, Backend, SqlType = Bool>>;

/// Who is assigned: anyone, nobody, or one member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssigneeFilter {
    Anyone,
    Nobody,
    Member(UserId),
}

/// Which statuses a selection takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    /// Every status but discarded: the queue as it opens.
    InWorkflow,
    /// Every status, discarded included: what exports walk unless asked for one status.
    Any,
    /// One status (discarded, say).
    Only(Status),
}

/// The queue's filters, validated and resolved to ids.
#[derive(Debug, Clone)]
pub struct QueueFilter {
    pub status: StatusFilter,
    pub verdict: Option<VerdictId>,
    pub assignee: AssigneeFilter,
    pub article: Option<ArticleId>,
    pub tag: Option<Tag>,
    pub min_score: Option<f64>,
    pub max_score: Option<f64>,
    /// Words to search for; already reduced to plain words.
    pub words: Vec<String>,
    pub sort: Sort,
    pub after: Option<Cursor>,
    /// Who reads the list (`None`: the command line). A verdict filter never matches a claim whose
    /// verdict is sealed from them.
    pub viewer: Option<UserId>,
    /// The filter names something the team does not have (a verdict off its scale, a malformed
    /// tag): it matches no claim.
    pub unmatchable: bool,
}

impl QueueFilter {
    /// Every claim of the team, discarded ones included, oldest first: what exports walk.
    pub fn everything(viewer: Option<UserId>) -> QueueFilter {
        QueueFilter {
            status: StatusFilter::Any,
            verdict: None,
            assignee: AssigneeFilter::Anyone,
            article: None,
            tag: None,
            min_score: None,
            max_score: None,
            words: Vec::new(),
            sort: Sort::Oldest,
            after: None,
            viewer,
            unmatchable: false,
        }
    }
}

/// One row of the queue, with names resolved: what the queue page lists and the API answers (as
/// `ClaimSummaryOut`). The verdict is as stored: `desk::views` seals it before anyone reads it.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
#[schema(as = ClaimSummaryOut)]
pub struct QueueRow {
    #[schema(value_type = i64)]
    pub id: ClaimId,
    pub statement: String,
    pub surface: Option<String>,
    pub value: Option<String>,
    pub unit: Option<String>,
    pub qualifier: Option<String>,
    pub score: f64,
    /// unverified, in_review, awaiting_approval, verified, published or discarded.
    pub status: String,
    /// The verdict's label, once proposed (null while sealed from the caller).
    #[serde(rename = "verdict")]
    pub verdict_label: Option<String>,
    /// The assignee's name.
    #[serde(rename = "assignee")]
    pub assignee_name: Option<String>,
    pub article_title: Option<String>,
    #[serde(with = "crate::domain::utc")]
    pub updated_at: NaiveDateTime,
    pub version: i64,
    #[serde(skip)]
    pub review_sealed: bool,
    #[serde(skip)]
    pub proposed_by: Option<i64>,
}

/// `desk::seal::sealed` in SQL: the claims whose verdict `viewer` may read (`None`: the command
/// line). Filters and counts by verdict go through it.
pub fn verdict_visible(viewer: Option<UserId>) -> Condition {
    match viewer {
        Some(viewer) => Box::new(
            claims::review_sealed
                .eq(false)
                .or(claims::proposed_by.eq(viewer.get()).assume_not_null()),
        ),
        None => Box::new(claims::review_sealed.eq(false)),
    }
}

pub(super) fn is_sqlite(conn: &DbConn) -> bool {
    matches!(conn, DbConn::Sqlite(_))
}

/// The filter as a boxed WHERE clause over `claims`, shared by the page query and the counts (a
/// macro because the counts query is grouped before it is boxed, which gives it another type).
macro_rules! filtered {
    // From a query over `claims` that is already shaped (grouped, say) before it is boxed; `$plan`
    // is how a text search is answered (see `SearchPlan`).
    (@from $base:expr, $conn:expr, $team:expr, $filter:expr, $with_status:expr, $plan:expr) => {{
        let filter: &QueueFilter = $filter;
        let plan: SearchPlan = $plan;
        let mut query = if plan == SearchPlan::Drive && is_sqlite($conn) {
            // `+team_id` hides the team's indexes from SQLite, so it starts from the few matches.
            $base.filter(sql::<Bool>("+claims.team_id = ").bind::<BigInt, _>($team.get()))
        } else {
            $base.filter(claims::team_id.eq($team.get()))
        };
        if $with_status {
            match filter.status {
                StatusFilter::Any => {}
                StatusFilter::InWorkflow => {
                    query = query.filter(claims::status.ne(Status::Discarded.as_str()))
                }
                StatusFilter::Only(status) => {
                    query = query.filter(claims::status.eq(status.as_str()))
                }
            }
        }
        if filter.unmatchable {
            query = query.filter(sql::<Bool>("1 = 0"));
        }
        if let Some(verdict) = filter.verdict {
            // A verdict sealed from the viewer must not match its own filter, or filtering would
            // reveal it.
            query = query
                .filter(claims::verdict_id.eq(verdict.get()))
                .filter(verdict_visible(filter.viewer));
        }
        match filter.assignee {
            AssigneeFilter::Anyone => {}
            AssigneeFilter::Nobody => query = query.filter(claims::assignee_id.is_null()),
            AssigneeFilter::Member(id) => query = query.filter(claims::assignee_id.eq(id.get())),
        }
        if let Some(article) = filter.article {
            query = query.filter(claims::article_id.eq(article.get()));
        }
        if let Some(tag) = &filter.tag {
            query = query.filter(
                claims::id.eq_any(
                    claim_tags::table
                        .filter(claim_tags::tag.eq(tag.as_str().to_owned()))
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
            let tsquery = ts_query(&filter.words);
            if is_sqlite($conn) && plan == SearchPlan::Probe {
                query = query.filter(probe_condition(&filter.words));
            } else if is_sqlite($conn) {
                query = query.filter(walk_condition($team, &filter.words));
            } else {
                query = query.filter(
                    sql::<Bool>("claims.search @@ to_tsquery('simple', ")
                        .bind::<Text, _>(tsquery)
                        .sql(")"),
                );
            }
        }
        query
    }};
}

/// What the queue page shows: one page, the next page's cursor and the counts per status (`None`
/// for a search too common to count). The search is planned and counted once for all three.
pub struct QueuePage {
    pub rows: Vec<QueueRow>,
    pub next: Option<Cursor>,
    pub counts: Option<Vec<(Status, i64)>>,
    /// The order the rows are in (`sorted_by`).
    pub sorted_by: Sort,
}

pub fn queue_page(
    conn: &mut DbConn,
    team: TeamId,
    filter: &QueueFilter,
    limit: i64,
) -> QueryResult<QueuePage> {
    let search = plan_search(conn, team, filter)?;
    let plan = search.map_or(SearchPlan::Walk, |s| s.plan);
    if search.is_some_and(|s| s.matches_capped == 0) {
        // no claim of the team says the words: nothing to read (two common words that never
        // meet cost a full pass over the index per statement)
        return Ok(QueuePage {
            rows: Vec::new(),
            next: None,
            counts: Some(Status::ALL.iter().map(|status| (*status, 0)).collect()),
            sorted_by: sorted_by(filter, plan),
        });
    }
    let (rows, next) = queue_planned(conn, team, filter, limit, plan)?;
    let counts = counts_with(conn, team, filter, search)?;
    Ok(QueuePage {
        rows,
        next,
        counts,
        sorted_by: sorted_by(filter, plan),
    })
}

/// The columns the queue scans; names are looked up afterwards for the page only.
#[derive(Queryable)]
pub(super) struct QueueScan {
    pub(super) id: i64,
    statement: String,
    surface: Option<String>,
    value: Option<String>,
    unit: Option<String>,
    qualifier: Option<String>,
    pub(super) score: f64,
    status: String,
    verdict_id: Option<i64>,
    assignee_id: Option<i64>,
    article_id: Option<i64>,
    pub(super) updated_at: NaiveDateTime,
    version: i64,
    review_sealed: bool,
    proposed_by: Option<i64>,
}

/// The columns of a `QueueScan`, in its order.
type ScanColumns = (
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
    claims::review_sealed,
    claims::proposed_by,
);

/// The columns of a `QueueScan`.
pub(super) const SCAN_COLUMNS: ScanColumns = (
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
    claims::review_sealed,
    claims::proposed_by,
);

/// The team's claims under `filter` (sort and cursor aside), for walks of the whole selection.
pub(super) fn selection<'a>(conn: &DbConn, team: TeamId, filter: &QueueFilter) -> ClaimsQuery<'a> {
    selection_planned(conn, team, filter, SearchPlan::Walk)
}

/// `selection` with a search answered by `plan`.
pub(super) fn selection_planned<'a>(
    conn: &DbConn,
    team: TeamId,
    filter: &QueueFilter,
    plan: SearchPlan,
) -> ClaimsQuery<'a> {
    filtered!(@from claims::table.into_boxed(), conn, team, filter, true, plan)
}

/// One page of the queue without counts: the rows, the next page's cursor, and the order.
pub struct QueueList {
    pub rows: Vec<QueueRow>,
    pub next: Option<Cursor>,
    /// The order the rows are in (`sorted_by`).
    pub sorted_by: Sort,
}

/// One page of the queue and the cursor of the next page, if there is one.
pub fn queue(
    conn: &mut DbConn,
    team: TeamId,
    filter: &QueueFilter,
    limit: i64,
) -> QueryResult<QueueList> {
    let plan = search_plan(conn, team, filter)?;
    let (rows, next) = queue_planned(conn, team, filter, limit, plan)?;
    Ok(QueueList {
        rows,
        next,
        sorted_by: sorted_by(filter, plan),
    })
}

/// `queue` with the text-search plan given rather than chosen: every plan must list the same
/// claims in the same order, and the tests hold them to it (a ranked page is only ranked under
/// `SearchPlan::Drive`, `sorted_by`; under the others it is in the score's order).
pub fn queue_planned(
    conn: &mut DbConn,
    team: TeamId,
    filter: &QueueFilter,
    limit: i64,
    plan: SearchPlan,
) -> QueryResult<(Vec<QueueRow>, Option<Cursor>)> {
    let resolved = with_cursor_in_order(conn, team, filter, plan)?;
    let filter = resolved.as_ref().unwrap_or(filter);
    let (page, next) = match Order::of(filter, plan) {
        Some(_) if reads_index(conn, filter, plan) => index_page(conn, team, filter, limit)?,
        Some(order) => keyset_page(conn, team, filter, (limit, plan), &order)?,
        None => {
            let (ids, next) = ranked::page(conn, team, filter, (limit, plan))?;
            let query = claims::table
                .into_boxed()
                .filter(claims::team_id.eq(team.get()))
                .filter(claims::id.eq_any(ids.clone()));
            let mut rows = scan(conn, query, limit)?;
            rows.sort_by_key(|row| ids.iter().position(|id| *id == row.id));
            (rows, next)
        }
    };
    let page = &page[..];
    // Names for the page's verdicts, assignees and articles, in small lookups rather than joins
    // that would slow the sorted scan. The team's verdicts and members are few: read whole, by
    // statements prepared once (diesel caches none with a list of values); an assignee who has
    // left the team, and the articles, by their ids.
    let verdict_names: Vec<(i64, String)> = verdicts::table
        .filter(verdicts::team_id.eq(team.get()))
        .select((verdicts::id, verdicts::label))
        .load(conn)?;
    let mut user_names: Vec<(i64, String)> = users::table
        .inner_join(memberships::table)
        .filter(memberships::team_id.eq(team.get()))
        .select((users::id, users::name))
        .load(conn)?;
    let mut former: Vec<i64> = page
        .iter()
        .filter_map(|r| r.assignee_id)
        .filter(|id| !user_names.iter().any(|(k, _)| k == id))
        .collect();
    if !former.is_empty() {
        former.sort_unstable();
        former.dedup();
        user_names.extend(
            users::table
                .filter(users::id.eq_any(former))
                .select((users::id, users::name))
                .load::<(i64, String)>(conn)?,
        );
    }
    let article_ids: Vec<i64> = page.iter().filter_map(|r| r.article_id).collect();
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
            id: ClaimId::new(r.id),
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
            review_sealed: r.review_sealed,
            proposed_by: r.proposed_by,
        })
        .collect();
    Ok((rows, next))
}

/// The queue's columns of a query's claims (at most `limit` of them).
fn scan(conn: &mut DbConn, query: ClaimsQuery<'_>, limit: i64) -> QueryResult<Vec<QueueScan>> {
    query.limit(limit).select(SCAN_COLUMNS).load(conn)
}

/// One page in a keyset order (every sort but relevance) and the next page's cursor: the parts
/// past the cursor read in turn until the page is full.
fn keyset_page(
    conn: &mut DbConn,
    team: TeamId,
    filter: &QueueFilter,
    (limit, plan): (i64, SearchPlan),
    order: &Order,
) -> QueryResult<(Vec<QueueScan>, Option<Cursor>)> {
    let mut page: Vec<QueueScan> = Vec::new();
    for &part in parts(order, filter.after.as_ref()) {
        let wanted = limit + 1 - page.len() as i64;
        if wanted <= 0 {
            break;
        }
        let query = filtered!(@from claims::table.into_boxed(), conn, team, filter, true, plan);
        let query = keyset(
            query,
            conn,
            order,
            (filter.after.as_ref(), part),
            Direction::Along,
        );
        page.extend(scan(conn, query, wanted)?);
    }
    let has_more = page.len() as i64 > limit;
    page.truncate(usize::try_from(limit).unwrap_or(0));
    let next = match page.last() {
        Some(last) if has_more => Some(order.cursor_of((last.id, last.score, last.updated_at))),
        _ => None,
    };
    Ok((page, next))
}

/// Whether a page (or a claim's neighbours) is read in the full-text index's order: planned so
/// (`SearchPlan::Index`, SQLite) and in the score's order, the index's own.
fn reads_index(conn: &DbConn, filter: &QueueFilter, plan: SearchPlan) -> bool {
    plan == SearchPlan::Index
        && is_sqlite(conn)
        && sorted_by(filter, plan) == Sort::Score
        && reads_in_index_order(filter)
}

/// The filter with its cursor in the order the page is in. A search by relevance too broad to
/// rank is in the score's order and writes the score's cursors, which `sort=relevance` reads back
/// as a claim id alone (`Cursor::parse`): its score is looked up again (a claim gone since starts
/// the list afresh, as a cursor of another order does).
fn with_cursor_in_order(
    conn: &mut DbConn,
    team: TeamId,
    filter: &QueueFilter,
    plan: SearchPlan,
) -> QueryResult<Option<QueueFilter>> {
    let Some(Cursor::Id(id)) = filter.after else {
        return Ok(None);
    };
    if filter.sort != Sort::Relevance || sorted_by(filter, plan) != Sort::Score {
        return Ok(None);
    }
    let score: Option<f64> = claims::table
        .filter(claims::team_id.eq(team.get()))
        .filter(claims::id.eq(id))
        .select(claims::score)
        .first(conn)
        .optional()?;
    Ok(Some(QueueFilter {
        after: score.map(|score| Cursor::Score(score, id)),
        ..filter.clone()
    }))
}

/// One page in the score's order read from the full-text index (`SearchPlan::Index`): the
/// team's matches below the cursor's row id (`search::key_of`; a cursor of another order starts
/// from the top, as in `keyset`), and the next page's cursor.
fn index_page(
    conn: &mut DbConn,
    team: TeamId,
    filter: &QueueFilter,
    limit: i64,
) -> QueryResult<(Vec<QueueScan>, Option<Cursor>)> {
    let (first, last) = team_keys(team);
    let to = match filter.after {
        Some(Cursor::Score(score, id)) => key_of(team, Score::new(score), id) - 1,
        _ => last,
    };
    let mut page = in_index_order(conn, team, filter, ((first, to), Way::Down), limit + 1)?;
    let has_more = page.len() as i64 > limit;
    page.truncate(usize::try_from(limit).unwrap_or(0));
    let next = match page.last() {
        Some(last) if has_more => Some(Cursor::Score(last.score, last.id)),
        _ => None,
    };
    Ok((page, next))
}

/// The claims just before and just after `claim` in the filtered queue's order: one indexed lookup
/// each way, the same keyset comparisons the pages use. A claim outside the filter still gets the
/// neighbours its position in that order would have.
pub fn neighbours(
    conn: &mut DbConn,
    team: TeamId,
    filter: &QueueFilter,
    claim: &ClaimRow,
) -> QueryResult<(Option<ClaimId>, Option<ClaimId>)> {
    // Probing is only good for a walk that stops at a page; a neighbour may be far away.
    let plan = match search_plan(conn, team, filter)? {
        SearchPlan::Probe => SearchPlan::Walk,
        plan => plan,
    };
    if reads_index(conn, filter, plan) {
        // the first match above the claim's row id in the index, and the first below it
        let at = key_of(team, Score::new(claim.score), claim.id);
        let (first, last) = team_keys(team);
        let mut nearest = |keys, way| -> QueryResult<Option<ClaimId>> {
            let found = in_index_order(conn, team, filter, (keys, way), 1)?;
            Ok(found.first().map(|row| ClaimId::new(row.id)))
        };
        let prev = nearest((at.saturating_add(1), last), Way::Up)?;
        let next = nearest((first, at - 1), Way::Down)?;
        return Ok((prev, next));
    }
    let Some(order) = Order::of(filter, plan) else {
        let (prev, next) = ranked::neighbours(conn, team, filter, plan, claim.id)?;
        return Ok((prev.map(ClaimId::new), next.map(ClaimId::new)));
    };
    let at = order.cursor_of((claim.id, claim.score, claim.updated_at));
    let mut found = [None, None];
    for (slot, direction) in found.iter_mut().zip([Direction::Against, Direction::Along]) {
        for &part in parts(&order, Some(&at)) {
            let query = filtered!(@from claims::table.into_boxed(), conn, team, filter, true, plan);
            *slot = keyset(query, conn, &order, (Some(&at), part), direction)
                .select(claims::id)
                .first::<i64>(conn)
                .optional()?
                .map(ClaimId::new);
            if slot.is_some() {
                break;
            }
        }
    }
    let [prev, next] = found;
    Ok((prev, next))
}

/// Claims per status under the same filters (the status filter aside), in `Status::ALL` order.
///
/// The unfiltered queue reads the team's counter rows (kept by triggers, see the `claim_counts`
/// migration): six rows instead of counting every claim on every page. A narrowed queue counts the
/// matching claims in one grouped query.
///
/// A text search matching more than `SEARCH_COUNT_CAP` claims is not counted: `None`.
fn counts_with(
    conn: &mut DbConn,
    team: TeamId,
    filter: &QueueFilter,
    search: Option<Search>,
) -> QueryResult<Option<Vec<(Status, i64)>>> {
    if search.is_some_and(|s| s.matches_capped >= SEARCH_COUNT_CAP) {
        return Ok(None);
    }
    let narrowed = filter.unmatchable
        || filter.verdict.is_some()
        || filter.assignee != AssigneeFilter::Anyone
        || filter.article.is_some()
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
        filtered!(@from grouped, conn, team, filter, false, plan).load(conn)?
    } else {
        claim_counts::table
            .filter(claim_counts::team_id.eq(team.get()))
            .select((claim_counts::status, claim_counts::n))
            .load(conn)?
    };
    Ok(Some(
        Status::ALL
            .iter()
            .map(|status| {
                let n = found
                    .iter()
                    .find(|(s, _)| s == status.as_str())
                    .map_or(0, |(_, n)| *n);
                (*status, n)
            })
            .collect(),
    ))
}
