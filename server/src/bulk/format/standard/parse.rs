//! Record-level checks: each record on its own (required fields, digits,
//! dates, TIN form, indicators, blanks). Cross-record rules live in `validate`.

use super::{
    error::RecordKind,
    fields::{show_byte, Fields},
    layout::{self, a, b, f, t, totals, Field, PAYMENT_YEAR, SEQUENCE},
    records::*,
};
use wire::{
    bulk::{Address, AmountCode, Amounts, Correction, FormType, Payee, TinKind},
    Money,
};

/// Connecticut's code in the Combined Federal/State Filing Program.
pub const CONNECTICUT_CODE: &str = "08";

fn blanks(r: &mut Fields, fields: &[Field]) {
    for field in fields {
        r.blank(*field);
    }
}

pub fn transmitter(r: &mut Fields) -> Option<Record> {
    let payment_year = r.year(PAYMENT_YEAR);
    let prior_year = r.flag(t::PRIOR_YEAR, b'P');
    let tin = r.tin(t::TIN, None);
    let control_code = r.required(t::TCC);
    if !control_code.bytes().all(|b| b.is_ascii_alphanumeric()) {
        r.fail(
            t::TCC,
            "must be the 5 letters and digits of your transmitter control code",
        );
    }
    let test_file = r.flag(t::TEST_FILE, b'T');
    let foreign = r.flag(t::FOREIGN, b'1');
    let name = r.required(t::NAME);
    let name_2 = r.text(t::NAME_2);
    let company = r.required(t::COMPANY);
    let company_2 = r.text(t::COMPANY_2);
    let address = r.address([t::ADDRESS, t::CITY, t::STATE, t::ZIP], foreign);
    let total_payees = r.number(t::PAYEES);
    let contact_name = r.required(t::CONTACT);
    let contact_phone = r.required(t::PHONE);
    let contact_email = r.text(t::EMAIL);
    r.sequence(SEQUENCE);
    let vendor_indicator = r.byte(t::VENDOR);
    if !matches!(vendor_indicator, b'V' | b'I') {
        r.fail(
            t::VENDOR,
            format!(
                "must be V (software from a vendor) or I (written in-house), not {}",
                show_byte(vendor_indicator)
            ),
        );
    }
    let vendor = Vendor {
        name: r.text(t::VENDOR_NAME),
        street: r.text(t::VENDOR_ADDRESS),
        city: r.text(t::VENDOR_CITY),
        state: r.text(t::VENDOR_STATE),
        zip: r.text(t::VENDOR_ZIP),
        contact_name: r.text(t::VENDOR_CONTACT),
        contact_phone: r.text(t::VENDOR_PHONE),
        foreign: r.flag(t::VENDOR_FOREIGN, b'1'),
    };
    blanks(r, layout::blanks(RecordKind::T, FormType::Nec));
    let tin = tin?;
    r.ok.then_some(Record::Transmitter(Transmitter {
        payment_year,
        prior_year,
        tin,
        control_code,
        test_file,
        name,
        name_2,
        company,
        company_2,
        address,
        total_payees,
        contact_name,
        contact_phone,
        contact_email,
        vendor_indicator,
        vendor,
    }))
}

/// The declared codes: left-justified, ascending, each once, valid for the form.
fn amount_codes(r: &mut Fields, form: Option<FormType>) -> AmountCodes {
    let bytes = r.bytes(a::AMOUNT_CODES);
    let used = bytes.iter().take_while(|b| **b != b' ').count();
    let mut codes = AmountCodes::default();
    let mut last: Option<AmountCode> = None;
    let mut problem: Option<String> = None;
    if bytes.iter().skip(used).any(|b| *b != b' ') {
        problem = Some("must be left-justified with no blanks between codes".into());
    }
    for byte in bytes.iter().take(used) {
        // Upper case only: the file's codes are exact bytes.
        let Some(code) =
            AmountCode::from_char(char::from(*byte)).filter(|_| !byte.is_ascii_lowercase())
        else {
            problem = Some(format!(
                "{} is not an amount code (1\u{2013}9, A\u{2013}H or J)",
                show_byte(*byte)
            ));
            break;
        };
        if last.is_some_and(|l| l >= code) {
            problem = Some(
                "must list each code once, in ascending order (1\u{2013}9, then A\u{2013}H, J)"
                    .into(),
            );
            break;
        }
        if let Some(form) = form {
            if form.amount_box(code).is_none() {
                problem = Some(format!("{form} has no amount code {code}"));
                break;
            }
        }
        last = Some(code);
        codes.insert(code);
    }
    if used == 0 {
        problem = Some("must declare at least one amount code".into());
    }
    if let Some(message) = problem {
        r.fail(a::AMOUNT_CODES, message);
    }
    codes
}

/// The record if clean, and the form and declared codes when those two fields
/// alone are readable (the payer's B records are checked against them).
pub fn payer(r: &mut Fields) -> (Option<Record>, Option<FormType>, Option<AmountCodes>) {
    let payment_year = r.year(PAYMENT_YEAR);
    let combined_federal_state = r.flag(a::COMBINED, b'1');
    let tin = r.tin(a::TIN, None);
    let name_control = r.text(a::NAME_CONTROL);
    let last_filing = r.flag(a::LAST_FILING, b'1');
    let code = String::from_utf8_lossy(r.bytes(a::RETURN_TYPE)).into_owned();
    let form = FormType::from_return_code(&code)
        .filter(|f| f.return_code().len() == code.trim_end().len() && !code.starts_with(' '));
    if form.is_none() {
        r.fail(
            a::RETURN_TYPE,
            "must be A (1099-MISC), NE (1099-NEC) or W (W-2G), left-justified",
        );
    }
    let before = r.failures;
    let amount_codes = amount_codes(r, form);
    let declared = (r.failures == before).then_some(amount_codes);
    let foreign = r.flag(a::FOREIGN, b'1');
    let name = r.required(a::NAME);
    let name_2 = r.text(a::NAME_2);
    let transfer_agent = match r.byte(a::TRANSFER_AGENT) {
        b' ' => None,
        b'0' => Some(false),
        b'1' => Some(true),
        other => {
            r.fail(
                a::TRANSFER_AGENT,
                format!("must be 1, 0 or blank, not {}", show_byte(other)),
            );
            None
        }
    };
    let address = r.address([a::ADDRESS, a::CITY, a::STATE, a::ZIP], foreign);
    let phone = r.text(a::PHONE);
    r.sequence(SEQUENCE);
    blanks(r, layout::blanks(RecordKind::A, FormType::Nec));
    let (Some(tin), Some(payer_form)) = (tin, form) else {
        return (None, form, declared);
    };
    let form = payer_form;
    let record = r.ok.then_some(Record::Payer(Payer {
        payment_year,
        combined_federal_state,
        tin,
        name_control,
        last_filing,
        form,
        amount_codes,
        name,
        name_2,
        transfer_agent,
        address,
        phone,
    }));
    (record, Some(form), declared)
}

/// The payee's amounts in cents, kept for the payer's sums even when another
/// field of the record is wrong (`None` when an amount itself is unreadable).
pub struct PayeeAmounts {
    pub cents: [i64; AmountCode::COUNT],
    pub state_tax: i64,
    pub known: bool,
    pub correction: Option<Correction>,
    pub combined_code: [u8; 2],
    pub payment_year: u16,
}

fn form_fields(r: &mut Fields, form: FormType, payment_year: u16) -> Option<FormFields> {
    Some(match form {
        FormType::Misc => FormFields::Misc {
            second_tin_notice: r.flag(b::misc::SECOND_TIN_NOTICE, b'2'),
            direct_sales: r.flag(b::misc::DIRECT_SALES, b'1'),
            fatca: r.flag(b::misc::FATCA, b'1'),
        },
        FormType::Nec => FormFields::Nec {
            second_tin_notice: r.flag(b::nec::SECOND_TIN_NOTICE, b'2'),
            direct_sales: r.flag(b::nec::DIRECT_SALES, b'1'),
        },
        FormType::W2g => {
            let wager_type = r.byte(b::w2g::WAGER);
            if !(b'1'..=b'9').contains(&wager_type) {
                r.fail(
                    b::w2g::WAGER,
                    format!(
                        "must be a type of wager code from 1 to 9, not {}",
                        show_byte(wager_type)
                    ),
                );
            }
            let date_won = r.date(b::w2g::DATE_WON);
            if let Some(date) = date_won {
                if payment_year != 0 && date.year() != i32::from(payment_year) {
                    r.fail(
                        b::w2g::DATE_WON,
                        format!("is in {}, not the payment year {payment_year}", date.year()),
                    );
                }
            }
            FormFields::W2g(W2gFields {
                wager_type,
                date_won: date_won?,
                transaction: r.text(b::w2g::TRANSACTION),
                race: r.text(b::w2g::RACE),
                cashier: r.text(b::w2g::CASHIER),
                window: r.text(b::w2g::WINDOW),
                first_id: r.text(b::w2g::FIRST_ID),
                second_id: r.text(b::w2g::SECOND_ID),
            })
        }
    })
}

/// `form` is the open payer's; without one only the common positions are read.
pub fn payee(r: &mut Fields, form: Option<FormType>) -> (Option<Record>, PayeeAmounts) {
    let payment_year = r.year(PAYMENT_YEAR);
    let correction_byte = r.byte(b::CORRECTED);
    let correction = Correction::from_code(correction_byte);
    if correction.is_none() {
        r.fail(
            b::CORRECTED,
            format!("must be G, C or blank, not {}", show_byte(correction_byte)),
        );
    }
    let name_control = r.text(b::NAME_CONTROL);
    let kind_byte = r.byte(b::TIN_TYPE);
    let kind = TinKind::from_code(kind_byte);
    if kind.is_none() {
        r.fail(
            b::TIN_TYPE,
            format!(
                "must be 1 (EIN) or 2 (SSN, ITIN or ATIN), not {}",
                show_byte(kind_byte)
            ),
        );
    }
    let tin = r.tin(b::TIN, kind);
    let account_number = r.text(b::ACCOUNT);
    let office_code = r.text(b::OFFICE);
    let before = r.failures;
    let mut amounts = Amounts::default();
    let mut cents = [0i64; AmountCode::COUNT];
    for code in AmountCode::all() {
        // Cents straight from the digits: no decimal arithmetic per amount.
        let value = r.cents(b::amount(code));
        if value != 0 {
            if let Some(slot) = cents.get_mut(code.index()) {
                *slot = value;
            }
            amounts.set(code, Money::from_cents(value));
        }
    }
    let amounts_known = r.failures == before;
    let foreign = r.flag(b::FOREIGN, b'1');
    let name = r.required(b::NAME);
    let name_2 = r.text(b::NAME_2);
    let address = r.address([b::ADDRESS, b::CITY, b::STATE, b::ZIP], foreign);
    r.sequence(SEQUENCE);
    let mut state_tax = 0;
    let mut local_tax = 0;
    let mut special_data = String::new();
    let mut combined_code = String::new();
    let mut fields = None;
    let mut tax_known = true;
    if let Some(form) = form {
        let before = r.failures;
        state_tax = r.cents(b::STATE_TAX);
        local_tax = r.cents(b::LOCAL_TAX);
        tax_known = r.failures == before;
        special_data = r.text(b::SPECIAL);
        fields = form_fields(r, form, payment_year);
        if form != FormType::W2g {
            combined_code = r.text(b::COMBINED_CODE);
            if !(combined_code.is_empty() || combined_code == CONNECTICUT_CODE) {
                r.fail(
                    b::COMBINED_CODE,
                    format!("must be {CONNECTICUT_CODE} (Connecticut) or blank"),
                );
            }
        }
        blanks(r, layout::blanks(RecordKind::B, form));
    } else {
        // No payer, so no form: check the positions every form shares.
        let common: Vec<Field> = layout::blanks(RecordKind::B, FormType::Nec)
            .iter()
            .copied()
            .filter(|f| f.end <= 543)
            .collect();
        blanks(r, &common);
    }
    let mut code_bytes = [b' '; 2];
    code_bytes
        .iter_mut()
        .zip(combined_code.bytes())
        .for_each(|(slot, b)| *slot = b);
    let summary = PayeeAmounts {
        cents,
        state_tax,
        known: amounts_known && tax_known,
        correction,
        combined_code: code_bytes,
        payment_year,
    };
    let record = build_payee(
        r.ok,
        form,
        tin,
        correction,
        fields,
        (name, name_2),
        address,
        account_number,
        amounts,
        Money::from_cents(state_tax),
        (
            payment_year,
            name_control,
            office_code,
            Money::from_cents(local_tax),
            special_data,
            combined_code,
        ),
    );
    (record, summary)
}

/// The payee count (if readable), the totals, and whether every total was readable.
type Extras = (u16, String, String, Money, String, String);

#[allow(clippy::too_many_arguments)]
fn build_payee(
    ok: bool,
    form: Option<FormType>,
    tin: Option<wire::bulk::Tin>,
    correction: Option<Correction>,
    fields: Option<FormFields>,
    (name, name_2): (String, String),
    address: Address,
    account_number: String,
    amounts: Amounts,
    ct_tax_withheld: Money,
    extras: Extras,
) -> Option<Record> {
    if !ok {
        return None;
    }
    let (payment_year, name_control, office_code, local_tax_withheld, special_data, combined_code) =
        extras;
    Some(Record::Payee(Box::new(PayeeRecord {
        payee: Payee {
            form: form?,
            tin: tin?,
            name,
            name_2,
            address,
            account_number,
            amounts,
            ct_tax_withheld,
            correction: correction?,
        },
        payment_year,
        name_control,
        office_code,
        local_tax_withheld,
        special_data,
        combined_code,
        form_fields: fields?,
    })))
}

/// The payee count (if readable), the totals, and whether every total was readable.
fn control_totals(r: &mut Fields) -> (Option<u64>, Amounts, bool) {
    let payees = r.digits(totals::PAYEES);
    let before = r.failures;
    let mut amounts = Amounts::default();
    for code in AmountCode::all() {
        amounts.set(code, r.amount(totals::total(code)));
    }
    (payees, amounts, r.failures == before)
}

/// The totals as read, for the cross-record comparison (`None` if unreadable).
pub struct ReadTotals {
    pub payees: Option<u64>,
    pub totals: Option<Amounts>,
    pub state_tax: Option<Money>,
}

pub fn end_of_payer(r: &mut Fields) -> (Option<Record>, ReadTotals) {
    let (payees, totals, totals_ok) = control_totals(r);
    r.sequence(SEQUENCE);
    blanks(r, layout::blanks(RecordKind::C, FormType::Nec));
    let read = ReadTotals {
        payees,
        totals: totals_ok.then_some(totals),
        state_tax: None,
    };
    let record = payees
        .filter(|_| r.ok)
        .map(|payees| Record::EndOfPayer(EndOfPayer { payees, totals }));
    (record, read)
}

pub fn state_totals(r: &mut Fields) -> (Option<Record>, ReadTotals) {
    let (payees, totals, totals_ok) = control_totals(r);
    r.sequence(SEQUENCE);
    let before = r.failures;
    let state_tax = r.amount(totals::K_STATE_TAX);
    let state_ok = r.failures == before;
    let local_tax = r.amount(totals::K_LOCAL_TAX);
    let state_code = r.text(totals::K_STATE_CODE);
    if state_code != CONNECTICUT_CODE {
        r.fail(
            totals::K_STATE_CODE,
            format!("must be {CONNECTICUT_CODE}, Connecticut's code"),
        );
    }
    blanks(r, layout::blanks(RecordKind::K, FormType::Nec));
    let read = ReadTotals {
        payees,
        totals: totals_ok.then_some(totals),
        state_tax: state_ok.then_some(state_tax),
    };
    (
        payees.filter(|_| r.ok).map(|payees| {
            Record::StateTotals(StateTotals {
                payees,
                totals,
                state_tax_withheld: state_tax,
                local_tax_withheld: local_tax,
                state_code,
            })
        }),
        read,
    )
}

pub fn end_of_transmission(r: &mut Fields) -> (Option<Record>, Option<u64>, Option<u64>) {
    let payers = r.digits(f::PAYERS);
    r.zeros(f::ZEROS);
    let total_payees = r.optional_number(f::PAYEES);
    r.sequence(SEQUENCE);
    blanks(r, layout::blanks(RecordKind::F, FormType::Nec));
    let record = payers.filter(|_| r.ok).map(|payers| {
        Record::EndOfTransmission(EndOfTransmission {
            payers,
            total_payees,
        })
    });
    (record, payers, total_payees)
}
