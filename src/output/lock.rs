//! One build at a time per output directory: an advisory lock on `.ctgc-lock` in it, held from
//! staging the outputs to removing the stale ones, released when dropped (or when the process
//! ends, however it ends).

use std::fs::{self, File, OpenOptions};
use std::io::ErrorKind;
use std::path::Path;

use super::{WriteError, io_error};

/// The lock file, hidden among the outputs; it stays there, empty, between builds.
pub(crate) const LOCK_FILE: &str = ".ctgc-lock";

/// The lock of an output directory, held while this value lives.
#[derive(Debug)]
pub(crate) struct Lock {
    _file: File,
}

impl Lock {
    /// Waits until no other build holds DIR's lock, then holds it. A file system without locks
    /// (rare: some network shares) leaves builds unserialised rather than impossible.
    pub(crate) fn acquire(dir: &Path) -> Result<Lock, WriteError> {
        let path = dir.join(LOCK_FILE);
        // Opening a pipe would wait for a writer; a link could lead anywhere.
        if let Ok(meta) = fs::symlink_metadata(&path)
            && !meta.file_type().is_file()
        {
            return Err(WriteError(format!(
                "« {} » n'est pas un fichier ordinaire : ctgc y pose le verrou du dossier de sortie ; supprimez-le",
                path.display()
            )));
        }
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| io_error("impossible de créer le verrou", &path, &e))?;
        match file.lock() {
            Ok(()) => {}
            Err(e) if e.kind() == ErrorKind::Unsupported => {}
            Err(e) => return Err(io_error("impossible de verrouiller", &path, &e)),
        }
        Ok(Lock { _file: file })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, Barrier};
    use std::time::Duration;

    #[test]
    fn a_second_build_waits_for_the_first() {
        let dir = std::env::temp_dir().join(format!("ctgc-lock-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let first = Lock::acquire(&dir).unwrap();
        let released = Arc::new(AtomicBool::new(false));
        let started = Arc::new(Barrier::new(2));
        let waiter = {
            let (dir, released, started) = (dir.clone(), released.clone(), started.clone());
            std::thread::spawn(move || {
                started.wait();
                let _second = Lock::acquire(&dir).unwrap();
                released.load(Ordering::SeqCst)
            })
        };
        started.wait();
        std::thread::sleep(Duration::from_millis(100));
        released.store(true, Ordering::SeqCst);
        drop(first);
        assert!(
            waiter.join().unwrap(),
            "the second lock was taken while the first was held"
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_lock_file_that_is_not_a_file_is_refused() {
        let dir = std::env::temp_dir().join(format!("ctgc-lock-link-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        std::os::unix::fs::symlink("/dev/zero", dir.join(LOCK_FILE)).unwrap();
        let err = Lock::acquire(&dir).unwrap_err();
        assert!(err.0.contains("n'est pas un fichier ordinaire"), "{err}");
        fs::remove_dir_all(&dir).unwrap();
    }
}
