//! The iterators over other iterators: `chain`, `islice`, `zip_longest`,
//! `accumulate`, `starmap`. Each pulls from what it wraps with no lock
//! held (that may run Python code) and keeps its own bookkeeping under its
//! lock.

use super::{bind, iterator_slots, no_keywords, object_repr, Kind};
use crate::builtins::arity;
use crate::code::BinOp;
use crate::object::{Header, NativeFn, ObjCell, ObjRef, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::types::NativeObject;
use crate::vm::{Args, PyResult, Vm};
use std::collections::VecDeque;

/// Drops what `f` takes out of a cell after the lock is released (a value
/// freed may run a finalizer's bookkeeping, never under a lock).
fn clear_cell<S: LockStrategy, T>(cell: &ObjCell<T>, header: &Header, f: impl FnOnce(&mut T) -> T) {
    let old = cell.with::<S, _>(header, f);
    drop(old);
}

// ---- chain ----

struct ChainState<S: LockStrategy> {
    /// The iterator over the iterables; `None` once exhausted.
    source: Option<Value<S>>,
    /// The iterators of the iterables reached and not yet exhausted: the
    /// first is read. (One, unless threads sharing the chain pulled the
    /// next iterable at once: each keeps its place in line.)
    active: VecDeque<Value<S>>,
}

pub struct Chain<S: LockStrategy> {
    state: ObjCell<ChainState<S>>,
}

fn new_chain<S: LockStrategy>(source: Value<S>) -> Value<S> {
    crate::types::new_object(Chain {
        state: ObjCell::new(ChainState {
            source: Some(source),
            active: VecDeque::new(),
        }),
    })
}

/// `chain(*iterables)`: the iterables are made iterators only when reached.
pub fn chain_new<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_keywords(vm, "chain", &args)?;
    let source = ops::get_iter(vm, &ops::new_tuple(args.pos))?;
    Ok(new_chain(source))
}

/// `chain.from_iterable(iterable)`.
fn chain_from_iterable<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "chain.from_iterable", &args, 1, 1)?;
    let source = ops::get_iter(vm, &args.pos[0])?;
    Ok(new_chain(source))
}

pub fn chain_methods<S: LockStrategy>() -> Vec<(&'static str, NativeFn<S>)> {
    vec![("from_iterable", chain_from_iterable)]
}

impl<S: LockStrategy> NativeObject<S> for Chain<S> {
    iterator_slots!();

    fn kind(&self) -> crate::types::NativeKind {
        crate::types::NativeKind::Itertools(Kind::Chain)
    }

    fn repr(&self, _vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, String> {
        Ok(object_repr(Kind::Chain, this))
    }

    fn next(&self, vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, Option<Value<S>>> {
        loop {
            let (source, active) = self.state.with::<S, _>(&this.header, |st| {
                (st.source.clone(), st.active.front().cloned())
            });
            if let Some(active) = active {
                if let Some(v) = ops::iter_next(vm, &active)? {
                    return Ok(Some(v));
                }
                // This iterable is done: on to the next (unless another
                // thread has moved on already).
                let old = self
                    .state
                    .with::<S, _>(&this.header, |st| match st.active.front() {
                        Some(a) if a.is(&active) => st.active.pop_front(),
                        _ => None,
                    });
                drop(old);
                continue;
            }
            let Some(source) = source else {
                return Ok(None);
            };
            let Some(iterable) = ops::iter_next(vm, &source)? else {
                let old = self.state.with::<S, _>(&this.header, |st| st.source.take());
                drop(old);
                return Ok(None);
            };
            let it = ops::get_iter(vm, &iterable)?;
            self.state
                .with::<S, _>(&this.header, |st| st.active.push_back(it));
        }
    }

    fn traverse(&self, header: &Header, visit: &mut dyn FnMut(&Value<S>)) {
        self.state.with::<S, _>(header, |st| {
            st.source
                .iter()
                .chain(st.active.iter())
                .for_each(&mut *visit)
        });
    }

    fn clear(&self, header: &Header) {
        clear_cell::<S, _>(&self.state, header, |st| ChainState {
            source: st.source.take(),
            active: std::mem::take(&mut st.active),
        });
    }
}

// ---- islice ----

struct IsliceState<S: LockStrategy> {
    /// `None` once exhausted (CPython drops the iterator then).
    it: Option<Value<S>>,
    /// The position of the next item to yield.
    next: u64,
    /// `None`: no stop.
    stop: Option<u64>,
    step: u64,
    /// Items consumed so far.
    cnt: u64,
}

pub struct Islice<S: LockStrategy> {
    state: ObjCell<IsliceState<S>>,
}

/// CPython's `PyNumber_AsSsize_t(v, PyExc_OverflowError)` with the error
/// cleared: `None` for anything that is not an int fitting 64 bits.
fn islice_index<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> Option<i64> {
    if matches!(v, Value::Float(_)) {
        return None;
    }
    let i = ops::as_index(vm, v).ok()?;
    ops::expect_int(vm, &i).ok()
}

/// `islice(iterable, stop)` or `islice(iterable, start, stop[, step])`.
pub fn islice_new<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_keywords(vm, "islice", &args)?;
    arity(vm, "islice", &args, 2, 4)?;
    const STOP: &str =
        "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    let a = &args.pos;
    let bound = |vm: &mut Vm<S>, v: &Value<S>| match v {
        Value::None => Some(None),
        _ => islice_index(vm, v).map(Some),
    };
    let (start, stop) = if a.len() == 2 {
        (Some(0), bound(vm, &a[1]))
    } else {
        (bound(vm, &a[1]).map(|s| s.unwrap_or(0)), bound(vm, &a[2]))
    };
    // CPython's C value -1 is its "failed" as well: -1 is the stop
    // argument's error, other negatives the indices'.
    let stop = match stop {
        Some(Some(-1)) | None => return Err(vm.value_error(STOP)),
        Some(s) => s,
    };
    let start = match (start, stop) {
        (Some(s), None) if s >= 0 => s,
        (Some(s), Some(stop)) if s >= 0 && stop >= 0 => s,
        _ => {
            return Err(vm.value_error(
                "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.",
            ))
        }
    };
    let step = match a.get(3) {
        None | Some(Value::None) => Some(1),
        Some(v) => islice_index(vm, v),
    };
    let step = match step {
        Some(s) if s >= 1 => s,
        _ => return Err(vm.value_error("Step for islice() must be a positive integer or None.")),
    };
    let it = ops::get_iter(vm, &a[0])?;
    Ok(crate::types::new_object(Islice {
        state: ObjCell::new(IsliceState {
            it: Some(it),
            next: start as u64,
            stop: stop.map(|s| s as u64),
            step: step as u64,
            cnt: 0,
        }),
    }))
}

impl<S: LockStrategy> NativeObject<S> for Islice<S> {
    iterator_slots!();

    fn kind(&self) -> crate::types::NativeKind {
        crate::types::NativeKind::Itertools(Kind::Islice)
    }

    fn repr(&self, _vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, String> {
        Ok(object_repr(Kind::Islice, this))
    }

    fn next(&self, vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, Option<Value<S>>> {
        // Claimed under the lock: the items to skip, and whether one is
        // then yielded. Two threads sharing the islice claim disjoint
        // positions, so together they consume exactly the slice.
        let claim = self.state.with::<S, _>(&this.header, |st| {
            let it = st.it.clone()?;
            let skip = st.next.saturating_sub(st.cnt);
            st.cnt = st.cnt.max(st.next);
            if st.stop.is_some_and(|stop| st.cnt >= stop) {
                // The end: CPython consumes up to the stop, then lets go.
                st.it = None;
                return Some((it, skip, false));
            }
            st.cnt += 1;
            let old = st.next;
            st.next = st.next.saturating_add(st.step);
            if let Some(stop) = st.stop {
                if st.next > stop || st.next < old {
                    st.next = stop;
                }
            }
            Some((it, skip, true))
        });
        let Some((it, skip, yields)) = claim else {
            return Ok(None);
        };
        for _ in 0..skip {
            if ops::iter_next(vm, &it)?.is_none() {
                self.drop_iterator(this);
                return Ok(None);
            }
        }
        if !yields {
            return Ok(None);
        }
        match ops::iter_next(vm, &it)? {
            Some(v) => Ok(Some(v)),
            None => {
                self.drop_iterator(this);
                Ok(None)
            }
        }
    }

    fn traverse(&self, header: &Header, visit: &mut dyn FnMut(&Value<S>)) {
        self.state
            .with::<S, _>(header, |st| st.it.iter().for_each(&mut *visit));
    }

    fn clear(&self, header: &Header) {
        let old = self.state.with::<S, _>(header, |st| st.it.take());
        drop(old);
    }
}

impl<S: LockStrategy> Islice<S> {
    /// The wrapped iterator ran out: let it go, as CPython does.
    fn drop_iterator(&self, this: &ObjRef<S>) {
        let old = self.state.with::<S, _>(&this.header, |st| st.it.take());
        drop(old);
    }
}

// ---- zip_longest ----

struct ZipLongestState<S: LockStrategy> {
    /// The iterators, each `None` once exhausted.
    its: Vec<Option<Value<S>>>,
    /// How many are not exhausted.
    active: usize,
    fill: Value<S>,
}

pub struct ZipLongest<S: LockStrategy> {
    state: ObjCell<ZipLongestState<S>>,
}

/// `zip_longest(*iterables, fillvalue=None)`.
pub fn zip_longest_new<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let fill = args.take_kw("fillvalue").unwrap_or(Value::None);
    if !args.kw.is_empty() {
        return Err(vm.type_error("zip_longest() got an unexpected keyword argument"));
    }
    let mut its = Vec::with_capacity(args.pos.len());
    for v in &args.pos {
        its.push(Some(ops::get_iter(vm, v)?));
    }
    Ok(crate::types::new_object(ZipLongest {
        state: ObjCell::new(ZipLongestState {
            active: its.len(),
            its,
            fill,
        }),
    }))
}

impl<S: LockStrategy> NativeObject<S> for ZipLongest<S> {
    iterator_slots!();

    fn kind(&self) -> crate::types::NativeKind {
        crate::types::NativeKind::Itertools(Kind::ZipLongest)
    }

    fn repr(&self, _vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, String> {
        Ok(object_repr(Kind::ZipLongest, this))
    }

    fn next(&self, vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, Option<Value<S>>> {
        let (its, mut active, fill) = self.state.with::<S, _>(&this.header, |st| {
            (st.its.clone(), st.active, st.fill.clone())
        });
        if its.is_empty() || active == 0 {
            return Ok(None);
        }
        let mut items = Vec::with_capacity(its.len());
        let mut ended = Vec::new();
        let mut failed = None;
        for (i, it) in its.iter().enumerate() {
            let Some(it) = it else {
                items.push(fill.clone());
                continue;
            };
            match ops::iter_next(vm, it) {
                Ok(Some(v)) => items.push(v),
                Ok(None) => {
                    ended.push(i);
                    active -= 1;
                    if active == 0 {
                        break;
                    }
                    items.push(fill.clone());
                }
                Err(e) => {
                    failed = Some(e);
                    break;
                }
            }
        }
        // Ended iterators are let go; an error or the last one ending
        // ends the whole (as CPython's `numactive = 0`).
        let done = failed.is_some() || active == 0;
        let old = self.state.with::<S, _>(&this.header, |st| {
            let mut old = Vec::new();
            for i in ended {
                if let Some(it) = st.its[i].take() {
                    st.active -= 1;
                    old.push(it);
                }
            }
            if done {
                st.active = 0;
            }
            old
        });
        drop(old);
        match failed {
            Some(e) => Err(e),
            None if done => Ok(None),
            None => Ok(Some(ops::new_tuple(items))),
        }
    }

    fn traverse(&self, header: &Header, visit: &mut dyn FnMut(&Value<S>)) {
        self.state.with::<S, _>(header, |st| {
            st.its.iter().flatten().for_each(&mut *visit);
            visit(&st.fill);
        });
    }

    fn clear(&self, header: &Header) {
        clear_cell::<S, _>(&self.state, header, |st| ZipLongestState {
            its: std::mem::take(&mut st.its),
            active: 0,
            fill: std::mem::replace(&mut st.fill, Value::None),
        });
    }
}

// ---- accumulate ----

struct AccumulateState<S: LockStrategy> {
    it: Option<Value<S>>,
    /// `None`: `+`.
    func: Option<Value<S>>,
    /// The running total, once there is one.
    total: Option<Value<S>>,
    /// `initial=`, until it has been yielded.
    initial: Option<Value<S>>,
}

pub struct Accumulate<S: LockStrategy> {
    state: ObjCell<AccumulateState<S>>,
}

/// `accumulate(iterable, func=None, *, initial=None)`.
pub fn accumulate_new<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let bound = bind(
        vm,
        "accumulate",
        args,
        &["iterable", "func", "initial"],
        1,
        1,
    )?;
    let it = ops::get_iter(vm, bound[0].as_ref().expect("required"))?;
    let none_is_absent = |v: &Option<Value<S>>| v.clone().filter(|v| !matches!(v, Value::None));
    Ok(crate::types::new_object(Accumulate {
        state: ObjCell::new(AccumulateState {
            it: Some(it),
            func: none_is_absent(&bound[1]),
            total: None,
            initial: none_is_absent(&bound[2]),
        }),
    }))
}

impl<S: LockStrategy> NativeObject<S> for Accumulate<S> {
    iterator_slots!();

    fn kind(&self) -> crate::types::NativeKind {
        crate::types::NativeKind::Itertools(Kind::Accumulate)
    }

    fn repr(&self, _vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, String> {
        Ok(object_repr(Kind::Accumulate, this))
    }

    fn next(&self, vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, Option<Value<S>>> {
        let (it, func, initial) = self.state.with::<S, _>(&this.header, |st| {
            let initial = st.initial.take();
            if let Some(v) = &initial {
                st.total = Some(v.clone());
            }
            (st.it.clone(), st.func.clone(), initial)
        });
        if initial.is_some() {
            return Ok(initial);
        }
        let Some(it) = it else {
            return Ok(None);
        };
        let Some(v) = ops::iter_next(vm, &it)? else {
            return Ok(None);
        };
        let total = self.state.with::<S, _>(&this.header, |st| st.total.clone());
        let new = match (total, func) {
            (None, _) => v,
            (Some(t), None) => ops::binary_op(vm, BinOp::Add, &t, &v)?,
            (Some(t), Some(f)) => vm.call(&f, vec![t, v])?,
        };
        let old = self
            .state
            .with::<S, _>(&this.header, |st| st.total.replace(new.clone()));
        drop(old);
        Ok(Some(new))
    }

    fn traverse(&self, header: &Header, visit: &mut dyn FnMut(&Value<S>)) {
        self.state.with::<S, _>(header, |st| {
            [&st.it, &st.func, &st.total, &st.initial]
                .into_iter()
                .flatten()
                .for_each(&mut *visit)
        });
    }

    fn clear(&self, header: &Header) {
        clear_cell::<S, _>(&self.state, header, |st| AccumulateState {
            it: st.it.take(),
            func: st.func.take(),
            total: st.total.take(),
            initial: st.initial.take(),
        });
    }
}

// ---- starmap ----

pub struct Starmap<S: LockStrategy> {
    /// The function and the iterator (`None` once the collector cleared
    /// them).
    state: ObjCell<Option<(Value<S>, Value<S>)>>,
}

/// `starmap(function, iterable)`.
pub fn starmap_new<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    no_keywords(vm, "starmap", &args)?;
    arity(vm, "starmap", &args, 2, 2)?;
    let it = ops::get_iter(vm, &args.pos[1])?;
    Ok(crate::types::new_object(Starmap {
        state: ObjCell::new(Some((args.pos[0].clone(), it))),
    }))
}

impl<S: LockStrategy> NativeObject<S> for Starmap<S> {
    iterator_slots!();

    fn kind(&self) -> crate::types::NativeKind {
        crate::types::NativeKind::Itertools(Kind::Starmap)
    }

    fn repr(&self, _vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, String> {
        Ok(object_repr(Kind::Starmap, this))
    }

    fn next(&self, vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, Option<Value<S>>> {
        let Some((func, it)) = self.state.with::<S, _>(&this.header, |st| st.clone()) else {
            return Ok(None);
        };
        let Some(item) = ops::iter_next(vm, &it)? else {
            return Ok(None);
        };
        let args = ops::iterate(vm, &item)?;
        vm.call(&func, args).map(Some)
    }

    fn traverse(&self, header: &Header, visit: &mut dyn FnMut(&Value<S>)) {
        self.state.with::<S, _>(header, |st| {
            if let Some((f, it)) = st {
                visit(f);
                visit(it);
            }
        });
    }

    fn clear(&self, header: &Header) {
        let old = self.state.with::<S, _>(header, |st| st.take());
        drop(old);
    }
}
