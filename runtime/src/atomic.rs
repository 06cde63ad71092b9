//! What keeps each builtin container method atomic under `finegrained`, as
//! the GIL keeps it in CPython (the free-threaded build's
//! `Py_BEGIN_CRITICAL_SECTION` and `Py_BEGIN_CRITICAL_SECTION2`).
//!
//! A method does its whole work in one critical section of the object's
//! lock, or of both objects' locks for two-object methods (`a.extend(b)`,
//! `a |= b`, `a == b`), taken through the strategy's `lock_two` so that two
//! threads locking the same pair in opposite order cannot deadlock. No Python
//! code may run under an object lock (see `ObjCell::with`),
//! so the critical section can only compare *plain* values ([`is_plain`]),
//! whose comparisons run no Python code and lock nothing else. Where an item
//! is not plain the method compares outside the lock, re-reading the
//! container at every step, as CPython's methods do around a `__eq__` that
//! may release the GIL.

use crate::object::{ObjCell, ObjRef, Payload, Value};
use crate::strategy::LockStrategy;
use crate::vm::Vm;

/// Whether comparing, ordering or hashing `v` against another plain value
/// runs no Python code and locks no other object: None, bool, int, float,
/// str, bytes, and tuples of them. (Frozensets are left out: comparing two
/// locks both, which under a set's own lock could be the set itself.)
pub fn is_plain<S: LockStrategy>(v: &Value<S>) -> bool {
    match v {
        // `stored`: an instance of a subclass of str or int is not plain
        // (its class may define `__eq__`).
        Value::Obj(o) => match o.stored() {
            Payload::Str(_) | Payload::BigInt(_) | Payload::Bytes(_) => true,
            Payload::Tuple(items) => items.iter().all(is_plain),
            // A native type's equality runs no Python code.
            Payload::Native(_) => true,
            _ => false,
        },
        _ => true,
    }
}

/// `x == y` as CPython's `PyObject_RichCompareBool` decides it (identity
/// first) where that needs no Python code; None where it does. Safe to call
/// under an object lock.
pub fn plain_eq<S: LockStrategy>(vm: &mut Vm<S>, x: &Value<S>, y: &Value<S>) -> Option<bool> {
    if x.is(y) {
        return Some(true);
    }
    if !(is_plain(x) && is_plain(y)) {
        return None;
    }
    // Plain values compare by value without running code; an error (none is
    // expected) leaves the decision to the caller's path outside the lock.
    crate::ops::eq(vm, x, y).ok()
}

/// Runs `f` on the contents of two objects' cells with both objects locked
/// together (`ObjCell::with_two`); when `a` and `b` are the same object
/// its lock is taken once and `f` gets None for the second: the caller
/// reads the first for both.
pub fn with_two<S: LockStrategy, T, U, R>(
    a: &ObjRef<S>,
    cell_a: &ObjCell<T>,
    b: &ObjRef<S>,
    cell_b: &ObjCell<U>,
    f: impl FnOnce(&mut T, Option<&mut U>) -> R,
) -> R {
    cell_a.with_two::<S, _, _>(&a.header, cell_b, &b.header, f)
}
