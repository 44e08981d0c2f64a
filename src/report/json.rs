//! The JSON document scripts depend on. Its shape is a contract: fields may be added, never
//! renamed or removed. `version` changes only for a breaking change.

use super::Report;
use crate::finding::Finding;
use serde::Serialize;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    findings: Vec<JsonFinding<'a>>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    table: Option<&'a str>,
    column: Option<&'a str>,
    location: JsonLocation<'a>,
    related: Vec<JsonRelated<'a>>,
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonLocation<'a> {
    path: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    path: &'a str,
    line: u32,
    column: u32,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonSummary {
    files_scanned: usize,
    tables: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    elapsed_ms: u128,
}

fn finding(f: &Finding) -> JsonFinding<'_> {
    JsonFinding {
        rule: f.rule,
        severity: f.severity.name(),
        message: &f.message,
        table: f.table.as_deref(),
        column: f.column.as_deref(),
        location: JsonLocation {
            path: &f.location.path,
            line: f.location.line,
            column: f.location.column,
            end_line: f.location.end_line,
            end_column: f.location.end_column,
        },
        related: f
            .related
            .iter()
            .map(|r| JsonRelated {
                path: &r.span.path,
                line: r.span.line,
                column: r.span.column,
                message: &r.message,
            })
            .collect(),
        help: f.help.as_deref(),
    }
}

pub fn render(report: &Report) -> String {
    let s = report.summary;
    let document = Document {
        version: 1,
        findings: report.findings.iter().map(finding).collect(),
        summary: JsonSummary {
            files_scanned: s.files_scanned,
            tables: s.tables,
            errors: s.errors,
            warnings: s.warnings,
            infos: s.infos,
            elapsed_ms: s.elapsed.as_millis(),
        },
    };
    let mut text = serde_json::to_string_pretty(&document).expect("the document serializes");
    text.push('\n');
    text
}
