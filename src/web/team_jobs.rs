//! The team's background work, for its admins: cited pages archived and rechecked, how many jobs
//! wait or failed and why, and how much of the evidence vault the team uses.

use actix_web::{web, HttpResponse};
use askama::Template;

use super::page::Chrome;
use super::session::Session;
use super::{blocking, render, AppState};
use crate::desk::evidence::{self, JobsOverview};
use crate::error::AppResult;

#[derive(Template)]
#[template(path = "team/jobs.html")]
struct JobsPage {
    chrome: Chrome,
    overview: JobsOverview,
}

impl JobsPage {
    fn when(&self, at: &chrono::NaiveDateTime) -> String {
        at.format("%Y-%m-%d %H:%M:%S UTC").to_string()
    }

    fn used(&self) -> String {
        evidence::human_size(self.overview.vault_used.max(0) as u64)
    }

    fn limit(&self) -> String {
        evidence::human_size(self.overview.vault_limit)
    }
}

pub async fn page(state: web::Data<AppState>, session: Session) -> AppResult<HttpResponse> {
    let (pool, member, limit) = (
        state.pool.clone(),
        session.member(),
        state.settings.vault.team_limit,
    );
    let overview =
        blocking(move || evidence::jobs_of_team(&mut *pool.get()?, &member, limit)).await?;
    render(&JobsPage {
        chrome: Chrome::member("Background jobs", &session, "team"),
        overview,
    })
}
