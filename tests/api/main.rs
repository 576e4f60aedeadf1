//! The integration suite: one binary, the real app on a random port, a fresh database per test, on
//! SQLite always and on PostgreSQL when `TEST_DATABASE_URL` is set.

mod helpers;

mod account;
mod api;
mod appearances;
mod audit;
mod cli;
mod confirm;
mod csrf;
mod dashboard;
mod evidence;
mod export;
mod fetch;
mod forms;
mod guesses;
mod headers;
mod http;
mod inbox;
mod jobs;
mod login;
mod logs;
mod matrix;
mod members;
mod pool;
mod public;
mod record;
mod reset;
mod review;
mod scaleout;
mod search;
mod settings;
mod setup;
mod smtp_sink;
mod triage;
mod two_factor;
mod undo;
mod watch;
mod web_server;
mod webhooks;
