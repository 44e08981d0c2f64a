//! SQL files (dumps, migrations, standalone DDL) read into [`SchemaChange`]s with `sqlparser`.
//!
//! The file is tokenized once, split on top-level semicolons, and each statement is parsed on
//! its own, so one statement the parser cannot read costs one statement. Statements that cannot
//! change the tables this tool models (functions, triggers, views, grants, COPY data, `DO`
//! blocks, policies) are recognised by their first keywords and skipped without parsing.

use crate::model::change::{ColumnChange, EnumValuePosition, SchemaChange};
use crate::model::defaults::{DefaultKind, normalize_default};
use crate::model::expression::normalize_expression;
use crate::model::types::{ColumnType, normalize_type};
use crate::model::{
    CheckConstraint, Column, Dialect, EnumType, ForeignKey, Identity, Index, Name, Origin,
    PrimaryKey, QualifiedName, SourceKind, Table, UniqueConstraint,
};
use crate::source::{SourceFile, Span};
use sqlparser::ast::{
    self, AlterColumnOperation, AlterTableOperation, ColumnOption, CommentObject, Expr, ObjectName,
    ObjectNamePart, ObjectType, Statement, TableConstraint,
};
use sqlparser::dialect::{self as sql_dialect};
use sqlparser::keywords::Keyword;
use sqlparser::parser::Parser;
use sqlparser::tokenizer::{Token, TokenWithSpan, Tokenizer};

/// Something in a file that could not be read. The scan reports it and goes on.
#[derive(Debug, Clone)]
pub struct ParseProblem {
    pub message: String,
    pub span: Span,
}

/// What one SQL file says, in order.
#[derive(Debug, Default)]
pub struct SqlExtract {
    pub changes: Vec<SchemaChange>,
    pub problems: Vec<ParseProblem>,
}

/// Guesses a file's dialect from tell-tale spellings when the configuration does not say.
pub fn detect_dialect(text: &str) -> Option<Dialect> {
    // One upper-case copy, then fast substring searches, instead of a case-insensitive window
    // scan of the whole file per marker.
    let upper = text.to_ascii_uppercase();
    let has = |needle: &str| upper.contains(needle);
    if text.contains('`') || has("ENGINE=") || has("AUTO_INCREMENT") {
        Some(Dialect::Mysql)
    } else if has("AUTOINCREMENT") || has("WITHOUT ROWID") || has("PRAGMA ") {
        Some(Dialect::Sqlite)
    } else if has("::") || has("SERIAL") || has("TIMESTAMPTZ") || has("$$") {
        Some(Dialect::Postgres)
    } else {
        None
    }
}

/// Reads one SQL file. `kind` is the source kind its elements are attributed to.
pub fn extract(file: &SourceFile, dialect: Dialect, kind: SourceKind) -> SqlExtract {
    let text = blank_non_sql(&file.text);
    let parser_dialect = parser_dialect(dialect);
    let tokens = match Tokenizer::new(parser_dialect.as_ref(), &text).tokenize_with_location() {
        Ok(tokens) => tokens,
        Err(error) => {
            let offset = file.offset(error.location.line as u32, error.location.column as u32);
            let span = line_extent(file, offset);
            return SqlExtract {
                changes: Vec::new(),
                problems: vec![ParseProblem {
                    message: format!("cannot tokenize SQL: {}", error.message),
                    span,
                }],
            };
        }
    };

    let reader = StatementReader {
        file,
        dialect,
        kind,
    };
    let mut out = SqlExtract::default();
    for chunk in tokens.split(|t| t.token == Token::SemiColon) {
        let Some(first) = chunk.iter().position(|t| !is_trivia(&t.token)) else {
            continue;
        };
        let chunk = &chunk[first..];
        if !is_schema_statement(chunk) {
            continue;
        }
        let span = reader.tokens_span(chunk);
        match parse_statement(parser_dialect.as_ref(), chunk) {
            Ok(statement) => reader.convert(&statement, &span, &mut out.changes),
            Err(message) => out.problems.push(ParseProblem {
                span: error_span(file, &message).unwrap_or_else(|| head_of(file, &span)),
                message: format!("cannot parse statement: {}", strip_location(&message)),
            }),
        }
    }
    out
}

pub(crate) fn parser_dialect(dialect: Dialect) -> Box<dyn sql_dialect::Dialect> {
    match dialect {
        Dialect::Postgres => Box::new(sql_dialect::PostgreSqlDialect {}),
        Dialect::Mysql => Box::new(sql_dialect::MySqlDialect {}),
        Dialect::Sqlite => Box::new(sql_dialect::SQLiteDialect {}),
    }
}

/// Replaces what is not SQL with spaces, keeping every byte offset and line number: psql
/// meta-commands (`\connect`, `\restrict` …; `\restrict` would otherwise swallow the next
/// statement) and the down half of dbmate and goose files. `COPY … FROM stdin` data up to its
/// `\.` line is left in place: the tokenizer reads it as one token.
const BREAKPOINT: &str = "--> statement-breakpoint";

fn blank_non_sql(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_down_section = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("-- migrate:down") || trimmed.starts_with("-- +goose Down") {
            in_down_section = true;
        }
        let meta_command = trimmed.starts_with('\\') && trimmed.trim_end() != "\\.";
        if in_down_section || meta_command {
            out.extend(line.bytes().map(|b| if b == b'\n' { '\n' } else { ' ' }));
        } else if line.contains(BREAKPOINT) {
            // drizzle-kit's separator is a comment in Postgres and SQLite, but MySQL only takes
            // `-- ` (with a space) as a comment, so it is blanked for every dialect.
            out.push_str(&line.replace(BREAKPOINT, &" ".repeat(BREAKPOINT.len())));
        } else {
            out.push_str(line);
        }
    }
    out
}

fn is_trivia(token: &Token) -> bool {
    matches!(token, Token::Whitespace(_))
}

fn keywords(chunk: &[TokenWithSpan], n: usize) -> Vec<Keyword> {
    chunk
        .iter()
        .filter(|t| !is_trivia(&t.token))
        .take(n)
        .map(|t| match &t.token {
            Token::Word(w) => w.keyword,
            _ => Keyword::NoKeyword,
        })
        .collect()
}

/// Whether a statement can change the modelled schema, judged from its first keywords.
fn is_schema_statement(chunk: &[TokenWithSpan]) -> bool {
    use Keyword::*;
    let words = keywords(chunk, 6);
    match words.as_slice() {
        [CREATE, rest @ ..] => {
            let mut rest = rest;
            if let [OR, REPLACE, tail @ ..] = rest {
                rest = tail;
            }
            match rest {
                [TABLE, ..] | [UNIQUE, INDEX, ..] | [INDEX, ..] | [TYPE, ..] => true,
                [UNLOGGED, TABLE, ..] => true,
                [GLOBAL | LOCAL, TEMP | TEMPORARY, ..] | [TEMP | TEMPORARY, ..] => false,
                _ => false,
            }
        }
        [ALTER, TABLE, ..] => true,
        // Only ADD VALUE and RENAME change an enum; OWNER TO and SET SCHEMA do not.
        [ALTER, TYPE, ..] => chunk
            .iter()
            .any(|t| matches!(&t.token, Token::Word(w) if w.keyword == ADD || w.keyword == RENAME)),
        [DROP, TABLE | INDEX | TYPE, ..] => true,
        [RENAME, TABLE, ..] => true,
        [COMMENT, ON, TABLE | COLUMN, ..] => true,
        _ => false,
    }
}

/// Parses one statement, first trying it as written and then with the pg_dump spellings
/// sqlparser does not know (`CREATE INDEX … ON ONLY`, `AS IDENTITY (SEQUENCE NAME …)`) removed.
fn parse_statement(
    dialect: &dyn sql_dialect::Dialect,
    chunk: &[TokenWithSpan],
) -> Result<Statement, String> {
    let attempt = |tokens: Vec<TokenWithSpan>| {
        Parser::new(dialect)
            .with_tokens_with_locations(tokens)
            .parse_statement()
            .map_err(|e| e.to_string())
    };
    match attempt(chunk.to_vec()) {
        Ok(statement) => Ok(statement),
        Err(first_error) => {
            let simplified = simplify_pg_dump_tokens(chunk);
            if simplified.len() == chunk.len() {
                return Err(first_error);
            }
            attempt(simplified).map_err(|_| first_error)
        }
    }
}

fn simplify_pg_dump_tokens(chunk: &[TokenWithSpan]) -> Vec<TokenWithSpan> {
    let mut out: Vec<TokenWithSpan> = Vec::with_capacity(chunk.len());
    let mut i = 0;
    let significant = |out: &[TokenWithSpan]| -> Option<Keyword> {
        out.iter()
            .rev()
            .find(|t| !is_trivia(&t.token))
            .map(|t| match &t.token {
                Token::Word(w) => w.keyword,
                _ => Keyword::NoKeyword,
            })
    };
    while i < chunk.len() {
        let token = &chunk[i];
        match &token.token {
            Token::Word(w)
                if w.keyword == Keyword::ONLY && significant(&out) == Some(Keyword::ON) =>
            {
                i += 1;
                continue;
            }
            Token::LParen if significant(&out) == Some(Keyword::IDENTITY) => {
                let mut depth = 0;
                while i < chunk.len() {
                    match chunk[i].token {
                        Token::LParen => depth += 1,
                        Token::RParen => {
                            depth -= 1;
                            if depth == 0 {
                                i += 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                continue;
            }
            _ => out.push(token.clone()),
        }
        i += 1;
    }
    out
}

/// sqlparser reports positions only inside its message text: `… at Line: 3, Column: 7`.
fn error_span(file: &SourceFile, message: &str) -> Option<Span> {
    let at = message.rfind("Line: ")?;
    let rest = &message[at + "Line: ".len()..];
    let (line, rest) = rest.split_once(',')?;
    let column = rest.trim().strip_prefix("Column: ")?;
    let column: String = column.chars().take_while(|c| c.is_ascii_digit()).collect();
    let (line, column) = (line.trim().parse().ok()?, column.parse().ok()?);
    let offset = file.offset(line, column);
    Some(line_extent(file, offset))
}

fn strip_location(message: &str) -> String {
    let message = message
        .strip_prefix("sql parser error: ")
        .unwrap_or(message);
    match message.rfind(" at Line: ") {
        Some(at) => message[..at].to_string(),
        None => message.to_string(),
    }
}

/// From `offset` to the end of its line, without trailing commas and `--` comments.
fn line_extent(file: &SourceFile, offset: usize) -> Span {
    let rest = &file.text[offset..];
    let line = rest.split('\n').next().unwrap_or("");
    let code = match line.find("--") {
        Some(i) => &line[..i],
        None => line,
    };
    let code = code.trim_end().trim_end_matches(',').trim_end();
    file.span(offset, offset + code.len().max(1).min(rest.len()))
}

fn head_of(file: &SourceFile, span: &Span) -> Span {
    line_extent(file, span.start)
}

struct StatementReader<'a> {
    file: &'a SourceFile,
    dialect: Dialect,
    kind: SourceKind,
}

impl StatementReader<'_> {
    fn offset(&self, location: sqlparser::tokenizer::Location) -> usize {
        self.file
            .offset(location.line as u32, location.column as u32)
    }

    fn tokens_span(&self, chunk: &[TokenWithSpan]) -> Span {
        let last = chunk
            .iter()
            .rev()
            .find(|t| !is_trivia(&t.token))
            .unwrap_or(&chunk[0]);
        self.file
            .span(self.offset(chunk[0].span.start), self.offset(last.span.end))
    }

    fn origin(&self, span: Span) -> Origin {
        Origin::new(self.kind, span)
    }

    /// The span of an identifier, extended to the end of its line: `user_id integer NOT NULL`.
    fn ident_line(&self, ident: &ast::Ident, fallback: &Span) -> Span {
        if ident.span.start.line == 0 {
            return fallback.clone();
        }
        line_extent(self.file, self.offset(ident.span.start))
    }

    fn statement_head(&self, span: &Span, name: &ObjectName) -> Span {
        let end = name
            .0
            .last()
            .and_then(|p| p.as_ident())
            .filter(|i| i.span.end.line > 0)
            .map(|i| self.offset(i.span.end))
            .filter(|&end| end > span.start)
            .unwrap_or_else(|| line_extent(self.file, span.start).end);
        self.file.span(span.start, end)
    }

    fn ident(&self, ident: &ast::Ident) -> String {
        self.dialect
            .fold_identifier(&ident.value, ident.quote_style.is_some())
    }

    fn name(&self, ident: &ast::Ident) -> Name {
        Name::new(self.dialect, &ident.value, ident.quote_style.is_some())
    }

    fn qualified(&self, name: &ObjectName) -> QualifiedName {
        let parts: Vec<&ast::Ident> = name
            .0
            .iter()
            .filter_map(|p| match p {
                ObjectNamePart::Identifier(i) => Some(i),
                ObjectNamePart::Function(_) => None,
            })
            .collect();
        let table = parts.last().map(|i| self.ident(i)).unwrap_or_default();
        let schema = (parts.len() >= 2)
            .then(|| self.ident(parts[parts.len() - 2]))
            .filter(|s| !self.dialect.is_default_schema(s));
        QualifiedName::new(schema, table)
    }

    fn last_name(&self, name: &ObjectName) -> Name {
        match name.0.last().and_then(|p| p.as_ident()) {
            Some(ident) => self.name(ident),
            None => Name::exact(&name.to_string()),
        }
    }

    fn convert(&self, statement: &Statement, span: &Span, out: &mut Vec<SchemaChange>) {
        let origin = self.origin(span.clone());
        match statement {
            Statement::CreateTable(create) => self.create_table(create, span, out),
            Statement::AlterTable(alter) => {
                let table = self.qualified(&alter.name);
                for operation in &alter.operations {
                    self.alter_table(&table, operation, span, out);
                }
            }
            Statement::Drop {
                object_type,
                if_exists,
                names,
                table,
                ..
            } => {
                for name in names {
                    let qualified = self.qualified(name);
                    match object_type {
                        ObjectType::Table => out.push(SchemaChange::DropTable {
                            table: qualified,
                            if_exists: *if_exists,
                            origin: origin.clone(),
                        }),
                        ObjectType::Index => out.push(SchemaChange::DropIndex {
                            table: table.as_ref().map(|t| self.qualified(t)),
                            name: qualified.name,
                            if_exists: *if_exists,
                            origin: origin.clone(),
                        }),
                        ObjectType::Type => out.push(SchemaChange::DropType {
                            name: qualified,
                            if_exists: *if_exists,
                            origin: origin.clone(),
                        }),
                        _ => {}
                    }
                }
            }
            Statement::CreateIndex(create) => {
                let index = Index {
                    name: create.name.as_ref().map(|n| self.last_name(n).stored),
                    columns: create
                        .columns
                        .iter()
                        .map(|c| self.index_column(&c.column.expr))
                        .collect(),
                    unique: create.unique,
                    method: create
                        .using
                        .as_ref()
                        .map(|m| m.to_string().to_lowercase())
                        .filter(|m| m != "btree"),
                    predicate: create.predicate.as_ref().map(expression_text),
                    origin,
                };
                out.push(SchemaChange::CreateIndex {
                    table: self.qualified(&create.table_name),
                    index,
                    if_not_exists: create.if_not_exists,
                });
            }
            Statement::CreateType {
                name,
                representation: Some(ast::UserDefinedTypeRepresentation::Enum { labels }),
            } => {
                let qualified = self.qualified(name);
                out.push(SchemaChange::CreateEnum(EnumType {
                    name: self.last_name(name),
                    schema: qualified.schema,
                    values: labels.iter().map(|l| l.value.clone()).collect(),
                    origin: self.origin(self.statement_head(span, name)),
                }));
            }
            Statement::AlterType(alter) => {
                let name = self.qualified(&alter.name);
                match &alter.operation {
                    ast::AlterTypeOperation::AddValue(add) => {
                        out.push(SchemaChange::AddEnumValue {
                            name,
                            value: add.value.value.clone(),
                            position: match &add.position {
                                None => EnumValuePosition::Last,
                                Some(ast::AlterTypeAddValuePosition::Before(v)) => {
                                    EnumValuePosition::Before(v.value.clone())
                                }
                                Some(ast::AlterTypeAddValuePosition::After(v)) => {
                                    EnumValuePosition::After(v.value.clone())
                                }
                            },
                            if_not_exists: add.if_not_exists,
                            origin,
                        })
                    }
                    ast::AlterTypeOperation::RenameValue(rename) => {
                        out.push(SchemaChange::RenameEnumValue {
                            name,
                            from: rename.from.value.clone(),
                            to: rename.to.value.clone(),
                            origin,
                        })
                    }
                    ast::AlterTypeOperation::Rename(rename) => out.push(SchemaChange::RenameType {
                        from: name,
                        to: self.ident(&rename.new_name),
                        origin,
                    }),
                }
            }
            Statement::RenameTable(renames) => {
                for rename in renames {
                    out.push(SchemaChange::RenameTable {
                        from: self.qualified(&rename.old_name),
                        to: self.qualified(&rename.new_name),
                        origin: origin.clone(),
                    });
                }
            }
            Statement::Comment {
                object_type,
                object_name,
                comment,
                ..
            } => match object_type {
                CommentObject::Table => out.push(SchemaChange::Comment {
                    table: self.qualified(object_name),
                    column: None,
                    comment: comment.clone(),
                    origin,
                }),
                CommentObject::Column => {
                    let mut parts = object_name.0.clone();
                    let Some(column) = parts.pop().and_then(|p| p.as_ident().cloned()) else {
                        return;
                    };
                    out.push(SchemaChange::Comment {
                        table: self.qualified(&ObjectName(parts)),
                        column: Some(self.ident(&column)),
                        comment: comment.clone(),
                        origin,
                    });
                }
                _ => {}
            },
            _ => {}
        }
    }

    fn create_table(&self, create: &ast::CreateTable, span: &Span, out: &mut Vec<SchemaChange>) {
        if create.temporary {
            return;
        }
        let qualified = self.qualified(&create.name);
        let head = self.statement_head(span, &create.name);
        let mut table = Table::new(
            self.last_name(&create.name),
            qualified.schema.clone(),
            self.origin(head),
        );
        let mut extra = Vec::new();
        for column_def in &create.columns {
            let column = self.column(column_def, span, &qualified, &mut extra);
            table.columns.push(column);
        }
        for constraint in &create.constraints {
            self.table_constraint(&qualified, constraint, span, &mut extra);
        }
        if let Some(comment) = &create.comment {
            table.comment = Some(match comment {
                ast::CommentDef::WithEq(c) | ast::CommentDef::WithoutEq(c) => c.clone(),
            });
        }
        // Constraints declared inside CREATE TABLE are applied right after it, through the same
        // replay path an ALTER TABLE takes.
        out.push(SchemaChange::CreateTable {
            table,
            if_not_exists: create.if_not_exists,
        });
        out.extend(extra);
    }

    /// Reads a column definition. Inline constraints (PRIMARY KEY, UNIQUE, REFERENCES, CHECK)
    /// become separate changes in `extra`.
    fn column(
        &self,
        def: &ast::ColumnDef,
        span: &Span,
        table: &QualifiedName,
        extra: &mut Vec<SchemaChange>,
    ) -> Column {
        let origin = self.origin(self.ident_line(&def.name, span));
        let name = self.name(&def.name);
        let type_written = match def.data_type {
            ast::DataType::Unspecified => String::new(),
            ref ty => ty.to_string(),
        };
        let (ty, serial) = normalize_type(&type_written, self.dialect);
        let mut column = Column {
            name: name.clone(),
            ty,
            type_written,
            nullable: true,
            default: None,
            identity: serial.then_some(Identity::Serial),
            comment: None,
            former_names: Vec::new(),
            origin: origin.clone(),
        };
        if serial {
            column.nullable = false;
        }
        let single = vec![name.stored.clone()];
        for option in &def.options {
            let constraint_name = option.name.as_ref().map(|n| self.ident(n));
            match &option.option {
                ColumnOption::Null => column.nullable = true,
                ColumnOption::NotNull => column.nullable = false,
                ColumnOption::Default(expr) => {
                    match normalize_default(&expr.to_string(), &column.ty) {
                        DefaultKind::None => column.default = None,
                        DefaultKind::Sequence => column.identity = Some(Identity::Serial),
                        DefaultKind::Value(value) => column.default = Some(value),
                    }
                }
                ColumnOption::PrimaryKey(_) => {
                    column.nullable = false;
                    if self.dialect == Dialect::Sqlite && column.ty == ColumnType::Integer {
                        column.identity.get_or_insert(Identity::AutoIncrement);
                    }
                    extra.push(SchemaChange::AddPrimaryKey {
                        table: table.clone(),
                        key: PrimaryKey {
                            name: constraint_name,
                            columns: single.clone(),
                            origin: origin.clone(),
                        },
                    });
                }
                ColumnOption::Unique(_) => extra.push(SchemaChange::AddUnique {
                    table: table.clone(),
                    constraint: UniqueConstraint {
                        name: constraint_name,
                        columns: single.clone(),
                        origin: origin.clone(),
                    },
                }),
                ColumnOption::ForeignKey(fk) => extra.push(SchemaChange::AddForeignKey {
                    table: table.clone(),
                    key: self.foreign_key(constraint_name, &single, fk, origin.clone()),
                }),
                ColumnOption::Check(check) => extra.push(SchemaChange::AddCheck {
                    table: table.clone(),
                    check: CheckConstraint {
                        name: constraint_name,
                        expression: expression_text(&check.expr),
                        origin: origin.clone(),
                    },
                }),
                ColumnOption::Comment(text) => column.comment = Some(text.clone()),
                ColumnOption::Generated {
                    generated_as,
                    generation_expr: None,
                    ..
                } => {
                    column.identity = Some(match generated_as {
                        ast::GeneratedAs::Always => Identity::Always,
                        _ => Identity::ByDefault,
                    });
                    column.nullable = false;
                }
                ColumnOption::DialectSpecific(tokens) => {
                    let auto = tokens.iter().any(|t| {
                        matches!(t, Token::Word(w) if w.keyword == Keyword::AUTO_INCREMENT
                            || w.keyword == Keyword::AUTOINCREMENT)
                    });
                    if auto {
                        column.identity = Some(Identity::AutoIncrement);
                    }
                }
                _ => {}
            }
        }
        column
    }

    fn foreign_key(
        &self,
        name: Option<String>,
        columns: &[String],
        fk: &ast::ForeignKeyConstraint,
        origin: Origin,
    ) -> ForeignKey {
        let action = |a: &Option<ast::ReferentialAction>| {
            a.as_ref()
                .map(|a| a.to_string().to_lowercase())
                .filter(|a| a != "no action")
        };
        ForeignKey {
            name: name.or_else(|| fk.name.as_ref().map(|n| self.ident(n))),
            columns: columns.to_vec(),
            references: self.qualified(&fk.foreign_table),
            referenced_columns: fk.referred_columns.iter().map(|c| self.ident(c)).collect(),
            on_delete: action(&fk.on_delete),
            on_update: action(&fk.on_update),
            origin,
        }
    }

    fn index_column(&self, expr: &Expr) -> String {
        match expr {
            Expr::Identifier(ident) => self.ident(ident),
            other => expression_text(other),
        }
    }

    fn table_constraint(
        &self,
        table: &QualifiedName,
        constraint: &TableConstraint,
        span: &Span,
        out: &mut Vec<SchemaChange>,
    ) {
        let origin = |name: &Option<ast::Ident>| {
            self.origin(match name {
                Some(ident) => self.ident_line(ident, span),
                None => span.clone(),
            })
        };
        let columns = |cols: &[ast::IndexColumn]| -> Vec<String> {
            cols.iter()
                .map(|c| self.index_column(&c.column.expr))
                .collect()
        };
        match constraint {
            TableConstraint::PrimaryKey(pk) => out.push(SchemaChange::AddPrimaryKey {
                table: table.clone(),
                key: PrimaryKey {
                    name: pk.name.as_ref().map(|n| self.ident(n)),
                    columns: columns(&pk.columns),
                    origin: origin(&pk.name),
                },
            }),
            TableConstraint::Unique(unique) => out.push(SchemaChange::AddUnique {
                table: table.clone(),
                constraint: UniqueConstraint {
                    name: unique
                        .name
                        .as_ref()
                        .or(unique.index_name.as_ref())
                        .map(|n| self.ident(n)),
                    columns: columns(&unique.columns),
                    origin: origin(&unique.name),
                },
            }),
            TableConstraint::ForeignKey(fk) => {
                let cols: Vec<String> = fk.columns.iter().map(|c| self.ident(c)).collect();
                out.push(SchemaChange::AddForeignKey {
                    table: table.clone(),
                    key: self.foreign_key(None, &cols, fk, origin(&fk.name)),
                })
            }
            TableConstraint::Check(check) => out.push(SchemaChange::AddCheck {
                table: table.clone(),
                check: CheckConstraint {
                    name: check.name.as_ref().map(|n| self.ident(n)),
                    expression: expression_text(&check.expr),
                    origin: origin(&check.name),
                },
            }),
            TableConstraint::Index(index) => out.push(SchemaChange::CreateIndex {
                table: table.clone(),
                index: Index {
                    name: index.name.as_ref().map(|n| self.ident(n)),
                    columns: columns(&index.columns),
                    unique: false,
                    method: index
                        .index_type
                        .as_ref()
                        .map(|m| m.to_string().to_lowercase())
                        .filter(|m| m != "btree"),
                    predicate: None,
                    origin: origin(&index.name),
                },
                if_not_exists: false,
            }),
            TableConstraint::FulltextOrSpatial(index) => out.push(SchemaChange::CreateIndex {
                table: table.clone(),
                index: Index {
                    name: index.opt_index_name.as_ref().map(|n| self.ident(n)),
                    columns: columns(&index.columns),
                    unique: false,
                    method: Some(
                        if index.fulltext {
                            "fulltext"
                        } else {
                            "spatial"
                        }
                        .into(),
                    ),
                    predicate: None,
                    origin: origin(&index.opt_index_name),
                },
                if_not_exists: false,
            }),
            _ => {}
        }
    }

    fn alter_table(
        &self,
        table: &QualifiedName,
        operation: &AlterTableOperation,
        span: &Span,
        out: &mut Vec<SchemaChange>,
    ) {
        let origin = self.origin(span.clone());
        match operation {
            AlterTableOperation::AddConstraint { constraint, .. } => {
                self.table_constraint(table, constraint, span, out)
            }
            AlterTableOperation::AddColumn {
                if_not_exists,
                column_def,
                ..
            } => {
                let mut extra = Vec::new();
                let column = self.column(column_def, span, table, &mut extra);
                out.push(SchemaChange::AddColumn {
                    table: table.clone(),
                    column,
                    if_not_exists: *if_not_exists,
                });
                out.extend(extra);
            }
            AlterTableOperation::DropConstraint {
                if_exists, name, ..
            } => out.push(SchemaChange::DropConstraint {
                table: table.clone(),
                name: self.ident(name),
                if_exists: *if_exists,
                origin,
            }),
            AlterTableOperation::DropForeignKey { name, .. } => {
                out.push(SchemaChange::DropConstraint {
                    table: table.clone(),
                    name: self.ident(name),
                    if_exists: false,
                    origin,
                })
            }
            AlterTableOperation::DropIndex { name } => out.push(SchemaChange::DropIndex {
                table: Some(table.clone()),
                name: self.ident(name),
                if_exists: false,
                origin,
            }),
            AlterTableOperation::DropPrimaryKey { .. } => out.push(SchemaChange::DropPrimaryKey {
                table: table.clone(),
                origin,
            }),
            AlterTableOperation::DropColumn {
                column_names,
                if_exists,
                ..
            } => {
                for name in column_names {
                    out.push(SchemaChange::DropColumn {
                        table: table.clone(),
                        column: self.ident(name),
                        if_exists: *if_exists,
                        origin: origin.clone(),
                    });
                }
            }
            AlterTableOperation::RenameColumn {
                old_column_name,
                new_column_name,
            } => out.push(SchemaChange::RenameColumn {
                table: table.clone(),
                from: self.ident(old_column_name),
                to: self.ident(new_column_name),
                origin,
            }),
            AlterTableOperation::RenameTable { table_name } => {
                let new_name = match table_name {
                    ast::RenameTableNameKind::As(n) | ast::RenameTableNameKind::To(n) => n,
                };
                out.push(SchemaChange::RenameTable {
                    from: table.clone(),
                    to: self.qualified(new_name),
                    origin,
                })
            }
            AlterTableOperation::ChangeColumn {
                old_name,
                new_name,
                data_type,
                options,
                ..
            } => self.replace_column(table, old_name, new_name, data_type, options, span, out),
            AlterTableOperation::ModifyColumn {
                col_name,
                data_type,
                options,
                ..
            } => self.replace_column(table, col_name, col_name, data_type, options, span, out),
            AlterTableOperation::AlterColumn { column_name, op } => {
                let change = match op {
                    AlterColumnOperation::SetNotNull => ColumnChange::SetNotNull,
                    AlterColumnOperation::DropNotNull => ColumnChange::DropNotNull,
                    AlterColumnOperation::DropDefault => ColumnChange::SetDefault(None),
                    AlterColumnOperation::SetDefault { value } => {
                        // The column's type is not known here; literal forms that depend on it
                        // (booleans, numbers) are normalised again by the comparison.
                        match normalize_default(
                            &value.to_string(),
                            &ColumnType::Other(String::new()),
                        ) {
                            DefaultKind::Sequence => ColumnChange::SetIdentity(Identity::Serial),
                            DefaultKind::None => ColumnChange::SetDefault(None),
                            DefaultKind::Value(v) => ColumnChange::SetDefault(Some(v)),
                        }
                    }
                    AlterColumnOperation::SetDataType { data_type, .. } => {
                        let written = data_type.to_string();
                        let (ty, _) = normalize_type(&written, self.dialect);
                        ColumnChange::SetType { ty, written }
                    }
                    AlterColumnOperation::AddGenerated { generated_as, .. } => {
                        ColumnChange::SetIdentity(match generated_as {
                            Some(ast::GeneratedAs::Always) => Identity::Always,
                            _ => Identity::ByDefault,
                        })
                    }
                    _ => return,
                };
                out.push(SchemaChange::AlterColumn {
                    table: table.clone(),
                    column: self.ident(column_name),
                    change,
                    origin,
                });
            }
            _ => {}
        }
    }

    /// MySQL `CHANGE [COLUMN] old new type …` and `MODIFY [COLUMN] col type …`: the column is
    /// declared again as a whole.
    #[allow(clippy::too_many_arguments)]
    fn replace_column(
        &self,
        table: &QualifiedName,
        old_name: &ast::Ident,
        new_name: &ast::Ident,
        data_type: &ast::DataType,
        options: &[ColumnOption],
        span: &Span,
        out: &mut Vec<SchemaChange>,
    ) {
        let def = ast::ColumnDef {
            name: new_name.clone(),
            data_type: data_type.clone(),
            options: options
                .iter()
                .map(|option| ast::ColumnOptionDef {
                    name: None,
                    option: option.clone(),
                })
                .collect(),
        };
        let mut extra = Vec::new();
        let column = self.column(&def, span, table, &mut extra);
        out.push(SchemaChange::ReplaceColumn {
            table: table.clone(),
            old_name: self.ident(old_name),
            column,
        });
        out.extend(extra);
    }
}

/// SQL expression text in the form comparisons use.
pub fn expression_text(expr: &Expr) -> String {
    normalize_expression(&expr.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Schema;

    fn replay(sql: &str, dialect: Dialect) -> (Schema, Vec<ParseProblem>) {
        let file = SourceFile::in_memory("schema.sql", sql);
        let extract = extract(&file, dialect, SourceKind::Sql);
        let mut schema = Schema::new(SourceKind::Sql, "schema.sql", dialect);
        for change in extract.changes {
            schema.apply(change).expect("change applies");
        }
        schema.finish();
        (schema, extract.problems)
    }

    #[test]
    fn create_table_with_inline_and_table_constraints() {
        let (schema, problems) = replay(
            r#"CREATE TABLE IF NOT EXISTS public."Users" (
    id serial PRIMARY KEY,
    email varchar(255) NOT NULL UNIQUE,
    org_id integer REFERENCES orgs(id) ON DELETE CASCADE,
    created_at timestamptz DEFAULT now() NOT NULL,
    CONSTRAINT users_email_check CHECK (email <> '')
);"#,
            Dialect::Postgres,
        );
        assert!(problems.is_empty(), "{problems:?}");
        let table = schema
            .table(&QualifiedName::unqualified("Users"))
            .expect("quoted name kept");
        assert_eq!(table.columns.len(), 4);
        let id = &table.columns[0];
        assert_eq!(id.ty, ColumnType::Integer);
        assert_eq!(id.identity, Some(Identity::Serial));
        assert!(!id.nullable);
        assert_eq!(table.primary_key.as_ref().unwrap().columns, vec!["id"]);
        assert_eq!(table.unique_constraints[0].columns, vec!["email"]);
        let fk = &table.foreign_keys[0];
        assert_eq!(fk.references.name, "orgs");
        assert_eq!(fk.on_delete.as_deref(), Some("cascade"));
        assert_eq!(
            table.columns[3].default.as_ref().unwrap().expression,
            "current_timestamp"
        );
        assert_eq!(
            table.check_constraints[0].name.as_deref(),
            Some("users_email_check")
        );
        assert_eq!(id.origin.span.line, 2);
    }

    #[test]
    fn unquoted_names_fold_in_postgres_only() {
        let (pg, _) = replay("CREATE TABLE Users (Id INT);", Dialect::Postgres);
        assert!(pg.tables.contains_key(&QualifiedName::unqualified("users")));
        let (my, _) = replay("CREATE TABLE Users (Id INT);", Dialect::Mysql);
        assert!(my.tables.contains_key(&QualifiedName::unqualified("Users")));
    }

    #[test]
    fn a_bad_statement_costs_one_statement() {
        let (schema, problems) = replay(
            "CREATE TABLE a (id int);\nCREATE TABLE b (id int,,);\nCREATE TABLE c (id int);",
            Dialect::Postgres,
        );
        assert_eq!(schema.tables.len(), 2);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].span.line, 2);
    }

    #[test]
    fn non_schema_statements_are_skipped_without_parsing() {
        let (schema, problems) = replay(
            r#"CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN CREATE TABLE nope (x int); END $$ LANGUAGE plpgsql;
DO $$ BEGIN RAISE NOTICE 'x;y'; END $$;
CREATE VIEW v AS SELECT 1;
GRANT ALL ON TABLE t TO someone;
CREATE POLICY p ON t USING (true);
COPY public.t (id) FROM stdin;
1
2;3
\.
CREATE TABLE t (id int);"#,
            Dialect::Postgres,
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            schema
                .tables
                .keys()
                .map(|k| k.name.as_str())
                .collect::<Vec<_>>(),
            ["t"]
        );
    }

    #[test]
    fn alter_table_operations_replay() {
        let (schema, problems) = replay(
            r#"CREATE TABLE users (id int, name text, legacy text);
ALTER TABLE users ADD COLUMN email text NOT NULL;
ALTER TABLE ONLY users RENAME COLUMN name TO full_name;
ALTER TABLE users DROP COLUMN legacy;
ALTER TABLE users ALTER COLUMN id TYPE bigint;
ALTER TABLE users ALTER COLUMN full_name SET NOT NULL;
ALTER TABLE users ALTER COLUMN email SET DEFAULT 'x'::text;
ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY (id);
ALTER TABLE users RENAME TO people;"#,
            Dialect::Postgres,
        );
        assert!(problems.is_empty(), "{problems:?}");
        let people = schema.table(&QualifiedName::unqualified("people")).unwrap();
        let names: Vec<&str> = people
            .columns
            .iter()
            .map(|c| c.name.stored.as_str())
            .collect();
        assert_eq!(names, ["id", "full_name", "email"]);
        assert_eq!(people.columns[0].ty, ColumnType::BigInt);
        assert!(!people.columns[1].nullable);
        assert_eq!(
            people.columns[2].default.as_ref().unwrap().expression,
            "'x'"
        );
        assert_eq!(
            people.primary_key.as_ref().unwrap().name.as_deref(),
            Some("users_pkey")
        );
    }

    #[test]
    fn indexes_and_enums() {
        let (schema, problems) = replay(
            r#"CREATE TYPE request_status AS ENUM ('draft', 'submitted');
ALTER TYPE request_status ADD VALUE 'approved' AFTER 'draft';
CREATE TABLE requests (id int, status request_status, body jsonb);
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS idx_a ON requests USING btree (id) WHERE status = 'draft';
CREATE INDEX idx_b ON ONLY public.requests USING gin (body);
DROP INDEX IF EXISTS idx_missing;"#,
            Dialect::Postgres,
        );
        assert!(problems.is_empty(), "{problems:?}");
        let e = schema
            .enum_type(&QualifiedName::unqualified("request_status"))
            .unwrap();
        assert_eq!(e.values, ["draft", "approved", "submitted"]);
        let t = schema
            .table(&QualifiedName::unqualified("requests"))
            .unwrap();
        assert_eq!(t.columns[1].ty, ColumnType::Enum("request_status".into()));
        assert_eq!(t.indexes.len(), 2);
        assert!(t.indexes[0].unique);
        assert_eq!(t.indexes[0].method, None);
        assert_eq!(t.indexes[0].predicate.as_deref(), Some("status = 'draft'"));
        assert_eq!(t.indexes[1].method.as_deref(), Some("gin"));
    }

    #[test]
    fn pg_dump_identity_columns_load() {
        let (schema, problems) = replay(
            r#"CREATE TABLE public.users (id integer NOT NULL);
ALTER TABLE public.users ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.users_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);"#,
            Dialect::Postgres,
        );
        assert!(problems.is_empty(), "{problems:?}");
        let t = schema.table(&QualifiedName::unqualified("users")).unwrap();
        assert_eq!(t.columns[0].identity, Some(Identity::Always));
    }

    #[test]
    fn mysql_dump_features() {
        let (schema, problems) = replay(
            r#"CREATE TABLE `orders` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `paid` tinyint(1) NOT NULL DEFAULT '0',
  `state` enum('new','paid') DEFAULT 'new',
  PRIMARY KEY (`id`),
  KEY `idx_state` (`state`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
ALTER TABLE `orders` MODIFY `state` varchar(20) NOT NULL;"#,
            Dialect::Mysql,
        );
        assert!(problems.is_empty(), "{problems:?}");
        let t = schema.table(&QualifiedName::unqualified("orders")).unwrap();
        assert_eq!(t.columns[0].identity, Some(Identity::AutoIncrement));
        assert_eq!(t.columns[1].ty, ColumnType::Boolean);
        assert_eq!(t.columns[1].default.as_ref().unwrap().expression, "false");
        assert_eq!(t.columns[2].ty, ColumnType::Varchar(Some(20)));
        assert_eq!(t.indexes[0].name.as_deref(), Some("idx_state"));
    }

    #[test]
    fn sqlite_features() {
        let (schema, problems) = replay(
            r#"CREATE TABLE notes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  body TEXT NOT NULL,
  created_at DATETIME DEFAULT CURRENT_TIMESTAMP
);"#,
            Dialect::Sqlite,
        );
        assert!(problems.is_empty(), "{problems:?}");
        let t = schema.table(&QualifiedName::unqualified("notes")).unwrap();
        assert_eq!(t.columns[0].identity, Some(Identity::AutoIncrement));
        assert_eq!(t.columns[1].ty, ColumnType::Text);
    }

    #[test]
    fn drizzle_kit_breakpoints_separate_mysql_statements() {
        let (schema, problems) = replay(
            "CREATE TABLE `a` (`id` int NOT NULL);\n--> statement-breakpoint\nCREATE TABLE `b` (`id` int NOT NULL);--> statement-breakpoint\nALTER TABLE `b` ADD `x` text;",
            Dialect::Mysql,
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(schema.tables.len(), 2);
        assert_eq!(
            schema
                .table(&QualifiedName::unqualified("b"))
                .unwrap()
                .columns
                .len(),
            2
        );
    }

    #[test]
    fn dialect_detection() {
        assert_eq!(
            detect_dialect("CREATE TABLE `a` (id int) ENGINE=InnoDB;"),
            Some(Dialect::Mysql)
        );
        assert_eq!(
            detect_dialect("CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT);"),
            Some(Dialect::Sqlite)
        );
        assert_eq!(
            detect_dialect("CREATE TABLE a (id serial);"),
            Some(Dialect::Postgres)
        );
        assert_eq!(detect_dialect("CREATE TABLE a (id int);"), None);
    }
}
