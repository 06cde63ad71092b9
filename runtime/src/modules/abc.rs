//! The `abc` module: `ABCMeta`, `ABC` and `abstractmethod`. A class whose
//! metaclass is `ABCMeta` (or that derives from one with abstract methods)
//! records its unimplemented abstract methods in `__abstractmethods__`, and
//! instantiating it while any remain raises CPython's TypeError.

use crate::builtins::arity;
use crate::classes::type_obj;
use crate::object::{NativeFn, ObjRef, Payload, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};

pub fn init<S: LockStrategy>(vm: &mut Vm<S>, dict: &ObjRef<S>) {
    super::add_functions(
        vm,
        dict,
        &[
            ("abstractmethod", abstractmethod, false),
            ("get_cache_token", get_cache_token, false),
        ],
    );
    let meta = vm.interp.abc_meta();
    vm.interp.dict_set_str(dict, "ABCMeta", meta.clone());
    let namespace = match ops::new_dict() {
        Value::Obj(d) => d,
        _ => unreachable!("dicts are objects"),
    };
    vm.interp
        .dict_set_str(&namespace, "__module__", vm.new_str("abc"));
    if let Ok(abc) = crate::classes::build_class(vm, "ABC", Vec::new(), namespace, Some(meta)) {
        vm.interp.dict_set_str(dict, "ABC", abc);
    }
}

/// Marks a function abstract (`f.__isabstractmethod__ = True`).
fn abstractmethod<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "abstractmethod", &args, 1, 1)?;
    let f = args.pos[0].clone();
    if let Some(Payload::Function(func)) = f.payload() {
        let d = crate::classes::function_dict(f.obj().expect("function"), func);
        ops::dict_set(
            vm,
            &d,
            vm.new_str("__isabstractmethod__"),
            Value::Bool(true),
        )?;
    }
    Ok(f)
}

// ---- ABCMeta's methods: virtual subclasses ----

/// The methods in `ABCMeta.__dict__`.
pub fn abc_meta_methods<S: LockStrategy>() -> Vec<(&'static str, NativeFn<S>)> {
    vec![
        ("register", register as NativeFn<S>),
        ("__instancecheck__", instancecheck),
        ("__subclasscheck__", subclasscheck),
        ("_abc_registry_clear", registry_clear),
    ]
}

/// Where an ABC keeps its virtual subclasses: a list of weak references
/// in its own `__dict__` (CPython keeps them in `_abc_impl`, weakly too).
const REGISTRY: &str = "_abc_registry";

fn class_arg<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>, message: &str) -> PyResult<S, ObjRef<S>> {
    v.obj()
        .filter(|o| type_obj(o).is_some())
        .cloned()
        .ok_or_else(|| vm.type_error(message.to_string()))
}

/// The classes registered with `cls` (its own, not its bases').
fn registered<S: LockStrategy>(vm: &Vm<S>, cls: &ObjRef<S>) -> Vec<ObjRef<S>> {
    let Some(dict) = type_obj(cls).and_then(|t| t.dict.clone()) else {
        return Vec::new();
    };
    let Some(list) = ops::dict_get(&dict, &vm.new_str(REGISTRY)) else {
        return Vec::new();
    };
    ops::list_snapshot(&list)
        .iter()
        .filter_map(|w| match w.payload() {
            Some(Payload::WeakRef(w)) => crate::weakref::upgrade(w),
            _ => None,
        })
        .collect()
}

/// `cls.register(subclass)`: makes `subclass` a virtual subclass of `cls`
/// and returns it (so that it serves as a class decorator).
fn register<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "register", &args, 2, 2)?;
    let cls = class_arg(vm, &args.pos[0], "register() needs a class")?;
    let sub = class_arg(vm, &args.pos[1], "Can only register classes")?;
    let sub_value = Value::Obj(sub.clone());
    if is_subclass(vm, &sub, &cls)? {
        return Ok(sub_value);
    }
    if is_subclass(vm, &cls, &sub)? {
        return Err(vm.new_error("RuntimeError", "Refusing to create an inheritance cycle"));
    }
    let Some(dict) = type_obj(&cls).and_then(|t| t.dict.clone()) else {
        // A builtin class (`ABCMeta.register(int, str)`) is no ABC.
        let name = type_obj(&cls).map(|t| t.name.clone()).unwrap_or_default();
        return Err(vm.new_error(
            "AttributeError",
            format!("type object '{name}' has no attribute '_abc_impl'"),
        ));
    };
    let key = vm.new_str(REGISTRY);
    // The registry, or a new one where there is none (or the program
    // stored something else under its name).
    let list = match ops::dict_get(&dict, &key) {
        Some(Value::Obj(list)) if matches!(list.payload(), Payload::List(_)) => list,
        _ => {
            let list = ObjRef::new(Payload::List(crate::object::ObjCell::new(Vec::new())));
            ops::dict_set(vm, &dict, key, Value::Obj(list.clone()))?;
            list
        }
    };
    let weak = Value::Obj(crate::weakref::new_weakref(&sub, None));
    crate::types::list::extend_from(vm, &list, &ops::new_list(vec![weak]))?;
    INVALIDATION_COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    Ok(sub_value)
}

/// Counts `register` calls: the token that `get_cache_token` returns
/// changes whenever a registration may have changed `isinstance` answers
/// (what `functools.singledispatch` caches against). A plain counter: it is
/// compared for equality only, never used to order other memory.
static INVALIDATION_COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// `abc.get_cache_token()`.
fn get_cache_token<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "_abc.get_cache_token", &args, 0, 0)?;
    Ok(Value::Int(
        INVALIDATION_COUNTER.load(std::sync::atomic::Ordering::Relaxed) as i64,
    ))
}

/// `issubclass(sub, cls)` through the full protocol (hooks included).
fn is_subclass<S: LockStrategy>(
    vm: &mut Vm<S>,
    sub: &ObjRef<S>,
    cls: &ObjRef<S>,
) -> PyResult<S, bool> {
    let args = Args::positional(vec![Value::Obj(sub.clone()), Value::Obj(cls.clone())]);
    let r = crate::builtins::builtin_issubclass(vm, args)?;
    ops::truthy(vm, &r)
}

/// `ABCMeta.__subclasscheck__(cls, sub)`: a real subclass, what
/// `cls.__subclasshook__` answers, a registered class or a subclass of
/// one, or a subclass of one of `cls`'s own subclasses.
fn subclasscheck<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "__subclasscheck__", &args, 2, 2)?;
    let cls = class_arg(vm, &args.pos[0], "__subclasscheck__() needs a class")?;
    let sub = class_arg(vm, &args.pos[1], "issubclass() arg 1 must be a class")?;
    if crate::builtins::is_subtype(&sub, &cls) {
        return Ok(Value::Bool(true));
    }
    let key = vm.new_str("__subclasshook__");
    if let (Some(_), Value::Obj(name)) = (crate::classes::class_lookup(&cls, &key), &key) {
        // Read as an attribute of the class: a class method binds to it, a
        // plain function stored later (`typing.Protocol`'s) does not.
        let hook = ops::get_attr(vm, &Value::Obj(cls.clone()), name)?;
        let answer = vm.call(&hook, vec![Value::Obj(sub.clone())])?;
        if !crate::classes::is_not_implemented(vm, &answer) {
            return Ok(Value::Bool(ops::truthy(vm, &answer)?));
        }
    }
    for r in registered(vm, &cls) {
        if is_subclass(vm, &sub, &r)? {
            return Ok(Value::Bool(true));
        }
    }
    for s in crate::classes::subclasses(&cls) {
        if is_subclass(vm, &sub, &s)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

/// `ABCMeta.__instancecheck__(cls, instance)`: the check for the
/// instance's class.
fn instancecheck<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "__instancecheck__", &args, 2, 2)?;
    let class = crate::builtins::type_of(vm, &args.pos[1]);
    // Through the class, as CPython's `_abc_instancecheck` calls
    // `cls.__subclasscheck__`: a metaclass may override it.
    let Value::Obj(name) = vm.new_str("__subclasscheck__") else {
        unreachable!("a str is an object")
    };
    let check = ops::get_attr(vm, &args.pos[0], &name)?;
    vm.call(&check, vec![Value::Obj(class)])
}

/// `cls._abc_registry_clear()`: forgets the registered classes.
fn registry_clear<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "_abc_registry_clear", &args, 1, 1)?;
    let cls = class_arg(vm, &args.pos[0], "_abc_registry_clear() needs a class")?;
    if let Some(dict) = type_obj(&cls).and_then(|t| t.dict.clone()) {
        ops::dict_del(vm, &dict, &vm.new_str(REGISTRY))?;
    }
    Ok(Value::None)
}
