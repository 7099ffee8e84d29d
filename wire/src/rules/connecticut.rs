//! The rows in force in Connecticut, as shipped: the server's seed loads
//! them into its tables. `docs/tax-rules.md` lists each with its source;
//! rows whose source could not be confirmed say so (`confirmed: false`) and
//! are easy to replace by adding a row.

use super::{
    keys,
    rows::{
        DueDateRow, DueRule, InterestRow, LateFilingRow, LatePaymentRow, PaymentDateRow, RateRow,
        RateValue,
    },
};
use crate::{
    calendar::TimeOfDay,
    date::CivilDate,
    effective::InEffect,
    money::Money,
    tax::{FilingFrequency, TaxType},
};
use rust_decimal::Decimal;

pub(super) fn date(year: i32, month: u8, day: u8) -> CivilDate {
    CivilDate::new(year, month, day).expect("shipped rule dates are real dates")
}

fn percent(hundredths: i64) -> RateValue {
    RateValue::Percent(Decimal::new(hundredths, 2))
}

struct Rate {
    key: &'static str,
    label: &'static str,
    value: RateValue,
    from: CivilDate,
    to: Option<CivilDate>,
    source: &'static str,
    confirmed: bool,
}

impl From<Rate> for RateRow {
    fn from(rate: Rate) -> Self {
        let mut in_effect = sourced(rate.source, rate.confirmed).from(rate.from);
        in_effect.effective_to = rate.to;
        RateRow {
            key: rate.key.to_owned(),
            label: rate.label.to_owned(),
            value: rate.value,
            in_effect,
        }
    }
}

fn sourced(source: &str, confirmed: bool) -> InEffect {
    let in_effect = InEffect::sourced(source);
    if confirmed {
        in_effect
    } else {
        in_effect.unconfirmed()
    }
}

/// Rows start on 01/01/2000 where the rate is older: the portal holds no
/// returns from before 2003.
pub fn rates() -> Vec<RateRow> {
    let since_2000 = date(2000, 1, 1);
    let july_2011 = date(2011, 7, 1);
    let rates = [
        Rate {
            key: keys::SALES_USE_GENERAL,
            label: "General rate",
            value: percent(635),
            from: july_2011,
            to: None,
            source: "DRS SN 2011(6): 6 % rose to 6.35 % on 07/01/2011",
            confirmed: true,
        },
        Rate {
            key: keys::SALES_USE_MEALS,
            label: "Meals and beverages",
            value: percent(635),
            from: july_2011,
            to: Some(date(2019, 9, 30)),
            source: "General rate until the 1 % meals tax (DRS PS 2019(5))",
            confirmed: true,
        },
        Rate {
            key: keys::SALES_USE_MEALS,
            label: "Meals and beverages",
            value: percent(735),
            from: date(2019, 10, 1),
            to: None,
            source: "DRS PS 2019(5): 6.35 % plus 1 % on meals from 10/01/2019",
            confirmed: true,
        },
        Rate {
            key: keys::SALES_USE_LUXURY,
            label: "Luxury goods",
            value: percent(700),
            from: july_2011,
            to: Some(date(2015, 6, 30)),
            source: "DRS SN 2011(6): 7 % on luxury goods from 07/01/2011; end date unconfirmed",
            confirmed: false,
        },
        Rate {
            key: keys::SALES_USE_LUXURY,
            label: "Luxury goods",
            value: percent(775),
            from: date(2015, 7, 1),
            to: None,
            source: "7.75 % per DRS (motor vehicles over $50,000, jewelry over $5,000, clothing over $1,000); start date 07/01/2015 unconfirmed",
            confirmed: false,
        },
        Rate {
            key: keys::SALES_USE_CAR_RENTAL,
            label: "Rental of passenger motor vehicles (30 days or less)",
            value: percent(935),
            from: july_2011,
            to: None,
            source: "DRS SN 2011(6): 6 % rose to 9.35 % on 07/01/2011",
            confirmed: true,
        },
        Rate {
            key: keys::ADMISSIONS,
            label: "Admissions",
            value: percent(1000),
            from: since_2000,
            to: None,
            source: "CGS 12-541: ten per cent of the admission charge (the 2021 sunset for some venues is not modelled)",
            confirmed: true,
        },
        Rate {
            key: keys::DUES,
            label: "Dues and initiation fees",
            value: percent(1000),
            from: since_2000,
            to: None,
            source: "CGS 12-543; DRS Dues Tax page: the rate is 10 %",
            confirmed: true,
        },
        Rate {
            key: keys::DRY_CLEANING,
            label: "Dry cleaning establishment surcharge",
            value: percent(100),
            from: date(1995, 1, 1),
            to: None,
            source: "CGS 12-263m(b): one per cent of gross receipts at retail from 01/01/1995",
            confirmed: true,
        },
        Rate {
            key: keys::PREPAID_WIRELESS_FEE,
            label: "Prepaid wireless E 9-1-1 fee",
            value: RateValue::PerUnit(Money::from_cents(57)),
            from: date(2018, 7, 1),
            to: Some(date(2019, 6, 30)),
            source: "CGS 28-30e sets it to PURA's E 9-1-1 fee; DESPP: $0.57 for FY 2018/19",
            confirmed: true,
        },
        Rate {
            key: keys::PREPAID_WIRELESS_FEE,
            label: "Prepaid wireless E 9-1-1 fee",
            value: RateValue::PerUnit(Money::from_cents(58)),
            from: date(2019, 7, 1),
            to: Some(date(2024, 6, 30)),
            source: "DRS OP-153 help text's worked example uses $0.58; the fiscal years it covers are unconfirmed",
            confirmed: false,
        },
        Rate {
            key: keys::PREPAID_WIRELESS_FEE,
            label: "Prepaid wireless E 9-1-1 fee",
            value: RateValue::PerUnit(Money::from_cents(73)),
            from: date(2024, 7, 1),
            to: None,
            source: "DESPP: PURA's fee for FY 2024/25 is $0.73; later fiscal years unconfirmed",
            confirmed: false,
        },
        Rate {
            key: keys::PREPAID_WIRELESS_RETENTION,
            label: "Seller's retention",
            value: percent(100),
            from: date(2013, 1, 1),
            to: None,
            source: "CGS 28-30f(b): the seller may retain one per cent",
            confirmed: true,
        },
        Rate {
            key: keys::RENTAL_MACHINERY,
            label: "Machinery rental surcharge",
            value: percent(150),
            from: date(2005, 7, 1),
            to: None,
            source: "DRS SN 2005(11); CGS 12-692: 1.5 % on machinery rented 30 days or less (now under 365 days per DRS)",
            confirmed: true,
        },
        Rate {
            key: keys::ROOM_OCCUPANCY_HOTEL,
            label: "Hotels and motels",
            value: percent(1500),
            from: july_2011,
            to: None,
            source: "DRS SN 2011(6): 12 % rose to 15 % on 07/01/2011; Form OP-210",
            confirmed: true,
        },
        Rate {
            key: keys::ROOM_OCCUPANCY_BED_AND_BREAKFAST,
            label: "Bed and breakfast establishments",
            value: percent(1500),
            from: july_2011,
            to: Some(date(2019, 6, 30)),
            source: "Hotel rate until the bed and breakfast rate; end date unconfirmed",
            confirmed: false,
        },
        Rate {
            key: keys::ROOM_OCCUPANCY_BED_AND_BREAKFAST,
            label: "Bed and breakfast establishments",
            value: percent(1100),
            from: date(2019, 7, 1),
            to: None,
            source: "Connecticut Lodging Association: 11 % for bed and breakfasts; start date 07/01/2019 unconfirmed",
            confirmed: false,
        },
        Rate {
            key: keys::TOURISM_PER_DAY,
            label: "Tourism account surcharge, per day",
            value: RateValue::PerUnit(Money::from_cents(100)),
            from: date(1992, 7, 1),
            to: None,
            source: "CGS 12-666; DRS SN 92(14): one dollar per day or portion of a day, up to 30 days",
            confirmed: true,
        },
    ];
    rates.into_iter().map(RateRow::from).collect()
}

fn due(
    tax_type: Option<TaxType>,
    frequency: Option<FilingFrequency>,
    rule: DueRule,
    source: &str,
    confirmed: bool,
) -> DueDateRow {
    DueDateRow {
        tax_type,
        frequency,
        rule,
        in_effect: sourced(source, confirmed),
    }
}

pub fn due_dates() -> Vec<DueDateRow> {
    let month_after = DueRule::LastDayOfMonthAfter { months: 1 };
    vec![
        due(
            None,
            Some(FilingFrequency::Monthly),
            month_after,
            "CGS 12-414; DRS: the last day of the month after the period",
            true,
        ),
        due(
            None,
            Some(FilingFrequency::Quarterly),
            month_after,
            "CGS 12-414, 12-263m; CT-941 instructions: the last day of the month after the quarter",
            true,
        ),
        due(
            None,
            Some(FilingFrequency::Annual),
            DueRule::DayOfMonthAfter { months: 1, day: 31 },
            "DRS: annual returns are due January 31",
            true,
        ),
        due(
            Some(TaxType::RoomOccupancy),
            None,
            DueRule::DayOfMonthAfter { months: 1, day: 20 },
            "Form OP-210 (Rev. 03/15): the twentieth day of the month after the period; current form unconfirmed",
            false,
        ),
    ]
}

fn late_payment(
    tax_type: Option<TaxType>,
    hundredths: i64,
    minimum_cents: i64,
    source: &str,
    confirmed: bool,
) -> LatePaymentRow {
    LatePaymentRow {
        tax_type,
        percent: Decimal::new(hundredths, 2),
        minimum: Money::from_cents(minimum_cents),
        in_effect: sourced(source, confirmed),
    }
}

pub fn late_payment_penalties() -> Vec<LatePaymentRow> {
    vec![
        late_payment(
            None,
            1500,
            5000,
            "Default for taxes without a row of their own (dry cleaning, rental surcharge); unconfirmed",
            false,
        ),
        late_payment(
            Some(TaxType::SalesAndUse),
            1500,
            5000,
            "CGS 12-419(a): fifteen per cent of the tax or fifty dollars, whichever is greater",
            true,
        ),
        late_payment(
            Some(TaxType::RoomOccupancy),
            1500,
            5000,
            "CGS 12-419(a) (room occupancy is taxed under chapter 219)",
            true,
        ),
        late_payment(
            Some(TaxType::Tourism),
            1500,
            5000,
            "Form OP-337 instructions: 15 % of the surcharge due or $50, whichever is greater",
            true,
        ),
        late_payment(
            Some(TaxType::PrepaidWirelessE911),
            1500,
            5000,
            "CGS 28-30f: procedures follow chapter 219; the penalty rate itself is unconfirmed",
            false,
        ),
        late_payment(
            Some(TaxType::AdmissionsAndDues),
            1000,
            5000,
            "DRS help text for Form O-372 says 10 % or $50; unconfirmed against CGS 12-547",
            false,
        ),
        late_payment(
            Some(TaxType::Withholding),
            1000,
            0,
            "CGS 12-735(a): ten per cent of the amount due and unpaid",
            true,
        ),
        late_payment(
            Some(TaxType::WithholdingNonWage),
            1000,
            0,
            "CGS 12-735(a): ten per cent of the amount due and unpaid",
            true,
        ),
    ]
}

pub fn late_filing_penalties() -> Vec<LateFilingRow> {
    vec![LateFilingRow {
        tax_type: None,
        amount: Money::from_cents(5000),
        in_effect: InEffect::sourced(
            "DRS return instructions (OP-153, OP-337): $50 for a late return when no tax is due",
        ),
    }]
}

pub fn interest() -> Vec<InterestRow> {
    vec![InterestRow {
        tax_type: None,
        percent_per_month: Decimal::ONE,
        in_effect: InEffect::sourced(
            "CGS 12-419, 12-735: one per cent per month or fraction thereof from the due date",
        ),
    }]
}

pub fn payment_dates() -> Vec<PaymentDateRow> {
    vec![PaymentDateRow {
        cutoff: TimeOfDay { hour: 17, minute: 0 },
        months_ahead: 12,
        in_effect: InEffect::sourced(
            "Portal decision: 5:00 p.m. Hartford time, ahead of the banks' evening ACH files; one year ahead at most",
        ),
    }]
}
