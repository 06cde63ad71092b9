//! The `finegrained` lock strategy: no global lock, as in CPython's
//! free-threaded build (PEP 703).
//!
//! * Reference counts are atomic read-modify-writes ([`refcount`]), and the
//!   objects every thread touches (code, module-level functions, modules,
//!   builtins) are immortal, so their counts are never written at all — the
//!   reason independent threads scale instead of fighting over one cache line.
//! * Each object has a one-byte mutex in its header ([`objlock`]); operations
//!   on two objects lock them in address order.
//! * There is nothing to attach to: attach and detach are no-ops, and the
//!   eval breaker is never set (stop-the-world arrives with the cyclic GC).

pub mod objlock;
pub mod refcount;

use runtime::object::Header;
use runtime::sync::{AtomicU64, Ordering};
use runtime::{LockStats, LockStrategy, StrategyConfig, ThreadIdent};
use std::time::Duration;

/// Fine-grained locking: per-object locks and atomic reference counts.
#[derive(Debug, Clone, Copy, Default)]
pub struct FineGrained;

/// Runtime-wide state of the fine-grained strategy.
#[derive(Debug)]
pub struct Shared {
    /// `sys.setswitchinterval` is accepted (CPython 3.13t keeps it too) but
    /// nothing here switches.
    switch_interval_ns: AtomicU64,
}

impl LockStrategy for FineGrained {
    const NAME: &'static str = "finegrained";
    const RELEASES_FOR_NATIVE: bool = false;
    const IMMORTALIZE_SHARED: bool = true;
    type Shared = Shared;

    fn new_shared(config: &StrategyConfig) -> Shared {
        Shared {
            switch_interval_ns: AtomicU64::new(config.switch_interval.as_nanos() as u64),
        }
    }

    #[inline(always)]
    fn attach(_shared: &Shared, _thread: ThreadIdent) {}

    #[inline(always)]
    fn detach(_shared: &Shared, _thread: ThreadIdent) {}

    #[inline(always)]
    fn eval_breaker(_shared: &Shared) -> bool {
        false
    }

    #[inline(always)]
    fn handle_eval_breaker(_shared: &Shared, _thread: ThreadIdent) {}

    #[inline(always)]
    fn incref(header: &Header) {
        refcount::incref(header)
    }

    #[inline(always)]
    fn decref(header: &Header) -> bool {
        refcount::decref(header)
    }

    fn try_incref(header: &Header) -> bool {
        refcount::try_incref(header)
    }

    fn resurrect(header: &Header) {
        refcount::resurrect(header)
    }

    #[inline(always)]
    fn lock_object(header: &Header) {
        objlock::lock(header.lock_byte())
    }

    #[inline(always)]
    fn unlock_object(header: &Header) {
        objlock::unlock(header.lock_byte())
    }

    fn lock_two(a: &Header, b: &Header) {
        objlock::lock_two(a.lock_byte(), b.lock_byte())
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
