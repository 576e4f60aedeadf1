use std::fmt;
use std::str::FromStr;

use super::{Invalid, Role};

/// Where a claim is in the work. Changes only through `Transition::apply`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Unverified,
    InReview,
    AwaitingApproval,
    Verified,
    Published,
    /// Taken out of the work as not check-worthy, with a reason; restorable. Out of the default
    /// queue and its counts, kept in the history and the exports.
    Discarded,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Unverified,
        Status::InReview,
        Status::AwaitingApproval,
        Status::Verified,
        Status::Published,
        Status::Discarded,
    ];

    /// The statuses of the work, in its order: every status but `Discarded`. The default queue,
    /// its "All" count and the dashboard count these.
    pub const WORKFLOW: [Status; 5] = [
        Status::Unverified,
        Status::InReview,
        Status::AwaitingApproval,
        Status::Verified,
        Status::Published,
    ];

    /// Whether a claim in this status is part of the work (not discarded).
    pub fn in_workflow(self) -> bool {
        self != Status::Discarded
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unverified => "unverified",
            Status::InReview => "in_review",
            Status::AwaitingApproval => "awaiting_approval",
            Status::Verified => "verified",
            Status::Published => "published",
            Status::Discarded => "discarded",
        }
    }

    /// The label of a stored status key ("awaiting_approval" → "Awaiting approval").
    pub fn label_of(key: &str) -> &'static str {
        key.parse::<Status>().map_or("Unknown", Status::label)
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Unverified => "Unverified",
            Status::InReview => "In review",
            Status::AwaitingApproval => "Awaiting approval",
            Status::Verified => "Verified",
            Status::Published => "Published",
            Status::Discarded => "Discarded",
        }
    }
}

impl FromStr for Status {
    type Err = Invalid;

    fn from_str(s: &str) -> Result<Self, Invalid> {
        Status::ALL
            .into_iter()
            .find(|status| status.as_str() == s)
            .ok_or_else(|| {
                Invalid::new(
                    "status",
                    "must be one of unverified, in_review, awaiting_approval, verified, published, \
                     discarded",
                )
            })
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An edge of the workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transition {
    /// unverified → in_review: someone starts researching.
    StartReview,
    /// in_review → awaiting_approval, with a verdict and a rationale.
    Propose,
    /// awaiting_approval → verified, by an editor who did not propose it.
    Approve,
    /// awaiting_approval → in_review, by an editor who did not propose it.
    SendBack,
    /// awaiting_approval → in_review, by the proposer taking it back.
    Withdraw,
    /// verified → published.
    Publish,
    /// verified or published → in_review, as a correction (a note is required).
    Reopen,
    /// unverified, in_review or awaiting_approval → discarded: not check-worthy (a reason is
    /// required). A settled verdict is corrected through `Reopen`, never discarded.
    Discard,
    /// discarded → unverified: back into the work.
    Restore,
}

/// Who wants to take an edge.
#[derive(Debug, Clone, Copy)]
pub struct Actor {
    pub role: Role,
    /// Whether this member proposed the verdict now awaiting approval.
    pub is_proposer: bool,
}

/// Why an edge cannot be taken, in words for the person who tried.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("a claim that is {from} cannot be {action}")]
    NotFrom {
        from: &'static str,
        action: &'static str,
    },
    #[error("{action} needs the {needed} role")]
    Role { action: &'static str, needed: Role },
    #[error("nobody approves or sends back their own verdict: another editor must")]
    OwnVerdict,
    #[error("only the member who proposed the verdict can withdraw it")]
    NotProposer,
}

impl Transition {
    pub const ALL: [Transition; 9] = [
        Transition::StartReview,
        Transition::Propose,
        Transition::Approve,
        Transition::SendBack,
        Transition::Withdraw,
        Transition::Publish,
        Transition::Reopen,
        Transition::Discard,
        Transition::Restore,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Transition::StartReview => "start_review",
            Transition::Propose => "propose",
            Transition::Approve => "approve",
            Transition::SendBack => "send_back",
            Transition::Withdraw => "withdraw",
            Transition::Publish => "publish",
            Transition::Reopen => "reopen",
            Transition::Discard => "discard",
            Transition::Restore => "restore",
        }
    }

    /// The past participle, for messages ("cannot be approved").
    fn done(self) -> &'static str {
        match self {
            Transition::StartReview => "taken into review",
            Transition::Propose => "given a proposed verdict",
            Transition::Approve => "approved",
            Transition::SendBack => "sent back",
            Transition::Withdraw => "withdrawn",
            Transition::Publish => "published",
            Transition::Reopen => "reopened",
            Transition::Discard => "discarded",
            Transition::Restore => "restored",
        }
    }

    fn sources(self) -> &'static [Status] {
        match self {
            Transition::StartReview => &[Status::Unverified],
            Transition::Propose => &[Status::InReview],
            Transition::Approve | Transition::SendBack | Transition::Withdraw => {
                &[Status::AwaitingApproval]
            }
            Transition::Publish => &[Status::Verified],
            Transition::Reopen => &[Status::Verified, Status::Published],
            Transition::Discard => &[
                Status::Unverified,
                Status::InReview,
                Status::AwaitingApproval,
            ],
            Transition::Restore => &[Status::Discarded],
        }
    }

    pub fn target(self) -> Status {
        match self {
            Transition::StartReview
            | Transition::SendBack
            | Transition::Withdraw
            | Transition::Reopen => Status::InReview,
            Transition::Propose => Status::AwaitingApproval,
            Transition::Approve => Status::Verified,
            Transition::Publish => Status::Published,
            Transition::Discard => Status::Discarded,
            Transition::Restore => Status::Unverified,
        }
    }

    pub fn needed_role(self) -> Role {
        match self {
            Transition::StartReview | Transition::Propose | Transition::Withdraw => Role::Reviewer,
            Transition::Approve
            | Transition::SendBack
            | Transition::Publish
            | Transition::Reopen
            | Transition::Discard
            | Transition::Restore => Role::Editor,
        }
    }

    /// Whether `from` is a source of this edge, whoever asks.
    pub fn leaves(self, from: Status) -> bool {
        self.sources().contains(&from)
    }

    /// The status after taking this edge from `from` as `actor`, or why it cannot be taken.
    pub fn apply(self, from: Status, actor: Actor) -> Result<Status, TransitionError> {
        if !self.leaves(from) {
            return Err(TransitionError::NotFrom {
                from: from.as_str(),
                action: self.done(),
            });
        }
        let needed = self.needed_role();
        if !actor.role.at_least(needed) {
            return Err(TransitionError::Role {
                action: self.as_str(),
                needed,
            });
        }
        match self {
            Transition::Approve | Transition::SendBack if actor.is_proposer => {
                Err(TransitionError::OwnVerdict)
            }
            Transition::Withdraw if !actor.is_proposer => Err(TransitionError::NotProposer),
            _ => Ok(self.target()),
        }
    }
}

impl FromStr for Transition {
    type Err = Invalid;

    fn from_str(s: &str) -> Result<Self, Invalid> {
        Transition::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| Invalid::new("action", "is not a workflow action"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn as_role(role: Role) -> Actor {
        Actor {
            role,
            is_proposer: false,
        }
    }

    #[test]
    fn the_happy_path_runs_from_unverified_to_published() {
        let mut status = Status::Unverified;
        for (edge, actor) in [
            (Transition::StartReview, as_role(Role::Reviewer)),
            (Transition::Propose, as_role(Role::Reviewer)),
            (Transition::Approve, as_role(Role::Editor)),
            (Transition::Publish, as_role(Role::Editor)),
        ] {
            status = edge.apply(status, actor).unwrap();
        }
        assert_eq!(status, Status::Published);
    }

    #[test]
    fn nobody_approves_their_own_verdict_not_even_an_admin() {
        let proposer = Actor {
            role: Role::Admin,
            is_proposer: true,
        };
        assert_eq!(
            Transition::Approve.apply(Status::AwaitingApproval, proposer),
            Err(TransitionError::OwnVerdict)
        );
        assert_eq!(
            Transition::SendBack.apply(Status::AwaitingApproval, proposer),
            Err(TransitionError::OwnVerdict)
        );
        assert_eq!(
            Transition::Withdraw.apply(Status::AwaitingApproval, proposer),
            Ok(Status::InReview)
        );
    }

    #[test]
    fn reviewers_cannot_approve_publish_reopen_discard_or_restore() {
        for edge in [
            Transition::Approve,
            Transition::Publish,
            Transition::Reopen,
            Transition::Discard,
            Transition::Restore,
        ] {
            for from in Status::ALL.into_iter().filter(|s| edge.leaves(*s)) {
                assert!(matches!(
                    edge.apply(from, as_role(Role::Reviewer)),
                    Err(TransitionError::Role { .. })
                ));
            }
        }
    }

    #[test]
    fn viewers_take_no_edge_at_all() {
        for edge in Transition::ALL {
            for from in Status::ALL {
                assert!(
                    edge.apply(from, as_role(Role::Viewer)).is_err(),
                    "{edge:?} from {from}"
                );
            }
        }
    }

    #[test]
    fn every_illegal_source_is_refused_with_a_message() {
        for edge in Transition::ALL {
            for from in Status::ALL.into_iter().filter(|s| !edge.leaves(*s)) {
                let error = edge.apply(from, as_role(Role::Admin)).unwrap_err();
                assert!(matches!(error, TransitionError::NotFrom { .. }));
                assert!(error.to_string().contains(from.as_str()));
            }
        }
    }

    #[test]
    fn verified_and_published_claims_reopen_into_review() {
        for from in [Status::Verified, Status::Published] {
            assert_eq!(
                Transition::Reopen.apply(from, as_role(Role::Editor)),
                Ok(Status::InReview)
            );
        }
    }

    #[test]
    fn only_unsettled_claims_are_discarded_and_a_restored_one_starts_again() {
        for from in [
            Status::Unverified,
            Status::InReview,
            Status::AwaitingApproval,
        ] {
            assert_eq!(
                Transition::Discard.apply(from, as_role(Role::Editor)),
                Ok(Status::Discarded)
            );
        }
        for settled in [Status::Verified, Status::Published, Status::Discarded] {
            assert!(matches!(
                Transition::Discard.apply(settled, as_role(Role::Admin)),
                Err(TransitionError::NotFrom { .. })
            ));
        }
        assert_eq!(
            Transition::Restore.apply(Status::Discarded, as_role(Role::Editor)),
            Ok(Status::Unverified)
        );
        // Nothing else leaves a discarded claim: it is out of the work until restored.
        for edge in Transition::ALL {
            if edge != Transition::Restore {
                assert!(!edge.leaves(Status::Discarded), "{edge:?}");
            }
        }
        assert!(!Status::Discarded.in_workflow());
        assert!(!Status::WORKFLOW.contains(&Status::Discarded));
        assert_eq!(Status::WORKFLOW.len() + 1, Status::ALL.len());
    }

    #[test]
    fn statuses_and_transitions_round_trip_through_their_text() {
        for status in Status::ALL {
            assert_eq!(status.as_str().parse::<Status>(), Ok(status));
        }
        for edge in Transition::ALL {
            assert_eq!(edge.as_str().parse::<Transition>(), Ok(edge));
        }
        assert!("done".parse::<Status>().is_err());
    }
}
