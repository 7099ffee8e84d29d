//! Counting "months or fractions of a month" between two dates.

use crate::date::CivilDate;

/// How many months or fractions of a month run from `from` to `to`: 0 when
/// `to` is not after `from`, else the fewest whole months that reach `to`.
/// Months step on the same day of the month (clamped to the month's length);
/// from a month's last day they step month end to month end, so interest from
/// April 30 to May 31 is one month, not two.
pub fn months_or_fractions(from: CivilDate, to: CivilDate) -> u32 {
    if to <= from {
        return 0;
    }
    let month_end = from.is_last_day_of_month();
    let step = |n: u32| {
        if month_end {
            from.end_of_month_after(n)
        } else {
            from.add_months(n as i32)
        }
    };
    // One step fewer than the calendar months between them lands in the month
    // before `to`'s, so it cannot overshoot; count up from there.
    let span = (to.year() - from.year()) * 12 + i32::from(to.month()) - i32::from(from.month());
    let mut n = (span - 1).max(1) as u32;
    while step(n).is_some_and(|reached| reached < to) {
        n += 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u8, d: u8) -> CivilDate {
        CivilDate::new(y, m, d).unwrap()
    }

    fn months(from: (i32, u8, u8), to: (i32, u8, u8)) -> u32 {
        months_or_fractions(date(from.0, from.1, from.2), date(to.0, to.1, to.2))
    }

    #[test]
    fn nothing_runs_on_or_before_the_due_date() {
        assert_eq!(months((2026, 1, 31), (2026, 1, 31)), 0);
        assert_eq!(months((2026, 1, 31), (2026, 1, 15)), 0);
    }

    #[test]
    fn one_day_late_is_a_fraction_of_a_month_and_counts_as_one() {
        assert_eq!(months((2026, 1, 31), (2026, 2, 1)), 1);
        assert_eq!(months((2026, 2, 2), (2026, 2, 3)), 1);
    }

    #[test]
    fn month_ends_step_to_month_ends() {
        assert_eq!(months((2026, 1, 31), (2026, 2, 28)), 1);
        assert_eq!(months((2026, 1, 31), (2026, 3, 1)), 2);
        assert_eq!(months((2026, 4, 30), (2026, 5, 31)), 1);
        assert_eq!(months((2026, 4, 30), (2026, 6, 1)), 2);
        assert_eq!(months((2024, 2, 29), (2024, 3, 31)), 1);
    }

    #[test]
    fn other_days_step_to_the_same_day_of_the_month() {
        assert_eq!(months((2026, 2, 2), (2026, 3, 2)), 1);
        assert_eq!(months((2026, 2, 2), (2026, 3, 3)), 2);
        assert_eq!(months((2026, 2, 20), (2027, 2, 20)), 12);
        assert_eq!(months((2026, 2, 20), (2027, 2, 21)), 13);
    }

    #[test]
    fn long_spans_count_every_month() {
        assert_eq!(months((2023, 1, 31), (2026, 1, 31)), 36);
        assert_eq!(months((2023, 1, 31), (2026, 2, 1)), 37);
    }
}
