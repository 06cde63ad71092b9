//! The `_posixsubprocess` module: `fork_exec`, the system-call half of
//! `subprocess.Popen` on POSIX (CPython's `Modules/_posixsubprocess.c`).
//!
//! Everything the child needs (argument vectors, environment, working
//! folder) is converted to C strings before `fork`: between `fork` and
//! `exec` the child of a multithreaded process may only make
//! async-signal-safe calls (no allocation, no lock). A failure in the child
//! is reported to the parent on `errpipe_write` as `OSError:<hex errno>:`
//! (followed by `noexec` when it failed before trying `exec`), which
//! `subprocess` turns into the exception; the child then `_exit(255)`s.

use crate::builtins::arity;
use crate::object::{ObjRef, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};
use std::ffi::CString;

pub fn init<S: LockStrategy>(vm: &mut Vm<S>, dict: &ObjRef<S>) {
    super::add_functions(vm, dict, &[("fork_exec", fork_exec, false)]);
}

/// A `str`, `bytes` or path-like argument as a C string.
fn c_string<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, CString> {
    let bytes: Vec<u8> = if let Some(s) = v.as_str() {
        s.as_bytes().to_vec()
    } else if let Some(b) = crate::types::bytes::bytes_like(v) {
        b.to_vec()
    } else {
        // A path-like object.
        let p = ops::call_method(vm, v, "__fspath__", Vec::new())?;
        match (p.as_str(), crate::types::bytes::bytes_like(&p)) {
            (Some(s), _) => s.as_bytes().to_vec(),
            (None, Some(b)) => b.to_vec(),
            _ => return Err(vm.type_error("expected str, bytes or os.PathLike object")),
        }
    };
    CString::new(bytes).map_err(|_| vm.value_error("embedded null byte"))
}

fn c_strings<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, Vec<CString>> {
    let items = ops::iterate(vm, v)?;
    items.iter().map(|item| c_string(vm, item)).collect()
}

fn fd_of<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>) -> PyResult<S, libc::c_int> {
    let n = ops::expect_int(vm, v)?;
    libc::c_int::try_from(n).map_err(|_| vm.value_error("fd out of range"))
}

/// A null-terminated array of pointers into `strings`.
fn pointers(strings: &[CString]) -> Vec<*const libc::c_char> {
    strings
        .iter()
        .map(|s| s.as_ptr())
        .chain(std::iter::once(std::ptr::null()))
        .collect()
}

/// `fork_exec(args, executable_list, close_fds, fds_to_keep, cwd, env,
/// p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite, errpipe_read,
/// errpipe_write, restore_signals, call_setsid, pgid_to_set, gid,
/// extra_groups, uid, child_umask, preexec_fn, allow_vfork)`: the child's pid.
fn fork_exec<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "fork_exec", &args, 23, 23)?;
    let a = &args.pos;
    let argv = match &a[0] {
        Value::None => Vec::new(),
        v => c_strings(vm, v)?,
    };
    let executables = c_strings(vm, &a[1])?;
    let close_fds = ops::truthy(vm, &a[2])?;
    let mut keep = Vec::new();
    for v in ops::iterate(vm, &a[3])? {
        keep.push(fd_of(vm, &v)?);
    }
    let cwd = match &a[4] {
        Value::None => None,
        v => Some(c_string(vm, v)?),
    };
    let env = match &a[5] {
        Value::None => None,
        v => Some(c_strings(vm, v)?),
    };
    let mut fds = [0 as libc::c_int; 10];
    for (slot, v) in fds.iter_mut().zip(&a[6..16]) {
        *slot = fd_of(vm, v)?;
    }
    let [p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite, errpipe_read, errpipe_write, ..] =
        fds;
    let restore_signals = ops::truthy(vm, &a[14])?;
    let call_setsid = ops::truthy(vm, &a[15])?;
    let pgid = match &a[16] {
        Value::None => -1,
        v => ops::expect_int(vm, v)?,
    };
    let gid = match &a[17] {
        Value::None => None,
        v => Some(ops::expect_int(vm, v)? as libc::gid_t),
    };
    if !matches!(a[18], Value::None) {
        return Err(vm.new_error("NotImplementedError", "extra_groups is not supported"));
    }
    let uid = match &a[19] {
        Value::None => None,
        v => Some(ops::expect_int(vm, v)? as libc::uid_t),
    };
    let umask = ops::expect_int(vm, &a[20])?;
    if !matches!(a[21], Value::None) {
        return Err(vm.new_error(
            "RuntimeError",
            "preexec_fn is not supported by this runtime",
        ));
    }
    if close_fds && errpipe_write < 3 {
        return Err(vm.value_error("errpipe_write must be >= 3"));
    }
    // The error pipe stays open until exec closes it (close-on-exec).
    keep.push(errpipe_write);
    keep.sort_unstable();
    keep.dedup();
    let argv_ptrs = pointers(&argv);
    let env_ptrs = env.as_deref().map(pointers);
    let max_fd = max_fd();

    // SAFETY: fork duplicates the process; the child below only makes
    // async-signal-safe calls on memory prepared above, and ends in exec
    // or _exit.
    let pid = unsafe { libc::fork() };
    if pid == 0 {
        // SAFETY: in the child: see above.
        unsafe {
            child(&Child {
                argv: &argv_ptrs,
                executables: &executables,
                env: env_ptrs.as_deref(),
                cwd: cwd.as_deref(),
                keep: &keep,
                close_fds,
                max_fd,
                pipes: [
                    p2cread,
                    p2cwrite,
                    c2pread,
                    c2pwrite,
                    errread,
                    errwrite,
                    errpipe_read,
                ],
                errpipe_write,
                restore_signals,
                call_setsid,
                pgid,
                gid,
                uid,
                umask,
            })
        }
    }
    if pid < 0 {
        return Err(crate::os_error::last_error(vm, None));
    }
    Ok(Value::Int(i64::from(pid)))
}

/// The highest fd number worth closing.
fn max_fd() -> libc::c_int {
    // SAFETY: sysconf touches no memory of ours.
    let n = unsafe { libc::sysconf(libc::_SC_OPEN_MAX) };
    if n <= 0 {
        256
    } else {
        libc::c_int::try_from(n.min(1 << 20)).unwrap_or(1 << 20)
    }
}

struct Child<'a> {
    argv: &'a [*const libc::c_char],
    executables: &'a [CString],
    env: Option<&'a [*const libc::c_char]>,
    cwd: Option<&'a std::ffi::CStr>,
    keep: &'a [libc::c_int],
    close_fds: bool,
    max_fd: libc::c_int,
    /// p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite, errpipe_read.
    pipes: [libc::c_int; 7],
    errpipe_write: libc::c_int,
    restore_signals: bool,
    call_setsid: bool,
    pgid: i64,
    gid: Option<libc::gid_t>,
    uid: Option<libc::uid_t>,
    umask: i64,
}

/// Writes `OSError:<hex errno>:[noexec]` to the error pipe.
///
/// # Safety
/// Called in the forked child: only async-signal-safe calls.
unsafe fn report(fd: libc::c_int, errno: libc::c_int, noexec: bool) {
    let mut buf = [0u8; 40];
    let mut len = 0;
    for &b in b"OSError:" {
        buf[len] = b;
        len += 1;
    }
    let mut digits = [0u8; 8];
    let mut n = errno as u32;
    let mut k = 0;
    loop {
        digits[k] = b"0123456789abcdef"[(n % 16) as usize];
        k += 1;
        n /= 16;
        if n == 0 {
            break;
        }
    }
    while k > 0 {
        k -= 1;
        buf[len] = digits[k];
        len += 1;
    }
    buf[len] = b':';
    len += 1;
    if noexec {
        for &b in b"noexec" {
            buf[len] = b;
            len += 1;
        }
    }
    // SAFETY: `buf` holds `len` initialised bytes; write is async-signal-safe.
    unsafe { libc::write(fd, buf.as_ptr().cast(), len) };
}

/// The child's side of `fork_exec`; never returns.
///
/// # Safety
/// Called in the forked child, and only there.
unsafe fn child(c: &Child<'_>) -> ! {
    // SAFETY: the calling thread's errno, read in place (no allocation).
    let errno = || unsafe { *libc::__errno_location() };
    let fail = |noexec: bool, e: libc::c_int| -> ! {
        // SAFETY: the child's error path: write and _exit are
        // async-signal-safe.
        unsafe {
            report(c.errpipe_write, e, noexec);
            libc::_exit(255)
        }
    };
    let [p2cread, p2cwrite, c2pread, mut c2pwrite, errread, mut errwrite, errpipe_read] = c.pipes;
    // SAFETY: close, dup, dup2, fcntl, chdir, umask, setsid, setpgid,
    // setgid, setuid, signal and execve are async-signal-safe and read only
    // memory prepared before fork.
    unsafe {
        // The keep-list fds survive exec.
        for &fd in c.keep {
            if fd != c.errpipe_write {
                let flags = libc::fcntl(fd, libc::F_GETFD);
                if flags >= 0 {
                    libc::fcntl(fd, libc::F_SETFD, flags & !libc::FD_CLOEXEC);
                }
            }
        }
        for fd in [p2cwrite, c2pread, errread, errpipe_read] {
            if fd != -1 {
                libc::close(fd);
            }
        }
        // Keep the child's pipe ends clear of 0-2 before the dup2s.
        if c2pwrite == 0 {
            c2pwrite = libc::dup(c2pwrite);
            if c2pwrite < 0 {
                fail(true, errno());
            }
        }
        while errwrite == 0 || errwrite == 1 {
            errwrite = libc::dup(errwrite);
            if errwrite < 0 {
                fail(true, errno());
            }
        }
        for (fd, target) in [(p2cread, 0), (c2pwrite, 1), (errwrite, 2)] {
            if fd == target {
                let flags = libc::fcntl(fd, libc::F_GETFD);
                if flags >= 0 {
                    libc::fcntl(fd, libc::F_SETFD, flags & !libc::FD_CLOEXEC);
                }
            } else if fd != -1 && libc::dup2(fd, target) < 0 {
                fail(true, errno());
            }
        }
        if let Some(cwd) = c.cwd {
            if libc::chdir(cwd.as_ptr()) != 0 {
                fail(true, errno());
            }
        }
        if c.umask >= 0 {
            libc::umask(c.umask as libc::mode_t);
        }
        if c.restore_signals {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
            libc::signal(libc::SIGXFSZ, libc::SIG_DFL);
        }
        if c.call_setsid && libc::setsid() < 0 {
            fail(true, errno());
        }
        if c.pgid >= 0 && libc::setpgid(0, c.pgid as libc::pid_t) < 0 {
            fail(true, errno());
        }
        if let Some(gid) = c.gid {
            if libc::setregid(gid, gid) < 0 {
                fail(true, errno());
            }
        }
        if let Some(uid) = c.uid {
            if libc::setreuid(uid, uid) < 0 {
                fail(true, errno());
            }
        }
        if c.close_fds {
            // close_range(2) over the gaps between the fds to keep; one
            // close per fd where the kernel lacks it.
            let mut lo: libc::c_int = 3;
            let keep = c.keep.iter().copied().chain([c.max_fd]);
            let mut ranges_ok = true;
            for k in keep {
                if k > lo && ranges_ok {
                    ranges_ok = libc::syscall(libc::SYS_close_range, lo, k - 1, 0) == 0;
                }
                if !ranges_ok {
                    for fd in lo..k {
                        if c.keep.binary_search(&fd).is_err() {
                            libc::close(fd);
                        }
                    }
                }
                lo = lo.max(k + 1);
            }
        }
        let mut saved = 0;
        for exe in c.executables {
            match c.env {
                Some(env) => libc::execve(exe.as_ptr(), c.argv.as_ptr(), env.as_ptr()),
                None => libc::execv(exe.as_ptr(), c.argv.as_ptr()),
            };
            let e = errno();
            if e != libc::ENOENT && e != libc::ENOTDIR && saved == 0 {
                saved = e;
            }
        }
        fail(false, if saved != 0 { saved } else { errno() })
    }
}
