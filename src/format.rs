//! Showing instants (seconds since the Unix epoch) as Connecticut dates and
//! times: Hartford's clock (America/New_York, with daylight saving time), the
//! same calendar the server's business rules count in, whatever the time zone
//! of the browser.

use wire::{hartford::HartfordTime, CivilDate};

/// `11:17:49 AM`; midnight is `12:00:00 AM`, noon `12:00:00 PM`.
pub fn clock_12h(hour: u8, minute: u8, second: u8) -> String {
    let suffix = if hour < 12 { "AM" } else { "PM" };
    let hour12 = match hour % 12 {
        0 => 12,
        h => h,
    };
    format!("{hour12:02}:{minute:02}:{second:02} {suffix}")
}

/// `Friday, 01/10/2020 11:17:49 AM`, as the Summary's last sign-in line.
pub fn sign_in_text(at: HartfordTime) -> String {
    format!("{}, {}", at.date.weekday_name(), date_time_text(at))
}

/// `01/10/2020 11:17:49 AM`.
fn date_time_text(at: HartfordTime) -> String {
    format!(
        "{} {}",
        at.date.to_us(),
        clock_12h(at.hour, at.minute, at.second)
    )
}

/// An instant as `mm/dd/yyyy hh:mm:ss AM`, Hartford time; empty if out of range.
pub fn date_time(seconds: i64) -> String {
    HartfordTime::at(seconds)
        .map(date_time_text)
        .unwrap_or_default()
}

/// The Hartford calendar date of an instant, `mm/dd/yyyy`; empty if out of range.
pub fn date_us(seconds: i64) -> String {
    wire::hartford::date_at(seconds)
        .map(CivilDate::to_us)
        .unwrap_or_default()
}

/// `January 10, 2020`: the Hartford calendar date of an instant.
pub fn date_long(seconds: i64) -> Option<String> {
    wire::hartford::date_at(seconds).map(CivilDate::to_long)
}

/// Today in Hartford (an end date may not be before it), as the server counts it.
pub fn today() -> Option<CivilDate> {
    wire::hartford::date_at((js_sys::Date::now() / 1000.0) as i64)
}

/// "You last logged in on …", or the first-time line.
pub fn last_sign_in_sentence(previous: Option<i64>) -> String {
    match previous.and_then(HartfordTime::at) {
        Some(at) => format!("You last logged in on {}", sign_in_text(at)),
        None => "This is your first time logging in.".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twelve_hour_clock() {
        assert_eq!(clock_12h(11, 17, 49), "11:17:49 AM");
        assert_eq!(clock_12h(0, 0, 0), "12:00:00 AM");
        assert_eq!(clock_12h(12, 5, 9), "12:05:09 PM");
        assert_eq!(clock_12h(23, 59, 59), "11:59:59 PM");
    }

    #[test]
    fn sign_in_text_matches_the_tutorial() {
        let at = HartfordTime {
            date: CivilDate::new(2020, 1, 10).unwrap(),
            hour: 11,
            minute: 17,
            second: 49,
        };
        assert_eq!(sign_in_text(at), "Friday, 01/10/2020 11:17:49 AM");
    }

    #[test]
    fn instants_show_on_the_hartford_clock() {
        // 2020-01-10 16:17:49 UTC is 11:17:49 a.m. EST.
        assert_eq!(date_time(1_578_673_069), "01/10/2020 11:17:49 AM");
        // 2026-11-23 00:00 UTC is still the evening of 11/22 in Hartford.
        assert_eq!(date_us(1_795_392_000), "11/22/2026");
    }
}
