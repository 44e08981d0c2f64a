//! Migration trackers: the tables migration tools keep in the database to remember what they
//! applied. Reading them tells whether the database is behind the repository's history.

use serde::Serialize;
use sqlx::Row;

/// A migration tool, as its tracker table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TrackerTool {
    Alembic,
    Drizzle,
    /// `schema_migrations`: golang-migrate, Rails, dbmate and hand-rolled runners.
    SchemaMigrations,
    Flyway,
    Prisma,
    Django,
    Atlas,
    Goose,
}

impl TrackerTool {
    pub fn name(self) -> &'static str {
        match self {
            TrackerTool::Alembic => "Alembic",
            TrackerTool::Drizzle => "drizzle-kit",
            TrackerTool::SchemaMigrations => "schema_migrations",
            TrackerTool::Flyway => "Flyway",
            TrackerTool::Prisma => "Prisma",
            TrackerTool::Django => "Django",
            TrackerTool::Atlas => "Atlas",
            TrackerTool::Goose => "goose",
        }
    }
}

/// What one tracker table records, oldest first.
#[derive(Debug, Clone, Serialize)]
pub struct TrackerState {
    pub tool: TrackerTool,
    pub table: String,
    pub applied: Vec<String>,
}

struct Spec {
    tool: TrackerTool,
    table: &'static str,
    /// Selects one text value per applied migration, oldest first; `{t}` is the table.
    postgres: &'static str,
    mysql: &'static str,
}

const SPECS: &[Spec] = &[
    Spec {
        tool: TrackerTool::Alembic,
        table: "alembic_version",
        postgres: "SELECT version_num::text FROM {t}",
        mysql: "SELECT CAST(version_num AS CHAR) FROM {t}",
    },
    Spec {
        tool: TrackerTool::Drizzle,
        table: "__drizzle_migrations",
        postgres: "SELECT created_at::text FROM {t} ORDER BY id",
        mysql: "SELECT CAST(created_at AS CHAR) FROM {t} ORDER BY id",
    },
    Spec {
        tool: TrackerTool::SchemaMigrations,
        table: "schema_migrations",
        postgres: "SELECT version::text AS applied FROM {t} ORDER BY version",
        mysql: "SELECT CAST(version AS CHAR) AS applied FROM {t} ORDER BY version",
    },
    Spec {
        tool: TrackerTool::Flyway,
        table: "flyway_schema_history",
        postgres: "SELECT version::text FROM {t} WHERE success AND version IS NOT NULL ORDER BY installed_rank",
        mysql: "SELECT CAST(version AS CHAR) FROM {t} WHERE success AND version IS NOT NULL ORDER BY installed_rank",
    },
    Spec {
        tool: TrackerTool::Prisma,
        table: "_prisma_migrations",
        postgres: "SELECT migration_name::text FROM {t} WHERE finished_at IS NOT NULL ORDER BY started_at",
        mysql: "SELECT CAST(migration_name AS CHAR) FROM {t} WHERE finished_at IS NOT NULL ORDER BY started_at",
    },
    Spec {
        tool: TrackerTool::Django,
        table: "django_migrations",
        postgres: "SELECT (app || '.' || name)::text FROM {t} ORDER BY id",
        mysql: "SELECT CONCAT(app, '.', name) FROM {t} ORDER BY id",
    },
    Spec {
        tool: TrackerTool::Atlas,
        table: "atlas_schema_revisions",
        postgres: "SELECT version::text AS applied FROM {t} ORDER BY version",
        mysql: "SELECT CAST(version AS CHAR) AS applied FROM {t} ORDER BY version",
    },
    Spec {
        tool: TrackerTool::Goose,
        table: "goose_db_version",
        postgres: "SELECT version_id::text FROM {t} WHERE is_applied ORDER BY id",
        mysql: "SELECT CAST(version_id AS CHAR) FROM {t} WHERE is_applied ORDER BY id",
    },
];

fn names() -> Vec<String> {
    SPECS.iter().map(|s| s.table.to_string()).collect()
}

fn quote_pg(schema: &str, table: &str) -> String {
    format!(
        "\"{}\".\"{}\"",
        schema.replace('"', "\"\""),
        table.replace('"', "\"\"")
    )
}

/// Reads every tracker table found in the given schemas or in the `drizzle` schema.
pub async fn read_postgres(
    tx: &mut sqlx::PgConnection,
    schemas: &[String],
) -> Result<Vec<TrackerState>, sqlx::Error> {
    let mut searched = schemas.to_vec();
    searched.push("drizzle".to_string());
    let found = sqlx::query(
        "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY($1) AND c.relname = ANY($2)
         ORDER BY c.relname, n.nspname",
    )
    .bind(&searched)
    .bind(names())
    .fetch_all(&mut *tx)
    .await?;
    let mut out = Vec::new();
    for row in found {
        let (schema, table): (String, String) = (row.get(0), row.get(1));
        let Some(spec) = SPECS.iter().find(|s| s.table == table) else {
            continue;
        };
        let sql = spec.postgres.replace("{t}", &quote_pg(&schema, &table));
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_all(&mut *tx)
            .await?;
        out.push(TrackerState {
            tool: spec.tool,
            table: format!("{schema}.{table}"),
            applied: rows
                .iter()
                .map(|r| r.get::<Option<String>, _>(0).unwrap_or_default())
                .collect(),
        });
    }
    Ok(out)
}

pub async fn read_mysql(tx: &mut sqlx::MySqlConnection) -> Result<Vec<TrackerState>, sqlx::Error> {
    let found = sqlx::query(
        "SELECT CAST(TABLE_NAME AS CHAR) FROM information_schema.TABLES
         WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY 1",
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut out = Vec::new();
    for row in found {
        let table: String = row.get(0);
        let Some(spec) = SPECS.iter().find(|s| s.table == table) else {
            continue;
        };
        let sql = spec
            .mysql
            .replace("{t}", &format!("`{}`", table.replace('`', "``")));
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_all(&mut *tx)
            .await?;
        out.push(TrackerState {
            tool: spec.tool,
            table,
            applied: rows
                .iter()
                .map(|r| r.get::<Option<String>, _>(0).unwrap_or_default())
                .collect(),
        });
    }
    Ok(out)
}

pub async fn read_sqlite(
    connection: &mut sqlx::SqliteConnection,
) -> Result<Vec<TrackerState>, sqlx::Error> {
    let found = sqlx::query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .fetch_all(&mut *connection)
        .await?;
    let mut out = Vec::new();
    for row in found {
        let table: String = row.get(0);
        let Some(spec) = SPECS.iter().find(|s| s.table == table) else {
            continue;
        };
        // SQLite casts with CAST(x AS TEXT); the MySQL form's CHAR is read as TEXT affinity.
        let sql = spec
            .mysql
            .replace("{t}", &format!("\"{}\"", table.replace('"', "\"\"")))
            .replace("CONCAT(app, '.', name)", "app || '.' || name");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_all(&mut *connection)
            .await?;
        out.push(TrackerState {
            tool: spec.tool,
            table,
            applied: rows
                .iter()
                .map(|r| r.get::<Option<String>, _>(0).unwrap_or_default())
                .collect(),
        });
    }
    Ok(out)
}
