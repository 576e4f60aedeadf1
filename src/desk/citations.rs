//! Citations: the sources a claim rests on. They are part of the verdict record, so a verified or
//! published claim's citations change only through a correction.

use super::claims::{ensure_record_open, load};
use super::{evidence, write, Member};
use crate::db::claims::{citations as rows, record};
use crate::db::models::CitationRow;
use crate::db::DbConn;
use crate::domain::{CitationDraft, CitationId, ClaimId, Role};
use crate::error::{AppError, AppResult};

fn describe(stance: &str, url: &str, title: &str) -> String {
    format!("{stance}: {url} ({title})")
}

fn describe_row(row: &CitationRow) -> String {
    describe(&row.stance, &row.url, &row.title)
}

fn describe_draft(draft: &CitationDraft) -> String {
    describe(draft.stance.as_str(), draft.url.as_str(), &draft.title)
}

pub fn add(
    conn: &mut DbConn,
    member: &Member,
    claim: ClaimId,
    draft: &CitationDraft,
) -> AppResult<CitationId> {
    member.require(Role::Reviewer)?;
    write(conn, member.team, |tx| {
        let row = load(tx, member, claim)?;
        ensure_record_open(&row)?;
        let id = rows::insert_citation(tx, row.scoped(), member.user, draft)?;
        evidence::archive_later(tx, member.team, id, crate::db::now())?;
        let after = format!("{}: {}", draft.stance, draft.url.as_str());
        record(
            tx,
            row.scoped(),
            member.user,
            "citation_added",
            None,
            Some(&after),
        )?;
        Ok(id)
    })
}

/// Replaces a citation's fields; the history keeps what it said before.
pub fn edit(
    conn: &mut DbConn,
    member: &Member,
    claim: ClaimId,
    citation: CitationId,
    draft: &CitationDraft,
) -> AppResult<()> {
    member.require(Role::Reviewer)?;
    write(conn, member.team, |tx| {
        let row = load(tx, member, claim)?;
        ensure_record_open(&row)?;
        let before =
            rows::update_citation(tx, row.scoped(), citation, draft)?.ok_or(AppError::NotFound)?;
        if before.url != draft.url.as_str() {
            evidence::archive_later(tx, member.team, citation, crate::db::now())?;
        } else if before.excerpt.as_deref() != draft.excerpt.as_deref() {
            evidence::excerpt_edited(tx, citation, draft.excerpt.as_deref())?;
        }
        record(
            tx,
            row.scoped(),
            member.user,
            "citation_edited",
            Some(&describe_row(&before)),
            Some(&describe_draft(draft)),
        )?;
        Ok(())
    })
}

pub fn remove(
    conn: &mut DbConn,
    member: &Member,
    claim: ClaimId,
    citation: CitationId,
) -> AppResult<()> {
    member.require(Role::Reviewer)?;
    write(conn, member.team, |tx| {
        let row = load(tx, member, claim)?;
        ensure_record_open(&row)?;
        let removed =
            rows::delete_citation(tx, row.scoped(), citation)?.ok_or(AppError::NotFound)?;
        record(
            tx,
            row.scoped(),
            member.user,
            "citation_removed",
            Some(&removed.url),
            None,
        )?;
        Ok(())
    })
}
