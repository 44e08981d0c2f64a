//! Live databases: the local Postgres and MariaDB, and a bundled SQLite file. Each test creates
//! its own uniquely named database and drops it afterwards. URLs come from
//! SCHEMADRIFT_TEST_POSTGRES_URL / SCHEMADRIFT_TEST_MYSQL_URL; under CI=true an unreachable
//! server fails the test instead of skipping it.

use schemadrift::extract::sql;
use schemadrift::introspect::{
    DatabaseUrl, IntrospectOptions, execute_in_introspection_session, introspect,
};
use schemadrift::model::{Dialect, Schema, SourceKind};
use schemadrift::reconcile::diff::diff;
use schemadrift::source::SourceFile;
use sqlx::Connection;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

static COUNTER: AtomicUsize = AtomicUsize::new(0);

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// A database created for one test and dropped when the test ends.
struct TestDatabase {
    admin_url: String,
    name: String,
    url: String,
    dialect: Dialect,
}

impl TestDatabase {
    fn create(dialect: Dialect) -> Option<TestDatabase> {
        let (var, default) = match dialect {
            Dialect::Postgres => (
                "SCHEMADRIFT_TEST_POSTGRES_URL",
                "postgres://postgres@127.0.0.1:5432/test",
            ),
            Dialect::Mysql => (
                "SCHEMADRIFT_TEST_MYSQL_URL",
                "mysql://root@127.0.0.1:3306/test",
            ),
            Dialect::Sqlite => unreachable!("SQLite needs no server"),
        };
        let admin_url = std::env::var(var).unwrap_or_else(|_| default.to_string());
        let name = format!(
            "schemadrift_test_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        );
        let created = runtime().block_on(async {
            match dialect {
                Dialect::Postgres => {
                    let mut c = sqlx::PgConnection::connect(&admin_url).await?;
                    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                        .execute(&mut c)
                        .await?;
                    c.close().await
                }
                _ => {
                    let mut c = sqlx::MySqlConnection::connect(&admin_url).await?;
                    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                        .execute(&mut c)
                        .await?;
                    c.close().await
                }
            }
        });
        if let Err(error) = created {
            if in_ci() {
                panic!("{var}: database server unreachable under CI=true: {error}");
            }
            eprintln!("skipping: {var} unreachable ({error})");
            return None;
        }
        let base = admin_url.rsplit_once('/').map(|(b, _)| b).unwrap();
        Some(TestDatabase {
            url: format!("{base}/{name}"),
            admin_url,
            name,
            dialect,
        })
    }

    fn load(&self, sql_text: &str) {
        let url = self.url.clone();
        let dialect = self.dialect;
        let sql_text = sql_text.to_string();
        runtime().block_on(async move {
            let statement = sqlx::AssertSqlSafe(sql_text);
            match dialect {
                Dialect::Postgres => {
                    let mut c = sqlx::PgConnection::connect(&url).await.unwrap();
                    sqlx::raw_sql(statement).execute(&mut c).await.unwrap();
                }
                _ => {
                    let mut c = sqlx::MySqlConnection::connect(&url).await.unwrap();
                    sqlx::raw_sql(statement).execute(&mut c).await.unwrap();
                }
            }
        });
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let (admin, name, dialect) = (self.admin_url.clone(), self.name.clone(), self.dialect);
        runtime().block_on(async move {
            let drop = sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name}"));
            if dialect == Dialect::Postgres {
                if let Ok(mut c) = sqlx::PgConnection::connect(&admin).await {
                    let _ = sqlx::raw_sql(drop).execute(&mut c).await;
                }
            } else if let Ok(mut c) = sqlx::MySqlConnection::connect(&admin).await {
                let _ = sqlx::raw_sql(drop).execute(&mut c).await;
            }
        });
    }
}

/// A SQLite file at `path` holding what `sql` creates.
fn sqlite_file(path: &Path, sql: &str) {
    runtime().block_on(async {
        let options = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true);
        let mut c = sqlx::SqliteConnection::connect_with(&options)
            .await
            .unwrap();
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_string()))
            .execute(&mut c)
            .await
            .unwrap();
        c.close().await.unwrap();
    });
}

fn fixture(path: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("testdata")
            .join(path),
    )
    .unwrap()
}

/// The schema the SQL extractor reads from the same text that was loaded into the database.
fn extracted(text: &str, dialect: Dialect) -> Schema {
    let file = SourceFile::in_memory("fixture.sql", text);
    let mut schema = Schema::new(SourceKind::Sql, "fixture.sql", dialect);
    for change in sql::extract(&file, dialect, SourceKind::Sql).changes {
        schema.apply(change).unwrap();
    }
    schema.finish();
    schema
}

fn assert_same_model(from_files: &Schema, from_database: &Schema) {
    let differences = diff(from_files, from_database);
    assert!(
        differences.is_empty(),
        "the database and the SQL disagree:\n{differences:#?}"
    );
}

fn snapshot(name: &str, mut schema: Schema) {
    schema.label = "<database>".into();
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_json_snapshot!(name, schema));
}

fn options() -> IntrospectOptions {
    IntrospectOptions {
        schemas: vec!["public".into(), "billing".into()],
        ..IntrospectOptions::default()
    }
}

/// Scans `root` against the database at `url`, with the default introspection options.
fn scan_with_database(
    root: impl Into<std::path::PathBuf>,
    url: &str,
) -> Result<schemadrift::ScanOutcome, schemadrift::error::Error> {
    schemadrift::scan(&schemadrift::ScanOptions {
        root: root.into(),
        database: Some(schemadrift::DatabaseTarget {
            url: DatabaseUrl::parse(url).unwrap(),
            options: IntrospectOptions::default(),
        }),
        ..Default::default()
    })
}

#[test]
fn postgres_introspection_matches_the_sql_it_was_built_from() {
    let Some(db) = TestDatabase::create(Dialect::Postgres) else {
        return;
    };
    for path in [
        "sql-postgres/db/schema.sql",
        "seeds/000-workers-schema-sql-clean/schema.sql",
    ] {
        let text = fixture(path);
        db.load(&text);
        let url = DatabaseUrl::parse(&db.url).unwrap();
        let found = introspect(&url, &options()).unwrap();
        assert_same_model(&extracted(&text, Dialect::Postgres), &found.schema);
        db.load("DROP SCHEMA public CASCADE; CREATE SCHEMA public; DROP SCHEMA IF EXISTS billing CASCADE;");
        if path.starts_with("sql-postgres") {
            assert_eq!(found.views, ["billing.open_invoices"]);
            snapshot("introspect_postgres", found.schema);
        }
    }
}

/// A login role dropped when the test ends.
struct TestRole {
    admin_url: String,
    name: String,
}

impl Drop for TestRole {
    fn drop(&mut self) {
        let (admin, name) = (self.admin_url.clone(), self.name.clone());
        runtime().block_on(async move {
            if let Ok(mut c) = sqlx::PgConnection::connect(&admin).await {
                let sql = sqlx::AssertSqlSafe(format!("DROP ROLE IF EXISTS {name}"));
                let _ = sqlx::raw_sql(sql).execute(&mut c).await;
            }
        });
    }
}

#[test]
fn postgres_introspection_reads_on_one_session_when_no_more_are_allowed() {
    let Some(db) = TestDatabase::create(Dialect::Postgres) else {
        return;
    };
    let text = fixture("sql-postgres/db/schema.sql");
    db.load(&text);
    let role = TestRole {
        admin_url: db.admin_url.clone(),
        name: format!("{}_one_session", db.name),
    };
    db.load(&format!(
        "CREATE ROLE {} LOGIN CONNECTION LIMIT 1; GRANT USAGE ON SCHEMA billing TO {};",
        role.name, role.name
    ));
    let mut limited = url::Url::parse(&db.url).unwrap();
    limited.set_username(&role.name).unwrap();
    let url = DatabaseUrl::parse(limited.as_str()).unwrap();
    let alone = introspect(&url, &options()).unwrap();
    let url = DatabaseUrl::parse(&db.url).unwrap();
    let shared = introspect(&url, &options()).unwrap();
    assert_same_model(&shared.schema, &alone.schema);
    assert_eq!(alone.views, shared.views);
    assert!(!alone.schema.tables.is_empty());
}

#[test]
fn mysql_introspection_matches_the_sql_it_was_built_from() {
    let Some(db) = TestDatabase::create(Dialect::Mysql) else {
        return;
    };
    let text = fixture("sql-mysql/structure.sql");
    db.load(&text);
    let url = DatabaseUrl::parse(&db.url).unwrap();
    let found = introspect(&url, &IntrospectOptions::default()).unwrap();
    assert_same_model(&extracted(&text, Dialect::Mysql), &found.schema);
    snapshot("introspect_mysql", found.schema);
}

#[test]
fn sqlite_introspection_matches_the_sql_it_was_built_from() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    let text = fixture("sql-sqlite/schema.sql");
    let url = format!("sqlite://{}", path.display());
    sqlite_file(&path, &text);
    let found = introspect(
        &DatabaseUrl::parse(&url).unwrap(),
        &IntrospectOptions::default(),
    )
    .unwrap();
    assert_same_model(&extracted(&text, Dialect::Sqlite), &found.schema);
    snapshot("introspect_sqlite", found.schema);
}

#[test]
fn introspection_sessions_refuse_writes() {
    let write = "CREATE TABLE intruder (id integer)";
    if let Some(db) = TestDatabase::create(Dialect::Postgres) {
        let url = DatabaseUrl::parse(&db.url).unwrap();
        let error = execute_in_introspection_session(&url, &options(), write)
            .unwrap_err()
            .to_string();
        assert!(error.contains("read-only"), "{error}");
    }
    if let Some(db) = TestDatabase::create(Dialect::Mysql) {
        let url = DatabaseUrl::parse(&db.url).unwrap();
        let error = execute_in_introspection_session(&url, &options(), write)
            .unwrap_err()
            .to_string();
        assert!(error.to_lowercase().contains("read only"), "{error}");
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.db");
    sqlite_file(&path, "CREATE TABLE t (id integer)");
    let url = DatabaseUrl::parse(&format!("sqlite://{}", path.display())).unwrap();
    let error = execute_in_introspection_session(&url, &options(), write)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("readonly") || error.contains("read-only") || error.contains("read only"),
        "{error}"
    );
}

#[test]
fn migration_trackers_are_read() {
    let Some(db) = TestDatabase::create(Dialect::Postgres) else {
        return;
    };
    db.load(
        "CREATE TABLE schema_migrations (version bigint PRIMARY KEY, dirty boolean);
         INSERT INTO schema_migrations VALUES (1, false), (2, false), (18, false);
         CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY);
         INSERT INTO alembic_version VALUES ('ae1027a6acf');",
    );
    let found = introspect(
        &DatabaseUrl::parse(&db.url).unwrap(),
        &IntrospectOptions::default(),
    )
    .unwrap();
    let trackers: Vec<(String, Vec<String>)> = found
        .trackers
        .iter()
        .map(|t| (t.table.clone(), t.applied.clone()))
        .collect();
    assert_eq!(
        trackers,
        [
            (
                "public.alembic_version".to_string(),
                vec!["ae1027a6acf".to_string()]
            ),
            (
                "public.schema_migrations".to_string(),
                vec!["1".into(), "2".into(), "18".into()]
            ),
        ]
    );
}

/// Seed 002: the database was built by the legacy runner and stopped at migration 7 of 10;
/// drizzle-kit never ran against it.
#[test]
fn a_database_behind_its_migrations_is_reported_with_the_first_pending_file() {
    let Some(db) = TestDatabase::create(Dialect::Postgres) else {
        return;
    };
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/seeds/002-drizzle-vs-legacy-migrations");
    let mut applied = String::new();
    for n in 1..=7 {
        let file = std::fs::read_dir(repo.join("migrations"))
            .unwrap()
            .flatten()
            .find(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with(&format!("{n:03}_"))
            })
            .unwrap();
        applied.push_str(&std::fs::read_to_string(file.path()).unwrap());
        applied.push('\n');
    }
    applied.push_str("CREATE TABLE schema_migrations (version bigint PRIMARY KEY, dirty boolean NOT NULL DEFAULT false);\n");
    applied.push_str("INSERT INTO schema_migrations (version) SELECT generate_series(1, 7);\n");
    db.load(&applied);

    let outcome = scan_with_database(repo.clone(), &db.url).unwrap();
    let found: Vec<(&str, String, u32)> = outcome
        .findings
        .iter()
        .map(|f| (f.rule, f.location.path.to_string(), f.location.line))
        .collect();
    let behind = outcome
        .findings
        .iter()
        .find(|f| f.rule == "migrations-not-applied")
        .expect("behind");
    assert_eq!(
        behind.message,
        "the database has applied 7 of 10 migrations in migrations/: 3 pending, the first is migrations/008_ensure_pipedrive_submissions_schema.sql"
    );
    assert_eq!(
        &*behind.location.path,
        "migrations/008_ensure_pipedrive_submissions_schema.sql"
    );
    let never = outcome
        .findings
        .iter()
        .find(|f| f.rule == "migration-tracker-missing")
        .expect("drizzle never ran");
    assert!(never.message.contains("drizzle/"), "{}", never.message);
    assert!(
        never.message.contains("schema_migrations"),
        "{}",
        never.message
    );
    // The Drizzle schema (lib/database/schema.ts) is the code side and the database the
    // reference: the audit's findings, with the pending migrations explaining exactly what they
    // would create and nothing else.
    let explained = |f: &schemadrift::finding::Finding| -> Option<String> {
        f.related
            .iter()
            .find(|r| r.message.starts_with("not yet applied to the database"))
            .map(|r| r.message.clone())
    };
    let missing = outcome
        .findings
        .iter()
        .find(|f| {
            f.rule == "table-missing-from-database" && f.table.as_deref() == Some("flow_metrics")
        })
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert_eq!(
        explained(missing).as_deref(),
        Some(
            "not yet applied to the database: migrations/009_flow_metrics.sql creates table `flow_metrics`"
        ),
        "{:#?}",
        missing.related
    );
    let note = missing
        .related
        .iter()
        .find(|r| r.message.starts_with("not yet applied"))
        .unwrap();
    assert_eq!(
        (&*note.span.path, note.span.line),
        ("migrations/009_flow_metrics.sql", 1)
    );
    // Tables the migrations never create are not explained by them.
    for table in ["mock_requests", "kv_cache"] {
        let f = outcome
            .findings
            .iter()
            .find(|f| f.rule == "table-missing-from-database" && f.table.as_deref() == Some(table))
            .unwrap_or_else(|| panic!("{table}: {found:#?}"));
        assert_eq!(explained(f), None, "{table}");
    }
    // Indexes: 27 declared in schema.ts are missing from the database; the five that pending
    // migrations 008 and 010 create say so, the others (which no migration creates) do not.
    let indexes: Vec<&schemadrift::finding::Finding> = outcome
        .findings
        .iter()
        .filter(|f| f.rule == "index-missing-from-database")
        .collect();
    assert_eq!(indexes.len(), 27, "{found:#?}");
    let mut pending_indexes: Vec<String> = indexes.iter().filter_map(|f| explained(f)).collect();
    pending_indexes.sort();
    assert_eq!(
        pending_indexes,
        [
            "not yet applied to the database: migrations/008_ensure_pipedrive_submissions_schema.sql creates index `idx_pipedrive_submissions_request_id`",
            "not yet applied to the database: migrations/008_ensure_pipedrive_submissions_schema.sql creates index `idx_pipedrive_submissions_simulated_deal_id`",
            "not yet applied to the database: migrations/010_requests_indexes.sql creates index `idx_requests_created_at`",
            "not yet applied to the database: migrations/010_requests_indexes.sql creates index `idx_requests_line_items_gin`",
            "not yet applied to the database: migrations/010_requests_indexes.sql creates index `idx_requests_status`",
        ]
    );
    // The rest of the audit, none of it explained by a pending migration (008 creates indexes
    // on pipedrive_submissions; it does not change `simulated_deal_id`).
    let mut rest: Vec<(&str, Option<&str>, Option<&str>)> = outcome
        .findings
        .iter()
        .filter(|f| {
            let checked_above = [
                "migrations-not-applied",
                "migration-tracker-missing",
                "index-missing-from-database",
            ]
            .contains(&f.rule)
                || std::ptr::eq(*f, missing);
            !checked_above
        })
        .inspect(|f| assert_eq!(explained(f), None, "{}: {}", f.rule, f.message))
        .map(|f| (f.rule, f.table.as_deref(), f.column.as_deref()))
        .collect();
    rest.sort();
    let metric = Some("pipedrive_metric_data");
    let flow = Some("pipedrive_deal_flow_data");
    assert_eq!(
        rest,
        [
            ("column-default-mismatch", metric, Some("id")),
            (
                "column-default-mismatch",
                Some("site_visits"),
                Some("updated_at")
            ),
            ("column-missing-from-database", flow, Some("event_id")),
            ("column-missing-from-database", flow, Some("timestamp")),
            ("column-missing-from-database", metric, Some("created_at")),
            ("column-missing-from-database", metric, Some("deal_id")),
            (
                "column-missing-from-database",
                metric,
                Some("duration_days")
            ),
            ("column-missing-from-database", metric, Some("end_stage_id")),
            (
                "column-missing-from-database",
                metric,
                Some("end_timestamp")
            ),
            ("column-missing-from-database", metric, Some("metric_key")),
            (
                "column-missing-from-database",
                metric,
                Some("start_stage_id")
            ),
            (
                "column-missing-from-database",
                metric,
                Some("start_timestamp")
            ),
            ("column-missing-from-models", flow, Some("entered_at")),
            (
                "column-missing-from-models",
                flow,
                Some("pipedrive_event_id")
            ),
            ("column-missing-from-models", flow, Some("pipeline_id")),
            (
                "column-missing-from-models",
                metric,
                Some("first_fetched_at")
            ),
            (
                "column-missing-from-models",
                metric,
                Some("last_fetched_at")
            ),
            ("column-missing-from-models", metric, Some("pipeline_id")),
            ("column-missing-from-models", metric, Some("stage_id")),
            ("column-missing-from-models", metric, Some("status")),
            ("column-missing-from-models", metric, Some("title")),
            (
                "column-nullability-mismatch",
                Some("pipedrive_submissions"),
                Some("simulated_deal_id")
            ),
            ("column-type-mismatch", metric, Some("id")),
            ("enum-values-mismatch", None, None),
            (
                "foreign-key-missing-from-models",
                Some("canonical_stage_mappings"),
                Some("metric_config_id")
            ),
            (
                "id-column-without-foreign-key",
                Some("pipedrive_submissions"),
                Some("request_id")
            ),
            ("inconsistent-key-column-type", metric, Some("deal_id")),
            ("inconsistent-key-column-type", metric, Some("end_stage_id")),
            (
                "inconsistent-key-column-type",
                metric,
                Some("start_stage_id")
            ),
            ("table-missing-from-database", Some("kv_cache"), None),
            ("table-missing-from-database", Some("mock_requests"), None),
        ]
    );
}

/// What the Alembic history of seed 003 builds, as Postgres DDL (the SQL `alembic upgrade head
/// --sql` prints, trimmed), with the tracker at the head revision.
const SEED_003_DATABASE: &str = r#"
CREATE TABLE "user" (
    id SERIAL NOT NULL,
    email VARCHAR(255) NOT NULL,
    hashed_password VARCHAR(255),
    created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    PRIMARY KEY (id),
    UNIQUE (email)
);
CREATE TABLE session (
    id SERIAL NOT NULL,
    user_id INTEGER NOT NULL,
    token VARCHAR(64) NOT NULL,
    created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY (user_id) REFERENCES "user" (id)
);
CREATE TABLE documents (
    id SERIAL NOT NULL,
    user_id INTEGER NOT NULL,
    filename VARCHAR(255) NOT NULL,
    created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY (user_id) REFERENCES "user" (id)
);
CREATE TABLE query_history (
    id SERIAL NOT NULL,
    user_id INTEGER NOT NULL,
    query VARCHAR(2000) NOT NULL,
    response_time_ms INTEGER,
    created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY (user_id) REFERENCES "user" (id)
);
CREATE TABLE usage_events (
    id SERIAL NOT NULL,
    user_id VARCHAR(50) NOT NULL,
    event_type VARCHAR(50) NOT NULL,
    tokens INTEGER NOT NULL,
    created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    PRIMARY KEY (id)
);
CREATE TABLE cost_alerts (
    id SERIAL NOT NULL,
    user_id VARCHAR(50) NOT NULL,
    threshold_eur NUMERIC(10, 2) NOT NULL,
    created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    PRIMARY KEY (id)
);
CREATE TABLE expert_profiles (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL UNIQUE REFERENCES "user"(id) ON DELETE CASCADE,
    specialty VARCHAR(100),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);
CREATE TABLE subscriptions (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES "user"(id),
    plan VARCHAR(50) NOT NULL,
    status VARCHAR(20) NOT NULL DEFAULT 'active',
    created_at TIMESTAMP WITH TIME ZONE DEFAULT now()
);
CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
INSERT INTO alembic_version (version_num) VALUES ('3a6f9d2c7e15');
"#;

/// Seed 003 against the live database its Alembic history built: the same findings, at the same
/// code lines, as against the replayed history; what they point to in the database is named
/// `db: table.column`.
#[test]
fn seed_003_against_its_database_reports_what_the_alembic_replay_reports() {
    let Some(db) = TestDatabase::create(Dialect::Postgres) else {
        return;
    };
    db.load(SEED_003_DATABASE);
    let root =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/seeds/003-sqlalchemy-uuid-vs-integer");
    let places = |outcome: &schemadrift::ScanOutcome| -> Vec<(String, String, u32)> {
        outcome
            .findings
            .iter()
            .map(|f| {
                (
                    f.rule.to_string(),
                    f.location.path.to_string(),
                    f.location.line,
                )
            })
            .collect()
    };
    let replayed = schemadrift::scan(&schemadrift::ScanOptions {
        root: root.clone(),
        ..Default::default()
    })
    .unwrap();
    let live = schemadrift::scan(&schemadrift::ScanOptions {
        root,
        database: Some(schemadrift::DatabaseTarget {
            url: DatabaseUrl::parse(&db.url).unwrap(),
            options: IntrospectOptions::default(),
        }),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(places(&live), places(&replayed));
    assert_eq!(places(&live).len(), 23, "{:#?}", places(&live));

    let finding = |rule: &str, table: &str| {
        live.findings
            .iter()
            .find(|f| f.rule == rule && f.table.as_deref() == Some(table))
            .unwrap_or_else(|| panic!("no {rule} on {table}: {:#?}", places(&live)))
    };
    let uuid = finding("column-type-mismatch", "expert_profiles");
    assert_eq!(
        uuid.message,
        "`expert_profiles.user_id` is uuid in the SQLAlchemy models but integer in the database: a UUID value cannot be stored in or compared with an integer column"
    );
    assert_eq!(&*uuid.related[0].span.path, "db: expert_profiles.user_id");
    let subscriptions = finding("column-type-mismatch", "subscriptions");
    assert_eq!(
        &*subscriptions.related[0].span.path,
        "db: subscriptions.user_id"
    );
    let replayed_uuid = replayed
        .findings
        .iter()
        .find(|f| f.rule == "column-type-mismatch" && f.table.as_deref() == Some("expert_profiles"))
        .unwrap();
    assert_eq!(
        &*replayed_uuid.related[0].span.path,
        "alembic/versions/20251121_add_expert_feedback_system.py"
    );
    // Within the models, nothing changes: the uuid column against `user.id` in app/models/user.py.
    let fk = finding("foreign-key-type-mismatch", "faq_candidates");
    assert_eq!(&*fk.related[0].span.path, "app/models/user.py");
    // The hand-made table autogenerate would drop, and the orphan no migration creates.
    let dropped = finding("metadata-not-migrated", "expert_profiles");
    assert!(
        dropped
            .message
            .ends_with("proposes dropping `expert_profiles`, which exists in the database"),
        "{}",
        dropped.message
    );
    assert!(
        dropped
            .related
            .iter()
            .any(|r| &*r.span.path == "db: expert_profiles"),
        "{:#?}",
        dropped.related
    );
    let orphan = finding("metadata-not-migrated", "faq_candidates");
    assert!(
        orphan.message.ends_with(
            "so no migration creates it: `faq_candidates` does not exist in the database"
        ),
        "{}",
        orphan.message
    );
}

/// Models that SQLAlchemy's own `create_all` built into a database, scanned with only the
/// database's URL: its scheme decides the dialect the models are read for.
#[test]
fn the_database_url_decides_the_dialect() {
    let models = r#"import enum
from sqlalchemy import Column, DateTime, Enum, Integer, Numeric, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Status(enum.Enum):
    open = "open"
    closed = "closed"


class Ticket(Base):
    __tablename__ = "tickets"
    id = Column(Integer, primary_key=True)
    title = Column(String(255), nullable=False)
    created_at = Column(DateTime, nullable=False)
    amount = Column(Numeric(10, 2))
    status = Column(Enum(Status), nullable=False)
"#;
    let repo = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(repo.path().join("app")).unwrap();
    std::fs::write(repo.path().join("app/models.py"), models).unwrap();
    let scan_against = |url: &str| {
        let outcome = schemadrift::scan(&schemadrift::ScanOptions {
            root: repo.path().to_path_buf(),
            database: Some(schemadrift::DatabaseTarget {
                url: DatabaseUrl::parse(url).unwrap(),
                options: options(),
            }),
            ..Default::default()
        })
        .unwrap();
        outcome
            .findings
            .iter()
            .map(|f| format!("{} {}", f.rule, f.message))
            .collect::<Vec<_>>()
    };

    // What `create_all` emits on SQLite.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tickets.db");
    sqlite_file(
        &path,
        "CREATE TABLE tickets (id INTEGER NOT NULL, title VARCHAR(255) NOT NULL, \
             created_at DATETIME NOT NULL, amount NUMERIC(10, 2), status VARCHAR(6) NOT NULL, \
             PRIMARY KEY (id))",
    );
    let found = scan_against(&format!("sqlite://{}", path.display()));
    assert!(found.is_empty(), "SQLite: {found:#?}");

    // What `create_all` emits on MariaDB.
    let Some(db) = TestDatabase::create(Dialect::Mysql) else {
        return;
    };
    db.load(
        "CREATE TABLE tickets (id INTEGER NOT NULL AUTO_INCREMENT, title VARCHAR(255) NOT NULL, \
         created_at DATETIME NOT NULL, amount NUMERIC(10, 2), \
         status ENUM('open','closed') NOT NULL, PRIMARY KEY (id))",
    );
    let found = scan_against(&db.url);
    assert!(found.is_empty(), "MariaDB: {found:#?}");
}

#[test]
fn a_flyway_migration_left_behind_a_higher_applied_version_is_a_conflict() {
    let Some(db) = TestDatabase::create(Dialect::Postgres) else {
        return;
    };
    let scratch = tempfile::tempdir().unwrap();
    let repo = scratch.path();
    let migrations = repo.join("db/migration");
    std::fs::create_dir_all(&migrations).unwrap();
    std::fs::write(
        migrations.join("V1__accounts.sql"),
        "CREATE TABLE accounts (id bigint PRIMARY KEY);\n",
    )
    .unwrap();
    // Merged from a branch after V3 was deployed: Flyway refuses to apply it below V3.
    std::fs::write(
        migrations.join("V2__account_plan.sql"),
        "ALTER TABLE accounts ADD COLUMN plan text;\n",
    )
    .unwrap();
    std::fs::write(
        migrations.join("V3__invoices.sql"),
        "CREATE TABLE invoices (id bigint PRIMARY KEY);\n",
    )
    .unwrap();
    db.load(
        "CREATE TABLE accounts (id bigint PRIMARY KEY);\n\
         CREATE TABLE invoices (id bigint PRIMARY KEY);\n\
         CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY, version varchar(50), \
         description varchar(200), type varchar(20) NOT NULL, script varchar(1000), \
         success boolean NOT NULL);\n\
         INSERT INTO flyway_schema_history VALUES (1, '1', 'accounts', 'SQL', 'V1__accounts.sql', true), \
         (2, '3', 'invoices', 'SQL', 'V3__invoices.sql', true);\n",
    );
    let scan = |repo: &Path| scan_with_database(repo.to_path_buf(), &db.url).unwrap();
    let outcome = scan(repo);
    let conflict = outcome
        .findings
        .iter()
        .find(|f| f.rule == "migration-history-conflict")
        .expect("V2 is left behind V3");
    assert_eq!(
        &*conflict.location.path,
        "db/migration/V2__account_plan.sql"
    );
    assert!(
        conflict.message.contains("applied version 3"),
        "{}",
        conflict.message
    );
    // With outOfOrder on, Flyway applies it: only the pending migration is reported.
    std::fs::write(repo.join("flyway.conf"), "flyway.outOfOrder=true\n").unwrap();
    let outcome = scan(repo);
    assert!(
        outcome
            .findings
            .iter()
            .all(|f| f.rule != "migration-history-conflict")
    );
    assert!(
        outcome
            .findings
            .iter()
            .any(|f| f.rule == "migrations-not-applied")
    );
}

#[test]
fn migrations_below_a_flyway_baseline_are_neither_pending_nor_out_of_order() {
    let Some(db) = TestDatabase::create(Dialect::Postgres) else {
        return;
    };
    let scratch = tempfile::tempdir().unwrap();
    let repo = scratch.path();
    let migrations = repo.join("db/migration");
    std::fs::create_dir_all(&migrations).unwrap();
    for (name, sql) in [
        (
            "V1__accounts.sql",
            "CREATE TABLE accounts (id bigint PRIMARY KEY);\n",
        ),
        (
            "V2__account_plan.sql",
            "ALTER TABLE accounts ADD COLUMN plan text;\n",
        ),
        (
            "V3__invoices.sql",
            "CREATE TABLE invoices (id bigint PRIMARY KEY);\n",
        ),
        (
            "V4__invoice_total.sql",
            "ALTER TABLE invoices ADD COLUMN total numeric;\n",
        ),
    ] {
        std::fs::write(migrations.join(name), sql).unwrap();
    }
    // An existing database put under Flyway with `flyway baseline -baselineVersion=2`, then V3
    // applied: V1 and V2 never run there, and V4 is the one migration still to apply.
    db.load(
        "CREATE TABLE accounts (id bigint PRIMARY KEY, plan text);\n\
         CREATE TABLE invoices (id bigint PRIMARY KEY);\n\
         CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY, version varchar(50), \
         description varchar(200), type varchar(20) NOT NULL, script varchar(1000), \
         success boolean NOT NULL);\n\
         INSERT INTO flyway_schema_history VALUES \
         (1, '2', '<< Flyway Baseline >>', 'BASELINE', '<< Flyway Baseline >>', true), \
         (2, '3', 'invoices', 'SQL', 'V3__invoices.sql', true);\n",
    );
    let outcome = scan_with_database(repo.to_path_buf(), &db.url).unwrap();
    let rules: Vec<(&str, &str)> = outcome
        .findings
        .iter()
        .map(|f| (&*f.rule, &*f.location.path))
        .collect();
    assert!(
        rules
            .iter()
            .all(|(rule, _)| *rule != "migration-history-conflict"),
        "{rules:?}"
    );
    let pending = outcome
        .findings
        .iter()
        .find(|f| f.rule == "migrations-not-applied")
        .expect("V4 is pending");
    assert_eq!(
        &*pending.location.path,
        "db/migration/V4__invoice_total.sql"
    );
    assert!(
        pending.message.contains("applied 3 of 4 migrations")
            && pending.message.contains("1 pending"),
        "{}",
        pending.message
    );
}

#[test]
fn a_tracker_table_of_another_shape_is_unknown_and_the_scan_goes_on() {
    let Some(db) = TestDatabase::create(Dialect::Postgres) else {
        return;
    };
    let scratch = tempfile::tempdir().unwrap();
    let repo = scratch.path();
    let migrations = repo.join("migrations");
    std::fs::create_dir_all(&migrations).unwrap();
    std::fs::write(
        migrations.join("001_accounts.sql"),
        "CREATE TABLE accounts (id bigint PRIMARY KEY);\n",
    )
    .unwrap();
    std::fs::write(
        migrations.join("002_invoices.sql"),
        "CREATE TABLE invoices (id bigint PRIMARY KEY);\n",
    )
    .unwrap();
    // A hand-rolled runner's table that happens to share the name: no `version` column.
    db.load(
        "CREATE TABLE accounts (id bigint PRIMARY KEY);\n\
         CREATE TABLE invoices (id bigint PRIMARY KEY);\n\
         CREATE TABLE schema_migrations (filename text PRIMARY KEY, ran_at timestamptz);\n\
         INSERT INTO schema_migrations VALUES ('001_accounts.sql', now());\n",
    );
    let outcome = scan_with_database(repo.to_path_buf(), &db.url)
        .expect("the scan goes on past a tracker it cannot read");
    let rules: Vec<&str> = outcome.findings.iter().map(|f| &*f.rule).collect();
    assert!(
        !rules.contains(&"migrations-not-applied") && !rules.contains(&"migration-tracker-missing"),
        "{rules:?}"
    );
}
