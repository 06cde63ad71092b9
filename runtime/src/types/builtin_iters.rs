//! The builtin iterator types `map`, `zip`, `filter`, `enumerate` and
//! `reversed`: real types (`isinstance(m, map)`, `type(z)` is `zip`,
//! `class M(map)`), as CPython's `Python/bltinmodule.c` and
//! `Objects/enumobject.c` define them.
//!
//! An object of one of these types wraps the iterator that does the work
//! (an iterator object whose state the operator layer steps, see
//! [`crate::object::IterState`]): `next` is one step of it. The wrapped
//! iterator never changes, so the object needs no lock of its own; the
//! inner iterator's state is read under its own lock.

use super::{Base, NativeKind, NativeObject, TypeSpec};
use crate::object::{Header, NativeFn, ObjRef, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};

/// A `map`, `zip`, `filter`, `enumerate` or `reversed` object.
pub struct BuiltinIter<S: LockStrategy> {
    kind: NativeKind,
    /// The iterator that yields the items.
    inner: Value<S>,
}

fn wrap<S: LockStrategy>(kind: NativeKind, inner: Value<S>) -> Value<S> {
    super::new_object(BuiltinIter { kind, inner })
}

fn map_new<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let inner = crate::builtins::builtin_map(vm, args)?;
    Ok(wrap(NativeKind::Map, inner))
}

fn zip_new<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let inner = crate::builtins::builtin_zip(vm, args)?;
    Ok(wrap(NativeKind::Zip, inner))
}

fn filter_new<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let inner = crate::builtins::builtin_filter(vm, args)?;
    Ok(wrap(NativeKind::Filter, inner))
}

fn enumerate_new<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let inner = crate::builtins::builtin_enumerate(vm, args)?;
    Ok(wrap(NativeKind::Enumerate, inner))
}

/// `reversed(seq)`: `seq.__reversed__()` where the object has one (a
/// list's, a dict's, a range's iterator, as CPython's); otherwise a
/// `reversed` object over the sequence.
fn reversed_new<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let (result, generic) = crate::builtins::builtin_reversed_parts(vm, args)?;
    Ok(match generic {
        true => wrap(NativeKind::Reversed, result),
        false => result,
    })
}

/// The state of a `reversed` object over `inner`, an iterator.
pub fn reversed_state<S: LockStrategy>(inner: Value<S>) -> crate::object::Payload<S> {
    crate::object::Payload::Native(Box::new(BuiltinIter {
        kind: NativeKind::Reversed,
        inner,
    }))
}

impl<S: LockStrategy> NativeObject<S> for BuiltinIter<S> {
    fn kind(&self) -> NativeKind {
        self.kind
    }

    fn repr(&self, _vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, String> {
        Ok(format!(
            "<{} object at {:#x}>",
            self.kind.name(),
            this.addr()
        ))
    }

    fn is_iterator(&self) -> bool {
        true
    }

    fn next(&self, vm: &mut Vm<S>, _this: &ObjRef<S>) -> PyResult<S, Option<Value<S>>> {
        ops::iter_next(vm, &self.inner)
    }

    fn clone_state(&self) -> Option<Box<dyn NativeObject<S>>> {
        Some(Box::new(BuiltinIter {
            kind: self.kind,
            inner: self.inner.clone(),
        }))
    }

    fn is_container(&self) -> bool {
        true
    }

    fn traverse(&self, _header: &Header, visit: &mut dyn FnMut(&Value<S>)) {
        visit(&self.inner);
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The type of `kind`, one of this module's.
pub fn spec<S: LockStrategy>(kind: NativeKind) -> TypeSpec<S> {
    let new: NativeFn<S> = match kind {
        NativeKind::Map => map_new,
        NativeKind::Zip => zip_new,
        NativeKind::Filter => filter_new,
        NativeKind::Enumerate => enumerate_new,
        _ => reversed_new,
    };
    TypeSpec {
        name: kind.name(),
        builtin: true,
        new,
        methods: Vec::new,
        dunders: &["__iter__", "__next__"],
        base: Base::BuiltByNew,
    }
}
