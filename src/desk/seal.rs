//! Blind second review. In a team that reviews blind, a proposed verdict (and its rationale) is
//! sealed from everyone but its proposer until a second member has recorded their own verdict, so
//! the second pair of eyes judges independently. The seal is kept on the claim row
//! (`review_sealed`): set when a blind team's verdict is proposed, cleared by the second review or
//! when the claim leaves awaiting approval, and reset for the team when it turns blind review on
//! or off.
//!
//! `sealed` decides it for every view: the claim page, the queue's column, the API's list and
//! claim, the CSV, the bulk pages and the dashboard. The queue's verdict filter applies the same
//! rule in SQL (`db::claims::queue`), so filtering on a sealed verdict finds nothing; a test holds
//! the two to the same answer.

use crate::db::claims::export::ExportRow;
use crate::db::models::ClaimRow;
use crate::domain::{HistoryLine, UserId};

/// Whether the verdict of a claim is sealed from `viewer` (`None`: the command line, which acts
/// for nobody in particular and so sees no sealed verdict).
pub fn sealed(review_sealed: bool, proposed_by: Option<i64>, viewer: Option<UserId>) -> bool {
    review_sealed && (viewer.is_none() || proposed_by != viewer.map(UserId::get))
}

/// `sealed` for a claim row.
pub fn claim_sealed(claim: &ClaimRow, viewer: Option<UserId>) -> bool {
    sealed(claim.review_sealed, claim.proposed_by, viewer)
}

/// Removes from an exported row what the viewer may not read yet.
pub fn seal_export_row(row: &mut ExportRow, viewer: Option<UserId>) {
    if sealed(row.review_sealed, row.proposer_id, viewer) {
        row.verdict = None;
        row.rating = None;
        row.rationale = None;
    }
}

/// History lines as a member may read them: while a verdict is sealed from them, the lines that
/// name proposed or moved verdicts say so instead.
pub fn sealed_history(lines: Vec<HistoryLine>, sealed: bool) -> Vec<HistoryLine> {
    if !sealed {
        return lines;
    }
    lines
        .into_iter()
        .map(|mut line| {
            match line.action.as_str() {
                "status" => {
                    if let Some(after) = &line.after {
                        if let Some((status, _)) = after.split_once(" (verdict: ") {
                            line.after = Some(format!("{status} (verdict sealed)"));
                        }
                    }
                }
                "verdict_retired" => {
                    line.before = Some("sealed".to_owned());
                    line.after = Some("sealed".to_owned());
                }
                _ => {}
            }
            line
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_proposer_reads_a_sealed_verdict() {
        let proposer = UserId::new(1);
        let other = UserId::new(2);
        assert!(!sealed(true, Some(1), Some(proposer)));
        assert!(sealed(true, Some(1), Some(other)));
        assert!(sealed(true, Some(1), None));
        assert!(!sealed(false, Some(1), Some(other)));
        assert!(!sealed(false, None, None));
    }
}
