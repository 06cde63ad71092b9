//! `repr()` and `str()` of builtin values, byte-for-byte as CPython 3.11
//! prints them.

use crate::object::{DictViewKind, ObjRef, Payload, Value};
use crate::ops::{dict_items, range_repr, type_name};
use crate::strategy::LockStrategy;
use crate::types::float::float_repr;
use crate::types::int::bigint_str;
use crate::vm::{PyResult, Vm};

/// `repr(str)`: single quotes unless the text has a single quote and no
/// double quote; escapes as CPython does.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if c.is_ascii() || crate::str_methods::is_printable(c) => out.push(c),
            // Not printable: CPython's shortest escape.
            c => match c as u32 {
                n @ ..=0xff => out.push_str(&format!("\\x{n:02x}")),
                n @ ..=0xffff => out.push_str(&format!("\\u{n:04x}")),
                n => out.push_str(&format!("\\U{n:08x}")),
            },
        }
    }
    out.push(quote);
    out
}

/// `object.__repr__`: `<module.Name object at 0x...>`, the module from
/// the class's `__module__`.
pub fn default_repr<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>) -> String {
    let class = crate::builtins::type_of(vm, v);
    let module = crate::classes::class_lookup(&class, &vm.new_str("__module__"))
        .and_then(|m| m.as_str().map(String::from))
        .unwrap_or_else(|| "__main__".into());
    let addr = v.obj().map_or(0, |o| o.addr());
    format!("<{module}.{} object at {addr:#x}>", type_name(v))
}

/// `repr(bytes)`.
pub fn bytes_repr(b: &[u8]) -> String {
    try_bytes_repr(b)
        .unwrap_or_else(|| std::alloc::handle_alloc_error(std::alloc::Layout::new::<u8>()))
}

/// [`bytes_repr`], or None when the machine cannot hold the result (the
/// caller raises MemoryError): the repr of a program-sized buffer is
/// reserved at its exact size, fallibly, before it is written.
pub fn try_bytes_repr(b: &[u8]) -> Option<String> {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let escaped: usize = b
        .iter()
        .map(|&c| match c {
            b'\\' | b'\n' | b'\r' | b'\t' => 2,
            c if c as char == quote => 2,
            0x20..=0x7e => 1,
            _ => 4,
        })
        .sum();
    let mut out = String::new();
    out.try_reserve_exact(escaped + 3).ok()?;
    out.push('b');
    out.push(quote);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c as char == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{:02x}", c)),
        }
    }
    out.push(quote);
    Some(out)
}

/// Calls a user-defined `__repr__`/`__str__` if the class has one.
fn user_text<S: LockStrategy>(
    vm: &mut Vm<S>,
    v: &Value<S>,
    name: &str,
) -> PyResult<S, Option<String>> {
    let found = match crate::metaclass::user_metaclass(v) {
        // A class whose metaclass may define the dunder.
        Some(_) => crate::metaclass::call_meta_dunder(vm, v, name, vec![])?,
        None => crate::classes::call_dunder(vm, v, name, vec![])?,
    };
    match found {
        None => Ok(None),
        Some(r) => match r.as_str() {
            Some(s) => Ok(Some(s.to_string())),
            None => Err(vm.type_error(format!(
                "{name} returned non-string (type {})",
                type_name(&r)
            ))),
        },
    }
}

/// `repr(v)`.
pub fn repr<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, String> {
    if crate::classes::user_class_of(v).is_some() || crate::metaclass::user_metaclass(v).is_some() {
        if let Some(s) = user_text(vm, v, "__repr__")? {
            return Ok(s);
        }
    }
    repr_native(vm, v)
}

/// `repr(v)` as the builtin type writes it, whatever a subclass's
/// `__repr__` (what `list.__repr__(x)` returns).
pub fn repr_native<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, String> {
    Ok(match v {
        Value::None => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => float_repr(*f),
        Value::Obj(o) => {
            let addr = o.addr();
            match o.payload() {
                Payload::Str(s) => str_repr(s.as_str()),
                Payload::BigInt(b) => bigint_str(vm, b)?,
                Payload::Float(f) => float_repr(*f),
                Payload::Bytes(b) => {
                    try_bytes_repr(b).ok_or_else(|| crate::alloc::memory_error(vm))?
                }
                Payload::List(_) => crate::types::list::repr(vm, v, addr)?,
                Payload::Tuple(items) => {
                    let inner = join_reprs(vm, items)?;
                    if items.len() == 1 {
                        format!("({inner},)")
                    } else {
                        format!("({inner})")
                    }
                }
                Payload::Dict(_) => {
                    if !vm.enter_repr(addr) {
                        return Ok("{...}".into());
                    }
                    let r = dict_repr_inner(vm, v);
                    vm.leave_repr(addr);
                    format!("{{{}}}", r?)
                }
                Payload::DictView(kind, d) => {
                    let dict = Value::Obj(d.clone());
                    let (name, items): (&str, Vec<Value<S>>) = match kind {
                        DictViewKind::Keys => (
                            "dict_keys",
                            dict_items(&dict).into_iter().map(|(k, _)| k).collect(),
                        ),
                        DictViewKind::Values => (
                            "dict_values",
                            dict_items(&dict).into_iter().map(|(_, v)| v).collect(),
                        ),
                        DictViewKind::Items => (
                            "dict_items",
                            dict_items(&dict)
                                .into_iter()
                                .map(|(k, v)| crate::ops::new_tuple(vec![k, v]))
                                .collect(),
                        ),
                    };
                    format!("{name}([{}])", join_reprs(vm, &items)?)
                }
                Payload::Range(r) => range_repr(r),
                Payload::BigRange(r) => crate::range::repr(r),
                Payload::Slice(parts) => format!(
                    "slice({}, {}, {})",
                    repr(vm, &parts[0])?,
                    repr(vm, &parts[1])?,
                    repr(vm, &parts[2])?
                ),
                Payload::Function(f) => format!("<function {} at {:#x}>", f.code.qualname, addr),
                Payload::Builtin(b) => format!("<built-in function {}>", b.name),
                Payload::BoundMethod(this, func) => {
                    if let Some(Payload::Function(f)) = func.payload() {
                        let qualname = f.code.qualname.to_string();
                        let this = repr(vm, this)?;
                        return Ok(format!("<bound method {qualname} of {this}>"));
                    }
                    let fname = match func.payload() {
                        Some(Payload::Builtin(b)) => b.name.to_string(),
                        _ => "?".into(),
                    };
                    format!(
                        "<built-in method {} of {} object at {:#x}>",
                        fname,
                        type_name(this),
                        addr
                    )
                }
                Payload::Module(m) => crate::modules::import::module_repr(vm, m),
                // A class says where it was defined (`__module__` of its
                // namespace), except a builtin one.
                Payload::Type(t) if t.dict.is_some() => {
                    let key = vm.new_str("__module__");
                    let module = t
                        .dict
                        .as_ref()
                        .and_then(|d| crate::ops::dict_get(d, &key))
                        .and_then(|m| m.as_str().map(String::from));
                    match module {
                        Some(m) if m != "builtins" => {
                            format!("<class '{m}.{}'>", crate::classes::class_names(o, t).1)
                        }
                        _ => format!("<class '{}'>", crate::classes::class_names(o, t).0),
                    }
                }
                Payload::Type(t) => match t.name.as_str() {
                    "Thread" => "<class 'threading.Thread'>".into(),
                    "ABCMeta" => "<class 'abc.ABCMeta'>".into(),
                    "GenericAlias" => "<class 'types.GenericAlias'>".into(),
                    "socket" if t.kind == crate::object::TypeKind::Socket => {
                        "<class 'socket.socket'>".into()
                    }
                    "Queue" if t.kind == crate::object::TypeKind::Queue => {
                        "<class 'queue.Queue'>".into()
                    }
                    // A native type by CPython's `tp_name` (`itertools.count`).
                    name => match t.kind {
                        crate::object::TypeKind::Native(kind) => {
                            format!("<class '{}'>", kind.name())
                        }
                        _ => format!("<class '{name}'>"),
                    },
                },
                Payload::Exception(_) => {
                    let name = type_name(v);
                    let args = crate::interp::exception_args(o);
                    if args.len() == 1 {
                        format!("{name}({})", repr(vm, &args[0])?)
                    } else {
                        format!("{name}({})", join_reprs(vm, &args)?)
                    }
                }
                Payload::Thread(t) => crate::modules::threading::thread_repr(t),
                Payload::Lock(l) => format!(
                    "<{} _thread.lock object at {:#x}>",
                    if l.is_locked() { "locked" } else { "unlocked" },
                    addr
                ),
                Payload::Iter(_) => format!("<{} object at {:#x}>", type_name(v), addr),
                Payload::Queue(_) => format!("<queue.Queue object at {addr:#x}>"),
                Payload::Native(n) => n.repr(vm, o)?,
                Payload::Socket(sock) => sock.repr(),
                Payload::WeakRef(w) => crate::weakref::repr(o, w),
                Payload::Cell(_) => format!("<cell at {:#x}>", addr),
                Payload::Instance(_) => {
                    match type_name(v).as_str() {
                        "NotImplementedType" => return Ok("NotImplemented".into()),
                        "ellipsis" => return Ok("Ellipsis".into()),
                        "traceback" => return Ok(format!("<traceback object at {addr:#x}>")),
                        _ => {}
                    }
                    default_repr(vm, v)
                }
                Payload::Set { .. } => {
                    if !vm.enter_repr(addr) {
                        return Ok("{...}".into());
                    }
                    let r = crate::sets::repr(vm, v);
                    vm.leave_repr(addr);
                    r?
                }
                Payload::Property(..) => format!("<property object at {addr:#x}>"),
                Payload::Generator(g) => {
                    let kind = crate::ops::type_name(v);
                    format!("<{kind} object {} at {addr:#x}>", g.code.qualname)
                }
                Payload::StaticMethod(_) => format!("<staticmethod object at {addr:#x}>"),
                Payload::ClassMethod(_) => format!("<classmethod object at {addr:#x}>"),
                Payload::Super(..) => "<super object>".to_string(),
                Payload::Freed => "<freed>".into(),
            }
        }
    })
}

/// What a `RecursionError` raised while a container's items are repr'd
/// says (CPython's `PyObject_Repr`).
const REPR_CONTEXT: &str = " while getting the repr of an object";

/// The reprs of `items`, comma-separated: one level of recursion through
/// nested containers, counted against the recursion limit as CPython does.
pub(crate) fn join_reprs<S: LockStrategy>(
    vm: &mut Vm<S>,
    items: &[Value<S>],
) -> PyResult<S, String> {
    vm.recursive_call(REPR_CONTEXT, |vm| join_reprs_here(vm, items))
}

fn join_reprs_here<S: LockStrategy>(vm: &mut Vm<S>, items: &[Value<S>]) -> PyResult<S, String> {
    let mut out = String::new();
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&repr(vm, it)?);
    }
    Ok(out)
}

fn dict_repr_inner<S: LockStrategy>(vm: &mut Vm<S>, d: &Value<S>) -> PyResult<S, String> {
    vm.recursive_call(REPR_CONTEXT, |vm| dict_repr_here(vm, d))
}

fn dict_repr_here<S: LockStrategy>(vm: &mut Vm<S>, d: &Value<S>) -> PyResult<S, String> {
    let mut out = String::new();
    for (i, (k, v)) in dict_items(d).iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&repr(vm, k)?);
        out.push_str(": ");
        out.push_str(&repr(vm, v)?);
    }
    Ok(out)
}

/// `str(e)` for an `OSError` with an errno and strerror:
/// "[Errno 2] No such file or directory: 'x'", with its file names.
fn os_error_str<S: LockStrategy>(
    vm: &mut Vm<S>,
    e: &Value<S>,
    args: &[Value<S>],
) -> PyResult<S, Option<String>> {
    if !(2..=5).contains(&args.len()) {
        return Ok(None);
    }
    let mut s = format!(
        "[Errno {}] {}",
        to_str(vm, &args[0])?,
        to_str(vm, &args[1])?
    );
    let attr = |name: &str| ObjRef::new(Payload::Str(crate::object::PyStr::new(name)));
    let filename = crate::ops::get_attr(vm, e, &attr("filename"))?;
    if !matches!(filename, Value::None) {
        s.push_str(": ");
        s.push_str(&repr(vm, &filename)?);
        let filename2 = crate::ops::get_attr(vm, e, &attr("filename2"))?;
        if !matches!(filename2, Value::None) {
            s.push_str(" -> ");
            s.push_str(&repr(vm, &filename2)?);
        }
    }
    Ok(Some(s))
}

/// `str(v)`.
pub fn to_str<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, String> {
    if crate::classes::user_class_of(v).is_some() || crate::metaclass::user_metaclass(v).is_some() {
        if let Some(s) = user_text(vm, v, "__str__")? {
            return Ok(s);
        }
        if let Some(s) = user_text(vm, v, "__repr__")? {
            return Ok(s);
        }
    }
    match v.payload() {
        Some(Payload::Str(s)) => Ok(s.as_str().to_string()),
        Some(Payload::Exception(_)) => {
            if let Some(text) = crate::exceptions::group_str(vm, v)? {
                return Ok(text);
            }
            let args = crate::interp::exception_args(v.obj().expect("exception"));
            let is_key_error = crate::interp::is_instance_of(vm, v, "KeyError");
            if crate::interp::is_os_error(vm, v) {
                if let Some(s) = os_error_str(vm, v, &args)? {
                    return Ok(s);
                }
            }
            match args.len() {
                0 => Ok(String::new()),
                1 if is_key_error => repr(vm, &args[0]),
                1 => to_str(vm, &args[0]),
                _ => repr(vm, &crate::ops::new_tuple(args)),
            }
        }
        Some(Payload::Native(n)) => match v.obj().and_then(|o| n.str(vm, o)) {
            Some(s) => s,
            None => repr(vm, v),
        },
        _ => repr(vm, v),
    }
}
