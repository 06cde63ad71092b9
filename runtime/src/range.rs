//! `range` beyond machine ints. CPython's ranges hold Python ints
//! (`range(2**100)[5]`, `2**100 in range(2**101)`); ours keep the common
//! case in `RangeObj` (i64 bounds and length, the fast paths), and a range
//! whose bounds or length do not fit in `BigRange`. The operations that
//! are not hot (slicing, comparing, indexing or testing with big ints) work
//! on the `BigRange` form of either.

use crate::object::{ObjRef, Payload, RangeObj, Value};
use crate::ops::{int_from_big, to_big};
use crate::strategy::LockStrategy;
use crate::vm::{PyResult, Vm};
use num_bigint::BigInt;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// A range with arbitrary-precision bounds (`step` is never zero).
#[derive(Clone, Debug)]
pub struct BigRange {
    pub start: BigInt,
    pub stop: BigInt,
    pub step: BigInt,
}

impl BigRange {
    pub fn of(r: &RangeObj) -> Self {
        Self {
            start: r.start.into(),
            stop: r.stop.into(),
            step: r.step.into(),
        }
    }

    /// How many numbers the range yields.
    pub fn len(&self) -> BigInt {
        let (lo, hi, step) = if self.step.is_positive() {
            (&self.start, &self.stop, self.step.clone())
        } else {
            (&self.stop, &self.start, -&self.step)
        };
        if lo >= hi {
            BigInt::zero()
        } else {
            (hi - lo - 1u32) / step + 1u32
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len().is_zero()
    }

    /// The number at index `i` (negative counts from the end), or None out
    /// of range.
    pub fn get(&self, i: &BigInt) -> Option<BigInt> {
        let len = self.len();
        let i = if i.is_negative() { i + &len } else { i.clone() };
        (!i.is_negative() && i < len).then(|| &self.start + i * &self.step)
    }

    pub fn contains(&self, x: &BigInt) -> bool {
        if self.step.is_positive() {
            &self.start <= x && x < &self.stop && ((x - &self.start) % &self.step).is_zero()
        } else {
            &self.stop < x && x <= &self.start && ((&self.start - x) % &self.step).is_zero()
        }
    }

    /// Whether two ranges yield the same numbers: CPython's `range ==
    /// range` compares the sequences, not the arguments
    /// (`range(0) == range(2, 2)`).
    pub fn same_sequence(&self, other: &BigRange) -> bool {
        let len = self.len();
        len == other.len()
            && (len.is_zero()
                || (self.start == other.start && (len.is_one() || self.step == other.step)))
    }

    /// `range[start:stop:step]` with the slice's bounds (None when absent),
    /// as CPython's `compute_slice`: the bounds are clamped to the length,
    /// then mapped to numbers of this range. Err when the step is zero.
    pub fn slice(
        &self,
        start: Option<BigInt>,
        stop: Option<BigInt>,
        step: Option<BigInt>,
    ) -> Result<BigRange, &'static str> {
        let step = step.unwrap_or_else(BigInt::one);
        if step.is_zero() {
            return Err("slice step cannot be zero");
        }
        let len = self.len();
        let (lower, upper) = if step.is_negative() {
            (BigInt::from(-1), &len - 1u32)
        } else {
            (BigInt::zero(), len.clone())
        };
        let clamp = |v: Option<BigInt>, default: &BigInt| match v {
            None => default.clone(),
            Some(v) if v.is_negative() => (v + &len).max(lower.clone()),
            Some(v) => v.min(upper.clone()),
        };
        let (start, stop) = if step.is_negative() {
            (clamp(start, &upper), clamp(stop, &lower))
        } else {
            (clamp(start, &lower), clamp(stop, &upper))
        };
        Ok(BigRange {
            start: &self.start + start * &self.step,
            stop: &self.start + stop * &self.step,
            step: step * &self.step,
        })
    }

    /// The small form of this range, when the bounds and the length all
    /// fit in an i64.
    fn small(&self) -> Option<RangeObj> {
        self.len().to_i64()?;
        Some(RangeObj {
            start: self.start.to_i64()?,
            stop: self.stop.to_i64()?,
            step: self.step.to_i64()?,
        })
    }

    /// The payload for this range: the small form when there is one.
    pub fn into_payload<S: LockStrategy>(self) -> Payload<S> {
        match self.small() {
            Some(r) => Payload::Range(r),
            None => Payload::BigRange(Box::new(self)),
        }
    }
}

/// Either kind of range as a `BigRange`, or None for anything else.
pub fn big_range<S: LockStrategy>(v: &Value<S>) -> Option<BigRange> {
    match v.payload()? {
        Payload::Range(r) => Some(BigRange::of(r)),
        Payload::BigRange(r) => Some((**r).clone()),
        _ => None,
    }
}

/// A Python int as a BigInt, or the TypeError CPython raises for a slice
/// bound that is not one.
fn slice_bound<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>) -> PyResult<S, Option<BigInt>> {
    match v {
        Value::None => Ok(None),
        _ => to_big(v).map(Some).ok_or_else(|| {
            vm.type_error("slice indices must be integers or None or have an __index__ method")
        }),
    }
}

/// `r[index]` for a range and an int or slice (other subscripts are the
/// caller's to reject).
pub fn subscript<S: LockStrategy>(
    vm: &Vm<S>,
    r: &BigRange,
    index: &Value<S>,
) -> PyResult<S, Option<Value<S>>> {
    if let Some(Payload::Slice(parts)) = index.payload() {
        let sliced = r
            .slice(
                slice_bound(vm, &parts[0])?,
                slice_bound(vm, &parts[1])?,
                slice_bound(vm, &parts[2])?,
            )
            .map_err(|m| vm.value_error(m))?;
        return Ok(Some(Value::Obj(ObjRef::new(sliced.into_payload()))));
    }
    let Some(i) = to_big(index) else {
        return Ok(None);
    };
    r.get(&i)
        .map(|n| Some(int_from_big(n)))
        .ok_or_else(|| vm.new_error("IndexError", "range object index out of range"))
}

/// `len(r)`: CPython's OverflowError when it does not fit a C ssize_t.
pub fn len<S: LockStrategy>(vm: &Vm<S>, r: &BigRange) -> PyResult<S, usize> {
    r.len().to_i64().map(|n| n as usize).ok_or_else(|| {
        vm.new_error(
            "OverflowError",
            "Python int too large to convert to C ssize_t",
        )
    })
}

/// `repr(r)`, as CPython writes it.
pub fn repr(r: &BigRange) -> String {
    if r.step.is_one() {
        format!("range({}, {})", r.start, r.stop)
    } else {
        format!("range({}, {}, {})", r.start, r.stop, r.step)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big(start: i64, stop: i64, step: i64) -> BigRange {
        BigRange::of(&RangeObj { start, stop, step })
    }

    #[test]
    fn slices_as_cpython() {
        // range(10)[1:8:3] is range(1, 8, 3), not range(1, 10, 3).
        let s = big(0, 10, 1)
            .slice(Some(1.into()), Some(8.into()), Some(3.into()))
            .unwrap();
        assert_eq!((s.start, s.stop, s.step), (1.into(), 8.into(), 3.into()));
        let s = big(0, 10, 1).slice(None, None, Some((-1).into())).unwrap();
        assert_eq!(
            (s.start, s.stop, s.step),
            (9.into(), (-1).into(), (-1).into())
        );
    }

    #[test]
    fn lengths_and_membership_past_64_bits() {
        let r = BigRange {
            start: BigInt::from(i64::MIN),
            stop: BigInt::from(i64::MAX),
            step: BigInt::one(),
        };
        assert_eq!(r.len(), BigInt::from(u64::MAX));
        assert!(r.contains(&BigInt::from(0)));
        let r = big(0, -100, -7);
        assert_eq!(r.len(), BigInt::from(15));
        assert!(r.contains(&BigInt::from(-98)));
        assert!(!r.contains(&BigInt::from(-97)));
        assert_eq!(r.get(&BigInt::from(-1)), Some(BigInt::from(-98)));
    }
}
