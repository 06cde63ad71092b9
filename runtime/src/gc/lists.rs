//! Tracking lists: where the collector finds the container objects.
//!
//! Every thread that runs Python code for a runtime owns one [`GcList`]:
//! the addresses of the container objects it allocated, by generation (plus
//! the permanent generation of `gc.freeze()`). An allocation appends to the
//! allocating thread's own list, so allocation never contends with other
//! threads (PEP 703 asks the same of free-threaded allocation). Each object
//! records its list and its position there in its header, so the free path
//! removes it in constant time (swap-remove, fixing the header of the
//! object that moved into its place), whichever thread frees it.
//!
//! A list's lock is a leaf lock: nothing else is locked, nothing waits and
//! no Python code runs while it is held; a thread other than the owner takes
//! it only to free one of the owner's objects, or to collect. That is why it
//! is a plain `parking_lot` mutex and has no loom model (the locking
//! protocols with models are in `loom-tests/`).
//!
//! Lists are found by id through a process-wide table, because the free path
//! knows an object only by its header; a list is never freed, only handed
//! back to a pool when its runtime ends, and reused.

use crate::object::Header;
use std::cell::Cell;
use std::sync::atomic::{AtomicI64, AtomicPtr, AtomicU32, Ordering};

/// Generations 0, 1 and 2, then the permanent generation of `gc.freeze()`.
pub(crate) const PERMANENT: usize = 3;
/// [`Header::gc_gen`] while the object is in a collector's working set.
pub(crate) const COLLECTING: u8 = 0xFE;
/// [`Header::gc_gen`] while the object is unreachable garbage that the
/// collector holds (and finalizes, then clears).
pub(crate) const UNREACHABLE: u8 = 0xFF;

/// How many lists can exist in one process (threads of all runtimes alive
/// at once, plus the lists runtimes keep for threads that ended).
const MAX_LISTS: usize = 1 << 16;

/// How far a thread's allocation count runs ahead of the runtime-wide
/// count before it is added to it: the runtime-wide counter is written once
/// per this many allocations, not on every one.
const FLUSH_EVERY: i64 = 32;

/// The tracked objects of one thread of one runtime.
pub(crate) struct GcList {
    pub(crate) id: u32,
    /// Object addresses by generation ([`PERMANENT`] last).
    pub(crate) objects: parking_lot::Mutex<[Vec<usize>; 4]>,
    /// CPython's `generations[0].count` as seen by the thread using this
    /// list: container allocations minus deallocations since the last
    /// collection, never below zero. Written only by that thread, or by the
    /// collector while that thread cannot run Python code.
    pub(crate) count: AtomicI64,
    /// The part of `count`'s changes not yet added to the runtime's total.
    pub(crate) unflushed: AtomicI64,
}

static TABLE: [AtomicPtr<GcList>; MAX_LISTS] =
    [const { AtomicPtr::new(std::ptr::null_mut()) }; MAX_LISTS];
static NEXT_ID: AtomicU32 = AtomicU32::new(1);
static POOL: parking_lot::Mutex<Vec<&'static GcList>> = parking_lot::Mutex::new(Vec::new());

/// A list no runtime uses: from the pool, or new.
pub(crate) fn acquire() -> &'static GcList {
    if let Some(list) = POOL.lock().pop() {
        return list;
    }
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    assert!(
        (id as usize) < MAX_LISTS,
        "more than {MAX_LISTS} threads tracking objects at once"
    );
    let list: &'static GcList = Box::leak(Box::new(GcList {
        id,
        objects: parking_lot::Mutex::new(Default::default()),
        count: AtomicI64::new(0),
        unflushed: AtomicI64::new(0),
    }));
    TABLE[id as usize].store(list as *const GcList as *mut GcList, Ordering::Release);
    list
}

/// Hands an emptied list back to the pool.
pub(crate) fn release(list: &'static GcList) {
    debug_assert!(list.objects.lock().iter().all(Vec::is_empty));
    list.count.store(0, Ordering::Relaxed);
    list.unflushed.store(0, Ordering::Relaxed);
    POOL.lock().push(list);
}

/// The list with id `id` (taken from a tracked object's header).
pub(crate) fn by_id(id: u32) -> &'static GcList {
    let p = TABLE[id as usize].load(Ordering::Acquire);
    // SAFETY: ids are handed out by `acquire` only after the table entry is
    // stored, and entries point to leaked lists that are never freed.
    unsafe { &*p }
}

/// The header of the object at `addr`: the header is the object's first
/// field (`PyObject` is `repr(C)`), so the addresses are the same.
///
/// # Safety
/// `addr` must be the address of a live object.
pub(crate) unsafe fn header_at<'a>(addr: usize) -> &'a Header {
    // SAFETY: the caller guarantees a live object at `addr`.
    unsafe { &*(addr as *const Header) }
}

impl GcList {
    /// Starts tracking the object at `addr` in generation `gen`.
    pub(crate) fn push(&self, header: &Header, addr: usize, gen: usize) {
        self.push_locked(&mut self.objects.lock(), header, addr, gen);
    }

    /// [`GcList::push`] with this list's lock already held (`objects` is
    /// its guarded contents).
    pub(crate) fn push_locked(
        &self,
        objects: &mut [Vec<usize>; 4],
        header: &Header,
        addr: usize,
        gen: usize,
    ) {
        let v = &mut objects[gen];
        header.gc_index().store(v.len() as u32, Ordering::Relaxed);
        header.gc_gen().store(gen as u8, Ordering::Relaxed);
        header.gc_list().store(self.id, Ordering::Relaxed);
        v.push(addr);
    }

    /// Stops tracking an object of this list (it is being freed).
    pub(crate) fn remove(&self, header: &Header) {
        let mut objects = self.objects.lock();
        let gen = header.gc_gen().load(Ordering::Relaxed) as usize;
        header.gc_list().store(0, Ordering::Relaxed);
        let Some(v) = objects.get_mut(gen) else {
            // In a collector's hands: the collector holds a reference to
            // every object it works on, so none is freed meanwhile.
            debug_assert!(false, "freeing an object the collector holds");
            return;
        };
        let i = header.gc_index().load(Ordering::Relaxed) as usize;
        v.swap_remove(i);
        if let Some(&moved) = v.get(i) {
            // SAFETY: objects in a list are live (each leaves its list, under
            // this lock, before it is freed).
            unsafe { header_at(moved) }
                .gc_index()
                .store(i as u32, Ordering::Relaxed);
        }
    }

    /// Counts an allocation (`+1`) or a deallocation (`-1`) of a container
    /// by the thread that owns this list; returns the runtime's estimate of
    /// allocations minus deallocations since the last collection.
    #[inline]
    pub(crate) fn count_change(&self, delta: i64, young: &AtomicI64) -> i64 {
        let c = self.count.load(Ordering::Relaxed);
        if delta < 0 && c <= 0 {
            // CPython never lets the count go below zero.
            return 0;
        }
        self.count.store(c + delta, Ordering::Relaxed);
        let mut u = self.unflushed.load(Ordering::Relaxed) + delta;
        let total = if u.abs() >= FLUSH_EVERY {
            let t = young.fetch_add(u, Ordering::Relaxed) + u;
            u = 0;
            t
        } else {
            young.load(Ordering::Relaxed) + u
        };
        self.unflushed.store(u, Ordering::Relaxed);
        total
    }
}

/// What the calling thread tracks into: the list of the runtime whose VM
/// runs on it, and how to reach that runtime.
#[derive(Clone, Copy)]
pub(crate) struct Current {
    pub(crate) list: Option<&'static GcList>,
    /// The runtime's [`super::GcState`].
    pub(crate) state: *const super::GcState,
    /// The runtime's strategy state (`S::Shared`, for `strategy` = `S`).
    pub(crate) shared: *const (),
    /// `TypeId` of the runtime's strategy: objects of another strategy (a
    /// second runtime used from this thread) are not tracked here.
    pub(crate) strategy: Option<std::any::TypeId>,
}

impl Current {
    pub(crate) const NONE: Current = Current {
        list: None,
        state: std::ptr::null(),
        shared: std::ptr::null(),
        strategy: None,
    };
}

thread_local! {
    pub(crate) static CURRENT: Cell<Current> = const { Cell::new(Current::NONE) };
}
