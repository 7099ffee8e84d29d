//! Integration tests: each starts the real server with its own fresh database.

mod access_rules;
mod activity;
mod authorization_matrix;
mod bad_input;
mod health;
mod helpers;
mod lockout;
mod mail;
mod profile;
mod recovery;
mod registration;
mod session;
mod static_files;
mod summary;
mod two_step;
