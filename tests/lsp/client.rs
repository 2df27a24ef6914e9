//! A language client for the tests and the benchmark: speaks to `ctgc lsp` in the same process
//! (lsp-server's in-memory connection, the server on a thread) or to the binary over stdio, and
//! keeps the last diagnostics published for each file.

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::str::FromStr;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response, ResponseError};
use lsp_types::notification::{
    DidChangeTextDocument, DidOpenTextDocument, Exit, Initialized, Notification as _,
    PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{Initialize, Shutdown};
use lsp_types::{
    ClientCapabilities, Diagnostic, DidChangeTextDocumentParams, DidOpenTextDocumentParams,
    InitializeParams, Position, Range, TextDocumentContentChangeEvent, TextDocumentItem, Uri,
    VersionedTextDocumentIdentifier, WorkspaceFolder,
};

/// How long a test waits for an answer before it fails.
const PATIENCE: Duration = Duration::from_secs(30);

/// One way to reach the server.
pub trait Transport {
    fn send(&mut self, message: Message);
    fn receive(&mut self, timeout: Duration) -> Option<Message>;
    /// Waits for the server to stop; whether it stopped cleanly.
    fn finish(self) -> bool;
}

/// The server on a thread of this process.
pub struct Memory {
    connection: Connection,
    server: JoinHandle<Result<(), String>>,
}

impl Memory {
    pub fn start() -> Memory {
        let (server, connection) = Connection::memory();
        let server = std::thread::spawn(move || ctgc::lsp::serve(&server));
        Memory { connection, server }
    }
}

impl Transport for Memory {
    fn send(&mut self, message: Message) {
        self.connection
            .sender
            .send(message)
            .expect("the server listens");
    }
    fn receive(&mut self, timeout: Duration) -> Option<Message> {
        self.connection.receiver.recv_timeout(timeout).ok()
    }
    fn finish(self) -> bool {
        drop(self.connection);
        matches!(self.server.join(), Ok(Ok(())))
    }
}

/// `ctgc lsp` as a process, spoken to through its stdin and stdout.
pub struct Process {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: mpsc::Receiver<Message>,
}

impl Process {
    pub fn start(cwd: &Path) -> Process {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ctgc"))
            .arg("lsp")
            .current_dir(cwd)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("ctgc lsp starts");
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().expect("stdout");
        let (sender, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Ok(Some(message)) = Message::read(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        Process {
            child,
            stdin,
            messages,
        }
    }
}

impl Transport for Process {
    fn send(&mut self, message: Message) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        message.write(stdin).expect("the server reads");
        stdin.flush().expect("flush");
    }
    fn receive(&mut self, timeout: Duration) -> Option<Message> {
        self.messages.recv_timeout(timeout).ok()
    }
    fn finish(mut self) -> bool {
        drop(self.stdin.take());
        self.child.wait().is_ok_and(|s| s.success())
    }
}

pub struct Client<T: Transport> {
    transport: T,
    next_id: i32,
    /// The last diagnostics published for each URI.
    pub diagnostics: HashMap<String, Vec<Diagnostic>>,
    /// How many times diagnostics were published for each URI.
    pub publications: HashMap<String, usize>,
    /// What the server showed the user (`window/showMessage`).
    pub messages: Vec<String>,
    versions: HashMap<String, i32>,
}

impl<T: Transport> Client<T> {
    /// Starts a session with the workspace folder ROOT.
    pub fn new(transport: T, root: &Path) -> Client<T> {
        let mut client = Client {
            transport,
            next_id: 0,
            diagnostics: HashMap::new(),
            publications: HashMap::new(),
            messages: Vec::new(),
            versions: HashMap::new(),
        };
        let capabilities: ClientCapabilities = serde_json::from_value(serde_json::json!({
            "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } },
            "textDocument": { "publishDiagnostics": { "relatedInformation": true } }
        }))
        .unwrap();
        let params = InitializeParams {
            capabilities,
            workspace_folders: Some(vec![WorkspaceFolder {
                uri: uri(root),
                name: "projet".into(),
            }]),
            ..InitializeParams::default()
        };
        let answer = client.request::<Initialize>(params).expect("initialized");
        assert_eq!(answer.server_info.map(|s| s.name).as_deref(), Some("ctgc"));
        client.notify::<Initialized>(lsp_types::InitializedParams {});
        client
    }

    pub fn request<R: lsp_types::request::Request>(
        &mut self,
        params: R::Params,
    ) -> Result<R::Result, ResponseError> {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.transport
            .send(Request::new(id.clone(), R::METHOD.into(), params).into());
        let deadline = Instant::now() + PATIENCE;
        loop {
            match self.next(deadline) {
                Message::Response(r) if r.id == id => {
                    if let Some(error) = r.error {
                        return Err(error);
                    }
                    let result = r.result.unwrap_or(serde_json::Value::Null);
                    return Ok(serde_json::from_value(result).expect("a result of the right shape"));
                }
                _ => {}
            }
        }
    }

    pub fn notify<N: lsp_types::notification::Notification>(&mut self, params: N::Params) {
        self.transport
            .send(Notification::new(N::METHOD.into(), params).into());
    }

    /// The next message, notifications recorded and the server's own requests answered.
    fn next(&mut self, deadline: Instant) -> Message {
        let left = deadline.saturating_duration_since(Instant::now());
        let message = self
            .transport
            .receive(left)
            .expect("the server answers in time");
        match &message {
            Message::Notification(n) if n.method == PublishDiagnostics::METHOD => {
                let p: lsp_types::PublishDiagnosticsParams =
                    serde_json::from_value(n.params.clone()).unwrap();
                let key = p.uri.as_str().to_string();
                *self.publications.entry(key.clone()).or_default() += 1;
                self.diagnostics.insert(key, p.diagnostics);
            }
            Message::Notification(n) if n.method == ShowMessage::METHOD => {
                let p: lsp_types::ShowMessageParams =
                    serde_json::from_value(n.params.clone()).unwrap();
                self.messages.push(p.message);
            }
            Message::Request(r) => {
                // `client/registerCapability`: accepted.
                self.transport
                    .send(Response::new_ok(r.id.clone(), serde_json::Value::Null).into());
            }
            _ => {}
        }
        message
    }

    /// Receives until the diagnostics of URI satisfy DONE; returns them.
    pub fn wait_diagnostics(
        &mut self,
        uri: &Uri,
        done: impl Fn(&[Diagnostic]) -> bool,
    ) -> Vec<Diagnostic> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(d) = self.diagnostics.get(uri.as_str())
                && done(d)
            {
                return d.clone();
            }
            self.next(deadline);
        }
    }

    /// Receives until a publication for URI arrives after the COUNT already seen.
    pub fn wait_publication(&mut self, uri: &Uri, count: usize) -> Vec<Diagnostic> {
        let deadline = Instant::now() + PATIENCE;
        while self.publications.get(uri.as_str()).copied().unwrap_or(0) <= count {
            self.next(deadline);
        }
        self.diagnostics[uri.as_str()].clone()
    }

    pub fn publications(&self, uri: &Uri) -> usize {
        self.publications.get(uri.as_str()).copied().unwrap_or(0)
    }

    /// Opens the file at PATH with TEXT (what the editor shows, saved or not).
    pub fn open_text(&mut self, uri: &Uri, text: &str) {
        self.versions.insert(uri.as_str().to_string(), 1);
        self.notify::<DidOpenTextDocument>(DidOpenTextDocumentParams {
            text_document: TextDocumentItem::new(uri.clone(), "ctg".into(), 1, text.into()),
        });
    }

    /// Opens the file at PATH as it is on the disk.
    pub fn open(&mut self, path: &Path) -> Uri {
        let uri = uri(path);
        let text = std::fs::read_to_string(path).expect("the file is there");
        self.open_text(&uri, &text);
        uri
    }

    /// Replaces RANGE of the document with TEXT, as typing does.
    pub fn edit(&mut self, uri: &Uri, range: Range, text: &str) {
        let version = self.versions.entry(uri.as_str().to_string()).or_insert(1);
        *version += 1;
        let version = *version;
        self.notify::<DidChangeTextDocument>(DidChangeTextDocumentParams {
            text_document: VersionedTextDocumentIdentifier::new(uri.clone(), version),
            content_changes: vec![TextDocumentContentChangeEvent {
                range: Some(range),
                range_length: None,
                text: text.into(),
            }],
        });
    }

    /// Shuts the server down; whether it stopped cleanly.
    pub fn shutdown(mut self) -> bool {
        self.request::<Shutdown>(()).expect("shutdown accepted");
        self.notify::<Exit>(());
        self.transport.finish()
    }
}

/// The `file:` URI of PATH, as an editor writes it.
pub fn uri(path: &Path) -> Uri {
    let mut text = String::from("file://");
    for b in path.to_str().expect("a UTF-8 path").bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            text.push(b as char);
        } else {
            text.push_str(&format!("%{b:02X}"));
        }
    }
    Uri::from_str(&text).expect("a URI")
}

/// The position of the Nth (from 0) occurrence of NEEDLE in TEXT, plus SHIFT characters, in
/// UTF-16 units as the protocol counts them.
pub fn position(text: &str, needle: &str, nth: usize, shift: usize) -> Position {
    let offset = text
        .match_indices(needle)
        .nth(nth)
        .expect("the text is there")
        .0;
    let before = &text[..offset];
    let line = before.matches('\n').count() as u32;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let column: usize = text[start..offset]
        .chars()
        .map(char::len_utf16)
        .sum::<usize>()
        + text[offset..]
            .chars()
            .take(shift)
            .map(char::len_utf16)
            .sum::<usize>();
    Position::new(line, column as u32)
}

/// The range of the Nth occurrence of NEEDLE in TEXT.
pub fn range_of(text: &str, needle: &str, nth: usize) -> Range {
    Range::new(
        position(text, needle, nth, 0),
        position(text, needle, nth, needle.chars().count()),
    )
}

/// A copy of the example project NAME in a fresh directory (removed by the caller).
pub fn copy_example(name: &str, into: &Path) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("conventions")
        .join(name);
    copy_dir(&from, into);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            if entry.file_name() != "build" {
                copy_dir(&entry.path(), &target);
            }
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
