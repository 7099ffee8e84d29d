use clap::Parser;
use portal_server::{config::Config, startup::Application};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info")),
        )
        .init();
    let config = Config::parse();
    let app = Application::build(&config).await?;
    println!("Portal listening on http://{}", app.address());
    app.run_until_stopped().await?;
    Ok(())
}
