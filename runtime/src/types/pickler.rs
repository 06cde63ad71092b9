//! `_pickle.Pickler`: writes the pickle format (protocols 0 to 5, as
//! `Lib/pickletools.py` documents each opcode, PEP 307, 3154 and 574), with
//! the output of CPython's accelerator byte for byte: the same opcodes,
//! memo indices, batches of 1000 items and frames.
//!
//! # State and locking
//!
//! The settings (protocol, file, `fast`, the attributes a program may set:
//! `persistent_id`, `dispatch_table`, `reducer_override`) and the memo live
//! in an [`ObjCell`] behind the object's lock. A `dump` runs Python code
//! (`__reduce_ex__`, `persistent_id`, the file's `write`), so it never holds
//! that lock: it takes the memo out in one critical section, pickles with
//! its own copy of the settings, and puts the memo back in another. Two
//! threads dumping through one pickler at once therefore each work on a
//! memo of their own (one of them starts from an empty one); neither can
//! see the other's half-built state.
//!
//! # Framing
//!
//! From protocol 4 the output after the `PROTO` opcode is cut into frames:
//! a frame opens at the first write after the previous one closed (nine
//! bytes reserved for its `FRAME` header), closes when an object finishes
//! and the frame holds at least 64 KiB, and at the end. A frame of fewer
//! than 4 bytes loses its header. A bytes or str payload of 64 KiB or more
//! is written outside any frame, its opcode and length too.

use super::{Base, NativeKind, NativeObject, TypeSpec};
use crate::modules::pickle as m;
use crate::object::{Header, NativeFn, ObjCell, ObjRef, Payload, TypeKind, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};
use std::any::Any;
use std::collections::HashMap;

pub const DEFAULT_PROTOCOL: i64 = 4;
pub const HIGHEST_PROTOCOL: i64 = 5;
const BATCH: usize = 1000;
const FRAME_TARGET: usize = 64 * 1024;
const FRAME_HEADER: usize = 9;

/// The memo: object address to (index, the object, kept alive).
type Memo<S> = HashMap<usize, (u32, Value<S>)>;

struct State<S: LockStrategy> {
    protocol: i64,
    fix_imports: bool,
    /// The file's `write` (None before `__init__`).
    write: Option<Value<S>>,
    buffer_callback: Option<Value<S>>,
    /// Taken out while a dump runs.
    memo: Memo<S>,
    fast: bool,
    persistent_id: Option<Value<S>>,
    dispatch_table: Option<Value<S>>,
    reducer_override: Option<Value<S>>,
}

impl<S: LockStrategy> State<S> {
    fn empty() -> Self {
        Self {
            protocol: DEFAULT_PROTOCOL,
            fix_imports: true,
            write: None,
            buffer_callback: None,
            memo: HashMap::new(),
            fast: false,
            persistent_id: None,
            dispatch_table: None,
            reducer_override: None,
        }
    }
}

/// A `_pickle.Pickler`.
pub struct Pickler<S: LockStrategy> {
    state: ObjCell<State<S>>,
}

impl<S: LockStrategy> Pickler<S> {
    fn with<R>(&self, this: &ObjRef<S>, f: impl FnOnce(&mut State<S>) -> R) -> R {
        self.state.with::<S, _>(&this.header, f)
    }
}

/// The protocol a `protocol` argument names: None is the default, a
/// negative number the highest.
pub fn protocol_arg<S: LockStrategy>(vm: &mut Vm<S>, v: Option<&Value<S>>) -> PyResult<S, i64> {
    let p = match v {
        None | Some(Value::None) => return Ok(DEFAULT_PROTOCOL),
        Some(v) => {
            let v = ops::as_index(vm, v)?;
            if !ops::is_int_like(&v) {
                return Err(vm.type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    ops::type_name(&v)
                )));
            }
            ops::expect_int(vm, &v)?
        }
    };
    if p < 0 {
        Ok(HIGHEST_PROTOCOL)
    } else if p > HIGHEST_PROTOCOL {
        Err(vm.value_error(format!("pickle protocol must be <= {HIGHEST_PROTOCOL}")))
    } else {
        Ok(p)
    }
}

/// The arguments of `Pickler(file, protocol=None, fix_imports=True,
/// buffer_callback=None)` after `file`.
pub struct Options<S: LockStrategy> {
    pub protocol: i64,
    pub fix_imports: bool,
    pub buffer_callback: Option<Value<S>>,
}

pub fn options<S: LockStrategy>(
    vm: &mut Vm<S>,
    protocol: Option<&Value<S>>,
    fix_imports: Option<&Value<S>>,
    buffer_callback: Option<&Value<S>>,
) -> PyResult<S, Options<S>> {
    let protocol = protocol_arg(vm, protocol)?;
    let fix_imports = match fix_imports {
        Some(v) => ops::truthy(vm, v)?,
        None => true,
    };
    let buffer_callback = buffer_callback
        .filter(|v| !matches!(v, Value::None))
        .cloned();
    if buffer_callback.is_some() && protocol < 5 {
        return Err(vm.value_error("buffer_callback needs protocol >= 5"));
    }
    Ok(Options {
        protocol,
        fix_imports,
        buffer_callback,
    })
}

/// `file.write`, or CPython's TypeError.
pub fn write_method<S: LockStrategy>(vm: &mut Vm<S>, file: &Value<S>) -> PyResult<S> {
    match ops::get_attr_opt(vm, file, "write")? {
        Some(w) => Ok(w),
        None => Err(vm.type_error("file must have a 'write' attribute")),
    }
}

fn pickler_new<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let this = super::new_object(Pickler {
        state: ObjCell::new(State::empty()),
    });
    let mut all = vec![this.clone()];
    all.extend(args.pos);
    pickler_init(
        vm,
        Args {
            pos: all,
            kw: args.kw,
        },
    )?;
    Ok(this)
}

/// `Pickler.__init__(self, file, protocol=None, fix_imports=True,
/// buffer_callback=None)`.
fn pickler_init<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let this = super::receiver::<S, Pickler<S>>(vm, "__init__", NativeKind::Pickler, &args.pos)?;
    let o = args.pos[0].obj().expect("a pickler is an object").clone();
    let params = m::parse_args(
        vm,
        "Pickler",
        &args,
        1,
        &["file", "protocol", "fix_imports", "buffer_callback"],
        1,
    )?;
    let file = params[0].clone().expect("required");
    let opts = options(
        vm,
        params[1].as_ref(),
        params[2].as_ref(),
        params[3].as_ref(),
    )?;
    let write = write_method(vm, &file)?;
    let old = this.with(&o, |s| {
        let old = std::mem::take(&mut s.memo);
        s.protocol = opts.protocol;
        s.fix_imports = opts.fix_imports;
        s.write = Some(write);
        s.buffer_callback = opts.buffer_callback;
        s.fast = false;
        old
    });
    drop(old);
    Ok(Value::None)
}

fn receiver<'a, S: LockStrategy>(
    vm: &Vm<S>,
    method: &str,
    args: &'a Args<S>,
) -> PyResult<S, (&'a ObjRef<S>, &'a Pickler<S>)> {
    super::receiver_and_object(vm, method, NativeKind::Pickler, args)
}

/// `Pickler.dump(obj)`.
fn dump<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let (o, this) = receiver(vm, "dump", &args)?;
    crate::builtins::arity(vm, "dump", &args, 2, 2)?;
    let this_v = args.pos[0].clone();
    let (write, protocol, fix_imports, buffer_callback, memo) = this.with(o, |s| {
        (
            s.write.clone(),
            s.protocol,
            s.fix_imports,
            s.buffer_callback.clone(),
            std::mem::take(&mut s.memo),
        )
    });
    let Some(write) = write else {
        return Err(m::error(
            vm,
            "PicklingError",
            "Pickler.__init__() was not called by Pickler.__init__()",
        ));
    };
    // Out-of-band buffers need `PickleBuffer`, which this module does
    // not provide: nothing ever reaches `buffer_callback`.
    drop(buffer_callback);
    let mut w = Writer::new(protocol, fix_imports, memo);
    w.configure(vm, &this_v)?;
    let r = w.dump(vm, &args.pos[1]);
    let out = std::mem::take(&mut w.out);
    let memo = std::mem::take(&mut w.memo);
    let old = this.with(o, |s| std::mem::replace(&mut s.memo, memo));
    drop(old);
    r?;
    vm.call(&write, vec![super::bytes::new_bytes(out)])?;
    Ok(Value::None)
}

/// `Pickler.clear_memo()`.
fn clear_memo<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let (o, this) = receiver(vm, "clear_memo", &args)?;
    let old = this.with(o, |s| std::mem::take(&mut s.memo));
    drop(old);
    Ok(Value::None)
}

/// `dumps(obj, protocol=None, *, fix_imports=True, buffer_callback=None)`
/// and `dump(obj, file, ...)`: a fresh pickler's output.
pub fn dumps_with<S: LockStrategy>(
    vm: &mut Vm<S>,
    obj: &Value<S>,
    opts: Options<S>,
) -> PyResult<S, Vec<u8>> {
    let mut w = Writer::new(opts.protocol, opts.fix_imports, HashMap::new());
    w.dump(vm, obj)?;
    Ok(w.out)
}

/// One dump in progress: the output, the open frame, the memo and the
/// settings read when it began.
struct Writer<S: LockStrategy> {
    out: Vec<u8>,
    frame_start: Option<usize>,
    framing: bool,
    proto: i64,
    bin: bool,
    fast: bool,
    fix_imports: bool,
    memo: Memo<S>,
    persistent_id: Option<Value<S>>,
    reducer_override: Option<Value<S>>,
    /// The pickler's own `dispatch_table`; `None`: copyreg's.
    dispatch_table: Option<Value<S>>,
    copyreg_table: Option<Value<S>>,
    /// One `"latin1"` for every bytes object of a protocol 0-2 dump (an
    /// interned name in CPython, so memoized once).
    latin1: Option<Value<S>>,
    module_names: HashMap<String, Value<S>>,
}

impl<S: LockStrategy> Writer<S> {
    fn new(proto: i64, fix_imports: bool, memo: Memo<S>) -> Self {
        Self {
            out: Vec::new(),
            frame_start: None,
            framing: false,
            proto,
            bin: proto >= 1,
            fast: false,
            fix_imports,
            memo,
            persistent_id: None,
            reducer_override: None,
            dispatch_table: None,
            copyreg_table: None,
            latin1: None,
            module_names: HashMap::new(),
        }
    }

    /// Reads the pickler's overridable attributes (a subclass's methods or
    /// class attributes, or what was set on the object).
    fn configure(&mut self, vm: &mut Vm<S>, this: &Value<S>) -> PyResult<S, ()> {
        self.persistent_id = ops::get_attr_opt(vm, this, "persistent_id")?;
        self.reducer_override = ops::get_attr_opt(vm, this, "reducer_override")?;
        self.dispatch_table = ops::get_attr_opt(vm, this, "dispatch_table")?;
        if let Some(f) = ops::get_attr_opt(vm, this, "fast")? {
            self.fast = ops::truthy(vm, &f)?;
        }
        Ok(())
    }

    fn dump(&mut self, vm: &mut Vm<S>, obj: &Value<S>) -> PyResult<S, ()> {
        if self.proto >= 2 {
            self.write(&[0x80, self.proto as u8]);
            if self.proto >= 4 {
                self.framing = true;
            }
        }
        self.save(vm, obj, false)?;
        self.write(b".");
        self.commit_frame();
        self.framing = false;
        Ok(())
    }

    // ---- output ----

    fn write(&mut self, data: &[u8]) {
        if self.framing && self.frame_start.is_none() {
            self.frame_start = Some(self.out.len());
            self.out.extend_from_slice(&[0; FRAME_HEADER]);
        }
        self.out.extend_from_slice(data);
    }

    fn commit_frame(&mut self) {
        let Some(start) = self.frame_start.take() else {
            return;
        };
        let len = self.out.len() - start - FRAME_HEADER;
        if len >= 4 {
            self.out[start] = 0x95;
            self.out[start + 1..start + FRAME_HEADER].copy_from_slice(&(len as u64).to_le_bytes());
        } else {
            self.out.drain(start..start + FRAME_HEADER);
        }
    }

    /// An object was written: closes the frame once it is large enough.
    fn boundary(&mut self) {
        if let Some(start) = self.frame_start {
            if self.out.len() - start - FRAME_HEADER >= FRAME_TARGET {
                self.commit_frame();
            }
        }
    }

    /// An opcode with its length header, then a payload that goes outside
    /// any frame when it is large.
    fn write_counted(&mut self, header: &[u8], data: &[u8]) {
        if data.len() >= FRAME_TARGET && self.framing {
            self.commit_frame();
            self.framing = false;
            self.write(header);
            self.write(data);
            self.framing = true;
        } else {
            self.write(header);
            self.write(data);
        }
    }

    // ---- memo ----

    fn memo_index(&self, obj: &Value<S>) -> Option<u32> {
        let o = obj.obj()?;
        self.memo.get(&o.addr()).map(|(i, _)| *i)
    }

    fn memoize(&mut self, obj: &Value<S>) {
        if self.fast {
            return;
        }
        let Some(o) = obj.obj() else { return };
        let idx = self.memo.len() as u32;
        self.memo.insert(o.addr(), (idx, obj.clone()));
        if self.proto >= 4 {
            self.write(&[0x94]);
        } else if self.bin {
            if idx < 256 {
                self.write(&[b'q', idx as u8]);
            } else {
                let mut b = vec![b'r'];
                b.extend_from_slice(&idx.to_le_bytes());
                self.write(&b);
            }
        } else {
            self.write(format!("p{idx}\n").as_bytes());
        }
    }

    fn memo_get(&mut self, idx: u32) {
        if self.bin {
            if idx < 256 {
                self.write(&[b'h', idx as u8]);
            } else {
                let mut b = vec![b'j'];
                b.extend_from_slice(&idx.to_le_bytes());
                self.write(&b);
            }
        } else {
            self.write(format!("g{idx}\n").as_bytes());
        }
    }

    // ---- save ----

    fn save(&mut self, vm: &mut Vm<S>, obj: &Value<S>, pers_save: bool) -> PyResult<S, ()> {
        vm.enter_recursive_call(" while pickling an object")?;
        let r = self.save_inner(vm, obj, pers_save);
        vm.leave_recursive_call();
        if r.is_ok() {
            self.boundary();
        }
        r
    }

    fn save_inner(&mut self, vm: &mut Vm<S>, obj: &Value<S>, pers_save: bool) -> PyResult<S, ()> {
        if !pers_save {
            if let Some(f) = self.persistent_id.clone() {
                let pid = vm.call(&f, vec![obj.clone()])?;
                if !matches!(pid, Value::None) {
                    return self.save_pers(vm, &pid);
                }
            }
        }
        match obj {
            Value::None => {
                self.write(b"N");
                return Ok(());
            }
            Value::Bool(b) => {
                self.save_bool(*b);
                return Ok(());
            }
            Value::Int(i) => {
                self.save_int(*i);
                return Ok(());
            }
            Value::Float(f) => {
                self.save_float(*f);
                return Ok(());
            }
            Value::Obj(_) => {}
        }
        let o = obj.obj().expect("an object").clone();
        if let Payload::BigInt(b) = o.stored() {
            self.save_bigint(b);
            return Ok(());
        }
        if let Some(idx) = self.memo_index(obj) {
            self.memo_get(idx);
            return Ok(());
        }
        match o.stored() {
            Payload::Bytes(b) => return self.save_bytes(vm, obj, b),
            Payload::Str(s) => {
                self.save_str(s.as_str());
                self.memoize(obj);
                return Ok(());
            }
            Payload::Dict(_) => return self.save_dict(vm, obj),
            Payload::Set { frozen: false, .. } => return self.save_set(vm, obj),
            Payload::Set { frozen: true, .. } => return self.save_frozenset(vm, obj),
            Payload::List(_) => return self.save_list(vm, obj),
            Payload::Tuple(items) => return self.save_tuple(vm, obj, items),
            Payload::Native(n) if n.kind() == NativeKind::ByteArray => {
                return self.save_bytearray(vm, obj)
            }
            _ => {}
        }
        let mut reduced = None;
        if let Some(f) = self.reducer_override.clone() {
            let r = vm.call(&f, vec![obj.clone()])?;
            if !is_not_implemented(vm, &r) {
                reduced = Some(r);
            }
        }
        let reduced = match reduced {
            Some(r) => r,
            None => {
                let class = Value::Obj(crate::builtins::type_of(vm, obj));
                let type_type = Value::Obj(vm.interp.types[&TypeKind::Type].clone());
                if class.is(&type_type) {
                    return self.save_type(vm, obj);
                }
                if matches!(o.stored(), Payload::Function(_)) {
                    return self.save_global(vm, obj, None);
                }
                match self.dispatch_lookup(vm, &class)? {
                    Some(f) => vm.call(&f, vec![obj.clone()])?,
                    None if matches!(o.stored(), Payload::Type(_)) => {
                        return self.save_global(vm, obj, None)
                    }
                    None if matches!(o.stored(), Payload::Builtin(_)) && builtin_global(&o) => {
                        return self.save_global(vm, obj, None)
                    }
                    None => match ops::get_attr_opt(vm, obj, "__reduce_ex__")? {
                        Some(f) => vm.call(&f, vec![Value::Int(self.proto)])?,
                        None => match ops::get_attr_opt(vm, obj, "__reduce__")? {
                            Some(f) => vm.call(&f, Vec::new())?,
                            None => {
                                let r = crate::repr::repr(vm, obj)?;
                                return Err(m::error(
                                    vm,
                                    "PicklingError",
                                    format!("can't pickle '{}' object: {r}", ops::type_name(obj)),
                                ));
                            }
                        },
                    },
                }
            }
        };
        if let Some(name) = reduced.as_str() {
            let name = name.to_string();
            return self.save_global(vm, obj, Some(name));
        }
        let items = match reduced.payload() {
            Some(Payload::Tuple(t)) if !is_subclass_instance(&reduced) => t.to_vec(),
            _ => {
                return Err(m::error(
                    vm,
                    "PicklingError",
                    "__reduce__ must return a string or tuple",
                ))
            }
        };
        self.save_reduce(vm, &items, Some(obj))
    }

    fn dispatch_lookup(
        &mut self,
        vm: &mut Vm<S>,
        class: &Value<S>,
    ) -> PyResult<S, Option<Value<S>>> {
        if let Some(table) = self.dispatch_table.clone() {
            return match ops::get_item(vm, &table, class) {
                Ok(f) => Ok(Some(f)),
                Err(e)
                    if crate::interp::is_instance_of(
                        vm,
                        &Value::Obj(e.exc.clone()),
                        "KeyError",
                    ) =>
                {
                    Ok(None)
                }
                Err(e) => Err(e),
            };
        }
        if self.copyreg_table.is_none() {
            let copyreg = m::import(vm, "copyreg")?;
            let t = ops::get_attr(vm, &copyreg, &crate::vm::name_obj(vm, "dispatch_table"))?;
            self.copyreg_table = Some(t);
        }
        let table = self.copyreg_table.clone().expect("just set");
        match table.obj() {
            Some(d) if matches!(d.payload(), Payload::Dict(_)) => Ok(ops::dict_get(d, class)),
            _ => Ok(None),
        }
    }

    fn save_pers(&mut self, vm: &mut Vm<S>, pid: &Value<S>) -> PyResult<S, ()> {
        if self.bin {
            self.save(vm, pid, true)?;
            self.write(b"Q");
            return Ok(());
        }
        let s = crate::repr::to_str(vm, pid)?;
        if !s.is_ascii() {
            return Err(m::error(
                vm,
                "PicklingError",
                "persistent IDs in protocol 0 must be ASCII strings",
            ));
        }
        self.write(b"P");
        self.write(s.as_bytes());
        self.write(b"\n");
        Ok(())
    }

    fn save_bool(&mut self, b: bool) {
        if self.proto >= 2 {
            self.write(if b { &[0x88] } else { &[0x89] });
        } else {
            self.write(if b { b"I01\n" } else { b"I00\n" });
        }
    }

    fn save_int(&mut self, i: i64) {
        if let Ok(x) = i32::try_from(i) {
            if self.bin {
                if (0..=0xff).contains(&x) {
                    self.write(&[b'K', x as u8]);
                } else if (0..=0xffff).contains(&x) {
                    let b = (x as u16).to_le_bytes();
                    self.write(&[b'M', b[0], b[1]]);
                } else {
                    let mut b = vec![b'J'];
                    b.extend_from_slice(&x.to_le_bytes());
                    self.write(&b);
                }
            } else {
                self.write(format!("I{x}\n").as_bytes());
            }
            return;
        }
        self.save_bigint(&num_bigint::BigInt::from(i));
    }

    fn save_bigint(&mut self, b: &num_bigint::BigInt) {
        if let Ok(i) = i32::try_from(b) {
            return self.save_int(i as i64);
        }
        if self.proto >= 2 {
            let bytes = b.to_signed_bytes_le();
            if bytes.len() < 256 {
                self.write(&[0x8a, bytes.len() as u8]);
            } else {
                let mut h = vec![0x8b];
                h.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
                self.write(&h);
            }
            self.write(&bytes);
        } else {
            self.write(format!("L{b}L\n").as_bytes());
        }
    }

    fn save_float(&mut self, f: f64) {
        if self.bin {
            let mut b = vec![b'G'];
            b.extend_from_slice(&f.to_be_bytes());
            self.write(&b);
        } else {
            self.write(format!("F{}\n", crate::types::float::float_repr(f)).as_bytes());
        }
    }

    fn save_bytes(&mut self, vm: &mut Vm<S>, obj: &Value<S>, b: &[u8]) -> PyResult<S, ()> {
        if self.proto < 3 {
            let bytes_type = Value::Obj(vm.interp.types[&TypeKind::Bytes].clone());
            let reduce = if b.is_empty() {
                vec![bytes_type, ops::new_tuple(Vec::new())]
            } else {
                let codecs = m::import(vm, "codecs")?;
                let encode = ops::get_attr(vm, &codecs, &crate::vm::name_obj(vm, "encode"))?;
                let text: String = b.iter().map(|&c| c as char).collect();
                let latin1 = self
                    .latin1
                    .get_or_insert_with(|| vm.new_str("latin1"))
                    .clone();
                vec![encode, ops::new_tuple(vec![vm.new_str(text), latin1])]
            };
            return self.save_reduce(vm, &reduce, Some(obj));
        }
        let n = b.len();
        if n < 256 {
            self.write_counted(&[b'C', n as u8], b);
        } else if n as u64 > 0xffff_ffff && self.proto >= 4 {
            let mut h = vec![0x8e];
            h.extend_from_slice(&(n as u64).to_le_bytes());
            self.write_counted(&h, b);
        } else {
            let mut h = vec![b'B'];
            h.extend_from_slice(&(n as u32).to_le_bytes());
            self.write_counted(&h, b);
        }
        self.memoize(obj);
        Ok(())
    }

    fn save_bytearray(&mut self, vm: &mut Vm<S>, obj: &Value<S>) -> PyResult<S, ()> {
        let data = super::bytes::bytes_like(obj)
            .map(|c| c.into_owned())
            .unwrap_or_default();
        if self.proto < 5 {
            let ba_type =
                Value::Obj(vm.interp.types[&TypeKind::Native(NativeKind::ByteArray)].clone());
            let args = if data.is_empty() {
                ops::new_tuple(Vec::new())
            } else {
                ops::new_tuple(vec![super::bytes::new_bytes(data)])
            };
            return self.save_reduce(vm, &[ba_type, args], Some(obj));
        }
        let mut h = vec![0x96];
        h.extend_from_slice(&(data.len() as u64).to_le_bytes());
        self.write_counted(&h, &data);
        self.memoize(obj);
        Ok(())
    }

    fn save_str(&mut self, s: &str) {
        if self.bin {
            let b = s.as_bytes();
            let n = b.len();
            if n <= 0xff && self.proto >= 4 {
                self.write_counted(&[0x8c, n as u8], b);
            } else if n as u64 > 0xffff_ffff && self.proto >= 4 {
                let mut h = vec![0x8d];
                h.extend_from_slice(&(n as u64).to_le_bytes());
                self.write_counted(&h, b);
            } else {
                let mut h = vec![b'X'];
                h.extend_from_slice(&(n as u32).to_le_bytes());
                self.write_counted(&h, b);
            }
        } else {
            let mut out = vec![b'V'];
            for c in s.chars() {
                let ch = c as u32;
                if ch >= 0x10000 {
                    out.extend_from_slice(format!("\\U{ch:08x}").as_bytes());
                } else if ch >= 256 || matches!(ch, 0x5c | 0 | 0x0a | 0x0d | 0x1a) {
                    out.extend_from_slice(format!("\\u{ch:04x}").as_bytes());
                } else {
                    out.push(ch as u8);
                }
            }
            out.push(b'\n');
            self.write(&out);
        }
    }

    fn save_tuple(
        &mut self,
        vm: &mut Vm<S>,
        obj: &Value<S>,
        items: &[Value<S>],
    ) -> PyResult<S, ()> {
        let n = items.len();
        if n == 0 {
            self.write(if self.proto >= 1 { b")" } else { b"(t" });
            return Ok(());
        }
        if n <= 3 && self.proto >= 2 {
            for x in items {
                self.save(vm, x, false)?;
            }
            if let Some(idx) = self.memo_index(obj) {
                self.write(&vec![b'0'; n]);
                self.memo_get(idx);
            } else {
                self.write(&[[0x85, 0x86, 0x87][n - 1]]);
                self.memoize(obj);
            }
            return Ok(());
        }
        self.write(b"(");
        for x in items {
            self.save(vm, x, false)?;
        }
        if let Some(idx) = self.memo_index(obj) {
            if self.bin {
                self.write(b"1");
            } else {
                self.write(&vec![b'0'; n + 1]);
            }
            self.memo_get(idx);
            return Ok(());
        }
        self.write(b"t");
        self.memoize(obj);
        Ok(())
    }

    fn save_list(&mut self, vm: &mut Vm<S>, obj: &Value<S>) -> PyResult<S, ()> {
        self.write(if self.bin { b"]" } else { b"(l" });
        self.memoize(obj);
        let Some(Payload::List(cell)) = obj.payload() else {
            unreachable!("checked to be a list")
        };
        let o = obj.obj().expect("a list is an object");
        let len = cell.with::<S, _>(&o.header, |v| v.len());
        if len == 0 {
            return Ok(());
        }
        let at = |i: usize| cell.with::<S, _>(&o.header, |v| v.get(i).cloned());
        if !self.bin {
            let mut i = 0;
            while let Some(x) = at(i) {
                self.save(vm, &x, false)?;
                self.write(b"a");
                i += 1;
            }
            return Ok(());
        }
        if len == 1 {
            if let Some(x) = at(0) {
                self.save(vm, &x, false)?;
            }
            self.write(b"a");
            return Ok(());
        }
        let mut total = 0;
        loop {
            self.write(b"(");
            let mut batch = 0;
            while let Some(x) = at(total) {
                self.save(vm, &x, false)?;
                total += 1;
                batch += 1;
                if batch == BATCH {
                    break;
                }
            }
            self.write(b"e");
            let len = cell.with::<S, _>(&o.header, |v| v.len());
            if total >= len {
                return Ok(());
            }
        }
    }

    fn save_dict(&mut self, vm: &mut Vm<S>, obj: &Value<S>) -> PyResult<S, ()> {
        self.write(if self.bin { b"}" } else { b"(d" });
        self.memoize(obj);
        let items = ops::dict_items(obj);
        let size = items.len();
        if size == 0 {
            return Ok(());
        }
        if !self.bin {
            for (k, v) in &items {
                self.save(vm, k, false)?;
                self.save(vm, v, false)?;
                self.write(b"s");
            }
            return Ok(());
        }
        if size == 1 {
            self.save(vm, &items[0].0, false)?;
            self.save(vm, &items[0].1, false)?;
            self.write(b"s");
            return Ok(());
        }
        let mut it = items.iter();
        loop {
            self.write(b"(");
            let mut batch = 0;
            for (k, v) in it.by_ref() {
                self.save(vm, k, false)?;
                self.save(vm, v, false)?;
                batch += 1;
                if batch == BATCH {
                    break;
                }
            }
            self.write(b"u");
            if ops::dict_len(obj) != size {
                return Err(
                    vm.new_error("RuntimeError", "dictionary changed size during iteration")
                );
            }
            if batch != BATCH {
                return Ok(());
            }
        }
    }

    fn save_set(&mut self, vm: &mut Vm<S>, obj: &Value<S>) -> PyResult<S, ()> {
        let items = crate::sets::elements(obj);
        if self.proto < 4 {
            let set_type = Value::Obj(vm.interp.types[&TypeKind::Set].clone());
            let args = ops::new_tuple(vec![ops::new_list(items)]);
            return self.save_reduce(vm, &[set_type, args], Some(obj));
        }
        self.write(&[0x8f]);
        self.memoize(obj);
        let size = items.len();
        if size == 0 {
            return Ok(());
        }
        let mut it = items.iter();
        loop {
            self.write(b"(");
            let mut batch = 0;
            for x in it.by_ref() {
                self.save(vm, x, false)?;
                batch += 1;
                if batch == BATCH {
                    break;
                }
            }
            self.write(&[0x90]);
            if crate::sets::elements(obj).len() != size {
                return Err(vm.new_error("RuntimeError", "set changed size during iteration"));
            }
            if batch != BATCH {
                return Ok(());
            }
        }
    }

    fn save_frozenset(&mut self, vm: &mut Vm<S>, obj: &Value<S>) -> PyResult<S, ()> {
        let items = crate::sets::elements(obj);
        if self.proto < 4 {
            let t = Value::Obj(vm.interp.types[&TypeKind::FrozenSet].clone());
            let args = ops::new_tuple(vec![ops::new_list(items)]);
            return self.save_reduce(vm, &[t, args], Some(obj));
        }
        self.write(b"(");
        for x in &items {
            self.save(vm, x, false)?;
        }
        if let Some(idx) = self.memo_index(obj) {
            self.write(b"1");
            self.memo_get(idx);
            return Ok(());
        }
        self.write(&[0x91]);
        self.memoize(obj);
        Ok(())
    }

    /// `type(None)`, `type(...)`, `type(NotImplemented)` by reduction, any
    /// other class by name.
    fn save_type(&mut self, vm: &mut Vm<S>, obj: &Value<S>) -> PyResult<S, ()> {
        let singletons = [Value::None, vm.interp.singletons().ellipsis.clone()];
        for s in singletons {
            let t = Value::Obj(crate::builtins::type_of(vm, &s));
            if t.is(obj) {
                let type_type = Value::Obj(vm.interp.types[&TypeKind::Type].clone());
                return self.save_reduce(vm, &[type_type, ops::new_tuple(vec![s])], Some(obj));
            }
        }
        self.save_global(vm, obj, None)
    }

    fn save_global(
        &mut self,
        vm: &mut Vm<S>,
        obj: &Value<S>,
        name: Option<String>,
    ) -> PyResult<S, ()> {
        let name = match name {
            Some(n) => n,
            None => {
                let n = match ops::get_attr_opt(vm, obj, "__qualname__")? {
                    Some(n) => n,
                    None => ops::get_attr(vm, obj, &crate::vm::name_obj(vm, "__name__"))?,
                };
                crate::repr::to_str(vm, &n)?
            }
        };
        let path: Vec<String> = name.split('.').map(String::from).collect();
        if path.iter().any(|p| p == "<locals>") {
            return Err(vm.new_error(
                "AttributeError",
                format!("Can't pickle local object '{name}'"),
            ));
        }
        let module_name = m::whichmodule(vm, obj, &path)?;
        let module = match m::import(vm, &module_name) {
            Ok(m) => m,
            Err(_) => {
                let r = crate::repr::repr(vm, obj)?;
                return Err(m::error(
                    vm,
                    "PicklingError",
                    format!("Can't pickle {r}: import of module '{module_name}' failed"),
                ));
            }
        };
        let (parent, found) = match m::deep_getattr(vm, &module, &path)? {
            Some(pair) => pair,
            None => {
                let r = crate::repr::repr(vm, obj)?;
                return Err(m::error(
                    vm,
                    "PicklingError",
                    format!("Can't pickle {r}: attribute lookup {name} on {module_name} failed"),
                ));
            }
        };
        if !found.is(obj) {
            let r = crate::repr::repr(vm, obj)?;
            return Err(m::error(
                vm,
                "PicklingError",
                format!("Can't pickle {r}: it's not the same object as {module_name}.{name}"),
            ));
        }
        if self.proto >= 2 {
            if let Some(code) = m::extension_code(vm, &module_name, &name)? {
                if code <= 0xff {
                    self.write(&[0x82, code as u8]);
                } else if code <= 0xffff {
                    let b = (code as u16).to_le_bytes();
                    self.write(&[0x83, b[0], b[1]]);
                } else {
                    let mut b = vec![0x84];
                    b.extend_from_slice(&(code as u32).to_le_bytes());
                    self.write(&b);
                }
                return Ok(());
            }
        }
        let last = path.last().cloned().unwrap_or_default();
        if self.proto >= 4 {
            let mn = self.module_str(vm, obj, &module_name)?;
            let qn = vm.new_str(name.as_str());
            self.save(vm, &mn, false)?;
            self.save(vm, &qn, false)?;
            self.write(&[0x93]);
        } else if !parent.is(&module) {
            let getattr = ops::get_attr(
                vm,
                &Value::Obj(vm.interp.builtins.clone()),
                &crate::vm::name_obj(vm, "getattr"),
            )
            .or_else(|_| {
                let b = m::import(vm, "builtins")?;
                ops::get_attr(vm, &b, &crate::vm::name_obj(vm, "getattr"))
            })?;
            let last = vm.new_str(last.as_str());
            self.save_reduce(vm, &[getattr, ops::new_tuple(vec![parent, last])], None)?;
        } else {
            let (mut module_name, mut name) = (module_name, name);
            if self.proto < 3 && self.fix_imports {
                (module_name, name) = m::reverse_mapping(vm, module_name, name)?;
            }
            if self.proto < 3 && (!module_name.is_ascii() || !name.is_ascii()) {
                return Err(m::error(
                    vm,
                    "PicklingError",
                    format!(
                        "can't pickle global identifier '{module_name}.{name}' using pickle protocol {}",
                        self.proto
                    ),
                ));
            }
            self.write(format!("c{module_name}\n{name}\n").as_bytes());
        }
        self.memoize(obj);
        Ok(())
    }

    /// The module name as a str object: `obj.__module__` itself when it is
    /// that name, and one object per name for the whole dump (CPython's
    /// module names are interned, so a second global of a module finds the
    /// name in the memo).
    fn module_str(&mut self, vm: &mut Vm<S>, obj: &Value<S>, name: &str) -> PyResult<S> {
        if let Some(v) = self.module_names.get(name) {
            return Ok(v.clone());
        }
        let v = match ops::get_attr_opt(vm, obj, "__module__")? {
            Some(v) if v.as_str() == Some(name) && !is_subclass_instance(&v) => v,
            _ => vm.new_str(name),
        };
        self.module_names.insert(name.to_string(), v.clone());
        Ok(v)
    }

    fn save_reduce(
        &mut self,
        vm: &mut Vm<S>,
        items: &[Value<S>],
        obj: Option<&Value<S>>,
    ) -> PyResult<S, ()> {
        if !(2..=6).contains(&items.len()) {
            return Err(m::error(
                vm,
                "PicklingError",
                "tuple returned by __reduce__ must contain 2 through 6 elements",
            ));
        }
        let get = |i: usize| items.get(i).filter(|v| !matches!(v, Value::None)).cloned();
        let func = items[0].clone();
        let args = items[1].clone();
        let state = get(2);
        let listitems = get(3);
        let dictitems = get(4);
        let state_setter = get(5);
        if !m::is_callable(vm, &func)? {
            return Err(m::error(
                vm,
                "PicklingError",
                "first item of the tuple returned by __reduce__ must be callable",
            ));
        }
        let args_items = match args.payload() {
            Some(Payload::Tuple(t)) => t.to_vec(),
            _ => {
                return Err(m::error(
                    vm,
                    "PicklingError",
                    "second item of the tuple returned by __reduce__ must be a tuple",
                ))
            }
        };
        for (it, which) in [(&listitems, "fourth"), (&dictitems, "fifth")] {
            if let Some(v) = it {
                if !m::is_iterator(vm, v)? {
                    return Err(m::error(
                        vm,
                        "PicklingError",
                        format!(
                            "{which} element of the tuple returned by __reduce__ must be an iterator, not {}",
                            ops::type_name(v)
                        ),
                    ));
                }
            }
        }
        if let Some(s) = &state_setter {
            if !m::is_callable(vm, s)? {
                return Err(m::error(
                    vm,
                    "PicklingError",
                    format!(
                        "sixth element of the tuple returned by __reduce__ must be a function, not {}",
                        ops::type_name(s)
                    ),
                ));
            }
        }
        let func_name = if self.proto >= 2 {
            ops::get_attr_opt(vm, &func, "__name__")?
                .and_then(|n| n.as_str().map(String::from))
                .unwrap_or_default()
        } else {
            String::new()
        };
        if func_name == "__newobj_ex__" {
            if args_items.len() != 3 {
                return Err(m::error(
                    vm,
                    "PicklingError",
                    format!(
                        "length of the NEWOBJ_EX argument tuple must be exactly 3, not {}",
                        args_items.len()
                    ),
                ));
            }
            let (cls, a, kw) = (&args_items[0], &args_items[1], &args_items[2]);
            if !matches!(cls.payload(), Some(Payload::Type(_))) {
                return Err(m::error(
                    vm,
                    "PicklingError",
                    format!(
                        "first item from NEWOBJ_EX argument tuple must be a class, not {}",
                        ops::type_name(cls)
                    ),
                ));
            }
            if !matches!(a.payload(), Some(Payload::Tuple(_))) {
                return Err(m::error(
                    vm,
                    "PicklingError",
                    format!(
                        "second item from NEWOBJ_EX argument tuple must be a tuple, not {}",
                        ops::type_name(a)
                    ),
                ));
            }
            if !matches!(kw.payload(), Some(Payload::Dict(_))) {
                return Err(m::error(
                    vm,
                    "PicklingError",
                    format!(
                        "third item from NEWOBJ_EX argument tuple must be a dict, not {}",
                        ops::type_name(kw)
                    ),
                ));
            }
            if self.proto >= 4 {
                self.save(vm, cls, false)?;
                self.save(vm, a, false)?;
                self.save(vm, kw, false)?;
                self.write(&[0x92]);
            } else {
                let functools = m::import(vm, "functools")?;
                let partial = ops::get_attr(vm, &functools, &crate::vm::name_obj(vm, "partial"))?;
                let new = ops::get_attr(vm, cls, &crate::vm::name_obj(vm, "__new__"))?;
                let mut pos = vec![new, cls.clone()];
                if let Some(Payload::Tuple(t)) = a.payload() {
                    pos.extend(t.iter().cloned());
                }
                let kwargs = ops::dict_items(kw)
                    .into_iter()
                    .filter_map(|(k, v)| k.as_str().map(|k| (k.to_string(), v)))
                    .collect();
                let p = vm.call_args(&partial, Args { pos, kw: kwargs })?;
                self.save(vm, &p, false)?;
                self.save(vm, &ops::new_tuple(Vec::new()), false)?;
                self.write(b"R");
            }
        } else if func_name == "__newobj__" {
            let Some(cls) = args_items.first() else {
                return Err(m::error(vm, "PicklingError", "__newobj__ arglist is empty"));
            };
            if !matches!(cls.payload(), Some(Payload::Type(_))) {
                return Err(m::error(
                    vm,
                    "PicklingError",
                    "args[0] from __newobj__ args is not a type",
                ));
            }
            if let Some(obj) = obj {
                let class = Value::Obj(crate::builtins::type_of(vm, obj));
                if !class.is(cls) {
                    return Err(m::error(
                        vm,
                        "PicklingError",
                        "args[0] from __newobj__ args has the wrong class",
                    ));
                }
            }
            self.save(vm, cls, false)?;
            self.save(vm, &ops::new_tuple(args_items[1..].to_vec()), false)?;
            self.write(&[0x81]);
        } else {
            self.save(vm, &func, false)?;
            self.save(vm, &args, false)?;
            self.write(b"R");
        }
        if let Some(obj) = obj {
            if let Some(idx) = self.memo_index(obj) {
                self.write(b"0");
                self.memo_get(idx);
            } else {
                self.memoize(obj);
            }
        }
        if let Some(it) = listitems {
            self.batch_appends(vm, &it)?;
        }
        if let Some(it) = dictitems {
            self.batch_setitems(vm, &it)?;
        }
        if let Some(state) = state {
            match state_setter {
                None => {
                    self.save(vm, &state, false)?;
                    self.write(b"b");
                }
                Some(setter) => {
                    self.save(vm, &setter, false)?;
                    self.save(vm, obj.unwrap_or(&Value::None), false)?;
                    self.save(vm, &state, false)?;
                    self.write(&[0x86, b'R', b'0']);
                }
            }
        }
        Ok(())
    }

    /// Items from an iterator, appended in batches (protocol 1 and up).
    fn batch_appends(&mut self, vm: &mut Vm<S>, it: &Value<S>) -> PyResult<S, ()> {
        if !self.bin {
            while let Some(x) = ops::iter_next(vm, it)? {
                self.save(vm, &x, false)?;
                self.write(b"a");
            }
            return Ok(());
        }
        loop {
            let Some(first) = ops::iter_next(vm, it)? else {
                return Ok(());
            };
            let Some(second) = ops::iter_next(vm, it)? else {
                self.save(vm, &first, false)?;
                self.write(b"a");
                return Ok(());
            };
            self.write(b"(");
            self.save(vm, &first, false)?;
            let mut n = 1;
            let mut next = Some(second);
            while let Some(x) = next {
                self.save(vm, &x, false)?;
                n += 1;
                if n == BATCH {
                    break;
                }
                next = ops::iter_next(vm, it)?;
            }
            self.write(b"e");
            if n != BATCH {
                return Ok(());
            }
        }
    }

    fn batch_setitems(&mut self, vm: &mut Vm<S>, it: &Value<S>) -> PyResult<S, ()> {
        let pair = |vm: &mut Vm<S>, v: Value<S>| -> PyResult<S, (Value<S>, Value<S>)> {
            match v.payload() {
                Some(Payload::Tuple(t)) if t.len() == 2 => Ok((t[0].clone(), t[1].clone())),
                _ => Err(vm.type_error("dict items iterator must return 2-tuples")),
            }
        };
        if !self.bin {
            while let Some(x) = ops::iter_next(vm, it)? {
                let (k, v) = pair(vm, x)?;
                self.save(vm, &k, false)?;
                self.save(vm, &v, false)?;
                self.write(b"s");
            }
            return Ok(());
        }
        loop {
            let Some(first) = ops::iter_next(vm, it)? else {
                return Ok(());
            };
            let first = pair(vm, first)?;
            let Some(second) = ops::iter_next(vm, it)? else {
                self.save(vm, &first.0, false)?;
                self.save(vm, &first.1, false)?;
                self.write(b"s");
                return Ok(());
            };
            self.write(b"(");
            self.save(vm, &first.0, false)?;
            self.save(vm, &first.1, false)?;
            let mut n = 1;
            let mut next = Some(second);
            while let Some(x) = next {
                let (k, v) = pair(vm, x)?;
                self.save(vm, &k, false)?;
                self.save(vm, &v, false)?;
                n += 1;
                if n == BATCH {
                    break;
                }
                next = ops::iter_next(vm, it)?;
            }
            self.write(b"u");
            if n != BATCH {
                return Ok(());
            }
        }
    }
}

fn is_not_implemented<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>) -> bool {
    v.is(&vm.interp.singletons().not_implemented)
}

fn is_subclass_instance<S: LockStrategy>(v: &Value<S>) -> bool {
    matches!(v.stored(), Some(Payload::Instance(_)))
}

/// Whether a builtin function is a module-level one (found by name), not
/// a method bound to an object.
fn builtin_global<S: LockStrategy>(o: &ObjRef<S>) -> bool {
    matches!(o.payload(), Payload::Builtin(b) if !b.method)
}

impl<S: LockStrategy> NativeObject<S> for Pickler<S> {
    fn kind(&self) -> NativeKind {
        NativeKind::Pickler
    }

    fn repr(&self, _vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, String> {
        Ok(format!("<_pickle.Pickler object at {:#x}>", this.addr()))
    }

    fn get_attr(&self, this: &ObjRef<S>, name: &str) -> Option<Value<S>> {
        self.with(this, |s| match name {
            "bin" => Some(Value::Int(i64::from(s.protocol >= 1))),
            "fast" => Some(Value::Int(i64::from(s.fast))),
            "persistent_id" => s.persistent_id.clone(),
            "dispatch_table" => s.dispatch_table.clone(),
            "reducer_override" => s.reducer_override.clone(),
            "memo" => Some(memo_dict(&s.memo)),
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
            "fast" => {
                let fast = match &value {
                    Some(v) => ops::truthy(vm, v)?,
                    None => return Err(vm.new_error("AttributeError", "cannot delete attribute")),
                };
                self.with(this, |s| s.fast = fast);
            }
            "persistent_id" | "dispatch_table" | "reducer_override" => {
                let old = self.with(this, |s| {
                    let slot = match name {
                        "persistent_id" => &mut s.persistent_id,
                        "dispatch_table" => &mut s.dispatch_table,
                        _ => &mut s.reducer_override,
                    };
                    std::mem::replace(slot, value)
                });
                drop(old);
            }
            "memo" => {
                let Some(v) = value else {
                    return Err(vm.type_error("attribute deletion is not supported"));
                };
                let mut memo = HashMap::new();
                if let Some(Payload::Dict(_)) = v.payload() {
                    for (_, pair) in ops::dict_items(&v) {
                        if let Some(Payload::Tuple(t)) = pair.payload() {
                            if let (2, Value::Int(i)) = (t.len(), &t[0]) {
                                if let Some(o) = t[1].obj() {
                                    memo.insert(o.addr(), (*i as u32, t[1].clone()));
                                    continue;
                                }
                            }
                        }
                        return Err(vm.type_error("memo values must be 2-item tuples"));
                    }
                } else {
                    return Err(vm.type_error(format!(
                        "'memo' attribute must be a PicklerMemoProxy object or dict, not {}",
                        ops::type_name(&v)
                    )));
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
            for (_, v) in s.memo.values() {
                visit(v);
            }
            for v in [
                &s.write,
                &s.buffer_callback,
                &s.persistent_id,
                &s.dispatch_table,
                &s.reducer_override,
            ]
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

/// The memo as a dict `{id(obj): (index, obj)}` (CPython's
/// `PicklerMemoProxy.copy()`).
fn memo_dict<S: LockStrategy>(memo: &Memo<S>) -> Value<S> {
    let mut entries: Vec<_> = memo.iter().collect();
    entries.sort_by_key(|(_, (i, _))| *i);
    m::int_keyed_dict(
        entries
            .into_iter()
            .map(|(addr, (i, v))| {
                (
                    *addr as i64,
                    ops::new_tuple(vec![Value::Int(i64::from(*i)), v.clone()]),
                )
            })
            .collect(),
    )
}

pub fn spec<S: LockStrategy>() -> TypeSpec<S> {
    TypeSpec {
        name: "Pickler",
        builtin: false,
        new: pickler_new,
        methods: || {
            let methods: Vec<(&'static str, NativeFn<S>)> = vec![
                ("dump", dump),
                ("clear_memo", clear_memo),
                ("__init__", pickler_init),
            ];
            methods
        },
        dunders: &[],
        base: Base::FilledByInit {
            empty: || {
                Box::new(Pickler::<S> {
                    state: ObjCell::new(State::empty()),
                })
            },
            init: pickler_init,
        },
    }
}
