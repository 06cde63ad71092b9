//! Embed Gilgamesh and run the same Python script under each lock mode,
//! then read what each strategy counted.
//!
//! ```sh
//! cargo run --release -p workloads --example embed_modes
//! ```

use finegrained::{FineGrained, PerObject};
use gil::{Gil, GilRelease};
use runtime::{LockStrategy, RunError, Runtime};
use std::time::Instant;

/// Four Python threads each sum a range; the script leaves the total in a
/// global.
const SCRIPT: &str = "\
import threading

def work(n, out, i):
    total = 0
    for k in range(n):
        total += k
    out[i] = total

out = [0] * 4
threads = [threading.Thread(target=work, args=(200_000, out, i)) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
";

/// Runs the script in a fresh runtime of mode `S`.
fn run<S: LockStrategy>() -> Result<(), RunError> {
    let rt = Runtime::<S>::builder().build();
    let start = Instant::now();
    let total: i64 = rt.attach(|py| {
        py.run(SCRIPT)?;
        py.eval("sum(out)")?.extract()
    })?;
    let elapsed = start.elapsed();
    let stats = rt.lock_stats();
    println!(
        "{:<12} total {total}  {:>7.1} ms  gil switches {:>4}  forced {:>3}  contended object locks {}",
        S::NAME,
        elapsed.as_secs_f64() * 1e3,
        stats.gil_switches,
        stats.forced_switches,
        stats.contended_object_locks
    );
    assert_eq!(total, 4 * (200_000 * 199_999 / 2));
    Ok(())
}

fn main() -> Result<(), RunError> {
    run::<Gil>()?;
    run::<GilRelease>()?;
    run::<FineGrained>()?;
    run::<PerObject>()?;
    // Picking the mode at run time, e.g. from a flag:
    let mode: workloads::Mode = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "finegrained".into())
        .parse()
        .map_err(|message| RunError::Exception {
            type_name: "ValueError".into(),
            message,
            traceback: String::new(),
        })?;
    let outcome = workloads::run_source(
        mode,
        Default::default(),
        "print('chosen at run time: ok')",
        "<flag>",
        vec![],
    );
    outcome.result
}
