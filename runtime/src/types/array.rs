//! `array.array`: a mutable sequence of machine values of one C type, as
//! CPython's `Modules/arraymodule.c`, stored as the bytes of those values
//! in the machine's order (what `tobytes` returns and what `struct` reads
//! through the buffer protocol, `bytes_like`).
//!
//! The bytes live in an [`ObjCell`], read and written under the object's
//! lock (nothing more than the GIL in the GIL modes): values are converted
//! first (conversion may run `__index__`), then stored in one critical
//! section, as `bytearray` does.

use super::{NativeKind, NativeObject, TypeSpec};
use crate::builtins::arity;
use crate::code::BinOp;
use crate::object::{NativeFn, ObjCell, ObjRef, Payload, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};
use num_traits::ToPrimitive;
use std::any::Any;
use std::cmp::Ordering;

/// CPython's typecodes, in its order.
const CODES: &str = "bBuhHiIlLqQfd";

pub struct Array {
    code: u8,
    data: ObjCell<Vec<u8>>,
}

/// The byte size of one item of `code`.
fn item_size(code: u8) -> usize {
    match code {
        b'b' | b'B' => 1,
        b'h' | b'H' => 2,
        b'u' | b'i' | b'I' | b'f' => 4,
        _ => 8,
    }
}

/// One value of an array, as compared and turned into Python objects.
#[derive(Clone, Copy, PartialEq, PartialOrd)]
enum Item {
    Int(i128),
    Float(f64),
    Char(char),
}

impl Item {
    fn into_value<S: LockStrategy>(self) -> Value<S> {
        match self {
            Item::Int(i) => match i64::try_from(i) {
                Ok(i) => Value::Int(i),
                Err(_) => ops::int_from_big(i.into()),
            },
            Item::Float(f) => Value::Float(f),
            Item::Char(c) => ops::new_str(c.to_string()),
        }
    }
}

/// The value held by the bytes of one item.
fn decode(code: u8, b: &[u8]) -> Item {
    let mut raw = [0u8; 8];
    raw[..b.len()].copy_from_slice(b);
    match code {
        b'b' => Item::Int(i128::from(b[0] as i8)),
        b'B' => Item::Int(i128::from(b[0])),
        b'h' => Item::Int(i128::from(i16::from_le_bytes([b[0], b[1]]))),
        b'H' => Item::Int(i128::from(u16::from_le_bytes([b[0], b[1]]))),
        b'i' => Item::Int(i128::from(i32::from_le_bytes([b[0], b[1], b[2], b[3]]))),
        b'I' => Item::Int(i128::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))),
        b'l' | b'q' => Item::Int(i128::from(i64::from_le_bytes(raw))),
        b'L' | b'Q' => Item::Int(i128::from(u64::from_le_bytes(raw))),
        b'f' => Item::Float(f64::from(f32::from_le_bytes([b[0], b[1], b[2], b[3]]))),
        b'd' => Item::Float(f64::from_le_bytes(raw)),
        _ => Item::Char(
            char::from_u32(u32::from_le_bytes([b[0], b[1], b[2], b[3]])).unwrap_or('\u{fffd}'),
        ),
    }
}

/// The bytes of `v` as an item of `code`, with CPython's errors.
fn encode<S: LockStrategy>(vm: &mut Vm<S>, code: u8, v: &Value<S>) -> PyResult<S, Vec<u8>> {
    let overflow = |vm: &Vm<S>, msg: &str| vm.new_error("OverflowError", msg);
    match code {
        b'u' => match v.as_str() {
            Some(s) if s.chars().count() == 1 => {
                let c = s.chars().next().map_or(0, u32::from);
                Ok(c.to_le_bytes().to_vec())
            }
            _ => Err(vm.type_error("array item must be unicode character")),
        },
        b'f' | b'd' => {
            let not_real = |vm: &Vm<S>| {
                vm.type_error(format!("must be real number, not {}", ops::type_name(v)))
            };
            let x = match crate::types::float::to_f64(vm, v)? {
                Some(x) if v.as_str().is_none() => x,
                _ => match crate::classes::call_dunder(vm, v, "__float__", Vec::new())? {
                    Some(f) => crate::types::float::to_f64(vm, &f)?.ok_or_else(|| not_real(vm))?,
                    None => match crate::classes::call_dunder(vm, v, "__index__", Vec::new())? {
                        Some(i) => {
                            crate::types::float::to_f64(vm, &i)?.ok_or_else(|| not_real(vm))?
                        }
                        None => return Err(not_real(vm)),
                    },
                },
            };
            Ok(match code {
                b'f' => (x as f32).to_le_bytes().to_vec(),
                _ => x.to_le_bytes().to_vec(),
            })
        }
        _ => {
            let i = ops::as_index(vm, v)?;
            let Some(big) = ops::to_big(&i) else {
                return Err(vm.type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    ops::type_name(v)
                )));
            };
            let x = big.to_i128();
            let long = "Python int too large to convert to C long";
            let ulong = "Python int too large to convert to C unsigned long";
            let negative = "can't convert negative value to unsigned int";
            let checked = |x: Option<i128>, lo: i128, hi: i128, what: &str| match x {
                Some(x) if i64::try_from(x).is_err() => Err(long.to_string()),
                None => Err(long.to_string()),
                Some(x) if x < lo => Err(format!("{what} is less than minimum")),
                Some(x) if x > hi => Err(format!("{what} is greater than maximum")),
                Some(x) => Ok(x),
            };
            let r = match code {
                b'b' => checked(x, -128, 127, "signed char"),
                b'B' => checked(x, 0, 255, "unsigned byte integer"),
                b'h' => checked(x, -32768, 32767, "signed short integer"),
                b'H' => checked(x, 0, 65535, "unsigned short"),
                b'i' => checked(x, i32::MIN.into(), i32::MAX.into(), "signed integer"),
                b'l' => checked(x, i64::MIN.into(), i64::MAX.into(), "signed long"),
                b'I' | b'L' => match x {
                    _ if big.sign() == num_bigint::Sign::Minus => Err(negative.to_string()),
                    Some(x) if u64::try_from(x).is_ok() => {
                        if code == b'I' && x > i128::from(u32::MAX) {
                            Err("unsigned int is greater than maximum".to_string())
                        } else {
                            Ok(x)
                        }
                    }
                    _ => Err(ulong.to_string()),
                },
                b'q' => match x {
                    Some(x) if i64::try_from(x).is_ok() => Ok(x),
                    _ => Err("int too big to convert".to_string()),
                },
                _ => match x {
                    _ if big.sign() == num_bigint::Sign::Minus => {
                        Err("can't convert negative int to unsigned".to_string())
                    }
                    Some(x) if u64::try_from(x).is_ok() => Ok(x),
                    _ => Err("int too big to convert".to_string()),
                },
            };
            match r {
                Ok(x) => Ok(x.to_le_bytes()[..item_size(code)].to_vec()),
                Err(msg) => Err(overflow(vm, &msg)),
            }
        }
    }
}

impl Array {
    fn with<S: LockStrategy, R>(&self, this: &ObjRef<S>, f: impl FnOnce(&mut Vec<u8>) -> R) -> R {
        self.data.with::<S, _>(&this.header, f)
    }

    fn size(&self) -> usize {
        item_size(self.code)
    }

    /// A copy of the bytes as they are now (the buffer protocol).
    pub fn snapshot<S: LockStrategy>(&self, this: &ObjRef<S>) -> Vec<u8> {
        self.with::<S, _>(this, |d| d.clone())
    }

    fn items<S: LockStrategy>(&self, this: &ObjRef<S>) -> Vec<Item> {
        let (code, size) = (self.code, self.size());
        self.with::<S, _>(this, |d| d.chunks(size).map(|c| decode(code, c)).collect())
    }

    fn new_value<S: LockStrategy>(code: u8, data: Vec<u8>) -> Value<S> {
        super::new_object(Array {
            code,
            data: ObjCell::new(data),
        })
    }

    /// The bytes of every value of an iterable, converted before any is
    /// stored.
    fn encode_all<S: LockStrategy>(&self, vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, Vec<u8>> {
        let items = ops::iterate(vm, v)?;
        let mut out = Vec::with_capacity(items.len() * self.size());
        for item in &items {
            out.extend(encode(vm, self.code, item)?);
        }
        Ok(out)
    }
}

fn receiver<'a, S: LockStrategy>(
    vm: &Vm<S>,
    method: &str,
    args: &'a Args<S>,
) -> PyResult<S, (&'a ObjRef<S>, &'a Array)> {
    let this = super::receiver::<S, Array>(vm, method, NativeKind::Array, &args.pos)?;
    let o = args.pos[0].obj().expect("an array is an object");
    Ok((o, this))
}

/// The contents of a bytes or bytearray initializer (read as `frombytes`
/// reads them).
fn raw_bytes<S: LockStrategy>(v: &Value<S>) -> Option<Vec<u8>> {
    match v.payload()? {
        Payload::Bytes(b) => Some(b.to_vec()),
        _ => super::downcast::<S, super::bytearray::ByteArray>(v)
            .map(|ba| ba.snapshot::<S>(v.obj().expect("a bytearray is an object"))),
    }
}

/// `array(typecode[, initializer])`.
fn array_new<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    if !args.kw.is_empty() {
        return Err(vm.type_error("array.array() takes no keyword arguments"));
    }
    arity(vm, "array", &args, 1, 2)?;
    let code = match args.pos[0].as_str() {
        Some(s) if s.chars().count() == 1 => s.chars().next().unwrap_or(' '),
        _ => {
            return Err(vm.type_error(format!(
                "array() argument 1 must be a unicode character, not {}",
                ops::type_name(&args.pos[0])
            )))
        }
    };
    if !CODES.contains(code) {
        return Err(
            vm.value_error("bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)")
        );
    }
    let code = code as u8;
    let this = Array {
        code,
        data: ObjCell::new(Vec::new()),
    };
    let data = match args.pos.get(1) {
        None => Vec::new(),
        Some(init) => {
            if let Some(s) = init.as_str() {
                if code != b'u' {
                    return Err(vm.type_error(format!(
                        "cannot use a str to initialize an array with typecode '{}'",
                        char::from(code)
                    )));
                }
                s.chars().flat_map(|c| u32::from(c).to_le_bytes()).collect()
            } else if let Some(b) = raw_bytes(init) {
                if b.len() % this.size() != 0 {
                    return Err(vm.value_error("bytes length not a multiple of item size"));
                }
                b
            } else {
                this.encode_all(vm, init)?
            }
        }
    };
    Ok(Array::new_value(code, data))
}

impl<S: LockStrategy> NativeObject<S> for Array {
    fn kind(&self) -> NativeKind {
        NativeKind::Array
    }

    fn repr(&self, vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, String> {
        let items = self.items(this);
        let code = char::from(self.code);
        if items.is_empty() {
            return Ok(format!("array('{code}')"));
        }
        let inner = if self.code == b'u' {
            let s: String = items
                .iter()
                .map(|i| match i {
                    Item::Char(c) => *c,
                    _ => ' ',
                })
                .collect();
            crate::repr::repr(vm, &ops::new_str(s))?
        } else {
            let mut parts = Vec::with_capacity(items.len());
            for i in items {
                parts.push(crate::repr::repr(vm, &i.into_value())?);
            }
            format!("[{}]", parts.join(", "))
        };
        Ok(format!("array('{code}', {inner})"))
    }

    fn len(&self, this: &ObjRef<S>) -> Option<usize> {
        Some(self.with::<S, _>(this, |d| d.len()) / self.size())
    }

    fn eq(&self, this: &ObjRef<S>, other: &Value<S>) -> Option<bool> {
        let (o, a) = super::slots(other)?;
        let a = a.as_any().downcast_ref::<Array>()?;
        Some(self.items(this) == a.items(o))
    }

    fn order(
        &self,
        _vm: &mut Vm<S>,
        this: &ObjRef<S>,
        other: &Value<S>,
    ) -> PyResult<S, Option<Ordering>> {
        let Some(a) = super::downcast::<S, Array>(other) else {
            return Ok(None);
        };
        let Some(o) = other.obj() else {
            return Ok(None);
        };
        Ok(self.items(this).partial_cmp(&a.items(o)))
    }

    fn get_item(
        &self,
        vm: &mut Vm<S>,
        this: &ObjRef<S>,
        idx: &Value<S>,
    ) -> PyResult<S, Option<Value<S>>> {
        let size = self.size();
        if let Some(Payload::Slice(parts)) = idx.payload() {
            let raw = ops::slice_unpack(vm, parts)?;
            let picked = self.with::<S, _>(this, |d| {
                let chunks: Vec<&[u8]> = d.chunks(size).collect();
                let (start, _, step, count) = ops::slice_adjust(raw, chunks.len());
                ops::slice_pick(&chunks, start, step, count).concat()
            });
            return Ok(Some(Array::new_value(self.code, picked)));
        }
        let i = ops::index_of(vm, "array", idx)
            .map_err(|_| vm.type_error("array indices must be integers"))?;
        let code = self.code;
        let item = self.with::<S, _>(this, |d| {
            ops::seq_index(i, d.len() / size).map(|i| decode(code, &d[i * size..(i + 1) * size]))
        });
        match item {
            Some(item) => Ok(Some(item.into_value())),
            None => Err(vm.new_error("IndexError", "array index out of range")),
        }
    }

    fn set_item(
        &self,
        vm: &mut Vm<S>,
        this: &ObjRef<S>,
        idx: &Value<S>,
        value: Option<Value<S>>,
    ) -> PyResult<S, bool> {
        let size = self.size();
        if let Some(Payload::Slice(parts)) = idx.payload() {
            let raw = ops::slice_unpack(vm, parts)?;
            let new = match &value {
                None => None,
                Some(v) => match super::downcast::<S, Array>(v) {
                    Some(a) if a.code == self.code => Some(a.snapshot(v.obj().expect("object"))),
                    _ => {
                        return Err(vm.type_error(format!(
                            "can only assign array (not \"{}\") to array slice",
                            ops::type_name(v)
                        )))
                    }
                },
            };
            let err = self.with::<S, _>(this, |d| {
                let n = d.len() / size;
                let (start, stop, step, count) = ops::slice_adjust(raw, n);
                if step == 1 {
                    let (lo, hi) = (start as usize, (stop.max(start)) as usize);
                    d.splice(lo * size..hi * size, new.unwrap_or_default());
                    return None;
                }
                let positions: Vec<usize> =
                    (0..count).map(|k| (start + k as i64 * step) as usize).collect();
                match new {
                    Some(new) => {
                        if new.len() / size != count {
                            return Some(format!(
                                "attempt to assign array of size {} to extended slice of size {count}",
                                new.len() / size
                            ));
                        }
                        for (k, p) in positions.iter().enumerate() {
                            d[p * size..(p + 1) * size]
                                .copy_from_slice(&new[k * size..(k + 1) * size]);
                        }
                    }
                    None => {
                        let mut keep = vec![true; n];
                        for p in positions {
                            keep[p] = false;
                        }
                        let kept: Vec<u8> = d
                            .chunks(size)
                            .zip(keep)
                            .filter(|(_, k)| *k)
                            .flat_map(|(c, _)| c.to_vec())
                            .collect();
                        *d = kept;
                    }
                }
                None
            });
            return match err {
                Some(msg) => Err(vm.value_error(msg)),
                None => Ok(true),
            };
        }
        let i = ops::index_of(vm, "array", idx)
            .map_err(|_| vm.type_error("array indices must be integers"))?;
        let bytes = match &value {
            Some(v) => Some(encode(vm, self.code, v)?),
            None => None,
        };
        let done = self.with::<S, _>(this, |d| {
            let Some(p) = ops::seq_index(i, d.len() / size) else {
                return false;
            };
            match bytes {
                Some(b) => d[p * size..(p + 1) * size].copy_from_slice(&b),
                None => {
                    d.drain(p * size..(p + 1) * size);
                }
            }
            true
        });
        if !done {
            return Err(vm.new_error("IndexError", "array assignment index out of range"));
        }
        Ok(true)
    }

    fn item_at(&self, this: &ObjRef<S>, i: usize) -> Option<Option<Value<S>>> {
        let (code, size) = (self.code, self.size());
        Some(self.with::<S, _>(this, |d| {
            d.get(i * size..(i + 1) * size)
                .map(|b| decode(code, b).into_value())
        }))
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
                let Some(x) = super::downcast::<S, Array>(a) else {
                    // `bytes + array`: bytes concatenates any buffer.
                    if let (Some(Payload::Bytes(left)), Some(right)) =
                        (a.payload(), super::bytes::bytes_like(b))
                    {
                        let joined = [&left[..], &right[..]].concat();
                        return Ok(Some(super::bytes::new_bytes(joined)));
                    }
                    return Ok(None);
                };
                let Some(y) = super::downcast::<S, Array>(b) else {
                    return Err(vm.type_error(format!(
                        "can only append array (not \"{}\") to array",
                        ops::type_name(b)
                    )));
                };
                if x.code != y.code {
                    return Err(vm.type_error("bad argument type for built-in operation"));
                }
                let mut joined = x.snapshot(a.obj().expect("object"));
                joined.extend(y.snapshot(b.obj().expect("object")));
                Ok(Some(Array::new_value(x.code, joined)))
            }
            BinOp::Mul => {
                let (seq, count) = match super::downcast::<S, Array>(a) {
                    Some(_) => (a, b),
                    None => (b, a),
                };
                if !ops::is_int_like(count) {
                    return Ok(None);
                }
                let Some(arr) = super::downcast::<S, Array>(seq) else {
                    return Ok(None);
                };
                let n = ops::expect_int(vm, count)?.max(0) as usize;
                let data = arr.snapshot(seq.obj().expect("object"));
                if data
                    .len()
                    .checked_mul(n)
                    .is_none_or(|l| l > isize::MAX as usize)
                {
                    return Err(vm.new_error("MemoryError", ""));
                }
                Ok(Some(Array::new_value(arr.code, data.repeat(n))))
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
                let Some(o) = super::downcast::<S, Array>(other) else {
                    return Err(vm.type_error(format!(
                        "can only extend array with array (not \"{}\")",
                        ops::type_name(other)
                    )));
                };
                if o.code != self.code {
                    return Err(vm.type_error("can only extend with array of same kind"));
                }
                let more = o.snapshot(other.obj().expect("object"));
                self.with::<S, _>(this, |d| d.extend_from_slice(&more));
            }
            BinOp::Mul if ops::is_int_like(other) => {
                let n = ops::expect_int(vm, other)?.max(0) as usize;
                self.with::<S, _>(this, |d| *d = d.repeat(n));
            }
            _ => return Ok(None),
        }
        Ok(Some(Value::Obj(this.clone())))
    }

    fn get_attr(&self, _this: &ObjRef<S>, name: &str) -> Option<Value<S>> {
        match name {
            "typecode" => Some(ops::new_str(char::from(self.code).to_string())),
            "itemsize" => Some(Value::Int(self.size() as i64)),
            _ => None,
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn append<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let (o, this) = receiver(vm, "append", &args)?;
    let rest = Args {
        pos: args.pos[1..].to_vec(),
        kw: args.kw.clone(),
    };
    arity(vm, "append", &rest, 1, 1)?;
    let b = encode(vm, this.code, &rest.pos[0])?;
    this.with::<S, _>(o, |d| d.extend_from_slice(&b));
    Ok(Value::None)
}

fn extend<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let (o, this) = receiver(vm, "extend", &args)?;
    let rest = Args {
        pos: args.pos[1..].to_vec(),
        kw: args.kw.clone(),
    };
    arity(vm, "extend", &rest, 1, 1)?;
    let src = &rest.pos[0];
    match super::downcast::<S, Array>(src) {
        Some(a) if a.code != this.code => {
            Err(vm.type_error("can only extend with array of same kind"))
        }
        Some(a) => {
            let more = a.snapshot(src.obj().expect("object"));
            this.with::<S, _>(o, |d| d.extend_from_slice(&more));
            Ok(Value::None)
        }
        None => {
            // Item by item, as CPython: the items before a bad one stay.
            for item in ops::iterate(vm, src)? {
                let b = encode(vm, this.code, &item)?;
                this.with::<S, _>(o, |d| d.extend_from_slice(&b));
            }
            Ok(Value::None)
        }
    }
}

fn tobytes<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let this = super::receiver_only::<S, Array>(vm, "tobytes", NativeKind::Array, &args)?;
    Ok(super::bytes::new_bytes(
        this.snapshot(args.pos[0].obj().expect("object")),
    ))
}

fn frombytes<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let (o, this) = receiver(vm, "frombytes", &args)?;
    let rest = Args {
        pos: args.pos[1..].to_vec(),
        kw: args.kw.clone(),
    };
    arity(vm, "frombytes", &rest, 1, 1)?;
    let Some(b) = super::bytes::bytes_like(&rest.pos[0]) else {
        return Err(vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            ops::type_name(&rest.pos[0])
        )));
    };
    if b.len() % this.size() != 0 {
        return Err(vm.value_error("bytes length not a multiple of item size"));
    }
    let b = b.into_owned();
    this.with::<S, _>(o, |d| d.extend_from_slice(&b));
    Ok(Value::None)
}

fn tolist<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let this = super::receiver_only::<S, Array>(vm, "tolist", NativeKind::Array, &args)?;
    let items = this.items(args.pos[0].obj().expect("object"));
    Ok(ops::new_list(
        items.into_iter().map(Item::into_value).collect(),
    ))
}

fn pop<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let (o, this) = receiver(vm, "pop", &args)?;
    let rest = Args {
        pos: args.pos[1..].to_vec(),
        kw: args.kw.clone(),
    };
    arity(vm, "pop", &rest, 0, 1)?;
    let i = match rest.pos.first() {
        Some(v) => {
            let v = ops::as_index(vm, v)?;
            ops::expect_int(vm, &v)?
        }
        None => -1,
    };
    let (code, size) = (this.code, this.size());
    let r = this.with::<S, _>(o, |d| {
        let n = d.len() / size;
        if n == 0 {
            return Err("pop from empty array");
        }
        let p = ops::seq_index(i, n).ok_or("pop index out of range")?;
        let item = decode(code, &d[p * size..(p + 1) * size]);
        d.drain(p * size..(p + 1) * size);
        Ok(item)
    });
    match r {
        Ok(item) => Ok(item.into_value()),
        Err(msg) => Err(vm.new_error("IndexError", msg)),
    }
}

/// The position of the first item equal to `x`, with its count.
fn find<S: LockStrategy>(
    vm: &mut Vm<S>,
    o: &ObjRef<S>,
    this: &Array,
    x: &Value<S>,
) -> PyResult<S, (Option<usize>, usize)> {
    let items = this.items(o);
    let (mut first, mut count) = (None, 0);
    for (k, item) in items.into_iter().enumerate() {
        if ops::eq(vm, &item.into_value(), x)? {
            first = first.or(Some(k));
            count += 1;
        }
    }
    Ok((first, count))
}

fn one_arg<S: LockStrategy>(vm: &Vm<S>, name: &str, args: &Args<S>) -> PyResult<S, Value<S>> {
    let rest = Args {
        pos: args.pos[1..].to_vec(),
        kw: args.kw.clone(),
    };
    arity(vm, name, &rest, 1, 1)?;
    Ok(rest.pos[0].clone())
}

fn index<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let (o, this) = receiver(vm, "index", &args)?;
    let x = one_arg(vm, "index", &args)?;
    match find(vm, o, this, &x)?.0 {
        Some(k) => Ok(Value::Int(k as i64)),
        None => Err(vm.value_error("array.index(x): x not in array")),
    }
}

fn count<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let (o, this) = receiver(vm, "count", &args)?;
    let x = one_arg(vm, "count", &args)?;
    Ok(Value::Int(find(vm, o, this, &x)?.1 as i64))
}

fn remove<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let (o, this) = receiver(vm, "remove", &args)?;
    let x = one_arg(vm, "remove", &args)?;
    let Some(k) = find(vm, o, this, &x)?.0 else {
        return Err(vm.value_error("array.remove(x): x not in array"));
    };
    let size = this.size();
    this.with::<S, _>(o, |d| {
        if d.len() >= (k + 1) * size {
            d.drain(k * size..(k + 1) * size);
        }
    });
    Ok(Value::None)
}

fn insert<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let (o, this) = receiver(vm, "insert", &args)?;
    let rest = Args {
        pos: args.pos[1..].to_vec(),
        kw: args.kw.clone(),
    };
    arity(vm, "insert", &rest, 2, 2)?;
    let i = ops::as_index(vm, &rest.pos[0])?;
    let i = ops::expect_int(vm, &i)?;
    let b = encode(vm, this.code, &rest.pos[1])?;
    let size = this.size();
    this.with::<S, _>(o, |d| {
        let n = (d.len() / size) as i64;
        let p = if i < 0 { (i + n).max(0) } else { i.min(n) } as usize;
        d.splice(p * size..p * size, b);
    });
    Ok(Value::None)
}

fn reverse<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let this = super::receiver_only::<S, Array>(vm, "reverse", NativeKind::Array, &args)?;
    let size = this.size();
    this.with::<S, _>(args.pos[0].obj().expect("object"), |d| {
        let rev: Vec<u8> = d.chunks(size).rev().flatten().copied().collect();
        *d = rev;
    });
    Ok(Value::None)
}

fn byteswap<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let this = super::receiver_only::<S, Array>(vm, "byteswap", NativeKind::Array, &args)?;
    let size = this.size();
    this.with::<S, _>(args.pos[0].obj().expect("object"), |d| {
        d.chunks_mut(size).for_each(<[u8]>::reverse);
    });
    Ok(Value::None)
}

pub fn spec<S: LockStrategy>() -> TypeSpec<S> {
    TypeSpec {
        name: NativeKind::Array.short_name(),
        builtin: false,
        new: array_new,
        methods: || {
            vec![
                ("append", append as NativeFn<S>),
                ("extend", extend),
                ("tobytes", tobytes),
                ("frombytes", frombytes),
                ("tolist", tolist),
                ("pop", pop),
                ("index", index),
                ("count", count),
                ("remove", remove),
                ("insert", insert),
                ("reverse", reverse),
                ("byteswap", byteswap),
            ]
        },
        dunders: &["__len__", "__getitem__", "__setitem__", "__delitem__"],
        base: super::Base::No,
    }
}
