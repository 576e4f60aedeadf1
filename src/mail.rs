//! E-mail: the outbox's messages sent through SMTP by the job queue (`crate::jobs`, kind
//! `mail.send`, one job per message written with it). With `CLAIMDESK_SMTP_URL` set, a message is
//! sent through SMTP (lettre), with its link joined to the public address; a failure is tried again
//! after 2, 4, 8, 16 and 32 minutes, then given up with its last error. Without it, each message is
//! marked "not sent" at once, so the outbox page says what would have gone out. A message that
//! waited more than a day is not sent late. Messages older than 30 days are deleted.

use std::time::Duration;

use chrono::TimeDelta;
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::{Message, SmtpTransport, Transport};

use crate::db::outbox::{self, MailRow};
use crate::db::{self};
use crate::jobs::{Attempt, Context, Outcome};

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

/// The waits between attempts at one message; after the last, it is given up.
pub const RETRY_AFTER: [TimeDelta; 5] = [
    TimeDelta::minutes(2),
    TimeDelta::minutes(4),
    TimeDelta::minutes(8),
    TimeDelta::minutes(16),
    TimeDelta::minutes(32),
];

/// Messages are kept this long on the outbox page, sent or not.
pub const KEEP: TimeDelta = TimeDelta::days(30);

/// Job: send one message of the outbox.
pub async fn send(context: &Context, message: i64, attempt: Attempt) -> Outcome {
    let pool = context.pool.clone();
    let mail = context.mail.clone();
    let public_base = context.public_base.clone();
    let done = tokio::task::spawn_blocking(move || -> Result<Outcome, String> {
        let mut conn = pool.get().map_err(|e| e.to_string())?;
        let Some(row) = outbox::get(&mut conn, message).map_err(|e| e.to_string())? else {
            return Ok(Outcome::Done);
        };
        if row.sent_at.is_some() || row.gave_up_at.is_some() {
            return Ok(Outcome::Done);
        }
        let now = db::now();
        let Some(mail) = mail else {
            outbox::mark_not_sent(
                &mut conn,
                row.id,
                "mail is not configured (CLAIMDESK_SMTP_URL)",
                now,
            )
            .map_err(|e| e.to_string())?;
            return Ok(Outcome::Done);
        };
        if row.created_at < now - TimeDelta::days(1) {
            outbox::mark_not_sent(&mut conn, row.id, "waited more than a day: not sent late", now)
                .map_err(|e| e.to_string())?;
            return Ok(Outcome::Done);
        }
        // The connection is not held while the SMTP server answers.
        drop(conn);
        let sent = deliver(&mail, &public_base, &row);
        let mut conn = pool.get().map_err(|e| e.to_string())?;
        match sent {
            Ok(()) => {
                outbox::mark_sent(&mut conn, row.id, db::now()).map_err(|e| e.to_string())?;
                Ok(Outcome::Done)
            }
            Err(e) => {
                tracing::warn!(outbox_id = row.id, attempt = attempt.number, cause = %e, "an e-mail could not be sent");
                let next = (!attempt.last).then(|| {
                    db::now() + RETRY_AFTER[((attempt.number.max(1) - 1) as usize).min(RETRY_AFTER.len() - 1)]
                });
                outbox::mark_failed(&mut conn, row.id, &e, next, db::now())
                    .map_err(|e| e.to_string())?;
                Ok(if attempt.last {
                    Outcome::Failed(e)
                } else {
                    Outcome::Retry(e)
                })
            }
        }
    })
    .await;
    match done {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(e)) => Outcome::Retry(e),
        Err(e) => Outcome::Retry(e.to_string()),
    }
}

/// Sends one message through SMTP.
fn deliver(mail: &MailSettings, public_base: &str, message: &MailRow) -> Result<(), String> {
    let transport = SmtpTransport::from_url(&mail.smtp_url)
        .map_err(|e| e.to_string())?
        .timeout(Some(Duration::from_secs(20)))
        .build();
    let to: Mailbox = message
        .recipient
        .parse()
        .map_err(|e| format!("the address is not usable: {e}"))?;
    // The link is joined to the public address only now, so it follows the configuration.
    let link = message
        .link_path
        .as_ref()
        .map(|path| format!("{public_base}{path}"));
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
