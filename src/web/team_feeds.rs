//! The team's watchlist, for its editors and admins: add an outlet's feed (fetched once to check
//! it is one), stop watching one, and what each poll brought.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;

use super::page::Chrome;
use super::session::{Session, SignedForm};
use super::{blocking, render_status, see_other, AppState};
use crate::db::feeds::FeedRow;
use crate::desk::watch;
use crate::error::{AppError, AppResult};

#[derive(Template)]
#[template(path = "team/feeds.html")]
struct FeedsPage {
    chrome: Chrome,
    csrf_token: String,
    feeds: Vec<FeedRow>,
    every: Option<String>,
    typed_url: String,
    error: Option<String>,
}

impl FeedsPage {
    fn when(&self, at: &chrono::NaiveDateTime) -> String {
        at.format("%Y-%m-%d %H:%M UTC").to_string()
    }
}

async fn page_of(
    state: &web::Data<AppState>,
    session: &Session,
    typed_url: String,
    error: Option<String>,
) -> AppResult<FeedsPage> {
    let (pool, member) = (state.pool.clone(), session.member());
    let feeds = blocking(move || watch::feeds_of_team(&mut *pool.get()?, &member)).await?;
    Ok(FeedsPage {
        chrome: Chrome::member("Watched feeds", session, "team"),
        csrf_token: session.info.csrf_token.clone(),
        feeds,
        every: state
            .settings
            .feed_every
            .map(|every| format!("{} minutes", every.as_secs() / 60)),
        typed_url,
        error,
    })
}

pub async fn page(state: web::Data<AppState>, session: Session) -> AppResult<HttpResponse> {
    render_status(
        StatusCode::OK,
        &page_of(&state, &session, String::new(), None).await?,
    )
}

#[derive(serde::Deserialize)]
pub struct FeedIn {
    #[serde(default)]
    url: String,
}

/// `POST /team/feeds`: the feed is fetched once; a refusal is the form again with the reason.
pub async fn add(state: web::Data<AppState>, form: SignedForm<FeedIn>) -> AppResult<HttpResponse> {
    let session = form.session;
    let member = session.member();
    match watch::add_feed(&state.pool, &member, &state.fetcher, &form.data.url).await {
        Ok(_) => Ok(see_other("/team/feeds")),
        Err(AppError::Invalid(invalid)) => {
            let page = page_of(
                &state,
                &session,
                form.data.url.clone(),
                Some(invalid.message),
            )
            .await?;
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(other) => Err(other),
    }
}

/// `POST /team/feeds/{id}/delete`.
pub async fn remove(
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: SignedForm<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let (pool, member, id) = (state.pool.clone(), form.session.member(), id.into_inner());
    blocking(move || watch::remove_feed(&mut *pool.get()?, &member, id)).await?;
    Ok(see_other("/team/feeds"))
}
