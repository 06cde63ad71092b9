//! loom models of two-object locking as the runtime does it: the
//! containers' two-object methods (`a.extend(b)`, `a |= b`, `a == b`,
//! `dict.update`) go through `runtime::atomic::with_two`, which is
//! [`ObjCell::with_two`]; the models call that function on real `ObjCell`s
//! and `Header`s with the `finegrained` strategy, so they run its same-object
//! check, `FineGrained::lock_two` (`objlock::lock_two`, address order), the
//! one-byte locks and the unlocks of its guard.
//!
//! ```text
//! RUSTFLAGS="--cfg loom" RUSTC_WRAPPER="$PWD/loom-tests/rustc-loom" \
//!     CARGO_TARGET_DIR=target/loom LOOM_MAX_PREEMPTIONS=2 \
//!     cargo test -p loom-tests --release --test loom_lock_two
//! ```
//!
//! Each cell's contents are a `loom::cell::UnsafeCell`, so an access that
//! the locks do not order is a causality violation, and every increment is
//! a non-atomic load and store, so a lost update shows in the final values.
//! The mutant switches are process-wide: every test holds a [`Switches`] and
//! resets them before and after.
#![cfg(loom)]

use finegrained::{objlock, FineGrained};
use loom::cell::UnsafeCell;
use loom_tests::switches::Switches;
use loom_tests::{check, rejection};
use runtime::object::{loom_switches, Header, ObjCell};
use runtime::sync::{thread, AtomicBool, Ordering};
use std::sync::atomic as std_atomic;
// `std`'s `Arc`: a loom `Arc` dropped while a thread unwinds from a
// deadlock loom found panics again and aborts the test process.
use std::sync::Arc;

type S = FineGrained;

/// Every mutant switch these models use.
static ALL_MUTANTS: [&std_atomic::AtomicBool; 2] = [
    &objlock::MUTANT_ARGUMENT_ORDER,
    &loom_switches::MUTANT_LOCK_SAME_TWICE,
];

/// Every mutant switch of this binary's models (see [`Switches`]).
static MUTANTS: [&[&std_atomic::AtomicBool]; 1] = [&ALL_MUTANTS];

/// An object as the runtime lays out a container: a header with the lock
/// byte, and its contents in an `ObjCell`.
struct Obj {
    header: Header,
    cell: ObjCell<Contents>,
}

/// A container's contents: a count only touched under the object's lock.
struct Contents {
    value: UnsafeCell<u64>,
    /// Set while a thread is inside a critical section on this object
    /// (`Relaxed`: it adds no happens-before edge of its own).
    inside: AtomicBool,
}

impl Obj {
    fn new() -> Self {
        Self {
            header: Header::new(0),
            cell: ObjCell::new(Contents {
                value: UnsafeCell::new(0),
                inside: AtomicBool::new(false),
            }),
        }
    }

    /// `f` on this object's and `other`'s contents, locked together as
    /// `runtime::atomic::with_two` locks them.
    fn with_two(&self, other: &Obj, f: impl FnOnce(&mut Contents, Option<&mut Contents>)) {
        // SAFETY: model threads stand for attached threads (no GIL under
        // `finegrained`), each header owns its cell, and `f` only touches
        // the two contents.
        unsafe {
            self.cell
                .with_two_unchecked::<S, _, _>(&self.header, &other.cell, &other.header, f)
        };
    }

    /// `f` on this object's contents under its lock alone.
    fn with(&self, f: impl FnOnce(&mut Contents)) {
        // SAFETY: as in `with_two`, for one object.
        unsafe { self.cell.with_unchecked::<S, _>(&self.header, f) };
    }

    /// The count once every other thread has been joined.
    fn value(&self) -> u64 {
        // SAFETY: as in `with`; the closure only reads the count.
        unsafe {
            self.cell.with_unchecked::<S, _>(&self.header, |c| {
                // SAFETY: the model has joined every other thread.
                c.value.with(|p| *p)
            })
        }
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

impl Contents {
    /// Enters, increments the count with a non-atomic load and store, and
    /// leaves; the swap on `inside` is a point where loom may switch threads
    /// inside the critical section.
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
}

/// `a.extend(b)` in one thread and `b.extend(a)` in another (opposite
/// argument orders); with `single_locker`, a third thread runs a one-object
/// method on `b` (`b.append(x)`). Each two-object section bumps both
/// counts. No deadlock, exclusion on both objects, no lost update, both
/// bytes end unlocked.
///
/// The objects are two elements of one array, `a` first, so their address
/// order is the same in every execution (loom replays an execution's prefix
/// to explore the next; two allocations may come out in either order).
fn opposite_orders_model(single_locker: bool) {
    check(move || {
        let pair = Arc::new([Obj::new(), Obj::new()]);
        let both = |x: &Obj, y: &Obj| {
            x.with_two(y, |x, y| {
                let y = y.expect("distinct objects");
                x.bump();
                y.bump();
            })
        };
        let t = {
            let pair = pair.clone();
            thread::spawn(move || both(&pair[0], &pair[1]))
        };
        let u = single_locker.then(|| {
            let pair = pair.clone();
            thread::spawn(move || pair[1].with(|b| b.bump()))
        });
        both(&pair[1], &pair[0]);
        t.join().unwrap();
        if let Some(u) = u {
            u.join().unwrap();
        }
        let [a, b] = &*pair;
        assert_eq!((a.value(), b.value()), (2, 2 + u64::from(single_locker)));
        a.assert_unlocked();
        b.assert_unlocked();
    });
}

/// `a.extend(a)` (the same object on both sides) in one thread while
/// another runs `a.extend(b)`: the same object is locked once (the one-byte
/// lock is not reentrant) and `f` gets None for the second cell; its
/// section bumps `a` once. No deadlock, exclusion, `a` ends at 2, `b` at 1.
fn same_object_model() {
    check(|| {
        let pair = Arc::new([Obj::new(), Obj::new()]);
        let t = {
            let pair = pair.clone();
            thread::spawn(move || {
                let a = &pair[0];
                a.with_two(a, |x, y| {
                    assert!(y.is_none(), "the same object was passed twice");
                    x.bump();
                })
            })
        };
        pair[0].with_two(&pair[1], |x, y| {
            x.bump();
            y.expect("distinct objects").bump();
        });
        t.join().unwrap();
        let [a, b] = &*pair;
        assert_eq!((a.value(), b.value()), (2, 1));
        a.assert_unlocked();
        b.assert_unlocked();
    });
}

/// Production spin limit: the waiter spins on the lower address.
#[test]
fn with_two_opposite_orders_spinning() {
    let _s = Switches::with_spin_limit(&MUTANTS, objlock::DEFAULT_SPIN_LIMIT, &[]);
    opposite_orders_model(false);
}

/// No spinning: parking on either lock.
#[test]
fn with_two_opposite_orders_parking() {
    let _s = Switches::with_spin_limit(&MUTANTS, 0, &[]);
    opposite_orders_model(false);
}

/// A third thread locking `b` alone at the same time.
#[test]
fn with_two_and_a_single_locker_spinning() {
    let _s = Switches::with_spin_limit(&MUTANTS, objlock::DEFAULT_SPIN_LIMIT, &[]);
    opposite_orders_model(true);
}

/// The same, mixing spinners and parked threads.
#[test]
fn with_two_and_a_single_locker_spinning_and_parking() {
    let _s = Switches::with_spin_limit(&MUTANTS, 1, &[]);
    opposite_orders_model(true);
}

#[test]
fn with_two_on_the_same_object_locks_it_once() {
    let _s = Switches::with_spin_limit(&MUTANTS, 0, &[]);
    same_object_model();
}

/// `objlock::MUTANT_ARGUMENT_ORDER`: `lock_two` locks in argument order.
/// Each thread takes its first lock, spins out on the other's and parks:
/// loom finds every thread blocked.
#[test]
fn mutant_argument_order_is_rejected() {
    let _s = Switches::with_spin_limit(
        &MUTANTS,
        objlock::DEFAULT_SPIN_LIMIT,
        &[&objlock::MUTANT_ARGUMENT_ORDER],
    );
    let msg = rejection(|| opposite_orders_model(false));
    assert!(msg.contains("deadlock"), "{msg}");
}

/// `MUTANT_LOCK_SAME_TWICE`: `with_two` on one object locks it twice and
/// waits for itself.
#[test]
fn mutant_lock_same_twice_is_rejected() {
    let _s = Switches::with_spin_limit(&MUTANTS, 0, &[&loom_switches::MUTANT_LOCK_SAME_TWICE]);
    let msg = rejection(same_object_model);
    assert!(msg.contains("deadlock"), "{msg}");
}
