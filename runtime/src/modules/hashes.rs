//! The builtin digest modules `_md5`, `_sha1`, `_sha256`, `_sha512`,
//! `_sha3` and `_blake2`: in the first four a constructor function per
//! algorithm (`_sha256.sha256(b'...')`) and the hash object types under
//! CPython's names (`SHA256Type`); in the last two the types, which
//! CPython calls to make the objects. The objects are `types::digest`'s.
//!
//! Every constructor hashes its argument detached when it is longer than
//! [`crate::types::digest::GIL_MINSIZE`] bytes, as CPython does.

use crate::object::{NativeFn, ObjRef, TypeKind, Value};
use crate::strategy::LockStrategy;
use crate::types::digest::{constructor, KINDS};
use crate::types::NativeKind;
use crate::vm::Vm;

/// Binds the constructor of `KINDS[K]` and its type as `type_name`, when
/// CPython's module names it.
fn add<S: LockStrategy, const K: usize>(vm: &Vm<S>, dict: &ObjRef<S>, type_name: Option<&str>) {
    let kind: NativeKind = KINDS[K];
    let f: NativeFn<S> = constructor::<S, K>;
    super::add_functions(vm, dict, &[(kind.short_name(), f, true)]);
    if let Some(type_name) = type_name {
        let class = vm.interp.types[&TypeKind::Native(kind)].clone();
        vm.interp.dict_set_str(dict, type_name, Value::Obj(class));
    }
}

pub fn init_md5<S: LockStrategy>(vm: &mut Vm<S>, dict: &ObjRef<S>) {
    add::<S, 0>(vm, dict, Some("MD5Type"));
}

pub fn init_sha1<S: LockStrategy>(vm: &mut Vm<S>, dict: &ObjRef<S>) {
    add::<S, 1>(vm, dict, Some("SHA1Type"));
}

pub fn init_sha256<S: LockStrategy>(vm: &mut Vm<S>, dict: &ObjRef<S>) {
    add::<S, 2>(vm, dict, Some("SHA224Type"));
    add::<S, 3>(vm, dict, Some("SHA256Type"));
}

pub fn init_sha512<S: LockStrategy>(vm: &mut Vm<S>, dict: &ObjRef<S>) {
    // CPython 3.11 binds `SHA384Type` to the sha512 type and names no
    // `SHA512Type` (the module registers the one type under the other's
    // name); the same here, since programs can see it.
    add::<S, 4>(vm, dict, None);
    add::<S, 5>(vm, dict, Some("SHA384Type"));
}

/// Binds the type of `KINDS[K]` under its name: in `_sha3` and `_blake2`
/// the types themselves make the objects (`_sha3.sha3_256(b'...')`).
fn add_type<S: LockStrategy, const K: usize>(vm: &Vm<S>, dict: &ObjRef<S>) {
    let kind: NativeKind = KINDS[K];
    let class = vm.interp.types[&TypeKind::Native(kind)].clone();
    vm.interp
        .dict_set_str(dict, kind.short_name(), Value::Obj(class));
}

pub fn init_sha3<S: LockStrategy>(vm: &mut Vm<S>, dict: &ObjRef<S>) {
    add_type::<S, 6>(vm, dict);
    add_type::<S, 7>(vm, dict);
    add_type::<S, 8>(vm, dict);
    add_type::<S, 9>(vm, dict);
    add_type::<S, 10>(vm, dict);
    add_type::<S, 11>(vm, dict);
    // What CPython 3.11's module reports of its Keccak code.
    vm.interp
        .dict_set_str(dict, "implementation", vm.new_str("tiny_sha3"));
    vm.interp.dict_set_str(dict, "keccakopt", Value::Int(0));
}

pub fn init_blake2<S: LockStrategy>(vm: &mut Vm<S>, dict: &ObjRef<S>) {
    add_type::<S, 12>(vm, dict);
    add_type::<S, 13>(vm, dict);
    for (name, value) in crate::types::digest::blake2_module_constants() {
        vm.interp.dict_set_str(dict, name, Value::Int(value));
    }
}
