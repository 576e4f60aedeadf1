//! Builds the application: the pool, the shared state, the middleware and the route table. Tests
//! start the app through the very same function, bound to port 0.

use std::net::TcpListener;

use actix_web::dev::Server;
use actix_web::{web, App, HttpServer};

use crate::config::Settings;
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

pub struct Application {
    server: Server,
    port: u16,
    pool: Pool,
}

impl Application {
    /// Opens (and migrates) the database, then binds the listener.
    pub fn build(settings: Settings) -> Result<Application, StartError> {
        let pool = db::open(&settings.database, settings.pool_size)?;
        Self::build_with_pool(settings, pool)
    }

    pub fn build_with_pool(settings: Settings, pool: Pool) -> Result<Application, StartError> {
        let listener = TcpListener::bind(settings.bind).map_err(|cause| StartError::Bind {
            addr: settings.bind.to_string(),
            cause,
        })?;
        let port = listener
            .local_addr()
            .map_err(|e| StartError::Other(e.to_string()))?
            .port();
        // Unknown emails are verified against this, so they cost what a wrong password costs.
        let dummy_hash = crate::auth::hash_password("not a real account; only here for timing")
            .map_err(|e| StartError::Other(e.to_string()))?;
        let workers = settings.workers;
        let form_limit = settings.form_limit;
        let headers_settings = settings.clone();
        let state = web::Data::new(AppState {
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
        Ok(Application {
            server: server.run(),
            port,
            pool,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn pool(&self) -> &Pool {
        &self.pool
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}
