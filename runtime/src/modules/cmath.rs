//! The `cmath` module, with CPython 3.11's semantics
//! (`Modules/cmathmodule.c`): C99 Annex G's special values from 7x7 tables
//! indexed by the kind of each part (-inf, negative, -0, +0, positive,
//! +inf, NaN), CPython's formulas for finite arguments (rescaled where a
//! naive formula would overflow or lose precision), and its errors: a
//! domain error (`ValueError: math domain error`) where Annex G signals
//! divide-by-zero or invalid, a range error (`OverflowError: math range
//! error`) on overflow.

use super::math::{domain_error, parse_isclose, range_error, real};
use super::math::{libm_hypot as hypot, libm_log1p as log1p};
use crate::classes::{call_dunder, user_class_of};
use crate::object::{ObjRef, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::types::complex::Complex;
use crate::vm::{Args, PyResult, Vm};
use std::f64::consts::{E, LN_10, LN_2, PI};

pub fn init<S: LockStrategy>(vm: &mut Vm<S>, dict: &ObjRef<S>) {
    let functions: &[(&'static str, crate::object::NativeFn<S>)] = &[
        ("acos", acos),
        ("acosh", acosh),
        ("asin", asin),
        ("asinh", asinh),
        ("atan", atan),
        ("atanh", atanh),
        ("cos", cos),
        ("cosh", cosh),
        ("exp", exp),
        ("isclose", isclose),
        ("isfinite", isfinite),
        ("isinf", isinf),
        ("isnan", isnan),
        ("log", log),
        ("log10", log10),
        ("phase", phase),
        ("polar", polar),
        ("rect", rect),
        ("sin", sin),
        ("sinh", sinh),
        ("sqrt", sqrt),
        ("tan", tan),
        ("tanh", tanh),
    ];
    let functions: Vec<_> = functions.iter().map(|&(n, f)| (n, f, false)).collect();
    super::add_functions(vm, dict, &functions);
    for (name, value) in [
        ("pi", Value::Float(PI)),
        ("e", Value::Float(E)),
        ("tau", Value::Float(std::f64::consts::TAU)),
        ("inf", Value::Float(f64::INFINITY)),
        ("nan", Value::Float(f64::NAN)),
        ("infj", Complex::new(0.0, f64::INFINITY).into_value()),
        ("nanj", Complex::new(0.0, f64::NAN).into_value()),
    ] {
        vm.interp.dict_set_str(dict, name, value);
    }
}

/// What a computation signals (C's `errno`).
#[derive(Clone, Copy, PartialEq, Debug)]
enum Errno {
    Ok,
    Domain,
    Range,
}

type Outcome = (Complex, Errno);

// ---- special values ----

/// The kind of a double that indexes the special-value tables.
fn special_type(d: f64) -> usize {
    if d.is_finite() {
        match (d != 0.0, d.is_sign_positive()) {
            (true, true) => 4,
            (true, false) => 1,
            (false, true) => 3,
            (false, false) => 2,
        }
    } else if d.is_nan() {
        6
    } else if d > 0.0 {
        5
    } else {
        0
    }
}

type Table = [[(f64, f64); 7]; 7];

const P: f64 = PI;
const P14: f64 = 0.25 * PI;
const P12: f64 = 0.5 * PI;
const P34: f64 = 0.75 * PI;
const INF: f64 = f64::INFINITY;
const N: f64 = f64::NAN;
/// A placeholder for the finite cases, which never read the table.
#[allow(clippy::excessive_precision)]
const U: f64 = -9.5426319407711027e33;

fn special(table: &Table, z: Complex) -> Complex {
    let (re, im) = table[special_type(z.re)][special_type(z.im)];
    Complex::new(re, im)
}

/// The table's value for a non-finite argument, with no error.
fn special_value(table: &Table, z: Complex) -> Option<Outcome> {
    (!z.re.is_finite() || !z.im.is_finite()).then(|| (special(table, z), Errno::Ok))
}

#[rustfmt::skip]
const ACOS: Table = [
    [(P34,INF), (P,INF),  (P,INF),   (P,-INF),   (P,-INF),  (P34,-INF), (N,INF)],
    [(P12,INF), (U,U),    (U,U),     (U,U),      (U,U),     (P12,-INF), (N,N)],
    [(P12,INF), (U,U),    (P12,0.),  (P12,-0.),  (U,U),     (P12,-INF), (P12,N)],
    [(P12,INF), (U,U),    (P12,0.),  (P12,-0.),  (U,U),     (P12,-INF), (P12,N)],
    [(P12,INF), (U,U),    (U,U),     (U,U),      (U,U),     (P12,-INF), (N,N)],
    [(P14,INF), (0.,INF), (0.,INF),  (0.,-INF),  (0.,-INF), (P14,-INF), (N,INF)],
    [(N,INF),   (N,N),    (N,N),     (N,N),      (N,N),     (N,-INF),   (N,N)],
];

#[rustfmt::skip]
const ACOSH: Table = [
    [(INF,-P34), (INF,-P),  (INF,-P),  (INF,P),  (INF,P),  (INF,P34), (INF,N)],
    [(INF,-P12), (U,U),     (U,U),     (U,U),    (U,U),    (INF,P12), (N,N)],
    [(INF,-P12), (U,U),     (0.,-P12), (0.,P12), (U,U),    (INF,P12), (N,N)],
    [(INF,-P12), (U,U),     (0.,-P12), (0.,P12), (U,U),    (INF,P12), (N,N)],
    [(INF,-P12), (U,U),     (U,U),     (U,U),    (U,U),    (INF,P12), (N,N)],
    [(INF,-P14), (INF,-0.), (INF,-0.), (INF,0.), (INF,0.), (INF,P14), (INF,N)],
    [(INF,N),    (N,N),     (N,N),     (N,N),    (N,N),    (INF,N),   (N,N)],
];

#[rustfmt::skip]
const ASINH: Table = [
    [(-INF,-P14), (-INF,-0.), (-INF,-0.), (-INF,0.), (-INF,0.), (-INF,P14), (-INF,N)],
    [(-INF,-P12), (U,U),      (U,U),      (U,U),     (U,U),     (-INF,P12), (N,N)],
    [(-INF,-P12), (U,U),      (-0.,-0.),  (-0.,0.),  (U,U),     (-INF,P12), (N,N)],
    [(INF,-P12),  (U,U),      (0.,-0.),   (0.,0.),   (U,U),     (INF,P12),  (N,N)],
    [(INF,-P12),  (U,U),      (U,U),      (U,U),     (U,U),     (INF,P12),  (N,N)],
    [(INF,-P14),  (INF,-0.),  (INF,-0.),  (INF,0.),  (INF,0.),  (INF,P14),  (INF,N)],
    [(INF,N),     (N,N),      (N,-0.),    (N,0.),    (N,N),     (INF,N),    (N,N)],
];

#[rustfmt::skip]
const ATANH: Table = [
    [(-0.,-P12), (-0.,-P12), (-0.,-P12), (-0.,P12), (-0.,P12), (-0.,P12), (-0.,N)],
    [(-0.,-P12), (U,U),      (U,U),      (U,U),     (U,U),     (-0.,P12), (N,N)],
    [(-0.,-P12), (U,U),      (-0.,-0.),  (-0.,0.),  (U,U),     (-0.,P12), (-0.,N)],
    [(0.,-P12),  (U,U),      (0.,-0.),   (0.,0.),   (U,U),     (0.,P12),  (0.,N)],
    [(0.,-P12),  (U,U),      (U,U),      (U,U),     (U,U),     (0.,P12),  (N,N)],
    [(0.,-P12),  (0.,-P12),  (0.,-P12),  (0.,P12),  (0.,P12),  (0.,P12),  (0.,N)],
    [(0.,-P12),  (N,N),      (N,N),      (N,N),     (N,N),     (0.,P12),  (N,N)],
];

#[rustfmt::skip]
const COSH: Table = [
    [(INF,N), (U,U), (INF,0.),  (INF,-0.), (U,U), (INF,N), (INF,N)],
    [(N,N),   (U,U), (U,U),     (U,U),     (U,U), (N,N),   (N,N)],
    [(N,0.),  (U,U), (1.,0.),   (1.,-0.),  (U,U), (N,0.),  (N,0.)],
    [(N,0.),  (U,U), (1.,-0.),  (1.,0.),   (U,U), (N,0.),  (N,0.)],
    [(N,N),   (U,U), (U,U),     (U,U),     (U,U), (N,N),   (N,N)],
    [(INF,N), (U,U), (INF,-0.), (INF,0.),  (U,U), (INF,N), (INF,N)],
    [(N,N),   (N,N), (N,0.),    (N,0.),    (N,N), (N,N),   (N,N)],
];

#[rustfmt::skip]
const EXP: Table = [
    [(0.,0.), (U,U), (0.,-0.),  (0.,0.),  (U,U), (0.,0.), (0.,0.)],
    [(N,N),   (U,U), (U,U),     (U,U),    (U,U), (N,N),   (N,N)],
    [(N,N),   (U,U), (1.,-0.),  (1.,0.),  (U,U), (N,N),   (N,N)],
    [(N,N),   (U,U), (1.,-0.),  (1.,0.),  (U,U), (N,N),   (N,N)],
    [(N,N),   (U,U), (U,U),     (U,U),    (U,U), (N,N),   (N,N)],
    [(INF,N), (U,U), (INF,-0.), (INF,0.), (U,U), (INF,N), (INF,N)],
    [(N,N),   (N,N), (N,-0.),   (N,0.),   (N,N), (N,N),   (N,N)],
];

#[rustfmt::skip]
const LOG: Table = [
    [(INF,-P34), (INF,-P),  (INF,-P),   (INF,P),   (INF,P),  (INF,P34), (INF,N)],
    [(INF,-P12), (U,U),     (U,U),      (U,U),     (U,U),    (INF,P12), (N,N)],
    [(INF,-P12), (U,U),     (-INF,-P),  (-INF,P),  (U,U),    (INF,P12), (N,N)],
    [(INF,-P12), (U,U),     (-INF,-0.), (-INF,0.), (U,U),    (INF,P12), (N,N)],
    [(INF,-P12), (U,U),     (U,U),      (U,U),     (U,U),    (INF,P12), (N,N)],
    [(INF,-P14), (INF,-0.), (INF,-0.),  (INF,0.),  (INF,0.), (INF,P14), (INF,N)],
    [(INF,N),    (N,N),     (N,N),      (N,N),     (N,N),    (INF,N),   (N,N)],
];

#[rustfmt::skip]
const SINH: Table = [
    [(INF,N), (U,U), (-INF,-0.), (-INF,0.), (U,U), (INF,N), (INF,N)],
    [(N,N),   (U,U), (U,U),      (U,U),     (U,U), (N,N),   (N,N)],
    [(0.,N),  (U,U), (-0.,-0.),  (-0.,0.),  (U,U), (0.,N),  (0.,N)],
    [(0.,N),  (U,U), (0.,-0.),   (0.,0.),   (U,U), (0.,N),  (0.,N)],
    [(N,N),   (U,U), (U,U),      (U,U),     (U,U), (N,N),   (N,N)],
    [(INF,N), (U,U), (INF,-0.),  (INF,0.),  (U,U), (INF,N), (INF,N)],
    [(N,N),   (N,N), (N,-0.),    (N,0.),    (N,N), (N,N),   (N,N)],
];

#[rustfmt::skip]
const SQRT: Table = [
    [(INF,-INF), (0.,-INF), (0.,-INF), (0.,INF), (0.,INF), (INF,INF), (N,INF)],
    [(INF,-INF), (U,U),     (U,U),     (U,U),    (U,U),    (INF,INF), (N,N)],
    [(INF,-INF), (U,U),     (0.,-0.),  (0.,0.),  (U,U),    (INF,INF), (N,N)],
    [(INF,-INF), (U,U),     (0.,-0.),  (0.,0.),  (U,U),    (INF,INF), (N,N)],
    [(INF,-INF), (U,U),     (U,U),     (U,U),    (U,U),    (INF,INF), (N,N)],
    [(INF,-INF), (INF,-0.), (INF,-0.), (INF,0.), (INF,0.), (INF,INF), (INF,N)],
    [(INF,-INF), (N,N),     (N,N),     (N,N),    (N,N),    (INF,INF), (N,N)],
];

#[rustfmt::skip]
const TANH: Table = [
    [(-1.,0.), (U,U), (-1.,-0.), (-1.,0.), (U,U), (-1.,0.), (-1.,0.)],
    [(N,N),    (U,U), (U,U),     (U,U),    (U,U), (N,N),    (N,N)],
    [(N,N),    (U,U), (-0.,-0.), (-0.,0.), (U,U), (N,N),    (N,N)],
    [(N,N),    (U,U), (0.,-0.),  (0.,0.),  (U,U), (N,N),    (N,N)],
    [(N,N),    (U,U), (U,U),     (U,U),    (U,U), (N,N),    (N,N)],
    [(1.,0.),  (U,U), (1.,-0.),  (1.,0.),  (U,U), (1.,0.),  (1.,0.)],
    [(N,N),    (N,N), (N,-0.),   (N,0.),   (N,N), (N,N),    (N,N)],
];

#[rustfmt::skip]
const RECT: Table = [
    [(INF,N), (U,U), (-INF,0.), (-INF,-0.), (U,U), (INF,N), (INF,N)],
    [(N,N),   (U,U), (U,U),     (U,U),      (U,U), (N,N),   (N,N)],
    [(0.,0.), (U,U), (-0.,0.),  (-0.,-0.),  (U,U), (0.,0.), (0.,0.)],
    [(0.,0.), (U,U), (0.,-0.),  (0.,0.),    (U,U), (0.,0.), (0.,0.)],
    [(N,N),   (U,U), (U,U),     (U,U),      (U,U), (N,N),   (N,N)],
    [(INF,N), (U,U), (INF,-0.), (INF,0.),   (U,U), (INF,N), (INF,N)],
    [(N,N),   (N,N), (N,0.),    (N,0.),     (N,N), (N,N),   (N,N)],
];

// ---- the functions ----

/// Above this, formulas are rescaled to avoid spurious overflow.
const LARGE: f64 = f64::MAX / 4.0;

fn sqrt_large() -> f64 {
    LARGE.sqrt()
}

fn log_large() -> f64 {
    LARGE.ln()
}

/// Multiplying by 2**SCALE_UP makes a subnormal normal; SCALE_DOWN undoes
/// half of it (for a square root).
const SCALE_UP: i32 = 53;
const SCALE_DOWN: i32 = -27;

fn ldexp(x: f64, n: i32) -> f64 {
    super::math::ldexp_of(x, n)
}

fn c_neg(z: Complex) -> Complex {
    Complex::new(-z.re, -z.im)
}

/// `f(i*z)` rotated back: `g(z) = -i f(iz)`, how CPython derives the
/// circular functions from the hyperbolic ones.
fn via_i(z: Complex, f: fn(Complex) -> Outcome) -> Outcome {
    let (s, errno) = f(Complex::new(-z.im, z.re));
    (Complex::new(s.im, -s.re), errno)
}

fn c_sqrt(z: Complex) -> Outcome {
    if let Some(r) = special_value(&SQRT, z) {
        return r;
    }
    if z.re == 0.0 && z.im == 0.0 {
        return (Complex::new(0.0, z.im), Errno::Ok);
    }
    let ax = z.re.abs();
    let ay = z.im.abs();
    let s = if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE {
        // hypot(ax, ay) may be subnormal: scale up first.
        let ax = ldexp(ax, SCALE_UP);
        ldexp((ax + hypot(ax, ldexp(ay, SCALE_UP))).sqrt(), SCALE_DOWN)
    } else {
        // sqrt(x + hypot(x, y)) = 2 sqrt(x/8 + hypot(x/8, y/8)), without
        // overflow.
        let ax = ax / 8.0;
        2.0 * (ax + hypot(ax, ay / 8.0)).sqrt()
    };
    let d = ay / (2.0 * s);
    let r = if z.re >= 0.0 {
        Complex::new(s, d.copysign(z.im))
    } else {
        Complex::new(d, s.copysign(z.im))
    };
    (r, Errno::Ok)
}

fn c_acos(z: Complex) -> Outcome {
    if let Some(r) = special_value(&ACOS, z) {
        return r;
    }
    let r = if z.re.abs() > LARGE || z.im.abs() > LARGE {
        Complex::new(
            z.im.abs().atan2(z.re),
            -(hypot(z.re / 2.0, z.im / 2.0).ln() + LN_2 * 2.0).copysign(z.im),
        )
    } else {
        let s1 = c_sqrt(Complex::new(1.0 - z.re, -z.im)).0;
        let s2 = c_sqrt(Complex::new(1.0 + z.re, z.im)).0;
        Complex::new(
            2.0 * s1.re.atan2(s2.re),
            super::math::libm_asinh(s2.re * s1.im - s2.im * s1.re),
        )
    };
    (r, Errno::Ok)
}

fn c_acosh(z: Complex) -> Outcome {
    if let Some(r) = special_value(&ACOSH, z) {
        return r;
    }
    let r = if z.re.abs() > LARGE || z.im.abs() > LARGE {
        Complex::new(
            hypot(z.re / 2.0, z.im / 2.0).ln() + LN_2 * 2.0,
            z.im.atan2(z.re),
        )
    } else {
        let s1 = c_sqrt(Complex::new(z.re - 1.0, z.im)).0;
        let s2 = c_sqrt(Complex::new(z.re + 1.0, z.im)).0;
        Complex::new(
            super::math::libm_asinh(s1.re * s2.re + s1.im * s2.im),
            2.0 * s1.im.atan2(s2.re),
        )
    };
    (r, Errno::Ok)
}

fn c_asinh(z: Complex) -> Outcome {
    if let Some(r) = special_value(&ASINH, z) {
        return r;
    }
    let r = if z.re.abs() > LARGE || z.im.abs() > LARGE {
        let l = hypot(z.re / 2.0, z.im / 2.0).ln() + LN_2 * 2.0;
        let re = if z.im >= 0.0 {
            l.copysign(z.re)
        } else {
            -l.copysign(-z.re)
        };
        Complex::new(re, z.im.atan2(z.re.abs()))
    } else {
        let s1 = c_sqrt(Complex::new(1.0 + z.im, -z.re)).0;
        let s2 = c_sqrt(Complex::new(1.0 - z.im, z.re)).0;
        Complex::new(
            super::math::libm_asinh(s1.re * s2.im - s2.re * s1.im),
            z.im.atan2(s1.re * s2.re - s1.im * s2.im),
        )
    };
    (r, Errno::Ok)
}

fn c_asin(z: Complex) -> Outcome {
    via_i(z, c_asinh)
}

fn c_atanh(z: Complex) -> Outcome {
    if let Some(r) = special_value(&ATANH, z) {
        return r;
    }
    if z.re < 0.0 {
        // atanh(z) = -atanh(-z).
        let (r, errno) = c_atanh(c_neg(z));
        return (c_neg(r), errno);
    }
    let ay = z.im.abs();
    if z.re > sqrt_large() || ay > sqrt_large() {
        // atanh(z) ~ 1/z +- i*pi/2 for large z.
        let h = hypot(z.re / 2.0, z.im / 2.0);
        return (
            Complex::new(z.re / 4.0 / h / h, (PI / 2.0).copysign(z.im)),
            Errno::Ok,
        );
    }
    if z.re == 1.0 && ay < f64::MIN_POSITIVE.sqrt() {
        if ay == 0.0 {
            return (Complex::new(INF, z.im), Errno::Domain);
        }
        return (
            Complex::new(
                -(ay.sqrt() / hypot(ay, 2.0).sqrt()).ln(),
                (2.0f64.atan2(-ay) / 2.0).copysign(z.im),
            ),
            Errno::Ok,
        );
    }
    let one_minus = 1.0 - z.re;
    let r = Complex::new(
        log1p(4.0 * z.re / (one_minus * one_minus + ay * ay)) / 4.0,
        -(-2.0 * z.im).atan2(one_minus * (1.0 + z.re) - ay * ay) / 2.0,
    );
    (r, Errno::Ok)
}

fn c_atan(z: Complex) -> Outcome {
    via_i(z, c_atanh)
}

/// The non-finite cases shared by `cosh` and `sinh`: `f(+-inf + iy)` for
/// finite nonzero y has infinite parts signed by cos(y) and sin(y).
fn hyperbolic_special(z: Complex, table: &Table, cosh: bool) -> Outcome {
    let r = if z.re.is_infinite() && z.im.is_finite() && z.im != 0.0 {
        let (c, s) = (INF.copysign(z.im.cos()), INF.copysign(z.im.sin()));
        match (z.re > 0.0, cosh) {
            (true, _) => Complex::new(c, s),
            (false, true) => Complex::new(c, -s),
            (false, false) => Complex::new(-c, s),
        }
    } else {
        special(table, z)
    };
    let errno = if z.im.is_infinite() && !z.re.is_nan() {
        Errno::Domain
    } else {
        Errno::Ok
    };
    (r, errno)
}

fn overflow_check(r: Complex) -> Outcome {
    let errno = if r.re.is_infinite() || r.im.is_infinite() {
        Errno::Range
    } else {
        Errno::Ok
    };
    (r, errno)
}

fn c_cosh(z: Complex) -> Outcome {
    if !z.re.is_finite() || !z.im.is_finite() {
        return hyperbolic_special(z, &COSH, true);
    }
    let r = if z.re.abs() > log_large() {
        // cosh(x) overflows where cosh(z) may not.
        let x_minus_one = z.re - 1.0f64.copysign(z.re);
        Complex::new(
            z.im.cos() * x_minus_one.cosh() * E,
            z.im.sin() * x_minus_one.sinh() * E,
        )
    } else {
        Complex::new(z.im.cos() * z.re.cosh(), z.im.sin() * z.re.sinh())
    };
    overflow_check(r)
}

fn c_sinh(z: Complex) -> Outcome {
    if !z.re.is_finite() || !z.im.is_finite() {
        return hyperbolic_special(z, &SINH, false);
    }
    let r = if z.re.abs() > log_large() {
        let x_minus_one = z.re - 1.0f64.copysign(z.re);
        Complex::new(
            z.im.cos() * x_minus_one.sinh() * E,
            z.im.sin() * x_minus_one.cosh() * E,
        )
    } else {
        Complex::new(z.im.cos() * z.re.sinh(), z.im.sin() * z.re.cosh())
    };
    overflow_check(r)
}

fn c_cos(z: Complex) -> Outcome {
    // cos(z) = cosh(iz).
    c_cosh(Complex::new(-z.im, z.re))
}

fn c_sin(z: Complex) -> Outcome {
    via_i(z, c_sinh)
}

fn c_exp(z: Complex) -> Outcome {
    if !z.re.is_finite() || !z.im.is_finite() {
        let r = if z.re.is_infinite() && z.im.is_finite() && z.im != 0.0 {
            if z.re > 0.0 {
                Complex::new(INF.copysign(z.im.cos()), INF.copysign(z.im.sin()))
            } else {
                Complex::new(0.0f64.copysign(z.im.cos()), 0.0f64.copysign(z.im.sin()))
            }
        } else {
            special(&EXP, z)
        };
        let errno = if z.im.is_infinite() && (z.re.is_finite() || z.re == INF) {
            Errno::Domain
        } else {
            Errno::Ok
        };
        return (r, errno);
    }
    let r = if z.re > log_large() {
        let l = (z.re - 1.0).exp();
        Complex::new(l * z.im.cos() * E, l * z.im.sin() * E)
    } else {
        let l = z.re.exp();
        Complex::new(l * z.im.cos(), l * z.im.sin())
    };
    overflow_check(r)
}

fn c_tanh(z: Complex) -> Outcome {
    if !z.re.is_finite() || !z.im.is_finite() {
        let r = if z.re.is_infinite() && z.im.is_finite() && z.im != 0.0 {
            let im = 0.0f64.copysign(2.0 * z.im.sin() * z.im.cos());
            Complex::new(if z.re > 0.0 { 1.0 } else { -1.0 }, im)
        } else {
            special(&TANH, z)
        };
        let errno = if z.im.is_infinite() && z.re.is_finite() {
            Errno::Domain
        } else {
            Errno::Ok
        };
        return (r, errno);
    }
    let r = if z.re.abs() > log_large() {
        // 1 - tanh(x)**2 ~ 4 exp(-2|x|), without overflowing cosh(x).
        Complex::new(
            1.0f64.copysign(z.re),
            4.0 * z.im.sin() * z.im.cos() * (-2.0 * z.re.abs()).exp(),
        )
    } else {
        let tx = z.re.tanh();
        let ty = z.im.tan();
        let cx = 1.0 / z.re.cosh();
        let txty = tx * ty;
        let denom = 1.0 + txty * txty;
        Complex::new(tx * (1.0 + ty * ty) / denom, ((ty / denom) * cx) * cx)
    };
    (r, Errno::Ok)
}

fn c_tan(z: Complex) -> Outcome {
    via_i(z, c_tanh)
}

/// The natural logarithm: log|z| computed without overflow for huge z,
/// without precision loss for subnormal z, and by log1p near |z| = 1.
fn c_log(z: Complex) -> Outcome {
    if let Some(r) = special_value(&LOG, z) {
        return r;
    }
    let ax = z.re.abs();
    let ay = z.im.abs();
    let re = if ax > LARGE || ay > LARGE {
        hypot(ax / 2.0, ay / 2.0).ln() + LN_2
    } else if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE {
        if ax > 0.0 || ay > 0.0 {
            hypot(ldexp(ax, 53), ldexp(ay, 53)).ln() - 53.0 * LN_2
        } else {
            // log(+-0 +- 0j).
            return (Complex::new(-INF, z.im.atan2(z.re)), Errno::Domain);
        }
    } else {
        let h = hypot(ax, ay);
        if (0.71..=1.73).contains(&h) {
            let (am, an) = if ax > ay { (ax, ay) } else { (ay, ax) };
            log1p((am - 1.0) * (am + 1.0) + an * an) / 2.0
        } else {
            h.ln()
        }
    };
    (Complex::new(re, z.im.atan2(z.re)), Errno::Ok)
}

fn c_log10(z: Complex) -> Outcome {
    let (r, errno) = c_log(z);
    (Complex::new(r.re / LN_10, r.im / LN_10), errno)
}

// ---- arguments and results ----

/// A complex argument as CPython's `PyComplex_AsCComplex` reads one: a
/// complex, an object with `__complex__`, or a real number.
fn complex_arg<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, Complex> {
    if let Some(c) = crate::types::downcast::<S, Complex>(v) {
        return Ok(*c);
    }
    if user_class_of(v).is_some() {
        if let Some(r) = call_dunder(vm, v, "__complex__", Vec::new())? {
            return match crate::types::downcast::<S, Complex>(&r) {
                Some(c) => Ok(*c),
                None => Err(vm.type_error(format!(
                    "__complex__ returned non-complex (type {})",
                    ops::type_name(&r)
                ))),
            };
        }
    }
    Ok(Complex::new(real(vm, v)?, 0.0))
}

fn one_arg<S: LockStrategy>(vm: &mut Vm<S>, name: &str, args: &Args<S>) -> PyResult<S, Complex> {
    if !args.kw.is_empty() {
        return Err(vm.type_error(format!("cmath.{name}() takes no keyword arguments")));
    }
    match args.pos.as_slice() {
        [v] => complex_arg(vm, v),
        pos => Err(vm.type_error(format!(
            "cmath.{name}() takes exactly one argument ({} given)",
            pos.len()
        ))),
    }
}

fn result<S: LockStrategy>(vm: &Vm<S>, (r, errno): Outcome) -> PyResult<S> {
    match errno {
        Errno::Ok => Ok(r.into_value()),
        Errno::Domain => Err(domain_error(vm)),
        Errno::Range => Err(range_error(vm)),
    }
}

macro_rules! cfunc {
    ($($name:ident = $f:expr;)*) => {$(
        fn $name<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
            let z = one_arg(vm, stringify!($name), &args)?;
            result(vm, $f(z))
        }
    )*};
}

cfunc! {
    acos = c_acos;
    acosh = c_acosh;
    asin = c_asin;
    asinh = c_asinh;
    atan = c_atan;
    atanh = c_atanh;
    cos = c_cos;
    cosh = c_cosh;
    exp = c_exp;
    log10 = c_log10;
    sin = c_sin;
    sinh = c_sinh;
    sqrt = c_sqrt;
    tan = c_tan;
    tanh = c_tanh;
}

/// `log(z[, base])`: log(z) / log(base) by CPython's complex division.
fn log<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    if !args.kw.is_empty() {
        return Err(vm.type_error("cmath.log() takes no keyword arguments"));
    }
    match args.pos.len() {
        0 => return Err(vm.type_error("log expected at least 1 argument, got 0")),
        1 | 2 => {}
        n => return Err(vm.type_error(format!("log expected at most 2 arguments, got {n}"))),
    }
    let z = complex_arg(vm, &args.pos[0])?;
    let (mut r, mut errno) = c_log(z);
    if let Some(base) = args.pos.get(1) {
        let b = complex_arg(vm, base)?;
        let (lb, berrno) = c_log(b);
        if berrno != Errno::Ok {
            errno = berrno;
        }
        match r.quot(lb) {
            Some(q) => r = q,
            None => {
                r = Complex::new(0.0, 0.0);
                errno = Errno::Domain;
            }
        }
    }
    result(vm, (r, errno))
}

fn phase<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let z = one_arg(vm, "phase", &args)?;
    Ok(Value::Float(z.im.atan2(z.re)))
}

/// |z| as CPython's `_Py_c_abs`: an infinite part wins over a NaN; an
/// overflow from finite parts is a range error.
fn c_abs(z: Complex) -> (f64, Errno) {
    if !z.re.is_finite() || !z.im.is_finite() {
        if z.re.is_infinite() {
            return (z.re.abs(), Errno::Ok);
        }
        if z.im.is_infinite() {
            return (z.im.abs(), Errno::Ok);
        }
        return (f64::NAN, Errno::Ok);
    }
    let r = hypot(z.re, z.im);
    (
        r,
        if r.is_finite() {
            Errno::Ok
        } else {
            Errno::Range
        },
    )
}

fn polar<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let z = one_arg(vm, "polar", &args)?;
    let phi = z.im.atan2(z.re);
    match c_abs(z) {
        (r, Errno::Ok) => Ok(ops::new_tuple(vec![Value::Float(r), Value::Float(phi)])),
        _ => Err(range_error(vm)),
    }
}

/// `rect(r, phi)`: r * (cos(phi) + i sin(phi)), with the special values
/// of exp(log(r) + i phi).
fn rect<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    if !args.kw.is_empty() {
        return Err(vm.type_error("cmath.rect() takes no keyword arguments"));
    }
    let [r, phi] = args.pos.as_slice() else {
        return Err(vm.type_error(format!("rect expected 2 arguments, got {}", args.pos.len())));
    };
    let r = real(vm, r)?;
    let phi = real(vm, phi)?;
    let z = if !r.is_finite() || !phi.is_finite() {
        let z = if r.is_infinite() && phi.is_finite() && phi != 0.0 {
            let (c, s) = (INF.copysign(phi.cos()), INF.copysign(phi.sin()));
            if r > 0.0 {
                Complex::new(c, s)
            } else {
                Complex::new(-c, -s)
            }
        } else {
            special(&RECT, Complex::new(r, phi))
        };
        if r != 0.0 && !r.is_nan() && phi.is_infinite() {
            return Err(domain_error(vm));
        }
        z
    } else if phi == 0.0 {
        // r * phi keeps the sign of a zero phi.
        Complex::new(r, r * phi)
    } else {
        Complex::new(r * phi.cos(), r * phi.sin())
    };
    Ok(z.into_value())
}

fn isfinite<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let z = one_arg(vm, "isfinite", &args)?;
    Ok(Value::Bool(z.re.is_finite() && z.im.is_finite()))
}

fn isinf<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let z = one_arg(vm, "isinf", &args)?;
    Ok(Value::Bool(z.re.is_infinite() || z.im.is_infinite()))
}

fn isnan<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let z = one_arg(vm, "isnan", &args)?;
    Ok(Value::Bool(z.re.is_nan() || z.im.is_nan()))
}

/// `isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0)` on complex numbers.
fn isclose<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let (a, b, rel_tol, abs_tol) = parse_isclose(vm, &mut args, "isclose")?;
    let a = complex_arg(vm, &a)?;
    let b = complex_arg(vm, &b)?;
    let (rel_tol, abs_tol) = super::math::tolerances(vm, rel_tol, abs_tol)?;
    if a.re == b.re && a.im == b.im {
        return Ok(Value::Bool(true));
    }
    if a.re.is_infinite() || a.im.is_infinite() || b.re.is_infinite() || b.im.is_infinite() {
        return Ok(Value::Bool(false));
    }
    let diff = c_abs(Complex::new(a.re - b.re, a.im - b.im)).0;
    Ok(Value::Bool(
        diff <= rel_tol * c_abs(b).0 || diff <= rel_tol * c_abs(a).0 || diff <= abs_tol,
    ))
}
