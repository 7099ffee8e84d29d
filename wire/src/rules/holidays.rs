//! The holiday rows as shipped: Connecticut legal holidays (CGS 1-4) and the
//! Federal Reserve's holidays (Board of Governors, K.8).

use super::connecticut::date;
use crate::{
    calendar::{CalendarKind, HolidayRow, HolidayRule, Observance},
    date::{CivilDate, Weekday},
    effective::InEffect,
};

fn fixed(month: u8, day: u8) -> HolidayRule {
    HolidayRule::Fixed { month, day }
}

fn nth(nth: u8, weekday: Weekday, month: u8) -> HolidayRule {
    HolidayRule::NthWeekday {
        month,
        weekday,
        nth,
    }
}

fn row(
    calendar: CalendarKind,
    name: &str,
    rule: HolidayRule,
    from: Option<CivilDate>,
    source: &str,
) -> HolidayRow {
    HolidayRow {
        calendar,
        name: name.to_owned(),
        rule,
        observance: match calendar {
            CalendarKind::ConnecticutLegal => Observance::NearestWeekday,
            CalendarKind::FederalReserve => Observance::SundayToMonday,
        },
        in_effect: InEffect {
            effective_from: from,
            ..InEffect::sourced(source)
        },
    }
}

pub fn connecticut_legal() -> Vec<HolidayRow> {
    use Weekday::{Monday, Thursday};
    let ct = CalendarKind::ConnecticutLegal;
    let statute = "CGS 1-4";
    let last_monday_in_may = HolidayRule::LastWeekday {
        month: 5,
        weekday: Monday,
    };
    vec![
        row(ct, "New Year's Day", fixed(1, 1), None, statute),
        row(
            ct,
            "Martin Luther King, Jr. Day",
            // "The first Monday occurring on or after January fifteenth".
            nth(3, Monday, 1),
            Some(date(1986, 1, 20)),
            statute,
        ),
        row(ct, "Lincoln's Birthday", fixed(2, 12), None, statute),
        row(
            ct,
            "Washington's Birthday",
            nth(3, Monday, 2),
            None,
            statute,
        ),
        row(
            ct,
            "Good Friday",
            HolidayRule::EasterOffset { days: -2 },
            None,
            "CGS 1-4 (a day of religious observance appointed by the Governor); DAS holiday lists",
        ),
        row(ct, "Memorial Day", last_monday_in_may, None, statute),
        row(
            ct,
            "Juneteenth Independence Day",
            fixed(6, 19),
            Some(date(2022, 10, 1)),
            "CGS 1-4 as amended by P.A. 22-128, effective 10/01/2022",
        ),
        row(ct, "Independence Day", fixed(7, 4), None, statute),
        row(ct, "Labor Day", nth(1, Monday, 9), None, statute),
        row(ct, "Columbus Day", nth(2, Monday, 10), None, statute),
        row(ct, "Veterans' Day", fixed(11, 11), None, statute),
        row(
            ct,
            "Thanksgiving Day",
            nth(4, Thursday, 11),
            None,
            "CGS 1-4 (the day appointed by the Governor or the President)",
        ),
        row(ct, "Christmas", fixed(12, 25), None, statute),
    ]
}

pub fn federal_reserve() -> Vec<HolidayRow> {
    use Weekday::{Monday, Thursday};
    let fed = CalendarKind::FederalReserve;
    let k8 = "Federal Reserve Board, K.8 Holidays Observed by the Federal Reserve System";
    let last_monday_in_may = HolidayRule::LastWeekday {
        month: 5,
        weekday: Monday,
    };
    vec![
        row(fed, "New Year's Day", fixed(1, 1), None, k8),
        row(
            fed,
            "Birthday of Martin Luther King, Jr.",
            nth(3, Monday, 1),
            Some(date(1986, 1, 20)),
            k8,
        ),
        row(fed, "Washington's Birthday", nth(3, Monday, 2), None, k8),
        row(fed, "Memorial Day", last_monday_in_may, None, k8),
        row(
            fed,
            "Juneteenth National Independence Day",
            fixed(6, 19),
            Some(date(2021, 6, 17)),
            "Juneteenth National Independence Day Act, signed 06/17/2021; K.8",
        ),
        row(fed, "Independence Day", fixed(7, 4), None, k8),
        row(fed, "Labor Day", nth(1, Monday, 9), None, k8),
        row(fed, "Columbus Day", nth(2, Monday, 10), None, k8),
        row(fed, "Veterans Day", fixed(11, 11), None, k8),
        row(fed, "Thanksgiving Day", nth(4, Thursday, 11), None, k8),
        row(fed, "Christmas Day", fixed(12, 25), None, k8),
    ]
}
