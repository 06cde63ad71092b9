//! `float`, as CPython's `Objects/floatobject.c`: its constructor, its
//! methods, its repr and hash, its arithmetic and rich comparison (with an
//! int on either side too), one file.
//!
//! A float is unboxed, [`Value::Float`]; an instance of a user subclass of
//! `float` keeps its value in the instance (see
//! [`crate::subclass::numeric_value`]). The operator layer (`ops`) and the
//! interpreter's fast paths call the functions here from their
//! `Value::Float` arms: [`float_fast`] and [`float_compare`] are inlined
//! into the eval loop.

use crate::builtins::arity;
use crate::code::{BinOp, CmpOp};
use crate::methods::{descriptor_error, no_arguments};
use crate::object::{NativeFn, Payload, TypeKind, Value};
use crate::ops::{self, type_name};
use crate::strategy::LockStrategy;
use crate::types::int::{int_from_big, is_int_like, small_int, to_big, EXACT_IN_FLOAT};
use crate::vm::{Args, PyResult, Vm};
use num_bigint::BigInt;
use num_traits::{FromPrimitive, ToPrimitive, Zero};
use std::cmp::Ordering;

// ---- constructor ----

/// `float()` and `float(x)`.
pub fn construct<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "float", &args, 0, 1)?;
    match args.pos.first() {
        None => Ok(Value::Float(0.0)),
        Some(v) => float_from_value(vm, v),
    }
}

pub(crate) fn float_from_value<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S> {
    if let Some(s) = v.as_str() {
        let digits = crate::str_methods::ascii_digits(s);
        let t = digits.trim();
        let lower = t.to_ascii_lowercase();
        let unsigned = lower.trim_start_matches(['+', '-']);
        let parsed = if matches!(unsigned, "inf" | "infinity" | "nan") {
            let neg = lower.starts_with('-');
            let f = if unsigned == "nan" {
                f64::NAN
            } else {
                f64::INFINITY
            };
            Some(if neg { -f } else { f })
        } else if t.contains("__") || t.starts_with('_') || t.ends_with('_') {
            None
        } else {
            t.replace('_', "").parse::<f64>().ok().filter(|_| {
                // Rust accepts "inf"-like words handled above, and nothing else
                // that Python rejects, except an empty exponent.
                !t.is_empty()
            })
        };
        return parsed.map(Value::Float).ok_or_else(|| {
            vm.value_error(format!(
                "could not convert string to float: {}",
                crate::repr::str_repr(s)
            ))
        });
    }
    if let Some(class) = crate::classes::user_class_of(v) {
        if let Some(r) = crate::classes::call_dunder(vm, v, "__float__", vec![])? {
            if !matches!(r, Value::Float(_)) {
                let cname = crate::classes::type_obj(&class)
                    .map(|t| t.name.clone())
                    .unwrap_or_default();
                return Err(vm.type_error(format!(
                    "{cname}.__float__ returned non-float (type {})",
                    type_name(&r)
                )));
            }
            return Ok(r);
        }
        if let Some(n) = crate::subclass::numeric_value(v) {
            return float_from_value(vm, &n);
        }
        let i = ops::as_index(vm, v)?;
        if is_int_like(&i) {
            return float_from_value(vm, &i);
        }
    }
    match v {
        Value::Float(_) => Ok(v.clone()),
        Value::Int(i) => Ok(Value::Float(*i as f64)),
        Value::Bool(b) => Ok(Value::Float(*b as i64 as f64)),
        Value::Obj(o) if matches!(o.payload(), Payload::BigInt(_)) => {
            match to_big(v).and_then(|b| b.to_f64()).filter(|f| f.is_finite()) {
                Some(f) => Ok(Value::Float(f)),
                None => Err(vm.new_error("OverflowError", "int too large to convert to float")),
            }
        }
        _ => Err(vm.type_error(format!(
            "float() argument must be a string or a real number, not '{}'",
            type_name(v)
        ))),
    }
}

/// The float view of a number (int, bool, float); None for other types, or
/// an OverflowError for an int too large.
pub(crate) fn to_f64<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>) -> PyResult<S, Option<f64>> {
    Ok(match v {
        Value::Float(f) => Some(*f),
        Value::Int(i) => Some(*i as f64),
        Value::Bool(b) => Some(*b as i64 as f64),
        Value::Obj(o) => match o.payload() {
            Payload::Float(f) => Some(*f),
            Payload::BigInt(b) => match b.to_f64().filter(|f| f.is_finite()) {
                Some(f) => Some(f),
                None => {
                    return Err(vm.new_error("OverflowError", "int too large to convert to float"))
                }
            },
            _ => None,
        },
        Value::None => None,
    })
}

pub(crate) fn float_to_int<S: LockStrategy>(vm: &Vm<S>, f: f64) -> PyResult<S> {
    if f.is_nan() {
        return Err(vm.value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(vm.new_error("OverflowError", "cannot convert float infinity to integer"));
    }
    let t = f.trunc();
    if t.abs() < 9.0e18 {
        Ok(Value::Int(t as i64))
    } else {
        Ok(int_from_big(BigInt::from_f64(t).expect("finite")))
    }
}

// ---- repr and hash ----

/// Python's `repr(float)`: the shortest string that round-trips, in fixed
/// notation when the decimal exponent is in [-4, 16), scientific otherwise.
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() {
            "-0.0".into()
        } else {
            "0.0".into()
        };
    }
    // Rust's `{:e}` is the shortest round-trip representation: "d.ddde-x".
    let mut sci = format!("{:e}", f);
    if sci.len() >= 18 {
        // Two shortest candidates may be equally near (1460440090046075.25
        // between ...075.2 and ...075.3): Rust takes the upper one, CPython
        // the digits correctly rounded (ties to even), which are at least
        // as near and are used whenever they round-trip too.
        let digits = sci
            .bytes()
            .take_while(|&b| b != b'e')
            .filter(u8::is_ascii_digit)
            .count();
        let nearest = format!("{:.*e}", digits - 1, f);
        if nearest.parse::<f64>() == Ok(f) {
            sci = nearest;
        }
    }
    let (mantissa, exp) = sci.split_once('e').expect("exponent form");
    let exp: i32 = exp.parse().expect("exponent");
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    if (-4..16).contains(&exp) {
        let n = digits.len() as i32;
        if exp >= 0 {
            let int_len = exp + 1;
            if n <= int_len {
                out.push_str(&digits);
                out.extend(std::iter::repeat_n('0', (int_len - n) as usize));
                out.push_str(".0");
            } else {
                out.push_str(&digits[..int_len as usize]);
                out.push('.');
                out.push_str(&digits[int_len as usize..]);
            }
        } else {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-exp - 1) as usize));
            out.push_str(&digits);
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if exp < 0 { '-' } else { '+' });
        out.push_str(&format!("{:02}", exp.abs()));
    }
    out
}

/// CPython's `hash(x)` for a float (`_Py_HashDouble`): equal to the hash
/// of the equal int for integral values.
pub fn float_hash(v: f64) -> i64 {
    const BITS: u32 = 61;
    const MODULUS: u64 = (1 << BITS) - 1;
    if v.is_nan() {
        return 0;
    }
    if v.is_infinite() {
        return if v > 0.0 { 314_159 } else { -314_159 };
    }
    let (mut m, mut e) = frexp(v);
    let sign: i64 = if m < 0.0 {
        m = -m;
        -1
    } else {
        1
    };
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | x >> (BITS - 28);
        m *= 268_435_456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 {
        e as u32 % BITS
    } else {
        BITS - 1 - ((-1 - e) as u32 % BITS)
    };
    x = ((x << e) & MODULUS) | x >> (BITS - e);
    let r = (x as i64).wrapping_mul(sign);
    if r == -1 {
        -2
    } else {
        r
    }
}

/// C's `frexp`: `v == m * 2**e` with `0.5 <= |m| < 1` (and `(0.0, 0)` for
/// zero). `v` is finite.
fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 {
        return (v, 0);
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale into the normal range first.
        let (m, e) = frexp(v * f64::powi(2.0, 64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022)
}

// ---- number operations ----

/// The float fast path, for two floats or a float and a machine int
/// (converted as CPython's `float + int` converts it, to the nearest
/// float): `+ - * /`. `None` for other operators and for a division by
/// zero, which the general path raises.
#[inline(always)]
pub fn float_fast<S: LockStrategy>(op: BinOp, a: &Value<S>, b: &Value<S>) -> Option<Value<S>> {
    let (x, y) = match (a, b) {
        (Value::Float(x), Value::Float(y)) => (*x, *y),
        (Value::Float(x), Value::Int(y)) => (*x, *y as f64),
        (Value::Int(x), Value::Float(y)) => (*x as f64, *y),
        _ => return None,
    };
    Some(Value::Float(match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::TrueDiv if y != 0.0 => x / y,
        _ => return None,
    }))
}

/// Float arithmetic with CPython's semantics; None for non-arithmetic ops.
pub(crate) fn float_op<S: LockStrategy>(
    vm: &Vm<S>,
    op: BinOp,
    x: f64,
    y: f64,
) -> PyResult<S, Option<Value<S>>> {
    let zero_div = |msg: &str| vm.new_error("ZeroDivisionError", msg);
    Ok(Some(Value::Float(match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::TrueDiv => {
            if y == 0.0 {
                return Err(zero_div("float division by zero"));
            }
            x / y
        }
        BinOp::FloorDiv => {
            if y == 0.0 {
                return Err(zero_div("float floor division by zero"));
            }
            float_divmod(x, y).0
        }
        BinOp::Mod => {
            if y == 0.0 {
                return Err(zero_div("float modulo"));
            }
            float_divmod(x, y).1
        }
        BinOp::Pow => {
            if x == 0.0 && y < 0.0 {
                return Err(zero_div("0.0 cannot be raised to a negative power"));
            }
            if x < 0.0 && y.fract() != 0.0 {
                return Err(vm.value_error(
                    "complex results (negative number to a fractional power) are not supported",
                ));
            }
            let r = x.powf(y);
            if r.is_infinite() && x.is_finite() && y.is_finite() {
                return Err(vm.new_error("OverflowError", "(34, 'Numerical result out of range')"));
            }
            r
        }
        _ => return Ok(None),
    })))
}

/// CPython's `float_divmod`: floor division and a modulo with the sign of
/// the divisor.
pub fn float_divmod(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(vx / wx)
    };
    (floordiv, m)
}

// ---- rich comparison ----

/// A comparison of two floats (NaN unordered: only `!=` holds).
#[inline(always)]
pub fn float_compare(op: CmpOp, x: f64, y: f64) -> bool {
    match op {
        CmpOp::Lt => x < y,
        CmpOp::Le => x <= y,
        CmpOp::Eq => x == y,
        CmpOp::Ne => x != y,
        CmpOp::Gt => x > y,
        CmpOp::Ge => x >= y,
    }
}

/// `Some` when one operand is an int (or bool) and the other a float: their
/// order, exact as CPython's `float_richcompare` (an int beyond 2**53 is
/// not rounded to a float first), or `None` inside for NaN.
pub(crate) fn int_float_order<S: LockStrategy>(
    a: &Value<S>,
    b: &Value<S>,
) -> Option<Option<Ordering>> {
    let (int, f, flipped) = match (a, b) {
        (Value::Float(f), i) if is_int_like(i) => (i, *f, true),
        (i, Value::Float(f)) if is_int_like(i) => (i, *f, false),
        _ => return None,
    };
    let ord = match small_int(int) {
        Some(i) if EXACT_IN_FLOAT.contains(&i) => (i as f64).partial_cmp(&f),
        _ if f.is_nan() => None,
        _ if f.is_infinite() => Some(if f > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        }),
        _ => {
            // Compare with the float's integer part; on a tie its fraction
            // decides.
            let whole = f.trunc();
            let big = to_big(int).expect("an int");
            Some(
                big.cmp(&BigInt::from_f64(whole).expect("finite"))
                    .then_with(|| 0.0.partial_cmp(&(f - whole)).unwrap_or(Ordering::Equal)),
            )
        }
    };
    Some(if flipped {
        ord.map(Ordering::reverse)
    } else {
        ord
    })
}

pub(crate) fn float_eq_big(f: f64, i: &BigInt) -> bool {
    f.is_finite() && f.fract() == 0.0 && BigInt::from_f64(f).as_ref() == Some(i)
}

pub(crate) fn to_f64_lossless<S: LockStrategy>(v: &Value<S>) -> Option<f64> {
    match v {
        Value::Float(f) => Some(*f),
        _ => None,
    }
    .or(match v {
        Value::Int(i) if i.unsigned_abs() < (1 << 53) => Some(*i as f64),
        Value::Bool(b) => Some(*b as i64 as f64),
        _ => None,
    })
}

// ---- methods ----

/// The methods of `float`, registered by `crate::methods`.
pub fn methods<S: LockStrategy>() -> Vec<(TypeKind, &'static str, NativeFn<S>)> {
    vec![
        (
            TypeKind::Float,
            "is_integer",
            float_is_integer as NativeFn<S>,
        ),
        (TypeKind::Float, "as_integer_ratio", float_as_integer_ratio),
        (TypeKind::Float, "hex", float_hex),
        (TypeKind::Float, "fromhex", float_fromhex),
        (TypeKind::Float, "conjugate", float_conjugate),
    ]
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
        int_from_big(numerator),
        int_from_big(denominator),
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

// ---- slots ----
//
// What `float` fills, as CPython's `PyFloat_Type` (the dispatch is in `ops`,
// `repr`, `dict` and the eval loop, by `Value::Float`):
//
// | slot               | here                                                  |
// |--------------------|-------------------------------------------------------|
// | tp_new             | [`construct`], [`float_from_value`]                   |
// | tp_repr / tp_str   | [`float_repr`]                                        |
// | tp_hash            | [`float_hash`]                                        |
// | tp_richcompare     | [`float_compare`]; with an int [`int_float_order`],   |
// |                    | [`float_eq_big`], [`to_f64_lossless`]                 |
// | nb_add ... nb_power| [`float_fast`] (eval loop), [`float_op`] (general)    |
// | nb_divmod          | [`float_divmod`]                                      |
// | nb_float           | [`to_f64`] (a number's float view)                    |
// | nb_int             | [`float_to_int`]                                      |
// | tp_methods         | [`methods`]                                           |
// | nb_negative, nb_positive, nb_absolute, nb_bool: inline in `ops` (one   |
// | line each in its `Value::Float` arm)                                    |

#[cfg(test)]
mod tests {
    use super::{float_repr, hex_of};

    #[test]
    fn hex_matches_cpython() {
        assert_eq!(hex_of(1.5), "0x1.8000000000000p+0");
        assert_eq!(hex_of(-0.1), "-0x1.999999999999ap-4");
        assert_eq!(hex_of(5e-324), "0x0.0000000000001p-1022");
        assert_eq!(hex_of(-0.0), "-0x0.0p+0");
        assert_eq!(hex_of(1e300), "0x1.7e43c8800759cp+996");
    }

    // The literals are exact binary values, written out to show the tie.
    #[allow(clippy::excessive_precision)]
    #[test]
    fn float_repr_breaks_ties_to_even_as_cpython() {
        assert_eq!(float_repr(1460440090046075.25), "1460440090046075.2");
        assert_eq!(float_repr(147911246368985.625), "147911246368985.62");
        assert_eq!(float_repr(0.1), "0.1");
        assert_eq!(float_repr(1e16), "1e+16");
        assert_eq!(float_repr(-2.5e-5), "-2.5e-05");
    }
}
