//! The dashboard (its numbers, team scope, date range and tables) and the claim page's links to its
//! neighbours that the keyboard shortcuts follow.

use claimdesk::domain::Role;

use crate::both_backends;
use crate::helpers::{spawn_app, Backend, TestApp};
use crate::review::{act, claim_ids, post_article};

both_backends!(
    the_dashboard_counts_claims_per_status_and_verdict_and_blind_agreement,
    the_dashboard_counts_only_the_members_own_team,
    the_date_range_narrows_the_counts_and_bad_dates_are_refused,
    every_chart_has_a_title_and_a_table_with_its_numbers,
    the_claim_page_links_the_previous_and_next_claims_of_the_queue,
    the_tallies_give_the_numbers_that_counting_the_claims_gives,
);

const ARTICLE: &str = "Coastal Guard Expands Patrols\n\nThe navy said on Monday it would send two frigates and more than 1,200 sailors to the northern strait. Officials doubled the patrol budget to $80 million (about 104 billion won), according to the ministry. The fleet has 35 ships in total.";

/// Posts the article as `client`, accepts its candidates and returns the new claims' ids.
async fn claims_from_article(app: &TestApp, client: &reqwest::Client, title: &str) -> Vec<i64> {
    claims_from(app, client, title, ARTICLE).await
}

const OTHER_ARTICLES: [&str; 2] = [
    "Harbour Works Delayed\n\nThe port authority said on Tuesday that 14 cranes and about 2,300 workers would stay idle until March. The repair bill rose to $42 million, according to the city council. Ships waited 9 days on average.",
    "Clinic Numbers Rise\n\nHealth officials reported 5,400 measles cases in three provinces last month, up 27 percent from a year earlier. The ministry said 610 nurses had been hired. Vaccination reached 71 percent of children.",
];

async fn claims_from(app: &TestApp, client: &reqwest::Client, title: &str, body: &str) -> Vec<i64> {
    let article = post_article(app, client, title, body).await;
    let csrf = app.csrf_of(client).await;
    let response = app
        .post_form(
            client,
            &format!("{article}/accept-above"),
            &[("csrf_token", &csrf), ("min_score", "0.5")],
        )
        .await;
    assert_eq!(response.status(), 303);
    let ids = claim_ids(&app.get_html(client, &article).await);
    assert!(ids.len() >= 3, "{ids:?}");
    ids
}

async fn make_desk_blind(app: &TestApp) {
    app.with_db(|conn| {
        use claimdesk::db::schema::teams;
        use diesel::prelude::*;
        diesel::update(teams::table.filter(teams::name.eq("Desk")))
            .set(teams::blind_review.eq(true))
            .execute(conn)
            .unwrap();
    })
    .await;
}

async fn second_review(app: &TestApp, client: &reqwest::Client, claim: i64, verdict: &str) {
    let page = app.get_html(client, &format!("/claims/{claim}")).await;
    let marker = "name=\"version\" value=\"";
    let start = page.find(marker).expect("a version field") + marker.len();
    let version = page[start..].split('"').next().unwrap().to_owned();
    let csrf = app.csrf_of(client).await;
    let response = app
        .post_form(
            client,
            &format!("/claims/{claim}/second-review"),
            &[
                ("csrf_token", &csrf),
                ("version", &version),
                ("verdict", verdict),
                ("rationale", "My own reading of the sources."),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
}

async fn propose(app: &TestApp, client: &reqwest::Client, claim: i64, verdict: &str) {
    crate::review::cite_once(app, client, claim).await;
    assert_eq!(
        act(app, client, claim, &[("action", "start_review")]).await,
        303
    );
    assert_eq!(
        act(
            app,
            client,
            claim,
            &[
                ("action", "propose"),
                ("verdict", verdict),
                ("rationale", "The ministry's budget says so.")
            ]
        )
        .await,
        303
    );
}

/// The part of the page from the table `table-{id}` to its end.
fn table<'a>(page: &'a str, id: &str) -> &'a str {
    let start = page
        .find(&format!("id=\"table-{id}\""))
        .unwrap_or_else(|| panic!("no table {id} in\n{page}"));
    let end = page[start..].find("</table>").expect("the table ends") + start;
    &page[start..end]
}

/// The cell after the row heading `label` in a table.
fn cell(table: &str, label: &str) -> String {
    let marker = format!("<th scope=\"row\">{label}</th><td>");
    let start = table
        .find(&marker)
        .unwrap_or_else(|| panic!("no row {label} in\n{table}"))
        + marker.len();
    table[start..].split("</td>").next().unwrap().to_owned()
}

fn status_counts(page: &str) -> Vec<String> {
    let statuses = table(page, "status");
    [
        "Unverified",
        "In review",
        "Awaiting approval",
        "Verified",
        "Published",
    ]
    .iter()
    .map(|label| cell(statuses, label))
    .collect()
}

async fn the_dashboard_counts_claims_per_status_and_verdict_and_blind_agreement(backend: Backend) {
    let app = spawn_app(backend).await;
    let proposer = app.add_member("Desk", Role::Reviewer).await;
    let second = app.add_member("Desk", Role::Reviewer).await;
    let editor = app.add_member("Desk", Role::Editor).await;
    let viewer = app.add_member("Desk", Role::Viewer).await;
    let p = app.signed_in(&proposer).await;
    let s = app.signed_in(&second).await;
    let e = app.signed_in(&editor).await;
    let v = app.signed_in(&viewer).await;
    make_desk_blind(&app).await;
    let ids = claims_from_article(&app, &p, "Patrols").await;
    let n = ids.len();

    // One claim verified after a blind second review that agreed…
    propose(&app, &p, ids[0], "true").await;
    second_review(&app, &s, ids[0], "true").await;
    assert_eq!(act(&app, &e, ids[0], &[("action", "approve")]).await, 303);
    // …and one sent back to review by a second review that disagreed.
    propose(&app, &p, ids[1], "false").await;
    second_review(&app, &s, ids[1], "true").await;

    let page = app.get_html(&v, "/dashboard").await;
    assert_eq!(
        status_counts(&page),
        [
            (n - 2).to_string(),
            "1".into(),
            "0".into(),
            "1".into(),
            "0".into()
        ],
        "{page}"
    );
    let verdicts = table(&page, "verdict");
    assert_eq!(cell(verdicts, "True"), "1");
    assert_eq!(cell(verdicts, "False"), "1");
    assert_eq!(cell(verdicts, "Misleading"), "0");

    // Pairs (true, true) and (false, true): observed 50 %, chance 50 %, kappa 0.
    let agreement = table(&page, "agreement");
    assert_eq!(cell(agreement, "Pairs"), "2");
    assert_eq!(cell(agreement, "Observed agreement"), "50%");
    assert_eq!(cell(agreement, "Cohen's kappa"), "0.00");

    // The verified claim counts for its proposer this week, with its time to verdict.
    let throughput = table(&page, "throughput");
    assert!(throughput.contains(&proposer.name), "{throughput}");
    assert!(page.contains("over 1 verified claims"), "{page}");
    assert!(page.contains("Median 0 minutes"), "{page}");
    let articles = table(&page, "articles");
    assert_eq!(cell(articles, "Patrols"), n.to_string());
}

async fn the_dashboard_counts_only_the_members_own_team(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let other = app.add_member("Other Desk", Role::Admin).await;
    let r = app.signed_in(&reviewer).await;
    let o = app.signed_in(&other).await;
    let desk = claims_from_article(&app, &r, "Patrols").await;
    let theirs = claims_from_article(&app, &o, "Their patrols").await;
    assert_eq!(
        act(&app, &r, desk[0], &[("action", "start_review")]).await,
        303
    );

    let page = app.get_html(&r, "/dashboard").await;
    let counts = status_counts(&page);
    assert_eq!(counts[0], (desk.len() - 1).to_string(), "{page}");
    assert_eq!(counts[1], "1");
    assert!(!table(&page, "articles").contains("Their patrols"));

    let page = app.get_html(&o, "/dashboard").await;
    let counts = status_counts(&page);
    assert_eq!(counts[0], theirs.len().to_string(), "{page}");
    assert_eq!(counts[1], "0");
    assert!(!table(&page, "articles").contains("<th scope=\"row\">Patrols</th>"));
}

async fn the_date_range_narrows_the_counts_and_bad_dates_are_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let r = app.signed_in(&reviewer).await;
    let ids = claims_from_article(&app, &r, "Patrols").await;
    let today = chrono::Utc::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();

    let page = app
        .get_html(&r, &format!("/dashboard?from={today}&to={today}"))
        .await;
    assert_eq!(status_counts(&page)[0], ids.len().to_string());
    assert!(page.contains(&format!("value=\"{today}\"")));

    let page = app
        .get_html(&r, "/dashboard?from=2000-01-01&to=2000-12-31")
        .await;
    assert_eq!(status_counts(&page)[0], "0", "{page}");
    assert!(!table(&page, "articles").contains("Patrols"));

    for (query, field) in [
        ("from=2026-02-30", "from"),
        ("to=next+week", "to"),
        ("from=2001-01-02&to=2001-01-01", "from"),
    ] {
        let response = app.get(&r, &format!("/dashboard?{query}")).await;
        assert_eq!(response.status(), 400, "{query}");
        let body = response.text().await.unwrap();
        assert!(body.contains(&format!("{field}: ")), "{query}: {body}");
    }
}

async fn every_chart_has_a_title_and_a_table_with_its_numbers(backend: Backend) {
    let app = spawn_app(backend).await;
    let viewer = app.add_member("Desk", Role::Viewer).await;
    let v = app.signed_in(&viewer).await;
    let page = app.get_html(&v, "/dashboard").await;
    let charts = [
        "status",
        "verdict",
        "throughput",
        "time-to-verdict",
        "agreement",
        "articles",
    ];
    assert_eq!(page.matches("<svg ").count(), charts.len());
    assert_eq!(page.matches("role=\"img\"").count(), charts.len());
    for id in charts {
        assert!(
            page.contains(&format!("aria-labelledby=\"chart-{id}-title\"")),
            "{id}"
        );
        assert!(
            page.contains(&format!("<title id=\"chart-{id}-title\">")),
            "{id}"
        );
        assert!(table(&page, id).contains("<caption"), "{id}");
    }
    assert!(page.contains("Not enough pairs"));
    assert!(!page.contains("style="), "the CSP allows no inline styles");
    assert!(page.contains("href=\"/dashboard\" aria-current=\"page\""));
    let anonymous = crate::helpers::browser();
    let response = app.get(&anonymous, "/dashboard").await;
    assert_eq!(response.status(), 303);
}

async fn the_claim_page_links_the_previous_and_next_claims_of_the_queue(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let other = app.add_member("Other Desk", Role::Admin).await;
    let r = app.signed_in(&reviewer).await;
    let o = app.signed_in(&other).await;
    claims_from_article(&app, &r, "Patrols").await;
    let theirs = claims_from_article(&app, &o, "Their patrols").await;
    // The queue's default order: score, then id, both descending.
    let queue = claim_ids(&app.get_html(&r, "/claims").await);
    assert!(queue.len() >= 3);
    let middle = app.get_html(&r, &format!("/claims/{}", queue[1])).await;
    assert!(
        middle.contains(&format!("<a href=\"/claims/{}\" rel=\"prev\">", queue[0])),
        "{middle}"
    );
    assert!(middle.contains(&format!("<a href=\"/claims/{}\" rel=\"next\">", queue[2])));
    let first = app.get_html(&r, &format!("/claims/{}", queue[0])).await;
    assert!(!first.contains("rel=\"prev\""));
    let last = app
        .get_html(&r, &format!("/claims/{}", queue[queue.len() - 1]))
        .await;
    assert!(
        !last.contains("rel=\"next\""),
        "another team's claims are no neighbours"
    );
    for id in theirs {
        assert!(!middle.contains(&format!("href=\"/claims/{id}\"")));
    }
    // From a filtered queue, the claim's address carries the filters and previous/next walk that
    // selection in its order: here newest first, the oldest claim left out by a score floor.
    let newest = app.get_html(&r, "/claims?sort=newest").await;
    let by_id = claim_ids(&newest);
    assert!(
        newest.contains(&format!("href=\"/claims/{}?sort=newest\"", by_id[1])),
        "{newest}"
    );
    let in_order = app
        .get_html(&r, &format!("/claims/{}?sort=newest", by_id[1]))
        .await;
    assert!(in_order.contains(&format!(
        "<a href=\"/claims/{}?sort=newest\" rel=\"prev\">",
        by_id[0]
    )));
    assert!(in_order.contains(&format!(
        "<a href=\"/claims/{}?sort=newest\" rel=\"next\">",
        by_id[2]
    )));
    let searched = app.get_html(&r, "/claims?q=frigates").await;
    let found = claim_ids(&searched);
    assert!(!found.is_empty() && found.len() < queue.len(), "{searched}");
    let first_match = app
        .get_html(&r, &format!("/claims/{}?q=frigates", found[0]))
        .await;
    assert!(!first_match.contains("rel=\"prev\""));
    let last_match = app
        .get_html(
            &r,
            &format!("/claims/{}?q=frigates", found[found.len() - 1]),
        )
        .await;
    assert!(
        !last_match.contains("rel=\"next\""),
        "the last match has no next claim in its selection"
    );
    if found.len() > 1 {
        assert!(first_match.contains(&format!(
            "<a href=\"/claims/{}?q=frigates\" rel=\"next\">",
            found[1]
        )));
    }
    assert_eq!(
        app.get(&r, &format!("/claims/{}?status=bogus", found[0]))
            .await
            .status(),
        400
    );
    // What the shortcuts need: the help dialog, the edit details, the queue rows' ids and versions.
    assert!(middle.contains("<dialog id=\"shortcuts\""));
    assert!(middle.contains("id=\"edit-details\""));
    let queue_page = app.get_html(&r, "/claims").await;
    assert!(queue_page.contains(&format!("data-claim=\"{}\" data-version=", queue[0])));
    assert!(queue_page.contains("id=\"assign-one\""));
}

/// The dashboard's figures as they were computed before the tallies, straight from the claims:
/// the reference the tallies are held to.
mod counted {
    use std::collections::BTreeMap;

    use chrono::{Datelike, NaiveDate, NaiveDateTime, SubsecRound};
    use claimdesk::db::dashboard::{Median, Range, VerifiedOn};
    use claimdesk::db::schema::{articles, claims, users};
    use claimdesk::db::DbConn;
    use diesel::dsl::count_star;
    use diesel::prelude::*;

    fn bounds(range: Range) -> (NaiveDateTime, NaiveDateTime) {
        let at = |day: NaiveDate| day.and_hms_opt(0, 0, 0).unwrap();
        (at(range.from), at(range.until))
    }

    /// A tally key: team, the tally's name, its first day (of the day or month), the rest of the
    /// key as text.
    type MonthKey = (i64, &'static str, NaiveDate, String);

    /// The claim and verdict-time day tallies added up by month (counts of zero left out).
    pub fn months_of_days(conn: &mut DbConn) -> BTreeMap<MonthKey, i64> {
        use claimdesk::db::schema::{claim_day_tallies as c, verdict_time_tallies as v};
        let month = |day: NaiveDate| day.with_day(1).unwrap();
        let mut sums = BTreeMap::new();
        let claims: Vec<(i64, NaiveDate, String, i64, i64)> = c::table
            .select((c::team_id, c::day, c::status, c::verdict_id, c::n))
            .load(conn)
            .unwrap();
        for (team, day, status, verdict, n) in claims {
            *sums
                .entry((team, "claims", month(day), format!("{status} {verdict}")))
                .or_default() += n;
        }
        let times: Vec<(i64, NaiveDate, i32, i64)> = v::table
            .select((v::team_id, v::day, v::bucket, v::n))
            .load(conn)
            .unwrap();
        for (team, day, bucket, n) in times {
            *sums
                .entry((team, "times", month(day), bucket.to_string()))
                .or_default() += n;
        }
        sums.retain(|_, n| *n != 0);
        sums
    }

    /// The month tallies as they are kept (counts of zero left out).
    pub fn month_rows(conn: &mut DbConn) -> BTreeMap<MonthKey, i64> {
        use claimdesk::db::schema::{claim_month_tallies as c, verdict_time_month_tallies as v};
        let mut rows = BTreeMap::new();
        let claims: Vec<(i64, NaiveDate, String, i64, i64)> = c::table
            .select((c::team_id, c::month, c::status, c::verdict_id, c::n))
            .load(conn)
            .unwrap();
        for (team, month, status, verdict, n) in claims {
            rows.insert((team, "claims", month, format!("{status} {verdict}")), n);
        }
        let times: Vec<(i64, NaiveDate, i32, i64)> = v::table
            .select((v::team_id, v::month, v::bucket, v::n))
            .load(conn)
            .unwrap();
        for (team, month, bucket, n) in times {
            rows.insert((team, "times", month, bucket.to_string()), n);
        }
        rows.retain(|_, n| *n != 0);
        rows
    }

    pub fn per_status(conn: &mut DbConn, team: i64, range: Range) -> Vec<(String, i64)> {
        let (from, until) = bounds(range);
        claims::table
            .filter(claims::team_id.eq(team))
            .filter(claims::status.ne("discarded"))
            .filter(claims::created_at.ge(from))
            .filter(claims::created_at.lt(until))
            .group_by(claims::status)
            .select((claims::status, count_star()))
            .order(claims::status)
            .load(conn)
            .unwrap()
    }

    pub fn per_verdict(conn: &mut DbConn, team: i64, viewer: i64, range: Range) -> Vec<(i64, i64)> {
        let (from, until) = bounds(range);
        let rows: Vec<(Option<i64>, i64)> = claims::table
            .filter(claims::team_id.eq(team))
            .filter(claims::status.ne("discarded"))
            .filter(claimdesk::db::claims::queue::verdict_visible(Some(
                claimdesk::domain::UserId::new(viewer),
            )))
            .filter(claims::created_at.ge(from))
            .filter(claims::created_at.lt(until))
            .filter(claims::verdict_id.is_not_null())
            .group_by(claims::verdict_id)
            .select((claims::verdict_id, count_star()))
            .order(claims::verdict_id)
            .load(conn)
            .unwrap();
        rows.into_iter().map(|(id, n)| (id.unwrap(), n)).collect()
    }

    pub fn verified(conn: &mut DbConn, team: i64, range: Range) -> Vec<VerifiedOn> {
        let (from, until) = bounds(range);
        let rows: Vec<(Option<String>, Option<NaiveDateTime>)> = claims::table
            .left_join(users::table.on(users::id.nullable().eq(claims::proposed_by)))
            .filter(claims::team_id.eq(team))
            .filter(claims::verified_at.ge(from))
            .filter(claims::verified_at.lt(until))
            .select((users::name.nullable(), claims::verified_at))
            .load(conn)
            .unwrap();
        let mut days: Vec<VerifiedOn> = Vec::new();
        for (reviewer, at) in rows {
            let day = at.unwrap().date();
            match days
                .iter_mut()
                .find(|v| v.day == day && v.reviewer == reviewer)
            {
                Some(v) => v.claims += 1,
                None => days.push(VerifiedOn {
                    day,
                    reviewer,
                    claims: 1,
                }),
            }
        }
        days.sort_by(|a, b| (a.day, &a.reviewer).cmp(&(b.day, &b.reviewer)));
        days
    }

    pub fn times(conn: &mut DbConn, team: i64, range: Range) -> Vec<(NaiveDate, i64)> {
        let (from, until) = bounds(range);
        let rows: Vec<(NaiveDateTime, Option<NaiveDateTime>)> = claims::table
            .filter(claims::team_id.eq(team))
            .filter(claims::verified_at.ge(from))
            .filter(claims::verified_at.lt(until))
            .select((claims::created_at, claims::verified_at))
            .load(conn)
            .unwrap();
        let mut times: Vec<(NaiveDate, i64)> = rows
            .into_iter()
            .map(|(created, verified)| {
                let verified = verified.unwrap();
                let seconds = (verified.trunc_subsecs(0) - created.trunc_subsecs(0)).num_seconds();
                // A verdict stamped before its claim (a clock set back) counts as no time.
                (verified.date(), seconds.max(0))
            })
            .collect();
        times.sort();
        times
    }

    /// The count and median of the (day verified, seconds) times of the days `[from, until)`.
    pub fn median(times: &[(NaiveDate, i64)], from: NaiveDate, until: NaiveDate) -> Median {
        let mut seconds: Vec<i64> = times
            .iter()
            .filter(|(day, _)| (from..until).contains(day))
            .map(|(_, s)| *s)
            .collect();
        seconds.sort_unstable();
        let n = seconds.len();
        Median {
            verified: n,
            seconds: (n > 0).then(|| (seconds[(n - 1) / 2] + seconds[n / 2]) as f64 / 2.0),
        }
    }

    pub fn busiest(conn: &mut DbConn, team: i64, range: Range) -> Vec<(i64, String, i64)> {
        let (from, until) = bounds(range);
        claims::table
            .inner_join(articles::table)
            .filter(claims::team_id.eq(team))
            .filter(claims::status.ne("discarded"))
            .filter(articles::team_id.eq(team))
            .filter(claims::created_at.ge(from))
            .filter(claims::created_at.lt(until))
            .group_by((articles::id, articles::title))
            .select((articles::id, articles::title, count_star()))
            .order((count_star().desc(), articles::id.asc()))
            .limit(10)
            .load(conn)
            .unwrap()
    }
}

/// Every figure the tallies give equals the count over the claims, for ranges of one day, of the
/// past, of nothing and of a year, and for a viewer who proposed a sealed verdict and one who did
/// not; after the desk's own writes, after statements that move many claims at once (PostgreSQL's
/// triggers see a statement whole) and after an article is deleted with its claims.
async fn the_tallies_give_the_numbers_that_counting_the_claims_gives(backend: Backend) {
    use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeDelta};
    use claimdesk::db::dashboard::{self, Range};
    use claimdesk::db::schema::{articles, claims, teams, users, verdicts};
    use claimdesk::domain::{TeamId, UserId};
    use diesel::prelude::*;

    let app = spawn_app(backend).await;
    let proposer = app.add_member("Desk", Role::Reviewer).await;
    let second = app.add_member("Desk", Role::Reviewer).await;
    let editor = app.add_member("Desk", Role::Editor).await;
    let p = app.signed_in(&proposer).await;
    let s = app.signed_in(&second).await;
    let e = app.signed_in(&editor).await;
    make_desk_blind(&app).await;
    let first = claims_from_article(&app, &p, "Patrols").await;
    let later = claims_from(&app, &p, "Harbour", OTHER_ARTICLES[0]).await;
    let third = claims_from(&app, &p, "Clinics", OTHER_ARTICLES[1]).await;
    // Verified after an agreeing blind second review; another sealed, waiting for its second.
    propose(&app, &p, first[0], "true").await;
    second_review(&app, &s, first[0], "true").await;
    assert_eq!(act(&app, &e, first[0], &[("action", "approve")]).await, 303);
    propose(&app, &p, first[1], "false").await;

    let emails = [proposer.email.clone(), second.email.clone()];
    let (team, viewers, verdict_ids) = app
        .with_db(move |conn| {
            let team: i64 = teams::table
                .filter(teams::name.eq("Desk"))
                .select(teams::id)
                .first(conn)
                .unwrap();
            let viewers: Vec<i64> = emails
                .iter()
                .map(|email| {
                    users::table
                        .filter(users::email.eq(email))
                        .select(users::id)
                        .first(conn)
                        .unwrap()
                })
                .collect();
            let verdict_ids: Vec<i64> = verdicts::table
                .filter(verdicts::team_id.eq(team))
                .order(verdicts::id)
                .select(verdicts::id)
                .load(conn)
                .unwrap();
            (team, viewers, verdict_ids)
        })
        .await;

    let compare = |moment: &'static str| {
        let viewers = viewers.clone();
        app.with_db(move |conn| {
            // Each month tally is its days' tallies added up.
            assert_eq!(
                counted::months_of_days(conn),
                counted::month_rows(conn),
                "{moment}: month tallies"
            );
            let today = chrono::Utc::now().date_naive();
            let day = |back: i64| today - TimeDelta::days(back);
            // The month of the claims moved 40 days back, whole: read from the month tallies
            // alone (the year reads them beside the days at either end).
            let month = day(40).with_day(1).unwrap();
            let ranges = [
                Range::days(today, today),
                Range::days(day(1), day(1)),
                Range::days(day(45), day(35)),
                Range::days(day(400), today),
                Range {
                    from: month,
                    until: month.checked_add_months(chrono::Months::new(1)).unwrap(),
                },
            ];
            let desk = TeamId::new(team);
            for range in ranges {
                for viewer in &viewers {
                    let counts =
                        dashboard::claim_counts(conn, desk, UserId::new(*viewer), range).unwrap();
                    assert_eq!(
                        counts.per_status,
                        counted::per_status(conn, team, range),
                        "{moment}: {range:?}"
                    );
                    assert_eq!(
                        counts.per_verdict,
                        counted::per_verdict(conn, team, *viewer, range),
                        "{moment}: {range:?} seen by {viewer}"
                    );
                }
                let mut verified = dashboard::verified_per_day(conn, desk, range).unwrap();
                verified.sort_by(|a, b| (a.day, &a.reviewer).cmp(&(b.day, &b.reviewer)));
                assert_eq!(verified, counted::verified(conn, team, range), "{moment}");
                // The medians of the range and of its weeks (the last cut short), found through
                // the tallied buckets, are those of every time sorted.
                let times = counted::times(conn, team, range);
                let mut weeks = Vec::new();
                let mut end = range.until;
                while end > range.from {
                    let start = (end - TimeDelta::days(7)).max(range.from);
                    weeks.push((start, end));
                    end = start;
                }
                let medians = dashboard::verdict_medians(conn, desk, range, &weeks).unwrap();
                let expected =
                    |from: NaiveDate, until: NaiveDate| counted::median(&times, from, until);
                assert_eq!(
                    medians.overall,
                    expected(range.from, range.until),
                    "{moment}: {range:?}"
                );
                for ((from, until), median) in weeks.iter().zip(&medians.spans) {
                    assert_eq!(
                        *median,
                        expected(*from, *until),
                        "{moment}: {from}..{until}"
                    );
                }
                // As the page asks: the last weeks alone, the days before them added up by
                // bucket (whole months from the month tallies); and no weeks at all.
                for recent in [&weeks[..weeks.len().min(2)], &[]] {
                    let medians = dashboard::verdict_medians(conn, desk, range, recent).unwrap();
                    assert_eq!(
                        medians.overall,
                        expected(range.from, range.until),
                        "{moment}: {range:?} with {} weeks",
                        recent.len()
                    );
                }
                // both ways to the busiest articles give the counted list
                for way in [dashboard::Busiest::AddUp, dashboard::Busiest::ByTotal] {
                    for limit in [1, 10] {
                        let mut expected = counted::busiest(conn, team, range);
                        expected.truncate(limit as usize);
                        assert_eq!(
                            dashboard::busiest_articles_by(conn, desk, range, limit, way).unwrap(),
                            expected,
                            "{moment}: {range:?} {way:?} top {limit}"
                        );
                    }
                }
            }
        })
    };
    compare("after the desk's own writes").await;

    let (proposer_id, verdict) = (viewers[0], verdict_ids[1]);
    let (moved, rest) = (later.clone(), third.clone());
    app.with_db(move |conn| {
        let past = |days: i64, extra_ms: i64| {
            chrono::Utc::now().naive_utc() - TimeDelta::days(days)
                + TimeDelta::milliseconds(extra_ms)
        };
        let created: NaiveDateTime = past(40, 900);
        // Several claims moved to another day, verified with a verdict, in single statements.
        diesel::update(claims::table.filter(claims::id.eq_any(&moved[..2])))
            .set(claims::created_at.eq(created))
            .execute(conn)
            .unwrap();
        diesel::update(claims::table.filter(claims::id.eq_any(&moved)))
            .set((
                claims::status.eq("verified"),
                claims::verdict_id.eq(Some(verdict)),
                claims::proposed_by.eq(Some(proposer_id)),
                claims::verified_at.eq(Some(created + TimeDelta::milliseconds(11_107_300))),
            ))
            .execute(conn)
            .unwrap();
        // One back out of verification, one discarded, one without its article, one whose
        // verdict is taken away: each keyed column changed on its own.
        diesel::update(claims::table.filter(claims::id.eq(moved[0])))
            .set((
                claims::status.eq("in_review"),
                claims::verified_at.eq(None::<NaiveDateTime>),
            ))
            .execute(conn)
            .unwrap();
        diesel::update(claims::table.filter(claims::id.eq(rest[0])))
            .set((
                claims::status.eq("discarded"),
                claims::discard_reason.eq(Some("duplicate")),
            ))
            .execute(conn)
            .unwrap();
        diesel::update(claims::table.filter(claims::id.eq(rest[1])))
            .set(claims::article_id.eq(None::<i64>))
            .execute(conn)
            .unwrap();
        diesel::update(claims::table.filter(claims::id.eq(moved[1])))
            .set(claims::verdict_id.eq(None::<i64>))
            .execute(conn)
            .unwrap();
        // A statement that changes no keyed column moves nothing.
        diesel::update(claims::table.filter(claims::team_id.eq(team)))
            .set(claims::score.eq(claims::score + 0.0))
            .execute(conn)
            .unwrap();
    })
    .await;
    compare("after statements that move many claims").await;

    // Times to verdict on both sides of the buckets' edges (a quarter hour, an hour, 12 hours, a
    // week, 30 days), verified in different weeks, and one stamped before its claim: as many
    // rounds as it takes the claims at hand to cover every gap, each compared.
    const GAPS: [i64; 12] = [
        899, 900, 3_599, 3_600, 43_199, 43_200, 172_800, 604_799, 604_800, 2_591_999, 2_592_000,
        -100,
    ];
    let spread: Vec<i64> = first[2..].iter().chain(&third[2..]).copied().collect();
    assert!(spread.len() >= 3, "{spread:?}");
    for (round, gaps) in GAPS.chunks(spread.len()).enumerate() {
        let (spread, gaps) = (spread.clone(), gaps.to_vec());
        app.with_db(move |conn| {
            let now = chrono::Utc::now().naive_utc();
            for (i, (id, gap)) in spread.iter().zip(&gaps).enumerate() {
                let verified =
                    now - TimeDelta::days(9 * ((i + round) as i64 % 3)) - TimeDelta::hours(1);
                let created = verified - TimeDelta::seconds(*gap);
                diesel::update(claims::table.filter(claims::id.eq(id)))
                    .set((
                        claims::created_at.eq(created),
                        claims::verified_at.eq(Some(verified)),
                    ))
                    .execute(conn)
                    .unwrap();
            }
        })
        .await;
        compare("after verdicts that took from seconds to a month").await;
    }

    app.with_db(move |conn| {
        let id: i64 = articles::table
            .filter(articles::title.eq("Clinics"))
            .select(articles::id)
            .first(conn)
            .unwrap();
        let row = claimdesk::db::articles::get(
            conn,
            TeamId::new(team),
            claimdesk::domain::ArticleId::new(id),
        )
        .unwrap()
        .unwrap();
        claimdesk::db::removal::delete_article(conn, &row).unwrap();
    })
    .await;
    compare("after an article is deleted with its claims").await;

    // The migration counts what is already there when it creates the tallies: undone and done
    // again over these claims, it gives the same numbers.
    app.with_db(move |conn| {
        use diesel::connection::SimpleConnection;
        macro_rules! migration {
            ($backend:literal, $name:literal) => {
                [
                    include_str!(concat!(
                        "../../migrations/",
                        $backend,
                        "/",
                        $name,
                        "/down.sql"
                    )),
                    include_str!(concat!(
                        "../../migrations/",
                        $backend,
                        "/",
                        $name,
                        "/up.sql"
                    )),
                ]
            };
        }
        let [[tallies_down, tallies_up], [times_down, times_up], [articles_down, articles_up], [months_down, months_up]] =
            match conn {
                claimdesk::db::DbConn::Sqlite(_) => [
                    migration!("sqlite", "2026-12-12-000100_dashboard_tallies"),
                    migration!("sqlite", "2026-12-13-000110_verdict_time_tallies"),
                    migration!("sqlite", "2026-12-14-000120_article_tallies"),
                    migration!("sqlite", "2026-12-18-000160_month_tallies"),
                ],
                claimdesk::db::DbConn::Postgres(_) => [
                    migration!("postgres", "2026-12-12-000100_dashboard_tallies"),
                    migration!("postgres", "2026-12-13-000110_verdict_time_tallies"),
                    migration!("postgres", "2026-12-14-000120_article_tallies"),
                    migration!("postgres", "2026-12-18-000160_month_tallies"),
                ],
            };
        let cycle = [
            months_down,
            articles_down,
            times_down,
            tallies_down,
            tallies_up,
            times_up,
            articles_up,
            months_up,
        ];
        for sql in cycle {
            conn.batch_execute(sql).unwrap();
        }
    })
    .await;
    compare("after the tallies are counted again by their migration").await;
}
