//! Locking primitives measured through the raw [`LockStrategy`] trait and the
//! object types, without the interpreter around them.
//!
//! Every function is generic over the strategy and takes the number of
//! iterations that criterion asks for (`iter_custom`); it returns the time
//! those iterations took. Threads follow the strategy's contract as the VM
//! does: they touch objects only while attached (through `runtime::attached`,
//! as the VM attaches, so that debug builds check it), and poll a safe point
//! ([`safe_point`]) after every operation, as the VM does at every backward
//! jump — so under a GIL several threads take turns, exactly as Python
//! threads would, and the figures include that.

use crate::harness::{safe_point, timed_threads};
use runtime::attached::{attach, detach, Exclusive};
use runtime::object::{ObjCell, ObjRef, Payload, PyStr, Value};
use runtime::{LockStrategy, StrategyConfig, ThreadIdent};
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// The switch interval of the hand-off benchmark. A waiter sleeps one
/// interval before it sets the drop request, so the interval bounds how many
/// hand-offs fit in a second; the latency measured *after* the request does
/// not depend on it (the waiter is woken by the holder's drop, not by its
/// timer). CPython's default, 5 ms, would make the benchmark 50 times longer.
pub const HANDOFF_SWITCH_INTERVAL: Duration = Duration::from_micros(100);

/// How long the blocking call of [`blocking_call`] blocks when a CPU-bound
/// thread runs beside it: long enough for that thread to be woken and to take
/// the GIL, as during real IO.
pub const BLOCKING_SLEEP: Duration = Duration::from_micros(100);

fn ident(index: usize) -> ThreadIdent {
    index as ThreadIdent + 1
}

/// `iters` reference-count pairs — clone an [`ObjRef`] (incref) and drop the
/// clone (decref) — on each of `threads` threads at once: each on an object
/// of its own, or all on one `shared` object.
///
/// Under a GIL the count is a plain load and store and the threads take
/// turns; under `finegrained` it is an atomic read-modify-write, and on a
/// shared object every thread writes the same cache line.
///
/// # Panics
///
/// If the shared object's count is not back to 1 afterwards (a lost update).
pub fn incref_decref<S: LockStrategy>(threads: usize, shared: bool, iters: u64) -> Duration {
    let state = S::new_shared(&StrategyConfig::default());
    let common = ObjRef::<S>::new(Payload::Str(PyStr::new("shared")));
    let (elapsed, _) = timed_threads(threads, |i, clock| {
        // A private object is reached by this thread only, so making it
        // before attaching races with nobody.
        let own = ObjRef::<S>::new(Payload::Str(PyStr::new("private")));
        let obj = if shared { &common } else { &own };
        let me = ident(i);
        clock.start();
        attach::<S>(&state, me);
        for _ in 0..iters {
            let extra = black_box(obj).clone();
            drop(black_box(extra));
            safe_point::<S>(&state, me);
        }
        drop(own);
        detach::<S>(&state, me);
        clock.stop();
    });
    assert_eq!(
        common.header.refcount(),
        1,
        "a reference count update was lost"
    );
    release_alone(common);
    elapsed
}

/// Drops an object once every thread that used it has been joined.
fn release_alone<S: LockStrategy>(obj: ObjRef<S>) {
    // SAFETY: the threads that shared the object were joined
    // (`timed_threads` returns after joining them): only this thread can
    // reach it.
    let _alone = unsafe { Exclusive::enter() };
    drop(obj);
}

/// An object whose contents sit behind its lock: a cell holding an int.
fn counter<S: LockStrategy>() -> ObjRef<S> {
    ObjRef::new(Payload::Cell(ObjCell::new(Some(Value::Int(0)))))
}

/// Adds one to a [`counter`] under the object's lock ([`ObjCell::with_unchecked`]: the
/// strategy's `lock_object` / `unlock_object`).
#[inline(always)]
fn bump<S: LockStrategy>(obj: &ObjRef<S>) {
    let Payload::Cell(cell) = obj.payload() else {
        unreachable!("a counter is a cell")
    };
    // SAFETY: the callers are attached, `obj` owns `cell`, and the closure
    // only adds to an int.
    unsafe {
        cell.with_unchecked::<S, _>(&obj.header, |v| {
            if let Some(Value::Int(n)) = v {
                *n += 1;
            }
        })
    };
}

fn count<S: LockStrategy>(obj: &ObjRef<S>) -> i64 {
    let Payload::Cell(cell) = obj.payload() else {
        unreachable!("a counter is a cell")
    };
    // SAFETY: as in `bump`; the closure only reads an int.
    unsafe {
        cell.with_unchecked::<S, _>(&obj.header, |v| match v {
            Some(Value::Int(n)) => *n,
            _ => unreachable!("a counter holds an int"),
        })
    }
}

/// `iters` lock / increment / unlock rounds of an object's lock on each of
/// `threads` threads at once: each on an object of its own (uncontended), or
/// all on one `shared` object (contended).
///
/// Under a GIL the object lock is a no-op and the GIL does the excluding;
/// under `finegrained` it is the header's one-byte mutex (one
/// compare-exchange uncontended; spinning, then parking, contended).
///
/// # Panics
///
/// If an increment was lost (the lock did not exclude).
pub fn object_lock<S: LockStrategy>(threads: usize, shared: bool, iters: u64) -> Duration {
    let state = S::new_shared(&StrategyConfig::default());
    let common = counter::<S>();
    let (elapsed, counts) = timed_threads(threads, |i, clock| {
        // Private to this thread until the end (see `incref_decref`).
        let own = counter::<S>();
        let obj = if shared { &common } else { &own };
        let me = ident(i);
        clock.start();
        attach::<S>(&state, me);
        for _ in 0..iters {
            bump::<S>(black_box(obj));
            safe_point::<S>(&state, me);
        }
        let mine = count::<S>(&own);
        drop(own);
        detach::<S>(&state, me);
        clock.stop();
        mine
    });
    let total = if shared {
        // SAFETY: as in `release_alone`: every thread was joined.
        let _alone = unsafe { Exclusive::enter() };
        count::<S>(&common)
    } else {
        counts.iter().sum()
    };
    release_alone(common);
    assert_eq!(
        total,
        threads as i64 * iters as i64,
        "the object lock lost an update"
    );
    elapsed
}

/// The GIL hand-off latency: the sum, over `iters` hand-offs, of the time
/// from the drop request to the requesting thread running.
///
/// Thread A holds the GIL and runs a loop of safe points (bytecode, as far as
/// the GIL can tell). Thread B attaches: under a GIL it waits one switch
/// interval ([`HANDOFF_SWITCH_INTERVAL`]), sets the drop request, and sleeps
/// until A drops the GIL at its next safe point (with forced switching, A
/// then waits until B has it). The request's time is taken when A observes
/// it — A polls every few nanoseconds, so this is the moment it was set, give
/// or take a cache-line transfer — and B's time right after its attach
/// returns. B then detaches at once and waits until A runs again.
///
/// Under `finegrained` nothing is handed off: attaching is free and never
/// waits, and no drop request is ever set, so each sample is the time of
/// B's attach while A runs.
pub fn gil_handoff<S: LockStrategy>(iters: u64) -> Duration {
    const A: ThreadIdent = 1;
    const B: ThreadIdent = 2;
    let state = S::new_shared(&StrategyConfig {
        switch_interval: HANDOFF_SWITCH_INTERVAL,
    });
    let base = Instant::now();
    let stop = AtomicBool::new(false);
    // How many drop requests A has honoured, and how many times it has
    // (re)taken the GIL: A runs iff `runs > requests`.
    let requests = AtomicU64::new(0);
    let runs = AtomicU64::new(0);
    // When A saw the latest request, in nanoseconds since `base`.
    let requested_at = AtomicU64::new(0);
    std::thread::scope(|s| {
        s.spawn(|| {
            S::attach(&state, A);
            runs.fetch_add(1, Ordering::Release);
            while !stop.load(Ordering::Relaxed) {
                if S::eval_breaker(&state) {
                    requested_at.store(nanos_since(base), Ordering::Relaxed);
                    requests.fetch_add(1, Ordering::Release);
                    S::handle_eval_breaker(&state, A);
                    runs.fetch_add(1, Ordering::Release);
                }
                std::hint::spin_loop();
            }
            S::detach(&state, A);
        });
        let mut total = Duration::ZERO;
        for _ in 0..iters {
            // Wait until A holds the GIL again (or, without a GIL, runs).
            while runs.load(Ordering::Acquire) <= requests.load(Ordering::Acquire) {
                std::hint::spin_loop();
            }
            let before = requests.load(Ordering::Acquire);
            let asked = Instant::now();
            S::attach(&state, B);
            let running = Instant::now();
            let after = requests.load(Ordering::Acquire);
            total += if after > before {
                let at = Duration::from_nanos(requested_at.load(Ordering::Relaxed));
                (running - base).saturating_sub(at)
            } else {
                running - asked
            };
            S::detach(&state, B);
        }
        stop.store(true, Ordering::Relaxed);
        total
    })
}

fn nanos_since(base: Instant) -> u64 {
    u64::try_from(base.elapsed().as_nanos()).unwrap_or(u64::MAX)
}

/// `iters` blocking calls, each wrapped in detach / attach as the runtime
/// wraps `time.sleep`, a lock acquire or a join.
///
/// Alone (`beside_cpu_thread` false) the call returns at once, so this is the
/// cost of the detach/attach pair: under a GIL, dropping and taking the GIL
/// (two mutex round trips); under `finegrained`, nothing.
///
/// Beside a CPU-bound thread (`beside_cpu_thread` true) the call sleeps
/// [`BLOCKING_SLEEP`], and meanwhile the other thread takes the GIL; getting
/// it back then costs a whole switch interval (5 ms, CPython's default) —
/// the convoy effect. Without a GIL the call costs only the sleep.
pub fn blocking_call<S: LockStrategy>(beside_cpu_thread: bool, iters: u64) -> Duration {
    const ME: ThreadIdent = 1;
    const CPU: ThreadIdent = 2;
    let state = S::new_shared(&StrategyConfig::default());
    let stop = AtomicBool::new(false);
    let cpu_running = AtomicBool::new(false);
    std::thread::scope(|s| {
        if beside_cpu_thread {
            s.spawn(|| {
                S::attach(&state, CPU);
                cpu_running.store(true, Ordering::Release);
                while !stop.load(Ordering::Relaxed) {
                    safe_point::<S>(&state, CPU);
                    std::hint::spin_loop();
                }
                S::detach(&state, CPU);
            });
            while !cpu_running.load(Ordering::Acquire) {
                std::thread::yield_now();
            }
        }
        S::attach(&state, ME);
        let start = Instant::now();
        for _ in 0..iters {
            S::detach(&state, ME);
            if beside_cpu_thread {
                std::thread::sleep(BLOCKING_SLEEP);
            } else {
                black_box(());
            }
            S::attach(&state, ME);
            safe_point::<S>(&state, ME);
        }
        let elapsed = start.elapsed();
        stop.store(true, Ordering::Relaxed);
        S::detach(&state, ME);
        elapsed
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Mode;

    #[test]
    fn every_primitive_runs_in_every_mode() {
        for mode in Mode::ALL {
            for shared in [false, true] {
                assert!(crate::dispatch!(mode, incref_decref(2, shared, 10_000)) > Duration::ZERO);
                assert!(crate::dispatch!(mode, object_lock(2, shared, 10_000)) > Duration::ZERO);
            }
            assert!(crate::dispatch!(mode, gil_handoff(5)) > Duration::ZERO);
            assert!(crate::dispatch!(mode, blocking_call(false, 100)) > Duration::ZERO);
            assert!(crate::dispatch!(mode, blocking_call(true, 3)) > Duration::ZERO);
        }
    }

    #[test]
    fn a_gil_handoff_waits_for_the_holder() {
        // Under a GIL, B's attach needs a hand-off, which takes at least the
        // kernel wake-up; without one it costs next to nothing.
        let gil = gil_handoff::<crate::Gil>(20);
        assert!(gil > Duration::from_micros(20), "{gil:?}");
    }
}
