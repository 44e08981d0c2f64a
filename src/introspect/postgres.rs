//! Postgres: five catalog queries for the whole database, in sessions that are read-only from
//! their first statement (`default_transaction_read_only` is a startup parameter). Three
//! sessions share one exported snapshot and run the queries at once; one session reads alone
//! when the server refuses the others.

use super::{DatabaseUrl, IntrospectOptions, Introspection, connect_within, db_span, describe};
use crate::error::Error;
use crate::model::defaults::{DefaultKind, normalize_default};
use crate::model::expression::normalize_expression;
use crate::model::types::normalize_type;
use crate::model::{
    CheckConstraint, Column, Dialect, EnumType, ForeignKey, Identity, Index, Name, Origin,
    PrimaryKey, QualifiedName, Schema, SourceKind, Table, UniqueConstraint,
};
use sqlx::postgres::{PgConnectOptions, PgConnection};
use sqlx::{ConnectOptions, Connection, Row};
use std::str::FromStr;

const COLUMNS: &str = r#"
SELECT n.nspname AS schema, c.relname AS table_name, c.relkind::text AS kind,
       a.attname AS column_name,
       CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod)
            ELSE format_type(a.atttypid, a.atttypmod) END AS data_type,
       a.attnotnull AS not_null,
       pg_get_expr(d.adbin, d.adrelid) AS default_expr,
       a.attidentity::text AS identity,
       a.attgenerated::text AS generated,
       cd.description AS column_comment,
       td.description AS table_comment
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
-- Joined rather than col_description() / obj_description() per row: one hash join instead of
-- two lookups for each of tens of thousands of columns.
LEFT JOIN pg_description cd
       ON cd.objoid = c.oid AND cd.classoid = 'pg_class'::regclass AND cd.objsubid = a.attnum
LEFT JOIN pg_description td
       ON td.objoid = c.oid AND td.classoid = 'pg_class'::regclass AND td.objsubid = 0
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition
  AND n.nspname = ANY($1)
ORDER BY n.nspname, c.relname, a.attnum
"#;

const CONSTRAINTS: &str = r#"
SELECT n.nspname AS schema, c.relname AS table_name, con.conname AS name,
       con.contype::text AS kind,
       ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num
             ORDER BY k.ord) AS columns,
       fn.nspname AS ref_schema, fc.relname AS ref_table,
       ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
             JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num
             ORDER BY k.ord) AS ref_columns,
       con.confdeltype::text AS on_delete, con.confupdtype::text AS on_update,
       -- Only a check constraint's definition is read; deparsing the others costs time.
       CASE WHEN con.contype = 'c' THEN pg_get_constraintdef(con.oid) END AS definition
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class fc ON fc.oid = con.confrelid
LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
WHERE con.contype IN ('p', 'u', 'f', 'c') AND n.nspname = ANY($1)
ORDER BY n.nspname, c.relname, con.conname
"#;

// Indexes that back a primary key or unique constraint are part of the constraint.
const INDEXES: &str = r#"
SELECT n.nspname AS schema, t.relname AS table_name, ic.relname AS name,
       i.indisunique AS is_unique, am.amname AS method,
       ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true)
             FROM generate_series(1, i.indnkeyatts) k ORDER BY k) AS columns,
       pg_get_expr(i.indpred, i.indrelid, true) AS predicate
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class t ON t.oid = i.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
JOIN pg_am am ON am.oid = ic.relam
WHERE n.nspname = ANY($1)
  AND NOT EXISTS (SELECT 1 FROM pg_constraint con
                  WHERE con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x'))
ORDER BY n.nspname, t.relname, ic.relname
"#;

const ENUMS: &str = r#"
SELECT n.nspname AS schema, t.typname AS name,
       array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
FROM pg_type t
JOIN pg_enum e ON e.enumtypid = t.oid
JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE n.nspname = ANY($1)
GROUP BY n.nspname, t.typname
ORDER BY 1, 2
"#;

/// Every session reads in one repeatable-read, read-only transaction (sharing a snapshot needs
/// repeatable read).
const BEGIN_SNAPSHOT: &str = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";

/// A session that is read-only from its first statement, with a statement timeout.
pub async fn connect(
    url: &DatabaseUrl,
    options: &IntrospectOptions,
) -> Result<PgConnection, Error> {
    let statement_timeout = options.statement_timeout.as_millis().to_string();
    let connect_options = PgConnectOptions::from_str(url.secret())
        .map_err(|e| describe(url, "invalid database URL", &e))?
        .application_name("schemadrift")
        .options([
            ("default_transaction_read_only", "on"),
            ("statement_timeout", statement_timeout.as_str()),
        ])
        .disable_statement_logging();
    connect_within(url, options, PgConnection::connect_with(&connect_options)).await
}

pub async fn introspect(
    url: &DatabaseUrl,
    options: &IntrospectOptions,
) -> Result<Introspection, Error> {
    let schemas: Vec<String> = if options.schemas.is_empty() {
        vec!["public".to_string()]
    } else {
        options.schemas.clone()
    };
    let query_error = |e: sqlx::Error| describe(url, "cannot read the catalog of", &e);
    let connecting = crate::timings::phase("postgres: connect");
    // Three sessions read the catalog at once; one is enough (a role or server at its connection
    // limit still gets an answer, on one session), and only when none connects is it an error.
    let (a, b, c) = tokio::join!(
        connect(url, options),
        connect(url, options),
        connect(url, options)
    );
    let mut sessions = Vec::new();
    let mut refused = None;
    for attempt in [a, b, c] {
        match attempt {
            Ok(session) => sessions.push(session),
            Err(error) => refused = refused.or(Some(error)),
        }
    }
    if sessions.is_empty() {
        return Err(refused.expect("three attempts, none connected"));
    }
    let mut first = sessions.remove(0);
    drop(connecting);
    let querying = crate::timings::phase("postgres: catalog queries");
    let mut helpers = match <[PgConnection; 2]>::try_from(sessions) {
        Ok(others) => share_snapshot(&mut first, others).await,
        Err(_) => None,
    };
    if helpers.is_none() {
        // Whatever the attempt to share a snapshot left open is abandoned first.
        let _ = sqlx::query("ROLLBACK").execute(&mut first).await;
        sqlx::query(BEGIN_SNAPSHOT)
            .execute(&mut first)
            .await
            .map_err(|e| describe(url, "cannot read", &e))?;
    }
    let (columns, constraints, indexes, enums, trackers) = match helpers.as_mut() {
        Some([second, third]) => {
            let (columns, constraints, rest) = tokio::join!(
                fetch(&mut first, COLUMNS, &schemas),
                fetch(second, CONSTRAINTS, &schemas),
                async {
                    let indexes = fetch(&mut *third, INDEXES, &schemas).await?;
                    let enums = fetch(&mut *third, ENUMS, &schemas).await?;
                    let trackers = super::trackers::read_postgres(third, &schemas).await?;
                    Ok::<_, sqlx::Error>((indexes, enums, trackers))
                }
            );
            let (indexes, enums, trackers) = rest.map_err(query_error)?;
            (
                columns.map_err(query_error)?,
                constraints.map_err(query_error)?,
                indexes,
                enums,
                trackers,
            )
        }
        None => (
            fetch(&mut first, COLUMNS, &schemas)
                .await
                .map_err(query_error)?,
            fetch(&mut first, CONSTRAINTS, &schemas)
                .await
                .map_err(query_error)?,
            fetch(&mut first, INDEXES, &schemas)
                .await
                .map_err(query_error)?,
            fetch(&mut first, ENUMS, &schemas)
                .await
                .map_err(query_error)?,
            super::trackers::read_postgres(&mut first, &schemas)
                .await
                .map_err(query_error)?,
        ),
    };
    for mut connection in helpers.into_iter().flatten().chain([first]) {
        let _ = sqlx::query("ROLLBACK").execute(&mut connection).await;
        let _ = connection.close().await;
    }
    drop(querying);
    let _building = crate::timings::phase("postgres: build the model");

    let mut schema = Schema::new(SourceKind::Database, url.redacted(), Dialect::Postgres);
    let mut views = Vec::new();
    let qualified = |schema_name: &str, table: &str| {
        QualifiedName::new(
            (schema_name != "public").then(|| schema_name.to_string()),
            table.to_string(),
        )
    };
    let origin = |table: &str, column: Option<&str>| {
        Origin::new(SourceKind::Database, db_span(table, column))
    };

    for row in &columns {
        let schema_name: String = row.get("schema");
        let table_name: String = row.get("table_name");
        let kind: String = row.get("kind");
        if kind == "v" || kind == "m" {
            let view = qualified(&schema_name, &table_name).to_string();
            if views.last() != Some(&view) {
                views.push(view);
            }
            continue;
        }
        let key = qualified(&schema_name, &table_name);
        let table = schema.tables.entry(key.clone()).or_insert_with(|| {
            let mut t = Table::new(
                Name::exact(&table_name),
                key.schema.clone(),
                origin(&table_name, None),
            );
            t.comment = row.get("table_comment");
            t
        });
        let column_name: String = row.get("column_name");
        let data_type: String = row.get("data_type");
        let (ty, _) = normalize_type(&data_type, Dialect::Postgres);
        let identity: String = row.get("identity");
        let generated: String = row.get("generated");
        let mut column = Column {
            name: Name::exact(&column_name),
            ty,
            type_written: data_type,
            nullable: !row.get::<bool, _>("not_null"),
            default: None,
            client_default: None,
            identity: match identity.as_str() {
                "a" => Some(Identity::Always),
                "d" => Some(Identity::ByDefault),
                _ => None,
            },
            comment: row.get("column_comment"),
            former_names: Vec::new(),
            unknown: Default::default(),
            origin: origin(&table_name, Some(&column_name)),
        };
        if let Some(default) = row.get::<Option<String>, _>("default_expr") {
            if generated.is_empty() {
                match normalize_default(&default, &column.ty) {
                    DefaultKind::Sequence => column.identity = Some(Identity::Serial),
                    DefaultKind::Value(value) => column.default = Some(value),
                    DefaultKind::None => {}
                }
            }
        }
        table.columns.push(column);
    }

    for row in &constraints {
        let key = qualified(
            &row.get::<String, _>("schema"),
            &row.get::<String, _>("table_name"),
        );
        let Some(table) = schema.tables.get_mut(&key) else {
            continue;
        };
        let name: String = row.get("name");
        let columns: Vec<String> = row.get("columns");
        let origin = origin(&key.name, None);
        match row.get::<String, _>("kind").as_str() {
            "p" => {
                table.primary_key = Some(PrimaryKey {
                    name: Some(name),
                    columns,
                    origin,
                })
            }
            "u" => table.unique_constraints.push(UniqueConstraint {
                name: Some(name),
                columns,
                origin,
            }),
            "f" => {
                let ref_schema: Option<String> = row.get("ref_schema");
                let ref_table: Option<String> = row.get("ref_table");
                table.foreign_keys.push(ForeignKey {
                    name: Some(name),
                    columns,
                    references: qualified(
                        ref_schema.as_deref().unwrap_or("public"),
                        ref_table.as_deref().unwrap_or_default(),
                    ),
                    referenced_columns: row.get("ref_columns"),
                    on_delete: action(&row.get::<String, _>("on_delete")),
                    on_update: action(&row.get::<String, _>("on_update")),
                    origin,
                });
            }
            _ => {
                let definition: String = row.get("definition");
                let expression = definition
                    .strip_prefix("CHECK ")
                    .unwrap_or(&definition)
                    .trim_end_matches(" NOT VALID");
                table.check_constraints.push(CheckConstraint {
                    name: Some(name),
                    expression: normalize_expression(expression),
                    origin,
                });
            }
        }
    }

    for row in &indexes {
        let key = qualified(
            &row.get::<String, _>("schema"),
            &row.get::<String, _>("table_name"),
        );
        let Some(table) = schema.tables.get_mut(&key) else {
            continue;
        };
        let method: String = row.get("method");
        let columns: Vec<String> = row.get("columns");
        table.indexes.push(Index {
            name: Some(row.get("name")),
            columns: columns
                .iter()
                .map(|c| {
                    let unquoted = c.trim_matches('"');
                    if is_plain_identifier(unquoted) {
                        unquoted.to_string()
                    } else {
                        normalize_expression(c)
                    }
                })
                .collect(),
            unique: row.get("is_unique"),
            method: (method != "btree").then_some(method),
            predicate: row
                .get::<Option<String>, _>("predicate")
                .map(|p| normalize_expression(&p)),
            origin: origin(&key.name, None),
        });
    }

    for row in &enums {
        let schema_name: String = row.get("schema");
        let name: String = row.get("name");
        let key = qualified(&schema_name, &name);
        schema.enums.insert(
            key.clone(),
            EnumType {
                name: Name::exact(&name),
                schema: key.schema.clone(),
                values: row.get("labels"),
                origin: Origin::new(
                    SourceKind::Database,
                    crate::source::Span::external(&format!("db: type {name}")),
                ),
            },
        );
    }
    schema.finish();
    Ok(Introspection {
        schema,
        views,
        trackers,
    })
}

async fn fetch(
    connection: &mut PgConnection,
    sql: &'static str,
    schemas: &[String],
) -> Result<Vec<sqlx::postgres::PgRow>, sqlx::Error> {
    sqlx::query(sql).bind(schemas).fetch_all(connection).await
}

/// Opens a repeatable-read transaction on `first` and makes `others` read from its snapshot,
/// so that every query sees the catalog of one moment. `None` when the server refuses (the
/// caller then reads on `first` alone).
async fn share_snapshot(
    first: &mut PgConnection,
    mut others: [PgConnection; 2],
) -> Option<[PgConnection; 2]> {
    sqlx::query(BEGIN_SNAPSHOT)
        .execute(&mut *first)
        .await
        .ok()?;
    let snapshot: String = sqlx::query_scalar("SELECT pg_export_snapshot()")
        .fetch_one(&mut *first)
        .await
        .ok()?;
    // The identifier is the server's own (`00000003-0000001B-1`); quoted as a literal anyway.
    let import = format!(
        "SET TRANSACTION SNAPSHOT '{}'",
        snapshot.replace('\'', "''")
    );
    for other in &mut others {
        sqlx::query(BEGIN_SNAPSHOT)
            .execute(&mut *other)
            .await
            .ok()?;
        sqlx::query(sqlx::AssertSqlSafe(import.clone()))
            .execute(&mut *other)
            .await
            .ok()?;
    }
    Some(others)
}

fn is_plain_identifier(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// `pg_constraint.confdeltype` codes; `a` (no action) is the default and not recorded.
fn action(code: &str) -> Option<String> {
    match code {
        "r" => Some("restrict".into()),
        "c" => Some("cascade".into()),
        "n" => Some("set null".into()),
        "d" => Some("set default".into()),
        _ => None,
    }
}
