//! The loop: notifications keep the documents in step, requests are answered on an analysis of
//! the current texts, and diagnostics go out once the editor stops sending changes (a burst of
//! keystrokes is analysed once).

use std::panic::{AssertUnwindSafe, catch_unwind};

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, Formatting, GotoDefinition, HoverRequest,
    PrepareRenameRequest, References, RegisterCapability, Rename, Request as _,
};
use lsp_types::{
    DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, MessageType,
    PublishDiagnosticsParams, Registration, RegistrationParams, ShowMessageParams,
    TextDocumentIdentifier,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::requests::{self, Refusal};
use super::workspace::{Snapshot, Workspace};
use crate::typography::french;

pub(crate) struct Server<'c> {
    connection: &'c Connection,
    workspace: Workspace,
}

impl<'c> Server<'c> {
    pub(crate) fn new(connection: &'c Connection, workspace: Workspace) -> Self {
        Server {
            connection,
            workspace,
        }
    }

    /// Serves the connection until the editor shuts the server down or goes away.
    pub(crate) fn run(&mut self) -> Result<(), String> {
        let connection = self.connection;
        loop {
            // Changes are analysed once none is waiting: typing is checked after its last key.
            let message = if self.workspace.is_dirty() {
                match connection.receiver.try_recv() {
                    Ok(message) => message,
                    Err(e) if e.is_empty() => {
                        let published = self.workspace.refresh();
                        self.publish(published);
                        continue;
                    }
                    Err(_) => return Ok(()),
                }
            } else {
                match connection.receiver.recv() {
                    Ok(message) => message,
                    Err(_) => return Ok(()),
                }
            };
            match message {
                Message::Request(request) => {
                    if connection
                        .handle_shutdown(&request)
                        .map_err(|e| e.to_string())?
                    {
                        return Ok(());
                    }
                    let id = request.id.clone();
                    let response = catch_unwind(AssertUnwindSafe(|| self.request(request)))
                        .unwrap_or_else(|_| {
                            Response::new_err(
                                id,
                                ErrorCode::InternalError as i32,
                                "erreur interne de ctgc : la demande n'a pas abouti".into(),
                            )
                        });
                    self.send(response.into());
                }
                Message::Notification(notification) => {
                    if notification.method == lsp_types::notification::Exit::METHOD {
                        return Ok(());
                    }
                    // A defect in one notification must not stop the server.
                    let _ = catch_unwind(AssertUnwindSafe(|| self.notification(notification)));
                }
                Message::Response(_) => {}
            }
        }
    }

    /// Asks the editor to say when `.ctg` or YAML files (`ctgc.yaml`, an article model) change on
    /// the disk.
    pub(crate) fn watch_files(&self) {
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: ["**/*.ctg", "**/*.yaml"]
                .into_iter()
                .map(|glob| FileSystemWatcher {
                    glob_pattern: GlobPattern::String(glob.into()),
                    kind: None,
                })
                .collect(),
        };
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "ctgc-fichiers".into(),
                method: DidChangeWatchedFiles::METHOD.into(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        self.send(
            Request::new(
                RequestId::from("ctgc-fichiers".to_string()),
                RegisterCapability::METHOD.into(),
                params,
            )
            .into(),
        );
    }

    fn send(&self, message: Message) {
        // The editor went away: the loop ends at the next receive.
        let _ = self.connection.sender.send(message);
    }

    fn publish(&self, published: Vec<PublishDiagnosticsParams>) {
        for params in published {
            self.send(Notification::new(PublishDiagnostics::METHOD.into(), params).into());
        }
    }

    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Some(p) = params::<lsp_types::DidOpenTextDocumentParams>(n.params) {
                    let d = p.text_document;
                    self.workspace.open(d.uri, d.text, d.version);
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Some(p) = params::<lsp_types::DidChangeTextDocumentParams>(n.params) {
                    let d = p.text_document;
                    self.workspace.change(&d.uri, d.version, p.content_changes);
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Some(p) = params::<lsp_types::DidCloseTextDocumentParams>(n.params) {
                    let cleared = self.workspace.close(&p.text_document.uri);
                    self.publish(cleared);
                }
            }
            DidChangeWatchedFiles::METHOD => self.workspace.files_changed(),
            _ => {}
        }
    }

    fn request(&mut self, request: Request) -> Response {
        let Request { id, method, params } = request;
        match method.as_str() {
            Completion::METHOD => self.answer(id, params, |s, p: lsp_types::CompletionParams| {
                Ok(requests::completion(s, &p))
            }),
            HoverRequest::METHOD => self.answer(id, params, |s, p: lsp_types::HoverParams| {
                Ok(requests::hover(s, p.text_document_position_params.position))
            }),
            GotoDefinition::METHOD => {
                self.answer(id, params, |s, p: lsp_types::GotoDefinitionParams| {
                    Ok(requests::definition(
                        s,
                        p.text_document_position_params.position,
                    ))
                })
            }
            References::METHOD => self.answer(id, params, |s, p: lsp_types::ReferenceParams| {
                Ok(Some(requests::references(
                    s,
                    p.text_document_position.position,
                    p.context.include_declaration,
                )))
            }),
            PrepareRenameRequest::METHOD => {
                self.answer(id, params, |s, p: lsp_types::TextDocumentPositionParams| {
                    requests::prepare_rename(s, p.position).map(Some)
                })
            }
            Rename::METHOD => self.answer(id, params, |s, p: lsp_types::RenameParams| {
                requests::rename(s, p.text_document_position.position, &p.new_name).map(Some)
            }),
            Formatting::METHOD => {
                let response = self.answer(
                    id.clone(),
                    params,
                    |s, _: lsp_types::DocumentFormattingParams| requests::formatting(s).map(Some),
                );
                // A refused formatting is said where the user looks, not only in a log.
                if let Some(error) = &response.error {
                    self.send(
                        Notification::new(
                            ShowMessage::METHOD.into(),
                            ShowMessageParams {
                                typ: MessageType::WARNING,
                                message: error.message.clone(),
                            },
                        )
                        .into(),
                    );
                    return Response::new_ok(id, serde_json::Value::Null);
                }
                response
            }
            DocumentSymbolRequest::METHOD => {
                self.answer(id, params, |s, _: lsp_types::DocumentSymbolParams| {
                    Ok(Some(requests::symbols(s)))
                })
            }
            CodeActionRequest::METHOD => {
                self.answer(id, params, |s, p: lsp_types::CodeActionParams| {
                    Ok(Some(requests::code_actions(s, &p)))
                })
            }
            _ => Response::new_err(
                id,
                ErrorCode::MethodNotFound as i32,
                french(&format!("ctgc ne sait pas répondre à « {method} »")),
            ),
        }
    }

    /// Answers a request about one document: its project analysed first if it changed.
    fn answer<P, R>(
        &mut self,
        id: RequestId,
        params: serde_json::Value,
        handle: impl FnOnce(&Snapshot, P) -> Result<Option<R>, Refusal>,
    ) -> Response
    where
        P: DeserializeOwned + Document,
        R: Serialize,
    {
        let Ok(params) = serde_json::from_value::<P>(params) else {
            return Response::new_err(
                id,
                ErrorCode::InvalidParams as i32,
                "paramètres de la demande invalides".into(),
            );
        };
        let uri = params.document().uri.clone();
        let published = self.workspace.refresh_for(&uri);
        self.publish(published);
        let Some(snapshot) = self.workspace.snapshot(&uri) else {
            // A document not open, or a project that cannot be read (said by a diagnostic).
            return Response::new_ok(id, serde_json::Value::Null);
        };
        match handle(&snapshot, params) {
            Ok(result) => Response::new_ok(id, result),
            Err(Refusal(message)) => {
                Response::new_err(id, ErrorCode::RequestFailed as i32, french(&message))
            }
        }
    }
}

fn params<P: DeserializeOwned>(value: serde_json::Value) -> Option<P> {
    serde_json::from_value(value).ok()
}

/// The parameters of a request about one document.
trait Document {
    fn document(&self) -> &TextDocumentIdentifier;
}

macro_rules! about_a_document {
    ($($t:ty => |$p:ident| $e:expr;)*) => {
        $(impl Document for $t {
            fn document(&self) -> &TextDocumentIdentifier {
                let $p = self;
                $e
            }
        })*
    };
}

about_a_document! {
    lsp_types::CompletionParams => |p| &p.text_document_position.text_document;
    lsp_types::HoverParams => |p| &p.text_document_position_params.text_document;
    lsp_types::GotoDefinitionParams => |p| &p.text_document_position_params.text_document;
    lsp_types::ReferenceParams => |p| &p.text_document_position.text_document;
    lsp_types::TextDocumentPositionParams => |p| &p.text_document;
    lsp_types::RenameParams => |p| &p.text_document_position.text_document;
    lsp_types::DocumentFormattingParams => |p| &p.text_document;
    lsp_types::DocumentSymbolParams => |p| &p.text_document;
    lsp_types::CodeActionParams => |p| &p.text_document;
}
