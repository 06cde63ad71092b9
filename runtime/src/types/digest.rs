//! The hash objects of the builtin digest modules: `_md5.md5`,
//! `_sha1.sha1`, `_sha256.sha224`/`sha256`, `_sha512.sha384`/`sha512`,
//! `_sha3.sha3_*`/`shake_*` and `_blake2.blake2b`/`blake2s`, as CPython's
//! `Modules/md5module.c`, `sha1module.c`, `sha256module.c`,
//! `sha512module.c`, `_sha3/` and `_blake2/` (what `hashlib` falls back to
//! without OpenSSL, and what `random.seed(str)` hashes with).
//!
//! One Rust type serves the fourteen Python types: the algorithm is part
//! of the state and decides the object's [`NativeKind`]. The digests are
//! RustCrypto's, BLAKE2 `blake2b_simd`/`blake2s_simd`'s (which take every
//! BLAKE2 parameter).
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
use num_bigint::{BigInt, Sign};
use sha2::digest::{self, Digest};
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
    Sha3_224(sha3::Sha3_224),
    Sha3_256(sha3::Sha3_256),
    Sha3_384(sha3::Sha3_384),
    Sha3_512(sha3::Sha3_512),
    Shake128(shake::Shake128),
    Shake256(shake::Shake256),
    Blake2b(blake2b_simd::State),
    Blake2s(blake2s_simd::State),
}

impl Running {
    /// A fresh digest of the algorithm of kind `kind` (one of the kinds
    /// `Running::kind` returns).
    pub fn new(kind: NativeKind) -> Self {
        match kind {
            NativeKind::Md5 => Running::Md5(Default::default()),
            NativeKind::Sha1 => Running::Sha1(Default::default()),
            NativeKind::Sha224 => Running::Sha224(Default::default()),
            NativeKind::Sha256 => Running::Sha256(Default::default()),
            NativeKind::Sha384 => Running::Sha384(Default::default()),
            NativeKind::Sha512 => Running::Sha512(Default::default()),
            NativeKind::Sha3_224 => Running::Sha3_224(Default::default()),
            NativeKind::Sha3_256 => Running::Sha3_256(Default::default()),
            NativeKind::Sha3_384 => Running::Sha3_384(Default::default()),
            NativeKind::Sha3_512 => Running::Sha3_512(Default::default()),
            NativeKind::Shake128 => Running::Shake128(Default::default()),
            NativeKind::Shake256 => Running::Shake256(Default::default()),
            NativeKind::Blake2b => Running::Blake2b(blake2b_simd::State::new()),
            NativeKind::Blake2s => Running::Blake2s(blake2s_simd::State::new()),
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
            Running::Sha3_224(_) => NativeKind::Sha3_224,
            Running::Sha3_256(_) => NativeKind::Sha3_256,
            Running::Sha3_384(_) => NativeKind::Sha3_384,
            Running::Sha3_512(_) => NativeKind::Sha3_512,
            Running::Shake128(_) => NativeKind::Shake128,
            Running::Shake256(_) => NativeKind::Shake256,
            Running::Blake2b(_) => NativeKind::Blake2b,
            Running::Blake2s(_) => NativeKind::Blake2s,
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
            Running::Sha3_224(d) => d.update(data),
            Running::Sha3_256(d) => d.update(data),
            Running::Sha3_384(d) => d.update(data),
            Running::Sha3_512(d) => d.update(data),
            Running::Shake128(d) => digest::Update::update(d, data),
            Running::Shake256(d) => digest::Update::update(d, data),
            Running::Blake2b(d) => {
                d.update(data);
            }
            Running::Blake2s(d) => {
                d.update(data);
            }
        }
    }

    /// The digest of what was hashed so far, `length` bytes of it for an
    /// extendable-output function (SHAKE). The running state is kept:
    /// `digest()` may be called again, and `update()` after it.
    fn digest(&self, length: usize) -> Vec<u8> {
        use digest::ExtendableOutput;
        fn xof(mut reader: impl digest::XofReader, length: usize) -> Vec<u8> {
            let mut out = vec![0; length];
            reader.read(&mut out);
            out
        }
        match self {
            Running::Md5(d) => d.clone().finalize().to_vec(),
            Running::Sha1(d) => d.clone().finalize().to_vec(),
            Running::Sha224(d) => d.clone().finalize().to_vec(),
            Running::Sha256(d) => d.clone().finalize().to_vec(),
            Running::Sha384(d) => d.clone().finalize().to_vec(),
            Running::Sha512(d) => d.clone().finalize().to_vec(),
            Running::Sha3_224(d) => d.clone().finalize().to_vec(),
            Running::Sha3_256(d) => d.clone().finalize().to_vec(),
            Running::Sha3_384(d) => d.clone().finalize().to_vec(),
            Running::Sha3_512(d) => d.clone().finalize().to_vec(),
            Running::Shake128(d) => xof(d.clone().finalize_xof(), length),
            Running::Shake256(d) => xof(d.clone().finalize_xof(), length),
            Running::Blake2b(d) => d.finalize().as_bytes().to_vec(),
            Running::Blake2s(d) => d.finalize().as_bytes().to_vec(),
        }
    }
}

/// `(name, module, digest_size, block_size)` of a digest kind; the
/// digest size is BLAKE2's largest (an object may be made shorter) and 0
/// for SHAKE (the caller asks for a length).
pub fn describe(kind: NativeKind) -> (&'static str, &'static str, usize, i64) {
    let (digest_size, block_size) = match kind {
        NativeKind::Md5 => (16, 64),
        NativeKind::Sha1 => (20, 64),
        NativeKind::Sha224 => (28, 64),
        NativeKind::Sha256 => (32, 64),
        NativeKind::Sha384 => (48, 128),
        NativeKind::Sha512 => (64, 128),
        NativeKind::Sha3_224 => (28, 144),
        NativeKind::Sha3_256 => (32, 136),
        NativeKind::Sha3_384 => (48, 104),
        NativeKind::Sha3_512 => (64, 72),
        NativeKind::Shake128 => (0, 168),
        NativeKind::Shake256 => (0, 136),
        NativeKind::Blake2b => (64, 128),
        NativeKind::Blake2s => (32, 64),
        other => unreachable!("{other:?} is not a digest"),
    };
    (kind.short_name(), kind.module(), digest_size, block_size)
}

/// Whether `kind` is an extendable-output function (SHAKE), whose
/// `digest(length)` takes the length.
fn is_xof(kind: NativeKind) -> bool {
    matches!(kind, NativeKind::Shake128 | NativeKind::Shake256)
}

/// A hash object.
pub struct HashObject {
    kind: NativeKind,
    /// The digest's length in bytes (chosen per object for BLAKE2).
    digest_size: usize,
    running: Mutex<Running>,
}

impl HashObject {
    fn new(running: Running, digest_size: usize) -> Self {
        Self {
            kind: running.kind(),
            digest_size,
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
        let (algorithm, module, _, block_size) = describe(self.kind);
        match (module, name) {
            (_, "name") => Some(ops::new_str(algorithm)),
            (_, "digest_size") => Some(Value::Int(self.digest_size as i64)),
            (_, "block_size") => Some(Value::Int(block_size)),
            // The sponge's parameters and padding.
            ("_sha3", "_rate_bits") => Some(Value::Int(block_size * 8)),
            ("_sha3", "_capacity_bits") => Some(Value::Int(1600 - block_size * 8)),
            ("_sha3", "_suffix") => Some(super::bytes::new_bytes(vec![if is_xof(self.kind) {
                0x1f
            } else {
                0x06
            }])),
            ("_blake2", _) => blake2_constant(self.kind, name).map(Value::Int),
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
/// and `no_new` (a builtin function is a plain `fn`, so the kind it
/// makes is chosen at compile time).
pub const KINDS: [NativeKind; 14] = [
    NativeKind::Md5,
    NativeKind::Sha1,
    NativeKind::Sha224,
    NativeKind::Sha256,
    NativeKind::Sha384,
    NativeKind::Sha512,
    NativeKind::Sha3_224,
    NativeKind::Sha3_256,
    NativeKind::Sha3_384,
    NativeKind::Sha3_512,
    NativeKind::Shake128,
    NativeKind::Shake256,
    NativeKind::Blake2b,
    NativeKind::Blake2s,
];

/// What makes hash objects: the module functions (`_md5.md5(b'...')`)
/// and the `_sha3`/`_blake2` types (`_sha3.sha3_256(b'...')`). A new
/// hash object of kind `KINDS[K]`.
pub fn constructor<S: LockStrategy, const K: usize>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let kind = KINDS[K];
    match kind.module() {
        "_blake2" => blake2_new(vm, kind, args),
        // CPython's `_sha3` names every constructor `sha3_224` in its
        // argument errors (one argument parser serves them all).
        "_sha3" => plain_new(vm, kind, "sha3_224", None, args),
        _ => plain_new(vm, kind, kind.short_name(), Some("string"), args),
    }
}

/// `md5(string=b'', *, usedforsecurity=True)` and the SHA-3 constructors
/// (`sha3_256(data=b'', /, *, usedforsecurity=True)`): `keyword` is the
/// name the data may be passed by, if any; `name` is the function's name
/// in argument errors.
fn plain_new<S: LockStrategy>(
    vm: &mut Vm<S>,
    kind: NativeKind,
    name: &str,
    keyword: Option<&str>,
    mut args: Args<S>,
) -> PyResult<S> {
    let mut data = keyword.and_then(|k| args.take_kw(k));
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
    let (_, _, digest_size, _) = describe(kind);
    let hash = HashObject::new(Running::new(kind), digest_size);
    if let Some(data) = &data {
        let bytes = data_arg(vm, data)?;
        hash.update(vm, &bytes);
    }
    Ok(super::new_object(hash))
}

/// `(SALT_SIZE, PERSON_SIZE, MAX_KEY_SIZE, MAX_DIGEST_SIZE)` of BLAKE2b
/// or BLAKE2s.
fn blake2_sizes(kind: NativeKind) -> (usize, usize, usize, usize) {
    match kind {
        NativeKind::Blake2b => (16, 16, 64, 64),
        _ => (8, 8, 32, 32),
    }
}

/// A BLAKE2 object's class constant (`h.SALT_SIZE`...).
fn blake2_constant(kind: NativeKind, name: &str) -> Option<i64> {
    let (salt, person, key, digest) = blake2_sizes(kind);
    Some(match name {
        "SALT_SIZE" => salt,
        "PERSON_SIZE" => person,
        "MAX_KEY_SIZE" => key,
        "MAX_DIGEST_SIZE" => digest,
        _ => return None,
    } as i64)
}

/// The `_blake2` module's constants.
pub fn blake2_module_constants() -> Vec<(&'static str, i64)> {
    let (bs, bp, bk, bd) = blake2_sizes(NativeKind::Blake2b);
    let (ss, sp, sk, sd) = blake2_sizes(NativeKind::Blake2s);
    [
        ("BLAKE2B_SALT_SIZE", bs),
        ("BLAKE2B_PERSON_SIZE", bp),
        ("BLAKE2B_MAX_KEY_SIZE", bk),
        ("BLAKE2B_MAX_DIGEST_SIZE", bd),
        ("BLAKE2S_SALT_SIZE", ss),
        ("BLAKE2S_PERSON_SIZE", sp),
        ("BLAKE2S_MAX_KEY_SIZE", sk),
        ("BLAKE2S_MAX_DIGEST_SIZE", sd),
    ]
    .into_iter()
    .map(|(n, v)| (n, v as i64))
    .collect()
}

/// An int argument (through `__index__`), with CPython's TypeError.
fn int_param<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, BigInt> {
    let i = ops::as_index(vm, v)?;
    ops::to_big(&i).ok_or_else(|| {
        vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            ops::type_name(v)
        ))
    })
}

/// An unsigned int argument: negative ones are CPython's ValueError.
fn unsigned_param<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, BigInt> {
    let i = int_param(vm, v)?;
    if i.sign() == Sign::Minus {
        return Err(vm.value_error("value must be positive"));
    }
    Ok(i)
}

/// A bytes-like argument (a key, salt or personalisation).
fn bytes_param<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>) -> PyResult<S, Vec<u8>> {
    super::bytes::bytes_like(v)
        .map(|b| b.into_owned())
        .ok_or_else(|| {
            vm.type_error(format!(
                "a bytes-like object is required, not '{}'",
                ops::type_name(v)
            ))
        })
}

/// `blake2b(data=b'', /, *, digest_size=64, key=b'', salt=b'', person=b'',
/// fanout=1, depth=1, leaf_size=0, node_offset=0, node_depth=0,
/// inner_size=0, last_node=False, usedforsecurity=True)`, and `blake2s`
/// with its smaller limits; checked in CPython's order.
fn blake2_new<S: LockStrategy>(vm: &mut Vm<S>, kind: NativeKind, mut args: Args<S>) -> PyResult<S> {
    let name = kind.short_name();
    if args.pos.len() > 1 {
        return Err(vm.type_error(format!(
            "{name}() takes at most 1 positional argument ({} given)",
            args.pos.len()
        )));
    }
    let (salt_size, person_size, max_key, max_digest) = blake2_sizes(kind);
    let small =
        |i: &BigInt, lo: i64, hi: i64| i64::try_from(i).is_ok_and(|i| (lo..=hi).contains(&i));
    let mut digest_size = max_digest;
    let (mut key, mut salt, mut person) = (Vec::new(), Vec::new(), Vec::new());
    let (mut fanout, mut depth, mut node_depth, mut inner_size) = (1u8, 1u8, 0u8, 0usize);
    let mut last_node = false;
    let (mut leaf_big, mut offset_big) = (BigInt::from(0), BigInt::from(0));
    let (mut digest_big, mut fanout_big, mut depth_big, mut node_depth_big, mut inner_big) =
        (None, None, None, None, None);
    for (k, v) in std::mem::take(&mut args.kw) {
        match k.as_str() {
            "digest_size" => digest_big = Some(int_param(vm, &v)?),
            "key" => key = bytes_param(vm, &v)?,
            "salt" => salt = bytes_param(vm, &v)?,
            "person" => person = bytes_param(vm, &v)?,
            "fanout" => fanout_big = Some(int_param(vm, &v)?),
            "depth" => depth_big = Some(int_param(vm, &v)?),
            "leaf_size" => leaf_big = unsigned_param(vm, &v)?,
            "node_offset" => offset_big = unsigned_param(vm, &v)?,
            "node_depth" => node_depth_big = Some(int_param(vm, &v)?),
            "inner_size" => inner_big = Some(int_param(vm, &v)?),
            "last_node" => last_node = ops::truthy(vm, &v)?,
            "usedforsecurity" => {}
            _ => {
                return Err(
                    vm.type_error(format!("'{k}' is an invalid keyword argument for {name}()"))
                )
            }
        }
    }
    if let Some(d) = &digest_big {
        if !small(d, 1, max_digest as i64) {
            return Err(vm.value_error(format!(
                "digest_size must be between 1 and {max_digest} bytes"
            )));
        }
        digest_size = i64::try_from(d).unwrap_or_default() as usize;
    }
    if salt.len() > salt_size {
        return Err(vm.value_error(format!("maximum salt length is {salt_size} bytes")));
    }
    if person.len() > person_size {
        return Err(vm.value_error(format!("maximum person length is {person_size} bytes")));
    }
    if let Some(f) = &fanout_big {
        if !small(f, 0, 255) {
            return Err(vm.value_error("fanout must be between 0 and 255"));
        }
        fanout = i64::try_from(f).unwrap_or_default() as u8;
    }
    if let Some(d) = &depth_big {
        if !small(d, 1, 255) {
            return Err(vm.value_error("depth must be between 1 and 255"));
        }
        depth = i64::try_from(d).unwrap_or_default() as u8;
    }
    let Ok(leaf_size) = u32::try_from(&leaf_big) else {
        return Err(vm.new_error("OverflowError", "leaf_size is too large"));
    };
    // BLAKE2s keeps the node offset in 48 bits.
    let offset_limit: u64 = match kind {
        NativeKind::Blake2b => u64::MAX,
        _ => (1 << 48) - 1,
    };
    let node_offset = match u64::try_from(&offset_big) {
        Ok(o) if o <= offset_limit => o,
        _ => return Err(vm.new_error("OverflowError", "node_offset is too large")),
    };
    if let Some(d) = &node_depth_big {
        if !small(d, 0, 255) {
            return Err(vm.value_error("node_depth must be between 0 and 255"));
        }
        node_depth = i64::try_from(d).unwrap_or_default() as u8;
    }
    if let Some(d) = &inner_big {
        if !small(d, 0, max_digest as i64) {
            return Err(vm.value_error(format!("inner_size must be between 0 and is {max_digest}")));
        }
        inner_size = i64::try_from(d).unwrap_or_default() as usize;
    }
    if key.len() > max_key {
        return Err(vm.value_error(format!("maximum key length is {max_key} bytes")));
    }
    let running = match kind {
        NativeKind::Blake2b => Running::Blake2b(
            blake2b_simd::Params::new()
                .hash_length(digest_size)
                .key(&key)
                .salt(&salt)
                .personal(&person)
                .fanout(fanout)
                .max_depth(depth)
                .max_leaf_length(leaf_size)
                .node_offset(node_offset)
                .node_depth(node_depth)
                .inner_hash_length(inner_size)
                .last_node(last_node)
                .to_state(),
        ),
        _ => Running::Blake2s(
            blake2s_simd::Params::new()
                .hash_length(digest_size)
                .key(&key)
                .salt(&salt)
                .personal(&person)
                .fanout(fanout)
                .max_depth(depth)
                .max_leaf_length(leaf_size)
                .node_offset(node_offset)
                .node_depth(node_depth)
                .inner_hash_length(inner_size)
                .last_node(last_node)
                .to_state(),
        ),
    };
    let hash = HashObject::new(running, digest_size);
    if let Some(data) = args.pos.first() {
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

/// The digest `h.digest(...)`/`h.hexdigest(...)` asks for: the whole
/// one, or for SHAKE the `length` bytes given as the one argument.
fn digest_of<S: LockStrategy>(
    vm: &mut Vm<S>,
    method: &str,
    args: &Args<S>,
) -> PyResult<S, Vec<u8>> {
    let this = receiver(vm, method, args)?;
    if !is_xof(this.kind) {
        receiver_only::<S, HashObject>(vm, method, this.kind, args)?;
        return Ok(this.with(vm, false, |r| r.digest(this.digest_size)));
    }
    let name = this.kind.short_name();
    if !args.kw.is_empty() {
        return Err(vm.type_error(format!("{name}.{method}() takes no keyword arguments")));
    }
    if args.pos.len() != 2 {
        return Err(vm.type_error(format!(
            "{name}.{method}() takes exactly one argument ({} given)",
            args.pos.len() - 1
        )));
    }
    // CPython reads the length as a C unsigned long, without `__index__`.
    let Some(length) = ops::to_big(&args.pos[1]) else {
        return Err(vm.type_error("an integer is required"));
    };
    if length.sign() == Sign::Minus {
        return Err(vm.value_error("value must be positive"));
    }
    let Ok(length) = u64::try_from(&length) else {
        return Err(vm.new_error(
            "OverflowError",
            "Python int too large to convert to C unsigned long",
        ));
    };
    if length >= 1 << 29 {
        return Err(vm.value_error("length is too large"));
    }
    Ok(this.with(vm, false, |r| r.digest(length as usize)))
}

/// `h.digest()`: the digest so far, as bytes.
fn digest<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    Ok(super::bytes::new_bytes(digest_of(vm, "digest", &args)?))
}

/// `h.hexdigest()`: the digest so far, as lowercase hex digits.
fn hexdigest<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let digest = digest_of(vm, "hexdigest", &args)?;
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    Ok(ops::new_str(hex))
}

/// `h.copy()`: a new hash object in the same state.
fn copy<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let this = receiver(vm, "copy", &args)?;
    receiver_only::<S, HashObject>(vm, "copy", this.kind, &args)?;
    let running = this.with(vm, false, |r| r.clone());
    Ok(super::new_object(HashObject::new(
        running,
        this.digest_size,
    )))
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
        name: KINDS[K].short_name(),
        builtin: false,
        // `_sha3` and `_blake2` bind their types themselves, which make
        // the objects; the older modules bind functions.
        new: match KINDS[K].module() {
            "_sha3" | "_blake2" => constructor::<S, K>,
            _ => no_new::<S, K>,
        },
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
        base: Base::Refused,
    }
}
