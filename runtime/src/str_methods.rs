//! Methods of `str` (`str.split`, `str.translate`...), with CPython's
//! error messages and Unicode behaviour. Each takes the receiver as its first
//! positional argument.

use crate::builtins::arity;
use crate::object::{NativeFn, Payload, TypeKind, Value};
use crate::ops::{self, type_name};
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};

pub fn methods<S: LockStrategy>() -> Vec<(TypeKind, &'static str, NativeFn<S>)> {
    vec![
        (TypeKind::Str, "split", str_split as NativeFn<S>),
        (TypeKind::Str, "join", str_join),
        (TypeKind::Str, "strip", str_strip),
        (TypeKind::Str, "lstrip", str_lstrip),
        (TypeKind::Str, "rstrip", str_rstrip),
        (TypeKind::Str, "upper", str_upper),
        (TypeKind::Str, "lower", str_lower),
        (TypeKind::Str, "replace", str_replace),
        (TypeKind::Str, "startswith", str_startswith),
        (TypeKind::Str, "endswith", str_endswith),
        (TypeKind::Str, "find", str_find),
        (TypeKind::Str, "count", str_count),
        (TypeKind::Str, "isdigit", str_isdigit),
        (TypeKind::Str, "format", str_format),
        (TypeKind::Str, "islower", str_islower),
        (TypeKind::Str, "isupper", str_isupper),
        (TypeKind::Str, "isalpha", str_isalpha),
        (TypeKind::Str, "isalnum", str_isalnum),
        (TypeKind::Str, "isspace", str_isspace),
        (TypeKind::Str, "title", str_title),
        (TypeKind::Str, "capitalize", str_capitalize),
        (TypeKind::Str, "zfill", str_zfill),
        (TypeKind::Str, "center", str_center),
        (TypeKind::Str, "ljust", str_ljust),
        (TypeKind::Str, "rjust", str_rjust),
        (TypeKind::Str, "rfind", str_rfind),
        (TypeKind::Str, "index", str_index),
        (TypeKind::Str, "partition", str_partition),
        (TypeKind::Str, "rpartition", str_rpartition),
        (TypeKind::Str, "rsplit", str_rsplit),
        (TypeKind::Str, "swapcase", str_swapcase),
        (TypeKind::Str, "removeprefix", str_removeprefix),
        (TypeKind::Str, "removesuffix", str_removesuffix),
        (TypeKind::Str, "splitlines", str_splitlines),
        (TypeKind::Str, "rindex", str_rindex),
        (TypeKind::Str, "isdecimal", str_isdecimal),
        (TypeKind::Str, "isnumeric", str_isnumeric),
        (TypeKind::Str, "isascii", str_isascii),
        (TypeKind::Str, "isprintable", str_isprintable),
        (TypeKind::Str, "istitle", str_istitle),
        (TypeKind::Str, "isidentifier", str_isidentifier),
        (TypeKind::Str, "casefold", str_casefold),
        (TypeKind::Str, "expandtabs", str_expandtabs),
        (TypeKind::Str, "maketrans", str_maketrans),
        (TypeKind::Str, "translate", str_translate),
    ]
}

/// The text of a `str` method's receiver; CPython's TypeError for anything
/// else (the descriptor check has usually refused it).
fn recv_str<'a, S: LockStrategy>(vm: &Vm<S>, args: &'a Args<S>) -> PyResult<S, &'a str> {
    args.pos[0]
        .as_str()
        .ok_or_else(|| crate::methods::wrong_receiver(vm, "str", &args.pos[0]))
}

fn str_arg<'a, S: LockStrategy>(
    vm: &Vm<S>,
    args: &'a Args<S>,
    i: usize,
    what: &str,
) -> PyResult<S, &'a str> {
    let v = &args.pos[i];
    v.as_str()
        .ok_or_else(|| vm.type_error(format!("{what} arg must be None or str")))
}

/// The `sep` and `maxsplit` arguments of `split`/`rsplit`; no limit is
/// `usize::MAX`.
fn split_args<S: LockStrategy>(
    vm: &mut Vm<S>,
    args: &mut Args<S>,
    name: &str,
) -> PyResult<S, (Value<S>, usize)> {
    let sep_kw = args.take_kw("sep");
    let max_kw = args.take_kw("maxsplit");
    arity(vm, name, args, 1, 3)?;
    let sep = sep_kw
        .or_else(|| args.pos.get(1).cloned())
        .unwrap_or(Value::None);
    let maxsplit = match max_kw.or_else(|| args.pos.get(2).cloned()) {
        Some(v) => ops::expect_int(vm, &v)?,
        None => -1,
    };
    Ok((sep, usize::try_from(maxsplit).unwrap_or(usize::MAX)))
}

fn str_split<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let (sep, limit) = split_args(vm, &mut args, "split")?;
    let s = recv_str(vm, &args)?;
    let parts: Vec<String> = match &sep {
        Value::None => {
            let mut out = Vec::new();
            let mut rest = s.trim_start_matches(is_space);
            while !rest.is_empty() {
                if out.len() == limit {
                    out.push(rest.to_string());
                    break;
                }
                let end = rest.find(is_space).unwrap_or(rest.len());
                out.push(rest[..end].to_string());
                rest = rest[end..].trim_start_matches(is_space);
            }
            out
        }
        v => {
            let Some(sep) = v.as_str() else {
                return Err(vm.type_error(format!("must be str or None, not {}", type_name(v))));
            };
            if sep.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            s.splitn(limit.saturating_add(1), sep)
                .map(String::from)
                .collect()
        }
    };
    Ok(ops::new_list(
        parts.into_iter().map(|p| vm.new_str(p)).collect(),
    ))
}

fn str_join<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "join", &args, 2, 2)?;
    let sep = recv_str(vm, &args)?.to_string();
    let mut out = String::new();
    for (i, item) in ops::iterate(vm, &args.pos[1])?.iter().enumerate() {
        let Some(s) = item.as_str() else {
            return Err(vm.type_error(format!(
                "sequence item {i}: expected str instance, {} found",
                type_name(item)
            )));
        };
        if i > 0 {
            out.push_str(&sep);
        }
        out.push_str(s);
    }
    Ok(vm.new_str(out))
}

fn strip_impl<S: LockStrategy>(
    vm: &mut Vm<S>,
    args: Args<S>,
    name: &str,
    left: bool,
    right: bool,
) -> PyResult<S> {
    arity(vm, name, &args, 1, 2)?;
    let s = recv_str(vm, &args)?;
    let chars: Option<Vec<char>> = match args.pos.get(1) {
        None | Some(Value::None) => None,
        Some(_) => Some(str_arg(vm, &args, 1, name)?.chars().collect()),
    };
    let pred = |c: char| match &chars {
        None => is_space(c),
        Some(set) => set.contains(&c),
    };
    let mut r = s;
    if left {
        r = r.trim_start_matches(pred);
    }
    if right {
        r = r.trim_end_matches(pred);
    }
    let r = r.to_string();
    Ok(vm.new_str(r))
}

fn str_strip<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    strip_impl(vm, args, "strip", true, true)
}

fn str_lstrip<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    strip_impl(vm, args, "lstrip", true, false)
}

fn str_rstrip<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    strip_impl(vm, args, "rstrip", false, true)
}

fn str_upper<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "upper", &args, 1, 1)?;
    let r = recv_str(vm, &args)?.to_uppercase();
    Ok(vm.new_str(r))
}

fn str_lower<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "lower", &args, 1, 1)?;
    let r = recv_str(vm, &args)?.to_lowercase();
    Ok(vm.new_str(r))
}

fn str_replace<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "replace", &args, 3, 4)?;
    let (Some(old), Some(new)) = (args.pos[1].as_str(), args.pos[2].as_str()) else {
        return Err(vm.type_error("replace() argument must be str"));
    };
    let count = match args.pos.get(3) {
        Some(c) => ops::expect_int(vm, c)?,
        None => -1,
    };
    let s = recv_str(vm, &args)?;
    let r = if count < 0 {
        s.replace(old, new)
    } else {
        s.replacen(old, new, count as usize)
    };
    Ok(vm.new_str(r))
}

fn str_partition<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "partition", &args, 2, 2)?;
    let sep = str_arg(vm, &args, 1, "partition")?;
    let s = recv_str(vm, &args)?;
    let parts = match s.find(sep) {
        Some(i) => [&s[..i], sep, &s[i + sep.len()..]],
        None => [s, "", ""],
    };
    Ok(ops::new_tuple(
        parts.iter().map(|p| vm.new_str(*p)).collect(),
    ))
}

fn str_rpartition<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "rpartition", &args, 2, 2)?;
    let sep = str_arg(vm, &args, 1, "rpartition")?;
    let s = recv_str(vm, &args)?;
    let parts = match s.rfind(sep) {
        Some(i) => [&s[..i], sep, &s[i + sep.len()..]],
        None => ["", "", s],
    };
    Ok(ops::new_tuple(
        parts.iter().map(|p| vm.new_str(*p)).collect(),
    ))
}

fn str_rsplit<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let (sep, limit) = split_args(vm, &mut args, "rsplit")?;
    let s = recv_str(vm, &args)?;
    let mut parts: Vec<String> = match sep.as_str() {
        None => {
            let mut out = Vec::new();
            let mut rest = s.trim_end_matches(is_space);
            while !rest.is_empty() {
                if out.len() == limit {
                    out.push(rest.to_string());
                    break;
                }
                let start = rest
                    .rfind(is_space)
                    .map(|i| i + rest[i..].chars().next().map_or(1, char::len_utf8))
                    .unwrap_or(0);
                out.push(rest[start..].to_string());
                rest = rest[..start].trim_end_matches(is_space);
            }
            out
        }
        Some("") => return Err(vm.value_error("empty separator")),
        Some(sep) => s
            .rsplitn(limit.saturating_add(1), sep)
            .map(String::from)
            .collect(),
    };
    parts.reverse();
    Ok(ops::new_list(
        parts.into_iter().map(|p| vm.new_str(p)).collect(),
    ))
}

/// CPython's whitespace: Rust's, and the separators U+001C..U+001F.
fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1C}'..='\u{1F}').contains(&c)
}

/// CPython's letters (categories L*): Rust's alphabetic chars less the
/// numbers (`Ⅻ`), marks (vowel signs) and circled letters it also counts.
fn is_alpha(c: char) -> bool {
    c.is_alphabetic()
        && !c.is_numeric()
        && !unicode_normalization::char::is_combining_mark(c)
        && !matches!(
            c,
            '\u{24B6}'..='\u{24E9}'
                | '\u{1F130}'..='\u{1F149}'
                | '\u{1F150}'..='\u{1F169}'
                | '\u{1F170}'..='\u{1F189}'
        )
}

/// Case that applies to a char: upper, lower or title.
fn is_cased(c: char) -> bool {
    c.is_uppercase() || c.is_lowercase() || is_titlecase(c)
}

/// Calls `f` with each char of `s` and its lower case in context, as
/// `str.lower` gives it (a word-final `Σ` becomes `ς`).
fn each_lower(s: &str, mut f: impl FnMut(char, &[char])) {
    let lowered: Vec<char> = s.to_lowercase().chars().collect();
    let mut at = 0;
    for c in s.chars() {
        let n = if c == 'Σ' {
            1
        } else {
            c.to_lowercase().count()
        };
        f(c, &lowered[at..at + n]);
        at += n;
    }
}

/// Appends the title case of `c` (full mapping): upper case, except for
/// the digraphs (`ǆ` -> `ǅ`), Georgian, multi-char upper cases (`ß` ->
/// `Ss`, `ﬁ` -> `Fi`) and Greek with ypogegrammeni (`ᾀ` -> `ᾈ`).
fn push_title(out: &mut String, c: char) {
    let title = match c {
        '\u{1C4}'..='\u{1C6}' => '\u{1C5}',
        '\u{1C7}'..='\u{1C9}' => '\u{1C8}',
        '\u{1CA}'..='\u{1CC}' => '\u{1CB}',
        '\u{1F1}'..='\u{1F3}' => '\u{1F2}',
        '\u{10D0}'..='\u{10FA}' | '\u{10FD}'..='\u{10FF}' => c,
        'ŉ' => return out.push_str("ʼN"),
        c if is_titlecase(c) => c,
        _ => {
            let upper: Vec<char> = c.to_uppercase().collect();
            match upper.as_slice() {
                [u] => *u,
                [.., 'Ι'] if ('\u{1F80}'..='\u{1FFF}').contains(&c) => {
                    let code = match c as u32 {
                        0x1F80..=0x1FAF => c as u32 + 8,
                        0x1FB3 | 0x1FC3 | 0x1FF3 => c as u32 + 9,
                        _ => {
                            out.extend(&upper[..upper.len() - 1]);
                            return out.push('\u{345}');
                        }
                    };
                    char::from_u32(code).unwrap_or(c)
                }
                [first, rest @ ..] => {
                    out.push(*first);
                    return out.extend(rest.iter().flat_map(|r| r.to_lowercase()));
                }
                [] => c,
            }
        }
    };
    out.push(title);
}

fn str_swapcase<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_args(vm, "swapcase", &args)?;
    let mut out = String::new();
    each_lower(recv_str(vm, &args)?, |c, lower| {
        if c.is_uppercase() {
            out.extend(lower);
        } else if c.is_lowercase() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    });
    Ok(vm.new_str(out))
}

fn str_removeprefix<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "removeprefix", &args, 2, 2)?;
    let p = str_arg(vm, &args, 1, "removeprefix")?;
    let s = recv_str(vm, &args)?;
    Ok(vm.new_str(s.strip_prefix(p).unwrap_or(s)))
}

fn str_removesuffix<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "removesuffix", &args, 2, 2)?;
    let p = str_arg(vm, &args, 1, "removesuffix")?;
    let s = recv_str(vm, &args)?;
    Ok(vm.new_str(if p.is_empty() {
        s
    } else {
        s.strip_suffix(p).unwrap_or(s)
    }))
}

fn str_splitlines<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let keep_kw = args.take_kw("keepends");
    arity(vm, "splitlines", &args, 1, 2 - keep_kw.is_some() as usize)?;
    let keep = match keep_kw.as_ref().or(args.pos.get(1)) {
        Some(v) => ops::truthy(vm, v)?,
        None => false,
    };
    let s = recv_str(vm, &args)?;
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        // CPython's line boundaries, `\r\n` counting as one.
        let eol = match c {
            '\r' if chars.peek().is_some_and(|&(_, n)| n == '\n') => {
                chars.next();
                2
            }
            '\n'
            | '\r'
            | '\u{B}'
            | '\u{C}'
            | '\u{1C}'..='\u{1E}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}' => c.len_utf8(),
            _ => continue,
        };
        let end = if keep { i + eol } else { i };
        out.push(s[start..end].to_string());
        start = i + eol;
    }
    if start < s.len() {
        out.push(s[start..].to_string());
    }
    Ok(ops::new_list(
        out.into_iter().map(|p| vm.new_str(p)).collect(),
    ))
}

fn str_format<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let kw = std::mem::take(&mut args.kw);
    let template = recv_str(vm, &args)?.to_string();
    let text = crate::fmt::str_format(vm, &template, &args.pos[1..], &kw)?;
    Ok(vm.new_str(text))
}

/// A str predicate over cased/alphabetic characters.
fn str_pred<S: LockStrategy>(
    vm: &mut Vm<S>,
    args: Args<S>,
    name: &str,
    f: fn(&str) -> bool,
) -> PyResult<S> {
    no_args(vm, name, &args)?;
    Ok(Value::Bool(f(recv_str(vm, &args)?)))
}

fn str_islower<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    str_pred(vm, args, "islower", |s| {
        s.chars().any(|c| c.is_lowercase()) && !s.chars().any(|c| c.is_uppercase())
    })
}

fn str_isupper<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    str_pred(vm, args, "isupper", |s| {
        s.chars().any(|c| c.is_uppercase()) && !s.chars().any(|c| c.is_lowercase())
    })
}

fn str_isalpha<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    str_pred(vm, args, "isalpha", |s| {
        !s.is_empty() && s.chars().all(is_alpha)
    })
}

fn str_isalnum<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    str_pred(vm, args, "isalnum", |s| {
        !s.is_empty() && s.chars().all(is_alnum)
    })
}

/// CPython's `Py_UNICODE_ISALNUM` (a letter or a number; what `\w`
/// matches besides `_`).
pub(crate) fn is_alnum(c: char) -> bool {
    is_alpha(c) || is_numeric(c)
}

fn str_isspace<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    str_pred(vm, args, "isspace", |s| {
        !s.is_empty() && s.chars().all(is_space)
    })
}

fn str_title<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_args(vm, "title", &args)?;
    let mut out = String::new();
    let mut prev_cased = false;
    each_lower(recv_str(vm, &args)?, |c, lower| {
        if prev_cased {
            out.extend(lower);
        } else {
            push_title(&mut out, c);
        }
        prev_cased = is_cased(c);
    });
    Ok(vm.new_str(out))
}

fn str_capitalize<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_args(vm, "capitalize", &args)?;
    let mut out = String::new();
    let mut first = true;
    each_lower(recv_str(vm, &args)?, |c, lower| {
        if first {
            push_title(&mut out, c);
            first = false;
        } else {
            out.extend(lower);
        }
    });
    Ok(vm.new_str(out))
}

fn str_zfill<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "zfill", &args, 2, 2)?;
    let width = ops::expect_int(vm, &args.pos[1])?.max(0) as usize;
    let s = recv_str(vm, &args)?;
    let n = s.chars().count();
    if n >= width {
        return Ok(vm.new_str(s));
    }
    let (sign, digits) = match s.chars().next() {
        Some(c @ ('+' | '-')) => (c.to_string(), &s[1..]),
        _ => (String::new(), s),
    };
    let mut out = crate::alloc::padding_buffer(vm, '0', width - n, sign.len() + digits.len())?;
    out.push_str(&sign);
    crate::alloc::push_fill(vm, &mut out, '0', width - n)?;
    out.push_str(digits);
    Ok(vm.new_str(out))
}

/// `center`, `ljust`, `rjust`: pad to a width with a fill character.
fn justify<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>, name: &str, align: char) -> PyResult<S> {
    arity(vm, name, &args, 2, 3)?;
    let width = ops::expect_int(vm, &args.pos[1])?.max(0) as usize;
    let fill = match args.pos.get(2) {
        Some(f) => match f.as_str().filter(|s| s.chars().count() == 1) {
            Some(s) => s.chars().next().expect("one char"),
            None => {
                return Err(vm.type_error("The fill character must be exactly one character long"))
            }
        },
        None => ' ',
    };
    let s = recv_str(vm, &args)?;
    let n = s.chars().count();
    if n >= width {
        return Ok(vm.new_str(s));
    }
    let total = width - n;
    let (left, right) = match align {
        '<' => (0, total),
        '>' => (total, 0),
        // CPython's center puts the extra space on the right unless the
        // string length and width make it go left.
        _ => {
            let left = total / 2 + (total & width & 1);
            (left, total - left)
        }
    };
    let mut out = crate::alloc::padding_buffer(vm, fill, total, s.len())?;
    crate::alloc::push_fill(vm, &mut out, fill, left)?;
    out.push_str(s);
    crate::alloc::push_fill(vm, &mut out, fill, right)?;
    Ok(vm.new_str(out))
}

fn str_center<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    justify(vm, args, "center", '^')
}

fn str_ljust<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    justify(vm, args, "ljust", '<')
}

fn str_rjust<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    justify(vm, args, "rjust", '>')
}

/// A `start`/`end` argument of a str search method: an int, None or
/// absent.
pub(crate) fn index_arg<S: LockStrategy>(
    vm: &Vm<S>,
    v: Option<&Value<S>>,
) -> PyResult<S, Option<i64>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Int(i)) => Ok(Some(*i)),
        Some(Value::Bool(b)) => Ok(Some(*b as i64)),
        Some(v @ Value::Obj(o)) if matches!(o.payload(), Payload::BigInt(_)) => {
            let big = ops::to_big(v).expect("int");
            Ok(Some(if big.sign() == num_bigint::Sign::Minus {
                i64::MIN / 2
            } else {
                i64::MAX / 2
            }))
        }
        Some(_) => {
            Err(vm.type_error("slice indices must be integers or None or have an __index__ method"))
        }
    }
}

/// The `[start:end]` window of a str method's receiver, as a char offset
/// and the text of the window; `None` where `start` lies past `end` (then
/// CPython finds nothing, not even the empty string).
fn window<'a, S: LockStrategy>(
    vm: &mut Vm<S>,
    args: &'a Args<S>,
    from: usize,
) -> PyResult<S, Option<(usize, &'a str)>> {
    let s = recv_str(vm, args)?;
    let n = s.chars().count() as i64;
    let adjust = |i: i64| if i < 0 { (i + n).max(0) } else { i };
    let start = adjust(index_arg(vm, args.pos.get(from))?.unwrap_or(0));
    let end = adjust(index_arg(vm, args.pos.get(from + 1))?.unwrap_or(n)).min(n);
    if start > end {
        return Ok(None);
    }
    let byte = |c: i64| {
        s.char_indices()
            .nth(c as usize)
            .map(|(b, _)| b)
            .unwrap_or(s.len())
    };
    Ok(Some((start as usize, &s[byte(start)..byte(end)])))
}

/// The substring argument of `find`, `count`...: CPython's TypeError for
/// anything but a str.
fn sub_arg<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>) -> PyResult<S, String> {
    v.as_str()
        .map(String::from)
        .ok_or_else(|| vm.type_error(format!("must be str, not {}", type_name(v))))
}

/// `find`/`rfind`/`index`/`rindex`: the char index of `sub` within
/// `[start:end]`, searching from the right when `rev`.
fn search<S: LockStrategy>(
    vm: &mut Vm<S>,
    args: &Args<S>,
    name: &str,
    rev: bool,
) -> PyResult<S, Option<i64>> {
    arity(vm, name, args, 2, 4)?;
    let sub = sub_arg(vm, &args.pos[1])?;
    let Some((offset, s)) = window(vm, args, 2)? else {
        return Ok(None);
    };
    let found = if rev { s.rfind(&sub) } else { s.find(&sub) };
    Ok(found.map(|byte| (offset + s[..byte].chars().count()) as i64))
}

fn str_find<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    Ok(Value::Int(search(vm, &args, "find", false)?.unwrap_or(-1)))
}

fn str_rfind<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    Ok(Value::Int(search(vm, &args, "rfind", true)?.unwrap_or(-1)))
}

fn str_index<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    match search(vm, &args, "index", false)? {
        Some(i) => Ok(Value::Int(i)),
        None => Err(vm.value_error("substring not found")),
    }
}

fn str_rindex<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    match search(vm, &args, "rindex", true)? {
        Some(i) => Ok(Value::Int(i)),
        None => Err(vm.value_error("substring not found")),
    }
}

fn str_count<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "count", &args, 2, 4)?;
    let sub = sub_arg(vm, &args.pos[1])?;
    let Some((_, s)) = window(vm, &args, 2)? else {
        return Ok(Value::Int(0));
    };
    Ok(Value::Int(if sub.is_empty() {
        s.chars().count() as i64 + 1
    } else {
        s.matches(sub.as_str()).count() as i64
    }))
}

/// `startswith`/`endswith`: a str or tuple of str, within `[start:end]`.
/// A tuple's items are checked as CPython does, up to the first match.
fn affix_match<S: LockStrategy>(
    vm: &mut Vm<S>,
    args: Args<S>,
    name: &str,
    start: bool,
) -> PyResult<S> {
    arity(vm, name, &args, 2, 4)?;
    let win = window(vm, &args, 2)?;
    let arg = &args.pos[1];
    let (items, in_tuple) = match arg.payload() {
        Some(Payload::Tuple(t)) => (t.to_vec(), true),
        _ => (vec![arg.clone()], false),
    };
    for item in &items {
        let Some(p) = item.as_str() else {
            return Err(vm.type_error(if in_tuple {
                format!(
                    "tuple for {name} must only contain str, not {}",
                    type_name(item)
                )
            } else {
                format!(
                    "{name} first arg must be str or a tuple of str, not {}",
                    type_name(item)
                )
            }));
        };
        let hit = win.is_some_and(|(_, s)| {
            if start {
                s.starts_with(p)
            } else {
                s.ends_with(p)
            }
        });
        if hit {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn str_startswith<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    affix_match(vm, args, "startswith", true)
}

fn str_endswith<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    affix_match(vm, args, "endswith", false)
}

/// CPython's message for a str method that takes no arguments.
fn no_args<S: LockStrategy>(vm: &Vm<S>, name: &str, args: &Args<S>) -> PyResult<S, ()> {
    if !args.kw.is_empty() {
        return Err(vm.type_error(format!("str.{name}() takes no keyword arguments")));
    }
    match args.pos.len() {
        1 => Ok(()),
        n => Err(vm.type_error(format!("str.{name}() takes no arguments ({} given)", n - 1))),
    }
}

// Numeric character classes of Unicode 14.0 (CPython 3.11's), where Rust's
// `char::is_numeric` (any of Nd, Nl, No) is too coarse.

/// The zero of every run of ten decimal digits (category Nd).
const DECIMAL_ZEROS: [u32; 66] = [
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50,
    0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
];

/// Digits that are not decimal (superscripts, circled digits...).
const DIGIT_RANGES: [(u32, u32); 20] = [
    (0xB2, 0xB3),
    (0xB9, 0xB9),
    (0x1369, 0x1371),
    (0x19DA, 0x19DA),
    (0x2070, 0x2070),
    (0x2074, 0x2079),
    (0x2080, 0x2089),
    (0x2460, 0x2468),
    (0x2474, 0x247C),
    (0x2488, 0x2490),
    (0x24EA, 0x24EA),
    (0x24F5, 0x24FD),
    (0x24FF, 0x24FF),
    (0x2776, 0x277E),
    (0x2780, 0x2788),
    (0x278A, 0x2792),
    (0x10A40, 0x10A43),
    (0x10E60, 0x10E68),
    (0x11052, 0x1105A),
    (0x1F100, 0x1F10A),
];

/// Han ideographs with a numeric value (category Lo, so not
/// `char::is_numeric`): 一, 二, 三, 十, 百...
const NUMERIC_HAN: [u32; 81] = [
    0x3405, 0x3483, 0x382A, 0x3B4D, 0x4E00, 0x4E03, 0x4E07, 0x4E09, 0x4E5D, 0x4E8C, 0x4E94, 0x4E96,
    0x4EBF, 0x4EC0, 0x4EDF, 0x4EE8, 0x4F0D, 0x4F70, 0x5104, 0x5146, 0x5169, 0x516B, 0x516D, 0x5341,
    0x5343, 0x5344, 0x5345, 0x534C, 0x53C1, 0x53C2, 0x53C3, 0x53C4, 0x56DB, 0x58F1, 0x58F9, 0x5E7A,
    0x5EFE, 0x5EFF, 0x5F0C, 0x5F0D, 0x5F0E, 0x5F10, 0x62FE, 0x634C, 0x67D2, 0x6F06, 0x7396, 0x767E,
    0x8086, 0x842C, 0x8CAE, 0x8CB3, 0x8D30, 0x9621, 0x9646, 0x964C, 0x9678, 0x96F6, 0xF96B, 0xF973,
    0xF978, 0xF9B2, 0xF9D1, 0xF9D3, 0xF9FD, 0x20001, 0x20064, 0x200E2, 0x20121, 0x2092A, 0x20983,
    0x2098C, 0x2099C, 0x20AEA, 0x20AFD, 0x20B19, 0x22390, 0x22998, 0x23B1B, 0x2626D, 0x2F890,
];

pub(crate) fn is_decimal(c: char) -> bool {
    decimal_value(c).is_some()
}

/// `s` with decimal digits of every script replaced by ASCII ones, as
/// `int()` and `float()` read numbers (`'٣٤'` is 34).
pub fn ascii_digits(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_ascii() {
        return std::borrow::Cow::Borrowed(s);
    }
    s.chars()
        .map(|c| {
            decimal_value(c)
                .and_then(|d| char::from_digit(d, 10))
                .unwrap_or(c)
        })
        .collect()
}

/// The value of a decimal digit of any script (`'٣'` is 3), as `int()` and
/// `float()` read them.
pub fn decimal_value(c: char) -> Option<u32> {
    let c = c as u32;
    let zero = match DECIMAL_ZEROS.binary_search(&c) {
        Ok(i) => DECIMAL_ZEROS[i],
        Err(0) => return None,
        Err(i) => DECIMAL_ZEROS[i - 1],
    };
    Some(c - zero).filter(|d| *d < 10)
}

fn is_digit(c: char) -> bool {
    is_decimal(c)
        || DIGIT_RANGES
            .iter()
            .any(|&(lo, hi)| (lo..=hi).contains(&(c as u32)))
}

fn is_numeric(c: char) -> bool {
    c.is_numeric() || NUMERIC_HAN.binary_search(&(c as u32)).is_ok()
}

/// Category Lt: the digraphs `ǅ`, `ǈ`, `ǋ`, `ǲ` and the Greek capitals with
/// prosgegrammeni.
fn is_titlecase(c: char) -> bool {
    matches!(
        c,
        '\u{1C5}'
            | '\u{1C8}'
            | '\u{1CB}'
            | '\u{1F2}'
            | '\u{1F88}'..='\u{1F8F}'
            | '\u{1F98}'..='\u{1F9F}'
            | '\u{1FA8}'..='\u{1FAF}'
            | '\u{1FBC}'
            | '\u{1FCC}'
            | '\u{1FFC}'
    )
}

fn all_chars<S: LockStrategy>(
    vm: &mut Vm<S>,
    args: Args<S>,
    name: &str,
    f: fn(char) -> bool,
) -> PyResult<S> {
    no_args(vm, name, &args)?;
    let s = recv_str(vm, &args)?;
    Ok(Value::Bool(!s.is_empty() && s.chars().all(f)))
}

fn str_isdigit<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    all_chars(vm, args, "isdigit", is_digit)
}

fn str_isdecimal<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    all_chars(vm, args, "isdecimal", is_decimal)
}

fn str_isnumeric<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    all_chars(vm, args, "isnumeric", is_numeric)
}

/// CPython's `Py_UNICODE_ISPRINTABLE`: everything but the categories
/// "Other" (Cc, Cf, Cs, Co, Cn) and "Separator" (Zl, Zp, Zs), except the
/// space itself. `repr` escapes the characters that are not printable.
pub fn is_printable(c: char) -> bool {
    use unicode_general_category::{get_general_category, GeneralCategory as G};
    if c == ' ' {
        return true;
    }
    !matches!(
        get_general_category(c),
        G::Control
            | G::Format
            | G::Surrogate
            | G::PrivateUse
            | G::Unassigned
            | G::LineSeparator
            | G::ParagraphSeparator
            | G::SpaceSeparator
    )
}

fn str_isprintable<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    str_pred(vm, args, "isprintable", |s| s.chars().all(is_printable))
}

fn str_isascii<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_args(vm, "isascii", &args)?;
    Ok(Value::Bool(recv_str(vm, &args)?.is_ascii()))
}

fn str_istitle<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    str_pred(vm, args, "istitle", |s| {
        // Upper and title case only after uncased characters, lower case
        // only after cased ones, and at least one cased character.
        let (mut cased, mut prev_cased) = (false, false);
        for c in s.chars() {
            if c.is_uppercase() || is_titlecase(c) {
                if prev_cased {
                    return false;
                }
                (cased, prev_cased) = (true, true);
            } else if c.is_lowercase() {
                if !prev_cased {
                    return false;
                }
                (cased, prev_cased) = (true, true);
            } else {
                prev_cased = false;
            }
        }
        cased
    })
}

fn str_isidentifier<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    str_pred(vm, args, "isidentifier", |s| {
        let mut chars = s.chars();
        chars
            .next()
            .is_some_and(|c| c == '_' || unicode_ident::is_xid_start(c))
            && chars.all(unicode_ident::is_xid_continue)
    })
}

/// `casefold`: full case folding. Lowercasing and then mapping each char
/// through upper and lower case again gives it (`ß` -> `ss`, `ſ` -> `s`,
/// `ς` -> `σ`) but for the dotless `ı`, which folds to itself, and
/// Cherokee, which folds to upper case.
fn str_casefold<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_args(vm, "casefold", &args)?;
    let mut out = String::new();
    for c in recv_str(vm, &args)?.chars() {
        match c {
            'ı' => out.push(c),
            '\u{13A0}'..='\u{13F5}' | '\u{13F8}'..='\u{13FD}' | '\u{AB70}'..='\u{ABBF}' => {
                out.extend(c.to_uppercase())
            }
            _ => out.extend(
                c.to_lowercase()
                    .flat_map(char::to_uppercase)
                    .flat_map(char::to_lowercase),
            ),
        }
    }
    Ok(vm.new_str(out))
}

fn str_expandtabs<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    // CPython's argument clinic: at most one argument, named `tabsize`.
    let given = args.pos.len() - 1 + args.kw.len();
    if given > 1 {
        return Err(vm.type_error(format!(
            "expandtabs() takes at most 1 {}argument ({given} given)",
            if args.pos.len() == 1 { "keyword " } else { "" }
        )));
    }
    let kw = args.take_kw("tabsize");
    if let Some((k, _)) = args.kw.first() {
        return Err(vm.type_error(format!(
            "'{k}' is an invalid keyword argument for expandtabs()"
        )));
    }
    let tabsize = match kw.as_ref().or(args.pos.get(1)) {
        // A C int in CPython.
        Some(v) if matches!(v.payload(), Some(Payload::BigInt(_))) => None,
        Some(v) => i32::try_from(ops::expect_int(vm, v)?).ok(),
        None => Some(8),
    };
    let Some(tabsize) = tabsize.map(i64::from) else {
        return Err(vm.new_error("OverflowError", "Python int too large to convert to C int"));
    };
    let mut out = String::new();
    let mut col: i64 = 0;
    for c in recv_str(vm, &args)?.chars() {
        match c {
            '\t' => {
                if tabsize > 0 {
                    let n = tabsize - col % tabsize;
                    crate::alloc::push_fill(vm, &mut out, ' ', n as usize)?;
                    col += n;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    Ok(vm.new_str(out))
}

/// `str.maketrans(x[, y[, z]])`, a static method: the table for
/// `translate`, mapping ordinals to ordinals, strs or None.
pub(crate) fn str_maketrans<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    if !args.kw.is_empty() {
        return Err(vm.type_error("str.maketrans() takes no keyword arguments"));
    }
    arity(vm, "maketrans", &args, 1, 3)?;
    let table = ops::new_dict();
    let target = table.obj().expect("dict").clone();
    if args.pos.len() == 1 {
        if !matches!(args.pos[0].payload(), Some(Payload::Dict(_))) {
            return Err(
                vm.type_error("if you give only one argument to maketrans it must be a dict")
            );
        }
        for (k, v) in ops::dict_items(&args.pos[0]) {
            let key = match (&k, k.as_str()) {
                (_, Some(s)) => {
                    let mut chars = s.chars();
                    match (chars.next(), chars.next()) {
                        (Some(c), None) => Value::Int(c as i64),
                        _ => {
                            return Err(vm
                                .value_error("string keys in translate table must be of length 1"))
                        }
                    }
                }
                (Value::Int(_) | Value::Bool(_), _) => k.clone(),
                (Value::Obj(o), _) if matches!(o.payload(), Payload::BigInt(_)) => k.clone(),
                _ => {
                    return Err(vm.type_error("keys in translate table must be strings or integers"))
                }
            };
            ops::dict_set(vm, &target, key, v)?;
        }
        return Ok(table);
    }
    let must_be_str = |vm: &Vm<S>, i: usize| -> PyResult<S, Vec<char>> {
        let v = &args.pos[i];
        v.as_str().map(|s| s.chars().collect()).ok_or_else(|| {
            vm.type_error(format!(
                "maketrans() argument {} must be str, not {}",
                i + 1,
                if matches!(v, Value::None) {
                    "None".to_string()
                } else {
                    type_name(v)
                }
            ))
        })
    };
    let to = must_be_str(vm, 1)?;
    let delete = match args.pos.len() {
        3 => must_be_str(vm, 2)?,
        _ => Vec::new(),
    };
    let Some(from) = args.pos[0].as_str().map(|s| s.chars().collect::<Vec<_>>()) else {
        return Err(vm.type_error(
            "first maketrans argument must be a string if there is a second argument",
        ));
    };
    if from.len() != to.len() {
        return Err(vm.value_error("the first two maketrans arguments must have equal length"));
    }
    for (a, b) in from.into_iter().zip(to) {
        ops::dict_set(vm, &target, Value::Int(a as i64), Value::Int(b as i64))?;
    }
    for c in delete {
        ops::dict_set(vm, &target, Value::Int(c as i64), Value::None)?;
    }
    Ok(table)
}

/// `translate(table)`: each char through `table[ord(c)]`; a LookupError
/// keeps the char, None deletes it.
fn str_translate<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    if !args.kw.is_empty() {
        return Err(vm.type_error("str.translate() takes no keyword arguments"));
    }
    if args.pos.len() != 2 {
        return Err(vm.type_error(format!(
            "str.translate() takes exactly one argument ({} given)",
            args.pos.len() - 1
        )));
    }
    let table = &args.pos[1];
    let lookup_error = vm.interp.exceptions["LookupError"].clone();
    let mut out = String::new();
    for c in recv_str(vm, &args)?.chars() {
        let mapped = match ops::get_item(vm, table, &Value::Int(c as i64)) {
            Ok(v) => v,
            Err(e) => {
                let class = crate::builtins::type_of(vm, &Value::Obj(e.exc.clone()));
                if crate::builtins::is_subtype(&class, &lookup_error) {
                    out.push(c);
                    continue;
                }
                return Err(e);
            }
        };
        match &mapped {
            Value::None => {}
            Value::Int(_) | Value::Bool(_) => {
                let i = ops::expect_int(vm, &mapped)?;
                match u32::try_from(i).ok().and_then(char::from_u32) {
                    Some(m) => out.push(m),
                    None => {
                        return Err(vm.value_error("character mapping must be in range(0x110000)"))
                    }
                }
            }
            Value::Obj(o) if matches!(o.payload(), Payload::BigInt(_)) => {
                return Err(vm.value_error("character mapping must be in range(0x110000)"))
            }
            v => match v.as_str() {
                Some(s) => out.push_str(s),
                None => {
                    return Err(vm.type_error("character mapping must return integer, None or str"))
                }
            },
        }
    }
    Ok(vm.new_str(out))
}
