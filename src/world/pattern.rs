//! `inclure` patterns: `*`, `?`, `[…]`, `[!…]` within a name and `**` for any depth of
//! directories, in the syntax of the `glob` crate (and its error positions), matched against the
//! directories any world lists. Only what the pattern writes is a pattern: the directory of the
//! including file is taken as it is, whatever characters its name holds.

use std::path::{Component, Path, PathBuf, is_separator};

use super::{Kind, World};

/// How deep `**` goes: far beyond a real project, and an end to a symbolic link that leads back
/// to one of its parents.
const MAX_DEPTH: usize = 64;

/// Whether the text of an `inclure` is a pattern rather than a path.
pub(crate) fn is_pattern(text: &str) -> bool {
    text.contains(['*', '?', '['])
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Char(char),
    AnyChar,
    AnySequence,
    /// `**`: any number of directories.
    Recursive,
    /// `[a-z_]`, `[!0-9]`: inclusive ranges.
    Class {
        negated: bool,
        ranges: Vec<(char, char)>,
    },
}

impl Token {
    fn accepts(&self, c: char) -> bool {
        match self {
            Token::Char(x) => *x == c,
            Token::AnyChar => true,
            Token::Class { negated, ranges } => {
                ranges.iter().any(|&(a, b)| a <= c && c <= b) != *negated
            }
            Token::AnySequence | Token::Recursive => false,
        }
    }
}

/// The tokens of CHARS, as `glob::Pattern::new` reads them; `Err` is the 0-based position of
/// the mistake.
fn tokens(chars: &[char]) -> Result<Vec<Token>, usize> {
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '?' => {
                tokens.push(Token::AnyChar);
                i += 1;
            }
            '*' => {
                let old = i;
                while i < chars.len() && chars[i] == '*' {
                    i += 1;
                }
                match i - old {
                    1 => tokens.push(Token::AnySequence),
                    2 => {
                        // `**` is a whole component or nothing.
                        if old > 0 && !is_separator(chars[old - 1]) {
                            return Err(old - 1);
                        }
                        if i < chars.len() {
                            if !is_separator(chars[i]) {
                                return Err(i);
                            }
                            i += 1;
                        }
                        if tokens.last() != Some(&Token::Recursive) {
                            tokens.push(Token::Recursive);
                        }
                    }
                    _ => return Err(old + 2),
                }
            }
            '[' => {
                let negated = chars.get(i + 1) == Some(&'!');
                // A `]` right after `[` or `[!` is a member, not the end.
                let first = if negated { i + 2 } else { i + 1 };
                let close = chars
                    .get(first + 1..)
                    .and_then(|rest| rest.iter().position(|&c| c == ']'));
                match close {
                    Some(j) if first < chars.len() => {
                        let end = first + 1 + j;
                        tokens.push(Token::Class {
                            negated,
                            ranges: ranges(&chars[first..end]),
                        });
                        i = end + 1;
                    }
                    _ => return Err(i),
                }
            }
            c => {
                tokens.push(Token::Char(c));
                i += 1;
            }
        }
    }
    Ok(tokens)
}

fn ranges(members: &[char]) -> Vec<(char, char)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < members.len() {
        if i + 2 < members.len() && members[i + 1] == '-' {
            out.push((members[i], members[i + 2]));
            i += 3;
        } else {
            out.push((members[i], members[i]));
            i += 1;
        }
    }
    out
}

/// Checks a pattern as written; `Err` is the 1-based position of the mistake, in characters.
/// Read whole, then one component at a time: `[a/b]` is a class to the first reading only.
pub(crate) fn check(pattern: &str) -> Result<(), usize> {
    let chars: Vec<char> = pattern.chars().collect();
    tokens(&chars).map_err(|at| at + 1)?;
    let mut start = 0;
    for part in chars.split(|&c| is_separator(c)) {
        tokens(part).map_err(|at| start + at + 1)?;
        start += part.len() + 1;
    }
    Ok(())
}

/// Whether NAME matches the tokens of one component (no `Recursive` among them). `*` keeps one
/// place to come back to, so that matching stays linear in practice whatever the stars.
fn matches(tokens: &[Token], name: &str) -> bool {
    let name: Vec<char> = name.chars().collect();
    let (mut t, mut n) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while n < name.len() {
        match tokens.get(t) {
            Some(Token::AnySequence) => {
                star = Some((t, n));
                t += 1;
            }
            Some(token) if token.accepts(name[n]) => {
                t += 1;
                n += 1;
            }
            _ => match star {
                Some((st, sn)) => {
                    t = st + 1;
                    n = sn + 1;
                    star = Some((st, sn + 1));
                }
                None => return false,
            },
        }
    }
    tokens[t..].iter().all(|tok| *tok == Token::AnySequence)
}

/// What an `inclure` written in directory BASE names: a path, `.` and `..` resolved without the
/// disk, and how to look for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Target {
    /// The whole path (a pattern's still holds its wildcards): what confinement compares.
    pub path: PathBuf,
    /// The directory where matching starts: BASE and the pattern's leading plain names.
    start: PathBuf,
    /// The components from the first one with a wildcard on.
    rest: Vec<String>,
    /// The pattern ends with a separator: it names directories, never a file.
    directories_only: bool,
}

/// Where PATTERN leads from BASE; `None` when a `..` climbs above the root of the file system.
pub(crate) fn resolve(base: &Path, pattern: &str) -> Option<Target> {
    // Each component remembers whether it was written in the pattern: only those are patterns.
    let mut parts: Vec<(&std::ffi::OsStr, bool)> = Vec::new();
    let written = Path::new(pattern);
    let from_pattern = written.components().map(|c| (c, true));
    let all = if written.has_root() {
        from_pattern.collect::<Vec<_>>()
    } else {
        base.components()
            .map(|c| (c, false))
            .chain(from_pattern)
            .collect()
    };
    for (c, mine) in all {
        match c {
            Component::ParentDir => {
                // The root of the file system stays.
                if parts.len() <= 1 && matches!(parts.first(), Some((p, _)) if *p == "/") {
                    return None;
                }
                parts.pop()?;
            }
            Component::CurDir => {}
            other => parts.push((other.as_os_str(), mine)),
        }
    }
    let path: PathBuf = parts.iter().map(|(p, _)| *p).collect();
    let plain = parts
        .iter()
        .take_while(|(p, mine)| !mine || !p.to_str().is_some_and(is_pattern))
        .count();
    Some(Target {
        path,
        start: parts[..plain].iter().map(|(p, _)| *p).collect(),
        rest: parts[plain..]
            .iter()
            .map(|(p, _)| p.to_string_lossy().into_owned())
            .collect(),
        directories_only: pattern.ends_with(is_separator),
    })
}

/// One component to match.
enum Part {
    Name(String),
    Tokens(Vec<Token>),
    Recursive,
}

impl Target {
    /// The files the target names in WORLD, sorted. A plain path is looked up; a pattern is
    /// matched, each directory listed once.
    pub(crate) fn files(&self, world: &dyn World) -> Vec<PathBuf> {
        let mut parts: Vec<Part> = Vec::new();
        for text in &self.rest {
            let chars: Vec<char> = text.chars().collect();
            let part = match tokens(&chars) {
                Ok(t) if t == [Token::Recursive] => Part::Recursive,
                Ok(t) if t.iter().all(|t| matches!(t, Token::Char(_))) => Part::Name(text.clone()),
                Ok(t) => Part::Tokens(t),
                // `check` refuses such a pattern before it is looked for.
                Err(_) => return Vec::new(),
            };
            if !(matches!(part, Part::Recursive) && matches!(parts.last(), Some(Part::Recursive))) {
                parts.push(part);
            }
        }
        let mut found = Vec::new();
        walk(world, self.start.clone(), &parts, 0, &mut found);
        // A pipe or a device that the pattern matches stays, for the loader to refuse it by name
        // (reading it would block or never end); only directories are no match.
        found.retain(|p| {
            !self.directories_only && world.metadata(p).is_ok_and(|m| m.kind != Kind::Directory)
        });
        found.sort();
        found.dedup();
        found
    }
}

fn walk(world: &dyn World, at: PathBuf, parts: &[Part], depth: usize, found: &mut Vec<PathBuf>) {
    let Some((part, rest)) = parts.split_first() else {
        found.push(at);
        return;
    };
    match part {
        Part::Name(name) => {
            let next = at.join(name);
            if world.metadata(&next).is_ok() {
                walk(world, next, rest, depth, found);
            }
        }
        Part::Tokens(tokens) => {
            for entry in world.entries(&at).unwrap_or_default() {
                if (rest.is_empty() || entry.kind == Kind::Directory)
                    && matches(tokens, &entry.name)
                {
                    walk(world, at.join(&entry.name), rest, depth, found);
                }
            }
        }
        Part::Recursive => {
            if depth < MAX_DEPTH {
                for entry in world.entries(&at).unwrap_or_default() {
                    if entry.kind == Kind::Directory {
                        walk(world, at.join(&entry.name), parts, depth + 1, found);
                    }
                }
            }
            walk(world, at, rest, depth, found);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::MemoryWorld;

    fn one(pattern: &str, name: &str) -> bool {
        let chars: Vec<char> = pattern.chars().collect();
        matches(&tokens(&chars).unwrap(), name)
    }

    #[test]
    fn names_match_as_in_the_shell() {
        assert!(one("*.ctg", "a.ctg"));
        assert!(one("*.ctg", ".cachée.ctg"));
        assert!(!one("*.ctg", "a.ctg~"));
        assert!(one("f?che-[0-9][!x].ctg", "fiche-1a.ctg"));
        assert!(!one("f?che-[0-9][!x].ctg", "fiche-1x.ctg"));
        assert!(one("[]]", "]"));
        assert!(one("[!]]", "a"));
        assert!(one("*a*a*a*a*a*a*a*a*b", &format!("{}b", "a".repeat(200))));
        assert!(!one("*a*a*a*a*a*a*a*a*b", &"a".repeat(200)));
        assert!(one("é*", "étape.ctg"));
    }

    #[test]
    fn mistakes_are_placed_as_glob_places_them() {
        assert_eq!(check("fiches/*.ctg"), Ok(()));
        assert_eq!(check("**/*.ctg"), Ok(()));
        assert_eq!(check("fiches/[brouillon.ctg"), Err(8));
        assert_eq!(check("***"), Err(3));
        assert_eq!(check("a**/x"), Err(1));
        assert_eq!(check("a/**b"), Err(5));
        // A class across a separator is one class to the whole reading, none to its parts.
        assert_eq!(check("é/[a/b]"), Err(3));
        for pattern in ["fiches/[brouillon.ctg", "***", "a**/x", "a/**b", "x/[!]"] {
            let expected = glob::Pattern::new(pattern).err().map(|e| e.pos + 1);
            assert_eq!(check(pattern).err(), expected, "{pattern}");
        }
    }

    #[test]
    fn only_the_pattern_is_a_pattern() {
        let t = resolve(Path::new("/p/CTG [2024]"), "./fiches/../fiches/*/x.ctg").unwrap();
        assert_eq!(t.path, PathBuf::from("/p/CTG [2024]/fiches/*/x.ctg"));
        assert_eq!(t.start, PathBuf::from("/p/CTG [2024]/fiches"));
        assert_eq!(t.rest, ["*", "x.ctg"]);
        assert_eq!(resolve(Path::new("/p"), "../../x"), None);
        assert_eq!(
            resolve(Path::new("/p"), "/etc/*.ctg").unwrap().path,
            PathBuf::from("/etc/*.ctg")
        );
    }

    #[test]
    fn files_are_found_in_any_world() {
        let world = MemoryWorld::new()
            .with("convention.ctg", "")
            .with("fiches/b.ctg", "")
            .with("fiches/a.ctg", "")
            .with("fiches/notes.txt", "")
            .with("fiches/sous/c.ctg", "")
            .with("fiches/sous/plus/d.ctg", "");
        let found = |pattern: &str| -> Vec<String> {
            resolve(Path::new(MemoryWorld::ROOT), pattern)
                .unwrap()
                .files(&world)
                .iter()
                .map(|p| {
                    p.strip_prefix(MemoryWorld::ROOT)
                        .unwrap()
                        .display()
                        .to_string()
                })
                .collect()
        };
        assert_eq!(found("fiches/*.ctg"), ["fiches/a.ctg", "fiches/b.ctg"]);
        assert_eq!(
            found("fiches/**/*.ctg"),
            [
                "fiches/a.ctg",
                "fiches/b.ctg",
                "fiches/sous/c.ctg",
                "fiches/sous/plus/d.ctg"
            ]
        );
        assert_eq!(found("**/**/d.ctg"), ["fiches/sous/plus/d.ctg"]);
        assert_eq!(found("*/sous/?.ctg"), ["fiches/sous/c.ctg"]);
        assert_eq!(found("fiches/a.ctg"), ["fiches/a.ctg"]);
        assert!(found("fiches/*").contains(&"fiches/notes.txt".to_string()));
        assert!(found("fiches/*/").is_empty());
        assert!(found("fiches/**").is_empty());
        assert!(found("fiche/*.ctg").is_empty());
    }
}
