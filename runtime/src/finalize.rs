//! Finalizers: `__del__`, closing a suspended generator, and weak reference
//! callbacks, run when the last reference to an object goes.
//!
//! # Why they are deferred
//!
//! The last reference can go anywhere: in the interpreter loop, but also
//! inside a dict's critical section (a replaced value), under a mutex of a
//! builtin module, or while the free path of another object drops its
//! contents. Python code must never run there: under `finegrained` an object
//! lock may be held (a `__del__` that touched the same object would deadlock,
//! and one that locked another could deadlock against a thread locking the
//! two the other way round), and the free path itself must stay re-entrant.
//!
//! So the free path ([`crate::object`]'s `free_object`) never runs Python.
//! For an object with a finalizer it sets [`STATE_FINALIZED`], gives the
//! object its reference back ([`LockStrategy::resurrect`]) and queues it on
//! the current thread's queue; weak reference callbacks are queued the same
//! way ([`crate::weakref`]). The thread's VM runs the queue at its next call
//! that is not a plain Python-to-Python call (builtins, methods, classes —
//! every output and every method call on a shared object goes through one)
//! and after `del`, so `del x; print('after')` prints `__del__`'s output
//! first, as in CPython. The interpreter's hot loop (backward jumps, calls
//! of Python functions) does not check the queue: a check there costs the
//! loop a register spill. When the finalizer has run, the queue drops its reference; if
//! that was the last one, the object is freed for good (the bit makes it a
//! plain free), otherwise the finalizer resurrected it and it lives on,
//! finalized once, as PEP 442 has it.
//!
//! A thread queues only while a VM that will run the queue exists on it
//! (`enter`/`leave`); objects that die elsewhere (runtime teardown, a
//! thread without a VM) are freed without their finalizers, as CPython skips
//! finalizers that would run too late.
//!
//! An exception raised by a finalizer is printed to stderr as CPython's
//! "Exception ignored in: ..." message, and the program goes on.

use crate::object::{Header, ObjRef, Payload, Value, STATE_FINALIZED};
use crate::strategy::LockStrategy;
use crate::sync::Ordering;
use crate::vm::{PyErr, Vm};
use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

/// A finalizer waiting to run.
pub enum Pending<S: LockStrategy> {
    /// Run the object's finalizer: `__del__`, or `close()` of a suspended
    /// generator.
    Finalize(ObjRef<S>),
    /// Call a weak reference's callback with the reference.
    Callback {
        weakref: ObjRef<S>,
        callback: Value<S>,
    },
}

thread_local! {
    /// The queue; entries are `Pending<S>` for the strategy of the runtime
    /// that queued them.
    static QUEUE: RefCell<VecDeque<Box<dyn Any>>> = const { RefCell::new(VecDeque::new()) };
    /// Whether the queue is non-empty: the one cheap check where the VM runs the queue.
    static PENDING: Cell<bool> = const { Cell::new(false) };
    /// How many VMs on this thread will run the queue.
    static DRAINERS: Cell<u32> = const { Cell::new(0) };
}

/// Whether finalizers wait on this thread's queue.
#[inline(always)]
pub fn pending() -> bool {
    PENDING.with(Cell::get)
}

/// Whether a VM on this thread will run what is queued now.
pub fn accepting() -> bool {
    DRAINERS.with(Cell::get) > 0
}

/// Queues a finalizer; gives it back when no VM on this thread would run it.
pub fn push<S: LockStrategy>(p: Pending<S>) -> Result<(), Pending<S>> {
    if !accepting() {
        return Err(p);
    }
    let mut slot = Some(p);
    let _ = QUEUE.try_with(|q| {
        if let Some(p) = slot.take() {
            q.borrow_mut().push_back(Box::new(p));
            PENDING.with(|f| f.set(true));
        }
    });
    match slot {
        None => Ok(()),
        Some(p) => Err(p),
    }
}

/// Everything queued now, for strategy `S`, in order. Entries of another
/// strategy (a second runtime on this thread) are dropped: their objects
/// are freed without finalizer.
fn take_batch<S: LockStrategy>() -> Vec<Pending<S>> {
    let all: Vec<Box<dyn Any>> = QUEUE
        .try_with(|q| {
            PENDING.with(|f| f.set(false));
            q.borrow_mut().drain(..).collect()
        })
        .unwrap_or_default();
    all.into_iter()
        .filter_map(|entry| entry.downcast::<Pending<S>>().ok().map(|p| *p))
        .collect()
}

fn pop_any() -> Option<Box<dyn Any>> {
    QUEUE
        .try_with(|q| {
            let mut q = q.borrow_mut();
            let front = q.pop_front();
            if q.is_empty() {
                PENDING.with(|f| f.set(false));
            }
            front
        })
        .ok()
        .flatten()
}

/// Finalizers queued on this thread, set aside while the thread runs
/// another runtime (`concurrent.interpreters`): that runtime's VM must not
/// run (or drop) them, since they belong to the runtime the thread left.
pub(crate) struct Stashed(VecDeque<Box<dyn Any>>);

/// Takes this thread's queue aside (see [`Stashed`]).
pub(crate) fn stash() -> Stashed {
    Stashed(
        QUEUE
            .try_with(|q| {
                PENDING.with(|f| f.set(false));
                std::mem::take(&mut *q.borrow_mut())
            })
            .unwrap_or_default(),
    )
}

/// Puts back what [`stash`] took, ahead of anything queued since.
pub(crate) fn restore(saved: Stashed) {
    let mut saved = saved.0;
    if saved.is_empty() {
        return;
    }
    let _ = QUEUE.try_with(|q| {
        let mut q = q.borrow_mut();
        saved.append(&mut q);
        *q = saved;
        PENDING.with(|f| f.set(true));
    });
}

/// A VM that runs the queue now exists on this thread.
pub(crate) fn enter() {
    DRAINERS.with(|d| d.set(d.get() + 1));
}

/// The reverse of [`enter`]. When no VM is left, whatever is still queued
/// is dropped (freed without running).
pub(crate) fn leave() {
    let left = DRAINERS.with(|d| {
        let n = d.get().saturating_sub(1);
        d.set(n);
        n
    });
    if left == 0 {
        while let Some(entry) = pop_any() {
            drop(entry);
        }
    }
}

/// Whether an object has a finalizer to run before it is freed: a
/// `__del__`, or a suspended generator to close. The caller owns the object
/// exclusively (its count is zero) or is the collector.
pub(crate) fn has_finalizer<S: LockStrategy>(header: &Header, payload: &Payload<S>) -> bool {
    match payload {
        Payload::Instance(i) => class_has_del(&i.class.get()),
        Payload::Exception(e) => e.dict.is_some() && class_has_del(&e.class.get()),
        Payload::Generator(g) => g.frame.with::<S, _>(header, |f| f.needs_close()),
        _ => false,
    }
}

fn class_has_del<S: LockStrategy>(class: &ObjRef<S>) -> bool {
    match class.payload() {
        Payload::Type(t) => t.has_del.load(Ordering::Relaxed),
        _ => false,
    }
}

/// Whether the object's finalizer was queued already.
#[inline]
pub(crate) fn finalized(header: &crate::object::Header) -> bool {
    header.state().load(Ordering::Relaxed) & STATE_FINALIZED != 0
}

impl<S: LockStrategy> Vm<S> {
    /// Runs every finalizer queued on this thread (called where the VM
    /// checks the queue, when [`pending`] says there are some).
    #[cold]
    #[inline(never)]
    ///
    /// The queue is taken a batch at a time, and each batch runs in order:
    /// what dies while a finalizer runs is finalized at that finalizer's
    /// next call (nested, as CPython would run it at once), never
    /// before the entries queued ahead of it.
    pub fn run_finalizers(&mut self) {
        while pending() {
            for p in take_batch::<S>() {
                self.run_one(p);
            }
        }
    }

    fn run_one(&mut self, p: Pending<S>) {
        {
            match p {
                Pending::Finalize(obj) => self.finalize(obj),
                Pending::Callback { weakref, callback } => {
                    let r = self.call(&callback, vec![Value::Obj(weakref)]);
                    if let Err(e) = r {
                        self.report_unraisable(&e, &callback);
                    }
                }
            }
        }
    }

    /// Clears a finished module's namespace as CPython does at exit, each
    /// name in turn rebound to None, so that objects that only the module
    /// kept alive are finalized while the other names are still bound.
    pub fn finish_module(&mut self, globals: &ObjRef<S>) {
        self.run_pending_finalizers();
        let names: Vec<Value<S>> = crate::ops::dict_items(&Value::Obj(globals.clone()))
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        for name in names {
            if crate::ops::dict_set(self, globals, name, Value::None).is_err() {
                break;
            }
            self.run_pending_finalizers();
        }
    }

    pub(crate) fn finalize(&mut self, obj: ObjRef<S>) {
        let value = Value::Obj(obj);
        if matches!(value.payload(), Some(Payload::Generator(_))) {
            let close = self.interp.methods[&(crate::object::TypeKind::Generator, "close")].clone();
            if let Err(e) = self.call(&close, vec![value.clone()]) {
                self.report_unraisable(&e, &value);
            }
            return;
        }
        let Some(class) = crate::classes::user_class_of(&value) else {
            return;
        };
        let name = self.new_str("__del__");
        if let Some(del) = crate::classes::class_lookup(&class, &name) {
            if let Err(e) = self.call(&del, vec![value.clone()]) {
                self.report_unraisable(&e, &del);
            }
        }
    }

    /// CPython's report of an exception that cannot propagate (raised by a
    /// finalizer): "Exception ignored in: <obj>", the traceback, on stderr.
    pub fn report_unraisable(&mut self, err: &PyErr<S>, obj: &Value<S>) {
        let what = crate::repr::repr(self, obj).unwrap_or_else(|_| "<object>".into());
        let text = crate::traceback::format_exception(self, err);
        self.interp.flush_stdout();
        eprint!("Exception ignored in: {what}\n{text}");
    }
}
