//! The `builtins` namespace: builtin functions and the constructors of
//! builtin types.

use crate::code::CmpOp;
use crate::interp::Interp;
use crate::object::{Builtin, NativeFn, ObjRef, Payload, PropertyObj, PyStr, TypeKind, Value};
use crate::ops::{self, type_name};
use crate::repr::{repr, to_str};
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};
use std::sync::Arc;

/// Makes an immortal-if-shared builtin function object.
pub fn builtin_fn<S: LockStrategy>(
    interp: &Interp<S>,
    name: &'static str,
    func: NativeFn<S>,
    releases_gil: bool,
) -> Value<S> {
    Value::Obj(interp.alloc_shared(Payload::Builtin(Builtin {
        name: name.into(),
        func: crate::object::NativeCode::Fn(func),
        releases_gil,
        method: false,
    })))
}

/// Makes an immortal-if-shared method descriptor: a builtin that binds
/// to the instance when found in a class's `__dict__`.
pub fn builtin_method<S: LockStrategy>(
    interp: &Interp<S>,
    name: &'static str,
    func: NativeFn<S>,
) -> Value<S> {
    Value::Obj(interp.alloc_shared(Payload::Builtin(Builtin {
        name: name.into(),
        func: crate::object::NativeCode::Fn(func),
        releases_gil: false,
        method: true,
    })))
}

/// Fills the builtins namespace.
pub fn install<S: LockStrategy>(interp: &Arc<Interp<S>>) {
    let b = &interp.builtins;
    let functions: &[(&'static str, NativeFn<S>)] = &[
        ("print", builtin_print),
        ("open", crate::modules::io::builtin_open),
        ("__import__", crate::modules::import::builtin_import),
        ("globals", crate::dynamic::builtin_globals),
        ("exec", crate::dynamic::builtin_exec),
        ("eval", crate::dynamic::builtin_eval),
        ("compile", crate::dynamic::builtin_compile),
        ("locals", crate::dynamic::builtin_locals),
        ("len", builtin_len),
        ("sum", builtin_sum),
        ("min", builtin_min),
        ("max", builtin_max),
        ("abs", builtin_abs),
        ("round", builtin_round),
        ("repr", builtin_repr),
        ("isinstance", builtin_isinstance),
        ("id", builtin_id),
        ("hash", builtin_hash),
        ("ord", builtin_ord),
        ("chr", builtin_chr),
        ("iter", builtin_iter),
        ("next", builtin_next),
        ("aiter", crate::types::anext_awaitable::builtin_aiter),
        ("anext", crate::types::anext_awaitable::builtin_anext),
        ("sorted", builtin_sorted),
        ("any", builtin_any),
        ("all", builtin_all),
        ("divmod", builtin_divmod),
        ("issubclass", builtin_issubclass),
        ("format", builtin_format),
        ("dir", builtin_dir),
        ("hex", builtin_hex),
        ("oct", builtin_oct),
        ("bin", builtin_bin),
        ("ascii", builtin_ascii),
        ("pow", builtin_pow),
        ("hasattr", builtin_hasattr),
        ("getattr", builtin_getattr),
        ("setattr", builtin_setattr),
        ("delattr", builtin_delattr),
        ("vars", builtin_vars),
        ("__build_class__", builtin_build_class),
        ("callable", builtin_callable),
        ("super", builtin_super),
    ];
    for (name, f) in functions {
        interp.dict_set_str(b, name, builtin_fn(interp, name, *f, false));
    }
    for (kind, name) in [
        (TypeKind::Int, "int"),
        (TypeKind::Float, "float"),
        (TypeKind::Str, "str"),
        (TypeKind::Bool, "bool"),
        (TypeKind::List, "list"),
        (TypeKind::Tuple, "tuple"),
        (TypeKind::Dict, "dict"),
        (TypeKind::Range, "range"),
        (TypeKind::Slice, "slice"),
        (TypeKind::Bytes, "bytes"),
        (TypeKind::Set, "set"),
        (TypeKind::FrozenSet, "frozenset"),
        (TypeKind::Type, "type"),
        (TypeKind::Object, "object"),
        (TypeKind::Property, "property"),
        (TypeKind::StaticMethod, "staticmethod"),
        (TypeKind::ClassMethod, "classmethod"),
    ] {
        interp.dict_set_str(b, name, Value::Obj(interp.types[&kind].clone()));
    }
    for kind in crate::types::NativeKind::ALL {
        let spec = kind.spec::<S>();
        if spec.builtin {
            let class = interp.types[&TypeKind::Native(kind)].clone();
            interp.dict_set_str(b, spec.name, Value::Obj(class));
        }
    }
    for (name, _) in crate::interp::EXCEPTION_HIERARCHY {
        interp.dict_set_str(b, name, Value::Obj(interp.exceptions[name].clone()));
    }
    // Old names of OSError, kept by CPython as aliases.
    for alias in ["EnvironmentError", "IOError"] {
        interp.dict_set_str(b, alias, Value::Obj(interp.exceptions["OSError"].clone()));
    }
    interp.dict_set_str(b, "__name__", interp.new_str("builtins"));
    install_singletons(interp);
}

/// Objects the class machinery needs by identity.
fn install_singletons<S: LockStrategy>(interp: &Arc<Interp<S>>) {
    let object = interp.types[&TypeKind::Object].clone();
    let new_dict = || {
        interp.alloc_shared(Payload::Dict(crate::object::PyDict::new(
            crate::dict::new_map(),
        )))
    };
    // A class of the runtime's own whose only base is `object`.
    let plain_class = |name: &str| {
        interp.alloc_shared(Payload::Type(Box::new(crate::object::TypeObj::new(
            name,
            TypeKind::Instance,
            Box::new([object.clone()]),
            Box::new([object.clone()]),
            Some(new_dict()),
        ))))
    };
    // The one instance of a fresh plain class.
    let singleton = |class_name: &str| {
        Value::Obj(
            interp.alloc_shared(Payload::Instance(crate::object::InstanceObj::new(
                plain_class(class_name),
                None,
            ))),
        )
    };
    let not_implemented = singleton("NotImplementedType");
    interp.dict_set_str(&interp.builtins, "NotImplemented", not_implemented.clone());
    let ellipsis = singleton("ellipsis");
    interp.dict_set_str(&interp.builtins, "Ellipsis", ellipsis.clone());
    // ABCMeta derives from `type`, so that a user metaclass may derive
    // from it; as in CPython (where abc.py defines it) its methods live in
    // its `__dict__`.
    let type_type = interp.types[&TypeKind::Type].clone();
    let abc_dict = new_dict();
    interp.dict_set_str(&abc_dict, "__module__", interp.new_str("abc"));
    for (name, f) in crate::modules::abc::abc_meta_methods::<S>() {
        interp.dict_set_str(&abc_dict, name, builtin_method(interp, name, f));
    }
    let abc_meta = Value::Obj(interp.alloc_shared(Payload::Type(Box::new(
        crate::object::TypeObj::new(
            "ABCMeta",
            TypeKind::Type,
            Box::new([type_type.clone()]),
            Box::new([type_type, object.clone()]),
            Some(abc_dict),
        ),
    ))));
    let singletons = crate::interp::Singletons {
        not_implemented,
        object_init: builtin_fn(interp, "__init__", object_init, false),
        property_setter: builtin_fn(interp, "setter", property_setter, false),
        property_getter: builtin_fn(interp, "getter", property_getter, false),
        property_deleter: builtin_fn(interp, "deleter", property_deleter, false),
        abc_meta,
        ellipsis,
        mro: builtin_fn(interp, "mro", class_mro, false),
    };
    let _ = interp.singletons.set(singletons);
}

/// `object.__init__` / `BaseException.__init__`: exceptions keep their
/// arguments; plain objects accept none.
pub(crate) fn object_init<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let Some(this) = args.pos.first() else {
        return Err(vm.type_error("descriptor '__init__' of 'object' object needs an argument"));
    };
    if let Some(Payload::Exception(e)) = this.payload() {
        let new_args: Box<[Value<S>]> = args.pos[1..].to_vec().into_boxed_slice();
        let o = this.obj().expect("exception");
        let old = e
            .args
            .with::<S, _>(&o.header, |a| std::mem::replace(a, new_args));
        drop(old);
    }
    Ok(Value::None)
}

/// `prop.getter(f)`, `prop.setter(f)`, `prop.deleter(f)`: a copy of the
/// property with one function replaced.
fn property_copier<S: LockStrategy>(
    vm: &mut Vm<S>,
    args: Args<S>,
    which: &'static str,
) -> PyResult<S> {
    arity(vm, which, &args, 2, 2)?;
    let Some(Payload::Property(p)) = args.pos[0].payload() else {
        return Err(vm.type_error("descriptor requires a 'property' object"));
    };
    let header = &args.pos[0].obj().expect("a property is an object").header;
    let mut doc = p.doc.with::<S, _>(header, |d| d.clone());
    let (mut fget, mut fset, mut fdel) = (p.fget.clone(), p.fset.clone(), p.fdel.clone());
    let mut doc_from_getter = p.doc_from_getter;
    let f = args.pos[1].clone();
    match which {
        "getter" => {
            if doc_from_getter || matches!(doc, Value::None) {
                doc = getter_doc(vm, &f);
                doc_from_getter = true;
            }
            fget = f
        }
        "setter" => fset = f,
        _ => fdel = f,
    }
    let copy = PropertyObj {
        fget,
        fset,
        fdel,
        doc: crate::object::ObjCell::new(doc),
        doc_from_getter,
    };
    Ok(copy.into_value())
}

fn property_setter<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    property_copier(vm, args, "setter")
}

fn property_getter<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    property_copier(vm, args, "getter")
}

fn property_deleter<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    property_copier(vm, args, "deleter")
}

/// `property(fget=None, fset=None, fdel=None, doc=None)`.
fn builtin_property<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let n = args.pos.len();
    let total = n + args.kw.len();
    if total > 4 {
        return Err(vm.type_error(format!(
            "property() takes at most 4 arguments ({total} given)"
        )));
    }
    let mut named = |name: &str, position: usize| {
        let v = args.take_kw(name);
        if v.is_some() && position < n {
            return Err(vm.type_error(format!(
                "argument for property() given by name ('{name}') and position ({})",
                position + 1
            )));
        }
        Ok(v)
    };
    let fget = named("fget", 0)?;
    let fset = named("fset", 1)?;
    let fdel = named("fdel", 2)?;
    let doc = named("doc", 3)?;
    no_other_keywords(vm, "property", &args)?;
    let positional = |given: Option<Value<S>>, i: usize| {
        given
            .or_else(|| args.pos.get(i).cloned())
            .unwrap_or(Value::None)
    };
    let fget = positional(fget, 0);
    let (doc, doc_from_getter) = match positional(doc, 3) {
        Value::None if !matches!(fget, Value::None) => (getter_doc(vm, &fget), true),
        doc => (doc, false),
    };
    Ok(PropertyObj {
        fget,
        fset: positional(fset, 1),
        fdel: positional(fdel, 2),
        doc: crate::object::ObjCell::new(doc),
        doc_from_getter,
    }
    .into_value())
}

/// The getter's `__doc__`, which a property without a `doc` argument takes
/// (None when the getter has none).
fn getter_doc<S: LockStrategy>(vm: &mut Vm<S>, fget: &Value<S>) -> Value<S> {
    let Value::Obj(name) = vm.new_str("__doc__") else {
        unreachable!("strings are objects")
    };
    ops::get_attr(vm, fget, &name).unwrap_or(Value::None)
}

fn builtin_staticmethod<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "staticmethod", &args, 1, 1)?;
    Ok(Value::Obj(ObjRef::new(Payload::StaticMethod(
        args.pos[0].clone(),
    ))))
}

fn builtin_classmethod<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "classmethod", &args, 1, 1)?;
    Ok(Value::Obj(ObjRef::new(Payload::ClassMethod(
        args.pos[0].clone(),
    ))))
}

fn builtin_super<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "super", &args, 2, 2)?;
    match &args.pos[0] {
        Value::Obj(o) if matches!(o.payload(), Payload::Type(_)) => {
            // CPython's `supercheck`: the methods found past `o` read `obj`
            // as an instance of `o` (a builtin method as its payload kind).
            let obj = &args.pos[1];
            let fits = match obj {
                Value::Obj(c) if matches!(c.payload(), Payload::Type(_)) => is_subtype(c, o),
                _ => false,
            } || is_subtype(&type_of(vm, obj), o);
            if !fits {
                return Err(
                    vm.type_error("super(type, obj): obj must be an instance or subtype of type")
                );
            }
            Ok(Value::Obj(ObjRef::new(Payload::Super(
                o.clone(),
                obj.clone(),
            ))))
        }
        other => Err(vm.type_error(format!(
            "super() argument 1 must be a type, not {}",
            type_name(other)
        ))),
    }
}

pub(crate) fn builtin_issubclass<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "issubclass", &args, 2, 2)?;
    let classes = class_list(
        vm,
        &args.pos[1],
        "issubclass() arg 2 must be a class, a tuple of classes, or a union",
    )?;
    for class in &classes {
        // A metaclass's `__subclasscheck__` decides for its classes.
        let found =
            match crate::metaclass::check_hook(vm, class, "__subclasscheck__", &args.pos[0])? {
                Some(answer) => answer,
                None => {
                    let Some(t) = args.pos[0]
                        .obj()
                        .filter(|o| matches!(o.payload(), Payload::Type(_)))
                    else {
                        return Err(vm.type_error("issubclass() arg 1 must be a class"));
                    };
                    is_subtype(t, class)
                }
            };
        if found {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn attr_name<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>) -> PyResult<S, ObjRef<S>> {
    match v {
        Value::Obj(o) if matches!(o.payload(), Payload::Str(_)) => Ok(o.clone()),
        other => Err(vm.type_error(format!(
            "attribute name must be string, not '{}'",
            type_name(other)
        ))),
    }
}

fn builtin_getattr<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "getattr", &args, 2, 3)?;
    let name = attr_name(vm, &args.pos[1])?;
    match ops::get_attr(vm, &args.pos[0], &name) {
        Ok(v) => Ok(v),
        Err(e) if crate::exceptions::is_attribute_error(vm, &e) && args.pos.len() == 3 => {
            Ok(args.pos[2].clone())
        }
        Err(e) => Err(e),
    }
}

fn builtin_hasattr<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "hasattr", &args, 2, 2)?;
    let name = attr_name(vm, &args.pos[1])?;
    match ops::get_attr(vm, &args.pos[0], &name) {
        Ok(_) => Ok(Value::Bool(true)),
        Err(e) if crate::exceptions::is_attribute_error(vm, &e) => Ok(Value::Bool(false)),
        Err(e) => Err(e),
    }
}

fn builtin_setattr<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "setattr", &args, 3, 3)?;
    let name = attr_name(vm, &args.pos[1])?;
    ops::set_attr(vm, &args.pos[0], &name, args.pos[2].clone())?;
    Ok(Value::None)
}

fn builtin_delattr<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "delattr", &args, 2, 2)?;
    let name = attr_name(vm, &args.pos[1])?;
    crate::classes::del_attr(vm, &args.pos[0], &name)?;
    Ok(Value::None)
}

/// `__build_class__(func, name, *bases, metaclass=None, **kwds)`: what a
/// `class` statement does, callable directly (`Instr::BuildClass` runs the
/// same [`Vm::make_class`]).
fn builtin_build_class<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let metaclass = args.take_kw("metaclass");
    if args.pos.len() < 2 {
        return Err(vm.type_error("__build_class__: not enough arguments"));
    }
    let body = args.pos[0].clone();
    if !matches!(body.payload(), Some(Payload::Function(_))) {
        return Err(vm.type_error("__build_class__: func must be a function"));
    }
    let Some(name) = args.pos[1].as_str().map(str::to_string) else {
        return Err(vm.type_error("__build_class__: name is not a string"));
    };
    let bases = args.pos[2..].to_vec();
    let keywords = if args.kw.is_empty() {
        None
    } else {
        let dict = ops::new_dict();
        let target = dict.obj().expect("a dict is an object").clone();
        for (k, v) in &args.kw {
            ops::dict_set(vm, &target, vm.new_str(&**k), v.clone())?;
        }
        Some(dict)
    };
    vm.make_class(&name, bases, metaclass, keywords, &body)
}

fn builtin_vars<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "vars", &args, 0, 1)?;
    let Some(v) = args.pos.first() else {
        return crate::dynamic::current_namespace(vm, "vars()").map(Value::Obj);
    };
    if let Some(d) = v.obj().and_then(crate::classes::visible_instance_dict) {
        return Ok(Value::Obj(d));
    }
    match v.payload() {
        Some(Payload::Module(m)) => Ok(Value::Obj(m.dict.clone())),
        Some(Payload::Type(t)) if t.dict.is_some() => Ok(crate::types::mappingproxy::new_proxy(
            Value::Obj(t.dict.clone().expect("checked")),
        )),
        // Anything else with a `__dict__` (a builtin type's read-only one).
        _ => match ops::get_attr(vm, v, &attr_name(vm, &vm.new_str("__dict__"))?) {
            Ok(d) => Ok(d),
            Err(e) if crate::exceptions::is_attribute_error(vm, &e) => {
                Err(vm.type_error("vars() argument must have __dict__ attribute"))
            }
            Err(e) => Err(e),
        },
    }
}

fn builtin_callable<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "callable", &args, 1, 1)?;
    Ok(Value::Bool(is_callable(vm, &args.pos[0])))
}

/// Python's `callable(v)`.
pub(crate) fn is_callable<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>) -> bool {
    match v.stored() {
        Some(
            Payload::Function(_)
            | Payload::Builtin(_)
            | Payload::BoundMethod(..)
            | Payload::WeakRef(_)
            | Payload::Type(_),
        ) => true,
        Some(Payload::Instance(i)) => {
            crate::classes::class_lookup(&i.class.get(), &vm.new_str("__call__")).is_some()
        }
        _ => false,
    }
}

/// Rejects the keyword arguments left in `args` after a function took the
/// ones it accepts, with the message of CPython's argument clinic: "'k' is
/// an invalid keyword argument for name()".
pub fn no_other_keywords<S: LockStrategy>(
    vm: &Vm<S>,
    name: &str,
    args: &Args<S>,
) -> PyResult<S, ()> {
    match args.kw.first() {
        Some((k, _)) => {
            Err(vm.type_error(format!("'{k}' is an invalid keyword argument for {name}()")))
        }
        None => Ok(()),
    }
}

pub fn arity<S: LockStrategy>(
    vm: &Vm<S>,
    name: &str,
    args: &Args<S>,
    min: usize,
    max: usize,
) -> PyResult<S, ()> {
    if let Some((k, _)) = args.kw.first() {
        return Err(vm.type_error(format!("{name}() got an unexpected keyword argument '{k}'")));
    }
    let n = args.pos.len();
    if n >= min && n <= max {
        return Ok(());
    }
    Err(vm.type_error(if min == max {
        match min {
            0 => format!("{name}() takes no arguments ({n} given)"),
            1 => format!("{name}() takes exactly one argument ({n} given)"),
            _ => format!("{name} expected {min} arguments, got {n}"),
        }
    } else if n < min {
        format!(
            "{name} expected at least {min} argument{}, got {n}",
            if min == 1 { "" } else { "s" }
        )
    } else {
        format!(
            "{name} expected at most {max} argument{}, got {n}",
            if max == 1 { "" } else { "s" }
        )
    }))
}

/// `sys.stdout` when the program has replaced it, None while it is still
/// the runtime's own writer (`sys.__stdout__`), which `print` writes to
/// directly.
fn replaced_stdout<S: LockStrategy>(vm: &Vm<S>) -> Option<Value<S>> {
    let sys = ops::dict_get(&vm.interp.sys_modules, &vm.new_str("sys"))?;
    let Some(Payload::Module(m)) = sys.payload() else {
        return None;
    };
    let out = ops::dict_get(&m.dict, &vm.new_str("stdout"))?;
    let own = ops::dict_get(&m.dict, &vm.new_str("__stdout__"));
    match own {
        Some(own) if own.is(&out) => None,
        _ => Some(out),
    }
}

fn builtin_print<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let mut text_arg = |vm: &mut Vm<S>, name: &str, default: &str| -> PyResult<S, String> {
        match args.take_kw(name) {
            None | Some(Value::None) => Ok(default.to_string()),
            Some(v) => match v.as_str() {
                Some(s) => Ok(s.to_string()),
                None => Err(vm.type_error(format!(
                    "{name} must be None or a string, not {}",
                    type_name(&v)
                ))),
            },
        }
    };
    let sep = text_arg(vm, "sep", " ")?;
    let end = text_arg(vm, "end", "\n")?;
    let file = args.take_kw("file").filter(|f| !matches!(f, Value::None));
    // Without `file=`, a `sys.stdout` the program replaced
    // (`contextlib.redirect_stdout`) gets the text; None swallows it.
    let file = file.or_else(|| replaced_stdout(vm));
    if matches!(file, Some(Value::None)) {
        return Ok(Value::None);
    }
    let flush = args.take_kw("flush");
    if let Some((k, _)) = args.kw.first() {
        return Err(vm.type_error(format!("'{k}' is an invalid keyword argument for print()")));
    }
    let flush = match flush {
        Some(f) => ops::truthy(vm, &f)?,
        None => false,
    };
    let Some(file) = file else {
        // The common case: straight into the stdout buffer. A str is
        // written as it is (no copy: it may be huge); others as `str(v)`.
        let mut texts: Vec<Option<String>> = Vec::with_capacity(args.pos.len());
        for v in &args.pos {
            texts.push(match v.payload() {
                Some(Payload::Str(_)) => None,
                _ => Some(to_str(vm, v)?),
            });
        }
        let mut pieces: Vec<&[u8]> = Vec::with_capacity(2 * args.pos.len() + 1);
        for (i, (v, text)) in args.pos.iter().zip(&texts).enumerate() {
            if i > 0 {
                pieces.push(sep.as_bytes());
            }
            pieces.push(match (text, v.payload()) {
                (Some(t), _) => t.as_bytes(),
                (None, Some(Payload::Str(s))) => s.as_str().as_bytes(),
                (None, _) => b"",
            });
        }
        pieces.push(end.as_bytes());
        vm.interp.write_stdout_pieces(&pieces);
        if flush {
            vm.interp.flush_stdout();
        }
        return Ok(Value::None);
    };
    // `file=`: one `write` call per piece, as CPython makes them.
    for (i, v) in args.pos.iter().enumerate() {
        if i > 0 {
            ops::call_method(vm, &file, "write", vec![vm.new_str(sep.as_str())])?;
        }
        let text = to_str(vm, v)?;
        ops::call_method(vm, &file, "write", vec![vm.new_str(text)])?;
    }
    ops::call_method(vm, &file, "write", vec![vm.new_str(end)])?;
    if flush {
        ops::call_method(vm, &file, "flush", Vec::new())?;
    }
    Ok(Value::None)
}

fn builtin_len<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "len", &args, 1, 1)?;
    Ok(Value::Int(ops::len(vm, &args.pos[0])? as i64))
}

fn builtin_sum<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let start = args.take_kw("start");
    no_other_keywords(vm, "sum", &args)?;
    arity(vm, "sum", &args, 1, 2)?;
    let mut acc = start
        .or_else(|| args.pos.get(1).cloned())
        .unwrap_or(Value::Int(0));
    if acc.as_str().is_some() {
        return Err(vm.type_error("sum() can't sum strings [use ''.join(seq) instead]"));
    }
    for item in ops::iterate(vm, &args.pos[0])? {
        acc = match (&acc, &item) {
            (Value::Int(x), Value::Int(y)) => match x.checked_add(*y) {
                Some(s) => Value::Int(s),
                None => ops::binary_op(vm, crate::code::BinOp::Add, &acc, &item)?,
            },
            _ => ops::binary_op(vm, crate::code::BinOp::Add, &acc, &item)?,
        };
    }
    Ok(acc)
}

fn min_max<S: LockStrategy>(
    vm: &mut Vm<S>,
    mut args: Args<S>,
    name: &str,
    op: CmpOp,
) -> PyResult<S> {
    let default = args.take_kw("default");
    let key = args.take_kw("key").filter(|k| !matches!(k, Value::None));
    no_other_keywords(vm, name, &args)?;
    let items = match args.pos.len() {
        0 => return Err(vm.type_error(format!("{name} expected at least 1 argument, got 0"))),
        1 => ops::iterate(vm, &args.pos[0])?,
        _ if default.is_some() => {
            return Err(vm.type_error(format!(
                "Cannot specify a default for {name}() with multiple positional arguments"
            )))
        }
        _ => args.pos,
    };
    let mut it = items.into_iter();
    let Some(mut best) = it.next() else {
        return default.ok_or_else(|| vm.value_error(format!("{name}() arg is an empty sequence")));
    };
    let mut best_key = match &key {
        Some(k) => vm.call(k, vec![best.clone()])?,
        None => best.clone(),
    };
    for item in it {
        let item_key = match &key {
            Some(k) => vm.call(k, vec![item.clone()])?,
            None => item.clone(),
        };
        if ops::compare(vm, op, &item_key, &best_key)? {
            best = item;
            best_key = item_key;
        }
    }
    Ok(best)
}

fn builtin_min<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    min_max(vm, args, "min", CmpOp::Lt)
}

fn builtin_max<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    min_max(vm, args, "max", CmpOp::Gt)
}

fn builtin_abs<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "abs", &args, 1, 1)?;
    ops::abs(vm, &args.pos[0])
}

fn builtin_round<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let nd = args.take_kw("ndigits");
    arity(vm, "round", &args, 1, 2)?;
    let ndigits = nd
        .or_else(|| args.pos.get(1).cloned())
        .filter(|v| !matches!(v, Value::None));
    let v = &args.pos[0];
    if crate::classes::user_class_of(v).is_some() {
        let dunder_args = ndigits.iter().cloned().collect();
        if let Some(r) = crate::classes::call_dunder(vm, v, "__round__", dunder_args)? {
            return Ok(r);
        }
        if let Some(n) = crate::subclass::numeric_value(v) {
            args.pos[0] = n;
            return builtin_round(vm, args);
        }
    }
    match v {
        Value::Float(f) => match ndigits {
            None => crate::types::float::float_to_int(vm, f.round_ties_even()),
            Some(n) => {
                // A huge ndigits rounds nothing away, or everything.
                let n = match ops::to_big(&n) {
                    Some(big) => big.to_i64().unwrap_or(if big.is_negative() {
                        i64::MIN
                    } else {
                        i64::MAX
                    }),
                    None => ops::expect_int(vm, &n)?,
                };
                Ok(Value::Float(round_float(*f, n)))
            }
        },
        Value::Int(_) | Value::Bool(_) | Value::Obj(_) if ops::to_big(v).is_some() => {
            let x = ops::to_big(v).expect("int");
            match ndigits {
                None => Ok(ops::int_from_big(x)),
                Some(n) => {
                    let n = ops::expect_int(vm, &n)?;
                    if n >= 0 {
                        return Ok(ops::int_from_big(x));
                    }
                    // Round half to even at 10**-n.
                    let Some(p) = u32::try_from(-n).ok().filter(|p| *p < 4000) else {
                        return Ok(Value::Int(0));
                    };
                    let m = num_traits::pow::Pow::pow(&BigInt::from(10), p);
                    let (q, r) = num_integer::Integer::div_mod_floor(&x, &m);
                    let twice = &r * 2;
                    let q = if twice > m || (twice == m && num_integer::Integer::is_odd(&q)) {
                        q + 1
                    } else {
                        q
                    };
                    Ok(ops::int_from_big(q * m))
                }
            }
        }
        _ => Err(vm.type_error(format!(
            "type {} doesn't define __round__ method",
            type_name(v)
        ))),
    }
}

/// `round(f, n)` with CPython's correctly rounded result.
fn round_float(f: f64, n: i64) -> f64 {
    if !f.is_finite() || n > 308 {
        return f;
    }
    if n < -308 {
        return 0.0f64.copysign(f);
    }
    if n >= 0 {
        // Formatting rounds the exact binary value correctly (ties to even).
        format!("{:.*}", n as usize, f).parse().unwrap_or(f)
    } else {
        let p = 10f64.powi((-n).min(308) as i32);
        let y = (f / p).round_ties_even() * p;
        if y.is_finite() {
            y
        } else {
            f
        }
    }
}

fn builtin_repr<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "repr", &args, 1, 1)?;
    let r = repr(vm, &args.pos[0])?;
    Ok(vm.new_str(r))
}

/// The type object of a value.
pub fn type_of<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>) -> ObjRef<S> {
    match v.stored() {
        Some(Payload::Exception(e)) => e.class.get().clone(),
        Some(Payload::Instance(i)) => i.class.get().clone(),
        Some(Payload::Module(m)) => m.class.get().clone(),
        Some(Payload::Type(t)) if t.metaclass.is_some() => {
            t.metaclass.clone().expect("checked by the guard")
        }
        Some(Payload::Iter(state)) => {
            let o = v.obj().expect("an iterator is an object");
            let name = state.with::<S, _>(&o.header, |s| ops::iter_type_name(s));
            match vm.interp.iter_types.get(name) {
                Some(t) => t.clone(),
                None => vm.interp.types[&TypeKind::Iterator].clone(),
            }
        }
        _ => vm
            .interp
            .types
            .get(&ops::type_kind(v))
            .unwrap_or(&vm.interp.types[&TypeKind::Object])
            .clone(),
    }
}

/// The classes of an `isinstance`/`issubclass`/`except` argument: one
/// class or a tuple of classes; `message` is the TypeError for anything else.
pub fn class_list<S: LockStrategy>(
    vm: &Vm<S>,
    v: &Value<S>,
    message: &str,
) -> PyResult<S, Vec<ObjRef<S>>> {
    let mut out = Vec::new();
    collect_classes(vm, v, message, &mut out)?;
    Ok(out)
}

/// Tuples of classes nest: `isinstance(x, (int, (str, bytes)))`.
fn collect_classes<S: LockStrategy>(
    vm: &Vm<S>,
    v: &Value<S>,
    message: &str,
    out: &mut Vec<ObjRef<S>>,
) -> PyResult<S, ()> {
    match v {
        Value::Obj(o) if matches!(o.payload(), Payload::Type(_)) => {
            out.push(o.clone());
            Ok(())
        }
        Value::Obj(o) => match o.payload() {
            Payload::Tuple(items) => {
                for item in items.iter() {
                    collect_classes(vm, item, message, out)?;
                }
                Ok(())
            }
            // `isinstance(x, int | str)`: the union's classes.
            _ if crate::types::union::members(v).is_some() => {
                for item in crate::types::union::members(v).unwrap_or_default() {
                    collect_classes(vm, item, message, out)?;
                }
                Ok(())
            }
            _ => Err(vm.type_error(message)),
        },
        _ => Err(vm.type_error(message)),
    }
}

/// Whether type `t` is `class` or derives from it.
pub fn is_subtype<S: LockStrategy>(t: &ObjRef<S>, class: &ObjRef<S>) -> bool {
    t.ptr_eq(class)
        || match t.payload() {
            Payload::Type(ty) => ty.mro.iter().any(|c| c.ptr_eq(class)),
            _ => false,
        }
}

pub(crate) fn builtin_isinstance<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "isinstance", &args, 2, 2)?;
    let t = type_of(vm, &args.pos[0]);
    let classes = class_list(
        vm,
        &args.pos[1],
        "isinstance() arg 2 must be a type, a tuple of types, or a union",
    )?;
    // bool is a subclass of int.
    let is_bool = matches!(args.pos[0], Value::Bool(_));
    for class in &classes {
        if t.ptr_eq(class) {
            return Ok(Value::Bool(true));
        }
        // A metaclass's `__instancecheck__` decides for its classes (an
        // exact type match never asks it, as in CPython).
        let found = match crate::metaclass::check_hook(
            vm,
            class,
            "__instancecheck__",
            &args.pos[0],
        )? {
            Some(answer) => answer,
            None => {
                is_subtype(&t, class)
                    || is_bool
                        && matches!(class.payload(), Payload::Type(ty) if ty.kind == TypeKind::Int)
            }
        };
        if found {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn builtin_id<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "id", &args, 1, 1)?;
    Ok(match &args.pos[0] {
        Value::Obj(o) => Value::Int(o.addr() as i64),
        other => {
            Value::Int(crate::dict::hash_value(other).map_or(0, |h| h as i64 & 0x7fff_ffff_ffff))
        }
    })
}

fn builtin_hash<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "hash", &args, 1, 1)?;
    let v = &args.pos[0];
    Ok(Value::Int(crate::dict::py_hash(vm, v)?))
}

fn builtin_ord<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "ord", &args, 1, 1)?;
    let v = &args.pos[0];
    match v.as_str() {
        Some(s) => {
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Ok(Value::Int(c as i64)),
                _ => Err(vm.type_error(format!(
                    "ord() expected a character, but string of length {} found",
                    s.chars().count()
                ))),
            }
        }
        // A bytes or bytearray of length 1 gives its byte.
        None => match crate::types::bytes::bytes_like(v).filter(|_| {
            matches!(v.payload(), Some(Payload::Bytes(_)))
                || crate::types::downcast::<S, crate::types::bytearray::ByteArray>(v).is_some()
        }) {
            Some(b) if b.len() == 1 => Ok(Value::Int(i64::from(b[0]))),
            Some(b) => Err(vm.type_error(format!(
                "ord() expected a character, but string of length {} found",
                b.len()
            ))),
            None => Err(vm.type_error(format!(
                "ord() expected string of length 1, but {} found",
                type_name(v)
            ))),
        },
    }
}

fn builtin_chr<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "chr", &args, 1, 1)?;
    let i = ops::expect_int(vm, &args.pos[0])?;
    match u32::try_from(i).ok().and_then(char::from_u32) {
        Some(c) => Ok(vm.new_str(c.to_string())),
        None => Err(vm.value_error("chr() arg not in range(0x110000)")),
    }
}

fn builtin_iter<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "iter", &args, 1, 2)?;
    if let Some(sentinel) = args.pos.get(1) {
        if !is_callable(vm, &args.pos[0]) {
            return Err(vm.type_error("iter(v, w): v must be callable"));
        }
        return Ok(Value::Obj(ObjRef::new(Payload::Iter(
            crate::object::ObjCell::new(crate::object::IterState::Callable {
                func: args.pos[0].clone(),
                sentinel: sentinel.clone(),
            }),
        ))));
    }
    ops::get_iter(vm, &args.pos[0])
}

fn builtin_next<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "next", &args, 1, 2)?;
    if let Some(Payload::Generator(g)) = args.pos[0].payload() {
        if !g.is_iterator() {
            return Err(vm.type_error(format!(
                "'{}' object is not an iterator",
                ops::type_name(&args.pos[0])
            )));
        }
        // Keep the generator's return value in the StopIteration.
        return match vm.gen_resume(args.pos[0].obj().expect("generator"), Value::None, None)? {
            crate::vm::GenStep::Yielded(v) => Ok(v),
            crate::vm::GenStep::Returned(r) => match args.pos.get(1) {
                Some(d) => Ok(d.clone()),
                None => {
                    let a: Box<[Value<S>]> = if matches!(r, Value::None) {
                        Box::new([])
                    } else {
                        Box::new([r])
                    };
                    Err(crate::vm::PyErr {
                        exc: crate::interp::new_exception_obj(
                            vm.interp.exceptions["StopIteration"].clone(),
                            a,
                        ),
                    })
                }
            },
        };
    }
    match ops::iter_next(vm, &args.pos[0])? {
        Some(v) => Ok(v),
        None => match args.pos.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(crate::vm::PyErr {
                exc: vm.interp.new_exception("StopIteration", None),
            }),
        },
    }
}

/// Sorts values with Python's `<`, stably, as CPython does: a reverse sort
/// reverses, sorts and reverses back, so equal items keep their order. Any
/// answers from `<` are tolerated; the first error stops the sort and is
/// returned, with `items` unchanged.
pub fn sort_values<S: LockStrategy>(
    vm: &mut Vm<S>,
    items: &mut [Value<S>],
    reverse: bool,
) -> PyResult<S, ()> {
    let order = sorted_order(vm, items, reverse)?;
    crate::sort::apply_order(items, &order);
    Ok(())
}

/// The order that sorts `keys` (see `sort_values`), as indices.
fn sorted_order<S: LockStrategy>(
    vm: &mut Vm<S>,
    keys: &[Value<S>],
    reverse: bool,
) -> PyResult<S, Vec<usize>> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    if reverse {
        order.reverse();
    }
    crate::sort::sort_indices(&mut order, |a, b| ops::less_than(vm, &keys[a], &keys[b]))?;
    if reverse {
        order.reverse();
    }
    Ok(order)
}

fn builtin_sorted<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let reverse = match args.take_kw("reverse") {
        Some(v) => ops::truthy(vm, &v)?,
        None => false,
    };
    let key = args.take_kw("key").filter(|k| !matches!(k, Value::None));
    no_other_keywords(vm, "sort", &args)?;
    arity(vm, "sorted", &args, 1, 1)?;
    let items = ops::iterate(vm, &args.pos[0])?;
    Ok(ops::new_list(sort_with_key(
        vm,
        items,
        key.as_ref(),
        reverse,
    )?))
}

/// Sorts by `key(item)` (or the items themselves), stably, as `sorted` does.
pub fn sort_with_key<S: LockStrategy>(
    vm: &mut Vm<S>,
    items: Vec<Value<S>>,
    key: Option<&Value<S>>,
    reverse: bool,
) -> PyResult<S, Vec<Value<S>>> {
    let Some(key) = key else {
        let mut items = items;
        sort_values(vm, &mut items, reverse)?;
        return Ok(items);
    };
    let mut keys = Vec::with_capacity(items.len());
    for item in &items {
        keys.push(vm.call(key, vec![item.clone()])?);
    }
    let order = sorted_order(vm, &keys, reverse)?;
    Ok(order.into_iter().map(|i| items[i].clone()).collect())
}

fn builtin_format<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "format", &args, 1, 2)?;
    let spec = match args.pos.get(1) {
        None => String::new(),
        Some(s) => ops::expect_str(vm, s, "format() argument 2")?.to_string(),
    };
    let text = crate::fmt::format_value(vm, &args.pos[0], &spec)?;
    Ok(vm.new_str(text))
}

fn builtin_any<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "any", &args, 1, 1)?;
    // Lazily: stop at the first deciding item, as CPython does.
    let it = ops::get_iter(vm, &args.pos[0])?;
    while let Some(v) = ops::iter_next(vm, &it)? {
        if ops::truthy(vm, &v)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn builtin_all<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "all", &args, 1, 1)?;
    // Lazily: stop at the first deciding item, as CPython does.
    let it = ops::get_iter(vm, &args.pos[0])?;
    while let Some(v) = ops::iter_next(vm, &it)? {
        if !ops::truthy(vm, &v)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

fn builtin_divmod<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "divmod", &args, 2, 2)?;
    let (a, b) = (&args.pos[0], &args.pos[1]);
    if crate::types::slots(a).is_some() || crate::types::slots(b).is_some() {
        // No native type defines divmod yet; CPython names the function.
        if ops::binary_op_or_none(vm, crate::code::BinOp::FloorDiv, a, b)?.is_none() {
            return Err(vm.type_error(format!(
                "unsupported operand type(s) for divmod(): '{}' and '{}'",
                type_name(a),
                type_name(b)
            )));
        }
    }
    let q = ops::binary_op(vm, crate::code::BinOp::FloorDiv, a, b)?;
    let r = ops::binary_op(vm, crate::code::BinOp::Mod, a, b)?;
    Ok(ops::new_tuple(vec![q, r]))
}

// ---- constructors of builtin types ----

/// Calling a builtin type object: `int(x)`, `list(it)`, `range(n)`...
pub fn construct<S: LockStrategy>(
    vm: &mut Vm<S>,
    kind: TypeKind,
    type_obj: &ObjRef<S>,
    mut args: Args<S>,
) -> PyResult<S> {
    let name = match type_obj.payload() {
        Payload::Type(t) => t.name.clone(),
        _ => "?".into(),
    };
    match kind {
        TypeKind::Native(native) => (native.spec::<S>().new)(vm, args),
        TypeKind::WeakRef => crate::weakref::new_ref(vm, args),
        TypeKind::Thread => crate::modules::threading::new_thread(vm, args),
        TypeKind::Socket => crate::modules::socket::new_socket(vm, args),
        TypeKind::Module => crate::modules::import::new_module(vm, type_obj, args),
        TypeKind::Queue => crate::modules::queue::new_queue(vm, args),
        TypeKind::NoneType => {
            if !args.pos.is_empty() || !args.kw.is_empty() {
                return Err(vm.type_error("NoneType takes no arguments"));
            }
            Ok(Value::None)
        }
        TypeKind::Int => crate::types::int::construct(vm, args),
        TypeKind::Float => crate::types::float::construct(vm, args),
        TypeKind::Str if args.pos.len() > 1 || !args.kw.is_empty() => str_decode(vm, args),
        TypeKind::Str => {
            arity(vm, "str", &args, 0, 1)?;
            match args.pos.first() {
                None => Ok(vm.new_str("")),
                Some(v) => {
                    let s = to_str(vm, v)?;
                    Ok(vm.new_str(s))
                }
            }
        }
        TypeKind::Bool => {
            arity(vm, "bool", &args, 0, 1)?;
            match args.pos.first() {
                None => Ok(Value::Bool(false)),
                Some(v) => Ok(Value::Bool(ops::truthy(vm, v)?)),
            }
        }
        TypeKind::List => crate::types::list::construct(vm, args),
        TypeKind::Tuple => {
            arity(vm, "tuple", &args, 0, 1)?;
            match args.pos.first() {
                None => Ok(ops::new_tuple(Vec::new())),
                // An exact tuple is its own copy (a subclass instance is not).
                Some(v) if matches!(v.stored(), Some(Payload::Tuple(_))) => Ok(v.clone()),
                Some(v) => Ok(ops::new_tuple(ops::iterate(vm, v)?)),
            }
        }
        TypeKind::Dict => {
            let kw = std::mem::take(&mut args.kw);
            arity(vm, "dict", &args, 0, 1)?;
            let d = ops::new_dict();
            let dobj = d.obj().expect("dict").clone();
            crate::methods::update_dict(vm, &dobj, args.pos.first(), kw)?;
            Ok(d)
        }
        TypeKind::Range => {
            arity(vm, "range", &args, 1, 3)?;
            let mut nums = Vec::new();
            for v in &args.pos {
                let v = ops::as_index(vm, v)?;
                nums.push(ops::to_big(&v).ok_or_else(|| {
                    vm.type_error(format!(
                        "'{}' object cannot be interpreted as an integer",
                        type_name(&v)
                    ))
                })?);
            }
            let mut nums = nums.into_iter();
            let mut next = || nums.next().expect("arity checked");
            let (start, stop, step) = match args.pos.len() {
                1 => (BigInt::zero(), next(), BigInt::from(1)),
                2 => (next(), next(), BigInt::from(1)),
                _ => (next(), next(), next()),
            };
            if step.is_zero() {
                return Err(vm.value_error("range() arg 3 must not be zero"));
            }
            let range = crate::range::BigRange { start, stop, step };
            Ok(Value::Obj(ObjRef::new(range.into_payload())))
        }
        TypeKind::Slice => {
            arity(vm, "slice", &args, 1, 3)?;
            let mut parts = [Value::None, Value::None, Value::None];
            match args.pos.len() {
                1 => parts[1] = args.pos[0].clone(),
                n => parts[..n].clone_from_slice(&args.pos),
            }
            Ok(Value::Obj(ObjRef::new(Payload::Slice(Box::new(parts)))))
        }
        TypeKind::Bytes => crate::types::bytes::construct(vm, args),
        TypeKind::Object => {
            arity(vm, "object", &args, 0, 0)?;
            Ok(Value::Obj(ObjRef::new(Payload::Instance(
                crate::object::InstanceObj::new(type_obj.clone(), None),
            ))))
        }
        TypeKind::Property => builtin_property(vm, args),
        TypeKind::StaticMethod => builtin_staticmethod(vm, args),
        TypeKind::ClassMethod => builtin_classmethod(vm, args),
        TypeKind::Set => crate::sets::construct(vm, args, false),
        TypeKind::FrozenSet => crate::sets::construct(vm, args, true),
        TypeKind::Type if args.pos.len() == 3 => {
            // `type(name, bases, ns)` or `ABCMeta(name, bases, ns)`.
            args.pos.insert(0, Value::Obj(type_obj.clone()));
            let init_args = Args {
                pos: args.pos.clone(),
                kw: args.kw.clone(),
            };
            let class = crate::metaclass::type_new(vm, args)?;
            // As CPython's `type_call`: the class made by the winning
            // metaclass is initialised by its `__init__`.
            let meta = type_of(vm, &class);
            if !meta.ptr_eq(type_obj) {
                if let Some(init) = crate::classes::class_lookup(&meta, &vm.new_str("__init__")) {
                    let mut init_args = init_args;
                    init_args.pos[0] = class.clone();
                    vm.call_args(&init, init_args)?;
                }
            }
            Ok(class)
        }
        TypeKind::Type => {
            if args.pos.len() != 1 || !args.kw.is_empty() {
                return Err(vm.type_error("type() takes 1 or 3 arguments"));
            }
            Ok(Value::Obj(type_of(vm, &args.pos[0])))
        }
        _ => Err(vm.type_error(format!("cannot create '{name}' instances"))),
    }
}

/// `str(object, encoding, errors)`: a bytes-like object decoded (as
/// `re._parser` reads a bytes pattern: `str(pattern, 'latin1')`).
fn str_decode<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let names = ["object", "encoding", "errors"];
    let a = keyword_params(vm, "str", &args.pos, args.kw, &names, 0)?;
    let object = a[0].clone().unwrap_or_else(|| vm.new_str(""));
    if a[1].is_none() && a[2].is_none() {
        let s = to_str(vm, &object)?;
        return Ok(vm.new_str(s));
    }
    if object.as_str().is_some() {
        return Err(vm.type_error("decoding str is not supported"));
    }
    if crate::types::bytes::bytes_like(&object).is_none() {
        return Err(vm.type_error(format!(
            "decoding to str: need a bytes-like object, {} found",
            type_name(&object)
        )));
    }
    let bytes = crate::types::bytes::new_bytes(
        crate::types::bytes::bytes_like(&object)
            .unwrap_or_default()
            .into_owned(),
    );
    let encoding = a[1].clone().unwrap_or_else(|| vm.new_str("utf-8"));
    let errors = a[2].clone().unwrap_or_else(|| vm.new_str("strict"));
    ops::call_method(vm, &bytes, "decode", vec![encoding, errors])
}

/// The arguments of a function that takes them by position or keyword
/// (CPython's Argument Clinic conventions and messages): one slot per
/// name, the first `required` of which must be given.
pub(crate) fn keyword_params<S: LockStrategy>(
    vm: &Vm<S>,
    name: &str,
    pos: &[Value<S>],
    kw: Vec<(String, Value<S>)>,
    names: &[&str],
    required: usize,
) -> PyResult<S, Vec<Option<Value<S>>>> {
    let given = pos.len() + kw.len();
    if given > names.len() {
        return Err(vm.type_error(format!(
            "{name}() takes at most {} argument{} ({given} given)",
            names.len(),
            if names.len() == 1 { "" } else { "s" }
        )));
    }
    let mut slots: Vec<Option<Value<S>>> = vec![None; names.len()];
    for (i, v) in pos.iter().enumerate() {
        slots[i] = Some(v.clone());
    }
    for (k, v) in kw {
        let Some(i) = names.iter().position(|n| *n == k) else {
            return Err(vm.type_error(format!("'{k}' is an invalid keyword argument for {name}()")));
        };
        if slots[i].is_some() {
            return Err(vm.type_error(format!(
                "argument for {name}() given by name ('{k}') and position ({})",
                i + 1
            )));
        }
        slots[i] = Some(v);
    }
    for (i, slot) in slots.iter().enumerate().take(required) {
        if slot.is_none() {
            return Err(vm.type_error(format!(
                "{name}() missing required argument '{}' (pos {})",
                names[i],
                i + 1
            )));
        }
    }
    Ok(slots)
}

/// A str object for a method's receiver (`PyStr`), for methods modules.
pub fn str_payload<S: LockStrategy>(v: &Value<S>) -> Option<&PyStr> {
    match v.payload() {
        Some(Payload::Str(s)) => Some(s),
        _ => None,
    }
}

fn new_iter<S: LockStrategy>(state: crate::object::IterState<S>) -> Value<S> {
    Value::Obj(ObjRef::new(Payload::Iter(crate::object::ObjCell::new(
        state,
    ))))
}

pub(crate) fn builtin_enumerate<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let start = args.take_kw("start");
    if args.pos.is_empty() && args.kw.iter().all(|(k, _)| k != "iterable") {
        return Err(vm.type_error("enumerate() missing required argument 'iterable'"));
    }
    arity(vm, "enumerate", &args, 1, 2)?;
    let count = match start.or_else(|| args.pos.get(1).cloned()) {
        Some(v) => {
            let i = ops::as_index(vm, &v)?;
            match i {
                Value::Bool(b) => Value::Int(b as i64),
                _ if ops::is_int_like(&i) => i,
                _ => {
                    return Err(vm.type_error(format!(
                        "'{}' object cannot be interpreted as an integer",
                        type_name(&i)
                    )))
                }
            }
        }
        None => Value::Int(0),
    };
    let inner = ops::get_iter(vm, &args.pos[0])?;
    Ok(new_iter(crate::object::IterState::Enumerate {
        inner,
        count,
    }))
}

/// `zip(*iterables, strict=False)`.
pub(crate) fn builtin_zip<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let strict = match args.take_kw("strict") {
        Some(v) => ops::truthy(vm, &v)?,
        None => false,
    };
    no_other_keywords(vm, "zip", &args)?;
    let mut inners = Vec::new();
    for a in &args.pos {
        inners.push(ops::get_iter(vm, a)?);
    }
    Ok(new_iter(crate::object::IterState::Zip { inners, strict }))
}

pub(crate) fn builtin_map<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    if !args.kw.is_empty() {
        return Err(vm.type_error("map() takes no keyword arguments"));
    }
    if args.pos.len() < 2 {
        return Err(vm.type_error("map() must have at least two arguments."));
    }
    let mut inners = Vec::new();
    for a in &args.pos[1..] {
        inners.push(ops::get_iter(vm, a)?);
    }
    Ok(new_iter(crate::object::IterState::Map {
        func: args.pos[0].clone(),
        inners,
    }))
}

pub(crate) fn builtin_filter<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "filter", &args, 2, 2)?;
    let inner = ops::get_iter(vm, &args.pos[1])?;
    Ok(new_iter(crate::object::IterState::Filter {
        func: args.pos[0].clone(),
        inner,
    }))
}

/// `reversed(seq)`: the iterator, and whether it is the generic one over
/// a sequence (CPython's `reversed` object) rather than what the object's
/// own `__reversed__` made.
pub(crate) fn builtin_reversed_parts<S: LockStrategy>(
    vm: &mut Vm<S>,
    args: Args<S>,
) -> PyResult<S, (Value<S>, bool)> {
    if !args.kw.is_empty() {
        return Err(vm.type_error("reversed() takes no keyword arguments"));
    }
    arity(vm, "reversed", &args, 1, 1)?;
    if let Some(r) = crate::classes::call_dunder(vm, &args.pos[0], "__reversed__", vec![])? {
        return Ok((r, false));
    }
    let v = &args.pos[0];
    // A native type's own `__reversed__` (`deque`'s iterator).
    if let Some(Payload::Native(n)) = v.payload() {
        let kind = crate::object::TypeKind::Native(n.kind());
        if let Some(f) = vm.interp.methods.get(&(kind, "__reversed__")).cloned() {
            return Ok((vm.call(&f, vec![v.clone()])?, false));
        }
    }
    let ok = matches!(
        v.payload(),
        Some(
            Payload::List(_)
                | Payload::Tuple(_)
                | Payload::Str(_)
                | Payload::Range(_)
                | Payload::BigRange(_)
                | Payload::Bytes(_)
                | Payload::Dict(_)
                | Payload::DictView(..)
        )
    ) || crate::classes::user_class_of(v).is_some();
    if !ok {
        return Err(vm.type_error(format!("'{}' object is not reversible", type_name(v))));
    }
    // Those with a `__reversed__` of their own in CPython.
    let own = matches!(
        v.payload(),
        Some(
            Payload::List(_)
                | Payload::Range(_)
                | Payload::BigRange(_)
                | Payload::Dict(_)
                | Payload::DictView(..)
        )
    );
    // `list.__reversed__` reads the list itself, even a subclass's that
    // overrides `__iter__`.
    let mut items = match v.payload() {
        Some(Payload::List(_)) => ops::list_snapshot(v),
        _ => ops::iterate(vm, v)?,
    };
    items.reverse();
    // Named as CPython's iterator of the reversed type
    // (`list_reverseiterator`...).
    use crate::object::{DictViewKind, IterState, SeqIterOf};
    let of = match v.payload() {
        Some(Payload::List(_)) => SeqIterOf::ReversedList,
        Some(Payload::Range(_)) => SeqIterOf::ReversedRange,
        Some(Payload::BigRange(_)) => SeqIterOf::ReversedBigRange,
        Some(Payload::Dict(_)) => SeqIterOf::ReversedDict(DictViewKind::Keys),
        Some(Payload::DictView(kind, _)) => SeqIterOf::ReversedDict(*kind),
        _ => SeqIterOf::Itself,
    };
    let Value::Obj(seq) = ops::new_tuple(items) else {
        unreachable!("tuples are objects")
    };
    let state = IterState::Seq { seq, index: 0, of };
    let it = Value::Obj(ObjRef::new(Payload::Iter(crate::object::ObjCell::new(
        state,
    ))));
    Ok((it, !own))
}

fn builtin_dir<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "dir", &args, 0, 1)?;
    if args.pos.is_empty() {
        // The names of the current namespace, sorted.
        let ns = crate::dynamic::current_namespace(vm, "dir()")?;
        let mut names: Vec<String> = ops::dict_items(&Value::Obj(ns))
            .into_iter()
            .filter_map(|(k, _)| k.as_str().map(str::to_owned))
            .collect();
        names.sort();
        return Ok(ops::new_list(
            names.into_iter().map(|n| vm.new_str(n)).collect(),
        ));
    }
    let v = &args.pos[0];
    let mut names: Vec<String> = Vec::new();
    let add_dict = |d: &ObjRef<S>, names: &mut Vec<String>| {
        for (k, _) in ops::dict_items(&Value::Obj(d.clone())) {
            if let Some(s) = k.as_str() {
                names.push(s.to_string());
            }
        }
    };
    if let Some(d) = v.obj().and_then(crate::classes::instance_dict) {
        add_dict(&d, &mut names);
    }
    let class = match v.payload() {
        Some(Payload::Type(_)) => v.obj().cloned(),
        _ => Some(type_of(vm, v)),
    };
    if let Some(c) = class {
        if let Some(t) = crate::classes::type_obj(&c) {
            for k in std::iter::once(&c).chain(t.mro.iter()) {
                if let Some(d) = crate::classes::type_obj(k).and_then(|t| t.dict.clone()) {
                    add_dict(&d, &mut names);
                }
            }
            // The methods of the builtin types in the MRO (`object`'s
            // last), each as the value's type resolves it.
            let kind = t.kind;
            let mut kinds = vec![kind];
            if !matches!(v.payload(), Some(Payload::Module(_))) {
                for k in std::iter::once(&c).chain(t.mro.iter()) {
                    match crate::classes::type_obj(k) {
                        Some(bt) if bt.dict.is_none() && !kinds.contains(&bt.kind) => {
                            kinds.push(bt.kind)
                        }
                        _ => {}
                    }
                }
            }
            let methods = &vm.interp.methods;
            for (k, name) in methods.keys() {
                let visible = *k == kind
                    || (kinds.contains(k)
                        && (*k != TypeKind::Object
                            || crate::slot_wrappers::inherits_from_object(kind, name)));
                if visible {
                    names.push(name.to_string());
                }
            }
            for k in kinds {
                names.extend(
                    crate::slot_wrappers::data_attrs(k)
                        .iter()
                        .map(|n| n.to_string()),
                );
            }
        }
    }
    if let Some(Payload::Module(m)) = v.payload() {
        add_dict(&m.dict, &mut names);
    }
    names.sort();
    names.dedup();
    Ok(ops::new_list(
        names.into_iter().map(|n| vm.new_str(n)).collect(),
    ))
}

fn radix<S: LockStrategy>(
    vm: &mut Vm<S>,
    args: Args<S>,
    name: &str,
    prefix: &str,
    base: u32,
) -> PyResult<S> {
    arity(vm, name, &args, 1, 1)?;
    let value = ops::as_index(vm, &args.pos[0])?;
    let Some(n) = ops::to_big(&value) else {
        return Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(&args.pos[0])
        )));
    };
    let digits = n.abs().to_str_radix(base);
    let sign = if n.is_negative() { "-" } else { "" };
    Ok(vm.new_str(format!("{sign}{prefix}{digits}")))
}

fn builtin_hex<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    radix(vm, args, "hex", "0x", 16)
}

fn builtin_oct<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    radix(vm, args, "oct", "0o", 8)
}

fn builtin_bin<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    radix(vm, args, "bin", "0b", 2)
}

fn builtin_ascii<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "ascii", &args, 1, 1)?;
    crate::fmt::convert(vm, args.pos[0].clone(), 3)
}

fn builtin_pow<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "pow", &args, 2, 3)?;
    let (b, e) = (&args.pos[0], &args.pos[1]);
    match args.pos.get(2) {
        None => ops::binary_op(vm, crate::code::BinOp::Pow, b, e),
        Some(m) => {
            if [b, e, m]
                .iter()
                .any(|v| crate::types::downcast::<S, crate::types::complex::Complex>(v).is_some())
            {
                return Err(vm.value_error("complex modulo"));
            }
            let (Some(b), Some(e), Some(m)) = (ops::to_big(b), ops::to_big(e), ops::to_big(m))
            else {
                return Err(vm.type_error(
                    "pow() 3rd argument not allowed unless all arguments are integers",
                ));
            };
            if m.is_zero() {
                return Err(vm.value_error("pow() 3rd argument cannot be 0"));
            }
            if num_traits::One::is_one(m.magnitude()) {
                return Ok(Value::Int(0));
            }
            // A negative exponent raises the modular inverse to `-e`.
            let (b, e) = if e.is_negative() {
                match b.modinv(&m) {
                    Some(inverse) => (inverse, -e),
                    None => {
                        return Err(vm.value_error("base is not invertible for the given modulus"))
                    }
                }
            } else {
                (b, e)
            };
            let r = b.modpow(&e, &m);
            // Python's result has the sign of the modulus.
            let r = if !r.is_zero() && (r.is_negative() != m.is_negative()) {
                r + &m
            } else {
                r
            };
            Ok(ops::int_from_big(r))
        }
    }
}

/// `C.mro()`: the class and its MRO, as a list.
fn class_mro<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "mro", &args, 1, 1)?;
    let Some(class) = args.pos[0]
        .obj()
        .filter(|o| matches!(o.payload(), Payload::Type(_)))
    else {
        return Err(vm.type_error("descriptor 'mro' requires a 'type' object"));
    };
    let t = crate::classes::type_obj(class).expect("class");
    let mut items = vec![args.pos[0].clone()];
    items.extend(t.mro.iter().cloned().map(Value::Obj));
    Ok(ops::new_list(items))
}
