//! `_pickle.Unpickler`: reads the pickle format of every protocol (0 to 5,
//! the opcodes `Lib/pickletools.py` documents), with CPython's exceptions
//! for bad input: `EOFError` when the data ends where an opcode should
//! be, `UnpicklingError` for truncated arguments, unknown opcodes, stack
//! and memo misuse. A length in the stream is checked against the data
//! there is before anything of that size is made.
//!
//! # State and locking
//!
//! As the pickler's ([`super::pickler`]): the settings, the file's methods
//! and the memo sit behind the object's lock; a `load` takes the memo out,
//! runs (calling `find_class`, `persistent_load`, constructors and the
//! file's `read`, all Python code) without the lock, and puts it back.

use super::{Base, NativeKind, NativeObject, TypeSpec};
use crate::modules::pickle as m;
use crate::object::{Header, NativeFn, ObjCell, ObjRef, Payload, TypeKind, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyErr, PyResult, Vm};
use std::any::Any;
use std::collections::HashMap;

/// The memo: dense for the indices picklers write, a map past them (an
/// index in the stream must not make a huge vector).
struct Memo<S: LockStrategy> {
    dense: Vec<Option<Value<S>>>,
    sparse: HashMap<u64, Value<S>>,
    count: usize,
}

impl<S: LockStrategy> Memo<S> {
    fn new() -> Self {
        Self {
            dense: Vec::new(),
            sparse: HashMap::new(),
            count: 0,
        }
    }

    fn get(&self, i: u64) -> Option<&Value<S>> {
        match usize::try_from(i).ok().and_then(|i| self.dense.get(i)) {
            Some(v) => v.as_ref(),
            None => self.sparse.get(&i),
        }
    }

    fn put(&mut self, i: u64, v: Value<S>) {
        let idx = usize::try_from(i).unwrap_or(usize::MAX);
        if idx < self.dense.len() {
            if self.dense[idx].replace(v).is_none() {
                self.count += 1;
            }
        } else if idx <= self.dense.len() + 4096 {
            self.dense.resize(idx + 1, None);
            self.dense[idx] = Some(v);
            self.count += 1;
        } else if self.sparse.insert(i, v).is_none() {
            self.count += 1;
        }
    }

    fn values(&self) -> impl Iterator<Item = &Value<S>> {
        self.dense.iter().flatten().chain(self.sparse.values())
    }

    fn items(&self) -> Vec<(i64, Value<S>)> {
        let mut out: Vec<(i64, Value<S>)> = self
            .dense
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.clone().map(|v| (i as i64, v)))
            .collect();
        let mut sparse: Vec<_> = self
            .sparse
            .iter()
            .map(|(k, v)| (*k as i64, v.clone()))
            .collect();
        sparse.sort_by_key(|(k, _)| *k);
        out.extend(sparse);
        out
    }
}

/// `Unpickler(...)` and `load(s)` options after the file.
pub struct LoadOptions<S: LockStrategy> {
    fix_imports: bool,
    encoding: String,
    errors: String,
    buffers: Option<Value<S>>,
}

pub fn load_options<S: LockStrategy>(
    vm: &mut Vm<S>,
    fix_imports: Option<&Value<S>>,
    encoding: Option<&Value<S>>,
    errors: Option<&Value<S>>,
    buffers: Option<&Value<S>>,
) -> PyResult<S, LoadOptions<S>> {
    let fix_imports = match fix_imports {
        Some(v) => ops::truthy(vm, v)?,
        None => true,
    };
    let text = |vm: &Vm<S>, v: Option<&Value<S>>, what: &str, default: &str| match v {
        None => Ok(default.to_string()),
        Some(v) => v.as_str().map(String::from).ok_or_else(|| {
            vm.type_error(format!(
                "{what}() argument 'encoding' must be str, not {}",
                ops::type_name(v)
            ))
        }),
    };
    let encoding = text(vm, encoding, "Unpickler", "ASCII")?;
    let errors = text(vm, errors, "Unpickler", "strict")?;
    let buffers = match buffers {
        None | Some(Value::None) => None,
        Some(b) => Some(ops::get_iter(vm, b)?),
    };
    Ok(LoadOptions {
        fix_imports,
        encoding,
        errors,
        buffers,
    })
}

struct State<S: LockStrategy> {
    read: Option<Value<S>>,
    readline: Option<Value<S>>,
    fix_imports: bool,
    encoding: String,
    errors: String,
    buffers: Option<Value<S>>,
    memo: Memo<S>,
    persistent_load: Option<Value<S>>,
    proto: i64,
}

impl<S: LockStrategy> State<S> {
    fn empty() -> Self {
        Self {
            read: None,
            readline: None,
            fix_imports: true,
            encoding: "ASCII".into(),
            errors: "strict".into(),
            buffers: None,
            memo: Memo::new(),
            persistent_load: None,
            proto: 0,
        }
    }
}

/// A `_pickle.Unpickler`.
pub struct Unpickler<S: LockStrategy> {
    state: ObjCell<State<S>>,
}

impl<S: LockStrategy> Unpickler<S> {
    fn with<R>(&self, this: &ObjRef<S>, f: impl FnOnce(&mut State<S>) -> R) -> R {
        self.state.with::<S, _>(&this.header, f)
    }
}

fn file_methods<S: LockStrategy>(
    vm: &mut Vm<S>,
    file: &Value<S>,
) -> PyResult<S, (Value<S>, Value<S>)> {
    let read = ops::get_attr_opt(vm, file, "read")?;
    let readline = ops::get_attr_opt(vm, file, "readline")?;
    match (read, readline) {
        (Some(r), Some(l)) => Ok((r, l)),
        _ => Err(vm.type_error("file must have 'read' and 'readline' attributes")),
    }
}

fn unpickler_new<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let this = super::new_object(Unpickler {
        state: ObjCell::new(State::empty()),
    });
    let mut all = vec![this.clone()];
    all.extend(args.pos);
    unpickler_init(
        vm,
        Args {
            pos: all,
            kw: args.kw,
        },
    )?;
    Ok(this)
}

/// `Unpickler.__init__(self, file, *, fix_imports=True, encoding='ASCII',
/// errors='strict', buffers=())`.
fn unpickler_init<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let this =
        super::receiver::<S, Unpickler<S>>(vm, "__init__", NativeKind::Unpickler, &args.pos)?;
    let o = args.pos[0]
        .obj()
        .expect("an unpickler is an object")
        .clone();
    let p = m::parse_args(
        vm,
        "Unpickler",
        &args,
        1,
        &["file", "fix_imports", "encoding", "errors", "buffers"],
        1,
    )?;
    let (read, readline) = file_methods(vm, p[0].as_ref().expect("required"))?;
    let opts = load_options(
        vm,
        p[1].as_ref(),
        p[2].as_ref(),
        p[3].as_ref(),
        p[4].as_ref(),
    )?;
    let old = this.with(&o, |s| {
        let old = std::mem::replace(&mut s.memo, Memo::new());
        s.read = Some(read);
        s.readline = Some(readline);
        s.fix_imports = opts.fix_imports;
        s.encoding = opts.encoding;
        s.errors = opts.errors;
        s.buffers = opts.buffers;
        s.proto = 0;
        old
    });
    drop(old);
    Ok(Value::None)
}

fn receiver<'a, S: LockStrategy>(
    vm: &Vm<S>,
    method: &str,
    args: &'a Args<S>,
) -> PyResult<S, (&'a ObjRef<S>, &'a Unpickler<S>)> {
    super::receiver_and_object(vm, method, NativeKind::Unpickler, args)
}

/// `Unpickler.load()`.
fn load<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let (o, this) = receiver(vm, "load", &args)?;
    crate::builtins::arity(vm, "load", &args, 1, 1)?;
    let this_v = args.pos[0].clone();
    let taken = this.with(o, |s| {
        let file = s.read.clone().zip(s.readline.clone());
        let memo = std::mem::replace(&mut s.memo, Memo::new());
        (
            file,
            memo,
            LoadOptions {
                fix_imports: s.fix_imports,
                encoding: s.encoding.clone(),
                errors: s.errors.clone(),
                buffers: s.buffers.clone(),
            },
        )
    });
    let (file, memo, opts) = taken;
    let Some(file) = file else {
        return Err(m::error(
            vm,
            "UnpicklingError",
            format!(
                "Unpickler.__init__() was not called by {}.__init__()",
                ops::type_name(&this_v)
            ),
        ));
    };
    let mut l = Loader::new(Reader::file(file), opts, memo);
    l.this = Some(this_v.clone());
    l.subclass = matches!(this_v.stored(), Some(Payload::Instance(_)));
    l.persistent_load = ops::get_attr_opt(vm, &this_v, "persistent_load")?;
    let r = l.load(vm);
    let memo = std::mem::replace(&mut l.memo, Memo::new());
    let old = this.with(o, |s| std::mem::replace(&mut s.memo, memo));
    drop(old);
    r
}

/// `Unpickler.find_class(module_name, global_name)`.
fn find_class_method<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let (o, this) = receiver(vm, "find_class", &args)?;
    crate::builtins::arity(vm, "find_class", &args, 3, 3)?;
    let (proto, fix) = this.with(o, |s| (s.proto, s.fix_imports));
    let module = ops::expect_str(vm, &args.pos[1], "find_class() argument 1")?.to_string();
    let name = ops::expect_str(vm, &args.pos[2], "find_class() argument 2")?.to_string();
    find_class(vm, module, name, proto, fix)
}

/// The global `module.name`, as the base `find_class` finds it.
fn find_class<S: LockStrategy>(
    vm: &mut Vm<S>,
    module: String,
    name: String,
    proto: i64,
    fix_imports: bool,
) -> PyResult<S> {
    let (module, name) = if proto < 3 && fix_imports {
        m::forward_mapping(vm, module, name)?
    } else {
        (module, name)
    };
    let module_obj = m::import(vm, &module)?;
    let found = if proto >= 4 {
        let path: Vec<String> = name.split('.').map(String::from).collect();
        m::deep_getattr(vm, &module_obj, &path)?.map(|(_, v)| v)
    } else {
        ops::get_attr_opt(vm, &module_obj, &name)?
    };
    match found {
        Some(v) => Ok(v),
        None => {
            let r = crate::repr::repr(vm, &module_obj)?;
            Err(vm.new_error(
                "AttributeError",
                format!("Can't get attribute '{name}' on {r}"),
            ))
        }
    }
}

/// `loads(data, ...)`.
pub fn loads_with<S: LockStrategy>(
    vm: &mut Vm<S>,
    data: &Value<S>,
    opts: LoadOptions<S>,
) -> PyResult<S> {
    let Some(bytes) = super::bytes::bytes_like(data) else {
        return Err(vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            ops::type_name(data)
        )));
    };
    let mut l = Loader::new(Reader::bytes(bytes.into_owned()), opts, Memo::new());
    l.load(vm)
}

/// `load(file, ...)`.
pub fn load_file<S: LockStrategy>(
    vm: &mut Vm<S>,
    file: &Value<S>,
    opts: LoadOptions<S>,
) -> PyResult<S> {
    let methods = file_methods(vm, file)?;
    let mut l = Loader::new(Reader::file(methods), opts, Memo::new());
    l.load(vm)
}

/// Where the bytes come from: all of them at once (`loads`), or a file
/// read as needed (a whole frame at a time).
struct Reader<S: LockStrategy> {
    buf: Vec<u8>,
    pos: usize,
    file: Option<(Value<S>, Value<S>)>,
}

/// Why a read failed: the data ended (the caller raises the fitting
/// error), or the file's `read` raised.
enum ReadError<S: LockStrategy> {
    Short,
    Err(PyErr<S>),
}

impl<S: LockStrategy> From<PyErr<S>> for ReadError<S> {
    fn from(e: PyErr<S>) -> Self {
        ReadError::Err(e)
    }
}

impl<S: LockStrategy> Reader<S> {
    fn bytes(data: Vec<u8>) -> Self {
        Self {
            buf: data,
            pos: 0,
            file: None,
        }
    }

    fn file(methods: (Value<S>, Value<S>)) -> Self {
        Self {
            buf: Vec::new(),
            pos: 0,
            file: Some(methods),
        }
    }

    fn available(&self) -> usize {
        self.buf.len() - self.pos
    }

    /// Makes `n` bytes available at `pos`, reading the file if needed.
    fn fill(&mut self, vm: &mut Vm<S>, n: usize) -> Result<(), ReadError<S>> {
        if self.available() >= n {
            return Ok(());
        }
        let Some((read, _)) = self.file.clone() else {
            return Err(ReadError::Short);
        };
        self.buf.drain(..self.pos);
        self.pos = 0;
        let need = n - self.buf.len();
        let data = vm.call(&read, vec![Value::Int(need as i64)])?;
        let Some(b) = super::bytes::bytes_like(&data) else {
            return Err(ReadError::Err(vm.type_error(format!(
                "a bytes-like object is required, not '{}'",
                ops::type_name(&data)
            ))));
        };
        self.buf.extend_from_slice(&b);
        if self.buf.len() < n {
            return Err(ReadError::Short);
        }
        Ok(())
    }

    fn read(&mut self, vm: &mut Vm<S>, n: usize) -> Result<&[u8], ReadError<S>> {
        self.fill(vm, n)?;
        let start = self.pos;
        self.pos += n;
        Ok(&self.buf[start..start + n])
    }

    /// A line, without its newline.
    fn readline(&mut self, vm: &mut Vm<S>) -> Result<Vec<u8>, ReadError<S>> {
        if let Some(i) = self.buf[self.pos..].iter().position(|&b| b == b'\n') {
            let line = self.buf[self.pos..self.pos + i].to_vec();
            self.pos += i + 1;
            return Ok(line);
        }
        let Some((_, readline)) = self.file.clone() else {
            return Err(ReadError::Short);
        };
        let mut line = self.buf[self.pos..].to_vec();
        self.buf.clear();
        self.pos = 0;
        let data = vm.call(&readline, Vec::new())?;
        let Some(b) = super::bytes::bytes_like(&data) else {
            return Err(ReadError::Err(vm.type_error(format!(
                "a bytes-like object is required, not '{}'",
                ops::type_name(&data)
            ))));
        };
        line.extend_from_slice(&b);
        match line.pop() {
            Some(b'\n') => Ok(line),
            _ => Err(ReadError::Short),
        }
    }
}

/// One load in progress.
struct Loader<S: LockStrategy> {
    reader: Reader<S>,
    stack: Vec<Value<S>>,
    marks: Vec<usize>,
    memo: Memo<S>,
    proto: i64,
    opts: LoadOptions<S>,
    /// The unpickler object (None for `load`/`loads`).
    this: Option<Value<S>>,
    /// Whether `this` is an instance of a subclass (its `find_class` may
    /// be overridden).
    subclass: bool,
    persistent_load: Option<Value<S>>,
}

impl<S: LockStrategy> Loader<S> {
    fn new(reader: Reader<S>, opts: LoadOptions<S>, memo: Memo<S>) -> Self {
        Self {
            reader,
            stack: Vec::new(),
            marks: Vec::new(),
            memo,
            proto: 0,
            opts,
            this: None,
            subclass: false,
            persistent_load: None,
        }
    }

    fn err(&self, vm: &mut Vm<S>, msg: impl Into<String>) -> PyErr<S> {
        m::error(vm, "UnpicklingError", msg)
    }

    fn truncated(&self, vm: &mut Vm<S>) -> PyErr<S> {
        self.err(vm, "pickle data was truncated")
    }

    fn read(&mut self, vm: &mut Vm<S>, n: usize) -> PyResult<S, Vec<u8>> {
        match self.reader.read(vm, n) {
            Ok(b) => Ok(b.to_vec()),
            Err(ReadError::Short) => Err(self.truncated(vm)),
            Err(ReadError::Err(e)) => Err(e),
        }
    }

    fn read_byte(&mut self, vm: &mut Vm<S>) -> PyResult<S, u8> {
        match self.reader.read(vm, 1) {
            Ok(b) => Ok(b[0]),
            Err(ReadError::Short) => Err(self.truncated(vm)),
            Err(ReadError::Err(e)) => Err(e),
        }
    }

    fn read_u32(&mut self, vm: &mut Vm<S>) -> PyResult<S, u32> {
        let b = self.read(vm, 4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn read_u64(&mut self, vm: &mut Vm<S>) -> PyResult<S, u64> {
        let b = self.read(vm, 8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(&b);
        Ok(u64::from_le_bytes(a))
    }

    fn readline(&mut self, vm: &mut Vm<S>) -> PyResult<S, Vec<u8>> {
        match self.reader.readline(vm) {
            Ok(l) => Ok(l),
            Err(ReadError::Short) => Err(self.truncated(vm)),
            Err(ReadError::Err(e)) => Err(e),
        }
    }

    /// Reads a payload of `n` bytes, checking first that the data has
    /// them (a file is asked for them, which returns no more than it has).
    fn read_payload(&mut self, vm: &mut Vm<S>, n: u64) -> PyResult<S, Vec<u8>> {
        let n = usize::try_from(n).map_err(|_| self.truncated(vm))?;
        if self.reader.file.is_none() && self.reader.available() < n {
            return Err(self.truncated(vm));
        }
        self.read(vm, n)
    }

    // ---- the stack ----

    fn fence(&self) -> usize {
        self.marks.last().copied().unwrap_or(0)
    }

    fn underflow(&self, vm: &mut Vm<S>) -> PyErr<S> {
        let msg = if self.marks.is_empty() {
            "unpickling stack underflow"
        } else {
            "unexpected MARK found"
        };
        self.err(vm, msg)
    }

    fn pop(&mut self, vm: &mut Vm<S>) -> PyResult<S> {
        if self.stack.len() <= self.fence() {
            return Err(self.underflow(vm));
        }
        Ok(self.stack.pop().expect("checked"))
    }

    fn top(&mut self, vm: &mut Vm<S>) -> PyResult<S> {
        if self.stack.len() <= self.fence() {
            return Err(self.underflow(vm));
        }
        Ok(self.stack.last().expect("checked").clone())
    }

    /// The position of the last mark, removed.
    fn marker(&mut self, vm: &mut Vm<S>) -> PyResult<S, usize> {
        match self.marks.pop() {
            Some(m) => Ok(m),
            None => Err(self.err(vm, "could not find MARK")),
        }
    }

    fn pop_mark(&mut self, vm: &mut Vm<S>) -> PyResult<S, Vec<Value<S>>> {
        let mark = self.marker(vm)?;
        Ok(self.stack.split_off(mark.min(self.stack.len())))
    }

    fn pop_n(&mut self, vm: &mut Vm<S>, n: usize) -> PyResult<S, Vec<Value<S>>> {
        if self.stack.len() < self.fence() + n {
            return Err(self.underflow(vm));
        }
        Ok(self.stack.split_off(self.stack.len() - n))
    }

    // ---- the loop ----

    fn load(&mut self, vm: &mut Vm<S>) -> PyResult<S> {
        loop {
            let op = match self.reader.read(vm, 1) {
                Ok(b) => b[0],
                Err(ReadError::Short) => return Err(vm.new_error("EOFError", "Ran out of input")),
                Err(ReadError::Err(e)) => return Err(e),
            };
            if op == b'.' {
                return self.pop(vm);
            }
            self.step(vm, op)?;
        }
    }

    fn step(&mut self, vm: &mut Vm<S>, op: u8) -> PyResult<S, ()> {
        match op {
            b'(' => self.marks.push(self.stack.len()),
            b'0' => {
                let len = self.stack.len();
                if self.marks.last() == Some(&len) {
                    self.marks.pop();
                } else {
                    self.pop(vm)?;
                }
            }
            b'1' => {
                self.pop_mark(vm)?;
            }
            b'2' => {
                let v = self.top(vm)?;
                self.stack.push(v);
            }
            b'N' => self.stack.push(Value::None),
            0x88 => self.stack.push(Value::Bool(true)),
            0x89 => self.stack.push(Value::Bool(false)),
            b'I' => {
                let line = self.readline(vm)?;
                let v = match &line[..] {
                    b"00" => Value::Bool(false),
                    b"01" => Value::Bool(true),
                    _ => parse_int(vm, &line, false)?,
                };
                self.stack.push(v);
            }
            b'J' => {
                let v = self.read_u32(vm)? as i32;
                self.stack.push(Value::Int(i64::from(v)));
            }
            b'K' => {
                let v = self.read_byte(vm)?;
                self.stack.push(Value::Int(i64::from(v)));
            }
            b'M' => {
                let b = self.read(vm, 2)?;
                self.stack
                    .push(Value::Int(i64::from(u16::from_le_bytes([b[0], b[1]]))));
            }
            b'L' => {
                let line = self.readline(vm)?;
                let v = parse_int(vm, &line, true)?;
                self.stack.push(v);
            }
            0x8a => {
                let n = self.read_byte(vm)?;
                let b = self.read(vm, n as usize)?;
                self.stack
                    .push(ops::int_from_big(num_bigint::BigInt::from_signed_bytes_le(
                        &b,
                    )));
            }
            0x8b => {
                let n = self.read_u32(vm)? as i32;
                if n < 0 {
                    return Err(self.err(vm, "LONG pickle has negative byte count"));
                }
                let b = self.read_payload(vm, n as u64)?;
                self.stack
                    .push(ops::int_from_big(num_bigint::BigInt::from_signed_bytes_le(
                        &b,
                    )));
            }
            b'F' => {
                let line = self.readline(vm)?;
                let f = std::str::from_utf8(&line)
                    .ok()
                    .and_then(|s| parse_float(s.trim()))
                    .ok_or_else(|| vm.value_error("could not convert string to float"))?;
                self.stack.push(Value::Float(f));
            }
            b'G' => {
                let b = self.read(vm, 8)?;
                let mut a = [0u8; 8];
                a.copy_from_slice(&b);
                self.stack.push(Value::Float(f64::from_be_bytes(a)));
            }
            b'S' => {
                let line = self.readline(vm)?;
                let s = strip_trailing_ws(&line);
                let quoted =
                    s.len() >= 2 && (s[0] == b'\'' || s[0] == b'"') && s[s.len() - 1] == s[0];
                if !quoted {
                    return Err(self.err(vm, "the STRING opcode argument must be quoted"));
                }
                let raw = escape_decode(&s[1..s.len() - 1]);
                let v = self.decode_string(vm, raw)?;
                self.stack.push(v);
            }
            b'T' => {
                let n = self.read_u32(vm)? as i32;
                if n < 0 {
                    return Err(self.err(vm, "BINSTRING pickle has negative byte count"));
                }
                let b = self.read_payload(vm, n as u64)?;
                let v = self.decode_string(vm, b)?;
                self.stack.push(v);
            }
            b'U' => {
                let n = self.read_byte(vm)?;
                let b = self.read(vm, n as usize)?;
                let v = self.decode_string(vm, b)?;
                self.stack.push(v);
            }
            b'B' => {
                let n = self.read_u32(vm)?;
                let b = self.read_payload(vm, u64::from(n))?;
                self.stack.push(super::bytes::new_bytes(b));
            }
            b'C' => {
                let n = self.read_byte(vm)?;
                let b = self.read(vm, n as usize)?;
                self.stack.push(super::bytes::new_bytes(b));
            }
            0x8e => {
                let n = self.read_u64(vm)?;
                if n > i64::MAX as u64 {
                    return Err(vm.new_error(
                        "OverflowError",
                        format!(
                            "BINBYTES exceeds system's maximum size of {} bytes",
                            i64::MAX
                        ),
                    ));
                }
                let b = self.read_payload(vm, n)?;
                self.stack.push(super::bytes::new_bytes(b));
            }
            0x96 => {
                let n = self.read_u64(vm)?;
                if n > i64::MAX as u64 {
                    return Err(vm.new_error(
                        "OverflowError",
                        format!(
                            "BYTEARRAY8 exceeds system's maximum size of {} bytes",
                            i64::MAX
                        ),
                    ));
                }
                let b = self.read_payload(vm, n)?;
                self.stack
                    .push(super::bytearray::ByteArray::new(b).into_value());
            }
            b'V' => {
                let line = self.readline(vm)?;
                let s = raw_unicode_escape(vm, &line)?;
                self.stack.push(vm.new_str(s));
            }
            b'X' => {
                let n = self.read_u32(vm)?;
                let b = self.read_payload(vm, u64::from(n))?;
                let v = utf8(vm, b)?;
                self.stack.push(v);
            }
            0x8c => {
                let n = self.read_byte(vm)?;
                let b = self.read(vm, n as usize)?;
                let v = utf8(vm, b)?;
                self.stack.push(v);
            }
            0x8d => {
                let n = self.read_u64(vm)?;
                if n > i64::MAX as u64 {
                    return Err(vm.new_error(
                        "OverflowError",
                        format!(
                            "BINUNICODE exceeds system's maximum size of {} bytes",
                            i64::MAX
                        ),
                    ));
                }
                let b = self.read_payload(vm, n)?;
                let v = utf8(vm, b)?;
                self.stack.push(v);
            }
            b')' => self.stack.push(ops::new_tuple(Vec::new())),
            b't' => {
                let items = self.pop_mark(vm)?;
                self.stack.push(ops::new_tuple(items));
            }
            0x85..=0x87 => {
                let n = (op - 0x84) as usize;
                let items = self.pop_n(vm, n)?;
                self.stack.push(ops::new_tuple(items));
            }
            b']' => self.stack.push(ops::new_list(Vec::new())),
            b'l' => {
                let items = self.pop_mark(vm)?;
                self.stack.push(ops::new_list(items));
            }
            b'}' => self.stack.push(ops::new_dict()),
            b'd' => {
                let items = self.pop_mark(vm)?;
                if !items.len().is_multiple_of(2) {
                    return Err(self.err(vm, "odd number of items for DICT"));
                }
                let d = ops::new_dict();
                let o = d.obj().expect("a dict").clone();
                let mut it = items.into_iter();
                while let (Some(k), Some(v)) = (it.next(), it.next()) {
                    ops::dict_set(vm, &o, k, v)?;
                }
                self.stack.push(d);
            }
            0x8f => self
                .stack
                .push(crate::sets::new_set(Default::default(), false)),
            0x91 => {
                let items = self.pop_mark(vm)?;
                let set = crate::sets::build(vm, items, false)?;
                let frozen = ops::new_list(crate::sets::elements(&set));
                let ft = Value::Obj(vm.interp.types[&TypeKind::FrozenSet].clone());
                let v = vm.call(&ft, vec![frozen])?;
                self.stack.push(v);
            }
            b'a' => {
                let len = self.stack.len();
                if len == 0 || len - 1 <= self.fence() {
                    return Err(self.underflow(vm));
                }
                self.do_append(vm, len - 1)?;
            }
            b'e' => {
                let mark = self.marker(vm)?;
                if mark == 0 || mark <= self.fence() {
                    return Err(self.underflow(vm));
                }
                self.do_append(vm, mark)?;
            }
            b's' => {
                let len = self.stack.len();
                if len < 2 || len - 2 <= self.fence() {
                    return Err(self.underflow(vm));
                }
                self.do_setitems(vm, len - 2)?;
            }
            b'u' => {
                let mark = self.marker(vm)?;
                if mark == 0 || mark <= self.fence() {
                    return Err(self.underflow(vm));
                }
                self.do_setitems(vm, mark)?;
            }
            0x90 => {
                let mark = self.marker(vm)?;
                if mark == 0 || mark <= self.fence() {
                    return Err(self.underflow(vm));
                }
                let items = self.stack.split_off(mark);
                let set = self.stack[mark - 1].clone();
                if matches!(set.stored(), Some(Payload::Set { frozen: false, .. })) {
                    for x in items {
                        let k = crate::dict::key_of(vm, x)?;
                        crate::sets::add_value(vm, &set, k)?;
                    }
                } else {
                    let add = ops::get_attr(vm, &set, &crate::vm::name_obj(vm, "add"))?;
                    for x in items {
                        vm.call(&add, vec![x])?;
                    }
                }
            }
            b'g' => {
                let line = self.readline(vm)?;
                let idx = parse_index(vm, &line)?;
                self.memo_get(vm, idx)?;
            }
            b'h' => {
                let idx = self.read_byte(vm)?;
                self.memo_get(vm, u64::from(idx))?;
            }
            b'j' => {
                let idx = self.read_u32(vm)?;
                self.memo_get(vm, u64::from(idx))?;
            }
            b'p' => {
                let line = self.readline(vm)?;
                let v = self.top(vm)?;
                let idx = parse_index(vm, &line)?;
                self.memo.put(idx, v);
            }
            b'q' => {
                let idx = self.read_byte(vm)?;
                let v = self.top(vm)?;
                self.memo.put(u64::from(idx), v);
            }
            b'r' => {
                let idx = self.read_u32(vm)?;
                let v = self.top(vm)?;
                self.memo.put(u64::from(idx), v);
            }
            0x94 => {
                let v = self.top(vm)?;
                let idx = self.memo.count as u64;
                self.memo.put(idx, v);
            }
            b'c' => {
                let module = self.readline(vm)?;
                let name = self.readline(vm)?;
                let module = utf8_string(vm, module)?;
                let name = utf8_string(vm, name)?;
                let v = self.find_class(vm, module, name)?;
                self.stack.push(v);
            }
            0x93 => {
                let name = self.pop(vm)?;
                let module = self.pop(vm)?;
                let (Some(module), Some(name)) = (module.as_str(), name.as_str()) else {
                    return Err(self.err(vm, "STACK_GLOBAL requires str"));
                };
                let (module, name) = (module.to_string(), name.to_string());
                let v = self.find_class(vm, module, name)?;
                self.stack.push(v);
            }
            b'R' => {
                let args = self.pop(vm)?;
                let func = self.pop(vm)?;
                let Some(Payload::Tuple(t)) = args.payload() else {
                    return Err(vm.type_error("argument list must be a tuple"));
                };
                let v = vm.call(&func, t.to_vec())?;
                self.stack.push(v);
            }
            0x81 | 0x92 => {
                let name = if op == 0x81 { "NEWOBJ" } else { "NEWOBJ_EX" };
                let kwargs = if op == 0x92 {
                    Some(self.pop(vm)?)
                } else {
                    None
                };
                let args = self.pop(vm)?;
                let cls = self.pop(vm)?;
                if !matches!(cls.payload(), Some(Payload::Type(_))) {
                    return Err(self.err(
                        vm,
                        format!(
                            "{name} class argument must be a type, not {}",
                            ops::type_name(&cls)
                        ),
                    ));
                }
                let Some(Payload::Tuple(t)) = args.payload() else {
                    return Err(self.err(
                        vm,
                        format!(
                            "{name} args argument must be a tuple, not {}",
                            ops::type_name(&args)
                        ),
                    ));
                };
                let mut pos = vec![cls.clone()];
                pos.extend(t.iter().cloned());
                let mut kw = Vec::new();
                if let Some(k) = kwargs {
                    if !matches!(k.payload(), Some(Payload::Dict(_))) {
                        return Err(self.err(
                            vm,
                            format!(
                                "{name} kwargs argument must be a dict, not {}",
                                ops::type_name(&k)
                            ),
                        ));
                    }
                    for (key, v) in ops::dict_items(&k) {
                        match key.as_str() {
                            Some(s) => kw.push((s.to_string(), v)),
                            None => return Err(vm.type_error("keywords must be strings")),
                        }
                    }
                }
                let new = ops::get_attr(vm, &cls, &crate::vm::name_obj(vm, "__new__"))?;
                let v = vm.call_args(&new, Args { pos, kw })?;
                self.stack.push(v);
            }
            b'o' => {
                let mut items = self.pop_mark(vm)?;
                if items.is_empty() {
                    return Err(self.underflow(vm));
                }
                let cls = items.remove(0);
                let v = instantiate(vm, &cls, items)?;
                self.stack.push(v);
            }
            b'i' => {
                let module = self.readline(vm)?;
                let name = self.readline(vm)?;
                let module = utf8_string(vm, module)?;
                let name = utf8_string(vm, name)?;
                let cls = self.find_class(vm, module, name)?;
                let items = self.pop_mark(vm)?;
                let v = instantiate(vm, &cls, items)?;
                self.stack.push(v);
            }
            b'b' => {
                let state = self.pop(vm)?;
                let inst = self.top(vm)?;
                self.build(vm, inst, state)?;
            }
            b'P' => {
                let line = self.readline(vm)?;
                let Ok(pid) = String::from_utf8(line) else {
                    return Err(self.err(vm, "persistent IDs in protocol 0 must be ASCII strings"));
                };
                if !pid.is_ascii() {
                    return Err(self.err(vm, "persistent IDs in protocol 0 must be ASCII strings"));
                }
                let pid = vm.new_str(pid);
                let v = self.persistent(vm, pid)?;
                self.stack.push(v);
            }
            b'Q' => {
                let pid = self.pop(vm)?;
                let v = self.persistent(vm, pid)?;
                self.stack.push(v);
            }
            0x82 => {
                let code = self.read_byte(vm)?;
                self.ext(vm, i64::from(code))?;
            }
            0x83 => {
                let b = self.read(vm, 2)?;
                self.ext(vm, i64::from(u16::from_le_bytes([b[0], b[1]])))?;
            }
            0x84 => {
                let code = self.read_u32(vm)? as i32;
                self.ext(vm, i64::from(code))?;
            }
            0x80 => {
                let p = self.read_byte(vm)?;
                if i64::from(p) > super::pickler::HIGHEST_PROTOCOL {
                    return Err(vm.value_error(format!("unsupported pickle protocol: {p}")));
                }
                self.proto = i64::from(p);
                if let Some(this) = &self.this {
                    if let Some(u) = super::downcast::<S, Unpickler<S>>(this) {
                        let o = this.obj().expect("an object");
                        u.with(o, |s| s.proto = i64::from(p));
                    }
                }
            }
            0x95 => {
                let n = self.read_u64(vm)?;
                let Ok(n) = usize::try_from(n).map(|n| n.min(isize::MAX as usize + 1)) else {
                    return Err(self.truncated(vm));
                };
                if n > isize::MAX as usize {
                    return Err(vm.new_error(
                        "OverflowError",
                        format!(
                            "FRAME length exceeds system's maximum of {} bytes",
                            isize::MAX
                        ),
                    ));
                }
                if self.reader.file.is_none() {
                    if self.reader.available() < n {
                        return Err(self.truncated(vm));
                    }
                } else {
                    match self.reader.fill(vm, n) {
                        Ok(()) => {}
                        Err(ReadError::Short) => return Err(self.truncated(vm)),
                        Err(ReadError::Err(e)) => return Err(e),
                    }
                }
            }
            0x97 => {
                let Some(buffers) = self.opts.buffers.clone() else {
                    return Err(self.err(
                        vm,
                        "pickle stream refers to out-of-band data but no *buffers* argument was given",
                    ));
                };
                match ops::iter_next(vm, &buffers)? {
                    Some(b) => self.stack.push(b),
                    None => return Err(self.err(vm, "not enough out-of-band buffers")),
                }
            }
            0x98 => {
                let v = self.top(vm)?;
                let builtins = Value::Obj(vm.interp.builtins.clone());
                if let Some(mv) = ops::get_attr_opt(vm, &builtins, "memoryview")? {
                    if let Ok(view) = vm.call(&mv, vec![v]) {
                        if let Some(ro) = ops::get_attr_opt(vm, &view, "toreadonly")? {
                            let r = vm.call(&ro, Vec::new())?;
                            self.stack.pop();
                            self.stack.push(r);
                        }
                    }
                }
            }
            _ => {
                let shown = if (0x20..0x7f).contains(&op) && op != b'\'' && op != b'\\' {
                    (op as char).to_string()
                } else {
                    match op {
                        b'\'' => "\\'".to_string(),
                        b'\\' => "\\\\".to_string(),
                        b'\t' => "\\t".to_string(),
                        b'\n' => "\\n".to_string(),
                        b'\r' => "\\r".to_string(),
                        _ => format!("\\x{op:02x}"),
                    }
                };
                return Err(self.err(vm, format!("invalid load key, '{shown}'.")));
            }
        }
        Ok(())
    }

    fn memo_get(&mut self, vm: &mut Vm<S>, idx: u64) -> PyResult<S, ()> {
        match self.memo.get(idx) {
            Some(v) => {
                let v = v.clone();
                self.stack.push(v);
                Ok(())
            }
            None => Err(self.err(vm, format!("Memo value not found at index {idx}"))),
        }
    }

    /// Appends `stack[x..]` to the list at `stack[x - 1]`.
    fn do_append(&mut self, vm: &mut Vm<S>, x: usize) -> PyResult<S, ()> {
        let items = self.stack.split_off(x);
        let list = self.stack[x - 1].clone();
        if let (Some(Payload::List(cell)), false) = (
            list.payload(),
            matches!(list.stored(), Some(Payload::Instance(_))),
        ) {
            let o = list.obj().expect("a list");
            cell.with::<S, _>(&o.header, |v| v.extend(items));
            return Ok(());
        }
        if items.len() != 1 {
            if let Some(extend) = ops::get_attr_opt(vm, &list, "extend")? {
                vm.call(&extend, vec![ops::new_list(items)])?;
                return Ok(());
            }
        }
        let append = ops::get_attr(vm, &list, &crate::vm::name_obj(vm, "append"))?;
        for x in items {
            vm.call(&append, vec![x])?;
        }
        Ok(())
    }

    /// Sets the key/value pairs of `stack[x..]` on the mapping at
    /// `stack[x - 1]`.
    fn do_setitems(&mut self, vm: &mut Vm<S>, x: usize) -> PyResult<S, ()> {
        let items = self.stack.split_off(x);
        if !items.len().is_multiple_of(2) {
            return Err(self.err(vm, "odd number of items for SETITEMS"));
        }
        let d = self.stack[x - 1].clone();
        let exact = matches!(d.stored(), Some(Payload::Dict(_)));
        let mut it = items.into_iter();
        while let (Some(k), Some(v)) = (it.next(), it.next()) {
            if exact {
                ops::dict_set(vm, d.obj().expect("a dict"), k, v)?;
            } else {
                ops::set_item(vm, &d, k, v)?;
            }
        }
        Ok(())
    }

    fn build(&mut self, vm: &mut Vm<S>, inst: Value<S>, state: Value<S>) -> PyResult<S, ()> {
        if let Some(setstate) = ops::get_attr_opt(vm, &inst, "__setstate__")? {
            vm.call(&setstate, vec![state])?;
            return Ok(());
        }
        let (state, slotstate) = match state.payload() {
            Some(Payload::Tuple(t)) if t.len() == 2 => (t[0].clone(), Some(t[1].clone())),
            _ => (state, None),
        };
        if !matches!(state, Value::None) {
            if !matches!(state.payload(), Some(Payload::Dict(_))) {
                return Err(self.err(vm, "state is not a dictionary"));
            }
            let items = ops::dict_items(&state);
            if !items.is_empty() {
                let dict = match inst.obj().and_then(crate::classes::instance_dict) {
                    Some(d) => Value::Obj(d),
                    None => ops::get_attr(vm, &inst, &crate::vm::name_obj(vm, "__dict__"))?,
                };
                for (k, v) in items {
                    match dict.obj() {
                        Some(d) if matches!(dict.stored(), Some(Payload::Dict(_))) => {
                            ops::dict_set(vm, d, k, v)?
                        }
                        _ => ops::set_item(vm, &dict, k, v)?,
                    }
                }
            }
        }
        if let Some(slots) = slotstate {
            if !matches!(slots, Value::None) {
                if !matches!(slots.payload(), Some(Payload::Dict(_))) {
                    return Err(self.err(vm, "slot state is not a dictionary"));
                }
                for (k, v) in ops::dict_items(&slots) {
                    let Some(name) = k.obj().cloned() else {
                        return Err(vm.type_error("attribute name must be string"));
                    };
                    if k.as_str().is_none() {
                        return Err(vm.type_error(format!(
                            "attribute name must be string, not '{}'",
                            ops::type_name(&k)
                        )));
                    }
                    ops::set_attr(vm, &inst, &name, v)?;
                }
            }
        }
        Ok(())
    }

    fn find_class(&mut self, vm: &mut Vm<S>, module: String, name: String) -> PyResult<S> {
        if self.subclass {
            if let Some(this) = self.this.clone() {
                let args = vec![vm.new_str(module), vm.new_str(name)];
                return ops::call_method(vm, &this, "find_class", args);
            }
        }
        find_class(vm, module, name, self.proto, self.opts.fix_imports)
    }

    fn persistent(&mut self, vm: &mut Vm<S>, pid: Value<S>) -> PyResult<S> {
        match self.persistent_load.clone() {
            Some(f) => vm.call(&f, vec![pid]),
            None => Err(self.err(
                vm,
                "A load persistent id instruction was encountered,\nbut no persistent_load function was specified.",
            )),
        }
    }

    fn ext(&mut self, vm: &mut Vm<S>, code: i64) -> PyResult<S, ()> {
        if code <= 0 {
            return Err(self.err(vm, "EXT specifies code <= 0"));
        }
        let copyreg = m::import(vm, "copyreg")?;
        let cache = ops::get_attr(vm, &copyreg, &crate::vm::name_obj(vm, "_extension_cache"))?;
        let key = Value::Int(code);
        if let Some(d) = cache.obj() {
            if let Some(v) = ops::dict_get(d, &key) {
                self.stack.push(v);
                return Ok(());
            }
        }
        let inverted = ops::get_attr(vm, &copyreg, &crate::vm::name_obj(vm, "_inverted_registry"))?;
        let pair = inverted.obj().and_then(|d| ops::dict_get(d, &key));
        let Some(pair) = pair else {
            return Err(vm.value_error(format!("unregistered extension code {code}")));
        };
        let (module, name) = match pair.payload() {
            Some(Payload::Tuple(t)) if t.len() == 2 => match (t[0].as_str(), t[1].as_str()) {
                (Some(a), Some(b)) => (a.to_string(), b.to_string()),
                _ => return Err(self.err(vm, "_inverted_registry[%ld] isn't a 2-tuple of strings")),
            },
            _ => return Err(self.err(vm, "_inverted_registry[%ld] isn't a 2-tuple of strings")),
        };
        let v = self.find_class(vm, module, name)?;
        if let Some(d) = cache.obj() {
            ops::dict_set(vm, d, key, v.clone())?;
        }
        self.stack.push(v);
        Ok(())
    }

    /// A protocol 0-2 string: bytes for encoding `bytes`, else decoded.
    fn decode_string(&mut self, vm: &mut Vm<S>, raw: Vec<u8>) -> PyResult<S> {
        let b = super::bytes::new_bytes(raw);
        if self.opts.encoding == "bytes" {
            return Ok(b);
        }
        let args = vec![
            vm.new_str(self.opts.encoding.as_str()),
            vm.new_str(self.opts.errors.as_str()),
        ];
        ops::call_method(vm, &b, "decode", args)
    }
}

/// `cls(*args)`, or `cls.__new__(cls)` for a class called with no
/// arguments that has no `__getinitargs__` (protocol 0's INST and OBJ).
fn instantiate<S: LockStrategy>(
    vm: &mut Vm<S>,
    cls: &Value<S>,
    args: Vec<Value<S>>,
) -> PyResult<S> {
    let is_type = matches!(cls.payload(), Some(Payload::Type(_)));
    if args.is_empty() && is_type && ops::get_attr_opt(vm, cls, "__getinitargs__")?.is_none() {
        let new = ops::get_attr(vm, cls, &crate::vm::name_obj(vm, "__new__"))?;
        return vm.call(&new, vec![cls.clone()]);
    }
    vm.call(cls, args)
}

fn utf8<S: LockStrategy>(vm: &mut Vm<S>, b: Vec<u8>) -> PyResult<S> {
    match String::from_utf8(b) {
        Ok(s) => Ok(vm.new_str(s)),
        Err(e) => {
            let b = super::bytes::new_bytes(e.into_bytes());
            let args = vec![vm.new_str("utf-8"), vm.new_str("surrogatepass")];
            ops::call_method(vm, &b, "decode", args)
        }
    }
}

fn utf8_string<S: LockStrategy>(vm: &mut Vm<S>, b: Vec<u8>) -> PyResult<S, String> {
    let v = utf8(vm, b)?;
    Ok(v.as_str().unwrap_or_default().to_string())
}

fn strip_trailing_ws(b: &[u8]) -> &[u8] {
    let mut end = b.len();
    while end > 0 && b[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    &b[..end]
}

/// The int of an `I` or `L` line (`L`'s trailing `L` dropped).
fn parse_int<S: LockStrategy>(vm: &Vm<S>, line: &[u8], long: bool) -> PyResult<S> {
    let bad = || vm.value_error("could not convert string to int");
    let s = std::str::from_utf8(line).map_err(|_| bad())?;
    let mut s = s.trim();
    if long {
        s = s.strip_suffix('L').unwrap_or(s);
    }
    let digits = s.strip_prefix('+').unwrap_or(s);
    if digits.is_empty() {
        return Err(bad());
    }
    if let Ok(i) = digits.parse::<i64>() {
        return Ok(Value::Int(i));
    }
    match digits.parse::<num_bigint::BigInt>() {
        Ok(b) => Ok(ops::int_from_big(b)),
        Err(_) => Err(bad()),
    }
}

/// A memo index of a `g` or `p` line.
fn parse_index<S: LockStrategy>(vm: &mut Vm<S>, line: &[u8]) -> PyResult<S, u64> {
    let v = parse_int(vm, line, false)?;
    match v {
        Value::Int(i) if i >= 0 => Ok(i as u64),
        Value::Int(_) => Err(vm.value_error("negative PUT argument")),
        _ => Err(m::error(vm, "UnpicklingError", "memo index out of range")),
    }
}

fn parse_float(s: &str) -> Option<f64> {
    let lower = s.to_ascii_lowercase();
    let body = lower.trim_start_matches(['+', '-']);
    if matches!(body, "inf" | "infinity" | "nan")
        || !body.contains(char::is_alphabetic)
        || body.contains('e')
    {
        if body.contains('_') {
            return None;
        }
        return lower.parse::<f64>().ok();
    }
    None
}

/// `codecs.escape_decode`: the backslash escapes of a protocol 0 string.
fn escape_decode(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        i += 1;
        if c != b'\\' || i >= s.len() {
            out.push(c);
            continue;
        }
        let e = s[i];
        i += 1;
        match e {
            b'\n' => {}
            b'\\' => out.push(b'\\'),
            b'\'' => out.push(b'\''),
            b'"' => out.push(b'"'),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'v' => out.push(11),
            b'0'..=b'7' => {
                let mut v = u32::from(e - b'0');
                let mut k = 0;
                while k < 2 && i < s.len() && (b'0'..=b'7').contains(&s[i]) {
                    v = v * 8 + u32::from(s[i] - b'0');
                    i += 1;
                    k += 1;
                }
                out.push(v as u8);
            }
            b'x' if i + 1 < s.len() + 1 && i + 2 <= s.len() => {
                match u8::from_str_radix(std::str::from_utf8(&s[i..i + 2]).unwrap_or("zz"), 16) {
                    Ok(v) => {
                        out.push(v);
                        i += 2;
                    }
                    Err(_) => {
                        out.push(b'\\');
                        out.push(e);
                    }
                }
            }
            _ => {
                out.push(b'\\');
                out.push(e);
            }
        }
    }
    out
}

/// The `raw-unicode-escape` codec's decoding of a protocol 0 `V` line.
fn raw_unicode_escape<S: LockStrategy>(vm: &mut Vm<S>, b: &[u8]) -> PyResult<S, String> {
    let mut out = String::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'\\' && i + 1 < b.len() && (b[i + 1] == b'u' || b[i + 1] == b'U') {
            // An odd run of backslashes escapes.
            let mut run = 0;
            let mut j = i;
            while j > 0 && b[j - 1] == b'\\' {
                run += 1;
                j -= 1;
            }
            if run % 2 == 0 {
                let n = if b[i + 1] == b'u' { 4 } else { 8 };
                let hex = b
                    .get(i + 2..i + 2 + n)
                    .and_then(|h| std::str::from_utf8(h).ok());
                let code = hex
                    .filter(|h| h.bytes().all(|c| c.is_ascii_hexdigit()))
                    .and_then(|h| u32::from_str_radix(h, 16).ok());
                let Some(code) = code else {
                    let what = if n == 4 { "\\uXXXX" } else { "\\UXXXXXXXX" };
                    let end = (i + 2 + n).min(b.len()) - 1;
                    return Err(vm.new_error(
                        "UnicodeDecodeError",
                        format!(
                            "'rawunicodeescape' codec can't decode bytes in position {i}-{end}: truncated {what} escape"
                        ),
                    ));
                };
                let Some(ch) = char::from_u32(code) else {
                    return Err(vm.new_error(
                        "UnicodeDecodeError",
                        format!(
                            "'rawunicodeescape' codec can't decode bytes in position {i}-{}: \\Uxxxxxxxx out of range",
                            i + 1 + n
                        ),
                    ));
                };
                out.push(ch);
                i += 2 + n;
                continue;
            }
        }
        out.push(c as char);
        i += 1;
    }
    Ok(out)
}

impl<S: LockStrategy> NativeObject<S> for Unpickler<S> {
    fn kind(&self) -> NativeKind {
        NativeKind::Unpickler
    }

    fn repr(&self, _vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, String> {
        Ok(format!("<_pickle.Unpickler object at {:#x}>", this.addr()))
    }

    fn get_attr(&self, this: &ObjRef<S>, name: &str) -> Option<Value<S>> {
        self.with(this, |s| match name {
            "persistent_load" => s.persistent_load.clone(),
            "memo" => Some(m::int_keyed_dict(s.memo.items())),
            _ => None,
        })
    }

    fn set_attr(
        &self,
        vm: &mut Vm<S>,
        this: &ObjRef<S>,
        name: &str,
        value: Option<Value<S>>,
    ) -> PyResult<S, bool> {
        match name {
            "persistent_load" => {
                let old = self.with(this, |s| std::mem::replace(&mut s.persistent_load, value));
                drop(old);
            }
            "memo" => {
                let Some(v) = value else {
                    return Err(vm.type_error("attribute deletion is not supported"));
                };
                if !matches!(v.payload(), Some(Payload::Dict(_))) {
                    return Err(vm.type_error(format!(
                        "'memo' attribute must be an UnpicklerMemoProxy object or dict, not {}",
                        ops::type_name(&v)
                    )));
                }
                let mut memo = Memo::new();
                for (k, v) in ops::dict_items(&v) {
                    match k {
                        Value::Int(i) if i >= 0 => memo.put(i as u64, v),
                        _ => return Err(vm.value_error("memo key must be positive integers.")),
                    }
                }
                let old = self.with(this, |s| std::mem::replace(&mut s.memo, memo));
                drop(old);
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn is_container(&self) -> bool {
        true
    }

    fn traverse(&self, header: &Header, visit: &mut dyn FnMut(&Value<S>)) {
        self.state.with::<S, _>(header, |s| {
            for v in s.memo.values() {
                visit(v);
            }
            for v in [&s.read, &s.readline, &s.buffers, &s.persistent_load]
                .into_iter()
                .flatten()
            {
                visit(v);
            }
        });
    }

    fn clear(&self, header: &Header) {
        let old = self
            .state
            .with::<S, _>(header, |s| std::mem::replace(s, State::empty()));
        drop(old);
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

pub fn spec<S: LockStrategy>() -> TypeSpec<S> {
    TypeSpec {
        name: "Unpickler",
        builtin: false,
        new: unpickler_new,
        methods: || {
            let methods: Vec<(&'static str, NativeFn<S>)> = vec![
                ("load", load),
                ("find_class", find_class_method),
                ("__init__", unpickler_init),
            ];
            methods
        },
        dunders: &[],
        base: Base::FilledByInit {
            empty: || {
                Box::new(Unpickler::<S> {
                    state: ObjCell::new(State::empty()),
                })
            },
            init: unpickler_init,
        },
    }
}
