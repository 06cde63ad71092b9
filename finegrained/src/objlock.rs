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
        .compare_exchange(UNLOCKED, LOCKED, Ordering::Acquire, Ordering::Relaxed)
        .is_err()
    {
        lock_contended(byte);
    }
}

#[cold]
fn lock_contended(byte: &AtomicU8) {
    CONTENDED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    for _ in 0..SPIN_LIMIT {
        spin_hint();
        if byte.load(Ordering::Relaxed) == UNLOCKED
            && byte
                .compare_exchange(UNLOCKED, LOCKED, Ordering::Acquire, Ordering::Relaxed)
                .is_ok()
        {
            return;
        }
    }
    while byte.swap(PARKED, Ordering::Acquire) != UNLOCKED {
        park(byte);
    }
}

#[inline(always)]
pub fn unlock(byte: &AtomicU8) {
    if byte.swap(UNLOCKED, Ordering::Release) == PARKED {
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
    lock(first);
    lock(second);
}

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

#[cfg(loom)]
fn park(_byte: &AtomicU8) {
    loom::thread::yield_now();
}

#[cfg(loom)]
fn unpark_one(_byte: &AtomicU8) {}
