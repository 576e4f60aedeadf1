//! Deleting an article: the clean-up for an article that should never have come in. Editors and
//! admins may delete one while none of its claims is settled; its candidates and its unsettled
//! claims (unverified, in review, discarded) go with it, and one line on the team's history says
//! so. The history itself stays whole: events are never deleted, so the claims' own lines remain
//! on the chain and `claimdesk audit verify` still passes.
//!
//! What keeps an article:
//! - a claim verified or published, or ever verified or published (a reopened correction is in
//!   review, yet its verdict was on the record): a settled verdict is corrected, never deleted;
//! - a claim awaiting approval: a proposed verdict waits for its second pair of eyes, to be
//!   withdrawn or sent back first;
//! - a claim that appears in another article too (a candidate there was attached to it): it is
//!   not this article's alone, and deleting it would take it from the other article.

use super::{write, Member};
use crate::db::models::ArticleRow;
use crate::db::removal::{self as rows, ClaimStanding};
use crate::db::DbConn;
use crate::domain::{ArticleId, ClaimId, Role, Status};
use crate::error::{AppError, AppResult};

/// Who may delete an article: it takes other members' research with it.
const DELETES: Role = Role::Editor;

/// Whether the member may delete articles (the article page offers it by this).
pub fn can_delete(member: &Member) -> bool {
    member.role.at_least(DELETES)
}

/// What deleting an article would take, and what keeps it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeletionCheck {
    /// Every claim of the article.
    pub claims: Vec<ClaimId>,
    /// Claims verified or published, now or once.
    pub settled: Vec<ClaimId>,
    /// Claims awaiting approval.
    pub awaiting: Vec<ClaimId>,
    /// Claims that appear in another article too.
    pub elsewhere: Vec<ClaimId>,
}

impl DeletionCheck {
    fn of(claims: &[ClaimStanding]) -> DeletionCheck {
        let mut check = DeletionCheck::default();
        for claim in claims {
            check.claims.push(claim.id);
            // Each claim is named once, for the first thing that keeps it.
            if matches!(claim.status, Status::Verified | Status::Published)
                || claim.ever_verified
                || claim.ever_published
            {
                check.settled.push(claim.id);
            } else if claim.status == Status::AwaitingApproval {
                check.awaiting.push(claim.id);
            } else if claim.appears_elsewhere {
                check.elsewhere.push(claim.id);
            }
        }
        check
    }

    /// How many claims would go, in words ("1 claim", "3 claims").
    pub fn claims_going(&self) -> String {
        match self.claims.len() {
            1 => "1 claim".to_owned(),
            n => format!("{n} claims"),
        }
    }

    /// Why the article cannot be deleted, in words for the member; `None` when it can.
    pub fn refusal(&self) -> Option<String> {
        fn claims(ids: &[ClaimId], is: &str, are: &str) -> String {
            let listed: Vec<String> = ids.iter().map(|id| format!("#{id}")).collect();
            match ids.len() {
                1 => format!("1 of its claims {is} ({})", listed.join(", ")),
                n => format!("{n} of its claims {are} ({})", listed.join(", ")),
            }
        }
        let mut reasons = Vec::new();
        if !self.settled.is_empty() {
            reasons.push(format!(
                "{}, and a settled verdict stays on the record",
                claims(
                    &self.settled,
                    "is verified or published",
                    "are verified or published"
                )
            ));
        }
        if !self.awaiting.is_empty() {
            reasons.push(format!(
                "{}: withdraw or send back its verdict first",
                claims(&self.awaiting, "awaits approval", "await approval")
            ));
        }
        if !self.elsewhere.is_empty() {
            reasons.push(format!(
                "{}, where a candidate was attached to it",
                claims(
                    &self.elsewhere,
                    "also appears in another article",
                    "also appear in other articles"
                )
            ));
        }
        (!reasons.is_empty())
            .then(|| format!("This article cannot be deleted: {}.", reasons.join("; ")))
    }
}

/// What deleting the team's `article` would take and what keeps it, for the article page; `None`
/// when the member may not delete articles.
pub fn check(
    conn: &mut DbConn,
    member: &Member,
    article: &ArticleRow,
) -> AppResult<Option<DeletionCheck>> {
    if !can_delete(member) {
        return Ok(None);
    }
    Ok(Some(DeletionCheck::of(&rows::claims_of(conn, article)?)))
}

/// A deleted article: its title and how many claims went with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deleted {
    pub title: String,
    pub claims: usize,
}

/// Deletes the team's article with its candidates and unsettled claims, in one write transaction
/// with one history line (`article_deleted`); refused with the reason (409) while a claim keeps
/// it, and 404 for another team's article as for a missing one.
pub fn delete(conn: &mut DbConn, member: &Member, article: ArticleId) -> AppResult<Deleted> {
    member.require(DELETES)?;
    write(conn, member.team, |tx| {
        let article = super::articles::article(tx, member, article)?;
        let check = DeletionCheck::of(&rows::claims_of(tx, &article)?);
        if let Some(refusal) = check.refusal() {
            return Err(AppError::Conflict(refusal));
        }
        let removed = rows::delete_article(tx, &article)?;
        let listed: Vec<String> = check.claims.iter().map(|id| format!("#{id}")).collect();
        let claims = match removed.claims {
            0 => "no claims".to_owned(),
            1 => format!("1 claim ({})", listed.join(", ")),
            n => format!("{n} claims ({})", listed.join(", ")),
        };
        let after = format!(
            "deleted with {claims} and {} candidates",
            removed.candidates
        );
        crate::db::events::record(
            tx,
            crate::db::events::Change {
                team_id: Some(member.team.get()),
                actor_id: Some(member.user.get()),
                entity: "article",
                entity_id: article.id,
                action: "article_deleted",
                before: Some(&article.title),
                after: Some(&after),
            },
        )?;
        Ok(Deleted {
            title: article.title,
            claims: removed.claims,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(id: i64, status: Status) -> ClaimStanding {
        ClaimStanding {
            id: ClaimId::new(id),
            status,
            ever_verified: false,
            ever_published: false,
            appears_elsewhere: false,
        }
    }

    #[test]
    fn unsettled_claims_go_with_their_article() {
        let check = DeletionCheck::of(&[
            claim(1, Status::Unverified),
            claim(2, Status::InReview),
            claim(3, Status::Discarded),
        ]);
        assert_eq!(check.claims.len(), 3);
        assert_eq!(check.refusal(), None);
        assert_eq!(DeletionCheck::of(&[]).refusal(), None);
    }

    #[test]
    fn a_settled_awaiting_or_shared_claim_keeps_the_article_and_is_named() {
        let reopened = ClaimStanding {
            ever_verified: true,
            ..claim(4, Status::InReview)
        };
        let shared = ClaimStanding {
            appears_elsewhere: true,
            ..claim(6, Status::Unverified)
        };
        let check = DeletionCheck::of(&[
            claim(1, Status::Published),
            claim(2, Status::Unverified),
            claim(3, Status::Verified),
            reopened,
            claim(5, Status::AwaitingApproval),
            shared,
        ]);
        let refusal = check.refusal().unwrap();
        assert!(
            refusal.contains("3 of its claims are verified or published (#1, #3, #4)"),
            "{refusal}"
        );
        assert!(
            refusal.contains("1 of its claims awaits approval (#5)"),
            "{refusal}"
        );
        assert!(
            refusal.contains("1 of its claims also appears in another article (#6)"),
            "{refusal}"
        );
        let once = DeletionCheck::of(&[ClaimStanding {
            ever_published: true,
            ..claim(7, Status::InReview)
        }]);
        assert!(once
            .refusal()
            .unwrap()
            .contains("1 of its claims is verified or published (#7)"));
    }
}
