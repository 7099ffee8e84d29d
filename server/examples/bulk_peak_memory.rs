//! Peak heap while parsing a generated standard-format file from disk, by a
//! counting allocator: shows the reader's memory does not grow with the file.
//! `cargo run --release -p portal-server --example bulk_peak_memory -- 100000`
//! (run it under `/usr/bin/time -v` for the process's maximum resident size).

use portal_server::bulk::format::standard::{
    self,
    sample::{self, SampleSpec},
    FirstErrors, Framing, LineEnd, Options, Record, Verdict,
};
use std::{
    alloc::{GlobalAlloc, Layout, System},
    fs::File,
    io::BufReader,
    sync::atomic::{AtomicUsize, Ordering::Relaxed},
    time::Instant,
};

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator unchanged; only counts sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = CURRENT.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(now, Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        CURRENT.fetch_sub(layout.size(), Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn main() -> std::io::Result<()> {
    let payees: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let path = std::env::temp_dir().join(format!("bulk-memory-{}.txt", std::process::id()));
    let spec = SampleSpec::payees(payees, Framing::new(LineEnd::CrLf));
    sample::write(&spec, std::io::BufWriter::new(File::create(&path)?))?;
    let bytes = std::fs::metadata(&path)?.len();

    let base = CURRENT.load(Relaxed);
    PEAK.store(base, Relaxed);
    let start = Instant::now();
    let input = BufReader::with_capacity(64 * 1024, File::open(&path)?);
    let mut errors = FirstErrors::new(1_000);
    // A sink that looks at each payee, as the upload job's batch insert would.
    let mut payee_count = 0u64;
    let verdict = standard::read(input, &Options::default(), &mut errors, &mut |_, r| {
        if let Record::Payee(p) = r {
            payee_count += u64::from(!p.payee.name.is_empty());
        }
        Ok(())
    })?;
    let elapsed = start.elapsed().as_secs_f64();
    let peak = PEAK.load(Relaxed).saturating_sub(base);
    std::fs::remove_file(&path)?;
    println!(
        "{payees} payees, {:.1} MB: {} in {elapsed:.2} s ({:.0} MB/s); peak heap during the parse {:.1} KiB",
        bytes as f64 / 1e6,
        match verdict {
            Verdict::Accepted(a) => format!("accepted, {} records", a.records),
            Verdict::Rejected(r) => format!("rejected, {} errors", r.errors),
        },
        bytes as f64 / 1e6 / elapsed,
        peak as f64 / 1024.0
    );
    assert_eq!(payee_count, payees);
    Ok(())
}
