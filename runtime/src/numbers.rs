//! The methods of `int` and `float` (ints and floats themselves are unboxed
//! values; their operators live in `ops`): `bit_length`, `to_bytes`,
//! `from_bytes`, `as_integer_ratio`, `is_integer`, `hex`...
//!
//! A receiver may be a bool, an int, a float, or an instance of a user
//! subclass of `int`/`float` (its value: [`crate::subclass::numeric_value`]).

use crate::builtins::arity;
use crate::object::{NativeFn, Payload, TypeKind, Value};
use crate::ops::{self, type_name};
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};
use num_bigint::{BigInt, Sign};
use num_traits::{Signed, Zero};

pub fn methods<S: LockStrategy>() -> Vec<(TypeKind, &'static str, NativeFn<S>)> {
    let int_methods: [(&'static str, NativeFn<S>); 6] = [
        ("bit_length", int_bit_length),
        ("bit_count", int_bit_count),
        ("to_bytes", int_to_bytes),
        ("from_bytes", int_from_bytes),
        ("as_integer_ratio", int_as_integer_ratio),
        ("conjugate", int_conjugate),
    ];
    // bool inherits them.
    let mut v: Vec<(TypeKind, &'static str, NativeFn<S>)> = [TypeKind::Int, TypeKind::Bool]
        .into_iter()
        .flat_map(|kind| int_methods.iter().map(move |(name, f)| (kind, *name, *f)))
        .collect();
    v.extend([
        (
            TypeKind::Float,
            "is_integer",
            float_is_integer as NativeFn<S>,
        ),
        (TypeKind::Float, "as_integer_ratio", float_as_integer_ratio),
        (TypeKind::Float, "hex", float_hex),
        (TypeKind::Float, "fromhex", float_fromhex),
        (TypeKind::Float, "conjugate", float_conjugate),
    ]);
    v
}

/// The int value of a method's receiver, or CPython's descriptor error.
fn int_receiver<S: LockStrategy>(vm: &Vm<S>, method: &str, args: &Args<S>) -> PyResult<S, BigInt> {
    args.pos
        .first()
        .and_then(ops::to_big)
        .ok_or_else(|| descriptor_error(vm, method, "int", args.pos.first()))
}

/// The float value of a method's receiver, or CPython's descriptor error.
fn float_receiver<S: LockStrategy>(vm: &Vm<S>, method: &str, args: &Args<S>) -> PyResult<S, f64> {
    let value = args
        .pos
        .first()
        .map(|v| crate::subclass::numeric_value(v).unwrap_or_else(|| v.clone()));
    match value {
        Some(Value::Float(f)) => Ok(f),
        _ => Err(descriptor_error(vm, method, "float", args.pos.first())),
    }
}

fn descriptor_error<S: LockStrategy>(
    vm: &Vm<S>,
    method: &str,
    owner: &str,
    got: Option<&Value<S>>,
) -> crate::vm::PyErr<S> {
    match got {
        Some(v) => vm.type_error(format!(
            "descriptor '{method}' for '{owner}' objects doesn't apply to a '{}' object",
            type_name(v)
        )),
        None => vm.type_error(format!(
            "unbound method {owner}.{method}() needs an argument"
        )),
    }
}

/// A method that takes nothing but its receiver.
fn no_arguments<S: LockStrategy>(
    vm: &Vm<S>,
    owner: &str,
    method: &str,
    args: &Args<S>,
) -> PyResult<S, ()> {
    if !args.kw.is_empty() {
        return Err(vm.type_error(format!("{owner}.{method}() takes no keyword arguments")));
    }
    if args.pos.len() > 1 {
        return Err(vm.type_error(format!(
            "{owner}.{method}() takes no arguments ({} given)",
            args.pos.len() - 1
        )));
    }
    Ok(())
}

fn int_bit_length<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_arguments(vm, "int", "bit_length", &args)?;
    let n = int_receiver(vm, "bit_length", &args)?;
    Ok(Value::Int(n.bits() as i64))
}

fn int_bit_count<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_arguments(vm, "int", "bit_count", &args)?;
    let n = int_receiver(vm, "bit_count", &args)?;
    let ones: u64 = n
        .magnitude()
        .iter_u64_digits()
        .map(|d| d.count_ones() as u64)
        .sum();
    Ok(Value::Int(ones as i64))
}

fn int_conjugate<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_arguments(vm, "int", "conjugate", &args)?;
    Ok(ops::int_from_big(int_receiver(vm, "conjugate", &args)?))
}

fn int_as_integer_ratio<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_arguments(vm, "int", "as_integer_ratio", &args)?;
    let n = int_receiver(vm, "as_integer_ratio", &args)?;
    Ok(ops::new_tuple(vec![ops::int_from_big(n), Value::Int(1)]))
}

/// `byteorder` and `signed` of `to_bytes`/`from_bytes`: big-endian unless
/// `'little'`; CPython's ValueError for anything else.
fn byte_order<S: LockStrategy>(vm: &Vm<S>, order: Option<Value<S>>) -> PyResult<S, bool> {
    match order {
        None => Ok(true),
        Some(v) => match v.as_str() {
            Some("big") => Ok(true),
            Some("little") => Ok(false),
            Some(_) => Err(vm.value_error("byteorder must be either 'little' or 'big'")),
            None => Err(vm.type_error(format!(
                "to_bytes() argument 'byteorder' must be str, not {}",
                type_name(&v)
            ))),
        },
    }
}

/// `int.to_bytes(length=1, byteorder='big', *, signed=False)`.
fn int_to_bytes<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let signed = args.take_kw("signed");
    let length_kw = args.take_kw("length");
    let order_kw = args.take_kw("byteorder");
    crate::builtins::no_other_keywords(vm, "to_bytes", &args)?;
    if args.pos.len() > 3 {
        return Err(vm.type_error(format!(
            "to_bytes() takes at most 2 positional arguments ({} given)",
            args.pos.len() - 1
        )));
    }
    let n = int_receiver(vm, "to_bytes", &args)?;
    let length = match args.pos.get(1).cloned().or(length_kw) {
        None => 1,
        Some(l) => {
            let l = ops::as_index(vm, &l)?;
            ops::expect_int(vm, &l)?
        }
    };
    if length < 0 {
        return Err(vm.value_error("length argument must be non-negative"));
    }
    let big_endian = byte_order(vm, args.pos.get(2).cloned().or(order_kw))?;
    let signed = match signed {
        Some(s) => ops::truthy(vm, &s)?,
        None => false,
    };
    if n.is_negative() && !signed {
        return Err(vm.new_error("OverflowError", "can't convert negative int to unsigned"));
    }
    let mut bytes = if signed {
        n.to_signed_bytes_le()
    } else {
        n.to_bytes_le().1
    };
    if n.is_zero() {
        bytes.clear();
    }
    let length = length as usize;
    if bytes.len() > length {
        return Err(vm.new_error("OverflowError", "int too big to convert"));
    }
    let fill = if n.is_negative() { 0xff } else { 0 };
    bytes.resize(length, fill);
    if big_endian {
        bytes.reverse();
    }
    Ok(Value::Obj(crate::object::ObjRef::new(Payload::Bytes(
        bytes.into_boxed_slice(),
    ))))
}

/// `int.from_bytes(bytes, byteorder='big', *, signed=False)`, a class
/// method (a subclass gets `cls(value)`).
fn int_from_bytes<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let signed = args.take_kw("signed");
    let bytes_kw = args.take_kw("bytes");
    let order_kw = args.take_kw("byteorder");
    crate::builtins::no_other_keywords(vm, "from_bytes", &args)?;
    arity(vm, "from_bytes", &args, 0, 2)?;
    let Some(source) = args.pos.first().cloned().or(bytes_kw) else {
        return Err(vm.type_error("from_bytes() missing required argument 'bytes' (pos 1)"));
    };
    let big_endian = byte_order(vm, args.pos.get(1).cloned().or(order_kw))?;
    let signed = match signed {
        Some(s) => ops::truthy(vm, &s)?,
        None => false,
    };
    let mut bytes: Vec<u8> = match source.payload() {
        Some(Payload::Bytes(b)) => b.to_vec(),
        Some(Payload::Str(_)) => {
            return Err(vm.type_error("cannot convert 'str' object to bytes"));
        }
        _ => {
            let mut out = Vec::new();
            for item in ops::iterate(vm, &source)? {
                let item = ops::as_index(vm, &item)?;
                let i = ops::expect_int(vm, &item)?;
                if !(0..=255).contains(&i) {
                    return Err(vm.value_error("bytes must be in range(0, 256)"));
                }
                out.push(i as u8);
            }
            out
        }
    };
    if big_endian {
        bytes.reverse();
    }
    let n = if signed {
        BigInt::from_signed_bytes_le(&bytes)
    } else {
        BigInt::from_bytes_le(Sign::Plus, &bytes)
    };
    Ok(ops::int_from_big(n))
}

fn float_is_integer<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_arguments(vm, "float", "is_integer", &args)?;
    let f = float_receiver(vm, "is_integer", &args)?;
    Ok(Value::Bool(f.is_finite() && f.fract() == 0.0))
}

fn float_conjugate<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_arguments(vm, "float", "conjugate", &args)?;
    Ok(Value::Float(float_receiver(vm, "conjugate", &args)?))
}

/// `float.as_integer_ratio()`: the exact fraction, in lowest terms.
fn float_as_integer_ratio<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_arguments(vm, "float", "as_integer_ratio", &args)?;
    let f = float_receiver(vm, "as_integer_ratio", &args)?;
    if f.is_nan() {
        return Err(vm.value_error("cannot convert NaN to integer ratio"));
    }
    if f.is_infinite() {
        return Err(vm.new_error("OverflowError", "cannot convert Infinity to integer ratio"));
    }
    if f == 0.0 {
        return Ok(ops::new_tuple(vec![Value::Int(0), Value::Int(1)]));
    }
    let bits = f.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1 << 52) - 1);
    // f = mantissa * 2**power exactly.
    let (mantissa, power) = match exponent {
        0 => (fraction, -1074),
        _ => (fraction | (1 << 52), exponent - 1075),
    };
    let mut numerator = BigInt::from(mantissa);
    let mut denominator = BigInt::from(1u8);
    if power >= 0 {
        numerator <<= power as usize;
    } else {
        // Cancel the common powers of two.
        let shift = (mantissa.trailing_zeros() as i64).min(-power);
        numerator >>= shift as usize;
        denominator <<= (-power - shift) as usize;
    }
    if f < 0.0 {
        numerator = -numerator;
    }
    Ok(ops::new_tuple(vec![
        ops::int_from_big(numerator),
        ops::int_from_big(denominator),
    ]))
}

/// `float.hex()`: `[-]0x1.<13 hex digits>p<exponent>` (`0x0.` for
/// subnormals), `inf`, `nan`, as CPython's `float_hex`.
/// `float.fromhex(string)`: the float nearest the hexadecimal value
/// (ties to even), as CPython's `float_fromhex`.
fn float_fromhex<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "fromhex", &args, 1, 1)?;
    if !args.kw.is_empty() {
        return Err(vm.type_error("float.fromhex() takes no keyword arguments"));
    }
    let Some(text) = args.pos[0].as_str() else {
        return Err(vm.type_error(format!(
            "fromhex() argument must be str, not {}",
            type_name(&args.pos[0])
        )));
    };
    match parse_hex_float(text) {
        Ok(f) => Ok(Value::Float(f)),
        Err(HexError::Invalid) => {
            Err(vm.new_error("ValueError", "invalid hexadecimal floating-point string"))
        }
        Err(HexError::TooLarge) => Err(vm.new_error(
            "OverflowError",
            "hexadecimal value too large to represent as a float",
        )),
    }
}

enum HexError {
    Invalid,
    TooLarge,
}

/// `2**k` for `-1074 <= k <= 1023`.
fn pow2(k: i64) -> f64 {
    if k >= -1022 {
        f64::from_bits(((k + 1023) as u64) << 52)
    } else {
        f64::from_bits(1u64 << (k + 1074))
    }
}

fn parse_hex_float(text: &str) -> Result<f64, HexError> {
    use num_bigint::BigUint;
    let s = text.trim_matches(|c: char| c.is_ascii_whitespace());
    let (negative, s) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let sign = |f: f64| if negative { -f } else { f };
    let lower = s.to_ascii_lowercase();
    if lower == "inf" || lower == "infinity" {
        return Ok(sign(f64::INFINITY));
    }
    if lower == "nan" {
        return Ok(sign(f64::NAN));
    }
    let s = lower.strip_prefix("0x").unwrap_or(&lower);
    let (number, exponent) = match s.split_once('p') {
        Some((n, e)) => (n, Some(e)),
        None => (s, None),
    };
    let (int_part, frac_part) = match number.split_once('.') {
        Some((i, f)) => (i, f),
        None => (number, ""),
    };
    let hex = |p: &str| p.bytes().all(|b| b.is_ascii_hexdigit());
    if int_part.len() + frac_part.len() == 0 || !hex(int_part) || !hex(frac_part) {
        return Err(HexError::Invalid);
    }
    let exp: i64 = match exponent {
        None => 0,
        Some(e) => {
            let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(HexError::Invalid);
            }
            // Beyond any float either way; the digits decide nothing more.
            match e.parse::<i64>() {
                Ok(v) => v.clamp(-1 << 40, 1 << 40),
                Err(_) if e.starts_with('-') => -1 << 40,
                Err(_) => 1 << 40,
            }
        }
    };
    let digits = format!("{int_part}{frac_part}");
    let m = BigUint::parse_bytes(digits.as_bytes(), 16).unwrap_or_default();
    if m.is_zero() {
        return Ok(sign(0.0));
    }
    let e = exp - 4 * frac_part.len() as i64;
    let bits = m.bits() as i64;
    let top = bits + e - 1;
    if top > 1023 {
        return Err(HexError::TooLarge);
    }
    let q = (top - 52).max(-1074);
    let shift = q - e;
    let mant: u64 = if shift <= 0 {
        let v: BigUint = &m << ((-shift) as usize);
        v.iter_u64_digits().next().unwrap_or(0)
    } else if shift > bits + 1 {
        0
    } else {
        let shift = shift as u64;
        let kept: BigUint = &m >> shift;
        let kept = kept.iter_u64_digits().next().unwrap_or(0);
        let half = BigUint::from(1u8) << (shift - 1);
        let rest: BigUint = &m & ((BigUint::from(1u8) << shift) - 1u8);
        if rest > half || (rest == half && kept & 1 == 1) {
            kept + 1
        } else {
            kept
        }
    };
    if q + 64 - mant.leading_zeros() as i64 > 1024 {
        return Err(HexError::TooLarge);
    }
    Ok(sign(mant as f64 * pow2(q)))
}

fn float_hex<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_arguments(vm, "float", "hex", &args)?;
    let f = float_receiver(vm, "hex", &args)?;
    Ok(vm.new_str(hex_of(f)))
}

fn hex_of(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.into();
    }
    let sign = if f.is_sign_negative() { "-" } else { "" };
    if f == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = f.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1 << 52) - 1);
    let (lead, power) = match exponent {
        0 => (0, -1022),
        _ => (1, exponent - 1023),
    };
    format!("{sign}0x{lead}.{fraction:013x}p{power:+}")
}

#[cfg(test)]
mod tests {
    use super::hex_of;

    #[test]
    fn hex_matches_cpython() {
        assert_eq!(hex_of(1.5), "0x1.8000000000000p+0");
        assert_eq!(hex_of(-0.1), "-0x1.999999999999ap-4");
        assert_eq!(hex_of(5e-324), "0x0.0000000000001p-1022");
        assert_eq!(hex_of(-0.0), "-0x0.0p+0");
        assert_eq!(hex_of(1e300), "0x1.7e43c8800759cp+996");
    }
}
