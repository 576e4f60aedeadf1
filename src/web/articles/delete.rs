//! `POST /articles/{id}/delete`: deletes an article with its unsettled claims (editors and admins),
//! from the confirmation on the article page; refused with the reason while a claim keeps it.

use actix_web::{web, HttpResponse};
use serde::Deserialize;

use super::NoFields;
use crate::desk::removal;
use crate::domain::ArticleId;
use crate::error::AppResult;
use crate::web::session::SignedForm;
use crate::web::{blocking, see_other, AppState};

/// `?done=` on the article list: what just happened there.
#[derive(Deserialize, Default)]
pub struct DoneQuery {
    #[serde(default)]
    done: String,
}

impl DoneQuery {
    /// The list's message after a change went through (never text from the request).
    pub fn flash(&self) -> Option<String> {
        match self.done.as_str() {
            "deleted" => Some(
                "The article was deleted with its candidates and unsettled claims; the team's \
                 history keeps a line of it."
                    .to_owned(),
            ),
            _ => None,
        }
    }
}

/// Deletes the article, then back to the list with a message saying so.
pub async fn delete(
    state: web::Data<AppState>,
    article: web::Path<ArticleId>,
    form: SignedForm<NoFields>,
) -> AppResult<HttpResponse> {
    let article = article.into_inner();
    let (pool, member) = (state.pool.clone(), form.session.member());
    blocking(move || removal::delete(&mut *pool.get()?, &member, article)).await?;
    Ok(see_other("/articles?done=deleted"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_says_only_what_it_knows() {
        let done = |done: &str| DoneQuery {
            done: done.to_owned(),
        };
        assert!(done("deleted").flash().is_some());
        assert_eq!(done("<b>anything</b>").flash(), None);
        assert_eq!(done("").flash(), None);
    }
}
