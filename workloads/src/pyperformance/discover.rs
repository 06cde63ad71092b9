//! Which benchmarks a pyperformance `data-files/benchmarks` folder holds, and
//! which of them need only the standard library.
//!
//! The folder's `MANIFEST` lists each benchmark with its metadata file
//! (columns separated by tabs):
//!
//! ```text
//! [benchmarks]
//!
//! name           metafile
//! nqueens        <local>              -> bm_nqueens/pyproject.toml
//! async_tree_io  <local:async_tree>   -> bm_async_tree/bm_async_tree_io.toml
//! ```
//!
//! A metadata file gives the benchmark's Python requirement
//! (`[project] requires-python`), its packages (`[project] dependencies`,
//! plus a `requirements.txt` beside it) and the options its script gets
//! (`[tool.pyperformance] extra_opts`). A variant's file that leaves out
//! `[project]` keys takes them from its base's `pyproject.toml`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A benchmark that can be run.
#[derive(Clone, Debug, PartialEq)]
pub struct Benchmark {
    /// The name in the MANIFEST.
    pub name: String,
    /// Its `run_benchmark.py` (or the metadata's `runscript`).
    pub script: PathBuf,
    /// Arguments the script gets before the stand-in's options.
    pub extra_opts: Vec<String>,
}

/// A benchmark left out, and why.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Skipped {
    pub name: String,
    pub reason: String,
}

/// What a benchmarks folder holds, in MANIFEST order.
#[derive(Debug, Default)]
pub struct Discovery {
    pub runnable: Vec<Benchmark>,
    pub skipped: Vec<Skipped>,
}

/// Reads `dir/MANIFEST` and every benchmark's metadata; `python` is the
/// CPython version (major, minor, micro) the requirements are checked
/// against.
pub fn discover(dir: &Path, python: (u32, u32, u32)) -> Result<Discovery, String> {
    let manifest_path = dir.join("MANIFEST");
    let manifest = std::fs::read_to_string(&manifest_path).map_err(|e| {
        format!(
            "{}: {e} (not a pyperformance benchmarks folder?)",
            manifest_path.display()
        )
    })?;
    let mut found = Discovery::default();
    for (name, metafile) in parse_manifest(&manifest)? {
        match examine(dir, &name, &metafile, python) {
            Ok(b) => found.runnable.push(b),
            Err(reason) => found.skipped.push(Skipped { name, reason }),
        }
    }
    Ok(found)
}

/// The `(name, metafile)` rows of a MANIFEST's `[benchmarks]` section.
pub fn parse_manifest(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut rows = Vec::new();
    let mut in_benchmarks = false;
    for (number, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with('[') {
            in_benchmarks = line == "[benchmarks]";
            continue;
        }
        if !in_benchmarks {
            continue;
        }
        let mut words = line.split_whitespace();
        let (Some(name), Some(metafile), None) = (words.next(), words.next(), words.next()) else {
            return Err(format!(
                "MANIFEST line {}: expected `name metafile`, found '{raw}'",
                number + 1
            ));
        };
        if (name, metafile) == ("name", "metafile") {
            continue;
        }
        rows.push((name.to_string(), metafile.to_string()));
    }
    Ok(rows)
}

/// The benchmark, or why it is skipped.
fn examine(
    dir: &Path,
    name: &str,
    metafile: &str,
    python: (u32, u32, u32),
) -> Result<Benchmark, String> {
    let (meta_path, base_path) = match metafile {
        "<local>" => (dir.join(format!("bm_{name}")).join("pyproject.toml"), None),
        m => match m.strip_prefix("<local:").and_then(|m| m.strip_suffix('>')) {
            Some(base) => {
                let folder = dir.join(format!("bm_{base}"));
                (
                    folder.join(format!("bm_{name}.toml")),
                    Some(folder.join("pyproject.toml")),
                )
            }
            None => (dir.join(m), None),
        },
    };
    let read = |p: &Path| -> Result<Toml, String> {
        let text =
            std::fs::read_to_string(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
        parse_toml(&text).map_err(|e| format!("{}: {e}", p.display()))
    };
    let meta = read(&meta_path)?;
    let base = match &base_path {
        Some(p) if p.is_file() => Some(read(p)?),
        _ => None,
    };
    let folder = meta_path.parent().unwrap_or(dir);
    // A variant's own [project] keys win over its base's.
    let lookup = |key: &str| {
        meta.get(key)
            .or_else(|| base.as_ref().and_then(|b| b.get(key)))
    };
    if let Some(spec) = lookup("project.requires-python").and_then(Value::as_str) {
        if !python_satisfies(spec, python)? {
            return Err(format!(
                "requires Python {spec} (CPython is {}.{}.{})",
                python.0, python.1, python.2
            ));
        }
    }
    let mut packages: Vec<String> = lookup("project.dependencies")
        .map(Value::strings)
        .unwrap_or_default()
        .iter()
        .map(|d| requirement_name(d))
        .filter(|n| !is_pyperf(n))
        .collect();
    if let Ok(text) = std::fs::read_to_string(folder.join("requirements.txt")) {
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() || line.starts_with('-') {
                continue;
            }
            let n = requirement_name(line);
            if !is_pyperf(&n) && !packages.iter().any(|p| normalise(p) == normalise(&n)) {
                packages.push(n);
            }
        }
    }
    if !packages.is_empty() {
        return Err(format!(
            "needs third-party package(s): {}",
            packages.join(", ")
        ));
    }
    let script_name = lookup("tool.pyperformance.runscript")
        .and_then(Value::as_str)
        .unwrap_or("run_benchmark.py");
    let script = folder.join(script_name);
    if !script.is_file() {
        return Err(format!("no script {}", script.display()));
    }
    Ok(Benchmark {
        name: name.to_string(),
        script,
        extra_opts: meta
            .get("tool.pyperformance.extra_opts")
            .map(Value::strings)
            .unwrap_or_default(),
    })
}

/// A requirement's distribution name: `"Chameleon>=4; python_version<'4'"`
/// is `Chameleon`.
pub fn requirement_name(requirement: &str) -> String {
    requirement
        .trim()
        .split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .next()
        .unwrap_or("")
        .to_string()
}

/// Names compare as PyPI does: case-insensitive, `-`, `_` and `.` alike.
fn normalise(name: &str) -> String {
    name.to_ascii_lowercase().replace(['_', '.'], "-")
}

/// pyperf is what the stand-in replaces; it is no third-party need.
fn is_pyperf(name: &str) -> bool {
    normalise(name) == "pyperf"
}

/// Whether version `v` satisfies a comma-separated specifier such as
/// `>=3.8` or `>=3.10,<3.13`.
pub fn python_satisfies(spec: &str, v: (u32, u32, u32)) -> Result<bool, String> {
    let version = [v.0, v.1, v.2];
    for clause in spec.split(',') {
        let clause = clause.trim();
        if clause.is_empty() {
            continue;
        }
        let (op, rest) = ["==", "!=", ">=", "<=", "~=", ">", "<"]
            .iter()
            .find_map(|op| clause.strip_prefix(op).map(|rest| (*op, rest.trim())))
            .ok_or_else(|| format!("unsupported requires-python clause '{clause}'"))?;
        let wildcard = rest.ends_with(".*");
        let parts: Vec<u32> = rest
            .trim_end_matches(".*")
            .split('.')
            .map(|p| p.parse::<u32>())
            .collect::<Result<_, _>>()
            .map_err(|_| format!("unsupported requires-python version '{rest}'"))?;
        // Compare on as many components as the clause gives (3.11 == 3.11.7
        // under `==3.11.*`; `>=3.11` holds for 3.11.0).
        let n = parts.len().min(3);
        let mine = &version[..n];
        let theirs = &parts[..n];
        let ok = match op {
            ">=" => mine >= theirs,
            ">" => mine > theirs,
            "<=" => mine <= theirs,
            "<" => mine < theirs,
            "==" if wildcard => mine == theirs,
            "==" => version[..] == padded(&parts)[..],
            "!=" if wildcard => mine != theirs,
            "!=" => version[..] != padded(&parts)[..],
            // `~=3.8` is `>=3.8, ==3.*`.
            _ => mine >= theirs && version[..n - 1] == parts[..n - 1],
        };
        if !ok {
            return Ok(false);
        }
    }
    Ok(true)
}

fn padded(parts: &[u32]) -> [u32; 3] {
    let mut v = [0; 3];
    for (slot, p) in v.iter_mut().zip(parts) {
        *slot = *p;
    }
    v
}

/// A TOML value, as far as metadata files need: strings and arrays of them;
/// anything else is kept as its text.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Str(String),
    Array(Vec<Value>),
    Other(String),
}

impl Value {
    fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The strings of an array (a lone string counts as one).
    fn strings(&self) -> Vec<String> {
        match self {
            Value::Str(s) => vec![s.clone()],
            Value::Array(items) => items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            Value::Other(_) => Vec::new(),
        }
    }
}

/// Keys are full dotted paths: `project.requires-python`.
pub type Toml = BTreeMap<String, Value>;

/// Parses the subset of TOML that pyperformance's metadata files use:
/// `[table]` headers, `key = value` with dotted keys, basic and literal
/// strings, arrays over several lines, comments. Inline tables, numbers and
/// booleans are kept as text.
pub fn parse_toml(text: &str) -> Result<Toml, String> {
    let mut p = TomlParser {
        chars: text.chars().collect(),
        pos: 0,
        line: 1,
    };
    let mut table = String::new();
    let mut out = Toml::new();
    loop {
        p.skip_blank(true);
        let Some(c) = p.peek() else { break };
        if c == '[' {
            p.bump();
            let header = p.take_until(']')?;
            table = header.trim().to_string();
            p.bump();
        } else {
            let key = p.take_until('=')?.trim().to_string();
            if key.is_empty() || key.contains('\n') {
                return Err(format!("line {}: expected `key = value`", p.line));
            }
            p.bump();
            p.skip_blank(false);
            let value = p.value()?;
            let full = if table.is_empty() {
                key
            } else {
                format!("{table}.{key}")
            };
            out.insert(full, value);
        }
        p.skip_blank(false);
        match p.peek() {
            None | Some('\n') => {}
            Some(c) => return Err(format!("line {}: unexpected '{c}'", p.line)),
        }
    }
    Ok(out)
}

struct TomlParser {
    chars: Vec<char>,
    pos: usize,
    line: usize,
}

impl TomlParser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        if c == '\n' {
            self.line += 1;
        }
        Some(c)
    }

    /// Skips spaces and comments, and newlines too when `newlines`.
    fn skip_blank(&mut self, newlines: bool) {
        while let Some(c) = self.peek() {
            match c {
                ' ' | '\t' | '\r' => {}
                '\n' if newlines => {}
                '#' => {
                    while self.peek().is_some_and(|c| c != '\n') {
                        self.bump();
                    }
                    continue;
                }
                _ => break,
            }
            self.bump();
        }
    }

    fn take_until(&mut self, end: char) -> Result<String, String> {
        let mut s = String::new();
        loop {
            match self.peek() {
                Some(c) if c == end => return Ok(s),
                Some('\n') | None => {
                    return Err(format!("line {}: expected '{end}'", self.line));
                }
                Some(c) => {
                    s.push(c);
                    self.bump();
                }
            }
        }
    }

    fn value(&mut self) -> Result<Value, String> {
        match self.peek() {
            Some('"') => self.basic_string().map(Value::Str),
            Some('\'') => {
                self.bump();
                let s = self.take_until('\'')?;
                self.bump();
                Ok(Value::Str(s))
            }
            Some('[') => {
                self.bump();
                let mut items = Vec::new();
                loop {
                    self.skip_blank(true);
                    match self.peek() {
                        Some(']') => {
                            self.bump();
                            return Ok(Value::Array(items));
                        }
                        None => return Err(format!("line {}: unclosed array", self.line)),
                        _ => {}
                    }
                    items.push(self.value()?);
                    self.skip_blank(true);
                    if self.peek() == Some(',') {
                        self.bump();
                    }
                }
            }
            Some('{') => {
                self.bump();
                let mut depth = 1;
                let mut text = String::from("{");
                while depth > 0 {
                    let c = self
                        .bump()
                        .ok_or_else(|| format!("line {}: unclosed inline table", self.line))?;
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        '"' => {
                            self.pos -= 1;
                            let s = self.basic_string()?;
                            text.push_str(&format!("{s:?}"));
                            continue;
                        }
                        _ => {}
                    }
                    text.push(c);
                }
                Ok(Value::Other(text))
            }
            _ => {
                let mut s = String::new();
                while let Some(c) = self.peek() {
                    if matches!(c, ',' | ']' | '\n' | '#') {
                        break;
                    }
                    s.push(c);
                    self.bump();
                }
                let s = s.trim().to_string();
                if s.is_empty() {
                    return Err(format!("line {}: expected a value", self.line));
                }
                Ok(Value::Other(s))
            }
        }
    }

    /// A `"..."` string with TOML's escapes (`"""` strings are not used by
    /// metadata files and are refused).
    fn basic_string(&mut self) -> Result<String, String> {
        self.bump();
        let mut s = String::new();
        loop {
            match self.bump() {
                Some('"') => return Ok(s),
                Some('\\') => match self.bump() {
                    Some('n') => s.push('\n'),
                    Some('t') => s.push('\t'),
                    Some('r') => s.push('\r'),
                    Some('"') => s.push('"'),
                    Some('\\') => s.push('\\'),
                    Some(c @ ('u' | 'U')) => {
                        let len = if c == 'u' { 4 } else { 8 };
                        let hex: String = (0..len).filter_map(|_| self.bump()).collect();
                        let ch = u32::from_str_radix(&hex, 16)
                            .ok()
                            .and_then(char::from_u32)
                            .ok_or_else(|| format!("line {}: bad escape", self.line))?;
                        s.push(ch);
                    }
                    _ => return Err(format!("line {}: bad escape", self.line)),
                },
                Some('\n') | None => return Err(format!("line {}: unclosed string", self.line)),
                Some(c) => s.push(c),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_rows_skip_comments_headers_and_groups() {
        let text = "[benchmarks]\n\nname\tmetafile\n2to3\t<local>\n# off\n#hg\t<local>\n\
                    async_tree_io\t<local:async_tree>\n\n[group default]\n[group apps]\nx\ty\n";
        let rows = parse_manifest(text).unwrap();
        assert_eq!(
            rows,
            [
                ("2to3".to_string(), "<local>".to_string()),
                (
                    "async_tree_io".to_string(),
                    "<local:async_tree>".to_string()
                )
            ]
        );
        assert!(parse_manifest("[benchmarks]\nlonely\n").is_err());
    }

    #[test]
    fn toml_subset_of_metadata_files() {
        let text = r#"
[build-system]
requires = ["setuptools>=61"]

[project]
name = "pyperformance_bm_x"   # trailing comment
requires-python = ">=3.8"
dependencies = [
    "pyperf",
    'Chameleon',
]
urls = {repository = "https://example.org/{x}"}
urls.other = "a\"b"
dynamic = ["version"]

[tool.pyperformance]
name = "x_io"
extra_opts = ["io", "--flag"]
flag = true
"#;
        let t = parse_toml(text).unwrap();
        assert_eq!(
            t["project.requires-python"],
            Value::Str(">=3.8".to_string())
        );
        assert_eq!(
            t["project.dependencies"].strings(),
            ["pyperf".to_string(), "Chameleon".to_string()]
        );
        assert_eq!(t["project.urls.other"], Value::Str("a\"b".to_string()));
        assert!(matches!(&t["project.urls"], Value::Other(s) if s.starts_with('{')));
        assert_eq!(
            t["tool.pyperformance.extra_opts"].strings(),
            ["io".to_string(), "--flag".to_string()]
        );
        assert_eq!(t["tool.pyperformance.flag"], Value::Other("true".into()));
        assert!(parse_toml("a = [\"x\"").is_err());
        assert!(parse_toml("a = \"x").is_err());
        assert!(parse_toml("just words\n").is_err());
    }

    #[test]
    fn requires_python_specifiers() {
        let v = (3, 11, 7);
        for (spec, ok) in [
            (">=3.8", true),
            (">=3.11", true),
            (">=3.12", false),
            (">3.11", false),
            (">3.10", true),
            ("<3.12", true),
            ("<=3.11", true),
            ("<3.11", false),
            (">=3.8,<3.11", false),
            (">=3.8, <3.13", true),
            ("==3.11.*", true),
            ("==3.11", false),
            ("==3.11.7", true),
            ("!=3.11.*", false),
            ("~=3.8", true),
            ("~=3.12", false),
        ] {
            assert_eq!(python_satisfies(spec, v), Ok(ok), "{spec}");
        }
        assert!(python_satisfies("^3.8", v).is_err());
        assert!(python_satisfies(">=three", v).is_err());
    }

    #[test]
    fn requirement_names() {
        assert_eq!(requirement_name("Chameleon"), "Chameleon");
        assert_eq!(requirement_name(" pyperf>=2.0 "), "pyperf");
        assert_eq!(requirement_name("tomli; python_version < '3.11'"), "tomli");
        assert_eq!(requirement_name("dask[distributed]==2024.1"), "dask");
        assert!(is_pyperf("PyPerf"));
        assert_eq!(normalise("Zope.Interface_x"), "zope-interface-x");
    }
}
