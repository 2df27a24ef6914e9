//! Limits that keep a mistaken or hostile input from exhausting the machine (`ctgc explain
//! depassee` lists them). A real convention is far below each: tens of fiches, a few hundred
//! kilobytes, one level of includes.

/// One file: a `.ctg`, `ctgc.yaml`, the article model, a template.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
/// All the files of a project together.
pub const MAX_PROJECT_BYTES: u64 = 64 * 1024 * 1024;
/// Files including files including files…
pub(crate) const MAX_INCLUDE_DEPTH: usize = 16;
pub const MAX_FILES: usize = 20_000;
pub const MAX_FICHES: usize = 20_000;
/// Years one funding line spans (`2023 .. 2026` is four). A longer line is an error, never
/// counted in part: the totals, the duplicate check and the diff all stop at this many years.
pub const MAX_RANGE_YEARS: usize = 100;
