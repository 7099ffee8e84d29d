//! Property tests: random and mutated files never panic the reader, every
//! error names a record, and every accepted file writes back to its own bytes.

use super::*;
use proptest::prelude::*;

fn framing() -> impl Strategy<Value = Framing> {
    prop_oneof![
        Just(Framing::new(LineEnd::None)),
        Just(Framing::new(LineEnd::Lf)),
        Just(Framing::new(LineEnd::CrLf)),
        Just(Framing::new(LineEnd::CrLfInRecord)),
        Just(Framing {
            line_end: LineEnd::Lf,
            last_line_end: false
        }),
    ]
}

fn form() -> impl Strategy<Value = FormType> {
    prop_oneof![
        Just(FormType::Nec),
        Just(FormType::Misc),
        Just(FormType::W2g)
    ]
}

prop_compose! {
    fn valid_spec()(
        payers in prop::collection::vec((form(), 1u64..6, any::<bool>()), 1..4),
        framing in framing(),
        seed in any::<u64>(),
    ) -> SampleSpec {
        SampleSpec {
            payment_year: 2025,
            payers: payers
                .into_iter()
                .map(|(form, payees, k)| PayerSpec { form, payees, state_totals: k && form != FormType::W2g })
                .collect(),
            framing,
            seed,
        }
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip { at: usize, byte: u8 },
    Drop(usize),
    Duplicate(usize),
    Swap(usize, usize),
    Truncate(usize),
    Insert { at: usize, byte: u8 },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Mutation::Flip { at, byte }),
        1 => any::<usize>().prop_map(Mutation::Drop),
        1 => any::<usize>().prop_map(Mutation::Duplicate),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Swap(a, b)),
        1 => any::<usize>().prop_map(Mutation::Truncate),
        1 => (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Mutation::Insert { at, byte }),
    ]
}

/// Applies a mutation to the file, cutting it into records by its stride.
fn apply(file: &mut Vec<u8>, stride: usize, m: &Mutation) {
    if file.is_empty() {
        return;
    }
    let records = file.len().div_ceil(stride);
    let span = |i: usize| {
        let i = i % records;
        (i * stride, ((i + 1) * stride).min(file.len()))
    };
    match *m {
        Mutation::Flip { at, byte } => {
            let at = at % file.len();
            file[at] = byte;
        }
        Mutation::Insert { at, byte } => {
            let at = at % file.len();
            file.insert(at, byte);
        }
        Mutation::Drop(i) => {
            let (a, b) = span(i);
            file.drain(a..b);
        }
        Mutation::Duplicate(i) => {
            let (a, b) = span(i);
            let copy = file[a..b].to_vec();
            file.splice(b..b, copy);
        }
        Mutation::Swap(i, j) => {
            let (a, b) = span(i);
            let (c, d) = span(j);
            if b - a == d - c && a != c {
                let first = file[a..b].to_vec();
                let second = file[c..d].to_vec();
                file[a..b].copy_from_slice(&second);
                file[c..d].copy_from_slice(&first);
            }
        }
        Mutation::Truncate(at) => file.truncate(at % file.len()),
    }
}

fn stride(framing: Framing) -> usize {
    match framing.line_end {
        LineEnd::None | LineEnd::CrLfInRecord => 750,
        LineEnd::Lf => 751,
        LineEnd::CrLf => 752,
    }
}

/// Runs the reader; checks the invariants every input must keep.
fn read_checked(bytes: &[u8]) -> (Verdict, Vec<(u64, Record)>) {
    let mut errors = Vec::new();
    let mut records = Vec::new();
    let verdict = read(
        bytes,
        &Options::default(),
        &mut |e: RecordError| errors.push(e),
        &mut |n, r| {
            records.push((n, r));
            Ok(())
        },
    )
    .expect("reading from memory cannot fail");
    for e in &errors {
        assert!(e.record >= 1, "an error without a record number: {e}");
        assert!(!e.message.is_empty() && !e.field.is_empty());
    }
    match &verdict {
        Verdict::Accepted(_) => assert!(errors.is_empty()),
        Verdict::Rejected(r) => assert_eq!(r.errors, errors.len() as u64),
    }
    (verdict, records)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn a_valid_file_is_accepted_and_round_trips(spec in valid_spec()) {
        let bytes = sample::bytes(&spec);
        let (verdict, records) = read_checked(&bytes);
        let Verdict::Accepted(ack) = verdict else {
            return Err(TestCaseError::fail("a generated file was rejected"));
        };
        prop_assert_eq!(written(&records, ack.framing), bytes);
    }

    #[test]
    fn a_mutated_file_never_panics_and_if_accepted_still_round_trips(
        spec in valid_spec(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let mut bytes = sample::bytes(&spec);
        let stride = stride(spec.framing);
        for m in &mutations {
            apply(&mut bytes, stride, m);
        }
        let (verdict, records) = read_checked(&bytes);
        if let Verdict::Accepted(ack) = verdict {
            prop_assert_eq!(written(&records, ack.framing), bytes);
        }
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..4_000)) {
        let _ = read_checked(&bytes);
    }

    #[test]
    fn random_lines_of_record_letters_never_panic(
        lines in prop::collection::vec((prop::sample::select(vec![b'T', b'A', b'B', b'C', b'K', b'F', b'x']), 0usize..800), 0..12)
    ) {
        let mut bytes = Vec::new();
        for (letter, len) in lines {
            bytes.push(letter);
            bytes.extend(std::iter::repeat_n(b'0', len));
            bytes.push(b'\n');
        }
        let _ = read_checked(&bytes);
    }
}
