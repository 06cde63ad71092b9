//! `memoryview`: a view of the bytes of a bytes or bytearray object without
//! copying them, as CPython's `Objects/memoryobject.c` for the one-byte
//! unsigned format (`'B'`), which is what the standard library and most
//! programs use: indexing, slicing (a view of a view), writing through to
//! a bytearray, `tobytes`/`tolist`/`hex`, comparison with bytes-like
//! objects, and `release` (also as a context manager).
//!
//! The view keeps its exporter alive and describes a window of it (start,
//! step, length). It reads the exporter's bytes when asked, under the
//! bytearray's lock (see `types/bytearray.rs`); a bytearray resized under
//! the view (which CPython forbids while a view exists) leaves positions
//! past the end, which read as out of range rather than stale memory.
//! `released` is the only state that changes; an atomic flag needs no lock.

use super::bytearray::ByteArray;
use super::bytes::{bytes_like, new_bytes};
use super::{NativeKind, NativeObject, TypeSpec};
use crate::object::{NativeFn, ObjRef, Payload, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyErr, PyResult, Vm};
use std::any::Any;
use std::sync::atomic::{AtomicBool, Ordering};

/// A window of an exporter's bytes: positions `start + k * step` for
/// `k < len`.
pub struct MemoryView<S: LockStrategy> {
    exporter: Value<S>,
    start: usize,
    step: isize,
    len: usize,
    readonly: bool,
    released: AtomicBool,
}

impl<S: LockStrategy> MemoryView<S> {
    /// The exporter's byte positions this view covers.
    fn positions(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.len).map(|k| (self.start as isize + k as isize * self.step) as usize)
    }

    /// The bytes of the view as they are now (`None` if the exporter has
    /// shrunk under it).
    pub fn contents(&self) -> Option<Vec<u8>> {
        let all = bytes_like(&self.exporter)?;
        self.positions().map(|p| all.get(p).copied()).collect()
    }

    fn is_released(&self) -> bool {
        self.released.load(Ordering::Acquire)
    }
}

fn released_error<S: LockStrategy>(vm: &Vm<S>) -> PyErr<S> {
    vm.value_error("operation forbidden on released memoryview object")
}

/// The bytes of a live view, or the errors CPython raises.
fn live_contents<S: LockStrategy>(vm: &Vm<S>, m: &MemoryView<S>) -> PyResult<S, Vec<u8>> {
    if m.is_released() {
        return Err(released_error(vm));
    }
    m.contents()
        .ok_or_else(|| vm.new_error("IndexError", "index out of bounds on dimension 1"))
}

/// `memoryview(obj)`.
fn memoryview_new<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let object = args.take_kw("object");
    crate::builtins::no_other_keywords(vm, "memoryview", &args)?;
    let obj = match (object, args.pos.len()) {
        (Some(o), 0) => o,
        (None, 1) => args.pos.remove(0),
        (None, 0) => {
            return Err(vm.type_error("memoryview() missing required argument 'object' (pos 1)"))
        }
        _ => {
            return Err(vm.type_error(format!(
                "memoryview() takes at most 1 argument ({} given)",
                args.pos.len() + 1
            )))
        }
    };
    // A view of a view is a view of the same exporter and window.
    if let Some(m) = super::downcast::<S, MemoryView<S>>(&obj) {
        if m.is_released() {
            return Err(released_error(vm));
        }
        return Ok(super::new_object(MemoryView {
            exporter: m.exporter.clone(),
            start: m.start,
            step: m.step,
            len: m.len,
            readonly: m.readonly,
            released: AtomicBool::new(false),
        }));
    }
    let Some(len) = bytes_like(&obj).map(|b| b.len()) else {
        return Err(vm.type_error(format!(
            "memoryview: a bytes-like object is required, not '{}'",
            ops::type_name(&obj)
        )));
    };
    let readonly = super::downcast::<S, ByteArray>(&obj).is_none();
    Ok(super::new_object(MemoryView {
        exporter: obj,
        start: 0,
        step: 1,
        len,
        readonly,
        released: AtomicBool::new(false),
    }))
}

fn receiver<'a, S: LockStrategy>(
    vm: &Vm<S>,
    method: &str,
    args: &'a Args<S>,
) -> PyResult<S, &'a MemoryView<S>> {
    super::receiver::<S, MemoryView<S>>(vm, method, NativeKind::MemoryView, &args.pos)
}

fn tobytes<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let _order = args.take_kw("order");
    let m = super::receiver_only::<S, MemoryView<S>>(vm, "tobytes", NativeKind::MemoryView, &args)?;
    Ok(new_bytes(live_contents(vm, m)?))
}

fn tolist<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let m = super::receiver_only::<S, MemoryView<S>>(vm, "tolist", NativeKind::MemoryView, &args)?;
    let items = live_contents(vm, m)?;
    Ok(ops::new_list(
        items.into_iter().map(|b| Value::Int(b as i64)).collect(),
    ))
}

/// `m.hex(sep=None, bytes_per_sep=1)`: as `bytes.hex` of the view's bytes.
fn hex<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let m = receiver(vm, "hex", &args)?;
    let bytes = new_bytes(live_contents(vm, m)?);
    args.pos[0] = bytes;
    super::bytes::bytes_hex(vm, args)
}

fn release<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let m = super::receiver_only::<S, MemoryView<S>>(vm, "release", NativeKind::MemoryView, &args)?;
    m.released.store(true, Ordering::Release);
    Ok(Value::None)
}

fn toreadonly<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let m =
        super::receiver_only::<S, MemoryView<S>>(vm, "toreadonly", NativeKind::MemoryView, &args)?;
    if m.is_released() {
        return Err(released_error(vm));
    }
    Ok(super::new_object(MemoryView {
        exporter: m.exporter.clone(),
        start: m.start,
        step: m.step,
        len: m.len,
        readonly: true,
        released: AtomicBool::new(false),
    }))
}

fn enter<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let m =
        super::receiver_only::<S, MemoryView<S>>(vm, "__enter__", NativeKind::MemoryView, &args)?;
    if m.is_released() {
        return Err(released_error(vm));
    }
    Ok(args.pos[0].clone())
}

fn exit<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let m = receiver(vm, "__exit__", &args)?;
    m.released.store(true, Ordering::Release);
    Ok(Value::None)
}

/// A position of the view from an index argument, or CPython's errors.
fn position<S: LockStrategy>(
    vm: &Vm<S>,
    m: &MemoryView<S>,
    index: &Value<S>,
) -> PyResult<S, usize> {
    let i = ops::index_of(vm, "memoryview", index)?;
    let k = ops::seq_index(i, m.len)
        .ok_or_else(|| vm.new_error("IndexError", "index out of bounds on dimension 1"))?;
    Ok((m.start as isize + k as isize * m.step) as usize)
}

impl<S: LockStrategy> NativeObject<S> for MemoryView<S> {
    fn kind(&self) -> NativeKind {
        NativeKind::MemoryView
    }

    fn repr(&self, _vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, String> {
        let state = if self.is_released() { "released " } else { "" };
        Ok(format!(
            "<{state}memory at {:#x}>",
            this.raw().as_ptr() as usize
        ))
    }

    /// A read-only view hashes as the bytes it shows (and finds them as a
    /// dict key).
    fn hash(&self, this: &ObjRef<S>) -> Option<i64> {
        self.key_hash(this).ok().map(|h| (h >> 1) as i64)
    }

    fn key_hash(&self, _this: &ObjRef<S>) -> Result<u64, crate::dict::NoHash> {
        let unhashable = crate::dict::NoHash::Unhashable("memoryview");
        if !self.readonly || self.is_released() {
            return Err(unhashable);
        }
        let bytes = self.contents().ok_or(unhashable)?;
        crate::dict::hash_value(&new_bytes::<S>(bytes))
    }

    fn eq(&self, _this: &ObjRef<S>, other: &Value<S>) -> Option<bool> {
        let mine = self.contents()?;
        let theirs = match super::downcast::<S, MemoryView<S>>(other) {
            Some(m) => m.contents()?,
            None => bytes_like(other)?.into_owned(),
        };
        Some(mine == theirs)
    }

    fn len(&self, _this: &ObjRef<S>) -> Option<usize> {
        Some(self.len)
    }

    fn get_item(
        &self,
        vm: &mut Vm<S>,
        _this: &ObjRef<S>,
        index: &Value<S>,
    ) -> PyResult<S, Option<Value<S>>> {
        if self.is_released() {
            return Err(released_error(vm));
        }
        if let Some(Payload::Slice(parts)) = index.payload() {
            let (start, _, step, count) = ops::slice_indices(vm, parts, self.len)?;
            let first = self.start as isize + start as isize * self.step;
            return Ok(Some(super::new_object(MemoryView {
                exporter: self.exporter.clone(),
                start: if count == 0 { 0 } else { first as usize },
                step: self.step * step as isize,
                len: count,
                readonly: self.readonly,
                released: AtomicBool::new(false),
            })));
        }
        let p = position(vm, self, index)?;
        let all = bytes_like(&self.exporter).unwrap_or_default();
        match all.get(p) {
            Some(b) => Ok(Some(Value::Int(*b as i64))),
            None => Err(vm.new_error("IndexError", "index out of bounds on dimension 1")),
        }
    }

    fn set_item(
        &self,
        vm: &mut Vm<S>,
        _this: &ObjRef<S>,
        index: &Value<S>,
        value: Option<Value<S>>,
    ) -> PyResult<S, bool> {
        if self.is_released() {
            return Err(released_error(vm));
        }
        let Some(value) = value else {
            return Err(vm.type_error("cannot delete memory"));
        };
        let (Some(target), false) = (
            super::downcast::<S, ByteArray>(&self.exporter),
            self.readonly,
        ) else {
            return Err(vm.type_error("cannot modify read-only memory"));
        };
        let exporter = self.exporter.obj().expect("a bytearray is an object");
        // The positions and the bytes to write there.
        let writes: Vec<(usize, u8)> = if let Some(Payload::Slice(parts)) = index.payload() {
            let (start, _, step, count) = ops::slice_indices(vm, parts, self.len)?;
            let Some(new) = bytes_like(&value).map(|b| b.into_owned()) else {
                return Err(vm.type_error(format!(
                    "a bytes-like object is required, not '{}'",
                    ops::type_name(&value)
                )));
            };
            if new.len() != count {
                return Err(vm.value_error(
                    "memoryview assignment: lvalue and rvalue have different structures",
                ));
            }
            let first = self.start as isize + start as isize * self.step;
            let step = self.step * step as isize;
            new.into_iter()
                .enumerate()
                .map(|(k, b)| ((first + k as isize * step) as usize, b))
                .collect()
        } else {
            let p = position(vm, self, index)?;
            let b = match &value {
                Value::Int(i) if (0..256).contains(i) => *i as u8,
                Value::Bool(b) => *b as u8,
                Value::Int(_) => {
                    return Err(vm.value_error("memoryview: invalid value for format 'B'"))
                }
                _ => return Err(vm.type_error("memoryview: invalid type for format 'B'")),
            };
            vec![(p, b)]
        };
        let fits = target.write_bytes(exporter, &writes);
        if !fits {
            return Err(vm.new_error("IndexError", "index out of bounds on dimension 1"));
        }
        Ok(true)
    }

    fn item_at(&self, _this: &ObjRef<S>, i: usize) -> Option<Option<Value<S>>> {
        if i >= self.len || self.is_released() {
            return Some(None);
        }
        let p = (self.start as isize + i as isize * self.step) as usize;
        let all = bytes_like(&self.exporter)?;
        Some(all.get(p).map(|b| Value::Int(*b as i64)))
    }

    fn get_attr(&self, _this: &ObjRef<S>, name: &str) -> Option<Value<S>> {
        let int = |n: usize| Value::Int(n as i64);
        let contiguous = self.step == 1 || self.len <= 1;
        Some(match name {
            "obj" => self.exporter.clone(),
            "nbytes" => int(self.len),
            "readonly" => Value::Bool(self.readonly),
            "itemsize" => int(1),
            "format" => ops::new_str("B"),
            "ndim" => int(1),
            "shape" => ops::new_tuple(vec![int(self.len)]),
            "strides" => ops::new_tuple(vec![Value::Int(self.step as i64)]),
            "suboffsets" => ops::new_tuple(Vec::new()),
            "c_contiguous" | "f_contiguous" | "contiguous" => Value::Bool(contiguous),
            "released" => Value::Bool(self.is_released()),
            _ => return None,
        })
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn methods<S: LockStrategy>() -> Vec<(&'static str, NativeFn<S>)> {
    vec![
        ("tobytes", tobytes),
        ("tolist", tolist),
        ("hex", hex),
        ("release", release),
        ("toreadonly", toreadonly),
        ("__enter__", enter),
        ("__exit__", exit),
    ]
}

/// The type's registration (see `types/mod.rs`).
pub fn spec<S: LockStrategy>() -> TypeSpec<S> {
    TypeSpec {
        name: NativeKind::MemoryView.short_name(),
        builtin: true,
        new: memoryview_new,
        methods,
        dunders: &["__len__", "__getitem__", "__setitem__"],
        base: super::Base::No,
    }
}
