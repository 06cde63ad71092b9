//! Detaching around blocking calls and native calls: the one place where a
//! running thread gives up its right to run bytecode and takes it back.
//!
//! # The protocol
//!
//! - A *blocking call* (`time.sleep`, a contended `Lock.acquire`,
//!   `Thread.join`, a blocking queue `get`/`put`) detaches before it waits and
//!   re-attaches after: [`blocking`]. Under a GIL that drops the GIL, so other
//!   threads run bytecode while this one sleeps, and takes it again through
//!   the same queue as every other thread (`take_gil`), so the thread never
//!   runs bytecode without the GIL and two threads never hold it at once.
//!   It re-attaches through [`LockStrategy::attach_after_blocking`], which
//!   is `attach` except under `gil-io`, where the returning thread queues
//!   as a priority waiter (`gil::io`).
//!   This is CPython's `Py_BEGIN_ALLOW_THREADS` / `Py_END_ALLOW_THREADS`
//!   around every blocking system call. Under `finegrained` attach and detach
//!   are no-ops.
//!
//! - A *native call* (a Rust function that stands for a C extension)
//!   detaches only if the lock mode releases the GIL for native calls
//!   ([`LockStrategy::RELEASES_FOR_NATIVE`], the `gil-release` mode) *and*
//!   the function declared that it releases it: [`allow_threads`]. In the
//!   `gil` mode a native call holds the GIL throughout, as a C extension that
//!   never calls `Py_BEGIN_ALLOW_THREADS` does, and no other thread runs
//!   bytecode until it returns.
//!
//! - The function run detached must not touch Python objects: nothing
//!   protects them while the thread is detached (under a GIL).
//!
//! [`crate::vm::Vm::blocking`] and [`crate::vm::Vm::allow_threads`] call these
//! functions with the VM's strategy state and thread identity; the loom models
//! in `loom-tests/tests/loom_detach.rs` call them with a bare strategy state.
//!
//! Under `cfg(loom)` the `MUTANT_*` switches turn on deliberate bugs, so that
//! the models can show that they reject a broken protocol. They are
//! process-wide: the models that use them run one at a time.

use crate::strategy::{LockStrategy, ThreadIdent};

/// Runs `f` detached from the runtime (without the GIL) and re-attaches
/// afterwards, for a blocking call. `f` must not touch Python objects.
pub fn blocking<S: LockStrategy, R>(
    shared: &S::Shared,
    thread: ThreadIdent,
    f: impl FnOnce() -> R,
) -> R {
    if mutant(&loom_switches::MUTANT_BLOCKING_STAYS_ATTACHED) {
        return f();
    }
    crate::attached::detach::<S>(shared, thread);
    let r = f();
    if !mutant(&loom_switches::MUTANT_BLOCKING_NO_REATTACH) {
        crate::attached::attach_after_blocking::<S>(shared, thread);
    }
    r
}

/// Runs a native function's heavy part (`Py_BEGIN_ALLOW_THREADS`): detached
/// when the strategy releases the GIL for native calls and the function
/// declared (`releases_gil`) that it releases it, attached otherwise. `f` must
/// not touch Python objects.
pub fn allow_threads<S: LockStrategy, R>(
    shared: &S::Shared,
    thread: ThreadIdent,
    releases_gil: bool,
    f: impl FnOnce() -> R,
) -> R {
    if S::RELEASES_FOR_NATIVE
        && releases_gil
        && !mutant(&loom_switches::MUTANT_NATIVE_STAYS_ATTACHED)
    {
        blocking::<S, R>(shared, thread, f)
    } else {
        f()
    }
}

/// Model switches for `loom-tests`; none of them exists in production builds.
#[cfg(loom)]
pub mod loom_switches {
    use std::sync::atomic::AtomicBool;

    /// Mutant: a blocking call waits without detaching (it keeps the GIL
    /// while it sleeps, so a thread that must run to end the wait cannot).
    pub static MUTANT_BLOCKING_STAYS_ATTACHED: AtomicBool = AtomicBool::new(false);
    /// Mutant: a blocking call detaches but does not re-attach (the thread
    /// goes on running bytecode without the GIL).
    pub static MUTANT_BLOCKING_NO_REATTACH: AtomicBool = AtomicBool::new(false);
    /// Mutant: a native call that declares it releases the GIL keeps it in
    /// the `gil-release` mode too (the mode behaves like `gil`).
    pub static MUTANT_NATIVE_STAYS_ATTACHED: AtomicBool = AtomicBool::new(false);

    /// Every switch above, for a model to reset.
    /// Mutant: a method of an embedded class that releases the GIL locks
    /// the object's mutex before it detaches
    /// (`crate::types::embedded::with_locked`), so it waits for the mutex
    /// holding the GIL, which the mutex's holder may be waiting for.
    pub static MUTANT_EMBEDDED_LOCKS_BEFORE_DETACH: AtomicBool = AtomicBool::new(false);
    pub static ALL: [&AtomicBool; 4] = [
        &MUTANT_BLOCKING_STAYS_ATTACHED,
        &MUTANT_BLOCKING_NO_REATTACH,
        &MUTANT_NATIVE_STAYS_ATTACHED,
        &MUTANT_EMBEDDED_LOCKS_BEFORE_DETACH,
    ];
}

#[cfg(loom)]
#[inline(always)]
pub(crate) fn mutant(switch: &std::sync::atomic::AtomicBool) -> bool {
    switch.load(std::sync::atomic::Ordering::Relaxed)
}

#[cfg(not(loom))]
#[inline(always)]
pub(crate) fn mutant(_switch: &()) -> bool {
    false
}

/// Stand-ins for the switches, so that production code names them too and
/// the calls above compile to nothing.
#[cfg(not(loom))]
pub(crate) mod loom_switches {
    pub(crate) static MUTANT_BLOCKING_STAYS_ATTACHED: () = ();
    pub(crate) static MUTANT_BLOCKING_NO_REATTACH: () = ();
    pub(crate) static MUTANT_NATIVE_STAYS_ATTACHED: () = ();
    pub(crate) static MUTANT_EMBEDDED_LOCKS_BEFORE_DETACH: () = ();
}
