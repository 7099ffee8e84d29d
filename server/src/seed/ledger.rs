//! Filing periods and their ledgers, generated the same way every time.

use wire::{tax::FilingFrequency, CivilDate};

/// splitmix64: a tiny, well-mixed generator, so the demo is the same on every machine.
pub struct Dice(u64);

impl Dice {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `low..high`.
    pub fn range(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodSpan {
    pub start: CivilDate,
    pub end: CivilDate,
    /// Returns and payments are due the last day of the month after the period ends.
    pub due: CivilDate,
}

/// Every period from January of `first_year` through the one containing `today`.
pub fn periods(frequency: FilingFrequency, first_year: i32, today: CivilDate) -> Vec<PeriodSpan> {
    let mut spans = Vec::new();
    let mut start = CivilDate::new(first_year, 1, 1).expect("January 1st exists");
    while start <= today {
        let end = start
            .end_of_month_after(frequency.months() - 1)
            .expect("within supported years");
        let due = end.end_of_month_after(1).expect("within supported years");
        spans.push(PeriodSpan { start, end, due });
        start = end.add_days(1).expect("within supported years");
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annual_periods_run_to_the_one_containing_today() {
        let today = CivilDate::new(2026, 11, 23).unwrap();
        let spans = periods(FilingFrequency::Annual, 2023, today);
        assert_eq!(spans.len(), 4);
        assert_eq!(spans[2].end.to_iso(), "2025-12-31");
        assert_eq!(spans[2].due.to_iso(), "2026-01-31");
        assert_eq!(spans[3].end.to_iso(), "2026-12-31");
    }

    #[test]
    fn quarterly_and_monthly_periods_tile_the_calendar() {
        let today = CivilDate::new(2026, 11, 23).unwrap();
        let quarters = periods(FilingFrequency::Quarterly, 2023, today);
        assert_eq!(quarters.len(), 16);
        assert_eq!(quarters[1].start.to_iso(), "2023-04-01");
        assert_eq!(quarters[1].end.to_iso(), "2023-06-30");
        assert_eq!(quarters[1].due.to_iso(), "2023-07-31");
        let months = periods(FilingFrequency::Monthly, 2023, today);
        assert_eq!(months.len(), 47);
        assert!(months
            .windows(2)
            .all(|w| w[0].end.add_days(1) == Some(w[1].start)));
    }

    #[test]
    fn dice_are_deterministic() {
        let (mut a, mut b) = (Dice::new(42), Dice::new(42));
        assert_eq!(a.next(), b.next());
        assert!((10..20).contains(&a.range(10, 20)));
    }
}
