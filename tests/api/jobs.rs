//! The job queue on both backends: asking twice for one piece of work makes one job; a job is
//! leased, not taken, so one whose worker died is run again when its lease ends; workers of
//! several instances take disjoint jobs (on PostgreSQL while the other still holds its lease in
//! an open transaction: `SKIP LOCKED`, no waiting); the team's admins see the queue.

use std::sync::{Arc, Barrier};
use std::time::Duration;

use chrono::TimeDelta;
use claimdesk::config::DatabaseUrl;
use claimdesk::db::{self, jobs};
use claimdesk::domain::Role;

use crate::both_backends;
use crate::helpers::{spawn_app, Backend};

both_backends!(
    asking_twice_for_one_piece_of_work_makes_one_job,
    a_job_whose_worker_died_runs_again_when_its_lease_ends,
    two_workers_take_disjoint_jobs,
    admins_see_the_queue_and_the_vault_on_the_jobs_page,
);

const KIND: &str = "citation.recheck";

async fn asking_twice_for_one_piece_of_work_makes_one_job(backend: Backend) {
    let app = spawn_app(backend).await;
    let open = app
        .with_db(|conn| {
            let now = db::now();
            jobs::enqueue(conn, None, KIND, 7, now).unwrap();
            jobs::enqueue(conn, None, KIND, 7, now).unwrap();
            jobs::enqueue(conn, None, "citation.archive", 7, now).unwrap();
            let leased = db::write(conn, |tx| {
                jobs::lease_due(tx, now, TimeDelta::minutes(5), 10)
            })
            .unwrap();
            assert_eq!(leased.len(), 2, "one job per kind and subject");
            // While it is open (leased, running), asking again still adds nothing…
            jobs::enqueue(conn, None, KIND, 7, now).unwrap();
            let first = leased.iter().find(|j| j.kind == KIND).unwrap().id;
            jobs::mark_done(conn, first, now).unwrap();
            // …once it is done, the next request is a new job.
            jobs::enqueue(conn, None, KIND, 7, now).unwrap();
            jobs::open_among(conn, &[KIND], &[7]).unwrap()
        })
        .await;
    assert_eq!(open, 1);
}

async fn a_job_whose_worker_died_runs_again_when_its_lease_ends(backend: Backend) {
    let app = spawn_app(backend).await;
    app.with_db(|conn| {
        let now = db::now();
        jobs::enqueue(conn, None, KIND, 1, now).unwrap();
        let lease = TimeDelta::minutes(5);
        let first = db::write(conn, |tx| jobs::lease_due(tx, now, lease, 10)).unwrap();
        assert_eq!(first.len(), 1);
        assert_eq!(first[0].attempts, 1);
        // The worker is killed: nothing marks the job. Another worker does not take it while the
        // lease runs…
        let during = db::write(conn, |tx| {
            jobs::lease_due(tx, now + TimeDelta::minutes(4), lease, 10)
        })
        .unwrap();
        assert!(during.is_empty());
        // …and does when it has run out, counting the attempt.
        let after = db::write(conn, |tx| {
            jobs::lease_due(tx, now + TimeDelta::minutes(6), lease, 10)
        })
        .unwrap();
        assert_eq!(after.len(), 1);
        assert_eq!(after[0].id, first[0].id);
        assert_eq!(after[0].attempts, 2);
        // A retry waits its turn; a failure stays failed.
        jobs::mark_retry(conn, after[0].id, "no answer", now + TimeDelta::minutes(30)).unwrap();
        let waiting = jobs::depth(conn, None).unwrap();
        assert_eq!(
            (waiting.waiting, waiting.retrying, waiting.failed),
            (1, 1, 0)
        );
        jobs::mark_failed(conn, after[0].id, "no answer", now).unwrap();
        let failed = jobs::depth(conn, None).unwrap();
        assert_eq!((failed.waiting, failed.failed), (0, 1));
    })
    .await;
}

async fn two_workers_take_disjoint_jobs(backend: Backend) {
    let app = spawn_app(backend).await;
    let postgres = matches!(app.database, DatabaseUrl::Postgres(_));
    app.with_db(|conn| {
        let now = db::now();
        for subject in 1..=10 {
            jobs::enqueue(conn, None, KIND, subject, now).unwrap();
        }
    })
    .await;
    let lease = TimeDelta::minutes(5);
    let (a, b) = if postgres {
        // The first worker holds its six jobs in an open transaction while the second leases:
        // the second must get the other four at once, not wait and not take the same ones.
        let barrier = Arc::new(Barrier::new(2));
        let (pool, held) = (app.pool.clone(), barrier.clone());
        let first = std::thread::spawn(move || {
            let mut conn = pool.get().unwrap();
            db::write(&mut conn, |tx| {
                let mine = jobs::lease_due(tx, db::now(), lease, 6)?;
                held.wait();
                held.wait();
                Ok::<_, diesel::result::Error>(mine)
            })
            .unwrap()
        });
        barrier.wait();
        let pool = app.pool.clone();
        let second = std::thread::spawn(move || {
            let mut conn = pool.get().unwrap();
            db::write(&mut conn, |tx| jobs::lease_due(tx, db::now(), lease, 6)).unwrap()
        });
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while !second.is_finished() {
            assert!(
                std::time::Instant::now() < deadline,
                "the second worker waited on the first one's locks"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        let second = second.join().unwrap();
        barrier.wait();
        (first.join().unwrap(), second)
    } else {
        // One writer at a time: the second worker leases after the first has committed.
        let pool = app.pool.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = pool.get().unwrap();
            let a = db::write(&mut conn, |tx| jobs::lease_due(tx, db::now(), lease, 6)).unwrap();
            let b = db::write(&mut conn, |tx| jobs::lease_due(tx, db::now(), lease, 6)).unwrap();
            (a, b)
        })
        .await
        .unwrap()
    };
    assert_eq!(a.len(), 6);
    assert_eq!(b.len(), 4);
    let mut all: Vec<i64> = a.iter().chain(&b).map(|j| j.subject_id).collect();
    all.sort_unstable();
    assert_eq!(all, (1..=10).collect::<Vec<_>>(), "every job once");
}

async fn admins_see_the_queue_and_the_vault_on_the_jobs_page(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.add_member("Queue Desk", Role::Admin).await;
    let browser = app.signed_in(&admin).await;
    let team: i64 = app
        .with_db(|conn| {
            use claimdesk::db::schema::teams;
            use diesel::prelude::*;
            teams::table
                .filter(teams::name.eq("Queue Desk"))
                .select(teams::id)
                .first(conn)
                .unwrap()
        })
        .await;
    app.with_db(move |conn| {
        let now = db::now();
        let team = Some(claimdesk::domain::TeamId::new(team));
        jobs::enqueue(conn, team, KIND, 41, now).unwrap();
        jobs::enqueue(conn, team, KIND, 42, now).unwrap();
        let leased = db::write(conn, |tx| {
            jobs::lease_due(tx, now, TimeDelta::minutes(5), 1)
        })
        .unwrap();
        jobs::mark_failed(
            conn,
            leased[0].id,
            "the page answered with HTTP status 500",
            now,
        )
        .unwrap();
    })
    .await;
    let page = app.get_html(&browser, "/team/jobs").await;
    assert!(page.contains("<dd id=\"jobs-waiting\">1</dd>"), "{page}");
    assert!(page.contains("<dd id=\"jobs-failed\">1</dd>"), "{page}");
    assert!(page.contains("the page answered with HTTP status 500"));
    assert!(page.contains("0 bytes of 1.0 GiB used"), "{page}");
}
