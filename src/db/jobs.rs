//! The job queue: background work written in the transaction that asks for it and done by the job
//! worker (`crate::jobs`). A job names its kind and its subject (a citation…); one open job per
//! kind and subject, so asking twice does the work once. A worker leases a job before it runs it:
//! another worker (another instance on the same PostgreSQL database) skips it until the lease ends,
//! and a worker killed mid-job leaves it to be run again when the lease runs out (at least once).

use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;

use super::schema::jobs;
use super::DbConn;
use crate::domain::TeamId;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = jobs)]
pub struct JobRow {
    pub id: i64,
    pub team_id: Option<i64>,
    pub kind: String,
    pub subject_id: i64,
    pub created_at: NaiveDateTime,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub done_at: Option<NaiveDateTime>,
    pub failed_at: Option<NaiveDateTime>,
    pub last_error: Option<String>,
}

impl JobRow {
    pub fn team(&self) -> Option<TeamId> {
        self.team_id.map(TeamId::new)
    }

    /// "done", "failed", "retrying" or "waiting", as the team's jobs page says it.
    pub fn state(&self) -> &'static str {
        match (self.done_at, self.failed_at, &self.last_error) {
            (Some(_), _, _) => "done",
            (None, Some(_), _) => "failed",
            (None, None, Some(_)) => "retrying",
            (None, None, None) => "waiting",
        }
    }
}

/// Asks for a job; nothing happens when one of that kind and subject is already open.
pub fn enqueue(
    conn: &mut DbConn,
    team: Option<TeamId>,
    kind: &str,
    subject: i64,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let values = (
        jobs::team_id.eq(team.map(TeamId::get)),
        jobs::kind.eq(kind),
        jobs::subject_id.eq(subject),
        jobs::created_at.eq(now),
        jobs::next_attempt_at.eq(now),
    );
    let insert = diesel::insert_into(jobs::table).values(values);
    // ON CONFLICT is written the same on both backends, but diesel types it per backend.
    match conn {
        DbConn::Postgres(pg) => insert.on_conflict_do_nothing().execute(pg),
        DbConn::Sqlite(sqlite) => insert.on_conflict_do_nothing().execute(sqlite),
    }
    .map(drop)
}

fn open(
) -> diesel::dsl::And<diesel::dsl::IsNull<jobs::done_at>, diesel::dsl::IsNull<jobs::failed_at>> {
    jobs::done_at.is_null().and(jobs::failed_at.is_null())
}

/// Whether any job (of these kinds, when given) is due: a read, so an idle worker takes no write
/// lock.
pub fn any_due(conn: &mut DbConn, now: NaiveDateTime, kinds: Option<&[&str]>) -> QueryResult<bool> {
    let due = jobs::table
        .filter(open())
        .filter(jobs::next_attempt_at.le(now));
    match kinds {
        Some(kinds) => diesel::select(diesel::dsl::exists(due.filter(jobs::kind.eq_any(kinds))))
            .get_result(conn),
        None => diesel::select(diesel::dsl::exists(due)).get_result(conn),
    }
}

/// Leases up to `limit` jobs due now for `lease` and returns them. Runs inside the caller's write
/// transaction: on PostgreSQL the due rows are locked with `SKIP LOCKED`, so workers of several
/// instances take disjoint jobs without waiting on each other; SQLite has one writer at a time.
pub fn lease_due(
    tx: &mut DbConn,
    now: NaiveDateTime,
    lease: TimeDelta,
    limit: i64,
) -> QueryResult<Vec<JobRow>> {
    lease_due_of(tx, now, |_| lease, limit, None)
}

/// As `lease_due`, only jobs of `kinds` when given (a command runs only the work it asked for),
/// each leased for as long as `lease` says its kind takes.
pub fn lease_due_of(
    tx: &mut DbConn,
    now: NaiveDateTime,
    lease: impl Fn(&str) -> TimeDelta,
    limit: i64,
    kinds: Option<&[&str]>,
) -> QueryResult<Vec<JobRow>> {
    let due = jobs::table
        .filter(open())
        .filter(jobs::next_attempt_at.le(now))
        .order(jobs::next_attempt_at)
        .limit(limit)
        .select((jobs::id, jobs::kind));
    let due: Vec<(i64, String)> = match (&mut *tx, kinds) {
        (DbConn::Postgres(pg), Some(kinds)) => due
            .filter(jobs::kind.eq_any(kinds))
            .for_update()
            .skip_locked()
            .load(pg)?,
        (DbConn::Sqlite(sqlite), Some(kinds)) => {
            due.filter(jobs::kind.eq_any(kinds)).load(sqlite)?
        }
        (tx, None) => match tx {
            DbConn::Postgres(pg) => due.for_update().skip_locked().load(pg)?,
            DbConn::Sqlite(sqlite) => due.load(sqlite)?,
        },
    };
    if due.is_empty() {
        return Ok(Vec::new());
    }
    for (id, kind) in &due {
        diesel::update(jobs::table.find(id))
            .set((
                jobs::next_attempt_at.eq(now + lease(kind)),
                jobs::attempts.eq(jobs::attempts + 1),
            ))
            .execute(tx)?;
    }
    let ids: Vec<i64> = due.into_iter().map(|(id, _)| id).collect();
    jobs::table
        .filter(jobs::id.eq_any(&ids))
        .order(jobs::id)
        .select(JobRow::as_select())
        .load(tx)
}

pub fn mark_done(conn: &mut DbConn, id: i64, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(jobs::table.find(id))
        .set((
            jobs::done_at.eq(Some(now)),
            jobs::last_error.eq(None::<String>),
        ))
        .execute(conn)
        .map(drop)
}

/// A failed attempt, tried again at `next`.
pub fn mark_retry(conn: &mut DbConn, id: i64, error: &str, next: NaiveDateTime) -> QueryResult<()> {
    diesel::update(jobs::table.find(id))
        .set((
            jobs::next_attempt_at.eq(next),
            jobs::last_error.eq(Some(clip(error))),
        ))
        .execute(conn)
        .map(drop)
}

/// A job given up: it stays on the admins' page with its last error.
pub fn mark_failed(conn: &mut DbConn, id: i64, error: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(jobs::table.find(id))
        .set((
            jobs::failed_at.eq(Some(now)),
            jobs::last_error.eq(Some(clip(error))),
        ))
        .execute(conn)
        .map(drop)
}

/// How many attempts the job has had (`None` once it is gone): a worker settles a job only while
/// this is still the count it leased it with, so one whose lease ran out and was taken by
/// another worker is left to that worker.
pub fn attempts_of(conn: &mut DbConn, id: i64) -> QueryResult<Option<i32>> {
    jobs::table
        .find(id)
        .select(jobs::attempts)
        .first(conn)
        .optional()
}

fn clip(error: &str) -> String {
    error.chars().take(500).collect()
}

/// Deletes jobs finished (done or failed) before `before`.
pub fn prune(conn: &mut DbConn, before: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(jobs::table.filter(jobs::done_at.lt(before).or(jobs::failed_at.lt(before))))
        .execute(conn)
}

/// How many jobs wait and how many have failed: all teams' (`None`, the metrics) or one team's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Depth {
    pub waiting: i64,
    /// Waiting jobs whose last attempt failed (they will be tried again).
    pub retrying: i64,
    pub failed: i64,
}

pub fn depth(conn: &mut DbConn, team: Option<TeamId>) -> QueryResult<Depth> {
    let mut waiting = jobs::table.filter(open()).into_boxed();
    let mut retrying = jobs::table
        .filter(open())
        .filter(jobs::last_error.is_not_null())
        .into_boxed();
    let mut failed = jobs::table
        .filter(jobs::failed_at.is_not_null())
        .into_boxed();
    if let Some(team) = team {
        waiting = waiting.filter(jobs::team_id.eq(team.get()));
        retrying = retrying.filter(jobs::team_id.eq(team.get()));
        failed = failed.filter(jobs::team_id.eq(team.get()));
    }
    Ok(Depth {
        waiting: waiting.count().get_result(conn)?,
        retrying: retrying.count().get_result(conn)?,
        failed: failed.count().get_result(conn)?,
    })
}

/// The team's latest jobs, newest first (the admins' jobs page).
pub fn of_team(conn: &mut DbConn, team: TeamId, limit: i64) -> QueryResult<Vec<JobRow>> {
    jobs::table
        .filter(jobs::team_id.eq(team.get()))
        .order(jobs::id.desc())
        .limit(limit)
        .select(JobRow::as_select())
        .load(conn)
}

/// How many jobs of these kinds for these subjects are still open (waiting or running).
pub fn open_among(conn: &mut DbConn, kinds: &[&str], subjects: &[i64]) -> QueryResult<i64> {
    let mut open_jobs = 0;
    for chunk in subjects.chunks(500) {
        open_jobs += jobs::table
            .filter(open())
            .filter(jobs::kind.eq_any(kinds))
            .filter(jobs::subject_id.eq_any(chunk))
            .count()
            .get_result::<i64>(conn)?;
    }
    Ok(open_jobs)
}
