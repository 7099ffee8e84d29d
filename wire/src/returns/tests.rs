use super::{
    definition::{CheckRule, Expr, LineKind},
    forms, *,
};
use crate::{
    date::CivilDate,
    effective::InEffect,
    money::Money,
    period::FilingPeriod,
    rules::{keys, RateRow, RateValue, Rules},
    tax::{FilingFrequency, TaxType},
};
use rust_decimal::Decimal;

fn date(y: i32, m: u8, d: u8) -> CivilDate {
    CivilDate::new(y, m, d).unwrap()
}

fn month(y: i32, m: u8) -> FilingPeriod {
    let end = date(y, m, 1).end_of_month_after(0).unwrap();
    FilingPeriod::new(FilingFrequency::Monthly, end).unwrap()
}

fn quarter(y: i32, m: u8, d: u8) -> FilingPeriod {
    FilingPeriod::new(FilingFrequency::Quarterly, date(y, m, d)).unwrap()
}

fn work_out(draft: &ReturnDraft, period: FilingPeriod) -> ComputedReturn {
    evaluate(draft, &Rules::connecticut(), &ReturnContext::new(period)).unwrap()
}

fn shown(computed: &ComputedReturn, key: &str) -> String {
    computed.amount(key).to_string()
}

fn os_114() -> ReturnDraft {
    ReturnDraft::new(FormCode::Os114)
        .with("line_1-general", "$10,000.00")
        .with("line_3-general", "2500.50")
        .with("line_4-general", "120")
        .with("line_8-general", "1,000.00")
        .with("line_1-meals", "3333.33")
}

#[test]
fn a_sales_and_use_return_works_out_column_by_column() {
    let computed = work_out(&os_114(), month(2026, 10));
    assert_eq!(shown(&computed, "line_7-general"), "$12,620.50");
    assert_eq!(shown(&computed, "line_9-general"), "$11,620.50");
    // 6.35 % of $11,620.50 is $737.90175.
    assert_eq!(shown(&computed, "line_10a-general"), "$737.90");
    // 7.35 % of $3,333.33 is $244.999755.
    assert_eq!(shown(&computed, "line_10a-meals"), "$245.00");
    assert_eq!(shown(&computed, "line_10a-luxury"), "$0.00");
    assert_eq!(shown(&computed, "line_10b"), "$982.90");
    assert_eq!(shown(&computed, "line_12"), "$982.90");
    assert_eq!(computed.tax().to_string(), "$982.90");
    assert_eq!(computed.total_due().to_string(), "$982.90");
}

#[test]
fn each_column_tax_rounds_to_the_cent_with_halves_away_from_zero() {
    let tax = |base: &str| {
        let draft = ReturnDraft::new(FormCode::Os114).with("line_1-general", base);
        shown(&work_out(&draft, month(2026, 10)), "line_10a-general")
    };
    // 6.35 % of 7 cents is 0.4445 cents; of 8 cents, 0.508 cents.
    assert_eq!(tax("0.07"), "$0.00");
    assert_eq!(tax("0.08"), "$0.01");
    // 6.35 % of $1.10 is exactly 6.985 cents.
    assert_eq!(tax("1.10"), "$0.07");
}

#[test]
fn taxable_receipts_never_go_below_zero() {
    let draft = ReturnDraft::new(FormCode::Os114)
        .with("line_1-general", "100.00")
        .with("line_8-general", "500.00");
    let computed = work_out(&draft, month(2026, 10));
    assert_eq!(shown(&computed, "line_9-general"), "$0.00");
    assert_eq!(computed.total_due(), Money::ZERO);
}

#[test]
fn penalty_interest_and_a_prior_return_are_supplied_by_the_portal() {
    let context = ReturnContext {
        penalty: Money::from_cents(5000),
        interest: Money::from_cents(333),
        tax_paid_on_prior_return: Money::from_cents(100_000),
        ..ReturnContext::new(month(2026, 10))
    };
    let computed = evaluate(&os_114(), &Rules::connecticut(), &context).unwrap();
    assert_eq!(shown(&computed, "line_11"), "$1,000.00");
    // The amended return reports less tax than before: line 12 is a credit.
    assert_eq!(shown(&computed, "line_12"), "-$17.10");
    assert_eq!(shown(&computed, "line_13"), "$53.33");
    assert_eq!(computed.total_due().to_string(), "$36.23");
}

#[test]
fn a_new_rate_row_changes_the_tax_from_its_first_day() {
    let mut rules = Rules::connecticut();
    rules.rates.push(RateRow {
        key: keys::SALES_USE_GENERAL.to_owned(),
        label: "General rate".to_owned(),
        value: RateValue::Percent(Decimal::new(7, 0)),
        in_effect: InEffect::sourced("test").from(date(2027, 1, 1)),
    });
    let draft = ReturnDraft::new(FormCode::Os114).with("line_1-general", "1000");
    let tax = |period| {
        evaluate(&draft, &rules, &ReturnContext::new(period))
            .unwrap()
            .amount("line_10b")
            .to_string()
    };
    assert_eq!(tax(month(2026, 12)), "$63.50");
    assert_eq!(tax(month(2027, 1)), "$70.00");
}

#[test]
fn a_rate_that_changed_mid_period_is_reported_on_the_box_that_needs_it() {
    let year_2019 = FilingPeriod::new(FilingFrequency::Annual, date(2019, 12, 31)).unwrap();
    let general_only = ReturnDraft::new(FormCode::Os114).with("line_1-general", "500");
    assert!(evaluate(
        &general_only,
        &Rules::connecticut(),
        &ReturnContext::new(year_2019)
    )
    .is_ok());
    let with_meals = general_only.with("line_2-meals", "200");
    let errors = evaluate(
        &with_meals,
        &Rules::connecticut(),
        &ReturnContext::new(year_2019),
    )
    .unwrap_err();
    assert_eq!(
        errors.get("line_2-meals"),
        Some("The meals and beverages rate changed on 10/01/2019, during this period")
    );
}

#[test]
fn typed_amounts_are_refused_with_messages_naming_the_box() {
    let draft = ReturnDraft::new(FormCode::Os114)
        .with("line_1-general", "-5")
        .with("line_2-general", "1.234")
        .with("line_3-general", "123456789012")
        .with("line_4-general", "abc")
        .with("line_8-meals", "100000000000.00")
        .with("line_6-general", "99,999,999,999.99");
    let errors = draft.parse().unwrap_err();
    let listed: Vec<(&str, &str)> = errors
        .0
        .iter()
        .map(|e| (e.field.as_str(), e.message.as_str()))
        .collect();
    assert_eq!(
        listed,
        [
            ("line_1-general", "Line 1, column A cannot be negative"),
            (
                "line_2-general",
                "Line 2, column A must have no more than 2 decimal places"
            ),
            (
                "line_3-general",
                "Line 3, column A must be no more than 13 digits, 99,999,999,999.99 at most"
            ),
            (
                "line_4-general",
                "Line 4, column A must be an amount in dollars and cents, like 1250.00"
            ),
            (
                "line_8-meals",
                "Line 8, column B must be no more than 13 digits, 99,999,999,999.99 at most"
            ),
        ]
    );
}

#[test]
fn boxes_the_portal_works_out_or_that_do_not_exist_cannot_be_typed() {
    let draft = ReturnDraft::new(FormCode::Os114)
        .with("line_7-general", "5")
        .with("line_99", "5");
    let errors = draft.parse().unwrap_err();
    assert_eq!(
        errors.get("line_7-general"),
        Some("Line 7, column A is worked out for you and cannot be typed")
    );
    assert_eq!(
        errors.get("line_99"),
        Some("Form OS-114 has no box line_99")
    );
}

#[test]
fn while_a_box_is_wrong_the_others_still_work_out() {
    let draft = os_114().with("line_2-general", "12.345");
    let (entries, errors) = draft.parse_partial();
    assert_eq!(errors.0.len(), 1);
    let computed = compute(
        &entries,
        &Rules::connecticut(),
        &ReturnContext::new(month(2026, 10)),
    )
    .unwrap();
    assert_eq!(shown(&computed, "line_10b"), "$982.90");
}

fn ct_941(withheld: &str, payments: &str) -> ReturnDraft {
    ReturnDraft::new(FormCode::Ct941)
        .with("line_1", "50,000.00")
        .with("line_2", "45,000.00")
        .with("line_3", withheld)
        .with("line_4", "100.00")
        .with("line_5", payments)
}

#[test]
fn a_withholding_reconciliation_nets_payments_against_tax_withheld() {
    let draft = ct_941("2000.00", "1500.00")
        .with("month_1", "700")
        .with("month_2", "650")
        .with("month_3", "650");
    let computed = work_out(&draft, quarter(2026, 9, 30));
    assert_eq!(shown(&computed, "line_6"), "$1,600.00");
    assert_eq!(shown(&computed, "line_7"), "$400.00");
    assert_eq!(shown(&computed, "line_9"), "$0.00");
    assert_eq!(shown(&computed, "liability_total"), "$2,000.00");
    assert_eq!(computed.total_due().to_string(), "$400.00");
    assert_eq!(computed.tax().to_string(), "$2,000.00");
}

#[test]
fn a_withholding_credit_splits_into_next_quarter_and_refund() {
    let draft = ct_941("1000.00", "1200.00")
        .with("line_10", "100")
        .with("month_1", "1000");
    let computed = work_out(&draft, quarter(2026, 9, 30));
    assert_eq!(shown(&computed, "line_7"), "-$300.00");
    assert_eq!(shown(&computed, "line_9"), "$200.00");
    assert_eq!(computed.total_due(), Money::ZERO);
}

#[test]
fn the_monthly_liability_must_add_up_to_the_tax_withheld() {
    let draft = ct_941("2000.00", "1500.00").with("month_1", "1999.99");
    let errors = evaluate(
        &draft,
        &Rules::connecticut(),
        &ReturnContext::new(quarter(2026, 9, 30)),
    )
    .unwrap_err();
    assert_eq!(
        errors.get("month_1"),
        Some("The quarter's liability, month by month, must add up to Line 3, Connecticut tax withheld")
    );
}

#[test]
fn connecticut_wages_and_refunds_are_held_to_their_limits() {
    let draft = ct_941("1000.00", "1200.00")
        .with("line_2", "50,000.01")
        .with("line_10", "300.01")
        .with("month_1", "1000");
    let errors = evaluate(
        &draft,
        &Rules::connecticut(),
        &ReturnContext::new(quarter(2026, 9, 30)),
    )
    .unwrap_err();
    assert_eq!(
        errors.get("line_2"),
        Some("Line 2, gross Connecticut wages, cannot be more than Line 1, gross wages")
    );
    assert_eq!(
        errors.get("line_10"),
        Some("Line 10, the refund, cannot be more than the credit on Line 7")
    );
}

#[test]
fn a_prepaid_wireless_return_is_a_count_times_the_fee_less_the_retention() {
    let draft = ReturnDraft::new(FormCode::Op153).with("line_1", "1,234");
    let computed = work_out(&draft, month(2026, 10));
    assert_eq!(computed.counts.get("line_1"), Some(&1234));
    assert_eq!(shown(&computed, "line_2"), "$0.73");
    assert_eq!(shown(&computed, "line_3"), "$900.82");
    // 1 % of $900.82 is $9.0082.
    assert_eq!(shown(&computed, "line_4"), "$9.01");
    assert_eq!(computed.total_due().to_string(), "$891.81");
    let used: Vec<&str> = computed.rates.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(
        used,
        [keys::PREPAID_WIRELESS_FEE, keys::PREPAID_WIRELESS_RETENTION]
    );
}

#[test]
fn a_tourism_return_is_a_dollar_a_day_less_worthless_accounts() {
    let draft = ReturnDraft::new(FormCode::Op337)
        .with("line_1", "2500")
        .with("line_4", "120.50");
    let computed = work_out(&draft, month(2026, 10));
    assert_eq!(shown(&computed, "line_3"), "$2,500.00");
    assert_eq!(computed.total_due().to_string(), "$2,379.50");
    let too_much = draft.with("line_4", "2500.01");
    let errors = evaluate(
        &too_much,
        &Rules::connecticut(),
        &ReturnContext::new(month(2026, 10)),
    )
    .unwrap_err();
    assert_eq!(
        errors.get("line_4"),
        Some("Line 4, the credit, cannot be more than the surcharge on Line 3")
    );
}

#[test]
fn counts_are_whole_numbers_of_at_most_13_digits() {
    let errors = |text: &str| {
        ReturnDraft::new(FormCode::Op337)
            .with("line_1", text)
            .parse()
            .unwrap_err()
            .get("line_1")
            .map(str::to_owned)
    };
    assert_eq!(
        errors("12.5").as_deref(),
        Some("Line 1 must be a whole number, like 120")
    );
    assert_eq!(errors("-3").as_deref(), Some("Line 1 cannot be negative"));
    assert_eq!(
        errors("12345678901234").as_deref(),
        Some("Line 1 must be no more than 13 digits")
    );
    assert!(ReturnDraft::new(FormCode::Op337)
        .with("line_1", "9,999,999,999,999")
        .parse()
        .is_ok());
}

#[test]
fn the_receipts_times_rate_returns_use_their_rate_rows() {
    let totals = [
        (
            ReturnDraft::new(FormCode::Op210)
                .with("line_1-hotel", "10000")
                .with("line_1-bed_and_breakfast", "2000"),
            "$1,720.00",
        ),
        (
            ReturnDraft::new(FormCode::O372)
                .with("line_1", "12,345.67")
                .with("line_3", "5000"),
            "$1,734.57",
        ),
        (
            ReturnDraft::new(FormCode::Op374).with("line_1", "8765.43"),
            "$87.65",
        ),
        (
            ReturnDraft::new(FormCode::Op383)
                .with("line_1", "40000")
                .with("line_3", "750"),
            "$0.00",
        ),
        (
            ReturnDraft::new(FormCode::Op383)
                .with("line_1", "40000")
                .with("line_3", "250"),
            "$350.00",
        ),
    ];
    for (draft, total) in totals {
        assert_eq!(
            work_out(&draft, month(2026, 10)).total_due().to_string(),
            total,
            "{:?}",
            draft.form
        );
    }
}

#[test]
fn every_form_works_out_from_a_blank_draft() {
    for form in forms::ALL {
        let computed = work_out(&ReturnDraft::new(form.code), quarter(2026, 9, 30));
        assert_eq!(computed.total_due(), Money::ZERO, "{}", form.number);
        assert_eq!(computed.tax(), Money::ZERO, "{}", form.number);
    }
}

/// Every rate key an expression names.
fn rate_keys(expr: &'static Expr, keys: &mut Vec<&'static str>) {
    match expr {
        Expr::TimesRate(_, key) | Expr::Fee(key) => keys.push(key),
        Expr::Sum(terms) => terms.iter().for_each(|t| rate_keys(t, keys)),
        Expr::Minus(a, b) => {
            rate_keys(a, keys);
            rate_keys(b, keys);
        }
        Expr::AtLeastZero(a) | Expr::Negate(a) => rate_keys(a, keys),
        Expr::Line(_) | Expr::TimesColumnRate(_) | Expr::ColumnTotal(_) => {}
    }
}

#[test]
fn every_rate_a_form_names_has_a_row_in_force_today() {
    let rules = Rules::connecticut();
    for form in forms::ALL {
        let mut names: Vec<&str> = form.columns.iter().map(|c| c.rate).collect();
        for line in form.lines {
            if let LineKind::Computed(expr) = &line.kind {
                rate_keys(expr, &mut names);
            }
        }
        for key in names {
            assert!(
                rules.rate(key, date(2026, 12, 1)).is_some(),
                "{} names {key}",
                form.number
            );
        }
    }
}

#[test]
fn every_form_has_unique_boxes_and_checks_on_boxes_people_type() {
    for form in forms::ALL {
        let keys: Vec<String> = form.cells().map(|c| c.key()).collect();
        let mut unique = keys.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), keys.len(), "{}", form.number);
        assert!(form.line(form.tax_line).is_some() && form.line(form.total_due_line).is_some());
        let entered: Vec<String> = form.entered_cells().map(|(c, _)| c.key()).collect();
        for check in form.checks {
            assert!(entered.iter().any(|k| k == check.field), "{}", check.field);
            assert!(matches!(
                check.rule,
                CheckRule::AtMost { .. } | CheckRule::Equal { .. }
            ));
        }
    }
}

#[test]
fn every_tax_type_but_non_wage_withholding_has_its_form() {
    for tax_type in TaxType::ALL {
        let form = FormCode::for_tax_type(tax_type);
        assert_eq!(
            form.is_none(),
            tax_type == TaxType::WithholdingNonWage,
            "{tax_type:?}"
        );
        if let Some(form) = form {
            assert_eq!(form.definition().tax_type, tax_type);
            assert_eq!(form.definition().code, form);
        }
    }
}

#[test]
fn parsed_entries_travel_as_the_draft_and_are_parsed_again_on_arrival() {
    let entries = ReturnDraft::new(FormCode::Op337)
        .with("line_1", "2,500")
        .with("line_4", "$120.5")
        .parse()
        .unwrap();
    let json = serde_json::to_string(&entries).unwrap();
    assert_eq!(
        json,
        r#"{"form":"op_337","values":{"line_1":"2500","line_4":"120.50"}}"#
    );
    assert_eq!(
        serde_json::from_str::<ReturnEntries>(&json).unwrap(),
        entries
    );
    let bad = r#"{"form":"op_337","values":{"line_4":"-1"}}"#;
    assert!(serde_json::from_str::<ReturnEntries>(bad).is_err());
}

#[test]
fn a_computed_return_travels_as_json() {
    let computed = work_out(&os_114(), month(2026, 10));
    let json = serde_json::to_string(&computed).unwrap();
    assert!(json.contains(r#""line_10b":"982.90""#), "{json}");
    assert_eq!(
        serde_json::from_str::<ComputedReturn>(&json).unwrap(),
        computed
    );
}

#[test]
fn the_form_definitions_serialize_for_the_browser_and_docs() {
    let json = serde_json::to_string(&forms::CT_941).unwrap();
    assert!(json.contains(r#""number":"CT-941""#));
    assert!(json.contains(r#""label":"Connecticut tax withheld""#));
}
