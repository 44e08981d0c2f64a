//! Live databases read into the unified model: Postgres, MySQL/MariaDB and SQLite through sqlx,
//! in a read-only session with connect and statement timeouts, with a handful of catalog queries
//! for the whole database (never one per table). Passwords never leave this module: every
//! message names the database by its redacted URL.

mod mysql;
mod postgres;
mod sqlite;
pub mod trackers;

use crate::error::Error;
use crate::model::{Dialect, Schema};
use std::time::Duration;

pub use trackers::TrackerState;

/// A database URL with its secret kept apart from everything that is printed.
#[derive(Clone)]
pub struct DatabaseUrl {
    secret: String,
    redacted: String,
    pub dialect: Dialect,
}

impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.redacted)
    }
}

impl DatabaseUrl {
    pub fn parse(raw: &str) -> Result<DatabaseUrl, Error> {
        let raw = raw.trim();
        let redacted = redact(raw);
        let scheme = raw
            .split(':')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let dialect = match scheme.as_str() {
            "postgres" | "postgresql" => Dialect::Postgres,
            "mysql" | "mariadb" => Dialect::Mysql,
            "sqlite" => Dialect::Sqlite,
            _ => {
                return Err(Error::Database(format!(
                    "unsupported database URL `{redacted}`: use postgres://, mysql:// or sqlite://"
                )));
            }
        };
        if dialect != Dialect::Sqlite {
            url::Url::parse(raw)
                .map_err(|e| Error::Database(format!("invalid database URL `{redacted}`: {e}")))?;
        }
        let secret = if scheme == "mariadb" {
            format!("mysql{}", &raw[scheme.len()..])
        } else {
            raw.to_string()
        };
        Ok(DatabaseUrl {
            secret,
            redacted,
            dialect,
        })
    }

    /// The URL as it may be shown: the password replaced by `***`.
    pub fn redacted(&self) -> &str {
        &self.redacted
    }

    pub(crate) fn secret(&self) -> &str {
        &self.secret
    }

    /// Removes the password (and the URL) from a driver message.
    pub(crate) fn scrub(&self, message: &str) -> String {
        let mut out = message.replace(&self.secret, &self.redacted);
        if let Ok(url) = url::Url::parse(&self.secret) {
            if let Some(password) = url.password() {
                if !password.is_empty() {
                    out = out.replace(password, "***");
                    if let Ok(decoded) = urlencoding_decode(password) {
                        out = out.replace(&decoded, "***");
                    }
                }
            }
        }
        out
    }
}

fn urlencoding_decode(text: &str) -> Result<String, ()> {
    let bytes: Vec<u8> = text.bytes().collect();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).map_err(|_| ())?;
            out.push(u8::from_str_radix(hex, 16).map_err(|_| ())?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| ())
}

/// `postgres://app:hunter2@db/prod` → `postgres://app:***@db/prod`.
pub fn redact(raw: &str) -> String {
    let Some(scheme_end) = raw.find("://") else {
        return raw.to_string();
    };
    let rest = &raw[scheme_end + 3..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    let Some(at) = authority.rfind('@') else {
        return redact_query(raw);
    };
    let userinfo = &authority[..at];
    let redacted_userinfo = match userinfo.find(':') {
        Some(colon) => format!("{}:***", &userinfo[..colon]),
        None => userinfo.to_string(),
    };
    redact_query(&format!(
        "{}{}@{}",
        &raw[..scheme_end + 3],
        redacted_userinfo,
        &rest[at..].trim_start_matches('@')
    ))
}

/// `?password=…` in the query string is a password too.
fn redact_query(url: &str) -> String {
    let Some(q) = url.find('?') else {
        return url.to_string();
    };
    let (head, query) = url.split_at(q + 1);
    let parts: Vec<String> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((key, _)) if key.eq_ignore_ascii_case("password") => format!("{key}=***"),
            _ => pair.to_string(),
        })
        .collect();
    format!("{head}{}", parts.join("&"))
}

#[derive(Debug, Clone)]
pub struct IntrospectOptions {
    /// Schemas to read (Postgres); empty means `public`.
    pub schemas: Vec<String>,
    pub connect_timeout: Duration,
    pub statement_timeout: Duration,
}

impl Default for IntrospectOptions {
    fn default() -> Self {
        IntrospectOptions {
            schemas: Vec::new(),
            connect_timeout: Duration::from_secs(10),
            statement_timeout: Duration::from_secs(30),
        }
    }
}

/// What a live database holds.
#[derive(Debug)]
pub struct Introspection {
    pub schema: Schema,
    pub views: Vec<String>,
    pub trackers: Vec<TrackerState>,
}

/// Reads the database at `url` into the model. Runs on its own tokio runtime, so callers can
/// run it on a thread next to the file scan.
pub fn introspect(url: &DatabaseUrl, options: &IntrospectOptions) -> Result<Introspection, Error> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Database(format!("cannot start the database runtime: {e}")))?;
    runtime.block_on(async {
        let work = async {
            match url.dialect {
                Dialect::Postgres => postgres::introspect(url, options).await,
                Dialect::Mysql => mysql::introspect(url, options).await,
                Dialect::Sqlite => sqlite::introspect(url, options).await,
            }
        };
        // The statement timeout bounds each query; this bounds the whole read.
        let limit = options.connect_timeout + options.statement_timeout * 4;
        match tokio::time::timeout(limit, work).await {
            Ok(result) => result,
            Err(_) => Err(Error::Database(format!(
                "timed out after {}s reading `{}`",
                limit.as_secs(),
                url.redacted()
            ))),
        }
    })
}

/// Runs `sql` in the same kind of session introspection uses. It exists so that tests can prove
/// the session refuses writes; schemadrift itself never calls it.
pub fn execute_in_introspection_session(
    url: &DatabaseUrl,
    options: &IntrospectOptions,
    sql: &str,
) -> Result<(), Error> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Database(e.to_string()))?;
    let statement = sqlx::AssertSqlSafe(sql.to_string());
    runtime.block_on(async {
        let result = match url.dialect {
            Dialect::Postgres => {
                let mut c = postgres::connect(url, options).await?;
                sqlx::raw_sql(statement).execute(&mut c).await.map(|_| ())
            }
            Dialect::Mysql => {
                let (mut c, _) = mysql::connect(url, options).await?;
                sqlx::raw_sql(statement).execute(&mut c).await.map(|_| ())
            }
            Dialect::Sqlite => {
                let mut c = sqlite::connect(url, options).await?;
                sqlx::raw_sql(statement).execute(&mut c).await.map(|_| ())
            }
        };
        result.map_err(|e| describe(url, "refused by", &e))
    })
}

/// Awaits a connection attempt for at most the connect timeout; both failures are one line.
pub(crate) async fn connect_within<C>(
    url: &DatabaseUrl,
    options: &IntrospectOptions,
    attempt: impl std::future::Future<Output = Result<C, sqlx::Error>>,
) -> Result<C, Error> {
    tokio::time::timeout(options.connect_timeout, attempt)
        .await
        .map_err(|_| {
            Error::Database(format!(
                "cannot connect to `{}`: timed out after {}s",
                url.redacted(),
                options.connect_timeout.as_secs()
            ))
        })?
        .map_err(|e| describe(url, "cannot connect to", &e))
}

/// One line for a driver error, naming the database by its redacted URL.
pub(crate) fn describe(url: &DatabaseUrl, what: &str, error: &sqlx::Error) -> Error {
    let detail = match error {
        sqlx::Error::Database(db) => db.message().to_string(),
        sqlx::Error::Io(io) => io.to_string(),
        sqlx::Error::Tls(tls) => format!("TLS: {tls}"),
        sqlx::Error::PoolTimedOut => "timed out".to_string(),
        sqlx::Error::Configuration(c) => c.to_string(),
        other => other.to_string(),
    };
    let detail = url.scrub(detail.lines().next().unwrap_or_default());
    Error::Database(format!("{what} `{}`: {detail}", url.redacted()))
}

/// A span for a database object: `db: users.email`.
pub(crate) fn db_span(table: &str, column: Option<&str>) -> crate::source::Span {
    match column {
        Some(column) => crate::source::Span::external(&format!("db: {table}.{column}")),
        None => crate::source::Span::external(&format!("db: {table}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            redact("postgres://app:hunter2@db:5432/prod"),
            "postgres://app:***@db:5432/prod"
        );
        assert_eq!(redact("postgres://app@db/prod"), "postgres://app@db/prod");
        assert_eq!(
            redact("mysql://root:p%40ss@127.0.0.1/test"),
            "mysql://root:***@127.0.0.1/test"
        );
        assert_eq!(
            redact("postgres://db/prod?user=app&password=hunter2&sslmode=require"),
            "postgres://db/prod?user=app&password=***&sslmode=require"
        );
        assert_eq!(redact("sqlite://./dev.db"), "sqlite://./dev.db");
    }

    #[test]
    fn unsupported_schemes_are_one_line_errors_without_secrets() {
        let error = DatabaseUrl::parse("oracle://scott:tiger@db/x")
            .unwrap_err()
            .to_string();
        assert!(error.contains("oracle://scott:***@db/x"), "{error}");
        assert!(!error.contains("tiger"));
    }

    #[test]
    fn driver_messages_are_scrubbed() {
        let url = DatabaseUrl::parse("postgres://app:s3cr%21t@db/prod").unwrap();
        let scrubbed = url.scrub("failed for postgres://app:s3cr%21t@db/prod with s3cr!t");
        assert!(!scrubbed.contains("s3cr"), "{scrubbed}");
    }
}
