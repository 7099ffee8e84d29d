//! CT-1096, the annual summary filed with the information returns: counted from
//! the accepted records only, with its due date (January 31 of the year after
//! the payment year, moved to the next business day).

use super::{form::FormType, payee::Payee};
use crate::{date::CivilDate, ids::CtRegNumber, money::Money};
use serde::{Deserialize, Serialize};

/// Which days are business days. The Connecticut legal-holiday calendar
/// implements this; any `Fn(CivilDate) -> bool` does too, so tests and callers
/// need no calendar type.
pub trait BusinessDays {
    fn is_business_day(&self, date: CivilDate) -> bool;
}

impl<F: Fn(CivilDate) -> bool> BusinessDays for F {
    fn is_business_day(&self, date: CivilDate) -> bool {
        self(date)
    }
}

/// Monday to Friday, for callers without a holiday list (tests, estimates).
pub fn is_weekday(date: CivilDate) -> bool {
    // 1970-01-01 was a Thursday: index 3 counting Monday as 0.
    (date.days_since_epoch() + 3).rem_euclid(7) < 5
}

/// January 31 after `payment_year`, or the next business day. `None` only if
/// the calendar finds no business day within a month (a broken calendar).
pub fn due_date(payment_year: i32, calendar: &impl BusinessDays) -> Option<CivilDate> {
    let mut day = CivilDate::new(payment_year.checked_add(1)?, 1, 31)?;
    for _ in 0..31 {
        if calendar.is_business_day(day) {
            return Some(day);
        }
        day = day.add_days(1)?;
    }
    None
}

/// Electronic filing is required from this many forms of one type. The
/// current figure is unconfirmed (TAX-FACTS), so callers take it from
/// configuration and this is only the default.
pub const ELECTRONIC_FILING_THRESHOLD: u64 = 25;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FormCounts {
    pub misc: u64,
    pub nec: u64,
    pub w2g: u64,
}

impl FormCounts {
    pub fn get(&self, form: FormType) -> u64 {
        match form {
            FormType::Misc => self.misc,
            FormType::Nec => self.nec,
            FormType::W2g => self.w2g,
        }
    }

    fn bump(&mut self, form: FormType) {
        let slot = match form {
            FormType::Misc => &mut self.misc,
            FormType::Nec => &mut self.nec,
            FormType::W2g => &mut self.w2g,
        };
        *slot = slot.saturating_add(1);
    }

    /// The form types whose count reaches `threshold` (they must be filed electronically).
    pub fn electronic_required(&self, threshold: u64) -> Vec<FormType> {
        FormType::ALL
            .into_iter()
            .filter(|f| self.get(*f) >= threshold)
            .collect()
    }

    pub fn total(&self) -> u64 {
        self.misc.saturating_add(self.nec).saturating_add(self.w2g)
    }
}

/// Running totals, fed one accepted record at a time so a file of any size is
/// summed without holding its records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Ct1096Totals {
    pub forms: FormCounts,
    pub ct_tax_withheld: Money,
}

impl Ct1096Totals {
    pub fn add(&mut self, payee: &Payee) {
        self.add_form(payee.form, payee.ct_tax_withheld);
    }

    pub fn add_form(&mut self, form: FormType, ct_tax_withheld: Money) {
        self.forms.bump(form);
        self.ct_tax_withheld = self.ct_tax_withheld + ct_tax_withheld;
    }

    pub fn merge(&mut self, other: &Ct1096Totals) {
        self.forms.misc = self.forms.misc.saturating_add(other.forms.misc);
        self.forms.nec = self.forms.nec.saturating_add(other.forms.nec);
        self.forms.w2g = self.forms.w2g.saturating_add(other.forms.w2g);
        self.ct_tax_withheld = self.ct_tax_withheld + other.ct_tax_withheld;
    }
}

/// The summary the filer reviews and confirms before anything is filed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ct1096 {
    pub payer_registration: CtRegNumber,
    pub payer_name: String,
    pub payment_year: i32,
    pub forms: FormCounts,
    pub ct_tax_withheld: Money,
    pub due_date: CivilDate,
}

impl Ct1096 {
    pub fn new(
        payer_registration: CtRegNumber,
        payer_name: &str,
        payment_year: i32,
        totals: Ct1096Totals,
        calendar: &impl BusinessDays,
    ) -> Option<Self> {
        Some(Ct1096 {
            payer_registration,
            payer_name: payer_name.trim().to_owned(),
            payment_year,
            forms: totals.forms,
            ct_tax_withheld: totals.ct_tax_withheld,
            due_date: due_date(payment_year, calendar)?,
        })
    }

    /// Summed from accepted records: the way every filing path builds it.
    pub fn from_payees<'a>(
        payer_registration: CtRegNumber,
        payer_name: &str,
        payment_year: i32,
        payees: impl IntoIterator<Item = &'a Payee>,
        calendar: &impl BusinessDays,
    ) -> Option<Self> {
        let mut totals = Ct1096Totals::default();
        payees.into_iter().for_each(|p| totals.add(p));
        Self::new(
            payer_registration,
            payer_name,
            payment_year,
            totals,
            calendar,
        )
    }

    /// Filed after the due date (a Connecticut date): the filing is marked late.
    pub fn is_late(&self, filed_on: CivilDate) -> bool {
        filed_on > self.due_date
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bulk::{
        form::AmountCode,
        payee::{Address, Amounts, Correction},
        tin::{Tin, TinKind},
    };

    fn date(y: i32, m: u8, d: u8) -> CivilDate {
        CivilDate::new(y, m, d).unwrap()
    }

    fn payee(form: FormType, ct_cents: i64) -> Payee {
        let mut amounts = Amounts::default();
        amounts.set(
            AmountCode::from_char('1').unwrap(),
            Money::from_cents(100_000),
        );
        Payee {
            form,
            tin: Tin::parse(TinKind::Ssn, "123456780").unwrap(),
            name: "PAYEE".into(),
            name_2: String::new(),
            address: Address::default(),
            account_number: String::new(),
            amounts,
            ct_tax_withheld: Money::from_cents(ct_cents),
            correction: Correction::Original,
        }
    }

    #[test]
    fn the_due_date_is_january_thirty_first_after_the_payment_year() {
        // 2025-01-31 is a Friday.
        assert_eq!(due_date(2024, &is_weekday), Some(date(2025, 1, 31)));
    }

    #[test]
    fn a_due_date_on_a_weekend_moves_to_monday() {
        // 2026-01-31 is a Saturday; 2027-01-31 a Sunday.
        assert_eq!(due_date(2025, &is_weekday), Some(date(2026, 2, 2)));
        assert_eq!(due_date(2026, &is_weekday), Some(date(2027, 2, 1)));
    }

    #[test]
    fn a_due_date_on_a_holiday_moves_past_it_and_any_weekend() {
        // Pretend Friday 2025-01-31 is a holiday: the Monday after is due.
        let holiday = date(2025, 1, 31);
        let calendar = |d: CivilDate| is_weekday(d) && d != holiday;
        assert_eq!(due_date(2024, &calendar), Some(date(2025, 2, 3)));
    }

    #[test]
    fn a_calendar_without_business_days_gives_no_due_date_rather_than_looping() {
        assert_eq!(due_date(2024, &|_: CivilDate| false), None);
    }

    #[test]
    fn ct_1096_counts_forms_by_type_and_sums_connecticut_withholding() {
        let payees = [
            payee(FormType::Nec, 5_000),
            payee(FormType::Nec, 2_550),
            payee(FormType::Misc, 0),
            payee(FormType::W2g, 12_345),
        ];
        let reg = CtRegNumber::parse("21422144000").unwrap();
        let summary =
            Ct1096::from_payees(reg, " NATURAL HEALTH LLC ", 2025, &payees, &is_weekday).unwrap();
        assert_eq!(
            summary.forms,
            FormCounts {
                misc: 1,
                nec: 2,
                w2g: 1
            }
        );
        assert_eq!(summary.forms.total(), 4);
        assert_eq!(summary.ct_tax_withheld, Money::from_cents(19_895));
        assert_eq!(summary.payer_name, "NATURAL HEALTH LLC");
        assert_eq!(summary.payer_registration.as_str(), "21422144000");
        assert_eq!(summary.due_date, date(2026, 2, 2));
        assert!(!summary.is_late(date(2026, 2, 2)));
        assert!(summary.is_late(date(2026, 2, 3)));
    }

    #[test]
    fn electronic_filing_is_required_per_form_type_from_the_threshold() {
        let counts = FormCounts {
            misc: 25,
            nec: 24,
            w2g: 0,
        };
        assert_eq!(
            counts.electronic_required(ELECTRONIC_FILING_THRESHOLD),
            [FormType::Misc]
        );
        assert_eq!(
            counts.electronic_required(10),
            [FormType::Misc, FormType::Nec]
        );
    }

    #[test]
    fn totals_from_parts_merge_into_the_same_summary() {
        let mut a = Ct1096Totals::default();
        a.add(&payee(FormType::Nec, 100));
        let mut b = Ct1096Totals::default();
        b.add(&payee(FormType::Misc, 250));
        a.merge(&b);
        assert_eq!(
            a.forms,
            FormCounts {
                misc: 1,
                nec: 1,
                w2g: 0
            }
        );
        assert_eq!(a.ct_tax_withheld, Money::from_cents(350));
    }
}
