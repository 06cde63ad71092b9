//! A panic in a thread that runs Python code is an internal error of the
//! runtime: it is reported and ends the process with exit code 70
//! (`EX_SOFTWARE`).
//!
//! Unwinding cannot be relied on to recover: the panicking thread may hold
//! the GIL or object locks that other threads wait for, and the objects it
//! was changing may be half updated. Unwinding would also run destructors,
//! and so Python finalizers, on that state. So the process ends from the
//! panic hook, before any unwinding, and no thread is left waiting for ever.

use std::cell::{Cell, RefCell};
use std::sync::Once;

/// The exit status of a process ended by an internal error (`EX_SOFTWARE`).
pub const EXIT_CODE: i32 = 70;

thread_local! {
    /// Whether this thread runs Python code for the runtime (the CLI's main
    /// interpreter thread or a `threading.Thread`).
    static PYTHON_THREAD: Cell<bool> = const { Cell::new(false) };
    /// Writes out what the thread's interpreter printed but still buffers,
    /// so that output from before the panic is not lost.
    static FLUSH: RefCell<Option<Box<dyn Fn()>>> = const { RefCell::new(None) };
}

/// Registers how the calling thread's interpreter writes out buffered
/// stdout before an internal error ends the process. `flush` must not
/// block on a lock that the panicking code may hold (see
/// [`crate::interp::Interp::try_flush_stdout`]).
pub fn flush_on_panic(flush: impl Fn() + 'static) {
    FLUSH.with(|f| *f.borrow_mut() = Some(Box::new(flush)));
}

/// Marks the calling thread as one that runs Python code: from now on a
/// panic on it prints `gilgamesh: internal error: MESSAGE` to stderr (after
/// the default panic report) and ends the process with [`EXIT_CODE`].
/// Panics on other threads (an embedder's own) keep the previous hook's
/// behaviour.
pub fn exit_on_panic() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            previous(info);
            if PYTHON_THREAD.with(Cell::get) {
                let message = info
                    .payload()
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| info.payload().downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "a panic with a non-string payload".to_string());
                let place = info
                    .location()
                    .map(|l| format!(" (at {}:{})", l.file(), l.line()))
                    .unwrap_or_default();
                FLUSH.with(|f| {
                    if let Ok(f) = f.try_borrow() {
                        if let Some(flush) = f.as_ref() {
                            flush();
                        }
                    }
                });
                eprintln!("gilgamesh: internal error: {message}{place}");
                std::process::exit(EXIT_CODE);
            }
        }));
    });
    PYTHON_THREAD.with(|p| p.set(true));
}
