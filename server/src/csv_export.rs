//! Every CSV the portal hands out goes through here: rows of strings under a
//! header, streamed to any `Write`, with cells that a spreadsheet would run as
//! a formula defused (OWASP's CSV injection guidance).
//!
//! It lives at the crate root, depending on nothing else in the crate, so any
//! feature (a list page's handler, the bulk upload job writing an error
//! report to storage) can use it without reaching through `http` (which
//! itself imports the features) and without a module cycle.

use std::{
    borrow::Cow,
    io::{self, Write},
};

/// A cell starting with one of these is read as a formula by spreadsheets.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A plain negative number such as `-12.50` is data, not a formula: amounts
/// and credits export as numbers people can add up.
fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let mut parts = digits.splitn(2, '.');
    let whole = parts.next().unwrap_or_default();
    let fraction = parts.next();
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

/// Prefixes a formula-looking cell with `'` so it shows as text.
pub fn escape_cell(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some(first) if FORMULA_STARTS.contains(&first) && !is_plain_number(cell) => {
            Cow::Owned(format!("'{cell}"))
        }
        _ => Cow::Borrowed(cell),
    }
}

fn to_io(error: csv::Error) -> io::Error {
    match error.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::new(io::ErrorKind::InvalidInput, format!("{other:?}")),
    }
}

/// Writes a UTF-8 BOM (so spreadsheets read accents right), the header, then
/// rows, with CRLF line endings; quoting as RFC 4180 needs.
pub struct CsvExport<W: Write> {
    writer: csv::Writer<W>,
}

impl<W: Write> CsvExport<W> {
    pub fn new(mut out: W, header: &[&str]) -> io::Result<Self> {
        out.write_all("\u{feff}".as_bytes())?;
        let mut export = CsvExport {
            writer: csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(out),
        };
        export.row(header.iter().copied())?;
        Ok(export)
    }

    /// One row; it must have as many cells as the header.
    pub fn row<I, S>(&mut self, cells: I) -> io::Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let escaped: Vec<String> = cells
            .into_iter()
            .map(|c| escape_cell(c.as_ref()).into_owned())
            .collect();
        self.writer.write_record(&escaped).map_err(to_io)
    }

    pub fn finish(self) -> io::Result<W> {
        self.writer
            .into_inner()
            .map_err(|e| io::Error::other(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn export(header: &[&str], rows: &[&[&str]]) -> String {
        let mut out = CsvExport::new(Vec::new(), header).unwrap();
        for row in rows {
            out.row(row.iter()).unwrap();
        }
        String::from_utf8(out.finish().unwrap()).unwrap()
    }

    #[test]
    fn formula_looking_cells_are_prefixed_with_a_quote() {
        for cell in [
            "=HYPERLINK(\"http://x\")",
            "+1+2",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
        ] {
            assert!(escape_cell(cell).starts_with('\''), "{cell:?}");
        }
        assert_eq!(escape_cell("ACME LLC"), "ACME LLC");
        assert_eq!(escape_cell(""), "");
    }

    #[test]
    fn negative_amounts_stay_numbers() {
        assert_eq!(escape_cell("-12.50"), "-12.50");
        assert_eq!(escape_cell("-7"), "-7");
        assert_eq!(escape_cell("-"), "'-");
        assert_eq!(escape_cell("-1."), "'-1.");
    }

    #[test]
    fn an_export_has_a_bom_a_header_crlf_rows_and_quoted_cells() {
        let text = export(
            &["Name", "Note"],
            &[&[
                "=HYPERLINK(\"http://evil\",\"x\")",
                "two\nlines, \"quoted\"",
            ]],
        );
        assert_eq!(
            text,
            "\u{feff}Name,Note\r\n\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",\"two\nlines, \"\"quoted\"\"\"\r\n"
        );
    }

    #[test]
    fn a_row_of_the_wrong_width_is_an_error_not_a_broken_file() {
        let mut out = CsvExport::new(Vec::new(), &["a", "b"]).unwrap();
        assert!(out.row(["only one"]).is_err());
    }
}
