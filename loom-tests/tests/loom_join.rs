//! loom models of `Thread.join` ([`runtime::thread_exit`]): the exit event
//! that a finishing thread sets and joiners wait for, run on the real code
//! — [`ThreadExit::finish`] as `run_thread` calls it last, and
//! [`ThreadExit::join`] as `Thread.join` and the runtime's exit call it,
//! detaching through `runtime::detach::blocking` — through the
//! `runtime::sync` shim:
//!
//! ```text
//! RUSTFLAGS="--cfg loom" RUSTC_WRAPPER="$PWD/loom-tests/rustc-loom" \
//!     CARGO_TARGET_DIR=target/loom LOOM_MAX_PREEMPTIONS=2 \
//!     cargo test -p loom-tests --release --test loom_join
//! ```
//!
//! The thread's "Python writes" go to a `loom::cell::UnsafeCell`, so a
//! joiner that returns without a happens-before edge from the thread's
//! writes is reported as a causality violation even when the value it reads
//! looks right. Under `finegrained` the exit event is the only thing that
//! orders the two threads (no GIL passes between them), which is where the
//! models check visibility; under `gil` they check that a joiner detaches
//! while it waits (the exiting thread needs the GIL to finish).
//!
//! Each model is also run against deliberately broken variants (the
//! `MUTANT_*` switches of `runtime::thread_exit::loom_switches` and
//! `runtime::detach::loom_switches`) and must reject them. The switches are
//! process-wide, so every test holds a [`Switches`] while it runs and resets
//! every switch before and after.
#![cfg(loom)]

use finegrained::FineGrained;
use gil::Gil;
use loom::cell::UnsafeCell;
use loom_tests::switches::Switches;
use loom_tests::{check, rejection};
use runtime::sync::{self, thread};
use runtime::thread_exit::{loom_switches, ThreadExit};
use runtime::{detach, LockStrategy, StrategyConfig, ThreadIdent};
use std::sync::atomic as std_atomic;
// `std`'s `Arc`, not loom's: a loom `Arc` dropped while a thread unwinds
// from a deadlock that loom found asks loom for a branch and panics again,
// which aborts the test process. Spawning and joining order the accesses.
use std::sync::Arc;
use std::time::Duration;

/// How many times each thread's timed waits may time out (see
/// `runtime::sync::set_timeout_budget`): keeps the models under `gil`
/// finite and turns a thread that can never get the GIL into a deadlock.
const TIMEOUTS: usize = 2;

/// The exiting thread's identity; joiners are 2, 3, ...
const EXITING: ThreadIdent = 1;

/// What the exiting thread writes.
const WRITTEN: u64 = 42;

// ---------------------------------------------------------------------------
// Switches

/// Every mutant switch of this binary's models (see [`Switches`]).
static MUTANTS: [&[&std_atomic::AtomicBool]; 2] =
    [&loom_switches::ALL, &detach::loom_switches::ALL];

// ---------------------------------------------------------------------------
// The model

/// The exited thread's state as a joiner sees it.
struct Exiting {
    exit: ThreadExit,
    /// What the thread's Python code writes to shared objects.
    written: UnsafeCell<u64>,
}

// SAFETY: `written` is written by the exiting thread before it finishes and
// read by joiners after `join` reported the exit; loom checks every access
// against its happens-before relation and reports a causality violation if
// the exit event does not order them.
unsafe impl Sync for Exiting {}

/// A thread runs Python code that writes to a shared object, detaches and
/// signals its exit last, as `run_thread` does; `joiners` threads join it
/// (`Thread.join`, `timeout` as given) and, when the join reports that it
/// finished, read what it wrote. Properties: no joiner misses the exit (it
/// would wait for ever: a deadlock that loom reports), every joiner that
/// saw the exit sees the thread's writes, an untimed join always sees it.
fn join_model<S: LockStrategy>(joiners: u64, timeout: Option<Duration>) {
    check(move || {
        sync::set_timeout_budget(TIMEOUTS);
        let shared = Arc::new(S::new_shared(&StrategyConfig::default()));
        let state = Arc::new(Exiting {
            exit: ThreadExit::new(),
            written: UnsafeCell::new(0),
        });
        let waiting: Vec<_> = (2..2 + joiners)
            .map(|me| {
                let (shared, state) = (shared.clone(), state.clone());
                thread::spawn(move || {
                    sync::set_timeout_budget(TIMEOUTS);
                    S::attach(&shared, me);
                    let finished = state.exit.join::<S>(&shared, me, timeout);
                    assert!(finished || timeout.is_some(), "join returned early");
                    if finished {
                        let seen = state.written.with(|p| unsafe { *p });
                        assert_eq!(seen, WRITTEN, "the joiner missed the thread's write");
                    }
                    S::detach(&shared, me);
                })
            })
            .collect();
        // The exiting thread (run on the model's main thread: spawning is
        // not what is checked here).
        S::attach(&shared, EXITING);
        state.written.with_mut(|p| unsafe { *p = WRITTEN });
        S::detach(&shared, EXITING);
        state.exit.finish();
        for joiner in waiting {
            joiner.join().unwrap();
        }
        assert!(state.exit.is_finished());
    });
}

#[test]
fn join_sees_the_exit_and_the_threads_writes() {
    let _s = Switches::none(&MUTANTS);
    join_model::<FineGrained>(1, None);
}

#[test]
fn timed_join_that_sees_the_exit_sees_the_writes() {
    let _s = Switches::none(&MUTANTS);
    join_model::<FineGrained>(1, Some(Duration::from_millis(1)));
}

#[test]
fn two_joiners_both_see_the_exit() {
    let _s = Switches::none(&MUTANTS);
    join_model::<FineGrained>(2, None);
}

#[test]
fn join_under_the_gil_detaches_while_it_waits() {
    let _s = Switches::none(&MUTANTS);
    join_model::<Gil>(1, None);
}

#[test]
fn mutant_relaxed_exit_is_rejected() {
    let _s = Switches::with(&MUTANTS, &loom_switches::MUTANT_RELAXED_EXIT);
    let msg = rejection(|| join_model::<FineGrained>(1, None));
    assert!(msg.contains("Causality violation"), "{msg}");
}

#[test]
fn mutant_exit_without_lock_is_rejected() {
    let _s = Switches::with(&MUTANTS, &loom_switches::MUTANT_EXIT_WITHOUT_LOCK);
    let msg = rejection(|| join_model::<FineGrained>(1, None));
    assert!(msg.contains("deadlock"), "{msg}");
}

#[test]
fn mutant_exit_notify_one_is_rejected() {
    let _s = Switches::with(&MUTANTS, &loom_switches::MUTANT_EXIT_NOTIFY_ONE);
    let msg = rejection(|| join_model::<FineGrained>(2, None));
    assert!(msg.contains("deadlock"), "{msg}");
}

#[test]
fn mutant_join_stays_attached_is_rejected() {
    let _s = Switches::with(
        &MUTANTS,
        &detach::loom_switches::MUTANT_BLOCKING_STAYS_ATTACHED,
    );
    let msg = rejection(|| join_model::<Gil>(1, None));
    assert!(msg.contains("deadlock"), "{msg}");
}
