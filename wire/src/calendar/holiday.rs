//! One holiday as a data row: when it falls, which day closes when it falls on
//! a weekend, and the years it applies to.

use crate::{
    date::{days_in_month, CivilDate, Weekday},
    effective::InEffect,
};
use serde::{Deserialize, Serialize};

/// Which closing calendar a row belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CalendarKind {
    /// Connecticut legal holidays (CGS 1-4): a due date on one of them moves
    /// to the next business day (CGS 12-39a).
    ConnecticutLegal,
    /// Days the Federal Reserve Banks are closed: no ACH settlement.
    FederalReserve,
}

/// When in the year a holiday falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum HolidayRule {
    /// The same month and day every year (July 4).
    Fixed { month: u8, day: u8 },
    /// The `nth` (1–5) given weekday of the month (third Monday in January).
    NthWeekday {
        month: u8,
        weekday: Weekday,
        nth: u8,
    },
    /// The last given weekday of the month (last Monday in May).
    LastWeekday { month: u8, weekday: Weekday },
    /// Days after (negative: before) Easter Sunday; Good Friday is −2.
    EasterOffset { days: i16 },
}

/// Which weekday closes when the holiday itself falls on a weekend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Observance {
    /// A Sunday holiday closes the Monday after; a Saturday one closes nothing
    /// (the Federal Reserve Banks are open the Friday before).
    SundayToMonday,
    /// A Saturday holiday closes the Friday before, a Sunday one the Monday
    /// after (CGS 1-4, for holidays not set on a Monday).
    NearestWeekday,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HolidayRow {
    pub calendar: CalendarKind,
    pub name: String,
    pub rule: HolidayRule,
    pub observance: Observance,
    /// Which holidays the row covers, by the holiday's own date.
    #[serde(flatten)]
    pub in_effect: InEffect,
}

/// A holiday in one year: the day itself and the weekday it closes, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holiday {
    pub name: String,
    pub date: CivilDate,
    /// `None` when the holiday closes no weekday (a Saturday holiday at the Fed).
    pub closed_on: Option<CivilDate>,
}

impl HolidayRule {
    /// The holiday's own date in `year`, before any weekend observance.
    pub fn date_in(self, year: i32) -> Option<CivilDate> {
        match self {
            HolidayRule::Fixed { month, day } => CivilDate::new(year, month, day),
            HolidayRule::NthWeekday {
                month,
                weekday,
                nth,
            } => {
                let first = CivilDate::new(year, month, 1)?;
                let offset = (7 + weekday.index() - first.weekday().index()) % 7;
                let day = 1 + offset + 7 * nth.checked_sub(1)?;
                (day <= days_in_month(year, month))
                    .then(|| CivilDate::new(year, month, day))
                    .flatten()
            }
            HolidayRule::LastWeekday { month, weekday } => {
                let last = CivilDate::new(year, month, days_in_month(year, month))?;
                let back = (7 + last.weekday().index() - weekday.index()) % 7;
                last.add_days(-i64::from(back))
            }
            HolidayRule::EasterOffset { days } => easter_sunday(year)?.add_days(i64::from(days)),
        }
    }
}

impl Observance {
    /// The weekday closed for a holiday falling on `date`.
    pub fn closed_on(self, date: CivilDate) -> Option<CivilDate> {
        match (self, date.weekday()) {
            (_, Weekday::Sunday) => date.add_days(1),
            (Observance::SundayToMonday, Weekday::Saturday) => None,
            (Observance::NearestWeekday, Weekday::Saturday) => date.add_days(-1),
            _ => Some(date),
        }
    }
}

impl HolidayRow {
    /// This row's holiday in `year`, if the row is in effect then.
    pub fn in_year(&self, year: i32) -> Option<Holiday> {
        let date = self.rule.date_in(year)?;
        self.in_effect.includes(date).then(|| Holiday {
            name: self.name.clone(),
            date,
            closed_on: self.observance.closed_on(date),
        })
    }
}

/// Easter Sunday in the Gregorian calendar (the anonymous algorithm published
/// by Meeus, "Astronomical Algorithms", valid for every Gregorian year).
pub fn easter_sunday(year: i32) -> Option<CivilDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    CivilDate::new(year, u8::try_from(month).ok()?, u8::try_from(day).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u8, d: u8) -> CivilDate {
        CivilDate::new(y, m, d).unwrap()
    }

    #[test]
    fn easter_falls_on_the_published_sundays() {
        let known = [
            (2019, 4, 21),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2028, 4, 16),
            (2029, 4, 1),
            (2030, 4, 21),
            (2038, 4, 25),
            (2008, 3, 23),
            (2011, 4, 24),
        ];
        for (y, m, d) in known {
            assert_eq!(easter_sunday(y), Some(date(y, m, d)), "Easter {y}");
        }
    }

    #[test]
    fn weekday_rules_find_the_right_day_of_the_month() {
        let third_monday = HolidayRule::NthWeekday {
            month: 1,
            weekday: Weekday::Monday,
            nth: 3,
        };
        assert_eq!(third_monday.date_in(2026), Some(date(2026, 1, 19)));
        assert_eq!(third_monday.date_in(2030), Some(date(2030, 1, 21)));
        let last_monday = HolidayRule::LastWeekday {
            month: 5,
            weekday: Weekday::Monday,
        };
        assert_eq!(last_monday.date_in(2027), Some(date(2027, 5, 31)));
        let fifth_friday = HolidayRule::NthWeekday {
            month: 2,
            weekday: Weekday::Friday,
            nth: 5,
        };
        assert_eq!(fifth_friday.date_in(2026), None);
        assert_eq!(
            HolidayRule::EasterOffset { days: -2 }.date_in(2026),
            Some(date(2026, 4, 3))
        );
    }

    #[test]
    fn weekend_holidays_close_the_weekday_their_observance_names() {
        let saturday = date(2026, 7, 4);
        let sunday = date(2027, 7, 4);
        assert_eq!(Observance::SundayToMonday.closed_on(saturday), None);
        assert_eq!(
            Observance::SundayToMonday.closed_on(sunday),
            Some(date(2027, 7, 5))
        );
        assert_eq!(
            Observance::NearestWeekday.closed_on(saturday),
            Some(date(2026, 7, 3))
        );
        assert_eq!(
            Observance::NearestWeekday.closed_on(sunday),
            Some(date(2027, 7, 5))
        );
    }

    #[test]
    fn a_row_applies_only_within_its_effective_dates() {
        let row = HolidayRow {
            calendar: CalendarKind::FederalReserve,
            name: "Juneteenth National Independence Day".to_owned(),
            rule: HolidayRule::Fixed { month: 6, day: 19 },
            observance: Observance::SundayToMonday,
            in_effect: InEffect::sourced("test").from(date(2021, 6, 17)),
        };
        assert_eq!(row.in_year(2020), None);
        assert_eq!(
            row.in_year(2022).unwrap().closed_on,
            Some(date(2022, 6, 20))
        );
    }

    #[test]
    fn holiday_rows_travel_as_tagged_json() {
        let rule = HolidayRule::NthWeekday {
            month: 11,
            weekday: Weekday::Thursday,
            nth: 4,
        };
        let json = serde_json::to_string(&rule).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"nth_weekday","month":11,"weekday":"thursday","nth":4}"#
        );
        assert_eq!(serde_json::from_str::<HolidayRule>(&json).unwrap(), rule);
    }
}
