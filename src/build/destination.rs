//! Where a build writes. The project's own output directory (`sortie:` of `ctgc.yaml`, else
//! `build/`) stays inside the project, with no symbolic link on the way: a committed
//! `build -> /elsewhere` must not make a build write elsewhere. `-o DOSSIER` is the user's own
//! choice and may be anywhere. Wherever it is, an output never replaces a file the project reads.

use std::fs;
use std::path::Path;

use super::Failure;
use crate::compile::Compilation;
use crate::output::Protected;
use crate::project::{Project, Root, relative};

/// Checks the output directory WRITTEN (relative to the project) before anything is written:
/// inside the project, and no existing component of it a symbolic link or other than a
/// directory. What does not exist yet is created by the build.
pub(crate) fn check_inside(project: &Project, written: &str) -> Result<(), Failure> {
    let refuse = |why: String| {
        Failure::Environment(format!(
            "dossier de sortie « {} » refusé : {why} ; pour écrire les documents ailleurs, donnez le dossier à la commande : ctgc build -o DOSSIER",
            project.dir.join(written).display()
        ))
    };
    let rel = relative(Path::new(written))
        .map_err(|why| refuse(format!("il doit rester dans le dossier du projet ({why})")))?;
    let mut at = project.dir.clone();
    for part in rel.components() {
        at.push(part);
        match fs::symlink_metadata(&at) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(refuse(format!(
                    "« {} » est un lien symbolique",
                    at.display()
                )));
            }
            Ok(meta) if !meta.is_dir() => {
                return Err(refuse(format!("« {} » n'est pas un dossier", at.display())));
            }
            Ok(_) => {}
            Err(_) => break,
        }
    }
    Ok(())
}

/// The files of COMP's project a build must never replace: every source read, `ctgc.yaml`, and
/// the templates directory TEMPLATES.
pub(crate) fn protected(comp: &Compilation, templates: Option<&Root>) -> Protected {
    let mut protected = Protected::default();
    for file in comp.sources.iter() {
        protected.file(&file.path);
    }
    protected.file(&comp.project.main);
    if let Some(config) = &comp.project.config_file {
        protected.file(config);
    }
    if let Some(root) = templates {
        protected.dir(root.canonical.clone());
    }
    protected
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn project(dir: &Path) -> Project {
        Project {
            dir: dir.to_path_buf(),
            root: dir.canonicalize().unwrap(),
            main: dir.join("convention.ctg"),
            config_file: None,
        }
    }

    #[test]
    fn the_projects_output_directory_has_no_link_on_the_way() {
        let dir = std::env::temp_dir().join(format!("ctgc-destination-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("docs")).unwrap();
        fs::write(dir.join("fichier"), "x").unwrap();
        std::os::unix::fs::symlink("/tmp", dir.join("build")).unwrap();
        std::os::unix::fs::symlink(dir.join("docs"), dir.join("lien")).unwrap();
        let p = project(&dir);
        for ok in ["docs", "docs/pdf", "nouveau/dossier", "."] {
            assert!(check_inside(&p, ok).is_ok(), "{ok}");
        }
        for (refused, why) in [
            ("build", "lien symbolique"),
            ("lien/pdf", "lien symbolique"),
            ("fichier/pdf", "n'est pas un dossier"),
            ("../ailleurs", "doit rester dans le dossier du projet"),
            ("/tmp/x", "doit rester dans le dossier du projet"),
        ] {
            let Err(Failure::Environment(message)) = check_inside(&p, refused) else {
                panic!("{refused} accepted");
            };
            assert!(message.contains(why), "{refused}: {message}");
            assert!(message.contains("ctgc build -o DOSSIER"), "{message}");
        }
        fs::remove_dir_all(&dir).unwrap();
    }
}
