//! How `Thread.join` learns that a thread has finished: a one-shot event,
//! set once by the exiting thread and waited for by any number of joiners.
//!
//! # The protocol
//!
//! This is CPython 3.13's `PyEvent` (`Python/lock.c`), which `Thread.join`
//! waits on, written with a mutex and a condition variable where CPython
//! parks on the event's byte:
//!
//! - `done` is the event. The exiting thread sets it once, with `Release`
//!   ordering, after everything it did as a Python thread: its writes to
//!   shared objects, detaching, leaving the runtime's list of live threads
//!   ([`crate::modules::threading`]'s `run_thread` does these in that order).
//!
//! - A joiner that finds `done` set (an `Acquire` load, no lock) returns at
//!   once: `join()` on a finished thread and `is_alive()` cost one load. The
//!   `Release`/`Acquire` pair is what makes every write of the finished
//!   thread visible to the joiner; under `finegrained` nothing else orders
//!   them (no GIL passes between the two threads).
//!
//! - Otherwise the joiner takes `lock`, re-checks `done`, and sleeps on
//!   `cond` while it is clear. The exiting thread sets `done` *under `lock`*
//!   and wakes the sleepers after it: a joiner is either before its check
//!   (and sees `done` set) or already asleep (and is woken), never between
//!   the two, so no joiner misses the exit (the lost wake-up that setting the
//!   flag outside the lock would allow).
//!
//! - Every joiner is woken (`notify_all`): several threads may join one
//!   thread, and the runtime's exit joins every thread as well.
//!
//! - A timed join sleeps at most until its deadline and then reports whether
//!   the thread finished.
//!
//! Under `cfg(loom)` the `MUTANT_*` switches turn on deliberate bugs for the
//! models in `loom-tests/tests/loom_join.rs` to reject. They are process-wide:
//! the models that use them run one at a time.

use crate::strategy::{LockStrategy, ThreadIdent};
use crate::sync::{lock, AtomicBool, Condvar, Mutex, Ordering};
use std::time::{Duration, Instant};

/// The exit event of one thread.
pub struct ThreadExit {
    /// Set once, when the thread has finished.
    done: AtomicBool,
    /// Orders a joiner's check-then-sleep against the exiting thread's
    /// set-then-wake.
    lock: Mutex<()>,
    cond: Condvar,
}

impl Default for ThreadExit {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for ThreadExit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ThreadExit")
            .field("finished", &self.is_finished())
            .finish()
    }
}

impl ThreadExit {
    /// An event for a thread that has not finished.
    pub fn new() -> Self {
        Self {
            done: AtomicBool::new(false),
            lock: Mutex::new(()),
            cond: Condvar::new(),
        }
    }

    /// Called by the exiting thread, last: marks it finished and wakes every
    /// joiner. Everything the thread wrote before is visible to a joiner
    /// that [`ThreadExit::wait`] returned `true` to.
    pub fn finish(&self) {
        if mutant(&loom_switches::MUTANT_EXIT_WITHOUT_LOCK) {
            self.done.store(true, release());
            self.cond.notify_all();
            return;
        }
        let guard = lock(&self.lock);
        self.done.store(true, release());
        drop(guard);
        if mutant(&loom_switches::MUTANT_EXIT_NOTIFY_ONE) {
            self.cond.notify_one();
        } else {
            self.cond.notify_all();
        }
    }

    /// Whether the thread has finished.
    #[inline]
    pub fn is_finished(&self) -> bool {
        self.done.load(acquire())
    }

    /// `Thread.join(timeout)` by thread `thread` of a runtime whose strategy
    /// state is `shared`: returns at once if the thread has finished,
    /// otherwise detaches (a blocking call, see [`crate::detach::blocking`])
    /// and waits. Returns whether the thread finished.
    pub fn join<S: LockStrategy>(
        &self,
        shared: &S::Shared,
        thread: ThreadIdent,
        timeout: Option<Duration>,
    ) -> bool {
        // Finished: no need to detach.
        if self.is_finished() {
            return true;
        }
        crate::detach::blocking::<S, _>(shared, thread, || self.wait(timeout))
    }

    /// Waits until the thread has finished, or until `timeout` has passed;
    /// returns whether it finished. Blocks: callers detach around it.
    pub fn wait(&self, timeout: Option<Duration>) -> bool {
        if self.is_finished() {
            return true;
        }
        let deadline = timeout.map(|t| Instant::now().checked_add(t));
        let mut guard = lock(&self.lock);
        while !self.is_finished() {
            match deadline {
                // No timeout, or one too large to represent: wait for ever.
                None | Some(None) => guard = self.cond.wait(guard),
                Some(Some(deadline)) => {
                    let now = Instant::now();
                    if now >= deadline {
                        return false;
                    }
                    let (g, timed_out) = self.cond.wait_timeout(&self.lock, guard, deadline - now);
                    guard = g;
                    if timed_out {
                        return self.is_finished();
                    }
                }
            }
        }
        true
    }
}

#[cfg(not(loom))]
#[inline(always)]
fn release() -> Ordering {
    Ordering::Release
}

#[cfg(not(loom))]
#[inline(always)]
fn acquire() -> Ordering {
    Ordering::Acquire
}

#[cfg(loom)]
fn release() -> Ordering {
    if mutant(&loom_switches::MUTANT_RELAXED_EXIT) {
        Ordering::Relaxed
    } else {
        Ordering::Release
    }
}

#[cfg(loom)]
fn acquire() -> Ordering {
    if mutant(&loom_switches::MUTANT_RELAXED_EXIT) {
        Ordering::Relaxed
    } else {
        Ordering::Acquire
    }
}

/// Model switches for `loom-tests`; none of them exists in production builds.
#[cfg(loom)]
pub mod loom_switches {
    use std::sync::atomic::AtomicBool;

    /// Mutant: the exit flag is stored and loaded `Relaxed`, so a joiner that
    /// sees it set need not see the thread's writes.
    pub static MUTANT_RELAXED_EXIT: AtomicBool = AtomicBool::new(false);
    /// Mutant: the exiting thread sets the flag and wakes the joiners without
    /// taking the lock, so a joiner between its check and its sleep misses
    /// the exit.
    pub static MUTANT_EXIT_WITHOUT_LOCK: AtomicBool = AtomicBool::new(false);
    /// Mutant: the exiting thread wakes one joiner, not all of them.
    pub static MUTANT_EXIT_NOTIFY_ONE: AtomicBool = AtomicBool::new(false);

    /// Every switch above, for a model to reset.
    pub static ALL: [&AtomicBool; 3] = [
        &MUTANT_RELAXED_EXIT,
        &MUTANT_EXIT_WITHOUT_LOCK,
        &MUTANT_EXIT_NOTIFY_ONE,
    ];
}

#[cfg(loom)]
#[inline(always)]
fn mutant(switch: &std::sync::atomic::AtomicBool) -> bool {
    switch.load(std::sync::atomic::Ordering::Relaxed)
}

#[cfg(not(loom))]
#[inline(always)]
fn mutant(_switch: &()) -> bool {
    false
}

/// Stand-ins for the switches, so that the calls above compile to nothing.
#[cfg(not(loom))]
mod loom_switches {
    pub(super) static MUTANT_EXIT_WITHOUT_LOCK: () = ();
    pub(super) static MUTANT_EXIT_NOTIFY_ONE: () = ();
}

#[cfg(all(test, not(loom)))]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn join_sees_the_exit_and_times_out_before_it() {
        let exit = Arc::new(ThreadExit::new());
        assert!(!exit.is_finished());
        assert!(!exit.wait(Some(Duration::from_millis(1))));
        assert!(!exit.wait(Some(Duration::ZERO)));
        let t = {
            let exit = exit.clone();
            std::thread::spawn(move || exit.finish())
        };
        assert!(exit.wait(None));
        assert!(exit.is_finished());
        assert!(exit.wait(Some(Duration::ZERO)));
        t.join().unwrap();
    }

    #[test]
    fn a_huge_timeout_waits_for_the_exit() {
        let exit = Arc::new(ThreadExit::new());
        let t = {
            let exit = exit.clone();
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(5));
                exit.finish()
            })
        };
        assert!(exit.wait(Some(Duration::MAX)));
        t.join().unwrap();
    }
}
