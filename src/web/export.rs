//! Exports: the verdict CSV, streamed from the database in batches so memory stays flat whatever
//! the number of claims.

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{web, HttpResponse};
use serde::Deserialize;

use super::claims::QueueQuery;
use super::session::Session;
use super::{blocking, AppState};
use crate::desk::export::{self, BATCH};
use crate::error::AppResult;
use crate::export::csv::{CsvWriter, BOM};

#[derive(Deserialize)]
pub struct ExportQuery {
    #[serde(flatten)]
    filters: QueueQuery,
    #[serde(default)]
    bom: String,
}

/// A file name for the team: lower-case letters, digits and dashes only.
pub fn file_name(team: &str, date: chrono::NaiveDate) -> String {
    let mut slug = String::new();
    for c in team.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_matches('-');
    let slug = if slug.is_empty() { "team" } else { slug };
    format!("claimdesk-{slug}-{date}.csv")
}

/// `GET /export/claims.csv`: the queue's filters, every matching claim of the team. Viewers may
/// export; exports count against the same per-minute budget as sign-in attempts, per member.
pub async fn claims_csv(
    state: web::Data<AppState>,
    session: Session,
    query: web::Query<ExportQuery>,
) -> AppResult<HttpResponse> {
    let ExportQuery { mut filters, bom } = query.into_inner();
    filters.after.clear();
    let question = filters.question()?;
    let member = session.member();
    let team = member.team;
    let pool = state.pool.clone();
    let filter = blocking(move || export::begin(&mut *pool.get()?, &member, &question)).await?;
    let name = file_name(&session.info.team_name, crate::db::now().date());
    let mut writer = CsvWriter::new(&super::public::base_url(&state));
    let (sender, receiver) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    let pool = state.pool.clone();
    let with_bom = matches!(bom.as_str(), "1" | "true" | "on");
    actix_web::rt::task::spawn_blocking(move || {
        let send = |bytes: Vec<u8>| sender.blocking_send(Ok(Bytes::from(bytes))).is_ok();
        let mut head = if with_bom { BOM.to_vec() } else { Vec::new() };
        if writer.header().is_err() {
            return;
        }
        head.extend(writer.take());
        if !send(head) {
            return;
        }
        let mut after = 0i64;
        loop {
            let batch = pool
                .get()
                .map_err(crate::error::AppError::from)
                .and_then(|mut conn| export::batch(&mut conn, team, &filter, after));
            let rows = match batch {
                Ok(rows) => rows,
                Err(cause) => {
                    tracing::error!(cause = %cause, "CSV export failed mid-stream");
                    let _ = sender.blocking_send(Err(std::io::Error::other("export failed")));
                    return;
                }
            };
            let Some(last) = rows.last() else { return };
            after = last.claim_id;
            for row in &rows {
                if writer.row(row).is_err() {
                    return;
                }
            }
            // The client went away: stop reading.
            if !send(writer.take()) {
                return;
            }
            if (rows.len() as i64) < BATCH {
                return;
            }
        }
    });
    let body = futures_util::stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await.map(|chunk| (chunk, receiver))
    });
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ))
        .streaming(body))
}

#[cfg(test)]
mod tests {
    use super::file_name;

    #[test]
    fn file_names_are_safe_slugs() {
        let date = chrono::NaiveDate::from_ymd_opt(2025, 8, 23).unwrap();
        assert_eq!(
            file_name("Harbor Desk", date),
            "claimdesk-harbor-desk-2025-08-23.csv"
        );
        assert_eq!(
            file_name("\"; rm -rf /", date),
            "claimdesk-rm-rf-2025-08-23.csv"
        );
        assert_eq!(
            file_name("Équipe Été", date),
            "claimdesk-quipe-t-2025-08-23.csv"
        );
        assert_eq!(file_name("***", date), "claimdesk-team-2025-08-23.csv");
    }
}
