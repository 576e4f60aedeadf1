//! Watchlists' storage: a team's feeds, with what the last poll said and the validators to ask
//! again conditionally, and the items already taken from each feed.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{feed_items, feeds};
use super::DbConn;
use crate::domain::{TeamId, UserId};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = feeds)]
pub struct FeedRow {
    pub id: i64,
    pub team_id: i64,
    pub url: String,
    pub title: String,
    pub added_by: i64,
    pub created_at: NaiveDateTime,
    pub removed_at: Option<NaiveDateTime>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub polled_at: Option<NaiveDateTime>,
    pub last_result: Option<String>,
    pub articles_taken: i32,
}

pub struct NewFeed<'a> {
    pub team: TeamId,
    pub url: &'a str,
    pub title: &'a str,
    pub by: UserId,
    pub at: NaiveDateTime,
}

pub fn insert(tx: &mut DbConn, new: &NewFeed<'_>) -> QueryResult<i64> {
    diesel::insert_into(feeds::table)
        .values((
            feeds::team_id.eq(new.team.get()),
            feeds::url.eq(new.url),
            feeds::title.eq(new.title),
            feeds::added_by.eq(new.by.get()),
            feeds::created_at.eq(new.at),
        ))
        .returning(feeds::id)
        .get_result(tx)
}

/// The team's feeds still watched, oldest first.
pub fn of_team(conn: &mut DbConn, team: TeamId) -> QueryResult<Vec<FeedRow>> {
    feeds::table
        .filter(feeds::team_id.eq(team.get()))
        .filter(feeds::removed_at.is_null())
        .order(feeds::id)
        .select(FeedRow::as_select())
        .load(conn)
}

/// Whether the team already watches this address.
pub fn watched(conn: &mut DbConn, team: TeamId, url: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        feeds::table
            .filter(feeds::team_id.eq(team.get()))
            .filter(feeds::url.eq(url))
            .filter(feeds::removed_at.is_null()),
    ))
    .get_result(conn)
}

pub fn get(conn: &mut DbConn, id: i64) -> QueryResult<Option<FeedRow>> {
    feeds::table
        .find(id)
        .select(FeedRow::as_select())
        .first(conn)
        .optional()
}

/// Stops watching one of the team's feeds (the articles it brought stay); `false` when the team
/// watches no such feed.
pub fn remove(tx: &mut DbConn, team: TeamId, id: i64, at: NaiveDateTime) -> QueryResult<bool> {
    diesel::update(
        feeds::table
            .filter(feeds::id.eq(id))
            .filter(feeds::team_id.eq(team.get()))
            .filter(feeds::removed_at.is_null()),
    )
    .set(feeds::removed_at.eq(Some(at)))
    .execute(tx)
    .map(|n| n == 1)
}

/// Feeds (of one team, or of all) last polled before `before`, or never.
pub fn due(
    conn: &mut DbConn,
    team: Option<TeamId>,
    before: NaiveDateTime,
) -> QueryResult<Vec<(TeamId, i64)>> {
    let mut query = feeds::table
        .filter(feeds::removed_at.is_null())
        .filter(feeds::polled_at.is_null().or(feeds::polled_at.lt(before)))
        .order(feeds::id)
        .select((feeds::team_id, feeds::id))
        .into_boxed();
    if let Some(team) = team {
        query = query.filter(feeds::team_id.eq(team.get()));
    }
    Ok(query
        .load::<(i64, i64)>(conn)?
        .into_iter()
        .map(|(team, id)| (TeamId::new(team), id))
        .collect())
}

/// What a poll came to.
pub struct Polled<'a> {
    pub at: NaiveDateTime,
    /// New validators (`None`: keep those there are, as after a 304 or an error).
    pub validators: Option<(Option<&'a str>, Option<&'a str>)>,
    pub result: &'a str,
    pub taken: i32,
}

pub fn set_polled(conn: &mut DbConn, id: i64, polled: &Polled<'_>) -> QueryResult<()> {
    let target = feeds::table.find(id);
    diesel::update(target)
        .set((
            feeds::polled_at.eq(Some(polled.at)),
            feeds::last_result.eq(Some(polled.result)),
            feeds::articles_taken.eq(feeds::articles_taken + polled.taken),
        ))
        .execute(conn)?;
    if let Some((etag, last_modified)) = polled.validators {
        diesel::update(target)
            .set((feeds::etag.eq(etag), feeds::last_modified.eq(last_modified)))
            .execute(conn)?;
    }
    Ok(())
}

/// Whether the feed's item was taken before (by its id, or by its link from any of the team's
/// feeds).
pub fn seen(
    conn: &mut DbConn,
    feed: &FeedRow,
    guid: &str,
    link: Option<&str>,
) -> QueryResult<bool> {
    let by_guid = diesel::select(diesel::dsl::exists(
        feed_items::table
            .filter(feed_items::feed_id.eq(feed.id))
            .filter(feed_items::guid.eq(guid)),
    ))
    .get_result::<bool>(conn)?;
    if by_guid {
        return Ok(true);
    }
    match link {
        Some(link) => diesel::select(diesel::dsl::exists(
            feed_items::table
                .filter(feed_items::team_id.eq(feed.team_id))
                .filter(feed_items::link.eq(link)),
        ))
        .get_result(conn),
        None => Ok(false),
    }
}

pub struct NewItem<'a> {
    pub feed: &'a FeedRow,
    pub guid: &'a str,
    pub link: Option<&'a str>,
    pub article: Option<i64>,
    pub note: Option<&'a str>,
    pub at: NaiveDateTime,
}

/// Records an item as taken; nothing when it already was (a poll run twice).
pub fn insert_item(conn: &mut DbConn, item: &NewItem<'_>) -> QueryResult<()> {
    let insert = diesel::insert_into(feed_items::table).values((
        feed_items::feed_id.eq(item.feed.id),
        feed_items::team_id.eq(item.feed.team_id),
        feed_items::guid.eq(item.guid),
        feed_items::link.eq(item.link),
        feed_items::article_id.eq(item.article),
        feed_items::seen_at.eq(item.at),
        feed_items::note.eq(item.note),
    ));
    match conn {
        DbConn::Postgres(pg) => insert.on_conflict_do_nothing().execute(pg),
        DbConn::Sqlite(sqlite) => insert.on_conflict_do_nothing().execute(sqlite),
    }
    .map(drop)
}
