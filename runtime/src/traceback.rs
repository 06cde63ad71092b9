//! Formatting uncaught exceptions as CPython does.

use crate::object::Payload;
use crate::ops::type_name;
use crate::repr::to_str;
use crate::strategy::LockStrategy;
use crate::vm::{PyErr, Vm};

/// The text CPython prints for an uncaught exception: the traceback, most
/// recent call last, then `TypeName: message`.
pub fn format_exception<S: LockStrategy>(vm: &mut Vm<S>, err: &PyErr<S>) -> String {
    format_chain(vm, err, 0)
}

/// Formats an exception after the exceptions it was chained to, as CPython
/// prints `__cause__` and `__context__`.
fn format_chain<S: LockStrategy>(vm: &mut Vm<S>, err: &PyErr<S>, depth: usize) -> String {
    let mut out = String::new();
    if let Payload::Exception(e) = err.exc.payload() {
        let (cause, context, suppress) = e.chain.with::<S, _>(&err.exc.header, |c| {
            (c.cause.clone(), c.context.clone(), c.suppress_context)
        });
        // CPython stops following long chains; so do we.
        if depth < 100 {
            if let Some(crate::object::Value::Obj(c)) = cause {
                out.push_str(&format_chain(vm, &PyErr { exc: c }, depth + 1));
                out.push_str(
                    "\nThe above exception was the direct cause of the following exception:\n\n",
                );
            } else if let (Some(c), false) = (context, suppress) {
                out.push_str(&format_chain(vm, &PyErr { exc: c }, depth + 1));
                out.push_str(
                    "\nDuring handling of the above exception, another exception occurred:\n\n",
                );
            }
        }
    }
    if let Payload::Exception(e) = err.exc.payload() {
        let entries = e.traceback.with::<S, _>(&err.exc.header, |tb| tb.clone());
        if !entries.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
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
    }
    out.push_str(&exception_summary(vm, err));
    out.push('\n');
    out
}

/// `TypeName: message`, or just `TypeName` when the message is empty.
pub fn exception_summary<S: LockStrategy>(vm: &mut Vm<S>, err: &PyErr<S>) -> String {
    let value = crate::object::Value::Obj(err.exc.clone());
    let name = type_name(&value);
    let msg = to_str(vm, &value).unwrap_or_else(|_| "<exception str() failed>".into());
    if msg.is_empty() {
        name
    } else {
        format!("{name}: {msg}")
    }
}
