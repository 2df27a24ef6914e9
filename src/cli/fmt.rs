//! `ctgc fmt`

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use super::annotations::{SHOWN_PER_STEP, beyond_limit, escape_data, escape_property, github_path};
use super::prose::verbatim;
use super::{EXIT_ERRORS, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE};
use crate::compile::{self, Options};
use crate::diagnostic;
use crate::diff::marked_lines;
use crate::format::relocation::{self, Stay};
use crate::format::{self, Refusal};
use crate::project::LoadError;
use crate::source::{self, FileId, Sources};
use crate::syntax::mistake as mistakes;
use crate::typography::count;
use crate::world::{DiskWorld, MemoryWorld};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Fichiers .ctg ou dossiers de projet (par défaut : le dossier courant)
    #[arg(value_name = "CHEMIN", default_value = ".", hide_default_value = true)]
    pub paths: Vec<PathBuf>,
    /// N'écrit rien : liste les fichiers qui seraient mis en forme (code de sortie 1 s'il y en a)
    #[arg(long)]
    pub check: bool,
    /// N'écrit rien : affiche ce qui changerait, en différentiel unifié (code de sortie 1 s'il y en a)
    #[arg(long, conflicts_with = "check")]
    pub diff: bool,
    /// Corrige aussi les erreurs courantes sans ambiguïté : dates 31/12/2026, guillemets “ ” ou « »
    /// autour d'un texte, périodes 2026-2029
    #[arg(long = "corriger", alias = "fix")]
    pub correct: bool,
    /// Déplace aussi les valeurs annuelles écrites dans les indicateurs des fiches
    /// (valeur ANNÉE V) dans le bilan de leur année, si le projet n'a pas d'erreur
    #[arg(long = "deplacer-valeurs", alias = "move-values")]
    pub move_values: bool,
    /// Avec --check : humain (la liste des fichiers, par défaut) ou github (une annotation par
    /// passage à changer, avec le texte attendu)
    #[arg(
        long,
        value_enum,
        default_value = "humain",
        value_name = "FORMAT",
        hide_default_value = true,
        hide_possible_values = true,
        requires = "check"
    )]
    pub format: CheckFormat,
}

/// How `fmt --check` reports the files that would change.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckFormat {
    /// Les fichiers à mettre en forme, un par ligne (sortie standard)
    #[value(aliases = super::HUMAN_ALIASES)]
    Humain,
    /// Annotations GitHub Actions sur les lignes à changer (sortie standard)
    Github,
}

/// A file to format: where it is, and how to name it to the user.
struct Target {
    path: PathBuf,
    display: String,
}

/// The files named on the command line: files as given, projects as every file they include.
fn targets(paths: &[PathBuf]) -> Result<Vec<Target>, LoadError> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    let mut push = |path: PathBuf, display: String| {
        let key = path.canonicalize().unwrap_or_else(|_| path.clone());
        if seen.insert(key) {
            out.push(Target { path, display });
        }
    };
    for p in paths {
        let meta =
            std::fs::metadata(p).map_err(|e| LoadError::unreadable(p, crate::io_message(&e)))?;
        if meta.is_dir() {
            let comp = compile::compile(p, Options::default())?;
            for f in comp
                .sources
                .iter()
                .filter(|f| f.path.extension().is_some_and(|e| e == "ctg"))
            {
                push(f.path.clone(), f.display.clone());
            }
        } else {
            push(p.clone(), p.display().to_string());
        }
    }
    Ok(out)
}

/// Replaces a file's content through a temporary file in the same directory, keeping its permissions.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.ctgc-fmt-{}", std::process::id()));
    let result = std::fs::write(&tmp, text)
        .and_then(|()| match std::fs::metadata(path) {
            Ok(meta) => std::fs::set_permissions(&tmp, meta.permissions()),
            Err(_) => Ok(()),
        })
        .and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// `--deplacer-valeurs`: the new text of every file the move touches (by canonical path), each
/// added to TARGETS if it is not there; what moves and stays is told on stderr.
fn relocated(
    args: &Args,
    targets: &mut Vec<Target>,
    code: &mut i32,
) -> Result<BTreeMap<PathBuf, String>, LoadError> {
    let mut texts = BTreeMap::new();
    if !args.move_values {
        return Ok(texts);
    }
    let quiet = super::settings().quiet;
    // « 1 valeur déplacée », « 3 valeurs déplacées »; « à déplacer » agrees with both.
    let verb = |n: usize| match (args.check || args.diff, n > 1) {
        (true, _) => "à déplacer",
        (false, false) => "déplacée",
        (false, true) => "déplacées",
    };
    let mut projects = BTreeSet::new();
    for p in &args.paths {
        let before = compile::compile(p, Options::default())?;
        if !projects.insert(before.project.dir.clone()) {
            continue;
        }
        let shown = |id| before.sources.get(id).display.clone();
        let Some(plan) = relocation::plan(&before) else {
            let errors = before.diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "ctgc : les valeurs de « {} » ne sont pas déplacées : le projet a {} (lancez « ctgc check »).",
                verbatim(p.display()),
                count(errors, "erreur", "erreurs")
            );
            *code = (*code).max(EXIT_ERRORS);
            continue;
        };
        let mut world = MemoryWorld::over(DiskWorld, std::env::current_dir().unwrap_or_default());
        for (id, text) in &plan.texts {
            world.insert(&before.sources.get(*id).path, text.as_bytes());
        }
        let after = compile::analyse(&world, p, Options::default())?;
        if let Err(why) = relocation::same_meaning(&before, &after) {
            eprintln!(
                "ctgc : erreur interne : les valeurs de « {} » ne sont pas déplacées : {why}. Merci de signaler ce cas avec le projet.",
                verbatim(p.display())
            );
            *code = EXIT_INTERNAL;
            continue;
        }
        let mut per_route: BTreeMap<(String, String), usize> = BTreeMap::new();
        for m in &plan.moved {
            *per_route.entry((shown(m.from), shown(m.to))).or_default() += 1;
        }
        for ((from, to), n) in per_route {
            if !quiet {
                eprintln!(
                    "« {} » : {} {} vers « {} »",
                    verbatim(&from),
                    count(n, "valeur", "valeurs"),
                    verb(n),
                    verbatim(&to)
                );
            }
        }
        for l in &plan.left {
            let file = before.sources.get(l.file);
            let why = match l.why {
                Stay::NoBilan => format!(
                    "le projet n'a pas de bilan {} (écrivez un bloc « bilan {} {{ fiche {} }} », par exemple dans bilans/{}.ctg, puis relancez)",
                    l.annee, l.annee, l.fiche, l.annee
                ),
                Stay::NoEntry => format!(
                    "le bilan {} n'a pas d'entrée pour cette fiche (ajoutez « fiche {} » au bloc « bilan {} » de son groupe de travail, puis relancez)",
                    l.annee, l.fiche, l.annee
                ),
            };
            eprintln!(
                "« {} », ligne {} : la valeur {} de l'indicateur « {} » (fiche {}) reste dans la fiche : {why}",
                verbatim(&file.display),
                file.line_col(l.at).0,
                l.annee,
                l.indicateur,
                l.fiche
            );
        }
        for (id, text) in plan.texts {
            let file = before.sources.get(id);
            let key = file
                .path
                .canonicalize()
                .unwrap_or_else(|_| file.path.clone());
            if !targets
                .iter()
                .any(|t| t.path.canonicalize().is_ok_and(|c| c == key))
            {
                targets.push(Target {
                    path: file.path.clone(),
                    display: file.display.clone(),
                });
            }
            texts.insert(key, text);
        }
    }
    Ok(texts)
}

pub(crate) fn run(args: &Args) -> i32 {
    let mut targets = match targets(&args.paths) {
        Ok(t) => t,
        Err(msg) => return super::fail(msg),
    };
    let mut code = EXIT_OK;
    let moved = match relocated(args, &mut targets, &mut code) {
        Ok(m) => m,
        Err(msg) => return super::fail(msg),
    };
    let color = super::color();
    let mut err = std::io::stderr().lock();
    let mut out = std::io::stdout().lock();
    let mut changed = 0;
    let mut refused = 0;
    let mut warnings = 0;
    for t in &targets {
        let bytes = match std::fs::read(&t.path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!(
                    "ctgc : erreur : impossible de lire « {} » : {}",
                    verbatim(&t.display),
                    crate::io_message(&e)
                );
                code = code.max(EXIT_USAGE);
                continue;
            }
        };
        let decoded = match source::decode(&bytes, FileId(0)) {
            Ok(d) => d,
            Err(why) => {
                eprintln!(
                    "ctgc : « {} » n'est pas mis en forme : {why}",
                    verbatim(&t.display)
                );
                refused += 1;
                code = code.max(EXIT_ERRORS);
                continue;
            }
        };
        let mut text = decoded.text;
        let key = t.path.canonicalize().unwrap_or_else(|_| t.path.clone());
        if let Some(relocated) = moved.get(&key) {
            text.clone_from(relocated);
        }
        if args.correct {
            let fixes = mistakes::find(&text)
                .iter()
                .filter(|m| m.fix.is_some())
                .count();
            if let Some(corrected) = mistakes::corrected(&text) {
                eprintln!(
                    "« {} » : {}",
                    verbatim(&t.display),
                    count(
                        fixes,
                        "erreur courante corrigée",
                        "erreurs courantes corrigées"
                    )
                );
                text = corrected;
            }
        }
        let mut sources = Sources::new();
        let id = sources.add(t.path.clone(), t.display.clone(), text, decoded.had_bom);
        let text = sources.get(id).text.clone();
        let result = if decoded.diagnostics.is_empty() {
            format::format(&text, id)
        } else {
            Err(Refusal::Syntax(decoded.diagnostics))
        };
        match result {
            Ok(formatted) => {
                if formatted.as_bytes() == bytes.as_slice() {
                    continue;
                }
                changed += 1;
                // `decode` succeeded: the bytes are UTF-8 (a BOM stays, as the first character).
                let before = String::from_utf8_lossy(&bytes);
                if args.diff {
                    let _ = out.write_all(unified_diff(&t.display, &before, &formatted).as_bytes());
                    code = code.max(EXIT_ERRORS);
                } else if args.check {
                    let report = match args.format {
                        CheckFormat::Humain => format!("{}\n", t.display),
                        CheckFormat::Github => annotations(&t.display, &before, &formatted),
                    };
                    if args.format == CheckFormat::Github {
                        // One line per annotation: line breaks in messages are escaped.
                        warnings += report.lines().count();
                    }
                    let _ = out.write_all(report.as_bytes());
                    code = code.max(EXIT_ERRORS);
                } else if let Err(e) = write_atomically(&t.path, &formatted) {
                    eprintln!(
                        "ctgc : erreur : impossible d'écrire « {} » : {}",
                        verbatim(&t.display),
                        crate::io_message(&e)
                    );
                    code = code.max(EXIT_USAGE);
                }
            }
            Err(Refusal::Syntax(diags)) => {
                let (shown, hidden) = diagnostic::for_terminal(&diags, &sources);
                for d in shown {
                    let _ = write!(err, "{}", diagnostic::render(d, &sources, color, 100));
                }
                for h in hidden {
                    eprintln!("{h}");
                }
                eprintln!(
                    "ctgc : « {} » n'est pas mis en forme : {} à corriger d'abord.",
                    verbatim(&t.display),
                    count(diags.len(), "erreur de syntaxe", "erreurs de syntaxe")
                );
                refused += 1;
                code = code.max(EXIT_ERRORS);
            }
            Err(Refusal::Internal(msg)) => {
                refused += 1;
                eprintln!(
                    "ctgc : erreur interne : « {} » laissé intact : {msg}. Merci de signaler ce cas avec le fichier.",
                    verbatim(&t.display)
                );
                code = EXIT_INTERNAL;
            }
        }
    }
    if warnings > SHOWN_PER_STEP {
        let _ = out.write_all(beyond_limit("ctgc fmt", 0, warnings).as_bytes());
    }
    let unchanged = targets.len().saturating_sub(changed + refused);
    let summary = if args.check || args.diff {
        if changed == 0 {
            format!("{} déjà en forme.", count(unchanged, "fichier", "fichiers"))
        } else {
            format!(
                "{} à mettre en forme (lancez « ctgc fmt{} »), {} déjà en forme.",
                count(changed, "fichier", "fichiers"),
                if args.move_values {
                    " --deplacer-valeurs"
                } else {
                    ""
                },
                unchanged
            )
        }
    } else {
        format!(
            "{} mis en forme, {} déjà en forme.",
            count(changed, "fichier", "fichiers"),
            unchanged
        )
    };
    if !super::settings().quiet {
        eprintln!("{summary}");
    }
    code
}

/// Lines of unchanged text shown around each change of a unified diff, as `diff -u` does.
const CONTEXT: usize = 3;

/// The lines of both versions, marked ` `, `-` or `+`, with their line ends: a file that only
/// differs by its line ends (CRLF) or its BOM still shows which lines change.
fn marked<'a>(before: &'a str, after: &'a str) -> Vec<(char, &'a str)> {
    let a: Vec<&str> = before.split_inclusive('\n').collect();
    let b: Vec<&str> = after.split_inclusive('\n').collect();
    marked_lines(&a, &b)
}

/// A line of a diff: its text, and the marker `patch` reads when it has no line end.
fn diff_line(mark: char, line: &str) -> String {
    if line.ends_with('\n') {
        format!("{mark}{line}")
    } else {
        format!("{mark}{line}\n\\ Pas de fin de ligne à la fin du fichier\n")
    }
}

/// What `fmt` would change in a file, as a unified diff (`patch -p0` applies it).
fn unified_diff(name: &str, before: &str, after: &str) -> String {
    let lines = marked(before, after);
    let changes: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].0 != ' ').collect();
    let mut out = format!("--- {name}\n+++ {name}\n");
    // Line numbers (1-based) of each marked line in the old and in the new version.
    let (mut old_no, mut new_no) = (Vec::new(), Vec::new());
    let (mut o, mut n) = (1, 1);
    for (mark, _) in &lines {
        old_no.push(o);
        new_no.push(n);
        o += usize::from(*mark != '+');
        n += usize::from(*mark != '-');
    }
    let mut k = 0;
    while k < changes.len() {
        // A hunk: changes closer than twice the context share their context lines.
        let mut last = k;
        while last + 1 < changes.len() && changes[last + 1] - changes[last] <= 2 * CONTEXT + 1 {
            last += 1;
        }
        let start = changes[k].saturating_sub(CONTEXT);
        let end = (changes[last] + CONTEXT + 1).min(lines.len());
        let hunk = &lines[start..end];
        let old_len = hunk.iter().filter(|(m, _)| *m != '+').count();
        let new_len = hunk.iter().filter(|(m, _)| *m != '-').count();
        // An empty side starts at the line before it, as diff -u writes it.
        let old_start = old_no[start] - usize::from(old_len == 0);
        let new_start = new_no[start] - usize::from(new_len == 0);
        out.push_str(&format!(
            "@@ -{old_start},{old_len} +{new_start},{new_len} @@\n"
        ));
        for (mark, line) in hunk {
            out.push_str(&diff_line(*mark, line));
        }
        k = last + 1;
    }
    out
}

/// One GitHub annotation per passage `fmt` would change, on its lines of the current file, with
/// the text it would put there.
fn annotations(name: &str, before: &str, after: &str) -> String {
    let lines = marked(before, after);
    let file = escape_property(&github_path(name));
    let mut out = String::new();
    let (mut old_line, mut i): (usize, usize) = (1, 0);
    while i < lines.len() {
        if lines[i].0 == ' ' {
            old_line += 1;
            i += 1;
            continue;
        }
        let run = lines[i..].iter().take_while(|(m, _)| *m != ' ').count();
        let passage = &lines[i..i + run];
        let removed = passage.iter().filter(|(m, _)| *m == '-').count();
        let expected: String = passage
            .iter()
            .filter(|(m, _)| *m == '+')
            .map(|(_, l)| l.trim_end_matches(['\r', '\n']))
            .collect::<Vec<_>>()
            .join("\n");
        let (first, last) = if removed == 0 {
            // Lines to add: shown on the line they would follow (the first one at the top).
            let at = old_line.saturating_sub(1).max(1);
            (at, at)
        } else {
            (old_line, old_line + removed - 1)
        };
        let lines_word = |n: usize| if n > 1 { "lignes" } else { "ligne" };
        let message = if removed == 0 {
            format!(
                "{} à ajouter ici par «\u{202f}ctgc fmt\u{202f}»\u{202f}:\n{expected}",
                lines_word(run)
            )
        } else if expected.is_empty() {
            format!(
                "{} à supprimer par «\u{202f}ctgc fmt\u{202f}»",
                lines_word(removed)
            )
        } else {
            format!("mise en forme attendue par «\u{202f}ctgc fmt\u{202f}»\u{202f}:\n{expected}")
        };
        out.push_str(&format!(
            "::warning file={file},line={first},endLine={last},title=ctgc fmt::{}\n",
            escape_data(&message)
        ));
        old_line += removed;
        i += run;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks_keep_three_lines_of_context_and_split_far_apart_changes() {
        let before: String = (1..=20).map(|i| format!("l{i}\n")).collect();
        let after = before.replace("l2\n", "L2\n").replace("l18\n", "");
        assert_eq!(
            unified_diff("f.ctg", &before, &after),
            "--- f.ctg\n+++ f.ctg\n\
             @@ -1,5 +1,5 @@\n l1\n-l2\n+L2\n l3\n l4\n l5\n\
             @@ -15,6 +15,5 @@\n l15\n l16\n l17\n-l18\n l19\n l20\n"
        );
        // Changes closer than twice the context share one hunk.
        let near = before.replace("l2\n", "L2\n").replace("l8\n", "L8\n");
        assert_eq!(
            unified_diff("f.ctg", &before, &near)
                .matches("@@ -")
                .count(),
            1
        );
    }

    #[test]
    fn lines_added_at_the_top_and_a_missing_final_newline() {
        assert_eq!(
            unified_diff("f.ctg", "b\n", "a\nb\n"),
            "--- f.ctg\n+++ f.ctg\n@@ -1,1 +1,2 @@\n+a\n b\n"
        );
        assert_eq!(
            unified_diff("f.ctg", "a", "a\n"),
            "--- f.ctg\n+++ f.ctg\n@@ -1,1 +1,1 @@\n-a\n\\ Pas de fin de ligne à la fin du fichier\n+a\n"
        );
        assert_eq!(
            annotations("f.ctg", "a\nc\n", "a\nb1\nb2\nc\n"),
            "::warning file=f.ctg,line=1,endLine=1,title=ctgc fmt::lignes à ajouter ici par \
             «\u{202f}ctgc fmt\u{202f}»\u{202f}:%0Ab1%0Ab2\n"
        );
    }
}
