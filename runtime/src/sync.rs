//! The synchronisation shim: every primitive that a locking protocol uses comes
//! from here, never from `std` or `parking_lot` directly.
//!
//! Normally these are the `std` types. Under `--cfg loom` they are loom's
//! model-checked doubles, so the loom models in `loom-tests/` run the very code
//! that production runs (the approach of tokio's `src/loom/`).
//!
//! The API is the `std` one, with two additions that both builds provide:
//! [`Condvar::wait_timeout`] must be able to time out under loom too (loom's own
//! never does), and [`spin_hint`] is a busy-wait hint that loom turns into a
//! yield so that spinning loops stay finite. The loom build has one more,
//! `set_timeout_budget`, which bounds how often a thread's timed waits time
//! out so that models with several waiters stay finite.

#[cfg(not(loom))]
mod imp {
    pub use std::sync::atomic::{
        fence, AtomicBool, AtomicI64, AtomicU32, AtomicU64, AtomicU8, AtomicUsize, Ordering,
    };
    pub use std::sync::{Arc, Mutex, MutexGuard};
    pub use std::thread;
    use std::time::Duration;

    /// A condition variable whose timed wait reports whether it timed out.
    #[derive(Default, Debug)]
    pub struct Condvar(std::sync::Condvar);

    impl Condvar {
        pub fn new() -> Self {
            Self(std::sync::Condvar::new())
        }
        pub fn wait<'a, T>(&self, guard: MutexGuard<'a, T>) -> MutexGuard<'a, T> {
            self.0.wait(guard).unwrap_or_else(|e| e.into_inner())
        }
        /// Waits for a notification or `dur`; returns the guard and `true` on time-out.
        /// `mutex` is the mutex that `guard` locks (the loom build needs it).
        pub fn wait_timeout<'a, T>(
            &self,
            _mutex: &'a Mutex<T>,
            guard: MutexGuard<'a, T>,
            dur: Duration,
        ) -> (MutexGuard<'a, T>, bool) {
            let (g, r) = self
                .0
                .wait_timeout(guard, dur)
                .unwrap_or_else(|e| e.into_inner());
            (g, r.timed_out())
        }
        pub fn notify_one(&self) {
            self.0.notify_one()
        }
        pub fn notify_all(&self) {
            self.0.notify_all()
        }
    }

    /// Called in busy-wait loops.
    #[inline]
    pub fn spin_hint() {
        std::hint::spin_loop()
    }

    /// Locks a mutex, ignoring poisoning (a panicking holder is already a bug
    /// that the panic reports).
    #[inline]
    pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
        m.lock().unwrap_or_else(|e| e.into_inner())
    }
    /// Locks a mutex if it is free, ignoring poisoning.
    #[inline]
    pub fn try_lock<T>(m: &Mutex<T>) -> Option<MutexGuard<'_, T>> {
        match m.try_lock() {
            Ok(g) => Some(g),
            Err(std::sync::TryLockError::Poisoned(e)) => Some(e.into_inner()),
            Err(std::sync::TryLockError::WouldBlock) => None,
        }
    }
}

#[cfg(loom)]
mod imp {
    pub use loom::sync::atomic::{
        fence, AtomicBool, AtomicI64, AtomicU32, AtomicU64, AtomicU8, AtomicUsize, Ordering,
    };
    pub use loom::sync::{Arc, Mutex, MutexGuard};
    pub use loom::thread;
    use std::time::Duration;

    /// loom's condition variable, with a timed wait that times out. `mutex` must be
    /// the mutex that `guard` locks (loom's guard does not expose it).
    #[derive(Debug)]
    pub struct Condvar(loom::sync::Condvar);

    impl Default for Condvar {
        fn default() -> Self {
            Self::new()
        }
    }

    impl Condvar {
        pub fn new() -> Self {
            Self(loom::sync::Condvar::new())
        }
        pub fn wait<'a, T>(&self, guard: MutexGuard<'a, T>) -> MutexGuard<'a, T> {
            self.0.wait(guard).unwrap()
        }
        /// loom has no clock, so a timed wait is modelled as "the interval passed":
        /// the mutex is released, other threads may run, and the wait reports a
        /// time-out. Callers re-check their condition in a loop, as they must with
        /// spurious wake-ups, so every interleaving of notify and time-out is explored.
        ///
        /// Once the calling thread has used up its time-out budget
        /// ([`set_timeout_budget`]; unlimited unless a model sets one) the wait
        /// is an untimed one that only a notification ends, and it reports no
        /// time-out.
        pub fn wait_timeout<'a, T>(
            &self,
            mutex: &'a Mutex<T>,
            guard: MutexGuard<'a, T>,
            _dur: Duration,
        ) -> (MutexGuard<'a, T>, bool) {
            let budget_left = TIMEOUTS_LEFT.with(|left| {
                let n = left.get();
                left.set(n.saturating_sub(1));
                n > 0
            });
            if !budget_left {
                return (self.0.wait(guard).unwrap(), false);
            }
            drop(guard);
            loom::thread::yield_now();
            (mutex.lock().unwrap(), true)
        }
        pub fn notify_one(&self) {
            self.0.notify_one()
        }
        pub fn notify_all(&self) {
            self.0.notify_all()
        }
    }

    loom::thread_local! {
        static TIMEOUTS_LEFT: std::cell::Cell<usize> = std::cell::Cell::new(usize::MAX);
    }

    /// loom only: lets the calling thread's timed waits time out `n` more
    /// times; after that they wait for a notification.
    ///
    /// A timed wait under loom is a yield, and loom schedules without
    /// fairness: with two threads in timed waits it explores the schedule in
    /// which they take turns timing out for ever while a third thread never
    /// runs, and no bound on preemptions cuts that off (a yield is not a
    /// preemption). A budget per thread makes such a model finite, at the
    /// price of the schedules with more time-outs than the budget, just as
    /// the preemption bound gives up schedules with more preemptions. It also
    /// makes a lost notification a deadlock that loom reports, where without
    /// it the waiter would time out and carry on.
    pub fn set_timeout_budget(n: usize) {
        TIMEOUTS_LEFT.with(|left| left.set(n));
    }

    #[inline]
    pub fn spin_hint() {
        loom::thread::yield_now()
    }

    #[inline]
    pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
        m.lock().unwrap()
    }
    #[inline]
    pub fn try_lock<T>(m: &Mutex<T>) -> Option<MutexGuard<'_, T>> {
        m.try_lock().ok()
    }
}

pub use imp::*;
