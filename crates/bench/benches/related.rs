//! Ranking the related rail of one statement among 10,000 synthetic statements,
//! natively. The browser (wasm) runs the same workload: `crates/bench-wasm`.
//!
//! `cargo bench -p tribuna-bench --bench related -- --noplot`; criterion writes
//! its estimates to `target/criterion/related/10000/new/estimates.json`, which
//! `bench/run.mjs` reads.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use tribuna_bench_wasm::{current, settings, synthetic, LANG};
use tribuna_core::related::related;

/// How many statements the archive holds.
const N: usize = 10_000;

fn rank_related(c: &mut Criterion) {
    let entries = synthetic(N);
    let current = current(&entries);
    let settings = settings();
    let mut group = c.benchmark_group("related");
    group.bench_function(N.to_string(), |b| {
        b.iter(|| related(black_box(current), black_box(&entries), black_box(&settings), LANG))
    });
    group.finish();
}

criterion_group!(benches, rank_related);
criterion_main!(benches);
