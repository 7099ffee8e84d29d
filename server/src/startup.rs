//! Builds the application on a given address, so `main` and the tests start the
//! very same server (tests pass port 0 and read the port back).

use crate::{
    app,
    clock::{Clock, SystemClock},
    config::Config,
    crypto::FieldCipher,
    db::{self, Db, Dialect},
    mail::{MailSettings, Mailer},
    seed,
    state::{AppState, Settings},
    upkeep,
};
use anyhow::Context;
use std::{net::SocketAddr, sync::Arc};
use tokio::net::TcpListener;

pub struct Application {
    listener: TcpListener,
    router: axum::Router,
    pub state: AppState,
    pub dialect: Dialect,
}

impl Application {
    pub async fn build(config: &Config) -> anyhow::Result<Self> {
        Self::build_with_clock(config, Arc::new(SystemClock)).await
    }

    pub async fn build_with_clock(config: &Config, clock: Arc<dyn Clock>) -> anyhow::Result<Self> {
        std::fs::create_dir_all(&config.data_dir)
            .with_context(|| format!("creating the data folder {}", config.data_dir.display()))?;
        let cipher = match &config.data_key {
            Some(key) => FieldCipher::from_base64(key)?,
            None => FieldCipher::load_or_create(&config.data_dir.join("data.key"))?,
        };
        let (db, dialect): (Db, Dialect) = db::connect_and_migrate(&config.database_url()).await?;
        db::check_origin(&db, config.demo, clock.now()).await?;
        let mailer = Mailer::new(
            db.clone(),
            clock.clone(),
            &MailSettings::from_config(config),
        )?;
        // Bound before the state is made, so the default public URL has the real port.
        let listener = TcpListener::bind(config.bind)
            .await
            .with_context(|| format!("binding {}", config.bind))?;
        let public_url = config.public_url(listener.local_addr()?);
        let state = AppState {
            db,
            cipher,
            clock,
            mailer,
            derived: Default::default(),
            settings: Arc::new(Settings {
                secure_cookies: !config.insecure_localhost_cookies,
                idle_timeout: config.idle_timeout(),
                absolute_timeout: config.absolute_timeout(),
                timeout_warning: config.timeout_warning(),
                public_url,
            }),
        };
        if config.demo {
            seed::demo_if_empty(&state, config.demo_clients).await?;
        }
        let router = app::app(state.clone(), &config.static_dir, config.body_limit);
        // Without an SMTP relay there is nothing to deliver: mail stays in the outbox.
        state.mailer.spawn_delivery();
        upkeep::spawn_pruning(state.clone());
        Ok(Self {
            listener,
            router,
            state,
            dialect,
        })
    }

    pub fn address(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// Serves until Ctrl-C or SIGTERM, letting requests in flight finish.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown_signal())
        .await
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}
