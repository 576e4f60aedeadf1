//! The claim queue. Claims arrive with the review desk; until then the queue explains what is next.

use actix_web::HttpResponse;
use askama::Template;

use super::page::Chrome;
use super::render;
use super::session::Session;
use crate::error::AppResult;

#[derive(Template)]
#[template(path = "claims/queue.html")]
struct QueuePage {
    chrome: Chrome,
}

pub async fn queue(session: Session) -> AppResult<HttpResponse> {
    render(&QueuePage {
        chrome: Chrome::member("Claims", &session, "claims"),
    })
}
