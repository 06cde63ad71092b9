//! The `socket` module: TCP over IPv4 on `std::net`, enough for loopback
//! servers and clients (`tcp_echo`, `convoy`).
//!
//! A `socket.socket` starts *fresh*: std creates the OS socket only when it
//! binds or connects, so `bind` makes the socket a listener and `connect` a
//! stream; `accept` returns streams. std binds and listens in one call, so
//! `bind` already listens (with std's backlog of 128) and `listen` only marks
//! the socket as listening — invisible to a server, which calls both. Not
//! supported: binding a client before `connect`, UDP, IPv6, `makefile`.
//!
//! **Blocking.** Every call that can wait — `accept`, `connect`, `recv`,
//! `send`, `sendall`, name resolution — runs detached ([`Vm::blocking`]), as
//! CPython releases the GIL around every socket system call (`sock_call` in
//! `socketmodule.c`). That is what lets IO threads overlap under a GIL, and
//! what the convoy effect is made of: a thread whose `recv` returned must
//! take the GIL back from the CPU-bound threads before it can go on. The OS
//! handles are `Arc`s taken out of the socket's small state mutex before the
//! wait, so a thread blocked in `recv` holds no lock that a thread sending on
//! the same socket needs.
//!
//! **Timeouts.** `settimeout(None)` (the default) blocks; `settimeout(0)` or
//! `setblocking(False)` makes calls fail with `BlockingIOError` instead of
//! waiting; `settimeout(t)` makes them fail with `TimeoutError('timed out')`
//! after `t` seconds (std's socket timeouts; `accept` polls every
//! millisecond, std having no accept timeout). A non-blocking `connect`
//! waits for the connection anyway, which on loopback is immediate.
//!
//! **Errors** are `OSError` subclasses with CPython's `(errno, strerror)`
//! arguments, e.g. `ConnectionRefusedError: [Errno 111] Connection refused`;
//! failed name resolution raises `socket.gaierror`.

use crate::builtins::arity;
use crate::object::{NativeFn, ObjRef, Payload, TypeKind, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyErr, PyResult, Vm};
use std::io::{self, Read, Write};
use std::net::{Ipv4Addr, Shutdown, SocketAddr, SocketAddrV4, TcpListener, TcpStream};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

pub const AF_INET: i64 = 2;
pub const SOCK_STREAM: i64 = 1;
pub const SOL_SOCKET: i64 = 1;
pub const SO_REUSEADDR: i64 = 2;
pub const SO_KEEPALIVE: i64 = 9;
pub const IPPROTO_TCP: i64 = 6;
pub const TCP_NODELAY: i64 = 1;
pub const SHUT_RD: i64 = 0;
pub const SHUT_WR: i64 = 1;
pub const SHUT_RDWR: i64 = 2;

// Linux errno values, for the errors this module raises itself.
const EBADF: i64 = 9;
const EINVAL: i64 = 22;
const EAFNOSUPPORT: i64 = 97;
const ESOCKTNOSUPPORT: i64 = 94;
const EISCONN: i64 = 106;
const ENOTCONN: i64 = 107;
const EAI_NONAME: i64 = -2;

/// A `socket.socket`.
pub struct SocketObj {
    /// A plain std mutex: it guards which OS handle the socket has, held only
    /// to read or replace it, never across a wait. Blocking IO is not a
    /// protocol that the loom models cover.
    state: Mutex<SockState>,
}

struct SockState {
    kind: Kind,
    /// `None`: blocking; `Some(0)`: non-blocking; `Some(t)`: time out after `t`.
    timeout: Option<Duration>,
    /// Options set with `setsockopt`, as `(level, option, value)`; applied to
    /// the OS socket once it exists where they mean something to std.
    options: Vec<(i64, i64, i64)>,
}

enum Kind {
    /// Created; neither bound nor connected.
    Fresh,
    Listener {
        listener: Arc<TcpListener>,
        listening: bool,
    },
    Stream(Arc<TcpStream>),
    Closed,
}

impl SocketObj {
    fn new(kind: Kind, timeout: Option<Duration>) -> Self {
        Self {
            state: Mutex::new(SockState {
                kind,
                timeout,
                options: Vec::new(),
            }),
        }
    }

    fn state(&self) -> MutexGuard<'_, SockState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The repr, as CPython 3.11 writes it (`fd` aside: a fresh socket has
    /// no OS socket yet, so it shows -1).
    pub fn repr(&self) -> String {
        let st = self.state();
        let closed = matches!(st.kind, Kind::Closed);
        let mut out = format!(
            "<socket.socket {}fd={}, family=2, type=1, proto=0",
            if closed { "[closed] " } else { "" },
            fileno(&st.kind)
        );
        let local = match &st.kind {
            Kind::Fresh => Some(SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, 0))),
            Kind::Listener { listener, .. } => listener.local_addr().ok(),
            Kind::Stream(s) => s.local_addr().ok(),
            Kind::Closed => None,
        };
        if let Some(a) = local {
            out.push_str(&format!(", laddr=('{}', {})", a.ip(), a.port()));
        }
        if let Kind::Stream(s) = &st.kind {
            if let Ok(a) = s.peer_addr() {
                out.push_str(&format!(", raddr=('{}', {})", a.ip(), a.port()));
            }
        }
        out.push('>');
        out
    }
}

#[cfg(unix)]
fn fileno(kind: &Kind) -> i64 {
    use std::os::fd::AsRawFd;
    match kind {
        Kind::Listener { listener, .. } => listener.as_raw_fd() as i64,
        Kind::Stream(s) => s.as_raw_fd() as i64,
        Kind::Fresh | Kind::Closed => -1,
    }
}

#[cfg(not(unix))]
fn fileno(_kind: &Kind) -> i64 {
    -1
}

pub fn init<S: LockStrategy>(vm: &mut Vm<S>, dict: &ObjRef<S>) {
    super::add_functions(
        vm,
        dict,
        &[
            ("create_connection", create_connection, false),
            ("getdefaulttimeout", getdefaulttimeout, false),
            ("socketpair", socketpair, false),
            ("inet_aton", inet_aton, false),
            ("inet_ntoa", inet_ntoa, false),
        ],
    );
    // `socket.socket` is the type, so that programs may derive from it.
    let class = Value::Obj(vm.interp.types[&TypeKind::Socket].clone());
    vm.interp.dict_set_str(dict, "socket", class);
    for (name, value) in [
        ("AF_INET", AF_INET),
        ("SOCK_STREAM", SOCK_STREAM),
        ("SOL_SOCKET", SOL_SOCKET),
        ("SO_REUSEADDR", SO_REUSEADDR),
        ("SO_KEEPALIVE", SO_KEEPALIVE),
        ("IPPROTO_TCP", IPPROTO_TCP),
        ("TCP_NODELAY", TCP_NODELAY),
        ("SHUT_RD", SHUT_RD),
        ("SHUT_WR", SHUT_WR),
        ("SHUT_RDWR", SHUT_RDWR),
        // Linux's values of the names asyncio and selectors read; this
        // module opens only what the doc comment says.
        ("AF_UNSPEC", libc::AF_UNSPEC as i64),
        ("AF_UNIX", libc::AF_UNIX as i64),
        ("AF_INET6", libc::AF_INET6 as i64),
        ("SOCK_DGRAM", libc::SOCK_DGRAM as i64),
        ("SOCK_RAW", libc::SOCK_RAW as i64),
        ("SOCK_NONBLOCK", libc::SOCK_NONBLOCK as i64),
        ("SOCK_CLOEXEC", libc::SOCK_CLOEXEC as i64),
        ("IPPROTO_IP", libc::IPPROTO_IP as i64),
        ("IPPROTO_UDP", libc::IPPROTO_UDP as i64),
        ("IPPROTO_IPV6", libc::IPPROTO_IPV6 as i64),
        ("IPV6_V6ONLY", libc::IPV6_V6ONLY as i64),
        ("SO_ERROR", libc::SO_ERROR as i64),
        ("SO_TYPE", libc::SO_TYPE as i64),
        ("SO_REUSEPORT", libc::SO_REUSEPORT as i64),
        ("SO_SNDBUF", libc::SO_SNDBUF as i64),
        ("SO_RCVBUF", libc::SO_RCVBUF as i64),
        ("SO_BROADCAST", libc::SO_BROADCAST as i64),
        ("SO_LINGER", libc::SO_LINGER as i64),
        ("SOMAXCONN", libc::SOMAXCONN as i64),
        ("MSG_PEEK", libc::MSG_PEEK as i64),
        ("MSG_DONTWAIT", libc::MSG_DONTWAIT as i64),
        ("AI_PASSIVE", libc::AI_PASSIVE as i64),
        ("AI_CANONNAME", libc::AI_CANONNAME as i64),
        ("AI_NUMERICHOST", libc::AI_NUMERICHOST as i64),
        ("AI_NUMERICSERV", libc::AI_NUMERICSERV as i64),
        ("AI_ADDRCONFIG", libc::AI_ADDRCONFIG as i64),
        ("NI_NUMERICHOST", libc::NI_NUMERICHOST as i64),
        ("NI_NUMERICSERV", libc::NI_NUMERICSERV as i64),
        ("EAI_NONAME", libc::EAI_NONAME as i64),
    ] {
        vm.interp.dict_set_str(dict, name, Value::Int(value));
    }
    // No IPv6 here: asyncio then resolves and binds IPv4 only.
    vm.interp.dict_set_str(dict, "has_ipv6", Value::Bool(false));
    // The sentinel `create_connection` and http.client pass for "the
    // default timeout".
    let object = Value::Obj(vm.interp.types[&crate::object::TypeKind::Object].clone());
    if let Ok(sentinel) = vm.call(&object, Vec::new()) {
        vm.interp
            .dict_set_str(dict, "_GLOBAL_DEFAULT_TIMEOUT", sentinel);
    }
    // `socket.error` and `socket.timeout` are aliases, as in CPython 3.10+.
    for (name, class) in [("error", "OSError"), ("timeout", "TimeoutError")] {
        let class = Value::Obj(vm.interp.exceptions[class].clone());
        vm.interp.dict_set_str(dict, name, class);
    }
    let ns = match ops::new_dict() {
        Value::Obj(d) => d,
        _ => unreachable!("dicts are objects"),
    };
    vm.interp
        .dict_set_str(&ns, "__module__", vm.new_str("socket"));
    let base = Value::Obj(vm.interp.exceptions["OSError"].clone());
    if let Ok(class) = crate::classes::build_class(vm, "gaierror", vec![base], ns, None) {
        vm.interp.dict_set_str(dict, "gaierror", class);
    }
}

pub fn methods<S: LockStrategy>() -> Vec<(TypeKind, &'static str, NativeFn<S>)> {
    vec![
        (TypeKind::Socket, "__init__", socket_init),
        (TypeKind::Socket, "bind", sock_bind),
        (TypeKind::Socket, "listen", sock_listen),
        (TypeKind::Socket, "accept", sock_accept),
        (TypeKind::Socket, "connect", sock_connect),
        (TypeKind::Socket, "connect_ex", sock_connect_ex),
        (TypeKind::Socket, "send", sock_send),
        (TypeKind::Socket, "sendall", sock_sendall),
        (TypeKind::Socket, "recv", sock_recv),
        (TypeKind::Socket, "close", sock_close),
        (TypeKind::Socket, "shutdown", sock_shutdown),
        (TypeKind::Socket, "getsockname", sock_getsockname),
        (TypeKind::Socket, "getpeername", sock_getpeername),
        (TypeKind::Socket, "setsockopt", sock_setsockopt),
        (TypeKind::Socket, "getsockopt", sock_getsockopt),
        (TypeKind::Socket, "settimeout", sock_settimeout),
        (TypeKind::Socket, "gettimeout", sock_gettimeout),
        (TypeKind::Socket, "setblocking", sock_setblocking),
        (TypeKind::Socket, "getblocking", sock_getblocking),
        (TypeKind::Socket, "fileno", sock_fileno),
        (TypeKind::Socket, "__enter__", sock_enter),
        (TypeKind::Socket, "__exit__", sock_exit),
    ]
}

/// Attributes of socket objects.
pub fn socket_attr<S: LockStrategy>(_sock: &SocketObj, name: &str) -> Option<Value<S>> {
    Some(match name {
        "family" => Value::Int(AF_INET),
        "type" => Value::Int(SOCK_STREAM),
        "proto" => Value::Int(0),
        _ => return None,
    })
}

fn new_object<S: LockStrategy>(sock: SocketObj) -> Value<S> {
    Value::Obj(ObjRef::new(Payload::Socket(Box::new(sock))))
}

/// The socket a `socket` method was called on; CPython's TypeError for
/// anything else (the descriptor check has usually refused it).
fn socket_of<'a, S: LockStrategy>(vm: &Vm<S>, v: &'a Value<S>) -> PyResult<S, &'a SocketObj> {
    match v.payload() {
        Some(Payload::Socket(s)) => Ok(s),
        _ => Err(crate::methods::wrong_receiver(vm, "_socket.socket", v)),
    }
}

// ---- errors ----

/// An exception of class `class` with arguments `(errno, strerror)`.
fn errno_error<S: LockStrategy>(vm: &Vm<S>, class: &str, errno: i64, msg: &str) -> PyErr<S> {
    errno_error_of(vm, vm.interp.exceptions[class].clone(), errno, msg)
}

fn errno_error_of<S: LockStrategy>(
    vm: &Vm<S>,
    class: ObjRef<S>,
    errno: i64,
    msg: &str,
) -> PyErr<S> {
    PyErr {
        exc: crate::interp::new_exception_obj(
            class,
            Box::new([Value::Int(errno), vm.new_str(msg)]),
        ),
    }
}

/// The `OSError` (subclass) CPython raises for a failed system call.
fn os_error<S: LockStrategy>(vm: &Vm<S>, e: &io::Error, timeout: Option<Duration>) -> PyErr<S> {
    let timed_out = matches!(
        e.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
    ) && timeout.is_some_and(|t| !t.is_zero());
    if timed_out {
        return vm.new_error("TimeoutError", "timed out");
    }
    crate::os_error::from_io(vm, e, None)
}

fn bad_fd<S: LockStrategy>(vm: &Vm<S>) -> PyErr<S> {
    errno_error(vm, "OSError", EBADF, "Bad file descriptor")
}

fn invalid<S: LockStrategy>(vm: &Vm<S>) -> PyErr<S> {
    errno_error(vm, "OSError", EINVAL, "Invalid argument")
}

fn not_connected<S: LockStrategy>(vm: &Vm<S>) -> PyErr<S> {
    errno_error(
        vm,
        "OSError",
        ENOTCONN,
        "Transport endpoint is not connected",
    )
}

fn already_connected<S: LockStrategy>(vm: &Vm<S>) -> PyErr<S> {
    errno_error(
        vm,
        "OSError",
        EISCONN,
        "Transport endpoint is already connected",
    )
}

/// `socket.gaierror(-2, 'Name or service not known')`.
fn gaierror<S: LockStrategy>(vm: &mut Vm<S>) -> PyErr<S> {
    let name = match vm.new_str("socket") {
        Value::Obj(o) => o,
        _ => unreachable!("str is an object"),
    };
    let class = super::import(vm, &name)
        .ok()
        .and_then(|m| match m.payload() {
            Some(Payload::Module(m)) => ops::dict_get(&m.dict, &vm.new_str("gaierror")),
            _ => None,
        })
        .and_then(|c| c.obj().cloned())
        .unwrap_or_else(|| vm.interp.exceptions["OSError"].clone());
    errno_error_of(vm, class, EAI_NONAME, "Name or service not known")
}

// ---- addresses ----

/// The `(host, port)` argument of `method`, resolved to an IPv4 address.
fn address<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>, method: &str) -> PyResult<S, SocketAddr> {
    let (host, port) = match v.payload() {
        Some(Payload::Tuple(items)) if items.len() == 2 => (items[0].clone(), items[1].clone()),
        Some(Payload::Tuple(_)) => {
            return Err(vm.type_error("AF_INET address must be a pair (host, port)"))
        }
        _ => {
            return Err(vm.type_error(format!(
                "{method}(): AF_INET address must be tuple, not {}",
                ops::type_name(v)
            )))
        }
    };
    let Some(host) = host.as_str().map(str::to_string) else {
        return Err(vm.type_error(format!(
            "str, bytes or bytearray expected, not {}",
            ops::type_name(&host)
        )));
    };
    let port = ops::expect_int(vm, &port)?;
    let Ok(port) = u16::try_from(port) else {
        return Err(vm.new_error(
            "OverflowError",
            format!("{method}(): port must be 0-65535."),
        ));
    };
    let ip = match host.as_str() {
        "" => Some(Ipv4Addr::UNSPECIFIED),
        "localhost" => Some(Ipv4Addr::LOCALHOST),
        h => h.parse::<Ipv4Addr>().ok(),
    };
    if let Some(ip) = ip {
        return Ok(SocketAddr::V4(SocketAddrV4::new(ip, port)));
    }
    // A name: ask the resolver (which may block, so detached).
    let found = vm.blocking(|| {
        std::net::ToSocketAddrs::to_socket_addrs(&(host.as_str(), port))
            .ok()
            .and_then(|mut addrs| addrs.find(SocketAddr::is_ipv4))
    });
    found.ok_or_else(|| gaierror(vm))
}

fn address_tuple<S: LockStrategy>(vm: &Vm<S>, a: SocketAddr) -> Value<S> {
    ops::new_tuple(vec![
        vm.new_str(a.ip().to_string()),
        Value::Int(a.port() as i64),
    ])
}

// ---- module functions ----

/// `socket.socket(family=AF_INET, type=SOCK_STREAM, proto=0)`.
/// `socket.socket.__init__(self, family=-1, type=-1, proto=-1)` of an
/// instance of a subclass (`class S(socket.socket)`): the instance starts
/// as a fresh socket; this checks the arguments as the constructor does.
pub fn socket_init<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    if args.pos.is_empty() || !matches!(args.pos[0].payload(), Some(Payload::Socket(_))) {
        return Err(vm.type_error("descriptor '__init__' requires a '_socket.socket' object"));
    }
    args.pos.remove(0);
    new_socket(vm, args)?;
    Ok(Value::None)
}

/// The state of a new instance of a subclass of `socket.socket`: a fresh
/// socket, neither bound nor connected.
pub fn fresh_state<S: LockStrategy>() -> Payload<S> {
    Payload::Socket(Box::new(SocketObj::new(Kind::Fresh, None)))
}

pub(crate) fn new_socket<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let family = args.take_kw("family");
    let kind = args.take_kw("type");
    let proto = args.take_kw("proto");
    arity(vm, "socket", &args, 0, 3)?;
    let family = family.or_else(|| args.pos.first().cloned());
    let kind = kind.or_else(|| args.pos.get(1).cloned());
    let proto = proto.or_else(|| args.pos.get(2).cloned());
    let int_or = |vm: &Vm<S>, v: Option<Value<S>>, default: i64| match v {
        None => Ok(default),
        Some(v) => ops::expect_int(vm, &v).map(|i| if i == -1 { default } else { i }),
    };
    let family = int_or(vm, family, AF_INET)?;
    let kind = int_or(vm, kind, SOCK_STREAM)?;
    let proto = int_or(vm, proto, 0)?;
    if family != AF_INET {
        return Err(errno_error(
            vm,
            "OSError",
            EAFNOSUPPORT,
            "Address family not supported by protocol",
        ));
    }
    if kind != SOCK_STREAM || (proto != 0 && proto != IPPROTO_TCP) {
        return Err(errno_error(
            vm,
            "OSError",
            ESOCKTNOSUPPORT,
            "Socket type not supported",
        ));
    }
    Ok(new_object(SocketObj::new(Kind::Fresh, None)))
}

/// `socket.socketpair()`: two connected sockets (AF_UNIX stream sockets,
/// held as streams: reading, writing, `setblocking` and `fileno` are the
/// same system calls on them; their family still reads AF_INET).
#[cfg(unix)]
fn socketpair<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    use std::os::fd::FromRawFd;
    arity(vm, "socketpair", &args, 0, 3)?;
    let mut fds = [0 as libc::c_int; 2];
    // SAFETY: `fds` has room for the two descriptors socketpair writes.
    let r = unsafe {
        libc::socketpair(
            libc::AF_UNIX,
            libc::SOCK_STREAM | libc::SOCK_CLOEXEC,
            0,
            fds.as_mut_ptr(),
        )
    };
    if r != 0 {
        return Err(crate::os_error::last_error(vm, None));
    }
    let wrap = |fd| {
        // SAFETY: `fd` is a new socket that nothing else owns.
        let stream = unsafe { TcpStream::from_raw_fd(fd) };
        new_object(SocketObj::new(Kind::Stream(Arc::new(stream)), None))
    };
    Ok(ops::new_tuple(vec![wrap(fds[0]), wrap(fds[1])]))
}

#[cfg(not(unix))]
fn socketpair<S: LockStrategy>(vm: &mut Vm<S>, _args: Args<S>) -> PyResult<S> {
    Err(vm.new_error("OSError", "socketpair is not supported here"))
}

/// `socket.create_connection((host, port), timeout=None)`: a connected socket.
fn create_connection<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let timeout = args.take_kw("timeout");
    let source = args.take_kw("source_address");
    arity(vm, "create_connection", &args, 1, 3)?;
    if let Some(s) = source.or_else(|| args.pos.get(2).cloned()) {
        if !matches!(s, Value::None) {
            return Err(vm.new_error(
                "NotImplementedError",
                "create_connection(): source_address is not supported",
            ));
        }
    }
    let timeout = match timeout.or_else(|| args.pos.get(1).cloned()) {
        None | Some(Value::None) => None,
        // `getdefaulttimeout()`, which is None here.
        Some(v) if is_default_timeout(vm, &v) => None,
        Some(v) => Some(timeout_arg(vm, &v)?),
    };
    let addr = address(vm, &args.pos[0], "create_connection")?;
    let sock = SocketObj::new(Kind::Fresh, timeout);
    connect(vm, &sock, addr)?;
    Ok(new_object(sock))
}

/// Whether `v` is `socket._GLOBAL_DEFAULT_TIMEOUT`.
fn is_default_timeout<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>) -> bool {
    let module = crate::ops::dict_get(&vm.interp.sys_modules, &vm.new_str("socket"));
    let sentinel = match module.as_ref().and_then(|m| m.payload()) {
        Some(crate::object::Payload::Module(m)) => {
            crate::ops::dict_get(&m.dict, &vm.new_str("_GLOBAL_DEFAULT_TIMEOUT"))
        }
        _ => None,
    };
    sentinel.is_some_and(|s| s.is(v))
}

fn getdefaulttimeout<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "getdefaulttimeout", &args, 0, 0)?;
    Ok(Value::None)
}

// ---- address conversion ----

/// The four bytes of a dotted IPv4 address in the forms inet_aton(3)
/// accepts: `a.b.c.d`, `a.b.c` (c 16 bits), `a.b` (b 24 bits) and `a`
/// (32 bits), each part decimal, octal (leading 0) or hex (leading 0x);
/// what follows a whitespace character is ignored, as glibc does.
fn parse_inet_aton(text: &str) -> Option<[u8; 4]> {
    let text = text
        .split(|c: char| c.is_ascii_whitespace())
        .next()
        .unwrap_or("");
    let mut parts = Vec::new();
    for part in text.split('.') {
        let (digits, radix) =
            if let Some(h) = part.strip_prefix("0x").or_else(|| part.strip_prefix("0X")) {
                (h, 16)
            } else if part.len() > 1 && part.starts_with('0') {
                (&part[1..], 8)
            } else {
                (part, 10)
            };
        if part.is_empty() {
            return None;
        }
        let value = if digits.is_empty() {
            0
        } else {
            if !digits.chars().all(|c| c.is_digit(radix)) {
                return None;
            }
            u64::from_str_radix(digits, radix).ok()?
        };
        if value > u64::from(u32::MAX) {
            return None;
        }
        parts.push(value as u32);
    }
    let n = match parts.as_slice() {
        [a] => *a,
        [a, b] if *a <= 0xff && *b <= 0xff_ffff => (a << 24) | b,
        [a, b, c] if *a <= 0xff && *b <= 0xff && *c <= 0xffff => (a << 24) | (b << 16) | c,
        [a, b, c, d] if [a, b, c, d].iter().all(|x| **x <= 0xff) => {
            (a << 24) | (b << 16) | (c << 8) | d
        }
        _ => return None,
    };
    Some(n.to_be_bytes())
}

/// `socket.inet_aton(text)`: the packed 4-byte form of an IPv4 address.
fn inet_aton<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "inet_aton", &args, 1, 1)?;
    let Some(text) = args.pos[0].as_str() else {
        return Err(vm.type_error(format!(
            "inet_aton() argument 1 must be str, not {}",
            crate::ops::type_name(&args.pos[0])
        )));
    };
    match parse_inet_aton(text) {
        Some(b) => Ok(Value::Obj(ObjRef::new(Payload::Bytes(
            b.to_vec().into_boxed_slice(),
        )))),
        None => Err(vm.new_error("OSError", "illegal IP address string passed to inet_aton")),
    }
}

/// `socket.inet_ntoa(packed)`: the dotted form of a 4-byte IPv4 address.
fn inet_ntoa<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "inet_ntoa", &args, 1, 1)?;
    let Some(b) = crate::types::bytes::bytes_like(&args.pos[0]) else {
        return Err(vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            crate::ops::type_name(&args.pos[0])
        )));
    };
    if b.len() != 4 {
        return Err(vm.new_error("OSError", "packed IP wrong length for inet_ntoa"));
    }
    let text = format!("{}.{}.{}.{}", b[0], b[1], b[2], b[3]);
    Ok(vm.new_str(text))
}

// ---- timeouts ----

fn timeout_arg<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>) -> PyResult<S, Duration> {
    let secs = match v {
        Value::Int(i) => *i as f64,
        Value::Bool(b) => *b as i64 as f64,
        Value::Float(f) => *f,
        other => {
            return Err(vm.type_error(format!(
                "'{}' object cannot be interpreted as an integer or float",
                ops::type_name(other)
            )))
        }
    };
    if secs.is_nan() || secs < 0.0 {
        return Err(vm.value_error("Timeout value out of range"));
    }
    Duration::try_from_secs_f64(secs)
        .map_err(|_| vm.new_error("OverflowError", "timeout doesn't fit into C timeval"))
}

/// Puts an OS socket into the mode that `timeout` asks for.
fn apply_timeout(kind: &Kind, timeout: Option<Duration>) -> io::Result<()> {
    match kind {
        // `accept` polls when there is a timeout.
        Kind::Listener { listener, .. } => listener.set_nonblocking(timeout.is_some()),
        Kind::Stream(s) => match timeout {
            Some(t) if t.is_zero() => s.set_nonblocking(true),
            t => {
                s.set_nonblocking(false)?;
                s.set_read_timeout(t)?;
                s.set_write_timeout(t)
            }
        },
        Kind::Fresh | Kind::Closed => Ok(()),
    }
}

/// Applies the recorded options that std can set on a new stream.
fn apply_options(stream: &TcpStream, options: &[(i64, i64, i64)]) -> io::Result<()> {
    for (level, option, value) in options {
        if (*level, *option) == (IPPROTO_TCP, TCP_NODELAY) {
            stream.set_nodelay(*value != 0)?;
        }
    }
    Ok(())
}

// ---- methods ----

fn sock_bind<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "bind", &args, 2, 2)?;
    let sock = socket_of(vm, &args.pos[0])?;
    let addr = address(vm, &args.pos[1], "bind")?;
    bind(vm, sock, addr)?;
    Ok(Value::None)
}

fn bind<S: LockStrategy>(vm: &Vm<S>, sock: &SocketObj, addr: SocketAddr) -> PyResult<S, ()> {
    let mut st = sock.state();
    match st.kind {
        Kind::Fresh => {}
        Kind::Closed => return Err(bad_fd(vm)),
        _ => return Err(invalid(vm)),
    }
    let listener = TcpListener::bind(addr).map_err(|e| os_error(vm, &e, None))?;
    let kind = Kind::Listener {
        listener: Arc::new(listener),
        listening: false,
    };
    apply_timeout(&kind, st.timeout).map_err(|e| os_error(vm, &e, None))?;
    st.kind = kind;
    Ok(())
}

fn sock_listen<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "listen", &args, 1, 2)?;
    if let Some(backlog) = args.pos.get(1) {
        ops::expect_int(vm, backlog)?;
    }
    let sock = socket_of(vm, &args.pos[0])?;
    if matches!(sock.state().kind, Kind::Fresh) {
        // Listening on an unbound socket binds it to a free port first.
        bind(
            vm,
            sock,
            SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, 0)),
        )?;
    }
    let mut st = sock.state();
    match &mut st.kind {
        Kind::Listener { listening, .. } => *listening = true,
        Kind::Closed => return Err(bad_fd(vm)),
        _ => return Err(invalid(vm)),
    }
    Ok(Value::None)
}

/// Waits for a connection; with a timeout the listener is non-blocking and
/// polled, as std has no accept timeout.
fn accept_on(
    listener: &TcpListener,
    timeout: Option<Duration>,
) -> io::Result<(TcpStream, SocketAddr)> {
    let deadline = timeout.map(|t| Instant::now() + t);
    loop {
        match listener.accept() {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => match deadline {
                Some(d) if !timeout.is_some_and(|t| t.is_zero()) => {
                    let now = Instant::now();
                    if now >= d {
                        return Err(e);
                    }
                    std::thread::sleep((d - now).min(Duration::from_millis(1)));
                }
                _ => return Err(e),
            },
            r => return r,
        }
    }
}

fn sock_accept<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "accept", &args, 1, 1)?;
    let sock = socket_of(vm, &args.pos[0])?;
    let (listener, timeout) = {
        let st = sock.state();
        match &st.kind {
            Kind::Listener {
                listener,
                listening: true,
            } => (listener.clone(), st.timeout),
            Kind::Closed => return Err(bad_fd(vm)),
            _ => return Err(invalid(vm)),
        }
    };
    let (stream, peer) = vm
        .blocking(|| accept_on(&listener, timeout))
        .map_err(|e| os_error(vm, &e, timeout))?;
    // The new socket blocks, whatever the listener does (as in CPython when
    // there is no default timeout).
    stream
        .set_nonblocking(false)
        .map_err(|e| os_error(vm, &e, None))?;
    let conn = new_object(SocketObj::new(Kind::Stream(Arc::new(stream)), None));
    Ok(ops::new_tuple(vec![conn, address_tuple(vm, peer)]))
}

/// Connects a fresh socket (detached while the connection is made).
fn connect<S: LockStrategy>(vm: &Vm<S>, sock: &SocketObj, addr: SocketAddr) -> PyResult<S, ()> {
    let (timeout, options) = {
        let st = sock.state();
        match st.kind {
            Kind::Fresh => (st.timeout, st.options.clone()),
            Kind::Stream(_) => return Err(already_connected(vm)),
            Kind::Closed => return Err(bad_fd(vm)),
            Kind::Listener { .. } => return Err(invalid(vm)),
        }
    };
    let stream = vm
        .blocking(|| match timeout {
            Some(t) if !t.is_zero() => TcpStream::connect_timeout(&addr, t),
            _ => TcpStream::connect(addr),
        })
        .map_err(|e| os_error(vm, &e, timeout))?;
    apply_options(&stream, &options).map_err(|e| os_error(vm, &e, None))?;
    let kind = Kind::Stream(Arc::new(stream));
    apply_timeout(&kind, timeout).map_err(|e| os_error(vm, &e, None))?;
    let mut st = sock.state();
    match st.kind {
        // Another thread connected or closed it meanwhile.
        Kind::Fresh => {
            st.kind = kind;
            Ok(())
        }
        Kind::Closed => Err(bad_fd(vm)),
        _ => Err(already_connected(vm)),
    }
}

fn sock_connect<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "connect", &args, 2, 2)?;
    let sock = socket_of(vm, &args.pos[0])?;
    let addr = address(vm, &args.pos[1], "connect")?;
    connect(vm, sock, addr)?;
    Ok(Value::None)
}

/// `connect_ex(address)`: 0, or the errno instead of raising it.
fn sock_connect_ex<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "connect_ex", &args, 2, 2)?;
    let sock = socket_of(vm, &args.pos[0])?;
    let addr = address(vm, &args.pos[1], "connect_ex")?;
    match connect(vm, sock, addr) {
        Ok(()) => Ok(Value::Int(0)),
        Err(e) => {
            let errno = crate::interp::exception_args(&e.exc)
                .first()
                .and_then(|v| match v {
                    Value::Int(i) => Some(*i),
                    _ => None,
                });
            match errno {
                Some(n) if n > 0 => Ok(Value::Int(n)),
                _ => Err(e),
            }
        }
    }
}

/// The connected stream of a socket, and its timeout.
fn stream_of<S: LockStrategy>(
    vm: &Vm<S>,
    sock: &SocketObj,
) -> PyResult<S, (Arc<TcpStream>, Option<Duration>)> {
    let st = sock.state();
    match &st.kind {
        Kind::Stream(s) => Ok((s.clone(), st.timeout)),
        Kind::Closed => Err(bad_fd(vm)),
        _ => Err(not_connected(vm)),
    }
}

/// The buffer of a bytes argument.
fn data_arg<'a, S: LockStrategy>(vm: &Vm<S>, v: &'a Value<S>) -> PyResult<S, &'a [u8]> {
    match v.payload() {
        Some(Payload::Bytes(b)) => Ok(b),
        _ => Err(vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            ops::type_name(v)
        ))),
    }
}

/// A `flags` argument: only 0 is supported.
fn flags_arg<S: LockStrategy>(vm: &Vm<S>, v: Option<&Value<S>>) -> PyResult<S, ()> {
    match v {
        None => Ok(()),
        Some(v) => match ops::expect_int(vm, v)? {
            0 => Ok(()),
            _ => Err(vm.new_error("NotImplementedError", "socket flags are not supported")),
        },
    }
}

fn sock_sendall<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "sendall", &args, 2, 3)?;
    flags_arg(vm, args.pos.get(2))?;
    let data = data_arg(vm, &args.pos[1])?;
    let recv = socket_of(vm, &args.pos[0])?;
    let (stream, timeout) = stream_of(vm, recv)?;
    // The bytes object is immutable and `args` keeps it alive, so its buffer
    // may be read while detached.
    vm.blocking(|| (&*stream).write_all(data))
        .map_err(|e| os_error(vm, &e, timeout))?;
    Ok(Value::None)
}

fn sock_send<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "send", &args, 2, 3)?;
    flags_arg(vm, args.pos.get(2))?;
    let data = data_arg(vm, &args.pos[1])?;
    let recv = socket_of(vm, &args.pos[0])?;
    let (stream, timeout) = stream_of(vm, recv)?;
    let n = vm
        .blocking(|| loop {
            match (&*stream).write(data) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                r => break r,
            }
        })
        .map_err(|e| os_error(vm, &e, timeout))?;
    Ok(Value::Int(n as i64))
}

fn sock_recv<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "recv", &args, 2, 3)?;
    flags_arg(vm, args.pos.get(2))?;
    let size = ops::expect_int(vm, &args.pos[1])?;
    if size < 0 {
        return Err(vm.value_error("negative buffersize in recv"));
    }
    let recv = socket_of(vm, &args.pos[0])?;
    let (stream, timeout) = stream_of(vm, recv)?;
    let mut buf = crate::alloc::vec_with_capacity(vm, size as usize)?;
    buf.resize(size as usize, 0);
    let n = vm
        .blocking(|| loop {
            match (&*stream).read(&mut buf) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                r => break r,
            }
        })
        .map_err(|e| os_error(vm, &e, timeout))?;
    buf.truncate(n);
    Ok(Value::Obj(ObjRef::new(Payload::Bytes(
        buf.into_boxed_slice(),
    ))))
}

fn sock_close<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "close", &args, 1, 1)?;
    let old = std::mem::replace(&mut socket_of(vm, &args.pos[0])?.state().kind, Kind::Closed);
    // The OS socket closes here, outside the state lock (or when another
    // thread still using it lets go).
    drop(old);
    Ok(Value::None)
}

fn sock_shutdown<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "shutdown", &args, 2, 2)?;
    let how = match ops::expect_int(vm, &args.pos[1])? {
        SHUT_RD => Shutdown::Read,
        SHUT_WR => Shutdown::Write,
        SHUT_RDWR => Shutdown::Both,
        _ => return Err(invalid(vm)),
    };
    let recv = socket_of(vm, &args.pos[0])?;
    let (stream, _) = stream_of(vm, recv)?;
    stream.shutdown(how).map_err(|e| os_error(vm, &e, None))?;
    Ok(Value::None)
}

fn sock_getsockname<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "getsockname", &args, 1, 1)?;
    let st = socket_of(vm, &args.pos[0])?.state();
    let addr = match &st.kind {
        Kind::Fresh => Ok(SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, 0))),
        Kind::Listener { listener, .. } => listener.local_addr(),
        Kind::Stream(s) => s.local_addr(),
        Kind::Closed => return Err(bad_fd(vm)),
    };
    drop(st);
    let addr = addr.map_err(|e| os_error(vm, &e, None))?;
    Ok(address_tuple(vm, addr))
}

fn sock_getpeername<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "getpeername", &args, 1, 1)?;
    let recv = socket_of(vm, &args.pos[0])?;
    let (stream, _) = stream_of(vm, recv)?;
    let addr = stream.peer_addr().map_err(|e| os_error(vm, &e, None))?;
    Ok(address_tuple(vm, addr))
}

/// `setsockopt(level, option, value)`: recorded; `TCP_NODELAY` is applied
/// (now or when the socket connects); std listeners always set
/// `SO_REUSEADDR`; other options are accepted and have no effect.
fn sock_setsockopt<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "setsockopt", &args, 4, 4)?;
    let level = ops::expect_int(vm, &args.pos[1])?;
    let option = ops::expect_int(vm, &args.pos[2])?;
    let value = match args.pos[3].payload() {
        Some(Payload::Bytes(b)) => b.iter().any(|x| *x != 0) as i64,
        _ => ops::expect_int(vm, &args.pos[3])?,
    };
    let mut st = socket_of(vm, &args.pos[0])?.state();
    if let Kind::Closed = st.kind {
        return Err(bad_fd(vm));
    }
    st.options.retain(|(l, o, _)| (*l, *o) != (level, option));
    st.options.push((level, option, value));
    if let Kind::Stream(s) = &st.kind {
        let r = apply_options(s, &st.options);
        drop(st);
        r.map_err(|e| os_error(vm, &e, None))?;
    }
    Ok(Value::None)
}

fn sock_getsockopt<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "getsockopt", &args, 3, 3)?;
    let level = ops::expect_int(vm, &args.pos[1])?;
    let option = ops::expect_int(vm, &args.pos[2])?;
    let st = socket_of(vm, &args.pos[0])?.state();
    if (level, option) == (IPPROTO_TCP, TCP_NODELAY) {
        if let Kind::Stream(s) = &st.kind {
            let r = s.nodelay();
            drop(st);
            return Ok(Value::Int(r.map_err(|e| os_error(vm, &e, None))? as i64));
        }
    }
    match st.kind {
        Kind::Closed => Err(bad_fd(vm)),
        _ => Ok(Value::Int(
            st.options
                .iter()
                .find(|(l, o, _)| (*l, *o) == (level, option))
                .map_or(0, |(_, _, v)| *v),
        )),
    }
}

fn set_timeout<S: LockStrategy>(
    vm: &Vm<S>,
    sock: &SocketObj,
    timeout: Option<Duration>,
) -> PyResult<S> {
    let mut st = sock.state();
    if let Kind::Closed = st.kind {
        return Err(bad_fd(vm));
    }
    st.timeout = timeout;
    let r = apply_timeout(&st.kind, timeout);
    drop(st);
    r.map_err(|e| os_error(vm, &e, None))?;
    Ok(Value::None)
}

fn sock_settimeout<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "settimeout", &args, 2, 2)?;
    let timeout = match &args.pos[1] {
        Value::None => None,
        v => Some(timeout_arg(vm, v)?),
    };
    let recv = socket_of(vm, &args.pos[0])?;
    set_timeout(vm, recv, timeout)
}

fn sock_gettimeout<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "gettimeout", &args, 1, 1)?;
    Ok(match socket_of(vm, &args.pos[0])?.state().timeout {
        None => Value::None,
        Some(t) => Value::Float(t.as_secs_f64()),
    })
}

fn sock_setblocking<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "setblocking", &args, 2, 2)?;
    let blocking = ops::truthy(vm, &args.pos[1])?;
    let timeout = (!blocking).then_some(Duration::ZERO);
    let recv = socket_of(vm, &args.pos[0])?;
    set_timeout(vm, recv, timeout)
}

fn sock_getblocking<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "getblocking", &args, 1, 1)?;
    let timeout = socket_of(vm, &args.pos[0])?.state().timeout;
    Ok(Value::Bool(!timeout.is_some_and(|t| t.is_zero())))
}

fn sock_fileno<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "fileno", &args, 1, 1)?;
    Ok(Value::Int(fileno(
        &socket_of(vm, &args.pos[0])?.state().kind,
    )))
}

fn sock_enter<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "__enter__", &args, 1, 1)?;
    Ok(args.pos[0].clone())
}

fn sock_exit<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let this = args.pos[0].clone();
    sock_close(vm, Args::positional(vec![this]))
}
