//! loom models of the weak reference protocol ([`runtime::weakref`]), run on
//! real objects (`ObjRef<FineGrained>`): weak references made by
//! `weakref.ref`'s own code (`weakref::new_weakref`), upgraded by
//! `weakref::upgrade`, and freed — referent and weak reference — through
//! `ObjRef`'s drop and the runtime's `free_object` (which clears a dying
//! referent's weak references and unlinks a dying weak reference), with the
//! `finegrained` strategy's counts:
//!
//! ```text
//! RUSTFLAGS="--cfg loom" RUSTC_WRAPPER="$PWD/loom-tests/rustc-loom" \
//!     CARGO_TARGET_DIR=target/loom LOOM_MAX_PREEMPTIONS=2 \
//!     cargo test -p loom-tests --release --test loom_weakref
//! ```
//!
//! In the loom build every object's header has a cell (a
//! `loom::cell::UnsafeCell<bool>`, see `runtime::header`) that stands for
//! its memory: every access to the header reads it, and freeing the object
//! writes it. loom reports a causality violation when a read is not ordered
//! before the free — a use after free in the real runtime, even in an
//! interleaving where nothing visibly goes wrong — and the header reports a
//! read after the free. (Freed memory stays untouched until the execution
//! ends: see `loom_tests::quarantine`.) Each model also runs against deliberately broken variants (the
//! `MUTANT_*` switches in `runtime::weakref` and `finegrained::refcount`,
//! which exist only under `cfg(loom)`) and must reject them.
#![cfg(loom)]

use finegrained::{refcount, FineGrained, PerObject};
use loom_tests::switches::Switches;
use loom_tests::{check, rejection};
use runtime::modules::threading::LockObj;
use runtime::object::{Header, ObjRef, Payload, Value};
use runtime::sync::thread;
use runtime::weakref::{self, WeakRefObj};
use runtime::LockStrategy;
use std::sync::atomic as std_atomic;

type S = FineGrained;

static ALL_MUTANTS: [&std_atomic::AtomicBool; 3] = [
    &refcount::MUTANT_UPGRADE_FROM_ZERO,
    &weakref::MUTANT_UPGRADE_UNLOCKED,
    &weakref::MUTANT_VISIT_UNLOCKED,
];

/// Every mutant switch of this binary's models (see [`Switches`]).
static MUTANTS: [&[&std_atomic::AtomicBool]; 1] = [&ALL_MUTANTS];

/// A real referent: a `threading.Lock` object (weak references to locks are
/// allowed, and its payload is not a container, so no collector list is
/// involved).
fn new_referent<S: LockStrategy>() -> ObjRef<S> {
    ObjRef::new(Payload::Lock(LockObj::new()))
}

/// A weak reference to `r` with a callback, made by the runtime's
/// `weakref.ref` (`new_weakref`). The callback is never called: no VM runs
/// on the model's threads, so the finalizer queue refuses it and the free
/// path drops the strong reference it took to the weak reference for it at
/// once. (Any value is accepted as a callback, as in CPython.)
fn weakref_with_callback<S: LockStrategy>(r: &ObjRef<S>) -> ObjRef<S> {
    weakref::new_weakref(r, Some(Value::Int(0)))
}

fn slot<S: LockStrategy>(w: &ObjRef<S>) -> &WeakRefObj<S> {
    let Payload::WeakRef(wr) = w.payload() else {
        unreachable!("a weak reference")
    };
    wr
}

/// Every object a model made is freed (exactly once: a second free, like
/// any use after the free, is reported by the loom build's header).
fn assert_all_freed(before: usize) {
    assert_eq!(Header::loom_live(), before, "an object was not freed");
}

/// (1) The owner drops the last strong reference while another thread
/// upgrades a weak reference: the upgrade gets a live object (and then
/// holds it, so the owner's release does not free it) or None, and never
/// touches the referent's header after the free. Run under `finegrained`
/// and under `perobject`, whose `try_incref` has no immortality check.
fn upgrade_races_release_model<S: LockStrategy>() {
    check(|| {
        let before = Header::loom_live();
        let r = new_referent::<S>();
        let w = weakref_with_callback(&r);
        let w2 = w.clone();
        let upgrader = thread::spawn(move || {
            if let Some(got) = weakref::upgrade(slot(&w2)) {
                // A use through the strong reference.
                let Payload::Lock(lock) = got.payload() else {
                    unreachable!("the referent")
                };
                assert!(!lock.is_locked());
                // Dropping it may free the referent here.
                drop(got);
            }
            drop(w2);
        });
        // Dropping the last strong reference frees the referent here
        // unless the upgrader holds one.
        drop(r);
        upgrader.join().unwrap();
        assert!(
            weakref::upgrade(slot(&w)).is_none(),
            "the referent was cleared"
        );
        // The weak reference's own last reference (the model's).
        assert_eq!(w.header.refcount(), 1);
        drop(w);
        assert_all_freed(before);
    });
}

#[test]
fn upgrade_races_release() {
    let _s = Switches::set(&MUTANTS, &[]);
    upgrade_races_release_model::<S>();
}

#[test]
fn perobject_upgrade_races_release() {
    let _s = Switches::set(&MUTANTS, &[]);
    upgrade_races_release_model::<PerObject>();
}

/// What loom reports for an upgrade that reaches a dying or freed referent.
fn assert_use_after_free(msg: &str) {
    assert!(
        ["freed", "Causality violation"]
            .iter()
            .any(|m| msg.contains(m)),
        "unexpected rejection: {msg}"
    );
}

#[test]
fn mutant_upgrade_from_zero_is_rejected() {
    let _s = Switches::set(&MUTANTS, &[&refcount::MUTANT_UPGRADE_FROM_ZERO]);
    let msg = rejection(upgrade_races_release_model::<S>);
    assert_use_after_free(&msg);
}

#[test]
fn mutant_perobject_upgrade_from_zero_is_rejected() {
    let _s = Switches::set(&MUTANTS, &[&refcount::MUTANT_UPGRADE_FROM_ZERO]);
    let msg = rejection(upgrade_races_release_model::<PerObject>);
    assert_use_after_free(&msg);
}

#[test]
fn mutant_upgrade_unlocked_is_rejected() {
    let _s = Switches::set(&MUTANTS, &[&weakref::MUTANT_UPGRADE_UNLOCKED]);
    let msg = rejection(upgrade_races_release_model::<S>);
    assert_use_after_free(&msg);
}

/// (2) The referent and its weak reference die at once on two threads:
/// clearing the referent's list never touches the weak reference after the
/// weak reference's own free, and each is freed exactly once.
fn clear_races_weak_release_model() {
    check(|| {
        let before = Header::loom_live();
        let r = new_referent::<S>();
        let w = weakref_with_callback(&r);
        let weak_owner = thread::spawn(move || drop(w));
        drop(r);
        weak_owner.join().unwrap();
        assert_all_freed(before);
    });
}

#[test]
fn clear_races_weak_release() {
    let _s = Switches::set(&MUTANTS, &[]);
    clear_races_weak_release_model();
}

#[test]
fn mutant_visit_unlocked_is_rejected() {
    let _s = Switches::set(&MUTANTS, &[&weakref::MUTANT_VISIT_UNLOCKED]);
    let msg = rejection(clear_races_weak_release_model);
    assert_use_after_free(&msg);
}
