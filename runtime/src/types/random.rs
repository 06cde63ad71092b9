//! `_random.Random`: the Mersenne Twister (MT19937) behind CPython's
//! `random` module, as `Modules/_randommodule.c`.
//!
//! Everything that decides the numbers is CPython's: an int seed is its
//! absolute value cut into 32-bit words, least significant first, fed to
//! `init_by_array`; any other seed is its `hash()` as an unsigned 64-bit
//! word; `random()` takes 53 bits from two outputs; `getrandbits(k)` fills
//! 32-bit words from the least significant up, dropping the low bits of
//! the last. So `random.seed(n)` gives CPython's exact sequence for every
//! method `Lib/random.py` builds on these.
//!
//! The generator's state lives in an [`ObjCell`] read through the object's
//! header: under `finegrained` each call holds the object's lock, so two
//! threads drawing from one generator never see a half-updated state (as
//! CPython's calls, which hold the GIL). The lock is held only while words
//! are drawn; ints are built after it is let go.

use super::{Base, NativeKind, NativeObject, TypeSpec};
use crate::object::{NativeFn, ObjCell, ObjRef, Payload, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};
use num_bigint::{BigInt, BigUint, Sign};
use std::any::Any;

/// The generator's degree of recurrence (words of state).
const N: usize = 624;
/// The middle word.
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// MT19937's state: the words and the position of the next one to temper.
/// `index == N` means the words are used up and are regenerated first.
#[derive(Clone)]
pub struct Mt {
    words: [u32; N],
    index: usize,
}

impl Mt {
    /// The state of an object that was never seeded (CPython allocates it
    /// zeroed): it draws zeros until seeded.
    fn zeroed() -> Self {
        Self {
            words: [0; N],
            index: 0,
        }
    }

    /// `init_genrand`: the state from one 32-bit seed.
    fn init_genrand(&mut self, seed: u32) {
        self.words[0] = seed;
        for i in 1..N {
            let prev = self.words[i - 1];
            self.words[i] = 1_812_433_253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
        }
        self.index = N;
    }

    /// `init_by_array`: the state from a key of any length.
    fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19_650_218);
        let mt = &mut self.words;
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(key.len()) {
            let prev = mt[i - 1];
            mt[i] = (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = mt[i - 1];
            mt[i] =
                (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        // The most significant bit is 1, so the state is never all zeros.
        mt[0] = 0x8000_0000;
    }

    /// The next 32-bit output (`genrand_uint32`).
    fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            self.regenerate();
        }
        let mut y = self.words[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// The next `N` words of the recurrence, all at once.
    fn regenerate(&mut self) {
        let mt = &mut self.words;
        let twist = |upper: u32, lower: u32, far: u32| {
            let y = (upper & UPPER_MASK) | (lower & LOWER_MASK);
            far ^ (y >> 1) ^ if y & 1 == 1 { MATRIX_A } else { 0 }
        };
        for k in 0..N - M {
            mt[k] = twist(mt[k], mt[k + 1], mt[k + M]);
        }
        for k in N - M..N - 1 {
            mt[k] = twist(mt[k], mt[k + 1], mt[k + M - N]);
        }
        mt[N - 1] = twist(mt[N - 1], mt[0], mt[M - 1]);
        self.index = 0;
    }

    /// A float in [0, 1) with 53 random bits (`random_random`).
    fn next_f64(&mut self) -> f64 {
        let a = (self.next_u32() >> 5) as f64;
        let b = (self.next_u32() >> 6) as f64;
        (a * 67_108_864.0 + b) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `k` random bits (`k > 32`) as little-endian 32-bit words: each word
    /// drawn in turn, the last shifted right to keep its high bits.
    fn bits_words(&mut self, k: usize) -> Vec<u32> {
        let words = (k - 1) / 32 + 1;
        let mut out = Vec::with_capacity(words);
        let mut left = k;
        for _ in 0..words {
            let r = self.next_u32();
            out.push(if left < 32 { r >> (32 - left) } else { r });
            left = left.saturating_sub(32);
        }
        out
    }
}

/// A generator object's state, behind the object's lock.
pub struct Random {
    state: ObjCell<Mt>,
}

impl Random {
    fn new(mt: Mt) -> Self {
        Self {
            state: ObjCell::new(mt),
        }
    }

    /// Runs `f` on the state under the object's lock (`this` carries this
    /// state: the generator or an instance of a subclass). `f` runs no
    /// Python code.
    fn with<S: LockStrategy, R>(&self, this: &ObjRef<S>, f: impl FnOnce(&mut Mt) -> R) -> R {
        self.state.with::<S, _>(&this.header, f)
    }
}

impl<S: LockStrategy> NativeObject<S> for Random {
    fn kind(&self) -> NativeKind {
        NativeKind::Random
    }

    fn repr(&self, vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, String> {
        Ok(match this.stored() {
            // An instance of a subclass: named by its class's `__module__`.
            Payload::Instance(_) => crate::repr::default_repr(vm, &Value::Obj(this.clone())),
            _ => format!("<_random.Random object at {:#x}>", this.addr()),
        })
    }

    fn hash(&self, this: &ObjRef<S>) -> Option<i64> {
        // `object.__hash__`: by identity.
        Some(crate::dict::identity_hash(this.addr()))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The receiver of a method and its state.
fn receiver<'a, S: LockStrategy>(
    vm: &Vm<S>,
    method: &str,
    args: &'a Args<S>,
) -> PyResult<S, (&'a ObjRef<S>, &'a Random)> {
    let this = super::receiver::<S, Random>(vm, method, NativeKind::Random, &args.pos)?;
    let o = args.pos[0].obj().expect("a generator is an object");
    Ok((o, this))
}

/// Checks that a method got exactly one positional argument after its
/// receiver, with CPython's messages.
fn one_argument<S: LockStrategy>(vm: &Vm<S>, method: &str, args: &Args<S>) -> PyResult<S, ()> {
    if !args.kw.is_empty() {
        return Err(vm.type_error(format!("Random.{method}() takes no keyword arguments")));
    }
    match args.pos.len() - 1 {
        1 => Ok(()),
        n => Err(vm.type_error(format!(
            "Random.{method}() takes exactly one argument ({n} given)"
        ))),
    }
}

/// The int value of `v` (an int, a bool, or an instance of an int
/// subclass), `None` for anything else.
fn int_value<S: LockStrategy>(v: &Value<S>) -> Option<BigInt> {
    ops::to_big(v).or_else(|| {
        crate::subclass::numeric_value(v)
            .filter(ops::is_int_like)
            .and_then(|n| ops::to_big(&n))
    })
}

/// The key that seeds the generator from `seed` (`random_seed`): an int's
/// absolute value, any other object's hash read as an unsigned 64-bit
/// word, cut into 32-bit words, least significant first; `None` seeds
/// from the operating system's randomness.
fn seed_key<S: LockStrategy>(vm: &mut Vm<S>, seed: &Value<S>) -> PyResult<S, Vec<u32>> {
    let n: BigUint = match seed {
        Value::None => return Ok(entropy_key()),
        v => match int_value(v) {
            Some(i) => i.magnitude().clone(),
            None => BigUint::from(crate::dict::py_hash(vm, v)? as u64),
        },
    };
    let mut key = n.to_u32_digits();
    if key.is_empty() {
        key.push(0);
    }
    Ok(key)
}

/// `N` words from the operating system's random source; the time and
/// the process id when it cannot be read (CPython's fallback too).
fn entropy_key() -> Vec<u32> {
    use std::io::Read;
    let mut bytes = vec![0u8; N * 4];
    let read = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut bytes));
    if read.is_ok() {
        return bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    vec![
        now.as_secs() as u32,
        (now.as_secs() >> 32) as u32,
        now.subsec_nanos(),
        std::process::id(),
    ]
}

/// Seeds the generator behind `this` from `seed`.
fn seed_object<S: LockStrategy>(
    vm: &mut Vm<S>,
    o: &ObjRef<S>,
    this: &Random,
    seed: &Value<S>,
) -> PyResult<S, ()> {
    let key = seed_key(vm, seed)?;
    this.with::<S, _>(o, |mt| mt.init_by_array(&key));
    Ok(())
}

/// `Random(seed=None)` and `Random.__init__`'s checks: no keywords, at
/// most one argument.
fn seed_argument<S: LockStrategy>(vm: &Vm<S>, args: &Args<S>, given: usize) -> PyResult<S, ()> {
    if !args.kw.is_empty() {
        return Err(vm.type_error("Random() takes no keyword arguments"));
    }
    if given > 1 {
        return Err(vm.type_error("Random() requires 0 or 1 argument"));
    }
    Ok(())
}

/// `_random.Random(seed=None)`: a new generator, seeded.
fn random_new<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    seed_argument(vm, &args, args.pos.len())?;
    let seed = args.pos.first().cloned().unwrap_or(Value::None);
    let key = seed_key(vm, &seed)?;
    let mut mt = Mt::zeroed();
    mt.init_by_array(&key);
    Ok(super::new_object(Random::new(mt)))
}

/// `Random.__init__(self, seed=None)`: seeds the generator (how an
/// instance of a subclass that keeps this `__init__` is seeded).
fn random_init<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let (o, this) = receiver(vm, "__init__", &args)?;
    seed_argument(vm, &args, args.pos.len() - 1)?;
    let seed = args.pos.get(1).cloned().unwrap_or(Value::None);
    seed_object(vm, o, this, &seed)?;
    Ok(Value::None)
}

/// `Random.seed(n=None, /)`.
fn seed<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let (o, this) = receiver(vm, "seed", &args)?;
    if !args.kw.is_empty() {
        return Err(vm.type_error("Random.seed() takes no keyword arguments"));
    }
    if args.pos.len() > 2 {
        return Err(vm.type_error(format!(
            "seed expected at most 1 argument, got {}",
            args.pos.len() - 1
        )));
    }
    let seed = args.pos.get(1).cloned().unwrap_or(Value::None);
    seed_object(vm, o, this, &seed)?;
    Ok(Value::None)
}

/// `Random.random()`: a float in [0, 1).
fn random<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    super::receiver_only::<S, Random>(vm, "random", NativeKind::Random, &args)?;
    let (o, this) = receiver(vm, "random", &args)?;
    Ok(Value::Float(this.with::<S, _>(o, Mt::next_f64)))
}

/// `Random.getrandbits(k, /)`: an int of `k` random bits.
fn getrandbits<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let (o, this) = receiver(vm, "getrandbits", &args)?;
    one_argument(vm, "getrandbits", &args)?;
    let k = ops::as_index(vm, &args.pos[1])?;
    let k = match int_value(&k) {
        Some(k) => k,
        None => {
            return Err(vm.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                ops::type_name(&args.pos[1])
            )))
        }
    };
    // CPython reads `k` as a C int.
    let Ok(k) = i32::try_from(&k) else {
        return Err(vm.new_error("OverflowError", "Python int too large to convert to C int"));
    };
    if k < 0 {
        return Err(vm.value_error("number of bits must be non-negative"));
    }
    let k = k as usize;
    if k == 0 {
        return Ok(Value::Int(0));
    }
    if k <= 32 {
        let r = this.with::<S, _>(o, |mt| mt.next_u32() >> (32 - k));
        return Ok(Value::Int(r as i64));
    }
    let words = this.with::<S, _>(o, |mt| mt.bits_words(k));
    Ok(ops::int_from_big(BigInt::from_biguint(
        Sign::Plus,
        BigUint::new(words),
    )))
}

/// `Random.getstate()`: the `N` words and the index, a tuple of ints.
fn getstate<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    super::receiver_only::<S, Random>(vm, "getstate", NativeKind::Random, &args)?;
    let (o, this) = receiver(vm, "getstate", &args)?;
    let mt = this.with::<S, _>(o, |mt| mt.clone());
    let mut items: Vec<Value<S>> = mt.words.iter().map(|w| Value::Int(*w as i64)).collect();
    items.push(Value::Int(mt.index as i64));
    Ok(ops::new_tuple(items))
}

/// One word of a state tuple, read as CPython's `PyLong_AsUnsignedLong`
/// reads it (an int only, truncated to 32 bits as the C cast does).
fn state_word<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>) -> PyResult<S, u32> {
    let Some(i) = int_value(v) else {
        return Err(vm.type_error("an integer is required"));
    };
    if i.sign() == Sign::Minus {
        return Err(vm.new_error(
            "OverflowError",
            "can't convert negative value to unsigned int",
        ));
    }
    match u64::try_from(&i) {
        Ok(w) => Ok(w as u32),
        Err(_) => Err(vm.new_error(
            "OverflowError",
            "Python int too large to convert to C unsigned long",
        )),
    }
}

/// `Random.setstate(state, /)`: the state that `getstate()` returned.
fn setstate<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let (o, this) = receiver(vm, "setstate", &args)?;
    one_argument(vm, "setstate", &args)?;
    let Some(Payload::Tuple(items)) = args.pos[1].payload() else {
        return Err(vm.type_error("state vector must be a tuple"));
    };
    if items.len() != N + 1 {
        return Err(vm.value_error("state vector is the wrong size"));
    }
    let mut mt = Mt::zeroed();
    for (word, item) in mt.words.iter_mut().zip(items.iter()) {
        *word = state_word(vm, item)?;
    }
    // CPython's `PyLong_AsLong`: `__index__` is honoured here.
    let index = ops::as_index(vm, &items[N])?;
    let index = match int_value(&index) {
        Some(i) => i,
        None => {
            return Err(vm.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                ops::type_name(&items[N])
            )))
        }
    };
    let Ok(index) = i64::try_from(&index) else {
        return Err(vm.new_error("OverflowError", "Python int too large to convert to C long"));
    };
    if !(0..=N as i64).contains(&index) {
        return Err(vm.value_error("invalid state"));
    }
    mt.index = index as usize;
    this.with::<S, _>(o, |state| *state = mt);
    Ok(Value::None)
}

/// The type's registration (see `types/mod.rs`).
pub fn spec<S: LockStrategy>() -> TypeSpec<S> {
    TypeSpec {
        name: NativeKind::Random.short_name(),
        builtin: false,
        new: random_new,
        methods: || {
            let methods: Vec<(&'static str, NativeFn<S>)> = vec![
                ("random", random),
                ("seed", seed),
                ("getstate", getstate),
                ("setstate", setstate),
                ("getrandbits", getrandbits),
            ];
            methods
        },
        dunders: &[],
        base: Base::FilledByInit {
            empty: || Box::new(Random::new(Mt::zeroed())),
            init: random_init,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference outputs of Matsumoto and Nishimura's `mt19937ar.c`
    /// for the key {0x123, 0x234, 0x345, 0x456}.
    #[test]
    fn reference_outputs() {
        let mut mt = Mt::zeroed();
        mt.init_by_array(&[0x123, 0x234, 0x345, 0x456]);
        let first: Vec<u32> = (0..5).map(|_| mt.next_u32()).collect();
        assert_eq!(
            first,
            [1067595299, 955945823, 477289528, 4107218783, 4228976476]
        );
    }
}
