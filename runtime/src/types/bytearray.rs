//! `bytearray`: a mutable sequence of bytes, as CPython's
//! `Objects/bytearrayobject.c`.
//!
//! The bytes live in an [`ObjCell`], so every read and write holds the
//! object's lock under `finegrained` (and nothing more than the GIL
//! otherwise): `ba.append(x)` from two threads loses no byte, as under
//! CPython's GIL. The lock is never held while Python code runs: an
//! argument that must be iterated or converted (`ba.extend(gen)`,
//! `ba[i] = obj_with_index`) is read first, then stored in one critical
//! section. The object holds no references, so the collector does not
//! track it.
//!
//! The methods shared with `bytes` (`find`, `split`, `decode`...) are
//! `super::bytes`'s; those here are the ones that mutate.

use super::bytes::{byte_value, bytes_like, from_source};
use super::{Base, NativeKind, NativeObject, TypeSpec};
use crate::builtins::arity;
use crate::code::BinOp;
use crate::object::{NativeFn, ObjCell, ObjRef, Payload, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};
use std::any::Any;
use std::cmp::Ordering;

/// A bytearray's state: its bytes, behind the object's lock.
pub struct ByteArray {
    data: ObjCell<Vec<u8>>,
}

impl ByteArray {
    pub fn new(data: Vec<u8>) -> Self {
        Self {
            data: ObjCell::new(data),
        }
    }

    /// A new bytearray object.
    pub fn into_value<S: LockStrategy>(self) -> Value<S> {
        super::new_object(self)
    }

    /// Runs `f` on the bytes under the object's lock (`this` is the object
    /// that carries this state: the bytearray, or an instance of a user
    /// subclass). `f` runs no Python code.
    pub(crate) fn with<S: LockStrategy, R>(
        &self,
        this: &ObjRef<S>,
        f: impl FnOnce(&mut Vec<u8>) -> R,
    ) -> R {
        self.data.with::<S, _>(&this.header, f)
    }

    /// Writes `(position, byte)` pairs in one critical section (a
    /// memoryview's assignment); `false`, writing nothing, when a position
    /// is past the end.
    pub fn write_bytes<S: LockStrategy>(&self, this: &ObjRef<S>, writes: &[(usize, u8)]) -> bool {
        self.with::<S, _>(this, |d| {
            if writes.iter().any(|&(p, _)| p >= d.len()) {
                return false;
            }
            for &(p, b) in writes {
                d[p] = b;
            }
            true
        })
    }

    /// A copy of the bytes as they are now.
    pub fn snapshot<S: LockStrategy>(&self, this: &ObjRef<S>) -> Vec<u8> {
        self.with::<S, _>(this, |d| d.clone())
    }
}

/// The receiver of a bytearray method and its state, or CPython's
/// TypeError for a call through the class with another object.
fn receiver<'a, S: LockStrategy>(
    vm: &Vm<S>,
    method: &str,
    args: &'a Args<S>,
) -> PyResult<S, (&'a ObjRef<S>, &'a ByteArray)> {
    let this = super::receiver::<S, ByteArray>(vm, method, NativeKind::ByteArray, &args.pos)?;
    let o = args.pos[0].obj().expect("a bytearray is an object");
    Ok((o, this))
}

/// The bytes to store from `value` of a slice assignment: a bytes-like
/// object, or an iterable of ints in range.
fn bytes_to_store<S: LockStrategy>(vm: &mut Vm<S>, value: &Value<S>) -> PyResult<S, Vec<u8>> {
    if let Some(b) = bytes_like(value) {
        return Ok(b.into_owned());
    }
    if ops::is_int_like(value) || value.as_str().is_some() {
        return Err(
            vm.type_error("can assign only bytes, buffers, or iterables of ints in range(0, 256)")
        );
    }
    let items = ops::iterate(vm, value)?;
    items.iter().map(|x| byte_value(vm, x)).collect()
}

/// An index for `ba[i]`, with CPython's TypeError for other types.
fn index<S: LockStrategy>(vm: &Vm<S>, index: &Value<S>) -> PyResult<S, i64> {
    ops::index_of(vm, "bytearray", index)
}

fn out_of_range<S: LockStrategy>(vm: &Vm<S>) -> crate::vm::PyErr<S> {
    vm.new_error("IndexError", "bytearray index out of range")
}

impl<S: LockStrategy> NativeObject<S> for ByteArray {
    fn kind(&self) -> NativeKind {
        NativeKind::ByteArray
    }

    fn repr(&self, vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, String> {
        let name = ops::type_name(&Value::Obj(this.clone()));
        // Under the lock, without copying: the buffer may be most of memory.
        let inner = self.with::<S, _>(this, |d| crate::repr::try_bytes_repr(d));
        let inner = inner.ok_or_else(|| crate::alloc::memory_error(vm))?;
        let mut out = String::new();
        out.try_reserve_exact(name.len() + inner.len() + 2)
            .map_err(|_| crate::alloc::memory_error(vm))?;
        out.push_str(&name);
        out.push('(');
        out.push_str(&inner);
        out.push(')');
        Ok(out)
    }

    fn eq(&self, this: &ObjRef<S>, other: &Value<S>) -> Option<bool> {
        let other = bytes_like(other)?;
        Some(self.with::<S, _>(this, |d| d[..] == other[..]))
    }

    fn order(
        &self,
        _vm: &mut Vm<S>,
        this: &ObjRef<S>,
        other: &Value<S>,
    ) -> PyResult<S, Option<Ordering>> {
        let Some(other) = bytes_like(other) else {
            return Ok(None);
        };
        Ok(Some(self.with::<S, _>(this, |d| d[..].cmp(&other[..]))))
    }

    fn binary(
        &self,
        vm: &mut Vm<S>,
        op: BinOp,
        a: &Value<S>,
        b: &Value<S>,
    ) -> PyResult<S, Option<Value<S>>> {
        match op {
            BinOp::Add => {
                let Some(left) = bytes_like(a) else {
                    return Ok(None);
                };
                let Some(right) = bytes_like(b) else {
                    return Err(vm.type_error(format!(
                        "can't concat {} to {}",
                        ops::type_name(b),
                        ops::type_name(a)
                    )));
                };
                let joined = [&left[..], &right[..]].concat();
                // The left operand's type: `b'a' + bytearray(b'b')` is bytes.
                Ok(Some(match a.payload() {
                    Some(Payload::Bytes(_)) => super::bytes::new_bytes(joined),
                    _ => ByteArray::new(joined).into_value(),
                }))
            }
            BinOp::Mul => {
                let (seq, count) = match super::downcast::<S, ByteArray>(a) {
                    Some(_) => (a, b),
                    None => (b, a),
                };
                if !ops::is_int_like(count) {
                    return Ok(None);
                }
                let n = ops::expect_int(vm, count)?.max(0) as usize;
                let data = bytes_like(seq).unwrap_or_default();
                if data
                    .len()
                    .checked_mul(n)
                    .is_none_or(|len| len > isize::MAX as usize)
                {
                    return Err(vm.new_error("MemoryError", ""));
                }
                Ok(Some(ByteArray::new(data.repeat(n)).into_value()))
            }
            // `bytearray(b'%s') % args`: bytes formatting, to a bytearray.
            BinOp::Mod if super::downcast::<S, ByteArray>(a).is_some() => {
                let fmt = bytes_like(a).unwrap_or_default();
                let out = crate::fmt::bytes_percent_format(vm, &fmt, b)?;
                Ok(Some(ByteArray::new(out).into_value()))
            }
            _ => Ok(None),
        }
    }

    fn inplace(
        &self,
        vm: &mut Vm<S>,
        op: BinOp,
        this: &ObjRef<S>,
        other: &Value<S>,
    ) -> PyResult<S, Option<Value<S>>> {
        match op {
            BinOp::Add => {
                // Copied first: `ba += ba` reads the object it extends.
                let Some(more) = bytes_like(other) else {
                    return Err(vm.type_error(format!(
                        "can't concat {} to {}",
                        ops::type_name(other),
                        ops::type_name(&Value::Obj(this.clone()))
                    )));
                };
                let more = more.into_owned();
                self.with::<S, _>(this, |d| d.extend_from_slice(&more));
            }
            BinOp::Mul if ops::is_int_like(other) => {
                let n = ops::expect_int(vm, other)?.max(0) as usize;
                let fits = self.with::<S, _>(this, |d| {
                    let len = d.len().checked_mul(n)?;
                    (len <= isize::MAX as usize).then(|| *d = d.repeat(n))
                });
                if fits.is_none() {
                    return Err(vm.new_error("MemoryError", ""));
                }
            }
            _ => return Ok(None),
        }
        Ok(Some(Value::Obj(this.clone())))
    }

    fn len(&self, this: &ObjRef<S>) -> Option<usize> {
        Some(self.with::<S, _>(this, |d| d.len()))
    }

    fn get_item(
        &self,
        vm: &mut Vm<S>,
        this: &ObjRef<S>,
        idx: &Value<S>,
    ) -> PyResult<S, Option<Value<S>>> {
        if let Some(Payload::Slice(parts)) = idx.payload() {
            let raw = ops::slice_unpack(vm, parts)?;
            let picked = self.with::<S, _>(this, |d| {
                let (start, _, step, count) = ops::slice_adjust(raw, d.len());
                ops::slice_pick(d, start, step, count)
            });
            return Ok(Some(ByteArray::new(picked).into_value()));
        }
        let i = index(vm, idx)?;
        let byte = self.with::<S, _>(this, |d| ops::seq_index(i, d.len()).map(|i| d[i]));
        match byte {
            Some(b) => Ok(Some(Value::Int(b as i64))),
            None => Err(out_of_range(vm)),
        }
    }

    fn set_item(
        &self,
        vm: &mut Vm<S>,
        this: &ObjRef<S>,
        idx: &Value<S>,
        value: Option<Value<S>>,
    ) -> PyResult<S, bool> {
        if let Some(Payload::Slice(parts)) = idx.payload() {
            let raw = ops::slice_unpack(vm, parts)?;
            let new = match &value {
                Some(v) => Some(bytes_to_store(vm, v)?),
                None => None,
            };
            // Fitted to the length under the lock, where it is final.
            let mismatch = self.with::<S, _>(this, |d| {
                let (start, stop, step, count) = ops::slice_adjust(raw, d.len());
                let positions = (0..count).map(|k| (start + k as i64 * step) as usize);
                match new {
                    Some(new) if step == 1 => {
                        d.splice(start as usize..stop.max(start) as usize, new);
                    }
                    Some(new) if new.len() != count => return Some((new.len(), count)),
                    Some(new) => positions.zip(new).for_each(|(i, b)| d[i] = b),
                    None => {
                        let mut doomed: Vec<usize> = positions.collect();
                        doomed.sort_unstable();
                        for i in doomed.into_iter().rev() {
                            d.remove(i);
                        }
                    }
                }
                None
            });
            return match mismatch {
                None => Ok(true),
                Some((given, count)) => Err(vm.value_error(format!(
                    "attempt to assign bytes of size {given} to extended slice of size {count}"
                ))),
            };
        }
        let i = index(vm, idx)?;
        let byte = match &value {
            Some(v) => Some(byte_value(vm, v)?),
            None => None,
        };
        let done = self.with::<S, _>(this, |d| {
            let i = ops::seq_index(i, d.len())?;
            match byte {
                Some(b) => d[i] = b,
                None => {
                    d.remove(i);
                }
            }
            Some(())
        });
        match done {
            Some(()) => Ok(true),
            None => Err(out_of_range(vm)),
        }
    }

    fn item_at(&self, this: &ObjRef<S>, i: usize) -> Option<Option<Value<S>>> {
        Some(self.with::<S, _>(this, |d| d.get(i).map(|b| Value::Int(*b as i64))))
    }

    fn contains(
        &self,
        vm: &mut Vm<S>,
        this: &ObjRef<S>,
        item: &Value<S>,
    ) -> PyResult<S, Option<bool>> {
        let hay = self.snapshot(this);
        super::bytes::contains(vm, &hay, item).map(Some)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

// ---- construction ----

/// `bytearray(source=b'', encoding=..., errors=...)`.
fn bytearray_new<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    Ok(ByteArray::new(from_source(vm, "bytearray", args)?).into_value())
}

/// `bytearray.__init__(self, source=b'', ...)`: replaces the contents (how
/// an instance of a user subclass is filled).
fn bytearray_init<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    if args.pos.is_empty() {
        return Err(vm.type_error("descriptor '__init__' of 'bytearray' object needs an argument"));
    }
    let receiver = args.pos.remove(0);
    let Some(this) = super::downcast::<S, ByteArray>(&receiver) else {
        return Err(vm.type_error(format!(
            "descriptor '__init__' requires a 'bytearray' object but received a '{}'",
            ops::type_name(&receiver)
        )));
    };
    let data = from_source(vm, "bytearray", args)?;
    let o = receiver.obj().expect("a bytearray is an object");
    this.with::<S, _>(o, |d| *d = data);
    Ok(Value::None)
}

/// `bytearray.fromhex(string)`.
pub fn bytearray_fromhex<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "fromhex", &args, 1, 1)?;
    Ok(ByteArray::new(super::bytes::parse_hex(vm, &args.pos[0])?).into_value())
}

// ---- methods that mutate ----

fn append<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "append", &args, 2, 2)?;
    let (o, this) = receiver(vm, "append", &args)?;
    let b = byte_value(vm, &args.pos[1])?;
    this.with::<S, _>(o, |d| d.push(b));
    Ok(Value::None)
}

fn extend<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "extend", &args, 2, 2)?;
    let (o, this) = receiver(vm, "extend", &args)?;
    let source = &args.pos[1];
    let more = match bytes_like(source) {
        Some(b) => b.into_owned(),
        None => {
            let items = ops::iterate(vm, source).map_err(|_| {
                vm.type_error(format!(
                    "can't extend bytearray with {}",
                    ops::type_name(source)
                ))
            })?;
            items
                .iter()
                .map(|x| byte_value(vm, x))
                .collect::<PyResult<S, _>>()?
        }
    };
    this.with::<S, _>(o, |d| d.extend_from_slice(&more));
    Ok(Value::None)
}

fn pop<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "pop", &args, 1, 2)?;
    let (o, this) = receiver(vm, "pop", &args)?;
    let at = match args.pos.get(1) {
        Some(v) => ops::expect_int(vm, v)?,
        None => -1,
    };
    let popped = this.with::<S, _>(o, |d| {
        if d.is_empty() {
            return Err("pop from empty bytearray");
        }
        let i = ops::seq_index(at, d.len()).ok_or("pop index out of range")?;
        Ok(d.remove(i))
    });
    match popped {
        Ok(b) => Ok(Value::Int(b as i64)),
        Err(msg) => Err(vm.new_error("IndexError", msg)),
    }
}

fn insert<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "insert", &args, 3, 3)?;
    let (o, this) = receiver(vm, "insert", &args)?;
    let at = ops::expect_int(vm, &args.pos[1])?;
    let b = byte_value(vm, &args.pos[2])?;
    this.with::<S, _>(o, |d| {
        // As `list.insert`: clamped to the ends.
        let len = d.len() as i64;
        let i = if at < 0 {
            (at + len).max(0)
        } else {
            at.min(len)
        };
        d.insert(i as usize, b);
    });
    Ok(Value::None)
}

fn remove<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "remove", &args, 2, 2)?;
    let (o, this) = receiver(vm, "remove", &args)?;
    let b = byte_value(vm, &args.pos[1])?;
    let found = this.with::<S, _>(o, |d| {
        let i = d.iter().position(|x| *x == b)?;
        Some(d.remove(i))
    });
    match found {
        Some(_) => Ok(Value::None),
        None => Err(vm.value_error("value not found in bytearray")),
    }
}

fn clear<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "clear", &args, 1, 1)?;
    let (o, this) = receiver(vm, "clear", &args)?;
    this.with::<S, _>(o, Vec::clear);
    Ok(Value::None)
}

fn copy<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "copy", &args, 1, 1)?;
    let (o, this) = receiver(vm, "copy", &args)?;
    Ok(ByteArray::new(this.snapshot(o)).into_value())
}

fn reverse<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "reverse", &args, 1, 1)?;
    let (o, this) = receiver(vm, "reverse", &args)?;
    this.with::<S, _>(o, |d| d.reverse());
    Ok(Value::None)
}

/// The type's registration (see `types/mod.rs`).
pub fn spec<S: LockStrategy>() -> TypeSpec<S> {
    TypeSpec {
        name: NativeKind::ByteArray.short_name(),
        builtin: true,
        new: bytearray_new,
        methods: || {
            let mut methods: Vec<(&'static str, NativeFn<S>)> = vec![
                ("append", append),
                ("extend", extend),
                ("pop", pop),
                ("insert", insert),
                ("remove", remove),
                ("clear", clear),
                ("copy", copy),
                ("reverse", reverse),
                ("fromhex", bytearray_fromhex),
                ("maketrans", super::bytes::bytes_maketrans),
            ];
            methods.extend(super::bytes::shared_methods::<S>());
            methods
        },
        dunders: &[
            "__len__",
            "__getitem__",
            "__setitem__",
            "__delitem__",
            "__contains__",
            "__iter__",
            "__eq__",
            "__ne__",
        ],
        base: Base::FilledByInit {
            empty: || Box::new(ByteArray::new(Vec::new())),
            init: bytearray_init,
        },
    }
}
