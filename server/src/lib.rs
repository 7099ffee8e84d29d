//! The portal's server: it owns the database and every access rule.

pub mod access;
pub mod activity;
pub mod app;
pub mod audit;
pub mod auth;
pub mod bulk;
pub mod clock;
pub mod config;
pub mod crypto;
pub mod csv_export;
pub mod customers;
pub mod db;
pub mod grants;
pub mod http;
pub mod mail;
pub mod messages;
pub mod profile;
pub mod rate_limit;
pub mod secondary;
pub mod seed;
pub mod session;
pub mod startup;
pub mod state;
pub mod upkeep;
