//! Tribuna's native benchmarks. The code lives in `benches/` (run with
//! `cargo bench -p tribuna-bench`); the workload comes from `tribuna-bench-wasm`,
//! which the in-browser benchmark shares. See `docs/benchmarks.md`.
