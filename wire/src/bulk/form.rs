//! The three information returns and their amount codes, as data: one table per
//! form type, so a change in IRS Publication 1220's table is an edit here and
//! nowhere else.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The information returns the portal files with a CT-1096.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum FormType {
    #[serde(rename = "1099-MISC")]
    Misc,
    #[serde(rename = "1099-NEC")]
    Nec,
    #[serde(rename = "W-2G")]
    W2g,
}

/// One payment amount of a form: the Publication 1220 amount code, the box on
/// the paper form, and what the box holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AmountBox {
    pub code: AmountCode,
    /// The box number printed on the paper form, e.g. "10".
    pub paper_box: &'static str,
    pub name: &'static str,
}

const fn amount(code: char, paper_box: &'static str, name: &'static str) -> AmountBox {
    AmountBox {
        code: AmountCode::from_char_const(code),
        paper_box,
        name,
    }
}

// TAX-FACTS lists the 1099-MISC codes 1–6, 8, A, C, D, E "per the current
// table (check)"; B and F are from the current Publication 1220 table. Any
// change is an edit to these rows only.
const MISC: &[AmountBox] = &[
    amount('1', "1", "Rents"),
    amount('2', "2", "Royalties"),
    amount('3', "3", "Other income"),
    amount('4', "4", "Federal income tax withheld"),
    amount('5', "5", "Fishing boat proceeds"),
    amount('6', "6", "Medical and health care payments"),
    amount(
        '8',
        "8",
        "Substitute payments in lieu of dividends or interest",
    ),
    amount('A', "9", "Crop insurance proceeds"),
    amount('B', "13", "Excess golden parachute payments"),
    amount('C', "10", "Gross proceeds paid to an attorney"),
    amount('D', "12", "Section 409A deferrals"),
    amount(
        'E',
        "14",
        "Nonqualified deferred compensation (section 409A income)",
    ),
    amount('F', "11", "Fish purchased for resale"),
];

const NEC: &[AmountBox] = &[
    amount('1', "1", "Nonemployee compensation"),
    amount('4', "4", "Federal income tax withheld"),
];

const W2G: &[AmountBox] = &[
    amount('1', "1", "Reportable winnings"),
    amount('2', "4", "Federal income tax withheld"),
    amount('7', "7", "Winnings from identical wagers"),
];

impl FormType {
    pub const ALL: [FormType; 3] = [FormType::Misc, FormType::Nec, FormType::W2g];

    pub fn label(self) -> &'static str {
        match self {
            FormType::Misc => "1099-MISC",
            FormType::Nec => "1099-NEC",
            FormType::W2g => "W-2G",
        }
    }

    /// Publication 1220's "type of return" code (A record, positions 26–27).
    pub fn return_code(self) -> &'static str {
        match self {
            FormType::Misc => "A",
            FormType::Nec => "NE",
            FormType::W2g => "W",
        }
    }

    /// Reads the type-of-return field (trailing blanks ignored).
    pub fn from_return_code(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|f| f.return_code() == code.trim_end())
    }

    /// What people type or a spreadsheet holds: "1099-NEC", "NEC", "nec", "W2G"…
    pub fn parse(text: &str) -> Result<Self, String> {
        let key: String = text
            .trim()
            .chars()
            .filter(|c| !matches!(c, '-' | ' '))
            .collect::<String>()
            .to_ascii_uppercase();
        match key.as_str() {
            "" => Err("Select the form: 1099-MISC, 1099-NEC or W-2G".into()),
            "1099MISC" | "MISC" => Ok(FormType::Misc),
            "1099NEC" | "NEC" => Ok(FormType::Nec),
            "W2G" => Ok(FormType::W2g),
            _ => Err("Form must be 1099-MISC, 1099-NEC or W-2G".into()),
        }
    }

    /// The amounts this form reports, in amount-code order.
    pub fn amount_boxes(self) -> &'static [AmountBox] {
        match self {
            FormType::Misc => MISC,
            FormType::Nec => NEC,
            FormType::W2g => W2G,
        }
    }

    pub fn amount_box(self, code: AmountCode) -> Option<&'static AmountBox> {
        self.amount_boxes().iter().find(|b| b.code == code)
    }

    /// The paper box that holds state income tax withheld.
    pub fn state_tax_box(self) -> &'static str {
        match self {
            FormType::Misc => "16",
            FormType::Nec => "5",
            FormType::W2g => "15",
        }
    }
}

impl fmt::Display for FormType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The characters of the 18 payment-amount slots, in file order (no `I`).
const CODE_CHARS: [u8; 18] = *b"123456789ABCDEFGHJ";

/// A Publication 1220 amount code, `1`–`9`, `A`–`H` or `J`: the slot of a
/// payment amount in a B record and of its control total in a C record.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AmountCode(u8);

impl AmountCode {
    pub const COUNT: usize = 18;

    pub fn all() -> impl Iterator<Item = AmountCode> {
        (0..Self::COUNT as u8).map(AmountCode)
    }

    const fn from_char_const(c: char) -> Self {
        let mut i = 0;
        while i < CODE_CHARS.len() {
            if CODE_CHARS[i] as char == c {
                return AmountCode(i as u8);
            }
            i += 1;
        }
        panic!("not an amount code")
    }

    /// Accepts upper or lower case.
    pub fn from_char(c: char) -> Option<Self> {
        let up = c.to_ascii_uppercase();
        CODE_CHARS
            .iter()
            .position(|b| char::from(*b) == up)
            .map(|i| AmountCode(i as u8))
    }

    pub fn from_index(index: usize) -> Option<Self> {
        (index < Self::COUNT).then_some(AmountCode(index as u8))
    }

    /// 0 for code 1 … 17 for code J: the slot's place in the record.
    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    pub fn as_char(self) -> char {
        CODE_CHARS.get(self.index()).map_or('?', |b| char::from(*b))
    }

    /// The field (and CSV column) name of this amount: `amount_1` … `amount_j`.
    pub fn field(self) -> &'static str {
        AMOUNT_FIELDS.get(self.index()).copied().unwrap_or("amount")
    }
}

const AMOUNT_FIELDS: [&str; 18] = [
    "amount_1", "amount_2", "amount_3", "amount_4", "amount_5", "amount_6", "amount_7", "amount_8",
    "amount_9", "amount_a", "amount_b", "amount_c", "amount_d", "amount_e", "amount_f", "amount_g",
    "amount_h", "amount_j",
];

impl fmt::Debug for AmountCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AmountCode({})", self.as_char())
    }
}

impl fmt::Display for AmountCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.as_char())
    }
}

impl Serialize for AmountCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_char().encode_utf8(&mut [0; 4]))
    }
}

impl<'de> Deserialize<'de> for AmountCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        let mut chars = text.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => AmountCode::from_char(c),
            _ => None,
        }
        .ok_or_else(|| serde::de::Error::custom("expected an amount code 1-9, A-H or J"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amount_codes_run_one_to_nine_then_a_to_h_and_j() {
        let chars: String = AmountCode::all().map(AmountCode::as_char).collect();
        assert_eq!(chars, "123456789ABCDEFGHJ");
        assert_eq!(AmountCode::from_char('I'), None);
        assert_eq!(AmountCode::from_char('j').map(AmountCode::index), Some(17));
        assert_eq!(
            AmountCode::from_char('a').map(AmountCode::field),
            Some("amount_a")
        );
    }

    #[test]
    fn nec_reports_compensation_in_code_one_and_federal_withholding_in_code_four() {
        let boxes = FormType::Nec.amount_boxes();
        assert_eq!(boxes.len(), 2);
        assert_eq!(boxes[0].code.as_char(), '1');
        assert_eq!(boxes[0].name, "Nonemployee compensation");
        assert_eq!(boxes[1].code.as_char(), '4');
        assert_eq!(boxes[1].name, "Federal income tax withheld");
    }

    #[test]
    fn w2g_federal_withholding_is_code_two_but_paper_box_four() {
        let code = AmountCode::from_char('2').unwrap();
        let b = FormType::W2g.amount_box(code).unwrap();
        assert_eq!((b.paper_box, b.name), ("4", "Federal income tax withheld"));
        assert!(FormType::W2g
            .amount_box(AmountCode::from_char('3').unwrap())
            .is_none());
    }

    #[test]
    fn every_table_lists_its_codes_once_in_ascending_order() {
        for form in FormType::ALL {
            let codes: Vec<_> = form.amount_boxes().iter().map(|b| b.code).collect();
            let mut sorted = codes.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(codes, sorted, "{form}");
        }
    }

    #[test]
    fn form_types_read_from_labels_and_return_codes() {
        assert_eq!(FormType::parse(" 1099-nec "), Ok(FormType::Nec));
        assert_eq!(FormType::parse("W2G"), Ok(FormType::W2g));
        assert_eq!(FormType::parse("MISC"), Ok(FormType::Misc));
        assert!(FormType::parse("1099-K").is_err());
        assert_eq!(FormType::from_return_code("A "), Some(FormType::Misc));
        assert_eq!(FormType::from_return_code("NE"), Some(FormType::Nec));
        assert_eq!(FormType::from_return_code("6 "), None);
    }
}
