//! The import system: CPython's `importlib._bootstrap` rules, in Rust.
//!
//! - `sys.modules` is a dict shared by every thread (`Interp::sys_modules`);
//!   a module is looked up there first.
//! - A name not there is *found*: builtin modules (ours, and those the
//!   embedding program registered) first, as CPython's `BuiltinImporter`
//!   comes first; then, for a top-level name, each folder of `sys.path` in
//!   order (`NAME/__init__.py` makes a package, `NAME.py` a module, a bare
//!   folder `NAME` a namespace package); for `a.b`, the folders of `a.__path__`.
//! - A module found is *loaded* once, under its import lock
//!   ([`super::import_lock`]): created, put into `sys.modules`, its body run
//!   in its namespace (and removed from `sys.modules` again if the body
//!   raises), then bound as an attribute of its parent package.
//! - `__import__` (the `import` statement's entry) resolves relative names
//!   against the importing module's `__package__`, imports every parent, and
//!   returns the top-level package or, with a `from` list, the module itself,
//!   after importing the submodules the list names.
//!
//! `sys.path` starts as [the script's folder, the entries of
//! `GILGAMESH_PATH`, CPython 3.11's standard library] ([`super::stdlib`]).

use super::import_lock::Importer;
use crate::interp::is_instance_of;
use crate::object::{Module, ObjRef, Payload, PyDict, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{name_obj, Args, PyErr, PyResult, Vm};
use std::path::{Path, PathBuf};

/// `import name` from Rust (the embedding API): the module `name` itself,
/// absolute, its parents imported first.
pub fn import<S: LockStrategy>(vm: &mut Vm<S>, name: &ObjRef<S>) -> PyResult<S> {
    let Some(name) = Value::Obj(name.clone()).as_str().map(str::to_owned) else {
        return Err(vm.type_error("module name must be str"));
    };
    if name.is_empty() {
        return Err(vm.value_error("Empty module name"));
    }
    import_absolute(vm, &name)
}

/// What a `from` list asks for (`from m import a, b` compiles to
/// `__import__('m', fromlist=('a', 'b'))`).
pub enum FromList<'a, S: LockStrategy> {
    /// `import m`: no list.
    Empty,
    /// A list passed to `__import__` by a program: any iterable.
    Value(&'a Value<S>),
}

/// `__import__(name, globals, None, fromlist, level)`: the `import`
/// statement's entry.
pub fn import_name<S: LockStrategy>(
    vm: &mut Vm<S>,
    name: &str,
    globals: Option<&ObjRef<S>>,
    fromlist: FromList<'_, S>,
    level: u32,
) -> PyResult<S> {
    let package = if level > 0 {
        Some(package_of(vm, globals)?)
    } else {
        None
    };
    let absolute = resolve_name(vm, name, package.as_deref(), level)?;
    let module = import_absolute(vm, &absolute)?;
    let fromlist = match fromlist {
        FromList::Empty => Vec::new(),
        FromList::Value(v) if ops::truthy(vm, v)? => ops::iterate(vm, v)?,
        FromList::Value(_) => Vec::new(),
    };
    if fromlist.is_empty() {
        // `import a.b.c` binds `a`: return the top-level package of what
        // was named (for a relative name, of the part that was written).
        let first = name.split('.').next().unwrap_or("");
        if level == 0 {
            return import_absolute(vm, first);
        }
        if name.is_empty() {
            return Ok(module);
        }
        let cut = name.len() - first.len();
        let top = &absolute[..absolute.len() - cut];
        return lookup(vm, top)?.ok_or_else(|| vm.new_error("KeyError", format!("'{top}'")));
    }
    if has_attr(vm, &module, "__path__")? {
        handle_fromlist(vm, &module, &fromlist, false)?;
    }
    Ok(module)
}

/// `importlib.import_module`'s and `_gcd_import`'s core: the module named by
/// `name` relative to `package` (`level` leading dots).
pub fn import_with_package<S: LockStrategy>(
    vm: &mut Vm<S>,
    name: &str,
    package: Option<&str>,
    level: u32,
) -> PyResult<S> {
    if level > 0 {
        match package {
            Some(p) if !p.is_empty() => {}
            _ => {
                return Err(vm.new_error(
                    "ImportError",
                    "attempted relative import with no known parent package",
                ))
            }
        }
    }
    if name.is_empty() && level == 0 {
        return Err(vm.value_error("Empty module name"));
    }
    let absolute = resolve_name(vm, name, package, level)?;
    import_absolute(vm, &absolute)
}

/// The module `name` (absolute): from `sys.modules`, or loaded once.
pub fn import_absolute<S: LockStrategy>(vm: &mut Vm<S>, name: &str) -> PyResult<S> {
    // The fast path: a complete module, without touching the lock table's
    // mutex beyond one look.
    let locks = vm.interp.import_locks.clone();
    let me = vm.ident;
    let mut importer = VmImporter { vm };
    let module = locks.load_once(me, name, &mut importer)?;
    if matches!(module, Value::None) {
        return Err(module_not_found(
            vm,
            format!("import of {name} halted; None in sys.modules"),
            name,
        ));
    }
    Ok(module)
}

/// `sys.modules[name]`, if present.
fn lookup<S: LockStrategy>(vm: &Vm<S>, name: &str) -> PyResult<S, Option<Value<S>>> {
    Ok(sys_modules_get(vm, name))
}

fn sys_modules_get<S: LockStrategy>(vm: &Vm<S>, name: &str) -> Option<Value<S>> {
    ops::dict_get(&vm.interp.sys_modules, &vm.new_str(name))
}

struct VmImporter<'a, S: LockStrategy> {
    vm: &'a mut Vm<S>,
}

impl<S: LockStrategy> Importer for VmImporter<'_, S> {
    type Module = Value<S>;
    type Error = PyErr<S>;

    fn lookup(&mut self, name: &str) -> Option<Value<S>> {
        sys_modules_get(self.vm, name)
    }

    fn load(&mut self, name: &str) -> PyResult<S> {
        find_and_load(self.vm, name)
    }

    fn deadlock(&mut self, name: &str) -> PyErr<S> {
        self.vm.new_error(
            "RuntimeError",
            format!("deadlock detected by _ModuleLock('{name}')"),
        )
    }

    fn blocking<R>(&mut self, f: impl FnOnce() -> R) -> R {
        self.vm.blocking(f)
    }
}

/// CPython's `_find_and_load_unlocked`: imports the parent, finds `name`,
/// loads it, and binds it on the parent. Runs under `name`'s import lock.
fn find_and_load<S: LockStrategy>(vm: &mut Vm<S>, name: &str) -> PyResult<S> {
    let (parent, child) = match name.rsplit_once('.') {
        Some((parent, child)) => (Some(parent), child),
        None => (None, name),
    };
    let mut search = None;
    let mut parent_module = None;
    if let Some(parent) = parent {
        let module = match lookup(vm, parent)? {
            Some(m) => m,
            None => import_absolute(vm, parent)?,
        };
        // Importing the parent may have imported this module.
        if let Some(m) = lookup(vm, name)? {
            return Ok(m);
        }
        search = match ops::get_attr_opt(vm, &module, "__path__")? {
            Some(path) => Some(ops::iterate(vm, &path)?),
            // A builtin submodule of a builtin module (`importlib.machinery`).
            None if super::is_builtin(vm, name) => None,
            None => {
                return Err(module_not_found(
                    vm,
                    format!("No module named '{name}'; '{parent}' is not a package"),
                    name,
                ))
            }
        };
        parent_module = Some(module);
    }
    let module = match find(vm, name, search)? {
        Some(found) => load(vm, name, found)?,
        None => {
            if parent.is_none() {
                super::stdlib::warn_if_missing(vm);
            }
            return Err(module_not_found(
                vm,
                format!("No module named '{name}'"),
                name,
            ));
        }
    };
    if let Some(parent_module) = parent_module {
        let child_name = name_obj(vm, child);
        // CPython ignores a parent that refuses the attribute.
        let _ = ops::set_attr(vm, &parent_module, &child_name, module.clone());
    }
    Ok(module)
}

/// Where a module comes from.
enum Found {
    /// One of this runtime's builtin modules, or one the embedding program
    /// registered.
    Builtin,
    /// `FILE.py`, or a package's `DIR/__init__.py` (with `DIR`).
    Source {
        file: PathBuf,
        package: Option<PathBuf>,
    },
    /// Folders named like the package, none with an `__init__.py`.
    Namespace(Vec<PathBuf>),
}

/// CPython's meta path: builtin modules, then the path finder over
/// `search` (a package's `__path__`) or `sys.path`.
fn find<S: LockStrategy>(
    vm: &mut Vm<S>,
    name: &str,
    search: Option<Vec<Value<S>>>,
) -> PyResult<S, Option<Found>> {
    // A builtin submodule of a source package (`concurrent.interpreters`)
    // is found before the package's `__path__`.
    if (search.is_none() || name.contains('.')) && super::is_builtin(vm, name) {
        return Ok(Some(Found::Builtin));
    }
    let entries = match search {
        Some(entries) => entries,
        None => {
            let sys = import_absolute(vm, "sys")?;
            match ops::get_attr_opt(vm, &sys, "path")? {
                Some(path) => ops::iterate(vm, &path)?,
                None => return Err(vm.new_error("ImportError", "sys.path is not set")),
            }
        }
    };
    let leaf = name.rsplit('.').next().unwrap_or(name);
    let folders: Vec<PathBuf> = entries
        .iter()
        // CPython skips entries that are not str (bytes ones too, since 3.11).
        .filter_map(|e| {
            e.as_str()
                .map(|s| PathBuf::from(if s.is_empty() { "." } else { s }))
        })
        .collect();
    let leaf = leaf.to_owned();
    Ok(vm.blocking(move || find_in(&folders, &leaf)))
}

/// The file search itself: no Python objects, so it may run detached.
fn find_in(folders: &[PathBuf], leaf: &str) -> Option<Found> {
    let mut namespace = Vec::new();
    for folder in folders {
        let dir = folder.join(leaf);
        if dir.is_dir() {
            let init = dir.join("__init__.py");
            if init.is_file() {
                return Some(Found::Source {
                    file: init,
                    package: Some(dir),
                });
            }
        }
        let file = folder.join(format!("{leaf}.py"));
        if file.is_file() {
            return Some(Found::Source {
                file,
                package: None,
            });
        }
        if dir.is_dir() {
            namespace.push(dir);
        }
    }
    (!namespace.is_empty()).then_some(Found::Namespace(namespace))
}

/// Creates the module, registers it in `sys.modules`, runs it, binds it.
fn load<S: LockStrategy>(vm: &mut Vm<S>, name: &str, found: Found) -> PyResult<S> {
    let (file, package, namespace) = match found {
        Found::Builtin => return super::load_builtin(vm, name),
        Found::Source { file, package } => (Some(file), package, Vec::new()),
        Found::Namespace(dirs) => (None, None, dirs),
    };
    let is_package = package.is_some() || !namespace.is_empty();
    let dict = vm
        .interp
        .alloc_shared(Payload::Dict(PyDict::new(crate::dict::new_map())));
    let parent = if is_package {
        name.to_string()
    } else {
        name.rsplit_once('.').map_or("", |p| p.0).to_string()
    };
    let set =
        |vm: &mut Vm<S>, key: &str, value: Value<S>| vm.interp.dict_set_str(&dict, key, value);
    set(vm, "__name__", vm.new_str(name));
    set(vm, "__doc__", Value::None);
    set(vm, "__package__", vm.new_str(parent));
    set(vm, "__loader__", Value::None);
    let file_str = file.as_ref().map(|f| absolute(f).display().to_string());
    match &file_str {
        Some(f) => {
            set(vm, "__file__", vm.new_str(f.as_str()));
            set(vm, "__cached__", Value::None);
        }
        // A namespace package has no file, and says so.
        None => set(vm, "__file__", Value::None),
    }
    let search_path: Option<Vec<Value<S>>> = if let Some(dir) = &package {
        Some(vec![vm.new_str(absolute(dir).display().to_string())])
    } else if is_package {
        Some(
            namespace
                .iter()
                .map(|d| vm.new_str(absolute(d).display().to_string()))
                .collect(),
        )
    } else {
        None
    };
    if let Some(p) = &search_path {
        set(vm, "__path__", ops::new_list(p.clone()));
    }
    let spec = module_spec(vm, name, file_str.as_deref(), search_path)?;
    set(vm, "__spec__", spec);
    let module = vm.interp.alloc_shared(Payload::Module(Module {
        name: name.to_string(),
        dict: dict.clone(),
        class: crate::object::ClassSlot::new(
            vm.interp.types[&crate::object::TypeKind::Module].clone(),
        ),
    }));
    let key = vm.new_str(name);
    ops::dict_set(
        vm,
        &vm.interp.sys_modules.clone(),
        key.clone(),
        Value::Obj(module.clone()),
    )?;
    if let Some(file) = &file {
        if let Err(e) = run_source_file(vm, file, file_str.as_deref().unwrap_or(""), &dict) {
            // A failed module leaves no trace in `sys.modules`.
            let _ = ops::dict_del(vm, &vm.interp.sys_modules.clone(), &key);
            return Err(e);
        }
    }
    // The body may have replaced its own `sys.modules` entry.
    match lookup(vm, name)? {
        Some(m) => Ok(m),
        None => Err(vm.new_error(
            "ImportError",
            format!("Loaded module {name} not found in sys.modules"),
        )),
    }
}

/// Reads, compiles and runs one source file in `dict`.
fn run_source_file<S: LockStrategy>(
    vm: &mut Vm<S>,
    file: &Path,
    shown: &str,
    dict: &ObjRef<S>,
) -> PyResult<S, ()> {
    let owned = file.to_path_buf();
    let bytes = vm
        .blocking(move || std::fs::read(owned))
        .map_err(|e| vm.new_error("OSError", format!("{e}: '{shown}'")))?;
    let source = String::from_utf8(bytes).map_err(|e| {
        vm.new_error(
            "SyntaxError",
            format!(
                "Non-UTF-8 code starting at byte {} in file {shown}, but no encoding declared; \
                 Gilgamesh reads source files as UTF-8 only",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    run_module_source(vm, &source, shown, dict)
}

/// Compiles `source` as the module file `filename` (as tracebacks will
/// name it) and runs it in `dict`: a file found on `sys.path`, or the
/// Python part of a builtin module.
pub(crate) fn run_module_source<S: LockStrategy>(
    vm: &mut Vm<S>,
    source: &str,
    filename: &str,
    dict: &ObjRef<S>,
) -> PyResult<S, ()> {
    let filename: std::sync::Arc<str> = std::sync::Arc::from(filename);
    let dir = crate::code_cache::cache_dir();
    let unit = crate::code_cache::compile_module_cached(source, dir, &mut |f| vm.blocking(f))
        .map_err(|e| vm.new_error("SyntaxError", e.render(&filename)))?;
    vm.interp
        .register_source(filename.clone(), std::sync::Arc::from(source));
    let code = vm.interp.load_code(unit, &filename);
    vm.run_module_code(&code, dict)?;
    Ok(())
}

/// `importlib.machinery.ModuleSpec(name, None, origin=...)`, the class our
/// `importlib` defines.
fn module_spec<S: LockStrategy>(
    vm: &mut Vm<S>,
    name: &str,
    origin: Option<&str>,
    search_path: Option<Vec<Value<S>>>,
) -> PyResult<S> {
    let importlib = import_absolute(vm, "importlib")?;
    let class = ops::get_attr(vm, &importlib, &name_obj(vm, "ModuleSpec"))?;
    let spec = vm.call(&class, vec![vm.new_str(name), Value::None])?;
    if let Some(origin) = origin {
        let attr = name_obj(vm, "origin");
        ops::set_attr(vm, &spec, &attr, vm.new_str(origin))?;
    }
    if let Some(path) = search_path {
        let attr = name_obj(vm, "submodule_search_locations");
        ops::set_attr(vm, &spec, &attr, ops::new_list(path))?;
    }
    Ok(spec)
}

/// CPython's `_handle_fromlist`: imports the submodules a `from` list names
/// that the package does not have yet (`*` stands for its `__all__`).
fn handle_fromlist<S: LockStrategy>(
    vm: &mut Vm<S>,
    module: &Value<S>,
    fromlist: &[Value<S>],
    recursive: bool,
) -> PyResult<S, ()> {
    for item in fromlist {
        let Some(x) = item.as_str().map(str::to_owned) else {
            let what = if recursive {
                let name = module_name(vm, module)?;
                format!("{name}.__all__")
            } else {
                "``from list''".to_string()
            };
            return Err(vm.type_error(format!(
                "Item in {what} must be str, not {}",
                ops::type_name(item)
            )));
        };
        if x == "*" {
            if !recursive {
                if let Some(all) = ops::get_attr_opt(vm, module, "__all__")? {
                    let all = ops::iterate(vm, &all)?;
                    handle_fromlist(vm, module, &all, true)?;
                }
            }
        } else if !has_attr(vm, module, &x)? {
            let from_name = format!("{}.{x}", module_name(vm, module)?);
            if let Err(e) = import_absolute(vm, &from_name) {
                // A name that is neither an attribute nor a submodule is
                // left for `from m import x` to report.
                let missing = is_instance_of(vm, &Value::Obj(e.exc.clone()), "ModuleNotFoundError")
                    && error_name(vm, &e).as_deref() == Some(from_name.as_str())
                    && !matches!(lookup(vm, &from_name)?, Some(Value::None));
                if !missing {
                    return Err(e);
                }
            }
        }
    }
    Ok(())
}

/// The package a relative import in a module with these globals is relative
/// to: CPython's `_calc___package__`.
fn package_of<S: LockStrategy>(vm: &mut Vm<S>, globals: Option<&ObjRef<S>>) -> PyResult<S, String> {
    let Some(globals) = globals else {
        return Err(vm.new_error("KeyError", "'__name__' not in globals"));
    };
    let get = |vm: &Vm<S>, key: &str| ops::dict_get(globals, &vm.new_str(key));
    match get(vm, "__package__") {
        Some(Value::None) | None => {}
        Some(p) => {
            return match p.as_str() {
                Some(p) => Ok(p.to_string()),
                None => Err(vm.type_error("package must be a string")),
            }
        }
    }
    if let Some(spec) = get(vm, "__spec__").filter(|s| !matches!(s, Value::None)) {
        let parent = ops::get_attr(vm, &spec, &name_obj(vm, "parent"))?;
        return match parent.as_str() {
            Some(p) => Ok(p.to_string()),
            None => Err(vm.type_error("__spec__.parent must be a string")),
        };
    }
    let Some(name) = get(vm, "__name__") else {
        return Err(vm.new_error("KeyError", "'__name__' not in globals"));
    };
    let Some(name) = name.as_str().map(str::to_owned) else {
        return Err(vm.type_error("__name__ must be a string"));
    };
    if get(vm, "__path__").is_some() {
        Ok(name)
    } else {
        Ok(name.rsplit_once('.').map_or("", |p| p.0).to_string())
    }
}

/// CPython's `_resolve_name`: `name` with `level` leading dots, relative to
/// `package`.
fn resolve_name<S: LockStrategy>(
    vm: &mut Vm<S>,
    name: &str,
    package: Option<&str>,
    level: u32,
) -> PyResult<S, String> {
    if level == 0 {
        if name.is_empty() {
            return Err(vm.value_error("Empty module name"));
        }
        return Ok(name.to_string());
    }
    let package = package.unwrap_or("");
    if package.is_empty() {
        return Err(vm.new_error(
            "ImportError",
            "attempted relative import with no known parent package",
        ));
    }
    let bits: Vec<&str> = package.rsplitn(level as usize, '.').collect();
    if bits.len() < level as usize {
        return Err(vm.new_error(
            "ImportError",
            "attempted relative import beyond top-level package",
        ));
    }
    let base = bits[bits.len() - 1];
    Ok(if name.is_empty() {
        base.to_string()
    } else {
        format!("{base}.{name}")
    })
}

/// `from module import name` (CPython's `import_from`): the attribute, else
/// the submodule `module.name` from `sys.modules` (a circular import may
/// not have bound it yet), else CPython's ImportError.
pub fn import_from<S: LockStrategy>(
    vm: &mut Vm<S>,
    module: &Value<S>,
    name: &ObjRef<S>,
) -> PyResult<S> {
    match ops::get_attr(vm, module, name) {
        Ok(v) => return Ok(v),
        Err(e) if is_instance_of(vm, &Value::Obj(e.exc.clone()), "AttributeError") => {}
        Err(e) => return Err(e),
    }
    let attr = Value::Obj(name.clone()).as_str().unwrap_or("").to_string();
    let package = ops::get_attr_opt(vm, module, "__name__")?;
    let Some(package) = package.as_ref().and_then(|p| p.as_str()).map(str::to_owned) else {
        return Err(vm.new_error("ImportError", format!("cannot import name '{attr}'")));
    };
    if let Some(m) = lookup(vm, &format!("{package}.{attr}"))? {
        return Ok(m);
    }
    let file =
        ops::get_attr_opt(vm, module, "__file__")?.and_then(|f| f.as_str().map(str::to_owned));
    let message = match &file {
        None => format!("cannot import name '{attr}' from '{package}' (unknown location)"),
        Some(file) if vm.interp.import_locks.is_loading(&package) => format!(
            "cannot import name '{attr}' from partially initialized module '{package}' \
             (most likely due to a circular import) ({file})"
        ),
        Some(file) => format!("cannot import name '{attr}' from '{package}' ({file})"),
    };
    let err = vm.new_error("ImportError", message);
    set_error_attr(vm, &err, "name", vm.new_str(package.as_str()));
    if let Some(file) = file {
        set_error_attr(vm, &err, "path", vm.new_str(file));
    }
    Err(err)
}

/// `from module import *` into `namespace` (CPython's `import_all_from`):
/// the names of `__all__`, or every public name of the module's `__dict__`.
pub fn import_star<S: LockStrategy>(
    vm: &mut Vm<S>,
    module: &Value<S>,
    namespace: &ObjRef<S>,
) -> PyResult<S, ()> {
    let (names, from_all) = match ops::get_attr_opt(vm, module, "__all__")? {
        Some(all) => (ops::iterate(vm, &all)?, true),
        None => match ops::get_attr_opt(vm, module, "__dict__")? {
            Some(d) => (ops::iterate(vm, &d)?, false),
            None => {
                return Err(vm.new_error(
                    "ImportError",
                    "from-import-* object has no __dict__ and no __all__",
                ))
            }
        },
    };
    for name in names {
        let Value::Obj(key) = &name else {
            return Err(star_item_error(vm, module, &name, from_all));
        };
        let Some(text) = name.as_str() else {
            return Err(star_item_error(vm, module, &name, from_all));
        };
        if !from_all && text.starts_with('_') {
            continue;
        }
        let value = ops::get_attr(vm, module, key)?;
        ops::dict_set(vm, namespace, name.clone(), value)?;
    }
    Ok(())
}

fn star_item_error<S: LockStrategy>(
    vm: &mut Vm<S>,
    module: &Value<S>,
    item: &Value<S>,
    from_all: bool,
) -> PyErr<S> {
    let modname = match module_name(vm, module) {
        Ok(n) => n,
        Err(e) => return e,
    };
    let (what, place) = if from_all {
        ("Item", "__all__")
    } else {
        ("Key", "__dict__")
    };
    vm.type_error(format!(
        "{what} in {modname}.{place} must be str, not {}",
        ops::type_name(item)
    ))
}

/// `__import__(name, globals=None, locals=None, fromlist=(), level=0)`.
pub fn builtin_import<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let mut slots: [Option<Value<S>>; 5] = Default::default();
    if args.pos.len() > 5 {
        return Err(vm.type_error(format!(
            "__import__() takes at most 5 arguments ({} given)",
            args.pos.len()
        )));
    }
    for (slot, v) in slots.iter_mut().zip(args.pos.iter()) {
        *slot = Some(v.clone());
    }
    const NAMES: [&str; 5] = ["name", "globals", "locals", "fromlist", "level"];
    for (k, v) in args.kw.iter() {
        let Some(i) = NAMES.iter().position(|n| *n == &**k) else {
            return Err(vm.type_error(format!(
                "'{k}' is an invalid keyword argument for __import__()"
            )));
        };
        if slots[i].is_some() {
            return Err(vm.type_error(format!(
                "argument for __import__() given by name ('{k}') and position ({})",
                i + 1
            )));
        }
        slots[i] = Some(v.clone());
    }
    let [name, globals, _locals, fromlist, level] = slots;
    let Some(name) = name else {
        return Err(vm.type_error("__import__() missing required argument 'name' (pos 1)"));
    };
    let Some(name_str) = name.as_str().map(str::to_owned) else {
        return Err(vm.type_error("module name must be a string"));
    };
    let level = match &level {
        None => 0,
        Some(v) => ops::expect_int(vm, v)?,
    };
    if level < 0 {
        return Err(vm.value_error("level must be >= 0"));
    }
    if name_str.is_empty() && level == 0 {
        return Err(vm.value_error("Empty module name"));
    }
    let globals = match globals {
        Some(Value::Obj(g)) if matches!(g.payload(), Payload::Dict(_)) => Some(g),
        Some(Value::None) | None => None,
        Some(_) if level == 0 => None,
        Some(_) => return Err(vm.type_error("globals must be a dict")),
    };
    let fromlist = fromlist.unwrap_or(Value::None);
    import_name(
        vm,
        &name_str,
        globals.as_ref(),
        FromList::Value(&fromlist),
        u32::try_from(level).unwrap_or(u32::MAX),
    )
}

/// `importlib._gcd_import(name, package=None, level=0)`, what
/// `importlib.import_module` calls.
pub fn gcd_import<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    crate::builtins::arity(vm, "_gcd_import", &args, 1, 3)?;
    let Some(name) = args.pos[0].as_str().map(str::to_owned) else {
        return Err(vm.type_error(format!(
            "module name must be str, not {}",
            ops::type_name(&args.pos[0])
        )));
    };
    let package = match args.pos.get(1) {
        None | Some(Value::None) => None,
        Some(p) => match p.as_str() {
            Some(p) => Some(p.to_string()),
            None => return Err(vm.type_error("__package__ not set to a string")),
        },
    };
    let level = match args.pos.get(2) {
        None => 0,
        Some(v) => ops::expect_int(vm, v)?,
    };
    if level < 0 {
        return Err(vm.value_error("level must be >= 0"));
    }
    import_with_package(vm, &name, package.as_deref(), level as u32)
}

/// A module attribute not in its namespace: the module's own `__getattr__`
/// (PEP 562), else CPython's AttributeError, which names a module still
/// running its body as partially initialised.
pub fn module_getattr_fallback<S: LockStrategy>(
    vm: &mut Vm<S>,
    module: &Module<S>,
    name: &ObjRef<S>,
) -> PyResult<S> {
    let attr = Value::Obj(name.clone()).as_str().unwrap_or("").to_string();
    if attr == "__dict__" {
        return Ok(Value::Obj(module.dict.clone()));
    }
    if let Some(getattr) = ops::dict_get(&module.dict, &vm.new_str("__getattr__")) {
        return vm.call(&getattr, vec![Value::Obj(name.clone())]);
    }
    let modname = ops::dict_get(&module.dict, &vm.new_str("__name__"))
        .and_then(|n| n.as_str().map(str::to_owned));
    let message = match modname {
        Some(m) if vm.interp.import_locks.is_loading(&m) => format!(
            "partially initialized module '{m}' has no attribute '{attr}' \
             (most likely due to a circular import)"
        ),
        Some(m) => format!("module '{m}' has no attribute '{attr}'"),
        None => format!("module has no attribute '{attr}'"),
    };
    Err(vm.new_error("AttributeError", message))
}

/// A new module of class `class` (`types.ModuleType` or a subclass), with
/// an empty namespace until `__init__` fills it; `name` (the first
/// argument of the call, where a str) names it in errors.
pub fn new_module_object<S: LockStrategy>(class: &ObjRef<S>, args: &Args<S>) -> ObjRef<S> {
    let name = args
        .pos
        .first()
        .and_then(|v| v.as_str())
        .unwrap_or("?")
        .to_string();
    ObjRef::new(Payload::Module(Module {
        name,
        dict: ObjRef::new(Payload::Dict(PyDict::new(crate::dict::new_map()))),
        class: crate::object::ClassSlot::new(class.clone()),
    }))
}

/// `types.ModuleType(name, doc=None)`.
pub fn new_module<S: LockStrategy>(
    vm: &mut Vm<S>,
    class: &ObjRef<S>,
    args: Args<S>,
) -> PyResult<S> {
    let module = Value::Obj(new_module_object(class, &args));
    let mut args = args;
    args.pos.insert(0, module.clone());
    module_init(vm, args)?;
    Ok(module)
}

/// `module.__init__(self, name, doc=None)`: sets `__name__`, `__doc__`,
/// and None for `__package__`, `__loader__`, `__spec__`.
pub fn module_init<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let name = args.take_kw("name");
    let doc = args.take_kw("doc");
    crate::builtins::arity(vm, "module", &args, 1, 3)?;
    let Some(Payload::Module(m)) = args.pos[0].payload() else {
        return Err(vm.type_error(format!(
            "descriptor '__init__' requires a 'module' object but received a '{}'",
            ops::type_name(&args.pos[0])
        )));
    };
    let dict = m.dict.clone();
    let Some(name) = name.or_else(|| args.pos.get(1).cloned()) else {
        return Err(vm.type_error("module() missing required argument 'name' (pos 1)"));
    };
    if name.as_str().is_none() {
        return Err(vm.type_error(format!(
            "module() argument 'name' must be str, not {}",
            ops::type_name(&name)
        )));
    }
    let doc = doc
        .or_else(|| args.pos.get(2).cloned())
        .unwrap_or(Value::None);
    ops::dict_set(vm, &dict, vm.new_str("__name__"), name)?;
    ops::dict_set(vm, &dict, vm.new_str("__doc__"), doc)?;
    for key in ["__package__", "__loader__", "__spec__"] {
        ops::dict_set(vm, &dict, vm.new_str(key), Value::None)?;
    }
    Ok(Value::None)
}

/// `repr(module)`: where it was loaded from, as CPython's `_module_repr`.
pub fn module_repr<S: LockStrategy>(vm: &Vm<S>, module: &Module<S>) -> String {
    let get = |key: &str| {
        ops::dict_get(&module.dict, &vm.new_str(key)).and_then(|v| v.as_str().map(str::to_owned))
    };
    let name = get("__name__").unwrap_or_else(|| "?".to_string());
    match get("__file__") {
        Some(file) => format!("<module '{name}' from '{file}'>"),
        None if super::BUILTIN_MODULE_NAMES.contains(&module.name.as_str()) => {
            format!("<module '{name}' (built-in)>")
        }
        None => format!("<module '{name}'>"),
    }
}

/// Sets up `__main__` for the script `filename`, as CPython's `python3
/// FILE`: when it names a file, `__file__` is its absolute path and its
/// folder becomes `sys.path[0]`; otherwise (source that came from elsewhere,
/// as `python3 -c`) `sys.path[0]` is the current folder.
pub fn prepare_main<S: LockStrategy>(vm: &Vm<S>, filename: &str) {
    let main = &vm.interp.main;
    for key in ["__doc__", "__package__", "__spec__", "__loader__"] {
        if ops::dict_get(main, &vm.new_str(key)).is_none() {
            vm.interp.dict_set_str(main, key, Value::None);
        }
    }
    if ops::dict_get(&vm.interp.sys_modules, &vm.new_str("__main__")).is_none() {
        let module = vm.interp.alloc_shared(Payload::Module(Module {
            name: "__main__".to_string(),
            dict: main.clone(),
            class: crate::object::ClassSlot::new(
                vm.interp.types[&crate::object::TypeKind::Module].clone(),
            ),
        }));
        vm.interp
            .dict_set_str(&vm.interp.sys_modules, "__main__", Value::Obj(module));
    }
    let path = Path::new(filename);
    if !path.is_file() {
        return;
    }
    let file = absolute(path);
    vm.interp
        .dict_set_str(main, "__file__", vm.new_str(file.display().to_string()));
    vm.interp.dict_set_str(main, "__cached__", Value::None);
    let dir = file.parent().map(|d| d.display().to_string());
    let mut script_dir = vm
        .interp
        .script_dir
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if script_dir.is_none() {
        *script_dir = dir;
    }
}

// ---- helpers ----

fn has_attr<S: LockStrategy>(vm: &mut Vm<S>, obj: &Value<S>, name: &str) -> PyResult<S, bool> {
    Ok(ops::get_attr_opt(vm, obj, name)?.is_some())
}

fn module_name<S: LockStrategy>(vm: &mut Vm<S>, module: &Value<S>) -> PyResult<S, String> {
    let name = ops::get_attr_opt(vm, module, "__name__")?;
    Ok(name
        .and_then(|n| n.as_str().map(str::to_owned))
        .unwrap_or_else(|| "?".to_string()))
}

fn module_not_found<S: LockStrategy>(vm: &mut Vm<S>, message: String, name: &str) -> PyErr<S> {
    let err = vm.new_error("ModuleNotFoundError", message);
    set_error_attr(vm, &err, "name", vm.new_str(name));
    err
}

fn set_error_attr<S: LockStrategy>(vm: &mut Vm<S>, err: &PyErr<S>, attr: &str, value: Value<S>) {
    let key = name_obj(vm, attr);
    // Exceptions take any attribute; nothing to report if one refused.
    let _ = ops::set_attr(vm, &Value::Obj(err.exc.clone()), &key, value);
}

fn error_name<S: LockStrategy>(vm: &mut Vm<S>, err: &PyErr<S>) -> Option<String> {
    ops::get_attr_opt(vm, &Value::Obj(err.exc.clone()), "name")
        .ok()
        .flatten()
        .and_then(|n| n.as_str().map(str::to_owned))
}

/// `os.path.abspath` without normalising symbolic links, as CPython's
/// `__file__` and `__path__`.
fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|cwd| cwd.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    // Drop `.` components (`./pkg` as `sys.path[0]` of `python3 x.py`).
    joined
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect()
}
