//! The one-byte per-object mutex (PEP 703's `PyMutex`).
//!
//! States of the byte:
//!
//! * `UNLOCKED` (0)
//! * `LOCKED` (1): held, nobody parked
//! * `PARKED` (2): held, and a thread may be parked waiting for it
//!
//! `lock` tries one compare-exchange 0 -> 1 (the uncontended case: one atomic,
//! no system call). Otherwise it spins briefly, then marks the byte `PARKED`
//! with a swap — if the swap saw `UNLOCKED` it has taken the lock (marked
//! parked conservatively) — and parks on the byte's address until woken.
//! `unlock` swaps in `UNLOCKED`; if it saw `PARKED` it wakes one parked
//! thread. A waiter re-marks the byte `PARKED` every time it retries, so no
//! release that happens while a thread waits can miss it (Drepper's
//! "Futexes Are Tricky", mutex 3). Parking goes through `parking_lot_core`,
//! keyed by the byte's address; under loom a parked thread yields instead.
//!
//! Two objects are locked in address order, so two threads locking the same
//! pair in opposite argument order cannot deadlock.
//!
//! Under loom (`loom-tests/tests/loom_finegrained.rs`) parking is modelled
//! by a loom mutex and condition variable with `parking_lot_core`'s contract,
//! so a lost wake-up is a deadlock that loom reports. The loom build also has
//! switches, all absent from production builds, that shorten the spin phase
//! and turn on deliberately broken variants (mutants) of the protocol which
//! the models must reject.

use runtime::sync::{spin_hint, AtomicU8, Ordering};
use std::sync::atomic::AtomicU64;

const UNLOCKED: u8 = 0;
const LOCKED: u8 = 1;
const PARKED: u8 = 2;

/// How many times a contended lock spins before parking.
const SPIN_LIMIT: u32 = 40;

/// Process-wide count of lock acquisitions that found the lock held
/// (updated only on the slow path, so it costs nothing uncontended).
static CONTENDED: AtomicU64 = AtomicU64::new(0);

pub fn contended_count() -> u64 {
    CONTENDED.load(std::sync::atomic::Ordering::Relaxed)
}

#[inline(always)]
pub fn lock(byte: &AtomicU8) {
    if byte
        .compare_exchange(UNLOCKED, LOCKED, acquire(), Ordering::Relaxed)
        .is_err()
    {
        lock_contended(byte);
    }
}

#[cold]
fn lock_contended(byte: &AtomicU8) {
    CONTENDED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    for _ in 0..spin_limit() {
        spin_hint();
        if byte.load(Ordering::Relaxed) == UNLOCKED
            && byte
                .compare_exchange(UNLOCKED, LOCKED, acquire(), Ordering::Relaxed)
                .is_ok()
        {
            return;
        }
    }
    while byte.swap(PARKED, acquire()) != UNLOCKED {
        park(byte);
        #[cfg(loom)]
        if mutant(&MUTANT_RETRY_MARKS_LOCKED)
            && byte
                .compare_exchange(UNLOCKED, LOCKED, acquire(), Ordering::Relaxed)
                .is_ok()
        {
            return;
        }
    }
}

#[inline(always)]
pub fn unlock(byte: &AtomicU8) {
    if byte.swap(UNLOCKED, release()) == PARKED {
        #[cfg(loom)]
        if mutant(&MUTANT_UNLOCK_NO_WAKE) {
            return;
        }
        unpark_one(byte);
    }
}

/// Locks two distinct objects' bytes in address order.
pub fn lock_two(a: &AtomicU8, b: &AtomicU8) {
    let (first, second) = if (a as *const AtomicU8) < (b as *const AtomicU8) {
        (a, b)
    } else {
        (b, a)
    };
    #[cfg(loom)]
    let (first, second) = if mutant(&MUTANT_ARGUMENT_ORDER) {
        (a, b)
    } else {
        (first, second)
    };
    lock(first);
    lock(second);
}

/// The ordering of every acquisition: `Acquire` (`Relaxed` in the
/// `MUTANT_RELAXED_LOCK` variant).
#[inline(always)]
fn acquire() -> Ordering {
    #[cfg(loom)]
    if mutant(&MUTANT_RELAXED_LOCK) {
        return Ordering::Relaxed;
    }
    Ordering::Acquire
}

/// The ordering of the release: `Release` (`Relaxed` in the
/// `MUTANT_RELAXED_UNLOCK` variant).
#[inline(always)]
fn release() -> Ordering {
    #[cfg(loom)]
    if mutant(&MUTANT_RELAXED_UNLOCK) {
        return Ordering::Relaxed;
    }
    Ordering::Release
}

#[cfg(not(loom))]
#[inline(always)]
fn spin_limit() -> u32 {
    SPIN_LIMIT
}

/// Model switches for `loom-tests`; none of them exists in production builds.
/// Every switch is process-wide, so the models that set them run one at a time.
#[cfg(loom)]
mod loom_switches {
    use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

    /// The production spin limit, to which a model resets [`LOOM_SPIN_LIMIT`].
    pub const DEFAULT_SPIN_LIMIT: u32 = super::SPIN_LIMIT;

    /// How many times a contended lock spins before parking under loom.
    /// Each spin is a yield, after which loom runs the other threads, so
    /// with the production limit a waiter nearly always sees the holder
    /// unlock before its spins run out; 0 sends every contended acquisition
    /// straight to the `PARKED` path, which the models must cover as well.
    pub static LOOM_SPIN_LIMIT: AtomicU32 = AtomicU32::new(DEFAULT_SPIN_LIMIT);

    /// Mutant: every acquisition (fast path, spin, re-mark) is `Relaxed`.
    pub static MUTANT_RELAXED_LOCK: AtomicBool = AtomicBool::new(false);
    /// Mutant: `unlock`'s swap is `Relaxed`.
    pub static MUTANT_RELAXED_UNLOCK: AtomicBool = AtomicBool::new(false);
    /// Mutant: `unlock` never wakes a parked thread.
    pub static MUTANT_UNLOCK_NO_WAKE: AtomicBool = AtomicBool::new(false);
    /// Mutant: a woken waiter takes a free lock as `LOCKED` instead of
    /// re-marking it `PARKED`, so its unlock does not wake the threads still
    /// parked (the reason a woken waiter must re-mark the byte).
    pub static MUTANT_RETRY_MARKS_LOCKED: AtomicBool = AtomicBool::new(false);
    /// Mutant: `lock_two` locks in argument order, not address order.
    pub static MUTANT_ARGUMENT_ORDER: AtomicBool = AtomicBool::new(false);

    #[inline(always)]
    pub(super) fn mutant(switch: &AtomicBool) -> bool {
        switch.load(Ordering::Relaxed)
    }

    pub(super) fn spin_limit() -> u32 {
        LOOM_SPIN_LIMIT.load(Ordering::Relaxed)
    }
}

#[cfg(loom)]
use loom_switches::{mutant, spin_limit};
#[cfg(loom)]
pub use loom_switches::{
    DEFAULT_SPIN_LIMIT, LOOM_SPIN_LIMIT, MUTANT_ARGUMENT_ORDER, MUTANT_RELAXED_LOCK,
    MUTANT_RELAXED_UNLOCK, MUTANT_RETRY_MARKS_LOCKED, MUTANT_UNLOCK_NO_WAKE,
};

#[cfg(not(loom))]
fn park(byte: &AtomicU8) {
    let key = byte as *const AtomicU8 as usize;
    // SAFETY: parking_lot_core requires that the validate and timed-out
    // callbacks do not panic or call into the parking lot; ours only load an
    // atomic. The key is the byte's address, unique while the object lives,
    // and the object outlives the wait because the waiter holds a reference.
    unsafe {
        parking_lot_core::park(
            key,
            || byte.load(Ordering::Relaxed) == PARKED,
            || {},
            |_, _| {},
            parking_lot_core::DEFAULT_PARK_TOKEN,
            None,
        );
    }
}

#[cfg(not(loom))]
fn unpark_one(byte: &AtomicU8) {
    let key = byte as *const AtomicU8 as usize;
    // SAFETY: the callback only returns a token; it does not panic or call
    // into the parking lot.
    unsafe {
        parking_lot_core::unpark_one(key, |_| parking_lot_core::DEFAULT_UNPARK_TOKEN);
    }
}

/// `parking_lot_core`'s parking lot, modelled for loom: one queue of parked
/// threads behind one mutex (the real lot hashes keys to buckets, each with
/// its own lock; one lock for all keys only adds ordering, and the models use
/// at most two keys).
#[cfg(loom)]
mod loom_lot {
    use loom::sync::{Condvar, Mutex};

    #[derive(Default)]
    pub(super) struct Queue {
        /// Parked threads in arrival order: (key, ticket).
        parked: Vec<(usize, u64)>,
        /// Tickets of the threads that `unpark_one` chose, not yet resumed.
        woken: Vec<u64>,
        next_ticket: u64,
    }

    pub(super) struct Lot {
        queue: Mutex<Queue>,
        wake: Condvar,
    }

    loom::lazy_static! {
        static ref LOT: Lot = Lot {
            queue: Mutex::new(Queue::default()),
            wake: Condvar::new(),
        };
    }

    /// `parking_lot_core::park`: under the lot's lock, if `validate` still
    /// holds, queue this thread under `key` and sleep until an `unpark_one`
    /// for `key` picks it; otherwise return at once.
    pub(super) fn park(key: usize, validate: impl FnOnce() -> bool) {
        let mut queue = LOT.queue.lock().unwrap();
        if !validate() {
            return;
        }
        let ticket = queue.next_ticket;
        queue.next_ticket += 1;
        queue.parked.push((key, ticket));
        while !queue.woken.contains(&ticket) {
            queue = LOT.wake.wait(queue).unwrap();
        }
        queue.woken.retain(|&t| t != ticket);
    }

    /// `parking_lot_core::unpark_one`: wakes the longest-parked thread
    /// queued under `key`, if there is one.
    pub(super) fn unpark_one(key: usize) {
        let mut queue = LOT.queue.lock().unwrap();
        if let Some(i) = queue.parked.iter().position(|&(k, _)| k == key) {
            let (_, ticket) = queue.parked.remove(i);
            queue.woken.push(ticket);
            LOT.wake.notify_all();
        }
    }
}

#[cfg(loom)]
fn park(byte: &AtomicU8) {
    loom_lot::park(byte as *const AtomicU8 as usize, || {
        byte.load(Ordering::Relaxed) == PARKED
    });
}

#[cfg(loom)]
fn unpark_one(byte: &AtomicU8) {
    loom_lot::unpark_one(byte as *const AtomicU8 as usize);
}
