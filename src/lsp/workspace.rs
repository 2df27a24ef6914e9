//! The projects behind the open documents: each document is checked within the project that
//! reads it (found by walking up to a `ctgc.yaml` or a `convention.ctg`), with every open
//! document's text laid over the disk. A project is analysed again only when one of its files
//! changed, and its diagnostics are published file by file when they changed, those of files that
//! no longer have any cleared.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use lsp_types::{Location, PublishDiagnosticsParams, TextDocumentContentChangeEvent, Uri};

use super::convert::{self, FileText};
use super::documents::{Document, canonical};
use crate::compile::{Compilation, Options, analyse};
use crate::project::{CONFIG_FILE, DEFAULT_MAIN, LoadError};
use crate::source::{FileId, Language, Span};
use crate::world::{DiskWorld, Kind, MemoryWorld, World};

/// What is analysed as one project.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    /// A project directory.
    Dir(PathBuf),
    /// A file that no project around it reads, alone.
    File(PathBuf),
    /// An unsaved buffer, alone (its URI).
    Untitled(String),
}

/// The name of an unsaved buffer in its own memory world.
const UNTITLED: &str = "sans-titre.ctg";

#[derive(Default)]
struct Project {
    /// The last analysis; `None` before the first.
    analysis: Option<Result<Compilation, LoadError>>,
    /// A file it reads changed since.
    dirty: bool,
    /// The diagnostics last published, by URI (files without any are not listed).
    published: BTreeMap<String, Vec<lsp_types::Diagnostic>>,
}

pub(crate) struct Workspace {
    /// The open documents' texts over the disk.
    overlay: MemoryWorld,
    /// By URI.
    documents: BTreeMap<String, Document>,
    projects: BTreeMap<Key, Project>,
    /// The project each open document is checked in.
    owner: BTreeMap<String, Key>,
    /// The editor's workspace folders: the search for a project stops there.
    roots: Vec<PathBuf>,
}

/// An open document with its project's last analysis, to answer a request.
pub(crate) struct Snapshot<'a> {
    workspace: &'a Workspace,
    key: &'a Key,
    pub document: &'a Document,
    pub compilation: &'a Compilation,
    /// The document in the compilation.
    pub file: FileId,
}

impl Workspace {
    pub(crate) fn new(roots: Vec<PathBuf>) -> Self {
        Workspace {
            overlay: MemoryWorld::over(DiskWorld, "/"),
            documents: BTreeMap::new(),
            projects: BTreeMap::new(),
            owner: BTreeMap::new(),
            roots: roots.into_iter().map(canonical).collect(),
        }
    }

    pub(crate) fn open(&mut self, uri: Uri, text: String, version: i32) {
        let document = Document::new(uri, text, version);
        let key = match &document.path {
            Some(path) => {
                self.overlay.insert(path, document.text.as_bytes());
                self.touch(path);
                self.project_of(path)
            }
            None => Key::Untitled(document.uri.as_str().to_string()),
        };
        self.projects.entry(key.clone()).or_default().dirty = true;
        self.owner.insert(document.uri.as_str().to_string(), key);
        self.documents
            .insert(document.uri.as_str().to_string(), document);
    }

    pub(crate) fn change(
        &mut self,
        uri: &Uri,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
    ) {
        let Some(document) = self.documents.get_mut(uri.as_str()) else {
            return;
        };
        document.change(version, changes);
        if let Some(path) = document.path.clone() {
            self.overlay.insert(&path, document.text.as_bytes());
            self.touch(&path);
        }
        if let Some(project) = self
            .owner
            .get(uri.as_str())
            .and_then(|key| self.projects.get_mut(key))
        {
            project.dirty = true;
        }
    }

    /// Closes a document: its projects read it from the disk again. What it alone was checked
    /// in is dropped, its diagnostics cleared.
    pub(crate) fn close(&mut self, uri: &Uri) -> Vec<PublishDiagnosticsParams> {
        let Some(document) = self.documents.remove(uri.as_str()) else {
            return Vec::new();
        };
        if let Some(path) = &document.path {
            self.overlay.remove(path);
            self.touch(path);
        }
        let Some(key) = self.owner.remove(uri.as_str()) else {
            return Vec::new();
        };
        let alone = matches!(key, Key::File(_) | Key::Untitled(_));
        if alone && !self.owner.values().any(|k| *k == key) {
            return self.drop_project(&key);
        }
        Vec::new()
    }

    /// Files changed on the disk: every project is analysed again.
    pub(crate) fn files_changed(&mut self) {
        for project in self.projects.values_mut() {
            project.dirty = true;
        }
    }

    /// Whether a project waits for its analysis.
    pub(crate) fn is_dirty(&self) -> bool {
        self.projects.values().any(|p| p.dirty)
    }

    /// Analyses every project waiting for it; the diagnostics to publish.
    pub(crate) fn refresh(&mut self) -> Vec<PublishDiagnosticsParams> {
        let mut out = Vec::new();
        while let Some(key) = self
            .projects
            .iter()
            .find(|(_, p)| p.dirty)
            .map(|(k, _)| k.clone())
        {
            out.extend(self.analyse(&key));
        }
        out
    }

    /// Analyses the project of the document at URI if it waits for it (and what that moves).
    pub(crate) fn refresh_for(&mut self, uri: &Uri) -> Vec<PublishDiagnosticsParams> {
        let mut out = Vec::new();
        // A document moves at most once from a project that does not read it to its own.
        for _ in 0..2 {
            let Some(key) = self.owner.get(uri.as_str()).cloned() else {
                break;
            };
            if !self.projects.get(&key).is_some_and(|p| p.dirty) {
                break;
            }
            out.extend(self.analyse(&key));
        }
        out
    }

    /// The document at URI in its project's last analysis.
    pub(crate) fn snapshot(&self, uri: &Uri) -> Option<Snapshot<'_>> {
        let document = self.documents.get(uri.as_str())?;
        let key = self.owner.get(uri.as_str())?;
        let compilation = self.projects.get(key)?.analysis.as_ref()?.as_ref().ok()?;
        let path = match key {
            Key::Untitled(_) => Path::new(MemoryWorld::ROOT).join(UNTITLED),
            _ => document.path.clone()?,
        };
        let file = compilation.sources.find(&path)?;
        Some(Snapshot {
            workspace: self,
            key,
            document,
            compilation,
            file,
        })
    }

    /// Marks dirty the projects that read PATH.
    fn touch(&mut self, path: &Path) {
        for project in self.projects.values_mut() {
            let reads = match &project.analysis {
                Some(Ok(c)) => c.sources.find(path).is_some(),
                // A project that could not be read may become readable.
                _ => true,
            };
            project.dirty |= reads;
        }
    }

    /// The project around PATH: the nearest directory above it with `ctgc.yaml` or
    /// `convention.ctg`, not above the workspace folder holding it; else the file alone.
    fn project_of(&self, path: &Path) -> Key {
        let is_file = |p: &Path| self.overlay.metadata(p).is_ok_and(|m| m.kind == Kind::File);
        for dir in path.ancestors().skip(1) {
            if is_file(&dir.join(CONFIG_FILE)) || is_file(&dir.join(DEFAULT_MAIN)) {
                return Key::Dir(dir.to_path_buf());
            }
            if self.roots.iter().any(|r| r == dir) {
                break;
            }
        }
        Key::File(path.to_path_buf())
    }

    fn analyse(&mut self, key: &Key) -> Vec<PublishDiagnosticsParams> {
        let analysis = match key {
            Key::Dir(path) | Key::File(path) => analyse(&self.overlay, path, Options::default()),
            Key::Untitled(uri) => {
                let text = self
                    .documents
                    .get(uri)
                    .map_or(&[][..], |d| d.text.as_bytes());
                let world = MemoryWorld::new().with(UNTITLED, text);
                analyse(&world, Path::new(UNTITLED), Options::default())
            }
        };
        let mut out = Vec::new();
        if let (Key::Dir(_), Ok(comp)) = (key, &analysis) {
            out.extend(self.reassign(key, comp));
        }
        let project = self.projects.entry(key.clone()).or_default();
        project.analysis = Some(analysis);
        project.dirty = false;
        out.extend(self.publish(key));
        out
    }

    /// A document that project KEY does not read goes to a project of its own; one checked alone
    /// that KEY now reads (a new `inclure`) comes back to it.
    fn reassign(&mut self, key: &Key, comp: &Compilation) -> Vec<PublishDiagnosticsParams> {
        let mut out = Vec::new();
        let moves: Vec<(String, Key)> = self
            .documents
            .iter()
            .filter_map(|(uri, doc)| {
                let path = doc.path.as_ref()?;
                let inside = comp.sources.find(path).is_some();
                match self.owner.get(uri)? {
                    owner if owner == key && !inside => {
                        Some((uri.clone(), Key::File(path.clone())))
                    }
                    Key::File(_) if inside && self.project_of(path) == *key => {
                        Some((uri.clone(), key.clone()))
                    }
                    _ => None,
                }
            })
            .collect();
        for (uri, to) in moves {
            let from = self.owner.insert(uri, to.clone());
            self.projects.entry(to).or_default().dirty = true;
            if let Some(from @ Key::File(_)) = from
                && !self.owner.values().any(|k| *k == from)
            {
                out.extend(self.drop_project(&from));
            }
        }
        out
    }

    /// Forgets a project, clearing its diagnostics.
    fn drop_project(&mut self, key: &Key) -> Vec<PublishDiagnosticsParams> {
        let Some(project) = self.projects.remove(key) else {
            return Vec::new();
        };
        project
            .published
            .keys()
            .filter_map(|uri| uri.parse().ok())
            .map(|uri| PublishDiagnosticsParams::new(uri, Vec::new(), None))
            .collect()
    }

    /// The diagnostics of project KEY, one notification per file, and an empty one for every
    /// file that had some and has none now.
    fn publish(&mut self, key: &Key) -> Vec<PublishDiagnosticsParams> {
        let Some(project) = self.projects.get(key) else {
            return Vec::new();
        };
        let mut by_uri: BTreeMap<String, (Uri, Vec<lsp_types::Diagnostic>)> = BTreeMap::new();
        match &project.analysis {
            Some(Ok(comp)) => {
                let places = Places::new(self, key, comp);
                for d in &comp.diagnostics {
                    let Some(span) = d.primary().or_else(|| places.start()) else {
                        continue;
                    };
                    let Some(location) = places.location(span) else {
                        continue;
                    };
                    let diagnostic = convert::diagnostic(d, location.range, |s| places.location(s));
                    by_uri
                        .entry(location.uri.as_str().to_string())
                        .or_insert_with(|| (location.uri.clone(), Vec::new()))
                        .1
                        .push(diagnostic);
                }
            }
            Some(Err(error)) => {
                // Not the convention's fault: said on every document checked in it.
                for (uri, _) in self.owner.iter().filter(|(_, k)| *k == key) {
                    let Some(document) = self.documents.get(uri) else {
                        continue;
                    };
                    let diagnostic = lsp_types::Diagnostic {
                        severity: Some(lsp_types::DiagnosticSeverity::ERROR),
                        source: Some("ctgc".into()),
                        message: crate::typography::french(&error.to_string()),
                        ..lsp_types::Diagnostic::default()
                    };
                    by_uri.insert(uri.clone(), (document.uri.clone(), vec![diagnostic]));
                }
            }
            None => {}
        }
        let stale: Vec<String> = project
            .published
            .keys()
            .filter(|uri| !by_uri.contains_key(*uri))
            .cloned()
            .collect();
        let mut out: Vec<PublishDiagnosticsParams> = stale
            .iter()
            .filter_map(|uri| uri.parse().ok())
            .map(|uri| PublishDiagnosticsParams::new(uri, Vec::new(), None))
            .collect();
        let mut published = BTreeMap::new();
        for (text, (uri, diagnostics)) in by_uri {
            // What the editor already shows, at the same places, is not sent again.
            if project.published.get(&text) != Some(&diagnostics) {
                let version = self.documents.get(&text).map(|d| d.version);
                out.push(PublishDiagnosticsParams::new(
                    uri,
                    diagnostics.clone(),
                    version,
                ));
            }
            published.insert(text, diagnostics);
        }
        if let Some(project) = self.projects.get_mut(key) {
            project.published = published;
        }
        out
    }
}

/// Where the spans of one analysis are for the editor: URIs, and positions in each file's text
/// as the editor has it (an open document's, else the file read).
struct Places<'a> {
    workspace: &'a Workspace,
    key: &'a Key,
    comp: &'a Compilation,
    texts: std::cell::RefCell<HashMap<FileId, std::rc::Rc<FileText<'a>>>>,
}

impl<'a> Places<'a> {
    fn new(workspace: &'a Workspace, key: &'a Key, comp: &'a Compilation) -> Self {
        Places {
            workspace,
            key,
            comp,
            texts: Default::default(),
        }
    }

    /// The open document holding FILE.
    fn document(&self, file: FileId) -> Option<&'a Document> {
        if let Key::Untitled(uri) = self.key {
            return self.workspace.documents.get(uri);
        }
        let path = &self.comp.sources.get(file).path;
        self.workspace
            .documents
            .values()
            .find(|d| d.path.as_ref() == Some(path))
    }

    fn uri(&self, file: FileId) -> Option<Uri> {
        match self.document(file) {
            Some(d) => Some(d.uri.clone()),
            None => super::uri::from_path(&self.comp.sources.get(file).path),
        }
    }

    fn text(&self, file: FileId) -> std::rc::Rc<FileText<'a>> {
        self.texts
            .borrow_mut()
            .entry(file)
            .or_insert_with(|| {
                let text: &'a str = match self.document(file) {
                    Some(d) => &d.text,
                    None => &self.comp.sources.get(file).text,
                };
                std::rc::Rc::new(FileText::new(text))
            })
            .clone()
    }

    fn location(&self, span: Span) -> Option<Location> {
        Some(Location::new(
            self.uri(span.file)?,
            self.text(span.file).range(span.start, span.end),
        ))
    }

    /// Where a diagnostic without a place goes: the start of the first `.ctg` file.
    fn start(&self) -> Option<Span> {
        let file = self
            .comp
            .sources
            .iter()
            .find(|f| f.language == Language::Ctg)?;
        Some(Span {
            file: file.id,
            start: 0,
            end: 0,
        })
    }
}

impl<'a> Snapshot<'a> {
    fn places(&self) -> Places<'a> {
        Places::new(self.workspace, self.key, self.compilation)
    }

    /// The document's text as the editor has it, to convert positions.
    pub(crate) fn text(&self) -> FileText<'a> {
        FileText::new(&self.document.text)
    }

    /// The source text of the document as analysed (byte for byte the same positions).
    pub(crate) fn source(&self) -> &'a str {
        &self.compilation.sources.get(self.file).text
    }

    pub(crate) fn location(&self, span: Span) -> Option<Location> {
        self.places().location(span)
    }

    /// Every span with its location, one `Places` for all.
    pub(crate) fn locations(&self, spans: impl IntoIterator<Item = Span>) -> Vec<Location> {
        let places = self.places();
        spans
            .into_iter()
            .filter_map(|s| places.location(s))
            .collect()
    }
}
