//! The VS Code extension (editors/vscode/) against the compiler it serves:
//!
//! - the grammar's keyword lists (editors/vscode/syntaxes/keywords.json) are the compiler's, and
//!   the grammar highlights every spelling the compiler accepts (accents and case ignored);
//! - the snippets expand, with every choice they offer, into statements the compiler reads without
//!   a syntax, lexical or value error, and offer exactly the compiler's vocabularies;
//! - `npm test` passes: grammar assertions, snapshots over every .ctg of the repository, the client's
//!   tests, and `vsce package`.
//!
//! Installs the npm packages when they are missing; when node itself is absent the node tests fail
//! under `CI` and are skipped elsewhere, saying so. `CTGC_UPDATE_GOLDEN=1` rewrites the grammar
//! snapshots (editors/vscode/test/snap/).

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use ctgc::compile::{self, Options};
use ctgc::keyword::fold;
use ctgc::lower::keywords;
use ctgc::model::{Champ, Civility, IndicatorType, Nature, Priorite, Statut};
use ctgc::rules::Family;
use serde_json::Value;

fn extension() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/vscode")
}

fn json(file: &str) -> Value {
    let path = extension().join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("impossible de lire {}: {e}", path.display()));
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} : JSON invalide : {e}", path.display()))
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .expect("une liste")
        .iter()
        .map(|v| v.as_str().expect("une chaîne").to_string())
        .collect()
}

/// Whether node and the extension's npm packages are there (installing them once if need be).
fn node_ready() -> bool {
    static READY: OnceLock<bool> = OnceLock::new();
    *READY.get_or_init(|| {
        let node = Command::new("node")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        if !node {
            support::missing_tool(
                "node is absent (scripts/ensure-tools test installs it with apt)",
            );
            return false;
        }
        if !extension()
            .join("node_modules/.bin/vscode-tmgrammar-test")
            .exists()
        {
            let status = Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund", "--silent"])
                .current_dir(extension())
                .status()
                .expect("npm runs");
            assert!(status.success(), "npm ci a échoué dans editors/vscode");
        }
        true
    })
}

#[test]
fn grammar_keywords_are_the_compilers() {
    let lists = json("syntaxes/keywords.json");
    assert_eq!(strings(&lists["top"]), keywords::TOP, "top-level keywords");
    assert_eq!(
        strings(&lists["reserved"]),
        keywords::RESERVED,
        "reserved keywords"
    );
    let in_blocks: BTreeSet<&str> = keywords::BLOCKS
        .iter()
        .filter(|(_, list)| *list != keywords::TOP)
        .flat_map(|(_, list)| list.iter().copied())
        .chain(keywords::OBJECTIF.iter().copied())
        .chain(keywords::ANNEXE.iter().copied())
        .collect();
    let listed = strings(&lists["block"]);
    assert_eq!(
        listed.iter().map(String::as_str).collect::<BTreeSet<_>>(),
        in_blocks,
        "keywords inside blocks"
    );
    assert_eq!(
        listed.len(),
        in_blocks.len(),
        "keywords inside blocks, once each"
    );
}

/// The spellings of a keyword the compiler accepts and a user may type.
fn spellings(keyword: &str) -> BTreeSet<String> {
    let folded = fold(keyword);
    let mut capitalized = keyword.chars();
    let first = capitalized.next().expect("a keyword").to_uppercase();
    BTreeSet::from([
        keyword.to_string(),
        keyword.to_uppercase(),
        first.chain(capitalized).collect(),
        folded.to_uppercase(),
        folded,
    ])
}

/// A line of a vscode-tmgrammar-test file asserting `scope` on the `width` characters at `column`.
fn assertion(column: usize, width: usize, scope: &str) -> String {
    if column == 0 {
        format!("#<{} {scope}", "-".repeat(width))
    } else {
        format!("#{}{} {scope}", " ".repeat(column - 1), "^".repeat(width))
    }
}

/// A syntax test of every spelling of every keyword, where it belongs, and of a near miss.
fn keyword_syntax_test() -> String {
    let mut test = vec![
        "# SYNTAX TEST \"source.ctg\" \"every spelling of every keyword ctgc knows\"".to_string(),
    ];
    fn line(test: &mut Vec<String>, source: String, column: usize, word: &str, scope: &str) {
        test.push(source);
        test.push(assertion(column, word.chars().count(), scope));
    }
    for keyword in keywords::TOP {
        let scope = match *keyword {
            "inclure" => "keyword.control.import.ctg",
            _ => "storage.type.ctg",
        };
        for spelling in spellings(keyword) {
            line(
                &mut test,
                format!("{spelling} x \"Titre\""),
                0,
                &spelling,
                scope,
            );
        }
    }
    for keyword in keywords::RESERVED {
        for spelling in spellings(keyword) {
            line(
                &mut test,
                spelling.clone(),
                0,
                &spelling,
                "invalid.illegal.reserved-keyword.ctg",
            );
        }
    }
    let unknown = "invalid.illegal.unknown-keyword.ctg";
    for keyword in keywords::TOP.iter().chain(keywords::RESERVED) {
        let near = format!("{keyword}x");
        line(&mut test, format!("{near} x"), 0, &near, unknown);
    }
    test.push("fiche f \"F\" {".into());
    let lists = json("syntaxes/keywords.json");
    for keyword in strings(&lists["block"]) {
        for spelling in spellings(&keyword) {
            line(
                &mut test,
                format!("  {spelling} x"),
                2,
                &spelling,
                "keyword.other.ctg",
            );
        }
        let near = format!("{keyword}x");
        line(&mut test, format!("  {near} x"), 2, &near, unknown);
    }
    test.push("}".into());
    test.join("\n") + "\n"
}

#[test]
fn every_spelling_of_every_keyword_is_highlighted() {
    if !node_ready() {
        return;
    }
    let file = Path::new(env!("CARGO_TARGET_TMPDIR")).join("vscode-keywords.ctg");
    std::fs::write(&file, keyword_syntax_test()).unwrap();
    let output = Command::new("node")
        .arg(extension().join("node_modules/vscode-tmgrammar-test/dist/unit.js"))
        .arg("--config")
        .arg(extension().join("package.json"))
        .arg("--compact")
        .arg(&file)
        .output()
        .expect("node runs");
    assert!(
        output.status.success(),
        "la grammaire ne reconnaît pas tous les mots-clés :\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// One tab stop of a snippet body: its default text, or its choices.
enum Stop {
    Default(String),
    Choices(Vec<String>),
}

/// Splits a snippet body into literal text and tab stops (`$1`, `${1:texte}`, `${1|a,b|}`).
fn parse_snippet(body: &str) -> Vec<Result<String, Stop>> {
    let mut parts = Vec::new();
    let mut rest = body;
    while let Some(dollar) = rest.find('$') {
        parts.push(Ok(rest[..dollar].to_string()));
        let after = &rest[dollar + 1..];
        if let Some(inner) = after.strip_prefix('{') {
            let close = inner.find('}').expect("a closing brace in the snippet");
            let stop = &inner[..close];
            let digits = stop.chars().take_while(char::is_ascii_digit).count();
            let rest_of_stop = &stop[digits..];
            parts.push(Err(match rest_of_stop.chars().next() {
                Some(':') => Stop::Default(rest_of_stop[1..].to_string()),
                Some('|') => Stop::Choices(
                    rest_of_stop
                        .trim_matches('|')
                        .split(',')
                        .map(String::from)
                        .collect(),
                ),
                _ => Stop::Default(String::new()),
            }));
            rest = &inner[close + 1..];
        } else {
            let digits = after.chars().take_while(char::is_ascii_digit).count();
            assert!(digits > 0, "a lone $ in a snippet: {body}");
            parts.push(Err(Stop::Default(String::new())));
            rest = &after[digits..];
        }
    }
    parts.push(Ok(rest.to_string()));
    parts
}

/// The snippet's text with its defaults, the first choice of each list but `pick = (stop, choice)`.
fn expand(parts: &[Result<String, Stop>], pick: Option<(usize, usize)>) -> String {
    let mut text = String::new();
    for (i, part) in parts.iter().enumerate() {
        match part {
            Ok(literal) => text.push_str(literal),
            Err(Stop::Default(default)) => text.push_str(default),
            Err(Stop::Choices(choices)) => {
                let chosen = match pick {
                    Some((stop, choice)) if stop == i => choice,
                    _ => 0,
                };
                text.push_str(&choices[chosen]);
            }
        }
    }
    text
}

/// The compiler's vocabulary for the field a choice list fills in.
fn vocabulary(field: &str) -> Vec<&'static str> {
    match field {
        "champ" => Champ::keywords(),
        "priorité" => Priorite::keywords(),
        "statut" => Statut::keywords(),
        "type" => IndicatorType::keywords(),
        "nature" => Nature::keywords(),
        "représentant" => Civility::keywords(),
        other => panic!("a choice list for « {other} », which has no vocabulary"),
    }
}

#[test]
fn snippets_expand_to_statements_ctgc_reads() {
    let snippets = json("snippets/ctg.code-snippets");
    let snippets = snippets.as_object().expect("an object of snippets");
    assert_eq!(snippets.len(), 4);
    for (name, snippet) in snippets {
        let prefix = snippet["prefix"].as_str().expect("a prefix");
        let body = strings(&snippet["body"]).join("\n");
        let parts = parse_snippet(&body);
        let mut variants = vec![expand(&parts, None)];
        for (i, part) in parts.iter().enumerate() {
            if let Err(Stop::Choices(choices)) = part {
                let before = expand(&parts[..i], None);
                let line = before.rsplit('\n').next().unwrap_or_default();
                let field = line.split_whitespace().next().expect("a field keyword");
                assert_eq!(
                    *choices,
                    vocabulary(field),
                    "{name}: the choices for « {field} »"
                );
                variants.extend((1..choices.len()).map(|c| expand(&parts, Some((i, c)))));
            }
        }
        for text in variants {
            // An indicateur and a financement are written inside a fiche.
            let source = match prefix {
                "indicateur" | "financement" => format!("fiche f \"F\" {{\n{text}\n}}\n"),
                _ => format!("{text}\n"),
            };
            let comp = compile::analyse_file("extrait.ctg", source.as_bytes(), Options::default())
                .expect("in memory");
            let misread: Vec<String> = comp
                .diagnostics
                .iter()
                .filter(|d| {
                    matches!(
                        d.rule.family,
                        Family::Syntaxe | Family::Lexique | Family::Valeur
                    )
                })
                .map(|d| format!("{} : {}", d.rule.code, d.message))
                .collect();
            assert!(
                misread.is_empty(),
                "l’extrait « {name} » ne se lit pas :\n{source}\n{misread:#?}"
            );
        }
    }
}

#[test]
fn npm_test_passes() {
    if !node_ready() {
        return;
    }
    let output = Command::new("npm")
        .args(["test", "--silent"])
        .current_dir(extension())
        .output()
        .expect("npm runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    eprintln!("{stderr}");
    assert!(
        output.status.success(),
        "npm test échoue dans editors/vscode :\n{stdout}\n{stderr}"
    );
}
