//! Reading one field of one record, reporting what is wrong with it in the
//! words a person fixing the file needs. A record with any bad field is not
//! turned into a typed value (its problems are all reported first).

use super::{
    error::{ErrorSink, RecordError, RecordKind},
    layout::{Field, RECORD_LEN},
};
use wire::{
    bulk::{text::is_us_state, Address, Tin, TinKind},
    CivilDate, Money,
};

/// Counts what it passes on, so the pass knows whether the file is clean.
pub struct Reporter<'a> {
    sink: &'a mut dyn ErrorSink,
    pub count: u64,
}

impl<'a> Reporter<'a> {
    pub fn new(sink: &'a mut dyn ErrorSink) -> Self {
        Reporter { sink, count: 0 }
    }

    pub fn report(&mut self, error: RecordError) {
        self.count += 1;
        self.sink.error(error);
    }
}

pub struct Fields<'r, 'a> {
    rec: &'r [u8; RECORD_LEN],
    pub number: u64,
    pub kind: RecordKind,
    errors: &'r mut Reporter<'a>,
    pub ok: bool,
    /// Errors found in this record so far (to tell which part of it failed).
    pub failures: u32,
}

/// Shows a byte in a message: the character when printable, else its hex code.
pub fn show_byte(b: u8) -> String {
    if (0x21..=0x7e).contains(&b) {
        format!("\"{}\"", char::from(b))
    } else if b == b' ' {
        "a blank".into()
    } else {
        format!("byte 0x{b:02X}")
    }
}

impl<'r, 'a> Fields<'r, 'a> {
    pub fn new(
        rec: &'r [u8; RECORD_LEN],
        number: u64,
        kind: RecordKind,
        errors: &'r mut Reporter<'a>,
    ) -> Self {
        Fields {
            rec,
            number,
            kind,
            errors,
            ok: true,
            failures: 0,
        }
    }

    pub fn bytes(&self, f: Field) -> &'r [u8] {
        self.rec.get(f.range()).unwrap_or_default()
    }

    pub fn byte(&self, f: Field) -> u8 {
        self.bytes(f).first().copied().unwrap_or(b' ')
    }

    pub fn fail(&mut self, f: Field, message: impl Into<String>) {
        self.ok = false;
        self.failures += 1;
        self.errors
            .report(RecordError::at(self.number, Some(self.kind), f, message));
    }

    fn is_blank(&self, f: Field) -> bool {
        self.bytes(f).iter().all(|b| *b == b' ')
    }

    pub fn blank(&mut self, f: Field) {
        if !self.is_blank(f) {
            self.fail(f, "must be blank");
        }
    }

    /// Printable ASCII, left-justified; returned without trailing blanks.
    pub fn text(&mut self, f: Field) -> String {
        let bytes = self.bytes(f);
        // Most optional fields are blank: no checks, no allocation.
        if self.is_blank(f) {
            return String::new();
        }
        if let Some(i) = bytes.iter().position(|b| !(0x20..=0x7e).contains(b)) {
            let at = usize::from(f.start) + i;
            let what = bytes.get(i).map_or_else(String::new, |b| show_byte(*b));
            self.fail(
                f,
                format!("must be printable text; position {at} holds {what}"),
            );
            return String::new();
        }
        if bytes.first() == Some(&b' ') {
            self.fail(f, "must be left-justified: it starts with a blank");
        }
        // Printable ASCII is UTF-8, so this never falls back.
        std::str::from_utf8(bytes)
            .unwrap_or_default()
            .trim()
            .to_owned()
    }

    pub fn required(&mut self, f: Field) -> String {
        if self.is_blank(f) {
            self.fail(f, "must not be blank");
            return String::new();
        }
        self.text(f)
    }

    /// All digits (right-justified, zero-filled), as a number.
    pub fn digits(&mut self, f: Field) -> Option<u64> {
        let bytes = self.bytes(f);
        if bytes.is_empty() || !bytes.iter().all(u8::is_ascii_digit) {
            let message = if self.is_blank(f) {
                "must not be blank: enter zeros when there is nothing to report"
            } else {
                "must be digits only, right-justified and zero-filled"
            };
            self.fail(f, message);
            return None;
        }
        Some(bytes.iter().fold(0u64, |n, b| {
            n.saturating_mul(10).saturating_add(u64::from(b - b'0'))
        }))
    }

    pub fn number(&mut self, f: Field) -> u64 {
        self.digits(f).unwrap_or(0)
    }

    /// Blank means "not given".
    pub fn optional_number(&mut self, f: Field) -> Option<u64> {
        if self.is_blank(f) {
            None
        } else {
            self.digits(f)
        }
    }

    /// Cents; amount fields hold at most 18 digits, well inside `i64`.
    pub fn cents(&mut self, f: Field) -> i64 {
        i64::try_from(self.number(f)).unwrap_or(i64::MAX)
    }

    pub fn amount(&mut self, f: Field) -> Money {
        Money::from_cents(self.cents(f))
    }

    pub fn zeros(&mut self, f: Field) {
        if !self.bytes(f).iter().all(|b| *b == b'0') {
            self.fail(f, "must be all zeros");
        }
    }

    /// `yes` or blank.
    pub fn flag(&mut self, f: Field, yes: u8) -> bool {
        match self.byte(f) {
            b' ' => false,
            b if b == yes => true,
            b => {
                self.fail(
                    f,
                    format!("must be {} or blank, not {}", char::from(yes), show_byte(b)),
                );
                false
            }
        }
    }

    pub fn year(&mut self, f: Field) -> u16 {
        let bytes = self.bytes(f);
        let year = bytes
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| {
                bytes.iter().fold(0u16, |n, b| {
                    n.saturating_mul(10).saturating_add(u16::from(b - b'0'))
                })
            })
            .filter(|y| (1900..=2199).contains(y));
        match year {
            Some(y) => y,
            None => {
                self.fail(f, "must be a 4-digit year, like 2025");
                0
            }
        }
    }

    /// `YYYYMMDD`.
    pub fn date(&mut self, f: Field) -> Option<CivilDate> {
        let text = std::str::from_utf8(self.bytes(f)).unwrap_or_default();
        let parsed = (text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()))
            .then(|| {
                let (y, md) = text.split_at(4);
                let (m, d) = md.split_at(2);
                CivilDate::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
            })
            .flatten();
        if parsed.is_none() {
            self.fail(f, "must be a real date written YYYYMMDD, like 20250314");
        }
        parsed
    }

    pub fn tin(&mut self, f: Field, kind: Option<TinKind>) -> Option<Tin> {
        match Tin::from_field(kind, self.bytes(f)) {
            Ok(tin) => Some(tin),
            Err(problem) => {
                self.fail(f, problem.predicate());
                None
            }
        }
    }

    /// State and ZIP of a US address; free text (the foreign form) otherwise.
    pub fn state_zip(&mut self, state: Field, zip: Field, foreign: bool) -> (String, String) {
        if foreign {
            return (self.text(state), self.text(zip));
        }
        let code = self.text(state);
        if code.is_empty() {
            self.fail(state, "must not be blank");
        } else if !is_us_state(&code) {
            self.fail(
                state,
                "must be a two-letter US state code in capitals, like CT",
            );
        }
        let bytes = self.bytes(zip);
        let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
        let rest_blank = bytes.iter().skip(digits).all(|b| *b == b' ');
        if !((digits == 5 || digits == 9) && rest_blank) {
            self.fail(
                zip,
                "must be 5 or 9 digits, left-justified, like 06114 or 061142322",
            );
        }
        (code, String::from_utf8_lossy(bytes).trim_end().to_owned())
    }

    /// Street and city (required), then state and ZIP as [`Self::state_zip`] reads them.
    pub fn address(&mut self, [street, city, state, zip]: [Field; 4], foreign: bool) -> Address {
        let street = self.required(street);
        let city = self.required(city);
        let (state, zip) = self.state_zip(state, zip, foreign);
        Address {
            street,
            city,
            state,
            zip,
            foreign,
        }
    }

    pub fn sequence(&mut self, f: Field) {
        let expected = self.number;
        if let Some(found) = self.digits(f) {
            if found != expected {
                self.fail(
                    f,
                    format!(
                        "is {found:08}; records are numbered 1, 2, 3\u{2026} through the file, so this one must be {expected:08}"
                    ),
                );
            }
        }
    }
}
