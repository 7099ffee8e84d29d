//! Writes the committed sample files of `tests/data/bulk/` from the generator
//! (`cargo run -p portal-server --example bulk_samples`); a unit test checks
//! the committed bytes still equal what this writes.

use portal_server::bulk::format::standard::sample;
use std::{fs, path::Path};

fn main() -> std::io::Result<()> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/bulk");
    fs::create_dir_all(&dir)?;
    fs::write(
        dir.join("standard-1000-payees.txt"),
        sample::bytes(&sample::SampleSpec::thousand()),
    )?;
    fs::write(dir.join("standard-with-errors.txt"), sample::with_errors())?;
    println!("wrote the standard samples to {}", dir.display());
    Ok(())
}
