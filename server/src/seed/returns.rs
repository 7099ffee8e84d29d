//! Demo returns with real lines: for each form, boxes typed so that the tax
//! comes out near a target (the computation itself is `wire`'s, so every
//! line is what the portal would have worked out).

use super::dice::Dice;
use wire::returns::{FormCode, ReturnDraft};

/// `cents` as typed dollars and cents, `1234.56`.
pub fn dollars(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// The smallest amount whose tax at `rate_per_10000` (635 for 6.35 %)
/// rounds to exactly `tax` cents.
pub fn base_for_tax(tax: i64, rate_per_10000: i64) -> i64 {
    // ceil(tax × 10000 / rate): its tax is within a hundredth of a cent above.
    (tax * 10_000 + rate_per_10000 - 1) / rate_per_10000
}

/// A draft for `form` whose tax is about `tax` cents.
pub fn sample(form: FormCode, tax: i64, dice: &mut Dice) -> ReturnDraft {
    let tax = tax.max(100);
    let draft = ReturnDraft::new(form);
    match form {
        FormCode::Os114 => {
            let meals_share = if dice.range(0, 4) == 0 { 30 } else { 0 };
            let meals_tax = tax * meals_share / 100;
            let general = base_for_tax(tax - meals_tax, 635);
            let deductions = general * dice.range(5, 15) as i64 / 100;
            let services = general * dice.range(0, 20) as i64 / 100;
            let draft = draft
                .with("line_1-general", &dollars(general - services + deductions))
                .with("line_3-general", &dollars(services))
                .with("line_8-general", &dollars(deductions));
            if meals_tax > 0 {
                draft.with("line_1-meals", &dollars(base_for_tax(meals_tax, 735)))
            } else {
                draft
            }
        }
        FormCode::Ct941 => {
            let gross = tax * dice.range(18, 26) as i64;
            let months = month_split(tax, dice);
            draft
                .with("line_1", &dollars(gross))
                .with("line_2", &dollars(gross * 92 / 100))
                .with("line_3", &dollars(tax))
                .with("month_1", &dollars(months[0]))
                .with("month_2", &dollars(months[1]))
                .with("month_3", &dollars(months[2]))
        }
        FormCode::O372 => {
            let base = tax * 10;
            let dues = base * dice.range(0, 30) as i64 / 100;
            draft
                .with("line_1", &dollars(base - dues))
                .with("line_3", &dollars(dues))
        }
        FormCode::Op374 => draft.with("line_1", &dollars(tax * 100)),
        FormCode::Op153 => draft.with("line_1", &(tax / 65).max(1).to_string()),
        FormCode::Op383 => {
            let surcharge = tax * 105 / 100;
            draft
                .with("line_1", &dollars(base_for_tax(surcharge, 150)))
                .with("line_3", &dollars(surcharge - tax))
        }
        FormCode::Op210 => draft.with("line_1-hotel", &dollars(base_for_tax(tax, 1500))),
        FormCode::Op337 => draft.with("line_1", &(tax / 100).max(1).to_string()),
    }
}

/// A quarter's tax split over its three months (for CT-941 Section 2).
pub fn month_split(tax: i64, dice: &mut Dice) -> [i64; 3] {
    let first = tax * dice.range(28, 38) as i64 / 100;
    let second = tax * dice.range(28, 38) as i64 / 100;
    [first, second, tax - first - second]
}

/// The CT-941 boxes with the deposits made during the quarter on Line 5.
pub fn with_deposits(draft: ReturnDraft, deposits: i64) -> ReturnDraft {
    draft.with("line_5", &dollars(deposits))
}

#[cfg(test)]
mod tests {
    use super::*;
    use wire::{
        period::FilingPeriod,
        returns::{compute, ReturnContext},
        rules::Rules,
        tax::FilingFrequency,
        CivilDate,
    };

    #[test]
    fn every_form_samples_to_a_return_that_works_out_near_its_target() {
        let period = FilingPeriod::new(
            FilingFrequency::Quarterly,
            CivilDate::new(2025, 9, 30).unwrap(),
        )
        .unwrap();
        let rules = Rules::connecticut();
        let mut dice = Dice::new(7);
        for form in wire::returns::forms::ALL {
            let draft = sample(form.code, 250_000, &mut dice);
            let entries = draft.parse().unwrap();
            let computed = compute(&entries, &rules, &ReturnContext::new(period)).unwrap();
            assert!(computed.check().is_empty(), "{}", form.number);
            let tax = computed.tax().cents();
            assert!((200_000..=300_000).contains(&tax), "{} {tax}", form.number);
        }
    }

    #[test]
    fn an_exact_tax_comes_from_the_smallest_base_that_rounds_to_it() {
        // $3,937.01 × 6.35 % = $250.000135.
        assert_eq!(base_for_tax(25_000, 635), 393_701);
        assert_eq!(dollars(393_701), "3937.01");
    }
}
