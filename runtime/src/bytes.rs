//! Methods of `bytes` (and `str.encode`), with CPython's error messages.

use crate::builtins::arity;
use crate::object::{NativeFn, ObjRef, Payload, TypeKind, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};

fn new_bytes<S: LockStrategy>(b: Vec<u8>) -> Value<S> {
    Value::Obj(ObjRef::new(Payload::Bytes(b.into_boxed_slice())))
}

fn bytes_of<S: LockStrategy>(v: &Value<S>) -> Option<&[u8]> {
    match v.payload() {
        Some(Payload::Bytes(b)) => Some(b),
        _ => None,
    }
}

/// The bytes argument of a search method, or CPython's `TypeError`.
fn needle<'a, S: LockStrategy>(vm: &Vm<S>, v: &'a Value<S>) -> PyResult<S, &'a [u8]> {
    bytes_of(v).ok_or_else(|| {
        vm.type_error(format!(
            "argument should be integer or bytes-like object, not '{}'",
            ops::type_name(v)
        ))
    })
}

fn find_at(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

pub fn methods<S: LockStrategy>() -> Vec<(TypeKind, &'static str, NativeFn<S>)> {
    vec![
        (TypeKind::Bytes, "join", bytes_join as NativeFn<S>),
        (TypeKind::Bytes, "decode", bytes_decode),
        (TypeKind::Bytes, "hex", bytes_hex),
        (TypeKind::Bytes, "startswith", bytes_startswith),
        (TypeKind::Bytes, "endswith", bytes_endswith),
        (TypeKind::Bytes, "find", bytes_find),
        (TypeKind::Bytes, "count", bytes_count),
        (TypeKind::Bytes, "upper", bytes_upper),
        (TypeKind::Bytes, "lower", bytes_lower),
        (TypeKind::Bytes, "replace", bytes_replace),
        (TypeKind::Bytes, "strip", bytes_strip),
        (TypeKind::Bytes, "split", bytes_split),
        (TypeKind::Str, "encode", str_encode),
    ]
}

fn recv<S: LockStrategy>(args: &Args<S>) -> Vec<u8> {
    bytes_of(&args.pos[0]).unwrap_or_default().to_vec()
}

fn bytes_join<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "join", &args, 2, 2)?;
    let sep = recv(&args);
    let mut out = Vec::new();
    for (i, item) in ops::iterate(vm, &args.pos[1])?.iter().enumerate() {
        let Some(b) = bytes_of(item) else {
            return Err(vm.type_error(format!(
                "sequence item {i}: expected a bytes-like object, {} found",
                ops::type_name(item)
            )));
        };
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        out.extend_from_slice(b);
    }
    Ok(new_bytes(out))
}

fn check_utf8<S: LockStrategy>(vm: &Vm<S>, args: &Args<S>, what: &str) -> PyResult<S, ()> {
    if let Some(enc) = args.pos.get(1) {
        let Some(e) = enc.as_str() else {
            return Err(vm.type_error(format!(
                "{what}() argument 'encoding' must be str, not {}",
                ops::type_name(enc)
            )));
        };
        let norm = e.to_ascii_lowercase().replace(['-', '_'], "");
        if norm != "utf8" {
            return Err(vm.value_error(format!("unsupported encoding: {e}")));
        }
    }
    Ok(())
}

fn bytes_decode<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "decode", &args, 1, 3)?;
    check_utf8(vm, &args, "decode")?;
    let b = recv(&args);
    match std::str::from_utf8(&b) {
        Ok(s) => Ok(vm.new_str(s)),
        Err(e) => {
            let pos = e.valid_up_to();
            let reason = match e.error_len() {
                None => "unexpected end of data",
                Some(_) if b[pos] >= 0x80 && b[pos] < 0xc2 || b[pos] > 0xf4 => "invalid start byte",
                Some(_) => "invalid continuation byte",
            };
            let msg = format!(
                "'utf-8' codec can't decode byte {:#04x} in position {pos}: {reason}",
                b[pos]
            );
            Err(vm.new_error("UnicodeDecodeError", msg))
        }
    }
}

fn str_encode<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "encode", &args, 1, 3)?;
    check_utf8(vm, &args, "encode")?;
    let s = args.pos[0].as_str().unwrap_or_default().as_bytes().to_vec();
    Ok(new_bytes(s))
}

fn bytes_hex<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "hex", &args, 1, 1)?;
    let s: String = recv(&args).iter().map(|b| format!("{b:02x}")).collect();
    Ok(vm.new_str(s))
}

fn affix<S: LockStrategy>(vm: &mut Vm<S>, args: &Args<S>, name: &str, start: bool) -> PyResult<S> {
    arity(vm, name, args, 2, 2)?;
    let b = recv(args);
    let cands: Vec<Value<S>> = match args.pos[1].payload() {
        Some(Payload::Tuple(t)) => t.to_vec(),
        _ => vec![args.pos[1].clone()],
    };
    for c in &cands {
        let Some(p) = bytes_of(c) else {
            return Err(vm.type_error(format!(
                "{name} first arg must be bytes or a tuple of bytes, not {}",
                ops::type_name(c)
            )));
        };
        if (start && b.starts_with(p)) || (!start && b.ends_with(p)) {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn bytes_startswith<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    affix(vm, &args, "startswith", true)
}

fn bytes_endswith<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    affix(vm, &args, "endswith", false)
}

fn bytes_find<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "find", &args, 2, 2)?;
    let b = recv(&args);
    let n = needle(vm, &args.pos[1])?;
    Ok(Value::Int(find_at(&b, n).map_or(-1, |i| i as i64)))
}

fn bytes_count<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "count", &args, 2, 2)?;
    let b = recv(&args);
    let n = needle(vm, &args.pos[1])?;
    if n.is_empty() {
        return Ok(Value::Int(b.len() as i64 + 1));
    }
    let (mut count, mut at) = (0, 0);
    while let Some(i) = find_at(&b[at..], n) {
        count += 1;
        at += i + n.len();
    }
    Ok(Value::Int(count))
}

fn bytes_upper<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "upper", &args, 1, 1)?;
    Ok(new_bytes(recv(&args).to_ascii_uppercase()))
}

fn bytes_lower<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "lower", &args, 1, 1)?;
    Ok(new_bytes(recv(&args).to_ascii_lowercase()))
}

fn bytes_replace<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "replace", &args, 3, 3)?;
    let b = recv(&args);
    let old = needle(vm, &args.pos[1])?.to_vec();
    let new = needle(vm, &args.pos[2])?.to_vec();
    let mut out = Vec::new();
    if old.is_empty() {
        for &c in &b {
            out.extend_from_slice(&new);
            out.push(c);
        }
        out.extend_from_slice(&new);
        return Ok(new_bytes(out));
    }
    let mut at = 0;
    while let Some(i) = find_at(&b[at..], &old) {
        out.extend_from_slice(&b[at..at + i]);
        out.extend_from_slice(&new);
        at += i + old.len();
    }
    out.extend_from_slice(&b[at..]);
    Ok(new_bytes(out))
}

fn bytes_strip<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "strip", &args, 1, 2)?;
    let b = recv(&args);
    let chars: Vec<u8> = match args.pos.get(1) {
        None | Some(Value::None) => b" \t\n\r\x0b\x0c".to_vec(),
        Some(v) => match bytes_of(v) {
            Some(c) => c.to_vec(),
            None => {
                return Err(vm.type_error(format!(
                    "a bytes-like object is required, not '{}'",
                    ops::type_name(v)
                )))
            }
        },
    };
    let start = b.iter().position(|c| !chars.contains(c)).unwrap_or(b.len());
    let end = b
        .iter()
        .rposition(|c| !chars.contains(c))
        .map_or(start, |i| i + 1);
    Ok(new_bytes(b[start..end.max(start)].to_vec()))
}

fn bytes_split<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "split", &args, 1, 2)?;
    let b = recv(&args);
    let parts: Vec<Vec<u8>> = match args.pos.get(1) {
        None | Some(Value::None) => b
            .split(|c| b" \t\n\r\x0b\x0c".contains(c))
            .filter(|p| !p.is_empty())
            .map(<[u8]>::to_vec)
            .collect(),
        Some(v) => {
            let Some(sep) = bytes_of(v) else {
                return Err(vm.type_error(format!(
                    "a bytes-like object is required, not '{}'",
                    ops::type_name(v)
                )));
            };
            if sep.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            let mut parts = Vec::new();
            let mut at = 0;
            while let Some(i) = find_at(&b[at..], sep) {
                parts.push(b[at..at + i].to_vec());
                at += i + sep.len();
            }
            parts.push(b[at..].to_vec());
            parts
        }
    };
    Ok(crate::ops::new_list(
        parts.into_iter().map(new_bytes).collect(),
    ))
}
