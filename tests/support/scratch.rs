//! A scratch project directory for one test: created empty under the system's temporary
//! directory, removed when dropped.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

static NEXT: AtomicUsize = AtomicUsize::new(0);

pub struct Scratch {
    pub dir: PathBuf,
}

impl Scratch {
    pub fn new(name: &str) -> Scratch {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("ctgc-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dossier temporaire");
        Scratch { dir }
    }

    /// Writes a file (creating its directories); returns its path.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("dossier");
        }
        std::fs::write(&path, contents).expect("écriture");
        path
    }

    /// A file of SIZE bytes that takes no room on disk (a hole).
    pub fn sparse(&self, rel: &str, size: u64) -> PathBuf {
        let path = self.write(rel, b"");
        std::fs::File::options()
            .write(true)
            .open(&path)
            .and_then(|f| f.set_len(size))
            .expect("fichier creux");
        path
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.join(rel)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Runs the `ctgc` binary; returns (exit code, stderr).
pub fn ctgc(args: &[&str], cwd: &Path) -> (i32, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ctgc"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("lancement de ctgc");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A valid one-file convention head: convention block, a Caf and an EPCI that sign, one axe.
pub const HEAD: &str = r#"convention "Convention territoriale globale de test" {
  territoire "Communauté de communes de test"
  période 2023 .. 2026
  signature 13 janvier 2023
  lieu "Aime-la-Plagne"
  exemplaires 2
  champs petite-enfance, jeunesse, parentalité, accès-aux-droits
}

signataire caf "Caisse d'allocations familiales de la Savoie" {
  nature caf
  représentant "Président du conseil d'administration" M. "Jean-Pierre Blanc"
  représentant "Directrice" Mme "Anne Upravan"
}

signataire cc "Communauté de communes de test" {
  nature epci
  représentant "Président" M. "Pierre Gonthier"
}

axe petite-enfance "Garantir une offre d'accueil du jeune enfant" {
  objectif creche "Maintenir l'offre d'accueil en crèche"
}
"#;
