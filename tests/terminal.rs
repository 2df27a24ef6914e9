//! What `ctgc` prints on a terminal, whatever the file: never a panic (a closed pipe, a line past
//! column 65 535), never more than a page for one mistake repeated, never a character of the file
//! that would act on the terminal.

mod support;

use std::path::Path;
use std::process::{Command, Stdio};

use support::scratch::{HEAD, Scratch, ctgc};

/// Runs `ctgc` with its stdout and stderr closed before it writes: its exit code.
fn with_closed_streams(args: &[&str], cwd: &Path) -> i32 {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ctgc"))
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("lancement de ctgc");
    drop(child.stdout.take());
    drop(child.stderr.take());
    child.wait().expect("fin de ctgc").code().unwrap_or(-1)
}

/// `ctgc build … 2>&1 | head -1`: the reader goes away; ctgc ends with its own exit code, not
/// with a panic (101).
#[test]
fn a_closed_pipe_is_not_a_crash() {
    let s = Scratch::new("tube-ferme");
    s.write("ok.ctg", HEAD);
    s.write("faux.ctg", format!("{HEAD}}}\n"));
    for (args, code) in [
        (&["check", "faux.ctg"][..], 1),
        (&["check", "faux.ctg", "--format", "json"], 1),
        (&["check", "faux.ctg", "--format", "github"], 1),
        (&["build", "faux.ctg", "-o", "sortie"], 1),
        (&["export", "faux.ctg"], 1),
        (&["export", "ok.ctg"], 0),
        (&["fmt", "--check", "faux.ctg"], 1),
        (&["check", "absent.ctg"], 2),
        (&["rules"], 0),
        (&["explain", "axe-inconnu"], 0),
        (&["explain", "pas-une-regle"], 2),
        (&["completions", "bash"], 0),
        (&["--help"], 0),
        (&["commande-inconnue"], 2),
    ] {
        assert_eq!(
            with_closed_streams(args, &s.dir),
            code,
            "ctgc {}",
            args.join(" ")
        );
    }
}

/// 8 000 stray braces on one line printed 130 MB (each diagnostic showed the whole line): now ten
/// short excerpts and one line that counts the rest.
#[test]
fn one_mistake_repeated_prints_a_page() {
    let s = Scratch::new("accolades");
    s.write("accolades.ctg", "}".repeat(8_000) + "\n");
    let (code, err) = ctgc(&["check", "accolades.ctg"], &s.dir);
    assert_eq!(code, 1);
    assert!(
        err.len() < 8 * 1024,
        "{} octets sur la sortie d'erreur",
        err.len()
    );
    assert_eq!(
        err.matches("ctg::syntaxe::accolade-en-trop\n").count(),
        10,
        "{err}"
    );
    assert!(
        err.contains(
            "ctg::syntaxe::accolade-en-trop\u{202f}: … et 7 990 autres dans «\u{202f}./accolades.ctg\u{202f}», non affichés (--format json les donne tous)\n"
        ),
        "{err}"
    );
    let (code, err) = ctgc(&["fmt", "--check", "accolades.ctg"], &s.dir);
    assert_eq!(code, 1);
    assert!(err.len() < 8 * 1024, "fmt : {} octets", err.len());
    assert!(err.contains("… et 7 990 autres"), "{err}");
    let out = Command::new(env!("CARGO_BIN_EXE_ctgc"))
        .args(["check", "accolades.ctg", "--format", "github"])
        .current_dir(&s.dir)
        .output()
        .expect("lancement de ctgc");
    let annotations = String::from_utf8_lossy(&out.stdout);
    assert_eq!(annotations.lines().count(), 11, "{annotations}");
    assert!(
        annotations.lines().last().unwrap().starts_with(
            "::notice file=accolades.ctg,title=ctg%3A%3Asyntaxe%3A%3Aaccolade-en-trop::"
        ),
        "{annotations}"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_ctgc"))
        .args(["check", "accolades.ctg", "--format", "json"])
        .current_dir(&s.dir)
        .output()
        .expect("lancement de ctgc");
    let all: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        all.as_array().map(Vec::len),
        Some(8_000),
        "JSON gives them all"
    );
}

/// A diagnostic past column 65 535 made miette panic; a long line is now cut around the label.
#[test]
fn a_very_long_line_is_cut_around_the_mistake() {
    let s = Scratch::new("ligne-longue");
    let long = format!("{HEAD}axe x \"{}\" }}\n", "a".repeat(70_000));
    s.write("long.ctg", &long);
    let (code, err) = ctgc(&["check", "long.ctg"], &s.dir);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.len() < 4 * 1024,
        "{} octets sur la sortie d'erreur",
        err.len()
    );
    let line = err
        .lines()
        .find(|l| l.contains("aaa"))
        .expect("the line is shown");
    assert!(line.contains("…aaa") && line.ends_with("aaa\" }"), "{line}");
    assert!(
        line.chars().filter(|&c| c == 'a').count() <= ctgc::diagnostic::MAX_LINE_CHARS,
        "{line}"
    );
}

/// A file's bytes never reach the terminal as they are: an escape sequence that would retitle the
/// window and clear the screen, C1 controls and a bidi override are written as code points, in
/// the excerpt and in the messages that quote the file.
#[test]
fn characters_that_act_on_the_terminal_are_escaped() {
    let s = Scratch::new("terminal");
    let hostile = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202e}\u{7f}";
    // Not UTF-8 (a Latin-1 « é »): the file is shown as read, controls and all.
    let mut latin1 = format!("{HEAD}fiche f \"F{hostile}").into_bytes();
    latin1.extend(b"\xe9\" {\n  axe x\n}\n");
    s.write("latin1.ctg", &latin1);
    // UTF-8, a bidi override in a misspelled keyword that the message quotes.
    s.write(
        "bidi.ctg",
        format!("{HEAD}fiche f \"F\" {{\n  axe\u{202e}x petite-enfance\n}}\n"),
    );
    for file in ["latin1.ctg", "bidi.ctg"] {
        for format in ["humain", "github", "json"] {
            let out = Command::new(env!("CARGO_BIN_EXE_ctgc"))
                .args(["check", file, "--format", format])
                .current_dir(&s.dir)
                .env("NO_COLOR", "1")
                .output()
                .expect("lancement de ctgc");
            assert_eq!(out.status.code(), Some(1));
            for stream in [&out.stdout, &out.stderr] {
                let text = String::from_utf8_lossy(stream);
                let acting = text.chars().find(|&c| {
                    (c.is_control() && c != '\n')
                        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
                });
                assert_eq!(acting, None, "{file} {format}: {text}");
            }
            if format == "humain" {
                let err = String::from_utf8_lossy(&out.stderr);
                assert!(err.contains("<U+202E>"), "{file}: {err}");
                if file == "latin1.ctg" {
                    assert!(
                        err.contains(
                            "<U+001B>]0;pwned<U+0007><U+001B>[2J<U+009B>31m<U+202E><U+007F>"
                        ),
                        "{err}"
                    );
                }
            }
        }
    }
}
