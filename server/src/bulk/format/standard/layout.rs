//! Where each field sits in a 750-byte record, as data. Positions are 1-based
//! and inclusive, as Publication 1220 prints them; every error message quotes
//! them. A revision of the publication is an edit to these tables.
//!
//! One deliberate difference from TAX-FACTS: the A record's amount codes take
//! positions 28–45 (18 codes, one per payment amount 1–9, A–H, J) as the
//! current Publication 1220 lays them out, not the older 28–43.

use super::error::RecordKind;
use wire::bulk::{AmountCode, FormType};

/// Every record is this long (positions 749–750 may hold the line break).
pub const RECORD_LEN: usize = 750;

/// How a field is read; free text accepts anything printable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The record type letter.
    RecordType,
    Blank,
    /// Must be all zeros (F positions 10–30).
    Zeros,
    Text,
    RequiredText,
    /// Digits, right-justified, zero-filled.
    Number,
    /// Digits, or all blank when not given.
    OptionalNumber,
    /// Cents, right-justified, zero-filled.
    Amount,
    /// One letter or digit meaning "yes", or blank.
    Flag,
    /// One of a few values, checked by the record's own rule.
    Code,
    Year,
    /// `YYYYMMDD`.
    Date,
    Tin,
    Sequence,
    State,
    Zip,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub start: u16,
    pub end: u16,
    pub kind: Kind,
}

impl Field {
    pub const fn new(name: &'static str, start: u16, end: u16, kind: Kind) -> Self {
        Field {
            name,
            start,
            end,
            kind,
        }
    }

    pub fn range(self) -> std::ops::Range<usize> {
        usize::from(self.start.saturating_sub(1))..usize::from(self.end)
    }

    pub fn width(self) -> usize {
        usize::from(self.end + 1 - self.start)
    }
}

const fn blank(start: u16, end: u16) -> Field {
    Field::new("blank", start, end, Kind::Blank)
}

use Kind::*;

pub const RECORD_TYPE: Field = Field::new("record type", 1, 1, RecordType);
pub const PAYMENT_YEAR: Field = Field::new("payment year", 2, 5, Year);
pub const SEQUENCE: Field = Field::new("record sequence number", 500, 507, Sequence);
pub const LINE_END: Field = Field::new("blank or line break", 749, 750, Blank);

pub mod t {
    use super::*;
    pub const PRIOR_YEAR: Field = Field::new("prior year data indicator", 6, 6, Flag);
    pub const TIN: Field = Field::new("transmitter TIN", 7, 15, Tin);
    pub const TCC: Field = Field::new("transmitter control code", 16, 20, RequiredText);
    pub const TEST_FILE: Field = Field::new("test file indicator", 28, 28, Flag);
    pub const FOREIGN: Field = Field::new("foreign entity indicator", 29, 29, Flag);
    pub const NAME: Field = Field::new("transmitter name", 30, 69, RequiredText);
    pub const NAME_2: Field = Field::new("transmitter name continuation", 70, 109, Text);
    pub const COMPANY: Field = Field::new("company name", 110, 149, RequiredText);
    pub const COMPANY_2: Field = Field::new("company name continuation", 150, 189, Text);
    pub const ADDRESS: Field = Field::new("company mailing address", 190, 229, RequiredText);
    pub const CITY: Field = Field::new("company city", 230, 269, RequiredText);
    pub const STATE: Field = Field::new("company state", 270, 271, State);
    pub const ZIP: Field = Field::new("company ZIP code", 272, 280, Zip);
    pub const PAYEES: Field = Field::new("total number of payees", 296, 303, Number);
    pub const CONTACT: Field = Field::new("contact name", 304, 343, RequiredText);
    pub const PHONE: Field = Field::new("contact telephone number", 344, 358, RequiredText);
    pub const EMAIL: Field = Field::new("contact email address", 359, 408, Text);
    pub const VENDOR: Field = Field::new("vendor indicator", 518, 518, Code);
    pub const VENDOR_NAME: Field = Field::new("vendor name", 519, 558, Text);
    pub const VENDOR_ADDRESS: Field = Field::new("vendor mailing address", 559, 598, Text);
    pub const VENDOR_CITY: Field = Field::new("vendor city", 599, 638, Text);
    pub const VENDOR_STATE: Field = Field::new("vendor state", 639, 640, Text);
    pub const VENDOR_ZIP: Field = Field::new("vendor ZIP code", 641, 649, Text);
    pub const VENDOR_CONTACT: Field = Field::new("vendor contact name", 650, 689, Text);
    pub const VENDOR_PHONE: Field = Field::new("vendor contact telephone number", 690, 704, Text);
    pub const VENDOR_FOREIGN: Field = Field::new("vendor foreign entity indicator", 740, 740, Flag);

    pub fn layout() -> Vec<Field> {
        vec![
            RECORD_TYPE,
            PAYMENT_YEAR,
            PRIOR_YEAR,
            TIN,
            TCC,
            blank(21, 27),
            TEST_FILE,
            FOREIGN,
            NAME,
            NAME_2,
            COMPANY,
            COMPANY_2,
            ADDRESS,
            CITY,
            STATE,
            ZIP,
            blank(281, 295),
            PAYEES,
            CONTACT,
            PHONE,
            EMAIL,
            blank(409, 499),
            SEQUENCE,
            blank(508, 517),
            VENDOR,
            VENDOR_NAME,
            VENDOR_ADDRESS,
            VENDOR_CITY,
            VENDOR_STATE,
            VENDOR_ZIP,
            VENDOR_CONTACT,
            VENDOR_PHONE,
            blank(705, 739),
            VENDOR_FOREIGN,
            blank(741, 748),
            LINE_END,
        ]
    }
}

pub mod a {
    use super::*;
    pub const COMBINED: Field = Field::new("combined federal/state filing program", 6, 6, Flag);
    pub const TIN: Field = Field::new("payer TIN", 12, 20, Tin);
    pub const NAME_CONTROL: Field = Field::new("payer name control", 21, 24, Text);
    pub const LAST_FILING: Field = Field::new("last filing indicator", 25, 25, Flag);
    pub const RETURN_TYPE: Field = Field::new("type of return", 26, 27, Code);
    pub const AMOUNT_CODES: Field = Field::new("amount codes", 28, 45, Code);
    pub const FOREIGN: Field = Field::new("foreign entity indicator", 52, 52, Flag);
    pub const NAME: Field = Field::new("first payer name line", 53, 92, RequiredText);
    pub const NAME_2: Field = Field::new("second payer name line", 93, 132, Text);
    pub const TRANSFER_AGENT: Field = Field::new("transfer agent indicator", 133, 133, Code);
    pub const ADDRESS: Field = Field::new("payer shipping address", 134, 173, RequiredText);
    pub const CITY: Field = Field::new("payer city", 174, 213, RequiredText);
    pub const STATE: Field = Field::new("payer state", 214, 215, State);
    pub const ZIP: Field = Field::new("payer ZIP code", 216, 224, Zip);
    pub const PHONE: Field = Field::new("payer telephone number", 225, 239, Text);

    pub fn layout() -> Vec<Field> {
        vec![
            RECORD_TYPE,
            PAYMENT_YEAR,
            COMBINED,
            blank(7, 11),
            TIN,
            NAME_CONTROL,
            LAST_FILING,
            RETURN_TYPE,
            AMOUNT_CODES,
            blank(46, 51),
            FOREIGN,
            NAME,
            NAME_2,
            TRANSFER_AGENT,
            ADDRESS,
            CITY,
            STATE,
            ZIP,
            PHONE,
            blank(240, 499),
            SEQUENCE,
            blank(508, 748),
            LINE_END,
        ]
    }
}

const PAYMENT_NAMES: [&str; 18] = [
    "payment amount 1",
    "payment amount 2",
    "payment amount 3",
    "payment amount 4",
    "payment amount 5",
    "payment amount 6",
    "payment amount 7",
    "payment amount 8",
    "payment amount 9",
    "payment amount A",
    "payment amount B",
    "payment amount C",
    "payment amount D",
    "payment amount E",
    "payment amount F",
    "payment amount G",
    "payment amount H",
    "payment amount J",
];

const TOTAL_NAMES: [&str; 18] = [
    "control total 1",
    "control total 2",
    "control total 3",
    "control total 4",
    "control total 5",
    "control total 6",
    "control total 7",
    "control total 8",
    "control total 9",
    "control total A",
    "control total B",
    "control total C",
    "control total D",
    "control total E",
    "control total F",
    "control total G",
    "control total H",
    "control total J",
];

pub mod b {
    use super::*;
    pub const CORRECTED: Field = Field::new("corrected return indicator", 6, 6, Code);
    pub const NAME_CONTROL: Field = Field::new("name control", 7, 10, Text);
    pub const TIN_TYPE: Field = Field::new("type of TIN", 11, 11, Code);
    pub const TIN: Field = Field::new("payee TIN", 12, 20, Tin);
    pub const ACCOUNT: Field = Field::new("payer's account number for payee", 21, 40, Text);
    pub const OFFICE: Field = Field::new("payer's office code", 41, 44, Text);
    pub const FOREIGN: Field = Field::new("foreign country indicator", 287, 287, Flag);
    pub const NAME: Field = Field::new("first payee name line", 288, 327, RequiredText);
    pub const NAME_2: Field = Field::new("second payee name line", 328, 367, Text);
    pub const ADDRESS: Field = Field::new("payee mailing address", 368, 407, RequiredText);
    pub const CITY: Field = Field::new("payee city", 448, 487, RequiredText);
    pub const STATE: Field = Field::new("payee state", 488, 489, State);
    pub const ZIP: Field = Field::new("payee ZIP code", 490, 498, Zip);
    pub const SPECIAL: Field = Field::new("special data entries", 663, 722, Text);
    pub const STATE_TAX: Field = Field::new("state income tax withheld", 723, 734, Amount);
    pub const LOCAL_TAX: Field = Field::new("local income tax withheld", 735, 746, Amount);
    pub const COMBINED_CODE: Field = Field::new("combined federal/state code", 747, 748, Code);

    // Positions 544–662 differ by form.
    pub mod misc {
        use super::*;
        pub const SECOND_TIN_NOTICE: Field = Field::new("second TIN notice", 544, 544, Flag);
        pub const DIRECT_SALES: Field = Field::new("direct sales indicator", 547, 547, Flag);
        pub const FATCA: Field = Field::new("FATCA filing requirement indicator", 548, 548, Flag);
    }
    pub mod nec {
        use super::*;
        pub const SECOND_TIN_NOTICE: Field = Field::new("second TIN notice", 545, 545, Flag);
        pub const DIRECT_SALES: Field = Field::new("direct sales indicator", 548, 548, Flag);
    }
    pub mod w2g {
        use super::*;
        pub const WAGER: Field = Field::new("type of wager code", 544, 544, Code);
        pub const DATE_WON: Field = Field::new("date won", 545, 552, Date);
        pub const TRANSACTION: Field = Field::new("transaction", 553, 567, Text);
        pub const RACE: Field = Field::new("race", 568, 572, Text);
        pub const CASHIER: Field = Field::new("cashier", 573, 577, Text);
        pub const WINDOW: Field = Field::new("window", 578, 582, Text);
        pub const FIRST_ID: Field = Field::new("first identification", 583, 597, Text);
        pub const SECOND_ID: Field = Field::new("second identification", 598, 612, Text);
    }

    /// Payment amount `code`: 12 bytes each from position 55.
    pub fn amount(code: AmountCode) -> Field {
        let start = 55 + 12 * code.index() as u16;
        let name = PAYMENT_NAMES
            .get(code.index())
            .copied()
            .unwrap_or("payment amount");
        Field::new(name, start, start + 11, Amount)
    }

    pub fn layout(form: FormType) -> Vec<Field> {
        let mut fields = vec![
            RECORD_TYPE,
            PAYMENT_YEAR,
            CORRECTED,
            NAME_CONTROL,
            TIN_TYPE,
            TIN,
            ACCOUNT,
            OFFICE,
            blank(45, 54),
        ];
        fields.extend(AmountCode::all().map(amount));
        fields.extend([
            blank(271, 286),
            FOREIGN,
            NAME,
            NAME_2,
            ADDRESS,
            blank(408, 447),
            CITY,
            STATE,
            ZIP,
            blank(499, 499),
            SEQUENCE,
            blank(508, 543),
        ]);
        match form {
            FormType::Misc => fields.extend([
                misc::SECOND_TIN_NOTICE,
                blank(545, 546),
                misc::DIRECT_SALES,
                misc::FATCA,
                blank(549, 662),
                SPECIAL,
                STATE_TAX,
                LOCAL_TAX,
                COMBINED_CODE,
            ]),
            FormType::Nec => fields.extend([
                blank(544, 544),
                nec::SECOND_TIN_NOTICE,
                blank(546, 547),
                nec::DIRECT_SALES,
                blank(549, 662),
                SPECIAL,
                STATE_TAX,
                LOCAL_TAX,
                COMBINED_CODE,
            ]),
            FormType::W2g => fields.extend([
                w2g::WAGER,
                w2g::DATE_WON,
                w2g::TRANSACTION,
                w2g::RACE,
                w2g::CASHIER,
                w2g::WINDOW,
                w2g::FIRST_ID,
                w2g::SECOND_ID,
                blank(613, 662),
                SPECIAL,
                STATE_TAX,
                LOCAL_TAX,
                blank(747, 748),
            ]),
        }
        fields.push(LINE_END);
        fields
    }
}

/// C and K share positions 1–499.
pub mod totals {
    use super::*;
    pub const PAYEES: Field = Field::new("number of payees", 2, 9, Number);

    /// Control total `code`: 18 bytes each from position 16.
    pub fn total(code: AmountCode) -> Field {
        let start = 16 + 18 * code.index() as u16;
        let name = TOTAL_NAMES
            .get(code.index())
            .copied()
            .unwrap_or("control total");
        Field::new(name, start, start + 17, Amount)
    }

    fn common() -> Vec<Field> {
        let mut fields = vec![RECORD_TYPE, PAYEES, blank(10, 15)];
        fields.extend(AmountCode::all().map(total));
        fields.extend([blank(340, 499), SEQUENCE]);
        fields
    }

    pub fn c_layout() -> Vec<Field> {
        let mut fields = common();
        fields.extend([blank(508, 748), LINE_END]);
        fields
    }

    pub const K_STATE_TAX: Field = Field::new("state income tax withheld total", 707, 724, Amount);
    pub const K_LOCAL_TAX: Field = Field::new("local income tax withheld total", 725, 742, Amount);
    pub const K_STATE_CODE: Field = Field::new("combined federal/state code", 747, 748, Code);

    pub fn k_layout() -> Vec<Field> {
        let mut fields = common();
        fields.extend([
            blank(508, 706),
            K_STATE_TAX,
            K_LOCAL_TAX,
            blank(743, 746),
            K_STATE_CODE,
            LINE_END,
        ]);
        fields
    }
}

pub mod f {
    use super::*;
    pub const PAYERS: Field = Field::new("number of A records", 2, 9, Number);
    pub const ZEROS: Field = Field::new("zero", 10, 30, Zeros);
    pub const PAYEES: Field = Field::new("total number of payees", 50, 57, OptionalNumber);

    pub fn layout() -> Vec<Field> {
        vec![
            RECORD_TYPE,
            PAYERS,
            ZEROS,
            blank(31, 49),
            PAYEES,
            blank(58, 499),
            SEQUENCE,
            blank(508, 748),
            LINE_END,
        ]
    }
}

/// The blank fields of a layout, computed once: checked on every record.
pub fn blanks(kind: RecordKind, form: FormType) -> &'static [Field] {
    use std::sync::LazyLock;
    fn only_blanks(fields: Vec<Field>) -> Vec<Field> {
        fields
            .into_iter()
            .filter(|f| f.kind == Kind::Blank)
            .collect()
    }
    static T: LazyLock<Vec<Field>> = LazyLock::new(|| only_blanks(t::layout()));
    static A: LazyLock<Vec<Field>> = LazyLock::new(|| only_blanks(a::layout()));
    static B_MISC: LazyLock<Vec<Field>> = LazyLock::new(|| only_blanks(b::layout(FormType::Misc)));
    static B_NEC: LazyLock<Vec<Field>> = LazyLock::new(|| only_blanks(b::layout(FormType::Nec)));
    static B_W2G: LazyLock<Vec<Field>> = LazyLock::new(|| only_blanks(b::layout(FormType::W2g)));
    static C: LazyLock<Vec<Field>> = LazyLock::new(|| only_blanks(totals::c_layout()));
    static K: LazyLock<Vec<Field>> = LazyLock::new(|| only_blanks(totals::k_layout()));
    static F: LazyLock<Vec<Field>> = LazyLock::new(|| only_blanks(f::layout()));
    match (kind, form) {
        (RecordKind::T, _) => &T,
        (RecordKind::A, _) => &A,
        (RecordKind::B, FormType::Misc) => &B_MISC,
        (RecordKind::B, FormType::Nec) => &B_NEC,
        (RecordKind::B, FormType::W2g) => &B_W2G,
        (RecordKind::C, _) => &C,
        (RecordKind::K, _) => &K,
        (RecordKind::F, _) => &F,
    }
}

/// The whole layout of one record type (B records by form type).
pub fn layout(kind: RecordKind, form: FormType) -> Vec<Field> {
    match kind {
        RecordKind::T => t::layout(),
        RecordKind::A => a::layout(),
        RecordKind::B => b::layout(form),
        RecordKind::C => totals::c_layout(),
        RecordKind::K => totals::k_layout(),
        RecordKind::F => f::layout(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_layout_covers_positions_1_to_750_without_gaps_or_overlaps() {
        for kind in RecordKind::ALL {
            for form in FormType::ALL {
                let fields = layout(kind, form);
                let mut next = 1;
                for field in &fields {
                    assert_eq!(
                        field.start, next,
                        "{kind:?} {form}: {} starts late or early",
                        field.name
                    );
                    assert!(field.end >= field.start);
                    next = field.end + 1;
                }
                assert_eq!(next, 751, "{kind:?} {form} ends at {}", next - 1);
            }
        }
    }

    #[test]
    fn amounts_and_totals_sit_where_publication_1220_puts_them() {
        let j = AmountCode::from_char('J').unwrap();
        let one = AmountCode::from_char('1').unwrap();
        assert_eq!((b::amount(one).start, b::amount(one).end), (55, 66));
        assert_eq!((b::amount(j).start, b::amount(j).end), (259, 270));
        assert_eq!((totals::total(one).start, totals::total(one).end), (16, 33));
        assert_eq!((totals::total(j).start, totals::total(j).end), (322, 339));
        assert_eq!(b::amount(j).name, "payment amount J");
    }
}
