//! The stack VM. One [`Vm`] per OS thread; it holds that thread's caches and
//! runs frames of bytecode generic over the lock strategy.
//!
//! Safe points — where the strategy may take the GIL away or stop the world —
//! are backward jumps and function entry, as in CPython.

use crate::code::{Code, Instr};
use crate::interp::{new_exception_obj, Interp};
use crate::object::{Function, ObjRef, Payload, TracebackEntry, TypeKind, Value};
use crate::ops;
use crate::strategy::{LockStrategy, ThreadIdent};
use std::sync::Arc;

/// A raised Python exception (an object with an exception payload).
pub struct PyErr<S: LockStrategy> {
    pub exc: ObjRef<S>,
}

impl<S: LockStrategy> Clone for PyErr<S> {
    fn clone(&self) -> Self {
        Self {
            exc: self.exc.clone(),
        }
    }
}

pub type PyResult<S, T = Value<S>> = Result<T, PyErr<S>>;

/// Arguments of a call to a builtin: positional, then keyword.
pub struct Args<S: LockStrategy> {
    pub pos: Vec<Value<S>>,
    pub kw: Vec<(String, Value<S>)>,
}

impl<S: LockStrategy> Args<S> {
    pub fn positional(pos: Vec<Value<S>>) -> Self {
        Self {
            pos,
            kw: Vec::new(),
        }
    }
    /// Removes and returns keyword argument `name`.
    pub fn take_kw(&mut self, name: &str) -> Option<Value<S>> {
        let i = self.kw.iter().position(|(k, _)| k == name)?;
        Some(self.kw.remove(i).1)
    }
}

/// One cached global-name lookup, valid while the versions of the globals
/// and builtins dicts are unchanged.
struct CacheEntry<S: LockStrategy> {
    globals_version: u64,
    builtins_version: u64,
    value: Value<S>,
}

/// The per-thread interpreter.
pub struct Vm<S: LockStrategy> {
    pub interp: Arc<Interp<S>>,
    pub ident: ThreadIdent,
    /// Per-thread cache of global lookups, indexed by `code.cache_base + name`.
    /// Kept per thread so that reading a global never writes memory that other
    /// threads read: shared caches would bounce between cores.
    global_cache: Vec<Option<CacheEntry<S>>>,
    depth: usize,
    /// The thread's data stack: every frame's locals followed by its operand
    /// stack, contiguous, as in CPython. A call's arguments, pushed by the
    /// caller, become the callee's first locals where they lie. `None` marks
    /// an unbound local.
    stack: Vec<Option<Value<S>>>,
    /// The `threading.Thread` object of this thread, if Python started it.
    pub thread_obj: Option<ObjRef<S>>,
    /// Containers whose repr is being computed (to print `[...]` on cycles).
    repr_stack: Vec<usize>,
    /// Whether the native function now running declared that it releases
    /// the GIL.
    native_releases_gil: bool,
    /// The exceptions being handled (`except` and exceptional `finally`
    /// bodies), innermost last: what a bare `raise` re-raises and what new
    /// exceptions record as their `__context__`.
    exc_info: Vec<ObjRef<S>>,
    /// Set when the error now unwinding is a re-raise (bare `raise`, the end
    /// of an unmatched `except` or a `finally`): its traceback already has
    /// this frame.
    reraising: bool,
    /// This VM's tracking list for the cyclic collector (see
    /// [`crate::gc::enter`]).
    gc_list: Option<crate::gc::VmList>,
    /// The globals and the name namespace (class body, `exec` with locals)
    /// of the frame that called `globals()`, `exec` or `eval` by name
    /// (`Instr::CallFrameAware`), for the length of that call: what those
    /// builtins use by default. Set only around those calls, so that other
    /// calls pay nothing; the globals are a pointer (see
    /// [`Vm::frame_globals`]).
    current_globals: FrameGlobals<S>,
    pub(crate) current_namespace: Option<ObjRef<S>>,
    /// Whether that frame runs module code.
    pub(crate) current_is_module: bool,
    /// The Python frames running on this thread, outermost first: what
    /// `sys._getframe` walks. One record per frame, pushed and popped by
    /// [`Vm::execute_frame`].
    frames: Vec<FrameRecord<S>>,
}

/// Where one running frame is: pointers to the code and globals that its
/// `execute_frame` call borrows (no reference counts touched per call, so
/// that threads calling one function do not contend on its counts), and the
/// instruction it last left the fast loop at: the call it is making when a
/// callee reads it.
struct FrameRecord<S: LockStrategy> {
    code: *const Arc<Code<S>>,
    globals: *const ObjRef<S>,
    pc: u32,
}

// SAFETY: a record lives only while the `execute_frame` call that pushed it
// runs on the VM's thread (it pops its record before returning), and a VM
// moves between threads only between runs, when there are none.
unsafe impl<S: LockStrategy> Send for FrameRecord<S> {}

/// The globals of the frame running a `CallFrameAware` call (null when
/// none): a pointer that is only followed on the VM's own thread.
struct FrameGlobals<S: LockStrategy>(*const ObjRef<S>);

// SAFETY: the pointer is non-null only while a `CallFrameAware` call runs
// on the thread that owns the VM (the instruction restores the previous
// value when its call returns); a VM moves between threads only between
// runs, when it is null, and is never shared (`Vm` is not `Sync`).
unsafe impl<S: LockStrategy> Send for FrameGlobals<S> {}

/// A handler installed by `with`, `try`/`except` or `try`/`finally`: where
/// to go, the stack depth to keep, and how many exceptions were being handled
/// when it was installed.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Block {
    handler: u32,
    depth: usize,
    exc_depth: usize,
}

/// Whether a `CallFrameAware` call reads the caller's local variables:
/// `locals()`, `vars()` and `dir()` without arguments, `exec`/`eval` of
/// source alone. (`globals()` and calls given a namespace do not.)
fn reads_locals<S: LockStrategy>(callee: &Value<S>, argc: u32) -> bool {
    match callee.payload() {
        Some(Payload::Builtin(b)) => match &*b.name {
            "locals" | "vars" | "dir" => argc == 0,
            "exec" | "eval" => argc == 1,
            _ => false,
        },
        _ => false,
    }
}

/// A suspended generator frame: its slice of the data stack (locals, cells
/// and operands), where to resume, and its handlers (depths relative to the
/// frame).
pub struct GenFrame<S: LockStrategy> {
    values: Vec<Option<Value<S>>>,
    /// The exceptions its handlers were handling when it suspended
    /// (CPython's `gi_exc_state`): a bare `raise` after a `yield` or an
    /// `await` in an `except` block re-raises them.
    exc_info: Vec<Value<S>>,
    pc: usize,
    blocks: Vec<Block>,
    started: bool,
    finished: bool,
}

impl<S: LockStrategy> GenFrame<S> {
    /// Whether dropping the generator must close it first: it is suspended
    /// inside a `try` or `with`, whose handlers must run (CPython closes
    /// every suspended generator; without handlers that has no effect).
    pub(crate) fn needs_close(&self) -> bool {
        self.started && !self.finished && !self.blocks.is_empty()
    }

    /// The values the suspended frame holds (for the collector).
    pub(crate) fn values(&self) -> impl Iterator<Item = &Value<S>> {
        self.values.iter().flatten().chain(&self.exc_info)
    }

    /// The subiterator when the frame is suspended in a `yield from` or an
    /// `await` (it stays on top of the frame's stack there) rather than at
    /// a `yield`: an async generator's `await` passes what it yields on
    /// to the event loop, its `yield` produces the value of `__anext__()`.
    pub(crate) fn delegate(&self, code: &Code<S>) -> Option<Value<S>> {
        if !self.started || self.finished {
            return None;
        }
        match code.instrs.get(self.pc) {
            Some(Instr::YieldFrom) => self.values.last().cloned().flatten(),
            _ => None,
        }
    }

    /// Whether the frame has returned or raised (read while suspended; a
    /// running frame's state is out of its cell and reads as unfinished).
    pub(crate) fn is_finished(&self) -> bool {
        self.finished
    }

    /// Whether the frame has started running.
    pub(crate) fn is_started(&self) -> bool {
        self.started
    }
}

impl<S: LockStrategy> Default for GenFrame<S> {
    fn default() -> Self {
        Self {
            values: Vec::new(),
            exc_info: Vec::new(),
            pc: 0,
            blocks: Vec::new(),
            started: false,
            finished: false,
        }
    }
}

/// What resuming a generator gave.
pub enum GenStep<S: LockStrategy> {
    Yielded(Value<S>),
    Returned(Value<S>),
}

/// The state of one running frame; its values live on the thread's stack.
struct Frame<S: LockStrategy> {
    /// Set when the frame suspends at a `yield` (the value returned is the
    /// yielded one).
    yielded: bool,
    /// Index of local 0 in the thread's stack.
    base: usize,
    /// The namespace of a class body (where `LoadName`/`StoreName` go).
    namespace: Option<ObjRef<S>>,
    /// A function frame's `locals()` dict, made on first use and refreshed
    /// on each (CPython's `f_locals`).
    locals: Option<ObjRef<S>>,
    blocks: Vec<Block>,
    pc: usize,
}

impl<S: LockStrategy> Drop for Vm<S> {
    /// Releases every object reference before the handle on the
    /// interpreter: if this is the last handle, dropping it frees the
    /// immortal objects, which the references below may point to.
    fn drop(&mut self) {
        self.global_cache.clear();
        self.stack.clear();
        self.exc_info.clear();
        self.thread_obj = None;
        crate::finalize::leave();
        if let Some(list) = self.gc_list.take() {
            crate::gc::release_vm_list(&self.interp, list);
        }
    }
}

impl<S: LockStrategy> Vm<S> {
    /// A VM for the calling thread; the caller attaches it.
    pub fn new(interp: Arc<Interp<S>>) -> Self {
        let ident = interp.new_thread_ident();
        crate::finalize::enter();
        let gc_list = Some(crate::gc::vm_list(&interp));
        Self {
            interp,
            ident,
            global_cache: Vec::new(),
            depth: 0,
            stack: Vec::with_capacity(1024),
            thread_obj: None,
            current_globals: FrameGlobals(std::ptr::null()),
            frames: Vec::new(),
            current_namespace: None,
            current_is_module: false,
            repr_stack: Vec::new(),
            native_releases_gil: false,
            exc_info: Vec::new(),
            reraising: false,
            gc_list,
        }
    }

    #[inline(always)]
    pub fn strategy(&self) -> &S::Shared {
        &self.interp.strategy
    }

    /// Makes the calling thread run this VM: attaches it to the strategy
    /// (takes the GIL) and tracks the containers it allocates in this VM's
    /// list.
    pub fn attach(&self) {
        crate::attached::attach::<S>(&self.interp.strategy, self.ident);
        if let Some(list) = &self.gc_list {
            crate::gc::enter(&self.interp, list);
        }
        self.interp.release_deferred();
    }

    /// The reverse of [`Vm::attach`].
    pub fn detach(&self) {
        if let Some(list) = &self.gc_list {
            crate::gc::leave(list);
        }
        crate::attached::detach::<S>(&self.interp.strategy, self.ident)
    }

    /// Runs `f` detached (without the GIL), for a blocking call. `f` must not
    /// touch Python objects. See [`crate::detach::blocking`].
    pub fn blocking<R>(&self, f: impl FnOnce() -> R) -> R {
        crate::detach::blocking::<S, R>(&self.interp.strategy, self.ident, f)
    }

    /// Runs a native function's heavy part (`Py_BEGIN_ALLOW_THREADS`).
    /// Detaches only when the strategy releases the GIL for native calls and
    /// the running builtin declared that it releases it. `f` must not touch
    /// Python objects. See [`crate::detach::allow_threads`].
    pub fn allow_threads<R>(&self, f: impl FnOnce() -> R) -> R {
        crate::detach::allow_threads::<S, R>(
            &self.interp.strategy,
            self.ident,
            self.native_releases_gil,
            f,
        )
    }

    /// Marks a container as being repr'd; false if it already is (a cycle).
    pub fn enter_repr(&mut self, addr: usize) -> bool {
        if self.repr_stack.contains(&addr) {
            return false;
        }
        self.repr_stack.push(addr);
        true
    }

    pub fn leave_repr(&mut self, addr: usize) {
        self.repr_stack.retain(|a| *a != addr);
    }

    /// Pending finalizers are not run here but at the next call that is not
    /// a plain Python-to-Python call ([`Vm::call_args`]): every observable
    /// effect (output, a method call on a shared object) goes through one,
    /// and a check here would cost the hot loop a register spill.
    ///
    /// A safe point is also where memory that ran out on the way becomes
    /// MemoryError (see [`crate::alloc::ReserveAllocator`]).
    #[inline(always)]
    fn safe_point(&mut self) -> PyResult<S, ()> {
        if S::eval_breaker(&self.interp.strategy) {
            self.handle_eval_breaker();
        }
        // A signal whose Python handler must run (`modules::signal`).
        if crate::modules::signal::any_pending() {
            crate::modules::signal::run_pending(self)?;
        }
        if crate::alloc::memory_ran_out() {
            return Err(crate::alloc::memory_error(self));
        }
        Ok(())
    }

    /// The slow path of a safe point: the strategy's requests (drop the
    /// GIL, stop for a stop-the-world), then a scheduled collection.
    #[cold]
    #[inline(never)]
    fn handle_eval_breaker(&mut self) {
        S::handle_eval_breaker(&self.interp.strategy, self.ident);
        crate::alloc::restore_reserve();
        if S::take_gc_request(&self.interp.strategy) {
            self.collect_scheduled();
        }
    }

    /// How CPython names a callable in call errors (`_PyObject_FunctionStr`):
    /// `module.qualname()` for functions, `name()` for builtins.
    pub fn function_str(&mut self, callee: &Value<S>) -> String {
        match callee.payload() {
            Some(Payload::Function(f)) => {
                let module = ops::dict_get(&f.globals, &self.new_str("__name__"));
                match module.as_ref().and_then(|m| m.as_str()) {
                    Some(m) if m != "builtins" => format!("{m}.{}()", f.code.qualname),
                    _ => format!("{}()", f.code.qualname),
                }
            }
            Some(Payload::BoundMethod(_, func)) => {
                let func = func.clone();
                self.function_str(&func)
            }
            Some(Payload::Builtin(b)) => format!("{}()", b.name),
            Some(Payload::Type(t)) => format!("{}()", t.name),
            _ => crate::repr::repr(self, callee).unwrap_or_else(|_| "object".into()),
        }
    }

    /// The exception being handled (`sys.exc_info()`), if any.
    pub fn current_exception(&self) -> Option<ObjRef<S>> {
        self.exc_info.last().cloned()
    }

    /// Forgets the cached global lookups (see `global_cache`).
    pub(crate) fn clear_global_cache(&mut self) {
        self.global_cache.iter_mut().for_each(|e| *e = None);
    }

    /// Runs the finalizers that wait on this thread, if any.
    #[inline(always)]
    pub fn run_pending_finalizers(&mut self) {
        if crate::finalize::pending() {
            self.run_finalizers();
        }
    }

    /// Ends this thread's Python work while still attached: runs pending
    /// finalizers and releases every reference the VM holds, so that no
    /// object is released after the thread detaches.
    pub fn finish(&mut self) {
        self.run_pending_finalizers();
        self.global_cache.clear();
        self.stack.clear();
        self.exc_info.clear();
        self.thread_obj = None;
        self.run_pending_finalizers();
    }

    /// Leaves a runtime that this thread entered from another one (a
    /// sub-interpreter's `exec`, `Runtime::attach` inside another runtime):
    /// [`Vm::finish`], drops what is still queued for finalization while
    /// attached (it belongs to this runtime), detaches, and gives the thread
    /// back the other runtime's queue (`stashed`, taken before entering).
    pub(crate) fn leave_to(mut self, stashed: crate::finalize::Stashed) {
        self.finish();
        drop(crate::finalize::stash());
        self.detach();
        drop(self);
        crate::finalize::restore(stashed);
    }

    // ---- errors ----

    pub fn new_error(&self, class: &str, message: impl Into<String>) -> PyErr<S> {
        PyErr {
            exc: self.interp.new_exception(class, Some(message.into())),
        }
    }

    pub fn type_error(&self, message: impl Into<String>) -> PyErr<S> {
        self.new_error("TypeError", message)
    }

    pub fn value_error(&self, message: impl Into<String>) -> PyErr<S> {
        self.new_error("ValueError", message)
    }

    pub fn new_str(&self, s: impl Into<Box<str>>) -> Value<S> {
        self.interp.new_str(s)
    }

    // ---- running code ----

    /// Runs a module body with `globals` as its namespace.
    pub fn run_module_code(&mut self, code: &Arc<Code<S>>, globals: &ObjRef<S>) -> PyResult<S> {
        let base = self.stack.len();
        // A module frame counts against the limit, as in CPython (so that
        // the depth a recursion reaches before `RecursionError` matches).
        self.enter_recursive_call("")?;
        let r = self.run_frame(code, globals, &[], base, None);
        self.depth -= 1;
        r
    }

    /// Where the Python frame `depth` levels up from the innermost one is
    /// (`sys._getframe(depth)`), then each of its callers, innermost first;
    /// None when the stack is not that deep.
    pub(crate) fn frame_places(&self, depth: usize) -> Option<Vec<TracebackEntry<S>>> {
        let upto = self.frames.len().checked_sub(depth)?;
        if upto == 0 {
            return None;
        }
        Some(
            self.frames[..upto]
                .iter()
                .rev()
                .map(|r| {
                    // SAFETY: every record's pointers are the arguments of an
                    // `execute_frame` call still running on this thread (see
                    // `FrameRecord`), which borrows them until it pops the
                    // record, so they are alive while we read them here.
                    let (code, globals) = unsafe { ((*r.code).clone(), (*r.globals).clone()) };
                    let pc = (r.pc as usize).min(code.lines.len().saturating_sub(1));
                    TracebackEntry {
                        line: code.lines.get(pc).copied().unwrap_or(0),
                        pc: pc as u32,
                        code,
                        globals: Value::Obj(globals),
                    }
                })
                .collect(),
        )
    }

    /// Notes the instruction the innermost frame is at before it calls out.
    #[inline]
    fn note_pc(&mut self, pc: usize) {
        if let Some(r) = self.frames.last_mut() {
            r.pc = pc.saturating_sub(1) as u32;
        }
    }

    /// The globals of the innermost running Python frame, if any.
    pub(crate) fn frame_globals(&self) -> Option<ObjRef<S>> {
        // SAFETY: `current_globals` is null or points at the `globals`
        // argument of the eval loop that runs a `CallFrameAware` on this
        // thread, which borrows it for the whole loop; the instruction puts
        // the previous pointer back when its call returns, and whatever reads
        // it here runs inside that call, so the reference is alive. The VM
        // never leaves its thread while a frame runs.
        unsafe { self.current_globals.0.as_ref() }.cloned()
    }

    /// Runs module-level code in `globals`, with its names in `namespace`
    /// when given (`exec(code, globals, locals)`).
    pub fn run_code_in(
        &mut self,
        code: &Arc<Code<S>>,
        globals: &ObjRef<S>,
        namespace: Option<ObjRef<S>>,
    ) -> PyResult<S> {
        let base = self.stack.len();
        self.enter_recursive_call("")?;
        let r = self.run_frame(code, globals, &[], base, namespace);
        self.depth -= 1;
        r
    }

    /// CPython's `Py_EnterRecursiveCall`: counts one more level of Python
    /// re-entry, or raises `RecursionError` (`maximum recursion depth
    /// exceeded` followed by `context`) when the depth has reached
    /// `sys.getrecursionlimit()` or the thread's Rust stack is nearly used
    /// up. The second check is what keeps a very high limit, a thread with
    /// a small stack (an embedder's) or a path that uses much stack per
    /// level from overflowing the stack. Every successful call is paired
    /// with [`Vm::leave_recursive_call`].
    #[inline]
    pub fn enter_recursive_call(&mut self, context: &str) -> PyResult<S, ()> {
        if self.depth >= self.interp.recursion_limit() || crate::stack::nearly_exhausted() {
            return Err(self.new_error(
                "RecursionError",
                format!("maximum recursion depth exceeded{context}"),
            ));
        }
        self.depth += 1;
        Ok(())
    }

    /// Ends a level counted by [`Vm::enter_recursive_call`].
    #[inline]
    pub fn leave_recursive_call(&mut self) {
        self.depth -= 1;
    }

    /// Runs `f` as one level of Python re-entry (see
    /// [`Vm::enter_recursive_call`]).
    #[inline]
    pub fn recursive_call<R>(
        &mut self,
        context: &str,
        f: impl FnOnce(&mut Self) -> PyResult<S, R>,
    ) -> PyResult<S, R> {
        self.enter_recursive_call(context)?;
        let r = f(self);
        self.depth -= 1;
        r
    }

    /// The current recursion depth (what `sys.setrecursionlimit` checks
    /// a new limit against).
    pub fn recursion_depth(&self) -> usize {
        self.depth
    }

    /// Calls any callable with positional arguments.
    pub fn call(&mut self, callee: &Value<S>, args: Vec<Value<S>>) -> PyResult<S> {
        self.call_args(callee, Args::positional(args))
    }

    /// Calls any callable.
    pub fn call_args(&mut self, callee: &Value<S>, mut args: Args<S>) -> PyResult<S> {
        self.run_pending_finalizers();
        let Value::Obj(obj) = callee else {
            return Err(self.type_error(format!(
                "'{}' object is not callable",
                ops::type_name(callee)
            )));
        };
        // As stored: an instance of a user subclass of a builtin type is
        // called through its class's `__call__`, as any instance.
        match obj.stored() {
            Payload::Function(f) => {
                let base = self.bind_args(obj, f, args)?;
                self.enter_function(f, base)
            }
            Payload::Builtin(b) => {
                let outer = std::mem::replace(&mut self.native_releases_gil, b.releases_gil);
                let r = match &b.func {
                    crate::object::NativeCode::Fn(f) => f(self, args),
                    crate::object::NativeCode::Closure(f) => f(self, args),
                };
                self.native_releases_gil = outer;
                r
            }
            Payload::WeakRef(w) => crate::weakref::call(self, w, &args),
            Payload::BoundMethod(this, func) => {
                args.pos.insert(0, this.clone());
                let func = func.clone();
                self.call_args(&func, args)
            }
            // Calls through a type's or an instance's call slot count
            // against the recursion limit, as CPython's `_PyObject_MakeTpCall`
            // does: `A.__call__ = A()` recurses without any Python frame.
            Payload::Type(t) if t.dict.is_some() => {
                let class = obj.clone();
                if let Some(meta) = &t.metaclass {
                    // `Meta.__call__(cls, *args)`, when the metaclass defines it.
                    let meta_call = crate::classes::class_lookup(meta, &self.new_str("__call__"));
                    if let Some(f) = meta_call {
                        let meta = meta.clone();
                        return self.recursive_call(" while calling a Python object", |vm| {
                            let f = crate::classes::bind(vm, f, &Value::Obj(class), &meta)?;
                            vm.call_args(&f, args)
                        });
                    }
                }
                self.recursive_call(" while calling a Python object", |vm| {
                    crate::classes::instantiate(vm, &class, args)
                })
            }
            Payload::Instance(_) => {
                let callee = callee.clone();
                let class = crate::classes::user_class_of(&callee).expect("instance");
                match crate::classes::class_lookup(&class, &self.new_str("__call__")) {
                    Some(f) => self.recursive_call(" while calling a Python object", |vm| {
                        // A function gets the instance as its first
                        // argument; anything else binds as a class
                        // attribute does (an instance that is not a
                        // descriptor is called as it is, as in CPython).
                        let f = if matches!(f.payload(), Some(Payload::Function(_))) {
                            args.pos.insert(0, callee);
                            f
                        } else {
                            crate::classes::bind(vm, f, &callee, &class)?
                        };
                        vm.call_args(&f, args)
                    }),
                    None => Err(self.type_error(format!(
                        "'{}' object is not callable",
                        ops::type_name(&callee)
                    ))),
                }
            }
            Payload::Type(t) => {
                let kind = t.kind;
                if kind == TypeKind::Exception {
                    if crate::exceptions::is_group_class(self, obj) {
                        let group = crate::exceptions::new_group(self, obj, &args.pos)?;
                        if !args.kw.is_empty() {
                            let name = ops::type_name(&Value::Obj(group));
                            return Err(
                                self.type_error(format!("{name}() takes no keyword arguments"))
                            );
                        }
                        return Ok(Value::Obj(group));
                    }
                    if !args.kw.is_empty() {
                        return Err(
                            self.type_error(format!("{}() takes no keyword arguments", t.name))
                        );
                    }
                    let class = crate::os_error::constructed_class(self, obj, &args.pos);
                    return Ok(Value::Obj(new_exception_obj(
                        class,
                        args.pos.into_boxed_slice(),
                    )));
                }
                crate::builtins::construct(self, kind, obj, args)
            }
            Payload::Native(n) => n.call(self, obj, args),
            _ => Err(self.type_error(format!(
                "'{}' object is not callable",
                ops::type_name(callee)
            ))),
        }
    }

    /// Binds call arguments to a function's parameters (CPython's messages).
    /// Pushes the callee's locals for a call; returns their base index.
    fn bind_args(
        &mut self,
        obj: &ObjRef<S>,
        f: &Function<S>,
        mut args: Args<S>,
    ) -> PyResult<S, usize> {
        let code = &f.code;
        let argcount = code.argcount as usize;
        let posonly = code.posonlyargcount as usize;
        let kwonly = code.kwonlyargcount as usize;
        let npos = args.pos.len();
        let mut locals: Vec<Option<Value<S>>> = Vec::with_capacity(code.nlocals as usize);
        locals.resize(code.nlocals as usize, None);
        let mut slot = argcount + kwonly;
        let varargs_slot = code.varargs.then(|| {
            slot += 1;
            slot - 1
        });
        let varkw_slot = code.varkw.then_some(slot);
        let extra: Vec<Value<S>> = if npos > argcount && varargs_slot.is_some() {
            args.pos.split_off(argcount)
        } else {
            Vec::new()
        };
        for (i, v) in args.pos.drain(..).enumerate().take(argcount) {
            locals[i] = Some(v);
        }
        if let Some(s) = varargs_slot {
            locals[s] = Some(ops::new_tuple(extra));
        }
        // Keywords first, as CPython does: their errors come before a
        // count of positional arguments.
        let kwargs = varkw_slot.map(|_| ops::new_dict());
        let mut kwonly_given = 0;
        let mut posonly_as_kw: Vec<String> = Vec::new();
        for (name, value) in std::mem::take(&mut args.kw) {
            match code.varnames[posonly..argcount + kwonly]
                .iter()
                .position(|v| **v == *name)
                .map(|i| i + posonly)
            {
                Some(i) if locals[i].is_some() => {
                    return Err(self.type_error(format!(
                        "{}() got multiple values for argument '{}'",
                        self.qualname_of(obj, f),
                        name
                    )))
                }
                Some(i) => {
                    if i >= argcount {
                        kwonly_given += 1;
                    }
                    locals[i] = Some(value)
                }
                None => match &kwargs {
                    Some(Value::Obj(d)) => {
                        let key = self.new_str(name);
                        ops::dict_set(self, d, key, value)?;
                    }
                    _ => {
                        if code.varnames[..posonly].iter().any(|v| **v == *name) {
                            posonly_as_kw.push(name);
                            continue;
                        }
                        return Err(self.type_error(format!(
                            "{}() got an unexpected keyword argument '{}'",
                            self.qualname_of(obj, f),
                            name
                        )));
                    }
                },
            }
        }
        if !posonly_as_kw.is_empty() {
            return Err(self.type_error(format!(
                "{}() got some positional-only arguments passed as keyword arguments: '{}'",
                self.qualname_of(obj, f),
                posonly_as_kw.join(", ")
            )));
        }
        if npos > argcount && varargs_slot.is_none() {
            let ndefaults = f.defaults.with::<S, _>(&obj.header, |d| d.positional.len());
            let takes = if ndefaults > 0 {
                format!("from {} to {}", argcount - ndefaults, argcount)
            } else {
                argcount.to_string()
            };
            let plural = if argcount == 1 && ndefaults == 0 {
                ""
            } else {
                "s"
            };
            let kwonly_note = if kwonly_given > 0 {
                format!(
                    " positional argument{} (and {} keyword-only argument{})",
                    if npos == 1 { "" } else { "s" },
                    kwonly_given,
                    if kwonly_given == 1 { "" } else { "s" }
                )
            } else {
                String::new()
            };
            let was = if npos == 1 && kwonly_given == 0 {
                "was"
            } else {
                "were"
            };
            return Err(self.type_error(format!(
                "{}() takes {} positional argument{} but {}{} {} given",
                self.qualname_of(obj, f),
                takes,
                plural,
                npos,
                kwonly_note,
                was
            )));
        }
        if let (Some(s), Some(d)) = (varkw_slot, kwargs) {
            locals[s] = Some(d);
        }
        let mut missing = Vec::new();
        // The defaults, read under the function's lock: another thread may
        // assign `__defaults__` (the values are copied out, never run).
        f.defaults.with::<S, _>(&obj.header, |d| {
            let first_default = argcount.saturating_sub(d.positional.len());
            for (i, slot) in locals.iter_mut().enumerate().take(argcount).skip(npos) {
                if slot.is_none() {
                    if i >= first_default {
                        *slot = Some(d.positional[i - first_default].clone());
                    } else {
                        missing.push(format!("'{}'", code.varnames[i]));
                    }
                }
            }
        });
        if !missing.is_empty() {
            return Err(self.missing_arguments(&self.qualname_of(obj, f), "positional", &missing));
        }
        for (i, slot) in locals
            .iter_mut()
            .enumerate()
            .take(argcount + kwonly)
            .skip(argcount)
        {
            if slot.is_none() {
                let name = &code.varnames[i];
                let default = f.defaults.with::<S, _>(&obj.header, |d| {
                    d.keyword
                        .iter()
                        .find(|(n, _)| **n == **name)
                        .map(|(_, v)| v.clone())
                });
                match default {
                    Some(v) => *slot = Some(v),
                    None => missing.push(format!("'{}'", name)),
                }
            }
        }
        if !missing.is_empty() {
            return Err(self.missing_arguments(
                &self.qualname_of(obj, f),
                "keyword-only",
                &missing,
            ));
        }
        let base = self.stack.len();
        self.stack.extend(locals);
        Ok(base)
    }

    /// The name a function's call errors give: its `__qualname__`, which a
    /// program may have rebound (dataclasses' generated `__init__`); read
    /// only when an error is being made.
    fn qualname_of(&self, obj: &ObjRef<S>, f: &Function<S>) -> String {
        let rebound = f
            .dict
            .with::<S, _>(&obj.header, |d| d.clone())
            .and_then(|d| ops::dict_get(&d, &self.new_str("__qualname__")));
        match rebound.as_ref().and_then(|q| q.as_str()) {
            Some(q) => q.to_string(),
            None => f.code.qualname.to_string(),
        }
    }

    /// CPython's "f() missing 2 required positional arguments: 'a' and 'b'".
    fn missing_arguments(&self, qualname: &str, kind: &str, missing: &[String]) -> PyErr<S> {
        let n = missing.len();
        let list = match n {
            1 => missing[0].clone(),
            2 => format!("{} and {}", missing[0], missing[1]),
            _ => format!("{}, and {}", missing[..n - 1].join(", "), missing[n - 1]),
        };
        self.type_error(format!(
            "{}() missing {} required {} argument{}: {}",
            qualname,
            n,
            kind,
            if n == 1 { "" } else { "s" },
            list
        ))
    }

    /// Runs a function whose locals start at `base`; pops them afterwards.
    fn enter_function(&mut self, f: &Function<S>, base: usize) -> PyResult<S> {
        if f.code.suspends {
            return Ok(self.make_generator(f, base));
        }
        if let Err(e) = self.safe_point() {
            self.stack.truncate(base);
            return Err(e);
        }
        if let Err(e) = self.enter_recursive_call("") {
            self.stack.truncate(base);
            return Err(e);
        }
        let r = self.run_frame(&f.code, &f.globals, &f.closure, base, None);
        self.depth -= 1;
        r
    }

    /// Runs a frame whose (possibly partial) locals start at `base`, and
    /// truncates the stack back to `base` afterwards.
    fn run_frame(
        &mut self,
        code: &Arc<Code<S>>,
        globals: &ObjRef<S>,
        closure: &[Value<S>],
        base: usize,
        namespace: Option<ObjRef<S>>,
    ) -> PyResult<S> {
        self.setup_frame(code, closure, base);
        let mut frame = Frame {
            yielded: false,
            base,
            namespace,
            locals: None,
            blocks: Vec::new(),
            pc: 0,
        };
        let result = self.execute_frame(code, globals, &mut frame, None);
        self.stack.truncate(base);
        result
    }

    /// Makes room for a frame's locals and creates its cells.
    fn setup_frame(&mut self, code: &Arc<Code<S>>, closure: &[Value<S>], base: usize) {
        self.stack.resize(base + code.nlocals as usize, None);
        if !code.cellvars.is_empty() || !closure.is_empty() {
            // Cell variables get fresh cells (a parameter's value moves into
            // its cell); free variables get the function's closure cells.
            for param in code.cell_params.iter() {
                let value = param.and_then(|p| self.stack[base + p as usize].take());
                let cell = ObjRef::new(Payload::Cell(crate::object::ObjCell::new(value)));
                self.stack.push(Some(Value::Obj(cell)));
            }
            self.stack.extend(closure.iter().cloned().map(Some));
        }
    }

    /// Runs a frame from `frame.pc` until it returns, yields or raises;
    /// `pending` is an exception to raise at that point first (`throw`).
    fn execute_frame(
        &mut self,
        code: &Arc<Code<S>>,
        globals: &ObjRef<S>,
        frame: &mut Frame<S>,
        mut pending: Option<PyErr<S>>,
    ) -> PyResult<S> {
        let exc_base = self.exc_info.len();
        self.frames.push(FrameRecord {
            code,
            globals,
            pc: frame.pc as u32,
        });
        let result = loop {
            let step = match pending.take() {
                Some(err) => Err(err),
                None => self.eval(code, globals, frame),
            };
            match step {
                Ok(v) => break Ok(v),
                Err(err) => {
                    // Like CPython, record this frame in the traceback where
                    // the exception was raised or passed through, whether or
                    // not a handler here catches it; a re-raise already has it.
                    if !std::mem::take(&mut self.reraising) {
                        let pc = frame.pc.saturating_sub(1).min(code.lines.len() - 1);
                        add_traceback(
                            &err,
                            TracebackEntry {
                                code: code.clone(),
                                globals: Value::Obj(globals.clone()),
                                line: code.lines[pc],
                                pc: pc as u32,
                            },
                        );
                    }
                    self.set_context(&err);
                    if let Some(block) = frame.blocks.pop() {
                        self.stack.truncate(block.depth);
                        self.exc_info.truncate(block.exc_depth);
                        self.stack.push(Some(Value::Obj(err.exc)));
                        frame.pc = block.handler as usize;
                        continue;
                    }
                    break Err(err);
                }
            }
        };
        self.frames.pop();
        if !frame.yielded {
            // A suspended generator's exceptions go with its frame (see
            // `gen_resume`).
            self.exc_info.truncate(exc_base);
        }
        result
    }

    /// Makes the generator that calling a generator function returns; its
    /// bound arguments start at `base`.
    fn make_generator(&mut self, f: &Function<S>, base: usize) -> Value<S> {
        self.setup_frame(&f.code, &f.closure, base);
        let values = self.stack.split_off(base);
        Value::Obj(ObjRef::new(Payload::Generator(Box::new(
            crate::object::GeneratorObj {
                code: f.code.clone(),
                globals: f.globals.clone(),
                running: crate::sync::AtomicBool::new(false),
                ag_running_async: crate::sync::AtomicBool::new(false),
                ag_closed: crate::sync::AtomicBool::new(false),
                frame: crate::object::ObjCell::new(GenFrame {
                    values,
                    ..GenFrame::default()
                }),
            },
        ))))
    }

    /// Resumes a generator: sends `send` (the value of its `yield`) or
    /// raises `throw` at the point where it is suspended.
    pub fn gen_resume(
        &mut self,
        g: &ObjRef<S>,
        send: Value<S>,
        throw: Option<PyErr<S>>,
    ) -> PyResult<S, GenStep<S>> {
        use crate::sync::Ordering;
        // Every caller has matched the payload (the methods through
        // `recv_gen`, the wrappers hold the coroutine they were made from).
        let Payload::Generator(gen) = g.payload() else {
            unreachable!("gen_resume on a generator")
        };
        let kind = gen.kind_words();
        if gen.running.swap(true, Ordering::AcqRel) {
            return Err(self.value_error(format!("{kind} already executing")));
        }
        let mut state = gen.frame.with::<S, _>(&g.header, std::mem::take);
        let give_back = |vm: &Self, state: GenFrame<S>| {
            gen.frame.with::<S, _>(&g.header, |f| *f = state);
            gen.running.store(false, Ordering::Release);
            let _ = vm;
        };
        if state.finished {
            give_back(self, state);
            if gen.kind() == TypeKind::Coroutine {
                // A coroutine runs once: `await` of a finished one is an
                // error (a finished generator just stops again).
                return Err(
                    self.new_error("RuntimeError", "cannot reuse already awaited coroutine")
                );
            }
            return match throw {
                Some(e) => Err(e),
                None => Ok(GenStep::Returned(Value::None)),
            };
        }
        if !state.started && throw.is_none() && !matches!(send, Value::None) {
            give_back(self, state);
            return Err(self.type_error(format!(
                "can't send non-None value to a just-started {kind}"
            )));
        }
        if let Err(e) = self.enter_recursive_call("") {
            give_back(self, state);
            return Err(e);
        }
        let mut throw = throw;
        let push_send = state.started && throw.is_none();
        if state.started && matches!(gen.code.instrs.get(state.pc), Some(Instr::YieldFrom)) {
            if let Some(err) = throw.take() {
                // PEP 380: suspended in `yield from`, the generator hands the
                // exception to its subiterator first; the subiterator's
                // `yield from` stays on top of the stack until it finishes.
                let sub = state.values.last().cloned().flatten();
                let sub = sub.expect("`yield from` keeps its subiterator on the stack");
                match self.throw_into_subiterator(&sub, err) {
                    Ok(GenStep::Yielded(v)) => {
                        self.depth -= 1;
                        give_back(self, state);
                        return Ok(GenStep::Yielded(v));
                    }
                    Ok(GenStep::Returned(r)) => {
                        // The subiterator finished: `yield from` evaluates to
                        // its return value, and execution goes on after it.
                        *state.values.last_mut().expect("subiterator slot") = Some(r);
                        state.pc += 1;
                    }
                    Err(e) => throw = Some(e),
                }
            }
        }
        let base = self.stack.len();
        let exc_base = self.exc_info.len();
        for e in state.exc_info.drain(..) {
            if let Value::Obj(e) = e {
                self.exc_info.push(e);
            }
        }
        self.stack.append(&mut state.values);
        if push_send {
            self.stack.push(Some(send));
        }
        state.started = true;
        let mut blocks = std::mem::take(&mut state.blocks);
        for b in &mut blocks {
            b.depth += base;
            b.exc_depth += exc_base;
        }
        let mut frame = Frame {
            yielded: false,
            base,
            namespace: None,
            locals: None,
            blocks,
            pc: state.pc,
        };
        // Counted by `enter_recursive_call` above.
        let r = self.execute_frame(&gen.code, &gen.globals, &mut frame, throw);
        self.depth -= 1;
        let step = match r {
            Ok(v) if frame.yielded => {
                let kept = self.exc_info.split_off(exc_base.min(self.exc_info.len()));
                state.exc_info = kept.into_iter().map(Value::Obj).collect();
                state.values = self.stack.split_off(base);
                state.pc = frame.pc;
                state.blocks = frame.blocks;
                for b in &mut state.blocks {
                    b.depth -= base;
                    b.exc_depth = b.exc_depth.saturating_sub(exc_base);
                }
                Ok(GenStep::Yielded(v))
            }
            Ok(v) => {
                state.finished = true;
                self.stack.truncate(base);
                self.exc_info.truncate(exc_base);
                Ok(GenStep::Returned(v))
            }
            Err(e) => {
                state.finished = true;
                self.stack.truncate(base);
                self.exc_info.truncate(exc_base);
                // PEP 479: StopIteration must not leak out of a generator,
                // nor StopAsyncIteration out of an async generator (PEP 525).
                let leaked = match ops::type_name(&Value::Obj(e.exc.clone())).as_str() {
                    "StopIteration" => Some("StopIteration"),
                    "StopAsyncIteration" if gen.kind() == TypeKind::AsyncGenerator => {
                        Some("StopAsyncIteration")
                    }
                    _ => None,
                };
                if let Some(leaked) = leaked {
                    let err = self.new_error("RuntimeError", format!("{kind} raised {leaked}"));
                    if let Payload::Exception(x) = err.exc.payload() {
                        x.chain.with::<S, _>(&err.exc.header, |c| {
                            c.cause = Some(Value::Obj(e.exc.clone()));
                            c.context = Some(e.exc.clone());
                            c.suppress_context = true;
                        });
                    }
                    Err(err)
                } else {
                    Err(e)
                }
            }
        };
        give_back(self, state);
        step
    }

    /// `throw()` into the subiterator of a `yield from`. A generator gets
    /// the exception raised where it is suspended, except `GeneratorExit`,
    /// for which it is closed and the exception then raised in the delegating
    /// generator (PEP 380). Other iterators have no `throw`: the exception
    /// is raised in the delegating generator.
    pub(crate) fn throw_into_subiterator(
        &mut self,
        sub: &Value<S>,
        err: PyErr<S>,
    ) -> PyResult<S, GenStep<S>> {
        let Some(Payload::Generator(_)) = sub.payload() else {
            return self.throw_into_other(sub, err);
        };
        let g = sub.obj().expect("generators are objects");
        if ops::type_name(&Value::Obj(err.exc.clone())) == "GeneratorExit" {
            self.gen_close(g)?;
            return Err(err);
        }
        self.gen_resume(g, Value::None, Some(err))
    }

    /// `throw()` into a subiterator that is not a generator: the awaitables
    /// of `crate::types` directly, other objects through their `throw` (or,
    /// for `GeneratorExit`, `close`) method when they have one (PEP 380).
    fn throw_into_other(&mut self, sub: &Value<S>, err: PyErr<S>) -> PyResult<S, GenStep<S>> {
        if let Some(step) = crate::types::async_gen::throw_step(self, sub, &err) {
            return step;
        }
        let closing = ops::type_name(&Value::Obj(err.exc.clone())) == "GeneratorExit";
        let name = if closing { "close" } else { "throw" };
        let Some(method) = self.optional_attr(sub, name)? else {
            return Err(err);
        };
        if closing {
            self.call(&method, Vec::new())?;
            return Err(err);
        }
        let r = self.call(&method, vec![Value::Obj(err.exc)]);
        self.step_of(r)
    }

    /// `obj.name`, or None where it has no such attribute.
    fn optional_attr(&mut self, obj: &Value<S>, name: &str) -> PyResult<S, Option<Value<S>>> {
        match ops::get_attr(self, obj, &name_obj(self, name)) {
            Ok(v) => Ok(Some(v)),
            Err(e)
                if crate::interp::is_instance_of(
                    self,
                    &Value::Obj(e.exc.clone()),
                    "AttributeError",
                ) =>
            {
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    /// What a subiterator's `send`/`throw`/`__next__` call gave: a value it
    /// yields, or the value of the `StopIteration` that ends it.
    fn step_of(&self, r: PyResult<S>) -> PyResult<S, GenStep<S>> {
        match r {
            Ok(v) => Ok(GenStep::Yielded(v)),
            Err(e)
                if crate::interp::is_instance_of(
                    self,
                    &Value::Obj(e.exc.clone()),
                    "StopIteration",
                ) =>
            {
                let value = crate::interp::exception_args(&e.exc).first().cloned();
                Ok(GenStep::Returned(value.unwrap_or(Value::None)))
            }
            Err(e) => Err(e),
        }
    }

    /// Sends `sent` to the subiterator of a `yield from` or `await`
    /// (CPython's `SEND`): a generator or coroutine is resumed, the
    /// awaitables of `crate::types` stepped, other iterators advanced with
    /// `__next__` (None) or their `send` method.
    pub(crate) fn subiterator_send(
        &mut self,
        iter: &Value<S>,
        sent: Value<S>,
    ) -> PyResult<S, GenStep<S>> {
        if let Some(Payload::Generator(_)) = iter.payload() {
            return self.gen_resume(iter.obj().expect("generator"), sent, None);
        }
        if let Some(step) = crate::types::async_gen::send_step(self, iter, &sent) {
            return step;
        }
        if matches!(sent, Value::None) && crate::classes::user_class_of(iter).is_none() {
            return Ok(match ops::iter_next(self, iter)? {
                Some(v) => GenStep::Yielded(v),
                None => GenStep::Returned(Value::None),
            });
        }
        let r = match sent {
            Value::None => ops::call_method(self, iter, "__next__", Vec::new()),
            sent => ops::call_method(self, iter, "send", vec![sent]),
        };
        self.step_of(r)
    }

    /// `gen.close()`: raises `GeneratorExit` where the generator is
    /// suspended; a generator that yields again is an error.
    pub fn gen_close(&mut self, g: &ObjRef<S>) -> PyResult<S, ()> {
        // As in `gen_resume`: callers have matched the payload.
        let Payload::Generator(gen) = g.payload() else {
            unreachable!("gen_close on a generator")
        };
        if gen.frame.with::<S, _>(&g.header, |f| f.is_finished()) {
            // Closing is silent on a finished coroutine too.
            return Ok(());
        }
        let exit = PyErr {
            exc: self.interp.new_exception("GeneratorExit", None),
        };
        match self.gen_resume(g, Value::None, Some(exit)) {
            Ok(GenStep::Yielded(_)) => {
                let kind = gen.kind_words();
                Err(self.new_error("RuntimeError", format!("{kind} ignored GeneratorExit")))
            }
            Ok(GenStep::Returned(_)) => Ok(()),
            Err(e)
                if matches!(
                    ops::type_name(&Value::Obj(e.exc.clone())).as_str(),
                    "GeneratorExit" | "StopIteration"
                ) =>
            {
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// Records the exception being handled as a new exception's
    /// `__context__`, as CPython does when an exception is raised.
    fn set_context(&self, err: &PyErr<S>) {
        let Some(current) = self.exc_info.last() else {
            return;
        };
        if current.ptr_eq(&err.exc) {
            return;
        }
        if let Payload::Exception(e) = err.exc.payload() {
            e.chain.with::<S, _>(&err.exc.header, |c| {
                if c.context.is_none() {
                    c.context = Some(current.clone());
                }
            });
        }
    }

    /// Looks a global name up, through the per-thread cache where the
    /// strategy keeps one ([`LockStrategy::CACHE_GLOBALS`]).
    #[inline]
    fn load_global(&mut self, code: &Code<S>, globals: &ObjRef<S>, i: u32) -> PyResult<S> {
        if !S::CACHE_GLOBALS {
            return self.load_global_uncached(code, globals, i);
        }
        // A frame's globals are a module's dict or what exec/eval accepted
        // (a dict, subclasses included); builtins is the interpreter's.
        let (Payload::Dict(g), Payload::Dict(b)) =
            (globals.payload(), self.interp.builtins.payload())
        else {
            unreachable!("globals and builtins are dicts")
        };
        let gv = g.version();
        let bv = b.version();
        let slot = code.cache_base + i as usize;
        if let Some(Some(e)) = self.global_cache.get(slot) {
            if e.globals_version == gv && e.builtins_version == bv {
                return Ok(e.value.clone());
            }
        }
        let value = self.load_global_uncached(code, globals, i)?;
        if is_cacheable(&value) {
            if self.global_cache.len() <= slot {
                self.global_cache.resize_with(slot + 1, || None);
            }
            self.global_cache[slot] = Some(CacheEntry {
                globals_version: gv,
                builtins_version: bv,
                value: value.clone(),
            });
        }
        Ok(value)
    }

    /// Looks a global name up in the globals dict, then the builtins dict,
    /// each under its lock.
    fn load_global_uncached(&self, code: &Code<S>, globals: &ObjRef<S>, i: u32) -> PyResult<S> {
        let name = &code.names[i as usize];
        let key = Value::Obj(name.clone());
        let found = match ops::dict_get(globals, &key) {
            Some(v) => Some(v),
            None => ops::dict_get(&self.interp.builtins, &key),
        };
        found.ok_or_else(|| {
            self.new_error(
                "NameError",
                format!("name '{}' is not defined", key.as_str().unwrap_or("?")),
            )
        })
    }

    /// The interpreter loop for one frame. Returns the frame's return value,
    /// or an exception with `frame.pc` just past the faulting instruction.
    fn eval(
        &mut self,
        code: &Arc<Code<S>>,
        globals: &ObjRef<S>,
        frame: &mut Frame<S>,
    ) -> PyResult<S> {
        // The loop works on the data stack through a local `&mut` that
        // nothing else aliases, so its pointer and length stay in registers;
        // it goes back to `self` only around calls of Python functions.
        let mut stack = std::mem::take(&mut self.stack);
        let r = self.eval_loop(&mut stack, code, globals, frame);
        std::mem::swap(&mut self.stack, &mut stack);
        r
    }

    /// The hot loop: the instructions of tight loops and calls run inline
    /// here; everything else goes through [`Vm::eval_slow`], kept out of
    /// line so that this loop's state stays in registers. Never inlined
    /// into its callers either: merged into a bigger function, its values
    /// spill to stack temporaries and every push stalls on store forwarding.
    #[inline(never)]
    fn eval_loop(
        &mut self,
        stack: &mut Vec<Option<Value<S>>>,
        code: &Arc<Code<S>>,
        globals: &ObjRef<S>,
        frame: &mut Frame<S>,
    ) -> PyResult<S> {
        let instrs = &code.instrs[..];
        let base = frame.base;
        let mut pc = frame.pc;
        macro_rules! pop {
            () => {
                match stack.pop() {
                    Some(Some(v)) => v,
                    _ => unreachable!("operand stack underflow"),
                }
            };
        }
        // Leaves the loop with an error; `frame.pc` tells where it happened.
        macro_rules! tri {
            ($e:expr) => {
                match $e {
                    Ok(v) => v,
                    Err(e) => {
                        frame.pc = pc;
                        return Err(e);
                    }
                }
            };
        }
        // Runs the instruction through `eval_slow` (the general path),
        // leaving the loop if it returned.
        macro_rules! slow {
            ($instr:expr) => {
                frame.pc = pc;
                if let Some(v) = self.eval_slow(stack, code, globals, frame, $instr)? {
                    return Ok(v);
                }
            };
        }
        loop {
            let instr = instrs[pc];
            pc += 1;
            match instr {
                Instr::LoadFast(i) => match &stack[base + i as usize] {
                    Some(v) => {
                        let v = v.clone();
                        stack.push(Some(v));
                    }
                    None => {
                        frame.pc = pc;
                        return Err(self.unbound_local(code, i));
                    }
                },
                Instr::StoreFast(i) => {
                    let v = pop!();
                    stack[base + i as usize] = Some(v);
                }
                Instr::LoadConst(i) => stack.push(Some(code.consts[i as usize].clone())),
                Instr::LoadGlobal(i) => {
                    let v = tri!(self.load_global(code, globals, i));
                    stack.push(Some(v));
                }
                Instr::Pop => {
                    pop!();
                }
                Instr::Return => return Ok(pop!()),
                Instr::Binary(op) | Instr::Inplace(op) => {
                    let n = stack.len();
                    let fast = match (stack.get(n - 2), stack.get(n - 1)) {
                        (Some(Some(Value::Int(x))), Some(Some(Value::Int(y)))) => {
                            crate::types::int::int_fast::<S>(op, *x, *y)
                        }
                        (Some(Some(a)), Some(Some(b))) => crate::types::float::float_fast(op, a, b),
                        _ => None,
                    };
                    if let Some(r) = fast {
                        stack.truncate(n - 2);
                        stack.push(Some(r));
                        continue;
                    }
                    slow!(instr);
                }
                Instr::Compare(op) => {
                    let n = stack.len();
                    if let (Some(Some(Value::Int(x))), Some(Some(Value::Int(y)))) =
                        (stack.get(n - 2), stack.get(n - 1))
                    {
                        let r = ops::cmp_ord(op, x.cmp(y));
                        stack.truncate(n - 2);
                        stack.push(Some(Value::Bool(r)));
                        continue;
                    }
                    if let (Some(Some(Value::Float(x))), Some(Some(Value::Float(y)))) =
                        (stack.get(n - 2), stack.get(n - 1))
                    {
                        let r = crate::types::float::float_compare(op, *x, *y);
                        stack.truncate(n - 2);
                        stack.push(Some(Value::Bool(r)));
                        continue;
                    }
                    slow!(instr);
                }
                Instr::PopJumpIfFalse(target) | Instr::PopJumpIfTrue(target) => {
                    let jump_if = matches!(instr, Instr::PopJumpIfTrue(_));
                    let t = match pop!() {
                        Value::Bool(b) => b,
                        other => tri!(ops::truthy(self, &other)),
                    };
                    if t == jump_if {
                        pc = target as usize;
                    }
                }
                Instr::Jump(target) => {
                    if (target as usize) < pc {
                        tri!(self.safe_point());
                    }
                    pc = target as usize;
                }
                // `list[i]` and `tuple[i]` with a machine int in range (the
                // exact types: a subclass's object is an `Instance`). The
                // list is read under its lock, as `types::list::get_item`
                // reads it.
                Instr::Subscr => {
                    let n = stack.len();
                    let fast = match (stack.get(n - 2), stack.get(n - 1)) {
                        (Some(Some(Value::Obj(o))), Some(Some(Value::Int(i)))) => {
                            match o.stored() {
                                Payload::List(cell) => cell.with::<S, _>(&o.header, |v| {
                                    ops::seq_index(*i, v.len()).map(|k| v[k].clone())
                                }),
                                Payload::Tuple(items) => {
                                    ops::seq_index(*i, items.len()).map(|k| items[k].clone())
                                }
                                _ => None,
                            }
                        }
                        _ => None,
                    };
                    if let Some(v) = fast {
                        stack.truncate(n - 2);
                        stack.push(Some(v));
                        continue;
                    }
                    slow!(instr);
                }
                // `list[i] = value` with a machine int in range. The old
                // item is dropped after the list's lock is released (its
                // `__del__` may run Python code).
                Instr::StoreSubscr => {
                    let n = stack.len();
                    let (below, operands) = stack.split_at_mut(n - 2);
                    if let ([Some(Value::Obj(o)), Some(Value::Int(i))], Some(Some(value))) =
                        (&*operands, below.last_mut())
                    {
                        if let Payload::List(cell) = o.stored() {
                            let stored = cell.with::<S, _>(&o.header, |v| {
                                ops::seq_index(*i, v.len())
                                    .map(|k| std::mem::swap(&mut v[k], value))
                                    .is_some()
                            });
                            if stored {
                                // The value's slot now holds the old item,
                                // whose `__del__` runs now, as CPython's.
                                stack.truncate(n - 3);
                                self.run_pending_finalizers();
                                continue;
                            }
                        }
                    }
                    slow!(instr);
                }
                // `a, b = t` for an exact tuple of that length.
                Instr::UnpackSequence(count) => {
                    if let Some(Some(Value::Obj(o))) = stack.last() {
                        if matches!(o.stored(), Payload::Tuple(items) if items.len() == count as usize)
                        {
                            let Some(Some(Value::Obj(seq))) = stack.pop() else {
                                unreachable!("matched above")
                            };
                            let Payload::Tuple(items) = seq.stored() else {
                                unreachable!("matched above")
                            };
                            stack.extend(items.iter().rev().cloned().map(Some));
                            continue;
                        }
                    }
                    slow!(instr);
                }
                Instr::Call(argc) => {
                    let at = stack.len() - argc as usize - 1;
                    // Fast path: a Python function called with exactly its
                    // positional parameters; the arguments already lie where
                    // its first locals go.
                    if let Some(Some(Value::Obj(o))) = stack.get(at) {
                        if let Payload::Function(f) = o.payload() {
                            if f.code.simple_args && f.code.argcount == argc {
                                let callee = stack[at].take();
                                let Some(Value::Obj(o)) = &callee else {
                                    unreachable!("checked above")
                                };
                                let Payload::Function(f) = o.payload() else {
                                    unreachable!("checked above")
                                };
                                self.note_pc(pc);
                                std::mem::swap(&mut self.stack, stack);
                                let r = self.enter_function(f, at + 1);
                                std::mem::swap(&mut self.stack, stack);
                                stack.truncate(at);
                                stack.push(Some(tri!(r)));
                                continue;
                            }
                        }
                    }
                    slow!(instr);
                }
                _ => {
                    slow!(instr);
                    pc = frame.pc;
                }
            }
        }
    }

    /// Copies a function frame's variables into its `locals()` dict, as
    /// CPython's `PyFrame_FastToLocals`: bound locals in slot order (a
    /// parameter that is also a cell variable reads its cell), then the other
    /// cell variables, then free ones; an unbound one is removed. Other keys
    /// (names an `exec` stored) stay, and writes to the dict do not reach
    /// the frame.
    fn refresh_locals(
        &mut self,
        dict: &ObjRef<S>,
        stack: &[Option<Value<S>>],
        base: usize,
        code: &Code<S>,
    ) -> PyResult<S, ()> {
        let ncells = code.cellvars.len();
        let cell = |i: usize| cell_of(stack, base, code, i as u32).get();
        let locals = code.varnames.iter().enumerate().map(|(i, name)| {
            let value = match code.cellvars.iter().position(|c| c == name) {
                Some(j) => cell(j),
                None => stack.get(base + i).cloned().flatten(),
            };
            (name, value)
        });
        let cells = code
            .cellvars
            .iter()
            .enumerate()
            .filter(|(_, name)| !code.varnames.contains(name))
            .map(|(j, name)| (name, cell(j)));
        let free = code
            .freevars
            .iter()
            .enumerate()
            .map(|(j, name)| (name, cell(ncells + j)));
        let all: Vec<_> = locals.chain(cells).chain(free).collect();
        for (name, value) in all {
            let key = self.new_str(&**name);
            match value {
                Some(v) => ops::dict_set(self, dict, key, v)?,
                None => drop(ops::dict_del(self, dict, &key)?),
            }
        }
        Ok(())
    }

    fn cell_get(
        &self,
        stack: &[Option<Value<S>>],
        base: usize,
        code: &Code<S>,
        i: u32,
    ) -> PyResult<S> {
        cell_of(stack, base, code, i)
            .get()
            .ok_or_else(|| self.unbound_deref(code, i))
    }

    #[cold]
    #[inline(never)]
    fn unbound_deref(&self, code: &Code<S>, i: u32) -> PyErr<S> {
        let ncells = code.cellvars.len();
        let i = i as usize;
        if i < ncells {
            self.new_error(
                "UnboundLocalError",
                format!(
                    "cannot access local variable '{}' where it is not associated with a value",
                    code.cellvars[i]
                ),
            )
        } else {
            self.new_error(
                "NameError",
                format!(
                    "cannot access free variable '{}' where it is not associated with a value in enclosing scope",
                    code.freevars[i - ncells]
                ),
            )
        }
    }

    #[cold]
    #[inline(never)]
    fn unbound_local(&self, code: &Code<S>, i: u32) -> PyErr<S> {
        self.new_error(
            "UnboundLocalError",
            format!(
                "cannot access local variable '{}' where it is not associated with a value",
                code.varnames[i as usize]
            ),
        )
    }

    /// Executes one instruction that the hot loop does not handle inline.
    /// `frame.pc` is already past it; jumps set it. Returns the frame's
    /// return value if the instruction returned.
    #[inline(never)]
    fn eval_slow(
        &mut self,
        stack: &mut Vec<Option<Value<S>>>,
        code: &Arc<Code<S>>,
        globals: &ObjRef<S>,
        frame: &mut Frame<S>,
        instr: Instr,
    ) -> PyResult<S, Option<Value<S>>> {
        let base = frame.base;
        let pc = frame.pc;
        self.note_pc(pc);
        macro_rules! pop {
            () => {
                match stack.pop() {
                    Some(Some(v)) => v,
                    _ => unreachable!("operand stack underflow"),
                }
            };
        }
        macro_rules! top {
            () => {
                match stack.last() {
                    Some(Some(v)) => v,
                    _ => unreachable!("operand stack underflow"),
                }
            };
        }
        macro_rules! push {
            ($v:expr) => {
                stack.push(Some($v))
            };
        }
        macro_rules! jump {
            ($target:expr) => {{
                frame.pc = $target as usize;
            }};
        }
        {
            match instr {
                Instr::Nop => {}
                Instr::LoadConst(i) => push!(code.consts[i as usize].clone()),
                Instr::LoadFast(i) => match &stack[base + i as usize] {
                    Some(v) => {
                        let v = v.clone();
                        push!(v)
                    }
                    None => {
                        return Err(self.new_error(
                            "UnboundLocalError",
                            format!(
                                "cannot access local variable '{}' where it is not associated with a value",
                                code.varnames[i as usize]
                            ),
                        ))
                    }
                },
                Instr::StoreFast(i) => {
                    let v = pop!();
                    stack[base + i as usize] = Some(v);
                }
                Instr::DeleteFast(i) => {
                    let old = stack[base + i as usize].take();
                    if old.is_none() {
                        return Err(self.new_error(
                            "UnboundLocalError",
                            format!(
                                "cannot access local variable '{}' where it is not associated with a value",
                                code.varnames[i as usize]
                            ),
                        ));
                    }
                    drop(old);
                    self.run_pending_finalizers();
                }
                Instr::LoadGlobal(i) => {
                    let v = self.load_global(code, globals, i)?;
                    push!(v);
                }
                Instr::StoreGlobal(i) => {
                    let v = pop!();
                    ops::dict_set(self, globals, Value::Obj(code.names[i as usize].clone()), v)?;
                }
                Instr::DeleteGlobal(i) => {
                    let key = Value::Obj(code.names[i as usize].clone());
                    if ops::dict_del(self, globals, &key)?.is_none() {
                        return Err(self.new_error(
                            "NameError",
                            format!("name '{}' is not defined", key.as_str().unwrap_or("?")),
                        ));
                    }
                    self.run_pending_finalizers();
                }
                Instr::LoadAttr(i) => {
                    let obj = pop!();
                    let v = ops::get_attr(self, &obj, &code.names[i as usize])?;
                    push!(v);
                }
                Instr::StoreAttr(i) => {
                    let obj = pop!();
                    let v = pop!();
                    ops::set_attr(self, &obj, &code.names[i as usize], v)?;
                }
                Instr::DeleteAttr(i) => {
                    let obj = pop!();
                    crate::classes::del_attr(self, &obj, &code.names[i as usize])?;
                    drop(obj);
                    self.run_pending_finalizers();
                }
                Instr::LoadMethod(i) => {
                    let obj = pop!();
                    match ops::lookup_method(self, &obj, &code.names[i as usize])? {
                        Some(method) => {
                            push!(method);
                            push!(obj);
                        }
                        None => {
                            let attr = ops::get_attr(self, &obj, &code.names[i as usize])?;
                            push!(attr);
                            push!(Value::None);
                        }
                    }
                }
                Instr::CallMethod(argc) => {
                    let argc = argc as usize;
                    let at = stack.len() - argc - 2;
                    let this = stack[at + 1].take().unwrap_or(Value::None);
                    let callee = stack[at].take().unwrap_or(Value::None);
                    let mut args: Vec<Value<S>> = Vec::with_capacity(argc + 1);
                    // `None` in the self slot marks a plain attribute call
                    // (LoadMethod found no method; `None` itself has no
                    // methods); otherwise self is the first argument.
                    if !matches!(this, Value::None) {
                        args.push(this);
                    }
                    args.extend(stack.drain(at + 2..).flatten());
                    stack.truncate(at);
                    let r = self.call(&callee, args)?;
                    push!(r);
                }
                Instr::Call(argc) => {
                    // The hot loop already tried the positional fast path.
                    let at = stack.len() - argc as usize - 1;
                    let callee = stack[at].take().unwrap_or(Value::None);
                    let args: Vec<Value<S>> = stack.drain(at + 1..).flatten().collect();
                    stack.truncate(at);
                    let r = self.call(&callee, args)?;
                    push!(r);
                }
                Instr::CallFrameAware(argc) => {
                    let at = stack.len() - argc as usize - 1;
                    let callee = stack[at].take().unwrap_or(Value::None);
                    let args: Vec<Value<S>> = stack.drain(at + 1..).flatten().collect();
                    stack.truncate(at);
                    let outer_globals =
                        std::mem::replace(&mut self.current_globals, FrameGlobals(globals));
                    let namespace = match &frame.namespace {
                        Some(ns) => Some(ns.clone()),
                        None if !code.is_module && reads_locals(&callee, argc) => {
                            let dict = frame.locals.get_or_insert_with(|| match ops::new_dict() {
                                Value::Obj(d) => d,
                                _ => unreachable!("a dict is an object"),
                            });
                            self.refresh_locals(dict, stack, frame.base, code)?;
                            Some(dict.clone())
                        }
                        None => None,
                    };
                    let outer_namespace =
                        std::mem::replace(&mut self.current_namespace, namespace);
                    let outer_is_module =
                        std::mem::replace(&mut self.current_is_module, code.is_module);
                    let r = self.call(&callee, args);
                    self.current_globals = outer_globals;
                    self.current_namespace = outer_namespace;
                    self.current_is_module = outer_is_module;
                    push!(r?);
                }
                Instr::CallKw(argc) => {
                    let names = pop!();
                    let Some(Payload::Tuple(names)) = names.payload() else {
                        unreachable!("keyword names are a tuple")
                    };
                    let argc = argc as usize;
                    let at = stack.len() - argc - 1;
                    let callee = stack[at].take().unwrap_or(Value::None);
                    let mut values: Vec<Value<S>> = stack.drain(at + 1..).flatten().collect();
                    stack.truncate(at);
                    let kw_values = values.split_off(argc - names.len());
                    let kw = names
                        .iter()
                        .map(|n| n.as_str().unwrap_or("").to_string())
                        .zip(kw_values)
                        .collect();
                    let r = self.call_args(&callee, Args { pos: values, kw })?;
                    push!(r);
                }
                Instr::Return => {
                    return Ok(Some(pop!()));
                }
                Instr::Pop => {
                    pop!();
                }
                Instr::Dup => {
                    let v = top!().clone();
                    push!(v);
                }
                Instr::DupTwo => {
                    let n = stack.len();
                    let a = stack[n - 2].clone().expect("operand");
                    let b = stack[n - 1].clone().expect("operand");
                    push!(a);
                    push!(b);
                }
                Instr::Rot2 => {
                    let n = stack.len();
                    stack.swap(n - 1, n - 2);
                }
                Instr::Rot3 => {
                    // [.., a, b, c] -> [.., c, a, b]
                    let n = stack.len();
                    stack[n - 3..].rotate_right(1);
                }
                Instr::Copy(n) => {
                    let v = stack[stack.len() - n as usize].clone().expect("operand");
                    push!(v);
                }
                Instr::Swap(n) => {
                    let top = stack.len() - 1;
                    stack.swap(top, top + 1 - n as usize);
                }
                Instr::MatchSequence => {
                    let r = crate::matching::is_sequence(self, top!())?;
                    push!(Value::Bool(r));
                }
                Instr::MatchMapping => {
                    let r = crate::matching::is_mapping(self, top!())?;
                    push!(Value::Bool(r));
                }
                Instr::GetLen => {
                    let n = ops::len(self, top!())?;
                    push!(Value::Int(n as i64));
                }
                Instr::MatchKeys => {
                    let n = stack.len();
                    let (Some(Some(map)), Some(Some(keys))) = (stack.get(n - 2), stack.get(n - 1))
                    else {
                        unreachable!("operand stack underflow")
                    };
                    let (map, keys) = (map.clone(), keys.clone());
                    let r = crate::matching::match_keys(self, &map, &keys)?;
                    push!(r);
                }
                Instr::MatchClass(nargs) => {
                    let keywords = pop!();
                    let class = pop!();
                    let subject = pop!();
                    let r = crate::matching::match_class(
                        self,
                        &subject,
                        &class,
                        nargs as usize,
                        &keywords,
                    )?;
                    push!(r);
                }
                // The hot loop already tried the machine-int fast paths.
                Instr::Binary(op) => {
                    let b = pop!();
                    let a = pop!();
                    let r = ops::binary_op(self, op, &a, &b)?;
                    push!(r);
                }
                Instr::Inplace(op) => {
                    let b = pop!();
                    let a = pop!();
                    let r = ops::inplace_op(self, op, &a, &b)?;
                    push!(r);
                }
                Instr::Compare(op) => {
                    let b = pop!();
                    let a = pop!();
                    let r = ops::rich_compare(self, op, &a, &b)?;
                    push!(r);
                }
                Instr::Is(negate) => {
                    let b = pop!();
                    let a = pop!();
                    push!(Value::Bool(a.is(&b) != negate));
                }
                Instr::Contains(negate) => {
                    let container = pop!();
                    let item = pop!();
                    let r = ops::contains(self, &container, &item)?;
                    push!(Value::Bool(r != negate));
                }
                Instr::Not => {
                    let v = pop!();
                    let t = ops::truthy(self, &v)?;
                    push!(Value::Bool(!t));
                }
                Instr::Neg => {
                    let v = pop!();
                    let r = ops::unary_neg(self, &v)?;
                    push!(r);
                }
                Instr::Pos => {
                    let v = pop!();
                    let r = ops::unary_pos(self, &v)?;
                    push!(r);
                }
                Instr::Invert => {
                    let v = pop!();
                    let r = ops::unary_invert(self, &v)?;
                    push!(r);
                }
                Instr::Jump(target) => {
                    if (target as usize) < pc {
                        self.safe_point()?;
                    }
                    jump!(target);
                }
                Instr::PopJumpIfFalse(target) => {
                    let v = pop!();
                    let t = match v {
                        Value::Bool(b) => b,
                        ref other => ops::truthy(self, other)?,
                    };
                    if !t {
                        jump!(target);
                    }
                }
                Instr::PopJumpIfTrue(target) => {
                    let v = pop!();
                    let t = match v {
                        Value::Bool(b) => b,
                        ref other => ops::truthy(self, other)?,
                    };
                    if t {
                        jump!(target);
                    }
                }
                Instr::JumpIfFalseOrPop(target) => {
                    if !ops::truthy(self, top!())? {
                        jump!(target);
                    } else {
                        pop!();
                    }
                }
                Instr::JumpIfTrueOrPop(target) => {
                    if ops::truthy(self, top!())? {
                        jump!(target);
                    } else {
                        pop!();
                    }
                }
                Instr::GetIter => {
                    let v = pop!();
                    let it = ops::get_iter(self, &v)?;
                    push!(it);
                }
                Instr::ForIter(target) => {
                    let next = ops::iter_next(self, top!())?;
                    match next {
                        Some(v) => push!(v),
                        None => {
                            pop!();
                            jump!(target);
                        }
                    }
                }
                Instr::BuildList(n) => {
                    let at = stack.len() - n as usize;
                    // Exactly `n` items of room: `collect` through `flatten`
                    // cannot know the count and starts at four (`[i, i]`
                    // kept 64 bytes of items instead of 32).
                    let mut items: Vec<Value<S>> = Vec::with_capacity(n as usize);
                    items.extend(stack.drain(at..).flatten());
                    push!(ops::new_list(items));
                }
                Instr::BuildTuple(n) => {
                    let at = stack.len() - n as usize;
                    // Exact, as for a list: `into_boxed_slice` then keeps
                    // the allocation as it is.
                    let mut items: Vec<Value<S>> = Vec::with_capacity(n as usize);
                    items.extend(stack.drain(at..).flatten());
                    push!(ops::new_tuple(items));
                }
                Instr::BuildDict(n) => {
                    let at = stack.len() - 2 * n as usize;
                    let items: Vec<Value<S>> = stack.drain(at..).flatten().collect();
                    let d = ops::new_dict_with_capacity(n as usize);
                    let mut it = items.into_iter();
                    while let (Some(k), Some(v)) = (it.next(), it.next()) {
                        ops::dict_set(self, d.obj().expect("dict"), k, v)?;
                    }
                    push!(d);
                }
                Instr::BuildSlice(_) => {
                    let step = pop!();
                    let stop = pop!();
                    let start = pop!();
                    push!(Value::Obj(ObjRef::new(Payload::Slice(Box::new([start, stop, step])))));
                }
                Instr::Subscr => {
                    let index = pop!();
                    let obj = pop!();
                    let r = ops::get_item(self, &obj, &index)?;
                    push!(r);
                }
                Instr::StoreSubscr => {
                    let index = pop!();
                    let obj = pop!();
                    let value = pop!();
                    ops::set_item(self, &obj, index, value)?;
                    drop(obj);
                    self.run_pending_finalizers();
                }
                Instr::DeleteSubscr => {
                    let index = pop!();
                    let obj = pop!();
                    ops::del_item(self, &obj, &index)?;
                    drop((obj, index));
                    self.run_pending_finalizers();
                }
                Instr::UnpackSequence(n) => {
                    let seq = pop!();
                    let items = ops::unpack(self, &seq, n as usize)?;
                    stack.extend(items.into_iter().rev().map(Some));
                }
                Instr::UnpackEx(before, after) => {
                    let seq = pop!();
                    let (head, middle, tail) =
                        ops::unpack_ex(self, &seq, before as usize, after as usize)?;
                    stack.extend(tail.into_iter().rev().map(Some));
                    push!(ops::new_list(middle));
                    stack.extend(head.into_iter().rev().map(Some));
                }
                Instr::MakeFunction(child, flags) => {
                    let closure: Box<[Value<S>]> = if flags & crate::code::MAKE_CLOSURE != 0 {
                        tuple_items(pop!())
                    } else {
                        Box::new([])
                    };
                    let annotations = if flags & crate::code::MAKE_ANNOTATIONS != 0 {
                        pop!().obj().cloned()
                    } else {
                        None
                    };
                    let kwdefaults: Box<[(Arc<str>, Value<S>)]> =
                        if flags & crate::code::MAKE_KWDEFAULTS != 0 {
                            ops::dict_items(&pop!())
                                .into_iter()
                                .map(|(k, v)| (Arc::from(k.as_str().unwrap_or("")), v))
                                .collect()
                        } else {
                            Box::new([])
                        };
                    let defaults: Box<[Value<S>]> = if flags & crate::code::MAKE_DEFAULTS != 0 {
                        tuple_items(pop!())
                    } else {
                        Box::new([])
                    };
                    let payload = Payload::Function(Box::new(Function {
                        code: code.children[child as usize].clone(),
                        globals: globals.clone(),
                        defaults: crate::object::ObjCell::new(crate::payload::Defaults {
                            positional: defaults,
                            keyword: kwdefaults,
                        }),
                        closure,
                        dict: crate::object::ObjCell::new(None),
                        annotations: crate::object::ObjCell::new(annotations),
                    }));
                    // Functions defined at module level are shared by every
                    // thread that calls them.
                    let f = if code.is_module {
                        self.interp.alloc_shared(payload)
                    } else {
                        ObjRef::new(payload)
                    };
                    push!(Value::Obj(f));
                }
                Instr::LoadDeref(i) => {
                    let v = self.cell_get(stack, frame.base, code, i)?;
                    push!(v);
                }
                Instr::StoreDeref(i) => {
                    let v = pop!();
                    let old = cell_of(stack, frame.base, code, i).set(Some(v));
                    drop(old);
                }
                Instr::DeleteDeref(i) => {
                    if cell_of(stack, frame.base, code, i).set(None).is_none() {
                        return Err(self.unbound_deref(code, i));
                    }
                    self.run_pending_finalizers();
                }
                Instr::LoadClosure(i) => {
                    let cell = stack[frame.base + code.nlocals as usize + i as usize]
                        .clone()
                        .expect("cell slot");
                    push!(cell);
                }
                Instr::ListAppend(depth) => {
                    let v = pop!();
                    let at = stack.len() - depth as usize;
                    let Some(Some(Value::Obj(list))) = stack.get(at) else {
                        unreachable!("comprehension result list")
                    };
                    if let Payload::List(cell) = list.payload() {
                        cell.with::<S, _>(&list.header, |items| items.push(v));
                    }
                }
                Instr::LoadName(i) => {
                    let key = Value::Obj(code.names[i as usize].clone());
                    let ns = frame.namespace.clone().expect("class body namespace");
                    let found = if is_exact_dict(&ns) {
                        ops::dict_get(&ns, &key)
                    } else {
                        // A dict subclass from `__prepare__`: its
                        // `__getitem__`, a KeyError meaning "not here".
                        match ops::get_item(self, &Value::Obj(ns), &key) {
                            Ok(v) => Some(v),
                            Err(e) if crate::interp::is_instance_of(self, &Value::Obj(e.exc.clone()), "KeyError") => None,
                            Err(e) => return Err(e),
                        }
                    };
                    let v = match found {
                        Some(v) => v,
                        None => self.load_global(code, globals, i)?,
                    };
                    push!(v);
                }
                Instr::StoreName(i) => {
                    let v = pop!();
                    let key = Value::Obj(code.names[i as usize].clone());
                    let ns = frame.namespace.clone().expect("class body namespace");
                    if is_exact_dict(&ns) {
                        ops::dict_set(self, &ns, key, v)?;
                    } else {
                        ops::set_item(self, &Value::Obj(ns), key, v)?;
                    }
                }
                Instr::DeleteName(i) => {
                    let key = Value::Obj(code.names[i as usize].clone());
                    let ns = frame.namespace.clone().expect("class body namespace");
                    if !is_exact_dict(&ns) {
                        ops::del_item(self, &Value::Obj(ns), &key)?;
                    } else if ops::dict_del(self, &ns, &key)?.is_none() {
                        return Err(self.new_error(
                            "NameError",
                            format!("name '{}' is not defined", key.as_str().unwrap_or("?")),
                        ));
                    }
                    self.run_pending_finalizers();
                }
                Instr::BuildClass(nbases, name, flags) => {
                    let body = pop!();
                    let keywords = if flags & crate::code::CLASS_KEYWORDS != 0 {
                        Some(pop!())
                    } else {
                        None
                    };
                    let metaclass = if flags & crate::code::CLASS_METACLASS != 0 {
                        Some(pop!())
                    } else {
                        None
                    };
                    let at = stack.len() - nbases as usize;
                    let bases: Vec<Value<S>> = stack.drain(at..).flatten().collect();
                    let name = code.consts[name as usize].as_str().unwrap_or("?").to_string();
                    let class = self.make_class(&name, bases, metaclass, keywords, &body)?;
                    push!(class);
                }
                Instr::BuildSet(n) => {
                    let folded = n & crate::code::CONST_SET != 0;
                    let at = stack.len() - (n & !crate::code::CONST_SET) as usize;
                    let items: Vec<Value<S>> = stack.drain(at..).flatten().collect();
                    let set = crate::sets::build(self, items, folded)?;
                    push!(set);
                }
                Instr::SetAdd(depth) => {
                    let v = pop!();
                    let k = key_of(self, v)?;
                    let at = stack.len() - depth as usize;
                    let Some(Some(set)) = stack.get(at) else {
                        unreachable!("comprehension result set")
                    };
                    let set = set.clone();
                    crate::sets::add_value(self, &set, k)?;
                }
                Instr::YieldValue => {
                    let v = pop!();
                    frame.yielded = true;
                    return Ok(Some(v));
                }
                Instr::YieldFrom => {
                    let sent = pop!();
                    let iter = top!().clone();
                    let step = self.subiterator_send(&iter, sent)?;
                    match step {
                        GenStep::Yielded(v) => {
                            // Come back to this instruction with the next
                            // sent value.
                            frame.pc -= 1;
                            frame.yielded = true;
                            return Ok(Some(v));
                        }
                        GenStep::Returned(r) => {
                            pop!();
                            push!(r);
                        }
                    }
                }
                Instr::FormatValue(conversion, has_spec) => {
                    let spec = if has_spec { Some(pop!()) } else { None };
                    let value = pop!();
                    let value = crate::fmt::convert(self, value, conversion)?;
                    let spec = spec.as_ref().and_then(|s| s.as_str()).unwrap_or("");
                    let text = crate::fmt::format_value(self, &value, spec)?;
                    push!(self.new_str(text));
                }
                Instr::BuildString(n) => {
                    let at = stack.len() - n as usize;
                    let mut out = String::new();
                    for piece in stack.drain(at..).flatten() {
                        out.push_str(piece.as_str().unwrap_or(""));
                    }
                    push!(self.new_str(out));
                }
                Instr::ListExtend(depth) => {
                    let iterable = pop!();
                    let in_call = depth & crate::code::IN_CALL != 0;
                    let in_set = depth & crate::code::IN_SET != 0;
                    let depth = depth & !(crate::code::IN_CALL | crate::code::IN_SET);
                    let at = stack.len() - depth as usize;
                    let items = match ops::iterate(self, &iterable) {
                        Ok(items) => items,
                        Err(e) if in_set => return Err(e),
                        Err(_) => {
                            let callee = at.checked_sub(1).and_then(|i| stack.get(i));
                            let what = match (in_call, callee) {
                                (true, Some(Some(callee))) => {
                                    let callee = callee.clone();
                                    format!("{} argument", self.function_str(&callee))
                                }
                                _ => "Value".to_string(),
                            };
                            return Err(self.type_error(format!(
                                "{what} after * must be an iterable, not {}",
                                ops::type_name(&iterable)
                            )));
                        }
                    };
                    let Some(Some(Value::Obj(list))) = stack.get(at) else {
                        unreachable!("list being built")
                    };
                    if let Payload::List(cell) = list.payload() {
                        cell.with::<S, _>(&list.header, |v| v.extend(items));
                    }
                }
                Instr::DictMerge(depth) => {
                    // Only calls merge dicts: the stack holds the callee,
                    // the positional list, then the keyword dict.
                    let mapping = pop!();
                    let at = stack.len() - depth as usize;
                    let callee = match stack.get(at.wrapping_sub(2)) {
                        Some(Some(c)) => c.clone(),
                        _ => Value::None,
                    };
                    if !matches!(mapping.payload(), Some(Payload::Dict(_))) {
                        let fname = self.function_str(&callee);
                        return Err(self.type_error(format!(
                            "{fname} argument after ** must be a mapping, not {}",
                            ops::type_name(&mapping)
                        )));
                    }
                    let Some(Some(Value::Obj(dict))) = stack.get(at) else {
                        unreachable!("dict being built")
                    };
                    let dict = dict.clone();
                    for (k, v) in ops::dict_items(&mapping) {
                        if let Some(name) = k.as_str() {
                            if ops::dict_get(&dict, &k).is_some() {
                                let fname = self.function_str(&callee);
                                return Err(self.type_error(format!(
                                    "{fname} got multiple values for keyword argument '{name}'"
                                )));
                            }
                        }
                        ops::dict_set(self, &dict, k, v)?;
                    }
                }
                Instr::ListToTuple => {
                    let list = pop!();
                    push!(ops::new_tuple(ops::list_snapshot(&list)));
                }
                Instr::ListToSet => {
                    let list = pop!();
                    let set = crate::sets::build(self, ops::list_snapshot(&list), false)?;
                    push!(set);
                }
                Instr::CallEx => {
                    let kwargs = pop!();
                    let positional = pop!();
                    let callee = pop!();
                    let mut kw = Vec::new();
                    for (k, v) in ops::dict_items(&kwargs) {
                        match k.as_str() {
                            Some(name) => kw.push((name.to_string(), v)),
                            None => return Err(self.type_error("keywords must be strings")),
                        }
                    }
                    let args = Args {
                        pos: ops::list_snapshot(&positional),
                        kw,
                    };
                    let r = self.call_args(&callee, args)?;
                    push!(r);
                }
                Instr::DictUpdate(depth) => {
                    let mapping = pop!();
                    let at = stack.len() - depth as usize;
                    let Some(Some(Value::Obj(dict))) = stack.get(at) else {
                        unreachable!("dict being built")
                    };
                    let dict = dict.clone();
                    ops::dict_update_from_mapping(self, &dict, &mapping)?;
                }
                Instr::MapAdd(depth) => {
                    let v = pop!();
                    let k = pop!();
                    let at = stack.len() - depth as usize;
                    let Some(Some(Value::Obj(dict))) = stack.get(at) else {
                        unreachable!("comprehension result dict")
                    };
                    let dict = dict.clone();
                    ops::dict_set(self, &dict, k, v)?;
                }
                Instr::ImportName(i, fromlist, level) => {
                    let name = name_str(&code.names[i as usize]).to_owned();
                    let fromlist = &code.consts[fromlist as usize];
                    let m = crate::modules::import::import_name(
                        self,
                        &name,
                        Some(globals),
                        crate::modules::import::FromList::Value(fromlist),
                        u32::from(level),
                    )?;
                    push!(m);
                }
                Instr::ImportFrom(i) => {
                    let m = top!().clone();
                    let v = crate::modules::import::import_from(self, &m, &code.names[i as usize])?;
                    push!(v);
                }
                Instr::ImportStar => {
                    let m = pop!();
                    crate::modules::import::import_star(self, &m, globals)?;
                }
                Instr::Raise(n) => {
                    if n == 0 {
                        return match self.exc_info.last() {
                            Some(exc) => {
                                self.reraising = true;
                                Err(PyErr { exc: exc.clone() })
                            }
                            None => Err(self.new_error("RuntimeError", "No active exception to reraise")),
                        };
                    }
                    let cause = if n == 2 { Some(pop!()) } else { None };
                    let v = pop!();
                    let err = self.make_raisable(v)?;
                    if let Some(cause) = cause {
                        self.set_cause(&err, cause)?;
                    }
                    return Err(err);
                }
                Instr::SetupExcept(handler) | Instr::SetupFinally(handler) => {
                    frame.blocks.push(Block {
                        handler,
                        depth: stack.len(),
                        exc_depth: self.exc_info.len(),
                    });
                }
                Instr::PushExcInfo => {
                    let exc = match top!() {
                        Value::Obj(o) => o.clone(),
                        _ => unreachable!("exceptions are objects"),
                    };
                    self.exc_info.push(exc);
                }
                Instr::PopExcInfo => {
                    self.exc_info.pop();
                }
                Instr::ExceptionMatch => {
                    let class = pop!();
                    let exc = pop!();
                    let matched = self.exception_matches(&exc, &class)?;
                    push!(Value::Bool(matched));
                }
                Instr::ExceptStarStart => {
                    let state = crate::exceptions::star_start(top!());
                    push!(state);
                }
                Instr::ExceptStarMatch => {
                    let class = pop!();
                    let state = pop!();
                    let (state, matched) = crate::exceptions::star_match(self, &state, &class)?;
                    let found = !matches!(matched, Value::None);
                    push!(state);
                    push!(matched);
                    push!(Value::Bool(found));
                }
                Instr::ExceptStarRaised => {
                    let raised = pop!();
                    let state = pop!();
                    push!(crate::exceptions::star_raised(&state, raised));
                }
                Instr::ExceptStarFinish => {
                    let state = pop!();
                    let result = crate::exceptions::star_finish(self, &state)?;
                    let found = !matches!(result, Value::None);
                    push!(result);
                    push!(Value::Bool(found));
                }
                Instr::Reraise => {
                    let Value::Obj(exc) = pop!() else {
                        unreachable!("exceptions are objects")
                    };
                    self.reraising = true;
                    return Err(PyErr { exc });
                }
                Instr::SetupWith(handler) => {
                    let mgr = pop!();
                    let enter = self.special_method(&mgr, "__enter__")?;
                    let exit = self.special_method(&mgr, "__exit__")?;
                    push!(exit);
                    frame.blocks.push(Block {
                        handler,
                        depth: stack.len(),
                        exc_depth: self.exc_info.len(),
                    });
                    let entered = self.call(&enter, Vec::new())?;
                    push!(entered);
                }
                Instr::PopBlock => {
                    frame.blocks.pop();
                }
                Instr::GetAwaitable => {
                    let v = pop!();
                    let awaitable = self.get_awaitable(v)?;
                    push!(awaitable);
                }
                Instr::SetupAsyncWith(handler) => {
                    let mgr = pop!();
                    let enter = self.bound_protocol_method(&mgr, "__aenter__", "the asynchronous context manager protocol")?;
                    let exit = self.bound_protocol_method(&mgr, "__aexit__", "the asynchronous context manager protocol")?;
                    push!(exit);
                    frame.blocks.push(Block {
                        handler,
                        depth: stack.len(),
                        exc_depth: self.exc_info.len(),
                    });
                    let entered = self.call(&enter, Vec::new())?;
                    push!(entered);
                }
                Instr::AsyncWithExit => {
                    let exit = pop!();
                    let awaitable = self.call(&exit, vec![Value::None, Value::None, Value::None])?;
                    push!(awaitable);
                }
                Instr::AsyncWithExceptExit => {
                    let exc = pop!();
                    let exit = pop!();
                    let awaitable = self.call_exit_with(&exit, &exc);
                    // `__aexit__`'s body runs when it is awaited, next: the
                    // exception is being handled until `AsyncWithExceptCheck`
                    // (what it raises records it as its context).
                    if let Value::Obj(e) = &exc {
                        self.exc_info.push(e.clone());
                    }
                    push!(exc);
                    push!(awaitable?);
                }
                Instr::AsyncWithExceptCheck => {
                    let suppress = pop!();
                    let exc = pop!();
                    // Unless a suspension in between dropped it already.
                    if let (Some(top), Value::Obj(e)) = (self.exc_info.last(), &exc) {
                        if top.ptr_eq(e) {
                            self.exc_info.pop();
                        }
                    }
                    if !ops::truthy(self, &suppress)? {
                        let Value::Obj(exc) = exc else {
                            return Err(self.type_error("exceptions must derive from BaseException"));
                        };
                        self.reraising = true;
                        return Err(PyErr { exc });
                    }
                }
                Instr::GetAIter => {
                    let v = pop!();
                    let Some(aiter) = ops::lookup_method(self, &v, &name_obj(self, "__aiter__"))? else {
                        return Err(self.type_error(format!(
                            "'async for' requires an object with __aiter__ method, got {}",
                            ops::type_name(&v)
                        )));
                    };
                    let it = self.call(&aiter, vec![v])?;
                    push!(it);
                }
                Instr::GetANext => {
                    let it = top!().clone();
                    let Some(anext) = ops::lookup_method(self, &it, &name_obj(self, "__anext__"))? else {
                        return Err(self.type_error(format!(
                            "'async for' received an object from __aiter__ that does not implement __anext__: {}",
                            ops::type_name(&it)
                        )));
                    };
                    let awaitable = self.call(&anext, vec![it])?;
                    let got = ops::type_name(&awaitable);
                    let awaitable = self.get_awaitable(awaitable).map_err(|_| {
                        self.type_error(format!(
                            "'async for' received an invalid object from __anext__: {got}"
                        ))
                    })?;
                    push!(awaitable);
                }
                Instr::EndAsyncFor => {
                    let exc = pop!();
                    if crate::interp::is_instance_of(self, &exc, "StopAsyncIteration") {
                        pop!();
                    } else {
                        let Value::Obj(exc) = exc else {
                            return Err(self.type_error("exceptions must derive from BaseException"));
                        };
                        self.reraising = true;
                        return Err(PyErr { exc });
                    }
                }
                Instr::WithExit => {
                    let exit = pop!();
                    self.call(&exit, vec![Value::None, Value::None, Value::None])?;
                }
                Instr::WithExceptExit => {
                    let exc = pop!();
                    let exit = pop!();
                    let suppress = self.call_exit_with(&exit, &exc)?;
                    if !ops::truthy(self, &suppress)? {
                        let Value::Obj(exc) = exc else {
                            unreachable!("exceptions are objects")
                        };
                        self.reraising = true;
                        return Err(PyErr { exc });
                    }
                }
            }
        }
        Ok(None)
    }

    /// `__exit__(type, exc, tb)` (or `__aexit__`) for the exception that
    /// left a `with` body. While it runs the exception is being handled:
    /// what it raises records it as its context.
    fn call_exit_with(&mut self, exit: &Value<S>, exc: &Value<S>) -> PyResult<S> {
        let class = match exc.payload() {
            Some(Payload::Exception(e)) => Value::Obj(e.class.get().clone()),
            _ => Value::None,
        };
        let tb = match exc {
            Value::Obj(e) => crate::exceptions::traceback_of(e),
            _ => Value::None,
        };
        if let Value::Obj(e) = exc {
            self.exc_info.push(e.clone());
        }
        let r = self.call(exit, vec![class, exc.clone(), tb]);
        if matches!(exc, Value::Obj(_)) {
            self.exc_info.pop();
        }
        r
    }

    /// What `await v` waits on (CPython's `GET_AWAITABLE`): a coroutine
    /// itself, or the iterator that `v.__await__()` returns.
    fn get_awaitable(&mut self, v: Value<S>) -> PyResult<S> {
        if let Some(Payload::Generator(g)) = v.payload() {
            if g.kind() == TypeKind::Coroutine {
                let o = v.obj().expect("coroutine");
                if g.frame
                    .with::<S, _>(&o.header, |f| f.delegate(&g.code).is_some())
                {
                    return Err(
                        self.new_error("RuntimeError", "coroutine is being awaited already")
                    );
                }
                return Ok(v);
            }
        }
        self.awaitable_iter(v)
    }

    /// What drives an awaitable (CPython's `_PyCoro_GetAwaitableIter`): a
    /// coroutine itself, or the iterator `v.__await__()` returns.
    pub(crate) fn awaitable_iter(&mut self, v: Value<S>) -> PyResult<S> {
        if let Some(Payload::Generator(g)) = v.payload() {
            if g.kind() == TypeKind::Coroutine
                || (g.kind() == TypeKind::Generator
                    && g.code
                        .iterable_coroutine
                        .load(crate::sync::Ordering::Relaxed))
            {
                return Ok(v);
            }
        }
        let Some(await_) = ops::lookup_method(self, &v, &name_obj(self, "__await__"))? else {
            return Err(self.type_error(format!(
                "object {} can't be used in 'await' expression",
                ops::type_name(&v)
            )));
        };
        let it = self.call(&await_, vec![v])?;
        let is_iterator = match it.payload() {
            Some(Payload::Generator(g)) => g.is_iterator(),
            Some(Payload::Iter(_)) => true,
            Some(Payload::Native(n)) => n.is_iterator(),
            _ => ops::lookup_method(self, &it, &name_obj(self, "__next__"))?.is_some(),
        };
        if !is_iterator {
            return Err(self.type_error(format!(
                "__await__() returned non-iterator of type '{}'",
                ops::type_name(&it)
            )));
        }
        Ok(it)
    }

    /// A bound special method such as `__enter__`, or CPython's error.
    fn special_method(&mut self, obj: &Value<S>, name: &str) -> PyResult<S> {
        self.bound_protocol_method(obj, name, "the context manager protocol")
    }

    /// `type(obj).name` bound to `obj`, or CPython's "does not support
    /// `protocol`" TypeError.
    fn bound_protocol_method(&mut self, obj: &Value<S>, name: &str, protocol: &str) -> PyResult<S> {
        match ops::lookup_method(self, obj, &name_obj(self, name))? {
            Some(m) => Ok(Value::Obj(ObjRef::new(Payload::BoundMethod(
                obj.clone(),
                m,
            )))),
            None => {
                // CPython looks the exit method up second, and says so.
                let missed = match name.ends_with("exit__") {
                    true => format!(" (missed {name} method)"),
                    false => String::new(),
                };
                Err(self.type_error(format!(
                    "'{}' object does not support {protocol}{missed}",
                    ops::type_name(obj)
                )))
            }
        }
    }

    /// Runs a class body in a fresh namespace, makes the class, and runs
    /// the bases' `__init_subclass__` with the class keywords.
    pub(crate) fn make_class(
        &mut self,
        name: &str,
        bases: Vec<Value<S>>,
        metaclass: Option<Value<S>>,
        keywords: Option<Value<S>>,
        body: &Value<S>,
    ) -> PyResult<S> {
        let Some(Payload::Function(f)) = body.payload() else {
            unreachable!("the compiler made the class body a function")
        };
        let keywords: Vec<(String, Value<S>)> = keywords
            .map(|d| ops::dict_items(&d))
            .unwrap_or_default()
            .into_iter()
            .map(|(k, v)| (k.as_str().unwrap_or("").to_string(), v))
            .collect();
        let orig_bases = bases.clone();
        let bases = crate::metaclass::resolve_bases(self, bases)?;
        let meta = crate::metaclass::calculate(self, metaclass.clone(), &bases)?;
        let through_meta = crate::metaclass::goes_through_metaclass(self, &meta);
        let bases_tuple = ops::new_tuple(bases.clone());
        let namespace = if through_meta {
            crate::metaclass::prepare(self, &meta, name, &bases_tuple, &keywords)?
        } else {
            match ops::new_dict() {
                Value::Obj(d) => d,
                _ => unreachable!("dicts are objects"),
            }
        };
        let module_name =
            ops::dict_get(&f.globals, &self.new_str("__name__")).unwrap_or(Value::None);
        let ns_value = Value::Obj(namespace.clone());
        ops::set_item(self, &ns_value, self.new_str("__module__"), module_name)?;
        ops::set_item(
            self,
            &ns_value,
            self.new_str("__qualname__"),
            self.new_str(&*f.code.qualname),
        )?;
        let base = self.stack.len();
        self.enter_recursive_call("")?;
        let r = self.run_frame(
            &f.code,
            &f.globals,
            &f.closure,
            base,
            Some(namespace.clone()),
        );
        self.depth -= 1;
        r?;
        if bases.len() != orig_bases.len() || bases.iter().zip(&orig_bases).any(|(a, b)| !a.is(b)) {
            ops::set_item(
                self,
                &ns_value,
                self.new_str("__orig_bases__"),
                ops::new_tuple(orig_bases),
            )?;
        }
        if through_meta {
            // `meta(name, bases, namespace, **keywords)`: its `type.__new__`
            // runs `__init_subclass__`.
            let args = Args {
                pos: vec![self.new_str(name), bases_tuple, ns_value],
                kw: keywords,
            };
            return self.call_args(&meta, args);
        }
        // `type` or ABCMeta, explicit or from the bases.
        let class = crate::classes::build_class(self, name, bases, namespace, Some(meta))?;
        crate::classes::init_subclass(self, &class, keywords)?;
        Ok(class)
    }

    /// `raise exc from cause`: `cause` must be an exception (or class) or None.
    fn set_cause(&mut self, err: &PyErr<S>, cause: Value<S>) -> PyResult<S, ()> {
        let cause = match cause {
            Value::None => None,
            other => Some(Value::Obj(
                self.make_raisable(other)
                    .map_err(|_| {
                        self.type_error("exception causes must derive from BaseException")
                    })?
                    .exc,
            )),
        };
        if let Payload::Exception(e) = err.exc.payload() {
            e.chain.with::<S, _>(&err.exc.header, |c| {
                c.cause = cause;
                c.suppress_context = true;
            });
        }
        Ok(())
    }

    /// `except class:` — whether `exc` is an instance of `class` (a class or
    /// a tuple of classes).
    fn exception_matches(&mut self, exc: &Value<S>, class: &Value<S>) -> PyResult<S, bool> {
        let message = "catching classes that do not inherit from BaseException is not allowed";
        let classes = crate::builtins::class_list(self, class, message)?;
        if classes
            .iter()
            .any(|c| !matches!(c.payload(), Payload::Type(t) if t.kind == TypeKind::Exception))
        {
            return Err(self.type_error(message));
        }
        let exc_class = crate::builtins::type_of(self, exc);
        Ok(classes
            .iter()
            .any(|c| crate::builtins::is_subtype(&exc_class, c)))
    }

    /// What `raise v` raises: an exception instance, or an instance made by
    /// calling an exception class.
    fn make_raisable(&mut self, v: Value<S>) -> PyResult<S, PyErr<S>> {
        match &v {
            Value::Obj(o) => match o.payload() {
                Payload::Exception(_) => Ok(PyErr { exc: o.clone() }),
                Payload::Type(t) if t.kind == TypeKind::Exception => {
                    // A `__new__` may return anything: what is not an
                    // exception is CPython's TypeError.
                    let inst = self.call(&v, Vec::new())?;
                    match inst {
                        Value::Obj(exc) if matches!(exc.payload(), Payload::Exception(_)) => {
                            Ok(PyErr { exc })
                        }
                        other => {
                            let class = crate::repr::repr(self, &v)?;
                            let got = Value::Obj(crate::builtins::type_of(self, &other));
                            let got = crate::repr::repr(self, &got)?;
                            Err(self.type_error(format!(
                                "calling {class} should have returned an instance of \
                                 BaseException, not {got}"
                            )))
                        }
                    }
                }
                _ => Err(self.type_error("exceptions must derive from BaseException")),
            },
            _ => Err(self.type_error("exceptions must derive from BaseException")),
        }
    }
}

/// The items of a tuple made by the compiler (a constant that Python code
/// cannot replace: code objects are immutable and `__code__` assignment of
/// another function's code is refused).
fn tuple_items<S: LockStrategy>(v: Value<S>) -> Box<[Value<S>]> {
    match v.payload() {
        Some(Payload::Tuple(items)) => items.clone(),
        _ => unreachable!("the compiler made a tuple"),
    }
}

/// A cell in a frame's cell slots.
///
/// A frame's cell slots hold cells: frame set-up makes them for the cell
/// variables and copies the closure's for the free ones, and exec/eval
/// refuse code with free variables (it would have no closure to copy).
struct CellRef<'a, S: LockStrategy>(&'a ObjRef<S>);

impl<S: LockStrategy> CellRef<'_, S> {
    fn get(&self) -> Option<Value<S>> {
        match self.0.payload() {
            Payload::Cell(c) => c.with::<S, _>(&self.0.header, |v| v.clone()),
            _ => unreachable!("cell slot holds a cell"),
        }
    }
    /// Replaces the content; returns the old one (dropped by the caller,
    /// outside the cell's lock).
    fn set(&self, value: Option<Value<S>>) -> Option<Value<S>> {
        match self.0.payload() {
            Payload::Cell(c) => c.with::<S, _>(&self.0.header, |v| std::mem::replace(v, value)),
            _ => unreachable!("cell slot holds a cell"),
        }
    }
}

fn cell_of<'a, S: LockStrategy>(
    stack: &'a [Option<Value<S>>],
    base: usize,
    code: &Code<S>,
    i: u32,
) -> CellRef<'a, S> {
    match &stack[base + code.nlocals as usize + i as usize] {
        Some(Value::Obj(cell)) => CellRef(cell),
        _ => unreachable!("cell slot holds a cell"),
    }
}

/// Whether a global's value may sit in a per-thread cache. Only unboxed values
/// and objects whose lifetime nobody observes (functions, builtins, types,
/// modules) are cached, so a stale cache entry never delays a visible free.
fn is_cacheable<S: LockStrategy>(v: &Value<S>) -> bool {
    match v {
        Value::Obj(o) => matches!(
            o.payload(),
            Payload::Function(_) | Payload::Builtin(_) | Payload::Type(_) | Payload::Module(_)
        ),
        _ => true,
    }
}

/// A str object for a name the VM looks up.
pub(crate) fn name_obj<S: LockStrategy>(vm: &Vm<S>, name: &str) -> ObjRef<S> {
    match vm.new_str(name) {
        Value::Obj(o) => o,
        _ => unreachable!("new_str makes a str object"),
    }
}

fn name_str<S: LockStrategy>(o: &ObjRef<S>) -> &str {
    match o.payload() {
        Payload::Str(s) => s.as_str(),
        _ => "?",
    }
}

/// Records one frame in an exception's traceback.
pub fn add_traceback<S: LockStrategy>(err: &PyErr<S>, entry: TracebackEntry<S>) {
    if let Payload::Exception(e) = err.exc.payload() {
        e.traceback
            .with::<S, _>(&err.exc.header, |tb| tb.push(entry));
    }
}

pub use crate::dict::key_of;

/// Whether a class body's namespace is a plain dict (read and written
/// directly) rather than an instance of a dict subclass from `__prepare__`
/// (whose `__getitem__`/`__setitem__` the body must call).
fn is_exact_dict<S: LockStrategy>(ns: &ObjRef<S>) -> bool {
    matches!(ns.stored(), Payload::Dict(_))
}
