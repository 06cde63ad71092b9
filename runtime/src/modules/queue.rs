//! The `queue` module: `Queue` on an unbounded crossbeam channel, with a
//! count of slots for `maxsize > 0` (crossbeam's bounded channels allocate
//! their whole capacity up front, and `maxsize` is the program's to choose).
//! Blocking `put`/`get` detach from the runtime while they wait, as
//! CPython's release the GIL; `task_done`/`join` count unfinished
//! items under a mutex and condition variable.
//!
//! A subclass that overrides one of the documented hooks (`_init`,
//! `_qsize`, `_put`, `_get`) gets CPython's Python-level algorithm instead:
//! every method of such an instance runs the `_hooked_*` functions of
//! `py/queue.py`, which call the hooks under a lock and condition
//! variables kept in the instance's attributes (`mutex`, `not_empty`...,
//! as CPython's). `LifoQueue` and `PriorityQueue` are such subclasses,
//! written in Python. An exact `Queue`, and a subclass that overrides no
//! hook, keep the channel.

use crate::builtins::arity;
use crate::object::{NativeFn, ObjRef, Payload, TypeKind, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::sync::{lock, Condvar, Mutex};
use crate::vm::{Args, PyErr, PyResult, Vm};
use crossbeam::channel::{self, Receiver, Sender, TryRecvError};
use std::time::{Duration, Instant};

/// A `queue.Queue`.
pub struct QueueObj<S: LockStrategy> {
    tx: Sender<Value<S>>,
    rx: Receiver<Value<S>>,
    /// `maxsize`; set again by `__init__` of a subclass instance, which
    /// starts as an empty unbounded queue.
    maxsize: crate::sync::AtomicUsize,
    /// On a bounded queue, the items in it or being put: a `put` takes a
    /// slot before it sends, a `get` gives one back after it receives and
    /// wakes a `put` waiting on `not_full`.
    slots: Mutex<usize>,
    not_full: Condvar,
    /// Items put and not yet marked done (`task_done`).
    unfinished: Mutex<u64>,
    all_done: Condvar,
    /// The module's `Empty` and `Full` classes.
    empty: ObjRef<S>,
    full: ObjRef<S>,
}

pub fn init<S: LockStrategy>(vm: &mut Vm<S>, dict: &ObjRef<S>) {
    // `queue.Queue` is the type, so that programs may derive from it.
    let queue_type = Value::Obj(vm.interp.types[&TypeKind::Queue].clone());
    vm.interp.dict_set_str(dict, "Queue", queue_type);
    for name in ["Empty", "Full"] {
        let ns = match ops::new_dict() {
            Value::Obj(d) => d,
            _ => unreachable!("dicts are objects"),
        };
        vm.interp
            .dict_set_str(&ns, "__module__", vm.new_str("queue"));
        let base = Value::Obj(vm.interp.exceptions["Exception"].clone());
        if let Ok(class) = crate::classes::build_class(vm, name, vec![base], ns, None) {
            vm.interp.dict_set_str(dict, name, class);
        }
    }
}

pub fn methods<S: LockStrategy>() -> Vec<(TypeKind, &'static str, NativeFn<S>)> {
    vec![
        (TypeKind::Queue, "__init__", queue_init),
        (TypeKind::Queue, "put", queue_put),
        (TypeKind::Queue, "get", queue_get),
        (TypeKind::Queue, "put_nowait", queue_put_nowait),
        (TypeKind::Queue, "get_nowait", queue_get_nowait),
        (TypeKind::Queue, "qsize", queue_qsize),
        (TypeKind::Queue, "empty", queue_empty),
        (TypeKind::Queue, "full", queue_full),
        (TypeKind::Queue, "task_done", queue_task_done),
        (TypeKind::Queue, "join", queue_join),
    ]
}

impl<S: LockStrategy> QueueObj<S> {
    fn max(&self) -> usize {
        self.maxsize.load(crate::sync::Ordering::Relaxed)
    }
}

/// The `maxsize` argument of `Queue(maxsize=0)`.
fn maxsize_arg<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S, usize> {
    let maxsize = args.take_kw("maxsize");
    arity(vm, "Queue", &args, 0, 1)?;
    Ok(match maxsize.or_else(|| args.pos.first().cloned()) {
        Some(v) => ops::expect_int(vm, &v)?.max(0) as usize,
        None => 0,
    })
}

pub(crate) fn new_queue<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let maxsize = maxsize_arg(vm, args)?;
    Ok(Value::Obj(ObjRef::new(empty_state(vm, maxsize)?)))
}

/// A new, empty queue of `maxsize` (the state of a new instance of a
/// subclass of `queue.Queue`, with 0, until its `__init__` runs).
pub fn empty_state<S: LockStrategy>(vm: &mut Vm<S>, maxsize: usize) -> PyResult<S, Payload<S>> {
    let (tx, rx) = channel::unbounded();
    let module = super::import(
        vm,
        &match vm.new_str("queue") {
            Value::Obj(o) => o,
            _ => unreachable!("str is an object"),
        },
    )?;
    let class = |name: &str| -> ObjRef<S> {
        match module.payload() {
            Some(Payload::Module(m)) => match ops::dict_get(&m.dict, &vm.new_str(name)) {
                Some(Value::Obj(c)) => c,
                _ => vm.interp.exceptions["Exception"].clone(),
            },
            _ => vm.interp.exceptions["Exception"].clone(),
        }
    };
    let (empty, full) = (class("Empty"), class("Full"));
    Ok(Payload::Queue(Box::new(QueueObj {
        tx,
        rx,
        maxsize: crate::sync::AtomicUsize::new(maxsize),
        slots: Mutex::new(0),
        not_full: Condvar::new(),
        unfinished: Mutex::new(0),
        all_done: Condvar::new(),
        empty,
        full,
    })))
}

/// The hooks a subclass may override (CPython's `queue.Queue` calls them
/// from its methods).
const HOOKS: [&str; 4] = ["_init", "_qsize", "_put", "_get"];

/// Whether `this` is an instance of a subclass that overrides a hook: its
/// methods then run the Python-level algorithm (`_hooked_*` of
/// `py/queue.py`). An exact `Queue` answers at once.
fn hooked<S: LockStrategy>(vm: &Vm<S>, this: &Value<S>) -> bool {
    let Some(class) = crate::classes::user_class_of(this) else {
        return false;
    };
    HOOKS
        .iter()
        .any(|h| crate::classes::class_lookup(&class, &vm.new_str(*h)).is_some())
}

/// Calls `py/queue.py`'s `_hooked_<method>` with `args` (self first).
fn call_hooked<S: LockStrategy>(vm: &mut Vm<S>, method: &str, args: Vec<Value<S>>) -> PyResult<S> {
    let name = match vm.new_str("queue") {
        Value::Obj(o) => o,
        _ => unreachable!("str is an object"),
    };
    let module = super::import(vm, &name)?;
    let f = match module.payload() {
        Some(Payload::Module(m)) => {
            ops::dict_get(&m.dict, &vm.new_str(format!("_hooked_{method}")))
        }
        _ => None,
    };
    match f {
        Some(f) => vm.call(&f, args),
        None => Err(vm.new_error(
            "AttributeError",
            format!("module 'queue' has no attribute '_hooked_{method}'"),
        )),
    }
}

/// The `block` and `timeout` arguments as given (positional from `first`,
/// or keywords), True and None when missing: for the Python-level methods,
/// which check them themselves.
fn raw_block_timeout<S: LockStrategy>(args: &mut Args<S>, first: usize) -> (Value<S>, Value<S>) {
    let block = args
        .take_kw("block")
        .or_else(|| args.pos.get(first).cloned())
        .unwrap_or(Value::Bool(true));
    let timeout = args
        .take_kw("timeout")
        .or_else(|| args.pos.get(first + 1).cloned())
        .unwrap_or(Value::None);
    (block, timeout)
}

/// `Queue.__init__(self, maxsize=0)` of an instance of a subclass
/// (`class Jobs(queue.Queue)`): sets the bound of the empty queue, or,
/// where the subclass overrides a hook, sets up the Python-level queue
/// (and calls its `_init`).
fn queue_init<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    if args.pos.is_empty() {
        return Err(vm.type_error("descriptor '__init__' of 'Queue' object needs an argument"));
    }
    let this = args.pos.remove(0);
    if hooked(vm, &this) {
        let raw = args.take_kw("maxsize");
        arity(vm, "Queue", &args, 0, 1)?;
        let maxsize = raw
            .or_else(|| args.pos.first().cloned())
            .unwrap_or(Value::Int(0));
        return call_hooked(vm, "init", vec![this, maxsize]);
    }
    let maxsize = maxsize_arg(vm, args)?;
    let q = queue_of(vm, &this)?;
    q.maxsize.store(maxsize, crate::sync::Ordering::Relaxed);
    Ok(Value::None)
}

/// The queue a `Queue` method was called on; CPython's TypeError for
/// anything else (the descriptor check has usually refused it).
fn queue_of<'a, S: LockStrategy>(vm: &Vm<S>, v: &'a Value<S>) -> PyResult<S, &'a QueueObj<S>> {
    match v.payload() {
        Some(Payload::Queue(q)) => Ok(q),
        _ => Err(crate::methods::wrong_receiver(vm, "Queue", v)),
    }
}

fn raise<S: LockStrategy>(class: &ObjRef<S>) -> PyErr<S> {
    PyErr {
        exc: crate::interp::new_exception_obj(class.clone(), Box::new([])),
    }
}

/// `block` and `timeout` arguments: a timeout of None means wait for ever.
/// As in CPython, the timeout is read (an error when negative) only where
/// the call could wait: when blocking, and for `put` only on a bounded
/// queue (`can_wait`); it stays seconds until a wait needs it.
fn block_timeout<S: LockStrategy>(
    vm: &mut Vm<S>,
    args: &mut Args<S>,
    first: usize,
    can_wait: bool,
) -> PyResult<S, (bool, Option<f64>)> {
    let block = match args
        .take_kw("block")
        .or_else(|| args.pos.get(first).cloned())
    {
        Some(v) => ops::truthy(vm, &v)?,
        None => true,
    };
    let timeout = match args
        .take_kw("timeout")
        .or_else(|| args.pos.get(first + 1).cloned())
    {
        None | Some(Value::None) => None,
        Some(_) if !(block && can_wait) => None,
        Some(v) => {
            // CPython adds the timeout to the clock, as a float.
            let secs = match &v {
                Value::Obj(o) if matches!(o.payload(), Payload::BigInt(_)) => ops::to_big(&v)
                    .and_then(|b| num_traits::ToPrimitive::to_f64(&b))
                    .filter(|f| f.is_finite())
                    .ok_or_else(|| {
                        vm.new_error("OverflowError", "int too large to convert to float")
                    })?,
                _ => super::time::seconds_arg(vm, &v)?,
            };
            if secs < 0.0 {
                return Err(vm.value_error("'timeout' must be a non-negative number"));
            }
            Some(secs)
        }
    };
    Ok((block, timeout))
}

/// How long a blocked call waits, None for ever. CPython waits on a lock
/// for what is left: NaN never runs out (it waits until the queue is
/// ready), and a time beyond its clock is an OverflowError.
fn wait_time<S: LockStrategy>(vm: &Vm<S>, timeout: Option<f64>) -> PyResult<S, Option<Duration>> {
    match timeout {
        None => Ok(None),
        Some(secs) if secs.is_nan() => Ok(None),
        Some(secs) => super::time::time_arg(vm, &Value::Float(secs))
            .map(|secs| Some(Duration::from_secs_f64(secs.max(0.0)))),
    }
}

/// Takes a slot of a bounded queue, waiting for one if `block`; false when
/// none came.
fn take_slot<S: LockStrategy>(
    vm: &mut Vm<S>,
    q: &QueueObj<S>,
    block: bool,
    timeout: Option<f64>,
) -> PyResult<S, bool> {
    {
        let mut n = lock(&q.slots);
        if *n < q.max() {
            *n += 1;
            return Ok(true);
        }
    }
    if !block {
        return Ok(false);
    }
    // A deadline past the clock's range is as good as none.
    let deadline = wait_time(vm, timeout)?.map(|t| Instant::now().checked_add(t));
    Ok(vm.blocking(|| {
        let mut n = lock(&q.slots);
        while *n >= q.max() {
            n = match deadline {
                None | Some(None) => q.not_full.wait(n),
                Some(Some(deadline)) => {
                    let left = deadline.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        return false;
                    }
                    q.not_full.wait_timeout(&q.slots, n, left).0
                }
            };
        }
        *n += 1;
        true
    }))
}

fn put<S: LockStrategy>(
    vm: &mut Vm<S>,
    q: &QueueObj<S>,
    item: Value<S>,
    block: bool,
    timeout: Option<f64>,
) -> PyResult<S> {
    if q.max() > 0 && !take_slot(vm, q, block, timeout)? {
        return Err(raise(&q.full));
    }
    *lock(&q.unfinished) += 1;
    // The channel is unbounded and its receiver lives in `q`: this cannot
    // fail, and an item it handed back would be dropped here, attached.
    let _ = q.tx.send(item);
    Ok(Value::None)
}

fn get<S: LockStrategy>(
    vm: &mut Vm<S>,
    q: &QueueObj<S>,
    block: bool,
    timeout: Option<f64>,
) -> PyResult<S> {
    let got = match q.rx.try_recv() {
        Ok(v) => Some(v),
        Err(TryRecvError::Empty) if block => match wait_time(vm, timeout)? {
            None => vm.blocking(|| q.rx.recv().ok()),
            Some(t) => vm.blocking(|| q.rx.recv_timeout(t).ok()),
        },
        Err(_) => None,
    };
    let item = got.ok_or_else(|| raise(&q.empty))?;
    if q.max() > 0 {
        *lock(&q.slots) -= 1;
        q.not_full.notify_one();
    }
    Ok(item)
}

fn queue_put<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    if args.pos.len() >= 2 && hooked(vm, &args.pos[0]) {
        let (block, timeout) = raw_block_timeout(&mut args, 2);
        arity(vm, "put", &args, 2, 4)?;
        let (this, item) = (args.pos[0].clone(), args.pos[1].clone());
        return call_hooked(vm, "put", vec![this, item, block, timeout]);
    }
    let Some(this) = args.pos.first() else {
        return Err(
            vm.type_error("Queue.put() missing 2 required positional arguments: 'self' and 'item'")
        );
    };
    let bounded = queue_of(vm, this)?.max() > 0;
    let (block, timeout) = block_timeout(vm, &mut args, 2, bounded)?;
    arity(vm, "put", &args, 2, 4)?;
    let q = queue_of(vm, &args.pos[0])?;
    put(vm, q, args.pos[1].clone(), block, timeout)
}

fn queue_put_nowait<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "put_nowait", &args, 2, 2)?;
    if hooked(vm, &args.pos[0]) {
        let (this, item) = (args.pos[0].clone(), args.pos[1].clone());
        return call_hooked(vm, "put", vec![this, item, Value::Bool(false), Value::None]);
    }
    let recv = queue_of(vm, &args.pos[0])?;
    put(vm, recv, args.pos[1].clone(), false, None)
}

fn queue_get<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    if !args.pos.is_empty() && hooked(vm, &args.pos[0]) {
        let (block, timeout) = raw_block_timeout(&mut args, 1);
        arity(vm, "get", &args, 1, 3)?;
        let this = args.pos[0].clone();
        return call_hooked(vm, "get", vec![this, block, timeout]);
    }
    let (block, timeout) = block_timeout(vm, &mut args, 1, true)?;
    arity(vm, "get", &args, 1, 3)?;
    let recv = queue_of(vm, &args.pos[0])?;
    get(vm, recv, block, timeout)
}

fn queue_get_nowait<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "get_nowait", &args, 1, 1)?;
    if hooked(vm, &args.pos[0]) {
        let this = args.pos[0].clone();
        return call_hooked(vm, "get", vec![this, Value::Bool(false), Value::None]);
    }
    let recv = queue_of(vm, &args.pos[0])?;
    get(vm, recv, false, None)
}

fn queue_qsize<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "qsize", &args, 1, 1)?;
    if hooked(vm, &args.pos[0]) {
        return call_hooked(vm, "qsize", vec![args.pos[0].clone()]);
    }
    Ok(Value::Int(queue_of(vm, &args.pos[0])?.rx.len() as i64))
}

fn queue_empty<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "empty", &args, 1, 1)?;
    if hooked(vm, &args.pos[0]) {
        return call_hooked(vm, "empty", vec![args.pos[0].clone()]);
    }
    Ok(Value::Bool(queue_of(vm, &args.pos[0])?.rx.is_empty()))
}

fn queue_full<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "full", &args, 1, 1)?;
    if hooked(vm, &args.pos[0]) {
        return call_hooked(vm, "full", vec![args.pos[0].clone()]);
    }
    let q = queue_of(vm, &args.pos[0])?;
    Ok(Value::Bool(q.max() > 0 && q.rx.len() >= q.max()))
}

fn queue_task_done<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "task_done", &args, 1, 1)?;
    if hooked(vm, &args.pos[0]) {
        return call_hooked(vm, "task_done", vec![args.pos[0].clone()]);
    }
    let q = queue_of(vm, &args.pos[0])?;
    let mut n = lock(&q.unfinished);
    if *n == 0 {
        return Err(vm.value_error("task_done() called too many times"));
    }
    *n -= 1;
    if *n == 0 {
        q.all_done.notify_all();
    }
    Ok(Value::None)
}

fn queue_join<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "join", &args, 1, 1)?;
    if hooked(vm, &args.pos[0]) {
        return call_hooked(vm, "join", vec![args.pos[0].clone()]);
    }
    let q = queue_of(vm, &args.pos[0])?;
    vm.blocking(|| {
        let mut n = lock(&q.unfinished);
        while *n > 0 {
            n = q.all_done.wait(n);
        }
    });
    Ok(Value::None)
}

/// Attributes of Queue objects.
pub fn queue_attr<S: LockStrategy>(q: &QueueObj<S>, name: &str) -> Option<Value<S>> {
    Some(match name {
        "maxsize" => Value::Int(q.max() as i64),
        "unfinished_tasks" => Value::Int(*lock(&q.unfinished) as i64),
        _ => return None,
    })
}
