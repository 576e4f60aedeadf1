//! The team's webhooks, for its admins: add an endpoint with the events it wants (its signing
//! secret is shown once), remove one, and the delivery log.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;

use super::page::Chrome;
use super::session::{Session, SignedForm};
use super::{blocking, render_status, see_other, AppState};
use crate::db::webhooks::{DeliveryRow, WebhookRow};
use crate::desk::webhooks::{self as desk, WebhooksOverview};
use crate::domain::webhook::{WebhookEvent, WebhookEvents};
use crate::domain::WebUrl;
use crate::error::{AppError, AppResult};

#[derive(Template)]
#[template(path = "team/webhooks.html")]
struct WebhooksPage {
    chrome: Chrome,
    csrf_token: String,
    endpoints: Vec<WebhookRow>,
    deliveries: Vec<(DeliveryRow, String)>,
    events: [WebhookEvent; 5],
    /// The secret of the endpoint just added: shown this once.
    new_secret: Option<String>,
    /// What was typed, with the message, when the form was refused.
    typed_url: String,
    typed_events: Vec<String>,
    error: Option<String>,
}

impl WebhooksPage {
    fn when(&self, at: &chrono::NaiveDateTime) -> String {
        at.format("%Y-%m-%d %H:%M:%S UTC").to_string()
    }

    fn checked(&self, event: &WebhookEvent) -> bool {
        self.typed_events.iter().any(|e| e == event.as_str())
    }
}

fn page_of(
    session: &Session,
    overview: WebhooksOverview,
    new_secret: Option<String>,
    typed: (String, Vec<String>),
    error: Option<String>,
) -> WebhooksPage {
    WebhooksPage {
        chrome: Chrome::member("Webhooks", session, "team"),
        csrf_token: session.info.csrf_token.clone(),
        endpoints: overview.endpoints,
        deliveries: overview.deliveries,
        events: WebhookEvent::ALL,
        new_secret,
        typed_url: typed.0,
        typed_events: typed.1,
        error,
    }
}

async fn overview(state: &web::Data<AppState>, session: &Session) -> AppResult<WebhooksOverview> {
    let (pool, member) = (state.pool.clone(), session.member());
    blocking(move || desk::overview(&mut *pool.get()?, &member)).await
}

pub async fn page(state: web::Data<AppState>, session: Session) -> AppResult<HttpResponse> {
    let overview = overview(&state, &session).await?;
    let all = WebhookEvent::ALL
        .iter()
        .map(|e| e.as_str().to_owned())
        .collect();
    render_status(
        StatusCode::OK,
        &page_of(&session, overview, None, (String::new(), all), None),
    )
}

/// `POST /team/webhooks`: `url` and one `events` field per event wanted.
pub async fn add(
    state: web::Data<AppState>,
    form: SignedForm<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let session = form.session;
    let url = form
        .data
        .iter()
        .find(|(name, _)| name == "url")
        .map_or(String::new(), |(_, v)| v.clone());
    let wanted: Vec<String> = form
        .data
        .iter()
        .filter(|(name, _)| name == "events")
        .map(|(_, v)| v.clone())
        .collect();
    let parsed = WebUrl::parse("url", &url).and_then(|url| {
        WebhookEvents::parse(wanted.iter().map(String::as_str)).map(|events| (url, events))
    });
    let added = match parsed {
        Ok((url, events)) => {
            let (pool, member) = (state.pool.clone(), session.member());
            let key = state.settings.secret_key.clone();
            let allow = state.settings.fetch.allow.clone();
            blocking(move || {
                desk::register(
                    &mut *pool.get()?,
                    &member,
                    key.as_ref(),
                    &allow,
                    &url,
                    &events,
                )
            })
            .await
        }
        Err(invalid) => Err(AppError::from(invalid)),
    };
    match added {
        Ok((_, secret)) => {
            let overview = overview(&state, &session).await?;
            let page = page_of(
                &session,
                overview,
                Some(secret.reveal()),
                (String::new(), wanted),
                None,
            );
            render_status(StatusCode::CREATED, &page)
        }
        Err(refused @ (AppError::Invalid(_) | AppError::Unavailable { .. })) => {
            // A form refused for what it holds comes back as the form, 422, as on every page.
            let status = match refused {
                AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
                _ => refused.public().status,
            };
            let public = refused.public();
            let overview = overview(&state, &session).await?;
            let page = page_of(
                &session,
                overview,
                None,
                (url, wanted),
                Some(public.message),
            );
            render_status(status, &page)
        }
        Err(other) => Err(other),
    }
}

/// `POST /team/webhooks/{id}/delete`.
pub async fn remove(
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: SignedForm<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let (pool, member, id) = (state.pool.clone(), form.session.member(), id.into_inner());
    blocking(move || desk::remove(&mut *pool.get()?, &member, id)).await?;
    Ok(see_other("/team/webhooks"))
}
