//! The global interpreter lock: the protocol of CPython 3.13's
//! `Python/ceval_gil.c`, written against [`runtime::sync`] so that the loom
//! models in `loom-tests/` check this very code.
//!
//! # The protocol
//!
//! - The GIL is a boolean, `locked`, guarded by a mutex (`gil`) whose changes
//!   are announced on a condition variable (`cond`). The mutex is held only
//!   for a few instructions at a time, so it is almost never contended; the
//!   *GIL* is what threads queue for, and they queue by sleeping on `cond`.
//!
//! - The thread that holds the GIL runs bytecode and must be made to give it
//!   up when another thread wants it. For that the VM polls the *eval
//!   breaker*, one atomic byte, at every safe point (backward jumps and
//!   calls). The poll is a single relaxed load: it happens millions of times a
//!   second, and a late observation only delays a switch, it never breaks
//!   anything, because every decision that matters is re-checked under the
//!   mutex. Only one bit of the byte is used today, [`DROP_REQUEST`]; signals,
//!   pending calls and stop-the-world requests get bits of their own later,
//!   which is why the bit is set and cleared with `fetch_or` / `fetch_and`
//!   rather than plain stores (those are slow paths).
//!
//! - A thread that wants the GIL while it is held does not ask for it at once.
//!   It sleeps on `cond` for one *switch interval* (5 ms by default,
//!   `sys.setswitchinterval`). If the interval passes, the GIL is still
//!   locked, and `switch_number` has not moved — no other thread took the GIL
//!   in the meantime, so the holder has had it for a whole interval — the
//!   waiter sets the drop request and goes back to sleep. The interval is what
//!   gives the GIL a time slice without a timer thread: a holder that releases
//!   the GIL on its own (a blocking call) is never interrupted, and a waiter
//!   that sees a switch happen restarts its interval, since somebody else
//!   got a turn. Opcodes can take arbitrarily long, so the interval is a
//!   minimum, not a guarantee.
//!
//! - The holder sees the drop request at its next safe point and calls
//!   [`GilState::handle_eval_breaker`]: it drops the GIL (clears `locked`,
//!   signals `cond`) and immediately asks for it again, like every other
//!   thread.
//!
//! - That alone is not enough on a multi-core machine: the dropper is running,
//!   the waiter is asleep in the kernel, and the dropper usually re-takes the
//!   mutex and the GIL before the waiter has even been scheduled, so the
//!   "switch" gives nothing away and the waiter's slice stretches to many
//!   intervals (the behaviour Beazley measured in the old GIL). Hence
//!   FORCE_SWITCHING, which CPython always compiles in and so do we: when a
//!   thread drops the GIL *because of a drop request*, it then waits on a
//!   second condition variable, `switch_cond`, until `last_holder` is no
//!   longer itself — until another thread has taken the GIL. Only then does
//!   it queue for the GIL again. The dropper clears the drop request before
//!   it waits, so that whoever takes the GIL next does not drop it at once.
//!   Detaching (a blocking call, the end of a thread) drops the GIL through
//!   the same path, so it too waits for the hand-over when a drop request is
//!   pending, as `PyEval_SaveThread` does.
//!
//! - Taking the GIL sets `locked`; then, under `switch`, the mutex that guards
//!   `last_holder`, it records the new holder, increments `switch_number` if
//!   the holder changed, and signals `switch_cond` to release a dropper that
//!   waits for the hand-over. Last it clears any pending drop request: the
//!   request has been honoured, and a waiter that still waits asks again after
//!   another full interval.
//!
//! - Lost wake-ups: a dropper checks `last_holder` and starts waiting on
//!   `switch_cond` under the `switch` mutex, and a taker changes `last_holder`
//!   and signals under the same mutex, so a signal can never fall between the
//!   check and the wait (the race that CPython's comment about `COND_WAIT`
//!   warns about). The dropper still re-checks in a loop, so a spurious
//!   wake-up cannot let it go early. A waiter for the GIL itself only ever
//!   sleeps for one interval, so a missed `cond` signal costs latency, never
//!   liveness.
//!
//! - There is no deadlock in the hand-over wait: the drop request is set only
//!   by a thread inside [`GilState::take_gil`] while the GIL is locked, and
//!   every acquisition clears it, so while the request is set some thread is
//!   queued for the GIL and will take it (`locked` is false once the dropper
//!   dropped it). Lock order is always `gil` before `switch`; the dropper
//!   holds only `switch`.
//!
//! # Where this departs from `ceval_gil.c`
//!
//! - CPython 3.13 keeps the drop-request bit in the holder's thread state
//!   (per-thread eval breakers). The seam's `eval_breaker` has no thread
//!   argument, so we keep one word for the runtime, as CPython 3.12 did; with
//!   a GIL only the holder polls it, so the two are equivalent.
//! - CPython's `switch_mutex` guards nothing in the type system; here the
//!   `switch` mutex owns `last_holder` and `gil` owns `locked` and
//!   `switch_number` (CPython reads `switch_number` under the GIL mutex too).
//!   The counters live beside them, updated where the mutex is already held,
//!   so counting costs neither an atomic read-modify-write nor a loom state.
//! - CPython's hand-over wait is a single `COND_WAIT`; ours loops on
//!   `last_holder`, which is equivalent but immune to spurious wake-ups.
//! - No finalisation paths (`tstate_must_exit`): a runtime is dropped only
//!   after all its threads have been joined.
//!
//! # Under loom
//!
//! loom has no clock; `runtime::sync::Condvar::wait_timeout` is modelled as
//! "the interval passed" (release the mutex, let others run, report a
//! time-out). The waiter's loop therefore explores every interleaving of
//! drop requests and hand-overs, while the hand-over wait on `switch_cond` is
//! a real condition-variable wait, so a lost wake-up there is a deadlock that
//! loom reports. Under `cfg(loom)` a `Mutant` can switch on one deliberate
//! bug, so that each model can show that it rejects a broken protocol.

use runtime::sync::{self, AtomicBool, AtomicU64, AtomicU8, Condvar, Mutex, Ordering};
use runtime::{LockStats, ThreadIdent};
use std::time::{Duration, Instant};

/// The eval-breaker bit that asks the GIL holder to drop the GIL.
pub const DROP_REQUEST: u8 = 1;

/// [`GilState`]'s eval breaker bit: a cyclic garbage collection is
/// scheduled; the runtime's collector clears it when it starts.
pub const GC_REQUEST: u8 = 2;

/// The shortest time a waiter sleeps before it asks for the GIL (CPython's
/// interval is in microseconds and at least 1).
const MIN_WAIT: Duration = Duration::from_micros(1);

/// `gil-io` ([`crate::io`]): the default share of wall time, in per-mille,
/// that priority waiters may take from CPU-bound threads.
pub const DEFAULT_IO_SHARE: u32 = 100;

/// `gil-io`: the most credit the budget holds, as wall time at the budget's
/// rate: after this long without priority, the credit is full.
const IO_WINDOW: Duration = Duration::from_millis(20);

/// `gil-io`: the most that the gap after a priority turn (until the next
/// thread has the GIL: a CPU-bound thread's wake-up) is charged to the
/// budget; more is the OS not running that thread, not priority.
const IO_GAP_CAP: Duration = Duration::from_micros(100);

/// `gil-io`: how long a waiter spins for a GIL that should come free soon
/// before it sleeps ([`crate::io`]).
#[cfg_attr(loom, allow(dead_code))]
const IO_SPIN: Duration = Duration::from_micros(50);

/// A deliberately broken variant of the protocol, for loom models to reject.
#[cfg(loom)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mutant {
    /// The real protocol.
    None,
    /// The dropper does not wait for the hand-over (no FORCE_SWITCHING), so
    /// it can re-take the GIL before the thread that asked for it.
    NoForcedSwitch,
    /// Taking the GIL does not signal `switch_cond`: a dropper waiting for the
    /// hand-over is never woken (a lost wake-up).
    NoSwitchSignal,
    /// A waiter whose interval ran out takes the GIL without waiting for the
    /// holder to drop it (no mutual exclusion).
    GrabOnTimeout,
    /// A thread re-attaching after a blocking call takes a shortcut: if it is
    /// still the last holder, "nobody took the GIL in the meantime", so it
    /// marks the GIL locked without waiting for it to be free. `last_holder`
    /// is updated after `locked`, so a thread that has just taken the GIL can
    /// still look like nobody: two threads hold the GIL.
    FastReattach,
    /// `gil-io` ([`crate::io`]): a CPU waiter ignores the queued priority
    /// waiters and takes a free GIL ahead of them, so a thread returning from
    /// a blocking call can still wait out a CPU-bound thread's turn.
    IoNoPriority,
    /// `gil-io`: `drop_gil` wakes the CPU waiters (`cond`) even when a
    /// priority waiter is first in line, so the priority waiter, asleep on
    /// `io_cond`, is never told the GIL is free (a lost wake-up).
    IoWrongCond,
    /// `gil-io`: priority ignores the budget ([`crate::io`]): a priority
    /// waiter asks the holder to drop early however much of the CPU-bound
    /// threads' time priority has already taken.
    IoNoBudget,
    /// `gil-io`: a waiter whose spin saw the GIL still held goes to sleep
    /// without looking again under the mutex, so a drop (and its wake-up,
    /// which found nobody asleep) during the spin is missed.
    IoSpinNoRecheck,
}

/// What the `gil` mutex guards.
#[derive(Debug, Default)]
struct GilInner {
    /// The GIL itself.
    locked: bool,
    /// Incremented whenever the GIL passes to a different thread.
    switch_number: u64,
    acquisitions: u64,
    drop_requests: u64,
    wait_ns: u64,
    /// `gil-io` only ([`crate::io`]): priority waiters (threads back from a
    /// blocking call) that have not yet waited a whole interval.
    io_waiters: u32,
    /// `gil-io` only: waiters of either kind that have waited a whole
    /// interval without getting the GIL; while there are any, priority
    /// waiters no longer go first.
    starving: u32,
    /// `gil-io` only: the holder took the GIL as a starving waiter, so a
    /// priority waiter does not ask it to drop the GIL early.
    protected: bool,
    /// `gil-io` only: early drop requests made by priority waiters (also
    /// counted in `drop_requests`).
    io_requests: u64,
    /// `gil-io` only: CPU waiters (and throttled priority waiters) inside
    /// the wait loop, not starving.
    cpu_waiters: u32,
    /// `gil-io` only: threads that dropped the GIL at a safe point to honour
    /// a drop request and have not yet come back to `take` (they are kept
    /// off the GIL as much as a CPU waiter is).
    preempted: u32,
    /// `gil-io` only: the holder took the GIL as a priority waiter.
    holder_priority: bool,
    /// `gil-io` only: the budget, in nanoseconds of CPU-bound threads' time
    /// that priority may still take (a token bucket refilled with wall time).
    io_credit: i64,
    /// `gil-io` only: when `io_credit` was last refilled (the clock of
    /// `GilState::now`).
    io_refilled: u64,
    /// `gil-io` only: since when priority keeps CPU-bound threads off the
    /// GIL (the open charge against the budget), if it does.
    io_charging: Option<u64>,
    /// `gil-io` only: when a priority turn ended while threads were kept
    /// off the GIL; the gap until the next acquisition is charged too, up
    /// to [`IO_GAP_CAP`].
    io_gap: Option<u64>,
    /// `gil-io` only: how often a priority waiter found the budget spent
    /// and waited as a CPU waiter.
    io_throttled: u64,
    /// loom only: the logical clock (loom has none): 1 µs per reading, and
    /// a timed wait that times out advances it by its length.
    #[cfg(loom)]
    clock: u64,
}

/// What the `switch` mutex guards.
#[derive(Debug, Default)]
struct SwitchInner {
    /// The thread that took the GIL last (it may have dropped it since).
    last_holder: Option<ThreadIdent>,
    switches: u64,
    forced_switches: u64,
}

/// The state of one GIL: the lock, its hand-over machinery, the eval breaker,
/// the switch interval and the counters.
///
/// This is the `Shared` state of the [`crate::Gil`] and [`crate::GilRelease`]
/// strategies, which call these methods; it can also be used on its own, for
/// instance by a benchmark that measures hand-over latency with
/// [`GilState::switch_number`] and [`GilState::stats`].
///
/// ```
/// use gil::GilState;
/// use std::time::Duration;
///
/// let gil = GilState::new(Duration::from_millis(5));
/// gil.take_gil(1);
/// if gil.eval_breaker() {
///     gil.handle_eval_breaker(1);
/// }
/// gil.drop_gil(1);
/// assert_eq!(gil.stats().gil_acquisitions, 1);
/// ```
///
/// `IO` switches on the IO-priority protocol of the `gil-io` mode
/// ([`crate::io`]); with `IO = false` (the default, the `gil` and
/// `gil-release` modes) that code is compiled out.
#[derive(Debug)]
pub struct GilState<const IO: bool = false> {
    gil: Mutex<GilInner>,
    cond: Condvar,
    /// `gil-io` only: where priority waiters sleep.
    io_cond: Condvar,
    switch: Mutex<SwitchInner>,
    switch_cond: Condvar,
    /// Bit set of pending work for the holder's next safe point.
    eval_breaker: AtomicU8,
    /// The switch interval in nanoseconds.
    interval_ns: AtomicU64,
    /// `gil-io` only: the share of wall time, in per-mille, that priority
    /// may take from CPU-bound threads (the budget's refill rate).
    io_share: u32,
    /// `gil-io` only: the zero of the budget's clock.
    epoch: Instant,
    /// `gil-io` only: a hint for spinning waiters, `!locked` as of the last
    /// change (written under `gil`, read without it; every decision is
    /// re-checked under `gil`).
    free_hint: AtomicBool,
    #[cfg(loom)]
    mutant: Mutant,
}

impl GilState<false> {
    /// An unlocked GIL whose waiters ask for a drop after `switch_interval`.
    pub fn new(switch_interval: Duration) -> Self {
        Self::build(switch_interval)
    }

    /// Like [`GilState::new`], with one deliberate bug switched on.
    #[cfg(loom)]
    pub fn with_mutant(switch_interval: Duration, mutant: Mutant) -> Self {
        Self {
            mutant,
            ..Self::new(switch_interval)
        }
    }
}

impl GilState<true> {
    /// An unlocked `gil-io` GIL ([`crate::io`]).
    pub fn new_io(switch_interval: Duration) -> Self {
        Self::build(switch_interval)
    }

    /// Like [`GilState::new_io`], with one deliberate bug switched on.
    #[cfg(loom)]
    pub fn io_with_mutant(switch_interval: Duration, mutant: Mutant) -> Self {
        Self {
            mutant,
            ..Self::new_io(switch_interval)
        }
    }
}

impl<const IO: bool> GilState<IO> {
    /// An unlocked GIL of either kind: [`GilState::new`] or
    /// [`GilState::new_io`] as `IO` says.
    pub fn with_interval(switch_interval: Duration) -> Self {
        Self::build(switch_interval)
    }

    fn build(switch_interval: Duration) -> Self {
        Self {
            gil: Mutex::new(GilInner::default()),
            cond: Condvar::new(),
            io_cond: Condvar::new(),
            switch: Mutex::new(SwitchInner::default()),
            switch_cond: Condvar::new(),
            eval_breaker: AtomicU8::new(0),
            interval_ns: AtomicU64::new(duration_ns(switch_interval)),
            io_share: DEFAULT_IO_SHARE,
            epoch: Instant::now(),
            free_hint: AtomicBool::new(true),
            #[cfg(loom)]
            mutant: Mutant::None,
        }
    }

    #[cfg(loom)]
    #[inline]
    fn mutant(&self, m: Mutant) -> bool {
        self.mutant == m
    }

    #[cfg(not(loom))]
    #[inline(always)]
    fn mutant(&self, _m: Mutant) -> bool {
        false
    }

    /// Takes the GIL for `me`, waiting (and asking the holder to drop it) as
    /// long as another thread holds it. `take_gil` in `ceval_gil.c`.
    pub fn take_gil(&self, me: ThreadIdent) {
        self.take(me, false, false);
    }

    /// Takes the GIL for `me` on its way back from a blocking call. Under
    /// `gil-io` (`IO = true`) the thread waits as a priority waiter
    /// ([`crate::io`]); otherwise this is [`GilState::take_gil`].
    pub fn take_gil_after_blocking(&self, me: ThreadIdent) {
        self.take(me, IO, false);
    }

    /// `priority`: `me` comes back from a blocking call (`gil-io` only);
    /// `preempted`: `me` dropped the GIL at a safe point to honour a drop
    /// request ([`GilState::handle_eval_breaker`]).
    #[inline(always)]
    fn take(&self, me: ThreadIdent, priority: bool, preempted: bool) {
        #[cfg(loom)]
        if self.mutant(Mutant::FastReattach) && sync::lock(&self.switch).last_holder == Some(me) {
            let mut g = sync::lock(&self.gil);
            g.locked = true;
            g.acquisitions += 1;
            return;
        }
        let mut g = sync::lock(&self.gil);
        if IO && preempted {
            g.preempted -= 1;
        }
        let mut starved = false;
        let mut as_priority = priority;
        if g.locked || (IO && !priority && g.io_waiters > 0 && !self.mutant(Mutant::IoNoPriority)) {
            debug_assert!(
                sync::lock(&self.switch).last_holder != Some(me),
                "take_gil: thread {me} already holds the GIL"
            );
            let start = Instant::now();
            if IO {
                let (guard, s, p) = self.wait_io(g, priority);
                g = guard;
                starved = s;
                as_priority = p;
            } else {
                while g.locked {
                    let saved_switch_number = g.switch_number;
                    let interval = self.switch_interval().max(MIN_WAIT);
                    let (guard, timed_out) = self.cond.wait_timeout(&self.gil, g, interval);
                    g = guard;
                    if timed_out && self.mutant(Mutant::GrabOnTimeout) {
                        break;
                    }
                    // A whole interval went by and nobody else got the GIL: ask
                    // the holder to drop it, and keep waiting.
                    if timed_out && g.locked && g.switch_number == saved_switch_number {
                        self.eval_breaker.fetch_or(DROP_REQUEST, Ordering::Relaxed);
                        g.drop_requests += 1;
                    }
                }
            }
            g.wait_ns = g.wait_ns.saturating_add(duration_ns(start.elapsed()));
        }

        // We hold the GIL.
        g.locked = true;
        g.acquisitions += 1;
        if IO {
            self.free_hint.store(false, Ordering::Relaxed);
            g.protected = starved;
            g.holder_priority = as_priority;
            // The budget: the gap after a priority turn, capped...
            if let Some(since) = g.io_gap.take() {
                let now = self.now(&mut g);
                let gap = now.saturating_sub(since).min(duration_ns(IO_GAP_CAP));
                self.charge(&mut g, now, gap);
            }
            // ... and priority's charge runs while a priority holder keeps
            // CPU-bound threads off the GIL.
            if as_priority && kept_off(&g) > 0 {
                if g.io_charging.is_none() {
                    let now = self.now(&mut g);
                    g.io_charging = Some(now);
                }
            } else {
                self.close_charge(&mut g);
            }
        }
        {
            // `last_holder` changes only under `switch`: see `drop_gil`.
            let mut s = sync::lock(&self.switch);
            if s.last_holder != Some(me) {
                if s.last_holder.is_some() {
                    s.switches += 1;
                }
                s.last_holder = Some(me);
                g.switch_number = g.switch_number.wrapping_add(1);
            }
            if !self.mutant(Mutant::NoSwitchSignal) {
                self.switch_cond.notify_one();
            }
        }
        // Whatever request made the previous holder drop has been honoured.
        self.clear_drop_request();
        drop(g);
    }

    /// `gil-io`: spins (without the `gil` mutex) until the hint says the
    /// GIL is free, for at most [`IO_SPIN`]; whether it did. (loom: one
    /// look, so that models stay finite.)
    fn spin_until_free(&self) -> bool {
        #[cfg(loom)]
        {
            let _ = self.epoch;
            sync::spin_hint();
            self.free_hint.load(Ordering::Relaxed)
        }
        #[cfg(not(loom))]
        {
            let start = Instant::now();
            loop {
                for _ in 0..64 {
                    if self.free_hint.load(Ordering::Relaxed) {
                        return true;
                    }
                    sync::spin_hint();
                }
                if start.elapsed() >= IO_SPIN {
                    return false;
                }
            }
        }
    }

    /// `gil-io`: the budget's clock, in nanoseconds (loom: a logical clock).
    #[inline]
    fn now(&self, g: &mut GilInner) -> u64 {
        #[cfg(loom)]
        {
            g.clock += 1_000;
            g.clock
        }
        #[cfg(not(loom))]
        {
            let _ = g;
            duration_ns(self.epoch.elapsed())
        }
    }

    /// `gil-io`: refills the budget with the wall time since the last refill,
    /// at `io_share` per-mille, up to [`IO_WINDOW`]'s worth.
    fn refill(&self, g: &mut GilInner, now: u64) {
        let share = u64::from(self.io_share);
        let elapsed = now.saturating_sub(g.io_refilled);
        g.io_refilled = now;
        let cap =
            i64::try_from(duration_ns(IO_WINDOW).saturating_mul(share) / 1000).unwrap_or(i64::MAX);
        let add = i64::try_from(elapsed.saturating_mul(share) / 1000).unwrap_or(i64::MAX);
        g.io_credit = g.io_credit.saturating_add(add).min(cap);
    }

    /// `gil-io`: ends priority's open charge, if any, and takes its length
    /// from the budget.
    fn close_charge(&self, g: &mut GilInner) {
        if let Some(since) = g.io_charging.take() {
            let now = self.now(g);
            self.charge(g, now, now.saturating_sub(since));
        }
    }

    /// `gil-io`: takes `spent` nanoseconds from the budget at `now`.
    fn charge(&self, g: &mut GilInner, now: u64, spent: u64) {
        self.refill(g, now);
        let spent = i64::try_from(spent).unwrap_or(i64::MAX);
        g.io_credit = g.io_credit.saturating_sub(spent);
    }

    /// `gil-io`: `None` while the budget has credit (priority applies), else
    /// how long until it has some again.
    fn io_shortfall(&self, g: &mut GilInner, now: u64) -> Option<Duration> {
        if self.mutant(Mutant::IoNoBudget) {
            return None;
        }
        self.refill(g, now);
        if g.io_credit > 0 {
            return None;
        }
        let missing = 1 + g.io_credit.unsigned_abs();
        Some(match self.io_share {
            0 => Duration::MAX,
            share => Duration::from_nanos(missing.saturating_mul(1000) / u64::from(share)),
        })
    }

    /// `gil-io`'s wait for the GIL ([`crate::io`]): returns with the GIL
    /// free and `me` entitled to it, whether `me` took it as a starving
    /// waiter and whether as a priority waiter.
    #[cold]
    fn wait_io<'a>(
        &'a self,
        mut g: sync::MutexGuard<'a, GilInner>,
        priority: bool,
    ) -> (sync::MutexGuard<'a, GilInner>, bool, bool) {
        #[derive(PartialEq, Clone, Copy)]
        enum Class {
            Priority,
            /// A priority waiter while the budget is spent: a CPU waiter
            /// that re-checks the budget when it may have credit again.
            Throttled,
            Cpu,
            Starving,
        }
        let mut class = if priority {
            g.io_waiters += 1;
            Class::Priority
        } else {
            g.cpu_waiters += 1;
            Class::Cpu
        };
        let interval = self.switch_interval().max(MIN_WAIT);
        let start = self.now(&mut g);
        let mut spins_left = 2;
        loop {
            let mut wait = interval;
            if matches!(class, Class::Priority | Class::Throttled) {
                // Priority while the budget lasts.
                let now = self.now(&mut g);
                let shortfall = self.io_shortfall(&mut g, now);
                match (class, shortfall) {
                    (Class::Priority, Some(_)) => {
                        g.io_waiters -= 1;
                        g.cpu_waiters += 1;
                        g.io_throttled += 1;
                        class = Class::Throttled;
                    }
                    (Class::Throttled, None) => {
                        g.cpu_waiters -= 1;
                        g.io_waiters += 1;
                        class = Class::Priority;
                    }
                    _ => {}
                }
                if let Some(until_credit) = shortfall {
                    // Wake when there is credit again, or when the whole
                    // interval is over.
                    let left = interval.saturating_sub(Duration::from_nanos(now - start));
                    wait = until_credit.min(left).max(MIN_WAIT);
                }
            }
            let may_take = !g.locked
                && match class {
                    Class::Starving => true,
                    Class::Priority => g.starving == 0,
                    Class::Cpu | Class::Throttled => {
                        g.io_waiters == 0 || self.mutant(Mutant::IoNoPriority)
                    }
                };
            if may_take {
                break;
            }
            // A priority waiter asks the holder to drop the GIL at its next
            // safe point, unless the holder is a starving waiter's turn or
            // somebody starves.
            if class == Class::Priority
                && g.locked
                && !g.protected
                && g.starving == 0
                && !self.drop_requested()
            {
                self.eval_breaker.fetch_or(DROP_REQUEST, Ordering::Relaxed);
                g.io_requests += 1;
                g.drop_requests += 1;
                // The holder is kept off the GIL from now on.
                if g.io_charging.is_none() {
                    let now = self.now(&mut g);
                    g.io_charging = Some(now);
                }
            }
            // Spin a little, rather than sleep, for a GIL that should come
            // free soon: a holder asked to drop it (it will at its next
            // safe point), or a priority holder (its turns are short).
            // Then a hand-over costs no futex wake-up while the GIL idles.
            if spins_left > 0
                && g.locked
                && !g.protected
                && (self.drop_requested() || g.holder_priority)
            {
                spins_left -= 1;
                drop(g);
                let freed = self.spin_until_free();
                // Whatever the hint said, look again under the mutex: the
                // GIL may have come free (and its wake-up gone to nobody)
                // while we spun.
                g = sync::lock(&self.gil);
                if freed || !self.mutant(Mutant::IoSpinNoRecheck) {
                    continue;
                }
            }
            let saved_switch_number = g.switch_number;
            let cond = if class == Class::Priority {
                &self.io_cond
            } else {
                &self.cond
            };
            let (guard, timed_out) = cond.wait_timeout(&self.gil, g, wait);
            g = guard;
            if timed_out {
                #[cfg(loom)]
                {
                    g.clock = g.clock.saturating_add(duration_ns(wait));
                }
                let now = self.now(&mut g);
                if now.saturating_sub(start) >= duration_ns(interval) {
                    // A whole interval of waiting: starving from now on, so
                    // first in line (switches to other threads meanwhile do
                    // not count: they may be priority waiters taking turns).
                    match class {
                        Class::Priority => {
                            g.io_waiters -= 1;
                            g.starving += 1;
                        }
                        Class::Cpu | Class::Throttled => {
                            g.cpu_waiters -= 1;
                            g.starving += 1;
                        }
                        Class::Starving => {}
                    }
                    class = Class::Starving;
                }
                // And, as under `gil`, an interval with no switch asks the
                // holder to drop the GIL.
                if wait == interval && g.locked && g.switch_number == saved_switch_number {
                    self.eval_breaker.fetch_or(DROP_REQUEST, Ordering::Relaxed);
                    g.drop_requests += 1;
                }
            }
        }
        match class {
            Class::Priority => g.io_waiters -= 1,
            Class::Cpu | Class::Throttled => g.cpu_waiters -= 1,
            Class::Starving => g.starving -= 1,
        }
        (g, class == Class::Starving, class == Class::Priority)
    }

    /// Drops the GIL that `me` holds; when a drop request is pending, waits
    /// until another thread has taken it (forced switching). `drop_gil` in
    /// `ceval_gil.c`.
    ///
    /// # Panics
    ///
    /// If the GIL is not locked.
    pub fn drop_gil(&self, me: ThreadIdent) {
        self.release(me, false);
    }

    /// [`GilState::drop_gil`]; `preempted`: `me` drops at a safe point to
    /// honour a drop request and will take the GIL again at once.
    fn release(&self, me: ThreadIdent, preempted: bool) {
        {
            let mut g = sync::lock(&self.gil);
            assert!(g.locked, "drop_gil: the GIL is not locked");
            g.locked = false;
            if IO {
                self.free_hint.store(true, Ordering::Relaxed);
                if preempted {
                    g.preempted += 1;
                }
                // A priority turn ends: the charge covers the hand-over to
                // a priority waiter and its hold, and then the gap until
                // the next thread has the GIL, but no more than
                // `IO_GAP_CAP` of it (the OS may not run the thread that
                // was kept off for milliseconds on a loaded machine).
                if g.holder_priority {
                    self.close_charge(&mut g);
                    if kept_off(&g) > 0 {
                        let now = self.now(&mut g);
                        g.io_gap = Some(now);
                    }
                }
                g.holder_priority = false;
            }
            if !IO {
                self.cond.notify_one();
            } else if g.starving > 0 {
                // Starving waiters go first, and they may be asleep beside
                // CPU waiters that may not take the GIL.
                self.cond.notify_all();
            } else if g.io_waiters > 0 && !self.mutant(Mutant::IoWrongCond) {
                self.io_cond.notify_one();
            } else {
                self.cond.notify_one();
            }
        }

        if self.drop_requested() && !self.mutant(Mutant::NoForcedSwitch) {
            let mut s = sync::lock(&self.switch);
            // Not switched yet: wait until somebody else has the GIL.
            if s.last_holder == Some(me) {
                self.clear_drop_request();
                s.forced_switches += 1;
                while s.last_holder == Some(me) {
                    s = self.switch_cond.wait(s);
                }
            }
        }
    }

    /// The fast check at a safe point: is anything pending? One relaxed load.
    #[inline(always)]
    pub fn eval_breaker(&self) -> bool {
        self.eval_breaker.load(Ordering::Relaxed) != 0
    }

    /// Whether a waiter has asked the holder to drop the GIL.
    #[inline]
    pub fn drop_requested(&self) -> bool {
        self.eval_breaker.load(Ordering::Relaxed) & DROP_REQUEST != 0
    }

    #[inline]
    fn clear_drop_request(&self) {
        if self.drop_requested() {
            self.eval_breaker
                .fetch_and(!DROP_REQUEST, Ordering::Relaxed);
        }
    }

    /// Schedules a collection (see [`GC_REQUEST`]).
    pub fn request_gc(&self) {
        self.eval_breaker.fetch_or(GC_REQUEST, Ordering::Relaxed);
    }

    /// Clears [`GC_REQUEST`]; whether it was set.
    pub fn take_gc_request(&self) -> bool {
        self.eval_breaker.load(Ordering::Relaxed) & GC_REQUEST != 0
            && self.eval_breaker.fetch_and(!GC_REQUEST, Ordering::Relaxed) & GC_REQUEST != 0
    }

    /// The slow path at a safe point of the holder `me`: when a drop request is
    /// pending, drop the GIL (waiting for the hand-over) and take it again.
    #[cold]
    pub fn handle_eval_breaker(&self, me: ThreadIdent) {
        if self.drop_requested() {
            self.release(me, true);
            // Other threads run now.
            self.take(me, false, true);
        }
    }

    /// How long a waiter waits before it asks for the GIL.
    pub fn switch_interval(&self) -> Duration {
        Duration::from_nanos(self.interval_ns.load(Ordering::Relaxed))
    }

    /// Sets the switch interval (`sys.setswitchinterval`); waiters use it from
    /// their next wait on.
    pub fn set_switch_interval(&self, interval: Duration) {
        self.interval_ns
            .store(duration_ns(interval), Ordering::Relaxed);
    }

    /// How many times the GIL has passed to a different thread (including the
    /// first acquisition). A thread that sees it change knows a switch
    /// happened.
    pub fn switch_number(&self) -> u64 {
        sync::lock(&self.gil).switch_number
    }

    /// The thread that took the GIL last, if any (it may have dropped it since).
    pub fn last_holder(&self) -> Option<ThreadIdent> {
        sync::lock(&self.switch).last_holder
    }

    /// Whether `me` holds the GIL (CPython's `current_thread_holds_gil`); for
    /// assertions.
    pub fn holds(&self, me: ThreadIdent) -> bool {
        let g = sync::lock(&self.gil);
        g.locked && sync::lock(&self.switch).last_holder == Some(me)
    }

    /// `gil-io`: how many of [`LockStats::drop_requests`] were early requests
    /// of priority waiters ([`crate::io`]); always 0 otherwise.
    pub fn io_requests(&self) -> u64 {
        sync::lock(&self.gil).io_requests
    }

    /// `gil-io`: how often a priority waiter found the budget spent and
    /// waited as a CPU waiter ([`crate::io`]); always 0 otherwise.
    pub fn io_throttled(&self) -> u64 {
        sync::lock(&self.gil).io_throttled
    }

    /// `gil-io`: sets the budget's rate, the share of wall time in per-mille
    /// that priority waiters may take from CPU-bound threads ([`crate::io`];
    /// default [`DEFAULT_IO_SHARE`]). 0 turns priority off; 1000 makes it
    /// unlimited in practice.
    pub fn with_io_share(mut self, per_mille: u32) -> Self {
        self.io_share = per_mille.min(1000);
        self
    }

    /// Whether some thread holds the GIL right now.
    pub fn is_locked(&self) -> bool {
        sync::lock(&self.gil).locked
    }

    /// The counters so far. Takes both internal mutexes briefly (never the
    /// GIL), so it may be called attached or detached.
    pub fn stats(&self) -> LockStats {
        let g = sync::lock(&self.gil);
        let s = sync::lock(&self.switch);
        LockStats {
            gil_acquisitions: g.acquisitions,
            gil_switches: s.switches,
            forced_switches: s.forced_switches,
            drop_requests: g.drop_requests,
            gil_wait_ns: g.wait_ns,
            contended_object_locks: 0,
        }
    }
}

#[cfg(not(loom))]
#[derive(Clone, Copy)]
enum Mutant {
    NoForcedSwitch,
    NoSwitchSignal,
    GrabOnTimeout,
    IoNoPriority,
    IoWrongCond,
    /// `gil-io`: priority ignores the budget ([`crate::io`]): a priority
    /// waiter asks the holder to drop early however much of the CPU-bound
    /// threads' time priority has already taken.
    IoNoBudget,
    /// `gil-io`: a waiter whose spin saw the GIL still held goes to sleep
    /// without looking again under the mutex, so a drop (and its wake-up,
    /// which found nobody asleep) during the spin is missed.
    IoSpinNoRecheck,
}

/// `gil-io`: the threads that priority keeps off the GIL right now: CPU
/// waiters (throttled priority waiters among them), starving waiters, and
/// threads on their way back to `take` after a forced drop.
fn kept_off(g: &GilInner) -> u32 {
    g.cpu_waiters + g.starving + g.preempted
}

fn duration_ns(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

#[cfg(all(test, not(loom)))]
mod tests {
    use super::*;

    #[test]
    fn uncontended_take_and_drop() {
        let gil = GilState::new(Duration::from_millis(5));
        assert!(!gil.is_locked());
        gil.take_gil(7);
        assert!(gil.is_locked());
        assert!(gil.holds(7) && !gil.holds(8));
        assert_eq!(gil.last_holder(), Some(7));
        assert!(!gil.eval_breaker());
        gil.drop_gil(7);
        assert!(!gil.is_locked());
        gil.take_gil(7);
        gil.drop_gil(7);
        let stats = gil.stats();
        assert_eq!(stats.gil_acquisitions, 2);
        assert_eq!(stats.gil_switches, 0);
        assert_eq!(stats.drop_requests, 0);
        assert_eq!(stats.gil_wait_ns, 0);
        assert_eq!(gil.switch_number(), 1);
    }

    #[test]
    fn another_thread_is_a_switch() {
        let gil = GilState::new(Duration::from_millis(5));
        gil.take_gil(1);
        gil.drop_gil(1);
        gil.take_gil(2);
        gil.drop_gil(2);
        assert_eq!(gil.stats().gil_switches, 1);
        assert_eq!(gil.switch_number(), 2);
    }

    #[test]
    fn switch_interval_round_trips() {
        let gil = GilState::new(Duration::from_millis(5));
        assert_eq!(gil.switch_interval(), Duration::from_millis(5));
        gil.set_switch_interval(Duration::from_micros(250));
        assert_eq!(gil.switch_interval(), Duration::from_micros(250));
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "already holds")]
    fn taking_the_gil_twice_panics() {
        let gil = GilState::new(Duration::from_millis(5));
        gil.take_gil(1);
        gil.take_gil(1);
    }

    /// `gil-io`: a thread back from a blocking call gets the GIL from a
    /// holder that polls its eval breaker long before a switch interval.
    #[test]
    fn gil_io_priority_waiter_preempts_a_polling_holder() {
        use std::sync::atomic::{AtomicBool, Ordering as O};
        use std::sync::Arc;
        let gil = Arc::new(GilState::new_io(Duration::from_secs(5)));
        let done = Arc::new(AtomicBool::new(false));
        gil.take_gil(1);
        let waiter = {
            let (gil, done) = (gil.clone(), done.clone());
            std::thread::spawn(move || {
                let start = Instant::now();
                gil.take_gil_after_blocking(2);
                let waited = start.elapsed();
                done.store(true, O::Relaxed);
                gil.drop_gil(2);
                waited
            })
        };
        // The holder "runs bytecode": polls until the waiter has had the GIL.
        while !done.load(O::Relaxed) {
            if gil.eval_breaker() {
                gil.handle_eval_breaker(1);
            }
            std::thread::yield_now();
        }
        gil.drop_gil(1);
        let waited = waiter.join().unwrap();
        assert!(waited < Duration::from_secs(1), "waited {waited:?}");
        assert_eq!(gil.io_requests(), 1);
    }

    /// `gil-io` with no budget (share 0): the thread back from a blocking
    /// call is throttled, asks for no early drop, and gets the GIL as a CPU
    /// waiter would, after its interval.
    #[test]
    fn gil_io_without_budget_waits_like_a_cpu_waiter() {
        use std::sync::atomic::{AtomicBool, Ordering as O};
        use std::sync::Arc;
        let gil = Arc::new(GilState::new_io(Duration::from_millis(5)).with_io_share(0));
        let done = Arc::new(AtomicBool::new(false));
        gil.take_gil(1);
        let waiter = {
            let (gil, done) = (gil.clone(), done.clone());
            std::thread::spawn(move || {
                gil.take_gil_after_blocking(2);
                done.store(true, O::Relaxed);
                gil.drop_gil(2);
            })
        };
        while !done.load(O::Relaxed) {
            if gil.eval_breaker() {
                gil.handle_eval_breaker(1);
            }
            std::thread::yield_now();
        }
        gil.drop_gil(1);
        waiter.join().unwrap();
        assert_eq!(gil.io_requests(), 0);
        assert!(gil.io_throttled() >= 1);
        assert!(gil.stats().drop_requests >= 1);
    }

    /// Under `gil` the same thread waits for its interval to pass.
    #[test]
    fn gil_after_blocking_is_take_gil() {
        let gil = GilState::new(Duration::from_millis(5));
        gil.take_gil_after_blocking(1);
        assert!(gil.holds(1));
        gil.drop_gil(1);
        assert_eq!(gil.io_requests(), 0);
    }

    #[test]
    #[should_panic(expected = "not locked")]
    fn dropping_an_unlocked_gil_panics() {
        GilState::new(Duration::from_millis(5)).drop_gil(1);
    }
}
