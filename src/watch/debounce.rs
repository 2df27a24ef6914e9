//! Which file events are saves of the user's, and how a burst of them becomes one rebuild.
//!
//! Editors write a save in several steps (a temporary file, a rename, a change of
//! attributes), and a save of several files arrives as several events. ctgc rebuilds at the
//! first event (leading edge: no delay is added to a single save); every event that arrives
//! while a rebuild runs is coalesced into the one rebuild that follows it. A rebuild that
//! finds errors waits [`GRACE`] for the rest of a burst before showing them (a save caught
//! halfway: an editor that empties the file, then writes it); if more comes, the next
//! rebuild reads the finished files and the errors are never shown. A save without errors
//! waits for nothing.

use std::path::{Component, Path, PathBuf};
use std::time::{Duration, Instant};

/// How long errors wait for the rest of a burst of saves.
pub(crate) const GRACE: Duration = Duration::from_millis(50);

use notify::EventKind;

/// The saves not rebuilt yet.
#[derive(Debug, Default)]
pub(crate) struct Changes {
    /// When the first of them arrived: the latencies ctgc reports count from there.
    first: Option<Instant>,
}

impl Changes {
    /// Notes a change of the user's, arrived AT.
    pub(crate) fn note(&mut self, at: Instant) {
        self.first.get_or_insert(at);
    }

    /// The changes to rebuild now, as the time of the first; none left after.
    pub(crate) fn take(&mut self) -> Option<Instant> {
        self.first.take()
    }
}

/// Whether EVENT is a change of the user's in the project at ROOT: not an access, not ctgc's
/// own outputs (in OUT_DIR), not git's nor an editor's hidden or backup files.
pub(crate) fn concerns(event: &notify::Event, root: &Path, out_dir: Option<&PathBuf>) -> bool {
    if matches!(event.kind, EventKind::Access(_) | EventKind::Other) {
        return false;
    }
    event.paths.iter().any(|p| {
        let inside = p.strip_prefix(root).unwrap_or(p);
        let hidden = inside
            .components()
            .any(|c| matches!(c, Component::Normal(n) if n.to_string_lossy().starts_with('.')));
        let backup = p.to_string_lossy().ends_with('~');
        let ours = out_dir.is_some_and(|o| p.starts_with(o));
        !hidden && !backup && !ours
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, CreateKind, DataChange, ModifyKind};

    fn event(kind: EventKind, path: &str) -> notify::Event {
        notify::Event::new(kind).add_path(PathBuf::from(path))
    }

    #[test]
    fn only_the_users_saves_count() {
        let root = Path::new("/p");
        let out = PathBuf::from("/p/build");
        let write = EventKind::Modify(ModifyKind::Data(DataChange::Content));
        let concerns = |e: &notify::Event| concerns(e, root, Some(&out));
        assert!(concerns(&event(write, "/p/convention.ctg")));
        assert!(concerns(&event(
            EventKind::Create(CreateKind::File),
            "/p/fiches/01.ctg"
        )));
        assert!(!concerns(&event(
            EventKind::Access(AccessKind::Any),
            "/p/convention.ctg"
        )));
        assert!(!concerns(&event(write, "/p/build/p.html")));
        assert!(!concerns(&event(write, "/p/.git/index")));
        assert!(!concerns(&event(write, "/p/fiches/.01.ctg.swp")));
        assert!(!concerns(&event(write, "/p/convention.ctg~")));
        // Before the first build, the output folder is not known yet.
        assert!(super::concerns(
            &event(write, "/p/build/p.html"),
            root,
            None
        ));
    }

    #[test]
    fn a_burst_is_one_rebuild_timed_from_its_first_save() {
        let mut changes = Changes::default();
        assert_eq!(changes.take(), None);
        let t0 = Instant::now();
        changes.note(t0);
        changes.note(t0 + Duration::from_millis(3));
        assert_eq!(changes.take(), Some(t0));
        assert_eq!(changes.take(), None);
    }
}
