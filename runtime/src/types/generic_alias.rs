//! `types.GenericAlias`: what subscripting a builtin container type gives
//! (`list[int]`, `dict[str, list[int]]`), so that annotations evaluated at
//! `def` time and `isinstance`-free uses of them run as in CPython
//! (`Objects/genericaliasobject.c`): a repr, `__origin__`/`__args__`,
//! equality and hashing by both, and calling it calls the origin.

use super::{NativeKind, NativeObject, TypeSpec};
use crate::object::{ObjRef, Payload, TypeKind, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};
use std::any::Any;

/// `origin[args]`. Immutable: read without a lock in every mode.
pub struct GenericAlias<S: LockStrategy> {
    pub origin: Value<S>,
    /// Always a tuple.
    pub args: Value<S>,
}

/// The builtin types that subscripting makes a GenericAlias of.
pub fn subscriptable(kind: TypeKind) -> bool {
    matches!(
        kind,
        TypeKind::List
            | TypeKind::Dict
            | TypeKind::Tuple
            | TypeKind::Set
            | TypeKind::FrozenSet
            | TypeKind::Type
            | TypeKind::Native(super::NativeKind::Deque)
    )
}

/// `origin[index]`: a tuple index gives the arguments, anything else one.
pub fn new_alias<S: LockStrategy>(origin: Value<S>, index: &Value<S>) -> Value<S> {
    let args = match index.payload() {
        Some(Payload::Tuple(_)) => index.clone(),
        _ => ops::new_tuple(vec![index.clone()]),
    };
    super::new_object(GenericAlias { origin, args })
}

/// One item of the repr, as CPython's `ga_repr_item`: a class by its
/// qualified name (without `builtins.`), `...`, anything else by repr.
pub(crate) fn repr_item<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, String> {
    if let Some(Payload::Type(t)) = v.payload() {
        // A native type by its qualified name (`collections.deque`).
        if let TypeKind::Native(kind) = t.kind {
            return Ok(kind.name().to_string());
        }
        let module = t
            .dict
            .as_ref()
            .and_then(|d| ops::dict_get(d, &vm.new_str("__module__")))
            .and_then(|m| m.as_str().map(String::from));
        return Ok(match module {
            Some(m) if m != "builtins" => format!("{m}.{}", t.name),
            _ => t.name.clone(),
        });
    }
    if v.is(&vm.interp.singletons().ellipsis) {
        return Ok("...".into());
    }
    crate::repr::repr(vm, v)
}

/// `GenericAlias(origin, args)`.
fn generic_alias_new<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    crate::builtins::no_other_keywords(vm, "GenericAlias", &args)?;
    if args.pos.len() != 2 {
        return Err(vm.type_error(format!(
            "GenericAlias expected 2 arguments, got {}",
            args.pos.len()
        )));
    }
    Ok(new_alias(args.pos[0].clone(), &args.pos[1]))
}

impl<S: LockStrategy> NativeObject<S> for GenericAlias<S> {
    fn kind(&self) -> NativeKind {
        NativeKind::GenericAlias
    }

    fn repr(&self, vm: &mut Vm<S>, _this: &ObjRef<S>) -> PyResult<S, String> {
        let mut out = repr_item(vm, &self.origin)?;
        out.push('[');
        let items = match self.args.payload() {
            Some(Payload::Tuple(items)) => items.to_vec(),
            _ => Vec::new(),
        };
        if items.is_empty() {
            out.push_str("()");
        }
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(&repr_item(vm, item)?);
        }
        out.push(']');
        Ok(out)
    }

    fn hash(&self, _this: &ObjRef<S>) -> Option<i64> {
        let origin = crate::dict::hash_value(&self.origin).ok()?;
        let args = crate::dict::hash_value(&self.args).ok()?;
        Some(((origin ^ args) >> 1) as i64)
    }

    fn eq(&self, _this: &ObjRef<S>, other: &Value<S>) -> Option<bool> {
        let other = super::downcast::<S, GenericAlias<S>>(other)?;
        Some(
            self.origin.is(&other.origin)
                && crate::dict::eq_without_code(&self.args, &other.args).unwrap_or(false),
        )
    }

    fn get_attr(&self, _this: &ObjRef<S>, name: &str) -> Option<Value<S>> {
        match name {
            "__origin__" => Some(self.origin.clone()),
            "__args__" => Some(self.args.clone()),
            "__parameters__" => Some(ops::new_tuple(Vec::new())),
            _ => None,
        }
    }

    fn call(&self, vm: &mut Vm<S>, _this: &ObjRef<S>, args: Args<S>) -> PyResult<S> {
        vm.call_args(&self.origin, args)
    }

    fn clone_state(&self) -> Option<Box<dyn NativeObject<S>>> {
        Some(Box::new(GenericAlias {
            origin: self.origin.clone(),
            args: self.args.clone(),
        }))
    }

    fn is_container(&self) -> bool {
        true
    }

    fn traverse(&self, _header: &crate::object::Header, visit: &mut dyn FnMut(&Value<S>)) {
        visit(&self.origin);
        visit(&self.args);
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The type's registration (see `types/mod.rs`).
pub fn spec<S: LockStrategy>() -> TypeSpec<S> {
    TypeSpec {
        name: NativeKind::GenericAlias.short_name(),
        builtin: false,
        new: generic_alias_new,
        methods: Vec::new,
        dunders: &[],
        // `_collections_abc._CallableGenericAlias` derives from it.
        base: super::Base::BuiltByNew,
    }
}
