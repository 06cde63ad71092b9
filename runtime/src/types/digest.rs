//! The hash objects of the builtin digest modules: `_md5.md5`,
//! `_sha1.sha1`, `_sha256.sha224`/`sha256` and `_sha512.sha384`/`sha512`,
//! as CPython's `Modules/md5module.c`, `sha1module.c`, `sha256module.c`
//! and `sha512module.c` (what `hashlib` falls back to without OpenSSL, and
//! what `random.seed(str)` hashes with).
//!
//! One Rust type serves the six Python types: the algorithm is part of the
//! state and decides the object's [`NativeKind`]. The digests are
//! RustCrypto's.
//!
//! Locking follows CPython's `ENTER_HASHLIB`: the running digest sits
//! behind a mutex of its own, not an [`crate::object::ObjCell`], because
//! an update of more than [`GIL_MINSIZE`] bytes runs detached (without
//! the GIL under `gil-release`, as CPython releases it), when the GIL no
//! longer guards the object. The mutex is taken by
//! [`super::embedded::with_locked`]'s protocol, so that no thread waits
//! for it while attached. The data hashed while detached is an immutable
//! `bytes` object's buffer (kept alive by the caller's argument) or a
//! private copy of a `bytearray`'s.

use super::embedded::with_locked;
use super::{receiver_only, Base, NativeKind, NativeObject, TypeSpec};
use crate::object::{NativeFn, ObjRef, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::sync::Mutex;
use crate::vm::{Args, PyResult, Vm};
use sha2::Digest;
use std::any::Any;

/// Updates longer than this many bytes release the GIL (CPython's
/// `HASHLIB_GIL_MINSIZE`).
pub const GIL_MINSIZE: usize = 2048;

/// A running digest of one of the six algorithms.
#[derive(Clone)]
pub enum Running {
    Md5(md5::Md5),
    Sha1(sha1::Sha1),
    Sha224(sha2::Sha224),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
}

impl Running {
    /// A fresh digest of the algorithm of kind `kind` (one of the kinds
    /// [`Running::kind`] returns).
    pub fn new(kind: NativeKind) -> Self {
        match kind {
            NativeKind::Md5 => Running::Md5(Default::default()),
            NativeKind::Sha1 => Running::Sha1(Default::default()),
            NativeKind::Sha224 => Running::Sha224(Default::default()),
            NativeKind::Sha256 => Running::Sha256(Default::default()),
            NativeKind::Sha384 => Running::Sha384(Default::default()),
            NativeKind::Sha512 => Running::Sha512(Default::default()),
            other => unreachable!("{other:?} is not a digest"),
        }
    }

    /// The Python type of a digest of this algorithm.
    fn kind(&self) -> NativeKind {
        match self {
            Running::Md5(_) => NativeKind::Md5,
            Running::Sha1(_) => NativeKind::Sha1,
            Running::Sha224(_) => NativeKind::Sha224,
            Running::Sha256(_) => NativeKind::Sha256,
            Running::Sha384(_) => NativeKind::Sha384,
            Running::Sha512(_) => NativeKind::Sha512,
        }
    }

    fn update(&mut self, data: &[u8]) {
        match self {
            Running::Md5(d) => d.update(data),
            Running::Sha1(d) => d.update(data),
            Running::Sha224(d) => d.update(data),
            Running::Sha256(d) => d.update(data),
            Running::Sha384(d) => d.update(data),
            Running::Sha512(d) => d.update(data),
        }
    }

    /// The digest of what was hashed so far (the running state is kept:
    /// `digest()` may be called again, and `update()` after it).
    fn digest(&self) -> Vec<u8> {
        match self.clone() {
            Running::Md5(d) => d.finalize().to_vec(),
            Running::Sha1(d) => d.finalize().to_vec(),
            Running::Sha224(d) => d.finalize().to_vec(),
            Running::Sha256(d) => d.finalize().to_vec(),
            Running::Sha384(d) => d.finalize().to_vec(),
            Running::Sha512(d) => d.finalize().to_vec(),
        }
    }
}

/// `(name, module, digest_size, block_size)` of a digest kind.
pub fn describe(kind: NativeKind) -> (&'static str, &'static str, i64, i64) {
    let (digest_size, block_size) = match kind {
        NativeKind::Md5 => (16, 64),
        NativeKind::Sha1 => (20, 64),
        NativeKind::Sha224 => (28, 64),
        NativeKind::Sha256 => (32, 64),
        NativeKind::Sha384 => (48, 128),
        NativeKind::Sha512 => (64, 128),
        other => unreachable!("{other:?} is not a digest"),
    };
    (kind.name(), kind.module(), digest_size, block_size)
}

/// A hash object.
pub struct HashObject {
    kind: NativeKind,
    running: Mutex<Running>,
}

impl HashObject {
    fn new(running: Running) -> Self {
        Self {
            kind: running.kind(),
            running: Mutex::new(running),
        }
    }

    /// Runs `f` on the running digest; detached (releasing the GIL where
    /// the mode does) when `release`. `f` must not touch Python objects.
    fn with<S: LockStrategy, R>(
        &self,
        vm: &Vm<S>,
        release: bool,
        f: impl FnOnce(&mut Running) -> R,
    ) -> R {
        with_locked::<S, _, _>(&vm.interp.strategy, vm.ident, release, &self.running, f)
    }

    /// Hashes `data` in, detached for a large buffer.
    fn update<S: LockStrategy>(&self, vm: &Vm<S>, data: &[u8]) {
        self.with(vm, data.len() > GIL_MINSIZE, |r| r.update(data));
    }
}

impl<S: LockStrategy> NativeObject<S> for HashObject {
    fn kind(&self) -> NativeKind {
        self.kind
    }

    fn repr(&self, _vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, String> {
        let (name, module, _, _) = describe(self.kind);
        Ok(format!("<{module}.{name} object at {:#x}>", this.addr()))
    }

    fn hash(&self, this: &ObjRef<S>) -> Option<i64> {
        Some(crate::dict::identity_hash(this.addr()))
    }

    fn get_attr(&self, _this: &ObjRef<S>, name: &str) -> Option<Value<S>> {
        let (algorithm, _, digest_size, block_size) = describe(self.kind);
        match name {
            "name" => Some(ops::new_str(algorithm)),
            "digest_size" => Some(Value::Int(digest_size)),
            "block_size" => Some(Value::Int(block_size)),
            _ => None,
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The bytes of `data` to hash, or CPython's TypeError: a str must be
/// encoded first, anything else must be a buffer.
fn data_arg<'a, S: LockStrategy>(
    vm: &Vm<S>,
    data: &'a Value<S>,
) -> PyResult<S, std::borrow::Cow<'a, [u8]>> {
    if data.as_str().is_some() {
        return Err(vm.type_error("Strings must be encoded before hashing"));
    }
    super::bytes::bytes_like(data)
        .ok_or_else(|| vm.type_error("object supporting the buffer API required"))
}

/// The digest kinds, indexed by the constant parameter of [`constructor`]
/// and [`no_new`] (a builtin function is a plain `fn`, so the kind it
/// makes is chosen at compile time).
pub const KINDS: [NativeKind; 6] = [
    NativeKind::Md5,
    NativeKind::Sha1,
    NativeKind::Sha224,
    NativeKind::Sha256,
    NativeKind::Sha384,
    NativeKind::Sha512,
];

/// `md5(string=b'', *, usedforsecurity=True)` and the other module
/// functions: a new hash object of kind `KINDS[K]`, fed `string`.
pub fn constructor<S: LockStrategy, const K: usize>(
    vm: &mut Vm<S>,
    mut args: Args<S>,
) -> PyResult<S> {
    let kind = KINDS[K];
    let (name, _, _, _) = describe(kind);
    let mut data = args.take_kw("string");
    // Accepted and ignored, as by CPython's builtin digests.
    let _ = args.take_kw("usedforsecurity");
    if let Some((k, _)) = args.kw.first() {
        return Err(vm.type_error(format!("'{k}' is an invalid keyword argument for {name}()")));
    }
    match (args.pos.len(), &data) {
        (0, _) => {}
        (1, None) => data = args.pos.pop(),
        (1, Some(_)) => {
            return Err(vm.type_error(format!(
                "argument for {name}() given by name ('string') and position (1)"
            )))
        }
        (n, _) => {
            return Err(vm.type_error(format!(
                "{name}() takes at most 1 positional argument ({n} given)"
            )))
        }
    }
    let hash = HashObject::new(Running::new(kind));
    if let Some(data) = &data {
        let bytes = data_arg(vm, data)?;
        hash.update(vm, &bytes);
    }
    Ok(super::new_object(hash))
}

/// The receiver of a method.
fn receiver<'a, S: LockStrategy>(
    vm: &Vm<S>,
    method: &str,
    args: &'a Args<S>,
) -> PyResult<S, &'a HashObject> {
    let kind = args
        .pos
        .first()
        .and_then(super::downcast::<S, HashObject>)
        .map_or(NativeKind::Sha256, |h| h.kind);
    super::receiver::<S, HashObject>(vm, method, kind, &args.pos)
}

/// `h.update(data, /)`.
fn update<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let this = receiver(vm, "update", &args)?;
    let (name, _, _, _) = describe(this.kind);
    if !args.kw.is_empty() {
        return Err(vm.type_error(format!("{name}.update() takes no keyword arguments")));
    }
    if args.pos.len() != 2 {
        return Err(vm.type_error(format!(
            "{name}.update() takes exactly one argument ({} given)",
            args.pos.len() - 1
        )));
    }
    let bytes = data_arg(vm, &args.pos[1])?;
    this.update(vm, &bytes);
    Ok(Value::None)
}

/// `h.digest()`: the digest so far, as bytes.
fn digest<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let this = receiver(vm, "digest", &args)?;
    receiver_only::<S, HashObject>(vm, "digest", this.kind, &args)?;
    Ok(super::bytes::new_bytes(
        this.with(vm, false, |r| r.digest()),
    ))
}

/// `h.hexdigest()`: the digest so far, as lowercase hex digits.
fn hexdigest<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let this = receiver(vm, "hexdigest", &args)?;
    receiver_only::<S, HashObject>(vm, "hexdigest", this.kind, &args)?;
    let digest = this.with(vm, false, |r| r.digest());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    Ok(ops::new_str(hex))
}

/// `h.copy()`: a new hash object in the same state.
fn copy<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let this = receiver(vm, "copy", &args)?;
    receiver_only::<S, HashObject>(vm, "copy", this.kind, &args)?;
    let running = this.with(vm, false, |r| r.clone());
    Ok(super::new_object(HashObject::new(running)))
}

/// Calling the type itself: CPython's digest types cannot be
/// instantiated (the module functions make their objects).
fn no_new<S: LockStrategy, const K: usize>(vm: &mut Vm<S>, _args: Args<S>) -> PyResult<S> {
    let (name, module, _, _) = describe(KINDS[K]);
    Err(vm.type_error(format!("cannot create '{module}.{name}' instances")))
}

/// The registration of the digest type `KINDS[K]` (see `types/mod.rs`).
pub fn spec<S: LockStrategy, const K: usize>() -> TypeSpec<S> {
    TypeSpec {
        name: KINDS[K].name(),
        builtin: false,
        new: no_new::<S, K>,
        methods: || {
            let methods: Vec<(&'static str, NativeFn<S>)> = vec![
                ("update", update),
                ("digest", digest),
                ("hexdigest", hexdigest),
                ("copy", copy),
            ];
            methods
        },
        dunders: &[],
        base: Base::No,
    }
}
