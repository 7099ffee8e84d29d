//! Showing instants (seconds since the Unix epoch) as Connecticut dates and
//! times: Hartford's clock (America/New_York, with daylight saving time), the
//! same calendar the server's business rules count in (`wire::hartford`),
//! whatever the time zone of the browser.
//!
//! The conversion asks the browser's own time-zone database (`Intl`), like
//! `String.prototype.normalize` for passwords: carrying jiff's copy of the zone
//! in the wasm cost 8.4 KB gzip of first load, measured.

use wasm_bindgen::JsValue;
use wire::{hartford::HartfordTime, CivilDate};

thread_local! {
    /// Made once: building an `Intl.DateTimeFormat` is the slow part.
    static HARTFORD_PARTS: js_sys::Intl::DateTimeFormat = {
        let options = js_sys::Object::new();
        for (key, value) in [
            ("timeZone", "America/New_York"),
            ("hourCycle", "h23"),
            ("year", "numeric"),
            ("month", "numeric"),
            ("day", "numeric"),
            ("hour", "numeric"),
            ("minute", "numeric"),
            ("second", "numeric"),
        ] {
            let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
        }
        js_sys::Intl::DateTimeFormat::new(&js_sys::Array::of1(&"en-US".into()), &options)
    };
}

/// The Hartford date and time of an instant; `None` outside the years the
/// portal handles.
pub fn hartford_time(seconds: i64) -> Option<HartfordTime> {
    let date = js_sys::Date::new(&JsValue::from_f64(seconds as f64 * 1000.0));
    if date.get_time().is_nan() {
        return None;
    }
    let parts = HARTFORD_PARTS.with(|format| format.format_to_parts(&date));
    let mut numbers = [0u32; 6]; // year, month, day, hour, minute, second
    for part in parts.iter() {
        let field = |name: &str| {
            js_sys::Reflect::get(&part, &name.into())
                .ok()
                .and_then(|value| value.as_string())
        };
        let slot = match field("type")?.as_str() {
            "year" => 0,
            "month" => 1,
            "day" => 2,
            "hour" => 3,
            "minute" => 4,
            "second" => 5,
            _ => continue,
        };
        numbers[slot] = field("value")?.parse().ok()?;
    }
    let [year, month, day, hour, minute, second] = numbers;
    Some(HartfordTime {
        date: CivilDate::new(
            i32::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )?,
        hour: u8::try_from(hour).ok()?,
        minute: u8::try_from(minute).ok()?,
        second: u8::try_from(second).ok()?,
    })
}

/// `Friday, 01/10/2020 11:17 AM`, as the Summary's last sign-in line.
pub fn sign_in_text(at: HartfordTime) -> String {
    format!("{}, {}", at.date.weekday_name(), at.to_us_minutes())
}

/// An instant as `mm/dd/yyyy h:mm AM`, Hartford time (the one format,
/// `wire::hartford`); empty if out of range.
pub fn date_time(seconds: i64) -> String {
    hartford_time(seconds)
        .map(HartfordTime::to_us_minutes)
        .unwrap_or_default()
}

/// The Hartford calendar date of an instant, `mm/dd/yyyy`; empty if out of range.
pub fn date_us(seconds: i64) -> String {
    hartford_time(seconds)
        .map(|at| at.date.to_us())
        .unwrap_or_default()
}

/// `January 10, 2020`: the Hartford calendar date of an instant.
pub fn date_long(seconds: i64) -> Option<String> {
    hartford_time(seconds).map(|at| at.date.to_long())
}

/// Today in Hartford (an end date may not be before it), as the server counts it.
pub fn today() -> Option<CivilDate> {
    hartford_time((js_sys::Date::now() / 1000.0) as i64).map(|at| at.date)
}

/// "You last logged in on …", or the first-time line.
pub fn last_sign_in_sentence(previous: Option<i64>) -> String {
    match previous.and_then(hartford_time) {
        Some(at) => format!("You last logged in on {}", sign_in_text(at)),
        None => "This is your first time logging in.".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_in_text_matches_the_tutorial() {
        let at = HartfordTime {
            date: CivilDate::new(2020, 1, 10).unwrap(),
            hour: 11,
            minute: 17,
            second: 49,
        };
        assert_eq!(sign_in_text(at), "Friday, 01/10/2020 11:17 AM");
    }
}
