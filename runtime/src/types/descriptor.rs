//! `getset_descriptor` and `member_descriptor`: what a builtin type's data
//! attributes are when read from the type (`FunctionType.__code__`), as
//! CPython's `Objects/descrobject.c`. `types.py` names their types
//! (`GetSetDescriptorType`, `MemberDescriptorType`) and `inspect` tests for
//! them. Reading one through an instance reads the instance's attribute;
//! the descriptor itself never changes, so it needs no lock.

use super::{NativeKind, NativeObject, TypeSpec};
use crate::object::{ObjRef, Payload, TypeKind, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};
use std::any::Any;

/// A data attribute of a builtin type, seen from the type.
pub struct DataDescriptor<S: LockStrategy> {
    name: &'static str,
    /// The type that defines the attribute (`__objclass__`).
    owner: ObjRef<S>,
    /// A C struct member (`member_descriptor`) rather than a computed
    /// attribute (`getset_descriptor`).
    member: bool,
}

/// The data attributes of builtin types that programs read from the type:
/// (type, name, is a struct member). CPython's `func_getsetlist` and
/// `func_memberlist`.
const DATA_ATTRIBUTES: &[(TypeKind, &str, bool)] = &[
    (TypeKind::Function, "__code__", false),
    (TypeKind::Function, "__defaults__", false),
    (TypeKind::Function, "__kwdefaults__", false),
    (TypeKind::Function, "__annotations__", false),
    (TypeKind::Function, "__dict__", false),
    (TypeKind::Function, "__name__", false),
    (TypeKind::Function, "__qualname__", false),
    (TypeKind::Function, "__globals__", true),
    (TypeKind::Function, "__closure__", true),
    (TypeKind::Function, "__doc__", true),
    (TypeKind::Function, "__module__", true),
    (TypeKind::Function, "__builtins__", true),
    (TypeKind::Exception, "__traceback__", false),
    (TypeKind::Exception, "__cause__", false),
    (TypeKind::Exception, "__context__", false),
    (TypeKind::Exception, "__suppress_context__", true),
    (TypeKind::Exception, "args", false),
];

/// `T.name` for the builtin type object `owner` when `name` is one of its
/// data attributes.
pub fn lookup<S: LockStrategy>(owner: &ObjRef<S>, name: &str) -> Option<Value<S>> {
    let Payload::Type(t) = owner.payload() else {
        return None;
    };
    let &(_, name, member) = DATA_ATTRIBUTES
        .iter()
        .find(|(kind, n, _)| *kind == t.kind && *n == name)?;
    Some(super::new_object(DataDescriptor {
        name,
        owner: owner.clone(),
        member,
    }))
}

fn descriptor_new<S: LockStrategy>(vm: &mut Vm<S>, _args: Args<S>) -> PyResult<S> {
    Err(vm.type_error("cannot create 'getset_descriptor' instances"))
}

fn this<'a, S: LockStrategy>(
    vm: &Vm<S>,
    method: &str,
    args: &'a [Value<S>],
) -> PyResult<S, &'a DataDescriptor<S>> {
    super::receiver::<S, DataDescriptor<S>>(vm, method, NativeKind::GetSetDescriptor, args)
}

/// `descr.__get__(obj, type=None)`: the descriptor itself for no
/// instance, else the instance's attribute.
fn descr_get<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    crate::builtins::arity(vm, "__get__", &args, 2, 3)?;
    let d = this(vm, "__get__", &args.pos)?;
    if matches!(args.pos[1], Value::None) {
        return Ok(args.pos[0].clone());
    }
    let name = vm.new_str(d.name);
    let Value::Obj(name) = name else {
        unreachable!("new_str makes an object")
    };
    ops::get_attr(vm, &args.pos[1], &name)
}

/// `descr.__set__(obj, value)`.
fn descr_set<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    crate::builtins::arity(vm, "__set__", &args, 3, 3)?;
    let d = this(vm, "__set__", &args.pos)?;
    let Value::Obj(name) = vm.new_str(d.name) else {
        unreachable!("new_str makes an object")
    };
    ops::set_attr(vm, &args.pos[1], &name, args.pos[2].clone())?;
    Ok(Value::None)
}

impl<S: LockStrategy> NativeObject<S> for DataDescriptor<S> {
    fn kind(&self) -> NativeKind {
        if self.member {
            NativeKind::MemberDescriptor
        } else {
            NativeKind::GetSetDescriptor
        }
    }

    fn repr(&self, _vm: &mut Vm<S>, _this: &ObjRef<S>) -> PyResult<S, String> {
        let owner = match self.owner.payload() {
            Payload::Type(t) => t.name.to_string(),
            _ => String::new(),
        };
        let what = if self.member { "member" } else { "attribute" };
        Ok(format!("<{what} '{}' of '{owner}' objects>", self.name))
    }

    fn hash(&self, this: &ObjRef<S>) -> Option<i64> {
        Some(crate::dict::identity_hash(this.raw().as_ptr() as usize))
    }

    fn get_attr(&self, _this: &ObjRef<S>, name: &str) -> Option<Value<S>> {
        Some(match name {
            "__name__" | "__qualname__" => ops::new_str(self.name),
            "__objclass__" => Value::Obj(self.owner.clone()),
            "__doc__" => Value::None,
            _ => return None,
        })
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The registration of `getset_descriptor` (see `types/mod.rs`).
pub fn getset_spec<S: LockStrategy>() -> TypeSpec<S> {
    spec(NativeKind::GetSetDescriptor)
}

/// The registration of `member_descriptor`: the same object with the
/// other name, as CPython's two types share their behaviour.
pub fn member_spec<S: LockStrategy>() -> TypeSpec<S> {
    spec(NativeKind::MemberDescriptor)
}

fn spec<S: LockStrategy>(kind: NativeKind) -> TypeSpec<S> {
    TypeSpec {
        name: kind.short_name(),
        builtin: false,
        new: descriptor_new,
        methods: || vec![("__get__", descr_get as _), ("__set__", descr_set as _)],
        dunders: &[],
        base: super::Base::No,
    }
}
