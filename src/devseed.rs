//! `claimdesk dev seed`: fills a database with realistic work for benchmarks and load tests —
//! articles, claims in every status with verdicts, citations, comments, history, and a team of
//! members — fast enough for a million claims in minutes. Deterministic for a given `--seed`, and the
//! same rows on both backends.
//!
//! The rows are generated in memory a chunk at a time with their ids already assigned, then written
//! in bulk inside one write transaction per chunk: multi-row `INSERT`s on SQLite, binary
//! `COPY … FROM STDIN` on PostgreSQL. Triggers and foreign keys still run for every row, so whatever
//! the migrations keep in step (full-text index, per-status counts) stays right. On PostgreSQL the
//! chunks were kept small when the counters had a row trigger (each update of the counter row walks
//! its versions of the transaction so far); they are statement-level now (`000090`), so a chunk
//! costs its rows, and the size stays as measured in docs/PERFORMANCE.md.

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::sqlite::SqliteConnection;

use crate::audit::EventFields;
use crate::db::schema::{articles, citations, claims, comments, events};
use crate::db::{self, events as history, users, DbConn};
use crate::domain::{Email, PersonName, Role, Score, TeamName};
use crate::error::AppResult;

/// The password of every seeded member (development data only).
pub const SEED_PASSWORD: &str = "seeded members share this long password";

/// Claims per write transaction: one multi-row `INSERT` series on SQLite, one `COPY` per table on
/// PostgreSQL (see the module's comment for why it is smaller there).
const SQLITE_CHUNK: usize = 10_000;
const POSTGRES_CHUNK: usize = 2_000;

/// Claims the generator splits into articles at a time (the last article of a block may be short).
/// It was the transaction size before the bulk writes; kept so a given `--seed` makes the same data.
const BLOCK: usize = 2_000;
const _: () = assert!(
    SQLITE_CHUNK % BLOCK == 0 && POSTGRES_CHUNK % BLOCK == 0,
    "a chunk is whole blocks"
);

/// Bound parameters per SQLite statement (SQLite's limit is 32,766 since 3.32).
const SQLITE_PARAMETERS: usize = 32_000;

/// The tables the seed fills, in foreign-key order.
const TABLES: [&str; 5] = ["articles", "claims", "citations", "comments", "events"];

/// The tables triggers fill as the seed writes claims (counts and the dashboard's tallies).
const TALLIES: [&str; 8] = [
    "claim_counts",
    "claim_day_tallies",
    "claim_month_tallies",
    "article_day_tallies",
    "article_tallies",
    "verified_day_tallies",
    "verdict_time_tallies",
    "verdict_time_month_tallies",
];

/// A small deterministic generator (xorshift64*): the seed data must not depend on a crate's
/// version, and no randomness is needed for security here.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const SUBJECTS: [(&str, &str, &str); 12] = [
    ("troops", "person", "the defence ministry"),
    ("military personnel", "person", "the navy"),
    ("patrol budget", "USD", "the ministry"),
    ("reward", "USD", "the State Department"),
    ("unemployment rate", "percent", "the statistics office"),
    ("measles cases", "person", "health officials"),
    ("turnout", "percent", "the election commission"),
    ("export volume", "t", "the trade ministry"),
    ("housing starts", "count", "the housing agency"),
    ("hospital beds", "count", "the health ministry"),
    ("oil output", "bbl", "OPEC"),
    ("wind capacity", "GW", "the energy regulator"),
];

const PLACES: [&str; 8] = [
    "the northern strait",
    "the capital",
    "three provinces",
    "the coastal region",
    "the border area",
    "the eastern districts",
    "the port city",
    "the river valley",
];

pub struct SeedSummary {
    pub team: String,
    pub claims: usize,
    pub articles: usize,
    pub members: usize,
}

/// Seeds `claims` claims into `team_name` (created with its members when new).
///
/// On PostgreSQL other writers to articles, claims, citations, comments and events wait until the
/// seed commits, and when the secondary indexes are rebuilt readers of those tables wait too.
pub fn seed(
    pool: &db::Pool,
    team_name: &str,
    claim_count: usize,
    seed: u64,
    mut progress: impl FnMut(usize),
) -> AppResult<SeedSummary> {
    let team_name = TeamName::parse(team_name)?;
    let mut conn = pool.get()?;
    let team = match users::find_team_by_name(&mut conn, &team_name)? {
        Some(team) => team,
        None => db::write(&mut conn, |conn| users::insert_team(conn, &team_name, None))?,
    };
    let hash = crate::auth::hash_password(SEED_PASSWORD)?;
    let mut reviewers = Vec::new();
    let mut editors = Vec::new();
    let roster: [(Role, usize); 4] = [
        (Role::Admin, 1),
        (Role::Editor, 3),
        (Role::Reviewer, 12),
        (Role::Viewer, 2),
    ];
    let slug: String = team_name
        .as_str()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_lowercase();
    for (role, count) in roster {
        for n in 1..=count {
            let email = Email::parse(&format!(
                "{}{n}@{}.seed.example.org",
                role.as_str(),
                if slug.is_empty() { "team" } else { &slug }
            ))?;
            let name = PersonName::parse(&format!("{} {n}", role.as_str()))?;
            let user_id = db::write(&mut conn, |conn| -> AppResult<i64> {
                let user = match users::find_user_by_email(conn, &email)? {
                    Some(user) => user,
                    None => users::insert_user(conn, &email, &name, &hash)?,
                };
                users::upsert_membership(conn, team.id, user.id, role, None)?;
                Ok(user.id)
            })?;
            match role {
                Role::Reviewer => reviewers.push(user_id),
                Role::Editor | Role::Admin => editors.push(user_id),
                Role::Viewer => {}
            }
        }
    }
    let scale = crate::db::verdicts::scale(&mut conn, crate::domain::TeamId::new(team.id))?;
    let active: Vec<i64> = scale.iter().filter(|v| !v.retired).map(|v| v.id).collect();
    // Article serials continue after the team's articles, so seeding the same team again adds new
    // articles instead of colliding with the old ones' body hashes.
    let existing_articles: i64 = articles::table
        .filter(articles::team_id.eq(team.id))
        .count()
        .get_result(&mut conn)?;
    let mut generator = Generator {
        rng: Rng(seed.max(1)),
        team_id: team.id,
        start: db::now() - TimeDelta::days(365),
        reviewers: &reviewers,
        editors: &editors,
        verdicts: &active,
        serial: usize::try_from(existing_articles).unwrap_or(0),
        articles_made: 0,
    };
    load(&mut conn, &mut generator, claim_count, &mut progress)?;
    Ok(SeedSummary {
        team: team.name,
        claims: claim_count,
        articles: generator.articles_made,
        members: reviewers.len() + editors.len() + 2,
    })
}

/// Writes the claims a chunk at a time, each chunk in one write transaction that reads the next free
/// ids and writes the chunk's rows in bulk.
fn load(
    conn: &mut DbConn,
    generator: &mut Generator,
    claim_count: usize,
    progress: &mut impl FnMut(usize),
) -> QueryResult<()> {
    match conn {
        DbConn::Sqlite(inner) => {
            let saved = SqliteSettings::for_bulk_load(inner)?;
            let outcome = write_chunks(conn, generator, claim_count, progress);
            if let DbConn::Sqlite(inner) = conn {
                saved.restore(inner)?;
            }
            outcome
        }
        DbConn::Postgres(_) => {
            write_chunks(conn, generator, claim_count, progress)?;
            // Statistics and the visibility map now, not whenever autovacuum comes by: a
            // benchmark that starts right after the seed should see the tables as they will be.
            // The tallies the triggers filled too: planned on an empty table's statistics, the
            // dashboard's year took 217 ms at 100k claims instead of 16.
            let tables: Vec<&str> = TABLES.iter().chain(&TALLIES).copied().collect();
            conn.batch_execute(&format!("VACUUM (ANALYZE) {}", tables.join(", ")))
        }
    }
}

fn write_chunks(
    conn: &mut DbConn,
    generator: &mut Generator,
    claim_count: usize,
    progress: &mut impl FnMut(usize),
) -> QueryResult<()> {
    let postgres = matches!(conn, DbConn::Postgres(_));
    let chunk_size = if postgres {
        POSTGRES_CHUNK
    } else {
        SQLITE_CHUNK
    };
    let mut made = 0;
    while made < claim_count {
        let chunk = chunk_size.min(claim_count - made);
        db::write(conn, |conn| -> QueryResult<()> {
            // The chain's head before the table locks: the order every team write transaction
            // takes its locks in (`db::events::lock_chain`: the head first, then the rest).
            let mut head = history::lock_head(conn, Some(generator.team_id))?;
            if postgres {
                // Other writers wait (readers do not), so the ids read next stay free until the
                // commit. Development data: a crash may lose the last chunks, never consistency.
                conn.batch_execute(&format!(
                    "SET LOCAL synchronous_commit = off; \
                     LOCK TABLE {} IN SHARE ROW EXCLUSIVE MODE",
                    TABLES.join(", ")
                ))?;
            }
            let mut ids = Ids::after_last(conn)?;
            let mut batch = generator.batch(chunk, &mut ids);
            batch.chain(&mut head);
            batch.write(conn)?;
            head.save(conn)?;
            if postgres {
                // The rows carry their ids: move each identity sequence past them.
                for table in TABLES {
                    conn.batch_execute(&format!(
                        "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                         (SELECT COALESCE(MAX(id), 0) + 1 FROM {table}), false)"
                    ))?;
                }
            }
            Ok(())
        })?;
        made += chunk;
        progress(made);
    }
    Ok(())
}

/// The SQLite connection settings the load changes, to put back afterwards (the connection returns
/// to the pool).
struct SqliteSettings {
    synchronous: i32,
    cache_size: i32,
}

#[derive(QueryableByName)]
struct Pragma {
    #[diesel(sql_type = diesel::sql_types::Integer)]
    value: i32,
}

impl SqliteSettings {
    /// NORMAL sync (in WAL mode a crash may lose the last chunks, never consistency), and a page
    /// cache large enough for the claims' indexes, which a million random keys otherwise thrash.
    fn for_bulk_load(conn: &mut SqliteConnection) -> QueryResult<SqliteSettings> {
        let mut read = |pragma: &str| -> QueryResult<i32> {
            diesel::sql_query(format!("SELECT {pragma} AS value FROM pragma_{pragma}"))
                .get_result::<Pragma>(conn)
                .map(|p| p.value)
        };
        let saved = SqliteSettings {
            synchronous: read("synchronous")?,
            cache_size: read("cache_size")?,
        };
        conn.batch_execute("PRAGMA synchronous = NORMAL; PRAGMA cache_size = -262144")?;
        Ok(saved)
    }

    fn restore(self, conn: &mut SqliteConnection) -> QueryResult<()> {
        conn.batch_execute(&format!(
            "PRAGMA synchronous = {}; PRAGMA cache_size = {}",
            self.synchronous, self.cache_size
        ))
    }
}

/// The next id of each seeded table. Read inside the write transaction that uses them.
struct Ids {
    article: i64,
    claim: i64,
    citation: i64,
    comment: i64,
    event: i64,
}

impl Ids {
    fn after_last(conn: &mut DbConn) -> QueryResult<Ids> {
        use diesel::dsl::max;
        Ok(Ids {
            article: articles::table
                .select(max(articles::id))
                .first::<Option<i64>>(conn)?
                .unwrap_or(0)
                + 1,
            claim: claims::table
                .select(max(claims::id))
                .first::<Option<i64>>(conn)?
                .unwrap_or(0)
                + 1,
            citation: citations::table
                .select(max(citations::id))
                .first::<Option<i64>>(conn)?
                .unwrap_or(0)
                + 1,
            comment: comments::table
                .select(max(comments::id))
                .first::<Option<i64>>(conn)?
                .unwrap_or(0)
                + 1,
            event: events::table
                .select(max(events::id))
                .first::<Option<i64>>(conn)?
                .unwrap_or(0)
                + 1,
        })
    }
}

fn take(next: &mut i64) -> i64 {
    let id = *next;
    *next += 1;
    id
}

#[derive(Insertable)]
#[diesel(table_name = articles, treat_none_as_default_value = false)]
struct ArticleRow {
    id: i64,
    team_id: i64,
    title: String,
    url: Option<String>,
    publisher: Option<&'static str>,
    author: Option<&'static str>,
    published_on: Option<NaiveDate>,
    body: String,
    body_hash: String,
    created_by: i64,
    created_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = claims, treat_none_as_default_value = false)]
struct ClaimRow {
    id: i64,
    team_id: i64,
    article_id: Option<i64>,
    statement: String,
    context: String,
    span_start: Option<i64>,
    span_end: Option<i64>,
    surface: Option<String>,
    value: Option<String>,
    value_high: Option<String>,
    unit: Option<&'static str>,
    qualifier: Option<&'static str>,
    subject: Option<&'static str>,
    speaker: Option<&'static str>,
    score: f64,
    status: &'static str,
    verdict_id: Option<i64>,
    rationale: Option<&'static str>,
    assignee_id: Option<i64>,
    proposed_by: Option<i64>,
    proposed_at: Option<NaiveDateTime>,
    approved_by: Option<i64>,
    verified_at: Option<NaiveDateTime>,
    published_at: Option<NaiveDateTime>,
    version: i64,
    created_by: i64,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = citations, treat_none_as_default_value = false)]
struct CitationRow {
    id: i64,
    team_id: i64,
    claim_id: i64,
    url: String,
    title: &'static str,
    publisher: Option<&'static str>,
    excerpt: Option<String>,
    accessed_on: Option<NaiveDate>,
    stance: &'static str,
    created_by: i64,
    created_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = comments, treat_none_as_default_value = false)]
struct CommentRow {
    id: i64,
    team_id: i64,
    claim_id: i64,
    author_id: i64,
    body: &'static str,
    created_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = events, treat_none_as_default_value = false)]
struct EventRow {
    id: i64,
    team_id: Option<i64>,
    actor_id: Option<i64>,
    entity: &'static str,
    entity_id: i64,
    action: &'static str,
    before_value: Option<&'static str>,
    after_value: Option<&'static str>,
    created_at: NaiveDateTime,
    /// The chain fields, filled in by `Batch::chain` inside the write transaction.
    seq: i64,
    prev_hash: String,
    hash: String,
}

/// The rows of one chunk, ids assigned, ready to write.
#[derive(Default)]
struct Batch {
    articles: Vec<ArticleRow>,
    claims: Vec<ClaimRow>,
    citations: Vec<CitationRow>,
    comments: Vec<CommentRow>,
    events: Vec<EventRow>,
}

/// Multi-row `INSERT`s of at most `SQLITE_PARAMETERS` parameters each.
macro_rules! insert_in_statements {
    ($conn:expr, $table:expr, $rows:expr, $columns:expr) => {
        for rows in $rows.chunks((SQLITE_PARAMETERS / $columns).max(1)) {
            diesel::insert_into($table).values(rows).execute($conn)?;
        }
    };
}

impl Batch {
    /// Links the batch's events, in id order, at the end of their team's chain.
    fn chain(&mut self, head: &mut history::ChainHead) {
        for event in &mut self.events {
            let linked = head.link(&EventFields {
                team_id: event.team_id,
                actor_id: event.actor_id,
                entity: event.entity,
                entity_id: event.entity_id,
                action: event.action,
                before_value: event.before_value,
                after_value: event.after_value,
                created_at: event.created_at,
            });
            event.seq = linked.seq;
            event.prev_hash = linked.prev_hash;
            event.hash = linked.hash;
        }
    }

    fn write(&self, conn: &mut DbConn) -> QueryResult<()> {
        match conn {
            DbConn::Sqlite(conn) => self.insert(conn),
            DbConn::Postgres(conn) => self.copy(conn),
        }
    }

    fn insert(&self, conn: &mut SqliteConnection) -> QueryResult<()> {
        insert_in_statements!(conn, articles::table, self.articles, 11);
        insert_in_statements!(conn, claims::table, self.claims, 28);
        insert_in_statements!(conn, citations::table, self.citations, 11);
        insert_in_statements!(conn, comments::table, self.comments, 6);
        insert_in_statements!(conn, events::table, self.events, 12);
        Ok(())
    }

    fn copy(&self, conn: &mut PgConnection) -> QueryResult<()> {
        diesel::copy_from(articles::table)
            .from_insertable(&self.articles)
            .execute(conn)?;
        diesel::copy_from(claims::table)
            .from_insertable(&self.claims)
            .execute(conn)?;
        diesel::copy_from(citations::table)
            .from_insertable(&self.citations)
            .execute(conn)?;
        diesel::copy_from(comments::table)
            .from_insertable(&self.comments)
            .execute(conn)?;
        diesel::copy_from(events::table)
            .from_insertable(&self.events)
            .execute(conn)?;
        Ok(())
    }
}

/// Makes the seeded rows: articles of 5–14 claims, each claim with its history, citations and now
/// and then a comment.
struct Generator<'a> {
    rng: Rng,
    team_id: i64,
    start: NaiveDateTime,
    reviewers: &'a [i64],
    editors: &'a [i64],
    verdicts: &'a [i64],
    /// The number in the next article's title, URL and body hash.
    serial: usize,
    articles_made: usize,
}

impl Generator<'_> {
    /// The rows of `claim_count` claims and their articles, numbered from `ids`.
    fn batch(&mut self, claim_count: usize, ids: &mut Ids) -> Batch {
        let mut batch = Batch::default();
        let mut made = 0;
        while made < claim_count {
            let block = BLOCK.min(claim_count - made);
            let mut left = block;
            while left > 0 {
                let per_article = (5 + self.rng.below(10) as usize).min(left);
                self.article(per_article, ids, &mut batch);
                left -= per_article;
            }
            made += block;
        }
        batch
    }

    fn article(&mut self, claim_count: usize, ids: &mut Ids, batch: &mut Batch) {
        let rng = &mut self.rng;
        let team_id = self.team_id;
        let serial = self.serial;
        let at = self.start + TimeDelta::minutes(rng.below(525_600) as i64);
        let author = *rng.pick(self.reviewers);
        let mut sentences = Vec::with_capacity(claim_count);
        let mut facts = Vec::with_capacity(claim_count);
        for _ in 0..claim_count {
            let (subject, unit, speaker) = *rng.pick(&SUBJECTS);
            let place = rng.pick(&PLACES);
            let amount = 1 + rng.below(9_999);
            let (surface, value) = match unit {
                "USD" => (format!("${amount} million"), format!("{amount}000000")),
                "percent" => (
                    format!("{}.{}%", amount % 60, amount % 10),
                    format!("{}.{}", amount % 60, amount % 10),
                ),
                _ => (group(amount), amount.to_string()),
            };
            let sentence =
                format!("The {subject} in {place} reached {surface}, {speaker} said on Tuesday.");
            facts.push((subject, unit, speaker, surface, value));
            sentences.push(sentence);
        }
        let body = format!("Report {serial}: {}", sentences.join(" "));
        let body_hash = format!("seed-{team_id}-{serial}-{}", rng.next());
        let article_id = take(&mut ids.article);
        batch.articles.push(ArticleRow {
            id: article_id,
            team_id,
            title: format!("Seeded report {serial} on {}", facts[0].0),
            url: Some(format!("https://news.example.org/reports/{serial}")),
            publisher: Some("Example Wire"),
            author: Some("Staff reporter"),
            published_on: Some(at.date()),
            body,
            body_hash,
            created_by: author,
            created_at: at,
        });
        for (i, ((subject, unit, speaker, surface, value), sentence)) in
            facts.into_iter().zip(sentences).enumerate()
        {
            let span_start = sentence.find(surface.as_str()).unwrap_or(0) as i64;
            let created = at + TimeDelta::minutes(i as i64);
            let (status, verdict, proposed_by, approved_by) = match rng.below(10) {
                0..=3 => ("unverified", None, None, None),
                4..=5 => ("in_review", None, None, None),
                6 => (
                    "awaiting_approval",
                    Some(*rng.pick(self.verdicts)),
                    Some(*rng.pick(self.reviewers)),
                    None,
                ),
                7..=8 => (
                    "verified",
                    Some(*rng.pick(self.verdicts)),
                    Some(*rng.pick(self.reviewers)),
                    Some(*rng.pick(self.editors)),
                ),
                _ => (
                    "published",
                    Some(*rng.pick(self.verdicts)),
                    Some(*rng.pick(self.reviewers)),
                    Some(*rng.pick(self.editors)),
                ),
            };
            let worked_on = status != "unverified";
            // Drawn for every claim (so the sequence of draws, and the data, stay as they were),
            // but only a claim someone has worked on keeps it.
            let assignee = if !worked_on && rng.below(2) == 0 {
                None
            } else {
                Some(*rng.pick(self.reviewers))
            };
            let updated = created + TimeDelta::hours(1 + rng.below(200) as i64);
            // stored as every claim's score is, in thousandths (`0.5 + 0.07` is not 0.57)
            let score = Score::new(0.5 + rng.below(50) as f64 / 100.0).get();
            let claim_id = take(&mut ids.claim);
            batch.claims.push(ClaimRow {
                id: claim_id,
                team_id,
                article_id: Some(article_id),
                context: sentence.clone(),
                span_start: Some(span_start),
                span_end: Some(span_start + surface.len() as i64),
                surface: Some(surface),
                value: Some(value),
                value_high: None,
                unit: Some(unit),
                qualifier: Some("exact"),
                subject: Some(subject),
                speaker: Some(speaker),
                score,
                status,
                verdict_id: verdict,
                rationale: verdict
                    .map(|_| "Checked against the official release and two wire reports."),
                assignee_id: assignee.filter(|_| worked_on),
                proposed_by,
                proposed_at: proposed_by.map(|_| updated),
                approved_by,
                verified_at: approved_by.map(|_| updated),
                published_at: (status == "published").then_some(updated),
                version: if worked_on { 2 } else { 1 },
                created_by: author,
                created_at: created,
                updated_at: updated,
                statement: sentence.clone(),
            });
            batch.events.push(EventRow {
                id: take(&mut ids.event),
                team_id: Some(team_id),
                actor_id: Some(author),
                entity: "claim",
                entity_id: claim_id,
                action: "created",
                before_value: None,
                after_value: Some("seeded"),
                created_at: created,
                seq: 0,
                prev_hash: String::new(),
                hash: String::new(),
            });
            if worked_on {
                batch.events.push(EventRow {
                    id: take(&mut ids.event),
                    team_id: Some(team_id),
                    actor_id: Some(assignee.unwrap_or(author)),
                    entity: "claim",
                    entity_id: claim_id,
                    action: "status",
                    before_value: Some("unverified"),
                    after_value: Some(status),
                    created_at: updated,
                    seq: 0,
                    prev_hash: String::new(),
                    hash: String::new(),
                });
            }
            for c in 0..rng.below(3) {
                batch.citations.push(CitationRow {
                    id: take(&mut ids.citation),
                    team_id,
                    claim_id,
                    url: format!("https://data.example.org/source/{article_id}/{i}/{c}"),
                    title: "Official release",
                    publisher: Some("Statistics office"),
                    excerpt: Some(sentence.clone()),
                    accessed_on: Some(updated.date()),
                    stance: if c == 0 { "supports" } else { "context" },
                    created_by: author,
                    created_at: updated,
                });
            }
            if rng.below(5) == 0 {
                batch.comments.push(CommentRow {
                    id: take(&mut ids.comment),
                    team_id,
                    claim_id,
                    author_id: author,
                    body: "Asked the ministry for the underlying table.",
                    created_at: updated,
                });
            }
        }
        self.serial += 1;
        self.articles_made += 1;
    }
}

/// 12345 → "12,345".
fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(group(7), "7");
        assert_eq!(group(1200), "1,200");
        assert_eq!(group(1234567), "1,234,567");
    }

    #[test]
    fn the_generator_is_deterministic() {
        let (mut a, mut b) = (Rng(42), Rng(42));
        for _ in 0..100 {
            assert_eq!(a.next(), b.next());
        }
        assert!(Rng(7).below(10) < 10);
    }

    fn generator<'a>(
        reviewers: &'a [i64],
        editors: &'a [i64],
        verdicts: &'a [i64],
    ) -> Generator<'a> {
        Generator {
            rng: Rng(42),
            team_id: 1,
            start: NaiveDate::from_ymd_opt(2026, 1, 1)
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .unwrap_or_default(),
            reviewers,
            editors,
            verdicts,
            serial: 0,
            articles_made: 0,
        }
    }

    #[test]
    fn a_batch_has_every_claim_with_its_history_and_consecutive_ids() {
        let (reviewers, editors, verdicts) = ([10, 11, 12], [20, 21], [1, 2, 3, 4, 5]);
        let mut generator = generator(&reviewers, &editors, &verdicts);
        let mut ids = Ids {
            article: 7,
            claim: 100,
            citation: 1,
            comment: 1,
            event: 50,
        };
        let batch = generator.batch(1_000, &mut ids);
        assert_eq!(batch.claims.len(), 1_000);
        assert_eq!(ids.claim, 1_100);
        assert_eq!(ids.article, 7 + batch.articles.len() as i64);
        assert_eq!(ids.event, 50 + batch.events.len() as i64);
        assert!(batch.claims.windows(2).all(|w| w[1].id == w[0].id + 1));
        let worked_on = batch
            .claims
            .iter()
            .filter(|c| c.status != "unverified")
            .count();
        assert_eq!(batch.events.len(), 1_000 + worked_on);
        for status in [
            "unverified",
            "in_review",
            "awaiting_approval",
            "verified",
            "published",
        ] {
            assert!(
                batch.claims.iter().any(|c| c.status == status),
                "no {status} claim"
            );
        }
        for claim in &batch.claims {
            assert_eq!(claim.verdict_id.is_some(), claim.rationale.is_some());
            assert_eq!(
                claim.status == "unverified",
                claim.assignee_id.is_none() && claim.version == 1
            );
            let article = batch
                .articles
                .iter()
                .find(|a| Some(a.id) == claim.article_id);
            assert!(article.is_some_and(|a| a.body.contains(&claim.statement)));
        }
        assert!(batch
            .citations
            .iter()
            .all(|c| (100..1_100).contains(&c.claim_id)));
        assert!(!batch.comments.is_empty());
        // The next batch goes on where this one stopped.
        let next = generator.batch(10, &mut ids);
        assert_eq!(next.claims[0].id, 1_100);
        assert_ne!(next.articles[0].body_hash, batch.articles[0].body_hash);
    }
}
