//! The `_struct` module (`Lib/struct.py` is `from _struct import *`):
//! `pack`, `unpack`, `calcsize`, `pack_into`, `unpack_from`,
//! `iter_unpack`, the `Struct` type (`crate::types::struct_type`) and
//! `struct.error`. The formats themselves are `struct_format`'s.
//!
//! Parsed formats are cached by their text, as CPython caches `Struct`
//! objects, so that `struct.pack('<I', n)` in a loop parses once. A layout
//! is immutable data shared by every thread; the cache is a mutex around
//! a map, cleared when it grows past CPython's 100 entries.
//!
//! Locking: `pack_into` packs into a private buffer first (packing may run
//! Python code: `__index__`, `__float__`, `__bool__`) and then copies it
//! into the bytearray in one critical section under the bytearray's lock,
//! re-checking the bounds there; `unpack` reads a snapshot.

use super::struct_format::{self, error, Layout};
use crate::builtins::arity;
use crate::object::{ObjRef, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::types::bytearray::ByteArray;
use crate::vm::{Args, PyResult, Vm};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

pub fn init<S: LockStrategy>(vm: &mut Vm<S>, dict: &ObjRef<S>) {
    super::add_functions(
        vm,
        dict,
        &[
            ("pack", pack, false),
            ("pack_into", pack_into, false),
            ("unpack", unpack, false),
            ("unpack_from", unpack_from, false),
            ("iter_unpack", iter_unpack, false),
            ("calcsize", calcsize, false),
            ("_clearcache", clear_cache, false),
        ],
    );
    let ns = match ops::new_dict() {
        Value::Obj(d) => d,
        _ => unreachable!("dicts are objects"),
    };
    // CPython names it `struct.error`.
    vm.interp
        .dict_set_str(&ns, "__module__", vm.new_str("struct"));
    let base = Value::Obj(vm.interp.exceptions["Exception"].clone());
    if let Ok(class) = crate::classes::build_class(vm, "error", vec![base], ns, None) {
        vm.interp.dict_set_str(dict, "error", class);
    }
    let kind = crate::object::TypeKind::Native(crate::types::NativeKind::Struct);
    let class = Value::Obj(vm.interp.types[&kind].clone());
    vm.interp.dict_set_str(dict, "Struct", class);
}

/// CPython's `MAXCACHE`.
const MAX_CACHE: usize = 100;

fn cache() -> &'static Mutex<HashMap<Vec<u8>, Arc<Layout>>> {
    static CACHE: OnceLock<Mutex<HashMap<Vec<u8>, Arc<Layout>>>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// The text of a format argument (a str or bytes), with CPython's errors.
pub fn format_text<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>) -> PyResult<S, Vec<u8>> {
    if let Some(s) = v.as_str() {
        if let Some((pos, c)) = s.chars().enumerate().find(|(_, c)| !c.is_ascii()) {
            let c = match u32::from(c) {
                n @ 0..=0xff => format!("\\x{n:02x}"),
                n @ 0x100..=0xffff => format!("\\u{n:04x}"),
                n => format!("\\U{n:08x}"),
            };
            return Err(vm.new_error(
                "UnicodeEncodeError",
                format!(
                    "'ascii' codec can't encode character '{c}' in position {pos}: ordinal not in range(128)"
                ),
            ));
        }
        return Ok(s.as_bytes().to_vec());
    }
    if let Some(crate::object::Payload::Bytes(b)) = v.payload() {
        return Ok(b.to_vec());
    }
    Err(vm.type_error(format!(
        "Struct() argument 1 must be a str or bytes object, not {}",
        ops::type_name(v)
    )))
}

/// The layout of format text, parsed once and cached.
pub fn layout_of<S: LockStrategy>(vm: &mut Vm<S>, fmt: &[u8]) -> PyResult<S, Arc<Layout>> {
    let mut map = cache().lock().unwrap_or_else(|e| e.into_inner());
    if let Some(layout) = map.get(fmt) {
        return Ok(layout.clone());
    }
    let layout = match struct_format::parse(fmt) {
        Ok(layout) => Arc::new(layout),
        Err(msg) => {
            drop(map);
            return Err(error(vm, msg));
        }
    };
    if map.len() >= MAX_CACHE {
        map.clear();
    }
    map.insert(fmt.to_vec(), layout.clone());
    Ok(layout)
}

/// The layout of a format argument. CPython looks the format up in its
/// cache first, so an unhashable one fails as such.
fn layout_arg<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, Arc<Layout>> {
    if let Err(crate::dict::NoHash::Unhashable(name)) = crate::dict::hash_value(v) {
        return Err(vm.type_error(format!("unhashable type: '{name}'")));
    }
    let text = format_text(vm, v)?;
    layout_of(vm, &text)
}

/// The bytes of a buffer argument, or CPython's TypeError.
fn read_buffer<'a, S: LockStrategy>(
    vm: &Vm<S>,
    v: &'a Value<S>,
) -> PyResult<S, std::borrow::Cow<'a, [u8]>> {
    crate::types::bytes::bytes_like(v).ok_or_else(|| {
        vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            ops::type_name(v)
        ))
    })
}

/// An offset argument (CPython's `PyNumber_AsSsize_t`).
fn offset_arg<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, i64> {
    let i = ops::as_index(vm, v)?;
    ops::expect_int(vm, &i)
}

/// `pack` for a layout: `values` must be `layout.len` many.
pub fn pack_values<S: LockStrategy>(
    vm: &mut Vm<S>,
    layout: &Layout,
    values: &[Value<S>],
) -> PyResult<S> {
    if values.len() != layout.len {
        return Err(error(
            vm,
            format!(
                "pack expected {} items for packing (got {})",
                layout.len,
                values.len()
            ),
        ));
    }
    if layout.size > isize::MAX as usize - 33 {
        // CPython's bytes header does not fit beside it.
        return Err(vm.new_error("OverflowError", "byte string is too large"));
    }
    let mut out = crate::alloc::zeroed_bytes(vm, layout.size)?;
    struct_format::pack(vm, layout, values, &mut out)?;
    Ok(crate::types::bytes::new_bytes(out))
}

/// `pack_into` for a layout: `args` are the buffer, the offset and the
/// values.
pub fn pack_into_values<S: LockStrategy>(
    vm: &mut Vm<S>,
    layout: &Layout,
    args: &[Value<S>],
) -> PyResult<S> {
    if args.len() != layout.len + 2 {
        let msg = match args.len() {
            0 => "pack_into expected buffer argument".to_string(),
            1 => "pack_into expected offset argument".to_string(),
            n => format!(
                "pack_into expected {} items for packing (got {})",
                layout.len,
                n - 2
            ),
        };
        return Err(error(vm, msg));
    }
    let target = &args[0];
    let (Some(ba), Some(obj)) = (crate::types::downcast::<S, ByteArray>(target), target.obj())
    else {
        return Err(vm.type_error(format!(
            "argument must be read-write bytes-like object, not {}",
            ops::type_name(target)
        )));
    };
    let offset = offset_arg(vm, &args[1])?;
    let size = layout.size as i64;
    let len = ba.with::<S, _>(obj, |d| d.len()) as i64;
    let offset = place(vm, offset, size, len, "pack_into", "packing")?;
    let mut out = crate::alloc::zeroed_bytes(vm, layout.size)?;
    // CPython zeroes the region and packs into it in place: the values
    // before a failing one stay written.
    let packed = struct_format::pack(vm, layout, &args[2..], &mut out);
    let start = offset as usize;
    let written = ba.with::<S, _>(obj, |d| match d.get_mut(start..start + out.len()) {
        Some(region) => {
            region.copy_from_slice(&out);
            Ok(())
        }
        // Packing ran Python code that shrank the buffer.
        None => Err(d.len() as i64),
    });
    if let Err(len) = written {
        place(vm, offset, size, len, "pack_into", "packing")?;
    }
    packed.map(|()| Value::None)
}

/// The start of `size` bytes at `offset` (negative: from the end) of a
/// `len`-byte buffer, or CPython's error for `pack_into`/`unpack_from`.
fn place<S: LockStrategy>(
    vm: &mut Vm<S>,
    mut offset: i64,
    size: i64,
    len: i64,
    func: &str,
    doing: &str,
) -> PyResult<S, i64> {
    if offset < 0 {
        if offset + size > 0 {
            let msg = match func {
                "pack_into" => format!("no space to pack {size} bytes at offset {offset}"),
                _ => format!("not enough data to unpack {size} bytes at offset {offset}"),
            };
            return Err(error(vm, msg));
        }
        if offset + len < 0 {
            return Err(error(
                vm,
                format!("offset {offset} out of range for {len}-byte buffer"),
            ));
        }
        offset += len;
    }
    if len - offset < size {
        return Err(error(
            vm,
            format!(
                "{func} requires a buffer of at least {} bytes for {doing} {size} bytes at offset {offset} (actual buffer size is {len})",
                size as u64 + offset as u64
            ),
        ));
    }
    Ok(offset)
}

/// `unpack` for a layout.
pub fn unpack_buffer<S: LockStrategy>(
    vm: &mut Vm<S>,
    layout: &Layout,
    buffer: &Value<S>,
) -> PyResult<S> {
    let data = read_buffer(vm, buffer)?;
    if data.len() != layout.size {
        return Err(error(
            vm,
            format!("unpack requires a buffer of {} bytes", layout.size),
        ));
    }
    let values = struct_format::unpack(vm, layout, &data)?;
    Ok(ops::new_tuple(values))
}

/// `unpack_from` for a layout.
pub fn unpack_from_buffer<S: LockStrategy>(
    vm: &mut Vm<S>,
    layout: &Layout,
    buffer: &Value<S>,
    offset: Option<&Value<S>>,
) -> PyResult<S> {
    let data = read_buffer(vm, buffer)?.into_owned();
    let offset = match offset {
        Some(o) => offset_arg(vm, o)?,
        None => 0,
    };
    let size = layout.size as i64;
    let start = place(
        vm,
        offset,
        size,
        data.len() as i64,
        "unpack_from",
        "unpacking",
    )? as usize;
    let values = struct_format::unpack(vm, layout, &data[start..start + layout.size])?;
    Ok(ops::new_tuple(values))
}

/// `iter_unpack` for a layout: an iterator over the tuples, unpacked at
/// the call from the buffer as it is then.
pub fn iter_unpack_buffer<S: LockStrategy>(
    vm: &mut Vm<S>,
    layout: &Layout,
    buffer: &Value<S>,
) -> PyResult<S> {
    let data = read_buffer(vm, buffer)?.into_owned();
    if layout.size == 0 {
        return Err(error(
            vm,
            "cannot iteratively unpack with a struct of length 0",
        ));
    }
    if data.len() % layout.size != 0 {
        return Err(error(
            vm,
            format!(
                "iterative unpacking requires a buffer of a multiple of {} bytes",
                layout.size
            ),
        ));
    }
    let mut tuples = Vec::with_capacity(data.len() / layout.size);
    for chunk in data.chunks(layout.size) {
        tuples.push(ops::new_tuple(struct_format::unpack(vm, layout, chunk)?));
    }
    ops::get_iter(vm, &ops::new_list(tuples))
}

/// The `buffer` and `offset` arguments of `unpack_from` (positional or
/// keyword) after the first positional one (the format, or the `Struct`
/// itself); `named_before` counts the arguments CPython numbers before
/// `buffer` (1 for the module function's format, 0 for the method).
pub fn buffer_and_offset<S: LockStrategy>(
    vm: &Vm<S>,
    mut args: Args<S>,
    named_before: usize,
) -> PyResult<S, (Value<S>, Option<Value<S>>)> {
    let name = "unpack_from";
    let kw_buffer = args.take_kw("buffer");
    let kw_offset = args.take_kw("offset");
    if let Some((k, _)) = args.kw.first() {
        return Err(vm.type_error(format!("'{k}' is an invalid keyword argument for {name}()")));
    }
    let given = args.pos.len().saturating_sub(1);
    let total = given + usize::from(kw_buffer.is_some()) + usize::from(kw_offset.is_some());
    if total > 2 {
        return Err(vm.type_error(format!(
            "{name}() takes at most {} arguments ({} given)",
            named_before + 2,
            total + named_before
        )));
    }
    let mut pos = args.pos.into_iter().skip(1);
    let buffer = pos.next();
    let offset = pos.next();
    if buffer.is_some() && kw_buffer.is_some() {
        return Err(vm.type_error(format!(
            "argument for {name}() given by name ('buffer') and position ({})",
            named_before + 1
        )));
    }
    if offset.is_some() && kw_offset.is_some() {
        return Err(vm.type_error(format!(
            "argument for {name}() given by name ('offset') and position ({})",
            named_before + 2
        )));
    }
    let Some(buffer) = buffer.or(kw_buffer) else {
        return Err(vm.type_error(format!(
            "{name}() missing required argument 'buffer' (pos {})",
            named_before + 1
        )));
    };
    Ok((buffer, offset.or(kw_offset)))
}

fn pack<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    crate::builtins::no_other_keywords(vm, "pack", &args)?;
    let Some(fmt) = args.pos.first() else {
        return Err(vm.type_error("missing format argument"));
    };
    let layout = layout_arg(vm, fmt)?;
    pack_values(vm, &layout, &args.pos[1..])
}

fn pack_into<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    crate::builtins::no_other_keywords(vm, "pack_into", &args)?;
    let Some(fmt) = args.pos.first() else {
        return Err(vm.type_error("missing format argument"));
    };
    let layout = layout_arg(vm, fmt)?;
    pack_into_values(vm, &layout, &args.pos[1..])
}

fn unpack<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "unpack", &args, 2, 2)?;
    let layout = layout_arg(vm, &args.pos[0])?;
    unpack_buffer(vm, &layout, &args.pos[1])
}

fn unpack_from<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let Some(fmt) = args.pos.first().cloned() else {
        return Err(vm.type_error("unpack_from() takes at least 1 positional argument (0 given)"));
    };
    let (buffer, offset) = buffer_and_offset(vm, args, 1)?;
    let layout = layout_arg(vm, &fmt)?;
    unpack_from_buffer(vm, &layout, &buffer, offset.as_ref())
}

fn iter_unpack<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "iter_unpack", &args, 2, 2)?;
    let layout = layout_arg(vm, &args.pos[0])?;
    iter_unpack_buffer(vm, &layout, &args.pos[1])
}

fn calcsize<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "_struct.calcsize", &args, 1, 1)?;
    let layout = layout_arg(vm, &args.pos[0])?;
    Ok(Value::Int(layout.size as i64))
}

fn clear_cache<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "_clearcache", &args, 0, 0)?;
    cache().lock().unwrap_or_else(|e| e.into_inner()).clear();
    Ok(Value::None)
}
