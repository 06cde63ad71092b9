//! Asynchronous comprehensions (PEP 530): `[x async for x in it]`,
//! `[await f(x) for x in xs]` and async generator expressions.
//!
//! A comprehension is a hidden function (see `compile_comprehension`); an
//! asynchronous one is a hidden `async def`. A list, set or dict
//! comprehension that is asynchronous is called and awaited; an async
//! generator expression is called and gives the async generator. Its loops
//! over an `async for` await `__anext__()` until `StopAsyncIteration`, as
//! the statement does.

use super::{CResult, Compiler};
use crate::code::Instr;
use ruff_python_ast::visitor::{walk_expr, Visitor};
use ruff_python_ast::{self as ast, Expr};
use ruff_text_size::TextRange;

/// Finds what makes a comprehension asynchronous in the parts of it that
/// its hidden function runs: an `await`, or a nested list, set or dict
/// comprehension that is itself asynchronous (awaited there). Nested
/// generator expressions and lambdas are functions of their own: only a
/// generator expression's first iterable runs here.
#[derive(Default)]
struct AwaitFinder {
    found: bool,
}

impl<'a> Visitor<'a> for AwaitFinder {
    fn visit_expr(&mut self, expr: &'a Expr) {
        if self.found {
            return;
        }
        match expr {
            Expr::Await(_) => self.found = true,
            Expr::Lambda(_) => {}
            Expr::Generator(g) => self.visit_expr(&g.generators[0].iter),
            Expr::ListComp(ast::ExprListComp { generators, .. })
            | Expr::SetComp(ast::ExprSetComp { generators, .. })
            | Expr::DictComp(ast::ExprDictComp { generators, .. })
                if generators.iter().any(|g| g.is_async) =>
            {
                self.found = true
            }
            _ => stacker::maybe_grow(super::STACK_RED_ZONE, super::STACK_SEGMENT, || {
                walk_expr(self, expr)
            }),
        }
    }
}

impl Compiler<'_> {
    /// Whether a comprehension is asynchronous (its hidden function an
    /// `async def`), or CPython's SyntaxError where it may not be: only an
    /// async generator expression may appear outside an `async def`.
    pub(super) fn comprehension_is_async(
        &mut self,
        generators: &[ast::Comprehension],
        elements: &[&Expr],
        is_generator: bool,
        range: TextRange,
    ) -> CResult<bool> {
        let mut finder = AwaitFinder {
            found: generators.iter().any(|g| g.is_async),
        };
        for (i, g) in generators.iter().enumerate() {
            if i > 0 {
                finder.visit_expr(&g.iter);
            }
            for cond in &g.ifs {
                finder.visit_expr(cond);
            }
        }
        for e in elements {
            finder.visit_expr(e);
        }
        if !finder.found || is_generator || self.scopes.last().expect("scope").unit.is_coroutine {
            return Ok(finder.found);
        }
        Err(self.syntax(
            range,
            "asynchronous comprehension outside of an asynchronous function",
        ))
    }

    /// One `async for` clause of a comprehension: its async iterator is on
    /// the stack (the hidden function's argument for the first clause),
    /// then `__anext__()` is awaited until `StopAsyncIteration`.
    pub(super) fn comprehension_async_for(
        &mut self,
        generators: &[ast::Comprehension],
        index: usize,
        elements: &[&Expr],
        kind: Instr,
    ) -> CResult {
        let g = &generators[index];
        if index == 0 {
            self.emit(Instr::LoadFast(0));
        } else {
            self.compile_expr(&g.iter)?;
            self.emit(Instr::GetAIter);
        }
        let start = self.here();
        let exit = self.emit(Instr::SetupExcept(0));
        self.emit(Instr::GetANext);
        self.emit_await();
        self.emit(Instr::PopBlock);
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
        // The handler: the iterator and the exception on the stack.
        self.patch(exit);
        self.emit(Instr::EndAsyncFor);
        Ok(())
    }
}
