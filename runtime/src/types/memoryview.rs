//! `memoryview`: a view of the bytes of a bytes or bytearray object without
//! copying them, as CPython's `Objects/memoryobject.c` for one-dimensional
//! views: indexing, slicing (a view of a view), writing through to a
//! bytearray, `tobytes`/`tolist`/`hex`, comparison with bytes-like objects,
//! `release` (also as a context manager), and `cast` to another native
//! single-character format (`memoryview(b).cast('I')`, which `re` uses).
//!
//! The view keeps its exporter alive and describes a window of it (start
//! and step in bytes, length in items of `itemsize` bytes). It reads the exporter's bytes when asked, under the
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
    /// The struct format character of an item (`b'B'` unless cast).
    format: u8,
    readonly: bool,
    released: AtomicBool,
}

impl<S: LockStrategy> MemoryView<S> {
    fn itemsize(&self) -> usize {
        item_size(self.format).unwrap_or(1)
    }

    /// The exporter's byte position of each item this view covers.
    fn positions(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.len).map(|k| (self.start as isize + k as isize * self.step) as usize)
    }

    /// The bytes of the view as they are now (`None` if the exporter has
    /// shrunk under it).
    pub fn contents(&self) -> Option<Vec<u8>> {
        let all = bytes_like(&self.exporter)?;
        let size = self.itemsize();
        let mut out = Vec::with_capacity(self.len * size);
        for p in self.positions() {
            out.extend_from_slice(all.get(p..p + size)?);
        }
        Some(out)
    }

    /// The item at the exporter's byte position `p`, if it is still there.
    fn item_at_position(&self, p: usize) -> Option<Value<S>> {
        let all = bytes_like(&self.exporter)?;
        Some(decode(self.format, all.get(p..p + self.itemsize())?))
    }

    /// A new view of the same exporter.
    fn window(
        &self,
        start: usize,
        step: isize,
        len: usize,
        format: u8,
        readonly: bool,
    ) -> Value<S> {
        super::new_object(MemoryView {
            exporter: self.exporter.clone(),
            start,
            step,
            len,
            format,
            readonly,
            released: AtomicBool::new(false),
        })
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
        return Ok(m.window(m.start, m.step, m.len, m.format, m.readonly));
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
        format: b'B',
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
    let bytes = live_contents(vm, m)?;
    let items = bytes
        .chunks(m.itemsize())
        .map(|item| decode(m.format, item));
    Ok(ops::new_list(items.collect()))
}

/// `m.cast(format)`: the same bytes seen as items of another native
/// single-character format; one of the two formats must be a byte format.
fn cast<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let format = args.take_kw("format");
    let shape = args.take_kw("shape");
    crate::builtins::no_other_keywords(vm, "cast", &args)?;
    let m = receiver(vm, "cast", &args)?;
    let mut rest = args.pos[1..].iter().cloned();
    let (Some(format), shape) = (
        format.or_else(|| rest.next()),
        shape.or_else(|| rest.next()),
    ) else {
        return Err(vm.type_error("cast() missing required argument 'format' (pos 1)"));
    };
    if m.is_released() {
        return Err(released_error(vm));
    }
    let Some(text) = format.as_str() else {
        return Err(vm.type_error(format!(
            "cast() argument 'format' must be str, not {}",
            ops::type_name(&format)
        )));
    };
    let code = match text.strip_prefix('@').unwrap_or(text).as_bytes() {
        [c] if item_size(*c).is_some() => *c,
        _ => {
            return Err(vm.value_error(
                "memoryview: destination format must be a native single character format \
                 prefixed with an optional '@'",
            ))
        }
    };
    if !(m.step == m.itemsize() as isize || m.len <= 1) {
        return Err(vm.type_error("memoryview: casts are restricted to C-contiguous views"));
    }
    let is_byte_format = |c: u8| matches!(c, b'B' | b'b' | b'c');
    if !is_byte_format(m.format) && !is_byte_format(code) {
        return Err(vm.type_error("memoryview: cannot cast between two non-byte formats"));
    }
    let nbytes = m.len * m.itemsize();
    let size = item_size(code).unwrap_or(1);
    if nbytes % size != 0 {
        return Err(vm.type_error("memoryview: length is not a multiple of itemsize"));
    }
    let len = nbytes / size;
    if let Some(shape) = shape.filter(|s| !matches!(s, Value::None)) {
        let dims = ops::iterate(vm, &shape)?;
        if dims.len() != 1 || !ops::eq(vm, &dims[0], &Value::Int(len as i64))? {
            return Err(vm.new_error(
                "NotImplementedError",
                "memoryview: Gilgamesh casts only to one dimension of the view's length",
            ));
        }
    }
    Ok(m.window(m.start, size as isize, len, code, m.readonly))
}

/// The size of an item of a native single-character struct format.
fn item_size(code: u8) -> Option<usize> {
    Some(match code {
        b'c' | b'b' | b'B' | b'?' => 1,
        b'h' | b'H' | b'e' => 2,
        b'i' | b'I' | b'f' => 4,
        b'l' | b'L' | b'q' | b'Q' | b'n' | b'N' | b'P' | b'd' => 8,
        _ => return None,
    })
}

/// The value of one item (`bytes` exactly its size, native order).
fn decode<S: LockStrategy>(code: u8, bytes: &[u8]) -> Value<S> {
    let unsigned = |n: u64| match i64::try_from(n) {
        Ok(i) => Value::Int(i),
        Err(_) => ops::int_from_big(n.into()),
    };
    let word = || {
        let mut b = [0u8; 8];
        b[..bytes.len()].copy_from_slice(bytes);
        u64::from_ne_bytes(b)
    };
    match code {
        b'c' => new_bytes(bytes.to_vec()),
        b'?' => Value::Bool(bytes[0] != 0),
        b'b' => Value::Int(i64::from(bytes[0] as i8)),
        b'h' => Value::Int(i64::from(word() as u16 as i16)),
        b'i' => Value::Int(i64::from(word() as u32 as i32)),
        b'l' | b'q' | b'n' => Value::Int(word() as i64),
        b'e' => Value::Float(crate::modules::struct_format::half_value(word() as u16)),
        b'f' => Value::Float(f64::from(f32::from_bits(word() as u32))),
        b'd' => Value::Float(f64::from_bits(word())),
        _ => unsigned(word()),
    }
}

/// The bytes of `value` as an item of the format, or CPython's
/// "invalid type"/"invalid value" errors.
fn encode<S: LockStrategy>(vm: &mut Vm<S>, code: u8, value: &Value<S>) -> PyResult<S, Vec<u8>> {
    let name = char::from(code);
    let fits_type = match code {
        b'c' => matches!(value.payload(), Some(Payload::Bytes(_))),
        b'?' => true,
        b'e' | b'f' | b'd' => ops::is_int_like(value) || matches!(value, Value::Float(_)),
        _ => ops::is_int_like(value),
    };
    if !fits_type {
        return Err(vm.type_error(format!("memoryview: invalid type for format '{name}'")));
    }
    let layout = crate::modules::struct_format::parse(&[code])
        .map_err(|_| vm.value_error(format!("memoryview: invalid value for format '{name}'")))?;
    let mut out = vec![0u8; layout.size];
    crate::modules::struct_format::pack(vm, &layout, std::slice::from_ref(value), &mut out)
        .map_err(|_| vm.value_error(format!("memoryview: invalid value for format '{name}'")))?;
    Ok(out)
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
    Ok(m.window(m.start, m.step, m.len, m.format, true))
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
        if !matches!(self.format, b'B' | b'b' | b'c') {
            return Err(unhashable);
        }
        let bytes = self.contents().ok_or(unhashable)?;
        crate::dict::hash_value(&new_bytes::<S>(bytes))
    }

    fn eq(&self, _this: &ObjRef<S>, other: &Value<S>) -> Option<bool> {
        // Views of the same format compare as bytes; of different formats
        // as their items (`memoryview(b).cast('I') == array('I', ...)`
        // aside, which is not a view here).
        let mine = self.contents()?;
        let (theirs, format) = match super::downcast::<S, MemoryView<S>>(other) {
            Some(m) => (m.contents()?, m.format),
            None => (bytes_like(other)?.into_owned(), b'B'),
        };
        if format == self.format {
            return Some(mine == theirs);
        }
        let values = |bytes: &[u8], code: u8| -> Vec<Value<S>> {
            let size = item_size(code).unwrap_or(1);
            bytes.chunks(size).map(|item| decode(code, item)).collect()
        };
        let (a, b) = (values(&mine, self.format), values(&theirs, format));
        Some(a.len() == b.len() && a.iter().zip(&b).all(|(x, y)| numeric_eq(x, y)))
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
            let start = if count == 0 { 0 } else { first as usize };
            let step = self.step * step as isize;
            return Ok(Some(self.window(
                start,
                step,
                count,
                self.format,
                self.readonly,
            )));
        }
        let p = position(vm, self, index)?;
        match self.item_at_position(p) {
            Some(v) => Ok(Some(v)),
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
        let size = self.itemsize();
        let writes: Vec<(usize, u8)> = if let Some(Payload::Slice(parts)) = index.payload() {
            let (start, _, step, count) = ops::slice_indices(vm, parts, self.len)?;
            // The right side must have the same structure: a view of the
            // same format, or any bytes-like object for a byte view.
            let new = match super::downcast::<S, MemoryView<S>>(&value) {
                Some(m) if m.format == self.format => live_contents(vm, m)?,
                Some(_) => Vec::new(),
                None => match bytes_like(&value) {
                    Some(b) if self.format == b'B' => b.into_owned(),
                    Some(_) => Vec::new(),
                    None => {
                        return Err(vm.type_error(format!(
                            "a bytes-like object is required, not '{}'",
                            ops::type_name(&value)
                        )))
                    }
                },
            };
            if new.len() != count * size {
                return Err(vm.value_error(
                    "memoryview assignment: lvalue and rvalue have different structures",
                ));
            }
            let first = self.start as isize + start as isize * self.step;
            let step = self.step * step as isize;
            new.into_iter()
                .enumerate()
                .map(|(i, b)| {
                    let (k, byte) = (i / size, i % size);
                    ((first + k as isize * step) as usize + byte, b)
                })
                .collect()
        } else {
            let p = position(vm, self, index)?;
            let bytes = encode(vm, self.format, &value)?;
            bytes
                .into_iter()
                .enumerate()
                .map(|(i, b)| (p + i, b))
                .collect()
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
        Some(self.item_at_position(p))
    }

    fn get_attr(&self, _this: &ObjRef<S>, name: &str) -> Option<Value<S>> {
        let int = |n: usize| Value::Int(n as i64);
        let contiguous = self.step == self.itemsize() as isize || self.len <= 1;
        Some(match name {
            "obj" => self.exporter.clone(),
            "nbytes" => int(self.len * self.itemsize()),
            "readonly" => Value::Bool(self.readonly),
            "itemsize" => int(self.itemsize()),
            "format" => ops::new_str(char::from(self.format).to_string()),
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
        ("cast", cast),
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
        base: super::Base::Refused,
    }
}

/// `==` of two items: ints, floats and bools by value, others by bytes.
fn numeric_eq<S: LockStrategy>(a: &Value<S>, b: &Value<S>) -> bool {
    let number = |v: &Value<S>| match v {
        Value::Int(i) => Some(*i as f64),
        Value::Bool(b) => Some(f64::from(u8::from(*b))),
        Value::Float(f) => Some(*f),
        _ => None,
    };
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => x == y,
        _ => match (number(a), number(b)) {
            (Some(x), Some(y)) => x == y,
            _ => bytes_like(a) == bytes_like(b) && bytes_like(a).is_some(),
        },
    }
}
