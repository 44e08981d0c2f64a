//! SQL text split into statements without tokenizing it: a byte scan that knows quotes,
//! identifiers, comments, dollar quoting, `COPY … FROM stdin` data and MySQL's `DELIMITER`.
//! Data statements (the millions of `INSERT`s of a dump with data) are recognised by their first
//! word and never tokenized, so reading a file costs memory for its schema, not for its data.

use crate::model::Dialect;
use std::ops::Range;

/// Statements that never change the schema this tool models, by their first word.
const DATA_STATEMENTS: &[&str] = &[
    "insert",
    "update",
    "delete",
    "copy",
    "select",
    "values",
    "set",
    "lock",
    "unlock",
    "begin",
    "commit",
    "rollback",
    "start",
    "savepoint",
    "release",
    "grant",
    "revoke",
    "analyze",
    "vacuum",
    "replace",
    "truncate",
    "use",
];

/// The byte ranges of the statements of `text`, delimiters excluded, in order. Ranges of data
/// statements are left out.
pub fn schema_statements(text: &str, dialect: Dialect) -> Vec<Range<usize>> {
    split(text, dialect)
        .into_iter()
        .filter(|r| {
            let word = first_word(&text[r.clone()], dialect);
            !DATA_STATEMENTS.iter().any(|d| word.eq_ignore_ascii_case(d))
        })
        .collect()
}

/// The byte ranges of every statement of `text`.
pub fn split(text: &str, dialect: Dialect) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut delimiter: Vec<u8> = b";".to_vec();
    let mut start = 0;
    let mut i = 0;
    let push = |range: Range<usize>, out: &mut Vec<Range<usize>>| {
        if bytes[range.clone()]
            .iter()
            .any(|b| !b.is_ascii_whitespace())
        {
            out.push(range);
        }
    };
    while i < bytes.len() {
        let line_start = i == 0 || bytes[i - 1] == b'\n';
        if line_start && let Some((new, line_end)) = delimiter_command(bytes, i, dialect) {
            push(start..i, &mut out);
            delimiter = new;
            i = line_end;
            start = i;
            continue;
        }
        if bytes[i..].starts_with(&delimiter) {
            let statement = start..i;
            i += delimiter.len();
            if is_copy_from_stdin(&text[statement.clone()], dialect) {
                i = end_of_copy_data(bytes, i);
            }
            push(statement, &mut out);
            start = i;
            continue;
        }
        i = skip_token(bytes, i, dialect);
    }
    push(start..bytes.len(), &mut out);
    out
}

/// Past the quoted string, identifier, comment or dollar-quoted body at `i`, or past one byte.
fn skip_token(bytes: &[u8], i: usize, dialect: Dialect) -> usize {
    let mysql = dialect == Dialect::Mysql;
    match bytes[i] {
        b'\'' => {
            // Postgres reads backslash escapes only in E'…' strings; MySQL in every string.
            let escaped = mysql
                || (dialect == Dialect::Postgres
                    && i > 0
                    && matches!(bytes[i - 1], b'E' | b'e')
                    && (i < 2 || !bytes[i - 2].is_ascii_alphanumeric() && bytes[i - 2] != b'_'));
            end_of_quoted(bytes, i, b'\'', escaped)
        }
        b'"' => end_of_quoted(bytes, i, b'"', mysql),
        b'`' => end_of_quoted(bytes, i, b'`', false),
        b'[' if dialect == Dialect::Sqlite => bytes[i..]
            .iter()
            .position(|b| *b == b']')
            .map_or(bytes.len(), |at| i + at + 1),
        b'-' if bytes.get(i + 1) == Some(&b'-')
            && (!mysql || bytes.get(i + 2).is_none_or(|b| b.is_ascii_whitespace())) =>
        {
            end_of_line(bytes, i)
        }
        b'#' if mysql => end_of_line(bytes, i),
        b'/' if bytes.get(i + 1) == Some(&b'*') => end_of_block_comment(bytes, i, dialect),
        // `a$b` is an identifier; a dollar quote starts where no identifier runs into it.
        b'$' if dialect == Dialect::Postgres
            && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_')) =>
        {
            end_of_dollar_quoted(bytes, i)
        }
        _ => i + 1,
    }
}

fn end_of_quoted(bytes: &[u8], open: usize, quote: u8, backslash_escapes: bool) -> usize {
    let mut i = open + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if backslash_escapes => i += 2,
            b if b == quote => {
                if bytes.get(i + 1) == Some(&quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            }
            _ => i += 1,
        }
    }
    bytes.len()
}

fn end_of_line(bytes: &[u8], i: usize) -> usize {
    bytes[i..]
        .iter()
        .position(|b| *b == b'\n')
        .map_or(bytes.len(), |at| i + at + 1)
}

/// Postgres nests block comments; MySQL and SQLite end them at the first `*/`.
fn end_of_block_comment(bytes: &[u8], open: usize, dialect: Dialect) -> usize {
    let nests = dialect == Dialect::Postgres;
    let mut depth = 1;
    let mut i = open + 2;
    while i < bytes.len() {
        if bytes[i..].starts_with(b"*/") {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else if nests && bytes[i..].starts_with(b"/*") {
            depth += 1;
            i += 2;
        } else {
            i += 1;
        }
    }
    bytes.len()
}

/// `$$ … $$` or `$tag$ … $tag$`; a `$1` parameter is one byte.
fn end_of_dollar_quoted(bytes: &[u8], open: usize) -> usize {
    let tag_len = bytes[open + 1..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
        .count();
    let starts_with_digit = bytes.get(open + 1).is_some_and(u8::is_ascii_digit);
    if starts_with_digit || bytes.get(open + 1 + tag_len) != Some(&b'$') {
        return open + 1;
    }
    let tag = &bytes[open..open + tag_len + 2];
    let body = open + tag.len();
    match bytes[body..].windows(tag.len()).position(|w| w == tag) {
        Some(at) => body + at + tag.len(),
        None => bytes.len(),
    }
}

/// MySQL's `DELIMITER //` line: the new delimiter and where the next line starts.
fn delimiter_command(bytes: &[u8], at: usize, dialect: Dialect) -> Option<(Vec<u8>, usize)> {
    if dialect != Dialect::Mysql {
        return None;
    }
    let rest = &bytes[at..];
    let keyword = b"delimiter";
    if rest.len() <= keyword.len()
        || !rest[..keyword.len()].eq_ignore_ascii_case(keyword)
        || !matches!(rest[keyword.len()], b' ' | b'\t')
    {
        return None;
    }
    let end = end_of_line(bytes, at);
    let line = std::str::from_utf8(&bytes[at + keyword.len()..end]).ok()?;
    let delimiter = line.trim();
    (!delimiter.is_empty()).then(|| (delimiter.as_bytes().to_vec(), end))
}

/// `COPY … FROM stdin` (pg_dump writes a `-- Data for Name: …` comment before each).
fn is_copy_from_stdin(statement: &str, dialect: Dialect) -> bool {
    first_word(statement, dialect).eq_ignore_ascii_case("copy")
        && statement.to_ascii_lowercase().contains("from stdin")
}

/// Past the data lines that follow `COPY … FROM stdin;`, up to and including the `\.` line.
fn end_of_copy_data(bytes: &[u8], from: usize) -> usize {
    let mut line = from;
    while line < bytes.len() {
        let next = end_of_line(bytes, line);
        let text = &bytes[line..next];
        if text.trim_ascii() == b"\\." {
            return next;
        }
        line = next;
    }
    bytes.len()
}

/// The statement's first word, past whitespace and comments.
fn first_word(statement: &str, dialect: Dialect) -> &str {
    let bytes = statement.as_bytes();
    let mut i = 0;
    loop {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let comment = match bytes.get(i) {
            Some(b'-') if bytes.get(i + 1) == Some(&b'-') => true,
            Some(b'/') if bytes.get(i + 1) == Some(&b'*') => true,
            Some(b'#') => dialect == Dialect::Mysql,
            _ => false,
        };
        if !comment {
            break;
        }
        i = skip_token(bytes, i, dialect).max(i + 1);
    }
    let end = bytes[i..]
        .iter()
        .position(|b| !b.is_ascii_alphabetic())
        .map_or(bytes.len(), |at| i + at);
    &statement[i..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statements(text: &str, dialect: Dialect) -> Vec<&str> {
        split(text, dialect)
            .into_iter()
            .map(|r| text[r].trim())
            .collect()
    }

    #[test]
    fn semicolons_inside_quotes_comments_and_bodies_do_not_split() {
        let text = "CREATE TABLE a (x text DEFAULT ';'); -- a; comment\n\
                    /* block; /* nested; */ still */ CREATE TABLE \"b;\" (y int);\n\
                    CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;\n\
                    SELECT E'it\\'s; fine', $1;";
        assert_eq!(
            statements(text, Dialect::Postgres),
            [
                "CREATE TABLE a (x text DEFAULT ';')",
                "-- a; comment\n/* block; /* nested; */ still */ CREATE TABLE \"b;\" (y int)",
                "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql",
                "SELECT E'it\\'s; fine', $1",
            ]
        );
    }

    #[test]
    fn sqlite_brackets_and_postgres_dollars_in_names() {
        let text = "CREATE TABLE [Customer's; list] (id int);\nCREATE TABLE b (x int)";
        assert_eq!(statements(text, Dialect::Sqlite).len(), 2);
        let text = "CREATE TABLE a$b (x int);\nCREATE TABLE c$ (y int)";
        assert_eq!(statements(text, Dialect::Postgres).len(), 2);
    }

    #[test]
    fn mysql_escapes_comments_and_delimiters() {
        let text = "INSERT INTO t VALUES ('a\\'; b', \"c;\");\n# hash; comment\n\
                    DELIMITER ;;\nCREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET @x = 1; END;;\n\
                    DELIMITER ;\nCREATE TABLE `u;` (id int)";
        assert_eq!(
            statements(text, Dialect::Mysql),
            [
                "INSERT INTO t VALUES ('a\\'; b', \"c;\")",
                "# hash; comment",
                "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET @x = 1; END",
                "CREATE TABLE `u;` (id int)",
            ]
        );
    }

    #[test]
    fn copy_data_is_skipped_and_data_statements_are_left_out() {
        let text = "-- Data for Name: t\nCOPY t (a) FROM stdin;\n1;O'Brien\n\\N;x\n\\.\nCREATE TABLE t (a int);\nINSERT INTO t VALUES (1);\n  -- c\n  update t set a = 2;\nALTER TABLE t ADD b int;";
        let kept: Vec<&str> = schema_statements(text, Dialect::Postgres)
            .into_iter()
            .map(|r| text[r].trim())
            .collect();
        assert_eq!(kept, ["CREATE TABLE t (a int)", "ALTER TABLE t ADD b int"]);
    }
}
