//! The `binascii` module: hex (`hexlify`/`unhexlify` and their `b2a_hex`/
//! `a2b_hex` names), base64 lines (`b2a_base64`/`a2b_base64`, what
//! `Lib/base64.py` is built on), `crc32` and `crc_hqx`, and the
//! `Error`/`Incomplete` exceptions, with CPython's results and messages.
//! The functions read a snapshot of their argument and hold no state, so
//! they need no lock in any mode.

use crate::object::{ObjRef, Payload, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::types::bytes::{bytes_like, new_bytes};
use crate::vm::{Args, PyErr, PyResult, Vm};
use std::borrow::Cow;

pub fn init<S: LockStrategy>(vm: &mut Vm<S>, dict: &ObjRef<S>) {
    super::add_functions(
        vm,
        dict,
        &[
            ("hexlify", hexlify, false),
            ("b2a_hex", b2a_hex, false),
            ("unhexlify", unhexlify, false),
            ("a2b_hex", a2b_hex, false),
            ("b2a_base64", b2a_base64, false),
            ("a2b_base64", a2b_base64, false),
            ("crc32", crc32, false),
            ("crc_hqx", crc_hqx, false),
        ],
    );
    for (name, base) in [("Error", "ValueError"), ("Incomplete", "Exception")] {
        let ns = match ops::new_dict() {
            Value::Obj(d) => d,
            _ => unreachable!("dicts are objects"),
        };
        vm.interp
            .dict_set_str(&ns, "__module__", vm.new_str("binascii"));
        let base = Value::Obj(vm.interp.exceptions[base].clone());
        if let Ok(class) = crate::classes::build_class(vm, name, vec![base], ns, None) {
            vm.interp.dict_set_str(dict, name, class);
        }
    }
}

/// A `binascii.Error` with `msg`.
fn error<S: LockStrategy>(vm: &mut Vm<S>, msg: impl Into<String>) -> PyErr<S> {
    let msg = msg.into();
    let name = match vm.new_str("binascii") {
        Value::Obj(o) => o,
        _ => unreachable!("str is an object"),
    };
    let class = super::import(vm, &name)
        .ok()
        .and_then(|m| match m.payload() {
            Some(Payload::Module(m)) => ops::dict_get(&m.dict, &vm.new_str("Error")),
            _ => None,
        })
        .and_then(|c| c.obj().cloned());
    match class {
        Some(class) => PyErr {
            exc: crate::interp::new_exception_obj(class, Box::new([vm.new_str(msg)])),
        },
        None => vm.value_error(msg),
    }
}

/// A binary argument: a bytes-like object.
fn binary_arg<'a, S: LockStrategy>(vm: &Vm<S>, v: &'a Value<S>) -> PyResult<S, Cow<'a, [u8]>> {
    bytes_like(v).ok_or_else(|| {
        vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            ops::type_name(v)
        ))
    })
}

/// An ASCII argument of the `a2b_*` functions: a bytes-like object or an
/// ASCII str (CPython's `ascii_buffer_converter`).
fn ascii_arg<'a, S: LockStrategy>(vm: &Vm<S>, v: &'a Value<S>) -> PyResult<S, Cow<'a, [u8]>> {
    if let Some(s) = v.as_str() {
        if !s.is_ascii() {
            return Err(vm.value_error("string argument should contain only ASCII characters"));
        }
        return Ok(Cow::Borrowed(s.as_bytes()));
    }
    bytes_like(v).ok_or_else(|| {
        vm.type_error(format!(
            "argument should be bytes, buffer or ASCII string, not '{}'",
            ops::type_name(v)
        ))
    })
}

/// Positional and keyword arguments matched to `names`, at most `max_pos`
/// of them positional (CPython's Argument Clinic); `required` must be
/// given.
fn parse_args<S: LockStrategy>(
    vm: &Vm<S>,
    func: &str,
    mut args: Args<S>,
    names: &[&str],
    max_pos: usize,
    required: usize,
) -> PyResult<S, Vec<Option<Value<S>>>> {
    let n = args.pos.len();
    if n > max_pos {
        return Err(vm.type_error(if max_pos == names.len() {
            format!("{func}() takes at most {max_pos} arguments ({n} given)")
        } else {
            format!(
                "{func}() takes exactly {max_pos} positional argument{} ({n} given)",
                if max_pos == 1 { "" } else { "s" }
            )
        }));
    }
    let mut out: Vec<Option<Value<S>>> = names.iter().map(|_| None).collect();
    for (i, v) in args.pos.drain(..).enumerate() {
        out[i] = Some(v);
    }
    for (k, v) in args.kw {
        match names.iter().position(|n| *n == k) {
            Some(i) if i >= n => out[i] = Some(v),
            Some(i) => {
                return Err(vm.type_error(format!(
                    "argument for {func}() given by name ('{k}') and position ({})",
                    i + 1
                )))
            }
            None => {
                return Err(
                    vm.type_error(format!("'{k}' is an invalid keyword argument for {func}()"))
                )
            }
        }
    }
    if let Some(i) = out[..required].iter().position(Option::is_none) {
        return Err(vm.type_error(format!(
            "{func}() missing required argument '{}' (pos {})",
            names[i],
            i + 1
        )));
    }
    Ok(out)
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// `hexlify(data, sep=None, bytes_per_sep=1)`: two digits a byte, `sep`
/// between groups of `bytes_per_sep` bytes counted from the right (from
/// the left when negative).
fn hex_with<S: LockStrategy>(vm: &mut Vm<S>, func: &str, args: Args<S>) -> PyResult<S> {
    let a = parse_args(vm, func, args, &["data", "sep", "bytes_per_sep"], 3, 1)?;
    let data = a[0].clone().unwrap_or(Value::None);
    let data = binary_arg(vm, &data)?.into_owned();
    let sep = match &a[1] {
        None => None,
        Some(s) => {
            let sep: Vec<u32> = if let Some(t) = s.as_str() {
                t.chars().map(u32::from).collect()
            } else if let Some(b) = bytes_like(s) {
                b.iter().map(|&b| u32::from(b)).collect()
            } else {
                let n = ops::len(vm, s)?;
                vec![0; n]
            };
            if sep.len() != 1 {
                return Err(vm.value_error("sep must be length 1."));
            }
            // CPython keeps the low byte of the character.
            Some(sep[0] as u8)
        }
    };
    let per = match &a[2] {
        None => 1,
        Some(v) => {
            let i = ops::as_index(vm, v)?;
            ops::expect_int(vm, &i)?
        }
    };
    let mut out = Vec::with_capacity(data.len() * 3);
    let group = per.unsigned_abs() as usize;
    for (i, b) in data.iter().enumerate() {
        if let Some(sep) = sep {
            if group > 0 && i > 0 {
                // Groups from the right: a separator where the count of
                // bytes still to come is a multiple of the group.
                let boundary = if per > 0 {
                    (data.len() - i) % group == 0
                } else {
                    i % group == 0
                };
                if boundary {
                    out.push(sep);
                }
            }
        }
        out.push(HEX[usize::from(b >> 4)]);
        out.push(HEX[usize::from(b & 15)]);
    }
    Ok(new_bytes(out))
}

fn hexlify<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    hex_with(vm, "hexlify", args)
}

fn b2a_hex<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    hex_with(vm, "b2a_hex", args)
}

fn from_hex<S: LockStrategy>(vm: &mut Vm<S>, func: &str, args: Args<S>) -> PyResult<S> {
    // Positional only.
    if !args.kw.is_empty() {
        return Err(vm.type_error(format!("binascii.{func}() takes no keyword arguments")));
    }
    crate::builtins::arity(vm, func, &args, 1, 1)?;
    let text = ascii_arg(vm, &args.pos[0])?;
    if text.len() % 2 != 0 {
        return Err(error(vm, "Odd-length string"));
    }
    let digit = |c: u8| (c as char).to_digit(16);
    let mut out = Vec::with_capacity(text.len() / 2);
    for pair in text.chunks(2) {
        match (digit(pair[0]), digit(pair[1])) {
            (Some(hi), Some(lo)) => out.push((hi * 16 + lo) as u8),
            _ => return Err(error(vm, "Non-hexadecimal digit found")),
        }
    }
    Ok(new_bytes(out))
}

fn unhexlify<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    from_hex(vm, "unhexlify", args)
}

fn a2b_hex<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    from_hex(vm, "a2b_hex", args)
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// `b2a_base64(data, *, newline=True)`.
fn b2a_base64<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let a = parse_args(vm, "b2a_base64", args, &["data", "newline"], 1, 1)?;
    let data = a[0].clone().unwrap_or(Value::None);
    let data = binary_arg(vm, &data)?.into_owned();
    let newline = match &a[1] {
        Some(v) => ops::truthy(vm, v)?,
        None => true,
    };
    let mut out = Vec::with_capacity(data.len().div_ceil(3) * 4 + 1);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            out.push(if i <= chunk.len() {
                B64[(n >> shift) as usize & 63]
            } else {
                b'='
            });
        }
    }
    if newline {
        out.push(b'\n');
    }
    Ok(new_bytes(out))
}

/// The 6-bit value of a base64 character.
fn b64_value(c: u8) -> Option<u8> {
    Some(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    })
}

/// `a2b_base64(data, /, *, strict_mode=False)`: CPython's decoder, which
/// skips characters outside the alphabet unless `strict_mode`, and stops
/// at the padding that completes a quad.
fn a2b_base64<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let a = parse_args(vm, "a2b_base64", args, &["data", "strict_mode"], 1, 1)?;
    let data = a[0].clone().unwrap_or(Value::None);
    let data = ascii_arg(vm, &data)?.into_owned();
    let strict = match &a[1] {
        Some(v) => ops::truthy(vm, v)?,
        None => false,
    };
    if strict && data.first() == Some(&b'=') {
        return Err(error(vm, "Leading padding not allowed"));
    }
    let mut out = Vec::with_capacity(data.len().div_ceil(4) * 3);
    let (mut quad, mut left, mut pads) = (0, 0u8, 0);
    let mut padding = false;
    for (i, &c) in data.iter().enumerate() {
        if c == b'=' {
            padding = true;
            if quad >= 2 {
                pads += 1;
                if quad + pads >= 4 {
                    if strict && i + 1 < data.len() {
                        return Err(error(vm, "Excess data after padding"));
                    }
                    return Ok(new_bytes(out));
                }
            }
            continue;
        }
        let Some(v) = b64_value(c) else {
            if strict {
                return Err(error(vm, "Only base64 data is allowed"));
            }
            continue;
        };
        if strict && padding {
            return Err(error(vm, "Discontinuous padding not allowed"));
        }
        pads = 0;
        match quad {
            0 => left = v,
            1 => {
                out.push(left << 2 | v >> 4);
                left = v & 0x0f;
            }
            2 => {
                out.push(left << 4 | v >> 2);
                left = v & 0x03;
            }
            _ => {
                out.push(left << 6 | v);
                left = 0;
            }
        }
        quad = (quad + 1) % 4;
    }
    match quad {
        0 => Ok(new_bytes(out)),
        1 => Err(error(
            vm,
            format!(
                "Invalid base64-encoded string: number of data characters ({}) cannot be 1 more than a multiple of 4",
                out.len() / 3 * 4 + 1
            ),
        )),
        _ => Err(error(vm, "Incorrect padding")),
    }
}

/// An unsigned C int argument, its bits kept as
/// `PyLong_AsUnsignedLongMask` keeps them (`crc32(b, -1)`).
fn masked_u32<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, u32> {
    let i = ops::as_index(vm, v)?;
    match ops::to_big(&i) {
        Some(b) => {
            let low = b & num_bigint::BigInt::from(u32::MAX);
            Ok(u32::try_from(low).unwrap_or(0))
        }
        None => Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            ops::type_name(v)
        ))),
    }
}

/// zlib's CRC-32 (reflected polynomial 0xEDB88320).
fn crc32_update(crc: u32, data: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut t = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
                k += 1;
            }
            t[i] = c;
            i += 1;
        }
        t
    };
    let mut c = !crc;
    for &b in data {
        c = TABLE[((c ^ u32::from(b)) & 0xff) as usize] ^ (c >> 8);
    }
    !c
}

/// `crc32(data, crc=0)`.
fn crc32<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let a = parse_args(vm, "crc32", args, &["data", "crc"], 2, 1)?;
    let data = a[0].clone().unwrap_or(Value::None);
    let data = binary_arg(vm, &data)?.into_owned();
    let crc = match &a[1] {
        Some(v) => masked_u32(vm, v)?,
        None => 0,
    };
    Ok(Value::Int(i64::from(crc32_update(crc, &data))))
}

/// The CRC-CCITT (XMODEM: polynomial 0x1021, no reflection) of binhex.
fn crc_hqx_update(crc: u32, data: &[u8]) -> u32 {
    let mut c = crc & 0xffff;
    for &b in data {
        c ^= u32::from(b) << 8;
        for _ in 0..8 {
            c = if c & 0x8000 != 0 {
                (c << 1) ^ 0x1021
            } else {
                c << 1
            };
        }
        c &= 0xffff;
    }
    c
}

/// `crc_hqx(data, crc, /)`.
fn crc_hqx<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    crate::builtins::arity(vm, "crc_hqx", &args, 2, 2)?;
    let data = binary_arg(vm, &args.pos[0])?.into_owned();
    let crc = masked_u32(vm, &args.pos[1])?;
    Ok(Value::Int(i64::from(crc_hqx_update(crc, &data))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crcs_match_cpython() {
        assert_eq!(crc32_update(0, b"hello"), 907060870);
        assert_eq!(crc32_update(12345, b"hello"), 1779074256);
        assert_eq!(crc32_update(u32::MAX, b"hello"), 265137764);
        assert_eq!(crc_hqx_update(0, b"hello"), 50018);
        assert_eq!(crc_hqx_update(0xffff, b"hello"), 53870);
        assert_eq!(crc_hqx_update(0x12345, b"hello"), 63453);
    }
}
