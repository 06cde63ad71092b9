//! The header at the start of every heap object.
//!
//! The header's fields are used by the lock strategy and the cyclic garbage
//! collector, never interpreted by the rest of the runtime: under a GIL the
//! reference count is updated with plain loads and stores, without one with
//! atomic read-modify-writes; the lock byte is unused under a GIL and is
//! PEP 703's one-byte mutex without one. The three `gc_*` fields say where
//! the collector keeps the object (see [`crate::gc`]).

use crate::sync::{AtomicU32, AtomicU8, Ordering};

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

/// Reference count, collector bookkeeping, lock byte and flags: 16 bytes.
///
/// The count is 32 bits, as in CPython 3.12+: four billion references to
/// one object would need 32 GiB of pointers to it.
#[derive(Debug)]
pub struct Header {
    refcount: AtomicU32,
    /// Where the object sits in its tracking list's generation (or, during
    /// a collection, in the collector's working set). Written only under
    /// the lock of the list named by `gc_list`, or by the collector while
    /// no other thread can touch the object.
    gc_index: AtomicU32,
    /// The tracking list that holds the object, 0 when it is not tracked.
    gc_list: AtomicU32,
    lock: AtomicU8,
    /// Set before the object is shared with any other thread and never changed
    /// afterwards, so plain reads are race-free.
    flags: u8,
    /// Bits that change while the object is shared (`STATE_*`), set with
    /// atomic read-modify-writes.
    state: AtomicU8,
    /// The generation of a tracked object, or a collector phase marker.
    gc_gen: AtomicU8,
}

impl Header {
    /// A header for a new, untracked object with one reference.
    pub fn new(flags: u8) -> Self {
        Self {
            refcount: AtomicU32::new(1),
            gc_index: AtomicU32::new(0),
            gc_list: AtomicU32::new(0),
            lock: AtomicU8::new(0),
            flags,
            state: AtomicU8::new(0),
            gc_gen: AtomicU8::new(0),
        }
    }

    #[inline(always)]
    pub(crate) fn state(&self) -> &AtomicU8 {
        &self.state
    }

    /// The reference count as last seen by this thread (`sys.getrefcount`,
    /// the collector, tests). Reading is always safe; only the strategy
    /// writes the count, through [`Header::refcount_word`].
    ///
    /// ```
    /// let h = runtime::object::Header::new(0);
    /// assert_eq!(h.refcount(), 1);
    /// ```
    ///
    /// Safe code can no longer store to the count (it used to get the
    /// atomic word itself):
    ///
    /// ```compile_fail,E0599
    /// let h = runtime::object::Header::new(0);
    /// h.refcount().store(0, std::sync::atomic::Ordering::Relaxed);
    /// ```
    #[inline(always)]
    pub fn refcount(&self) -> u32 {
        self.refcount.load(Ordering::Relaxed)
    }

    /// The count's word, for a [`crate::LockStrategy`] to update.
    ///
    /// # Safety
    /// Only a strategy's reference count operations write through it, under
    /// the strategy's protocol: a stray store frees a live object or leaks
    /// one.
    #[inline(always)]
    pub unsafe fn refcount_word(&self) -> &AtomicU32 {
        &self.refcount
    }

    /// The object's one-byte lock, for a [`crate::LockStrategy`] to lock
    /// and unlock.
    ///
    /// # Safety
    /// Only a strategy's `lock_object`/`unlock_object`/`lock_two` touch it:
    /// a stray store would let two threads into the object's contents.
    #[inline(always)]
    pub unsafe fn lock_byte(&self) -> &AtomicU8 {
        &self.lock
    }

    #[inline(always)]
    pub fn is_immortal(&self) -> bool {
        self.flags & FLAG_IMMORTAL != 0
    }

    #[inline(always)]
    pub(crate) fn gc_index(&self) -> &AtomicU32 {
        &self.gc_index
    }

    #[inline(always)]
    pub(crate) fn gc_list(&self) -> &AtomicU32 {
        &self.gc_list
    }

    #[inline(always)]
    pub(crate) fn gc_gen(&self) -> &AtomicU8 {
        &self.gc_gen
    }
}
