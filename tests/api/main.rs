//! The integration suite: one binary, the real app on a random port, a fresh database per test, on
//! SQLite always and on PostgreSQL when `TEST_DATABASE_URL` is set.

mod helpers;

mod account;
mod api;
mod cli;
mod csrf;
mod dashboard;
mod export;
mod headers;
mod login;
mod logs;
mod matrix;
mod members;
mod public;
mod review;
mod scaleout;
mod settings;
mod setup;
mod two_factor;
