//! The native part of `concurrent.interpreters` (PEP 734, CPython 3.14):
//! isolated interpreters in one process, each with its own GIL.
//!
//! # Design
//!
//! An interpreter is a whole runtime ([`Interp`]) of the same lock strategy:
//! its own strategy state (so its own GIL under `gil` and `gil-release`),
//! builtins, modules, type objects and object heap. Interpreters share no
//! Python object. What crosses from one to another (`prepare_main` values,
//! `call` arguments and results, queue items, the summary of an uncaught
//! exception) is first copied out of the source interpreter into plain Rust
//! data ([`Shareable`]) while the thread is attached there, and made into new
//! objects of the target interpreter while the thread is attached there.
//!
//! `exec` and `call` run on the calling thread. The thread detaches from its
//! own interpreter first, as for a blocking call ([`Vm::blocking`]), so the
//! caller's other threads keep running (and, under a GIL, its GIL is free);
//! then it attaches to the target with a fresh VM, runs the code, finishes
//! the VM (pending finalizers run there) and detaches. Finalizers queued on
//! the thread for the caller's runtime are set aside meanwhile
//! (`crate::finalize::stash`): the thread-local collector binding is
//! saved and restored by the VM's own attach and detach.
//!
//! A function passed to `call` travels in one of two ways:
//! - defined in `__main__`: its code is copied (recompiled constants and
//!   all) and becomes a function of the target's `__main__`, with its
//!   defaults copied; CPython 3.14 shares such "stateless" functions the
//!   same way. Globals it reads are looked up in the target's `__main__`.
//!   A closure is not shareable.
//! - anything else with `__module__` and `__qualname__` (a function or class
//!   of an importable module, a builtin): by reference, as pickle does: the
//!   target imports the module and looks the name up.
//!
//! Ids are process-wide and start at 0; a runtime that did not come from
//! `create` (the one a program or an embedding started) is a *main*
//! interpreter and gets its id the first time it asks. The registry holds
//! the interpreters `create` made until `close`; queues live as long as the
//! process.

use crate::compile::{CodeUnit, Const};
use crate::interp::Interp;
use crate::object::{ObjRef, Payload, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyErr, PyResult, Vm};
use num_bigint::BigInt;
use std::any::Any;
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// The module these functions live in (the Python part defines its
/// classes).
const MODULE: &str = "concurrent.interpreters";

/// A value copied out of one interpreter, to be made again in another.
#[derive(Clone, Debug)]
pub enum Shareable {
    None,
    Bool(bool),
    Int(i64),
    BigInt(BigInt),
    Float(f64),
    Str(String),
    Bytes(Vec<u8>),
    Tuple(Vec<Shareable>),
    /// A `concurrent.interpreters.Queue`, by id.
    Queue(i64),
}

/// A callable on its way to another interpreter.
enum Carried {
    /// A `__main__` function: its code and defaults.
    Code {
        unit: Box<CodeUnit>,
        filename: String,
        defaults: Vec<Shareable>,
        kwdefaults: Vec<(String, Shareable)>,
    },
    /// Anything else: where to import it from.
    ByRef { module: String, qualname: String },
}

/// One interpreter made by `create`.
struct Entry {
    /// The `Arc<Interp<S>>`, for the strategy `S` of its family.
    interp: Arc<dyn Any + Send + Sync>,
    /// The id of the main interpreter it was made from.
    main: i64,
    /// Whether a thread runs code in it now.
    running: Arc<AtomicBool>,
}

static NEXT_ID: AtomicI64 = AtomicI64::new(0);
static NEXT_QUEUE: AtomicI64 = AtomicI64::new(1);

fn registry() -> std::sync::MutexGuard<'static, HashMap<i64, Entry>> {
    static REGISTRY: std::sync::OnceLock<Mutex<HashMap<i64, Entry>>> = std::sync::OnceLock::new();
    REGISTRY
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner())
}

/// A cross-interpreter queue: copied items, a bound, and a condition
/// variable for blocked `get`s and `put`s.
struct XQueue {
    items: Mutex<VecDeque<Shareable>>,
    changed: Condvar,
    maxsize: usize,
}

fn queues() -> std::sync::MutexGuard<'static, HashMap<i64, Arc<XQueue>>> {
    static QUEUES: std::sync::OnceLock<Mutex<HashMap<i64, Arc<XQueue>>>> =
        std::sync::OnceLock::new();
    QUEUES
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner())
}

pub fn init<S: LockStrategy>(vm: &mut Vm<S>, dict: &ObjRef<S>) {
    super::add_functions(
        vm,
        dict,
        &[
            ("_create", create::<S>, false),
            ("_destroy", destroy::<S>, false),
            ("_list_all", list_all::<S>, false),
            ("_get_current", get_current::<S>, false),
            ("_get_main", get_main::<S>, false),
            ("_is_running", is_running::<S>, false),
            ("_exists", exists::<S>, false),
            ("_set_main_attrs", set_main_attrs::<S>, false),
            ("_exec", exec::<S>, false),
            ("_call", call::<S>, false),
            ("_is_shareable", is_shareable::<S>, false),
            ("_queue_create", queue_create::<S>, false),
            ("_queue_put", queue_put::<S>, false),
            ("_queue_get", queue_get::<S>, false),
            ("_queue_size", queue_size::<S>, false),
            ("_queue_maxsize", queue_maxsize::<S>, false),
        ],
    );
}

// ---- errors ----

/// An instance of one of the module's exception classes (defined in its
/// Python part), or of `fallback` if the module is not there.
fn module_error<S: LockStrategy>(
    vm: &mut Vm<S>,
    class: &str,
    fallback: &str,
    message: String,
) -> PyErr<S> {
    let module = ops::dict_get(&vm.interp.sys_modules, &vm.new_str(MODULE));
    let cls = module.and_then(|m| match m.payload() {
        Some(Payload::Module(m)) => ops::dict_get(&m.dict, &vm.new_str(class)),
        _ => None,
    });
    if let Some(cls) = cls {
        let msg = vm.new_str(message.clone());
        match vm.call(&cls, vec![msg]) {
            Ok(Value::Obj(exc)) if matches!(exc.payload(), Payload::Exception(_)) => {
                return PyErr { exc }
            }
            Ok(_) => {}
            Err(e) => return e,
        }
    }
    vm.new_error(fallback, message)
}

fn not_shareable<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyErr<S> {
    let name = ops::type_name(v);
    module_error(
        vm,
        "NotShareableError",
        "ValueError",
        format!("{name} objects are not shareable between interpreters"),
    )
}

fn not_found<S: LockStrategy>(vm: &mut Vm<S>, id: i64) -> PyErr<S> {
    module_error(
        vm,
        "InterpreterNotFoundError",
        "RuntimeError",
        format!("unrecognized interpreter ID {id}"),
    )
}

fn interp_error<S: LockStrategy>(vm: &mut Vm<S>, message: &str) -> PyErr<S> {
    module_error(vm, "InterpreterError", "RuntimeError", message.to_string())
}

// ---- copying values out and in ----

/// Copies a shareable value out of the calling thread's interpreter.
pub fn share<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, Shareable> {
    Ok(match v {
        Value::None => Shareable::None,
        Value::Bool(b) => Shareable::Bool(*b),
        Value::Int(i) => Shareable::Int(*i),
        Value::Float(f) => Shareable::Float(*f),
        Value::Obj(o) => match o.payload() {
            Payload::Str(s) => Shareable::Str(s.as_str().to_string()),
            Payload::Bytes(b) => Shareable::Bytes(b.to_vec()),
            Payload::BigInt(b) => Shareable::BigInt(b.clone()),
            Payload::Tuple(items) => Shareable::Tuple(
                items
                    .iter()
                    .map(|i| share(vm, i))
                    .collect::<PyResult<S, Vec<_>>>()?,
            ),
            Payload::Instance(_) => match queue_id(vm, v)? {
                Some(id) => Shareable::Queue(id),
                None => return Err(not_shareable(vm, v)),
            },
            _ => return Err(not_shareable(vm, v)),
        },
    })
}

/// The id of a `concurrent.interpreters.Queue`, None for anything else.
fn queue_id<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, Option<i64>> {
    let class = Value::Obj(crate::builtins::type_of(vm, v));
    let module = ops::get_attr_opt(vm, &class, "__module__")?;
    let name = ops::get_attr_opt(vm, &class, "__qualname__")?;
    let is_queue = module.as_ref().and_then(|m| m.as_str()) == Some(MODULE)
        && name.as_ref().and_then(|n| n.as_str()) == Some("Queue");
    if !is_queue {
        return Ok(None);
    }
    match ops::get_attr_opt(vm, v, "_id")? {
        Some(Value::Int(id)) => Ok(Some(id)),
        _ => Ok(None),
    }
}

/// Makes a copied value an object of the calling thread's interpreter.
pub fn unshare<S: LockStrategy>(vm: &mut Vm<S>, s: &Shareable) -> PyResult<S> {
    Ok(match s {
        Shareable::None => Value::None,
        Shareable::Bool(b) => Value::Bool(*b),
        Shareable::Int(i) => Value::Int(*i),
        Shareable::Float(f) => Value::Float(*f),
        Shareable::BigInt(b) => ops::int_from_big(b.clone()),
        Shareable::Str(s) => vm.new_str(s.as_str()),
        Shareable::Bytes(b) => {
            Value::Obj(ObjRef::new(Payload::Bytes(b.clone().into_boxed_slice())))
        }
        Shareable::Tuple(items) => {
            let items = items
                .iter()
                .map(|i| unshare(vm, i))
                .collect::<PyResult<S, Vec<_>>>()?;
            ops::new_tuple(items)
        }
        Shareable::Queue(id) => {
            let class = module_attr(vm, "Queue")?;
            vm.call(&class, vec![Value::Int(*id)])?
        }
    })
}

/// An attribute of `concurrent.interpreters` in the calling thread's
/// interpreter (imported there if need be).
fn module_attr<S: LockStrategy>(vm: &mut Vm<S>, name: &str) -> PyResult<S> {
    let module = import_module(vm, MODULE)?;
    ops::get_attr(vm, &module, &str_obj(vm, name))
}

fn str_obj<S: LockStrategy>(vm: &Vm<S>, s: &str) -> ObjRef<S> {
    match vm.new_str(s) {
        Value::Obj(o) => o,
        _ => unreachable!("str is an object"),
    }
}

fn import_module<S: LockStrategy>(vm: &mut Vm<S>, name: &str) -> PyResult<S> {
    let name = str_obj(vm, name);
    super::import(vm, &name)
}

/// Copies a callable out (see the module documentation).
fn carry<S: LockStrategy>(vm: &mut Vm<S>, func: &Value<S>) -> PyResult<S, Carried> {
    if let Some(Payload::Function(f)) = func.payload() {
        let module = ops::dict_get(&f.globals, &vm.new_str("__name__"));
        if module.as_ref().and_then(|m| m.as_str()) == Some("__main__") {
            if !f.closure.is_empty() {
                return Err(not_shareable(vm, func));
            }
            let Some(unit) = code_unit(vm, &f.code) else {
                return Err(not_shareable(vm, func));
            };
            let (positional, keyword) = f.defaults.with::<S, _>(func_header(func), |d| {
                (d.positional.to_vec(), d.keyword.to_vec())
            });
            let defaults = positional
                .iter()
                .map(|v| share(vm, v))
                .collect::<PyResult<S, Vec<_>>>()?;
            let kwdefaults = keyword
                .iter()
                .map(|(k, v)| Ok((k.to_string(), share(vm, v)?)))
                .collect::<PyResult<S, Vec<_>>>()?;
            return Ok(Carried::Code {
                unit: Box::new(unit),
                filename: f.code.filename.to_string(),
                defaults,
                kwdefaults,
            });
        }
    }
    let mut module = ops::get_attr_opt(vm, func, "__module__")?;
    let mut qualname = ops::get_attr_opt(vm, func, "__qualname__")?;
    if let Some(Payload::Builtin(b)) = func.payload() {
        // No `__module__` on a builtin: found in `sys.modules` by identity,
        // as pickle's `whichmodule` does.
        if module.as_ref().and_then(|m| m.as_str()).is_none() {
            let name = b.name.to_string();
            module = which_module(vm, func, &name).map(|m| vm.new_str(m));
            qualname = Some(vm.new_str(name));
        }
    }
    match (
        module.as_ref().and_then(|m| m.as_str()),
        qualname.as_ref().and_then(|q| q.as_str()),
    ) {
        (Some(m), Some(q)) if m != "__main__" && !q.contains("<locals>") => Ok(Carried::ByRef {
            module: m.to_string(),
            qualname: q.to_string(),
        }),
        _ => Err(not_shareable(vm, func)),
    }
}

/// The name of the module in `sys.modules` whose attribute `name` is
/// `obj` itself.
fn which_module<S: LockStrategy>(vm: &mut Vm<S>, obj: &Value<S>, name: &str) -> Option<String> {
    let target = match obj {
        Value::Obj(o) => o.raw(),
        _ => return None,
    };
    let modules = Value::Obj(vm.interp.sys_modules.clone());
    for (key, module) in ops::dict_items(&modules) {
        let Some(Payload::Module(m)) = module.payload() else {
            continue;
        };
        if let Some(Value::Obj(found)) = ops::dict_get(&m.dict, &vm.new_str(name)) {
            if found.raw() == target {
                if let Some(k) = key.as_str() {
                    if k != "__main__" {
                        return Some(k.to_string());
                    }
                }
            }
        }
    }
    match ops::dict_get(&vm.interp.builtins, &vm.new_str(name)) {
        Some(Value::Obj(found)) if found.raw() == target => Some("builtins".to_string()),
        _ => None,
    }
}

fn func_header<S: LockStrategy>(func: &Value<S>) -> &crate::object::Header {
    match func {
        Value::Obj(o) => &o.header,
        _ => unreachable!("a function is an object"),
    }
}

/// The compiled form of a code object, with its constants copied out;
/// None when a constant has no plain form.
fn code_unit<S: LockStrategy>(vm: &Vm<S>, code: &crate::code::Code<S>) -> Option<CodeUnit> {
    let consts = code
        .consts
        .iter()
        .map(|c| constant(vm, c))
        .collect::<Option<Vec<_>>>()?;
    let children = code
        .children
        .iter()
        .map(|c| code_unit(vm, c))
        .collect::<Option<Vec<_>>>()?;
    let names = code
        .names
        .iter()
        .map(|n| match n.payload() {
            Payload::Str(s) => Some(s.as_str().to_string()),
            _ => None,
        })
        .collect::<Option<Vec<_>>>()?;
    let strings = |v: &[Arc<str>]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    Some(CodeUnit {
        name: code.name.to_string(),
        qualname: code.qualname.to_string(),
        instrs: code.instrs.to_vec(),
        lines: code.lines.to_vec(),
        consts,
        names,
        varnames: strings(&code.varnames),
        argcount: code.argcount,
        posonlyargcount: code.posonlyargcount,
        kwonlyargcount: code.kwonlyargcount,
        varargs: code.varargs,
        varkw: code.varkw,
        cellvars: strings(&code.cellvars),
        freevars: strings(&code.freevars),
        children,
        is_module: code.is_module,
        is_class: code.is_class,
        has_docstring: code.has_docstring,
        is_generator: code.is_generator,
        is_coroutine: code.is_coroutine,
        first_line: code.first_line,
    })
}

fn constant<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>) -> Option<Const> {
    Some(match v {
        Value::None => Const::None,
        Value::Bool(b) => Const::Bool(*b),
        Value::Int(i) => Const::Int(*i),
        Value::Float(f) => Const::Float(*f),
        Value::Obj(o) => match o.payload() {
            Payload::Str(s) => Const::Str(s.as_str().to_string()),
            Payload::Bytes(b) => Const::Bytes(b.to_vec()),
            Payload::BigInt(b) => Const::BigInt(b.clone()),
            Payload::Tuple(items) => Const::StrTuple(
                items
                    .iter()
                    .map(|i| i.as_str().map(str::to_string))
                    .collect::<Option<Vec<_>>>()?,
            ),
            _ => {
                if let Some(c) = crate::types::downcast::<S, crate::types::complex::Complex>(v) {
                    Const::Complex(c.re, c.im)
                } else if let Value::Obj(e) = &vm.interp.singletons().ellipsis {
                    if e.raw() == o.raw() {
                        Const::Ellipsis
                    } else {
                        return None;
                    }
                } else {
                    return None;
                }
            }
        },
    })
}

/// Makes a carried callable again in the calling thread's interpreter.
fn land<S: LockStrategy>(vm: &mut Vm<S>, carried: Carried) -> PyResult<S> {
    match carried {
        Carried::Code {
            unit,
            filename,
            defaults,
            kwdefaults,
        } => {
            let interp = vm.interp.clone();
            let code = interp.load_code(*unit, &Arc::from(filename.as_str()));
            let positional = defaults
                .iter()
                .map(|d| unshare(vm, d))
                .collect::<PyResult<S, Vec<_>>>()?;
            let keyword = kwdefaults
                .iter()
                .map(|(k, d)| Ok((Arc::from(k.as_str()), unshare(vm, d)?)))
                .collect::<PyResult<S, Vec<_>>>()?;
            let func = Payload::Function(Box::new(crate::payload::Function {
                code,
                globals: interp.main.clone(),
                defaults: crate::object::ObjCell::new(crate::payload::Defaults {
                    positional: positional.into_boxed_slice(),
                    keyword: keyword.into_boxed_slice(),
                }),
                closure: Box::new([]),
                dict: crate::object::ObjCell::new(None),
                annotations: crate::object::ObjCell::new(None),
            }));
            Ok(Value::Obj(ObjRef::new(func)))
        }
        Carried::ByRef { module, qualname } => {
            let mut obj = import_module(vm, &module)?;
            for part in qualname.split('.') {
                let name = str_obj(vm, part);
                obj = ops::get_attr(vm, &obj, &name)?;
            }
            Ok(obj)
        }
    }
}

// ---- ids and the registry ----

/// This runtime's (id, main id), assigning them on first use to a runtime
/// that did not come from `create`.
fn ids<S: LockStrategy>(interp: &Interp<S>) -> (i64, i64) {
    *interp.interp_id.get_or_init(|| {
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        (id, id)
    })
}

/// The interpreter `id`, if `create` made it in this family, with its
/// running flag.
fn lookup<S: LockStrategy>(
    vm: &mut Vm<S>,
    id: i64,
) -> PyResult<S, (Arc<Interp<S>>, Arc<AtomicBool>)> {
    let (current, main) = ids(&vm.interp);
    let found = registry().get(&id).and_then(|e| {
        let interp = e.interp.clone().downcast::<Interp<S>>().ok()?;
        (e.main == main).then(|| (interp, e.running.clone()))
    });
    match found {
        Some(f) => Ok(f),
        None if id == current || id == main => Err(interp_error(
            vm,
            if id == main {
                "cannot use the main interpreter this way"
            } else {
                "cannot use the current interpreter this way"
            },
        )),
        None => Err(not_found(vm, id)),
    }
}

fn id_arg<S: LockStrategy>(vm: &mut Vm<S>, args: &Args<S>, i: usize) -> PyResult<S, i64> {
    match args.pos.get(i) {
        Some(v) => ops::expect_int(vm, v),
        None => Err(vm.type_error("missing interpreter id")),
    }
}

fn create<S: LockStrategy>(vm: &mut Vm<S>, _args: Args<S>) -> PyResult<S> {
    let (_, main) = ids(&vm.interp);
    let sub = vm.interp.new_sibling();
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    let _ = sub.interp_id.set((id, main));
    // Its `__main__` module, as a fresh CPython interpreter has.
    vm.blocking(|| {
        let sub = sub.clone();
        in_interp(&sub, |vm| {
            crate::modules::import::prepare_main(vm, "<string>");
            Ok(())
        })
    })
    .map_err(|_| interp_error(vm, "interpreter creation failed"))?;
    registry().insert(
        id,
        Entry {
            interp: sub,
            main,
            running: Arc::new(AtomicBool::new(false)),
        },
    );
    Ok(Value::Int(id))
}

fn destroy<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let id = id_arg(vm, &args, 0)?;
    let (current, _) = ids(&vm.interp);
    if id == current {
        return Err(interp_error(vm, "cannot destroy the current interpreter"));
    }
    let (sub, running) = lookup(vm, id)?;
    if running.swap(true, Ordering::AcqRel) {
        return Err(interp_error(vm, "interpreter running"));
    }
    registry().remove(&id);
    drop(running);
    vm.blocking(move || {
        // Its threads are joined and its `__main__` cleared, as at the end
        // of a program; then the last handle goes and the runtime is freed.
        let _ = in_interp(&sub, |vm| {
            crate::modules::threading::join_all(vm);
            let main = vm.interp.main.clone();
            vm.finish_module(&main);
            vm.collect_garbage(crate::gc::GENERATIONS - 1);
            Ok(())
        });
        drop(sub);
    });
    Ok(Value::None)
}

fn list_all<S: LockStrategy>(vm: &mut Vm<S>, _args: Args<S>) -> PyResult<S> {
    let (_, main) = ids(&vm.interp);
    let mut all: Vec<i64> = registry()
        .iter()
        .filter(|(_, e)| e.main == main)
        .map(|(id, _)| *id)
        .collect();
    all.push(main);
    all.sort_unstable();
    Ok(ops::new_list(all.into_iter().map(Value::Int).collect()))
}

fn get_current<S: LockStrategy>(vm: &mut Vm<S>, _args: Args<S>) -> PyResult<S> {
    Ok(Value::Int(ids(&vm.interp).0))
}

fn get_main<S: LockStrategy>(vm: &mut Vm<S>, _args: Args<S>) -> PyResult<S> {
    Ok(Value::Int(ids(&vm.interp).1))
}

fn exists<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let id = id_arg(vm, &args, 0)?;
    let (current, main) = ids(&vm.interp);
    let known = id == current
        || id == main
        || registry()
            .get(&id)
            .is_some_and(|e| e.main == main && e.interp.clone().downcast::<Interp<S>>().is_ok());
    Ok(Value::Bool(known))
}

fn is_running<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let id = id_arg(vm, &args, 0)?;
    let (current, main) = ids(&vm.interp);
    if id == current || id == main {
        // The main interpreter runs its program; the current one runs us.
        return Ok(Value::Bool(true));
    }
    let (_, running) = lookup(vm, id)?;
    Ok(Value::Bool(running.load(Ordering::Acquire)))
}

// ---- running code in another interpreter ----

/// Runs `f` attached to `interp` on the calling thread, which must be
/// detached from every other runtime (inside [`Vm::blocking`]).
fn in_interp<S: LockStrategy, R>(
    interp: &Arc<Interp<S>>,
    f: impl FnOnce(&mut Vm<S>) -> Result<R, String>,
) -> Result<R, String> {
    let stashed = crate::finalize::stash();
    let mut vm = Vm::new(interp.clone());
    vm.attach();
    let result = f(&mut vm);
    vm.leave_to(stashed);
    result
}

/// Marks the interpreter running for the length of a call into it.
struct Running(Arc<AtomicBool>);

impl Drop for Running {
    fn drop(&mut self) {
        self.0.store(false, Ordering::Release);
    }
}

fn start_running<S: LockStrategy>(
    vm: &mut Vm<S>,
    id: i64,
) -> PyResult<S, (Arc<Interp<S>>, Running)> {
    let (sub, running) = lookup(vm, id)?;
    if running.swap(true, Ordering::AcqRel) {
        return Err(interp_error(vm, "interpreter already running"));
    }
    Ok((sub, Running(running)))
}

/// What an uncaught exception leaves behind: class name, qualified name,
/// module, `str()`, the `format_exception_only` line and the whole
/// traceback.
type ExcInfo = Box<[String; 6]>;

fn excinfo<S: LockStrategy>(vm: &mut Vm<S>, err: &PyErr<S>) -> ExcInfo {
    let value = Value::Obj(err.exc.clone());
    let class = Value::Obj(crate::builtins::type_of(vm, &value));
    let attr = |vm: &mut Vm<S>, name: &str| -> String {
        ops::get_attr_opt(vm, &class, name)
            .ok()
            .flatten()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    };
    let name = attr(vm, "__name__");
    let qualname = attr(vm, "__qualname__");
    let module = attr(vm, "__module__");
    let msg = crate::repr::to_str(vm, &value).unwrap_or_default();
    let shown = if module == "builtins" || module.is_empty() || module == "__main__" {
        qualname.clone()
    } else {
        format!("{module}.{qualname}")
    };
    let formatted = if msg.is_empty() {
        shown
    } else {
        format!("{shown}: {msg}")
    };
    let display = crate::traceback::format_exception(vm, err);
    Box::new([
        name,
        qualname,
        module,
        msg,
        formatted,
        display.trim_end().to_string(),
    ])
}

fn excinfo_value<S: LockStrategy>(vm: &Vm<S>, info: [String; 6]) -> Value<S> {
    ops::new_tuple(info.into_iter().map(|s| vm.new_str(s)).collect())
}

/// Copies the items of a dict of shareable values.
fn share_dict<S: LockStrategy>(
    vm: &mut Vm<S>,
    dict: &Value<S>,
) -> PyResult<S, Vec<(String, Shareable)>> {
    let mut out = Vec::new();
    for (k, v) in ops::dict_items(dict) {
        let Some(name) = k.as_str().map(str::to_string) else {
            return Err(vm.type_error("names must be str"));
        };
        out.push((name, share(vm, &v)?));
    }
    Ok(out)
}

fn set_main_attrs<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let id = id_arg(vm, &args, 0)?;
    let ns = args.pos.get(1).cloned().unwrap_or(Value::None);
    let items = share_dict(vm, &ns)?;
    let (sub, running) = start_running(vm, id)?;
    let outcome = vm.blocking(|| {
        in_interp(&sub, |vm| {
            for (k, v) in &items {
                let v = unshare(vm, v).map_err(|_| k.clone())?;
                let main = vm.interp.main.clone();
                vm.interp.dict_set_str(&main, k, v);
            }
            Ok(())
        })
    });
    drop(running);
    outcome.map_err(|k| interp_error(vm, &format!("could not set {k}")))?;
    Ok(Value::None)
}

fn exec<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let id = id_arg(vm, &args, 0)?;
    let source = match args.pos.get(1) {
        Some(v) => ops::expect_str(vm, v, "code")?.to_string(),
        None => return Err(vm.type_error("missing code")),
    };
    let (sub, running) = start_running(vm, id)?;
    let outcome: Result<(), ExcInfo> = vm.blocking(|| {
        let mut failure = None;
        let _ = in_interp(&sub, |vm| {
            let interp = vm.interp.clone();
            // Not registered as a source: CPython shows no source lines
            // for code run from a string.
            match crate::compile::compile_module(&source) {
                Ok(unit) => {
                    let code = interp.load_code(unit, &Arc::from("<string>"));
                    let main = interp.main.clone();
                    if let Err(err) = vm.run_module_code(&code, &main) {
                        failure = Some(excinfo(vm, &err));
                    }
                }
                Err(e) => {
                    let text = e.render("<string>");
                    failure = Some(Box::new([
                        "SyntaxError".into(),
                        "SyntaxError".into(),
                        "builtins".into(),
                        text.clone(),
                        format!("SyntaxError: {text}"),
                        text,
                    ]));
                }
            }
            Ok(())
        });
        match failure {
            Some(f) => Err(f),
            None => Ok(()),
        }
    });
    drop(running);
    Ok(match outcome {
        Ok(()) => Value::None,
        Err(info) => excinfo_value(vm, *info),
    })
}

fn call<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let id = id_arg(vm, &args, 0)?;
    let func = args.pos.get(1).cloned().unwrap_or(Value::None);
    let carried = carry(vm, &func)?;
    let positional = match args.pos.get(2) {
        Some(Value::Obj(o)) => match o.payload() {
            Payload::Tuple(items) => items.to_vec(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    };
    let positional = positional
        .iter()
        .map(|v| share(vm, v))
        .collect::<PyResult<S, Vec<_>>>()?;
    let keywords = match args.pos.get(3) {
        Some(d @ Value::Obj(_)) => share_dict(vm, d)?,
        _ => Vec::new(),
    };
    let (sub, running) = start_running(vm, id)?;
    // The result, or the exception it raised, or a result that is not
    // shareable (reported as CPython reports a failed pickle).
    enum Outcome {
        Value(Shareable),
        Raised(ExcInfo),
        NotShareable(String),
    }
    let outcome = vm.blocking(|| {
        let mut out = Outcome::Value(Shareable::None);
        let _ = in_interp(&sub, |vm| {
            let result = (|| {
                let f = land(vm, carried)?;
                let pos = positional
                    .iter()
                    .map(|v| unshare(vm, v))
                    .collect::<PyResult<S, Vec<_>>>()?;
                let mut kw = Vec::new();
                for (k, v) in &keywords {
                    kw.push((k.clone(), unshare(vm, v)?));
                }
                vm.call_args(&f, Args { pos, kw })
            })();
            out = match result {
                Ok(v) => match share(vm, &v) {
                    Ok(s) => Outcome::Value(s),
                    Err(_) => Outcome::NotShareable(ops::type_name(&v)),
                },
                Err(err) => Outcome::Raised(excinfo(vm, &err)),
            };
            Ok(())
        });
        out
    });
    drop(running);
    match outcome {
        Outcome::Value(s) => {
            let v = unshare(vm, &s)?;
            Ok(ops::new_tuple(vec![v, Value::None]))
        }
        Outcome::Raised(info) => {
            let info = excinfo_value(vm, *info);
            Ok(ops::new_tuple(vec![Value::None, info]))
        }
        Outcome::NotShareable(name) => Err(module_error(
            vm,
            "NotShareableError",
            "ValueError",
            format!("{name} objects are not shareable between interpreters"),
        )),
    }
}

fn is_shareable<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let v = args.pos.first().cloned().unwrap_or(Value::None);
    match share(vm, &v) {
        Ok(_) => Ok(Value::Bool(true)),
        Err(_) => Ok(Value::Bool(false)),
    }
}

// ---- queues ----

fn queue_arg<S: LockStrategy>(vm: &mut Vm<S>, args: &Args<S>) -> PyResult<S, Arc<XQueue>> {
    let id = id_arg(vm, args, 0)?;
    let q = queues().get(&id).cloned();
    match q {
        Some(q) => Ok(q),
        None => Err(module_error(
            vm,
            "QueueNotFoundError",
            "RuntimeError",
            format!("queue {id} not found"),
        )),
    }
}

fn queue_create<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let maxsize = match args.pos.first() {
        Some(v) => ops::expect_int(vm, v)?.max(0) as usize,
        None => 0,
    };
    let id = NEXT_QUEUE.fetch_add(1, Ordering::Relaxed);
    queues().insert(
        id,
        Arc::new(XQueue {
            items: Mutex::new(VecDeque::new()),
            changed: Condvar::new(),
            maxsize,
        }),
    );
    Ok(Value::Int(id))
}

/// `block` and `timeout` (seconds, None for ever) at positions `at` and
/// `at + 1`; the deadline, or None to wait for ever.
fn deadline<S: LockStrategy>(
    vm: &mut Vm<S>,
    args: &Args<S>,
    at: usize,
) -> PyResult<S, (bool, Option<Instant>)> {
    let block = match args.pos.get(at) {
        Some(v) => ops::truthy(vm, v)?,
        None => true,
    };
    let deadline = match args.pos.get(at + 1) {
        None | Some(Value::None) => None,
        Some(v) => {
            let secs = super::time::seconds_arg(vm, v)?;
            if secs < 0.0 {
                return Err(vm.value_error("timeout value must be non-negative"));
            }
            Instant::now().checked_add(Duration::from_secs_f64(secs.min(1e9)))
        }
    };
    Ok((block, deadline))
}

/// Waits on the queue's condition until `ready` or the deadline.
fn wait_until(
    q: &XQueue,
    deadline: Option<Instant>,
    ready: impl Fn(&VecDeque<Shareable>) -> bool,
) -> bool {
    let mut items = q.items.lock().unwrap_or_else(|e| e.into_inner());
    loop {
        if ready(&items) {
            return true;
        }
        items = match deadline {
            None => q.changed.wait(items).unwrap_or_else(|e| e.into_inner()),
            Some(d) => {
                let now = Instant::now();
                if now >= d {
                    return false;
                }
                q.changed
                    .wait_timeout(items, d - now)
                    .unwrap_or_else(|e| e.into_inner())
                    .0
            }
        };
    }
}

/// `_queue_put(qid, obj, block, timeout)`: True when put, False when full.
fn queue_put<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let q = queue_arg(vm, &args)?;
    let item = share(vm, args.pos.get(1).unwrap_or(&Value::None))?;
    let (block, deadline) = deadline(vm, &args, 2)?;
    let has_room = |items: &VecDeque<Shareable>| q.maxsize == 0 || items.len() < q.maxsize;
    let mut item = Some(item);
    let try_put = |item: &mut Option<Shareable>| {
        let mut items = q.items.lock().unwrap_or_else(|e| e.into_inner());
        if has_room(&items) {
            items.extend(item.take());
            q.changed.notify_all();
            true
        } else {
            false
        }
    };
    if try_put(&mut item) {
        return Ok(Value::Bool(true));
    }
    if !block {
        return Ok(Value::Bool(false));
    }
    let put = vm.blocking(|| loop {
        if !wait_until(&q, deadline, has_room) {
            return false;
        }
        if try_put(&mut item) {
            return true;
        }
    });
    Ok(Value::Bool(put))
}

/// `_queue_get(qid, block, timeout)`: `(True, item)`, or `(False, None)`
/// when empty.
fn queue_get<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let q = queue_arg(vm, &args)?;
    let (block, deadline) = deadline(vm, &args, 1)?;
    let try_get = || {
        let mut items = q.items.lock().unwrap_or_else(|e| e.into_inner());
        let item = items.pop_front();
        if item.is_some() {
            q.changed.notify_all();
        }
        item
    };
    let mut item = try_get();
    if item.is_none() && block {
        item = vm.blocking(|| loop {
            if !wait_until(&q, deadline, |items| !items.is_empty()) {
                return None;
            }
            if let Some(item) = try_get() {
                return Some(item);
            }
        });
    }
    match item {
        Some(item) => {
            let v = unshare(vm, &item)?;
            Ok(ops::new_tuple(vec![Value::Bool(true), v]))
        }
        None => Ok(ops::new_tuple(vec![Value::Bool(false), Value::None])),
    }
}

fn queue_size<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let q = queue_arg(vm, &args)?;
    let n = q.items.lock().unwrap_or_else(|e| e.into_inner()).len();
    Ok(Value::Int(n as i64))
}

fn queue_maxsize<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let q = queue_arg(vm, &args)?;
    Ok(Value::Int(q.maxsize as i64))
}
