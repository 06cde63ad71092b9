//! Running a measured body on several threads at once.

use runtime::{LockStrategy, ThreadIdent};
use std::cell::Cell;
use std::sync::Barrier;
use std::time::{Duration, Instant};

/// The thread counts of a sweep: 1..=number of CPUs, and at least 1 and 2,
/// so that even a 1-CPU machine shows what a second thread does.
pub fn thread_counts() -> Vec<usize> {
    (1..=num_cpus::get().max(2)).collect()
}

/// The largest thread count of [`thread_counts`]: the "all threads" of the
/// shared and contended primitive benchmarks.
pub fn max_threads() -> usize {
    num_cpus::get().max(2)
}

/// Whether the benchmark binary runs under `cargo bench -- --test` (each
/// benchmark once, to check that it works): the workloads then run at their
/// small test sizes, so that CI finishes in seconds.
pub fn test_mode() -> bool {
    std::env::args().any(|a| a == "--test")
}

/// The stack size of measuring threads: the size that Python threads get
/// (virtual memory, committed only as far as it is used), so that Python
/// code run on them may recurse as deeply as in a real program.
pub const STACK_SIZE: usize = runtime::modules::threading::PYTHON_THREAD_STACK;

/// A measuring thread's stopwatch. Every thread calls [`Clock::start`] once
/// (all of them are released together) and then [`Clock::stop`] once.
pub struct Clock<'a> {
    barrier: &'a Barrier,
    start: Cell<Option<Instant>>,
    stop: Cell<Option<Instant>>,
}

impl Clock<'_> {
    /// Waits until every thread is ready, then starts timing this one.
    pub fn start(&self) {
        self.barrier.wait();
        self.start.set(Some(Instant::now()));
    }

    /// Stops timing this thread.
    pub fn stop(&self) {
        self.stop.set(Some(Instant::now()));
    }
}

/// Runs `body(index, clock)` on `threads` new threads and returns the time
/// from the first thread's [`Clock::start`] to the last thread's
/// [`Clock::stop`] — the wall time of the measured parts, without thread
/// creation — and what each body returned, in index order.
///
/// Each body must call `clock.start()` exactly once (the threads meet at a
/// barrier there), so a body must not hold the GIL when it does: the others
/// could not reach the barrier.
///
/// # Panics
///
/// If a body panics or does not call both `start` and `stop`.
pub fn timed_threads<R, F>(threads: usize, body: F) -> (Duration, Vec<R>)
where
    F: Fn(usize, &Clock<'_>) -> R + Sync,
    R: Send,
{
    let barrier = Barrier::new(threads);
    let results: Vec<(Instant, Instant, R)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|i| {
                let (barrier, body) = (&barrier, &body);
                std::thread::Builder::new()
                    .stack_size(STACK_SIZE)
                    .spawn_scoped(s, move || {
                        let clock = Clock {
                            barrier,
                            start: Cell::new(None),
                            stop: Cell::new(None),
                        };
                        let r = body(i, &clock);
                        let start = clock.start.get().expect("the body called clock.start()");
                        let stop = clock.stop.get().expect("the body called clock.stop()");
                        (start, stop, r)
                    })
                    .expect("spawn a measuring thread")
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a measuring thread panicked"))
            .collect()
    });
    let first = results
        .iter()
        .map(|r| r.0)
        .min()
        .expect("at least one thread");
    let last = results
        .iter()
        .map(|r| r.1)
        .max()
        .expect("at least one thread");
    (
        last.saturating_duration_since(first),
        results.into_iter().map(|r| r.2).collect(),
    )
}

/// A safe point, as the VM makes one at every backward jump and call: one
/// load of the eval breaker, and the slow path (drop the GIL on request)
/// when it is set.
#[inline(always)]
pub fn safe_point<S: LockStrategy>(shared: &S::Shared, me: ThreadIdent) {
    if S::eval_breaker(shared) {
        S::handle_eval_breaker(shared, me);
    }
}
