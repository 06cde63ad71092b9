//! Builtin modules and `import`.

pub mod _collections;
pub mod abc;
pub mod array;
pub mod binascii;
pub mod cmath;
pub mod errno;
pub mod gc;
pub mod hashes;
pub mod import;
pub mod import_lock;
pub mod importlib;
pub mod interpreters;
pub mod io;
pub mod itertools;
pub mod json;
pub mod math;
pub mod native;
pub mod pickle;
pub mod posix;
pub mod posixsubprocess;
pub mod queue;
pub mod random;
pub mod select;
pub mod signal;
pub mod socket;
pub mod sre;
pub mod sre_engine;
pub mod stdlib;
pub mod struct_;
pub mod struct_format;
pub mod sys;
pub mod threading;
pub mod time;
pub mod weakref;

pub use import::import;

use crate::object::{Module, ObjRef, Payload, PyDict, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{PyResult, Vm};

/// The modules built into this runtime (`sys.builtin_module_names`).
pub const BUILTIN_MODULE_NAMES: &[&str] = &[
    "_ast",
    "_blake2",
    "_codecs",
    "_collections",
    "_contextvars",
    "_io",
    "_json",
    "_md5",
    "_operator",
    "_pickle",
    "_posixsubprocess",
    "_random",
    "_sha1",
    "_sha256",
    "_sha3",
    "_sha512",
    "_signal",
    "_sre",
    "_string",
    "_struct",
    "_thread",
    "_weakref",
    "_structseq",
    "abc",
    "array",
    "atexit",
    "binascii",
    "builtins",
    "cmath",
    "concurrent.interpreters",
    "errno",
    "gc",
    "heapq",
    "importlib",
    "importlib.machinery",
    "itertools",
    "math",
    "native",
    "posix",
    "queue",
    "select",
    "socket",
    "sys",
    "threading",
    "time",
    "weakref",
];

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
        "_sre" => sre::init::<S>,
        "importlib" => importlib::init::<S>,
        "_collections" => _collections::init::<S>,
        "_io" => io::init::<S>,
        "_json" => json::init::<S>,
        "_struct" => struct_::init::<S>,
        "binascii" => binascii::init::<S>,
        "array" => array::init::<S>,
        "itertools" => itertools::init::<S>,
        "_random" => random::init::<S>,
        "_md5" => hashes::init_md5::<S>,
        "_pickle" => pickle::init::<S>,
        "_sha1" => hashes::init_sha1::<S>,
        "_sha256" => hashes::init_sha256::<S>,
        "_sha512" => hashes::init_sha512::<S>,
        "_sha3" => hashes::init_sha3::<S>,
        "_blake2" => hashes::init_blake2::<S>,
        "math" => math::init::<S>,
        "cmath" => cmath::init::<S>,
        "errno" => errno::init::<S>,
        "posix" => posix::init::<S>,
        "select" => select::init::<S>,
        "_signal" => signal::init::<S>,
        "_posixsubprocess" => posixsubprocess::init::<S>,
        "concurrent.interpreters" => interpreters::init::<S>,
        // Written wholly in Python (see `python_part`).
        "heapq"
        | "_structseq"
        | "_thread"
        | "_weakref"
        | "_ast"
        | "_codecs"
        | "_string"
        | "_contextvars"
        | "_operator"
        | "atexit"
        | "importlib.machinery" => |_, _| {},
        _ => return None,
    })
}

/// Whether `name` is one of this runtime's builtin modules or one the
/// embedding program registered (found before `sys.path`, as CPython's
/// `BuiltinImporter`).
pub(crate) fn is_builtin<S: LockStrategy>(vm: &Vm<S>, name: &str) -> bool {
    name == "builtins"
        || builtin_module::<S>(name).is_some()
        || vm
            .interp
            .native_modules
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains_key(name)
}

/// Creates and registers the builtin module `name` (its import lock is
/// held): `sys.modules[name]` is set before its Python part runs, as for a
/// source module.
pub(crate) fn load_builtin<S: LockStrategy>(vm: &mut Vm<S>, name: &str) -> PyResult<S> {
    let key = vm.new_str(name);
    let sys_modules = vm.interp.sys_modules.clone();
    if name == "builtins" {
        // The namespace every module's code falls back to.
        let module = vm.interp.alloc_shared(Payload::Module(Module {
            name: name.to_string(),
            dict: vm.interp.builtins.clone(),
            class: crate::object::ClassSlot::new(
                vm.interp.types[&crate::object::TypeKind::Module].clone(),
            ),
        }));
        ops::dict_set(vm, &sys_modules, key, Value::Obj(module.clone()))?;
        return Ok(Value::Obj(module));
    }
    let builtin = builtin_module::<S>(name);
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
    let dict = vm
        .interp
        .alloc_shared(Payload::Dict(PyDict::new(crate::dict::new_map())));
    vm.interp.dict_set_str(&dict, "__name__", vm.new_str(name));
    vm.interp.dict_set_str(&dict, "__doc__", Value::None);
    vm.interp.dict_set_str(&dict, "__package__", vm.new_str(""));
    let module = vm.interp.alloc_shared(Payload::Module(Module {
        name: name.to_string(),
        dict: dict.clone(),
        class: crate::object::ClassSlot::new(
            vm.interp.types[&crate::object::TypeKind::Module].clone(),
        ),
    }));
    match (builtin, native) {
        (Some(init), _) => init(vm, &dict),
        (None, Some(native)) => native.install(vm, &dict)?,
        (None, None) => {
            return Err(vm.new_error("ModuleNotFoundError", format!("No module named '{name}'")))
        }
    }
    ops::dict_set(vm, &sys_modules, key.clone(), Value::Obj(module.clone()))?;
    if let Some(source) = python_part(name) {
        if let Err(e) = import::run_module_source(vm, source, &format!("{name}.py"), &dict) {
            let _ = ops::dict_del(vm, &sys_modules, &key);
            return Err(e);
        }
    }
    Ok(Value::Obj(module))
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
        "_thread" => Some(include_str!("py/_thread.py")),
        "_weakref" => Some(include_str!("py/_weakref.py")),
        "importlib" => Some(include_str!("py/importlib.py")),
        "_collections" => Some(include_str!("py/_collections.py")),
        "_io" => Some(include_str!("py/_io.py")),
        "_codecs" => Some(include_str!("py/_codecs.py")),
        "itertools" => Some(include_str!("py/itertools.py")),
        "posix" => Some(include_str!("py/posix.py")),
        "time" => Some(include_str!("py/time.py")),
        "_structseq" => Some(include_str!("py/_structseq.py")),
        "_ast" => Some(include_str!("py/_ast.py")),
        "atexit" => Some(include_str!("py/atexit.py")),
        "abc" => Some(include_str!("py/abc.py")),
        "importlib.machinery" => Some(include_str!("py/importlib_machinery.py")),
        "_string" => Some(include_str!("py/_string.py")),
        "select" => Some(include_str!("py/select.py")),
        "_signal" => Some(include_str!("py/_signal.py")),
        "_contextvars" => Some(include_str!("py/_contextvars.py")),
        "_pickle" => Some(include_str!("py/_pickle.py")),
        "_operator" => Some(include_str!("py/_operator.py")),
        "_json" => Some(include_str!("py/_json.py")),
        "concurrent.interpreters" => Some(include_str!("py/concurrent_interpreters.py")),
        _ => None,
    }
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
