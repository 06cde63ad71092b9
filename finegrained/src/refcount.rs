//! Atomic reference counting without a GIL.
//!
//! The protocol is the one `std::sync::Arc` uses: increments are `Relaxed`
//! (a new reference can only be made from an existing one, which already
//! keeps the object alive); a decrement is a `Release` so that every use of
//! the object through this reference happens before the free; the thread
//! that takes the count to zero issues an `Acquire` fence before freeing, so
//! it sees every other thread's uses. Immortal objects are never counted;
//! deferred objects are counted per thread (`runtime::deferred_counts`) and
//! freed by the collector, never here.
//!
//! These functions are the bodies of [`crate::FineGrainedWith`]'s `unsafe fn`s
//! and carry their contracts (`runtime::LockStrategy`'s `# Safety`).
//! `SHARED` is the strategy's `DEFERRED` parameter: without it no object is
//! immortal or deferred (`runtime::LockStrategy::IMMORTALIZE_SHARED` and
//! `DEFER_SHARED` are off), so the flag test is not compiled in
//! (`perobject`'s count is the bare atomic).
//!
//! The loom build has switches, absent from production builds, for
//! deliberately broken variants (mutants) that the models in
//! `loom-tests/tests/loom_finegrained.rs` must reject.

use runtime::object::Header;
use runtime::sync::{fence, Ordering};

/// # Safety
/// `LockStrategy::incref`'s contract.
#[inline(always)]
pub unsafe fn incref<const SHARED: bool>(header: &Header) {
    // Without the technique nothing sets a flag (the runtime allocates
    // immortal and deferred objects only under `IMMORTALIZE_SHARED` and
    // `DEFER_SHARED`).
    debug_assert!(SHARED || header.flags() == 0);
    if SHARED && header.flags() != 0 {
        if header.is_deferred() {
            // SAFETY: attached (the caller's contract), and `header`'s
            // object is live: the caller holds a reference to it.
            unsafe { runtime::deferred_counts::add(header, 1) };
        }
        return;
    }
    // SAFETY: this is the strategy's count operation (the caller upholds
    // `LockStrategy::incref`'s contract).
    let rc = unsafe { header.refcount_word() };
    #[cfg(loom)]
    if loom_switches::on(&MUTANT_NONATOMIC_INCREF) {
        let n = rc.load(Ordering::Relaxed);
        rc.store(n + 1, Ordering::Relaxed);
        return;
    }
    rc.fetch_add(1, Ordering::Relaxed);
}

/// Returns `true` when this was the last reference: the caller frees.
///
/// # Safety
/// `LockStrategy::decref`'s contract.
#[inline(always)]
pub unsafe fn decref<const SHARED: bool>(header: &Header) -> bool {
    // Without the technique nothing sets a flag (see `incref`).
    debug_assert!(SHARED || header.flags() == 0);
    if SHARED && header.flags() != 0 {
        if header.is_deferred() {
            // SAFETY: attached, and the object is live: the caller is
            // dropping its own reference. A deferred object is freed only
            // by the collector.
            unsafe { runtime::deferred_counts::add(header, u32::MAX) };
        }
        return false;
    }
    // SAFETY: the strategy's count operation, under the caller's contract.
    let rc = unsafe { header.refcount_word() };
    if rc.fetch_sub(1, release()) != 1 {
        return false;
    }
    if !mutant_skip_acquire_fence() {
        fence(Ordering::Acquire);
    }
    true
}

/// Adds a reference unless the count is zero: a weak reference's upgrade
/// (see `runtime::weakref`). A zero count never rises again by
/// [`incref`] (no strong reference is left to clone), so a compare-and-swap
/// from a non-zero value can never bring a dying object back. `Acquire` on
/// success, as `std::sync::Weak::upgrade` has it, so the caller sees the
/// object as the thread that made it published it.
///
/// # Safety
/// `LockStrategy::try_incref`'s contract.
#[inline]
pub unsafe fn try_incref<const SHARED: bool>(header: &Header) -> bool {
    if SHARED && header.flags() != 0 {
        if header.is_deferred() {
            // SAFETY: attached, and the object is live: the caller holds
            // the referent's weak reference lock, and the collector frees a
            // deferred object only after clearing its weak references with
            // the world stopped. A true count of zero rising again is sound
            // here: the object is garbage that no collection freed yet, and
            // the collection that would free it reads the new count.
            unsafe { runtime::deferred_counts::add(header, 1) };
        }
        return true;
    }
    // SAFETY: the strategy's count operation, under the caller's contract.
    let rc = unsafe { header.refcount_word() };
    let mut n = rc.load(Ordering::Relaxed);
    loop {
        if n == 0 {
            return false;
        }
        #[cfg(loom)]
        if loom_switches::on(&MUTANT_UPGRADE_FROM_ZERO) {
            // Broken: checks, then adds, as two steps.
            rc.fetch_add(1, Ordering::Acquire);
            return true;
        }
        match rc.compare_exchange_weak(n, n + 1, Ordering::Acquire, Ordering::Relaxed) {
            Ok(_) => return true,
            Err(now) => n = now,
        }
    }
}

/// Gives an object whose count [`decref`] took to zero its one reference
/// back, for its finalizer. The caller is the only thread that can reach
/// the object by a strong reference; weak upgrades racing with this store
/// see zero (and fail) or one (and add to it), both sound.
///
/// # Safety
/// `LockStrategy::resurrect`'s contract.
#[inline]
pub unsafe fn resurrect(header: &Header) {
    // SAFETY: the free path owns the object (the caller's contract).
    unsafe { header.refcount_word() }.store(1, Ordering::Relaxed);
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

/// loom-only switch: an upgrade checks the count for zero and increments
/// it in two steps, so it can revive an object whose count just fell to
/// zero.
#[cfg(loom)]
pub static MUTANT_UPGRADE_FROM_ZERO: std::sync::atomic::AtomicBool =
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
