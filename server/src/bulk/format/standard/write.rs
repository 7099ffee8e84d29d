//! Writing records in the standard format: sample files, round trips, tests.
//! Sequence numbers are the writer's (1, 2, 3… as written); counts and totals
//! are written as the records carry them, so a test can write a wrong one.

use super::{
    framing::{Framing, LineEnd},
    layout::{a, b, f, t, totals, Field, PAYMENT_YEAR, RECORD_LEN, RECORD_TYPE, SEQUENCE},
    records::*,
};
use std::io::{self, Write};
use wire::{
    bulk::{Address, AmountCode, Amounts, FormType, Tin},
    CivilDate, Money,
};

fn invalid(field: Field, what: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!(
            "{} (positions {}-{}) {what}",
            field.name, field.start, field.end
        ),
    )
}

/// One record being laid out; starts all blanks.
struct Out([u8; RECORD_LEN]);

impl Out {
    fn slot(&mut self, f: Field) -> &mut [u8] {
        self.0.get_mut(f.range()).unwrap_or_default()
    }

    fn text(&mut self, f: Field, text: &str) -> io::Result<()> {
        if !text.bytes().all(|b| (0x20..=0x7e).contains(&b)) {
            return Err(invalid(f, "holds a character the format cannot carry"));
        }
        if text.len() > f.width() {
            return Err(invalid(f, "is too long for its field"));
        }
        self.slot(f)
            .iter_mut()
            .zip(text.bytes())
            .for_each(|(slot, b)| *slot = b);
        Ok(())
    }

    fn number(&mut self, f: Field, n: u64) -> io::Result<()> {
        let digits = format!("{n:0width$}", width = f.width());
        if digits.len() > f.width() {
            return Err(invalid(f, "is too large for its field"));
        }
        self.text(f, &digits)
    }

    fn amount(&mut self, f: Field, amount: Money) -> io::Result<()> {
        let cents = u64::try_from(amount.cents()).map_err(|_| invalid(f, "is negative"))?;
        self.number(f, cents)
    }

    fn byte(&mut self, f: Field, b: u8) {
        if let Some(slot) = self.slot(f).first_mut() {
            *slot = b;
        }
    }

    fn flag(&mut self, f: Field, on: bool, yes: u8) {
        self.byte(f, if on { yes } else { b' ' });
    }

    fn tin(&mut self, f: Field, tin: &Tin) -> io::Result<()> {
        self.text(f, tin.expose_digits())
    }

    fn date(&mut self, f: Field, date: CivilDate) -> io::Result<()> {
        let text = format!("{:04}{:02}{:02}", date.year(), date.month(), date.day());
        self.text(f, &text)
    }

    fn address(&mut self, fields: [Field; 4], address: &Address) -> io::Result<()> {
        let [street, city, state, zip] = fields;
        self.text(street, &address.street)?;
        self.text(city, &address.city)?;
        self.text(state, &address.state)?;
        self.text(zip, &address.zip)
    }

    fn amounts(&mut self, field: fn(AmountCode) -> Field, amounts: &Amounts) -> io::Result<()> {
        AmountCode::all().try_for_each(|code| self.amount(field(code), amounts.get(code)))
    }
}

fn transmitter(o: &mut Out, r: &Transmitter) -> io::Result<()> {
    o.byte(RECORD_TYPE, b'T');
    o.number(PAYMENT_YEAR, r.payment_year.into())?;
    o.flag(t::PRIOR_YEAR, r.prior_year, b'P');
    o.tin(t::TIN, &r.tin)?;
    o.text(t::TCC, &r.control_code)?;
    o.flag(t::TEST_FILE, r.test_file, b'T');
    o.flag(t::FOREIGN, r.address.foreign, b'1');
    o.text(t::NAME, &r.name)?;
    o.text(t::NAME_2, &r.name_2)?;
    o.text(t::COMPANY, &r.company)?;
    o.text(t::COMPANY_2, &r.company_2)?;
    o.address([t::ADDRESS, t::CITY, t::STATE, t::ZIP], &r.address)?;
    o.number(t::PAYEES, r.total_payees)?;
    o.text(t::CONTACT, &r.contact_name)?;
    o.text(t::PHONE, &r.contact_phone)?;
    o.text(t::EMAIL, &r.contact_email)?;
    o.byte(t::VENDOR, r.vendor_indicator);
    let v = &r.vendor;
    o.text(t::VENDOR_NAME, &v.name)?;
    o.text(t::VENDOR_ADDRESS, &v.street)?;
    o.text(t::VENDOR_CITY, &v.city)?;
    o.text(t::VENDOR_STATE, &v.state)?;
    o.text(t::VENDOR_ZIP, &v.zip)?;
    o.text(t::VENDOR_CONTACT, &v.contact_name)?;
    o.text(t::VENDOR_PHONE, &v.contact_phone)?;
    o.flag(t::VENDOR_FOREIGN, v.foreign, b'1');
    Ok(())
}

fn payer(o: &mut Out, r: &Payer) -> io::Result<()> {
    o.byte(RECORD_TYPE, b'A');
    o.number(PAYMENT_YEAR, r.payment_year.into())?;
    o.flag(a::COMBINED, r.combined_federal_state, b'1');
    o.tin(a::TIN, &r.tin)?;
    o.text(a::NAME_CONTROL, &r.name_control)?;
    o.flag(a::LAST_FILING, r.last_filing, b'1');
    o.text(a::RETURN_TYPE, r.form.return_code())?;
    let codes: String = r.amount_codes.iter().map(AmountCode::as_char).collect();
    o.text(a::AMOUNT_CODES, &codes)?;
    o.flag(a::FOREIGN, r.address.foreign, b'1');
    o.text(a::NAME, &r.name)?;
    o.text(a::NAME_2, &r.name_2)?;
    if let Some(agent) = r.transfer_agent {
        o.byte(a::TRANSFER_AGENT, if agent { b'1' } else { b'0' });
    }
    o.address([a::ADDRESS, a::CITY, a::STATE, a::ZIP], &r.address)?;
    o.text(a::PHONE, &r.phone)
}

fn payee(o: &mut Out, r: &PayeeRecord) -> io::Result<()> {
    let p = &r.payee;
    o.byte(RECORD_TYPE, b'B');
    o.number(PAYMENT_YEAR, r.payment_year.into())?;
    o.byte(b::CORRECTED, p.correction.code());
    o.text(b::NAME_CONTROL, &r.name_control)?;
    o.byte(b::TIN_TYPE, p.tin.kind().map_or(b' ', |k| k.code()));
    o.tin(b::TIN, &p.tin)?;
    o.text(b::ACCOUNT, &p.account_number)?;
    o.text(b::OFFICE, &r.office_code)?;
    o.amounts(b::amount, &p.amounts)?;
    o.flag(b::FOREIGN, p.address.foreign, b'1');
    o.text(b::NAME, &p.name)?;
    o.text(b::NAME_2, &p.name_2)?;
    o.address([b::ADDRESS, b::CITY, b::STATE, b::ZIP], &p.address)?;
    o.text(b::SPECIAL, &r.special_data)?;
    o.amount(b::STATE_TAX, p.ct_tax_withheld)?;
    o.amount(b::LOCAL_TAX, r.local_tax_withheld)?;
    if p.form != FormType::W2g {
        o.text(b::COMBINED_CODE, &r.combined_code)?;
    }
    match &r.form_fields {
        FormFields::Misc {
            second_tin_notice,
            direct_sales,
            fatca,
        } => {
            o.flag(b::misc::SECOND_TIN_NOTICE, *second_tin_notice, b'2');
            o.flag(b::misc::DIRECT_SALES, *direct_sales, b'1');
            o.flag(b::misc::FATCA, *fatca, b'1');
        }
        FormFields::Nec {
            second_tin_notice,
            direct_sales,
        } => {
            o.flag(b::nec::SECOND_TIN_NOTICE, *second_tin_notice, b'2');
            o.flag(b::nec::DIRECT_SALES, *direct_sales, b'1');
        }
        FormFields::W2g(w) => {
            use b::w2g::*;
            o.byte(WAGER, w.wager_type);
            o.date(DATE_WON, w.date_won)?;
            o.text(TRANSACTION, &w.transaction)?;
            o.text(RACE, &w.race)?;
            o.text(CASHIER, &w.cashier)?;
            o.text(WINDOW, &w.window)?;
            o.text(FIRST_ID, &w.first_id)?;
            o.text(SECOND_ID, &w.second_id)?;
        }
    }
    Ok(())
}

fn record(o: &mut Out, record: &Record) -> io::Result<()> {
    match record {
        Record::Transmitter(r) => transmitter(o, r),
        Record::Payer(r) => payer(o, r),
        Record::Payee(r) => payee(o, r),
        Record::EndOfPayer(r) => {
            o.byte(RECORD_TYPE, b'C');
            o.number(totals::PAYEES, r.payees)?;
            o.amounts(totals::total, &r.totals)
        }
        Record::StateTotals(r) => {
            o.byte(RECORD_TYPE, b'K');
            o.number(totals::PAYEES, r.payees)?;
            o.amounts(totals::total, &r.totals)?;
            o.amount(totals::K_STATE_TAX, r.state_tax_withheld)?;
            o.amount(totals::K_LOCAL_TAX, r.local_tax_withheld)?;
            o.text(totals::K_STATE_CODE, &r.state_code)
        }
        Record::EndOfTransmission(r) => {
            o.byte(RECORD_TYPE, b'F');
            o.number(f::PAYERS, r.payers)?;
            o.text(f::ZEROS, &"0".repeat(f::ZEROS.width()))?;
            match r.total_payees {
                Some(n) => o.number(f::PAYEES, n),
                None => Ok(()),
            }
        }
    }
}

/// Writes records one by one; holds only the last record (its line break
/// depends on whether it is the last).
pub struct Writer<W: Write> {
    out: W,
    framing: Framing,
    number: u64,
    pending: Option<Box<[u8; RECORD_LEN]>>,
}

impl<W: Write> Writer<W> {
    pub fn new(out: W, framing: Framing) -> Self {
        Writer {
            out,
            framing,
            number: 0,
            pending: None,
        }
    }

    pub fn write(&mut self, r: &Record) -> io::Result<()> {
        self.number += 1;
        let mut o = Out([b' '; RECORD_LEN]);
        record(&mut o, r)?;
        o.number(SEQUENCE, self.number)?;
        self.flush_pending(true)?;
        self.pending = Some(Box::new(o.0));
        Ok(())
    }

    fn flush_pending(&mut self, line_end: bool) -> io::Result<()> {
        let Some(mut bytes) = self.pending.take() else {
            return Ok(());
        };
        match (self.framing.line_end, line_end) {
            (LineEnd::CrLfInRecord, true) => {
                if let Some(tail) = bytes.get_mut(748..) {
                    tail.copy_from_slice(b"\r\n");
                }
                self.out.write_all(&bytes[..])
            }
            (LineEnd::Lf, true) => {
                self.out.write_all(&bytes[..])?;
                self.out.write_all(b"\n")
            }
            (LineEnd::CrLf, true) => {
                self.out.write_all(&bytes[..])?;
                self.out.write_all(b"\r\n")
            }
            _ => self.out.write_all(&bytes[..]),
        }
    }

    /// Writes the last record (with its line break if the framing says so).
    pub fn finish(mut self) -> io::Result<W> {
        let last = self.framing.last_line_end;
        self.flush_pending(last)?;
        self.out.flush()?;
        Ok(self.out)
    }
}
