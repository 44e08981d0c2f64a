//! `schema-dump-stale`: a checked-in dump compared with the schema its migrations build.

use super::diff::{ColumnAspect, Difference, diff, effective_default};
use super::{Drift, DriftKind};
use crate::model::{Column, Schema, Table};
use crate::source::Span;

/// States every way `dump` differs from `migrated`, the schema the migrations build.
pub fn stale_dump(dump: &Schema, migrated: &Schema) -> Vec<Drift> {
    let name = &dump.label;
    let history = &migrated.label;
    let drift = |primary: Span, detail: String| {
        Drift::new(DriftKind::SchemaDumpStale, primary)
            .with("dump", name.clone())
            .with("migrations", history.clone())
            .with("detail", detail)
    };
    let last_migration = || {
        migrated
            .files
            .last()
            .map(|path| Span::file_start(path))
            .unwrap_or_else(|| Span::external(history))
    };
    let mut out = Vec::new();
    for difference in diff(dump, migrated) {
        let found = match difference {
            Difference::TableOnlyInRight(table) => drift(
                table.origin.span.clone(),
                format!("the migrations create table `{}` but {name} does not have it", table.name.stored),
            )
            .table(&table.name.stored)
            .related(dump_head(dump), format!("{name} has no table `{}`", table.name.stored)),
            Difference::TableOnlyInLeft(table) => drift(
                table.origin.span.clone(),
                format!("{name} has table `{}` but the migrations do not create it (or drop it)", table.name.stored),
            )
            .table(&table.name.stored)
            .related(last_migration(), format!("after the last migration there is no table `{}`", table.name.stored)),
            Difference::ColumnOnlyInRight { left, column, .. } => drift(
                column.origin.span.clone(),
                format!(
                    "the migrations add column `{}.{}` but {name} does not have it",
                    left.name.stored, column.name.stored
                ),
            )
            .table(&left.name.stored)
            .column(&column.name.stored)
            .related(left.origin.span.clone(), format!("table `{}` in {name}", left.name.stored)),
            Difference::ColumnOnlyInLeft { left, right, column } => drift(
                column.origin.span.clone(),
                format!(
                    "{name} has column `{}.{}` but the migrations do not (it was never added, or was dropped or renamed)",
                    left.name.stored, column.name.stored
                ),
            )
            .table(&left.name.stored)
            .column(&column.name.stored)
            .related(right.origin.span.clone(), format!("table `{}` as the migrations build it", right.name.stored)),
            Difference::Column { table, left, right, aspect } => column_drift(name, table, left, right, aspect, &drift),
            Difference::EnumOnlyInRight(e) => drift(
                e.origin.span.clone(),
                format!("the migrations create enum `{}` but {name} does not have it", e.name.stored),
            )
            .related(dump_head(dump), format!("{name} has no type `{}`", e.name.stored)),
            Difference::EnumOnlyInLeft(e) => drift(
                e.origin.span.clone(),
                format!("{name} has enum `{}` but the migrations do not create it", e.name.stored),
            )
            .related(last_migration(), format!("after the last migration there is no type `{}`", e.name.stored)),
            Difference::EnumValues { left, right } => drift(
                left.origin.span.clone(),
                format!(
                    "enum `{}` is ({}) in {name} but ({}) after the migrations",
                    left.name.stored,
                    left.values.join(", "),
                    right.values.join(", ")
                ),
            )
            .related(right.origin.span.clone(), format!("enum `{}` as the migrations build it", right.name.stored)),
            Difference::IndexOnlyInRight { table, index } => drift(
                index.origin.span.clone(),
                format!(
                    "the migrations create index `{}` on `{}` but {name} does not have it",
                    index.name.as_deref().unwrap_or("(unnamed)"),
                    table.name.stored
                ),
            )
            .table(&table.name.stored)
            .related(dump_table_or_head(dump, table), format!("table `{}` in {name}", table.name.stored)),
            Difference::IndexOnlyInLeft { table, index } => drift(
                index.origin.span.clone(),
                format!(
                    "{name} has index `{}` on `{}` but the migrations do not create it",
                    index.name.as_deref().unwrap_or("(unnamed)"),
                    table.name.stored
                ),
            )
            .table(&table.name.stored)
            .related(last_migration(), "the migrations end here without it"),
            Difference::ForeignKeyOnlyInRight { table, key } => drift(
                key.origin.span.clone(),
                format!(
                    "the migrations add foreign key `{}({})` → `{}` but {name} does not have it",
                    table.name.stored,
                    key.columns.join(", "),
                    key.references
                ),
            )
            .table(&table.name.stored)
            .related(dump_table_or_head(dump, table), format!("table `{}` in {name}", table.name.stored)),
            Difference::ForeignKeyOnlyInLeft { table, key } => drift(
                key.origin.span.clone(),
                format!(
                    "{name} has foreign key `{}({})` → `{}` but the migrations do not add it",
                    table.name.stored,
                    key.columns.join(", "),
                    key.references
                ),
            )
            .table(&table.name.stored)
            .related(last_migration(), "the migrations end here without it"),
        };
        out.push(found);
    }
    out
}

fn column_drift(
    name: &str,
    table: &Table,
    dumped: &Column,
    migrated: &Column,
    aspect: ColumnAspect,
    drift: &dyn Fn(Span, String) -> Drift,
) -> Drift {
    let column = format!("{}.{}", table.name.stored, dumped.name.stored);
    let detail = match aspect {
        ColumnAspect::Type => format!(
            "column `{column}` is {} in {name} but {} after the migrations",
            dumped.ty, migrated.ty
        ),
        ColumnAspect::Nullability => format!(
            "column `{column}` is {} in {name} but {} after the migrations",
            null_word(dumped),
            null_word(migrated)
        ),
        ColumnAspect::Default => format!(
            "column `{column}` defaults to {} in {name} but to {} after the migrations",
            default_word(dumped),
            default_word(migrated)
        ),
        ColumnAspect::Identity => format!(
            "column `{column}` is {} in {name} but {} after the migrations",
            identity_word(dumped),
            identity_word(migrated)
        ),
    };
    drift(dumped.origin.span.clone(), detail)
        .table(&table.name.stored)
        .column(&dumped.name.stored)
        .related(migrated.origin.span.clone(), format!("`{column}` as the migrations leave it"))
}

fn null_word(c: &Column) -> &'static str {
    if c.nullable { "nullable" } else { "NOT NULL" }
}

fn default_word(c: &Column) -> String {
    effective_default(c).unwrap_or_else(|| "nothing".to_string())
}

fn identity_word(c: &Column) -> &'static str {
    if c.identity.is_some() { "auto-generated" } else { "not auto-generated" }
}

fn dump_head(dump: &Schema) -> Span {
    match dump.files.first() {
        Some(path) => Span::file_start(path),
        None => Span::external(&dump.label),
    }
}

fn dump_table_or_head(dump: &Schema, table: &Table) -> Span {
    dump.table(&table.qualified_name())
        .map(|t| t.origin.span.clone())
        .unwrap_or_else(|| dump_head(dump))
}
