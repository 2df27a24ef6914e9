//! ctgc: a compiler for French Conventions Territoriales Globales (CTG). The README is the
//! language reference. The modules below are listed in the order a convention goes through
//! them: read through a world, decoded, parsed, lowered to a model, resolved, checked — the front
//! end, [`compile::analyse`] — then computed, rendered, exported, formatted or compared.
//!
//! The default build (feature `cli`) adds what needs the operating system: the disk world and
//! reading ahead on threads, [`build`] (typst run by [`typeset`], files written by `output`)
//! and the command line ([`cli`]). Without it, the library builds for `wasm32-unknown-unknown`.
//!
//! Before touching the code, read the house tour, `docs/architecture.md`: every module in
//! pipeline order, what it owns, what it must not do and where its tests are.

// Items are `pub(crate)` unless the tests, benches, fuzzers, examples or a front end (the wasm
// build) use them; a `pub` item that no one outside can reach is a warning.
#![warn(unreachable_pub)]

// pest_derive without its "std" feature names `alloc` (see Cargo.toml).
extern crate alloc;

/// Where files are read: one trait, the disk or files held in memory.
pub mod world;

/// A project in a world: its directory, `ctgc.yaml`, its main file.
pub(crate) mod project;

/// The Caf's model directory that `ctgc.yaml` names: articles, annexes plan, house style.
pub(crate) mod caf_model;

/// What a project may hold: sizes, depth of includes, number of files and fiches.
pub mod limits;

/// A file's bytes decoded (UTF-8, control characters), with spans and positions.
pub mod source;

/// The pest parse: statements `keyword arguments { block }`.
pub mod syntax;

/// Keywords compared without accents nor case.
pub mod keyword;

/// Dates as written in French.
pub mod date;

/// Amounts in euros as written in French.
pub mod money;

/// The typed convention: parties, axes, fiches, financements…
pub mod model;

/// Statements → model, each keyword and argument checked where it is written.
pub mod lower;

/// References by id tied to what they name.
pub(crate) mod resolve;

/// Signatories' logos: where they may be, what they may be.
pub(crate) mod logos;

/// Which characters the PDF's fonts print.
pub mod glyphs;

/// The rules that need the whole model, or the project's other files.
pub(crate) mod check;

/// Avenants applied: the convention consolidated from the model as signed.
pub mod avenant;

/// The front end above as one call on any world: [`compile::analyse`].
pub mod compile;

/// Every rule: code, severity, summary, help, documentation (`ctgc explain`).
pub mod rules;

/// What a rule found, in French; rendered by miette or as JSON.
pub mod diagnostic;

/// « vouliez-vous dire … ? »
pub(crate) mod suggestion;

/// Every total of the documents, computed once.
pub mod totals;

/// The bilans' figures: series, statuts by year, réalisé against prévu.
pub(crate) mod bilan;

/// The articles of the convention: the model's, overridden and completed.
pub(crate) mod articles;

/// Citations in texts: `{{ article duree }}`, `{{ debut }}`.
pub(crate) mod citation;

/// The built-in templates, and a project's own.
pub(crate) mod templates;

/// The view shared by the documents, written as Typst or HTML.
pub mod render;

/// The resolved model as JSON or YAML.
pub mod export;

/// `ctgc fmt`: the canonical layout of a `.ctg` file.
pub mod format;

/// What changed between two conventions.
pub mod diff;

/// French spacing, counts and sizes.
pub mod typography;

/// What an editor asks: definitions, references, hover, completion, outline, fixes.
pub mod query;

/// The documents of a checked convention, written atomically.
#[cfg(feature = "cli")]
pub mod build;

/// Running typst.
#[cfg(feature = "cli")]
pub mod typeset;

/// Writing outputs.
#[cfg(feature = "cli")]
pub(crate) mod output;

/// Conventions of any size, for benchmarks and tests.
#[cfg(feature = "cli")]
pub mod synthetic;

/// The command line.
#[cfg(feature = "cli")]
pub mod cli;

/// `ctgc watch`: rebuilds at every save, serves a live page.
#[cfg(feature = "cli")]
pub(crate) mod watch;

/// `ctgc lsp`: the language server, on the query layer.
#[cfg(feature = "cli")]
pub mod lsp;

#[cfg(feature = "cli")]
pub(crate) use world::io_message;
