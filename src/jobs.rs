//! The job worker: runs the job queue (`db::jobs`) beside the web server, one per instance. It
//! wakes every `CLAIMDESK_JOBS_INTERVAL`, asks for the periodic work that is due (rechecks of cited
//! pages, polls of watched feeds), leases the jobs due and runs each by its kind (archiving and
//! rechecking cited pages, delivering webhooks, polling feeds, sending e-mail). A failed attempt is tried again after 5 s, 30 s, 2 min, 10 min, 1 h and
//! 4 h (a webhook for about a day), then the job is given up with its last error (the team's jobs
//! page lists it). Jobs are leased, not deleted, while they run, so a worker killed mid-job
//! leaves it to be run again: every handler may run twice and must do the same work once.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::TimeDelta;

use crate::auth::secretbox::SecretKey;
use crate::db::jobs::{self, JobRow};
use crate::db::outbox;
use crate::db::{self, Pool};
use crate::desk::{evidence, watch, webhooks};
use crate::fetch::Fetcher;

/// What a job's attempt came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// Worth trying again later (the server did not answer, the database was busy…).
    Retry(String),
    /// Given up now: trying again would not help.
    Failed(String),
}

/// Waits before the second, third… attempt; after the last, the job is given up.
const RETRY_AFTER: [TimeDelta; 6] = [
    TimeDelta::seconds(5),
    TimeDelta::seconds(30),
    TimeDelta::minutes(2),
    TimeDelta::minutes(10),
    TimeDelta::hours(1),
    TimeDelta::hours(4),
];
/// The waits between attempts of a kind of job.
fn retries_of(kind: &str) -> &'static [TimeDelta] {
    match kind {
        webhooks::DELIVER => &webhooks::RETRY_AFTER,
        outbox::JOB => &crate::mail::RETRY_AFTER,
        _ => &RETRY_AFTER,
    }
}
/// Jobs leased at a time: one, so each lease starts when its job does.
const BATCH: i64 = 1;
/// Finished jobs are kept this long for the jobs page.
const KEEP: TimeDelta = TimeDelta::days(7);

/// What the evidence vault may keep, and how often cited pages are looked at again.
#[derive(Debug, Clone)]
pub struct VaultSettings {
    /// Bytes of compressed snapshots a team may keep (`CLAIMDESK_VAULT_LIMIT`).
    pub team_limit: u64,
    /// A cited page is fetched again when its last check is this old (`CLAIMDESK_RECHECK_EVERY`);
    /// `None`: only by `claimdesk citations recheck`.
    pub recheck_every: Option<Duration>,
}

impl Default for VaultSettings {
    fn default() -> VaultSettings {
        VaultSettings {
            team_limit: 1024 * 1024 * 1024,
            recheck_every: Some(Duration::from_secs(7 * 24 * 3600)),
        }
    }
}

/// What handlers work with.
#[derive(Clone)]
pub struct Context {
    pub pool: Pool,
    pub fetcher: Fetcher,
    pub vault: VaultSettings,
    /// Opens webhook signing secrets (`CLAIMDESK_SECRET_KEY`).
    pub secret_key: Option<SecretKey>,
    /// Where links in webhook payloads point (`CLAIMDESK_PUBLIC_URL`).
    pub public_base: String,
    /// How often watched feeds are polled (`CLAIMDESK_FEED_EVERY`); `None`: only by
    /// `claimdesk watch run-once`.
    pub feed_every: Option<Duration>,
    /// Largest article a feed item may bring (`CLAIMDESK_ARTICLE_LIMIT`).
    pub article_limit: usize,
    /// SMTP, when e-mail is sent (`CLAIMDESK_SMTP_URL`).
    pub mail: Option<crate::mail::MailSettings>,
}

impl Context {
    /// How long a leased job of `kind` is kept from other workers: longer than one attempt takes,
    /// short enough that a job whose worker was killed runs again soon. An attempt makes one
    /// fetch (at most `CLAIMDESK_FETCH_TIMEOUT`), a feed poll one per item and the feed's own, an
    /// e-mail a few SMTP exchanges of at most 20 s each.
    fn lease(&self, kind: &str) -> TimeDelta {
        let fetch =
            TimeDelta::from_std(self.fetcher.settings().timeout).unwrap_or(TimeDelta::minutes(1));
        match kind {
            watch::POLL => fetch * (watch::ITEMS_PER_POLL as i32 + 1) * 2 + TimeDelta::seconds(30),
            outbox::JOB => TimeDelta::minutes(3),
            _ => fetch * 2 + TimeDelta::seconds(10),
        }
    }
}

/// One attempt at a job: which it is, and whether it is the last.
#[derive(Debug, Clone, Copy)]
pub struct Attempt {
    pub number: i32,
    pub last: bool,
}

pub struct Worker {
    context: Context,
    interval: Duration,
    /// Only jobs of these kinds (a command's own work); every kind when `None`.
    only: Option<Vec<&'static str>>,
    /// When the periodic work was last asked for and old jobs pruned.
    housekept: Option<Instant>,
}

/// How often the worker asks for periodic work and prunes (it looks for due jobs every tick).
const HOUSEKEEPING: Duration = Duration::from_secs(60);

impl Worker {
    pub fn new(context: Context, interval: Duration) -> Worker {
        Worker {
            context,
            interval,
            only: None,
            housekept: None,
        }
    }

    /// Starts the worker on a thread of its own; it stops when the handle is dropped.
    pub fn spawn(mut self) -> WorkerHandle {
        let runtime = match tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        {
            Ok(runtime) => runtime,
            Err(e) => {
                tracing::error!(cause = %e, "the job worker could not start: no job runs");
                return WorkerHandle::stopped();
            }
        };
        let interval = self.interval;
        every("claimdesk-jobs", interval, move || {
            if let Err(e) = self.tick(&runtime) {
                tracing::warn!(cause = %e, "the job worker could not read the queue");
            }
        })
    }

    /// One round: ask for the periodic work due and prune old jobs (each at most once a minute),
    /// then run the jobs due. Returns how many jobs it ran.
    pub fn tick(&mut self, runtime: &tokio::runtime::Runtime) -> Result<usize, String> {
        if self.housekept.is_none_or(|at| at.elapsed() >= HOUSEKEEPING) {
            let mut conn = self.context.pool.get().map_err(|e| e.to_string())?;
            let now = db::now();
            jobs::prune(&mut conn, now - KEEP).map_err(|e| e.to_string())?;
            outbox::prune(&mut conn, now - crate::mail::KEEP).map_err(|e| e.to_string())?;
            if let Some(every) = self.context.vault.recheck_every {
                evidence::ask_for_rechecks(&mut conn, None, every, now)
                    .map_err(|e| e.to_string())?;
            }
            if let Some(every) = self.context.feed_every {
                watch::ask_for_polls(&mut conn, None, every, now).map_err(|e| e.to_string())?;
            }
            self.housekept = Some(Instant::now());
        }
        self.run_due(runtime)
    }

    /// Leases the jobs due and runs them, one after the other. Returns how many it ran.
    pub fn run_due(&self, runtime: &tokio::runtime::Runtime) -> Result<usize, String> {
        let mut ran = 0;
        loop {
            let due = {
                let mut conn = self.context.pool.get().map_err(|e| e.to_string())?;
                let now = db::now();
                let only = self.only.as_deref();
                if !jobs::any_due(&mut conn, now, only).map_err(|e| e.to_string())? {
                    return Ok(ran);
                }
                let context = &self.context;
                db::write(&mut conn, |tx| {
                    jobs::lease_due_of(tx, now, |kind| context.lease(kind), BATCH, only)
                })
                .map_err(|e| e.to_string())?
            };
            if due.is_empty() {
                return Ok(ran);
            }
            for job in &due {
                let attempt = Attempt {
                    number: job.attempts,
                    last: job.attempts > retries_of(&job.kind).len() as i32,
                };
                let outcome = runtime.block_on(run(&self.context, job, attempt));
                self.settle(job, attempt, outcome)?;
                ran += 1;
            }
        }
    }

    fn settle(&self, job: &JobRow, attempt: Attempt, outcome: Outcome) -> Result<(), String> {
        let mut conn = self.context.pool.get().map_err(|e| e.to_string())?;
        db::write(&mut conn, |tx| {
            // A job whose lease ran out meanwhile and was leased again is the other worker's.
            if jobs::attempts_of(tx, job.id)? != Some(job.attempts) {
                tracing::warn!(job = job.id, kind = %job.kind, "a job outlived its lease; another worker has it");
                return Ok(());
            }
            let now = db::now();
            match &outcome {
                Outcome::Done => jobs::mark_done(tx, job.id, now),
                Outcome::Retry(why) if !attempt.last => {
                    let retries = retries_of(&job.kind);
                    let wait =
                        retries[((attempt.number.max(1) - 1) as usize).min(retries.len() - 1)];
                    tracing::info!(job = job.id, kind = %job.kind, attempt = attempt.number, cause = %why, "a job will be tried again");
                    jobs::mark_retry(tx, job.id, why, now + wait)
                }
                Outcome::Retry(why) | Outcome::Failed(why) => {
                    tracing::warn!(job = job.id, kind = %job.kind, attempt = attempt.number, cause = %why, "a job was given up");
                    jobs::mark_failed(tx, job.id, why, now)
                }
            }
        })
        .map_err(|e: diesel::result::Error| e.to_string())
    }
}

/// Runs the queue in this process until the jobs of `kinds` for `subjects` are finished, or
/// `patience` has passed (a job waiting for a later retry is left to the server). Answers how
/// many are still open. For commands (`claimdesk citations recheck`, `claimdesk watch run-once`),
/// which run no other kind of job.
pub fn run_until_done(
    context: &Context,
    kinds: &[&'static str],
    subjects: &[i64],
    patience: Duration,
) -> Result<i64, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    // Only the command's own kinds: the e-mail and webhooks its work writes are the server's to
    // send (it has the SMTP settings).
    let worker = Worker {
        only: Some(kinds.to_vec()),
        ..Worker::new(context.clone(), Duration::ZERO)
    };
    let deadline = Instant::now() + patience;
    loop {
        worker.run_due(&runtime)?;
        let mut conn = context.pool.get().map_err(|e| e.to_string())?;
        let open = jobs::open_among(&mut conn, kinds, subjects).map_err(|e| e.to_string())?;
        if open == 0 || Instant::now() >= deadline {
            return Ok(open);
        }
        drop(conn);
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Runs one attempt of a job by its kind.
async fn run(context: &Context, job: &JobRow, attempt: Attempt) -> Outcome {
    match job.kind.as_str() {
        evidence::ARCHIVE => evidence::archive(context, job.subject_id, attempt).await,
        evidence::RECHECK => evidence::recheck(context, job.subject_id, attempt).await,
        webhooks::DELIVER => webhooks::deliver(context, job.subject_id, attempt).await,
        watch::POLL => watch::poll(context, job.subject_id, attempt).await,
        outbox::JOB => crate::mail::send(context, job.subject_id, attempt).await,
        other => Outcome::Failed(format!("no handler for jobs of kind {other}")),
    }
}

/// Stops a background thread when dropped.
pub struct WorkerHandle {
    stop: Arc<AtomicBool>,
}

impl WorkerHandle {
    fn stopped() -> WorkerHandle {
        WorkerHandle {
            stop: Arc::new(AtomicBool::new(true)),
        }
    }
}

impl Drop for WorkerHandle {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Runs `tick` on a thread named `name` every `interval` until the handle is dropped (the server
/// stopped, or a test ended): the job worker runs this way.
pub fn every(
    name: &str,
    interval: Duration,
    mut tick: impl FnMut() + Send + 'static,
) -> WorkerHandle {
    let stop = Arc::new(AtomicBool::new(false));
    let stopped = stop.clone();
    let spawned = std::thread::Builder::new()
        .name(name.into())
        .spawn(move || {
            while !stopped.load(Ordering::Relaxed) {
                let woke = Instant::now() + interval;
                while Instant::now() < woke {
                    if stopped.load(Ordering::Relaxed) {
                        return;
                    }
                    std::thread::sleep((woke - Instant::now()).min(Duration::from_millis(50)));
                }
                tick();
            }
        });
    if let Err(e) = spawned {
        tracing::error!(cause = %e, thread = name, "a background worker could not start");
    }
    WorkerHandle { stop }
}
