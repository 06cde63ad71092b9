//! `types.UnionType`: what `int | str` gives (PEP 604), as CPython's
//! `Objects/unionobject.c`: the distinct members in order, nested unions
//! flattened, `None` standing for `NoneType`; usable with `isinstance`
//! and `issubclass`, compared and hashed as a set of its members.
//! Immutable: read without a lock in every mode.

use super::generic_alias::{repr_item, GenericAlias};
use super::{NativeKind, NativeObject, TypeSpec};
use crate::object::{ObjRef, Payload, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};
use std::any::Any;

/// `a | b | ...`: its members, distinct and in order.
pub struct Union<S: LockStrategy> {
    pub args: Vec<Value<S>>,
}

/// Whether `v` may be a member: a class, None, a generic alias or a union
/// (CPython's `is_unionable`).
fn unionable<S: LockStrategy>(v: &Value<S>) -> bool {
    matches!(v, Value::None)
        || matches!(v.payload(), Some(Payload::Type(_)))
        || super::downcast::<S, GenericAlias<S>>(v).is_some()
        || super::downcast::<S, Union<S>>(v).is_some()
}

/// `a | b` for classes, None, generic aliases and unions; `None` when an
/// operand is something else (NotImplemented), or when neither is a class
/// or alias (`None | None` is a TypeError).
pub fn or<S: LockStrategy>(vm: &mut Vm<S>, a: &Value<S>, b: &Value<S>) -> Option<Value<S>> {
    if !unionable(a) || !unionable(b) || matches!((a, b), (Value::None, Value::None)) {
        return None;
    }
    let mut args: Vec<Value<S>> = Vec::new();
    for side in [a, b] {
        let members = match super::downcast::<S, Union<S>>(side) {
            Some(u) => u.args.clone(),
            None => vec![side.clone()],
        };
        for m in members {
            let m = match m {
                Value::None => Value::Obj(crate::builtins::type_of(vm, &Value::None)),
                m => m,
            };
            if !args.iter().any(|x| same_member(x, &m)) {
                args.push(m);
            }
        }
    }
    // `int | int` is `int`.
    if args.len() == 1 {
        return args.pop();
    }
    Some(super::new_object(Union { args }))
}

/// Members are the same class, or equal aliases.
fn same_member<S: LockStrategy>(a: &Value<S>, b: &Value<S>) -> bool {
    a.is(b) || super::eq(a, b) == Some(true)
}

/// The classes a union stands for in `isinstance`/`issubclass`; `None`
/// when `v` is not a union.
pub fn members<S: LockStrategy>(v: &Value<S>) -> Option<&[Value<S>]> {
    super::downcast::<S, Union<S>>(v).map(|u| u.args.as_slice())
}

fn union_new<S: LockStrategy>(vm: &mut Vm<S>, _args: Args<S>) -> PyResult<S> {
    Err(vm.type_error("cannot create 'types.UnionType' instances"))
}

impl<S: LockStrategy> NativeObject<S> for Union<S> {
    fn kind(&self) -> NativeKind {
        NativeKind::Union
    }

    fn repr(&self, vm: &mut Vm<S>, _this: &ObjRef<S>) -> PyResult<S, String> {
        let none_type = Value::Obj(crate::builtins::type_of(vm, &Value::None));
        let mut parts = Vec::with_capacity(self.args.len());
        for a in &self.args {
            parts.push(if a.is(&none_type) {
                "None".to_string()
            } else {
                repr_item(vm, a)?
            });
        }
        Ok(parts.join(" | "))
    }

    /// Order-free, as CPython's hash of the members' frozenset.
    fn hash(&self, _this: &ObjRef<S>) -> Option<i64> {
        let mut h: u64 = 0;
        for a in &self.args {
            h ^= crate::dict::hash_value(a).ok()?;
        }
        Some((h >> 1) as i64)
    }

    fn eq(&self, _this: &ObjRef<S>, other: &Value<S>) -> Option<bool> {
        let other = super::downcast::<S, Union<S>>(other)?;
        let covers =
            |x: &[Value<S>], y: &[Value<S>]| x.iter().all(|a| y.iter().any(|b| same_member(a, b)));
        Some(covers(&self.args, &other.args) && covers(&other.args, &self.args))
    }

    fn get_attr(&self, _this: &ObjRef<S>, name: &str) -> Option<Value<S>> {
        match name {
            "__args__" => Some(ops::new_tuple(self.args.clone())),
            "__parameters__" => Some(ops::new_tuple(Vec::new())),
            _ => None,
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The type's registration (see `types/mod.rs`).
pub fn spec<S: LockStrategy>() -> TypeSpec<S> {
    TypeSpec {
        name: "UnionType",
        builtin: false,
        new: union_new,
        methods: Vec::new,
        dunders: &[],
        base: super::Base::No,
    }
}
