//! The awaitables of an async generator (PEP 525): what `__anext__()` and
//! `asend(v)` return (`async_generator_asend`) and what `athrow()` and
//! `aclose()` return (`async_generator_athrow`), and the async generator's
//! own methods that make them.
//!
//! An async generator is a generator object whose code is an `async def`
//! that yields (`crate::object::GeneratorObj`). Resuming it stops either
//! at a `yield` — the value of the `__anext__()` being awaited, delivered
//! as `StopIteration(value)` — or inside an `await`, whose yielded value
//! passes through to the event loop. CPython tells them apart by wrapping
//! the values of `yield`; here the suspended frame tells: an `await` stays
//! on its `YieldFrom` instruction (`GenFrame::delegate`).
//!
//! State: each awaitable's progress (not started, running, done) is an
//! atomic, and the generator's `ag_running_async`/`ag_closed` flags are
//! atomics in the generator object, so that two threads stepping the same
//! objects see CPython's errors rather than a torn state.

use super::{NativeKind, NativeObject, TypeSpec};
use crate::builtins::arity;
use crate::methods::{stop_iteration, thrown_exception};
use crate::object::{GeneratorObj, ObjRef, Payload, TypeKind, Value};
use crate::strategy::LockStrategy;
use crate::sync::{AtomicU8, Ordering};
use crate::vm::{Args, GenStep, PyErr, PyResult, Vm};
use std::any::Any;

/// An awaitable that has not been sent anything yet (`AWAITABLE_STATE_INIT`).
const INIT: u8 = 0;
/// An awaitable being awaited (`AWAITABLE_STATE_ITER`).
const ITER: u8 = 1;
/// An awaitable that has delivered its result (`AWAITABLE_STATE_CLOSED`).
const CLOSED: u8 = 2;

/// What one resumption of an async generator gave.
enum AStep<S: LockStrategy> {
    /// An `await` inside it yielded this: for the event loop.
    Await(Value<S>),
    /// It reached a `yield` of this value.
    Yield(Value<S>),
    /// It returned.
    Return,
}

/// The generator object of an async generator value.
fn agen_obj<S: LockStrategy>(agen: &ObjRef<S>) -> &GeneratorObj<S> {
    match agen.payload() {
        Payload::Generator(g) => g,
        _ => unreachable!("an async generator is a generator object"),
    }
}

/// Resumes the async generator and says where it stopped.
fn resume<S: LockStrategy>(
    vm: &mut Vm<S>,
    agen: &ObjRef<S>,
    send: Value<S>,
    throw: Option<PyErr<S>>,
) -> PyResult<S, AStep<S>> {
    let g = agen_obj(agen);
    Ok(match vm.gen_resume(agen, send, throw)? {
        GenStep::Yielded(v) => {
            if g.frame
                .with::<S, _>(&agen.header, |f| f.delegate(&g.code).is_some())
            {
                AStep::Await(v)
            } else {
                AStep::Yield(v)
            }
        }
        GenStep::Returned(_) => AStep::Return,
    })
}

/// CPython's `async_gen_unwrap_value`: an `await`'s value goes on to the
/// event loop (`Yielded`); a `yield` ends the awaitable with the value
/// (`Returned`, the `StopIteration` of an `await`); a return becomes
/// `StopAsyncIteration`. Anything but an `await` ends the step of the
/// generator, and `StopAsyncIteration`/`GeneratorExit` close it.
fn unwrap<S: LockStrategy>(
    vm: &Vm<S>,
    g: &GeneratorObj<S>,
    r: PyResult<S, AStep<S>>,
) -> PyResult<S, GenStep<S>> {
    let e = match r {
        Ok(AStep::Await(v)) => return Ok(GenStep::Yielded(v)),
        Ok(AStep::Yield(v)) => {
            g.ag_running_async.store(false, Ordering::Release);
            return Ok(GenStep::Returned(v));
        }
        Ok(AStep::Return) => bare(vm, "StopAsyncIteration"),
        Err(e) => e,
    };
    if is_exit(vm, &e) {
        g.ag_closed.store(true, Ordering::Release);
    }
    g.ag_running_async.store(false, Ordering::Release);
    Err(e)
}

/// A new exception of class `name` without arguments.
pub(crate) fn bare<S: LockStrategy>(vm: &Vm<S>, name: &str) -> PyErr<S> {
    PyErr {
        exc: vm.interp.new_exception(name, None),
    }
}

/// Whether the exception is `StopAsyncIteration` or `GeneratorExit`.
fn is_exit<S: LockStrategy>(vm: &Vm<S>, e: &PyErr<S>) -> bool {
    let exc = Value::Obj(e.exc.clone());
    crate::interp::is_instance_of(vm, &exc, "StopAsyncIteration")
        || crate::interp::is_instance_of(vm, &exc, "GeneratorExit")
}

/// `async_generator_asend`: one `__anext__()` or `asend(value)`.
pub struct ASend<S: LockStrategy> {
    agen: ObjRef<S>,
    value: Value<S>,
    state: AtomicU8,
}

impl<S: LockStrategy> ASend<S> {
    /// One step (`send`, or `throw` with `throw`).
    fn step(
        &self,
        vm: &mut Vm<S>,
        arg: &Value<S>,
        throw: Option<PyErr<S>>,
    ) -> PyResult<S, GenStep<S>> {
        let g = agen_obj(&self.agen);
        let state = self.state.load(Ordering::Acquire);
        if state == CLOSED {
            return Err(vm.new_error(
                "RuntimeError",
                "cannot reuse already awaited __anext__()/asend()",
            ));
        }
        let r = match throw {
            Some(err) => resume(vm, &self.agen, Value::None, Some(err)),
            None => {
                let mut arg = arg.clone();
                if state == INIT {
                    if g.ag_running_async.load(Ordering::Acquire) {
                        return Err(vm.new_error(
                            "RuntimeError",
                            "anext(): asynchronous generator is already running",
                        ));
                    }
                    if matches!(arg, Value::None) {
                        arg = self.value.clone();
                    }
                    self.state.store(ITER, Ordering::Release);
                }
                g.ag_running_async.store(true, Ordering::Release);
                resume(vm, &self.agen, arg, None)
            }
        };
        let r = unwrap(vm, g, r);
        if !matches!(r, Ok(GenStep::Yielded(_))) {
            self.state.store(CLOSED, Ordering::Release);
        }
        r
    }
}

/// `async_generator_athrow`: one `athrow(...)` or (`args` None) `aclose()`.
pub struct AThrow<S: LockStrategy> {
    agen: ObjRef<S>,
    args: Option<Vec<Value<S>>>,
    state: AtomicU8,
}

impl<S: LockStrategy> AThrow<S> {
    /// `aclose()` ends quietly where the generator exits or is closed.
    fn closing_end(&self, vm: &Vm<S>, e: PyErr<S>) -> PyResult<S, GenStep<S>> {
        if self.args.is_none() && is_exit(vm, &e) {
            return Ok(GenStep::Returned(Value::None));
        }
        Err(e)
    }

    /// The end of a step that did not stop in an `await` (`check_error`
    /// and `yield_close` of CPython's `async_gen_athrow_send`).
    fn finish(
        &self,
        vm: &Vm<S>,
        g: &GeneratorObj<S>,
        r: PyResult<S, AStep<S>>,
    ) -> PyResult<S, GenStep<S>> {
        if self.args.is_none() {
            // aclose(): the generator must not yield a value again.
            let e = match r {
                Ok(AStep::Await(v)) => return Ok(GenStep::Yielded(v)),
                Ok(AStep::Yield(_)) => {
                    // Not quietly ended by `closing_end`: a RuntimeError.
                    g.ag_running_async.store(false, Ordering::Release);
                    self.state.store(CLOSED, Ordering::Release);
                    return Err(
                        vm.new_error("RuntimeError", "async generator ignored GeneratorExit")
                    );
                }
                Ok(AStep::Return) => bare(vm, "StopAsyncIteration"),
                Err(e) => e,
            };
            g.ag_running_async.store(false, Ordering::Release);
            self.state.store(CLOSED, Ordering::Release);
            return self.closing_end(vm, e);
        }
        let r = unwrap(vm, g, r);
        if !matches!(r, Ok(GenStep::Yielded(_))) {
            self.state.store(CLOSED, Ordering::Release);
        }
        r
    }

    fn send(&self, vm: &mut Vm<S>, arg: &Value<S>) -> PyResult<S, GenStep<S>> {
        let g = agen_obj(&self.agen);
        let state = self.state.load(Ordering::Acquire);
        if state == CLOSED {
            return Err(vm.new_error(
                "RuntimeError",
                "cannot reuse already awaited aclose()/athrow()",
            ));
        }
        let finished = g.frame.with::<S, _>(&self.agen.header, |f| f.is_finished());
        if finished {
            self.state.store(CLOSED, Ordering::Release);
            return Ok(GenStep::Returned(Value::None));
        }
        if state == ITER {
            let r = resume(vm, &self.agen, arg.clone(), None);
            return self.finish(vm, g, r);
        }
        if g.ag_running_async.load(Ordering::Acquire) {
            self.state.store(CLOSED, Ordering::Release);
            let what = if self.args.is_none() {
                "aclose"
            } else {
                "athrow"
            };
            return Err(vm.new_error(
                "RuntimeError",
                format!("{what}(): asynchronous generator is already running"),
            ));
        }
        if g.ag_closed.load(Ordering::Acquire) {
            self.state.store(CLOSED, Ordering::Release);
            return Err(bare(vm, "StopAsyncIteration"));
        }
        if !matches!(arg, Value::None) {
            return Err(vm.new_error(
                "RuntimeError",
                "can't send non-None value to a just-started coroutine",
            ));
        }
        self.state.store(ITER, Ordering::Release);
        g.ag_running_async.store(true, Ordering::Release);
        let err = match &self.args {
            None => {
                g.ag_closed.store(true, Ordering::Release);
                PyErr {
                    exc: vm.interp.new_exception("GeneratorExit", None),
                }
            }
            Some(args) => match thrown_exception(vm, &args[0], args.get(1)) {
                Ok(err) => err,
                Err(e) => {
                    g.ag_running_async.store(false, Ordering::Release);
                    self.state.store(CLOSED, Ordering::Release);
                    return Err(e);
                }
            },
        };
        let r = resume(vm, &self.agen, Value::None, Some(err));
        self.finish(vm, g, r)
    }

    fn throw(&self, vm: &mut Vm<S>, err: PyErr<S>) -> PyResult<S, GenStep<S>> {
        if self.state.load(Ordering::Acquire) == CLOSED {
            return Err(vm.new_error(
                "RuntimeError",
                "cannot reuse already awaited aclose()/athrow()",
            ));
        }
        let g = agen_obj(&self.agen);
        let r = resume(vm, &self.agen, Value::None, Some(err));
        if self.args.is_some() {
            return unwrap(vm, g, r);
        }
        match r {
            Ok(AStep::Await(v)) => Ok(GenStep::Yielded(v)),
            Ok(AStep::Yield(_)) => {
                g.ag_running_async.store(false, Ordering::Release);
                self.state.store(CLOSED, Ordering::Release);
                Err(vm.new_error("RuntimeError", "async generator ignored GeneratorExit"))
            }
            Ok(AStep::Return) => self.closing_end(vm, bare(vm, "StopAsyncIteration")),
            Err(e) => self.closing_end(vm, e),
        }
    }
}

/// Steps `v` when it is one of the awaitables of this module and of
/// [`super::coroutine_wrapper`] and [`super::anext_awaitable`] (what
/// `await` and `yield from` send to); `None` for any other object.
pub(crate) fn send_step<S: LockStrategy>(
    vm: &mut Vm<S>,
    v: &Value<S>,
    sent: &Value<S>,
) -> Option<PyResult<S, GenStep<S>>> {
    let Some(Payload::Native(n)) = v.payload() else {
        return None;
    };
    let any = n.as_any();
    if let Some(a) = any.downcast_ref::<ASend<S>>() {
        return Some(a.step(vm, sent, None));
    }
    if let Some(a) = any.downcast_ref::<AThrow<S>>() {
        return Some(a.send(vm, sent));
    }
    if let Some(w) = any.downcast_ref::<super::coroutine_wrapper::CoroutineWrapper<S>>() {
        return Some(w.send(vm, sent.clone()));
    }
    if let Some(a) = any.downcast_ref::<super::anext_awaitable::AnextAwaitable<S>>() {
        let this = v.obj().expect("a native object");
        return Some(a.step(vm, this, sent.clone(), None));
    }
    None
}

/// Throws `err` into `v` when it is one of the awaitables [`send_step`]
/// knows; `None` for any other object.
pub(crate) fn throw_step<S: LockStrategy>(
    vm: &mut Vm<S>,
    v: &Value<S>,
    err: &PyErr<S>,
) -> Option<PyResult<S, GenStep<S>>> {
    let Some(Payload::Native(n)) = v.payload() else {
        return None;
    };
    let any = n.as_any();
    let err = PyErr {
        exc: err.exc.clone(),
    };
    if let Some(a) = any.downcast_ref::<ASend<S>>() {
        return Some(a.step(vm, &Value::None, Some(err)));
    }
    if let Some(a) = any.downcast_ref::<AThrow<S>>() {
        return Some(a.throw(vm, err));
    }
    if let Some(w) = any.downcast_ref::<super::coroutine_wrapper::CoroutineWrapper<S>>() {
        return Some(w.throw(vm, err));
    }
    if let Some(a) = any.downcast_ref::<super::anext_awaitable::AnextAwaitable<S>>() {
        let this = v.obj().expect("a native object");
        return Some(a.step(vm, this, Value::None, Some(err)));
    }
    None
}

/// What a `send`/`__next__`/`throw` method returns for a step: the value
/// yielded, or `StopIteration(value)` raised.
pub(crate) fn step_result<S: LockStrategy>(
    vm: &Vm<S>,
    step: PyResult<S, GenStep<S>>,
) -> PyResult<S> {
    match step? {
        GenStep::Yielded(v) => Ok(v),
        GenStep::Returned(v) => Err(stop_iteration(vm, v)),
    }
}

/// The `send`, `throw`, `close`, `__next__`, `__iter__` and `__await__`
/// methods shared by the awaitable types, over their [`send_step`] and
/// [`throw_step`].
pub(crate) fn awaitable_methods<S: LockStrategy>() -> Vec<(&'static str, crate::object::NativeFn<S>)>
{
    vec![
        ("send", awaitable_send),
        ("throw", awaitable_throw),
        ("close", awaitable_close),
        ("__next__", awaitable_next),
        ("__iter__", awaitable_self),
        ("__await__", awaitable_self),
    ]
}

/// The receiver of an awaitable's method, checked.
fn awaitable_recv<'a, S: LockStrategy>(
    vm: &Vm<S>,
    args: &'a Args<S>,
    name: &str,
) -> PyResult<S, &'a Value<S>> {
    let Some(v) = args.pos.first() else {
        return Err(vm.type_error(format!("unbound method {name}() needs an argument")));
    };
    let awaitable = match v.payload() {
        Some(Payload::Native(n)) => matches!(
            n.kind(),
            NativeKind::AsyncGenASend
                | NativeKind::AsyncGenAThrow
                | NativeKind::CoroutineWrapper
                | NativeKind::AnextAwaitable
        ),
        _ => false,
    };
    if !awaitable {
        // A method taken from one of these types and called on another
        // object.
        return Err(vm.type_error(format!(
            "descriptor '{name}' requires an awaitable of an async generator or coroutine, not '{}'",
            crate::ops::type_name(v)
        )));
    }
    Ok(v)
}

fn awaitable_send<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "send", &args, 2, 2)?;
    let this = awaitable_recv(vm, &args, "send")?;
    let step = send_step(vm, this, &args.pos[1]).expect("an awaitable of this module");
    step_result(vm, step)
}

fn awaitable_next<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "__next__", &args, 1, 1)?;
    let this = awaitable_recv(vm, &args, "__next__")?;
    let step = send_step(vm, this, &Value::None).expect("an awaitable of this module");
    step_result(vm, step)
}

fn awaitable_throw<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "throw", &args, 2, 4)?;
    let this = awaitable_recv(vm, &args, "throw")?;
    let err = thrown_exception(vm, &args.pos[1], args.pos.get(2))?;
    let step = throw_step(vm, this, &err).expect("an awaitable of this module");
    step_result(vm, step)
}

fn awaitable_close<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "close", &args, 1, 1)?;
    let this = awaitable_recv(vm, &args, "close")?;
    let Some(Payload::Native(n)) = this.payload() else {
        unreachable!("checked by awaitable_recv")
    };
    let any = n.as_any();
    if let Some(a) = any.downcast_ref::<ASend<S>>() {
        a.state.store(CLOSED, Ordering::Release);
    } else if let Some(a) = any.downcast_ref::<AThrow<S>>() {
        a.state.store(CLOSED, Ordering::Release);
    } else if let Some(w) = any.downcast_ref::<super::coroutine_wrapper::CoroutineWrapper<S>>() {
        w.close(vm)?;
    } else if let Some(a) = any.downcast_ref::<super::anext_awaitable::AnextAwaitable<S>>() {
        a.close(vm, this.obj().expect("a native object"))?;
    }
    Ok(Value::None)
}

fn awaitable_self<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "__await__", &args, 1, 1)?;
    Ok(args.pos[0].clone())
}

/// `next()` of an awaitable: the value of the `StopIteration` that ends
/// it is kept (raised) when there is one.
pub(crate) fn awaitable_next_slot<S: LockStrategy>(
    vm: &mut Vm<S>,
    this: &ObjRef<S>,
) -> PyResult<S, Option<Value<S>>> {
    let step = send_step(vm, &Value::Obj(this.clone()), &Value::None).expect("an awaitable");
    match step? {
        GenStep::Yielded(v) => Ok(Some(v)),
        GenStep::Returned(Value::None) => Ok(None),
        GenStep::Returned(v) => Err(stop_iteration(vm, v)),
    }
}

fn asend_new<S: LockStrategy>(vm: &mut Vm<S>, _args: Args<S>) -> PyResult<S> {
    Err(vm.type_error("cannot create 'async_generator_asend' instances"))
}

fn athrow_new<S: LockStrategy>(vm: &mut Vm<S>, _args: Args<S>) -> PyResult<S> {
    Err(vm.type_error("cannot create 'async_generator_athrow' instances"))
}

impl<S: LockStrategy> NativeObject<S> for ASend<S> {
    fn kind(&self) -> NativeKind {
        NativeKind::AsyncGenASend
    }

    fn repr(&self, _vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, String> {
        Ok(format!(
            "<async_generator_asend object at {:#x}>",
            this.addr()
        ))
    }

    fn truthy(&self, _this: &ObjRef<S>) -> bool {
        true
    }

    fn is_iterator(&self) -> bool {
        true
    }

    fn next(&self, vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, Option<Value<S>>> {
        awaitable_next_slot(vm, this)
    }

    fn is_container(&self) -> bool {
        true
    }

    fn traverse(&self, _header: &crate::object::Header, visit: &mut dyn FnMut(&Value<S>)) {
        visit(&Value::Obj(self.agen.clone()));
        visit(&self.value);
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl<S: LockStrategy> NativeObject<S> for AThrow<S> {
    fn kind(&self) -> NativeKind {
        NativeKind::AsyncGenAThrow
    }

    fn repr(&self, _vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, String> {
        Ok(format!(
            "<async_generator_athrow object at {:#x}>",
            this.addr()
        ))
    }

    fn truthy(&self, _this: &ObjRef<S>) -> bool {
        true
    }

    fn is_iterator(&self) -> bool {
        true
    }

    fn next(&self, vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, Option<Value<S>>> {
        awaitable_next_slot(vm, this)
    }

    fn is_container(&self) -> bool {
        true
    }

    fn traverse(&self, _header: &crate::object::Header, visit: &mut dyn FnMut(&Value<S>)) {
        visit(&Value::Obj(self.agen.clone()));
        for v in self.args.iter().flatten() {
            visit(v);
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

pub fn asend_spec<S: LockStrategy>() -> TypeSpec<S> {
    TypeSpec {
        name: "async_generator_asend",
        builtin: false,
        new: asend_new,
        methods: awaitable_methods,
        dunders: &[],
        base: super::Base::Refused,
    }
}

pub fn athrow_spec<S: LockStrategy>() -> TypeSpec<S> {
    TypeSpec {
        name: "async_generator_athrow",
        builtin: false,
        new: athrow_new,
        methods: awaitable_methods,
        dunders: &[],
        base: super::Base::Refused,
    }
}

// ---- the async generator's methods ----

/// The async generator receiving a method call.
fn recv_agen<'a, S: LockStrategy>(
    vm: &Vm<S>,
    args: &'a Args<S>,
    name: &str,
) -> PyResult<S, &'a ObjRef<S>> {
    match args.pos.first() {
        Some(Value::Obj(o))
            if crate::ops::type_kind(&Value::Obj(o.clone())) == TypeKind::AsyncGenerator =>
        {
            Ok(o)
        }
        Some(other) => Err(vm.type_error(format!(
            "descriptor '{name}' for 'async_generator' objects doesn't apply to a '{}' object",
            crate::ops::type_name(other)
        ))),
        None => Err(vm.type_error(format!(
            "unbound method async_generator.{name}() needs an argument"
        ))),
    }
}

pub(crate) fn agen_aiter<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "__aiter__", &args, 1, 1)?;
    recv_agen(vm, &args, "__aiter__")?;
    Ok(args.pos[0].clone())
}

fn new_asend<S: LockStrategy>(agen: &ObjRef<S>, value: Value<S>) -> Value<S> {
    super::new_object(ASend {
        agen: agen.clone(),
        value,
        state: AtomicU8::new(INIT),
    })
}

pub(crate) fn agen_anext<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "__anext__", &args, 1, 1)?;
    let agen = recv_agen(vm, &args, "__anext__")?;
    Ok(new_asend(agen, Value::None))
}

pub(crate) fn agen_asend<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "asend", &args, 2, 2)?;
    let agen = recv_agen(vm, &args, "asend")?;
    Ok(new_asend(agen, args.pos[1].clone()))
}

pub(crate) fn agen_athrow<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "athrow", &args, 2, 4)?;
    let agen = recv_agen(vm, &args, "athrow")?;
    Ok(super::new_object(AThrow {
        agen: agen.clone(),
        args: Some(args.pos[1..].to_vec()),
        state: AtomicU8::new(INIT),
    }))
}

pub(crate) fn agen_aclose<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "aclose", &args, 1, 1)?;
    let agen = recv_agen(vm, &args, "aclose")?;
    Ok(super::new_object(AThrow {
        agen: agen.clone(),
        args: None,
        state: AtomicU8::new(INIT),
    }))
}
