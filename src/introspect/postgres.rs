//! Postgres: five catalog queries for the whole database, in a session that is read-only from
//! its first statement (`default_transaction_read_only` is a startup parameter).

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
       col_description(c.oid, a.attnum) AS column_comment,
       obj_description(c.oid, 'pg_class') AS table_comment
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
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
       pg_get_constraintdef(con.oid) AS definition
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
    let mut connection = connect(url, options).await?;
    let schemas: Vec<String> = if options.schemas.is_empty() {
        vec!["public".to_string()]
    } else {
        options.schemas.clone()
    };
    let mut tx = connection
        .begin()
        .await
        .map_err(|e| describe(url, "cannot read", &e))?;
    let query_error = |e: sqlx::Error| describe(url, "cannot read the catalog of", &e);

    let columns = sqlx::query(COLUMNS)
        .bind(&schemas)
        .fetch_all(&mut *tx)
        .await
        .map_err(query_error)?;
    let constraints = sqlx::query(CONSTRAINTS)
        .bind(&schemas)
        .fetch_all(&mut *tx)
        .await
        .map_err(query_error)?;
    let indexes = sqlx::query(INDEXES)
        .bind(&schemas)
        .fetch_all(&mut *tx)
        .await
        .map_err(query_error)?;
    let enums = sqlx::query(ENUMS)
        .bind(&schemas)
        .fetch_all(&mut *tx)
        .await
        .map_err(query_error)?;
    let trackers = super::trackers::read_postgres(&mut tx, &schemas)
        .await
        .map_err(query_error)?;
    tx.rollback().await.map_err(query_error)?;
    let _ = connection.close().await;

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
            identity: match identity.as_str() {
                "a" => Some(Identity::Always),
                "d" => Some(Identity::ByDefault),
                _ => None,
            },
            comment: row.get("column_comment"),
            former_names: Vec::new(),
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
