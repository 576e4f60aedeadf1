//! Telling members: who is told what, when. A notice goes to the inbox of each member concerned
//! (never to the one who acted), and, unless they turned that kind off, an e-mail goes to the
//! outbox, both in the transaction of the change:
//! - assigned: the claim's new assignee, when someone else assigned it;
//! - sent back: the proposer of the verdict sent back, and the assignee;
//! - approval requested: the team's active editors and admins, when a verdict is proposed;
//! - mentioned: each active member a comment names (`@handle`, see `domain::mentions`).
//!
//! The inbox page lists the notices with what waits on the member now: claims assigned to them
//! still open, and verdicts they may approve.

use super::{write, Member};
use crate::db::inbox::{self as rows, NewNotice, NoticeLine};
use crate::db::models::ClaimRow;
use crate::db::outbox::{self, MailRow, NewMail};
use crate::db::users::{self, Member as TeamMember};
use crate::db::DbConn;
use crate::domain::{handle_of, mentions, NoticeKind, Role, Status, UserId};
use crate::error::AppResult;

/// The notices the inbox lists.
const INBOX_LINES: i64 = 100;
/// The claims each "waiting on you" list shows.
const WAITING_LINES: i64 = 50;

/// Tells `recipients` (but never the member who acted, nor anyone no longer active in the team)
/// about `claim`, inside the caller's transaction.
fn tell(
    tx: &mut DbConn,
    member: &Member,
    claim: &ClaimRow,
    kind: NoticeKind,
    recipients: &[TeamMember],
    note: Option<&str>,
) -> AppResult<()> {
    tell_except(tx, member, claim, kind, recipients, note, Some(member.user))
}

/// As `tell`, sparing `except` (none: the change was the desk's own, as a watched feed's is).
fn tell_except(
    tx: &mut DbConn,
    member: &Member,
    claim: &ClaimRow,
    kind: NoticeKind,
    recipients: &[TeamMember],
    note: Option<&str>,
    except: Option<UserId>,
) -> AppResult<()> {
    let now = crate::db::now();
    let actor = users::find_user(tx, member.user.get())?.map_or_else(String::new, |u| u.name);
    let mut told: Vec<i64> = Vec::new();
    for recipient in recipients {
        if Some(recipient.user_id) == except.map(UserId::get)
            || !recipient.active
            || told.contains(&recipient.user_id)
        {
            continue;
        }
        told.push(recipient.user_id);
        let user = UserId::new(recipient.user_id);
        rows::insert(
            tx,
            &NewNotice {
                team: member.team,
                user,
                kind,
                claim: claim.claim_id(),
                actor: member.user,
                note,
            },
            now,
        )?;
        if rows::optouts(tx, member.team, user)?.contains(&kind) {
            continue;
        }
        let subject = format!("{} — claim #{}", kind.subject(), claim.id);
        let mut body = format!(
            "{}: claim #{} — {}\n\n{} by {actor}. Open the claim: {}",
            kind.label(),
            claim.id,
            claim.statement,
            match kind {
                NoticeKind::Assigned => "Assigned to you",
                NoticeKind::SentBack => "Sent back",
                NoticeKind::ApprovalRequested => "Proposed",
                NoticeKind::Mentioned => "Mentioned",
                NoticeKind::Repeated => "Found in a watched feed added",
            },
            crate::mail::LINK
        );
        if let Some(note) = note {
            body.push_str(&format!("\n\n{note}"));
        }
        body.push_str(
            "\n\nYou get this e-mail because of your ClaimDesk notification settings \
             (My account → E-mail).",
        );
        outbox::enqueue(
            tx,
            &NewMail {
                team: Some(member.team),
                kind: kind.as_str(),
                recipient: &recipient.email,
                subject: &subject,
                body: &body,
                link_path: Some(&format!("/claims/{}", claim.id)),
            },
            now,
        )?;
    }
    Ok(())
}

/// A watched feed brought an article repeating `claim`, published: the team's editors and admins
/// are told (the feed's member among them: no one acted).
pub(crate) fn repeated(
    tx: &mut DbConn,
    member: &Member,
    claim: &ClaimRow,
    note: &str,
) -> AppResult<()> {
    let to: Vec<TeamMember> = team_members(tx, member)?
        .into_iter()
        .filter(|m| m.role.at_least(Role::Editor))
        .collect();
    tell_except(
        tx,
        member,
        claim,
        NoticeKind::Repeated,
        &to,
        Some(note),
        None,
    )
}

fn team_members(tx: &mut DbConn, member: &Member) -> AppResult<Vec<TeamMember>> {
    Ok(users::members_of_team(tx, member.team.get())?)
}

/// After an assignment: the new assignee is told, unless they assigned it themselves.
pub(crate) fn assigned(tx: &mut DbConn, member: &Member, claim: &ClaimRow) -> AppResult<()> {
    let Some(assignee) = claim.assignee_id else {
        return Ok(());
    };
    let everyone = team_members(tx, member)?;
    let to: Vec<TeamMember> = everyone
        .into_iter()
        .filter(|m| m.user_id == assignee)
        .collect();
    tell(tx, member, claim, NoticeKind::Assigned, &to, None)
}

/// After a verdict was sent back (`claim` as it was before): its proposer and the assignee.
pub(crate) fn sent_back(
    tx: &mut DbConn,
    member: &Member,
    claim: &ClaimRow,
    note: Option<&str>,
) -> AppResult<()> {
    let concerned = [claim.proposed_by, claim.assignee_id];
    let to: Vec<TeamMember> = team_members(tx, member)?
        .into_iter()
        .filter(|m| concerned.contains(&Some(m.user_id)))
        .collect();
    tell(tx, member, claim, NoticeKind::SentBack, &to, note)
}

/// After a verdict was proposed: the team's editors and admins, who may approve it.
pub(crate) fn approval_requested(
    tx: &mut DbConn,
    member: &Member,
    claim: &ClaimRow,
) -> AppResult<()> {
    let to: Vec<TeamMember> = team_members(tx, member)?
        .into_iter()
        .filter(|m| m.role.at_least(Role::Editor))
        .collect();
    tell(tx, member, claim, NoticeKind::ApprovalRequested, &to, None)
}

/// After a comment: each active member it names by handle, whose handle is their name's letters
/// and digits ("@RitaReviewer"), their first name when no other member has it ("@rita"), or
/// their e-mail address before the `@` ("@rita.r").
pub(crate) fn mentioned(
    tx: &mut DbConn,
    member: &Member,
    claim: &ClaimRow,
    comment: &str,
) -> AppResult<()> {
    let handles = mentions(comment);
    if handles.is_empty() {
        return Ok(());
    }
    let everyone = team_members(tx, member)?;
    let first_name = |m: &TeamMember| handle_of(m.name.split_whitespace().next().unwrap_or(""));
    let to: Vec<TeamMember> = everyone
        .iter()
        .filter(|m| {
            handles.iter().any(|h| {
                *h == handle_of(&m.name)
                    || *h == handle_of(m.email.split('@').next().unwrap_or(""))
                    || (*h == first_name(m)
                        && everyone
                            .iter()
                            .filter(|other| first_name(other) == *h)
                            .count()
                            == 1)
            })
        })
        .cloned()
        .collect();
    let excerpt: String = comment.chars().take(300).collect();
    tell(
        tx,
        member,
        claim,
        NoticeKind::Mentioned,
        &to,
        Some(&excerpt),
    )
}

/// What the inbox shows.
pub struct InboxView {
    pub notices: Vec<NoticeLine>,
    /// Open claims assigned to the member.
    pub assigned: Vec<ClaimRow>,
    /// Verdicts awaiting approval that the member may approve (editors and admins; not their own).
    pub to_approve: Vec<ClaimRow>,
    pub unread: i64,
}

pub fn inbox(conn: &mut DbConn, member: &Member) -> AppResult<InboxView> {
    let notices = rows::latest(conn, member.team, member.user, INBOX_LINES)?;
    let assigned = crate::db::claims::assigned_open(conn, member.team, member.user, WAITING_LINES)?;
    let to_approve = if member.role.at_least(Role::Editor) {
        crate::db::claims::in_status(conn, member.team, Status::AwaitingApproval, WAITING_LINES)?
            .into_iter()
            .filter(|c| c.proposed_by != Some(member.user.get()))
            .collect()
    } else {
        Vec::new()
    };
    let unread = notices.iter().filter(|n| n.unread).count() as i64;
    Ok(InboxView {
        notices,
        assigned,
        to_approve,
        unread,
    })
}

/// Marks the member's notices read, up to the newest one their inbox showed.
pub fn mark_read(conn: &mut DbConn, member: &Member, upto: i64) -> AppResult<()> {
    rows::mark_read(conn, member.team, member.user, upto, crate::db::now())?;
    Ok(())
}

/// The kinds the member gets by e-mail.
pub fn mail_kinds(conn: &mut DbConn, member: &Member) -> AppResult<Vec<NoticeKind>> {
    let off = rows::optouts(conn, member.team, member.user)?;
    Ok(NoticeKind::ALL
        .into_iter()
        .filter(|k| !off.contains(k))
        .collect())
}

/// Sets the kinds the member gets by e-mail in this team (the others stay in the inbox only).
pub fn set_mail_kinds(conn: &mut DbConn, member: &Member, on: &[NoticeKind]) -> AppResult<()> {
    let off: Vec<NoticeKind> = NoticeKind::ALL
        .into_iter()
        .filter(|k| !on.contains(k))
        .collect();
    write(conn, member.team, |tx| {
        Ok(rows::set_optouts(tx, member.team, member.user, &off)?)
    })
}

/// The team's latest e-mails with their state (admins only).
pub fn outbox_of_team(conn: &mut DbConn, member: &Member) -> AppResult<Vec<MailRow>> {
    member.require(Role::Admin)?;
    Ok(outbox::of_team(conn, member.team, 200)?)
}
