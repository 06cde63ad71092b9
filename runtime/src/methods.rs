//! Methods of builtin types (`list.append`, `dict.get`, `str.split`...).
//! Each takes the receiver as its first positional argument.

use crate::builtins::arity;
use crate::object::{DictViewKind, NativeFn, ObjRef, Payload, TypeKind, Value};
use crate::ops::{self, type_name};
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyErr, PyResult, Vm};

/// Every builtin method, by receiver type and name.
pub fn all<S: LockStrategy>() -> Vec<(TypeKind, &'static str, NativeFn<S>)> {
    let mut v: Vec<(TypeKind, &'static str, NativeFn<S>)> = vec![
        (TypeKind::List, "append", list_append),
        (TypeKind::List, "pop", list_pop),
        (TypeKind::List, "extend", list_extend),
        (TypeKind::List, "insert", list_insert),
        (TypeKind::List, "index", list_index),
        (TypeKind::List, "count", list_count),
        (TypeKind::List, "reverse", list_reverse),
        (TypeKind::List, "remove", list_remove),
        (TypeKind::List, "sort", list_sort),
        (TypeKind::List, "clear", list_clear),
        (TypeKind::List, "copy", list_copy),
        (TypeKind::Tuple, "index", list_index),
        (TypeKind::Object, "__eq__", object_eq),
        (TypeKind::Object, "__ne__", object_ne),
        (TypeKind::Object, "__lt__", object_order),
        (TypeKind::Object, "__le__", object_order),
        (TypeKind::Object, "__gt__", object_order),
        (TypeKind::Object, "__ge__", object_order),
        (TypeKind::Object, "__hash__", object_hash),
        (TypeKind::Object, "__setattr__", object_setattr),
        (TypeKind::Object, "__delattr__", object_delattr),
        (TypeKind::List, "__len__", dunder_len),
        (TypeKind::Tuple, "__len__", dunder_len),
        (TypeKind::Dict, "__len__", dunder_len),
        (TypeKind::Set, "__len__", dunder_len),
        (TypeKind::FrozenSet, "__len__", dunder_len),
        (TypeKind::Str, "__len__", dunder_len),
        (TypeKind::Bytes, "__len__", dunder_len),
        (TypeKind::Range, "__len__", dunder_len),
        (TypeKind::List, "__contains__", dunder_contains),
        (TypeKind::Tuple, "__contains__", dunder_contains),
        (TypeKind::Dict, "__contains__", dunder_contains),
        (TypeKind::Set, "__contains__", dunder_contains),
        (TypeKind::FrozenSet, "__contains__", dunder_contains),
        (TypeKind::Str, "__contains__", dunder_contains),
        (TypeKind::Bytes, "__contains__", dunder_contains),
        (TypeKind::Range, "__contains__", dunder_contains),
        (TypeKind::Tuple, "count", list_count),
        (TypeKind::Dict, "get", dict_get),
        (TypeKind::Dict, "keys", dict_keys),
        (TypeKind::Dict, "values", dict_values),
        (TypeKind::Dict, "items", dict_items),
        (TypeKind::Dict, "pop", dict_pop),
        (TypeKind::Dict, "popitem", dict_popitem),
        (TypeKind::Dict, "setdefault", dict_setdefault),
        (TypeKind::Dict, "update", dict_update),
        (TypeKind::Dict, "clear", dict_clear),
        (TypeKind::Dict, "copy", dict_copy),
        (TypeKind::Str, "split", str_split),
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
    ];
    v.extend([
        (TypeKind::Generator, "send", gen_send as NativeFn<S>),
        (TypeKind::Generator, "throw", gen_throw),
        (TypeKind::Generator, "close", gen_close),
        (TypeKind::Generator, "__next__", gen_next),
    ]);
    v.extend(crate::sets::methods::<S>());
    v.extend(crate::bytes::methods::<S>());
    v.extend(crate::modules::queue::methods::<S>());
    v.extend(crate::modules::socket::methods::<S>());
    v.extend(crate::modules::threading::methods::<S>());
    v
}

fn recv_list<S: LockStrategy>(args: &Args<S>) -> &ObjRef<S> {
    args.pos[0].obj().expect("method receiver")
}

fn with_list<S: LockStrategy, R>(o: &ObjRef<S>, f: impl FnOnce(&mut Vec<Value<S>>) -> R) -> R {
    match &o.payload {
        Payload::List(cell) => cell.with::<S, _>(&o.header, f),
        _ => unreachable!("list method on a list"),
    }
}

fn list_append<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    arity(vm, "append", &args, 2, 2)?;
    let item = args.pos.pop().expect("2 args");
    with_list(recv_list(&args), |v| v.push(item));
    Ok(Value::None)
}

fn list_pop<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "pop", &args, 1, 2)?;
    let index = match args.pos.get(1) {
        Some(i) => Some(ops::expect_int(vm, i)?),
        None => None,
    };
    let r = with_list(recv_list(&args), |v| {
        if v.is_empty() {
            return Err("pop from empty list");
        }
        let len = v.len() as i64;
        let i = index.unwrap_or(-1);
        let i = if i < 0 { i + len } else { i };
        if !(0..len).contains(&i) {
            return Err("pop index out of range");
        }
        Ok(v.remove(i as usize))
    });
    r.map_err(|m| vm.new_error("IndexError", m))
}

fn list_extend<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "extend", &args, 2, 2)?;
    let items = ops::iterate(vm, &args.pos[1])?;
    with_list(recv_list(&args), |v| v.extend(items));
    Ok(Value::None)
}

fn list_insert<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    arity(vm, "insert", &args, 3, 3)?;
    let item = args.pos.pop().expect("3 args");
    let i = ops::expect_int(vm, &args.pos[1])?;
    with_list(recv_list(&args), |v| {
        let len = v.len() as i64;
        let i = if i < 0 { (i + len).max(0) } else { i.min(len) };
        v.insert(i as usize, item);
    });
    Ok(Value::None)
}

/// The items of a list or tuple receiver.
fn seq_items<S: LockStrategy>(v: &Value<S>) -> Vec<Value<S>> {
    match v.payload() {
        Some(Payload::Tuple(t)) => t.to_vec(),
        _ => ops::list_snapshot(v),
    }
}

fn list_index<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "index", &args, 2, 2)?;
    for (i, x) in seq_items(&args.pos[0]).iter().enumerate() {
        if x.is(&args.pos[1]) || ops::eq(vm, x, &args.pos[1])? {
            return Ok(Value::Int(i as i64));
        }
    }
    let what = type_name(&args.pos[0]);
    if what == "tuple" {
        return Err(vm.value_error("tuple.index(x): x not in tuple"));
    }
    let r = crate::repr::repr(vm, &args.pos[1])?;
    Err(vm.value_error(format!("{r} is not in list")))
}

fn list_count<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "count", &args, 2, 2)?;
    let mut n = 0;
    for x in seq_items(&args.pos[0]) {
        if x.is(&args.pos[1]) || ops::eq(vm, &x, &args.pos[1])? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn list_reverse<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "reverse", &args, 1, 1)?;
    with_list(recv_list(&args), |v| v.reverse());
    Ok(Value::None)
}

fn list_remove<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "remove", &args, 2, 2)?;
    let items = ops::list_snapshot(&args.pos[0]);
    for (i, x) in items.iter().enumerate() {
        if x.is(&args.pos[1]) || ops::eq(vm, x, &args.pos[1])? {
            let target = x.clone();
            // Remove the same object if the list changed meanwhile.
            let removed = with_list(recv_list(&args), |v| {
                let at = if v.get(i).is_some_and(|y| y.is(&target)) {
                    Some(i)
                } else {
                    v.iter().position(|y| y.is(&target))
                };
                at.map(|at| v.remove(at))
            });
            drop(removed);
            return Ok(Value::None);
        }
    }
    Err(vm.value_error("list.remove(x): x not in list"))
}

fn list_sort<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let reverse = match args.take_kw("reverse") {
        Some(v) => ops::truthy(vm, &v)?,
        None => false,
    };
    let key = args.take_kw("key").filter(|k| !matches!(k, Value::None));
    arity(vm, "sort", &args, 1, 1)?;
    // Sort a copy outside the lock (comparisons may be arbitrary code), then
    // store it back.
    let items = ops::list_snapshot(&args.pos[0]);
    let items = crate::builtins::sort_with_key(vm, items, key.as_ref(), reverse)?;
    let old = with_list(recv_list(&args), |v| std::mem::replace(v, items));
    drop(old);
    Ok(Value::None)
}

fn list_clear<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "clear", &args, 1, 1)?;
    let old = with_list(recv_list(&args), std::mem::take);
    ops::drop_reversed(old);
    Ok(Value::None)
}

fn list_copy<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "copy", &args, 1, 1)?;
    Ok(ops::new_list(ops::list_snapshot(&args.pos[0])))
}

/// `object.__eq__`: identity, else NotImplemented.
fn object_eq<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "__eq__", &args, 2, 2)?;
    Ok(if args.pos[0].is(&args.pos[1]) {
        Value::Bool(true)
    } else {
        vm.interp.not_implemented()
    })
}

/// `object.__ne__`: the inverse of an identity, else NotImplemented.
fn object_ne<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "__ne__", &args, 2, 2)?;
    Ok(if args.pos[0].is(&args.pos[1]) {
        Value::Bool(false)
    } else {
        vm.interp.not_implemented()
    })
}

/// `object.__lt__` and friends: NotImplemented.
fn object_order<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "comparison", &args, 2, 2)?;
    Ok(vm.interp.not_implemented())
}

/// `object.__setattr__(obj, name, value)`: the default attribute store,
/// which a user `__setattr__` calls through `super()` or `object`.
fn object_setattr<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    arity(vm, "__setattr__", &args, 3, 3)?;
    let value = args.pos.pop().expect("three arguments");
    let name = args.pos.pop().expect("three arguments");
    if name.as_str().is_none() {
        return Err(vm.type_error(format!(
            "attribute name must be string, not '{}'",
            crate::ops::type_name(&name)
        )));
    }
    crate::classes::object_setattr(vm, &args.pos[0], name, value)?;
    Ok(Value::None)
}

/// `object.__delattr__(obj, name)`: the default attribute deletion.
fn object_delattr<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "__delattr__", &args, 2, 2)?;
    let obj = &args.pos[0];
    let key = &args.pos[1];
    if key.as_str().is_none() {
        return Err(vm.type_error(format!(
            "attribute name must be string, not '{}'",
            crate::ops::type_name(key)
        )));
    }
    let removed = match obj.obj().and_then(crate::classes::instance_dict) {
        Some(d) => {
            let d = d.clone();
            crate::ops::dict_del(vm, &d, key)?.is_some()
        }
        None => false,
    };
    if removed {
        return Ok(Value::None);
    }
    Err(vm.new_error(
        "AttributeError",
        format!(
            "'{}' object has no attribute '{}'",
            crate::ops::type_name(obj),
            key.as_str().unwrap_or("?")
        ),
    ))
}

/// `object.__hash__`: the identity hash.
fn object_hash<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "__hash__", &args, 1, 1)?;
    Ok(Value::Int(match &args.pos[0] {
        Value::Obj(o) => crate::dict::identity_hash(o.addr()),
        other => crate::dict::py_hash(vm, other)?,
    }))
}

/// `x.__len__()` of a builtin container.
fn dunder_len<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "__len__", &args, 1, 1)?;
    Ok(Value::Int(ops::len(vm, &args.pos[0])? as i64))
}

/// `x.__contains__(item)` of a builtin container.
fn dunder_contains<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "__contains__", &args, 2, 2)?;
    Ok(Value::Bool(ops::contains(vm, &args.pos[0], &args.pos[1])?))
}

// ---- dict ----

fn key_error<S: LockStrategy>(vm: &Vm<S>, key: Value<S>) -> PyErr<S> {
    PyErr {
        exc: crate::interp::new_exception_obj(
            vm.interp.exceptions["KeyError"].clone(),
            Box::new([key]),
        ),
    }
}

fn dict_get<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "get", &args, 2, 3)?;
    let key = crate::vm::key_of(vm, args.pos[1].clone())?;
    let d = args.pos[0].obj().expect("receiver");
    Ok(ops::dict_get_key(vm, d, key)?
        .unwrap_or_else(|| args.pos.get(2).cloned().unwrap_or(Value::None)))
}

fn view<S: LockStrategy>(
    vm: &mut Vm<S>,
    args: Args<S>,
    name: &str,
    kind: DictViewKind,
) -> PyResult<S> {
    arity(vm, name, &args, 1, 1)?;
    let d = args.pos[0].obj().expect("receiver").clone();
    Ok(Value::Obj(ObjRef::new(Payload::DictView(kind, d))))
}

fn dict_keys<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    view(vm, args, "keys", DictViewKind::Keys)
}

fn dict_values<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    view(vm, args, "values", DictViewKind::Values)
}

fn dict_items<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    view(vm, args, "items", DictViewKind::Items)
}

fn dict_pop<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "pop", &args, 2, 3)?;
    let d = args.pos[0].obj().expect("receiver");
    match ops::dict_del(vm, d, &args.pos[1])? {
        Some(v) => Ok(v),
        None => match args.pos.get(2) {
            Some(default) => Ok(default.clone()),
            None => Err(key_error(vm, args.pos[1].clone())),
        },
    }
}

/// `d.popitem()`: removes and returns the last inserted `(key, value)`.
fn dict_popitem<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "popitem", &args, 1, 1)?;
    let d = args.pos[0].obj().expect("receiver");
    let Payload::Dict(dict) = &d.payload else {
        unreachable!("dict receiver")
    };
    let last = dict.map.with::<S, _>(&d.header, |m| {
        let last = m.pop();
        if last.is_some() {
            dict.bump_version();
        }
        last
    });
    match last {
        Some((key, value)) => Ok(ops::new_tuple(vec![key.key, value])),
        None => {
            let message = vm.new_str("popitem(): dictionary is empty");
            Err(key_error(vm, message))
        }
    }
}

fn dict_setdefault<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "setdefault", &args, 2, 3)?;
    let d = args.pos[0].obj().expect("receiver");
    let default = args.pos.get(2).cloned().unwrap_or(Value::None);
    let key = crate::vm::key_of(vm, args.pos[1].clone())?;
    let Payload::Dict(dict) = &d.payload else {
        unreachable!("dict receiver")
    };
    // Look up and insert in one critical section, so two threads agree on
    // the winner.
    let mut access = crate::dict::Locked {
        cell: &dict.map,
        header: &d.header,
    };
    crate::dict::find(vm, &mut access, key, |m, found, key| match found {
        Some(i) => m[i].clone(),
        None => {
            m.insert(key, default.clone());
            dict.bump_version();
            default
        }
    })
}

fn dict_update<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let kw = std::mem::take(&mut args.kw);
    arity(vm, "update", &args, 1, 2)?;
    let d = args.pos[0].obj().expect("receiver").clone();
    if let Some(src) = args.pos.get(1) {
        let pairs: Vec<(Value<S>, Value<S>)> = if let Some(items) = ops::mapping_items(vm, src)? {
            items
        } else {
            let mut out = Vec::new();
            for item in ops::iterate(vm, src)? {
                let pair = ops::unpack(vm, &item, 2)?;
                let mut p = pair.into_iter();
                out.push((p.next().expect("2"), p.next().expect("2")));
            }
            out
        };
        for (k, v) in pairs {
            ops::dict_set(vm, &d, k, v)?;
        }
    }
    for (k, v) in kw {
        let key = vm.new_str(k);
        ops::dict_set(vm, &d, key, v)?;
    }
    Ok(Value::None)
}

fn dict_clear<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "clear", &args, 1, 1)?;
    let d = args.pos[0].obj().expect("receiver");
    if let Payload::Dict(dict) = &d.payload {
        let old = dict.map.with::<S, _>(&d.header, |m| {
            dict.bump_version();
            std::mem::take(m)
        });
        drop(old);
    }
    Ok(Value::None)
}

fn dict_copy<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "copy", &args, 1, 1)?;
    let new = ops::new_dict();
    let target = new.obj().expect("dict").clone();
    for (k, v) in ops::dict_items(&args.pos[0]) {
        ops::dict_set(vm, &target, k, v)?;
    }
    Ok(new)
}

// ---- str ----

fn recv_str<S: LockStrategy>(args: &Args<S>) -> &str {
    args.pos[0].as_str().expect("str receiver")
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
    let s = recv_str(&args);
    let parts: Vec<String> = match &sep {
        Value::None => {
            let mut out = Vec::new();
            let mut rest = s.trim_start();
            while !rest.is_empty() {
                if out.len() == limit {
                    out.push(rest.to_string());
                    break;
                }
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                out.push(rest[..end].to_string());
                rest = rest[end..].trim_start();
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
    let sep = recv_str(&args).to_string();
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
    let s = recv_str(&args);
    let chars: Option<Vec<char>> = match args.pos.get(1) {
        None | Some(Value::None) => None,
        Some(_) => Some(str_arg(vm, &args, 1, name)?.chars().collect()),
    };
    let pred = |c: char| match &chars {
        None => c.is_whitespace(),
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
    let r = recv_str(&args).to_uppercase();
    Ok(vm.new_str(r))
}

fn str_lower<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "lower", &args, 1, 1)?;
    let r = recv_str(&args).to_lowercase();
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
    let s = recv_str(&args);
    let r = if count < 0 {
        s.replace(old, new)
    } else {
        s.replacen(old, new, count as usize)
    };
    Ok(vm.new_str(r))
}

/// A prefix/suffix argument: a str or a tuple of str.
fn affixes<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>, name: &str) -> PyResult<S, Vec<String>> {
    match v.payload() {
        Some(Payload::Str(s)) => Ok(vec![s.as_str().to_string()]),
        Some(Payload::Tuple(items)) => items
            .iter()
            .map(|i| {
                i.as_str().map(String::from).ok_or_else(|| {
                    vm.type_error(format!(
                        "tuple for {name} must only contain str, not {}",
                        type_name(i)
                    ))
                })
            })
            .collect(),
        _ => Err(vm.type_error(format!(
            "{name} first arg must be str or a tuple of str, not {}",
            type_name(v)
        ))),
    }
}

fn str_startswith<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "startswith", &args, 2, 2)?;
    let list = affixes(vm, &args.pos[1], "startswith")?;
    let s = recv_str(&args);
    Ok(Value::Bool(list.iter().any(|p| s.starts_with(p.as_str()))))
}

fn str_endswith<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "endswith", &args, 2, 2)?;
    let list = affixes(vm, &args.pos[1], "endswith")?;
    let s = recv_str(&args);
    Ok(Value::Bool(list.iter().any(|p| s.ends_with(p.as_str()))))
}

/// The `[start:end]` window of a str method's receiver, as a char offset
/// and the text of the window.
fn window<'a, S: LockStrategy>(
    vm: &mut Vm<S>,
    args: &'a Args<S>,
    from: usize,
) -> PyResult<S, (usize, &'a str)> {
    let s = recv_str(args);
    let n = s.chars().count();
    let none = Value::None;
    let parts = [
        args.pos.get(from).cloned().unwrap_or(Value::None),
        args.pos.get(from + 1).cloned().unwrap_or(Value::None),
        none,
    ];
    let (start, stop, _, _) = ops::slice_indices(vm, &parts, n)?;
    let start = start.clamp(0, n as i64) as usize;
    let stop = (stop.max(start as i64) as usize).min(n);
    let byte = |c: usize| s.char_indices().nth(c).map(|(b, _)| b).unwrap_or(s.len());
    Ok((start, &s[byte(start)..byte(stop)]))
}

fn str_find<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "find", &args, 2, 4)?;
    let sub = str_arg(vm, &args, 1, "find")?.to_string();
    let (offset, s) = window(vm, &args, 2)?;
    Ok(Value::Int(match s.find(&sub) {
        Some(byte) => (offset + s[..byte].chars().count()) as i64,
        None => -1,
    }))
}

fn str_partition<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "partition", &args, 2, 2)?;
    let sep = str_arg(vm, &args, 1, "partition")?;
    let s = recv_str(&args);
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
    let s = recv_str(&args);
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
    let s = recv_str(&args);
    let mut parts: Vec<String> = match sep.as_str() {
        None => {
            let mut out = Vec::new();
            let mut rest = s.trim_end();
            while !rest.is_empty() {
                if out.len() == limit {
                    out.push(rest.to_string());
                    break;
                }
                let start = rest
                    .rfind(char::is_whitespace)
                    .map(|i| i + rest[i..].chars().next().map_or(1, char::len_utf8))
                    .unwrap_or(0);
                out.push(rest[start..].to_string());
                rest = rest[..start].trim_end();
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

fn str_swapcase<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "swapcase", &args, 1, 1)?;
    let out: String = recv_str(&args)
        .chars()
        .flat_map(|c| {
            if c.is_uppercase() {
                c.to_lowercase().collect::<Vec<_>>()
            } else {
                c.to_uppercase().collect::<Vec<_>>()
            }
        })
        .collect();
    Ok(vm.new_str(out))
}

fn str_removeprefix<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "removeprefix", &args, 2, 2)?;
    let p = str_arg(vm, &args, 1, "removeprefix")?;
    let s = recv_str(&args);
    Ok(vm.new_str(s.strip_prefix(p).unwrap_or(s)))
}

fn str_removesuffix<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "removesuffix", &args, 2, 2)?;
    let p = str_arg(vm, &args, 1, "removesuffix")?;
    let s = recv_str(&args);
    Ok(vm.new_str(if p.is_empty() {
        s
    } else {
        s.strip_suffix(p).unwrap_or(s)
    }))
}

fn str_splitlines<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "splitlines", &args, 1, 2)?;
    let keep = match args.pos.get(1) {
        Some(v) => ops::truthy(vm, v)?,
        None => false,
    };
    let s = recv_str(&args);
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let eol = match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => 2,
            b'\n' | b'\r' => 1,
            _ => 0,
        };
        if eol > 0 {
            let end = if keep { i + eol } else { i };
            out.push(s[start..end].to_string());
            i += eol;
            start = i;
        } else {
            i += 1;
        }
    }
    if start < s.len() {
        out.push(s[start..].to_string());
    }
    Ok(ops::new_list(
        out.into_iter().map(|p| vm.new_str(p)).collect(),
    ))
}

fn str_count<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "count", &args, 2, 4)?;
    let sub = str_arg(vm, &args, 1, "count")?.to_string();
    let sub = sub.as_str();
    let (_, s) = window(vm, &args, 2)?;
    Ok(Value::Int(if sub.is_empty() {
        s.chars().count() as i64 + 1
    } else {
        s.matches(sub).count() as i64
    }))
}

fn str_isdigit<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "isdigit", &args, 1, 1)?;
    let s = recv_str(&args);
    Ok(Value::Bool(
        !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()),
    ))
}

fn str_format<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let kw = std::mem::take(&mut args.kw);
    let template = recv_str(&args).to_string();
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
    arity(vm, name, &args, 1, 1)?;
    Ok(Value::Bool(f(recv_str(&args))))
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
        !s.is_empty() && s.chars().all(char::is_alphabetic)
    })
}

fn str_isalnum<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    str_pred(vm, args, "isalnum", |s| {
        !s.is_empty() && s.chars().all(char::is_alphanumeric)
    })
}

fn str_isspace<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    str_pred(vm, args, "isspace", |s| {
        !s.is_empty() && s.chars().all(char::is_whitespace)
    })
}

fn str_title<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "title", &args, 1, 1)?;
    let mut out = String::new();
    let mut prev_cased = false;
    for c in recv_str(&args).chars() {
        if prev_cased {
            out.extend(c.to_lowercase());
        } else {
            out.extend(c.to_uppercase());
        }
        prev_cased = c.is_alphabetic();
    }
    Ok(vm.new_str(out))
}

fn str_capitalize<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "capitalize", &args, 1, 1)?;
    let mut chars = recv_str(&args).chars();
    let out: String = match chars.next() {
        Some(first) => first
            .to_uppercase()
            .chain(chars.flat_map(|c| c.to_lowercase()))
            .collect(),
        None => String::new(),
    };
    Ok(vm.new_str(out))
}

fn str_zfill<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "zfill", &args, 2, 2)?;
    let width = ops::expect_int(vm, &args.pos[1])?.max(0) as usize;
    let s = recv_str(&args);
    let n = s.chars().count();
    if n >= width {
        return Ok(vm.new_str(s));
    }
    let (sign, digits) = match s.chars().next() {
        Some(c @ ('+' | '-')) => (c.to_string(), &s[1..]),
        _ => (String::new(), s),
    };
    let out = format!("{sign}{}{digits}", "0".repeat(width - n));
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
    let s = recv_str(&args);
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
    let f = |k: usize| std::iter::repeat_n(fill, k).collect::<String>();
    let out = format!("{}{s}{}", f(left), f(right));
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

fn str_rfind<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "rfind", &args, 2, 2)?;
    let sub = str_arg(vm, &args, 1, "rfind")?;
    let s = recv_str(&args);
    Ok(Value::Int(match s.rfind(sub) {
        Some(byte) => s[..byte].chars().count() as i64,
        None => -1,
    }))
}

fn str_index<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "index", &args, 2, 2)?;
    let sub = str_arg(vm, &args, 1, "index")?;
    let s = recv_str(&args);
    match s.find(sub) {
        Some(byte) => Ok(Value::Int(s[..byte].chars().count() as i64)),
        None => Err(vm.value_error("substring not found")),
    }
}

// ---- generators ----

/// `StopIteration(value)`, as a generator that returned raises it.
fn stop_iteration<S: LockStrategy>(vm: &Vm<S>, value: Value<S>) -> PyErr<S> {
    let args: Box<[Value<S>]> = if matches!(value, Value::None) {
        Box::new([])
    } else {
        Box::new([value])
    };
    PyErr {
        exc: crate::interp::new_exception_obj(vm.interp.exceptions["StopIteration"].clone(), args),
    }
}

fn resume_value<S: LockStrategy>(
    vm: &mut Vm<S>,
    g: &Value<S>,
    send: Value<S>,
    throw: Option<PyErr<S>>,
) -> PyResult<S> {
    match vm.gen_resume(g.obj().expect("generator"), send, throw)? {
        crate::vm::GenStep::Yielded(v) => Ok(v),
        crate::vm::GenStep::Returned(r) => Err(stop_iteration(vm, r)),
    }
}

fn gen_send<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "send", &args, 2, 2)?;
    resume_value(vm, &args.pos[0], args.pos[1].clone(), None)
}

fn gen_next<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "__next__", &args, 1, 1)?;
    resume_value(vm, &args.pos[0], Value::None, None)
}

/// `gen.throw(exc)`: raises `exc` where the generator is suspended.
fn gen_throw<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "throw", &args, 2, 3)?;
    let exc = match args.pos[1].payload() {
        Some(Payload::Exception(_)) => args.pos[1].clone(),
        Some(Payload::Type(_)) => {
            let ctor_args = args.pos.get(2).cloned().into_iter().collect();
            vm.call(&args.pos[1], ctor_args)?
        }
        _ => {
            return Err(vm.type_error(
                "exceptions must be classes or instances deriving from BaseException, not str",
            ))
        }
    };
    let Value::Obj(exc) = exc else {
        return Err(vm.type_error("exceptions must derive from BaseException"));
    };
    resume_value(vm, &args.pos[0], Value::None, Some(PyErr { exc }))
}

/// `gen.close()`.
fn gen_close<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "close", &args, 1, 1)?;
    vm.gen_close(args.pos[0].obj().expect("generator"))?;
    Ok(Value::None)
}
