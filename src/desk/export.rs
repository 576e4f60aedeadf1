//! Verdicts out in bulk: the CSV export walks a selection of the queue in batches, each sealed for
//! whoever exports it. Members' exports, the CSV and the ClaimReview feed alike, are throttled (each
//! counts against the same per-minute budget as sign-in attempts); the command line is the
//! operator's and is not.

use super::views::queue_filter;
use super::{seal, Member};
use crate::db::claims::export::{export_batch, ExportRow};
use crate::db::claims::queue::{QueueFilter, StatusFilter};
use crate::db::{throttle, DbConn};
use crate::domain::{QueueQuestion, Sort, TeamId};
use crate::error::{AppError, AppResult};

/// Claims read per database round trip.
pub const BATCH: i64 = 1000;

/// Counts one export (CSV or the ClaimReview feed) against the member's budget: 429 when spent.
pub fn spend_budget(conn: &mut DbConn, member: &Member) -> AppResult<()> {
    let key = vec![format!("export:user:{}", member.user)];
    let now = crate::db::now();
    if let Some(retry_after) = throttle::retry_after(conn, &key, now)? {
        return Err(AppError::TooManyRequests { retry_after });
    }
    // No history is written, so no need to queue behind the team's writes.
    crate::db::write(conn, |tx| throttle::record_failure(tx, &key, now))?;
    Ok(())
}

/// Starts a member's export of the queue selection `question` asks for: counts it against the
/// member's budget (429 when spent) and resolves the selection, walked in id order.
pub fn begin(
    conn: &mut DbConn,
    member: &Member,
    question: &QueueQuestion,
) -> AppResult<QueueFilter> {
    spend_budget(conn, member)?;
    selection(conn, member.team, Some(member), question)
}

/// The selection of an export by `member`, or by the operator on the command line (`None`).
/// Unlike the queue, an export without a status keeps the discarded claims (their status says
/// so): the export is the team's record, and a discarded claim is part of it.
pub fn selection(
    conn: &mut DbConn,
    team: TeamId,
    member: Option<&Member>,
    question: &QueueQuestion,
) -> AppResult<QueueFilter> {
    let (mut filter, _) = queue_filter(conn, team, member.map(|m| m.user), question)?;
    if question.status.is_none() {
        filter.status = StatusFilter::Any;
    }
    filter.sort = Sort::Oldest;
    filter.after = None;
    Ok(filter)
}

/// The next batch of the selection after claim id `after_id`, sealed for the one exporting.
pub fn batch(
    conn: &mut DbConn,
    team: TeamId,
    filter: &QueueFilter,
    after_id: i64,
) -> AppResult<Vec<ExportRow>> {
    let mut rows = export_batch(conn, team, filter, after_id, BATCH)?;
    for row in &mut rows {
        seal::seal_export_row(row, filter.viewer);
    }
    Ok(rows)
}
