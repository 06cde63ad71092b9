//! Atomic reference counting without a GIL.
//!
//! The protocol is the one `std::sync::Arc` uses: increments are `Relaxed`
//! (a new reference can only be made from an existing one, which already
//! keeps the object alive); a decrement is a `Release` so that every use of
//! the object through this reference happens before the free; the thread
//! that takes the count to zero issues an `Acquire` fence before freeing, so
//! it sees every other thread's uses. Immortal objects are never counted.

use runtime::object::Header;
use runtime::sync::{fence, Ordering};

#[inline(always)]
pub fn incref(header: &Header) {
    if header.is_immortal() {
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
    if header.refcount().fetch_sub(1, Ordering::Release) != 1 {
        return false;
    }
    if !mutant_skip_acquire_fence() {
        fence(Ordering::Acquire);
    }
    true
}

/// loom-only switch for the deliberately broken variant that drops the
/// acquire fence (see `loom-tests`); always false in production builds.
#[cfg(loom)]
pub static MUTANT_NO_ACQUIRE_FENCE: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

#[inline(always)]
fn mutant_skip_acquire_fence() -> bool {
    #[cfg(loom)]
    {
        MUTANT_NO_ACQUIRE_FENCE.load(std::sync::atomic::Ordering::Relaxed)
    }
    #[cfg(not(loom))]
    {
        false
    }
}
