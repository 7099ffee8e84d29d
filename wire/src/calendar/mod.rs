//! Business days and banking days. Both calendars are holiday rows (data with
//! effective dates, see [`holiday`]); a day is open when it is a weekday that
//! no holiday of the calendar closes.
//!
//! Connecticut legal holidays decide due dates (a due date on a weekend or a
//! legal holiday moves to the next business day); Federal Reserve holidays
//! decide which days a payment can settle ([`banking`]).

pub mod banking;
pub mod holiday;

pub use crate::{date::TimeOfDay, hartford::HartfordTime};
pub use banking::PaymentDateError;
pub use holiday::{CalendarKind, Holiday, HolidayRow, HolidayRule, Observance};

use crate::date::CivilDate;

/// One calendar's view of a set of holiday rows.
#[derive(Debug, Clone, Copy)]
pub struct Calendar<'a> {
    kind: CalendarKind,
    rows: &'a [HolidayRow],
}

impl<'a> Calendar<'a> {
    /// `rows` may hold both calendars' rows; only `kind`'s are used.
    pub fn new(kind: CalendarKind, rows: &'a [HolidayRow]) -> Self {
        Self { kind, rows }
    }

    pub fn kind(self) -> CalendarKind {
        self.kind
    }

    /// The calendar's holidays falling in `year`, in date order. A holiday can
    /// close a day of the year before (New Year's Day on a Saturday closes
    /// December 31 in Connecticut).
    pub fn holidays_in(self, year: i32) -> Vec<Holiday> {
        let mut holidays: Vec<Holiday> = self
            .rows
            .iter()
            .filter(|row| row.calendar == self.kind)
            .filter_map(|row| row.in_year(year))
            .collect();
        holidays.sort_by_key(|h| h.date);
        holidays
    }

    /// The holiday that closes `date`, if any.
    pub fn holiday_closing(self, date: CivilDate) -> Option<Holiday> {
        // Only a December day can be closed for next year's holiday.
        let last_year = date.year() + i32::from(date.month() == 12);
        (date.year()..=last_year)
            .flat_map(|year| self.holidays_in(year))
            .find(|h| h.closed_on == Some(date))
    }

    /// A weekday no holiday closes.
    pub fn is_open(self, date: CivilDate) -> bool {
        !date.is_weekend() && self.holiday_closing(date).is_none()
    }

    /// The first open day strictly after `date` (`None` past the calendar's end).
    pub fn next_open_after(self, date: CivilDate) -> Option<CivilDate> {
        let mut day = date.add_days(1)?;
        while !self.is_open(day) {
            day = day.add_days(1)?;
        }
        Some(day)
    }

    /// `date` itself when open, else the next open day: how a due date rolls.
    pub fn on_or_after(self, date: CivilDate) -> Option<CivilDate> {
        if self.is_open(date) {
            Some(date)
        } else {
            self.next_open_after(date)
        }
    }
}
