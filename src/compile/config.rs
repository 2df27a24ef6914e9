//! `ctgc.yaml`, read first: it may name the main file, the output directory and the templates
//! directory. Those paths stay inside the project (`project::Root`): a key that names a path
//! outside is reported where it is written and ignored, before anything it names is read.

use std::path::Path;

use super::read_text;
use crate::diagnostic::Diagnostic;
use crate::project::{self, Config, LoadError, Project, Refusal, Root};
use crate::rules;
use crate::source::{FileId, Sources, Span};
use crate::world::World;

/// `ctgc.yaml` as read.
pub(super) struct Loaded {
    /// Its paths checked: a refused one is `None`.
    pub config: Config,
    /// `principal:` was refused: the main file it names must not be read.
    pub main_refused: bool,
}

/// The project's configuration; the defaults when it has no `ctgc.yaml`. A file that is not
/// valid is a diagnostic (registered as a source, to point into it), and the defaults apply.
/// `Err`: `ctgc.yaml` cannot be read, or is a symbolic link that leads out of the project.
pub(super) fn load(
    world: &dyn World,
    project: &Project,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Loaded, LoadError> {
    let Some(file) = &project.config_file else {
        return Ok(Loaded {
            config: Config::default(),
            main_refused: false,
        });
    };
    if let Ok(canonical) = world.canonicalize(file)
        && !project.contains(&canonical)
    {
        return Err(LoadError::unreadable(file, Refusal::Outside));
    }
    let text = read_text(world, file)?;
    let mut registered = Registered {
        file,
        display: project.dir.join(project::CONFIG_FILE).display().to_string(),
        text: &text,
        id: None,
    };
    match serde_yaml::from_str::<Option<Config>>(&text) {
        Ok(c) => {
            let mut config = c.unwrap_or_default();
            let main_refused = confine(
                world,
                project,
                &mut config,
                &mut registered,
                sources,
                diagnostics,
            );
            Ok(Loaded {
                config,
                main_refused,
            })
        }
        Err(e) => {
            let offset = e.location().map_or(0, |l| l.index());
            let id = registered.id(sources);
            diagnostics.push(
                Diagnostic::new(
                    &rules::PROJET_CONFIGURATION,
                    format!("{} invalide : {}", project::CONFIG_FILE, yaml_message(&e)),
                )
                .label(Span::new(id, offset, offset), "ici")
                .help("clés permises : principal, sortie, modèles, numérotation, libellés, typst, seuil-réalisé"),
            );
            Ok(Loaded {
                config: Config::default(),
                main_refused: false,
            })
        }
    }
}

/// `ctgc.yaml`, registered as a source the first time a diagnostic points into it.
struct Registered<'a> {
    file: &'a Path,
    display: String,
    text: &'a str,
    id: Option<FileId>,
}

impl Registered<'_> {
    fn id(&mut self, sources: &mut Sources) -> FileId {
        *self.id.get_or_insert_with(|| {
            sources.add_yaml(
                self.file.to_path_buf(),
                self.display.clone(),
                self.text.to_string(),
            )
        })
    }
}

/// A key of `ctgc.yaml` that names a path, and what to do instead of leaving the project.
struct PathKey {
    /// As written in the file, with and without accents.
    names: &'static [&'static str],
    help: &'static str,
}

const PRINCIPAL: PathKey = PathKey {
    names: &["principal"],
    help: "le fichier principal est dans le dossier du projet : écrivez son chemin relatif à ce dossier (principal: convention.ctg)",
};
const SORTIE: PathKey = PathKey {
    names: &["sortie"],
    help: "« sortie » est un dossier du projet (sortie: build) ; pour écrire les documents ailleurs, donnez le dossier à la commande : ctgc build -o DOSSIER",
};
const MODELES: PathKey = PathKey {
    names: &["modèles", "modeles"],
    help: "copiez les modèles dans le projet et écrivez le chemin de leur dossier relatif au projet (modèles: templates)",
};

/// Checks the paths of CONFIG: each stays inside the project, by its text, then, when it exists,
/// by where its symbolic links lead. A refused path is reported at its key and removed from
/// CONFIG. Returns whether `principal` was refused.
fn confine(
    world: &dyn World,
    project: &Project,
    config: &mut Config,
    file: &mut Registered<'_>,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    let root = Root::of(project);
    let mut check = |key: &PathKey, value: &mut Option<String>| -> bool {
        let Some(written) = value.as_deref() else {
            return false;
        };
        let refusal = match root.find(world, Path::new(written)) {
            Ok(_) | Err(Refusal::Missing(_)) => return false,
            Err(refusal) => refusal,
        };
        let (start, end) = key_span(file.text, key.names).unwrap_or((0, 0));
        let id = file.id(sources);
        diagnostics.push(
            Diagnostic::new(
                &rules::PROJET_CONFIGURATION,
                format!(
                    "{} : le chemin « {} » de « {} » sort du projet : {refusal}",
                    project::CONFIG_FILE,
                    printable(written),
                    key.names[0]
                ),
            )
            .label(Span::new(id, start, end), "chemin hors du projet")
            .help(key.help),
        );
        *value = None;
        true
    };
    let main_refused = check(&PRINCIPAL, &mut config.principal);
    check(&SORTIE, &mut config.sortie);
    check(&MODELES, &mut config.modeles);
    main_refused
}

/// The value of a top-level key of a YAML TEXT (the key itself when the value is empty): found
/// by reading the lines, as serde keeps no positions.
fn key_span(text: &str, names: &[&str]) -> Option<(usize, usize)> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let Some((key, rest)) = line.split_once(':') else {
            continue;
        };
        if !names.contains(&key.trim_end().trim_matches(['"', '\''])) || key.starts_with(' ') {
            continue;
        }
        let value_start = start + key.len() + 1;
        let value = rest.split(" #").next().unwrap_or(rest);
        let trimmed = value.trim();
        if trimmed.is_empty() {
            return Some((start, start + key.trim_end().len()));
        }
        let offset = value_start + (value.len() - value.trim_start().len());
        return Some((offset, offset + trimmed.len()));
    }
    None
}

/// A value quoted in a message: its control characters escaped, never sent to the terminal.
fn printable(value: &str) -> String {
    value
        .chars()
        .map(|c| {
            if c.is_control() {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The main file that `ctgc.yaml` does not name (`convention.ctg`) must not lead out of the
/// project either: `Err` when it is a symbolic link to a file outside. A file that does not
/// exist is the loader's to report.
pub(super) fn main_inside(world: &dyn World, project: &Project) -> Result<(), LoadError> {
    match world.canonicalize(&project.main) {
        Ok(canonical) if !project.contains(&canonical) => {
            Err(LoadError::unreadable(&project.main, Refusal::Outside))
        }
        _ => Ok(()),
    }
}

/// serde's messages, in French for the common cases.
pub(super) fn yaml_message(e: &serde_yaml::Error) -> String {
    let raw = e.to_string();
    let raw = raw.split(" at line ").next().unwrap_or(&raw);
    // Errors in nested keys start with the key path: « libellés: unknown field … ».
    let (path, raw) = match raw.find(": ") {
        Some(i) if !raw[..i].contains(' ') => (Some(&raw[..i]), &raw[i + 2..]),
        _ => (None, raw),
    };
    if let Some(own) = raw.strip_prefix(project::CONFIG_MESSAGE) {
        return own.to_string();
    }
    let within = path.map(|p| format!(" dans « {p} »")).unwrap_or_default();
    if let Some(rest) = raw.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return format!("clé « {field} » inconnue{within}");
    }
    if raw.starts_with("invalid type") {
        return format!("valeur d'un type inattendu{within}");
    }
    if let Some(rest) = raw.strip_prefix("unknown variant `") {
        let v = rest.split('`').next().unwrap_or(rest);
        return format!(
            "valeur « {v} » inconnue{within} (numérotation : continue, par-axe ou lettres)"
        );
    }
    format!("YAML mal formé ({raw})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_found_at_their_values() {
        let text = "# principal: non\nprincipal:   /etc/passwd  # commentaire\nmodèles:\n  x: y\n";
        let (s, e) = key_span(text, &["principal"]).unwrap();
        assert_eq!(&text[s..e], "/etc/passwd");
        let (s, e) = key_span(text, &["modèles", "modeles"]).unwrap();
        assert_eq!(&text[s..e], "modèles");
        assert_eq!(key_span(text, &["sortie"]), None);
        assert_eq!(key_span("  principal: x\n", &["principal"]), None);
    }

    #[test]
    fn values_never_reach_the_terminal_raw() {
        assert_eq!(printable("a\u{1b}]0;x\u{7}"), "a\\u{1b}]0;x\\u{7}");
    }
}
