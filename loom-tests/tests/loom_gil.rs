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
use loom_tests::{bytecode, check, rejection};
use runtime::object::ObjRef;
use runtime::sync::{thread, Arc, AtomicUsize, Ordering};
use runtime::{LockStrategy, ThreadIdent};
use std::time::Duration;

/// loom has no clock: every timed wait "runs out", whatever its length.
const INTERVAL: Duration = Duration::from_millis(5);

/// Safe points each thread passes while attached in the two-thread
/// exclusion model.
const ROUNDS: usize = 3;

/// Safe points each thread passes in the three-thread exclusion model.
const ROUNDS_3: usize = 2;

/// How many times each thread's timed waits may time out in the
/// three-thread exclusion model (see `runtime::sync::set_timeout_budget`).
const TIMEOUTS_3: usize = 2;

/// Safe points the holder polls, and the time-out budget, in the forced
/// switch model with one waiter (no budget needed) and with two (one
/// time-out each is enough for a drop request; 2 polls and 2 time-outs take
/// 8 s, 3 polls and 2 time-outs 24 s).
const FORCED_2: (usize, Option<usize>) = (3, None);
const FORCED_3: (usize, Option<usize>) = (2, Some(1));

/// A safe point as the VM makes one.
fn safe_point(shared: &GilState, me: ThreadIdent) {
    if Gil::eval_breaker(shared) {
        Gil::handle_eval_breaker(shared, me);
    }
}

/// Limits the calling thread's time-outs, if `budget` says so.
fn timeouts(budget: Option<usize>) {
    if let Some(n) = budget {
        runtime::sync::set_timeout_budget(n);
    }
}

/// One attached stretch: `rounds` critical sections with a safe point after
/// each. The critical section is bytecode on a shared list
/// ([`bytecode::section`]): its count changes are plain loads and stores
/// under the GIL, which loom checks against every other thread's (a
/// causality violation unless the GIL's hand-over orders them).
fn worker(shared: &GilState, me: ThreadIdent, rounds: usize, list: &ObjRef<Gil>) {
    Gil::attach(shared, me);
    for _ in 0..rounds {
        bytecode::section(shared, list);
        safe_point(shared, me);
    }
    Gil::detach(shared, me);
}

/// (a) `threads` threads attach, work `rounds` rounds with safe points in
/// between, and detach: never two running bytecode unordered (loom checks
/// every count change of the shared list), no update lost, and all finish
/// (a lost wake-up would be a deadlock, which loom reports).
///
/// With two threads the waiter may time out any number of times. With three,
/// each thread's time-outs are limited to `budget`: under loom a timed wait
/// is a yield-and-retry loop, and two such waiters could otherwise pass the
/// turn between themselves for ever while the holder never runs, which
/// exceeds loom's branch limit (loom has no fairness, and a yield is not a
/// preemption).
fn exclusion_model(mutant: Mutant, threads: u64, rounds: usize, budget: Option<usize>) {
    check(move || {
        timeouts(budget);
        let shared = Arc::new(GilState::with_mutant(INTERVAL, mutant));
        let list = std::sync::Arc::new(bytecode::new_list());
        let others: Vec<_> = (2..=threads)
            .map(|me| {
                let (shared, list) = (shared.clone(), list.clone());
                thread::spawn(move || {
                    timeouts(budget);
                    worker(&shared, me, rounds, &list)
                })
            })
            .collect();
        worker(&shared, 1, rounds, &list);
        for other in others {
            other.join().unwrap();
        }
        assert_eq!(bytecode::len(&list), threads as usize * rounds);
        assert_eq!(bytecode::refcount(&list), 1);
        assert!(!shared.is_locked());
    });
}

/// (b) Forced switching: A holds the GIL and passes `polls` safe points
/// while `waiters` other threads wait for it. The drop request must be
/// honoured: when A drops the GIL because of a waiter's request, a waiter
/// must have had the GIL before A takes it again. `budget` limits each
/// thread's time-outs as in the exclusion model.
fn forced_switch_model(mutant: Mutant, waiters: u64, (polls, budget): (usize, Option<usize>)) {
    const A: ThreadIdent = 1;
    check(move || {
        timeouts(budget);
        let shared = Arc::new(GilState::with_mutant(INTERVAL, mutant));
        // How many waiters have had the GIL.
        let ran = Arc::new(AtomicUsize::new(0));
        Gil::attach(&shared, A);
        let others: Vec<_> = (2..2 + waiters)
            .map(|me| {
                let (shared, ran) = (shared.clone(), ran.clone());
                thread::spawn(move || {
                    timeouts(budget);
                    Gil::attach(&shared, me);
                    ran.fetch_add(1, Ordering::Relaxed);
                    Gil::detach(&shared, me);
                })
            })
            .collect();
        for _ in 0..polls {
            if Gil::eval_breaker(&shared) {
                let before = ran.load(Ordering::Relaxed);
                Gil::handle_eval_breaker(&shared, A);
                assert!(
                    ran.load(Ordering::Relaxed) > before,
                    "the dropper re-took the GIL before a waiter had it"
                );
                break;
            }
            thread::yield_now();
        }
        Gil::detach(&shared, A);
        for other in others {
            other.join().unwrap();
        }
        assert_eq!(ran.load(Ordering::Relaxed), waiters as usize);
    });
}

#[test]
fn gil_mutual_exclusion_and_progress() {
    exclusion_model(Mutant::None, 2, ROUNDS, None);
}

#[test]
fn gil_mutual_exclusion_and_progress_three_threads() {
    exclusion_model(Mutant::None, 3, ROUNDS_3, Some(TIMEOUTS_3));
}

#[test]
fn gil_forced_switch_hands_over() {
    forced_switch_model(Mutant::None, 1, FORCED_2);
}

#[test]
fn gil_forced_switch_hands_over_three_threads() {
    forced_switch_model(Mutant::None, 2, FORCED_3);
}

/// What the exclusion model reports for a GIL that two threads can hold:
/// whichever trips first in loom's order, loom's causality check on the
/// shared list's count or `drop_gil` finding the GIL already dropped.
fn assert_exclusion_broken(msg: &str) {
    assert!(
        ["Causality violation", "not locked"]
            .iter()
            .any(|m| msg.contains(m)),
        "{msg}"
    );
}

#[test]
fn mutant_grab_on_timeout_is_rejected() {
    let msg = rejection(|| exclusion_model(Mutant::GrabOnTimeout, 2, ROUNDS, None));
    assert_exclusion_broken(&msg);
}

#[test]
fn mutant_grab_on_timeout_is_rejected_three_threads() {
    let msg = rejection(|| exclusion_model(Mutant::GrabOnTimeout, 3, ROUNDS_3, Some(TIMEOUTS_3)));
    assert_exclusion_broken(&msg);
}

#[test]
fn mutant_no_forced_switch_is_rejected() {
    let msg = rejection(|| forced_switch_model(Mutant::NoForcedSwitch, 1, FORCED_2));
    assert!(msg.contains("re-took the GIL"), "{msg}");
}

#[test]
fn mutant_no_forced_switch_is_rejected_three_threads() {
    let msg = rejection(|| forced_switch_model(Mutant::NoForcedSwitch, 2, FORCED_3));
    assert!(msg.contains("re-took the GIL"), "{msg}");
}

#[test]
fn mutant_lost_switch_signal_is_rejected() {
    let msg = rejection(|| forced_switch_model(Mutant::NoSwitchSignal, 1, FORCED_2));
    assert!(msg.contains("deadlock"), "{msg}");
}

#[test]
fn mutant_lost_switch_signal_is_rejected_three_threads() {
    let msg = rejection(|| forced_switch_model(Mutant::NoSwitchSignal, 2, FORCED_3));
    assert!(msg.contains("deadlock"), "{msg}");
}

/// A lost wake-up in the exclusion model too: with three threads and a
/// time-out budget, a dropper that is never told of the hand-over waits for
/// ever once the other threads have finished.
#[test]
fn mutant_lost_switch_signal_is_rejected_by_exclusion_three_threads() {
    let msg = rejection(|| exclusion_model(Mutant::NoSwitchSignal, 3, ROUNDS_3, Some(TIMEOUTS_3)));
    assert!(msg.contains("deadlock"), "{msg}");
}
