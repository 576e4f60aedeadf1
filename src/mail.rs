//! The mail worker: sends the outbox. It runs beside the web server (one per instance; a lease on
//! each message keeps two instances from sending it twice) and wakes every
//! `CLAIMDESK_MAIL_INTERVAL`. With `CLAIMDESK_SMTP_URL` set it sends each message due through
//! SMTP (lettre), with the link joined to the public address; a failure is tried again after 2,
//! 4, 8, 16 and 32 minutes, then given up with its last error. Without it, each message is marked
//! "not sent" at once, so the outbox page says what would have gone out. A message that waited
//! more than a day is not sent late. Messages older than 30 days are deleted.

use std::time::Duration;

use chrono::TimeDelta;
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::{Message, SmtpTransport, Transport};

use crate::db::outbox::{self, MailRow};
use crate::db::{self, Pool};
use crate::jobs::WorkerHandle;

/// How SMTP is reached, parsed once at start-up.
#[derive(Clone)]
pub struct MailSettings {
    /// `smtp://host:port` (a local relay, no TLS), `smtp://user:pass@host:587?tls=required`
    /// (STARTTLS) or `smtps://user:pass@host` (TLS from the start).
    pub smtp_url: String,
    pub from: Mailbox,
}

impl std::fmt::Debug for MailSettings {
    // The address may hold a password: never printed.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailSettings")
            .field("from", &self.from.to_string())
            .finish_non_exhaustive()
    }
}

impl MailSettings {
    /// Checks both settings; the error names the variable at fault.
    pub fn parse(smtp_url: &str, from: Option<&str>) -> Result<MailSettings, String> {
        SmtpTransport::from_url(smtp_url).map_err(|e| {
            format!(
                "CLAIMDESK_SMTP_URL must be smtp://host:port or smtps://user:password@host ({e})"
            )
        })?;
        let from = from
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .ok_or("CLAIMDESK_MAIL_FROM must be set with CLAIMDESK_SMTP_URL (e.g. \"Fact desk <desk@example.org>\")")?
            .parse::<Mailbox>()
            .map_err(|e| format!("CLAIMDESK_MAIL_FROM is not an e-mail address: {e}"))?;
        Ok(MailSettings {
            smtp_url: smtp_url.to_owned(),
            from,
        })
    }
}

/// Where a message's body takes its link.
pub const LINK: &str = "{link}";

/// Attempts before a message is given up.
const ATTEMPTS: i32 = 6;
/// Messages taken per wake-up.
const BATCH: i64 = 20;
/// How long a taken message is kept from other workers.
const LEASE: TimeDelta = TimeDelta::minutes(5);

pub struct Worker {
    pool: Pool,
    mail: Option<MailSettings>,
    public_base: String,
    interval: Duration,
}

impl Worker {
    pub fn new(
        pool: Pool,
        mail: Option<MailSettings>,
        public_base: String,
        interval: Duration,
    ) -> Worker {
        Worker {
            pool,
            mail,
            public_base,
            interval,
        }
    }

    /// Starts the worker on a thread of its own; it stops when the handle is dropped (the server
    /// stopped, or a test ended).
    pub fn spawn(self) -> WorkerHandle {
        let interval = self.interval;
        crate::jobs::every("claimdesk-mail", interval, move || {
            if let Err(e) = self.tick() {
                tracing::warn!(cause = %e, "the mail worker could not read the outbox");
            }
        })
    }

    /// One round: prune, lease what is due, send it (or mark it not sent). Returns how many
    /// messages it handled.
    pub fn tick(&self) -> Result<usize, String> {
        let mut conn = self.pool.get().map_err(|e| e.to_string())?;
        let now = db::now();
        outbox::prune(&mut conn, now - TimeDelta::days(30)).map_err(|e| e.to_string())?;
        let due = db::write(&mut conn, |tx| outbox::lease_due(tx, now, LEASE, BATCH))
            .map_err(|e| e.to_string())?;
        let transport = match &self.mail {
            Some(mail) => Some(
                SmtpTransport::from_url(&mail.smtp_url)
                    .map_err(|e| e.to_string())?
                    .timeout(Some(Duration::from_secs(20)))
                    .build(),
            ),
            None => None,
        };
        for message in &due {
            let result = match (&self.mail, &transport) {
                _ if message.created_at < now - TimeDelta::days(1) => outbox::mark_not_sent(
                    &mut conn,
                    message.id,
                    "waited more than a day: not sent late",
                    now,
                ),
                (Some(mail), Some(transport)) => match self.send(mail, transport, message) {
                    Ok(()) => outbox::mark_sent(&mut conn, message.id, db::now()),
                    Err(e) => {
                        let attempt = message.attempts + 1;
                        let next = (attempt < ATTEMPTS)
                            .then(|| db::now() + TimeDelta::minutes(1 << attempt));
                        tracing::warn!(
                            outbox_id = message.id,
                            attempt,
                            cause = %e,
                            "an e-mail could not be sent"
                        );
                        outbox::mark_failed(&mut conn, message.id, &e, next, db::now())
                    }
                },
                _ => outbox::mark_not_sent(
                    &mut conn,
                    message.id,
                    "mail is not configured (CLAIMDESK_SMTP_URL)",
                    now,
                ),
            };
            result.map_err(|e| e.to_string())?;
        }
        Ok(due.len())
    }

    fn send(
        &self,
        mail: &MailSettings,
        transport: &SmtpTransport,
        message: &MailRow,
    ) -> Result<(), String> {
        let to: Mailbox = message
            .recipient
            .parse()
            .map_err(|e| format!("the address is not usable: {e}"))?;
        // The link is joined to the public address only now, so it follows the configuration.
        let link = message
            .link_path
            .as_ref()
            .map(|path| format!("{}{path}", self.public_base));
        let body = match &link {
            Some(link) if message.body.contains(LINK) => message.body.replace(LINK, link),
            Some(link) => format!("{}\n\n{link}\n", message.body),
            None => message.body.replace(LINK, "(the link is no longer valid)"),
        };
        let email = Message::builder()
            .from(mail.from.clone())
            .to(to)
            .subject(&message.subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|e| e.to_string())?;
        transport.send(&email).map(drop).map_err(|e| e.to_string())
    }
}
