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

/// Runs a model that must fail and returns loom's panic message (an
/// assertion, a deadlock); panics if loom found nothing. Every mutant test
/// goes through here, and `run-mutants` reads the `loom rejected:` line it
/// prints.
pub fn rejection(model: impl FnOnce()) -> String {
    let payload = std::panic::catch_unwind(std::panic::AssertUnwindSafe(model))
        .expect_err("loom accepted a broken protocol: the model is too weak");
    let msg = if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        String::from("<non-string panic>")
    };
    println!("loom rejected: {}", msg.lines().next().unwrap_or(""));
    msg
}

/// Runs `model` under loom with at most 2 preemptions unless
/// `LOOM_MAX_PREEMPTIONS` says otherwise, and prints how many executions
/// loom explored (shown with `--nocapture`).
#[cfg(loom)]
pub fn check(model: impl Fn() + Sync + Send + 'static) {
    let mut builder = loom::model::Builder::new();
    if builder.preemption_bound.is_none() {
        builder.preemption_bound = Some(2);
    }
    let runs = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = runs.clone();
    builder.check(move || {
        counted.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        model()
    });
    println!(
        "loom explored {} executions",
        runs.load(std::sync::atomic::Ordering::Relaxed)
    );
}
