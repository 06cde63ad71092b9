//! Which threads may touch objects, and the debug-build check of it.
//!
//! [`LockStrategy`]'s contract lets a thread change a reference count or
//! take an object lock only while it is attached: under a GIL a count is a
//! plain load and store that only the GIL serialises, and under
//! `finegrained` a stop-the-world collection counts on detached threads
//! leaving every count alone. A path that breaks the rule (a value dropped
//! after `detach`, a clone on a thread that never attached) corrupts counts
//! only under contention, long after the fact. So every attach and detach of
//! the runtime goes through [`attach`] and [`detach`] here, which record the
//! thread's attachment depth, and in debug builds (the ones `cargo test`
//! runs) every `ObjRef` clone and drop, `Value` clone and object lock calls
//! [`check`], which panics at the offending line. Release builds compile the
//! record and the check away.
//!
//! Two phases touch objects with no thread attached, legitimately: building
//! an interpreter (nothing is shared yet) and tearing it down (the last
//! handle is gone, so no other thread can reach its objects). They run inside
//! [`Exclusive`], which counts as attached.

use crate::strategy::{LockStrategy, ThreadIdent};

#[cfg(all(debug_assertions, not(loom)))]
std::thread_local! {
    /// How many attachments (and exclusive phases) this thread is inside.
    static DEPTH: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

#[inline(always)]
fn enter() {
    #[cfg(all(debug_assertions, not(loom)))]
    DEPTH.with(|d| d.set(d.get() + 1));
}

#[inline(always)]
fn leave() {
    #[cfg(all(debug_assertions, not(loom)))]
    DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
}

/// Attaches the calling thread ([`LockStrategy::attach`]) and records it.
#[inline]
pub fn attach<S: LockStrategy>(shared: &S::Shared, thread: ThreadIdent) {
    S::attach(shared, thread);
    enter();
}

/// Attaches the calling thread on its way back from a blocking call
/// ([`LockStrategy::attach_after_blocking`]) and records it.
#[inline]
pub fn attach_after_blocking<S: LockStrategy>(shared: &S::Shared, thread: ThreadIdent) {
    S::attach_after_blocking(shared, thread);
    enter();
}

/// Detaches the calling thread ([`LockStrategy::detach`]) and records it.
#[inline]
pub fn detach<S: LockStrategy>(shared: &S::Shared, thread: ThreadIdent) {
    leave();
    S::detach(shared, thread);
}

/// Debug builds: panics unless the calling thread is attached (or inside an
/// [`Exclusive`] phase). Called by every reference count change and object
/// lock; free in release builds.
#[inline(always)]
#[track_caller]
pub fn check() {
    #[cfg(all(debug_assertions, not(loom)))]
    if DEPTH.with(|d| d.get()) == 0 && !std::thread::panicking() {
        panic!(
            "a Python object was touched by a thread that is not attached to the \
             runtime (a reference count change or object lock without the GIL)"
        );
    }
}

/// Whether the calling thread is attached (always `true` in release builds,
/// which keep no record).
#[inline]
pub fn is_attached() -> bool {
    #[cfg(all(debug_assertions, not(loom)))]
    {
        DEPTH.with(|d| d.get()) > 0
    }
    #[cfg(not(all(debug_assertions, not(loom))))]
    {
        true
    }
}

/// A phase in which the calling thread is the only one that can reach the
/// objects it touches (building or tearing down an interpreter): it counts
/// as attached until dropped.
pub struct Exclusive(());

impl Exclusive {
    /// # Safety
    /// No other thread can reach any object the calling thread touches
    /// until the value is dropped.
    pub unsafe fn enter() -> Self {
        enter();
        Exclusive(())
    }
}

impl Drop for Exclusive {
    fn drop(&mut self) {
        // The phase counted deferred objects on this thread: publish the
        // counts, as a detach does (see `crate::deferred_counts`).
        crate::deferred_counts::flush_now();
        leave();
    }
}
