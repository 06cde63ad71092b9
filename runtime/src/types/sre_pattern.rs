//! `re.Pattern`: a compiled regular expression, as CPython's
//! `Modules/_sre/sre.c` makes it (`_sre.compile`). Immutable, so read
//! without a lock; each method runs the engine on its own state, so two
//! threads may use one pattern at once.
//!
//! `sub` with a template that has a backslash hands it to `re._subx` (and
//! `Match.expand` to `re._expand`), as CPython does: template parsing is
//! the Python part of `re`.

use super::sre_match::Match;
use super::{NativeKind, NativeObject, TypeSpec};
use crate::modules::sre::{self, params, ssize, Mode};
use crate::object::{ObjRef, Payload, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};
use std::any::Any;
use std::sync::Arc;

/// A compiled pattern.
pub struct Pattern<S: LockStrategy> {
    /// The source: a str, bytes, or None (a pattern built from a parsed
    /// tree, as `re.Scanner` does).
    pub pattern: Value<S>,
    pub flags: i64,
    pub code: Arc<[u32]>,
    /// The number of capturing groups.
    pub groups: usize,
    /// Names to group numbers (a copy of the compiler's dict), if any.
    pub groupindex: Option<Value<S>>,
    /// Group numbers to names (a tuple).
    pub indexgroup: Value<S>,
    /// Whether the pattern is bytes (`None`: it takes either).
    pub isbytes: Option<bool>,
}

fn receiver<'a, S: LockStrategy>(
    vm: &Vm<S>,
    method: &str,
    args: &'a Args<S>,
) -> PyResult<S, &'a Pattern<S>> {
    super::receiver::<S, Pattern<S>>(vm, method, NativeKind::SrePattern, &args.pos)
}

/// `pos` and `endpos` arguments (defaults 0 and `sys.maxsize`).
fn range_args<S: LockStrategy>(
    vm: &mut Vm<S>,
    pos: &Option<Value<S>>,
    endpos: &Option<Value<S>>,
) -> PyResult<S, (i64, i64)> {
    let pos = match pos {
        Some(v) => ssize(vm, v)?,
        None => 0,
    };
    let endpos = match endpos {
        Some(v) => ssize(vm, v)?,
        None => i64::MAX,
    };
    Ok((pos, endpos))
}

/// The `(string, pos, endpos)` arguments of `match` and its kin.
fn string_args<S: LockStrategy>(
    vm: &mut Vm<S>,
    name: &str,
    args: Args<S>,
) -> PyResult<S, (Value<S>, Value<S>, i64, i64)> {
    let me = args.pos[0].clone();
    let a = params(
        vm,
        name,
        &args.pos[1..],
        args.kw,
        &["string", "pos", "endpos"],
        1,
    )?;
    let (pos, endpos) = range_args(vm, &a[1], &a[2])?;
    Ok((me, a[0].clone().unwrap_or(Value::None), pos, endpos))
}

fn pattern_run<S: LockStrategy>(
    vm: &mut Vm<S>,
    args: Args<S>,
    name: &str,
    mode: Mode,
) -> PyResult<S> {
    receiver(vm, name, &args)?;
    let (me, string, pos, endpos) = string_args(vm, name, args)?;
    let this = super::downcast::<S, Pattern<S>>(&me).expect("checked receiver");
    let (text, isbytes) = sre::subject(vm, this, &string)?;
    let (start, end) = sre::bounds(text.len(), pos, endpos);
    match sre::run(vm, this, &text, start, end, mode, false)? {
        Some(found) => Ok(Match::new_value(
            string.clone(),
            me.clone(),
            (start, end),
            found,
            isbytes,
            &text,
        )),
        None => Ok(Value::None),
    }
}

fn pattern_match<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    pattern_run(vm, args, "match", Mode::Match)
}

fn pattern_fullmatch<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    pattern_run(vm, args, "fullmatch", Mode::Fullmatch)
}

fn pattern_search<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    pattern_run(vm, args, "search", Mode::Search)
}

/// `findall`: the text of each match, or of its group, or a tuple of its
/// groups (unmatched groups as empty strings).
fn pattern_findall<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    receiver(vm, "findall", &args)?;
    let (me, string, pos, endpos) = string_args(vm, "findall", args)?;
    let this = super::downcast::<S, Pattern<S>>(&me).expect("checked receiver");
    let (text, isbytes) = sre::subject(vm, this, &string)?;
    let (mut start, end) = sre::bounds(text.len(), pos, endpos);
    let empty = sre::empty(isbytes);
    let mut items = Vec::new();
    let mut must_advance = false;
    while start <= end {
        let Some(found) = sre::run(vm, this, &text, start, end, Mode::Search, must_advance)? else {
            break;
        };
        let value = |g| sre::group_value(&string, &text, isbytes, &found, g, &empty);
        items.push(match this.groups {
            0 => value(0),
            1 => value(1),
            n => ops::new_tuple((1..=n).map(value).collect()),
        });
        must_advance = found.end() == found.start();
        start = found.end();
    }
    Ok(ops::new_list(items))
}

/// A new scanner over `string` (what `finditer` iterates).
fn new_scanner<S: LockStrategy>(
    vm: &mut Vm<S>,
    me: Value<S>,
    string: Value<S>,
    pos: i64,
    endpos: i64,
) -> PyResult<S> {
    let this = super::downcast::<S, Pattern<S>>(&me).expect("a pattern");
    let (text, _) = sre::subject(vm, this, &string)?;
    let (start, end) = sre::bounds(text.len(), pos, endpos);
    let wide = match text {
        sre::Text::Wide(w) => Some(w),
        sre::Text::Narrow(_) => None,
    };
    Ok(super::sre_scanner::Scanner::new_value(
        me.clone(),
        string,
        wide,
        start,
        end,
    ))
}

fn pattern_scanner<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    receiver(vm, "scanner", &args)?;
    let (me, string, pos, endpos) = string_args(vm, "scanner", args)?;
    new_scanner(vm, me, string, pos, endpos)
}

/// `finditer`: `iter(scanner.search, None)`, as CPython builds it.
fn pattern_finditer<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    receiver(vm, "finditer", &args)?;
    let (me, string, pos, endpos) = string_args(vm, "finditer", args)?;
    let scanner = new_scanner(vm, me, string, pos, endpos)?;
    let search = crate::vm::name_obj(vm, "search");
    let search = ops::get_attr(vm, &scanner, &search)?;
    Ok(Value::Obj(ObjRef::new(Payload::Iter(
        crate::object::ObjCell::new(crate::object::IterState::Callable {
            func: search,
            sentinel: Value::None,
        }),
    ))))
}

/// `split`: the text between matches, with each match's groups.
fn pattern_split<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    receiver(vm, "split", &args)?;
    let me = args.pos[0].clone();
    let a = params(
        vm,
        "split",
        &args.pos[1..],
        args.kw,
        &["string", "maxsplit"],
        1,
    )?;
    let string = a[0].clone().unwrap_or(Value::None);
    let maxsplit = match &a[1] {
        Some(v) => ssize(vm, v)?,
        None => 0,
    };
    let this = super::downcast::<S, Pattern<S>>(&me).expect("checked receiver");
    let (text, isbytes) = sre::subject(vm, this, &string)?;
    let end = text.len();
    let (mut start, mut last, mut n) = (0, 0, 0);
    let mut must_advance = false;
    let mut items = Vec::new();
    while maxsplit == 0 || n < maxsplit {
        let Some(found) = sre::run(vm, this, &text, start, end, Mode::Search, must_advance)? else {
            break;
        };
        items.push(sre::slice(&string, &text, isbytes, last, found.start()));
        for g in 1..=this.groups {
            items.push(sre::group_value(
                &string,
                &text,
                isbytes,
                &found,
                g,
                &Value::None,
            ));
        }
        n += 1;
        must_advance = found.end() == found.start();
        start = found.end();
        last = start;
    }
    items.push(sre::slice(&string, &text, isbytes, last, end));
    Ok(ops::new_list(items))
}

/// What replaces each match in `sub`: a callable given the match, or a
/// value used as it is.
enum Filter<S: LockStrategy> {
    Call(Value<S>),
    Literal(Value<S>),
}

/// `sub` and `subn` (CPython's `pattern_subx`).
fn subx<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>, name: &str) -> PyResult<S> {
    receiver(vm, name, &args)?;
    let me = args.pos[0].clone();
    let a = params(
        vm,
        name,
        &args.pos[1..],
        args.kw,
        &["repl", "string", "count"],
        2,
    )?;
    let repl = a[0].clone().unwrap_or(Value::None);
    let string = a[1].clone().unwrap_or(Value::None);
    let count = match &a[2] {
        Some(v) => ssize(vm, v)?,
        None => 0,
    };
    let filter = if crate::builtins::is_callable(vm, &repl) {
        Filter::Call(repl)
    } else {
        // A template without a backslash is used as it is; others are
        // parsed by `re._subx` (which may give back a literal).
        let literal = match repl.as_str() {
            Some(s) => !s.contains('\\'),
            None => crate::types::bytes::bytes_like(&repl).is_some_and(|b| !b.contains(&b'\\')),
        };
        if literal {
            Filter::Literal(repl)
        } else {
            let f = sre::call_re(vm, "_subx", vec![me.clone(), repl])?;
            if crate::builtins::is_callable(vm, &f) {
                Filter::Call(f)
            } else {
                Filter::Literal(f)
            }
        }
    };
    let this = super::downcast::<S, Pattern<S>>(&me).expect("checked receiver");
    let (text, isbytes) = sre::subject(vm, this, &string)?;
    let end = text.len();
    let (mut start, mut i, mut n) = (0, 0, 0i64);
    let mut must_advance = false;
    let mut pieces = Vec::new();
    while count == 0 || n < count {
        let Some(found) = sre::run(vm, this, &text, start, end, Mode::Search, must_advance)? else {
            break;
        };
        let (b, e) = (found.start(), found.end());
        if i < b {
            pieces.push(sre::slice(&string, &text, isbytes, i, b));
        }
        let item = match &filter {
            Filter::Call(f) => {
                let m =
                    Match::new_value(string.clone(), me.clone(), (0, end), found, isbytes, &text);
                vm.call(f, vec![m])?
            }
            Filter::Literal(v) => v.clone(),
        };
        if !matches!(item, Value::None) {
            pieces.push(item);
        }
        i = e;
        n += 1;
        must_advance = e == b;
        start = e;
    }
    if i < end {
        pieces.push(sre::slice(&string, &text, isbytes, i, end));
    }
    let joiner = sre::empty(isbytes);
    let joined = if pieces.is_empty() {
        joiner
    } else {
        ops::call_method(vm, &joiner, "join", vec![ops::new_list(pieces)])?
    };
    Ok(if name == "subn" {
        ops::new_tuple(vec![joined, Value::Int(n)])
    } else {
        joined
    })
}

fn pattern_sub<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    subx(vm, args, "sub")
}

fn pattern_subn<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    subx(vm, args, "subn")
}

/// `copy.copy(p)` and `copy.deepcopy(p)`: a pattern is immutable.
fn pattern_copy<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    super::receiver_only::<S, Pattern<S>>(vm, "__copy__", NativeKind::SrePattern, &args)?;
    Ok(args.pos[0].clone())
}

fn pattern_deepcopy<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    receiver(vm, "__deepcopy__", &args)?;
    crate::builtins::arity(
        vm,
        "__deepcopy__",
        &Args::positional(args.pos[1..].to_vec()),
        1,
        1,
    )?;
    Ok(args.pos[0].clone())
}

fn pattern_new<S: LockStrategy>(vm: &mut Vm<S>, _args: Args<S>) -> PyResult<S> {
    Err(vm.type_error("cannot create 're.Pattern' instances"))
}

/// The flag names of a pattern's repr, in CPython's order.
const FLAG_NAMES: [(&str, i64); 9] = [
    ("re.TEMPLATE", 1),
    ("re.IGNORECASE", 2),
    ("re.LOCALE", 4),
    ("re.MULTILINE", 8),
    ("re.DOTALL", 16),
    ("re.UNICODE", 32),
    ("re.VERBOSE", 64),
    ("re.DEBUG", 128),
    ("re.ASCII", 256),
];

/// The first `n` characters of `s` (CPython's `%.200R`).
pub(crate) fn truncate(s: String, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => s[..i].to_string(),
        None => s,
    }
}

impl<S: LockStrategy> NativeObject<S> for Pattern<S> {
    fn kind(&self) -> NativeKind {
        NativeKind::SrePattern
    }

    fn repr(&self, vm: &mut Vm<S>, _this: &ObjRef<S>) -> PyResult<S, String> {
        let source = truncate(crate::repr::repr(vm, &self.pattern)?, 200);
        let mut flags = self.flags;
        // re.UNICODE is implied for a str pattern.
        if self.isbytes == Some(false) && flags & (4 | 32 | 256) == 32 {
            flags &= !32;
        }
        if flags == 0 {
            return Ok(format!("re.compile({source})"));
        }
        let mut names = Vec::new();
        for (name, bit) in FLAG_NAMES {
            if flags & bit != 0 {
                names.push(name.to_string());
                flags &= !bit;
            }
        }
        if flags != 0 {
            names.push(format!("{flags:#x}"));
        }
        Ok(format!("re.compile({source}, {})", names.join("|")))
    }

    fn hash(&self, _this: &ObjRef<S>) -> Option<i64> {
        let h = crate::dict::hash_value(&self.pattern).ok()?;
        // FNV-1a over the code words.
        let code = self.code.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, w| {
            (h ^ *w as u64).wrapping_mul(0x0100_0000_01b3)
        });
        let h = (h ^ code) as i64;
        Some(if h == -1 { -2 } else { h })
    }

    fn eq(&self, this: &ObjRef<S>, other: &Value<S>) -> Option<bool> {
        let o = super::downcast::<S, Pattern<S>>(other)?;
        if other.obj().is_some_and(|r| r.ptr_eq(this)) {
            return Some(true);
        }
        let same_source = match (&self.pattern, &o.pattern) {
            (Value::None, Value::None) => true,
            (a, b) => match (a.as_str(), b.as_str()) {
                (Some(x), Some(y)) => x == y,
                _ => crate::dict::eq_without_code(a, b).unwrap_or(false),
            },
        };
        Some(
            self.flags == o.flags
                && self.isbytes == o.isbytes
                && self.code == o.code
                && same_source,
        )
    }

    fn get_attr(&self, _this: &ObjRef<S>, name: &str) -> Option<Value<S>> {
        Some(match name {
            "pattern" => self.pattern.clone(),
            "flags" => Value::Int(self.flags),
            "groups" => Value::Int(self.groups as i64),
            "groupindex" => match &self.groupindex {
                Some(d) => super::mappingproxy::new_proxy(d.clone()),
                None => ops::new_dict(),
            },
            _ => return None,
        })
    }

    fn is_container(&self) -> bool {
        true
    }

    fn traverse(&self, _header: &crate::object::Header, visit: &mut dyn FnMut(&Value<S>)) {
        visit(&self.pattern);
        if let Some(d) = &self.groupindex {
            visit(d);
        }
        visit(&self.indexgroup);
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The type's registration (see `types/mod.rs`).
pub fn spec<S: LockStrategy>() -> TypeSpec<S> {
    TypeSpec {
        name: "Pattern",
        builtin: false,
        new: pattern_new,
        methods: || {
            vec![
                ("match", pattern_match as crate::object::NativeFn<S>),
                ("fullmatch", pattern_fullmatch),
                ("search", pattern_search),
                ("findall", pattern_findall),
                ("finditer", pattern_finditer),
                ("scanner", pattern_scanner),
                ("split", pattern_split),
                ("sub", pattern_sub),
                ("subn", pattern_subn),
                ("__copy__", pattern_copy),
                ("__deepcopy__", pattern_deepcopy),
            ]
        },
        dunders: &[],
        base: super::Base::No,
    }
}
