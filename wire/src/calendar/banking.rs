//! Which dates a payment can be made for. A payment is sent to the bank one
//! banking day before its date, so the earliest date depends on the time in
//! Hartford: asked on a banking day before the cutoff, the payment goes out
//! today and the earliest date is the next banking day; asked later (or on a
//! weekend or holiday) it goes out on the next banking day and the earliest
//! date is the banking day after that. Dates reach at most a set number of
//! months ahead. The cutoff and the reach are rule rows (`rules`).

use super::Calendar;
use crate::{
    date::{CivilDate, TimeOfDay},
    hartford::HartfordTime,
};

/// Why a payment date was refused; `message` is what the form shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaymentDateError {
    InThePast,
    /// A weekend day or a Federal Reserve holiday: `closed` says which
    /// ("a Saturday", "a bank holiday (Independence Day)").
    NotABankingDay {
        date: CivilDate,
        closed: String,
        next: Option<CivilDate>,
    },
    TooSoon {
        earliest: CivilDate,
    },
    TooLate {
        latest: CivilDate,
    },
}

impl PaymentDateError {
    pub fn message(&self) -> String {
        match self {
            PaymentDateError::InThePast => "The payment date cannot be in the past".to_owned(),
            PaymentDateError::NotABankingDay { date, closed, next } => match next {
                Some(next) => format!(
                    "The payment date must be a banking day: {date} is {closed}. The next banking day is {next}"
                ),
                None => format!("The payment date must be a banking day: {date} is {closed}"),
            },
            PaymentDateError::TooSoon { earliest } => {
                format!("The earliest payment date is {earliest}")
            }
            PaymentDateError::TooLate { latest } => {
                format!("The payment date must be on or before {latest}")
            }
        }
    }
}

/// The banking day a payment asked for at `now` is sent to the bank.
pub fn send_day(banking: Calendar<'_>, now: HartfordTime, cutoff: TimeOfDay) -> Option<CivilDate> {
    if banking.is_open(now.date) && now.time_of_day() < cutoff {
        Some(now.date)
    } else {
        banking.next_open_after(now.date)
    }
}

/// The earliest payment date that can be asked for at `now`.
pub fn earliest_payment_date(
    banking: Calendar<'_>,
    now: HartfordTime,
    cutoff: TimeOfDay,
) -> Option<CivilDate> {
    banking.next_open_after(send_day(banking, now, cutoff)?)
}

/// The latest payment date: `months_ahead` months after today (a year ahead
/// of February 29 is February 28).
pub fn latest_payment_date(today: CivilDate, months_ahead: u8) -> Option<CivilDate> {
    today.add_months(i32::from(months_ahead))
}

/// Checks a requested payment date against the calendar, the cutoff and the reach.
pub fn check_payment_date(
    banking: Calendar<'_>,
    requested: CivilDate,
    now: HartfordTime,
    cutoff: TimeOfDay,
    months_ahead: u8,
) -> Result<(), PaymentDateError> {
    if requested < now.date {
        return Err(PaymentDateError::InThePast);
    }
    if !banking.is_open(requested) {
        let closed = match banking.holiday_closing(requested) {
            Some(holiday) if !requested.is_weekend() => {
                format!("a bank holiday ({})", holiday.name)
            }
            _ => format!("a {}", requested.weekday_name()),
        };
        return Err(PaymentDateError::NotABankingDay {
            date: requested,
            closed,
            next: banking.next_open_after(requested),
        });
    }
    if let Some(latest) = latest_payment_date(now.date, months_ahead) {
        if requested > latest {
            return Err(PaymentDateError::TooLate { latest });
        }
    }
    match earliest_payment_date(banking, now, cutoff) {
        Some(earliest) if requested < earliest => Err(PaymentDateError::TooSoon { earliest }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_of_day_read_as_the_pages_say_them() {
        assert_eq!(TimeOfDay::new(17, 0).unwrap().to_us(), "5:00 p.m.");
        assert_eq!(TimeOfDay::new(0, 5).unwrap().to_us(), "12:05 a.m.");
        assert_eq!(TimeOfDay::new(12, 30).unwrap().to_us(), "12:30 p.m.");
        assert_eq!(TimeOfDay::new(9, 15).unwrap().to_us(), "9:15 a.m.");
        assert!(TimeOfDay::new(24, 0).is_none());
        assert!(TimeOfDay::new(23, 60).is_none());
    }
}
