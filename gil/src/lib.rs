//! The global-interpreter-lock strategies of Gilgamesh.
//!
//! Two lock modes share one GIL, [`GilState`] (CPython 3.13's
//! `Python/ceval_gil.c` protocol, see [`protocol`]):
//!
//! - [`Gil`] (`gil`): native functions run with the GIL held, as a C
//!   extension that never calls `Py_BEGIN_ALLOW_THREADS` does.
//! - [`GilRelease`] (`gil-release`): native functions that declare it release
//!   the GIL while they run.
//! - [`GilIo`] (`gil-io`): `gil`, except that a thread coming back from a
//!   blocking call gets the GIL ahead of CPU-bound threads, within a bounded
//!   time (see [`io`], which also describes where it departs from
//!   `ceval_gil.c`).
//!
//! Under a GIL only the holder touches objects, so reference counts are
//! updated with a plain load and store (no read-modify-write) and object locks
//! are no-ops; [`LockStrategy::IMMORTALIZE_SHARED`] is off because counts are
//! cheap.
//!
//! ```
//! use gil::Gil;
//! use runtime::{LockStrategy, StrategyConfig};
//!
//! let shared = Gil::new_shared(&StrategyConfig::default());
//! Gil::attach(&shared, 1);
//! // ... run bytecode, polling at every safe point:
//! if Gil::eval_breaker(&shared) {
//!     Gil::handle_eval_breaker(&shared, 1);
//! }
//! Gil::detach(&shared, 1);
//! assert_eq!(Gil::stats(&shared).gil_acquisitions, 1);
//! ```

pub mod io;
pub mod protocol;

#[cfg(loom)]
pub use protocol::Mutant;
pub use protocol::{GilState, DEFAULT_IO_SHARE, DROP_REQUEST, GC_REQUEST};

use runtime::object::Header;
use runtime::sync::Ordering;
use runtime::{LockStats, LockStrategy, StrategyConfig, ThreadIdent};
use std::time::Duration;

/// A GIL lock mode. `RELEASE` says whether native functions that declare it
/// release the GIL while they run, and `IO` whether threads coming back from
/// a blocking call go first ([`io`]); they are the only differences between
/// the modes, so they share this one implementation.
///
/// ```
/// use gil::{Gil, GilMode, GilRelease};
/// use runtime::LockStrategy;
///
/// // The two modes are this type with `RELEASE` fixed.
/// assert_eq!(<GilMode<false> as LockStrategy>::NAME, Gil::NAME);
/// assert_eq!(<GilMode<true> as LockStrategy>::NAME, GilRelease::NAME);
/// assert!(GilMode::<true>::RELEASES_FOR_NATIVE);
/// assert!(!GilMode::<false>::RELEASES_FOR_NATIVE);
/// // Neither immortalises shared objects: counts are cheap under a GIL.
/// assert!(!Gil::IMMORTALIZE_SHARED && !GilRelease::IMMORTALIZE_SHARED);
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct GilMode<const RELEASE: bool, const IO: bool = false>;

/// The `gil` mode: one global interpreter lock, held across native calls.
///
/// ```
/// use gil::Gil;
/// use runtime::{LockStrategy, Runtime};
///
/// assert_eq!(<Gil as LockStrategy>::NAME, "gil");
/// assert!(!Gil::RELEASES_FOR_NATIVE);
///
/// let rt = Runtime::<Gil>::builder().build();
/// assert_eq!(rt.eval::<i64>("1 + 1").unwrap(), 2);
/// assert!(rt.lock_stats().gil_acquisitions >= 1);
/// ```
pub type Gil = GilMode<false>;

/// The `gil-release` mode: the same GIL, released by native functions that
/// declare they release it (`Py_BEGIN_ALLOW_THREADS`).
///
/// ```
/// use gil::GilRelease;
/// use runtime::{LockStrategy, Runtime};
///
/// assert_eq!(<GilRelease as LockStrategy>::NAME, "gil-release");
/// assert!(GilRelease::RELEASES_FOR_NATIVE);
///
/// let rt = Runtime::<GilRelease>::builder().build();
/// assert_eq!(rt.eval::<i64>("sum(range(10))").unwrap(), 45);
/// ```
pub type GilRelease = GilMode<true>;

/// The `gil-io` mode: the `gil` mode's lock (held across native calls),
/// which a thread returning from a blocking call takes ahead of CPU-bound
/// threads without waiting out their switch interval ([`io`]).
///
/// ```
/// use gil::GilIo;
/// use runtime::{LockStrategy, Runtime};
///
/// assert_eq!(<GilIo as LockStrategy>::NAME, "gil-io");
/// assert!(!GilIo::RELEASES_FOR_NATIVE);
///
/// let rt = Runtime::<GilIo>::builder().build();
/// assert_eq!(rt.eval::<i64>("sum(range(10))").unwrap(), 45);
/// ```
pub type GilIo = GilMode<false, true>;

/// Reference counting and the GIL operations under a GIL.
mod common {
    use super::*;
    use runtime::sync::AtomicU32;

    /// Reads a count that only the GIL's holder changes: a `Relaxed` load,
    /// the plain load it stands for.
    ///
    /// The loom build then reads it again with loom's unsynchronised load,
    /// whose value it returns: loom reports that as a causality violation
    /// unless every store to the count happens before it, so the models see
    /// a count changed by a thread that does not hold the GIL (`loom-tests`'
    /// `loom_gil.rs`, `loom_detach.rs`).
    #[inline(always)]
    fn plain_load(rc: &AtomicU32) -> u32 {
        #[cfg(loom)]
        if !unwinding() {
            // SAFETY: an unsynchronised load under loom is a checked read of
            // the latest store (loom panics when a store is concurrent with
            // it); it is the value a `Relaxed` load returns when the GIL
            // orders every update before it.
            return unsafe { rc.unsync_load() };
        }
        rc.load(Ordering::Relaxed)
    }

    /// loom only: whether the thread unwinds from a failure that loom
    /// reported. It then leaves counts alone (what it drops leaks, in an
    /// execution that failed already): a store to a count can report a
    /// second causality violation, and a panic while unwinding aborts the
    /// test process. Always false in production builds.
    #[inline(always)]
    fn unwinding() -> bool {
        #[cfg(loom)]
        {
            std::thread::panicking()
        }
        #[cfg(not(loom))]
        {
            false
        }
    }

    /// # Safety
    /// `LockStrategy::incref`'s contract: the caller holds the GIL.
    #[inline(always)]
    pub(crate) unsafe fn incref(header: &Header) {
        if header.is_immortal() || unwinding() {
            return;
        }
        // The GIL serialises every count update: a plain load and store.
        // SAFETY: the strategy's count operation; the caller holds the GIL.
        let rc = unsafe { header.refcount_word() };
        rc.store(plain_load(rc) + 1, Ordering::Relaxed);
    }

    /// # Safety
    /// `LockStrategy::decref`'s contract: the caller holds the GIL.
    #[inline(always)]
    pub(crate) unsafe fn decref(header: &Header) -> bool {
        if header.is_immortal() || unwinding() {
            return false;
        }
        // SAFETY: the strategy's count operation; the caller holds the GIL.
        let rc = unsafe { header.refcount_word() };
        let old = plain_load(rc);
        debug_assert!(old > 0, "decref of an object with no references");
        let new = old - 1;
        rc.store(new, Ordering::Relaxed);
        new == 0
    }

    /// # Safety
    /// `LockStrategy::try_incref`'s contract: the caller holds the GIL.
    #[inline]
    pub(crate) unsafe fn try_incref(header: &Header) -> bool {
        if header.is_immortal() {
            return true;
        }
        // The GIL serialises this with every other count update.
        // SAFETY: the strategy's count operation; the caller holds the GIL.
        let rc = unsafe { header.refcount_word() };
        let n = plain_load(rc);
        if n == 0 {
            return false;
        }
        rc.store(n + 1, Ordering::Relaxed);
        true
    }

    /// # Safety
    /// `LockStrategy::resurrect`'s contract.
    #[inline]
    pub(crate) unsafe fn resurrect(header: &Header) {
        // SAFETY: the free path owns the object (the caller's contract).
        unsafe { header.refcount_word() }.store(1, Ordering::Relaxed);
    }
}

// SAFETY: every count update and object access happens while holding the
// GIL (the trait's contract makes callers attached, i.e. GIL holders), and
// the GIL excludes every other thread: `protocol.rs` documents the protocol
// and the loom models in `loom-tests` check it.
unsafe impl<const RELEASE: bool, const IO: bool> LockStrategy for GilMode<RELEASE, IO> {
    const NAME: &'static str = match (RELEASE, IO) {
        (false, false) => "gil",
        (true, false) => "gil-release",
        (false, true) => "gil-io",
        (true, true) => "gil-io-release",
    };
    const RELEASES_FOR_NATIVE: bool = RELEASE;
    const IMMORTALIZE_SHARED: bool = false;

    type Shared = GilState<IO>;

    fn new_shared(config: &StrategyConfig) -> GilState<IO> {
        let state = GilState::<IO>::with_interval(config.switch_interval);
        if IO {
            // For measuring the budget's trade-off (`io.rs`), not a setting
            // of the runtime: the share in per-mille.
            if let Some(share) = std::env::var("GILGAMESH_IO_SHARE")
                .ok()
                .and_then(|v| v.parse().ok())
            {
                return state.with_io_share(share);
            }
        }
        state
    }

    #[inline]
    fn attach(shared: &GilState<IO>, thread: ThreadIdent) {
        shared.take_gil(thread);
    }

    #[inline]
    fn attach_after_blocking(shared: &GilState<IO>, thread: ThreadIdent) {
        shared.take_gil_after_blocking(thread);
    }

    #[inline]
    fn detach(shared: &GilState<IO>, thread: ThreadIdent) {
        shared.drop_gil(thread);
    }

    #[inline(always)]
    fn eval_breaker(shared: &GilState<IO>) -> bool {
        shared.eval_breaker()
    }

    #[inline]
    fn handle_eval_breaker(shared: &GilState<IO>, thread: ThreadIdent) {
        shared.handle_eval_breaker(thread);
    }

    fn request_gc(shared: &GilState<IO>) {
        shared.request_gc();
    }

    fn take_gc_request(shared: &GilState<IO>) -> bool {
        shared.take_gc_request()
    }

    /// A no-op: the caller holds the GIL, and threads without it never
    /// touch objects.
    fn stop_the_world(_shared: &GilState<IO>, _thread: ThreadIdent) {}

    /// A no-op, like [`LockStrategy::stop_the_world`].
    fn start_the_world(_shared: &GilState<IO>, _thread: ThreadIdent) {}

    #[inline(always)]
    unsafe fn incref(header: &Header) {
        // SAFETY: the caller upholds `incref`'s contract.
        unsafe { common::incref(header) }
    }

    #[inline(always)]
    unsafe fn decref(header: &Header) -> bool {
        // SAFETY: the caller upholds `decref`'s contract.
        unsafe { common::decref(header) }
    }

    unsafe fn try_incref(header: &Header) -> bool {
        // SAFETY: the caller upholds `try_incref`'s contract.
        unsafe { common::try_incref(header) }
    }

    unsafe fn resurrect(header: &Header) {
        // SAFETY: the caller upholds `resurrect`'s contract.
        unsafe { common::resurrect(header) }
    }

    /// A no-op: the GIL already excludes every other thread.
    #[inline(always)]
    unsafe fn lock_object(_header: &Header) {}

    /// A no-op, like [`LockStrategy::lock_object`].
    #[inline(always)]
    unsafe fn unlock_object(_header: &Header) {}

    /// A no-op, like [`LockStrategy::lock_object`].
    #[inline(always)]
    unsafe fn lock_two(_a: &Header, _b: &Header) {}

    fn switch_interval(shared: &GilState<IO>) -> Duration {
        shared.switch_interval()
    }

    fn set_switch_interval(shared: &GilState<IO>, interval: Duration) {
        shared.set_switch_interval(interval);
    }

    fn stats(shared: &GilState<IO>) -> LockStats {
        shared.stats()
    }
}
