//! What every handler can reach: the database, the cipher, the clock, settings.

use crate::{
    clock::Clock,
    crypto::FieldCipher,
    db::{Db, Derived},
    mail::Mailer,
};
use axum::extract::FromRef;
use std::{sync::Arc, time::Duration};

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub cipher: FieldCipher,
    pub clock: Arc<dyn Clock>,
    pub settings: Arc<Settings>,
    /// Outgoing mail: queue with `mailer.send(&mut *tx, …)`.
    pub mailer: Mailer,
    /// What this server derived from the access rows, kept while the access
    /// epoch stands (see `db::derived`).
    pub derived: Arc<Derived>,
}

#[derive(Debug, Clone)]
pub struct Settings {
    /// Cookies carry `Secure` unless the portal runs on plain-http localhost.
    pub secure_cookies: bool,
    pub idle_timeout: Duration,
    pub absolute_timeout: Duration,
    /// How long before the idle limit the app warns that the session will end.
    pub timeout_warning: Duration,
    /// The base of links in emails, e.g. `https://portal.example.gov` (no trailing slash).
    pub public_url: String,
}

impl AppState {
    pub fn now(&self) -> i64 {
        self.clock.now()
    }

    /// A transaction on the database: see [`crate::db::begin`].
    pub async fn begin(&self) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Any>> {
        crate::db::begin(&self.db).await
    }
}

impl FromRef<AppState> for Mailer {
    fn from_ref(state: &AppState) -> Self {
        state.mailer.clone()
    }
}
