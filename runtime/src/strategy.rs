//! The seam between the interpreter and its lock strategy.
//!
//! Modelled on `lock_api`: [`LockStrategy`] is a small *raw* trait that owns the
//! locking protocol — attaching threads, safe points, reference counts,
//! per-object locks — and everything else (the VM, the object model, the
//! builtins) is generic over `S: LockStrategy` and monomorphised, so a lock
//! operation never costs a dynamic dispatch. The safe wrappers that use these
//! raw operations live next to the data they protect: [`crate::object::ObjRef`]
//! (reference counts) and [`crate::object::ObjCell`] (per-object locks).
//!
//! This crate never names a concrete strategy; `gil` and `finegrained`
//! implement the trait.

use crate::object::Header;
use std::time::Duration;

/// Settings a strategy is created with.
///
/// ```
/// use runtime::{Runtime, StrategyConfig};
/// use std::time::Duration;
///
/// assert_eq!(StrategyConfig::default().switch_interval, Duration::from_millis(5));
///
/// let rt = Runtime::<gil::Gil>::new(StrategyConfig {
///     switch_interval: Duration::from_millis(1),
/// });
/// let interval: f64 = rt.eval("__import__('sys').getswitchinterval()").unwrap();
/// assert_eq!(interval, 0.001);
/// ```
#[derive(Clone, Debug)]
pub struct StrategyConfig {
    /// How long a thread waiting for the GIL waits before it asks the holder to
    /// drop it (`sys.setswitchinterval`). CPython's default is 5 ms.
    pub switch_interval: Duration,
}

impl Default for StrategyConfig {
    fn default() -> Self {
        Self {
            switch_interval: Duration::from_millis(5),
        }
    }
}

/// What a strategy counted. Fields a strategy does not use stay zero.
///
/// ```
/// use runtime::{LockStats, Runtime};
///
/// let rt = Runtime::<gil::Gil>::builder().build();
/// rt.run_source("total = sum(range(100))", "count.py").unwrap();
/// let stats: LockStats = rt.lock_stats();
/// assert!(stats.gil_acquisitions >= 1);
/// assert_eq!(stats.contended_object_locks, 0); // there are no object locks under a GIL
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LockStats {
    /// Times a thread took the GIL.
    pub gil_acquisitions: u64,
    /// Acquisitions by a different thread than the previous holder.
    pub gil_switches: u64,
    /// Drops where the dropper waited until another thread took the GIL.
    pub forced_switches: u64,
    /// Drop requests set by waiters whose switch interval ran out.
    pub drop_requests: u64,
    /// Total time threads spent waiting to take the GIL, in nanoseconds.
    pub gil_wait_ns: u64,
    /// Per-object lock acquisitions that found the lock held.
    pub contended_object_locks: u64,
}

/// A thread's identity as the strategy sees it (unique within a process).
///
/// ```
/// use gil::Gil;
/// use runtime::{LockStrategy, StrategyConfig, ThreadIdent};
///
/// let shared = Gil::new_shared(&StrategyConfig::default());
/// let me: ThreadIdent = 7;
/// Gil::attach(&shared, me);
/// Gil::detach(&shared, me);
/// assert_eq!(Gil::stats(&shared).gil_acquisitions, 1);
/// ```
pub type ThreadIdent = u64;

/// The raw locking protocol of one lock mode.
///
/// # Safety
///
/// This is a raw trait, as `lock_api::RawMutex` is: the object model's memory
/// safety rests on its implementations. An implementation must uphold the
/// rules below for every caller that upholds the callers' half (the `# Safety`
/// section of each `unsafe fn`): under its protocol no two threads change one
/// object's count or contents at once, [`decref`] reports zero exactly once,
/// and [`lock_object`] excludes every other thread that takes the same
/// object's lock until [`unlock_object`].
///
/// # Contract
///
/// * A thread runs bytecode or touches objects only between [`attach`] and
///   [`detach`]. Blocking calls detach around the wait.
/// * The VM polls [`eval_breaker`] at every safe point (backward jumps and
///   calls) and calls [`handle_eval_breaker`] when it is set.
/// * [`decref`] returns `true` exactly once per object: for the reference whose
///   release must free it. The caller then frees the object.
/// * Between [`lock_object`] and [`unlock_object`] the caller has exclusive
///   access to the object's mutable contents. The caller must not run Python
///   code, reach a safe point, or lock another object in between (two objects
///   are locked together only through [`lock_two`]).
///
/// [`attach`]: LockStrategy::attach
/// [`detach`]: LockStrategy::detach
/// [`eval_breaker`]: LockStrategy::eval_breaker
/// [`handle_eval_breaker`]: LockStrategy::handle_eval_breaker
/// [`decref`]: LockStrategy::decref
/// [`lock_object`]: LockStrategy::lock_object
/// [`unlock_object`]: LockStrategy::unlock_object
/// [`lock_two`]: LockStrategy::lock_two
///
/// # Example
///
/// Code generic over the strategy is monomorphised for each one:
///
/// ```
/// use runtime::{LockStrategy, Runtime};
///
/// fn describe<S: LockStrategy>() -> (&'static str, i64) {
///     let rt = Runtime::<S>::builder().build();
///     (S::NAME, rt.eval("6 * 7").unwrap())
/// }
///
/// assert_eq!(describe::<gil::Gil>(), ("gil", 42));
/// assert_eq!(describe::<gil::GilRelease>(), ("gil-release", 42));
/// assert_eq!(describe::<finegrained::FineGrained>(), ("finegrained", 42));
/// ```
pub unsafe trait LockStrategy: Sized + Send + Sync + 'static {
    /// The mode's name on the command line and in reports.
    const NAME: &'static str;

    /// Whether native functions that declare they release the GIL really do
    /// (`Py_BEGIN_ALLOW_THREADS`): they detach while they run. Under a GIL
    /// that lets other threads run bytecode; without one it only lets a
    /// stop-the-world proceed without waiting for them.
    const RELEASES_FOR_NATIVE: bool;

    /// Whether the objects that live as long as the runtime (builtin types
    /// and functions, `None`'s kin, the builtins and `__main__` dicts) skip
    /// reference counting. Under a GIL the counts are cheap; without one,
    /// every thread writing the same count word would make those objects a
    /// contention point (PEP 703 immortalises them for the same reason).
    /// They are freed when the runtime is dropped.
    const IMMORTALIZE_SHARED: bool;

    /// Whether the objects that every thread touches but a program can
    /// replace (module-level functions, modules and their dicts, code
    /// constants: what [`crate::interp::Interp::alloc_shared`] allocates)
    /// have deferred counts: each thread counts them privately, the counts
    /// merge when the world stops, and the collector frees the ones left
    /// at zero (see [`crate::deferred_counts`]). The strategy's count
    /// operations must send a [`crate::header::FLAG_DEFERRED`] object's
    /// counts to [`crate::deferred_counts::add`], and its detach must
    /// [`crate::deferred_counts::flush`].
    const DEFER_SHARED: bool = false;

    /// Whether `LOAD_GLOBAL` reads the VM's per-thread cache of global
    /// names, validated by the globals and builtins dicts' version numbers
    /// (one shared *read*), instead of looking the name up in the globals
    /// dict, and then the builtins dict, under each dict's lock every time.
    /// Every mode has it but the naive `perobject`, which keeps the lock on
    /// every access to a mutable object (see `finegrained::FineGrainedWith`).
    const CACHE_GLOBALS: bool = true;

    /// Runtime-wide state: the GIL, counters.
    type Shared: Send + Sync;

    fn new_shared(config: &StrategyConfig) -> Self::Shared;

    /// Makes the calling thread able to run bytecode (takes the GIL).
    fn attach(shared: &Self::Shared, thread: ThreadIdent);
    /// The reverse of [`LockStrategy::attach`] (drops the GIL).
    fn detach(shared: &Self::Shared, thread: ThreadIdent);
    /// Attaches a thread on its way back from a blocking call
    /// ([`crate::detach::blocking`]). Only a strategy that favours such
    /// threads (`gil-io`) does anything but [`LockStrategy::attach`].
    #[inline]
    fn attach_after_blocking(shared: &Self::Shared, thread: ThreadIdent) {
        Self::attach(shared, thread);
    }

    /// The fast check made at every safe point: is there anything to do?
    fn eval_breaker(shared: &Self::Shared) -> bool;
    /// The slow path at a safe point: honour a drop request, and so on.
    fn handle_eval_breaker(shared: &Self::Shared, thread: ThreadIdent);

    /// Schedules a cyclic garbage collection: makes [`eval_breaker`] report
    /// work until [`take_gc_request`] clears the request, so that the next
    /// thread at a safe point runs it.
    ///
    /// [`eval_breaker`]: LockStrategy::eval_breaker
    /// [`take_gc_request`]: LockStrategy::take_gc_request
    fn request_gc(shared: &Self::Shared);
    /// Clears a request of [`LockStrategy::request_gc`]; whether there was
    /// one.
    fn take_gc_request(shared: &Self::Shared) -> bool;

    /// Stops every other thread from touching objects until
    /// [`LockStrategy::start_the_world`]: attached threads park at their
    /// next safe point, detached ones cannot attach meanwhile. The caller is
    /// attached. A no-op under a GIL, whose holder already excludes every
    /// other thread.
    fn stop_the_world(shared: &Self::Shared, thread: ThreadIdent);
    /// Lets the threads stopped by [`LockStrategy::stop_the_world`] go on.
    fn start_the_world(shared: &Self::Shared, thread: ThreadIdent);

    /// Adds a reference.
    ///
    /// # Safety
    /// The calling thread is attached ([`LockStrategy::attach`]) and `header`
    /// belongs to a live object: under a GIL the count is a plain load and
    /// store that only the GIL serialises.
    unsafe fn incref(header: &Header);
    /// Removes a reference; `true` when the object must now be freed.
    ///
    /// Releasing a reference one does not own takes an `unsafe` block:
    ///
    /// ```compile_fail,E0133
    /// use runtime::LockStrategy;
    /// let h = runtime::object::Header::new(0);
    /// gil::Gil::decref(&h); // error: call to unsafe function
    /// ```
    ///
    /// # Safety
    /// As for [`LockStrategy::incref`], and the caller owns the reference it
    /// removes (it came from `incref`, `try_incref` or the allocation), and
    /// frees the object when this returns `true`.
    unsafe fn decref(header: &Header) -> bool;
    /// Adds a reference unless the count is zero (the object is being
    /// freed): how a weak reference upgrades (see [`crate::weakref`]).
    /// Returns whether it added one.
    ///
    /// # Safety
    /// The calling thread is attached and the header's memory stays
    /// allocated for the call (the weak reference protocol guarantees it).
    unsafe fn try_incref(header: &Header) -> bool;
    /// Gives an object whose count [`LockStrategy::decref`] just took to zero
    /// its one reference back, for a finalizer to run on it (the free path
    /// calls it, before anything else can reach the object).
    ///
    /// # Safety
    /// The caller is the free path that saw `decref` return `true` for this
    /// object, and nothing else can reach it.
    unsafe fn resurrect(header: &Header);

    /// Takes the object's lock.
    ///
    /// # Safety
    /// The calling thread is attached, does not hold this object's lock
    /// already, and holds no other object's lock (two objects are locked
    /// together only through [`LockStrategy::lock_two`]).
    unsafe fn lock_object(header: &Header);
    /// Releases the object's lock.
    ///
    /// # Safety
    /// The calling thread holds the lock, taken by `lock_object` or
    /// `lock_two`.
    unsafe fn unlock_object(header: &Header);
    /// Takes the locks of two distinct objects without risk of deadlock.
    ///
    /// # Safety
    /// As for [`LockStrategy::lock_object`], for both objects, which are
    /// distinct.
    unsafe fn lock_two(a: &Header, b: &Header);

    fn switch_interval(shared: &Self::Shared) -> Duration;
    fn set_switch_interval(shared: &Self::Shared, interval: Duration);

    /// What the strategy counted so far.
    fn stats(shared: &Self::Shared) -> LockStats;
}
