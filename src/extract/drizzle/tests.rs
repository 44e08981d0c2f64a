//! Unit tests of the Drizzle extractor: one construct each, on in-memory files.

use super::*;
use crate::model::{Column, ColumnType, Identity};

fn run(files: &[(&str, &str)]) -> DrizzleExtract {
    let files: Vec<SourceFile> = files
        .iter()
        .map(|(path, text)| SourceFile::in_memory(path, text))
        .collect();
    extract(&files)
}

fn model(files: &[(&str, &str)]) -> CodeModel {
    let mut out = run(files);
    assert!(
        out.problems.is_empty(),
        "parse problems: {:?}",
        out.problems
    );
    assert_eq!(out.models.len(), 1, "one model expected");
    out.models.remove(0)
}

fn table<'m>(model: &'m CodeModel, name: &str) -> &'m Table {
    model
        .schema
        .tables
        .values()
        .find(|t| t.name.stored == name)
        .unwrap_or_else(|| panic!("no table {name}: {:?}", model.schema.tables.keys()))
}

fn column<'m>(table: &'m Table, name: &str) -> &'m Column {
    table
        .columns
        .iter()
        .find(|c| c.name.stored == name)
        .unwrap_or_else(|| {
            let names: Vec<_> = table.columns.iter().map(|c| &c.name.stored).collect();
            panic!("no column {name} in {}: {names:?}", table.name.stored)
        })
}

fn notes(model: &CodeModel, kind: NoteKind) -> Vec<&ExtractNote> {
    model.notes.iter().filter(|n| n.kind == kind).collect()
}

const PG: &str = r#"import { pgTable, pgEnum, uuid, text, varchar, integer, timestamp, boolean, jsonb, serial, index, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
"#;

#[test]
fn debug_dump() {
    let source = format!(
        "{PG}{}",
        r#"
export const status = pgEnum("request_status", ["draft", "submitted", "failed"]);
export const users = pgTable("users", {
  id: uuid().defaultRandom().primaryKey(),
  email: varchar({ length: 255 }).notNull().unique(),
  status: status("status").default("draft"),
  createdAt: timestamp("created_at", { withTimezone: true }).defaultNow(),
}, (t) => [index("users_email_idx").on(t.email)]);
"#
    );
    let m = model(&[("src/db/schema.ts", &source)]);
    println!("{}", serde_json::to_string_pretty(&m.schema).unwrap());
    for n in &m.notes {
        println!("{:?} {} {}", n.kind, n.span.location(), n.message);
    }
    let _ = (ColumnType::Text, Identity::Serial);
}
