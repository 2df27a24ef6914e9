//! `ctgc lsp`: the language server. It speaks the language server protocol over stdio with
//! lsp-server (the transport of rust-analyzer and ruff: no async runtime) and answers from the
//! query layer (`crate::query`):
//!
//! - diagnostics as the user types, for the whole project of each open document, with unsaved
//!   texts laid over the files (`MemoryWorld::over`); a file that no longer has any is cleared;
//! - completion, hover, go to definition, find references, rename, formatting (`ctgc fmt`),
//!   document symbols and quick fixes (« vouliez-vous dire … ? »).
//!
//! Positions are UTF-16 (the protocol's default). `workspace` holds the documents and their
//! projects, `server` the loop, `requests` the answers, `convert` the conversions.

mod convert;
mod documents;
mod requests;
mod server;
mod uri;
mod workspace;

use lsp_server::Connection;
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CompletionOptions,
    HoverProviderCapability, InitializeParams, OneOf, RenameOptions, ServerCapabilities,
    ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
};

use server::Server;
use workspace::Workspace;

/// What the server can do, as it tells the editor.
fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(
            TextDocumentSyncKind::INCREMENTAL,
        )),
        completion_provider: Some(CompletionOptions {
            // After `axe `, or `partenaires caf, `: the identifiers that fit.
            trigger_characters: Some(vec![" ".into(), ",".into()]),
            ..CompletionOptions::default()
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        document_formatting_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}

/// Serves one editor on CONNECTION: the initialisation, then every message until the editor
/// shuts the server down. `Err` (in French) when the exchange breaks off.
pub fn serve(connection: &Connection) -> Result<(), String> {
    let broken =
        |e: lsp_server::ProtocolError| format!("l'échange avec l'éditeur a été interrompu ({e})");
    let (id, params) = connection.initialize_start().map_err(broken)?;
    let params: InitializeParams = serde_json::from_value(params)
        .map_err(|e| format!("l'éditeur a envoyé une initialisation invalide ({e})"))?;
    let answer = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": ServerInfo {
            name: "ctgc".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        },
    });
    connection.initialize_finish(id, answer).map_err(broken)?;
    let mut server = Server::new(connection, Workspace::new(roots(&params)));
    let watch = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false);
    if watch {
        server.watch_files();
    }
    server.run()
}

/// The editor's workspace folders, as paths.
#[allow(deprecated)] // `root_uri`, for editors that send no folders.
fn roots(params: &InitializeParams) -> Vec<std::path::PathBuf> {
    match &params.workspace_folders {
        Some(folders) => folders
            .iter()
            .filter_map(|f| uri::to_path(&f.uri))
            .collect(),
        None => params.root_uri.iter().filter_map(uri::to_path).collect(),
    }
}

/// `ctgc lsp`: serves the editor on stdin and stdout until it shuts the server down.
pub fn run() -> Result<(), String> {
    let (connection, threads) = Connection::stdio();
    serve(&connection)?;
    drop(connection);
    threads
        .join()
        .map_err(|e| format!("l'échange avec l'éditeur a été interrompu ({e})"))
}
