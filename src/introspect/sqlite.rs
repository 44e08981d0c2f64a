//! SQLite keeps each table's CREATE statement, rewritten by every ALTER: reading `sqlite_master`
//! through the SQL extractor gives exactly the model a SQL file would.

use super::{DatabaseUrl, IntrospectOptions, Introspection, connect_within, db_span, describe};
use crate::error::Error;
use crate::extract::sql;
use crate::model::{Dialect, Origin, Schema, SourceKind};
use crate::source::SourceFile;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{ConnectOptions, Connection, Row};
use std::str::FromStr;

/// A read-only connection with `PRAGMA query_only`.
pub async fn connect(
    url: &DatabaseUrl,
    options: &IntrospectOptions,
) -> Result<SqliteConnection, Error> {
    let connect_options = SqliteConnectOptions::from_str(url.secret())
        .map_err(|e| describe(url, "invalid database URL", &e))?
        .read_only(true)
        .create_if_missing(false)
        .busy_timeout(options.statement_timeout)
        .pragma("query_only", "ON")
        .disable_statement_logging();
    connect_within(
        url,
        options,
        SqliteConnection::connect_with(&connect_options),
    )
    .await
}

pub async fn introspect(
    url: &DatabaseUrl,
    options: &IntrospectOptions,
) -> Result<Introspection, Error> {
    let mut connection = connect(url, options).await?;
    let query_error = |e: sqlx::Error| describe(url, "cannot read the catalog of", &e);
    let rows = sqlx::query(
        "SELECT type, name, sql FROM sqlite_master
         WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'
         ORDER BY CASE type WHEN 'table' THEN 0 ELSE 1 END, rowid",
    )
    .fetch_all(&mut connection)
    .await
    .map_err(query_error)?;
    let trackers = super::trackers::read_sqlite(&mut connection)
        .await
        .map_err(query_error)?;
    let _ = connection.close().await;

    let mut text = String::new();
    let mut views = Vec::new();
    for row in &rows {
        let kind: String = row.get(0);
        if kind == "view" {
            views.push(row.get::<String, _>(1));
        } else if kind == "table" || kind == "index" {
            text.push_str(&row.get::<String, _>(2));
            text.push_str(";\n");
        }
    }
    let file = SourceFile::in_memory("sqlite_master", &text);
    let extract = sql::extract(&file, Dialect::Sqlite, SourceKind::Database);
    let mut schema = Schema::new(SourceKind::Database, url.redacted(), Dialect::Sqlite);
    for change in extract.changes {
        let _ = schema.apply(change);
    }
    schema.finish();
    // Elements point at the database, not at the statement text they were read from.
    for table in schema.tables.values_mut() {
        let name = table.name.stored.clone();
        table.origin = Origin::new(SourceKind::Database, db_span(&name, None));
        for column in &mut table.columns {
            column.origin = Origin::new(
                SourceKind::Database,
                db_span(&name, Some(&column.name.stored)),
            );
        }
        let table_origin = table.origin.clone();
        if let Some(pk) = &mut table.primary_key {
            pk.origin = table_origin.clone();
        }
        table
            .unique_constraints
            .iter_mut()
            .for_each(|u| u.origin = table_origin.clone());
        table
            .foreign_keys
            .iter_mut()
            .for_each(|f| f.origin = table_origin.clone());
        table
            .check_constraints
            .iter_mut()
            .for_each(|c| c.origin = table_origin.clone());
        table
            .indexes
            .iter_mut()
            .for_each(|i| i.origin = table_origin.clone());
    }
    Ok(Introspection {
        schema,
        views,
        trackers,
    })
}
