//! `types.TracebackType`: one link of the chain that `exc.__traceback__`
//! starts, from the frame that caught the exception (or the outermost one)
//! inwards to where it was raised, as CPython's `Python/traceback.c`.
//!
//! The runtime records a raised exception's path as a list of entries
//! inside the exception (cheap, and all that printing it needs); the
//! Python-visible chain is built from that list when a program asks for
//! it. Each link owns its entry and its `tb_next`, behind the object's
//! header, so that the collector can clear a link that sits in a cycle
//! (a traceback kept in a global of the module it refers to).

use super::frame::new_frame;
use super::{NativeKind, NativeObject, TypeSpec};
use crate::object::{Header, ObjCell, ObjRef, Payload, TracebackEntry, Value};
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};
use std::any::Any;

/// One link: where the exception passed, and the next link inwards.
pub struct TracebackObject<S: LockStrategy> {
    link: ObjCell<Option<(TracebackEntry<S>, Value<S>)>>,
}

/// The chain for an exception's entries (innermost first, as recorded),
/// or None when there are none.
pub fn chain_from_entries<S: LockStrategy>(entries: &[TracebackEntry<S>]) -> Value<S> {
    let mut next = Value::None;
    for entry in entries {
        next = super::new_object(TracebackObject {
            link: ObjCell::new(Some((entry.clone(), next))),
        });
    }
    next
}

/// The entries of a chain, innermost first (what the exception records):
/// for `exc.__traceback__ = tb` and `exc.with_traceback(tb)`. None is the
/// empty chain; anything else is CPython's TypeError.
pub fn entries_from_chain<S: LockStrategy>(
    vm: &Vm<S>,
    tb: &Value<S>,
) -> PyResult<S, Vec<TracebackEntry<S>>> {
    let mut entries = Vec::new();
    let mut link = tb.clone();
    while !matches!(link, Value::None) {
        let (Value::Obj(o), Some(tb)) = (&link, super::downcast::<S, TracebackObject<S>>(&link))
        else {
            return Err(vm.type_error("__traceback__ must be a traceback or None"));
        };
        // A link the collector cleared ends the chain.
        let Some((entry, next)) = tb.link.with::<S, _>(&o.header, |l| l.clone()) else {
            break;
        };
        entries.push(entry);
        link = next;
    }
    entries.reverse();
    Ok(entries)
}

fn traceback_new<S: LockStrategy>(vm: &mut Vm<S>, _args: Args<S>) -> PyResult<S> {
    Err(vm.type_error("cannot create 'traceback' instances"))
}

impl<S: LockStrategy> NativeObject<S> for TracebackObject<S> {
    fn kind(&self) -> NativeKind {
        NativeKind::Traceback
    }

    fn repr(&self, _vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, String> {
        Ok(format!(
            "<traceback object at {:#x}>",
            this.raw().as_ptr() as usize
        ))
    }

    fn hash(&self, this: &ObjRef<S>) -> Option<i64> {
        Some(crate::dict::identity_hash(this.raw().as_ptr() as usize))
    }

    fn get_attr(&self, this: &ObjRef<S>, name: &str) -> Option<Value<S>> {
        let (entry, next) = self.link.with::<S, _>(&this.header, |l| l.clone())?;
        Some(match name {
            "tb_frame" => new_frame(entry),
            "tb_lineno" => Value::Int(entry.line as i64),
            // CPython counts code units of two bytes.
            "tb_lasti" => Value::Int(entry.pc as i64 * 2),
            "tb_next" => next,
            _ => return None,
        })
    }

    fn is_container(&self) -> bool {
        true
    }

    fn traverse(&self, header: &Header, visit: &mut dyn FnMut(&Value<S>)) {
        self.link.with::<S, _>(header, |l| {
            if let Some((entry, next)) = l {
                visit(&entry.globals);
                visit(next);
            }
        });
    }

    fn clear(&self, header: &Header) {
        drop(self.link.with::<S, _>(header, Option::take));
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Whether `v` is a traceback object.
pub fn is_traceback<S: LockStrategy>(v: &Value<S>) -> bool {
    matches!(v.payload(), Some(Payload::Native(n)) if n.kind() == NativeKind::Traceback)
}

/// The type's registration (see `types/mod.rs`).
pub fn spec<S: LockStrategy>() -> TypeSpec<S> {
    TypeSpec {
        name: NativeKind::Traceback.short_name(),
        builtin: false,
        new: traceback_new,
        methods: Vec::new,
        dunders: &[],
        base: super::Base::No,
    }
}
