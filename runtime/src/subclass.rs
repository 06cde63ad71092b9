//! User classes that derive from a builtin type: `class Stack(list)`,
//! `class Counter(dict)`, `class Point(tuple)`, `class Worker(Thread)`.
//!
//! # The layout
//!
//! In CPython an instance of such a class *is* an instance of its builtin
//! base (same C struct, a `__dict__` appended, `ob_type` the subclass), so
//! every builtin operation accepts it. Here an instance of a user class is
//! an [`InstanceObj`] (class and `__dict__`), and one whose class derives
//! from a builtin type also carries the base's state (`base`, a `List`,
//! `Dict`...). [`crate::object::PyObject::payload`] returns that state, so
//! the builtin's code (its methods, `len`, indexing, iteration, repr,
//! comparison) treats the instance as one of its own, and the class
//! machinery reads [`crate::object::PyObject::stored`] to find the class.
//!
//! # What a subclass overrides
//!
//! The operators consult the class first (`call_dunder`), so an overridden
//! `__getitem__`, `__len__`, `__eq__`... is seen by `x[i]`, `len(x)`,
//! `x == y`; the builtin's own methods call the base behaviour directly, as
//! CPython's do (`dict.update` does not call an overridden `__setitem__`).
//!
//! # Construction
//!
//! As CPython's `type.__call__`: `__new__` makes the instance, then
//! `__init__` fills it. The base state of a mutable type (`list`, `dict`,
//! `set`, `Thread`) starts empty and its `__init__` fills it (so a subclass
//! `__init__` with another signature works, and calls `super().__init__`);
//! an immutable one (`tuple`, `str`, `bytes`, `frozenset`) is built by
//! `__new__` from the arguments.

use crate::builtins::arity;
use crate::classes::type_obj;
use crate::object::{InstanceObj, ObjCell, ObjRef, Payload, PyDict, PyStr, TypeKind, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::types::Base;
use crate::vm::{Args, PyResult, Vm};

/// What user classes may do with the builtin type `kind` as a base.
#[derive(Clone, Copy, PartialEq, Eq)]
enum AsBase {
    /// A mutable type: `__new__` makes an empty state, `__init__` fills it.
    FilledByInit,
    /// An immutable type: `__new__` builds the state from the arguments.
    BuiltByNew,
    /// `type`: the class is a metaclass, whose instances are classes
    /// made by `type.__new__`.
    Metaclass,
    /// CPython accepts it as a base; this runtime does not yet.
    NotYet,
    /// CPython refuses it too ("is not an acceptable base type").
    Refused,
}

fn as_base<S: LockStrategy>(kind: TypeKind) -> AsBase {
    use TypeKind as K;
    match kind {
        K::List | K::Dict | K::Set | K::Thread | K::Socket | K::Queue | K::Module => {
            AsBase::FilledByInit
        }
        K::Tuple | K::Str | K::Bytes | K::FrozenSet | K::Int | K::Float => AsBase::BuiltByNew,
        K::Property | K::StaticMethod | K::ClassMethod | K::Super | K::WeakRef => AsBase::NotYet,
        K::Native(native) => match native.spec::<S>().base {
            Base::BuiltByNew => AsBase::BuiltByNew,
            Base::FilledByInit { .. } => AsBase::FilledByInit,
            Base::No => AsBase::NotYet,
            Base::Refused => AsBase::Refused,
        },
        K::Type => AsBase::Metaclass,
        _ => AsBase::Refused,
    }
}

/// The builtin type whose state instances of `class` carry: the first
/// builtin class of its MRO other than `object` (and the exception
/// classes, which have a layout of their own). `None` for a plain class.
pub fn native_base<S: LockStrategy>(class: &ObjRef<S>) -> Option<TypeKind> {
    let t = type_obj(class)?;
    std::iter::once(class)
        .chain(t.mro.iter())
        .filter_map(type_obj)
        .find(|c| c.dict.is_none() && !matches!(c.kind, TypeKind::Object | TypeKind::Exception))
        .map(|c| c.kind)
}

/// Checks the bases of a new class (its MRO after itself), as CPython's
/// `best_base`: every builtin base must be one a class may derive from, and
/// all of them one layout. Returns that layout, if any.
pub fn check_bases<S: LockStrategy>(
    vm: &Vm<S>,
    mro: &[ObjRef<S>],
) -> PyResult<S, Option<TypeKind>> {
    let mut layout: Option<TypeKind> = None;
    let mut exception = false;
    for t in mro.iter().filter_map(type_obj) {
        if t.dict.is_some() || t.kind == TypeKind::Object {
            continue;
        }
        if t.kind == TypeKind::Exception {
            exception = true;
            continue;
        }
        match as_base::<S>(t.kind) {
            AsBase::NotYet => {
                return Err(vm.type_error(format!(
                    "subclassing '{}' is not supported by this runtime yet",
                    t.name
                )))
            }
            AsBase::Refused => {
                // Named as CPython names a type of a module other than
                // `builtins` (`_sha256.sha256`).
                let name = match t.kind {
                    TypeKind::Native(k) if k.module() != "builtins" => {
                        format!("{}.{}", k.module(), t.name)
                    }
                    TypeKind::Lock => "_thread.lock".to_string(),
                    _ => t.name.clone(),
                };
                return Err(vm.type_error(format!("type '{name}' is not an acceptable base type")));
            }
            AsBase::FilledByInit | AsBase::BuiltByNew | AsBase::Metaclass => {}
        }
        match layout {
            Some(k) if k != t.kind => {
                return Err(vm.type_error("multiple bases have instance lay-out conflict"))
            }
            _ => layout = Some(t.kind),
        }
    }
    if exception && layout.is_some() {
        return Err(vm.type_error("multiple bases have instance lay-out conflict"));
    }
    Ok(layout)
}

/// A new instance of `class`, whose builtin base is `kind`, as its base's
/// `__new__` makes it (`args` are the call's arguments without `cls`).
pub fn new_instance<S: LockStrategy>(
    vm: &mut Vm<S>,
    class: &ObjRef<S>,
    kind: TypeKind,
    args: Args<S>,
) -> PyResult<S> {
    if kind == TypeKind::Module {
        // A module of its own class (attributes in the module's namespace,
        // as CPython's), not an instance carrying one.
        return Ok(Value::Obj(crate::modules::import::new_module_object(
            class, &args,
        )));
    }
    let base = match as_base::<S>(kind) {
        AsBase::FilledByInit => empty_state(vm, kind)?,
        AsBase::BuiltByNew => {
            let built =
                crate::builtins::construct(vm, kind, &vm.interp.types[&kind].clone(), args)?;
            copied_state(vm, &built)?
        }
        AsBase::Metaclass => {
            let mut args = args;
            args.pos.insert(0, Value::Obj(class.clone()));
            return crate::metaclass::type_new(vm, args);
        }
        AsBase::NotYet | AsBase::Refused => {
            return Err(vm.type_error("cannot create instances of this class"))
        }
    };
    Ok(Value::Obj(ObjRef::new(Payload::Instance(
        InstanceObj::new(class.clone(), Some(Box::new(base))),
    ))))
}

/// Whether `__init__` of the builtin base `kind` fills the instance (the
/// mutable types), so that calling the class runs it with the arguments.
pub fn init_fills<S: LockStrategy>(kind: TypeKind) -> bool {
    as_base::<S>(kind) == AsBase::FilledByInit
}

/// The state of a new, empty instance of a mutable builtin type.
fn empty_state<S: LockStrategy>(vm: &mut Vm<S>, kind: TypeKind) -> PyResult<S, Payload<S>> {
    Ok(match kind {
        TypeKind::List => Payload::List(ObjCell::new(Vec::new())),
        TypeKind::Dict => Payload::Dict(PyDict::new(crate::dict::new_map())),
        TypeKind::Set => Payload::Set {
            items: Box::new(ObjCell::new(Default::default())),
            frozen: false,
        },
        TypeKind::Thread => {
            Payload::Thread(Box::new(crate::modules::threading::ThreadObj::unstarted()))
        }
        TypeKind::Socket => crate::modules::socket::fresh_state(),
        TypeKind::Queue => crate::modules::queue::empty_state(vm, 0)?,
        TypeKind::Native(native) => match native.spec::<S>().base {
            Base::FilledByInit { empty, .. } => Payload::Native(empty()),
            _ => return Err(vm.type_error("cannot create instances of this class")),
        },
        _ => return Err(vm.type_error("cannot create instances of this class")),
    })
}

/// A copy of the state of `built`, a fresh immutable builtin object (what
/// the builtin's constructor made from the arguments).
fn copied_state<S: LockStrategy>(vm: &mut Vm<S>, built: &Value<S>) -> PyResult<S, Payload<S>> {
    if let Value::Float(f) = built {
        return Ok(Payload::Float(*f));
    }
    if let Some(i) = ops::to_big(built) {
        return Ok(Payload::BigInt(i));
    }
    Ok(match built.payload() {
        Some(Payload::Str(s)) => Payload::Str(PyStr::new(s.as_str())),
        Some(Payload::Bytes(b)) => Payload::Bytes(b.clone()),
        Some(Payload::Native(n)) => match n.clone_state() {
            Some(state) => Payload::Native(state),
            None => return Err(vm.type_error("cannot create instances of this class")),
        },
        Some(Payload::Tuple(items)) => Payload::Tuple(items.clone()),
        // `class R(reversed)` over a list: the list's reverse iterator,
        // which CPython returns as it is, carried by the instance here.
        Some(Payload::Iter(_)) => crate::types::builtin_iters::reversed_state(built.clone()),
        Some(Payload::Set { .. }) => Payload::Set {
            items: Box::new(ObjCell::new(crate::sets::items_of(vm, built)?)),
            frozen: true,
        },
        _ => return Err(vm.type_error("cannot create instances of this class")),
    })
}

/// `T.__new__(cls, *args)` for a builtin type `T` that classes may derive
/// from: an instance of `cls` (a subclass of `T`, or `T` itself).
pub fn builtin_new<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    if args.pos.is_empty() {
        return Err(vm.type_error("__new__(): not enough arguments"));
    }
    let cls = args.pos.remove(0);
    let Some(class) = cls.obj().filter(|c| type_obj(c).is_some()).cloned() else {
        return Err(vm.type_error(format!(
            "__new__(X): X is not a type object ({})",
            ops::type_name(&cls)
        )));
    };
    let t = type_obj(&class).expect("checked");
    if t.dict.is_none() {
        // `list.__new__(list)`: the builtin type itself.
        return match as_base::<S>(t.kind) {
            AsBase::FilledByInit => Ok(Value::Obj(ObjRef::new(empty_state(vm, t.kind)?))),
            _ => crate::builtins::construct(vm, t.kind, &class, args),
        };
    }
    match native_base(&class) {
        Some(kind) => new_instance(vm, &class, kind, args),
        None => Err(vm.type_error(format!(
            "{}.__new__({}) is not safe, use object.__new__()",
            ops::type_name(&cls),
            t.name
        ))),
    }
}

/// `dict.__init__(self, *args, **kwargs)`: adds the items, as `update`.
pub fn dict_init<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let kw = std::mem::take(&mut args.kw);
    arity(vm, "dict", &args, 1, 2)?;
    let Some(Payload::Dict(_)) = args.pos[0].payload() else {
        return Err(descriptor_error(vm, "dict", &args.pos[0]));
    };
    let d = args.pos[0].obj().expect("a dict is an object").clone();
    crate::methods::update_dict(vm, &d, args.pos.get(1), kw)?;
    Ok(Value::None)
}

/// `set.__init__(self, iterable=())`: replaces the elements.
pub fn set_init<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_keywords(vm, "set", &args)?;
    arity(vm, "set", &args, 1, 2)?;
    let items = match args.pos.get(1) {
        Some(it) => crate::sets::items_of(vm, it)?,
        None => Default::default(),
    };
    let Some(Payload::Set {
        items: cell,
        frozen: false,
    }) = args.pos[0].payload()
    else {
        return Err(descriptor_error(vm, "set", &args.pos[0]));
    };
    let o = args.pos[0].obj().expect("a set is an object");
    drop(cell.with::<S, _>(&o.header, |m| std::mem::replace(m, items)));
    Ok(Value::None)
}

pub(crate) fn no_keywords<S: LockStrategy>(
    vm: &Vm<S>,
    name: &str,
    args: &Args<S>,
) -> PyResult<S, ()> {
    match args.kw.is_empty() {
        true => Ok(()),
        false => Err(vm.type_error(format!("{name}() takes no keyword arguments"))),
    }
}

pub(crate) fn descriptor_error<S: LockStrategy>(
    vm: &Vm<S>,
    type_name: &str,
    recv: &Value<S>,
) -> crate::vm::PyErr<S> {
    vm.type_error(format!(
        "descriptor '__init__' requires a '{type_name}' object but received a '{}'",
        ops::type_name(recv)
    ))
}

/// The plain int or float that an instance of a user subclass of `int` or
/// `float` carries (`class Flag(int)`), for the operations its class does
/// not override: they act on this value, as CPython's inherited slots do.
/// `None` for anything else.
pub fn numeric_value<S: LockStrategy>(v: &Value<S>) -> Option<Value<S>> {
    match v.stored()? {
        Payload::Instance(InstanceObj { base: Some(b), .. }) => match &**b {
            Payload::BigInt(i) => Some(ops::int_from_big(i.clone())),
            Payload::Float(f) => Some(Value::Float(*f)),
            _ => None,
        },
        _ => None,
    }
}

/// The class methods of a builtin type that construct an instance
/// (`int.from_bytes`, `bytes.fromhex`, `dict.fromkeys`), as reached from a
/// user subclass: called with the subclass first, they make an instance of
/// it. `None` for any other name.
pub fn alternate_constructor<S: LockStrategy>(
    kind: TypeKind,
    name: &str,
) -> Option<crate::object::NativeFn<S>> {
    use crate::types::NativeKind;
    let f: crate::object::NativeFn<S> = match (kind, name) {
        (TypeKind::Int, "from_bytes") => {
            |vm, args| alternate(vm, args, TypeKind::Int, "from_bytes")
        }
        (TypeKind::Float, "fromhex") => |vm, args| alternate(vm, args, TypeKind::Float, "fromhex"),
        (TypeKind::Bytes, "fromhex") => |vm, args| alternate(vm, args, TypeKind::Bytes, "fromhex"),
        (TypeKind::Native(NativeKind::ByteArray), "fromhex") => {
            |vm, args| alternate(vm, args, TypeKind::Native(NativeKind::ByteArray), "fromhex")
        }
        (TypeKind::Dict, "fromkeys") => |vm, args| alternate(vm, args, TypeKind::Dict, "fromkeys"),
        _ => return None,
    };
    Some(f)
}

/// `cls.name(*args)` for a subclass `cls` of the builtin `kind`: the
/// builtin's value, then `cls(value)` (`dict.fromkeys`: `cls()` filled
/// through `__setitem__`), as CPython's class methods do.
fn alternate<S: LockStrategy>(
    vm: &mut Vm<S>,
    mut args: Args<S>,
    kind: TypeKind,
    name: &str,
) -> PyResult<S> {
    let cls = args.pos.remove(0);
    let base = vm.interp.methods[&(kind, name)].clone();
    let value = vm.call_args(&base, args)?;
    if name == "fromkeys" {
        let d = vm.call(&cls, vec![])?;
        for (k, v) in ops::dict_items(&value) {
            ops::set_item(vm, &d, k, v)?;
        }
        return Ok(d);
    }
    vm.call(&cls, vec![value])
}
