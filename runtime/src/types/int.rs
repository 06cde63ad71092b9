//! `int` (and `bool`, its subclass), as CPython's `Objects/longobject.c`:
//! its constructor, its methods, its str and hash, its arithmetic, one
//! file.
//!
//! An int is unboxed, [`Value::Int`], while it fits in 64 bits, and a
//! [`Payload::BigInt`] object beyond ([`int_from_big`] picks); a bool is
//! [`Value::Bool`] and computes as 0 or 1. An instance of a user subclass
//! of `int` keeps its value in the instance (see
//! [`crate::subclass::numeric_value`]); a method's receiver may be any of
//! these. The operator layer (`ops`) and the interpreter's fast paths call
//! the functions here from their int arms: [`int_fast`] is inlined into
//! the eval loop.

use crate::builtins::{arity, no_other_keywords};
use crate::code::BinOp;
use crate::methods::{descriptor_error, no_arguments};
use crate::object::{NativeFn, ObjRef, Payload, TypeKind, Value};
use crate::ops::{self, type_name};
use crate::strategy::LockStrategy;
use crate::types::float::float_to_int;
use crate::vm::{Args, PyResult, Vm};
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

// ---- constructor ----

/// `int()`, `int(x)` and `int(text, base)`.
pub fn construct<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let base = args.take_kw("base");
    no_other_keywords(vm, "int", &args)?;
    if args.pos.len() > 2 {
        return Err(vm.type_error(format!(
            "int() takes at most 2 arguments ({} given)",
            args.pos.len()
        )));
    }
    let base = base.or_else(|| args.pos.get(1).cloned());
    match args.pos.first() {
        None => Ok(Value::Int(0)),
        Some(v) => int_from_value(vm, v, base),
    }
}

pub(crate) fn int_from_value<S: LockStrategy>(
    vm: &mut Vm<S>,
    v: &Value<S>,
    base: Option<Value<S>>,
) -> PyResult<S> {
    // Text: a str, or bytes and bytearray read as ASCII (`int(b'101', 2)`,
    // as `re._compiler` builds its bitmaps).
    let bytes = match v.as_str() {
        Some(_) => None,
        None => crate::types::bytes::bytes_like(v),
    };
    let text = match &bytes {
        Some(b) => Some(b.iter().map(|&c| c as char).collect::<String>()),
        None => v.as_str().map(String::from),
    };
    if let Some(s) = text {
        let base = match base {
            None => 10,
            Some(b) => ops::expect_int(vm, &b)?,
        };
        if base != 0 && !(2..=36).contains(&base) {
            return Err(vm.value_error("int() base must be >= 2 and <= 36, or 0"));
        }
        let parsed = match &bytes {
            Some(b) if !b.is_ascii() => None,
            _ => parse_int(&s, base as u32),
        };
        return parsed.map(int_from_big).ok_or_else(|| {
            let shown = match &bytes {
                Some(b) => crate::repr::repr(vm, v).unwrap_or_else(|_| crate::repr::bytes_repr(b)),
                None => crate::repr::str_repr(&s),
            };
            vm.value_error(format!(
                "invalid literal for int() with base {base}: {shown}"
            ))
        });
    }
    if base.is_some() {
        return Err(vm.type_error("int() can't convert non-string with explicit base"));
    }
    if crate::classes::user_class_of(v).is_some() {
        if let Some(r) = crate::classes::call_dunder(vm, v, "__int__", vec![])? {
            if !is_int_like(&r) {
                return Err(
                    vm.type_error(format!("__int__ returned non-int (type {})", type_name(&r)))
                );
            }
            return Ok(r);
        }
        if let Some(n) = crate::subclass::numeric_value(v) {
            return int_from_value(vm, &n, None);
        }
        let i = ops::as_index(vm, v)?;
        if is_int_like(&i) {
            return Ok(i);
        }
    }
    match v {
        Value::Int(_) => Ok(v.clone()),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Float(f) => float_to_int(vm, *f),
        Value::Obj(o) if matches!(o.payload(), Payload::BigInt(_)) => Ok(v.clone()),
        _ => Err(vm.type_error(format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
            type_name(v)
        ))),
    }
}

/// Parses `int(s, base)` text: whitespace, sign, underscores between digits.
fn parse_int(s: &str, base: u32) -> Option<BigInt> {
    let t = s.trim();
    let (neg, digits) = match t.as_bytes().first()? {
        b'-' => (true, &t[1..]),
        b'+' => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = digits.to_ascii_lowercase();
    let (digits, base) = match (base, lower.get(..2)) {
        (16 | 0, Some("0x")) => (&digits[2..], 16),
        (8 | 0, Some("0o")) => (&digits[2..], 8),
        (2 | 0, Some("0b")) => (&digits[2..], 2),
        (0, _) => (digits, 10),
        (b, _) => (digits, b),
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
    {
        return None;
    }
    // Decimal digits of any script count as their ASCII digit, as in CPython.
    let clean: String = crate::str_methods::ascii_digits(digits)
        .chars()
        .filter(|c| *c != '_')
        .collect();
    if !clean.chars().all(|c| c.is_digit(base)) {
        return None;
    }
    let v = BigInt::parse_bytes(clean.as_bytes(), base)?;
    Some(if neg { -v } else { v })
}

// ---- conversions ----

/// An int value from a big integer, unboxed when it fits in 64 bits.
pub fn int_from_big<S: LockStrategy>(b: BigInt) -> Value<S> {
    match b.to_i64() {
        Some(i) => Value::Int(i),
        None => Value::Obj(ObjRef::new(Payload::BigInt(b))),
    }
}

/// The big-integer view of an int or bool.
pub fn to_big<S: LockStrategy>(v: &Value<S>) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::Bool(b) => Some(BigInt::from(*b as i64)),
        Value::Obj(o) => match o.payload() {
            Payload::BigInt(b) => Some(b.clone()),
            _ => None,
        },
        _ => None,
    }
}

pub fn is_int_like<S: LockStrategy>(v: &Value<S>) -> bool {
    matches!(v, Value::Int(_) | Value::Bool(_)) || matches!(v.payload(), Some(Payload::BigInt(_)))
}

pub(crate) fn small_int<S: LockStrategy>(v: &Value<S>) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        _ => None,
    }
}

// ---- str and hash ----

/// CPython refuses to print ints longer than this many digits by default.
const INT_MAX_STR_DIGITS: usize = 4300;

/// `str(int)` of a big int: its decimal digits, or CPython's ValueError past
/// the 4300-digit limit (which `format(n, "d")` and `"%d"` share).
pub(crate) fn bigint_str<S: LockStrategy>(vm: &Vm<S>, b: &BigInt) -> PyResult<S, String> {
    let too_long = || {
        vm.value_error(format!(
            "Exceeds the limit ({INT_MAX_STR_DIGITS} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
        ))
    };
    // Refused from the size alone before converting, as CPython does: a
    // number of n bits has more than (n - 1) * log10(2) digits, and
    // converting millions of digits to decimal takes seconds.
    if (b.bits().saturating_sub(1) as f64) * std::f64::consts::LOG10_2 >= INT_MAX_STR_DIGITS as f64
    {
        return Err(too_long());
    }
    let s = b.to_string();
    let digits = s.trim_start_matches('-').len();
    if digits > INT_MAX_STR_DIGITS {
        return Err(too_long());
    }
    Ok(s)
}

/// CPython's modulus for numeric hashes (2**61 - 1).
pub(crate) const HASH_MODULUS: i64 = (1 << 61) - 1;

/// CPython's `hash(i)` for an int that fits in 64 bits.
pub fn reduce_hash_i64(i: i64) -> i64 {
    let r = if i.unsigned_abs() < HASH_MODULUS as u64 {
        i
    } else {
        let m = (i.unsigned_abs() % HASH_MODULUS as u64) as i64;
        if i < 0 {
            -m
        } else {
            m
        }
    };
    if r == -1 {
        -2
    } else {
        r
    }
}

/// CPython's `hash(n)` for a big int.
pub fn reduce_hash_big(b: &num_bigint::BigInt) -> i64 {
    use num_traits::{Signed, ToPrimitive};
    let m = (b.abs() % num_bigint::BigInt::from(HASH_MODULUS))
        .to_i64()
        .unwrap_or(0);
    reduce_hash_i64(if b.is_negative() { -m } else { m })
}

// ---- number operations ----

/// The ints that convert to a float exactly (|i| <= 2**53).
pub(crate) const EXACT_IN_FLOAT: std::ops::RangeInclusive<i64> = -(1 << 53)..=(1 << 53);

/// The machine-int fast path; `None` on overflow or division by zero (the
/// general path then promotes or raises).
#[inline(always)]
pub fn int_fast<S: LockStrategy>(op: BinOp, x: i64, y: i64) -> Option<Value<S>> {
    Some(Value::Int(match op {
        BinOp::Add => x.checked_add(y)?,
        BinOp::Sub => x.checked_sub(y)?,
        BinOp::Mul => x.checked_mul(y)?,
        BinOp::FloorDiv => {
            if y == 0 || (x == i64::MIN && y == -1) {
                return None;
            }
            Integer::div_floor(&x, &y)
        }
        BinOp::Mod => {
            if y == 0 || (x == i64::MIN && y == -1) {
                return None;
            }
            Integer::mod_floor(&x, &y)
        }
        BinOp::And => x & y,
        BinOp::Or => x | y,
        BinOp::Xor => x ^ y,
        BinOp::MatMul => return None,
        BinOp::TrueDiv => {
            // Exact in a float only within 2**53 (CPython's fast path
            // too); beyond, the general path rounds the true quotient.
            if y == 0 || !EXACT_IN_FLOAT.contains(&x) || !EXACT_IN_FLOAT.contains(&y) {
                return None;
            }
            return Some(Value::Float(int_true_div(x, y)));
        }
        BinOp::LShift => {
            if !(0..63).contains(&y) {
                return None;
            }
            let r = x.checked_shl(y as u32)?;
            if r >> y != x {
                return None;
            }
            r
        }
        BinOp::RShift => {
            if y < 0 {
                return None;
            }
            x >> y.min(63)
        }
        BinOp::Pow => {
            if y < 0 {
                return None;
            }
            x.checked_pow(u32::try_from(y).ok()?)?
        }
    }))
}

/// int / int, correctly rounded when both fit in 53 bits (CPython's fast path).
fn int_true_div(x: i64, y: i64) -> f64 {
    x as f64 / y as f64
}

/// `a / b` for ints, correctly rounded (round-half-even) whatever their
/// size, as CPython's `long_true_divide`: the quotient is taken exactly to
/// two bits beyond a double's 53 (fewer in the subnormal range), the
/// remainder folded into a sticky bit, and the rounding done once, on the
/// integer. `None` when the result overflows a float. `b` is not zero.
pub(crate) fn int_true_divide(a: &BigInt, b: &BigInt) -> Option<f64> {
    const MANT_DIG: i64 = 53;
    const MIN_EXP: i64 = -1021;
    const MAX_EXP: i64 = 1024;
    let negative = a.is_negative() != b.is_negative();
    let signed = |v: f64| if negative { -v } else { v };
    let (a, b) = (a.magnitude(), b.magnitude());
    if a.is_zero() {
        return Some(signed(0.0));
    }
    let diff = a.bits() as i64 - b.bits() as i64;
    if diff > MAX_EXP + 1 {
        return None;
    }
    if diff < MIN_EXP - MANT_DIG - 1 {
        return Some(signed(0.0));
    }
    // a / b lies in [2**(diff-1), 2**(diff+1)): shift so that the integer
    // quotient has MANT_DIG + 2 or + 3 bits (fewer where the result is
    // subnormal).
    let shift = diff.max(MIN_EXP) - MANT_DIG - 2;
    let (mut q, r) = if shift >= 0 {
        a.div_rem(&(b << shift as u64))
    } else {
        (a << (-shift) as u64).div_rem(b)
    };
    let inexact = !r.is_zero();
    // Round away the bits below a double's precision, half to even, with
    // the remainder as a sticky bit.
    let q_bits = q.bits() as i64;
    let extra = (q_bits.max(MIN_EXP - shift) - MANT_DIG) as u64;
    let low_mask = (num_bigint::BigUint::from(1u8) << extra) - 1u8;
    let low = &q & &low_mask;
    let half = num_bigint::BigUint::from(1u8) << (extra - 1);
    let odd = q.bit(extra);
    q -= &low;
    if low > half || (low == half && (inexact || odd)) {
        q += num_bigint::BigUint::from(1u8) << extra;
    }
    // q now has at most MANT_DIG + 1 significant bits: exact as a float.
    let mantissa = q.to_f64()?;
    let exponent = shift as i32;
    if q.bits() as i64 + shift > MAX_EXP {
        return None;
    }
    // Scaled in steps that stay normal, so only the last can round, and
    // the rounding above made it exact.
    let (mut value, mut e) = (mantissa, exponent);
    while e < -1000 {
        value *= 2f64.powi(-1000);
        e += 1000;
    }
    Some(signed(value * 2f64.powi(e)))
}

pub(crate) fn big_int_op<S: LockStrategy>(
    vm: &Vm<S>,
    op: BinOp,
    a: &Value<S>,
    b: &Value<S>,
) -> PyResult<S> {
    // Bools are ints; try the machine fast path first.
    if let (Some(x), Some(y)) = (small_int(a), small_int(b)) {
        if let Some(v) = int_fast(op, x, y) {
            return Ok(v);
        }
    }
    let x = to_big(a).expect("int-like");
    let y = to_big(b).expect("int-like");
    let zero_div = |msg: &str| vm.new_error("ZeroDivisionError", msg);
    Ok(match op {
        BinOp::MatMul => unreachable!("ints have no @: binary_op does not come here"),
        BinOp::Add => int_from_big(x + y),
        BinOp::Sub => int_from_big(x - y),
        BinOp::Mul => int_from_big(x * y),
        BinOp::FloorDiv => {
            if y.is_zero() {
                return Err(zero_div("integer division or modulo by zero"));
            }
            int_from_big(x.div_floor(&y))
        }
        BinOp::Mod => {
            if y.is_zero() {
                return Err(zero_div("integer modulo by zero"));
            }
            int_from_big(x.mod_floor(&y))
        }
        BinOp::TrueDiv => {
            if y.is_zero() {
                return Err(zero_div("division by zero"));
            }
            match int_true_divide(&x, &y) {
                Some(q) => Value::Float(q),
                None => {
                    return Err(vm.new_error(
                        "OverflowError",
                        "integer division result too large for a float",
                    ))
                }
            }
        }
        BinOp::Pow => {
            if y.is_negative() {
                let (Some(p), Some(q)) = (x.to_f64(), y.to_f64()) else {
                    return Err(vm.new_error("OverflowError", "int too large to convert to float"));
                };
                if p == 0.0 {
                    return Err(zero_div("0.0 cannot be raised to a negative power"));
                }
                Value::Float(p.powf(q))
            } else {
                let Some(e) = y.to_u32() else {
                    return Err(vm.new_error("OverflowError", "exponent too large"));
                };
                int_from_big(num_traits::pow::Pow::pow(&x, e))
            }
        }
        BinOp::LShift => {
            if y.is_negative() {
                return Err(vm.value_error("negative shift count"));
            }
            let Some(n) = y.to_usize().filter(|n| *n < (1 << 32)) else {
                return Err(vm.new_error("OverflowError", "too many digits in integer"));
            };
            int_from_big(x << n)
        }
        BinOp::RShift => {
            if y.is_negative() {
                return Err(vm.value_error("negative shift count"));
            }
            let n = y.to_usize().unwrap_or(usize::MAX).min(1 << 40);
            int_from_big(x >> n)
        }
        BinOp::And => int_from_big(x & y),
        BinOp::Or => int_from_big(x | y),
        BinOp::Xor => int_from_big(x ^ y),
    })
}

// ---- methods ----

/// The methods of `int` (bool inherits them), registered by `crate::methods`.
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
    let v: Vec<(TypeKind, &'static str, NativeFn<S>)> = [TypeKind::Int, TypeKind::Bool]
        .into_iter()
        .flat_map(|kind| int_methods.iter().map(move |(name, f)| (kind, *name, *f)))
        .collect();
    v
}

/// The int value of a method's receiver, or CPython's descriptor error.
fn int_receiver<S: LockStrategy>(vm: &Vm<S>, method: &str, args: &Args<S>) -> PyResult<S, BigInt> {
    args.pos
        .first()
        .and_then(to_big)
        .ok_or_else(|| descriptor_error(vm, method, "int", args.pos.first()))
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
    Ok(int_from_big(int_receiver(vm, "conjugate", &args)?))
}

fn int_as_integer_ratio<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_arguments(vm, "int", "as_integer_ratio", &args)?;
    let n = int_receiver(vm, "as_integer_ratio", &args)?;
    Ok(ops::new_tuple(vec![int_from_big(n), Value::Int(1)]))
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
    Ok(int_from_big(n))
}

// ---- slots ----
//
// What `int` fills, as CPython's `PyLong_Type` (the dispatch is in `ops`,
// `repr`, `dict` and the eval loop, by `Value::Int`, `Value::Bool` and
// `Payload::BigInt`):
//
// | slot                  | here                                                |
// |-----------------------|-----------------------------------------------------|
// | tp_new                | [`construct`], [`int_from_value`], [`parse_int`]    |
// | tp_repr / tp_str      | [`bigint_str`] (a machine int: `i64::to_string`     |
// |                       | in `repr`'s `Value::Int` arm)                       |
// | tp_hash               | [`reduce_hash_i64`], [`reduce_hash_big`]            |
// | tp_richcompare        | inline in `ops::eq_native`/`ops::order` (i64 or     |
// |                       | [`to_big`] comparison); with a float: `float`'s     |
// | nb_add ... nb_rshift  | [`int_fast`] (eval loop), [`big_int_op`] (general)  |
// | nb_true_divide        | [`int_true_divide`], correctly rounded              |
// | nb_index / nb_int     | [`to_big`], [`is_int_like`], [`int_from_big`]       |
// | tp_methods            | [`methods`]                                         |
// | nb_negative, nb_positive, nb_invert, nb_absolute, nb_bool: inline in      |
// | `ops` (one arm each for `Value::Int`, `Value::Bool` and BigInt)           |
