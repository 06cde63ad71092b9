//! The compiler: `ruff_python_parser`'s AST to bytecode.
//!
//! It is not generic over the lock strategy: it produces a [`CodeUnit`] of
//! plain data, which [`crate::interp`] turns into a [`crate::code::Code`] with
//! real objects for constants and names.
//!
//! Syntax outside the supported subset is reported as
//! [`CompileErrorKind::Unsupported`] with its position, never silently
//! miscompiled.

use crate::code::{BinOp, CmpOp, Instr};
use num_bigint::BigInt;
use ruff_python_ast::{self as ast, Expr, ExprContext, Number, Stmt};
use ruff_text_size::{Ranged, TextRange};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

mod async_;
mod patterns;

/// A constant in a code unit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Const {
    None,
    Bool(bool),
    Int(i64),
    BigInt(#[serde(with = "crate::code_cache::bigint")] BigInt),
    Float(f64),
    /// An imaginary literal (`2j`): the parts of a complex.
    Complex(f64, f64),
    Str(String),
    Bytes(Vec<u8>),
    /// A tuple of strings (keyword names of a call).
    StrTuple(Vec<String>),
    Ellipsis,
}

/// Compiled code, before its constants become objects. Plain data: the
/// bytecode cache ([`crate::code_cache`]) stores it.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct CodeUnit {
    pub name: String,
    /// `__qualname__`: the dotted path from the module (`C.m`,
    /// `f.<locals>.g`).
    pub qualname: String,
    pub instrs: Vec<Instr>,
    pub lines: Vec<u32>,
    pub consts: Vec<Const>,
    pub names: Vec<String>,
    pub varnames: Vec<String>,
    /// Positional parameters, positional-only ones included.
    pub argcount: u32,
    /// The first `posonlyargcount` positional parameters cannot be passed
    /// by keyword.
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub varargs: bool,
    pub varkw: bool,
    /// Cell variables (locals that nested functions use) and free variables
    /// (taken from enclosing functions), in slot order.
    pub cellvars: Vec<String>,
    pub freevars: Vec<String>,
    pub children: Vec<CodeUnit>,
    pub is_module: bool,
    /// A class body: names live in the class namespace (`LoadName`...).
    pub is_class: bool,
    /// The body starts with a docstring, which is `consts[0]`.
    pub has_docstring: bool,
    /// Calling the function makes a generator.
    pub is_generator: bool,
    /// An `async def`: calling it makes a coroutine (an async generator
    /// when it also yields).
    pub is_coroutine: bool,
    /// The line of the `def` (or of its first decorator), for
    /// `co_firstlineno`; 0 when the first instruction's line will do.
    pub first_line: u32,
}

/// Why a source did not compile.
///
/// ```
/// use runtime::{CompileErrorKind, RunError};
/// let rt = runtime::Runtime::<gil::Gil>::builder().build();
/// let kind = |src| match rt.run_source(src, "k.py") {
///     Err(RunError::Compile { error, .. }) => error.kind,
///     other => panic!("compiled: {other:?}"),
/// };
/// assert_eq!(kind("x = (1,"), CompileErrorKind::Syntax);
/// assert_eq!(kind("class A(*bases):\n    pass"), CompileErrorKind::Unsupported);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompileErrorKind {
    /// Not valid Python 3.11.
    Syntax,
    /// Valid Python that Gilgamesh does not implement (starred base
    /// classes, `**` in class keywords, ...).
    Unsupported,
    /// Nested too deeply to compile (CPython's `RecursionError: maximum
    /// recursion depth exceeded during compilation`).
    Recursion,
}

/// A compile error with a 1-based line and column, found in
/// [`RunError::Compile`](crate::RunError::Compile).
///
/// ```
/// let rt = runtime::Runtime::<gil::Gil>::builder().build();
/// let Err(runtime::RunError::Compile { error, .. }) = rt.run_source("ok = 1\nclass A(*bases):\n    pass", "a.py")
/// else {
///     panic!("expected a compile error")
/// };
/// assert_eq!((error.line, error.column), (2, 9));
/// assert_eq!(error.message, "starred base classes");
/// ```
#[derive(Clone, Debug)]
pub struct CompileError {
    /// A syntax error, or a construct Gilgamesh does not support.
    pub kind: CompileErrorKind,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// What is wrong (CPython's wording for syntax errors).
    pub message: String,
}

impl CompileError {
    /// `FILE:LINE:COL: SyntaxError: msg` or `FILE:LINE:COL: unsupported: what`.
    ///
    /// ```
    /// let rt = runtime::Runtime::<gil::Gil>::builder().build();
    /// let Err(runtime::RunError::Compile { error, .. }) = rt.run_source("class A(*bases):\n    pass", "a.py")
    /// else {
    ///     panic!("expected a compile error")
    /// };
    /// assert_eq!(error.render("pkg/a.py"), "pkg/a.py:1:9: unsupported: starred base classes");
    /// ```
    pub fn render(&self, filename: &str) -> String {
        let label = match self.kind {
            CompileErrorKind::Syntax => "SyntaxError",
            CompileErrorKind::Unsupported => "unsupported",
            CompileErrorKind::Recursion => "RecursionError",
        };
        format!(
            "{}:{}:{}: {}: {}",
            filename, self.line, self.column, label, self.message
        )
    }
}

/// Maps byte offsets to 1-based (line, column in characters).
struct LineIndex<'a> {
    source: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(source: &'a str) -> Self {
        let mut starts = vec![0];
        for (i, b) in source.bytes().enumerate() {
            if b == b'\n' {
                starts.push(i + 1);
            }
        }
        Self { source, starts }
    }
    fn line_col(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.source.len());
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line];
        let col = self
            .source
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(offset - start);
        (line as u32 + 1, col as u32 + 1)
    }
}

/// Parses and compiles a module.
pub fn compile_module(source: &str) -> Result<CodeUnit, CompileError> {
    compile_unit(source, ruff_python_parser::Mode::Module, |c, parsed| {
        if let ast::Mod::Module(module) = parsed {
            c.compile_namespace_body(&module.body)?;
        }
        c.emit_const(Const::None);
        c.emit(Instr::Return);
        Ok(())
    })
}

/// `exec(source, globals, locals)` and `eval(...)`: module code (or one
/// expression, with `eval`) whose names live in `locals` when
/// `separate_locals` (CPython's `LOAD_NAME`/`STORE_NAME`), in `globals`
/// otherwise.
pub fn compile_dynamic(
    source: &str,
    eval: bool,
    separate_locals: bool,
) -> Result<CodeUnit, CompileError> {
    let mode = if eval {
        ruff_python_parser::Mode::Expression
    } else {
        ruff_python_parser::Mode::Module
    };
    compile_unit(source, mode, |c, parsed| {
        c.scope().names_in_namespace = separate_locals;
        match parsed {
            ast::Mod::Module(module) => {
                c.compile_namespace_body(&module.body)?;
                c.emit_const(Const::None);
            }
            ast::Mod::Expression(expr) => {
                c.set_line(expr.range);
                c.compile_expr(&expr.body)?;
            }
        }
        c.emit(Instr::Return);
        Ok(())
    })
}

/// Parses and compiles one expression (`eval` mode): the code runs as a
/// module body and returns the expression's value.
pub fn compile_eval(source: &str) -> Result<CodeUnit, CompileError> {
    compile_unit(source, ruff_python_parser::Mode::Expression, |c, parsed| {
        if let ast::Mod::Expression(expr) = parsed {
            c.set_line(expr.range);
            c.compile_expr(&expr.body)?;
        }
        c.emit(Instr::Return);
        Ok(())
    })
}

/// Brackets that may be open at once: CPython's tokenizer reports "too many
/// nested parentheses" when one more opens (its `MAXLEVEL`).
const MAX_BRACKET_LEVEL: usize = 200;

/// Nesting of expressions and statements past which compiling raises
/// `RecursionError` ("maximum recursion depth exceeded during
/// compilation"), where CPython 3.11's compiler does: it allows three times
/// the recursion limit of 1000, less the frames above it (a unary minus
/// nested 2990 deep compiles, 2991 does not).
const MAX_COMPILE_DEPTH: usize = 2990;

/// The compiler's recursion (and the scope analysis', see `crate::scope`)
/// runs on a fresh stack segment when less than this is left, so that the
/// nesting `MAX_COMPILE_DEPTH` allows fits on any thread (as the parser does
/// for its own recursion).
pub(crate) const STACK_RED_ZONE: usize = 256 << 10;
/// The size of each such segment.
pub(crate) const STACK_SEGMENT: usize = 4 << 20;

/// Parses `source` in `mode` and compiles what it gives with `emit`, in a
/// module scope.
fn compile_unit(
    source: &str,
    mode: ruff_python_parser::Mode,
    emit: impl FnOnce(&mut Compiler<'_>, &ast::Mod) -> CResult,
) -> Result<CodeUnit, CompileError> {
    let index = LineIndex::new(source);
    let parsed = ruff_python_parser::parse_unchecked(source, mode.into());
    let syntax_error = |offset: usize, message: String| {
        let (line, column) = index.line_col(offset);
        CompileError {
            kind: CompileErrorKind::Syntax,
            line,
            column,
            message,
        }
    };
    // CPython's tokenizer stops at the first bracket too many, before the
    // parser sees what follows.
    let first_error = parsed
        .errors()
        .first()
        .map(|e| e.location.start().to_usize());
    let too_deep =
        too_many_brackets(parsed.tokens()).filter(|&at| first_error.is_none_or(|e| at <= e));
    let result = if let Some(at) = too_deep {
        Err(syntax_error(at, "too many nested parentheses".to_string()))
    } else if let Some(e) = parsed.errors().first() {
        Err(syntax_error(
            e.location.start().to_usize(),
            e.error.to_string(),
        ))
    } else {
        let mut c = Compiler {
            index: &index,
            scopes: Vec::new(),
            depth: 0,
            future_annotations: imports_future_annotations(parsed.syntax()),
        };
        c.scopes.push(Scope::new("<module>", true));
        emit(&mut c, parsed.syntax()).map(|()| c.scopes.pop().expect("module scope").finish())
    };
    drop_iteratively(parsed.into_syntax());
    result
}

/// Where the bracket that opens one level too many starts, if any.
fn too_many_brackets(tokens: &[ruff_python_ast::token::Token]) -> Option<usize> {
    use ruff_python_ast::token::TokenKind;
    let mut level = 0usize;
    for token in tokens {
        match token.kind() {
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => {
                if level >= MAX_BRACKET_LEVEL {
                    return Some(token.start().to_usize());
                }
                level += 1;
            }
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                level = level.saturating_sub(1);
            }
            _ => {}
        }
    }
    None
}

/// Drops a syntax tree without recursing into nested expressions: the
/// derived destructor would recurse once per level, and a source file can
/// nest expressions (a chain of unary minus, of attributes, of calls)
/// deeper than any thread's stack. Each expression's children are moved
/// out onto a heap list before it is dropped.
fn drop_iteratively(tree: ast::Mod) {
    use ruff_python_ast::visitor::transformer::{walk_body, walk_expr, Transformer};
    use std::cell::RefCell;

    /// Moves every expression it visits out of the tree, leaving a `None`
    /// literal (which owns nothing) in its place.
    struct Detach(RefCell<Vec<Expr>>);
    impl Transformer for Detach {
        fn visit_expr(&self, expr: &mut Expr) {
            let placeholder = Expr::NoneLiteral(ast::ExprNoneLiteral::default());
            self.0
                .borrow_mut()
                .push(std::mem::replace(expr, placeholder));
        }
    }
    let detach = Detach(RefCell::new(Vec::new()));
    match tree {
        ast::Mod::Module(mut m) => walk_body(&detach, &mut m.body),
        ast::Mod::Expression(mut e) => detach.visit_expr(&mut e.body),
    }
    loop {
        let next = detach.0.borrow_mut().pop();
        let Some(mut expr) = next else { break };
        walk_expr(&detach, &mut expr);
    }
}

/// What encloses the code being compiled, innermost last: what a `break`,
/// `continue` or `return` must undo on its way out.
enum FBlock {
    Loop {
        start: u32,
        /// `for` loops keep their iterator on the stack.
        is_for: bool,
        breaks: Vec<usize>,
    },
    /// A `with` body: its `__exit__` is on the stack and a handler is set.
    With,
    /// An `async with` body: its bound `__aexit__` is on the stack and a
    /// handler is set; leaving it awaits `__aexit__`.
    AsyncWith,
    /// A `try` body with `except` clauses: a handler is set.
    TryBody,
    /// A `try` body with a `finally`: a handler is set, and leaving runs the
    /// `finally` body (compiled again at each exit).
    Finally(Vec<Stmt>),
    /// An `except` (or exceptional `finally`) body: the exception is on the
    /// stack and is the current exception; the name, if any, is bound to it.
    Handler(Option<String>),
    /// An `except*` body, which `break`, `continue` and `return` may not
    /// leave.
    StarHandler,
}

struct Scope {
    unit: CodeUnit,
    is_module: bool,
    /// The class whose body (or method) this is, for name mangling.
    private: Option<String>,
    /// Local variable names (functions only).
    locals: HashSet<String>,
    globals: HashSet<String>,
    fblocks: Vec<FBlock>,
    line: u32,
    /// Module-level names live in the frame's namespace, not in globals
    /// (`exec` and `eval` given a locals mapping: CPython's `LOAD_NAME`).
    names_in_namespace: bool,
}

impl Scope {
    fn new(name: &str, is_module: bool) -> Self {
        Self {
            unit: CodeUnit {
                name: name.to_string(),
                qualname: name.to_string(),
                instrs: Vec::new(),
                lines: Vec::new(),
                consts: Vec::new(),
                names: Vec::new(),
                varnames: Vec::new(),
                argcount: 0,
                posonlyargcount: 0,
                kwonlyargcount: 0,
                varargs: false,
                varkw: false,
                cellvars: Vec::new(),
                freevars: Vec::new(),
                children: Vec::new(),
                is_module,
                is_class: false,
                has_docstring: false,
                is_generator: false,
                is_coroutine: false,
                first_line: 0,
            },
            is_module,
            private: None,
            locals: HashSet::new(),
            globals: HashSet::new(),
            fblocks: Vec::new(),
            line: 1,
            names_in_namespace: false,
        }
    }
    fn finish(self) -> CodeUnit {
        self.unit
    }
}

struct Compiler<'a> {
    index: &'a LineIndex<'a>,
    scopes: Vec<Scope>,
    /// How deeply the statement or expression being compiled is nested.
    depth: usize,
    /// `from __future__ import annotations` (PEP 563): annotations are kept
    /// as their source text, not evaluated.
    future_annotations: bool,
}

type CResult<T = ()> = Result<T, CompileError>;

enum NameOp {
    Load,
    Store,
    Delete,
}

impl Compiler<'_> {
    fn scope(&mut self) -> &mut Scope {
        self.scopes.last_mut().expect("scope")
    }

    fn unsupported(&self, range: TextRange, what: &str) -> CompileError {
        let (line, column) = self.index.line_col(range.start().to_usize());
        CompileError {
            kind: CompileErrorKind::Unsupported,
            line,
            column,
            message: what.to_string(),
        }
    }

    fn syntax(&self, range: TextRange, what: &str) -> CompileError {
        let (line, column) = self.index.line_col(range.start().to_usize());
        CompileError {
            kind: CompileErrorKind::Syntax,
            line,
            column,
            message: what.to_string(),
        }
    }

    fn set_line(&mut self, range: TextRange) {
        let (line, _) = self.index.line_col(range.start().to_usize());
        self.scope().line = line;
    }

    fn emit(&mut self, instr: Instr) -> usize {
        let s = self.scope();
        s.unit.instrs.push(instr);
        s.unit.lines.push(s.line);
        s.unit.instrs.len() - 1
    }

    fn here(&mut self) -> u32 {
        self.scope().unit.instrs.len() as u32
    }

    /// Points the jump at `at` to the current position.
    fn patch(&mut self, at: usize) {
        let target = self.here();
        let instr = &mut self.scope().unit.instrs[at];
        *instr = match *instr {
            Instr::Jump(_) => Instr::Jump(target),
            Instr::PopJumpIfFalse(_) => Instr::PopJumpIfFalse(target),
            Instr::PopJumpIfTrue(_) => Instr::PopJumpIfTrue(target),
            Instr::JumpIfFalseOrPop(_) => Instr::JumpIfFalseOrPop(target),
            Instr::JumpIfTrueOrPop(_) => Instr::JumpIfTrueOrPop(target),
            Instr::ForIter(_) => Instr::ForIter(target),
            Instr::SetupWith(_) => Instr::SetupWith(target),
            Instr::SetupAsyncWith(_) => Instr::SetupAsyncWith(target),
            Instr::SetupExcept(_) => Instr::SetupExcept(target),
            Instr::SetupFinally(_) => Instr::SetupFinally(target),
            other => unreachable!("patching a non-jump {other:?}"),
        };
    }

    fn const_index(&mut self, c: Const) -> u32 {
        let consts = &mut self.scope().unit.consts;
        if let Some(i) = consts.iter().position(|x| match (x, &c) {
            // 0.0 and -0.0 (and 1 and 1.0) must stay distinct constants.
            (Const::Float(a), Const::Float(b)) => a.to_bits() == b.to_bits(),
            (Const::Complex(a, b), Const::Complex(c, d)) => {
                (a.to_bits(), b.to_bits()) == (c.to_bits(), d.to_bits())
            }
            (a, b) => a == b,
        }) {
            return i as u32;
        }
        consts.push(c);
        (consts.len() - 1) as u32
    }

    fn emit_const(&mut self, c: Const) {
        let i = self.const_index(c);
        self.emit(Instr::LoadConst(i));
    }

    fn name_index(&mut self, name: &str) -> u32 {
        let names = &mut self.scope().unit.names;
        if let Some(i) = names.iter().position(|n| n == name) {
            return i as u32;
        }
        names.push(name.to_string());
        (names.len() - 1) as u32
    }

    /// A private name (`__x`, not `__x__`) used inside a class is renamed
    /// `_Class__x`, as CPython does.
    fn mangle(&self, name: &str) -> Option<String> {
        let class = self.scopes.last()?.private.as_deref()?;
        if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
            return None;
        }
        let stripped = class.trim_start_matches('_');
        if stripped.is_empty() {
            return None;
        }
        Some(format!("_{stripped}{name}"))
    }

    /// The name index of an attribute name, mangled if private.
    fn attr_index(&mut self, name: &str) -> u32 {
        match self.mangle(name) {
            Some(m) => self.name_index(&m),
            None => self.name_index(name),
        }
    }

    fn var_index(&mut self, name: &str) -> u32 {
        let vars = &mut self.scope().unit.varnames;
        if let Some(i) = vars.iter().position(|n| n == name) {
            return i as u32;
        }
        vars.push(name.to_string());
        (vars.len() - 1) as u32
    }

    fn name_op(&mut self, name: &str, op: NameOp, _range: TextRange) -> CResult {
        let scope = self.scopes.last().expect("scope");
        let unit = &scope.unit;
        let deref = unit
            .cellvars
            .iter()
            .chain(&unit.freevars)
            .position(|n| n == name);
        if let Some(i) = deref {
            let i = i as u32;
            self.emit(match op {
                NameOp::Load => Instr::LoadDeref(i),
                NameOp::Store => Instr::StoreDeref(i),
                NameOp::Delete => Instr::DeleteDeref(i),
            });
            return Ok(());
        }
        if (unit.is_class || scope.names_in_namespace) && !scope.globals.contains(name) {
            let i = self.attr_index(name);
            self.emit(match op {
                NameOp::Load => Instr::LoadName(i),
                NameOp::Store => Instr::StoreName(i),
                NameOp::Delete => Instr::DeleteName(i),
            });
            return Ok(());
        }
        let is_local =
            !scope.is_module && scope.locals.contains(name) && !scope.globals.contains(name);
        if is_local {
            let i = self.var_index(name);
            self.emit(match op {
                NameOp::Load => Instr::LoadFast(i),
                NameOp::Store => Instr::StoreFast(i),
                NameOp::Delete => Instr::DeleteFast(i),
            });
            return Ok(());
        }
        let i = self.attr_index(name);
        self.emit(match op {
            NameOp::Load => Instr::LoadGlobal(i),
            NameOp::Store => Instr::StoreGlobal(i),
            NameOp::Delete => Instr::DeleteGlobal(i),
        });
        Ok(())
    }

    /// Starts a function scope: parameters first in the frame, then the
    /// analysed cell and free variables. Free names resolve to the nearest
    /// enclosing function that binds them (or passes them through); the
    /// others are globals.
    fn push_function_scope(
        &mut self,
        name: &str,
        params: &[String],
        names: crate::scope::ScopeNames,
    ) {
        let mut scope = Scope::new(name, false);
        let parent = self.scopes.last().expect("an enclosing scope");
        scope.unit.qualname = if parent.is_module {
            name.to_string()
        } else if parent.unit.is_class {
            format!("{}.{}", parent.unit.qualname, name)
        } else {
            format!("{}.<locals>.{}", parent.unit.qualname, name)
        };
        scope.private = parent.private.clone();
        scope.unit.is_generator = names.is_generator;
        scope.unit.varnames = params.to_vec();
        let mut cells: Vec<String> = names.cells.into_iter().collect();
        cells.sort();
        // A class body's own names are not visible to the functions in it:
        // a class scope passes on only what it has as cells or free
        // variables itself.
        let enclosing_binds = |n: &String| {
            for s in self.scopes.iter().rev().take_while(|s| !s.is_module) {
                let passes = s.unit.freevars.contains(n) || s.unit.cellvars.contains(n);
                if s.unit.is_class {
                    return passes;
                }
                if passes || (s.locals.contains(n) && !s.globals.contains(n)) {
                    return true;
                }
            }
            false
        };
        let mut frees: Vec<String> = names.free.into_iter().filter(enclosing_binds).collect();
        frees.sort();
        scope.locals = names.locals;
        scope.globals = names.globals;
        scope.unit.cellvars = cells;
        scope.unit.freevars = frees;
        scope.line = self.scope().line;
        self.scopes.push(scope);
    }

    /// Ends a function scope and emits the code that makes the function:
    /// `flags` say what the caller already pushed (defaults); the closure
    /// tuple is added here.
    fn finish_function(&mut self, mut flags: u8) -> CResult {
        let scope = self.scopes.pop().expect("function scope");
        let unit = scope.finish();
        if !unit.freevars.is_empty() {
            for name in &unit.freevars {
                let outer = &self.scope().unit;
                let i = outer
                    .cellvars
                    .iter()
                    .chain(&outer.freevars)
                    .position(|n| n == name)
                    .expect("free variables are cells of the enclosing scope")
                    as u32;
                self.emit(Instr::LoadClosure(i));
            }
            self.emit(Instr::BuildTuple(unit.freevars.len() as u32));
            flags |= crate::code::MAKE_CLOSURE;
        }
        let children = &mut self.scope().unit.children;
        children.push(unit);
        let child = (children.len() - 1) as u32;
        self.emit(Instr::MakeFunction(child, flags));
        Ok(())
    }

    // ---- statements -------------------------------------------------------

    /// The body of a module or class: its docstring becomes `__doc__`, and
    /// `__annotations__` starts empty when it annotates any name (CPython's
    /// `SETUP_ANNOTATIONS`).
    fn compile_namespace_body(&mut self, body: &[Stmt]) -> CResult {
        if let Some(Stmt::Expr(e)) = body.first() {
            if let Expr::StringLiteral(doc) = e.value.as_ref() {
                self.set_line(e.range);
                self.emit_const(Const::Str(doc.value.to_str().to_string()));
                self.name_op("__doc__", NameOp::Store, e.range)?;
            }
        }
        if has_annotations(body) {
            self.emit(Instr::BuildDict(0));
            self.name_op("__annotations__", NameOp::Store, TextRange::default())?;
        }
        self.compile_body(body)
    }

    /// `x: T` in a module or class stores `T` (evaluated) in
    /// `__annotations__` under the (mangled) name; a function evaluates
    /// nothing for its locals' annotations, and an attribute or subscript
    /// target only evaluates its annotation, as in CPython 3.11.
    fn compile_annotation(&mut self, s: &ast::StmtAnnAssign) -> CResult {
        let in_function = !self.scope().is_module && !self.scope().unit.is_class;
        if in_function {
            return Ok(());
        }
        match s.target.as_ref() {
            Expr::Name(n) if s.simple => {
                self.compile_annotation_value(&s.annotation)?;
                self.name_op("__annotations__", NameOp::Load, s.range)?;
                let name = n.id.as_str();
                let key = self.mangle(name).unwrap_or_else(|| name.to_string());
                self.emit_const(Const::Str(key));
                self.emit(Instr::StoreSubscr);
            }
            // Under PEP 563 a complex target's annotation is not evaluated.
            _ if self.future_annotations => {}
            _ => {
                self.compile_expr(&s.annotation)?;
                self.emit(Instr::Pop);
            }
        }
        Ok(())
    }

    /// An annotation's value: the expression evaluated, or under
    /// `from __future__ import annotations` its source text (whitespace
    /// runs folded to one space, close to what CPython's unparser gives).
    fn compile_annotation_value(&mut self, annotation: &Expr) -> CResult {
        if !self.future_annotations {
            return self.compile_expr(annotation);
        }
        // A string literal is unparsed as its repr (`"T"` becomes `'T'`).
        if let Expr::StringLiteral(lit) = annotation {
            let text = crate::repr::str_repr(lit.value.to_str());
            self.emit_const(Const::Str(text));
            return Ok(());
        }
        let range = annotation.range();
        let text = &self.index.source[range.start().to_usize()..range.end().to_usize()];
        let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
        self.emit_const(Const::Str(folded));
        Ok(())
    }

    fn compile_body(&mut self, body: &[Stmt]) -> CResult {
        for stmt in body {
            self.compile_stmt(stmt)?;
        }
        Ok(())
    }

    /// Runs one level of the compiler's recursion: counts it against
    /// [`MAX_COMPILE_DEPTH`] and makes sure the stack has room for it.
    fn nested(&mut self, range: TextRange, f: impl FnOnce(&mut Self) -> CResult) -> CResult {
        if self.depth >= MAX_COMPILE_DEPTH {
            let (line, column) = self.index.line_col(range.start().to_usize());
            return Err(CompileError {
                kind: CompileErrorKind::Recursion,
                line,
                column,
                message: "maximum recursion depth exceeded during compilation".to_string(),
            });
        }
        self.depth += 1;
        let r = stacker::maybe_grow(STACK_RED_ZONE, STACK_SEGMENT, || f(self));
        self.depth -= 1;
        r
    }

    fn compile_stmt(&mut self, stmt: &Stmt) -> CResult {
        self.nested(stmt.range(), |c| c.compile_stmt_here(stmt))
    }

    fn compile_stmt_here(&mut self, stmt: &Stmt) -> CResult {
        self.set_line(stmt.range());
        match stmt {
            Stmt::Expr(s) => {
                self.compile_expr(&s.value)?;
                self.emit(Instr::Pop);
            }
            Stmt::Pass(_) => {}
            Stmt::Assign(s) => {
                self.compile_expr(&s.value)?;
                for (i, target) in s.targets.iter().enumerate() {
                    if i + 1 < s.targets.len() {
                        self.emit(Instr::Dup);
                    }
                    self.compile_store(target)?;
                }
            }
            Stmt::AnnAssign(s) => {
                if let Some(value) = &s.value {
                    self.compile_expr(value)?;
                    self.compile_store(&s.target)?;
                }
                self.compile_annotation(s)?;
            }
            Stmt::AugAssign(s) => self.compile_aug_assign(s)?,
            Stmt::If(s) => self.compile_if(s)?,
            Stmt::While(s) => self.compile_while(s)?,
            Stmt::For(s) => {
                if s.is_async {
                    self.check_async(s.range, "'async for'")?;
                    self.compile_async_for(s)?
                } else {
                    self.compile_for(s)?
                }
            }
            Stmt::Break(s) => self.compile_break(s.range)?,
            Stmt::Continue(s) => self.compile_continue(s.range)?,
            Stmt::Return(s) => {
                if self.scope().is_module {
                    return Err(self.syntax(s.range, "'return' outside function"));
                }
                match &s.value {
                    Some(v) => self.compile_expr(v)?,
                    None => self.emit_const(Const::None),
                }
                self.check_star_exit(0, s.range)?;
                self.unwind_blocks(0, true)?;
                self.emit(Instr::Return);
            }
            Stmt::FunctionDef(f) => self.compile_function_def(f)?,
            Stmt::Global(g) => {
                for name in &g.names {
                    self.scope().globals.insert(name.id.to_string());
                }
            }
            Stmt::Delete(d) => {
                for target in &d.targets {
                    self.compile_delete(target)?;
                }
            }
            Stmt::Import(imp) => {
                for alias in &imp.names {
                    let dotted = alias.name.id.as_str();
                    let i = self.name_index(dotted);
                    let none = self.const_index(Const::None);
                    // `import a.b.c` pushes (and binds) `a`; `import a.b.c as
                    // d` walks down to `c` as CPython's `IMPORT_FROM`s do.
                    self.emit(Instr::ImportName(i, none, 0));
                    match &alias.asname {
                        None => {
                            let top = dotted.split('.').next().unwrap_or(dotted);
                            self.name_op(top, NameOp::Store, alias.range)?;
                        }
                        Some(asname) => {
                            for part in dotted.split('.').skip(1) {
                                let p = self.name_index(part);
                                self.emit(Instr::ImportFrom(p));
                                self.emit(Instr::Rot2);
                                self.emit(Instr::Pop);
                            }
                            self.name_op(asname.id.as_str(), NameOp::Store, alias.range)?;
                        }
                    }
                }
            }
            Stmt::ImportFrom(imp) => {
                let module = imp.module.as_ref().map_or("", |m| m.id.as_str());
                let m = self.name_index(module);
                let names: Vec<String> = imp.names.iter().map(|a| a.name.id.to_string()).collect();
                let star = names.iter().any(|n| n == "*");
                if star && !self.scope().is_module {
                    return Err(self.syntax(imp.range, "import * only allowed at module level"));
                }
                let fromlist = self.const_index(Const::StrTuple(names));
                let level = u8::try_from(imp.level).unwrap_or(u8::MAX);
                self.emit(Instr::ImportName(m, fromlist, level));
                if star {
                    // Pops the module.
                    self.emit(Instr::ImportStar);
                } else {
                    for alias in &imp.names {
                        let i = self.name_index(alias.name.id.as_str());
                        self.emit(Instr::ImportFrom(i));
                        let bind = alias.asname.as_ref().unwrap_or(&alias.name);
                        self.name_op(bind.id.as_str(), NameOp::Store, alias.range)?;
                    }
                    self.emit(Instr::Pop);
                }
            }
            Stmt::With(w) => {
                if w.is_async {
                    self.check_async(w.range, "'async with'")?;
                    self.compile_async_with(&w.items, &w.body)?;
                } else {
                    self.compile_with(&w.items, &w.body)?;
                }
            }
            Stmt::Raise(r) => match (&r.exc, &r.cause) {
                (Some(e), cause) => {
                    self.compile_expr(e)?;
                    if let Some(c) = cause {
                        self.compile_expr(c)?;
                        self.emit(Instr::Raise(2));
                    } else {
                        self.emit(Instr::Raise(1));
                    }
                }
                (None, _) => {
                    self.emit(Instr::Raise(0));
                }
            },
            Stmt::Assert(a) => {
                self.compile_expr(&a.test)?;
                let jump = self.emit(Instr::PopJumpIfTrue(0));
                let i = self.name_index("AssertionError");
                self.emit(Instr::LoadGlobal(i));
                if let Some(msg) = &a.msg {
                    self.compile_expr(msg)?;
                    self.emit(Instr::Call(1));
                }
                self.emit(Instr::Raise(1));
                self.patch(jump);
            }
            Stmt::ClassDef(c) => self.compile_class_def(c)?,
            Stmt::Try(s) => self.compile_try(s)?,
            Stmt::Nonlocal(s) => {
                if self.scope().is_module {
                    return Err(
                        self.syntax(s.range, "nonlocal declaration not allowed at module level")
                    );
                }
            }
            Stmt::Match(s) => self.compile_match(s)?,
            Stmt::TypeAlias(s) => return Err(self.unsupported(s.range, "type alias")),
            Stmt::IpyEscapeCommand(s) => return Err(self.syntax(s.range, "IPython escape command")),
        }
        Ok(())
    }

    fn compile_if(&mut self, s: &ast::StmtIf) -> CResult {
        self.compile_expr(&s.test)?;
        let mut jump_next = self.emit(Instr::PopJumpIfFalse(0));
        self.compile_body(&s.body)?;
        let mut ends = Vec::new();
        for clause in &s.elif_else_clauses {
            ends.push(self.emit(Instr::Jump(0)));
            self.patch(jump_next);
            self.set_line(clause.range);
            match &clause.test {
                Some(test) => {
                    self.compile_expr(test)?;
                    jump_next = self.emit(Instr::PopJumpIfFalse(0));
                    self.compile_body(&clause.body)?;
                }
                None => {
                    // `else`: nothing left to skip to.
                    jump_next = usize::MAX;
                    self.compile_body(&clause.body)?;
                }
            }
        }
        if jump_next != usize::MAX {
            self.patch(jump_next);
        }
        for e in ends {
            self.patch(e);
        }
        Ok(())
    }

    fn compile_while(&mut self, s: &ast::StmtWhile) -> CResult {
        let start = self.here();
        self.compile_expr(&s.test)?;
        let exit = self.emit(Instr::PopJumpIfFalse(0));
        self.scope().fblocks.push(FBlock::Loop {
            start,
            is_for: false,
            breaks: Vec::new(),
        });
        self.compile_body(&s.body)?;
        self.end_loop(start, exit, &s.orelse)
    }

    /// Closes a loop: the jump back to `start`, the exit jump `exit` to the
    /// `else` body, and the `break`s past it.
    fn end_loop(&mut self, start: u32, exit: usize, orelse: &[Stmt]) -> CResult {
        self.emit(Instr::Jump(start));
        let Some(FBlock::Loop { breaks, .. }) = self.scope().fblocks.pop() else {
            unreachable!("loop block")
        };
        self.patch(exit);
        self.compile_body(orelse)?;
        for b in breaks {
            self.patch(b);
        }
        Ok(())
    }

    fn compile_for(&mut self, s: &ast::StmtFor) -> CResult {
        self.compile_expr(&s.iter)?;
        self.emit(Instr::GetIter);
        let start = self.here();
        let exit = self.emit(Instr::ForIter(0));
        self.scope().fblocks.push(FBlock::Loop {
            start,
            is_for: true,
            breaks: Vec::new(),
        });
        self.compile_store(&s.target)?;
        self.compile_body(&s.body)?;
        self.set_line(s.range);
        self.end_loop(start, exit, &s.orelse)
    }

    /// `async for`: `__aiter__` once, then `await __anext__()` until it
    /// raises `StopAsyncIteration`.
    fn compile_async_for(&mut self, s: &ast::StmtFor) -> CResult {
        self.compile_expr(&s.iter)?;
        self.emit(Instr::GetAIter);
        let start = self.here();
        let exit = self.emit(Instr::SetupExcept(0));
        self.emit(Instr::GetANext);
        self.emit_await();
        self.emit(Instr::PopBlock);
        self.scope().fblocks.push(FBlock::Loop {
            start,
            is_for: true,
            breaks: Vec::new(),
        });
        self.compile_store(&s.target)?;
        self.compile_body(&s.body)?;
        self.set_line(s.range);
        self.emit(Instr::Jump(start));
        let Some(FBlock::Loop { breaks, .. }) = self.scope().fblocks.pop() else {
            unreachable!("loop block")
        };
        // The handler: the iterator and the exception on the stack.
        self.patch(exit);
        self.emit(Instr::EndAsyncFor);
        self.compile_body(&s.orelse)?;
        for b in breaks {
            self.patch(b);
        }
        Ok(())
    }

    /// Index of the innermost loop block, or a syntax error.
    fn innermost_loop(&mut self, range: TextRange, what: &str) -> CResult<usize> {
        let blocks = &self.scopes.last().expect("scope").fblocks;
        match blocks
            .iter()
            .rposition(|b| matches!(b, FBlock::Loop { .. }))
        {
            Some(i) => Ok(i),
            None => Err(self.syntax(range, &format!("'{what}' outside loop"))),
        }
    }

    /// Emits what leaving every block in `fblocks[level..]` requires,
    /// innermost first. With `keep_top`, a value on top of the stack (a
    /// return value) is kept above the cleanup.
    fn unwind_blocks(&mut self, level: usize, keep_top: bool) -> CResult {
        let mut i = self.scope().fblocks.len();
        while i > level {
            i -= 1;
            match &self.scope().fblocks[i] {
                FBlock::Loop { is_for, .. } => {
                    // Only `return` leaves loops; the frame's stack goes
                    // with it, but keep the stack balanced all the same.
                    if *is_for {
                        if keep_top {
                            self.emit(Instr::Rot2);
                        }
                        self.emit(Instr::Pop);
                    }
                }
                FBlock::With => {
                    self.emit(Instr::PopBlock);
                    if keep_top {
                        self.emit(Instr::Rot2);
                    }
                    self.emit(Instr::WithExit);
                }
                FBlock::AsyncWith => {
                    self.emit(Instr::PopBlock);
                    if keep_top {
                        self.emit(Instr::Rot2);
                    }
                    self.emit(Instr::AsyncWithExit);
                    self.emit_await();
                    self.emit(Instr::Pop);
                }
                FBlock::TryBody => {
                    self.emit(Instr::PopBlock);
                }
                FBlock::Finally(body) => {
                    let body = body.clone();
                    self.emit(Instr::PopBlock);
                    // The finally body runs outside its own block.
                    let saved = self.scope().fblocks.split_off(i);
                    let r = self.compile_body(&body);
                    self.scope().fblocks.extend(saved);
                    r?;
                }
                // Refused before unwinding (`check_star_exit`).
                FBlock::StarHandler => {}
                FBlock::Handler(name) => {
                    let name = name.clone();
                    self.emit(Instr::PopExcInfo);
                    if keep_top {
                        self.emit(Instr::Rot2);
                    }
                    self.emit(Instr::Pop);
                    if let Some(n) = name {
                        self.unbind_handler_name(&n, TextRange::default())?;
                    }
                }
            }
        }
        Ok(())
    }

    /// `break`, `continue` and `return` may not leave an `except*` body
    /// (CPython's SyntaxError).
    fn check_star_exit(&mut self, level: usize, range: TextRange) -> CResult {
        if self.scope().fblocks[level..]
            .iter()
            .any(|b| matches!(b, FBlock::StarHandler))
        {
            return Err(self.syntax(
                range,
                "'break', 'continue' and 'return' cannot appear in an except* block",
            ));
        }
        Ok(())
    }

    fn compile_break(&mut self, range: TextRange) -> CResult {
        let level = self.innermost_loop(range, "break")?;
        self.check_star_exit(level + 1, range)?;
        self.unwind_blocks(level + 1, false)?;
        let is_for = matches!(
            self.scope().fblocks[level],
            FBlock::Loop { is_for: true, .. }
        );
        if is_for {
            self.emit(Instr::Pop);
        }
        let j = self.emit(Instr::Jump(0));
        if let FBlock::Loop { breaks, .. } = &mut self.scope().fblocks[level] {
            breaks.push(j);
        }
        Ok(())
    }

    fn compile_continue(&mut self, range: TextRange) -> CResult {
        let level = self.innermost_loop(range, "continue")?;
        self.check_star_exit(level + 1, range)?;
        self.unwind_blocks(level + 1, false)?;
        let FBlock::Loop { start, .. } = self.scope().fblocks[level] else {
            unreachable!("loop block")
        };
        self.emit(Instr::Jump(start));
        Ok(())
    }

    fn compile_try(&mut self, t: &ast::StmtTry) -> CResult {
        if t.finalbody.is_empty() {
            return self.compile_try_except(t);
        }
        let setup = self.emit(Instr::SetupFinally(0));
        self.scope()
            .fblocks
            .push(FBlock::Finally(t.finalbody.to_vec()));
        let r = self.compile_try_except(t);
        self.scope().fblocks.pop();
        r?;
        self.emit(Instr::PopBlock);
        self.compile_body(&t.finalbody)?;
        let end = self.emit(Instr::Jump(0));
        // Exceptional path: the exception is on the stack.
        self.patch(setup);
        self.emit(Instr::PushExcInfo);
        self.scope().fblocks.push(FBlock::Handler(None));
        let r = self.compile_body(&t.finalbody);
        self.scope().fblocks.pop();
        r?;
        self.emit(Instr::PopExcInfo);
        self.emit(Instr::Reraise);
        self.patch(end);
        Ok(())
    }

    fn compile_try_except(&mut self, t: &ast::StmtTry) -> CResult {
        if t.handlers.is_empty() {
            self.compile_body(&t.body)?;
            return self.compile_body(&t.orelse);
        }
        if t.is_star {
            return self.compile_try_star(t);
        }
        let setup = self.emit(Instr::SetupExcept(0));
        self.scope().fblocks.push(FBlock::TryBody);
        let r = self.compile_body(&t.body);
        self.scope().fblocks.pop();
        r?;
        self.emit(Instr::PopBlock);
        self.compile_body(&t.orelse)?;
        let mut ends = vec![self.emit(Instr::Jump(0))];
        // Handlers: the exception is on the stack.
        self.patch(setup);
        self.emit(Instr::PushExcInfo);
        for handler in &t.handlers {
            let ast::ExceptHandler::ExceptHandler(h) = handler;
            self.set_line(h.range);
            let next = match &h.type_ {
                Some(ty) => {
                    self.emit(Instr::Dup);
                    self.compile_expr(ty)?;
                    self.emit(Instr::ExceptionMatch);
                    Some(self.emit(Instr::PopJumpIfFalse(0)))
                }
                None => None,
            };
            let name = h.name.as_ref().map(|n| n.id.to_string());
            if let Some(n) = &name {
                self.emit(Instr::Dup);
                self.name_op(n, NameOp::Store, h.range)?;
            }
            self.scope().fblocks.push(FBlock::Handler(name.clone()));
            let r = self.compile_body(&h.body);
            self.scope().fblocks.pop();
            r?;
            self.emit(Instr::PopExcInfo);
            self.emit(Instr::Pop);
            if let Some(n) = &name {
                self.unbind_handler_name(n, h.range)?;
            }
            ends.push(self.emit(Instr::Jump(0)));
            if let Some(next) = next {
                self.patch(next);
            }
        }
        // No clause matched.
        self.emit(Instr::PopExcInfo);
        self.emit(Instr::Reraise);
        for e in ends {
            self.patch(e);
        }
        Ok(())
    }

    /// `try` with `except*` clauses (PEP 654). The handlers' state, a
    /// tuple (the exception, what no clause matched yet, what the clauses
    /// raised), sits above the exception on the stack; each clause splits
    /// what is left, and what remains and what was raised is raised again
    /// at the end (CPython's `_PyExc_PrepReraiseStar`).
    fn compile_try_star(&mut self, t: &ast::StmtTry) -> CResult {
        let setup = self.emit(Instr::SetupExcept(0));
        self.scope().fblocks.push(FBlock::TryBody);
        let r = self.compile_body(&t.body);
        self.scope().fblocks.pop();
        r?;
        self.emit(Instr::PopBlock);
        self.compile_body(&t.orelse)?;
        let end = self.emit(Instr::Jump(0));
        // Handlers: the exception is on the stack.
        self.patch(setup);
        self.emit(Instr::PushExcInfo);
        self.emit(Instr::ExceptStarStart);
        for handler in &t.handlers {
            let ast::ExceptHandler::ExceptHandler(h) = handler;
            self.set_line(h.range);
            let Some(ty) = &h.type_ else {
                return Err(self.syntax(h.range, "expected one or more exception types"));
            };
            self.compile_expr(ty)?;
            self.emit(Instr::ExceptStarMatch);
            let no_match = self.emit(Instr::PopJumpIfFalse(0));
            // The matched part is the current exception in the body.
            self.emit(Instr::PushExcInfo);
            let name = h.name.as_ref().map(|n| n.id.to_string());
            match &name {
                Some(n) => self.name_op(n, NameOp::Store, h.range)?,
                None => {
                    self.emit(Instr::Pop);
                }
            }
            let body_setup = self.emit(Instr::SetupExcept(0));
            self.scope().fblocks.push(FBlock::StarHandler);
            let r = self.compile_body(&h.body);
            self.scope().fblocks.pop();
            r?;
            self.emit(Instr::PopBlock);
            let done = self.emit(Instr::Jump(0));
            // The body raised: keep what it raised for the end.
            self.patch(body_setup);
            self.emit(Instr::ExceptStarRaised);
            self.patch(done);
            self.emit(Instr::PopExcInfo);
            if let Some(n) = &name {
                self.unbind_handler_name(n, h.range)?;
            }
            let next = self.emit(Instr::Jump(0));
            self.patch(no_match);
            self.emit(Instr::Pop);
            self.patch(next);
        }
        self.emit(Instr::ExceptStarFinish);
        let nothing = self.emit(Instr::PopJumpIfFalse(0));
        // Raise the rest in place of the exception.
        self.emit(Instr::Rot2);
        self.emit(Instr::Pop);
        self.emit(Instr::PopExcInfo);
        self.emit(Instr::Reraise);
        self.patch(nothing);
        self.emit(Instr::Pop);
        self.emit(Instr::PopExcInfo);
        self.emit(Instr::Pop);
        self.patch(end);
        Ok(())
    }

    /// The end of `except E as name:`. CPython binds the name to None
    /// before deleting it, so that the delete cannot fail when the handler's
    /// body already unbound it (a nested handler with the same name).
    fn unbind_handler_name(&mut self, name: &str, range: TextRange) -> CResult {
        self.emit_const(Const::None);
        self.name_op(name, NameOp::Store, range)?;
        self.name_op(name, NameOp::Delete, range)
    }

    /// `await` of the value on top: CPython's `GET_AWAITABLE`, then a
    /// `yield from` that passes what the awaitable yields up to whoever
    /// drives the coroutine.
    fn emit_await(&mut self) {
        self.emit(Instr::GetAwaitable);
        self.emit_const(Const::None);
        self.emit(Instr::YieldFrom);
    }

    /// `await`, `async with` and `async for` belong in an `async def`:
    /// CPython's SyntaxErrors otherwise.
    fn check_async(&mut self, range: TextRange, what: &str) -> CResult {
        let scope = self.scopes.last().expect("scope");
        if scope.unit.is_coroutine {
            return Ok(());
        }
        let place = if self.in_function() || what != "'await'" {
            "async function"
        } else {
            "function"
        };
        Err(self.syntax(range, &format!("{what} outside {place}")))
    }

    /// `async with`: as `with`, with `__aenter__` and `__aexit__` awaited.
    fn compile_async_with(&mut self, items: &[ast::WithItem], body: &[Stmt]) -> CResult {
        let Some((item, rest)) = items.split_first() else {
            return self.compile_body(body);
        };
        self.compile_expr(&item.context_expr)?;
        let setup = self.emit(Instr::SetupAsyncWith(0));
        self.emit_await();
        match &item.optional_vars {
            Some(target) => self.compile_store(target)?,
            None => {
                self.emit(Instr::Pop);
            }
        }
        self.scope().fblocks.push(FBlock::AsyncWith);
        self.compile_async_with(rest, body)?;
        self.scope().fblocks.pop();
        self.emit(Instr::PopBlock);
        self.emit(Instr::AsyncWithExit);
        self.emit_await();
        self.emit(Instr::Pop);
        let end = self.emit(Instr::Jump(0));
        self.patch(setup);
        // The handler: the bound `__aexit__` and the exception on the stack.
        self.emit(Instr::AsyncWithExceptExit);
        self.emit_await();
        self.emit(Instr::AsyncWithExceptCheck);
        self.patch(end);
        Ok(())
    }

    fn compile_with(&mut self, items: &[ast::WithItem], body: &[Stmt]) -> CResult {
        let Some((item, rest)) = items.split_first() else {
            return self.compile_body(body);
        };
        self.compile_expr(&item.context_expr)?;
        let setup = self.emit(Instr::SetupWith(0));
        match &item.optional_vars {
            Some(target) => self.compile_store(target)?,
            None => {
                self.emit(Instr::Pop);
            }
        }
        self.scope().fblocks.push(FBlock::With);
        self.compile_with(rest, body)?;
        self.scope().fblocks.pop();
        self.emit(Instr::PopBlock);
        self.emit(Instr::WithExit);
        let end = self.emit(Instr::Jump(0));
        self.patch(setup);
        self.emit(Instr::WithExceptExit);
        self.patch(end);
        Ok(())
    }

    fn compile_function_def(&mut self, f: &ast::StmtFunctionDef) -> CResult {
        if f.type_params.is_some() {
            return Err(self.unsupported(f.range, "type parameters"));
        }
        // Decorators are evaluated first, applied last (innermost first).
        for d in &f.decorator_list {
            self.compile_expr(&d.expression)?;
        }
        let mut flags = self.compile_defaults(&f.parameters)?;
        flags |= self.compile_annotations(&f.parameters, f.returns.as_deref())?;
        let params = crate::scope::params_in_order(&f.parameters);
        let names = crate::scope::function_names(&params, &f.body);
        self.push_function_scope(f.name.id.as_str(), &params, names);
        self.scope().unit.is_coroutine = f.is_async;
        let start = f.decorator_list.first().map_or(f.range, |d| d.range);
        self.scope().unit.first_line = self.index.line_col(start.start().to_usize()).0;
        self.set_signature(&f.parameters);
        if let Some(Stmt::Expr(e)) = f.body.first() {
            if let Expr::StringLiteral(doc) = e.value.as_ref() {
                self.const_index(Const::Str(doc.value.to_str().to_string()));
                self.scope().unit.has_docstring = true;
            }
        }
        let result = self.compile_body(&f.body);
        if result.is_ok() {
            self.emit_const(Const::None);
            self.emit(Instr::Return);
        }
        if let Err(e) = result {
            self.scopes.pop();
            return Err(e);
        }
        self.finish_function(flags)?;
        for _ in &f.decorator_list {
            self.emit(Instr::Call(1));
        }
        self.name_op(f.name.id.as_str(), NameOp::Store, f.range)
    }

    /// Pushes a function's defaults (a tuple) and keyword-only defaults (a
    /// dict), evaluated once in the defining scope; returns the flags.
    fn compile_defaults(&mut self, p: &ast::Parameters) -> CResult<u8> {
        let mut flags = 0;
        let defaults: Vec<&Expr> = p
            .posonlyargs
            .iter()
            .chain(&p.args)
            .filter_map(|a| a.default.as_deref())
            .collect();
        if !defaults.is_empty() {
            for d in &defaults {
                self.compile_expr(d)?;
            }
            self.emit(Instr::BuildTuple(defaults.len() as u32));
            flags |= crate::code::MAKE_DEFAULTS;
        }
        let kwdefaults: Vec<_> = p
            .kwonlyargs
            .iter()
            .filter(|a| a.default.is_some())
            .collect();
        if !kwdefaults.is_empty() {
            for k in &kwdefaults {
                self.emit_const(Const::Str(k.parameter.name.id.to_string()));
                self.compile_expr(k.default.as_deref().expect("filtered"))?;
            }
            self.emit(Instr::BuildDict(kwdefaults.len() as u32));
            flags |= crate::code::MAKE_KWDEFAULTS;
        }
        Ok(flags)
    }

    /// Pushes a dict of the annotations of a `def` (parameters in order, then
    /// `return`), evaluated in the defining scope as CPython 3.11 does
    /// without `from __future__ import annotations`; returns the flag, or 0
    /// when nothing is annotated.
    fn compile_annotations(&mut self, p: &ast::Parameters, returns: Option<&Expr>) -> CResult<u8> {
        let params = p
            .posonlyargs
            .iter()
            .chain(&p.args)
            .map(|a| &a.parameter)
            .chain(p.vararg.as_deref())
            .chain(p.kwonlyargs.iter().map(|a| &a.parameter))
            .chain(p.kwarg.as_deref());
        let mut count = 0;
        for param in params {
            if let Some(annotation) = &param.annotation {
                let name = param.name.id.as_str();
                let key = self.mangle(name).unwrap_or_else(|| name.to_string());
                self.emit_const(Const::Str(key));
                self.compile_annotation_value(annotation)?;
                count += 1;
            }
        }
        if let Some(returns) = returns {
            self.emit_const(Const::Str("return".to_string()));
            self.compile_annotation_value(returns)?;
            count += 1;
        }
        if count == 0 {
            return Ok(0);
        }
        self.emit(Instr::BuildDict(count));
        Ok(crate::code::MAKE_ANNOTATIONS)
    }

    fn set_signature(&mut self, p: &ast::Parameters) {
        let unit = &mut self.scope().unit;
        unit.argcount = (p.posonlyargs.len() + p.args.len()) as u32;
        unit.posonlyargcount = p.posonlyargs.len() as u32;
        unit.kwonlyargcount = p.kwonlyargs.len() as u32;
        unit.varargs = p.vararg.is_some();
        unit.varkw = p.kwarg.is_some();
    }

    fn compile_class_def(&mut self, c: &ast::StmtClassDef) -> CResult {
        if c.type_params.is_some() {
            return Err(self.unsupported(c.range, "type parameters"));
        }
        for d in &c.decorator_list {
            self.compile_expr(&d.expression)?;
        }
        // Bases, then `metaclass=`, then the other class keywords (for
        // `__init_subclass__`).
        let mut nbases = 0;
        let mut class_flags = 0;
        if let Some(args) = &c.arguments {
            for b in args.args.iter() {
                if b.is_starred_expr() {
                    return Err(self.unsupported(b.range(), "starred base classes"));
                }
                self.compile_expr(b)?;
                nbases += 1;
            }
            for k in args.keywords.iter() {
                match k.arg.as_ref().map(|a| a.id.as_str()) {
                    Some("metaclass") => {
                        self.compile_expr(&k.value)?;
                        class_flags |= crate::code::CLASS_METACLASS;
                    }
                    Some(_) => {}
                    None => return Err(self.unsupported(k.range, "** in class keywords")),
                }
            }
            let others: Vec<_> = args
                .keywords
                .iter()
                .filter(|k| k.arg.as_ref().is_some_and(|a| a.id.as_str() != "metaclass"))
                .collect();
            if !others.is_empty() {
                for k in &others {
                    let name = k.arg.as_ref().expect("filtered").id.to_string();
                    self.emit_const(Const::Str(name));
                    self.compile_expr(&k.value)?;
                }
                self.emit(Instr::BuildDict(others.len() as u32));
                class_flags |= crate::code::CLASS_KEYWORDS;
            }
        }
        let mut names = crate::scope::function_names(&[], &c.body);
        // The class body provides `__class__` to its methods; it is not a
        // free variable of the class body itself.
        let wants_class_cell = names.free.remove("__class__");
        // Its own names are not visible to the functions in it, so none of
        // them is a cell.
        names.cells.clear();
        let name = c.name.id.to_string();
        self.push_function_scope(&name, &[], names);
        self.scope().unit.is_class = true;
        self.scope().private = Some(name.clone());
        if wants_class_cell {
            self.scope().unit.cellvars.push("__class__".to_string());
        }
        let result = (|| -> CResult {
            self.compile_namespace_body(&c.body)?;
            if wants_class_cell {
                let i = self
                    .scope()
                    .unit
                    .cellvars
                    .iter()
                    .position(|n| n == "__class__")
                    .expect("cell") as u32;
                self.emit(Instr::LoadClosure(i));
                let n = self.name_index("__classcell__");
                self.emit(Instr::StoreName(n));
            }
            self.emit_const(Const::None);
            self.emit(Instr::Return);
            Ok(())
        })();
        if let Err(e) = result {
            self.scopes.pop();
            return Err(e);
        }
        self.finish_function(0)?;
        let name_const = self.const_index(Const::Str(name.clone()));
        self.set_line(c.range);
        self.emit(Instr::BuildClass(nbases, name_const, class_flags));
        for _ in &c.decorator_list {
            self.emit(Instr::Call(1));
        }
        self.name_op(&name, NameOp::Store, c.range)
    }

    fn compile_lambda(&mut self, l: &ast::ExprLambda) -> CResult {
        let flags = match &l.parameters {
            Some(p) => self.compile_defaults(p)?,
            None => 0,
        };
        let params = l
            .parameters
            .as_deref()
            .map(crate::scope::params_in_order)
            .unwrap_or_default();
        let names = crate::scope::lambda_names(&params, &l.body);
        self.push_function_scope("<lambda>", &params, names);
        if let Some(p) = &l.parameters {
            self.set_signature(p);
        }
        if let Err(e) = self.compile_expr(&l.body) {
            self.scopes.pop();
            return Err(e);
        }
        self.emit(Instr::Return);
        self.finish_function(flags)
    }

    /// A list or dict comprehension: a hidden function, called at once with
    /// the first iterator.
    fn compile_comprehension(
        &mut self,
        name: &str,
        generators: &[ast::Comprehension],
        elements: &[&Expr],
        kind: Instr,
        range: TextRange,
    ) -> CResult {
        let is_async =
            self.comprehension_is_async(generators, elements, kind == Instr::YieldValue, range)?;
        let names = crate::scope::comprehension_names(generators, elements);
        self.push_function_scope(name, &[".0".to_string()], names);
        self.scope().unit.argcount = 1;
        self.scope().unit.is_coroutine = is_async;
        if kind == Instr::YieldValue {
            self.scope().unit.is_generator = true;
        }
        let result = (|| -> CResult {
            match kind {
                Instr::ListAppend(_) => {
                    self.emit(Instr::BuildList(0));
                }
                Instr::MapAdd(_) => {
                    self.emit(Instr::BuildDict(0));
                }
                Instr::SetAdd(_) => {
                    self.emit(Instr::BuildSet(0));
                }
                _ => {}
            }
            self.comprehension_loop(generators, 0, elements, kind)?;
            if kind == Instr::YieldValue {
                self.emit_const(Const::None);
            }
            self.emit(Instr::Return);
            Ok(())
        })();
        if let Err(e) = result {
            self.scopes.pop();
            return Err(e);
        }
        self.finish_function(0)?;
        self.compile_expr(&generators[0].iter)?;
        self.emit(match generators[0].is_async {
            true => Instr::GetAIter,
            false => Instr::GetIter,
        });
        self.emit(Instr::Call(1));
        if is_async && kind != Instr::YieldValue {
            self.emit_await();
        }
        Ok(())
    }

    /// The nested loops of a comprehension; the result is `depth + 1` slots
    /// below the innermost element.
    fn comprehension_loop(
        &mut self,
        generators: &[ast::Comprehension],
        index: usize,
        elements: &[&Expr],
        kind: Instr,
    ) -> CResult {
        let Some(g) = generators.get(index) else {
            for e in elements {
                self.compile_expr(e)?;
            }
            match kind {
                Instr::ListAppend(_) => {
                    self.emit(Instr::ListAppend(index as u32 + 1));
                }
                Instr::MapAdd(_) => {
                    self.emit(Instr::MapAdd(index as u32 + 1));
                }
                Instr::SetAdd(_) => {
                    self.emit(Instr::SetAdd(index as u32 + 1));
                }
                _ => {
                    self.emit(Instr::YieldValue);
                    self.emit(Instr::Pop);
                }
            }
            return Ok(());
        };
        if g.is_async {
            return self.comprehension_async_for(generators, index, elements, kind);
        }
        if index == 0 {
            self.emit(Instr::LoadFast(0));
        } else {
            self.compile_expr(&g.iter)?;
            self.emit(Instr::GetIter);
        }
        let start = self.here();
        let exit = self.emit(Instr::ForIter(0));
        self.compile_store(&g.target)?;
        let mut skips = Vec::new();
        for cond in &g.ifs {
            self.compile_expr(cond)?;
            skips.push(self.emit(Instr::PopJumpIfFalse(0)));
        }
        self.comprehension_loop(generators, index + 1, elements, kind)?;
        for s in skips {
            self.patch(s);
        }
        self.emit(Instr::Jump(start));
        self.patch(exit);
        Ok(())
    }

    fn compile_aug_assign(&mut self, s: &ast::StmtAugAssign) -> CResult {
        let op = Self::binop(s.op);
        match s.target.as_ref() {
            Expr::Name(n) => {
                self.name_op(n.id.as_str(), NameOp::Load, n.range)?;
                self.compile_expr(&s.value)?;
                self.emit(Instr::Inplace(op));
                self.name_op(n.id.as_str(), NameOp::Store, n.range)?;
            }
            Expr::Subscript(sub) => {
                self.compile_expr(&sub.value)?;
                self.compile_subscript_index(&sub.slice)?;
                self.emit(Instr::DupTwo);
                self.emit(Instr::Subscr);
                self.compile_expr(&s.value)?;
                self.emit(Instr::Inplace(op));
                self.emit(Instr::Rot3);
                self.emit(Instr::StoreSubscr);
            }
            Expr::Attribute(a) => {
                self.compile_expr(&a.value)?;
                self.emit(Instr::Dup);
                let i = self.attr_index(a.attr.id.as_str());
                self.emit(Instr::LoadAttr(i));
                self.compile_expr(&s.value)?;
                self.emit(Instr::Inplace(op));
                self.emit(Instr::Rot2);
                self.emit(Instr::StoreAttr(i));
            }
            other => {
                return Err(
                    self.syntax(other.range(), "illegal expression for augmented assignment")
                )
            }
        }
        Ok(())
    }

    fn compile_store(&mut self, target: &Expr) -> CResult {
        match target {
            Expr::Name(n) => self.name_op(n.id.as_str(), NameOp::Store, n.range),
            Expr::Subscript(sub) => {
                self.compile_expr(&sub.value)?;
                self.compile_subscript_index(&sub.slice)?;
                self.emit(Instr::StoreSubscr);
                Ok(())
            }
            Expr::Attribute(a) => {
                self.compile_expr(&a.value)?;
                let i = self.attr_index(a.attr.id.as_str());
                self.emit(Instr::StoreAttr(i));
                Ok(())
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                let stars: Vec<usize> = elts
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| e.is_starred_expr())
                    .map(|(i, _)| i)
                    .collect();
                match stars.as_slice() {
                    [] => {
                        self.emit(Instr::UnpackSequence(elts.len() as u32));
                    }
                    [i] => {
                        let after = elts.len() - i - 1;
                        self.emit(Instr::UnpackEx(*i as u32, after as u32));
                    }
                    [_, second, ..] => {
                        return Err(self.syntax(
                            elts[*second].range(),
                            "multiple starred expressions in assignment",
                        ))
                    }
                }
                for e in elts {
                    match e {
                        Expr::Starred(s) => self.compile_store(&s.value)?,
                        _ => self.compile_store(e)?,
                    }
                }
                Ok(())
            }
            Expr::Starred(s) => Err(self.syntax(
                s.range,
                "starred assignment target must be in a list or tuple",
            )),
            other => Err(self.syntax(other.range(), "cannot assign to expression")),
        }
    }

    fn compile_delete(&mut self, target: &Expr) -> CResult {
        match target {
            Expr::Name(n) => self.name_op(n.id.as_str(), NameOp::Delete, n.range),
            Expr::Subscript(sub) => {
                self.compile_expr(&sub.value)?;
                self.compile_subscript_index(&sub.slice)?;
                self.emit(Instr::DeleteSubscr);
                Ok(())
            }
            Expr::Tuple(t) => {
                for e in &t.elts {
                    self.compile_delete(e)?;
                }
                Ok(())
            }
            Expr::Attribute(a) => {
                self.compile_expr(&a.value)?;
                let i = self.attr_index(a.attr.id.as_str());
                self.emit(Instr::DeleteAttr(i));
                Ok(())
            }
            other => Err(self.syntax(other.range(), "cannot delete expression")),
        }
    }

    // ---- expressions ------------------------------------------------------

    fn binop(op: ast::Operator) -> BinOp {
        use ast::Operator as O;
        match op {
            O::Add => BinOp::Add,
            O::Sub => BinOp::Sub,
            O::Mult => BinOp::Mul,
            O::Div => BinOp::TrueDiv,
            O::FloorDiv => BinOp::FloorDiv,
            O::Mod => BinOp::Mod,
            O::Pow => BinOp::Pow,
            O::LShift => BinOp::LShift,
            O::RShift => BinOp::RShift,
            O::BitAnd => BinOp::And,
            O::BitOr => BinOp::Or,
            O::BitXor => BinOp::Xor,
            O::MatMult => BinOp::MatMul,
        }
    }

    fn compile_subscript_index(&mut self, slice: &Expr) -> CResult {
        if let Expr::Slice(s) = slice {
            for part in [&s.lower, &s.upper, &s.step] {
                match part {
                    Some(e) => self.compile_expr(e)?,
                    None => self.emit_const(Const::None),
                }
            }
            self.emit(Instr::BuildSlice(3));
            Ok(())
        } else if let Some(t) = slice.as_tuple_expr().filter(|t| {
            t.elts.iter().any(|e| e.is_slice_expr()) && !t.elts.iter().any(|e| e.is_starred_expr())
        }) {
            // `g[1:3, 'a']`: slices may be items of a subscript's tuple.
            for item in &t.elts {
                self.compile_subscript_index(item)?;
            }
            self.emit(Instr::BuildTuple(t.elts.len() as u32));
            Ok(())
        } else {
            self.compile_expr(slice)
        }
    }

    fn compile_expr(&mut self, expr: &Expr) -> CResult {
        self.nested(expr.range(), |c| c.compile_expr_here(expr))
    }

    fn compile_expr_here(&mut self, expr: &Expr) -> CResult {
        match expr {
            Expr::NumberLiteral(n) => {
                let c = match &n.value {
                    Number::Int(i) => match i.as_i64() {
                        Some(v) => Const::Int(v),
                        None => Const::BigInt(
                            parse_int_literal(&i.to_string())
                                .ok_or_else(|| self.syntax(n.range, "invalid integer literal"))?,
                        ),
                    },
                    Number::Float(f) => Const::Float(*f),
                    Number::Complex { real, imag } => Const::Complex(*real, *imag),
                };
                self.emit_const(c);
            }
            Expr::StringLiteral(s) => self.emit_const(Const::Str(s.value.to_str().to_string())),
            Expr::BytesLiteral(b) => self.emit_const(Const::Bytes(b.value.bytes().collect())),
            Expr::BooleanLiteral(b) => self.emit_const(Const::Bool(b.value)),
            Expr::NoneLiteral(_) => self.emit_const(Const::None),
            Expr::Name(n) => {
                if n.ctx != ExprContext::Load {
                    return Err(self.syntax(n.range, "invalid name context"));
                }
                self.name_op(n.id.as_str(), NameOp::Load, n.range)?
            }
            Expr::BinOp(b) => {
                let op = Self::binop(b.op);
                self.compile_expr(&b.left)?;
                self.compile_expr(&b.right)?;
                self.set_line(b.range);
                self.emit(Instr::Binary(op));
            }
            Expr::UnaryOp(u) => {
                self.compile_expr(&u.operand)?;
                self.emit(match u.op {
                    ast::UnaryOp::Not => Instr::Not,
                    ast::UnaryOp::USub => Instr::Neg,
                    ast::UnaryOp::UAdd => Instr::Pos,
                    ast::UnaryOp::Invert => Instr::Invert,
                });
            }
            Expr::BoolOp(b) => {
                let mut ends = Vec::new();
                for (i, v) in b.values.iter().enumerate() {
                    self.compile_expr(v)?;
                    if i + 1 < b.values.len() {
                        ends.push(self.emit(match b.op {
                            ast::BoolOp::And => Instr::JumpIfFalseOrPop(0),
                            ast::BoolOp::Or => Instr::JumpIfTrueOrPop(0),
                        }));
                    }
                }
                for e in ends {
                    self.patch(e);
                }
            }
            Expr::Compare(c) => self.compile_compare(c)?,
            Expr::If(e) => {
                self.compile_expr(&e.test)?;
                let jf = self.emit(Instr::PopJumpIfFalse(0));
                self.compile_expr(&e.body)?;
                let end = self.emit(Instr::Jump(0));
                self.patch(jf);
                self.compile_expr(&e.orelse)?;
                self.patch(end);
            }
            Expr::Call(call) => self.compile_call(call)?,
            Expr::Attribute(a) => {
                self.compile_expr(&a.value)?;
                let i = self.attr_index(a.attr.id.as_str());
                self.emit(Instr::LoadAttr(i));
            }
            Expr::Subscript(s) => {
                self.compile_expr(&s.value)?;
                self.compile_subscript_index(&s.slice)?;
                self.set_line(s.range);
                self.emit(Instr::Subscr);
            }
            Expr::List(l) if l.elts.iter().any(|e| e.is_starred_expr()) => {
                self.compile_list_with_stars(&l.elts)?;
            }
            Expr::Tuple(t) if t.elts.iter().any(|e| e.is_starred_expr()) => {
                self.compile_list_with_stars(&t.elts)?;
                self.emit(Instr::ListToTuple);
            }
            Expr::List(l) => {
                self.compile_elements(&l.elts)?;
                self.emit(Instr::BuildList(l.elts.len() as u32));
            }
            Expr::Tuple(t) => {
                self.compile_elements(&t.elts)?;
                self.emit(Instr::BuildTuple(t.elts.len() as u32));
            }
            Expr::Dict(d) if d.items.iter().any(|item| item.key.is_none()) => {
                // `{**a, k: v}`: build an empty dict and add to it in order.
                self.emit(Instr::BuildDict(0));
                for item in &d.items {
                    match &item.key {
                        Some(key) => {
                            self.compile_expr(key)?;
                            self.compile_expr(&item.value)?;
                            self.emit(Instr::MapAdd(1));
                        }
                        None => {
                            self.compile_expr(&item.value)?;
                            self.emit(Instr::DictUpdate(1));
                        }
                    }
                }
            }
            Expr::Dict(d) => {
                for item in &d.items {
                    let key = item
                        .key
                        .as_ref()
                        .expect("displays with ** are compiled above");
                    self.compile_expr(key)?;
                    self.compile_expr(&item.value)?;
                }
                self.emit(Instr::BuildDict(d.items.len() as u32));
            }
            Expr::Slice(s) => return Err(self.syntax(s.range, "slice outside a subscript")),
            Expr::Starred(s) => return Err(self.unsupported(s.range, "starred expression")),
            Expr::Named(e) => {
                self.compile_expr(&e.value)?;
                self.emit(Instr::Dup);
                self.compile_store(&e.target)?;
            }
            Expr::Lambda(l) => self.compile_lambda(l)?,
            Expr::Set(e) if e.elts.iter().any(Expr::is_starred_expr) => {
                // `{a, *b}`: a list built with the stars, made a set.
                self.emit(Instr::BuildList(0));
                for elt in &e.elts {
                    match elt {
                        Expr::Starred(s) => {
                            self.compile_expr(&s.value)?;
                            self.emit(Instr::ListExtend(1 | crate::code::IN_SET));
                        }
                        other => {
                            self.compile_expr(other)?;
                            self.emit(Instr::ListAppend(1));
                        }
                    }
                }
                self.emit(Instr::ListToSet);
            }
            Expr::Set(e) => {
                self.compile_elements(&e.elts)?;
                let n = e.elts.len() as u32;
                let folded = n >= 3 && e.elts.iter().all(is_constant);
                self.emit(Instr::BuildSet(if folded {
                    n | crate::code::CONST_SET
                } else {
                    n
                }));
            }
            Expr::ListComp(c) => self.compile_comprehension(
                "<listcomp>",
                &c.generators,
                &[&c.elt],
                Instr::ListAppend(0),
                c.range,
            )?,
            Expr::SetComp(c) => self.compile_comprehension(
                "<setcomp>",
                &c.generators,
                &[&c.elt],
                Instr::SetAdd(0),
                c.range,
            )?,
            Expr::DictComp(c) => match &c.key {
                Some(k) => self.compile_comprehension(
                    "<dictcomp>",
                    &c.generators,
                    &[k, &c.value],
                    Instr::MapAdd(0),
                    c.range,
                )?,
                None => return Err(self.unsupported(c.range, "** in a dict comprehension")),
            },
            Expr::Generator(g) => self.compile_comprehension(
                "<genexpr>",
                &g.generators,
                &[&g.elt],
                Instr::YieldValue,
                g.range,
            )?,
            Expr::Await(e) => {
                self.check_async(e.range, "'await'")?;
                self.compile_expr(&e.value)?;
                self.emit_await();
            }
            Expr::Yield(y) => {
                if !self.in_function() {
                    return Err(self.syntax(y.range, "'yield' outside function"));
                }
                match &y.value {
                    Some(v) => self.compile_expr(v)?,
                    None => self.emit_const(Const::None),
                }
                self.emit(Instr::YieldValue);
            }
            Expr::YieldFrom(y) => {
                if !self.in_function() {
                    return Err(self.syntax(y.range, "'yield' outside function"));
                }
                self.compile_expr(&y.value)?;
                self.emit(Instr::GetIter);
                self.emit_const(Const::None);
                self.emit(Instr::YieldFrom);
            }
            Expr::FString(f) => {
                let mut pieces = 0;
                for part in f.value.iter() {
                    match part {
                        ast::FStringPart::Literal(l) => {
                            self.emit_const(Const::Str(l.value.to_string()));
                            pieces += 1;
                        }
                        ast::FStringPart::FString(fs) => {
                            pieces += self.compile_fstring_elements(&fs.elements)?;
                        }
                    }
                }
                self.emit(Instr::BuildString(pieces));
            }
            Expr::TString(e) => return Err(self.unsupported(e.range, "t-string")),
            Expr::EllipsisLiteral(_) => self.emit_const(Const::Ellipsis),
            Expr::IpyEscapeCommand(e) => return Err(self.syntax(e.range, "IPython escape command")),
        }
        Ok(())
    }

    /// Pushes the pieces of an f-string (or of a nested format spec);
    /// returns how many.
    fn compile_fstring_elements(
        &mut self,
        elements: &[ast::InterpolatedStringElement],
    ) -> CResult<u32> {
        let mut pieces = 0;
        for element in elements {
            match element {
                ast::InterpolatedStringElement::Literal(l) => {
                    self.emit_const(Const::Str(l.value.to_string()));
                }
                ast::InterpolatedStringElement::Interpolation(i) => {
                    if let Some(debug) = &i.debug_text {
                        self.emit_const(Const::Str(debug.as_str().to_string()));
                        pieces += 1;
                    }
                    self.compile_expr(&i.expression)?;
                    let mut conversion = match i.conversion {
                        ast::ConversionFlag::None => 0,
                        ast::ConversionFlag::Str => 1,
                        ast::ConversionFlag::Repr => 2,
                        ast::ConversionFlag::Ascii => 3,
                    };
                    // `f"{x=}"` shows the repr unless a spec is given.
                    if i.debug_text.is_some() && conversion == 0 && i.format_spec.is_none() {
                        conversion = 2;
                    }
                    let has_spec = match &i.format_spec {
                        Some(spec) => {
                            let n = self.compile_fstring_elements(&spec.elements)?;
                            self.emit(Instr::BuildString(n));
                            true
                        }
                        None => false,
                    };
                    self.emit(Instr::FormatValue(conversion, has_spec));
                }
            }
            pieces += 1;
        }
        Ok(pieces)
    }

    fn in_function(&self) -> bool {
        let s = self.scopes.last().expect("scope");
        !s.is_module && !s.unit.is_class
    }

    /// Builds a list from elements that may be starred (`[*a, b]`).
    fn compile_list_with_stars(&mut self, elts: &[Expr]) -> CResult {
        self.emit(Instr::BuildList(0));
        for e in elts {
            match e {
                Expr::Starred(s) => {
                    self.compile_expr(&s.value)?;
                    self.emit(Instr::ListExtend(1));
                }
                other => {
                    self.compile_expr(other)?;
                    self.emit(Instr::ListAppend(1));
                }
            }
        }
        Ok(())
    }

    fn compile_elements(&mut self, elts: &[Expr]) -> CResult {
        for e in elts {
            if e.is_starred_expr() {
                return Err(self.unsupported(e.range(), "starred expression"));
            }
            self.compile_expr(e)?;
        }
        Ok(())
    }

    fn cmp(op: ast::CmpOp) -> Instr {
        use ast::CmpOp as C;
        match op {
            C::Eq => Instr::Compare(CmpOp::Eq),
            C::NotEq => Instr::Compare(CmpOp::Ne),
            C::Lt => Instr::Compare(CmpOp::Lt),
            C::LtE => Instr::Compare(CmpOp::Le),
            C::Gt => Instr::Compare(CmpOp::Gt),
            C::GtE => Instr::Compare(CmpOp::Ge),
            C::Is => Instr::Is(false),
            C::IsNot => Instr::Is(true),
            C::In => Instr::Contains(false),
            C::NotIn => Instr::Contains(true),
        }
    }

    fn compile_compare(&mut self, c: &ast::ExprCompare) -> CResult {
        self.compile_expr(&c.left)?;
        let n = c.ops.len();
        if n == 1 {
            self.compile_expr(&c.comparators[0])?;
            self.set_line(c.range);
            self.emit(Self::cmp(c.ops[0]));
            return Ok(());
        }
        // a < b < c: evaluate b once, short-circuit on the first false.
        let mut cleanups = Vec::new();
        for (i, (op, right)) in c.ops.iter().zip(c.comparators.iter()).enumerate() {
            self.compile_expr(right)?;
            if i + 1 < n {
                self.emit(Instr::Dup);
                self.emit(Instr::Rot3);
                self.emit(Self::cmp(*op));
                cleanups.push(self.emit(Instr::JumpIfFalseOrPop(0)));
            } else {
                self.emit(Self::cmp(*op));
            }
        }
        let end = self.emit(Instr::Jump(0));
        for cl in cleanups {
            self.patch(cl);
        }
        self.emit(Instr::Rot2);
        self.emit(Instr::Pop);
        self.patch(end);
        Ok(())
    }

    /// `super()` in a method is `super(__class__, <first argument>)`.
    fn compile_zero_arg_super(&mut self, n: &ast::ExprName) -> CResult {
        let unit = &self.scope().unit;
        let class_slot = unit
            .cellvars
            .iter()
            .chain(&unit.freevars)
            .position(|v| v == "__class__");
        let (Some(slot), Some(first)) = (class_slot, unit.varnames.first().cloned()) else {
            return Err(CompileError {
                kind: CompileErrorKind::Unsupported,
                line: self.scope().line,
                column: 1,
                message: "super() outside a method (RuntimeError in CPython)".into(),
            });
        };
        // The first argument lives in a cell when a nested function uses it
        // (`def __init_subclass__(cls): ... lambda: cls`).
        let first_cell = unit.cellvars.iter().position(|v| *v == first);
        self.name_op("super", NameOp::Load, n.range)?;
        self.emit(Instr::LoadDeref(slot as u32));
        match first_cell {
            Some(cell) => self.emit(Instr::LoadDeref(cell as u32)),
            None => self.emit(Instr::LoadFast(0)),
        };
        self.emit(Instr::Call(2));
        Ok(())
    }

    fn compile_call(&mut self, call: &ast::ExprCall) -> CResult {
        let args = &call.arguments;
        let unpacks = args.keywords.iter().any(|k| k.arg.is_none())
            || args.args.iter().any(|a| a.is_starred_expr());
        if unpacks {
            // f(*a, x, **k): a list of positional arguments, a dict of
            // keyword ones.
            // Every keyword goes through DictMerge, which refuses repeats.
            self.compile_expr(&call.func)?;
            self.emit(Instr::BuildList(0));
            for e in args.args.iter() {
                match e {
                    Expr::Starred(s) => {
                        self.compile_expr(&s.value)?;
                        self.emit(Instr::ListExtend(1 | crate::code::IN_CALL));
                    }
                    other => {
                        self.compile_expr(other)?;
                        self.emit(Instr::ListAppend(1));
                    }
                }
            }
            self.emit(Instr::BuildDict(0));
            for k in args.keywords.iter() {
                match &k.arg {
                    Some(name) => {
                        self.emit_const(Const::Str(name.id.to_string()));
                        self.compile_expr(&k.value)?;
                        self.emit(Instr::BuildDict(1));
                        self.emit(Instr::DictMerge(1));
                    }
                    None => {
                        self.compile_expr(&k.value)?;
                        self.emit(Instr::DictMerge(1));
                    }
                }
            }
            self.set_line(call.range());
            self.emit(Instr::CallEx);
            return Ok(());
        }
        if let Expr::Name(n) = call.func.as_ref() {
            if n.id.as_str() == "super" && args.args.is_empty() && args.keywords.is_empty() {
                return self.compile_zero_arg_super(n);
            }
        }
        let method = match call.func.as_ref() {
            Expr::Attribute(a) if args.keywords.is_empty() => Some(a),
            _ => None,
        };
        if let Some(a) = method {
            self.compile_expr(&a.value)?;
            let i = self.attr_index(a.attr.id.as_str());
            self.emit(Instr::LoadMethod(i));
            self.compile_elements(&args.args)?;
            self.set_line(call.range());
            self.emit(Instr::CallMethod(args.args.len() as u32));
            return Ok(());
        }
        // `globals()`, `locals()`, `dir()`, `vars()`, `exec(...)` and
        // `eval(...)` by their builtin names read the calling frame: those
        // calls tell the VM which frame it is.
        let frame_aware = matches!(call.func.as_ref(),
            Expr::Name(n) if matches!(n.id.as_str(), "globals" | "exec" | "eval" | "locals" | "dir" | "vars"));
        self.compile_expr(&call.func)?;
        self.compile_elements(&args.args)?;
        if args.keywords.is_empty() {
            self.set_line(call.range());
            let argc = args.args.len() as u32;
            self.emit(if frame_aware {
                Instr::CallFrameAware(argc)
            } else {
                Instr::Call(argc)
            });
        } else {
            let mut names = Vec::new();
            for k in &args.keywords {
                self.compile_expr(&k.value)?;
                names.push(k.arg.as_ref().expect("checked above").id.to_string());
            }
            let total = (args.args.len() + names.len()) as u32;
            self.emit_const(Const::StrTuple(names));
            self.set_line(call.range());
            self.emit(Instr::CallKw(total));
        }
        Ok(())
    }
}

impl CodeUnit {
    /// A human-readable listing of this unit and the units nested in it.
    pub fn disassemble(&self) -> String {
        let mut out = format!(
            "code {} (args {}, locals {:?})\n",
            self.name, self.argcount, self.varnames
        );
        for (i, (instr, line)) in self.instrs.iter().zip(&self.lines).enumerate() {
            out.push_str(&format!("  {i:4}  line {line:4}  {instr:?}\n"));
        }
        out.push_str(&format!(
            "  consts {:?}\n  names {:?}\n",
            self.consts, self.names
        ));
        for child in &self.children {
            out.push_str(&child.disassemble());
        }
        out
    }
}

/// Parses an integer literal too big for 64 bits (decimal, hex, octal, binary,
/// with underscores).
pub fn parse_int_literal(token: &str) -> Option<BigInt> {
    let t: String = token.chars().filter(|c| *c != '_').collect();
    let lower = t.to_ascii_lowercase();
    let (digits, radix) = if let Some(r) = lower.strip_prefix("0x") {
        (r.to_string(), 16)
    } else if let Some(r) = lower.strip_prefix("0o") {
        (r.to_string(), 8)
    } else if let Some(r) = lower.strip_prefix("0b") {
        (r.to_string(), 2)
    } else {
        (lower, 10)
    };
    BigInt::parse_bytes(digits.as_bytes(), radix)
}

/// Whether CPython folds an expression into a constant: literals, signed
/// numbers and tuples of constants.
fn is_constant(e: &Expr) -> bool {
    match e {
        Expr::NumberLiteral(_)
        | Expr::StringLiteral(_)
        | Expr::BytesLiteral(_)
        | Expr::BooleanLiteral(_)
        | Expr::NoneLiteral(_) => true,
        Expr::UnaryOp(u) => {
            matches!(u.op, ast::UnaryOp::USub | ast::UnaryOp::UAdd)
                && matches!(*u.operand, Expr::NumberLiteral(_))
        }
        Expr::Tuple(t) => t.elts.iter().all(is_constant),
        _ => false,
    }
}

/// Whether a module or class body annotates a name anywhere outside nested
/// functions and classes (then it gets an `__annotations__` dict).
fn has_annotations(body: &[Stmt]) -> bool {
    body.iter().any(|stmt| match stmt {
        Stmt::AnnAssign(_) => true,
        Stmt::If(s) => {
            has_annotations(&s.body) || s.elif_else_clauses.iter().any(|c| has_annotations(&c.body))
        }
        Stmt::For(s) => has_annotations(&s.body) || has_annotations(&s.orelse),
        Stmt::While(s) => has_annotations(&s.body) || has_annotations(&s.orelse),
        Stmt::With(s) => has_annotations(&s.body),
        Stmt::Try(s) => {
            has_annotations(&s.body)
                || has_annotations(&s.orelse)
                || has_annotations(&s.finalbody)
                || s.handlers.iter().any(|h| match h {
                    ast::ExceptHandler::ExceptHandler(h) => has_annotations(&h.body),
                })
        }
        Stmt::Match(s) => s.cases.iter().any(|c| has_annotations(&c.body)),
        _ => false,
    })
}

/// Whether a module starts (after its docstring) with
/// `from __future__ import annotations` among its future imports.
fn imports_future_annotations(module: &ast::Mod) -> bool {
    let ast::Mod::Module(module) = module else {
        return false;
    };
    let mut body = module.body.iter().peekable();
    if let Some(Stmt::Expr(e)) = body.peek() {
        if matches!(e.value.as_ref(), Expr::StringLiteral(_)) {
            body.next();
        }
    }
    body.map_while(|stmt| match stmt {
        Stmt::ImportFrom(imp)
            if imp
                .module
                .as_ref()
                .is_some_and(|m| m.as_str() == "__future__") =>
        {
            Some(imp)
        }
        _ => None,
    })
    .any(|imp| imp.names.iter().any(|a| a.name.as_str() == "annotations"))
}
