//! Showing instants (seconds since the Unix epoch) in the browser's local time.

use wire::CivilDate;

/// A moment as the browser's clock and calendar show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalDateTime {
    pub date: CivilDate,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

impl LocalDateTime {
    /// Converts with the browser's time zone (`js_sys::Date`); `None` outside
    /// the years the portal handles.
    pub fn from_epoch_seconds(seconds: i64) -> Option<Self> {
        let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(seconds as f64 * 1000.0));
        if date.get_time().is_nan() {
            return None;
        }
        let civil = CivilDate::new(
            i32::try_from(date.get_full_year()).ok()?,
            u8::try_from(date.get_month() + 1).ok()?,
            u8::try_from(date.get_date()).ok()?,
        )?;
        Some(Self {
            date: civil,
            hour: u8::try_from(date.get_hours()).ok()?,
            minute: u8::try_from(date.get_minutes()).ok()?,
            second: u8::try_from(date.get_seconds()).ok()?,
        })
    }

    /// `Friday, 01/10/2020 11:17:49 AM`, as the Summary's last sign-in line.
    pub fn to_sign_in_text(self) -> String {
        format!(
            "{}, {} {}",
            self.date.weekday_name(),
            self.date.to_us(),
            clock_12h(self.hour, self.minute, self.second)
        )
    }
}

/// `11:17:49 AM`; midnight is `12:00:00 AM`, noon `12:00:00 PM`.
pub fn clock_12h(hour: u8, minute: u8, second: u8) -> String {
    let suffix = if hour < 12 { "AM" } else { "PM" };
    let hour12 = match hour % 12 {
        0 => 12,
        h => h,
    };
    format!("{hour12:02}:{minute:02}:{second:02} {suffix}")
}

/// "You last logged in on …", or the first-time line.
pub fn last_sign_in_sentence(previous: Option<i64>) -> String {
    match previous.and_then(LocalDateTime::from_epoch_seconds) {
        Some(at) => format!("You last logged in on {}", at.to_sign_in_text()),
        None => "This is your first time logging in.".to_owned(),
    }
}

/// `January 10, 2020`: the local calendar date of an instant.
pub fn long_local_date(seconds: i64) -> Option<String> {
    LocalDateTime::from_epoch_seconds(seconds).map(|at| at.date.to_long())
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
        let at = LocalDateTime {
            date: CivilDate::new(2020, 1, 10).unwrap(),
            hour: 11,
            minute: 17,
            second: 49,
        };
        assert_eq!(at.to_sign_in_text(), "Friday, 01/10/2020 11:17:49 AM");
    }
}
