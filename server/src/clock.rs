//! Time, injectable so tests can move it (lockouts, expiries) without sleeping.

use std::sync::{
    atomic::{AtomicI64, Ordering},
    Arc,
};
use wire::CivilDate;

pub trait Clock: Send + Sync + 'static {
    /// Seconds since the Unix epoch, UTC.
    fn now(&self) -> i64;

    /// Today's date in UTC.
    fn today(&self) -> CivilDate {
        CivilDate::from_days_since_epoch(self.now().div_euclid(86_400))
            .expect("the clock is within the supported years")
    }
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> i64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0)
    }
}

/// A clock that stands still until told to move.
#[derive(Clone)]
pub struct ManualClock(Arc<AtomicI64>);

impl ManualClock {
    pub fn at(now: i64) -> Self {
        Self(Arc::new(AtomicI64::new(now)))
    }

    pub fn advance(&self, seconds: i64) {
        self.0.fetch_add(seconds, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> i64 {
        self.0.load(Ordering::SeqCst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_follows_the_utc_day() {
        let clock = ManualClock::at(1_578_655_069); // 2020-01-10 11:17:49 UTC
        assert_eq!(clock.today(), CivilDate::new(2020, 1, 10).unwrap());
        clock.advance(13 * 3600);
        assert_eq!(clock.today(), CivilDate::new(2020, 1, 11).unwrap());
    }
}
