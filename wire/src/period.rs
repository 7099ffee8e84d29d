//! A filing period: a calendar month, quarter or year, named by its last day
//! and the account's filing frequency.

use crate::{date::CivilDate, tax::FilingFrequency};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "PeriodParts", into = "PeriodParts")]
pub struct FilingPeriod {
    frequency: FilingFrequency,
    end: CivilDate,
}

/// The wire form, checked on the way in.
#[derive(Serialize, Deserialize)]
struct PeriodParts {
    frequency: FilingFrequency,
    end: CivilDate,
}

impl FilingPeriod {
    /// Monthly periods end on a month's last day, quarterly ones on the last
    /// day of March, June, September or December, annual ones on December 31.
    pub fn new(frequency: FilingFrequency, end: CivilDate) -> Result<Self, String> {
        if !end.is_last_day_of_month() {
            return Err("A period ends on the last day of a month".to_owned());
        }
        let month_fits = match frequency {
            FilingFrequency::Monthly => true,
            FilingFrequency::Quarterly => end.month().is_multiple_of(3),
            FilingFrequency::Annual => end.month() == 12,
        };
        if !month_fits {
            return Err(match frequency {
                FilingFrequency::Quarterly => {
                    "A quarter ends in March, June, September or December"
                }
                _ => "An annual period ends on December 31",
            }
            .to_owned());
        }
        Ok(Self { frequency, end })
    }

    pub fn frequency(self) -> FilingFrequency {
        self.frequency
    }

    pub fn end(self) -> CivilDate {
        self.end
    }

    /// The first day of the period.
    pub fn start(self) -> CivilDate {
        let months_back = self.frequency.months() as i32 - 1;
        self.end
            .day_of_month_after(-months_back, 1)
            // Only a period starting before 1900 could miss; none can be built.
            .unwrap_or(self.end.first_of_month())
    }

    pub fn contains(self, date: CivilDate) -> bool {
        self.start() <= date && date <= self.end
    }

    /// The period after this one, if the calendar reaches it.
    pub fn next(self) -> Option<Self> {
        let end = self.end.end_of_month_after(self.frequency.months())?;
        Some(Self { end, ..self })
    }
}

impl TryFrom<PeriodParts> for FilingPeriod {
    type Error = String;
    fn try_from(parts: PeriodParts) -> Result<Self, String> {
        Self::new(parts.frequency, parts.end)
    }
}

impl From<FilingPeriod> for PeriodParts {
    fn from(period: FilingPeriod) -> Self {
        Self {
            frequency: period.frequency,
            end: period.end,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u8, d: u8) -> CivilDate {
        CivilDate::new(y, m, d).unwrap()
    }

    #[test]
    fn a_period_starts_on_the_first_day_of_its_first_month() {
        let quarter = FilingPeriod::new(FilingFrequency::Quarterly, date(2026, 3, 31)).unwrap();
        assert_eq!(quarter.start(), date(2026, 1, 1));
        let year = FilingPeriod::new(FilingFrequency::Annual, date(2025, 12, 31)).unwrap();
        assert_eq!(year.start(), date(2025, 1, 1));
        let month = FilingPeriod::new(FilingFrequency::Monthly, date(2024, 2, 29)).unwrap();
        assert_eq!(month.start(), date(2024, 2, 1));
        assert!(month.contains(date(2024, 2, 15)));
        assert!(!month.contains(date(2024, 3, 1)));
    }

    #[test]
    fn periods_end_on_the_last_day_of_a_month_the_frequency_allows() {
        assert!(FilingPeriod::new(FilingFrequency::Monthly, date(2026, 3, 30)).is_err());
        assert!(FilingPeriod::new(FilingFrequency::Quarterly, date(2026, 4, 30)).is_err());
        assert!(FilingPeriod::new(FilingFrequency::Annual, date(2026, 6, 30)).is_err());
    }

    #[test]
    fn the_next_period_follows_on() {
        let quarter = FilingPeriod::new(FilingFrequency::Quarterly, date(2025, 12, 31)).unwrap();
        assert_eq!(quarter.next().unwrap().end(), date(2026, 3, 31));
    }

    #[test]
    fn periods_travel_as_frequency_and_end_and_are_checked_on_arrival() {
        let period = FilingPeriod::new(FilingFrequency::Annual, date(2025, 12, 31)).unwrap();
        let json = serde_json::to_string(&period).unwrap();
        assert_eq!(json, r#"{"frequency":"annual","end":"2025-12-31"}"#);
        assert_eq!(serde_json::from_str::<FilingPeriod>(&json).unwrap(), period);
        assert!(serde_json::from_str::<FilingPeriod>(
            r#"{"frequency":"annual","end":"2025-11-30"}"#
        )
        .is_err());
    }
}
