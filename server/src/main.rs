use clap::Parser;
use portal_server::{
    config::{Command, Config},
    startup::{self, Application},
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
    if let Some(Command::Process {
        as_of,
        batch_size,
        pause_in_batch,
        pause_seconds,
    }) = &config.command
    {
        let as_of = wire::CivilDate::parse_iso(as_of).ok_or_else(|| {
            anyhow::anyhow!("--as-of must be a date as YYYY-MM-DD, not {as_of:?}")
        })?;
        let report = startup::process(
            &config,
            as_of,
            portal_server::processing::Options {
                batch_size: (*batch_size).max(1),
                lease_seconds: config.processing_lease_seconds,
                progress: true,
                pause_in_batch: pause_in_batch
                    .map(|batch| (batch, std::time::Duration::from_secs(*pause_seconds))),
            },
        )
        .await?;
        println!(
            "processed as of {} in {} batches: {} accounts, {} periods opened, {} returns posted, \
             {} ledger rows, {} delinquency notices",
            as_of.to_iso(),
            report.batches,
            report.accounts,
            report.counts.periods_opened,
            report.counts.returns_posted,
            report.counts.entries_posted,
            report.counts.notices_issued
        );
        return Ok(());
    }
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
