//! `claimdesk dev seed`: fills a database with realistic work for benchmarks and load tests —
//! articles, claims in every status with verdicts, citations, comments, history, and a team of
//! members — fast enough for a million claims in minutes. Deterministic for a given `--seed`.

use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;

use crate::db::models::{NewArticle, NewCitation, NewClaim, NewEvent};
use crate::db::schema::{articles, citations, claims, comments, events};
use crate::db::{self, users, DbConn};
use crate::domain::{Email, PersonName, Role, TeamName};
use crate::error::{AppError, AppResult};

/// The password of every seeded member (development data only).
pub const SEED_PASSWORD: &str = "seeded members share this long password";

/// Claims per transaction: large enough to amortize commits, small enough to keep locks short.
const CHUNK: usize = 2_000;

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
    let scale = crate::db::verdicts::scale(&mut conn, team.id)?;
    let active: Vec<i64> = scale.iter().filter(|v| !v.retired).map(|v| v.id).collect();
    let mut rng = Rng(seed.max(1));
    let start = db::now() - TimeDelta::days(365);
    let mut made = 0usize;
    let mut articles_made = 0usize;
    while made < claim_count {
        let chunk = CHUNK.min(claim_count - made);
        db::write(&mut conn, |conn| -> AppResult<()> {
            let mut left = chunk;
            while left > 0 {
                let per_article = (5 + rng.below(10) as usize).min(left);
                seed_article(
                    conn,
                    &mut rng,
                    team.id,
                    start,
                    per_article,
                    &reviewers,
                    &editors,
                    &active,
                    articles_made,
                )?;
                articles_made += 1;
                left -= per_article;
            }
            Ok(())
        })?;
        made += chunk;
        progress(made);
    }
    Ok(SeedSummary {
        team: team.name,
        claims: made,
        articles: articles_made,
        members: reviewers.len() + editors.len() + 2,
    })
}

#[allow(clippy::too_many_arguments)]
fn seed_article(
    conn: &mut DbConn,
    rng: &mut Rng,
    team_id: i64,
    start: NaiveDateTime,
    claim_count: usize,
    reviewers: &[i64],
    editors: &[i64],
    verdict_ids: &[i64],
    serial: usize,
) -> AppResult<()> {
    let at = start + TimeDelta::minutes(rng.below(525_600) as i64);
    let author = *rng.pick(reviewers);
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
        facts.push((subject, unit, speaker, surface, value, sentence.len()));
        sentences.push(sentence);
    }
    let body = format!("Report {serial}: {}", sentences.join(" "));
    let hash = format!("seed-{team_id}-{serial}-{}", rng.next());
    let article_id: i64 = diesel::insert_into(articles::table)
        .values(NewArticle {
            team_id,
            title: &format!("Seeded report {serial} on {}", facts[0].0),
            url: Some(&format!("https://news.example.org/reports/{serial}")),
            publisher: Some("Example Wire"),
            author: Some("Staff reporter"),
            published_on: Some(at.date()),
            body: &body,
            body_hash: &hash,
            created_by: author,
            created_at: at,
        })
        .returning(articles::id)
        .get_result(conn)?;
    for (i, (subject, unit, speaker, surface, value, _)) in facts.iter().enumerate() {
        let sentence = &sentences[i];
        let span_start = sentence.find(surface.as_str()).unwrap_or(0) as i64;
        let created = at + TimeDelta::minutes(i as i64);
        let (status, verdict, proposed_by, approved_by) = match rng.below(10) {
            0..=3 => ("unverified", None, None, None),
            4..=5 => ("in_review", None, None, None),
            6 => (
                "awaiting_approval",
                Some(*rng.pick(verdict_ids)),
                Some(*rng.pick(reviewers)),
                None,
            ),
            7..=8 => (
                "verified",
                Some(*rng.pick(verdict_ids)),
                Some(*rng.pick(reviewers)),
                Some(*rng.pick(editors)),
            ),
            _ => (
                "published",
                Some(*rng.pick(verdict_ids)),
                Some(*rng.pick(reviewers)),
                Some(*rng.pick(editors)),
            ),
        };
        let assignee = if status == "unverified" && rng.below(2) == 0 {
            None
        } else {
            Some(*rng.pick(reviewers))
        };
        let updated = created + TimeDelta::hours(1 + rng.below(200) as i64);
        let claim_id: i64 = diesel::insert_into(claims::table)
            .values(NewClaim {
                team_id,
                article_id: Some(article_id),
                statement: sentence,
                context: sentence,
                span_start: Some(span_start),
                span_end: Some(span_start + surface.len() as i64),
                surface: Some(surface),
                value: Some(value),
                value_high: None,
                unit: Some(unit),
                qualifier: Some("exact"),
                subject: Some(subject),
                speaker: Some(speaker),
                score: 0.5 + rng.below(50) as f64 / 100.0,
                status,
                created_by: author,
                created_at: created,
                updated_at: updated,
            })
            .returning(claims::id)
            .get_result(conn)?;
        if status != "unverified" {
            diesel::update(claims::table.find(claim_id))
                .set((
                    claims::assignee_id.eq(assignee),
                    claims::verdict_id.eq(verdict),
                    claims::rationale.eq(verdict
                        .map(|_| "Checked against the official release and two wire reports.")),
                    claims::proposed_by.eq(proposed_by),
                    claims::proposed_at.eq(proposed_by.map(|_| updated)),
                    claims::approved_by.eq(approved_by),
                    claims::verified_at.eq(approved_by.map(|_| updated)),
                    claims::published_at.eq((status == "published").then_some(updated)),
                    claims::version.eq(2),
                ))
                .execute(conn)?;
        }
        event(
            conn,
            team_id,
            author,
            claim_id,
            "created",
            None,
            Some("seeded"),
            created,
        )?;
        if status != "unverified" {
            event(
                conn,
                team_id,
                assignee.unwrap_or(author),
                claim_id,
                "status",
                Some("unverified"),
                Some(status),
                updated,
            )?;
        }
        for c in 0..rng.below(3) {
            diesel::insert_into(citations::table)
                .values(NewCitation {
                    team_id,
                    claim_id,
                    url: &format!("https://data.example.org/source/{article_id}/{i}/{c}"),
                    title: "Official release",
                    publisher: Some("Statistics office"),
                    excerpt: Some(sentence),
                    accessed_on: Some(updated.date()),
                    stance: if c == 0 { "supports" } else { "context" },
                    created_by: author,
                    created_at: updated,
                })
                .execute(conn)?;
        }
        if rng.below(5) == 0 {
            diesel::insert_into(comments::table)
                .values((
                    comments::team_id.eq(team_id),
                    comments::claim_id.eq(claim_id),
                    comments::author_id.eq(author),
                    comments::body.eq("Asked the ministry for the underlying table."),
                    comments::created_at.eq(updated),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn event(
    conn: &mut DbConn,
    team_id: i64,
    actor: i64,
    claim_id: i64,
    action: &str,
    before: Option<&str>,
    after: Option<&str>,
    at: NaiveDateTime,
) -> AppResult<()> {
    diesel::insert_into(events::table)
        .values(NewEvent {
            team_id: Some(team_id),
            actor_id: Some(actor),
            entity: "claim",
            entity_id: claim_id,
            action,
            before_value: before,
            after_value: after,
            created_at: at,
        })
        .execute(conn)
        .map(|_| ())
        .map_err(AppError::from)
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
}
