//! The related rail of one statement among 10,000 synthetic statements,
//! natively: ranked (`related`), and looked up from an index that carries the
//! rail ranked when it was built (`rail`). The browser (wasm) runs the same
//! workloads: `crates/bench-wasm`.
//!
//! `cargo bench -p tribuna-bench --bench related -- --noplot`; criterion writes
//! its estimates to `target/criterion/related/10000/new/estimates.json` and
//! `target/criterion/rail/10000/new/estimates.json`, which `bench/run.mjs` reads.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use tribuna_bench_wasm::{current, settings, synthetic, with_stored_rail, LANG};
use tribuna_core::related::{rail, related};

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

fn look_up_rail(c: &mut Criterion) {
    let plain = synthetic(N);
    let entries = with_stored_rail(&plain);
    let current = current(&plain);
    let settings = settings();
    let mut group = c.benchmark_group("rail");
    group.bench_function(N.to_string(), |b| {
        b.iter(|| rail(black_box(current), black_box(&entries), black_box(&settings), LANG))
    });
    group.finish();
}

criterion_group!(benches, rank_related, look_up_rail);
criterion_main!(benches);
