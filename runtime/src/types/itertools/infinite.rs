//! `count(start=0, step=1)` and `repeat(object[, times])`.

use super::{bind, iterator_slots, ssize, Kind};
use crate::code::BinOp;
use crate::object::{Header, NativeFn, ObjCell, ObjRef, Payload, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::types::NativeObject;
use crate::vm::{Args, PyResult, Vm};

// ---- count ----

/// Where a count is. Ints that fit 64 bits step without leaving the lock;
/// anything else (a float, a big int, a `Fraction`) steps through `+`,
/// which may run Python code.
enum CountState<S: LockStrategy> {
    Fast { cnt: i64, step: i64 },
    Slow { cnt: Value<S>, step: Value<S> },
}

pub struct Count<S: LockStrategy> {
    state: ObjCell<CountState<S>>,
}

/// CPython's `PyNumber_Check`: an int, float or complex, or an object
/// whose class converts to one (`__index__`, `__int__`, `__float__`).
fn is_number<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>) -> bool {
    match v {
        Value::Int(_) | Value::Bool(_) | Value::Float(_) => true,
        Value::None => false,
        Value::Obj(o) => match o.payload() {
            Payload::BigInt(_) => true,
            Payload::Native(n) => n.kind() == crate::types::NativeKind::Complex,
            _ => crate::classes::user_class_of(v).is_some_and(|c| {
                ["__index__", "__int__", "__float__", "__complex__"]
                    .iter()
                    .any(|name| crate::classes::class_lookup(&c, &vm.new_str(*name)).is_some())
            }),
        },
    }
}

/// An int's value when it fits 64 bits (a bool counts as its int).
fn small_int<S: LockStrategy>(v: &Value<S>) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        _ => None,
    }
}

pub fn count_new<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let bound = bind(vm, "count", args, &["start", "step"], 0, 0)?;
    let (start, step) = (bound[0].clone(), bound[1].clone());
    if start.iter().chain(step.iter()).any(|v| !is_number(vm, v)) {
        return Err(vm.type_error("a number is required"));
    }
    let start = start.unwrap_or(Value::Int(0));
    let step = step.unwrap_or(Value::Int(1));
    // CPython counts an int start with step 1 as machine ints (a bool
    // start becomes its int); a bool start with another step is yielded
    // as it is, then summed.
    let fast = match (small_int(&start), small_int(&step)) {
        (Some(c), Some(1)) => Some((c, 1)),
        (Some(c), Some(s)) if matches!(start, Value::Int(_)) => Some((c, s)),
        _ => None,
    };
    let state = match fast {
        Some((cnt, step)) => CountState::Fast { cnt, step },
        None => CountState::Slow { cnt: start, step },
    };
    Ok(crate::types::new_object(Count {
        state: ObjCell::new(state),
    }))
}

impl<S: LockStrategy> NativeObject<S> for Count<S> {
    iterator_slots!();

    fn kind(&self) -> crate::types::NativeKind {
        crate::types::NativeKind::Itertools(Kind::Count)
    }

    fn repr(&self, vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, String> {
        let (cnt, step) = self.state.with::<S, _>(&this.header, |st| match st {
            CountState::Fast { cnt, step } => (Value::Int(*cnt), Value::Int(*step)),
            CountState::Slow { cnt, step } => (cnt.clone(), step.clone()),
        });
        let cnt = crate::repr::repr(vm, &cnt)?;
        // An int step of 1 is left out, as CPython leaves it.
        if small_int(&step) == Some(1) {
            return Ok(format!("count({cnt})"));
        }
        let step = crate::repr::repr(vm, &step)?;
        Ok(format!("count({cnt}, {step})"))
    }

    fn next(&self, vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, Option<Value<S>>> {
        let fast = self.state.with::<S, _>(&this.header, |st| match st {
            CountState::Fast { cnt, step } => {
                let (v, by) = (*cnt, *step);
                match v.checked_add(by) {
                    Some(n) => *cnt = n,
                    // Past 64 bits: on in big ints from here.
                    None => {
                        *st = CountState::Slow {
                            cnt: ops::int_from_big(num_bigint::BigInt::from(v) + by),
                            step: Value::Int(by),
                        }
                    }
                }
                Some(Value::Int(v))
            }
            CountState::Slow { .. } => None,
        });
        if fast.is_some() {
            return Ok(fast);
        }
        loop {
            let (cnt, step) = self.state.with::<S, _>(&this.header, |st| match st {
                CountState::Slow { cnt, step } => (cnt.clone(), step.clone()),
                CountState::Fast { cnt, step } => (Value::Int(*cnt), Value::Int(*step)),
            });
            let next = ops::binary_op(vm, BinOp::Add, &cnt, &step)?;
            // Stored only if no other thread stepped meanwhile (the sum ran
            // unlocked); else this thread takes the count it moved to.
            let stored = self.state.with::<S, _>(&this.header, |st| match st {
                CountState::Slow { cnt: c, .. } if c.is(&cnt) => {
                    *c = next;
                    true
                }
                _ => false,
            });
            if stored {
                return Ok(Some(cnt));
            }
        }
    }

    fn traverse(&self, header: &Header, visit: &mut dyn FnMut(&Value<S>)) {
        self.state.with::<S, _>(header, |st| {
            if let CountState::Slow { cnt, step } = st {
                visit(cnt);
                visit(step);
            }
        });
    }

    fn clear(&self, header: &Header) {
        let old = self.state.with::<S, _>(header, |st| {
            std::mem::replace(st, CountState::Fast { cnt: 0, step: 1 })
        });
        drop(old);
    }
}

// ---- repeat ----

pub struct Repeat<S: LockStrategy> {
    /// The object (`None` only once the collector has cleared it) and the
    /// repetitions left (`None`: for ever).
    state: ObjCell<(Option<Value<S>>, Option<i64>)>,
}

pub fn repeat_new<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let bound = bind(vm, "repeat", args, &["object", "times"], 1, 0)?;
    let times = match &bound[1] {
        Some(t) => Some(ssize(vm, t)?.max(0)),
        None => None,
    };
    Ok(crate::types::new_object(Repeat {
        state: ObjCell::new((bound[0].clone(), times)),
    }))
}

impl<S: LockStrategy> NativeObject<S> for Repeat<S> {
    iterator_slots!();

    fn kind(&self) -> crate::types::NativeKind {
        crate::types::NativeKind::Itertools(Kind::Repeat)
    }

    fn repr(&self, vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, String> {
        let (obj, times) = self.state.with::<S, _>(&this.header, |st| st.clone());
        let obj = crate::repr::repr(vm, &obj.unwrap_or(Value::None))?;
        Ok(match times {
            Some(n) => format!("repeat({obj}, {n})"),
            None => format!("repeat({obj})"),
        })
    }

    fn next(&self, _vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, Option<Value<S>>> {
        Ok(self
            .state
            .with::<S, _>(&this.header, |(obj, times)| match times {
                None => obj.clone(),
                Some(0) => None,
                Some(n) => {
                    *n -= 1;
                    obj.clone()
                }
            }))
    }

    fn traverse(&self, header: &Header, visit: &mut dyn FnMut(&Value<S>)) {
        self.state
            .with::<S, _>(header, |(obj, _)| obj.iter().for_each(&mut *visit));
    }

    fn clear(&self, header: &Header) {
        let old = self.state.with::<S, _>(header, |(obj, _)| obj.take());
        drop(old);
    }
}

pub fn repeat_methods<S: LockStrategy>() -> Vec<(&'static str, NativeFn<S>)> {
    vec![("__length_hint__", repeat_length_hint)]
}

/// `repeat(x, n).__length_hint__()`: the repetitions left; a repeat
/// without end has no length.
fn repeat_length_hint<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let this = crate::types::receiver_only::<S, Repeat<S>>(
        vm,
        "__length_hint__",
        crate::types::NativeKind::Itertools(Kind::Repeat),
        &args,
    )?;
    let o = args.pos[0].obj().expect("a repeat is an object");
    match this.state.with::<S, _>(&o.header, |(_, times)| *times) {
        Some(n) => Ok(Value::Int(n)),
        None => Err(vm.type_error("len() of unsized object")),
    }
}
