//! loom models of every synchronisation protocol in Gilgamesh.
//!
//! The models live in `tests/loom_*.rs` and only build under `--cfg loom`:
//!
//! ```text
//! RUSTFLAGS="--cfg loom" RUSTC_WRAPPER="$PWD/loom-tests/rustc-loom" \
//!     LOOM_MAX_PREEMPTIONS=2 cargo test -p loom-tests --release
//! ```
//!
//! `rustc-loom` passes `--cfg loom` on to this workspace's crates only: some
//! registry dependencies (ruff's `char_str`) have `cfg(loom)` code of their
//! own that does not build, so a plain `RUSTFLAGS="--cfg loom"` build fails.
