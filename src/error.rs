//! Errors that stop a run (exit code 2). Findings are not errors: they are the product.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read `{path}`: {reason}")]
    Path { path: PathBuf, reason: String },
    #[error("invalid configuration in `{path}`: {reason}")]
    Config { path: PathBuf, reason: String },
    #[error("cannot write `{path}`: {reason}")]
    Output { path: PathBuf, reason: String },
    #[error("unknown rule `{0}`{1}; `schemadrift rules` lists them")]
    UnknownRule(String, String),
    #[error("{0}")]
    Usage(String),
    /// A database could not be reached or read; the message never contains a password.
    #[error("{0}")]
    Database(String),
}
