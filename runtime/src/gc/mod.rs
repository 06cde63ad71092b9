//! The cyclic garbage collector: reference counting frees most objects, and
//! this finds the groups of objects that only keep each other alive.
//!
//! # What it does (CPython's `Modules/gcmodule.c`, 3.11)
//!
//! * **Tracking.** Container objects (those that can refer to other
//!   objects, `traverse::is_container`) are tracked from allocation, in
//!   generation 0, on their thread's list (`lists`).
//! * **When.** Each container allocation adds one to the young count and
//!   each deallocation takes one away (never below zero). When the count
//!   passes `threshold0` (700), a collection is *scheduled*: the strategy's
//!   eval breaker is set ([`LockStrategy::request_gc`]) and the first thread
//!   to reach a safe point runs it (as CPython 3.12+ does, never inside an
//!   allocation, where object locks may be held). Generation 1 is collected
//!   instead after `threshold1` collections of generation 0, generation 2
//!   after `threshold2` of generation 1 (and only when the objects that
//!   would move into it are at least a quarter of it, CPython's
//!   `long_lived_pending` rule).
//! * **Finding garbage** (`collect`): copy every collected object's
//!   reference count, subtract the references coming from objects in the
//!   collected generations, and what is still above zero is referenced from
//!   outside; everything reachable from those survives (into the next
//!   generation), the rest is unreachable.
//! * **Finalising** (PEP 442): the collector takes a reference to each
//!   unreachable object, clears the weak references to them (calling the
//!   callbacks of weak references that are not garbage themselves), runs
//!   each `__del__` that did not run before, checks again what the
//!   finalizers made reachable (those objects live on), and breaks the
//!   remaining cycles (`traverse::clear`); dropping its references then
//!   frees the objects by reference counting.
//!
//! # Who may touch objects meanwhile
//!
//! Finding garbage reads every count and every reference of the collected
//! objects, so nobody else may change them: under `gil` and `gil-release`
//! the collecting thread holds the GIL (threads without it never touch
//! objects); under `finegrained` the collector stops the world
//! ([`LockStrategy::stop_the_world`]: PEP 703's attached, detached and
//! suspended threads). The world runs again while finalizers and callbacks
//! run, since they are Python code that may wait for other threads.

pub(crate) mod collect;
pub(crate) mod lists;
pub(crate) mod traverse;

use crate::interp::Interp;
use crate::object::{Header, ObjRef};
use crate::strategy::LockStrategy;
use lists::{GcList, CURRENT};
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU32, Ordering};
use std::time::Duration;

pub(crate) use traverse::is_container;

/// Number of generations (CPython's `NUM_GENERATIONS`).
///
/// ```
/// let rt = runtime::Runtime::<gil::Gil>::builder().build();
/// assert_eq!(rt.gc_stats().generations.len(), runtime::GENERATIONS);
/// assert_eq!(rt.eval::<usize>("len(__import__('gc').get_count())").unwrap(), runtime::GENERATIONS);
/// ```
pub const GENERATIONS: usize = 3;

/// CPython's default thresholds, `gc.get_threshold()`.
///
/// ```
/// let rt = runtime::Runtime::<gil::Gil>::builder().build();
/// let t: Vec<u32> = rt.eval("list(__import__('gc').get_threshold())").unwrap();
/// assert_eq!(t, runtime::gc::DEFAULT_THRESHOLDS);
/// ```
pub const DEFAULT_THRESHOLDS: [u32; GENERATIONS] = [700, 10, 10];

/// What one generation's collections found (`gc.get_stats()`).
///
/// ```
/// let rt = runtime::Runtime::<gil::Gil>::builder().build();
/// rt.run_source("import gc\nclass Node: pass\n\
///                a, b = Node(), Node()\na.other, b.other = b, a\ndel a, b\n\
///                gc.collect(0)", "pair.py").unwrap();
/// let young = rt.gc_stats().generations[0];
/// assert!(young.collections >= 1);
/// assert_eq!(young.collected, 2); // the two instances of the cycle
/// assert_eq!(young.uncollectable, 0);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GenerationStats {
    /// Collections of this generation.
    pub collections: u64,
    /// Unreachable objects they found (and freed, unless resurrected).
    pub collected: u64,
    /// Unreachable objects that could not be freed (always 0: since PEP
    /// 442 every cycle can be collected).
    pub uncollectable: u64,
}

/// What the collector did so far (`gilgamesh run --stats`), from
/// [`Runtime::gc_stats`](crate::Runtime::gc_stats).
///
/// ```
/// let rt = runtime::Runtime::<finegrained::FineGrained>::builder()
///     .gc_enabled(false)
///     .capture_output(true)
///     .build();
/// rt.run_source("import gc\nfor _ in range(3):\n    l = []\n    l.append(l)\ndel l\n\
///                print(gc.collect())", "loops.py").unwrap();
/// assert_eq!(rt.take_stdout(), "3\n");
/// let stats = rt.gc_stats();
/// // The explicit full collection (and the one at exit) found the three lists.
/// assert_eq!(stats.generations[2].collected, 3);
/// assert!(stats.longest_pause <= stats.total_pause);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GcStats {
    /// Per generation, youngest first (the rows of `gc.get_stats()`).
    pub generations: [GenerationStats; GENERATIONS],
    /// The longest time other threads were kept from running Python code
    /// by one collection (the world stopped, or the GIL held, while the
    /// collector read counts and references).
    pub longest_pause: Duration,
    /// The sum of those pauses.
    pub total_pause: Duration,
}

/// The collector's state for one runtime.
pub struct GcState {
    enabled: AtomicBool,
    thresholds: [AtomicU32; GENERATIONS],
    /// The young count as the threads last reported it (see
    /// [`GcList::count_change`]): the trigger's estimate.
    young: AtomicI64,
    /// A collection was scheduled and has not started yet.
    requested: AtomicBool,
    /// A collection is running (CPython's `gcstate->collecting`).
    collecting: AtomicBool,
    lists: parking_lot::Mutex<Lists>,
    book: parking_lot::Mutex<Book>,
}

/// The lists of one runtime: all of them, and those no thread uses now.
#[derive(Default)]
struct Lists {
    all: Vec<&'static GcList>,
    idle: Vec<&'static GcList>,
}

/// Counts kept under the collector's lock.
#[derive(Default)]
struct Book {
    /// `generations[i].count` for i = 1, 2: collections of the generation
    /// below since this one was last collected (index 0 unused: the young
    /// count lives in the lists).
    counts: [i64; GENERATIONS],
    long_lived_total: usize,
    long_lived_pending: usize,
    stats: GcStats,
}

/// A runtime's collector settings (see [`crate::embed::Builder`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GcConfig {
    pub enabled: bool,
    pub thresholds: [u32; GENERATIONS],
}

impl Default for GcConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            thresholds: DEFAULT_THRESHOLDS,
        }
    }
}

impl GcState {
    pub fn new(config: &GcConfig) -> Self {
        Self {
            enabled: AtomicBool::new(config.enabled),
            thresholds: config.thresholds.map(AtomicU32::new),
            young: AtomicI64::new(0),
            requested: AtomicBool::new(false),
            collecting: AtomicBool::new(false),
            lists: Default::default(),
            book: Default::default(),
        }
    }

    pub fn is_enabled(&self) -> bool {
        self.enabled.load(Ordering::Relaxed)
    }

    pub fn set_enabled(&self, on: bool) {
        self.enabled.store(on, Ordering::Relaxed)
    }

    pub fn thresholds(&self) -> [u32; GENERATIONS] {
        [0, 1, 2].map(|i| self.thresholds[i].load(Ordering::Relaxed))
    }

    pub fn set_thresholds(&self, t: [u32; GENERATIONS]) {
        for (slot, v) in self.thresholds.iter().zip(t) {
            slot.store(v, Ordering::Relaxed);
        }
    }

    /// `gc.get_count()`: the young count, then the collections of the
    /// generation below since generations 1 and 2 were last collected.
    pub fn counts(&self) -> [i64; GENERATIONS] {
        let young = self
            .lists
            .lock()
            .all
            .iter()
            .map(|l| l.count.load(Ordering::Relaxed))
            .sum::<i64>()
            .max(0);
        let book = self.book.lock();
        [young, book.counts[1], book.counts[2]]
    }

    pub fn stats(&self) -> GcStats {
        self.book.lock().stats
    }

    /// Objects in the permanent generation (`gc.get_freeze_count()`).
    pub fn freeze_count(&self) -> usize {
        let lists = self.lists.lock();
        lists
            .all
            .iter()
            .map(|l| l.objects.lock()[lists::PERMANENT].len())
            .sum()
    }

    fn all_lists(&self) -> Vec<&'static GcList> {
        self.lists.lock().all.clone()
    }

    fn take_list(&self) -> &'static GcList {
        let mut lists = self.lists.lock();
        if let Some(l) = lists.idle.pop() {
            return l;
        }
        let l = lists::acquire();
        lists.all.push(l);
        l
    }

    fn give_back(&self, list: &'static GcList) {
        self.lists.lock().idle.push(list);
    }
}

impl Drop for GcState {
    /// The runtime is gone: objects still tracked here are garbage that no
    /// collection freed (or that nothing will ever free). They stay
    /// allocated, untracked, and the lists go back to the process's pool.
    fn drop(&mut self) {
        for list in std::mem::take(&mut self.lists.get_mut().all) {
            for gen in list.objects.lock().iter_mut() {
                for addr in gen.drain(..) {
                    // SAFETY: objects in a list are live.
                    unsafe { lists::header_at(addr) }
                        .gc_list()
                        .store(0, Ordering::Relaxed);
                }
            }
            lists::release(list);
        }
    }
}

/// A VM's tracking list, and what the thread it runs on tracked into
/// before it attached.
pub(crate) struct VmList {
    list: &'static GcList,
    previous: std::cell::Cell<lists::Current>,
}

// SAFETY: the pointers in `previous` are only stored and put back into the
// thread-local binding of the thread that attached the VM (attach and
// detach run on the same thread); they are never dereferenced through this
// value.
unsafe impl Send for VmList {}

/// A tracking list for a new VM of `interp`.
pub(crate) fn vm_list<S: LockStrategy>(interp: &Interp<S>) -> VmList {
    VmList {
        list: interp.gc.take_list(),
        previous: std::cell::Cell::new(lists::Current::NONE),
    }
}

/// The VM attaches on the calling thread: containers allocated here are
/// tracked in its list until [`leave`].
pub(crate) fn enter<S: LockStrategy>(interp: &Interp<S>, vm: &VmList) {
    let now = lists::Current {
        list: Some(vm.list),
        state: &interp.gc,
        shared: &interp.strategy as *const S::Shared as *const (),
        strategy: Some(std::any::TypeId::of::<S>()),
    };
    vm.previous.set(CURRENT.with(|c| c.replace(now)));
}

/// The VM detaches: the thread tracks into what it did before [`enter`].
pub(crate) fn leave(vm: &VmList) {
    let _ = CURRENT.try_with(|c| c.set(vm.previous.get()));
}

/// The VM is gone: its list goes back to the runtime, objects and all.
pub(crate) fn release_vm_list<S: LockStrategy>(interp: &Interp<S>, vm: VmList) {
    interp.gc.give_back(vm.list);
}

/// The binding of the calling thread, when it belongs to a runtime of
/// strategy `S`.
#[inline(always)]
fn current<S: LockStrategy>() -> Option<(&'static GcList, lists::Current)> {
    let cur = CURRENT.try_with(|c| c.get()).ok()?;
    let list = cur.list?;
    (cur.strategy == Some(std::any::TypeId::of::<S>())).then_some((list, cur))
}

/// A container object was just allocated: track it on this thread's list
/// and schedule a collection when the young count passes threshold 0.
#[inline]
pub(crate) fn on_alloc<S: LockStrategy>(obj: &ObjRef<S>) {
    let Some((list, cur)) = current::<S>() else {
        return;
    };
    list.push(&obj.header, obj.addr(), 0);
    // SAFETY: `state` and `shared` belong to the runtime whose VM runs on
    // this thread (the binding ends before that VM drops its handle on
    // the runtime), and `shared` is `S::Shared` (the `TypeId` matched).
    let (state, shared) = unsafe { (&*cur.state, &*(cur.shared as *const S::Shared)) };
    let young = list.count_change(1, &state.young);
    let threshold = state.thresholds[0].load(Ordering::Relaxed);
    if young > threshold as i64
        && threshold != 0
        && state.is_enabled()
        && !state.requested.load(Ordering::Relaxed)
        && !state.requested.swap(true, Ordering::Relaxed)
    {
        S::request_gc(shared);
    }
}

/// A container object is being freed: untrack it, and count the
/// deallocation on this thread's list.
#[inline]
pub(crate) fn on_free<S: LockStrategy>(header: &Header) {
    let id = header.gc_list().load(Ordering::Relaxed);
    if id != 0 {
        lists::by_id(id).remove(header);
    }
    if let Some((list, cur)) = current::<S>() {
        // SAFETY: as in `on_alloc`.
        let state = unsafe { &*cur.state };
        list.count_change(-1, &state.young);
    }
}

/// Takes an object out of its tracking list, if it is in one, without the
/// allocation bookkeeping of [`on_free`]: runtime teardown, which frees the
/// registered shared objects before the lists are dropped.
pub(crate) fn untrack(header: &Header) {
    let id = header.gc_list().load(Ordering::Relaxed);
    if id != 0 {
        lists::by_id(id).remove(header);
    }
}

/// Whether the collector tracks the object (`gc.is_tracked`). Immortal
/// containers count as tracked, in the permanent generation: they are what
/// `gc.freeze()` makes of objects (CPython 3.13t tracks them too).
pub fn is_tracked<S: LockStrategy>(obj: &ObjRef<S>) -> bool {
    obj.header.gc_list().load(Ordering::Relaxed) != 0
        || (obj.header.is_immortal() && is_container(obj.stored()))
}
