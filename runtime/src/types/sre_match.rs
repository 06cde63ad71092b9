//! `re.Match`: one match of a pattern, as CPython's `Modules/_sre/sre.c`
//! keeps it: the subject, the pattern, the spans of the groups. Immutable,
//! so read without a lock. Group texts are sliced from the subject when
//! asked for (a non-ASCII str's code points are kept for that, so a group
//! costs its own length, not the subject's).

use super::sre_pattern::Pattern;
use super::{NativeKind, NativeObject, TypeSpec};
use crate::modules::sre::{self, params, Found, Text};
use crate::object::{ObjRef, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};
use std::any::Any;
use std::borrow::Cow;
use std::sync::Arc;

/// A match.
pub struct Match<S: LockStrategy> {
    pub string: Value<S>,
    /// The Pattern object.
    pub re: Value<S>,
    pub pos: usize,
    pub endpos: usize,
    /// Group 0's span, then each group's (`None`: did not take part).
    pub spans: Vec<Option<(usize, usize)>>,
    pub lastindex: isize,
    isbytes: bool,
    /// The code points of a non-ASCII str subject.
    wide: Option<Arc<[u32]>>,
}

impl<S: LockStrategy> Match<S> {
    /// A new Match object for what the engine found in `text`.
    pub(crate) fn new_value(
        string: Value<S>,
        re: Value<S>,
        (pos, endpos): (usize, usize),
        found: Found,
        isbytes: bool,
        text: &Text<'_>,
    ) -> Value<S> {
        let wide = match text {
            Text::Wide(w) => Some(w.clone()),
            Text::Narrow(_) => None,
        };
        super::new_object(Match {
            string,
            re,
            pos,
            endpos,
            spans: found.spans,
            lastindex: found.lastindex,
            isbytes,
            wide,
        })
    }

    fn pattern(&self) -> &Pattern<S> {
        super::downcast::<S, Pattern<S>>(&self.re).expect("a match's pattern")
    }

    /// The subject's code units again (borrowed where they can be).
    fn text(&self) -> Text<'_> {
        if let Some(w) = &self.wide {
            return Text::Wide(w.clone());
        }
        match self.string.as_str() {
            Some(s) => Text::Narrow(Cow::Borrowed(s.as_bytes())),
            None => Text::Narrow(crate::types::bytes::bytes_like(&self.string).unwrap_or_default()),
        }
    }

    /// The text of group `g`, or `default` when it did not take part.
    fn group(&self, g: usize, default: &Value<S>) -> Value<S> {
        match self.spans[g] {
            Some((a, b)) => sre::slice(&self.string, &self.text(), self.isbytes, a, b),
            None => default.clone(),
        }
    }

    /// The group number `index` names: an int, or a group's name
    /// (CPython's `match_getindex`); IndexError for any other.
    fn index(&self, vm: &mut Vm<S>, index: &Value<S>) -> PyResult<S, usize> {
        let no_such_group = |vm: &Vm<S>| vm.new_error("IndexError", "no such group");
        let i = if ops::is_int_like(index) {
            let i = ops::as_index(vm, index)?;
            // Out of range either way: a huge int is no group either.
            ops::expect_int(vm, &i).unwrap_or(-1)
        } else {
            match &self.pattern().groupindex {
                Some(d) if ops::contains(vm, d, index)? => {
                    let v = ops::get_item(vm, d, index)?;
                    match ops::is_int_like(&v) {
                        true => ops::expect_int(vm, &v).unwrap_or(-1),
                        false => -1,
                    }
                }
                _ => -1,
            }
        };
        if i < 0 || i as usize >= self.spans.len() {
            return Err(no_such_group(vm));
        }
        Ok(i as usize)
    }

    fn span_of(&self, g: usize) -> (i64, i64) {
        self.spans[g].map_or((-1, -1), |(a, b)| (a as i64, b as i64))
    }
}

fn receiver<'a, S: LockStrategy>(
    vm: &Vm<S>,
    method: &str,
    args: &'a Args<S>,
) -> PyResult<S, &'a Match<S>> {
    super::receiver::<S, Match<S>>(vm, method, NativeKind::SreMatch, &args.pos)
}

/// `m.group(*groups)`: one group's text, or a tuple of several.
fn match_group<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let this = receiver(vm, "group", &args)?;
    crate::builtins::no_other_keywords(vm, "group", &args)?;
    match &args.pos[1..] {
        [] => Ok(this.group(0, &Value::None)),
        [g] => {
            let g = this.index(vm, g)?;
            Ok(this.group(g, &Value::None))
        }
        groups => {
            let mut items = Vec::with_capacity(groups.len());
            for g in groups {
                let g = this.index(vm, g)?;
                items.push(this.group(g, &Value::None));
            }
            Ok(ops::new_tuple(items))
        }
    }
}

/// The `default` argument of `groups` and `groupdict`.
fn default_arg<S: LockStrategy>(vm: &Vm<S>, name: &str, args: Args<S>) -> PyResult<S, Value<S>> {
    let a = params(vm, name, &args.pos[1..], args.kw, &["default"], 0)?;
    Ok(a[0].clone().unwrap_or(Value::None))
}

fn match_groups<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    receiver(vm, "groups", &args)?;
    let me = args.pos[0].clone();
    let default = default_arg(vm, "groups", args)?;
    let this = super::downcast::<S, Match<S>>(&me).expect("checked receiver");
    Ok(ops::new_tuple(
        (1..this.spans.len())
            .map(|g| this.group(g, &default))
            .collect(),
    ))
}

fn match_groupdict<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    receiver(vm, "groupdict", &args)?;
    let me = args.pos[0].clone();
    let default = default_arg(vm, "groupdict", args)?;
    let this = super::downcast::<S, Match<S>>(&me).expect("checked receiver");
    let result = ops::new_dict();
    if let Some(d) = &this.pattern().groupindex {
        for (name, _) in ops::dict_items(d) {
            let g = this.index(vm, &name)?;
            let value = this.group(g, &default);
            ops::dict_set(vm, result.obj().expect("a dict"), name, value)?;
        }
    }
    Ok(result)
}

/// The group argument of `start`, `end` and `span` (default 0).
fn group_arg<S: LockStrategy>(vm: &mut Vm<S>, name: &str, args: &Args<S>) -> PyResult<S, usize> {
    let this = receiver(vm, name, args)?;
    crate::builtins::no_other_keywords(vm, name, args)?;
    match &args.pos[1..] {
        [] => Ok(0),
        [g] => this.index(vm, g),
        more => Err(vm.type_error(format!(
            "{name} expected at most 1 argument, got {}",
            more.len()
        ))),
    }
}

fn match_start<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let g = group_arg(vm, "start", &args)?;
    let this = receiver(vm, "start", &args)?;
    Ok(Value::Int(this.span_of(g).0))
}

fn match_end<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let g = group_arg(vm, "end", &args)?;
    let this = receiver(vm, "end", &args)?;
    Ok(Value::Int(this.span_of(g).1))
}

fn span_value<S: LockStrategy>((a, b): (i64, i64)) -> Value<S> {
    ops::new_tuple(vec![Value::Int(a), Value::Int(b)])
}

fn match_span<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let g = group_arg(vm, "span", &args)?;
    let this = receiver(vm, "span", &args)?;
    Ok(span_value(this.span_of(g)))
}

/// `m.expand(template)`: `re._expand` parses the template.
fn match_expand<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let this = receiver(vm, "expand", &args)?;
    let a = params(
        vm,
        "expand",
        &args.pos[1..],
        args.kw.clone(),
        &["template"],
        1,
    )?;
    let template = a[0].clone().unwrap_or(Value::None);
    let re = this.re.clone();
    sre::call_re(vm, "_expand", vec![re, args.pos[0].clone(), template])
}

/// `copy.copy(m)` and `copy.deepcopy(m)`: a match is immutable.
fn match_copy<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    super::receiver_only::<S, Match<S>>(vm, "__copy__", NativeKind::SreMatch, &args)?;
    Ok(args.pos[0].clone())
}

fn match_deepcopy<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
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

fn match_new<S: LockStrategy>(vm: &mut Vm<S>, _args: Args<S>) -> PyResult<S> {
    Err(vm.type_error("cannot create 're.Match' instances"))
}

impl<S: LockStrategy> NativeObject<S> for Match<S> {
    fn kind(&self) -> NativeKind {
        NativeKind::SreMatch
    }

    fn repr(&self, vm: &mut Vm<S>, _this: &ObjRef<S>) -> PyResult<S, String> {
        let (a, b) = self.span_of(0);
        let text = crate::repr::repr(vm, &self.group(0, &Value::None))?;
        Ok(format!(
            "<re.Match object; span=({a}, {b}), match={}>",
            super::sre_pattern::truncate(text, 50)
        ))
    }

    /// A match is true.
    fn truthy(&self, _this: &ObjRef<S>) -> bool {
        true
    }

    /// `m[g]`: `m.group(g)`.
    fn get_item(
        &self,
        vm: &mut Vm<S>,
        _this: &ObjRef<S>,
        index: &Value<S>,
    ) -> PyResult<S, Option<Value<S>>> {
        let g = self.index(vm, index)?;
        Ok(Some(self.group(g, &Value::None)))
    }

    fn get_attr(&self, _this: &ObjRef<S>, name: &str) -> Option<Value<S>> {
        Some(match name {
            "string" => self.string.clone(),
            "re" => self.re.clone(),
            "pos" => Value::Int(self.pos as i64),
            "endpos" => Value::Int(self.endpos as i64),
            "lastindex" if self.lastindex >= 0 => Value::Int(self.lastindex as i64),
            "lastindex" => Value::None,
            "lastgroup" => {
                let names = match self.pattern().indexgroup.payload() {
                    Some(crate::object::Payload::Tuple(items)) => items,
                    _ => return Some(Value::None),
                };
                match usize::try_from(self.lastindex) {
                    Ok(i) if i < names.len() => names[i].clone(),
                    _ => Value::None,
                }
            }
            "regs" => ops::new_tuple(
                (0..self.spans.len())
                    .map(|g| span_value(self.span_of(g)))
                    .collect(),
            ),
            _ => return None,
        })
    }

    fn is_container(&self) -> bool {
        true
    }

    fn traverse(&self, _header: &crate::object::Header, visit: &mut dyn FnMut(&Value<S>)) {
        visit(&self.string);
        visit(&self.re);
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The type's registration (see `types/mod.rs`).
pub fn spec<S: LockStrategy>() -> TypeSpec<S> {
    TypeSpec {
        name: "Match",
        builtin: false,
        new: match_new,
        methods: || {
            vec![
                ("group", match_group as crate::object::NativeFn<S>),
                ("groups", match_groups),
                ("groupdict", match_groupdict),
                ("start", match_start),
                ("end", match_end),
                ("span", match_span),
                ("expand", match_expand),
                ("__copy__", match_copy),
                ("__deepcopy__", match_deepcopy),
            ]
        },
        dunders: &["__getitem__"],
        base: super::Base::No,
    }
}
