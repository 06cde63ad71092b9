//! loom model of deferred reference counting
//! ([`runtime::deferred_counts`]): a thread's counts of a shared object
//! stay in its own table until it detaches, and the collector frees the
//! object only when the merged count is zero with the world stopped. The
//! model runs the production pieces: [`FineGrained`]'s count operations
//! (which send a [`FLAG_DEFERRED`] header's counts to the table), the
//! table itself, and [`World`]'s stop-the-world with its flush on detach.
//!
//! ```text
//! RUSTFLAGS="--cfg loom" RUSTC_WRAPPER="$PWD/loom-tests/rustc-loom" \
//!     CARGO_TARGET_DIR=target/loom LOOM_MAX_PREEMPTIONS=2 \
//!     cargo test -p loom-tests --release --test loom_deferred
//! ```
//!
//! The object is a bare [`Header`], whose loom build carries a cell for the
//! object's memory: freeing it (dropping the header) writes the cell and
//! every later count operation reads it, so a free that a thread's use does
//! not happen before is reported. The mutant
//! `MUTANT_DETACH_KEEPS_DELTAS` leaves a thread's counts in its table when
//! it parks for the collector, which then frees an object that thread
//! still holds.
#![cfg(loom)]

use finegrained::world::{World, STOP_REQUEST};
use finegrained::FineGrained;
use loom_tests::switches::Switches;
use loom_tests::{check, rejection};
use runtime::deferred_counts::{self, loom_switches};
use runtime::object::{Header, FLAG_DEFERRED};
use runtime::sync::{spin_hint, thread, AtomicBool, Ordering};
use runtime::LockStrategy;
use std::sync::atomic as std_atomic;
use std::sync::Arc;

type S = FineGrained;

/// Every mutant switch of this binary's models (see [`Switches`]).
static MUTANTS: [&[&std_atomic::AtomicBool]; 1] = [&[&loom_switches::MUTANT_DETACH_KEEPS_DELTAS]];

/// A runtime reduced to its world and one deferred object, which starts
/// with the one reference that "the module dict" (the main thread) holds.
struct Runtime {
    world: World,
    object: *mut Header,
    freed: AtomicBool,
}

// SAFETY (of the model): the header is shared as a real object is, and
// every access goes through the protocol under test.
unsafe impl Send for Runtime {}
unsafe impl Sync for Runtime {}

impl Runtime {
    fn header(&self) -> &Header {
        // SAFETY (of the model): the header is freed only by `collect`; a
        // use after that is what the model looks for (the header's loom
        // cell reports it).
        unsafe { &*self.object }
    }

    fn incref(&self) {
        // SAFETY: attached, and the caller holds a reference.
        unsafe { S::incref(self.header()) }
    }

    fn decref(&self) {
        // SAFETY: attached, dropping the caller's own reference.
        let last = unsafe { S::decref(self.header()) };
        assert!(!last, "a deferred object is freed by the collector only");
    }

    /// What the VM does at a safe point.
    fn safe_point(&self) {
        if self.world.breaker() & STOP_REQUEST != 0 {
            self.world.park_if_stopping();
        }
    }

    /// The collector's sweep: stop the world, publish its own counts, free
    /// the object if its merged count is zero.
    fn collect(&self) {
        self.world.stop();
        deferred_counts::flush_now();
        if !self.freed.load(Ordering::Relaxed) && self.header().refcount() == 0 {
            self.freed.store(true, Ordering::Relaxed);
            // SAFETY (of the model): allocated by `Box::new` in `model`,
            // freed once (guarded by `freed`).
            drop(unsafe { Box::from_raw(self.object) });
        }
        self.world.start();
    }
}

/// One thread takes its own reference (as `LOAD_GLOBAL` does), passes a
/// safe point while holding it, uses the object and drops it; beside it
/// the main thread drops the original reference (the name is rebound)
/// once the thread holds its own, and collects. The object must be freed
/// exactly when both references are gone.
fn model() {
    check(|| {
        let before = Header::loom_live();
        let rt = Arc::new(Runtime {
            world: World::new(),
            object: Box::into_raw(Box::new(Header::new(FLAG_DEFERRED))),
            freed: AtomicBool::new(false),
        });
        let taken = Arc::new(AtomicBool::new(false));
        let (other, took) = (rt.clone(), taken.clone());
        let t = thread::spawn(move || {
            other.world.attach();
            other.incref();
            took.store(true, Ordering::Release);
            other.safe_point();
            let _ = other.header().refcount(); // a use of the object
            other.decref();
            other.world.detach();
        });
        rt.world.attach();
        while !taken.load(Ordering::Acquire) {
            spin_hint();
        }
        rt.decref();
        rt.collect();
        rt.world.detach();
        t.join().unwrap();
        // Both references are gone: the next collection frees it.
        rt.world.attach();
        rt.collect();
        rt.world.detach();
        assert!(
            rt.freed.load(Ordering::Relaxed),
            "an unreferenced object was kept"
        );
        assert_eq!(Header::loom_live(), before);
    });
}

#[test]
fn deferred_object_freed_only_when_merged_count_is_zero() {
    let _s = Switches::none(&MUTANTS);
    model();
}

#[test]
fn mutant_detach_keeps_deltas_is_rejected() {
    let _s = Switches::with(&MUTANTS, &loom_switches::MUTANT_DETACH_KEEPS_DELTAS);
    let msg = rejection(model);
    assert!(
        msg.contains("freed object") || msg.contains("Causality violation"),
        "{msg}"
    );
}
