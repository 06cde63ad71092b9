//! Stop-the-world without a GIL: PEP 703's attached, detached and suspended
//! threads (CPython 3.13t's `_PyEval_StopTheWorld`).
//!
//! # The protocol
//!
//! A thread that runs bytecode or touches objects is *attached*. Around a
//! blocking call (and a native call that releases the GIL) it *detaches*,
//! and promises not to touch objects until it attaches again. The cyclic
//! collector needs a moment when nobody else touches any object: it stops
//! the world.
//!
//! * `word` holds the number of attached threads (times two) and the
//!   `STOPPING` bit. Attaching and detaching are one atomic
//!   read-modify-write each on the fast path.
//! * **stop** ([`World::stop`], by an attached thread): set `STOPPING` by
//!   compare-and-swap (if another thread is stopping the world, first
//!   suspend like any attached thread, then try again), set
//!   [`STOP_REQUEST`] in the eval breaker, and wait on `changed` until the
//!   stopper is the only attached thread.
//! * **safe point** ([`World::park_if_stopping`], an attached thread whose
//!   eval breaker shows [`STOP_REQUEST`]): detach, which makes the thread
//!   *suspended*, then attach, which waits until the world restarts.
//! * **detach** ([`World::detach`]): publish the thread's deferred
//!   reference counts (`runtime::deferred_counts::flush`), then
//!   decrement the count; if `STOPPING` was
//!   set, wake the stopper (under `lock`, so that the wake-up cannot fall
//!   between the stopper's check and its wait).
//! * **attach** ([`World::attach`]): while `STOPPING` is set, wait on
//!   `changed`; then increment the count by compare-and-swap from a value
//!   without `STOPPING`, so that no thread attaches once a stop began.
//! * **start** ([`World::start`]): clear [`STOP_REQUEST`] and `STOPPING`,
//!   and wake every waiter under `lock`.
//!
//! Why nobody touches an object while the world is stopped: the stopper
//! returns from `stop` only when the count is 1 (itself) with `STOPPING`
//! set; every other thread is then detached or suspended, and neither can
//! attach before `start` clears `STOPPING`, since an attach is a
//! compare-and-swap from a value without it. The count's updates are
//! `Release` and the stopper's read `Acquire` (and the reverse for
//! `start` and `attach`), so the stopper sees every write the others made
//! to objects before they detached, and they see the stopper's.
//!
//! Under `cfg(loom)` a `Mutant` turns on a deliberate bug, so that the
//! model in `loom-tests/tests/loom_world.rs` shows it rejects a broken
//! protocol.

use runtime::sync::{lock, AtomicU8, AtomicUsize, Condvar, Mutex, Ordering};

/// Eval breaker bit: a thread is stopping the world; park at the safe point.
pub const STOP_REQUEST: u8 = 1;
/// Eval breaker bit: a cyclic collection is scheduled.
pub const GC_REQUEST: u8 = 2;

/// `word` bit: a thread is stopping the world (or has stopped it).
const STOPPING: usize = 1;
/// One attached thread, in `word`.
const ONE_ATTACHED: usize = 2;

/// Deliberately broken variants of the protocol, for the loom models.
#[cfg(loom)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mutant {
    None,
    /// Attach ignores `STOPPING`: a detached thread attaches in the middle
    /// of a stop.
    AttachDuringStop,
    /// The stopper does not wait for attached threads to park.
    StopWithoutWaiting,
    /// Detach does not wake the stopper.
    DetachWithoutWaking,
}

/// The attached threads of one runtime and its eval breaker.
#[derive(Debug)]
pub struct World {
    breaker: AtomicU8,
    word: AtomicUsize,
    lock: Mutex<()>,
    changed: Condvar,
    #[cfg(loom)]
    mutant: Mutant,
}

impl Default for World {
    fn default() -> Self {
        Self::new()
    }
}

impl World {
    pub fn new() -> Self {
        Self {
            breaker: AtomicU8::new(0),
            word: AtomicUsize::new(0),
            lock: Mutex::new(()),
            changed: Condvar::new(),
            #[cfg(loom)]
            mutant: Mutant::None,
        }
    }

    #[cfg(loom)]
    pub fn with_mutant(mutant: Mutant) -> Self {
        Self {
            mutant,
            ..Self::new()
        }
    }

    #[cfg(loom)]
    fn broken(&self, mutant: Mutant) -> bool {
        self.mutant == mutant
    }

    /// The eval breaker: bits the VM polls at every safe point.
    #[inline(always)]
    pub fn breaker(&self) -> u8 {
        self.breaker.load(Ordering::Relaxed)
    }

    pub fn set_breaker(&self, bit: u8) {
        self.breaker.fetch_or(bit, Ordering::Relaxed);
    }

    /// Clears `bit`; whether it was set.
    pub fn take_breaker(&self, bit: u8) -> bool {
        self.breaker() & bit != 0 && self.breaker.fetch_and(!bit, Ordering::Relaxed) & bit != 0
    }

    /// Number of attached threads.
    pub fn attached(&self) -> usize {
        self.word.load(Ordering::Relaxed) / ONE_ATTACHED
    }

    pub fn attach(&self) {
        #[cfg(loom)]
        if self.broken(Mutant::AttachDuringStop) {
            self.word.fetch_add(ONE_ATTACHED, Ordering::Acquire);
            return;
        }
        loop {
            let w = self.word.load(Ordering::Relaxed);
            if w & STOPPING != 0 {
                self.wait_while_stopping();
                continue;
            }
            if self
                .word
                .compare_exchange_weak(w, w + ONE_ATTACHED, Ordering::Acquire, Ordering::Relaxed)
                .is_ok()
            {
                return;
            }
        }
    }

    pub fn detach(&self) {
        // Publish this thread's deferred counts before it stops being
        // attached: a stopper that sees it detached (the `Acquire` below's
        // pair) reads true counts (`runtime::deferred_counts`).
        runtime::deferred_counts::flush();
        let w = self.word.fetch_sub(ONE_ATTACHED, Ordering::Release);
        #[cfg(loom)]
        if self.broken(Mutant::DetachWithoutWaking) {
            return;
        }
        if w & STOPPING != 0 {
            let _g = lock(&self.lock);
            self.changed.notify_all();
        }
    }

    #[cold]
    fn wait_while_stopping(&self) {
        let mut g = lock(&self.lock);
        while self.word.load(Ordering::Acquire) & STOPPING != 0 {
            g = self.changed.wait(g);
        }
    }

    /// The safe point's part: an attached thread suspends while the world
    /// is stopped.
    #[cold]
    pub fn park_if_stopping(&self) {
        if self.word.load(Ordering::Relaxed) & STOPPING != 0 {
            self.detach();
            self.attach();
        }
    }

    /// Stops the world; the caller is attached, and is the only attached
    /// thread when this returns.
    pub fn stop(&self) {
        loop {
            let w = self.word.load(Ordering::Relaxed);
            if w & STOPPING != 0 {
                // Another thread is stopping the world: be stopped first.
                self.detach();
                self.attach();
                continue;
            }
            if self
                .word
                .compare_exchange_weak(w, w | STOPPING, Ordering::Acquire, Ordering::Relaxed)
                .is_ok()
            {
                break;
            }
        }
        self.set_breaker(STOP_REQUEST);
        #[cfg(loom)]
        if self.broken(Mutant::StopWithoutWaiting) {
            return;
        }
        let mut g = lock(&self.lock);
        while self.word.load(Ordering::Acquire) / ONE_ATTACHED > 1 {
            g = self.changed.wait(g);
        }
    }

    /// Restarts the world stopped by [`World::stop`].
    pub fn start(&self) {
        self.breaker.fetch_and(!STOP_REQUEST, Ordering::Relaxed);
        self.word.fetch_and(!STOPPING, Ordering::Release);
        let _g = lock(&self.lock);
        self.changed.notify_all();
    }
}
