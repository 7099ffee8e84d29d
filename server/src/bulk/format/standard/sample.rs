//! Valid standard-format files of any size, generated record by record (a
//! 100,000-payee file is never held in memory): the committed samples, the
//! tests' inputs and the benchmark's.

use super::{
    framing::{Framing, LineEnd},
    records::*,
    write::Writer,
    CONNECTICUT_CODE,
};
use std::io::{self, Write};
use wire::{
    bulk::{Address, AmountCode, Amounts, Correction, FormType, Payee, Tin, TinKind},
    Money,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayerSpec {
    pub form: FormType,
    pub payees: u64,
    /// Adds a K record (and codes every B record 08).
    pub state_totals: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleSpec {
    pub payment_year: u16,
    pub payers: Vec<PayerSpec>,
    pub framing: Framing,
    pub seed: u64,
}

impl SampleSpec {
    /// The committed sample: 1,000 payees, a 1099-NEC payer (600, with a K
    /// record) and a 1099-MISC payer (400), CR/LF in positions 749–750.
    pub fn thousand() -> Self {
        SampleSpec {
            payment_year: 2025,
            payers: vec![
                PayerSpec {
                    form: FormType::Nec,
                    payees: 600,
                    state_totals: true,
                },
                PayerSpec {
                    form: FormType::Misc,
                    payees: 400,
                    state_totals: false,
                },
            ],
            framing: Framing::new(LineEnd::CrLfInRecord),
            seed: 1220,
        }
    }

    /// `payees` spread over payers of at most 10,000, alternating NEC and MISC.
    pub fn payees(payees: u64, framing: Framing) -> Self {
        let mut payers = Vec::new();
        let mut left = payees;
        while left > 0 {
            let n = left.min(10_000);
            let form = if payers.len() % 2 == 0 {
                FormType::Nec
            } else {
                FormType::Misc
            };
            payers.push(PayerSpec {
                form,
                payees: n,
                state_totals: payers.len() % 3 == 0,
            });
            left -= n;
        }
        SampleSpec {
            payment_year: 2025,
            payers,
            framing,
            seed: 7,
        }
    }

    pub fn total_payees(&self) -> u64 {
        self.payers.iter().map(|p| p.payees).sum()
    }
}

/// SplitMix64: small, fast, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list.get(self.below(list.len() as u64) as usize)
            .copied()
            .unwrap_or_default()
    }
}

const FIRST: &[&str] = &[
    "JOHN",
    "MARY",
    "ROBERT",
    "PATRICIA",
    "MICHAEL",
    "JENNIFER",
    "WILLIAM",
    "LINDA",
    "DAVID",
    "ELIZABETH",
    "JOSE",
    "MARIA",
    "JAMES",
    "SUSAN",
    "KEVIN",
    "NANCY",
    "LUIS",
    "KAREN",
];
const LAST: &[&str] = &[
    "SMITH",
    "JOHNSON",
    "WILLIAMS",
    "BROWN",
    "JONES",
    "GARCIA",
    "MILLER",
    "DAVIS",
    "RODRIGUEZ",
    "MARTINEZ",
    "OCONNOR",
    "NGUYEN",
    "KOWALSKI",
    "DIMARCO",
    "OBRIEN",
    "SANTIAGO",
    "LEE",
];
const STREETS: &[&str] = &[
    "MAPLE AVE",
    "MAIN ST",
    "ELM ST",
    "FARMINGTON AVE",
    "PARK RD",
    "WHITNEY AVE",
    "BOSTON POST RD",
    "ASYLUM ST",
    "CHAPEL ST",
    "OAK ST",
    "RIVER RD",
    "CHURCH ST",
];
const CITIES: &[(&str, &str)] = &[
    ("HARTFORD", "06114"),
    ("NEW HAVEN", "06511"),
    ("STAMFORD", "06901"),
    ("BRIDGEPORT", "06604"),
    ("WATERBURY", "06702"),
    ("NORWALK", "06851"),
    ("DANBURY", "06810"),
    ("NEW BRITAIN", "06051"),
    ("MIDDLETOWN", "06457"),
    ("GREENWICH", "06830"),
];
const PAYERS: &[&str] = &[
    "NATURAL HEALTH LLC",
    "CHARTER OAK LANDSCAPING INC",
    "NUTMEG STATE PROPERTIES LLC",
    "LONG WHARF CONSULTING LLC",
];

fn code(c: char) -> AmountCode {
    AmountCode::all()
        .find(|a| a.as_char() == c)
        .unwrap_or_else(|| AmountCode::all().next().unwrap_or_else(|| unreachable!()))
}

fn tin(rng: &mut Rng, kind: TinKind) -> Tin {
    loop {
        let digits = match kind {
            TinKind::Ssn => format!(
                "{:03}{:02}{:04}",
                100 + rng.below(565),
                1 + rng.below(99),
                1 + rng.below(9_999)
            ),
            TinKind::Fein => format!("{:02}{:07}", 10 + rng.below(89), rng.below(10_000_000)),
        };
        if let Ok(tin) = Tin::parse(kind, &digits) {
            return tin;
        }
    }
}

fn payee(rng: &mut Rng, form: FormType, year: u16, coded: bool) -> PayeeRecord {
    let business = rng.below(10) == 0;
    let kind = if business {
        TinKind::Fein
    } else {
        TinKind::Ssn
    };
    let last = rng.pick(LAST);
    let name = if business {
        format!(
            "{last} {} LLC",
            rng.pick(&["SERVICES", "CONSULTING", "DESIGN", "REPAIR"])
        )
    } else {
        format!("{} {last}", rng.pick(FIRST))
    };
    let (city, zip) = CITIES
        .get(rng.below(CITIES.len() as u64) as usize)
        .copied()
        .unwrap_or(("HARTFORD", "06114"));
    let mut amounts = Amounts::default();
    let paid = 60_000 + rng.below(6_000_000) as i64;
    let main = match form {
        FormType::Nec => code('1'),
        FormType::Misc => code(['1', '3', '6'][rng.below(3) as usize % 3]),
        FormType::W2g => code('1'),
    };
    amounts.set(main, Money::from_cents(paid));
    if rng.below(8) == 0 {
        let federal = if form == FormType::W2g { '2' } else { '4' };
        amounts.set(code(federal), Money::from_cents(paid / 10));
    }
    // Connecticut withholds 6.99 % on non-payroll payments, rounded to cents.
    let ct = (paid * 699 + 5_000) / 10_000;
    PayeeRecord {
        payee: Payee {
            form,
            tin: tin(rng, kind),
            name,
            name_2: String::new(),
            address: Address {
                street: format!("{} {}", 1 + rng.below(2_000), rng.pick(STREETS)),
                city: city.into(),
                state: "CT".into(),
                zip: zip.into(),
                foreign: false,
            },
            account_number: format!("ACCT{:06}", rng.below(1_000_000)),
            amounts,
            ct_tax_withheld: Money::from_cents(ct),
            correction: Correction::Original,
        },
        payment_year: year,
        name_control: last.chars().take(4).collect(),
        office_code: String::new(),
        local_tax_withheld: Money::ZERO,
        special_data: String::new(),
        combined_code: if coded {
            CONNECTICUT_CODE.into()
        } else {
            String::new()
        },
        form_fields: match form {
            FormType::Misc => FormFields::Misc {
                second_tin_notice: false,
                direct_sales: false,
                fatca: false,
            },
            FormType::Nec => FormFields::Nec {
                second_tin_notice: false,
                direct_sales: false,
            },
            FormType::W2g => FormFields::W2g(W2gFields {
                wager_type: b'4',
                date_won: wire::CivilDate::new(i32::from(year), 6, 1)
                    .unwrap_or_else(|| unreachable!("June 1 exists")),
                transaction: String::new(),
                race: String::new(),
                cashier: String::new(),
                window: String::new(),
                first_id: String::new(),
                second_id: String::new(),
            }),
        },
    }
}

/// NATURAL HEALTH LLC's address, the demo business's (payers and transmitter).
fn office() -> Address {
    Address {
        street: "800 MAPLE AVE".into(),
        city: "HARTFORD".into(),
        state: "CT".into(),
        zip: "061142322".into(),
        foreign: false,
    }
}

fn transmitter(spec: &SampleSpec) -> Transmitter {
    Transmitter {
        payment_year: spec.payment_year,
        prior_year: false,
        tin: Tin::parse_untyped("061234567").unwrap_or_else(|_| unreachable!()),
        control_code: "08ABC".into(),
        test_file: false,
        name: "NATURAL HEALTH LLC".into(),
        name_2: String::new(),
        company: "NATURAL HEALTH LLC".into(),
        company_2: String::new(),
        address: office(),
        total_payees: spec.total_payees(),
        contact_name: "JANE SMITH".into(),
        contact_phone: "8605550123".into(),
        contact_email: "jane.smith@example.com".into(),
        vendor_indicator: b'I',
        vendor: Vendor::default(),
    }
}

fn payer(spec: &SampleSpec, index: usize, p: &PayerSpec) -> Payer {
    let codes: &[char] = match p.form {
        FormType::Nec => &['1', '4'],
        FormType::Misc => &['1', '3', '4', '6'],
        FormType::W2g => &['1', '2'],
    };
    let tin = format!("06{:07}", 1_234_567 + index as u64 * 1_111);
    Payer {
        payment_year: spec.payment_year,
        combined_federal_state: p.state_totals,
        tin: Tin::parse_untyped(&tin).unwrap_or_else(|_| unreachable!()),
        name_control: String::new(),
        last_filing: false,
        form: p.form,
        amount_codes: codes.iter().map(|c| code(*c)).collect(),
        name: PAYERS
            .get(index % PAYERS.len())
            .copied()
            .unwrap_or("PAYER")
            .into(),
        name_2: String::new(),
        transfer_agent: Some(false),
        address: office(),
        phone: "8605550123".into(),
    }
}

/// The records of a valid file, generated as they are asked for.
pub struct Records<'a> {
    spec: &'a SampleSpec,
    rng: Rng,
    payer: usize,
    made: u64,
    sums: Amounts,
    state_tax: Money,
    step: Step,
}

enum Step {
    Transmitter,
    Payer,
    Payee,
    End,
    State,
    Done,
}

pub fn records(spec: &SampleSpec) -> Records<'_> {
    Records {
        spec,
        rng: Rng(spec.seed),
        payer: 0,
        made: 0,
        sums: Amounts::default(),
        state_tax: Money::ZERO,
        step: Step::Transmitter,
    }
}

impl Iterator for Records<'_> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        let spec = self.spec;
        let current = spec.payers.get(self.payer);
        match (&self.step, current) {
            (Step::Done, _) => None,
            (Step::Transmitter, _) => {
                self.step = Step::Payer;
                Some(Record::Transmitter(transmitter(spec)))
            }
            (Step::Payer, None) | (Step::State, None) => {
                self.step = Step::Done;
                Some(Record::EndOfTransmission(EndOfTransmission {
                    payers: spec.payers.len() as u64,
                    total_payees: Some(spec.total_payees()),
                }))
            }
            (Step::Payer, Some(p)) => {
                self.made = 0;
                self.sums = Amounts::default();
                self.state_tax = Money::ZERO;
                self.step = if p.payees == 0 {
                    Step::End
                } else {
                    Step::Payee
                };
                Some(Record::Payer(payer(spec, self.payer, p)))
            }
            (Step::Payee, Some(p)) => {
                let b = payee(&mut self.rng, p.form, spec.payment_year, p.state_totals);
                for code in AmountCode::all() {
                    self.sums
                        .set(code, self.sums.get(code) + b.payee.amounts.get(code));
                }
                self.state_tax = self.state_tax + b.payee.ct_tax_withheld;
                self.made += 1;
                if self.made >= p.payees {
                    self.step = Step::End;
                }
                Some(Record::Payee(Box::new(b)))
            }
            (Step::End, Some(p)) => {
                self.step = if p.state_totals {
                    Step::State
                } else {
                    Step::Payer
                };
                if !p.state_totals {
                    self.payer += 1;
                }
                Some(Record::EndOfPayer(EndOfPayer {
                    payees: p.payees,
                    totals: self.sums,
                }))
            }
            (Step::State, Some(p)) => {
                self.payer += 1;
                self.step = Step::Payer;
                Some(Record::StateTotals(StateTotals {
                    payees: p.payees,
                    totals: self.sums,
                    state_tax_withheld: self.state_tax,
                    local_tax_withheld: Money::ZERO,
                    state_code: CONNECTICUT_CODE.into(),
                }))
            }
            (Step::Payee, None) | (Step::End, None) => {
                self.step = Step::Done;
                None
            }
        }
    }
}

/// Writes the whole sample file, streaming.
pub fn write(spec: &SampleSpec, out: impl Write) -> io::Result<()> {
    let mut writer = Writer::new(out, spec.framing);
    for record in records(spec) {
        writer.write(&record)?;
    }
    writer.finish().map(drop)
}

/// The sample in memory, for tests and benchmarks.
pub fn bytes(spec: &SampleSpec) -> Vec<u8> {
    let mut out = Vec::with_capacity(spec.total_payees() as usize * 752 + 8 * 752);
    // Writing to a Vec cannot fail, and the generator writes only valid values.
    let _ = write(spec, &mut out);
    out
}

/// The committed sample with a dozen kinds of error, each listed (with the
/// message the reader must give) in `tests/data/bulk/README.md`.
/// Records: 1 T, 2 A (1099-NEC), 3–10 B, 11 C, 12 K, 13 A (1099-MISC),
/// 14–17 B, 18 C, 19 F, and a 20th after the F.
pub fn with_errors() -> Vec<u8> {
    let spec = SampleSpec {
        payment_year: 2025,
        payers: vec![
            PayerSpec {
                form: FormType::Nec,
                payees: 8,
                state_totals: true,
            },
            PayerSpec {
                form: FormType::Misc,
                payees: 4,
                state_totals: false,
            },
        ],
        framing: Framing::new(LineEnd::Lf),
        seed: 1096,
    };
    let mut file = bytes(&spec);
    const STRIDE: usize = 751;
    let mut put = |record: usize, position: usize, text: &[u8]| {
        let at = (record - 1) * STRIDE + position - 1;
        if let Some(slot) = file.get_mut(at..at + text.len()) {
            slot.copy_from_slice(text);
        }
    };
    put(3, 12, b"12345    "); // payee TIN too short
    put(4, 11, b"9"); // type of TIN
    put(6, 500, b"00000060"); // sequence number
    put(7, 6, b"G"); // a second corrected-return indicator in one payer
    put(8, 488, b"ZZ"); // payee state
    put(11, 16, b"000000000000000001"); // C control total 1
    put(12, 747, b"25"); // K state code
    put(13, 53, &[b' '; 40]); // payer name blank
    put(15, 67, b"000000010000"); // amount code 2, not declared by the MISC payer
    put(16, 55, b"00000001O000"); // a letter O in an amount
    put(16, 490, b"0611     "); // payee ZIP
    put(17, 2, b"2024"); // payment year differs from the A record's
    put(19, 2, b"00000003"); // F number of A records
    let extra = file
        .get(13 * STRIDE..14 * STRIDE)
        .map(<[u8]>::to_vec)
        .unwrap_or_default();
    file.extend_from_slice(&extra); // a record after F
    file
}
