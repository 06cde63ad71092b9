//! `types.FrameType`: a frame as Python sees it (`tb.tb_frame`), as
//! CPython's `Objects/frameobject.c`, for the code, globals and line that
//! tracebacks and the `traceback`, `warnings` and `inspect` modules read.
//!
//! This runtime's frames live on the thread's data stack and are not
//! objects; a frame object is a snapshot of where a frame was (its code,
//! globals and line), made when a program asks for one. `sys._getframe`
//! snapshots the callers too, as the `f_back` chain (a traceback's frames
//! have none); `f_locals` is there only for module-level frames, whose
//! locals are their globals.

use super::{NativeKind, NativeObject, TypeSpec};
use crate::object::{Header, ObjCell, ObjRef, TracebackEntry, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};
use std::any::Any;

/// Where one frame was: its code, its globals and its line. Behind the
/// object's header so that the collector can clear a frame in a cycle.
pub struct FrameObject<S: LockStrategy> {
    place: ObjCell<Option<TracebackEntry<S>>>,
    /// The caller's frame object (`f_back`), when snapshotted with it.
    back: ObjCell<Option<Value<S>>>,
}

/// A frame object for a recorded place.
pub fn new_frame<S: LockStrategy>(place: TracebackEntry<S>) -> Value<S> {
    with_back(place, None)
}

/// Frame objects for a chain of places, innermost first: the first one's
/// `f_back` is the second, and so on (`sys._getframe`).
pub fn new_frame_chain<S: LockStrategy>(places: Vec<TracebackEntry<S>>) -> Value<S> {
    places
        .into_iter()
        .rev()
        .fold(None, |back, place| Some(with_back(place, back)))
        .unwrap_or(Value::None)
}

fn with_back<S: LockStrategy>(place: TracebackEntry<S>, back: Option<Value<S>>) -> Value<S> {
    super::new_object(FrameObject {
        place: ObjCell::new(Some(place)),
        back: ObjCell::new(back),
    })
}

fn frame_new<S: LockStrategy>(vm: &mut Vm<S>, _args: Args<S>) -> PyResult<S> {
    Err(vm.type_error("cannot create 'frame' instances"))
}

impl<S: LockStrategy> NativeObject<S> for FrameObject<S> {
    fn kind(&self) -> NativeKind {
        NativeKind::Frame
    }

    fn repr(&self, _vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, String> {
        let at = this.raw().as_ptr() as usize;
        Ok(match self.place.with::<S, _>(&this.header, |p| p.clone()) {
            Some(p) => format!(
                "<frame at {at:#x}, file '{}', line {}, code {}>",
                p.code.filename, p.line, p.code.name
            ),
            None => format!("<frame at {at:#x}>"),
        })
    }

    fn hash(&self, this: &ObjRef<S>) -> Option<i64> {
        Some(crate::dict::identity_hash(this.raw().as_ptr() as usize))
    }

    fn get_attr(&self, this: &ObjRef<S>, name: &str) -> Option<Value<S>> {
        let place = self.place.with::<S, _>(&this.header, |p| p.clone())?;
        Some(match name {
            "f_code" => super::code::new_code_object(&place.code),
            "f_globals" => place.globals,
            "f_locals" if place.code.is_module => place.globals,
            "f_lineno" => Value::Int(place.line as i64),
            "f_lasti" => Value::Int(place.pc as i64 * 2),
            "f_back" => self
                .back
                .with::<S, _>(&this.header, |b| b.clone())
                .unwrap_or(Value::None),
            "f_trace" => Value::None,
            "f_trace_lines" => Value::Bool(true),
            "f_trace_opcodes" => Value::Bool(false),
            "f_builtins" => {
                let key = ops::new_str("__builtins__");
                let Value::Obj(g) = &place.globals else {
                    return None;
                };
                ops::dict_get(g, &key)?
            }
            _ => return None,
        })
    }

    fn is_container(&self) -> bool {
        true
    }

    fn traverse(&self, header: &Header, visit: &mut dyn FnMut(&Value<S>)) {
        self.place.with::<S, _>(header, |p| {
            if let Some(p) = p {
                visit(&p.globals);
            }
        });
        self.back.with::<S, _>(header, |b| {
            if let Some(b) = b {
                visit(b);
            }
        });
    }

    fn clear(&self, header: &Header) {
        drop(self.place.with::<S, _>(header, Option::take));
        drop(self.back.with::<S, _>(header, Option::take));
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The type's registration (see `types/mod.rs`).
pub fn spec<S: LockStrategy>() -> TypeSpec<S> {
    TypeSpec {
        name: NativeKind::Frame.short_name(),
        builtin: false,
        new: frame_new,
        methods: Vec::new,
        dunders: &[],
        base: super::Base::No,
    }
}
