//! Parse + validate a generated 100,000-payee standard-format file (about
//! 75 MB) in one thread, side by side with a plain sequential read of the same
//! bytes from the same file (the physical limit), and print the ratio.
//! Measured, never asserted: `cargo bench -p portal-server --bench bulk_standard`.

use criterion::{Criterion, Throughput};
use portal_server::bulk::format::standard::{
    self,
    sample::{self, SampleSpec},
    Discard, FirstErrors, Framing, LineEnd, Options, Verdict,
};
use std::{
    fs::File,
    hint::black_box,
    io::{BufReader, Read},
    path::{Path, PathBuf},
    time::{Duration, Instant},
};

const PAYEES: u64 = 100_000;
const BUFFER: usize = 64 * 1024;

fn sample_file() -> (PathBuf, u64) {
    let path = std::env::temp_dir().join(format!("bulk-bench-{}.txt", std::process::id()));
    let spec = SampleSpec::payees(PAYEES, Framing::new(LineEnd::CrLf));
    let out = std::io::BufWriter::new(File::create(&path).expect("temp file"));
    sample::write(&spec, out).expect("write sample");
    let len = std::fs::metadata(&path).expect("metadata").len();
    (path, len)
}

/// The physical limit: every byte through the same buffered reader, touched once.
fn plain_read(path: &Path) -> u64 {
    let mut reader = File::open(path).expect("open");
    let mut buf = vec![0u8; BUFFER];
    let (mut total, mut x) = (0u64, 0u8);
    loop {
        let n = reader.read(&mut buf).expect("read");
        if n == 0 {
            break;
        }
        total += n as u64;
        x ^= buf.get(n - 1).copied().unwrap_or(0);
    }
    black_box(x);
    total
}

fn parse(path: &Path) -> u64 {
    let input = BufReader::with_capacity(BUFFER, File::open(path).expect("open"));
    let mut errors = FirstErrors::new(100);
    match standard::read(input, &Options::default(), &mut errors, &mut Discard).expect("read") {
        Verdict::Accepted(ack) => ack.records,
        Verdict::Rejected(r) => panic!("the sample was rejected: {r:?} {:?}", errors.kept),
    }
}

fn best_of(runs: u32, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    let (path, bytes) = sample_file();
    let records = parse(&path);
    let mut c = Criterion::default().configure_from_args().sample_size(10);
    {
        let mut group = c.benchmark_group("standard format, 100,000 payees (bytes)");
        group.throughput(Throughput::Bytes(bytes));
        group.bench_function("plain sequential read", |b| b.iter(|| plain_read(&path)));
        group.bench_function("parse + validate", |b| b.iter(|| parse(&path)));
        group.finish();
    }
    {
        let mut group = c.benchmark_group("standard format, 100,000 payees (records)");
        group.throughput(Throughput::Elements(records));
        group.bench_function("parse + validate", |b| b.iter(|| parse(&path)));
        group.finish();
    }
    c.final_summary();

    let read = best_of(5, || {
        black_box(plain_read(&path));
    });
    let parsed = best_of(5, || {
        black_box(parse(&path));
    });
    let mb = bytes as f64 / 1e6;
    println!(
        "\nfile: {mb:.1} MB, {records} records ({PAYEES} payees); best of 5 runs each, one thread"
    );
    println!(
        "plain sequential read: {:8.3} s  {:8.0} MB/s",
        read.as_secs_f64(),
        mb / read.as_secs_f64()
    );
    println!(
        "parse + validate:      {:8.3} s  {:8.0} MB/s  {:10.0} records/s",
        parsed.as_secs_f64(),
        mb / parsed.as_secs_f64(),
        records as f64 / parsed.as_secs_f64()
    );
    println!(
        "ratio parse / plain read: {:.2}x slower ({:.0} % of the physical limit)",
        parsed.as_secs_f64() / read.as_secs_f64(),
        100.0 * read.as_secs_f64() / parsed.as_secs_f64()
    );
    let _ = std::fs::remove_file(&path);
}
