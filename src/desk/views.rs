//! What a member may see, built once for every edge: the claim (page and API), the queue (page,
//! API, the claim page's neighbours), and the export batches (CSV on the web and the command
//! line). The blind-review seal (`seal::sealed`) is applied here, so no edge can forget it.

use super::seal;
use super::Member;
use crate::db::claims::queue::{self, AssigneeFilter, QueueFilter, QueueRow, StatusFilter};
use crate::db::claims::{self as rows, citations, discussion};
use crate::db::models::{CitationRow, ClaimRow, CommentRow, VerdictRow};
use crate::db::reviews::{self, ReviewLine};
use crate::db::{articles, publications, users, verdicts, DbConn};
use crate::domain::{
    Assignee, ClaimId, Cursor, HistoryLine, QueueQuestion, Role, Sort, Status, TeamId, UserId,
};
use crate::error::{AppError, AppResult};

/// How much of a claim's comments and history the claim page shows unless asked for all of it: a
/// claim discussed for months stays a page that loads in milliseconds.
pub const LATEST_COMMENTS: i64 = 100;
pub const LATEST_HISTORY: i64 = 200;

/// Resolves the member's question of the queue into the storage filter: the verdict key on the
/// team's scale (400 if it is not one), "me", and who reads the list for the seal. `viewer` is
/// `None` on the command line. Without a status the queue lists the claims in the work: discarded
/// claims only with `status=discarded`. Returns the scale too, which the pages show.
pub fn queue_filter(
    conn: &mut DbConn,
    team: TeamId,
    viewer: Option<UserId>,
    question: &QueueQuestion,
) -> AppResult<(QueueFilter, Vec<VerdictRow>)> {
    let scale = verdicts::scale(conn, team)?;
    let filter = filter_on_scale(&scale, viewer, question)?;
    Ok((filter, scale))
}

/// The queue filter `question` asks for, its verdict read on the team's `scale`.
fn filter_on_scale(
    scale: &[VerdictRow],
    viewer: Option<UserId>,
    question: &QueueQuestion,
) -> AppResult<QueueFilter> {
    // A verdict key off the team's scale asks for nothing (like an unused tag), not an error: the
    // scale is the team's data, not the query's syntax.
    let mut unmatchable = question.unmatchable;
    let verdict = match &question.verdict {
        None => None,
        Some(key) => {
            let found = scale.iter().find(|v| v.key == key.as_str());
            unmatchable |= found.is_none();
            found.map(|v| crate::domain::VerdictId::new(v.id))
        }
    };
    let assignee =
        match question.assignee {
            Assignee::Anyone => AssigneeFilter::Anyone,
            Assignee::Nobody => AssigneeFilter::Nobody,
            Assignee::Member(user) => AssigneeFilter::Member(user),
            Assignee::Me => AssigneeFilter::Member(viewer.ok_or_else(|| {
                AppError::invalid("assignee", "me needs a member: give a member id")
            })?),
        };
    let filter = QueueFilter {
        status: question
            .status
            .map_or(StatusFilter::InWorkflow, StatusFilter::Only),
        verdict,
        assignee,
        article: question.article,
        tag: question.tag.clone(),
        min_score: question.min_score,
        max_score: question.max_score,
        words: question.words.clone(),
        sort: question.sort,
        after: question.after.clone(),
        viewer,
        unmatchable,
    };
    Ok(filter)
}

/// A queue row as a member reads it.
fn sealed_row(mut row: QueueRow, viewer: UserId) -> QueueRow {
    if seal::sealed(row.review_sealed, row.proposed_by, Some(viewer)) {
        row.verdict_label = None;
    }
    row
}

/// One page of the queue, as the queue page shows it.
pub struct QueueView {
    pub rows: Vec<QueueRow>,
    pub next: Option<Cursor>,
    /// Claims per status; `None` for a text search too common to count.
    pub counts: Option<Vec<(Status, i64)>>,
    /// The order the rows are in: the score's when relevance was asked of a search too broad to
    /// rank (`queue::sorted_by`).
    pub sorted_by: Sort,
    pub scale: Vec<VerdictRow>,
    pub saved_views: Vec<(i64, String, String)>,
}

pub fn queue_page(
    conn: &mut DbConn,
    member: &Member,
    question: &QueueQuestion,
    limit: i64,
) -> AppResult<QueueView> {
    let (filter, scale) = queue_filter(conn, member.team, Some(member.user), question)?;
    let page = queue::queue_page(conn, member.team, &filter, limit)?;
    let saved_views = rows::saved_views::saved_views(conn, member.team, member.user)?;
    Ok(QueueView {
        rows: page
            .rows
            .into_iter()
            .map(|row| sealed_row(row, member.user))
            .collect(),
        next: page.next,
        counts: page.counts,
        sorted_by: page.sorted_by,
        scale,
        saved_views,
    })
}

/// One page of the queue without counts, as the API lists it.
pub fn queue_list(
    conn: &mut DbConn,
    member: &Member,
    question: &QueueQuestion,
    limit: i64,
) -> AppResult<queue::QueueList> {
    let (filter, _) = queue_filter(conn, member.team, Some(member.user), question)?;
    let list = queue::queue(conn, member.team, &filter, limit)?;
    Ok(queue::QueueList {
        rows: list
            .rows
            .into_iter()
            .map(|row| sealed_row(row, member.user))
            .collect(),
        ..list
    })
}

/// Consistency hints read from the claim's own sentence.
#[derive(Default)]
pub struct Hints {
    /// "$50 million (approximately 62.3 billion won)": the other amount and the rate it implies.
    pub conversion: Option<String>,
    /// "doubled the reward to $50 million": the earlier value it implies, as (value, description).
    pub derived: Option<(String, String)>,
}

/// Reads the hints from the context sentence: the extractor runs on it again (it is pure and fast),
/// so hints need no stored state and stay right when the extractor improves.
pub fn hints_for(claim: &ClaimRow) -> Hints {
    let (Some(start), Some(end)) = (claim.span_start, claim.span_end) else {
        return Hints::default();
    };
    let found = crate::extract::extract(&claim.context);
    let Some(index) = found
        .iter()
        .position(|c| c.start as i64 == start && c.end as i64 == end)
    else {
        return Hints::default();
    };
    let this = &found[index];
    let mut hints = Hints::default();
    // The restating mention carries the rate: units of the restatement per unit of the original.
    let pair = match this.conversion_of.and_then(|other| found.get(other)) {
        Some(original) => Some((original, this)),
        None => found
            .iter()
            .find(|c| c.conversion_of == Some(index))
            .map(|c| (this, c)),
    };
    if let Some((original, restated)) = pair {
        if let Some(rate) = restated.implied_rate {
            let other = if std::ptr::eq(original, this) {
                restated
            } else {
                original
            };
            hints.conversion = Some(format!(
                "Restated as {} in the same sentence: an implied rate of {} {} per {}.",
                other.surface,
                rate.normalize(),
                restated.unit.as_deref().unwrap_or("units"),
                original.unit.as_deref().unwrap_or("unit"),
            ));
        }
    }
    let ratio = found
        .iter()
        .find(|c| c.unit.as_deref() == Some("ratio") && c.start != this.start)
        .and_then(|c| {
            c.value
                .as_ref()
                .and_then(|v| v.as_decimal())
                .map(|r| (c, r))
        });
    let value = this.value.as_ref().and_then(|v| v.as_decimal());
    let countable = this.unit.as_deref().is_some_and(|u| {
        u == "person" || u == "count" || (u.len() == 3 && u.chars().all(|c| c.is_ascii_uppercase()))
    });
    if let (Some((ratio, factor)), Some(value), true) = (ratio, value, countable) {
        if let Some(earlier) = super::claims::implied_earlier(value, factor) {
            hints.derived = Some((
                earlier.to_string(),
                format!(
                    "\"{}\" implies an earlier value of {} before the change to {}.",
                    ratio.surface,
                    crate::domain::readable_quantity(
                        Some(&earlier.to_string()),
                        None,
                        this.unit.as_deref(),
                        "exact"
                    ),
                    this.surface
                ),
            ));
        }
    }
    hints
}

/// The context split around the quantity: before, the quantity, after.
fn split_context(claim: &ClaimRow) -> (String, String, String) {
    let context = &claim.context;
    if let (Some(start), Some(end)) = (claim.span_start, claim.span_end) {
        if let (Ok(start), Ok(end)) = (usize::try_from(start), usize::try_from(end)) {
            if start < end
                && end <= context.len()
                && context.is_char_boundary(start)
                && context.is_char_boundary(end)
            {
                return (
                    context[..start].to_owned(),
                    context[start..end].to_owned(),
                    context[end..].to_owned(),
                );
            }
        }
    }
    (context.clone(), String::new(), String::new())
}

/// Where the claim stands in the public record.
#[derive(Debug, Clone, Default)]
pub struct RecordState {
    /// The claim has been published (its public page is up).
    pub published: bool,
    /// A correction is open: when, and its note.
    pub correction: Option<String>,
}

/// Everything the claim page (or the API's claim) shows, as this member may see it.
pub struct ClaimView {
    pub claim: ClaimRow,
    pub status: Status,
    /// The verdict is sealed from this member until the blind second review is in: `verdict` and
    /// `rationale` are `None`, and the claim's own verdict and rationale fields are cleared.
    pub sealed: bool,
    pub verdict: Option<VerdictRow>,
    pub scale: Vec<VerdictRow>,
    pub assignee: Option<String>,
    pub proposer: Option<String>,
    pub approver: Option<String>,
    pub article_title: Option<String>,
    /// When the claim is back in review because an editor sent its verdict back: who did, and
    /// their note (the claim page says so at the top, not only in the history).
    pub sent_back: Option<(String, Option<String>)>,
    /// When nobody may approve the claim's verdict (it awaits approval, and no active editor or
    /// admin other than its proposer is on the team): the admins who could give someone the role.
    pub no_approver: Option<Vec<String>>,
    /// The articles it appears in: the one it was made from, then those whose candidates joined it.
    pub appearances: Vec<crate::db::articles::Appearance>,
    pub citations: Vec<CitationRow>,
    /// The evidence vault's word on each citation (archived, excerpt found…), by citation id.
    pub evidence: Vec<crate::db::evidence::EvidenceView>,
    pub comments: Vec<(CommentRow, String)>,
    /// Comments before the ones shown (0 when all are).
    pub earlier_comments: i64,
    pub tags: Vec<String>,
    pub history: Vec<HistoryLine>,
    /// History lines before the ones shown (0 when all are).
    pub earlier_history: i64,
    /// Who may be assigned: active reviewers, editors and admins.
    pub members: Vec<(i64, String)>,
    pub context_parts: (String, String, String),
    /// The team reviews blind: a second reviewer records a verdict before approval.
    pub blind_review: bool,
    /// The current round's reviews (the proposer's and any second review); empty while sealed.
    pub round_reviews: Vec<ReviewLine>,
    /// Whether this member may record the blind second review now.
    pub can_second_review: bool,
    /// Whether the record (statement, quantity, citations, verdict) may be changed directly:
    /// not once verified or published.
    pub record_open: bool,
    pub record: RecordState,
    pub hints: Hints,
}

impl ClaimView {
    /// The evidence vault's word on one of the claim's citations.
    pub fn evidence_of(&self, citation: &i64) -> Option<&crate::db::evidence::EvidenceView> {
        self.evidence.iter().find(|e| e.citation_id == *citation)
    }

    /// How many articles the claim appears in: an article that gives it twice (dollars and the won
    /// amount that restates them) is one article with two appearances.
    pub fn articles_appeared_in(&self) -> usize {
        let mut articles: Vec<i64> = self.appearances.iter().map(|a| a.article_id).collect();
        articles.sort_unstable();
        articles.dedup();
        articles.len()
    }
}

/// Loads what the claim page (or the API's claim) shows. `whole` takes every comment and history
/// line; otherwise the latest `LATEST_COMMENTS` and `LATEST_HISTORY`.
pub fn claim(
    conn: &mut DbConn,
    member: &Member,
    claim: ClaimId,
    whole: bool,
) -> AppResult<ClaimView> {
    let mut row = rows::get(conn, member.team, claim)?.ok_or(AppError::NotFound)?;
    let scoped = row.scoped();
    let scale = verdicts::scale(conn, member.team)?;
    // One query for both: names for the claim's people, and who may be assigned.
    let everyone = users::members_of_team(conn, member.team.get())?;
    let members: Vec<(i64, String)> = everyone
        .iter()
        .filter(|m| m.active && m.role.at_least(Role::Reviewer))
        .map(|m| (m.user_id, m.name.clone()))
        .collect();
    let name_of = |id: Option<i64>| {
        id.and_then(|id| {
            everyone
                .iter()
                .find(|m| m.user_id == id)
                .map(|m| m.name.clone())
        })
    };
    let appearances = articles::appearances_of(conn, member.team, &row)?;
    let article_title = appearances
        .iter()
        .find(|a| a.origin)
        .map(|a| a.title.clone());
    let no_approver = (row.status() == Status::AwaitingApproval
        && !everyone.iter().any(|m| {
            m.active && m.role.at_least(Role::Editor) && Some(m.user_id) != row.proposed_by
        }))
    .then(|| {
        everyone
            .iter()
            .filter(|m| m.active && m.role == Role::Admin)
            .map(|m| m.name.clone())
            .collect()
    });
    let blind_review = users::find_team(conn, member.team.get())?.is_some_and(|t| t.blind_review);
    let sealed = seal::claim_sealed(&row, Some(member.user));
    let round = reviews::current_round(conn, scoped)?;
    let round_reviews = if round > 0 && !sealed {
        reviews::of_round(conn, scoped, round)?
    } else {
        Vec::new()
    };
    let hints = hints_for(&row);
    let (comments, earlier_comments) =
        discussion::comments_of(conn, scoped, (!whole).then_some(LATEST_COMMENTS))?;
    let (history, earlier_history) =
        discussion::history_of(conn, scoped, (!whole).then_some(LATEST_HISTORY))?;
    let status = row.status();
    let proposer_name = name_of(row.proposed_by);
    let verdict = if sealed {
        None
    } else {
        row.verdict_id
            .and_then(|id| scale.iter().find(|v| v.id == id).cloned())
    };
    if sealed {
        row.verdict_id = None;
        row.rationale = None;
    }
    let record = RecordState {
        published: publications::was_published(conn, scoped)?,
        correction: publications::open_correction_note(conn, scoped)?,
    };
    let sent_back = sent_back_by(&history, &comments, status, proposer_name.as_deref());
    let cited = citations::citations_of(conn, scoped)?;
    Ok(ClaimView {
        sent_back,
        hints,
        blind_review,
        // The seal lifts with the second review, so a sealed claim has none yet.
        can_second_review: sealed && member.role.at_least(Role::Reviewer),
        round_reviews,
        status,
        sealed,
        verdict,
        assignee: name_of(row.assignee_id),
        proposer: proposer_name,
        approver: name_of(row.approved_by),
        article_title,
        no_approver,
        appearances,
        evidence: super::evidence::of_citations(
            conn,
            member.team,
            &cited.iter().map(|c| c.id).collect::<Vec<_>>(),
        )?,
        citations: cited,
        comments,
        earlier_comments,
        tags: discussion::tags_of(conn, scoped)?,
        history: seal::sealed_history(history, sealed),
        earlier_history,
        context_parts: split_context(&row),
        members,
        scale,
        record_open: !matches!(status, Status::Verified | Status::Published),
        record,
        claim: row,
    })
}

/// Who sent the claim's verdict back, with their note, when that is why it is in review: its
/// latest status change went from awaiting approval to in review by someone other than the
/// proposer (the proposer withdrawing is no send-back). The note is the "Sent back: …" comment
/// written with it.
fn sent_back_by(
    history: &[HistoryLine],
    comments: &[(CommentRow, String)],
    status: Status,
    proposer: Option<&str>,
) -> Option<(String, Option<String>)> {
    if status != Status::InReview {
        return None;
    }
    let latest = history
        .iter()
        .filter(|h| h.action == "status")
        .max_by_key(|h| h.at)?;
    let from_approval = latest
        .before
        .as_deref()
        .is_some_and(|b| b.starts_with(Status::AwaitingApproval.as_str()));
    if !from_approval || latest.who.as_deref() == proposer {
        return None;
    }
    let who = latest.actor().to_owned();
    let note = comments
        .iter()
        .filter(|(c, author)| {
            *author == who && c.created_at >= latest.at - chrono::TimeDelta::seconds(5)
        })
        .find_map(|(c, _)| c.body.strip_prefix("Sent back: ").map(str::to_owned));
    Some((who, note))
}

/// The claims before and after the claim of `view` in the queue the member came from.
pub fn neighbours(
    conn: &mut DbConn,
    member: &Member,
    within: &QueueQuestion,
    view: &ClaimView,
) -> AppResult<(Option<ClaimId>, Option<ClaimId>)> {
    // the scale the claim's view read already
    let mut filter = filter_on_scale(&view.scale, Some(member.user), within)?;
    let claim = &view.claim;
    filter.after = None;
    Ok(queue::neighbours(conn, member.team, &filter, claim)?)
}

/// Saves the queue address `query` under `name` for this member in this team.
pub fn save_view(conn: &mut DbConn, member: &Member, name: &str, query: &str) -> AppResult<()> {
    Ok(rows::saved_views::insert_saved_view(
        conn,
        member.team,
        member.user,
        name,
        query,
    )?)
}

/// Deletes one of the member's own views (404 for anyone else's, as for a missing one).
pub fn delete_view(
    conn: &mut DbConn,
    member: &Member,
    view: crate::domain::ViewId,
) -> AppResult<()> {
    if rows::saved_views::delete_saved_view(conn, member.team, member.user, view)? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}
