//! Money: `rust_decimal` in code, integer cents in the database, a string on the
//! wire (never a float), `$1,234.56` on the screen.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Money(Decimal);

/// The largest amount the portal accepts in any one field: $999,999,999,999.99.
const MAX_CENTS: i64 = 99_999_999_999_999;

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    pub fn from_cents(cents: i64) -> Self {
        Money(Decimal::new(cents, 2))
    }

    /// Exact: amounts are only ever built from cents or parsed to two places.
    pub fn cents(self) -> i64 {
        let scaled = (self.0 * Decimal::ONE_HUNDRED).round();
        i64::try_from(scaled).unwrap_or(if scaled.is_sign_negative() {
            i64::MIN
        } else {
            i64::MAX
        })
    }

    pub fn decimal(self) -> Decimal {
        self.0
    }

    /// `value` rounded to the cent, halves away from zero ($0.005 is $0.01,
    /// as DRS rounds): the one rounding every computed amount goes through.
    pub fn rounded(value: Decimal) -> Self {
        let mut cents = value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        cents.rescale(2);
        Money(cents)
    }

    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    pub fn is_negative(self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }

    /// Parses what a person types in a money input: optional `$`, thousands
    /// commas, at most two decimal places, not negative.
    pub fn parse_input(text: &str) -> Result<Self, String> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err("Enter an amount".to_owned());
        }
        let plain: String = trimmed
            .strip_prefix('$')
            .unwrap_or(trimmed)
            .trim_start()
            .chars()
            .filter(|c| *c != ',')
            .collect();
        let well_formed = !plain.is_empty()
            && plain.chars().all(|c| c.is_ascii_digit() || c == '.')
            && plain.matches('.').count() <= 1
            && plain.chars().any(|c| c.is_ascii_digit());
        if !well_formed {
            return Err("Enter an amount in dollars and cents, like 1250.00".to_owned());
        }
        if plain.split('.').nth(1).is_some_and(|cents| cents.len() > 2) {
            return Err("Enter the amount to no more than 2 decimal places".to_owned());
        }
        let value: Decimal = plain
            .parse()
            .map_err(|_| "Enter an amount in dollars and cents, like 1250.00".to_owned())?;
        let money = Money(value.round_dp(2));
        if money.cents() > MAX_CENTS {
            return Err("Enter an amount less than $1,000,000,000,000.00".to_owned());
        }
        Ok(money)
    }
}

impl std::ops::Add for Money {
    type Output = Money;
    fn add(self, other: Money) -> Money {
        Money(self.0 + other.0)
    }
}

impl std::ops::Sub for Money {
    type Output = Money;
    fn sub(self, other: Money) -> Money {
        Money(self.0 - other.0)
    }
}

impl std::ops::Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(-self.0)
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, |a, b| a + b)
    }
}

impl fmt::Display for Money {
    /// `$1,234.56`; a credit shows as `-$12.00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cents = self.cents();
        let sign = if cents < 0 { "-" } else { "" };
        let abs = cents.unsigned_abs();
        let dollars = (abs / 100).to_string();
        let mut grouped = String::new();
        for (i, c) in dollars.chars().enumerate() {
            if i > 0 && (dollars.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        write!(f, "{sign}${grouped}.{:02}", abs % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_show_with_dollar_sign_commas_and_cents() {
        assert_eq!(Money::from_cents(10_000).to_string(), "$100.00");
        assert_eq!(Money::from_cents(123_456_789).to_string(), "$1,234,567.89");
        assert_eq!(Money::from_cents(5).to_string(), "$0.05");
        assert_eq!(Money::from_cents(-1_200).to_string(), "-$12.00");
    }

    #[test]
    fn typed_amounts_parse_to_exact_cents() {
        assert_eq!(Money::parse_input("$1,250.5").unwrap().cents(), 125_050);
        assert_eq!(Money::parse_input(" 100 ").unwrap().cents(), 10_000);
        assert_eq!(Money::parse_input(".99").unwrap().cents(), 99);
    }

    #[test]
    fn bad_amounts_say_what_is_wrong() {
        assert_eq!(Money::parse_input("").unwrap_err(), "Enter an amount");
        assert!(Money::parse_input("-5").is_err());
        assert!(Money::parse_input("1.2.3").is_err());
        assert!(Money::parse_input("abc").is_err());
        assert_eq!(
            Money::parse_input("1.234").unwrap_err(),
            "Enter the amount to no more than 2 decimal places"
        );
        assert!(Money::parse_input("1000000000000").is_err());
    }

    #[test]
    fn computed_amounts_round_to_the_cent_with_halves_away_from_zero() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(Money::rounded(d("12.345")).cents(), 1235);
        assert_eq!(Money::rounded(d("12.3449")).cents(), 1234);
        assert_eq!(Money::rounded(d("-0.005")).cents(), -1);
        assert_eq!((-Money::from_cents(150)).to_string(), "-$1.50");
    }

    #[test]
    fn money_travels_as_a_decimal_string() {
        let json = serde_json::to_string(&Money::from_cents(10_000)).unwrap();
        assert_eq!(json, "\"100.00\"");
        let back: Money = serde_json::from_str(&json).unwrap();
        assert_eq!(back.cents(), 10_000);
    }
}
