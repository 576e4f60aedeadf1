//! The role × route matrix (SECURITY.md, "Access control"): every route of `web::routes` for an
//! anonymous visitor, a viewer, a reviewer, an editor and an admin of the team "Desk", and the admin
//! of another team ("Other Desk"), each with the status it must get.
//!
//! How a row is run:
//! - Each column gets its own fixture (one app per column and backend): the Desk with two articles
//!   (one whose candidates were accepted into claims, one whose candidates are still pending), a
//!   citation on a claim, an open invite, a saved view and a spare session of the column's member,
//!   and members of every role; plus the Other Desk with its admin. All rows of the column then run
//!   in table order against that fixture, so a row that changes state must not break a later one:
//!   the rows of one area are ordered so that each still finds what it needs (candidates are
//!   accepted one by one before "accept above" takes the rest; the article is deleted only after
//!   every row that names it; the session-ending account rows come last).
//! - Path parameters are the Desk's real ids. The member's own things ({session_id}, {view_id}) are
//!   the column member's own; for the anonymous visitor and the other team's admin they are the Desk
//!   admin's. So for another team's admin every Desk id must answer 404, exactly like a missing id.
//! - GETs are sent as they are. POSTs carry the CSRF token of the column member's session (an
//!   anonymous visitor has none and no cookies) and the fields that make the request valid for a
//!   role that is allowed, so an allowed role gets its success status (303, 200, or the 409 of a
//!   conflict the fixture sets up on purpose) and a forbidden one is refused for its role alone.
//! - `/api/v1/` rows are sent as a script would: no cookies, the column member's own bearer token
//!   (the anonymous visitor sends none: 401) and a JSON body. Every member column also sends every
//!   API row from its signed-in browser without a token: 401, nothing changes.
//! - The public pages of a verdict (`/verdicts/…`, `claimreview.json`) name a published claim; the
//!   anonymous column checks that an unpublished one is a 404 like a missing one.
//! - The database is compared before and after every row (row counts, claim versions, candidate
//!   states, roles, invites, passwords, sessions, the team and its verdicts): a GET and a refused
//!   request (403, 404, 409, or 303 to the login page) must change nothing; a POST that succeeds
//!   must change something (so "allowed" means it was really done, not just answered 303).
//! - A new route needs a row in the right area: rows that end the member's session stay last.
//!
//! `every_route_has_a_row` reads the route table's source and fails when a route has no row here (or
//! a row names a route that no longer exists), so a new route cannot ship without its line in the
//! matrix.

use std::collections::BTreeSet;

use claimdesk::auth::accounts;
use claimdesk::auth::secretbox::SecretKey;
use claimdesk::db::schema;
use claimdesk::db::DbConn;
use claimdesk::domain::{Email, Role};
use diesel::prelude::*;
use totp_rs::{Algorithm, Secret, TOTP};

use crate::both_backends;
use crate::helpers::{browser, csrf_token_in, spawn_app_with, Backend, TestApp, TestUser};

both_backends!(
    anonymous,
    viewer,
    reviewer,
    editor,
    admin,
    other_teams_admin
);

// ---- the table ----

/// What a column must get for a row.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Exp {
    /// This status (for 303: to anywhere but the login page).
    Status(u16),
    /// 303 to exactly this address.
    To(&'static str),
    /// 303 to `/login?next=…`: sign in first.
    Login,
}

const OK: Exp = Exp::Status(200);
const SEE: Exp = Exp::Status(303);
const DENY: Exp = Exp::Status(403);
const NF: Exp = Exp::Status(404);
const CONFLICT: Exp = Exp::Status(409);
const LOGIN: Exp = Exp::Login;
const TO_CLAIMS: Exp = Exp::To("/claims");
const TO_LOGIN: Exp = Exp::To("/login");
/// The JSON API's answer without a live bearer token. It takes bearer tokens only: a session
/// cookie (with its CSRF token) is no credential (`browser_sessions_do_not_reach_the_api`).
const NO_TOKEN: Exp = Exp::Status(401);
const CREATED: Exp = Exp::Status(201);
/// A form that reached its handler and was refused for its content (here: a wrong code).
const UNPROCESSABLE: Exp = Exp::Status(422);
/// A link that no longer works (here: the invite's token is no password-reset token).
const GONE: Exp = Exp::Status(410);
/// A JSON field refused for its content (here: a link the fetcher will not follow).
const BAD_FIELD: Exp = Exp::Status(400);

/// The columns, in the order of `Row::expect`.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Column {
    Anonymous,
    Viewer,
    Reviewer,
    Editor,
    Admin,
    /// The admin of "Other Desk", sending the Desk's ids.
    OtherAdmin,
}

impl Column {
    fn index(self) -> usize {
        self as usize
    }
}

/// The fields a POST sends besides its CSRF token (see `Fixture::fields`).
#[derive(Clone, Copy, Debug)]
enum Form {
    Empty,
    Login,
    Setup,
    AcceptInvite,
    Article,
    /// Multipart, with a `.txt` file: sent by `Fixture::send` itself.
    Upload,
    /// A link to this machine: refused by the fetcher's default rules, so nothing is fetched.
    Link,
    /// A webhook endpoint on this machine: refused by the same rules, the form again (422).
    Webhook,
    /// A feed on this machine: refused by the same rules, the form again (422).
    Feed,
    ApiLink,
    MinScore,
    Passage,
    Attach,
    Bulk,
    SaveView,
    Assign,
    Transition,
    SecondReview,
    Edit,
    Tag,
    Comment,
    Citation,
    EditCitation,
    Derive,
    Role,
    Invite,
    TeamSettings,
    NewVerdict,
    ChangeVerdict,
    RetireVerdict,
    SwitchTeam,
    Email,
    Password,
    TokenName,
    /// Marks the member's notices read up to none (the fixture tells them nothing).
    ReadUpto,
    /// E-mail notices: assignments only.
    MailKinds,
    /// The code of the sign-in's second step (the matrix has no pending sign-in: CSRF refuses it).
    SecondFactorCode,
    /// The current code of the member's authenticator, read off the enrolment page.
    TotpConfirm,
    /// The next step's code (accepted with one step of skew, and newer than the confirming one).
    TotpNext,
    /// The member's password with a wrong code: switching two-factor sign-in off is refused.
    TotpDisableWrong,
    RequireTwoFactor,
    // JSON bodies of the API (`Fixture::json`).
    ApiArticle,
    ApiTransition,
    ApiAssign,
    ApiCitation,
    ApiComment,
}

struct Row {
    method: &'static str,
    /// The route's pattern exactly as `web::routes` spells it.
    path: &'static str,
    form: Form,
    /// Anonymous, viewer, reviewer, editor, admin, another team's admin.
    expect: [Exp; 6],
}

const fn get(path: &'static str, expect: [Exp; 6]) -> Row {
    Row {
        method: "GET",
        path,
        form: Form::Empty,
        expect,
    }
}

const fn post(path: &'static str, form: Form, expect: [Exp; 6]) -> Row {
    Row {
        method: "POST",
        path,
        form,
        expect,
    }
}

const fn delete(path: &'static str, expect: [Exp; 6]) -> Row {
    Row {
        method: "DELETE",
        path,
        form: Form::Empty,
        expect,
    }
}

/// An address no route matches: the default service's 404.
const NO_ROUTE: &str = "/no/such/page";

/// Anonymous, viewer, reviewer, editor, admin, another team's admin.
#[rustfmt::skip]
const MATRIX: &[Row] = &[
    // ---- public and anonymous pages ----
    get("/healthz",                      [OK, OK, OK, OK, OK, OK]),
    get("/",                             [TO_LOGIN, TO_CLAIMS, TO_CLAIMS, TO_CLAIMS, TO_CLAIMS, TO_CLAIMS]),
    get("/static/{file}",                [OK, OK, OK, OK, OK, OK]),
    // Readiness for load balancers: public, it says only whether the database answers.
    get("/readyz",                       [OK, OK, OK, OK, OK, OK]),
    get("/login",                        [OK, TO_CLAIMS, TO_CLAIMS, TO_CLAIMS, TO_CLAIMS, TO_CLAIMS]),
    // Without a pending second step (a cookie set by a right password), back to the password form.
    get("/login/two-factor",             [TO_LOGIN, TO_LOGIN, TO_LOGIN, TO_LOGIN, TO_LOGIN, TO_LOGIN]),
    // Without a usable setup token (and once users exist no token is usable).
    get("/setup",                        [NF, NF, NF, NF, NF, NF]),
    // The invite token is a secret link, not a team-scoped id: whoever holds it sees the invite.
    get("/invites/{token}",              [OK, OK, OK, OK, OK, OK]),
    get(NO_ROUTE,                        [NF, NF, NF, NF, NF, NF]),
    // Public pages of a published verdict: {claim_id} is the Desk's published claim here. (The
    // anonymous column checks that an unpublished claim answers 404 like a missing one.)
    get("/verdicts/{claim_id}",          [OK, OK, OK, OK, OK, OK]),
    get("/claims/{claim_id}/claimreview.json", [OK, OK, OK, OK, OK, OK]),
    // The team's public corrections log ({team_id} is the Desk): public, like its verdict pages.
    get("/corrections/{team_id}",        [OK, OK, OK, OK, OK, OK]),
    get("/corrections/{team_id}/feed.atom", [OK, OK, OK, OK, OK, OK]),
    get("/api/openapi.json",             [OK, OK, OK, OK, OK, OK]),
    // Password reset: the forms are public; {token} is not a reset token, so its page says so.
    get("/password/forgot",              [OK, OK, OK, OK, OK, OK]),
    get("/password/reset/{token}",       [GONE, GONE, GONE, GONE, GONE, GONE]),
    // The anonymous forms check their token against the pre-session cookie: the anonymous visitor
    // has none, and a member's session token is not a pre-session token, so all are refused and
    // nothing changes (the anonymous column shows the same forms succeed with a real token).
    post("/login", Form::Login,          [DENY, DENY, DENY, DENY, DENY, DENY]),
    post("/login/two-factor", Form::SecondFactorCode, [DENY, DENY, DENY, DENY, DENY, DENY]),
    post("/setup", Form::Setup,          [DENY, DENY, DENY, DENY, DENY, DENY]),
    post("/invites/{token}", Form::AcceptInvite, [DENY, DENY, DENY, DENY, DENY, DENY]),
    post("/password/forgot", Form::Email, [DENY, DENY, DENY, DENY, DENY, DENY]),
    post("/password/reset/{token}", Form::Password, [DENY, DENY, DENY, DENY, DENY, DENY]),
    // Joining is for the signed-in account the invite names; the fixture's invite names nobody here.
    post("/invites/{token}/join", Form::Empty, [LOGIN, DENY, DENY, DENY, DENY, DENY]),

    // ---- member pages ----
    get("/articles",                     [LOGIN, OK, OK, OK, OK, OK]),
    get("/articles/new",                 [LOGIN, DENY, OK, OK, OK, OK]),
    get("/articles/{article_id}",        [LOGIN, OK, OK, OK, OK, NF]),
    get("/claims",                       [LOGIN, OK, OK, OK, OK, OK]),
    get("/claims/{claim_id}",            [LOGIN, OK, OK, OK, OK, NF]),
    get("/team/members",                 [LOGIN, OK, OK, OK, OK, OK]),
    get("/team/members/{user_id}",       [LOGIN, OK, OK, OK, OK, NF]),
    // Confirmation pages: a preview for every member who can see the thing, the button only for
    // those who may take the step (the POST rows below decide who may).
    get("/claims/{claim_id}/publish",    [LOGIN, OK, OK, OK, OK, NF]),
    get("/claims/{claim_id}/citations/{citation_id}/delete", [LOGIN, OK, OK, OK, OK, NF]),
    get("/team/verdicts/{verdict_id}/retire", [LOGIN, OK, OK, OK, OK, NF]),
    get("/team/members/{user_id}/deactivate", [LOGIN, OK, OK, OK, OK, NF]),
    get("/team/settings",                [LOGIN, OK, OK, OK, OK, OK]),
    get("/account",                      [LOGIN, OK, OK, OK, OK, OK]),
    get("/account/two-factor",           [LOGIN, OK, OK, OK, OK, OK]),
    // Every member's own inbox and e-mail choices; the team's outbox is its admins'.
    get("/inbox",                        [LOGIN, OK, OK, OK, OK, OK]),
    get("/account/mail",                 [LOGIN, OK, OK, OK, OK, OK]),
    get("/team/outbox",                  [LOGIN, DENY, DENY, DENY, OK, OK]),
    get("/team/jobs",                    [LOGIN, DENY, DENY, DENY, OK, OK]),
    get("/team/webhooks",                [LOGIN, DENY, DENY, DENY, OK, OK]),
    // The watchlist is the editors' and admins'.
    get("/team/feeds",                   [LOGIN, DENY, DENY, OK, OK, OK]),
    // The fixture runs no job worker, so its citation has no archived copy: 404 for every member
    // as for a missing one (evidence.rs serves a real copy to members and refuses the rest).
    get("/claims/{claim_id}/citations/{citation_id}/snapshot", [LOGIN, NF, NF, NF, NF, NF]),
    post("/inbox/read", Form::ReadUpto,  [LOGIN, SEE, SEE, SEE, SEE, SEE]),
    post("/account/mail", Form::MailKinds, [LOGIN, SEE, SEE, SEE, SEE, SEE]),
    // Every member sees their own team's numbers (the other admin's hold none of the Desk's, checked
    // in `foreign_ids_answer_like_missing_ones`).
    get("/dashboard",                    [LOGIN, OK, OK, OK, OK, OK]),
    // Viewers may export; every member exports their own team (the other admin's CSV is checked
    // to hold none of the Desk's claims in `foreign_ids_answer_like_missing_ones`).
    get("/export/claims.csv",            [LOGIN, OK, OK, OK, OK, OK]),
    get("/export/claimreview.jsonl",     [LOGIN, OK, OK, OK, OK, OK]),

    // ---- articles and candidates (reviewers and up) ----
    // The other team's admin adds an article to their own team.
    post("/articles", Form::Article,     [LOGIN, DENY, SEE, SEE, SEE, SEE]),
    post("/articles/upload", Form::Upload, [LOGIN, DENY, SEE, SEE, SEE, SEE]),
    // The fetch reaches the fetcher's address rules (which refuse this machine) only for those
    // who may add articles.
    post("/articles/fetch", Form::Link,  [LOGIN, DENY, UNPROCESSABLE, UNPROCESSABLE, UNPROCESSABLE, UNPROCESSABLE]),
    // {candidate_id}: accept, reject and attach each take their own pending candidate.
    post("/articles/{article_id}/candidates/{candidate_id}/accept", Form::Empty,  [LOGIN, DENY, SEE, SEE, SEE, NF]),
    post("/articles/{article_id}/candidates/{candidate_id}/reject", Form::Empty,  [LOGIN, DENY, SEE, SEE, SEE, NF]),
    post("/articles/{article_id}/candidates/{candidate_id}/attach", Form::Attach, [LOGIN, DENY, SEE, SEE, SEE, NF]),
    post("/articles/{article_id}/accept-above", Form::MinScore, [LOGIN, DENY, SEE, SEE, SEE, NF]),
    post("/articles/{article_id}/claims", Form::Passage,        [LOGIN, DENY, SEE, SEE, SEE, NF]),
    // Restore takes the candidate the reject row rejected; "reject the rest" then rejects it again.
    post("/articles/{article_id}/candidates/{candidate_id}/restore", Form::Empty, [LOGIN, DENY, SEE, SEE, SEE, NF]),
    post("/articles/{article_id}/reject-rest", Form::Empty,      [LOGIN, DENY, SEE, SEE, SEE, NF]),

    // ---- the queue: bulk actions and saved views ----
    // A bulk selection naming another team's claim is skipped as "not found", exactly like a
    // missing id (409 with the skipped list), and nothing changes.
    post("/claims/bulk", Form::Bulk,     [LOGIN, DENY, OK, OK, OK, CONFLICT]),
    // Saved views are every member's own, viewers included.
    post("/claims/views", Form::SaveView, [LOGIN, SEE, SEE, SEE, SEE, SEE]),
    post("/claims/views/{view_id}/delete", Form::Empty, [LOGIN, SEE, SEE, SEE, SEE, NF]),

    // ---- a claim (reviewers and up; versions are the claim's current one) ----
    post("/claims/{claim_id}/assign", Form::Assign,         [LOGIN, DENY, SEE, SEE, SEE, NF]),
    post("/claims/{claim_id}/transition", Form::Transition, [LOGIN, DENY, SEE, SEE, SEE, NF]),
    // The Desk does not review blind: a second review is a conflict for those allowed to give one.
    post("/claims/{claim_id}/second-review", Form::SecondReview, [LOGIN, DENY, CONFLICT, CONFLICT, CONFLICT, NF]),
    post("/claims/{claim_id}/edit", Form::Edit,             [LOGIN, DENY, SEE, SEE, SEE, NF]),
    post("/claims/{claim_id}/tags", Form::Tag,              [LOGIN, DENY, SEE, SEE, SEE, NF]),
    post("/claims/{claim_id}/comments", Form::Comment,      [LOGIN, DENY, SEE, SEE, SEE, NF]),
    post("/claims/{claim_id}/citations", Form::Citation,    [LOGIN, DENY, SEE, SEE, SEE, NF]),
    post("/claims/{claim_id}/citations/{citation_id}", Form::EditCitation, [LOGIN, DENY, SEE, SEE, SEE, NF]),
    post("/claims/{claim_id}/citations/{citation_id}/delete", Form::Empty, [LOGIN, DENY, SEE, SEE, SEE, NF]),
    // {claim_id} is the "$80 million" claim, whose "doubled" implies an earlier value to derive.
    post("/claims/{claim_id}/derive", Form::Derive,         [LOGIN, DENY, SEE, SEE, SEE, NF]),

    // ---- the JSON API: the column member's bearer token, no cookies ----
    // {claim_id} and {citation_id} are a claim and a citation of their own for these rows.
    get("/api/v1/articles",              [NO_TOKEN, OK, OK, OK, OK, OK]),
    post("/api/v1/articles", Form::ApiArticle, [NO_TOKEN, DENY, CREATED, CREATED, CREATED, CREATED]),
    post("/api/v1/articles/fetch", Form::ApiLink, [NO_TOKEN, DENY, BAD_FIELD, BAD_FIELD, BAD_FIELD, BAD_FIELD]),
    get("/api/v1/articles/{article_id}", [NO_TOKEN, OK, OK, OK, OK, NF]),
    get("/api/v1/claims",                [NO_TOKEN, OK, OK, OK, OK, OK]),
    get("/api/v1/claims/{claim_id}",     [NO_TOKEN, OK, OK, OK, OK, NF]),
    post("/api/v1/claims/{claim_id}/assign", Form::ApiAssign,         [NO_TOKEN, DENY, OK, OK, OK, NF]),
    post("/api/v1/claims/{claim_id}/transition", Form::ApiTransition, [NO_TOKEN, DENY, OK, OK, OK, NF]),
    post("/api/v1/claims/{claim_id}/citations", Form::ApiCitation,    [NO_TOKEN, DENY, CREATED, CREATED, CREATED, NF]),
    post("/api/v1/claims/{claim_id}/comments", Form::ApiComment,      [NO_TOKEN, DENY, CREATED, CREATED, CREATED, NF]),
    get("/api/v1/claims/{claim_id}/comments/{comment_id}",            [NO_TOKEN, OK, OK, OK, OK, NF]),
    get("/api/v1/claims/{claim_id}/citations/{citation_id}",          [NO_TOKEN, OK, OK, OK, OK, NF]),
    delete("/api/v1/claims/{claim_id}/citations/{citation_id}",       [NO_TOKEN, DENY, OK, OK, OK, NF]),

    // ---- deleting an article (editors and admins) ----
    // After every row that needs {article_id}: the pending article is deleted here. Its claims
    // are all unverified (the workflow rows take the other article's claim), so it may go; its
    // candidate attached to that other claim goes with it.
    post("/articles/{article_id}/delete", Form::Empty, [LOGIN, DENY, DENY, SEE, SEE, NF]),

    // ---- members and invites (admins only) ----
    // {user_id} is the Desk's viewer: promoted, deactivated, reactivated.
    post("/team/members/{user_id}/role", Form::Role,        [LOGIN, DENY, DENY, DENY, SEE, NF]),
    post("/team/members/{user_id}/deactivate", Form::Empty, [LOGIN, DENY, DENY, DENY, SEE, NF]),
    post("/team/members/{user_id}/reactivate", Form::Empty, [LOGIN, DENY, DENY, DENY, SEE, NF]),
    // The link's page (200), shown once; the viewer is a member of the Desk alone.
    post("/team/members/{user_id}/reset-link", Form::Empty, [LOGIN, DENY, DENY, DENY, OK, NF]),
    // The invite page (200) shows the new link; the other admin invites to their own team.
    post("/team/invites", Form::Invite,                     [LOGIN, DENY, DENY, DENY, OK, OK]),
    post("/team/invites/{invite_id}/revoke", Form::Empty,   [LOGIN, DENY, DENY, DENY, SEE, NF]),

    // ---- two-factor sign-in (every member, for themselves; before the team switch, which needs
    // the admin's own) ----
    post("/account/two-factor/enrol", Form::Empty,          [LOGIN, SEE, SEE, SEE, SEE, SEE]),
    // The recovery codes page (200), shown once.
    post("/account/two-factor/confirm", Form::TotpConfirm,  [LOGIN, OK, OK, OK, OK, OK]),
    post("/account/two-factor/recovery-codes", Form::TotpNext, [LOGIN, OK, OK, OK, OK, OK]),
    post("/account/two-factor/disable", Form::TotpDisableWrong, [LOGIN, UNPROCESSABLE, UNPROCESSABLE, UNPROCESSABLE, UNPROCESSABLE, UNPROCESSABLE]),

    // ---- team settings and the verdict scale (admins only) ----
    // The other admin changes their own team.
    post("/team/settings", Form::TeamSettings,              [LOGIN, DENY, DENY, DENY, SEE, SEE]),
    // Admins reach the handler, which refuses an endpoint on this machine (the form again).
    post("/team/webhooks", Form::Webhook,                   [LOGIN, DENY, DENY, DENY, UNPROCESSABLE, UNPROCESSABLE]),
    post("/team/webhooks/{webhook_id}/delete", Form::Empty, [LOGIN, DENY, DENY, DENY, SEE, NF]),
    post("/team/feeds", Form::Feed,                         [LOGIN, DENY, DENY, UNPROCESSABLE, UNPROCESSABLE, UNPROCESSABLE]),
    post("/team/feeds/{feed_id}/delete", Form::Empty,       [LOGIN, DENY, DENY, SEE, SEE, NF]),
    // Requiring two-factor sign-in: the admins have switched on their own in the rows above.
    post("/team/settings/two-factor", Form::RequireTwoFactor, [LOGIN, DENY, DENY, DENY, SEE, SEE]),
    post("/team/verdicts", Form::NewVerdict,                [LOGIN, DENY, DENY, DENY, SEE, SEE]),
    post("/team/verdicts/{verdict_id}", Form::ChangeVerdict, [LOGIN, DENY, DENY, DENY, SEE, NF]),
    post("/team/verdicts/{verdict_id}/retire", Form::RetireVerdict, [LOGIN, DENY, DENY, DENY, SEE, NF]),

    // ---- my account (every member, for themselves); these end sessions, so they come last ----
    // The account page (200) shows the new API token once.
    post("/account/tokens", Form::TokenName,               [LOGIN, OK, OK, OK, OK, OK]),
    // {token_id}: the member's own spare API token; for the other admin, the Desk admin's.
    post("/account/tokens/{token_id}/revoke", Form::Empty, [LOGIN, SEE, SEE, SEE, SEE, NF]),
    // {session_id}: the member's own spare session; for the other admin, the Desk admin's.
    post("/account/sessions/{session_id}/end", Form::Empty, [LOGIN, SEE, SEE, SEE, SEE, NF]),
    post("/account/sessions/end-others", Form::Empty,      [LOGIN, SEE, SEE, SEE, SEE, SEE]),
    // team_id is the Desk's: the other admin is no member of it.
    post("/account/team", Form::SwitchTeam,                [LOGIN, SEE, SEE, SEE, SEE, NF]),
    post("/account/email", Form::Email,                    [LOGIN, SEE, SEE, SEE, SEE, SEE]),
    // The account page again (200) with "password changed".
    post("/account/password", Form::Password,              [LOGIN, OK, OK, OK, OK, OK]),
    post("/logout", Form::Empty,                           [LOGIN, TO_LOGIN, TO_LOGIN, TO_LOGIN, TO_LOGIN, TO_LOGIN]),
];

// ---- completeness ----

/// Every `.route("PATH", web::METHOD()` of the route table's source, as ("GET", "/path").
fn routes_in_source(source: &str) -> Vec<(String, String)> {
    let start = source
        .find("pub fn routes(")
        .expect("src/web/mod.rs has `pub fn routes(`");
    let body = &source[start..];
    let body = &body[..body.find("\n}\n").expect("`routes` ends")];
    // Routes registered any other way would escape this reader: make it learn them first.
    for other in [
        ".service(",
        ".configure(",
        "web::resource(",
        "web::scope(",
        ".method(",
    ] {
        assert!(
            !body.contains(other),
            "`routes` uses {other}: teach tests/api/matrix.rs `routes_in_source` to read it"
        );
    }
    let mut found = Vec::new();
    let mut rest = body;
    while let Some(at) = rest.find(".route(") {
        rest = &rest[at + ".route(".len()..];
        let literal = rest
            .trim_start()
            .strip_prefix('"')
            .expect(".route( starts with a string literal");
        let end = literal.find('"').expect("the path literal is closed");
        let path = &literal[..end];
        let after = literal[end + 1..]
            .trim_start()
            .strip_prefix(',')
            .expect("a comma after the path")
            .trim_start()
            .strip_prefix("web::")
            .expect("the method is web::METHOD()");
        let method: String = after
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .collect();
        found.push((method.to_ascii_uppercase(), path.to_owned()));
        rest = after;
    }
    found
}

#[test]
fn every_route_has_a_row() {
    let routes = routes_in_source(include_str!("../../src/web/mod.rs"));
    assert!(
        routes.len() >= 40 && routes.contains(&("GET".into(), "/healthz".into())),
        "the route table was not read: {routes:?}"
    );
    let rows: Vec<(String, String)> = MATRIX
        .iter()
        .map(|r| (r.method.to_owned(), r.path.to_owned()))
        .collect();
    let missing: Vec<_> = routes.iter().filter(|r| !rows.contains(r)).collect();
    assert!(
        missing.is_empty(),
        "routes without a row in tests/api/matrix.rs (add one with the status of every role): {missing:?}"
    );
    let stale: Vec<_> = rows
        .iter()
        .filter(|r| r.1 != NO_ROUTE && !routes.contains(r))
        .collect();
    assert!(
        stale.is_empty(),
        "rows for routes that web::routes does not have: {stale:?}"
    );
    let unique: BTreeSet<_> = rows.iter().collect();
    assert_eq!(unique.len(), rows.len(), "a route has two rows");
}

#[test]
fn the_route_reader_handles_formatted_and_one_line_routes() {
    let source = "pub fn routes(cfg: &mut web::ServiceConfig) {\n    cfg.route(\"/a\", web::get().to(a))\n        .route(\n            \"/b/{id}/c\",\n            web::post().to(b),\n        );\n}\n";
    assert_eq!(
        routes_in_source(source),
        vec![
            ("GET".to_owned(), "/a".to_owned()),
            ("POST".to_owned(), "/b/{id}/c".to_owned())
        ]
    );
}

// ---- the fixture ----

const ARTICLE_A: &str = "Coastal Guard Expands Patrols\n\nThe navy said on Monday it would send two frigates and more than 1,200 sailors to the northern strait. Officials doubled the patrol budget to $80 million (about 104 billion won), according to the ministry. The fleet has 35 ships in total.";

const ARTICLE_B: &str = "Harbor Budget Grows\n\nThe port authority said it will hire 240 dockworkers and buy 12 cranes this year. Cargo volume rose 18 percent to 4.5 million tonnes, the mayor said. Tolls will fall by $3 per truck, and 600 new parking spaces will open in 2027.";

/// A sentence of `ARTICLE_B`, for the passage row.
const PASSAGE: &str =
    "Tolls will fall by $3 per truck, and 600 new parking spaces will open in 2027.";

const NEW_PASSWORD: &str = "copper lighthouse matrix ledger";

struct Fixture {
    app: TestApp,
    column: Column,
    /// The column's member and their browser (none for the anonymous visitor).
    member: Option<(TestUser, reqwest::Client, String)>,
    team_name: &'static str,
    desk_id: i64,
    /// The article whose candidates are still pending.
    article_id: i64,
    candidates: Vec<i64>,
    claim_id: i64,
    citation_id: i64,
    /// A claim of its own for the API rows, and its citation.
    api_claim_id: i64,
    api_citation_id: i64,
    /// A comment on the API rows' claim.
    api_comment_id: i64,
    /// A published claim, for the public pages.
    published_claim_id: i64,
    /// The column member's API token (none for the anonymous visitor).
    api_token: Option<String>,
    /// The Desk's viewer.
    user_id: i64,
    invite_id: i64,
    invite_token: String,
    view_id: i64,
    session_id: i64,
    /// The API token the {token_id} row revokes (whose: as for {session_id}).
    token_id: i64,
    verdict_id: i64,
    /// The Desk's webhook endpoint.
    webhook_id: i64,
    /// A feed the Desk watches.
    feed_id: i64,
    /// The earlier value the claim's page offers to derive.
    derive_value: String,
    /// Another active verdict's key: the replacement when retiring, the second review's verdict.
    other_verdict_key: String,
    viewer: TestUser,
    /// The key of the column member's authenticator, once read off the enrolment page.
    totp_secret: std::sync::Mutex<Option<String>>,
}

async fn user_id_of(app: &TestApp, email: &str) -> i64 {
    let email = email.to_owned();
    app.with_db(move |conn| {
        schema::users::table
            .filter(schema::users::email.eq(email))
            .select(schema::users::id)
            .first::<i64>(conn)
            .unwrap()
    })
    .await
}

async fn team_id_of(app: &TestApp, name: &'static str) -> i64 {
    app.with_db(move |conn| {
        schema::teams::table
            .filter(schema::teams::name.eq(name))
            .select(schema::teams::id)
            .first::<i64>(conn)
            .unwrap()
    })
    .await
}

/// The id at the end of a `/articles/{id}` location.
fn id_in_location(response: &reqwest::Response) -> i64 {
    let location = response.headers()["location"].to_str().unwrap();
    location
        .trim_start_matches("/articles/")
        .split(['?', '#'])
        .next()
        .unwrap()
        .parse()
        .unwrap_or_else(|_| panic!("no article id in {location}"))
}

async fn must_see_other(response: reqwest::Response, what: &str) -> reqwest::Response {
    if response.status() != 303 {
        let status = response.status();
        panic!(
            "fixture: {what} answered {status}: {}",
            response.text().await.unwrap_or_default()
        );
    }
    response
}

impl Fixture {
    async fn build(backend: Backend, column: Column) -> Fixture {
        // With a server key, so two-factor enrolment works on PostgreSQL too.
        let app = spawn_app_with(backend, |settings| {
            settings.secret_key = Some(SecretKey::parse(&"5a".repeat(32)).unwrap());
        })
        .await;
        // The first member creates the team; the others join it concurrently.
        let admin = app.add_member("Desk", Role::Admin).await;
        let (viewer, reviewer, editor, other_admin) = tokio::join!(
            app.add_member("Desk", Role::Viewer),
            app.add_member("Desk", Role::Reviewer),
            app.add_member("Desk", Role::Editor),
            app.add_member("Other Desk", Role::Admin),
        );

        // The reviewer brings in two articles and accepts the first one's candidates.
        let r = app.signed_in(&reviewer).await;
        let csrf = app.csrf_of(&r).await;
        let post_article = |title: &'static str, body: &'static str| {
            let (app, r, csrf) = (&app, &r, &csrf);
            async move {
                let response = app
                    .post_form(
                        r,
                        "/articles",
                        &[
                            ("csrf_token", csrf.as_str()),
                            ("title", title),
                            ("publisher", "Harbor Times"),
                            ("body", body),
                        ],
                    )
                    .await;
                id_in_location(&must_see_other(response, "posting an article").await)
            }
        };
        let accepted = post_article("Patrols", ARTICLE_A).await;
        let pending = post_article("Harbor budget", ARTICLE_B).await;
        must_see_other(
            app.post_form(
                &r,
                &format!("/articles/{accepted}/accept-above"),
                &[("csrf_token", &csrf), ("min_score", "0.5")],
            )
            .await,
            "accept-above",
        )
        .await;
        let (claim_id, api_claim_id, published_claim_id, candidates) = app
            .with_db(move |conn| {
                use schema::{candidates, claims};
                let claim = claims::table
                    .filter(claims::article_id.eq(accepted))
                    .filter(claims::surface.eq("$80 million"))
                    .select(claims::id)
                    .first::<i64>(conn)
                    .expect("accept-above made the \"$80 million\" claim");
                let others = claims::table
                    .filter(claims::article_id.eq(accepted))
                    .filter(claims::id.ne(claim))
                    .order(claims::id)
                    .select(claims::id)
                    .load::<i64>(conn)
                    .unwrap();
                assert!(
                    others.len() >= 2,
                    "accept-above made three claims: {others:?}"
                );
                // Published as the workflow would leave it (the workflow itself is review.rs's).
                let verdict = schema::verdicts::table
                    .select(schema::verdicts::id)
                    .order(schema::verdicts::id)
                    .first::<i64>(conn)
                    .unwrap();
                let now = claimdesk::db::now();
                diesel::update(claims::table.find(others[1]))
                    .set((
                        claims::status.eq("published"),
                        claims::verdict_id.eq(Some(verdict)),
                        claims::rationale.eq(Some("The ministry's budget says so.")),
                        claims::verified_at.eq(Some(now)),
                        claims::published_at.eq(Some(now)),
                    ))
                    .execute(conn)
                    .unwrap();
                // Its publication, as a database from before publications were kept gets one.
                claimdesk::db::publications::backfill(conn).unwrap();
                let pending = candidates::table
                    .filter(candidates::article_id.eq(pending))
                    .filter(candidates::state.eq("pending"))
                    .order(candidates::id)
                    .select(candidates::id)
                    .load::<i64>(conn)
                    .unwrap();
                (claim, others[0], others[1], pending)
            })
            .await;
        assert!(
            candidates.len() >= 3,
            "the second article needs three pending candidates: {candidates:?}"
        );
        must_see_other(
            app.post_form(
                &r,
                &format!("/claims/{claim_id}/citations"),
                &[
                    ("csrf_token", csrf.as_str()),
                    ("url", "https://example.org/navy-budget"),
                    ("title", "Navy budget 2025"),
                    ("stance", "supports"),
                ],
            )
            .await,
            "adding a citation",
        )
        .await;
        let derive_value = {
            let page = app.get_html(&r, &format!("/claims/{claim_id}")).await;
            let form = page
                .find(&format!("action=\"/claims/{claim_id}/derive\""))
                .map(|at| &page[at..])
                .expect("the \"$80 million\" claim offers a derived claim");
            let marker = "name=\"value\" value=\"";
            let start = form.find(marker).expect("a value field") + marker.len();
            form[start..].split('"').next().unwrap().to_owned()
        };
        must_see_other(
            app.post_form(
                &r,
                &format!("/claims/{api_claim_id}/citations"),
                &[
                    ("csrf_token", csrf.as_str()),
                    ("url", "https://example.org/sailors"),
                    ("title", "Crew numbers"),
                    ("stance", "context"),
                ],
            )
            .await,
            "adding a citation",
        )
        .await;
        must_see_other(
            app.post_form(
                &r,
                &format!("/claims/{api_claim_id}/comments"),
                &[("csrf_token", csrf.as_str()), ("body", "Asked the navy.")],
            )
            .await,
            "adding a comment",
        )
        .await;
        let api_comment_id = app
            .with_db(move |conn| {
                schema::comments::table
                    .filter(schema::comments::claim_id.eq(api_claim_id))
                    .select(schema::comments::id)
                    .first::<i64>(conn)
                    .unwrap()
            })
            .await;
        let (citation_id, api_citation_id) = app
            .with_db(move |conn| {
                let of = |conn: &mut DbConn, claim: i64| {
                    schema::citations::table
                        .filter(schema::citations::claim_id.eq(claim))
                        .select(schema::citations::id)
                        .first::<i64>(conn)
                        .unwrap()
                };
                (of(conn, claim_id), of(conn, api_claim_id))
            })
            .await;

        let desk_id = team_id_of(&app, "Desk").await;
        let admin_id = user_id_of(&app, &admin.email).await;
        let user_id = user_id_of(&app, &viewer.email).await;

        // An open invite to the Desk.
        let invite_token = {
            let pool = app.pool.clone();
            let email = format!("invitee-{}@example.org", crate::helpers::random_hex(4));
            tokio::task::spawn_blocking(move || {
                accounts::create_invite(
                    &pool,
                    desk_id,
                    admin_id,
                    Email::parse(&email).unwrap(),
                    Role::Editor,
                )
            })
            .await
            .unwrap()
            .expect("an invite")
            .token
        };
        let invite_id = app
            .with_db(move |conn| {
                schema::invites::table
                    .filter(schema::invites::team_id.eq(desk_id))
                    .select(schema::invites::id)
                    .first::<i64>(conn)
                    .unwrap()
            })
            .await;

        // A webhook endpoint of the Desk (never delivered to: the fixture runs no job worker).
        let webhook_id = app
            .with_db(move |conn| {
                claimdesk::db::webhooks::insert(
                    conn,
                    &claimdesk::db::webhooks::NewWebhook {
                        team: claimdesk::domain::TeamId::new(desk_id),
                        url: "https://cms.example.org/hooks",
                        events: "claim.published",
                        secret_sealed: "not used by the matrix",
                        by: claimdesk::domain::UserId::new(admin_id),
                        at: claimdesk::db::now(),
                    },
                )
                .unwrap()
            })
            .await;

        // A feed the Desk watches (never polled: the fixture runs no job worker).
        let feed_id = app
            .with_db(move |conn| {
                claimdesk::db::feeds::insert(
                    conn,
                    &claimdesk::db::feeds::NewFeed {
                        team: claimdesk::domain::TeamId::new(desk_id),
                        url: "https://news.example.org/feed.xml",
                        title: "Example News",
                        by: claimdesk::domain::UserId::new(admin_id),
                        at: claimdesk::db::now(),
                    },
                )
                .unwrap()
            })
            .await;

        // The Desk's scale: the last verdict is renamed and retired, the first replaces it.
        let (verdict_id, other_verdict_key) = app
            .with_db(move |conn| {
                use schema::verdicts;
                let scale = verdicts::table
                    .filter(verdicts::team_id.eq(desk_id))
                    .filter(verdicts::retired.eq(false))
                    .order(verdicts::position)
                    .select((verdicts::id, verdicts::key))
                    .load::<(i64, String)>(conn)
                    .unwrap();
                assert!(scale.len() >= 2, "the default scale has verdicts");
                (scale[scale.len() - 1].0, scale[0].1.clone())
            })
            .await;

        // Whose spare session and saved view the {session_id} and {view_id} rows name.
        let (member, team_name) = match column {
            Column::Anonymous => (None, "Desk"),
            Column::Viewer => (Some(viewer.clone()), "Desk"),
            Column::Reviewer => (Some(reviewer.clone()), "Desk"),
            Column::Editor => (Some(editor.clone()), "Desk"),
            Column::Admin => (Some(admin.clone()), "Desk"),
            Column::OtherAdmin => (Some(other_admin.clone()), "Other Desk"),
        };
        let owner = match column {
            Column::Anonymous | Column::OtherAdmin => admin.clone(),
            _ => member.clone().unwrap(),
        };
        let owner_id = user_id_of(&app, &owner.email).await;
        let _spare = app.signed_in(&owner).await;
        let (session_id, view_id) = app
            .with_db(move |conn| {
                use schema::{saved_views, sessions};
                let session = sessions::table
                    .filter(sessions::user_id.eq(owner_id))
                    .order(sessions::id.desc())
                    .select(sessions::id)
                    .first::<i64>(conn)
                    .unwrap();
                claimdesk::db::claims::saved_views::insert_saved_view(
                    conn,
                    claimdesk::domain::TeamId::new(desk_id),
                    claimdesk::domain::UserId::new(owner_id),
                    "Unverified",
                    "/claims?status=unverified",
                )
                .unwrap();
                let view = saved_views::table
                    .filter(saved_views::user_id.eq(owner_id))
                    .order(saved_views::id.desc())
                    .select(saved_views::id)
                    .first::<i64>(conn)
                    .unwrap();
                (session, view)
            })
            .await;

        let token_id = app
            .with_db(move |conn| {
                let hash = claimdesk::auth::token_hash(&claimdesk::auth::new_token());
                claimdesk::db::tokens::insert(conn, owner_id, desk_id, "Matrix token", &hash)
                    .unwrap()
            })
            .await;

        let api_token = match &member {
            Some(user) => {
                let user_id = user_id_of(&app, &user.email).await;
                let team_id = team_id_of(&app, team_name).await;
                let token = claimdesk::auth::new_token();
                let hash = claimdesk::auth::token_hash(&token);
                app.with_db(move |conn| {
                    claimdesk::db::tokens::insert(conn, user_id, team_id, "Matrix script", &hash)
                        .unwrap()
                })
                .await;
                Some(token)
            }
            None => None,
        };
        let member = match member {
            Some(user) => {
                let client = app.signed_in(&user).await;
                let csrf = app.csrf_of(&client).await;
                // Another session for "end the others" to end.
                app.signed_in(&user).await;
                Some((user, client, csrf))
            }
            None => None,
        };
        Fixture {
            app,
            column,
            member,
            team_name,
            desk_id,
            article_id: pending,
            candidates,
            claim_id,
            api_claim_id,
            api_citation_id,
            api_comment_id,
            published_claim_id,
            api_token,
            derive_value,
            citation_id,
            user_id,
            invite_id,
            invite_token,
            view_id,
            session_id,
            token_id,
            verdict_id,
            webhook_id,
            feed_id,
            other_verdict_key,
            viewer,
            totp_secret: std::sync::Mutex::new(None),
        }
    }

    /// The column member's authenticator: the key shown on their enrolment page while it is
    /// pending (remembered, since the page stops showing it once confirmed).
    async fn authenticator(&self) -> Option<TOTP> {
        let known = self.totp_secret.lock().unwrap().clone();
        let secret = match known {
            Some(secret) => secret,
            None => {
                let (_, client, _) = self.member.as_ref()?;
                let page = self.app.get_html(client, "/account/two-factor").await;
                let marker = "<code id=\"totp-secret\" class=\"copy-field\">";
                let start = page.find(marker)? + marker.len();
                let secret = page[start..].split('<').next()?.to_owned();
                *self.totp_secret.lock().unwrap() = Some(secret.clone());
                secret
            }
        };
        TOTP::new(
            Algorithm::SHA1,
            6,
            1,
            30,
            Secret::Encoded(secret).to_bytes().ok()?,
            None,
            "matrix".into(),
        )
        .ok()
    }

    /// The member's code of the current step plus `ahead`, or a placeholder before enrolment.
    async fn totp_code(&self, ahead: u64) -> String {
        let step = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs()
            / 30;
        match self.authenticator().await {
            Some(totp) => totp.generate((step + ahead) * 30),
            None => "000000".to_owned(),
        }
    }

    /// A 6-digit string that is no code of the steps around now.
    async fn wrong_totp_code(&self) -> String {
        let mut valid = Vec::new();
        for ahead in 0..4 {
            valid.push(self.totp_code(ahead).await);
        }
        (0..)
            .map(|n| format!("{n:06}"))
            .find(|c| !valid.contains(c))
            .unwrap()
    }

    /// The row's path with the Desk's ids in place of its parameters.
    fn fill(&self, pattern: &str) -> String {
        let mut out = String::new();
        let mut rest = pattern;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let close = rest[open..].find('}').expect("a closed parameter") + open;
            let name = &rest[open + 1..close];
            let value = match name {
                "file" => "app.css".to_owned(),
                "token" => self.invite_token.clone(),
                "article_id" => self.article_id.to_string(),
                "candidate_id" => {
                    // Accept, reject and attach each need a candidate that is still pending.
                    let nth = if pattern.ends_with("/reject") || pattern.ends_with("/restore") {
                        1
                    } else if pattern.ends_with("/attach") {
                        2
                    } else {
                        0
                    };
                    self.candidates[nth].to_string()
                }
                "claim_id" if pattern.starts_with("/api/") => self.api_claim_id.to_string(),
                "claim_id"
                    if pattern.starts_with("/verdicts/")
                        || pattern.ends_with("/claimreview.json") =>
                {
                    self.published_claim_id.to_string()
                }
                "claim_id" => self.claim_id.to_string(),
                "citation_id" if pattern.starts_with("/api/") => self.api_citation_id.to_string(),
                "citation_id" => self.citation_id.to_string(),
                "comment_id" => self.api_comment_id.to_string(),
                "user_id" => self.user_id.to_string(),
                "invite_id" => self.invite_id.to_string(),
                "view_id" => self.view_id.to_string(),
                "session_id" => self.session_id.to_string(),
                "token_id" => self.token_id.to_string(),
                "verdict_id" => self.verdict_id.to_string(),
                "webhook_id" => self.webhook_id.to_string(),
                "feed_id" => self.feed_id.to_string(),
                "team_id" => self.desk_id.to_string(),
                other => panic!(
                    "tests/api/matrix.rs has no fixture id for {{{other}}} in {pattern}: add one to Fixture::fill"
                ),
            };
            out.push_str(&value);
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        out
    }

    fn member_password(&self) -> String {
        self.member.as_ref().map_or_else(
            || "no password".to_owned(),
            |(user, _, _)| user.password.clone(),
        )
    }

    async fn claim_version(&self) -> i64 {
        self.version_of(self.claim_id).await
    }

    async fn version_of(&self, claim_id: i64) -> i64 {
        self.app
            .with_db(move |conn| {
                schema::claims::table
                    .find(claim_id)
                    .select(schema::claims::version)
                    .first::<i64>(conn)
                    .unwrap()
            })
            .await
    }

    /// The fields of a valid request for a role that is allowed.
    async fn fields(&self, form: Form) -> Vec<(&'static str, String)> {
        let s = |v: &str| v.to_owned();
        let version = || async { self.claim_version().await.to_string() };
        match form {
            Form::Empty
            | Form::Upload
            | Form::ApiArticle
            | Form::ApiLink
            | Form::ApiTransition
            | Form::ApiAssign
            | Form::ApiCitation
            | Form::ApiComment => vec![],
            Form::TokenName => vec![("name", s("Matrix script"))],
            Form::ReadUpto => vec![("upto", s("0"))],
            Form::MailKinds => vec![("kind", s("assigned"))],
            Form::SecondFactorCode => vec![("code", s("000000"))],
            Form::TotpConfirm => vec![("code", self.totp_code(0).await)],
            Form::TotpNext => vec![("code", self.totp_code(1).await)],
            Form::TotpDisableWrong => vec![
                ("password", self.member_password()),
                ("code", self.wrong_totp_code().await),
            ],
            Form::RequireTwoFactor => vec![("require", s("on"))],
            Form::Login => vec![
                ("email", self.viewer.email.clone()),
                ("password", self.viewer.password.clone()),
            ],
            Form::Setup => vec![
                ("token", s("0000")),
                ("team", s("Matrix Desk")),
                ("name", s("Matrix Admin")),
                ("email", s("matrix-setup@example.org")),
                ("password", s(NEW_PASSWORD)),
            ],
            Form::AcceptInvite => vec![("name", s("Invited Person")), ("password", s(NEW_PASSWORD))],
            Form::Article => vec![
                ("title", s("Matrix article")),
                (
                    "body",
                    s("Budget Vote\n\nThe council approved 45 new buses and 3 depots for $120 million."),
                ),
            ],
            Form::Link => vec![("url", s("http://127.0.0.1:9/story"))],
            Form::Feed => vec![("url", s("http://127.0.0.1:9/feed.xml"))],
            Form::Webhook => vec![
                ("url", s("http://127.0.0.1:9/hook")),
                ("events", s("claim.published")),
            ],
            Form::MinScore => vec![("min_score", s("0.5"))],
            Form::Passage => vec![("quote", s(PASSAGE))],
            Form::Attach => vec![("claim_id", self.claim_id.to_string())],
            Form::Bulk => vec![
                ("claim", format!("{}:{}", self.claim_id, version().await)),
                ("action", s("assign_me")),
                ("back", s("/claims")),
            ],
            Form::SaveView => vec![
                ("name", s("Matrix view")),
                ("query", s("/claims?status=in_review")),
            ],
            Form::Assign => vec![("version", version().await), ("assignee", s("me"))],
            Form::Transition => vec![("version", version().await), ("action", s("start_review"))],
            Form::SecondReview => vec![
                ("version", version().await),
                ("verdict", self.other_verdict_key.clone()),
                ("rationale", s("The ministry's figures agree.")),
            ],
            Form::Edit => vec![
                ("version", version().await),
                ("statement", s("The fleet has 35 ships in total, the navy said.")),
                ("subject", s("fleet")),
                ("speaker", s("navy")),
            ],
            Form::Tag => vec![("tag", s("defence"))],
            Form::Comment => vec![("body", s("Checking with the ministry."))],
            Form::Citation => vec![
                ("url", s("https://example.org/fleet")),
                ("title", s("Fleet register")),
                ("stance", s("context")),
            ],
            Form::EditCitation => vec![
                ("url", s("https://example.org/navy-budget-revised")),
                ("title", s("Navy budget 2025, revised")),
                ("stance", s("refutes")),
            ],
            Form::Derive => vec![("value", self.derive_value.clone())],
            Form::Role => vec![("role", s("reviewer"))],
            Form::Invite => vec![
                (
                    "email",
                    format!("matrix-{}@example.org", crate::helpers::random_hex(4)),
                ),
                ("role", s("viewer")),
            ],
            Form::TeamSettings => vec![
                ("name", s(self.team_name)),
                ("org_url", s("https://desk.example.org")),
            ],
            Form::NewVerdict => vec![
                ("key", s("matrix_key")),
                ("label", s("Matrix verdict")),
                ("rating", s("3")),
            ],
            Form::ChangeVerdict => vec![("label", s("Renamed verdict")), ("rating", s("2"))],
            Form::RetireVerdict => vec![("replacement", self.other_verdict_key.clone())],
            Form::SwitchTeam => vec![("team_id", self.desk_id.to_string())],
            Form::Email => vec![
                (
                    "email",
                    format!("moved-{}@example.org", crate::helpers::random_hex(4)),
                ),
                ("current_password", self.member_password()),
            ],
            Form::Password => vec![
                ("current_password", self.member_password()),
                ("new_password", s(NEW_PASSWORD)),
            ],
        }
    }

    /// The JSON body of an API row.
    async fn json(&self, form: Form) -> Option<serde_json::Value> {
        use serde_json::json;
        let version = || self.version_of(self.api_claim_id);
        Some(match form {
            Form::ApiArticle => json!({
                "title": "Ferry plans",
                "body": "Ferry Plans\n\nThe ferry line will add 6 boats and 140 crew by 2026.",
            }),
            Form::ApiLink => json!({"url": "http://127.0.0.1:9/story"}),
            Form::ApiTransition => json!({"version": version().await, "action": "start_review"}),
            Form::ApiAssign => json!({"version": version().await, "assignee": "me"}),
            Form::ApiCitation => json!({
                "url": "https://example.org/crew",
                "title": "Crew register",
                "stance": "supports",
            }),
            Form::ApiComment => json!({"body": "Asked the navy for the crew list."}),
            _ => return None,
        })
    }

    /// An API row as a script sends it: no cookies, `token` as the bearer (none: no header).
    async fn send_api(&self, row: &Row, token: Option<&str>) -> reqwest::Response {
        let script = browser();
        let url = self.app.url(&self.fill(row.path));
        let mut request = match row.method {
            "GET" => script.get(url),
            "POST" => script.post(url),
            "DELETE" => script.delete(url),
            other => panic!("the matrix has no method {other}"),
        };
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = self.json(row.form).await {
            request = request.json(&body);
        }
        request.send().await.expect("the API answers")
    }

    /// Sends one row as this column; returns the response.
    async fn send(&self, row: &Row) -> reqwest::Response {
        if row.path.starts_with("/api/v1/") {
            return self.send_api(row, self.api_token.as_deref()).await;
        }
        let path = self.fill(row.path);
        // The anonymous visitor: a fresh browser every time, so no cookie from an earlier page.
        let anonymous = browser();
        let (client, csrf) = match &self.member {
            Some((_, client, csrf)) => (client, Some(csrf.clone())),
            None => (&anonymous, None),
        };
        match row.method {
            "GET" => self.app.get(client, &path).await,
            "POST" if matches!(row.form, Form::Upload) => {
                let mut form = reqwest::multipart::Form::new();
                if let Some(csrf) = csrf {
                    form = form.text("csrf_token", csrf);
                }
                let form = form.text("title", "Uploaded budget").part(
                    "file",
                    reqwest::multipart::Part::bytes(
                        b"Depot Plans\n\nThe city will build 4 depots for 90 buses.".to_vec(),
                    )
                    .file_name("depots.txt"),
                );
                client
                    .post(self.app.url(&path))
                    .header("Origin", &self.app.address)
                    .header("Sec-Fetch-Site", "same-origin")
                    .multipart(form)
                    .send()
                    .await
                    .expect("POST is answered")
            }
            "POST" => {
                let mut fields: Vec<(&str, String)> = Vec::new();
                if let Some(csrf) = csrf {
                    fields.push(("csrf_token", csrf));
                }
                fields.extend(self.fields(row.form).await);
                let fields: Vec<(&str, &str)> =
                    fields.iter().map(|(n, v)| (*n, v.as_str())).collect();
                self.app.post_form(client, &path, &fields).await
            }
            "DELETE" => client
                .delete(self.app.url(&path))
                .send()
                .await
                .expect("DELETE is answered"),
            other => panic!("the matrix has no method {other}"),
        }
    }
}

/// What must not change when a request is refused: every row count, and the columns requests can
/// change (claim versions, candidate states, roles, invites, the team, its verdicts, sessions).
fn fingerprint(conn: &mut DbConn) -> String {
    use schema::*;
    let claims = claims::table
        .select((
            claims::id,
            claims::team_id,
            claims::version,
            claims::status,
            claims::assignee_id,
            claims::statement,
        ))
        .order(claims::id)
        .load::<(i64, i64, i64, String, Option<i64>, String)>(conn)
        .unwrap();
    let candidates = candidates::table
        .select((candidates::id, candidates::state, candidates::claim_id))
        .order(candidates::id)
        .load::<(i64, String, Option<i64>)>(conn)
        .unwrap();
    let memberships = memberships::table
        .select((
            memberships::user_id,
            memberships::team_id,
            memberships::role,
            memberships::active,
        ))
        .order((memberships::user_id, memberships::team_id))
        .load::<(i64, i64, String, bool)>(conn)
        .unwrap();
    let users = users::table
        .select((users::id, users::email, users::password_hash, users::active))
        .order(users::id)
        .load::<(i64, String, String, bool)>(conn)
        .unwrap();
    let invites = invites::table
        .select((
            invites::id,
            invites::accepted_at.is_null(),
            invites::revoked_at.is_null(),
        ))
        .order(invites::id)
        .load::<(i64, bool, bool)>(conn)
        .unwrap();
    let teams = teams::table
        .select((teams::id, teams::name, teams::blind_review, teams::org_url))
        .order(teams::id)
        .load::<(i64, String, bool, Option<String>)>(conn)
        .unwrap();
    let verdicts = verdicts::table
        .select((
            verdicts::id,
            verdicts::key,
            verdicts::label,
            verdicts::rating,
            verdicts::retired,
        ))
        .order(verdicts::id)
        .load::<(i64, String, String, Option<i32>, bool)>(conn)
        .unwrap();
    let tokens = api_tokens::table
        .select((
            api_tokens::id,
            api_tokens::user_id,
            api_tokens::revoked_at.is_null(),
        ))
        .order(api_tokens::id)
        .load::<(i64, i64, bool)>(conn)
        .unwrap();
    let sessions = sessions::table
        .select((sessions::id, sessions::user_id, sessions::team_id))
        .order(sessions::id)
        .load::<(i64, i64, i64)>(conn)
        .unwrap();
    let two_factor = user_two_factor::table
        .select((
            user_two_factor::user_id,
            user_two_factor::enabled_at.is_not_null(),
            user_two_factor::last_used_step,
        ))
        .order(user_two_factor::user_id)
        .load::<(i64, bool, Option<i64>)>(conn)
        .unwrap();
    let required = team_two_factor::table
        .select(team_two_factor::team_id)
        .order(team_two_factor::team_id)
        .load::<i64>(conn)
        .unwrap();
    let counts = [
        two_factor_recovery_codes::table
            .count()
            .get_result::<i64>(conn)
            .unwrap(),
        two_factor_recovery_codes::table
            .filter(two_factor_recovery_codes::used_at.is_not_null())
            .count()
            .get_result::<i64>(conn)
            .unwrap(),
        two_factor_challenges::table
            .count()
            .get_result::<i64>(conn)
            .unwrap(),
        articles::table.count().get_result::<i64>(conn).unwrap(),
        citations::table.count().get_result::<i64>(conn).unwrap(),
        comments::table.count().get_result::<i64>(conn).unwrap(),
        claim_tags::table.count().get_result::<i64>(conn).unwrap(),
        reviews::table.count().get_result::<i64>(conn).unwrap(),
        saved_views::table.count().get_result::<i64>(conn).unwrap(),
        setup_tokens::table.count().get_result::<i64>(conn).unwrap(),
        events::table.count().get_result::<i64>(conn).unwrap(),
        notifications::table
            .filter(notifications::read_at.is_null())
            .count()
            .get_result::<i64>(conn)
            .unwrap(),
        mail_optouts::table.count().get_result::<i64>(conn).unwrap(),
        password_resets::table
            .count()
            .get_result::<i64>(conn)
            .unwrap(),
    ];
    format!(
        "claims {claims:?}\ncandidates {candidates:?}\nmemberships {memberships:?}\nusers {users:?}\ninvites {invites:?}\nteams {teams:?}\nverdicts {verdicts:?}\nsessions {sessions:?}\napi tokens {tokens:?}\ntwo-factor {two_factor:?}, required in teams {required:?}\nrecovery codes, used ones, pending second steps, articles, citations, comments, tags, reviews, views, setup tokens, events, unread notices, mail opt-outs, password resets: {counts:?}"
    )
}

/// Whether `response` is what `expect` says; a description of it when not.
async fn check(response: reqwest::Response, expect: Exp) -> Result<(), String> {
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let ok = match expect {
        Exp::Status(303) => status == 303 && !location.starts_with("/login?"),
        Exp::Status(code) => status == code,
        Exp::To(target) => status == 303 && location == target,
        Exp::Login => status == 303 && location.starts_with("/login?next="),
    };
    if ok {
        return Ok(());
    }
    let body = response.text().await.unwrap_or_default();
    let message = body
        .find("<main")
        .map_or(body.as_str(), |i| &body[i..])
        .chars()
        .take(300)
        .collect::<String>();
    Err(format!(
        "got {status}{}: {message}",
        if location.is_empty() {
            String::new()
        } else {
            format!(" to {location}")
        }
    ))
}

/// Runs every row of the matrix as `column` against a fixture of its own.
async fn run_column(backend: Backend, column: Column) {
    let fixture = Fixture::build(backend, column).await;
    let mut failures = Vec::new();
    // Checks of their own, while the column's session is still signed in (the last rows end it).
    match column {
        Column::Anonymous => {
            anonymous_forms_work_with_a_pre_session(&fixture, &mut failures).await;
            unpublished_claims_are_not_public(&fixture, &mut failures).await;
        }
        Column::OtherAdmin => {
            foreign_ids_answer_like_missing_ones(&fixture, &mut failures).await;
            browser_sessions_do_not_reach_the_api(&fixture, &mut failures).await;
        }
        Column::Admin => {
            csrf_is_checked_on_every_form(&fixture, &mut failures).await;
            browser_sessions_do_not_reach_the_api(&fixture, &mut failures).await;
        }
        _ => browser_sessions_do_not_reach_the_api(&fixture, &mut failures).await,
    }
    for row in MATRIX {
        let expect = row.expect[column.index()];
        let refused = matches!(
            expect,
            Exp::Login
                | Exp::Status(401)
                | Exp::Status(403)
                | Exp::Status(404)
                | Exp::Status(409)
                | Exp::Status(422)
        );
        let is_post = row.method != "GET";
        // A successful POST must change something, except switching to the team one is in and
        // marking read what is read already.
        let succeeds = is_post
            && matches!(
                expect,
                Exp::To(_) | Exp::Status(200) | Exp::Status(201) | Exp::Status(303)
            )
            && !matches!(row.form, Form::SwitchTeam | Form::ReadUpto);
        let unchanged = refused || !is_post;
        let before = fixture.app.with_db(fingerprint).await;
        let response = fixture.send(row).await;
        if let Err(got) = check(response, expect).await {
            failures.push(format!(
                "{:?} {} {}: expected {expect:?}, {got}",
                column, row.method, row.path
            ));
            continue;
        }
        let after = fixture.app.with_db(fingerprint).await;
        if succeeds && before == after {
            failures.push(format!(
                "{:?} {} {}: answered {expect:?} but changed nothing",
                column, row.method, row.path
            ));
        }
        if unchanged && before != after {
            failures.push(format!(
                "{:?} {} {}: answered {expect:?}, yet the database changed:\nbefore {before}\nafter  {after}",
                column, row.method, row.path
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows of the {:?} column failed:\n{}",
        failures.len(),
        MATRIX.len(),
        fixture.column,
        failures.join("\n")
    );
}

/// The 403s of the anonymous forms are about the token: with the pre-session token of the page,
/// signing in works.
async fn anonymous_forms_work_with_a_pre_session(fixture: &Fixture, failures: &mut Vec<String>) {
    let app = &fixture.app;
    let visitor = browser();
    let page = app.get_html(&visitor, "/login").await;
    let csrf = csrf_token_in(&page);
    let response = app
        .post_form(
            &visitor,
            "/login",
            &[
                ("csrf_token", &csrf),
                ("email", &fixture.viewer.email),
                ("password", &fixture.viewer.password),
            ],
        )
        .await;
    if let Err(got) = check(response, Exp::To("/claims")).await {
        failures.push(format!(
            "Anonymous POST /login with the page's token: expected 303 to /claims, {got}"
        ));
    }
}

/// Another team's ids answer exactly like ids that do not exist: same status, same page.
async fn foreign_ids_answer_like_missing_ones(fixture: &Fixture, failures: &mut Vec<String>) {
    let app = &fixture.app;
    let (_, client, csrf) = fixture.member.as_ref().unwrap();
    let missing = 987_654_321_i64;
    for (foreign, absent) in [
        (
            format!("/claims/{}", fixture.claim_id),
            format!("/claims/{missing}"),
        ),
        (
            format!("/articles/{}", fixture.article_id),
            format!("/articles/{missing}"),
        ),
        (
            format!("/team/members/{}", fixture.user_id),
            format!("/team/members/{missing}"),
        ),
    ] {
        let a = app.get(client, &foreign).await;
        let b = app.get(client, &absent).await;
        let (sa, sb) = (a.status(), b.status());
        let (ba, bb) = (a.text().await.unwrap(), b.text().await.unwrap());
        if sa != 404 || sb != 404 || ba != bb {
            failures.push(format!(
                "OtherAdmin GET {foreign} ({sa}) does not answer like GET {absent} ({sb}):\n{ba}\n---\n{bb}"
            ));
        }
    }
    // The export is the member's own team's: the Desk's viewer sees the Desk's claims in it, the
    // other team's admin none of them.
    let desk_viewer = app.signed_in(&fixture.viewer).await;
    let desk_csv = app.get_html(&desk_viewer, "/export/claims.csv").await;
    let other_csv = app.get_html(client, "/export/claims.csv").await;
    if !desk_csv.contains("patrol budget") || other_csv.contains("patrol budget") {
        failures.push(format!(
            "OtherAdmin GET /export/claims.csv is not scoped to the team:\nthe Desk's:\n{desk_csv}\nthe other team's:\n{other_csv}"
        ));
    }
    // So is the dashboard: the Desk's busiest article is on the Desk viewer's, not on the other's.
    let desk_dashboard = app.get_html(&desk_viewer, "/dashboard").await;
    let other_dashboard = app.get_html(client, "/dashboard").await;
    let desk_article = "<th scope=\"row\">Patrols</th>";
    if !desk_dashboard.contains(desk_article) || other_dashboard.contains(desk_article) {
        failures.push(format!(
            "OtherAdmin GET /dashboard is not scoped to the team:\nthe Desk's:\n{desk_dashboard}\nthe other team's:\n{other_dashboard}"
        ));
    }
    // The public feed, too, is the member's own team's.
    let published = format!("/verdicts/{}", fixture.published_claim_id);
    let desk_feed = app
        .get_html(&desk_viewer, "/export/claimreview.jsonl")
        .await;
    let other_feed = app.get_html(client, "/export/claimreview.jsonl").await;
    if !desk_feed.contains(&published) || other_feed.contains(&published) {
        failures.push(format!(
            "OtherAdmin GET /export/claimreview.jsonl is not scoped to the team:\nthe Desk's:\n{desk_feed}\nthe other team's:\n{other_feed}"
        ));
    }
    // And the API answers another team's claim exactly like a missing one.
    let token = fixture.api_token.as_deref().unwrap();
    let api_get = |path: String| async move {
        let response = browser()
            .get(app.url(&path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        (response.status(), response.text().await.unwrap())
    };
    let (sa, ba) = api_get(format!("/api/v1/claims/{}", fixture.claim_id)).await;
    let (sb, bb) = api_get(format!("/api/v1/claims/{missing}")).await;
    if sa != 404 || sb != 404 || ba != bb {
        failures.push(format!(
            "OtherAdmin GET /api/v1/claims/<Desk's> ({sa}: {ba}) does not answer like a missing claim ({sb}: {bb})"
        ));
    }
    let post = |path: String| async move {
        let response = app
            .post_form(
                client,
                &path,
                &[("csrf_token", csrf.as_str()), ("body", "A comment.")],
            )
            .await;
        (response.status(), response.text().await.unwrap())
    };
    let (sa, ba) = post(format!("/claims/{}/comments", fixture.claim_id)).await;
    let (sb, bb) = post(format!("/claims/{missing}/comments")).await;
    if sa != 404 || sb != 404 || ba != bb {
        failures.push(format!(
            "OtherAdmin POST a comment on the Desk's claim ({sa}) does not answer like one on a missing claim ({sb})"
        ));
    }
}

/// A claim that is not published has no public page: 404, like a claim that does not exist.
async fn unpublished_claims_are_not_public(fixture: &Fixture, failures: &mut Vec<String>) {
    let app = &fixture.app;
    let visitor = browser();
    for pattern in ["/verdicts/{}", "/claims/{}/claimreview.json"] {
        let unpublished = pattern.replace("{}", &fixture.claim_id.to_string());
        let missing = pattern.replace("{}", "987654321");
        let a = app.get(&visitor, &unpublished).await;
        let b = app.get(&visitor, &missing).await;
        let (sa, sb) = (a.status(), b.status());
        let (ba, bb) = (a.text().await.unwrap(), b.text().await.unwrap());
        if sa != 404 || sb != 404 || ba != bb {
            failures.push(format!(
                "Anonymous GET {unpublished} ({sa}) does not answer like GET {missing} ({sb}):\n{ba}"
            ));
        }
    }
}

/// What a forged request varies: its name, the token it sends, and a header it adds.
type CsrfVariant<'a> = (&'a str, Option<&'a str>, Option<(&'a str, &'a str)>);

/// Every state-changing form of a signed-in member, sent by the admin (who may do all of them) with
/// the token missing, wrong, or from another of the admin's sessions, and with the right token but a
/// cross-site `Origin` or `Sec-Fetch-Site`: 403 every time, and the database unchanged.
async fn csrf_is_checked_on_every_form(fixture: &Fixture, failures: &mut Vec<String>) {
    let app = &fixture.app;
    let Some((user, client, own_token)) = fixture.member.as_ref() else {
        return;
    };
    // Another session of the same admin: its token is valid, but not for this browser's session.
    let other_browser = app.signed_in(user).await;
    let other_token = app.csrf_of(&other_browser).await;
    assert_ne!(&other_token, own_token);
    let anonymous_forms = ["/login", "/login/two-factor", "/setup", "/invites/{token}"];
    for row in MATRIX.iter().filter(|r| {
        r.method == "POST" && !r.path.starts_with("/api/") && !anonymous_forms.contains(&r.path)
    }) {
        let path = fixture.fill(row.path);
        let wrong = "0".repeat(64);
        let variants: [CsrfVariant; 5] = [
            ("a missing token", None, None),
            ("a wrong token", Some(wrong.as_str()), None),
            ("another session's token", Some(other_token.as_str()), None),
            (
                "a cross-site Origin",
                Some(own_token.as_str()),
                Some(("Origin", "https://evil.example")),
            ),
            (
                "Sec-Fetch-Site: cross-site",
                Some(own_token.as_str()),
                Some(("Sec-Fetch-Site", "cross-site")),
            ),
        ];
        for (what, token, header) in variants {
            let before = app.with_db(fingerprint).await;
            let mut request = client.post(app.url(&path));
            if let Some((name, value)) = header {
                request = request.header(name, value);
            }
            let request = if matches!(row.form, Form::Upload) {
                let mut form = reqwest::multipart::Form::new();
                if let Some(token) = token {
                    form = form.text("csrf_token", token.to_owned());
                }
                request.multipart(
                    form.part(
                        "file",
                        reqwest::multipart::Part::bytes(
                            b"Depot Plans\n\nThe city will build 4 depots.".to_vec(),
                        )
                        .file_name("depots.txt"),
                    ),
                )
            } else {
                let mut fields: Vec<(&str, String)> = Vec::new();
                if let Some(token) = token {
                    fields.push(("csrf_token", token.to_owned()));
                }
                fields.extend(fixture.fields(row.form).await);
                request.form(&fields)
            };
            let response = request.send().await.expect("POST is answered");
            if response.status() != 403 {
                failures.push(format!(
                    "POST {} with {what}: expected 403, got {}",
                    row.path,
                    response.status()
                ));
            }
            if app.with_db(fingerprint).await != before {
                failures.push(format!(
                    "POST {} with {what} changed the database",
                    row.path
                ));
            }
        }
    }
}

/// The API takes bearer tokens only: every API row sent from the member's signed-in browser (its
/// session cookie, same-origin headers, no `Authorization`) is a 401 and changes nothing.
async fn browser_sessions_do_not_reach_the_api(fixture: &Fixture, failures: &mut Vec<String>) {
    let app = &fixture.app;
    let (_, client, _) = fixture.member.as_ref().unwrap();
    for row in MATRIX.iter().filter(|r| r.path.starts_with("/api/v1/")) {
        let url = app.url(&fixture.fill(row.path));
        let mut request = match row.method {
            "GET" => client.get(url),
            "POST" => client.post(url),
            "DELETE" => client.delete(url),
            other => panic!("the matrix has no method {other}"),
        }
        .header("Origin", &app.address)
        .header("Sec-Fetch-Site", "same-origin");
        if let Some(body) = fixture.json(row.form).await {
            request = request.json(&body);
        }
        let before = app.with_db(fingerprint).await;
        let response = request.send().await.expect("the API answers");
        if let Err(got) = check(response, NO_TOKEN).await {
            failures.push(format!(
                "{:?} {} {} with the browser's session cookie: expected 401, {got}",
                fixture.column, row.method, row.path
            ));
        }
        if app.with_db(fingerprint).await != before {
            failures.push(format!(
                "{:?} {} {} with the browser's session cookie changed the database",
                fixture.column, row.method, row.path
            ));
        }
    }
}

async fn anonymous(backend: Backend) {
    run_column(backend, Column::Anonymous).await
}

async fn viewer(backend: Backend) {
    run_column(backend, Column::Viewer).await
}

async fn reviewer(backend: Backend) {
    run_column(backend, Column::Reviewer).await
}

async fn editor(backend: Backend) {
    run_column(backend, Column::Editor).await
}

async fn admin(backend: Backend) {
    run_column(backend, Column::Admin).await
}

async fn other_teams_admin(backend: Backend) {
    run_column(backend, Column::OtherAdmin).await
}
