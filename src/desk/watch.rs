//! Watchlists: a team's editors add outlets' feeds (RSS, Atom or JSON Feed); the job queue polls
//! each on a schedule (`CLAIMDESK_FEED_EVERY`) and on `claimdesk watch run-once`, asking
//! conditionally (`If-None-Match`, `If-Modified-Since`), and brings each new item in as an article
//! through the guarded fetcher (deduplicated by the item's id and link, and by text as any
//! article is), extracted as usual. A candidate of such an article that repeats a claim the team
//! has published joins that claim as another appearance (its ClaimReview `appearance` too), and
//! the team's editors and admins are told in their inbox ("repeated claim"), as are the webhooks
//! that want `alert.repeated`.

use chrono::{NaiveDateTime, TimeDelta};

use super::{articles, write, Member};
use crate::db::articles::Saved;
use crate::db::events::{self, Change};
use crate::db::feeds::{self as rows, FeedRow, NewItem, Polled};
use crate::db::{self, jobs, users, DbConn, Pool};
use crate::domain::webhook::WebhookEvent;
use crate::domain::{ArticleDraft, ArticleId, Invalid, RawArticle, Role, TeamId, UserId, WebUrl};
use crate::error::{AppError, AppResult};
use crate::fetch::{Conditional, Fetcher};
use crate::jobs::{Attempt, Context, Outcome};

/// Poll one feed.
pub const POLL: &str = "feed.poll";

/// New items taken from one poll at most (the newest first); the rest wait for the next poll.
pub const ITEMS_PER_POLL: usize = 20;

/// An item's own text is taken as the article when its link cannot be (at least this long).
const SHORTEST_ITEM_TEXT: usize = 200;

/// A feed as read: its title and items.
#[derive(Debug, Clone)]
pub struct ParsedFeed {
    pub title: String,
    pub items: Vec<FeedItem>,
}

#[derive(Debug, Clone)]
pub struct FeedItem {
    /// The item's id (`guid`, Atom `id`, JSON Feed `id`; the parser makes one when there is none).
    pub guid: String,
    pub link: Option<String>,
    pub title: Option<String>,
    /// Its content or summary, as text.
    pub text: Option<String>,
}

/// Reads a feed of any of the kinds feed-rs knows; `None` for anything else.
pub fn parse_feed(bytes: &[u8]) -> Option<ParsedFeed> {
    let feed = feed_rs::parser::parse(bytes).ok()?;
    let items = feed
        .entries
        .into_iter()
        .map(|entry| {
            let link = entry
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or(entry.links.first())
                .map(|l| l.href.trim().to_owned())
                .filter(|href| href.starts_with("http://") || href.starts_with("https://"));
            let html = entry
                .content
                .and_then(|c| c.body)
                .or(entry.summary.map(|s| s.content));
            FeedItem {
                guid: entry.id,
                link,
                title: entry.title.map(|t| t.content.trim().to_owned()),
                text: html.and_then(|h| crate::domain::text_of_html(h.as_bytes())),
            }
        })
        .collect();
    Some(ParsedFeed {
        title: feed
            .title
            .map(|t| t.content.trim().to_owned())
            .filter(|t| !t.is_empty())
            .unwrap_or_default(),
        items,
    })
}

/// Watches a feed: it is fetched once now (a refused address, an error answer or something that
/// is not a feed is `Invalid` naming `url`), then polled by the job queue.
pub async fn add_feed(
    pool: &Pool,
    member: &Member,
    fetcher: &Fetcher,
    raw_url: &str,
) -> AppResult<i64> {
    member.require(Role::Editor)?;
    let link = WebUrl::parse("url", raw_url)?;
    let (p, team, url) = (pool.clone(), member.team, link.as_str().to_owned());
    if articles::on_blocking(move || Ok(rows::watched(&mut *p.get()?, team, &url)?)).await? {
        return Err(Invalid::new("url", "is watched already").into());
    }
    let parsed = url::Url::parse(link.as_str()).map_err(|_| Invalid::new("url", "is not a URL"))?;
    let fetched = fetcher
        .get(&parsed)
        .await
        .map_err(|refused| Invalid::new("url", refused.to_string()))?;
    let feed = parse_feed(&fetched.bytes).ok_or_else(|| {
        Invalid::new(
            "url",
            "is not an RSS, Atom or JSON feed (a web page's feed is usually linked as RSS or \
             Atom from its pages)",
        )
    })?;
    let title = if feed.title.is_empty() {
        link.as_str().to_owned()
    } else {
        feed.title.chars().take(200).collect()
    };
    let (pool, member) = (pool.clone(), *member);
    articles::on_blocking(move || {
        let mut conn = pool.get()?;
        write(&mut conn, member.team, |tx| {
            let now = db::now();
            let id = rows::insert(
                tx,
                &rows::NewFeed {
                    team: member.team,
                    url: link.as_str(),
                    title: &title,
                    by: member.user,
                    at: now,
                },
            )?;
            events::record(
                tx,
                Change {
                    team_id: Some(member.team.get()),
                    actor_id: Some(member.user.get()),
                    entity: "feed",
                    entity_id: id,
                    action: "feed_added",
                    before: None,
                    after: Some(link.as_str()),
                },
            )?;
            jobs::enqueue(tx, Some(member.team), POLL, id, now)?;
            Ok(id)
        })
    })
    .await
}

/// Stops watching a feed; the articles it brought stay.
pub fn remove_feed(conn: &mut DbConn, member: &Member, id: i64) -> AppResult<()> {
    member.require(Role::Editor)?;
    write(conn, member.team, |tx| {
        if !rows::remove(tx, member.team, id, db::now())? {
            return Err(AppError::NotFound);
        }
        events::record(
            tx,
            Change {
                team_id: Some(member.team.get()),
                actor_id: Some(member.user.get()),
                entity: "feed",
                entity_id: id,
                action: "feed_removed",
                before: None,
                after: None,
            },
        )?;
        Ok(())
    })
}

/// The team's feeds, for its editors and admins.
pub fn feeds_of_team(conn: &mut DbConn, member: &Member) -> AppResult<Vec<FeedRow>> {
    member.require(Role::Editor)?;
    Ok(rows::of_team(conn, member.team)?)
}

/// Asks for a poll of every feed (of one team, or of all) last polled more than `every` ago.
pub fn ask_for_polls(
    conn: &mut DbConn,
    team: Option<TeamId>,
    every: std::time::Duration,
    now: NaiveDateTime,
) -> diesel::QueryResult<Vec<i64>> {
    let every = TimeDelta::from_std(every).unwrap_or(TimeDelta::MAX);
    let due = rows::due(conn, team, now - every)?;
    for (team, feed) in &due {
        jobs::enqueue(conn, Some(*team), POLL, *feed, now)?;
    }
    Ok(due.into_iter().map(|(_, feed)| feed).collect())
}

/// Polls every feed of the team (or of every team) now, in this process, and answers each feed
/// with what its poll came to (`claimdesk watch run-once`).
pub fn run_once(
    context: &Context,
    team: Option<TeamId>,
    patience: std::time::Duration,
) -> Result<Vec<FeedRow>, String> {
    let mut conn = context.pool.get().map_err(|e| e.to_string())?;
    let now = db::now();
    // Every feed, however recently polled.
    let asked = db::write(&mut conn, |tx| {
        ask_for_polls(tx, team, std::time::Duration::ZERO, now)
    })
    .map_err(|e| e.to_string())?;
    drop(conn);
    crate::jobs::run_until_done(context, &[POLL], &asked, patience)?;
    let mut conn = context.pool.get().map_err(|e| e.to_string())?;
    let mut polled = Vec::new();
    for id in asked {
        if let Some(feed) = rows::get(&mut conn, id).map_err(|e| e.to_string())? {
            polled.push(feed);
        }
    }
    Ok(polled)
}

/// What one poll brought.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Taken {
    articles: i32,
    repeated: usize,
}

/// Job: poll a feed.
pub async fn poll(context: &Context, feed: i64, attempt: Attempt) -> Outcome {
    let loaded = blocking_on(context, move |conn| {
        let Some(feed) = rows::get(conn, feed)? else {
            return Ok(None);
        };
        let member = users::member_of_team(conn, feed.team_id, feed.added_by)?;
        Ok(Some((feed, member)))
    })
    .await;
    let (feed, adder) = match loaded {
        Ok(Some(found)) => found,
        Ok(None) => return Outcome::Done,
        Err(e) => return Outcome::Retry(e),
    };
    if feed.removed_at.is_some() {
        return Outcome::Done;
    }
    // The feed's articles are its adder's, while they may add articles.
    let Some(member) = adder
        .filter(|m| m.active && m.role.at_least(Role::Reviewer))
        .map(|m| Member {
            team: TeamId::new(feed.team_id),
            user: UserId::new(m.user_id),
            role: m.role,
        })
    else {
        let result = "not polled: the member who added it no longer adds articles to the team; \
                      an editor can add the feed again";
        return settle(context, &feed, None, result, Taken::default()).await;
    };
    let Ok(url) = url::Url::parse(&feed.url) else {
        return settle(
            context,
            &feed,
            None,
            "not polled: not a URL",
            Taken::default(),
        )
        .await;
    };
    let answer = context
        .fetcher
        .get_conditional(&url, feed.etag.as_deref(), feed.last_modified.as_deref())
        .await;
    let fetched = match answer {
        Ok(Conditional::NotModified) => {
            return settle(context, &feed, None, "not modified", Taken::default()).await
        }
        Ok(Conditional::Fetched(fetched)) => fetched,
        Err(e) if e.worth_retrying() && !attempt.last => return Outcome::Retry(e.to_string()),
        Err(e) => {
            let result = format!("the feed {e}");
            return settle(context, &feed, None, &result, Taken::default()).await;
        }
    };
    let Some(parsed) = parse_feed(&fetched.bytes) else {
        let result = "the feed's address no longer answers an RSS, Atom or JSON feed";
        return settle(context, &feed, None, result, Taken::default()).await;
    };
    let mut taken = Taken::default();
    // Items left for the next poll (past the cap, or whose page did not answer): the feed is then
    // fetched whole next time, not asked conditionally.
    let mut left = 0;
    let mut tried = 0;
    for item in &parsed.items {
        let (f, guid, link) = (feed.clone(), item.guid.clone(), item.link.clone());
        match blocking_on(context, move |conn| {
            rows::seen(conn, &f, &guid, link.as_deref())
        })
        .await
        {
            Ok(true) => continue,
            Ok(false) => {}
            Err(e) => return Outcome::Retry(e),
        }
        if tried == ITEMS_PER_POLL {
            left += 1;
            continue;
        }
        tried += 1;
        let (article, note) = match take(context, &member, item).await {
            Took::Article(saved) => {
                let id = saved.id();
                if let Saved::Created(_) = saved {
                    taken.articles += 1;
                }
                // An article the team had (a crash after it was saved, or another feed's) is
                // looked at too: only its pending candidates join claims, so nobody is told twice.
                match alert(context, &member, id, &feed).await {
                    Ok(n) => taken.repeated += n,
                    Err(e) => return Outcome::Retry(e),
                }
                let note = matches!(saved, Saved::Existing(_))
                    .then(|| "the team had this article".to_owned());
                (Some(id.get()), note)
            }
            Took::Later(why) => {
                tracing::info!(feed = feed.id, item = %item.guid, cause = %why, "a feed item is left for the next poll");
                left += 1;
                continue;
            }
            Took::Failed(why) => (None, Some(why)),
        };
        let (f, item) = (feed.clone(), item.clone());
        let recorded = blocking_on(context, move |conn| {
            rows::insert_item(
                conn,
                &NewItem {
                    feed: &f,
                    guid: &item.guid,
                    link: item.link.as_deref(),
                    article,
                    note: note.as_deref(),
                    at: db::now(),
                },
            )
        })
        .await;
        if let Err(e) = recorded {
            return Outcome::Retry(e);
        }
    }
    let mut result = format!(
        "{} new article{}, {} repeated claim{}",
        taken.articles,
        if taken.articles == 1 { "" } else { "s" },
        taken.repeated,
        if taken.repeated == 1 { "" } else { "s" }
    );
    let validators = if left > 0 {
        result.push_str(&format!(", {left} left for the next poll"));
        (None, None)
    } else {
        (fetched.etag.clone(), fetched.last_modified.clone())
    };
    settle(context, &feed, Some(validators), &result, taken).await
}

/// What became of a feed item.
enum Took {
    Article(Saved),
    /// Not now (its page did not answer, the database was busy): the next poll tries again.
    Later(String),
    /// Never: recorded with the reason.
    Failed(String),
}

/// Brings an item in: the page it links to, through the fetcher; else (no link, or the page
/// cannot be read) the item's own text when it is long enough to be an article; else, when the
/// page did not answer, later.
async fn take(context: &Context, member: &Member, item: &FeedItem) -> Took {
    let mut why = String::from("the item has no link");
    let mut later = false;
    if let Some(link) = &item.link {
        match articles::ingest_fetched_link(
            &context.pool,
            member,
            &context.fetcher,
            link,
            context.article_limit,
        )
        .await
        {
            Ok(saved) => return Took::Article(saved),
            Err(articles::LinkError::Fetch(e)) => {
                later = e.worth_retrying();
                why = format!("its link {e}");
            }
            Err(articles::LinkError::Desk(AppError::Invalid(invalid))) => {
                why = format!("its link {}", invalid.message)
            }
            // The database or the blocking pool: not the item's fault.
            Err(articles::LinkError::Desk(internal @ AppError::Internal(_))) => {
                return Took::Later(internal.to_string())
            }
            Err(articles::LinkError::Desk(refused)) => {
                return Took::Failed(refused.public().message)
            }
        }
    }
    let Some(text) = item
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| t.chars().count() >= SHORTEST_ITEM_TEXT)
    else {
        return if later {
            Took::Later(why)
        } else {
            Took::Failed(why)
        };
    };
    let raw = RawArticle {
        title: item.title.clone().unwrap_or_default(),
        url: item.link.clone().unwrap_or_default(),
        publisher: String::new(),
        author: String::new(),
        published_on: String::new(),
        body: text.to_owned(),
    };
    let draft = match ArticleDraft::parse(&raw, context.article_limit) {
        Ok(draft) => draft,
        Err(e) => {
            return Took::Failed(format!(
                "the item's text cannot be saved: its {} {}",
                e.field, e.message
            ))
        }
    };
    let (pool, member) = (context.pool.clone(), *member);
    let saved = tokio::task::spawn_blocking(move || {
        let mut conn = pool.get().map_err(|e| e.to_string())?;
        articles::ingest(&mut conn, &member, &draft).map_err(|e| e.public().message)
    })
    .await;
    match saved {
        Ok(Ok(saved)) => Took::Article(saved),
        Ok(Err(why)) => Took::Failed(why),
        Err(e) => Took::Later(e.to_string()),
    }
}

/// The new article's candidates that repeat published claims join them; the team's editors and
/// admins, and the webhooks wanting `alert.repeated`, are told. Answers how many claims were
/// repeated.
async fn alert(
    context: &Context,
    member: &Member,
    article: ArticleId,
    feed: &FeedRow,
) -> Result<usize, String> {
    let (member, feed_title) = (*member, feed.title.clone());
    let pool = context.pool.clone();
    tokio::task::spawn_blocking(move || {
        let mut conn = pool.get().map_err(|e| e.to_string())?;
        write(&mut conn, member.team, |tx| {
            let repeated = articles::attach_to_published(tx, &member, article)?;
            let title = articles::article(tx, &member, article)?.title;
            for (claim, surface) in &repeated {
                let note = format!(
                    "{surface} in \u{201c}{title}\u{201d}, from the watched feed {feed_title}: \
                     the article is now one of the claim's appearances."
                );
                super::inbox::repeated(tx, &member, claim, &note)?;
                super::webhooks::emit(
                    tx,
                    member.team,
                    WebhookEvent::AlertRepeated,
                    serde_json::json!({
                        "claim_id": claim.id,
                        "statement": claim.statement,
                        "quantity": surface,
                        "article_id": article,
                        "article_title": title,
                        "feed": feed_title,
                        "path": format!("/claims/{}", claim.id),
                    }),
                    db::now(),
                )?;
            }
            Ok(repeated.len())
        })
        .map_err(|e: AppError| e.public().message)
    })
    .await
    .map_err(|e| e.to_string())?
}

async fn settle(
    context: &Context,
    feed: &FeedRow,
    validators: Option<(Option<String>, Option<String>)>,
    result: &str,
    taken: Taken,
) -> Outcome {
    let (id, result) = (feed.id, result.to_owned());
    let stored = blocking_on(context, move |conn| {
        rows::set_polled(
            conn,
            id,
            &Polled {
                at: db::now(),
                validators: validators
                    .as_ref()
                    .map(|(etag, modified)| (etag.as_deref(), modified.as_deref())),
                result: &result,
                taken: taken.articles,
            },
        )
    })
    .await;
    match stored {
        Ok(()) => Outcome::Done,
        Err(e) => Outcome::Retry(e),
    }
}

async fn blocking_on<T: Send + 'static>(
    context: &Context,
    work: impl FnOnce(&mut DbConn) -> diesel::QueryResult<T> + Send + 'static,
) -> Result<T, String> {
    let pool = context.pool.clone();
    tokio::task::spawn_blocking(move || {
        let mut conn = pool.get().map_err(|e| e.to_string())?;
        work(&mut conn).map_err(|e| e.to_string())
    })
    .await
    .map_err(|e| e.to_string())?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_atom_and_json_feeds_give_their_items() {
        let rss =
            br#"<?xml version="1.0"?><rss version="2.0"><channel><title>Coastal Ledger</title>
            <item><title>Fund grows</title><link>https://ledger.example.org/a</link><guid>a-1</guid>
            <description>&lt;p&gt;The fund grew.&lt;/p&gt;</description></item></channel></rss>"#;
        let feed = parse_feed(rss).unwrap();
        assert_eq!(feed.title, "Coastal Ledger");
        assert_eq!(feed.items.len(), 1);
        assert_eq!(feed.items[0].guid, "a-1");
        assert_eq!(
            feed.items[0].link.as_deref(),
            Some("https://ledger.example.org/a")
        );
        assert_eq!(
            feed.items[0].text.as_deref().map(str::trim),
            Some("The fund grew.")
        );

        let atom = br#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title>
            <entry><id>urn:x:1</id><title>One</title><link href="https://a.example.org/1"/></entry>
            <entry><id>urn:x:2</id><title>Two</title><link rel="alternate" href="https://a.example.org/2"/></entry></feed>"#;
        let feed = parse_feed(atom).unwrap();
        assert_eq!(feed.items.len(), 2);
        assert_eq!(
            feed.items[1].link.as_deref(),
            Some("https://a.example.org/2")
        );

        let json = br#"{"version": "https://jsonfeed.org/version/1.1", "title": "J",
            "items": [{"id": "9", "url": "https://j.example.org/9", "content_text": "Hello"}]}"#;
        let feed = parse_feed(json).unwrap();
        assert_eq!(
            feed.items[0].link.as_deref(),
            Some("https://j.example.org/9")
        );
    }

    #[test]
    fn a_web_page_is_no_feed_and_links_must_be_web_addresses() {
        assert!(parse_feed(b"<html><body><p>Hello</p></body></html>").is_none());
        let rss = br#"<rss version="2.0"><channel><title>T</title><item><title>x</title>
            <link>javascript:alert(1)</link><guid>g</guid></item></channel></rss>"#;
        assert_eq!(parse_feed(rss).unwrap().items[0].link, None);
    }
}
