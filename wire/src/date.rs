//! A calendar date without a time zone: period ends, due dates, payment dates.
//! Travels as ISO `YYYY-MM-DD`; people see and type it as mm/dd/yyyy.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CivilDate {
    year: i32,
    month: u8,
    day: u8,
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl CivilDate {
    /// The earliest and latest years the portal accepts anywhere.
    pub const MIN_YEAR: i32 = 1900;
    pub const MAX_YEAR: i32 = 2199;

    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        let valid = (Self::MIN_YEAR..=Self::MAX_YEAR).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Self { year, month, day })
    }

    pub fn year(self) -> i32 {
        self.year
    }
    pub fn month(self) -> u8 {
        self.month
    }
    pub fn day(self) -> u8 {
        self.day
    }

    /// Parses `YYYY-MM-DD`, the wire and database form.
    pub fn parse_iso(text: &str) -> Option<Self> {
        let mut parts = text.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Self::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// Parses the three boxes of a date input (GOV.UK pattern). The error names
    /// which part is wrong so the form can point at that box.
    pub fn parse_parts(month: &str, day: &str, year: &str) -> Result<Self, DatePartError> {
        let (month, day, year) = (month.trim(), day.trim(), year.trim());
        if month.is_empty() && day.is_empty() && year.is_empty() {
            return Err(DatePartError::Missing);
        }
        let number = |text: &str, part: DatePart| -> Result<u32, DatePartError> {
            if text.is_empty() {
                return Err(DatePartError::MissingPart(part));
            }
            text.parse::<u32>()
                .map_err(|_| DatePartError::NotANumber(part))
        };
        let m = number(month, DatePart::Month)?;
        let d = number(day, DatePart::Day)?;
        let y = number(year, DatePart::Year)?;
        if !(1..=12).contains(&m) {
            return Err(DatePartError::OutOfRange(DatePart::Month));
        }
        if year.len() != 4 {
            return Err(DatePartError::YearNotFourDigits);
        }
        let y = y as i32;
        if !(Self::MIN_YEAR..=Self::MAX_YEAR).contains(&y) {
            return Err(DatePartError::OutOfRange(DatePart::Year));
        }
        Self::new(y, m as u8, d.min(255) as u8).ok_or(DatePartError::NoSuchDay)
    }

    pub fn to_iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// The form people read and type: `mm/dd/yyyy`.
    pub fn to_us(self) -> String {
        format!("{:02}/{:02}/{:04}", self.month, self.day, self.year)
    }

    /// `January 10, 2020`, for sentences ("Last changed January 10, 2020").
    pub fn to_long(self) -> String {
        format!(
            "{} {}, {}",
            MONTH_NAMES[usize::from(self.month - 1)],
            self.day,
            self.year
        )
    }

    pub fn weekday_name(self) -> &'static str {
        // 1970-01-01 was a Thursday (index 3 from Monday).
        let index = (self.days_since_epoch() + 3).rem_euclid(7);
        WEEKDAY_NAMES[index as usize]
    }

    /// Days since 1970-01-01 (negative before), by the civil-from-days algorithm.
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days_since_epoch(days: i64) -> Option<Self> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Self::new(i32::try_from(year).ok()?, month, day)
    }

    pub fn add_days(self, days: i64) -> Option<Self> {
        Self::from_days_since_epoch(self.days_since_epoch() + days)
    }

    /// The last day of the month `months` after this date's month.
    pub fn end_of_month_after(self, months: u32) -> Option<Self> {
        let index = i64::from(self.year) * 12 + i64::from(self.month - 1) + i64::from(months);
        let year = i32::try_from(index.div_euclid(12)).ok()?;
        let month = (index.rem_euclid(12) + 1) as u8;
        Self::new(year, month, days_in_month(year, month))
    }

    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday (index 3 from Monday).
        Weekday::ALL[(self.days_since_epoch() + 3).rem_euclid(7) as usize]
    }

    pub fn is_weekend(self) -> bool {
        matches!(self.weekday(), Weekday::Saturday | Weekday::Sunday)
    }

    pub fn is_last_day_of_month(self) -> bool {
        self.day == days_in_month(self.year, self.month)
    }

    pub fn first_of_month(self) -> Self {
        Self { day: 1, ..self }
    }

    /// The day `day` of the month `months` after (or, if negative, before) this
    /// date's month, clamped to that month's length: day 31 in February is the
    /// 28th or 29th.
    pub fn day_of_month_after(self, months: i32, day: u8) -> Option<Self> {
        let index = i64::from(self.year) * 12 + i64::from(self.month - 1) + i64::from(months);
        let year = i32::try_from(index.div_euclid(12)).ok()?;
        let month = (index.rem_euclid(12) + 1) as u8;
        Self::new(year, month, day.clamp(1, days_in_month(year, month)))
    }

    /// The same day of the month `months` later, clamped to the month's length
    /// (January 31 plus one month is February 28 or 29).
    pub fn add_months(self, months: i32) -> Option<Self> {
        self.day_of_month_after(months, self.day)
    }
}

/// A day of the week, Monday first (ISO 8601).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// 0 for Monday through 6 for Sunday.
    pub fn index(self) -> u8 {
        self as u8
    }

    pub fn name(self) -> &'static str {
        WEEKDAY_NAMES[usize::from(self.index())]
    }
}

/// A time of day on the wall clock, to the minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TimeOfDay {
    pub hour: u8,
    pub minute: u8,
}

impl TimeOfDay {
    pub fn new(hour: u8, minute: u8) -> Option<Self> {
        (hour < 24 && minute < 60).then_some(Self { hour, minute })
    }

    /// `5:00 p.m.`, as the payment pages say it.
    pub fn to_us(self) -> String {
        let (hour, half) = match self.hour {
            0 => (12, "a.m."),
            1..=11 => (self.hour, "a.m."),
            12 => (12, "p.m."),
            _ => (self.hour - 12, "p.m."),
        };
        format!("{hour}:{:02} {half}", self.minute)
    }
}

impl fmt::Display for CivilDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_us())
    }
}

impl Serialize for CivilDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_iso())
    }
}

impl<'de> Deserialize<'de> for CivilDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse_iso(&text)
            .ok_or_else(|| serde::de::Error::custom("expected a real date as YYYY-MM-DD"))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatePart {
    Month,
    Day,
    Year,
}

impl DatePart {
    pub fn name(self) -> &'static str {
        match self {
            DatePart::Month => "month",
            DatePart::Day => "day",
            DatePart::Year => "year",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatePartError {
    Missing,
    MissingPart(DatePart),
    NotANumber(DatePart),
    OutOfRange(DatePart),
    YearNotFourDigits,
    NoSuchDay,
}

impl DatePartError {
    /// The box the error belongs to, so focus can go to it; `None` means the first box.
    pub fn part(self) -> Option<DatePart> {
        match self {
            DatePartError::MissingPart(p)
            | DatePartError::NotANumber(p)
            | DatePartError::OutOfRange(p) => Some(p),
            DatePartError::YearNotFourDigits => Some(DatePart::Year),
            DatePartError::NoSuchDay => Some(DatePart::Day),
            DatePartError::Missing => None,
        }
    }

    /// A GOV.UK-style message; `label` is the question, e.g. "Payment date".
    pub fn message(self, label: &str) -> String {
        match self {
            DatePartError::Missing => format!("Enter the {}", label.to_lowercase()),
            DatePartError::MissingPart(p) => {
                format!("{label} must include a {}", p.name())
            }
            DatePartError::NotANumber(p) => format!("The {} must be a number", p.name()),
            DatePartError::OutOfRange(DatePart::Month) => {
                "The month must be a number from 1 to 12".to_owned()
            }
            DatePartError::OutOfRange(DatePart::Year) => format!(
                "The year must be between {} and {}",
                CivilDate::MIN_YEAR,
                CivilDate::MAX_YEAR
            ),
            DatePartError::OutOfRange(DatePart::Day) | DatePartError::NoSuchDay => {
                format!("{label} must be a real date")
            }
            DatePartError::YearNotFourDigits => "The year must include 4 numbers".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_round_trip_and_show_as_month_day_year() {
        let date = CivilDate::parse_iso("2020-12-31").unwrap();
        assert_eq!(date.to_iso(), "2020-12-31");
        assert_eq!(date.to_us(), "12/31/2020");
        assert_eq!(date.to_long(), "December 31, 2020");
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert!(CivilDate::parse_iso("2021-02-29").is_none());
        assert!(CivilDate::parse_iso("2020-02-29").is_some());
        assert!(CivilDate::parse_iso("1900-02-29").is_none());
        assert!(CivilDate::parse_iso("2000-02-29").is_some());
        assert!(CivilDate::parse_iso("2020-13-01").is_none());
        assert!(CivilDate::parse_iso("2020-1-01").is_none());
        assert!(CivilDate::parse_iso("20201231").is_none());
    }

    #[test]
    fn weekdays_match_the_calendar() {
        // The tutorial's last sign-in: Friday, Jan 10, 2020.
        assert_eq!(
            CivilDate::new(2020, 1, 10).unwrap().weekday_name(),
            "Friday"
        );
        assert_eq!(
            CivilDate::new(2026, 11, 23).unwrap().weekday_name(),
            "Monday"
        );
    }

    #[test]
    fn days_since_epoch_round_trips_over_three_centuries() {
        let mut day = CivilDate::new(1900, 1, 1).unwrap().days_since_epoch();
        let last = CivilDate::new(2199, 12, 31).unwrap().days_since_epoch();
        while day <= last {
            let date = CivilDate::from_days_since_epoch(day).unwrap();
            assert_eq!(date.days_since_epoch(), day);
            day += 1;
        }
    }

    #[test]
    fn month_ends_roll_over_years() {
        let date = CivilDate::new(2020, 12, 31).unwrap();
        assert_eq!(date.end_of_month_after(1), CivilDate::new(2021, 1, 31));
        assert_eq!(
            CivilDate::new(2023, 11, 30).unwrap().end_of_month_after(3),
            CivilDate::new(2024, 2, 29)
        );
    }

    #[test]
    fn date_boxes_report_which_part_is_wrong() {
        assert_eq!(
            CivilDate::parse_parts("2", "29", "2024"),
            Ok(CivilDate::new(2024, 2, 29).unwrap())
        );
        assert_eq!(
            CivilDate::parse_parts("", "", ""),
            Err(DatePartError::Missing)
        );
        assert_eq!(
            CivilDate::parse_parts("2", "", "2024"),
            Err(DatePartError::MissingPart(DatePart::Day))
        );
        assert_eq!(
            CivilDate::parse_parts("13", "1", "2024"),
            Err(DatePartError::OutOfRange(DatePart::Month))
        );
        assert_eq!(
            CivilDate::parse_parts("2", "30", "2024"),
            Err(DatePartError::NoSuchDay)
        );
        assert_eq!(
            CivilDate::parse_parts("2", "3", "24"),
            Err(DatePartError::YearNotFourDigits)
        );
        assert_eq!(
            CivilDate::parse_parts("x", "3", "2024"),
            Err(DatePartError::NotANumber(DatePart::Month))
        );
        assert_eq!(
            DatePartError::MissingPart(DatePart::Day).message("Payment date"),
            "Payment date must include a day"
        );
    }

    #[test]
    fn weekdays_are_numbered_from_monday() {
        let friday = CivilDate::new(2026, 7, 3).unwrap();
        assert_eq!(friday.weekday(), Weekday::Friday);
        assert_eq!(friday.weekday().name(), friday.weekday_name());
        assert!(!friday.is_weekend());
        assert!(CivilDate::new(2026, 7, 4).unwrap().is_weekend());
        assert_eq!(Weekday::Sunday.index(), 6);
    }

    #[test]
    fn adding_months_keeps_the_day_or_clamps_to_the_month_end() {
        let jan31 = CivilDate::new(2024, 1, 31).unwrap();
        assert_eq!(jan31.add_months(1), CivilDate::new(2024, 2, 29));
        assert_eq!(jan31.add_months(2), CivilDate::new(2024, 3, 31));
        assert_eq!(jan31.add_months(-2), CivilDate::new(2023, 11, 30));
        assert_eq!(jan31.add_months(12), CivilDate::new(2025, 1, 31));
        assert_eq!(
            CivilDate::new(2024, 12, 31)
                .unwrap()
                .day_of_month_after(1, 31),
            CivilDate::new(2025, 1, 31)
        );
        assert!(CivilDate::new(2024, 2, 29).unwrap().is_last_day_of_month());
        assert_eq!(
            CivilDate::new(2024, 2, 29).unwrap().first_of_month(),
            CivilDate::new(2024, 2, 1).unwrap()
        );
    }

    #[test]
    fn dates_travel_as_iso_strings() {
        let date = CivilDate::new(2021, 1, 31).unwrap();
        assert_eq!(serde_json::to_string(&date).unwrap(), "\"2021-01-31\"");
        let back: CivilDate = serde_json::from_str("\"2021-01-31\"").unwrap();
        assert_eq!(back, date);
        assert!(serde_json::from_str::<CivilDate>("\"2021-02-30\"").is_err());
    }
}
