//! `gil-io`: a GIL that favours threads coming back from blocking calls,
//! without the convoy effect (bpo-7946).
//!
//! Under `gil` ([`crate::protocol`]) a thread whose `recv` (or `sleep`, lock
//! wait, queue `get`, `join`) returns queues for the GIL like every other
//! thread: beside a CPU-bound holder it waits a whole switch interval (5 ms)
//! before it even asks, and an echo server that does that twice per request
//! falls from thousands of requests per second to about a hundred. This mode
//! is the same lock, the same eval breaker and the same forced switching,
//! with *priority waiters*. The code is [`GilState`](crate::GilState)`<true>`: the branches
//! below are `if IO` in `protocol.rs`, compiled out of `gil` and
//! `gil-release` (`GilState<false>`).
//!
//! # The protocol
//!
//! - A thread re-attaching after a blocking call
//!   (`runtime::detach::blocking`, through
//!   [`runtime::LockStrategy::attach_after_blocking`]) calls
//!   [`GilState::take_gil_after_blocking`](crate::GilState::take_gil_after_blocking) and, if it has to wait, waits as
//!   a **priority waiter**. Every other acquisition (a thread's first
//!   attach, the re-take after honouring a drop request) is a **CPU
//!   waiter**, exactly as under `gil`. A waiter of either kind that has
//!   waited a whole switch interval (whether or not other threads took the
//!   GIL meanwhile) becomes a **starving waiter** for the rest of its wait.
//!
//! - Under the `gil` mutex, beside `locked`: `io_waiters` (priority
//!   waiters that are not starving), `cpu_waiters` (CPU waiters, throttled
//!   priority waiters among them, not starving), `starving` (starving
//!   waiters of either kind), `preempted` (threads between a drop at a
//!   safe point and their re-take), `protected` (the holder took the GIL as
//!   a starving waiter), `holder_priority` (it took it as a priority
//!   waiter), and the budget's `io_credit`, `io_refilled`, `io_charging`
//!   and `io_gap`.
//!
//! - **Early request.** A priority waiter that finds the GIL locked, the
//!   holder not protected, nobody starving and no drop request pending sets
//!   the drop request at once, instead of after an interval. The holder
//!   sees it at its next safe point (a poll of the eval breaker, within
//!   microseconds for bytecode) and drops the GIL with forced switching, as
//!   it would for any drop request: it waits until another thread took the
//!   GIL. A priority waiter re-checks this at every wake-up, so a new holder
//!   that is not protected is asked too.
//!
//! - **Who may take a free GIL.** A starving waiter always. A priority
//!   waiter when nobody starves. A CPU waiter when no priority waiter is
//!   queued (`io_waiters == 0`), so the thread that asked for the drop, not
//!   the dropper nor another CPU thread, gets it. Everyone else goes back to
//!   sleep; a thread that comes to `take_gil` and may not take a free GIL
//!   waits as if it were locked.
//!
//! - **Wake-ups.** Priority waiters sleep on their own condition variable,
//!   `io_cond`; CPU and starving waiters on `cond`. `drop_gil` wakes all of
//!   `cond` when somebody starves (the starving waiter may sleep beside CPU
//!   waiters that may not take), else one priority waiter if any is queued,
//!   else one waiter of `cond`. Every wait is still timed (one interval), so
//!   a missed wake-up costs latency, never liveness, as under `gil`.
//!
//! - **The bound.** Priority is what could starve CPU-bound threads: a
//!   stream of threads returning from IO could keep asking a CPU-bound
//!   holder to drop, and keep taking the GIL ahead of it (two of them
//!   taking turns would also keep resetting a CPU waiter's interval, which
//!   under `gil` restarts at every switch). Hence starving waiters: a CPU
//!   waiter that waited a whole interval suspends priority (priority
//!   waiters may neither take a free GIL nor ask for an early drop) until
//!   it has had the GIL, and, if that interval saw no switch, makes the
//!   normal drop request (a starving waiter whose interval saw switches asks
//!   after its next one with none, which priority no longer disturbs).
//!   When it takes the GIL it is *protected*: priority waiters do
//!   not ask it to drop early, so it keeps the GIL until it blocks or until
//!   a waiter's whole interval passes. A CPU-bound thread therefore gets at
//!   least about one interval out of every two when priority waiters keep
//!   coming, and an IO thread's wait for the GIL is bounded by the time the
//!   holder takes to reach a safe point, unless a starving thread's turn
//!   comes first, which is bounded by a switch interval. A priority waiter
//!   too becomes starving after a whole interval, so a stream of CPU threads
//!   cannot starve an IO thread either.
//!
//! - **The budget.** Starving waiters bound how long priority can keep a
//!   CPU-bound thread waiting, not how much of its time priority takes: an
//!   echo pair that returns from `recv` every few microseconds asks for the
//!   GIL tens of thousands of times a second, and beside it a spinning
//!   thread kept about a fifth of its throughput alone. So priority has a
//!   budget, a token bucket under the `gil` mutex: `io_credit` (nanoseconds)
//!   refills with wall time at `io_share` per-mille (default
//!   [`DEFAULT_IO_SHARE`](crate::DEFAULT_IO_SHARE), 10%), up to 20 ms of
//!   wall time's worth, and is charged for every *priority turn that keeps a
//!   CPU-bound thread off the GIL*: the charge opens when a priority waiter
//!   makes an early request, or takes the GIL while some thread is kept off
//!   it (a CPU waiter, a starving waiter, or a thread that dropped the GIL at
//!   a safe point for a drop request and has not come back to `take_gil` yet:
//!   `preempted`), and closes when that priority holder drops the GIL or a
//!   thread other than a priority waiter takes it. The gap after a priority
//!   turn that kept threads off, until the next thread has the GIL (the
//!   kept-off thread's wake-up), is charged too, but at most 100 µs of it
//!   (`io_gap`): on a loaded machine the OS may not run that thread for
//!   milliseconds, and charging all of that (as a first version did) spent
//!   the budget on what priority did not do and held the echo rate of the
//!   `convoy` workload at `gil`'s whatever the share. A priority waiter that finds the credit spent is
//!   *throttled*: a CPU waiter in every respect (it neither asks early nor
//!   goes first, sleeps on `cond`) whose timed wait ends when the credit will
//!   be positive again (or its interval is over), when it becomes a priority
//!   waiter again. So over any stretch of time priority takes about
//!   `io_share` of the CPU-bound threads' GIL time plus at most one
//!   bucket, and an IO thread's wait is bounded by the refill time instead
//!   of a safe point. `GILGAMESH_IO_SHARE` (per-mille) overrides the share
//!   for measurements.
//!
//! - **Spinning.** A hand-over that goes through a futex wake leaves the
//!   GIL idle for the wake-up latency, tens of microseconds on a VM, twice
//!   per priority turn (the priority waiter woken when the holder drops at
//!   its request; the CPU-bound thread woken when the short priority turn
//!   ends). So a waiter about to sleep while the GIL should come free soon
//!   (a drop request is pending, or the holder is a priority holder), and
//!   not a protected holder, first spins for up to 50 µs, at most twice per
//!   wait, on `free_hint`, an atomic copy of `!locked` written under the
//!   mutex, and then *always* goes back to the top of the wait loop under
//!   the mutex: the hint only saves a sleep, every decision is taken under
//!   the mutex. (A first version slept when the hint still said "locked";
//!   a drop during the spin, whose wake-up found nobody asleep, was then
//!   lost, and loom found the deadlock at once: mutant `IoSpinNoRecheck`.)
//!
//! - **CPU threads among themselves** never see a priority waiter, so
//!   `io_waiters` stays 0, a CPU waiter may take a free GIL exactly when it
//!   may under `gil`, and the drop requests and forced switches are those of
//!   `gil`; the only difference is that a drop with a starving waiter wakes
//!   all of `cond` rather than one (with two threads, the same thing).
//!
//! - The invariants of `protocol.rs` hold unchanged: the drop request is set
//!   only by a thread inside `take_gil` while the GIL is locked (an early
//!   request too), every acquisition clears it, and so the dropper's
//!   hand-over wait always ends. `io_waiters` and `starving` count exactly
//!   the threads inside the wait loop in each class: a waiter moves itself
//!   between classes and leaves its class when it takes the GIL, all under
//!   the `gil` mutex.
//!
//! # Where this departs from `ceval_gil.c`
//!
//! CPython has no notion of priority: every waiter waits
//! `switch_interval` before it sets `gil_drop_request`, and the woken waiter
//! is whichever the condition variable picks. The proposals of bpo-7946
//! (Nir Aides' BFS scheduler, Antoine Pitrou's interactiveness heuristic,
//! Beazley's priority GIL) were never merged. Here:
//!
//! - a waiter's class (priority, CPU, starving) decides whether it may take
//!   a free GIL; in CPython any waiter that wins the mutex takes it;
//! - a priority waiter sets the drop request without waiting an interval;
//! - a second condition variable, `io_cond`, lets `drop_gil` wake a priority
//!   waiter rather than an arbitrary one;
//! - the classification is by call site (re-attaching after a blocking call
//!   is IO, anything else is CPU), not by measuring how long a thread ran, as
//!   the heuristics proposed in bpo-7946 did;
//! - priority has a budget, a share of wall time measured with a clock
//!   read under the mutex (CPython's GIL reads no clock but the condition
//!   variable's time-out);
//! - waiters spin before sleeping in two cases (CPython's waiters always
//!   sleep on the condition variable).
//!
//! # Under loom
//!
//! `loom-tests/tests/loom_gil_io.rs` runs this code: mutual exclusion with a
//! priority waiter among CPU threads, the priority hand-over itself (a
//! CPU holder dropping at an IO thread's early request hands the GIL to the
//! IO thread, not to a CPU waiter), and the budget (a priority turn that
//! spent the credit is not followed by another early request), against the
//! mutants `IoNoPriority`, `IoWrongCond`, `IoNoBudget` and `IoSpinNoRecheck`
//! of `gil::Mutant`. loom has no clock: under loom the budget's clock is a
//! logical one under the mutex (1 µs per reading; a timed wait that times
//! out advances it by its length), and a spin is one look at the hint.
//!
//! ```
//! use gil::GilState;
//! use std::time::Duration;
//!
//! let gil = GilState::new_io(Duration::from_millis(5));
//! gil.take_gil(1);
//! gil.drop_gil(1);
//! // Back from a blocking call: uncontended, it simply takes the GIL.
//! gil.take_gil_after_blocking(2);
//! assert!(gil.holds(2));
//! gil.drop_gil(2);
//! assert_eq!(gil.io_requests(), 0);
//! ```
