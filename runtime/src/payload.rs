//! The kinds of heap object. Immutable objects (str, tuple, int, function...)
//! are read without locks; mutable ones keep their state in an [`ObjCell`].

use crate::code::Code;
use crate::object::{ObjCell, ObjRef, Value};
use crate::strategy::LockStrategy;
use crate::sync::{AtomicU64, Ordering};
use crate::vm::{Args, PyResult, Vm};
use num_bigint::BigInt;
use std::sync::Arc;

/// What a heap object is.
pub enum Payload<S: LockStrategy> {
    Str(PyStr),
    /// An int outside the 64-bit range (smaller ones are unboxed); as the
    /// base state of an instance of an `int` subclass, any int.
    BigInt(BigInt),
    /// The base state of an instance of a `float` subclass (floats
    /// themselves are unboxed: [`Value::Float`]).
    Float(f64),
    Bytes(Box<[u8]>),
    List(ObjCell<Vec<Value<S>>>),
    Tuple(Box<[Value<S>]>),
    Dict(PyDict<S>),
    /// `set` (mutable) or `frozenset` (`frozen`): its elements in a map,
    /// laid out in CPython's slot order for iteration.
    Set {
        items: Box<ObjCell<crate::sets::SetItems<S>>>,
        frozen: bool,
    },
    Range(RangeObj),
    /// A range whose bounds or length do not fit in an i64.
    BigRange(Box<crate::range::BigRange>),
    Slice(Box<[Value<S>; 3]>),
    Iter(ObjCell<IterState<S>>),
    DictView(DictViewKind, ObjRef<S>),
    Function(Box<Function<S>>),
    Builtin(Builtin<S>),
    /// A method bound to its receiver: (self, function).
    BoundMethod(Value<S>, Value<S>),
    Module(Module<S>),
    Type(Box<TypeObj<S>>),
    Exception(Box<ExceptionObj<S>>),
    Thread(Box<crate::modules::threading::ThreadObj<S>>),
    Lock(crate::modules::threading::LockObj),
    Queue(Box<crate::modules::queue::QueueObj<S>>),
    Socket(Box<crate::modules::socket::SocketObj>),
    /// An instance of a user-defined class.
    Instance(InstanceObj<S>),
    Generator(Box<GeneratorObj<S>>),
    /// `property(fget, fset, fdel)`.
    Property(Box<PropertyObj<S>>),
    StaticMethod(Value<S>),
    ClassMethod(Value<S>),
    /// `super()`: (the class to start after, the instance or class bound).
    Super(ObjRef<S>, Value<S>),
    /// `weakref.ref`.
    WeakRef(crate::weakref::WeakRefObj<S>),
    /// A cell: a variable shared between a function and the functions
    /// nested in it (`None` while unbound).
    Cell(ObjCell<Option<Value<S>>>),
    /// An object of a type written in Rust under `types/`: its state and
    /// slot table in one (see [`crate::types`]).
    Native(Box<dyn crate::types::NativeObject<S>>),
    /// An immortal object whose payload was taken at runtime teardown.
    Freed,
}

/// A `str`: UTF-8 text, whether it is all ASCII (then char indexing is
/// byte indexing), and its hash once computed (CPython's `ob_shash`).
pub struct PyStr {
    s: Box<str>,
    ascii: bool,
    /// 0 until the first [`PyStr::hash`]; the hash function never yields 0.
    /// A plain std atomic, not part of any protocol: threads that race to
    /// fill it compute and store the same value, so `Relaxed` suffices.
    hash: std::sync::atomic::AtomicU64,
}

impl PyStr {
    pub fn new(s: impl Into<Box<str>>) -> Self {
        let s = s.into();
        let ascii = s.is_ascii();
        Self {
            s,
            ascii,
            hash: std::sync::atomic::AtomicU64::new(0),
        }
    }
    /// The key hash, computed on first use and then read from the object:
    /// attribute and global names are hashed at every lookup.
    #[inline]
    pub fn hash(&self) -> u64 {
        use std::sync::atomic::Ordering::Relaxed;
        match self.hash.load(Relaxed) {
            0 => {
                let h = crate::dict::hash_str(&self.s);
                self.hash.store(h, Relaxed);
                h
            }
            h => h,
        }
    }
    #[inline]
    pub fn as_str(&self) -> &str {
        &self.s
    }
    #[inline]
    pub fn is_ascii(&self) -> bool {
        self.ascii
    }
    /// Length in code points.
    pub fn char_len(&self) -> usize {
        if self.ascii {
            self.s.len()
        } else {
            self.s.chars().count()
        }
    }
}

/// A `property`: its getter, setter and deleter (`None` where absent) and
/// its docstring.
pub struct PropertyObj<S: LockStrategy> {
    pub fget: Value<S>,
    pub fset: Value<S>,
    pub fdel: Value<S>,
    /// `__doc__`: the `doc` argument, else the getter's docstring;
    /// assignable (`namedtuple`'s field properties get theirs so).
    pub doc: ObjCell<Value<S>>,
    /// Whether `doc` came from the getter (`getter()` then takes the new
    /// getter's, as CPython does).
    pub doc_from_getter: bool,
}

impl<S: LockStrategy> PropertyObj<S> {
    /// The property as a value.
    pub fn into_value(self) -> Value<S> {
        Value::Obj(crate::object::ObjRef::new(Payload::Property(Box::new(
            self,
        ))))
    }
}

/// A `range`.
#[derive(Clone, Copy, Debug)]
pub struct RangeObj {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl RangeObj {
    pub fn len(&self) -> i64 {
        // In i128: a step of -2**63 has no positive i64.
        let (start, stop, step) = (self.start as i128, self.stop as i128, self.step as i128);
        let (lo, hi, step) = if step > 0 {
            (start, stop, step)
        } else {
            (stop, start, -step)
        };
        if lo >= hi {
            0
        } else {
            ((hi - lo - 1) / step + 1) as i64
        }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Whether two ranges yield the same numbers: CPython's `range == range`
    /// compares the sequences, not the arguments (`range(0) == range(2, 2)`).
    pub fn same_sequence(&self, other: &RangeObj) -> bool {
        let len = self.len();
        len == other.len()
            && (len == 0 || (self.start == other.start && (len == 1 || self.step == other.step)))
    }
}

/// A `dict`: an insertion-ordered map behind the object's lock, and a version
/// number that changes with every mutation, readable without the lock (the
/// VM's per-thread cache of global names validates itself against it).
pub struct PyDict<S: LockStrategy> {
    version: AtomicU64,
    pub map: ObjCell<crate::dict::DictMap<S>>,
}

impl<S: LockStrategy> PyDict<S> {
    pub fn new(map: crate::dict::DictMap<S>) -> Self {
        Self {
            version: AtomicU64::new(1),
            map: ObjCell::new(map),
        }
    }
    #[inline(always)]
    pub fn version(&self) -> u64 {
        self.version.load(Ordering::Acquire)
    }
    /// Called with the dict's lock held, after a mutation.
    #[inline]
    pub(crate) fn bump_version(&self) {
        // Writers are serialised by the dict's lock, so load + store suffices.
        let v = self.version.load(Ordering::Relaxed);
        self.version.store(v + 1, Ordering::Release);
    }
}

/// The state of an iterator object.
pub enum IterState<S: LockStrategy> {
    Seq {
        seq: ObjRef<S>,
        index: usize,
        /// What the iterator stands for (its type's name): `seq` is the
        /// sequence itself, or a snapshot tuple of a set or of a reversed
        /// list, range or dict.
        of: SeqIterOf,
    },
    Range {
        next: i64,
        stop: i64,
        step: i64,
    },
    /// Iterating a `BigRange` (CPython's `longrange_iterator`): its
    /// `start` is the next value. Boxed, as three big ints would make every
    /// iterator (and so every object) larger.
    BigRange(Box<crate::range::BigRange>),
    Str {
        s: ObjRef<S>,
        byte_pos: usize,
    },
    Dict {
        dict: ObjRef<S>,
        kind: DictViewKind,
        index: usize,
        len: usize,
    },
    /// `enumerate(it, start)`: `count` is a Python int, which goes on past
    /// 64 bits as CPython's does.
    Enumerate {
        inner: Value<S>,
        count: Value<S>,
    },
    /// `zip(*its, strict=False)`.
    Zip {
        inners: Vec<Value<S>>,
        /// `strict=True`: iterators of unequal lengths raise `ValueError`.
        strict: bool,
    },
    /// `map(f, *its)`.
    Map {
        func: Value<S>,
        inners: Vec<Value<S>>,
    },
    /// `filter(f, it)`.
    Filter {
        func: Value<S>,
        inner: Value<S>,
    },
    /// `iter(func, sentinel)`: calls `func()` until it returns `sentinel`.
    Callable {
        func: Value<S>,
        sentinel: Value<S>,
    },
    /// Iterating a user object through `__getitem__(0)`, `(1)`...
    GetItem {
        obj: Value<S>,
        index: usize,
    },
    Exhausted,
}

/// What an [`IterState::Seq`] iterates, for its type's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeqIterOf {
    /// The sequence `seq` itself (a list, tuple, bytes, bytearray...).
    Itself,
    /// A set, through a snapshot of its elements.
    Set,
    /// `reversed(list)`.
    ReversedList,
    /// `reversed(range(...))`, of small or of big bounds.
    ReversedRange,
    ReversedBigRange,
    /// `reversed(dict)` and of its views.
    ReversedDict(DictViewKind),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DictViewKind {
    Keys,
    Values,
    Items,
}

/// A Python function: code, the globals it runs in, defaults.
pub struct Function<S: LockStrategy> {
    pub code: Arc<Code<S>>,
    pub globals: ObjRef<S>,
    /// `__defaults__` and `__kwdefaults__`: set by the `def`, and
    /// replaceable later (`namedtuple` assigns `__new__.__defaults__`).
    pub defaults: ObjCell<Defaults<S>>,
    /// Cells of the free variables, in `code.freevars` order.
    pub closure: Box<[Value<S>]>,
    /// The function's `__dict__`, made on first use.
    pub dict: ObjCell<Option<ObjRef<S>>>,
    /// `__annotations__`: evaluated when the `def` runs, or an empty dict
    /// made on first use.
    pub annotations: ObjCell<Option<ObjRef<S>>>,
}

/// The default values of a function's parameters.
#[derive(Default)]
pub struct Defaults<S: LockStrategy> {
    /// Of the last positional parameters.
    pub positional: Box<[Value<S>]>,
    /// Of keyword-only parameters, by name.
    pub keyword: Box<[(Arc<str>, Value<S>)]>,
}

/// A function written in Rust.
pub type NativeFn<S> = fn(&mut Vm<S>, Args<S>) -> PyResult<S>;

/// A Rust closure registered as a native function by a library user (see
/// [`crate::embed::NativeModule`]).
pub type NativeClosure<S> = dyn Fn(&mut Vm<S>, Args<S>) -> PyResult<S> + Send + Sync;

/// The Rust code behind a builtin.
pub enum NativeCode<S: LockStrategy> {
    /// The runtime's own builtins and methods.
    Fn(NativeFn<S>),
    /// A library user's function.
    Closure(std::sync::Arc<NativeClosure<S>>),
}

/// A builtin function or a method of a builtin type.
pub struct Builtin<S: LockStrategy> {
    pub name: std::borrow::Cow<'static, str>,
    pub func: NativeCode<S>,
    /// Declared by native extension functions: may run without the GIL
    /// (honoured in `gil-release` mode, see [`Vm::allow_threads`]).
    pub releases_gil: bool,
    /// A method descriptor: found in a class's `__dict__`, it binds to the
    /// instance as a Python function does (CPython's `method_descriptor`,
    /// what a native class's methods are). A plain builtin function does
    /// not bind.
    pub method: bool,
}

/// A module: its name and its namespace.
pub struct Module<S: LockStrategy> {
    pub name: String,
    pub dict: ObjRef<S>,
    /// Its class: `types.ModuleType`, or a subclass of it (`M('name')`, or
    /// `module.__class__ = M`).
    pub class: ClassSlot<S>,
}

/// A class: a builtin type, an exception class, or a user-defined class.
pub struct TypeObj<S: LockStrategy> {
    pub name: String,
    /// `__qualname__`: the dotted path from the module (`Outer.Inner`,
    /// `f.<locals>.C`); the name itself for builtin types.
    pub qualname: String,
    /// `(__name__, __qualname__)` assigned after the class was made (typing
    /// renames its `io` and `re` namespaces so): read instead of the two
    /// fields above, which keep the names the class was made with.
    pub renamed: ObjCell<Option<(String, String)>>,
    /// The builtin behaviour instances have: `Instance` for plain user
    /// classes, `Exception` for exception classes, a builtin kind otherwise.
    pub kind: TypeKind,
    /// The first base (`None` only for `object`).
    pub base: Option<ObjRef<S>>,
    pub bases: ClassList<S>,
    /// The method resolution order after the class itself (C3).
    pub mro: ClassList<S>,
    /// The namespace of a user-defined class.
    pub dict: Option<ObjRef<S>>,
    /// Whether instances have a `__del__` (own or inherited). Read by the
    /// free path, which cannot look names up: that would lock dicts.
    pub has_del: crate::sync::AtomicBool,
    /// With `__slots__` on every user class of the MRO (and no `__dict__`
    /// slot): the attribute names instances may have. Instances then have
    /// no visible `__dict__` (the values still live in one, internally).
    pub slots: Option<Box<[String]>>,
    /// Whether a user class of the MRO defines `__getattribute__`, which
    /// then sees every attribute read on instances. A flag, so that
    /// ordinary reads look nothing up for it; set when the class is made
    /// and kept current when a class of the MRO gains or loses the method
    /// (`crate::classes::update_slots`, CPython's `update_slot`).
    pub getattribute_hook: crate::sync::AtomicBool,
    /// Whether a user class of the MRO defines `__new__`, which then makes
    /// the instances. Kept current like the flag above.
    pub new_hook: crate::sync::AtomicBool,
    /// Whether a class of the MRO defines `__setattr__`, which then sees
    /// every attribute store on instances; kept current like the flags
    /// above, so that an ordinary store looks nothing up for it.
    pub setattr_hook: crate::sync::AtomicBool,
    /// Weak references to the classes that name this one as a base, in the
    /// order they were made (`type.__subclasses__()`, and the classes whose
    /// flags above follow this one's). Guarded by this type's object lock.
    pub subclasses: ObjCell<Vec<ObjRef<S>>>,
    /// The user metaclass that made the class (`class A(metaclass=M)`, or
    /// inherited from a base); `None` for `type` (and ABCMeta). See
    /// [`crate::metaclass`].
    pub metaclass: Option<ObjRef<S>>,
    /// The attribute names instances keep inline, shared by all of them
    /// (see [`crate::instance_attrs`]).
    pub inline_keys: crate::instance_attrs::InlineKeys<S>,
}

impl<S: LockStrategy> TypeObj<S> {
    /// A type with `name` (also its qualname), `bases` (the first is its
    /// `__base__`), `mro` (without the type itself) and `dict`, and nothing
    /// else yet: no slots, hooks, subclasses or metaclass. The runtime's own
    /// types are this; a class statement sets the rest (`classes.rs`).
    pub fn new(
        name: &str,
        kind: TypeKind,
        bases: Box<[ObjRef<S>]>,
        mro: Box<[ObjRef<S>]>,
        dict: Option<ObjRef<S>>,
    ) -> Self {
        Self {
            name: name.into(),
            qualname: name.into(),
            renamed: ObjCell::new(None),
            kind,
            base: bases.first().cloned(),
            bases: ClassList::new(bases),
            mro: ClassList::new(mro),
            dict,
            has_del: Default::default(),
            slots: None,
            getattribute_hook: Default::default(),
            new_hook: Default::default(),
            setattr_hook: Default::default(),
            subclasses: ObjCell::new(Vec::new()),
            metaclass: None,
            inline_keys: Default::default(),
        }
    }
}

/// Which builtin behaviour a type object stands for (what `int(x)`, `str(x)`
/// etc. do when called, and what `type(x)` of a value is).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TypeKind {
    Object,
    NoneType,
    Bool,
    Int,
    Float,
    Str,
    Bytes,
    List,
    Tuple,
    Dict,
    Range,
    Slice,
    Iterator,
    DictView,
    Function,
    BuiltinFunction,
    Method,
    Module,
    Type,
    Thread,
    Lock,
    /// An exception class; all share the exception object layout.
    Exception,
    /// A user-defined class whose instances are plain objects.
    Instance,
    Property,
    StaticMethod,
    ClassMethod,
    Super,
    Generator,
    /// What calling an `async def` makes.
    Coroutine,
    /// What calling an `async def` that yields makes.
    AsyncGenerator,
    Set,
    FrozenSet,
    Queue,
    Socket,
    WeakRef,
    /// A type written in Rust under `types/`.
    Native(crate::types::NativeKind),
}

/// A generator: the function it runs and its suspended frame. `running`
/// is set while some thread executes the frame; a second resumption at that
/// time is refused ("generator already executing"), so the frame's values
/// are only ever owned by one thread.
pub struct GeneratorObj<S: LockStrategy> {
    pub code: Arc<Code<S>>,
    pub globals: ObjRef<S>,
    pub running: crate::sync::AtomicBool,
    /// An async generator's `ag_running_async`: one of its `__anext__()`,
    /// `asend()`, `athrow()` awaitables is being awaited (PEP 525 refuses
    /// a second one meanwhile).
    pub ag_running_async: crate::sync::AtomicBool,
    /// An async generator's `ag_closed`: `aclose()` began or it ended with
    /// `StopAsyncIteration`/`GeneratorExit`.
    pub ag_closed: crate::sync::AtomicBool,
    pub frame: ObjCell<crate::vm::GenFrame<S>>,
}

impl<S: LockStrategy> GeneratorObj<S> {
    /// Which of the three kinds of suspended frame this is.
    pub fn kind(&self) -> TypeKind {
        match (self.code.is_coroutine, self.code.is_generator) {
            (false, _) => TypeKind::Generator,
            (true, false) => TypeKind::Coroutine,
            (true, true) => TypeKind::AsyncGenerator,
        }
    }

    /// The data attributes of a generator, coroutine or async generator
    /// (`gi_running`, `cr_await`, `ag_code`, `__name__`...): each kind has
    /// its own prefix. `None` for another name.
    pub fn attr(&self, this: &ObjRef<S>, name: &str) -> Option<Value<S>> {
        use crate::sync::Ordering;
        match name {
            "__name__" => return Some(crate::ops::new_str(&*self.code.name)),
            "__qualname__" => return Some(crate::ops::new_str(&*self.code.qualname)),
            _ => {}
        }
        let prefix = match self.kind() {
            TypeKind::Coroutine => "cr_",
            TypeKind::AsyncGenerator => "ag_",
            _ => "gi_",
        };
        let field = name.strip_prefix(prefix)?;
        Some(match (field, prefix) {
            ("running", "ag_") => Value::Bool(self.ag_running_async.load(Ordering::Acquire)),
            ("running", _) => Value::Bool(self.running.load(Ordering::Acquire)),
            ("code", _) => crate::types::code::new_code_object(&self.code),
            ("await", "cr_" | "ag_") | ("yieldfrom", "gi_") => self
                .frame
                .with::<S, _>(&this.header, |f| f.delegate(&self.code))
                .unwrap_or(Value::None),
            ("suspended", _) => Value::Bool(
                self.frame
                    .with::<S, _>(&this.header, |f| f.is_started() && !f.is_finished()),
            ),
            ("origin", "cr_") => Value::None,
            _ => return None,
        })
    }

    /// The kind as CPython's messages name it ("async generator raised
    /// StopIteration").
    pub fn kind_words(&self) -> &'static str {
        match self.kind() {
            TypeKind::Coroutine => "coroutine",
            TypeKind::AsyncGenerator => "async generator",
            _ => "generator",
        }
    }

    /// Whether `next()` and `for` may drive it (not a coroutine or an
    /// async generator, which only `await` and `async for` drive).
    pub fn is_iterator(&self) -> bool {
        !self.code.is_coroutine
    }
}

/// A class's bases or MRO, which `C.__bases__ = ...` may replace. Read as
/// a slice without a lock (every attribute lookup walks the MRO); so that a
/// slice one thread reads stays valid while another replaces it, a
/// replaced list is kept until the class itself is freed.
pub struct ClassList<S: LockStrategy> {
    ptr: std::sync::atomic::AtomicPtr<Classes<S>>,
    /// The replaced lists, each kept in the allocation `ptr` pointed to: a
    /// reader may still be reading that pointer (not only the slice).
    #[allow(clippy::vec_box)]
    retired: std::sync::Mutex<Vec<Box<Classes<S>>>>,
}

/// The classes of a [`ClassList`].
type Classes<S> = Box<[ObjRef<S>]>;

impl<S: LockStrategy> ClassList<S> {
    pub fn new(classes: Box<[ObjRef<S>]>) -> Self {
        Self {
            ptr: std::sync::atomic::AtomicPtr::new(Box::into_raw(Box::new(classes))),
            retired: std::sync::Mutex::new(Vec::new()),
        }
    }

    /// Replaces the list (`C.__bases__ = ...`).
    pub fn set(&self, classes: Box<[ObjRef<S>]>) {
        let new = Box::into_raw(Box::new(classes));
        let old = self.ptr.swap(new, std::sync::atomic::Ordering::AcqRel);
        // SAFETY: `old` came from `Box::into_raw` in `new` or `set` and was
        // owned by the slot; it is kept (not freed) in `retired`, so that
        // slices readers took from it stay valid while the class lives.
        let old = unsafe { Box::from_raw(old) };
        self.retired
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(old);
    }
}

impl<S: LockStrategy> std::ops::Deref for ClassList<S> {
    type Target = [ObjRef<S>];
    #[inline(always)]
    fn deref(&self) -> &[ObjRef<S>] {
        // SAFETY: the pointer is always one `Box::into_raw` made (`new`,
        // `set`), freed only when the slot is dropped; a replaced one is
        // kept in `retired` until then, so it outlives this borrow of `self`.
        unsafe { &*self.ptr.load(std::sync::atomic::Ordering::Acquire) }
    }
}

impl<S: LockStrategy> Drop for ClassList<S> {
    fn drop(&mut self) {
        // SAFETY: the current pointer is owned by the slot (`new`, `set`)
        // and freed once, here.
        drop(unsafe { Box::from_raw(*self.ptr.get_mut()) });
    }
}

/// The class of an instance, which `obj.__class__ = C` may replace
/// (between compatible user classes, see `crate::classes`). Readers take
/// it without a lock under every strategy; so that a class read by one
/// thread stays alive while another replaces it, the reference a
/// replacement takes out is handed to `Interp::retire_class`, which keeps
/// it until the cycle collector's next stop-the-world: by then every
/// thread has passed a safe point since the swap, and no borrow
/// ([`ClassRef`]) lives across a safe point (each is used and dropped, or
/// cloned into a counted reference, without running Python code), so none
/// can still point at the old class.
pub struct ClassSlot<S: LockStrategy> {
    ptr: std::sync::atomic::AtomicPtr<crate::object::PyObject<S>>,
    _owns: std::marker::PhantomData<ObjRef<S>>,
}

/// A borrowed class: the [`ClassSlot`]'s reference, not counted again.
pub struct ClassRef<'a, S: LockStrategy> {
    class: std::mem::ManuallyDrop<ObjRef<S>>,
    _slot: std::marker::PhantomData<&'a ClassSlot<S>>,
}

impl<S: LockStrategy> std::ops::Deref for ClassRef<'_, S> {
    type Target = ObjRef<S>;
    fn deref(&self) -> &ObjRef<S> {
        &self.class
    }
}

impl<S: LockStrategy> ClassSlot<S> {
    pub fn new(class: ObjRef<S>) -> Self {
        let ptr = class.raw().as_ptr();
        std::mem::forget(class);
        Self {
            ptr: std::sync::atomic::AtomicPtr::new(ptr),
            _owns: std::marker::PhantomData,
        }
    }

    /// The class now.
    #[inline(always)]
    pub fn get(&self) -> ClassRef<'_, S> {
        let ptr = self.ptr.load(std::sync::atomic::Ordering::Acquire);
        // SAFETY: the slot always holds a non-null pointer to a class it
        // owns one counted reference of (`new`, `set`); a replaced class's
        // reference is kept (`Interp::retire_class`) until every thread has
        // passed a safe point since the swap, and this borrow does not live
        // across one (see the type's docs), so the object outlives the
        // borrow; ManuallyDrop keeps this borrowed copy from giving the
        // reference back.
        let class = unsafe { ObjRef::from_raw_counted(std::ptr::NonNull::new_unchecked(ptr)) };
        ClassRef {
            class: std::mem::ManuallyDrop::new(class),
            _slot: std::marker::PhantomData,
        }
    }

    /// `obj.__class__ = class`. Returns the slot's reference to the old
    /// class, which another thread may still be reading without a count:
    /// the caller hands it to `Interp::retire_class`, never drops it.
    #[must_use = "the old class goes to Interp::retire_class"]
    pub fn set(&self, class: ObjRef<S>) -> ObjRef<S> {
        let ptr = class.raw().as_ptr();
        std::mem::forget(class);
        let old = self.ptr.swap(ptr, std::sync::atomic::Ordering::AcqRel);
        // SAFETY: `old` is the pointer the slot held, with the one counted
        // reference the slot owned (`new`, `set`); the slot no longer
        // holds it, so that reference moves to the returned ObjRef.
        unsafe { ObjRef::from_raw_counted(std::ptr::NonNull::new_unchecked(old)) }
    }
}

impl<S: LockStrategy> Drop for ClassSlot<S> {
    fn drop(&mut self) {
        let ptr = *self.ptr.get_mut();
        // SAFETY: the slot owns one counted reference of its class (`new`,
        // `set`), given back here once, when nobody can read the slot.
        drop(unsafe { ObjRef::from_raw_counted(std::ptr::NonNull::new_unchecked(ptr)) });
    }
}

/// An instance of a user-defined class: its class and its `__dict__`, and,
/// when the class derives from a builtin type (`class Stack(list)`), the
/// state of that builtin base (see [`crate::object::PyObject::payload`]).
pub struct InstanceObj<S: LockStrategy> {
    pub class: ClassSlot<S>,
    /// Its attributes: inline, or its `__dict__` (see
    /// [`crate::instance_attrs`]).
    pub attrs: ObjCell<crate::instance_attrs::InstanceAttrs<S>>,
    pub base: Option<Box<Payload<S>>>,
}

/// An exception instance: its class, its arguments, and the traceback
/// collected as it propagates (innermost frame first).
pub struct ExceptionObj<S: LockStrategy> {
    /// Its class, which `e.__class__ = C` may replace (between compatible
    /// user exception classes).
    pub class: ClassSlot<S>,
    /// `__dict__` of instances of user-defined exception classes.
    pub dict: Option<ObjRef<S>>,
    /// `args`; `BaseException.__init__` may replace them.
    pub args: ObjCell<Box<[Value<S>]>>,
    pub traceback: ObjCell<Vec<TracebackEntry<S>>>,
    /// `__cause__`, `__context__` and `__suppress_context__`.
    pub chain: ObjCell<ExcChain<S>>,
}

/// How an exception links to the ones that led to it.
pub struct ExcChain<S: LockStrategy> {
    /// Set by `raise ... from cause`.
    pub cause: Option<Value<S>>,
    /// The exception being handled when this one was raised.
    pub context: Option<ObjRef<S>>,
    pub suppress_context: bool,
}

impl<S: LockStrategy> Default for ExcChain<S> {
    fn default() -> Self {
        Self {
            cause: None,
            context: None,
            suppress_context: false,
        }
    }
}

/// One frame of a traceback: the code that ran, its globals, and where it
/// was (what `tb_frame`, `tb_lineno` and `tb_lasti` show).
pub struct TracebackEntry<S: LockStrategy> {
    pub code: Arc<Code<S>>,
    /// The frame's globals (a dict), as a value for the collector's visit.
    pub globals: Value<S>,
    pub line: u32,
    /// The index of the instruction that was running.
    pub pc: u32,
}

impl<S: LockStrategy> Clone for TracebackEntry<S> {
    fn clone(&self) -> Self {
        Self {
            code: self.code.clone(),
            globals: self.globals.clone(),
            line: self.line,
            pc: self.pc,
        }
    }
}
