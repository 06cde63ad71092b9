//! String formatting as CPython does it: the format-spec mini-language
//! (`format()`, f-strings, `str.format`) and printf-style `%` formatting.

use crate::object::{Payload, Value};
use crate::ops::{self, type_name};
use crate::repr::{repr, to_str};
use crate::strategy::LockStrategy;
use crate::types::float::float_repr;
use crate::vm::{PyResult, Vm};
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

/// A parsed format spec: `[[fill]align][sign][#][0][width][,|_][.precision][type]`.
#[derive(Clone, Debug, Default)]
pub struct Spec {
    pub fill: Option<char>,
    pub align: Option<char>,
    pub sign: Option<char>,
    pub alt: bool,
    pub zero: bool,
    pub width: usize,
    pub grouping: Option<char>,
    pub precision: Option<usize>,
    pub ty: Option<char>,
}

/// Parses a format spec, or returns CPython's ValueError message.
pub fn parse_spec(spec: &str) -> Result<Spec, String> {
    let chars: Vec<char> = spec.chars().collect();
    let mut i = 0;
    let mut s = Spec::default();
    let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
    if chars.len() >= 2 && is_align(chars[1]) {
        s.fill = Some(chars[0]);
        s.align = Some(chars[1]);
        i = 2;
    } else if !chars.is_empty() && is_align(chars[0]) {
        s.align = Some(chars[0]);
        i = 1;
    }
    if i < chars.len() && matches!(chars[i], '+' | '-' | ' ') {
        s.sign = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() && chars[i] == '#' {
        s.alt = true;
        i += 1;
    }
    if i < chars.len() && chars[i] == '0' {
        s.zero = true;
        i += 1;
    }
    let start = i;
    while i < chars.len() && chars[i].is_ascii_digit() {
        i += 1;
    }
    if i > start {
        s.width = spec_number(&chars[start..i])?;
    }
    if i < chars.len() && matches!(chars[i], ',' | '_') {
        s.grouping = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() && chars[i] == '.' {
        i += 1;
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return Err("Format specifier missing precision".into());
        }
        s.precision = Some(spec_number(&chars[start..i])?);
    }
    if i < chars.len() {
        s.ty = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() {
        return Err("Invalid format specifier".into());
    }
    Ok(s)
}

/// A width or precision in a format spec: like CPython, at most
/// `isize::MAX`.
fn spec_number(digits: &[char]) -> Result<usize, String> {
    digits
        .iter()
        .try_fold(0usize, |acc, c| {
            let d = c.to_digit(10).expect("ASCII digit") as usize;
            acc.checked_mul(10)
                .and_then(|a| a.checked_add(d))
                .filter(|&a| a <= isize::MAX as usize)
        })
        .ok_or_else(|| "Too many decimal digits in format string".to_string())
}

/// Pads `body` (which carries its sign, if any, in `sign`) to the spec's
/// width. Numbers align right by default, text left. A width memory cannot
/// hold is a MemoryError, as in CPython.
pub(crate) fn pad<S: LockStrategy>(
    vm: &Vm<S>,
    spec: &Spec,
    sign: &str,
    body: &str,
    numeric: bool,
) -> PyResult<S, String> {
    let len = sign.chars().count() + body.chars().count();
    if len >= spec.width {
        return Ok(format!("{sign}{body}"));
    }
    let n = spec.width - len;
    let (fill, align) = if spec.zero && spec.align.is_none() && numeric {
        ('0', '=')
    } else {
        (
            spec.fill.unwrap_or(' '),
            spec.align.unwrap_or(if numeric { '>' } else { '<' }),
        )
    };
    let (before, after) = match align {
        '<' => (0, n),
        '^' => (n / 2, n - n / 2),
        _ => (n, 0),
    };
    let mut out = crate::alloc::padding_buffer(vm, fill, n, sign.len() + body.len())?;
    let fill_first = align != '=';
    if !fill_first {
        out.push_str(sign);
    }
    crate::alloc::push_fill(vm, &mut out, fill, before)?;
    if fill_first {
        out.push_str(sign);
    }
    out.push_str(body);
    crate::alloc::push_fill(vm, &mut out, fill, after)?;
    Ok(out)
}

/// Inserts a separator every `every` digits from the right.
fn group(digits: &str, sep: char, every: usize) -> String {
    let chars: Vec<char> = digits.chars().collect();
    let mut out = String::new();
    for (i, c) in chars.iter().enumerate() {
        if i > 0 && (chars.len() - i).is_multiple_of(every) {
            out.push(sep);
        }
        out.push(*c);
    }
    out
}

pub(crate) fn sign_of(negative: bool, spec: &Spec) -> &'static str {
    match (negative, spec.sign) {
        (true, _) => "-",
        (false, Some('+')) => "+",
        (false, Some(' ')) => " ",
        _ => "",
    }
}

/// Formats an int with a spec.
pub fn format_int<S: LockStrategy>(vm: &Vm<S>, n: &BigInt, spec: &Spec) -> PyResult<S, String> {
    let ty = spec.ty.unwrap_or('d');
    if matches!(ty, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') {
        let f = n.to_f64().unwrap_or(f64::INFINITY);
        return format_float(vm, f, spec);
    }
    if !matches!(ty, 'd' | 'n' | 'b' | 'o' | 'x' | 'X' | 'c') {
        return Err(vm.value_error(format!(
            "Unknown format code '{ty}' for object of type 'int'"
        )));
    }
    if spec.precision.is_some() {
        return Err(vm.value_error("Precision not allowed in integer format specifier"));
    }
    let abs = n.abs();
    let (digits, prefix) = match ty {
        'd' | 'n' => (crate::types::int::bigint_str(vm, &abs)?, ""),
        'b' => (abs.to_str_radix(2), "0b"),
        'o' => (abs.to_str_radix(8), "0o"),
        'x' => (abs.to_str_radix(16), "0x"),
        'X' => (abs.to_str_radix(16).to_uppercase(), "0X"),
        'c' => {
            let c = n
                .to_u32()
                .and_then(char::from_u32)
                .ok_or_else(|| vm.new_error("OverflowError", "%c arg not in range(0x110000)"))?;
            return pad(vm, spec, "", &c.to_string(), false);
        }
        other => {
            return Err(vm.value_error(format!(
                "Unknown format code '{other}' for object of type 'int'"
            )))
        }
    };
    let digits = match spec.grouping {
        Some(sep) => group(
            &digits,
            sep,
            if matches!(ty, 'b' | 'o' | 'x' | 'X') {
                4
            } else {
                3
            },
        ),
        None => digits,
    };
    let sign = format!(
        "{}{}",
        sign_of(n.is_negative(), spec),
        if spec.alt { prefix } else { "" }
    );
    pad(vm, spec, &sign, &digits, true)
}

/// Digits past which a finite double's exact decimal expansion is all
/// zeros (it ends within 1074 places after the point and has at most 767
/// significant digits). Rust formats exactly up to here, and panics on
/// precisions past `u16::MAX`; longer precisions append the zeros.
const EXACT_DIGITS: usize = 1100;

/// `x` with `precision` digits after the point (`{:f}`).
fn fixed_format<S: LockStrategy>(vm: &Vm<S>, x: f64, precision: usize) -> PyResult<S, String> {
    let mut s = format!("{:.*}", precision.min(EXACT_DIGITS), x);
    crate::alloc::push_fill(vm, &mut s, '0', precision.saturating_sub(EXACT_DIGITS))?;
    Ok(s)
}

/// `{:e}` with CPython's exponent (sign and at least two digits).
fn exp_format<S: LockStrategy>(
    vm: &Vm<S>,
    x: f64,
    precision: usize,
    upper: bool,
) -> PyResult<S, String> {
    let s = format!("{:.*e}", precision.min(EXACT_DIGITS), x);
    let (mantissa, exp) = s.split_once('e').expect("exponent");
    let exp: i32 = exp.parse().expect("exponent");
    let mut out = mantissa.to_string();
    crate::alloc::push_fill(vm, &mut out, '0', precision.saturating_sub(EXACT_DIGITS))?;
    let e = if upper { 'E' } else { 'e' };
    out.push_str(&format!(
        "{e}{}{:02}",
        if exp < 0 { '-' } else { '+' },
        exp.abs()
    ));
    Ok(out)
}

/// The `g` presentation: fixed or exponent, trailing zeros removed.
fn general_format<S: LockStrategy>(
    vm: &Vm<S>,
    x: f64,
    precision: usize,
    upper: bool,
    alt: bool,
) -> PyResult<S, String> {
    // Without `#` the trailing zeros go, and past EXACT_DIGITS significant
    // digits all are zeros (and the exponent is below the precision both
    // ways): the shorter precision gives the same text without building
    // the zeros.
    let precision = if alt {
        precision
    } else {
        precision.min(EXACT_DIGITS)
    };
    let p = precision.max(1);
    if x == 0.0 {
        return if alt {
            fixed_format(vm, 0.0, p - 1)
        } else {
            Ok("0".into())
        };
    }
    // The exponent after rounding to p significant digits.
    let rounded = format!("{:.*e}", (p - 1).min(EXACT_DIGITS), x);
    let exp: i32 = rounded
        .split_once('e')
        .expect("exponent")
        .1
        .parse()
        .expect("exponent");
    let mut s = if exp >= -4 && (exp as i64) < p as i64 {
        fixed_format(vm, x, (p as i64 - 1 - exp as i64).max(0) as usize)?
    } else {
        exp_format(vm, x, p - 1, upper)?
    };
    if !alt {
        let (num, tail) = match s.find(['e', 'E']) {
            Some(i) => (s[..i].to_string(), s[i..].to_string()),
            None => (s.clone(), String::new()),
        };
        let num = if num.contains('.') {
            num.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            num
        };
        s = num + &tail;
    }
    Ok(s)
}

/// Formats a float with a spec.
pub fn format_float<S: LockStrategy>(vm: &Vm<S>, x: f64, spec: &Spec) -> PyResult<S, String> {
    let body = float_body(vm, x, spec, "float")?;
    let negative = x.is_sign_negative() && !x.is_nan();
    pad(vm, spec, sign_of(negative, spec), &body, true)
}

/// The digits of `|x|` as `spec` asks (no sign, no padding), with the
/// grouping separators; `type_label` names the type in CPython's error for
/// an unknown format code.
pub(crate) fn float_body<S: LockStrategy>(
    vm: &Vm<S>,
    x: f64,
    spec: &Spec,
    type_label: &str,
) -> PyResult<S, String> {
    let upper = matches!(spec.ty, Some('E' | 'F' | 'G'));
    // CPython takes a C int precision for floats.
    if spec.precision.is_some_and(|p| p > i32::MAX as usize) {
        return Err(vm.value_error("precision too big"));
    }
    let body = if x.is_nan() || x.is_infinite() {
        let t = if x.is_nan() { "nan" } else { "inf" };
        if upper {
            t.to_uppercase()
        } else {
            t.to_string()
        }
    } else {
        let a = x.abs();
        match spec.ty {
            Some('f' | 'F') => fixed_format(vm, a, spec.precision.unwrap_or(6))?,
            Some('e' | 'E') => exp_format(vm, a, spec.precision.unwrap_or(6), upper)?,
            Some('g' | 'G') => general_format(vm, a, spec.precision.unwrap_or(6), upper, spec.alt)?,
            Some('%') => fixed_format(vm, a * 100.0, spec.precision.unwrap_or(6))? + "%",
            Some('n') => general_format(vm, a, spec.precision.unwrap_or(6), false, spec.alt)?,
            None => match spec.precision {
                // Like 'g', but always with a digit after the point.
                Some(p) => {
                    let s = general_format(vm, a, p, false, spec.alt)?;
                    if s.contains(['.', 'e', 'n', 'i']) {
                        s
                    } else {
                        s + ".0"
                    }
                }
                None => float_repr(a),
            },
            Some(other) => {
                return Err(vm.value_error(format!(
                    "Unknown format code '{other}' for object of type '{type_label}'"
                )))
            }
        }
    };
    Ok(grouped(alternate_point(body, spec), spec))
}

/// With `#`, 'e', 'f' and '%' keep the decimal point even when no digit
/// follows it (`format(2.0, '#.0f')` is `'2.'`).
fn alternate_point(mut body: String, spec: &Spec) -> String {
    if spec.alt
        && matches!(spec.ty, Some('e' | 'E' | 'f' | 'F' | '%'))
        && body.starts_with(|c: char| c.is_ascii_digit())
        && !body.contains('.')
    {
        let at = body.find(['e', 'E', '%']).unwrap_or(body.len());
        body.insert(at, '.');
    }
    body
}

/// `body` (digits, then a point or exponent) with `spec`'s grouping
/// separator in its integer part.
pub(crate) fn grouped(body: String, spec: &Spec) -> String {
    match spec.grouping {
        Some(sep) => {
            let (int_part, rest) = match body.find(|c: char| !c.is_ascii_digit()) {
                Some(i) => (&body[..i], &body[i..]),
                None => (body.as_str(), ""),
            };
            group(int_part, sep, 3) + rest
        }
        None => body,
    }
}

/// `format(value, spec)`.
pub fn format_value<S: LockStrategy>(
    vm: &mut Vm<S>,
    v: &Value<S>,
    spec: &str,
) -> PyResult<S, String> {
    if let Some(r) = crate::classes::call_dunder(vm, v, "__format__", vec![vm.new_str(spec)])? {
        return match r.as_str() {
            Some(s) => Ok(s.to_string()),
            None => Err(vm.type_error(format!(
                "__format__ must return a str, not {}",
                type_name(&r)
            ))),
        };
    }
    if let Some(n) = crate::subclass::numeric_value(v) {
        // An int or float subclass without `__format__` formats its value.
        if spec.is_empty() {
            return to_str(vm, v);
        }
        return format_value(vm, &n, spec);
    }
    if spec.is_empty() {
        return to_str(vm, v);
    }
    // `object.__format__` takes only the empty spec: every type without a
    // `__format__` of its own (list, None, a class...) refuses any other.
    let own_format = matches!(v, Value::Float(_))
        || ops::to_big(v).is_some()
        || matches!(v.payload(), Some(Payload::Str(_)))
        || crate::types::slots(v).is_some();
    if !own_format {
        return Err(unsupported_spec(vm, v));
    }
    let parsed = parse_spec(spec).map_err(|m| vm.value_error(m))?;
    if let Some((o, n)) = crate::types::slots(v) {
        if let Some(text) = n.format(vm, o, &parsed)? {
            return Ok(text);
        }
    }
    match v {
        Value::Float(f) => format_float(vm, *f, &parsed),
        _ if ops::to_big(v).is_some() => format_int(vm, &ops::to_big(v).expect("int"), &parsed),
        _ => match v.payload() {
            Some(Payload::Str(s)) => format_text(vm, s.as_str(), &parsed, "str"),
            _ => Err(unsupported_spec(vm, v)),
        },
    }
}

fn unsupported_spec<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>) -> crate::vm::PyErr<S> {
    vm.type_error(format!(
        "unsupported format string passed to {}.__format__",
        type_name(v)
    ))
}

fn format_text<S: LockStrategy>(
    vm: &Vm<S>,
    s: &str,
    spec: &Spec,
    type_label: &str,
) -> PyResult<S, String> {
    if let Some(t) = spec.ty.filter(|t| *t != 's') {
        return Err(vm.value_error(format!(
            "Unknown format code '{t}' for object of type '{type_label}'"
        )));
    }
    let text: String = match spec.precision {
        Some(p) => s.chars().take(p).collect(),
        None => s.to_string(),
    };
    pad(vm, spec, "", &text, false)
}

/// Applies an f-string / `str.format` conversion: 1 = `!s`, 2 = `!r`, 3 = `!a`.
pub fn convert<S: LockStrategy>(
    vm: &mut Vm<S>,
    v: Value<S>,
    conversion: u8,
) -> PyResult<S, Value<S>> {
    Ok(match conversion {
        1 => {
            let s = to_str(vm, &v)?;
            vm.new_str(s)
        }
        2 => {
            let s = repr(vm, &v)?;
            vm.new_str(s)
        }
        3 => {
            let s = repr(vm, &v)?;
            let ascii: String = s
                .chars()
                .map(|c| {
                    if c.is_ascii() {
                        c.to_string()
                    } else if (c as u32) < 0x100 {
                        format!("\\x{:02x}", c as u32)
                    } else if (c as u32) < 0x10000 {
                        format!("\\u{:04x}", c as u32)
                    } else {
                        format!("\\U{:08x}", c as u32)
                    }
                })
                .collect();
            vm.new_str(ascii)
        }
        _ => v,
    })
}

/// `fmt % args`: printf-style formatting.
pub fn percent_format<S: LockStrategy>(
    vm: &mut Vm<S>,
    fmt: &str,
    args: &Value<S>,
) -> PyResult<S, String> {
    percent_format_in(vm, fmt, args, false)
}

/// `b'...' % args` (PEP 461): the str formatting run on the format's
/// bytes read as Latin-1 characters, with bytes conversions: `%s`/`%b`
/// take a bytes-like object (or one with `__bytes__`), `%r`/`%a` are
/// `ascii()`, `%c` takes a byte, mapping keys are bytes. Every character
/// produced is below 256, so the result converts back byte for byte.
pub fn bytes_percent_format<S: LockStrategy>(
    vm: &mut Vm<S>,
    fmt: &[u8],
    args: &Value<S>,
) -> PyResult<S, Vec<u8>> {
    let text: String = fmt.iter().map(|&b| b as char).collect();
    let out = percent_format_in(vm, &text, args, true)?;
    Ok(out.chars().map(|c| c as u32 as u8).collect())
}

/// The bytes `%s`/`%b` inserts for `value`, as Latin-1 characters.
fn bytes_conversion<S: LockStrategy>(vm: &mut Vm<S>, value: &Value<S>) -> PyResult<S, String> {
    if let Some(b) = crate::types::bytes::bytes_like(value) {
        return Ok(b.iter().map(|&c| c as char).collect());
    }
    if crate::classes::user_class_of(value).is_some() {
        if let Some(r) = crate::classes::call_dunder(vm, value, "__bytes__", Vec::new())? {
            return match r.payload() {
                Some(Payload::Bytes(b)) => Ok(b.iter().map(|&c| c as char).collect()),
                _ => Err(vm.type_error(format!(
                    "__bytes__ returned non-bytes (type {})",
                    type_name(&r)
                ))),
            };
        }
    }
    Err(vm.type_error(format!(
        "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
        type_name(value)
    )))
}

/// Whether the right operand of `%` is taken as a mapping, as CPython
/// decides: anything subscriptable but a tuple or the format's own type
/// (bytes formatting leaves out bytearray too). Then `%(key)s` looks keys
/// up in it and arguments left over are no error.
fn mapping_arg<S: LockStrategy>(args: &Value<S>, bytes: bool) -> bool {
    use crate::object::TypeKind;
    if let Some(class) = crate::classes::user_class_of(args) {
        let key = ops::new_str("__getitem__");
        if crate::classes::class_lookup(&class, &key).is_some() {
            return true;
        }
    }
    match ops::type_kind(args) {
        TypeKind::Dict | TypeKind::List | TypeKind::Range => true,
        TypeKind::Bytes | TypeKind::Native(crate::types::NativeKind::ByteArray) => !bytes,
        _ => false,
    }
}

fn percent_format_in<S: LockStrategy>(
    vm: &mut Vm<S>,
    fmt: &str,
    args: &Value<S>,
    bytes: bool,
) -> PyResult<S, String> {
    let items: Vec<Value<S>> = match args.payload() {
        Some(Payload::Tuple(t)) => t.to_vec(),
        _ => vec![args.clone()],
    };
    let mapping = mapping_arg(args, bytes);
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut next = 0usize;
    let mut used_mapping = false;
    let mut i = 0;
    let take = |vm: &Vm<S>, next: &mut usize| -> PyResult<S, Value<S>> {
        let v = items
            .get(*next)
            .cloned()
            .ok_or_else(|| vm.type_error("not enough arguments for format string"))?;
        *next += 1;
        Ok(v)
    };
    while i < chars.len() {
        let c = chars[i];
        if c != '%' {
            out.push(c);
            i += 1;
            continue;
        }
        i += 1;
        // %(name)s
        let mut keyed: Option<Value<S>> = None;
        if i < chars.len() && chars[i] == '(' {
            if !mapping {
                return Err(vm.type_error("format requires a mapping"));
            }
            let close = chars[i..]
                .iter()
                .position(|c| *c == ')')
                .map(|p| p + i)
                .ok_or_else(|| vm.value_error("incomplete format key"))?;
            let key: String = chars[i + 1..close].iter().collect();
            i = close + 1;
            used_mapping = true;
            let k = match bytes {
                true => {
                    crate::types::bytes::new_bytes(key.chars().map(|c| c as u32 as u8).collect())
                }
                false => vm.new_str(key),
            };
            keyed = Some(ops::get_item(vm, args, &k)?);
        }
        let mut spec = Spec::default();
        while i < chars.len() && matches!(chars[i], '-' | '+' | ' ' | '#' | '0') {
            match chars[i] {
                '-' => spec.align = Some('<'),
                '+' => spec.sign = Some('+'),
                ' ' => {
                    if spec.sign.is_none() {
                        spec.sign = Some(' ')
                    }
                }
                '#' => spec.alt = true,
                _ => spec.zero = true,
            }
            i += 1;
        }
        if spec.align == Some('<') {
            spec.zero = false;
        }
        if i < chars.len() && chars[i] == '*' {
            let w = take(vm, &mut next)?;
            let w = ops::expect_int(vm, &w)?;
            if w < 0 {
                spec.align = Some('<');
            }
            spec.width = w.unsigned_abs() as usize;
            i += 1;
        } else {
            let s = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            spec.width = percent_number(vm, &chars[s..i], isize::MAX as usize, "width")?;
        }
        if i < chars.len() && chars[i] == '.' {
            i += 1;
            if i < chars.len() && chars[i] == '*' {
                let p = take(vm, &mut next)?;
                // A C int in CPython; a negative one means no digits.
                let p = match p.payload() {
                    Some(Payload::BigInt(_)) => None,
                    _ => i32::try_from(ops::expect_int(vm, &p)?).ok(),
                };
                let Some(p) = p else {
                    return Err(
                        vm.new_error("OverflowError", "Python int too large to convert to C int")
                    );
                };
                spec.precision = Some(p.max(0) as usize);
                i += 1;
            } else {
                let s = i;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
                spec.precision = Some(percent_number(
                    vm,
                    &chars[s..i],
                    i32::MAX as usize,
                    "precision",
                )?);
            }
        }
        while i < chars.len() && matches!(chars[i], 'h' | 'l' | 'L') {
            i += 1;
        }
        let Some(&ty) = chars.get(i) else {
            return Err(vm.value_error("incomplete format"));
        };
        i += 1;
        if ty == '%' {
            out.push('%');
            continue;
        }
        let value = match keyed.take() {
            Some(v) => v,
            None if mapping => args.clone(),
            None => take(vm, &mut next)?,
        };
        let piece = match ty {
            's' | 'b' | 'r' | 'a' if bytes || ty != 'b' => {
                let text = match ty {
                    's' | 'b' if bytes => bytes_conversion(vm, &value)?,
                    // `%r` of bytes is `ascii()`: its result must be bytes.
                    'r' if bytes => convert(vm, value, 3)?.as_str().unwrap_or("").to_string(),
                    's' => to_str(vm, &value)?,
                    _ => {
                        let conv = if ty == 'r' { 2 } else { 3 };
                        convert(vm, value, conv)?.as_str().unwrap_or("").to_string()
                    }
                };
                let text: String = match spec.precision {
                    Some(p) => text.chars().take(p).collect(),
                    None => text,
                };
                spec.zero = false;
                pad(vm, &spec, "", &text, spec.align != Some('<'))?
            }
            'd' | 'i' | 'u' | 'o' | 'x' | 'X' => {
                let n = match (&value, ty) {
                    (Value::Float(f), 'd' | 'i' | 'u') => BigInt::from(f.trunc() as i64),
                    _ => match ops::to_big(&value) {
                        Some(n) => n,
                        None => {
                            let what = if matches!(ty, 'd' | 'i' | 'u') {
                                "a real number is required"
                            } else {
                                "an integer is required"
                            };
                            // bytes formatting names `%i` `%d`.
                            let shown = if bytes && ty == 'i' { 'd' } else { ty };
                            return Err(vm.type_error(format!(
                                "%{shown} format: {what}, not {}",
                                type_name(&value)
                            )));
                        }
                    },
                };
                spec.ty = Some(if matches!(ty, 'i' | 'u') { 'd' } else { ty });
                let precision = spec.precision.take();
                let mut s = format_int(
                    vm,
                    &n,
                    &Spec {
                        width: 0,
                        ..spec.clone()
                    },
                )?;
                // %.3d pads the digits with zeros.
                if let Some(p) = precision {
                    let digits = s.trim_start_matches(['-', '+', ' ']);
                    if digits.len() < p {
                        let sign = &s[..s.len() - digits.len()];
                        let mut padded = sign.to_string();
                        crate::alloc::push_fill(vm, &mut padded, '0', p - digits.len())?;
                        padded.push_str(digits);
                        s = padded;
                    }
                }
                let (sign, body) = split_sign(&s);
                pad(vm, &spec, sign, body, true)?
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let f = match &value {
                    Value::Float(f) => *f,
                    Value::Int(i) => *i as f64,
                    Value::Bool(b) => *b as i64 as f64,
                    _ => match ops::to_big(&value).and_then(|b| b.to_f64()) {
                        Some(f) => f,
                        None => {
                            return Err(vm.type_error(format!(
                                "{}, not {}",
                                match bytes {
                                    true => "float argument required",
                                    false => "must be real number",
                                },
                                type_name(&value)
                            )))
                        }
                    },
                };
                spec.ty = Some(ty);
                if spec.precision.is_none() {
                    spec.precision = Some(6);
                }
                let s = format_float(
                    vm,
                    f,
                    &Spec {
                        width: 0,
                        ..spec.clone()
                    },
                )?;
                let (sign, body) = split_sign(&s);
                pad(vm, &spec, sign, body, true)?
            }
            'c' if bytes => {
                let byte = match &value {
                    v if ops::is_int_like(v) => match ops::expect_int(vm, v).ok() {
                        Some(n @ 0..=255) => n as u8,
                        _ => return Err(vm.new_error("OverflowError", "%c arg not in range(256)")),
                    },
                    v => match crate::types::bytes::bytes_like(v) {
                        Some(b) if b.len() == 1 => b[0],
                        _ => {
                            return Err(vm.type_error(
                                "%c requires an integer in range(256) or a single byte",
                            ))
                        }
                    },
                };
                pad(vm, &spec, "", &(byte as char).to_string(), false)?
            }
            'c' => {
                let ch =
                    match &value {
                        Value::Int(n) => u32::try_from(*n)
                            .ok()
                            .and_then(char::from_u32)
                            .ok_or_else(|| {
                                vm.new_error("OverflowError", "%c arg not in range(0x110000)")
                            })?,
                        v => match v.as_str().filter(|s| s.chars().count() == 1) {
                            Some(s) => s.chars().next().expect("one char"),
                            None => return Err(vm.type_error("%c requires int or char")),
                        },
                    };
                pad(vm, &spec, "", &ch.to_string(), false)?
            }
            other => {
                // The index of the character in the format (a byte of a bytes
                // format is one character here).
                return Err(vm.value_error(format!(
                    "unsupported format character '{other}' ({:#x}) at index {}",
                    other as u32,
                    i - 1
                )));
            }
        };
        out.push_str(&piece);
    }
    if !mapping && next < items.len() {
        return Err(vm.type_error(match bytes {
            true => "not all arguments converted during bytes formatting",
            false => "not all arguments converted during string formatting",
        }));
    }
    let _ = used_mapping;
    Ok(out)
}

/// A number in a `str.format` field name (`{12}`, `{0[3]}`): only digits,
/// at most `isize::MAX` as in CPython; None when the text is a name.
fn field_number(text: &str) -> Result<Option<usize>, String> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(None);
    }
    spec_number(&text.chars().collect::<Vec<_>>()).map(Some)
}

/// A width or precision written in a `%` format: CPython's ValueError
/// ("width too big") past `max` (`isize::MAX`, or a C int for precisions).
fn percent_number<S: LockStrategy>(
    vm: &Vm<S>,
    digits: &[char],
    max: usize,
    what: &str,
) -> PyResult<S, usize> {
    digits
        .iter()
        .try_fold(0usize, |acc, c| {
            let d = c.to_digit(10).expect("ASCII digit") as usize;
            acc.checked_mul(10)
                .and_then(|a| a.checked_add(d))
                .filter(|&a| a <= max)
        })
        .ok_or_else(|| vm.value_error(format!("{what} too big")))
}

fn split_sign(s: &str) -> (&str, &str) {
    let n = s.len() - s.trim_start_matches(['-', '+', ' ']).len();
    (&s[..n], &s[n..])
}

/// `str.format(*args, **kwargs)`.
pub fn str_format<S: LockStrategy>(
    vm: &mut Vm<S>,
    template: &str,
    args: &[Value<S>],
    kwargs: &[(String, Value<S>)],
) -> PyResult<S, String> {
    let chars: Vec<char> = template.chars().collect();
    let mut out = String::new();
    let mut auto = 0usize;
    let mut manual = false;
    let mut automatic = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '{' && chars.get(i + 1) == Some(&'{') {
            out.push('{');
            i += 2;
            continue;
        }
        if c == '}' && chars.get(i + 1) == Some(&'}') {
            out.push('}');
            i += 2;
            continue;
        }
        if c == '}' {
            return Err(vm.value_error("Single '}' encountered in format string"));
        }
        if c != '{' {
            out.push(c);
            i += 1;
            continue;
        }
        // Find the matching '}' (specs may nest one level of braces).
        let mut depth = 1;
        let mut j = i + 1;
        while j < chars.len() && depth > 0 {
            match chars[j] {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            j += 1;
        }
        if depth > 0 {
            return Err(vm.value_error("Single '{' encountered in format string"));
        }
        let field: String = chars[i + 1..j - 1].iter().collect();
        i = j;
        let (head, spec) = match field.find(':') {
            Some(k) => (&field[..k], &field[k + 1..]),
            None => (field.as_str(), ""),
        };
        let (name, conversion) = match head.find('!') {
            Some(k) => (&head[..k], &head[k + 1..]),
            None => (head, ""),
        };
        // The first part of the field name, then `.attr` / `[key]` parts.
        let split = name.find(['.', '[']).unwrap_or(name.len());
        let (first, mut rest) = name.split_at(split);
        let mut value = if first.is_empty() {
            if manual {
                return Err(vm.value_error(
                    "cannot switch from manual field specification to automatic field numbering",
                ));
            }
            automatic = true;
            let v = args.get(auto).cloned().ok_or_else(|| {
                vm.new_error(
                    "IndexError",
                    format!("Replacement index {auto} out of range for positional args tuple"),
                )
            })?;
            auto += 1;
            v
        } else if let Some(k) = field_number(first).map_err(|m| vm.value_error(m))? {
            if automatic {
                return Err(vm.value_error(
                    "cannot switch from automatic field numbering to manual field specification",
                ));
            }
            manual = true;
            args.get(k).cloned().ok_or_else(|| {
                vm.new_error(
                    "IndexError",
                    format!("Replacement index {k} out of range for positional args tuple"),
                )
            })?
        } else {
            match kwargs.iter().find(|(n, _)| n == first) {
                Some((_, v)) => v.clone(),
                None => {
                    return Err(crate::vm::PyErr {
                        exc: crate::interp::new_exception_obj(
                            vm.interp.exceptions["KeyError"].clone(),
                            Box::new([vm.new_str(first)]),
                        ),
                    })
                }
            }
        };
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('.') {
                let end = r.find(['.', '[']).unwrap_or(r.len());
                let attr = match vm.new_str(&r[..end]) {
                    Value::Obj(o) => o,
                    _ => unreachable!("str is an object"),
                };
                value = ops::get_attr(vm, &value, &attr)?;
                rest = &r[end..];
            } else if let Some(r) = rest.strip_prefix('[') {
                let end = r
                    .find(']')
                    .ok_or_else(|| vm.value_error("Missing ']' in format string"))?;
                let key_text = &r[..end];
                let key = match field_number(key_text).map_err(|m| vm.value_error(m))? {
                    Some(n) => Value::Int(n as i64),
                    None => vm.new_str(key_text),
                };
                value = ops::get_item(vm, &value, &key)?;
                rest = &r[end + 1..];
            } else {
                return Err(
                    vm.value_error("Only '.' or '[' may follow ']' in format field specifier")
                );
            }
        }
        let conv = match conversion {
            "" => 0,
            "s" => 1,
            "r" => 2,
            "a" => 3,
            other => return Err(vm.value_error(format!("Unknown conversion specifier {other}"))),
        };
        let value = convert(vm, value, conv)?;
        // Nested fields in the spec: `{:{width}}`.
        let spec = if spec.contains('{') {
            let remaining_args: Vec<Value<S>> = if automatic {
                args[auto.min(args.len())..].to_vec()
            } else {
                args.to_vec()
            };
            let s = str_format(vm, spec, &remaining_args, kwargs)?;
            if automatic {
                auto += spec.matches('{').count();
            }
            s
        } else {
            spec.to_string()
        };
        out.push_str(&format_value(vm, &value, &spec)?);
    }
    Ok(out)
}
