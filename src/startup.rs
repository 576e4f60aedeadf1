//! Builds the application: the pool, the shared state, the middleware and the route table. Tests
//! start the app through the very same function, bound to port 0.

use std::net::TcpListener;

use actix_web::dev::Server;
use actix_web::{web, App, HttpServer};

use crate::auth::secretbox;
use crate::config::{DatabaseUrl, Settings};
use crate::db::{self, Pool};
use crate::web::{self as handlers, AppState};

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Database(#[from] db::OpenError),
    #[error("cannot listen on {addr}: {cause}")]
    Bind { addr: String, cause: std::io::Error },
    #[error("cannot start: {0}")]
    Other(String),
}

/// Blocking threads per worker: the pool's connections shared out among the workers (one per
/// core when `workers` is unset), plus `SPARE_BLOCKING_THREADS` for blocking work that holds no
/// connection (password hashing at sign-in, a CSV export streaming to a slow reader, parsing a
/// fetched page), so that such work cannot hold up the worker's database tasks.
fn blocking_threads(pool_size: u32, workers: Option<usize>) -> usize {
    let workers = workers
        .or_else(|| std::thread::available_parallelism().ok().map(|n| n.get()))
        .unwrap_or(1)
        .max(1);
    (pool_size as usize).div_ceil(workers) + SPARE_BLOCKING_THREADS
}

/// Blocking threads per worker beyond its share of the pool.
const SPARE_BLOCKING_THREADS: usize = 4;

pub struct Application {
    server: Server,
    port: u16,
    pool: Pool,
    public_base: String,
    /// The metrics listener and its port, when `CLAIMDESK_METRICS_BIND` is set.
    metrics: Option<(Server, u16)>,
    /// Runs the job queue (fetches, rechecks, feeds, webhooks, e-mail) while the server runs,
    /// unless `CLAIMDESK_JOBS_INTERVAL=0` leaves it to another instance.
    jobs: Option<crate::jobs::Worker>,
}

impl Application {
    /// Opens (and migrates) the database, then binds the listener.
    pub fn build(settings: Settings) -> Result<Application, StartError> {
        db::slow::set_threshold(settings.slow_query);
        let pool = db::open(&settings.database, settings.pool_size)?;
        Self::build_with_pool(settings, pool)
    }

    pub fn build_with_pool(settings: Settings, pool: Pool) -> Result<Application, StartError> {
        let settings = with_secret_key(settings)?;
        let listener = TcpListener::bind(settings.bind).map_err(|cause| StartError::Bind {
            addr: settings.bind.to_string(),
            cause,
        })?;
        let local = listener
            .local_addr()
            .map_err(|e| StartError::Other(e.to_string()))?;
        let port = local.port();
        let mut settings = settings;
        if settings.public_url.is_none() {
            // Links come from configuration only; with none, from the address actually bound.
            let derived = crate::config::public_url_from_bind(local);
            tracing::warn!(
                "CLAIMDESK_PUBLIC_URL is not set: public pages, ClaimReview and invite links use \
                 {derived}; set it to the address your readers and members use"
            );
            settings.public_url = Some(derived);
        }
        // Unknown emails are verified against this, so they cost what a wrong password costs.
        let dummy_hash = crate::auth::hash_password("not a real account; only here for timing")
            .map_err(|e| StartError::Other(e.to_string()))?;
        let workers = settings.workers;
        let pool_size = settings.pool_size;
        let form_limit = settings.form_limit;
        let grace = settings.shutdown_grace;
        let metrics = Metrics::new(&pool)?;
        let metrics_server = match settings.metrics_bind {
            Some(addr) => Some(metrics.serve(addr)?),
            None => None,
        };
        let requests = metrics.requests.clone();
        let headers_settings = settings.clone();
        let public_base = settings.public_base();
        let fetcher = crate::fetch::Fetcher::new(settings.fetch.clone(), &public_base)
            .map_err(StartError::Other)?;
        let jobs = settings.jobs_interval.map(|interval| {
            crate::jobs::Worker::new(
                crate::jobs::Context {
                    pool: pool.clone(),
                    fetcher: fetcher.clone(),
                    vault: settings.vault.clone(),
                    secret_key: settings.secret_key.clone(),
                    public_base: public_base.clone(),
                    feed_every: settings.feed_every,
                    article_limit: settings.article_limit,
                    mail: settings.mail.clone(),
                },
                interval,
            )
        });
        let state = web::Data::new(AppState {
            fetcher,
            pool: pool.clone(),
            settings,
            dummy_hash,
        });
        let server = HttpServer::new(move || {
            App::new()
                .app_data(state.clone())
                .app_data(web::PayloadConfig::new(form_limit))
                .app_data(web::QueryConfig::default().error_handler(handlers::error::query_error))
                .app_data(web::PathConfig::default().error_handler(handlers::error::path_error))
                .wrap(handlers::http::request_log())
                .wrap(requests.clone())
                .wrap_fn(handlers::http::conventions)
                .wrap(handlers::security_headers(&headers_settings))
                .configure(handlers::routes)
                .default_service(web::to(handlers::not_found))
        })
        .listen(listener)
        .map_err(|cause| StartError::Bind {
            addr: format!("port {port}"),
            cause,
        })?;
        let server = match workers {
            Some(n) => server.workers(n),
            None => server,
        };
        // Blocking tasks beyond the pool's share only wait in `pool.get()`: each such thread is a
        // stack and, under glibc, a malloc arena that keeps what it freed (64 connections
        // searching made ~90-110 threads). A few more are kept for work that holds no connection.
        let server = server.worker_max_blocking_threads(blocking_threads(pool_size, workers));
        let server = server.shutdown_timeout(grace.as_secs()).run();
        Ok(Application {
            server,
            port,
            pool,
            public_base,
            metrics: metrics_server,
            jobs,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The base of the app's absolute links (`CLAIMDESK_PUBLIC_URL`, or derived at start-up).
    pub fn public_base(&self) -> &str {
        &self.public_base
    }

    pub fn pool(&self) -> &Pool {
        &self.pool
    }

    /// The metrics listener's port, when there is one.
    pub fn metrics_port(&self) -> Option<u16> {
        self.metrics.as_ref().map(|(_, port)| *port)
    }

    /// Serves until stopped; the job worker (which also sends e-mail) runs beside the server and stops
    /// with it.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let servers = async move {
            match self.metrics {
                Some((metrics, _)) => {
                    // Both run until stopped; the first to end (a signal stops both) ends the app.
                    let (app, _) = futures_util::future::join(self.server, metrics).await;
                    app
                }
                None => self.server.await,
            }
        };
        // Dropped with this future: when the server stops, or a test's runtime ends.
        let _jobs = self.jobs.map(crate::jobs::Worker::spawn);
        servers.await
    }
}

/// Prometheus metrics of one app (its own registry: no global state): requests and latency per
/// route and method (`claimdesk_http_requests_total`, `claimdesk_http_requests_duration_seconds`,
/// from the `actix-web-prom` middleware) and the connection pool's use
/// (`claimdesk_db_pool_connections`, `claimdesk_db_pool_idle`) and the job queue's depth
/// (`claimdesk_jobs_waiting`, `claimdesk_jobs_failed`), read at each scrape.
struct Metrics {
    requests: actix_web_prom::PrometheusMetrics,
    pool: Pool,
    pool_connections: prometheus::IntGauge,
    pool_idle: prometheus::IntGauge,
    jobs_waiting: prometheus::IntGauge,
    jobs_failed: prometheus::IntGauge,
}

impl Metrics {
    fn new(pool: &Pool) -> Result<Metrics, StartError> {
        let failed = |e: &dyn std::fmt::Display| StartError::Other(format!("metrics: {e}"));
        let registry = prometheus::Registry::new();
        let gauge = |name: &str, help: &str| {
            let gauge = prometheus::IntGauge::with_opts(
                prometheus::Opts::new(name, help).namespace("claimdesk"),
            )
            .map_err(|e| failed(&e))?;
            registry
                .register(Box::new(gauge.clone()))
                .map_err(|e| failed(&e))?;
            Ok::<_, StartError>(gauge)
        };
        let pool_connections = gauge(
            "db_pool_connections",
            "Database connections open in the pool",
        )?;
        let pool_idle = gauge("db_pool_idle", "Database connections idle in the pool")?;
        let jobs_waiting = gauge("jobs_waiting", "Background jobs waiting to run, all teams")?;
        let jobs_failed = gauge(
            "jobs_failed",
            "Background jobs given up in the last 7 days, all teams",
        )?;
        let requests = actix_web_prom::PrometheusMetricsBuilder::new("claimdesk")
            .registry(registry)
            // Unknown addresses count as one, not one series per path a scanner tries.
            .mask_unmatched_patterns("UNKNOWN")
            .build()
            .map_err(|e| failed(&e))?;
        Ok(Metrics {
            requests,
            pool: pool.clone(),
            pool_connections,
            pool_idle,
            jobs_waiting,
            jobs_failed,
        })
    }

    /// The metrics as Prometheus' text format, the pool read now.
    fn render(&self) -> String {
        use prometheus::Encoder;
        let state = self.pool.state();
        self.pool_connections.set(i64::from(state.connections));
        self.pool_idle.set(i64::from(state.idle_connections));
        match self
            .pool
            .get()
            .map_err(|e| e.to_string())
            .and_then(|mut conn| crate::db::jobs::depth(&mut conn, None).map_err(|e| e.to_string()))
        {
            Ok(depth) => {
                self.jobs_waiting.set(depth.waiting);
                self.jobs_failed.set(depth.failed);
            }
            Err(e) => tracing::warn!(cause = %e, "metrics: the job queue could not be read"),
        }
        let mut out = Vec::new();
        if let Err(e) =
            prometheus::TextEncoder::new().encode(&self.requests.registry.gather(), &mut out)
        {
            tracing::error!(cause = %e, "metrics could not be encoded");
        }
        String::from_utf8_lossy(&out).into_owned()
    }

    /// Serves `GET /metrics` on its own listener, one worker, apart from the public address.
    fn serve(&self, addr: std::net::SocketAddr) -> Result<(Server, u16), StartError> {
        let listener = TcpListener::bind(addr).map_err(|cause| StartError::Bind {
            addr: addr.to_string(),
            cause,
        })?;
        let port = listener
            .local_addr()
            .map_err(|e| StartError::Other(e.to_string()))?
            .port();
        let this = web::Data::new(Metrics {
            requests: self.requests.clone(),
            pool: self.pool.clone(),
            pool_connections: self.pool_connections.clone(),
            pool_idle: self.pool_idle.clone(),
            jobs_waiting: self.jobs_waiting.clone(),
            jobs_failed: self.jobs_failed.clone(),
        });
        let server = HttpServer::new(move || {
            App::new().app_data(this.clone()).route(
                "/metrics",
                web::get().to(|metrics: web::Data<Metrics>| async move {
                    actix_web::HttpResponse::Ok()
                        .content_type("text/plain; version=0.0.4; charset=utf-8")
                        .body(metrics.render())
                }),
            )
        })
        .workers(1)
        .listen(listener)
        .map_err(|cause| StartError::Bind {
            addr: addr.to_string(),
            cause,
        })?
        .run();
        tracing::info!("metrics at http://{addr}/metrics");
        Ok((server, port))
    }
}

/// Fills in the server key that seals two-factor secrets: `CLAIMDESK_SECRET_KEY` when set; on
/// SQLite, else, the key file beside the database (made on first start, mode 0600). PostgreSQL
/// without the variable starts anyway, with two-factor enrolment unavailable: several instances may
/// share that database, and a key generated by one would not be the others'.
fn with_secret_key(mut settings: Settings) -> Result<Settings, StartError> {
    if settings.secret_key.is_some() {
        return Ok(settings);
    }
    match &settings.database {
        DatabaseUrl::Sqlite(path) => {
            let key_file = secretbox::key_file_beside(path);
            let key = secretbox::load_or_create_key_file(&key_file).map_err(StartError::Other)?;
            settings.secret_key = Some(key);
        }
        DatabaseUrl::Postgres(_) => {
            tracing::warn!(
                "CLAIMDESK_SECRET_KEY is not set: two-factor sign-in cannot be set up until it is \
                 (the same key on every instance); sign-in with codes already set up fails too"
            );
        }
    }
    Ok(settings)
}

#[cfg(test)]
mod tests {
    use super::{blocking_threads, SPARE_BLOCKING_THREADS};

    #[test]
    fn blocking_threads_share_out_the_pool_among_the_workers() {
        assert_eq!(blocking_threads(16, Some(2)), 8 + SPARE_BLOCKING_THREADS);
        assert_eq!(blocking_threads(16, Some(3)), 6 + SPARE_BLOCKING_THREADS);
        assert_eq!(blocking_threads(16, Some(16)), 1 + SPARE_BLOCKING_THREADS);
        assert_eq!(blocking_threads(1, Some(1)), 1 + SPARE_BLOCKING_THREADS);
        assert!(blocking_threads(16, None) > SPARE_BLOCKING_THREADS);
    }
}
