//! History: one row per change, written inside the transaction of the change itself, and
//! hash-chained per team for tamper evidence (the rules and the hash are in `crate::audit`).
//!
//! Appending locks the chain's head row (`event_chains`) until the transaction ends, so two writers
//! of one team never link to the same event. On SQLite `db::write`'s `BEGIN IMMEDIATE` already
//! serialises writers; on PostgreSQL the head is taken with `SELECT … FOR UPDATE`.
//!
//! Lock order (PostgreSQL): the head lock is held to the end of the transaction, and most
//! transactions take it last, after claim rows, claim-count rows (`db::claims::lock_counts`), a
//! candidate row and so on. A transaction that takes such a row *after* recording an event (a bulk
//! change of several claims, accepting a candidate after its claim is recorded) can then wait for a
//! row that a second transaction holds while that one waits for the head: a deadlock, which
//! PostgreSQL breaks by failing one of them. Taking the head first in every team write transaction
//! ([`lock_chain`]) makes the order the same everywhere: chain head, then everything else. It has
//! to be every one: a transaction that takes the head first while a status change still takes the
//! count rows first (and the head last) deadlocks with it. A transaction that writes to two chains
//! takes its team's before the no-team chain.

use std::collections::BTreeSet;

use diesel::prelude::*;

use super::models::{EventRow, NewEvent};
use super::schema::{event_chains, events};
use super::DbConn;
use crate::audit::{self, ChainCheck, EventFields, StoredHead, Verdict, GENESIS, NO_TEAM};

/// Events read per query when sealing, verifying or exporting: memory holds one batch.
const BATCH: i64 = 1_000;

/// What an event is about, for `record`.
pub struct Change<'a> {
    pub team_id: Option<i64>,
    pub actor_id: Option<i64>,
    pub entity: &'a str,
    pub entity_id: i64,
    pub action: &'a str,
    pub before: Option<&'a str>,
    pub after: Option<&'a str>,
}

/// Records one event at the end of its chain, in the caller's write transaction (`db::write` or
/// `conn.transaction`): the event and the chain's head commit or roll back together with the
/// change they describe. Called outside a transaction, it opens one of its own (and logs a warning,
/// since the change itself then commits separately).
pub fn record(conn: &mut DbConn, change: Change<'_>) -> QueryResult<()> {
    if in_transaction(conn)? {
        append(conn, &change)
    } else {
        tracing::warn!(
            entity = change.entity,
            action = change.action,
            "an event was recorded outside a transaction; it gets one of its own"
        );
        super::write(conn, |conn| append(conn, &change))
    }
}

fn append(conn: &mut DbConn, change: &Change<'_>) -> QueryResult<()> {
    let mut head = lock_head(conn, change.team_id)?;
    let fields = EventFields {
        team_id: change.team_id,
        actor_id: change.actor_id,
        entity: change.entity,
        entity_id: change.entity_id,
        action: change.action,
        before_value: change.before,
        after_value: change.after,
        created_at: super::now(),
    };
    let linked = head.link(&fields);
    diesel::insert_into(events::table)
        .values(NewEvent {
            team_id: fields.team_id,
            actor_id: fields.actor_id,
            entity: fields.entity,
            entity_id: fields.entity_id,
            action: fields.action,
            before_value: fields.before_value,
            after_value: fields.after_value,
            created_at: fields.created_at,
            seq: linked.seq,
            prev_hash: &linked.prev_hash,
            hash: &linked.hash,
        })
        .execute(conn)?;
    head.save(conn)
}

/// Takes the head lock of the team's chain (`None`: the no-team chain) for the rest of the current
/// transaction, creating the head if the chain is new. A no-op on SQLite, whose write transactions
/// are serialised already. Call it first in every write transaction of a team, before any other
/// row lock (claim-count rows, claims, candidates…), so that every transaction takes its locks in
/// the same order; see the module comment for the deadlock this avoids, and why it must be every
/// team write transaction at once rather than some.
pub fn lock_chain(conn: &mut DbConn, team_id: Option<i64>) -> QueryResult<()> {
    if let DbConn::Postgres(_) = conn {
        lock_head(conn, team_id)?;
    }
    Ok(())
}

/// A chain's head, locked until the end of the transaction: where the next event goes.
#[derive(Debug)]
pub struct ChainHead {
    chain: i64,
    last_seq: i64,
    last_hash: String,
}

/// An event's place in its chain, as `ChainHead::link` gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Linked {
    pub seq: i64,
    pub prev_hash: String,
    pub hash: String,
}

impl ChainHead {
    /// Places an event after the head and moves the head on to it. `fields.team_id` must be the
    /// team whose head this is.
    pub fn link(&mut self, fields: &EventFields<'_>) -> Linked {
        let seq = self.last_seq + 1;
        let hash = fields.hash(seq, &self.last_hash);
        let prev_hash = std::mem::replace(&mut self.last_hash, hash.clone());
        self.last_seq = seq;
        Linked {
            seq,
            prev_hash,
            hash,
        }
    }

    /// Writes the head back, after the events `link` placed were inserted.
    pub fn save(&self, conn: &mut DbConn) -> QueryResult<()> {
        diesel::update(event_chains::table.find(self.chain))
            .set((
                event_chains::last_seq.eq(self.last_seq),
                event_chains::last_hash.eq(&self.last_hash),
            ))
            .execute(conn)?;
        Ok(())
    }
}

/// Locks and reads the head of the team's chain (`None`: the no-team chain) for the rest of the
/// current write transaction. A new chain's head is created (race-safely: a second writer that
/// creates it at the same moment waits, then reads the first one's); a chain numbered by the
/// migration but not sealed yet is sealed first.
pub fn lock_head(conn: &mut DbConn, team_id: Option<i64>) -> QueryResult<ChainHead> {
    let chain = audit::chain_key(team_id);
    let mut stored = match read_head(conn, chain, true)? {
        Some(head) => head,
        None => {
            super::insert_unless_taken(conn, |conn| {
                diesel::insert_into(event_chains::table)
                    .values((
                        event_chains::chain_key.eq(chain),
                        event_chains::last_seq.eq(0),
                        event_chains::last_hash.eq(GENESIS),
                    ))
                    .execute(conn)
            })?;
            read_head(conn, chain, true)?.ok_or(diesel::result::Error::NotFound)?
        }
    };
    if stored.last_hash.is_none() {
        seal_chain(conn, chain)?;
        stored = read_head(conn, chain, true)?.ok_or(diesel::result::Error::NotFound)?;
    }
    Ok(ChainHead {
        chain,
        last_seq: stored.last_seq,
        last_hash: stored.last_hash.ok_or(diesel::result::Error::NotFound)?,
    })
}

/// The stored head of a chain; `lock` takes it `FOR UPDATE` on PostgreSQL.
fn read_head(conn: &mut DbConn, chain: i64, lock: bool) -> QueryResult<Option<StoredHead>> {
    let query = event_chains::table
        .find(chain)
        .select((event_chains::last_seq, event_chains::last_hash));
    let row: Option<(i64, Option<String>)> = match conn {
        DbConn::Postgres(pg) if lock => query.for_update().first(pg).optional()?,
        _ => query.first(conn).optional()?,
    };
    Ok(row.map(|(last_seq, last_hash)| StoredHead {
        last_seq,
        last_hash,
    }))
}

fn in_transaction(conn: &mut DbConn) -> QueryResult<bool> {
    use diesel::connection::TransactionManager;
    let status = <DbConn as Connection>::TransactionManager::transaction_manager_status_mut(conn);
    Ok(status.transaction_depth()?.is_some())
}

/// Seals the events that predate the chain: the migration numbered them (in id order per chain)
/// and left their heads without a hash; this computes their hashes in seq order, in one write
/// transaction. Run at start-up after the migrations (`db::migrate`). Returns how many events it
/// sealed; when there is nothing to seal it costs one query on the small head table.
pub fn seal(conn: &mut DbConn) -> QueryResult<u64> {
    let pending: Vec<i64> = event_chains::table
        .filter(event_chains::last_hash.is_null())
        .order(event_chains::chain_key)
        .select(event_chains::chain_key)
        .load(conn)?;
    if pending.is_empty() {
        return Ok(0);
    }
    super::write(conn, |conn| {
        let mut sealed = 0;
        for chain in pending {
            sealed += seal_chain(conn, chain)?;
        }
        Ok(sealed)
    })
}

/// Seals one chain whose head has no hash yet (in the caller's write transaction). Only the events
/// the migration numbered (seq up to the head's) are sealed, so a row slipped in later is not
/// made part of the chain by this.
fn seal_chain(conn: &mut DbConn, chain: i64) -> QueryResult<u64> {
    let Some(head) = read_head(conn, chain, true)? else {
        return Ok(0);
    };
    if head.last_hash.is_some() {
        return Ok(0);
    }
    let mut prev = GENESIS.to_owned();
    let mut sealed = 0;
    let mut after = None;
    loop {
        let rows = chain_batch(conn, Chain::of_key(chain), after, BATCH)?;
        let mut seals = Vec::with_capacity(rows.len());
        let mut beyond_head = false;
        for row in &rows {
            let Some(seq) = row.seq.filter(|&seq| seq <= head.last_seq) else {
                beyond_head = true;
                break;
            };
            let hash = EventFields::of(row).hash(seq, &prev);
            seals.push((row.id, std::mem::replace(&mut prev, hash.clone()), hash));
            after = Some((seq, row.id));
        }
        write_seals(conn, &seals)?;
        sealed += seals.len() as u64;
        if beyond_head || rows.len() < BATCH as usize {
            break;
        }
    }
    diesel::update(event_chains::table.find(chain))
        .set(event_chains::last_hash.eq(&prev))
        .execute(conn)?;
    Ok(sealed)
}

/// Stores the (id, prev_hash, hash) of sealed events: one statement per batch on PostgreSQL, where
/// a million single-row updates would be a million round trips; one per event on SQLite, which
/// runs in-process.
fn write_seals(conn: &mut DbConn, seals: &[(i64, String, String)]) -> QueryResult<()> {
    if seals.is_empty() {
        return Ok(());
    }
    if let DbConn::Postgres(pg) = conn {
        use diesel::sql_types::{BigInt, Text};
        // Only numbered placeholders go into the text; every value is bound.
        let values = (0..seals.len())
            .map(|i| format!("(${}, ${}, ${})", 3 * i + 1, 3 * i + 2, 3 * i + 3))
            .collect::<Vec<_>>()
            .join(", ");
        let mut query = diesel::sql_query(format!(
            "UPDATE events SET prev_hash = v.column2, hash = v.column3 \
             FROM (VALUES {values}) AS v WHERE events.id = v.column1"
        ))
        .into_boxed::<diesel::pg::Pg>();
        for (id, prev_hash, hash) in seals {
            query = query
                .bind::<BigInt, _>(*id)
                .bind::<Text, _>(prev_hash)
                .bind::<Text, _>(hash);
        }
        query.execute(pg)?;
        return Ok(());
    }
    for (id, prev_hash, hash) in seals {
        diesel::update(events::table.find(*id))
            .set((events::prev_hash.eq(prev_hash), events::hash.eq(hash)))
            .execute(conn)?;
    }
    Ok(())
}

/// Which events a walk reads: those with no team, or one team's (whatever its id, so that a row
/// naming a team that cannot exist is still found).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Chain {
    NoTeam,
    Team(i64),
}

impl Chain {
    fn of_key(key: i64) -> Chain {
        if key == NO_TEAM {
            Chain::NoTeam
        } else {
            Chain::Team(key)
        }
    }

    fn key(self) -> i64 {
        match self {
            Chain::NoTeam => NO_TEAM,
            Chain::Team(id) => id,
        }
    }
}

/// The next `limit` events of a chain in (seq, id) order after `after`; events without a seq are
/// not part of it (see `first_unplaced`).
fn chain_batch(
    conn: &mut DbConn,
    chain: Chain,
    after: Option<(i64, i64)>,
    limit: i64,
) -> QueryResult<Vec<EventRow>> {
    let mut query = events::table
        .filter(events::seq.is_not_null())
        .order((events::seq, events::id))
        .limit(limit)
        .into_boxed();
    query = match chain {
        Chain::NoTeam => query.filter(events::team_id.is_null()),
        Chain::Team(id) => query.filter(events::team_id.eq(id)),
    };
    if let Some((seq, id)) = after {
        // The first condition keeps the walk on the (team_id, seq) index; the second skips what
        // was read (the same seq twice only happens when someone dropped the unique index).
        query = query
            .filter(events::seq.ge(seq))
            .filter(events::seq.gt(seq).or(events::id.gt(id)));
    }
    query.load(conn)
}

/// Reads a whole chain a batch at a time, handing each batch to `each` until it returns false.
fn walk<E>(
    conn: &mut DbConn,
    chain: Chain,
    mut each: impl FnMut(&[EventRow]) -> Result<bool, E>,
) -> Result<(), E>
where
    E: From<diesel::result::Error>,
{
    let mut after = None;
    loop {
        let rows = chain_batch(conn, chain, after, BATCH)?;
        let Some(last) = rows.last() else {
            return Ok(());
        };
        let Some(seq) = last.seq else {
            return Ok(());
        };
        after = Some((seq, last.id));
        if !each(&rows)? || rows.len() < BATCH as usize {
            return Ok(());
        }
    }
}

/// The events of a chain that have no seq, in id order, from after `after_id`.
fn unplaced_batch(
    conn: &mut DbConn,
    chain: Chain,
    after_id: i64,
    limit: i64,
) -> QueryResult<Vec<EventRow>> {
    let query = events::table
        .filter(events::seq.is_null())
        .filter(events::id.gt(after_id))
        .order(events::id)
        .limit(limit)
        .into_boxed();
    match chain {
        Chain::NoTeam => query.filter(events::team_id.is_null()).load(conn),
        Chain::Team(id) => query.filter(events::team_id.eq(id)).load(conn),
    }
}

/// Every chain that has events or a head, the no-team chain first, then teams by id.
fn chains(conn: &mut DbConn) -> QueryResult<BTreeSet<Chain>> {
    let teams: Vec<Option<i64>> = events::table
        .select(events::team_id)
        .distinct()
        .load(conn)?;
    let heads: Vec<i64> = event_chains::table
        .select(event_chains::chain_key)
        .load(conn)?;
    let mut all: BTreeSet<Chain> = teams
        .into_iter()
        .map(|team| team.map_or(Chain::NoTeam, Chain::Team))
        .collect();
    all.extend(heads.into_iter().map(Chain::of_key));
    Ok(all)
}

/// Walks every chain in seq order and reports the first broken event (chains in the order of
/// `chains`), or how many chains and events are intact. Memory holds one batch of events. Call it
/// outside a transaction: it opens its own read-only snapshot.
pub fn verify(conn: &mut DbConn) -> QueryResult<Verdict> {
    crate::db::snapshot(conn, |conn| {
        let (mut chain_count, mut event_count) = (0u64, 0u64);
        for chain in chains(conn)? {
            if let Chain::Team(id) = chain {
                if id <= NO_TEAM {
                    let first = first_event_id(conn, chain)?;
                    return Ok(Verdict::Broken(audit::Break {
                        event_id: first,
                        team_id: Some(id),
                        what: format!(
                            "names team {id}, which cannot exist: it was written outside the \
                             application"
                        ),
                    }));
                }
            }
            let head = read_head(conn, chain.key(), false)?;
            let mut check = ChainCheck::new(chain.key(), head);
            let mut broken = None;
            walk(conn, chain, |rows| {
                for row in rows {
                    if let Err(found) = check.next(row) {
                        broken = Some(found);
                        return Ok::<_, diesel::result::Error>(false);
                    }
                }
                Ok(true)
            })?;
            if let Some(found) = broken {
                return Ok(Verdict::Broken(found));
            }
            if let Some(row) = unplaced_batch(conn, chain, i64::MIN, 1)?.first() {
                return Ok(Verdict::Broken(audit::unplaced(row)));
            }
            match check.finish() {
                Ok(checked) => event_count += checked,
                Err(found) => return Ok(Verdict::Broken(found)),
            }
            chain_count += 1;
        }
        Ok(Verdict::Intact {
            chains: chain_count,
            events: event_count,
        })
    })
}

/// The id of a chain's first event, placed or not (to name one of a chain that cannot exist).
fn first_event_id(conn: &mut DbConn, chain: Chain) -> QueryResult<Option<i64>> {
    let query = events::table
        .select(events::id)
        .order(events::id)
        .into_boxed();
    match chain {
        Chain::NoTeam => query.filter(events::team_id.is_null()).first(conn),
        Chain::Team(id) => query.filter(events::team_id.eq(id)).first(conn),
    }
    .optional()
}

/// Which chains `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chains {
    All,
    /// One team's chain; `None` is the no-team chain.
    Only(Option<i64>),
}

/// Hands every event of the selected chains to `emit`, chain by chain (the no-team chain first,
/// then teams by id), each in seq order followed by any event without a seq, all from one
/// snapshot and a batch at a time. Returns how many events it handed over.
pub fn export<E>(
    conn: &mut DbConn,
    which: Chains,
    mut emit: impl FnMut(&EventRow) -> Result<(), E>,
) -> Result<u64, E>
where
    E: From<diesel::result::Error>,
{
    crate::db::snapshot(conn, |conn| {
        let selected: Vec<Chain> = match which {
            Chains::All => chains(conn)?.into_iter().collect(),
            Chains::Only(team) => vec![team.map_or(Chain::NoTeam, Chain::Team)],
        };
        let mut count = 0u64;
        for chain in selected {
            walk(conn, chain, |rows| {
                for row in rows {
                    emit(row)?;
                }
                count += rows.len() as u64;
                Ok::<bool, E>(true)
            })?;
            let mut after_id = i64::MIN;
            loop {
                let rows = unplaced_batch(conn, chain, after_id, BATCH)?;
                let Some(last) = rows.last() else { break };
                after_id = last.id;
                for row in &rows {
                    emit(row)?;
                }
                count += rows.len() as u64;
            }
        }
        Ok(count)
    })
}

/// The newest events of one team, newest first.
pub fn recent_for_team(conn: &mut DbConn, team_id: i64, limit: i64) -> QueryResult<Vec<EventRow>> {
    events::table
        .filter(events::team_id.eq(team_id))
        .order(events::id.desc())
        .limit(limit)
        .load(conn)
}
