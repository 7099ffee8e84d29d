//! The standard format end to end: samples accepted, round trips, every
//! layout's strict fields, and each validation rule with its exact message.

use super::{
    layout::{self, Kind},
    sample::{self, PayerSpec, SampleSpec},
    *,
};
use wire::bulk::{AmountCode, FormType};

const LF: Framing = Framing::new(LineEnd::Lf);
const STRIDE: usize = 751;

fn spec(payers: &[(FormType, u64, bool)]) -> SampleSpec {
    SampleSpec {
        payment_year: 2025,
        payers: payers
            .iter()
            .map(|(form, payees, state_totals)| PayerSpec {
                form: *form,
                payees: *payees,
                state_totals: *state_totals,
            })
            .collect(),
        framing: LF,
        seed: 42,
    }
}

/// T, A, B, B, B, C, F: a 1099-NEC payer with three payees, on lines.
fn small() -> Vec<u8> {
    sample::bytes(&spec(&[(FormType::Nec, 3, false)]))
}

fn check_with(bytes: &[u8], options: &Options) -> (Verdict, Vec<String>, Vec<(u64, Record)>) {
    let mut errors = Vec::new();
    let mut records = Vec::new();
    let verdict = read(
        bytes,
        options,
        &mut |e: RecordError| errors.push(e.to_string()),
        &mut |n, r| {
            records.push((n, r));
            Ok(())
        },
    )
    .unwrap();
    (verdict, errors, records)
}

fn errors_of(bytes: &[u8]) -> Vec<String> {
    check_with(bytes, &Options::default()).1
}

/// Overwrites record `n`'s positions from `pos` (1-based) in an LF file.
fn put(file: &mut [u8], n: usize, pos: usize, text: &[u8]) {
    let at = (n - 1) * STRIDE + pos - 1;
    file[at..at + text.len()].copy_from_slice(text);
}

fn record_of(file: &[u8], n: usize) -> Vec<u8> {
    file[(n - 1) * STRIDE..n * STRIDE].to_vec()
}

fn without_record(file: &[u8], n: usize) -> Vec<u8> {
    [&file[..(n - 1) * STRIDE], &file[n * STRIDE..]].concat()
}

fn written(records: &[(u64, Record)], framing: Framing) -> Vec<u8> {
    let mut writer = Writer::new(Vec::new(), framing);
    for (_, r) in records {
        writer.write(r).unwrap();
    }
    writer.finish().unwrap()
}

#[test]
fn the_thousand_payee_sample_is_accepted_with_counts_and_connecticut_totals() {
    let bytes = sample::bytes(&SampleSpec::thousand());
    let (verdict, errors, records) = check_with(&bytes, &Options::default());
    assert_eq!(errors, Vec::<String>::new());
    let Verdict::Accepted(ack) = verdict else {
        panic!("rejected")
    };
    assert_eq!((ack.records, ack.payers, ack.payees), (1_007, 2, 1_000));
    assert_eq!(ack.payment_year, 2025);
    assert_eq!(ack.framing, Framing::new(LineEnd::CrLfInRecord));
    assert_eq!(ack.totals.forms.nec, 600);
    assert_eq!(ack.totals.forms.misc, 400);
    let ct: i64 = records
        .iter()
        .filter_map(|(_, r)| match r {
            Record::Payee(p) => Some(p.payee.ct_tax_withheld.cents()),
            _ => None,
        })
        .sum();
    assert_eq!(ack.totals.ct_tax_withheld.cents(), ct);
    assert_eq!(records.len(), 1_007);
    assert_eq!(bytes.len(), 1_007 * 750);
}

#[test]
fn a_valid_file_round_trips_byte_for_byte_in_every_framing() {
    let framings = [
        Framing::new(LineEnd::None),
        Framing::new(LineEnd::Lf),
        Framing::new(LineEnd::CrLf),
        Framing::new(LineEnd::CrLfInRecord),
        Framing {
            line_end: LineEnd::Lf,
            last_line_end: false,
        },
        Framing {
            line_end: LineEnd::CrLf,
            last_line_end: false,
        },
    ];
    for framing in framings {
        let mut s = spec(&[
            (FormType::Nec, 4, true),
            (FormType::Misc, 3, false),
            (FormType::W2g, 2, false),
        ]);
        s.framing = framing;
        let bytes = sample::bytes(&s);
        let (verdict, errors, records) = check_with(&bytes, &Options::default());
        assert_eq!(errors, Vec::<String>::new(), "{framing:?}");
        let Verdict::Accepted(ack) = verdict else {
            panic!("rejected {framing:?}")
        };
        assert_eq!(ack.framing, framing);
        assert_eq!(written(&records, ack.framing), bytes, "{framing:?}");
    }
}

#[test]
fn every_strict_field_of_every_layout_reports_its_own_name_and_positions() {
    let file = sample::bytes(&spec(&[
        (FormType::Nec, 1, true),
        (FormType::Misc, 1, false),
        (FormType::W2g, 1, false),
    ]));
    // Records: T A B C K A B C A B C F.
    let plan = [
        (1, RecordKind::T, FormType::Nec),
        (2, RecordKind::A, FormType::Nec),
        (3, RecordKind::B, FormType::Nec),
        (4, RecordKind::C, FormType::Nec),
        (5, RecordKind::K, FormType::Nec),
        (7, RecordKind::B, FormType::Misc),
        (10, RecordKind::B, FormType::W2g),
        (12, RecordKind::F, FormType::Nec),
    ];
    for (n, kind, form) in plan {
        for field in layout::layout(kind, form) {
            let strict = !matches!(
                field.kind,
                Kind::Text | Kind::RequiredText | Kind::RecordType
            );
            if !strict || field.start >= 749 {
                continue;
            }
            let mut bad = file.clone();
            put(&mut bad, n, usize::from(field.start), b"X");
            let errors = errors_of(&bad);
            let place = if field.start == field.end {
                format!("position {}, {}:", field.start, field.name)
            } else {
                format!(
                    "positions {}\u{2013}{}, {}:",
                    field.start, field.end, field.name
                )
            };
            let wanted = format!("Record {n} ({}), {place}", kind.letter());
            assert!(
                errors.iter().any(|e| e.starts_with(&wanted)),
                "{kind:?} {form} {}: wanted {wanted:?} in {errors:#?}",
                field.name
            );
        }
    }
}

#[test]
fn a_bad_payee_tin_is_reported_with_record_number_positions_and_field() {
    let mut file = sample::bytes(&spec(&[(FormType::Nec, 1_300, false)]));
    put(&mut file, 1_204, 12, b"12345    ");
    assert_eq!(
        errors_of(&file),
        ["Record 1,204 (B), positions 12\u{2013}20, payee TIN: must be 9 digits"]
    );
}

#[test]
fn every_error_in_a_file_is_reported_not_only_the_first() {
    let mut file = small();
    put(&mut file, 3, 11, b"9");
    put(&mut file, 4, 488, b"ZZ");
    put(&mut file, 5, 2, b"20X5");
    let errors = errors_of(&file);
    assert_eq!(
        errors,
        [
            "Record 3 (B), position 11, type of TIN: must be 1 (EIN) or 2 (SSN, ITIN or ATIN), not \"9\"",
            "Record 4 (B), positions 488\u{2013}489, payee state: must be a two-letter US state code in capitals, like CT",
            "Record 5 (B), positions 2\u{2013}5, payment year: must be a 4-digit year, like 2025",
        ]
    );
}

#[test]
fn a_wrong_sequence_number_says_which_number_it_must_be() {
    let mut file = small();
    put(&mut file, 4, 500, b"00000009");
    assert_eq!(
        errors_of(&file),
        ["Record 4 (B), positions 500\u{2013}507, record sequence number: is 00000009; records are numbered 1, 2, 3\u{2026} through the file, so this one must be 00000004"]
    );
}

fn amount_field(file: &[u8], n: usize, code: char) -> i64 {
    let code = AmountCode::from_char(code).unwrap();
    let f = layout::b::amount(code);
    let rec = record_of(file, n);
    std::str::from_utf8(&rec[f.range()])
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn control_totals_must_equal_the_sum_of_the_payers_b_records() {
    let mut file = small();
    let sum: i64 = (3..=5).map(|n| amount_field(&file, n, '1')).sum();
    put(&mut file, 6, 16, format!("{:018}", sum + 1).as_bytes());
    let shown = |c: i64| wire::Money::from_cents(c).to_string();
    assert_eq!(
        errors_of(&file),
        [format!(
            "Record 6 (C), positions 16\u{2013}33, control total 1: is {} but the payer's B records add up to {}",
            shown(sum + 1),
            shown(sum)
        )]
    );
}

#[test]
fn the_c_payee_count_must_equal_the_payers_b_records() {
    let mut file = small();
    put(&mut file, 6, 2, b"00000004");
    assert_eq!(
        errors_of(&file),
        ["Record 6 (C), positions 2\u{2013}9, number of payees: says 4 but the payer (record 2) has 3 B records"]
    );
}

#[test]
fn an_amount_for_a_code_the_a_record_does_not_declare_is_refused() {
    let mut file = small();
    // Declare only code 1 (NEC's codes are 1 and 4), then pay code 4 on a B record.
    put(&mut file, 2, 28, b"1 ");
    put(&mut file, 3, 91, b"000000001000");
    let errors = errors_of(&file);
    assert!(
        errors.contains(&"Record 3 (B), positions 91\u{2013}102, payment amount 4: amount code 4 is not declared on the payer's A record (record 2)".to_string()),
        "{errors:#?}"
    );
}

#[test]
fn amount_codes_must_suit_the_form_and_run_in_order() {
    let mut file = small();
    put(&mut file, 2, 28, b"12");
    assert_eq!(
        errors_of(&file)[0],
        "Record 2 (A), positions 28\u{2013}45, amount codes: 1099-NEC has no amount code 2"
    );
    put(&mut file, 2, 28, b"41");
    assert_eq!(
        errors_of(&file)[0],
        "Record 2 (A), positions 28\u{2013}45, amount codes: must list each code once, in ascending order (1\u{2013}9, then A\u{2013}H, J)"
    );
}

#[test]
fn f_and_t_counts_must_match_the_file() {
    let mut file = small();
    put(&mut file, 7, 2, b"00000002");
    put(&mut file, 7, 50, b"00000005");
    put(&mut file, 1, 296, b"00000009");
    assert_eq!(
        errors_of(&file),
        [
            "Record 7 (F), positions 2\u{2013}9, number of A records: says 2 but the file has 1 A records",
            "Record 7 (F), positions 50\u{2013}57, total number of payees: says 5 but the file has 3 B records",
            "Record 1 (T), positions 296\u{2013}303, total number of payees: says 9 but the file has 3 B records",
        ]
    );
}

#[test]
fn k_totals_are_checked_when_present() {
    let mut file = sample::bytes(&spec(&[(FormType::Nec, 2, true)]));
    // T A B B C K F: K is record 6.
    put(&mut file, 6, 2, b"00000003");
    put(&mut file, 6, 707, b"000000000000000001");
    let errors = errors_of(&file);
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert_eq!(
        errors[0],
        "Record 6 (K), positions 2\u{2013}9, number of payees: says 3 but the payer (record 2) has 2 B records with combined federal/state code 08"
    );
    assert!(errors[1].starts_with("Record 6 (K), positions 707\u{2013}724, state income tax withheld total: is $0.01 but the payer's B records with combined federal/state code 08 withheld $"));
}

#[test]
fn a_k_record_must_carry_connecticuts_code() {
    let mut file = sample::bytes(&spec(&[(FormType::Nec, 1, true)]));
    put(&mut file, 5, 747, b"25");
    assert_eq!(
        errors_of(&file),
        ["Record 5 (K), positions 747\u{2013}748, combined federal/state code: must be 08, Connecticut's code"]
    );
}

#[test]
fn nothing_may_follow_the_f_record() {
    let mut file = small();
    file.extend_from_slice(&record_of(&file.clone(), 3));
    assert_eq!(
        errors_of(&file),
        ["Record 8 (B), record type: nothing may follow the F record (record 7)"]
    );
}

#[test]
fn a_file_without_f_or_c_says_what_is_missing() {
    let file = small();
    let no_f = without_record(&file, 7);
    assert_eq!(
        errors_of(&no_f),
        ["Record 6, file: ends without an F record"]
    );
    let no_c = without_record(&no_f, 6);
    assert_eq!(
        errors_of(&no_c),
        [
            "Record 5, file: ends inside the payer that starts at record 2: its C record is missing",
            "Record 5, file: ends without an F record"
        ]
    );
}

#[test]
fn records_out_of_place_are_named() {
    let file = small();
    let no_t = without_record(&file, 1);
    assert_eq!(
        errors_of(&no_t)[0],
        "Record 1 (A), position 1, record type: the file must start with a T record"
    );
    let mut no_a = without_record(&file, 2);
    // Renumber so only the structure is wrong.
    for n in 2..=6 {
        put(&mut no_a, n, 500, format!("{n:08}").as_bytes());
    }
    let errors = errors_of(&no_a);
    assert_eq!(
        errors[0],
        "Record 2 (B), position 1, record type: a B record must follow an A record or another B record"
    );
}

#[test]
fn one_corrected_return_indicator_per_payer() {
    let mut file = small();
    put(&mut file, 4, 6, b"G");
    assert_eq!(
        errors_of(&file),
        ["Record 4 (B), position 6, corrected return indicator: is G but record 3, this payer's first B record, is blank (an original); every B record of a payer must have the same corrected return indicator"]
    );
}

#[test]
fn payment_years_must_agree_and_match_the_filing() {
    let mut file = small();
    put(&mut file, 3, 2, b"2024");
    assert_eq!(
        errors_of(&file),
        ["Record 3 (B), positions 2\u{2013}5, payment year: is 2024 but the payer's A record (record 2) says 2025"]
    );
    let options = Options {
        payment_year: Some(2026),
        ..Options::default()
    };
    let errors = check_with(&small(), &options).1;
    assert_eq!(errors[0], "Record 1 (T), positions 2\u{2013}5, payment year: is 2025 but this filing is for payment year 2026");
}

#[test]
fn a_test_file_cannot_be_filed() {
    let mut file = small();
    put(&mut file, 1, 28, b"T");
    assert_eq!(
        errors_of(&file),
        ["Record 1 (T), position 28, test file indicator: marks this as a test file (T), which cannot be filed: leave position 28 blank"]
    );
    let options = Options {
        allow_test_file: true,
        ..Options::default()
    };
    assert!(check_with(&file, &options).0.is_accepted());
}

#[test]
fn truncated_records_and_wrong_lengths_are_reported_and_reading_goes_on() {
    let mut file = small();
    // Cut record 4 to 600 bytes; its line break stays.
    let start = 3 * STRIDE + 600;
    file.drain(start..start + 150);
    let errors = errors_of(&file);
    assert_eq!(
        errors,
        ["Record 4 (B), record length: is 600 bytes long; every record must be 750 bytes"]
    );
    let fixed = sample::bytes(&SampleSpec {
        framing: Framing::new(LineEnd::None),
        ..spec(&[(FormType::Nec, 1, false)])
    });
    let cut = &fixed[..fixed.len() - 100];
    // The cut F still ends the file: one error, not a cascade.
    assert_eq!(
        errors_of(cut),
        ["Record 5 (F), record length: is 650 bytes long; every record must be 750 bytes"]
    );
}

#[test]
fn binary_garbage_gets_plain_errors_and_never_a_panic() {
    let garbage: Vec<u8> = (0..5_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let (verdict, errors, records) = check_with(&garbage, &Options::default());
    assert!(!verdict.is_accepted());
    assert!(!errors.is_empty());
    assert!(records.is_empty());
    assert!(errors.iter().all(|e| e.starts_with("Record ")));
}

#[test]
fn non_printable_bytes_in_text_are_located_exactly() {
    let mut file = small();
    put(&mut file, 3, 291, &[0xC3]);
    assert_eq!(
        errors_of(&file),
        ["Record 3 (B), positions 288\u{2013}327, first payee name line: must be printable text; position 291 holds byte 0xC3"]
    );
}

#[test]
fn one_kind_of_line_break_throughout() {
    let mut file = small();
    // Record 3 ends with \r\n: insert a CR before its line feed and drop one
    // byte of blank... instead keep length: replace its last blank with \r is
    // a 749-byte record; so append \r after position 750.
    let at = 3 * STRIDE - 1;
    file.insert(at, b'\r');
    assert_eq!(
        errors_of(&file),
        ["Record 3 (B), line break: this record ends with \\r\\n but record 1 ends with a line feed (\\n); use one kind of line break throughout"]
    );
}

#[test]
fn an_empty_file_is_refused_in_plain_words() {
    assert_eq!(
        errors_of(b""),
        ["Record 1, file: is empty: a file starts with a T record"]
    );
}

#[test]
fn w2g_dates_won_must_be_real_and_in_the_payment_year() {
    let mut file = sample::bytes(&spec(&[(FormType::W2g, 1, false)]));
    put(&mut file, 3, 545, b"20250230");
    assert_eq!(
        errors_of(&file),
        ["Record 3 (B), positions 545\u{2013}552, date won: must be a real date written YYYYMMDD, like 20250314"]
    );
    put(&mut file, 3, 545, b"20240601");
    assert_eq!(
        errors_of(&file),
        ["Record 3 (B), positions 545\u{2013}552, date won: is in 2024, not the payment year 2025"]
    );
}

#[test]
fn payee_records_reach_the_sink_provisionally_even_when_the_file_is_rejected() {
    let mut file = small();
    put(&mut file, 6, 2, b"00000004");
    let (verdict, errors, records) = check_with(&file, &Options::default());
    assert_eq!(
        verdict,
        Verdict::Rejected(Rejection {
            records: 7,
            errors: 1
        })
    );
    assert_eq!(errors.len(), 1);
    // The B records passed their own checks; the verdict is what tells the job to drop them.
    let numbers: Vec<u64> = records.iter().map(|(n, _)| *n).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 7]);
}

#[test]
fn first_errors_keeps_a_bounded_list_of_a_file_with_many_errors() {
    let mut file = sample::bytes(&spec(&[(FormType::Nec, 500, false)]));
    for n in 3..=502 {
        put(&mut file, n, 11, b"7");
    }
    let mut sink = FirstErrors::new(10);
    let verdict = read(&file[..], &Options::default(), &mut sink, &mut Discard).unwrap();
    assert_eq!(sink.total, 500);
    assert_eq!(sink.kept.len(), 10);
    assert_eq!(
        verdict,
        Verdict::Rejected(Rejection {
            records: 504,
            errors: 500
        })
    );
}

#[test]
fn a_payee_record_masks_its_tin_in_debug_output() {
    let (_, _, records) = check_with(&small(), &Options::default());
    let text = format!("{records:?}");
    let file = small();
    let tin = std::str::from_utf8(&record_of(&file, 3)[11..20])
        .unwrap()
        .to_owned();
    assert!(
        !text.contains(&tin),
        "the TIN {tin} leaked into Debug output"
    );
}

mod properties;
