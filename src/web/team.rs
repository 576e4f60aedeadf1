//! Team members and invites. Everyone in the team sees the members; only admins change them.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::page::{Chrome, FieldErrors};
use super::session::{Session, SignedForm};
use super::{blocking, render, render_status, see_other, AppState};
use crate::auth::accounts;
use crate::db;
use crate::db::models::InviteRow;
use crate::db::users::{self, Member};
use crate::domain::{Email, Invalid, Role};
use crate::error::{AppError, AppResult};

#[derive(Template)]
#[template(path = "team/members.html")]
struct MembersPage {
    chrome: Chrome,
    csrf_token: String,
    is_admin: bool,
    members: Vec<Member>,
    invites: Vec<InviteRow>,
    roles: [Role; 4],
    new_invite_link: Option<String>,
    invite_email: String,
    errors: FieldErrors,
    /// Whether invites go out by e-mail too.
    mail_on: bool,
}

async fn members_page(
    state: &web::Data<AppState>,
    session: Session,
    new_invite_link: Option<String>,
    invite_email: String,
    errors: FieldErrors,
) -> AppResult<MembersPage> {
    let pool = state.pool.clone();
    let team_id = session.info.team_id.get();
    let is_admin = session.info.role == Role::Admin;
    let (members, invites) = blocking(move || {
        let mut conn = pool.get()?;
        let members = users::members_of_team(&mut conn, team_id)?;
        let invites = if is_admin {
            users::open_invites(&mut conn, team_id)?
        } else {
            Vec::new()
        };
        Ok((members, invites))
    })
    .await?;
    Ok(MembersPage {
        chrome: Chrome::member("Team members", &session, "team"),
        csrf_token: session.info.csrf_token.clone(),
        is_admin,
        members,
        invites,
        roles: Role::ALL,
        new_invite_link,
        invite_email,
        errors,
        mail_on: state.settings.mail.is_some(),
    })
}

pub async fn members(state: web::Data<AppState>, session: Session) -> AppResult<HttpResponse> {
    let page = members_page(&state, session, None, String::new(), FieldErrors::default()).await?;
    render(&page)
}

#[derive(Template)]
#[template(path = "team/member.html")]
struct MemberPage {
    chrome: Chrome,
    csrf_token: String,
    is_admin: bool,
    is_self: bool,
    member: Member,
    roles: [Role; 4],
}

/// One member of the current team; anyone else's id is a 404, the same as a missing one.
async fn load_member(state: &web::Data<AppState>, team_id: i64, user_id: i64) -> AppResult<Member> {
    let pool = state.pool.clone();
    blocking(move || {
        let mut conn = pool.get()?;
        users::member_of_team(&mut conn, team_id, user_id)?.ok_or(AppError::NotFound)
    })
    .await
}

pub async fn member(
    state: web::Data<AppState>,
    session: Session,
    user_id: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let member = load_member(&state, session.info.team_id.get(), user_id.into_inner()).await?;
    let page = MemberPage {
        chrome: Chrome::member(&member.name, &session, "team"),
        csrf_token: session.info.csrf_token.clone(),
        is_admin: session.info.role == Role::Admin,
        is_self: member.user_id == session.info.user_id.get(),
        member,
        roles: Role::ALL,
    };
    render(&page)
}

#[derive(Deserialize)]
pub struct RoleForm {
    role: String,
}

pub async fn change_role(
    state: web::Data<AppState>,
    user_id: web::Path<i64>,
    form: SignedForm<RoleForm>,
) -> AppResult<HttpResponse> {
    let session = form.session;
    session.require(Role::Admin)?;
    let role: Role = form.data.role.parse().map_err(AppError::Invalid)?;
    let (team_id, actor_id, user_id) = (
        session.info.team_id.get(),
        session.info.user_id.get(),
        user_id.into_inner(),
    );
    let pool = state.pool.clone();
    blocking(move || {
        let mut conn = pool.get()?;
        db::write(&mut conn, |conn| {
            let member =
                users::member_of_team(conn, team_id, user_id)?.ok_or(AppError::NotFound)?;
            if member.role == role {
                return Ok(());
            }
            if member.role == Role::Admin
                && member.active
                && users::count_active_admins(conn, team_id)? <= 1
            {
                return Err(AppError::Conflict(
                    "A team needs at least one active admin: make someone else admin first.".into(),
                ));
            }
            users::set_role(conn, team_id, user_id, member.role, role, actor_id)?;
            Ok(())
        })
    })
    .await?;
    Ok(see_other(&format!("/team/members/{user_id}")))
}

async fn set_active(
    state: web::Data<AppState>,
    user_id: i64,
    session: Session,
    active: bool,
) -> AppResult<HttpResponse> {
    session.require(Role::Admin)?;
    let (team_id, actor_id) = (session.info.team_id.get(), session.info.user_id.get());
    let pool = state.pool.clone();
    blocking(move || {
        let mut conn = pool.get()?;
        db::write(&mut conn, |conn| {
            let member =
                users::member_of_team(conn, team_id, user_id)?.ok_or(AppError::NotFound)?;
            if !active
                && member.role == Role::Admin
                && member.active
                && users::count_active_admins(conn, team_id)? <= 1
            {
                return Err(AppError::Conflict(
                    "A team needs at least one active admin.".into(),
                ));
            }
            users::set_membership_active(conn, team_id, user_id, active, actor_id)?;
            Ok(())
        })
    })
    .await?;
    Ok(see_other(&format!("/team/members/{user_id}")))
}

pub async fn deactivate(
    state: web::Data<AppState>,
    user_id: web::Path<i64>,
    form: SignedForm<super::auth::Empty>,
) -> AppResult<HttpResponse> {
    set_active(state, user_id.into_inner(), form.session, false).await
}

pub async fn reactivate(
    state: web::Data<AppState>,
    user_id: web::Path<i64>,
    form: SignedForm<super::auth::Empty>,
) -> AppResult<HttpResponse> {
    set_active(state, user_id.into_inner(), form.session, true).await
}

#[derive(Deserialize)]
pub struct InviteForm {
    email: String,
    role: String,
}

pub async fn invite(
    state: web::Data<AppState>,
    form: SignedForm<InviteForm>,
) -> AppResult<HttpResponse> {
    let session = form.session;
    session.require(Role::Admin)?;
    let role: Role = form.data.role.parse().map_err(AppError::Invalid)?;
    let parsed: Result<Email, Invalid> = Email::parse(&form.data.email);
    let created = match parsed {
        Ok(email) => {
            let pool = state.pool.clone();
            let (team_id, actor_id) = (session.info.team_id.get(), session.info.user_id.get());
            blocking(move || accounts::create_invite(&pool, team_id, actor_id, email, role)).await
        }
        Err(invalid) => Err(AppError::Invalid(invalid)),
    };
    match created {
        Ok(invite) => {
            let base = state.settings.public_base();
            let link = format!("{base}/invites/{}", invite.token);
            let page = members_page(
                &state,
                session,
                Some(link),
                String::new(),
                FieldErrors::default(),
            )
            .await?;
            render(&page)
        }
        Err(AppError::Invalid(invalid)) => {
            let email = form.data.email;
            let page = members_page(
                &state,
                session,
                None,
                email,
                FieldErrors::from_invalid(invalid),
            )
            .await?;
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(other) => Err(other),
    }
}

pub async fn revoke_invite(
    state: web::Data<AppState>,
    invite_id: web::Path<i64>,
    form: SignedForm<super::auth::Empty>,
) -> AppResult<HttpResponse> {
    let session = form.session;
    session.require(Role::Admin)?;
    let (team_id, actor_id, invite_id) = (
        session.info.team_id.get(),
        session.info.user_id.get(),
        invite_id.into_inner(),
    );
    let pool = state.pool.clone();
    let revoked = blocking(move || {
        let mut conn = pool.get()?;
        Ok(db::write(&mut conn, |conn| {
            users::revoke_invite(conn, team_id, invite_id, actor_id)
        })?)
    })
    .await?;
    if !revoked {
        return Err(AppError::NotFound);
    }
    Ok(see_other("/team/members"))
}
