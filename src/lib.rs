//! ClaimDesk: a fact-check claim tracker. The app is this library; `main.rs` only runs `cli::run`.
//!
//! - `extract`: pure text → claim candidates (no I/O).
//! - `domain`: types with invariants (roles, emails, passwords…), parsed once at the edge.
//! - `db`: schema, rows and queries over SQLite or PostgreSQL (storage only).
//! - `desk`: the application layer, where the desk's rules live; every edge calls it.
//! - `auth`: password hashing, tokens and the account operations.
//! - `mail`: the worker that sends the outbox through SMTP.
//! - `jobs`: the job worker that runs the job queue (archiving and rechecking cited pages).
//! - `fetch`: the guarded fetcher, the one way ClaimDesk reads the web.
//! - `audit`: tamper evidence for the history: the events' canonical form, hash and chain rules.
//! - `web`: handlers, one file per area, and the route table.
//! - `startup`: builds the server; `config`: settings as a value; `cli`: the command line.

pub mod audit;
pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod desk;
pub mod devseed;
pub mod domain;
pub mod error;
pub mod export;
pub mod extract;
pub mod fetch;
pub mod jobs;
pub mod mail;
pub mod startup;
pub mod telemetry;
pub mod web;
