//! `complex`: a pair of doubles, as CPython's `Objects/complexobject.c`.
//!
//! The arithmetic follows CPython's algorithms so that results agree to the
//! last bit: Smith's division (`_Py_c_quot`), exponentiation by squaring
//! for small integral exponents and polar form otherwise (`c_powi`,
//! `_Py_c_pow`), and the same errors (division by zero, `0.0` to a negative
//! or complex power, overflow). An int or float operand is converted to
//! `complex(x, 0)` first, as CPython's number slots do.

use super::{receiver_only, NativeKind, NativeObject, TypeSpec, Unary};
use crate::code::BinOp;
use crate::dict::NoHash;
use crate::object::{ObjRef, Payload, Value};
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};
use num_traits::FromPrimitive;
use std::any::Any;

/// A complex number. Immutable, so read without a lock in every mode.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Complex {
    pub re: f64,
    pub im: f64,
}

impl Complex {
    pub const fn new(re: f64, im: f64) -> Self {
        Self { re, im }
    }

    /// The value as a Python object.
    pub fn into_value<S: LockStrategy>(self) -> Value<S> {
        super::new_object(self)
    }

    fn add(self, o: Complex) -> Complex {
        Complex::new(self.re + o.re, self.im + o.im)
    }

    fn sub(self, o: Complex) -> Complex {
        Complex::new(self.re - o.re, self.im - o.im)
    }

    fn mul(self, o: Complex) -> Complex {
        Complex::new(
            self.re * o.re - self.im * o.im,
            self.re * o.im + self.im * o.re,
        )
    }

    /// `self / o` by Smith's method (CPython's `_Py_c_quot`); `None` for a
    /// zero divisor.
    pub(crate) fn quot(self, o: Complex) -> Option<Complex> {
        let (abs_re, abs_im) = (o.re.abs(), o.im.abs());
        Some(if abs_re >= abs_im {
            if abs_re == 0.0 {
                return None;
            }
            let ratio = o.im / o.re;
            let denom = o.re + o.im * ratio;
            Complex::new(
                (self.re + self.im * ratio) / denom,
                (self.im - self.re * ratio) / denom,
            )
        } else if abs_im >= abs_re {
            let ratio = o.re / o.im;
            let denom = o.re * ratio + o.im;
            Complex::new(
                (self.re * ratio + self.im) / denom,
                (self.im * ratio - self.re) / denom,
            )
        } else {
            // A NaN in the divisor.
            Complex::new(f64::NAN, f64::NAN)
        })
    }

    /// `self ** n` for a non-negative integer by repeated squaring
    /// (CPython's `c_powu`).
    fn powu(self, n: u32) -> Complex {
        let mut r = Complex::new(1.0, 0.0);
        let mut p = self;
        let mut mask = 1u32;
        while mask > 0 && n >= mask {
            if n & mask != 0 {
                r = r.mul(p);
            }
            mask = mask.wrapping_shl(1);
            p = p.mul(p);
        }
        r
    }

    /// `self ** b` by the polar form (CPython's `_Py_c_pow`); `None` for
    /// zero to a negative or complex power.
    fn pow_polar(self, b: Complex) -> Option<Complex> {
        if b.re == 0.0 && b.im == 0.0 {
            return Some(Complex::new(1.0, 0.0));
        }
        if self.re == 0.0 && self.im == 0.0 {
            if b.im != 0.0 || b.re < 0.0 {
                return None;
            }
            return Some(Complex::new(0.0, 0.0));
        }
        let vabs = self.re.hypot(self.im);
        let mut len = vabs.powf(b.re);
        let at = self.im.atan2(self.re);
        let mut phase = at * b.re;
        if b.im != 0.0 {
            len /= (at * b.im).exp();
            phase += b.im * vabs.ln();
        }
        Some(Complex::new(len * phase.cos(), len * phase.sin()))
    }

    /// `self ** b` as CPython's `complex_pow`: a small integral exponent
    /// by squaring (more accurate), others by the polar form.
    fn pow<S: LockStrategy>(self, vm: &Vm<S>, b: Complex) -> PyResult<S, Complex> {
        let zero_power = || vm.new_error("ZeroDivisionError", "0.0 to a negative or complex power");
        let r = if b.im == 0.0 && b.re == b.re.floor() && b.re.abs() <= 100.0 {
            let n = b.re as i32;
            if n >= 0 {
                self.powu(n as u32)
            } else {
                Complex::new(1.0, 0.0)
                    .quot(self.powu(n.unsigned_abs()))
                    .ok_or_else(zero_power)?
            }
        } else {
            self.pow_polar(b).ok_or_else(zero_power)?
        };
        if r.re.is_infinite() || r.im.is_infinite() {
            return Err(vm.new_error("OverflowError", "complex exponentiation"));
        }
        Ok(r)
    }

    /// `abs(self)`: an infinite result from finite parts overflows.
    fn abs<S: LockStrategy>(self, vm: &Vm<S>) -> PyResult<S, f64> {
        let r = self.re.hypot(self.im);
        if r.is_infinite() && self.re.is_finite() && self.im.is_finite() {
            return Err(vm.new_error("OverflowError", "absolute value too large"));
        }
        Ok(r)
    }
}

// ---- conversions ----

/// The complex value of a number operand: a complex, or an int or float
/// as `complex(x, 0)`; `None` for other types (NotImplemented).
fn operand<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>) -> PyResult<S, Option<Complex>> {
    if let Some(c) = super::downcast::<S, Complex>(v) {
        return Ok(Some(*c));
    }
    Ok(crate::types::float::to_f64(vm, v)?.map(|re| Complex::new(re, 0.0)))
}

/// A float as the parts of a complex are written: the float's repr
/// without a trailing `.0` (CPython formats them with `'r'` and no
/// `Py_DTSF_ADD_DOT_0`).
fn part_repr(f: f64) -> String {
    let mut s = crate::types::float::float_repr(f);
    if s.ends_with(".0") {
        s.truncate(s.len() - 2);
    }
    s
}

/// `repr(c)`: `1j`, `(1+2j)`, `(-0-1j)`, `(nan+infj)`.
pub fn complex_repr(c: Complex) -> String {
    if c.re == 0.0 && c.re.is_sign_positive() {
        return format!("{}j", part_repr(c.im));
    }
    let im = part_repr(c.im);
    let sign = if im.starts_with('-') { "" } else { "+" };
    format!("({}{sign}{im}j)", part_repr(c.re))
}

/// Whether a real number equals `x` exactly (CPython compares a float
/// with an int without rounding the int).
fn real_eq<S: LockStrategy>(x: f64, v: &Value<S>) -> Option<bool> {
    let exact_int = |i: num_bigint::BigInt| {
        x.is_finite() && x.fract() == 0.0 && num_bigint::BigInt::from_f64(x).as_ref() == Some(&i)
    };
    match v {
        Value::Float(f) => Some(x == *f),
        Value::Int(i) => Some(exact_int((*i).into())),
        Value::Bool(b) => Some(x == *b as i64 as f64),
        Value::Obj(o) => match o.payload() {
            Payload::BigInt(b) => Some(exact_int(b.clone())),
            _ => None,
        },
        Value::None => None,
    }
}

/// `format(c, spec)`, CPython's `format_complex_internal`: both parts
/// formatted as floats are, the imaginary one always signed; with no
/// format type, the repr's form (parentheses unless the real part is +0).
fn format_complex<S: LockStrategy>(
    vm: &Vm<S>,
    c: Complex,
    spec: &crate::fmt::Spec,
) -> PyResult<S, String> {
    if spec.zero || spec.fill == Some('0') {
        return Err(vm.value_error("Zero padding is not allowed in complex format specifier"));
    }
    if spec.align == Some('=') {
        return Err(vm.value_error("'=' alignment flag is not allowed in complex format specifier"));
    }
    let (mut skip_re, mut parens) = (false, false);
    let part_spec = match spec.ty {
        None => {
            if c.re == 0.0 && c.re.is_sign_positive() {
                skip_re = true;
            } else {
                parens = true;
            }
            // With a precision, the parts are formatted as by 'g'.
            spec.precision.map(|_| crate::fmt::Spec {
                ty: Some('g'),
                ..spec.clone()
            })
        }
        Some('e' | 'E' | 'f' | 'F' | 'g' | 'G') => Some(spec.clone()),
        Some('n') => Some(crate::fmt::Spec {
            ty: Some('g'),
            ..spec.clone()
        }),
        Some(other) => {
            return Err(vm.value_error(format!(
                "Unknown format code '{other}' for object of type 'complex'"
            )))
        }
    };
    let body = |x: f64| -> PyResult<S, String> {
        match &part_spec {
            Some(part_spec) => crate::fmt::float_body(vm, x, part_spec, "complex"),
            None => Ok(crate::fmt::grouped(part_repr(x.abs()), spec)),
        }
    };
    let negative = |x: f64| x.is_sign_negative() && !x.is_nan();
    let mut out = String::new();
    if parens {
        out.push('(');
    }
    if skip_re {
        out.push_str(crate::fmt::sign_of(negative(c.im), spec));
    } else {
        out.push_str(crate::fmt::sign_of(negative(c.re), spec));
        out.push_str(&body(c.re)?);
        out.push(if negative(c.im) { '-' } else { '+' });
    }
    out.push_str(&body(c.im)?);
    out.push('j');
    if parens {
        out.push(')');
    }
    crate::fmt::pad(vm, spec, "", &out, true)
}

// ---- construction ----

/// `complex(real=0, imag=0)`, CPython's `complex_new_impl`.
fn complex_new<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let real = args.take_kw("real");
    let imag = args.take_kw("imag");
    if let Some((name, _)) = args.kw.first() {
        return Err(vm.type_error(format!(
            "'{name}' is an invalid keyword argument for complex()"
        )));
    }
    if args.pos.len() > 2 {
        return Err(vm.type_error(format!(
            "complex() takes at most 2 arguments ({} given)",
            args.pos.len()
        )));
    }
    let mut pos = args.pos.into_iter();
    let real = pos.next().or(real);
    let imag = pos.next().or(imag);
    let Some(r) = real else {
        let i = match &imag {
            Some(i) => complex_part(vm, i, "second argument")?.0,
            None => Complex::new(0.0, 0.0),
        };
        return Ok(Complex::new(-i.im + 0.0, i.re).into_value());
    };
    if let Some(s) = r.as_str() {
        if imag.is_some() {
            return Err(vm.type_error("complex() can't take second arg if first is a string"));
        }
        return parse(vm, s).map(Complex::into_value);
    }
    if imag.as_ref().is_some_and(|i| i.as_str().is_some()) {
        return Err(vm.type_error("complex() second arg can't be a string"));
    }
    let (cr, cr_is_complex) = complex_part(vm, &r, "first argument")?;
    if imag.is_none() && cr_is_complex && super::downcast::<S, Complex>(&r).is_some() {
        // An exact complex is returned as it is (complex is immutable).
        return Ok(r);
    }
    let (mut re, mut im) = (cr.re, cr.im);
    match &imag {
        None => {}
        Some(i) => {
            let (ci, ci_is_complex) = complex_part(vm, i, "second argument")?;
            // real + imag*1j, with either argument complex.
            if ci_is_complex {
                re -= ci.im;
            }
            im = if cr_is_complex { cr.im + ci.re } else { ci.re };
        }
    }
    Ok(Complex::new(re, im).into_value())
}

/// One argument of `complex()` as a complex value, and whether it was one
/// (a complex, or an object with `__complex__`) rather than a real number.
fn complex_part<S: LockStrategy>(
    vm: &mut Vm<S>,
    v: &Value<S>,
    which: &str,
) -> PyResult<S, (Complex, bool)> {
    if let Some(c) = super::downcast::<S, Complex>(v) {
        return Ok((*c, true));
    }
    if let Some(class) = crate::classes::user_class_of(v) {
        if let Some(r) = crate::classes::call_dunder(vm, v, "__complex__", vec![])? {
            return match super::downcast::<S, Complex>(&r) {
                Some(c) => Ok((*c, true)),
                None => Err(vm.type_error(format!(
                    "__complex__ returned non-complex (type {})",
                    crate::ops::type_name(&r)
                ))),
            };
        }
        let has = |name: &str| {
            let name = vm.new_str(name);
            crate::classes::class_lookup(&class, &name).is_some()
        };
        if has("__float__") || has("__index__") {
            if let Value::Float(re) = crate::types::float::float_from_value(vm, v)? {
                return Ok((Complex::new(re, 0.0), false));
            }
        }
    } else if let Some(re) = crate::types::float::to_f64(vm, v)? {
        return Ok((Complex::new(re, 0.0), false));
    }
    Err(vm.type_error(format!(
        "complex() {which} must be {}a number, not '{}'",
        if which == "first argument" {
            "a string or "
        } else {
            ""
        },
        crate::ops::type_name(v)
    )))
}

/// `complex(s)` for a string, CPython's `complex_from_string_inner`:
/// `<float>`, `<float>j`, `<float><signed-float>j`, and the older forms
/// `<float><sign>j`, `<sign>j`, `j`, optionally in parentheses, with
/// whitespace around; underscores only between digits.
fn parse<S: LockStrategy>(vm: &Vm<S>, text: &str) -> PyResult<S, Complex> {
    let malformed = || vm.value_error("complex() arg is a malformed string");
    let digits = crate::str_methods::ascii_digits(text);
    let mut owned = digits.to_string();
    if owned.contains('_') {
        let b = owned.as_bytes();
        let valid = (0..b.len()).all(|i| {
            b[i] != b'_'
                || (i > 0
                    && i + 1 < b.len()
                    && b[i - 1].is_ascii_digit()
                    && b[i + 1].is_ascii_digit())
        });
        if !valid {
            return Err(vm.value_error(format!(
                "could not convert string to complex: {}",
                crate::repr::str_repr(text)
            )));
        }
        owned.retain(|c| c != '_');
    }
    let s = owned.as_bytes();
    let mut i = 0;
    let skip_space = |i: &mut usize| {
        while *i < s.len() && s[*i].is_ascii_whitespace() {
            *i += 1;
        }
    };
    skip_space(&mut i);
    let bracket = s.get(i) == Some(&b'(');
    if bracket {
        i += 1;
        skip_space(&mut i);
    }
    let is_j = |c: Option<&u8>| matches!(c, Some(b'j' | b'J'));
    let sign_of = |c: u8| if c == b'+' { 1.0 } else { -1.0 };
    let (re, im);
    match float_prefix(&owned[i..]) {
        Some((z, len)) => {
            i += len;
            match s.get(i) {
                Some(&c @ (b'+' | b'-')) => {
                    re = z;
                    match float_prefix(&owned[i..]) {
                        Some((y, len)) => {
                            im = y;
                            i += len;
                        }
                        None => {
                            im = sign_of(c);
                            i += 1;
                        }
                    }
                    if !is_j(s.get(i)) {
                        return Err(malformed());
                    }
                    i += 1;
                }
                c if is_j(c) => {
                    (re, im) = (0.0, z);
                    i += 1;
                }
                _ => (re, im) = (z, 0.0),
            }
        }
        None => {
            re = 0.0;
            im = match s.get(i) {
                Some(&c @ (b'+' | b'-')) => {
                    i += 1;
                    sign_of(c)
                }
                _ => 1.0,
            };
            if !is_j(s.get(i)) {
                return Err(malformed());
            }
            i += 1;
        }
    }
    skip_space(&mut i);
    if bracket {
        if s.get(i) != Some(&b')') {
            return Err(malformed());
        }
        i += 1;
        skip_space(&mut i);
    }
    if i != s.len() {
        return Err(malformed());
    }
    Ok(Complex::new(re, im))
}

/// The longest prefix of `s` that is a float as `float()` reads one
/// (sign, digits with an optional point, an exponent; `inf`, `infinity`,
/// `nan`), and its length; `None` when `s` does not start with one.
fn float_prefix(s: &str) -> Option<(f64, usize)> {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let rest = s[i..].to_ascii_lowercase();
    for word in ["infinity", "inf", "nan"] {
        if rest.starts_with(word) {
            let end = i + word.len();
            return s[..end]
                .to_ascii_lowercase()
                .parse::<f64>()
                .ok()
                .map(|f| (f, end));
        }
    }
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    let mut mantissa = digits(&mut i);
    if b.get(i) == Some(&b'.') {
        i += 1;
        mantissa += digits(&mut i);
    }
    if mantissa == 0 {
        return None;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(b.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        if digits(&mut j) > 0 {
            i = j;
        }
    }
    s[..i].parse::<f64>().ok().map(|f| (f, i))
}

// ---- methods ----

fn conjugate<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let c: &Complex = receiver_only(vm, "conjugate", NativeKind::Complex, &args)?;
    Ok(Complex::new(c.re, -c.im).into_value())
}

fn dunder_complex<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let c: &Complex = receiver_only(vm, "__complex__", NativeKind::Complex, &args)?;
    Ok(c.into_value())
}

fn getnewargs<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let c: &Complex = receiver_only(vm, "__getnewargs__", NativeKind::Complex, &args)?;
    Ok(crate::ops::new_tuple(vec![
        Value::Float(c.re),
        Value::Float(c.im),
    ]))
}

// ---- slots ----

impl<S: LockStrategy> NativeObject<S> for Complex {
    fn kind(&self) -> NativeKind {
        NativeKind::Complex
    }

    fn repr(&self, _vm: &mut Vm<S>, _this: &ObjRef<S>) -> PyResult<S, String> {
        Ok(complex_repr(*self))
    }

    fn hash(&self, _this: &ObjRef<S>) -> Option<i64> {
        // CPython: hash(real) + 1000003 * hash(imag), in unsigned
        // arithmetic, with -1 (the error value) replaced by -2.
        let re = crate::types::float::float_hash(self.re) as u64;
        let im = crate::types::float::float_hash(self.im) as u64;
        let h = re.wrapping_add(im.wrapping_mul(1_000_003)) as i64;
        Some(if h == -1 { -2 } else { h })
    }

    fn key_hash(&self, this: &ObjRef<S>) -> Result<u64, NoHash> {
        if self.im == 0.0 {
            // Equal to the float `re` (and to an int, when integral): the
            // same key.
            return crate::dict::hash_value::<S>(&Value::Float(self.re));
        }
        let h = <Self as NativeObject<S>>::hash(self, this).unwrap_or(0);
        Ok(crate::dict::mix(h as u64))
    }

    fn eq(&self, _this: &ObjRef<S>, other: &Value<S>) -> Option<bool> {
        if let Some(o) = super::downcast::<S, Complex>(other) {
            return Some(self.re == o.re && self.im == o.im);
        }
        Some(self.im == 0.0 && real_eq(self.re, other)?)
    }

    fn binary(
        &self,
        vm: &mut Vm<S>,
        op: BinOp,
        a: &Value<S>,
        b: &Value<S>,
    ) -> PyResult<S, Option<Value<S>>> {
        if !matches!(
            op,
            BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::TrueDiv | BinOp::Pow
        ) {
            return Ok(None);
        }
        let (Some(x), Some(y)) = (operand(vm, a)?, operand(vm, b)?) else {
            return Ok(None);
        };
        let r = match op {
            BinOp::Add => x.add(y),
            BinOp::Sub => x.sub(y),
            BinOp::Mul => x.mul(y),
            BinOp::TrueDiv => x
                .quot(y)
                .ok_or_else(|| vm.new_error("ZeroDivisionError", "complex division by zero"))?,
            _ => x.pow(vm, y)?,
        };
        Ok(Some(r.into_value()))
    }

    fn unary(&self, vm: &mut Vm<S>, op: Unary, this: &ObjRef<S>) -> PyResult<S, Option<Value<S>>> {
        Ok(Some(match op {
            Unary::Neg => Complex::new(-self.re, -self.im).into_value(),
            Unary::Pos => Value::Obj(this.clone()),
            Unary::Abs => Value::Float(self.abs(vm)?),
            Unary::Invert => return Ok(None),
        }))
    }

    fn truthy(&self, _this: &ObjRef<S>) -> bool {
        self.re != 0.0 || self.im != 0.0
    }

    fn clone_state(&self) -> Option<Box<dyn NativeObject<S>>> {
        Some(Box::new(*self))
    }

    fn format(
        &self,
        vm: &mut Vm<S>,
        _this: &ObjRef<S>,
        spec: &crate::fmt::Spec,
    ) -> PyResult<S, Option<String>> {
        format_complex(vm, *self, spec).map(Some)
    }

    fn get_attr(&self, _this: &ObjRef<S>, name: &str) -> Option<Value<S>> {
        match name {
            "real" => Some(Value::Float(self.re)),
            "imag" => Some(Value::Float(self.im)),
            _ => None,
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The type's registration (see `types/mod.rs`).
pub fn spec<S: LockStrategy>() -> TypeSpec<S> {
    TypeSpec {
        name: NativeKind::Complex.short_name(),
        builtin: true,
        new: complex_new,
        methods: || {
            vec![
                ("conjugate", conjugate),
                ("__complex__", dunder_complex),
                ("__getnewargs__", getnewargs),
            ]
        },
        dunders: &[],
        base: super::Base::BuiltByNew,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_matches_cpython() {
        assert_eq!(complex_repr(Complex::new(0.0, 1.0)), "1j");
        assert_eq!(complex_repr(Complex::new(1.0, 2.0)), "(1+2j)");
        assert_eq!(complex_repr(Complex::new(-0.0, -1.0)), "(-0-1j)");
        assert_eq!(complex_repr(Complex::new(0.0, -0.0)), "-0j");
        assert_eq!(complex_repr(Complex::new(1e16, 1e-5)), "(1e+16+1e-05j)");
        assert_eq!(
            complex_repr(Complex::new(f64::NAN, f64::INFINITY)),
            "(nan+infj)"
        );
    }

    #[test]
    fn float_prefix_takes_the_longest_float() {
        assert_eq!(float_prefix("1e"), Some((1.0, 1)));
        assert_eq!(float_prefix("1.5e-3j"), Some((0.0015, 6)));
        assert_eq!(float_prefix("-infj"), Some((f64::NEG_INFINITY, 4)));
        assert_eq!(float_prefix("+j"), None);
        assert_eq!(float_prefix(".j"), None);
    }

    #[test]
    fn small_integral_powers_square() {
        let i = Complex::new(0.0, 1.0);
        assert_eq!(i.powu(2), Complex::new(-1.0, 0.0));
        assert_eq!(Complex::new(1.0, 1.0).powu(0), Complex::new(1.0, 0.0));
    }
}
