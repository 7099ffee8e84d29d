//! Configuration from command-line flags, each with an environment variable.

use clap::{Parser, Subcommand};
use std::{net::SocketAddr, path::PathBuf, time::Duration};

#[derive(Debug, Clone, Parser)]
#[command(
    name = "portal-server",
    about = "The taxpayer portal: JSON API and the built browser app"
)]
pub struct Config {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, env = "PORTAL_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// Folder for the SQLite database and the generated data key.
    #[arg(long, env = "PORTAL_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,

    /// Database URL (`sqlite://…` or `postgres://…`); defaults to DATA_DIR/portal.db.
    #[arg(long, env = "DATABASE_URL")]
    pub database_url: Option<String>,

    /// Folder of the built browser app (trunk's dist/).
    #[arg(long, env = "PORTAL_STATIC_DIR", default_value = "dist")]
    pub static_dir: PathBuf,

    /// Seed the demo customers, logons and ledgers when the database is empty.
    #[arg(long, env = "PORTAL_DEMO")]
    pub demo: bool,

    /// How many client businesses the demo preparer firm gets.
    #[arg(long, env = "PORTAL_DEMO_CLIENTS", default_value_t = 300)]
    pub demo_clients: u32,

    /// Send cookies without `Secure`, for plain http on localhost only.
    #[arg(long, env = "PORTAL_INSECURE_LOCALHOST_COOKIES")]
    pub insecure_localhost_cookies: bool,

    /// Base64 of the 32-byte key that seals FEIN/SSN and bank numbers; when absent
    /// it is read from (or generated into) DATA_DIR/data.key.
    #[arg(long, env = "PORTAL_DATA_KEY", hide_env_values = true)]
    pub data_key: Option<String>,

    /// SMTP relay for outgoing mail (`smtp://host:port`); without it mail stays in the outbox.
    #[arg(long, env = "PORTAL_SMTP_URL")]
    pub smtp_url: Option<String>,

    /// The From address of outgoing mail.
    #[arg(
        long,
        env = "PORTAL_MAIL_FROM",
        default_value = "no-reply@portal.example"
    )]
    pub mail_from: String,

    /// The portal's address as people reach it (`https://portal.example.gov`),
    /// for the links in emails; defaults to `http://<bind address>`.
    #[arg(long, env = "PORTAL_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Minutes of inactivity after which a session ends.
    #[arg(long, env = "PORTAL_IDLE_TIMEOUT_MINUTES", default_value_t = 15)]
    pub idle_timeout_minutes: u64,

    /// Seconds of inactivity after which a session ends; overrides the minutes (for tests).
    #[arg(long, env = "PORTAL_IDLE_TIMEOUT_SECONDS")]
    pub idle_timeout_seconds: Option<u64>,

    /// Seconds before the idle limit that the app warns; by default 2 minutes,
    /// or half the idle limit when that is shorter.
    #[arg(long, env = "PORTAL_TIMEOUT_WARNING_SECONDS")]
    pub timeout_warning_seconds: Option<u64>,

    /// Hours after sign-in after which a session ends regardless of activity.
    #[arg(long, env = "PORTAL_ABSOLUTE_TIMEOUT_HOURS", default_value_t = 12)]
    pub absolute_timeout_hours: u64,

    /// Largest request body accepted, in bytes.
    #[arg(long, env = "PORTAL_BODY_LIMIT", default_value_t = 64 * 1024)]
    pub body_limit: usize,

    /// Without a command the portal serves; a command does its job and exits.
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Seal every FEIN/SSN and 2-step secret under a new data key: the key
    /// file (DATA_DIR/data.key) gets the new key first, the old ones after it.
    RotateKey {
        /// Also drop the old keys from the file, once no field needs them.
        #[arg(long)]
        forget_retired: bool,
    },
}

impl Config {
    pub fn database_url(&self) -> String {
        self.database_url.clone().unwrap_or_else(|| {
            format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("portal.db").display()
            )
        })
    }

    /// The base of emailed links, without a trailing slash. `bound` is the
    /// address actually listened on (port 0 becomes the real port).
    pub fn public_url(&self, bound: SocketAddr) -> String {
        self.public_url
            .as_deref()
            .map(str::trim)
            .filter(|url| !url.is_empty())
            .map(|url| url.trim_end_matches('/').to_owned())
            .unwrap_or_else(|| format!("http://{bound}"))
    }

    pub fn idle_timeout(&self) -> Duration {
        Duration::from_secs(
            self.idle_timeout_seconds
                .unwrap_or(self.idle_timeout_minutes * 60),
        )
    }

    pub fn timeout_warning(&self) -> Duration {
        let idle = self.idle_timeout().as_secs();
        let warning = match self.timeout_warning_seconds {
            Some(seconds) => seconds.min(idle.saturating_sub(1)),
            None => 120.min(idle / 2),
        };
        Duration::from_secs(warning)
    }

    pub fn absolute_timeout(&self) -> Duration {
        Duration::from_secs(self.absolute_timeout_hours * 3600)
    }

    /// A configuration for tests and tools: everything default but the given folders.
    pub fn for_data_dir(data_dir: PathBuf) -> Self {
        let mut config = Config::parse_from(["portal-server"]);
        config.bind = "127.0.0.1:0".parse().expect("a literal address");
        config.static_dir = data_dir.join("dist");
        config.data_dir = data_dir;
        config
    }
}
