//! The GIL strategies with real threads. No timing assertions: every test
//! asserts an outcome (an exact count, a hand-over that happened, a counter
//! that moved) and only uses short switch intervals to make switches frequent.
#![cfg(not(loom))]

use gil::{Gil, GilRelease, GilState};
use runtime::header::FLAG_IMMORTAL;
use runtime::object::Header;
use runtime::{LockStrategy, StrategyConfig, ThreadIdent};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::Duration;

fn config(interval: Duration) -> StrategyConfig {
    StrategyConfig {
        switch_interval: interval,
    }
}

/// A safe point as the VM makes one.
fn safe_point<S: LockStrategy>(shared: &S::Shared, me: ThreadIdent) {
    if S::eval_breaker(shared) {
        S::handle_eval_breaker(shared, me);
    }
}

/// 4 threads increment one counter with a non-atomic load and store, only
/// while attached, with safe points (and now and then a detach, as around a
/// blocking call) in between. A GIL that let two threads in would lose
/// updates or trip the `inside` flag.
fn mutual_exclusion<S: LockStrategy>() {
    const THREADS: u64 = 4;
    const ROUNDS: u64 = 100_000;
    let start = Arc::new(Barrier::new(THREADS as usize));
    let shared = Arc::new(S::new_shared(&config(Duration::from_micros(50))));
    let counter = Arc::new(AtomicU64::new(0));
    let inside = Arc::new(AtomicBool::new(false));
    let handles: Vec<_> = (0..THREADS)
        .map(|me| {
            let (shared, counter, inside) = (shared.clone(), counter.clone(), inside.clone());
            let start = start.clone();
            thread::spawn(move || {
                start.wait();
                S::attach(&shared, me);
                for i in 0..ROUNDS {
                    assert!(
                        !inside.swap(true, Ordering::Relaxed),
                        "two threads attached at once"
                    );
                    let v = counter.load(Ordering::Relaxed);
                    if i % 64 == 0 {
                        // Widen the window a broken lock would need.
                        thread::yield_now();
                    }
                    counter.store(v + 1, Ordering::Relaxed);
                    inside.store(false, Ordering::Relaxed);
                    safe_point::<S>(&shared, me);
                    if i % 1_000 == 999 {
                        S::detach(&shared, me);
                        thread::yield_now();
                        S::attach(&shared, me);
                    }
                }
                S::detach(&shared, me);
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    assert_eq!(counter.load(Ordering::Relaxed), THREADS * ROUNDS);
    let stats = S::stats(&shared);
    eprintln!("{}: {stats:?}", S::NAME);
    assert!(stats.gil_acquisitions >= THREADS * (1 + ROUNDS / 1_000));
}

#[test]
fn gil_mutual_exclusion() {
    mutual_exclusion::<Gil>();
}

#[test]
fn gil_release_mutual_exclusion() {
    mutual_exclusion::<GilRelease>();
}

/// Thread A holds the GIL and only ever spins at safe points; thread B asks
/// for the GIL. B must get it (through a drop request): A stops spinning only
/// once B has run, and the spin has a cap so a broken hand-over fails the test
/// instead of hanging it.
/// Returns whether B ran before A gave up.
fn hand_over(shared: &Arc<GilState>) -> bool {
    const A: ThreadIdent = 1;
    const B: ThreadIdent = 2;
    const CAP: u64 = 2_000_000_000;
    let b_ran = Arc::new(AtomicBool::new(false));
    Gil::attach(shared, A);
    let b = {
        let (shared, b_ran) = (shared.clone(), b_ran.clone());
        thread::spawn(move || {
            Gil::attach(&shared, B);
            b_ran.store(true, Ordering::Relaxed);
            Gil::detach(&shared, B);
        })
    };
    let mut spins = 0u64;
    while !b_ran.load(Ordering::Relaxed) && spins < CAP {
        safe_point::<Gil>(shared, A);
        spins += 1;
    }
    Gil::detach(shared, A);
    b.join().unwrap();
    spins < CAP
}

#[test]
fn spinning_holder_hands_over_to_waiter() {
    let shared = Arc::new(Gil::new_shared(&config(Duration::from_millis(1))));
    assert!(hand_over(&shared), "the waiter never got the GIL");
    let stats = Gil::stats(&shared);
    assert!(stats.drop_requests >= 1);
    assert!(stats.gil_switches >= 1);
    assert!(stats.gil_wait_ns > 0);
}

#[test]
fn contention_moves_the_counters() {
    let shared = Arc::new(Gil::new_shared(&config(Duration::from_millis(1))));
    // A drop request always precedes the hand-over, but the dropper may find
    // the waiter already switched in (then it has nothing to wait for), so a
    // forced switch is only very likely per round: repeat until one happens.
    let mut rounds = 0;
    while Gil::stats(&shared).forced_switches == 0 && rounds < 1_000 {
        assert!(hand_over(&shared), "the waiter never got the GIL");
        rounds += 1;
    }
    let stats = Gil::stats(&shared);
    assert!(stats.forced_switches > 0, "{stats:?}");
    assert!(stats.gil_acquisitions >= 3 * rounds, "{stats:?}");
    assert!(stats.drop_requests >= rounds, "{stats:?}");
    assert!(stats.gil_switches >= rounds, "{stats:?}");
    assert!(stats.gil_wait_ns > 0, "{stats:?}");
    assert_eq!(stats.contended_object_locks, 0);
}

#[test]
fn refcounts_are_plain_and_skip_immortals() {
    // SAFETY: the headers belong to no object and no other thread sees
    // them, so this thread excludes every other as the GIL would; each
    // decref releases a reference taken above (or the initial one).
    unsafe {
        let h = Header::new(0);
        Gil::incref(&h);
        GilRelease::incref(&h);
        assert_eq!(h.refcount(), 3);
        assert!(!Gil::decref(&h));
        assert!(!Gil::decref(&h));
        assert!(GilRelease::decref(&h));

        let imm = Header::new(FLAG_IMMORTAL);
        Gil::incref(&imm);
        assert!(!Gil::decref(&imm));
        assert!(!Gil::decref(&imm));
        assert_eq!(imm.refcount(), 1);

        // Object locks are no-ops under a GIL.
        Gil::lock_object(&h);
        Gil::unlock_object(&h);
        Gil::lock_two(&h, &imm);
    }
}

#[test]
fn constants_and_switch_interval() {
    assert_eq!(Gil::NAME, "gil");
    assert_eq!(GilRelease::NAME, "gil-release");
    const {
        assert!(!Gil::RELEASES_FOR_NATIVE);
        assert!(GilRelease::RELEASES_FOR_NATIVE);
        assert!(!Gil::IMMORTALIZE_SHARED && !GilRelease::IMMORTALIZE_SHARED);
    }

    let shared = Gil::new_shared(&StrategyConfig::default());
    assert_eq!(Gil::switch_interval(&shared), Duration::from_millis(5));
    Gil::set_switch_interval(&shared, Duration::from_micros(100));
    assert_eq!(Gil::switch_interval(&shared), Duration::from_micros(100));
}
