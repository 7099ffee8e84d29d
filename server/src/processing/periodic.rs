//! Processing inside the server: every interval, the day's run if it has not
//! happened (whichever server takes the lease does it; the others find it
//! held or done), else a pass that posts the returns filed since.

use super::{Outcome, Processor};
use std::time::Duration;
use tokio::task::JoinHandle;

/// Starts the loop; an interval of zero turns it off.
pub fn spawn(processor: Processor, interval: Duration) -> Option<JoinHandle<()>> {
    if interval.is_zero() {
        return None;
    }
    Some(tokio::spawn(async move {
        let mut ticks = tokio::time::interval(interval);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        // The first tick is immediate: skip it, a starting server has enough to do.
        ticks.tick().await;
        loop {
            ticks.tick().await;
            if let Err(error) = tick(&processor).await {
                tracing::error!(error = %format!("{error:#}"), "processing failed; will try again");
            }
        }
    }))
}

/// One turn of the loop.
pub async fn tick(processor: &Processor) -> anyhow::Result<Outcome> {
    let today = processor.clock.today();
    let outcome = match processor.run(today, false).await? {
        Outcome::AlreadyDone => processor.post_new_returns(today).await?,
        other => other,
    };
    if let Outcome::Ran(report) = outcome {
        if report.counts != Default::default() {
            tracing::info!(
                as_of = %today.to_iso(),
                returns = report.counts.returns_posted,
                entries = report.counts.entries_posted,
                notices = report.counts.notices_issued,
                periods = report.counts.periods_opened,
                "processed"
            );
        }
    }
    Ok(outcome)
}
