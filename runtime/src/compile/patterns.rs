//! `match` statements (PEP 634), compiled as CPython 3.11 compiles them.
//!
//! A case's pattern runs against the subject on top of the stack and
//! consumes it. Captured values are not stored as they are found: they
//! pile up on the stack, below whatever the pattern still needs, and are
//! stored only once the whole pattern matched (before the guard runs). A
//! failing check jumps to a "fail-pop" label that pops exactly what the
//! pattern had pushed by then, so each check records how many values lie
//! above the subject at that point ([`PatternContext::on_top`] plus the
//! captures). The run-time checks are [`Instr::MatchSequence`],
//! [`Instr::MatchMapping`], [`Instr::MatchKeys`] and [`Instr::MatchClass`]
//! (see `crate::matching`); the rest is ordinary stack code.
//!
//! The SyntaxErrors CPython's compiler (not its parser) reports for
//! patterns are reported here with its wording: irrefutable patterns
//! before the last case, names bound twice, alternatives that bind
//! different names, repeated attributes and duplicate literal keys.

use super::{CResult, Compiler, Const, NameOp};
use crate::code::{BinOp, CmpOp, Instr};
use num_bigint::BigInt;
use ruff_python_ast::{self as ast, Expr, Number, Pattern};
use ruff_text_size::{Ranged, TextRange};

/// The state of one case's pattern while it compiles (CPython's
/// `pattern_context`).
#[derive(Default)]
struct PatternContext {
    /// The names captured so far. Their values lie on the stack below
    /// `on_top` items, the first name's value topmost.
    stores: Vec<String>,
    /// Whether an irrefutable pattern is allowed here (in the last case,
    /// a guarded one, the last alternative of such, or inside another
    /// pattern).
    allow_irrefutable: bool,
    /// `fail_pop[n]`: the jumps taken on failure with `n` values to pop.
    fail_pop: Vec<Vec<usize>>,
    /// Values above the captures that the pattern still needs (subjects
    /// of enclosing patterns), not counting the subject being matched.
    on_top: usize,
}

impl PatternContext {
    fn new(allow_irrefutable: bool) -> Self {
        Self {
            allow_irrefutable,
            ..Self::default()
        }
    }
}

/// `_` (CPython's `WILDCARD_CHECK`).
fn is_wildcard(p: &Pattern) -> bool {
    matches!(p, Pattern::MatchAs(ast::PatternMatchAs { name: None, .. }))
}

/// `*_` (CPython's `WILDCARD_STAR_CHECK`).
fn is_star_wildcard(p: &Pattern) -> bool {
    matches!(
        p,
        Pattern::MatchStar(ast::PatternMatchStar { name: None, .. })
    )
}

impl Compiler<'_> {
    /// `match subject: case ...`.
    pub(super) fn compile_match(&mut self, s: &ast::StmtMatch) -> CResult {
        self.compile_expr(&s.subject)?;
        let cases = s.cases.len();
        let Some(last) = s.cases.last() else {
            return Err(self.syntax(s.range, "invalid syntax"));
        };
        // A trailing `case _:` needs no copy of the subject: the case
        // before it consumes the last one.
        let has_default = is_wildcard(&last.pattern) && cases > 1;
        let tested = cases - usize::from(has_default);
        let mut ends = Vec::new();
        for (i, case) in s.cases[..tested].iter().enumerate() {
            self.set_line(case.pattern.range());
            let keeps_subject = i + 1 != tested;
            if keeps_subject {
                self.emit(Instr::Copy(1));
            }
            // Irrefutable cases must be guarded, last, or both.
            let mut pc = PatternContext::new(case.guard.is_some() || i + 1 == cases);
            self.compile_pattern(&case.pattern, &mut pc)?;
            debug_assert_eq!(pc.on_top, 0);
            // A match: store the captures (their values are on the stack).
            for name in std::mem::take(&mut pc.stores) {
                self.name_op(&name, NameOp::Store, case.range)?;
            }
            if let Some(guard) = &case.guard {
                self.compile_expr(guard)?;
                let jump = self.emit(Instr::PopJumpIfFalse(0));
                ensure_fail_pop(&mut pc, 0);
                pc.fail_pop[0].push(jump);
            }
            if keeps_subject {
                self.emit(Instr::Pop);
            }
            self.compile_body(&case.body)?;
            ends.push(self.emit(Instr::Jump(0)));
            // The failure cleanup belongs to the pattern's line, not to the
            // body's last one.
            self.set_line(case.pattern.range());
            self.emit_fail_pops(&mut pc);
        }
        if has_default {
            self.set_line(last.pattern.range());
            if let Some(guard) = &last.guard {
                self.compile_expr(guard)?;
                ends.push(self.emit(Instr::PopJumpIfFalse(0)));
            }
            self.compile_body(&last.body)?;
        }
        for end in ends {
            self.patch(end);
        }
        Ok(())
    }

    /// Emits a jump (`PopJumpIfFalse` or `Jump`) to the failure label that
    /// pops what the pattern has on the stack now.
    fn jump_to_fail_pop(&mut self, pc: &mut PatternContext, jump: Instr) {
        let pops = pc.on_top + pc.stores.len();
        ensure_fail_pop(pc, pops);
        let at = self.emit(jump);
        pc.fail_pop[pops].push(at);
    }

    /// The failure labels: each pops one value and falls through to the
    /// next, down to `fail_pop[0]`, which pops nothing.
    fn emit_fail_pops(&mut self, pc: &mut PatternContext) {
        let labels = std::mem::take(&mut pc.fail_pop);
        for (pops, jumps) in labels.into_iter().enumerate().rev() {
            for jump in jumps {
                self.patch(jump);
            }
            if pops > 0 {
                self.emit(Instr::Pop);
            }
        }
    }

    /// Moves the top of the stack `count - 1` places down (3.10's
    /// `ROT_N`, as SWAPs).
    fn rotate(&mut self, count: usize) {
        for n in (2..=count).rev() {
            self.emit(Instr::Swap(n as u32));
        }
    }

    /// Captures the value on top as `name` (pops it for `_`): it goes
    /// under the values the pattern still needs and the earlier captures.
    fn store_capture(
        &mut self,
        name: Option<&ast::Identifier>,
        pc: &mut PatternContext,
        range: TextRange,
    ) -> CResult {
        let Some(name) = name else {
            self.emit(Instr::Pop);
            return Ok(());
        };
        let name = name.id.as_str();
        if name == "__debug__" {
            return Err(self.syntax(range, "cannot assign to __debug__"));
        }
        if pc.stores.iter().any(|n| n == name) {
            return Err(self.duplicate_store(range, name));
        }
        self.rotate(pc.on_top + pc.stores.len() + 1);
        pc.stores.push(name.to_string());
        Ok(())
    }

    fn duplicate_store(&self, range: TextRange, name: &str) -> super::CompileError {
        self.syntax(
            range,
            &format!(
                "multiple assignments to name {} in pattern",
                crate::repr::str_repr(name)
            ),
        )
    }

    fn compile_pattern(&mut self, p: &Pattern, pc: &mut PatternContext) -> CResult {
        self.nested(p.range(), |c| {
            c.set_line(p.range());
            match p {
                Pattern::MatchValue(v) => c.pattern_value(v, pc),
                Pattern::MatchSingleton(s) => {
                    c.emit_const(match s.value {
                        ast::Singleton::None => Const::None,
                        ast::Singleton::True => Const::Bool(true),
                        ast::Singleton::False => Const::Bool(false),
                    });
                    c.emit(Instr::Is(false));
                    c.jump_to_fail_pop(pc, Instr::PopJumpIfFalse(0));
                    Ok(())
                }
                Pattern::MatchSequence(s) => c.pattern_sequence(s, pc),
                Pattern::MatchMapping(m) => c.pattern_mapping(m, pc),
                Pattern::MatchClass(k) => c.pattern_class(k, pc),
                Pattern::MatchStar(s) => c.store_capture(s.name.as_ref(), pc, s.range),
                Pattern::MatchAs(a) => c.pattern_as(a, pc),
                Pattern::MatchOr(o) => c.pattern_or(o, pc),
            }
        })
    }

    /// A pattern inside another: irrefutable ones are fine there.
    fn compile_subpattern(&mut self, p: &Pattern, pc: &mut PatternContext) -> CResult {
        let allow = std::mem::replace(&mut pc.allow_irrefutable, true);
        let r = self.compile_pattern(p, pc);
        pc.allow_irrefutable = allow;
        r
    }

    /// `case 1:`, `case -1.5:`, `case "s":`, `case Color.RED:`: the
    /// subject `==` the value.
    fn pattern_value(&mut self, v: &ast::PatternMatchValue, pc: &mut PatternContext) -> CResult {
        if constant_key(&v.value).is_none() && !v.value.is_attribute_expr() {
            return Err(self.syntax(
                v.range,
                "patterns may only match literals and attribute lookups",
            ));
        }
        self.compile_expr(&v.value)?;
        self.emit(Instr::Compare(CmpOp::Eq));
        self.jump_to_fail_pop(pc, Instr::PopJumpIfFalse(0));
        Ok(())
    }

    /// `case x:`, `case _:`, `case P as x:`.
    fn pattern_as(&mut self, a: &ast::PatternMatchAs, pc: &mut PatternContext) -> CResult {
        let Some(inner) = &a.pattern else {
            if !pc.allow_irrefutable {
                return Err(match &a.name {
                    Some(name) => self.syntax(
                        a.range,
                        &format!(
                            "name capture {} makes remaining patterns unreachable",
                            crate::repr::str_repr(name.id.as_str())
                        ),
                    ),
                    None => self.syntax(a.range, "wildcard makes remaining patterns unreachable"),
                });
            }
            return self.store_capture(a.name.as_ref(), pc, a.range);
        };
        // A copy to store if the inner pattern matches.
        pc.on_top += 1;
        self.emit(Instr::Copy(1));
        self.compile_pattern(inner, pc)?;
        pc.on_top -= 1;
        self.store_capture(a.name.as_ref(), pc, a.range)
    }

    /// `case [a, b, *rest]:` / `case (a, b):`.
    fn pattern_sequence(
        &mut self,
        s: &ast::PatternMatchSequence,
        pc: &mut PatternContext,
    ) -> CResult {
        let patterns = &s.patterns;
        let size = patterns.len();
        let mut star = None;
        let mut only_wildcard = true;
        let mut star_wildcard = false;
        for (i, p) in patterns.iter().enumerate() {
            if p.is_match_star() {
                if star.is_some() {
                    return Err(
                        self.syntax(p.range(), "multiple starred names in sequence pattern")
                    );
                }
                star_wildcard = is_star_wildcard(p);
                only_wildcard &= star_wildcard;
                star = Some(i);
                continue;
            }
            only_wildcard &= is_wildcard(p);
        }
        // The subject stays on top for the type and length checks.
        pc.on_top += 1;
        self.emit(Instr::MatchSequence);
        self.jump_to_fail_pop(pc, Instr::PopJumpIfFalse(0));
        match star {
            None => self.length_check(size, CmpOp::Eq, pc),
            Some(_) if size > 1 => self.length_check(size - 1, CmpOp::Ge, pc),
            Some(_) => {}
        }
        pc.on_top -= 1;
        match star {
            _ if only_wildcard => {
                // `[]`, `[_, _]`, `[_, *_]`: nothing to extract.
                self.emit(Instr::Pop);
                Ok(())
            }
            Some(star) if star_wildcard => self.sequence_by_index(patterns, star, pc),
            _ => self.sequence_by_unpacking(patterns, pc),
        }
    }

    /// Fails unless `len(subject) op n` (the subject stays on top).
    fn length_check(&mut self, n: usize, op: CmpOp, pc: &mut PatternContext) {
        self.emit(Instr::GetLen);
        self.emit_const(Const::Int(n as i64));
        self.emit(Instr::Compare(op));
        self.jump_to_fail_pop(pc, Instr::PopJumpIfFalse(0));
    }

    /// Unpacks the subject (with a starred capture into a list) and matches
    /// each item.
    fn sequence_by_unpacking(&mut self, patterns: &[Pattern], pc: &mut PatternContext) -> CResult {
        let size = patterns.len();
        match patterns.iter().position(Pattern::is_match_star) {
            Some(i) => self.emit(Instr::UnpackEx(i as u32, (size - i - 1) as u32)),
            None => self.emit(Instr::UnpackSequence(size as u32)),
        };
        // The items stay on the stack until their own pattern runs.
        pc.on_top += size;
        for p in patterns {
            pc.on_top -= 1;
            self.compile_subpattern(p, pc)?;
        }
        Ok(())
    }

    /// With a `*_` (nothing to collect): subscripts the items that
    /// patterns other than `_` need, counting from the end after the star
    /// (with a non-negative index: the subject may not support negative
    /// ones).
    fn sequence_by_index(
        &mut self,
        patterns: &[Pattern],
        star: usize,
        pc: &mut PatternContext,
    ) -> CResult {
        let size = patterns.len();
        pc.on_top += 1;
        for (i, p) in patterns.iter().enumerate() {
            if is_wildcard(p) || i == star {
                continue;
            }
            self.emit(Instr::Copy(1));
            if i < star {
                self.emit_const(Const::Int(i as i64));
            } else {
                self.emit(Instr::GetLen);
                self.emit_const(Const::Int((size - i) as i64));
                self.emit(Instr::Binary(BinOp::Sub));
            }
            self.emit(Instr::Subscr);
            self.compile_subpattern(p, pc)?;
        }
        pc.on_top -= 1;
        self.emit(Instr::Pop);
        Ok(())
    }

    /// `case {"k": v, Color.RED: w, **rest}:`.
    fn pattern_mapping(
        &mut self,
        m: &ast::PatternMatchMapping,
        pc: &mut PatternContext,
    ) -> CResult {
        let size = m.keys.len();
        // The subject stays on top for the type and length checks.
        pc.on_top += 1;
        self.emit(Instr::MatchMapping);
        self.jump_to_fail_pop(pc, Instr::PopJumpIfFalse(0));
        if size == 0 && m.rest.is_none() {
            // `{}` matches any mapping.
            pc.on_top -= 1;
            self.emit(Instr::Pop);
            return Ok(());
        }
        if size > 0 {
            self.length_check(size, CmpOp::Ge, pc);
        }
        // Keys are literals (no two equal) or attribute lookups.
        let mut seen: Vec<ConstKey> = Vec::new();
        for key in m.keys.iter() {
            match constant_key(key) {
                Some(k) => {
                    if seen.iter().any(|s| s.equals(&k)) {
                        return Err(self.syntax(
                            key.range(),
                            &format!("mapping pattern checks duplicate key ({})", k.repr()),
                        ));
                    }
                    seen.push(k);
                }
                None if key.is_attribute_expr() => {}
                None => {
                    return Err(self.syntax(
                        key.range(),
                        "mapping pattern keys may only match literals and attribute lookups",
                    ))
                }
            }
            self.compile_expr(key)?;
        }
        self.emit(Instr::BuildTuple(size as u32));
        self.emit(Instr::MatchKeys);
        // The tuple of keys and the tuple of values (or None) lie on the
        // subject.
        pc.on_top += 2;
        self.fail_if_none(pc);
        self.emit(Instr::UnpackSequence(size as u32));
        pc.on_top += size;
        pc.on_top -= 1;
        for p in m.patterns.iter() {
            pc.on_top -= 1;
            self.compile_subpattern(p, pc)?;
        }
        // A match: what follows consumes the keys and the subject.
        pc.on_top -= 2;
        match &m.rest {
            Some(rest) => {
                // rest = dict(subject); del rest[k] for each key
                self.emit(Instr::BuildDict(0));
                self.emit(Instr::Swap(3));
                self.emit(Instr::DictUpdate(2));
                self.emit(Instr::UnpackSequence(size as u32));
                for left in (1..=size).rev() {
                    self.emit(Instr::Copy(1 + left as u32));
                    self.emit(Instr::Swap(2));
                    self.emit(Instr::DeleteSubscr);
                }
                self.store_capture(Some(rest), pc, m.range)
            }
            None => {
                self.emit(Instr::Pop);
                self.emit(Instr::Pop);
                Ok(())
            }
        }
    }

    /// Fails when the value on top is None (it stays there: the failure
    /// path pops it).
    fn fail_if_none(&mut self, pc: &mut PatternContext) {
        self.emit(Instr::Copy(1));
        self.emit_const(Const::None);
        self.emit(Instr::Is(true));
        self.jump_to_fail_pop(pc, Instr::PopJumpIfFalse(0));
    }

    /// `case Point(x, y=0):`: an isinstance check, then the positional
    /// sub-patterns against the attributes `__match_args__` names and the
    /// keyword ones against theirs.
    fn pattern_class(&mut self, k: &ast::PatternMatchClass, pc: &mut PatternContext) -> CResult {
        let args = &k.arguments;
        let nargs = args.patterns.len();
        let nattrs = args.keywords.len();
        for (i, kw) in args.keywords.iter().enumerate() {
            let attr = kw.attr.id.as_str();
            if attr == "__debug__" {
                return Err(self.syntax(kw.pattern.range(), "cannot assign to __debug__"));
            }
            if let Some(again) = args.keywords[i + 1..]
                .iter()
                .find(|other| other.attr.id.as_str() == attr)
            {
                return Err(self.syntax(
                    again.pattern.range(),
                    &format!("attribute name repeated in class pattern: {attr}"),
                ));
            }
        }
        self.set_line(k.range);
        self.compile_expr(&k.cls)?;
        let names = args
            .keywords
            .iter()
            .map(|kw| kw.attr.id.to_string())
            .collect();
        self.emit_const(Const::StrTuple(names));
        self.emit(Instr::MatchClass(nargs as u32));
        // The tuple of attributes (or None) replaced the subject.
        pc.on_top += 1;
        self.fail_if_none(pc);
        self.emit(Instr::UnpackSequence((nargs + nattrs) as u32));
        pc.on_top += nargs + nattrs;
        pc.on_top -= 1;
        let subpatterns = args
            .patterns
            .iter()
            .chain(args.keywords.iter().map(|kw| &kw.pattern));
        for p in subpatterns {
            pc.on_top -= 1;
            if is_wildcard(p) {
                self.emit(Instr::Pop);
                continue;
            }
            self.compile_subpattern(p, pc)?;
        }
        Ok(())
    }

    /// `case A | B:`: each alternative runs against a copy of the subject;
    /// all must capture the same names, and the first to match leaves its
    /// captures in the order of the first alternative's.
    fn pattern_or(&mut self, o: &ast::PatternMatchOr, pc: &mut PatternContext) -> CResult {
        let size = o.patterns.len();
        let outer = PatternContext {
            stores: std::mem::take(&mut pc.stores),
            allow_irrefutable: pc.allow_irrefutable,
            fail_pop: std::mem::take(&mut pc.fail_pop),
            on_top: pc.on_top,
        };
        let mut ends = Vec::new();
        // The names the first alternative binds, in stack order.
        let mut control: Option<Vec<String>> = None;
        for (i, alt) in o.patterns.iter().enumerate() {
            self.set_line(alt.range());
            *pc = PatternContext::new(i + 1 == size && outer.allow_irrefutable);
            self.emit(Instr::Copy(1));
            self.compile_pattern(alt, pc)?;
            match &control {
                None => control = Some(pc.stores.clone()),
                Some(control) if control.len() != pc.stores.len() => {
                    return Err(
                        self.syntax(alt.range(), "alternative patterns bind different names")
                    )
                }
                Some(control) => {
                    // Reorder this alternative's captures (on the stack and
                    // in `stores`) to the control's order, from the deepest.
                    for icontrol in (0..control.len()).rev() {
                        let Some(istores) = pc.stores.iter().position(|n| *n == control[icontrol])
                        else {
                            return Err(self
                                .syntax(alt.range(), "alternative patterns bind different names"));
                        };
                        if istores != icontrol {
                            debug_assert!(istores < icontrol);
                            let rotations = istores + 1;
                            let rotated: Vec<String> = pc.stores.drain(..rotations).collect();
                            let at = icontrol - istores;
                            pc.stores.splice(at..at, rotated);
                            for _ in 0..rotations {
                                self.rotate(icontrol + 1);
                            }
                        }
                    }
                }
            }
            ends.push(self.emit(Instr::Jump(0)));
            self.emit_fail_pops(pc);
        }
        *pc = outer;
        // No alternative matched: pop the subject and fail.
        self.emit(Instr::Pop);
        self.jump_to_fail_pop(pc, Instr::Jump(0));
        for end in ends {
            self.patch(end);
        }
        let control = control.unwrap_or_default();
        // Between the new captures and where they belong: the subject, what
        // the enclosing patterns keep on top, and the earlier captures.
        let rotations = control.len() + 1 + pc.on_top + pc.stores.len();
        for name in control {
            self.rotate(rotations);
            if pc.stores.contains(&name) {
                return Err(self.duplicate_store(o.range, &name));
            }
            pc.stores.push(name);
        }
        // The subject.
        self.emit(Instr::Pop);
        Ok(())
    }
}

/// Makes `fail_pop[n]` exist.
fn ensure_fail_pop(pc: &mut PatternContext, n: usize) {
    if pc.fail_pop.len() <= n {
        pc.fail_pop.resize_with(n + 1, Vec::new);
    }
}

/// A literal of a pattern (what CPython's AST optimiser folds into a
/// constant: `-1` and `1+2j` included), for the duplicate-key check.
enum ConstKey {
    /// A number: real part (int or float) and imaginary part.
    Number(Real, f64),
    Str(String),
    Bytes(Vec<u8>),
    /// `True` and `False` are numbers that print differently.
    Bool(bool),
    None,
}

#[derive(Clone)]
enum Real {
    Int(BigInt),
    Float(f64),
}

impl Real {
    fn neg(self) -> Real {
        match self {
            Real::Int(i) => Real::Int(-i),
            Real::Float(f) => Real::Float(-f),
        }
    }

    fn as_f64(&self) -> f64 {
        match self {
            Real::Int(i) => i.to_string().parse().unwrap_or(f64::INFINITY),
            Real::Float(f) => *f,
        }
    }

    /// Python's `==` between int and float: exact.
    fn equals(&self, other: &Real) -> bool {
        match (self, other) {
            (Real::Int(a), Real::Int(b)) => a == b,
            (Real::Float(a), Real::Float(b)) => a == b,
            (Real::Int(i), Real::Float(f)) | (Real::Float(f), Real::Int(i)) => {
                f.is_finite() && f.fract() == 0.0 && float_to_int(*f) == *i
            }
        }
    }
}

/// An integral finite float as an int, exactly.
fn float_to_int(f: f64) -> BigInt {
    // Integral floats print without a fraction in fixed notation.
    format!("{f:.0}").parse().unwrap_or_default()
}

impl ConstKey {
    /// The key as a number (real, imaginary), if it is one.
    fn number(&self) -> Option<(Real, f64)> {
        match self {
            ConstKey::Number(r, i) => Some((r.clone(), *i)),
            ConstKey::Bool(b) => Some((Real::Int(BigInt::from(u8::from(*b))), 0.0)),
            _ => None,
        }
    }

    fn equals(&self, other: &ConstKey) -> bool {
        if let (Some((ar, ai)), Some((br, bi))) = (self.number(), other.number()) {
            return ai == bi && ar.equals(&br);
        }
        match (self, other) {
            (ConstKey::Str(a), ConstKey::Str(b)) => a == b,
            (ConstKey::Bytes(a), ConstKey::Bytes(b)) => a == b,
            (ConstKey::None, ConstKey::None) => true,
            _ => false,
        }
    }

    /// `repr()` of the constant, for the message.
    fn repr(&self) -> String {
        match self {
            ConstKey::Str(s) => crate::repr::str_repr(s),
            ConstKey::Bytes(b) => crate::repr::bytes_repr(b),
            ConstKey::Bool(true) => "True".into(),
            ConstKey::Bool(false) => "False".into(),
            ConstKey::None => "None".into(),
            ConstKey::Number(Real::Int(i), im) if *im == 0.0 && im.is_sign_positive() => {
                i.to_string()
            }
            ConstKey::Number(Real::Float(f), im) if *im == 0.0 && im.is_sign_positive() => {
                crate::types::float::float_repr(*f)
            }
            ConstKey::Number(re, im) => complex_repr(re.as_f64(), *im),
        }
    }
}

/// `repr()` of a complex: `2j`, `(1+2j)`, `(-0-1j)`.
fn complex_repr(re: f64, im: f64) -> String {
    // A complex's parts print as floats without a trailing `.0`.
    let part = |x: f64| {
        let r = crate::types::float::float_repr(x);
        r.strip_suffix(".0").map(str::to_string).unwrap_or(r)
    };
    if re == 0.0 && re.is_sign_positive() {
        return format!("{}j", part(im));
    }
    let sign = if im.is_sign_negative() { "" } else { "+" };
    format!("({}{}{}j)", part(re), sign, part(im))
}

/// The constant a literal pattern expression stands for, if it is one.
fn constant_key(e: &Expr) -> Option<ConstKey> {
    match e {
        Expr::NumberLiteral(n) => Some(match &n.value {
            Number::Int(i) => {
                ConstKey::Number(Real::Int(super::parse_int_literal(&i.to_string())?), 0.0)
            }
            Number::Float(f) => ConstKey::Number(Real::Float(*f), 0.0),
            Number::Complex { real, imag } => ConstKey::Number(Real::Float(*real), *imag),
        }),
        Expr::StringLiteral(s) => Some(ConstKey::Str(s.value.to_str().to_string())),
        Expr::BytesLiteral(b) => Some(ConstKey::Bytes(b.value.bytes().collect())),
        Expr::BooleanLiteral(b) => Some(ConstKey::Bool(b.value)),
        Expr::NoneLiteral(_) => Some(ConstKey::None),
        Expr::UnaryOp(u) if u.op == ast::UnaryOp::USub => match constant_key(&u.operand)? {
            ConstKey::Number(re, im) => Some(ConstKey::Number(re.neg(), -im)),
            _ => None,
        },
        // `1 + 2j`, `-1 - 2j`: a real part and an imaginary literal.
        Expr::BinOp(b) if matches!(b.op, ast::Operator::Add | ast::Operator::Sub) => {
            let ConstKey::Number(re, 0.0..=0.0) = constant_key(&b.left)? else {
                return None;
            };
            let Expr::NumberLiteral(ast::ExprNumberLiteral {
                value: Number::Complex { imag, .. },
                ..
            }) = b.right.as_ref()
            else {
                return None;
            };
            let im = if b.op == ast::Operator::Sub {
                -imag
            } else {
                *imag
            };
            // A float real part plus an imaginary one: the sum is complex.
            Some(ConstKey::Number(Real::Float(re.as_f64()), im))
        }
        _ => None,
    }
}
