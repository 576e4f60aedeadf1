//! The database: one connection type over SQLite and PostgreSQL, the pool, embedded migrations and
//! the write-transaction rule. Queries are plain synchronous functions taking `&mut DbConn` and
//! returning `QueryResult`; handlers run them on the blocking pool.

pub mod articles;
pub mod claims;
pub mod dashboard;
pub mod events;
pub mod evidence;
pub mod feeds;
pub mod inbox;
pub mod jobs;
pub mod models;
pub mod outbox;
pub mod publications;
pub mod removal;
pub mod resets;
pub mod reviews;
pub mod schema;
pub mod slow;
pub mod throttle;
pub mod tokens;
pub mod two_factor;
pub mod users;
pub mod verdicts;
pub mod webhooks;

use std::time::Duration;

use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::pg::PgConnection;
use diesel::r2d2::{self, ManageConnection};
use diesel::sqlite::SqliteConnection;
use diesel::{Connection, ConnectionError};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use crate::config::DatabaseUrl;

pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
pub const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// One connection to whichever backend `DATABASE_URL` named.
#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Sqlite(SqliteConnection),
    Postgres(PgConnection),
}

pub type Pool = r2d2::Pool<Manager>;
pub type PooledConn = r2d2::PooledConnection<Manager>;

/// Set on every new SQLite connection (SECURITY.md): a busy timeout so writers wait for each other
/// instead of failing with "database is locked" (first, so that the pragmas after it wait too: a
/// connection opened while another writes would otherwise fail on `journal_mode`), WAL for
/// concurrent readers, FULL sync so an acknowledged commit survives power loss, foreign keys
/// enforced.
const SQLITE_PRAGMAS: &str = "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; \
     PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;";

/// Opens connections for the pool, dispatching on the URL's scheme.
#[derive(Debug, Clone)]
pub struct Manager {
    url: DatabaseUrl,
}

impl Manager {
    pub fn new(url: DatabaseUrl) -> Manager {
        Manager { url }
    }
}

/// Why the database could not be opened, in words a person can act on.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("cannot open the {backend} database {url}: {cause}")]
    Connect {
        backend: &'static str,
        url: String,
        cause: String,
    },
    #[error("cannot migrate the database {url}: {cause}")]
    Migrate { url: String, cause: String },
    #[error("cannot create the connection pool for {url}: {cause}")]
    Pool { url: String, cause: String },
    #[error("cannot seal the history of {url}: {cause}")]
    Seal { url: String, cause: String },
    #[error("no database at {path}")]
    Missing { path: String },
    #[error("the database {url} has migrations not applied yet: run `claimdesk migrate` first")]
    NotMigrated { url: String },
}

/// Connects directly, so the real cause of a failure is reported (the derived `establish` hides it).
pub fn connect(url: &DatabaseUrl) -> Result<DbConn, ConnectionError> {
    match url {
        DatabaseUrl::Sqlite(path) => {
            let path = path.to_str().ok_or_else(|| {
                ConnectionError::BadConnection("the SQLite path is not valid UTF-8".into())
            })?;
            let mut conn = SqliteConnection::establish(path)?;
            conn.batch_execute(SQLITE_PRAGMAS)
                .map_err(ConnectionError::CouldntSetupConfiguration)?;
            if let Some(log) = slow::instrumentation() {
                conn.set_instrumentation(log);
            }
            Ok(DbConn::Sqlite(conn))
        }
        DatabaseUrl::Postgres(url) => {
            let mut conn = PgConnection::establish(url)?;
            conn.batch_execute("SET TIME ZONE 'UTC'")
                .map_err(ConnectionError::CouldntSetupConfiguration)?;
            if let Some(log) = slow::instrumentation() {
                conn.set_instrumentation(log);
            }
            Ok(DbConn::Postgres(conn))
        }
    }
}

impl ManageConnection for Manager {
    type Connection = DbConn;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConn, r2d2::Error> {
        connect(&self.url).map_err(r2d2::Error::ConnectionError)
    }

    fn is_valid(&self, conn: &mut DbConn) -> Result<(), r2d2::Error> {
        conn.batch_execute("SELECT 1")
            .map_err(r2d2::Error::QueryError)
    }

    /// A connection handed back while its thread unwinds from a panic, or with a transaction
    /// left open or failed, is dropped rather than reused: the next request would otherwise find
    /// it mid-transaction ("Cannot perform this operation while a transaction is open").
    fn has_broken(&self, conn: &mut DbConn) -> bool {
        std::thread::panicking() || diesel::r2d2::R2D2Connection::is_broken(conn)
    }
}

/// Opens the database named by `url`: connects once directly (for a readable error), runs pending
/// migrations, then builds the pool.
pub fn open(url: &DatabaseUrl, pool_size: u32) -> Result<Pool, OpenError> {
    migrate(url)?;
    r2d2::Pool::builder()
        .max_size(pool_size)
        // A SQLite file connection does not go stale, so the `SELECT 1` r2d2 runs on every
        // check-out would be one more statement per request for nothing; a PostgreSQL one can
        // (the server restarted, the network dropped it), so it is still checked.
        .test_on_check_out(matches!(url, DatabaseUrl::Postgres(_)))
        .connection_timeout(Duration::from_secs(10))
        .build(Manager::new(url.clone()))
        .map_err(|e| OpenError::Pool {
            url: url.display(),
            cause: e.to_string(),
        })
}

/// Runs the embedded migrations of the URL's backend, then seals any events that predate the
/// history's hash chain (`events::seal`) and freezes a publication for any published claim that
/// predates publications (`publications::backfill`); each is one query when there is nothing to
/// do. Returns how many migrations were applied.
pub fn migrate(url: &DatabaseUrl) -> Result<usize, OpenError> {
    let mut conn = connect_or_explain(url)?;
    let migrate_error = |cause: String| OpenError::Migrate {
        url: url.display(),
        cause,
    };
    let applied = match &mut conn {
        DbConn::Sqlite(c) => c
            .run_pending_migrations(SQLITE_MIGRATIONS)
            .map_err(|e| migrate_error(e.to_string()))?
            .len(),
        DbConn::Postgres(c) => c
            .run_pending_migrations(POSTGRES_MIGRATIONS)
            .map_err(|e| migrate_error(e.to_string()))?
            .len(),
    };
    events::seal(&mut conn).map_err(|e| OpenError::Seal {
        url: url.display(),
        cause: e.to_string(),
    })?;
    // Published claims from before publications were kept get theirs, frozen as they are now.
    write(&mut conn, publications::backfill).map_err(|e| migrate_error(e.to_string()))?;
    Ok(applied)
}

fn connect_or_explain(url: &DatabaseUrl) -> Result<DbConn, OpenError> {
    connect(url).map_err(|e| OpenError::Connect {
        backend: url.backend_name(),
        url: url.display(),
        cause: connection_error_text(&e),
    })
}

/// Connects to a database that must exist already and be migrated, for commands that only read
/// it (`claimdesk audit`, `export`, `user list`): a missing SQLite file is an error, never created
/// empty, and a database with pending migrations is refused rather than changed.
pub fn connect_existing(url: &DatabaseUrl) -> Result<DbConn, OpenError> {
    let mut conn = connect_as_is(url)?;
    let pending = match &mut conn {
        DbConn::Sqlite(c) => c.has_pending_migration(SQLITE_MIGRATIONS),
        DbConn::Postgres(c) => c.has_pending_migration(POSTGRES_MIGRATIONS),
    }
    .map_err(|e| OpenError::Migrate {
        url: url.display(),
        cause: e.to_string(),
    })?;
    if pending {
        return Err(OpenError::NotMigrated { url: url.display() });
    }
    Ok(conn)
}

/// Connects to a database that must exist already, migrated or not, and changes nothing about its
/// schema: for `claimdesk backup`, which copies whatever is there (a backup taken with a newer
/// binary before an upgrade must not migrate the original). A missing SQLite file is an error.
pub fn connect_as_is(url: &DatabaseUrl) -> Result<DbConn, OpenError> {
    if let DatabaseUrl::Sqlite(path) = url {
        // SQLite would create an empty file for a path that names none; looking first keeps a
        // mistyped DATABASE_URL from leaving one behind.
        if !path.is_file() {
            return Err(OpenError::Missing {
                path: path.display().to_string(),
            });
        }
    }
    connect_or_explain(url)
}

fn connection_error_text(error: &ConnectionError) -> String {
    // libpq's messages span several lines; one line reads better in a start-up error.
    error
        .to_string()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// How a transaction begins on each backend.
struct Begin {
    sqlite: &'static str,
    postgres: &'static str,
}

/// A write: on SQLite it begins IMMEDIATE, taking the write lock up front (a deferred transaction
/// that reads and then writes fails at once with SQLITE_BUSY when another writer got there first,
/// whatever the busy timeout).
const WRITE: Begin = Begin {
    sqlite: "BEGIN IMMEDIATE",
    postgres: "BEGIN",
};

/// Reads that must agree with each other: every statement sees the database as the first one saw
/// it (SQLite's read transaction holds its WAL snapshot; PostgreSQL's default would take a new
/// snapshot per statement).
const SNAPSHOT: Begin = Begin {
    sqlite: "BEGIN",
    postgres: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
};

/// Runs `f` in a write transaction (`WRITE`). Nested `transaction` calls inside `f` become
/// savepoints as usual.
pub fn write<T, E>(conn: &mut DbConn, f: impl FnOnce(&mut DbConn) -> Result<T, E>) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    within(conn, WRITE, f)
}

/// Runs `f`, which only reads, on one snapshot of the database (`SNAPSHOT`): for figures worked out
/// from several statements that must not see a write land between them.
pub fn snapshot<T, E>(
    conn: &mut DbConn,
    f: impl FnOnce(&mut DbConn) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    within(conn, SNAPSHOT, f)
}

fn within<T, E>(
    conn: &mut DbConn,
    begin: Begin,
    f: impl FnOnce(&mut DbConn) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    match conn {
        DbConn::Sqlite(inner) => {
            AnsiTransactionManager::begin_transaction_sql(inner, begin.sqlite)?
        }
        DbConn::Postgres(inner) => {
            AnsiTransactionManager::begin_transaction_sql(inner, begin.postgres)?
        }
    }
    match f(conn) {
        Ok(value) => match end_transaction(conn, true) {
            Ok(()) => Ok(value),
            Err(commit_error) => {
                let _ = end_transaction(conn, false);
                Err(commit_error.into())
            }
        },
        Err(error) => {
            end_transaction(conn, false)?;
            Err(error)
        }
    }
}

/// Commits (`commit`) or rolls back the transaction `within` began.
fn end_transaction(conn: &mut DbConn, commit: bool) -> diesel::QueryResult<()> {
    match (conn, commit) {
        (DbConn::Sqlite(inner), true) => AnsiTransactionManager::commit_transaction(inner),
        (DbConn::Sqlite(inner), false) => AnsiTransactionManager::rollback_transaction(inner),
        (DbConn::Postgres(inner), true) => AnsiTransactionManager::commit_transaction(inner),
        (DbConn::Postgres(inner), false) => AnsiTransactionManager::rollback_transaction(inner),
    }
}

/// Runs an insert that may collide with a unique key, inside a savepoint: `Ok(None)` when another
/// writer got there first. On PostgreSQL a failed statement aborts the whole transaction, so the
/// savepoint is what lets the caller carry on (and SQLite behaves the same way through it).
pub fn insert_unless_taken<T>(
    conn: &mut DbConn,
    insert: impl FnOnce(&mut DbConn) -> diesel::QueryResult<T>,
) -> diesel::QueryResult<Option<T>> {
    use diesel::result::{DatabaseErrorKind, Error};
    match conn.transaction(insert) {
        Ok(value) => Ok(Some(value)),
        Err(Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => Ok(None),
        Err(other) => Err(other),
    }
}

/// The current UTC time at microsecond precision, as both backends store it.
pub fn now() -> chrono::NaiveDateTime {
    let now = chrono::Utc::now().naive_utc();
    chrono::DurationRound::duration_trunc(now, chrono::TimeDelta::microseconds(1)).unwrap_or(now)
}

#[cfg(test)]
mod tests {
    use diesel::prelude::*;
    use diesel::sql_types::Text;

    #[derive(QueryableByName)]
    struct CompileOption {
        #[diesel(sql_type = Text)]
        compile_options: String,
    }

    /// The bundled SQLite is built as `.cargo/config.toml` says: no shared page-cache group and no
    /// memory statistics, the two process-wide mutexes every signed-in request used to queue on.
    #[test]
    fn sqlite_is_built_without_process_wide_memory_locks() {
        let mut conn = SqliteConnection::establish(":memory:").unwrap();
        let options: Vec<String> = diesel::sql_query("PRAGMA compile_options")
            .load::<CompileOption>(&mut conn)
            .unwrap()
            .into_iter()
            .map(|o| o.compile_options)
            .collect();
        assert!(
            options.iter().any(|o| o == "THREADSAFE=1"),
            "the options are read: {options:?}"
        );
        assert!(
            !options.iter().any(|o| o == "ENABLE_MEMORY_MANAGEMENT"),
            "LIBSQLITE3_FLAGS from .cargo/config.toml was not applied: {options:?}"
        );
        assert!(
            options.iter().any(|o| o == "DEFAULT_MEMSTATUS=0"),
            "{options:?}"
        );
    }
}
