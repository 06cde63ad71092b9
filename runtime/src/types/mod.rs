//! Types written in Rust, one module each, as CPython's `Objects/` has one
//! file per type: the object's Rust representation, its constructor, its
//! methods and its slots side by side, the slot table last.
//!
//! A type here is *open*: the operator layer (`ops`, `repr`, `dict`'s
//! hashing, the collector) knows nothing of it beyond [`NativeObject`], the
//! slot table every such object carries. Adding a type is its module plus
//! its registration in this file: a [`NativeKind`] variant, its entry in
//! [`NativeKind::ALL`] and the line in [`NativeKind::spec`] that names the
//! module's [`TypeSpec`].
//!
//! Locking: an object whose state can change keeps it in an
//! [`crate::object::ObjCell`] and reads it through the object's header
//! (`cell.with::<S, _>(&this.header, ..)`), which takes the object's lock
//! under `finegrained` and nothing under the GIL modes. Immutable state
//! (`complex`) is read directly.

pub mod anext_awaitable;
pub mod array;
pub mod async_gen;
pub mod builtin_iters;
pub mod bytearray;
pub mod bytes;
pub mod code;
pub mod complex;
pub mod coroutine_wrapper;
pub mod deque;
pub mod descriptor;
pub mod digest;
pub mod embedded;
pub mod float;
pub mod frame;
pub mod generic_alias;
pub mod int;
pub mod itertools;
pub mod list;
pub mod mappingproxy;
pub mod memoryview;
pub mod pickler;
pub mod random;
pub mod sre_match;
pub mod sre_pattern;
pub mod sre_scanner;
pub mod struct_type;
pub mod traceback;
pub mod union;
pub mod unpickler;

use crate::code::BinOp;
use crate::dict::NoHash;
use crate::object::NativeFn;
use crate::object::{Header, ObjRef, Payload, Value};
use crate::strategy::LockStrategy;
use crate::vm::{PyResult, Vm};
use std::any::Any;
use std::cmp::Ordering;

/// The types written in Rust that the runtime registers (one per module
/// of this folder).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NativeKind {
    Complex,
    GenericAlias,
    ByteArray,
    Embedded,
    Code,
    MappingProxy,
    Traceback,
    Frame,
    GetSetDescriptor,
    MemberDescriptor,
    Union,
    MemoryView,
    Deque,
    DequeIter,
    DequeReverseIter,
    Struct,
    Array,
    SrePattern,
    SreMatch,
    SreScanner,
    /// The iterator types of the `itertools` module.
    Itertools(itertools::Kind),
    Random,
    AsyncGenASend,
    AsyncGenAThrow,
    CoroutineWrapper,
    AnextAwaitable,
    Pickler,
    Unpickler,
    Map,
    Zip,
    Filter,
    Enumerate,
    Reversed,
    Md5,
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
    Sha3_224,
    Sha3_256,
    Sha3_384,
    Sha3_512,
    Shake128,
    Shake256,
    Blake2b,
    Blake2s,
}

/// How many types [`NativeKind::ALL`] lists before the digest and
/// `itertools` ones.
const SINGLE_KINDS: usize = 32;

/// The length of [`NativeKind::ALL`]: the single types, the hash types of
/// the digest modules ([`digest::KINDS`]), the `itertools` iterators.
const ALL_KINDS: usize = SINGLE_KINDS + digest::KINDS.len() + itertools::Kind::ALL.len();

impl NativeKind {
    /// Every registered type, in registration order.
    pub const ALL: [NativeKind; ALL_KINDS] = {
        let single = [
            NativeKind::Complex,
            NativeKind::GenericAlias,
            NativeKind::ByteArray,
            NativeKind::Embedded,
            NativeKind::Code,
            NativeKind::MappingProxy,
            NativeKind::Traceback,
            NativeKind::Frame,
            NativeKind::GetSetDescriptor,
            NativeKind::MemberDescriptor,
            NativeKind::Union,
            NativeKind::MemoryView,
            NativeKind::Deque,
            NativeKind::DequeIter,
            NativeKind::DequeReverseIter,
            NativeKind::Struct,
            NativeKind::Array,
            NativeKind::SrePattern,
            NativeKind::SreMatch,
            NativeKind::SreScanner,
            NativeKind::Random,
            NativeKind::AsyncGenASend,
            NativeKind::AsyncGenAThrow,
            NativeKind::CoroutineWrapper,
            NativeKind::AnextAwaitable,
            NativeKind::Pickler,
            NativeKind::Unpickler,
            NativeKind::Map,
            NativeKind::Zip,
            NativeKind::Filter,
            NativeKind::Enumerate,
            NativeKind::Reversed,
        ];
        let digests = SINGLE_KINDS + digest::KINDS.len();
        let mut all = [NativeKind::Complex; ALL_KINDS];
        let mut i = 0;
        while i < all.len() {
            all[i] = if i < SINGLE_KINDS {
                single[i]
            } else if i < digests {
                digest::KINDS[i - SINGLE_KINDS]
            } else {
                NativeKind::Itertools(itertools::Kind::ALL[i - digests])
            };
            i += 1;
        }
        all
    };

    /// The type's name, constructor and methods.
    pub fn spec<S: LockStrategy>(self) -> TypeSpec<S> {
        match self {
            NativeKind::Complex => complex::spec(),
            NativeKind::GenericAlias => generic_alias::spec(),
            NativeKind::ByteArray => bytearray::spec(),
            NativeKind::Embedded => embedded::spec(),
            NativeKind::Code => code::spec(),
            NativeKind::MappingProxy => mappingproxy::spec(),
            NativeKind::Traceback => traceback::spec(),
            NativeKind::Frame => frame::spec(),
            NativeKind::GetSetDescriptor => descriptor::getset_spec(),
            NativeKind::MemberDescriptor => descriptor::member_spec(),
            NativeKind::Union => union::spec(),
            NativeKind::MemoryView => memoryview::spec(),
            NativeKind::Deque => deque::spec(),
            NativeKind::DequeIter => deque::iter_spec(),
            NativeKind::DequeReverseIter => deque::reverse_iter_spec(),
            NativeKind::Struct => struct_type::spec(),
            NativeKind::Array => array::spec(),
            NativeKind::SrePattern => sre_pattern::spec(),
            NativeKind::SreMatch => sre_match::spec(),
            NativeKind::SreScanner => sre_scanner::spec(),
            NativeKind::Itertools(kind) => kind.spec(),
            NativeKind::Random => random::spec(),
            NativeKind::AsyncGenASend => async_gen::asend_spec(),
            NativeKind::AsyncGenAThrow => async_gen::athrow_spec(),
            NativeKind::CoroutineWrapper => coroutine_wrapper::spec(),
            NativeKind::AnextAwaitable => anext_awaitable::spec(),
            NativeKind::Pickler => pickler::spec(),
            NativeKind::Unpickler => unpickler::spec(),
            NativeKind::Map
            | NativeKind::Zip
            | NativeKind::Filter
            | NativeKind::Enumerate
            | NativeKind::Reversed => builtin_iters::spec(self),
            NativeKind::Md5 => digest::spec::<S, 0>(),
            NativeKind::Sha1 => digest::spec::<S, 1>(),
            NativeKind::Sha224 => digest::spec::<S, 2>(),
            NativeKind::Sha256 => digest::spec::<S, 3>(),
            NativeKind::Sha384 => digest::spec::<S, 4>(),
            NativeKind::Sha512 => digest::spec::<S, 5>(),
            NativeKind::Sha3_224 => digest::spec::<S, 6>(),
            NativeKind::Sha3_256 => digest::spec::<S, 7>(),
            NativeKind::Sha3_384 => digest::spec::<S, 8>(),
            NativeKind::Sha3_512 => digest::spec::<S, 9>(),
            NativeKind::Shake128 => digest::spec::<S, 10>(),
            NativeKind::Shake256 => digest::spec::<S, 11>(),
            NativeKind::Blake2b => digest::spec::<S, 12>(),
            NativeKind::Blake2s => digest::spec::<S, 13>(),
        }
    }
}

/// What the runtime needs to make a type object for a native type.
pub struct TypeSpec<S: LockStrategy> {
    /// `__name__`; a builtin name as well when `builtin` is set.
    pub name: &'static str,
    /// Bound in the builtins module under `name` (as `complex` is).
    pub builtin: bool,
    /// Calling the type: `T(*args, **kwargs)`.
    pub new: NativeFn<S>,
    /// The methods, each called with the receiver first.
    pub methods: fn() -> Vec<(&'static str, NativeFn<S>)>,
    /// The protocol dunders the type's slots answer (`"__len__"`,
    /// `"__getitem__"`...), bound on the type object so that
    /// `bytearray.__len__(x)` and `super().__getitem__(i)` reach the slots.
    pub dunders: &'static [&'static str],
    /// How user classes may derive from the type.
    pub base: Base<S>,
}

/// How user classes may derive from a native type (CPython's
/// `Py_TPFLAGS_BASETYPE`, and whether `tp_new` or `tp_init` fills the
/// object).
pub enum Base<S: LockStrategy> {
    /// Not a base type, for now (CPython's is one).
    No,
    /// Not a base type, in CPython either ("is not an acceptable base
    /// type").
    Refused,
    /// Immutable: the constructor builds the value from the arguments and
    /// the subclass instance takes a copy ([`NativeObject::clone_state`]).
    BuiltByNew,
    /// Mutable: an instance starts as `empty()` and `init` (the type's
    /// `__init__`, receiver first) fills it, unless the subclass overrides
    /// `__init__`.
    FilledByInit {
        empty: fn() -> Box<dyn NativeObject<S>>,
        init: NativeFn<S>,
    },
}

/// A unary operator a native type may define.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unary {
    Neg,
    Pos,
    Invert,
    Abs,
}

/// The slots of an object of a native type (CPython's `PyTypeObject`
/// function pointers). Each has a default meaning "the type does not do
/// this", so that a type writes only what it supports.
///
/// `this` is the object itself, for its address, its header (the lock of
/// an [`crate::object::ObjCell`]) and for returning it.
pub trait NativeObject<S: LockStrategy>: Any + Send + Sync {
    /// Which registered type this is.
    fn kind(&self) -> NativeKind;

    /// `repr(obj)`.
    fn repr(&self, vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, String>;

    /// `str(obj)` when it is not `repr(obj)` (CPython's `tp_str`).
    fn str(&self, _vm: &mut Vm<S>, _this: &ObjRef<S>) -> Option<PyResult<S, String>> {
        None
    }

    /// `hash(obj)` as CPython computes it; `None` for an unhashable type.
    fn hash(&self, _this: &ObjRef<S>) -> Option<i64> {
        None
    }

    /// The hash as a dict or set key. Must agree with [`Self::eq`]: an
    /// object equal to an int or float has that number's key hash.
    fn key_hash(&self, this: &ObjRef<S>) -> Result<u64, NoHash> {
        match self.hash(this) {
            Some(h) => Ok(crate::dict::mix(h as u64)),
            None => Err(NoHash::Unhashable(self.kind().name())),
        }
    }

    /// `this == other`, decided without running Python code (so that dict
    /// lookups may call it under a lock); `None` is NotImplemented.
    fn eq(&self, _this: &ObjRef<S>, _other: &Value<S>) -> Option<bool> {
        None
    }

    /// `this == other` as `==` decides it, where that may run Python code
    /// (a container comparing its items): never called under a lock.
    /// `None` is NotImplemented; by default [`Self::eq`].
    fn eq_code(
        &self,
        _vm: &mut Vm<S>,
        this: &ObjRef<S>,
        other: &Value<S>,
    ) -> PyResult<S, Option<bool>> {
        Ok(self.eq(this, other))
    }

    /// The ordering of `this` against `other` for `<`, `<=`, `>`, `>=`;
    /// `None` when the types do not order (a TypeError).
    fn order(
        &self,
        _vm: &mut Vm<S>,
        _this: &ObjRef<S>,
        _other: &Value<S>,
    ) -> PyResult<S, Option<Ordering>> {
        Ok(None)
    }

    /// `a op b` where this object is `a` or `b` (CPython's number slots get
    /// both operands in order); `None` is NotImplemented.
    fn binary(
        &self,
        _vm: &mut Vm<S>,
        _op: BinOp,
        _a: &Value<S>,
        _b: &Value<S>,
    ) -> PyResult<S, Option<Value<S>>> {
        Ok(None)
    }

    /// `-obj`, `+obj`, `~obj`, `abs(obj)`; `None` where undefined.
    fn unary(
        &self,
        _vm: &mut Vm<S>,
        _op: Unary,
        _this: &ObjRef<S>,
    ) -> PyResult<S, Option<Value<S>>> {
        Ok(None)
    }

    /// `format(obj, spec)` for a non-empty spec; `None` leaves it to the
    /// generic path (the object's `str()` formatted as text).
    fn format(
        &self,
        _vm: &mut Vm<S>,
        _this: &ObjRef<S>,
        _spec: &crate::fmt::Spec,
    ) -> PyResult<S, Option<String>> {
        Ok(None)
    }

    /// `obj(*args, **kwargs)`; CPython's TypeError by default.
    fn call(&self, vm: &mut Vm<S>, this: &ObjRef<S>, _args: crate::vm::Args<S>) -> PyResult<S> {
        let _ = this;
        Err(vm.type_error(format!("'{}' object is not callable", self.kind().name())))
    }

    /// `bool(obj)`: false for an empty container, else true.
    fn truthy(&self, this: &ObjRef<S>) -> bool {
        self.len(this) != Some(0)
    }

    /// `len(obj)`; `None` for a type without a length.
    fn len(&self, _this: &ObjRef<S>) -> Option<usize> {
        None
    }

    /// `obj[index]` (an int, or a slice object); `None` for a type that
    /// is not subscriptable. The index has been through `__index__`.
    fn get_item(
        &self,
        _vm: &mut Vm<S>,
        _this: &ObjRef<S>,
        _index: &Value<S>,
    ) -> PyResult<S, Option<Value<S>>> {
        Ok(None)
    }

    /// `obj[index] = value`, or `del obj[index]` when `value` is `None`
    /// (CPython's `mp_ass_subscript`); `false` for a type that does not
    /// support it.
    fn set_item(
        &self,
        _vm: &mut Vm<S>,
        _this: &ObjRef<S>,
        _index: &Value<S>,
        _value: Option<Value<S>>,
    ) -> PyResult<S, bool> {
        Ok(false)
    }

    /// The item at position `i`, `None` past the end: a type that answers
    /// for position 0 iterates as a sequence (each step reads the object
    /// as it is then, as CPython's sequence iterators do).
    fn item_at(&self, _this: &ObjRef<S>, _i: usize) -> Option<Option<Value<S>>> {
        None
    }

    /// `iter(obj)` for a type that iterates otherwise than by position (a
    /// view delegating to what it wraps); `None`: not this way.
    fn iter(&self, _vm: &mut Vm<S>, _this: &ObjRef<S>) -> Option<PyResult<S>> {
        None
    }

    /// Whether the object is an iterator: `iter(obj)` is the object itself
    /// and [`Self::next`] gives its items.
    fn is_iterator(&self) -> bool {
        false
    }

    /// `next(obj)` of an iterator: `Ok(None)` once exhausted. Called only
    /// when [`Self::is_iterator`] answers true.
    fn next(&self, vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, Option<Value<S>>> {
        let _ = this;
        Err(vm.type_error(format!(
            "'{}' object is not an iterator",
            self.kind().name()
        )))
    }

    /// `item in obj`; `None` leaves it to iteration and `==`.
    fn contains(
        &self,
        _vm: &mut Vm<S>,
        _this: &ObjRef<S>,
        _item: &Value<S>,
    ) -> PyResult<S, Option<bool>> {
        Ok(None)
    }

    /// `obj op= other` in place (`+=`, `*=` of a mutable sequence);
    /// `None` leaves it to [`Self::binary`].
    fn inplace(
        &self,
        _vm: &mut Vm<S>,
        _op: BinOp,
        _this: &ObjRef<S>,
        _other: &Value<S>,
    ) -> PyResult<S, Option<Value<S>>> {
        Ok(None)
    }

    /// A data attribute (`c.real`); methods come from the [`TypeSpec`].
    fn get_attr(&self, _this: &ObjRef<S>, _name: &str) -> Option<Value<S>> {
        None
    }

    /// `obj.name = value` (`None`: `del obj.name`) for a writable data
    /// attribute (CPython's getset descriptors with a setter); `false` when
    /// the type has no such attribute.
    fn set_attr(
        &self,
        _vm: &mut Vm<S>,
        _this: &ObjRef<S>,
        _name: &str,
        _value: Option<Value<S>>,
    ) -> PyResult<S, bool> {
        Ok(false)
    }

    /// A copy of the object's state, for an instance of a user subclass of
    /// an immutable native type (`class Z(complex)`: the value the
    /// constructor made becomes the instance's base). Types whose
    /// [`TypeSpec::base`] is [`Base::BuiltByNew`] return `Some`.
    fn clone_state(&self) -> Option<Box<dyn NativeObject<S>>> {
        None
    }

    /// Whether the object can hold references (the collector tracks it).
    /// A container defines the two slots after this one.
    fn is_container(&self) -> bool {
        false
    }

    /// Calls `visit` with every value the object holds (the collector's
    /// traversal; `header` is the object's, for its cells' lock).
    fn traverse(&self, _header: &Header, _visit: &mut dyn FnMut(&Value<S>)) {}

    /// Drops every value the object holds (the collector breaking a cycle
    /// of garbage).
    fn clear(&self, _header: &Header) {}

    /// The object as `Any`, for [`downcast`].
    fn as_any(&self) -> &dyn Any;
}

impl NativeKind {
    /// The type's name as CPython's messages give it (its `tp_name`:
    /// `collections.deque`, `itertools.count`); `__name__` is [`TypeSpec::name`].
    pub fn name(self) -> &'static str {
        match self {
            NativeKind::Complex => "complex",
            NativeKind::GenericAlias => "types.GenericAlias",
            NativeKind::ByteArray => "bytearray",
            NativeKind::Embedded => "embedded",
            NativeKind::Code => "code",
            NativeKind::MappingProxy => "mappingproxy",
            NativeKind::Traceback => "traceback",
            NativeKind::Frame => "frame",
            NativeKind::GetSetDescriptor => "getset_descriptor",
            NativeKind::MemberDescriptor => "member_descriptor",
            NativeKind::Union => "types.UnionType",
            NativeKind::MemoryView => "memoryview",
            NativeKind::Deque => "collections.deque",
            NativeKind::DequeIter => "_collections._deque_iterator",
            NativeKind::DequeReverseIter => "_collections._deque_reverse_iterator",
            NativeKind::Struct => "_struct.Struct",
            NativeKind::Array => "array.array",
            NativeKind::SrePattern => "re.Pattern",
            NativeKind::SreMatch => "re.Match",
            NativeKind::SreScanner => "_sre.SRE_Scanner",
            NativeKind::Itertools(kind) => kind.tp_name(),
            NativeKind::Random => "_random.Random",
            NativeKind::AsyncGenASend => "async_generator_asend",
            NativeKind::AsyncGenAThrow => "async_generator_athrow",
            NativeKind::CoroutineWrapper => "coroutine_wrapper",
            NativeKind::AnextAwaitable => "anext_awaitable",
            NativeKind::Pickler => "_pickle.Pickler",
            NativeKind::Unpickler => "_pickle.Unpickler",
            NativeKind::Map => "map",
            NativeKind::Zip => "zip",
            NativeKind::Filter => "filter",
            NativeKind::Enumerate => "enumerate",
            NativeKind::Reversed => "reversed",
            NativeKind::Md5 => "_md5.md5",
            NativeKind::Sha1 => "_sha1.sha1",
            NativeKind::Sha224 => "_sha256.sha224",
            NativeKind::Sha256 => "_sha256.sha256",
            NativeKind::Sha384 => "_sha512.sha384",
            NativeKind::Sha512 => "_sha512.sha512",
            NativeKind::Sha3_224 => "_sha3.sha3_224",
            NativeKind::Sha3_256 => "_sha3.sha3_256",
            NativeKind::Sha3_384 => "_sha3.sha3_384",
            NativeKind::Sha3_512 => "_sha3.sha3_512",
            NativeKind::Shake128 => "_sha3.shake_128",
            NativeKind::Shake256 => "_sha3.shake_256",
            NativeKind::Blake2b => "_blake2.blake2b",
            NativeKind::Blake2s => "_blake2.blake2s",
        }
    }

    /// `__name__` of the type: its `tp_name` after the module.
    pub fn short_name(self) -> &'static str {
        let name = self.name();
        name.rsplit_once('.').map_or(name, |(_, short)| short)
    }

    /// The module that defines the type (its `__module__`): the part of
    /// its `tp_name` before the name, `builtins` when there is none.
    pub fn module(self) -> &'static str {
        self.name()
            .rsplit_once('.')
            .map_or("builtins", |(module, _)| module)
    }
}

/// A new object of a native type.
pub fn new_object<S: LockStrategy>(obj: impl NativeObject<S>) -> Value<S> {
    Value::Obj(ObjRef::new(Payload::Native(Box::new(obj))))
}

/// The native object `v` is, when it is one of type `T`.
pub fn downcast<S: LockStrategy, T: NativeObject<S>>(v: &Value<S>) -> Option<&T> {
    match v.payload()? {
        Payload::Native(n) => n.as_any().downcast_ref::<T>(),
        _ => None,
    }
}

/// The slot table of `v`, when it is an object of a native type.
#[inline]
pub fn slots<S: LockStrategy>(v: &Value<S>) -> Option<(&ObjRef<S>, &dyn NativeObject<S>)> {
    match v {
        Value::Obj(o) => match o.payload() {
            Payload::Native(n) => Some((o, &**n)),
            _ => None,
        },
        _ => None,
    }
}

/// `a op b` through the native slots of either operand: `a`'s first, then
/// `b`'s when it is of another type (CPython's `binary_op1`).
pub fn binary<S: LockStrategy>(
    vm: &mut Vm<S>,
    op: BinOp,
    a: &Value<S>,
    b: &Value<S>,
) -> PyResult<S, Option<Value<S>>> {
    let left = slots(a).map(|(_, n)| n.kind());
    if let Some((_, n)) = slots(a) {
        if let Some(r) = n.binary(vm, op, a, b)? {
            return Ok(Some(r));
        }
    }
    if let Some((_, n)) = slots(b) {
        if left != Some(n.kind()) {
            return n.binary(vm, op, a, b);
        }
    }
    Ok(None)
}

/// `a == b` through the native slots of either operand; `None` when
/// neither is native or both say NotImplemented.
pub fn eq<S: LockStrategy>(a: &Value<S>, b: &Value<S>) -> Option<bool> {
    if let Some((o, n)) = slots(a) {
        if let Some(r) = n.eq(o, b) {
            return Some(r);
        }
    }
    let (o, n) = slots(b)?;
    n.eq(o, a)
}

/// `a == b` through the native slots of either operand, running Python
/// code where a slot needs to ([`NativeObject::eq_code`]).
pub fn eq_code<S: LockStrategy>(
    vm: &mut Vm<S>,
    a: &Value<S>,
    b: &Value<S>,
) -> PyResult<S, Option<bool>> {
    if let Some((o, n)) = slots(a) {
        if let Some(r) = n.eq_code(vm, o, b)? {
            return Ok(Some(r));
        }
    }
    match slots(b) {
        Some((o, n)) => n.eq_code(vm, o, a),
        None => Ok(None),
    }
}

/// The ordering of `a` against `b` through the native slots of either.
pub fn order<S: LockStrategy>(
    vm: &mut Vm<S>,
    a: &Value<S>,
    b: &Value<S>,
) -> PyResult<S, Option<Ordering>> {
    if let Some((o, n)) = slots(a) {
        if let Some(r) = n.order(vm, o, b)? {
            return Ok(Some(r));
        }
    }
    match slots(b) {
        Some((o, n)) => Ok(n.order(vm, o, a)?.map(Ordering::reverse)),
        None => Ok(None),
    }
}

/// The receiver of a method of native type `T` (the first argument), or
/// CPython's TypeError for a call through the class with another object.
pub fn receiver<'a, S: LockStrategy, T: NativeObject<S>>(
    vm: &Vm<S>,
    method: &str,
    kind: NativeKind,
    args: &'a [Value<S>],
) -> PyResult<S, &'a T> {
    match args.first() {
        Some(v) => downcast::<S, T>(v).ok_or_else(|| {
            vm.type_error(format!(
                "descriptor '{method}' for '{}' objects doesn't apply to a '{}' object",
                kind.name(),
                crate::ops::type_name(v)
            ))
        }),
        None => Err(vm.type_error(format!(
            "unbound method {}.{method}() needs an argument",
            kind.short_name()
        ))),
    }
}

/// The receiver of a method of native type `T` with the object that holds
/// it (whose header guards the state), or CPython's TypeError as
/// [`receiver`] gives.
pub fn receiver_and_object<'a, S: LockStrategy, T: NativeObject<S>>(
    vm: &Vm<S>,
    method: &str,
    kind: NativeKind,
    args: &'a crate::vm::Args<S>,
) -> PyResult<S, (&'a ObjRef<S>, &'a T)> {
    let this = receiver::<S, T>(vm, method, kind, &args.pos)?;
    let o = args.pos[0].obj().expect("a native instance is an object");
    Ok((o, this))
}

/// The receiver of a method of native type `T` that takes no arguments,
/// with CPython's TypeError when it is given some.
pub fn receiver_only<'a, S: LockStrategy, T: NativeObject<S>>(
    vm: &Vm<S>,
    method: &str,
    kind: NativeKind,
    args: &'a crate::vm::Args<S>,
) -> PyResult<S, &'a T> {
    let this = receiver(vm, method, kind, &args.pos)?;
    if !args.kw.is_empty() {
        return Err(vm.type_error(format!(
            "{}.{method}() takes no keyword arguments",
            kind.short_name()
        )));
    }
    let given = args.pos.len() - 1;
    if given > 0 {
        return Err(vm.type_error(format!(
            "{}.{method}() takes no arguments ({given} given)",
            kind.short_name()
        )));
    }
    Ok(this)
}
