//! Formatting uncaught exceptions as CPython does.

use crate::object::{ObjRef, Payload, Value};
use crate::ops::type_name;
use crate::repr::to_str;
use crate::strategy::LockStrategy;
use crate::vm::{PyErr, Vm};

/// The text CPython prints for an uncaught exception: the traceback, most
/// recent call last, then `TypeName: message`; an exception group with
/// its members in boxes, as CPython's `print_exception_group`.
pub fn format_exception<S: LockStrategy>(vm: &mut Vm<S>, err: &PyErr<S>) -> String {
    let mut out = String::new();
    let mut ctx = Ctx {
        depth: 0,
        need_close: false,
    };
    format_chain(vm, err, &mut ctx, &mut out, 0);
    out
}

/// CPython's limits on how much of a group is shown.
const MAX_GROUP_WIDTH: usize = 15;
const MAX_GROUP_DEPTH: usize = 10;

/// Where the text of an exception group goes (traceback.py's
/// `_ExceptionPrintContext`).
struct Ctx {
    /// How deep in exception groups: each level indents by two and
    /// draws a margin.
    depth: usize,
    /// Whether the box of the last member is still to be closed.
    need_close: bool,
}

impl Ctx {
    fn indent(&self) -> String {
        " ".repeat(2 * self.depth)
    }

    /// Every line of `text`, indented and with the margin.
    fn emit(&self, out: &mut String, text: &str, margin: char) {
        let mut prefix = self.indent();
        if self.depth > 0 {
            prefix.push(margin);
            prefix.push(' ');
        }
        for line in text.split_inclusive('\n') {
            out.push_str(&prefix);
            out.push_str(line);
        }
    }
}

/// Formats an exception after the exceptions it was chained to, as CPython
/// prints `__cause__` and `__context__`.
fn format_chain<S: LockStrategy>(
    vm: &mut Vm<S>,
    err: &PyErr<S>,
    ctx: &mut Ctx,
    out: &mut String,
    nesting: usize,
) {
    // The chain, newest first, with the message that follows each older
    // exception (CPython stops following long chains, and cycles; so do
    // we).
    let mut chain: Vec<(Option<&'static str>, ObjRef<S>)> = Vec::new();
    let mut cur = Some((None, err.exc.clone()));
    while let Some((msg, exc)) = cur.take() {
        if chain.len() >= 100 || chain.iter().any(|(_, e)| e.ptr_eq(&exc)) {
            break;
        }
        if let Payload::Exception(e) = exc.payload() {
            let (cause, context, suppress) = e.chain.with::<S, _>(&exc.header, |c| {
                (c.cause.clone(), c.context.clone(), c.suppress_context)
            });
            if let Some(Value::Obj(c)) = cause {
                cur = Some((Some(CAUSE), c));
            } else if let (Some(c), false) = (context, suppress) {
                cur = Some((Some(CONTEXT), c));
            }
        }
        chain.push((msg, exc));
    }
    // Each message goes before the exception that was chained to.
    let mut pending: Option<&'static str> = None;
    for (msg, exc) in chain.into_iter().rev() {
        if let Some(m) = pending.take() {
            ctx.emit(out, m, '|');
        }
        pending = msg;
        format_one(vm, &exc, ctx, out, nesting);
    }
}

const CAUSE: &str = "\nThe above exception was the direct cause of the following exception:\n\n";
const CONTEXT: &str = "\nDuring handling of the above exception, another exception occurred:\n\n";

/// The frames of an exception's traceback, oldest first.
fn frames_text<S: LockStrategy>(vm: &mut Vm<S>, exc: &ObjRef<S>) -> String {
    let mut out = String::new();
    if let Payload::Exception(e) = exc.payload() {
        let entries = e.traceback.with::<S, _>(&exc.header, |tb| tb.clone());
        for entry in entries.iter().rev() {
            out.push_str(&format!(
                "  File \"{}\", line {}, in {}\n",
                entry.code.filename, entry.line, entry.code.name
            ));
            if let Some(src) = vm.interp.source_line(&entry.code.filename, entry.line) {
                out.push_str(&format!("    {src}\n"));
            }
        }
    }
    out
}

/// One exception of a chain: its traceback and summary, or a group's
/// boxes.
fn format_one<S: LockStrategy>(
    vm: &mut Vm<S>,
    exc: &ObjRef<S>,
    ctx: &mut Ctx,
    out: &mut String,
    nesting: usize,
) {
    let err = PyErr { exc: exc.clone() };
    let frames = frames_text(vm, exc);
    let value = Value::Obj(exc.clone());
    let members = crate::exceptions::group_parts(vm, &value).map(|(_, m)| m);
    let Some(members) = members else {
        if !frames.is_empty() {
            ctx.emit(out, "Traceback (most recent call last):\n", '|');
            ctx.emit(out, &frames, '|');
        }
        let summary = exception_summary(vm, &err);
        ctx.emit(out, &format!("{summary}\n"), '|');
        return;
    };
    if ctx.depth > MAX_GROUP_DEPTH {
        ctx.emit(
            out,
            &format!("... (max_group_depth is {MAX_GROUP_DEPTH})\n"),
            '|',
        );
        return;
    }
    let top = ctx.depth == 0;
    if top {
        ctx.depth += 1;
    }
    if !frames.is_empty() {
        let margin = if top { '+' } else { '|' };
        ctx.emit(
            out,
            "Exception Group Traceback (most recent call last):\n",
            margin,
        );
        ctx.emit(out, &frames, '|');
    }
    let summary = exception_summary(vm, &err);
    ctx.emit(out, &format!("{summary}\n"), '|');
    let n = members.len().min(MAX_GROUP_WIDTH + 1);
    ctx.need_close = false;
    for (i, member) in members.iter().take(n).enumerate() {
        let last = i == n - 1;
        if last {
            ctx.need_close = true;
        }
        let truncated = i >= MAX_GROUP_WIDTH;
        let title = if truncated {
            "...".to_string()
        } else {
            (i + 1).to_string()
        };
        out.push_str(&ctx.indent());
        out.push_str(if i == 0 { "+-" } else { "  " });
        out.push_str(&format!("+---------------- {title} ----------------\n"));
        ctx.depth += 1;
        if !truncated {
            if let (Value::Obj(m), true) = (member, nesting < 1000) {
                format_chain(vm, &PyErr { exc: m.clone() }, ctx, out, nesting + 1);
            }
        } else {
            let remaining = members.len() - MAX_GROUP_WIDTH;
            let plural = if remaining > 1 { "s" } else { "" };
            ctx.emit(
                out,
                &format!("and {remaining} more exception{plural}\n"),
                '|',
            );
        }
        if last && ctx.need_close {
            out.push_str(&ctx.indent());
            out.push_str("+------------------------------------\n");
            ctx.need_close = false;
        }
        ctx.depth -= 1;
    }
    if top {
        ctx.depth = 0;
    }
}

/// `TypeName: message`, or just `TypeName` when the message is empty.
pub fn exception_summary<S: LockStrategy>(vm: &mut Vm<S>, err: &PyErr<S>) -> String {
    let value = Value::Obj(err.exc.clone());
    let name = type_name(&value);
    let msg = to_str(vm, &value).unwrap_or_else(|_| "<exception str() failed>".into());
    if msg.is_empty() {
        name
    } else {
        format!("{name}: {msg}")
    }
}
