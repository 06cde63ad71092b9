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

/// `n` zero bytes, or MemoryError (`bytes(n)`). The memory comes zeroed
/// from the allocator (calloc), so a large request writes nothing: the
/// operating system maps zero pages as they are touched, as for CPython's
/// `bytes(n)`. Zero-filling 4 GB byte by byte took seconds.
pub fn zeroed_bytes<S: LockStrategy>(vm: &Vm<S>, n: usize) -> PyResult<S, Vec<u8>> {
    if n == 0 {
        return Ok(Vec::new());
    }
    let layout = std::alloc::Layout::array::<u8>(n).map_err(|_| memory_error(vm))?;
    // SAFETY: `layout` has a non-zero size (n > 0), as `alloc_zeroed` requires.
    let ptr = unsafe { std::alloc::alloc_zeroed(layout) };
    if ptr.is_null() {
        return Err(memory_error(vm));
    }
    // SAFETY: `ptr` comes from the global allocator with `layout` (n bytes,
    // the alignment of u8), which is the layout a `Vec<u8>` of capacity n
    // frees with; all n bytes are initialised (zero).
    Ok(unsafe { Vec::from_raw_parts(ptr, n, n) })
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
    let mut out: Vec<u8> = Vec::new();
    out.try_reserve_exact(bytes).map_err(|_| memory_error(vm))?;
    if !s.is_empty() && count > 0 {
        // Doubling copies (as `str::repeat` does): a one-character string
        // repeated two billion times is a few large copies, not two billion
        // small ones.
        out.extend_from_slice(s.as_bytes());
        while out.len() < bytes {
            let n = out.len().min(bytes - out.len());
            out.extend_from_within(..n);
        }
    }
    // Whole copies of a valid string are valid: the lossy branch never runs.
    Ok(String::from_utf8(out)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// An empty string with room for `fills` copies of `fill` and `text` more
/// bytes, or MemoryError: padding (`str.zfill`, `center`, format widths)
/// reserves its whole size first, so that appending the text after a huge
/// fill never grows the string infallibly.
pub fn padding_buffer<S: LockStrategy>(
    vm: &Vm<S>,
    fill: char,
    fills: usize,
    text: usize,
) -> PyResult<S, String> {
    let bytes = fills
        .checked_mul(fill.len_utf8())
        .and_then(|b| b.checked_add(text))
        .ok_or_else(|| memory_error(vm))?;
    let mut out = String::new();
    reserve_str(vm, &mut out, bytes)?;
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
    if c.is_ascii() {
        // A fill of one byte is a memset, not n pushes of a char (gigabytes
        // take seconds that way).
        let mut v = std::mem::take(out).into_bytes();
        v.resize(v.len() + n, c as u8);
        *out = String::from_utf8(v).expect("valid UTF-8 followed by ASCII");
        return Ok(());
    }
    out.extend(std::iter::repeat_n(c, n));
    Ok(())
}

// ---------------------------------------------------------------------------
// Running out of memory on the way
//
// The allocations above are the ones whose size a program names. Memory also
// runs out a little at a time (a list that grows for ever, an int that doubles
// at every step), and then the allocation that fails is an ordinary one deep
// inside the runtime, where Rust can only abort. CPython raises MemoryError
// there. `ReserveAllocator` gives the same outcome: it keeps a reserve of
// address space; when an allocation fails it releases the reserve, retries
// (which now succeeds, so the runtime's state stays whole) and raises a flag.
// A request larger than the reserve still fails after the retry: that is a
// size the program named, which its (fallible) caller turns into MemoryError
// at once, so the reserve is taken back and no flag is raised.
// The interpreter checks the flag at its safe points (calls, loop back-edges)
// and raises MemoryError there, in Python code, where unwinding is ordinary.
// The reserve is taken again once memory is available (`restore_reserve`, at
// the periodic slow path of the safe points).
//
// The `gilgamesh` binary installs it as its `#[global_allocator]`; a library
// user may do the same.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicPtr, Ordering};

/// How much address space the reserve holds back: enough for the runtime
/// to finish what it was doing and unwind to the nearest safe point.
const RESERVE_BYTES: usize = 64 << 20;

/// The reserve (null while released or never taken).
static RESERVE: AtomicPtr<u8> = AtomicPtr::new(std::ptr::null_mut());

/// Set when the reserve was released for a failed allocation; cleared by
/// the safe point that raises MemoryError for it.
static MEMORY_LOW: AtomicBool = AtomicBool::new(false);

fn reserve_layout() -> Layout {
    Layout::from_size_align(RESERVE_BYTES, 4096).expect("a valid layout")
}

/// The system allocator, with a reserve released when memory runs out (see
/// the comment above).
pub struct ReserveAllocator;

impl ReserveAllocator {
    /// Releases the reserve, if held; whether there was one to release.
    fn release_reserve() -> bool {
        let p = RESERVE.swap(std::ptr::null_mut(), Ordering::AcqRel);
        if p.is_null() {
            return false;
        }
        // SAFETY: `p` was allocated by `System` with `reserve_layout()` (in
        // `restore_reserve`), and the swap above made this the only thread
        // that holds it.
        unsafe { System.dealloc(p, reserve_layout()) };
        true
    }

    /// After a failed allocation: releases the reserve and retries once. A
    /// retry that succeeds raises the flag; one that fails too (a request
    /// larger than the reserve) takes the reserve back.
    #[cold]
    #[inline(never)]
    fn retry(again: impl FnOnce() -> *mut u8) -> *mut u8 {
        if !Self::release_reserve() {
            return std::ptr::null_mut();
        }
        let p = again();
        if p.is_null() {
            restore_reserve();
        } else {
            MEMORY_LOW.store(true, Ordering::Release);
        }
        p
    }
}

// SAFETY: every method forwards to `System` with the caller's arguments,
// which meet `System`'s contracts because they meet `GlobalAlloc`'s; a retry
// after releasing the reserve is a second, independent call.
unsafe impl GlobalAlloc for ReserveAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for the impl.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            return p;
        }
        // SAFETY: as for the impl.
        Self::retry(|| unsafe { System.alloc(layout) })
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for the impl.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            return p;
        }
        // SAFETY: as for the impl.
        Self::retry(|| unsafe { System.alloc_zeroed(layout) })
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as for the impl.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as for the impl; a failed realloc leaves `ptr` valid, so
        // the retry may pass it again.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            return p;
        }
        // SAFETY: as above.
        Self::retry(|| unsafe { System.realloc(ptr, layout, new_size) })
    }
}

/// Takes the reserve if it is not held (at start-up, and again after it was
/// released, once memory allows). Cheap when it is held.
pub fn restore_reserve() {
    if !RESERVE.load(Ordering::Acquire).is_null() {
        return;
    }
    // SAFETY: a non-zero size; freed only by `release_reserve` with the same
    // layout.
    let p = unsafe { System.alloc(reserve_layout()) };
    if p.is_null() {
        return;
    }
    if RESERVE
        .compare_exchange(std::ptr::null_mut(), p, Ordering::AcqRel, Ordering::Acquire)
        .is_err()
    {
        // Another thread took one first.
        // SAFETY: `p` was just allocated with this layout and never shared.
        unsafe { System.dealloc(p, reserve_layout()) };
    }
}

/// Whether memory ran out since the last call that returned true (which a
/// safe point turns into MemoryError). One relaxed load when it did not.
#[inline(always)]
pub fn memory_ran_out() -> bool {
    MEMORY_LOW.load(Ordering::Relaxed) && MEMORY_LOW.swap(false, Ordering::AcqRel)
}
