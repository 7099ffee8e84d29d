//! The portal's CSV for information returns ("Upload a file containing
//! 1099/W-2G information"): a header naming the columns of
//! [`wire::bulk::columns`] in any order, then one payee per row. Parsing is the
//! `csv` crate's (quotes, line breaks inside quotes, CRLF); each row becomes a
//! [`PayeeInput`] and runs the same rules as the manual-entry form, so errors
//! are keyed by row and by the column (= form field) name.

use std::{
    cell::Cell,
    collections::BTreeMap,
    fmt,
    io::{self, Read},
    rc::Rc,
};
use wire::bulk::{
    columns::{columns, normalize_header},
    payee::fields,
    text::group_thousands,
    AmountCode, Ct1096Totals, Payee, PayeeInput,
};

/// A row longer than this is refused: it keeps memory bounded on a file
/// with an unclosed quote or no line breaks.
pub const MAX_ROW_BYTES: u64 = 64 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvError {
    /// As a spreadsheet numbers rows: the header is row 1.
    pub row: u64,
    /// The column's name in the template, when the error belongs to one cell.
    pub column: Option<String>,
    pub message: String,
}

impl fmt::Display for CsvError {
    /// `Row 5, payee_tin: Payee TIN must be 9 digits`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Row {}", group_thousands(self.row))?;
        if let Some(column) = &self.column {
            write!(f, ", {column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// As for the standard format: only `Accepted` means the rows may be filed;
/// payees handed to the sink before that are provisional.
#[must_use = "payees sent to the sink are provisional until the verdict says Accepted"]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvVerdict {
    Accepted { rows: u64, totals: Ct1096Totals },
    Rejected { rows: u64, errors: u64 },
}

#[derive(Debug, Clone, Copy)]
enum Target {
    Field(&'static str),
    Amount(AmountCode),
}

fn set(input: &mut PayeeInput, target: Target, value: String) {
    let slot = match target {
        Target::Amount(code) => {
            input.amounts.insert(code, value);
            return;
        }
        Target::Field(name) => match name {
            fields::FORM_TYPE => &mut input.form_type,
            fields::TIN_TYPE => &mut input.payee_tin_type,
            fields::TIN => &mut input.payee_tin,
            fields::NAME => &mut input.payee_name,
            fields::NAME_2 => &mut input.payee_name_2,
            fields::ADDRESS => &mut input.payee_address,
            fields::CITY => &mut input.payee_city,
            fields::STATE => &mut input.payee_state,
            fields::ZIP => &mut input.payee_zip,
            fields::FOREIGN => &mut input.foreign_address,
            fields::ACCOUNT => &mut input.account_number,
            fields::CT_TAX => &mut input.ct_tax_withheld,
            fields::CORRECTED => &mut input.corrected,
            _ => return,
        },
    };
    *slot = value;
}

/// Counts bytes since the last row ended and fails the read past the limit.
struct Bounded<R> {
    inner: R,
    left: Rc<Cell<u64>>,
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.left.get();
        if left == 0 {
            return Err(io::Error::new(io::ErrorKind::InvalidData, RowTooLong));
        }
        let want = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        let n = self.inner.read(buf.get_mut(..want).unwrap_or_default())?;
        self.left.set(left - n as u64);
        Ok(n)
    }
}

#[derive(Debug)]
struct RowTooLong;

impl fmt::Display for RowTooLong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("row too long")
    }
}

impl std::error::Error for RowTooLong {}

/// The csv reader's own buffer: bytes it may hold beyond the current row.
const READ_AHEAD: u64 = 8 * 1024;

/// The header's columns matched to the template, or the header's errors.
fn match_header(cells: &[String]) -> Result<Vec<Target>, Vec<CsvError>> {
    let known = columns();
    let mut targets = Vec::new();
    let (mut unknown, mut seen, mut errors) = (Vec::new(), BTreeMap::new(), Vec::new());
    for (i, cell) in cells.iter().enumerate() {
        let name = normalize_header(cell.trim_start_matches('\u{feff}'));
        let Some(column) = known.iter().find(|c| c.name == name) else {
            unknown.push(if cell.trim().is_empty() {
                format!("(blank, column {})", i + 1)
            } else {
                cell.trim().to_owned()
            });
            continue;
        };
        if seen.insert(column.name, i).is_some() {
            errors.push(CsvError {
                row: 1,
                column: Some(column.name.into()),
                message: format!("Column {} appears more than once", column.name),
            });
        }
        targets.push(
            match AmountCode::all().find(|code| code.field() == column.name) {
                Some(code) => Target::Amount(code),
                None => Target::Field(column.name),
            },
        );
    }
    if !unknown.is_empty() {
        errors.push(CsvError {
            row: 1,
            column: None,
            message: format!(
                "Unknown columns: {}. Use the column names of the template",
                unknown.join(", ")
            ),
        });
    }
    let missing: Vec<&str> = known
        .iter()
        .filter(|c| c.required && !seen.contains_key(c.name))
        .map(|c| c.name)
        .collect();
    if !missing.is_empty() {
        errors.push(CsvError {
            row: 1,
            column: None,
            message: format!("Missing required columns: {}", missing.join(", ")),
        });
    }
    if errors.is_empty() {
        Ok(targets)
    } else {
        Err(errors)
    }
}

fn text_cells(
    record: &csv::ByteRecord,
    row: u64,
    errors: &mut Vec<CsvError>,
) -> Option<Vec<String>> {
    let mut cells = Vec::with_capacity(record.len());
    for cell in record.iter() {
        match std::str::from_utf8(cell) {
            Ok(text) => cells.push(text.to_owned()),
            Err(_) => {
                errors.push(CsvError {
                    row,
                    column: None,
                    message: "is not UTF-8 text: save the file as \"CSV UTF-8\"".into(),
                });
                return None;
            }
        }
    }
    Some(cells)
}

/// Reads the whole file: every error to `errors`, every row that passes its
/// rules to `payees` (provisionally), then the verdict. `Err` only for I/O
/// errors of `input` or of the sink.
pub fn read(
    input: impl Read,
    errors: &mut impl FnMut(CsvError),
    payees: &mut impl FnMut(u64, Payee) -> io::Result<()>,
) -> io::Result<CsvVerdict> {
    let left = Rc::new(Cell::new(MAX_ROW_BYTES + READ_AHEAD));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(Bounded {
            inner: input,
            left: Rc::clone(&left),
        });
    let mut record = csv::ByteRecord::new();
    let mut targets: Option<Vec<Target>> = None;
    let (mut rows, mut count, mut totals) = (0u64, 0u64, Ct1096Totals::default());
    let mut report = |e: CsvError, count: &mut u64| {
        *count += 1;
        errors(e);
    };
    loop {
        let row = reader.position().record() + 1;
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let message = match e.kind() {
                    csv::ErrorKind::Io(io)
                        if io.get_ref().is_some_and(|i| i.is::<RowTooLong>()) =>
                    {
                        format!(
                            "is longer than {} KB (a quote left open?); nothing after it was read",
                            MAX_ROW_BYTES / 1024
                        )
                    }
                    csv::ErrorKind::Io(_) => return Err(io::Error::other(e.to_string())),
                    _ => format!("cannot be read as CSV: {e}"),
                };
                report(
                    CsvError {
                        row,
                        column: None,
                        message,
                    },
                    &mut count,
                );
                break;
            }
        }
        left.set(MAX_ROW_BYTES + READ_AHEAD);
        let mut row_errors = Vec::new();
        let Some(cells) = text_cells(&record, row, &mut row_errors) else {
            row_errors.into_iter().for_each(|e| report(e, &mut count));
            continue;
        };
        let Some(header) = &targets else {
            match match_header(&cells) {
                Ok(t) => targets = Some(t),
                Err(header_errors) => {
                    header_errors
                        .into_iter()
                        .for_each(|e| report(e, &mut count));
                    break;
                }
            }
            continue;
        };
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        rows += 1;
        if cells.len() != header.len() {
            report(
                CsvError {
                    row,
                    column: None,
                    message: format!(
                        "has {} cells but the header has {} columns",
                        cells.len(),
                        header.len()
                    ),
                },
                &mut count,
            );
            continue;
        }
        let mut input = PayeeInput::default();
        for (target, cell) in header.iter().zip(cells) {
            set(&mut input, *target, cell);
        }
        match input.parse() {
            Ok(payee) => {
                totals.add(&payee);
                payees(row, payee)?;
            }
            Err(field_errors) => {
                for e in field_errors.0 {
                    report(
                        CsvError {
                            row,
                            column: Some(e.field),
                            message: e.message,
                        },
                        &mut count,
                    );
                }
            }
        }
    }
    if targets.is_none() && count == 0 {
        report(
            CsvError {
                row: 1,
                column: None,
                message: "The file is empty: the first row must be the header".into(),
            },
            &mut count,
        );
    } else if targets.is_some() && rows == 0 && count == 0 {
        report(
            CsvError {
                row: 2,
                column: None,
                message: "The file has a header but no payees".into(),
            },
            &mut count,
        );
    }
    Ok(if count == 0 {
        CsvVerdict::Accepted { rows, totals }
    } else {
        CsvVerdict::Rejected {
            rows,
            errors: count,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use wire::bulk::FormType;

    const HEADER: &str = "form_type,payee_tin_type,payee_tin,payee_name,payee_address,payee_city,payee_state,payee_zip,amount_1,ct_tax_withheld";

    fn run(text: &[u8]) -> (CsvVerdict, Vec<String>, Vec<(u64, Payee)>) {
        let mut errors = Vec::new();
        let mut payees = Vec::new();
        let verdict = read(text, &mut |e| errors.push(e.to_string()), &mut |row, p| {
            payees.push((row, p));
            Ok(())
        })
        .unwrap();
        (verdict, errors, payees)
    }

    #[test]
    fn a_valid_file_with_a_bom_and_windows_line_endings_is_accepted() {
        let text = format!(
            "\u{feff}{HEADER}\r\n1099-NEC,SSN,123-45-6780,JOHN SMITH,12 ELM ST,HARTFORD,CT,06114,1250.00,87.50\r\n"
        );
        let (verdict, errors, payees) = run(text.as_bytes());
        assert_eq!(errors, Vec::<String>::new());
        let CsvVerdict::Accepted { rows, totals } = verdict else {
            panic!()
        };
        assert_eq!(rows, 1);
        assert_eq!(totals.forms.nec, 1);
        assert_eq!(totals.ct_tax_withheld.cents(), 8_750);
        assert_eq!(payees[0].0, 2);
        assert_eq!(payees[0].1.form, FormType::Nec);
    }

    #[test]
    fn columns_may_come_in_any_order_and_header_case_does_not_matter() {
        let text = "CT Tax Withheld,Payee ZIP,payee_state,payee_city,payee_address,payee_name,payee_tin,payee_tin_type,form_type,amount_1\n\
                    10.00,06114,CT,HARTFORD,1 MAIN ST,ACME LLC,06-1234567,EIN,1099-MISC,500\n";
        let (verdict, errors, payees) = run(text.as_bytes());
        assert_eq!(errors, Vec::<String>::new());
        assert!(matches!(verdict, CsvVerdict::Accepted { rows: 1, .. }));
        assert_eq!(payees[0].1.tin.masked(), "**-***4567");
    }

    #[test]
    fn quotes_and_line_breaks_inside_fields_are_one_cell() {
        let text = format!(
            "{HEADER},payee_name_2\n1099-NEC,SSN,123456780,\"SMITH, JOHN \"\"JACK\"\"\",\"12 ELM ST\",HARTFORD,CT,06114,100,0,\"DBA\nLINE\"\n"
        );
        let (_, errors, payees) = run(text.as_bytes());
        // The name is fine; the second name line holds a line break, which the format cannot carry.
        assert_eq!(
            errors,
            ["Row 2, payee_name_2: Second name line can only contain letters A to Z, numbers, spaces and punctuation such as & - , . ' #"]
        );
        assert!(payees.is_empty());
        let ok = format!("{HEADER}\n1099-NEC,SSN,123456780,\"SMITH, JOHN \"\"JACK\"\"\",12 ELM ST,HARTFORD,CT,06114,100,0\n");
        let (_, errors, payees) = run(ok.as_bytes());
        assert_eq!(errors, Vec::<String>::new());
        assert_eq!(payees[0].1.name, "SMITH, JOHN \"JACK\"");
    }

    #[test]
    fn unknown_and_missing_columns_are_named() {
        let text = "form_type,payee_tin,colour,Shoe Size\n";
        let (verdict, errors, _) = run(text.as_bytes());
        assert_eq!(
            errors,
            [
                "Row 1: Unknown columns: colour, Shoe Size. Use the column names of the template",
                "Row 1: Missing required columns: payee_tin_type, payee_name, payee_address, payee_city, payee_state, payee_zip, ct_tax_withheld"
            ]
        );
        assert!(matches!(verdict, CsvVerdict::Rejected { errors: 2, .. }));
    }

    #[test]
    fn errors_are_keyed_by_row_and_column_and_every_row_is_checked() {
        let text = format!(
            "{HEADER}\n\
             1099-NEC,SSN,12345,JOHN SMITH,12 ELM ST,HARTFORD,CT,06114,100,0\n\
             1099-NEC,SSN,123456780,JANE DOE,12 ELM ST,HARTFORD,XX,06114,abc,0\n\
             ,,,,,,,,,\n\
             1099-NEC,SSN,123456780\n"
        );
        let (verdict, errors, _) = run(text.as_bytes());
        assert_eq!(
            errors,
            [
                "Row 2, payee_tin: Payee TIN must be 9 digits",
                "Row 3, payee_state: State must be a two-letter US state code, like CT",
                "Row 3, amount_1: Enter an amount in dollars and cents, like 1250.00",
                "Row 5: has 3 cells but the header has 10 columns",
            ]
        );
        assert_eq!(verdict, CsvVerdict::Rejected { rows: 3, errors: 4 });
    }

    #[test]
    fn a_formula_looking_cell_is_kept_as_text_for_escaping_on_export() {
        let text = format!("{HEADER}\n1099-NEC,SSN,123456780,=HYPERLINK(\"x\"),12 ELM ST,HARTFORD,CT,06114,100,0\n");
        let (_, errors, payees) = run(text.as_bytes());
        assert_eq!(errors, Vec::<String>::new());
        assert_eq!(payees[0].1.name, "=HYPERLINK(\"x\")");
        assert_eq!(
            crate::csv_export::escape_cell(&payees[0].1.name),
            "'=HYPERLINK(\"x\")"
        );
    }

    #[test]
    fn an_endless_row_is_refused_without_reading_it_into_memory() {
        let mut text = format!("{HEADER}\n1099-NEC,\"").into_bytes();
        text.extend(std::iter::repeat_n(b'x', 1_000_000));
        let (verdict, errors, _) = run(&text);
        assert_eq!(
            errors,
            ["Row 2: is longer than 64 KB (a quote left open?); nothing after it was read"]
        );
        assert!(matches!(verdict, CsvVerdict::Rejected { .. }));
    }

    #[test]
    fn text_that_is_not_utf8_is_refused_in_plain_words() {
        let mut text = format!("{HEADER}\n1099-NEC,SSN,123456780,").into_bytes();
        text.extend_from_slice(b"J\xF6RG,12 ELM ST,HARTFORD,CT,06114,100,0\n");
        let (_, errors, _) = run(&text);
        assert_eq!(
            errors,
            ["Row 2: is not UTF-8 text: save the file as \"CSV UTF-8\""]
        );
    }

    #[test]
    fn empty_files_and_header_only_files_say_so() {
        assert_eq!(
            run(b"").1,
            ["Row 1: The file is empty: the first row must be the header"]
        );
        assert_eq!(
            run(format!("{HEADER}\n").as_bytes()).1,
            ["Row 2: The file has a header but no payees"]
        );
    }
}
