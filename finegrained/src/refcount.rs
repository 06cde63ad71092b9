//! Atomic reference counting without a GIL.
//!
//! The protocol is the one `std::sync::Arc` uses: increments are `Relaxed`
//! (a new reference can only be made from an existing one, which already
//! keeps the object alive); a decrement is a `Release` so that every use of
//! the object through this reference happens before the free; the thread
//! that takes the count to zero issues an `Acquire` fence before freeing, so
//! it sees every other thread's uses. Immortal objects are never counted.
//!
//! The loom build has switches, absent from production builds, for
//! deliberately broken variants (mutants) that the models in
//! `loom-tests/tests/loom_finegrained.rs` must reject.

use runtime::object::Header;
use runtime::sync::{fence, Ordering};

#[inline(always)]
pub fn incref(header: &Header) {
    if header.is_immortal() {
        return;
    }
    #[cfg(loom)]
    if loom_switches::on(&MUTANT_NONATOMIC_INCREF) {
        let n = header.refcount().load(Ordering::Relaxed);
        header.refcount().store(n + 1, Ordering::Relaxed);
        return;
    }
    header.refcount().fetch_add(1, Ordering::Relaxed);
}

/// Returns `true` when this was the last reference: the caller frees.
#[inline(always)]
pub fn decref(header: &Header) -> bool {
    if header.is_immortal() {
        return false;
    }
    if header.refcount().fetch_sub(1, release()) != 1 {
        return false;
    }
    if !mutant_skip_acquire_fence() {
        fence(Ordering::Acquire);
    }
    true
}

/// The decrement's ordering: `Release` (`Relaxed` in the
/// `MUTANT_RELAXED_DECREF` variant).
#[inline(always)]
fn release() -> Ordering {
    #[cfg(loom)]
    if loom_switches::on(&MUTANT_RELAXED_DECREF) {
        return Ordering::Relaxed;
    }
    Ordering::Release
}

/// loom-only switch for the deliberately broken variant that drops the
/// acquire fence (see `loom-tests`); always false in production builds.
#[cfg(loom)]
pub static MUTANT_NO_ACQUIRE_FENCE: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

/// loom-only switch: the decrement is `Relaxed` instead of `Release`.
#[cfg(loom)]
pub static MUTANT_RELAXED_DECREF: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

/// loom-only switch: the increment is a load and a store instead of one
/// read-modify-write, so a concurrent decrement can be lost.
#[cfg(loom)]
pub static MUTANT_NONATOMIC_INCREF: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

#[cfg(loom)]
mod loom_switches {
    #[inline(always)]
    pub(super) fn on(switch: &std::sync::atomic::AtomicBool) -> bool {
        switch.load(std::sync::atomic::Ordering::Relaxed)
    }
}

#[inline(always)]
fn mutant_skip_acquire_fence() -> bool {
    #[cfg(loom)]
    {
        loom_switches::on(&MUTANT_NO_ACQUIRE_FENCE)
    }
    #[cfg(not(loom))]
    {
        false
    }
}
