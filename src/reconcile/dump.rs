//! `schema-dump-stale`: a checked-in dump compared with the schema its migrations build.

use super::diff::{ColumnAspect, Difference, diff, effective_default, null_word};
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
        let tool_table = match &difference {
            Difference::TableOnlyInRight(t) | Difference::TableOnlyInLeft(t) => {
                super::is_tool_table(&t.name.stored)
            }
            _ => false,
        };
        if tool_table {
            continue;
        }
        let found = match difference {
            Difference::TableOnlyInRight(table) => drift(
                table.origin.span.clone(),
                format!(
                    "it lacks table `{}`, which the migrations create",
                    table.name.stored
                ),
            )
            .table(&table.name.stored)
            .related(
                dump_head(dump),
                format!("{name} has no table `{}`", table.name.stored),
            ),
            Difference::TableOnlyInLeft(table) => drift(
                table.origin.span.clone(),
                format!(
                    "it has table `{}`, which the migrations never create (or drop)",
                    table.name.stored
                ),
            )
            .table(&table.name.stored)
            .related(
                last_migration(),
                format!(
                    "after the last migration there is no table `{}`",
                    table.name.stored
                ),
            ),
            Difference::ColumnOnlyInRight { left, column, .. } => drift(
                column.origin.span.clone(),
                format!(
                    "it lacks column `{}.{}`, which the migrations add",
                    left.name.stored, column.name.stored
                ),
            )
            .table(&left.name.stored)
            .column(&column.name.stored)
            .related(
                left.origin.span.clone(),
                format!("table `{}` in {name}", left.name.stored),
            ),
            Difference::ColumnOnlyInLeft {
                left,
                right,
                column,
            } => drift(
                column.origin.span.clone(),
                format!(
                    "it has column `{}.{}`, which the migrations never add (or drop, or rename)",
                    left.name.stored, column.name.stored
                ),
            )
            .table(&left.name.stored)
            .column(&column.name.stored)
            .related(
                right.origin.span.clone(),
                format!("table `{}` as the migrations build it", right.name.stored),
            ),
            Difference::TableRenamed { old, new } => drift(
                old.origin.span.clone(),
                format!(
                    "it still calls table `{}` by its old name `{}`",
                    new.name.stored, old.name.stored
                ),
            )
            .table(&new.name.stored)
            .related(
                new.origin.span.clone(),
                format!("renamed to `{}` here", new.name.stored),
            ),
            Difference::ColumnRenamed { left, old, new, .. } => drift(
                old.origin.span.clone(),
                format!(
                    "it still calls column `{}.{}` by its old name `{}`",
                    left.name.stored, new.name.stored, old.name.stored
                ),
            )
            .table(&left.name.stored)
            .column(&new.name.stored)
            .related(
                new.origin.span.clone(),
                format!("renamed to `{}` here", new.name.stored),
            ),
            Difference::Column {
                table,
                left,
                right,
                aspect,
            } => column_drift(table, left, right, aspect, &drift),
            Difference::EnumOnlyInRight(e) => drift(
                e.origin.span.clone(),
                format!(
                    "it lacks enum `{}`, which the migrations create",
                    e.name.stored
                ),
            )
            .related(
                dump_head(dump),
                format!("{name} has no type `{}`", e.name.stored),
            ),
            Difference::EnumOnlyInLeft(e) => drift(
                e.origin.span.clone(),
                format!(
                    "it has enum `{}`, which the migrations never create",
                    e.name.stored
                ),
            )
            .related(
                last_migration(),
                format!(
                    "after the last migration there is no type `{}`",
                    e.name.stored
                ),
            ),
            Difference::EnumValues { left, right } => drift(
                left.origin.span.clone(),
                format!(
                    "it declares enum `{}` as ({}), the migrations make it ({})",
                    left.name.stored,
                    left.values.join(", "),
                    right.values.join(", ")
                ),
            )
            .related(
                right.origin.span.clone(),
                format!("enum `{}` as the migrations build it", right.name.stored),
            ),
            Difference::IndexOnlyInRight { table, index } => drift(
                index.origin.span.clone(),
                format!(
                    "it lacks index `{}` on `{}`, which the migrations create",
                    index.name.as_deref().unwrap_or("(unnamed)"),
                    table.name.stored
                ),
            )
            .table(&table.name.stored)
            .related(
                dump_table_or_head(dump, table),
                format!("table `{}` in {name}", table.name.stored),
            ),
            Difference::IndexOnlyInLeft { table, index } => drift(
                index.origin.span.clone(),
                format!(
                    "it has index `{}` on `{}`, which the migrations never create",
                    index.name.as_deref().unwrap_or("(unnamed)"),
                    table.name.stored
                ),
            )
            .table(&table.name.stored)
            .related(last_migration(), "the migrations end here without it"),
            Difference::ForeignKeyOnlyInRight { table, key } => drift(
                key.origin.span.clone(),
                format!(
                    "it lacks foreign key `{}({})` → `{}`, which the migrations add",
                    table.name.stored,
                    key.columns.join(", "),
                    key.references
                ),
            )
            .table(&table.name.stored)
            .related(
                dump_table_or_head(dump, table),
                format!("table `{}` in {name}", table.name.stored),
            ),
            Difference::ForeignKeyOnlyInLeft { table, key } => drift(
                key.origin.span.clone(),
                format!(
                    "it has foreign key `{}({})` → `{}`, which the migrations never add",
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
    table: &Table,
    dumped: &Column,
    migrated: &Column,
    aspect: ColumnAspect,
    drift: &dyn Fn(Span, String) -> Drift,
) -> Drift {
    let column = format!("{}.{}", table.name.stored, dumped.name.stored);
    let detail = match aspect {
        ColumnAspect::Type => format!(
            "it declares `{column}` as {}, the migrations make it {}",
            dumped.ty, migrated.ty
        ),
        ColumnAspect::Nullability => format!(
            "it declares `{column}` {}, the migrations make it {}",
            null_word(dumped),
            null_word(migrated)
        ),
        ColumnAspect::Default => format!(
            "it declares `{column}` with default {}, the migrations make it {}",
            default_word(dumped),
            default_word(migrated)
        ),
        ColumnAspect::Identity => format!(
            "it declares `{column}` {}, the migrations make it {}",
            identity_word(dumped),
            identity_word(migrated)
        ),
    };
    drift(dumped.origin.span.clone(), detail)
        .table(&table.name.stored)
        .column(&dumped.name.stored)
        .related(
            migrated.origin.span.clone(),
            format!("`{column}` as the migrations leave it"),
        )
}

fn default_word(c: &Column) -> String {
    effective_default(c).unwrap_or_else(|| "none".to_string())
}

fn identity_word(c: &Column) -> &'static str {
    if c.identity.is_some() {
        "auto-generated"
    } else {
        "not auto-generated"
    }
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
