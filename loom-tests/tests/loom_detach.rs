//! loom models of detaching around blocking calls and native calls
//! ([`runtime::detach`]), run on the real code — `detach::blocking`, which
//! `Vm::blocking` calls for `time.sleep`, `Lock.acquire`, `Thread.join` and
//! the queue; `detach::allow_threads`, which `Vm::allow_threads` calls for
//! native functions; `threading.Lock`'s [`LockObj::acquire`] — with the GIL
//! of [`gil::protocol`] underneath, through the `runtime::sync` shim:
//!
//! ```text
//! RUSTFLAGS="--cfg loom" RUSTC_WRAPPER="$PWD/loom-tests/rustc-loom" \
//!     CARGO_TARGET_DIR=target/loom LOOM_MAX_PREEMPTIONS=2 \
//!     cargo test -p loom-tests --release --test loom_detach
//! ```
//!
//! Each model is also run against deliberately broken variants (the
//! `MUTANT_*` switches of `runtime::detach::loom_switches`, and
//! [`gil::Mutant::FastReattach`]) and must reject them. The switches are
//! process-wide, so every test holds a [`Switches`] while it runs and resets
//! every switch before and after.
#![cfg(loom)]

use gil::{Gil, GilMode, GilRelease, GilState, Mutant};
use loom_tests::switches::Switches;
use loom_tests::{bytecode, check, rejection};
use runtime::detach::{self, loom_switches};
use runtime::modules::threading::LockObj;
use runtime::object::ObjRef;
use runtime::sync::{self, thread, Condvar, Mutex};
use runtime::types::embedded;
use runtime::{LockStrategy, ThreadIdent};
use std::sync::atomic as std_atomic;
// `std`'s `Arc`, not loom's: a loom `Arc` dropped while a thread unwinds
// from a deadlock that loom found asks loom for a branch and panics again,
// which aborts the test process. Spawning and joining order the accesses.
use std::sync::Arc;
use std::time::Duration;

/// loom has no clock: every timed wait "runs out", whatever its length.
const INTERVAL: Duration = Duration::from_millis(5);

/// How many times each thread's timed waits may time out (see
/// `runtime::sync::set_timeout_budget`). With a budget, a thread that can
/// never get the GIL is a deadlock that loom reports, where without one the
/// waiter would time out for ever and exceed loom's branch limit.
const TIMEOUTS: usize = 2;

const A: ThreadIdent = 1;
const B: ThreadIdent = 2;
const C: ThreadIdent = 3;

// ---------------------------------------------------------------------------
// Switches

/// Every mutant switch of this binary's models (see [`Switches`]).
static MUTANTS: [&[&std_atomic::AtomicBool]; 2] = [
    &loom_switches::ALL,
    &runtime::modules::threading::loom_switches::ALL,
];

// ---------------------------------------------------------------------------
// Shared pieces

/// The Python object a model's threads share: a list that each runs
/// bytecode on ([`bytecode::section`]). Its count changes are plain loads and
/// stores under the GIL, which loom checks against every other thread's: a
/// thread that runs bytecode without holding the GIL (or while another
/// thread also runs bytecode) is a causality violation.
struct Section {
    list: ObjRef<Gil>,
}

impl Section {
    fn new() -> Self {
        Self {
            list: bytecode::new_list(),
        }
    }

    /// Bytecode that a thread runs while attached.
    fn run(&self, gil: &GilState) {
        bytecode::section(gil, &self.list);
    }

    /// How many sections ran (after every thread finished).
    fn count(&self) -> usize {
        bytecode::len(&self.list)
    }
}

/// What loom reports for bytecode run without the GIL: a causality
/// violation on the shared list's count or, where nothing else ran
/// meanwhile, the detach of a thread that does not hold the GIL finding it
/// unlocked (`drop_gil`).
fn assert_unprotected(msg: &str) {
    assert!(
        ["Causality violation", "not locked"]
            .iter()
            .any(|m| msg.contains(m)),
        "{msg}"
    );
}

/// A safe point as the VM makes one.
fn safe_point<S: LockStrategy<Shared = GilState>>(shared: &GilState, me: ThreadIdent) {
    if S::eval_breaker(shared) {
        S::handle_eval_breaker(shared, me);
    }
}

// ---------------------------------------------------------------------------
// 2. Blocking calls: detach, wait, re-attach

/// Two threads run, under the `gil` mode,
///
/// ```python
/// with lock:          # Lock.acquire: blocking, detaches when contended
///     section()
///     # safe point
///     time.sleep(0)   # a blocking call while holding the lock
///     section()
/// # safe point
/// ```
///
/// `Lock.acquire` is [`LockObj::acquire`], which detaches through
/// `detach::blocking` when the lock is held and re-attaches after it got
/// it; `time.sleep` is `detach::blocking` around a yield. Properties: a
/// thread that re-attaches holds the GIL and nobody else does (every
/// `section` changes the shared list's count, which loom checks against the
/// other thread's changes), the waiting thread does not keep the GIL (the holder
/// of the `Lock` needs the GIL to release it: a deadlock otherwise), no
/// update is lost, both finish, the GIL ends unlocked.
fn blocking_model(mutant: Mutant) {
    check(move || {
        sync::set_timeout_budget(TIMEOUTS);
        let gil = Arc::new(GilState::with_mutant(INTERVAL, mutant));
        let lock = Arc::new(LockObj::new());
        let section = Arc::new(Section::new());
        let work = {
            let (gil, lock, section) = (gil.clone(), lock.clone(), section.clone());
            move |me: ThreadIdent| {
                Gil::attach(&gil, me);
                assert!(lock.acquire::<Gil>(&gil, me, true, None));
                section.run(&gil);
                safe_point::<Gil>(&gil, me);
                detach::blocking::<Gil, _>(&gil, me, thread::yield_now);
                section.run(&gil);
                assert!(lock.release());
                safe_point::<Gil>(&gil, me);
                Gil::detach(&gil, me);
            }
        };
        let b = {
            let work = work.clone();
            thread::spawn(move || {
                sync::set_timeout_budget(TIMEOUTS);
                work(B)
            })
        };
        work(A);
        b.join().unwrap();
        assert_eq!(section.count(), 4);
        assert!(!gil.is_locked(), "the GIL is still locked at the end");
        assert!(!lock.is_locked());
    });
}

#[test]
fn blocking_call_detaches_and_reattaches() {
    let _s = Switches::none(&MUTANTS);
    blocking_model(Mutant::None);
}

#[test]
fn mutant_blocking_stays_attached_is_rejected() {
    let _s = Switches::with(&MUTANTS, &loom_switches::MUTANT_BLOCKING_STAYS_ATTACHED);
    let msg = rejection(|| blocking_model(Mutant::None));
    assert!(msg.contains("deadlock"), "{msg}");
}

#[test]
fn mutant_blocking_no_reattach_is_rejected() {
    let _s = Switches::with(&MUTANTS, &loom_switches::MUTANT_BLOCKING_NO_REATTACH);
    let msg = rejection(|| blocking_model(Mutant::None));
    assert_unprotected(&msg);
}

#[test]
fn mutant_lock_uncounted_waiter_is_rejected() {
    let _s = Switches::with(
        &MUTANTS,
        &runtime::modules::threading::loom_switches::MUTANT_LOCK_UNCOUNTED_WAITER,
    );
    let msg = rejection(|| blocking_model(Mutant::None));
    // The release saw no waiter to wake: the waiter sleeps for ever.
    assert!(msg.contains("deadlock"), "{msg}");
}

#[test]
fn mutant_fast_reattach_is_rejected() {
    let _s = Switches::none(&MUTANTS);
    let msg = rejection(|| blocking_model(Mutant::FastReattach));
    // Two holders: two threads change the list's count unordered.
    assert_unprotected(&msg);
}

// ---------------------------------------------------------------------------
// 3. Native calls: `gil` holds the GIL, `gil-release` releases it

/// Thread A calls a native function that declares it releases the GIL
/// (`releases_gil`) and that returns only once thread B has run bytecode;
/// B attaches, runs a section, says so, reaches a safe point, runs another
/// section (which A's next section must be ordered with: A must have
/// re-attached), and detaches. Under `gil-release`
/// ([`GilRelease`]) the native call detaches, B runs while it is in
/// progress, and A re-attaches before it runs bytecode again. Under `gil`
/// ([`Gil`]) the native call keeps the GIL, so B cannot run until it
/// returns, and it never returns: the model deadlocks, which is the
/// difference between the two modes.
fn native_call_model<const RELEASE: bool>(releases_gil: bool) {
    check(move || {
        sync::set_timeout_budget(TIMEOUTS);
        let gil = Arc::new(GilState::new(INTERVAL));
        let section = Arc::new(Section::new());
        // Set by B after it ran bytecode; what the native function waits for.
        let progress = Arc::new((Mutex::new(false), Condvar::new()));
        let b = {
            let (gil, section, progress) = (gil.clone(), section.clone(), progress.clone());
            thread::spawn(move || {
                sync::set_timeout_budget(TIMEOUTS);
                GilMode::<RELEASE>::attach(&gil, B);
                section.run(&gil);
                *sync::lock(&progress.0) = true;
                progress.1.notify_one();
                safe_point::<GilMode<RELEASE>>(&gil, B);
                section.run(&gil);
                GilMode::<RELEASE>::detach(&gil, B);
            })
        };
        GilMode::<RELEASE>::attach(&gil, A);
        section.run(&gil);
        let b_ran = detach::allow_threads::<GilMode<RELEASE>, _>(&gil, A, releases_gil, || {
            let (done, cond) = &*progress;
            let mut done = sync::lock(done);
            while !*done {
                done = cond.wait(done);
            }
            true
        });
        assert!(b_ran);
        section.run(&gil);
        safe_point::<GilMode<RELEASE>>(&gil, A);
        GilMode::<RELEASE>::detach(&gil, A);
        b.join().unwrap();
        assert_eq!(section.count(), 4);
        assert!(!gil.is_locked(), "the GIL is still locked at the end");
    });
}

#[test]
fn gil_release_native_call_lets_other_threads_run() {
    let _s = Switches::none(&MUTANTS);
    native_call_model::<true>(true);
}

#[test]
fn gil_native_call_holds_the_gil() {
    let _s = Switches::none(&MUTANTS);
    let msg = rejection(|| native_call_model::<false>(true));
    assert!(msg.contains("deadlock"), "{msg}");
}

#[test]
fn gil_release_undeclared_native_call_holds_the_gil() {
    let _s = Switches::none(&MUTANTS);
    let msg = rejection(|| native_call_model::<true>(false));
    assert!(msg.contains("deadlock"), "{msg}");
}

#[test]
fn mutant_native_stays_attached_is_rejected() {
    let _s = Switches::with(&MUTANTS, &loom_switches::MUTANT_NATIVE_STAYS_ATTACHED);
    let msg = rejection(|| native_call_model::<true>(true));
    assert!(msg.contains("deadlock"), "{msg}");
}

#[test]
fn mutant_native_no_reattach_is_rejected() {
    let _s = Switches::with(&MUTANTS, &loom_switches::MUTANT_BLOCKING_NO_REATTACH);
    let msg = rejection(|| native_call_model::<true>(true));
    assert_unprotected(&msg);
}

// ---------------------------------------------------------------------------
// 4. Dropping a value: only while attached

/// Thread A holds a reference of its own to a list (`ObjRef<Gil>`, a clone)
/// and makes a blocking call (`detach::blocking`); thread B attaches and
/// runs bytecode on the same list twice, with a safe point in between, so
/// the list's count changes under the GIL. A drops its reference after the
/// blocking call returned, attached again, as every caller of
/// `Vm::blocking` must; with `drop_detached` it drops it inside the call,
/// while detached (the bug of `queue.Queue.put` with a time-out, which
/// dropped the item it could not put inside its blocking wait). Under the
/// GIL a drop is a plain load and store of the count, so the detached drop
/// races with B's count changes and loom reports a causality violation.
fn drop_model(drop_detached: bool) {
    check(move || {
        sync::set_timeout_budget(TIMEOUTS);
        let gil = Arc::new(GilState::new(INTERVAL));
        let section = Arc::new(Section::new());
        let b = {
            let (gil, section) = (gil.clone(), section.clone());
            thread::spawn(move || {
                sync::set_timeout_budget(TIMEOUTS);
                Gil::attach(&gil, B);
                section.run(&gil);
                safe_point::<Gil>(&gil, B);
                section.run(&gil);
                Gil::detach(&gil, B);
            })
        };
        Gil::attach(&gil, A);
        let value = section.list.clone();
        if drop_detached {
            detach::blocking::<Gil, _>(&gil, A, move || {
                thread::yield_now();
                drop(value);
            });
        } else {
            detach::blocking::<Gil, _>(&gil, A, thread::yield_now);
            drop(value);
        }
        safe_point::<Gil>(&gil, A);
        Gil::detach(&gil, A);
        b.join().unwrap();
        assert_eq!(section.count(), 2);
        assert_eq!(bytecode::refcount(&section.list), 1);
        assert!(!gil.is_locked(), "the GIL is still locked at the end");
    });
}

#[test]
fn drop_while_attached() {
    let _s = Switches::none(&MUTANTS);
    drop_model(false);
}

/// Not a switch in the runtime: the model's own broken variant.
#[test]
fn mutant_drop_while_detached_is_rejected() {
    let _s = Switches::none(&MUTANTS);
    let msg = rejection(|| drop_model(true));
    assert!(msg.contains("Causality violation"), "{msg}");
}

/// The models' `Gil`/`GilRelease` are the production types.
#[test]
fn modes_are_the_production_ones() {
    assert_eq!(Gil::NAME, "gil");
    assert_eq!(GilRelease::NAME, "gil-release");
    const { assert!(!Gil::RELEASES_FOR_NATIVE && GilRelease::RELEASES_FOR_NATIVE) };
}

// ---------------------------------------------------------------------------
// 5. Methods of embedded classes: an object's mutex beside the GIL

/// Three threads call methods of one object of an embedded class
/// (`runtime::embed::NativeClass`) under `gil-release`, through
/// [`embedded::with_locked`], the code the methods run: A's and C's methods
/// release the GIL (they lock the object's mutex once detached), B's holds
/// it (it tries the mutex, and waits for it detached). Each adds one to the
/// state. Properties: nobody deadlocks, no update is lost, the GIL ends
/// unlocked. In the mutant a releasing method locks the mutex before it
/// detaches: it then waits for the mutex holding the GIL, while B, which
/// got the mutex after waiting detached, waits for the GIL.
fn embedded_model() {
    check(|| {
        sync::set_timeout_budget(TIMEOUTS);
        let gil = Arc::new(GilState::new(INTERVAL));
        let state = Arc::new(Mutex::new(0_u32));
        let call = {
            let (gil, state) = (gil.clone(), state.clone());
            move |me: ThreadIdent, release: bool| {
                sync::set_timeout_budget(TIMEOUTS);
                GilRelease::attach(&gil, me);
                embedded::with_locked::<GilRelease, _, _>(&gil, me, release, &state, |n| *n += 1);
                safe_point::<GilRelease>(&gil, me);
                GilRelease::detach(&gil, me);
            }
        };
        let b = {
            let call = call.clone();
            thread::spawn(move || call(B, false))
        };
        let c = {
            let call = call.clone();
            thread::spawn(move || call(C, true))
        };
        call(A, true);
        b.join().unwrap();
        c.join().unwrap();
        assert_eq!(*sync::lock(&state), 3);
        assert!(!gil.is_locked(), "the GIL is still locked at the end");
    });
}

#[test]
fn embedded_methods_take_the_mutex_detached() {
    let _s = Switches::none(&MUTANTS);
    embedded_model();
}

#[test]
fn mutant_embedded_locks_before_detach_is_rejected() {
    let _s = Switches::with(
        &MUTANTS,
        &loom_switches::MUTANT_EMBEDDED_LOCKS_BEFORE_DETACH,
    );
    let msg = rejection(embedded_model);
    assert!(msg.contains("deadlock"), "{msg}");
}
