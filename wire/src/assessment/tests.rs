use super::*;

fn date(y: i32, m: u8, d: u8) -> CivilDate {
    CivilDate::new(y, m, d).unwrap()
}

fn cents(amount: &str) -> Money {
    Money::parse_input(amount).unwrap()
}

/// A Sales & Use period due Saturday 01/31/2026, on time through Monday 02/02/2026.
fn sales_tax(tax: &str, as_of: CivilDate) -> AssessInput {
    AssessInput {
        tax_type: TaxType::SalesAndUse,
        tax_due: cents(tax),
        due: DueDate {
            nominal: date(2026, 1, 31),
            effective: date(2026, 2, 2),
        },
        filed_on: Some(date(2026, 1, 20)),
        payments: Vec::new(),
        as_of,
    }
}

fn paid(y: i32, m: u8, d: u8, amount: &str) -> DatedAmount {
    DatedAmount {
        on: date(y, m, d),
        amount: cents(amount),
    }
}

fn run(input: &AssessInput) -> Assessment {
    assess(input, &Rules::connecticut()).unwrap()
}

#[test]
fn below_333_34_of_tax_the_50_dollar_minimum_applies() {
    let a = run(&sales_tax("333.33", date(2026, 2, 3)));
    assert_eq!(a.penalty.to_string(), "$50.00");
    assert_eq!(a.penalty_basis, PenaltyBasis::LatePaymentMinimum);
}

#[test]
fn from_333_34_of_tax_fifteen_percent_applies_and_rounds_to_the_cent() {
    let a = run(&sales_tax("333.34", date(2026, 2, 3)));
    // 15 % of $333.34 is $50.001.
    assert_eq!(a.penalty.to_string(), "$50.00");
    assert_eq!(a.penalty_basis, PenaltyBasis::LatePaymentPercent);
    // $50.004 rounds down, $50.0055 rounds up.
    assert_eq!(
        run(&sales_tax("333.36", date(2026, 2, 3)))
            .penalty
            .to_string(),
        "$50.00"
    );
    assert_eq!(
        run(&sales_tax("333.37", date(2026, 2, 3)))
            .penalty
            .to_string(),
        "$50.01"
    );
}

#[test]
fn withholding_pays_ten_percent_with_no_minimum_and_halves_round_up() {
    let withholding = |tax: &str| AssessInput {
        tax_type: TaxType::Withholding,
        ..sales_tax(tax, date(2026, 2, 3))
    };
    let a = run(&withholding("123.45"));
    assert_eq!(a.penalty.to_string(), "$12.35");
    assert_eq!(a.penalty_basis, PenaltyBasis::LatePaymentPercent);
    assert_eq!(run(&withholding("0.05")).penalty.to_string(), "$0.01");
    assert_eq!(run(&withholding("0.04")).penalty.to_string(), "$0.00");
}

#[test]
fn one_day_late_is_a_whole_month_of_interest() {
    let a = run(&sales_tax("1000.00", date(2026, 2, 3)));
    assert_eq!(a.interest.to_string(), "$10.00");
    assert_eq!(a.interest_parts.len(), 1);
    assert_eq!(a.interest_parts[0].months, 1);
    assert_eq!(a.balance.to_string(), "$1,160.00");
}

#[test]
fn interest_on_each_part_rounds_to_the_cent() {
    // 1 % of $1,234.50 is $12.345 for the first month.
    let a = run(&sales_tax("1234.50", date(2026, 2, 15)));
    assert_eq!(a.interest.to_string(), "$12.35");
    // 1 % of $333.33 is $3.3333.
    assert_eq!(
        run(&sales_tax("333.33", date(2026, 2, 3)))
            .interest
            .to_string(),
        "$3.33"
    );
}

#[test]
fn paying_on_the_rolled_due_date_is_on_time() {
    let mut input = sales_tax("500.00", date(2026, 3, 1));
    input.filed_on = Some(date(2026, 2, 2));
    input.payments = vec![paid(2026, 2, 2, "500.00")];
    let a = run(&input);
    assert_eq!(
        (a.penalty, a.interest, a.balance),
        (Money::ZERO, Money::ZERO, Money::ZERO)
    );
    assert_eq!(a.penalty_basis, PenaltyBasis::None);
}

#[test]
fn nothing_is_late_until_the_effective_due_date_has_passed() {
    let a = run(&sales_tax("500.00", date(2026, 2, 2)));
    assert_eq!((a.penalty, a.interest), (Money::ZERO, Money::ZERO));
    assert_eq!(a.balance.to_string(), "$500.00");
}

#[test]
fn interest_runs_only_on_tax_still_unpaid_after_partial_payments() {
    let mut input = sales_tax("1000.00", date(2026, 6, 1));
    input.payments = vec![paid(2026, 1, 30, "400.00"), paid(2026, 3, 15, "300.00")];
    let a = run(&input);
    // 15 % of the $600.00 unpaid at the due date.
    assert_eq!(a.penalty.to_string(), "$90.00");
    let parts: Vec<(String, u32, String)> = a
        .interest_parts
        .iter()
        .map(|p| (p.amount.to_string(), p.months, p.interest.to_string()))
        .collect();
    assert_eq!(
        parts,
        [
            ("$300.00".to_owned(), 2, "$6.00".to_owned()),
            ("$300.00".to_owned(), 5, "$15.00".to_owned()),
        ]
    );
    assert_eq!(a.interest.to_string(), "$21.00");
    assert_eq!(a.paid.to_string(), "$700.00");
    assert_eq!(a.balance.to_string(), "$411.00");
}

#[test]
fn a_late_return_with_no_tax_due_costs_fifty_dollars() {
    let mut input = sales_tax("0.00", date(2026, 3, 10));
    input.filed_on = Some(date(2026, 3, 5));
    let a = run(&input);
    assert_eq!(a.penalty.to_string(), "$50.00");
    assert_eq!(a.penalty_basis, PenaltyBasis::LateFilingNoTaxDue);
    assert_eq!(a.interest, Money::ZERO);
    assert_eq!(a.balance.to_string(), "$50.00");
}

#[test]
fn tax_paid_on_time_does_not_excuse_a_late_return() {
    let mut input = sales_tax("250.00", date(2026, 3, 10));
    input.filed_on = Some(date(2026, 3, 5));
    input.payments = vec![paid(2026, 1, 28, "250.00")];
    let a = run(&input);
    assert_eq!(a.penalty_basis, PenaltyBasis::LateFilingNoTaxDue);
    assert_eq!(a.balance.to_string(), "$50.00");
}

#[test]
fn a_missing_return_past_its_due_date_is_a_late_filing() {
    let mut input = sales_tax("0.00", date(2026, 2, 3));
    input.filed_on = None;
    assert_eq!(run(&input).penalty_basis, PenaltyBasis::LateFilingNoTaxDue);
    input.as_of = date(2026, 2, 2);
    assert_eq!(run(&input).penalty_basis, PenaltyBasis::None);
}

#[test]
fn the_balance_if_paid_by_a_date_projects_interest_to_that_date() {
    let input = AssessInput {
        due: DueDate::on(date(2026, 4, 30)),
        ..sales_tax("1000.00", date(2026, 5, 10))
    };
    let rules = Rules::connecticut();
    let by_june_15 = balance_if_paid_by(&input, date(2026, 6, 15), &rules).unwrap();
    assert_eq!(by_june_15.interest.to_string(), "$20.00");
    assert_eq!(by_june_15.balance.to_string(), "$1,170.00");
    let by_may_31 = balance_if_paid_by(&input, date(2026, 5, 31), &rules).unwrap();
    assert_eq!(by_may_31.balance.to_string(), "$1,160.00");
}

#[test]
fn payments_dated_after_the_as_of_date_do_not_count_yet() {
    let mut input = sales_tax("1000.00", date(2026, 2, 10));
    input.payments = vec![paid(2026, 2, 20, "1000.00")];
    let a = run(&input);
    assert_eq!(a.paid, Money::ZERO);
    assert_eq!(a.balance.to_string(), "$1,160.00");
    // By 02/20 the scheduled payment has counted: one month of interest.
    let later = balance_if_paid_by(&input, date(2026, 2, 20), &Rules::connecticut()).unwrap();
    assert_eq!(later.balance.to_string(), "$160.00");
}

#[test]
fn paying_more_than_is_due_leaves_a_credit() {
    let mut input = sales_tax("100.00", date(2026, 3, 1));
    input.payments = vec![paid(2026, 1, 15, "150.00")];
    assert_eq!(run(&input).balance.to_string(), "-$50.00");
}

#[test]
fn without_the_rule_rows_nothing_is_assumed() {
    let input = sales_tax("100.00", date(2026, 3, 1));
    assert!(matches!(
        assess(&input, &Rules::default()),
        Err(RuleError::NoPenaltyRule { .. })
    ));
}

#[test]
fn rounding_to_the_cent_takes_halves_away_from_zero() {
    let d = |s: &str| s.parse::<Decimal>().unwrap();
    assert_eq!(Money::rounded(d("0.005")).to_string(), "$0.01");
    assert_eq!(Money::rounded(d("0.0049")).to_string(), "$0.00");
    assert_eq!(Money::rounded(d("-0.005")).to_string(), "-$0.01");
    assert_eq!(percent_of(cents("19.99"), d("6.35")).to_string(), "$1.27");
}

#[test]
fn an_assessment_travels_as_json() {
    let a = run(&sales_tax("333.33", date(2026, 2, 3)));
    let json = serde_json::to_string(&a).unwrap();
    assert!(json.contains(r#""penalty_basis":"late_payment_minimum""#));
    assert_eq!(serde_json::from_str::<Assessment>(&json).unwrap(), a);
}
