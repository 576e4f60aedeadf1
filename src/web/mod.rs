//! The HTTP layer: one route table, thin handlers (parse → call → render), one file per area.

pub mod account;
pub mod api;
pub mod articles;
pub mod assets;
pub mod auth;
pub mod body;
pub mod bulk;
pub mod claims;
pub mod confirm;
pub mod dashboard;
pub mod error;
pub mod export;
pub mod http;
pub mod inbox;
pub mod inputs;
pub mod mail_prefs;
pub mod page;
pub mod public;
pub mod reset;
pub mod session;
pub mod settings;
pub mod team;
pub mod team_feeds;
pub mod team_jobs;
pub mod team_outbox;
pub mod team_webhooks;

use actix_web::http::header;
use actix_web::http::StatusCode;
use actix_web::middleware::DefaultHeaders;
use actix_web::{web, HttpResponse};
use askama::Template;

use crate::config::Settings;
use crate::db::Pool;
use crate::error::{AppError, AppResult};

pub const HTML: &str = "text/html; charset=utf-8";

/// What every handler can reach: the pool, the settings, and a dummy password hash that unknown
/// emails are verified against so they take as long as wrong passwords.
pub struct AppState {
    pub pool: Pool,
    pub settings: Settings,
    pub dummy_hash: String,
    /// The guarded fetcher (articles from links).
    pub fetcher: crate::fetch::Fetcher,
}

/// Every URL of the app, one per line (kept unformatted so the table reads in one screen; the
/// access-matrix test reads it too). The lines of one path become one resource, so a known path
/// asked with another method answers 405 with `Allow` (`methods`).
#[rustfmt::skip]
pub fn routes(cfg: &mut web::ServiceConfig) {
    let mut table = RouteTable::default();
    table
        .route("/healthz", web::get().to(healthz))
        .route("/readyz", web::get().to(readyz))
        .route("/", web::get().to(home))
        .route("/static/{file}", web::get().to(assets::serve))
        .route("/login", web::get().to(auth::login_page))
        .route("/login", web::post().to(auth::login))
        .route("/password/forgot", web::get().to(reset::forgot_page))
        .route("/password/forgot", web::post().to(reset::forgot))
        .route("/password/reset/{token}", web::get().to(reset::reset_page))
        .route("/password/reset/{token}", web::post().to(reset::reset))
        .route("/login/two-factor", web::get().to(auth::second_factor_page))
        .route("/login/two-factor", web::post().to(auth::second_factor))
        .route("/logout", web::post().to(auth::logout))
        .route("/setup", web::get().to(auth::setup_page))
        .route("/setup", web::post().to(auth::setup))
        .route("/invites/{token}", web::get().to(auth::invite_page))
        .route("/invites/{token}", web::post().to(auth::accept_invite))
        .route("/invites/{token}/join", web::post().to(auth::join_invite))
        .route("/articles", web::get().to(articles::index))
        .route("/articles", web::post().to(articles::create))
        .route("/articles/new", web::get().to(articles::new))
        .route("/articles/upload", web::post().to(articles::upload))
        .route("/articles/fetch", web::post().to(articles::fetch))
        .route("/articles/{article_id}", web::get().to(articles::show))
        .route("/articles/{article_id}/accept-above", web::post().to(articles::accept_above))
        .route("/articles/{article_id}/claims", web::post().to(articles::add_passage))
        .route("/articles/{article_id}/candidates/{candidate_id}/accept", web::post().to(articles::accept))
        .route("/articles/{article_id}/candidates/{candidate_id}/reject", web::post().to(articles::reject))
        .route("/articles/{article_id}/candidates/{candidate_id}/attach", web::post().to(articles::attach))
        .route("/articles/{article_id}/candidates/{candidate_id}/restore", web::post().to(articles::restore))
        .route("/articles/{article_id}/reject-rest", web::post().to(articles::reject_rest))
        .route("/articles/{article_id}/delete", web::post().to(articles::delete::delete))
        .route("/claims", web::get().to(claims::queue::queue))
        .route("/claims/bulk", web::post().to(bulk::bulk))
        .route("/claims/views", web::post().to(bulk::save_view))
        .route("/claims/views/{view_id}/delete", web::post().to(bulk::delete_view))
        .route("/claims/{claim_id}", web::get().to(claims::page::show))
        .route("/claims/{claim_id}/claimreview.json", web::get().to(public::claim_review_json))
        .route("/claims/{claim_id}/assign", web::post().to(claims::actions::assign))
        .route("/claims/{claim_id}/transition", web::post().to(claims::actions::transition))
        .route("/claims/{claim_id}/publish", web::get().to(confirm::publish))
        .route("/claims/{claim_id}/second-review", web::post().to(claims::actions::second_review))
        .route("/claims/{claim_id}/edit", web::post().to(claims::actions::edit))
        .route("/claims/{claim_id}/derive", web::post().to(claims::actions::derive))
        .route("/claims/{claim_id}/tags", web::post().to(claims::actions::tag))
        .route("/claims/{claim_id}/comments", web::post().to(claims::actions::add_comment))
        .route("/claims/{claim_id}/citations", web::post().to(claims::citations::add))
        .route("/claims/{claim_id}/citations/{citation_id}", web::post().to(claims::citations::edit))
        .route("/claims/{claim_id}/citations/{citation_id}/snapshot", web::get().to(claims::citations::snapshot))
        .route("/claims/{claim_id}/citations/{citation_id}/delete", web::get().to(confirm::remove_citation))
        .route("/claims/{claim_id}/citations/{citation_id}/delete", web::post().to(claims::citations::remove))
        .route("/dashboard", web::get().to(dashboard::page))
        .route("/export/claims.csv", web::get().to(export::claims_csv))
        .route("/export/claimreview.jsonl", web::get().to(public::feed))
        .route("/verdicts/{claim_id}", web::get().to(public::verdict_page))
        .route("/corrections/{team_id}", web::get().to(public::corrections_page))
        .route("/corrections/{team_id}/feed.atom", web::get().to(public::corrections_feed))
        .route("/team/members", web::get().to(team::members))
        .route("/team/members/{user_id}", web::get().to(team::member))
        .route("/team/members/{user_id}/role", web::post().to(team::change_role))
        .route("/team/members/{user_id}/deactivate", web::get().to(confirm::deactivate))
        .route("/team/members/{user_id}/deactivate", web::post().to(team::deactivate))
        .route("/team/members/{user_id}/reactivate", web::post().to(team::reactivate))
        .route("/team/members/{user_id}/reset-link", web::post().to(reset::admin_link))
        .route("/team/invites", web::post().to(team::invite))
        .route("/team/invites/{invite_id}/revoke", web::post().to(team::revoke_invite))
        .route("/team/settings", web::get().to(settings::page))
        .route("/team/settings", web::post().to(settings::update_team))
        .route("/team/settings/two-factor", web::post().to(settings::require_two_factor))
        .route("/team/verdicts", web::post().to(settings::add_verdict))
        .route("/team/verdicts/{verdict_id}", web::post().to(settings::change_verdict))
        .route("/team/verdicts/{verdict_id}/retire", web::get().to(confirm::retire_verdict))
        .route("/team/verdicts/{verdict_id}/retire", web::post().to(settings::retire_verdict))
        .route("/inbox", web::get().to(inbox::page))
        .route("/inbox/read", web::post().to(inbox::read))
        .route("/team/outbox", web::get().to(team_outbox::page))
        .route("/team/jobs", web::get().to(team_jobs::page))
        .route("/team/feeds", web::get().to(team_feeds::page))
        .route("/team/feeds", web::post().to(team_feeds::add))
        .route("/team/feeds/{feed_id}/delete", web::post().to(team_feeds::remove))
        .route("/team/webhooks", web::get().to(team_webhooks::page))
        .route("/team/webhooks", web::post().to(team_webhooks::add))
        .route("/team/webhooks/{webhook_id}/delete", web::post().to(team_webhooks::remove))
        .route("/account/mail", web::get().to(mail_prefs::page))
        .route("/account/mail", web::post().to(mail_prefs::save))
        .route("/account", web::get().to(account::page))
        .route("/account/password", web::post().to(account::change_password))
        .route("/account/email", web::post().to(account::change_email))
        .route("/account/two-factor", web::get().to(account::two_factor))
        .route("/account/two-factor/enrol", web::post().to(account::two_factor_enrol))
        .route("/account/two-factor/confirm", web::post().to(account::two_factor_confirm))
        .route("/account/two-factor/recovery-codes", web::post().to(account::two_factor_recovery_codes))
        .route("/account/two-factor/disable", web::post().to(account::two_factor_disable))
        .route("/account/sessions/end-others", web::post().to(account::end_other_sessions))
        .route("/account/sessions/{session_id}/end", web::post().to(account::end_session))
        .route("/account/tokens", web::post().to(account::create_token))
        .route("/account/tokens/{token_id}/revoke", web::post().to(account::revoke_token))
        .route("/account/team", web::post().to(account::switch_team))
        .route("/api/openapi.json", web::get().to(api::openapi::serve))
        .route("/api/v1/articles", web::get().to(api::articles::list))
        .route("/api/v1/articles", web::post().to(api::articles::create))
        .route("/api/v1/articles/fetch", web::post().to(api::articles::fetch))
        .route("/api/v1/articles/{article_id}", web::get().to(api::articles::show))
        .route("/api/v1/claims", web::get().to(api::claims::list))
        .route("/api/v1/claims/{claim_id}", web::get().to(api::claims::show))
        .route("/api/v1/claims/{claim_id}/transition", web::post().to(api::claims::transition))
        .route("/api/v1/claims/{claim_id}/assign", web::post().to(api::claims::assign))
        .route("/api/v1/claims/{claim_id}/citations", web::post().to(api::attached::add_citation))
        .route("/api/v1/claims/{claim_id}/citations/{citation_id}", web::get().to(api::attached::show_citation))
        .route("/api/v1/claims/{claim_id}/citations/{citation_id}", web::delete().to(api::attached::remove_citation))
        .route("/api/v1/claims/{claim_id}/comments", web::post().to(api::attached::add_comment))
        .route("/api/v1/claims/{claim_id}/comments/{comment_id}", web::get().to(api::attached::show_comment));
    table.register(cfg);
}

/// The route table's lines grouped by path, in the order written: each path becomes one actix
/// resource holding all its methods, which answers a method it does not have with 405 and the
/// `Allow` header listing those it has (RFC 9110 §15.5.6).
#[derive(Default)]
struct RouteTable {
    paths: Vec<(&'static str, Vec<actix_web::Route>)>,
}

impl RouteTable {
    fn route(&mut self, path: &'static str, route: actix_web::Route) -> &mut Self {
        match self.paths.iter_mut().find(|(p, _)| *p == path) {
            Some((_, routes)) => routes.push(route),
            None => self.paths.push((path, vec![route])),
        }
        self
    }

    fn register(self, cfg: &mut web::ServiceConfig) {
        for (path, routes) in self.paths {
            let resource = routes
                .into_iter()
                .fold(web::resource(path), |resource, route| resource.route(route));
            cfg.service(resource);
        }
    }
}

/// The headers of SECURITY.md, on every response including errors. Pages are not cached (they show
/// a member's data); static files set their own caching.
pub fn security_headers(settings: &Settings) -> DefaultHeaders {
    let headers = DefaultHeaders::new()
        .add((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
        ))
        .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .add((header::X_FRAME_OPTIONS, "DENY"))
        .add((header::REFERRER_POLICY, "strict-origin-when-cross-origin"))
        .add((header::CACHE_CONTROL, "no-store"));
    if settings.secure_cookies {
        headers.add((
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        ))
    } else {
        headers
    }
}

/// `GET /healthz`: the process is alive (it touches nothing else), for uptime probes.
async fn healthz() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body("ok")
}

/// `GET /readyz`: the process can serve, its database answering a query; 503 when it cannot (a
/// load balancer then sends requests elsewhere).
async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    let pool = state.pool.clone();
    let answered = web::block(move || -> Result<(), String> {
        use diesel::connection::SimpleConnection;
        let mut conn = pool.get().map_err(|e| e.to_string())?;
        conn.batch_execute("SELECT 1").map_err(|e| e.to_string())
    })
    .await
    .map_err(|e| e.to_string())
    .and_then(|answer| answer);
    match answered {
        Ok(()) => HttpResponse::Ok()
            .content_type("text/plain; charset=utf-8")
            .body("ready"),
        Err(cause) => {
            tracing::warn!(cause = %cause, "not ready: the database does not answer");
            HttpResponse::ServiceUnavailable()
                .content_type("text/plain; charset=utf-8")
                .body("not ready: the database does not answer")
        }
    }
}

async fn home(session: session::MaybeSession) -> HttpResponse {
    let target = if session.0.is_some() {
        "/claims"
    } else {
        "/login"
    };
    see_other(target)
}

pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location.to_owned()))
        .finish()
}

pub fn render(page: &impl Template) -> AppResult<HttpResponse> {
    render_status(StatusCode::OK, page)
}

pub fn render_status(status: StatusCode, page: &impl Template) -> AppResult<HttpResponse> {
    Ok(HttpResponse::build(status)
        .content_type(HTML)
        .body(page.render()?))
}

/// Runs blocking work (queries, argon2) on the blocking pool.
pub async fn blocking<T, F>(f: F) -> AppResult<T>
where
    F: FnOnce() -> AppResult<T> + Send + 'static,
    T: Send + 'static,
{
    web::block(f).await?
}

/// The 404 for any unknown address: JSON under `/api/`, the styled page elsewhere.
pub async fn not_found(req: actix_web::HttpRequest) -> Result<HttpResponse, actix_web::Error> {
    if req.path().starts_with("/api/") {
        Err(api::error::ApiError(AppError::NotFound).into())
    } else {
        Err(AppError::NotFound.into())
    }
}

/// Only local paths: `next=https://evil.example` or `//evil.example` fall back to the queue.
pub fn local_path(next: Option<&str>) -> String {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.starts_with("/\\")
                && !path.chars().any(|c| c.is_control() || c == '\\') =>
        {
            path.to_owned()
        }
        _ => "/claims".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn next_only_goes_to_local_paths() {
        assert_eq!(
            local_path(Some("/claims?status=verified")),
            "/claims?status=verified"
        );
        for off_site in [
            "https://evil.example/",
            "//evil.example",
            "/\\evil.example",
            "javascript:alert(1)",
            "/a\r\nSet-Cookie: x",
        ] {
            assert_eq!(local_path(Some(off_site)), "/claims", "{off_site}");
        }
        assert_eq!(local_path(None), "/claims");
    }
}

#[cfg(test)]
mod property_tests {
    use super::local_path;
    use proptest::prelude::*;

    proptest! {
        /// Whatever `next=` holds, the redirect stays on this site.
        #[test]
        fn next_never_leaves_the_site(next in "\\PC{0,80}") {
            let target = local_path(Some(&next));
            prop_assert!(target.starts_with('/'));
            prop_assert!(!target.starts_with("//") && !target.starts_with("/\\"));
            prop_assert!(!target.chars().any(|c| c.is_control()));
        }
    }
}
