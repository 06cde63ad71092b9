//! `list`, as CPython's `Objects/listobject.c`: its constructor and
//! `__init__`, its methods, and its slots (item access, concatenation and
//! in-place operators, equality, membership, repr), one file.
//!
//! A list is [`Payload::List`]: its items in an [`ObjCell`], so every read
//! and write holds the list's lock under `finegrained` and nothing beyond
//! the GIL otherwise. (The variant stays in the closed `Payload` enum, not
//! behind [`super::NativeObject`]: the interpreter's fast paths match it
//! directly.) The operator layer (`ops`, `repr`) calls the functions here
//! from its `Payload::List` arms.
//!
//! # Locking
//!
//! No Python code runs under a list's lock. Where an operation needs some
//! (an `__eq__`, an iterable to consume, a key function), the list is read
//! or the argument prepared outside the lock and the change made in one
//! critical section after, as CPython's free-threaded build does:
//!
//! * `a.extend(b)`, `a += b`, `a + b`, `a == b` with two lists read both
//!   under both locks at once ([`crate::atomic::with_two`]), so the result
//!   is the two lists as they were at one instant;
//! * scans (`index`, `remove`, `count`, `in`) compare plain items under the
//!   lock and step outside it only for an item that needs `__eq__`
//!   ([`find`]);
//! * slice assignment fits its indices to the length under the lock that
//!   stores, where the length is final;
//! * `sort` with Python comparisons empties the list while it sorts, as
//!   CPython does, and reports a change made meanwhile.

use crate::builtins::arity;
use crate::code::BinOp;
use crate::object::{ObjCell, ObjRef, Payload, TypeKind, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};

/// A list's items, behind its lock.
pub type Items<S> = ObjCell<Vec<Value<S>>>;

/// The methods of `list`, registered by `crate::methods`.
pub fn methods<S: LockStrategy>() -> Vec<(TypeKind, &'static str, crate::object::NativeFn<S>)> {
    vec![
        (TypeKind::List, "append", append),
        (TypeKind::List, "pop", pop),
        (TypeKind::List, "extend", extend),
        (TypeKind::List, "insert", insert),
        (TypeKind::List, "index", index),
        (TypeKind::List, "count", count),
        (TypeKind::List, "reverse", reverse),
        (TypeKind::List, "remove", remove),
        (TypeKind::List, "sort", sort),
        (TypeKind::List, "clear", clear),
        (TypeKind::List, "copy", copy),
        (TypeKind::List, "__init__", init),
    ]
}

// ---- construction ----

/// `list()` and `list(iterable)`.
pub fn construct<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    crate::subclass::no_keywords(vm, "list", &args)?;
    arity(vm, "list", &args, 0, 1)?;
    match args.pos.first() {
        None => Ok(ops::new_list(Vec::new())),
        Some(v) => Ok(ops::new_list(ops::iterate(vm, v)?)),
    }
}

/// `list.__init__(self, iterable=())`: replaces the items.
pub fn init<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    crate::subclass::no_keywords(vm, "list", &args)?;
    arity(vm, "list", &args, 1, 2)?;
    let items = match args.pos.get(1) {
        Some(it) => ops::iterate(vm, it)?,
        None => Vec::new(),
    };
    let Some(Payload::List(cell)) = args.pos[0].payload() else {
        return Err(crate::subclass::descriptor_error(vm, "list", &args.pos[0]));
    };
    let o = args.pos[0].obj().expect("a list is an object");
    let old = cell.with::<S, _>(&o.header, |v| std::mem::replace(v, items));
    ops::drop_reversed(old);
    Ok(Value::None)
}

// ---- methods ----

/// The receiver of a list method: a list, or an instance of a subclass;
/// CPython's TypeError for anything else.
fn recv_list<'a, S: LockStrategy>(vm: &Vm<S>, args: &'a Args<S>) -> PyResult<S, &'a ObjRef<S>> {
    match &args.pos[0] {
        Value::Obj(o) if matches!(o.payload(), Payload::List(_)) => Ok(o),
        other => Err(not_a_list(vm, other)),
    }
}

/// Runs `f` on the receiver's items under its lock; CPython's TypeError
/// for a receiver that is not a list.
fn with_list<S: LockStrategy, R>(
    vm: &Vm<S>,
    args: &Args<S>,
    f: impl FnOnce(&mut Vec<Value<S>>) -> R,
) -> PyResult<S, R> {
    match args.pos[0].payload() {
        Some(Payload::List(cell)) => Ok(cell.with::<S, _>(&recv_list(vm, args)?.header, f)),
        _ => Err(not_a_list(vm, &args.pos[0])),
    }
}

fn not_a_list<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>) -> crate::vm::PyErr<S> {
    vm.type_error(format!(
        "descriptor for 'list' objects doesn't apply to a '{}' object",
        ops::type_name(v)
    ))
}

fn append<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    arity(vm, "append", &args, 2, 2)?;
    let item = args.pos.pop().expect("2 args");
    with_list(vm, &args, |v| v.push(item))?;
    Ok(Value::None)
}

fn pop<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "pop", &args, 1, 2)?;
    let index = match args.pos.get(1) {
        Some(i) => Some(ops::expect_int(vm, i)?),
        None => None,
    };
    let r = with_list(vm, &args, |v| {
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
    })?;
    r.map_err(|m| vm.new_error("IndexError", m))
}

fn extend<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "extend", &args, 2, 2)?;
    extend_from(vm, recv_list(vm, &args)?, &args.pos[1])?;
    Ok(Value::None)
}

/// `a.extend(b)` and `a += b`. A list `b` is read in the critical section
/// that extends `a` (both locks, taken together; one when `b` is `a`), so
/// the items added are `b` as it was at one instant; a tuple needs no lock;
/// anything else is iterated first (that may run Python code).
pub fn extend_from<S: LockStrategy>(
    vm: &mut Vm<S>,
    a: &ObjRef<S>,
    b: &Value<S>,
) -> PyResult<S, ()> {
    let Payload::List(cell) = a.payload() else {
        return Err(not_a_list(vm, &Value::Obj(a.clone())));
    };
    if let Value::Obj(o) = b {
        // An exact list or tuple is copied; a subclass may override
        // `__iter__` (CPython's `list_extend` checks the exact types too).
        match o.stored() {
            Payload::List(other) => {
                crate::atomic::with_two(a, cell, o, other, |v, w| match w {
                    Some(w) => v.extend(w.iter().cloned()),
                    None => v.extend_from_within(..),
                });
                return Ok(());
            }
            Payload::Tuple(items) => {
                cell.with::<S, _>(&a.header, |v| v.extend(items.iter().cloned()));
                return Ok(());
            }
            _ => {}
        }
    }
    let items = ops::iterate(vm, b)?;
    cell.with::<S, _>(&a.header, |v| v.extend(items));
    Ok(())
}

fn insert<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    arity(vm, "insert", &args, 3, 3)?;
    let item = args.pos.pop().expect("3 args");
    let i = ops::expect_int(vm, &args.pos[1])?;
    with_list(vm, &args, |v| {
        let len = v.len() as i64;
        let i = if i < 0 { (i + len).max(0) } else { i.min(len) };
        v.insert(i as usize, item);
    })?;
    Ok(Value::None)
}

/// The items of a list or tuple receiver.
fn seq_items<S: LockStrategy>(v: &Value<S>) -> Vec<Value<S>> {
    match v.payload() {
        Some(Payload::Tuple(t)) => t.to_vec(),
        _ => ops::list_snapshot(v),
    }
}

pub fn index<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "index", &args, 2, 2)?;
    if let Some(Payload::List(cell)) = args.pos[0].payload() {
        let o = recv_list(vm, &args)?;
        if let Some(i) = find(vm, o, cell, &args.pos[1], 0, |_, i| i)? {
            return Ok(Value::Int(i as i64));
        }
        let r = crate::repr::repr(vm, &args.pos[1])?;
        return Err(vm.value_error(format!("{r} is not in list")));
    }
    for (i, x) in seq_items(&args.pos[0]).iter().enumerate() {
        if x.is(&args.pos[1]) || ops::eq(vm, x, &args.pos[1])? {
            return Ok(Value::Int(i as i64));
        }
    }
    Err(vm.value_error("tuple.index(x): x not in tuple"))
}

/// What one critical section of a list scan ended with.
enum Scan<S: LockStrategy, R> {
    /// An item equal without running code, and what `act` made of it.
    Found(R),
    /// The end of the list.
    End,
    /// An item at this index that needs `__eq__` (run outside the lock).
    Compare(usize, Value<S>),
}

/// CPython's list scan (`list.index`, `list.remove`, `in`): from index
/// `from`, the first item equal to `x`, re-reading the list at every step
/// since its length may change. Plain items are compared under the lock,
/// and `act` runs on the index found in the same critical section, so a
/// scan of plain items and the removal it decides are atomic; an item
/// that needs `__eq__` is compared outside the lock, and `act` then runs
/// on that index in a new critical section.
pub fn find<S: LockStrategy, R>(
    vm: &mut Vm<S>,
    o: &ObjRef<S>,
    cell: &crate::object::ObjCell<Vec<Value<S>>>,
    x: &Value<S>,
    from: usize,
    act: impl FnOnce(&mut Vec<Value<S>>, usize) -> R,
) -> PyResult<S, Option<R>> {
    let mut act = Some(act);
    let mut i = from;
    loop {
        let scan = cell.with::<S, _>(&o.header, |v| {
            while let Some(y) = v.get(i) {
                match crate::atomic::plain_eq(vm, y, x) {
                    Some(true) => {
                        let act = act.take().expect("the action runs once");
                        return Scan::Found(act(v, i));
                    }
                    Some(false) => i += 1,
                    None => return Scan::Compare(i, y.clone()),
                }
            }
            Scan::End
        });
        match scan {
            Scan::Found(r) => return Ok(Some(r)),
            Scan::End => return Ok(None),
            Scan::Compare(j, y) => {
                if ops::eq(vm, &y, x)? {
                    let act = act.take().expect("the action runs once");
                    return Ok(Some(cell.with::<S, _>(&o.header, |v| act(v, j))));
                }
                i = j + 1;
            }
        }
    }
}

pub fn count<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "count", &args, 2, 2)?;
    let x = &args.pos[1];
    let Some(Payload::List(cell)) = args.pos[0].payload() else {
        let mut n = 0;
        for y in seq_items(&args.pos[0]) {
            if y.is(x) || ops::eq(vm, &y, x)? {
                n += 1;
            }
        }
        return Ok(Value::Int(n));
    };
    // As `find`: plain items are counted under the lock (a list of
    // plain items in one critical section), the others compared outside it.
    let o = recv_list(vm, &args)?;
    let (mut n, mut i) = (0, 0);
    loop {
        let scan = cell.with::<S, _>(&o.header, |v| {
            while let Some(y) = v.get(i) {
                match crate::atomic::plain_eq(vm, y, x) {
                    Some(equal) => {
                        n += equal as i64;
                        i += 1;
                    }
                    None => return Scan::Compare(i, y.clone()),
                }
            }
            Scan::<S, ()>::End
        });
        match scan {
            Scan::Compare(j, y) => {
                n += ops::eq(vm, &y, x)? as i64;
                i = j + 1;
            }
            _ => return Ok(Value::Int(n)),
        }
    }
}

fn reverse<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "reverse", &args, 1, 1)?;
    with_list(vm, &args, |v| v.reverse())?;
    Ok(Value::None)
}

fn remove<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "remove", &args, 2, 2)?;
    let o = recv_list(vm, &args)?;
    let Payload::List(cell) = o.payload() else {
        return Err(not_a_list(vm, &args.pos[0]));
    };
    // CPython removes the index where the equal item was found (a `__eq__`
    // that changed the list meanwhile moves what is there).
    let removed = find(vm, o, cell, &args.pos[1], 0, |v, i| {
        (i < v.len()).then(|| v.remove(i))
    })?;
    match removed {
        Some(item) => {
            drop(item);
            Ok(Value::None)
        }
        None => Err(vm.value_error("list.remove(x): x not in list")),
    }
}

fn sort<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let reverse = match args.take_kw("reverse") {
        Some(v) => ops::truthy(vm, &v)?,
        None => false,
    };
    let key = args.take_kw("key").filter(|k| !matches!(k, Value::None));
    crate::builtins::no_other_keywords(vm, "sort", &args)?;
    arity(vm, "sort", &args, 1, 1)?;
    let o = recv_list(vm, &args)?;
    let Payload::List(cell) = o.payload() else {
        return Err(not_a_list(vm, &args.pos[0]));
    };
    if key.is_none() {
        // Plain items are ordered without running code: sort in place, in
        // one critical section.
        let sorted = cell.with::<S, _>(&o.header, |v| {
            v.iter()
                .all(crate::atomic::is_plain)
                .then(|| crate::builtins::sort_values(vm, v, reverse))
        });
        if let Some(r) = sorted {
            r?;
            return Ok(Value::None);
        }
    }
    // Comparisons or the key run Python code, outside the lock. As CPython's
    // `list_sort_impl` does, the list is empty meanwhile; its items come back
    // sorted (or as far as a failing sort got), anything stored into it
    // meanwhile is dropped, and a change raises ValueError.
    let mut items = cell.with::<S, _>(&o.header, std::mem::take);
    let result = match &key {
        None => crate::builtins::sort_values(vm, &mut items, reverse),
        Some(key) => match crate::builtins::sort_with_key(vm, items.clone(), Some(key), reverse) {
            Ok(sorted) => {
                items = sorted;
                Ok(())
            }
            Err(e) => Err(e),
        },
    };
    let during = cell.with::<S, _>(&o.header, |v| std::mem::replace(v, items));
    // Emptied by `take`, the list has no buffer; any store since made one
    // (CPython's `allocated != -1`).
    let modified = during.capacity() != 0;
    ops::drop_reversed(during);
    result?;
    if modified {
        return Err(vm.value_error("list modified during sort"));
    }
    Ok(Value::None)
}

fn clear<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "clear", &args, 1, 1)?;
    let old = with_list(vm, &args, std::mem::take)?;
    ops::drop_reversed(old);
    Ok(Value::None)
}

fn copy<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "copy", &args, 1, 1)?;
    Ok(ops::new_list(ops::list_snapshot(&args.pos[0])))
}

// ---- slots (called from the operator layer's `Payload::List` arms) ----

/// `repr(list)`: the items' reprs, `[...]` for a list met again inside
/// itself.
pub fn repr<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>, addr: usize) -> PyResult<S, String> {
    if !vm.enter_repr(addr) {
        return Ok("[...]".into());
    }
    let r = crate::repr::join_reprs(vm, &ops::list_snapshot(v));
    vm.leave_repr(addr);
    Ok(format!("[{}]", r?))
}

/// `a + b` for two lists: both as they were at one instant.
pub fn concat<S: LockStrategy>(a: &Value<S>, p: &Items<S>, b: &Value<S>, q: &Items<S>) -> Value<S> {
    let (x, y) = (a.obj().expect("list"), b.obj().expect("list"));
    let items = crate::atomic::with_two(x, p, y, q, |v, w| {
        let w: &[Value<S>] = match &w {
            Some(w) => w,
            None => v,
        };
        let mut items = Vec::with_capacity(v.len() + w.len());
        items.extend(v.iter().cloned());
        items.extend(w.iter().cloned());
        items
    });
    ops::new_list(items)
}

/// `a += b` (extends in place) and `a *= n` (repeats in place, CPython's
/// `list_inplace_repeat`, in one critical section); `None` for other
/// operators.
pub fn inplace<S: LockStrategy>(
    vm: &mut Vm<S>,
    op: BinOp,
    o: &ObjRef<S>,
    cell: &Items<S>,
    other: &Value<S>,
) -> PyResult<S, Option<Value<S>>> {
    let this = Value::Obj(o.clone());
    match (op, other) {
        (BinOp::Add, _) => {
            extend_from(vm, o, other)?;
            Ok(Some(this))
        }
        (BinOp::Mul, Value::Int(_) | Value::Bool(_)) => {
            let b = other;
            // `list *= n` repeats in place (CPython's `list_inplace_repeat`),
            // in one critical section.
            let count = match b {
                Value::Int(n) => (*n).max(0) as usize,
                _ => matches!(b, Value::Bool(true)) as usize,
            };
            let repeated = cell.with::<S, _>(&o.header, |v| {
                let len = v.len();
                if len.checked_mul(count).is_none_or(|n| n > (1 << 34)) {
                    return None;
                }
                if count == 0 {
                    return Some(std::mem::take(v));
                }
                v.try_reserve(len * (count - 1)).ok()?;
                for _ in 1..count {
                    v.extend_from_within(..len);
                }
                Some(Vec::new())
            });
            match repeated {
                Some(cleared) => {
                    ops::drop_reversed(cleared);
                    Ok(Some(this))
                }
                None => Err(vm.new_error("MemoryError", "")),
            }
        }
        _ => Ok(None),
    }
}

/// `a == b` for two lists.
pub fn eq<S: LockStrategy>(
    vm: &mut Vm<S>,
    a: &Value<S>,
    p: &Items<S>,
    b: &Value<S>,
    q: &Items<S>,
) -> PyResult<S, bool> {
    if a.is(b) {
        return Ok(true);
    }
    let (x, y) = (a.obj().expect("list"), b.obj().expect("list"));
    // Both lists at one instant: compared under both locks when no item
    // needs `__eq__`, else copied together and compared outside them.
    let (x, y) = match crate::atomic::with_two(x, p, y, q, |x, y| {
        let Some(y) = y else {
            return Err(true);
        };
        match ops::plain_seq_eq(vm, x, y) {
            Some(equal) => Err(equal),
            None => Ok((x.clone(), y.clone())),
        }
    }) {
        Err(equal) => return Ok(equal),
        Ok(copies) => copies,
    };
    ops::seq_eq(vm, &x, &y)
}

/// `list[index]`, an int or a slice (`slice` is its parts).
#[inline]
pub fn get_item<S: LockStrategy>(
    vm: &mut Vm<S>,
    o: &ObjRef<S>,
    cell: &Items<S>,
    index: &Value<S>,
    slice: Option<&[Value<S>; 3]>,
) -> PyResult<S> {
    if let Some(parts) = slice {
        let items = ops::list_snapshot(&Value::Obj(o.clone()));
        let (start, _, step, count) = ops::slice_indices(vm, parts, items.len())?;
        return Ok(ops::new_list(ops::slice_pick(&items, start, step, count)));
    }
    let i = ops::index_of(vm, "list", index)?;
    cell.with::<S, _>(&o.header, |v| {
        ops::seq_index(i, v.len()).map(|i| v[i].clone())
    })
    .ok_or_else(|| vm.new_error("IndexError", "list index out of range"))
}

/// `list[index] = value`.
pub fn set_item<S: LockStrategy>(
    vm: &mut Vm<S>,
    o: &ObjRef<S>,
    cell: &Items<S>,
    index: &Value<S>,
    value: Value<S>,
) -> PyResult<S, ()> {
    if let Some(Payload::Slice(parts)) = index.payload() {
        let new_items = ops::iterate(vm, &value)?;
        // The indices are fitted to the length in the critical
        // section that stores, so they hold for the list as it is.
        let raw = ops::slice_unpack(vm, parts)?;
        let stored = cell.with::<S, _>(&o.header, |v| {
            let (start, stop, step, count) = ops::slice_adjust(raw, v.len());
            if step == 1 {
                let (a, b) = (start as usize, stop.max(start) as usize);
                return Ok(v.splice(a..b, new_items).collect::<Vec<_>>());
            }
            if new_items.len() != count {
                return Err((new_items, count));
            }
            let mut old = Vec::with_capacity(count);
            for (k, item) in new_items.into_iter().enumerate() {
                let i = (start + k as i64 * step) as usize;
                old.push(std::mem::replace(&mut v[i], item));
            }
            Ok(old)
        });
        return match stored {
            Ok(old) => {
                ops::drop_reversed(old);
                Ok(())
            }
            Err((new_items, count)) => Err(vm.value_error(format!(
                "attempt to assign sequence of size {} to extended slice of size {}",
                new_items.len(),
                count
            ))),
        };
    }
    let i = ops::index_of(vm, "list", index)?;
    let old = cell.with::<S, _>(&o.header, |v| {
        ops::seq_index(i, v.len()).map(|i| std::mem::replace(&mut v[i], value))
    });
    match old {
        Some(old) => {
            drop(old);
            Ok(())
        }
        None => Err(vm.new_error("IndexError", "list assignment index out of range")),
    }
}

/// `del list[index]`.
pub fn del_item<S: LockStrategy>(
    vm: &mut Vm<S>,
    o: &ObjRef<S>,
    cell: &Items<S>,
    index: &Value<S>,
) -> PyResult<S, ()> {
    if let Some(Payload::Slice(parts)) = index.payload() {
        // Fitted to the length under the lock, as in `set_item`.
        let raw = ops::slice_unpack(vm, parts)?;
        let removed = cell.with::<S, _>(&o.header, |v| {
            let (start, stop, step, count) = ops::slice_adjust(raw, v.len());
            if step == 1 {
                // Released last first, as CPython releases them.
                let (a, b) = (start as usize, stop.max(start) as usize);
                return v.drain(a..b).rev().collect::<Vec<_>>();
            }
            let mut idx: Vec<usize> = (0..count)
                .map(|k| (start + k as i64 * step) as usize)
                .collect();
            idx.sort_unstable();
            let mut removed = Vec::with_capacity(idx.len());
            for i in idx.into_iter().rev() {
                removed.push(v.remove(i));
            }
            removed
        });
        drop(removed);
        return Ok(());
    }
    let i = ops::index_of(vm, "list", index)?;
    let removed = cell.with::<S, _>(&o.header, |v| {
        ops::seq_index(i, v.len()).map(|i| v.remove(i))
    });
    match removed {
        Some(_) => Ok(()),
        None => Err(vm.new_error("IndexError", "list assignment index out of range")),
    }
}
