use super::*;
use crate::{calendar::HartfordTime, effective::InEffect, money::Money, tax::FilingFrequency};
use rust_decimal::Decimal;

fn date(y: i32, m: u8, d: u8) -> CivilDate {
    CivilDate::new(y, m, d).unwrap()
}

fn period(frequency: FilingFrequency, y: i32, m: u8, d: u8) -> FilingPeriod {
    FilingPeriod::new(frequency, date(y, m, d)).unwrap()
}

fn percent(rules: &Rules, key: &str, on: CivilDate) -> String {
    match rules.rate(key, on).map(|r| r.value) {
        Some(RateValue::Percent(p)) => p.normalize().to_string(),
        other => panic!("expected a percentage for {key}, got {other:?}"),
    }
}

fn at(y: i32, m: u8, d: u8, hour: u8, minute: u8) -> HartfordTime {
    HartfordTime {
        date: date(y, m, d),
        hour,
        minute,
        second: 0,
    }
}

#[test]
fn the_sales_and_use_rates_in_force_today_are_the_published_ones() {
    let rules = Rules::connecticut();
    let today = date(2026, 12, 1);
    assert_eq!(percent(&rules, keys::SALES_USE_GENERAL, today), "6.35");
    assert_eq!(percent(&rules, keys::SALES_USE_MEALS, today), "7.35");
    assert_eq!(percent(&rules, keys::SALES_USE_LUXURY, today), "7.75");
    assert_eq!(percent(&rules, keys::SALES_USE_CAR_RENTAL, today), "9.35");
}

#[test]
fn meals_and_beverages_rose_to_seven_thirty_five_on_october_first_2019() {
    let rules = Rules::connecticut();
    assert_eq!(
        percent(&rules, keys::SALES_USE_MEALS, date(2019, 9, 30)),
        "6.35"
    );
    assert_eq!(
        percent(&rules, keys::SALES_USE_MEALS, date(2019, 10, 1)),
        "7.35"
    );
}

#[test]
fn a_row_added_with_a_later_start_takes_over_from_that_day() {
    let mut rules = Rules::connecticut();
    rules.rates.push(RateRow {
        key: keys::SALES_USE_GENERAL.to_owned(),
        label: "General rate".to_owned(),
        value: RateValue::Percent(Decimal::new(7, 0)),
        in_effect: InEffect::sourced("test").from(date(2027, 7, 1)),
    });
    assert_eq!(
        percent(&rules, keys::SALES_USE_GENERAL, date(2027, 6, 30)),
        "6.35"
    );
    assert_eq!(
        percent(&rules, keys::SALES_USE_GENERAL, date(2027, 7, 1)),
        "7"
    );
}

#[test]
fn no_rate_is_invented_before_the_first_row() {
    let rules = Rules::connecticut();
    assert!(rules
        .rate(keys::SALES_USE_GENERAL, date(2011, 6, 30))
        .is_none());
    assert!(rules
        .rate("sales_and_use.no_such_rate", date(2026, 1, 1))
        .is_none());
}

#[test]
fn a_period_uses_the_rate_in_effect_for_all_of_it() {
    let rules = Rules::connecticut();
    let q3 = period(FilingFrequency::Quarterly, 2019, 9, 30);
    let q4 = period(FilingFrequency::Quarterly, 2019, 12, 31);
    let meals = |p| match rules
        .rate_for_period(keys::SALES_USE_MEALS, p)
        .map(|r| r.value)
    {
        Ok(RateValue::Percent(p)) => Ok(p.normalize().to_string()),
        Ok(other) => panic!("{other:?}"),
        Err(e) => Err(e),
    };
    assert_eq!(meals(q3), Ok("6.35".to_owned()));
    assert_eq!(meals(q4), Ok("7.35".to_owned()));
}

#[test]
fn a_rate_that_changes_inside_the_period_is_refused_rather_than_guessed() {
    let rules = Rules::connecticut();
    let year = period(FilingFrequency::Annual, 2019, 12, 31);
    let error = rules
        .rate_for_period(keys::SALES_USE_MEALS, year)
        .unwrap_err();
    assert_eq!(
        error,
        RuleError::RateChangesInPeriod {
            label: "Meals and beverages".to_owned(),
            changes_on: date(2019, 10, 1),
        }
    );
    assert_eq!(
        error.to_string(),
        "The meals and beverages rate changed on 10/01/2019, during this period"
    );
    let before = period(FilingFrequency::Annual, 2011, 12, 31);
    assert!(matches!(
        rules.rate_for_period(keys::SALES_USE_GENERAL, before),
        Err(RuleError::NoRate { .. })
    ));
}

#[test]
fn the_per_unit_fees_are_amounts_per_item_or_day() {
    let rules = Rules::connecticut();
    let fee = |key, on| rules.rate(key, on).map(|r| r.value);
    assert_eq!(
        fee(keys::TOURISM_PER_DAY, date(2026, 6, 1)),
        Some(RateValue::PerUnit(Money::from_cents(100)))
    );
    assert_eq!(
        fee(keys::PREPAID_WIRELESS_FEE, date(2024, 7, 1)),
        Some(RateValue::PerUnit(Money::from_cents(73)))
    );
    assert_eq!(
        RateValue::PerUnit(Money::from_cents(58)).to_us(),
        "$0.58 each"
    );
    assert_eq!(RateValue::Percent(Decimal::new(1500, 2)).to_us(), "15 %");
}

#[test]
fn monthly_and_quarterly_returns_are_due_the_last_day_of_the_next_month() {
    let rules = Rules::connecticut();
    let march = period(FilingFrequency::Monthly, 2026, 3, 31);
    assert_eq!(
        rules.due_date(TaxType::SalesAndUse, march).unwrap(),
        DueDate::on(date(2026, 4, 30))
    );
    let q2 = period(FilingFrequency::Quarterly, 2026, 6, 30);
    assert_eq!(
        rules.due_date(TaxType::Withholding, q2).unwrap(),
        DueDate::on(date(2026, 7, 31))
    );
}

#[test]
fn an_annual_return_due_on_a_sunday_is_on_time_the_next_monday() {
    let rules = Rules::connecticut();
    let year = period(FilingFrequency::Annual, 2026, 12, 31);
    let due = rules.due_date(TaxType::SalesAndUse, year).unwrap();
    assert_eq!(due.nominal, date(2027, 1, 31));
    assert_eq!(due.effective, date(2027, 2, 1));
}

#[test]
fn a_quarter_due_on_a_saturday_rolls_to_monday() {
    let rules = Rules::connecticut();
    let q4 = period(FilingFrequency::Quarterly, 2025, 12, 31);
    let due = rules.due_date(TaxType::Withholding, q4).unwrap();
    assert_eq!(
        (due.nominal, due.effective),
        (date(2026, 1, 31), date(2026, 2, 2))
    );
}

#[test]
fn a_due_date_on_the_observed_new_years_holiday_rolls_past_the_weekend() {
    // New Year's Day 2028 is a Saturday, so Friday 12/31/2027 is a legal holiday.
    let rules = Rules::connecticut();
    let november = period(FilingFrequency::Monthly, 2027, 11, 30);
    let due = rules.due_date(TaxType::SalesAndUse, november).unwrap();
    assert_eq!(
        (due.nominal, due.effective),
        (date(2027, 12, 31), date(2028, 1, 3))
    );
}

#[test]
fn connecticut_only_holidays_move_due_dates_too() {
    let mut rules = Rules::connecticut();
    // A test rule due on the 12th, then the 3rd, of the month after.
    rules.due_dates.push(DueDateRow {
        tax_type: Some(TaxType::Tourism),
        frequency: None,
        rule: DueRule::DayOfMonthAfter { months: 1, day: 12 },
        in_effect: InEffect::sourced("test").to(date(2026, 2, 28)),
    });
    rules.due_dates.push(DueDateRow {
        tax_type: Some(TaxType::Tourism),
        frequency: None,
        rule: DueRule::DayOfMonthAfter { months: 1, day: 3 },
        in_effect: InEffect::sourced("test").from(date(2026, 3, 1)),
    });
    let january = period(FilingFrequency::Monthly, 2026, 1, 31);
    let lincoln = rules.due_date(TaxType::Tourism, january).unwrap();
    assert_eq!(
        (lincoln.nominal, lincoln.effective),
        (date(2026, 2, 12), date(2026, 2, 13))
    );
    let march = period(FilingFrequency::Monthly, 2026, 3, 31);
    let good_friday = rules.due_date(TaxType::Tourism, march).unwrap();
    assert_eq!(
        (good_friday.nominal, good_friday.effective),
        (date(2026, 4, 3), date(2026, 4, 6))
    );
}

#[test]
fn room_occupancy_has_its_own_due_day() {
    let rules = Rules::connecticut();
    let january = period(FilingFrequency::Monthly, 2026, 1, 31);
    assert_eq!(
        rules.due_date(TaxType::RoomOccupancy, january).unwrap(),
        DueDate::on(date(2026, 2, 20))
    );
}

#[test]
fn penalty_and_interest_rules_are_found_by_tax_type() {
    let rules = Rules::connecticut();
    let on = date(2026, 1, 31);
    let sales = rules.late_payment(TaxType::SalesAndUse, on).unwrap();
    assert_eq!(
        (sales.percent, sales.minimum),
        (Decimal::new(15, 0), Money::from_cents(5000))
    );
    let withholding = rules.late_payment(TaxType::Withholding, on).unwrap();
    assert_eq!(
        (withholding.percent, withholding.minimum),
        (Decimal::new(10, 0), Money::ZERO)
    );
    let dry_cleaning = rules
        .late_payment(TaxType::DryCleaningEstablishment, on)
        .unwrap();
    assert!(dry_cleaning.tax_type.is_none() && !dry_cleaning.in_effect.confirmed);
    assert_eq!(
        rules.late_filing(TaxType::Withholding, on).unwrap().amount,
        Money::from_cents(5000)
    );
    assert_eq!(
        rules
            .interest(TaxType::Tourism, on)
            .unwrap()
            .percent_per_month,
        Decimal::ONE
    );
    assert!(matches!(
        Rules::default().interest(TaxType::Tourism, on),
        Err(RuleError::NoInterestRule { .. })
    ));
}

#[test]
fn every_unconfirmed_row_says_so_in_its_source() {
    let rules = Rules::connecticut();
    let sources = rules
        .rates
        .iter()
        .map(|r| &r.in_effect)
        .chain(rules.due_dates.iter().map(|r| &r.in_effect))
        .chain(rules.late_payment.iter().map(|r| &r.in_effect))
        .chain(rules.late_filing.iter().map(|r| &r.in_effect))
        .chain(rules.interest.iter().map(|r| &r.in_effect))
        .chain(rules.holidays.iter().map(|r| &r.in_effect))
        .map(|e| (e.confirmed, &e.source));
    for (confirmed, source) in sources {
        assert!(!source.is_empty());
        assert_eq!(!confirmed, source.contains("unconfirmed"), "{source}");
    }
}

#[test]
fn the_docs_table_lists_every_shipped_rate_key() {
    let docs = include_str!("../../../docs/tax-rules.md");
    for row in Rules::connecticut().rates {
        assert!(
            docs.contains(&format!("`{}`", row.key)),
            "{} missing from docs",
            row.key
        );
    }
}

#[test]
fn the_rules_travel_as_json_and_come_back_equal() {
    let rules = Rules::connecticut();
    let json = serde_json::to_string(&rules).unwrap();
    assert!(json.contains(r#""value":{"percent":"6.35"}"#));
    assert!(json.contains(r#""value":{"per_unit":"1.00"}"#));
    assert_eq!(serde_json::from_str::<Rules>(&json).unwrap(), rules);
}

/// Every weekday of `year` the calendar closes.
fn closed_weekdays(calendar: Calendar<'_>, year: i32) -> Vec<String> {
    let mut day = date(year, 1, 1);
    let mut closed = Vec::new();
    while day.year() == year {
        if !day.is_weekend() && !calendar.is_open(day) {
            closed.push(day.to_iso()[5..].to_owned());
        }
        day = day.add_days(1).unwrap();
    }
    closed
}

#[test]
fn the_federal_reserve_closes_on_its_published_holidays_2024_to_2030() {
    // Federal Reserve Board K.8 (2026–2030) and the St. Louis Fed (2024–2025):
    // a Saturday holiday closes nothing, a Sunday holiday closes the Monday.
    let published: [(i32, &[&str]); 7] = [
        (
            2024,
            &[
                "01-01", "01-15", "02-19", "05-27", "06-19", "07-04", "09-02", "10-14", "11-11",
                "11-28", "12-25",
            ],
        ),
        (
            2025,
            &[
                "01-01", "01-20", "02-17", "05-26", "06-19", "07-04", "09-01", "10-13", "11-11",
                "11-27", "12-25",
            ],
        ),
        (
            2026,
            &[
                "01-01", "01-19", "02-16", "05-25", "06-19", "09-07", "10-12", "11-11", "11-26",
                "12-25",
            ],
        ),
        (
            2027,
            &[
                "01-01", "01-18", "02-15", "05-31", "07-05", "09-06", "10-11", "11-11", "11-25",
            ],
        ),
        (
            2028,
            &[
                "01-17", "02-21", "05-29", "06-19", "07-04", "09-04", "10-09", "11-23", "12-25",
            ],
        ),
        (
            2029,
            &[
                "01-01", "01-15", "02-19", "05-28", "06-19", "07-04", "09-03", "10-08", "11-12",
                "11-22", "12-25",
            ],
        ),
        (
            2030,
            &[
                "01-01", "01-21", "02-18", "05-27", "06-19", "07-04", "09-02", "10-14", "11-11",
                "11-28", "12-25",
            ],
        ),
    ];
    let rules = Rules::connecticut();
    for (year, days) in published {
        assert_eq!(closed_weekdays(rules.banking_days(), year), days, "{year}");
    }
}

#[test]
fn saturday_holidays_leave_the_fed_open_on_friday_and_sunday_ones_close_monday() {
    let banking = Rules::connecticut();
    let banking = banking.banking_days();
    assert!(banking.is_open(date(2026, 7, 3)));
    assert!(!banking.is_open(date(2027, 7, 5)));
    assert!(banking.is_open(date(2027, 12, 24)));
    assert!(banking.is_open(date(2027, 12, 31)));
    assert!(banking.is_open(date(2021, 6, 18)));
    assert!(!banking.is_open(date(2022, 6, 20)));
    assert_eq!(
        banking.holiday_closing(date(2029, 11, 12)).map(|h| h.name),
        Some("Veterans Day".to_owned())
    );
}

#[test]
fn connecticut_legal_holidays_match_the_states_lists_2024_to_2027() {
    // DAS "State of CT holidays" for 2024; CGS 1-4 (Saturday → Friday,
    // Sunday → Monday) for the years after, as published lists show them.
    let published: [(i32, &[&str]); 4] = [
        (
            2024,
            &[
                "01-01", "01-15", "02-12", "02-19", "03-29", "05-27", "06-19", "07-04", "09-02",
                "10-14", "11-11", "11-28", "12-25",
            ],
        ),
        (
            2025,
            &[
                "01-01", "01-20", "02-12", "02-17", "04-18", "05-26", "06-19", "07-04", "09-01",
                "10-13", "11-11", "11-27", "12-25",
            ],
        ),
        (
            2026,
            &[
                "01-01", "01-19", "02-12", "02-16", "04-03", "05-25", "06-19", "07-03", "09-07",
                "10-12", "11-11", "11-26", "12-25",
            ],
        ),
        (
            2027,
            &[
                "01-01", "01-18", "02-12", "02-15", "03-26", "05-31", "06-18", "07-05", "09-06",
                "10-11", "11-11", "11-25", "12-24", "12-31",
            ],
        ),
    ];
    let rules = Rules::connecticut();
    for (year, days) in published {
        assert_eq!(closed_weekdays(rules.business_days(), year), days, "{year}");
    }
}

#[test]
fn juneteenth_became_a_connecticut_holiday_in_2023() {
    let rules = Rules::connecticut();
    let ct = rules.business_days();
    assert!(ct.is_open(date(2022, 6, 20)));
    assert!(!ct.is_open(date(2023, 6, 19)));
}

#[test]
fn the_next_business_day_skips_weekends_and_holidays() {
    let rules = Rules::connecticut();
    let ct = rules.business_days();
    assert_eq!(ct.next_open_after(date(2026, 4, 2)), Some(date(2026, 4, 6)));
    assert_eq!(ct.on_or_after(date(2026, 4, 2)), Some(date(2026, 4, 2)));
    assert_eq!(ct.on_or_after(date(2026, 7, 3)), Some(date(2026, 7, 6)));
    assert_eq!(ct.next_open_after(date(2199, 12, 31)), None);
}

#[test]
fn before_the_cutoff_the_earliest_payment_date_is_the_next_banking_day() {
    let rules = Rules::connecticut();
    assert_eq!(
        rules.earliest_payment_date(at(2026, 7, 2, 16, 59)),
        Ok(date(2026, 7, 3))
    );
    assert_eq!(
        rules.earliest_payment_date(at(2027, 7, 2, 9, 0)),
        Ok(date(2027, 7, 6))
    );
}

#[test]
fn from_the_cutoff_on_the_earliest_date_is_the_banking_day_after_next() {
    let rules = Rules::connecticut();
    assert_eq!(
        rules.earliest_payment_date(at(2026, 7, 2, 17, 0)),
        Ok(date(2026, 7, 6))
    );
    // The evening before Thanksgiving: sent Friday, paid Monday.
    assert_eq!(
        rules.earliest_payment_date(at(2026, 11, 25, 18, 30)),
        Ok(date(2026, 11, 30))
    );
}

#[test]
fn on_a_weekend_the_payment_goes_out_on_monday_for_tuesday() {
    let rules = Rules::connecticut();
    assert_eq!(
        rules.earliest_payment_date(at(2026, 11, 28, 8, 0)),
        Ok(date(2026, 12, 1))
    );
}

#[test]
fn payment_dates_reach_one_year_ahead_at_most() {
    let rules = Rules::connecticut();
    assert_eq!(
        rules.latest_payment_date(date(2026, 12, 1)),
        Ok(date(2027, 12, 1))
    );
    assert_eq!(
        rules.latest_payment_date(date(2028, 2, 29)),
        Ok(date(2029, 2, 28))
    );
}

#[test]
fn a_requested_payment_date_is_checked_with_a_message_that_says_why() {
    let rules = Rules::connecticut();
    let now = at(2027, 6, 28, 10, 0);
    let check = |y, m, d| rules.check_payment_date(date(y, m, d), now).unwrap();
    assert_eq!(check(2027, 6, 29), Ok(()));
    assert_eq!(check(2027, 6, 27), Err(PaymentDateError::InThePast));
    assert_eq!(
        check(2027, 6, 28).unwrap_err().message(),
        "The earliest payment date is 06/29/2027"
    );
    assert_eq!(
        check(2027, 7, 5).unwrap_err().message(),
        "The payment date must be a banking day: 07/05/2027 is a bank holiday (Independence Day). The next banking day is 07/06/2027"
    );
    assert_eq!(
        check(2027, 7, 3).unwrap_err().message(),
        "The payment date must be a banking day: 07/03/2027 is a Saturday. The next banking day is 07/06/2027"
    );
    assert_eq!(
        check(2028, 6, 29).unwrap_err().message(),
        "The payment date must be on or before 06/28/2028"
    );
}
