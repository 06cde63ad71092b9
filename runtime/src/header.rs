//! The header at the start of every heap object.
//!
//! The header's fields are used by the lock strategy, never interpreted by the
//! rest of the runtime: under a GIL the reference count is updated with plain
//! loads and stores, without one with atomic read-modify-writes; the lock byte
//! is unused under a GIL and is PEP 703's one-byte mutex without one.

use crate::sync::{AtomicU8, AtomicUsize};

/// The object is never freed by reference counting (see
/// [`crate::LockStrategy::IMMORTALIZE_SHARED`]).
pub const FLAG_IMMORTAL: u8 = 1;

/// [`Header::state`] bit: weak references to the object were registered in
/// the weak reference table (see [`crate::weakref`]); the free path must
/// clear them. Set under the table's lock for this object, before the first
/// weak reference is published; never cleared.
pub const STATE_WEAKREFS: u8 = 1;

/// [`Header::state`] bit: the object's finalizer (`__del__`, or closing a
/// suspended generator) was queued; it runs at most once (PEP 442).
pub const STATE_FINALIZED: u8 = 2;

/// Reference count word, lock byte and flags.
#[derive(Debug)]
pub struct Header {
    refcount: AtomicUsize,
    lock: AtomicU8,
    /// Set before the object is shared with any other thread and never changed
    /// afterwards, so plain reads are race-free.
    flags: u8,
    /// Bits that change while the object is shared (`STATE_*`), set with
    /// atomic read-modify-writes. Lives in what would otherwise be padding.
    state: AtomicU8,
}

impl Header {
    /// A header for a new object with one reference.
    pub fn new(flags: u8) -> Self {
        Self {
            refcount: AtomicUsize::new(1),
            lock: AtomicU8::new(0),
            flags,
            state: AtomicU8::new(0),
        }
    }

    #[inline(always)]
    pub fn state(&self) -> &AtomicU8 {
        &self.state
    }

    #[inline(always)]
    pub fn refcount(&self) -> &AtomicUsize {
        &self.refcount
    }

    #[inline(always)]
    pub fn lock_byte(&self) -> &AtomicU8 {
        &self.lock
    }

    #[inline(always)]
    pub fn is_immortal(&self) -> bool {
        self.flags & FLAG_IMMORTAL != 0
    }
}
