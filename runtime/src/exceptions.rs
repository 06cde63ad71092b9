//! The attributes and methods of `BaseException` that reach the state the
//! runtime keeps inside an exception: `__traceback__` (and
//! `with_traceback`), `__cause__`, `__context__` and
//! `__suppress_context__`, as CPython's `Objects/exceptions.c` defines
//! them (getset descriptors that check what is assigned).

use crate::builtins::arity;
use crate::object::{ObjRef, Payload, Value};
use crate::strategy::LockStrategy;
use crate::types::traceback::{chain_from_entries, entries_from_chain};
use crate::vm::{Args, PyResult, Vm};

/// `exc.__traceback__`: the chain of traceback objects for where the
/// exception has been so far (None before it is raised).
pub fn traceback_of<S: LockStrategy>(exc: &ObjRef<S>) -> Value<S> {
    match exc.payload() {
        Payload::Exception(e) => e
            .traceback
            .with::<S, _>(&exc.header, |tb| chain_from_entries(tb)),
        _ => Value::None,
    }
}

/// Assigns one of the exception's own attributes; `false` for another
/// name (which goes to the instance dict, if any).
pub fn set_attr<S: LockStrategy>(
    vm: &mut Vm<S>,
    exc: &ObjRef<S>,
    name: &str,
    value: &Value<S>,
) -> PyResult<S, bool> {
    let Payload::Exception(e) = exc.payload() else {
        return Ok(false);
    };
    let is_exception = |v: &Value<S>| matches!(v.payload(), Some(Payload::Exception(_)));
    match name {
        "__traceback__" => {
            let entries = entries_from_chain(vm, value)?;
            let old = e
                .traceback
                .with::<S, _>(&exc.header, |tb| std::mem::replace(tb, entries));
            drop(old);
        }
        "__cause__" => {
            if !matches!(value, Value::None) && !is_exception(value) {
                return Err(
                    vm.type_error("exception cause must be None or derive from BaseException")
                );
            }
            let new = (!matches!(value, Value::None)).then(|| value.clone());
            let old = e.chain.with::<S, _>(&exc.header, |c| {
                c.suppress_context = true;
                std::mem::replace(&mut c.cause, new)
            });
            drop(old);
        }
        "__context__" => {
            let new = match value {
                Value::None => None,
                Value::Obj(o) if is_exception(value) => Some(o.clone()),
                _ => {
                    return Err(vm
                        .type_error("exception context must be None or derive from BaseException"))
                }
            };
            let old = e
                .chain
                .with::<S, _>(&exc.header, |c| std::mem::replace(&mut c.context, new));
            drop(old);
        }
        "message" | "exceptions" if is_group(vm, &Value::Obj(exc.clone())) => {
            return Err(vm.new_error("AttributeError", "readonly attribute"));
        }
        "__suppress_context__" => {
            let flag = crate::ops::truthy(vm, value)?;
            e.chain
                .with::<S, _>(&exc.header, |c| c.suppress_context = flag);
        }
        _ => return Ok(false),
    }
    Ok(true)
}

/// `exc.with_traceback(tb)`: sets `__traceback__` and returns the
/// exception.
pub fn with_traceback<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "with_traceback", &args, 2, 2)?;
    let Value::Obj(exc) = &args.pos[0] else {
        return Err(vm.type_error("descriptor 'with_traceback' requires a 'BaseException' object"));
    };
    if !matches!(exc.payload(), Payload::Exception(_)) {
        return Err(vm.type_error(format!(
            "descriptor 'with_traceback' for 'BaseException' objects doesn't apply to a '{}' object",
            crate::ops::type_name(&args.pos[0])
        )));
    }
    set_attr(vm, exc, "__traceback__", &args.pos[1])?;
    Ok(args.pos[0].clone())
}

/// Whether the error is an AttributeError (or a subclass's): what
/// `getattr(obj, name, default)` and `hasattr` swallow.
pub fn is_attribute_error<S: LockStrategy>(vm: &Vm<S>, e: &crate::vm::PyErr<S>) -> bool {
    crate::interp::is_instance_of(vm, &Value::Obj(e.exc.clone()), "AttributeError")
}

// ---------------------------------------------------------------------
// BaseExceptionGroup and ExceptionGroup (PEP 654), as CPython 3.11's
// `Objects/exceptions.c` defines them. A group keeps `message` and the
// tuple `exceptions` in its instance namespace (read by the ordinary
// attribute lookup, refused to assignment by `set_attr`); its methods
// `split`, `subgroup` and `derive` are found by `group_method`.

use crate::object::{ExceptionObj, ObjCell, PyDict};

/// The class `BaseExceptionGroup`.
fn base_group_class<S: LockStrategy>(vm: &Vm<S>) -> ObjRef<S> {
    vm.interp.exceptions["BaseExceptionGroup"].clone()
}

/// Whether `class` is `BaseExceptionGroup` or a subclass.
pub fn is_group_class<S: LockStrategy>(vm: &Vm<S>, class: &ObjRef<S>) -> bool {
    crate::builtins::is_subtype(class, &vm.interp.exceptions["BaseExceptionGroup"])
}

/// Whether `v` is an exception group.
pub fn is_group<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>) -> bool {
    match v.payload() {
        Some(Payload::Exception(e)) => is_group_class(vm, &e.class.get()),
        _ => false,
    }
}

/// A group's `message` and `exceptions` (None for anything else).
pub fn group_parts<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>) -> Option<(Value<S>, Vec<Value<S>>)> {
    if !is_group(vm, v) {
        return None;
    }
    let Some(Payload::Exception(e)) = v.payload() else {
        return None;
    };
    let dict = e.dict.as_ref()?;
    let message = crate::ops::dict_get(dict, &vm.new_str("message"))?;
    let excs = crate::ops::dict_get(dict, &vm.new_str("exceptions"))?;
    match excs.payload() {
        Some(Payload::Tuple(items)) => Some((message, items.to_vec())),
        _ => None,
    }
}

/// Whether `v` is a sequence for `BaseExceptionGroup.__new__` (CPython's
/// `PySequence_Check`: not a mapping or a set).
fn is_sequence<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> bool {
    match v.payload() {
        Some(
            Payload::List(_)
            | Payload::Tuple(_)
            | Payload::Str(_)
            | Payload::Bytes(_)
            | Payload::Range(_)
            | Payload::BigRange(_),
        ) => true,
        Some(Payload::Dict(_)) | None => false,
        Some(_) => {
            let tn = crate::ops::type_name(v);
            if matches!(tn.as_str(), "set" | "frozenset" | "dict") {
                return false;
            }
            let class = Value::Obj(crate::builtins::type_of(vm, v));
            let name = ObjRef::new(Payload::Str(crate::object::PyStr::new("__getitem__")));
            crate::ops::get_attr(vm, &class, &name).is_ok()
        }
    }
}

/// `BaseExceptionGroup.__new__(cls, message, exceptions)`: CPython's
/// checks, and the class rule: `BaseExceptionGroup` itself makes an
/// `ExceptionGroup` when every member is an `Exception`.
pub fn new_group<S: LockStrategy>(
    vm: &mut Vm<S>,
    class: &ObjRef<S>,
    args: &[Value<S>],
) -> PyResult<S, ObjRef<S>> {
    if args.len() != 2 {
        return Err(vm.type_error(format!(
            "BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)",
            args.len()
        )));
    }
    if args[0].as_str().is_none() {
        return Err(vm.type_error(format!(
            "BaseExceptionGroup.__new__() argument 1 must be str, not {}",
            crate::ops::type_name(&args[0])
        )));
    }
    if !is_sequence(vm, &args[1]) {
        return Err(vm.type_error("second argument (exceptions) must be a sequence"));
    }
    let excs = crate::ops::iterate(vm, &args[1])?;
    if excs.is_empty() {
        return Err(vm.value_error("second argument (exceptions) must be a non-empty sequence"));
    }
    let mut nests_base = false;
    for (i, e) in excs.iter().enumerate() {
        if !matches!(e.payload(), Some(Payload::Exception(_))) {
            return Err(vm.value_error(format!(
                "Item {i} of second argument (exceptions) is not an exception"
            )));
        }
        if !crate::interp::is_instance_of(vm, e, "Exception") {
            nests_base = true;
        }
    }
    let base = base_group_class(vm);
    let exception = vm.interp.exceptions["Exception"].clone();
    let group = vm.interp.exceptions["ExceptionGroup"].clone();
    let mut class = class.clone();
    if class.ptr_eq(&base) {
        if !nests_base {
            class = group;
        }
    } else if class.ptr_eq(&group) {
        if nests_base {
            return Err(vm.type_error("Cannot nest BaseExceptions in an ExceptionGroup"));
        }
    } else if nests_base && crate::builtins::is_subtype(&class, &exception) {
        let name = crate::classes::type_obj(&class)
            .map(|t| t.name.clone())
            .unwrap_or_default();
        return Err(vm.type_error(format!("Cannot nest BaseExceptions in '{name}'")));
    }
    let dict = ObjRef::new(Payload::Dict(PyDict::new(crate::dict::new_map())));
    vm.interp.dict_set_str(&dict, "message", args[0].clone());
    vm.interp
        .dict_set_str(&dict, "exceptions", crate::ops::new_tuple(excs));
    Ok(ObjRef::new(Payload::Exception(Box::new(ExceptionObj {
        dict: Some(dict),
        class: crate::object::ClassSlot::new(class),
        args: ObjCell::new(args.to_vec().into_boxed_slice()),
        traceback: ObjCell::new(Vec::new()),
        chain: ObjCell::new(Default::default()),
    }))))
}

/// `BaseExceptionGroup(message, exceptions)` with the class chosen by
/// CPython's rule (`_PyExc_CreateExceptionGroup`).
pub fn create_group<S: LockStrategy>(
    vm: &mut Vm<S>,
    message: &str,
    excs: Vec<Value<S>>,
) -> PyResult<S, Value<S>> {
    let base = base_group_class(vm);
    let args = [vm.new_str(message), crate::ops::new_list(excs)];
    new_group(vm, &base, &args).map(Value::Obj)
}

/// `str(group)`: `message (N sub-exception(s))`.
pub fn group_str<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, Option<String>> {
    let Some((message, excs)) = group_parts(vm, v) else {
        return Ok(None);
    };
    let message = crate::repr::to_str(vm, &message)?;
    let n = excs.len();
    let plural = if n > 1 { "s" } else { "" };
    Ok(Some(format!("{message} ({n} sub-exception{plural})")))
}

/// The methods of a group by name, bound to `obj`.
pub fn group_method<S: LockStrategy>(vm: &Vm<S>, obj: &Value<S>, name: &str) -> Option<Value<S>> {
    if !is_group(vm, obj) {
        return None;
    }
    let (name, func): (&'static str, crate::object::NativeFn<S>) = match name {
        "split" => ("split", group_split),
        "subgroup" => ("subgroup", group_subgroup),
        "derive" => ("derive", group_derive),
        "__str__" => ("__str__", group_str_method),
        _ => return None,
    };
    let f = ObjRef::new(Payload::Builtin(crate::object::Builtin {
        name: name.into(),
        func: crate::object::NativeCode::Fn(func),
        releases_gil: false,
        method: true,
    }));
    Some(Value::Obj(ObjRef::new(Payload::BoundMethod(
        obj.clone(),
        Value::Obj(f),
    ))))
}

fn group_receiver<S: LockStrategy>(vm: &Vm<S>, name: &str, args: &Args<S>) -> PyResult<S, ()> {
    match args.pos.first() {
        Some(v) if is_group(vm, v) => Ok(()),
        _ => Err(vm.type_error(format!(
            "descriptor '{name}' requires a 'BaseExceptionGroup' object"
        ))),
    }
}

/// CPython's `PyArg_UnpackTuple(args, name, 1, 1)` after the receiver.
fn one_argument<S: LockStrategy>(vm: &Vm<S>, name: &str, args: &Args<S>) -> PyResult<S, ()> {
    if !args.kw.is_empty() {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    let n = args.pos.len() - 1;
    if n != 1 {
        return Err(vm.type_error(format!("{name} expected 1 argument, got {n}")));
    }
    Ok(())
}

fn group_str_method<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    group_receiver(vm, "__str__", &args)?;
    arity(vm, "__str__", &args, 1, 1)?;
    let s = group_str(vm, &args.pos[0])?.unwrap_or_default();
    Ok(vm.new_str(s))
}

/// `group.derive(excs)`: a `BaseExceptionGroup` of the same message.
fn group_derive<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    group_receiver(vm, "derive", &args)?;
    if args.pos.len() != 2 || !args.kw.is_empty() {
        return Err(vm.type_error(format!(
            "function takes exactly 1 argument ({} given)",
            args.pos.len() - 1 + args.kw.len()
        )));
    }
    let Some((message, _)) = group_parts(vm, &args.pos[0]) else {
        return Err(vm.type_error("derive() of a group whose message or exceptions were removed"));
    };
    let base = base_group_class(vm);
    new_group(vm, &base, &[message, args.pos[1].clone()]).map(Value::Obj)
}

/// What `split` and `subgroup` match leaves with.
enum Matcher<S: LockStrategy> {
    Types(Value<S>),
    Predicate(Value<S>),
    /// The leaves kept by `except*`'s re-raise (by identity).
    Leaves(Vec<ObjRef<S>>),
}

fn matcher<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>) -> PyResult<S, Matcher<S>> {
    let is_exc_class = |v: &Value<S>| matches!(v.payload(), Some(Payload::Type(t)) if t.kind == crate::object::TypeKind::Exception);
    if crate::builtins::is_callable(vm, v) && !matches!(v.payload(), Some(Payload::Type(_))) {
        return Ok(Matcher::Predicate(v.clone()));
    }
    if is_exc_class(v) {
        return Ok(Matcher::Types(v.clone()));
    }
    if let Some(Payload::Tuple(items)) = v.payload() {
        if items.iter().all(is_exc_class) {
            return Ok(Matcher::Types(v.clone()));
        }
    }
    Err(vm.type_error("expected a function, exception type or tuple of exception types"))
}

fn matches<S: LockStrategy>(vm: &mut Vm<S>, exc: &Value<S>, m: &Matcher<S>) -> PyResult<S, bool> {
    match m {
        Matcher::Types(t) => {
            let class = crate::builtins::type_of(vm, exc);
            Ok(match t.payload() {
                Some(Payload::Tuple(items)) => items
                    .iter()
                    .filter_map(|c| c.obj())
                    .any(|c| crate::builtins::is_subtype(&class, c)),
                _ => t
                    .obj()
                    .is_some_and(|c| crate::builtins::is_subtype(&class, c)),
            })
        }
        Matcher::Predicate(f) => {
            let r = vm.call(f, vec![exc.clone()])?;
            crate::ops::truthy(vm, &r)
        }
        Matcher::Leaves(ids) => Ok(exc.obj().is_some_and(|o| ids.iter().any(|i| i.ptr_eq(o)))),
    }
}

/// `orig.derive(excs)` with orig's traceback, cause, context and notes
/// (CPython's `exceptiongroup_subset`); None for no exceptions.
fn subset<S: LockStrategy>(
    vm: &mut Vm<S>,
    orig: &Value<S>,
    excs: Vec<Value<S>>,
) -> PyResult<S, Option<Value<S>>> {
    if excs.is_empty() {
        return Ok(None);
    }
    let derive = ObjRef::new(Payload::Str(crate::object::PyStr::new("derive")));
    let derive = crate::ops::get_attr(vm, orig, &derive)?;
    let eg = vm.call(&derive, vec![crate::ops::new_list(excs)])?;
    if !is_group(vm, &eg) {
        return Err(vm.type_error("derive must return an instance of BaseExceptionGroup"));
    }
    let (Some(Payload::Exception(o)), Some(Payload::Exception(n)), Value::Obj(oo), Value::Obj(no)) =
        (orig.payload(), eg.payload(), orig, &eg)
    else {
        return Ok(Some(eg));
    };
    let tb = o.traceback.with::<S, _>(&oo.header, |tb| tb.clone());
    let old = n
        .traceback
        .with::<S, _>(&no.header, |t| std::mem::replace(t, tb));
    drop(old);
    let (cause, context, suppress) = o.chain.with::<S, _>(&oo.header, |c| {
        (c.cause.clone(), c.context.clone(), c.suppress_context)
    });
    let old = n.chain.with::<S, _>(&no.header, |c| {
        let old = (
            std::mem::replace(&mut c.cause, cause),
            std::mem::replace(&mut c.context, context),
        );
        c.suppress_context = suppress;
        old
    });
    drop(old);
    let notes_name = ObjRef::new(Payload::Str(crate::object::PyStr::new("__notes__")));
    if let Ok(notes) = crate::ops::get_attr(vm, orig, &notes_name) {
        if matches!(notes.payload(), Some(Payload::List(_) | Payload::Tuple(_))) {
            let copy = crate::ops::new_list(crate::ops::iterate(vm, &notes)?);
            crate::ops::set_attr(vm, &eg, &notes_name, copy)?;
        }
    }
    Ok(Some(eg))
}

/// What `split` gives: the part that matched and the rest (None for
/// none).
type SplitParts<S> = (Option<Value<S>>, Option<Value<S>>);

/// CPython's `exceptiongroup_split_recursive`: (match, rest).
fn split_recursive<S: LockStrategy>(
    vm: &mut Vm<S>,
    exc: &Value<S>,
    m: &Matcher<S>,
    with_rest: bool,
) -> PyResult<S, SplitParts<S>> {
    if matches(vm, exc, m)? {
        return Ok((Some(exc.clone()), None));
    }
    let Some((_, excs)) = group_parts(vm, exc) else {
        return Ok((None, with_rest.then(|| exc.clone())));
    };
    let (mut matched, mut rest) = (Vec::new(), Vec::new());
    for e in &excs {
        let (a, b) = vm.recursive_call(" in split", |vm| split_recursive(vm, e, m, with_rest))?;
        matched.extend(a);
        rest.extend(b);
    }
    let matched = subset(vm, exc, matched)?;
    let rest = match with_rest {
        true => subset(vm, exc, rest)?,
        false => None,
    };
    Ok((matched, rest))
}

fn group_split<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    group_receiver(vm, "split", &args)?;
    one_argument(vm, "split", &args)?;
    let m = matcher(vm, &args.pos[1])?;
    let (a, b) = split_recursive(vm, &args.pos[0], &m, true)?;
    Ok(crate::ops::new_tuple(vec![
        a.unwrap_or(Value::None),
        b.unwrap_or(Value::None),
    ]))
}

fn group_subgroup<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    group_receiver(vm, "subgroup", &args)?;
    one_argument(vm, "subgroup", &args)?;
    let m = matcher(vm, &args.pos[1])?;
    let (a, _) = split_recursive(vm, &args.pos[0], &m, false)?;
    Ok(a.unwrap_or(Value::None))
}

// ---------------------------------------------------------------------
// `except*`: the VM's steps (CPython's CHECK_EG_MATCH and
// `_PyExc_PrepReraiseStar`). The handlers' state is a tuple
// `(orig, rest, raised...)` on the stack.

/// The state at the start of the handlers of the exception `exc`.
pub fn star_start<S: LockStrategy>(exc: &Value<S>) -> Value<S> {
    crate::ops::new_tuple(vec![exc.clone(), exc.clone()])
}

fn state_items<S: LockStrategy>(state: &Value<S>) -> Vec<Value<S>> {
    match state.payload() {
        Some(Payload::Tuple(items)) => items.to_vec(),
        _ => Vec::new(),
    }
}

/// One `except* T:` clause: the new state and what it matched (None for
/// nothing).
pub fn star_match<S: LockStrategy>(
    vm: &mut Vm<S>,
    state: &Value<S>,
    class: &Value<S>,
) -> PyResult<S, (Value<S>, Value<S>)> {
    let message = "catching classes that do not inherit from BaseException is not allowed";
    let classes = crate::builtins::class_list(vm, class, message)?;
    for c in &classes {
        if !matches!(c.payload(), Payload::Type(t) if t.kind == crate::object::TypeKind::Exception)
        {
            return Err(vm.type_error(message));
        }
        if is_group_class(vm, c) {
            return Err(vm.type_error(
                "catching ExceptionGroup with except* is not allowed. Use except instead.",
            ));
        }
    }
    let mut items = state_items(state);
    if items.len() < 2 {
        return Ok((state.clone(), Value::None));
    }
    let rest = items[1].clone();
    if matches!(rest, Value::None) {
        return Ok((state.clone(), Value::None));
    }
    let exc_class = crate::builtins::type_of(vm, &rest);
    let (matched, new_rest) = if classes
        .iter()
        .any(|c| crate::builtins::is_subtype(&exc_class, c))
    {
        if is_group(vm, &rest) {
            (rest.clone(), Value::None)
        } else {
            // A naked exception is wrapped in a group of one.
            let wrapped = Value::Obj(new_group(
                vm,
                &base_group_class(vm),
                &[vm.new_str(""), crate::ops::new_tuple(vec![rest.clone()])],
            )?);
            if let (Some(Payload::Exception(o)), Some(Payload::Exception(n))) =
                (rest.payload(), wrapped.payload())
            {
                let (ro, wo) = (rest.obj().expect("obj"), wrapped.obj().expect("obj"));
                let tb = o.traceback.with::<S, _>(&ro.header, |tb| tb.clone());
                let old = n
                    .traceback
                    .with::<S, _>(&wo.header, |t| std::mem::replace(t, tb));
                drop(old);
            }
            (wrapped, Value::None)
        }
    } else if is_group(vm, &rest) {
        let split = ObjRef::new(Payload::Str(crate::object::PyStr::new("split")));
        let split = crate::ops::get_attr(vm, &rest, &split)?;
        let pair = vm.call(&split, vec![class.clone()])?;
        let pair = state_items(&pair);
        if pair.len() != 2 {
            return Err(vm.type_error("X.split(T) must return a tuple of 2 elements"));
        }
        (pair[0].clone(), pair[1].clone())
    } else {
        (Value::None, rest)
    };
    items[1] = new_rest;
    Ok((crate::ops::new_tuple(items), matched))
}

/// A handler raised `exc`: the new state.
pub fn star_raised<S: LockStrategy>(state: &Value<S>, exc: Value<S>) -> Value<S> {
    let mut items = state_items(state);
    items.push(exc);
    crate::ops::new_tuple(items)
}

/// Whether two exceptions carry the same traceback, cause and context (a
/// re-raise of part of the original group).
fn same_metadata<S: LockStrategy>(a: &Value<S>, b: &Value<S>) -> bool {
    let (Some(Payload::Exception(x)), Some(Payload::Exception(y)), Value::Obj(xo), Value::Obj(yo)) =
        (a.payload(), b.payload(), a, b)
    else {
        return false;
    };
    let tx = x.traceback.with::<S, _>(&xo.header, |t| t.clone());
    let ty = y.traceback.with::<S, _>(&yo.header, |t| t.clone());
    let same_tb = tx.len() == ty.len()
        && tx
            .iter()
            .zip(ty.iter())
            .all(|(p, q)| std::sync::Arc::ptr_eq(&p.code, &q.code) && p.pc == q.pc);
    let cx = x
        .chain
        .with::<S, _>(&xo.header, |c| (c.cause.clone(), c.context.clone()));
    let cy = y
        .chain
        .with::<S, _>(&yo.header, |c| (c.cause.clone(), c.context.clone()));
    let same_value = |p: &Option<Value<S>>, q: &Option<Value<S>>| match (p, q) {
        (None, None) => true,
        (Some(Value::Obj(p)), Some(Value::Obj(q))) => p.ptr_eq(q),
        _ => false,
    };
    let same_ref = |p: &Option<ObjRef<S>>, q: &Option<ObjRef<S>>| match (p, q) {
        (None, None) => true,
        (Some(p), Some(q)) => p.ptr_eq(q),
        _ => false,
    };
    same_tb && same_value(&cx.0, &cy.0) && same_ref(&cx.1, &cy.1)
}

fn collect_leaves<S: LockStrategy>(
    vm: &Vm<S>,
    exc: &Value<S>,
    out: &mut Vec<ObjRef<S>>,
    depth: usize,
) {
    match group_parts(vm, exc) {
        Some((_, excs)) if depth < 1000 => {
            for e in &excs {
                collect_leaves(vm, e, out, depth + 1);
            }
        }
        _ => out.extend(exc.obj().cloned()),
    }
}

/// After the handlers: what to raise (None for nothing), CPython's
/// `_PyExc_PrepReraiseStar`.
pub fn star_finish<S: LockStrategy>(vm: &mut Vm<S>, state: &Value<S>) -> PyResult<S, Value<S>> {
    let items = state_items(state);
    if items.len() < 2 {
        return Ok(Value::None);
    }
    let orig = items[0].clone();
    // The raised exceptions, then what no clause matched.
    let mut excs: Vec<Value<S>> = items[2..].to_vec();
    excs.push(items[1].clone());
    if !is_group(vm, &orig) {
        // A naked exception: at most one clause ran.
        return Ok(excs.into_iter().next().unwrap_or(Value::None));
    }
    let (mut raised, mut reraised) = (Vec::new(), Vec::new());
    for e in excs {
        if matches!(e, Value::None) {
            continue;
        }
        if same_metadata(&e, &orig) {
            reraised.push(e);
        } else {
            raised.push(e);
        }
    }
    let mut leaves = Vec::new();
    for e in &reraised {
        collect_leaves(vm, e, &mut leaves, 0);
    }
    let kept = if reraised.is_empty() {
        None
    } else {
        split_recursive(vm, &orig, &Matcher::Leaves(leaves), false)?.0
    };
    if raised.is_empty() {
        return Ok(kept.unwrap_or(Value::None));
    }
    raised.extend(kept);
    if raised.len() == 1 {
        return Ok(raised.pop().unwrap_or(Value::None));
    }
    create_group(vm, "", raised)
}
