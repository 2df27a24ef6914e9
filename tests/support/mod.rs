//! What several test targets share. Each target includes it with `mod support;` and uses the
//! parts it needs.

#![allow(dead_code)]

pub mod planted;
