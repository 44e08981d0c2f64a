//! Extractors: each reads one kind of source file into the unified model. An extractor knows
//! its parser and the model, and nothing of rules or reports.

pub mod sql;
