//! Allocations whose size a Python program chooses (`'ab' * n`, `bytes(n)`,
//! `[0] * n`, format widths and precisions). They are fallible: a size the
//! machine cannot give raises MemoryError, as CPython does, instead of
//! aborting the process in the allocator.

use crate::strategy::LockStrategy;
use crate::vm::{PyErr, PyResult, Vm};

/// CPython's `MemoryError()` (no arguments, empty message).
pub fn memory_error<S: LockStrategy>(vm: &Vm<S>) -> PyErr<S> {
    PyErr {
        exc: vm.interp.new_exception("MemoryError", None),
    }
}

/// An empty vector with room for `n` items, or MemoryError.
pub fn vec_with_capacity<S: LockStrategy, T>(vm: &Vm<S>, n: usize) -> PyResult<S, Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(n).map_err(|_| memory_error(vm))?;
    Ok(v)
}

/// Makes room for `extra` more bytes in `s`, or MemoryError.
pub fn reserve_str<S: LockStrategy>(vm: &Vm<S>, s: &mut String, extra: usize) -> PyResult<S, ()> {
    s.try_reserve(extra).map_err(|_| memory_error(vm))
}

/// `items` repeated `count` times, or MemoryError when that is more than
/// memory holds (list, tuple and bytearray repetition in CPython).
pub fn repeat_slice<S: LockStrategy, T: Clone>(
    vm: &Vm<S>,
    items: &[T],
    count: usize,
) -> PyResult<S, Vec<T>> {
    let n = items
        .len()
        .checked_mul(count)
        .ok_or_else(|| memory_error(vm))?;
    let mut out = vec_with_capacity(vm, n)?;
    if !items.is_empty() {
        for _ in 0..count {
            out.extend_from_slice(items);
        }
    }
    Ok(out)
}

/// `s` repeated `count` times. Like CPython: OverflowError (`what` names
/// the type: "repeated string is too long") when the length in items would
/// pass `isize::MAX`, MemoryError when memory cannot hold it.
pub fn repeat_text<S: LockStrategy>(
    vm: &Vm<S>,
    s: &str,
    count: usize,
    items: usize,
    what: &str,
) -> PyResult<S, String> {
    if count > 0 && items > isize::MAX as usize / count {
        return Err(vm.new_error("OverflowError", format!("{what} too long")));
    }
    let bytes = s.len().checked_mul(count).ok_or_else(|| memory_error(vm))?;
    let mut out = String::new();
    reserve_str(vm, &mut out, bytes)?;
    if !s.is_empty() {
        for _ in 0..count {
            out.push_str(s);
        }
    }
    Ok(out)
}

/// Appends `n` copies of `c` to `out`, or MemoryError.
pub fn push_fill<S: LockStrategy>(
    vm: &Vm<S>,
    out: &mut String,
    c: char,
    n: usize,
) -> PyResult<S, ()> {
    let bytes = n
        .checked_mul(c.len_utf8())
        .ok_or_else(|| memory_error(vm))?;
    reserve_str(vm, out, bytes)?;
    out.extend(std::iter::repeat_n(c, n));
    Ok(())
}
