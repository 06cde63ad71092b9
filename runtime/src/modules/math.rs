//! The `math` module, with CPython 3.11's semantics (`Modules/mathmodule.c`).
//!
//! Elementary functions call the platform's libm, as CPython does, so the
//! results agree to the last bit; where CPython has an algorithm of its own
//! (`gamma`/`lgamma` by Lanczos' approximation, `hypot`/`dist` by scaled
//! compensated sums, `fsum` by Shewchuk's exact partials, `remainder`,
//! `pow`'s and `atan2`'s special values, logs of ints beyond float range)
//! ours follows it step by step. Errors are CPython's: a NaN from a non-NaN
//! argument is `ValueError: math domain error`, an infinity from a finite
//! one `OverflowError: math range error` (or a domain error at a
//! singularity). Integer functions work on big ints exactly.

use crate::classes::{call_dunder, user_class_of};
use crate::code::BinOp;
use crate::object::{ObjRef, Payload, Value};
use crate::ops::{self, type_name};
use crate::strategy::LockStrategy;
use crate::subclass::numeric_value;
use crate::vm::{Args, PyErr, PyResult, Vm};
use num_bigint::BigInt;
use num_integer::{Integer, Roots};
use num_traits::{One, Signed, ToPrimitive, Zero};

/// The libm functions called by their C names: Rust's `f64` methods
/// compute `acosh`, `asinh`, `atanh` and `cbrt` by code of their own,
/// which can differ from the C library's (and CPython's) in the last bit,
/// and `erf` is not in stable `std`.
mod libm {
    mod sys {
        // Rust's runtime brings its own `cbrt` (a port of musl's, which
        // rounds differently from glibc's), and the linker binds the plain
        // name to it; glibc also exports each function as `NAMEf64`, the
        // same code under a name nothing else defines.
        // SAFETY: C99 functions of the platform's libm, which `std` already
        // links; each takes and returns doubles by value and reads no
        // memory, so every argument is sound.
        unsafe extern "C" {
            #[cfg_attr(all(target_os = "linux", target_env = "gnu"), link_name = "erff64")]
            pub safe fn erf(x: f64) -> f64;
            #[cfg_attr(all(target_os = "linux", target_env = "gnu"), link_name = "erfcf64")]
            pub safe fn erfc(x: f64) -> f64;
            #[cfg_attr(all(target_os = "linux", target_env = "gnu"), link_name = "acoshf64")]
            pub safe fn acosh(x: f64) -> f64;
            #[cfg_attr(all(target_os = "linux", target_env = "gnu"), link_name = "asinhf64")]
            pub safe fn asinh(x: f64) -> f64;
            #[cfg_attr(all(target_os = "linux", target_env = "gnu"), link_name = "atanhf64")]
            pub safe fn atanh(x: f64) -> f64;
            #[cfg_attr(all(target_os = "linux", target_env = "gnu"), link_name = "cbrtf64")]
            pub safe fn cbrt(x: f64) -> f64;
            #[cfg_attr(all(target_os = "linux", target_env = "gnu"), link_name = "expm1f64")]
            pub safe fn expm1(x: f64) -> f64;
            #[cfg_attr(all(target_os = "linux", target_env = "gnu"), link_name = "log1pf64")]
            pub safe fn log1p(x: f64) -> f64;
            #[cfg_attr(all(target_os = "linux", target_env = "gnu"), link_name = "hypotf64")]
            pub safe fn hypot(x: f64, y: f64) -> f64;
        }
    }

    // Rust-ABI wrappers, usable as `fn(f64) -> f64`.
    pub fn erf(x: f64) -> f64 {
        sys::erf(x)
    }
    pub fn erfc(x: f64) -> f64 {
        sys::erfc(x)
    }
    pub fn acosh(x: f64) -> f64 {
        sys::acosh(x)
    }
    pub fn asinh(x: f64) -> f64 {
        sys::asinh(x)
    }
    pub fn atanh(x: f64) -> f64 {
        sys::atanh(x)
    }
    pub fn cbrt(x: f64) -> f64 {
        sys::cbrt(x)
    }
    pub fn expm1(x: f64) -> f64 {
        sys::expm1(x)
    }
    pub fn log1p(x: f64) -> f64 {
        sys::log1p(x)
    }
    pub fn hypot(x: f64, y: f64) -> f64 {
        sys::hypot(x, y)
    }
}

pub fn init<S: LockStrategy>(vm: &mut Vm<S>, dict: &ObjRef<S>) {
    let functions: &[(&'static str, crate::object::NativeFn<S>)] = &[
        ("acos", acos),
        ("acosh", acosh),
        ("asin", asin),
        ("asinh", asinh),
        ("atan", atan),
        ("atan2", atan2),
        ("atanh", atanh),
        ("cbrt", cbrt),
        ("ceil", ceil),
        ("comb", comb),
        ("copysign", copysign),
        ("cos", cos),
        ("cosh", cosh),
        ("degrees", degrees),
        ("dist", dist),
        ("erf", erf),
        ("erfc", erfc),
        ("exp", exp),
        ("exp2", exp2),
        ("expm1", expm1),
        ("fabs", fabs),
        ("factorial", factorial),
        ("floor", floor),
        ("fmod", fmod),
        ("frexp", frexp),
        ("fsum", fsum),
        ("gamma", gamma),
        ("gcd", gcd),
        ("hypot", hypot),
        ("isclose", isclose),
        ("isfinite", isfinite),
        ("isinf", isinf),
        ("isnan", isnan),
        ("isqrt", isqrt),
        ("lcm", lcm),
        ("ldexp", ldexp),
        ("lgamma", lgamma),
        ("log", log),
        ("log10", log10),
        ("log1p", log1p),
        ("log2", log2),
        ("modf", modf),
        ("nextafter", nextafter),
        ("perm", perm),
        ("pow", pow),
        ("prod", prod),
        ("radians", radians),
        ("remainder", remainder),
        ("sin", sin),
        ("sinh", sinh),
        ("sqrt", sqrt),
        ("tan", tan),
        ("tanh", tanh),
        ("trunc", trunc),
        ("ulp", ulp),
    ];
    let functions: Vec<_> = functions
        .iter()
        .map(|&(name, f)| (name, f, false))
        .collect();
    super::add_functions(vm, dict, &functions);
    for (name, value) in [
        ("pi", std::f64::consts::PI),
        ("e", std::f64::consts::E),
        ("tau", std::f64::consts::TAU),
        ("inf", f64::INFINITY),
        ("nan", f64::NAN),
    ] {
        vm.interp.dict_set_str(dict, name, Value::Float(value));
    }
}

/// libm's `asinh`, `hypot` and `log1p`, which cmath uses (CPython calls
/// the C library's).
pub(crate) fn libm_asinh(x: f64) -> f64 {
    libm::asinh(x)
}

pub(crate) fn libm_hypot(x: f64, y: f64) -> f64 {
    libm::hypot(x, y)
}

pub(crate) fn libm_log1p(x: f64) -> f64 {
    libm::log1p(x)
}

// ---- errors ----

pub(crate) fn domain_error<S: LockStrategy>(vm: &Vm<S>) -> PyErr<S> {
    vm.value_error("math domain error")
}

pub(crate) fn range_error<S: LockStrategy>(vm: &Vm<S>) -> PyErr<S> {
    vm.new_error("OverflowError", "math range error")
}

/// What a C function reports through `errno`.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Errno {
    Ok,
    Domain,
    Range,
}

/// CPython's `is_error`: a range error whose result is small is an
/// underflow, which is not an error.
fn check_errno<S: LockStrategy>(vm: &Vm<S>, r: f64, errno: Errno) -> PyResult<S> {
    match errno {
        Errno::Domain => Err(domain_error(vm)),
        Errno::Range if r.abs() >= 1.5 => Err(range_error(vm)),
        _ => Ok(Value::Float(r)),
    }
}

// ---- arguments ----

/// The single argument of a one-argument function (`METH_O` in CPython).
fn one<'a, S: LockStrategy>(
    vm: &Vm<S>,
    name: &str,
    args: &'a Args<S>,
) -> PyResult<S, &'a Value<S>> {
    no_keywords(vm, name, args)?;
    match args.pos.as_slice() {
        [v] => Ok(v),
        pos => Err(vm.type_error(format!(
            "math.{name}() takes exactly one argument ({} given)",
            pos.len()
        ))),
    }
}

/// The two arguments of a two-argument function.
fn two<'a, S: LockStrategy>(
    vm: &Vm<S>,
    name: &str,
    args: &'a Args<S>,
) -> PyResult<S, (&'a Value<S>, &'a Value<S>)> {
    no_keywords(vm, name, args)?;
    match args.pos.as_slice() {
        [a, b] => Ok((a, b)),
        pos => Err(vm.type_error(format!("{name} expected 2 arguments, got {}", pos.len()))),
    }
}

fn no_keywords<S: LockStrategy>(vm: &Vm<S>, name: &str, args: &Args<S>) -> PyResult<S, ()> {
    if args.kw.is_empty() {
        Ok(())
    } else {
        Err(vm.type_error(format!("math.{name}() takes no keyword arguments")))
    }
}

/// A real number as CPython's `PyFloat_AsDouble` reads one: a float, an
/// int (an OverflowError beyond float range), or an object with
/// `__float__` or `__index__`.
pub(crate) fn real<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, f64> {
    match v {
        Value::Float(f) => return Ok(*f),
        Value::Int(i) => return Ok(*i as f64),
        Value::Bool(b) => return Ok(*b as u8 as f64),
        Value::None => return Err(not_real(vm, v)),
        Value::Obj(o) => match o.payload() {
            Payload::Float(f) => return Ok(*f),
            Payload::BigInt(b) => return big_to_f64(vm, b),
            _ => {}
        },
    }
    if user_class_of(v).is_none() {
        return Err(not_real(vm, v));
    }
    let base = numeric_value(v);
    if let Some(Value::Float(f)) = base {
        // A float subclass is read without calling `__float__`.
        return Ok(f);
    }
    if let Some(r) = call_dunder(vm, v, "__float__", Vec::new())? {
        return match numeric_value(&r).unwrap_or_else(|| r.clone()) {
            Value::Float(f) => Ok(f),
            _ => Err(vm.type_error(format!(
                "{}.__float__ returned non-float (type {})",
                type_name(v),
                type_name(&r)
            ))),
        };
    }
    if let Some(n) = base {
        return real(vm, &n);
    }
    match call_dunder(vm, v, "__index__", Vec::new())? {
        Some(i) => match ops::to_big(&numeric_value(&i).unwrap_or_else(|| i.clone())) {
            Some(b) => big_to_f64(vm, &b),
            None => Err(vm.type_error(format!(
                "__index__ returned non-int (type {})",
                type_name(&i)
            ))),
        },
        None => Err(not_real(vm, v)),
    }
}

fn not_real<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>) -> PyErr<S> {
    vm.type_error(format!("must be real number, not {}", type_name(v)))
}

fn big_to_f64<S: LockStrategy>(vm: &Vm<S>, b: &BigInt) -> PyResult<S, f64> {
    b.to_f64()
        .filter(|f| f.is_finite())
        .ok_or_else(|| vm.new_error("OverflowError", "int too large to convert to float"))
}

/// An integer argument, through `__index__` (CPython's `PyNumber_Index`).
fn index<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, BigInt> {
    let i = ops::as_index(vm, v)?;
    ops::to_big(&i).ok_or_else(|| {
        vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(v)
        ))
    })
}

/// An int value for an integral float (CPython's `PyLong_FromDouble`).
fn int_from_f64<S: LockStrategy>(vm: &Vm<S>, f: f64) -> PyResult<S> {
    if f.is_nan() {
        return Err(vm.value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(vm.new_error("OverflowError", "cannot convert float infinity to integer"));
    }
    if f.abs() < 9.2e18 {
        return Ok(Value::Int(f as i64));
    }
    let big = num_traits::FromPrimitive::from_f64(f).unwrap_or_default();
    Ok(ops::int_from_big(big))
}

// ---- one-argument functions on floats ----

/// CPython's `math_1`: a NaN result from a non-NaN argument is a domain
/// error; an infinite one from a finite argument an overflow, or a domain
/// error (a singularity) for the functions that cannot overflow.
fn math_1<S: LockStrategy>(
    vm: &mut Vm<S>,
    name: &str,
    args: &Args<S>,
    f: fn(f64) -> f64,
    can_overflow: bool,
) -> PyResult<S> {
    let x = real(vm, one(vm, name, args)?)?;
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain_error(vm));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow {
            range_error(vm)
        } else {
            domain_error(vm)
        });
    }
    Ok(Value::Float(r))
}

macro_rules! func1 {
    ($($name:ident = $f:expr, $can_overflow:expr;)*) => {$(
        fn $name<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
            math_1(vm, stringify!($name), &args, $f, $can_overflow)
        }
    )*};
}

func1! {
    acos = f64::acos, false;
    acosh = libm::acosh, false;
    asin = f64::asin, false;
    asinh = libm::asinh, false;
    atan = f64::atan, false;
    atanh = libm::atanh, false;
    cbrt = libm::cbrt, false;
    cos = f64::cos, false;
    cosh = f64::cosh, true;
    exp = f64::exp, true;
    exp2 = f64::exp2, true;
    expm1 = libm::expm1, true;
    fabs = f64::abs, false;
    log1p = libm::log1p, false;
    sin = f64::sin, false;
    sinh = f64::sinh, true;
    sqrt = f64::sqrt, false;
    tan = f64::tan, false;
    tanh = f64::tanh, false;
}

/// CPython's `math_1a`: the function reports its own errors.
fn math_1a<S: LockStrategy>(
    vm: &mut Vm<S>,
    name: &str,
    args: &Args<S>,
    f: fn(f64) -> (f64, Errno),
) -> PyResult<S> {
    let x = real(vm, one(vm, name, args)?)?;
    let (r, errno) = f(x);
    check_errno(vm, r, errno)
}

fn erf<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    // libm's erf and erfc only underflow, which is not an error.
    math_1a(vm, "erf", &args, |x| (libm::erf(x), Errno::Ok))
}

fn erfc<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    math_1a(vm, "erfc", &args, |x| (libm::erfc(x), Errno::Ok))
}

fn gamma<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    math_1a(vm, "gamma", &args, tgamma)
}

fn lgamma<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    math_1a(vm, "lgamma", &args, lgamma_of)
}

fn degrees<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let x = real(vm, one(vm, "degrees", &args)?)?;
    Ok(Value::Float(x * (180.0 / std::f64::consts::PI)))
}

fn radians<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let x = real(vm, one(vm, "radians", &args)?)?;
    Ok(Value::Float(x * (std::f64::consts::PI / 180.0)))
}

fn isfinite<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let x = real(vm, one(vm, "isfinite", &args)?)?;
    Ok(Value::Bool(x.is_finite()))
}

fn isinf<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let x = real(vm, one(vm, "isinf", &args)?)?;
    Ok(Value::Bool(x.is_infinite()))
}

fn isnan<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let x = real(vm, one(vm, "isnan", &args)?)?;
    Ok(Value::Bool(x.is_nan()))
}

fn ulp<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let x = real(vm, one(vm, "ulp", &args)?)?;
    if x.is_nan() {
        return Ok(Value::Float(x));
    }
    let x = x.abs();
    if x.is_infinite() {
        return Ok(Value::Float(x));
    }
    let up = next_after(x, f64::INFINITY);
    Ok(Value::Float(if up.is_infinite() {
        // The largest finite float: the gap below it.
        x - next_after(x, f64::NEG_INFINITY)
    } else {
        up - x
    }))
}

fn frexp<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let x = real(vm, one(vm, "frexp", &args)?)?;
    let (m, e) = frexp_of(x);
    Ok(ops::new_tuple(vec![Value::Float(m), Value::Int(e as i64)]))
}

/// `x == m * 2**e` with `0.5 <= |m| < 1`; zeros, infinities and NaN are
/// returned with exponent 0.
pub(crate) fn frexp_of(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    if biased == 0 {
        // Subnormal: scale into the normal range first (exactly).
        let (m, e) = frexp_of(x * 18_446_744_073_709_551_616.0);
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, biased - 1022)
}

/// `x * 2**n`, correctly rounded (C's `scalbn`): the scaling is split so
/// that a subnormal result is rounded once.
pub(crate) fn ldexp_of(x: f64, n: i32) -> f64 {
    let mut y = x;
    let mut n = n;
    let p1023 = f64::from_bits(0x7fe << 52);
    // 2**-1022 * 2**53: keeps the last step's exponent below -53.
    let down = f64::from_bits(1 << 52) * f64::from_bits((1023 + 53) << 52);
    if n > 1023 {
        y *= p1023;
        n -= 1023;
        if n > 1023 {
            y *= p1023;
            n -= 1023;
            n = n.min(1023);
        }
    } else if n < -1022 {
        y *= down;
        n += 1022 - 53;
        if n < -1022 {
            y *= down;
            n += 1022 - 53;
            n = n.max(-1022);
        }
    }
    y * f64::from_bits(((0x3ff + n) as u64) << 52)
}

fn modf<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let x = real(vm, one(vm, "modf", &args)?)?;
    let (frac, int) = if x.is_infinite() {
        (0.0f64.copysign(x), x)
    } else if x.is_nan() {
        (x, x)
    } else {
        let int = x.trunc();
        ((x - int).copysign(x), int)
    };
    Ok(ops::new_tuple(vec![Value::Float(frac), Value::Float(int)]))
}

/// The float next to `x` in the direction of `y` (C's `nextafter`).
pub(crate) fn next_after(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return x + y;
    }
    if x == y {
        return y;
    }
    if x == 0.0 {
        return f64::from_bits(1).copysign(y);
    }
    let bits = x.to_bits();
    if (y > x) == (x > 0.0) {
        f64::from_bits(bits + 1)
    } else {
        f64::from_bits(bits - 1)
    }
}

// ---- rounding to ints ----

/// `floor`/`ceil`: an exact float rounds; other objects use their
/// `__floor__`/`__ceil__` (ints return themselves), or are read as reals.
fn round_to_int<S: LockStrategy>(
    vm: &mut Vm<S>,
    args: Args<S>,
    name: &str,
    dunder: &str,
    f: fn(f64) -> f64,
) -> PyResult<S> {
    let v = one(vm, name, &args)?;
    match v {
        Value::Float(x) => return int_from_f64(vm, f(*x)),
        Value::Int(_) => return Ok(v.clone()),
        Value::Bool(b) => return Ok(Value::Int(*b as i64)),
        _ if matches!(v.payload(), Some(Payload::BigInt(_))) => return Ok(v.clone()),
        _ => {}
    }
    if let Some(r) = call_dunder(vm, v, dunder, Vec::new())? {
        return Ok(r);
    }
    if let Some(n) = numeric_value(v) {
        // A subclass of int or float with the base's method.
        return match n {
            Value::Float(x) => int_from_f64(vm, f(x)),
            n => Ok(n),
        };
    }
    let x = real(vm, v)?;
    int_from_f64(vm, f(x))
}

fn floor<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    round_to_int(vm, args, "floor", "__floor__", f64::floor)
}

fn ceil<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    round_to_int(vm, args, "ceil", "__ceil__", f64::ceil)
}

/// `trunc(x)`: `x.__trunc__()`; there is no fallback to `__float__`.
fn trunc<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let v = one(vm, "trunc", &args)?;
    match v {
        Value::Float(x) => return int_from_f64(vm, x.trunc()),
        Value::Int(_) => return Ok(v.clone()),
        Value::Bool(b) => return Ok(Value::Int(*b as i64)),
        _ if matches!(v.payload(), Some(Payload::BigInt(_))) => return Ok(v.clone()),
        _ => {}
    }
    if let Some(r) = call_dunder(vm, v, "__trunc__", Vec::new())? {
        return Ok(r);
    }
    match numeric_value(v) {
        Some(Value::Float(x)) => int_from_f64(vm, x.trunc()),
        Some(n) => Ok(n),
        None => Err(vm.type_error(format!(
            "type {} doesn't define __trunc__ method",
            type_name(v)
        ))),
    }
}

// ---- two-argument functions on floats ----

/// CPython's `math_2`: a NaN from non-NaN arguments is a domain error, an
/// infinity from finite ones an overflow.
fn math_2<S: LockStrategy>(
    vm: &mut Vm<S>,
    name: &str,
    args: &Args<S>,
    f: fn(f64, f64) -> f64,
) -> PyResult<S> {
    let (a, b) = two(vm, name, args)?;
    let x = real(vm, a)?;
    let y = real(vm, b)?;
    let r = f(x, y);
    let errno = if r.is_nan() && !x.is_nan() && !y.is_nan() {
        Errno::Domain
    } else if r.is_infinite() && x.is_finite() && y.is_finite() {
        Errno::Range
    } else {
        Errno::Ok
    };
    check_errno(vm, r, errno)
}

fn atan2<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    math_2(vm, "atan2", &args, atan2_of)
}

/// `atan2` with C99's special values (some libms get them wrong, so
/// CPython settles them itself).
pub(crate) fn atan2_of(y: f64, x: f64) -> f64 {
    use std::f64::consts::PI;
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if y.is_infinite() {
        if x.is_infinite() {
            let angle = if x.is_sign_positive() {
                0.25 * PI
            } else {
                0.75 * PI
            };
            return angle.copysign(y);
        }
        return (0.5 * PI).copysign(y);
    }
    if x.is_infinite() || y == 0.0 {
        return if x.is_sign_positive() {
            0.0f64.copysign(y)
        } else {
            PI.copysign(y)
        };
    }
    y.atan2(x)
}

fn copysign<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    math_2(vm, "copysign", &args, f64::copysign)
}

fn remainder<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    math_2(vm, "remainder", &args, remainder_of)
}

/// IEEE 754 `remainder`: `x - n*y` for the integer `n` nearest `x / y`,
/// ties to even; exact.
fn remainder_of(x: f64, y: f64) -> f64 {
    if x.is_finite() && y.is_finite() {
        if y == 0.0 {
            return f64::NAN;
        }
        let (absx, absy) = (x.abs(), y.abs());
        let m = absx % absy;
        // Compare m with absy - m rather than with absy / 2, which may not
        // be exact; absy - m is exact whenever it matters.
        let c = absy - m;
        let r = if m < c {
            m
        } else if m > c {
            -c
        } else {
            // Halfway: choose the even multiple. fmod(0.5 * (absx - m),
            // absy) is m for an odd multiple and 0 for an even one.
            m - 2.0 * ((0.5 * (absx - m)) % absy)
        };
        return 1.0f64.copysign(x) * r;
    }
    if x.is_nan() {
        return x;
    }
    if y.is_nan() {
        return y;
    }
    if x.is_infinite() {
        return f64::NAN;
    }
    x
}

fn fmod<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let (a, b) = two(vm, "fmod", &args)?;
    let x = real(vm, a)?;
    let y = real(vm, b)?;
    if y.is_infinite() && x.is_finite() {
        return Ok(Value::Float(x));
    }
    let r = x % y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain_error(vm));
    }
    Ok(Value::Float(r))
}

fn nextafter<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let (a, b) = two(vm, "nextafter", &args)?;
    let x = real(vm, a)?;
    let y = real(vm, b)?;
    Ok(Value::Float(next_after(x, y)))
}

fn pow<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let (a, b) = two(vm, "pow", &args)?;
    let x = real(vm, a)?;
    let y = real(vm, b)?;
    let (r, errno) = pow_of(x, y);
    check_errno(vm, r, errno)
}

/// `x ** y` with C99's special values settled here (as CPython does, for
/// libms that differ) and libm's `pow` for finite arguments.
fn pow_of(x: f64, y: f64) -> (f64, Errno) {
    if !x.is_finite() || !y.is_finite() {
        let r = if x.is_nan() {
            if y == 0.0 {
                1.0
            } else {
                x
            }
        } else if y.is_nan() {
            if x == 1.0 {
                1.0
            } else {
                y
            }
        } else if x.is_infinite() {
            let odd_y = y.is_finite() && (y.abs() % 2.0) == 1.0;
            if y > 0.0 {
                if odd_y {
                    x
                } else {
                    x.abs()
                }
            } else if y == 0.0 {
                1.0
            } else if odd_y {
                0.0f64.copysign(x)
            } else {
                0.0
            }
        } else if x.abs() == 1.0 {
            1.0
        } else if (y > 0.0 && x.abs() > 1.0) || (y < 0.0 && x.abs() < 1.0) {
            f64::INFINITY
        } else {
            0.0
        };
        return (r, Errno::Ok);
    }
    let r = x.powf(y);
    let errno = if r.is_nan() {
        // Only a negative number to a non-integral power.
        Errno::Domain
    } else if r.is_infinite() {
        // Zero to a negative power, or an overflow.
        if x == 0.0 {
            Errno::Domain
        } else {
            Errno::Range
        }
    } else {
        Errno::Ok
    };
    (r, errno)
}

fn ldexp<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let (a, b) = two(vm, "ldexp", &args)?;
    let x = real(vm, a)?;
    let n = match numeric_value(b).unwrap_or_else(|| b.clone()) {
        n if ops::is_int_like(&n) => ops::to_big(&n).unwrap_or_default(),
        _ => return Err(vm.type_error("Expected an int as second argument to ldexp.")),
    };
    if x == 0.0 || !x.is_finite() {
        return Ok(Value::Float(x));
    }
    match n.to_i32() {
        Some(n) => {
            let r = ldexp_of(x, n);
            if r.is_infinite() {
                return Err(range_error(vm));
            }
            Ok(Value::Float(r))
        }
        None if n.is_positive() => Err(range_error(vm)),
        None => Ok(Value::Float(0.0f64.copysign(x))),
    }
}

// ---- logarithms ----

/// The three logarithms, with C99's special values.
#[derive(Clone, Copy)]
enum Log {
    E,
    Two,
    Ten,
}

impl Log {
    fn of(self, x: f64) -> f64 {
        if x.is_finite() {
            if x > 0.0 {
                return match self {
                    Log::E => x.ln(),
                    Log::Two => x.log2(),
                    Log::Ten => x.log10(),
                };
            }
            return if x == 0.0 {
                f64::NEG_INFINITY
            } else {
                f64::NAN
            };
        }
        if x.is_nan() || x > 0.0 {
            x
        } else {
            f64::NAN
        }
    }
}

/// CPython's `loghelper`: an int is taken exactly, even beyond float
/// range (log(m * 2**e) = log(m) + e*log(2)); zero and negative ints are
/// domain errors.
fn log_of<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>, base: Log) -> PyResult<S, f64> {
    let as_int = match numeric_value(v) {
        Some(n) => ops::to_big(&n),
        None => ops::to_big(v),
    };
    if let Some(n) = as_int {
        if !n.is_positive() {
            return Err(domain_error(vm));
        }
        return Ok(match n.to_f64().filter(|f| f.is_finite()) {
            Some(x) => base.of(x),
            None => {
                let (m, e) = big_frexp(&n);
                base.of(m) + base.of(2.0) * e as f64
            }
        });
    }
    let x = real(vm, v)?;
    let r = base.of(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain_error(vm));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(domain_error(vm));
    }
    Ok(r)
}

/// A positive int as `m * 2**e` with `0.5 <= m < 1`, `m` correctly rounded
/// (CPython's `_PyLong_Frexp`).
fn big_frexp(n: &BigInt) -> (f64, u64) {
    let bits = n.bits();
    // Keep 55 bits (two beyond a double's), with a sticky bit for the rest,
    // so that the conversion rounds as the exact value would.
    let shift = bits.saturating_sub(55);
    let top = n >> shift;
    let mut top = top.to_u64().unwrap_or(0);
    if shift > 0 && n.trailing_zeros().unwrap_or(0) < shift {
        top |= 1;
    }
    let m = top as f64 / 2f64.powi((bits - shift) as i32);
    if m == 1.0 {
        (0.5, bits + 1)
    } else {
        (m, bits)
    }
}

fn log<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    if !args.kw.is_empty() {
        return Err(vm.type_error("log() takes no keyword arguments"));
    }
    if args.pos.is_empty() || args.pos.len() > 2 {
        return Err(vm.type_error("math.log requires 1 to 2 arguments"));
    }
    let num = log_of(vm, &args.pos[0], Log::E)?;
    let Some(base) = args.pos.get(1) else {
        return Ok(Value::Float(num));
    };
    let den = log_of(vm, base, Log::E)?;
    if den == 0.0 {
        return Err(vm.new_error("ZeroDivisionError", "float division by zero"));
    }
    Ok(Value::Float(num / den))
}

fn log2<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let v = one(vm, "log2", &args)?;
    log_of(vm, v, Log::Two).map(Value::Float)
}

fn log10<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let v = one(vm, "log10", &args)?;
    log_of(vm, v, Log::Ten).map(Value::Float)
}

// ---- gamma and lgamma (CPython's Lanczos approximation) ----

const LANCZOS_N: usize = 13;
// Exactly representable (a dyadic rational), written out in full.
#[allow(clippy::excessive_precision)]
const LANCZOS_G: f64 = 6.024_680_040_776_729_583_740_234_375;
#[allow(clippy::excessive_precision)]
const LANCZOS_G_MINUS_HALF: f64 = 5.524_680_040_776_729_583_740_234_375;
#[allow(clippy::excessive_precision)]
const LANCZOS_NUM: [f64; LANCZOS_N] = [
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408,
];
const LANCZOS_DEN: [f64; LANCZOS_N] = [
    0.0,
    39916800.0,
    120543840.0,
    150917976.0,
    105258076.0,
    45995730.0,
    13339535.0,
    2637558.0,
    357423.0,
    32670.0,
    1925.0,
    66.0,
    1.0,
];
#[allow(clippy::excessive_precision)]
const LOG_PI: f64 = 1.144729885849400174143427351353058711647;
/// gamma(n) for n = 1..=23 is exact in a double: (n-1)!.
const GAMMA_EXACT_UP_TO: f64 = 23.0;

/// The rational function of Lanczos' approximation; for large x in terms
/// of 1/x, to avoid overflow.
fn lanczos_sum(x: f64) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    if x < 5.0 {
        for i in (0..LANCZOS_N).rev() {
            num = num * x + LANCZOS_NUM[i];
            den = den * x + LANCZOS_DEN[i];
        }
    } else {
        for i in 0..LANCZOS_N {
            num = num / x + LANCZOS_NUM[i];
            den = den / x + LANCZOS_DEN[i];
        }
    }
    num / den
}

/// sin(pi * x), accurate for large x (the argument is reduced first).
fn sin_pi(x: f64) -> f64 {
    use std::f64::consts::PI;
    let y = x.abs() % 2.0;
    let r = match (2.0 * y).round() as i32 {
        0 => (PI * y).sin(),
        1 => (PI * (y - 0.5)).cos(),
        // Not -sin(pi*(y-1)), which gives -0.0 at y == 1.
        2 => (PI * (1.0 - y)).sin(),
        3 => -(PI * (y - 1.5)).cos(),
        _ => (PI * (y - 2.0)).sin(),
    };
    1.0f64.copysign(x) * r
}

fn tgamma(x: f64) -> (f64, Errno) {
    use std::f64::consts::PI;
    if !x.is_finite() {
        if x.is_nan() || x > 0.0 {
            return (x, Errno::Ok);
        }
        return (f64::NAN, Errno::Domain);
    }
    if x == 0.0 {
        return (f64::INFINITY.copysign(x), Errno::Domain);
    }
    if x == x.floor() {
        if x < 0.0 {
            return (f64::NAN, Errno::Domain);
        }
        if x <= GAMMA_EXACT_UP_TO {
            let mut r = 1.0;
            for k in 2..(x as u32) {
                r *= k as f64;
            }
            return (r, Errno::Ok);
        }
    }
    let absx = x.abs();
    if absx < 1e-20 {
        // gamma(x) ~ 1/x near zero.
        let r = 1.0 / x;
        let errno = if r.is_infinite() {
            Errno::Range
        } else {
            Errno::Ok
        };
        return (r, errno);
    }
    if absx > 200.0 {
        // Overflows above 200; underflows to +-0 below -200.
        if x < 0.0 {
            return (0.0 / sin_pi(x), Errno::Ok);
        }
        return (f64::INFINITY, Errno::Range);
    }
    let y = absx + LANCZOS_G_MINUS_HALF;
    // The rounding error in y, to correct the result by.
    let z = if absx > LANCZOS_G_MINUS_HALF {
        let q = y - absx;
        q - LANCZOS_G_MINUS_HALF
    } else {
        let q = y - LANCZOS_G_MINUS_HALF;
        q - absx
    };
    let z = z * LANCZOS_G / y;
    let mut r;
    if x < 0.0 {
        r = -PI / sin_pi(absx) / absx * y.exp() / lanczos_sum(absx);
        r -= z * r;
        if absx < 140.0 {
            r /= y.powf(absx - 0.5);
        } else {
            let sqrtpow = y.powf(absx / 2.0 - 0.25);
            r /= sqrtpow;
            r /= sqrtpow;
        }
    } else {
        r = lanczos_sum(absx) / y.exp();
        r += z * r;
        if absx < 140.0 {
            r *= y.powf(absx - 0.5);
        } else {
            let sqrtpow = y.powf(absx / 2.0 - 0.25);
            r *= sqrtpow;
            r *= sqrtpow;
        }
    }
    let errno = if r.is_infinite() {
        Errno::Range
    } else {
        Errno::Ok
    };
    (r, errno)
}

fn lgamma_of(x: f64) -> (f64, Errno) {
    if !x.is_finite() {
        if x.is_nan() {
            return (x, Errno::Ok);
        }
        return (f64::INFINITY, Errno::Ok);
    }
    if x == x.floor() && x <= 2.0 {
        if x <= 0.0 {
            // A pole.
            return (f64::INFINITY, Errno::Domain);
        }
        return (0.0, Errno::Ok);
    }
    let absx = x.abs();
    if absx < 1e-20 {
        return (-absx.ln(), Errno::Ok);
    }
    let mut r = lanczos_sum(absx).ln() - LANCZOS_G;
    r += (absx - 0.5) * ((absx + LANCZOS_G - 0.5).ln() - 1.0);
    if x < 0.0 {
        // The reflection formula.
        r = LOG_PI - sin_pi(absx).abs().ln() - absx.ln() - r;
    }
    let errno = if r.is_infinite() {
        Errno::Range
    } else {
        Errno::Ok
    };
    (r, errno)
}

// ---- hypot and dist ----

/// The Euclidean norm of non-negative finite-or-special coordinates,
/// `max` the largest: CPython 3.11's `vector_norm`. The coordinates are
/// scaled by a power of two so that the largest is in [0.5, 1), their
/// squares summed with the rounding errors kept (Dekker's splitting), and
/// the square root corrected once by the residual.
fn vector_norm(vec: &mut [f64], max: f64, found_nan: bool) -> f64 {
    const T27: f64 = 134_217_729.0; // 2**27 + 1, Veltkamp's splitter
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let (_, max_e) = frexp_of(max);
    if max_e < -1023 {
        // 2**-max_e would overflow: make the subnormals normal first.
        for x in vec.iter_mut() {
            *x /= f64::MIN_POSITIVE;
        }
        return f64::MIN_POSITIVE * vector_norm(vec, max / f64::MIN_POSITIVE, found_nan);
    }
    let scale = ldexp_of(1.0, -max_e);
    let mut csum = 1.0;
    let mut frac = 0.0;
    let add = |csum: &mut f64, frac: &mut f64, x: f64| {
        let old = *csum;
        *csum += x;
        *frac += (old - *csum) + x;
    };
    let split = |x: f64| {
        let t = x * T27;
        let hi = t - (t - x);
        (hi, x - hi)
    };
    for &x in vec.iter() {
        let x = x * scale;
        let (hi, lo) = split(x);
        add(&mut csum, &mut frac, hi * hi);
        add(&mut csum, &mut frac, 2.0 * hi * lo);
        add(&mut csum, &mut frac, lo * lo);
    }
    let h = (csum - 1.0 + frac).sqrt();
    let (hi, lo) = split(h);
    add(&mut csum, &mut frac, -hi * hi);
    add(&mut csum, &mut frac, -2.0 * hi * lo);
    add(&mut csum, &mut frac, -lo * lo);
    let x = csum - 1.0 + frac;
    (h + x / (2.0 * h)) / scale
}

fn hypot<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_keywords(vm, "hypot", &args)?;
    let mut coords = Vec::with_capacity(args.pos.len());
    let (mut max, mut found_nan) = (0.0f64, false);
    for v in &args.pos {
        let x = real(vm, v)?.abs();
        found_nan |= x.is_nan();
        if x > max {
            max = x;
        }
        coords.push(x);
    }
    Ok(Value::Float(vector_norm(&mut coords, max, found_nan)))
}

fn dist<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let (p, q) = two(vm, "dist", &args)?;
    let p = ops::iterate(vm, p)?;
    let q = ops::iterate(vm, q)?;
    if p.len() != q.len() {
        return Err(vm.value_error("both points must have the same number of dimensions"));
    }
    let mut diffs = Vec::with_capacity(p.len());
    let (mut max, mut found_nan) = (0.0f64, false);
    for (a, b) in p.iter().zip(&q) {
        let x = (real(vm, a)? - real(vm, b)?).abs();
        found_nan |= x.is_nan();
        if x > max {
            max = x;
        }
        diffs.push(x);
    }
    Ok(Value::Float(vector_norm(&mut diffs, max, found_nan)))
}

// ---- sums and products ----

/// `fsum(iterable)`: the correctly rounded sum, by Shewchuk's algorithm
/// (a list of non-overlapping partial sums that together are exact), with
/// CPython's handling of infinities, NaN and intermediate overflow.
fn fsum<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let iterable = one(vm, "fsum", &args)?;
    let iter = ops::get_iter(vm, iterable)?;
    let mut partials: Vec<f64> = Vec::new();
    let (mut special_sum, mut inf_sum) = (0.0f64, 0.0f64);
    while let Some(item) = ops::iter_next(vm, &iter)? {
        let mut x = real(vm, &item)?;
        let xsave = x;
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                // From an infinite or NaN summand, or an overflow.
                if xsave.is_finite() {
                    return Err(vm.new_error("OverflowError", "intermediate overflow in fsum"));
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special_sum += xsave;
                partials.clear();
            } else {
                partials.push(x);
            }
        }
    }
    if special_sum != 0.0 {
        if inf_sum.is_nan() {
            return Err(vm.value_error("-inf + inf in fsum"));
        }
        return Ok(Value::Float(special_sum));
    }
    let mut hi = 0.0;
    let mut n = partials.len();
    if n > 0 {
        n -= 1;
        hi = partials[n];
        let mut lo = 0.0;
        // Add the partials from the top until the sum becomes inexact.
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = partials[n];
            hi = x + y;
            lo = y - (hi - x);
            if lo != 0.0 {
                break;
            }
        }
        // Round half to even across the partials: a tie in the last
        // addition is broken by the sign of the partial below it.
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            if y == x - hi {
                hi = x;
            }
        }
    }
    Ok(Value::Float(hi))
}

/// `prod(iterable, /, *, start=1)`: the product by `*`, for any numbers.
fn prod<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let start = args.take_kw("start");
    crate::builtins::no_other_keywords(vm, "prod", &args)?;
    if args.pos.len() != 1 {
        return Err(vm.type_error(format!(
            "prod() takes exactly 1 positional argument ({} given)",
            args.pos.len()
        )));
    }
    let mut acc = start.unwrap_or(Value::Int(1));
    let iter = ops::get_iter(vm, &args.pos[0])?;
    while let Some(item) = ops::iter_next(vm, &iter)? {
        acc = ops::binary_op(vm, BinOp::Mul, &acc, &item)?;
    }
    Ok(acc)
}

/// `isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0)`.
fn isclose<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let (a, b, rel_tol, abs_tol) = parse_isclose(vm, &mut args, "isclose")?;
    let a = real(vm, &a)?;
    let b = real(vm, &b)?;
    let (rel_tol, abs_tol) = tolerances(vm, rel_tol, abs_tol)?;
    Ok(Value::Bool(is_close(a, b, rel_tol, abs_tol)))
}

/// `isclose`'s `rel_tol` (1e-9 by default) and `abs_tol` (0.0), read after
/// `a` and `b` as argument clinic does (math's and cmath's).
pub(crate) fn tolerances<S: LockStrategy>(
    vm: &mut Vm<S>,
    rel_tol: Option<Value<S>>,
    abs_tol: Option<Value<S>>,
) -> PyResult<S, (f64, f64)> {
    let rel_tol = match rel_tol {
        Some(v) => real(vm, &v)?,
        None => 1e-9,
    };
    let abs_tol = match abs_tol {
        Some(v) => real(vm, &v)?,
        None => 0.0,
    };
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(vm.value_error("tolerances must be non-negative"));
    }
    Ok((rel_tol, abs_tol))
}

fn is_close(a: f64, b: f64, rel_tol: f64, abs_tol: f64) -> bool {
    if a == b {
        return true;
    }
    if a.is_infinite() || b.is_infinite() {
        return false;
    }
    let diff = (b - a).abs();
    diff <= (rel_tol * b).abs() || diff <= (rel_tol * a).abs() || diff <= abs_tol
}

/// The arguments of `isclose(a, b, *, rel_tol, abs_tol)` (math's and
/// cmath's), with CPython's argument-clinic errors; `a` and `b` are
/// always present.
pub(crate) fn parse_isclose<S: LockStrategy>(
    vm: &Vm<S>,
    args: &mut Args<S>,
    name: &str,
) -> PyResult<S, IscloseArgs<S>> {
    if args.pos.len() > 2 {
        return Err(vm.type_error(format!(
            "{name}() takes exactly 2 positional arguments ({} given)",
            args.pos.len()
        )));
    }
    const NAMES: [&str; 4] = ["a", "b", "rel_tol", "abs_tol"];
    let given = args.pos.len();
    let mut out: [Option<Value<S>>; 4] = [None, None, None, None];
    for (i, v) in args.pos.drain(..).enumerate() {
        out[i] = Some(v);
    }
    for (slot, key) in out.iter_mut().zip(NAMES).skip(given) {
        *slot = args.take_kw(key);
    }
    // Argument clinic's order: missing arguments, then names that repeat
    // a positional argument, then unknown names.
    let [a, b, rel_tol, abs_tol] = out;
    let missing = |key: &str, pos: usize| {
        vm.type_error(format!(
            "{name}() missing required argument '{key}' (pos {pos})"
        ))
    };
    let a = a.ok_or_else(|| missing("a", 1))?;
    let b = b.ok_or_else(|| missing("b", 2))?;
    for (i, key) in NAMES.iter().enumerate().take(given) {
        if args.kw.iter().any(|(k, _)| k == key) {
            return Err(vm.type_error(format!(
                "argument for {name}() given by name ('{key}') and position ({})",
                i + 1
            )));
        }
    }
    crate::builtins::no_other_keywords(vm, name, args)?;
    Ok((a, b, rel_tol, abs_tol))
}

/// `a`, `b`, `rel_tol` and `abs_tol`, the last two optional.
pub(crate) type IscloseArgs<S> = (Value<S>, Value<S>, Option<Value<S>>, Option<Value<S>>);

// ---- integer functions ----

fn gcd<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_keywords(vm, "gcd", &args)?;
    let mut res = BigInt::zero();
    for v in &args.pos {
        let x = index(vm, v)?;
        // Once the gcd is 1 the rest are only checked.
        if !res.is_one() {
            res = res.gcd(&x);
        }
    }
    Ok(ops::int_from_big(res))
}

fn lcm<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_keywords(vm, "lcm", &args)?;
    let mut res = BigInt::one();
    for (i, v) in args.pos.iter().enumerate() {
        let x = index(vm, v)?;
        if i == 0 {
            res = x.abs();
        } else if !res.is_zero() {
            // Once the lcm is 0 the rest are only checked.
            res = if x.is_zero() { x } else { res.lcm(&x) };
        }
    }
    Ok(ops::int_from_big(res))
}

/// The product of the `count` consecutive ints from `low`, by splitting
/// the range in halves (balanced multiplications are much faster on big
/// ints than a running product).
fn range_product(low: &BigInt, count: u64) -> BigInt {
    if count <= 16 {
        return (0..count).fold(BigInt::one(), |r, i| r * (low + i));
    }
    let half = count / 2;
    range_product(low, half) * range_product(&(low + half), count - half)
}

fn factorial_of(n: u64) -> BigInt {
    if n < 2 {
        return BigInt::one();
    }
    range_product(&BigInt::from(2u8), n - 1)
}

fn factorial<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let v = one(vm, "factorial", &args)?;
    let n = index(vm, v)?;
    if n.is_negative() {
        return Err(vm.value_error("factorial() not defined for negative values"));
    }
    let Some(n) = n.to_i64() else {
        return Err(vm.new_error(
            "OverflowError",
            format!("factorial() argument should not exceed {}", i64::MAX),
        ));
    };
    Ok(ops::int_from_big(factorial_of(n as u64)))
}

/// The validated `n` and `k` of `comb` and `perm`.
fn n_and_k<S: LockStrategy>(
    vm: &mut Vm<S>,
    n: &Value<S>,
    k: &Value<S>,
) -> PyResult<S, (BigInt, BigInt)> {
    let n = index(vm, n)?;
    let k = index(vm, k)?;
    if n.is_negative() {
        return Err(vm.value_error("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(vm.value_error("k must be a non-negative integer"));
    }
    Ok((n, k))
}

fn perm<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_keywords(vm, "perm", &args)?;
    let (n, k) = match args.pos.as_slice() {
        [n] | [n, Value::None] => {
            return factorial(vm, Args::positional(vec![n.clone()]));
        }
        [n, k] => (n, k),
        [] => return Err(vm.type_error("perm expected at least 1 argument, got 0")),
        pos => {
            return Err(vm.type_error(format!(
                "perm expected at most 2 arguments, got {}",
                pos.len()
            )))
        }
    };
    let (n, k) = n_and_k(vm, n, k)?;
    if k > n {
        return Ok(Value::Int(0));
    }
    let Some(k) = k.to_u64().filter(|k| *k <= i64::MAX as u64) else {
        return Err(vm.new_error("OverflowError", format!("k must not exceed {}", i64::MAX)));
    };
    Ok(ops::int_from_big(range_product(&(&n - k + 1u8), k)))
}

fn comb<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let (n, k) = two(vm, "comb", &args)?;
    let (n, k) = n_and_k(vm, n, k)?;
    if k > n {
        return Ok(Value::Int(0));
    }
    // comb(n, k) == comb(n, n - k): take the smaller.
    let k = std::cmp::min(k.clone(), &n - &k);
    let Some(k) = k.to_u64().filter(|k| *k <= i64::MAX as u64) else {
        return Err(vm.new_error(
            "OverflowError",
            format!("min(n - k, k) must not exceed {}", i64::MAX),
        ));
    };
    let top = range_product(&(&n - k + 1u8), k);
    Ok(ops::int_from_big(top / factorial_of(k)))
}

fn isqrt<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let v = one(vm, "isqrt", &args)?;
    let n = index(vm, v)?;
    if n.is_negative() {
        return Err(vm.value_error("isqrt() argument must be nonnegative"));
    }
    Ok(ops::int_from_big(Roots::sqrt(&n)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frexp_and_ldexp_are_exact() {
        assert_eq!(frexp_of(8.0), (0.5, 4));
        assert_eq!(frexp_of(5e-324), (0.5, -1073));
        assert_eq!(ldexp_of(0.5, -1073), 5e-324);
        assert_eq!(ldexp_of(1.0, 1024), f64::INFINITY);
        assert_eq!(ldexp_of(0.75, -1074), 5e-324);
    }

    #[test]
    fn big_frexp_rounds_to_nearest() {
        let n = BigInt::from(1u8) << 2000usize;
        assert_eq!(big_frexp(&n), (0.5, 2001));
        let n = (BigInt::from(1u8) << 60usize) - 1u8;
        assert_eq!(big_frexp(&n), (0.5, 61));
    }

    #[test]
    fn remainder_ties_to_even() {
        assert_eq!(remainder_of(5.0, 2.0), 1.0);
        assert_eq!(remainder_of(7.0, 2.0), -1.0);
        assert_eq!(remainder_of(-3.0, 2.0), 1.0);
    }
}
