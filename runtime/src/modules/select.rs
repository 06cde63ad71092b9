//! The `select` module's system call: `_poll(pairs, timeout)` waits with
//! `poll(2)` on `(fd, events)` pairs, detached from the runtime (without
//! the GIL) while it blocks, and returns the `(fd, revents)` pairs that are
//! ready. `select.select` and `select.poll` (argument checks, which list
//! an object is ready in) are in the Python part (`py/select.py`).

use crate::builtins::arity;
use crate::object::{ObjRef, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};
use std::time::{Duration, Instant};

pub fn init<S: LockStrategy>(vm: &mut Vm<S>, dict: &ObjRef<S>) {
    super::add_functions(vm, dict, &[("_poll", poll, false)]);
    let constants: [(&str, libc::c_short); 11] = [
        ("POLLIN", libc::POLLIN),
        ("POLLPRI", libc::POLLPRI),
        ("POLLOUT", libc::POLLOUT),
        ("POLLERR", libc::POLLERR),
        ("POLLHUP", libc::POLLHUP),
        ("POLLNVAL", libc::POLLNVAL),
        ("POLLRDNORM", libc::POLLRDNORM),
        ("POLLRDBAND", libc::POLLRDBAND),
        ("POLLWRNORM", libc::POLLWRNORM),
        ("POLLWRBAND", libc::POLLWRBAND),
        ("POLLRDHUP", libc::POLLRDHUP),
    ];
    for (name, value) in constants {
        vm.interp
            .dict_set_str(dict, name, Value::Int(i64::from(value)));
    }
    vm.interp
        .dict_set_str(dict, "PIPE_BUF", Value::Int(libc::PIPE_BUF as i64));
}

/// `_poll(pairs, timeout)`: `pairs` a list of `(fd, events)` tuples,
/// `timeout` seconds (a float, or None to wait for ever). Interrupted
/// waits are resumed with what is left of the timeout (PEP 475).
fn poll<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "_poll", &args, 2, 2)?;
    let mut fds = Vec::new();
    for pair in ops::iterate(vm, &args.pos[0])? {
        let items = ops::iterate(vm, &pair)?;
        let [fd, events] = items.as_slice() else {
            return Err(vm.type_error("_poll() takes (fd, events) pairs"));
        };
        let fd = ops::expect_int(vm, fd)?;
        let events = ops::expect_int(vm, events)?;
        fds.push(libc::pollfd {
            fd: libc::c_int::try_from(fd).map_err(|_| vm.value_error("fd out of range"))?,
            events: libc::c_short::try_from(events)
                .map_err(|_| vm.value_error("events out of range"))?,
            revents: 0,
        });
    }
    let deadline = match &args.pos[1] {
        Value::None => None,
        v => {
            let secs = super::time::seconds_arg(vm, v)?;
            Some(Instant::now() + Duration::from_secs_f64(secs.clamp(0.0, 1e9)))
        }
    };
    let result = loop {
        let interrupted = vm.blocking(|| {
            let timeout_ms = match deadline {
                None => -1,
                // Rounded up, so that a wait never ends before its timeout.
                Some(d) => {
                    let left = d.saturating_duration_since(Instant::now());
                    let ms = left.as_nanos().div_ceil(1_000_000);
                    libc::c_int::try_from(ms).unwrap_or(libc::c_int::MAX)
                }
            };
            // SAFETY: `fds` is a live, exclusively borrowed array of
            // `fds.len()` pollfd structs for the whole call.
            let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, timeout_ms) };
            if n >= 0 {
                return Ok(false);
            }
            let err = std::io::Error::last_os_error();
            if err.raw_os_error() != Some(libc::EINTR) {
                return Err(err);
            }
            Ok(true)
        });
        match interrupted {
            // A signal's handler runs; if it raised, the wait ends with it.
            Ok(true) => super::signal::check_signals(vm)?,
            Ok(false) => break Ok(()),
            Err(e) => break Err(e),
        }
    };
    if let Err(e) = result {
        return Err(crate::os_error::from_io(vm, &e, None));
    }
    let ready = fds
        .iter()
        .filter(|p| p.revents != 0)
        .map(|p| {
            ops::new_tuple(vec![
                Value::Int(i64::from(p.fd)),
                Value::Int(i64::from(p.revents as u16)),
            ])
        })
        .collect();
    Ok(ops::new_list(ready))
}
