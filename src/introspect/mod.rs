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
            // `postgres:secret@host/db` would connect to the local server with the rest of the
            // text as a database name: refuse it before anything connects.
            if !raw[scheme.len()..].starts_with("://") {
                return Err(Error::Database(format!(
                    "invalid database URL `{redacted}`: expected `{scheme}://user:password@host:port/database`"
                )));
            }
            url::Url::parse(raw).map_err(|e| {
                Error::Database(format!(
                    "invalid database URL `{redacted}`: {}",
                    url_problem(raw, e)
                ))
            })?;
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

/// `postgres://app:hunter2@db/prod` → `postgres://app:***@db/prod`. Redacts before anything
/// parses the text, so a password holding `#`, `/`, `?` or `@` (not percent-encoded) is hidden
/// too: everything between the user's `:` and the last `@` is the password. `password=` pairs
/// (in a query string or a libpq key/value string) are hidden as well.
pub fn redact(raw: &str) -> String {
    let scheme_len = raw
        .find(':')
        .filter(|&end| is_scheme(&raw[..end]))
        .unwrap_or(0);
    let with_userinfo = if scheme_len == 0 {
        // Not a URL (a libpq key/value string): only its `password=` pairs are secret.
        raw.to_string()
    } else {
        // `scheme://user:secret@host/db`, or `scheme:user:secret@host/db` without `//`:
        // everything between the user's `:` and the last `@` is the password.
        let after = &raw[scheme_len + 1..];
        let slashes = if after.starts_with("//") { 2 } else { 0 };
        let head = scheme_len + 1 + slashes;
        let rest = &raw[head..];
        match rest.rfind('@') {
            Some(at) => {
                let userinfo = &rest[..at];
                let user = match userinfo.find(':') {
                    Some(colon) => format!("{}:***", &userinfo[..colon]),
                    None if slashes == 0 => "***".to_string(),
                    None => userinfo.to_string(),
                };
                format!("{}{user}{}", &raw[..head], &rest[at..])
            }
            None => raw.to_string(),
        }
    };
    redact_password_pairs(&with_userinfo)
}

/// `postgres`, `postgresql+psycopg`, `mysql`: a URL scheme (RFC 3986).
fn is_scheme(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// `password=…` (`pwd=…`, spaces around `=` allowed) up to the end of its value, or the closing
/// quote (backslash escapes skipped).
fn redact_password_pairs(text: &str) -> String {
    let in_url = text.contains("://");
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while at < text.len() {
        let found = ["password", "pwd"]
            .iter()
            .filter_map(|key| lower[at..].find(key).map(|i| (at + i, key.len())))
            .min();
        let Some((start, key_len)) = found else { break };
        let after_key = start + key_len;
        let spaces = |from: usize| {
            text[from..]
                .bytes()
                .take_while(|b| *b == b' ' || *b == b'\t')
                .count()
        };
        let eq = after_key + spaces(after_key);
        let boundary = start == 0 || !text.as_bytes()[start - 1].is_ascii_alphanumeric();
        if !boundary || text.as_bytes().get(eq) != Some(&b'=') {
            out.push_str(&text[at..after_key]);
            at = after_key;
            continue;
        }
        let value_start = eq + 1 + spaces(eq + 1);
        out.push_str(&text[at..value_start]);
        let value = &text[value_start..];
        let end = match value.chars().next() {
            Some(quote @ ('\'' | '"')) => closing_quote(value, quote),
            // A query string ends a value at the next `&`; a libpq string at the next ` key=`,
            // so that a badly quoted value is hidden whole.
            _ if in_url => next_query_key(value).unwrap_or(value.len()),
            _ => next_keyword(value).unwrap_or(value.len()),
        };
        out.push_str("***");
        at = value_start + end;
    }
    out.push_str(&text[at.min(text.len())..]);
    out
}

/// The end of a quoted value that starts with `quote`, past its closing quote.
fn closing_quote(value: &str, quote: char) -> usize {
    let mut escaped = false;
    for (i, c) in value.char_indices().skip(1) {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == quote {
            return i + 1;
        }
    }
    value.len()
}

/// Where `&key=` starts in a query string (an `&` not followed by a key belongs to the value).
fn next_query_key(text: &str) -> Option<usize> {
    next_key(text, |b| b == b'&')
}

/// Where ` key=` starts in a libpq key/value string.
fn next_keyword(text: &str) -> Option<usize> {
    next_key(text, |b| b.is_ascii_whitespace())
}

/// The first separator byte followed (after any spaces) by `word=`.
fn next_key(text: &str, separator: impl Fn(u8) -> bool) -> Option<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len()).find(|&i| {
        separator(bytes[i]) && {
            let after = text[i + 1..].trim_start();
            let word = after
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
                .count();
            word > 0 && after.as_bytes().get(word) == Some(&b'=')
        }
    })
}

/// Why a URL that does not parse fails, said so that it can be fixed.
fn url_problem(raw: &str, error: url::ParseError) -> String {
    let userinfo = raw
        .find("://")
        .map(|end| &raw[end + 3..])
        .and_then(|rest| rest.rfind('@').map(|at| &rest[..at]))
        .unwrap_or("");
    let specials: Vec<String> = ['#', '/', '?', '@']
        .iter()
        .filter(|c| userinfo.contains(**c))
        .map(|c| format!("`{c}` as `%{:02X}`", *c as u32))
        .collect();
    if specials.is_empty() {
        error.to_string()
    } else {
        format!(
            "{error}; the user or password holds characters a URL reserves: percent-encode {}",
            specials.join(", ")
        )
    }
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

    /// Every error path, with a password made of each character a URL reserves.
    #[test]
    fn malformed_urls_never_show_the_password() {
        for special in ['#', '/', '?', '@', ':', '%', '&', ';', ' ', '='] {
            let password = format!("Ab{special}12345");
            for url in [
                format!("host=::1 user=app password={password} dbname=x"),
                format!("host=x password = {password} dbname=x"),
                format!("host=x password='{password}\\'x' dbname=x"),
                format!("postgres:pa://{password}@host/db"),
                format!("postgres://app@db/x?password={password}"),
                format!("mysql://root:{password}@127.0.0.1:3306/test"),
                format!("postgres://app:{password}@db:5432/prod"),
                format!("postgresql://app:{password}@db/prod?sslmode=require"),
                format!("postgres:{password}@127.0.0.1:5432/db"),
                format!("oracle://scott:{password}@db/x"),
                format!("host=127.0.0.1 user=app password={password} dbname=x"),
                format!("host=127.0.0.1 password='{password}' dbname=x"),
            ] {
                let shown = match DatabaseUrl::parse(&url) {
                    Ok(parsed) => parsed.redacted().to_string(),
                    Err(error) => error.to_string(),
                };
                assert!(!shown.contains("12345"), "{url} → {shown}");
            }
        }
    }

    #[test]
    fn malformed_urls_say_how_to_fix_them() {
        let error = DatabaseUrl::parse("mysql://root:Ab#12345@127.0.0.1:3306/test")
            .unwrap_err()
            .to_string();
        assert!(error.contains("`#` as `%23`"), "{error}");
        let error = DatabaseUrl::parse("postgres:S3cr3t@127.0.0.1:5432/db")
            .unwrap_err()
            .to_string();
        assert!(error.contains("expected `postgres://"), "{error}");
        assert!(!error.contains("S3cr3t"), "{error}");
    }

    #[test]
    fn driver_messages_are_scrubbed() {
        let url = DatabaseUrl::parse("postgres://app:s3cr%21t@db/prod").unwrap();
        let scrubbed = url.scrub("failed for postgres://app:s3cr%21t@db/prod with s3cr!t");
        assert!(!scrubbed.contains("s3cr"), "{scrubbed}");
    }
}
