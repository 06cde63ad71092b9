//! The header at the start of every heap object.
//!
//! The header's fields are used by the lock strategy and the cyclic garbage
//! collector, never interpreted by the rest of the runtime: under a GIL the
//! reference count is updated with plain loads and stores, without one with
//! atomic read-modify-writes; the lock byte is unused under a GIL and is
//! PEP 703's one-byte mutex without one. The three `gc_*` fields say where
//! the collector keeps the object (see [`crate::gc`]).
//!
//! The loom build (`--cfg loom`, for `loom-tests/`) adds one field, a
//! `loom::cell::UnsafeCell` that stands for the object's memory: every
//! accessor reads it and dropping the header (freeing the object) writes
//! it, so loom reports an access that the free does not happen after, or
//! that comes after the free, as a use after free. Production builds have
//! neither the field nor the checks.

use crate::sync::{AtomicU32, AtomicU8, Ordering};

/// The object is never freed by reference counting (see
/// [`crate::LockStrategy::IMMORTALIZE_SHARED`]).
pub const FLAG_IMMORTAL: u8 = 1;

/// The object's count is deferred: kept per thread and merged when the
/// world stops, and the object freed by the collector, never by a
/// decrement (see [`crate::deferred_counts`] and
/// [`crate::LockStrategy::DEFER_SHARED`]).
pub const FLAG_DEFERRED: u8 = 2;

/// `Header::state` bit: weak references to the object were registered in
/// the weak reference table (see [`crate::weakref`]); the free path must
/// clear them. Set under the table's lock for this object, before the first
/// weak reference is published; never cleared.
pub const STATE_WEAKREFS: u8 = 1;

/// `Header::state` bit: the object's finalizer (`__del__`, or closing a
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
    /// loom only: the object's memory, `true` until the header is dropped
    /// (see the module documentation).
    #[cfg(loom)]
    memory: loom::cell::UnsafeCell<bool>,
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
            #[cfg(loom)]
            memory: {
                LIVE.with(|n| n.set(n.get() + 1));
                loom::cell::UnsafeCell::new(true)
            },
        }
    }

    /// loom only: an access to the object's memory. loom checks it against
    /// the free's write (a causality violation unless the free happens
    /// after it), and it must come before the free.
    #[cfg(loom)]
    #[inline(always)]
    #[track_caller]
    fn touch(&self) {
        // A second report while a thread unwinds from the first would abort
        // the test process.
        if std::thread::panicking() {
            return;
        }
        // SAFETY: loom's cell checks this read against its one write, in
        // `drop`; the header's storage stays valid after the free for as
        // long as a model runs (loom-tests' allocator holds freed blocks
        // back until the execution ends).
        let allocated = self.memory.with(|p| unsafe { *p });
        assert!(allocated, "an access to a freed object");
    }

    /// loom only: how many headers the models running on this OS thread
    /// made and have not dropped. loom runs every thread of a model as a
    /// coroutine on the OS thread that called `loom::model`, so a model
    /// compares this before and after to check that every object it made
    /// was freed.
    #[cfg(loom)]
    pub fn loom_live() -> usize {
        LIVE.with(std::cell::Cell::get)
    }

    #[inline(always)]
    pub(crate) fn state(&self) -> &AtomicU8 {
        #[cfg(loom)]
        self.touch();
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
        #[cfg(loom)]
        self.touch();
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
        #[cfg(loom)]
        self.touch();
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
        #[cfg(loom)]
        self.touch();
        &self.lock
    }

    #[inline(always)]
    pub fn is_immortal(&self) -> bool {
        #[cfg(loom)]
        self.touch();
        self.flags & FLAG_IMMORTAL != 0
    }

    #[inline(always)]
    pub fn is_deferred(&self) -> bool {
        #[cfg(loom)]
        self.touch();
        self.flags & FLAG_DEFERRED != 0
    }

    /// The `FLAG_*` bits: zero for an ordinary counted object, so a
    /// strategy's count operation needs one test for the common case.
    #[inline(always)]
    pub fn flags(&self) -> u8 {
        #[cfg(loom)]
        self.touch();
        self.flags
    }

    #[inline(always)]
    pub(crate) fn gc_index(&self) -> &AtomicU32 {
        #[cfg(loom)]
        self.touch();
        &self.gc_index
    }

    #[inline(always)]
    pub(crate) fn gc_list(&self) -> &AtomicU32 {
        #[cfg(loom)]
        self.touch();
        &self.gc_list
    }

    #[inline(always)]
    pub(crate) fn gc_gen(&self) -> &AtomicU8 {
        #[cfg(loom)]
        self.touch();
        &self.gc_gen
    }
}

#[cfg(loom)]
std::thread_local! {
    /// See [`Header::loom_live`].
    static LIVE: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// loom only: freeing the object writes its memory (see the module
/// documentation); a second free is reported here if no access before it
/// was.
#[cfg(loom)]
impl Drop for Header {
    fn drop(&mut self) {
        LIVE.with(|n| n.set(n.get() - 1));
        // As in `touch`: no second report while unwinding.
        if std::thread::panicking() {
            return;
        }
        // SAFETY: loom checks this write against every access to the cell.
        let allocated = self
            .memory
            .with_mut(|p| unsafe { std::mem::replace(&mut *p, false) });
        assert!(allocated, "an object freed twice");
    }
}
