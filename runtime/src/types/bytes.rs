//! `bytes`: its constructor and methods, as CPython's
//! `Objects/bytesobject.c`, and what it shares with `bytearray`
//! (CPython's `Objects/bytes_methods.c`).
//!
//! A bytes object is [`Payload::Bytes`], an immutable boxed slice, read
//! without a lock in every mode. The methods here take either a bytes or a
//! bytearray as receiver and return an object of the receiver's type
//! (`bytearray(b'a').upper()` is a bytearray), so `bytearray` registers
//! the same functions. Their arguments take any *bytes-like* object
//! ([`bytes_like`], the buffer protocol of the two types).
//!
//! Encodings: `utf-8`, `ascii` and `latin-1` under their CPython aliases,
//! with the `strict`, `ignore` and `replace` error handlers.

use super::bytearray::ByteArray;
use crate::builtins::arity;
use crate::object::{NativeFn, ObjRef, Payload, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};
use std::borrow::Cow;

/// A new bytes object.
pub fn new_bytes<S: LockStrategy>(b: Vec<u8>) -> Value<S> {
    Value::Obj(ObjRef::new(Payload::Bytes(b.into_boxed_slice())))
}

/// The contents of a bytes-like object (bytes, bytearray, an instance of a
/// subclass of either, a memoryview, or an `array.array`'s machine bytes):
/// a bytes object's own slice, a copy of a bytearray's or an array's taken
/// under its lock. `None` for anything else.
pub fn bytes_like<S: LockStrategy>(v: &Value<S>) -> Option<Cow<'_, [u8]>> {
    match v.payload()? {
        Payload::Bytes(b) => Some(Cow::Borrowed(b)),
        _ => {
            if let Some(m) = super::downcast::<S, super::memoryview::MemoryView<S>>(v) {
                return m.contents().map(Cow::Owned);
            }
            if let Some(a) = super::downcast::<S, super::array::Array>(v) {
                return Some(Cow::Owned(a.snapshot::<S>(v.obj()?)));
            }
            let ba = super::downcast::<S, ByteArray>(v)?;
            Some(Cow::Owned(ba.snapshot::<S>(v.obj()?)))
        }
    }
}

/// A new object of the receiver's type holding `data`: a bytearray for a
/// bytearray (or subclass) receiver, else bytes.
fn like<S: LockStrategy>(receiver: &Value<S>, data: Vec<u8>) -> Value<S> {
    match super::downcast::<S, ByteArray>(receiver) {
        Some(_) => ByteArray::new(data).into_value(),
        None => new_bytes(data),
    }
}

fn required<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>) -> crate::vm::PyErr<S> {
    vm.type_error(format!(
        "a bytes-like object is required, not '{}'",
        ops::type_name(v)
    ))
}

/// A bytes-like argument, or CPython's TypeError.
fn buffer_arg<'a, S: LockStrategy>(vm: &Vm<S>, v: &'a Value<S>) -> PyResult<S, Cow<'a, [u8]>> {
    bytes_like(v).ok_or_else(|| required(vm, v))
}

/// The value of an int argument that must be one byte (`b.find(97)`,
/// `ba.append(97)`), with CPython's errors.
pub fn byte_value<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, u8> {
    let i = ops::as_index(vm, v)?;
    let n = match &i {
        Value::Int(n) => *n,
        Value::Bool(b) => *b as i64,
        _ if ops::is_int_like(&i) => i64::MAX,
        _ => {
            return Err(vm.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                ops::type_name(v)
            )))
        }
    };
    u8::try_from(n).map_err(|_| vm.value_error("byte must be in range(0, 256)"))
}

/// The needle of a search method: a bytes-like object, or an int that is
/// one byte.
fn needle<'a, S: LockStrategy>(vm: &mut Vm<S>, v: &'a Value<S>) -> PyResult<S, Cow<'a, [u8]>> {
    if let Some(b) = bytes_like(v) {
        return Ok(b);
    }
    if ops::is_int_like(v) || crate::classes::user_class_of(v).is_some() {
        if let Ok(byte) = byte_value(vm, v) {
            return Ok(Cow::Owned(vec![byte]));
        }
        if ops::is_int_like(v) {
            return Err(vm.value_error("byte must be in range(0, 256)"));
        }
    }
    Err(vm.type_error(format!(
        "argument should be integer or bytes-like object, not '{}'",
        ops::type_name(v)
    )))
}

fn find_at(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind_at(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(hay.len());
    }
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// `item in b` for a bytes-like `hay`: an int is a byte, a bytes-like
/// object a run of bytes.
pub fn contains<S: LockStrategy>(vm: &mut Vm<S>, hay: &[u8], item: &Value<S>) -> PyResult<S, bool> {
    if let Some(sub) = bytes_like(item) {
        return Ok(find_at(hay, &sub).is_some());
    }
    if ops::is_int_like(item) || crate::classes::user_class_of(item).is_some() {
        let byte = byte_value(vm, item)?;
        return Ok(hay.contains(&byte));
    }
    Err(required(vm, item))
}

// ---- construction ----

/// The bytes that `bytes(...)` and `bytearray(...)` make from their
/// arguments (`source`, `encoding`, `errors`): nothing, a count of zero
/// bytes, a str encoded, a bytes-like object copied, or an iterable of
/// ints.
pub fn from_source<S: LockStrategy>(
    vm: &mut Vm<S>,
    name: &str,
    mut args: Args<S>,
) -> PyResult<S, Vec<u8>> {
    let kw_source = args.take_kw("source");
    let kw_encoding = args.take_kw("encoding");
    let kw_errors = args.take_kw("errors");
    arity(vm, name, &args, 0, 3)?;
    let mut pos = args.pos.into_iter();
    let source = pos.next().or(kw_source);
    let encoding = pos.next().or(kw_encoding);
    let errors = pos.next().or(kw_errors);
    let Some(source) = source else {
        return match (encoding, errors) {
            (Some(_), _) => Err(vm.type_error("encoding without a string argument")),
            (None, Some(_)) => Err(vm.type_error("errors without a string argument")),
            (None, None) => Ok(Vec::new()),
        };
    };
    if let Some(s) = source.as_str() {
        let Some(encoding) = encoding else {
            return Err(vm.type_error("string argument without an encoding"));
        };
        let encoding = text_arg(vm, name, "encoding", &encoding)?;
        let errors = match errors {
            Some(e) => text_arg(vm, name, "errors", &e)?,
            None => "strict".into(),
        };
        return encode(vm, s, &encoding, &errors);
    }
    if encoding.is_some() {
        return Err(vm.type_error("encoding without a string argument"));
    }
    if errors.is_some() {
        return Err(vm.type_error("errors without a string argument"));
    }
    if let Some(b) = bytes_like(&source) {
        return Ok(b.into_owned());
    }
    if name == "bytes" && crate::classes::user_class_of(&source).is_some() {
        if let Some(r) = crate::classes::call_dunder(vm, &source, "__bytes__", Vec::new())? {
            return match r.payload() {
                Some(Payload::Bytes(b)) => Ok(b.to_vec()),
                _ => Err(vm.type_error(format!(
                    "__bytes__ returned non-bytes (type {})",
                    ops::type_name(&r)
                ))),
            };
        }
    }
    let count = match &source {
        Value::Int(n) => Some(*n),
        Value::Bool(b) => Some(*b as i64),
        v if ops::is_int_like(v) => {
            return Err(vm.new_error(
                "OverflowError",
                "cannot fit 'int' into an index-sized integer",
            ))
        }
        _ => None,
    };
    if let Some(n) = count {
        if n < 0 {
            return Err(vm.value_error("negative count"));
        }
        return crate::alloc::zeroed_bytes(vm, n as usize);
    }
    let items = ops::iterate(vm, &source).map_err(|_| {
        vm.type_error(format!(
            "cannot convert '{}' object to {name}",
            ops::type_name(&source)
        ))
    })?;
    let mut out = Vec::with_capacity(items.len());
    for x in &items {
        if !ops::is_int_like(x) && crate::classes::user_class_of(x).is_none() {
            return Err(vm.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                ops::type_name(x)
            )));
        }
        match byte_value(vm, x) {
            Ok(b) => out.push(b),
            // bytes says "bytes must be", bytearray "byte must be".
            Err(_) if ops::is_int_like(x) && name == "bytes" => {
                return Err(vm.value_error("bytes must be in range(0, 256)"))
            }
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// `bytes(...)`.
fn bytes_new<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    Ok(new_bytes(from_source(vm, "bytes", args)?))
}

/// Calling `bytes`, from the builtins' constructor table.
pub fn construct<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    bytes_new(vm, args)
}

fn text_arg<S: LockStrategy>(
    vm: &Vm<S>,
    func: &str,
    what: &str,
    v: &Value<S>,
) -> PyResult<S, String> {
    v.as_str().map(String::from).ok_or_else(|| {
        vm.type_error(format!(
            "{func}() argument '{what}' must be str, not {}",
            ops::type_name(v)
        ))
    })
}

// ---- codecs ----

#[derive(Clone, Copy, PartialEq, Eq)]
enum Codec {
    Utf8,
    Ascii,
    Latin1,
}

impl Codec {
    /// The codec an encoding name means, by CPython's normalisation
    /// (lower case, `-` and spaces as `_`) and aliases.
    fn named(name: &str) -> Option<Codec> {
        let norm = name.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        match norm.as_str() {
            "utf_8" | "utf8" | "u8" | "utf" | "cp65001" => Some(Codec::Utf8),
            "ascii" | "us_ascii" | "646" => Some(Codec::Ascii),
            "latin_1" | "latin1" | "latin" | "l1" | "iso_8859_1" | "iso8859_1" | "8859"
            | "cp819" | "iso_ir_100" => Some(Codec::Latin1),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
        }
    }

    /// The highest code point the codec encodes in one byte.
    fn limit(self) -> u32 {
        match self {
            Codec::Ascii => 0x7f,
            _ => 0xff,
        }
    }
}

fn codec<S: LockStrategy>(vm: &Vm<S>, name: &str) -> PyResult<S, Codec> {
    Codec::named(name)
        .ok_or_else(|| vm.new_error("LookupError", format!("unknown encoding: {name}")))
}

fn check_handler<S: LockStrategy>(vm: &Vm<S>, errors: &str) -> PyResult<S, ()> {
    match errors {
        // `surrogateescape` (what os.environ and os.fsdecode use) and
        // `surrogatepass` (pickle's) act as `strict`: a str holds no lone
        // surrogates, so it has none to encode, and bytes that CPython
        // would decode to lone surrogates raise the strict error instead.
        "strict" | "ignore" | "replace" | "surrogateescape" | "surrogatepass" => Ok(()),
        _ => Err(vm.new_error(
            "LookupError",
            format!("unknown error handler name '{errors}'"),
        )),
    }
}

/// `s.encode(encoding, errors)`.
pub fn encode<S: LockStrategy>(
    vm: &Vm<S>,
    s: &str,
    encoding: &str,
    errors: &str,
) -> PyResult<S, Vec<u8>> {
    let codec = codec(vm, encoding)?;
    if codec == Codec::Utf8 {
        // A str here is valid UTF-8 (no lone surrogates).
        return Ok(s.as_bytes().to_vec());
    }
    let mut out = Vec::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if (c as u32) <= codec.limit() {
            out.push(c as u32 as u8);
            continue;
        }
        match errors {
            "ignore" => {}
            "replace" => out.push(b'?'),
            _ => {
                check_handler(vm, errors)?;
                // CPython reports the whole run of unencodable characters.
                let run = chars[i..]
                    .iter()
                    .take_while(|&&c| c as u32 > codec.limit())
                    .count();
                let what = if run > 1 {
                    format!("characters in position {i}-{}", i + run - 1)
                } else {
                    let shown = match c as u32 {
                        u @ 0..=0xff => format!("'\\x{u:02x}'"),
                        u @ 0..=0xffff => format!("'\\u{u:04x}'"),
                        u => format!("'\\U{u:08x}'"),
                    };
                    format!("character {shown} in position {i}")
                };
                return Err(vm.new_error(
                    "UnicodeEncodeError",
                    format!(
                        "'{}' codec can't encode {what}: ordinal not in range({})",
                        codec.name(),
                        codec.limit() + 1
                    ),
                ));
            }
        }
    }
    Ok(out)
}

/// `b.decode(encoding, errors)`.
fn decode<S: LockStrategy>(
    vm: &Vm<S>,
    b: &[u8],
    encoding: &str,
    errors: &str,
) -> PyResult<S, String> {
    let codec = codec(vm, encoding)?;
    check_handler(vm, errors)?;
    match codec {
        Codec::Latin1 => Ok(b.iter().map(|&c| c as char).collect()),
        Codec::Ascii => {
            let mut out = String::with_capacity(b.len());
            for (pos, &c) in b.iter().enumerate() {
                match (c < 0x80, errors) {
                    (true, _) => out.push(c as char),
                    (false, "ignore") => {}
                    (false, "replace") => out.push('\u{fffd}'),
                    (false, _) => {
                        return Err(vm.new_error(
                            "UnicodeDecodeError",
                            format!(
                                "'ascii' codec can't decode byte {c:#04x} in position {pos}: ordinal not in range(128)"
                            ),
                        ))
                    }
                }
            }
            Ok(out)
        }
        Codec::Utf8 => match std::str::from_utf8(b) {
            Ok(s) => Ok(s.to_string()),
            Err(_) if errors == "replace" => Ok(String::from_utf8_lossy(b).into_owned()),
            Err(_) if errors == "ignore" => Ok(String::from_utf8_lossy(b).replace('\u{fffd}', "")),
            Err(e) => {
                let pos = e.valid_up_to();
                let reason = match e.error_len() {
                    None => "unexpected end of data",
                    Some(_) if b[pos] >= 0x80 && b[pos] < 0xc2 || b[pos] > 0xf4 => {
                        "invalid start byte"
                    }
                    Some(_) => "invalid continuation byte",
                };
                // A cut or broken sequence of several bytes is reported
                // whole, as CPython does.
                let len = e.error_len().unwrap_or(b.len() - pos);
                let msg = if len > 1 {
                    format!(
                        "'utf-8' codec can't decode bytes in position {pos}-{}: {reason}",
                        pos + len - 1
                    )
                } else {
                    format!(
                        "'utf-8' codec can't decode byte {:#04x} in position {pos}: {reason}",
                        b[pos]
                    )
                };
                Err(vm.new_error("UnicodeDecodeError", msg))
            }
        },
    }
}

/// The `encoding` and `errors` arguments of `encode`/`decode` (after the
/// receiver), positional or by keyword.
fn codec_args<S: LockStrategy>(
    vm: &Vm<S>,
    name: &str,
    mut args: Args<S>,
) -> PyResult<S, (Value<S>, String, String)> {
    let kw_encoding = args.take_kw("encoding");
    let kw_errors = args.take_kw("errors");
    arity(vm, name, &args, 1, 3)?;
    let mut pos = args.pos.into_iter();
    let receiver = pos.next().expect("arity");
    let encoding = match pos.next().or(kw_encoding) {
        Some(e) => text_arg(vm, name, "encoding", &e)?,
        None => "utf-8".into(),
    };
    let errors = match pos.next().or(kw_errors) {
        Some(e) => text_arg(vm, name, "errors", &e)?,
        None => "strict".into(),
    };
    Ok((receiver, encoding, errors))
}

fn bytes_decode<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let (receiver, encoding, errors) = codec_args(vm, "decode", args)?;
    let b = buffer_arg(vm, &receiver)?;
    let s = decode(vm, &b, &encoding, &errors)?;
    Ok(vm.new_str(s))
}

fn str_encode<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let (receiver, encoding, errors) = codec_args(vm, "encode", args)?;
    let s = receiver.as_str().unwrap_or_default();
    Ok(new_bytes(encode(vm, s, &encoding, &errors)?))
}

// ---- methods shared with bytearray ----

/// The methods of `bytes`, which `bytearray` has too.
pub fn shared_methods<S: LockStrategy>() -> Vec<(&'static str, NativeFn<S>)> {
    vec![
        ("join", bytes_join as NativeFn<S>),
        ("decode", bytes_decode),
        ("hex", bytes_hex),
        ("startswith", bytes_startswith),
        ("endswith", bytes_endswith),
        ("find", bytes_find),
        ("rfind", bytes_rfind),
        ("index", bytes_index),
        ("rindex", bytes_rindex),
        ("count", bytes_count),
        ("upper", bytes_upper),
        ("lower", bytes_lower),
        ("replace", bytes_replace),
        ("strip", bytes_strip),
        ("lstrip", bytes_lstrip),
        ("rstrip", bytes_rstrip),
        ("split", bytes_split),
        ("rsplit", bytes_rsplit),
        ("partition", bytes_partition),
        ("rpartition", bytes_rpartition),
        ("isdigit", bytes_isdigit),
        ("isalpha", bytes_isalpha),
        ("isalnum", bytes_isalnum),
        ("isspace", bytes_isspace),
        ("islower", bytes_islower),
        ("isupper", bytes_isupper),
        ("center", bytes_center),
        ("ljust", bytes_ljust),
        ("rjust", bytes_rjust),
        ("zfill", bytes_zfill),
        ("title", bytes_title),
        ("capitalize", bytes_capitalize),
        ("swapcase", bytes_swapcase),
        ("splitlines", bytes_splitlines),
        ("expandtabs", bytes_expandtabs),
        ("translate", bytes_translate),
        ("isascii", bytes_isascii),
        ("istitle", bytes_istitle),
        ("removeprefix", bytes_removeprefix),
        ("removesuffix", bytes_removesuffix),
    ]
}

/// The methods registered on `bytes` (and `str.encode`, which makes one).
pub fn methods<S: LockStrategy>() -> Vec<(crate::object::TypeKind, &'static str, NativeFn<S>)> {
    use crate::object::TypeKind;
    let mut v: Vec<(TypeKind, &'static str, NativeFn<S>)> = shared_methods::<S>()
        .into_iter()
        .map(|(name, f)| (TypeKind::Bytes, name, f))
        .collect();
    v.push((TypeKind::Bytes, "fromhex", bytes_fromhex));
    v.push((TypeKind::Bytes, "maketrans", bytes_maketrans));
    v.push((TypeKind::Str, "encode", str_encode));
    v
}

/// The receiver's bytes (a method of bytes or bytearray is only reached
/// with one of them as receiver).
fn recv<'a, S: LockStrategy>(vm: &Vm<S>, args: &'a Args<S>) -> PyResult<S, Cow<'a, [u8]>> {
    buffer_arg(vm, &args.pos[0])
}

fn bytes_join<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "join", &args, 2, 2)?;
    let sep = recv(vm, &args)?.into_owned();
    let mut out = Vec::new();
    for (i, item) in ops::iterate(vm, &args.pos[1])?.iter().enumerate() {
        let Some(b) = bytes_like(item) else {
            return Err(vm.type_error(format!(
                "sequence item {i}: expected a bytes-like object, {} found",
                ops::type_name(item)
            )));
        };
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        out.extend_from_slice(&b);
    }
    Ok(like(&args.pos[0], out))
}

/// The `[start:end]` window of the receiver that a search method looks
/// in, from its arguments at `from` and `from + 1`: the offset of the
/// window and the window; `None` where start lies past end.
fn window<'a, S: LockStrategy>(
    vm: &Vm<S>,
    hay: &'a [u8],
    args: &Args<S>,
    from: usize,
) -> PyResult<S, Option<(usize, &'a [u8])>> {
    let n = hay.len() as i64;
    let adjust = |i: i64| if i < 0 { (i + n).max(0) } else { i.min(n) };
    // A start past the end is not clamped: nothing is found there, not
    // even the empty string (CPython's ADJUST_INDICES).
    let start = crate::str_methods::index_arg(vm, args.pos.get(from))?.map_or(0, |i| {
        if i < 0 {
            (i + n).max(0)
        } else {
            i
        }
    });
    let end = crate::str_methods::index_arg(vm, args.pos.get(from + 1))?.map_or(n, adjust);
    if start > end || start > n {
        return Ok(None);
    }
    Ok(Some((start as usize, &hay[start as usize..end as usize])))
}

/// `find`/`rfind`/`index`/`rindex`: the index of the needle in the
/// `[start:end]` window, from the right when `rev`.
fn search<S: LockStrategy>(
    vm: &mut Vm<S>,
    args: &Args<S>,
    name: &str,
    rev: bool,
) -> PyResult<S, Option<i64>> {
    arity(vm, name, args, 2, 4)?;
    let n = needle(vm, &args.pos[1])?;
    let hay = recv(vm, args)?;
    let Some((offset, win)) = window(vm, &hay, args, 2)? else {
        return Ok(None);
    };
    let found = if rev {
        rfind_at(win, &n)
    } else {
        find_at(win, &n)
    };
    Ok(found.map(|i| (offset + i) as i64))
}

fn bytes_find<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    Ok(Value::Int(search(vm, &args, "find", false)?.unwrap_or(-1)))
}

fn bytes_rfind<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    Ok(Value::Int(search(vm, &args, "rfind", true)?.unwrap_or(-1)))
}

fn bytes_index<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    match search(vm, &args, "index", false)? {
        Some(i) => Ok(Value::Int(i)),
        None => Err(vm.value_error("subsection not found")),
    }
}

fn bytes_rindex<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    match search(vm, &args, "rindex", true)? {
        Some(i) => Ok(Value::Int(i)),
        None => Err(vm.value_error("subsection not found")),
    }
}

fn bytes_count<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "count", &args, 2, 4)?;
    let n = needle(vm, &args.pos[1])?;
    let hay = recv(vm, &args)?;
    let Some((_, win)) = window(vm, &hay, &args, 2)? else {
        return Ok(Value::Int(0));
    };
    if n.is_empty() {
        return Ok(Value::Int(win.len() as i64 + 1));
    }
    let (mut count, mut at) = (0, 0);
    while let Some(i) = find_at(&win[at..], &n) {
        count += 1;
        at += i + n.len();
    }
    Ok(Value::Int(count))
}

/// `startswith`/`endswith`: a bytes-like object or a tuple of them,
/// within the `[start:end]` window.
fn affix<S: LockStrategy>(vm: &mut Vm<S>, args: &Args<S>, name: &str, start: bool) -> PyResult<S> {
    arity(vm, name, args, 2, 4)?;
    let hay = recv(vm, args)?;
    let cands: Vec<Value<S>> = match args.pos[1].payload() {
        Some(Payload::Tuple(t)) => t.to_vec(),
        _ => vec![args.pos[1].clone()],
    };
    let win = window(vm, &hay, args, 2)?;
    for c in &cands {
        let Some(p) = bytes_like(c) else {
            return Err(vm.type_error(format!(
                "{name} first arg must be bytes or a tuple of bytes, not {}",
                ops::type_name(c)
            )));
        };
        if let Some((_, w)) = win {
            if (start && w.starts_with(&p)) || (!start && w.ends_with(&p)) {
                return Ok(Value::Bool(true));
            }
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

fn bytes_upper<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "upper", &args, 1, 1)?;
    let up = recv(vm, &args)?.to_ascii_uppercase();
    Ok(like(&args.pos[0], up))
}

fn bytes_lower<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "lower", &args, 1, 1)?;
    let low = recv(vm, &args)?.to_ascii_lowercase();
    Ok(like(&args.pos[0], low))
}

fn bytes_replace<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "replace", &args, 3, 4)?;
    let b = recv(vm, &args)?;
    let old = buffer_arg(vm, &args.pos[1])?;
    let new = buffer_arg(vm, &args.pos[2])?;
    let limit = match args.pos.get(3) {
        Some(v) => usize::try_from(ops::expect_int(vm, v)?).unwrap_or(usize::MAX),
        None => usize::MAX,
    };
    let mut out = Vec::new();
    let mut done = 0;
    if old.is_empty() {
        for &c in b.iter() {
            if done < limit {
                out.extend_from_slice(&new);
                done += 1;
            }
            out.push(c);
        }
        if done < limit {
            out.extend_from_slice(&new);
        }
        return Ok(like(&args.pos[0], out));
    }
    let mut at = 0;
    while done < limit {
        let Some(i) = find_at(&b[at..], &old) else {
            break;
        };
        out.extend_from_slice(&b[at..at + i]);
        out.extend_from_slice(&new);
        at += i + old.len();
        done += 1;
    }
    out.extend_from_slice(&b[at..]);
    Ok(like(&args.pos[0], out))
}

const WHITESPACE: &[u8] = b" \t\n\r\x0b\x0c";

/// `strip`/`lstrip`/`rstrip`: removes bytes in the argument (whitespace
/// by default) from the chosen ends.
fn strip<S: LockStrategy>(
    vm: &mut Vm<S>,
    args: Args<S>,
    name: &str,
    left: bool,
    right: bool,
) -> PyResult<S> {
    arity(vm, name, &args, 1, 2)?;
    let b = recv(vm, &args)?;
    let chars: Cow<[u8]> = match args.pos.get(1) {
        None | Some(Value::None) => Cow::Borrowed(WHITESPACE),
        Some(v) => buffer_arg(vm, v)?,
    };
    let start = match left {
        true => b.iter().position(|c| !chars.contains(c)).unwrap_or(b.len()),
        false => 0,
    };
    let end = match right {
        true => b
            .iter()
            .rposition(|c| !chars.contains(c))
            .map_or(start, |i| i + 1),
        false => b.len(),
    };
    let out = b[start..end.max(start)].to_vec();
    Ok(like(&args.pos[0], out))
}

fn bytes_strip<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    strip(vm, args, "strip", true, true)
}

fn bytes_lstrip<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    strip(vm, args, "lstrip", true, false)
}

fn bytes_rstrip<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    strip(vm, args, "rstrip", false, true)
}

/// The receiver of `split`/`rsplit`, its separator (`None`: runs of
/// whitespace) and the most splits to make.
type SplitArgs<S> = (Value<S>, Option<Vec<u8>>, usize);

/// `split`/`rsplit`'s `sep` and `maxsplit`, positional or by keyword.
fn split_args<S: LockStrategy>(
    vm: &mut Vm<S>,
    mut args: Args<S>,
    name: &str,
) -> PyResult<S, SplitArgs<S>> {
    let sep_kw = args.take_kw("sep");
    let max_kw = args.take_kw("maxsplit");
    arity(vm, name, &args, 1, 3)?;
    let mut pos = args.pos.into_iter();
    let receiver = pos.next().expect("arity");
    let sep = match pos.next().or(sep_kw) {
        None | Some(Value::None) => None,
        Some(v) => Some(buffer_arg(vm, &v)?.into_owned()),
    };
    if sep.as_deref() == Some(&[]) {
        return Err(vm.value_error("empty separator"));
    }
    let limit = match pos.next().or(max_kw) {
        Some(v) => usize::try_from(ops::expect_int(vm, &v)?).unwrap_or(usize::MAX),
        None => usize::MAX,
    };
    Ok((receiver, sep, limit))
}

fn bytes_split<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let (receiver, sep, limit) = split_args(vm, args, "split")?;
    let b = buffer_arg(vm, &receiver)?;
    let mut parts: Vec<&[u8]> = Vec::new();
    match &sep {
        None => {
            let is_space = |c: &u8| WHITESPACE.contains(c);
            let mut rest = &b[b.iter().position(|c| !is_space(c)).unwrap_or(b.len())..];
            while !rest.is_empty() {
                if parts.len() == limit {
                    parts.push(rest);
                    break;
                }
                let end = rest.iter().position(is_space).unwrap_or(rest.len());
                parts.push(&rest[..end]);
                rest = &rest[end..];
                rest = &rest[rest.iter().position(|c| !is_space(c)).unwrap_or(rest.len())..];
            }
        }
        Some(sep) => {
            let mut at = 0;
            while parts.len() < limit {
                let Some(i) = find_at(&b[at..], sep) else {
                    break;
                };
                parts.push(&b[at..at + i]);
                at += i + sep.len();
            }
            parts.push(&b[at..]);
        }
    }
    let parts = parts
        .into_iter()
        .map(|p| like(&receiver, p.to_vec()))
        .collect();
    Ok(ops::new_list(parts))
}

fn bytes_rsplit<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let (receiver, sep, limit) = split_args(vm, args, "rsplit")?;
    let b = buffer_arg(vm, &receiver)?;
    let mut parts: Vec<&[u8]> = Vec::new();
    match &sep {
        None => {
            let is_space = |c: &u8| WHITESPACE.contains(c);
            let mut rest = &b[..b.iter().rposition(|c| !is_space(c)).map_or(0, |i| i + 1)];
            while !rest.is_empty() {
                if parts.len() == limit {
                    parts.push(rest);
                    break;
                }
                let start = rest.iter().rposition(is_space).map_or(0, |i| i + 1);
                parts.push(&rest[start..]);
                rest = &rest[..start];
                rest = &rest[..rest.iter().rposition(|c| !is_space(c)).map_or(0, |i| i + 1)];
            }
        }
        Some(sep) => {
            let mut end = b.len();
            while parts.len() < limit {
                let Some(i) = rfind_at(&b[..end], sep) else {
                    break;
                };
                parts.push(&b[i + sep.len()..end]);
                end = i;
            }
            parts.push(&b[..end]);
        }
    }
    let parts = parts
        .into_iter()
        .rev()
        .map(|p| like(&receiver, p.to_vec()))
        .collect();
    Ok(ops::new_list(parts))
}

/// `partition`/`rpartition`: the parts before, at and after the first
/// (last) occurrence of the separator.
fn partition<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>, name: &str, rev: bool) -> PyResult<S> {
    arity(vm, name, &args, 2, 2)?;
    let b = recv(vm, &args)?;
    let sep = buffer_arg(vm, &args.pos[1])?;
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let found = if rev {
        rfind_at(&b, &sep)
    } else {
        find_at(&b, &sep)
    };
    let (before, at, after) = match found {
        Some(i) => (&b[..i], &sep[..], &b[i + sep.len()..]),
        None if rev => (&b[..0], &sep[..0], &b[..]),
        None => (&b[..], &sep[..0], &b[..0]),
    };
    let r = &args.pos[0];
    Ok(ops::new_tuple(vec![
        like(r, before.to_vec()),
        like(r, at.to_vec()),
        like(r, after.to_vec()),
    ]))
}

fn bytes_partition<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    partition(vm, args, "partition", false)
}

fn bytes_rpartition<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    partition(vm, args, "rpartition", true)
}

/// The `isX` predicates: true when the receiver is not empty and every
/// byte passes (`islower`/`isupper`: some cased byte, none of the other
/// case).
fn predicate<S: LockStrategy>(
    vm: &mut Vm<S>,
    args: Args<S>,
    name: &str,
    test: fn(&[u8]) -> bool,
) -> PyResult<S> {
    arity(vm, name, &args, 1, 1)?;
    let b = recv(vm, &args)?;
    Ok(Value::Bool(!b.is_empty() && test(&b)))
}

fn bytes_isdigit<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    predicate(vm, args, "isdigit", |b| b.iter().all(u8::is_ascii_digit))
}

fn bytes_isalpha<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    predicate(vm, args, "isalpha", |b| {
        b.iter().all(u8::is_ascii_alphabetic)
    })
}

fn bytes_isalnum<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    predicate(vm, args, "isalnum", |b| {
        b.iter().all(u8::is_ascii_alphanumeric)
    })
}

fn bytes_isspace<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    predicate(vm, args, "isspace", |b| {
        b.iter().all(|c| WHITESPACE.contains(c))
    })
}

fn bytes_islower<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    predicate(vm, args, "islower", |b| {
        b.iter().any(u8::is_ascii_lowercase) && !b.iter().any(u8::is_ascii_uppercase)
    })
}

fn bytes_isupper<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    predicate(vm, args, "isupper", |b| {
        b.iter().any(u8::is_ascii_uppercase) && !b.iter().any(u8::is_ascii_lowercase)
    })
}

// ---- padding, case and layout (CPython's bytes_methods.c and the
// `pad`/`splitlines`/`expandtabs`/`translate` of bytesobject.c) ----

/// The name of the receiver's type, for messages: "bytearray" or "bytes".
fn type_label<S: LockStrategy>(receiver: &Value<S>) -> &'static str {
    match super::downcast::<S, ByteArray>(receiver) {
        Some(_) => "bytearray",
        None => "bytes",
    }
}

/// Refuses keywords, as a method that takes none (`bytes.center`).
fn no_keywords<S: LockStrategy>(vm: &Vm<S>, args: &Args<S>, name: &str) -> PyResult<S, ()> {
    match args.kw.is_empty() {
        true => Ok(()),
        false => Err(vm.type_error(format!(
            "{}.{name}() takes no keyword arguments",
            type_label(&args.pos[0])
        ))),
    }
}

/// Between `min` and `max` positional arguments after the receiver,
/// worded as CPython's positional-only argument parser.
fn positional<S: LockStrategy>(
    vm: &Vm<S>,
    args: &Args<S>,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<S, ()> {
    no_keywords(vm, args, name)?;
    let n = args.pos.len() - 1;
    let plural = |k: usize| if k == 1 { "" } else { "s" };
    if min == max && n != min {
        return Err(vm.type_error(format!(
            "{name} expected {min} argument{}, got {n}",
            plural(min)
        )));
    }
    if n < min {
        return Err(vm.type_error(format!(
            "{name} expected at least {min} argument{}, got {n}",
            plural(min)
        )));
    }
    if n > max {
        return Err(vm.type_error(format!(
            "{name} expected at most {max} argument{}, got {n}",
            plural(max)
        )));
    }
    Ok(())
}

/// Exactly one argument after the receiver (`b.zfill(width)`).
fn one_argument<S: LockStrategy>(vm: &Vm<S>, args: &Args<S>, name: &str) -> PyResult<S, ()> {
    no_keywords(vm, args, name)?;
    let n = args.pos.len() - 1;
    match n {
        1 => Ok(()),
        _ => Err(vm.type_error(format!(
            "{}.{name}() takes exactly one argument ({n} given)",
            type_label(&args.pos[0])
        ))),
    }
}

/// No arguments after the receiver (`b.title()`).
fn no_arguments<S: LockStrategy>(vm: &Vm<S>, args: &Args<S>, name: &str) -> PyResult<S, ()> {
    no_keywords(vm, args, name)?;
    let n = args.pos.len() - 1;
    match n {
        0 => Ok(()),
        _ => Err(vm.type_error(format!(
            "{}.{name}() takes no arguments ({n} given)",
            type_label(&args.pos[0])
        ))),
    }
}

/// The receiver, and each argument of [`keyword_args`] if given.
type KeywordArgs<S> = (Value<S>, Vec<Option<Value<S>>>);

/// The arguments of a method whose arguments may be given by keyword
/// (`splitlines(keepends)`): at most `names.len()` of them, each by
/// position or by its name, with CPython's errors for the rest.
fn keyword_args<S: LockStrategy>(
    vm: &Vm<S>,
    mut args: Args<S>,
    name: &str,
    names: &[&str],
) -> PyResult<S, KeywordArgs<S>> {
    let given = args.pos.len() - 1 + args.kw.len();
    if given > names.len() {
        return Err(vm.type_error(format!(
            "{name}() takes at most {} argument{} ({given} given)",
            names.len(),
            if names.len() == 1 { "" } else { "s" }
        )));
    }
    let mut by_name: Vec<Option<Value<S>>> = names.iter().map(|n| args.take_kw(n)).collect();
    crate::builtins::no_other_keywords(vm, name, &args)?;
    let mut pos = args.pos.into_iter();
    let receiver = pos.next().expect("a method has its receiver");
    for (i, v) in pos.enumerate() {
        if by_name[i].is_some() {
            return Err(vm.type_error(format!(
                "argument for {name}() given by name ('{}') and position ({})",
                names[i],
                i + 1
            )));
        }
        by_name[i] = Some(v);
    }
    Ok((receiver, by_name))
}

/// An index-sized integer argument (`__index__` applied), with CPython's
/// OverflowError past `Py_ssize_t`.
fn ssize_arg<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, i64> {
    let i = ops::as_index(vm, v)?;
    if !ops::is_int_like(&i) {
        return Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            ops::type_name(v)
        )));
    }
    ops::expect_int(vm, &i)
}

/// A C `int` argument (`tabsize`, `bytes_per_sep`).
fn c_int_arg<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, i64> {
    let i = ops::as_index(vm, v)?;
    if !ops::is_int_like(&i) {
        return Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            ops::type_name(v)
        )));
    }
    match ops::expect_int(vm, &i).ok().map(i32::try_from) {
        Some(Ok(n)) => Ok(n as i64),
        _ => Err(vm.new_error("OverflowError", "Python int too large to convert to C int")),
    }
}

/// `center`/`ljust`/`rjust`: the receiver padded to `width` with the fill
/// byte, placed as `align` says ('^', '<', '>').
fn justify<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>, name: &str, align: char) -> PyResult<S> {
    positional(vm, &args, name, 1, 2)?;
    let width = ssize_arg(vm, &args.pos[1])?;
    let fill = match args.pos.get(2) {
        None => b' ',
        Some(f) => match bytes_like(f) {
            Some(b) if b.len() == 1 => b[0],
            _ => {
                return Err(vm.type_error(format!(
                    "{name}() argument 2 must be a byte string of length 1, not {}",
                    ops::type_name(f)
                )))
            }
        },
    };
    let b = recv(vm, &args)?;
    let n = b.len();
    let width = usize::try_from(width).unwrap_or(0);
    if n >= width {
        return Ok(like(&args.pos[0], b.into_owned()));
    }
    let total = width - n;
    let left = match align {
        '<' => 0,
        '>' => total,
        // CPython's pad(): the odd byte goes right unless the width is odd
        // too.
        _ => total / 2 + (total & width & 1),
    };
    let mut out = crate::alloc::vec_with_capacity(vm, width)?;
    out.resize(left, fill);
    out.extend_from_slice(&b);
    out.resize(width, fill);
    Ok(like(&args.pos[0], out))
}

fn bytes_center<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    justify(vm, args, "center", '^')
}

fn bytes_ljust<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    justify(vm, args, "ljust", '<')
}

fn bytes_rjust<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    justify(vm, args, "rjust", '>')
}

/// `b.zfill(width)`: zeros on the left, after a leading sign.
fn bytes_zfill<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    one_argument(vm, &args, "zfill")?;
    let width = ssize_arg(vm, &args.pos[1])?;
    let b = recv(vm, &args)?;
    let width = usize::try_from(width).unwrap_or(0);
    if b.len() >= width {
        return Ok(like(&args.pos[0], b.into_owned()));
    }
    let fill = width - b.len();
    let mut out = crate::alloc::vec_with_capacity(vm, width)?;
    out.resize(fill, b'0');
    out.extend_from_slice(&b);
    if matches!(b.first(), Some(b'+' | b'-')) {
        // The sign moves to the front, a zero takes its place.
        out[0] = b[0];
        out[fill] = b'0';
    }
    Ok(like(&args.pos[0], out))
}

/// `title`/`capitalize`/`swapcase`: the receiver with the ASCII letters
/// recased by `f`.
fn recase<S: LockStrategy>(
    vm: &mut Vm<S>,
    args: Args<S>,
    name: &str,
    f: fn(&[u8]) -> Vec<u8>,
) -> PyResult<S> {
    no_arguments(vm, &args, name)?;
    let out = f(&recv(vm, &args)?);
    Ok(like(&args.pos[0], out))
}

fn bytes_title<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    recase(vm, args, "title", |b| {
        let mut previous_cased = false;
        b.iter()
            .map(|&c| {
                let out = match previous_cased {
                    true => c.to_ascii_lowercase(),
                    false => c.to_ascii_uppercase(),
                };
                previous_cased = c.is_ascii_alphabetic();
                out
            })
            .collect()
    })
}

fn bytes_capitalize<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    recase(vm, args, "capitalize", |b| {
        b.iter()
            .enumerate()
            .map(|(i, c)| match i {
                0 => c.to_ascii_uppercase(),
                _ => c.to_ascii_lowercase(),
            })
            .collect()
    })
}

fn bytes_swapcase<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    recase(vm, args, "swapcase", |b| {
        b.iter()
            .map(|&c| match c {
                b'a'..=b'z' => c.to_ascii_uppercase(),
                b'A'..=b'Z' => c.to_ascii_lowercase(),
                _ => c,
            })
            .collect()
    })
}

/// `b.isascii()`: every byte below 128 (true when empty).
fn bytes_isascii<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_arguments(vm, &args, "isascii")?;
    Ok(Value::Bool(recv(vm, &args)?.is_ascii()))
}

/// `b.istitle()`: some cased byte, every uppercase one after an uncased
/// byte and every lowercase one after a cased byte.
fn bytes_istitle<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_arguments(vm, &args, "istitle")?;
    let b = recv(vm, &args)?;
    let (mut cased, mut previous_cased) = (false, false);
    for c in b.iter() {
        if c.is_ascii_uppercase() {
            if previous_cased {
                return Ok(Value::Bool(false));
            }
            (cased, previous_cased) = (true, true);
        } else if c.is_ascii_lowercase() {
            if !previous_cased {
                return Ok(Value::Bool(false));
            }
            (cased, previous_cased) = (true, true);
        } else {
            previous_cased = false;
        }
    }
    Ok(Value::Bool(cased))
}

/// `removeprefix`/`removesuffix`: the receiver without the affix where it
/// has it.
fn remove_affix<S: LockStrategy>(
    vm: &mut Vm<S>,
    args: Args<S>,
    name: &str,
    prefix: bool,
) -> PyResult<S> {
    one_argument(vm, &args, name)?;
    let affix = buffer_arg(vm, &args.pos[1])?;
    let b = recv(vm, &args)?;
    let out = match prefix {
        true => b.strip_prefix(&affix[..]),
        false => b.strip_suffix(&affix[..]),
    };
    let out = out.unwrap_or(&b).to_vec();
    Ok(like(&args.pos[0], out))
}

fn bytes_removeprefix<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    remove_affix(vm, args, "removeprefix", true)
}

fn bytes_removesuffix<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    remove_affix(vm, args, "removesuffix", false)
}

/// `b.splitlines(keepends=False)`: split at `\n`, `\r` and `\r\n`.
fn bytes_splitlines<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let (receiver, given) = keyword_args(vm, args, "splitlines", &["keepends"])?;
    let keepends = match &given[0] {
        Some(v) => c_int_arg(vm, v)? != 0,
        None => false,
    };
    let b = buffer_arg(vm, &receiver)?;
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        let eol = match b[i] {
            b'\r' if b.get(i + 1) == Some(&b'\n') => 2,
            b'\r' | b'\n' => 1,
            _ => {
                i += 1;
                continue;
            }
        };
        let end = if keepends { i + eol } else { i };
        lines.push(like(&receiver, b[start..end].to_vec()));
        i += eol;
        start = i;
    }
    if start < b.len() {
        lines.push(like(&receiver, b[start..].to_vec()));
    }
    Ok(ops::new_list(lines))
}

/// `b.expandtabs(tabsize=8)`: each tab becomes spaces up to the next
/// multiple of `tabsize` columns (counted from the last line break).
fn bytes_expandtabs<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let (receiver, given) = keyword_args(vm, args, "expandtabs", &["tabsize"])?;
    let tabsize = match &given[0] {
        Some(v) => c_int_arg(vm, v)?,
        None => 8,
    };
    let b = buffer_arg(vm, &receiver)?;
    let mut out = Vec::with_capacity(b.len());
    let mut column: i64 = 0;
    for &c in b.iter() {
        match c {
            b'\t' if tabsize > 0 => {
                let spaces = tabsize - column % tabsize;
                out.try_reserve(spaces as usize)
                    .map_err(|_| crate::alloc::memory_error(vm))?;
                out.resize(out.len() + spaces as usize, b' ');
                column += spaces;
            }
            b'\t' => {}
            b'\n' | b'\r' => {
                out.push(c);
                column = 0;
            }
            _ => {
                out.push(c);
                column += 1;
            }
        }
    }
    Ok(like(&receiver, out))
}

/// `b.translate(table, /, delete=b'')`: the bytes not in `delete`, each
/// mapped through `table` (256 bytes, or None for none).
fn bytes_translate<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let delete_kw = args.take_kw("delete");
    crate::builtins::no_other_keywords(vm, "translate", &args)?;
    let given = args.pos.len() - 1;
    if given == 0 {
        return Err(vm.type_error("translate() takes at least 1 positional argument (0 given)"));
    }
    if given + delete_kw.is_some() as usize > 2 {
        return Err(vm.type_error(format!(
            "translate() takes at most 2 arguments ({} given)",
            given + delete_kw.is_some() as usize
        )));
    }
    let table = match &args.pos[1] {
        Value::None => None,
        t => {
            let t = buffer_arg(vm, t)?;
            if t.len() != 256 {
                return Err(vm.value_error("translation table must be 256 characters long"));
            }
            Some(t.into_owned())
        }
    };
    let delete = match args.pos.get(2).or(delete_kw.as_ref()) {
        Some(d) => buffer_arg(vm, d)?.into_owned(),
        None => Vec::new(),
    };
    let mut drop = [false; 256];
    for &d in &delete {
        drop[d as usize] = true;
    }
    let b = recv(vm, &args)?;
    let out = b
        .iter()
        .filter(|&&c| !drop[c as usize])
        .map(|&c| table.as_ref().map_or(c, |t| t[c as usize]))
        .collect();
    Ok(like(&args.pos[0], out))
}

/// `bytes.maketrans(frm, to)` (a static method, also of bytearray): the
/// 256-byte table that maps each byte of `frm` to the byte of `to` at the
/// same place, and every other byte to itself.
pub fn bytes_maketrans<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    if !args.kw.is_empty() {
        return Err(vm.type_error("bytes.maketrans() takes no keyword arguments"));
    }
    if args.pos.len() != 2 {
        return Err(vm.type_error(format!(
            "maketrans expected 2 arguments, got {}",
            args.pos.len()
        )));
    }
    let from = buffer_arg(vm, &args.pos[0])?;
    let to = buffer_arg(vm, &args.pos[1])?;
    if from.len() != to.len() {
        return Err(vm.value_error("maketrans arguments must have same length"));
    }
    let mut table: Vec<u8> = (0..=255).collect();
    for (&f, &t) in from.iter().zip(to.iter()) {
        table[f as usize] = t;
    }
    Ok(new_bytes(table))
}

/// `b.hex(sep=None, bytes_per_sep=1)`: two hex digits a byte, with `sep`
/// between groups of `bytes_per_sep` bytes counted from the right (from
/// the left when negative).
pub(crate) fn bytes_hex<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let (receiver, given) = keyword_args(vm, args, "hex", &["sep", "bytes_per_sep"])?;
    let per = match &given[1] {
        Some(v) => c_int_arg(vm, v)?,
        None => 1,
    };
    let sep = match &given[0] {
        Some(v) => Some(hex_separator(vm, v)?),
        None => None,
    };
    let b = buffer_arg(vm, &receiver)?;
    let digits = |out: &mut String, c: &u8| {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        out.push(HEX[(c >> 4) as usize] as char);
        out.push(HEX[(c & 15) as usize] as char);
    };
    let mut out = String::new();
    crate::alloc::reserve_str(vm, &mut out, b.len() * 3)?;
    let group = per.unsigned_abs() as usize;
    for (i, c) in b.iter().enumerate() {
        if let Some(sep) = sep.filter(|_| group > 0 && i > 0) {
            // Groups are whole from the end for a positive count, from
            // the start for a negative one.
            let boundary = match per > 0 {
                true => (b.len() - i) % group == 0,
                false => i % group == 0,
            };
            if boundary {
                out.push(sep);
            }
        }
        digits(&mut out, c);
    }
    Ok(vm.new_str(out))
}

/// The `sep` of `hex()`: one ASCII character, given as str or bytes.
fn hex_separator<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, char> {
    let (n, first) = match (v.as_str(), v.payload()) {
        (Some(s), _) => (s.chars().count(), s.chars().next()),
        (None, Some(Payload::Bytes(b))) => (b.len(), b.first().map(|&c| c as char)),
        _ => (ops::len(vm, v)?, None),
    };
    if n != 1 {
        return Err(vm.value_error("sep must be length 1."));
    }
    match first {
        Some(c) if c.is_ascii() => Ok(c),
        Some(_) => Err(vm.value_error("sep must be ASCII.")),
        None => Err(vm.type_error("sep must be str or bytes.")),
    }
}

/// `bytes.fromhex(s)` and `bytearray.fromhex(s)`: pairs of hex digits,
/// spaces between pairs allowed.
pub fn parse_hex<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>) -> PyResult<S, Vec<u8>> {
    let Some(s) = v.as_str() else {
        return Err(vm.type_error(format!(
            "fromhex() argument must be str, not {}",
            ops::type_name(v)
        )));
    };
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() && chars[i].is_ascii() {
            i += 1;
            continue;
        }
        let hi = chars[i].to_digit(16);
        let lo = chars.get(i + 1).and_then(|c| c.to_digit(16));
        match (hi, lo) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            (Some(_), None) => {
                return Err(vm.value_error(format!(
                    "non-hexadecimal number found in fromhex() arg at position {}",
                    i + 1
                )))
            }
            (None, _) => {
                return Err(vm.value_error(format!(
                    "non-hexadecimal number found in fromhex() arg at position {i}"
                )))
            }
        }
        i += 2;
    }
    Ok(out)
}

/// `bytes.fromhex(string)`.
pub fn bytes_fromhex<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "fromhex", &args, 1, 1)?;
    Ok(new_bytes(parse_hex(vm, &args.pos[0])?))
}
