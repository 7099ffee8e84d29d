//! The committed samples in `tests/data/bulk/` are what the generator and the
//! README say they are.

use super::{csv_upload, standard};
use standard::{sample, Options, Verdict};

fn data(name: &str) -> Vec<u8> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/bulk/");
    std::fs::read(format!("{path}{name}")).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn standard_errors(bytes: &[u8]) -> (Verdict, Vec<String>) {
    let mut errors = Vec::new();
    let verdict = standard::read(
        bytes,
        &Options::default(),
        &mut |e: standard::RecordError| errors.push(e.to_string()),
        &mut standard::Discard,
    )
    .unwrap();
    (verdict, errors)
}

#[test]
fn the_committed_thousand_payee_file_is_the_generators_and_is_accepted() {
    let bytes = data("standard-1000-payees.txt");
    assert_eq!(bytes, sample::bytes(&sample::SampleSpec::thousand()));
    let (verdict, errors) = standard_errors(&bytes);
    assert_eq!(errors, Vec::<String>::new());
    let Verdict::Accepted(ack) = verdict else {
        panic!("rejected")
    };
    assert_eq!((ack.payers, ack.payees), (2, 1_000));
}

/// The errors the README lists for `standard-with-errors.txt`, in file order.
const EXPECTED: &[&str] = &[
    "Record 3 (B), positions 12–20, payee TIN: must be 9 digits",
    "Record 4 (B), position 11, type of TIN: must be 1 (EIN) or 2 (SSN, ITIN or ATIN), not \"9\"",
    "Record 6 (B), positions 500–507, record sequence number: is 00000060; records are numbered 1, 2, 3… through the file, so this one must be 00000006",
    "Record 7 (B), position 6, corrected return indicator: is G but record 3, this payer's first B record, is blank (an original); every B record of a payer must have the same corrected return indicator",
    "Record 8 (B), positions 488–489, payee state: must be a two-letter US state code in capitals, like CT",
    "Record 11 (C), positions 16–33, control total 1: is $0.01 but the payer's B records add up to $281,731.69",
    "Record 12 (K), positions 747–748, combined federal/state code: must be 08, Connecticut's code",
    "Record 13 (A), positions 53–92, first payer name line: must not be blank",
    "Record 15 (B), positions 67–78, payment amount 2: amount code 2 is not declared on the payer's A record (record 13)",
    "Record 16 (B), positions 55–66, payment amount 1: must be digits only, right-justified and zero-filled",
    "Record 16 (B), positions 490–498, payee ZIP code: must be 5 or 9 digits, left-justified, like 06114 or 061142322",
    "Record 17 (B), positions 2–5, payment year: is 2024 but the payer's A record (record 13) says 2025",
    "Record 19 (F), positions 2–9, number of A records: says 3 but the file has 2 A records",
    "Record 20 (B), record type: nothing may follow the F record (record 19)",
];

#[test]
fn the_committed_bad_file_reports_exactly_the_errors_its_readme_lists() {
    let bytes = data("standard-with-errors.txt");
    assert_eq!(bytes, sample::with_errors());
    let (verdict, errors) = standard_errors(&bytes);
    assert!(!verdict.is_accepted());
    assert_eq!(errors, EXPECTED);
    let readme = String::from_utf8(data("README.md")).unwrap();
    for e in EXPECTED {
        assert!(readme.contains(e), "README.md does not list: {e}");
    }
}

#[test]
fn the_committed_csv_is_accepted_with_its_totals() {
    let mut errors = Vec::new();
    let mut rows = Vec::new();
    let verdict = csv_upload::read(
        &data("information-returns.csv")[..],
        &mut |e| errors.push(e.to_string()),
        &mut |row, payee| {
            rows.push((row, payee));
            Ok(())
        },
    )
    .unwrap();
    assert_eq!(errors, Vec::<String>::new());
    let csv_upload::CsvVerdict::Accepted { rows: n, totals } = verdict else {
        panic!()
    };
    assert_eq!(n, 12);
    assert_eq!(
        (totals.forms.nec, totals.forms.misc, totals.forms.w2g),
        (5, 5, 2)
    );
    assert_eq!(totals.ct_tax_withheld.to_string(), "$7,024.96");
    assert_eq!(
        rows[0].0, 2,
        "the first payee is on row 2, under the header"
    );
}
