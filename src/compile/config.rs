//! `ctgc.yaml`, read first: it may name the main file and the templates directory.

use super::read_text;
use crate::diagnostic::Diagnostic;
use crate::project::{self, Config, LoadError, Project};
use crate::rules;
use crate::source::{Sources, Span};
use crate::world::World;

/// The project's configuration; the defaults when it has no `ctgc.yaml`. A file that is not
/// valid is a diagnostic (registered as a source, to point into it), and the defaults apply.
pub(super) fn load(
    world: &dyn World,
    project: &Project,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<project::Config, LoadError> {
    let Some(file) = &project.config_file else {
        return Ok(Config::default());
    };
    let text = read_text(world, file)?;
    match serde_yaml::from_str::<Option<Config>>(&text) {
        Ok(c) => Ok(c.unwrap_or_default()),
        Err(e) => {
            let offset = e.location().map_or(0, |l| l.index());
            let id = sources.add_yaml(
                file.to_path_buf(),
                project.dir.join(project::CONFIG_FILE).display().to_string(),
                text,
            );
            diagnostics.push(
                Diagnostic::new(
                    &rules::PROJET_CONFIGURATION,
                    format!("{} invalide : {}", project::CONFIG_FILE, yaml_message(&e)),
                )
                .label(Span::new(id, offset, offset), "ici")
                .help("clés permises : principal, sortie, modèles, numérotation, libellés, typst"),
            );
            Ok(Config::default())
        }
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
