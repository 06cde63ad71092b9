//! `SRE_Scanner`: `pattern.scanner(string)`, the successive matches of a
//! pattern over one subject (what `finditer` and `re.Scanner` iterate).
//!
//! Where the next match starts is mutable state, kept in an [`ObjCell`]
//! read through the object's header, and only held while it is read or
//! written: the engine runs unlocked. As CPython's, a scanner refuses a
//! second caller while one is running ("already executing"), so two
//! threads never get the same match.

use super::sre_match::Match;
use super::sre_pattern::Pattern;
use super::{NativeKind, NativeObject, TypeSpec};
use crate::modules::sre::{self, Mode, Text};
use crate::object::{ObjCell, ObjRef, Value};
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};
use std::any::Any;
use std::borrow::Cow;
use std::sync::Arc;

/// Where the next match is looked for.
struct Position {
    /// `None` once a match or search has failed.
    start: Option<usize>,
    must_advance: bool,
    executing: bool,
}

/// A scanner.
pub struct Scanner<S: LockStrategy> {
    pattern: Value<S>,
    string: Value<S>,
    /// The code points of a non-ASCII str subject, decoded once.
    wide: Option<Arc<[u32]>>,
    end: usize,
    pos: usize,
    position: ObjCell<Position>,
}

impl<S: LockStrategy> Scanner<S> {
    pub(crate) fn new_value(
        pattern: Value<S>,
        string: Value<S>,
        wide: Option<Arc<[u32]>>,
        start: usize,
        end: usize,
    ) -> Value<S> {
        super::new_object(Scanner {
            pattern,
            string,
            wide,
            end,
            pos: start,
            position: ObjCell::new(Position {
                start: Some(start),
                must_advance: false,
                executing: false,
            }),
        })
    }

    fn text(&self) -> Text<'_> {
        if let Some(w) = &self.wide {
            return Text::Wide(w.clone());
        }
        match self.string.as_str() {
            Some(s) => Text::Narrow(Cow::Borrowed(s.as_bytes())),
            None => Text::Narrow(crate::types::bytes::bytes_like(&self.string).unwrap_or_default()),
        }
    }
}

/// One step of the scanner: the next match (`Mode::Match`: starting
/// exactly where the last ended), or None.
fn step<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>, name: &str, mode: Mode) -> PyResult<S> {
    let this = super::receiver_only::<S, Scanner<S>>(vm, name, NativeKind::SreScanner, &args)?;
    let header = &args.pos[0].obj().expect("a scanner is an object").header;
    let claimed = this.position.with::<S, _>(header, |p| {
        if p.executing {
            return Err(());
        }
        p.executing = true;
        Ok((p.start, p.must_advance))
    });
    let Ok((start, must_advance)) = claimed else {
        return Err(vm.value_error("regular expression scanner already executing"));
    };
    let Some(start) = start else {
        this.position.with::<S, _>(header, |p| p.executing = false);
        return Ok(Value::None);
    };
    let pattern = super::downcast::<S, Pattern<S>>(&this.pattern).expect("a scanner's pattern");
    let text = this.text();
    let isbytes = pattern.isbytes.unwrap_or(this.string.as_str().is_none());
    let found = sre::run(vm, pattern, &text, start, this.end, mode, must_advance);
    let next = match &found {
        Ok(Some(f)) => Some((f.end(), f.end() == f.start())),
        _ => None,
    };
    this.position.with::<S, _>(header, |p| {
        p.executing = false;
        match next {
            Some((end, empty)) => {
                p.start = Some(end);
                p.must_advance = empty;
            }
            None => p.start = None,
        }
    });
    Ok(match found? {
        Some(f) => Match::new_value(
            this.string.clone(),
            this.pattern.clone(),
            (this.pos, this.end),
            f,
            isbytes,
            &text,
        ),
        None => Value::None,
    })
}

fn scanner_match<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    step(vm, args, "match", Mode::Match)
}

fn scanner_search<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    step(vm, args, "search", Mode::Search)
}

fn scanner_new<S: LockStrategy>(vm: &mut Vm<S>, _args: Args<S>) -> PyResult<S> {
    Err(vm.type_error("cannot create '_sre.SRE_Scanner' instances"))
}

impl<S: LockStrategy> NativeObject<S> for Scanner<S> {
    fn kind(&self) -> NativeKind {
        NativeKind::SreScanner
    }

    fn repr(&self, _vm: &mut Vm<S>, this: &ObjRef<S>) -> PyResult<S, String> {
        Ok(format!("<_sre.SRE_Scanner object at {:#x}>", this.addr()))
    }

    fn truthy(&self, _this: &ObjRef<S>) -> bool {
        true
    }

    fn get_attr(&self, _this: &ObjRef<S>, name: &str) -> Option<Value<S>> {
        match name {
            "pattern" => Some(self.pattern.clone()),
            _ => None,
        }
    }

    fn is_container(&self) -> bool {
        true
    }

    fn traverse(&self, _header: &crate::object::Header, visit: &mut dyn FnMut(&Value<S>)) {
        visit(&self.pattern);
        visit(&self.string);
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The type's registration (see `types/mod.rs`).
pub fn spec<S: LockStrategy>() -> TypeSpec<S> {
    TypeSpec {
        name: "SRE_Scanner",
        builtin: false,
        new: scanner_new,
        methods: || {
            vec![
                ("match", scanner_match as crate::object::NativeFn<S>),
                ("search", scanner_search),
            ]
        },
        dunders: &[],
        base: super::Base::No,
    }
}
