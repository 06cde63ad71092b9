//! The `_json` module: the accelerators CPython's `json` package imports
//! (`scanstring`, `encode_basestring_ascii`, `encode_basestring`,
//! `make_scanner`), with CPython's results, positions and messages.
//! `make_scanner` is a small Python class (`py/_json.py`) whose call runs
//! the whole parse here (`_scan_once`). `make_encoder` is not provided:
//! `json.encoder` falls back to its Python encoder.
//!
//! A str holds no lone surrogates here, so a `\uXXXX` escape naming one
//! raises what `chr` of it raises (the Python fallback's behaviour).

use crate::object::{ObjRef, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyErr, PyResult, Vm};
use std::collections::HashMap;

pub fn init<S: LockStrategy>(vm: &mut Vm<S>, dict: &ObjRef<S>) {
    super::add_functions(
        vm,
        dict,
        &[
            ("scanstring", scanstring, false),
            ("encode_basestring_ascii", encode_basestring_ascii, false),
            ("encode_basestring", encode_basestring, false),
            ("_scan_once", scan_once_fn, false),
        ],
    );
}

/// `json.decoder.JSONDecodeError(msg, doc, pos)`.
fn decode_error<S: LockStrategy>(
    vm: &mut Vm<S>,
    msg: &str,
    doc: &Value<S>,
    pos: usize,
) -> PyErr<S> {
    decode_error_at(vm, msg, doc, pos as i64)
}

/// [`decode_error`] at a position that may be -1: `_json.scanstring(s, 0)`
/// reports an unterminated string as starting just before `s`, as CPython's.
fn decode_error_at<S: LockStrategy>(
    vm: &mut Vm<S>,
    msg: &str,
    doc: &Value<S>,
    pos: i64,
) -> PyErr<S> {
    let class = match crate::modules::pickle::import(vm, "json.decoder") {
        Ok(m) => m,
        Err(e) => return e,
    };
    let class = match get_attr_str(vm, &class, "JSONDecodeError") {
        Ok(c) => c,
        Err(e) => return e,
    };
    let args = vec![vm.new_str(msg), doc.clone(), Value::Int(pos)];
    match vm.call(&class, args) {
        Ok(Value::Obj(exc)) => PyErr { exc },
        Ok(_) => vm.type_error("exceptions must derive from BaseException"),
        Err(e) => e,
    }
}

fn get_attr_str<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>, name: &str) -> PyResult<S> {
    let name = match vm.new_str(name) {
        Value::Obj(o) => o,
        _ => unreachable!("str is an object"),
    };
    ops::get_attr(vm, v, &name)
}

fn stop_iteration<S: LockStrategy>(vm: &Vm<S>, idx: usize) -> PyErr<S> {
    let class = vm.interp.exceptions["StopIteration"].clone();
    PyErr {
        exc: crate::interp::new_exception_obj(class, Box::new([Value::Int(idx as i64)])),
    }
}

fn str_arg<'a, S: LockStrategy>(vm: &Vm<S>, v: &'a Value<S>) -> PyResult<S, &'a str> {
    v.as_str().ok_or_else(|| {
        vm.type_error(format!(
            "first argument must be a string, not {:.80}",
            ops::type_name(v)
        ))
    })
}

/// An index argument (CPython's `n` format: an integer via `__index__`).
fn index_arg<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        _ => {
            let i = ops::as_index(vm, v)?;
            match i {
                Value::Int(i) => Ok(i),
                Value::Bool(b) => Ok(b as i64),
                _ => Err(vm.new_error(
                    "OverflowError",
                    "Python int too large to convert to C ssize_t",
                )),
            }
        }
    }
}

fn scanstring<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let a =
        crate::modules::pickle::parse_args(vm, "scanstring", &args, 0, &["s", "end", "strict"], 2)?;
    // CPython's clinic-less signature takes positional arguments only.
    if !args.kw.is_empty() {
        return Err(vm.type_error("scanstring() takes no keyword arguments"));
    }
    let doc = a[0].clone().unwrap_or(Value::None);
    let s = str_arg(vm, &doc)?;
    let chars: Vec<char> = s.chars().collect();
    let end_v = a[1].clone().unwrap_or(Value::None);
    let end = index_arg(vm, &end_v)?;
    let strict = match &a[2] {
        Some(v) => ops::truthy(vm, v)?,
        None => true,
    };
    if end < 0 || end as usize > chars.len() {
        return Err(vm.value_error("end is out of bounds"));
    }
    let (out, next) = scan_string(vm, &chars, &doc, end as usize, strict)?;
    Ok(ops::new_tuple(vec![
        vm.new_str(out),
        Value::Int(next as i64),
    ]))
}

fn hex4(chars: &[char], at: usize) -> Option<u32> {
    let mut c = 0u32;
    for ch in &chars[at..at + 4] {
        c = (c << 4) | ch.to_digit(16)?;
    }
    Some(c)
}

/// Decodes the JSON string whose body starts at `end` (just after its
/// opening quote): the text and the index just after its closing quote.
fn scan_string<S: LockStrategy>(
    vm: &mut Vm<S>,
    s: &[char],
    doc: &Value<S>,
    mut end: usize,
    strict: bool,
) -> PyResult<S, (String, usize)> {
    let len = s.len();
    // The opening quote's index: -1 where `scanstring` is asked to start at 0.
    let begin = end as i64 - 1;
    let mut out = String::new();
    let mut lone_surrogate = false;
    loop {
        let mut next = end;
        while next < len {
            let c = s[next];
            if c == '"' || c == '\\' {
                break;
            }
            if strict && (c as u32) <= 0x1f {
                return Err(decode_error(vm, "Invalid control character at", doc, next));
            }
            next += 1;
        }
        if next >= len {
            return Err(decode_error_at(
                vm,
                "Unterminated string starting at",
                doc,
                begin,
            ));
        }
        out.extend(&s[end..next]);
        if s[next] == '"' {
            if lone_surrogate {
                return Err(vm.value_error("chr() arg not in range(0x110000)"));
            }
            return Ok((out, next + 1));
        }
        // A backslash escape.
        next += 1;
        if next == len {
            return Err(decode_error_at(
                vm,
                "Unterminated string starting at",
                doc,
                begin,
            ));
        }
        let c = s[next];
        if c != 'u' {
            end = next + 1;
            let decoded = match c {
                '"' => '"',
                '\\' => '\\',
                '/' => '/',
                'b' => '\u{8}',
                'f' => '\u{c}',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                _ => return Err(decode_error(vm, "Invalid \\escape", doc, end - 2)),
            };
            out.push(decoded);
            continue;
        }
        next += 1;
        end = next + 4;
        if end >= len {
            return Err(decode_error(vm, "Invalid \\uXXXX escape", doc, next - 1));
        }
        let Some(mut c) = hex4(s, next) else {
            return Err(decode_error(vm, "Invalid \\uXXXX escape", doc, end - 5));
        };
        if (0xd800..=0xdbff).contains(&c) && end + 6 < len && s[end] == '\\' && s[end + 1] == 'u' {
            let Some(c2) = hex4(s, end + 2) else {
                return Err(decode_error(vm, "Invalid \\uXXXX escape", doc, end + 1));
            };
            if (0xdc00..=0xdfff).contains(&c2) {
                c = 0x10000 + (((c - 0xd800) << 10) | (c2 - 0xdc00));
                end += 6;
            }
        }
        match char::from_u32(c) {
            Some(ch) => out.push(ch),
            // Raised once the string is known to be well formed (CPython
            // would report a later error in it first).
            None => lone_surrogate = true,
        }
    }
}

fn encode_basestring_ascii<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    encode_common(vm, args, "encode_basestring_ascii", true)
}

fn encode_basestring<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    encode_common(vm, args, "encode_basestring", false)
}

fn encode_common<S: LockStrategy>(
    vm: &mut Vm<S>,
    args: Args<S>,
    name: &str,
    ascii: bool,
) -> PyResult<S> {
    if !args.kw.is_empty() {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    if args.pos.len() != 1 {
        return Err(vm.type_error(format!(
            "{name}() takes exactly one argument ({} given)",
            args.pos.len()
        )));
    }
    let s = str_arg(vm, &args.pos[0])?;
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (ascii && (c as u32) >= 0x7f) => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{:04x}", u));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    Ok(vm.new_str(out))
}

/// The settings of one scanner call.
struct Scanner<S: LockStrategy> {
    strict: bool,
    object_hook: Value<S>,
    pairs_hook: Value<S>,
    /// `None` when it is the builtin `float` (parsed here).
    parse_float: Option<Value<S>>,
    /// `None` when it is the builtin `int`.
    parse_int: Option<Value<S>>,
    parse_constant: Value<S>,
    memo: HashMap<String, Value<S>>,
    doc: Value<S>,
}

fn is_builtin<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>, name: &str) -> bool {
    match (ops::dict_get(&vm.interp.builtins, &vm.new_str(name)), v) {
        (Some(Value::Obj(b)), Value::Obj(o)) => b.ptr_eq(o),
        _ => false,
    }
}

/// `_scan_once(strict, object_hook, object_pairs_hook, parse_float,
/// parse_int, parse_constant, string, idx)`: what a scanner's call does.
fn scan_once_fn<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    if args.pos.len() != 8 {
        return Err(vm.type_error("_scan_once() takes exactly 8 arguments"));
    }
    let mut p = args.pos.into_iter();
    let mut next = || p.next().unwrap_or(Value::None);
    let strict = next();
    let object_hook = next();
    let pairs_hook = next();
    let parse_float = next();
    let parse_int = next();
    let parse_constant = next();
    let doc = next();
    let idx_v = next();
    let strict = ops::truthy(vm, &strict)?;
    let s = str_arg(vm, &doc)?;
    let chars: Vec<char> = s.chars().collect();
    let idx = index_arg(vm, &idx_v)?;
    if idx < 0 {
        return Err(vm.value_error("idx cannot be negative"));
    }
    let parse_float = (!is_builtin(vm, &parse_float, "float")).then_some(parse_float);
    let parse_int = (!is_builtin(vm, &parse_int, "int")).then_some(parse_int);
    let mut sc = Scanner {
        strict,
        object_hook,
        pairs_hook,
        parse_float,
        parse_int,
        parse_constant,
        memo: HashMap::new(),
        doc,
    };
    let (v, end) = sc.scan(vm, &chars, idx as usize)?;
    Ok(ops::new_tuple(vec![v, Value::Int(end as i64)]))
}

fn skip_ws(s: &[char], mut i: usize) -> usize {
    while i < s.len() && matches!(s[i], ' ' | '\t' | '\n' | '\r') {
        i += 1;
    }
    i
}

fn starts_with(s: &[char], at: usize, word: &str) -> bool {
    let n = word.chars().count();
    at + n <= s.len() && s[at..at + n].iter().copied().eq(word.chars())
}

impl<S: LockStrategy> Scanner<S> {
    fn scan(&mut self, vm: &mut Vm<S>, s: &[char], idx: usize) -> PyResult<S, (Value<S>, usize)> {
        let len = s.len();
        if idx >= len {
            return Err(stop_iteration(vm, idx));
        }
        match s[idx] {
            '"' => {
                let (text, end) = scan_string(vm, s, &self.doc, idx + 1, self.strict)?;
                Ok((vm.new_str(text), end))
            }
            '{' => vm.recursive_call(
                " while decoding a JSON object from a unicode string",
                |vm| self.parse_object(vm, s, idx + 1),
            ),
            '[' => vm.recursive_call(" while decoding a JSON array from a unicode string", |vm| {
                self.parse_array(vm, s, idx + 1)
            }),
            'n' if starts_with(s, idx, "null") => Ok((Value::None, idx + 4)),
            't' if starts_with(s, idx, "true") => Ok((Value::Bool(true), idx + 4)),
            'f' if starts_with(s, idx, "false") => Ok((Value::Bool(false), idx + 5)),
            'N' if starts_with(s, idx, "NaN") => self.constant(vm, "NaN", idx + 3),
            'I' if starts_with(s, idx, "Infinity") => self.constant(vm, "Infinity", idx + 8),
            '-' if starts_with(s, idx, "-Infinity") => self.constant(vm, "-Infinity", idx + 9),
            _ => self.number(vm, s, idx),
        }
    }

    fn constant(
        &mut self,
        vm: &mut Vm<S>,
        name: &str,
        end: usize,
    ) -> PyResult<S, (Value<S>, usize)> {
        let arg = vm.new_str(name);
        let f = self.parse_constant.clone();
        Ok((vm.call(&f, vec![arg])?, end))
    }

    fn number(
        &mut self,
        vm: &mut Vm<S>,
        s: &[char],
        start: usize,
    ) -> PyResult<S, (Value<S>, usize)> {
        let len = s.len();
        let digit = |i: usize| i < len && s[i].is_ascii_digit();
        let mut idx = start;
        if s[idx] == '-' {
            idx += 1;
            if idx >= len {
                return Err(stop_iteration(vm, start));
            }
        }
        if ('1'..='9').contains(&s[idx]) {
            idx += 1;
            while digit(idx) {
                idx += 1;
            }
        } else if s[idx] == '0' {
            idx += 1;
        } else {
            return Err(stop_iteration(vm, start));
        }
        let mut is_float = false;
        if idx < len && s[idx] == '.' && digit(idx + 1) {
            is_float = true;
            idx += 2;
            while digit(idx) {
                idx += 1;
            }
        }
        if idx < len && (s[idx] == 'e' || s[idx] == 'E') {
            let e_start = idx;
            idx += 1;
            if idx < len && (s[idx] == '-' || s[idx] == '+') {
                idx += 1;
            }
            while digit(idx) {
                idx += 1;
            }
            if s[idx - 1].is_ascii_digit() {
                is_float = true;
            } else {
                idx = e_start;
            }
        }
        let text: String = s[start..idx].iter().collect();
        let v = if is_float {
            match &self.parse_float {
                Some(f) => {
                    let f = f.clone();
                    let arg = vm.new_str(text);
                    vm.call(&f, vec![arg])?
                }
                None => Value::Float(text.parse::<f64>().unwrap_or(f64::NAN)),
            }
        } else {
            match &self.parse_int {
                Some(f) => {
                    let f = f.clone();
                    let arg = vm.new_str(text);
                    vm.call(&f, vec![arg])?
                }
                None => match text.parse::<i64>() {
                    Ok(i) => Value::Int(i),
                    Err(_) => {
                        // Big ints go through `int` (its digit limit).
                        let int = ops::dict_get(&vm.interp.builtins, &vm.new_str("int"))
                            .unwrap_or(Value::None);
                        let arg = vm.new_str(text);
                        vm.call(&int, vec![arg])?
                    }
                },
            }
        };
        Ok((v, idx))
    }

    fn parse_object(
        &mut self,
        vm: &mut Vm<S>,
        s: &[char],
        mut idx: usize,
    ) -> PyResult<S, (Value<S>, usize)> {
        let len = s.len();
        let has_pairs = !matches!(self.pairs_hook, Value::None);
        let mut pairs: Vec<Value<S>> = Vec::new();
        let dict = ops::new_dict();
        let dict_ref = match &dict {
            Value::Obj(o) => o.clone(),
            _ => unreachable!("dicts are objects"),
        };
        idx = skip_ws(s, idx);
        if idx >= len || s[idx] != '}' {
            loop {
                if idx >= len || s[idx] != '"' {
                    return Err(decode_error(
                        vm,
                        "Expecting property name enclosed in double quotes",
                        &self.doc,
                        idx,
                    ));
                }
                let (key, next) = scan_string(vm, s, &self.doc, idx + 1, self.strict)?;
                let key = match self.memo.get(&key) {
                    Some(k) => k.clone(),
                    None => {
                        let k = vm.new_str(key.as_str());
                        self.memo.insert(key, k.clone());
                        k
                    }
                };
                idx = skip_ws(s, next);
                if idx >= len || s[idx] != ':' {
                    return Err(decode_error(vm, "Expecting ':' delimiter", &self.doc, idx));
                }
                idx = skip_ws(s, idx + 1);
                let (val, next) = self.scan(vm, s, idx)?;
                if has_pairs {
                    pairs.push(ops::new_tuple(vec![key, val]));
                } else {
                    ops::dict_set(vm, &dict_ref, key, val)?;
                }
                idx = skip_ws(s, next);
                if idx < len && s[idx] == '}' {
                    break;
                }
                if idx >= len || s[idx] != ',' {
                    return Err(decode_error(vm, "Expecting ',' delimiter", &self.doc, idx));
                }
                idx = skip_ws(s, idx + 1);
            }
        }
        let end = idx + 1;
        if has_pairs {
            let hook = self.pairs_hook.clone();
            return Ok((vm.call(&hook, vec![ops::new_list(pairs)])?, end));
        }
        if !matches!(self.object_hook, Value::None) {
            let hook = self.object_hook.clone();
            return Ok((vm.call(&hook, vec![dict])?, end));
        }
        Ok((dict, end))
    }

    fn parse_array(
        &mut self,
        vm: &mut Vm<S>,
        s: &[char],
        mut idx: usize,
    ) -> PyResult<S, (Value<S>, usize)> {
        let len = s.len();
        let mut items = Vec::new();
        idx = skip_ws(s, idx);
        if idx >= len || s[idx] != ']' {
            loop {
                let (val, next) = self.scan(vm, s, idx)?;
                items.push(val);
                idx = skip_ws(s, next);
                if idx < len && s[idx] == ']' {
                    break;
                }
                if idx >= len || s[idx] != ',' {
                    return Err(decode_error(vm, "Expecting ',' delimiter", &self.doc, idx));
                }
                idx = skip_ws(s, idx + 1);
            }
        }
        Ok((ops::new_list(items), idx + 1))
    }
}
