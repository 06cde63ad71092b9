//! The `threading` module: real OS threads running Python functions, and
//! locks whose blocking acquire detaches from the runtime (drops the GIL).

use crate::builtins::arity;
use crate::object::{NativeFn, ObjRef, Payload, TypeKind, Value};
use crate::ops;
use crate::strategy::{LockStrategy, ThreadIdent};
use crate::sync::{lock, AtomicBool, AtomicU64, Condvar, Mutex, Ordering};
use crate::thread_exit::ThreadExit;
use crate::vm::{Args, PyErr, PyResult, Vm};
use std::sync::Arc;
use std::time::Duration;

/// Stack size of threads that run Python code, the main one included. The
/// default recursion limit (1000) needs at most about 4 MiB in a debug
/// build (about 4 KiB per level on the deepest re-entry path, see
/// [`crate::stack::RED_ZONE`]); the rest lets `sys.setrecursionlimit` raise
/// the limit a long way before the stack guard stops it. Untouched stack
/// pages cost no memory.
pub const PYTHON_THREAD_STACK: usize = 256 << 20;

/// The stack a thread gets under an address-space limit (`ulimit -v`,
/// where reserved stacks count: a few hundred threads of
/// [`PYTHON_THREAD_STACK`] would not fit) or when the large one cannot be
/// reserved: the usual 8 MiB of glibc and CPython. The stack guard reads
/// the real bounds, so the smaller stack only makes deep recursion end in
/// RecursionError sooner.
pub const FALLBACK_THREAD_STACK: usize = 8 << 20;

/// The stack size for a new Python thread (see [`FALLBACK_THREAD_STACK`]).
fn python_thread_stack() -> usize {
    static SIZE: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *SIZE.get_or_init(|| {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit only writes the struct it is given.
        let known = unsafe { libc::getrlimit(libc::RLIMIT_AS, &mut limit) } == 0;
        if known && limit.rlim_cur != libc::RLIM_INFINITY {
            FALLBACK_THREAD_STACK
        } else {
            PYTHON_THREAD_STACK
        }
    })
}

/// The runtime's list of started Python threads that have not ended,
/// daemon threads included (what `enumerate()` and `active_count()` report;
/// exit joins the non-daemon ones). A plain std mutex: it is bookkeeping,
/// not a protocol that loom models.
fn live_threads<S: LockStrategy>(
    interp: &crate::interp::Interp<S>,
) -> std::sync::MutexGuard<'_, Vec<ObjRef<S>>> {
    interp
        .live_threads
        .lock()
        .unwrap_or_else(|e| e.into_inner())
}

/// A `threading.Thread`.
pub struct ThreadObj<S: LockStrategy> {
    /// What `run()` calls; set by `__init__`.
    call: Mutex<ThreadCall<S>>,
    /// Whether `Thread.__init__` ran (a subclass may forget to call it).
    initialized: AtomicBool,
    name: Mutex<String>,
    daemon: AtomicBool,
    ident: AtomicU64,
    started: AtomicBool,
    /// Set once the new thread runs, attached; `start()` waits for it, as
    /// CPython's waits for `Thread._started`. A program may rely on that: a
    /// thread started just before an `Event.set()`/`clear()` pair is already
    /// inside its `wait()`. (The same one-shot event as `finished`.)
    running: Arc<ThreadExit>,
    /// Set when the thread has finished; what `join` waits for. Shared,
    /// because the thread drops its reference to this object before it
    /// signals the exit.
    finished: Arc<ThreadExit>,
}

/// `Thread(target=..., args=..., kwargs=...)`: what the default `run()`
/// calls.
struct ThreadCall<S: LockStrategy> {
    target: Value<S>,
    args: Vec<Value<S>>,
    kwargs: Vec<(String, Value<S>)>,
}

impl<S: LockStrategy> ThreadObj<S> {
    /// A thread that `__init__` has not configured yet (what `Thread.__new__`
    /// makes, and the state of an instance of a `Thread` subclass).
    pub(crate) fn unstarted() -> Self {
        ThreadObj {
            call: Mutex::new(ThreadCall {
                target: Value::None,
                args: Vec::new(),
                kwargs: Vec::new(),
            }),
            initialized: AtomicBool::new(false),
            name: Mutex::new(String::new()),
            daemon: AtomicBool::new(false),
            ident: AtomicU64::new(0),
            started: AtomicBool::new(false),
            running: Arc::new(ThreadExit::new()),
            finished: Arc::new(ThreadExit::new()),
        }
    }

    /// Calls `visit` with each value the thread object holds (for the
    /// collector): the target and its arguments.
    pub(crate) fn each_reference(&self, visit: &mut dyn FnMut(&Value<S>)) {
        let call = lock(&self.call);
        visit(&call.target);
        call.args.iter().for_each(&mut *visit);
        call.kwargs.iter().for_each(|(_, v)| visit(v));
    }
}

/// A `threading.Lock`: a flag and a condition variable, so that any thread
/// may release it (as Python allows). The flag's mutex also counts the
/// threads waiting on the condition variable, so that a release with no
/// waiter makes no system call (a notify always made one: a `with lock:`
/// loop on one thread spent a fifth of its time in `futex_wake`).
pub struct LockObj {
    state: Mutex<LockState>,
    released: Condvar,
}

/// What the mutex of a [`LockObj`] guards.
#[derive(Default)]
struct LockState {
    held: bool,
    /// Threads in `acquire_blocking` (counted before they first wait, under
    /// the same mutex, so a release that sees none has no one to wake).
    waiters: u32,
}

impl LockObj {
    pub fn new() -> Self {
        Self {
            state: Mutex::new(LockState::default()),
            released: Condvar::new(),
        }
    }
    pub fn is_locked(&self) -> bool {
        lock(&self.state).held
    }
    /// `Lock.acquire(blocking, timeout)` by thread `thread` of a runtime whose
    /// strategy state is `shared`: an uncontended acquisition takes the lock
    /// at once; a contended blocking one detaches while it waits (a blocking
    /// call, see [`crate::detach::blocking`]) and re-attaches before it
    /// returns. `timeout` `None` waits for ever.
    pub fn acquire<S: LockStrategy>(
        &self,
        shared: &S::Shared,
        thread: ThreadIdent,
        blocking: bool,
        timeout: Option<Duration>,
    ) -> bool {
        // Uncontended: no need to detach.
        if self.try_acquire() {
            return true;
        }
        if !blocking {
            return false;
        }
        crate::detach::blocking::<S, _>(shared, thread, || self.acquire_blocking(timeout))
    }

    /// Releases the lock; `false` if it was not locked. Any thread may
    /// release it. Wakes one waiter, if there is one.
    pub fn release(&self) -> bool {
        let mut l = lock(&self.state);
        if !l.held {
            return false;
        }
        l.held = false;
        let waiting = l.waiters > 0;
        drop(l);
        if waiting {
            self.released.notify_one();
        }
        true
    }

    fn try_acquire(&self) -> bool {
        let mut l = lock(&self.state);
        if l.held {
            false
        } else {
            l.held = true;
            true
        }
    }
    /// Blocks until acquired, or until `timeout` passes.
    fn acquire_blocking(&self, timeout: Option<Duration>) -> bool {
        let deadline = timeout.and_then(|t| std::time::Instant::now().checked_add(t));
        let mut l = lock(&self.state);
        let counted = !uncounted_waiter_mutant();
        if counted {
            l.waiters += 1;
        }
        let acquired = loop {
            if !l.held {
                break true;
            }
            match deadline {
                None => l = self.released.wait(l),
                Some(d) => {
                    let now = std::time::Instant::now();
                    if now >= d {
                        break false;
                    }
                    let (guard, timed_out) = self.released.wait_timeout(&self.state, l, d - now);
                    l = guard;
                    if timed_out && l.held {
                        break false;
                    }
                }
            }
        };
        if counted {
            l.waiters -= 1;
        }
        l.held |= acquired;
        acquired
    }
}

/// Deliberately broken variants of [`LockObj`]'s protocol, for the loom
/// models (`loom-tests/tests/loom_detach.rs`), which must reject them.
#[cfg(loom)]
pub mod loom_switches {
    use std::sync::atomic::AtomicBool;

    /// Mutant: a waiter is not counted, so a release sees no one to wake
    /// and the waiter sleeps for ever.
    pub static MUTANT_LOCK_UNCOUNTED_WAITER: AtomicBool = AtomicBool::new(false);

    /// Every switch above, for a model to reset.
    pub static ALL: [&AtomicBool; 1] = [&MUTANT_LOCK_UNCOUNTED_WAITER];
}

#[inline(always)]
fn uncounted_waiter_mutant() -> bool {
    #[cfg(loom)]
    {
        loom_switches::MUTANT_LOCK_UNCOUNTED_WAITER.load(std::sync::atomic::Ordering::Relaxed)
    }
    #[cfg(not(loom))]
    {
        false
    }
}

impl Default for LockObj {
    fn default() -> Self {
        Self::new()
    }
}

pub fn init<S: LockStrategy>(vm: &mut Vm<S>, dict: &ObjRef<S>) {
    let thread_type = Value::Obj(vm.interp.type_of_kind(TypeKind::Thread).clone());
    vm.interp.dict_set_str(dict, "Thread", thread_type);
    super::add_functions(
        vm,
        dict,
        &[
            ("Lock", new_lock, false),
            ("current_thread", current_thread, false),
            ("get_ident", get_ident, false),
            ("active_count", active_count, false),
            ("main_thread", main_thread, false),
            ("enumerate", enumerate_threads, false),
            ("_print_exception", print_exception, false),
        ],
    );
}

/// Methods of Thread and Lock objects.
pub fn methods<S: LockStrategy>() -> Vec<(TypeKind, &'static str, NativeFn<S>)> {
    vec![
        (TypeKind::Thread, "__init__", thread_init),
        (TypeKind::Thread, "run", thread_run),
        (TypeKind::Thread, "start", thread_start),
        (TypeKind::Thread, "join", thread_join),
        (TypeKind::Thread, "is_alive", thread_is_alive),
        (TypeKind::Lock, "acquire", lock_acquire),
        (TypeKind::Lock, "release", lock_release),
        (TypeKind::Lock, "locked", lock_locked),
        (TypeKind::Lock, "__enter__", lock_acquire),
        (TypeKind::Lock, "__exit__", lock_exit),
    ]
}

/// The parameters of `Thread.__init__` that may be passed by position, in
/// CPython's order; `daemon` is keyword-only.
const THREAD_PARAMS: [&str; 5] = ["group", "target", "name", "args", "kwargs"];

/// `threading.Thread(group=None, target=None, name=None, args=(),
/// kwargs=None, *, daemon=None)`: calling the `Thread` type.
/// `threading.Thread(...)`: a new thread object, configured by
/// `Thread.__init__`.
pub(crate) fn new_thread<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let this = Value::Obj(ObjRef::new(Payload::Thread(Box::new(
        ThreadObj::unstarted(),
    ))));
    args.pos.insert(0, this.clone());
    thread_init(vm, args)?;
    Ok(this)
}

/// `Thread.__init__(self, group=None, target=None, name=None, args=(),
/// kwargs=None, *, daemon=None)`.
fn thread_init<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    if args.pos.is_empty() {
        return Err(vm.type_error("Thread.__init__() needs an argument"));
    }
    let this = args.pos.remove(0);
    let Some(Payload::Thread(t)) = this.payload() else {
        return Err(vm.type_error(format!(
            "descriptor '__init__' requires a 'Thread' object but received a '{}'",
            ops::type_name(&this)
        )));
    };
    if t.started.load(Ordering::Acquire) {
        return Err(vm.new_error("RuntimeError", "cannot re-initialize a started thread"));
    }
    if args.pos.len() > THREAD_PARAMS.len() {
        return Err(vm.type_error(format!(
            "Thread.__init__() takes from 1 to {} positional arguments but {} were given",
            THREAD_PARAMS.len() + 1,
            args.pos.len() + 1
        )));
    }
    let mut bound: [Option<Value<S>>; 5] = Default::default();
    for (slot, value) in bound.iter_mut().zip(std::mem::take(&mut args.pos)) {
        *slot = Some(value);
    }
    for (slot, param) in bound.iter_mut().zip(THREAD_PARAMS) {
        if let Some(value) = args.take_kw(param) {
            if slot.is_some() {
                return Err(vm.type_error(format!(
                    "Thread.__init__() got multiple values for argument '{param}'"
                )));
            }
            *slot = Some(value);
        }
    }
    let daemon = args.take_kw("daemon");
    arity(vm, "Thread.__init__", &args, 0, 0)?;
    let [group, target, name, targs, tkwargs] = bound;
    if group.is_some_and(|g| !matches!(g, Value::None)) {
        return Err(vm.new_error("AssertionError", "group argument must be None for now"));
    }
    let target = target.unwrap_or(Value::None);
    let targs = match targs {
        None => Vec::new(),
        Some(v) => ops::iterate(vm, &v)?,
    };
    let kwargs = match tkwargs {
        None | Some(Value::None) => Vec::new(),
        Some(d) => ops::dict_items(&d)
            .into_iter()
            .map(|(k, v)| (k.as_str().unwrap_or("").to_string(), v))
            .collect(),
    };
    let name = match name {
        Some(n) if !matches!(n, Value::None) => crate::repr::to_str(vm, &n)?,
        _ => {
            let n = vm.interp.thread_counter.fetch_add(1, Ordering::Relaxed) + 1;
            match target.payload() {
                Some(Payload::Function(f)) => format!("Thread-{n} ({})", f.code.name),
                Some(Payload::Builtin(b)) => format!("Thread-{n} ({})", b.name),
                _ => format!("Thread-{n}"),
            }
        }
    };
    let daemon = match daemon {
        Some(d) if !matches!(d, Value::None) => ops::truthy(vm, &d)?,
        _ => false,
    };
    let old = std::mem::replace(
        &mut *lock(&t.call),
        ThreadCall {
            target,
            args: targs,
            kwargs,
        },
    );
    drop(old);
    *lock(&t.name) = name;
    t.daemon.store(daemon, Ordering::Relaxed);
    t.initialized.store(true, Ordering::Release);
    Ok(Value::None)
}

/// `Thread.run()`: calls the target with its arguments (what a subclass
/// overrides).
fn thread_run<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "run", &args, 1, 1)?;
    let t = thread_of(vm, &args.pos[0])?;
    let (target, call_args) = {
        let call = lock(&t.call);
        let args = Args {
            pos: call.args.clone(),
            kw: call.kwargs.clone(),
        };
        (call.target.clone(), args)
    };
    if matches!(target, Value::None) {
        return Ok(Value::None);
    }
    vm.call_args(&target, call_args)?;
    Ok(Value::None)
}

/// The Thread object that represents the main thread.
fn main_thread_obj<S: LockStrategy>() -> ThreadObj<S> {
    let t = ThreadObj::unstarted();
    *lock(&t.name) = "MainThread".into();
    t.started.store(true, Ordering::Relaxed);
    t.initialized.store(true, Ordering::Relaxed);
    t
}

/// The thread object a `Thread` method was called on; CPython's TypeError
/// for anything else (the descriptor check has usually refused it).
fn thread_of<'a, S: LockStrategy>(vm: &Vm<S>, v: &'a Value<S>) -> PyResult<S, &'a ThreadObj<S>> {
    match v.payload() {
        Some(Payload::Thread(t)) => Ok(t),
        _ => Err(crate::methods::wrong_receiver(vm, "Thread", v)),
    }
}

fn thread_start<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "start", &args, 1, 1)?;
    let t = thread_of(vm, &args.pos[0])?;
    let this = args.pos[0].obj().expect("a thread is an object").clone();
    if !t.initialized.load(Ordering::Acquire) {
        return Err(vm.new_error("RuntimeError", "thread.__init__() not called"));
    }
    if t.started.swap(true, Ordering::AcqRel) {
        return Err(vm.new_error("RuntimeError", "threads can only be started once"));
    }
    live_threads(&vm.interp).push(this.clone());
    let spawn = |stack: usize| {
        let (interp, this) = (vm.interp.clone(), this.clone());
        std::thread::Builder::new()
            .stack_size(stack)
            .spawn(move || run_thread(interp, this))
    };
    let spawned = spawn(python_thread_stack()).or_else(|_| spawn(FALLBACK_THREAD_STACK));
    drop(this);
    if spawned.is_err() {
        // As CPython's start(): a thread that could not start is not live
        // (interpreter exit and `join` must not wait for it, they would wait
        // forever) and may be started again.
        if let Some(this) = args.pos[0].obj() {
            live_threads(&vm.interp).retain(|x| !x.ptr_eq(this));
        }
        t.started.store(false, Ordering::Release);
        return Err(vm.new_error("RuntimeError", "can't start new thread"));
    }
    // Detached while waiting: the new thread needs the GIL to start.
    t.running.join::<S>(vm.strategy(), vm.ident, None);
    Ok(Value::None)
}

/// The body of a Python thread.
///
/// Every object reference this thread holds is released before its handle
/// on the interpreter (`interp`): if that handle is the last one, dropping
/// it frees the runtime's immortal objects.
fn run_thread<S: LockStrategy>(interp: Arc<crate::interp::Interp<S>>, this: ObjRef<S>) {
    let Payload::Thread(t) = this.payload() else {
        unreachable!("thread object")
    };
    let finished = t.finished.clone();
    // A panic here would leave the GIL held and joiners waiting for ever.
    crate::internal_error::exit_on_panic();
    let weak = Arc::downgrade(&interp);
    crate::internal_error::flush_on_panic(move || {
        if let Some(interp) = weak.upgrade() {
            interp.try_flush_stdout();
        }
    });
    {
        let mut vm = Vm::new(interp.clone());
        vm.attach();
        t.ident.store(vm.ident, Ordering::Release);
        vm.thread_obj = Some(this.clone());
        t.running.finish();
        // `self.run()`: a subclass may override it; `Thread.run` calls the
        // target.
        let this_value = Value::Obj(this.clone());
        let run = vm.new_str("run");
        let result = match run.obj() {
            Some(name) => ops::get_attr(&mut vm, &this_value, name)
                .and_then(|run| vm.call_args(&run, Args::positional(Vec::new()))),
            None => Ok(Value::None),
        };
        drop((this_value, run));
        {
            let err = result.err();
            // CPython's threading.excepthook: report, and the thread ends. A
            // program's hook sees SystemExit too; the default one ends the
            // thread silently.
            if let Some(e) = err {
                if !call_excepthook(&mut vm, &e, &this)
                    && !crate::interp::is_system_exit(&vm, &Value::Obj(e.exc.clone()))
                {
                    let name = lock(&t.name).clone();
                    print_thread_exception(&mut vm, &e, &name);
                }
            }
        }
        forget_thread(&mut vm);
        // Leave the live list before waking joiners, so that after
        // `join()` the thread no longer counts in `active_count()`. Every
        // reference is released while attached (under a GIL, counts may
        // only change while holding it), and pending finalizers run here.
        live_threads(&interp).retain(|x| !x.ptr_eq(&this));
        drop(this);
        vm.finish();
        vm.detach();
    }
    // Last: from here on joiners return, and see everything above.
    finished.finish();
    drop(interp);
}

/// What the default `threading.excepthook` prints for an exception that
/// ended a thread.
fn print_thread_exception<S: LockStrategy>(vm: &mut Vm<S>, e: &PyErr<S>, name: &str) {
    vm.interp.flush_stdout();
    let text = crate::traceback::format_exception(vm, e);
    vm.interp
        .write_stderr(&format!("Exception in thread {name}:\n{text}"));
}

/// Calls a `threading.excepthook` that the program installed (through
/// `threading._call_excepthook(exc, thread)`); false when the hook is the
/// default one, which the runtime runs natively. An exception from the
/// hook is reported as CPython reports it.
fn call_excepthook<S: LockStrategy>(vm: &mut Vm<S>, e: &PyErr<S>, thread: &ObjRef<S>) -> bool {
    let key = vm.new_str("threading");
    let modules = vm.interp.sys_modules.clone();
    let Some(Value::Obj(module)) = ops::dict_get(&modules, &key) else {
        return false;
    };
    let Payload::Module(m) = module.payload() else {
        return false;
    };
    let hook = ops::dict_get(&m.dict, &vm.new_str("excepthook"));
    let default = ops::dict_get(&m.dict, &vm.new_str("__excepthook__"));
    let caller = ops::dict_get(&m.dict, &vm.new_str("_call_excepthook"));
    let (Some(hook), Some(caller)) = (hook, caller) else {
        return false;
    };
    if default.is_some_and(|d| match (&d, &hook) {
        (Value::Obj(a), Value::Obj(b)) => a.ptr_eq(b),
        _ => false,
    }) {
        return false;
    }
    let args = vec![Value::Obj(e.exc.clone()), Value::Obj(thread.clone())];
    if let Err(hook_error) = vm.call_args(&caller, Args::positional(args)) {
        vm.interp.flush_stdout();
        let text = crate::traceback::format_exception(vm, &hook_error);
        vm.interp
            .write_stderr(&format!("Exception in threading.excepthook:\n{text}"));
    }
    true
}

/// `threading._print_exception(exc, name)`: the default excepthook's
/// report.
fn print_exception<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "_print_exception", &args, 2, 2)?;
    let name = crate::repr::to_str(vm, &args.pos[1])?;
    let exc = match &args.pos[0] {
        v @ Value::Obj(o) if crate::interp::is_instance_of(vm, v, "BaseException") => o,
        other => {
            // CPython's display of a value that is not an exception: a
            // line in the report, nothing raised.
            vm.interp.flush_stdout();
            vm.interp.write_stderr(&format!(
                "Exception in thread {name}:\nTypeError: print_exception(): \
                 Exception expected for value, {} found\n",
                ops::type_name(other)
            ));
            return Ok(Value::None);
        }
    };
    let e = PyErr { exc: exc.clone() };
    print_thread_exception(vm, &e, &name);
    Ok(Value::None)
}

/// Lets the per-thread state kept in Python (`threading.local`, the
/// current `contextvars` context) forget the ending thread, on that thread
/// and while it is still attached: `threading._thread_exit()`.
fn forget_thread<S: LockStrategy>(vm: &mut Vm<S>) {
    let key = vm.new_str("threading");
    let modules = vm.interp.sys_modules.clone();
    let Some(module) = ops::dict_get(&modules, &key) else {
        return;
    };
    let name = vm.new_str("_thread_exit");
    let Some(name) = name.obj() else { return };
    let result = ops::get_attr(vm, &module, name)
        .and_then(|hook| vm.call_args(&hook, Args::positional(Vec::new())));
    if let Err(e) = result {
        // The hooks are the runtime's own; a failure (a MemoryError, a
        // program that replaced them) is reported as CPython reports an
        // exception it cannot raise, and the thread still ends.
        vm.interp.flush_stdout();
        let text = crate::traceback::format_exception(vm, &e);
        vm.interp
            .write_stderr(&format!("Exception ignored in thread exit:\n{text}"));
    }
}

fn thread_join<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "join", &args, 1, 2)?;
    let t = thread_of(vm, &args.pos[0])?;
    if !t.started.load(Ordering::Acquire) {
        return Err(vm.new_error("RuntimeError", "cannot join thread before it is started"));
    }
    if vm
        .thread_obj
        .as_ref()
        .is_some_and(|me| me.ptr_eq(args.pos[0].obj().expect("receiver")))
    {
        return Err(vm.new_error("RuntimeError", "cannot join current thread"));
    }
    let timeout = match args.pos.get(1) {
        None | Some(Value::None) => None,
        // CPython waits `max(timeout, 0)`: a negative timeout (even one too
        // large for a time) does not wait; NaN stays NaN, a ValueError.
        Some(v) => {
            let negative = match v {
                Value::Float(f) => *f < 0.0,
                _ => ops::to_big(v).is_some_and(|b| b.sign() == num_bigint::Sign::Minus),
            };
            Some(if negative {
                Duration::ZERO
            } else {
                Duration::from_secs_f64(super::time::time_arg(vm, v)?)
            })
        }
    };
    t.finished.join::<S>(vm.strategy(), vm.ident, timeout);
    Ok(Value::None)
}

/// What CPython's `threading._shutdown` does at interpreter exit: runs the
/// functions registered with `threading._register_atexit` (what stops
/// `concurrent.futures`' idle workers), then joins every non-daemon thread.
pub fn join_all<S: LockStrategy>(vm: &mut Vm<S>) {
    run_exit_hook(vm, "threading", "_run_atexits");
    let is_daemon = |t: &ObjRef<S>| match t.payload() {
        Payload::Thread(obj) => obj.daemon.load(Ordering::Relaxed),
        _ => true,
    };
    loop {
        let next = live_threads(&vm.interp)
            .iter()
            .find(|t| !is_daemon(t))
            .cloned();
        let Some(t) = next else { break };
        let Payload::Thread(obj) = t.payload() else {
            break;
        };
        obj.finished.join::<S>(vm.strategy(), vm.ident, None);
        live_threads(&vm.interp).retain(|x| !x.ptr_eq(&t));
    }
    // Then the `atexit` module's callbacks, as CPython's finalization.
    run_exit_hook(vm, "atexit", "_run_exitfuncs");
}

/// `module.function()` (`threading._run_atexits`, `atexit._run_exitfuncs`)
/// if the module was imported; an exception from it is reported as CPython
/// reports one it cannot raise.
fn run_exit_hook<S: LockStrategy>(vm: &mut Vm<S>, module_name: &str, function: &str) {
    let key = vm.new_str(module_name);
    let modules = vm.interp.sys_modules.clone();
    let Some(Value::Obj(module)) = ops::dict_get(&modules, &key) else {
        return;
    };
    let Payload::Module(m) = module.payload() else {
        return;
    };
    let Some(run) = ops::dict_get(&m.dict, &vm.new_str(function)) else {
        return;
    };
    if let Err(e) = vm.call_args(&run, Args::positional(Vec::new())) {
        vm.interp.flush_stdout();
        let text = crate::traceback::format_exception(vm, &e);
        vm.interp.write_stderr(&format!(
            "Exception ignored in: <module '{module_name}' (built-in)>\n{text}"
        ));
    }
}

fn thread_is_alive<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "is_alive", &args, 1, 1)?;
    let t = thread_of(vm, &args.pos[0])?;
    let done = t.finished.is_finished();
    Ok(Value::Bool(t.started.load(Ordering::Acquire) && !done))
}

/// Attributes of Thread objects.
pub fn thread_attr<S: LockStrategy>(vm: &Vm<S>, t: &ThreadObj<S>, name: &str) -> Option<Value<S>> {
    Some(match name {
        "name" => vm.new_str(lock(&t.name).as_str()),
        "daemon" => Value::Bool(t.daemon.load(Ordering::Relaxed)),
        // Idents are unique for the life of the process, as native ids.
        "ident" | "native_id" => match t.ident.load(Ordering::Acquire) {
            0 => Value::None,
            i => Value::Int(i as i64),
        },
        _ => return None,
    })
}

/// Sets a Thread attribute; false when the attribute is not settable.
pub fn set_thread_attr<S: LockStrategy>(
    vm: &Vm<S>,
    t: &ThreadObj<S>,
    name: &str,
    value: &Value<S>,
) -> PyResult<S, bool> {
    match name {
        "name" => {
            *lock(&t.name) = ops::expect_str(vm, value, "name")?.to_string();
            Ok(true)
        }
        "daemon" => {
            if t.started.load(Ordering::Acquire) {
                return Err(
                    vm.new_error("RuntimeError", "cannot set daemon status of active thread")
                );
            }
            t.daemon
                .store(matches!(value, Value::Bool(true)), Ordering::Relaxed);
            Ok(true)
        }
        _ => Ok(false),
    }
}

pub fn thread_repr<S: LockStrategy>(t: &ThreadObj<S>) -> String {
    let name = lock(&t.name).clone();
    let done = t.finished.is_finished();
    let state = if !t.started.load(Ordering::Acquire) {
        "initial".to_string()
    } else if done {
        format!("stopped {}", t.ident.load(Ordering::Acquire))
    } else {
        format!("started {}", t.ident.load(Ordering::Acquire))
    };
    format!("<Thread({name}, {state})>")
}

fn current_thread<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "current_thread", &args, 0, 0)?;
    if vm.thread_obj.is_none() {
        let main = vm.interp.main_thread.get_or_init(|| {
            let t = main_thread_obj::<S>();
            ObjRef::new(Payload::Thread(Box::new(t)))
        });
        if let Payload::Thread(t) = main.payload() {
            t.ident.store(vm.ident, Ordering::Relaxed);
        }
        vm.thread_obj = Some(main.clone());
    }
    Ok(Value::Obj(vm.thread_obj.clone().expect("set above")))
}

fn get_ident<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "get_ident", &args, 0, 0)?;
    Ok(Value::Int(vm.ident as i64))
}

fn active_count<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "active_count", &args, 0, 0)?;
    let n = live_threads(&vm.interp).len();
    Ok(Value::Int(n as i64 + 1))
}

fn new_lock<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "Lock", &args, 0, 0)?;
    Ok(Value::Obj(ObjRef::new(Payload::Lock(LockObj::new()))))
}

/// The lock a `lock` method was called on; CPython's TypeError for
/// anything else (the descriptor check has usually refused it).
fn lock_of<'a, S: LockStrategy>(vm: &Vm<S>, v: &'a Value<S>) -> PyResult<S, &'a LockObj> {
    match v.payload() {
        Some(Payload::Lock(l)) => Ok(l),
        _ => Err(crate::methods::wrong_receiver(vm, "_thread.lock", v)),
    }
}

fn lock_acquire<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let blocking_kw = args.take_kw("blocking");
    let timeout_kw = args.take_kw("timeout");
    arity(vm, "acquire", &args, 1, 3)?;
    let blocking = match blocking_kw.or_else(|| args.pos.get(1).cloned()) {
        Some(v) => ops::truthy(vm, &v)?,
        None => true,
    };
    let timeout = match timeout_kw.or_else(|| args.pos.get(2).cloned()) {
        None => None,
        Some(v) => {
            let t = super::time::time_arg(vm, &v)?;
            if !blocking && t != -1.0 {
                return Err(vm.value_error("can't specify a timeout for a non-blocking call"));
            }
            if t < 0.0 && t != -1.0 {
                return Err(vm.value_error("timeout value must be positive"));
            }
            // -1 waits for ever.
            (t >= 0.0).then(|| Duration::from_secs_f64(t))
        }
    };
    let got = lock_of(vm, &args.pos[0])?.acquire::<S>(vm.strategy(), vm.ident, blocking, timeout);
    Ok(Value::Bool(got))
}

fn lock_release<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "release", &args, 1, 1)?;
    if !lock_of(vm, &args.pos[0])?.release() {
        return Err(vm.new_error("RuntimeError", "release unlocked lock"));
    }
    Ok(Value::None)
}

fn lock_exit<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    if !lock_of(vm, &args.pos[0])?.release() {
        return Err(vm.new_error("RuntimeError", "release unlocked lock"));
    }
    Ok(Value::None)
}

fn lock_locked<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "locked", &args, 1, 1)?;
    Ok(Value::Bool(lock_of(vm, &args.pos[0])?.is_locked()))
}

/// `threading.main_thread()`.
/// Makes the calling thread's VM the main thread (`threading.main_thread()`
/// reports its ident).
pub(crate) fn register_main<S: LockStrategy>(vm: &Vm<S>) {
    let main = vm.interp.main_thread.get_or_init(|| {
        let t = main_thread_obj::<S>();
        ObjRef::new(Payload::Thread(Box::new(t)))
    });
    if let Payload::Thread(t) = main.payload() {
        t.ident.store(vm.ident, Ordering::Relaxed);
    }
}

/// Whether `vm` runs the main thread: the one registered as main, or,
/// when none was, a thread that `threading` did not start.
pub(crate) fn is_main_thread<S: LockStrategy>(vm: &Vm<S>) -> bool {
    match vm.interp.main_thread.get().map(|m| m.payload()) {
        Some(Payload::Thread(t)) => t.ident.load(Ordering::Relaxed) == vm.ident,
        _ => vm.thread_obj.is_none(),
    }
}

fn main_thread<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "main_thread", &args, 0, 0)?;
    let main = vm.interp.main_thread.get_or_init(|| {
        let t = main_thread_obj::<S>();
        ObjRef::new(Payload::Thread(Box::new(t)))
    });
    Ok(Value::Obj(main.clone()))
}

/// `threading.enumerate()`: the main thread and the live Python threads.
fn enumerate_threads<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "enumerate", &args, 0, 0)?;
    let main = main_thread(vm, Args::positional(Vec::new()))?;
    let mut all = vec![main];
    all.extend(live_threads(&vm.interp).iter().cloned().map(Value::Obj));
    Ok(ops::new_list(all))
}
