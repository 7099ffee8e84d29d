//! Integration tests: each starts the real server with its own fresh database.

mod access_requests;
mod activity;
mod bad_input;
mod grants;
mod health;
mod helpers;
mod lockout;
mod mail;
mod my_access;
mod profile;
mod recovery;
mod registration;
mod session;
mod static_files;
mod summary;
mod two_step;
