//! The file system as the process sees it: relative paths start from the current directory.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::{Entry, FileError, Kind, Metadata, World};

impl From<&std::io::Error> for FileError {
    fn from(e: &std::io::Error) -> Self {
        use std::io::ErrorKind::*;
        match e.kind() {
            NotFound => FileError::NotFound,
            IsADirectory => FileError::Directory,
            PermissionDenied => FileError::Other("permission refusée".into()),
            NotADirectory => FileError::Other("un élément du chemin n'est pas un dossier".into()),
            AlreadyExists => FileError::Other("le fichier existe déjà".into()),
            StorageFull => FileError::Other("disque plein".into()),
            ReadOnlyFilesystem => FileError::Other("système de fichiers en lecture seule".into()),
            InvalidData => FileError::Other("contenu invalide".into()),
            _ => FileError::Other(format!("erreur d'entrée-sortie ({e})")),
        }
    }
}

/// An I/O error in French, for the user.
pub(crate) fn io_message(e: &std::io::Error) -> String {
    FileError::from(e).to_string()
}

/// The disk. It holds nothing: every call asks the operating system.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct DiskWorld;

fn kind(t: fs::FileType) -> Kind {
    if t.is_file() {
        Kind::File
    } else if t.is_dir() {
        Kind::Directory
    } else {
        Kind::Other
    }
}

impl World for DiskWorld {
    fn metadata(&self, path: &Path) -> Result<Metadata, FileError> {
        let meta = fs::metadata(path).map_err(|e| FileError::from(&e))?;
        Ok(Metadata {
            kind: kind(meta.file_type()),
            len: meta.len(),
        })
    }

    fn canonicalize(&self, path: &Path) -> Result<PathBuf, FileError> {
        path.canonicalize().map_err(|e| FileError::from(&e))
    }

    fn entries(&self, dir: &Path) -> Result<Vec<Entry>, FileError> {
        let entries = fs::read_dir(dir).map_err(|e| FileError::from(&e))?;
        Ok(entries
            .filter_map(Result::ok)
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                // A symbolic link is what it leads to; a broken one is nothing to read.
                let kind = match e.file_type() {
                    Ok(t) if !t.is_symlink() => kind(t),
                    _ => fs::metadata(e.path()).map_or(Kind::Other, |m| kind(m.file_type())),
                };
                Some(Entry { name, kind })
            })
            .collect())
    }

    fn read(&self, path: &Path, limit: u64) -> Result<Vec<u8>, FileError> {
        // Looked at before opening: opening a named pipe would wait for a writer.
        let meta = self.metadata(path)?;
        match meta.kind {
            Kind::File => {}
            Kind::Directory => return Err(FileError::Directory),
            Kind::Other => return Err(FileError::NotRegular),
        }
        let file = fs::File::open(path).map_err(|e| FileError::from(&e))?;
        let mut bytes = Vec::with_capacity(meta.len.min(limit) as usize);
        file.take(limit)
            .read_to_end(&mut bytes)
            .map_err(|e| FileError::from(&e))?;
        Ok(bytes)
    }
}
