//! The one pass over a file: frames records, runs the record-level checks,
//! and keeps only what the cross-record rules need (the open payer's running
//! sums, a few counts), so memory does not grow with the file.

use super::{
    error::{ErrorSink, RecordError, RecordKind},
    fields::{show_byte, Fields, Reporter},
    framing::{Ending, Frame, Framer, Framing, LineEnd},
    layout::{self, b, f, t, totals},
    parse::{self, PayeeAmounts, ReadTotals, CONNECTICUT_CODE},
    records::{AmountCodes, Record},
};
use std::io::{self, BufRead};
use wire::{
    bulk::{text::group_thousands, AmountCode, Correction, Ct1096Totals, FormType},
    Money,
};

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The payment year the filer chose; `None` takes the T record's.
    pub payment_year: Option<u16>,
    /// A test file (T record position 28) is refused unless this is set.
    pub allow_test_file: bool,
}

/// Where records that passed their own checks go, in file order.
///
/// **They are provisional.** A later record can still reject the file (a C
/// total that does not match, a missing F). Store them where nothing reads
/// them (a staging table keyed by the upload) and promote them only when
/// [`read`] returns [`Verdict::Accepted`]; on [`Verdict::Rejected`] drop them.
/// An `Err` from the sink stops the pass and is returned.
pub trait RecordSink {
    fn record(&mut self, number: u64, record: Record) -> io::Result<()>;
}

impl<F: FnMut(u64, Record) -> io::Result<()>> RecordSink for F {
    fn record(&mut self, number: u64, record: Record) -> io::Result<()> {
        self(number, record)
    }
}

/// A sink for a validation-only pass.
pub struct Discard;

impl RecordSink for Discard {
    fn record(&mut self, _: u64, _: Record) -> io::Result<()> {
        Ok(())
    }
}

/// The outcome of a whole pass. Only `Accepted` means the file may be filed.
#[must_use = "records sent to the sink are provisional until the verdict says Accepted"]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Accepted(Acknowledgement),
    Rejected(Rejection),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acknowledgement {
    pub records: u64,
    pub payers: u64,
    pub payees: u64,
    pub payment_year: u16,
    /// For writing the records back byte for byte.
    pub framing: Framing,
    /// Forms by type and Connecticut tax withheld, over every payer.
    pub totals: Ct1096Totals,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub records: u64,
    pub errors: u64,
}

impl Verdict {
    pub fn is_accepted(&self) -> bool {
        matches!(self, Verdict::Accepted(_))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Start,
    /// After T, before the first A.
    Header,
    /// Inside a payer: after A or B.
    Payer,
    /// After a C or K.
    Closed,
    /// After F.
    Ended,
}

/// What the cross-record rules keep about one payer.
struct PayerState {
    record: u64,
    form: Option<FormType>,
    year: u16,
    declared: Option<AmountCodes>,
    payees: u64,
    sums: [i128; AmountCode::COUNT],
    /// False once any B's amounts were unreadable: its sums would mislead.
    known: bool,
    state_payees: u64,
    state_sums: [i128; AmountCode::COUNT],
    state_tax: i128,
    correction: Option<(Correction, u64)>,
}

impl PayerState {
    fn new(record: u64) -> Self {
        PayerState {
            record,
            form: None,
            year: 0,
            declared: None,
            payees: 0,
            sums: [0; AmountCode::COUNT],
            known: true,
            state_payees: 0,
            state_sums: [0; AmountCode::COUNT],
            state_tax: 0,
            correction: None,
        }
    }
}

fn money(cents: i128) -> Money {
    Money::from_cents(i64::try_from(cents).unwrap_or(i64::MAX))
}

fn ending_name(ending: LineEnd) -> &'static str {
    match ending {
        LineEnd::None => "no line break",
        LineEnd::Lf => "a line feed (\\n)",
        LineEnd::CrLf => "\\r\\n",
        LineEnd::CrLfInRecord => "\\r\\n in positions 749\u{2013}750",
    }
}

fn correction_name(c: Correction) -> &'static str {
    match c {
        Correction::Original => "blank (an original)",
        Correction::Corrected => "G",
        Correction::SecondOfTwo => "C",
    }
}

struct Pass<'o> {
    options: &'o Options,
    phase: Phase,
    number: u64,
    style: Option<(LineEnd, u64)>,
    last_terminated: bool,
    t_record: Option<(u64, Option<u64>)>,
    year: Option<u16>,
    payer: Option<PayerState>,
    closed: Option<PayerState>,
    a_count: u64,
    b_count: u64,
    f_record: u64,
    totals: Ct1096Totals,
}

/// Reads and checks a whole standard-format file. Every error goes to
/// `errors`; every record that passed its own checks goes to `records`
/// (provisionally: see [`RecordSink`]). Returns `Err` only for an I/O error
/// of `input` or an error of the sink; a malformed file is an `Ok(Rejected)`.
pub fn read(
    input: impl BufRead,
    options: &Options,
    errors: &mut impl ErrorSink,
    records: &mut impl RecordSink,
) -> io::Result<Verdict> {
    let mut framer = Framer::new(input)?;
    let mut e = Reporter::new(errors);
    let mut pass = Pass {
        options,
        phase: Phase::Start,
        number: 0,
        style: None,
        last_terminated: true,
        t_record: None,
        year: options.payment_year,
        payer: None,
        closed: None,
        a_count: 0,
        b_count: 0,
        f_record: 0,
        totals: Ct1096Totals::default(),
    };
    while let Some(frame) = framer.next_frame()? {
        pass.number += 1;
        match frame {
            Frame::WrongLength { len, first } => pass.wrong_length(&mut e, len, first),
            Frame::Record { bytes, ending } => {
                if let Some(record) = pass.record(&mut e, bytes, ending) {
                    records.record(pass.number, record)?;
                }
            }
        }
    }
    Ok(pass.finish(&mut e))
}

impl Pass<'_> {
    fn structure_error(&mut self, e: &mut Reporter, kind: RecordKind, message: String) {
        let n = self.number;
        e.report(RecordError::at(n, Some(kind), layout::RECORD_TYPE, message));
    }

    fn wrong_length(&mut self, e: &mut Reporter, len: u64, first: Option<u8>) {
        let kind = first.and_then(RecordKind::from_byte);
        if self.after_end(e, kind) {
            return;
        }
        self.last_terminated = true;
        let n = self.number;
        e.report(RecordError::whole(
            n,
            kind,
            "record length",
            format!(
                "is {} bytes long; every record must be 750 bytes",
                group_thousands(len)
            ),
        ));
        // Keep the structure going so one short record does not hide the rest.
        if let Some(kind) = kind {
            self.step(e, kind);
            match kind {
                RecordKind::A => {
                    self.a_count += 1;
                    self.payer = Some(PayerState {
                        known: false,
                        ..PayerState::new(n)
                    });
                }
                RecordKind::B => {
                    self.b_count += 1;
                    if let Some(p) = self.payer.as_mut() {
                        p.payees += 1;
                        p.known = false;
                    }
                }
                _ => {}
            }
        }
    }

    fn after_end(&mut self, e: &mut Reporter, kind: Option<RecordKind>) -> bool {
        if self.phase != Phase::Ended {
            return false;
        }
        let (n, f) = (self.number, self.f_record);
        e.report(RecordError::whole(
            n,
            kind,
            "record type",
            format!(
                "nothing may follow the F record (record {})",
                group_thousands(f)
            ),
        ));
        true
    }

    fn check_ending(&mut self, e: &mut Reporter, kind: RecordKind, ending: Ending) {
        match (ending, self.style) {
            (Ending::Unterminated, _) => self.last_terminated = false,
            (Ending::Break(end), None) => self.style = Some((end, self.number)),
            (Ending::Break(end), Some((style, first))) if end != style => {
                let n = self.number;
                e.report(RecordError::whole(
                    n,
                    Some(kind),
                    "line break",
                    format!(
                        "this record ends with {} but record {} ends with {}; use one kind of line break throughout",
                        ending_name(end),
                        group_thousands(first),
                        ending_name(style)
                    ),
                ));
            }
            _ => {}
        }
    }

    /// Moves through T (A B… C K*)… F, reporting records out of place.
    fn step(&mut self, e: &mut Reporter, kind: RecordKind) {
        use RecordKind::*;
        if self.phase == Phase::Start && kind != T {
            self.structure_error(e, kind, "the file must start with a T record".into());
            self.phase = Phase::Header;
        }
        let open = self.payer.as_ref().map(|p| p.record);
        match (self.phase, kind) {
            (Phase::Start, T) => self.phase = Phase::Header,
            (_, T) => {
                self.structure_error(e, T, "only one T record is allowed, at the start".into())
            }
            (Phase::Payer, A) | (Phase::Payer, F) => {
                if let Some(open) = open {
                    self.structure_error(e,
                        kind,
                        format!(
                            "the payer that starts at record {} has no C record; a C record must follow its B records",
                            group_thousands(open)
                        ),
                    );
                }
                self.payer = None;
                self.phase = if kind == A {
                    Phase::Payer
                } else {
                    Phase::Ended
                };
            }
            (_, A) => self.phase = Phase::Payer,
            (Phase::Payer, B) => {}
            (_, B) => self.structure_error(
                e,
                B,
                "a B record must follow an A record or another B record".into(),
            ),
            (Phase::Payer, C) => self.phase = Phase::Closed,
            (_, C) => {
                self.structure_error(e, C, "a C record must follow a payer's B records".into())
            }
            (Phase::Closed, K) => {}
            (_, K) => {
                self.structure_error(e, K, "a K record must follow its payer's C record".into())
            }
            (Phase::Header, F) => {
                self.structure_error(
                    e,
                    F,
                    "the file has no payers: an A record must follow the T record".into(),
                );
                self.phase = Phase::Ended;
            }
            (_, F) => self.phase = Phase::Ended,
        }
    }

    fn record(
        &mut self,
        e: &mut Reporter,
        bytes: &[u8; layout::RECORD_LEN],
        ending: Ending,
    ) -> Option<Record> {
        let first = bytes.first().copied().unwrap_or(b' ');
        let Some(kind) = RecordKind::from_byte(first) else {
            if !self.after_end(e, None) {
                let n = self.number;
                e.report(RecordError::at(
                    n,
                    None,
                    layout::RECORD_TYPE,
                    format!("must be T, A, B, C, K or F, not {}", show_byte(first)),
                ));
            }
            return None;
        };
        if self.after_end(e, Some(kind)) {
            return None;
        }
        self.check_ending(e, kind, ending);
        self.step(e, kind);
        let n = self.number;
        let mut r = Fields::new(bytes, n, kind, e);
        match kind {
            RecordKind::T => self.on_transmitter(&mut r),
            RecordKind::A => self.on_payer(&mut r),
            RecordKind::B => self.on_payee(&mut r),
            RecordKind::C => self.on_end_of_payer(&mut r),
            RecordKind::K => self.on_state_totals(&mut r),
            RecordKind::F => self.on_end(&mut r),
        }
    }

    fn on_transmitter(&mut self, r: &mut Fields) -> Option<Record> {
        let record = parse::transmitter(r);
        let year = u16::try_from(
            std::str::from_utf8(r.bytes(layout::PAYMENT_YEAR))
                .ok()
                .and_then(|y| y.parse::<u32>().ok())
                .unwrap_or(0),
        )
        .unwrap_or(0);
        match self.options.payment_year {
            Some(expected) if year != 0 && year != expected => r.fail(
                layout::PAYMENT_YEAR,
                format!("is {year} but this filing is for payment year {expected}"),
            ),
            None if year != 0 => self.year = Some(year),
            _ => {}
        }
        if r.byte(t::TEST_FILE) == b'T' && !self.options.allow_test_file {
            r.fail(
                t::TEST_FILE,
                "marks this as a test file (T), which cannot be filed: leave position 28 blank",
            );
        }
        let total = r.bytes(t::PAYEES).iter().all(u8::is_ascii_digit).then(|| {
            r.bytes(t::PAYEES)
                .iter()
                .fold(0u64, |n, b| n * 10 + u64::from(b - b'0'))
        });
        if self.t_record.is_none() {
            self.t_record = Some((r.number, total));
        }
        record.filter(|_| r.ok)
    }

    /// The payment year of an A or B record against the one above it.
    fn check_year(&self, r: &mut Fields, above: u16, what: &str) -> u16 {
        let year = r.year(layout::PAYMENT_YEAR);
        if year != 0 && above != 0 && year != above {
            r.fail(
                layout::PAYMENT_YEAR,
                format!("is {year} but {what} says {above}"),
            );
        }
        year
    }

    fn on_payer(&mut self, r: &mut Fields) -> Option<Record> {
        self.a_count += 1;
        self.closed = None;
        let above = self.year.unwrap_or(0);
        let year = self.check_year(r, above, "the T record");
        let (record, form, declared) = parse::payer(r);
        let mut state = PayerState::new(r.number);
        state.year = year;
        state.form = form;
        state.declared = declared;
        self.payer = Some(state);
        record.filter(|_| r.ok)
    }

    fn on_payee(&mut self, r: &mut Fields) -> Option<Record> {
        self.b_count += 1;
        let form = self.payer.as_ref().and_then(|p| p.form);
        let (record, amounts) = parse::payee(r, form);
        if let Some(payer) = self.payer.as_mut() {
            Self::payee_against_payer(r, payer, &amounts);
        }
        let record = record.filter(|_| r.ok);
        if let Some(Record::Payee(p)) = &record {
            self.totals.add(&p.payee);
        }
        record
    }

    fn payee_against_payer(r: &mut Fields, payer: &mut PayerState, b: &PayeeAmounts) {
        payer.payees += 1;
        if b.payment_year != 0 && payer.year != 0 && b.payment_year != payer.year {
            r.fail(
                layout::PAYMENT_YEAR,
                format!(
                    "is {} but the payer's A record (record {}) says {}",
                    b.payment_year,
                    group_thousands(payer.record),
                    payer.year
                ),
            );
        }
        if let Some(declared) = payer.declared {
            for code in AmountCode::all() {
                let cents = b.cents.get(code.index()).copied().unwrap_or(0);
                if cents != 0 && !declared.contains(code) {
                    r.fail(
                        b::amount(code),
                        format!(
                            "amount code {code} is not declared on the payer's A record (record {})",
                            group_thousands(payer.record)
                        ),
                    );
                }
            }
        }
        match (b.correction, payer.correction) {
            (Some(c), None) => payer.correction = Some((c, r.number)),
            (Some(c), Some((first, at))) if c != first => r.fail(
                b::CORRECTED,
                format!(
                    "is {} but record {}, this payer's first B record, is {}; every B record of a payer must have the same corrected return indicator",
                    correction_name(c),
                    group_thousands(at),
                    correction_name(first)
                ),
            ),
            _ => {}
        }
        if !b.known {
            payer.known = false;
            return;
        }
        let state_coded = b.combined_code == CONNECTICUT_CODE.as_bytes();
        for (i, cents) in b.cents.iter().enumerate() {
            if let Some(sum) = payer.sums.get_mut(i) {
                *sum += i128::from(*cents);
            }
            if state_coded {
                if let Some(sum) = payer.state_sums.get_mut(i) {
                    *sum += i128::from(*cents);
                }
            }
        }
        if state_coded {
            payer.state_payees += 1;
            payer.state_tax += i128::from(b.state_tax);
        }
    }

    /// Compares a C or K record's count and totals with the payer's B records.
    fn compare(
        r: &mut Fields,
        read: &ReadTotals,
        payer: &PayerState,
        payees: u64,
        sums: &[i128; AmountCode::COUNT],
        whose: &str,
    ) {
        if let Some(said) = read.payees {
            if said != payees {
                r.fail(
                    totals::PAYEES,
                    format!(
                        "says {} but the payer (record {}) has {} B records{whose}",
                        group_thousands(said),
                        group_thousands(payer.record),
                        group_thousands(payees)
                    ),
                );
            }
        }
        if !payer.known {
            return;
        }
        if let Some(read_totals) = &read.totals {
            for code in AmountCode::all() {
                let sum = sums.get(code.index()).copied().unwrap_or(0);
                let total = read_totals.get(code);
                if i128::from(total.cents()) != sum {
                    r.fail(
                        totals::total(code),
                        format!(
                            "is {total} but the payer's B records{whose} add up to {}",
                            money(sum)
                        ),
                    );
                }
            }
        }
    }

    fn on_end_of_payer(&mut self, r: &mut Fields) -> Option<Record> {
        let (record, read) = parse::end_of_payer(r);
        if let Some(payer) = self.payer.take() {
            if payer.payees == 0 {
                r.fail(
                    layout::RECORD_TYPE,
                    format!(
                        "the payer at record {} has no B records",
                        group_thousands(payer.record)
                    ),
                );
            }
            Self::compare(r, &read, &payer, payer.payees, &payer.sums, "");
            self.closed = Some(payer);
        }
        record.filter(|_| r.ok)
    }

    fn on_state_totals(&mut self, r: &mut Fields) -> Option<Record> {
        let (record, read) = parse::state_totals(r);
        if let Some(payer) = &self.closed {
            let whose = format!(" with combined federal/state code {CONNECTICUT_CODE}");
            Self::compare(
                r,
                &read,
                payer,
                payer.state_payees,
                &payer.state_sums,
                &whose,
            );
            if let (Some(said), true) = (read.state_tax, payer.known) {
                if i128::from(said.cents()) != payer.state_tax {
                    r.fail(
                        totals::K_STATE_TAX,
                        format!(
                            "is {said} but the payer's B records{whose} withheld {}",
                            money(payer.state_tax)
                        ),
                    );
                }
            }
        }
        record.filter(|_| r.ok)
    }

    fn on_end(&mut self, r: &mut Fields) -> Option<Record> {
        self.f_record = r.number;
        let (record, payers, total_payees) = parse::end_of_transmission(r);
        if let Some(said) = payers.filter(|p| *p != self.a_count) {
            r.fail(
                f::PAYERS,
                format!(
                    "says {} but the file has {} A records",
                    group_thousands(said),
                    group_thousands(self.a_count)
                ),
            );
        }
        if let Some(said) = total_payees.filter(|p| *p != self.b_count) {
            r.fail(
                f::PAYEES,
                format!(
                    "says {} but the file has {} B records",
                    group_thousands(said),
                    group_thousands(self.b_count)
                ),
            );
        }
        record.filter(|_| r.ok)
    }

    fn finish(self, e: &mut Reporter) -> Verdict {
        if self.number == 0 {
            e.report(RecordError::whole(
                1,
                None,
                "file",
                "is empty: a file starts with a T record",
            ));
        } else if self.phase != Phase::Ended {
            let n = self.number;
            if let Some(open) = self.payer.as_ref().map(|p| p.record) {
                e.report(RecordError::whole(
                    n,
                    None,
                    "file",
                    format!(
                        "ends inside the payer that starts at record {}: its C record is missing",
                        group_thousands(open)
                    ),
                ));
            }
            e.report(RecordError::whole(
                n,
                None,
                "file",
                "ends without an F record",
            ));
        }
        if let Some((record, Some(said))) = self.t_record {
            if said != self.b_count {
                let b_count = self.b_count;
                e.report(RecordError::at(
                    record,
                    Some(RecordKind::T),
                    t::PAYEES,
                    format!(
                        "says {} but the file has {} B records",
                        group_thousands(said),
                        group_thousands(b_count)
                    ),
                ));
            }
        }
        if e.count > 0 {
            return Verdict::Rejected(Rejection {
                records: self.number,
                errors: e.count,
            });
        }
        let line_end = self.style.map_or(LineEnd::None, |(end, _)| end);
        Verdict::Accepted(Acknowledgement {
            records: self.number,
            payers: self.a_count,
            payees: self.b_count,
            payment_year: self.year.unwrap_or(0),
            framing: Framing {
                line_end,
                last_line_end: line_end != LineEnd::None && self.last_terminated,
            },
            totals: self.totals,
        })
    }
}
