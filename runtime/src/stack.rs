//! How much of the calling thread's Rust stack is left: the guard that turns
//! runaway re-entry into `RecursionError` instead of a stack overflow.
//!
//! The recursion limit alone cannot promise that: `sys.setrecursionlimit`
//! may set it very high, an embedder may attach from a thread with a small
//! stack, and some paths use much more Rust stack per Python level than
//! others. So every re-entry ([`crate::vm::Vm::enter_recursive_call`]) and
//! every recursive step of the compiler also checks the stack that is left.

/// Rust stack that must remain when Python code is entered again: enough
/// for the deepest path from one re-entry check to the next, for raising
/// the exception, and for native code that recurses a little without
/// re-entering Python, with a wide margin. One level of Python recursion
/// takes at most about 4 KiB of Rust stack in a debug build (opt-level 1;
/// measured over some thirty re-entry paths: `__iter__` through `list()`
/// is the deepest, a plain function call takes 0.8 KiB).
pub const RED_ZONE: usize = 512 << 10;

/// Whether less than [`RED_ZONE`] bytes of the calling thread's stack are
/// left. Unknown stack bounds (a platform `stacker` cannot query) count as
/// enough.
#[inline]
pub fn nearly_exhausted() -> bool {
    stacker::remaining_stack().is_some_and(|left| left < RED_ZONE)
}
