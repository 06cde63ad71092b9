//! Builtin modules and `import`.

pub mod abc;
pub mod gc;
pub mod native;
pub mod queue;
pub mod socket;
pub mod sys;
pub mod threading;
pub mod time;
pub mod weakref;

use crate::object::{Module, ObjRef, Payload, PyDict, Value};
use crate::strategy::LockStrategy;
use crate::vm::{PyResult, Vm};

/// Fills a new module's namespace.
type ModuleInit<S> = fn(&mut Vm<S>, &ObjRef<S>);

fn builtin_module<S: LockStrategy>(name: &str) -> Option<ModuleInit<S>> {
    Some(match name {
        "threading" => threading::init::<S>,
        "time" => time::init::<S>,
        "sys" => sys::init::<S>,
        "native" => native::init::<S>,
        "abc" => abc::init::<S>,
        "queue" => queue::init::<S>,
        "socket" => socket::init::<S>,
        "weakref" => weakref::init::<S>,
        "gc" => gc::init::<S>,
        // Written wholly in Python (see `python_part`).
        "heapq" => |_, _| {},
        _ => return None,
    })
}

/// `import name`: the module object, created once per runtime.
pub fn import<S: LockStrategy>(vm: &mut Vm<S>, name: &ObjRef<S>) -> PyResult<S> {
    let Payload::Str(name) = name.payload() else {
        unreachable!("module names are str")
    };
    let name = name.as_str();
    if let Some(m) = vm
        .interp
        .modules
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(name)
    {
        return Ok(Value::Obj(m.clone()));
    }
    let builtin = builtin_module::<S>(name);
    // Otherwise, a module the embedding program registered.
    let native = match builtin {
        Some(_) => None,
        None => vm
            .interp
            .native_modules
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(name)
            .cloned(),
    };
    if builtin.is_none() && native.is_none() {
        return Err(vm.new_error("ModuleNotFoundError", format!("No module named '{name}'")));
    }
    let dict = vm
        .interp
        .alloc_shared(Payload::Dict(PyDict::new(crate::dict::new_map())));
    vm.interp.dict_set_str(&dict, "__name__", vm.new_str(name));
    match (builtin, native) {
        (Some(init), _) => init(vm, &dict),
        (None, Some(module)) => module.install(vm, &dict)?,
        (None, None) => unreachable!("checked above"),
    }
    if let Some(source) = python_part(name) {
        run_python_part(vm, name, source, &dict)?;
    }
    let module = vm.interp.alloc_shared(Payload::Module(Module {
        name: name.to_string(),
        dict,
    }));
    // Two threads importing at once: the first to register wins.
    let mut modules = vm.interp.modules.lock().unwrap_or_else(|e| e.into_inner());
    let m = modules.entry(name.to_string()).or_insert(module).clone();
    Ok(Value::Obj(m))
}

/// The part of a builtin module written in Python (as CPython writes
/// `threading.Condition` in Python).
fn python_part(name: &str) -> Option<&'static str> {
    match name {
        "threading" => Some(include_str!("py/threading.py")),
        "weakref" => Some(include_str!("py/weakref.py")),
        "queue" => Some(include_str!("py/queue.py")),
        "sys" => Some(include_str!("py/sys.py")),
        "heapq" => Some(include_str!("py/heapq.py")),
        _ => None,
    }
}

fn run_python_part<S: LockStrategy>(
    vm: &mut Vm<S>,
    name: &str,
    source: &str,
    dict: &ObjRef<S>,
) -> PyResult<S, ()> {
    let filename: std::sync::Arc<str> = std::sync::Arc::from(format!("{name}.py"));
    let unit = crate::compile::compile_module(source)
        .map_err(|e| vm.new_error("SyntaxError", e.render(&filename)))?;
    vm.interp
        .register_source(filename.clone(), std::sync::Arc::from(source));
    let code = vm.interp.load_code(unit, &filename);
    vm.run_module_code(&code, dict)?;
    Ok(())
}

/// Adds builtin functions to a module namespace.
pub fn add_functions<S: LockStrategy>(
    vm: &Vm<S>,
    dict: &ObjRef<S>,
    functions: &[(&'static str, crate::object::NativeFn<S>, bool)],
) {
    for (name, f, releases) in functions {
        let func = crate::builtins::builtin_fn(&vm.interp, name, *f, *releases);
        vm.interp.dict_set_str(dict, name, func);
    }
}
