//! Formatting uncaught exceptions as CPython does.

use crate::object::Payload;
use crate::ops::type_name;
use crate::repr::to_str;
use crate::strategy::LockStrategy;
use crate::vm::{PyErr, Vm};

/// The text CPython prints for an uncaught exception: the traceback, most
/// recent call last, then `TypeName: message`.
pub fn format_exception<S: LockStrategy>(vm: &mut Vm<S>, err: &PyErr<S>) -> String {
    let mut out = String::new();
    if let Payload::Exception(e) = &err.exc.payload {
        let entries = e.traceback.with::<S, _>(&err.exc.header, |tb| tb.clone());
        if !entries.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
            for entry in entries.iter().rev() {
                out.push_str(&format!(
                    "  File \"{}\", line {}, in {}\n",
                    entry.filename, entry.line, entry.function
                ));
                if let Some(src) = vm.interp.source_line(&entry.filename, entry.line) {
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
