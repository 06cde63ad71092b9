//! User-defined classes: creation with the C3 method resolution order,
//! instances, attribute lookup through descriptors (methods, `property`,
//! `staticmethod`, `classmethod`), `super()`, and calling dunder methods.

use crate::interp::new_exception_obj;
use crate::object::{InstanceObj, ObjRef, Payload, PyDict, TypeKind, TypeObj, Value};
use crate::ops::{self, dict_get, type_name};
use crate::strategy::LockStrategy;
use crate::sync::Ordering;
use crate::vm::{Args, PyResult, Vm};

/// The class of a type object, or None.
pub fn type_obj<S: LockStrategy>(o: &ObjRef<S>) -> Option<&TypeObj<S>> {
    match o.payload() {
        Payload::Type(t) => Some(t),
        _ => None,
    }
}

/// The C3 linearisation of a class with these bases (the class itself
/// excluded), or CPython's TypeError.
pub fn c3_mro<S: LockStrategy>(vm: &Vm<S>, bases: &[ObjRef<S>]) -> PyResult<S, Vec<ObjRef<S>>> {
    // Each base's own linearisation (itself first), then the bases list.
    let mut seqs: Vec<Vec<ObjRef<S>>> = bases
        .iter()
        .map(|b| {
            let mut l = vec![b.clone()];
            if let Some(t) = type_obj(b) {
                l.extend(t.mro.iter().cloned());
            }
            l
        })
        .collect();
    seqs.push(bases.to_vec());
    let mut out = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        // The first head that is in no other sequence's tail.
        let head = seqs
            .iter()
            .map(|s| s[0].clone())
            .find(|h| !seqs.iter().any(|s| s[1..].iter().any(|x| x.ptr_eq(h))));
        let Some(head) = head else {
            // CPython names the heads that could not be merged.
            let mut heads: Vec<ObjRef<S>> = Vec::new();
            for s in &seqs {
                if !heads.iter().any(|h| h.ptr_eq(&s[0])) {
                    heads.push(s[0].clone());
                }
            }
            let names: Vec<String> = heads
                .iter()
                .map(|b| type_obj(b).map(|t| t.name.clone()).unwrap_or_default())
                .collect();
            return Err(vm.type_error(format!(
                "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                names.join(", ")
            )));
        };
        for s in seqs.iter_mut() {
            if s[0].ptr_eq(&head) {
                s.remove(0);
            }
        }
        out.push(head);
    }
}

/// Creates a class from its name, bases and the namespace its body filled.
pub fn build_class<S: LockStrategy>(
    vm: &mut Vm<S>,
    name: &str,
    bases: Vec<Value<S>>,
    namespace: ObjRef<S>,
    metaclass: Option<Value<S>>,
) -> PyResult<S> {
    let abc_meta = vm.interp.abc_meta();
    // The metaclass is recorded in the class (for `type(cls)`) unless it
    // is `type` itself: a user metaclass (`class M(type)`), or ABCMeta.
    let mut recorded_meta = None;
    if let Some(m) = &metaclass {
        let is_abc = matches!((m, &abc_meta), (Value::Obj(a), Value::Obj(b)) if a.ptr_eq(b));
        let is_type = matches!(m.payload(), Some(Payload::Type(t)) if t.kind == TypeKind::Type);
        match m.obj() {
            Some(o) if is_abc || crate::metaclass::is_user_metaclass(vm, o) => {
                recorded_meta = Some(o.clone())
            }
            _ if is_type => {}
            _ => return Err(vm.type_error("metaclass must be a subclass of type")),
        }
    }
    let mut base_objs = Vec::new();
    for b in bases {
        match b {
            Value::Obj(o) if type_obj(&o).is_some() => base_objs.push(o),
            other => {
                return Err(vm.type_error(format!("bases must be types, not {}", type_name(&other))))
            }
        }
    }
    for (i, b) in base_objs.iter().enumerate() {
        if base_objs[..i].iter().any(|x| x.ptr_eq(b)) {
            let n = type_obj(b).map(|t| t.name.clone()).unwrap_or_default();
            return Err(vm.type_error(format!("duplicate base class {n}")));
        }
    }
    let object = vm.interp.types[&TypeKind::Object].clone();
    if base_objs.is_empty() {
        base_objs.push(object);
    }
    let mro = c3_mro(vm, &base_objs)?;
    crate::subclass::check_bases(vm, &mro)?;
    // Instances are exceptions if any base is an exception class.
    let kind = if mro
        .iter()
        .any(|c| type_obj(c).is_some_and(|t| t.kind == TypeKind::Exception))
    {
        TypeKind::Exception
    } else {
        TypeKind::Instance
    };
    let class_cell = ops::dict_del(vm, &namespace, &vm.new_str("__classcell__"))?;
    // `__qualname__` goes from the namespace into the type, as CPython's
    // type_new takes it.
    let qualname = match ops::dict_del(vm, &namespace, &vm.new_str("__qualname__"))? {
        None => name.to_string(),
        Some(q) => match q.as_str() {
            Some(q) => q.to_string(),
            None => {
                return Err(vm.type_error(format!(
                    "type __qualname__ must be a str, not {}",
                    type_name(&q)
                )))
            }
        },
    };
    // `__new__` is a static method even without the decorator, and
    // `__init_subclass__` a class method.
    if let Some(new) = dict_get(&namespace, &vm.new_str("__new__")) {
        if matches!(new.payload(), Some(Payload::Function(_))) {
            let wrapped = Value::Obj(ObjRef::new(Payload::StaticMethod(new)));
            ops::dict_set(vm, &namespace, vm.new_str("__new__"), wrapped)?;
        }
    }
    if let Some(hook) = dict_get(&namespace, &vm.new_str("__init_subclass__")) {
        if matches!(hook.payload(), Some(Payload::Function(_))) {
            let wrapped = Value::Obj(ObjRef::new(Payload::ClassMethod(hook)));
            ops::dict_set(vm, &namespace, vm.new_str("__init_subclass__"), wrapped)?;
        }
    }
    // A class that defines `__eq__` without `__hash__` is unhashable.
    if dict_get(&namespace, &vm.new_str("__eq__")).is_some()
        && dict_get(&namespace, &vm.new_str("__hash__")).is_none()
    {
        let key = vm.new_str("__hash__");
        ops::dict_set(vm, &namespace, key, Value::None)?;
    }
    // Every class has a `__doc__`: None without a docstring, as CPython's
    // type_new sets it.
    let doc_key = vm.new_str("__doc__");
    if dict_get(&namespace, &doc_key).is_none() {
        ops::dict_set(vm, &namespace, doc_key, Value::None)?;
    }
    let slots = slot_names(vm, &namespace, &mro)?;
    let hook_key = vm.new_str("__getattribute__");
    let getattribute_hook = dict_get(&namespace, &hook_key).is_some()
        || mro
            .iter()
            .any(|c| type_obj(c).is_some_and(|t| t.getattribute_hook.load(Ordering::Relaxed)));
    let new_hook = dict_get(&namespace, &vm.new_str("__new__")).is_some()
        || mro
            .iter()
            .any(|c| type_obj(c).is_some_and(|t| t.new_hook.load(Ordering::Relaxed)));
    let class = vm.interp.alloc_shared(Payload::Type(Box::new(TypeObj {
        qualname,
        slots,
        getattribute_hook: getattribute_hook.into(),
        new_hook: new_hook.into(),
        metaclass: recorded_meta,
        ..TypeObj::new(
            name,
            kind,
            base_objs.into_boxed_slice(),
            mro.into_boxed_slice(),
            Some(namespace),
        )
    })));
    register_subclass(&class);
    if let Some(t) = type_obj(&class) {
        for (name, flag) in [("__del__", &t.has_del), ("__setattr__", &t.setattr_hook)] {
            if class_lookup(&class, &vm.new_str(name)).is_some() {
                flag.store(true, crate::sync::Ordering::Relaxed);
            }
        }
    }
    // Abstract classes (ABCMeta, or a base with abstract methods): record
    // which abstract methods are still not overridden.
    let uses_abc = matches!((&metaclass, &abc_meta), (Some(Value::Obj(a)), Value::Obj(b)) if crate::builtins::is_subtype(a, b))
        || type_obj(&class).is_some_and(|t| {
            t.mro
                .iter()
                .any(|c| class_lookup(c, &vm.new_str("__abstractmethods__")).is_some())
        });
    if uses_abc {
        let mut abstract_names = Vec::new();
        let mut candidates: Vec<Value<S>> = Vec::new();
        let ns = type_obj(&class)
            .and_then(|t| t.dict.clone())
            .expect("user class");
        candidates.extend(
            ops::dict_items(&Value::Obj(ns.clone()))
                .into_iter()
                .map(|(k, _)| k),
        );
        for b in type_obj(&class).expect("class").bases.iter() {
            if let Some(names) = class_lookup(b, &vm.new_str("__abstractmethods__")) {
                candidates.extend(ops::iterate(vm, &names)?);
            }
        }
        for name in candidates {
            if let Some(attr) = class_lookup(&class, &name) {
                if is_abstract(vm, &attr)
                    && !abstract_names
                        .iter()
                        .any(|n: &Value<S>| n.as_str() == name.as_str())
                {
                    abstract_names.push(name);
                }
            }
        }
        ops::dict_set(
            vm,
            &ns,
            vm.new_str("__abstractmethods__"),
            ops::new_tuple(abstract_names),
        )?;
    }
    // Methods that use `super()` see the class through this cell.
    if let Some(Value::Obj(cell)) = class_cell {
        if let Payload::Cell(c) = cell.payload() {
            let old = c.with::<S, _>(&cell.header, |v| v.replace(Value::Obj(class.clone())));
            drop(old);
        }
    }
    // Descriptors learn the class and the name they were bound to.
    let ns = type_obj(&class)
        .and_then(|t| t.dict.clone())
        .expect("user class");
    for (attr_name, value) in ops::dict_items(&Value::Obj(ns)) {
        if let Some(set_name) = descriptor_method(vm, &value, "__set_name__") {
            vm.call(&set_name, vec![value, Value::Obj(class.clone()), attr_name])?;
        }
    }
    Ok(Value::Obj(class))
}

/// The attribute names that `__slots__` allows instances of a new class
/// (its own namespace, then its MRO), or `None` when instances have a
/// `__dict__`: some user class in the MRO has no `__slots__`, or lists
/// `__dict__`.
fn slot_names<S: LockStrategy>(
    vm: &mut Vm<S>,
    namespace: &ObjRef<S>,
    mro: &[ObjRef<S>],
) -> PyResult<S, Option<Box<[String]>>> {
    let key = vm.new_str("__slots__");
    let Some(own) = dict_get(namespace, &key) else {
        return Ok(None);
    };
    let mut names = Vec::new();
    let declared = match own.as_str() {
        Some(single) => vec![vm.new_str(single)],
        None => ops::iterate(vm, &own)?,
    };
    for name in declared {
        let Some(name) = name.as_str() else {
            return Err(vm.type_error(format!(
                "__slots__ items must be strings, not '{}'",
                type_name(&name)
            )));
        };
        names.push(name.to_string());
    }
    for base in mro {
        let Some(t) = type_obj(base) else { continue };
        let Some(dict) = &t.dict else { continue };
        if dict_get(dict, &key).is_none() {
            return Ok(None);
        }
        names.extend(t.slots.iter().flat_map(|s| s.iter().cloned()));
    }
    if names.iter().any(|n| n == "__dict__") {
        return Ok(None);
    }
    Ok(Some(names.into_boxed_slice()))
}

/// An instance's `__dict__` as Python sees it: none for classes with
/// `__slots__`.
pub fn visible_instance_dict<S: LockStrategy>(obj: &ObjRef<S>) -> Option<ObjRef<S>> {
    if let Payload::Instance(i) = obj.stored() {
        // With `__slots__`, or an instance of `object` itself.
        if type_obj(&i.class.get()).is_some_and(|t| t.slots.is_some() || t.dict.is_none()) {
            return None;
        }
    }
    instance_dict(obj)
}

/// PEP 487: after a `class` statement, the nearest `__init_subclass__` of
/// the new class's bases (an implicit class method) runs with the class and
/// the class keywords; `object`'s accepts no keywords.
pub fn init_subclass<S: LockStrategy>(
    vm: &mut Vm<S>,
    class: &Value<S>,
    keywords: Vec<(String, Value<S>)>,
) -> PyResult<S, ()> {
    let Some(class_obj) = class.obj().filter(|c| type_obj(c).is_some()) else {
        return Ok(());
    };
    let t = type_obj(class_obj).expect("a class");
    let key = vm.new_str("__init_subclass__");
    let hook = t
        .mro
        .iter()
        .find_map(|c| type_obj(c)?.dict.as_ref().and_then(|d| dict_get(d, &key)));
    match hook {
        Some(hook) => {
            let f = match hook.payload() {
                Some(Payload::ClassMethod(f)) => f.clone(),
                _ => hook,
            };
            vm.call_args(
                &f,
                Args {
                    pos: vec![class.clone()],
                    kw: keywords,
                },
            )?;
        }
        None => object_init_subclass_check(vm, class_obj, &keywords)?,
    }
    Ok(())
}

/// `object.__init_subclass__`: does nothing, and takes no keywords.
fn object_init_subclass_check<S: LockStrategy>(
    vm: &Vm<S>,
    class: &ObjRef<S>,
    keywords: &[(String, Value<S>)],
) -> PyResult<S, ()> {
    if keywords.is_empty() {
        return Ok(());
    }
    let name = type_obj(class).map(|t| t.name.clone()).unwrap_or_default();
    Err(vm.type_error(format!(
        "{name}.__init_subclass__() takes no keyword arguments"
    )))
}

/// `object.__init_subclass__(cls, **kw)`, reached through `super()`.
pub fn object_init_subclass<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    if let Some(class) = args.pos.first().and_then(|c| c.obj()) {
        object_init_subclass_check(vm, class, &args.kw)?;
    }
    Ok(Value::None)
}

/// A method of a class attribute's own class, when the attribute is an
/// instance of a user class: `__get__`, `__set__`, `__delete__`,
/// `__set_name__` make it a descriptor (CPython's `tp_descr_get` and
/// `tp_descr_set` slots).
fn descriptor_method<S: LockStrategy>(vm: &Vm<S>, attr: &Value<S>, name: &str) -> Option<Value<S>> {
    let class = user_class_of(attr)?;
    class_lookup(&class, &vm.new_str(name))
}

/// A data descriptor takes precedence over the instance dict: a property,
/// or a user descriptor with `__set__` or `__delete__`.
pub(crate) fn is_data_descriptor<S: LockStrategy>(vm: &Vm<S>, attr: &Value<S>) -> bool {
    if matches!(attr.payload(), Some(Payload::Property(..))) {
        return true;
    }
    let Some(class) = user_class_of(attr) else {
        return false;
    };
    ["__set__", "__delete__"]
        .iter()
        .any(|name| class_lookup(&class, &vm.new_str(*name)).is_some())
}

/// Looks `name` up in a class and its MRO.
pub fn class_lookup<S: LockStrategy>(class: &ObjRef<S>, name: &Value<S>) -> Option<Value<S>> {
    let t = type_obj(class)?;
    std::iter::once(class)
        .chain(t.mro.iter())
        .find_map(|c| type_obj(c)?.dict.as_ref().and_then(|d| dict_get(d, name)))
}

/// The `__dict__` of an instance (user class, or user exception class).
/// An instance's attributes move into it the first time it is asked for
/// (see [`crate::instance_attrs`]).
pub fn instance_dict<S: LockStrategy>(o: &ObjRef<S>) -> Option<ObjRef<S>> {
    match o.stored() {
        Payload::Instance(i) => Some(i.dict(&o.header)),
        Payload::Exception(e) => e.dict.clone(),
        Payload::Module(m) => Some(m.dict.clone()),
        _ => None,
    }
}

/// The attribute `name` of an instance itself (its own, not its class's):
/// what `instance_dict(o)[name]` would find, without making the dict.
pub fn instance_own_attr<S: LockStrategy>(o: &ObjRef<S>, name: &Value<S>) -> Option<Value<S>> {
    match o.stored() {
        Payload::Instance(i) => i.get_attr(&o.header, name),
        Payload::Exception(e) => e.dict.as_ref().and_then(|d| dict_get(d, name)),
        Payload::Module(m) => dict_get(&m.dict, name),
        _ => None,
    }
}

/// Whether `v` is an instance of a user subclass of a builtin type (`class
/// Stack(list)`) whose classes do not define `name`: the builtin base's
/// behaviour then applies, as CPython's inherited slot does.
pub fn builtin_behaviour<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>, name: &str) -> bool {
    match v.stored() {
        Some(Payload::Instance(InstanceObj {
            class,
            base: Some(_),
            ..
        })) => class_lookup(&class.get(), &vm.new_str(name)).is_none(),
        _ => false,
    }
}

/// Whether `v` is an instance of a user class that derives from a builtin
/// type (see [`crate::subclass`]): where its class defines no dunder for an
/// operation, the builtin base's behaviour applies.
#[inline]
pub fn has_native_base<S: LockStrategy>(v: &Value<S>) -> bool {
    matches!(
        v.stored(),
        Some(Payload::Instance(InstanceObj { base: Some(_), .. }))
    )
}

/// The class of an instance of a user-defined class (None otherwise).
pub fn user_class_of<S: LockStrategy>(v: &Value<S>) -> Option<ObjRef<S>> {
    match v.stored()? {
        Payload::Instance(i) => Some(i.class.get().clone()),
        Payload::Exception(e) if type_obj(&e.class.get()).is_some_and(|t| t.dict.is_some()) => {
            Some(e.class.get().clone())
        }
        Payload::Module(m) if type_obj(&m.class.get()).is_some_and(|t| t.dict.is_some()) => {
            Some(m.class.get().clone())
        }
        _ => None,
    }
}

/// Binds a class attribute found for `obj` (functions become bound methods,
/// properties call their getter...).
pub(crate) fn bind<S: LockStrategy>(
    vm: &mut Vm<S>,
    attr: Value<S>,
    obj: &Value<S>,
    class: &ObjRef<S>,
) -> PyResult<S> {
    Ok(match attr.payload() {
        Some(Payload::Function(_)) => {
            Value::Obj(ObjRef::new(Payload::BoundMethod(obj.clone(), attr)))
        }
        Some(Payload::Builtin(b)) if b.method => {
            Value::Obj(ObjRef::new(Payload::BoundMethod(obj.clone(), attr)))
        }
        Some(Payload::StaticMethod(f)) => f.clone(),
        Some(Payload::ClassMethod(f)) => Value::Obj(ObjRef::new(Payload::BoundMethod(
            Value::Obj(class.clone()),
            f.clone(),
        ))),
        Some(Payload::Property(p)) => {
            let getter = p.fget.clone();
            if matches!(getter, Value::None) {
                return Err(vm.new_error("AttributeError", "unreadable attribute"));
            }
            vm.call(&getter, vec![obj.clone()])?
        }
        _ => match descriptor_method(vm, &attr, "__get__") {
            Some(get) => vm.call(&get, vec![attr, obj.clone(), Value::Obj(class.clone())])?,
            None => attr,
        },
    })
}

/// Attribute lookup on an instance of a user class: its `__getattribute__`
/// if it has one, else the default lookup; then `__getattr__` when the
/// attribute is missing.
pub fn instance_getattr<S: LockStrategy>(
    vm: &mut Vm<S>,
    obj: &Value<S>,
    name: &ObjRef<S>,
) -> PyResult<S, Option<Value<S>>> {
    let Some(class) = user_class_of(obj) else {
        // The methods of a builtin exception group.
        if matches!(obj.payload(), Some(Payload::Exception(_))) {
            return Ok(crate::exceptions::group_method(vm, obj, name_str(name)));
        }
        return Ok(None);
    };
    let key = Value::Obj(name.clone());
    let hook = match type_obj(&class).is_some_and(|t| t.getattribute_hook.load(Ordering::Relaxed)) {
        // (Gone if the program deleted it from the class since.)
        true => class_lookup(&class, &vm.new_str("__getattribute__")),
        false => None,
    };
    let found = if let Some(hook) = hook {
        match vm.call(&hook, vec![obj.clone(), key.clone()]) {
            Ok(v) => return Ok(Some(v)),
            Err(e) if crate::exceptions::is_attribute_error(vm, &e) => {
                match class_lookup(&class, &vm.new_str("__getattr__")) {
                    Some(getattr) => return vm.call(&getattr, vec![obj.clone(), key]).map(Some),
                    None => return Err(e),
                }
            }
            Err(e) => return Err(e),
        }
    } else {
        generic_instance_getattr(vm, obj, &class, &key)?
    };
    if found.is_some() {
        return Ok(found);
    }
    if let Some(m) = crate::exceptions::group_method(vm, obj, name_str(name)) {
        return Ok(Some(m));
    }
    if let Some(getattr) = class_lookup(&class, &vm.new_str("__getattr__")) {
        return vm.call(&getattr, vec![obj.clone(), key]).map(Some);
    }
    Ok(None)
}

/// `object.__getattribute__(obj, name)`: the default lookup, for a user
/// `__getattribute__` to fall back on.
pub fn object_getattribute<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    crate::builtins::arity(vm, "__getattribute__", &args, 2, 2)?;
    let (obj, name) = (&args.pos[0], &args.pos[1]);
    let Some(name_ref) = name
        .obj()
        .filter(|n| matches!(n.payload(), Payload::Str(_)))
    else {
        return Err(vm.type_error(format!(
            "attribute name must be string, not '{}'",
            type_name(name)
        )));
    };
    if let Some(class) = user_class_of(obj) {
        if let Some(v) = generic_instance_getattr(vm, obj, &class, name)? {
            return Ok(v);
        }
    }
    ops::get_attr_builtin(vm, obj, name_ref)
}

/// The default attribute lookup on an instance of a user class: data
/// descriptors, the instance dict, then class attributes.
fn generic_instance_getattr<S: LockStrategy>(
    vm: &mut Vm<S>,
    obj: &Value<S>,
    class: &ObjRef<S>,
    key: &Value<S>,
) -> PyResult<S, Option<Value<S>>> {
    match key.as_str() {
        Some("__dict__") => {
            if let Some(d) = obj.obj().and_then(visible_instance_dict) {
                return Ok(Some(Value::Obj(d)));
            }
        }
        Some("__class__") => return Ok(Some(Value::Obj(class.clone()))),
        _ => {}
    }
    let class_attr = class_lookup(class, key);
    if let Some(attr) = &class_attr {
        if is_data_descriptor(vm, attr) {
            return bind(vm, attr.clone(), obj, class).map(Some);
        }
    }
    if let Some(v) = obj.obj().and_then(|o| instance_own_attr(o, key)) {
        return Ok(Some(v));
    }
    if let Some(attr) = class_attr {
        return bind(vm, attr, obj, class).map(Some);
    }
    Ok(None)
}

/// Attribute lookup on a user class object.
pub fn class_getattr<S: LockStrategy>(
    vm: &mut Vm<S>,
    class: &ObjRef<S>,
    name: &str,
) -> PyResult<S, Option<Value<S>>> {
    let t = type_obj(class).expect("a class");
    match name {
        "__name__" => return Ok(Some(vm.new_str(class_names(class, t).0))),
        "__qualname__" => return Ok(Some(vm.new_str(class_names(class, t).1))),
        "__mro__" => {
            let mut items = vec![Value::Obj(class.clone())];
            items.extend(t.mro.iter().cloned().map(Value::Obj));
            return Ok(Some(ops::new_tuple(items)));
        }
        "__bases__" => {
            return Ok(Some(ops::new_tuple(
                t.bases.iter().cloned().map(Value::Obj).collect(),
            )))
        }
        // The first base now (`__bases__` may have been assigned).
        "__base__" => {
            return Ok(Some(
                t.bases
                    .first()
                    .cloned()
                    .map(Value::Obj)
                    .unwrap_or(Value::None),
            ))
        }
        "mro" => {
            let f = vm.interp.mro_method();
            return Ok(Some(Value::Obj(ObjRef::new(Payload::BoundMethod(
                Value::Obj(class.clone()),
                f,
            )))));
        }
        "__dict__" => {
            if let Some(d) = &t.dict {
                // Read-only, as CPython's: writes go through setattr, which
                // keeps the class's slots current.
                return Ok(Some(crate::types::mappingproxy::new_proxy(Value::Obj(
                    d.clone(),
                ))));
            }
        }
        _ => {}
    }
    if t.metaclass.is_some() {
        if let Some(v) = crate::metaclass::meta_data_descriptor(vm, class, name)? {
            return Ok(Some(v));
        }
    }
    let key = vm.new_str(name);
    let Some(found) = class_lookup(class, &key) else {
        if t.metaclass.is_some() {
            if let Some(v) = crate::metaclass::class_attr_from_meta(vm, class, name)? {
                return Ok(Some(v));
            }
        }
        // What the class inherits from its builtin base (`Stack.append`
        // for `class Stack(list)`), as the base type itself gives it.
        if let Some(kind) = crate::subclass::native_base(class) {
            // `I.from_bytes(...)`: the alternate constructors make an
            // instance of the subclass, as CPython's class methods do.
            if let Some(f) = crate::subclass::alternate_constructor::<S>(kind, name) {
                let f = ObjRef::new(Payload::Builtin(crate::object::Builtin {
                    name: name.to_string().into(),
                    func: crate::object::NativeCode::Fn(f),
                    releases_gil: false,
                    method: false,
                }));
                return Ok(Some(Value::Obj(ObjRef::new(Payload::BoundMethod(
                    Value::Obj(class.clone()),
                    Value::Obj(f),
                )))));
            }
            if vm.interp.methods.contains_key(&(kind, name)) {
                let base_name = type_obj(&vm.interp.types[&kind])
                    .map(|t| t.name.clone())
                    .unwrap_or_default();
                return Ok(Some(ops::unbound_method(vm, kind, &base_name, name)));
            }
        }
        // What every class inherits from `object` (`__eq__`, ...).
        return Ok(vm.interp.methods.get(&(TypeKind::Object, name)).cloned());
    };
    Ok(Some(match found.payload() {
        Some(Payload::StaticMethod(f)) => f.clone(),
        Some(Payload::ClassMethod(f)) => Value::Obj(ObjRef::new(Payload::BoundMethod(
            Value::Obj(class.clone()),
            f.clone(),
        ))),
        _ => match descriptor_method(vm, &found, "__get__") {
            Some(get) => vm.call(&get, vec![found, Value::None, Value::Obj(class.clone())])?,
            None => found,
        },
    }))
}

/// `super(class, obj).name`: the MRO of obj's class after `class`.
pub fn super_getattr<S: LockStrategy>(
    vm: &mut Vm<S>,
    start: &ObjRef<S>,
    obj: &Value<S>,
    name: &str,
) -> PyResult<S, Option<Value<S>>> {
    // `super(C, cls)` in a class method walks cls's MRO; `super(M, cls)`
    // in a metaclass method (cls an instance of M, not a subclass) walks
    // the metaclass's.
    let obj_class = match obj.obj() {
        Some(o)
            if matches!(o.payload(), Payload::Type(_)) && crate::builtins::is_subtype(o, start) =>
        {
            o.clone()
        }
        _ => crate::builtins::type_of(vm, obj),
    };
    let Some(t) = type_obj(&obj_class) else {
        return Ok(None);
    };
    let full: Vec<ObjRef<S>> = std::iter::once(obj_class.clone())
        .chain(t.mro.iter().cloned())
        .collect();
    let after = full
        .iter()
        .position(|c| c.ptr_eq(start))
        .map(|i| i + 1)
        .unwrap_or(full.len());
    let key = vm.new_str(name);
    for c in &full[after..] {
        let ct = type_obj(c).expect("a class");
        if let Some(attr) = ct.dict.as_ref().and_then(|d| dict_get(d, &key)) {
            let is_class = matches!(obj.payload(), Some(Payload::Type(_)));
            return Ok(Some(match attr.payload() {
                Some(Payload::Function(_)) if !is_class => {
                    Value::Obj(ObjRef::new(Payload::BoundMethod(obj.clone(), attr)))
                }
                _ => bind(vm, attr, obj, &obj_class)?,
            }));
        }
        // Builtin bases: `__init__` of object/Exception and friends, and
        // the methods of builtin types (`object.__setattr__`...).
        if ct.dict.is_none() && c.ptr_eq(&vm.interp.exceptions["BaseExceptionGroup"]) {
            if let Some(m) = crate::exceptions::group_method(vm, obj, name) {
                return Ok(Some(m));
            }
        }
        if ct.dict.is_none() {
            if crate::methods::is_static(ct.kind, name) {
                if let Some(f) = vm.interp.methods.get(&(ct.kind, name)) {
                    return Ok(Some(f.clone()));
                }
            }
            let own = vm.interp.methods.get(&(ct.kind, name)).cloned();
            let f = match name {
                "__init__" => Some(own.unwrap_or_else(|| vm.interp.builtins_init())),
                _ => own,
            };
            if let Some(f) = f {
                // A builtin type's method reads its receiver as that type:
                // refuse a receiver of another kind (`super(list, obj)` with
                // an `obj` that is no list), as CPython's descriptors do.
                let kind = crate::ops::type_kind(obj);
                let fits = kind == ct.kind
                    || ct.kind == TypeKind::Object
                    || (ct.kind == TypeKind::Int && kind == TypeKind::Bool)
                    || name == "__init__";
                if !fits {
                    return Err(vm.type_error(format!(
                        "descriptor '{name}' for '{}' objects doesn't apply to a '{}' object",
                        ct.name,
                        crate::ops::type_name(obj)
                    )));
                }
                return Ok(Some(Value::Obj(ObjRef::new(Payload::BoundMethod(
                    obj.clone(),
                    f,
                )))));
            }
        }
    }
    Ok(None)
}

/// Setting an attribute on an instance: property setters, `__setattr__`,
/// else the instance dict. Returns false if `obj` is not a user instance.
pub fn instance_setattr<S: LockStrategy>(
    vm: &mut Vm<S>,
    obj: &Value<S>,
    name: &ObjRef<S>,
    value: Value<S>,
) -> PyResult<S, bool> {
    let Some(class) = user_class_of(obj) else {
        return Ok(false);
    };
    let key = Value::Obj(name.clone());
    if let Some(attr) = class_lookup(&class, &key) {
        if let Some(Payload::Property(p)) = attr.payload() {
            let setter = &p.fset;
            if matches!(setter, Value::None) {
                let attr_name = key.as_str().unwrap_or("?").to_string();
                let cname = type_obj(&class).map(|t| t.name.clone()).unwrap_or_default();
                return Err(vm.new_error(
                    "AttributeError",
                    format!("property '{attr_name}' of '{cname}' object has no setter"),
                ));
            }
            vm.call(&setter.clone(), vec![obj.clone(), value])?;
            return Ok(true);
        }
        if let Some(set) = descriptor_method(vm, &attr, "__set__") {
            vm.call(&set, vec![attr, obj.clone(), value])?;
            return Ok(true);
        }
    }
    let hooked = type_obj(&class).is_some_and(|t| t.setattr_hook.load(Ordering::Relaxed));
    if let Some(setattr) = hooked
        .then(|| class_lookup(&class, &vm.new_str("__setattr__")))
        .flatten()
    {
        vm.call(&setattr, vec![obj.clone(), key, value])?;
        return Ok(true);
    }
    object_setattr(vm, obj, key, value)?;
    Ok(true)
}

/// `object.__setattr__`: store in the instance dict.
/// A class's `__name__` and `__qualname__`, as last assigned.
pub fn class_names<S: LockStrategy>(class: &ObjRef<S>, t: &TypeObj<S>) -> (String, String) {
    t.renamed
        .with::<S, _>(&class.header, |r| r.clone())
        .unwrap_or_else(|| (t.name.clone(), t.qualname.clone()))
}

/// `cls.__name__ = value` or `cls.__qualname__ = value` on a user class:
/// CPython's `type_set_name`/`type_set_qualname` checks.
fn rename_class<S: LockStrategy>(
    vm: &mut Vm<S>,
    class: &ObjRef<S>,
    t: &TypeObj<S>,
    attr: &str,
    value: &Value<S>,
) -> PyResult<S, ()> {
    let (mut name, mut qualname) = class_names(class, t);
    let Some(new) = value.as_str() else {
        return Err(vm.type_error(format!(
            "can only assign string to {name}.{attr}, not '{}'",
            type_name(value)
        )));
    };
    if attr == "__name__" {
        if new.contains('\0') {
            return Err(vm.value_error("type name must not contain null characters"));
        }
        name = new.to_string();
    } else {
        qualname = new.to_string();
    }
    let old = t
        .renamed
        .with::<S, _>(&class.header, |r| r.replace((name, qualname)));
    drop(old);
    Ok(())
}

/// `obj.__class__ = value`, where CPython allows it (its
/// `object_set_class`): both classes user classes (heap types) with one
/// layout (the same builtin base, the same `__slots__`); CPython's
/// TypeError otherwise.
pub(crate) fn set_class<S: LockStrategy>(
    vm: &mut Vm<S>,
    obj: &Value<S>,
    value: &Value<S>,
) -> PyResult<S, ()> {
    let Some(new) = value.obj().filter(|c| type_obj(c).is_some()) else {
        return Err(vm.type_error(format!(
            "__class__ must be set to a class, not '{}' object",
            ops::type_name(value)
        )));
    };
    let new_t = type_obj(new).expect("checked");
    let not_mutable =
        || "__class__ assignment only supported for mutable types or ModuleType subclasses";
    if let Some(Payload::Exception(e)) = obj.stored() {
        return set_exception_class(vm, e, new);
    }
    if let Some(Payload::Module(m)) = obj.stored() {
        // CPython allows `types.ModuleType` and its subclasses that add no
        // `__slots__`.
        let is_module = new_t.kind == TypeKind::Module
            || crate::subclass::native_base(new) == Some(TypeKind::Module);
        let old = m.class.get().clone();
        let old_heap = type_obj(&old).is_some_and(|t| t.dict.is_some());
        if !is_module && (new_t.dict.is_none() || !old_heap) {
            return Err(vm.type_error(not_mutable()));
        }
        if !is_module || !declared_slots(vm, new).is_empty() {
            let old_name = type_obj(&old).map(|t| t.name.clone()).unwrap_or_default();
            return Err(vm.type_error(format!(
                "__class__ assignment: '{}' object layout differs from '{}'",
                new_t.name, old_name
            )));
        }
        let old = m.class.set(new.clone());
        vm.interp.retire_class(old);
        return Ok(());
    }
    let Some(Payload::Instance(inst)) = obj.stored() else {
        return Err(vm.type_error(not_mutable()));
    };
    let old = inst.class.get().clone();
    let Some(old_t) = type_obj(&old) else {
        return Err(vm.type_error(not_mutable()));
    };
    if old_t.dict.is_none() || new_t.dict.is_none() {
        return Err(vm.type_error(not_mutable()));
    }
    let same_layout = new_t.kind == old_t.kind
        && crate::subclass::native_base(new) == crate::subclass::native_base(&old)
        && new_t.slots == old_t.slots
        && declared_slots(vm, new) == declared_slots(vm, &old);
    if !same_layout {
        return Err(vm.type_error(format!(
            "__class__ assignment: '{}' object layout differs from '{}'",
            new_t.name, old_t.name
        )));
    }
    let header = &obj.obj().expect("an instance is an object").header;
    let old = inst.set_class(header, new.clone());
    vm.interp.retire_class(old);
    Ok(())
}

/// `exc.__class__ = new` on an exception: as CPython, both classes user
/// classes (heap types) of one layout: CPython gives each user exception
/// class a layout of its own (it adds `__weakref__` to the builtin one), so
/// they must derive from one builtin exception through classes that add
/// no `__slots__`, and with the same direct base where neither derives
/// from the other's.
fn set_exception_class<S: LockStrategy>(
    vm: &mut Vm<S>,
    e: &crate::object::ExceptionObj<S>,
    new: &ObjRef<S>,
) -> PyResult<S, ()> {
    let old = e.class.get().clone();
    let (Some(old_t), Some(new_t)) = (type_obj(&old), type_obj(new)) else {
        return Err(vm.type_error(
            "__class__ assignment only supported for mutable types or ModuleType subclasses",
        ));
    };
    if old_t.dict.is_none() || new_t.dict.is_none() {
        return Err(vm.type_error(
            "__class__ assignment only supported for mutable types or ModuleType subclasses",
        ));
    }
    // The class that fixes the layout (CPython's walk up `tp_base` while
    // a class adds nothing): the topmost user class of the chain of first
    // bases, stopping below a class that declares `__slots__`.
    let solid = |vm: &Vm<S>, c: &ObjRef<S>| -> ObjRef<S> {
        let mut cur = c.clone();
        loop {
            let own_slots = type_obj(&cur)
                .and_then(|t| t.dict.as_ref())
                .and_then(|d| dict_get(d, &vm.new_str("__slots__")));
            if own_slots
                .is_some_and(|v| !matches!(v.payload(), Some(Payload::Tuple(t)) if t.is_empty()))
            {
                return cur;
            }
            let parent = type_obj(&cur).and_then(|t| t.bases.first().cloned());
            match parent {
                Some(p) if type_obj(&p).is_some_and(|pt| pt.dict.is_some()) => cur = p,
                _ => return cur,
            }
        }
    };
    let (new_solid, old_solid) = (solid(vm, new), solid(vm, &old));
    let first_base = |c: &ObjRef<S>| type_obj(c).and_then(|t| t.bases.first().cloned());
    let compatible = new_solid.ptr_eq(&old_solid)
        || (match (first_base(&new_solid), first_base(&old_solid)) {
            (Some(a), Some(b)) => a.ptr_eq(&b),
            _ => false,
        } && declared_slots(vm, &new_solid) == declared_slots(vm, &old_solid));
    let is_exception = new_t
        .mro
        .iter()
        .any(|c| type_obj(c).is_some_and(|m| m.kind == TypeKind::Exception));
    if !compatible || !is_exception {
        return Err(vm.type_error(format!(
            "__class__ assignment: '{}' object layout differs from '{}'",
            new_t.name, old_t.name
        )));
    }
    let old = e.class.set(new.clone());
    vm.interp.retire_class(old);
    Ok(())
}

/// `C.__bases__ = value`: CPython's checks and their messages. A class's
/// bases and MRO are fixed here (every attribute lookup reads them without
/// a lock), so a valid assignment is refused too, not ignored.
fn set_bases<S: LockStrategy>(
    vm: &mut Vm<S>,
    class: &Value<S>,
    t: &TypeObj<S>,
    value: &Value<S>,
) -> PyResult<S, ()> {
    if t.dict.is_none() {
        return Err(vm.type_error(format!(
            "cannot set '__bases__' attribute of immutable type '{}'",
            t.name
        )));
    }
    let name = class_names(class.obj().expect("a class is an object"), t).0;
    let Some(Payload::Tuple(items)) = value.payload() else {
        return Err(vm.type_error(format!(
            "can only assign tuple to {name}.__bases__, not {}",
            ops::type_name(value)
        )));
    };
    if items.is_empty() {
        return Err(vm.type_error(format!(
            "can only assign non-empty tuple to {name}.__bases__, not ()"
        )));
    }
    for item in items.iter() {
        let Some(b) = item.obj().filter(|b| type_obj(b).is_some()) else {
            return Err(vm.type_error(format!(
                "{name}.__bases__ must be tuple of classes, not '{}'",
                ops::type_name(item)
            )));
        };
        let class = class.obj().expect("a class is an object");
        if crate::builtins::is_subtype(b, class) {
            return Err(vm.type_error("a __bases__ item causes an inheritance cycle"));
        }
    }
    let class = class.obj().expect("a class is an object");
    let new_bases: Vec<ObjRef<S>> = items.iter().filter_map(|i| i.obj().cloned()).collect();
    let new_mro = c3_mro(vm, &new_bases)?;
    // One layout before and after (CPython's `compatible_for_assignment`
    // of the old and new solid bases).
    let old_layout = crate::subclass::check_bases(vm, &t.mro)?;
    let new_layout = crate::subclass::check_bases(vm, &new_mro)?;
    let exception = |mro: &[ObjRef<S>]| {
        mro.iter()
            .any(|c| type_obj(c).is_some_and(|m| m.kind == TypeKind::Exception))
    };
    // A builtin base (`object` too) frees its instances otherwise than a
    // class does.
    let heap = |l: &[ObjRef<S>]| {
        l.first()
            .and_then(type_obj)
            .is_some_and(|b| b.dict.is_some())
    };
    if old_layout != new_layout
        || exception(&t.mro) != exception(&new_mro)
        || heap(&t.bases) != heap(&new_bases)
    {
        let first = |l: &[ObjRef<S>]| {
            l.first()
                .and_then(type_obj)
                .map(|b| b.name.clone())
                .unwrap_or_default()
        };
        return Err(vm.type_error(format!(
            "__bases__ assignment: '{}' deallocator differs from '{}'",
            first(&new_bases),
            first(&t.bases)
        )));
    }
    let old_bases: Vec<ObjRef<S>> = t.bases.to_vec();
    let old_mro: Vec<ObjRef<S>> = t.mro.to_vec();
    t.bases.set(new_bases.into_boxed_slice());
    t.mro.set(new_mro.into_boxed_slice());
    if let Err(e) = recompute_subclass_mros(vm, class) {
        t.bases.set(old_bases.clone().into_boxed_slice());
        t.mro.set(old_mro.into_boxed_slice());
        let _ = recompute_subclass_mros(vm, class);
        return Err(e);
    }
    // The registry of subclasses follows: out of the old bases' lists,
    // into the new ones'.
    for base in &old_bases {
        let Some(b) = type_obj(base) else {
            continue;
        };
        let entries = b.subclasses.with::<S, _>(&base.header, |list| list.clone());
        let keep: Vec<ObjRef<S>> = entries
            .into_iter()
            .filter(|w| !upgrade(w).is_some_and(|c| c.ptr_eq(class)))
            .collect();
        let old = b
            .subclasses
            .with::<S, _>(&base.header, |list| std::mem::replace(list, keep));
        drop(old);
    }
    register_subclass(class);
    for name in ["__getattribute__", "__new__", "__del__", "__setattr__"] {
        update_slots(vm, class, name);
    }
    Ok(())
}

/// After `C.__bases__ = ...`: the MRO of every class derived from `C`,
/// computed again from its (unchanged) bases.
fn recompute_subclass_mros<S: LockStrategy>(vm: &Vm<S>, class: &ObjRef<S>) -> PyResult<S, ()> {
    for sub in subclasses(class) {
        if let Some(st) = type_obj(&sub) {
            let mro = c3_mro(vm, &st.bases)?;
            st.mro.set(mro.into_boxed_slice());
            recompute_subclass_mros(vm, &sub)?;
        }
    }
    Ok(())
}

/// The `__slots__` names the user classes of `class`'s MRO declare, in
/// MRO order: instances with other slots have another layout.
fn declared_slots<S: LockStrategy>(vm: &Vm<S>, class: &ObjRef<S>) -> Vec<String> {
    let key = vm.new_str("__slots__");
    let mut names = Vec::new();
    let Some(t) = type_obj(class) else {
        return names;
    };
    for c in std::iter::once(class).chain(t.mro.iter()) {
        let Some(d) = type_obj(c).and_then(|ct| ct.dict.as_ref()) else {
            continue;
        };
        let Some(v) = dict_get(d, &key) else {
            continue;
        };
        match v.payload() {
            Some(Payload::Str(s)) => names.push(s.as_str().to_string()),
            Some(Payload::Tuple(items)) => names.extend(
                items
                    .iter()
                    .map(|i| i.as_str().map_or_else(String::new, str::to_string)),
            ),
            _ => names.extend(
                ops::list_snapshot(&v)
                    .iter()
                    .map(|i| i.as_str().map_or_else(String::new, str::to_string)),
            ),
        }
        names.push(String::new());
    }
    names
}

pub fn object_setattr<S: LockStrategy>(
    vm: &mut Vm<S>,
    obj: &Value<S>,
    key: Value<S>,
    value: Value<S>,
) -> PyResult<S, ()> {
    if key.as_str() == Some("__class__") {
        return set_class(vm, obj, &value);
    }
    // Borrowing the class (no reference-count traffic): this is every
    // attribute store on an instance.
    if let Some(Payload::Type(t)) = obj.payload() {
        if key.as_str() == Some("__bases__") {
            return set_bases(vm, obj, t, &value);
        }
        if let (Some(_), Some(attr @ ("__name__" | "__qualname__"))) = (&t.dict, key.as_str()) {
            let class = obj.obj().expect("a class is an object");
            return rename_class(vm, class, t, attr, &value);
        }
        if let Some(d) = &t.dict {
            // A class's own attribute; its slot flags follow (`__eq__`...).
            let d = d.clone();
            let name = key.as_str().map(str::to_owned);
            ops::dict_set(vm, &d, key, value)?;
            if let Some(name) = name {
                update_slots(vm, obj.obj().expect("a class is an object"), &name);
            }
            return Ok(());
        }
    }
    let allowed = match obj.stored() {
        Some(Payload::Instance(i)) => match type_obj(&i.class.get()) {
            // `object()` itself: a builtin type's instance has no `__dict__`.
            Some(t) if t.dict.is_none() => false,
            Some(TypeObj {
                slots: Some(slots), ..
            }) => key.as_str().is_some_and(|k| slots.iter().any(|s| s == k)),
            _ => true,
        },
        _ => true,
    };
    let target = obj.obj().filter(|_| allowed);
    match target.map(|o| (o, o.stored())) {
        Some((o, Payload::Instance(i))) => i.set_attr(vm, &o.header, key, value),
        Some((_, Payload::Exception(e))) if e.dict.is_some() => {
            let d = e.dict.clone().expect("checked");
            ops::dict_set(vm, &d, key, value)
        }
        Some((_, Payload::Module(m))) => {
            let d = m.dict.clone();
            ops::dict_set(vm, &d, key, value)
        }
        _ => Err(vm.new_error(
            "AttributeError",
            format!(
                "'{}' object has no attribute '{}'",
                type_name(obj),
                key.as_str().unwrap_or("?")
            ),
        )),
    }
}

/// A new, empty instance of a user class (an exception object for
/// exception classes, which keep their arguments).
fn new_instance<S: LockStrategy>(
    vm: &mut Vm<S>,
    class: &ObjRef<S>,
    args: &[Value<S>],
) -> PyResult<S> {
    let kind = type_obj(class).expect("a class").kind;
    if kind == TypeKind::Exception {
        // `BaseExceptionGroup.__new__` checks its arguments.
        if crate::exceptions::is_group_class(vm, class) {
            return crate::exceptions::new_group(vm, class, args).map(Value::Obj);
        }
        return Ok(Value::Obj(new_exception_obj(
            class.clone(),
            args.to_vec().into_boxed_slice(),
        )));
    }
    Ok(Value::Obj(ObjRef::new(Payload::Instance(
        InstanceObj::new(class.clone(), None),
    ))))
}

/// `object.__new__(cls, ...)`: a new instance of the user class `cls`.
/// Extra arguments are an error unless `cls` overrides `__init__` and not
/// `__new__` (CPython's `object_new`); exception classes keep them.
pub fn object_new<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let Some(cls) = args.pos.first() else {
        return Err(vm.type_error("object.__new__(): not enough arguments"));
    };
    let class = match cls.obj().filter(|c| type_obj(c).is_some()) {
        Some(c) => c.clone(),
        None => {
            return Err(vm.type_error(format!(
                "object.__new__(X): X is not a type object ({})",
                type_name(cls)
            )))
        }
    };
    let t = type_obj(&class).expect("a class");
    if t.dict.is_none() {
        return Err(vm.type_error(format!(
            "object.__new__({}) is not safe, use {}.__new__()",
            t.name, t.name
        )));
    }
    // `BaseException.__new__` keeps its arguments as `args`.
    let is_exception = t.kind == TypeKind::Exception;
    if !is_exception && (args.pos.len() > 1 || !args.kw.is_empty()) {
        if class_lookup(&class, &vm.new_str("__new__")).is_some() {
            return Err(vm.type_error(
                "object.__new__() takes exactly one argument (the type to instantiate)",
            ));
        }
        if class_lookup(&class, &vm.new_str("__init__")).is_none() {
            return Err(vm.type_error(format!("{}() takes no arguments", t.name)));
        }
    }
    new_instance(vm, &class, &args.pos[1..])
}

/// Calls a user class: makes the instance and runs `__init__`.
pub fn instantiate<S: LockStrategy>(
    vm: &mut Vm<S>,
    class: &ObjRef<S>,
    args: Args<S>,
) -> PyResult<S> {
    let t = type_obj(class).expect("a class");
    if let Some(Value::Obj(abstracts)) = class_lookup(class, &vm.new_str("__abstractmethods__")) {
        let names = ops::iterate(vm, &Value::Obj(abstracts))?;
        if !names.is_empty() {
            let mut names: Vec<String> = names
                .iter()
                .filter_map(|n| n.as_str().map(String::from))
                .collect();
            names.sort();
            let plural = if names.len() == 1 { "" } else { "s" };
            return Err(vm.type_error(format!(
                "Can't instantiate abstract class {} with abstract method{} {}",
                t.name,
                plural,
                names.join(", ")
            )));
        }
    }
    let user_new = match t.new_hook.load(Ordering::Relaxed) {
        true => class_lookup(class, &vm.new_str("__new__")),
        false => None,
    };
    let overrides_new = user_new.is_some();
    let instance = match user_new {
        Some(new) => {
            let new = match new.payload() {
                Some(Payload::StaticMethod(f)) => f.clone(),
                _ => new,
            };
            let mut new_args = Args {
                pos: args.pos.clone(),
                kw: args.kw.clone(),
            };
            new_args.pos.insert(0, Value::Obj(class.clone()));
            let instance = vm.call_args(&new, new_args)?;
            // `__init__` runs only on an instance of the class called.
            let made = crate::builtins::type_of(vm, &instance);
            if !crate::builtins::is_subtype(&made, class) {
                return Ok(instance);
            }
            instance
        }
        None => match crate::subclass::native_base(class) {
            Some(kind) => {
                // An immutable base is built from the arguments by
                // `__new__`; a mutable one starts empty and its `__init__`
                // fills it (below, unless the class overrides `__init__`).
                let new_args = match crate::subclass::init_fills::<S>(kind) {
                    true => Args::positional(Vec::new()),
                    false => Args {
                        pos: args.pos.clone(),
                        kw: args.kw.clone(),
                    },
                };
                crate::subclass::new_instance(vm, class, kind, new_args)?
            }
            None => new_instance(vm, class, &args.pos)?,
        },
    };
    let native_init = crate::subclass::native_base(class)
        .filter(|k| crate::subclass::init_fills::<S>(*k))
        .and_then(|k| vm.interp.methods.get(&(k, "__init__")).cloned());
    match class_lookup(class, &vm.new_str("__init__")).or(native_init) {
        Some(init) => {
            let mut args = args;
            args.pos.insert(0, instance.clone());
            let r = vm.call_args(&init, args)?;
            if !matches!(r, Value::None) {
                return Err(vm.type_error(format!(
                    "__init__() should return None, not '{}'",
                    type_name(&r)
                )));
            }
        }
        None => {
            // `object.__init__` takes extra arguments only when `__new__`
            // is overridden (it took them).
            let extra = !args.pos.is_empty() || !args.kw.is_empty();
            let takes_args = t.kind == TypeKind::Exception
                || overrides_new
                || crate::subclass::native_base(class).is_some();
            if extra && !takes_args {
                return Err(vm.type_error(format!("{}() takes no arguments", t.name)));
            }
        }
    }
    Ok(instance)
}

/// Calls `obj.name(*args)` if obj's user class defines `name`; None if it
/// does not (or obj is not a user instance).
pub fn call_dunder<S: LockStrategy>(
    vm: &mut Vm<S>,
    obj: &Value<S>,
    name: &str,
    args: Vec<Value<S>>,
) -> PyResult<S, Option<Value<S>>> {
    let Some(class) = user_class_of(obj) else {
        return Ok(None);
    };
    let Some(method) = class_lookup(&class, &vm.new_str(name)) else {
        return Ok(None);
    };
    let mut all = Vec::with_capacity(args.len() + 1);
    all.push(obj.clone());
    all.extend(args);
    let f = match method.payload() {
        Some(Payload::StaticMethod(f)) => {
            all.remove(0);
            f.clone()
        }
        _ => method,
    };
    vm.call(&f, all).map(Some)
}

/// Whether the value is Python's `NotImplemented`.
pub fn is_not_implemented<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>) -> bool {
    match (v, vm.interp.not_implemented()) {
        (Value::Obj(a), Value::Obj(b)) => a.ptr_eq(&b),
        _ => false,
    }
}

/// Whether a class attribute is an abstract method (`@abstractmethod`, or a
/// property whose getter is one).
pub fn is_abstract<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>) -> bool {
    match v.payload() {
        Some(Payload::Function(f)) => {
            let Value::Obj(o) = v else { return false };
            let key = vm.new_str("__isabstractmethod__");
            f.dict
                .with::<S, _>(&o.header, |d| d.clone())
                .and_then(|d| dict_get(&d, &key))
                .is_some_and(|x| matches!(x, Value::Bool(true)))
        }
        Some(Payload::Property(p)) => is_abstract(vm, &p.fget),
        Some(Payload::StaticMethod(f)) | Some(Payload::ClassMethod(f)) => is_abstract(vm, f),
        _ => false,
    }
}

/// `f.__defaults__ = ...` and `f.__kwdefaults__ = ...`: CPython's type
/// checks, then the new values for later calls. False for other names.
pub fn set_function_defaults<S: LockStrategy>(
    vm: &mut Vm<S>,
    o: &ObjRef<S>,
    f: &crate::object::Function<S>,
    attr: &str,
    value: &Value<S>,
) -> PyResult<S, bool> {
    match attr {
        "__defaults__" => {
            let positional: Box<[Value<S>]> = match value.payload() {
                _ if matches!(value, Value::None) => Box::new([]),
                Some(Payload::Tuple(items)) => items.to_vec().into_boxed_slice(),
                _ => return Err(vm.type_error("__defaults__ must be set to a tuple object")),
            };
            let old = f.defaults.with::<S, _>(&o.header, |d| {
                std::mem::replace(&mut d.positional, positional)
            });
            drop(old);
        }
        "__kwdefaults__" => {
            let keyword: Box<[(std::sync::Arc<str>, Value<S>)]> = match value.payload() {
                _ if matches!(value, Value::None) => Box::new([]),
                Some(Payload::Dict(_)) => ops::dict_items(value)
                    .into_iter()
                    .filter_map(|(k, v)| Some((std::sync::Arc::from(k.as_str()?), v)))
                    .collect(),
                _ => return Err(vm.type_error("__kwdefaults__ must be set to a dict object")),
            };
            let old = f
                .defaults
                .with::<S, _>(&o.header, |d| std::mem::replace(&mut d.keyword, keyword));
            drop(old);
        }
        // `types.coroutine` assigns the code that `code.replace` returned,
        // which is the function's own (see `types::code`).
        "__code__" => match crate::types::downcast::<S, crate::types::code::CodeObject<S>>(value) {
            Some(c) if std::sync::Arc::ptr_eq(&c.code, &f.code) => {}
            Some(_) => {
                return Err(vm.new_error(
                    "NotImplementedError",
                    "assigning another function's __code__ is not supported",
                ))
            }
            None => return Err(vm.type_error("__code__ must be set to a code object")),
        },
        _ => return Ok(false),
    }
    Ok(true)
}

/// A function's `__dict__`, made on first use.
pub fn function_dict<S: LockStrategy>(o: &ObjRef<S>, f: &crate::object::Function<S>) -> ObjRef<S> {
    f.dict.with::<S, _>(&o.header, |d| {
        d.get_or_insert_with(|| ObjRef::new(Payload::Dict(PyDict::new(crate::dict::new_map()))))
            .clone()
    })
}

/// Attributes of function objects.
pub fn function_getattr<S: LockStrategy>(
    vm: &mut Vm<S>,
    o: &ObjRef<S>,
    f: &crate::object::Function<S>,
    attr: &str,
) -> PyResult<S, Option<Value<S>>> {
    // `__name__`, `__qualname__` and `__doc__` may be rebound.
    if matches!(attr, "__name__" | "__qualname__" | "__doc__") {
        let d = f.dict.with::<S, _>(&o.header, |d| d.clone());
        if let Some(v) = d.and_then(|d| dict_get(&d, &vm.new_str(attr))) {
            return Ok(Some(v));
        }
    }
    Ok(Some(match attr {
        "__name__" => vm.new_str(&*f.code.name),
        "__qualname__" => vm.new_str(&*f.code.qualname),
        "__doc__" => f
            .code
            .consts
            .first()
            .filter(|c| c.as_str().is_some() && f.code.has_docstring)
            .cloned()
            .unwrap_or(Value::None),
        "__defaults__" => {
            let positional = f
                .defaults
                .with::<S, _>(&o.header, |d| d.positional.to_vec());
            if positional.is_empty() {
                Value::None
            } else {
                ops::new_tuple(positional)
            }
        }
        "__kwdefaults__" => {
            let keyword = f.defaults.with::<S, _>(&o.header, |d| d.keyword.to_vec());
            if keyword.is_empty() {
                Value::None
            } else {
                let d = ops::new_dict();
                for (k, v) in keyword {
                    ops::dict_set(vm, d.obj().expect("dict"), vm.new_str(&*k), v)?;
                }
                d
            }
        }
        "__closure__" => {
            if f.closure.is_empty() {
                Value::None
            } else {
                ops::new_tuple(f.closure.to_vec())
            }
        }
        "__dict__" => Value::Obj(function_dict(o, f)),
        "__annotations__" => Value::Obj(f.annotations.with::<S, _>(&o.header, |d| {
            d.get_or_insert_with(|| ObjRef::new(Payload::Dict(PyDict::new(crate::dict::new_map()))))
                .clone()
        })),
        "__module__" => dict_get(&f.globals, &vm.new_str("__name__")).unwrap_or(Value::None),
        "__code__" => crate::types::code::new_code_object(&f.code),
        "__globals__" => Value::Obj(f.globals.clone()),
        _ => {
            let d = f.dict.with::<S, _>(&o.header, |d| d.clone());
            match d.and_then(|d| dict_get(&d, &vm.new_str(attr))) {
                Some(v) => v,
                None => return Ok(None),
            }
        }
    }))
}

/// `del obj.name`: a property's deleter, then `__delattr__`; otherwise
/// removes from the instance (or class) dict.
pub fn del_attr<S: LockStrategy>(
    vm: &mut Vm<S>,
    obj: &Value<S>,
    name: &ObjRef<S>,
) -> PyResult<S, ()> {
    let key = Value::Obj(name.clone());
    if let Some(class) = user_class_of(obj) {
        if let Some(attr) = class_lookup(&class, &key) {
            if let Some(Payload::Property(p)) = attr.payload() {
                if matches!(p.fdel, Value::None) {
                    let attr_name = key.as_str().unwrap_or("?").to_string();
                    let cname = type_obj(&class).map(|t| t.name.clone()).unwrap_or_default();
                    return Err(vm.new_error(
                        "AttributeError",
                        format!("property '{attr_name}' of '{cname}' object has no deleter"),
                    ));
                }
                vm.call(&p.fdel.clone(), vec![obj.clone()])?;
                return Ok(());
            }
            if let Some(delete) = descriptor_method(vm, &attr, "__delete__") {
                vm.call(&delete, vec![attr, obj.clone()])?;
                return Ok(());
            }
        }
        if let Some(f) = class_lookup(&class, &vm.new_str("__delattr__")) {
            vm.call(&f, vec![obj.clone(), key])?;
            return Ok(());
        }
    }
    // A class whose metaclass defines `__delattr__` (enum's refuses to
    // delete members).
    if crate::metaclass::call_meta_dunder(vm, obj, "__delattr__", vec![key.clone()])?.is_some() {
        return Ok(());
    }
    object_delattr(vm, obj, key)
}

/// `object.__delattr__`: remove the name from the instance's (or the
/// class's) own dict.
pub fn object_delattr<S: LockStrategy>(
    vm: &mut Vm<S>,
    obj: &Value<S>,
    key: Value<S>,
) -> PyResult<S, ()> {
    let removed = match (obj.obj(), obj.stored()) {
        (Some(o), Some(Payload::Instance(i))) => i.del_attr(vm, &o.header, &key)?.is_some(),
        _ => {
            let dict = match obj.payload() {
                Some(Payload::Type(t)) => t.dict.clone(),
                _ => obj.obj().and_then(instance_dict),
            };
            match dict {
                Some(d) => {
                    let removed = ops::dict_del(vm, &d, &key)?.is_some();
                    if let (true, Some(Payload::Type(_)), Some(name)) =
                        (removed, obj.payload(), key.as_str())
                    {
                        update_slots(vm, obj.obj().expect("a class is an object"), name);
                    }
                    removed
                }
                None => false,
            }
        }
    };
    if removed {
        return Ok(());
    }
    Err(vm.new_error(
        "AttributeError",
        format!(
            "'{}' object has no attribute '{}'",
            type_name(obj),
            key.as_str().unwrap_or("?")
        ),
    ))
}

// ---- the subclass registry and slot flags kept current ----

/// Records `class` among the subclasses of each of its bases, weakly (a
/// base does not keep its subclasses alive), as CPython's `tp_subclasses`.
pub fn register_subclass<S: LockStrategy>(class: &ObjRef<S>) {
    let Some(t) = type_obj(class) else {
        return;
    };
    for base in t.bases.iter() {
        let Some(b) = type_obj(base) else {
            continue;
        };
        let weak = crate::weakref::new_weakref(class, None);
        // Dead entries are dropped when the list is full, before it would
        // grow: the list stays within twice the live subclasses, and each
        // sweep is paid for by the pushes since the last one. (Sweeping on
        // every push made defining N classes that stay alive — immortal
        // under `finegrained` — cost N² steps.) Checked without upgrading:
        // a strong reference dropped here could free a class under the lock.
        let dead = b.subclasses.with::<S, _>(&base.header, |list| {
            let mut dead = Vec::new();
            if list.len() == list.capacity() {
                let alive = |w: &ObjRef<S>| match w.payload() {
                    Payload::WeakRef(w) => crate::weakref::is_alive(w),
                    _ => false,
                };
                let live;
                (live, dead) = std::mem::take(list).into_iter().partition(alive);
                *list = live;
            }
            list.push(weak);
            dead
        });
        drop(dead);
    }
}

fn upgrade<S: LockStrategy>(weak: &ObjRef<S>) -> Option<ObjRef<S>> {
    match weak.payload() {
        Payload::WeakRef(w) => crate::weakref::upgrade(w),
        _ => None,
    }
}

/// The live classes that name `class` as a base, in the order they were
/// made (`type.__subclasses__()`).
pub fn subclasses<S: LockStrategy>(class: &ObjRef<S>) -> Vec<ObjRef<S>> {
    let Some(t) = type_obj(class) else {
        return Vec::new();
    };
    let weak = t
        .subclasses
        .with::<S, _>(&class.header, |list| list.clone());
    weak.iter().filter_map(upgrade).collect()
}

/// `C.__subclasses__()`.
pub fn type_subclasses<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    crate::builtins::arity(vm, "__subclasses__", &args, 1, 1)?;
    let Some(class) = args.pos[0].obj().filter(|c| type_obj(c).is_some()) else {
        return Err(vm.type_error(format!(
            "descriptor '__subclasses__' for 'type' objects doesn't apply to a '{}' object",
            type_name(&args.pos[0])
        )));
    };
    let subs = subclasses(class).into_iter().map(Value::Obj).collect();
    Ok(ops::new_list(subs))
}

/// Brings the flags that stand for dunder `name` (`__getattribute__`,
/// `__new__`, `__del__`) up to date after it was set on or deleted from
/// `class`: for the class and, through the registry, every subclass
/// (CPython's `update_slot`, which walks `tp_subclasses` the same way).
pub fn update_slots<S: LockStrategy>(vm: &Vm<S>, class: &ObjRef<S>, name: &str) {
    if !matches!(
        name,
        "__getattribute__" | "__new__" | "__del__" | "__setattr__"
    ) {
        return;
    }
    let key = vm.new_str(name);
    let Some(t) = type_obj(class) else {
        return;
    };
    let own = t.dict.as_ref().is_some_and(|d| dict_get(d, &key).is_some());
    let inherited = |flag: fn(&TypeObj<S>) -> &crate::sync::AtomicBool| {
        t.mro
            .iter()
            .filter_map(type_obj)
            .any(|m| flag(m).load(Ordering::Relaxed))
    };
    let (flag, on): (&crate::sync::AtomicBool, bool) = match name {
        "__getattribute__" => (
            &t.getattribute_hook,
            own || inherited(|m| &m.getattribute_hook),
        ),
        "__new__" => (&t.new_hook, own || inherited(|m| &m.new_hook)),
        "__setattr__" => (&t.setattr_hook, own || inherited(|m| &m.setattr_hook)),
        _ => (&t.has_del, own || inherited(|m| &m.has_del)),
    };
    flag.store(on, Ordering::Relaxed);
    for sub in subclasses(class) {
        update_slots(vm, &sub, name);
    }
}

/// The text of an attribute name (a str object).
fn name_str<S: LockStrategy>(name: &ObjRef<S>) -> &str {
    match name.payload() {
        Payload::Str(s) => s.as_str(),
        _ => "",
    }
}
