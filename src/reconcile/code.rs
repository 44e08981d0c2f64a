//! Code models compared with the reference schema (a live database, the migrations replay, or a
//! dump): every disagreement becomes a drift fact whose primary span is the code line and whose
//! related span is the reference's line.

use super::diff::{effective_default, null_word, same_columns};
use super::pairing::{Match, pair_columns, pair_tables};
use super::{Drift, DriftKind};
use crate::model::defaults::normalize_default;
use crate::model::{Column, ColumnType, Dialect, ForeignKey, Index, Schema, Table};
use crate::source::Span;
use std::collections::{HashMap, HashSet};

/// The schema that stands for the database, and how messages name it.
#[derive(Clone)]
pub struct Reference<'a> {
    pub schema: &'a Schema,
    /// `the migrations in migrations/`, `schema.sql`, `the database`.
    pub description: String,
    /// Whether it holds every table the database has: false for a migration history that
    /// starts from a schema it does not create (`migration-history-incomplete`), whose missing
    /// tables are unknown rather than absent.
    pub complete: bool,
}

/// What one code model's comparison with the reference found, beyond its drifts.
#[derive(Default)]
pub struct Coverage {
    /// Reference tables some code table paired with (by stored name).
    pub paired_reference_tables: HashSet<String>,
    /// Code tables that paired, by stored name: the reference table's name and where it is.
    pub paired_code_tables: HashMap<String, (String, Span)>,
}

/// How messages name a code-side source: `the SQLAlchemy models`, `the Drizzle schema`.
fn source_name(schema: &Schema) -> String {
    match schema.kind {
        crate::model::SourceKind::Sqlalchemy => "the SQLAlchemy models".into(),
        crate::model::SourceKind::Sqlmodel => "the SQLModel models".into(),
        crate::model::SourceKind::Drizzle => "the Drizzle schema".into(),
        crate::model::SourceKind::Migrations => format!("the migrations in {}", schema.label),
        crate::model::SourceKind::Sql => schema.label.clone(),
        crate::model::SourceKind::Database => "the database".into(),
    }
}

/// Whether the reference's own foreign keys point at `table` though it never creates it: the
/// table exists outside the history (Supabase's `auth.users`, a table another service owns),
/// and the code declares it to reference it.
fn referenced_from(reference: &Schema, table: &Table) -> bool {
    let name = table.qualified_name();
    reference.tables.values().any(|t| {
        t.foreign_keys
            .iter()
            .any(|k| k.references.same_as(&name, reference.dialect))
    })
}

/// Where in the reference an element lives, for a related span.
fn at(span: &Span) -> Span {
    span.clone()
}

pub fn compare(
    code: &Schema,
    reference: &Reference,
    ignored: &dyn Fn(&str) -> bool,
    out: &mut Vec<Drift>,
) -> Coverage {
    let db = reference.schema;
    let dialect = db.dialect;
    let db_name = reference.description.as_str();
    // Drifts of this comparison start here; `out` holds other comparisons' too.
    let first = out.len();
    let code_name = source_name(code);
    let code_name = code_name.as_str();
    let mut coverage = Coverage::default();
    let tables = pair_tables(code, db);

    for table in &tables.only_left {
        if ignored(&table.name.stored)
            || !reference.complete
            || table.external
            || referenced_from(db, table)
        {
            continue;
        }
        out.push(
            Drift::new(
                DriftKind::TableMissingFromDatabase,
                table.origin.span.clone(),
            )
            .table(&table.name.stored)
            .with("code_source", code_name)
            .with("db_source", db_name),
        );
    }

    for (code_table, db_table, how) in &tables.pairs {
        coverage
            .paired_reference_tables
            .insert(db_table.name.stored.clone());
        coverage.paired_code_tables.insert(
            code_table.name.stored.clone(),
            (db_table.name.stored.clone(), db_table.origin.span.clone()),
        );
        let table = &db_table.name.stored;
        match how {
            Match::Exact => {}
            Match::Case | Match::Plural => {
                let kind = if *how == Match::Plural {
                    DriftKind::TableNamePluralMismatch
                } else {
                    DriftKind::TableNameCaseMismatch
                };
                out.push(
                    Drift::new(kind, code_table.origin.span.clone())
                        .table(table)
                        .with("code_name", &code_table.name.stored)
                        .with("db_name", table)
                        .with("code_source", code_name)
                        .with("db_source", db_name)
                        .related(at(&db_table.origin.span), format!("`{table}` in {db_name}")),
                );
            }
        }
        compare_table(code_table, db_table, code_name, db_name, dialect, out);
    }

    for e in code.enums.values() {
        let Some(db_enum) = db.enum_type(&crate::model::QualifiedName::new(
            e.schema.clone(),
            e.name.stored.clone(),
        )) else {
            enum_never_created(e, &tables.pairs, code_name, db_name, out, first);
            continue;
        };
        if db_enum.values != e.values {
            out.push(
                Drift::new(DriftKind::EnumValuesMismatch, e.origin.span.clone())
                    .with("enum", &e.name.stored)
                    .with("code_values", e.values.join(", "))
                    .with("db_values", db_enum.values.join(", "))
                    .with("code_source", code_name)
                    .with("db_source", db_name)
                    .related(
                        at(&db_enum.origin.span),
                        format!("enum `{}` in {db_name}", db_enum.name.stored),
                    ),
            );
        }
    }
    coverage
}

/// A code enum the reference never creates while its columns there have a type of that name:
/// one finding at the enum, with the columns as related spans, instead of one type mismatch
/// per column.
fn enum_never_created(
    e: &crate::model::EnumType,
    pairs: &[(&Table, &Table, Match)],
    code_name: &str,
    db_name: &str,
    out: &mut Vec<Drift>,
    first: usize,
) {
    fn spelled(ty: &ColumnType) -> Option<&str> {
        match ty {
            ColumnType::Other(written) | ColumnType::Enum(written) => Some(written),
            ColumnType::Array(inner) => spelled(inner),
            _ => None,
        }
    }
    let names_enum = |ty: &ColumnType| {
        spelled(ty).is_some_and(|written| {
            let bare = written
                .rsplit('.')
                .next()
                .unwrap_or(written)
                .trim_matches('"');
            bare.eq_ignore_ascii_case(&e.name.stored)
        })
    };
    let mut affected: Vec<(String, String, Span)> = Vec::new();
    for (_, db_table, _) in pairs {
        for column in &db_table.columns {
            if names_enum(&column.ty) {
                affected.push((
                    db_table.name.stored.clone(),
                    column.name.stored.clone(),
                    column.origin.span.clone(),
                ));
            }
        }
    }
    if affected.is_empty() {
        return;
    }
    let mine = out.split_off(first);
    out.extend(mine.into_iter().filter(|d| {
        !(d.kind == DriftKind::ColumnTypeMismatch
            && affected.iter().any(|(t, c, _)| {
                d.table.as_deref() == Some(t.as_str()) && d.column.as_deref() == Some(c.as_str())
            }))
    }));
    let columns: Vec<String> = affected
        .iter()
        .map(|(t, c, _)| format!("`{t}.{c}`"))
        .collect();
    let mut drift = Drift::new(DriftKind::EnumMissingFromDatabase, e.origin.span.clone())
        .with("enum", &e.name.stored)
        .with("columns", columns.join(", "))
        .with("count", affected.len().to_string())
        .with("code_source", code_name)
        .with("db_source", db_name);
    for (table, column, span) in affected {
        drift = drift.related(
            at(&span),
            format!(
                "`{table}.{column}` has type `{}` in {db_name}",
                e.name.stored
            ),
        );
    }
    out.push(drift);
}

fn compare_table(
    code_table: &Table,
    db_table: &Table,
    code_name: &str,
    db_name: &str,
    dialect: Dialect,
    out: &mut Vec<Drift>,
) {
    let table = &db_table.name.stored;
    let columns = pair_columns(dialect, code_table, db_table);
    for column in &columns.only_left {
        out.push(
            Drift::new(
                DriftKind::ColumnMissingFromDatabase,
                column.origin.span.clone(),
            )
            .table(table)
            .column(&column.name.stored)
            .with("code_source", code_name)
            .with("db_source", db_name)
            .related(
                at(&db_table.origin.span),
                format!("table `{table}` in {db_name}"),
            ),
        );
    }
    // A model that inherits from a class this scan cannot read may have these from it.
    let knows_all = code_table.unread_base.is_none();
    for column in columns.only_right.iter().filter(|_| knows_all) {
        out.push(
            Drift::new(
                DriftKind::ColumnMissingFromModels,
                code_table.origin.span.clone(),
            )
            .table(table)
            .column(&column.name.stored)
            .with("db_type", column.ty.to_string())
            .with("code_source", code_name)
            .with("db_source", db_name)
            .related(
                at(&column.origin.span),
                format!("`{table}.{}` in {db_name}", column.name.stored),
            ),
        );
    }
    for (code_column, db_column, how) in &columns.pairs {
        let column = &db_column.name.stored;
        let drift = |kind: DriftKind| {
            Drift::new(kind, code_column.origin.span.clone())
                .table(table)
                .column(column)
                .with("code_source", code_name)
                .with("db_source", db_name)
                .related(
                    at(&db_column.origin.span),
                    format!("`{table}.{column}` in {db_name}"),
                )
        };
        if *how == Match::Case {
            out.push(
                drift(DriftKind::ColumnNameCaseMismatch)
                    .with("code_name", &code_column.name.stored)
                    .with("db_name", column),
            );
        }
        let unknown_type = code_column.unknown.ty || db_column.unknown.ty;
        if !unknown_type && types_differ(&code_column.ty, &db_column.ty) {
            let stored_alike = stored_alike(dialect, &code_column.ty, &db_column.ty);
            let wider = database_wider(&code_column.ty, &db_column.ty);
            // A non-native enum's VARCHAR length is the longest name, computed by the ORM, not
            // written: a wider column is no difference anyone chose.
            let implied_length = wider
                && matches!(code_column.ty, ColumnType::Varchar(Some(_)))
                && code_column.type_written.contains("Enum(");
            out.push(
                drift(DriftKind::ColumnTypeMismatch)
                    .with("code_type", code_column.ty.to_string())
                    .with("db_type", db_column.ty.to_string())
                    .with(
                        "consequence",
                        match (stored_alike, wider) {
                            (Some(why), _) => why.to_string(),
                            (None, true) => "the database holds everything the model writes, so nothing fails, but the two disagree".to_string(),
                            (None, false) => type_consequence(&code_column.ty, &db_column.ty),
                        },
                    )
                    .guessed(stored_alike.is_some() || implied_length)
                    .harmless(wider),
            );
        }
        if code_column.nullable != db_column.nullable {
            out.push(
                drift(DriftKind::ColumnNullabilityMismatch)
                    .with("code_null", null_word(code_column))
                    .with("db_null", null_word(db_column)),
            );
        }
        let (code_default, db_default) =
            (effective_default(code_column), effective_default(db_column));
        let generated = code_column.identity.is_some() || db_column.identity.is_some();
        let unknown_default = code_column.unknown.default || db_column.unknown.default;
        if code_default != db_default && !generated && !unknown_default {
            // `default="created"` in the model and `DEFAULT 'created'` in the database store
            // the same value: the model only sets it client-side.
            let client = code_default
                .is_none()
                .then(|| code_column.client_default.as_deref())
                .flatten()
                .and_then(|sql| match normalize_default(sql, &code_column.ty) {
                    crate::model::defaults::DefaultKind::Value(v) => Some(v.expression),
                    _ => None,
                });
            let same_value = client.is_some() && client == db_default;
            // The ORM inserts a value of its own that cannot be read: it may be the same.
            let client_unknown = code_default.is_none() && code_column.unknown.client_default;
            let shown = match (&client, code_default) {
                (Some(value), _) => format!("{value} (set client-side)"),
                (None, Some(value)) => value,
                (None, None) if client_unknown => "an unread value (set client-side)".into(),
                (None, None) => "none".into(),
            };
            out.push(
                drift(DriftKind::ColumnDefaultMismatch)
                    .with("code_default", shown)
                    .with("db_default", db_default.unwrap_or_else(|| "none".into()))
                    .guessed(same_value || client_unknown),
            );
        }
    }

    let column_in_db = |code_column: &str| -> String {
        columns
            .pairs
            .iter()
            .find(|(c, _, _)| dialect.same_identifier(&c.name.stored, code_column))
            .map(|(_, d, _)| d.name.stored.clone())
            .unwrap_or_else(|| code_column.to_string())
    };

    for index in &code_table.indexes {
        let wanted: Vec<String> = index.columns.iter().map(|c| column_in_db(c)).collect();
        if !has_index(dialect, db_table, index, &wanted) {
            out.push(
                Drift::new(
                    DriftKind::IndexMissingFromDatabase,
                    index.origin.span.clone(),
                )
                .table(table)
                .with("index", index_label(index, &wanted))
                .with("index_name", index.name.clone().unwrap_or_default())
                .with("index_columns", wanted.join(", "))
                .with("code_source", code_name)
                .with("db_source", db_name)
                .related(
                    at(&db_table.origin.span),
                    format!("table `{table}` in {db_name}"),
                ),
            );
        }
    }
    for index in &db_table.indexes {
        let unique_in_code = || {
            index.unique
                && index.predicate.is_none()
                && code_table
                    .unique_constraints
                    .iter()
                    .map(|u| &u.columns)
                    .chain(code_table.primary_key.iter().map(|pk| &pk.columns))
                    .any(|cols| {
                        let mapped: Vec<String> = cols.iter().map(|c| column_in_db(c)).collect();
                        same_columns(dialect, &mapped, &index.columns)
                    })
        };
        let in_code = code_table.indexes.iter().any(|ci| {
            let mapped: Vec<String> = ci.columns.iter().map(|c| column_in_db(c)).collect();
            same_index(dialect, ci, &mapped, index)
        }) || unique_in_code()
            // MySQL made it for a foreign key the database holds (the models' own key is
            // compared on its own).
            || db_table.implies_index(index, dialect);
        if !in_code && knows_all {
            out.push(
                Drift::new(
                    DriftKind::IndexMissingFromModels,
                    code_table.origin.span.clone(),
                )
                .table(table)
                .with("index", index_label(index, &index.columns))
                .with("index_name", index.name.clone().unwrap_or_default())
                .with("index_columns", index.columns.join(", "))
                .with("code_source", code_name)
                .with("db_source", db_name)
                .related(at(&index.origin.span), format!("index in {db_name}")),
            );
        }
    }

    for key in &code_table.foreign_keys {
        let wanted: Vec<String> = key.columns.iter().map(|c| column_in_db(c)).collect();
        if !db_table
            .foreign_keys
            .iter()
            .any(|k| same_foreign_key(dialect, key, &wanted, k))
        {
            out.push(
                Drift::new(
                    DriftKind::ForeignKeyMissingFromDatabase,
                    key.origin.span.clone(),
                )
                .table(table)
                .column(wanted.join(", "))
                .with("target", key.references.to_string())
                .with("code_source", code_name)
                .with("db_source", db_name)
                .related(
                    at(&db_table.origin.span),
                    format!("table `{table}` in {db_name}"),
                ),
            );
        }
    }
    for key in &db_table.foreign_keys {
        let in_code = code_table.foreign_keys.iter().any(|ck| {
            let mapped: Vec<String> = ck.columns.iter().map(|c| column_in_db(c)).collect();
            same_foreign_key(dialect, ck, &mapped, key)
        });
        if !in_code && knows_all {
            let code_column = columns
                .pairs
                .iter()
                .find(|(_, d, _)| {
                    key.columns
                        .first()
                        .is_some_and(|k| dialect.same_identifier(k, &d.name.stored))
                })
                .map(|(c, _, _)| c.origin.span.clone())
                .unwrap_or_else(|| code_table.origin.span.clone());
            out.push(
                Drift::new(DriftKind::ForeignKeyMissingFromModels, code_column)
                    .table(table)
                    .column(key.columns.join(", "))
                    .with("target", key.references.to_string())
                    .with("code_source", code_name)
                    .with("db_source", db_name)
                    .related(at(&key.origin.span), format!("foreign key in {db_name}")),
            );
        }
    }
}

/// A type the code side could not read (`Other`) is not compared: the extractor reported it.
fn types_differ(code: &ColumnType, db: &ColumnType) -> bool {
    if code == db {
        return false;
    }
    !matches!(code, ColumnType::Other(_))
}

/// When the database stores and checks both types alike, why: the difference is then only in
/// how the schema is written (info).
fn stored_alike(dialect: Dialect, code: &ColumnType, db: &ColumnType) -> Option<&'static str> {
    use ColumnType::*;
    let textual = |t: &ColumnType| matches!(t, Text | Varchar(_) | Char(_));
    match dialect {
        // SQLite gives every character type TEXT affinity and enforces no declared length.
        Dialect::Sqlite if textual(code) && textual(db) => {
            Some("SQLite stores both as TEXT and enforces no declared length")
        }
        Dialect::Postgres => match (code, db) {
            (Text, Varchar(None)) | (Varchar(None), Text) => {
                Some("Postgres stores and checks both alike (varchar without a length is text)")
            }
            _ => None,
        },
        _ => None,
    }
}

/// Why a type difference matters, for the message: the seeds' costliest case called out by name.
/// Whether the database's type holds every value of the model's and more: a longer (or
/// unbounded) string, a wider integer. Writes never fail then.
fn database_wider(code: &ColumnType, db: &ColumnType) -> bool {
    use ColumnType::*;
    let rank = |t: &ColumnType| match t {
        SmallInt => Some(1),
        Integer => Some(2),
        BigInt => Some(3),
        _ => None,
    };
    match (code, db) {
        (Varchar(Some(a)), Varchar(Some(b))) => b > a,
        (Varchar(Some(_)), Varchar(None) | Text) => true,
        // An enum in the model over a text column: the names are stored as text (a native
        // enum's names are short; the type's values are not at hand here).
        (Enum(_), Varchar(_) | Text) | (InlineEnum(_), Varchar(None) | Text) => true,
        (InlineEnum(values), Varchar(Some(n))) => {
            values.iter().all(|v| v.chars().count() <= *n as usize)
        }
        (a, b) => rank(a).zip(rank(b)).is_some_and(|(a, b)| b > a),
    }
}

fn type_consequence(code: &ColumnType, db: &ColumnType) -> String {
    use ColumnType::*;
    match (code, db) {
        (Uuid, t) | (t, Uuid) if t.is_integer() => {
            "a UUID value cannot be stored in or compared with an integer column".into()
        }
        (Varchar(Some(a)), Varchar(Some(b))) if a > b => {
            format!("values longer than {b} characters are rejected by the database")
        }
        (Varchar(None) | Text, Varchar(Some(b))) => {
            format!(
                "the model bounds no length, but values longer than {b} characters are rejected by the database"
            )
        }
        (a, b) if a.is_integer() && b.is_integer() => {
            "values outside the smaller range overflow".into()
        }
        (Timestamp { .. }, Timestamp { .. }) => "time zones are lost or applied twice".into(),
        _ => "reads and writes convert or fail".into(),
    }
}

fn index_label(index: &Index, columns: &[String]) -> String {
    match &index.name {
        Some(name) => format!("{name} ({})", columns.join(", ")),
        None => format!("({})", columns.join(", ")),
    }
}

fn same_index(dialect: Dialect, code: &Index, code_columns: &[String], db: &Index) -> bool {
    let named_alike = match (&code.name, &db.name) {
        (Some(a), Some(b)) => dialect.same_identifier(a, b),
        _ => false,
    };
    named_alike
        || (same_columns(dialect, code_columns, &db.columns)
            && code.unique == db.unique
            && code.method == db.method
            && (code.predicate == db.predicate
                || code.predicate.as_deref() == Some(Index::UNKNOWN_PART)))
}

/// A unique index in code is also satisfied by a unique constraint on the same columns.
fn has_index(dialect: Dialect, db_table: &Table, index: &Index, columns: &[String]) -> bool {
    db_table
        .indexes
        .iter()
        .any(|db| same_index(dialect, index, columns, db))
        || (index.unique
            && index.predicate.is_none()
            && (db_table
                .unique_constraints
                .iter()
                .any(|u| same_columns(dialect, &u.columns, columns))
                || db_table
                    .primary_key
                    .as_ref()
                    .is_some_and(|pk| same_columns(dialect, &pk.columns, columns))))
}

fn same_foreign_key(
    dialect: Dialect,
    code_key: &ForeignKey,
    code_columns: &[String],
    db_key: &ForeignKey,
) -> bool {
    if !same_columns(dialect, code_columns, &db_key.columns) {
        return false;
    }
    // The referenced table may itself be named differently in code (`meeting` ~ `meetings`).
    let code_target = &code_key.references.name;
    let db_target = &db_key.references.name;
    dialect.same_identifier(code_target, db_target)
        || crate::model::naming::same_words(code_target, db_target)
        || crate::model::naming::singular_plural(code_target, db_target)
}

/// Code-only checks that need no reference: FK column types against their targets, `*_id`
/// columns without a foreign key, and key columns typed differently across tables.
///
/// `schemas` are the code models that describe one database (one application's metadata
/// objects): a model on one metadata may reference a table declared on another, and a key
/// column's type is judged across all of them. `reference_fks` tells which columns the
/// reference gives a foreign key (a missing one in code is then `foreign-key-missing-from-models`).
pub fn check_keys(
    schemas: &[&Schema],
    reference_fks: &dyn Fn(&str, &str) -> bool,
    out: &mut Vec<Drift>,
) {
    // A table by name: its own schema first, then the others.
    fn find<'a>(
        schemas: &[&'a Schema],
        own: &'a Schema,
        name: &crate::model::QualifiedName,
    ) -> Option<&'a Table> {
        own.table(name)
            .or_else(|| schemas.iter().find_map(|s| s.table(name)))
    }
    // The table a `<prefix>_id` column names (`user_id` → `user`, `meeting_id` → `meetings`).
    fn named_by<'a>(schemas: &[&'a Schema], own: &'a Schema, prefix: &str) -> Option<&'a Table> {
        std::iter::once(own)
            .chain(schemas.iter().copied())
            .find_map(|s| {
                s.tables.values().find(|t| {
                    t.name.stored == prefix
                        || crate::model::naming::singular_plural(prefix, &t.name.stored)
                })
            })
    }
    // Tables some foreign key of these models references: the repository's own convention.
    let mut referenced: HashMap<&str, usize> = HashMap::new();
    for key in schemas
        .iter()
        .flat_map(|s| s.tables.values())
        .flat_map(|t| &t.foreign_keys)
    {
        *referenced.entry(&*key.references.name).or_default() += 1;
    }
    let mut without_key: Vec<(&Table, &Column, &Table, Dialect, String)> = Vec::new();
    // Columns already reported with a foreign key type mismatch: the same fact, more precisely
    // stated, than an inconsistent key type.
    let mut mismatched: HashSet<*const Column> = HashSet::new();
    for schema in schemas {
        let dialect = schema.dialect;
        let source = source_name(schema);
        let source = source.as_str();
        for table in schema.tables.values() {
            for key in &table.foreign_keys {
                let Some(target) = find(schemas, schema, &key.references) else {
                    continue;
                };
                let target_columns: Vec<String> = if key.referenced_columns.is_empty() {
                    target
                        .primary_key
                        .as_ref()
                        .map(|pk| pk.columns.clone())
                        .unwrap_or_default()
                } else {
                    key.referenced_columns.clone()
                };
                for (column, target_column) in key.columns.iter().zip(&target_columns) {
                    let (Some(c), Some(t)) = (
                        table.column(dialect, column),
                        target.column(dialect, target_column),
                    ) else {
                        continue;
                    };
                    if c.ty != t.ty
                        && !c.unknown.ty
                        && !t.unknown.ty
                        && !matches!(c.ty, ColumnType::Other(_))
                        && !matches!(t.ty, ColumnType::Other(_))
                    {
                        mismatched.insert(c as *const Column);
                        out.push(
                            Drift::new(DriftKind::ForeignKeyTypeMismatch, c.origin.span.clone())
                                // SQLite converts a key to the referenced column's affinity
                                // when it checks it: the mismatch is drift, not a failure.
                                .harmless(dialect == Dialect::Sqlite)
                                .table(&table.name.stored)
                                .column(&c.name.stored)
                                .with("code_type", c.ty.to_string())
                                .with(
                                    "target",
                                    format!("{}.{}", target.name.stored, t.name.stored),
                                )
                                .with("target_type", t.ty.to_string())
                                .with("code_source", source)
                                .related(
                                    at(&t.origin.span),
                                    format!(
                                        "`{}.{}` is {}",
                                        target.name.stored, t.name.stored, t.ty
                                    ),
                                ),
                        );
                    }
                }
            }
            for column in &table.columns {
                let Some(prefix) = column.name.stored.strip_suffix("_id") else {
                    continue;
                };
                if prefix.is_empty()
                    || table
                        .foreign_keys
                        .iter()
                        .any(|k| k.columns.contains(&column.name.stored))
                {
                    continue;
                }
                if is_primary_key(table, &column.name.stored)
                    || names_own_table(table, &column.name.stored)
                {
                    continue;
                }
                if reference_fks(&table.name.stored, &column.name.stored) {
                    continue;
                }
                if let Some(target) = named_by(schemas, schema, prefix) {
                    without_key.push((table, column, target, dialect, source.to_string()));
                }
            }
        }
    }
    // The repository shows the convention a column breaks when its table is referenced with a
    // foreign key somewhere and the column's type cannot hold the key. Other keyed columns are
    // no proof on their own: real applications leave some keys out on purpose ("not a FK so
    // the tool can be deleted"). A column named like one of its target's own columns
    // (`trace_id` beside `traces.trace_id`) names that natural key, which applications often
    // hold on purpose without a foreign key, and one whose default is the empty string holds
    // values no foreign key admits: both guesses. Otherwise the finding rests on the name.
    for (table, column, target, dialect, source) in &without_key {
        let keyed = referenced.get(&*target.name.stored).copied().unwrap_or(0);
        let natural_key = target
            .column(*dialect, &column.name.stored)
            .is_some_and(|c| !is_primary_key(target, &c.name.stored));
        // `DEFAULT ''` (or `default=''` set by the ORM) stands for "none": no foreign key could
        // hold it.
        let empty_default = defaults_to_empty(column);
        let convention = !natural_key
            && !empty_default
            && keyed > 0
            && key_type(*dialect, target)
                .is_some_and(|ty| ty != column.ty && !matches!(column.ty, ColumnType::Other(_)));
        out.push(
            Drift::new(
                DriftKind::IdColumnWithoutForeignKey,
                column.origin.span.clone(),
            )
            .table(&table.name.stored)
            .column(&column.name.stored)
            .with("target", &target.name.stored)
            .with("code_source", source.clone())
            .guessed(!convention)
            .related(
                at(&target.origin.span),
                format!("table `{}`", target.name.stored),
            ),
        );
    }

    // Key columns should have one type everywhere they reference the same table: the type of
    // that table's primary key. A column's table is its foreign key's target, else the table
    // its name designates (`user_id` → `user`); columns that designate no table are grouped by
    // name, and what they say is only a guess.
    struct Use<'a> {
        source: String,
        table: &'a Table,
        column: &'a Column,
        /// The column's foreign key holds the key type the convention expects.
        by_foreign_key: bool,
    }
    #[derive(PartialEq, Eq, PartialOrd, Ord)]
    enum Group<'a> {
        Target(&'a str),
        Name(&'a str),
    }
    let mut groups: std::collections::BTreeMap<Group, (Option<(Dialect, &Table)>, Vec<Use>)> =
        Default::default();
    for schema in schemas {
        for table in schema.tables.values() {
            for column in &table.columns {
                // `requests.request_id` beside a primary key `requests.id` is the table's own
                // natural key: references to `requests` hold the primary key, not this column.
                let name = &*column.name.stored;
                let own_natural_key = names_own_table(table, name) && !is_primary_key(table, name);
                if !name.ends_with("_id") || own_natural_key || is_primary_key(table, name) {
                    continue;
                }
                let foreign_key = table
                    .foreign_keys
                    .iter()
                    .find(|k| k.columns.len() == 1 && k.columns[0] == name);
                let target = match foreign_key {
                    Some(key) => find(schemas, schema, &key.references),
                    None => name
                        .strip_suffix("_id")
                        .filter(|p| !p.is_empty())
                        .and_then(|prefix| named_by(schemas, schema, prefix)),
                };
                // `experiment_runs.trace_id` beside `traces.trace_id` holds that natural key;
                // a column defaulting to '' holds no key at all when it holds none.
                let empty_default = defaults_to_empty(column);
                if foreign_key.is_none()
                    && (empty_default
                        || target.is_some_and(|t| {
                            t.column(schema.dialect, name)
                                .is_some_and(|c| !is_primary_key(t, &c.name.stored))
                        }))
                {
                    continue;
                }
                let group = match target {
                    Some(t) => Group::Target(&t.name.stored),
                    None => Group::Name(name),
                };
                let entry = groups.entry(group).or_default();
                if entry.0.is_none() {
                    entry.0 = target.map(|t| (schema.dialect, t));
                }
                if column.unknown.ty {
                    continue;
                }
                entry.1.push(Use {
                    source: source_name(schema),
                    table,
                    column,
                    by_foreign_key: foreign_key.is_some(),
                });
            }
        }
    }
    for (target, uses) in groups.into_values() {
        let uses: Vec<Use> = uses
            .into_iter()
            .filter(|u| !mismatched.contains(&(u.column as *const Column)))
            // A type never resolved (a key whose referenced column was not found) says nothing.
            .filter(|u| !matches!(&u.column.ty, ColumnType::Other(name) if name.is_empty()))
            .collect();
        let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
        for u in &uses {
            *counts.entry(u.column.ty.to_string()).or_default() += 1;
        }
        let expected = target.and_then(|(dialect, t)| key_type(dialect, t).map(|ty| (t, ty)));
        let (usual, usual_count, convention) = match &expected {
            Some((_, ty)) => {
                let ty = ty.to_string();
                let n = counts.get(&ty).copied().unwrap_or(0);
                let shown = uses
                    .iter()
                    .any(|u| u.by_foreign_key && u.column.ty.to_string() == ty);
                (ty, n, shown)
            }
            None if counts.len() >= 2 => {
                let (ty, n) = counts
                    .iter()
                    .max_by_key(|(ty, n)| (**n, std::cmp::Reverse((*ty).clone())))
                    .map(|(t, n)| (t.clone(), *n))
                    .expect("at least two types");
                (ty, n, false)
            }
            None => continue,
        };
        let usual_tables = match (usual_count, &expected) {
            (0, Some((t, _))) => format!("`{}`'s primary key", t.name.stored),
            (1, _) => "1 other table".to_string(),
            (n, _) => format!("{n} other tables"),
        };
        let column_name = |u: &Use| u.column.name.stored.clone();
        for u in uses.iter().filter(|u| {
            u.column.ty.to_string() != usual && !matches!(u.column.ty, ColumnType::Other(_))
        }) {
            out.push(
                Drift::new(
                    DriftKind::InconsistentKeyColumnType,
                    u.column.origin.span.clone(),
                )
                .table(&u.table.name.stored)
                .column(column_name(u))
                .with("code_type", u.column.ty.to_string())
                .with("usual_type", usual.clone())
                .with("usual_count", usual_count.to_string())
                .with("usual_tables", usual_tables.clone())
                .with("code_source", u.source.clone())
                .guessed(!convention),
            );
        }
    }
}

/// The type of a table's single-column primary key, when known.
fn key_type(dialect: Dialect, table: &Table) -> Option<ColumnType> {
    let pk = table.primary_key.as_ref()?;
    let [column] = pk.columns.as_slice() else {
        return None;
    };
    let ty = &table.column(dialect, column)?.ty;
    (!matches!(ty, ColumnType::Other(_))).then(|| ty.clone())
}

/// Whether the column's default, in the database or set by the ORM, is the empty string.
fn defaults_to_empty(column: &Column) -> bool {
    column
        .default
        .as_ref()
        .is_some_and(|d| d.expression == "''")
        || column.client_default.as_deref() == Some("''")
}

/// Whether `column` alone is the table's primary key.
fn is_primary_key(table: &Table, column: &str) -> bool {
    table
        .primary_key
        .as_ref()
        .is_some_and(|pk| pk.columns.len() == 1 && pk.columns[0] == column)
}

/// Whether a `*_id` column is named after its own table (`requests.request_id`): the table's
/// own identifier, not a reference to another table.
fn names_own_table(table: &Table, column: &str) -> bool {
    column.strip_suffix("_id").is_some_and(|prefix| {
        !prefix.is_empty()
            && (table.name.stored == prefix
                || crate::model::naming::singular_plural(prefix, &table.name.stored))
    })
}

fn language(kind: crate::model::SourceKind) -> u8 {
    match kind {
        crate::model::SourceKind::Sqlalchemy | crate::model::SourceKind::Sqlmodel => 1,
        crate::model::SourceKind::Drizzle => 2,
        _ => 0,
    }
}

/// Code models against each other. Within one language (two metadata objects of one Python
/// app), one table declared twice with different columns is a `duplicate-table-definition`; the
/// finding points at the declaration that disagrees with the reference when the other one agrees
/// with it (`agrees`), so that it lands on the stray copy, not on the one the migrations follow.
/// Across languages (a Python and a TypeScript service on one database), tables both declare are
/// compared column by column with the usual rules: cross-language drift.
pub fn compare_models(
    models: &[&Schema],
    agrees: &dyn Fn(&Schema, &Table) -> bool,
    out: &mut Vec<Drift>,
) {
    for (i, first) in models.iter().enumerate() {
        for second in &models[i + 1..] {
            if language(first.kind) != language(second.kind) {
                let description = source_name(first);
                for (table, other, how) in pair_tables(second, first).pairs {
                    if how == Match::Exact {
                        let name = source_name(second);
                        compare_table(table, other, &name, &description, first.dialect, out);
                    }
                }
                continue;
            }
            for table in second.tables.values() {
                let Some(other) = first.table(&table.qualified_name()) else {
                    continue;
                };
                let (here, here_source, there, there_source) =
                    if agrees(second, table) && !agrees(first, other) {
                        (other, first, table, second)
                    } else {
                        (table, second, other, first)
                    };
                let differences = column_differences(first.dialect, here, there);
                if !differences.is_empty() {
                    out.push(
                        Drift::new(
                            DriftKind::DuplicateTableDefinition,
                            here.origin.span.clone(),
                        )
                        .table(&here.name.stored)
                        .with("code_source", here_source.label.clone())
                        .with("other_source", there_source.label.clone())
                        .with("differences", differences.join(", "))
                        .related(
                            at(&there.origin.span),
                            format!("also declared in {}", there_source.label),
                        ),
                    );
                }
            }
        }
    }
}

/// Whether two declarations of one table have the same columns, types and nullability.
pub fn same_columns_and_types(dialect: Dialect, a: &Table, b: &Table) -> bool {
    column_differences(dialect, a, b).is_empty()
}

/// How two declarations of one table differ, column by column, as `here` sees it.
fn column_differences(dialect: Dialect, here: &Table, there: &Table) -> Vec<String> {
    let columns = pair_columns(dialect, here, there);
    let mut out = Vec::new();
    for (a, b, _) in &columns.pairs {
        if a.ty != b.ty {
            out.push(format!(
                "`{}` is {} here, {} there",
                a.name.stored, a.ty, b.ty
            ));
        }
        if a.nullable != b.nullable {
            out.push(format!(
                "`{}` is {} here, {} there",
                a.name.stored,
                null_word(a),
                null_word(b)
            ));
        }
    }
    for c in &columns.only_left {
        out.push(format!("`{}` only here", c.name.stored));
    }
    for c in &columns.only_right {
        out.push(format!("`{}` only there", c.name.stored));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::sql;
    use crate::model::{Dialect, SourceKind};
    use crate::source::SourceFile;

    /// A schema read from SQL text, labelled as `kind`: tests state both sides in SQL.
    fn schema(kind: SourceKind, text: &str) -> Schema {
        let file = SourceFile::in_memory("x.sql", text);
        let mut schema = Schema::new(kind, kind.name(), Dialect::Postgres);
        for change in sql::extract(&file, Dialect::Postgres, kind).changes {
            schema.apply(change).unwrap();
        }
        schema.finish();
        schema
    }

    fn drifts(code_sql: &str, db_sql: &str) -> Vec<Drift> {
        let code = schema(SourceKind::Drizzle, code_sql);
        let db = schema(SourceKind::Migrations, db_sql);
        let reference = Reference {
            schema: &db,
            description: "the migrations in migrations/".into(),
            complete: true,
        };
        let mut out = Vec::new();
        compare(&code, &reference, &|_| false, &mut out);
        out
    }

    fn kinds(drifts: &[Drift]) -> Vec<DriftKind> {
        drifts.iter().map(|d| d.kind).collect()
    }

    #[test]
    fn spelling_differences_are_not_drift() {
        let found = drifts(
            "CREATE TABLE users (id serial PRIMARY KEY, email varchar(255) NOT NULL, at timestamptz DEFAULT now(), ok bool DEFAULT true);
             CREATE INDEX users_email ON users (email);",
            "CREATE TABLE users (id integer NOT NULL DEFAULT nextval('users_id_seq'::regclass), email character varying(255) NOT NULL, at timestamp with time zone DEFAULT CURRENT_TIMESTAMP, ok boolean DEFAULT 't');
             ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY (id);
             CREATE INDEX users_email ON users USING btree (email);",
        );
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn uuid_against_integer_is_called_out() {
        let found = drifts(
            "CREATE TABLE subscriptions (id integer PRIMARY KEY, user_id uuid NOT NULL);",
            "CREATE TABLE subscriptions (id integer PRIMARY KEY, user_id integer NOT NULL);",
        );
        assert_eq!(kinds(&found), [DriftKind::ColumnTypeMismatch]);
        let d = &found[0];
        assert_eq!(d.value("code_type"), Some("uuid"));
        assert_eq!(d.value("db_type"), Some("integer"));
        assert!(d.value("consequence").unwrap().contains("UUID"));
        assert_eq!(d.column.as_deref(), Some("user_id"));
        assert_eq!(d.related.len(), 1);
    }

    #[test]
    fn case_and_plural_renames_pair_once_and_compare_the_rest() {
        let found = drifts(
            r#"CREATE TABLE meeting (id uuid PRIMARY KEY, "userId" text NOT NULL, title text);"#,
            "CREATE TABLE meetings (id uuid PRIMARY KEY, user_id text NOT NULL, title varchar(80));",
        );
        assert_eq!(
            kinds(&found),
            [
                DriftKind::TableNamePluralMismatch,
                DriftKind::ColumnTypeMismatch,
                DriftKind::ColumnNameCaseMismatch
            ]
        );
        assert_eq!(found[0].value("code_name"), Some("meeting"));
        assert_eq!(found[0].value("db_name"), Some("meetings"));
        assert_eq!(found[1].column.as_deref(), Some("title"));
        assert_eq!(found[2].value("code_name"), Some("userId"));
    }

    #[test]
    fn missing_tables_and_columns_both_ways() {
        let found = drifts(
            "CREATE TABLE kv_cache (key text PRIMARY KEY);
             CREATE TABLE metrics (id uuid PRIMARY KEY, metric_key text NOT NULL);",
            "CREATE TABLE metrics (id uuid PRIMARY KEY, pipeline_id bigint NOT NULL);",
        );
        assert_eq!(
            kinds(&found),
            [
                DriftKind::TableMissingFromDatabase,
                DriftKind::ColumnMissingFromDatabase,
                DriftKind::ColumnMissingFromModels
            ]
        );
        assert_eq!(found[0].table.as_deref(), Some("kv_cache"));
        assert_eq!(found[1].column.as_deref(), Some("metric_key"));
        assert_eq!(found[2].column.as_deref(), Some("pipeline_id"));
    }

    #[test]
    fn nullability_defaults_and_enums() {
        let found = drifts(
            "CREATE TYPE request_status AS ENUM ('draft', 'submitted', 'failed');
             CREATE TABLE visits (id int PRIMARY KEY, deal integer NOT NULL, updated_at timestamp DEFAULT now(), status request_status);",
            "CREATE TYPE request_status AS ENUM ('draft', 'submitted', 'approved', 'rejected');
             CREATE TABLE visits (id int PRIMARY KEY, deal integer, updated_at timestamp, status request_status);",
        );
        assert_eq!(
            kinds(&found),
            [
                DriftKind::ColumnNullabilityMismatch,
                DriftKind::ColumnDefaultMismatch,
                DriftKind::EnumValuesMismatch
            ]
        );
        assert_eq!(found[1].value("code_default"), Some("current_timestamp"));
        assert_eq!(found[1].value("db_default"), Some("none"));
        assert_eq!(
            found[2].value("db_values"),
            Some("draft, submitted, approved, rejected")
        );
    }

    #[test]
    fn indexes_and_foreign_keys_both_ways() {
        let found = drifts(
            "CREATE TABLE users (id int PRIMARY KEY);
             CREATE TABLE requests (id int PRIMARY KEY, user_id int REFERENCES users(id), status text, code text);
             CREATE INDEX idx_requests_status ON requests (status);
             CREATE UNIQUE INDEX requests_code_key ON requests (code);",
            "CREATE TABLE users (id int PRIMARY KEY);
             CREATE TABLE requests (id int PRIMARY KEY, user_id int, status text, code text UNIQUE, owner_id int REFERENCES users(id));
             CREATE INDEX idx_requests_owner ON requests (owner_id);",
        );
        assert_eq!(
            kinds(&found),
            [
                DriftKind::ColumnMissingFromModels,
                DriftKind::IndexMissingFromDatabase,
                DriftKind::IndexMissingFromModels,
                DriftKind::ForeignKeyMissingFromDatabase,
                DriftKind::ForeignKeyMissingFromModels,
            ]
        );
        assert!(
            found[1]
                .value("index")
                .unwrap()
                .starts_with("idx_requests_status")
        );
        assert_eq!(found[3].column.as_deref(), Some("user_id"));
        assert_eq!(found[4].column.as_deref(), Some("owner_id"));
    }

    #[test]
    fn key_checks_within_one_source() {
        let s = schema(
            SourceKind::Sqlalchemy,
            r#"CREATE TABLE "user" (id integer PRIMARY KEY);
               CREATE TABLE a (id int PRIMARY KEY, user_id integer REFERENCES "user"(id));
               CREATE TABLE b (id int PRIMARY KEY, user_id integer REFERENCES "user"(id));
               CREATE TABLE c (id int PRIMARY KEY, user_id uuid REFERENCES "user"(id));
               CREATE TABLE d (id int PRIMARY KEY, user_id varchar(50));"#,
        );
        let mut out = Vec::new();
        check_keys(&[&s], &|_, _| false, &mut out);
        let found: Vec<(DriftKind, &str)> = out
            .iter()
            .map(|d| (d.kind, d.table.as_deref().unwrap()))
            .collect();
        // `c.user_id` is stated once, as the foreign key type mismatch it is; an inconsistent key
        // type would say the same thing less precisely.
        assert_eq!(
            found,
            [
                (DriftKind::ForeignKeyTypeMismatch, "c"),
                (DriftKind::IdColumnWithoutForeignKey, "d"),
                (DriftKind::InconsistentKeyColumnType, "d"),
            ]
        );
        assert_eq!(out[2].value("usual_type"), Some("integer"));
        assert_eq!(out[2].value("usual_count"), Some("2"));
    }

    /// Seed 003: models on a second declarative base reference `user`, which the SQLModel
    /// metadata declares. The two metadata objects describe one database.
    #[test]
    fn key_checks_span_the_metadata_objects_of_one_database() {
        let sqlmodel = schema(
            SourceKind::Sqlmodel,
            r#"CREATE TABLE "user" (id integer PRIMARY KEY);
               CREATE TABLE documents (id int PRIMARY KEY, user_id integer REFERENCES "user"(id));
               CREATE TABLE usage_events (id int PRIMARY KEY, user_id varchar(50));"#,
        );
        let base = schema(
            SourceKind::Sqlalchemy,
            r#"CREATE TABLE expert_profiles (id int PRIMARY KEY, user_id uuid REFERENCES "user"(id));
               CREATE TABLE subscriptions (id int PRIMARY KEY, user_id uuid REFERENCES "user"(id));
               CREATE TABLE exports (id int PRIMARY KEY, user_id uuid REFERENCES "user"(id));"#,
        );
        let mut out = Vec::new();
        check_keys(&[&base, &sqlmodel], &|_, _| false, &mut out);
        let found: Vec<(DriftKind, &str, Option<&str>)> = out
            .iter()
            .map(|d| (d.kind, d.table.as_deref().unwrap(), d.value("code_source")))
            .collect();
        let base_models = Some("the SQLAlchemy models");
        let sqlmodel_models = Some("the SQLModel models");
        // The uuid columns outnumber the integer ones, but `user.id` is the key they name: the
        // varchar column is the inconsistent one, measured against integer.
        assert_eq!(
            found,
            [
                (
                    DriftKind::ForeignKeyTypeMismatch,
                    "expert_profiles",
                    base_models
                ),
                (DriftKind::ForeignKeyTypeMismatch, "exports", base_models),
                (
                    DriftKind::ForeignKeyTypeMismatch,
                    "subscriptions",
                    base_models
                ),
                (
                    DriftKind::IdColumnWithoutForeignKey,
                    "usage_events",
                    sqlmodel_models
                ),
                (
                    DriftKind::InconsistentKeyColumnType,
                    "usage_events",
                    sqlmodel_models
                ),
            ]
        );
        assert_eq!(out[0].value("target"), Some("user.id"));
        assert_eq!(out[0].value("target_type"), Some("integer"));
        assert_eq!(out[4].value("usual_type"), Some("integer"));
        assert_eq!(out[4].value("usual_count"), Some("1"));

        // Checked alone, the base cannot see `user`: nothing to compare with.
        out.clear();
        check_keys(&[&base], &|_, _| false, &mut out);
        assert!(out.is_empty(), "{out:#?}");
    }

    #[test]
    fn key_columns_without_a_named_key_use_the_most_common_type() {
        let s = schema(
            SourceKind::Sqlalchemy,
            "CREATE TABLE a (id int PRIMARY KEY, tenant_id uuid);
             CREATE TABLE b (id int PRIMARY KEY, tenant_id uuid);
             CREATE TABLE c (id int PRIMARY KEY, tenant_id text);",
        );
        let mut out = Vec::new();
        check_keys(&[&s], &|_, _| false, &mut out);
        assert_eq!(kinds(&out), [DriftKind::InconsistentKeyColumnType]);
        assert_eq!(out[0].table.as_deref(), Some("c"));
        assert_eq!(out[0].value("usual_type"), Some("uuid"));
    }

    #[test]
    fn conflicting_duplicate_tables_across_models() {
        let a = schema(
            SourceKind::Sqlmodel,
            "CREATE TABLE exports (id int PRIMARY KEY);",
        );
        let b = schema(
            SourceKind::Sqlalchemy,
            "CREATE TABLE exports (id uuid PRIMARY KEY, note text);",
        );
        let same = schema(
            SourceKind::Sqlalchemy,
            "CREATE TABLE exports (id int PRIMARY KEY);",
        );
        let mut out = Vec::new();
        compare_models(&[&a, &b], &|_, _| false, &mut out);
        assert_eq!(kinds(&out), [DriftKind::DuplicateTableDefinition]);
        assert_eq!(
            out[0].value("differences"),
            Some("`id` is uuid here, integer there, `note` only here")
        );
        out.clear();
        compare_models(&[&a, &same], &|_, _| false, &mut out);
        assert!(out.is_empty());
    }

    /// The finding lands on the declaration the reference disagrees with, whichever model it is in.
    #[test]
    fn duplicate_tables_point_at_the_declaration_the_reference_disagrees_with() {
        let migrated = schema(
            SourceKind::Sqlalchemy,
            "CREATE TABLE exports (id int PRIMARY KEY);",
        );
        let mut stray = schema(
            SourceKind::Sqlmodel,
            "CREATE TABLE exports (id uuid PRIMARY KEY);",
        );
        stray.label = "stray".into();
        let agrees = |model: &Schema, _: &Table| model.label != "stray";
        for models in [[&migrated, &stray], [&stray, &migrated]] {
            let mut out = Vec::new();
            compare_models(&models, &agrees, &mut out);
            assert_eq!(kinds(&out), [DriftKind::DuplicateTableDefinition]);
            assert_eq!(out[0].value("code_source"), Some("stray"));
            assert_eq!(
                out[0].value("differences"),
                Some("`id` is uuid here, integer there")
            );
        }
    }

    #[test]
    fn a_tables_own_natural_key_is_not_a_reference() {
        // `requests.request_id` is the request's public number; submissions reference `id`.
        let s = schema(
            SourceKind::Drizzle,
            "CREATE TABLE requests (id uuid PRIMARY KEY, request_id text NOT NULL UNIQUE);
             CREATE TABLE submissions (id uuid PRIMARY KEY, request_id uuid NOT NULL REFERENCES requests(id));",
        );
        let mut out = Vec::new();
        check_keys(&[&s], &|_, _| false, &mut out);
        assert!(out.is_empty(), "{out:#?}");
    }

    #[test]
    fn a_primary_key_named_after_its_table_is_still_the_key_others_use() {
        let s = schema(
            SourceKind::Drizzle,
            "CREATE TABLE users (user_id integer PRIMARY KEY);
             CREATE TABLE orders (id int PRIMARY KEY, user_id bigint REFERENCES users(user_id));",
        );
        let mut out = Vec::new();
        check_keys(&[&s], &|_, _| false, &mut out);
        let found: Vec<(DriftKind, &str)> = out
            .iter()
            .map(|d| (d.kind, d.table.as_deref().unwrap()))
            .collect();
        // The mismatched reference is one fact, stated by the foreign key check; the key's own
        // column is not then reported as the odd one out.
        assert_eq!(found, [(DriftKind::ForeignKeyTypeMismatch, "orders")]);

        let s = schema(
            SourceKind::Drizzle,
            "CREATE TABLE users (id integer PRIMARY KEY);
             CREATE TABLE a (id int PRIMARY KEY, user_id integer REFERENCES users(id));
             CREATE TABLE b (id int PRIMARY KEY, user_id varchar(50));",
        );
        let mut out = Vec::new();
        check_keys(&[&s], &|_, _| false, &mut out);
        let inconsistent = out
            .iter()
            .find(|d| d.kind == DriftKind::InconsistentKeyColumnType)
            .expect("b.user_id is the odd one out");
        assert_eq!(inconsistent.table.as_deref(), Some("b"));
        assert_eq!(inconsistent.value("usual_tables"), Some("1 other table"));
    }

    #[test]
    fn models_in_two_languages_are_compared_on_the_tables_they_share() {
        let python = schema(
            SourceKind::Sqlalchemy,
            "CREATE TABLE users (id int PRIMARY KEY, plan text); CREATE TABLE jobs (id int);",
        );
        let drizzle = schema(
            SourceKind::Drizzle,
            "CREATE TABLE users (id int PRIMARY KEY, plan varchar(20)); CREATE TABLE pages (id int);",
        );
        let mut out = Vec::new();
        compare_models(&[&python, &drizzle], &|_, _| false, &mut out);
        assert_eq!(kinds(&out), [DriftKind::ColumnTypeMismatch]);
        assert_eq!(out[0].value("code_source"), Some("the Drizzle schema"));
        assert_eq!(out[0].value("db_source"), Some("the SQLAlchemy models"));
    }
}
