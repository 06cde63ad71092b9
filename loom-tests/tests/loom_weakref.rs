//! loom models of the weak reference protocol ([`runtime::weakref`]): the
//! striped [`WeakTable`], the [`WeakSlot`] of each weak reference, and the
//! `finegrained` strategy's `try_incref`, run on real `Header`s:
//!
//! ```text
//! RUSTFLAGS="--cfg loom" RUSTC_WRAPPER="$PWD/loom-tests/rustc-loom" \
//!     CARGO_TARGET_DIR=target/loom LOOM_MAX_PREEMPTIONS=2 \
//!     cargo test -p loom-tests --release --test loom_weakref
//! ```
//!
//! Each object has an `alloc` cell (a `loom::cell::UnsafeCell<bool>`) that
//! stands for its memory: every access the protocol makes to the object
//! reads it, and freeing the object writes it. loom reports a causality
//! violation when a read is not ordered before the free — a use after free
//! in the real runtime, even in an interleaving where nothing visibly goes
//! wrong. Each model also runs against deliberately broken variants (the
//! `MUTANT_*` switches in `runtime::weakref` and `finegrained::refcount`,
//! which exist only under `cfg(loom)`) and must reject them.
#![cfg(loom)]

use finegrained::{refcount, FineGrained};
use loom::cell::UnsafeCell;
use loom_tests::{check, rejection};
use runtime::object::Header;
use runtime::sync::{thread, AtomicUsize, Ordering};
use runtime::weakref::{self, WeakSlot, WeakTable};
use runtime::LockStrategy;
use std::sync::atomic as std_atomic;
// `std`'s `Arc` to share the model's objects (see `loom_finegrained.rs`).
use std::sync::Arc;

type S = FineGrained;

/// Held by every test: the mutant switches are process-wide.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

static ALL_MUTANTS: [&std_atomic::AtomicBool; 3] = [
    &refcount::MUTANT_UPGRADE_FROM_ZERO,
    &weakref::MUTANT_UPGRADE_UNLOCKED,
    &weakref::MUTANT_VISIT_UNLOCKED,
];

struct Switches {
    _serial: std::sync::MutexGuard<'static, ()>,
}

impl Switches {
    fn set(mutants: &[&std_atomic::AtomicBool]) -> Self {
        let serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
        reset();
        for m in mutants {
            m.store(true, std_atomic::Ordering::Relaxed);
        }
        Self { _serial: serial }
    }
}

impl Drop for Switches {
    fn drop(&mut self) {
        reset();
    }
}

fn reset() {
    for m in ALL_MUTANTS {
        m.store(false, std_atomic::Ordering::Relaxed);
    }
}

/// An object as the protocol sees it: a header, and the memory it stands
/// for (`alloc`: true until freed; `value`: a payload word).
struct Obj {
    header: Header,
    alloc: UnsafeCell<bool>,
    value: UnsafeCell<u64>,
    /// Frees of this object (must end at exactly one).
    frees: AtomicUsize,
}

impl Obj {
    fn new() -> Self {
        Self {
            header: Header::new(0),
            alloc: UnsafeCell::new(true),
            value: UnsafeCell::new(42),
            frees: AtomicUsize::new(0),
        }
    }

    fn addr(&self) -> usize {
        self as *const Obj as usize
    }

    /// An access to the object's memory: it must still be allocated.
    fn touch(&self, what: &str) {
        // SAFETY: loom checks this read against the free's write.
        let alive = self.alloc.with(|p| unsafe { *p });
        assert!(alive, "{what} touched a freed object");
    }

    /// A use of the payload through a strong reference.
    fn read_value(&self) {
        self.touch("a strong reference");
        // SAFETY: loom checks this read against the free's write.
        let v = self.value.with(|p| unsafe { *p });
        assert_eq!(v, 42, "read a freed payload");
    }

    /// Frees the object's memory (its storage stays, for the model).
    fn free(&self) {
        assert_eq!(self.frees.fetch_add(1, Ordering::Relaxed), 0, "freed twice");
        // SAFETY: loom checks these writes against every other access.
        self.alloc.with_mut(|p| unsafe { *p = false });
        self.value.with_mut(|p| unsafe { *p = 0 });
    }
}

/// A weak reference object: its own header and memory, and its slot.
struct Weak {
    obj: Obj,
    slot: WeakSlot,
}

/// The runtime's free path for the referent (`free_object` ->
/// `weakref::clear_dying`): clear its weak references, taking a strong
/// reference to each one that is still alive (for its callback), then free.
/// Returns whether a strong reference to the weak reference was taken.
fn free_referent(table: &WeakTable, r: &Obj, w: &Weak) -> bool {
    let mut kept = false;
    table.clear(
        r.addr(),
        |_| &w.slot,
        |_| {
            w.obj.touch("clearing");
            kept = S::try_incref(&w.obj.header);
        },
    );
    r.free();
    kept
}

/// The runtime's free path for the weak reference (`free_object` ->
/// `weakref::unlink_weakref`): unlink it, then free it.
fn free_weak(table: &WeakTable, w: &Weak) {
    table.unlink(&w.slot, w.obj.addr());
    w.obj.free();
}

/// Drops a strong reference to the weak reference object.
fn release_weak(table: &WeakTable, w: &Weak) {
    if S::decref(&w.obj.header) {
        free_weak(table, w);
    }
}

/// (1) The owner drops the last strong reference while another thread
/// upgrades a weak reference: the upgrade gets a live object (and then
/// holds it, so the owner's release does not free it) or None, and never
/// touches the referent's header after the free.
fn upgrade_races_release_model() {
    check(|| {
        let table = Arc::new(WeakTable::new(1));
        let r = Arc::new(Obj::new());
        let w = Arc::new(Weak {
            obj: Obj::new(),
            slot: WeakSlot::new(r.addr()),
        });
        let registered = table.register(&r.header, &w.slot, w.obj.addr(), |_| false);
        assert!(registered.is_none());
        let (t2, r2, w2) = (table.clone(), r.clone(), w.clone());
        let upgrader = thread::spawn(move || {
            let got = t2.upgrade::<S>(&w2.slot, || {
                r2.touch("an upgrade");
                &r2.header
            });
            if got {
                r2.read_value();
                if S::decref(&r2.header) {
                    let kept = free_referent(&t2, &r2, &w2);
                    assert!(kept, "the weak reference is still alive");
                    release_weak(&t2, &w2);
                }
            }
        });
        if S::decref(&r.header) {
            if free_referent(&table, &r, &w) {
                release_weak(&table, &w);
            }
        }
        upgrader.join().unwrap();
        assert_eq!(
            r.frees.load(Ordering::Relaxed),
            1,
            "the referent is freed once"
        );
        // The weak reference's own last reference (the model's).
        release_weak(&table, &w);
        assert_eq!(w.obj.frees.load(Ordering::Relaxed), 1);
        assert_eq!(table.count(r.addr()), 0);
    });
}

#[test]
fn upgrade_races_release() {
    let _s = Switches::set(&[]);
    upgrade_races_release_model();
}

#[test]
fn mutant_upgrade_from_zero_is_rejected() {
    let _s = Switches::set(&[&refcount::MUTANT_UPGRADE_FROM_ZERO]);
    let msg = rejection(upgrade_races_release_model);
    eprintln!("rejected: {}", msg.lines().next().unwrap_or(""));
    assert!(
        msg.contains("freed") || msg.contains("Causality") || msg.contains("causality"),
        "unexpected rejection: {msg}"
    );
}

#[test]
fn mutant_upgrade_unlocked_is_rejected() {
    let _s = Switches::set(&[&weakref::MUTANT_UPGRADE_UNLOCKED]);
    let msg = rejection(upgrade_races_release_model);
    eprintln!("rejected: {}", msg.lines().next().unwrap_or(""));
    assert!(
        msg.contains("freed") || msg.contains("Causality") || msg.contains("causality"),
        "unexpected rejection: {msg}"
    );
}

/// (2) The referent and its weak reference die at once on two threads:
/// clearing the referent's list never touches the weak reference after the
/// weak reference's own free, and each is freed exactly once.
fn clear_races_weak_release_model() {
    check(|| {
        let table = Arc::new(WeakTable::new(1));
        let r = Arc::new(Obj::new());
        let w = Arc::new(Weak {
            obj: Obj::new(),
            slot: WeakSlot::new(r.addr()),
        });
        assert!(table
            .register(&r.header, &w.slot, w.obj.addr(), |_| false)
            .is_none());
        let (t2, w2) = (table.clone(), w.clone());
        let weak_owner = thread::spawn(move || release_weak(&t2, &w2));
        if S::decref(&r.header) && free_referent(&table, &r, &w) {
            release_weak(&table, &w);
        }
        weak_owner.join().unwrap();
        assert_eq!(r.frees.load(Ordering::Relaxed), 1);
        assert_eq!(w.obj.frees.load(Ordering::Relaxed), 1);
        assert_eq!(table.count(r.addr()), 0);
    });
}

#[test]
fn clear_races_weak_release() {
    let _s = Switches::set(&[]);
    clear_races_weak_release_model();
}

#[test]
fn mutant_visit_unlocked_is_rejected() {
    let _s = Switches::set(&[&weakref::MUTANT_VISIT_UNLOCKED]);
    let msg = rejection(clear_races_weak_release_model);
    eprintln!("rejected: {}", msg.lines().next().unwrap_or(""));
    assert!(
        msg.contains("freed") || msg.contains("Causality") || msg.contains("causality"),
        "unexpected rejection: {msg}"
    );
}
