//! MySQL and MariaDB: information_schema read in one `START TRANSACTION READ ONLY`.

use super::{DatabaseUrl, IntrospectOptions, Introspection, connect_within, db_span, describe};
use crate::error::Error;
use crate::model::defaults::{DefaultKind, normalize_default};
use crate::model::expression::normalize_expression;
use crate::model::types::normalize_type;
use crate::model::{
    CheckConstraint, Column, ColumnType, Dialect, ForeignKey, Identity, Index, Name, Origin,
    PrimaryKey, QualifiedName, Schema, SourceKind, Table, UniqueConstraint,
};
use sqlx::mysql::{MySqlConnectOptions, MySqlConnection};
use sqlx::{ConnectOptions, Connection, Row};
use std::collections::HashSet;
use std::str::FromStr;

const COLUMNS: &str = "
SELECT CAST(c.TABLE_NAME AS CHAR), CAST(t.TABLE_TYPE AS CHAR), CAST(c.COLUMN_NAME AS CHAR),
       CAST(c.COLUMN_TYPE AS CHAR), CAST(c.IS_NULLABLE AS CHAR), CAST(c.COLUMN_DEFAULT AS CHAR),
       CAST(c.EXTRA AS CHAR), CAST(c.COLUMN_COMMENT AS CHAR), CAST(t.TABLE_COMMENT AS CHAR)
FROM information_schema.COLUMNS c
JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
WHERE c.TABLE_SCHEMA = DATABASE()
ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION";

const KEYS: &str = "
SELECT CAST(tc.TABLE_NAME AS CHAR), CAST(tc.CONSTRAINT_NAME AS CHAR), CAST(tc.CONSTRAINT_TYPE AS CHAR),
       CAST(k.COLUMN_NAME AS CHAR), CAST(k.REFERENCED_TABLE_NAME AS CHAR),
       CAST(k.REFERENCED_COLUMN_NAME AS CHAR), CAST(r.DELETE_RULE AS CHAR), CAST(r.UPDATE_RULE AS CHAR)
FROM information_schema.TABLE_CONSTRAINTS tc
JOIN information_schema.KEY_COLUMN_USAGE k
  ON k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND k.TABLE_NAME = tc.TABLE_NAME
 AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
LEFT JOIN information_schema.REFERENTIAL_CONSTRAINTS r
  ON r.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND r.TABLE_NAME = tc.TABLE_NAME
 AND r.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
WHERE tc.TABLE_SCHEMA = DATABASE() AND tc.CONSTRAINT_TYPE IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')
ORDER BY tc.TABLE_NAME, tc.CONSTRAINT_NAME, k.ORDINAL_POSITION";

const CHECKS: &str = "
SELECT CAST(tc.TABLE_NAME AS CHAR), CAST(cc.CONSTRAINT_NAME AS CHAR), CAST(cc.CHECK_CLAUSE AS CHAR)
FROM information_schema.TABLE_CONSTRAINTS tc
JOIN information_schema.CHECK_CONSTRAINTS cc
  ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
WHERE tc.TABLE_SCHEMA = DATABASE() AND tc.CONSTRAINT_TYPE = 'CHECK'
ORDER BY 1, 2";

const INDEXES: &str = "
SELECT CAST(TABLE_NAME AS CHAR), CAST(INDEX_NAME AS CHAR), CAST(NON_UNIQUE AS SIGNED),
       CAST(COLUMN_NAME AS CHAR), CAST(INDEX_TYPE AS CHAR)
FROM information_schema.STATISTICS
WHERE TABLE_SCHEMA = DATABASE()
ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX";

/// A session inside `START TRANSACTION READ ONLY`, with a statement timeout. Returns whether the
/// server is MariaDB.
pub async fn connect(
    url: &DatabaseUrl,
    options: &IntrospectOptions,
) -> Result<(MySqlConnection, bool), Error> {
    let connect_options = MySqlConnectOptions::from_str(url.secret())
        .map_err(|e| describe(url, "invalid database URL", &e))?
        .disable_statement_logging();
    let mut connection: MySqlConnection = connect_within(
        url,
        options,
        MySqlConnection::connect_with(&connect_options),
    )
    .await?;
    let query_error = |e: sqlx::Error| describe(url, "cannot read the catalog of", &e);

    let version: String = sqlx::query_scalar("SELECT CAST(VERSION() AS CHAR)")
        .fetch_one(&mut connection)
        .await
        .map_err(query_error)?;
    let mariadb = version.to_ascii_lowercase().contains("mariadb");
    let timeout = if mariadb {
        format!(
            "SET SESSION max_statement_time = {}",
            options.statement_timeout.as_secs_f64()
        )
    } else {
        format!(
            "SET SESSION max_execution_time = {}",
            options.statement_timeout.as_millis()
        )
    };
    sqlx::raw_sql(sqlx::AssertSqlSafe(timeout))
        .execute(&mut connection)
        .await
        .map_err(query_error)?;
    sqlx::raw_sql("SET SESSION TRANSACTION READ ONLY")
        .execute(&mut connection)
        .await
        .map_err(query_error)?;
    sqlx::raw_sql("START TRANSACTION READ ONLY")
        .execute(&mut connection)
        .await
        .map_err(query_error)?;
    Ok((connection, mariadb))
}

pub async fn introspect(
    url: &DatabaseUrl,
    options: &IntrospectOptions,
) -> Result<Introspection, Error> {
    let (mut connection, mariadb) = connect(url, options).await?;
    let query_error = |e: sqlx::Error| describe(url, "cannot read the catalog of", &e);
    let database: Option<String> = sqlx::query_scalar("SELECT CAST(DATABASE() AS CHAR)")
        .fetch_one(&mut connection)
        .await
        .map_err(query_error)?;
    let columns = sqlx::query(COLUMNS)
        .fetch_all(&mut connection)
        .await
        .map_err(query_error)?;
    let keys = sqlx::query(KEYS)
        .fetch_all(&mut connection)
        .await
        .map_err(query_error)?;
    let checks = sqlx::query(CHECKS)
        .fetch_all(&mut connection)
        .await
        .map_err(query_error)?;
    let indexes = sqlx::query(INDEXES)
        .fetch_all(&mut connection)
        .await
        .map_err(query_error)?;
    let trackers = super::trackers::read_mysql(&mut connection)
        .await
        .map_err(query_error)?;
    sqlx::raw_sql("ROLLBACK")
        .execute(&mut connection)
        .await
        .map_err(query_error)?;
    let _ = connection.close().await;

    let label = match &database {
        Some(db) => format!("{} ({db})", url.redacted()),
        None => url.redacted().to_string(),
    };
    let mut schema = Schema::new(SourceKind::Database, label, Dialect::Mysql);
    let mut views = Vec::new();
    let origin = |table: &str, column: Option<&str>| {
        Origin::new(SourceKind::Database, db_span(table, column))
    };

    for row in &columns {
        let table_name: String = row.get(0);
        let table_type: String = row.get(1);
        if table_type != "BASE TABLE" {
            if views.last() != Some(&table_name) {
                views.push(table_name);
            }
            continue;
        }
        let key = QualifiedName::unqualified(&table_name);
        let table = schema.tables.entry(key).or_insert_with(|| {
            let mut t = Table::new(Name::exact(&table_name), None, origin(&table_name, None));
            t.comment = row.get::<Option<String>, _>(8).filter(|c| !c.is_empty());
            t
        });
        let column_name: String = row.get(2);
        let column_type: String = row.get(3);
        let extra: String = row.get::<Option<String>, _>(6).unwrap_or_default();
        let (ty, _) = normalize_type(&column_type, Dialect::Mysql);
        let mut column = Column {
            name: Name::exact(&column_name),
            ty,
            type_written: column_type,
            nullable: row.get::<String, _>(4) == "YES",
            default: None,
            client_default: None,
            identity: extra
                .to_ascii_lowercase()
                .contains("auto_increment")
                .then_some(Identity::AutoIncrement),
            comment: row.get::<Option<String>, _>(7).filter(|c| !c.is_empty()),
            former_names: Vec::new(),
            unknown: Default::default(),
            origin: origin(&table_name, Some(&column_name)),
        };
        if let Some(default) = row.get::<Option<String>, _>(5) {
            let written = if mariadb || extra.contains("DEFAULT_GENERATED") {
                default
            } else {
                quote_literal(&default, &column.ty)
            };
            if let DefaultKind::Value(value) = normalize_default(&written, &column.ty) {
                column.default = Some(value);
            }
        }
        table.columns.push(column);
    }

    let mut constraint_names: HashSet<(String, String)> = HashSet::new();
    for row in &keys {
        let table_name: String = row.get(0);
        let name: String = row.get(1);
        let kind: String = row.get(2);
        let column: String = row.get(3);
        constraint_names.insert((table_name.clone(), name.clone()));
        let Some(table) = schema
            .tables
            .get_mut(&QualifiedName::unqualified(&table_name))
        else {
            continue;
        };
        let origin = origin(&table_name, None);
        match kind.as_str() {
            "PRIMARY KEY" => table
                .primary_key
                .get_or_insert_with(|| PrimaryKey {
                    name: None,
                    columns: Vec::new(),
                    origin,
                })
                .columns
                .push(column),
            "UNIQUE" => match table
                .unique_constraints
                .iter_mut()
                .find(|u| u.name.as_deref() == Some(name.as_str()))
            {
                Some(u) => u.columns.push(column),
                None => table.unique_constraints.push(UniqueConstraint {
                    name: Some(name),
                    columns: vec![column],
                    origin,
                }),
            },
            _ => {
                let referenced: String = row.get::<Option<String>, _>(5).unwrap_or_default();
                match table
                    .foreign_keys
                    .iter_mut()
                    .find(|f| f.name.as_deref() == Some(name.as_str()))
                {
                    Some(f) => {
                        f.columns.push(column);
                        f.referenced_columns.push(referenced);
                    }
                    None => table.foreign_keys.push(ForeignKey {
                        name: Some(name),
                        columns: vec![column],
                        references: QualifiedName::unqualified(
                            row.get::<Option<String>, _>(4).unwrap_or_default(),
                        ),
                        referenced_columns: vec![referenced],
                        on_delete: action(row.get::<Option<String>, _>(6)),
                        on_update: action(row.get::<Option<String>, _>(7)),
                        origin,
                    }),
                }
            }
        }
    }

    for row in &checks {
        let table_name: String = row.get(0);
        let clause: String = row.get(2);
        // MariaDB stores JSON as LONGTEXT plus a json_valid() check it adds by itself.
        if let Some(column) = json_valid_column(&clause) {
            if let Some(c) = schema
                .tables
                .get_mut(&QualifiedName::unqualified(&table_name))
                .and_then(|t| t.column_mut(Dialect::Mysql, &column))
            {
                c.ty = ColumnType::Json;
                c.type_written = "json".into();
            }
            continue;
        }
        if let Some(table) = schema
            .tables
            .get_mut(&QualifiedName::unqualified(&table_name))
        {
            table.check_constraints.push(CheckConstraint {
                name: Some(row.get(1)),
                expression: normalize_expression(&clause.replace('`', "")),
                origin: origin(&table_name, None),
            });
        }
    }

    for row in &indexes {
        let table_name: String = row.get(0);
        let name: String = row.get(1);
        if name == "PRIMARY" || constraint_names.contains(&(table_name.clone(), name.clone())) {
            continue;
        }
        let Some(table) = schema
            .tables
            .get_mut(&QualifiedName::unqualified(&table_name))
        else {
            continue;
        };
        let column: String = row.get::<Option<String>, _>(3).unwrap_or_default();
        match table
            .indexes
            .iter_mut()
            .find(|i| i.name.as_deref() == Some(name.as_str()))
        {
            Some(index) => index.columns.push(column),
            None => {
                let method = row.get::<String, _>(4).to_ascii_lowercase();
                table.indexes.push(Index {
                    name: Some(name),
                    columns: vec![column],
                    unique: row.get::<i64, _>(2) == 0,
                    method: (method != "btree").then_some(method),
                    predicate: None,
                    origin: origin(&table_name, None),
                });
            }
        }
    }
    schema.finish();
    Ok(Introspection {
        schema,
        views,
        trackers,
    })
}

fn json_valid_column(clause: &str) -> Option<String> {
    let inner = clause
        .trim()
        .strip_prefix("json_valid(")
        .or_else(|| clause.trim().strip_prefix("JSON_VALID("))?
        .strip_suffix(')')?;
    Some(inner.trim_matches('`').to_string())
}

/// MySQL (not MariaDB) reports literal defaults without their quotes.
fn quote_literal(default: &str, ty: &ColumnType) -> String {
    let numeric = default.parse::<f64>().is_ok();
    let keeps_number = ty.is_integer()
        || matches!(
            ty,
            ColumnType::Boolean
                | ColumnType::Numeric { .. }
                | ColumnType::Real
                | ColumnType::Double
        );
    if numeric && keeps_number {
        default.to_string()
    } else {
        format!("'{}'", default.replace('\'', "''"))
    }
}

fn action(rule: Option<String>) -> Option<String> {
    rule.map(|r| r.to_ascii_lowercase())
        .filter(|r| r != "no action" && r != "restrict")
}
