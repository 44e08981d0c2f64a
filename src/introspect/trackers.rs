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
    /// The version a Flyway database was baselined at (`flyway baseline`, or a `B` baseline
    /// migration): migrations at or below it are never applied there, and are not pending.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<String>,
    /// Why the table could not be read as the tool's tracker; nothing is compared with it then.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unreadable: Option<String>,
}

struct Spec {
    tool: TrackerTool,
    table: &'static str,
    /// Selects one text value per applied migration, oldest first; `{t}` is the table.
    postgres: &'static str,
    mysql: &'static str,
    /// Selects the version the database was baselined at, if the tool has such a thing.
    baseline: Option<Baseline>,
}

struct Baseline {
    postgres: &'static str,
    mysql: &'static str,
}

const SPECS: &[Spec] = &[
    Spec {
        tool: TrackerTool::Alembic,
        table: "alembic_version",
        postgres: "SELECT version_num::text FROM {t}",
        mysql: "SELECT CAST(version_num AS CHAR) FROM {t}",
        baseline: None,
    },
    Spec {
        tool: TrackerTool::Drizzle,
        table: "__drizzle_migrations",
        postgres: "SELECT created_at::text FROM {t} ORDER BY id",
        mysql: "SELECT CAST(created_at AS CHAR) FROM {t} ORDER BY id",
        baseline: None,
    },
    Spec {
        tool: TrackerTool::SchemaMigrations,
        table: "schema_migrations",
        postgres: "SELECT version::text AS applied FROM {t} ORDER BY version",
        mysql: "SELECT CAST(version AS CHAR) AS applied FROM {t} ORDER BY version",
        baseline: None,
    },
    Spec {
        tool: TrackerTool::Flyway,
        table: "flyway_schema_history",
        postgres: "SELECT version::text FROM {t} WHERE success AND version IS NOT NULL AND type NOT IN ('BASELINE', 'SQL_BASELINE') ORDER BY installed_rank",
        mysql: "SELECT CAST(version AS CHAR) FROM {t} WHERE success AND version IS NOT NULL AND type NOT IN ('BASELINE', 'SQL_BASELINE') ORDER BY installed_rank",
        baseline: Some(Baseline {
            postgres: "SELECT version::text FROM {t} WHERE success AND version IS NOT NULL AND type IN ('BASELINE', 'SQL_BASELINE') ORDER BY installed_rank DESC LIMIT 1",
            mysql: "SELECT CAST(version AS CHAR) FROM {t} WHERE success AND version IS NOT NULL AND type IN ('BASELINE', 'SQL_BASELINE') ORDER BY installed_rank DESC LIMIT 1",
        }),
    },
    Spec {
        tool: TrackerTool::Prisma,
        table: "_prisma_migrations",
        postgres: "SELECT migration_name::text FROM {t} WHERE finished_at IS NOT NULL ORDER BY started_at",
        mysql: "SELECT CAST(migration_name AS CHAR) FROM {t} WHERE finished_at IS NOT NULL ORDER BY started_at",
        baseline: None,
    },
    Spec {
        tool: TrackerTool::Django,
        table: "django_migrations",
        postgres: "SELECT (app || '.' || name)::text FROM {t} ORDER BY id",
        mysql: "SELECT CONCAT(app, '.', name) FROM {t} ORDER BY id",
        baseline: None,
    },
    Spec {
        tool: TrackerTool::Atlas,
        table: "atlas_schema_revisions",
        postgres: "SELECT version::text AS applied FROM {t} ORDER BY version",
        mysql: "SELECT CAST(version AS CHAR) AS applied FROM {t} ORDER BY version",
        baseline: None,
    },
    Spec {
        tool: TrackerTool::Goose,
        table: "goose_db_version",
        postgres: "SELECT version_id::text FROM {t} WHERE is_applied ORDER BY id",
        mysql: "SELECT CAST(version_id AS CHAR) FROM {t} WHERE is_applied ORDER BY id",
        baseline: None,
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

/// The state of one tracker table from its query results. A tracker whose shape is not the
/// tool's (a hand-rolled `schema_migrations`, say) is carried as unreadable, never as empty.
fn state(
    spec: &Spec,
    table: String,
    applied: Result<Vec<Option<String>>, sqlx::Error>,
    baseline: Result<Option<String>, sqlx::Error>,
) -> TrackerState {
    let (applied, baseline, unreadable) = match (applied, baseline) {
        (Ok(applied), Ok(baseline)) => (
            applied.into_iter().map(Option::unwrap_or_default).collect(),
            baseline,
            None,
        ),
        (Err(e), _) | (_, Err(e)) => (Vec::new(), None, Some(first_line(&e))),
    };
    TrackerState {
        tool: spec.tool,
        table,
        applied,
        baseline,
        unreadable,
    }
}

fn first_line(error: &sqlx::Error) -> String {
    let text = match error {
        sqlx::Error::Database(e) => e.message().to_string(),
        other => other.to_string(),
    };
    text.lines().next().unwrap_or_default().to_string()
}

fn texts<R: Row>(rows: Vec<R>) -> Vec<Option<String>>
where
    usize: sqlx::ColumnIndex<R>,
    Option<String>: for<'r> sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    rows.iter().map(|r| r.get::<Option<String>, _>(0)).collect()
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
        let quoted = quote_pg(&schema, &table);
        // A failed query aborts the transaction; the savepoint keeps the rest of the read.
        sqlx::query("SAVEPOINT schemadrift_tracker")
            .execute(&mut *tx)
            .await?;
        let applied = sqlx::query(sqlx::AssertSqlSafe(spec.postgres.replace("{t}", &quoted)))
            .fetch_all(&mut *tx)
            .await
            .map(texts);
        let baseline = match (&applied, &spec.baseline) {
            (Ok(_), Some(query)) => {
                sqlx::query(sqlx::AssertSqlSafe(query.postgres.replace("{t}", &quoted)))
                    .fetch_optional(&mut *tx)
                    .await
                    .map(|row| row.and_then(|r| r.get::<Option<String>, _>(0)))
            }
            _ => Ok(None),
        };
        if applied.is_err() || baseline.is_err() {
            sqlx::query("ROLLBACK TO SAVEPOINT schemadrift_tracker")
                .execute(&mut *tx)
                .await?;
        }
        out.push(state(spec, format!("{schema}.{table}"), applied, baseline));
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
        let quoted = format!("`{}`", table.replace('`', "``"));
        let applied = sqlx::query(sqlx::AssertSqlSafe(spec.mysql.replace("{t}", &quoted)))
            .fetch_all(&mut *tx)
            .await
            .map(texts);
        let baseline = match &spec.baseline {
            Some(query) => sqlx::query(sqlx::AssertSqlSafe(query.mysql.replace("{t}", &quoted)))
                .fetch_optional(&mut *tx)
                .await
                .map(|row| row.and_then(|r| r.get::<Option<String>, _>(0))),
            None => Ok(None),
        };
        out.push(state(spec, table, applied, baseline));
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
        let sqlite = |mysql: &str| {
            mysql
                .replace("{t}", &format!("\"{}\"", table.replace('"', "\"\"")))
                .replace("CONCAT(app, '.', name)", "app || '.' || name")
        };
        let applied = sqlx::query(sqlx::AssertSqlSafe(sqlite(spec.mysql)))
            .fetch_all(&mut *connection)
            .await
            .map(texts);
        let baseline = match &spec.baseline {
            Some(query) => sqlx::query(sqlx::AssertSqlSafe(sqlite(query.mysql)))
                .fetch_optional(&mut *connection)
                .await
                .map(|row| row.and_then(|r| r.get::<Option<String>, _>(0))),
            None => Ok(None),
        };
        out.push(state(spec, table, applied, baseline));
    }
    Ok(out)
}
