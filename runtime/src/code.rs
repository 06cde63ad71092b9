//! Bytecode: the instruction set and code objects.

use crate::object::{ObjRef, Value};
use crate::strategy::LockStrategy;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Binary operators (also used, with `inplace`, for augmented assignment).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    TrueDiv,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    And,
    Or,
    Xor,
    /// `@`: no builtin type implements it; classes do, via `__matmul__`.
    MatMul,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::TrueDiv => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "** or pow()",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::And => "&",
            BinOp::Or => "|",
            BinOp::Xor => "^",
            BinOp::MatMul => "@",
        }
    }
}

/// Rich comparison operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CmpOp {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
}

pub const MAKE_DEFAULTS: u8 = 1;
pub const MAKE_KWDEFAULTS: u8 = 2;
pub const MAKE_CLOSURE: u8 = 4;
pub const MAKE_ANNOTATIONS: u8 = 8;

/// Flags of [`Instr::BuildClass`].
pub const CLASS_METACLASS: u8 = 1;
pub const CLASS_KEYWORDS: u8 = 2;

/// Flag in `ListExtend`'s depth: the list holds a call's positional
/// arguments (the callee lies just below it), for CPython's error message.
pub const IN_CALL: u32 = 1 << 31;

/// Flag in `ListExtend`'s depth: the list becomes a set display (`{*b}`),
/// whose error for a non-iterable is CPython's SET_UPDATE's.
pub const IN_SET: u32 = 1 << 30;

/// Flag in [`Instr::BuildSet`]'s operand: a display of constants.
pub const CONST_SET: u32 = 1 << 31;

/// One instruction. Jump targets are instruction indices.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Instr {
    Nop,
    LoadConst(u32),
    LoadFast(u32),
    StoreFast(u32),
    DeleteFast(u32),
    /// Global (then builtin) name lookup; the index is into `names`, and also
    /// the slot of the per-thread lookup cache.
    LoadGlobal(u32),
    StoreGlobal(u32),
    DeleteGlobal(u32),
    LoadAttr(u32),
    StoreAttr(u32),
    DeleteAttr(u32),
    /// Pushes (callable, self) for a method call, avoiding a bound method.
    LoadMethod(u32),
    /// Calls what `LoadMethod` pushed, with `argc` arguments after self.
    CallMethod(u32),
    /// Calls `callee` with `argc` positional arguments.
    Call(u32),
    /// Like `Call`, with a tuple of keyword names on top; the last
    /// `len(names)` arguments are the keyword values.
    CallKw(u32),
    Return,
    Pop,
    Dup,
    DupTwo,
    Rot2,
    Rot3,
    Binary(BinOp),
    /// Augmented assignment: in place for mutable containers (`list +=`).
    Inplace(BinOp),
    Compare(CmpOp),
    Is(bool),
    /// `in` (false) / `not in` (true).
    Contains(bool),
    Not,
    Neg,
    Pos,
    Invert,
    Jump(u32),
    PopJumpIfFalse(u32),
    PopJumpIfTrue(u32),
    JumpIfFalseOrPop(u32),
    JumpIfTrueOrPop(u32),
    GetIter,
    /// Pushes the iterator's next item, or pops it and jumps when exhausted.
    ForIter(u32),
    BuildList(u32),
    BuildTuple(u32),
    /// `n` key/value pairs.
    BuildDict(u32),
    BuildSlice(u32),
    Subscr,
    StoreSubscr,
    DeleteSubscr,
    UnpackSequence(u32),
    /// Unpacking with a starred target: `before` items, a list of the rest
    /// but `after`, then `after` items, pushed so that the first is on top.
    UnpackEx(u32, u32),
    /// Makes a function from the nested code `children[i]`. The flags say
    /// what lies on the stack below, in this order: a tuple of defaults
    /// ([`MAKE_DEFAULTS`]), a dict of keyword-only defaults
    /// ([`MAKE_KWDEFAULTS`]), a dict of annotations ([`MAKE_ANNOTATIONS`]),
    /// a tuple of closure cells ([`MAKE_CLOSURE`]).
    MakeFunction(u32, u8),
    /// Reads the variable in cell slot `i` (cell variables, then free ones).
    LoadDeref(u32),
    StoreDeref(u32),
    DeleteDeref(u32),
    /// Pushes the cell object of slot `i` itself (to build a closure).
    LoadClosure(u32),
    /// Pops a value and appends it to the list `i` slots down the stack.
    ListAppend(u32),
    /// Pops a value and a key and sets them in the dict `i` slots down.
    MapAdd(u32),
    /// Class-body name access: the class namespace, then globals and
    /// builtins.
    LoadName(u32),
    StoreName(u32),
    DeleteName(u32),
    /// Makes a class: pops the class body function, (with [`CLASS_KEYWORDS`])
    /// a dict of class keywords, (with [`CLASS_METACLASS`]) a metaclass, and
    /// `n` bases; the name is constant `c`.
    BuildClass(u32, u32, u8),
    /// f-string piece: pops a value (and, with `true`, a format spec above
    /// it), applies the conversion (0 none, 1 `!s`, 2 `!r`, 3 `!a`) and
    /// `format()`, and pushes the text.
    FormatValue(u8, bool),
    /// Pops `n` strings and pushes their concatenation.
    BuildString(u32),
    /// Pops `n` values and pushes a set of them. With [`CONST_SET`] set in
    /// the operand the values are a display of three or more constants,
    /// which CPython folds into a frozenset and merges into a new set.
    BuildSet(u32),
    /// Pops a value and adds it to the set `i` slots down.
    SetAdd(u32),
    /// Suspends the generator, yielding the value on top; on resumption the
    /// sent value is on top.
    YieldValue,
    /// `yield from`: sends the value on top to the iterator below it;
    /// yields what it yields, or replaces both with its return value.
    YieldFrom,
    /// Pops an iterable and extends the list `i` slots down with it (`*x`).
    ListExtend(u32),
    /// Pops a mapping and merges it into the dict `i` slots down (`**x`).
    DictMerge(u32),
    /// Pops a mapping and updates the dict `i` slots down with it, later
    /// keys winning (`{**x}` in a dict display).
    DictUpdate(u32),
    /// Replaces the list on top of the stack with a tuple of its items.
    ListToTuple,
    /// Replaces the list on top of the stack with a set of its items
    /// (`{a, *b}`).
    ListToSet,
    /// Calls with unpacked arguments: pops a dict of keyword arguments, a
    /// list of positional ones, and the callee.
    CallEx,
    /// `Call(n)` of a callee named `globals`, `exec` or `eval`: the VM
    /// records the calling frame's globals and namespace for the call, which
    /// the builtins of those names read (`crate::dynamic`).
    CallFrameAware(u32),
    /// `raise` with 0 (re-raise the current exception), 1 (`raise X`) or
    /// 2 (`raise X from Y`) operands.
    Raise(u32),
    /// Installs an `except` handler at the target.
    SetupExcept(u32),
    /// Installs a `finally` handler at the target.
    SetupFinally(u32),
    /// Makes the exception on top of the stack the current exception
    /// (what a bare `raise` re-raises, and the `__context__` of new ones).
    PushExcInfo,
    PopExcInfo,
    /// Pops an exception class (or tuple of classes) and an exception;
    /// pushes whether the exception is an instance.
    ExceptionMatch,
    /// Pops an exception and raises it again, traceback and all.
    Reraise,
    /// `except*`: pushes the state of the clauses for the exception on
    /// top (see `exceptions::star_start`).
    ExceptStarStart,
    /// `except* T`: pops T and the state; pushes the new state, the part
    /// of the exception that matched (None for none), and whether one did.
    ExceptStarMatch,
    /// `except*`: pops what a clause raised and the state; pushes the new
    /// state.
    ExceptStarRaised,
    /// After the `except*` clauses: pops the state; pushes what to raise
    /// (None for nothing) and whether there is one.
    ExceptStarFinish,
    /// `__import__(names[n], globals, None, consts[f], level)`: pushes the
    /// module (the top-level package for `import a.b`); `f` is a tuple of the
    /// names a `from` statement imports, or None.
    ImportName(u32, u32, u8),
    /// `from m import names[n]`: pushes the attribute of the module on top
    /// (or the submodule `m.n` from `sys.modules`), leaving the module.
    ImportFrom(u32),
    /// `from m import *`: pops the module and binds its public names in the
    /// module's globals.
    ImportStar,
    /// Enters a `with` block: pops the manager, pushes its bound `__exit__`
    /// and the result of `__enter__`, and installs a handler.
    SetupWith(u32),
    /// Leaves a `with` block normally: calls `__exit__(None, None, None)`.
    WithExit,
    /// Pops a value and pushes what `await` waits on: a coroutine itself, or
    /// the iterator its `__await__()` returns (CPython's `GET_AWAITABLE`).
    GetAwaitable,
    /// Enters an `async with` block: pops the manager, pushes its bound
    /// `__aexit__` and the awaitable `__aenter__()` returned, and installs a
    /// handler at the target.
    SetupAsyncWith(u32),
    /// Leaves an `async with` block: pops the bound `__aexit__` and pushes
    /// the awaitable `__aexit__(None, None, None)` returns.
    AsyncWithExit,
    /// The handler of an `async with` block: pops the exception and the
    /// bound `__aexit__`, pushes the exception and the awaitable that
    /// `__aexit__(type, exc, tb)` returns.
    AsyncWithExceptExit,
    /// Pops the awaited result of `__aexit__` and the exception below it;
    /// re-raises the exception unless the result is true.
    AsyncWithExceptCheck,
    /// Replaces the value on top with its `__aiter__()` (`async for`).
    GetAIter,
    /// Pushes the awaitable `__anext__()` of the async iterator on top.
    GetANext,
    /// The handler of an `async for`: pops the exception; if it is
    /// `StopAsyncIteration`, pops the iterator (the loop ends), otherwise
    /// re-raises it.
    EndAsyncFor,
    /// The handler of a `with` block: calls `__exit__` with the exception and
    /// re-raises it unless `__exit__` returned true.
    WithExceptExit,
    PopBlock,
    // ---- `match` statements (see `crate::compile::patterns`) ----
    /// Pushes a copy of the item `n` slots down (1 is the top).
    Copy(u32),
    /// Swaps the top with the item `n` slots down (2 is the one below).
    Swap(u32),
    /// Pushes whether the value on top (left there) is a sequence to match
    /// sequence patterns against (CPython's `MATCH_SEQUENCE`).
    MatchSequence,
    /// Pushes whether the value on top (left there) is a mapping to match
    /// mapping patterns against (`MATCH_MAPPING`).
    MatchMapping,
    /// Pushes `len()` of the value on top, leaving it (`GET_LEN`).
    GetLen,
    /// With a tuple of keys on top of a mapping: pushes a tuple of their
    /// values, or None when a key is missing (`MATCH_KEYS`).
    MatchKeys,
    /// Pops a tuple of keyword attribute names, a class and a subject;
    /// pushes a tuple of the `n` positional and the keyword attributes when
    /// the subject is an instance that has them all, None otherwise
    /// (`MATCH_CLASS`).
    MatchClass(u32),
}

/// A compiled function or module body.
pub struct Code<S: LockStrategy> {
    pub name: Arc<str>,
    pub qualname: Arc<str>,
    pub filename: Arc<str>,
    pub instrs: Box<[Instr]>,
    /// Source line of each instruction.
    pub lines: Box<[u32]>,
    pub consts: Box<[Value<S>]>,
    /// Names used by global, attribute and import instructions (str objects).
    pub names: Box<[ObjRef<S>]>,
    pub varnames: Box<[Arc<str>]>,
    /// Positional parameters.
    pub argcount: u32,
    /// Leading positional parameters that cannot be passed by keyword.
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    /// Whether the code takes `*args` / `**kwargs` (their slots follow the
    /// keyword-only parameters).
    pub varargs: bool,
    pub varkw: bool,
    /// Nothing but positional parameters: calls may bind by position alone.
    pub simple_args: bool,
    pub nlocals: u32,
    /// Names of the cell variables, then of the free variables; their cells
    /// live in the frame's slots after the locals.
    pub cellvars: Box<[Arc<str>]>,
    pub freevars: Box<[Arc<str>]>,
    /// For each cell variable that is a parameter, the parameter's slot.
    pub cell_params: Box<[Option<u32>]>,
    /// Code objects of functions defined in this one.
    pub children: Box<[Arc<Code<S>>]>,
    /// First slot of this code's entries in the per-thread global cache.
    pub cache_base: usize,
    pub is_module: bool,
    pub is_class: bool,
    pub has_docstring: bool,
    pub is_generator: bool,
    /// An `async def`: calling it makes a coroutine, or an async generator
    /// when it also yields.
    pub is_coroutine: bool,
    /// `co_firstlineno` when known (a `def`); 0 otherwise.
    pub first_line: u32,
    /// A call makes a suspended frame object (a generator, coroutine or
    /// async generator) instead of running: `is_generator || is_coroutine`,
    /// one flag for the call path to test.
    pub suspends: bool,
    /// CPython's `CO_ITERABLE_COROUTINE`, set by `types.coroutine` (through
    /// `code.replace(co_flags=...)`): the generators of this code can be
    /// awaited. The one flag of a code object that changes after compiling.
    pub iterable_coroutine: crate::sync::AtomicBool,
}
