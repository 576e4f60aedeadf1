//! The article page's view: the article, one page of its candidates (pending first, then best
//! first; each pending one with the claims it repeats) and one part of its body with the
//! candidates inside it marked. Its size does not grow with the article.

use super::{already_checked, article, proposed_statement, sentence_of, CandidateView};
use crate::db::articles as rows;
use crate::db::models::{ArticleRow, CandidateRow};
use crate::db::DbConn;
use crate::desk::Member;
use crate::domain::ArticleId;
use crate::error::AppResult;

/// How many candidates one page of the article page lists.
pub const CANDIDATES_PER_PAGE: i64 = 50;
/// The most bytes of the body the article page shows at once.
pub const BODY_PART_BYTES: usize = 32 * 1024;

/// Which candidates the article page lists: all (pending first) or only the pending ones, best
/// first, one page at a time; and which part of the body it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Listing {
    pub pending_only: bool,
    /// From 1.
    pub page: u32,
    /// From 0; past the last part means the last.
    pub part: usize,
}

impl Default for Listing {
    fn default() -> Self {
        Listing {
            pending_only: false,
            page: 1,
            part: 0,
        }
    }
}

/// What the article page shows: the article, one page of its candidates (pending, then best first) (each with the
/// claims the team already has with its quantity), the counts, one part of the body with the
/// candidates marked in it, and the article's recent history. Its size does not grow with the
/// article: a page of candidates and a part of the body.
pub struct ArticleView {
    pub article: ArticleRow,
    pub candidates: Vec<CandidateView>,
    pub listing: Listing,
    pub pending: i64,
    pub total: i64,
    /// Byte ranges of the body's parts; `listing.part` is the one shown.
    pub parts: Vec<std::ops::Range<usize>>,
    /// The candidates inside the shown part, in document order.
    pub marks: Vec<CandidateRow>,
    pub timeline: Vec<(crate::db::models::EventRow, Option<String>)>,
}

impl ArticleView {
    /// How many pages of candidates the listing has (at least 1).
    pub fn pages(&self) -> i64 {
        let listed = if self.listing.pending_only {
            self.pending
        } else {
            self.total
        };
        ((listed + CANDIDATES_PER_PAGE - 1) / CANDIDATES_PER_PAGE).max(1)
    }

    /// The part of the body holding a byte offset (a candidate's span start).
    pub fn part_of(&self, offset: i64) -> usize {
        let offset = usize::try_from(offset).unwrap_or(0);
        self.parts
            .iter()
            .position(|part| part.contains(&offset))
            .unwrap_or(self.parts.len().saturating_sub(1))
    }

    /// The shown part of the body.
    pub fn body_part(&self) -> (usize, &str) {
        let range = self.parts[self.listing.part].clone();
        (range.start, &self.article.body[range])
    }
}

pub fn article_view(
    conn: &mut DbConn,
    member: &Member,
    id: ArticleId,
    listing: Listing,
) -> AppResult<ArticleView> {
    let article = article(conn, member, id)?;
    let (pending, total) = rows::candidate_counts(conn, &article)?;
    let offset = i64::from(listing.page.max(1) - 1) * CANDIDATES_PER_PAGE;
    let page = rows::candidates_by_score(
        conn,
        &article,
        listing.pending_only,
        CANDIDATES_PER_PAGE,
        offset,
    )?;
    let mut candidates = Vec::with_capacity(page.len());
    for row in page {
        let statement = proposed_statement(&article, &row);
        candidates.push(CandidateView {
            sentence: sentence_of(&article, &row).to_owned(),
            already: already_checked(conn, member, &article, &row, &statement)?,
            statement,
            row,
        });
    }
    let parts = crate::domain::body_parts(&article.body, BODY_PART_BYTES);
    let listing = Listing {
        part: listing.part.min(parts.len() - 1),
        ..listing
    };
    let marks = rows::candidates_within(conn, &article, parts[listing.part].clone())?;
    let timeline = self::rows::timeline(conn, &article, 50)?;
    Ok(ArticleView {
        article,
        candidates,
        listing,
        pending,
        total,
        parts,
        marks,
        timeline,
    })
}
