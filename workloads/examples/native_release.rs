//! A native function registered from Rust, once holding the GIL and once
//! releasing it (`Py_BEGIN_ALLOW_THREADS`), timed side by side while two
//! Python threads call it. The released one hands its work to rayon.
//!
//! Under `gil-release` the released function runs beside the other Python
//! thread; the holding one serialises them. Under `gil` the declaration is
//! not honoured (as for the built-in `native` module), and `finegrained` has
//! no GIL to release.
//!
//! ```sh
//! cargo run --release -p workloads --example native_release
//! ```

use finegrained::FineGrained;
use gil::{Gil, GilRelease};
use rayon::prelude::*;
use runtime::embed::{self, NativeModule};
use runtime::{LockStrategy, RunError, Runtime};
use std::time::Instant;

/// A fixed amount of arithmetic per unit of `n` (a few hundred microseconds
/// each in a release build), the same on every call.
fn checksum(n: u64) -> u64 {
    (0..n * 400_000).fold(0u64, |h, i| h.wrapping_mul(31).wrapping_add(i ^ (h >> 7)))
}

/// The same work split over rayon's pool: only sound without the GIL.
fn par_checksum(n: u64) -> u64 {
    (0..n)
        .into_par_iter()
        .map(|i| checksum(1).wrapping_add(i))
        .reduce(|| 0, u64::wrapping_add)
}

const SCRIPT: &str = "\
import threading, time, crunch

def call(f, out, i):
    out[i] = f(30)

def timed(f):
    out = [0, 0]
    ts = [threading.Thread(target=call, args=(f, out, i)) for i in range(2)]
    start = time.perf_counter()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return time.perf_counter() - start

held = timed(crunch.hold)
released = timed(crunch.release)
parallel = timed(crunch.release_rayon)
";

fn run<S: LockStrategy>() -> Result<(), RunError> {
    let crunch = NativeModule::<S>::new("crunch")
        .function("hold", embed::Gil::Hold, checksum)
        .function("release", embed::Gil::Release, checksum)
        .function("release_rayon", embed::Gil::Release, par_checksum);
    let rt = Runtime::<S>::builder().native_module(crunch).build();
    let start = Instant::now();
    let (held, released, parallel): (f64, f64, f64) = rt.attach(|py| {
        py.run(SCRIPT)?;
        py.eval("(held, released, parallel)")?.extract()
    })?;
    println!(
        "{:<12} two threads x crunch(30): held {:>5.1} ms, released {:>5.1} ms, released+rayon {:>5.1} ms  (total {:.0} ms)",
        S::NAME,
        held * 1e3,
        released * 1e3,
        parallel * 1e3,
        start.elapsed().as_secs_f64() * 1e3
    );
    Ok(())
}

fn main() -> Result<(), RunError> {
    run::<Gil>()?;
    run::<GilRelease>()?;
    run::<FineGrained>()
}
