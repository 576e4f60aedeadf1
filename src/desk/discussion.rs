//! Comments and tags: open on every claim whatever its status, since they never change the verdict
//! record.

use super::claims::load;
use super::{write, Member};
use crate::db::claims::{discussion as rows, record};
use crate::db::DbConn;
use crate::domain::{ClaimId, CommentBody, CommentId, Role, Tag};
use crate::error::AppResult;

pub fn comment(
    conn: &mut DbConn,
    member: &Member,
    claim: ClaimId,
    body: &CommentBody,
) -> AppResult<CommentId> {
    member.require(Role::Reviewer)?;
    write(conn, member.team, |tx| {
        let row = load(tx, member, claim)?;
        let id = rows::insert_comment(tx, row.scoped(), member.user, body.as_str())?;
        record(tx, row.scoped(), member.user, "commented", None, None)?;
        super::inbox::mentioned(tx, member, &row, body.as_str())?;
        Ok(CommentId::new(id))
    })
}

/// Adds or removes a tag, inside the caller's transaction; the history notes it only when
/// something changed.
pub(crate) fn tag_in(
    tx: &mut crate::db::DbConn,
    member: &Member,
    claim: ClaimId,
    tag: &Tag,
    remove: bool,
) -> AppResult<()> {
    member.require(Role::Reviewer)?;
    let row = load(tx, member, claim)?;
    let scoped = row.scoped();
    if remove {
        if rows::remove_tag(tx, scoped, tag)? {
            record(
                tx,
                scoped,
                member.user,
                "tag_removed",
                Some(tag.as_str()),
                None,
            )?;
        }
    } else if rows::add_tag(tx, scoped, tag)? {
        record(
            tx,
            scoped,
            member.user,
            "tag_added",
            None,
            Some(tag.as_str()),
        )?;
    }
    Ok(())
}

pub fn tag(
    conn: &mut DbConn,
    member: &Member,
    claim: ClaimId,
    tag: &Tag,
    remove: bool,
) -> AppResult<()> {
    write(conn, member.team, |tx| {
        tag_in(tx, member, claim, tag, remove)
    })
}
