//! loom models of the `gil-io` protocol ([`gil::io`]): the GIL of
//! `gil::protocol` with priority waiters for threads coming back from a
//! blocking call, run on the real code (`GilState<true>`, through the
//! [`GilIo`] strategy and `runtime::detach::blocking`) through the
//! `runtime::sync` shim:
//!
//! ```text
//! RUSTFLAGS="--cfg loom" RUSTC_WRAPPER="$PWD/loom-tests/rustc-loom" \
//!     LOOM_MAX_PREEMPTIONS=2 cargo test -p loom-tests --release --test loom_gil_io
//! ```
//!
//! Each model is also run against a deliberately broken protocol
//! ([`gil::Mutant`]'s `Io*` variants) and must reject it: no priority
//! (`IoNoPriority`), a wake-up on the wrong condition variable
//! (`IoWrongCond`), priority past its budget (`IoNoBudget`), and a spinning
//! waiter that sleeps without looking at the GIL again (`IoSpinNoRecheck`;
//! the first version of the spin had this bug, and model (b) found it).
//!
//! The shared list is an `ObjRef<Gil>`: `gil` and `gil-io` count references
//! with the same code (`GilMode`'s), and the models only need a list whose
//! count changes loom checks for ordering.
#![cfg(loom)]

use gil::{Gil, GilIo, GilState, Mutant};
use loom_tests::{bytecode, check, rejection};
use runtime::object::ObjRef;
use runtime::sync::{thread, Mutex};
// `std`'s `Arc`, not loom's: a loom `Arc` dropped while a thread unwinds
// from a deadlock that loom found asks loom for a branch and panics again,
// which aborts the test process (see `loom_detach.rs`). Spawning and
// joining order the accesses.
use runtime::{LockStrategy, ThreadIdent};
use std::sync::Arc;
use std::time::Duration;

/// loom has no clock: every timed wait "runs out", whatever its length.
const INTERVAL: Duration = Duration::from_millis(5);

type IoGil = GilState<true>;

/// A safe point as the VM makes one.
fn safe_point(shared: &IoGil, me: ThreadIdent) {
    if GilIo::eval_breaker(shared) {
        GilIo::handle_eval_breaker(shared, me);
    }
}

/// A CPU-bound thread: attaches, runs `rounds` sections with a safe point
/// after each, detaches.
fn cpu_worker(shared: &IoGil, me: ThreadIdent, rounds: usize, list: &ObjRef<Gil>) {
    GilIo::attach(shared, me);
    for _ in 0..rounds {
        bytecode::section(shared, list);
        safe_point(shared, me);
    }
    GilIo::detach(shared, me);
}

/// An IO thread: attaches, then `rounds` times makes a blocking call
/// (`runtime::detach::blocking`, which re-attaches as a priority waiter)
/// and runs a section after it.
fn io_worker(shared: &IoGil, me: ThreadIdent, rounds: usize, list: &ObjRef<Gil>) {
    GilIo::attach(shared, me);
    for _ in 0..rounds {
        runtime::detach::blocking::<GilIo, _>(shared, me, || ());
        bytecode::section(shared, list);
        safe_point(shared, me);
    }
    GilIo::detach(shared, me);
}

/// (a) Mutual exclusion and progress with priority waiters: one CPU thread
/// and `io` IO threads; any number of time-outs with two threads (so waiters
/// become starving and priority is suspended and resumed), a budget with
/// three. Never two threads in a section unordered (loom checks every count
/// change of the list), no update lost, and all finish.
fn exclusion_model(mutant: Mutant, io: u64, rounds: usize, budget: Option<usize>) {
    check(move || {
        if let Some(n) = budget {
            runtime::sync::set_timeout_budget(n);
        }
        let shared = Arc::new(GilState::io_with_mutant(INTERVAL, mutant));
        let list = Arc::new(bytecode::new_list());
        let others: Vec<_> = (2..2 + io)
            .map(|me| {
                let (shared, list) = (shared.clone(), list.clone());
                thread::spawn(move || {
                    if let Some(n) = budget {
                        runtime::sync::set_timeout_budget(n);
                    }
                    io_worker(&shared, me, rounds, &list)
                })
            })
            .collect();
        cpu_worker(&shared, 1, rounds, &list);
        for other in others {
            other.join().unwrap();
        }
        assert_eq!(bytecode::len(&list), (1 + io as usize) * rounds);
        assert_eq!(bytecode::refcount(&list), 1);
        assert!(!shared.is_locked());
    });
}

/// (b) The priority hand-over: CPU thread A holds the GIL and polls safe
/// points; CPU thread B and IO thread C (back from a blocking call) wait
/// for it. Neither waiter's interval ever runs out (no time-outs), so the
/// only drop request is C's early one: when A drops the GIL at it, the
/// next holder must be C, not B (who may be waiting already or arrive just
/// as the GIL is free). A lost wake-up of C is a deadlock.
fn priority_model(mutant: Mutant, polls: usize) {
    const A: ThreadIdent = 1;
    const B: ThreadIdent = 2;
    const C: ThreadIdent = 3;
    check(move || {
        let shared = Arc::new(GilState::io_with_mutant(INTERVAL, mutant));
        // Who took the GIL, in order (A's first attach not included).
        let order = Arc::new(Mutex::new(Vec::new()));
        GilIo::attach(&shared, A);
        runtime::sync::set_timeout_budget(1);
        let spawn = |me: ThreadIdent, io: bool| {
            let (shared, order) = (shared.clone(), order.clone());
            thread::spawn(move || {
                runtime::sync::set_timeout_budget(0);
                if io {
                    GilIo::attach_after_blocking(&shared, me);
                } else {
                    GilIo::attach(&shared, me);
                }
                runtime::sync::lock(&order).push(me);
                GilIo::detach(&shared, me);
            })
        };
        let b = spawn(B, false);
        let c = spawn(C, true);
        for _ in 0..polls {
            if GilIo::eval_breaker(&shared) {
                GilIo::handle_eval_breaker(&shared, A);
                let first = runtime::sync::lock(&order).first().copied();
                assert_eq!(
                    first,
                    Some(C),
                    "a CPU thread took the GIL ahead of the priority waiter"
                );
                break;
            }
            thread::yield_now();
        }
        GilIo::detach(&shared, A);
        b.join().unwrap();
        c.join().unwrap();
        assert_eq!(runtime::sync::lock(&order).len(), 2);
    });
}

/// (c) The budget: CPU thread A holds the GIL and polls safe points; IO
/// thread C comes back from a blocking call twice. The budget refills at
/// 0.1% of (logical) wall time, so C's first priority turn, which keeps A
/// off the GIL, spends more than the budget has and will have: C's second
/// return may take a free GIL, or wait as a CPU waiter, but must not ask A
/// to drop early again. No time-outs (every wait ends by a notification),
/// so a lost wake-up of the throttled C is a deadlock.
fn budget_model(mutant: Mutant, polls: usize) {
    const A: ThreadIdent = 1;
    const C: ThreadIdent = 3;
    check(move || {
        let shared = Arc::new(GilState::io_with_mutant(INTERVAL, mutant).with_io_share(1));
        runtime::sync::set_timeout_budget(0);
        GilIo::attach(&shared, A);
        let c = {
            let shared = shared.clone();
            thread::spawn(move || {
                runtime::sync::set_timeout_budget(0);
                for _ in 0..2 {
                    GilIo::attach_after_blocking(&shared, C);
                    GilIo::detach(&shared, C);
                }
            })
        };
        for _ in 0..polls {
            safe_point(&shared, A);
            thread::yield_now();
        }
        GilIo::detach(&shared, A);
        c.join().unwrap();
        assert!(
            shared.io_requests() <= 1,
            "priority asked for an early drop with its budget spent"
        );
        assert!(!shared.is_locked());
    });
}

#[test]
fn gil_io_mutual_exclusion_and_progress() {
    exclusion_model(Mutant::None, 1, 2, None);
}

#[test]
fn gil_io_mutual_exclusion_and_progress_three_threads() {
    exclusion_model(Mutant::None, 2, 1, Some(1));
}

#[test]
fn gil_io_priority_waiter_goes_first() {
    priority_model(Mutant::None, 3);
}

#[test]
fn mutant_io_no_priority_is_rejected() {
    let msg = rejection(|| priority_model(Mutant::IoNoPriority, 3));
    assert!(msg.contains("ahead of the priority waiter"), "{msg}");
}

#[test]
fn mutant_io_wrong_cond_is_rejected() {
    let msg = rejection(|| priority_model(Mutant::IoWrongCond, 3));
    assert!(msg.contains("deadlock"), "{msg}");
}

#[test]
fn gil_io_budget_bounds_priority() {
    budget_model(Mutant::None, 3);
}

#[test]
fn mutant_io_no_budget_is_rejected() {
    let msg = rejection(|| budget_model(Mutant::IoNoBudget, 3));
    assert!(msg.contains("budget spent"), "{msg}");
}

#[test]
fn mutant_io_spin_no_recheck_is_rejected() {
    let msg = rejection(|| priority_model(Mutant::IoSpinNoRecheck, 3));
    assert!(msg.contains("deadlock"), "{msg}");
}
