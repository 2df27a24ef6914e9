//! The directory typst sees. typst reads files below its `--root` (`#read`, `#image`,
//! `#include`), following symbolic links: with the project as its root, a project could make
//! the PDF print any file a link leads to, or its `.git/`. So each PDF is typeset in a fresh
//! private directory that ctgc assembles and removes afterwards:
//!
//! - `racine/`, typst's root: the logos the view names, at the paths they are written with,
//!   copied as bytes read through the project's confinement, and the Caf's model's logo below
//!   `modele-caf/` (`caf_model::HOUSE_DIR`), read through the model's — nothing else, and no link;
//! - `polices/`: copies of the project's `fonts/` and of the model's, the only fonts besides
//!   typst's own (a project's font wins over a model's of the same file name);
//! - `paquets/`: an empty package directory, so that no local package of the machine is read.
//!
//! The generated source goes to typst on its standard input.

use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::Failure;
use crate::caf_model::CafModel;
use crate::glyphs;
use crate::limits::{MAX_FILE_BYTES, MAX_PROJECT_BYTES};
use crate::logos;
use crate::project::{Project, Root, relative};
use crate::render::view::View;
use crate::world::{self, Kind, World};

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// A private directory for one typst run, removed when dropped.
#[derive(Debug)]
pub(crate) struct Sandbox {
    dir: PathBuf,
    has_fonts: bool,
    /// What was put in it, paths and bytes: two sandboxes with the same digest hold the same files.
    digest: u64,
    /// Locked while this process lives: [`sweep_stale`] leaves the directory alone.
    _alive: fs::File,
}

/// The file a live sandbox keeps locked, beside typst's root (typst never sees it).
const ALIVE: &str = ".vivant";

impl Sandbox {
    /// Assembles the directory for VIEW's PDF from PROJECT in WORLD.
    pub(crate) fn assemble(
        world: &dyn World,
        project: &Project,
        caf_model: &CafModel,
        view: &View,
    ) -> Result<Sandbox, Failure> {
        let mut sandbox = Sandbox::create()?;
        for sub in [sandbox.root(), sandbox.fonts(), sandbox.packages()] {
            fs::create_dir(&sub).map_err(|e| environment(&sub, &e))?;
        }
        let files = view
            .parties
            .iter()
            .filter_map(|p| p.logo.as_ref())
            .chain(view.signatures.iter().filter_map(|s| s.logo.as_ref()))
            .map(|logo| logo.fichier.as_str());
        for file in files {
            // `ctgc check` refused what cannot be read here; typst then says a file is missing.
            let Ok((at, bytes)) = logos::locate(world, project, file).and_then(|logo| {
                let at = relative(Path::new(file)).map_err(|_| logos::Problem::Outside)?;
                Ok((at, logo.read_at_most(world, MAX_FILE_BYTES)?))
            }) else {
                continue;
            };
            let path = sandbox.root().join(at);
            sandbox.put(&path, &bytes)?;
        }
        if let (Some(root), Some(logo)) = (&caf_model.root, &caf_model.style.logo)
            && let Ok(bytes) = logos::locate_in(world, root, &logo.fichier)
                .and_then(|found| found.read_at_most(world, MAX_FILE_BYTES))
        {
            sandbox.put(&sandbox.root().join(logo.shown_as()), &bytes)?;
        }
        let root = Root::of(project);
        let own = glyphs::project_fonts(world, &project.dir)
            .into_iter()
            .filter_map(|font| world.canonicalize(&font).ok())
            .filter(|c| root.contains(c))
            .filter(|c| world.metadata(c).is_ok_and(|m| m.kind == Kind::File));
        for canonical in own.chain(caf_model.fonts(world)) {
            let Some(name) = canonical.file_name() else {
                continue;
            };
            if let Ok(bytes) = world::read_limited(world, &canonical, MAX_PROJECT_BYTES) {
                let path = sandbox.fonts().join(name);
                sandbox.put(&path, &bytes)?;
                sandbox.has_fonts = true;
            }
        }
        Ok(sandbox)
    }

    fn create() -> Result<Sandbox, Failure> {
        let base = std::env::temp_dir();
        static SWEPT: std::sync::Once = std::sync::Once::new();
        SWEPT.call_once(|| sweep_stale(&base));
        let pid = std::process::id();
        loop {
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            let dir = base.join(format!("ctgc-typst.{pid}.{n}"));
            let mut builder = fs::DirBuilder::new();
            #[cfg(unix)]
            std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
            match builder.create(&dir) {
                Ok(()) => {
                    // Locked under another name, then renamed: a sweep that sees the file
                    // sees it locked (between creating and locking it, another ctgc's sweep
                    // took the directory for abandoned and deleted it under a build).
                    let unlocked = dir.join(".vivant.nouveau");
                    let alive = fs::OpenOptions::new()
                        .write(true)
                        .create_new(true)
                        .open(&unlocked)
                        .and_then(|f| f.lock().map(|()| f))
                        .and_then(|f| fs::rename(&unlocked, dir.join(ALIVE)).map(|()| f));
                    return match alive {
                        Ok(file) => Ok(Sandbox {
                            dir,
                            has_fonts: false,
                            digest: 0,
                            _alive: file,
                        }),
                        Err(e) => {
                            let _ = fs::remove_dir_all(&dir);
                            Err(environment(&dir, &e))
                        }
                    };
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 1000 => {}
                Err(e) => return Err(environment(&dir, &e)),
            }
        }
    }

    /// Writes a new file (never through a link: the directory is fresh and ctgc's alone).
    fn put(&mut self, path: &Path, bytes: &[u8]) -> Result<(), Failure> {
        let mut hasher = std::hash::DefaultHasher::new();
        (
            self.digest,
            path.strip_prefix(&self.dir).unwrap_or(path),
            bytes,
        )
            .hash(&mut hasher);
        self.digest = hasher.finish();
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| environment(parent, &e))?;
        }
        fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
            .and_then(|mut f| std::io::Write::write_all(&mut f, bytes))
            .or_else(|e| {
                // The same logo named twice.
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    Ok(())
                } else {
                    Err(e)
                }
            })
            .map_err(|e| environment(path, &e))
    }

    /// typst's `--root`.
    pub(crate) fn root(&self) -> PathBuf {
        self.dir.join("racine")
    }

    fn fonts(&self) -> PathBuf {
        self.dir.join("polices")
    }

    /// typst's `--font-path`, when the project has fonts.
    pub(crate) fn font_paths(&self) -> Vec<PathBuf> {
        if self.has_fonts {
            vec![self.fonts()]
        } else {
            Vec::new()
        }
    }

    /// Whether OTHER holds the same files: typst would see no difference.
    pub(crate) fn same_files(&self, other: &Sandbox) -> bool {
        self.digest == other.digest && self.has_fonts == other.has_fonts
    }

    /// A file of ctgc's in the sandbox, outside typst's root (`typst watch` writes its PDF there).
    pub(crate) fn scratch(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// typst's package directories: empty.
    pub(crate) fn packages(&self) -> PathBuf {
        self.dir.join("paquets")
    }

    /// A file as typst names it in a message, as the user knows it: below the project
    /// directory when it is one of the copies.
    pub(crate) fn shown(&self, file: &str, project: &Project) -> String {
        // typst names files relative to its working directory, ctgc's.
        let absolute = std::env::current_dir()
            .ok()
            .and_then(|cwd| world::normalize(&cwd.join(file)));
        let root = self.root();
        let roots = [Some(root.clone()), root.canonicalize().ok()];
        absolute
            .iter()
            .flat_map(|a| roots.iter().flatten().map(move |r| a.strip_prefix(r)))
            .find_map(Result::ok)
            .map_or_else(
                || file.to_string(),
                |rel| project.dir.join(rel).display().to_string(),
            )
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// Removes the sandboxes of ctgc processes that no longer run: a ctgc killed by `kill -9` (or a
/// power cut) never ran the `Drop` above. A live sandbox's lock file is locked by its process;
/// the kernel releases the lock when the process ends, however it ends, and whatever its pid
/// namespace. A directory without the file (being created, or from an older ctgc) is kept: the
/// file only appears already locked ([`Sandbox::create`]).
fn sweep_stale(base: &Path) {
    let Ok(entries) = fs::read_dir(base) else {
        return;
    };
    for entry in entries.flatten() {
        let ours = entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with("ctgc-typst."));
        // `file_type` does not follow a link: a link named like a sandbox is left alone.
        if !ours || !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let abandoned =
            fs::File::open(entry.path().join(ALIVE)).is_ok_and(|f| f.try_lock().is_ok());
        if abandoned {
            // Never follows a link inside: only what is below the directory goes.
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

fn environment(path: &Path, e: &std::io::Error) -> Failure {
    Failure::Environment(format!(
        "impossible de préparer le dossier de composition du PDF « {} » : {}",
        path.display(),
        crate::io_message(e)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::MemoryWorld;

    /// Every file below DIR, relative to it, sorted.
    fn files(dir: &Path) -> Vec<String> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(at) = stack.pop() {
            for entry in fs::read_dir(&at).unwrap().map(Result::unwrap) {
                let kind = entry.file_type().unwrap();
                assert!(!kind.is_symlink(), "no link in the sandbox");
                if kind.is_dir() {
                    stack.push(entry.path());
                } else {
                    let rel = entry.path().strip_prefix(dir).unwrap().to_path_buf();
                    out.push(rel.display().to_string());
                }
            }
        }
        out.sort();
        out
    }

    #[test]
    fn typst_gets_the_logos_and_fonts_and_nothing_else() {
        let convention = "convention \"C\" { période 2023 .. 2026 }\n\
            signataire caf \"Caf\" {\n  nature caf\n  logo \"./logos/../logos/caf.svg\" \"Logo\"\n}\n";
        let world = MemoryWorld::new()
            .with("convention.ctg", convention)
            .with("logos/caf.svg", "<svg/>")
            .with("fonts/Marianne.otf", "police")
            .with("fonts/lisez-moi.txt", "texte")
            .with("notes.txt", "notes")
            .with(".git/config", "[credential]");
        let comp = crate::compile::analyse(&world, Path::new("."), Default::default()).unwrap();
        let view = crate::render::view::build(&comp.model).unwrap();
        let sandbox =
            Sandbox::assemble(&world, &comp.project, &comp.model.caf_model, &view).unwrap();
        assert_eq!(files(&sandbox.root()), ["logos/caf.svg"]);
        assert_eq!(
            fs::read(sandbox.root().join("logos/caf.svg")).unwrap(),
            b"<svg/>"
        );
        assert_eq!(sandbox.font_paths(), [sandbox.fonts()]);
        assert_eq!(files(&sandbox.fonts()), ["Marianne.otf"]);
        assert_eq!(files(&sandbox.packages()), Vec::<String>::new());
        let shown = sandbox.shown(
            &sandbox.root().join("logos/caf.svg").display().to_string(),
            &comp.project,
        );
        assert_eq!(shown, "./logos/caf.svg");
        let dir = sandbox.dir.clone();
        drop(sandbox);
        assert!(!dir.exists(), "removed after use");
    }
}
