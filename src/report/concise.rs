//! `path:line:col: severity[rule-id] message`, one line per finding (`db: table: …` for a place
//! in the database, which has no line), then the summary.

use super::Report;
use crate::source::printable;
use std::fmt::Write;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for finding in report.findings {
        let _ = writeln!(
            out,
            "{}: {}[{}] {}",
            printable(&finding.location.place()),
            finding.severity,
            finding.rule,
            printable(&finding.message)
        );
    }
    let _ = writeln!(out, "{}", report.summary.line());
    out
}
