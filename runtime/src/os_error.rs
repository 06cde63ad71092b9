//! `OSError` and its subclasses as CPython builds them: the subclass that an
//! errno selects (`OSError(2, ...)` is a `FileNotFoundError`), the file
//! names that the constructor's third and fifth arguments give, and the
//! exceptions that failed system calls raise.

use crate::dict::new_map;
use crate::object::{ObjRef, Payload, PyDict, PyStr, Value};
use crate::strategy::LockStrategy;
use crate::vm::{PyErr, Vm};

/// The builtin subclass of `OSError` that CPython raises for `errno`
/// (PEP 3151's table); `None` for a plain `OSError`.
pub fn class_for_errno(errno: i64) -> Option<&'static str> {
    let Ok(errno) = i32::try_from(errno) else {
        return None;
    };
    Some(match errno {
        libc::EAGAIN | libc::EALREADY | libc::EINPROGRESS => "BlockingIOError",
        libc::ECHILD => "ChildProcessError",
        libc::EPIPE | libc::ESHUTDOWN => "BrokenPipeError",
        libc::ECONNABORTED => "ConnectionAbortedError",
        libc::ECONNREFUSED => "ConnectionRefusedError",
        libc::ECONNRESET => "ConnectionResetError",
        libc::EEXIST => "FileExistsError",
        libc::ENOENT => "FileNotFoundError",
        libc::EISDIR => "IsADirectoryError",
        libc::ENOTDIR => "NotADirectoryError",
        libc::EINTR => "InterruptedError",
        libc::EACCES | libc::EPERM => "PermissionError",
        libc::ESRCH => "ProcessLookupError",
        libc::ETIMEDOUT => "TimeoutError",
        _ => return None,
    })
}

/// The C library's message for `errno` (`os.strerror`).
pub fn strerror(errno: i32) -> String {
    // std asks strerror_r and appends " (os error N)", which CPython's
    // message does not have.
    let text = std::io::Error::from_raw_os_error(errno).to_string();
    match text.strip_suffix(&format!(" (os error {errno})")) {
        Some(msg) => msg.to_string(),
        None => text,
    }
}

/// Whether `class` is `OSError` or one of its subclasses: their instances
/// keep `filename` and `filename2` in a namespace of their own.
pub fn is_os_error_class<S: LockStrategy>(class: &ObjRef<S>) -> bool {
    let builtin_os_error = |c: &ObjRef<S>| matches!(c.payload(), Payload::Type(t) if t.dict.is_none() && t.name == "OSError");
    builtin_os_error(class)
        || matches!(class.payload(), Payload::Type(t) if t.mro.iter().any(builtin_os_error))
}

/// An `OSError`'s `filename` and `filename2`.
pub type FileNames<S> = (Value<S>, Value<S>);

/// The arguments of a new `OSError`: with two to five of them and a file
/// name that is not None, `args` keeps only `(errno, strerror)` and the
/// names (the third and fifth) go to `filename` and `filename2`.
pub fn split_file_names<S: LockStrategy>(
    args: Box<[Value<S>]>,
) -> (Box<[Value<S>]>, Option<FileNames<S>>) {
    if !(3..=5).contains(&args.len()) || matches!(args[2], Value::None) {
        return (args, None);
    }
    let filename2 = match args.get(4) {
        Some(v) => v.clone(),
        None => Value::None,
    };
    let names = (args[2].clone(), filename2);
    (args[..2].to_vec().into_boxed_slice(), Some(names))
}

/// A fresh exception namespace holding an `OSError`'s file names.
pub fn names_dict<S: LockStrategy>(names: Option<FileNames<S>>) -> ObjRef<S> {
    let dict = ObjRef::new(Payload::Dict(PyDict::new(new_map())));
    if let (Some((filename, filename2)), Payload::Dict(d)) = (names, dict.payload()) {
        for (name, value) in [("filename", filename), ("filename2", filename2)] {
            let key = Value::Obj(ObjRef::new(Payload::Str(PyStr::new(name))));
            let Ok(hash) = crate::dict::hash_value(&key) else {
                unreachable!("str is hashable")
            };
            d.map.with::<S, _>(&dict.header, |m| {
                m.insert(crate::dict::DictKey { hash, key }, value);
            });
        }
    }
    dict
}

/// The class that `OSError(*args)` makes: CPython's `OSError.__new__`
/// picks the subclass for the errno when called on `OSError` itself.
pub fn constructed_class<S: LockStrategy>(
    vm: &Vm<S>,
    class: &ObjRef<S>,
    args: &[Value<S>],
) -> ObjRef<S> {
    let is_plain = class.ptr_eq(&vm.interp.exceptions["OSError"]);
    match (is_plain, args) {
        (true, [Value::Int(errno), _, ..]) if args.len() <= 5 => match class_for_errno(*errno) {
            Some(name) => vm.interp.exceptions[name].clone(),
            None => class.clone(),
        },
        _ => class.clone(),
    }
}

/// The exception CPython raises for a system call that failed with
/// `errno` on the given file names (`PyErr_SetFromErrnoWithFilenameObjects`).
pub fn from_errno<S: LockStrategy>(
    vm: &Vm<S>,
    errno: i32,
    filename: Option<Value<S>>,
    filename2: Option<Value<S>>,
) -> PyErr<S> {
    let class = class_for_errno(errno as i64).unwrap_or("OSError");
    let mut args = vec![Value::Int(errno as i64), vm.new_str(strerror(errno))];
    if let Some(f) = filename {
        args.extend([f, Value::None]);
        if let Some(f2) = filename2 {
            args.push(f2);
        }
    }
    PyErr {
        exc: crate::interp::new_exception_obj(
            vm.interp.exceptions[class].clone(),
            args.into_boxed_slice(),
        ),
    }
}

/// The exception for the calling thread's last failed system call.
pub fn last_error<S: LockStrategy>(vm: &Vm<S>, filename: Option<Value<S>>) -> PyErr<S> {
    from_io(vm, &std::io::Error::last_os_error(), filename)
}

/// The exception for a failed std I/O call (its errno, if it has one).
pub fn from_io<S: LockStrategy>(
    vm: &Vm<S>,
    e: &std::io::Error,
    filename: Option<Value<S>>,
) -> PyErr<S> {
    match e.raw_os_error() {
        Some(errno) => from_errno(vm, errno, filename, None),
        None => vm.new_error("OSError", e.to_string()),
    }
}
