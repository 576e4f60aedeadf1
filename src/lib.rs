//! ClaimDesk: a fact-check claim tracker. The app is this library; `main.rs` only runs `cli::run`.
//!
//! - `extract`: pure text → claim candidates (no I/O).
//! - `domain`: types with invariants (roles, emails, passwords…), parsed once at the edge.
//! - `db`: schema, rows and queries over SQLite or PostgreSQL.
//! - `auth`: password hashing, tokens and the account operations.
//! - `web`: handlers, one file per area, and the route table.
//! - `startup`: builds the server; `config`: settings as a value; `cli`: the command line.

pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod devseed;
pub mod domain;
pub mod error;
pub mod export;
pub mod extract;
pub mod startup;
pub mod telemetry;
pub mod web;
