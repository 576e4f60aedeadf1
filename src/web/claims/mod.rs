//! The claim pages: the queue (`queue`), the claim page (`page`), the changes it posts (`actions`,
//! `citations`). Handlers parse, call the desk and render; a stale change answers the 409 page with
//! what changed and what the member typed, never a silent overwrite.

pub mod actions;
pub mod citations;
pub mod page;
pub mod queue;
pub mod retry;

use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use askama::Template;
use serde::Deserialize;

use super::page::Chrome;
use super::session::Session;
use super::{render_status, see_other, AppState};
use crate::domain::{
    parse_score, search_words, Assignee, ClaimId, Cursor, HistoryLine, QueueQuestion, Sort, Status,
    Tag, VerdictKey,
};
use crate::error::{AppError, AppResult, Stale};
use actix_web::web;

/// The queue's query string, as sent (pages, API and CSV export). Every field is optional; all are
/// kept in links.
#[derive(Debug, Default, Deserialize, Clone)]
pub struct QueueQuery {
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub verdict: String,
    #[serde(default)]
    pub assignee: String,
    #[serde(default)]
    pub article: String,
    #[serde(default)]
    pub tag: String,
    #[serde(default)]
    pub min_score: String,
    #[serde(default)]
    pub max_score: String,
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub sort: String,
    #[serde(default)]
    pub after: String,
}

impl QueueQuery {
    /// The question this query string asks, validated: 400 naming the field for values outside
    /// their sets.
    pub fn question(&self) -> AppResult<QueueQuestion> {
        let status = match self.status.as_str() {
            "" => None,
            raw => Some(raw.parse::<Status>()?),
        };
        let verdict = match self.verdict.as_str() {
            "" => None,
            key => Some(VerdictKey::parse(key).map_err(|_| {
                AppError::invalid("verdict", "is not a verdict of this team's scale")
            })?),
        };
        let article = match self.article.as_str() {
            "" => None,
            id => Some(
                id.parse()
                    .map_err(|_| AppError::invalid("article", "must be an article id"))?,
            ),
        };
        // A tag that cannot exist is not an error in a filter: it matches nothing, as a tag
        // nobody used does.
        let (tag, unmatchable) = match self.tag.trim() {
            "" => (None, false),
            tag => match Tag::parse(tag) {
                Ok(tag) => (Some(tag), false),
                Err(_) => (None, true),
            },
        };
        let sort: Sort = self.sort.parse()?;
        Ok(QueueQuestion {
            unmatchable,
            status,
            verdict,
            assignee: self.assignee.parse::<Assignee>()?,
            article,
            tag,
            min_score: parse_score("min_score", &self.min_score)?,
            max_score: parse_score("max_score", &self.max_score)?,
            words: search_words(&self.q),
            sort,
            after: Cursor::parse(sort, &self.after)?,
        })
    }

    /// The query string without the cursor, plus `extra` pairs: for links that keep the filters.
    pub fn link(&self, extra: &[(&str, &str)]) -> String {
        let mut pairs = url::form_urlencoded::Serializer::new(String::new());
        for (name, value) in [
            ("status", &self.status),
            ("verdict", &self.verdict),
            ("assignee", &self.assignee),
            ("article", &self.article),
            ("tag", &self.tag),
            ("min_score", &self.min_score),
            ("max_score", &self.max_score),
            ("q", &self.q),
            ("sort", &self.sort),
        ] {
            let overridden = extra.iter().any(|(n, _)| *n == name);
            if !value.is_empty() && !overridden {
                pairs.append_pair(name, value);
            }
        }
        for (name, value) in extra {
            if !value.is_empty() {
                pairs.append_pair(name, value);
            }
        }
        format!("/claims?{}", pairs.finish())
    }

    /// The filters as a query string to append to a claim's address (`?status=…`), so the claim
    /// page's previous/next links walk the same selection; empty for the default queue.
    pub fn claim_suffix(&self) -> String {
        let link = self.link(&[]);
        match link.strip_prefix("/claims?") {
            Some("") | None => String::new(),
            Some(pairs) => format!("?{pairs}"),
        }
    }

    /// How many filters (not the search, not the sort) narrow the queue: the folded filters'
    /// summary says so.
    pub fn active_filters(&self) -> usize {
        [
            &self.status,
            &self.verdict,
            &self.assignee,
            &self.tag,
            &self.min_score,
            &self.max_score,
        ]
        .iter()
        .filter(|value| !value.is_empty())
        .count()
    }

    /// Whether any filter or search narrows the queue (the empty state says so).
    pub fn is_filtered(&self) -> bool {
        [
            &self.status,
            &self.verdict,
            &self.assignee,
            &self.article,
            &self.tag,
            &self.min_score,
            &self.max_score,
            &self.q,
        ]
        .iter()
        .any(|value| !value.is_empty())
    }

    /// The CSV export of the same selection.
    pub fn export_link(&self) -> String {
        self.link(&[])
            .replacen("/claims?", "/export/claims.csv?", 1)
    }
}

/// The 409 page: what changed since the member loaded the claim, and what they typed, kept.
#[derive(Template)]
#[template(path = "claims/conflict.html")]
struct ConflictPage {
    chrome: Chrome,
    claim_id: ClaimId,
    changes: Vec<HistoryLine>,
    typed: Vec<(String, String)>,
}

/// What a claim change answers on a page: back to the claim when done; the claim page again with
/// the form sent back (422, what was typed) when its content is refused; the 409 page with what
/// changed and what was `typed` when stale; the error page otherwise.
async fn answer(
    state: &web::Data<AppState>,
    session: &Session,
    claim: ClaimId,
    (form, back): (&'static str, &str),
    done: AppResult<()>,
    typed: &[(&'static str, &Option<String>)],
) -> AppResult<HttpResponse> {
    match done {
        Ok(()) => Ok(see_other(&format!("/claims/{claim}{back}"))),
        // A form of the page with a field refused (an unknown action is no form's: 400).
        Err(AppError::Invalid(invalid)) if form != "transition" => {
            page::send_back_form(
                state,
                session,
                claim,
                retry::Retry::new(form, invalid, typed),
            )
            .await
        }
        Err(AppError::Stale(stale)) => {
            let Stale {
                claim_id, changes, ..
            } = *stale;
            render_status(
                StatusCode::CONFLICT,
                &ConflictPage {
                    chrome: Chrome::member("Someone else changed this claim", session, "claims"),
                    claim_id,
                    changes,
                    typed: typed
                        .iter()
                        .map(|(name, value)| {
                            ((*name).to_owned(), (*value).clone().unwrap_or_default())
                        })
                        .collect(),
                },
            )
        }
        Err(other) => Err(other),
    }
}
