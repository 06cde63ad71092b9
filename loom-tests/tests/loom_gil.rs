//! loom models of the GIL protocol ([`gil::protocol`]), run on the real code
//! through the `runtime::sync` shim:
//!
//! ```text
//! RUSTFLAGS="--cfg loom" RUSTC_WRAPPER="$PWD/loom-tests/rustc-loom" \
//!     LOOM_MAX_PREEMPTIONS=2 cargo test -p loom-tests --release --test loom_gil
//! ```
//!
//! (`rustc-loom` keeps `--cfg loom` away from registry crates, some of which
//! have `cfg(loom)` code that does not build; see the script.)
//!
//! Each model is also run against a deliberately broken protocol
//! ([`gil::Mutant`]) and must reject it, so that no model passes vacuously.
#![cfg(loom)]

use gil::{Gil, GilState, Mutant};
use loom::model::Builder;
use runtime::sync::{thread, Arc, AtomicBool, AtomicUsize, Ordering};
use runtime::{LockStrategy, ThreadIdent};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Duration;

/// loom has no clock: every timed wait "runs out", whatever its length.
const INTERVAL: Duration = Duration::from_millis(5);

/// Safe points each thread passes while attached in the exclusion model.
const ROUNDS: usize = 3;

/// Runs `model` under loom with at most 2 preemptions unless
/// `LOOM_MAX_PREEMPTIONS` says otherwise.
fn check(model: impl Fn() + Sync + Send + 'static) {
    let mut builder = Builder::new();
    if builder.preemption_bound.is_none() {
        builder.preemption_bound = Some(2);
    }
    builder.check(model);
}

/// Runs a model that must fail and returns loom's panic message (an
/// assertion, a deadlock); panics if loom found nothing.
fn rejection(model: impl FnOnce()) -> String {
    let payload = catch_unwind(AssertUnwindSafe(model))
        .expect_err("loom accepted a broken protocol: the model is too weak");
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        String::from("<non-string panic>")
    }
}

/// A safe point as the VM makes one.
fn safe_point(shared: &GilState, me: ThreadIdent) {
    if Gil::eval_breaker(shared) {
        Gil::handle_eval_breaker(shared, me);
    }
}

/// One attached stretch: `ROUNDS` critical sections with a safe point after
/// each. The critical section checks that nobody else is inside and updates
/// `counter` with a non-atomic load and store, so a missing happens-before
/// edge in the hand-over would lose an update.
fn worker(shared: &GilState, me: ThreadIdent, inside: &AtomicBool, counter: &AtomicUsize) {
    Gil::attach(shared, me);
    for _ in 0..ROUNDS {
        assert!(
            !inside.swap(true, Ordering::Relaxed),
            "two threads hold the GIL"
        );
        // Also gives loom a point inside the critical section where the
        // other thread's steps on the GIL's mutexes can be interleaved.
        assert!(shared.holds(me), "attached without holding the GIL");
        let v = counter.load(Ordering::Relaxed);
        counter.store(v + 1, Ordering::Relaxed);
        inside.store(false, Ordering::Relaxed);
        safe_point(shared, me);
    }
    Gil::detach(shared, me);
}

/// (a) `threads` threads attach, work with safe points in between, and
/// detach: never two inside, no update lost, and all finish (a lost wake-up
/// would be a deadlock, which loom reports).
///
/// Only two threads: under loom a timed wait is a yield-and-retry loop, and
/// with two such waiters loom explores schedules in which they bounce the
/// turn between themselves forever while the holder never runs, so a
/// three-thread model exceeds loom's branch limit.
fn exclusion_model(mutant: Mutant, threads: u64) {
    check(move || {
        let shared = Arc::new(GilState::with_mutant(INTERVAL, mutant));
        let inside = Arc::new(AtomicBool::new(false));
        let counter = Arc::new(AtomicUsize::new(0));
        let others: Vec<_> = (2..=threads)
            .map(|me| {
                let (shared, inside, counter) = (shared.clone(), inside.clone(), counter.clone());
                thread::spawn(move || worker(&shared, me, &inside, &counter))
            })
            .collect();
        worker(&shared, 1, &inside, &counter);
        for other in others {
            other.join().unwrap();
        }
        assert_eq!(counter.load(Ordering::Relaxed), threads as usize * ROUNDS);
        assert!(!shared.is_locked());
    });
}

/// (b) Forced switching: A holds the GIL and polls at safe points while B
/// waits for it. When A drops the GIL because of B's drop request, B must have
/// had the GIL before A takes it again.
fn forced_switch_model(mutant: Mutant) {
    const A: ThreadIdent = 1;
    const B: ThreadIdent = 2;
    check(move || {
        let shared = Arc::new(GilState::with_mutant(INTERVAL, mutant));
        let b_ran = Arc::new(AtomicBool::new(false));
        Gil::attach(&shared, A);
        let b = {
            let (shared, b_ran) = (shared.clone(), b_ran.clone());
            thread::spawn(move || {
                Gil::attach(&shared, B);
                b_ran.store(true, Ordering::Relaxed);
                Gil::detach(&shared, B);
            })
        };
        for _ in 0..3 {
            if Gil::eval_breaker(&shared) {
                Gil::handle_eval_breaker(&shared, A);
                assert!(
                    b_ran.load(Ordering::Relaxed),
                    "the dropper re-took the GIL before the waiter had it"
                );
                break;
            }
            thread::yield_now();
        }
        Gil::detach(&shared, A);
        b.join().unwrap();
        assert!(b_ran.load(Ordering::Relaxed));
    });
}

#[test]
fn gil_mutual_exclusion_and_progress() {
    exclusion_model(Mutant::None, 2);
}

#[test]
fn gil_forced_switch_hands_over() {
    forced_switch_model(Mutant::None);
}

#[test]
fn mutant_grab_on_timeout_is_rejected() {
    let msg = rejection(|| exclusion_model(Mutant::GrabOnTimeout, 2));
    // Whichever check trips first in loom's order: the model's exclusion and
    // lost-update checks, or drop_gil finding the GIL already dropped.
    assert!(
        [
            "two threads hold",
            "without holding",
            "left == right",
            "not locked"
        ]
        .iter()
        .any(|m| msg.contains(m)),
        "{msg}"
    );
}

#[test]
fn mutant_no_forced_switch_is_rejected() {
    let msg = rejection(|| forced_switch_model(Mutant::NoForcedSwitch));
    assert!(msg.contains("re-took the GIL"), "{msg}");
}

#[test]
fn mutant_lost_switch_signal_is_rejected() {
    let msg = rejection(|| forced_switch_model(Mutant::NoSwitchSignal));
    assert!(msg.contains("deadlock"), "{msg}");
}
