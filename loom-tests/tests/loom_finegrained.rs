//! loom models of the `finegrained` strategy's protocols — atomic reference
//! counting ([`finegrained::refcount`]) and the one-byte object mutex
//! ([`finegrained::objlock`]) — run on the real code through
//! [`FineGrained`]'s [`LockStrategy`] implementation and the `runtime::sync`
//! shim. The reference-count models run under [`PerObject`] as well: its
//! count operations are another instantiation of `refcount`'s (no
//! immortality check compiled in), and each refcount mutant is checked
//! against both. (The object lock is the same code in both modes.)
//!
//! ```text
//! RUSTFLAGS="--cfg loom" RUSTC_WRAPPER="$PWD/loom-tests/rustc-loom" \
//!     CARGO_TARGET_DIR=target/loom LOOM_MAX_PREEMPTIONS=2 \
//!     cargo test -p loom-tests --release --test loom_finegrained
//! ```
//!
//! Each model is also run against deliberately broken variants of the
//! protocol (the `MUTANT_*` switches in `refcount.rs` and `objlock.rs`, which
//! exist only under `cfg(loom)`) and must reject them, so that no model passes
//! vacuously. The reference-count models run on real objects
//! (`ObjRef<FineGrained>`, freed by the runtime's own free path), whose
//! headers carry a loom cell in the loom build (see `runtime::header`); the
//! object-lock models' payloads are `loom::cell::UnsafeCell`s. loom checks
//! every access to them against its happens-before relation, so a missing
//! edge is reported as a causality violation even when the interleaving
//! looks harmless.
//!
//! The switches are process-wide, so every test holds a [`Switches`] while it
//! runs (a mutant switched on by one test would break a model running beside
//! it) and resets every switch before and after.
#![cfg(loom)]

use finegrained::{objlock, refcount, FineGrained, PerObject};
use loom::cell::UnsafeCell;
use loom_tests::switches::Switches;
use loom_tests::{check, rejection};
use runtime::object::{Header, ObjCell, ObjRef, Payload, PyStr, Value};
use runtime::sync::{thread, AtomicBool, Ordering};
use runtime::LockStrategy;
use std::sync::atomic as std_atomic;
// `std`'s `Arc`, not loom's, to share a model's objects between its threads:
// a loom `Arc` that is dropped while a thread unwinds from a deadlock that
// loom found asks loom for a branch and panics again, which aborts the test
// process. Spawning and joining already order the threads' accesses.
use std::sync::Arc;

type S = FineGrained;

// ---------------------------------------------------------------------------
// Switches

/// Every mutant switch of the strategy.
static ALL_MUTANTS: [&std_atomic::AtomicBool; 8] = [
    &refcount::MUTANT_NO_ACQUIRE_FENCE,
    &refcount::MUTANT_RELAXED_DECREF,
    &refcount::MUTANT_NONATOMIC_INCREF,
    &objlock::MUTANT_RELAXED_LOCK,
    &objlock::MUTANT_RELAXED_UNLOCK,
    &objlock::MUTANT_UNLOCK_NO_WAKE,
    &objlock::MUTANT_RETRY_MARKS_LOCKED,
    &objlock::MUTANT_ARGUMENT_ORDER,
];

/// Every mutant switch of this binary's models (see [`Switches`]).
static MUTANTS: [&[&std_atomic::AtomicBool]; 1] = [&ALL_MUTANTS];

// ---------------------------------------------------------------------------
// 1. Reference counting

/// A real object: an empty list, `ObjRef<FineGrained>` (or
/// `ObjRef<PerObject>`). Cloning and dropping it are `ObjRef`'s own clone
/// and drop (the strategy's `incref` and `decref`), and the drop that takes
/// the count to zero frees it through the runtime's `free_object`, which
/// drops the list's items.
fn new_list<S: LockStrategy>() -> ObjRef<S> {
    ObjRef::new(Payload::List(ObjCell::new(Vec::new())))
}

/// A use of the object through a reference: `list.append` of a new str
/// object, under the list's lock. The str object is made by this thread and
/// freed with the list by whichever thread frees it, which must see it
/// (loom checks that its header's creation happens before the free's
/// accesses), and every access to the list's header (its lock byte, its
/// count) must happen before the free (see `runtime::header`).
fn append<S: LockStrategy>(list: &ObjRef<S>, what: &str) {
    let Payload::List(items) = list.payload() else {
        unreachable!("a list")
    };
    let item = Value::Obj(ObjRef::new(Payload::Str(PyStr::new(what))));
    // SAFETY: model threads stand for attached threads, `list` owns
    // `items`, and the closure only pushes.
    unsafe { items.with_unchecked::<S, _>(&list.header, |v| v.push(item)) };
}

/// Every object a model made is freed (exactly once: a second free is
/// reported by the loom build's header, see `runtime::header`).
fn assert_all_freed(before: usize) {
    assert_eq!(
        Header::loom_live(),
        before,
        "an object was not freed (a decref that should have returned true did not)"
    );
}

/// (1a) Two owners: the main thread makes an object, clones a reference for
/// a second thread (count 2), and each appends to it and drops its
/// reference. Exactly one decref frees, and the freeing thread — either
/// one, depending on the interleaving — sees the other's uses.
fn two_owners_model<S: LockStrategy>() {
    check(|| {
        let before = Header::loom_live();
        let a = new_list::<S>();
        let b = a.clone();
        let t = thread::spawn(move || {
            append(&b, "b");
            drop(b);
        });
        append(&a, "a");
        drop(a);
        t.join().unwrap();
        assert_all_freed(before);
    });
}

/// (1b) An incref racing a release: the second thread clones a third
/// reference from the one it holds while the main thread drops its own, then
/// drops the original and uses the clone. The count never reaches 0 before
/// the last of the three decrefs.
fn racing_incref_model<S: LockStrategy>() {
    check(|| {
        let before = Header::loom_live();
        let a = new_list::<S>();
        let b = a.clone();
        let t = thread::spawn(move || {
            let c = b.clone();
            drop(b);
            append(&c, "c");
            drop(c);
        });
        append(&a, "a");
        drop(a);
        t.join().unwrap();
        assert_all_freed(before);
    });
}

/// The reference-count tests, models and mutants, for one strategy: a
/// module of them per strategy whose counts are `refcount`'s
/// (`FineGrained`, and `PerObject` without the immortality check).
macro_rules! refcount_tests {
    ($($module:ident: $strategy:ty;)*) => {$(
        mod $module {
            use super::*;

            #[test]
            fn refcount_last_release_frees_and_sees_all_writes() {
                let _s = Switches::none(&MUTANTS);
                two_owners_model::<$strategy>();
            }

            #[test]
            fn refcount_incref_racing_a_release() {
                let _s = Switches::none(&MUTANTS);
                racing_incref_model::<$strategy>();
            }

            #[test]
            fn mutant_no_acquire_fence_is_rejected() {
                let _s = Switches::with(&MUTANTS, &refcount::MUTANT_NO_ACQUIRE_FENCE);
                let msg = rejection(two_owners_model::<$strategy>);
                assert!(msg.contains("Causality violation"), "{msg}");
            }

            #[test]
            fn mutant_relaxed_decref_is_rejected() {
                let _s = Switches::with(&MUTANTS, &refcount::MUTANT_RELAXED_DECREF);
                let msg = rejection(two_owners_model::<$strategy>);
                assert!(msg.contains("Causality violation"), "{msg}");
            }

            #[test]
            fn mutant_no_acquire_fence_with_racing_incref_is_rejected() {
                let _s = Switches::with(&MUTANTS, &refcount::MUTANT_NO_ACQUIRE_FENCE);
                let msg = rejection(racing_incref_model::<$strategy>);
                assert!(msg.contains("Causality violation"), "{msg}");
            }

            #[test]
            fn mutant_nonatomic_incref_is_rejected() {
                let _s = Switches::with(&MUTANTS, &refcount::MUTANT_NONATOMIC_INCREF);
                let msg = rejection(racing_incref_model::<$strategy>);
                // On hardware the store of the split increment can overwrite
                // the main thread's decrement, so the count stays above 0
                // and nobody frees (a leak). loom finds an early free first:
                // it does not order a plain store against a concurrent
                // read-modify-write, so a later decrement may read past the
                // store, and the clone's holder then uses a freed object (or
                // frees it a second time). Any of these is a rejection.
                assert!(
                    [
                        "not freed",
                        "access to a freed object",
                        "freed twice",
                        "Causality violation"
                    ]
                    .iter()
                    .any(|m| msg.contains(m)),
                    "{msg}"
                );
            }
        }
    )*};
}

refcount_tests! {
    under_finegrained: FineGrained;
    under_perobject: PerObject;
}

// ---------------------------------------------------------------------------
// 2. Object locks (two-object locking: `loom_lock_two.rs`)

/// An object whose payload is only touched under its lock.
struct Guarded {
    header: Header,
    value: UnsafeCell<u64>,
    /// Set while a thread is inside the critical section (`Relaxed`, so it
    /// adds no happens-before edge of its own).
    inside: AtomicBool,
}

// SAFETY: as for `ObjCell`: the payload is only touched between
// `lock_object` and `unlock_object` (or after every other thread
// has been joined), and loom checks each access.
unsafe impl Sync for Guarded {}

impl Guarded {
    fn new() -> Self {
        Self {
            header: Header::new(0),
            value: UnsafeCell::new(0),
            inside: AtomicBool::new(false),
        }
    }

    /// The critical section: checks that nobody else is inside and
    /// increments the payload with a non-atomic load and store. The swap on
    /// `inside` is also a point where loom can switch threads inside the
    /// critical section.
    fn bump(&self) {
        assert!(
            !self.inside.swap(true, Ordering::Relaxed),
            "two threads hold the object lock"
        );
        // SAFETY: the caller holds the object's lock; loom checks it.
        let v = self.value.with(|p| unsafe { *p });
        // SAFETY: as above.
        self.value.with_mut(|p| unsafe { *p = v + 1 });
        self.inside.store(false, Ordering::Relaxed);
    }

    /// The payload once every thread has been joined.
    fn value(&self) -> u64 {
        // SAFETY: the model has joined every other thread.
        self.value.with(|p| unsafe { *p })
    }

    fn assert_unlocked(&self) {
        assert_eq!(
            // SAFETY: only read, after every other thread was joined.
            unsafe { self.header.lock_byte() }.load(Ordering::Relaxed),
            0,
            "the lock byte is not UNLOCKED at the end"
        );
    }
}

/// (2) `threads` threads each lock the object, bump its payload and unlock,
/// `rounds` times: never two inside, no lost update, all finish (a lost
/// wake-up leaves a thread parked for ever, which loom reports as a
/// deadlock), and the byte ends `UNLOCKED`. With two rounds a thread comes
/// back for the lock while the other waits or has just been woken.
fn exclusion_model(threads: u64, rounds: u64) {
    check(move || {
        let obj = Arc::new(Guarded::new());
        let critical = move |obj: &Guarded| {
            for _ in 0..rounds {
                // SAFETY: the model's threads stand for attached threads;
                // each holds no other lock, and unlocks what it locked.
                unsafe { S::lock_object(&obj.header) };
                obj.bump();
                // SAFETY: as above.
                unsafe { S::unlock_object(&obj.header) };
            }
        };
        let others: Vec<_> = (1..threads)
            .map(|_| {
                let obj = obj.clone();
                thread::spawn(move || critical(&obj))
            })
            .collect();
        critical(&obj);
        for other in others {
            other.join().unwrap();
        }
        assert_eq!(obj.value(), threads * rounds);
        obj.assert_unlocked();
    });
}

/// Production spin limit, two threads: the waiter spins (each spin is a
/// yield under loom, so the holder always gets to unlock first) and takes
/// the lock `LOCKED`.
#[test]
fn objlock_exclusion_spinning() {
    let _s = Switches::set(&MUTANTS, &[]);
    exclusion_model(2, 2);
}

/// Production spin limit, three threads: two waiters spin against each
/// other and may run out of spins and park.
#[test]
fn objlock_exclusion_three_threads_spinning() {
    let _s = Switches::set(&MUTANTS, &[]);
    exclusion_model(3, 1);
}

/// No spinning: every contended lock marks the byte `PARKED`, parks, and is
/// woken by the unlock.
#[test]
fn objlock_exclusion_parking() {
    let _s = Switches::with_spin_limit(&MUTANTS, 0, &[]);
    exclusion_model(2, 2);
}

/// No spinning, three threads: two threads parked at once, one woken per
/// unlock, the woken thread re-marks the byte `PARKED` for the other.
#[test]
fn objlock_exclusion_three_threads_parking() {
    let _s = Switches::with_spin_limit(&MUTANTS, 0, &[]);
    exclusion_model(3, 2);
}

/// One spin, three threads: a spinner can take the lock `LOCKED` while
/// another thread is parked or has just been woken.
#[test]
fn objlock_exclusion_three_threads_spinning_and_parking() {
    let _s = Switches::with_spin_limit(&MUTANTS, 1, &[]);
    exclusion_model(3, 2);
}

#[test]
fn mutant_relaxed_lock_is_rejected() {
    let _s = Switches::set(&MUTANTS, &[&objlock::MUTANT_RELAXED_LOCK]);
    let msg = rejection(|| exclusion_model(2, 2));
    assert!(msg.contains("Causality violation"), "{msg}");
}

#[test]
fn mutant_relaxed_unlock_is_rejected() {
    let _s = Switches::set(&MUTANTS, &[&objlock::MUTANT_RELAXED_UNLOCK]);
    let msg = rejection(|| exclusion_model(2, 2));
    assert!(msg.contains("Causality violation"), "{msg}");
}

#[test]
fn mutant_unlock_no_wake_is_rejected() {
    let _s = Switches::with_spin_limit(&MUTANTS, 0, &[&objlock::MUTANT_UNLOCK_NO_WAKE]);
    let msg = rejection(|| exclusion_model(2, 2));
    assert!(msg.contains("deadlock"), "{msg}");
}

#[test]
fn mutant_retry_marks_locked_is_rejected() {
    let _s = Switches::with_spin_limit(&MUTANTS, 0, &[&objlock::MUTANT_RETRY_MARKS_LOCKED]);
    let msg = rejection(|| exclusion_model(3, 2));
    assert!(msg.contains("deadlock"), "{msg}");
}
