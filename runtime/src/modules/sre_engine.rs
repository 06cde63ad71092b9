//! The regular expression engine behind `_sre`: a backtracking matcher
//! over the opcode stream that CPython's `re._compiler` produces (the
//! format of `re._constants`, MAGIC 20220615: one `u32` per code word).
//!
//! The matcher follows the documented algorithm of CPython's SRE so that
//! every result agrees with CPython's, quirks included (which group values
//! survive backtracking, `lastindex`, the zero-width-repeat guard): each
//! choice point runs "the rest of the pattern" as a child context, and a
//! child's success is the whole match's success. The contexts live on a
//! heap stack, never on the Rust stack, so a subject of any length (or a
//! pattern like `(?:a|b)*` over a million characters) cannot overflow it.
//!
//! The subject is a slice of code units: bytes for a bytes subject or an
//! ASCII str, code points otherwise. Positions are indexes into it.

/// The opcodes (`re._constants.OPCODES`, in order).
pub mod op {
    pub const FAILURE: u32 = 0;
    pub const SUCCESS: u32 = 1;
    pub const ANY: u32 = 2;
    pub const ANY_ALL: u32 = 3;
    pub const ASSERT: u32 = 4;
    pub const ASSERT_NOT: u32 = 5;
    pub const AT: u32 = 6;
    pub const BRANCH: u32 = 7;
    pub const CATEGORY: u32 = 8;
    pub const CHARSET: u32 = 9;
    pub const BIGCHARSET: u32 = 10;
    pub const GROUPREF: u32 = 11;
    pub const GROUPREF_EXISTS: u32 = 12;
    pub const IN: u32 = 13;
    pub const INFO: u32 = 14;
    pub const JUMP: u32 = 15;
    pub const LITERAL: u32 = 16;
    pub const MARK: u32 = 17;
    pub const MAX_UNTIL: u32 = 18;
    pub const MIN_UNTIL: u32 = 19;
    pub const NOT_LITERAL: u32 = 20;
    pub const NEGATE: u32 = 21;
    pub const RANGE: u32 = 22;
    pub const REPEAT: u32 = 23;
    pub const REPEAT_ONE: u32 = 24;
    pub const SUBPATTERN: u32 = 25;
    pub const MIN_REPEAT_ONE: u32 = 26;
    pub const ATOMIC_GROUP: u32 = 27;
    pub const POSSESSIVE_REPEAT: u32 = 28;
    pub const POSSESSIVE_REPEAT_ONE: u32 = 29;
    pub const GROUPREF_IGNORE: u32 = 30;
    pub const IN_IGNORE: u32 = 31;
    pub const LITERAL_IGNORE: u32 = 32;
    pub const NOT_LITERAL_IGNORE: u32 = 33;
    pub const GROUPREF_LOC_IGNORE: u32 = 34;
    pub const IN_LOC_IGNORE: u32 = 35;
    pub const LITERAL_LOC_IGNORE: u32 = 36;
    pub const NOT_LITERAL_LOC_IGNORE: u32 = 37;
    pub const GROUPREF_UNI_IGNORE: u32 = 38;
    pub const IN_UNI_IGNORE: u32 = 39;
    pub const LITERAL_UNI_IGNORE: u32 = 40;
    pub const NOT_LITERAL_UNI_IGNORE: u32 = 41;
    pub const RANGE_UNI_IGNORE: u32 = 42;
}

/// `re._constants.ATCODES`.
mod at {
    pub const BEGINNING: u32 = 0;
    pub const BEGINNING_LINE: u32 = 1;
    pub const BEGINNING_STRING: u32 = 2;
    pub const BOUNDARY: u32 = 3;
    pub const NON_BOUNDARY: u32 = 4;
    pub const END: u32 = 5;
    pub const END_LINE: u32 = 6;
    pub const END_STRING: u32 = 7;
    pub const LOC_BOUNDARY: u32 = 8;
    pub const LOC_NON_BOUNDARY: u32 = 9;
    pub const UNI_BOUNDARY: u32 = 10;
    pub const UNI_NON_BOUNDARY: u32 = 11;
}

/// `MAXREPEAT`: an unbounded repeat's maximum.
pub const MAXREPEAT: u32 = u32::MAX;
/// `MAXGROUPS`: the most groups a pattern may have.
pub const MAXGROUPS: u32 = (i32::MAX / 2) as u32;
/// `MAGIC`: the version of the code format (`re._constants.MAGIC`).
pub const MAGIC: u32 = 20220615;

/// The INFO block flag: the pattern starts with a literal prefix.
const INFO_PREFIX: u32 = 1;
/// The INFO block flag: the first character is from a set.
const INFO_CHARSET: u32 = 4;

/// A code unit of the subject.
pub trait Unit: Copy {
    fn code(self) -> u32;
}

impl Unit for u8 {
    #[inline]
    fn code(self) -> u32 {
        self as u32
    }
}

impl Unit for u32 {
    #[inline]
    fn code(self) -> u32 {
        self
    }
}

// ---- character classes and case ----

fn is_ascii_word(ch: u32) -> bool {
    ch < 128 && ((ch as u8).is_ascii_alphanumeric() || ch == b'_' as u32)
}

fn is_linebreak(ch: u32) -> bool {
    ch == b'\n' as u32
}

/// CPython's `str.isspace` for one character.
fn uni_is_space(ch: u32) -> bool {
    char::from_u32(ch).is_some_and(|c| c.is_whitespace() || ('\u{1C}'..='\u{1F}').contains(&c))
}

/// CPython's `Py_UNICODE_ISLINEBREAK`.
fn uni_is_linebreak(ch: u32) -> bool {
    matches!(
        ch,
        0x0A..=0x0D | 0x1C..=0x1E | 0x85 | 0x2028 | 0x2029
    )
}

fn uni_is_digit(ch: u32) -> bool {
    char::from_u32(ch).is_some_and(crate::str_methods::is_decimal)
}

fn uni_is_word(ch: u32) -> bool {
    ch == b'_' as u32 || char::from_u32(ch).is_some_and(crate::str_methods::is_alnum)
}

/// ASCII lower case (`sre_lower_ascii`).
pub fn lower_ascii(ch: u32) -> u32 {
    if (b'A' as u32..=b'Z' as u32).contains(&ch) {
        ch + 32
    } else {
        ch
    }
}

fn upper_ascii(ch: u32) -> u32 {
    if (b'a' as u32..=b'z' as u32).contains(&ch) {
        ch - 32
    } else {
        ch
    }
}

/// The locale's lower case, for the C locale the runtime runs in: ASCII.
fn lower_locale(ch: u32) -> u32 {
    lower_ascii(ch)
}

fn upper_locale(ch: u32) -> u32 {
    upper_ascii(ch)
}

/// CPython's `_PyUnicode_ToLowercase`: the first character of the full
/// lower-case mapping (which is the simple mapping wherever that exists).
pub fn lower_unicode(ch: u32) -> u32 {
    if ch < 128 {
        return lower_ascii(ch);
    }
    match char::from_u32(ch) {
        Some(c) => c.to_lowercase().next().map_or(ch, |l| l as u32),
        None => ch,
    }
}

/// CPython's `_PyUnicode_ToUppercase` (first character of the mapping).
pub fn upper_unicode(ch: u32) -> u32 {
    if ch < 128 {
        return upper_ascii(ch);
    }
    match char::from_u32(ch) {
        Some(c) => c.to_uppercase().next().map_or(ch, |u| u as u32),
        None => ch,
    }
}

/// `_sre.ascii_iscased`.
pub fn ascii_iscased(ch: u32) -> bool {
    ch < 128 && (ch as u8).is_ascii_alphabetic()
}

/// `_sre.unicode_iscased`.
pub fn unicode_iscased(ch: u32) -> bool {
    ch != lower_unicode(ch) || ch != upper_unicode(ch)
}

fn category(code: u32, ch: u32) -> bool {
    match code {
        0 => ch < 128 && (ch as u8).is_ascii_digit(),
        1 => !(ch < 128 && (ch as u8).is_ascii_digit()),
        2 => ch < 128 && matches!(ch as u8, b' ' | b'\t'..=b'\r'),
        3 => !(ch < 128 && matches!(ch as u8, b' ' | b'\t'..=b'\r')),
        4 => is_ascii_word(ch),
        5 => !is_ascii_word(ch),
        6 => is_linebreak(ch),
        7 => !is_linebreak(ch),
        // The C locale's words are ASCII ones.
        8 => is_ascii_word(ch),
        9 => !is_ascii_word(ch),
        10 => uni_is_digit(ch),
        11 => !uni_is_digit(ch),
        12 => uni_is_space(ch),
        13 => !uni_is_space(ch),
        14 => uni_is_word(ch),
        15 => !uni_is_word(ch),
        16 => uni_is_linebreak(ch),
        17 => !uni_is_linebreak(ch),
        _ => false,
    }
}

// ---- the match state ----

/// Why a match could not run to its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    /// The code is malformed (CPython's "internal error in regular
    /// expression engine").
    Internal,
}

/// A REPEAT's context, alive while its body and tail run.
struct Repeat {
    /// Completed iterations (-1 before the first).
    count: isize,
    /// Where the REPEAT's operands start (its skip word).
    pc: usize,
    /// The position of the last iteration's start (the zero-width guard).
    last_ptr: usize,
    prev: Option<usize>,
}

/// Where a suspended context resumes when its child returns.
#[derive(Clone, Copy, Debug)]
enum Resume {
    Branch,
    RepeatOne,
    MinRepeatOne,
    Repeat,
    MaxUntil1,
    MaxUntil2,
    MaxUntil3,
    MinUntil1,
    MinUntil2,
    MinUntil3,
    PossRepeat1,
    PossRepeat2,
    AtomicGroup,
    Assert,
    AssertNot,
}

/// One matching context: a position in the code and in the subject, and
/// what its op keeps while a child runs.
#[derive(Clone, Copy)]
struct Ctx {
    pc: usize,
    ptr: usize,
    toplevel: bool,
    resume: Resume,
    count: isize,
    lastmark: isize,
    lastindex: isize,
    /// The repeat context an UNTIL works on, or a saved `last_ptr`.
    rep: usize,
    saved: usize,
    /// A literal a REPEAT_ONE's tail starts with (`u32::MAX`: none).
    chr: u32,
}

impl Ctx {
    fn new(pc: usize, ptr: usize, toplevel: bool) -> Self {
        Ctx {
            pc,
            ptr,
            toplevel,
            resume: Resume::Branch,
            count: 0,
            lastmark: -1,
            lastindex: -1,
            rep: 0,
            saved: 0,
            chr: u32::MAX,
        }
    }
}

const NONE: usize = usize::MAX;

/// The state of one match or search: CPython's `SRE_STATE`.
pub struct State<'a, T: Unit> {
    code: &'a [u32],
    text: &'a [T],
    /// Where the current attempt began (group 0's start after a match).
    pub start: usize,
    /// Where the match ended.
    pub ptr: usize,
    /// `endpos`: the subject's end for this match.
    pub end: usize,
    /// Group boundaries: `marks[2g]`, `marks[2g+1]` for group g+1.
    marks: Vec<usize>,
    pub lastmark: isize,
    pub lastindex: isize,
    repeat: Option<usize>,
    repeats: Vec<Repeat>,
    saved_marks: Vec<usize>,
    /// fullmatch: the match must end at `end`.
    pub match_all: bool,
    /// An empty match at `start` is refused (after an empty match, the
    /// next search of `finditer`, `sub`... must move on).
    pub must_advance: bool,
}

impl<'a, T: Unit> State<'a, T> {
    /// A state for matching `code` against `text[..end]` from `start`.
    pub fn new(code: &'a [u32], text: &'a [T], start: usize, end: usize) -> Self {
        State {
            code,
            text,
            start,
            ptr: start,
            end,
            marks: Vec::new(),
            lastmark: -1,
            lastindex: -1,
            repeat: None,
            repeats: Vec::new(),
            saved_marks: Vec::new(),
            match_all: false,
            must_advance: false,
        }
    }

    /// Forgets the groups of the last attempt (`state_reset`).
    pub fn reset(&mut self) {
        self.lastmark = -1;
        self.lastindex = -1;
        self.repeat = None;
        self.repeats.clear();
        self.saved_marks.clear();
    }

    /// The span of group `g` (1-based) after a match, if it matched.
    pub fn group_span(&self, g: usize) -> Option<(usize, usize)> {
        let j = 2 * (g - 1);
        if (j as isize) + 1 > self.lastmark {
            return None;
        }
        let (a, b) = (self.mark(j), self.mark(j + 1));
        if a == NONE || b == NONE {
            return None;
        }
        Some((a, b))
    }

    #[inline]
    fn word(&self, i: usize) -> u32 {
        // Out of range reads FAILURE: malformed code fails, never panics.
        self.code.get(i).copied().unwrap_or(op::FAILURE)
    }

    #[inline]
    fn ch(&self, i: usize) -> u32 {
        self.text[i].code()
    }

    #[inline]
    fn mark(&self, i: usize) -> usize {
        self.marks.get(i).copied().unwrap_or(NONE)
    }

    fn set_mark(&mut self, i: usize, v: usize) {
        if i >= self.marks.len() {
            self.marks.resize(i + 1, NONE);
        }
        self.marks[i] = v;
    }

    // The saved-marks stack (MARK_PUSH and its pops): marks 0..=lastmark.
    fn mark_push(&mut self, lastmark: isize) {
        if lastmark >= 0 {
            let n = lastmark as usize + 1;
            for i in 0..n {
                let m = self.mark(i);
                self.saved_marks.push(m);
            }
        }
    }

    fn mark_pop(&mut self, lastmark: isize, keep: bool) {
        if lastmark >= 0 {
            let n = lastmark as usize + 1;
            let base = self.saved_marks.len().saturating_sub(n);
            for i in 0..n {
                let m = self.saved_marks.get(base + i).copied().unwrap_or(NONE);
                self.set_mark(i, m);
            }
            if !keep {
                self.saved_marks.truncate(base);
            }
        }
    }

    fn mark_discard(&mut self, lastmark: isize) {
        if lastmark >= 0 {
            let n = lastmark as usize + 1;
            let base = self.saved_marks.len().saturating_sub(n);
            self.saved_marks.truncate(base);
        }
    }

    // ---- single characters ----

    /// Whether `ch` is in the set starting at `pc` (a list of set items
    /// ending in FAILURE).
    fn in_set(&self, mut pc: usize, ch: u32) -> Result<bool, Error> {
        let mut ok = true;
        loop {
            let item = self.word(pc);
            pc += 1;
            match item {
                op::FAILURE => return Ok(!ok),
                op::LITERAL => {
                    if ch == self.word(pc) {
                        return Ok(ok);
                    }
                    pc += 1;
                }
                op::CATEGORY => {
                    if category(self.word(pc), ch) {
                        return Ok(ok);
                    }
                    pc += 1;
                }
                op::CHARSET => {
                    if ch < 256 && self.word(pc + (ch as usize >> 5)) & (1 << (ch & 31)) != 0 {
                        return Ok(ok);
                    }
                    pc += 8;
                }
                op::RANGE => {
                    if self.word(pc) <= ch && ch <= self.word(pc + 1) {
                        return Ok(ok);
                    }
                    pc += 2;
                }
                op::RANGE_UNI_IGNORE => {
                    // `ch` is lower case already; its upper case may be
                    // the one in range.
                    let (lo, hi) = (self.word(pc), self.word(pc + 1));
                    if lo <= ch && ch <= hi {
                        return Ok(ok);
                    }
                    let up = upper_unicode(ch);
                    if lo <= up && up <= hi {
                        return Ok(ok);
                    }
                    pc += 2;
                }
                op::NEGATE => ok = !ok,
                op::BIGCHARSET => {
                    // <count> <256 block indexes, bytes packed in words>
                    // <count blocks of 256 bits>
                    let count = self.word(pc) as usize;
                    pc += 1;
                    if ch < 0x10000 {
                        let hi = (ch >> 8) as usize;
                        let block = self.word(pc + hi / 4).to_le_bytes()[hi % 4] as usize;
                        let bit = block * 256 + (ch & 255) as usize;
                        if self.word(pc + 64 + bit / 32) & (1 << (bit % 32)) != 0 {
                            return Ok(ok);
                        }
                    }
                    pc += 64 + count * 8;
                }
                _ => return Err(Error::Internal),
            }
        }
    }

    fn in_set_loc_ignore(&self, pc: usize, ch: u32) -> Result<bool, Error> {
        let lo = lower_locale(ch);
        if self.in_set(pc, lo)? {
            return Ok(true);
        }
        let up = upper_locale(ch);
        Ok(up != lo && self.in_set(pc, up)?)
    }

    /// Whether the single-character item at `pc` matches `ch`.
    fn one(&self, pc: usize, ch: u32) -> Result<bool, Error> {
        let arg = self.word(pc + 1);
        Ok(match self.word(pc) {
            op::ANY => !is_linebreak(ch),
            op::ANY_ALL => true,
            op::LITERAL => ch == arg,
            op::NOT_LITERAL => ch != arg,
            op::LITERAL_IGNORE => lower_ascii(ch) == arg,
            op::NOT_LITERAL_IGNORE => lower_ascii(ch) != arg,
            op::LITERAL_UNI_IGNORE => lower_unicode(ch) == arg,
            op::NOT_LITERAL_UNI_IGNORE => lower_unicode(ch) != arg,
            op::LITERAL_LOC_IGNORE => loc_eq(arg, ch),
            op::NOT_LITERAL_LOC_IGNORE => !loc_eq(arg, ch),
            op::CATEGORY => category(arg, ch),
            op::IN => self.in_set(pc + 2, ch)?,
            op::IN_IGNORE => self.in_set(pc + 2, lower_ascii(ch))?,
            op::IN_UNI_IGNORE => self.in_set(pc + 2, lower_unicode(ch))?,
            op::IN_LOC_IGNORE => self.in_set_loc_ignore(pc + 2, ch)?,
            _ => return Err(Error::Internal),
        })
    }

    /// How many times (at most `max`) the single-character item at `pc`
    /// matches from `from` on.
    fn count(&self, pc: usize, from: usize, max: u32) -> Result<usize, Error> {
        let limit = if max == MAXREPEAT {
            self.end
        } else {
            self.end.min(from.saturating_add(max as usize))
        };
        let mut p = from;
        match self.word(pc) {
            op::ANY_ALL => p = limit.max(from),
            op::LITERAL => {
                let c = self.word(pc + 1);
                while p < limit && self.ch(p) == c {
                    p += 1;
                }
            }
            _ => {
                while p < limit && self.one(pc, self.ch(p))? {
                    p += 1;
                }
            }
        }
        Ok(p - from)
    }

    fn at(&self, ptr: usize, code: u32) -> bool {
        let end = self.end;
        let prev_word = |f: fn(u32) -> bool| ptr > 0 && f(self.ch(ptr - 1));
        let this_word = |f: fn(u32) -> bool| ptr < end && f(self.ch(ptr));
        match code {
            at::BEGINNING | at::BEGINNING_STRING => ptr == 0,
            at::BEGINNING_LINE => ptr == 0 || is_linebreak(self.ch(ptr - 1)),
            at::END => ptr == end || (ptr + 1 == end && is_linebreak(self.ch(ptr))),
            at::END_LINE => ptr == end || (ptr < end && is_linebreak(self.ch(ptr))),
            at::END_STRING => ptr == end,
            at::BOUNDARY | at::LOC_BOUNDARY => {
                end != 0 && prev_word(is_ascii_word) != this_word(is_ascii_word)
            }
            at::NON_BOUNDARY | at::LOC_NON_BOUNDARY => {
                end != 0 && prev_word(is_ascii_word) == this_word(is_ascii_word)
            }
            at::UNI_BOUNDARY => end != 0 && prev_word(uni_is_word) != this_word(uni_is_word),
            at::UNI_NON_BOUNDARY => end != 0 && prev_word(uni_is_word) == this_word(uni_is_word),
            _ => false,
        }
    }

    /// Compares the subject at `ptr` with group `g`'s text; the new
    /// position on success.
    fn groupref(&self, g: u32, ptr: usize, fold: fn(u32) -> u32) -> Option<usize> {
        let j = 2 * g as usize;
        if j as isize >= self.lastmark {
            return None;
        }
        let (a, b) = (self.mark(j), self.mark(j + 1));
        if a == NONE || b == NONE || b < a {
            return None;
        }
        let len = b - a;
        if ptr + len > self.end {
            return None;
        }
        (0..len)
            .all(|k| fold(self.ch(ptr + k)) == fold(self.ch(a + k)))
            .then_some(ptr + len)
    }

    fn group_exists(&self, g: u32) -> bool {
        let j = 2 * g as usize;
        if j as isize >= self.lastmark {
            return false;
        }
        let (a, b) = (self.mark(j), self.mark(j + 1));
        a != NONE && b != NONE && a <= b
    }

    // ---- matching ----

    /// Matches the pattern at `self.start` (CPython's `sre_match`): on
    /// success `self.ptr` is the match's end and the marks its groups.
    pub fn pattern_match(&mut self) -> Result<bool, Error> {
        self.ptr = self.start;
        self.run(0, true)
    }

    /// Finds the first position from `self.start` where the pattern
    /// matches (CPython's `sre_search`); `self.start` is then where it
    /// matched.
    pub fn search(&mut self) -> Result<bool, Error> {
        if self.start > self.end {
            return Ok(false);
        }
        let mut pc = 0;
        let mut min = 0usize;
        let mut prefix: &[u32] = &[];
        let mut first_set = None;
        if self.word(0) == op::INFO {
            let flags = self.word(2);
            min = self.word(3) as usize;
            if flags & INFO_PREFIX != 0 {
                let len = self.word(5) as usize;
                prefix = self.code.get(7..7 + len).unwrap_or(&[]);
            } else if flags & INFO_CHARSET != 0 {
                first_set = Some(5);
            }
            pc = self.word(1) as usize + 1;
        }
        if self.end - self.start < min {
            return Ok(false);
        }
        // The last position an attempt can start at and still fit.
        let last = self.end - min;
        let begin = self.start;
        let mut s = begin;
        while s <= last {
            // Skip positions where the match cannot start.
            if let Some(&first) = prefix.first() {
                while s < self.end && self.ch(s) != first {
                    s += 1;
                }
                if s > last {
                    return Ok(false);
                }
            } else if let Some(set) = first_set {
                while s < self.end && !self.in_set(set, self.ch(s))? {
                    s += 1;
                }
                if s > last || s == self.end {
                    return Ok(false);
                }
            } else if self.word(pc) == op::LITERAL && min > 0 {
                let c = self.word(pc + 1);
                while s < self.end && self.ch(s) != c {
                    s += 1;
                }
                if s > last {
                    return Ok(false);
                }
            }
            if s != begin {
                self.must_advance = false;
            }
            self.reset();
            self.start = s;
            self.ptr = s;
            if self.run(0, true)? {
                return Ok(true);
            }
            self.must_advance = false;
            if self.word(pc) == op::AT
                && matches!(self.word(pc + 1), at::BEGINNING | at::BEGINNING_STRING)
            {
                // `\A` and `^` match at the subject's start only.
                break;
            }
            s += 1;
        }
        self.must_advance = false;
        Ok(false)
    }

    /// Runs the code from `pc` at `self.ptr` with an explicit stack of
    /// contexts (CPython's `sre_match` loop).
    fn run(&mut self, pc: usize, toplevel: bool) -> Result<bool, Error> {
        let mut stack: Vec<Ctx> = Vec::new();
        let mut cur = Ctx::new(pc, self.ptr, toplevel);
        // `Some(r)`: the current context returned `r` to its parent.
        let mut ret: Option<bool> = None;
        let mut entering = true;

        macro_rules! fail {
            () => {{
                ret = Some(false);
                continue;
            }};
        }
        macro_rules! succeed {
            () => {{
                ret = Some(true);
                continue;
            }};
        }
        // Suspends `cur` to resume at `$kind`, and runs a child at `$pc`
        // from `self.ptr`.
        macro_rules! call {
            ($kind:expr, $pc:expr, $top:expr) => {{
                cur.resume = $kind;
                let child = Ctx::new($pc, self.ptr, $top);
                stack.push(cur);
                cur = child;
                entering = true;
                continue;
            }};
        }

        loop {
            if let Some(r) = ret.take() {
                let Some(parent) = stack.pop() else {
                    return Ok(r);
                };
                cur = parent;
                match cur.resume {
                    Resume::Branch => {
                        if r {
                            if self.repeat.is_some() {
                                self.mark_discard(cur.lastmark);
                            }
                            succeed!();
                        }
                        if self.repeat.is_some() {
                            self.mark_pop(cur.lastmark, true);
                        }
                        self.lastmark = cur.lastmark;
                        self.lastindex = cur.lastindex;
                        // The next alternative.
                        cur.pc += self.word(cur.pc) as usize;
                        match self.next_branch(&mut cur)? {
                            Some(alt) => call!(Resume::Branch, alt, cur.toplevel),
                            None => {
                                if self.repeat.is_some() {
                                    self.mark_discard(cur.lastmark);
                                }
                                fail!();
                            }
                        }
                    }
                    Resume::RepeatOne => {
                        if r {
                            if self.repeat.is_some() {
                                self.mark_discard(cur.lastmark);
                            }
                            succeed!();
                        }
                        if self.repeat.is_some() {
                            self.mark_pop(cur.lastmark, true);
                        }
                        self.lastmark = cur.lastmark;
                        self.lastindex = cur.lastindex;
                        cur.ptr = cur.ptr.wrapping_sub(1);
                        cur.count -= 1;
                        match self.repeat_one_next(&mut cur) {
                            Some(tail) => call!(Resume::RepeatOne, tail, cur.toplevel),
                            None => {
                                if self.repeat.is_some() {
                                    self.mark_discard(cur.lastmark);
                                }
                                fail!();
                            }
                        }
                    }
                    Resume::MinRepeatOne => {
                        if r {
                            if self.repeat.is_some() {
                                self.mark_discard(cur.lastmark);
                            }
                            succeed!();
                        }
                        if self.repeat.is_some() {
                            self.mark_pop(cur.lastmark, true);
                        }
                        self.lastmark = cur.lastmark;
                        self.lastindex = cur.lastindex;
                        // One more item, then the tail again.
                        let item = cur.pc + 3;
                        let max = self.word(cur.pc + 2);
                        let more = cur.ptr < self.end && self.one(item, self.ch(cur.ptr))?;
                        if more {
                            cur.ptr += 1;
                            cur.count += 1;
                        }
                        if more && (max == MAXREPEAT || cur.count <= max as isize) {
                            self.ptr = cur.ptr;
                            let tail = cur.pc + self.word(cur.pc) as usize;
                            call!(Resume::MinRepeatOne, tail, cur.toplevel);
                        }
                        if self.repeat.is_some() {
                            self.mark_discard(cur.lastmark);
                        }
                        fail!();
                    }
                    Resume::Repeat => {
                        let rep = &self.repeats[cur.rep];
                        self.repeat = rep.prev;
                        self.repeats.truncate(cur.rep);
                        ret = Some(r);
                        continue;
                    }
                    Resume::MaxUntil1 | Resume::MinUntil1 => {
                        if r {
                            succeed!();
                        }
                        self.repeats[cur.rep].count = cur.count - 1;
                        self.ptr = cur.ptr;
                        fail!();
                    }
                    Resume::MaxUntil2 => {
                        self.repeats[cur.rep].last_ptr = cur.saved;
                        if r {
                            self.mark_discard(cur.lastmark);
                            succeed!();
                        }
                        self.mark_pop(cur.lastmark, false);
                        self.lastmark = cur.lastmark;
                        self.lastindex = cur.lastindex;
                        self.repeats[cur.rep].count = cur.count - 1;
                        self.ptr = cur.ptr;
                        // The tail.
                        self.repeat = self.repeats[cur.rep].prev;
                        call!(Resume::MaxUntil3, cur.pc, cur.toplevel);
                    }
                    Resume::MaxUntil3 => {
                        self.repeat = Some(cur.rep);
                        if r {
                            succeed!();
                        }
                        self.ptr = cur.ptr;
                        fail!();
                    }
                    Resume::MinUntil2 => {
                        let tail_repeat = self.repeat;
                        self.repeat = Some(cur.rep);
                        if r {
                            if tail_repeat.is_some() {
                                self.mark_discard(cur.lastmark);
                            }
                            succeed!();
                        }
                        if tail_repeat.is_some() {
                            self.mark_pop(cur.lastmark, false);
                        }
                        self.lastmark = cur.lastmark;
                        self.lastindex = cur.lastindex;
                        self.ptr = cur.ptr;
                        let max = self.word(self.repeats[cur.rep].pc + 2);
                        if (max != MAXREPEAT && cur.count >= max as isize)
                            || self.ptr == self.repeats[cur.rep].last_ptr
                        {
                            fail!();
                        }
                        self.repeats[cur.rep].count = cur.count;
                        cur.saved = self.repeats[cur.rep].last_ptr;
                        self.repeats[cur.rep].last_ptr = self.ptr;
                        let body = self.repeats[cur.rep].pc + 3;
                        call!(Resume::MinUntil3, body, cur.toplevel);
                    }
                    Resume::MinUntil3 => {
                        self.repeats[cur.rep].last_ptr = cur.saved;
                        if r {
                            succeed!();
                        }
                        self.repeats[cur.rep].count = cur.count - 1;
                        self.ptr = cur.ptr;
                        fail!();
                    }
                    Resume::PossRepeat1 => {
                        if !r {
                            self.ptr = cur.ptr;
                            fail!();
                        }
                        cur.count += 1;
                        let min = self.word(cur.pc + 1) as isize;
                        if cur.count < min {
                            call!(Resume::PossRepeat1, cur.pc + 3, false);
                        }
                        cur.saved = NONE;
                        match self.poss_repeat_next(&mut cur) {
                            Some(body) => call!(Resume::PossRepeat2, body, false),
                            None => {
                                self.poss_repeat_tail(&mut cur);
                                entering = false;
                                continue;
                            }
                        }
                    }
                    Resume::PossRepeat2 => {
                        if r {
                            self.mark_discard(cur.lastmark);
                            cur.count += 1;
                            if let Some(body) = self.poss_repeat_next(&mut cur) {
                                call!(Resume::PossRepeat2, body, false);
                            }
                        } else {
                            self.mark_pop(cur.lastmark, false);
                            self.lastmark = cur.lastmark;
                            self.lastindex = cur.lastindex;
                            self.ptr = cur.saved;
                        }
                        self.poss_repeat_tail(&mut cur);
                        entering = false;
                        continue;
                    }
                    Resume::AtomicGroup => {
                        if !r {
                            self.ptr = cur.ptr;
                            fail!();
                        }
                        cur.ptr = self.ptr;
                        cur.pc += self.word(cur.pc) as usize;
                        entering = false;
                        continue;
                    }
                    Resume::Assert => {
                        if !r {
                            fail!();
                        }
                        cur.pc += self.word(cur.pc) as usize;
                        entering = false;
                        continue;
                    }
                    Resume::AssertNot => {
                        if r {
                            if self.repeat.is_some() {
                                self.mark_discard(cur.lastmark);
                            }
                            fail!();
                        }
                        if self.repeat.is_some() {
                            self.mark_pop(cur.lastmark, false);
                        }
                        self.lastmark = cur.lastmark;
                        self.lastindex = cur.lastindex;
                        cur.pc += self.word(cur.pc) as usize;
                        entering = false;
                        continue;
                    }
                }
            }

            if entering {
                entering = false;
                if self.word(cur.pc) == op::INFO {
                    let min = self.word(cur.pc + 3) as usize;
                    if min != 0 && self.end.saturating_sub(cur.ptr) < min {
                        fail!();
                    }
                    cur.pc += self.word(cur.pc + 1) as usize + 1;
                }
            }

            let ptr = cur.ptr;
            let opcode = self.word(cur.pc);
            let arg = self.word(cur.pc + 1);
            match opcode {
                op::MARK => {
                    let i = arg as isize;
                    if i & 1 != 0 {
                        self.lastindex = i / 2 + 1;
                    }
                    if i > self.lastmark {
                        // Marks between the old highest and this one were
                        // not reached on this path.
                        for j in (self.lastmark + 1)..i {
                            self.set_mark(j as usize, NONE);
                        }
                        self.lastmark = i;
                    }
                    self.set_mark(i as usize, ptr);
                    cur.pc += 2;
                }
                op::LITERAL
                | op::NOT_LITERAL
                | op::LITERAL_IGNORE
                | op::NOT_LITERAL_IGNORE
                | op::LITERAL_UNI_IGNORE
                | op::NOT_LITERAL_UNI_IGNORE
                | op::LITERAL_LOC_IGNORE
                | op::NOT_LITERAL_LOC_IGNORE
                | op::CATEGORY
                | op::ANY
                | op::ANY_ALL => {
                    if ptr >= self.end || !self.one(cur.pc, self.ch(ptr))? {
                        fail!();
                    }
                    cur.pc += if matches!(opcode, op::ANY | op::ANY_ALL) {
                        1
                    } else {
                        2
                    };
                    cur.ptr += 1;
                }
                op::IN | op::IN_IGNORE | op::IN_UNI_IGNORE | op::IN_LOC_IGNORE => {
                    if ptr >= self.end || !self.one(cur.pc, self.ch(ptr))? {
                        fail!();
                    }
                    cur.pc += 1 + arg as usize;
                    cur.ptr += 1;
                }
                op::AT => {
                    if !self.at(ptr, arg) {
                        fail!();
                    }
                    cur.pc += 2;
                }
                op::SUCCESS => {
                    if cur.toplevel
                        && ((self.match_all && ptr != self.end)
                            || (self.must_advance && ptr == self.start))
                    {
                        fail!();
                    }
                    self.ptr = ptr;
                    succeed!();
                }
                op::FAILURE => fail!(),
                op::JUMP | op::INFO => cur.pc += 1 + arg as usize,
                op::BRANCH => {
                    cur.lastmark = self.lastmark;
                    cur.lastindex = self.lastindex;
                    if self.repeat.is_some() {
                        self.mark_push(cur.lastmark);
                    }
                    cur.pc += 1;
                    match self.next_branch(&mut cur)? {
                        Some(alt) => call!(Resume::Branch, alt, cur.toplevel),
                        None => {
                            if self.repeat.is_some() {
                                self.mark_discard(cur.lastmark);
                            }
                            fail!();
                        }
                    }
                }
                op::REPEAT_ONE | op::MIN_REPEAT_ONE | op::POSSESSIVE_REPEAT_ONE => {
                    // <op> <skip> <min> <max> item <SUCCESS> tail
                    cur.pc += 1;
                    let min = self.word(cur.pc + 1) as usize;
                    let max = self.word(cur.pc + 2);
                    if ptr.saturating_add(min) > self.end {
                        fail!();
                    }
                    let item = cur.pc + 3;
                    let tail = cur.pc + self.word(cur.pc) as usize;
                    let greedy_max = if opcode == op::MIN_REPEAT_ONE {
                        min as u32
                    } else {
                        max
                    };
                    let count = if opcode == op::MIN_REPEAT_ONE && min == 0 {
                        0
                    } else {
                        self.count(item, ptr, greedy_max)?
                    };
                    if count < min {
                        fail!();
                    }
                    cur.ptr = ptr + count;
                    cur.count = count as isize;
                    if opcode == op::POSSESSIVE_REPEAT_ONE {
                        cur.pc = tail;
                        continue;
                    }
                    if self.word(tail) == op::SUCCESS
                        && (opcode == op::MIN_REPEAT_ONE || cur.ptr == self.end)
                        && !(cur.toplevel
                            && ((self.match_all && cur.ptr != self.end)
                                || (self.must_advance && cur.ptr == self.start)))
                    {
                        // The tail is empty: done.
                        self.ptr = cur.ptr;
                        succeed!();
                    }
                    cur.lastmark = self.lastmark;
                    cur.lastindex = self.lastindex;
                    if self.repeat.is_some() {
                        self.mark_push(cur.lastmark);
                    }
                    if opcode == op::MIN_REPEAT_ONE {
                        if max == MAXREPEAT || cur.count <= max as isize {
                            self.ptr = cur.ptr;
                            call!(Resume::MinRepeatOne, tail, cur.toplevel);
                        }
                        if self.repeat.is_some() {
                            self.mark_discard(cur.lastmark);
                        }
                        fail!();
                    }
                    cur.chr = if self.word(tail) == op::LITERAL {
                        self.word(tail + 1)
                    } else {
                        u32::MAX
                    };
                    match self.repeat_one_next(&mut cur) {
                        Some(tail) => call!(Resume::RepeatOne, tail, cur.toplevel),
                        None => {
                            if self.repeat.is_some() {
                                self.mark_discard(cur.lastmark);
                            }
                            fail!();
                        }
                    }
                }
                op::REPEAT => {
                    // <REPEAT> <skip> <min> <max> item <UNTIL> tail
                    cur.pc += 1;
                    self.repeats.push(Repeat {
                        count: -1,
                        pc: cur.pc,
                        last_ptr: NONE,
                        prev: self.repeat,
                    });
                    cur.rep = self.repeats.len() - 1;
                    self.repeat = Some(cur.rep);
                    self.ptr = ptr;
                    let until = cur.pc + self.word(cur.pc) as usize;
                    call!(Resume::Repeat, until, cur.toplevel);
                }
                op::MAX_UNTIL | op::MIN_UNTIL => {
                    let Some(rep) = self.repeat else {
                        return Err(Error::Internal);
                    };
                    cur.rep = rep;
                    cur.pc += 1;
                    self.ptr = ptr;
                    cur.count = self.repeats[rep].count + 1;
                    let rpc = self.repeats[rep].pc;
                    let (min, max) = (self.word(rpc + 1), self.word(rpc + 2));
                    if cur.count < min as isize {
                        // Not enough iterations yet.
                        self.repeats[rep].count = cur.count;
                        let kind = if opcode == op::MAX_UNTIL {
                            Resume::MaxUntil1
                        } else {
                            Resume::MinUntil1
                        };
                        call!(kind, rpc + 3, cur.toplevel);
                    }
                    if opcode == op::MAX_UNTIL {
                        if (max == MAXREPEAT || cur.count < max as isize)
                            && self.ptr != self.repeats[rep].last_ptr
                        {
                            // Another iteration, if it can match.
                            self.repeats[rep].count = cur.count;
                            cur.lastmark = self.lastmark;
                            cur.lastindex = self.lastindex;
                            self.mark_push(cur.lastmark);
                            cur.saved = self.repeats[rep].last_ptr;
                            self.repeats[rep].last_ptr = self.ptr;
                            call!(Resume::MaxUntil2, rpc + 3, cur.toplevel);
                        }
                        // No more iterations: the tail.
                        self.repeat = self.repeats[rep].prev;
                        call!(Resume::MaxUntil3, cur.pc, cur.toplevel);
                    }
                    // MIN_UNTIL: the tail first.
                    self.repeat = self.repeats[rep].prev;
                    cur.lastmark = self.lastmark;
                    cur.lastindex = self.lastindex;
                    if self.repeat.is_some() {
                        self.mark_push(cur.lastmark);
                    }
                    call!(Resume::MinUntil2, cur.pc, cur.toplevel);
                }
                op::POSSESSIVE_REPEAT => {
                    // <POSSESSIVE_REPEAT> <skip> <min> <max> body <SUCCESS> tail
                    cur.pc += 1;
                    self.ptr = ptr;
                    cur.count = 0;
                    if self.word(cur.pc + 1) > 0 {
                        call!(Resume::PossRepeat1, cur.pc + 3, false);
                    }
                    cur.saved = NONE;
                    match self.poss_repeat_next(&mut cur) {
                        Some(body) => call!(Resume::PossRepeat2, body, false),
                        None => self.poss_repeat_tail(&mut cur),
                    }
                }
                op::ATOMIC_GROUP => {
                    // <ATOMIC_GROUP> <skip> body <SUCCESS> tail
                    cur.pc += 1;
                    self.ptr = ptr;
                    call!(Resume::AtomicGroup, cur.pc + 1, false);
                }
                op::ASSERT => {
                    // <ASSERT> <skip> <back> body <SUCCESS>
                    cur.pc += 1;
                    let back = self.word(cur.pc + 1) as usize;
                    if ptr < back {
                        fail!();
                    }
                    self.ptr = ptr - back;
                    call!(Resume::Assert, cur.pc + 2, false);
                }
                op::ASSERT_NOT => {
                    cur.pc += 1;
                    let back = self.word(cur.pc + 1) as usize;
                    if ptr >= back {
                        self.ptr = ptr - back;
                        cur.lastmark = self.lastmark;
                        cur.lastindex = self.lastindex;
                        if self.repeat.is_some() {
                            self.mark_push(cur.lastmark);
                        }
                        call!(Resume::AssertNot, cur.pc + 2, false);
                    }
                    cur.pc += self.word(cur.pc) as usize;
                }
                op::GROUPREF
                | op::GROUPREF_IGNORE
                | op::GROUPREF_UNI_IGNORE
                | op::GROUPREF_LOC_IGNORE => {
                    let fold: fn(u32) -> u32 = match opcode {
                        op::GROUPREF => |c| c,
                        op::GROUPREF_IGNORE => lower_ascii,
                        op::GROUPREF_LOC_IGNORE => lower_locale,
                        _ => lower_unicode,
                    };
                    match self.groupref(arg, ptr, fold) {
                        Some(p) => cur.ptr = p,
                        None => fail!(),
                    }
                    cur.pc += 2;
                }
                op::GROUPREF_EXISTS => {
                    // <GROUPREF_EXISTS> <group> <skip> yes <JUMP> no
                    if self.group_exists(arg) {
                        cur.pc += 3;
                    } else {
                        cur.pc += 1 + self.word(cur.pc + 2) as usize;
                    }
                }
                _ => return Err(Error::Internal),
            }
        }
    }

    /// The next alternative of a BRANCH from `cur.pc` (a skip word), past
    /// those whose first character cannot match; `None` after the last.
    fn next_branch(&mut self, cur: &mut Ctx) -> Result<Option<usize>, Error> {
        loop {
            let skip = self.word(cur.pc);
            if skip == 0 {
                return Ok(None);
            }
            let first = self.word(cur.pc + 1);
            let ptr = cur.ptr;
            let hopeless = match first {
                op::LITERAL => ptr >= self.end || self.ch(ptr) != self.word(cur.pc + 2),
                op::IN => ptr >= self.end || !self.in_set(cur.pc + 3, self.ch(ptr))?,
                _ => false,
            };
            if hopeless {
                cur.pc += skip as usize;
                continue;
            }
            self.ptr = ptr;
            return Ok(Some(cur.pc + 1));
        }
    }

    /// A greedy REPEAT_ONE's next try: gives back characters until the
    /// tail's literal (if any) can match; the tail's address, or `None`
    /// when the minimum is reached.
    fn repeat_one_next(&mut self, cur: &mut Ctx) -> Option<usize> {
        let min = self.word(cur.pc + 1) as isize;
        if cur.chr != u32::MAX {
            while cur.count >= min && (cur.ptr >= self.end || self.ch(cur.ptr) != cur.chr) {
                cur.ptr = cur.ptr.wrapping_sub(1);
                cur.count -= 1;
            }
        }
        if cur.count < min {
            return None;
        }
        self.ptr = cur.ptr;
        Some(cur.pc + self.word(cur.pc) as usize)
    }

    /// A possessive repeat's next iteration, when one may run (`None`:
    /// the maximum is reached or the last iteration matched empty).
    fn poss_repeat_next(&mut self, cur: &mut Ctx) -> Option<usize> {
        let max = self.word(cur.pc + 2);
        if (max == MAXREPEAT || cur.count < max as isize) && self.ptr != cur.saved {
            cur.lastmark = self.lastmark;
            cur.lastindex = self.lastindex;
            self.mark_push(cur.lastmark);
            cur.saved = self.ptr;
            return Some(cur.pc + 3);
        }
        None
    }

    /// Continues after a possessive repeat: at its tail, from where the
    /// iterations ended.
    fn poss_repeat_tail(&mut self, cur: &mut Ctx) {
        cur.pc += self.word(cur.pc) as usize + 1;
        cur.ptr = self.ptr;
    }
}

fn loc_eq(pattern: u32, ch: u32) -> bool {
    ch == pattern || lower_locale(ch) == pattern || upper_locale(ch) == pattern
}

// ---- validation ----

/// Checks that `code` is well formed, so that the matcher never reads a
/// jump target or an operand outside it, and that group numbers stay
/// below `groups` (CPython's `_validate`); `false` for malformed code.
pub fn validate(code: &[u32], groups: usize) -> bool {
    // The code ends with SUCCESS; what precedes it is a block.
    match code.split_last() {
        Some((&op::SUCCESS, _)) if groups <= MAXGROUPS as usize => {
            validate_block(code, 0, code.len() - 1, groups).is_some()
        }
        _ => false,
    }
}

fn validate_block(code: &[u32], mut pc: usize, end: usize, groups: usize) -> Option<()> {
    let get = |i: usize| -> Option<u32> {
        if i < end {
            code.get(i).copied()
        } else {
            None
        }
    };
    // A skip from `at` must land within (at, end].
    let target = |at: usize, skip: u32| -> Option<usize> {
        let t = at.checked_add(skip as usize)?;
        (skip >= 1 && t <= end).then_some(t)
    };
    while pc < end {
        let opcode = get(pc)?;
        pc += 1;
        match opcode {
            op::FAILURE | op::SUCCESS | op::ANY | op::ANY_ALL => {}
            op::AT => {
                if get(pc)? > at::UNI_NON_BOUNDARY {
                    return None;
                }
                pc += 1;
            }
            op::CATEGORY => {
                if get(pc)? > 17 {
                    return None;
                }
                pc += 1;
            }
            op::LITERAL
            | op::NOT_LITERAL
            | op::LITERAL_IGNORE
            | op::NOT_LITERAL_IGNORE
            | op::LITERAL_UNI_IGNORE
            | op::NOT_LITERAL_UNI_IGNORE
            | op::LITERAL_LOC_IGNORE
            | op::NOT_LITERAL_LOC_IGNORE => {
                get(pc)?;
                pc += 1;
            }
            op::MARK => {
                if get(pc)? as usize >= 2 * groups {
                    return None;
                }
                pc += 1;
            }
            op::IN | op::IN_IGNORE | op::IN_UNI_IGNORE | op::IN_LOC_IGNORE => {
                let t = target(pc, get(pc)?)?;
                validate_set(code, pc + 1, t)?;
                pc = t;
            }
            op::INFO => {
                let t = target(pc, get(pc)?)?;
                let flags = get(pc + 1)?;
                get(pc + 3)?;
                if flags & INFO_PREFIX != 0 {
                    let len = get(pc + 4)? as usize;
                    let skip = get(pc + 5)? as usize;
                    if skip > len || pc + 6 + 2 * len > t {
                        return None;
                    }
                    // The overlap table's entries index the prefix.
                    for k in 0..len {
                        if get(pc + 6 + len + k)? as usize > k {
                            return None;
                        }
                    }
                } else if flags & INFO_CHARSET != 0 {
                    validate_set(code, pc + 4, t)?;
                }
                pc = t;
            }
            op::JUMP => {
                pc = target(pc, get(pc)?)?;
            }
            op::BRANCH => {
                loop {
                    let skip = get(pc)?;
                    if skip == 0 {
                        pc += 1;
                        break;
                    }
                    let t = target(pc, skip)?;
                    // Each alternative ends with a JUMP past the branch.
                    if t < pc + 3 || get(t - 2)? != op::JUMP {
                        return None;
                    }
                    validate_block(code, pc + 1, t - 2, groups)?;
                    target(t - 1, get(t - 1)?)?;
                    pc = t;
                }
            }
            op::REPEAT_ONE | op::MIN_REPEAT_ONE | op::POSSESSIVE_REPEAT_ONE => {
                let t = target(pc, get(pc)?)?;
                let (min, max) = (get(pc + 1)?, get(pc + 2)?);
                if min > max || t < pc + 4 || get(t - 1)? != op::SUCCESS {
                    return None;
                }
                // The item is one single-character op.
                let item = get(pc + 3)?;
                let item_len = match item {
                    op::ANY | op::ANY_ALL => 1,
                    op::IN | op::IN_IGNORE | op::IN_UNI_IGNORE | op::IN_LOC_IGNORE => {
                        1 + get(pc + 4)? as usize
                    }
                    op::LITERAL
                    | op::NOT_LITERAL
                    | op::LITERAL_IGNORE
                    | op::NOT_LITERAL_IGNORE
                    | op::LITERAL_UNI_IGNORE
                    | op::NOT_LITERAL_UNI_IGNORE
                    | op::LITERAL_LOC_IGNORE
                    | op::NOT_LITERAL_LOC_IGNORE
                    | op::CATEGORY => 2,
                    _ => return None,
                };
                if pc + 3 + item_len != t - 1 {
                    return None;
                }
                validate_block(code, pc + 3, t - 1, groups)?;
                pc = t;
            }
            op::REPEAT | op::POSSESSIVE_REPEAT => {
                let t = target(pc, get(pc)?)?;
                let (min, max) = (get(pc + 1)?, get(pc + 2)?);
                if min > max || t < pc + 3 {
                    return None;
                }
                validate_block(code, pc + 3, t, groups)?;
                let closing = get(t)?;
                let ok = if opcode == op::REPEAT {
                    closing == op::MAX_UNTIL || closing == op::MIN_UNTIL
                } else {
                    closing == op::SUCCESS
                };
                if !ok {
                    return None;
                }
                pc = t + 1;
            }
            op::ATOMIC_GROUP => {
                let t = target(pc, get(pc)?)?;
                if t < pc + 2 || get(t - 1)? != op::SUCCESS {
                    return None;
                }
                validate_block(code, pc + 1, t - 1, groups)?;
                pc = t;
            }
            op::ASSERT | op::ASSERT_NOT => {
                let t = target(pc, get(pc)?)?;
                get(pc + 1)?;
                if t < pc + 3 || get(t - 1)? != op::SUCCESS {
                    return None;
                }
                validate_block(code, pc + 2, t - 1, groups)?;
                pc = t;
            }
            op::GROUPREF
            | op::GROUPREF_IGNORE
            | op::GROUPREF_UNI_IGNORE
            | op::GROUPREF_LOC_IGNORE => {
                if get(pc)? as usize >= groups {
                    return None;
                }
                pc += 1;
            }
            op::GROUPREF_EXISTS => {
                if get(pc)? as usize >= groups {
                    return None;
                }
                let t = target(pc, get(pc + 1)?)?;
                // With a "no" branch, "yes" ends with a JUMP over it (a
                // literal 15 may look like one: then try without).
                let with_no = t >= pc + 4
                    && get(t - 2) == Some(op::JUMP)
                    && validate_block(code, pc + 2, t - 2, groups).is_some()
                    && target(t - 1, get(t - 1)?).is_some();
                if !with_no {
                    validate_block(code, pc + 2, t, groups)?;
                }
                pc = t;
            }
            _ => return None,
        }
    }
    Some(())
}

/// Checks a set's items in `code[pc..end]` (ending in FAILURE).
fn validate_set(code: &[u32], mut pc: usize, end: usize) -> Option<()> {
    let get = |i: usize| -> Option<u32> {
        if i < end {
            code.get(i).copied()
        } else {
            None
        }
    };
    loop {
        let item = get(pc)?;
        pc += 1;
        match item {
            op::FAILURE => return (pc == end).then_some(()),
            op::NEGATE => {}
            op::LITERAL => {
                get(pc)?;
                pc += 1;
            }
            op::CATEGORY => {
                if get(pc)? > 17 {
                    return None;
                }
                pc += 1;
            }
            op::RANGE | op::RANGE_UNI_IGNORE => {
                get(pc + 1)?;
                pc += 2;
            }
            op::CHARSET => {
                get(pc + 7)?;
                pc += 8;
            }
            op::BIGCHARSET => {
                let count = get(pc)? as usize;
                // Every block index names one of the blocks.
                for w in 0..64 {
                    if get(pc + 1 + w)?
                        .to_le_bytes()
                        .iter()
                        .any(|&b| b as usize >= count)
                    {
                        return None;
                    }
                }
                pc += 1 + 64;
                get((pc + count * 8).checked_sub(1)?)?;
                pc += count * 8;
            }
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests;
