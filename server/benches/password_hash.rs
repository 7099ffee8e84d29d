//! What one argon2id hash costs on this machine: the price of every sign-in,
//! registration and password change, and the reason they run off the async workers.

use criterion::{criterion_group, criterion_main, Criterion};
use portal_server::auth::password;
use std::hint::black_box;

fn hashing(c: &mut Criterion) {
    let stored = password::hash("Maple Avenue 800 Hartford");
    let mut group = c.benchmark_group("argon2id");
    group.sample_size(20);
    group.bench_function("hash a new password", |b| {
        b.iter(|| password::hash(black_box("Maple Avenue 800 Hartford")))
    });
    group.bench_function("verify at sign-in", |b| {
        b.iter(|| password::verify(black_box("Maple Avenue 800 Hartford"), Some(&stored)))
    });
    group.finish();
}

criterion_group!(benches, hashing);
criterion_main!(benches);
