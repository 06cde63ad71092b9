//! Deferred reference counting without a GIL: the counts of objects that
//! every thread touches (module-level functions, modules and their dicts,
//! code constants) kept per thread and merged when the world stops.
//!
//! # Why
//!
//! Without a GIL a reference count is an atomic word. Two threads calling
//! the same module-level function both write its count on every call, and
//! the count's cache line moves between their cores on every write: a
//! scaling workload stops scaling on one shared object. PEP 703 answers
//! with immortal objects (never counted, never freed) and deferred counts
//! (stack references skipped, the collector accounting for them). Making
//! such objects immortal leaks every redefined function; this module keeps
//! them counted and freed.
//!
//! # The protocol
//!
//! An object allocated with [`crate::header::FLAG_DEFERRED`] has a *true
//! count*: its header's count word plus, for every thread, that thread's
//! *delta* for it. Only the sum means anything; the word alone may sit
//! below the truth (a thread that took a reference has not published it)
//! or above it, and may even wrap.
//!
//! * **count** ([`add`], from the strategy's `incref`/`decref`/`try_incref`
//!   on an attached thread): add ±1 to this thread's delta for the object,
//!   in a small direct-mapped table. No shared memory is written. When two
//!   objects want the same slot, the old one's delta is applied to its
//!   count word first (an atomic add) and its slot reused. `decref` never
//!   frees a deferred object.
//! * **flush** ([`flush`]): apply every delta of this thread to its count
//!   word and empty the table. A thread flushes whenever it stops being
//!   attached: on every detach (`finegrained::world`'s, which a safe point's
//!   park and a blocking call go through) and at the end of an
//!   [`crate::attached::Exclusive`] phase. The flush happens before the
//!   detach's `Release`, so whoever sees the thread detached (with
//!   `Acquire`) sees its flushed counts.
//! * **collect** (the collector's sweep, `Vm::sweep_deferred`, after
//!   every full collection and whenever enough deferred objects were
//!   allocated since the last): stop the world, flush the collector's own
//!   table, and read the words.
//!   Every other thread is detached or parked, so every delta is in a word:
//!   each word is the true count. A deferred object whose word is zero has
//!   no reference anywhere: no thread holds one (its delta would be in the
//!   word) and no object does. Its weak references are cleared while the
//!   world is stopped (so nothing can revive it); it is freed after.
//!
//! Why a table entry never outlives its object: an entry exists only for
//! an object the thread counted since its last flush, so the thread was
//! attached all that time, and a collection cannot complete a stop while
//! it is attached. The objects a collection frees had a true count of
//! zero, so no thread counts them again. Teardown flushes before it frees
//! storage (see `Interp`'s drop).
//!
//! Departures from PEP 703: CPython 3.13t skips only the interpreter
//! stack's references to a deferred object and counts the rest in the
//! shared word; here every reference a thread makes or drops is kept
//! per thread, because the Rust runtime takes references everywhere (a
//! `clone` in native code is as common as a stack push). The cyclic
//! collector tracks deferred containers like any other and reads their
//! counts with the world stopped, after its own flush, when they are exact;
//! a deferred object it finds in a garbage cycle is released by the next
//! sweep, since a decrement never frees one.
//!
//! The loom model in `loom-tests/tests/loom_deferred.rs` runs this module
//! with `finegrained::world` and the strategy's count operations; its
//! mutant, `loom_switches::MUTANT_DETACH_KEEPS_DELTAS` (loom builds only), leaves the deltas
//! in the table on detach, and the model sees the collector free an object
//! that a thread still holds.

use crate::header::Header;
use crate::sync::Ordering;
use std::cell::UnsafeCell;

/// Slots in a thread's table (a power of two). Few shared objects are hot
/// at once: the function being called, its module's dict, a constant.
const SLOTS: usize = 32;

/// One thread's deltas: slot `i` holds `deltas[i]` for the object whose
/// header is `objects[i]`, if bit `i` of `used` is set. Deltas wrap, as
/// the count word does; only the sum is read.
struct Table {
    objects: [*const Header; SLOTS],
    deltas: [u32; SLOTS],
    used: u32,
}

impl Table {
    const EMPTY: Table = Table {
        objects: [std::ptr::null(); SLOTS],
        deltas: [0; SLOTS],
        used: 0,
    };
}

#[cfg(not(loom))]
std::thread_local! {
    static TABLE: UnsafeCell<Table> = const { UnsafeCell::new(Table::EMPTY) };
}
#[cfg(loom)]
loom::thread_local! {
    static TABLE: UnsafeCell<Table> = UnsafeCell::new(Table::EMPTY);
}

/// The slot for an object: headers are at least 8-byte aligned, and
/// objects allocated together sit a few dozen bytes apart.
#[inline(always)]
fn slot(header: *const Header) -> usize {
    let a = header as usize;
    ((a >> 4) ^ (a >> 10)) & (SLOTS - 1)
}

/// Applies a delta to an object's count word.
///
/// # Safety
/// `header` is a live object's header (the protocol's invariant: a table
/// entry never outlives its object).
#[inline]
unsafe fn publish(header: *const Header, delta: u32) {
    // SAFETY: the caller's contract; the count word is written only by the
    // strategy's count operations, and this is one of them.
    unsafe { (*header).refcount_word() }.fetch_add(delta, Ordering::Relaxed);
}

/// Adds `delta` (wrapping: 1 or `u32::MAX` for -1) to this thread's delta
/// for a deferred object.
///
/// Out of line: the strategy's count operations are inlined at every
/// clone and drop in the interpreter loop, and a table update at each of
/// them would bloat the loop that the common case (an ordinary object)
/// runs through.
///
/// # Safety
/// The calling thread is attached (or in an `Exclusive` phase), and the
/// object is live: the caller holds a reference to it (or, for a
/// decrement, is dropping its own).
#[inline(never)]
pub unsafe fn add(header: &Header, delta: u32) {
    let h = header as *const Header;
    TABLE.with(|t| {
        // SAFETY: the table is this thread's own, and nothing here calls
        // out while the borrow lives, so no other borrow of it exists.
        let t = unsafe { &mut *t.get() };
        let i = slot(h);
        let bit = 1u32 << i;
        if t.used & bit != 0 {
            if t.objects[i] == h {
                t.deltas[i] = t.deltas[i].wrapping_add(delta);
                return;
            }
            // SAFETY: an entry's object is live (the protocol's invariant).
            unsafe { publish(t.objects[i], t.deltas[i]) };
        }
        t.objects[i] = h;
        t.deltas[i] = delta;
        t.used |= bit;
    })
}

/// Applies every delta of this thread to its object's count word and
/// empties the table: the thread is about to stop being attached.
#[inline]
pub fn flush() {
    #[cfg(loom)]
    if loom_switches::on(&loom_switches::MUTANT_DETACH_KEEPS_DELTAS) {
        return;
    }
    flush_now();
}

/// [`flush`] without the mutant switch: the collector's flush of its own
/// table, which the mutant does not break.
#[inline]
pub fn flush_now() {
    let _ = TABLE.try_with(|t| {
        // SAFETY: as in `add`.
        let t = unsafe { &mut *t.get() };
        let mut used = t.used;
        while used != 0 {
            let i = used.trailing_zeros() as usize;
            used &= used - 1;
            if t.deltas[i] != 0 {
                // SAFETY: an entry's object is live (the protocol's
                // invariant).
                unsafe { publish(t.objects[i], t.deltas[i]) };
            }
        }
        t.used = 0;
    });
}

/// This thread's unpublished delta for an object (for `sys.getrefcount`).
pub fn local_delta(header: &Header) -> u32 {
    let h = header as *const Header;
    TABLE
        .try_with(|t| {
            // SAFETY: as in `add`.
            let t = unsafe { &*t.get() };
            let i = slot(h);
            if t.used & (1 << i) != 0 && t.objects[i] == h {
                t.deltas[i]
            } else {
                0
            }
        })
        .unwrap_or(0)
}

/// Model switches for `loom-tests`; none of them exists in production builds.
#[cfg(loom)]
pub mod loom_switches {
    use std::sync::atomic::AtomicBool;

    /// Mutant: a detaching thread keeps its deltas, so the collector reads
    /// a count word that misses its references.
    pub static MUTANT_DETACH_KEEPS_DELTAS: AtomicBool = AtomicBool::new(false);

    pub(super) fn on(switch: &AtomicBool) -> bool {
        switch.load(std::sync::atomic::Ordering::Relaxed)
    }
}
