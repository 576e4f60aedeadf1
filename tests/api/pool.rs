//! The connection pool never hands out a connection a failed request left mid-transaction: a panic
//! inside a write, or a request answered 500 for it, does not break the requests after it.

use claimdesk::db::{self, DbConn};
use diesel::connection::SimpleConnection;

use crate::both_backends;
use crate::helpers::{fresh_database, Backend};

both_backends!(a_panic_inside_a_write_does_not_poison_the_pool);

async fn a_panic_inside_a_write_does_not_poison_the_pool(backend: Backend) {
    let (url, _guard) = fresh_database(&backend);
    tokio::task::spawn_blocking(move || {
        // One connection, so the one after the panic is the one that was in the transaction,
        // unless the pool dropped it.
        let pool = db::open(&url, 1).expect("the pool");
        let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut conn = pool.get().expect("a connection");
            let _: Result<(), diesel::result::Error> = db::write(&mut conn, |tx: &mut DbConn| {
                tx.batch_execute("SELECT 1")?;
                panic!("a bug in the middle of a write");
            });
        }));
        assert!(panicked.is_err());
        let mut conn = pool.get().expect("a connection after the panic");
        let written: Result<(), diesel::result::Error> =
            db::write(&mut conn, |tx: &mut DbConn| tx.batch_execute("SELECT 1"));
        assert!(
            written.is_ok(),
            "the next write runs on a clean connection: {written:?}"
        );
    })
    .await
    .unwrap();
}
