//! An article from a link: the page is fetched through the guarded fetcher, its article read out
//! (`fetch::page`), and ingested like a pasted one. The one desk operation that waits on the
//! network, so it is async and holds a database connection only for its two short steps: the
//! lookup of the address (a link the team already has opens that article, unfetched) and the
//! ingest (which finds the team's article with the same text, as a paste does).

use chrono::NaiveDate;

use super::{ingest, may_add};
use crate::db::articles::{self as rows, Saved};
use crate::db::Pool;
use crate::desk::Member;
use crate::domain::{title_from_text, ArticleDraft, Invalid, RawArticle, WebUrl};
use crate::error::{AppError, AppResult};
use crate::fetch::page::{self, PageArticle};
use crate::fetch::{FetchError, Fetched, Fetcher};

/// The field every refusal of a link names.
const FIELD: &str = "url";

/// Fetches the page at `raw_url` and saves its article, or finds the team's article with that
/// address or that text. A refused address, an error answer, a page that is not HTML or holds no
/// readable text: `Invalid` naming `url`, with the reason.
pub async fn ingest_link(
    pool: &Pool,
    member: &Member,
    fetcher: &Fetcher,
    raw_url: &str,
    max_body_bytes: usize,
) -> AppResult<Saved> {
    ingest_fetched_link(pool, member, fetcher, raw_url, max_body_bytes)
        .await
        .map_err(|refused| match refused {
            LinkError::Fetch(e) => Invalid::new(FIELD, e.to_string()).into(),
            LinkError::Desk(e) => e,
        })
}

/// Why a link gave no article: the fetch (whose error says whether asking again may help), or
/// the desk (a refusal, the page's content, the database).
#[derive(Debug)]
pub enum LinkError {
    Fetch(FetchError),
    Desk(AppError),
}

impl<E: Into<AppError>> From<E> for LinkError {
    fn from(e: E) -> LinkError {
        LinkError::Desk(e.into())
    }
}

/// `ingest_link`, with a failed fetch kept as its `FetchError` (a feed's poll asks again later
/// when the server did not answer).
pub async fn ingest_fetched_link(
    pool: &Pool,
    member: &Member,
    fetcher: &Fetcher,
    raw_url: &str,
    max_body_bytes: usize,
) -> Result<Saved, LinkError> {
    may_add(member)?;
    let link = WebUrl::parse(FIELD, raw_url)?;
    if let Some(id) = known_link(pool, member, link.as_str()).await? {
        return Ok(Saved::Existing(id));
    }
    let url = url::Url::parse(link.as_str()).map_err(|_| Invalid::new(FIELD, "is not a URL"))?;
    let fetched = fetcher.get(&url).await.map_err(LinkError::Fetch)?;
    if fetched.final_url.as_str() != link.as_str() {
        if let Some(id) = known_link(pool, member, fetched.final_url.as_str()).await? {
            return Ok(Saved::Existing(id));
        }
    }
    let draft = on_blocking(move || Ok(draft_of(&fetched, max_body_bytes)?)).await?;
    let (pool, member) = (pool.clone(), *member);
    Ok(on_blocking(move || ingest(&mut *pool.get()?, &member, &draft)).await?)
}

/// The team's article at this address, if it has one.
async fn known_link(
    pool: &Pool,
    member: &Member,
    url: &str,
) -> AppResult<Option<crate::domain::ArticleId>> {
    let (pool, team, url) = (pool.clone(), member.team, url.to_owned());
    on_blocking(move || Ok(rows::find_by_url(&mut *pool.get()?, team, &url)?)).await
}

/// The article draft a fetched page gives: its text, its title (else the text's first line), the
/// address it was found at, its site as publisher, its author and date.
fn draft_of(fetched: &Fetched, max_body_bytes: usize) -> Result<ArticleDraft, Invalid> {
    if !fetched.is_html() {
        let kind = if fetched.media_type.is_empty() {
            "no content type".to_owned()
        } else {
            fetched.media_type.clone()
        };
        return Err(Invalid::new(
            FIELD,
            format!(
                "is not a web page (it answered {kind}); upload the file or paste its text instead"
            ),
        ));
    }
    let html = page::decode(&fetched.bytes, fetched.charset.as_deref());
    let article = page::read(&html, &fetched.final_url).ok_or_else(|| {
        Invalid::new(
            FIELD,
            "holds no article text that could be read; paste the text instead",
        )
    })?;
    let raw = raw_article(article, &fetched.final_url);
    ArticleDraft::parse(&raw, max_body_bytes).map_err(|invalid| {
        // The page's own fields are not the member's to correct: the link is what they sent.
        Invalid::new(
            FIELD,
            format!(
                "gave an article that cannot be saved: its {} {}",
                invalid.field, invalid.message
            ),
        )
    })
}

fn raw_article(article: PageArticle, url: &url::Url) -> RawArticle {
    let title = article
        .title
        .or_else(|| title_from_text(&article.text))
        .unwrap_or_else(|| url.to_string());
    RawArticle {
        title,
        url: url.to_string(),
        publisher: article.site_name.unwrap_or_default(),
        author: article.author.unwrap_or_default(),
        published_on: article
            .published_on
            .as_ref()
            .map(NaiveDate::to_string)
            .unwrap_or_default(),
        body: article.text,
    }
}

pub(crate) async fn on_blocking<T: Send + 'static>(
    work: impl FnOnce() -> AppResult<T> + Send + 'static,
) -> AppResult<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(AppError::internal)?
}
