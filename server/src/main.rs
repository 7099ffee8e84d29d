use clap::Parser;
use portal_server::{
    config::{Command, Config},
    startup::Application,
    upkeep,
};
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
    if let Some(Command::RotateKey { forget_retired }) = config.command {
        let rotated = upkeep::rotate_key(&config, forget_retired).await?;
        println!(
            "The data key is now {}: {} fields re-sealed, {} retired keys kept in the key file.",
            rotated.key_id, rotated.resealed, rotated.retired_kept
        );
        return Ok(());
    }
    let app = Application::build(&config).await?;
    println!("Portal listening on http://{}", app.address());
    app.run_until_stopped().await?;
    Ok(())
}
