//! Criterion benchmarks of Gilgamesh's lock modes.
//!
//! Nothing is measured here yet: the scaling experiments currently run
//! through `gilgamesh scale` (see the README). The criterion groups — one
//! per workload and per locking primitive, every mode side by side — are
//! the work of the `cargo bench` issue.
