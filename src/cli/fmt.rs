//! `ctgc fmt`

use std::collections::BTreeSet;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::{EXIT_ERRORS, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE};
use crate::compile::{self, Options};
use crate::diagnostic;
use crate::format::{self, Refusal};
use crate::source::{self, FileId, Sources};
use crate::typography::count;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Fichiers .ctg ou dossiers de projet (par défaut : le dossier courant)
    #[arg(value_name = "CHEMIN", default_value = ".", hide_default_value = true)]
    pub paths: Vec<PathBuf>,
    /// N'écrit rien : liste les fichiers qui seraient mis en forme (code de sortie 1 s'il y en a)
    #[arg(long)]
    pub check: bool,
}

/// A file to format: where it is, and how to name it to the user.
struct Target {
    path: PathBuf,
    display: String,
}

/// The files named on the command line: files as given, projects as every file they include.
fn targets(paths: &[PathBuf]) -> Result<Vec<Target>, String> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    let mut push = |path: PathBuf, display: String| {
        let key = path.canonicalize().unwrap_or_else(|_| path.clone());
        if seen.insert(key) {
            out.push(Target { path, display });
        }
    };
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|e| {
            format!(
                "impossible de lire « {} » : {}",
                p.display(),
                crate::io_message(&e)
            )
        })?;
        if meta.is_dir() {
            let comp = compile::compile(p, Options::default()).map_err(|e| e.to_string())?;
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

pub fn run(args: &Args) -> i32 {
    let targets = match targets(&args.paths) {
        Ok(t) => t,
        Err(msg) => return super::fail(msg),
    };
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut err = std::io::stderr().lock();
    let mut out = std::io::stdout().lock();
    let mut code = EXIT_OK;
    let mut changed = 0;
    let mut refused = 0;
    for t in &targets {
        let bytes = match std::fs::read(&t.path) {
            Ok(b) => b,
            Err(e) => {
                let _ = writeln!(
                    err,
                    "ctgc : erreur : impossible de lire « {} » : {}",
                    t.display,
                    crate::io_message(&e)
                );
                code = code.max(EXIT_USAGE);
                continue;
            }
        };
        let decoded = match source::decode(&bytes, FileId(0)) {
            Ok(d) => d,
            Err(offset) => {
                let _ = writeln!(
                    err,
                    "ctgc : « {} » n'est pas mis en forme : il n'est pas en UTF-8 (octet invalide à la position {offset})",
                    t.display
                );
                refused += 1;
                code = code.max(EXIT_ERRORS);
                continue;
            }
        };
        let mut sources = Sources::new();
        let id = sources.add(
            t.path.clone(),
            t.display.clone(),
            decoded.text,
            decoded.had_bom,
        );
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
                if args.check {
                    let _ = writeln!(out, "{}", t.display);
                    code = code.max(EXIT_ERRORS);
                } else if let Err(e) = write_atomically(&t.path, &formatted) {
                    let _ = writeln!(
                        err,
                        "ctgc : erreur : impossible d'écrire « {} » : {}",
                        t.display,
                        crate::io_message(&e)
                    );
                    code = code.max(EXIT_USAGE);
                }
            }
            Err(Refusal::Syntax(diags)) => {
                for d in &diags {
                    let _ = write!(err, "{}", diagnostic::render(d, &sources, color, 100));
                }
                let _ = writeln!(
                    err,
                    "ctgc : « {} » n'est pas mis en forme : {} à corriger d'abord.",
                    t.display,
                    count(diags.len(), "erreur de syntaxe", "erreurs de syntaxe")
                );
                refused += 1;
                code = code.max(EXIT_ERRORS);
            }
            Err(Refusal::Internal(msg)) => {
                refused += 1;
                let _ = writeln!(
                    err,
                    "ctgc : erreur interne : « {} » laissé intact : {msg}. Merci de signaler ce cas avec le fichier.",
                    t.display
                );
                code = EXIT_INTERNAL;
            }
        }
    }
    let unchanged = targets.len().saturating_sub(changed + refused);
    let summary = if args.check {
        if changed == 0 {
            format!("{} déjà en forme.", count(unchanged, "fichier", "fichiers"))
        } else {
            format!(
                "{} à mettre en forme (lancez « ctgc fmt »), {} déjà en forme.",
                count(changed, "fichier", "fichiers"),
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
    let _ = writeln!(err, "{summary}");
    code
}
