//! Tamper evidence for the history, as pure logic: the canonical form of an event and its SHA-256,
//! and the rules a stored chain of events must follow (`ChainCheck`). `db::events` writes the chain
//! fields and walks the stored chains through these; `claimdesk audit` reports what they find.
//!
//! Each team's events form one chain, and the events with no team form one more, keyed
//! [`NO_TEAM`]. An event's `hash` is the SHA-256 of its canonical content, which includes the hash
//! of the event before it (`prev_hash`), so changing, removing or inserting a row breaks the chain
//! there, unless every later hash and the chain's head are rewritten too. The hash is not keyed:
//! someone who can write the database and knows this format can forge a whole new chain; keeping
//! the heads that `claimdesk audit verify` reports somewhere else is what catches that.

use std::fmt;

use chrono::NaiveDateTime;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::db::models::EventRow;

/// The chain key of the events that belong to no team (team ids start at 1).
pub const NO_TEAM: i64 = 0;

/// The `prev_hash` of the first event of every chain.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The first line of the canonical form; a new format would get a new tag.
const FORMAT_TAG: &[u8] = b"claimdesk-event-v1\n";

/// `created_at` in the canonical form and in exports: always six fractional digits, the precision
/// both backends store (`db::now` truncates to it).
pub const TIME_FORMAT: &str = "%Y-%m-%d %H:%M:%S%.6f";

/// The chain an event belongs to: its team's, or the no-team chain.
pub fn chain_key(team_id: Option<i64>) -> i64 {
    team_id.unwrap_or(NO_TEAM)
}

/// The team of a chain: `None` for the no-team chain.
fn team_of(chain: i64) -> Option<i64> {
    (chain != NO_TEAM).then_some(chain)
}

/// What an event says, apart from its place in the chain.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EventFields<'a> {
    pub team_id: Option<i64>,
    pub actor_id: Option<i64>,
    pub entity: &'a str,
    pub entity_id: i64,
    pub action: &'a str,
    pub before_value: Option<&'a str>,
    pub after_value: Option<&'a str>,
    pub created_at: NaiveDateTime,
}

impl<'a> EventFields<'a> {
    pub fn of(row: &'a EventRow) -> EventFields<'a> {
        EventFields {
            team_id: row.team_id,
            actor_id: row.actor_id,
            entity: &row.entity,
            entity_id: row.entity_id,
            action: &row.action,
            before_value: row.before_value.as_deref(),
            after_value: row.after_value.as_deref(),
            created_at: row.created_at,
        }
    }

    /// The canonical content of the event at `seq` after the event whose hash is `prev_hash`: the
    /// line `claimdesk-event-v1`, then one field per line, each `-` when absent or
    /// `<length in bytes>:<UTF-8 bytes>`, in this order: chain key, seq, team_id, actor_id, entity,
    /// entity_id, action, before_value, after_value, created_at (`TIME_FORMAT`), prev_hash. Numbers
    /// are written in decimal. The length prefix makes it unambiguous whatever the values contain.
    pub fn canonical(&self, seq: i64, prev_hash: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(
            200 + self.entity.len()
                + self.action.len()
                + self.before_value.map_or(0, str::len)
                + self.after_value.map_or(0, str::len),
        );
        out.extend_from_slice(FORMAT_TAG);
        let number = |n: i64| n.to_string();
        let fields: [Option<String>; 11] = [
            Some(number(chain_key(self.team_id))),
            Some(number(seq)),
            self.team_id.map(number),
            self.actor_id.map(number),
            Some(self.entity.to_owned()),
            Some(number(self.entity_id)),
            Some(self.action.to_owned()),
            self.before_value.map(str::to_owned),
            self.after_value.map(str::to_owned),
            Some(self.created_at.format(TIME_FORMAT).to_string()),
            Some(prev_hash.to_owned()),
        ];
        for field in &fields {
            match field {
                None => out.extend_from_slice(b"-"),
                Some(text) => {
                    out.extend_from_slice(text.len().to_string().as_bytes());
                    out.push(b':');
                    out.extend_from_slice(text.as_bytes());
                }
            }
            out.push(b'\n');
        }
        out
    }

    /// The event's hash: the lowercase hex SHA-256 of its canonical content.
    pub fn hash(&self, seq: i64, prev_hash: &str) -> String {
        hex::encode(Sha256::digest(self.canonical(seq, prev_hash)))
    }
}

/// A chain's head as stored: its last seq and last hash (`None` until sealed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredHead {
    pub last_seq: i64,
    pub last_hash: Option<String>,
}

/// The first broken place of a chain: the event to look at (none when the chain has no event left
/// to name), its team (none for the no-team chain) and what is wrong, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Break {
    pub event_id: Option<i64>,
    pub team_id: Option<i64>,
    pub what: String,
}

impl fmt::Display for Break {
    /// `event 12 (team 3): what`, `event 9 (team none): what`, or `chain of team 3: what` when
    /// no event is left to name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let team = match self.team_id {
            Some(id) => format!("team {id}"),
            None => "team none".to_owned(),
        };
        match self.event_id {
            Some(id) => write!(f, "event {id} ({team}): {}", self.what),
            None => write!(f, "chain of {team}: {}", self.what),
        }
    }
}

/// What `db::events::verify` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Intact { chains: u64, events: u64 },
    Broken(Break),
}

/// An event that has no place in any chain (no seq): written outside the application.
pub fn unplaced(row: &EventRow) -> Break {
    Break {
        event_id: Some(row.id),
        team_id: row.team_id,
        what: "has no place in the chain (no seq): it was written outside the application".into(),
    }
}

/// Checks one chain, fed its events in seq order (then id, so a repeated seq shows), and then its
/// head. Constant memory: it keeps only the previous event's seq, hash and id.
#[derive(Debug)]
pub struct ChainCheck {
    chain: i64,
    head: Option<StoredHead>,
    last_seq: i64,
    last_hash: String,
    last_id: Option<i64>,
    checked: u64,
}

impl ChainCheck {
    pub fn new(chain: i64, head: Option<StoredHead>) -> ChainCheck {
        ChainCheck {
            chain,
            head,
            last_seq: 0,
            last_hash: GENESIS.to_owned(),
            last_id: None,
            checked: 0,
        }
    }

    fn broken(&self, event_id: Option<i64>, what: String) -> Break {
        Break {
            event_id,
            team_id: team_of(self.chain),
            what,
        }
    }

    fn before(&self) -> String {
        match self.last_id {
            Some(id) => format!("event {id}"),
            None => "the start of the chain".to_owned(),
        }
    }

    /// The next event of the chain. Its seq must follow the previous one, its hash must be that of
    /// its content, and its prev_hash that of the previous event.
    pub fn next(&mut self, row: &EventRow) -> Result<(), Break> {
        let at = Some(row.id);
        let Some(head) = &self.head else {
            return Err(self.broken(
                at,
                "its chain has no head row: the head was deleted, or the chain was made outside \
                 the application"
                    .into(),
            ));
        };
        if head.last_hash.is_none() {
            return Err(self.broken(
                at,
                "its chain is not sealed yet (start ClaimDesk or run `claimdesk migrate`)".into(),
            ));
        }
        let head_seq = head.last_seq;
        let Some(seq) = row.seq else {
            return Err(unplaced(row));
        };
        let expected = self.last_seq + 1;
        if seq < expected {
            return Err(self.broken(
                at,
                format!(
                    "has seq {seq} where {expected} was expected: it repeats a place in the chain"
                ),
            ));
        }
        if seq > expected {
            let missing = seq - expected;
            return Err(self.broken(
                at,
                format!(
                    "has seq {seq} where {expected} was expected: {missing} event(s) before it \
                     are missing (deleted?)"
                ),
            ));
        }
        let (Some(prev_hash), Some(hash)) = (row.prev_hash.as_deref(), row.hash.as_deref()) else {
            return Err(self.broken(at, "has no hash or no prev_hash".into()));
        };
        if EventFields::of(row).hash(seq, prev_hash) != hash {
            return Err(self.broken(
                at,
                "its content does not match its hash: it was changed after it was written".into(),
            ));
        }
        if prev_hash != self.last_hash {
            return Err(self.broken(
                at,
                format!(
                    "does not link to {}: its prev_hash is not that event's hash",
                    self.before()
                ),
            ));
        }
        if seq > head_seq {
            return Err(self.broken(
                at,
                format!(
                    "lies beyond the chain's head (seq {head_seq}): it was added outside the \
                     application"
                ),
            ));
        }
        self.last_seq = seq;
        self.last_hash = hash.to_owned();
        self.last_id = at;
        self.checked += 1;
        Ok(())
    }

    /// Ends the chain: its head must record the last event seen. Returns how many events were
    /// checked.
    pub fn finish(self) -> Result<u64, Break> {
        let Some(head) = &self.head else {
            // No head and no events: nothing to check. Events without a head failed in `next`.
            return Ok(self.checked);
        };
        if head.last_seq > self.last_seq {
            let missing = head.last_seq - self.last_seq;
            let what = match self.last_id {
                Some(_) => format!(
                    "is the last event of the chain, but the chain's head records seq {}: the \
                     last {missing} event(s) are missing (deleted?)",
                    head.last_seq
                ),
                None => format!(
                    "the head records {} event(s) but none is left (deleted?)",
                    head.last_seq
                ),
            };
            return Err(self.broken(self.last_id, what));
        }
        match &head.last_hash {
            None => Err(self.broken(
                self.last_id,
                "the chain is not sealed yet (start ClaimDesk or run `claimdesk migrate`)".into(),
            )),
            Some(hash) if *hash != self.last_hash => Err(self.broken(
                self.last_id,
                format!(
                    "the chain's head records another hash for {}",
                    if self.last_id.is_some() {
                        "this last event"
                    } else {
                        "its start"
                    }
                ),
            )),
            Some(_) => Ok(self.checked),
        }
    }
}

/// One event as a line of `claimdesk audit export`: every column, `created_at` as hashed.
#[derive(Serialize)]
struct ExportLine<'a> {
    id: i64,
    chain: i64,
    seq: Option<i64>,
    team_id: Option<i64>,
    actor_id: Option<i64>,
    entity: &'a str,
    entity_id: i64,
    action: &'a str,
    before_value: Option<&'a str>,
    after_value: Option<&'a str>,
    created_at: String,
    prev_hash: Option<&'a str>,
    hash: Option<&'a str>,
}

/// The event as one JSON object (no newline), fields in a fixed order.
pub fn json_line(row: &EventRow) -> serde_json::Result<String> {
    serde_json::to_string(&ExportLine {
        id: row.id,
        chain: chain_key(row.team_id),
        seq: row.seq,
        team_id: row.team_id,
        actor_id: row.actor_id,
        entity: &row.entity,
        entity_id: row.entity_id,
        action: &row.action,
        before_value: row.before_value.as_deref(),
        after_value: row.after_value.as_deref(),
        created_at: row.created_at.format(TIME_FORMAT).to_string(),
        prev_hash: row.prev_hash.as_deref(),
        hash: row.hash.as_deref(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(micros: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 27)
            .and_then(|d| d.and_hms_micro_opt(9, 30, 5, micros))
            .expect("a valid time")
    }

    fn fields() -> EventFields<'static> {
        EventFields {
            team_id: Some(3),
            actor_id: Some(7),
            entity: "claim",
            entity_id: 42,
            action: "status",
            before_value: Some("unverified"),
            after_value: Some("in_review"),
            created_at: at(120),
        }
    }

    /// A chain of `n` events of team 3, linked as `db::events::record` links them.
    fn chain(n: i64) -> Vec<EventRow> {
        let mut prev = GENESIS.to_owned();
        (1..=n)
            .map(|seq| {
                let mut f = fields();
                f.entity_id = seq;
                let hash = f.hash(seq, &prev);
                let row = EventRow {
                    id: 100 + seq,
                    team_id: f.team_id,
                    actor_id: f.actor_id,
                    entity: f.entity.into(),
                    entity_id: f.entity_id,
                    action: f.action.into(),
                    before_value: f.before_value.map(Into::into),
                    after_value: f.after_value.map(Into::into),
                    created_at: f.created_at,
                    seq: Some(seq),
                    prev_hash: Some(prev.clone()),
                    hash: Some(hash.clone()),
                };
                prev = hash;
                row
            })
            .collect()
    }

    fn head_of(rows: &[EventRow]) -> StoredHead {
        StoredHead {
            last_seq: rows.last().and_then(|r| r.seq).unwrap_or(0),
            last_hash: Some(
                rows.last()
                    .and_then(|r| r.hash.clone())
                    .unwrap_or_else(|| GENESIS.to_owned()),
            ),
        }
    }

    fn check(rows: &[EventRow], head: Option<StoredHead>) -> Result<u64, Break> {
        let mut check = ChainCheck::new(3, head);
        for row in rows {
            check.next(row)?;
        }
        check.finish()
    }

    #[test]
    fn the_canonical_form_is_length_prefixed_in_a_fixed_order() {
        let text = String::from_utf8(fields().canonical(5, GENESIS)).unwrap();
        assert_eq!(
            text,
            format!(
                "claimdesk-event-v1\n1:3\n1:5\n1:3\n1:7\n5:claim\n2:42\n6:status\n10:unverified\n\
                 9:in_review\n26:2026-11-27 09:30:05.000120\n64:{GENESIS}\n"
            )
        );
        let mut none = fields();
        none.team_id = None;
        none.actor_id = None;
        none.before_value = None;
        let text = String::from_utf8(none.canonical(1, GENESIS)).unwrap();
        assert!(
            text.starts_with("claimdesk-event-v1\n1:0\n1:1\n-\n-\n5:claim\n"),
            "{text}"
        );
        assert!(text.contains("\n6:status\n-\n9:in_review\n"), "{text}");
    }

    #[test]
    fn a_known_event_has_a_known_hash() {
        // Computed independently (Python hashlib) from the canonical text of the test above.
        assert_eq!(
            fields().hash(5, GENESIS),
            "ee600f08acb2b350ce7d280453b3b51affa51b2bd1aa826eebb7c4cd38cd1e2d"
        );
    }

    #[test]
    fn a_change_to_any_field_changes_the_hash() {
        let base = fields();
        let original = base.hash(5, GENESIS);
        let mut variants: Vec<(&str, EventFields<'_>)> = Vec::new();
        let mut v = base;
        v.team_id = Some(4);
        variants.push(("team", v));
        let mut v = base;
        v.team_id = None;
        variants.push(("no team", v));
        let mut v = base;
        v.actor_id = None;
        variants.push(("actor", v));
        let mut v = base;
        v.entity = "article";
        variants.push(("entity", v));
        let mut v = base;
        v.entity_id = 43;
        variants.push(("entity id", v));
        let mut v = base;
        v.action = "edited";
        variants.push(("action", v));
        let mut v = base;
        v.before_value = None;
        variants.push(("before none", v));
        let mut v = base;
        v.before_value = Some("");
        variants.push(("before empty", v));
        let mut v = base;
        v.after_value = Some("published");
        variants.push(("after", v));
        let mut v = base;
        v.created_at = at(121);
        variants.push(("time", v));
        for (what, variant) in variants {
            assert_ne!(variant.hash(5, GENESIS), original, "{what}");
        }
        assert_ne!(base.hash(6, GENESIS), original, "seq");
        assert_ne!(base.hash(5, &"1".repeat(64)), original, "prev_hash");
        assert_eq!(
            base.hash(5, GENESIS),
            original,
            "the same content, the same hash"
        );
    }

    #[test]
    fn moving_text_between_fields_changes_the_hash() {
        let mut a = fields();
        a.entity = "ab";
        a.action = "c";
        let mut b = fields();
        b.entity = "a";
        b.action = "bc";
        assert_ne!(a.hash(1, GENESIS), b.hash(1, GENESIS));
        let mut c = fields();
        c.before_value = Some("x\n1:y");
        c.after_value = None;
        let mut d = fields();
        d.before_value = Some("x");
        d.after_value = Some("y");
        assert_ne!(c.hash(1, GENESIS), d.hash(1, GENESIS));
    }

    #[test]
    fn an_intact_chain_passes() {
        let rows = chain(5);
        assert_eq!(check(&rows, Some(head_of(&rows))), Ok(5));
        assert_eq!(check(&[], None), Ok(0));
        assert_eq!(check(&[], Some(head_of(&[]))), Ok(0));
    }

    #[test]
    fn an_altered_event_is_named() {
        let mut rows = chain(5);
        let head = head_of(&rows);
        rows[2].after_value = Some("published".into());
        let broken = check(&rows, Some(head)).unwrap_err();
        assert_eq!(broken.event_id, Some(103));
        assert!(broken.what.contains("does not match its hash"), "{broken}");
        assert_eq!(
            broken.to_string(),
            format!("event 103 (team 3): {}", broken.what)
        );
    }

    #[test]
    fn a_deleted_event_names_the_one_after_the_gap() {
        let mut rows = chain(5);
        let head = head_of(&rows);
        rows.remove(1);
        let broken = check(&rows, Some(head.clone())).unwrap_err();
        assert_eq!(broken.event_id, Some(103));
        assert!(
            broken.what.contains("1 event(s) before it are missing"),
            "{broken}"
        );
        let mut rows = chain(3);
        rows.remove(0);
        let broken = check(&rows, Some(head_of(&chain(3)))).unwrap_err();
        assert_eq!(broken.event_id, Some(102));
    }

    #[test]
    fn a_deleted_last_event_names_the_new_last_one() {
        let mut rows = chain(5);
        let head = head_of(&rows);
        rows.pop();
        let broken = check(&rows, Some(head.clone())).unwrap_err();
        assert_eq!(broken.event_id, Some(104));
        assert!(
            broken.what.contains("last 1 event(s) are missing"),
            "{broken}"
        );
        let broken = check(&[], Some(head)).unwrap_err();
        assert_eq!(broken.event_id, None);
        assert_eq!(
            broken.to_string(),
            "chain of team 3: the head records 5 event(s) but none is left (deleted?)"
        );
    }

    #[test]
    fn a_forged_event_is_named() {
        let rows = chain(4);
        let head = head_of(&rows);
        // Appended with the right link and a made-up hash.
        let mut forged = rows[3].clone();
        forged.id = 999;
        forged.seq = Some(5);
        forged.prev_hash = rows[3].hash.clone();
        forged.hash = Some("ab".repeat(32));
        let mut with = rows.clone();
        with.push(forged.clone());
        let broken = check(&with, Some(head.clone())).unwrap_err();
        assert_eq!(broken.event_id, Some(999));
        // Appended with a correct hash but no head update.
        let prev = rows[3].hash.clone().unwrap();
        forged.hash = Some(EventFields::of(&forged).hash(5, &prev));
        let mut with = rows.clone();
        with.push(forged.clone());
        let broken = check(&with, Some(head.clone())).unwrap_err();
        assert_eq!(broken.event_id, Some(999));
        assert!(broken.what.contains("beyond the chain's head"), "{broken}");
        // Slipped in between with a made-up link: the event after it no longer links.
        let mut between = rows[1].clone();
        between.id = 998;
        between.seq = Some(3);
        between.prev_hash = rows[1].hash.clone();
        between.hash = Some(EventFields::of(&between).hash(3, &rows[1].hash.clone().unwrap()));
        let mut renumbered = rows.clone();
        renumbered.insert(2, between);
        for (n, row) in renumbered.iter_mut().enumerate().skip(3) {
            row.seq = Some(n as i64 + 1);
        }
        let broken = check(&renumbered, Some(head)).unwrap_err();
        assert_eq!(broken.event_id, Some(103));
        // Without chain fields at all.
        let mut bare = rows[0].clone();
        bare.seq = None;
        assert_eq!(unplaced(&bare).event_id, Some(101));
    }

    #[test]
    fn a_repeated_seq_and_a_wrong_head_are_named() {
        let rows = chain(3);
        let mut twice = rows.clone();
        twice.insert(2, rows[1].clone());
        let broken = check(&twice, Some(head_of(&rows))).unwrap_err();
        assert!(broken.what.contains("repeats a place"), "{broken}");
        let mut head = head_of(&rows);
        head.last_hash = Some("cd".repeat(32));
        let broken = check(&rows, Some(head)).unwrap_err();
        assert_eq!(broken.event_id, Some(103));
        assert!(broken.what.contains("another hash"), "{broken}");
        let broken = check(&rows, None).unwrap_err();
        assert_eq!(broken.event_id, Some(101));
        assert!(broken.what.contains("no head row"), "{broken}");
    }

    #[test]
    fn the_no_team_chain_is_named_as_such() {
        let broken = Break {
            event_id: Some(9),
            team_id: None,
            what: "x".into(),
        };
        assert_eq!(broken.to_string(), "event 9 (team none): x");
        assert_eq!(chain_key(None), NO_TEAM);
        assert_eq!(chain_key(Some(12)), 12);
    }

    #[test]
    fn an_export_line_carries_every_column_in_order() {
        let rows = chain(1);
        let line = json_line(&rows[0]).unwrap();
        assert!(
            line.starts_with("{\"id\":101,\"chain\":3,\"seq\":1,\"team_id\":3,"),
            "{line}"
        );
        assert!(
            line.contains("\"created_at\":\"2026-11-27 09:30:05.000120\""),
            "{line}"
        );
        assert!(
            line.contains(&format!("\"prev_hash\":\"{GENESIS}\"")),
            "{line}"
        );
        let value: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(value["hash"].as_str(), rows[0].hash.as_deref());
    }
}
