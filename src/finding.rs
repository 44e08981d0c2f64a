//! The one structured value every renderer reads. Renderers never parse each other's text.

use crate::source::Span;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A place in another file (or another source) that explains a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub span: Span,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    /// What is wrong, with the actual names and types.
    pub message: String,
    /// The database table involved, when there is one.
    pub table: Option<String>,
    pub column: Option<String>,
    pub location: Span,
    pub related: Vec<Related>,
    /// What to do about it.
    pub help: Option<String>,
}

impl Finding {
    /// The order findings are reported in: by file, then position, then rule.
    pub fn sort_key(&self) -> (&str, u32, u32, &str) {
        (
            &self.location.path,
            self.location.line,
            self.location.column,
            self.rule,
        )
    }
}
