//! Metaclasses: classes whose instances are classes (`class Meta(type)`).
//!
//! A class made by a user metaclass records it
//! ([`crate::object::TypeObj::metaclass`]), so that `type(A)` is `Meta`,
//! calling `A` goes through `Meta.__call__`, an attribute missing from `A`
//! and its bases comes from `Meta`, and the dunders that act on the class itself (`repr(A)`, `iter(A)`, `len(A)`,
//! `A[k]`, `k in A`, `isinstance(x, A)`) are `Meta`'s. `type.__new__`,
//! `type.__init__` and `type.__call__` are the builtin methods that a
//! metaclass's own methods reach through `super()`.
//!
//! A class statement (`class A(B, metaclass=M, **kw)`) picks the most derived
//! of `M` and the bases' metaclasses, as CPython's
//! `_PyType_CalculateMetaclass`; with a user metaclass it asks
//! `M.__prepare__(name, bases, **kw)` for the namespace, runs the body in
//! it and calls `M(name, bases, namespace, **kw)`. ABCMeta and `type` keep
//! the builtin path (`classes::build_class`).

use crate::classes::{class_lookup, type_obj};
use crate::object::{ObjRef, Payload, TypeKind, Value};
use crate::ops::{self, type_name};
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};

/// The metaclass of `v` other than `type` (a user metaclass, or ABCMeta),
/// when `v` is a class that one made.
pub fn user_metaclass<S: LockStrategy>(v: &Value<S>) -> Option<ObjRef<S>> {
    match v.payload()? {
        Payload::Type(t) => t.metaclass.clone(),
        _ => None,
    }
}

/// Whether `class` is a user class deriving from `type` (a metaclass).
pub fn is_user_metaclass<S: LockStrategy>(vm: &Vm<S>, class: &ObjRef<S>) -> bool {
    type_obj(class).is_some_and(|t| t.dict.is_some())
        && crate::builtins::is_subtype(class, &vm.interp.types[&TypeKind::Type])
}

/// `name` as the user metaclass of the class `v` defines it (its own or
/// inherited from another user metaclass; `type`'s builtins are not
/// looked at), and that metaclass.
fn meta_attr<S: LockStrategy>(
    vm: &Vm<S>,
    v: &Value<S>,
    name: &str,
) -> Option<(ObjRef<S>, Value<S>)> {
    let meta = user_metaclass(v)?;
    let found = class_lookup(&meta, &vm.new_str(name))?;
    Some((meta, found))
}

/// Calls the metaclass dunder `name` on the class `v` with `args`, when
/// `v`'s metaclass defines it; `None` otherwise.
pub fn call_meta_dunder<S: LockStrategy>(
    vm: &mut Vm<S>,
    v: &Value<S>,
    name: &str,
    args: Vec<Value<S>>,
) -> PyResult<S, Option<Value<S>>> {
    let Some((meta, attr)) = meta_attr(vm, v, name) else {
        return Ok(None);
    };
    let bound = crate::classes::bind(vm, attr, v, &meta)?;
    vm.call(&bound, args).map(Some)
}

/// `isinstance`/`issubclass` asking the metaclass of `class`: its `hook`
/// (`__instancecheck__`, `__subclasscheck__`) called with `arg`, as a bool;
/// `None` when the metaclass does not define it.
pub fn check_hook<S: LockStrategy>(
    vm: &mut Vm<S>,
    class: &ObjRef<S>,
    hook: &str,
    arg: &Value<S>,
) -> PyResult<S, Option<bool>> {
    let class = Value::Obj(class.clone());
    match call_meta_dunder(vm, &class, hook, vec![arg.clone()])? {
        Some(r) => ops::truthy(vm, &r).map(Some),
        None => Ok(None),
    }
}

/// An attribute of the class `class` that neither it nor its bases have,
/// found on its metaclass: a method binds to the class, a property runs
/// its getter; then the metaclass's `__getattr__`.
pub fn class_attr_from_meta<S: LockStrategy>(
    vm: &mut Vm<S>,
    class: &ObjRef<S>,
    name: &str,
) -> PyResult<S, Option<Value<S>>> {
    let v = Value::Obj(class.clone());
    if let Some((meta, attr)) = meta_attr(vm, &v, name) {
        return crate::classes::bind(vm, attr, &v, &meta).map(Some);
    }
    call_meta_dunder(vm, &v, "__getattr__", vec![vm.new_str(name)])
}

/// A data descriptor (a property) that the metaclass of `class` defines
/// for `name`: it takes precedence over the class's own attribute, as in
/// CPython's `type_getattro`.
pub fn meta_data_descriptor<S: LockStrategy>(
    vm: &mut Vm<S>,
    class: &ObjRef<S>,
    name: &str,
) -> PyResult<S, Option<Value<S>>> {
    let v = Value::Obj(class.clone());
    match meta_attr(vm, &v, name) {
        Some((meta, attr)) if crate::classes::is_data_descriptor(vm, &attr) => {
            crate::classes::bind(vm, attr, &v, &meta).map(Some)
        }
        _ => Ok(None),
    }
}

/// PEP 560: a base that is not a class but has `__mro_entries__`
/// (`typing.List[int]`, `Protocol[T]`) is replaced by the classes that
/// method returns, given all the original bases.
pub fn resolve_bases<S: LockStrategy>(
    vm: &mut Vm<S>,
    bases: Vec<Value<S>>,
) -> PyResult<S, Vec<Value<S>>> {
    let is_class = |b: &Value<S>| b.obj().is_some_and(|o| type_obj(o).is_some());
    if bases.iter().all(is_class) {
        return Ok(bases);
    }
    let originals = ops::new_tuple(bases.clone());
    let key = match vm.new_str("__mro_entries__") {
        Value::Obj(k) => k,
        _ => unreachable!("a str is an object"),
    };
    let mut resolved = Vec::with_capacity(bases.len());
    for base in bases {
        if is_class(&base) {
            resolved.push(base);
            continue;
        }
        let entries = match ops::get_attr(vm, &base, &key) {
            Ok(method) => vm.call(&method, vec![originals.clone()])?,
            Err(e) if crate::exceptions::is_attribute_error(vm, &e) => {
                resolved.push(base);
                continue;
            }
            Err(e) => return Err(e),
        };
        match entries.payload() {
            Some(Payload::Tuple(items)) => resolved.extend(items.iter().cloned()),
            _ => return Err(vm.type_error("__mro_entries__ must return a tuple")),
        }
    }
    Ok(resolved)
}

/// The metaclass of a class statement: the explicit one (or `type`), made
/// the most derived of it and the bases' metaclasses; CPython's TypeError
/// when two are unrelated. An explicit metaclass that is not a class (a
/// function) is used as it is.
pub fn calculate<S: LockStrategy>(
    vm: &Vm<S>,
    explicit: Option<Value<S>>,
    bases: &[Value<S>],
) -> PyResult<S, Value<S>> {
    let type_type = vm.interp.types[&TypeKind::Type].clone();
    let mut winner = match explicit {
        Some(m) => match m.obj().filter(|o| type_obj(o).is_some()) {
            Some(o) => o.clone(),
            None => return Ok(m),
        },
        None => match bases.first() {
            Some(b) => crate::builtins::type_of(vm, b),
            None => type_type,
        },
    };
    for base in bases {
        let candidate = crate::builtins::type_of(vm, base);
        if crate::builtins::is_subtype(&winner, &candidate) {
            continue;
        }
        if crate::builtins::is_subtype(&candidate, &winner) {
            winner = candidate;
            continue;
        }
        return Err(vm.type_error(
            "metaclass conflict: the metaclass of a derived class must be a (non-strict) \
             subclass of the metaclasses of all its bases",
        ));
    }
    Ok(Value::Obj(winner))
}

/// Whether a class statement with metaclass `meta` goes through the
/// metaclass (`__prepare__`, then `meta(name, bases, ns, **kw)`) rather
/// than the builtin path: a user metaclass, or a callable that is no class.
pub fn goes_through_metaclass<S: LockStrategy>(vm: &Vm<S>, meta: &Value<S>) -> bool {
    match meta.obj() {
        Some(o) if type_obj(o).is_some() => is_user_metaclass(vm, o),
        _ => true,
    }
}

/// `meta.__prepare__(name, bases, **kw)` when the metaclass defines it,
/// else a new dict: the namespace a class body runs in. It must be a dict
/// (or an instance of a dict subclass, whose `__setitem__` the body's
/// assignments then call).
pub fn prepare<S: LockStrategy>(
    vm: &mut Vm<S>,
    meta: &Value<S>,
    name: &str,
    bases: &Value<S>,
    keywords: &[(String, Value<S>)],
) -> PyResult<S, ObjRef<S>> {
    let key = vm.new_str("__prepare__");
    let prepare = match (meta.obj(), &key) {
        (Some(o), Value::Obj(key_ref)) if class_lookup(o, &key).is_some() => {
            Some(ops::get_attr(vm, meta, key_ref)?)
        }
        _ => None,
    };
    let Some(prepare) = prepare else {
        return match ops::new_dict() {
            Value::Obj(d) => Ok(d),
            _ => Err(vm.type_error("a dict is an object")),
        };
    };
    let ns = vm.call_args(
        &prepare,
        Args {
            pos: vec![vm.new_str(name), bases.clone()],
            kw: keywords.to_vec(),
        },
    )?;
    match ns.obj() {
        Some(o) if matches!(o.payload(), Payload::Dict(_)) => Ok(o.clone()),
        _ => Err(vm.type_error(format!(
            "{}.__prepare__() must return a mapping, not {}",
            meta_name(meta),
            type_name(&ns)
        ))),
    }
}

fn meta_name<S: LockStrategy>(meta: &Value<S>) -> String {
    match meta.payload() {
        Some(Payload::Type(t)) => t.name.clone(),
        _ => "<metaclass>".into(),
    }
}

/// `type.__new__(mcs, name, bases, namespace, **kwargs)`: a new class
/// whose metaclass is `mcs`; the keywords go to `__init_subclass__`.
pub fn type_new<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    if args.pos.is_empty() {
        return Err(vm.type_error("type.__new__(): not enough arguments"));
    }
    let mcs = args.pos.remove(0);
    let Some(mcs_class) = mcs.obj().filter(|o| type_obj(o).is_some()).cloned() else {
        return Err(vm.type_error(format!(
            "type.__new__(X): X is not a type object ({})",
            type_name(&mcs)
        )));
    };
    let type_type = vm.interp.types[&TypeKind::Type].clone();
    if !crate::builtins::is_subtype(&mcs_class, &type_type) {
        return Err(vm.type_error(format!(
            "type.__new__({}): {} is not a subtype of type",
            meta_name(&mcs),
            meta_name(&mcs)
        )));
    }
    if args.pos.len() != 3 {
        return Err(vm.type_error(format!(
            "type.__new__() takes exactly 3 arguments ({} given)",
            args.pos.len()
        )));
    }
    let ns = args.pos.pop().expect("three arguments");
    let bases = args.pos.pop().expect("three arguments");
    let name = args.pos.pop().expect("three arguments");
    let Some(name) = name.as_str().map(str::to_string) else {
        return Err(vm.type_error(format!(
            "type.__new__() argument 1 must be str, not {}",
            type_name(&name)
        )));
    };
    let Some(Payload::Tuple(base_items)) = bases.payload() else {
        return Err(vm.type_error(format!(
            "type.__new__() argument 2 must be tuple, not {}",
            type_name(&bases)
        )));
    };
    if !matches!(ns.payload(), Some(Payload::Dict(_))) {
        return Err(vm.type_error(format!(
            "type.__new__() argument 3 must be dict, not {}",
            type_name(&ns)
        )));
    }
    // The most derived metaclass of `mcs` and the bases' (`type(name,
    // (AbstractBase,), {})` is an ABCMeta class). When that is a metaclass
    // with a `__new__` of its own, the call is its (`type(name, (Enum,),
    // ns, boundary=...)` runs `EnumType.__new__`), as CPython's type_new
    // hands the arguments to the winner.
    let meta = calculate(vm, Some(mcs.clone()), base_items)?;
    if let Some(winner) = meta.obj().filter(|w| !w.ptr_eq(&mcs_class)) {
        if let Some(new) = class_lookup(winner, &vm.new_str("__new__")) {
            let new = match new.payload() {
                Some(Payload::StaticMethod(f)) => f.clone(),
                _ => new,
            };
            let pos = vec![meta.clone(), vm.new_str(name), bases.clone(), ns.clone()];
            return vm.call_args(&new, Args { pos, kw: args.kw });
        }
    }
    // The class gets a copy of the namespace, as in CPython, with a
    // `__module__` (CPython takes the caller's; until programs import
    // modules of their own, Python code that calls `type()` is
    // `__main__`) and a `__qualname__`.
    let copy = ops::new_dict();
    let target = copy.obj().expect("a dict is an object").clone();
    for (k, v) in ops::dict_items(&ns) {
        ops::dict_set(vm, &target, k, v)?;
    }
    for (key, default) in [("__module__", "__main__"), ("__qualname__", name.as_str())] {
        let key = vm.new_str(key);
        if ops::dict_get(&target, &key).is_none() {
            let default = vm.new_str(default);
            ops::dict_set(vm, &target, key, default)?;
        }
    }
    let class = crate::classes::build_class(vm, &name, base_items.to_vec(), target, Some(meta))?;
    crate::classes::init_subclass(vm, &class, args.kw)?;
    Ok(class)
}

/// `type.__init__(cls, ...)`: nothing to do once `type.__new__` made the
/// class; it takes one or three arguments, as CPython's.
pub fn type_init<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    match args.pos.len() {
        2 | 4 => Ok(Value::None),
        _ => Err(vm.type_error("type.__init__() takes 1 or 3 arguments")),
    }
}

/// `type.__call__(cls, *args, **kwargs)`: makes an instance of `cls` as
/// calling it without a metaclass `__call__` would.
pub fn type_call<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    if args.pos.is_empty() {
        return Err(vm.type_error("descriptor '__call__' of 'type' object needs an argument"));
    }
    let cls = args.pos.remove(0);
    match cls.obj() {
        Some(o) if type_obj(o).is_some_and(|t| t.dict.is_some()) => {
            crate::classes::instantiate(vm, &o.clone(), args)
        }
        Some(o) if type_obj(o).is_some() => vm.call_args(&cls, args),
        _ => Err(vm.type_error(format!(
            "descriptor '__call__' requires a 'type' object but received a '{}'",
            type_name(&cls)
        ))),
    }
}
