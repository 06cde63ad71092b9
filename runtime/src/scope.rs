//! Name analysis of function scopes: which names a function binds (locals),
//! which of those its nested functions use (cells), and which it takes from
//! enclosing functions (free variables) — Python's closure rules.

use ruff_python_ast::visitor::{walk_expr, walk_pattern, walk_stmt, Visitor};
use ruff_python_ast::{self as ast, Expr, ExprContext, Pattern, Stmt};
use std::collections::HashSet;

/// The names of one function scope.
#[derive(Debug, Default)]
pub struct ScopeNames {
    /// Names bound in the scope (parameters included), minus `global` and
    /// `nonlocal` ones.
    pub locals: HashSet<String>,
    pub globals: HashSet<String>,
    /// Locals that nested functions use: they live in cells.
    pub cells: HashSet<String>,
    /// Names used here (or by nested functions) but not bound here: each is
    /// an enclosing function's variable, or else a global.
    pub free: HashSet<String>,
    /// The body contains `yield`: calling the function makes a generator.
    pub is_generator: bool,
    /// Of a comprehension: the names its `:=` expressions bind, which
    /// belong to the nearest enclosing scope that is not a comprehension
    /// (PEP 572).
    pub walrus: HashSet<String>,
}

/// Analyses a `def` or `lambda` body with the given parameter names.
pub fn function_names(params: &[String], body: &[Stmt]) -> ScopeNames {
    let mut c = Collector::default();
    for s in body {
        c.visit_stmt(s);
    }
    c.finish(params)
}

/// Analyses a lambda's body expression.
pub fn lambda_names(params: &[String], body: &Expr) -> ScopeNames {
    let mut c = Collector::default();
    c.visit_expr(body);
    c.finish(params)
}

/// Analyses a comprehension: its hidden parameter `.0` is the first
/// iterator, which the enclosing scope evaluates; everything else runs in
/// the comprehension's own scope.
pub fn comprehension_names(generators: &[ast::Comprehension], elements: &[&Expr]) -> ScopeNames {
    let mut c = Collector {
        in_comprehension: true,
        ..Collector::default()
    };
    for (i, g) in generators.iter().enumerate() {
        if i > 0 {
            c.visit_expr(&g.iter);
        }
        c.visit_expr(&g.target);
        for cond in &g.ifs {
            c.visit_expr(cond);
        }
    }
    for e in elements {
        c.visit_expr(e);
    }
    c.finish(&[".0".to_string()])
}

fn parameter_names(p: &ast::Parameters) -> Vec<String> {
    let mut names: Vec<String> = p
        .posonlyargs
        .iter()
        .chain(&p.args)
        .chain(&p.kwonlyargs)
        .map(|a| a.parameter.name.id.to_string())
        .collect();
    if let Some(v) = &p.vararg {
        names.push(v.name.id.to_string());
    }
    if let Some(k) = &p.kwarg {
        names.push(k.name.id.to_string());
    }
    names
}

#[derive(Default)]
struct Collector {
    uses: HashSet<String>,
    stores: HashSet<String>,
    globals: HashSet<String>,
    nonlocals: HashSet<String>,
    /// Free names of nested scopes.
    child_free: HashSet<String>,
    yields: bool,
    /// Collecting a comprehension: `:=` binds in the enclosing scope.
    in_comprehension: bool,
    /// Names bound by `:=` for the enclosing scope.
    walrus: HashSet<String>,
}

impl Collector {
    fn finish(self, params: &[String]) -> ScopeNames {
        let bound_elsewhere = |n: &String| self.globals.contains(n) || self.nonlocals.contains(n);
        let locals: HashSet<String> = params
            .iter()
            .cloned()
            .chain(self.stores.iter().cloned())
            .filter(|n| !bound_elsewhere(n))
            .collect();
        let free = self
            .uses
            .iter()
            .chain(&self.child_free)
            .chain(&self.nonlocals)
            .filter(|n| !locals.contains(*n) && !self.globals.contains(*n))
            .cloned()
            .collect();
        let cells = locals
            .iter()
            .filter(|n| self.child_free.contains(*n))
            .cloned()
            .collect();
        ScopeNames {
            locals,
            globals: self.globals,
            cells,
            free,
            is_generator: self.yields,
            walrus: self.walrus,
        }
    }

    /// A `def`'s annotations are evaluated in the defining scope, like its
    /// defaults.
    fn visit_annotations(&mut self, p: &ast::Parameters, returns: Option<&Expr>) {
        let params = p
            .posonlyargs
            .iter()
            .chain(&p.args)
            .chain(&p.kwonlyargs)
            .map(|a| &a.parameter)
            .chain(p.vararg.as_deref())
            .chain(p.kwarg.as_deref());
        for param in params {
            if let Some(annotation) = &param.annotation {
                self.visit_expr(annotation);
            }
        }
        if let Some(returns) = returns {
            self.visit_expr(returns);
        }
    }

    fn visit_defaults(&mut self, p: &ast::Parameters) {
        for param in p.posonlyargs.iter().chain(&p.args).chain(&p.kwonlyargs) {
            if let Some(d) = &param.default {
                self.visit_expr(d);
            }
        }
    }
}

impl<'a> Visitor<'a> for Collector {
    // Both visits recurse once per level of nesting: they run on a fresh
    // stack segment when the thread's is nearly used up, as the compiler's
    // own recursion does.
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        stacker::maybe_grow(
            crate::compile::STACK_RED_ZONE,
            crate::compile::STACK_SEGMENT,
            || self.visit_stmt_here(stmt),
        )
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        stacker::maybe_grow(
            crate::compile::STACK_RED_ZONE,
            crate::compile::STACK_SEGMENT,
            || self.visit_expr_here(expr),
        )
    }

    /// The names a `match` case captures are bound in the scope.
    fn visit_pattern(&mut self, pattern: &'a Pattern) {
        let name = match pattern {
            Pattern::MatchAs(p) => p.name.as_ref(),
            Pattern::MatchStar(p) => p.name.as_ref(),
            Pattern::MatchMapping(p) => p.rest.as_ref(),
            _ => None,
        };
        if let Some(name) = name {
            self.stores.insert(name.id.to_string());
        }
        walk_pattern(self, pattern);
    }
}

impl<'a> Collector {
    fn visit_stmt_here(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(f) => {
                for d in &f.decorator_list {
                    self.visit_expr(&d.expression);
                }
                self.visit_defaults(&f.parameters);
                self.visit_annotations(&f.parameters, f.returns.as_deref());
                self.stores.insert(f.name.id.to_string());
                let inner = function_names(&parameter_names(&f.parameters), &f.body);
                self.child_free.extend(inner.free);
            }
            Stmt::ClassDef(c) => {
                for d in &c.decorator_list {
                    self.visit_expr(&d.expression);
                }
                if let Some(args) = &c.arguments {
                    for a in args.args.iter() {
                        self.visit_expr(a);
                    }
                    for k in args.keywords.iter() {
                        self.visit_expr(&k.value);
                    }
                }
                self.stores.insert(c.name.id.to_string());
                // A class body is not a function scope, but the functions
                // in it see through it to this scope.
                let inner = function_names(&[], &c.body);
                self.child_free.extend(inner.free);
            }
            Stmt::Global(g) => self
                .globals
                .extend(g.names.iter().map(|n| n.id.to_string())),
            Stmt::Nonlocal(n) => self
                .nonlocals
                .extend(n.names.iter().map(|n| n.id.to_string())),
            Stmt::Import(i) => {
                for a in &i.names {
                    let bind = a.asname.as_ref().unwrap_or(&a.name);
                    self.stores
                        .insert(bind.id.split('.').next().unwrap_or("").to_string());
                }
            }
            Stmt::ImportFrom(i) => {
                for a in &i.names {
                    let bind = a.asname.as_ref().unwrap_or(&a.name);
                    self.stores.insert(bind.id.to_string());
                }
            }
            Stmt::Try(t) => {
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    if let Some(n) = &h.name {
                        self.stores.insert(n.id.to_string());
                    }
                }
                walk_stmt(self, stmt);
            }
            _ => walk_stmt(self, stmt),
        }
    }

    fn visit_expr_here(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Name(n) => {
                let name = n.id.to_string();
                match n.ctx {
                    ExprContext::Load => {
                        // Zero-argument super() reads the `__class__` cell.
                        if name == "super" {
                            self.uses.insert("__class__".to_string());
                        }
                        self.uses.insert(name);
                    }
                    _ => {
                        self.stores.insert(name);
                    }
                }
            }
            Expr::Lambda(l) => {
                if let Some(p) = &l.parameters {
                    self.visit_defaults(p);
                }
                let params = l
                    .parameters
                    .as_deref()
                    .map(parameter_names)
                    .unwrap_or_default();
                self.child_free.extend(lambda_names(&params, &l.body).free);
            }
            Expr::Named(n) if self.in_comprehension => {
                if let Expr::Name(target) = n.target.as_ref() {
                    let name = target.id.to_string();
                    self.uses.insert(name.clone());
                    self.walrus.insert(name);
                }
                self.visit_expr(&n.value);
            }
            Expr::Yield(_) | Expr::YieldFrom(_) => {
                self.yields = true;
                walk_expr(self, expr);
            }
            Expr::ListComp(c) => self.comprehension(&c.generators, &[&c.elt]),
            Expr::SetComp(c) => self.comprehension(&c.generators, &[&c.elt]),
            Expr::Generator(c) => self.comprehension(&c.generators, &[&c.elt]),
            Expr::DictComp(c) => match &c.key {
                Some(k) => self.comprehension(&c.generators, &[k, &c.value]),
                None => self.comprehension(&c.generators, &[&c.value]),
            },
            _ => walk_expr(self, expr),
        }
    }
}

impl Collector {
    fn comprehension(&mut self, generators: &[ast::Comprehension], elements: &[&Expr]) {
        if let Some(first) = generators.first() {
            self.visit_expr(&first.iter);
        }
        let inner = comprehension_names(generators, elements);
        self.child_free.extend(inner.free);
        if self.in_comprehension {
            self.uses.extend(inner.walrus.iter().cloned());
            self.walrus.extend(inner.walrus);
        } else {
            self.stores.extend(inner.walrus);
        }
    }
}

/// The parameter names of a `def` or `lambda`, in frame order: positional,
/// keyword-only, `*args`, `**kwargs`.
pub fn params_in_order(p: &ast::Parameters) -> Vec<String> {
    parameter_names(p)
}
