//! Connecticut time. Everything the agency calls a date (a grant's end date, a
//! request's last day, a due date, a payment date, a banking-day cutoff) is a
//! date in Hartford: America/New_York, with daylight saving time, whatever the
//! time zone of the server or of the browser. Both sides use this module, so
//! the browser's "today" is the server's.
//!
//! The zone's rules come from the IANA database through `jiff` (compiled in by
//! `jiff::tz::get!`, so no tzdata is needed at run time and the browser carries
//! this one zone, not the whole database).

use crate::{date::TimeOfDay, CivilDate};
use jiff::{tz::TimeZone, Timestamp};

static HARTFORD: TimeZone = jiff::tz::get!("America/New_York");

/// A moment as a clock on a wall in Hartford shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HartfordTime {
    pub date: CivilDate,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

impl HartfordTime {
    /// The Hartford date and time of an instant (seconds since the Unix
    /// epoch); `None` outside the years the portal handles.
    pub fn at(unix_seconds: i64) -> Option<Self> {
        let instant = Timestamp::from_second(unix_seconds).ok()?;
        let local = HARTFORD.to_datetime(instant);
        Some(Self {
            date: CivilDate::new(
                i32::from(local.year()),
                u8::try_from(local.month()).ok()?,
                u8::try_from(local.day()).ok()?,
            )?,
            hour: u8::try_from(local.hour()).ok()?,
            minute: u8::try_from(local.minute()).ok()?,
            second: u8::try_from(local.second()).ok()?,
        })
    }

    /// The wall-clock time to the minute (what a cutoff is compared with).
    pub fn time_of_day(self) -> TimeOfDay {
        TimeOfDay {
            hour: self.hour,
            minute: self.minute,
        }
    }

    /// `mm/dd/yyyy h:mm AM`: how the portal shows every date and time, on
    /// screen and in CSV exports (one format, docs/words.md). Midnight is
    /// `12:00 AM`, noon `12:00 PM`. Pure arithmetic, so the browser's copy
    /// carries no zone data.
    pub fn to_us_minutes(self) -> String {
        let suffix = if self.hour < 12 { "AM" } else { "PM" };
        let hour12 = match self.hour % 12 {
            0 => 12,
            h => h,
        };
        format!("{} {hour12}:{:02} {suffix}", self.date.to_us(), self.minute)
    }

    /// Seconds since midnight, Hartford time.
    pub fn seconds_of_day(self) -> u32 {
        u32::from(self.hour) * 3600 + u32::from(self.minute) * 60 + u32::from(self.second)
    }
}

/// The Hartford calendar date of an instant.
pub fn date_at(unix_seconds: i64) -> Option<CivilDate> {
    HartfordTime::at(unix_seconds).map(|at| at.date)
}

/// An instant as `mm/dd/yyyy h:mm AM`, Hartford time; empty if out of range.
pub fn date_time_text(unix_seconds: i64) -> String {
    HartfordTime::at(unix_seconds)
        .map(HartfordTime::to_us_minutes)
        .unwrap_or_default()
}

/// The first second of `date` in Hartford. Midnight always exists there (the
/// clocks change at 2 a.m.), so a day starts at 00:00:00 local time and runs
/// 23, 24 or 25 hours.
pub fn start_of(date: CivilDate) -> Option<i64> {
    let midnight = jiff::civil::date(
        i16::try_from(date.year()).ok()?,
        i8::try_from(date.month()).ok()?,
        i8::try_from(date.day()).ok()?,
    )
    .at(0, 0, 0, 0);
    HARTFORD
        .to_timestamp(midnight)
        .ok()
        .map(|instant| instant.as_second())
}

/// The instant just after the last second of `date` in Hartford: where a
/// range "up to and including `date`" ends.
pub fn end_of(date: CivilDate) -> Option<i64> {
    start_of(date.add_days(1)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u8, d: u8) -> CivilDate {
        CivilDate::new(y, m, d).unwrap()
    }

    /// 2026-11-23 00:00:00 UTC, i.e. 7 p.m. on 11/22 in Hartford (EST, UTC−5).
    const NOV_23_UTC_MIDNIGHT: i64 = 1_795_392_000;

    #[test]
    fn an_evening_in_hartford_is_still_the_same_day_after_utc_midnight() {
        assert_eq!(date_at(NOV_23_UTC_MIDNIGHT), Some(date(2026, 11, 22)));
        let at = HartfordTime::at(NOV_23_UTC_MIDNIGHT).unwrap();
        assert_eq!((at.hour, at.minute, at.second), (19, 0, 0));
    }

    #[test]
    fn the_day_turns_at_midnight_eastern_in_winter() {
        let start = start_of(date(2026, 11, 23)).unwrap();
        assert_eq!(start, NOV_23_UTC_MIDNIGHT + 5 * 3600);
        assert_eq!(date_at(start - 60), Some(date(2026, 11, 22))); // 11:59 p.m.
        assert_eq!(date_at(start + 60), Some(date(2026, 11, 23))); // 12:01 a.m.
    }

    #[test]
    fn the_day_turns_at_midnight_eastern_in_summer() {
        let start = start_of(date(2026, 7, 1)).unwrap();
        // EDT is UTC−4: midnight in Hartford is 04:00 UTC.
        assert_eq!(start, start_of(date(2026, 6, 30)).unwrap() + 86_400);
        assert_eq!(HartfordTime::at(start).unwrap().hour, 0);
        assert_eq!(date_at(start - 60), Some(date(2026, 6, 30)));
        assert_eq!(date_at(start + 60), Some(date(2026, 7, 1)));
        assert_eq!(start.rem_euclid(86_400), 4 * 3600);
    }

    #[test]
    fn the_day_daylight_saving_time_begins_has_twenty_three_hours() {
        // 2026-03-08: clocks go from 2:00 a.m. EST to 3:00 a.m. EDT.
        let day = date(2026, 3, 8);
        let (start, end) = (start_of(day).unwrap(), end_of(day).unwrap());
        assert_eq!(end - start, 23 * 3600);
        assert_eq!(date_at(start - 60), Some(date(2026, 3, 7)));
        assert_eq!(date_at(start + 60), Some(day));
        assert_eq!(date_at(end - 60), Some(day)); // 11:59 p.m. EDT
        assert_eq!(date_at(end + 60), Some(date(2026, 3, 9))); // 12:01 a.m. EDT
        assert_eq!(HartfordTime::at(end - 60).unwrap().hour, 23);
    }

    #[test]
    fn the_day_daylight_saving_time_ends_has_twenty_five_hours() {
        // 2026-11-01: clocks go from 2:00 a.m. EDT back to 1:00 a.m. EST.
        let day = date(2026, 11, 1);
        let (start, end) = (start_of(day).unwrap(), end_of(day).unwrap());
        assert_eq!(end - start, 25 * 3600);
        assert_eq!(date_at(start - 60), Some(date(2026, 10, 31))); // 11:59 p.m. EDT
        assert_eq!(date_at(start + 60), Some(day)); // 12:01 a.m. EDT
        assert_eq!(date_at(end - 60), Some(day)); // 11:59 p.m. EST
        assert_eq!(date_at(end + 60), Some(date(2026, 11, 2))); // 12:01 a.m. EST
    }

    fn shown(y: i32, m: u8, d: u8, hour: u8, minute: u8) -> String {
        let at = HartfordTime {
            date: date(y, m, d),
            hour,
            minute,
            second: 59,
        };
        at.to_us_minutes()
    }

    #[test]
    fn a_time_is_shown_as_month_day_year_and_a_twelve_hour_clock() {
        assert_eq!(shown(2020, 1, 10, 11, 17), "01/10/2020 11:17 AM");
        assert_eq!(shown(2026, 12, 2, 15, 5), "12/02/2026 3:05 PM");
        assert_eq!(shown(2026, 12, 2, 23, 59), "12/02/2026 11:59 PM");
    }

    #[test]
    fn midnight_is_twelve_am_and_noon_is_twelve_pm() {
        assert_eq!(shown(2026, 12, 2, 0, 0), "12/02/2026 12:00 AM");
        assert_eq!(shown(2026, 12, 2, 0, 1), "12/02/2026 12:01 AM");
        assert_eq!(shown(2026, 12, 2, 12, 0), "12/02/2026 12:00 PM");
        assert_eq!(shown(2026, 12, 2, 11, 59), "12/02/2026 11:59 AM");
    }

    #[test]
    fn an_instant_is_shown_on_hartfords_clock_across_daylight_saving_time() {
        // 03/08/2026: 1:59 a.m. EST is followed by 3:00 a.m. EDT.
        let spring = start_of(date(2026, 3, 8)).unwrap();
        assert_eq!(date_time_text(spring), "03/08/2026 12:00 AM");
        assert_eq!(date_time_text(spring + 2 * 3600 - 60), "03/08/2026 1:59 AM");
        assert_eq!(date_time_text(spring + 2 * 3600), "03/08/2026 3:00 AM");
        assert_eq!(date_time_text(spring + 12 * 3600), "03/08/2026 1:00 PM");
        // 11/01/2026: 1:59 a.m. EDT is followed by 1:00 a.m. EST.
        let autumn = start_of(date(2026, 11, 1)).unwrap();
        assert_eq!(
            date_time_text(autumn + 3600 + 59 * 60),
            "11/01/2026 1:59 AM"
        );
        assert_eq!(date_time_text(autumn + 2 * 3600), "11/01/2026 1:00 AM");
        assert_eq!(date_time_text(autumn + 14 * 3600), "11/01/2026 1:00 PM");
        // 7 p.m. on 11/22 in Hartford is already 11/23 in UTC.
        assert_eq!(date_time_text(NOV_23_UTC_MIDNIGHT), "11/22/2026 7:00 PM");
        assert_eq!(date_time_text(i64::MAX), "");
    }

    #[test]
    fn seconds_of_day_count_from_local_midnight() {
        let start = start_of(date(2026, 3, 9)).unwrap();
        let at = HartfordTime::at(start + 17 * 3600 + 30).unwrap();
        assert_eq!(at.seconds_of_day(), 17 * 3600 + 30);
    }
}
