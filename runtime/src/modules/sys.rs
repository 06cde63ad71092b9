//! The `sys` module.

use crate::builtins::arity;
use crate::object::{ObjRef, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};
use std::time::Duration;

pub fn init<S: LockStrategy>(vm: &mut Vm<S>, dict: &ObjRef<S>) {
    super::add_functions(
        vm,
        dict,
        &[
            ("setswitchinterval", setswitchinterval, false),
            ("getswitchinterval", getswitchinterval, false),
            ("getrecursionlimit", getrecursionlimit, false),
            ("_getframe", getframe, false),
            ("setrecursionlimit", setrecursionlimit, false),
            ("exit", exit, false),
            ("getrefcount", getrefcount, false),
            ("exc_info", exc_info, false),
            ("_write", write_stream, false),
            ("_flush", flush_stream, false),
        ],
    );
    let argv: Vec<Value<S>> = vm
        .interp
        .argv
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .map(|a| vm.new_str(a.as_str()))
        .collect();
    vm.interp.dict_set_str(dict, "argv", ops::new_list(argv));
    vm.interp
        .dict_set_str(dict, "maxsize", Value::Int(i64::MAX));
    vm.interp
        .dict_set_str(dict, "modules", Value::Obj(vm.interp.sys_modules.clone()));
    let script_dir = vm
        .interp
        .script_dir
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    let path = super::stdlib::initial_path(script_dir.as_deref())
        .into_iter()
        .map(|p| vm.new_str(p))
        .collect();
    vm.interp.dict_set_str(dict, "path", ops::new_list(path));
    let mut names = super::BUILTIN_MODULE_NAMES.to_vec();
    names.sort_unstable();
    let names = names.into_iter().map(|n| vm.new_str(n)).collect();
    vm.interp
        .dict_set_str(dict, "builtin_module_names", ops::new_tuple(names));
    vm.interp
        .dict_set_str(dict, "platform", vm.new_str(std::env::consts::OS));
    let order = if cfg!(target_endian = "little") {
        "little"
    } else {
        "big"
    };
    vm.interp.dict_set_str(dict, "byteorder", vm.new_str(order));
    let exe = std::env::current_exe()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    vm.interp.dict_set_str(dict, "executable", vm.new_str(exe));
    // The prefixes are the installation that lends us its standard library
    // (`<prefix>/lib/python3.11`), as `site` and `sysconfig` read them.
    let prefix = super::stdlib::stdlib_dir()
        .and_then(|lib| lib.parent()?.parent())
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    for name in ["prefix", "base_prefix", "exec_prefix", "base_exec_prefix"] {
        vm.interp
            .dict_set_str(dict, name, vm.new_str(prefix.as_str()));
    }
    vm.interp
        .dict_set_str(dict, "platlibdir", vm.new_str("lib"));
}

fn setswitchinterval<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "sys.setswitchinterval", &args, 1, 1)?;
    let secs = super::time::seconds_arg(vm, &args.pos[0]).map_err(|_| {
        vm.type_error(format!(
            "must be real number, not {}",
            ops::type_name(&args.pos[0])
        ))
    })?;
    if secs.is_nan() || secs <= 0.0 {
        return Err(vm.value_error("switch interval must be strictly positive"));
    }
    // CPython keeps whole microseconds (at least one).
    let micros = ((secs * 1e6) as u64).max(1);
    S::set_switch_interval(vm.strategy(), Duration::from_micros(micros));
    Ok(Value::None)
}

fn getswitchinterval<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "sys.getswitchinterval", &args, 0, 0)?;
    let micros = S::switch_interval(vm.strategy()).as_micros() as f64;
    Ok(Value::Float(1e-6 * micros))
}

fn getrecursionlimit<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "sys.getrecursionlimit", &args, 0, 0)?;
    Ok(Value::Int(vm.interp.recursion_limit() as i64))
}

/// `sys._getframe(depth=0)`: the frame `depth` calls up from the caller's,
/// with its callers as the `f_back` chain (see `crate::types::frame`).
fn getframe<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "_getframe", &args, 0, 1)?;
    let depth = match args.pos.first() {
        None => 0,
        Some(v) => {
            let v = ops::as_index(vm, v)?;
            ops::expect_int(vm, &v)?
        }
    };
    // A negative depth is the caller's frame, as in CPython.
    let depth = usize::try_from(depth).unwrap_or(0);
    match vm.frame_places(depth) {
        Some(places) => Ok(crate::types::frame::new_frame_chain(places)),
        None => Err(vm.value_error("call stack is not deep enough")),
    }
}

/// `sys.setrecursionlimit(n)`: CPython's checks and messages. The limit is
/// the interpreter's, shared by every thread; the Rust stack guard
/// (`crate::stack`) still raises `RecursionError` before a stack overflows
/// when the limit is set higher than the stack allows.
fn setrecursionlimit<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    if args.pos.len() != 1 || !args.kw.is_empty() {
        if !args.kw.is_empty() {
            return Err(vm.type_error("sys.setrecursionlimit() takes no keyword arguments"));
        }
        return Err(vm.type_error(format!(
            "sys.setrecursionlimit() takes exactly one argument ({} given)",
            args.pos.len()
        )));
    }
    let limit = match &args.pos[0] {
        Value::Obj(o) if matches!(o.payload(), crate::object::Payload::BigInt(_)) => {
            return Err(vm.new_error("OverflowError", "Python int too large to convert to C int"))
        }
        v => ops::expect_int(vm, v)?,
    };
    if limit > i64::from(i32::MAX) || limit < i64::from(i32::MIN) {
        return Err(vm.new_error("OverflowError", "Python int too large to convert to C int"));
    }
    if limit < 1 {
        return Err(vm.value_error("recursion limit must be greater or equal than 1"));
    }
    let depth = vm.recursion_depth();
    if limit as usize <= depth {
        return Err(vm.new_error(
            "RecursionError",
            format!(
                "cannot set the recursion limit to {limit} at the recursion depth {depth}: the limit is too low"
            ),
        ));
    }
    vm.interp.set_recursion_limit(limit as usize);
    Ok(Value::None)
}

/// `sys.getrefcount(obj)`: the object's reference count, which counts the
/// argument's own reference as CPython's does (a new object bound to one
/// name gives 2). Unboxed values (ints, floats, bools, None) have no count:
/// they report what CPython 3.12 reports for its immortal objects.
fn getrefcount<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "sys.getrefcount", &args, 1, 1)?;
    Ok(Value::Int(match &args.pos[0] {
        // A deferred count is exact once every thread published its part;
        // this thread's part is added here.
        Value::Obj(o) if o.header.is_deferred() => {
            o.header
                .refcount()
                .wrapping_add(crate::deferred_counts::local_delta(&o.header)) as i64
        }
        Value::Obj(o) => o.header.refcount() as i64,
        _ => u32::MAX as i64,
    }))
}

/// `sys.exc_info()`: (type, value, traceback) of the exception being
/// handled, or three Nones.
fn exc_info<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "sys.exc_info", &args, 0, 0)?;
    Ok(match vm.current_exception() {
        Some(e) => {
            let tb = crate::exceptions::traceback_of(&e);
            let v = Value::Obj(e);
            let t = Value::Obj(crate::builtins::type_of(vm, &v));
            ops::new_tuple(vec![t, v, tb])
        }
        None => ops::new_tuple(vec![Value::None, Value::None, Value::None]),
    })
}

/// `sys.exit([arg])`: raises `SystemExit(arg)`.
fn exit<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "exit", &args, 0, 1)?;
    let class = vm.interp.exceptions["SystemExit"].clone();
    let exc = crate::interp::new_exception_obj(class, args.pos.into_boxed_slice());
    Err(crate::vm::PyErr { exc })
}

/// The standard stream a file descriptor names: 1 for stdout, 2 for stderr.
fn stream_fd<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>) -> PyResult<S, i64> {
    match v {
        Value::Int(fd @ (1 | 2)) => Ok(*fd),
        _ => Err(vm.value_error("not a standard stream")),
    }
}

/// `sys._write(fd, text)`: what `sys.stdout.write` and `sys.stderr.write`
/// (`py/sys.py`) do, through the runtime's output (captured or not).
fn write_stream<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "sys._write", &args, 2, 2)?;
    let fd = stream_fd(vm, &args.pos[0])?;
    let Some(text) = args.pos[1].as_str() else {
        return Err(vm.type_error(format!(
            "write() argument must be str, not {}",
            ops::type_name(&args.pos[1])
        )));
    };
    if fd == 1 {
        vm.interp.write_stdout(text.as_bytes());
    } else {
        vm.interp.write_stderr(text);
    }
    Ok(Value::Int(text.chars().count() as i64))
}

/// `sys._flush(fd)`: stdout's buffer goes out; stderr is not buffered.
fn flush_stream<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "sys._flush", &args, 1, 1)?;
    if stream_fd(vm, &args.pos[0])? == 1 {
        vm.interp.flush_stdout();
    }
    Ok(Value::None)
}
