//! The `posix` module: the system calls under CPython's `os`, `os.path`
//! and `pathlib`. Paths are str, bytes or os.PathLike (as CPython's
//! `path_converter`); a result names files in the type the path had. Failed
//! calls raise the `OSError` subclass for their errno with the path as
//! `filename`. Calls that touch the file system release the GIL; those
//! that can wait without bound (`read`, `write`, `open`, `waitpid`) detach
//! as `time.sleep` does. The structseq results (`stat_result`,
//! `terminal_size`, ...), `DirEntry` and `scandir` are in the Python part
//! (`py/posix.py`), over the raw tuples the functions here return.

use crate::builtins::arity;
use crate::object::{ObjRef, Payload, Value};
use crate::ops;
use crate::os_error::{from_errno, from_io};
use crate::strategy::LockStrategy;
use crate::types::bytes::{bytes_like, new_bytes};
use crate::vm::{Args, PyErr, PyResult, Vm};
use std::ffi::{CString, OsStr, OsString};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};

pub fn init<S: LockStrategy>(vm: &mut Vm<S>, dict: &ObjRef<S>) {
    super::add_functions(
        vm,
        dict,
        &[
            ("fspath", fspath, false),
            ("getcwd", getcwd, false),
            ("getcwdb", getcwdb, false),
            ("chdir", chdir, true),
            ("listdir", listdir, true),
            ("_scandir", scandir_raw, true),
            ("_stat", stat_raw, true),
            ("_fstat", fstat_raw, true),
            ("mkdir", mkdir, true),
            ("rmdir", rmdir, true),
            ("unlink", unlink, true),
            ("remove", unlink, true),
            ("rename", rename, true),
            ("replace", rename, true),
            ("access", access, true),
            ("chmod", chmod, true),
            ("utime", utime, true),
            ("readlink", readlink, true),
            ("symlink", symlink, true),
            ("open", open, false),
            ("read", read, false),
            ("write", write, false),
            ("close", close, true),
            ("lseek", lseek, true),
            ("isatty", isatty, false),
            ("pipe", pipe, false),
            ("get_blocking", get_blocking, false),
            ("set_blocking", set_blocking, false),
            ("dup", dup, false),
            ("dup2", dup2, false),
            ("getpid", getpid, false),
            ("getppid", getppid, false),
            ("getuid", getuid, false),
            ("geteuid", geteuid, false),
            ("getgid", getgid, false),
            ("getegid", getegid, false),
            ("umask", umask, false),
            ("kill", kill, false),
            ("strerror", strerror, false),
            ("_exit", exit, false),
            ("urandom", urandom, true),
            ("cpu_count", cpu_count, false),
            ("_get_terminal_size", get_terminal_size_raw, false),
            ("_uname", uname_raw, false),
            ("_times", times_raw, false),
            ("waitpid", waitpid, false),
            ("putenv", putenv, false),
            ("unsetenv", unsetenv, false),
            ("_environ", environ_raw, false),
        ],
    );
    let ints: &[(&str, i64)] = &[
        ("F_OK", libc::F_OK as i64),
        ("R_OK", libc::R_OK as i64),
        ("W_OK", libc::W_OK as i64),
        ("X_OK", libc::X_OK as i64),
        ("SEEK_DATA", libc::SEEK_DATA as i64),
        ("SEEK_HOLE", libc::SEEK_HOLE as i64),
        ("O_RDONLY", libc::O_RDONLY as i64),
        ("O_WRONLY", libc::O_WRONLY as i64),
        ("O_RDWR", libc::O_RDWR as i64),
        ("O_APPEND", libc::O_APPEND as i64),
        ("O_CREAT", libc::O_CREAT as i64),
        ("O_EXCL", libc::O_EXCL as i64),
        ("O_TRUNC", libc::O_TRUNC as i64),
        ("O_NONBLOCK", libc::O_NONBLOCK as i64),
        ("O_NDELAY", libc::O_NDELAY as i64),
        ("O_SYNC", libc::O_SYNC as i64),
        ("O_DSYNC", libc::O_DSYNC as i64),
        ("O_RSYNC", libc::O_RSYNC as i64),
        ("O_NOCTTY", libc::O_NOCTTY as i64),
        ("O_CLOEXEC", libc::O_CLOEXEC as i64),
        ("O_DIRECTORY", libc::O_DIRECTORY as i64),
        ("O_NOFOLLOW", libc::O_NOFOLLOW as i64),
        ("O_NOATIME", libc::O_NOATIME as i64),
        ("O_PATH", libc::O_PATH as i64),
        ("O_TMPFILE", libc::O_TMPFILE as i64),
        ("O_ACCMODE", libc::O_ACCMODE as i64),
        ("O_ASYNC", libc::O_ASYNC as i64),
        ("O_DIRECT", libc::O_DIRECT as i64),
        ("O_LARGEFILE", libc::O_LARGEFILE as i64),
        ("WNOHANG", libc::WNOHANG as i64),
        ("WUNTRACED", libc::WUNTRACED as i64),
        ("WCONTINUED", libc::WCONTINUED as i64),
        ("EX_OK", 0),
    ];
    for (name, value) in ints {
        vm.interp.dict_set_str(dict, name, Value::Int(*value));
    }
    let os_error = Value::Obj(vm.interp.exceptions["OSError"].clone());
    vm.interp.dict_set_str(dict, "error", os_error);
}

// ---- arguments ----

/// A path argument: its bytes, whether the caller gave bytes (results are
/// then bytes too), and the object as given (the error's `filename`).
struct PathArg<S: LockStrategy> {
    bytes: Vec<u8>,
    is_bytes: bool,
    object: Value<S>,
}

impl<S: LockStrategy> PathArg<S> {
    fn os_str(&self) -> &OsStr {
        OsStr::from_bytes(&self.bytes)
    }
    fn c_string(&self) -> CString {
        // The NUL check was made when the argument was read.
        CString::new(self.bytes.clone()).unwrap_or_default()
    }
    fn error(&self, vm: &Vm<S>, errno: i32) -> PyErr<S> {
        from_errno(vm, errno, Some(self.object.clone()), None)
    }
}

/// A path or a file descriptor (for the functions that take either).
enum PathOrFd<S: LockStrategy> {
    Path(PathArg<S>),
    Fd(i32),
}

/// `os.fspath(v)` without the type error: `v` itself for str and bytes,
/// `v.__fspath__()` for a path-like object, `None` for anything else.
fn fspath_of<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, Option<Value<S>>> {
    if matches!(v.payload(), Some(Payload::Str(_) | Payload::Bytes(_))) {
        return Ok(Some(v.clone()));
    }
    let Some(class) = crate::classes::user_class_of(v) else {
        return Ok(None);
    };
    let Some(method) = crate::classes::class_lookup(&class, &vm.new_str("__fspath__")) else {
        return Ok(None);
    };
    let method = crate::classes::bind(vm, method, v, &class)?;
    let result = vm.call(&method, Vec::new())?;
    if matches!(result.payload(), Some(Payload::Str(_) | Payload::Bytes(_))) {
        return Ok(Some(result));
    }
    Err(vm.type_error(format!(
        "expected {}.__fspath__() to return str or bytes, not {}",
        ops::type_name(v),
        ops::type_name(&result)
    )))
}

/// Reads a path argument as CPython's `path_converter` does; `allow_fd`
/// also accepts an int (then the message lists it).
fn path_or_fd<S: LockStrategy>(
    vm: &mut Vm<S>,
    func: &str,
    arg: &str,
    v: &Value<S>,
    allow_fd: bool,
) -> PyResult<S, PathOrFd<S>> {
    if allow_fd {
        if let Value::Int(fd) = v {
            let fd = i32::try_from(*fd).map_err(|_| {
                vm.new_error(
                    "OverflowError",
                    if *fd < 0 {
                        "fd is less than minimum"
                    } else {
                        "fd is greater than maximum"
                    },
                )
            })?;
            return Ok(PathOrFd::Fd(fd));
        }
    }
    let Some(path) = fspath_of(vm, v)? else {
        let allowed = match (allow_fd, func) {
            // The directory listings also take None (and, in CPython, a
            // file descriptor).
            (_, "listdir" | "scandir") => "string, bytes, os.PathLike, integer or None",
            (true, _) => "string, bytes, os.PathLike or integer",
            (false, _) => "string, bytes or os.PathLike",
        };
        return Err(vm.type_error(format!(
            "{func}: {arg} should be {allowed}, not {}",
            ops::type_name(v)
        )));
    };
    let (bytes, is_bytes) = match path.payload() {
        Some(Payload::Str(s)) => (s.as_str().as_bytes().to_vec(), false),
        _ => (bytes_like(&path).unwrap_or_default().into_owned(), true),
    };
    if bytes.contains(&0) {
        return Err(vm.value_error("embedded null byte"));
    }
    // An error names the file as the path-like object's path.
    Ok(PathOrFd::Path(PathArg {
        bytes,
        is_bytes,
        object: path,
    }))
}

fn path_arg<S: LockStrategy>(
    vm: &mut Vm<S>,
    func: &str,
    arg: &str,
    v: &Value<S>,
) -> PyResult<S, PathArg<S>> {
    match path_or_fd(vm, func, arg, v, false)? {
        PathOrFd::Path(p) => Ok(p),
        PathOrFd::Fd(_) => unreachable!("fds are not allowed here"),
    }
}

/// A positional-or-keyword argument: `args.pos[i]`, or keyword `name`.
fn arg<S: LockStrategy>(args: &mut Args<S>, i: usize, name: &str) -> Option<Value<S>> {
    match args.take_kw(name) {
        Some(v) => Some(v),
        None => args.pos.get(i).cloned(),
    }
}

/// Refuses `dir_fd` other than None: no `*at` function is offered
/// (`os.supports_dir_fd` is empty, as `_have_functions` says).
fn no_dir_fd<S: LockStrategy>(vm: &Vm<S>, func: &str, args: &mut Args<S>) -> PyResult<S, ()> {
    match args.take_kw("dir_fd") {
        None | Some(Value::None) => Ok(()),
        Some(_) => Err(vm.new_error(
            "NotImplementedError",
            format!("{func}: dir_fd unavailable on this platform"),
        )),
    }
}

fn follow_symlinks<S: LockStrategy>(vm: &mut Vm<S>, args: &mut Args<S>) -> PyResult<S, bool> {
    match args.take_kw("follow_symlinks") {
        None => Ok(true),
        Some(v) => ops::truthy(vm, &v),
    }
}

fn int_arg<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>) -> PyResult<S, i64> {
    ops::expect_int(vm, v)
}

fn fd_arg<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>) -> PyResult<S, i32> {
    let fd = int_arg(vm, v)?;
    i32::try_from(fd).map_err(|_| {
        vm.new_error(
            "OverflowError",
            if fd < 0 {
                "fd is less than minimum"
            } else {
                "fd is greater than maximum"
            },
        )
    })
}

/// A file name in the caller's type: bytes for a bytes path, else str
/// (file names that are not UTF-8 are decoded lossily).
fn name_value<S: LockStrategy>(vm: &Vm<S>, name: &[u8], as_bytes: bool) -> Value<S> {
    if as_bytes {
        new_bytes(name.to_vec())
    } else {
        vm.new_str(String::from_utf8_lossy(name).into_owned())
    }
}

/// The errno of a failed system call (the thread's last error).
fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

fn io_errno(e: &std::io::Error) -> i32 {
    e.raw_os_error().unwrap_or(libc::EIO)
}

// ---- paths and directories ----

fn fspath<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let path = arg(&mut args, 0, "path");
    arity(vm, "fspath", &args, 0, 1)?;
    let Some(path) = path else {
        return Err(vm.type_error("fspath() missing required argument 'path' (pos 1)"));
    };
    match fspath_of(vm, &path)? {
        Some(p) => Ok(p),
        None => Err(vm.type_error(format!(
            "expected str, bytes or os.PathLike object, not {}",
            ops::type_name(&path)
        ))),
    }
}

fn cwd_bytes<S: LockStrategy>(vm: &Vm<S>) -> PyResult<S, Vec<u8>> {
    match std::env::current_dir() {
        Ok(p) => Ok(p.into_os_string().into_vec()),
        Err(e) => Err(from_io(vm, &e, None)),
    }
}

fn getcwd<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "getcwd", &args, 0, 0)?;
    let cwd = cwd_bytes(vm)?;
    Ok(name_value(vm, &cwd, false))
}

fn getcwdb<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "getcwdb", &args, 0, 0)?;
    Ok(new_bytes(cwd_bytes(vm)?))
}

fn chdir<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let path = arg(&mut args, 0, "path");
    arity(vm, "chdir", &args, 1, 1)?;
    let path = path_arg(vm, "chdir", "path", &path.unwrap_or(Value::None))?;
    vm.allow_threads(|| std::env::set_current_dir(path.os_str()))
        .map_err(|e| path.error(vm, io_errno(&e)))?;
    Ok(Value::None)
}

/// The entries of a directory, except `.` and `..`: name, whether it is a
/// directory / a regular file / a symbolic link (not following links;
/// `None` where the system did not say), and inode number.
type RawEntry = (Vec<u8>, Option<(bool, bool, bool)>, u64);

fn read_dir(path: &OsStr) -> Result<Vec<RawEntry>, i32> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(path).map_err(|e| io_errno(&e))? {
        let entry = entry.map_err(|e| io_errno(&e))?;
        let kind = entry
            .file_type()
            .ok()
            .map(|t| (t.is_dir(), t.is_file(), t.is_symlink()));
        use std::os::unix::fs::DirEntryExt;
        out.push((entry.file_name().into_vec(), kind, entry.ino()));
    }
    Ok(out)
}

/// The directory argument of `listdir`/`scandir`: `"."` when omitted or None.
fn dir_arg<S: LockStrategy>(
    vm: &mut Vm<S>,
    func: &str,
    v: Option<Value<S>>,
) -> PyResult<S, PathArg<S>> {
    match v {
        None | Some(Value::None) => Ok(PathArg {
            bytes: b".".to_vec(),
            is_bytes: false,
            object: vm.new_str("."),
        }),
        Some(v) => path_arg(vm, func, "path", &v),
    }
}

fn listdir<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let path = arg(&mut args, 0, "path");
    arity(vm, "listdir", &args, 0, 1)?;
    let path = dir_arg(vm, "listdir", path)?;
    let entries = vm
        .allow_threads(|| read_dir(path.os_str()))
        .map_err(|e| path.error(vm, e))?;
    let names = entries
        .iter()
        .map(|(name, _, _)| name_value(vm, name, path.is_bytes))
        .collect();
    Ok(ops::new_list(names))
}

/// `_scandir(path)`: the path as given (or `"."`), and a list of
/// `(name, is_dir, is_file, is_symlink, inode)` with None for a type the
/// system did not report; `scandir` makes the `DirEntry`s.
fn scandir_raw<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let path = arg(&mut args, 0, "path");
    arity(vm, "scandir", &args, 0, 1)?;
    let path = dir_arg(vm, "scandir", path)?;
    let entries = vm
        .allow_threads(|| read_dir(path.os_str()))
        .map_err(|e| path.error(vm, e))?;
    let flag = |b: Option<bool>| b.map_or(Value::None, Value::Bool);
    let items = entries
        .iter()
        .map(|(name, kind, ino)| {
            ops::new_tuple(vec![
                name_value(vm, name, path.is_bytes),
                flag(kind.map(|k| k.0)),
                flag(kind.map(|k| k.1)),
                flag(kind.map(|k| k.2)),
                ops::int_from_big((*ino).into()),
            ])
        })
        .collect();
    let shown = name_value(vm, &path.bytes, path.is_bytes);
    Ok(ops::new_tuple(vec![shown, ops::new_list(items)]))
}

// ---- stat ----

/// What `stat` reports, in `stat_result`'s order.
struct StatFields {
    mode: u32,
    ino: u64,
    dev: u64,
    nlink: u64,
    uid: u32,
    gid: u32,
    size: i64,
    times: [(i64, i64); 3],
    blksize: i64,
    blocks: i64,
    rdev: u64,
}

impl StatFields {
    fn of_metadata(m: &std::fs::Metadata) -> Self {
        StatFields {
            mode: m.mode(),
            ino: m.ino(),
            dev: m.dev(),
            nlink: m.nlink(),
            uid: m.uid(),
            gid: m.gid(),
            size: m.size() as i64,
            times: [
                (m.atime(), m.atime_nsec()),
                (m.mtime(), m.mtime_nsec()),
                (m.ctime(), m.ctime_nsec()),
            ],
            blksize: m.blksize() as i64,
            blocks: m.blocks() as i64,
            rdev: m.rdev(),
        }
    }

    /// The 19 values `stat_result` is built from: the ten of the tuple
    /// (whole-second times), then the float times, the nanosecond times,
    /// `st_blksize`, `st_blocks` and `st_rdev`.
    fn to_tuple<S: LockStrategy>(&self) -> Value<S> {
        let int = |v: i128| ops::int_from_big(v.into());
        let mut items = vec![
            int(self.mode as i128),
            int(self.ino as i128),
            int(self.dev as i128),
            int(self.nlink as i128),
            int(self.uid as i128),
            int(self.gid as i128),
            int(self.size as i128),
        ];
        items.extend(self.times.iter().map(|(s, _)| int(*s as i128)));
        items.extend(
            self.times
                .iter()
                .map(|(s, ns)| Value::Float(*s as f64 + *ns as f64 * 1e-9)),
        );
        items.extend(
            self.times
                .iter()
                .map(|(s, ns)| int(*s as i128 * 1_000_000_000 + *ns as i128)),
        );
        items.extend([
            int(self.blksize as i128),
            int(self.blocks as i128),
            int(self.rdev as i128),
        ]);
        ops::new_tuple(items)
    }
}

fn fstat_fd(fd: i32) -> Result<StatFields, i32> {
    // SAFETY: `libc::stat` is plain data, for which all zero bytes is a
    // valid value.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: `st` is a valid, writable `stat` buffer; an invalid fd is
    // reported as EBADF.
    if unsafe { libc::fstat(fd, &mut st) } != 0 {
        return Err(errno());
    }
    Ok(StatFields {
        mode: st.st_mode,
        ino: st.st_ino,
        dev: st.st_dev,
        nlink: st.st_nlink,
        uid: st.st_uid,
        gid: st.st_gid,
        size: st.st_size,
        times: [
            (st.st_atime, st.st_atime_nsec),
            (st.st_mtime, st.st_mtime_nsec),
            (st.st_ctime, st.st_ctime_nsec),
        ],
        blksize: st.st_blksize,
        blocks: st.st_blocks,
        rdev: st.st_rdev,
    })
}

/// `_stat(path, *, dir_fd=None, follow_symlinks=True)`: the raw values of
/// `os.stat`, for a path or a file descriptor.
fn stat_raw<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    no_dir_fd(vm, "stat", &mut args)?;
    let follow = follow_symlinks(vm, &mut args)?;
    let path = arg(&mut args, 0, "path");
    arity(vm, "stat", &args, 0, 1)?;
    let Some(path) = path else {
        return Err(vm.type_error("stat() missing required argument 'path' (pos 1)"));
    };
    let fields = match path_or_fd(vm, "stat", "path", &path, true)? {
        PathOrFd::Fd(fd) => vm
            .allow_threads(|| fstat_fd(fd))
            .map_err(|e| from_errno(vm, e, Some(path.clone()), None))?,
        PathOrFd::Path(p) => {
            let m = vm.allow_threads(|| {
                if follow {
                    std::fs::metadata(p.os_str())
                } else {
                    std::fs::symlink_metadata(p.os_str())
                }
            });
            StatFields::of_metadata(&m.map_err(|e| p.error(vm, io_errno(&e)))?)
        }
    };
    Ok(fields.to_tuple())
}

fn fstat_raw<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let fd = arg(&mut args, 0, "fd");
    arity(vm, "fstat", &args, 0, 1)?;
    let Some(fd) = fd else {
        return Err(vm.type_error("fstat() missing required argument 'fd' (pos 1)"));
    };
    let fd = fd_arg(vm, &fd)?;
    let fields = vm
        .allow_threads(|| fstat_fd(fd))
        .map_err(|e| from_errno(vm, e, None, None))?;
    Ok(fields.to_tuple())
}

// ---- changing the file system ----

fn mkdir<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    no_dir_fd(vm, "mkdir", &mut args)?;
    let path = arg(&mut args, 0, "path");
    let mode = arg(&mut args, 1, "mode");
    arity(vm, "mkdir", &args, 0, 2)?;
    let path = path_arg(vm, "mkdir", "path", &path.unwrap_or(Value::None))?;
    let mode = match mode {
        Some(m) => int_arg(vm, &m)? as u32,
        None => 0o777,
    };
    vm.allow_threads(|| std::fs::DirBuilder::new().mode(mode).create(path.os_str()))
        .map_err(|e| path.error(vm, io_errno(&e)))?;
    Ok(Value::None)
}

/// A function of one path that returns nothing.
fn one_path<S: LockStrategy>(
    vm: &mut Vm<S>,
    mut args: Args<S>,
    func: &str,
    op: fn(&OsStr) -> std::io::Result<()>,
) -> PyResult<S> {
    no_dir_fd(vm, func, &mut args)?;
    let path = arg(&mut args, 0, "path");
    arity(vm, func, &args, 0, 1)?;
    let path = path_arg(vm, func, "path", &path.unwrap_or(Value::None))?;
    vm.allow_threads(|| op(path.os_str()))
        .map_err(|e| path.error(vm, io_errno(&e)))?;
    Ok(Value::None)
}

fn rmdir<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    one_path(vm, args, "rmdir", |p| std::fs::remove_dir(p))
}

fn unlink<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    one_path(vm, args, "unlink", |p| std::fs::remove_file(p))
}

fn two_paths<S: LockStrategy>(
    vm: &mut Vm<S>,
    args: &mut Args<S>,
    func: &str,
) -> PyResult<S, (PathArg<S>, PathArg<S>)> {
    let src = arg(args, 0, "src");
    let dst = arg(args, 1, "dst");
    let src = path_arg(vm, func, "src", &src.unwrap_or(Value::None))?;
    let dst = path_arg(vm, func, "dst", &dst.unwrap_or(Value::None))?;
    Ok((src, dst))
}

fn rename<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    for kw in ["src_dir_fd", "dst_dir_fd"] {
        if !matches!(args.take_kw(kw), None | Some(Value::None)) {
            return Err(vm.new_error(
                "NotImplementedError",
                "rename: dir_fd unavailable on this platform",
            ));
        }
    }
    let (src, dst) = two_paths(vm, &mut args, "rename")?;
    arity(vm, "rename", &args, 0, 2)?;
    vm.allow_threads(|| std::fs::rename(src.os_str(), dst.os_str()))
        .map_err(|e| from_errno(vm, io_errno(&e), Some(src.object), Some(dst.object)))?;
    Ok(Value::None)
}

fn symlink<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    no_dir_fd(vm, "symlink", &mut args)?;
    let _target_is_directory = arg(&mut args, 2, "target_is_directory");
    let (src, dst) = two_paths(vm, &mut args, "symlink")?;
    arity(vm, "symlink", &args, 0, 3)?;
    vm.allow_threads(|| std::os::unix::fs::symlink(src.os_str(), dst.os_str()))
        .map_err(|e| from_errno(vm, io_errno(&e), Some(src.object), Some(dst.object)))?;
    Ok(Value::None)
}

fn readlink<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    no_dir_fd(vm, "readlink", &mut args)?;
    let path = arg(&mut args, 0, "path");
    arity(vm, "readlink", &args, 0, 1)?;
    let path = path_arg(vm, "readlink", "path", &path.unwrap_or(Value::None))?;
    let target = vm
        .allow_threads(|| std::fs::read_link(path.os_str()))
        .map_err(|e| path.error(vm, io_errno(&e)))?;
    Ok(name_value(
        vm,
        &target.into_os_string().into_vec(),
        path.is_bytes,
    ))
}

fn access<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    no_dir_fd(vm, "access", &mut args)?;
    let _ = args.take_kw("effective_ids");
    let _ = follow_symlinks(vm, &mut args)?;
    let path = arg(&mut args, 0, "path");
    let mode = arg(&mut args, 1, "mode");
    arity(vm, "access", &args, 0, 2)?;
    let path = path_arg(vm, "access", "path", &path.unwrap_or(Value::None))?;
    let Some(mode) = mode else {
        return Err(vm.type_error("access() missing required argument 'mode' (pos 2)"));
    };
    let mode = int_arg(vm, &mode)? as i32;
    let c = path.c_string();
    // SAFETY: `c` is a NUL-terminated string that outlives the call.
    let r = vm.allow_threads(|| unsafe { libc::access(c.as_ptr(), mode) });
    Ok(Value::Bool(r == 0))
}

fn chmod<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    no_dir_fd(vm, "chmod", &mut args)?;
    let _ = follow_symlinks(vm, &mut args)?;
    let path = arg(&mut args, 0, "path");
    let mode = arg(&mut args, 1, "mode");
    arity(vm, "chmod", &args, 0, 2)?;
    let path = path_arg(vm, "chmod", "path", &path.unwrap_or(Value::None))?;
    let Some(mode) = mode else {
        return Err(vm.type_error("chmod() missing required argument 'mode' (pos 2)"));
    };
    let mode = int_arg(vm, &mode)? as u32;
    vm.allow_threads(|| {
        std::fs::set_permissions(path.os_str(), std::fs::Permissions::from_mode(mode))
    })
    .map_err(|e| path.error(vm, io_errno(&e)))?;
    Ok(Value::None)
}

/// A time in seconds (int or float) as a `timespec`.
fn timespec_of<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>) -> PyResult<S, libc::timespec> {
    let secs = super::time::seconds_arg(vm, v)?;
    let whole = secs.floor();
    Ok(libc::timespec {
        tv_sec: whole as libc::time_t,
        tv_nsec: ((secs - whole) * 1e9) as libc::c_long,
    })
}

fn timespec_of_ns<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>) -> PyResult<S, libc::timespec> {
    let ns = int_arg(vm, v)?;
    Ok(libc::timespec {
        tv_sec: ns.div_euclid(1_000_000_000) as libc::time_t,
        tv_nsec: ns.rem_euclid(1_000_000_000) as libc::c_long,
    })
}

/// `utime(path, times=None, *, ns=None, follow_symlinks=True)`.
fn utime<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    no_dir_fd(vm, "utime", &mut args)?;
    let follow = follow_symlinks(vm, &mut args)?;
    let ns = args.take_kw("ns");
    let path = arg(&mut args, 0, "path");
    let times = arg(&mut args, 1, "times");
    arity(vm, "utime", &args, 0, 2)?;
    let path = path_arg(vm, "utime", "path", &path.unwrap_or(Value::None))?;
    let pair = |vm: &Vm<S>, v: &Value<S>, what: &str| -> PyResult<S, [Value<S>; 2]> {
        match v.payload() {
            Some(Payload::Tuple(t)) if t.len() == 2 => Ok([t[0].clone(), t[1].clone()]),
            _ => Err(vm.type_error(format!("utime: '{what}' must be a tuple of two ints"))),
        }
    };
    let spec: Option<[libc::timespec; 2]> = match (times, ns) {
        (Some(t), Some(_)) if !matches!(t, Value::None) => {
            return Err(vm.value_error("utime: you may specify either 'times' or 'ns' but not both"))
        }
        (Some(t), _) if !matches!(t, Value::None) => {
            let [a, m] = match t.payload() {
                Some(Payload::Tuple(items)) if items.len() == 2 => {
                    [items[0].clone(), items[1].clone()]
                }
                _ => {
                    return Err(
                        vm.type_error("utime: 'times' must be either a tuple of two ints or None")
                    )
                }
            };
            Some([timespec_of(vm, &a)?, timespec_of(vm, &m)?])
        }
        (_, Some(n)) => {
            let [a, m] = pair(vm, &n, "ns")?;
            Some([timespec_of_ns(vm, &a)?, timespec_of_ns(vm, &m)?])
        }
        _ => None,
    };
    let c = path.c_string();
    let flags = if follow { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
    let r = vm.allow_threads(|| {
        let ptr = spec.as_ref().map_or(std::ptr::null(), |s| s.as_ptr());
        // SAFETY: `c` is NUL-terminated and `ptr` is null (now) or points
        // to two timespecs; both outlive the call.
        let r = unsafe { libc::utimensat(libc::AT_FDCWD, c.as_ptr(), ptr, flags) };
        if r == 0 {
            Ok(())
        } else {
            Err(errno())
        }
    });
    r.map_err(|e| path.error(vm, e))?;
    Ok(Value::None)
}

// ---- file descriptors ----

/// `open(path, flags, mode=0o777, *, dir_fd=None)`: a new file descriptor,
/// not inheritable (PEP 446).
fn open<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    no_dir_fd(vm, "open", &mut args)?;
    let path = arg(&mut args, 0, "path");
    let flags = arg(&mut args, 1, "flags");
    let mode = arg(&mut args, 2, "mode");
    arity(vm, "open", &args, 0, 3)?;
    let path = path_arg(vm, "open", "path", &path.unwrap_or(Value::None))?;
    let Some(flags) = flags else {
        return Err(vm.type_error("open() missing required argument 'flags' (pos 2)"));
    };
    let flags = int_arg(vm, &flags)? as i32 | libc::O_CLOEXEC;
    let mode = match mode {
        Some(m) => int_arg(vm, &m)? as libc::c_uint,
        None => 0o777,
    };
    let c = path.c_string();
    let r = vm.blocking(|| loop {
        // SAFETY: `c` is a NUL-terminated string that outlives the call.
        let fd = unsafe { libc::open(c.as_ptr(), flags, mode) };
        match fd {
            -1 if errno() == libc::EINTR => continue,
            -1 => break Err(errno()),
            fd => break Ok(fd),
        }
    });
    Ok(Value::Int(r.map_err(|e| path.error(vm, e))? as i64))
}

/// Retries a system call that an interrupting signal stopped (PEP 475).
fn retry(mut f: impl FnMut() -> isize) -> Result<isize, i32> {
    loop {
        let r = f();
        if r >= 0 {
            return Ok(r);
        }
        let e = errno();
        if e != libc::EINTR {
            return Err(e);
        }
    }
}

fn read<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "read", &args, 2, 2)?;
    let fd = fd_arg(vm, &args.pos[0])?;
    let n = int_arg(vm, &args.pos[1])?;
    if n < 0 {
        return Err(from_errno(vm, libc::EINVAL, None, None));
    }
    let mut buf = crate::alloc::vec_with_capacity(vm, n as usize)?;
    buf.resize(n as usize, 0u8);
    let r = vm.blocking(|| {
        // SAFETY: `buf` has `buf.len()` writable bytes for the whole call.
        retry(|| unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) })
    });
    let got = r.map_err(|e| from_errno(vm, e, None, None))?;
    buf.truncate(got as usize);
    Ok(new_bytes(buf))
}

fn write<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "write", &args, 2, 2)?;
    let fd = fd_arg(vm, &args.pos[0])?;
    let Some(data) = bytes_like(&args.pos[1]) else {
        return Err(vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            ops::type_name(&args.pos[1])
        )));
    };
    let data = data.into_owned();
    let r = vm.blocking(|| {
        // SAFETY: `data` has `data.len()` readable bytes for the whole call.
        retry(|| unsafe { libc::write(fd, data.as_ptr().cast(), data.len()) })
    });
    let n = r.map_err(|e| from_errno(vm, e, None, None))?;
    Ok(Value::Int(n as i64))
}

/// A call on a file descriptor that returns an int, -1 with errno set on
/// failure.
fn fd_call<S: LockStrategy>(vm: &Vm<S>, f: impl FnOnce() -> i64) -> PyResult<S, i64> {
    let r = vm.allow_threads(|| {
        let r = f();
        if r == -1 {
            Err(errno())
        } else {
            Ok(r)
        }
    });
    r.map_err(|e| from_errno(vm, e, None, None))
}

fn close<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let fd = arg(&mut args, 0, "fd");
    arity(vm, "close", &args, 0, 1)?;
    let fd = fd_arg(vm, &fd.unwrap_or(Value::None))?;
    // SAFETY: closing a descriptor touches no memory of ours; the caller
    // owns the descriptor (as with CPython's os.close).
    fd_call(vm, || unsafe { libc::close(fd) } as i64)?;
    Ok(Value::None)
}

fn lseek<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "lseek", &args, 3, 3)?;
    let fd = fd_arg(vm, &args.pos[0])?;
    let pos = int_arg(vm, &args.pos[1])?;
    let how = int_arg(vm, &args.pos[2])? as i32;
    // SAFETY: lseek touches no memory of ours.
    let r = fd_call(vm, || unsafe { libc::lseek(fd, pos, how) })?;
    Ok(Value::Int(r))
}

fn isatty<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "isatty", &args, 1, 1)?;
    let fd = fd_arg(vm, &args.pos[0])?;
    // SAFETY: isatty touches no memory of ours.
    Ok(Value::Bool(unsafe { libc::isatty(fd) } == 1))
}

fn pipe<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "pipe", &args, 0, 0)?;
    let mut fds = [0i32; 2];
    // SAFETY: `fds` has room for the two descriptors pipe2 writes.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return Err(from_errno(vm, errno(), None, None));
    }
    Ok(ops::new_tuple(vec![
        Value::Int(fds[0] as i64),
        Value::Int(fds[1] as i64),
    ]))
}

fn get_blocking<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "get_blocking", &args, 1, 1)?;
    let fd = fd_arg(vm, &args.pos[0])?;
    // SAFETY: fcntl(F_GETFL) touches no memory of ours.
    let flags = fd_call(vm, || unsafe { libc::fcntl(fd, libc::F_GETFL) } as i64)?;
    Ok(Value::Bool(flags & libc::O_NONBLOCK as i64 == 0))
}

fn set_blocking<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "set_blocking", &args, 2, 2)?;
    let fd = fd_arg(vm, &args.pos[0])?;
    let blocking = ops::truthy(vm, &args.pos[1])?;
    // SAFETY: fcntl(F_GETFL) touches no memory of ours.
    let flags = fd_call(vm, || unsafe { libc::fcntl(fd, libc::F_GETFL) } as i64)? as i32;
    let new = if blocking {
        flags & !libc::O_NONBLOCK
    } else {
        flags | libc::O_NONBLOCK
    };
    if new != flags {
        // SAFETY: fcntl(F_SETFL) touches no memory of ours.
        fd_call(vm, || unsafe { libc::fcntl(fd, libc::F_SETFL, new) } as i64)?;
    }
    Ok(Value::None)
}

fn dup<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "dup", &args, 1, 1)?;
    let fd = fd_arg(vm, &args.pos[0])?;
    // SAFETY: fcntl(F_DUPFD_CLOEXEC) touches no memory of ours.
    let r = fd_call(vm, || unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) }
        as i64)?;
    Ok(Value::Int(r))
}

fn dup2<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let inheritable = match arg(&mut args, 2, "inheritable") {
        Some(v) => ops::truthy(vm, &v)?,
        None => true,
    };
    arity(vm, "dup2", &args, 2, 3)?;
    let fd = fd_arg(vm, &args.pos[0])?;
    let fd2 = fd_arg(vm, &args.pos[1])?;
    let r = if inheritable || fd == fd2 {
        // SAFETY: dup2 touches no memory of ours.
        fd_call(vm, || unsafe { libc::dup2(fd, fd2) } as i64)?
    } else {
        // SAFETY: dup3 touches no memory of ours.
        fd_call(vm, || unsafe { libc::dup3(fd, fd2, libc::O_CLOEXEC) }
            as i64)?
    };
    Ok(Value::Int(r))
}

// ---- the process ----

fn getpid<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "getpid", &args, 0, 0)?;
    Ok(Value::Int(std::process::id() as i64))
}

fn getppid<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "getppid", &args, 0, 0)?;
    Ok(Value::Int(std::os::unix::process::parent_id() as i64))
}

/// The four id queries: they cannot fail and touch no memory.
fn id_query<S: LockStrategy>(
    vm: &Vm<S>,
    args: &Args<S>,
    name: &str,
    f: unsafe extern "C" fn() -> u32,
) -> PyResult<S> {
    arity(vm, name, args, 0, 0)?;
    // SAFETY: getuid and its kin take no arguments and always succeed.
    Ok(Value::Int(unsafe { f() } as i64))
}

fn getuid<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    id_query(vm, &args, "getuid", libc::getuid)
}

fn geteuid<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    id_query(vm, &args, "geteuid", libc::geteuid)
}

fn getgid<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    id_query(vm, &args, "getgid", libc::getgid)
}

fn getegid<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    id_query(vm, &args, "getegid", libc::getegid)
}

fn umask<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "umask", &args, 1, 1)?;
    let mask = int_arg(vm, &args.pos[0])? as libc::mode_t;
    // SAFETY: umask always succeeds and touches no memory of ours.
    Ok(Value::Int(unsafe { libc::umask(mask) } as i64))
}

fn kill<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "kill", &args, 2, 2)?;
    let pid = int_arg(vm, &args.pos[0])? as libc::pid_t;
    let sig = int_arg(vm, &args.pos[1])? as i32;
    // SAFETY: kill touches no memory of ours.
    fd_call(vm, || unsafe { libc::kill(pid, sig) } as i64)?;
    // A signal sent to this process has its Python handler run before the
    // next instruction, as CPython's eval breaker runs it after the call.
    if pid == 0 || pid as u32 == std::process::id() {
        super::signal::await_delivery(vm, sig as i64);
    }
    super::signal::check_signals(vm)?;
    Ok(Value::None)
}

/// `waitpid(pid, options)`: `(pid, status)`.
fn waitpid<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "waitpid", &args, 2, 2)?;
    let pid = int_arg(vm, &args.pos[0])? as libc::pid_t;
    let options = int_arg(vm, &args.pos[1])? as i32;
    let mut status = 0;
    let r = vm.blocking(|| {
        // SAFETY: `status` is a writable int for the whole call.
        retry(|| unsafe { libc::waitpid(pid, &mut status, options) } as isize)
    });
    let got = r.map_err(|e| from_errno(vm, e, None, None))?;
    Ok(ops::new_tuple(vec![
        Value::Int(got as i64),
        Value::Int(status as i64),
    ]))
}

fn strerror<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "strerror", &args, 1, 1)?;
    let code = int_arg(vm, &args.pos[0])?;
    let code = i32::try_from(code)
        .map_err(|_| vm.new_error("OverflowError", "Python int too large to convert to C int"))?;
    Ok(vm.new_str(crate::os_error::strerror(code)))
}

/// `_exit(n)`: ends the process at once, without cleanup; output still
/// buffered is lost, as in CPython.
fn exit<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "_exit", &args, 1, 1)?;
    let code = int_arg(vm, &args.pos[0])? as i32;
    // SAFETY: _exit ends the process; nothing after it runs.
    unsafe { libc::_exit(code) }
}

fn urandom<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "urandom", &args, 1, 1)?;
    let n = int_arg(vm, &args.pos[0])?;
    if n < 0 {
        return Err(vm.value_error("negative argument not allowed"));
    }
    let mut buf = crate::alloc::vec_with_capacity(vm, n as usize)?;
    buf.resize(n as usize, 0u8);
    let r = vm.allow_threads(|| {
        let mut filled = 0;
        while filled < buf.len() {
            let rest = &mut buf[filled..];
            // SAFETY: `rest` has `rest.len()` writable bytes for the call.
            let got = unsafe { libc::getrandom(rest.as_mut_ptr().cast(), rest.len(), 0) };
            match got {
                -1 if errno() == libc::EINTR => {}
                -1 => return Err(errno()),
                got => filled += got as usize,
            }
        }
        Ok(())
    });
    r.map_err(|e| from_errno(vm, e, None, None))?;
    Ok(new_bytes(buf))
}

fn cpu_count<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "cpu_count", &args, 0, 0)?;
    // SAFETY: sysconf touches no memory of ours.
    let n = unsafe { libc::sysconf(libc::_SC_NPROCESSORS_ONLN) };
    Ok(if n < 1 {
        Value::None
    } else {
        Value::Int(n as i64)
    })
}

/// `_get_terminal_size(fd=1)`: `(columns, lines)`.
fn get_terminal_size_raw<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "get_terminal_size", &args, 0, 1)?;
    let fd = match args.pos.first() {
        Some(v) => fd_arg(vm, v)?,
        None => 1,
    };
    // SAFETY: `winsize` is plain data; all zero bytes is a valid value.
    let mut size: libc::winsize = unsafe { std::mem::zeroed() };
    // SAFETY: TIOCGWINSZ writes one `winsize` to the pointer, which is
    // valid and writable for the call.
    if unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut size as *mut libc::winsize) } != 0 {
        return Err(from_errno(vm, errno(), None, None));
    }
    Ok(ops::new_tuple(vec![
        Value::Int(size.ws_col as i64),
        Value::Int(size.ws_row as i64),
    ]))
}

/// `_uname()`: `(sysname, nodename, release, version, machine)`.
fn uname_raw<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "uname", &args, 0, 0)?;
    // SAFETY: `utsname` is plain data; all zero bytes is a valid value.
    let mut u: libc::utsname = unsafe { std::mem::zeroed() };
    // SAFETY: uname fills the valid, writable `utsname` buffer.
    if unsafe { libc::uname(&mut u) } != 0 {
        return Err(from_errno(vm, errno(), None, None));
    }
    let field = |f: &[libc::c_char]| {
        let bytes: Vec<u8> = f
            .iter()
            .take_while(|c| **c != 0)
            .map(|c| *c as u8)
            .collect();
        vm.new_str(String::from_utf8_lossy(&bytes).into_owned())
    };
    Ok(ops::new_tuple(vec![
        field(&u.sysname),
        field(&u.nodename),
        field(&u.release),
        field(&u.version),
        field(&u.machine),
    ]))
}

/// `_times()`: user, system, children's user and system, and elapsed
/// times in seconds.
fn times_raw<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "times", &args, 0, 0)?;
    // SAFETY: `tms` is plain data; all zero bytes is a valid value.
    let mut t: libc::tms = unsafe { std::mem::zeroed() };
    // SAFETY: times fills the valid, writable `tms` buffer.
    let elapsed = unsafe { libc::times(&mut t) };
    if elapsed == -1 {
        return Err(from_errno(vm, errno(), None, None));
    }
    // SAFETY: sysconf touches no memory of ours.
    let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    let secs = |v: libc::clock_t| Value::Float(v as f64 / ticks);
    Ok(ops::new_tuple(vec![
        secs(t.tms_utime),
        secs(t.tms_stime),
        secs(t.tms_cutime),
        secs(t.tms_cstime),
        secs(elapsed),
    ]))
}

// ---- the environment ----

/// `_environ()`: the process environment as a dict of bytes to bytes
/// (`posix.environ`, which `os.environ` wraps).
fn environ_raw<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "_environ", &args, 0, 0)?;
    let dict = ops::new_dict();
    if let Value::Obj(d) = &dict {
        for (key, value) in std::env::vars_os() {
            ops::dict_set(
                vm,
                d,
                new_bytes(key.into_vec()),
                new_bytes(value.into_vec()),
            )?;
        }
    }
    Ok(dict)
}

/// An environment variable name or value: str, bytes or os.PathLike (as
/// CPython's `PyUnicode_FSConverter`).
fn env_arg<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, OsString> {
    let bytes = match fspath_of(vm, v)? {
        Some(p) => match p.payload() {
            Some(Payload::Str(s)) => s.as_str().as_bytes().to_vec(),
            _ => bytes_like(&p).unwrap_or_default().into_owned(),
        },
        None => {
            return Err(vm.type_error(format!(
                "expected str, bytes or os.PathLike object, not {}",
                ops::type_name(v)
            )))
        }
    };
    if bytes.contains(&0) {
        return Err(vm.value_error("embedded null byte"));
    }
    Ok(OsString::from_vec(bytes))
}

fn env_name<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, OsString> {
    let name = env_arg(vm, v)?;
    if name.as_bytes().contains(&b'=') {
        return Err(vm.value_error("illegal environment variable name"));
    }
    // The C library refuses an empty name (and std would panic on it).
    if name.is_empty() {
        return Err(from_errno(vm, libc::EINVAL, None, None));
    }
    Ok(name)
}

fn putenv<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "putenv", &args, 2, 2)?;
    let name = env_name(vm, &args.pos[0])?;
    let value = env_arg(vm, &args.pos[1])?;
    std::env::set_var(name, value);
    Ok(Value::None)
}

fn unsetenv<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "unsetenv", &args, 1, 1)?;
    let name = env_name(vm, &args.pos[0])?;
    std::env::remove_var(name);
    Ok(Value::None)
}
