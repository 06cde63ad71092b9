//! `coroutine_wrapper`: what `coro.__await__()` returns, an iterator that
//! drives the coroutine (`send`, `throw`, `close`, `__next__`), so that
//! code written for the iterator protocol (a `yield from` of it, a
//! hand-written event loop) can await a coroutine.

use super::{NativeKind, NativeObject, TypeSpec};
use crate::builtins::arity;
use crate::object::{ObjRef, TypeKind, Value};
use crate::strategy::LockStrategy;
use crate::vm::{Args, GenStep, PyErr, PyResult, Vm};
use std::any::Any;

/// The wrapper of one coroutine.
pub struct CoroutineWrapper<S: LockStrategy> {
    coro: ObjRef<S>,
}

impl<S: LockStrategy> CoroutineWrapper<S> {
    pub(crate) fn send(&self, vm: &mut Vm<S>, sent: Value<S>) -> PyResult<S, GenStep<S>> {
        vm.gen_resume(&self.coro, sent, None)
    }

    pub(crate) fn throw(&self, vm: &mut Vm<S>, err: PyErr<S>) -> PyResult<S, GenStep<S>> {
        vm.gen_resume(&self.coro, Value::None, Some(err))
    }

    pub(crate) fn close(&self, vm: &mut Vm<S>) -> PyResult<S, ()> {
        vm.gen_close(&self.coro)
    }
}

/// `coro.__await__()`.
pub(crate) fn coroutine_await<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "__await__", &args, 1, 1)?;
    match &args.pos[0] {
        Value::Obj(o) if crate::ops::type_kind(&args.pos[0]) == TypeKind::Coroutine => {
            Ok(super::new_object(CoroutineWrapper { coro: o.clone() }))
        }
        other => Err(vm.type_error(format!(
            "descriptor '__await__' for 'coroutine' objects doesn't apply to a '{}' object",
            crate::ops::type_name(other)
        ))),
    }
}

fn wrapper_new<S: LockStrategy>(vm: &mut Vm<S>, _args: Args<S>) -> PyResult<S> {
    Err(vm.type_error("cannot create 'coroutine_wrapper' instances"))
}

impl<S: LockStrategy> NativeObject<S> for CoroutineWrapper<S> {
    fn kind(&self) -> NativeKind {
        NativeKind::CoroutineWrapper
    }

    fn repr(&self, _vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, String> {
        Ok(format!("<coroutine_wrapper object at {:#x}>", this.addr()))
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

    fn traverse(&self, _header: &crate::object::Header, visit: &mut dyn FnMut(&Value<S>)) {
        visit(&Value::Obj(self.coro.clone()));
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

pub fn spec<S: LockStrategy>() -> TypeSpec<S> {
    TypeSpec {
        name: "coroutine_wrapper",
        builtin: false,
        new: wrapper_new,
        methods: super::async_gen::awaitable_methods,
        dunders: &[],
        base: super::Base::Refused,
    }
}
