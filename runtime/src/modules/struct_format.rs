//! The engine of `_struct`: a format string parsed into a layout, and
//! values packed into and unpacked from bytes by it, with CPython's sizes,
//! alignment (native mode as on x86-64 Linux), range checks and error
//! messages.
//!
//! CPython's `_struct` picks, per byte order and format character, one of
//! three tables of pack functions, and on a little-endian machine swaps the
//! native functions into the little-endian table where the sizes agree.
//! Each table checks ranges its own way, so the same out-of-range value
//! gets different messages under `<h` and `>h`; `int_rule` writes those
//! choices down as data.

use crate::object::{Payload, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{PyErr, PyResult, Vm};
use num_traits::ToPrimitive;

/// The byte order and size mode a format starts with. `=` is `<` here:
/// standard sizes in the machine's (little-endian) order.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Order {
    /// `@` (or nothing): native sizes and alignment.
    Native,
    /// `<` and `=`.
    Little,
    /// `>` and `!`.
    Big,
}

/// One format character with its repeat count, at its offset.
#[derive(Clone, Copy, Debug)]
pub struct Code {
    ch: u8,
    offset: usize,
    /// Items of this code; for `s` and `p` one item of `size` bytes.
    count: usize,
    /// Bytes per item.
    size: usize,
}

/// A parsed format (CPython's `Struct` state).
#[derive(Debug)]
pub struct Layout {
    order: Order,
    codes: Vec<Code>,
    /// Bytes packed (`calcsize`).
    pub size: usize,
    /// Values packed or unpacked.
    pub len: usize,
}

/// The size and alignment of a format character in a mode; `None` for a
/// character the mode does not have.
fn entry(order: Order, ch: u8) -> Option<(usize, usize)> {
    let native = order == Order::Native;
    Some(match ch {
        b'x' | b'c' | b'b' | b'B' | b'?' | b's' | b'p' => (1, 0),
        b'h' | b'H' | b'e' => (2, if native { 2 } else { 0 }),
        b'i' | b'I' | b'f' => (4, if native { 4 } else { 0 }),
        b'l' | b'L' if native => (8, 8),
        b'l' | b'L' => (4, 0),
        b'q' | b'Q' | b'd' => (8, if native { 8 } else { 0 }),
        b'n' | b'N' | b'P' if native => (8, 8),
        _ => return None,
    })
}

const MAX_SIZE: usize = isize::MAX as usize;
const TOO_LONG: &str = "total struct size too long";

/// Parses a format (CPython's `prepare_s`); the error is a `struct.error`
/// message.
pub fn parse(fmt: &[u8]) -> Result<Layout, &'static str> {
    if fmt.contains(&0) {
        return Err("embedded null character");
    }
    let (order, rest) = match fmt.first() {
        Some(b'@') => (Order::Native, &fmt[1..]),
        Some(b'<' | b'=') => (Order::Little, &fmt[1..]),
        Some(b'>' | b'!') => (Order::Big, &fmt[1..]),
        _ => (Order::Native, fmt),
    };
    let mut codes = Vec::new();
    let (mut size, mut len) = (0usize, 0usize);
    let mut chars = rest.iter().copied();
    while let Some(c) = chars.next() {
        // C's isspace: space, \t, \n, \v, \f, \r.
        if matches!(c, b' ' | b'\t'..=b'\r') {
            continue;
        }
        let (num, c) = if c.is_ascii_digit() {
            let mut num = usize::from(c - b'0');
            loop {
                let Some(d) = chars.next() else {
                    return Err("repeat count given without format specifier");
                };
                if !d.is_ascii_digit() {
                    break (num, d);
                }
                num = num
                    .checked_mul(10)
                    .and_then(|n| n.checked_add(usize::from(d - b'0')))
                    .filter(|&n| n <= MAX_SIZE)
                    .ok_or(TOO_LONG)?;
            }
        } else {
            (1, c)
        };
        let (item, align) = entry(order, c).ok_or("bad char in struct format")?;
        match c {
            b's' | b'p' => len += 1,
            b'x' => {}
            _ => len += num,
        }
        if align > 0 && size > 0 {
            size = size
                .checked_add((align - 1) - (size - 1) % align)
                .filter(|&n| n <= MAX_SIZE)
                .ok_or(TOO_LONG)?;
        }
        if num > (MAX_SIZE - size) / item {
            return Err(TOO_LONG);
        }
        match c {
            b's' | b'p' => codes.push(Code {
                ch: c,
                offset: size,
                count: 1,
                size: num,
            }),
            b'x' => {}
            _ if num > 0 => codes.push(Code {
                ch: c,
                offset: size,
                count: num,
                size: item,
            }),
            _ => {}
        }
        size += num * item;
    }
    Ok(Layout {
        order,
        codes,
        size,
        len,
    })
}

/// How an int argument is read (CPython's `get_long`, `get_ulong`,
/// `_PyLong_AsByteArray`, `PyLong_AsVoidPtr`), before any range check.
#[derive(Clone, Copy)]
enum Conv {
    /// A C long; out of its range: "argument out of range".
    Long,
    /// A C unsigned long; negative or too large: "argument out of range".
    ULong,
    /// Eight bytes, signed or not, an OverflowError past them.
    Bytes { signed: bool },
    /// A pointer: a long when negative, an unsigned long otherwise.
    Ptr,
}

/// The range check after the conversion.
#[derive(Clone, Copy)]
enum Check {
    None,
    /// The native functions' own messages (`byte format requires ...`).
    Named(&'static str, i128, i128),
    /// CPython's `_range_error`: the item size's full range.
    Range {
        unsigned: bool,
    },
}

/// How `(order, ch)` packs an int (see the module comment).
fn int_rule(order: Order, ch: u8) -> (Conv, Check) {
    let big = order == Order::Big;
    let native = order == Order::Native;
    match ch {
        b'b' => (Conv::Long, Check::Named("byte", -128, 127)),
        b'B' => (Conv::Long, Check::Named("ubyte", 0, 255)),
        b'h' if !big => (Conv::Long, Check::Named("short", -32768, 32767)),
        b'H' if !big => (Conv::Long, Check::Named("ushort", 0, 65535)),
        b'h' => (Conv::Long, Check::Range { unsigned: false }),
        b'H' => (Conv::ULong, Check::Range { unsigned: true }),
        b'i' => (Conv::Long, Check::Range { unsigned: false }),
        b'I' => (Conv::ULong, Check::Range { unsigned: true }),
        b'l' if native => (Conv::Long, Check::None),
        b'L' if native => (Conv::ULong, Check::None),
        b'l' => (Conv::Long, Check::Range { unsigned: false }),
        b'L' => (Conv::ULong, Check::Range { unsigned: true }),
        b'q' if big => (Conv::Bytes { signed: true }, Check::None),
        b'Q' if big => (Conv::Bytes { signed: false }, Check::None),
        b'q' | b'n' => (Conv::Long, Check::None),
        b'Q' | b'N' => (Conv::ULong, Check::None),
        _ => (Conv::Ptr, Check::None),
    }
}

/// What went wrong packing one value, before it is made an exception.
enum PackErr {
    /// A `struct.error` with this message.
    Struct(String),
    /// An OverflowError: a `struct.error` "int too large to convert" when
    /// the value was an int, as CPython's `s_pack_internal` rewrites it.
    Overflow(String),
}

/// The `struct.error` class of the `_struct` module.
pub fn error<S: LockStrategy>(vm: &mut Vm<S>, msg: impl Into<String>) -> PyErr<S> {
    let msg = msg.into();
    let name = match vm.new_str("_struct") {
        Value::Obj(o) => o,
        _ => unreachable!("str is an object"),
    };
    let class = super::import(vm, &name)
        .ok()
        .and_then(|m| match m.payload() {
            Some(Payload::Module(m)) => ops::dict_get(&m.dict, &vm.new_str("error")),
            _ => None,
        })
        .and_then(|c| c.obj().cloned());
    match class {
        Some(class) => PyErr {
            exc: crate::interp::new_exception_obj(class, Box::new([vm.new_str(msg)])),
        },
        None => vm.new_error("Exception", msg),
    }
}

/// The int value of a pack argument (CPython's `get_pylong`): an int, or
/// what `__index__` returns; `None` inside when it does not fit in 128
/// bits (out of every range here).
fn int_value<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, Option<i128>> {
    let i = ops::as_index(vm, v)?;
    match ops::to_big(&i) {
        Some(b) => Ok(b.to_i128()),
        None => Err(error(vm, "required argument is not an integer")),
    }
}

/// The float value of a pack argument (CPython's `PyFloat_AsDouble`: a
/// float, `__float__`, or an int through `__index__`); `None` for anything
/// else, which CPython reports as "required argument is not a float"
/// whatever the underlying error.
fn float_value<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> Option<f64> {
    match v {
        Value::Float(f) => return Some(*f),
        Value::Int(i) => return Some(*i as f64),
        Value::Bool(b) => return Some(f64::from(u8::from(*b))),
        _ => {}
    }
    match v.payload() {
        Some(Payload::Float(f)) => return Some(*f),
        Some(Payload::BigInt(b)) => return b.to_f64().filter(|f| f.is_finite()),
        _ => {}
    }
    match crate::classes::call_dunder(vm, v, "__float__", Vec::new()) {
        Ok(Some(r)) => match r {
            Value::Float(f) => Some(f),
            _ => match r.payload() {
                Some(Payload::Float(f)) => Some(*f),
                _ => None,
            },
        },
        Ok(None) => match crate::classes::call_dunder(vm, v, "__index__", Vec::new()) {
            Ok(Some(i)) => ops::to_big(&i)?.to_f64().filter(|f| f.is_finite()),
            _ => None,
        },
        Err(_) => None,
    }
}

/// Packs an int `v` as `code` of `layout` into `out` (its `size` bytes).
fn pack_int<S: LockStrategy>(
    vm: &mut Vm<S>,
    order: Order,
    code: &Code,
    v: &Value<S>,
    out: &mut [u8],
) -> PyResult<S, Result<(), PackErr>> {
    let (conv, check) = int_rule(order, code.ch);
    let x = int_value(vm, v)?;
    let out_of_range = || Err(PackErr::Struct("argument out of range".into()));
    let x = match (conv, x) {
        (Conv::Long, Some(x)) if i64::try_from(x).is_ok() => x,
        (Conv::ULong, Some(x)) if u64::try_from(x).is_ok() => x,
        (Conv::Long | Conv::ULong, _) => return Ok(out_of_range()),
        (Conv::Bytes { signed: true }, Some(x)) if i64::try_from(x).is_ok() => x,
        (Conv::Bytes { signed: false }, Some(x)) if u64::try_from(x).is_ok() => x,
        (Conv::Bytes { signed: false }, Some(x)) if x < 0 => {
            return Ok(Err(PackErr::Overflow(
                "can't convert negative int to unsigned".into(),
            )))
        }
        (Conv::Bytes { .. }, _) => {
            return Ok(Err(PackErr::Overflow("int too big to convert".into())))
        }
        (Conv::Ptr, Some(x)) if x >= i128::from(i64::MIN) && x <= i128::from(u64::MAX) => x,
        (Conv::Ptr, _) => {
            return Ok(Err(PackErr::Overflow(
                "Python int too large to convert to C long".into(),
            )))
        }
    };
    match check {
        Check::None => {}
        Check::Named(name, lo, hi) => {
            if x < lo || x > hi {
                return Ok(Err(PackErr::Struct(format!(
                    "{name} format requires {lo} <= number <= {hi}"
                ))));
            }
        }
        Check::Range { unsigned } => {
            let bits = 8 * code.size as u32;
            let (lo, hi) = if unsigned {
                (0, (1i128 << bits) - 1)
            } else {
                (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
            };
            if x < lo || x > hi {
                return Ok(Err(PackErr::Struct(format!(
                    "'{}' format requires {lo} <= number <= {hi}",
                    char::from(code.ch)
                ))));
            }
        }
    }
    write_ordered(order, &x.to_le_bytes()[..code.size], out);
    Ok(Ok(()))
}

/// Copies little-endian `bytes` into `out` in the layout's byte order.
fn write_ordered(order: Order, bytes: &[u8], out: &mut [u8]) {
    out.copy_from_slice(bytes);
    if order == Order::Big {
        out.reverse();
    }
}

/// `x` as an IEEE 754 half-precision float (CPython's `PyFloat_Pack2`,
/// rounding half to even); `None` when it is too large.
fn half_bits(x: f64) -> Option<u16> {
    let sign = u16::from(x.is_sign_negative());
    if x.is_nan() {
        // The quiet NaN with only the top fraction bit set.
        return Some(sign << 15 | 0x1f << 10 | 0x200);
    }
    if x.is_infinite() {
        return Some(sign << 15 | 0x1f << 10);
    }
    if x == 0.0 {
        return Some(sign << 15);
    }
    // x = ±f * 2**e with f in [1, 2), read off the bits (C's frexp).
    let raw = x.abs().to_bits();
    let biased = ((raw >> 52) & 0x7ff) as i32;
    if biased == 0 {
        // A subnormal double is far below the smallest half: zero.
        return Some(sign << 15);
    }
    let mut e = biased - 1023;
    let mut f = f64::from_bits((raw & ((1 << 52) - 1)) | (1023 << 52));
    if e >= 16 {
        return None;
    }
    if e < -25 {
        // Below half the smallest subnormal: zero.
        f = 0.0;
        e = 0;
    } else if e < -14 {
        // Subnormal: the fraction holds the leading bit.
        f *= 2f64.powi(14 + e);
        e = 0;
    } else {
        e += 15;
        f -= 1.0;
    }
    f *= 1024.0;
    let mut bits = f as u16;
    let rest = f - f64::from(bits);
    if rest > 0.5 || (rest == 0.5 && bits % 2 == 1) {
        bits += 1;
        if bits == 1024 {
            bits = 0;
            e += 1;
            if e == 31 {
                return None;
            }
        }
    }
    Some(sign << 15 | (e as u16) << 10 | bits)
}

/// The float a half-precision value stands for (`PyFloat_Unpack2`).
pub(crate) fn half_value(bits: u16) -> f64 {
    let sign = if bits & 0x8000 != 0 { -1.0 } else { 1.0 };
    let e = i32::from((bits >> 10) & 0x1f);
    let f = f64::from(bits & 0x3ff);
    let x = match e {
        0x1f if f == 0.0 => f64::INFINITY,
        0x1f => f64::NAN,
        0 => f / 1024.0 * 2f64.powi(-14),
        _ => (1.0 + f / 1024.0) * 2f64.powi(e - 15),
    };
    sign * x
}

/// Packs a float `v` as `code` into `out`.
fn pack_float<S: LockStrategy>(
    vm: &mut Vm<S>,
    order: Order,
    code: &Code,
    v: &Value<S>,
    out: &mut [u8],
) -> Result<(), PackErr> {
    let Some(x) = float_value(vm, v) else {
        return Err(PackErr::Struct("required argument is not a float".into()));
    };
    let too_large = |c: char| PackErr::Overflow(format!("float too large to pack with {c} format"));
    match code.ch {
        b'e' => {
            let bits = half_bits(x).ok_or_else(|| too_large('e'))?;
            write_ordered(order, &bits.to_le_bytes(), out);
        }
        b'f' => {
            let y = x as f32;
            // Native `f` is a C cast; the standard sizes refuse to overflow.
            if order != Order::Native && y.is_infinite() && !x.is_infinite() {
                return Err(too_large('f'));
            }
            write_ordered(order, &y.to_le_bytes(), out);
        }
        _ => write_ordered(order, &x.to_le_bytes(), out),
    }
    Ok(())
}

/// The contents of a `s` or `p` argument: a bytes or bytearray object.
fn string_arg<S: LockStrategy>(v: &Value<S>) -> Option<Vec<u8>> {
    match v.payload()? {
        Payload::Bytes(b) => Some(b.to_vec()),
        _ => {
            let ba = crate::types::downcast::<S, crate::types::bytearray::ByteArray>(v)?;
            Some(ba.snapshot::<S>(v.obj()?))
        }
    }
}

/// Packs `args` (as many as `layout.len`, checked by the caller) into
/// `out`, `layout.size` zeroed bytes.
pub fn pack<S: LockStrategy>(
    vm: &mut Vm<S>,
    layout: &Layout,
    args: &[Value<S>],
    out: &mut [u8],
) -> PyResult<S, ()> {
    let mut args = args.iter();
    for code in &layout.codes {
        for i in 0..code.count {
            let Some(v) = args.next() else {
                return Ok(());
            };
            let at = code.offset + i * code.size;
            let out = &mut out[at..at + code.size];
            let r = match code.ch {
                b's' | b'p' => {
                    let Some(data) = string_arg(v) else {
                        return Err(error(
                            vm,
                            format!(
                                "argument for '{}' must be a bytes object",
                                char::from(code.ch)
                            ),
                        ));
                    };
                    if code.ch == b's' {
                        let n = data.len().min(code.size);
                        out[..n].copy_from_slice(&data[..n]);
                    } else if code.size > 0 {
                        let n = data.len().min(code.size - 1);
                        out[1..=n].copy_from_slice(&data[..n]);
                        out[0] = n.min(255) as u8;
                    }
                    Ok(())
                }
                b'c' => match v.payload() {
                    Some(Payload::Bytes(b)) if b.len() == 1 => {
                        out[0] = b[0];
                        Ok(())
                    }
                    _ => Err(PackErr::Struct(
                        "char format requires a bytes object of length 1".into(),
                    )),
                },
                b'?' => {
                    out[0] = u8::from(ops::truthy(vm, v)?);
                    Ok(())
                }
                b'e' | b'f' | b'd' => pack_float(vm, layout.order, code, v, out),
                _ => pack_int(vm, layout.order, code, v, out)?,
            };
            match r {
                Ok(()) => {}
                Err(PackErr::Struct(msg)) => return Err(error(vm, msg)),
                Err(PackErr::Overflow(_)) if ops::is_int_like(v) => {
                    return Err(error(vm, "int too large to convert"))
                }
                Err(PackErr::Overflow(msg)) => return Err(vm.new_error("OverflowError", msg)),
            }
        }
    }
    Ok(())
}

/// Reads `N` bytes at the start of `data` as little-endian.
fn ordered<const N: usize>(order: Order, data: &[u8]) -> [u8; N] {
    let mut b = [0u8; N];
    b.copy_from_slice(&data[..N]);
    if order == Order::Big {
        b.reverse();
    }
    b
}

/// The values `data` (exactly `layout.size` bytes) holds.
pub fn unpack<S: LockStrategy>(
    vm: &Vm<S>,
    layout: &Layout,
    data: &[u8],
) -> PyResult<S, Vec<Value<S>>> {
    let order = layout.order;
    let mut values = Vec::with_capacity(layout.len);
    for code in &layout.codes {
        for i in 0..code.count {
            let at = code.offset + i * code.size;
            let d = &data[at..at + code.size];
            let v = match code.ch {
                b's' => crate::types::bytes::new_bytes(d.to_vec()),
                b'p' => {
                    if code.size == 0 {
                        return Err(vm.new_error(
                            "SystemError",
                            "Negative size passed to PyBytes_FromStringAndSize",
                        ));
                    }
                    let n = usize::from(d[0]).min(code.size - 1);
                    crate::types::bytes::new_bytes(d[1..=n].to_vec())
                }
                b'c' => crate::types::bytes::new_bytes(vec![d[0]]),
                b'?' => Value::Bool(d[0] != 0),
                b'b' => Value::Int(i64::from(d[0] as i8)),
                b'B' => Value::Int(i64::from(d[0])),
                b'h' => Value::Int(i64::from(i16::from_le_bytes(ordered(order, d)))),
                b'H' => Value::Int(i64::from(u16::from_le_bytes(ordered(order, d)))),
                b'e' => Value::Float(half_value(u16::from_le_bytes(ordered(order, d)))),
                b'f' => Value::Float(f64::from(f32::from_le_bytes(ordered(order, d)))),
                b'd' => Value::Float(f64::from_le_bytes(ordered(order, d))),
                b'i' | b'l' if code.size == 4 => {
                    Value::Int(i64::from(i32::from_le_bytes(ordered(order, d))))
                }
                b'I' | b'L' if code.size == 4 => {
                    Value::Int(i64::from(u32::from_le_bytes(ordered(order, d))))
                }
                b'q' | b'l' | b'n' => Value::Int(i64::from_le_bytes(ordered(order, d))),
                _ => {
                    let x = u64::from_le_bytes(ordered(order, d));
                    ops::int_from_big(x.into())
                }
            };
            values.push(v);
        }
    }
    Ok(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_alignment_follow_cpython() {
        for (fmt, size) in [
            ("x", 1),
            ("ix", 5),
            ("xi", 8),
            ("hP", 16),
            ("c0i", 4),
            ("b0e", 2),
            ("<bq", 9),
            ("nc", 9),
            ("3sd", 16),
        ] {
            assert_eq!(parse(fmt.as_bytes()).unwrap().size, size, "{fmt}");
        }
        assert_eq!(parse(b"2 i").unwrap_err(), "bad char in struct format");
        assert_eq!(
            parse(b"3").unwrap_err(),
            "repeat count given without format specifier"
        );
        assert_eq!(parse(b"<P").unwrap_err(), "bad char in struct format");
        assert_eq!(parse(b"10000000000000000000000i").unwrap_err(), TOO_LONG);
    }

    #[test]
    fn half_floats_round_half_to_even() {
        for (x, bits) in [
            (0.1, 0x2e66),
            (65504.0, 0x7bff),
            (65519.0, 0x7bff),
            (6e-8, 0x0001),
            (2.98e-8, 0x0000),
            (-0.0, 0x8000),
            (1.0 / 3.0, 0x3555),
        ] {
            assert_eq!(half_bits(x), Some(bits), "{x}");
            if x != 65519.0 && x != 6e-8 && x != 2.98e-8 {
                assert!((half_value(bits) - x).abs() < 1e-3 * x.abs().max(1e-7));
            }
        }
        assert_eq!(half_bits(65520.0), None);
        assert_eq!(half_value(0x0001), 5.960464477539063e-08);
    }
}
