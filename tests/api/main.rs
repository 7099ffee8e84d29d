//! Integration tests: each starts the real server with its own fresh database.

mod access_requests;
mod access_rules;
mod activity;
mod authorization_matrix;
mod bad_input;
mod customers;
mod device_cookies;
mod grants;
mod guessing;
mod hardening;
mod health;
mod helpers;
mod lockout;
mod mail;
mod my_access;
mod profile;
mod recovery;
mod registration;
mod returns;
mod secondary_logons;
mod security_groups;
mod session;
mod static_files;
mod summary;
mod takeover;
mod two_step;
