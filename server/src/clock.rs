//! Time, injectable so tests can move it (lockouts, expiries) without sleeping.

use std::sync::{
    atomic::{AtomicI64, Ordering},
    Arc,
};
use wire::CivilDate;

pub trait Clock: Send + Sync + 'static {
    /// Seconds since the Unix epoch, UTC.
    fn now(&self) -> i64;

    /// Today's date in Hartford (America/New_York, with daylight saving
    /// time): the date every business rule counts in.
    fn today(&self) -> CivilDate {
        wire::hartford::date_at(self.now()).expect("the clock is within the supported years")
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

    fn date(y: i32, m: u8, d: u8) -> CivilDate {
        CivilDate::new(y, m, d).unwrap()
    }

    /// The clock standing at `minutes` past midnight of `day`, Hartford time.
    fn clock_at(day: CivilDate, minutes: i64) -> ManualClock {
        ManualClock::at(wire::hartford::start_of(day).unwrap() + minutes * 60)
    }

    #[test]
    fn today_is_the_hartford_date_not_the_utc_one() {
        let clock = ManualClock::at(1_578_655_069); // 2020-01-10 11:17:49 UTC, 6:17 a.m. EST
        assert_eq!(clock.today(), date(2020, 1, 10));
        clock.advance(13 * 3600); // 00:17 UTC on the 11th, still 7:17 p.m. on the 10th
        assert_eq!(clock.today(), date(2020, 1, 10));
        clock.advance(5 * 3600);
        assert_eq!(clock.today(), date(2020, 1, 11));
    }

    #[test]
    fn today_turns_at_midnight_eastern_on_both_sides_of_each_dst_change() {
        // The Saturday before and the Monday after each change, and the days themselves.
        for day in [
            date(2026, 3, 7),
            date(2026, 3, 8),
            date(2026, 3, 9),
            date(2026, 10, 31),
            date(2026, 11, 1),
            date(2026, 11, 2),
        ] {
            let before = day.add_days(-1).unwrap();
            assert_eq!(clock_at(day, -1).today(), before, "11:59 p.m. before {day}");
            assert_eq!(clock_at(day, 1).today(), day, "12:01 a.m. of {day}");
        }
    }
}
