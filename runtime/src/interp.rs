//! The interpreter state shared by all threads of one runtime: builtins,
//! modules, type objects, output, and the strategy's shared state.

use crate::code::Code;
use crate::compile::{CodeUnit, Const};
use crate::dict::{hash_value, new_map, DictKey};
use crate::object::{
    ExceptionObj, ObjCell, ObjRef, Payload, PyDict, PyObject, PyStr, TypeKind, TypeObj, Value,
    FLAG_DEFERRED, FLAG_IMMORTAL,
};
use crate::strategy::{LockStrategy, StrategyConfig};
use crate::sync::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::collections::HashMap;
use std::io::Write;
use std::ptr::NonNull;
use std::sync::{Arc, Mutex};

/// Builtin exception classes, in CPython's hierarchy: each with its bases
/// (the first is its `__base__`; the MRO is their C3 merge, as a class
/// statement's).
pub const EXCEPTION_HIERARCHY: &[(&str, &[&str])] = &[
    ("BaseException", &[]),
    ("Exception", &["BaseException"]),
    ("SystemExit", &["BaseException"]),
    ("KeyboardInterrupt", &["BaseException"]),
    ("ArithmeticError", &["Exception"]),
    ("ZeroDivisionError", &["ArithmeticError"]),
    ("OverflowError", &["ArithmeticError"]),
    ("LookupError", &["Exception"]),
    ("IndexError", &["LookupError"]),
    ("KeyError", &["LookupError"]),
    ("TypeError", &["Exception"]),
    ("ValueError", &["Exception"]),
    ("AttributeError", &["Exception"]),
    ("NameError", &["Exception"]),
    ("UnboundLocalError", &["NameError"]),
    ("RuntimeError", &["Exception"]),
    ("RecursionError", &["RuntimeError"]),
    ("NotImplementedError", &["RuntimeError"]),
    ("StopIteration", &["Exception"]),
    ("GeneratorExit", &["BaseException"]),
    ("BaseExceptionGroup", &["BaseException"]),
    ("ExceptionGroup", &["BaseExceptionGroup", "Exception"]),
    ("AssertionError", &["Exception"]),
    ("ImportError", &["Exception"]),
    ("ModuleNotFoundError", &["ImportError"]),
    ("OSError", &["Exception"]),
    ("ConnectionError", &["OSError"]),
    ("BrokenPipeError", &["ConnectionError"]),
    ("ConnectionAbortedError", &["ConnectionError"]),
    ("ConnectionRefusedError", &["ConnectionError"]),
    ("ConnectionResetError", &["ConnectionError"]),
    ("BlockingIOError", &["OSError"]),
    ("TimeoutError", &["OSError"]),
    ("FileNotFoundError", &["OSError"]),
    ("PermissionError", &["OSError"]),
    ("EOFError", &["Exception"]),
    ("MemoryError", &["Exception"]),
    ("UnicodeError", &["ValueError"]),
    ("UnicodeDecodeError", &["UnicodeError"]),
    ("UnicodeEncodeError", &["UnicodeError"]),
    ("Warning", &["Exception"]),
    ("UserWarning", &["Warning"]),
    ("DeprecationWarning", &["Warning"]),
    ("SyntaxError", &["Exception"]),
    ("IndentationError", &["SyntaxError"]),
    ("TabError", &["IndentationError"]),
    ("SystemError", &["Exception"]),
    ("ReferenceError", &["Exception"]),
    ("BufferError", &["Exception"]),
    ("StopAsyncIteration", &["Exception"]),
    ("FloatingPointError", &["ArithmeticError"]),
    ("UnicodeTranslateError", &["UnicodeError"]),
    ("FileExistsError", &["OSError"]),
    ("IsADirectoryError", &["OSError"]),
    ("NotADirectoryError", &["OSError"]),
    ("InterruptedError", &["OSError"]),
    ("ChildProcessError", &["OSError"]),
    ("ProcessLookupError", &["OSError"]),
    ("PendingDeprecationWarning", &["Warning"]),
    ("RuntimeWarning", &["Warning"]),
    ("SyntaxWarning", &["Warning"]),
    ("FutureWarning", &["Warning"]),
    ("ImportWarning", &["Warning"]),
    ("UnicodeWarning", &["Warning"]),
    ("BytesWarning", &["Warning"]),
    ("ResourceWarning", &["Warning"]),
    ("EncodingWarning", &["Warning"]),
];

/// State shared by every thread of one runtime.
pub struct Interp<S: LockStrategy> {
    pub strategy: S::Shared,
    /// The `builtins` namespace (a dict).
    pub builtins: ObjRef<S>,
    /// The `__main__` namespace of code run through `Runtime` (owned here,
    /// not by the `Runtime` handles, so that cloning and dropping a handle
    /// never touches a reference count from an unattached thread).
    pub main: ObjRef<S>,
    /// Builtin type objects by kind, and exception classes by name.
    pub types: HashMap<TypeKind, ObjRef<S>>,
    pub exceptions: HashMap<&'static str, ObjRef<S>>,
    /// The iterator types by name (`list_iterator`, `range_iterator`...,
    /// see `ops::iter_type_name`): each an `iterator` of its own name.
    pub iter_types: HashMap<&'static str, ObjRef<S>>,
    /// Classes replaced in a class slot (`obj.__class__ = C`), kept until
    /// the collector's next stop-the-world (see `ClassSlot`).
    retired_classes: Mutex<Vec<ObjRef<S>>>,
    /// `sys.modules`: imported modules by name (a dict, shared by every
    /// thread; see `modules::import`).
    pub sys_modules: ObjRef<S>,
    /// The per-module import locks (`modules::import_lock`).
    pub import_locks: Arc<crate::modules::import_lock::ImportLocks>,
    /// The folder of the script run as `__main__`, which becomes
    /// `sys.path[0]` (`None`: the current folder, as `python3 -c`).
    pub script_dir: Mutex<Option<String>>,
    /// Buffered standard output (flushed when large and at exit), as CPython
    /// buffers stdout that is not a terminal.
    /// Shared with the interpreters made from this one
    /// (`concurrent.interpreters`), so that their output keeps its order.
    stdout: Arc<Mutex<Vec<u8>>>,
    /// Standard error, kept only when output is captured.
    stderr: Arc<Mutex<Vec<u8>>>,
    /// The settings this runtime was built with (a sub-interpreter gets
    /// the same).
    pub(crate) config: InterpConfig,
    /// This runtime's interpreter id and its main interpreter's, once
    /// `concurrent.interpreters` asked (see `modules::interpreters`).
    pub(crate) interp_id: std::sync::OnceLock<(i64, i64)>,
    /// Keep stdout and stderr in memory for the embedding program instead
    /// of writing them to the process's streams.
    capture_output: bool,
    /// Native modules registered by the embedding program, by import name.
    pub native_modules: Mutex<HashMap<String, crate::embed::NativeModule<S>>>,
    next_cache_slot: AtomicUsize,
    next_thread_ident: AtomicU64,
    pub thread_counter: AtomicU64,
    pub argv: Mutex<Vec<String>>,
    sources: Mutex<HashMap<Arc<str>, Arc<str>>>,
    /// The names code refers to (`co_names`), one str object per name for
    /// the whole runtime, as CPython interns identifiers: a class
    /// namespace's keys and the attribute names of code elsewhere are then
    /// the same object, and dict and attribute look-ups compare pointers.
    interned_names: Mutex<HashMap<Box<str>, ObjRef<S>>>,
    /// `sys.getrecursionlimit()`; `sys.setrecursionlimit` changes it (a
    /// plain setting, not part of any locking protocol).
    recursion_limit: std::sync::atomic::AtomicUsize,
    /// Methods of builtin types, by receiver type and name.
    pub methods: HashMap<(TypeKind, &'static str), Value<S>>,
    /// Those methods as read from their type (`list.__repr__`): each with
    /// the receiver check of a method descriptor, made on first read and
    /// kept, so that a type attribute is the same object on every read
    /// (`pprint` compares `type(x).__repr__` with `list.__repr__`).
    /// Keyed by the address of the method in `methods`.
    pub(crate) unbound_methods: Mutex<HashMap<usize, Value<S>>>,
    /// Singletons and helper functions of the class machinery, set once by
    /// `builtins::install`.
    pub(crate) singletons: std::sync::OnceLock<Singletons<S>>,
    /// Non-daemon Python threads, joined before the runtime shuts down.
    pub(crate) live_threads: Mutex<Vec<ObjRef<S>>>,
    /// The `Thread` object of the main thread.
    pub(crate) main_thread: std::sync::OnceLock<ObjRef<S>>,
    /// References whose owner went away on a thread that may not have been
    /// attached (the last clone of an `embed::Py`): released by the next
    /// thread that attaches ([`Interp::release_deferred`]), or at teardown.
    deferred: Mutex<Vec<Value<S>>>,
    /// The Python signal handlers, by signal number (see
    /// `modules::signal`); empty until `_signal` is imported.
    pub(crate) signal_handlers: Mutex<Vec<Value<S>>>,
    /// Whether `deferred` may be non-empty: read at every attach, so that
    /// an attach with nothing to release takes no lock.
    has_deferred: AtomicBool,
    /// Objects made immortal, or given deferred counts, under strategies
    /// that do so for shared objects. Declared after every other
    /// reference: fields drop in order, so every other reference held here
    /// is gone before the registry frees them.
    shared_objects: SharedObjects<S>,
    /// Registry length at which the next sweep of deferred objects is due
    /// (see [`Interp::sweep_due`]).
    next_sweep_at: AtomicUsize,
    /// The cyclic garbage collector. Declared after the objects: freeing
    /// the immortal objects above releases tracked objects, which leave its
    /// lists.
    pub gc: crate::gc::GcState,
    /// Teardown counts as attached (see [`crate::attached`]) from the start
    /// of `Drop::drop` until this last field drops, after every object.
    teardown: Option<crate::attached::Exclusive>,
}

/// How many replaced classes wait for release before a collection is
/// asked for.
const RETIRED_CLASSES_BEFORE_GC: usize = 1024;

/// Objects the class machinery needs by identity.
pub(crate) struct Singletons<S: LockStrategy> {
    pub not_implemented: Value<S>,
    /// `object.__init__` (what `super().__init__(...)` reaches last).
    pub object_init: Value<S>,
    /// `property.setter` / `property.getter`.
    pub property_setter: Value<S>,
    pub property_getter: Value<S>,
    pub property_deleter: Value<S>,
    pub abc_meta: Value<S>,
    pub ellipsis: Value<S>,
    /// `type.mro` for user classes.
    pub mro: Value<S>,
}

/// Owns the immortal and deferred objects of one runtime and frees them
/// when dropped (the collector frees deferred ones earlier, once nothing
/// refers to them: [`Interp::take_unreferenced_deferred`]).
struct SharedObjects<S: LockStrategy>(Mutex<Vec<SharedPtr<S>>>);

/// The fewest registered objects at which a sweep of deferred objects is
/// asked for; after a sweep the next is due at twice the survivors, so the
/// sweeps' cost stays proportional to the allocations that call for them.
const FIRST_SWEEP_AT: usize = 4096;

struct SharedPtr<S: LockStrategy>(NonNull<PyObject<S>>);
// SAFETY: the pointer is only dereferenced at teardown, on the thread that
// drops the runtime, after every other thread has finished, or by the
// collector with the world stopped (see `take_unreferenced_deferred`).
unsafe impl<S: LockStrategy> Send for SharedPtr<S> {}

/// The settings of one runtime: the lock strategy's and the interpreter's.
#[derive(Clone, Debug)]
pub struct InterpConfig {
    pub strategy: StrategyConfig,
    /// `sys.getrecursionlimit()`: Python call depth before `RecursionError`.
    pub recursion_limit: usize,
    /// Capture stdout and stderr (read them with [`Interp::take_stdout`] and
    /// [`Interp::take_stderr`]) instead of writing to the process's streams.
    pub capture_output: bool,
    /// The cyclic garbage collector's thresholds and whether it is enabled.
    pub gc: crate::gc::GcConfig,
}

impl Default for InterpConfig {
    fn default() -> Self {
        Self {
            strategy: StrategyConfig::default(),
            recursion_limit: 1000,
            capture_output: false,
            gc: crate::gc::GcConfig::default(),
        }
    }
}

impl<S: LockStrategy> Interp<S> {
    pub fn new(config: &StrategyConfig) -> Arc<Self> {
        Self::with_config(&InterpConfig {
            strategy: config.clone(),
            ..InterpConfig::default()
        })
    }

    pub fn with_config(settings: &InterpConfig) -> Arc<Self> {
        Self::build(
            settings,
            Arc::new(Mutex::new(Vec::with_capacity(1 << 16))),
            Arc::new(Mutex::new(Vec::new())),
        )
    }

    /// A new interpreter with this one's settings, writing to the same
    /// output buffers (`concurrent.interpreters.create`).
    pub(crate) fn new_sibling(&self) -> Arc<Self> {
        let sub = Self::build(&self.config, self.stdout.clone(), self.stderr.clone());
        *sub.script_dir.lock().unwrap_or_else(|e| e.into_inner()) = self
            .script_dir
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        sub
    }

    fn build(
        settings: &InterpConfig,
        stdout: Arc<Mutex<Vec<u8>>>,
        stderr: Arc<Mutex<Vec<u8>>>,
    ) -> Arc<Self> {
        // SAFETY: the interpreter is not shared until this returns, so no
        // other thread can reach the objects made here.
        let _building = unsafe { crate::attached::Exclusive::enter() };
        let config = &settings.strategy;
        let mk_type = |name: &str, kind: TypeKind, base: Option<ObjRef<S>>| {
            // Builtin hierarchies are single chains: the MRO is the bases.
            let mut mro = Vec::new();
            let mut cur = base.clone();
            while let Some(b) = cur {
                cur = match b.payload() {
                    Payload::Type(t) => t.base.clone(),
                    _ => None,
                };
                mro.push(b);
            }
            let payload = Payload::Type(Box::new(TypeObj::new(
                name,
                kind,
                base.into_iter().collect(),
                mro.into_boxed_slice(),
                None,
            )));
            ObjRef::with_flags(payload, immortal_flag::<S>())
        };
        let mut types = HashMap::new();
        let object = mk_type("object", TypeKind::Object, None);
        for (kind, name) in [
            (TypeKind::NoneType, "NoneType"),
            (TypeKind::Int, "int"),
            (TypeKind::Float, "float"),
            (TypeKind::Str, "str"),
            (TypeKind::Bytes, "bytes"),
            (TypeKind::List, "list"),
            (TypeKind::Tuple, "tuple"),
            (TypeKind::Dict, "dict"),
            (TypeKind::Range, "range"),
            (TypeKind::Slice, "slice"),
            (TypeKind::Iterator, "iterator"),
            (TypeKind::DictView, "dict_view"),
            (TypeKind::Function, "function"),
            (TypeKind::BuiltinFunction, "builtin_function_or_method"),
            (TypeKind::Method, "method"),
            (TypeKind::Module, "module"),
            (TypeKind::Type, "type"),
            (TypeKind::Thread, "Thread"),
            (TypeKind::Lock, "lock"),
            (TypeKind::Generator, "generator"),
            (TypeKind::Coroutine, "coroutine"),
            (TypeKind::AsyncGenerator, "async_generator"),
            (TypeKind::Set, "set"),
            (TypeKind::FrozenSet, "frozenset"),
            (TypeKind::Queue, "Queue"),
            (TypeKind::Socket, "socket"),
            (TypeKind::WeakRef, "ReferenceType"),
            (TypeKind::Property, "property"),
            (TypeKind::StaticMethod, "staticmethod"),
            (TypeKind::ClassMethod, "classmethod"),
            (TypeKind::Super, "super"),
            (TypeKind::Instance, "object"),
        ] {
            types.insert(kind, mk_type(name, kind, Some(object.clone())));
        }
        // bool is a subclass of int (made here, not in the loop above: an
        // immortal type replaced in the map would never be freed).
        for kind in crate::types::NativeKind::ALL {
            let name = kind.spec::<S>().name;
            types.insert(
                TypeKind::Native(kind),
                mk_type(name, TypeKind::Native(kind), Some(object.clone())),
            );
        }
        let iter_types = crate::ops::ITER_TYPE_NAMES
            .into_iter()
            .map(|name| {
                (
                    name,
                    mk_type(name, TypeKind::Iterator, Some(object.clone())),
                )
            })
            .collect();
        let int = types[&TypeKind::Int].clone();
        let bool_type = mk_type("bool", TypeKind::Bool, Some(int));
        // `int.__subclasses__()` lists bool, as CPython's.
        crate::classes::register_subclass(&bool_type);
        types.insert(TypeKind::Bool, bool_type);
        types.insert(TypeKind::Object, object.clone());
        let mut exceptions: HashMap<&'static str, ObjRef<S>> = HashMap::new();
        for (name, bases) in EXCEPTION_HIERARCHY {
            let class = match bases {
                [] => mk_type(name, TypeKind::Exception, Some(object.clone())),
                [base] => mk_type(name, TypeKind::Exception, Some(exceptions[base].clone())),
                _ => {
                    let bases: Vec<ObjRef<S>> =
                        bases.iter().map(|b| exceptions[b].clone()).collect();
                    let mro = builtin_c3_mro(&bases);
                    let payload = Payload::Type(Box::new(TypeObj::new(
                        name,
                        TypeKind::Exception,
                        bases.into_boxed_slice(),
                        mro.into_boxed_slice(),
                        None,
                    )));
                    ObjRef::with_flags(payload, immortal_flag::<S>())
                }
            };
            exceptions.insert(name, class);
        }
        let native_methods = crate::types::NativeKind::ALL.into_iter().flat_map(|kind| {
            let spec = kind.spec::<S>();
            (spec.methods)()
                .into_iter()
                .map(move |(name, func)| (TypeKind::Native(kind), name, func))
        });
        let methods: HashMap<(TypeKind, &'static str), Value<S>> = crate::methods::all::<S>()
            .into_iter()
            .chain(native_methods)
            .map(|(kind, name, func)| {
                let f = ObjRef::with_flags(
                    Payload::Builtin(crate::object::Builtin {
                        name: name.into(),
                        func: crate::object::NativeCode::Fn(func),
                        releases_gil: false,
                        method: false,
                    }),
                    immortal_flag::<S>(),
                );
                ((kind, name), Value::Obj(f))
            })
            .collect();
        let builtins =
            ObjRef::with_flags(Payload::Dict(PyDict::new(new_map())), immortal_flag::<S>());
        let main = ObjRef::with_flags(Payload::Dict(PyDict::new(new_map())), immortal_flag::<S>());
        let sys_modules =
            ObjRef::with_flags(Payload::Dict(PyDict::new(new_map())), immortal_flag::<S>());
        let interp = Arc::new(Self {
            strategy: S::new_shared(config),
            builtins,
            main,
            types,
            exceptions,
            iter_types,
            retired_classes: Mutex::new(Vec::new()),
            sys_modules,
            import_locks: Arc::new(crate::modules::import_lock::ImportLocks::new()),
            script_dir: Mutex::new(None),
            stdout,
            stderr,
            config: settings.clone(),
            interp_id: std::sync::OnceLock::new(),
            capture_output: settings.capture_output,
            native_modules: Mutex::new(HashMap::new()),
            shared_objects: SharedObjects(Mutex::new(Vec::new())),
            next_sweep_at: AtomicUsize::new(FIRST_SWEEP_AT),
            gc: crate::gc::GcState::new(&settings.gc),
            teardown: None,
            deferred: Mutex::new(Vec::new()),
            signal_handlers: Mutex::new(Vec::new()),
            has_deferred: AtomicBool::new(false),
            next_cache_slot: AtomicUsize::new(0),
            interned_names: Mutex::new(HashMap::new()),
            next_thread_ident: AtomicU64::new(1),
            thread_counter: AtomicU64::new(0),
            argv: Mutex::new(Vec::new()),
            sources: Mutex::new(HashMap::new()),
            recursion_limit: std::sync::atomic::AtomicUsize::new(settings.recursion_limit),
            methods,
            unbound_methods: Mutex::new(HashMap::new()),
            singletons: std::sync::OnceLock::new(),
            live_threads: Mutex::new(Vec::new()),
            main_thread: std::sync::OnceLock::new(),
        });
        // Register what was made immortal above, now that the registry exists.
        {
            let mut reg = interp
                .shared_objects
                .0
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            if S::IMMORTALIZE_SHARED {
                reg.push(SharedPtr(interp.builtins.raw()));
                reg.push(SharedPtr(interp.main.raw()));
                reg.push(SharedPtr(interp.sys_modules.raw()));
                for t in interp.types.values().chain(interp.exceptions.values()) {
                    reg.push(SharedPtr(t.raw()));
                }
                for m in interp.methods.values() {
                    if let Value::Obj(o) = m {
                        reg.push(SharedPtr(o.raw()));
                    }
                }
            }
        }
        crate::builtins::install(&interp);
        interp.dict_set_str(&interp.main, "__name__", interp.new_str("__main__"));
        interp
    }

    /// Queues a reference for release by an attached thread; moving it here
    /// touches no count, so any thread may call this.
    pub(crate) fn defer_release(&self, value: Value<S>) {
        self.deferred
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(value);
        self.has_deferred.store(true, Ordering::Release);
    }

    /// Releases the references queued by [`Interp::defer_release`]. The
    /// caller is attached.
    pub fn release_deferred(&self) {
        if !self.has_deferred.swap(false, Ordering::Acquire) {
            return;
        }
        let queued = std::mem::take(&mut *self.deferred.lock().unwrap_or_else(|e| e.into_inner()));
        // Released outside the queue's lock: a release may free an object
        // whose teardown queues more.
        drop(queued);
    }

    /// Keeps `class`, the reference a class slot gave up when it was
    /// replaced (`ClassSlot::set`), until the collector's next
    /// stop-the-world ([`Interp::take_retired_classes`]); asks for a
    /// collection once many are waiting, so that a loop of `__class__`
    /// assignments keeps a bounded number alive.
    pub fn retire_class(&self, class: ObjRef<S>) {
        let mut retired = self
            .retired_classes
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        retired.push(class);
        if retired.len() >= RETIRED_CLASSES_BEFORE_GC {
            S::request_gc(&self.strategy);
        }
    }

    /// Whether enough replaced classes wait that a collection should run to
    /// release them.
    pub(crate) fn many_retired_classes(&self) -> bool {
        self.retired_classes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .len()
            >= RETIRED_CLASSES_BEFORE_GC
    }

    /// Whether enough deferred objects were allocated since the last sweep
    /// that the collector should look for unreferenced ones.
    pub(crate) fn sweep_due(&self) -> bool {
        S::DEFER_SHARED
            && self
                .shared_objects
                .0
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .len()
                >= self.next_sweep_at.load(Ordering::Relaxed)
    }

    /// Takes the deferred objects whose count is zero out of the registry:
    /// nothing refers to them. Called by the collector with the world
    /// stopped, after its own deferred counts were flushed: every other
    /// thread flushed its own on detaching, so each count word is the true
    /// count (see [`crate::deferred_counts`]). The caller clears their weak
    /// references before the world restarts and frees them after.
    pub(crate) fn take_unreferenced_deferred(&self) -> Vec<NonNull<PyObject<S>>> {
        let mut reg = self
            .shared_objects
            .0
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let mut dead = Vec::new();
        reg.retain(|p| {
            // SAFETY: a registered object is live until the registry lets
            // go of it (here, or at teardown); the world is stopped.
            let header = unsafe { &(*p.0.as_ptr()).header };
            let unreferenced = header.is_deferred() && header.refcount() == 0;
            if unreferenced {
                dead.push(p.0);
            }
            !unreferenced
        });
        self.next_sweep_at
            .store((reg.len() * 2).max(FIRST_SWEEP_AT), Ordering::Relaxed);
        dead
    }

    /// The classes retired so far: called by the collector with the world
    /// stopped, when no thread can still be reading one through a class
    /// slot (every thread is at a safe point or detached); the caller drops
    /// them once the world runs again.
    pub(crate) fn take_retired_classes(&self) -> Vec<ObjRef<S>> {
        std::mem::take(
            &mut *self
                .retired_classes
                .lock()
                .unwrap_or_else(|e| e.into_inner()),
        )
    }

    /// Allocates an object that every thread may touch (module-level
    /// functions, modules, code constants): with a deferred count where the
    /// strategy defers shared objects' counts, immortal where it
    /// immortalises them, an ordinary object otherwise.
    pub fn alloc_shared(&self, payload: Payload<S>) -> ObjRef<S> {
        if S::DEFER_SHARED {
            let container = crate::gc::is_container(&payload);
            let obj = ObjRef::with_flags(payload, FLAG_DEFERRED);
            // Tracked like any container, so that the collector finds the
            // cycles they are part of (a function and the namespace dict
            // `exec` defined it in): it reads their counts with the world
            // stopped, when they are exact.
            if container {
                crate::gc::on_alloc(&obj);
            }
            let registered = {
                let mut reg = self
                    .shared_objects
                    .0
                    .lock()
                    .unwrap_or_else(|e| e.into_inner());
                reg.push(SharedPtr(obj.raw()));
                reg.len()
            };
            if registered >= self.next_sweep_at.load(Ordering::Relaxed) {
                S::request_gc(&self.strategy);
            }
            obj
        } else if S::IMMORTALIZE_SHARED {
            let obj = ObjRef::with_flags(payload, FLAG_IMMORTAL);
            self.shared_objects
                .0
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(SharedPtr(obj.raw()));
            obj
        } else {
            ObjRef::new(payload)
        }
    }

    pub(crate) fn singletons(&self) -> &Singletons<S> {
        self.singletons.get().expect("builtins installed")
    }
    pub fn not_implemented(&self) -> Value<S> {
        self.singletons().not_implemented.clone()
    }
    pub fn builtins_init(&self) -> Value<S> {
        self.singletons().object_init.clone()
    }
    pub fn property_copier(&self, which: &str) -> Value<S> {
        match which {
            "setter" => self.singletons().property_setter.clone(),
            "deleter" => self.singletons().property_deleter.clone(),
            _ => self.singletons().property_getter.clone(),
        }
    }
    pub fn mro_method(&self) -> Value<S> {
        self.singletons().mro.clone()
    }
    pub fn abc_meta(&self) -> Value<S> {
        self.singletons().abc_meta.clone()
    }

    pub fn new_thread_ident(&self) -> u64 {
        self.next_thread_ident.fetch_add(1, Ordering::Relaxed)
    }

    pub fn type_of_kind(&self, kind: TypeKind) -> &ObjRef<S> {
        &self.types[&kind]
    }

    /// Creates an exception of the named builtin class with one message.
    pub fn new_exception(&self, class: &str, message: Option<String>) -> ObjRef<S> {
        let class = self.exceptions[class].clone();
        let args: Box<[Value<S>]> = match message {
            Some(m) => Box::new([self.new_str(m)]),
            None => Box::new([]),
        };
        new_exception_obj(class, args)
    }

    /// `sys.getrecursionlimit()`.
    #[inline]
    pub fn recursion_limit(&self) -> usize {
        self.recursion_limit
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// `sys.setrecursionlimit(limit)` (checked by the caller).
    pub fn set_recursion_limit(&self, limit: usize) {
        self.recursion_limit
            .store(limit, std::sync::atomic::Ordering::Relaxed)
    }

    pub fn new_str(&self, s: impl Into<Box<str>>) -> Value<S> {
        Value::Obj(ObjRef::new(Payload::Str(PyStr::new(s))))
    }

    // ---- output ----

    /// Appends to the stdout buffer; flushes when it grows large (unless
    /// output is captured).
    pub fn write_stdout(&self, bytes: &[u8]) {
        self.write_stdout_pieces(&[bytes]);
    }

    /// Writes `pieces` in order, as one write: no other thread's output
    /// comes between them. A large piece goes straight to stdout, uncopied
    /// (a program may print a string of gigabytes).
    pub fn write_stdout_pieces(&self, pieces: &[&[u8]]) {
        let mut buf = self.stdout.lock().unwrap_or_else(|e| e.into_inner());
        for bytes in pieces {
            if bytes.len() >= 1 << 16 && !self.capture_output {
                let mut out = std::io::stdout().lock();
                let _ = out.write_all(&buf);
                let _ = out.write_all(bytes);
                buf.clear();
            } else {
                buf.extend_from_slice(bytes);
            }
        }
        if buf.len() >= 1 << 16 && !self.capture_output {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(&buf);
            let _ = out.flush();
            buf.clear();
        }
    }

    pub fn flush_stdout(&self) {
        if self.capture_output {
            return;
        }
        let mut buf = self.stdout.lock().unwrap_or_else(|e| e.into_inner());
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(&buf);
        let _ = out.flush();
        buf.clear();
    }

    /// Like [`Interp::flush_stdout`], but gives up rather than wait when
    /// the buffer is locked: what an internal error does, since the
    /// panicking thread may hold that lock itself.
    pub fn try_flush_stdout(&self) {
        if self.capture_output {
            return;
        }
        let mut buf = match self.stdout.try_lock() {
            Ok(buf) => buf,
            Err(std::sync::TryLockError::Poisoned(e)) => e.into_inner(),
            Err(std::sync::TryLockError::WouldBlock) => return,
        };
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(&buf);
        let _ = out.flush();
        buf.clear();
    }

    /// Writes to standard error, or keeps it when output is captured.
    /// Stdout is flushed first, so that the two interleave as printed.
    pub fn write_stderr(&self, text: &str) {
        if self.capture_output {
            let mut buf = self.stderr.lock().unwrap_or_else(|e| e.into_inner());
            buf.extend_from_slice(text.as_bytes());
        } else {
            self.flush_stdout();
            let mut err = std::io::stderr().lock();
            let _ = err.write_all(text.as_bytes());
        }
    }

    /// What was printed to stdout since the last call, when output is
    /// captured (the pending buffer otherwise).
    pub fn take_stdout(&self) -> Vec<u8> {
        std::mem::take(&mut *self.stdout.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// What was written to stderr since the last call, when output is
    /// captured.
    pub fn take_stderr(&self) -> Vec<u8> {
        std::mem::take(&mut *self.stderr.lock().unwrap_or_else(|e| e.into_inner()))
    }

    // ---- code loading ----

    pub fn register_source(&self, filename: Arc<str>, source: Arc<str>) {
        self.sources
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(filename, source);
    }

    /// The stripped text of a source line, for tracebacks.
    pub fn source_line(&self, filename: &str, line: u32) -> Option<String> {
        let sources = self.sources.lock().unwrap_or_else(|e| e.into_inner());
        let src = sources.get(filename)?;
        src.lines()
            .nth(line.checked_sub(1)? as usize)
            .map(|l| l.trim().to_string())
    }

    /// The runtime's one str object for the name `name` (see
    /// `interned_names`).
    pub fn intern_name(&self, name: &str) -> ObjRef<S> {
        let mut names = self
            .interned_names
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some(o) = names.get(name) {
            return o.clone();
        }
        let o = self.alloc_shared(Payload::Str(PyStr::new(name)));
        names.insert(name.into(), o.clone());
        o
    }

    /// Turns a compiled unit into a code object with real constants.
    pub fn load_code(&self, unit: CodeUnit, filename: &Arc<str>) -> Arc<Code<S>> {
        let consts = unit
            .consts
            .into_iter()
            .map(|c| self.const_value(c))
            .collect::<Vec<_>>()
            .into_boxed_slice();
        let names = unit
            .names
            .iter()
            .map(|n| self.intern_name(n))
            .collect::<Vec<_>>()
            .into_boxed_slice();
        let cache_base = self
            .next_cache_slot
            .fetch_add(names.len().max(1), Ordering::Relaxed);
        let children = unit
            .children
            .into_iter()
            .map(|c| self.load_code(c, filename))
            .collect::<Vec<_>>()
            .into_boxed_slice();
        let nlocals = unit.varnames.len() as u32;
        let nparams = unit.argcount + unit.kwonlyargcount + unit.varargs as u32 + unit.varkw as u32;
        let cell_params = unit
            .cellvars
            .iter()
            .map(|c| {
                unit.varnames[..nparams as usize]
                    .iter()
                    .position(|v| v == c)
                    .map(|p| p as u32)
            })
            .collect();
        let simple_args = unit.kwonlyargcount == 0 && !unit.varargs && !unit.varkw;
        Arc::new(Code {
            name: Arc::from(unit.name.as_str()),
            qualname: Arc::from(unit.qualname.as_str()),
            filename: filename.clone(),
            instrs: unit.instrs.into_boxed_slice(),
            lines: unit.lines.into_boxed_slice(),
            consts,
            names,
            varnames: unit
                .varnames
                .iter()
                .map(|v| Arc::from(v.as_str()))
                .collect(),
            argcount: unit.argcount,
            posonlyargcount: unit.posonlyargcount,
            kwonlyargcount: unit.kwonlyargcount,
            varargs: unit.varargs,
            varkw: unit.varkw,
            simple_args,
            nlocals,
            cellvars: unit
                .cellvars
                .iter()
                .map(|v| Arc::from(v.as_str()))
                .collect(),
            freevars: unit
                .freevars
                .iter()
                .map(|v| Arc::from(v.as_str()))
                .collect(),
            cell_params,
            children,
            cache_base,
            is_module: unit.is_module,
            is_class: unit.is_class,
            has_docstring: unit.has_docstring,
            is_generator: unit.is_generator,
            is_coroutine: unit.is_coroutine,
            first_line: unit.first_line,
            suspends: unit.is_generator || unit.is_coroutine,
            iterable_coroutine: crate::sync::AtomicBool::new(false),
        })
    }

    fn const_value(&self, c: Const) -> Value<S> {
        match c {
            Const::None => Value::None,
            Const::Bool(b) => Value::Bool(b),
            Const::Int(i) => Value::Int(i),
            Const::Float(f) => Value::Float(f),
            Const::Complex(re, im) => crate::types::complex::Complex::new(re, im).into_value(),
            Const::BigInt(b) => Value::Obj(self.alloc_shared(Payload::BigInt(b))),
            Const::Str(s) => Value::Obj(self.alloc_shared(Payload::Str(PyStr::new(s)))),
            Const::Bytes(b) => Value::Obj(self.alloc_shared(Payload::Bytes(b.into_boxed_slice()))),
            Const::Ellipsis => self.singletons().ellipsis.clone(),
            Const::StrTuple(names) => {
                let items: Vec<Value<S>> = names
                    .into_iter()
                    .map(|n| Value::Obj(self.alloc_shared(Payload::Str(PyStr::new(n)))))
                    .collect();
                Value::Obj(self.alloc_shared(Payload::Tuple(items.into_boxed_slice())))
            }
        }
    }

    /// Sets a name in a dict without running Python code (for setting up
    /// namespaces). Keys here are always str, which are hashable.
    pub fn dict_set_str(&self, dict: &ObjRef<S>, name: &str, value: Value<S>) {
        let key = self.new_str(name);
        if let Payload::Dict(d) = dict.payload() {
            let Ok(hash) = hash_value(&key) else {
                unreachable!("str is hashable")
            };
            d.map.with::<S, _>(&dict.header, |m| {
                m.insert(DictKey { hash, key }, value);
            });
            d.bump_version();
        }
    }
}

/// Makes an exception object of `class` with `args`.
pub fn new_exception_obj<S: LockStrategy>(class: ObjRef<S>, args: Box<[Value<S>]>) -> ObjRef<S> {
    let (args, dict) = if crate::os_error::is_os_error_class(&class) {
        // `filename` and `filename2` live in the namespace.
        let (args, names) = crate::os_error::split_file_names(args);
        (args, Some(crate::os_error::names_dict(names)))
    } else {
        (args, None)
    };
    let dict = dict.or_else(|| match class.payload() {
        // User classes, and the import errors, whose `name` and `path`
        // attributes live there.
        Payload::Type(t)
            if t.dict.is_some() || t.name == "ImportError" || t.name == "ModuleNotFoundError" =>
        {
            Some(ObjRef::new(Payload::Dict(PyDict::new(new_map()))))
        }
        _ => None,
    });
    ObjRef::new(Payload::Exception(Box::new(ExceptionObj {
        dict,
        class: crate::object::ClassSlot::new(class),
        args: ObjCell::new(args),
        traceback: ObjCell::new(Vec::new()),
        chain: ObjCell::new(Default::default()),
    })))
}

/// Whether `exc` is an instance of `OSError` (whose two-argument form is
/// `(errno, strerror)`).
pub fn is_os_error<S: LockStrategy>(vm: &crate::vm::Vm<S>, exc: &Value<S>) -> bool {
    is_instance_of(vm, exc, "OSError")
}

/// Whether `exc` is an instance of `SystemExit` or a subclass (an exit
/// request, not an error).
pub fn is_system_exit<S: LockStrategy>(vm: &crate::vm::Vm<S>, exc: &Value<S>) -> bool {
    is_instance_of(vm, exc, "SystemExit")
}

/// Whether `exc` is an exception of the builtin class `class` or a subclass.
pub(crate) fn is_instance_of<S: LockStrategy>(
    vm: &crate::vm::Vm<S>,
    exc: &Value<S>,
    class: &str,
) -> bool {
    match exc.payload() {
        Some(Payload::Exception(e)) => {
            crate::builtins::is_subtype(&e.class.get(), &vm.interp.exceptions[class])
        }
        _ => false,
    }
}

/// A copy of an exception's `args`.
pub fn exception_args<S: LockStrategy>(exc: &ObjRef<S>) -> Vec<Value<S>> {
    match exc.payload() {
        Payload::Exception(e) => e.args.with::<S, _>(&exc.header, |a| a.to_vec()),
        _ => Vec::new(),
    }
}

/// The C3 linearisation (after the class itself) of a builtin class with
/// several `bases`, whose own MROs are consistent (the table above is
/// CPython's hierarchy, so the merge always succeeds).
fn builtin_c3_mro<S: LockStrategy>(bases: &[ObjRef<S>]) -> Vec<ObjRef<S>> {
    let full = |c: &ObjRef<S>| -> Vec<ObjRef<S>> {
        let mut l = vec![c.clone()];
        if let Payload::Type(t) = c.payload() {
            l.extend(t.mro.iter().cloned());
        }
        l
    };
    let mut seqs: Vec<Vec<ObjRef<S>>> = bases.iter().map(full).collect();
    seqs.push(bases.to_vec());
    let mut out = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return out;
        }
        let head = seqs
            .iter()
            .map(|s| s[0].clone())
            .find(|h| !seqs.iter().any(|s| s[1..].iter().any(|c| c.ptr_eq(h))));
        let Some(head) = head else {
            // Inconsistent (not in CPython's table): the bases' order.
            for s in seqs {
                for c in s {
                    if !out.iter().any(|o: &ObjRef<S>| o.ptr_eq(&c)) {
                        out.push(c);
                    }
                }
            }
            return out;
        };
        for s in seqs.iter_mut() {
            if s[0].ptr_eq(&head) {
                s.remove(0);
            }
        }
        out.push(head);
    }
}

fn immortal_flag<S: LockStrategy>() -> u8 {
    if S::IMMORTALIZE_SHARED {
        FLAG_IMMORTAL
    } else {
        0
    }
}

impl<S: LockStrategy> Drop for Interp<S> {
    fn drop(&mut self) {
        // SAFETY: this was the last handle on the interpreter: every VM
        // (each holds a handle) is gone, so no other thread can reach its
        // objects while the fields drop.
        self.teardown = Some(unsafe { crate::attached::Exclusive::enter() });
        crate::modules::signal::release_owner(self);
        self.flush_stdout();
    }
}

impl<S: LockStrategy> Drop for SharedObjects<S> {
    fn drop(&mut self) {
        // Free the registered (immortal and deferred) objects in two phases,
        // so that no payload's drop reads the header of one that was already
        // freed: first take every payload out (dropping them decrefs others, which only
        // reads their still-allocated headers), then free the storage.
        let immortals = std::mem::take(self.0.get_mut().unwrap_or_else(|e| e.into_inner()));
        // Weak references to immortal objects die with them: their table
        // entries must not outlive the objects' addresses.
        for p in &immortals {
            crate::weakref::clear_immortal(p.0);
        }
        let mut payloads = Vec::with_capacity(immortals.len());
        for p in &immortals {
            // SAFETY: the runtime is being dropped (this is its last field),
            // so no thread is attached, every Python thread was joined, and
            // nothing else reads these objects; each pointer is a live
            // immortal object registered once.
            let obj = unsafe { &mut *p.0.as_ptr() };
            payloads.push(std::mem::replace(&mut obj.stored, Payload::Freed));
        }
        drop(payloads);
        // Dropping the payloads counted deferred objects on this thread:
        // publish those counts while every header is still allocated, so
        // that no table entry outlives its object.
        crate::deferred_counts::flush_now();
        for p in immortals {
            // Deferred containers are tracked: leave the collector's lists
            // (which drop after this registry) before the storage goes.
            // SAFETY: as above; the header is still allocated.
            crate::gc::untrack(unsafe { &(*p.0.as_ptr()).header });
            // SAFETY: as above; the payload was taken, and this is the only
            // registration of the pointer.
            unsafe { ObjRef::<S>::free_immortal(p.0) };
        }
    }
}
