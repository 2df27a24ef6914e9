//! `ctgc fmt`: the examples are in canonical form; formatting is idempotent and never changes the
//! meaning (the exported model before and after is identical), on the examples and on copies
//! whose layout was scrambled at random (fields reordered, indentation, keywords without accents
//! or in capitals, money and dates respelled, lists wrapped, CRLF, BOM).

mod support;
use support::EXAMPLES;
use support::prng::Rng;

use std::path::{Path, PathBuf};
use std::process::Command;

use ctgc::compile::{Options, compile};
use ctgc::date::{Date, Form, MONTHS};
use ctgc::format::format;
use ctgc::keyword::fold;
use ctgc::lower::keywords;
use ctgc::money::Money;
use ctgc::source::FileId;
use ctgc::syntax::{Arg, ArgKind, Comment, Statement, parse};

/// The statements whose bare words are vocabulary (accents optional), not identifiers.
const VOCABULARY_STATEMENTS: &[&str] = &[
    "champ", "champs", "priorite", "statut", "type", "nature", "genre", "capacite",
];

/// Prints a syntax tree back with a random layout that means the same.
struct Scrambler {
    rng: Rng,
}

impl Scrambler {
    fn indent(&mut self, depth: usize) -> String {
        match self.rng.below(4) {
            0 => "\t".repeat(depth),
            1 => " ".repeat(depth * 4),
            2 => " ".repeat(self.rng.below(7)),
            _ => "  ".repeat(depth),
        }
    }

    fn keyword(&mut self, k: &str) -> String {
        let k = if self.rng.chance(2) {
            fold(k)
        } else {
            k.to_string()
        };
        match self.rng.below(5) {
            0 => k.to_uppercase(),
            1 => {
                let mut c = k.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            }
            _ => k,
        }
    }

    fn money(&mut self, raw: &str) -> String {
        let Ok(m) = Money::parse(raw) else {
            return raw.to_string();
        };
        let plain = m.source();
        let digits: String = plain
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '€')
            .collect();
        match self.rng.below(5) {
            0 => format!("{digits} €"),
            1 => format!("{digits}€"),
            2 => plain.replace(' ', "\u{a0}"),
            3 if !digits.contains(',') => format!("{},00 €", plain.trim_end_matches(" €")),
            _ => plain,
        }
    }

    fn date(&mut self, raw: &str) -> String {
        let Ok(d) = Date::parse(raw) else {
            return raw.to_string();
        };
        if d.form == Form::Month {
            // Known to the month only: no ISO form, and no day to add.
            let month = MONTHS[d.month as usize - 1];
            return match self.rng.below(3) {
                0 => format!("{} {}", fold(month), d.year),
                1 => format!("{} {}", fold(month).to_uppercase(), d.year),
                _ => d.french(),
            };
        }
        match self.rng.below(4) {
            0 => d.iso(),
            1 => format!(
                "{} {} {}",
                d.day,
                fold(MONTHS[d.month as usize - 1]),
                d.year
            ),
            2 => format!(
                "{} {} {}",
                d.day,
                fold(MONTHS[d.month as usize - 1]).to_uppercase(),
                d.year
            ),
            _ => d.french(),
        }
    }

    fn text(&mut self, raw: &str) -> String {
        // An extra common indentation is invisible once dedented, when the text starts on its own line.
        let raw = raw.replace("\r\n", "\n");
        if raw.starts_with('\n') && self.rng.chance(2) {
            let extra = " ".repeat(1 + self.rng.below(6));
            raw.split('\n')
                .enumerate()
                .map(|(i, l)| {
                    if i == 0 {
                        l.to_string()
                    } else {
                        format!("{extra}{l}")
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            raw
        }
    }

    fn word(&mut self, w: &str, keyword: &str) -> String {
        let k = fold(keyword);
        if VOCABULARY_STATEMENTS.contains(&k.as_str()) && self.rng.chance(2) {
            return fold(w);
        }
        if k == "financement"
            && [
                "prévisionnel",
                "bénéficiaire",
                "par",
                "an",
                "à",
                "déterminer",
            ]
            .contains(&w)
        {
            return if self.rng.chance(2) {
                fold(w).to_uppercase()
            } else {
                fold(w)
            };
        }
        if k == "representant" && (w == "Mme" || w == "M.") && self.rng.chance(2) {
            return w.to_lowercase();
        }
        w.to_string()
    }

    fn arguments(&mut self, s: &Statement, depth: usize) -> String {
        let mut out = String::new();
        for (i, a) in s.args.iter().enumerate() {
            let piece = match &a.kind {
                ArgKind::Str(v) => format!("\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\"")),
                ArgKind::Text(raw) => format!("\"\"\"{}\"\"\"", self.text(raw)),
                ArgKind::Placeholder => self
                    .rng
                    .pick(&["à compléter", "a completer", "A COMPLETER", "à  compléter"])
                    .into(),
                ArgKind::Money(raw) => self.money(raw),
                ArgKind::Date(raw) => self.date(raw),
                ArgKind::Range => "..".into(),
                ArgKind::Number(n) => n.clone(),
                ArgKind::Comma => {
                    out.push(',');
                    if self.rng.chance(4) {
                        out.push('\n');
                        out.push_str(&self.indent(depth + 1));
                    }
                    continue;
                }
                ArgKind::Percent => "%".into(),
                ArgKind::Word(w) => self.word(w, &s.keyword),
            };
            // `2023..2026` may be written without spaces (a date may not: `2023.` is no year).
            let number = |k: Option<&Arg>| {
                matches!(
                    k,
                    Some(Arg {
                        kind: ArgKind::Number(_),
                        ..
                    })
                )
            };
            let glued = match a.kind {
                ArgKind::Range => {
                    number(s.args.get(i.wrapping_sub(1))) && number(s.args.get(i + 1))
                }
                ArgKind::Number(_) => {
                    matches!(
                        s.args.get(i.wrapping_sub(1)),
                        Some(Arg {
                            kind: ArgKind::Range,
                            ..
                        })
                    ) && number(s.args.get(i.wrapping_sub(2)))
                }
                _ => false,
            };
            let after_space = out.ends_with(['\n', ' ', '\t']);
            let glue = glued && self.rng.chance(2);
            if !after_space && !glue {
                out.push_str(self.rng.pick(&[" ", " ", "  ", "\t"]));
            }
            out.push_str(&piece);
        }
        out
    }

    fn comments(&mut self, list: &[Comment], depth: usize, out: &mut String) {
        for c in list {
            let indent = self.indent(depth);
            out.push_str(&format!("{indent}#{}\n", c.text));
        }
    }

    /// Fields of a block in a random order that keeps repeated fields in their relative order,
    /// and an avenant's changes in theirs (the order of its articles).
    fn shuffle<'a>(&mut self, statements: &'a [Statement]) -> Vec<&'a Statement> {
        let changes = &keywords::AVENANT[keywords::AVENANT_FIELDS..];
        let mut groups: Vec<(String, Vec<&Statement>)> = Vec::new();
        for s in statements {
            let mut k = fold(&s.keyword);
            if changes.iter().any(|c| fold(c) == k) {
                k = "changement d'un avenant".to_string();
            }
            match groups.iter_mut().find(|(g, _)| *g == k) {
                Some((_, list)) => list.push(s),
                None => groups.push((k, vec![s])),
            }
        }
        for (_, list) in &mut groups {
            list.reverse();
        }
        let mut out = Vec::new();
        while !groups.is_empty() {
            let i = self.rng.below(groups.len());
            out.push(groups[i].1.pop().expect("non-empty group"));
            if groups[i].1.is_empty() {
                groups.remove(i);
            }
        }
        out
    }

    fn body(
        &mut self,
        statements: &[Statement],
        trailing: &[Comment],
        depth: usize,
        out: &mut String,
    ) {
        let order: Vec<&Statement> = if depth == 0 {
            statements.iter().collect()
        } else {
            self.shuffle(statements)
        };
        for s in order {
            if self.rng.chance(6) {
                out.push('\n');
            }
            self.comments(&s.comments_before, depth, out);
            let indent = self.indent(depth);
            let keyword = self.keyword(&s.keyword);
            out.push_str(&format!("{indent}{keyword}{}", self.arguments(s, depth)));
            if let Some(b) = &s.block {
                if b.statements.is_empty() && b.trailing_comments.is_empty() {
                    out.push_str(" {}");
                } else {
                    out.push_str(" {\n");
                    self.body(&b.statements, &b.trailing_comments, depth + 1, out);
                    let indent = self.indent(depth);
                    out.push_str(&format!("{indent}}}"));
                }
            }
            if let Some(c) = &s.comment_after {
                out.push_str(&format!(
                    "{}#{}",
                    self.rng.pick(&[" ", "   ", "\t"]),
                    c.text
                ));
            }
            out.push('\n');
        }
        self.comments(trailing, depth, out);
    }

    fn file(&mut self, text: &str) -> String {
        let (tree, diags) = parse(text, FileId(0));
        assert!(diags.is_empty(), "example parses");
        let mut out = String::new();
        self.body(&tree.statements, &tree.trailing_comments, 0, &mut out);
        if self.rng.chance(3) {
            out = out.replace('\n', "\r\n");
        }
        if self.rng.chance(5) {
            out.insert(0, '\u{feff}');
        }
        out
    }
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ctgc-test-format-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// A directory for a copy of an example, at the same depth as in the repository
/// (`…/conventions/NAME`) beside a copy of `models/`: a project's `modèle: ../../models/…`
/// still leads to its Caf model.
fn example_dir(name: &str) -> PathBuf {
    let root = temp(name);
    copy_with(Path::new("models"), &root.join("models"), |_, text| {
        text.to_string()
    });
    let dir = root.join("conventions").join("projet");
    std::fs::create_dir_all(&dir).expect("example dir");
    dir
}

/// Removes a directory made by [`example_dir`], the copy of `models/` with it.
fn remove_example_dir(dir: &Path) {
    if let Some(root) = dir.ancestors().nth(2) {
        std::fs::remove_dir_all(root).ok();
    }
}

/// Every file of a directory, recursively, relative to it.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        for entry in std::fs::read_dir(dir.join(&rel)).expect("readable dir") {
            let entry = entry.expect("entry");
            let r = rel.join(entry.file_name());
            if entry.file_type().expect("type").is_dir() {
                stack.push(r);
            } else {
                out.push(r);
            }
        }
    }
    out.sort();
    out
}

/// Copies a project, passing each `.ctg` file's text through `f`.
fn copy_with(from: &Path, to: &Path, mut f: impl FnMut(&Path, &str) -> String) {
    for rel in files(from) {
        let target = to.join(&rel);
        std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        if rel.extension().is_some_and(|e| e == "ctg") {
            let bytes = std::fs::read(from.join(&rel)).expect("read");
            let text = String::from_utf8(bytes).expect("utf-8");
            std::fs::write(&target, f(&rel, text.trim_start_matches('\u{feff}'))).expect("write");
        } else {
            std::fs::copy(from.join(&rel), &target).expect("copy");
        }
    }
}

/// The exported model, as JSON: the meaning of the convention, without its layout.
fn meaning(dir: &Path) -> serde_json::Value {
    let comp = compile(dir, Options::default()).expect("project loads");
    let errors: Vec<String> = comp
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.message.clone())
        .collect();
    assert!(errors.is_empty(), "{}: {errors:?}", dir.display());
    serde_json::to_value(ctgc::export::export(&comp.model)).expect("export serialises")
}

fn formatted(text: &str, what: &str) -> String {
    match format(text, FileId(0)) {
        Ok(s) => s,
        Err(e) => panic!("{what}: {e:?}"),
    }
}

/// Lines compared without blank lines and with single spaces (blank lines and comment alignment
/// depend on where the scrambler moved things; everything else must be identical).
fn normalised(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

#[test]
fn examples_are_in_canonical_form() {
    for name in EXAMPLES {
        let o = Command::new(env!("CARGO_BIN_EXE_ctgc"))
            .args(["fmt", "--check", &format!("conventions/{name}")])
            .output()
            .expect("runs");
        assert_eq!(
            o.status.code(),
            Some(0),
            "{name}: {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(o.stdout.is_empty());
    }
}

#[test]
fn formatting_examples_is_idempotent_and_keeps_the_meaning() {
    for name in EXAMPLES {
        let src = Path::new("conventions").join(name);
        let dir = example_dir(&format!("ex-{name}"));
        copy_with(&src, &dir, |rel, text| {
            let once = formatted(text, &rel.display().to_string());
            assert_eq!(
                formatted(&once, "second pass"),
                once,
                "{name}/{}: not idempotent",
                rel.display()
            );
            once
        });
        assert_eq!(
            meaning(&dir),
            meaning(&src),
            "{name}: formatting changed the export"
        );
        remove_example_dir(&dir);
    }
}

#[test]
fn scrambled_copies_format_back_with_the_same_meaning() {
    let mut scrambler = Scrambler {
        rng: Rng(0x0c7c_f0a7_2026_0001),
    };
    for name in EXAMPLES {
        let src = Path::new("conventions").join(name);
        let reference = meaning(&src);
        for round in 0..4 {
            let scrambled = example_dir(&format!("scr-{name}-{round}"));
            copy_with(&src, &scrambled, |_, text| scrambler.file(text));
            assert_eq!(
                meaning(&scrambled),
                reference,
                "{name} #{round}: the scrambler itself changed the meaning"
            );
            let out = example_dir(&format!("fmt-{name}-{round}"));
            copy_with(&scrambled, &out, |rel, text| {
                let what = format!("{name} #{round} {}", rel.display());
                let once = formatted(text, &what);
                assert_eq!(formatted(&once, &what), once, "{what}: not idempotent");
                assert!(
                    !once.contains('\r') && !once.starts_with('\u{feff}'),
                    "{what}: CRLF or BOM kept"
                );
                let canonical = formatted(
                    &std::fs::read_to_string(src.join(rel)).expect("read"),
                    &what,
                );
                assert_eq!(
                    normalised(&once),
                    normalised(&canonical),
                    "{what}: differs from the formatted original"
                );
                once
            });
            assert_eq!(
                meaning(&out),
                reference,
                "{name} #{round}: formatting changed the export"
            );
            remove_example_dir(&scrambled);
            remove_example_dir(&out);
        }
    }
}

#[test]
fn check_lists_files_and_exits_1_then_fmt_rewrites_them() {
    let dir = temp("cli");
    std::fs::write(
        dir.join("convention.ctg"),
        "convention \"T\" {\r\nperiode 2023..2026 ; Lieu a completer\r\n}\r\n",
    )
    .expect("write");
    let ctgc = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_ctgc"))
            .args(args)
            .output()
            .expect("runs")
    };
    let path = dir.to_string_lossy().to_string();
    let o = ctgc(&["fmt", "--check", &path]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("convention.ctg"));
    assert!(String::from_utf8_lossy(&o.stderr).contains("1 fichier à mettre en forme"));
    let o = ctgc(&["fmt", &path]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("convention.ctg")).expect("read"),
        "convention \"T\" {\n  période 2023 .. 2026\n  lieu à compléter\n}\n"
    );
    assert_eq!(ctgc(&["fmt", "--check", &path]).status.code(), Some(0));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_file_that_does_not_parse_is_never_written() {
    let dir = temp("broken");
    let file = dir.join("convention.ctg");
    let broken = "convention \"T\" {\n  période 2023 .. 2026\n  lieu \"Aime\n";
    std::fs::write(&file, broken).expect("write");
    let o = Command::new(env!("CARGO_BIN_EXE_ctgc"))
        .args(["fmt", &file.to_string_lossy()])
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("n'est pas mis en forme"), "{err}");
    assert!(err.contains("ctg::syntaxe::"), "{err}");
    assert_eq!(std::fs::read_to_string(&file).expect("read"), broken);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn missing_path_is_a_usage_error() {
    let o = Command::new(env!("CARGO_BIN_EXE_ctgc"))
        .args(["fmt", "nulle/part.ctg"])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .contains("impossible de lire «\u{202f}nulle/part.ctg\u{202f}»")
    );
}

const SNIPPETS: &[&str] = &[
    "{",
    "}",
    "\"",
    "\"\"\"",
    "#",
    "€",
    " 12 000 €",
    "12  000 €",
    "..",
    ",",
    ";",
    "\n",
    "\r\n",
    "\t",
    "é",
    "à compléter",
    "1er janvier 2023",
    "2023-02-01",
    "axe",
    "fiche x \"t\" {",
    "financement caf 2023 .. 2026 1 000 € par an",
    "-",
    "%",
    "’",
    "numéro 1",
    " .. ",
    "représentant",
    "\\",
    "\"\\\"",
    ",\n",
    "# c\n",
    "\"\"\"\n  a\n\n b\n\"\"\"",
];

/// Whatever the text, the formatter either refuses it (syntax) or gives an idempotent result: it
/// never panics and never produces a text that reads differently (an internal refusal).
#[test]
fn random_edits_never_break_the_formatter() {
    let mut files = Vec::new();
    for entry in glob::glob("conventions/*/**/*.ctg").expect("pattern") {
        files.push(std::fs::read_to_string(entry.expect("readable")).expect("utf-8"));
    }
    let mut rng = Rng(0x00f0_4a7e_d17e_5eed);
    let mut formatted_ok = 0;
    for round in 0..1500 {
        let base = &files[rng.below(files.len())];
        let mut text = base.clone();
        for _ in 0..1 + rng.below(4) {
            let mut at = rng.below(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            if rng.chance(3) {
                let mut end = (at + rng.below(30)).min(text.len());
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                text.replace_range(at..end, "");
            } else {
                text.insert_str(at, SNIPPETS[rng.below(SNIPPETS.len())]);
            }
        }
        match format(&text, FileId(0)) {
            Ok(once) => {
                formatted_ok += 1;
                assert_eq!(
                    formatted(&once, "second pass"),
                    once,
                    "round {round}: not idempotent"
                );
            }
            Err(ctgc::format::Refusal::Syntax(_)) => {}
            Err(ctgc::format::Refusal::Internal(msg)) => panic!("round {round}: {msg}\n{text}"),
        }
    }
    assert!(
        formatted_ok > 300,
        "only {formatted_ok} edited texts still parsed"
    );
}

/// A copy of versants-d-aime whose yearly values are written the old way, in the fiches
/// (`valeur ANNÉE V` in each indicator), and no longer in the bilans.
fn values_back_in_the_fiches(dir: &Path) -> usize {
    let src = Path::new("conventions/versants-d-aime");
    // (fiche, libellé as written, year, value as written), from the bilans (read first: `bilans/`
    // sorts before `fiches/`).
    let mut values: Vec<(String, String, String, String)> = Vec::new();
    copy_with(src, dir, |rel, text| {
        let mut out = String::new();
        let (mut year, mut fiche) = (String::new(), String::new());
        for line in text.split_inclusive('\n') {
            let words: Vec<&str> = line.split_whitespace().collect();
            match words.as_slice() {
                ["bilan", y, "{"] => year = y.to_string(),
                ["fiche", id, "{"] if rel.starts_with("bilans") => fiche = id.to_string(),
                ["fiche", id, ..] => fiche = id.to_string(),
                ["valeur", ..] if rel.starts_with("bilans") => {
                    let rest = line.trim().strip_prefix("valeur ").unwrap();
                    let end = rest[1..].find('"').unwrap() + 2;
                    values.push((
                        fiche.clone(),
                        rest[..end].to_string(),
                        year.clone(),
                        rest[end..].trim().to_string(),
                    ));
                    continue;
                }
                ["indicateur", ..] => {
                    out.push_str(line);
                    let libelle = line.trim().strip_prefix("indicateur ").unwrap();
                    let libelle = libelle.trim_end_matches('{').trim();
                    for (_, _, y, v) in values
                        .iter()
                        .filter(|(f, l, ..)| *f == fiche && l == libelle)
                    {
                        out.push_str(&format!("    valeur {y} {v}\n"));
                    }
                    continue;
                }
                _ => {}
            }
            out.push_str(line);
        }
        out
    });
    values.len()
}

fn ctgc_in(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_ctgc"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("runs")
}

#[test]
fn fmt_moves_the_fiches_values_into_their_bilans_without_changing_the_meaning() {
    let src = Path::new("conventions/versants-d-aime");
    let dir = temp("deplacer-valeurs");
    let moved = values_back_in_the_fiches(&dir);
    assert!(moved > 20, "{moved} values");
    let fiches_text: String = files(&dir)
        .iter()
        .filter(|r| r.starts_with("fiches"))
        .map(|r| std::fs::read_to_string(dir.join(r)).unwrap())
        .collect();
    assert_eq!(fiches_text.matches("    valeur 20").count(), moved);
    // Where a value is written never changes the export.
    assert_eq!(meaning(&dir), meaning(src), "values in the fiches");

    // Plain `fmt` moves nothing across files; `--check` with the option lists the files to change.
    let o = ctgc_in(&dir, &["fmt", "--deplacer-valeurs", "--check", "."]);
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("à déplacer vers «\u{202f}./bilans/2023/cotech.ctg\u{202f}»")
            && stderr.contains("(lancez «\u{202f}ctgc fmt --deplacer-valeurs\u{202f}»)"),
        "{stderr}"
    );
    let o = ctgc_in(&dir, &["fmt", "--deplacer-valeurs", "."]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("valeurs déplacées vers"), "{stderr}");
    // « 1 valeur déplacée », « 2 valeurs déplacées »: the participle agrees with the count.
    for line in stderr.lines().filter(|l| l.contains(" déplacée")) {
        let one = line.contains(" 1 valeur déplacée vers");
        let many = line.contains(" valeurs déplacées vers");
        assert!(one || many, "{line}");
    }
    // Back where the example has them, byte for byte, with the same meaning.
    for rel in files(src) {
        assert_eq!(
            std::fs::read_to_string(dir.join(&rel)).unwrap(),
            std::fs::read_to_string(src.join(&rel)).unwrap(),
            "{}",
            rel.display()
        );
    }
    assert_eq!(meaning(&dir), meaning(src), "values moved into the bilans");
    // Idempotent: a second run has nothing to do.
    let o = ctgc_in(&dir, &["fmt", "--deplacer-valeurs", "--check", "."]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );

    // A value of a year without a bilan stays, and the user is told why.
    let creche = dir.join("fiches/01-creche.ctg");
    let text = std::fs::read_to_string(&creche).unwrap();
    let with_2025 = text.replacen(
        "    cible 50 en 2026\n",
        "    cible 50 en 2026\n    valeur 2025 49\n",
        1,
    );
    std::fs::write(&creche, &with_2025).unwrap();
    let o = ctgc_in(&dir, &["fmt", "--deplacer-valeurs", "."]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("«\u{202f}./fiches/01-creche.ctg\u{202f}», ligne 38\u{202f}: la valeur 2025 de l'indicateur «\u{202f}Places d’accueil collectif ouvertes\u{202f}» (fiche creche) reste dans la fiche\u{202f}: le projet n'a pas de bilan 2025"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&creche).unwrap(), with_2025);

    // A project with errors moves nothing, and says so.
    std::fs::write(&creche, text.replace("axe pe\n", "axe inconnu\n")).unwrap();
    let o = ctgc_in(&dir, &["fmt", "--deplacer-valeurs", "."]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .contains("ne sont pas déplacées\u{202f}: le projet a 1 erreur"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    std::fs::remove_dir_all(&dir).ok();
}
