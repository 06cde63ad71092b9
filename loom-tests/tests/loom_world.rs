//! loom model of stop-the-world without a GIL ([`finegrained::world`], the
//! protocol the cyclic collector uses under `finegrained`), run on the real
//! [`World`] through the `runtime::sync` shim:
//!
//! ```text
//! RUSTFLAGS="--cfg loom" RUSTC_WRAPPER="$PWD/loom-tests/rustc-loom" \
//!     CARGO_TARGET_DIR=target/loom LOOM_MAX_PREEMPTIONS=2 \
//!     cargo test -p loom-tests --release --test loom_world
//! ```
//!
//! The "objects" are a `loom::cell::UnsafeCell` that attached threads
//! write: loom reports any two writes not ordered by happens-before, so a
//! stop that lets another thread touch objects fails the model. Each
//! [`Mutant`] of the protocol must be rejected.
#![cfg(loom)]

use finegrained::world::{Mutant, World, STOP_REQUEST};
use loom::cell::UnsafeCell;
use loom_tests::{check, rejection};
use runtime::sync::{thread, Arc};

struct Runtime {
    world: World,
    objects: UnsafeCell<u64>,
}

impl Runtime {
    fn touch(&self, by: u64) {
        // SAFETY (of the model): only attached threads call this; the
        // protocol under test must order their writes.
        self.objects.with_mut(|p| unsafe { *p += by });
    }

    /// What the VM does at a safe point.
    fn safe_point(&self) {
        if self.world.breaker() & STOP_REQUEST != 0 {
            self.world.park_if_stopping();
        }
    }

    /// A collection: stop the world, touch every object, start it again.
    fn collect(&self) {
        self.world.stop();
        self.touch(100);
        self.world.start();
    }
}

/// One mutator (attached, safe point, a blocking call, exit) beside one
/// collector; or two collectors stopping the world at the same time.
fn model(mutant: Mutant, two_collectors: bool) {
    check(move || {
        let rt = Arc::new(Runtime {
            world: World::with_mutant(mutant),
            objects: UnsafeCell::new(0),
        });
        let other = rt.clone();
        let t = thread::spawn(move || {
            other.world.attach();
            if two_collectors {
                other.collect();
            } else {
                other.touch(1);
                other.safe_point();
                other.touch(1);
                // A blocking call: detached while it waits.
                other.world.detach();
                other.world.attach();
                other.touch(1);
            }
            other.world.detach();
        });
        rt.world.attach();
        rt.collect();
        rt.world.detach();
        t.join().unwrap();
        let expected = if two_collectors { 200 } else { 103 };
        assert_eq!(rt.objects.with(|p| unsafe { *p }), expected);
    });
}

#[test]
fn stop_the_world_excludes_attached_and_detached_threads() {
    model(Mutant::None, false);
}

#[test]
fn two_threads_stopping_the_world_take_turns() {
    model(Mutant::None, true);
}

#[test]
fn mutant_attach_during_stop_is_rejected() {
    let msg = rejection(|| model(Mutant::AttachDuringStop, false));
    assert!(msg.contains("Causality violation"), "{msg}");
}

#[test]
fn mutant_stop_without_waiting_is_rejected() {
    let msg = rejection(|| model(Mutant::StopWithoutWaiting, false));
    assert!(msg.contains("Causality violation"), "{msg}");
}

#[test]
fn mutant_detach_without_waking_is_rejected() {
    let msg = rejection(|| model(Mutant::DetachWithoutWaking, false));
    assert!(msg.contains("deadlock"), "{msg}");
}
