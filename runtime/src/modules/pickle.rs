//! The `_pickle` module, the accelerator `Lib/pickle.py` imports:
//! `Pickler` ([`crate::types::pickler`]) and `Unpickler`
//! ([`crate::types::unpickler`]), native types that Python classes may
//! derive from, the functions `dump`, `dumps`, `load` and `loads`, and the
//! exception classes (`PickleError` and its two subclasses, written in
//! Python in `py/_pickle.py` so that they are ordinary exception classes
//! of module `_pickle`). `PickleBuffer` is not provided: `pickle.py` then
//! runs without out-of-band buffer support for its own classes.
//!
//! This file also holds what both types share: argument parsing, the
//! module's exceptions, and the lookups of globals by module and
//! qualified name (with `copyreg`'s extension registry and
//! `_compat_pickle`'s name mappings for protocols below 3).

use crate::object::{ObjRef, Payload, TypeKind, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::types::pickler::{self, Options};
use crate::types::unpickler::{self, LoadOptions};
use crate::types::NativeKind;
use crate::vm::{Args, PyErr, PyResult, Vm};

pub fn init<S: LockStrategy>(vm: &mut Vm<S>, dict: &ObjRef<S>) {
    for (name, kind) in [
        ("Pickler", NativeKind::Pickler),
        ("Unpickler", NativeKind::Unpickler),
    ] {
        let class = vm.interp.types[&TypeKind::Native(kind)].clone();
        vm.interp.dict_set_str(dict, name, Value::Obj(class));
    }
    super::add_functions(
        vm,
        dict,
        &[
            ("dumps", dumps, false),
            ("dump", dump, false),
            ("loads", loads, false),
            ("load", load, false),
        ],
    );
}

/// `dumps(obj, protocol=None, *, fix_imports=True, buffer_callback=None)`.
fn dumps<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let p = parse_args(
        vm,
        "dumps",
        &args,
        0,
        &["obj", "protocol", "fix_imports", "buffer_callback"],
        1,
    )?;
    let opts = pickler::options(vm, p[1].as_ref(), p[2].as_ref(), p[3].as_ref())?;
    let out = pickler::dumps_with(vm, p[0].as_ref().expect("required"), opts)?;
    Ok(crate::types::bytes::new_bytes(out))
}

/// `dump(obj, file, protocol=None, *, fix_imports=True,
/// buffer_callback=None)`.
fn dump<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let p = parse_args(
        vm,
        "dump",
        &args,
        0,
        &["obj", "file", "protocol", "fix_imports", "buffer_callback"],
        2,
    )?;
    let opts: Options<S> = pickler::options(vm, p[2].as_ref(), p[3].as_ref(), p[4].as_ref())?;
    let write = pickler::write_method(vm, p[1].as_ref().expect("required"))?;
    let out = pickler::dumps_with(vm, p[0].as_ref().expect("required"), opts)?;
    vm.call(&write, vec![crate::types::bytes::new_bytes(out)])?;
    Ok(Value::None)
}

/// `loads(data, /, *, fix_imports=True, encoding='ASCII', errors='strict',
/// buffers=())`.
fn loads<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let p = parse_args(
        vm,
        "loads",
        &args,
        0,
        &["data", "fix_imports", "encoding", "errors", "buffers"],
        1,
    )?;
    let data = p[0].clone().expect("required");
    if data.as_str().is_some() {
        return Err(vm.type_error("a bytes-like object is required, not 'str'"));
    }
    let opts = unpickler::load_options(
        vm,
        p[1].as_ref(),
        p[2].as_ref(),
        p[3].as_ref(),
        p[4].as_ref(),
    )?;
    unpickler::loads_with(vm, &data, opts)
}

/// `load(file, *, fix_imports=True, encoding='ASCII', errors='strict',
/// buffers=())`.
fn load<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let p = parse_args(
        vm,
        "load",
        &args,
        0,
        &["file", "fix_imports", "encoding", "errors", "buffers"],
        1,
    )?;
    let opts: LoadOptions<S> = unpickler::load_options(
        vm,
        p[1].as_ref(),
        p[2].as_ref(),
        p[3].as_ref(),
        p[4].as_ref(),
    )?;
    unpickler::load_file(vm, p[0].as_ref().expect("required"), opts)
}

/// The arguments of a call by name: `names[i]` from position `skip + i` or
/// from a keyword; the first `required` must be there.
pub fn parse_args<S: LockStrategy>(
    vm: &Vm<S>,
    func: &str,
    args: &Args<S>,
    skip: usize,
    names: &[&str],
    required: usize,
) -> PyResult<S, Vec<Option<Value<S>>>> {
    let pos = &args.pos[skip.min(args.pos.len())..];
    if pos.len() > names.len() {
        return Err(vm.type_error(format!(
            "{func}() takes at most {} positional arguments ({} given)",
            names.len(),
            pos.len()
        )));
    }
    let mut out: Vec<Option<Value<S>>> = vec![None; names.len()];
    for (i, v) in pos.iter().enumerate() {
        out[i] = Some(v.clone());
    }
    for (k, v) in &args.kw {
        let Some(i) = names.iter().position(|n| n == k) else {
            return Err(vm.type_error(format!("{func}() got an unexpected keyword argument '{k}'")));
        };
        if out[i].is_some() {
            return Err(vm.type_error(format!(
                "argument for {func}() given by name ('{k}') and position ({})",
                i + 1
            )));
        }
        out[i] = Some(v.clone());
    }
    for (i, name) in names.iter().enumerate().take(required) {
        if out[i].is_none() {
            return Err(vm.type_error(format!(
                "{func}() missing required argument '{name}' (pos {})",
                i + 1
            )));
        }
    }
    Ok(out)
}

/// An exception of one of the module's classes (`PicklingError`,
/// `UnpicklingError`, `PickleError`).
pub fn error<S: LockStrategy>(vm: &mut Vm<S>, class: &str, message: impl Into<String>) -> PyErr<S> {
    let message = message.into();
    let class_obj = (|| {
        let modules = vm.interp.sys_modules.clone();
        let module = ops::dict_get(&modules, &vm.new_str("_pickle"))?;
        match module.payload() {
            Some(Payload::Module(m)) => ops::dict_get(&m.dict, &vm.new_str(class)),
            _ => None,
        }
    })();
    let Some(class_obj) = class_obj else {
        return vm.new_error("RuntimeError", message);
    };
    let msg = vm.new_str(message);
    match vm.call(&class_obj, vec![msg]) {
        Ok(Value::Obj(exc)) => PyErr { exc },
        Ok(_) => vm.new_error("RuntimeError", "bad exception class"),
        Err(e) => e,
    }
}

/// `import module` (absolute), returning the module itself (as
/// `sys.modules[module]`, for a dotted name too).
pub fn import<S: LockStrategy>(vm: &mut Vm<S>, module: &str) -> PyResult<S> {
    crate::modules::import::import_name(
        vm,
        module,
        None,
        crate::modules::import::FromList::Empty,
        0,
    )?;
    let modules = vm.interp.sys_modules.clone();
    match ops::dict_get(&modules, &vm.new_str(module)) {
        Some(m) => Ok(m),
        None => Err(vm.new_error("KeyError", format!("'{module}'"))),
    }
}

/// `callable(v)`.
pub fn is_callable<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, bool> {
    let builtins = vm.interp.builtins.clone();
    let Some(f) = ops::dict_get(&builtins, &vm.new_str("callable")) else {
        return Ok(true);
    };
    let r = vm.call(&f, vec![v.clone()])?;
    ops::truthy(vm, &r)
}

/// Whether `v` is an iterator (has `__next__`).
pub fn is_iterator<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, bool> {
    Ok(ops::get_attr_opt(vm, v, "__next__")?.is_some())
}

/// A dict with int keys, all distinct.
pub fn int_keyed_dict<S: LockStrategy>(items: Vec<(i64, Value<S>)>) -> Value<S> {
    let d = ops::new_dict();
    let o = d.obj().expect("a dict").clone();
    if let Payload::Dict(pd) = o.payload() {
        pd.map.with::<S, _>(&o.header, |m| {
            for (k, v) in items {
                let key = Value::Int(k);
                let Ok(hash) = crate::dict::hash_value(&key) else {
                    continue;
                };
                m.insert(crate::dict::DictKey { hash, key }, v);
            }
        });
    }
    d
}

/// An attribute and the object it was found on.
pub type Found<S> = (Value<S>, Value<S>);

/// `(parent, obj)`: the attribute that the dotted `path` names from
/// `module` and the object it was found on; None when a step is missing.
pub fn deep_getattr<S: LockStrategy>(
    vm: &mut Vm<S>,
    module: &Value<S>,
    path: &[String],
) -> PyResult<S, Option<Found<S>>> {
    let mut parent = module.clone();
    let mut obj = module.clone();
    for part in path {
        parent = obj.clone();
        match ops::get_attr_opt(vm, &obj, part)? {
            Some(v) => obj = v,
            None => return Ok(None),
        }
    }
    Ok(Some((parent, obj)))
}

/// The module a global lives in: its `__module__`, else the first module
/// of `sys.modules` where its qualified name leads to it, else
/// `__main__`.
pub fn whichmodule<S: LockStrategy>(
    vm: &mut Vm<S>,
    obj: &Value<S>,
    path: &[String],
) -> PyResult<S, String> {
    if let Some(m) = ops::get_attr_opt(vm, obj, "__module__")? {
        if !matches!(m, Value::None) {
            return crate::repr::to_str(vm, &m);
        }
    }
    let modules = Value::Obj(vm.interp.sys_modules.clone());
    for (name, module) in ops::dict_items(&modules) {
        let Some(n) = name.as_str().map(String::from) else {
            continue;
        };
        if n == "__main__" || n == "__mp_main__" || matches!(module, Value::None) {
            continue;
        }
        if let Ok(Some((_, found))) = deep_getattr(vm, &module, path) {
            if found.is(obj) {
                return Ok(n);
            }
        }
    }
    Ok("__main__".into())
}

/// The code `copyreg.add_extension` registered for `module.name`.
pub fn extension_code<S: LockStrategy>(
    vm: &mut Vm<S>,
    module: &str,
    name: &str,
) -> PyResult<S, Option<i64>> {
    let copyreg = import(vm, "copyreg")?;
    let Some(registry) = ops::get_attr_opt(vm, &copyreg, "_extension_registry")? else {
        return Ok(None);
    };
    let Some(d) = registry
        .obj()
        .filter(|d| matches!(d.payload(), Payload::Dict(_)))
    else {
        return Ok(None);
    };
    if ops::dict_len(&registry) == 0 {
        return Ok(None);
    }
    let key = ops::new_tuple(vec![vm.new_str(module), vm.new_str(name)]);
    let d = d.clone();
    match crate::dict::hash_value(&key) {
        Ok(_) => {}
        Err(_) => return Ok(None),
    }
    let Some(code) = ops::dict_get(&d, &key) else {
        return Ok(None);
    };
    match code {
        Value::Int(c) if (1..=0x7fff_ffff).contains(&c) => Ok(Some(c)),
        _ => Err(error(vm, "PicklingError", "extension code is out of range")),
    }
}

/// `(module, name)` as protocols 0 to 2 name it for Python 2
/// (`_compat_pickle.REVERSE_NAME_MAPPING`, `REVERSE_IMPORT_MAPPING`).
pub fn reverse_mapping<S: LockStrategy>(
    vm: &mut Vm<S>,
    module: String,
    name: String,
) -> PyResult<S, (String, String)> {
    mapping(
        vm,
        module,
        name,
        "REVERSE_NAME_MAPPING",
        "REVERSE_IMPORT_MAPPING",
    )
}

/// `(module, name)` as Python 3 names a Python 2 global
/// (`_compat_pickle.NAME_MAPPING`, `IMPORT_MAPPING`).
pub fn forward_mapping<S: LockStrategy>(
    vm: &mut Vm<S>,
    module: String,
    name: String,
) -> PyResult<S, (String, String)> {
    mapping(vm, module, name, "NAME_MAPPING", "IMPORT_MAPPING")
}

fn mapping<S: LockStrategy>(
    vm: &mut Vm<S>,
    module: String,
    name: String,
    names: &str,
    imports: &str,
) -> PyResult<S, (String, String)> {
    let compat = import(vm, "_compat_pickle")?;
    let name_map = ops::get_attr(vm, &compat, &crate::vm::name_obj(vm, names))?;
    let key = ops::new_tuple(vec![vm.new_str(module.as_str()), vm.new_str(name.as_str())]);
    if let Some(d) = name_map.obj() {
        if let Some(v) = ops::dict_get(d, &key) {
            if let Some(Payload::Tuple(t)) = v.payload() {
                if let (2, Some(m), Some(n)) = (t.len(), t[0].as_str(), t[1].as_str()) {
                    return Ok((m.to_string(), n.to_string()));
                }
            }
            return Err(vm.new_error(
                "RuntimeError",
                format!("_compat_pickle.{names} values should be tuples of two strings"),
            ));
        }
    }
    let import_map = ops::get_attr(vm, &compat, &crate::vm::name_obj(vm, imports))?;
    if let Some(d) = import_map.obj() {
        if let Some(v) = ops::dict_get(d, &vm.new_str(module.as_str())) {
            if let Some(m) = v.as_str() {
                return Ok((m.to_string(), name));
            }
        }
    }
    Ok((module, name))
}
