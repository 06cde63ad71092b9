//! The `_signal` module (CPython's `Modules/signalmodule.c`), which
//! `Lib/signal.py` wraps in enums.
//!
//! # Protocol: OS handler → pending flag → safe point
//!
//! A Python handler never runs inside the OS signal handler: almost nothing
//! is async-signal-safe there (no allocation, no lock, no reference count).
//! So, as in CPython:
//!
//! 1. `signal.signal(n, f)` stores `f` in the owning runtime's handler table
//!    (`Interp::signal_handlers`) and installs `trip` as the OS handler
//!    of `n` with `sigaction`.
//! 2. When `n` arrives, on whatever thread the kernel picks, `trip` only
//!    stores `true` in `PENDING[n]`, then in `ANY_PENDING`, and writes the
//!    byte `n` to the wakeup fd if one is set (`set_wakeup_fd`: how an event
//!    loop blocked in `select` learns of the signal). Those are lock-free
//!    atomic stores and one `write(2)`, all async-signal-safe.
//! 3. Every safe point of the VM (backward jumps and calls, where the lock
//!    strategy's eval breaker is polled) also loads `ANY_PENDING`: one
//!    relaxed load of a static. When it is set, `run_pending` runs, and
//!    does something only on the main thread of the owning runtime: it
//!    clears `ANY_PENDING`, then each set `PENDING[n]` in turn, and calls
//!    the Python handler of `n` with `(n, None)` (CPython passes the frame;
//!    we pass None). An exception the handler raises propagates from that
//!    safe point, as from the instruction that was running; the signals not
//!    yet handled stay pending for the next safe point. Under a GIL the main
//!    thread reaches a safe point at the latest after a switch interval;
//!    under finegrained at its next backward jump or call. Other threads
//!    see the flag too but leave it alone.
//! 4. Blocking calls of the main thread that a signal interrupts (`EINTR`:
//!    `time.sleep`, `select`, `signal.pause`) run the handlers at once
//!    ([`check_signals`]) and, if none raised, go on waiting (PEP 475).
//!
//! **Delivery.** The kernel gives a signal sent to the process (`kill`,
//! Ctrl-C, a timer) to any thread that does not block it, preferring the
//! process's first thread, which for the CLI is not the one that runs
//! Python's main thread. CPython's main thread is the first thread, so its
//! blocking calls are the ones interrupted. To match, `trip` running on
//! another thread passes the signal on to the main thread with
//! `pthread_kill` (async-signal-safe) instead of recording it: the main
//! thread's own `trip` records it, and its blocking call sees `EINTR`.
//!
//! Handlers are installed with `SA_RESTART` unless `siginterrupt(n, True)`
//! asked otherwise: the runtime's own reads and writes need not all retry on
//! `EINTR`, while `poll` and `nanosleep` are interrupted whatever the flag.
//!
//! **Ownership.** Signal dispositions are process-wide, so one runtime of
//! the process owns them: the first to import `_signal` ("the main
//! interpreter"), until it is dropped. Only its main thread may set
//! handlers; other threads and runtimes get CPython's ValueError.
//!
//! **Ctrl-C.** Importing `_signal` installs `default_int_handler` for
//! SIGINT when SIGINT still has its default action (as CPython does at
//! startup): Ctrl-C then raises KeyboardInterrupt in the main thread. A
//! second SIGINT that arrives while the first is still pending (the main
//! thread is stuck in a wait that does not check for signals) gets the
//! default action, ending the process as before `_signal` was imported.
//!
//! The statics are `std` atomics, not the `crate::sync` shim's: they are
//! written from an OS signal handler, which runs outside any loom model and
//! needs `const`-initialised, lock-free atomics.

use crate::builtins::{arity, is_callable};
use crate::interp::Interp;
use crate::object::{ObjRef, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicUsize, Ordering};

/// One more than the largest signal number (Linux's `_NSIG`).
pub const NSIG: usize = 65;

/// Signals that arrived and whose Python handler has not run yet.
static PENDING: [AtomicBool; NSIG] = [const { AtomicBool::new(false) }; NSIG];
/// Whether any of `PENDING` may be set: what a safe point loads.
static ANY_PENDING: AtomicBool = AtomicBool::new(false);
/// The fd `set_wakeup_fd` set, or -1.
static WAKEUP_FD: AtomicI32 = AtomicI32::new(-1);
/// The address of the runtime that owns the signal handlers, or 0.
static OWNER: AtomicUsize = AtomicUsize::new(0);
/// The `pthread_t` of the owning runtime's main thread, or 0 (see
/// "Delivery" above).
static MAIN_THREAD: AtomicUsize = AtomicUsize::new(0);
/// Whether SIGINT's handler is `default_int_handler` (see "Ctrl-C" above).
static INT_IS_DEFAULT: AtomicBool = AtomicBool::new(false);

const SIG_DFL: i64 = 0;
const SIG_IGN: i64 = 1;

/// [`trip`] as a `sigaction` handler value.
fn trip_action() -> libc::sighandler_t {
    trip as extern "C" fn(libc::c_int) as *const () as libc::sighandler_t
}

/// The OS handler of every signal with a Python handler (step 2 above).
extern "C" fn trip(signum: libc::c_int) {
    // SAFETY: __errno_location returns the calling thread's errno, valid
    // for the thread's life; saved and restored so that the interrupted
    // code never sees the handler's `write` change it.
    let saved_errno = unsafe { *libc::__errno_location() };
    let Ok(n) = usize::try_from(signum) else {
        return;
    };
    if n >= NSIG {
        return;
    }
    let main = MAIN_THREAD.load(Ordering::Acquire);
    // SAFETY: pthread_self and pthread_kill are async-signal-safe; `main`
    // is a live thread: it is cleared before that thread ends.
    unsafe {
        if main != 0 && libc::pthread_self() as usize != main {
            libc::pthread_kill(main as libc::pthread_t, signum);
            *libc::__errno_location() = saved_errno;
            return;
        }
    }
    if signum == libc::SIGINT
        && INT_IS_DEFAULT.load(Ordering::Relaxed)
        && PENDING[n].load(Ordering::Relaxed)
    {
        // A second Ctrl-C that nothing handled: the default action. SIGINT
        // is blocked while its handler runs, so it is delivered, and ends
        // the process, when this handler returns.
        // SAFETY: signal and raise are async-signal-safe.
        unsafe {
            libc::signal(libc::SIGINT, libc::SIG_DFL);
            libc::raise(libc::SIGINT);
        }
        return;
    }
    PENDING[n].store(true, Ordering::Release);
    ANY_PENDING.store(true, Ordering::Release);
    let fd = WAKEUP_FD.load(Ordering::Relaxed);
    if fd >= 0 {
        let byte = signum as u8;
        // SAFETY: write is async-signal-safe; `byte` lives across the call.
        // A full pipe (EAGAIN) loses the byte, as in CPython.
        unsafe { libc::write(fd, (&byte as *const u8).cast(), 1) };
    }
    // SAFETY: as above.
    unsafe { *libc::__errno_location() = saved_errno };
}

/// Whether a signal may be waiting for its Python handler (the fast check
/// of a safe point).
#[inline(always)]
pub(crate) fn any_pending() -> bool {
    ANY_PENDING.load(Ordering::Relaxed)
}

fn owner_id<S: LockStrategy>(interp: &Interp<S>) -> usize {
    interp as *const Interp<S> as usize
}

/// Whether `vm` may run and set Python signal handlers: the main thread of
/// the runtime that owns them.
fn is_signal_thread<S: LockStrategy>(vm: &Vm<S>) -> bool {
    OWNER.load(Ordering::Acquire) == owner_id(&vm.interp) && super::threading::is_main_thread(vm)
}

/// Makes the calling thread (the owner's main thread) the one that
/// receives the process's signals (see "Delivery" above).
fn record_main_thread() {
    // SAFETY: pthread_self always succeeds.
    let me = unsafe { libc::pthread_self() } as usize;
    MAIN_THREAD.store(me, Ordering::Release);
}

/// The main thread of the owning runtime is about to end: signals are no
/// longer passed on to it.
pub(crate) fn main_thread_ends<S: LockStrategy>(vm: &Vm<S>) {
    if is_signal_thread(vm) {
        MAIN_THREAD.store(0, Ordering::Release);
    }
}

/// Runs the Python handlers of the signals that arrived, if `vm` is the
/// thread that runs them (step 3 above). Called by the VM when
/// [`any_pending`] reports a signal.
#[cold]
#[inline(never)]
pub(crate) fn run_pending<S: LockStrategy>(vm: &mut Vm<S>) -> PyResult<S, ()> {
    if !is_signal_thread(vm) || !ANY_PENDING.swap(false, Ordering::Acquire) {
        return Ok(());
    }
    for (n, flag) in PENDING.iter().enumerate().skip(1) {
        if !flag.swap(false, Ordering::Acquire) {
            continue;
        }
        let handler = handlers(&vm.interp).get(n).cloned();
        let Some(handler) = handler else { continue };
        if matches!(handler, Value::None | Value::Int(_)) {
            continue;
        }
        if let Err(e) = vm.call(&handler, vec![Value::Int(n as i64), Value::None]) {
            // The others stay pending for the next safe point.
            ANY_PENDING.store(true, Ordering::Release);
            return Err(e);
        }
    }
    Ok(())
}

/// `PyErr_CheckSignals`: runs pending handlers now, for a blocking call
/// that a signal interrupted.
pub fn check_signals<S: LockStrategy>(vm: &mut Vm<S>) -> PyResult<S, ()> {
    if any_pending() {
        run_pending(vm)
    } else {
        Ok(())
    }
}

/// After `kill` sent signal `sig` to this process: waits (briefly) until
/// the OS handler has recorded it, so that its Python handler runs before
/// the next instruction, as in CPython. A signal sent with `kill` is
/// delivered to any thread that does not block it, often not the calling
/// one (the process's first thread may be waiting for the interpreter's),
/// so without the wait the handler would run at some later safe point.
pub(crate) fn await_delivery<S: LockStrategy>(vm: &Vm<S>, sig: i64) {
    let Ok(n) = usize::try_from(sig) else { return };
    if n == 0 || n >= NSIG || !is_signal_thread(vm) {
        return;
    }
    let caught = handlers(&vm.interp)
        .get(n)
        .is_some_and(|h| !matches!(h, Value::None | Value::Int(_)));
    if !caught {
        return;
    }
    // Normally a few microseconds; the bound only matters on a machine so
    // loaded that the receiving thread waits long for a core (the signal
    // still arrives then, at a later safe point).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
    while !(PENDING[n].load(Ordering::Acquire) && ANY_PENDING.load(Ordering::Acquire)) {
        // A signal blocked in every thread stays pending in the kernel.
        // SAFETY: sigpending fills the set it is given.
        let blocked = unsafe {
            let mut set: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut set);
            libc::sigpending(&mut set);
            libc::sigismember(&set, n as libc::c_int) == 1
        };
        if blocked || std::time::Instant::now() >= deadline {
            return;
        }
        std::thread::yield_now();
    }
}

/// The runtime `interp` is going away: if it owns the signal handlers,
/// give the OS handlers back to their default action.
pub(crate) fn release_owner<S: LockStrategy>(interp: &Interp<S>) {
    let me = owner_id(interp);
    if OWNER.load(Ordering::Acquire) != me {
        return;
    }
    let table = std::mem::take(&mut *handlers(interp));
    for (n, h) in table.iter().enumerate().skip(1) {
        if !matches!(h, Value::None | Value::Int(_)) {
            // SAFETY: restoring a default disposition touches no memory.
            unsafe { libc::signal(n as libc::c_int, libc::SIG_DFL) };
        }
    }
    drop(table);
    WAKEUP_FD.store(-1, Ordering::Relaxed);
    MAIN_THREAD.store(0, Ordering::Release);
    INT_IS_DEFAULT.store(false, Ordering::Relaxed);
    OWNER.store(0, Ordering::Release);
}

/// The handler table (index: signal number; index 0 holds the module's
/// `default_int_handler`, signal 0 being no signal).
fn handlers<S: LockStrategy>(interp: &Interp<S>) -> std::sync::MutexGuard<'_, Vec<Value<S>>> {
    interp
        .signal_handlers
        .lock()
        .unwrap_or_else(|e| e.into_inner())
}

/// Installs `action` as the OS disposition of `signum`.
fn set_os_handler(
    signum: libc::c_int,
    action: libc::sighandler_t,
    restart: bool,
) -> std::io::Result<()> {
    // SAFETY: a zeroed sigaction is a valid value (empty mask, no flags);
    // sigaction reads it and writes nothing of ours (old action null).
    unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = action;
        sa.sa_flags = libc::SA_ONSTACK | if restart { libc::SA_RESTART } else { 0 };
        libc::sigemptyset(&mut sa.sa_mask);
        if libc::sigaction(signum, &sa, std::ptr::null_mut()) != 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok(())
}

/// The OS disposition of `signum` now, as `getsignal` reports one that
/// Python did not set: SIG_DFL, SIG_IGN, or None.
fn os_disposition<S: LockStrategy>(signum: libc::c_int) -> Value<S> {
    // SAFETY: sigaction with a null new action only writes `old`.
    let old = unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        if libc::sigaction(signum, std::ptr::null(), &mut old) != 0 {
            return Value::None;
        }
        old
    };
    match old.sa_sigaction {
        libc::SIG_DFL => Value::Int(SIG_DFL),
        libc::SIG_IGN => Value::Int(SIG_IGN),
        _ => Value::None,
    }
}

/// Whether SA_RESTART is off for each signal (`siginterrupt`).
static INTERRUPTS: [AtomicBool; NSIG] = [const { AtomicBool::new(false) }; NSIG];

pub fn init<S: LockStrategy>(vm: &mut Vm<S>, dict: &ObjRef<S>) {
    super::add_functions(
        vm,
        dict,
        &[
            ("signal", signal, false),
            ("getsignal", getsignal, false),
            ("default_int_handler", default_int_handler, false),
            ("set_wakeup_fd", set_wakeup_fd, false),
            ("raise_signal", raise_signal, false),
            ("strsignal", strsignal, false),
            ("_valid_signals", valid_signals, false),
            ("alarm", alarm, false),
            ("pause", pause, false),
            ("pthread_kill", pthread_kill, false),
            ("_pthread_sigmask", pthread_sigmask, false),
            ("_sigpending", sigpending, false),
            ("siginterrupt", siginterrupt, false),
            ("_setitimer", setitimer, false),
            ("_getitimer", getitimer, false),
        ],
    );
    let ints: &[(&str, i64)] = &[
        ("SIG_DFL", SIG_DFL),
        ("SIG_IGN", SIG_IGN),
        ("NSIG", NSIG as i64),
        ("SIG_BLOCK", libc::SIG_BLOCK as i64),
        ("SIG_UNBLOCK", libc::SIG_UNBLOCK as i64),
        ("SIG_SETMASK", libc::SIG_SETMASK as i64),
        ("ITIMER_REAL", libc::ITIMER_REAL as i64),
        ("ITIMER_VIRTUAL", libc::ITIMER_VIRTUAL as i64),
        ("ITIMER_PROF", libc::ITIMER_PROF as i64),
        ("SIGHUP", libc::SIGHUP as i64),
        ("SIGINT", libc::SIGINT as i64),
        ("SIGQUIT", libc::SIGQUIT as i64),
        ("SIGILL", libc::SIGILL as i64),
        ("SIGTRAP", libc::SIGTRAP as i64),
        ("SIGABRT", libc::SIGABRT as i64),
        ("SIGIOT", libc::SIGIOT as i64),
        ("SIGBUS", libc::SIGBUS as i64),
        ("SIGFPE", libc::SIGFPE as i64),
        ("SIGKILL", libc::SIGKILL as i64),
        ("SIGUSR1", libc::SIGUSR1 as i64),
        ("SIGSEGV", libc::SIGSEGV as i64),
        ("SIGUSR2", libc::SIGUSR2 as i64),
        ("SIGPIPE", libc::SIGPIPE as i64),
        ("SIGALRM", libc::SIGALRM as i64),
        ("SIGTERM", libc::SIGTERM as i64),
        ("SIGSTKFLT", libc::SIGSTKFLT as i64),
        ("SIGCHLD", libc::SIGCHLD as i64),
        ("SIGCLD", libc::SIGCHLD as i64),
        ("SIGCONT", libc::SIGCONT as i64),
        ("SIGSTOP", libc::SIGSTOP as i64),
        ("SIGTSTP", libc::SIGTSTP as i64),
        ("SIGTTIN", libc::SIGTTIN as i64),
        ("SIGTTOU", libc::SIGTTOU as i64),
        ("SIGURG", libc::SIGURG as i64),
        ("SIGXCPU", libc::SIGXCPU as i64),
        ("SIGXFSZ", libc::SIGXFSZ as i64),
        ("SIGVTALRM", libc::SIGVTALRM as i64),
        ("SIGPROF", libc::SIGPROF as i64),
        ("SIGWINCH", libc::SIGWINCH as i64),
        ("SIGIO", libc::SIGIO as i64),
        ("SIGPOLL", libc::SIGPOLL as i64),
        ("SIGPWR", libc::SIGPWR as i64),
        ("SIGSYS", libc::SIGSYS as i64),
        ("SIGRTMIN", libc::SIGRTMIN() as i64),
        ("SIGRTMAX", libc::SIGRTMAX() as i64),
    ];
    for (name, value) in ints {
        vm.interp.dict_set_str(dict, name, Value::Int(*value));
    }
    let default_int =
        ops::dict_get(dict, &vm.new_str("default_int_handler")).unwrap_or(Value::None);
    // The first runtime to import `_signal` owns the process's handlers.
    let me = owner_id(&vm.interp);
    let owns = OWNER
        .compare_exchange(0, me, Ordering::AcqRel, Ordering::Acquire)
        .map_or_else(|current| current == me, |_| true);
    if owns && super::threading::is_main_thread(vm) {
        record_main_thread();
    }
    let mut table = handlers(&vm.interp);
    if table.is_empty() {
        table.push(default_int.clone());
        for n in 1..NSIG {
            table.push(os_disposition(n as libc::c_int));
        }
        if owns && matches!(table[libc::SIGINT as usize], Value::Int(SIG_DFL)) {
            table[libc::SIGINT as usize] = default_int;
            INT_IS_DEFAULT.store(true, Ordering::Relaxed);
            let _ = set_os_handler(libc::SIGINT, trip_action(), true);
        }
    }
}

/// A signal number argument, checked as CPython checks it.
fn signum_arg<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>) -> PyResult<S, usize> {
    let n = ops::expect_int(vm, v)?;
    if n < 1 || n >= NSIG as i64 {
        return Err(vm.value_error("signal number out of range"));
    }
    Ok(n as usize)
}

fn not_main<S: LockStrategy>(vm: &Vm<S>, what: &str) -> crate::vm::PyErr<S> {
    vm.value_error(format!(
        "{what} only works in main thread of the main interpreter"
    ))
}

/// `signal(signalnum, handler)`: sets the handler, returns the old one.
fn signal<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "signal", &args, 2, 2)?;
    let n = signum_arg(vm, &args.pos[0])?;
    let handler = args.pos[1].clone();
    if !is_signal_thread(vm) {
        return Err(not_main(vm, "signal"));
    }
    record_main_thread();
    let default_int = handlers(&vm.interp)[0].clone();
    let (action, stored) = match &handler {
        Value::Int(SIG_IGN) => (libc::SIG_IGN, Value::Int(SIG_IGN)),
        Value::Int(SIG_DFL) => (libc::SIG_DFL, Value::Int(SIG_DFL)),
        h if ops::is_int_like(h) && matches!(ops::expect_int(vm, h), Ok(SIG_IGN | SIG_DFL)) => {
            let v = ops::expect_int(vm, h)?;
            let action = if v == SIG_IGN {
                libc::SIG_IGN
            } else {
                libc::SIG_DFL
            };
            (action, Value::Int(v))
        }
        h if is_callable(vm, h) => (trip_action(), h.clone()),
        _ => {
            return Err(vm.type_error(
                "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object",
            ))
        }
    };
    // Handlers that arrived before run first (CPython does the same).
    check_signals(vm)?;
    let restart = !INTERRUPTS[n].load(Ordering::Relaxed);
    if let Err(e) = set_os_handler(n as libc::c_int, action, restart) {
        return Err(crate::os_error::from_io(vm, &e, None));
    }
    if n == libc::SIGINT as usize {
        INT_IS_DEFAULT.store(stored.is(&default_int), Ordering::Relaxed);
    }
    let old = std::mem::replace(&mut handlers(&vm.interp)[n], stored);
    Ok(old)
}

/// `getsignal(signalnum)`.
fn getsignal<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "getsignal", &args, 1, 1)?;
    let n = signum_arg(vm, &args.pos[0])?;
    let table = handlers(&vm.interp);
    Ok(table.get(n).cloned().unwrap_or(Value::None))
}

/// `default_int_handler(signalnum, frame)`: raises KeyboardInterrupt.
fn default_int_handler<S: LockStrategy>(vm: &mut Vm<S>, _args: Args<S>) -> PyResult<S> {
    Err(crate::vm::PyErr {
        exc: crate::interp::new_exception_obj(
            vm.interp.exceptions["KeyboardInterrupt"].clone(),
            Box::new([]),
        ),
    })
}

/// `set_wakeup_fd(fd, /, *, warn_on_full_buffer=True)`: the old fd.
fn set_wakeup_fd<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let _warn = args.take_kw("warn_on_full_buffer");
    arity(vm, "set_wakeup_fd", &args, 1, 1)?;
    let fd = ops::expect_int(vm, &args.pos[0])?;
    let fd = i32::try_from(fd).map_err(|_| vm.value_error(format!("invalid fd: {fd}")))?;
    if !is_signal_thread(vm) {
        return Err(not_main(vm, "set_wakeup_fd"));
    }
    record_main_thread();
    if fd != -1 {
        // SAFETY: fcntl(F_GETFL) touches no memory of ours.
        let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
        if flags == -1 {
            return Err(crate::os_error::last_error(vm, None));
        }
        if flags & libc::O_NONBLOCK == 0 {
            return Err(vm.value_error(format!("the fd {fd} must be in non-blocking mode")));
        }
    }
    let old = WAKEUP_FD.swap(fd, Ordering::AcqRel);
    Ok(Value::Int(i64::from(old)))
}

/// `raise_signal(signalnum)`: sends the signal to the calling thread and
/// runs its handler before returning.
fn raise_signal<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "raise_signal", &args, 1, 1)?;
    let n = signum_arg(vm, &args.pos[0])?;
    // SAFETY: raise touches no memory of ours.
    if unsafe { libc::raise(n as libc::c_int) } != 0 {
        return Err(crate::os_error::last_error(vm, None));
    }
    check_signals(vm)?;
    Ok(Value::None)
}

/// `strsignal(signalnum)`: the system's description, or None.
fn strsignal<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "strsignal", &args, 1, 1)?;
    let n = signum_arg(vm, &args.pos[0])?;
    // SAFETY: strsignal returns null or a NUL-terminated string that stays
    // valid until the next strsignal call of this thread; copied at once.
    let text = unsafe {
        let p = libc::strsignal(n as libc::c_int);
        if p.is_null() {
            return Ok(Value::None);
        }
        std::ffi::CStr::from_ptr(p).to_string_lossy().into_owned()
    };
    Ok(vm.new_str(text))
}

/// The signals of a sigset, as a list of ints.
fn sigset_list<S: LockStrategy>(set: &libc::sigset_t) -> Value<S> {
    let mut out = Vec::new();
    for n in 1..NSIG as libc::c_int {
        // SAFETY: `set` is an initialised sigset.
        if unsafe { libc::sigismember(set, n) } == 1 {
            out.push(Value::Int(i64::from(n)));
        }
    }
    ops::new_list(out)
}

/// `valid_signals()` (a list; the Python part makes it a set).
fn valid_signals<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "valid_signals", &args, 0, 0)?;
    // SAFETY: sigfillset initialises the set it is given.
    let set = unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigfillset(&mut set);
        set
    };
    Ok(sigset_list(&set))
}

/// `alarm(seconds)`: the seconds left of the previous alarm.
fn alarm<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "alarm", &args, 1, 1)?;
    let secs = ops::expect_int(vm, &args.pos[0])?;
    let secs = u32::try_from(secs)
        .map_err(|_| vm.new_error("OverflowError", "Python int too large to convert to C int"))?;
    // SAFETY: alarm touches no memory.
    Ok(Value::Int(i64::from(unsafe { libc::alarm(secs) })))
}

/// `pause()`: waits for a signal, then runs its handler.
fn pause<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "pause", &args, 0, 0)?;
    // SAFETY: pause touches no memory; it returns once a handler ran.
    vm.blocking(|| unsafe { libc::pause() });
    check_signals(vm)?;
    Ok(Value::None)
}

/// `pthread_kill(thread_id, signalnum)`. Thread ids here are the runtime's
/// (`threading.get_ident()`), so only the calling thread can be named.
fn pthread_kill<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "pthread_kill", &args, 2, 2)?;
    let ident = ops::expect_int(vm, &args.pos[0])?;
    let n = ops::expect_int(vm, &args.pos[1])?;
    if ident != vm.ident as i64 {
        return Err(crate::os_error::from_errno(vm, libc::ESRCH, None, None));
    }
    // SAFETY: pthread_self is always valid for pthread_kill.
    let r = unsafe { libc::pthread_kill(libc::pthread_self(), n as libc::c_int) };
    if r != 0 {
        return Err(crate::os_error::from_errno(vm, r, None, None));
    }
    check_signals(vm)?;
    Ok(Value::None)
}

/// `_pthread_sigmask(how, signals)`: the old mask, as a list.
fn pthread_sigmask<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "pthread_sigmask", &args, 2, 2)?;
    let how = ops::expect_int(vm, &args.pos[0])?;
    // SAFETY: sigemptyset initialises the set.
    let mut set = unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        set
    };
    for v in ops::iterate(vm, &args.pos[1])? {
        let n = ops::expect_int(vm, &v)?;
        if n < 1 || n >= NSIG as i64 {
            return Err(vm.value_error(format!("signal number {n} out of range [1; {}]", NSIG - 1)));
        }
        // SAFETY: `set` is initialised; `n` is in range.
        unsafe { libc::sigaddset(&mut set, n as libc::c_int) };
    }
    // SAFETY: both sets are initialised sigsets that live across the call.
    let (r, old) = unsafe {
        let mut old: libc::sigset_t = std::mem::zeroed();
        let r = libc::pthread_sigmask(how as libc::c_int, &set, &mut old);
        (r, old)
    };
    if r != 0 {
        return Err(crate::os_error::from_errno(vm, r, None, None));
    }
    // Unblocked signals may be pending now.
    check_signals(vm)?;
    Ok(sigset_list(&old))
}

/// `_sigpending()`: the blocked signals waiting, as a list.
fn sigpending<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "sigpending", &args, 0, 0)?;
    // SAFETY: sigpending fills the set it is given.
    let set = unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigpending(&mut set);
        set
    };
    Ok(sigset_list(&set))
}

/// `siginterrupt(signalnum, flag)`: whether system calls that the signal
/// interrupts fail with EINTR (true) or restart (false).
fn siginterrupt<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "siginterrupt", &args, 2, 2)?;
    let n = signum_arg(vm, &args.pos[0])?;
    let flag = ops::truthy(vm, &args.pos[1])?;
    INTERRUPTS[n].store(flag, Ordering::Relaxed);
    // siginterrupt(3): the current action, with SA_RESTART off or on.
    // SAFETY: both sigaction calls read and write only `sa`, a live
    // struct that the first call initialises.
    let r = unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        let mut r = libc::sigaction(n as libc::c_int, std::ptr::null(), &mut sa);
        if r == 0 {
            if flag {
                sa.sa_flags &= !libc::SA_RESTART;
            } else {
                sa.sa_flags |= libc::SA_RESTART;
            }
            r = libc::sigaction(n as libc::c_int, &sa, std::ptr::null_mut());
        }
        r
    };
    if r != 0 {
        return Err(crate::os_error::last_error(vm, None));
    }
    Ok(Value::None)
}

fn timeval(secs: f64) -> libc::timeval {
    let whole = secs.trunc();
    let mut usec = ((secs - whole) * 1e6).round() as libc::suseconds_t;
    let mut sec = whole as libc::time_t;
    if usec >= 1_000_000 {
        sec += 1;
        usec -= 1_000_000;
    }
    // A positive value below a microsecond still arms the timer.
    if sec == 0 && usec == 0 && secs > 0.0 {
        usec = 1;
    }
    libc::timeval {
        tv_sec: sec,
        tv_usec: usec,
    }
}

fn itimer_tuple<S: LockStrategy>(v: &libc::itimerval) -> Value<S> {
    let secs = |t: &libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    ops::new_tuple(vec![
        Value::Float(secs(&v.it_value)),
        Value::Float(secs(&v.it_interval)),
    ])
}

/// `setitimer(which, seconds, interval=0.0)`: the old `(delay, interval)`.
fn setitimer<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "setitimer", &args, 2, 3)?;
    let which = ops::expect_int(vm, &args.pos[0])?;
    let value = super::time::seconds_arg(vm, &args.pos[1])?;
    let interval = match args.pos.get(2) {
        Some(v) => super::time::seconds_arg(vm, v)?,
        None => 0.0,
    };
    let new = libc::itimerval {
        it_interval: timeval(interval),
        it_value: timeval(value),
    };
    // SAFETY: both structs live across the call.
    let (r, old) = unsafe {
        let mut old: libc::itimerval = std::mem::zeroed();
        let r = libc::setitimer(which as libc::c_int, &new, &mut old);
        (r, old)
    };
    if r != 0 {
        return Err(crate::os_error::last_error(vm, None));
    }
    Ok(itimer_tuple(&old))
}

/// `getitimer(which)`: `(delay, interval)`.
fn getitimer<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "getitimer", &args, 1, 1)?;
    let which = ops::expect_int(vm, &args.pos[0])?;
    // SAFETY: `cur` lives across the call.
    let (r, cur) = unsafe {
        let mut cur: libc::itimerval = std::mem::zeroed();
        let r = libc::getitimer(which as libc::c_int, &mut cur);
        (r, cur)
    };
    if r != 0 {
        return Err(crate::os_error::last_error(vm, None));
    }
    Ok(itimer_tuple(&cur))
}
