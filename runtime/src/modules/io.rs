//! The `_io` module: CPython's io layers (raw files, buffers, text,
//! `StringIO`, `BytesIO`, `open`) under CPython's own `Lib/io.py`. The
//! classes are the module's Python part (`py/_io.py`) over the `posix`
//! file descriptors, whose blocking reads and writes detach from the
//! runtime; this native part adds what `posix` lacks (`ftruncate`) and the
//! builtin `open`, which `_io.open` is.

use crate::builtins::arity;
use crate::object::{ObjRef, Value};
use crate::ops;
use crate::os_error::from_errno;
use crate::strategy::LockStrategy;
use crate::vm::{name_obj, Args, PyResult, Vm};

pub fn init<S: LockStrategy>(vm: &mut Vm<S>, dict: &ObjRef<S>) {
    super::add_functions(vm, dict, &[("_ftruncate", ftruncate, true)]);
}

/// `_ftruncate(fd, length)`: the file's size becomes `length`.
fn ftruncate<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "_ftruncate", &args, 2, 2)?;
    let fd = ops::expect_int(vm, &args.pos[0])?;
    let length = ops::expect_int(vm, &args.pos[1])?;
    let Ok(fd) = i32::try_from(fd) else {
        return Err(from_errno(vm, libc::EBADF, None, None));
    };
    let r = vm.allow_threads(|| loop {
        // SAFETY: ftruncate touches no memory of ours.
        if unsafe { libc::ftruncate(fd, length) } == 0 {
            break Ok(());
        }
        let e = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
        if e != libc::EINTR {
            break Err(e);
        }
    });
    r.map_err(|e| from_errno(vm, e, None, None))?;
    Ok(Value::None)
}

/// The builtin `open` (also `_io.open` and `io.open`): calls the Python
/// part's `_io._open`, the module imported on first use.
pub fn builtin_open<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let module = super::import(vm, &name_obj(vm, "_io"))?;
    let open = ops::get_attr(vm, &module, &name_obj(vm, "_open"))?;
    vm.call_args(&open, args)
}
