//! `_sre`: the native half of CPython's `re` package. `re._compiler`
//! turns a pattern into SRE code and calls `_sre.compile`, which makes a
//! `re.Pattern` ([`crate::types::sre_pattern`]); matching runs the engine
//! of [`super::sre_engine`] over the subject's code units.
//!
//! This module holds what the Pattern, Match and Scanner types share: the
//! subject as code units, one run of the engine, group slicing, and the
//! argument conventions of CPython's `_sre` methods.

use super::sre_engine::{self as engine, State, Unit};
use crate::object::{ObjRef, Payload, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::types::bytes::{bytes_like, new_bytes};
use crate::types::sre_pattern::Pattern;
use crate::vm::{Args, PyResult, Vm};
use std::borrow::Cow;
use std::sync::Arc;

pub fn init<S: LockStrategy>(vm: &mut Vm<S>, dict: &ObjRef<S>) {
    super::add_functions(
        vm,
        dict,
        &[
            ("compile", compile, false),
            ("getcodesize", getcodesize, false),
            ("ascii_iscased", ascii_iscased, false),
            ("unicode_iscased", unicode_iscased, false),
            ("ascii_tolower", ascii_tolower, false),
            ("unicode_tolower", unicode_tolower, false),
        ],
    );
    let int = |i: u32| Value::Int(i as i64);
    vm.interp.dict_set_str(dict, "MAGIC", int(engine::MAGIC));
    vm.interp.dict_set_str(dict, "CODESIZE", int(4));
    vm.interp
        .dict_set_str(dict, "MAXREPEAT", int(engine::MAXREPEAT));
    vm.interp
        .dict_set_str(dict, "MAXGROUPS", int(engine::MAXGROUPS));
    vm.interp.dict_set_str(
        dict,
        "copyright",
        vm.new_str(" SRE 2.2.2 Copyright (c) 1997-2002 by Secret Labs AB "),
    );
}

// ---- arguments ----

pub(crate) use crate::builtins::keyword_params as params;

/// A `Py_ssize_t` argument (`pos`, `count`, `maxsplit`).
pub(crate) fn ssize<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, i64> {
    let i = ops::as_index(vm, v)?;
    ops::expect_int(vm, &i)
}

/// A code point argument of the case helpers.
fn char_arg<S: LockStrategy>(vm: &mut Vm<S>, name: &str, args: &Args<S>) -> PyResult<S, u32> {
    crate::builtins::arity(vm, name, args, 1, 1)?;
    let i = ops::expect_int(vm, &args.pos[0])?;
    u32::try_from(i).map_err(|_| {
        vm.new_error(
            "OverflowError",
            "Python int too large to convert to C unsigned long",
        )
    })
}

// ---- the module's functions ----

fn getcodesize<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    crate::builtins::arity(vm, "getcodesize", &args, 0, 0)?;
    Ok(Value::Int(4))
}

fn ascii_iscased<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let ch = char_arg(vm, "ascii_iscased", &args)?;
    Ok(Value::Bool(engine::ascii_iscased(ch)))
}

fn unicode_iscased<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let ch = char_arg(vm, "unicode_iscased", &args)?;
    Ok(Value::Bool(engine::unicode_iscased(ch)))
}

fn ascii_tolower<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let ch = char_arg(vm, "ascii_tolower", &args)?;
    Ok(Value::Int(engine::lower_ascii(ch) as i64))
}

fn unicode_tolower<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let ch = char_arg(vm, "unicode_tolower", &args)?;
    Ok(Value::Int(engine::lower_unicode(ch) as i64))
}

/// `_sre.compile(pattern, flags, code, groups, groupindex, indexgroup)`.
fn compile<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let names = [
        "pattern",
        "flags",
        "code",
        "groups",
        "groupindex",
        "indexgroup",
    ];
    let a = params(vm, "compile", &args.pos, args.kw, &names, 6)?;
    let mut a = a.into_iter().map(|v| v.unwrap_or(Value::None));
    let mut next = || a.next().unwrap_or(Value::None);
    let (pattern, flags, code) = (next(), next(), next());
    let (groups, groupindex, indexgroup) = (next(), next(), next());
    let flags = ops::expect_int(vm, &flags)?;
    if !matches!(code.payload(), Some(Payload::List(_))) {
        return Err(vm.type_error(format!(
            "compile() argument 'code' must be list, not {}",
            ops::type_name(&code)
        )));
    }
    let mut words = Vec::new();
    for item in ops::list_snapshot(&code) {
        let big = ops::to_big(&item).ok_or_else(|| {
            vm.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                ops::type_name(&item)
            ))
        })?;
        let word = u32::try_from(&big).map_err(|_| {
            vm.new_error(
                "OverflowError",
                "regular expression code size limit exceeded",
            )
        })?;
        words.push(word);
    }
    let groups = ssize(vm, &groups)?;
    if !matches!(groupindex.payload(), Some(Payload::Dict(_))) {
        return Err(vm.type_error(format!(
            "compile() argument 'groupindex' must be dict, not {}",
            ops::type_name(&groupindex)
        )));
    }
    if !matches!(indexgroup.payload(), Some(Payload::Tuple(_))) {
        return Err(vm.type_error(format!(
            "compile() argument 'indexgroup' must be tuple, not {}",
            ops::type_name(&indexgroup)
        )));
    }
    let groups = usize::try_from(groups).unwrap_or(0);
    if !engine::validate(&words, groups) {
        return Err(vm.new_error("RuntimeError", "invalid SRE code"));
    }
    let isbytes = match &pattern {
        Value::None => None,
        v if v.as_str().is_some() => Some(false),
        v => match bytes_like(v) {
            Some(_) => Some(true),
            None => {
                return Err(vm.type_error(format!(
                    "expected string or bytes-like object, got '{}'",
                    ops::type_name(v)
                )))
            }
        },
    };
    // A copy of the names, as CPython keeps (only when there are some).
    let groupindex = if ops::dict_len(&groupindex) > 0 {
        let copy = ops::new_dict();
        for (k, v) in ops::dict_items(&groupindex) {
            ops::dict_set(vm, copy.obj().expect("a dict"), k, v)?;
        }
        Some(copy)
    } else {
        None
    };
    Ok(crate::types::new_object(Pattern {
        pattern,
        flags,
        code: words.into(),
        groups,
        groupindex,
        indexgroup,
        isbytes,
    }))
}

// ---- subjects ----

/// A subject's code units: bytes (a bytes-like subject, or a str that is
/// all ASCII) or code points.
pub(crate) enum Text<'a> {
    Narrow(Cow<'a, [u8]>),
    Wide(Arc<[u32]>),
}

impl Text<'_> {
    pub(crate) fn len(&self) -> usize {
        match self {
            Text::Narrow(b) => b.len(),
            Text::Wide(w) => w.len(),
        }
    }
}

/// The code units of `string`, and whether it is bytes-like; CPython's
/// TypeErrors for another object, or one of the other kind than
/// `pattern`'s.
pub(crate) fn subject<'a, S: LockStrategy>(
    vm: &Vm<S>,
    pattern: &Pattern<S>,
    string: &'a Value<S>,
) -> PyResult<S, (Text<'a>, bool)> {
    let (text, isbytes) = match string.as_str() {
        Some(s) if s.is_ascii() => (Text::Narrow(Cow::Borrowed(s.as_bytes())), false),
        Some(s) => (Text::Wide(s.chars().map(|c| c as u32).collect()), false),
        None => match bytes_like(string) {
            Some(b) => (Text::Narrow(b), true),
            None => {
                return Err(vm.type_error(format!(
                    "expected string or bytes-like object, got '{}'",
                    ops::type_name(string)
                )))
            }
        },
    };
    match (pattern.isbytes, isbytes) {
        (Some(false), true) => {
            Err(vm.type_error("cannot use a string pattern on a bytes-like object"))
        }
        (Some(true), false) => {
            Err(vm.type_error("cannot use a bytes pattern on a string-like object"))
        }
        _ => Ok((text, isbytes)),
    }
}

/// `pos` and `endpos` clamped to the subject, as CPython's `state_init`.
pub(crate) fn bounds(len: usize, pos: i64, endpos: i64) -> (usize, usize) {
    let clamp = |i: i64| i.clamp(0, len as i64) as usize;
    (clamp(pos), clamp(endpos))
}

/// How one run of the engine looks for a match.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Match,
    Fullmatch,
    Search,
}

/// A match the engine found: group 0's span, each group's span (unset
/// groups `None`) and `lastindex` (-1: none).
pub(crate) struct Found {
    pub spans: Vec<Option<(usize, usize)>>,
    pub lastindex: isize,
}

impl Found {
    pub(crate) fn start(&self) -> usize {
        self.spans[0].map_or(0, |s| s.0)
    }
    pub(crate) fn end(&self) -> usize {
        self.spans[0].map_or(0, |s| s.1)
    }
}

fn run_units<T: Unit>(
    code: &[u32],
    groups: usize,
    units: &[T],
    start: usize,
    end: usize,
    mode: Mode,
    must_advance: bool,
) -> Result<Option<Found>, engine::Error> {
    let mut state = State::new(code, units, start, end);
    state.must_advance = must_advance;
    state.match_all = mode == Mode::Fullmatch;
    let found = match mode {
        Mode::Search => state.search()?,
        Mode::Match | Mode::Fullmatch => state.pattern_match()?,
    };
    if !found {
        return Ok(None);
    }
    let mut spans = vec![Some((state.start, state.ptr))];
    spans.extend((1..=groups).map(|g| state.group_span(g)));
    Ok(Some(Found {
        spans,
        lastindex: state.lastindex,
    }))
}

/// One run of `pattern` over `text` from `start` (to `end`).
pub(crate) fn run<S: LockStrategy>(
    vm: &Vm<S>,
    pattern: &Pattern<S>,
    text: &Text<'_>,
    start: usize,
    end: usize,
    mode: Mode,
    must_advance: bool,
) -> PyResult<S, Option<Found>> {
    let (code, groups) = (&pattern.code[..], pattern.groups);
    let r = match text {
        Text::Narrow(b) => run_units(code, groups, &b[..], start, end, mode, must_advance),
        Text::Wide(w) => run_units(code, groups, &w[..], start, end, mode, must_advance),
    };
    let found = r.map_err(|_| {
        vm.new_error(
            "RuntimeError",
            "internal error in regular expression engine",
        )
    })?;
    if let Some(f) = &found {
        if f.spans.iter().flatten().any(|(a, b)| a > b) {
            return Err(vm.new_error(
                "SystemError",
                "The span of capturing group is wrong, please report a bug for the re module.",
            ));
        }
    }
    Ok(found)
}

/// `string[a:b]` as CPython's `getslice`: a str for a str subject, bytes
/// for any bytes-like one.
pub(crate) fn slice<S: LockStrategy>(
    string: &Value<S>,
    text: &Text<'_>,
    isbytes: bool,
    a: usize,
    b: usize,
) -> Value<S> {
    match text {
        Text::Narrow(bytes) if isbytes => {
            if a == 0 && b == bytes.len() && matches!(string.stored(), Some(Payload::Bytes(_))) {
                return string.clone();
            }
            new_bytes(bytes[a..b].to_vec())
        }
        Text::Narrow(bytes) => {
            // An ASCII str: bytes are characters.
            ops::new_str(String::from_utf8_lossy(&bytes[a..b]).into_owned())
        }
        Text::Wide(units) => ops::new_str(
            units[a..b]
                .iter()
                .filter_map(|&u| char::from_u32(u))
                .collect::<String>(),
        ),
    }
}

/// The text of group `g` of a found match, or `default` when the group
/// did not take part.
pub(crate) fn group_value<S: LockStrategy>(
    string: &Value<S>,
    text: &Text<'_>,
    isbytes: bool,
    found: &Found,
    g: usize,
    default: &Value<S>,
) -> Value<S> {
    match found.spans[g] {
        Some((a, b)) => slice(string, text, isbytes, a, b),
        None => default.clone(),
    }
}

/// The empty str or bytes of a subject's kind (what `sub` joins with).
pub(crate) fn empty<S: LockStrategy>(isbytes: bool) -> Value<S> {
    if isbytes {
        new_bytes(Vec::new())
    } else {
        ops::new_str("")
    }
}

/// Calls `name` of CPython's `re` package with `args` (the parts of
/// `sub` and `expand` written in Python: template parsing).
pub(crate) fn call_re<S: LockStrategy>(
    vm: &mut Vm<S>,
    name: &str,
    args: Vec<Value<S>>,
) -> PyResult<S> {
    let module_name = crate::vm::name_obj(vm, "re");
    let module = super::import(vm, &module_name)?;
    let attr = crate::vm::name_obj(vm, name);
    let f = ops::get_attr(vm, &module, &attr)?;
    vm.call(&f, args)
}
