//! What an editor asks about a convention, answered from the model's spans: where an identifier
//! is declared and named, what it names, what may be written at the cursor, the outline of a
//! file, the fixes the checker knows, and positions as editors count them. Plain Rust with no
//! protocol types, in every build: `ctgc lsp` (src/lsp/) speaks it to editors, and the
//! playground, built for the browser, uses it too.

mod complete;
mod context;
mod fixes;
mod hover;
mod lines;
mod navigate;
mod occurrences;
mod outline;

pub use complete::{Candidate, CandidateKind, Completion, complete};
pub use fixes::{Fix, fix};
pub use hover::{Hover, hover};
pub use lines::{LineIndex, Position, utf16_len};
pub use navigate::{Edit, RenameError, definitions, is_identifier, references, renamable, rename};
pub use occurrences::{Namespace, Occurrence, Role, at, occurrences};
pub use outline::{Symbol, SymbolKind, outline};

#[cfg(test)]
mod tests;
