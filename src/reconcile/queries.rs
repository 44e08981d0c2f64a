//! SQL in application code against the schema: every table a query names must exist in the
//! reference (live database, migrations replay or dump) or in a code model, and every column it
//! names must exist in one of the tables it can belong to. A table known to any of them is
//! known; views the repository's SQL files (or the database) create are known, with columns
//! unchecked; tables the application itself creates (`CREATE TABLE IF NOT EXISTS` run from code)
//! are known. What cannot be resolved is left alone.

use super::code::Reference;
use super::{Drift, DriftKind};
use crate::config::Config;
use crate::extract::Sources;
use crate::extract::embedded_sql::names::{self, ColumnRef, Names, TableRef};
use crate::extract::embedded_sql::{CodeLanguage, Context, EmbeddedQuery, StatementKind};
use crate::model::naming::{same_words, singular_plural, snake_case};
use crate::model::{Dialect, QualifiedName, Schema, SourceKind, Table};
use crate::source::SourceFile;
use rayon::prelude::*;
use std::collections::HashSet;

/// Schemas that belong to the database system, never to the application.
/// Catalog views other engines answer without a schema prefix (Oracle, DaMeng, SQL Server).
const DICTIONARY_VIEWS: &[&str] = &[
    "user_tables",
    "user_tab_columns",
    "user_tab_cols",
    "user_constraints",
    "user_cons_columns",
    "user_indexes",
    "user_ind_columns",
    "user_triggers",
    "user_sequences",
    "user_views",
    "all_tables",
    "all_tab_columns",
    "all_tab_cols",
    "all_constraints",
    "all_indexes",
    "dba_tables",
    "dba_tab_columns",
    "sysobjects",
    "syscolumns",
];

const SYSTEM_SCHEMAS: &[&str] = &[
    "pg_catalog",
    "information_schema",
    "performance_schema",
    "mysql",
    "sys",
    "sqlite_temp_master",
];

/// What a query's names are checked against.
struct Known<'a> {
    dialect: Dialect,
    reference: Option<Reference<'a>>,
    models: Vec<&'a Schema>,
    /// Tables the application's own DDL creates.
    created: Schema,
    views: HashSet<String>,
    /// Schemas (other than the default) some known table lives in.
    schemas: HashSet<String>,
    description: String,
}

/// How a table name resolved.
enum Lookup<'k> {
    /// Every definition known for it: reference first, then models and the application's DDL.
    Tables(Vec<&'k Table>),
    /// A view, a system table, another schema or database, an ignored table: not checked.
    Unchecked,
    Unknown,
}

/// Checks the queries written in `language` against `reference` and the code models.
pub fn check(
    sources: &Sources,
    config: &Config,
    language: CodeLanguage,
    reference: Option<Reference<'_>>,
    ignored: &(dyn Fn(&str) -> bool + Sync),
    drifts: &mut Vec<Drift>,
) {
    let queries: Vec<&EmbeddedQuery> = sources
        .embedded_sql
        .queries
        .iter()
        .filter(|q| q.language == language)
        .collect();
    if queries.is_empty() {
        return;
    }
    let models: Vec<&Schema> = sources.code.iter().map(|c| &c.schema).collect();
    let dialect = config
        .dialect
        .or(reference.as_ref().map(|r| r.schema.dialect))
        .or_else(|| queries.iter().find_map(|q| q.dialect))
        .or(models.first().map(|m| m.dialect))
        .unwrap_or(Dialect::Postgres);
    let (created, created_views) = application_ddl(&queries, dialect);
    if reference.is_none() && models.is_empty() && created.tables.is_empty() {
        // Nothing says what the database holds.
        return;
    }
    let mut views: HashSet<String> = sources.embedded_sql.views.iter().cloned().collect();
    views.extend(created_views);
    if let Some(database) = &sources.database {
        views.extend(
            database
                .views
                .iter()
                .map(|v| v.rsplit('.').next().unwrap_or(v).to_lowercase()),
        );
    }
    let description = match &reference {
        Some(reference) => reference.description.clone(),
        None => match models.first().map(|m| m.kind) {
            Some(SourceKind::Drizzle) => "the Drizzle schema".to_string(),
            Some(SourceKind::Sqlalchemy) => "the SQLAlchemy models".to_string(),
            Some(SourceKind::Sqlmodel) => "the SQLModel models".to_string(),
            _ => "the tables the application creates".to_string(),
        },
    };
    let schemas = reference
        .iter()
        .map(|r| r.schema)
        .chain(models.iter().copied())
        .chain(std::iter::once(&created))
        .flat_map(|s| s.tables.values().filter_map(|t| t.schema.clone()))
        .map(|s| s.to_lowercase())
        .collect();
    let known = Known {
        dialect,
        reference,
        models,
        created,
        views,
        schemas,
        description,
    };
    let complete = known.reference.as_ref().is_none_or(|r| r.complete);
    let found: Vec<(&str, Vec<Drift>, usize)> = queries
        .par_iter()
        .filter(|q| q.kind == StatementKind::Data)
        .map(|query| {
            let (found, known) = match names::read(query.sql(), query.holes(), dialect) {
                Ok(names) => known.resolve(query, &names, ignored),
                Err(unparsed) => (unparsed_drift(query, unparsed).into_iter().collect(), 0),
            };
            (&*query.file.path, found, known)
        })
        .collect();
    // A file whose queries name no known table at all talks to a database the repository does
    // not describe (a warehouse, a browser's history file, another service's API, example SQL
    // shown to users): its names are not drift. Against a history that cannot build the schema
    // on its own, an unknown table may be one the history never created: not reported.
    let talks_to_ours: HashSet<&str> = found
        .iter()
        .filter(|(_, _, known)| *known > 0)
        .map(|(path, _, _)| *path)
        .collect();
    // Relations a file makes for itself: temp views it registers, CTEs it defines in one
    // constant and uses in another.
    let mut own: std::collections::HashMap<&str, HashSet<String>> = Default::default();
    for query in &queries {
        own.entry(&*query.file.path)
            .or_insert_with(|| file_relations(&query.file.text));
    }
    drifts.extend(
        found
            .into_iter()
            .filter(|(path, _, _)| talks_to_ours.contains(path))
            .flat_map(|(path, found, _)| {
                let own = &own[path];
                found.into_iter().filter(move |d| {
                    !(d.kind == DriftKind::SqlUnknownTable
                        && d.table
                            .as_ref()
                            .is_some_and(|t| own.contains(&t.to_lowercase())))
                })
            })
            .filter(|d| complete || d.kind != DriftKind::SqlUnknownTable),
    );
}

/// The relations a source file creates for its own queries, lower-cased: views it registers
/// with a dataframe engine (`df.createOrReplaceTempView("recent")`) and the names of CTEs
/// (`WITH recent AS (`, `, totals AS (`) anywhere in its text.
fn file_relations(text: &str) -> HashSet<String> {
    const REGISTERS: &[&str] = &[
        "createOrReplaceTempView",
        "createTempView",
        "createGlobalTempView",
        "createOrReplaceGlobalTempView",
        "registerTempTable",
        "registerDataFrameAsTable",
    ];
    let mut out = HashSet::new();
    for method in REGISTERS {
        let mut rest = text;
        while let Some(at) = rest.find(method) {
            rest = &rest[at + method.len()..];
            let argument = rest.trim_start().strip_prefix('(').map(str::trim_start);
            if let Some(quoted) = argument
                && let Some(quote) = quoted.chars().next().filter(|c| matches!(c, '"' | '\''))
                && let Some(end) = quoted[1..].find(quote)
            {
                out.insert(quoted[1..1 + end].to_lowercase());
            }
        }
    }
    // Words and the punctuation that matters, in order: `with recent as ( … ) , totals as (`.
    let lower = text.to_lowercase();
    let mut tokens: Vec<&str> = Vec::new();
    let mut start = None;
    for (at, c) in lower.char_indices() {
        let word = c.is_alphanumeric() || c == '_';
        match (word, start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                tokens.push(&lower[from..at]);
                start = None;
            }
            _ => {}
        }
        if matches!(c, ',' | '(') {
            tokens.push(&lower[at..at + 1]);
        }
    }
    if let Some(from) = start {
        tokens.push(&lower[from..]);
    }
    for window in tokens.windows(4) {
        if let [before, name, "as", "("] = window
            && matches!(*before, "with" | "recursive" | ",")
            && !name.chars().all(|c| c.is_ascii_digit())
        {
            out.insert(name.to_string());
        }
    }
    out
}

/// The tables (and view names) the application's own DDL creates.
fn application_ddl(queries: &[&EmbeddedQuery], dialect: Dialect) -> (Schema, Vec<String>) {
    let mut schema = Schema::new(SourceKind::Sql, "application code", dialect);
    let mut views = Vec::new();
    for query in queries
        .iter()
        .filter(|q| q.kind == StatementKind::Definition)
    {
        let file = SourceFile::in_memory(&query.file.path, query.sql());
        for change in crate::extract::sql::extract(&file, dialect, SourceKind::Sql).changes {
            let _ = schema.apply(change);
        }
        views.extend(crate::extract::embedded_sql::created_views(query.sql()));
    }
    schema.finish();
    (schema, views)
}

/// A query the parser cannot read: reported when it is plainly SQL (a query call or tagged
/// template without interpolations, which could be fragments the parser cannot see through).
fn unparsed_drift(query: &EmbeddedQuery, unparsed: names::Unparsed) -> Option<Drift> {
    if query.context != Context::Tagged && query.context != Context::Call
        || !query.holes().is_empty()
    {
        return None;
    }
    let span = match unparsed.at {
        Some(at) => query.span_of(at..at + 1),
        None => query.span.clone(),
    };
    Some(Drift::new(DriftKind::SqlUnparsed, span).with("detail", unparsed.message))
}

impl Known<'_> {
    fn lookup(&self, table: &TableRef, ignored: &(dyn Fn(&str) -> bool + Sync)) -> Lookup<'_> {
        let name = table.name.stored(self.dialect);
        let schema = table
            .schema
            .as_ref()
            .map(|s| s.stored(self.dialect))
            .filter(|s| !self.dialect.is_default_schema(s));
        let lower = name.to_lowercase();
        let system = lower.starts_with("pg_")
            || lower.starts_with("sqlite_")
            || lower == "dual"
            || DICTIONARY_VIEWS.contains(&lower.as_str())
            || schema
                .as_deref()
                .is_some_and(|s| SYSTEM_SCHEMAS.contains(&s.to_lowercase().as_str()));
        let other_schema = schema
            .as_deref()
            .is_some_and(|s| !self.schemas.contains(&s.to_lowercase()));
        if system || other_schema || ignored(&name) || self.views.contains(&lower) {
            return Lookup::Unchecked;
        }
        let unqualified = schema.is_none();
        let qualified = QualifiedName::new(schema, name);
        let schemas = || {
            self.reference
                .iter()
                .map(|r| r.schema)
                .chain(self.models.iter().copied())
                .chain(std::iter::once(&self.created))
        };
        let mut tables: Vec<&Table> = schemas().filter_map(|s| s.table(&qualified)).collect();
        if tables.is_empty() && unqualified {
            // An unqualified name may reach another schema through the search path.
            let wanted = qualified.name.as_str();
            tables = schemas()
                .flat_map(|s| {
                    s.tables
                        .values()
                        .filter(move |t| s.dialect.same_identifier(&t.name.stored, wanted))
                })
                .collect();
        }
        if tables.is_empty() {
            Lookup::Unknown
        } else {
            Lookup::Tables(tables)
        }
    }

    /// Every table name known, with its definition.
    fn all_tables(&self) -> Vec<&Table> {
        self.reference
            .iter()
            .map(|r| r.schema)
            .chain(self.models.iter().copied())
            .chain(std::iter::once(&self.created))
            .flat_map(|s| s.tables.values())
            .collect()
    }

    /// The drifts of one query, and how many of its table names are known tables.
    fn resolve(
        &self,
        query: &EmbeddedQuery,
        names: &Names,
        ignored: &(dyn Fn(&str) -> bool + Sync),
    ) -> (Vec<Drift>, usize) {
        let mut out = Vec::new();
        let lookups: Vec<Lookup<'_>> = names
            .tables
            .iter()
            .map(|t| self.lookup(t, ignored))
            .collect();
        let known = lookups
            .iter()
            .filter(|l| matches!(l, Lookup::Tables(_)))
            .count();
        let mut reported: HashSet<String> = HashSet::new();
        for (table, lookup) in names.tables.iter().zip(&lookups) {
            if !matches!(lookup, Lookup::Unknown) {
                continue;
            }
            let name = table.name.stored(self.dialect);
            if !reported.insert(name.clone()) {
                continue;
            }
            out.push(self.unknown_table(query, table, &name));
        }
        for column in &names.columns {
            let mut definitions = Vec::new();
            let mut checkable = true;
            for &index in &column.candidates {
                match &lookups[index] {
                    Lookup::Tables(tables) => definitions.push((index, tables)),
                    _ => checkable = false,
                }
            }
            // SQLite reads a double-quoted name that is no column as a string literal.
            let sqlite_string = self.dialect == Dialect::Sqlite && column.name.quote == Some('"');
            if !checkable || definitions.is_empty() || sqlite_string {
                continue;
            }
            let wanted = column.name.stored(self.dialect);
            // Every SQLite table has a rowid (and an FTS table answers to its own name and
            // `rank`) without declaring it.
            let implicit = self.dialect == Dialect::Sqlite
                && matches!(
                    wanted.to_lowercase().as_str(),
                    "rowid" | "oid" | "_rowid_" | "rank"
                );
            if implicit {
                continue;
            }
            let exists = definitions.iter().any(|(_, tables)| {
                tables
                    .iter()
                    .any(|t| t.column(self.dialect, &wanted).is_some())
            });
            if exists {
                continue;
            }
            let key = format!(
                "{}.{wanted}",
                definitions
                    .iter()
                    .map(|(_, t)| t[0].name.stored.as_str())
                    .collect::<Vec<_>>()
                    .join("|")
            );
            if !reported.insert(key) {
                continue;
            }
            out.push(self.unknown_column(query, column, &wanted, &definitions));
        }
        (out, known)
    }

    fn unknown_table(&self, query: &EmbeddedQuery, table: &TableRef, name: &str) -> Drift {
        let mut drift = Drift::new(DriftKind::SqlUnknownTable, query.span_of(table.at.clone()))
            .table(name)
            .with("db_source", self.description.clone());
        let all = self.all_tables();
        let renamed = self
            .reference
            .iter()
            .map(|r| r.schema)
            .chain(self.models.iter().copied())
            .find_map(|s| s.renamed_table(&QualifiedName::unqualified(name)));
        let suggestion = match renamed {
            Some(table) => Some((table, format!("a migration renamed `{name}` to it"))),
            None => {
                let names: Vec<&str> = all.iter().map(|t| t.name.stored.as_str()).collect();
                closest(name, &names).and_then(|best| {
                    all.iter()
                        .find(|t| t.name.stored == best)
                        .map(|t| (*t, String::new()))
                })
            }
        };
        match suggestion {
            Some((table, why)) => {
                let suggested = &table.name.stored;
                drift = drift.with("suggestion", did_you_mean(suggested, &why));
                if table.origin.span.is_in_file() {
                    drift = drift.related(
                        table.origin.span.clone(),
                        format!("table `{suggested}` is defined here"),
                    );
                }
                drift
            }
            None => drift.with("suggestion", ""),
        }
    }

    fn unknown_column(
        &self,
        query: &EmbeddedQuery,
        column: &ColumnRef,
        name: &str,
        definitions: &[(usize, &Vec<&Table>)],
    ) -> Drift {
        let tables: Vec<&Table> = definitions.iter().map(|(_, t)| t[0]).collect();
        let listed: Vec<String> = tables
            .iter()
            .map(|t| format!("`{}`", t.name.stored))
            .collect();
        let described = match listed.as_slice() {
            [one] => format!("table {one}"),
            [init @ .., last] => format!("tables {} or {last}", init.join(", ")),
            [] => "its table".to_string(),
        };
        let mut drift = Drift::new(
            DriftKind::SqlUnknownColumn,
            query.span_of(column.at.clone()),
        )
        .column(name)
        .with("tables", described)
        .with("db_source", self.description.clone());
        if let [table] = tables.as_slice() {
            drift = drift.table(table.name.stored.clone());
        }
        let suggestion = definitions
            .iter()
            .flat_map(|(_, defs)| defs.iter())
            .find_map(|t| suggest_column(self.dialect, t, name));
        drift = drift.with(
            "suggestion",
            suggestion
                .map(|(column, why)| did_you_mean(&column, &why))
                .unwrap_or_default(),
        );
        for table in tables {
            if table.origin.span.is_in_file() {
                drift = drift.related(
                    table.origin.span.clone(),
                    format!("table `{}` is defined here", table.name.stored),
                );
            }
        }
        drift
    }
}

/// The column a misspelt or outdated name most likely meant, and why, when the match is good:
/// a column renamed from it, the same words in another case convention, a close spelling, or
/// the table's only column that refers to a user when both names do (`owner_id` → `created_by`).
fn suggest_column(dialect: Dialect, table: &Table, name: &str) -> Option<(String, String)> {
    if let Some(column) = table.renamed_column(dialect, name) {
        return Some((
            column.name.stored.clone(),
            format!("a migration renamed `{name}` to it"),
        ));
    }
    let names: Vec<&str> = table
        .columns
        .iter()
        .map(|c| c.name.stored.as_str())
        .collect();
    if let Some(best) = closest(name, &names) {
        return Some((best.to_string(), String::new()));
    }
    if refers_to_user(name) {
        let users: Vec<&str> = table
            .columns
            .iter()
            .filter(|c| {
                refers_to_user(&c.name.stored)
                    || table.foreign_keys.iter().any(|k| {
                        k.columns.len() == 1
                            && k.columns[0] == c.name.stored
                            && matches!(k.references.name.as_str(), "users" | "user")
                    })
            })
            .map(|c| c.name.stored.as_str())
            .collect();
        if let [only] = users.as_slice() {
            return Some((
                only.to_string(),
                "the table's only column that refers to a user".to_string(),
            ));
        }
    }
    None
}

/// The suggestion as the rules' help puts it: `Correct the query{suggestion}, or ...`.
fn did_you_mean(name: &str, why: &str) -> String {
    if why.is_empty() {
        format!(" (did you mean `{name}`?)")
    } else {
        format!(" (did you mean `{name}`? {why})")
    }
}

/// Whether a column name says it holds a user: `user_id`, `owner_id`, `created_by`, ...
fn refers_to_user(name: &str) -> bool {
    let name = snake_case(name);
    name.ends_with("_by")
        || name.ends_with("_by_id")
        || name.ends_with("_user_id")
        || [
            "user",
            "user_id",
            "owner",
            "owner_id",
            "author",
            "author_id",
            "creator",
            "creator_id",
        ]
        .contains(&name.as_str())
}

/// The one name of `candidates` that `name` most likely meant: the same words in another case
/// convention or number, else the closest spelling within three tenths of its length in edits.
fn closest<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    if let Some(same) = candidates
        .iter()
        .find(|c| same_words(name, c) || singular_plural(name, c))
    {
        return Some(same);
    }
    let lower = name.to_lowercase();
    let mut scored: Vec<(f64, &str)> = candidates
        .iter()
        .map(|c| {
            (
                strsim::normalized_damerau_levenshtein(&lower, &c.to_lowercase()),
                *c,
            )
        })
        .filter(|(score, _)| *score >= 0.7)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    match scored.as_slice() {
        [] => None,
        [(_, best)] => Some(best),
        [(a, best), (b, _), ..] => (a > b).then_some(*best),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relations_a_file_makes_for_its_own_queries() {
        let text = r#"
RECENT = """WITH recent AS (SELECT * FROM orders WHERE day > now() - interval '7 days'),
    totals AS (SELECT customer_id, sum(amount) FROM recent GROUP BY 1)"""
REPORT = "SELECT * FROM totals JOIN customers USING (customer_id)"
orders_df.createOrReplaceTempView("daily_orders")
spark.sql("SELECT * FROM daily_orders")
count(x) as (y)
"#;
        let own = file_relations(text);
        for name in ["recent", "totals", "daily_orders"] {
            assert!(own.contains(name), "{name}: {own:?}");
        }
        assert!(
            !own.contains("orders") && !own.contains("customers"),
            "{own:?}"
        );
    }

    #[test]
    fn suggestions_only_when_the_match_is_good() {
        let columns = [
            "id",
            "name",
            "created_by",
            "created_at",
            "updated_at",
            "slug",
        ];
        assert_eq!(closest("createdAt", &columns), Some("created_at"));
        assert_eq!(closest("slgu", &columns), Some("slug"));
        assert_eq!(closest("title", &columns), None);
        assert_eq!(closest("nmae", &columns), Some("name"));
        assert_eq!(closest("owner_id", &columns), None);
        assert_eq!(
            closest("call_outcome_history", &["call_outcomes", "calls"]),
            None
        );
        assert_eq!(closest("meeting", &["meetings", "users"]), Some("meetings"));
        assert!(refers_to_user("owner_id") && refers_to_user("created_by"));
        assert!(!refers_to_user("created_at") && !refers_to_user("organization_id"));
    }
}
