//! `anext_awaitable`: what `anext(iterator, default)` returns, an
//! awaitable that awaits `iterator.__anext__()` and turns its
//! `StopAsyncIteration` into the default value; and the `aiter()` and
//! `anext()` builtins.

use super::{NativeKind, NativeObject, TypeSpec};
use crate::builtins::arity;
use crate::object::{ObjCell, ObjRef, Payload, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{Args, GenStep, PyErr, PyResult, Vm};
use std::any::Any;

/// The awaitable of one `anext(iterator, default)`.
pub struct AnextAwaitable<S: LockStrategy> {
    /// What `__anext__()` returned.
    wrapped: Value<S>,
    default: Value<S>,
    /// What drives `wrapped` (its awaitable iterator), made at the first
    /// step.
    iter: ObjCell<Option<Value<S>>>,
}

impl<S: LockStrategy> AnextAwaitable<S> {
    /// The iterator that drives the wrapped awaitable.
    fn driver(&self, vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S> {
        if let Some(it) = self.iter.with::<S, _>(&this.header, |i| i.clone()) {
            return Ok(it);
        }
        let it = vm.awaitable_iter(self.wrapped.clone())?;
        // A racing first step may have made one first: both drive it.
        Ok(self
            .iter
            .with::<S, _>(&this.header, |i| i.get_or_insert(it).clone()))
    }

    /// One `send` (or `throw`, with `throw`): `StopAsyncIteration` becomes
    /// the end with the default value.
    pub(crate) fn step(
        &self,
        vm: &mut Vm<S>,
        this: &ObjRef<S>,
        sent: Value<S>,
        throw: Option<PyErr<S>>,
    ) -> PyResult<S, GenStep<S>> {
        let it = self.driver(vm, this)?;
        let r = match throw {
            Some(err) => vm.throw_into_subiterator(&it, err),
            None => vm.subiterator_send(&it, sent),
        };
        match r {
            Err(e)
                if crate::interp::is_instance_of(
                    vm,
                    &Value::Obj(e.exc.clone()),
                    "StopAsyncIteration",
                ) =>
            {
                Ok(GenStep::Returned(self.default.clone()))
            }
            r => r,
        }
    }

    pub(crate) fn close(&self, vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, ()> {
        let it = self.driver(vm, this)?;
        if let Some(Payload::Generator(_)) = it.payload() {
            return vm.gen_close(it.obj().expect("generator"));
        }
        ops::call_method(vm, &it, "close", Vec::new())?;
        Ok(())
    }
}

fn anext_new<S: LockStrategy>(vm: &mut Vm<S>, _args: Args<S>) -> PyResult<S> {
    Err(vm.type_error("cannot create 'anext_awaitable' instances"))
}

/// `aiter(async_iterable)`: its `__aiter__()`, which must be an async
/// iterator.
pub(crate) fn builtin_aiter<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "aiter", &args, 1, 1)?;
    let v = &args.pos[0];
    let Some(aiter) = ops::lookup_method(vm, v, &name(vm, "__aiter__"))? else {
        return Err(vm.type_error(format!(
            "'{}' object is not an async iterable",
            ops::type_name(v)
        )));
    };
    let it = vm.call(&aiter, vec![v.clone()])?;
    if ops::lookup_method(vm, &it, &name(vm, "__anext__"))?.is_none() {
        return Err(vm.type_error(format!(
            "aiter() returned not an async iterator of type '{}'",
            ops::type_name(&it)
        )));
    }
    Ok(it)
}

/// `anext(async_iterator[, default])`: the awaitable `__anext__()`,
/// wrapped to give `default` at the end when there is one.
pub(crate) fn builtin_anext<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "anext", &args, 1, 2)?;
    let v = &args.pos[0];
    let Some(anext) = ops::lookup_method(vm, v, &name(vm, "__anext__"))? else {
        return Err(vm.type_error(format!(
            "'{}' object is not an async iterator",
            ops::type_name(v)
        )));
    };
    let awaitable = vm.call(&anext, vec![v.clone()])?;
    let Some(default) = args.pos.get(1) else {
        return Ok(awaitable);
    };
    Ok(super::new_object(AnextAwaitable {
        wrapped: awaitable,
        default: default.clone(),
        iter: ObjCell::new(None),
    }))
}

fn name<S: LockStrategy>(vm: &Vm<S>, s: &str) -> ObjRef<S> {
    crate::vm::name_obj(vm, s)
}

impl<S: LockStrategy> NativeObject<S> for AnextAwaitable<S> {
    fn kind(&self) -> NativeKind {
        NativeKind::AnextAwaitable
    }

    fn repr(&self, _vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, String> {
        Ok(format!("<anext_awaitable object at {:#x}>", this.addr()))
    }

    fn truthy(&self, _this: &ObjRef<S>) -> bool {
        true
    }

    fn is_iterator(&self) -> bool {
        true
    }

    fn next(&self, vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, Option<Value<S>>> {
        super::async_gen::awaitable_next_slot(vm, this)
    }

    fn is_container(&self) -> bool {
        true
    }

    fn traverse(&self, header: &crate::object::Header, visit: &mut dyn FnMut(&Value<S>)) {
        visit(&self.wrapped);
        visit(&self.default);
        if let Some(it) = self.iter.with::<S, _>(header, |i| i.clone()) {
            visit(&it);
        }
    }

    fn clear(&self, header: &crate::object::Header) {
        drop(self.iter.with::<S, _>(header, |i| i.take()));
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

pub fn spec<S: LockStrategy>() -> TypeSpec<S> {
    TypeSpec {
        name: "anext_awaitable",
        builtin: false,
        new: anext_new,
        methods: super::async_gen::awaitable_methods,
        dunders: &[],
        base: super::Base::Refused,
    }
}
