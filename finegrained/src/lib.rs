//! The `finegrained` and `perobject` lock strategies: no global lock, as in
//! CPython's free-threaded build (PEP 703).
//!
//! * Reference counts are atomic read-modify-writes ([`refcount`]), and under
//!   `finegrained` the objects every thread touches never have their shared
//!   count written by the threads using them: builtins and types are
//!   immortal, and module-level functions, modules and code constants have
//!   deferred counts, kept per thread and merged when the collector stops the
//!   world (`runtime::deferred_counts`), so that a redefined function is
//!   still freed — the reason independent threads scale instead of fighting
//!   over one cache line.
//! * Each object has a one-byte mutex in its header ([`objlock`]); operations
//!   on two objects lock them in address order.
//! * Attaching and detaching only count the threads that may touch
//!   objects, so that the cyclic collector can stop the world ([`world`]).
//!
//! # Techniques as parameters: `finegrained` and `perobject`
//!
//! [`FineGrainedWith`] takes each technique beyond the naive design as a
//! compile-time parameter, resolved when the runtime is monomorphised, so a
//! switched-off technique costs nothing at run time (its checks are not
//! compiled in). [`PerObject`] has every technique off — atomic counts and a
//! lock on every access to a mutable object, nothing immortal: what a first
//! attempt builds (RustPython's design). [`FineGrained`] has every technique
//! on. The `gilgamesh scale` report's ablation table compares the two (and,
//! as more techniques land, each technique switched on alone).
//!
//! | parameter | technique | `perobject` | `finegrained` |
//! |---|---|---|---|
//! | `DEFERRED` | builtins and types are immortal (never counted, freed when the runtime drops); module-level functions, modules and code constants have deferred counts, freed by the collector | off | on |
//! | `CACHE_GLOBALS` | `LOAD_GLOBAL` reads a per-thread cache validated by the dicts' version numbers instead of locking the globals (and builtins) dict | off | on |
//!
//! The two modes with one technique each, `perobject+deferred` and
//! `perobject+globalcache`, exist for the ablation (`gilgamesh scale
//! --modes`), not as modes of their own in the tests: every code path they
//! take is one that `perobject` or `finegrained` takes.

pub mod objlock;
pub mod refcount;
pub mod world;

use runtime::object::Header;
use runtime::sync::{AtomicU64, Ordering};
use runtime::{LockStats, LockStrategy, StrategyConfig, ThreadIdent};
use std::time::Duration;

/// Fine-grained locking — per-object locks and atomic reference counts —
/// with each technique beyond that naive design switched on or off at
/// compile time (see the [crate documentation](crate)).
///
/// * `DEFERRED`: objects that live as long as the runtime are immortal
///   ([`LockStrategy::IMMORTALIZE_SHARED`]) and those that every thread
///   touches but a program can replace have deferred counts
///   ([`LockStrategy::DEFER_SHARED`]); off, they are counted and freed like
///   any other object, and [`refcount`] has no check for either.
/// * `CACHE_GLOBALS`: the VM's per-thread cache of global names
///   ([`LockStrategy::CACHE_GLOBALS`]); off, every `LOAD_GLOBAL` looks the
///   name up in the globals dict under its lock.
///
/// ```
/// use finegrained::{FineGrained, FineGrainedWith, PerObject};
/// use runtime::LockStrategy;
///
/// assert_eq!(<FineGrainedWith<true, true> as LockStrategy>::NAME, FineGrained::NAME);
/// assert_eq!(<FineGrainedWith<false, false> as LockStrategy>::NAME, PerObject::NAME);
/// assert_eq!(<FineGrainedWith<true, false> as LockStrategy>::NAME, "perobject+deferred");
/// assert_eq!(<FineGrainedWith<false, true> as LockStrategy>::NAME, "perobject+globalcache");
/// assert!(FineGrained::DEFER_SHARED && FineGrained::CACHE_GLOBALS);
/// assert!(!PerObject::IMMORTALIZE_SHARED && !PerObject::CACHE_GLOBALS);
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct FineGrainedWith<const DEFERRED: bool, const CACHE_GLOBALS: bool>;

/// The `finegrained` mode: per-object locks and atomic reference counts, with
/// every technique of [`FineGrainedWith`] switched on.
///
/// ```
/// use finegrained::FineGrained;
/// use runtime::{LockStrategy, Runtime};
///
/// assert_eq!(FineGrained::NAME, "finegrained");
///
/// // No GIL: the two threads may run at once, and `threading.Lock` keeps the
/// // count exact.
/// let rt = Runtime::<FineGrained>::builder().build();
/// rt.attach(|py| {
///     py.run(
///         "import threading\n\
///          n = 0\n\
///          lock = threading.Lock()\n\
///          def work():\n    global n\n    for _ in range(1000):\n        with lock:\n            n += 1\n\
///          ts = [threading.Thread(target=work) for _ in range(2)]\n\
///          for t in ts: t.start()\n\
///          for t in ts: t.join()",
///     )
/// })
/// .unwrap();
/// assert_eq!(rt.eval::<i64>("n").unwrap(), 2000);
/// assert_eq!(rt.lock_stats().gil_acquisitions, 0);
/// ```
pub type FineGrained = FineGrainedWith<true, true>;

/// The `perobject` mode: the naive fine-grained design, kept to measure what
/// each technique of [`FineGrainedWith`] buys. Atomic counts and a lock on
/// every access to a mutable object; nothing is immortal or deferred, and a
/// redefined module-level function is freed by its last decrement, as under
/// a GIL.
///
/// ```
/// use finegrained::PerObject;
/// use runtime::{LockStrategy, Runtime};
///
/// assert_eq!(PerObject::NAME, "perobject");
/// assert!(!PerObject::IMMORTALIZE_SHARED && !PerObject::CACHE_GLOBALS);
///
/// let rt = Runtime::<PerObject>::builder().build();
/// // Each redefinition frees the function it replaces.
/// rt.attach(|py| py.run("def f(): return 1\nfor _ in range(1000):\n    def f(): return 2\n"))
///     .unwrap();
/// assert_eq!(rt.eval::<i64>("f()").unwrap(), 2);
/// assert_eq!(rt.lock_stats().gil_acquisitions, 0);
/// ```
pub type PerObject = FineGrainedWith<false, false>;

/// `perobject` with immortal and deferred shared objects only (for the
/// ablation).
pub type PerObjectDeferred = FineGrainedWith<true, false>;

/// `perobject` with the per-thread global-name cache only (for the
/// ablation).
pub type PerObjectGlobalCache = FineGrainedWith<false, true>;

/// Runtime-wide state of the fine-grained strategy.
///
/// ```
/// use finegrained::FineGrained;
/// use runtime::{LockStrategy, StrategyConfig};
///
/// let shared = FineGrained::new_shared(&StrategyConfig::default());
/// FineGrained::attach(&shared, 1);
/// assert_eq!(shared.world.attached(), 1);
/// // Nothing is pending, so the safe-point check is clear.
/// assert!(!FineGrained::eval_breaker(&shared));
/// FineGrained::detach(&shared, 1);
/// assert_eq!(shared.world.attached(), 0);
///
/// // A GC request sets the eval breaker until it is taken.
/// FineGrained::request_gc(&shared);
/// assert!(FineGrained::eval_breaker(&shared));
/// assert!(FineGrained::take_gc_request(&shared));
/// assert!(!FineGrained::eval_breaker(&shared));
///
/// // There is no GIL to count.
/// assert_eq!(FineGrained::stats(&shared).gil_acquisitions, 0);
/// ```
#[derive(Debug)]
pub struct Shared {
    /// `sys.setswitchinterval` is accepted (CPython 3.13t keeps it too) but
    /// nothing here switches.
    switch_interval_ns: AtomicU64,
    /// Attached threads, stop-the-world and the eval breaker.
    pub world: world::World,
}

// SAFETY: counts are atomic read-modify-writes with `Arc`'s orderings
// (`refcount`), object locks are one-byte mutexes that lock two objects in
// address order (`objlock`), and stop-the-world parks every attached thread
// (`world`); the loom models in `loom-tests` check each protocol.
unsafe impl<const DEFERRED: bool, const CACHE_GLOBALS: bool> LockStrategy
    for FineGrainedWith<DEFERRED, CACHE_GLOBALS>
{
    const NAME: &'static str = match (DEFERRED, CACHE_GLOBALS) {
        (true, true) => "finegrained",
        (false, false) => "perobject",
        (true, false) => "perobject+deferred",
        (false, true) => "perobject+globalcache",
    };
    /// Native calls that declare it detach, so that a stop-the-world does
    /// not wait for them (there is no GIL to release).
    const RELEASES_FOR_NATIVE: bool = true;
    const IMMORTALIZE_SHARED: bool = DEFERRED;
    const DEFER_SHARED: bool = DEFERRED;
    const CACHE_GLOBALS: bool = CACHE_GLOBALS;
    type Shared = Shared;

    fn new_shared(config: &StrategyConfig) -> Shared {
        Shared {
            switch_interval_ns: AtomicU64::new(config.switch_interval.as_nanos() as u64),
            world: world::World::new(),
        }
    }

    #[inline]
    fn attach(shared: &Shared, _thread: ThreadIdent) {
        shared.world.attach()
    }

    #[inline]
    fn detach(shared: &Shared, _thread: ThreadIdent) {
        shared.world.detach()
    }

    #[inline(always)]
    fn eval_breaker(shared: &Shared) -> bool {
        shared.world.breaker() != 0
    }

    #[inline]
    fn handle_eval_breaker(shared: &Shared, _thread: ThreadIdent) {
        if shared.world.breaker() & world::STOP_REQUEST != 0 {
            shared.world.park_if_stopping();
        }
    }

    fn request_gc(shared: &Shared) {
        shared.world.set_breaker(world::GC_REQUEST);
    }

    fn take_gc_request(shared: &Shared) -> bool {
        shared.world.take_breaker(world::GC_REQUEST)
    }

    fn stop_the_world(shared: &Shared, _thread: ThreadIdent) {
        shared.world.stop()
    }

    fn start_the_world(shared: &Shared, _thread: ThreadIdent) {
        shared.world.start()
    }

    #[inline(always)]
    unsafe fn incref(header: &Header) {
        // SAFETY: the caller upholds `incref`'s contract.
        unsafe { refcount::incref::<DEFERRED>(header) }
    }

    #[inline(always)]
    unsafe fn decref(header: &Header) -> bool {
        // SAFETY: the caller upholds `decref`'s contract.
        unsafe { refcount::decref::<DEFERRED>(header) }
    }

    unsafe fn try_incref(header: &Header) -> bool {
        // SAFETY: the caller upholds `try_incref`'s contract.
        unsafe { refcount::try_incref::<DEFERRED>(header) }
    }

    unsafe fn resurrect(header: &Header) {
        // SAFETY: the caller upholds `resurrect`'s contract.
        unsafe { refcount::resurrect(header) }
    }

    #[inline(always)]
    unsafe fn lock_object(header: &Header) {
        // SAFETY: the object lock protocol's own entry point.
        objlock::lock(unsafe { header.lock_byte() })
    }

    #[inline(always)]
    unsafe fn unlock_object(header: &Header) {
        // SAFETY: the caller holds the lock (`unlock_object`'s contract).
        objlock::unlock(unsafe { header.lock_byte() })
    }

    unsafe fn lock_two(a: &Header, b: &Header) {
        // SAFETY: the object lock protocol's own entry point.
        objlock::lock_two(unsafe { a.lock_byte() }, unsafe { b.lock_byte() })
    }

    fn switch_interval(shared: &Shared) -> Duration {
        Duration::from_nanos(shared.switch_interval_ns.load(Ordering::Relaxed))
    }

    fn set_switch_interval(shared: &Shared, interval: Duration) {
        shared
            .switch_interval_ns
            .store(interval.as_nanos() as u64, Ordering::Relaxed)
    }

    fn stats(_shared: &Shared) -> LockStats {
        LockStats {
            contended_object_locks: objlock::contended_count(),
            ..LockStats::default()
        }
    }
}
