//! `collections.deque`, as CPython's `Modules/_collectionsmodule.c`: a
//! double-ended queue, optionally bounded (`maxlen`), with its iterators
//! (`_deque_iterator`, `_deque_reverse_iterator`).
//!
//! # Locking
//!
//! The items live in an [`ObjCell`] read through the object's header, so
//! every operation that changes the deque is one critical section: under
//! `finegrained` it holds the deque's lock, under the GIL modes it runs
//! between two safe points. `append`, `popleft` and the rest are therefore
//! atomic in every mode, as CPython's are under its GIL. No Python code
//! runs under the lock: an iterable to consume (`extend`, `deque(gen)`) is
//! read first and stored in one critical section; a scan (`count`,
//! `index`, `remove`, `in`) compares plain items under the lock and steps
//! outside it only for an item whose `__eq__` is Python code, as
//! `list`'s scans do ([`super::list::find`]). An item a bounded deque
//! evicts, or that `clear` empties out, is dropped after the lock is
//! released (its finalizer may run Python code).
//!
//! # Mutation count
//!
//! As CPython's `deque->state`, a counter bumped by every change of the
//! deque's length or rotation (not by `d[i] = x` or `reverse`): an
//! iterator, and a scan that had to run `__eq__`, raise "deque mutated
//! during iteration" when it moved.

use super::{Base, NativeKind, NativeObject, TypeSpec};
use crate::code::BinOp;
use crate::object::{Header, NativeFn, ObjCell, ObjRef, Payload, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyErr, PyResult, Vm};
use std::any::Any;
use std::cmp::Ordering;
use std::collections::VecDeque;

/// A deque's state, behind the object's lock.
struct State<S: LockStrategy> {
    items: VecDeque<Value<S>>,
    /// `None`: unbounded.
    maxlen: Option<usize>,
    /// CPython's `state` (see the module's documentation).
    mutations: u64,
}

impl<S: LockStrategy> State<S> {
    /// Drops items from the left until the deque fits its bound (after an
    /// append on the right); the evicted items, for dropping unlocked.
    fn trim_left(&mut self) -> Vec<Value<S>> {
        let mut evicted = Vec::new();
        if let Some(max) = self.maxlen {
            while self.items.len() > max {
                evicted.extend(self.items.pop_front());
            }
        }
        evicted
    }

    /// As [`Self::trim_left`], from the right (after an append on the left).
    fn trim_right(&mut self) -> Vec<Value<S>> {
        let mut evicted = Vec::new();
        if let Some(max) = self.maxlen {
            while self.items.len() > max {
                evicted.extend(self.items.pop_back());
            }
        }
        evicted
    }

    fn bump(&mut self, by: usize) {
        self.mutations = self.mutations.wrapping_add(by as u64);
    }
}

/// A `collections.deque`.
pub struct Deque<S: LockStrategy> {
    state: ObjCell<State<S>>,
}

impl<S: LockStrategy> Deque<S> {
    fn new(items: VecDeque<Value<S>>, maxlen: Option<usize>) -> Self {
        Self {
            state: ObjCell::new(State {
                items,
                maxlen,
                mutations: 0,
            }),
        }
    }

    /// Runs `f` on the state under the object's lock (`this` is the object
    /// that carries this state: the deque, or an instance of a user
    /// subclass). `f` runs no Python code.
    fn with<R>(&self, this: &ObjRef<S>, f: impl FnOnce(&mut State<S>) -> R) -> R {
        self.state.with::<S, _>(&this.header, f)
    }

    /// The items as they are now, with the bound.
    fn snapshot(&self, this: &ObjRef<S>) -> (Vec<Value<S>>, Option<usize>) {
        self.with(this, |s| (s.items.iter().cloned().collect(), s.maxlen))
    }
}

/// The receiver of a deque method and its state, or CPython's TypeError
/// for a call through the class with another object.
fn receiver<'a, S: LockStrategy>(
    vm: &Vm<S>,
    method: &str,
    args: &'a Args<S>,
) -> PyResult<S, (&'a ObjRef<S>, &'a Deque<S>)> {
    super::receiver_and_object(vm, method, NativeKind::Deque, args)
}

/// Checks a method's argument count (the receiver not counted), with
/// CPython's messages for its `METH_NOARGS`, `METH_O` and fast-call
/// methods.
fn check_args<S: LockStrategy>(
    vm: &Vm<S>,
    method: &str,
    args: &Args<S>,
    min: usize,
    max: usize,
) -> PyResult<S, ()> {
    if !args.kw.is_empty() {
        return Err(vm.type_error(format!("deque.{method}() takes no keyword arguments")));
    }
    let n = args.pos.len().saturating_sub(1);
    if (min..=max).contains(&n) {
        return Ok(());
    }
    let plural = |k: usize| if k == 1 { "" } else { "s" };
    Err(vm.type_error(match (min, max) {
        (0, 0) => format!("deque.{method}() takes no arguments ({n} given)"),
        (1, 1) => format!("deque.{method}() takes exactly one argument ({n} given)"),
        _ if min == max => format!("{method}() takes exactly {min} arguments ({n} given)"),
        // `rotate` is argument-clinic made, with its own wording.
        _ if method == "rotate" => {
            format!(
                "deque.rotate expected at most {max} argument{}, got {n}",
                plural(max)
            )
        }
        _ if n < min => format!(
            "{method}() takes at least {min} argument{} ({n} given)",
            plural(min)
        ),
        _ => format!(
            "{method}() takes at most {max} argument{} ({n} given)",
            plural(max)
        ),
    }))
}

fn empty_pop<S: LockStrategy>(vm: &Vm<S>) -> PyErr<S> {
    vm.new_error("IndexError", "pop from an empty deque")
}

fn out_of_range<S: LockStrategy>(vm: &Vm<S>) -> PyErr<S> {
    vm.new_error("IndexError", "deque index out of range")
}

fn mutated<S: LockStrategy>(vm: &Vm<S>) -> PyErr<S> {
    vm.new_error("RuntimeError", "deque mutated during iteration")
}

/// The position a deque's `d[i]` names: an int (after `__index__`), or
/// CPython's TypeError.
fn item_index<S: LockStrategy>(vm: &Vm<S>, index: &Value<S>) -> PyResult<S, i64> {
    if !ops::is_int_like(index) {
        return Err(vm.type_error(format!(
            "sequence index must be integer, not '{}'",
            ops::type_name(index)
        )));
    }
    ops::expect_int(vm, index)
}

/// A new deque of the exact type `deque`, the items as given.
fn new_deque<S: LockStrategy>(items: VecDeque<Value<S>>, maxlen: Option<usize>) -> Value<S> {
    super::new_object(Deque::new(items, maxlen))
}

/// `d.copy()`: a deque with the same items and bound; for an instance of a
/// subclass, `type(d)(d)` or `type(d)(d, maxlen)` as CPython's
/// `deque_copy` makes it.
fn copy_of<S: LockStrategy>(vm: &mut Vm<S>, d: &Value<S>) -> PyResult<S> {
    let o = d.obj().expect("a deque is an object");
    let this = super::downcast::<S, Deque<S>>(d).expect("a deque");
    let (items, maxlen) = this.snapshot(o);
    if matches!(o.stored(), Payload::Native(_)) {
        return Ok(new_deque(items.into(), maxlen));
    }
    let class = Value::Obj(crate::builtins::type_of(vm, d));
    let mut args = vec![d.clone()];
    args.extend(maxlen.map(|m| Value::Int(m as i64)));
    vm.call(&class, args)
}

// ---- the type's slots ----

impl<S: LockStrategy> NativeObject<S> for Deque<S> {
    fn kind(&self) -> NativeKind {
        NativeKind::Deque
    }

    fn repr(&self, vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, String> {
        let addr = this.addr();
        if !vm.enter_repr(addr) {
            return Ok("[...]".into());
        }
        let (items, maxlen) = self.snapshot(this);
        let inner = crate::repr::join_reprs(vm, &items);
        vm.leave_repr(addr);
        // The class's own name (`deque`, or a subclass's), as CPython's
        // `_PyType_Name`.
        let class = crate::builtins::type_of(vm, &Value::Obj(this.clone()));
        let name = match class.payload() {
            Payload::Type(t) => t.name.clone(),
            _ => "deque".into(),
        };
        Ok(match maxlen {
            Some(m) => format!("{name}([{}], maxlen={m})", inner?),
            None => format!("{name}([{}])", inner?),
        })
    }

    fn order(
        &self,
        vm: &mut Vm<S>,
        this: &ObjRef<S>,
        other: &Value<S>,
    ) -> PyResult<S, Option<Ordering>> {
        let Some((o, that)) = other.obj().zip(super::downcast::<S, Deque<S>>(other)) else {
            return Ok(None);
        };
        let (x, _) = self.snapshot(this);
        let (y, _) = that.snapshot(o);
        ops::seq_order(vm, &x, &y)
    }

    fn eq_code(
        &self,
        vm: &mut Vm<S>,
        this: &ObjRef<S>,
        other: &Value<S>,
    ) -> PyResult<S, Option<bool>> {
        let Some((o, that)) = other.obj().zip(super::downcast::<S, Deque<S>>(other)) else {
            return Ok(None);
        };
        let (x, _) = self.snapshot(this);
        let (y, _) = that.snapshot(o);
        ops::seq_eq(vm, &x, &y).map(Some)
    }

    fn binary(
        &self,
        vm: &mut Vm<S>,
        op: BinOp,
        a: &Value<S>,
        b: &Value<S>,
    ) -> PyResult<S, Option<Value<S>>> {
        match op {
            // `d + e`: a copy of `d` (its type and bound) extended by `e`,
            // which must be a deque.
            BinOp::Add => {
                if super::downcast::<S, Deque<S>>(a).is_none() {
                    return Ok(None);
                }
                let Some((o, that)) = b.obj().zip(super::downcast::<S, Deque<S>>(b)) else {
                    return Err(vm.type_error(format!(
                        "can only concatenate deque (not \"{}\") to deque",
                        ops::type_name(b)
                    )));
                };
                let (more, _) = that.snapshot(o);
                let new = copy_of(vm, a)?;
                extend_value(vm, &new, more, End::Right)?;
                Ok(Some(new))
            }
            // `d * n`, `n * d`: a copy repeated in place.
            BinOp::Mul => {
                let (seq, count) = match super::downcast::<S, Deque<S>>(a) {
                    Some(_) => (a, b),
                    None => (b, a),
                };
                if !ops::is_int_like(count) {
                    return Ok(None);
                }
                let n = repeat_count(vm, count)?;
                let new = copy_of(vm, seq)?;
                repeat_value(vm, &new, n)?;
                Ok(Some(new))
            }
            _ => Ok(None),
        }
    }

    fn inplace(
        &self,
        vm: &mut Vm<S>,
        op: BinOp,
        this: &ObjRef<S>,
        other: &Value<S>,
    ) -> PyResult<S, Option<Value<S>>> {
        let me = Value::Obj(this.clone());
        match op {
            // `d += iterable`: `d.extend(iterable)`.
            BinOp::Add => {
                let more = ops::iterate(vm, other)?;
                extend_value(vm, &me, more, End::Right)?;
            }
            BinOp::Mul if ops::is_int_like(other) => {
                let n = repeat_count(vm, other)?;
                repeat_value(vm, &me, n)?;
            }
            _ => return Ok(None),
        }
        Ok(Some(me))
    }

    fn len(&self, this: &ObjRef<S>) -> Option<usize> {
        Some(self.with(this, |s| s.items.len()))
    }

    fn get_item(
        &self,
        vm: &mut Vm<S>,
        this: &ObjRef<S>,
        idx: &Value<S>,
    ) -> PyResult<S, Option<Value<S>>> {
        let i = item_index(vm, idx)?;
        let item = self.with(this, |s| {
            ops::seq_index(i, s.items.len()).map(|i| s.items[i].clone())
        });
        match item {
            Some(v) => Ok(Some(v)),
            None => Err(out_of_range(vm)),
        }
    }

    fn set_item(
        &self,
        vm: &mut Vm<S>,
        this: &ObjRef<S>,
        idx: &Value<S>,
        value: Option<Value<S>>,
    ) -> PyResult<S, bool> {
        let i = item_index(vm, idx)?;
        // The replaced or deleted item, dropped after the lock.
        let old = self.with(this, |s| {
            let i = ops::seq_index(i, s.items.len())?;
            Some(match value {
                Some(v) => std::mem::replace(&mut s.items[i], v),
                None => {
                    s.bump(1);
                    s.items.remove(i).expect("index checked")
                }
            })
        });
        match old {
            Some(old) => {
                drop(old);
                Ok(true)
            }
            None => Err(out_of_range(vm)),
        }
    }

    fn iter(&self, _vm: &mut Vm<S>, this: &ObjRef<S>) -> Option<PyResult<S>> {
        Some(Ok(DequeIter::start(self, this, false, 0)))
    }

    fn contains(
        &self,
        vm: &mut Vm<S>,
        this: &ObjRef<S>,
        item: &Value<S>,
    ) -> PyResult<S, Option<bool>> {
        let found = self.scan(vm, this, item, 0, usize::MAX, Mutated::Iteration, |_, _| {
            true
        })?;
        Ok(Some(found))
    }

    fn get_attr(&self, this: &ObjRef<S>, name: &str) -> Option<Value<S>> {
        match name {
            "maxlen" => Some(match self.with(this, |s| s.maxlen) {
                Some(m) => Value::Int(m as i64),
                None => Value::None,
            }),
            _ => None,
        }
    }

    fn is_container(&self) -> bool {
        true
    }

    fn traverse(&self, header: &Header, visit: &mut dyn FnMut(&Value<S>)) {
        self.state
            .with::<S, _>(header, |s| s.items.iter().for_each(&mut *visit));
    }

    fn clear(&self, header: &Header) {
        drop(
            self.state
                .with::<S, _>(header, |s| std::mem::take(&mut s.items)),
        );
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// How a scan reports a deque changed under it: `remove` raises
/// IndexError, the others RuntimeError (CPython 3.11's types).
#[derive(Clone, Copy)]
enum Mutated {
    Iteration,
    Remove,
}

impl<S: LockStrategy> Deque<S> {
    /// Compares the items at positions `start..stop` with `x` in order and
    /// calls `hit` on each equal one, in the critical section that found
    /// it, until `hit` returns true; whether it did. Plain items are
    /// compared under the lock (so a scan of them and what `hit` does are
    /// one atomic step); an item whose `__eq__` is Python code is compared
    /// outside it, and then the deque must not have changed meanwhile.
    #[allow(clippy::too_many_arguments)]
    fn scan(
        &self,
        vm: &mut Vm<S>,
        this: &ObjRef<S>,
        x: &Value<S>,
        start: usize,
        stop: usize,
        how: Mutated,
        mut hit: impl FnMut(&mut State<S>, usize) -> bool,
    ) -> PyResult<S, bool> {
        enum Step<S: LockStrategy> {
            Done(bool),
            Compare(usize, Value<S>),
        }
        let mut i = start;
        let mut expected: Option<u64> = None;
        let mut decided: Option<(usize, bool)> = None;
        loop {
            let step = self.with(this, |s| {
                let expected = *expected.get_or_insert(s.mutations);
                if let Some((j, equal)) = decided.take() {
                    if s.mutations != expected {
                        return None;
                    }
                    if equal && hit(s, j) {
                        return Some(Step::Done(true));
                    }
                }
                let stop = stop.min(s.items.len());
                while i < stop {
                    match crate::atomic::plain_eq(vm, &s.items[i], x) {
                        Some(true) => {
                            if hit(s, i) {
                                return Some(Step::Done(true));
                            }
                            i += 1;
                        }
                        Some(false) => i += 1,
                        None => return Some(Step::Compare(i, s.items[i].clone())),
                    }
                }
                Some(Step::Done(false))
            });
            match step {
                None => {
                    return Err(match how {
                        Mutated::Iteration => mutated(vm),
                        Mutated::Remove => {
                            vm.new_error("IndexError", "deque mutated during iteration")
                        }
                    })
                }
                Some(Step::Done(found)) => return Ok(found),
                Some(Step::Compare(j, y)) => {
                    let equal = ops::eq(vm, &y, x)?;
                    decided = Some((j, equal));
                    i = j + 1;
                }
            }
        }
    }
}

// ---- construction ----

/// The bound `maxlen` gives: None, or a non-negative int.
fn maxlen_of<S: LockStrategy>(vm: &Vm<S>, v: Option<&Value<S>>) -> PyResult<S, Option<usize>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) if ops::is_int_like(v) => {
            let m = ops::expect_int(vm, v)?;
            if m < 0 {
                return Err(vm.value_error("maxlen must be non-negative"));
            }
            Ok(Some(m as usize))
        }
        Some(_) => Err(vm.type_error("an integer is required")),
    }
}

/// The arguments of `deque(iterable=(), maxlen=None)`.
fn init_args<S: LockStrategy>(
    vm: &mut Vm<S>,
    mut args: Args<S>,
) -> PyResult<S, (Vec<Value<S>>, Option<usize>)> {
    let iterable = args.take_kw("iterable");
    let maxlen = args.take_kw("maxlen");
    if let Some((k, _)) = args.kw.first() {
        return Err(vm.type_error(format!("'{k}' is an invalid keyword argument for deque()")));
    }
    if args.pos.len() > 2 {
        return Err(vm.type_error(format!(
            "deque() takes at most 2 arguments ({} given)",
            args.pos.len()
        )));
    }
    let mut pos = args.pos.into_iter();
    let (first, second) = (pos.next(), pos.next());
    if first.is_some() && iterable.is_some() {
        return Err(
            vm.type_error("argument for deque() given by name ('iterable') and position (1)")
        );
    }
    if second.is_some() && maxlen.is_some() {
        return Err(vm.type_error("argument for deque() given by name ('maxlen') and position (2)"));
    }
    let maxlen = maxlen_of(vm, second.as_ref().or(maxlen.as_ref()))?;
    let items = match first.or(iterable) {
        Some(it) => ops::iterate(vm, &it)?,
        None => Vec::new(),
    };
    Ok((items, maxlen))
}

/// `deque(iterable=(), maxlen=None)`.
fn deque_new<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let (items, maxlen) = init_args(vm, args)?;
    let mut items: VecDeque<Value<S>> = items.into();
    if let Some(m) = maxlen {
        items.drain(..items.len().saturating_sub(m));
    }
    Ok(new_deque(items, maxlen))
}

/// `deque.__init__(self, iterable=(), maxlen=None)`: empties the deque,
/// sets its bound and extends it (how an instance of a user subclass is
/// filled, and what calling `__init__` again does).
fn deque_init<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    if args.pos.is_empty() {
        return Err(
            vm.type_error("descriptor '__init__' of 'collections.deque' object needs an argument")
        );
    }
    let receiver = args.pos.remove(0);
    let Some(this) = super::downcast::<S, Deque<S>>(&receiver) else {
        return Err(vm.type_error(format!(
            "descriptor '__init__' requires a 'collections.deque' object but received a '{}'",
            ops::type_name(&receiver)
        )));
    };
    let (items, maxlen) = init_args(vm, args)?;
    let o = receiver.obj().expect("a deque is an object");
    let old = this.with(o, |s| {
        let old = std::mem::take(&mut s.items);
        if !old.is_empty() {
            s.bump(1);
        }
        s.maxlen = maxlen;
        s.items.extend(items);
        let evicted = s.trim_left();
        (old, evicted)
    });
    drop(old);
    Ok(Value::None)
}

// ---- methods ----

/// Which end of the deque an operation works at.
#[derive(Clone, Copy, PartialEq, Eq)]
enum End {
    Left,
    Right,
}

/// Adds `items` at one end of the deque `target` in one critical section
/// (`extend`, `extendleft`, `+=`, `+`), evicting from the other end what
/// its bound leaves no room for.
fn extend_value<S: LockStrategy>(
    vm: &Vm<S>,
    target: &Value<S>,
    items: Vec<Value<S>>,
    end: End,
) -> PyResult<S, ()> {
    let (Some(o), Some(this)) = (target.obj(), super::downcast::<S, Deque<S>>(target)) else {
        return Err(vm.type_error("a deque is required"));
    };
    let evicted = this.with(o, |s| {
        s.bump(items.len());
        match end {
            End::Right => {
                s.items.extend(items);
                s.trim_left()
            }
            End::Left => {
                for item in items {
                    s.items.push_front(item);
                }
                s.trim_right()
            }
        }
    });
    drop(evicted);
    Ok(())
}

/// The count of `d * n`: negative counts are zero.
fn repeat_count<S: LockStrategy>(vm: &Vm<S>, n: &Value<S>) -> PyResult<S, usize> {
    Ok(ops::expect_int(vm, n)?.max(0) as usize)
}

/// `d *= n` on the deque `target`, in one critical section: the items
/// repeated `n` times, of which a bounded deque keeps the last `maxlen`.
fn repeat_value<S: LockStrategy>(vm: &Vm<S>, target: &Value<S>, n: usize) -> PyResult<S, ()> {
    let (Some(o), Some(this)) = (target.obj(), super::downcast::<S, Deque<S>>(target)) else {
        return Err(vm.type_error("a deque is required"));
    };
    let replaced = this.with(o, |s| {
        let len = s.items.len();
        if len == 0 || n == 1 {
            return Ok(VecDeque::new());
        }
        s.bump(1);
        if n == 0 {
            return Ok(std::mem::take(&mut s.items));
        }
        let total = len as u128 * n as u128;
        let keep = match s.maxlen {
            Some(m) => total.min(m as u128),
            None => total,
        };
        let too_big = (isize::MAX as usize / std::mem::size_of::<Value<S>>()) as u128;
        if keep > too_big {
            return Err(());
        }
        let mut new = VecDeque::new();
        new.try_reserve(keep as usize).map_err(|_| ())?;
        // The repetition's last `keep` items.
        let first = total - keep;
        for k in 0..keep {
            new.push_back(s.items[((first + k) % len as u128) as usize].clone());
        }
        Ok(std::mem::replace(&mut s.items, new))
    });
    match replaced {
        Ok(old) => {
            drop(old);
            Ok(())
        }
        Err(()) => Err(vm.new_error("MemoryError", "")),
    }
}

fn append<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    check_args(vm, "append", &args, 1, 1)?;
    let (o, this) = receiver(vm, "append", &args)?;
    let item = args.pos[1].clone();
    let evicted = this.with(o, |s| {
        s.bump(1);
        s.items.push_back(item);
        s.trim_left()
    });
    drop(evicted);
    Ok(Value::None)
}

fn appendleft<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    check_args(vm, "appendleft", &args, 1, 1)?;
    let (o, this) = receiver(vm, "appendleft", &args)?;
    let item = args.pos[1].clone();
    let evicted = this.with(o, |s| {
        s.bump(1);
        s.items.push_front(item);
        s.trim_right()
    });
    drop(evicted);
    Ok(Value::None)
}

fn pop_end<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>, name: &str, end: End) -> PyResult<S> {
    check_args(vm, name, &args, 0, 0)?;
    let (o, this) = receiver(vm, name, &args)?;
    let popped = this.with(o, |s| {
        let item = match end {
            End::Right => s.items.pop_back(),
            End::Left => s.items.pop_front(),
        };
        if item.is_some() {
            s.bump(1);
        }
        item
    });
    popped.ok_or_else(|| empty_pop(vm))
}

fn pop<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    pop_end(vm, args, "pop", End::Right)
}

fn popleft<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    pop_end(vm, args, "popleft", End::Left)
}

fn extend<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    check_args(vm, "extend", &args, 1, 1)?;
    receiver(vm, "extend", &args)?;
    // Read whole before the lock: iterating may run Python code (and
    // `d.extend(d)` reads the deque it extends).
    let items = ops::iterate(vm, &args.pos[1])?;
    extend_value(vm, &args.pos[0], items, End::Right)?;
    Ok(Value::None)
}

fn extendleft<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    check_args(vm, "extendleft", &args, 1, 1)?;
    receiver(vm, "extendleft", &args)?;
    let items = ops::iterate(vm, &args.pos[1])?;
    extend_value(vm, &args.pos[0], items, End::Left)?;
    Ok(Value::None)
}

fn rotate<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    check_args(vm, "rotate", &args, 0, 1)?;
    let (o, this) = receiver(vm, "rotate", &args)?;
    let n = match args.pos.get(1) {
        Some(v) => ops::expect_int(vm, v)?,
        None => 1,
    };
    this.with(o, |s| {
        let len = s.items.len();
        if len > 1 {
            s.bump(1);
            s.items.rotate_right(n.rem_euclid(len as i64) as usize);
        }
    });
    Ok(Value::None)
}

fn clear<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    check_args(vm, "clear", &args, 0, 0)?;
    let (o, this) = receiver(vm, "clear", &args)?;
    let old = this.with(o, |s| {
        if !s.items.is_empty() {
            s.bump(1);
        }
        std::mem::take(&mut s.items)
    });
    drop(old);
    Ok(Value::None)
}

fn copy<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    check_args(vm, "copy", &args, 0, 0)?;
    receiver(vm, "copy", &args)?;
    copy_of(vm, &args.pos[0])
}

fn dunder_copy<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    check_args(vm, "__copy__", &args, 0, 0)?;
    receiver(vm, "__copy__", &args)?;
    copy_of(vm, &args.pos[0])
}

fn count<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    check_args(vm, "count", &args, 1, 1)?;
    let (o, this) = receiver(vm, "count", &args)?;
    let mut n = 0i64;
    this.scan(
        vm,
        o,
        &args.pos[1],
        0,
        usize::MAX,
        Mutated::Iteration,
        |_, _| {
            n += 1;
            false
        },
    )?;
    Ok(Value::Int(n))
}

/// A bound of `index(x, start, stop)`, as CPython's slice indices: an int
/// (a big one clamped), or its TypeError.
fn slice_bound<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>) -> PyResult<S, i64> {
    if !ops::is_int_like(v) {
        return Err(vm.type_error("slice indices must be integers or have an __index__ method"));
    }
    match ops::expect_int(vm, v) {
        Ok(i) => Ok(i),
        Err(_) => Ok(match ops::to_big(v) {
            Some(b) if b.sign() == num_bigint::Sign::Minus => i64::MIN,
            _ => i64::MAX,
        }),
    }
}

fn index<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    check_args(vm, "index", &args, 1, 3)?;
    let (o, this) = receiver(vm, "index", &args)?;
    let len = this.with(o, |s| s.items.len()) as i64;
    let bound = |vm: &Vm<S>, at: usize, default: i64| -> PyResult<S, i64> {
        let i = match args.pos.get(at) {
            Some(v) => slice_bound(vm, v)?,
            None => default,
        };
        Ok(if i < 0 { (i + len).max(0) } else { i.min(len) })
    };
    let start = bound(vm, 2, 0)?;
    let stop = bound(vm, 3, len)?;
    let start = start.min(stop);
    let x = &args.pos[1];
    let mut found = None;
    this.scan(
        vm,
        o,
        x,
        start as usize,
        stop as usize,
        Mutated::Iteration,
        |_, i| {
            found = Some(i);
            true
        },
    )?;
    match found {
        Some(i) => Ok(Value::Int(i as i64)),
        None => not_in_deque(vm, x),
    }
}

fn not_in_deque<S: LockStrategy>(vm: &mut Vm<S>, x: &Value<S>) -> PyResult<S> {
    let r = crate::repr::repr(vm, x)?;
    Err(vm.value_error(format!("{r} is not in deque")))
}

fn insert<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    check_args(vm, "insert", &args, 2, 2)?;
    let (o, this) = receiver(vm, "insert", &args)?;
    let at = ops::expect_int(vm, &args.pos[1])?;
    let item = args.pos[2].clone();
    let full = this.with(o, |s| {
        let len = s.items.len();
        if s.maxlen == Some(len) {
            return true;
        }
        // As `list.insert`: clamped to the ends.
        let i = if at < 0 {
            (at + len as i64).max(0)
        } else {
            at.min(len as i64)
        };
        s.bump(1);
        s.items.insert(i as usize, item);
        false
    });
    if full {
        return Err(vm.new_error("IndexError", "deque already at its maximum size"));
    }
    Ok(Value::None)
}

fn remove<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    check_args(vm, "remove", &args, 1, 1)?;
    let (o, this) = receiver(vm, "remove", &args)?;
    let x = &args.pos[1];
    let mut removed = None;
    this.scan(vm, o, x, 0, usize::MAX, Mutated::Remove, |s, i| {
        s.bump(1);
        removed = s.items.remove(i);
        true
    })?;
    match removed {
        Some(item) => {
            drop(item);
            Ok(Value::None)
        }
        None => not_in_deque(vm, x),
    }
}

fn reverse<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    check_args(vm, "reverse", &args, 0, 0)?;
    let (o, this) = receiver(vm, "reverse", &args)?;
    this.with(o, |s| s.items.make_contiguous().reverse());
    Ok(Value::None)
}

fn reversed<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    check_args(vm, "__reversed__", &args, 0, 0)?;
    let (o, this) = receiver(vm, "__reversed__", &args)?;
    Ok(DequeIter::start(this, o, true, 0))
}

/// `d.__reduce__()`: `(type(d), (), state, iter(d))`, or with
/// `((), maxlen)` as the arguments of a bounded deque; the state is the
/// instance's `__dict__` when it has a non-empty one.
fn reduce<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    check_args(vm, "__reduce__", &args, 0, 0)?;
    let (o, this) = receiver(vm, "__reduce__", &args)?;
    let class = Value::Obj(crate::builtins::type_of(vm, &args.pos[0]));
    let ctor_args = match this.with(o, |s| s.maxlen) {
        Some(m) => ops::new_tuple(vec![ops::new_tuple(vec![]), Value::Int(m as i64)]),
        None => ops::new_tuple(vec![]),
    };
    let state = match crate::classes::instance_dict(o) {
        Some(d) if ops::dict_len(&Value::Obj(d.clone())) > 0 => Value::Obj(d),
        _ => Value::None,
    };
    let it = DequeIter::start(this, o, false, 0);
    Ok(ops::new_tuple(vec![class, ctor_args, state, it]))
}

/// `deque[T]` (`__class_getitem__`, a class method: called with the class
/// through a subclass's subscript, or with the item alone when read off
/// `deque` itself).
fn class_getitem<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    match &args.pos[..] {
        [item] => {
            let class = Value::Obj(
                vm.interp.types[&crate::object::TypeKind::Native(NativeKind::Deque)].clone(),
            );
            Ok(super::generic_alias::new_alias(class, item))
        }
        [class, item] => Ok(super::generic_alias::new_alias(class.clone(), item)),
        _ => Err(vm.type_error(format!(
            "deque.__class_getitem__() takes exactly one argument ({} given)",
            args.pos.len()
        ))),
    }
}

// ---- iterators ----

/// An iterator's position: `index` items of the `len` the deque had when
/// the iterator was made have been given.
struct IterPos {
    index: usize,
    len: usize,
    /// The deque's mutation count when the iterator was made.
    expected: u64,
}

/// `iter(d)` and `reversed(d)`: `_deque_iterator` and
/// `_deque_reverse_iterator`.
pub struct DequeIter<S: LockStrategy> {
    /// The deque (or an instance of a subclass); never replaced.
    deque: Value<S>,
    reverse: bool,
    /// Behind the iterator's own lock: two threads sharing an iterator
    /// each get an item of their own.
    pos: ObjCell<IterPos>,
}

impl<S: LockStrategy> DequeIter<S> {
    /// An iterator over `d` (the state of the object `o`), `skip` items in.
    fn start(d: &Deque<S>, o: &ObjRef<S>, reverse: bool, skip: usize) -> Value<S> {
        let (len, expected) = d.with(o, |s| (s.items.len(), s.mutations));
        super::new_object(DequeIter {
            deque: Value::Obj(o.clone()),
            reverse,
            pos: ObjCell::new(IterPos {
                index: skip.min(len),
                len,
                expected,
            }),
        })
    }
}

impl<S: LockStrategy> NativeObject<S> for DequeIter<S> {
    fn kind(&self) -> NativeKind {
        if self.reverse {
            NativeKind::DequeReverseIter
        } else {
            NativeKind::DequeIter
        }
    }

    fn repr(&self, _vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, String> {
        Ok(format!(
            "<{} object at {:#x}>",
            NativeObject::<S>::kind(self).name(),
            this.addr()
        ))
    }

    fn is_iterator(&self) -> bool {
        true
    }

    fn next(&self, vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, Option<Value<S>>> {
        // The position is claimed under the iterator's lock, the item read
        // under the deque's after it (never both at once).
        let (i, len, expected) = self.pos.with::<S, _>(&this.header, |p| {
            let i = p.index;
            if i < p.len {
                p.index += 1;
            }
            (i, p.len, p.expected)
        });
        let (Some(o), Some(d)) = (
            self.deque.obj(),
            super::downcast::<S, Deque<S>>(&self.deque),
        ) else {
            return Ok(None);
        };
        let reverse = self.reverse;
        let item = d.with(o, |s| {
            // Every change of the length bumps the count, so an unchanged
            // count means `len` is still the deque's length.
            if s.mutations != expected {
                return Err(());
            }
            if i >= len {
                return Ok(None);
            }
            let at = if reverse { len - 1 - i } else { i };
            Ok(s.items.get(at).cloned())
        });
        item.map_err(|()| mutated(vm))
    }

    fn is_container(&self) -> bool {
        true
    }

    fn traverse(&self, _header: &Header, visit: &mut dyn FnMut(&Value<S>)) {
        visit(&self.deque);
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `_deque_iterator(deque, index=0)` and `_deque_reverse_iterator(...)`:
/// an iterator over `deque` that has given `index` items (how CPython
/// unpickles one).
fn iter_new<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>, reverse: bool) -> PyResult<S> {
    let name = if reverse {
        "_deque_reverse_iterator"
    } else {
        "_deque_iterator"
    };
    if !args.kw.is_empty() {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    let n = args.pos.len();
    if !(1..=2).contains(&n) {
        return Err(vm.type_error(format!(
            "{name} expected {} arguments, got {n}",
            if n == 0 { "at least 1" } else { "at most 2" }
        )));
    }
    let Some(d) = super::downcast::<S, Deque<S>>(&args.pos[0]) else {
        return Err(vm.type_error(format!(
            "argument 1 must be collections.deque, not {}",
            ops::type_name(&args.pos[0])
        )));
    };
    let skip = match args.pos.get(1) {
        Some(v) => ops::expect_int(vm, v)?.max(0) as usize,
        None => 0,
    };
    let o = args.pos[0].obj().expect("a deque is an object");
    Ok(DequeIter::start(d, o, reverse, skip))
}

fn deque_iter_new<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    iter_new(vm, args, false)
}

fn deque_reverse_iter_new<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    iter_new(vm, args, true)
}

// ---- the type objects ----

pub fn spec<S: LockStrategy>() -> TypeSpec<S> {
    TypeSpec {
        name: "deque",
        builtin: false,
        new: deque_new,
        methods: || {
            let methods: Vec<(&'static str, NativeFn<S>)> = vec![
                ("append", append),
                ("appendleft", appendleft),
                ("pop", pop),
                ("popleft", popleft),
                ("extend", extend),
                ("extendleft", extendleft),
                ("rotate", rotate),
                ("clear", clear),
                ("copy", copy),
                ("__copy__", dunder_copy),
                ("count", count),
                ("index", index),
                ("insert", insert),
                ("remove", remove),
                ("reverse", reverse),
                ("__reversed__", reversed),
                ("__reduce__", reduce),
                ("__class_getitem__", class_getitem),
            ];
            methods
        },
        dunders: &[
            "__len__",
            "__getitem__",
            "__setitem__",
            "__delitem__",
            "__contains__",
            "__iter__",
            "__eq__",
            "__ne__",
        ],
        base: Base::FilledByInit {
            empty: || Box::new(Deque::<S>::new(VecDeque::new(), None)),
            init: deque_init,
        },
    }
}

pub fn iter_spec<S: LockStrategy>() -> TypeSpec<S> {
    TypeSpec {
        name: "_deque_iterator",
        builtin: false,
        new: deque_iter_new,
        methods: Vec::new,
        dunders: &["__iter__", "__next__"],
        base: Base::No,
    }
}

pub fn reverse_iter_spec<S: LockStrategy>() -> TypeSpec<S> {
    TypeSpec {
        name: "_deque_reverse_iterator",
        builtin: false,
        new: deque_reverse_iter_new,
        methods: Vec::new,
        dunders: &["__iter__", "__next__"],
        base: Base::No,
    }
}
