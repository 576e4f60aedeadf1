//! Team settings and the team's verdict scale. Every member sees them; only admins change them.
//! Retiring a verdict moves the claims that carry it to a replacement, in the same transaction.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::page::{Chrome, FieldErrors};
use super::session::{Session, SignedForm};
use super::{blocking, render_status, see_other, AppState};
use crate::db::models::VerdictRow;
use crate::db::{self, users, verdicts};
use crate::desk::scale::{self, KeyTaken};
use crate::desk::team::{self, TeamSettings};
use crate::domain::{Invalid, Rating, Role, TeamName, VerdictId, VerdictKey, VerdictLabel, WebUrl};
use crate::error::{AppError, AppResult};

/// One option of the rating selects.
pub struct RatingChoice {
    /// What the form sends.
    pub value: &'static str,
    /// What the option says.
    pub text: &'static str,
}

const RATING_CHOICES: [RatingChoice; 6] = [
    RatingChoice {
        value: "",
        text: "none",
    },
    RatingChoice {
        value: "1",
        text: "1 (false)",
    },
    RatingChoice {
        value: "2",
        text: "2",
    },
    RatingChoice {
        value: "3",
        text: "3",
    },
    RatingChoice {
        value: "4",
        text: "4",
    },
    RatingChoice {
        value: "5",
        text: "5 (true)",
    },
];

/// One verdict of the scale as the page shows it, with what its change form holds.
pub struct VerdictLine {
    pub id: i64,
    pub key: String,
    pub label: String,
    pub rating: Option<i32>,
    pub position: i32,
    pub retired: bool,
    /// How many of the team's claims carry this verdict.
    pub claims: i64,
    /// The label and rating in the change form: as typed when it was refused, else as stored.
    pub label_input: String,
    pub rating_input: String,
    /// The replacement chosen in the retire form when it was refused.
    pub replacement_input: String,
    pub errors: FieldErrors,
}

/// A verdict that may still be given: a choice of replacement when retiring another.
pub struct ActiveVerdict {
    pub id: i64,
    pub key: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "team/settings.html")]
struct SettingsPage {
    chrome: Chrome,
    csrf_token: String,
    is_admin: bool,
    name: String,
    org_url: String,
    blind_review: bool,
    /// Sources before a verdict, as shown in the form (typed, when sent back).
    min_sources: String,
    /// Every member must use two-factor sign-in (`team_two_factor`).
    require_two_factor: bool,
    settings_errors: FieldErrors,
    scale: Vec<VerdictLine>,
    active: Vec<ActiveVerdict>,
    new_key: String,
    new_label: String,
    new_rating: String,
    add_errors: FieldErrors,
    ratings: [RatingChoice; 6],
}

/// A form that was refused, to show again with its values and the errors beside its fields.
enum Refused {
    Nothing,
    Settings {
        name: String,
        org_url: String,
        blind_review: bool,
        min_sources: String,
        errors: FieldErrors,
    },
    Add {
        key: String,
        label: String,
        rating: String,
        errors: FieldErrors,
    },
    Change {
        verdict_id: i64,
        label: String,
        rating: String,
        errors: FieldErrors,
    },
    Retire {
        verdict_id: i64,
        replacement: String,
        errors: FieldErrors,
    },
}

/// Builds the page in one trip to the blocking pool. A refused change to a verdict the team does not
/// have is a 404, like any other address naming it.
async fn settings_page(
    state: &web::Data<AppState>,
    session: &Session,
    flash: Option<String>,
    refused: Refused,
) -> AppResult<SettingsPage> {
    let pool = state.pool.clone();
    let team_id = session.info.team_id;
    let (team, scale, usage, require_two_factor) = blocking(move || {
        let mut conn = pool.get()?;
        let team = users::find_team(&mut conn, team_id.get())?.ok_or(AppError::NotFound)?;
        let scale = verdicts::scale(&mut conn, team_id)?;
        let usage = verdicts::claims_per_verdict(&mut conn, team_id)?;
        let require_two_factor = db::two_factor::team_requires(&mut conn, team_id.get())?;
        Ok((team, scale, usage, require_two_factor))
    })
    .await?;
    let active = scale
        .iter()
        .filter(|v| !v.retired)
        .map(|v| ActiveVerdict {
            id: v.id,
            key: v.key.clone(),
            label: v.label.clone(),
        })
        .collect();
    let mut scale: Vec<VerdictLine> = scale
        .into_iter()
        .map(|v: VerdictRow| VerdictLine {
            claims: usage
                .iter()
                .find(|(id, _)| *id == v.id)
                .map_or(0, |(_, n)| *n),
            label_input: v.label.clone(),
            rating_input: v.rating.map(|n| n.to_string()).unwrap_or_default(),
            replacement_input: String::new(),
            errors: FieldErrors::default(),
            id: v.id,
            key: v.key,
            label: v.label,
            rating: v.rating,
            position: v.position,
            retired: v.retired,
        })
        .collect();
    let mut page = SettingsPage {
        chrome: Chrome::member("Team settings", session, "team").with_flash(flash),
        csrf_token: session.info.csrf_token.clone(),
        is_admin: session.info.role == Role::Admin,
        name: team.name,
        org_url: team.org_url.unwrap_or_default(),
        blind_review: team.blind_review,
        min_sources: team.min_sources.to_string(),
        require_two_factor,
        settings_errors: FieldErrors::default(),
        scale: Vec::new(),
        active,
        new_key: String::new(),
        new_label: String::new(),
        new_rating: String::new(),
        add_errors: FieldErrors::default(),
        ratings: RATING_CHOICES,
    };
    let line_of = |scale: &mut Vec<VerdictLine>, verdict_id: i64| {
        scale
            .iter_mut()
            .position(|line| line.id == verdict_id)
            .ok_or(AppError::NotFound)
    };
    match refused {
        Refused::Nothing => {}
        Refused::Settings {
            name,
            org_url,
            blind_review,
            min_sources,
            errors,
        } => {
            page.name = name;
            page.org_url = org_url;
            page.blind_review = blind_review;
            page.min_sources = min_sources;
            page.settings_errors = errors;
        }
        Refused::Add {
            key,
            label,
            rating,
            errors,
        } => {
            page.new_key = key;
            page.new_label = label;
            page.new_rating = rating;
            page.add_errors = errors;
        }
        Refused::Change {
            verdict_id,
            label,
            rating,
            errors,
        } => {
            let i = line_of(&mut scale, verdict_id)?;
            scale[i].label_input = label;
            scale[i].rating_input = rating;
            scale[i].errors = errors;
        }
        Refused::Retire {
            verdict_id,
            replacement,
            errors,
        } => {
            let i = line_of(&mut scale, verdict_id)?;
            scale[i].replacement_input = replacement;
            scale[i].errors = errors;
        }
    }
    page.scale = scale;
    Ok(page)
}

#[derive(Deserialize)]
pub struct PageQuery {
    #[serde(default)]
    done: String,
}

/// What the page says after a change went through (never text from the request).
fn flash_for(done: &str) -> Option<String> {
    let message = match done {
        "settings" => "Team settings saved.",
        "added" => "Verdict added at the end of the scale.",
        "changed" => "Verdict saved.",
        "retired" => "Verdict retired; its claims now carry the replacement.",
        _ => return None,
    };
    Some(message.to_owned())
}

pub async fn page(
    state: web::Data<AppState>,
    session: Session,
    query: web::Query<PageQuery>,
) -> AppResult<HttpResponse> {
    let flash = flash_for(&query.done);
    let page = settings_page(&state, &session, flash, Refused::Nothing).await?;
    render_status(StatusCode::OK, &page)
}

/// Shows the page again with the refused form, answering `status`.
async fn refuse(
    state: &web::Data<AppState>,
    session: &Session,
    status: StatusCode,
    refused: Refused,
) -> AppResult<HttpResponse> {
    let page = settings_page(state, session, None, refused).await?;
    render_status(status, &page)
}

// ---- team settings ----

#[derive(Deserialize)]
pub struct TeamSettingsForm {
    name: String,
    #[serde(default)]
    org_url: String,
    /// A checkbox: absent when unticked.
    blind_review: Option<String>,
    /// Absent: unchanged.
    min_sources: Option<String>,
}

/// Sources a verdict needs, 0 to 10; absent keeps the team's number.
fn parse_min_sources(raw: Option<&str>) -> Result<Option<i32>, Invalid> {
    match raw.map(str::trim) {
        None => Ok(None),
        Some(raw) => raw
            .parse::<i32>()
            .ok()
            .filter(|n| (0..=10).contains(n))
            .map(Some)
            .ok_or_else(|| Invalid::new("min_sources", "must be a whole number from 0 to 10")),
    }
}

/// What a ticked or unticked checkbox sends; anything else no form of ours would send.
fn parse_checkbox(field: &'static str, raw: Option<&str>) -> Result<bool, Invalid> {
    match raw.map(str::trim) {
        None | Some("" | "off" | "false" | "0") => Ok(false),
        Some("on" | "true" | "1") => Ok(true),
        Some(_) => Err(Invalid::new(field, "must be ticked or not")),
    }
}

/// The organization URL: optional, and then a web address (ClaimReview's `author.url`).
fn parse_org_url(raw: &str) -> Result<Option<WebUrl>, Invalid> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        WebUrl::parse("org_url", raw).map(Some)
    }
}

pub async fn update_team(
    state: web::Data<AppState>,
    form: SignedForm<TeamSettingsForm>,
) -> AppResult<HttpResponse> {
    let session = form.session;
    let data = form.data;
    let parsed = (
        TeamName::parse(&data.name),
        parse_org_url(&data.org_url),
        parse_checkbox("blind_review", data.blind_review.as_deref()),
        parse_min_sources(data.min_sources.as_deref()),
    );
    let (name, org_url, blind_review, min_sources) = match parsed {
        (Ok(name), Ok(org_url), Ok(blind_review), Ok(min_sources)) => {
            (name, org_url, blind_review, min_sources)
        }
        (name, org_url, blind_review, min_sources) => {
            let mut errors = FieldErrors::default();
            for invalid in [
                name.err(),
                org_url.err(),
                blind_review.clone().err(),
                min_sources.err(),
            ]
            .into_iter()
            .flatten()
            {
                errors.add(invalid.field, invalid.message);
            }
            let refused = Refused::Settings {
                name: data.name,
                org_url: data.org_url,
                blind_review: blind_review.unwrap_or(false),
                min_sources: data.min_sources.unwrap_or_default(),
                errors,
            };
            return refuse(&state, &session, StatusCode::UNPROCESSABLE_ENTITY, refused).await;
        }
    };
    let settings = TeamSettings {
        name,
        org_url,
        blind_review,
        min_sources,
    };
    let (pool, member) = (state.pool.clone(), session.member());
    blocking(move || team::update(&mut *pool.get()?, &member, &settings)).await?;
    Ok(see_other("/team/settings?done=settings"))
}

#[derive(Deserialize)]
pub struct TwoFactorRequirementForm {
    /// A checkbox: absent when unticked.
    require: Option<String>,
}

/// Requires (or stops requiring) two-factor sign-in for every member of the team. Admins only;
/// requiring it needs the admin's own two-factor sign-in on first (409 otherwise). API tokens are
/// not affected.
pub async fn require_two_factor(
    state: web::Data<AppState>,
    form: SignedForm<TwoFactorRequirementForm>,
) -> AppResult<HttpResponse> {
    let session = form.session;
    session.require(Role::Admin)?;
    let required = parse_checkbox("require", form.data.require.as_deref())?;
    let (team_id, actor_id) = (session.info.team_id.get(), session.info.user_id.get());
    let pool = state.pool.clone();
    let changed = blocking(move || {
        crate::auth::two_factor::set_team_requirement(&pool, team_id, actor_id, required)
    })
    .await?;
    if changed {
        tracing::info!(target: "claimdesk::audit", event = "team_two_factor", required, team_id, user_id = actor_id, "team two-factor requirement changed");
    }
    Ok(see_other("/team/settings?done=settings"))
}

// ---- the verdict scale ----

#[derive(Deserialize)]
pub struct NewVerdictForm {
    key: String,
    label: String,
    #[serde(default)]
    rating: String,
}

pub async fn add_verdict(
    state: web::Data<AppState>,
    form: SignedForm<NewVerdictForm>,
) -> AppResult<HttpResponse> {
    let session = form.session;
    let data = form.data;
    let parsed = (
        VerdictKey::parse(&data.key),
        VerdictLabel::parse(&data.label),
        Rating::parse(&data.rating),
    );
    let refused = |errors: FieldErrors| Refused::Add {
        key: data.key.clone(),
        label: data.label.clone(),
        rating: data.rating.clone(),
        errors,
    };
    let (key, label, rating) = match parsed {
        (Ok(key), Ok(label), Ok(rating)) => (key, label, rating),
        (key, label, rating) => {
            let mut errors = FieldErrors::default();
            for invalid in [key.err(), label.err(), rating.err()].into_iter().flatten() {
                errors.add(invalid.field, invalid.message);
            }
            return refuse(
                &state,
                &session,
                StatusCode::UNPROCESSABLE_ENTITY,
                refused(errors),
            )
            .await;
        }
    };
    let (pool, member) = (state.pool.clone(), session.member());
    let added =
        blocking(move || scale::add(&mut *pool.get()?, &member, &key, &label, rating)).await?;
    match added {
        Ok(()) => Ok(see_other("/team/settings?done=added")),
        Err(KeyTaken) => {
            let mut errors = FieldErrors::default();
            errors.add(
                "key",
                "is already on this team's scale (retired verdicts keep their keys)",
            );
            refuse(
                &state,
                &session,
                StatusCode::UNPROCESSABLE_ENTITY,
                refused(errors),
            )
            .await
        }
    }
}

#[derive(Deserialize)]
pub struct VerdictChangeForm {
    label: String,
    #[serde(default)]
    rating: String,
}

/// Renames and re-rates a verdict. Its key stays: forms, filters and exports use it.
pub async fn change_verdict(
    state: web::Data<AppState>,
    verdict_id: web::Path<VerdictId>,
    form: SignedForm<VerdictChangeForm>,
) -> AppResult<HttpResponse> {
    let session = form.session;
    let verdict_id = verdict_id.into_inner();
    let data = form.data;
    let (label, rating) = match (
        VerdictLabel::parse(&data.label),
        Rating::parse(&data.rating),
    ) {
        (Ok(label), Ok(rating)) => (label, rating),
        (label, rating) => {
            let mut errors = FieldErrors::default();
            for invalid in [label.err(), rating.err()].into_iter().flatten() {
                errors.add(invalid.field, invalid.message);
            }
            let refused = Refused::Change {
                verdict_id: verdict_id.get(),
                label: data.label,
                rating: data.rating,
                errors,
            };
            return refuse(&state, &session, StatusCode::UNPROCESSABLE_ENTITY, refused).await;
        }
    };
    let (pool, member) = (state.pool.clone(), session.member());
    blocking(move || scale::change(&mut *pool.get()?, &member, verdict_id, &label, rating)).await?;
    Ok(see_other("/team/settings?done=changed"))
}

#[derive(Deserialize)]
pub struct RetireForm {
    #[serde(default)]
    replacement: String,
}

/// Retires a verdict: its claims move to the replacement (each one's version bumped and its history
/// written), then it can no longer be given. The last active verdict cannot go.
pub async fn retire_verdict(
    state: web::Data<AppState>,
    verdict_id: web::Path<VerdictId>,
    form: SignedForm<RetireForm>,
) -> AppResult<HttpResponse> {
    let session = form.session;
    let verdict_id = verdict_id.into_inner();
    let replacement = form.data.replacement.clone();
    let (pool, member) = (state.pool.clone(), session.member());
    let retired =
        blocking(move || scale::retire(&mut *pool.get()?, &member, verdict_id, &replacement)).await;
    match retired {
        Ok(_) => Ok(see_other("/team/settings?done=retired")),
        Err(AppError::Invalid(invalid)) => {
            let refused = Refused::Retire {
                verdict_id: verdict_id.get(),
                replacement: form.data.replacement,
                errors: FieldErrors::from_invalid(invalid),
            };
            refuse(&state, &session, StatusCode::UNPROCESSABLE_ENTITY, refused).await
        }
        Err(other) => Err(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checkboxes_are_ticked_or_not() {
        assert_eq!(parse_checkbox("b", None), Ok(false));
        assert_eq!(parse_checkbox("b", Some("on")), Ok(true));
        assert_eq!(parse_checkbox("b", Some("off")), Ok(false));
        assert!(parse_checkbox("b", Some("yes please")).is_err());
    }

    #[test]
    fn the_organization_url_is_optional_but_a_web_address() {
        assert_eq!(parse_org_url("  ").unwrap(), None);
        assert!(parse_org_url("https://factcheck.example.org")
            .unwrap()
            .is_some());
        assert_eq!(
            parse_org_url("javascript:alert(1)").unwrap_err().field,
            "org_url"
        );
    }

    #[test]
    fn flashes_come_only_from_known_outcomes() {
        assert!(flash_for("settings").is_some());
        assert_eq!(flash_for("<script>alert(1)</script>"), None);
    }
}
