//! Running source text at run time: `exec`, `eval` and `globals()`, as
//! CPython's `builtin_exec_impl` and `builtin_eval_impl`.
//!
//! Source is compiled on each call (there are no code objects from
//! `compile()` yet). Without a globals argument the caller's globals are
//! used, and at module level (or in a class body) its namespace as locals.
//! The VM knows the caller only for calls made by these builtins' names
//! (`Instr::CallFrameAware`, so that no other call pays for it). Inside a
//! function, that instruction hands `locals()`, `vars()`, `dir()` and
//! `exec`/`eval` of source alone a snapshot dict of the function's
//! variables, as CPython's `locals()` is; called through another name they
//! cannot see the caller, and refuse to run rather than run against the
//! wrong names.

use crate::object::{ObjRef, Payload, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};

/// `globals()`: the running frame's globals.
pub fn builtin_globals<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    crate::builtins::arity(vm, "globals", &args, 0, 0)?;
    match vm.frame_globals() {
        Some(g) => Ok(Value::Obj(g)),
        None => Err(vm.new_error(
            "SystemError",
            "globals() called through another name is not supported by this runtime yet",
        )),
    }
}

/// The running code's own namespace, as `locals()` and `dir()` read it: a
/// class body's or `exec`'s locals, a snapshot of a function's variables,
/// else the module's globals. Called through another name inside a function
/// they cannot see the caller's variables: a SystemError says so rather than
/// giving a wrong answer.
pub fn current_namespace<S: LockStrategy>(vm: &mut Vm<S>, what: &str) -> PyResult<S, ObjRef<S>> {
    if let Some(ns) = vm.current_namespace.clone() {
        return Ok(ns);
    }
    match vm.frame_globals() {
        Some(g) if at_module_level(vm, &g) => Ok(g),
        _ => Err(vm.new_error(
            "SystemError",
            format!("{what} inside a function is not supported by this runtime yet"),
        )),
    }
}

/// `locals()`: the current namespace (see [`current_namespace`]).
pub fn builtin_locals<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    crate::builtins::arity(vm, "locals", &args, 0, 0)?;
    current_namespace(vm, "locals()").map(Value::Obj)
}

/// `exec(source, globals=None, locals=None)`.
pub fn builtin_exec<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    run(vm, "exec", args).map(|_| Value::None)
}

/// `eval(source, globals=None, locals=None)`.
pub fn builtin_eval<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    run(vm, "eval", args)
}

fn run<S: LockStrategy>(vm: &mut Vm<S>, what: &str, args: Args<S>) -> PyResult<S> {
    let is_eval = what == "eval";
    let (pos, kw) = (args.pos, args.kw);
    let mut slots: [Option<Value<S>>; 3] = Default::default();
    if pos.len() > 3 {
        return Err(vm.type_error(format!(
            "{what} expected at most 3 arguments, got {}",
            pos.len()
        )));
    }
    for (slot, v) in slots.iter_mut().zip(pos) {
        *slot = Some(v);
    }
    for (k, v) in kw.iter() {
        let i = match &**k {
            "globals" => 1,
            "locals" => 2,
            _ => {
                return Err(
                    vm.type_error(format!("{what}() got an unexpected keyword argument '{k}'"))
                )
            }
        };
        slots[i] = Some(v.clone());
    }
    let [source, globals, locals] = slots;
    let Some(source) = source else {
        return Err(vm.type_error(format!("{what} expected at least 1 argument, got 0")));
    };
    let globals = match globals {
        None | Some(Value::None) => None,
        Some(Value::Obj(g)) if matches!(g.payload(), Payload::Dict(_)) => Some(g),
        Some(other) => {
            let msg = if is_eval {
                "globals must be a real dict; try eval(expr, {}, mapping)".to_string()
            } else {
                format!(
                    "exec() globals must be a dict, not {}",
                    ops::type_name(&other)
                )
            };
            return Err(vm.type_error(msg));
        }
    };
    let locals = match locals {
        None | Some(Value::None) => None,
        Some(Value::Obj(l)) if is_mapping(&l) => Some(l),
        Some(other) => {
            let msg = if is_eval {
                "locals must be a mapping".to_string()
            } else {
                format!(
                    "locals must be a mapping or None, not {}",
                    ops::type_name(&other)
                )
            };
            return Err(vm.type_error(msg));
        }
    };
    // A code object from `compile()` runs as it was compiled.
    let compiled = crate::types::downcast::<S, crate::types::code::CodeObject<S>>(&source)
        .map(|c| c.code.clone());
    // The code of a nested function reads its free variables from cells
    // that only a closure supplies.
    if let Some(code) = &compiled {
        if !code.freevars.is_empty() {
            return Err(vm.type_error(if is_eval {
                "code object passed to eval() may not contain free variables".to_string()
            } else {
                format!(
                    "code object requires a closure of exactly length {}",
                    code.freevars.len()
                )
            }));
        }
    }
    let text = match (source.as_str(), source.payload()) {
        _ if compiled.is_some() => String::new(),
        (Some(text), _) => text.to_string(),
        (None, Some(Payload::Bytes(b))) => String::from_utf8(b.to_vec())
            .map_err(|_| vm.new_error("SyntaxError", "source is not valid UTF-8"))?,
        _ => {
            return Err(vm.type_error(format!(
                "{what}() arg 1 must be a string, bytes or code object"
            )))
        }
    };
    let (globals, locals) = match (globals, locals) {
        (Some(g), l) => (g, l),
        (None, l) => {
            let Some(g) = vm.frame_globals() else {
                return Err(vm.new_error("SystemError", format!("{what}() has no frame")));
            };
            // The caller's namespace: a class body's, else the module's.
            let namespace = l.or_else(|| vm.current_namespace.clone());
            if namespace.is_none() && !at_module_level(vm, &g) {
                return Err(vm.new_error(
                    "SystemError",
                    format!(
                        "{what}() without a globals argument inside a function is not \
                         supported by this runtime yet (its locals are not reachable): \
                         pass globals() and a dict"
                    ),
                ));
            }
            (g, namespace)
        }
    };
    // CPython puts the builtins module into the globals it runs in.
    if ops::dict_get(&globals, &vm.new_str("__builtins__")).is_none() {
        let builtins = crate::modules::import::import_absolute(vm, "builtins")?;
        ops::dict_set(vm, &globals, vm.new_str("__builtins__"), builtins)?;
    }
    if let Some(code) = &compiled {
        // The code of a function with parameters gets no arguments here:
        // CPython's TypeError for the missing ones (positional first).
        let (pos, kwonly) = (code.argcount as usize, code.kwonlyargcount as usize);
        if pos + kwonly > 0 && code.varnames.len() >= pos + kwonly {
            let (names, kind) = match pos {
                0 => (&code.varnames[..kwonly], "keyword-only"),
                _ => (&code.varnames[..pos], "positional"),
            };
            let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
            let list = match quoted.as_slice() {
                [one] => one.clone(),
                [a, b] => format!("{a} and {b}"),
                [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
                [] => String::new(),
            };
            let plural = if names.len() == 1 { "" } else { "s" };
            return Err(vm.type_error(format!(
                "{}() missing {} required {kind} argument{plural}: {list}",
                code.name,
                names.len()
            )));
        }
    }
    if let Some(code) = compiled {
        // Compiled with name lookups through a namespace: the locals, or
        // the globals themselves.
        let namespace = locals.unwrap_or_else(|| globals.clone());
        return vm.run_code_in(&code, &globals, Some(namespace));
    }
    // `eval` ignores leading spaces and tabs, as CPython's does.
    let text = if is_eval {
        text.trim_start_matches([' ', '\t']).to_string()
    } else {
        text
    };
    let separate = locals.as_ref().is_some_and(|l| !l.ptr_eq(&globals));
    let unit = crate::compile::compile_dynamic(&text, is_eval, separate)
        .map_err(|e| vm.new_error("SyntaxError", e.render("<string>")))?;
    let filename: std::sync::Arc<str> = std::sync::Arc::from("<string>");
    let code = vm.interp.load_code(unit, &filename);
    let namespace = if separate { locals } else { None };
    vm.run_code_in(&code, &globals, namespace)
}

fn is_mapping<S: LockStrategy>(o: &ObjRef<S>) -> bool {
    matches!(o.payload(), Payload::Dict(_))
        || crate::classes::user_class_of(&Value::Obj(o.clone())).is_some()
}

/// Whether the running frame is module code (its globals are its locals).
fn at_module_level<S: LockStrategy>(vm: &Vm<S>, globals: &ObjRef<S>) -> bool {
    vm.current_is_module && vm.frame_globals().is_some_and(|g| g.ptr_eq(globals))
}

/// `compile(source, filename, mode, flags=0, dont_inherit=False,
/// optimize=-1)`: a code object that `exec` or `eval` runs later. Its names
/// are looked up as module code's are (locals, then globals, then
/// builtins), so it runs in any namespace.
pub fn builtin_compile<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    const NAMES: [&str; 6] = [
        "source",
        "filename",
        "mode",
        "flags",
        "dont_inherit",
        "optimize",
    ];
    let mut slots: [Option<Value<S>>; 6] = Default::default();
    if args.pos.len() > 6 {
        return Err(vm.type_error(format!(
            "compile() takes at most 6 arguments ({} given)",
            args.pos.len()
        )));
    }
    for (slot, v) in slots.iter_mut().zip(args.pos) {
        *slot = Some(v);
    }
    for (k, v) in args.kw {
        let Some(i) = NAMES.iter().position(|n| *n == &*k) else {
            return Err(vm.type_error(format!(
                "compile() got an unexpected keyword argument '{k}'"
            )));
        };
        if slots[i].is_some() {
            return Err(vm.type_error(format!(
                "argument for compile() given by name ('{k}') and position ({})",
                i + 1
            )));
        }
        slots[i] = Some(v);
    }
    for (i, name) in NAMES.iter().enumerate().take(3) {
        if slots[i].is_none() {
            return Err(vm.type_error(format!(
                "compile() missing required argument '{name}' (pos {})",
                i + 1
            )));
        }
    }
    let [source, filename, mode, flags, ..] = slots;
    let (source, filename, mode) = (
        source.expect("checked"),
        filename.expect("checked"),
        mode.expect("checked"),
    );
    let flags = match flags {
        Some(f) => ops::expect_int(vm, &f)?,
        None => 0,
    };
    const PY_CF_ONLY_AST: i64 = 0x400;
    if flags & PY_CF_ONLY_AST != 0 {
        return Err(vm.new_error(
            "NotImplementedError",
            "compile() to an AST (PyCF_ONLY_AST) is not supported by this runtime yet",
        ));
    }
    let Some(mode) = mode.as_str().map(str::to_owned) else {
        return Err(vm.type_error(format!(
            "compile() argument 'mode' must be str, not {}",
            ops::type_name(&mode)
        )));
    };
    let is_eval = match mode.as_str() {
        "exec" | "single" => false,
        "eval" => true,
        _ => return Err(vm.value_error("compile() mode must be 'exec', 'eval' or 'single'")),
    };
    let filename: std::sync::Arc<str> = match filename.as_str() {
        Some(f) => std::sync::Arc::from(f),
        None => match filename.payload() {
            Some(Payload::Bytes(b)) => std::sync::Arc::from(String::from_utf8_lossy(b).as_ref()),
            _ => {
                return Err(vm.type_error(format!(
                    "expected str, bytes or os.PathLike object, not {}",
                    ops::type_name(&filename)
                )))
            }
        },
    };
    let text = match (source.as_str(), source.payload()) {
        (Some(text), _) => text.to_string(),
        (None, Some(Payload::Bytes(b))) => String::from_utf8(b.to_vec())
            .map_err(|_| vm.new_error("SyntaxError", "source is not valid UTF-8"))?,
        _ => return Err(vm.type_error("compile() arg 1 must be a string, bytes or AST object")),
    };
    if text.contains('\0') {
        return Err(vm.new_error(
            "SyntaxError",
            "source code string cannot contain null bytes",
        ));
    }
    let text = if is_eval {
        text.trim_start_matches([' ', '\t']).to_string()
    } else {
        text
    };
    let unit = crate::compile::compile_dynamic(&text, is_eval, true)
        .map_err(|e| vm.new_error("SyntaxError", e.render(&filename)))?;
    let code = vm.interp.load_code(unit, &filename);
    Ok(crate::types::code::new_code_object(&code))
}
