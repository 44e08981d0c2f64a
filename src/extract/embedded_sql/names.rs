//! The tables and columns one embedded query names, read with sqlparser in the target's dialect.
//!
//! Names are resolved structurally, without knowing the schema: a table reference is a base
//! table unless a CTE in scope has its name; a column is attributed to the relation its
//! qualifier names (alias or table), or, unqualified, to every base table in scope (inner
//! scopes first, correlated subqueries included). Whenever a scope holds something whose
//! columns cannot be known (a subquery, a CTE, a table function, an interpolated name), the
//! columns that could come from it are left out: an unknown construct never yields an error.

use crate::model::Dialect;
use sqlparser::ast::{
    self, AssignmentTarget, ConflictTarget, Expr, FromTable, FunctionArg, FunctionArgExpr,
    FunctionArgumentClause, FunctionArguments, GroupByExpr, Ident, JoinConstraint, JoinOperator,
    ObjectName, OnConflictAction, OnInsert, OrderByKind, Query, Select, SelectItem, SetExpr,
    Statement, TableFactor, TableObject, TableWithJoins, UpdateTableFromKind, WindowType,
};
use sqlparser::parser::Parser;
use std::ops::Range;

/// A name as written: its text, and whether it was quoted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub value: String,
    /// The quote it was written in (`"`, `` ` ``, `[`), if any.
    pub quote: Option<char>,
}

impl Written {
    fn of(ident: &Ident) -> Written {
        Written {
            value: ident.value.clone(),
            quote: ident.quote_style,
        }
    }

    /// The name as the database stores it.
    pub fn stored(&self, dialect: Dialect) -> String {
        dialect.fold_identifier(&self.value, self.quote.is_some())
    }
}

/// A base table the query reads or writes.
#[derive(Debug, Clone)]
pub struct TableRef {
    pub schema: Option<Written>,
    pub name: Written,
    /// The table name's place in the SQL text (bytes).
    pub at: Range<usize>,
}

/// A column the query names.
#[derive(Debug, Clone)]
pub struct ColumnRef {
    pub name: Written,
    pub at: Range<usize>,
    /// The tables (indices into [`Names::tables`]) it may belong to; it exists when any of
    /// them has it. One for a qualified name or a single-table scope.
    pub candidates: Vec<usize>,
}

/// What one query names.
#[derive(Debug, Clone, Default)]
pub struct Names {
    pub tables: Vec<TableRef>,
    pub columns: Vec<ColumnRef>,
}

/// Why a query could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unparsed {
    pub message: String,
    /// Where the parser stopped (bytes of the SQL text), when it says.
    pub at: Option<usize>,
}

/// Parses `sql` (whose `holes` are interpolations filled with `_`) in `dialect` and collects
/// the names its data statements use. Driver placeholders the dialect does not know (`%s`,
/// `%(name)s`, `:name`, `?`, `{name}`) are masked and the parse retried before giving up.
pub fn read(sql: &str, holes: &[Range<usize>], dialect: Dialect) -> Result<Names, Unparsed> {
    let parser_dialect = crate::extract::sql::parser_dialect(dialect);
    if let Some(message) = crate::extract::sql::too_deep_to_parse(sql, parser_dialect.as_ref()) {
        return Err(Unparsed { message, at: None });
    }
    let (statements, placeholders, text) = match Parser::parse_sql(parser_dialect.as_ref(), sql) {
        Ok(statements) => (statements, holes.to_vec(), sql.to_string()),
        Err(error) => {
            let (masked, found) = mask_placeholders(sql);
            if found.is_empty() {
                return Err(unparsed(sql, &error.to_string()));
            }
            match Parser::parse_sql(parser_dialect.as_ref(), &masked) {
                Ok(statements) => {
                    let mut all = holes.to_vec();
                    all.extend(found);
                    (statements, all, masked)
                }
                Err(_) => return Err(unparsed(sql, &error.to_string())),
            }
        }
    };
    let mut walker = Walker {
        lines: LineIndex::new(&text),
        placeholders: &placeholders,
        names: Names::default(),
        scopes: Vec::new(),
        ctes: Vec::new(),
    };
    for statement in &statements {
        walker.statement(statement);
    }
    Ok(walker.names)
}

fn unparsed(sql: &str, message: &str) -> Unparsed {
    let message = message.trim_start_matches("sql parser error: ");
    let (message, at) = match message.rsplit_once(" at Line: ") {
        Some((text, place)) => {
            let mut numbers = place
                .split(|c: char| !c.is_ascii_digit())
                .filter(|s| !s.is_empty())
                .filter_map(|s| s.parse::<u64>().ok());
            let at = match (numbers.next(), numbers.next()) {
                (Some(line), Some(column)) => LineIndex::new(sql).offset(line, column),
                _ => None,
            };
            (text.to_string(), at)
        }
        None => (message.to_string(), None),
    };
    Unparsed { message, at }
}

/// Replaces driver placeholders outside quotes and comments with runs of `_` of the same
/// length: `%s`, `%(name)s`, `?`, `?1`, `$1`, `:name` (not `::`), `@name`, `{name}`.
pub fn mask_placeholders(sql: &str) -> (String, Vec<Range<usize>>) {
    let bytes = sql.as_bytes();
    let mut out = bytes.to_vec();
    let mut found = Vec::new();
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let len = match b {
            b'\'' | b'"' | b'`' => {
                i = skip_quoted(bytes, i, b);
                continue;
            }
            b'-' if bytes.get(i + 1) == Some(&b'-') => {
                i = memchr_from(bytes, i, b'\n');
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = sql[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |e| i + 2 + e + 2);
                continue;
            }
            b'%' if bytes.get(i + 1) == Some(&b's') || bytes.get(i + 1) == Some(&b'd') => 2,
            b'%' if bytes.get(i + 1) == Some(&b'(') => match sql[i..].find(")s") {
                Some(end) if sql[i + 2..i + end].bytes().all(ident) => end + 2,
                _ => 0,
            },
            b'?' if !matches!(bytes.get(i + 1), Some(b'|' | b'&')) => {
                1 + bytes[i + 1..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count()
            }
            b'$' if bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                1 + bytes[i + 1..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count()
            }
            b':' | b'@'
                if bytes
                    .get(i + 1)
                    .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_')
                    && (i == 0 || !matches!(bytes[i - 1], b':' | b'@') && !ident(bytes[i - 1])) =>
            {
                1 + bytes[i + 1..].iter().take_while(|b| ident(**b)).count()
            }
            b'{' => match sql[i..].find('}') {
                Some(end) if sql[i + 1..i + end].bytes().all(ident) => end + 1,
                _ => 0,
            },
            _ => 0,
        };
        if len == 0 {
            i += 1;
            continue;
        }
        out[i..i + len].fill(b'_');
        // `IN :ids` / `IN %s`: the driver expands the placeholder into a parenthesised list,
        // so it reads as one, `IN(___)`, the space before it making room for the parentheses.
        let before = sql[..i].trim_end_matches([' ', '\t', '\n', '\r']);
        let after_in = before.len() >= 2
            && before[before.len() - 2..].eq_ignore_ascii_case("in")
            && (before.len() == 2 || !ident(before.as_bytes()[before.len() - 3]));
        if after_in && i + len - before.len() >= 3 {
            let start = before.len();
            out[start] = b'(';
            out[start + 1..i + len - 1].fill(b'_');
            out[i + len - 1] = b')';
        }
        found.push(i..i + len);
        i += len;
    }
    // Only ASCII bytes were replaced by ASCII bytes.
    (
        String::from_utf8(out).unwrap_or_else(|_| sql.to_string()),
        found,
    )
}

fn skip_quoted(bytes: &[u8], start: usize, quote: u8) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        if bytes[i] == quote {
            if bytes.get(i + 1) == Some(&quote) {
                i += 2;
                continue;
            }
            return i + 1;
        }
        if bytes[i] == b'\\' && quote == b'\'' {
            i += 1;
        }
        i += 1;
    }
    bytes.len()
}

fn memchr_from(bytes: &[u8], start: usize, needle: u8) -> usize {
    bytes[start..]
        .iter()
        .position(|b| *b == needle)
        .map_or(bytes.len(), |p| start + p)
}

/// 1-based line and character column to byte offset.
struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    fn offset(&self, line: u64, column: u64) -> Option<usize> {
        let start = *self.starts.get((line as usize).checked_sub(1)?)?;
        let skip = (column as usize).checked_sub(1)?;
        let rest = &self.text[start..];
        Some(match rest.char_indices().nth(skip) {
            Some((i, _)) => start + i,
            None => self.text.len(),
        })
    }

    fn range(&self, span: sqlparser::tokenizer::Span) -> Option<Range<usize>> {
        let start = self.offset(span.start.line, span.start.column)?;
        let end = self
            .offset(span.end.line, span.end.column)
            .unwrap_or(start)
            .max(start);
        Some(start..end)
    }
}

/// Columns that exist in every table without being declared.
const IMPLICIT_COLUMNS: &[&str] = &[
    "rowid", "oid", "_rowid_", "ctid", "xmin", "xmax", "cmin", "cmax", "tableoid",
];

#[derive(Debug, Clone)]
enum Source {
    /// A base table: index into `Names::tables`.
    Table(usize),
    /// Columns unknown (subquery, CTE, function, interpolated name).
    Opaque,
}

#[derive(Debug, Clone)]
struct Relation {
    /// The alias, else the table's own name: what qualifies its columns.
    names: Vec<String>,
    source: Source,
}

#[derive(Debug, Clone, Default)]
struct Scope {
    relations: Vec<Relation>,
    /// Output names of the SELECT list (ORDER BY / GROUP BY / HAVING may use them).
    outputs: Vec<String>,
    /// VALUES rows: names there are not columns.
    values: bool,
}

struct Walker<'a> {
    lines: LineIndex<'a>,
    placeholders: &'a [Range<usize>],
    names: Names,
    scopes: Vec<Scope>,
    /// CTE names visible, per enclosing query.
    ctes: Vec<Vec<String>>,
}

fn lower(ident: &Ident) -> String {
    ident.value.to_lowercase()
}

fn object_idents(name: &ObjectName) -> Option<Vec<&Ident>> {
    name.0.iter().map(|p| p.as_ident()).collect()
}

impl Walker<'_> {
    fn at(&self, ident: &Ident) -> Option<Range<usize>> {
        self.lines.range(ident.span)
    }

    /// Whether an identifier is (or touches) a placeholder or an interpolation.
    fn is_placeholder(&self, ident: &Ident) -> bool {
        match self.at(ident) {
            Some(at) => self
                .placeholders
                .iter()
                .any(|p| p.start < at.end.max(at.start + 1) && at.start < p.end),
            None => true,
        }
    }

    fn statement(&mut self, statement: &Statement) {
        match statement {
            Statement::Query(query) => self.query(query),
            Statement::Insert(insert) => self.insert(insert),
            Statement::Update(update) => self.update(update),
            Statement::Delete(delete) => self.delete(delete),
            _ => {}
        }
    }

    fn query(&mut self, query: &Query) {
        let names = query
            .with
            .as_ref()
            .map(|w| w.cte_tables.iter().map(|c| lower(&c.alias.name)).collect())
            .unwrap_or_default();
        self.ctes.push(names);
        if let Some(with) = &query.with {
            for cte in &with.cte_tables {
                self.query(&cte.query);
            }
        }
        let scope = self.set_expr(&query.body);
        if let Some(order_by) = &query.order_by
            && let OrderByKind::Expressions(exprs) = &order_by.kind
        {
            // ORDER BY of a plain SELECT sees its FROM and its output names; of a UNION, only
            // output names, which are not checked.
            if let Some(scope) = scope {
                self.scopes.push(scope);
                for e in exprs {
                    self.expr(&e.expr);
                }
                self.scopes.pop();
            }
        }
        if let Some(limit) = &query.limit_clause {
            match limit {
                ast::LimitClause::LimitOffset { limit, offset, .. } => {
                    limit.iter().for_each(|e| self.expr(e));
                    offset.iter().for_each(|o| self.expr(&o.value));
                }
                ast::LimitClause::OffsetCommaLimit { offset, limit } => {
                    self.expr(offset);
                    self.expr(limit);
                }
            }
        }
        self.ctes.pop();
    }

    /// Walks a query body; returns the scope of a plain SELECT for its ORDER BY.
    fn set_expr(&mut self, body: &SetExpr) -> Option<Scope> {
        match body {
            SetExpr::Select(select) => Some(self.select(select)),
            SetExpr::Query(query) => {
                self.query(query);
                None
            }
            SetExpr::SetOperation { left, right, .. } => {
                self.set_expr(left);
                self.set_expr(right);
                None
            }
            SetExpr::Values(values) => {
                self.scopes.push(Scope {
                    values: true,
                    ..Scope::default()
                });
                for row in &values.rows {
                    for e in &row.content {
                        self.expr(e);
                    }
                }
                self.scopes.pop();
                None
            }
            SetExpr::Insert(statement)
            | SetExpr::Update(statement)
            | SetExpr::Delete(statement) => {
                self.statement(statement);
                None
            }
            _ => None,
        }
    }

    fn select(&mut self, select: &Select) -> Scope {
        let mut scope = Scope::default();
        let mut deferred = Vec::new();
        for item in &select.from {
            self.add_relations(item, &mut scope, &mut deferred);
        }
        let mut outputs = Vec::new();
        for item in &select.projection {
            match item {
                SelectItem::ExprWithAlias { alias, .. } => outputs.push(lower(alias)),
                SelectItem::ExprWithAliases { aliases, .. } => {
                    outputs.extend(aliases.iter().map(lower))
                }
                _ => {}
            }
        }
        self.scopes.push(scope);
        self.deferred(deferred);
        if let Some(ast::Distinct::On(exprs)) = &select.distinct {
            exprs.iter().for_each(|e| self.expr(e));
        }
        for item in &select.projection {
            self.select_item(item);
        }
        // Output names are visible from here on (leniently: Postgres only allows them in
        // GROUP BY and ORDER BY, MySQL also in HAVING).
        if let Some(scope) = self.scopes.last_mut() {
            scope.outputs = outputs;
        }
        select.prewhere.iter().for_each(|e| self.expr(e));
        select.selection.iter().for_each(|e| self.expr(e));
        if let GroupByExpr::Expressions(exprs, _) = &select.group_by {
            exprs.iter().for_each(|e| self.expr(e));
        }
        select.having.iter().for_each(|e| self.expr(e));
        select.qualify.iter().for_each(|e| self.expr(e));
        for window in &select.named_window {
            if let ast::NamedWindowExpr::WindowSpec(spec) = &window.1 {
                self.window(spec);
            }
        }
        self.scopes.pop().unwrap_or_default()
    }

    fn select_item(&mut self, item: &SelectItem) {
        match item {
            SelectItem::UnnamedExpr(e)
            | SelectItem::ExprWithAlias { expr: e, .. }
            | SelectItem::ExprWithAliases { expr: e, .. } => self.expr(e),
            _ => {}
        }
    }

    /// Adds the relations of one FROM item to `scope`; what must be walked once the scope is
    /// in place (join conditions, subqueries, function arguments) goes to `deferred`.
    fn add_relations<'q>(
        &mut self,
        item: &'q TableWithJoins,
        scope: &mut Scope,
        deferred: &mut Vec<Deferred<'q>>,
    ) {
        self.factor(&item.relation, scope, deferred);
        for join in &item.joins {
            self.factor(&join.relation, scope, deferred);
            let constraint = match &join.join_operator {
                JoinOperator::Join(c)
                | JoinOperator::Inner(c)
                | JoinOperator::Left(c)
                | JoinOperator::LeftOuter(c)
                | JoinOperator::Right(c)
                | JoinOperator::RightOuter(c)
                | JoinOperator::FullOuter(c)
                | JoinOperator::CrossJoin(c)
                | JoinOperator::Semi(c)
                | JoinOperator::LeftSemi(c)
                | JoinOperator::RightSemi(c)
                | JoinOperator::Anti(c)
                | JoinOperator::LeftAnti(c)
                | JoinOperator::RightAnti(c)
                | JoinOperator::StraightJoin(c) => Some(c),
                JoinOperator::AsOf { constraint, .. } => Some(constraint),
                _ => None,
            };
            match constraint {
                Some(JoinConstraint::On(e)) => deferred.push(Deferred::Expr(e)),
                Some(JoinConstraint::Using(names)) => {
                    deferred.extend(names.iter().map(Deferred::Using));
                }
                _ => {}
            }
        }
    }

    fn factor<'q>(
        &mut self,
        factor: &'q TableFactor,
        scope: &mut Scope,
        deferred: &mut Vec<Deferred<'q>>,
    ) {
        let alias_of = |alias: &Option<ast::TableAlias>| alias.as_ref().map(|a| lower(&a.name));
        match factor {
            TableFactor::Table {
                name,
                alias,
                args: None,
                ..
            } => {
                let (names, source) = self.table_name(name);
                let names = match alias_of(alias) {
                    // A qualifier may be the alias or, leniently, the table's own name.
                    Some(alias) => std::iter::once(alias).chain(names).collect(),
                    None => names,
                };
                scope.relations.push(Relation { names, source });
            }
            TableFactor::Table {
                name, alias, args, ..
            } => {
                let own = name.0.last().and_then(|p| p.as_ident()).map(lower);
                scope.relations.push(Relation {
                    names: alias_of(alias).into_iter().chain(own).collect(),
                    source: Source::Opaque,
                });
                if let Some(args) = args {
                    deferred.extend(args.args.iter().map(Deferred::Argument));
                }
            }
            TableFactor::Derived {
                subquery, alias, ..
            } => {
                scope.relations.push(Relation {
                    names: alias_of(alias).into_iter().collect(),
                    source: Source::Opaque,
                });
                deferred.push(Deferred::Query(subquery));
            }
            TableFactor::Function {
                name, args, alias, ..
            } => {
                let own = name.0.last().and_then(|p| p.as_ident()).map(lower);
                scope.relations.push(Relation {
                    names: alias_of(alias).into_iter().chain(own).collect(),
                    source: Source::Opaque,
                });
                deferred.extend(args.iter().map(Deferred::Argument));
            }
            TableFactor::TableFunction { expr, alias } => {
                scope.relations.push(Relation {
                    names: alias_of(alias).into_iter().collect(),
                    source: Source::Opaque,
                });
                deferred.push(Deferred::Expr(expr));
            }
            TableFactor::UNNEST {
                alias, array_exprs, ..
            } => {
                scope.relations.push(Relation {
                    names: alias_of(alias).into_iter().collect(),
                    source: Source::Opaque,
                });
                deferred.extend(array_exprs.iter().map(Deferred::Expr));
            }
            TableFactor::NestedJoin {
                table_with_joins,
                alias,
            } => {
                self.add_relations(table_with_joins, scope, deferred);
                if let Some(alias) = alias_of(alias) {
                    scope.relations.push(Relation {
                        names: vec![alias],
                        source: Source::Opaque,
                    });
                }
            }
            _ => scope.relations.push(Relation {
                names: Vec::new(),
                source: Source::Opaque,
            }),
        }
    }

    /// A table name in FROM, INSERT INTO, UPDATE, DELETE FROM: a CTE, an interpolated (dynamic)
    /// name, or a base table, recorded.
    fn table_name(&mut self, name: &ObjectName) -> (Vec<String>, Source) {
        let Some(idents) = object_idents(name) else {
            return (Vec::new(), Source::Opaque);
        };
        let Some(last) = idents.last() else {
            return (Vec::new(), Source::Opaque);
        };
        let own = vec![lower(last)];
        let is_cte = idents.len() == 1 && self.ctes.iter().flatten().any(|c| *c == own[0]);
        if is_cte || idents.len() > 2 || idents.iter().any(|i| self.is_placeholder(i)) {
            return (own, Source::Opaque);
        }
        let Some(at) = self.at(last) else {
            return (own, Source::Opaque);
        };
        self.names.tables.push(TableRef {
            schema: (idents.len() == 2).then(|| Written::of(idents[0])),
            name: Written::of(last),
            at,
        });
        (own, Source::Table(self.names.tables.len() - 1))
    }

    fn deferred(&mut self, deferred: Vec<Deferred<'_>>) {
        for item in deferred {
            match item {
                Deferred::Expr(e) => self.expr(e),
                Deferred::Query(q) => self.query(q),
                Deferred::Argument(arg) => self.function_arg(arg),
                Deferred::Using(name) => {
                    if let Some(idents) = object_idents(name) {
                        self.column(&idents.into_iter().cloned().collect::<Vec<_>>());
                    }
                }
            }
        }
    }

    fn insert(&mut self, insert: &ast::Insert) {
        // The source runs in its own scope: a SELECT there cannot see the target's columns.
        if let Some(source) = &insert.source {
            self.query(source);
        }
        let (names, source) = match &insert.table {
            TableObject::TableName(name) => self.table_name(name),
            _ => (Vec::new(), Source::Opaque),
        };
        let mut scope = Scope::default();
        let alias = insert.table_alias.as_ref().map(|a| lower(&a.alias));
        scope.relations.push(Relation {
            names: alias.into_iter().chain(names).collect(),
            source: source.clone(),
        });
        // `ON CONFLICT ... DO UPDATE SET x = excluded.x`
        scope.relations.push(Relation {
            names: vec!["excluded".to_string()],
            source: source.clone(),
        });
        self.scopes.push(scope);
        for column in &insert.columns {
            self.target_column(column, &source);
        }
        self.assignments(&insert.assignments, &source);
        match &insert.on {
            Some(OnInsert::OnConflict(conflict)) => {
                if let Some(ConflictTarget::Columns {
                    columns, predicate, ..
                }) = &conflict.conflict_target
                {
                    for column in columns {
                        self.owned_column(column, &source);
                    }
                    predicate.iter().for_each(|e| self.expr(e));
                }
                if let OnConflictAction::DoUpdate(update) = &conflict.action {
                    self.assignments(&update.assignments, &source);
                    update.selection.iter().for_each(|e| self.expr(e));
                }
            }
            Some(OnInsert::DuplicateKeyUpdate(assignments)) => {
                self.assignments(assignments, &source);
            }
            _ => {}
        }
        for item in insert.returning.iter().flatten() {
            self.select_item(item);
        }
        self.scopes.pop();
    }

    fn update(&mut self, update: &ast::Update) {
        let mut scope = Scope::default();
        let mut deferred = Vec::new();
        self.add_relations(&update.table, &mut scope, &mut deferred);
        let target = scope
            .relations
            .first()
            .map(|r| r.source.clone())
            .unwrap_or(Source::Opaque);
        if let Some(UpdateTableFromKind::BeforeSet(from) | UpdateTableFromKind::AfterSet(from)) =
            &update.from
        {
            for item in from {
                self.add_relations(item, &mut scope, &mut deferred);
            }
        }
        self.scopes.push(scope);
        self.deferred(deferred);
        self.assignments(&update.assignments, &target);
        update.selection.iter().for_each(|e| self.expr(e));
        for item in update.returning.iter().flatten() {
            self.select_item(item);
        }
        for e in &update.order_by {
            self.expr(&e.expr);
        }
        update.limit.iter().for_each(|e| self.expr(e));
        self.scopes.pop();
    }

    fn delete(&mut self, delete: &ast::Delete) {
        let mut scope = Scope::default();
        let mut deferred = Vec::new();
        let (FromTable::WithFromKeyword(from) | FromTable::WithoutKeyword(from)) = &delete.from;
        for item in from.iter().chain(delete.using.iter().flatten()) {
            self.add_relations(item, &mut scope, &mut deferred);
        }
        self.scopes.push(scope);
        self.deferred(deferred);
        delete.selection.iter().for_each(|e| self.expr(e));
        for item in delete.returning.iter().flatten() {
            self.select_item(item);
        }
        for e in &delete.order_by {
            self.expr(&e.expr);
        }
        delete.limit.iter().for_each(|e| self.expr(e));
        self.scopes.pop();
    }

    fn assignments(&mut self, assignments: &[ast::Assignment], target: &Source) {
        for assignment in assignments {
            match &assignment.target {
                AssignmentTarget::ColumnName(name) => self.target_column(name, target),
                AssignmentTarget::Tuple(names) => {
                    names.iter().for_each(|n| self.target_column(n, target))
                }
            }
            self.expr(&assignment.value);
        }
    }

    /// A column of the statement's target: `INSERT INTO t (a)`, `SET a = ...`, `SET t.a = ...`.
    fn target_column(&mut self, name: &ObjectName, target: &Source) {
        let Some(idents) = object_idents(name) else {
            return;
        };
        match idents.as_slice() {
            [column] => self.owned_column(column, target),
            _ => self.column(&idents.into_iter().cloned().collect::<Vec<_>>()),
        }
    }

    fn owned_column(&mut self, column: &Ident, target: &Source) {
        if let Source::Table(index) = target
            && !self.is_placeholder(column)
            && let Some(at) = self.at(column)
        {
            self.names.columns.push(ColumnRef {
                name: Written::of(column),
                at,
                candidates: vec![*index],
            });
        }
    }

    /// A column reference in an expression: `name`, `alias.name`, `schema.table.name`.
    fn column(&mut self, idents: &[Ident]) {
        let Some(last) = idents.last() else {
            return;
        };
        if idents.iter().any(|i| self.is_placeholder(i)) {
            return;
        }
        let Some(at) = self.at(last) else {
            return;
        };
        let name = lower(last);
        let candidates = match idents {
            [_] => {
                if self.scopes.last().is_some_and(|s| s.values)
                    || IMPLICIT_COLUMNS.contains(&name.as_str())
                    || (last.quote_style.is_none() && is_keyword(&last.value))
                {
                    return;
                }
                let mut candidates = Vec::new();
                for scope in self.scopes.iter().rev() {
                    // An output name, or a whole-row reference (`to_jsonb(u)`).
                    if scope.outputs.contains(&name)
                        || scope.relations.iter().any(|r| r.names.contains(&name))
                    {
                        return;
                    }
                    for relation in &scope.relations {
                        match relation.source {
                            Source::Table(index) => candidates.push(index),
                            Source::Opaque => return,
                        }
                    }
                }
                candidates.sort_unstable();
                candidates.dedup();
                candidates
            }
            [.., qualifier, _] if idents.len() <= 3 => {
                let qualifier = lower(qualifier);
                let relation = self
                    .scopes
                    .iter()
                    .rev()
                    .flat_map(|s| s.relations.iter())
                    .find(|r| r.names.contains(&qualifier));
                match relation.map(|r| &r.source) {
                    Some(Source::Table(index)) => vec![*index],
                    _ => return,
                }
            }
            _ => return,
        };
        if candidates.is_empty() {
            return;
        }
        self.names.columns.push(ColumnRef {
            name: Written::of(last),
            at,
            candidates,
        });
    }

    fn window(&mut self, spec: &ast::WindowSpec) {
        spec.partition_by.iter().for_each(|e| self.expr(e));
        spec.order_by.iter().for_each(|e| self.expr(&e.expr));
    }

    fn function(&mut self, function: &ast::Function) {
        match &function.args {
            FunctionArguments::List(list) => {
                for arg in &list.args {
                    self.function_arg(arg);
                }
                for clause in &list.clauses {
                    match clause {
                        FunctionArgumentClause::OrderBy(exprs) => {
                            exprs.iter().for_each(|e| self.expr(&e.expr))
                        }
                        FunctionArgumentClause::Where(e) | FunctionArgumentClause::Limit(e) => {
                            self.expr(e)
                        }
                        _ => {}
                    }
                }
            }
            FunctionArguments::Subquery(query) => self.query(query),
            FunctionArguments::None => {}
        }
        function
            .within_group
            .iter()
            .for_each(|e| self.expr(&e.expr));
        function.filter.iter().for_each(|e| self.expr(e));
        if let Some(WindowType::WindowSpec(spec)) = &function.over {
            self.window(spec);
        }
    }

    fn function_arg(&mut self, arg: &FunctionArg) {
        let (FunctionArg::Named { arg, .. }
        | FunctionArg::ExprNamed { arg, .. }
        | FunctionArg::Unnamed(arg)) = arg;
        if let FunctionArgExpr::Expr(e) = arg {
            // `TIMESTAMPDIFF(SECOND, a, b)`, `DATE_PART(day, x)`: a bare keyword argument is
            // a unit, not a column.
            if let Expr::Identifier(ident) = e
                && ident.quote_style.is_none()
                && is_keyword(&ident.value)
            {
                return;
            }
            self.expr(e);
        }
    }

    fn expr(&mut self, expr: &Expr) {
        match expr {
            Expr::Identifier(ident) => self.column(std::slice::from_ref(ident)),
            Expr::CompoundIdentifier(idents) => self.column(idents),
            Expr::CompoundFieldAccess { root, access_chain } => {
                self.expr(root);
                for access in access_chain {
                    if let ast::AccessExpr::Subscript(ast::Subscript::Index { index }) = access {
                        self.expr(index);
                    }
                }
            }
            Expr::JsonAccess { value, .. } => self.expr(value),
            Expr::IsFalse(e)
            | Expr::IsNotFalse(e)
            | Expr::IsTrue(e)
            | Expr::IsNotTrue(e)
            | Expr::IsNull(e)
            | Expr::IsNotNull(e)
            | Expr::IsUnknown(e)
            | Expr::IsNotUnknown(e)
            | Expr::Nested(e)
            | Expr::OuterJoin(e)
            | Expr::Prior(e)
            | Expr::UnaryOp { expr: e, .. }
            | Expr::Cast { expr: e, .. }
            | Expr::Extract { expr: e, .. }
            | Expr::Ceil { expr: e, .. }
            | Expr::Floor { expr: e, .. }
            | Expr::Collate { expr: e, .. }
            | Expr::Prefixed { value: e, .. }
            | Expr::Named { expr: e, .. }
            | Expr::IsJson { expr: e, .. }
            | Expr::IsNormalized { expr: e, .. } => self.expr(e),
            Expr::IsDistinctFrom(a, b)
            | Expr::IsNotDistinctFrom(a, b)
            | Expr::BinaryOp {
                left: a, right: b, ..
            }
            | Expr::AnyOp {
                left: a, right: b, ..
            }
            | Expr::AllOp {
                left: a, right: b, ..
            }
            | Expr::AtTimeZone {
                timestamp: a,
                time_zone: b,
            }
            | Expr::Position { expr: a, r#in: b }
            | Expr::Like {
                expr: a,
                pattern: b,
                ..
            }
            | Expr::ILike {
                expr: a,
                pattern: b,
                ..
            }
            | Expr::SimilarTo {
                expr: a,
                pattern: b,
                ..
            }
            | Expr::RLike {
                expr: a,
                pattern: b,
                ..
            } => {
                self.expr(a);
                self.expr(b);
            }
            Expr::In { expr, target, .. } => {
                self.expr(expr);
                match target {
                    ast::InTarget::List(list) => list.iter().for_each(|e| self.expr(e)),
                    ast::InTarget::Subquery(query) => self.query(query),
                    ast::InTarget::Unnest(e) => self.expr(e),
                    _ => {}
                }
            }
            Expr::Between {
                expr, low, high, ..
            } => {
                self.expr(expr);
                self.expr(low);
                self.expr(high);
            }
            Expr::Convert { expr, styles, .. } => {
                self.expr(expr);
                styles.iter().for_each(|e| self.expr(e));
            }
            Expr::Substring {
                expr,
                substring_from,
                substring_for,
                ..
            } => {
                self.expr(expr);
                substring_from.iter().for_each(|e| self.expr(e));
                substring_for.iter().for_each(|e| self.expr(e));
            }
            Expr::Trim {
                expr,
                trim_what,
                trim_characters,
                ..
            } => {
                self.expr(expr);
                trim_what.iter().for_each(|e| self.expr(e));
                trim_characters.iter().flatten().for_each(|e| self.expr(e));
            }
            Expr::Overlay {
                expr,
                overlay_what,
                overlay_from,
                overlay_for,
            } => {
                self.expr(expr);
                self.expr(overlay_what);
                self.expr(overlay_from);
                overlay_for.iter().for_each(|e| self.expr(e));
            }
            Expr::Function(function) => self.function(function),
            Expr::Case {
                operand,
                conditions,
                else_result,
                ..
            } => {
                operand.iter().for_each(|e| self.expr(e));
                for when in conditions {
                    self.expr(&when.condition);
                    self.expr(&when.result);
                }
                else_result.iter().for_each(|e| self.expr(e));
            }
            Expr::Exists { subquery, .. } | Expr::Subquery(subquery) => self.query(subquery),
            Expr::GroupingSets(sets) | Expr::Cube(sets) | Expr::Rollup(sets) => {
                sets.iter().flatten().for_each(|e| self.expr(e))
            }
            Expr::Tuple(items) | Expr::Struct { values: items, .. } => {
                items.iter().for_each(|e| self.expr(e))
            }
            Expr::Array(array) => array.elem.iter().for_each(|e| self.expr(e)),
            Expr::Interval(interval) => self.expr(&interval.value),
            Expr::MemberOf(member) => {
                self.expr(&member.value);
                self.expr(&member.array);
            }
            _ => {}
        }
    }
}

/// Work a FROM clause leaves for when its scope is in place.
enum Deferred<'q> {
    Expr(&'q Expr),
    Query(&'q Query),
    Argument(&'q FunctionArg),
    Using(&'q ObjectName),
}

/// Whether an unquoted word is a reserved-looking SQL keyword that is never a column when it
/// stands alone (`CURRENT_DATE`, `DEFAULT`, units like `SECOND`).
fn is_keyword(word: &str) -> bool {
    const WORDS: &[&str] = &[
        "current_date",
        "current_time",
        "current_timestamp",
        "current_user",
        "current_role",
        "current_schema",
        "current_catalog",
        "localtime",
        "localtimestamp",
        "session_user",
        "default",
        "true",
        "false",
        "null",
        "unknown",
        "microsecond",
        "millisecond",
        "second",
        "minute",
        "hour",
        "day",
        "week",
        "month",
        "quarter",
        "year",
        "epoch",
        "dow",
        "doy",
    ];
    WORDS.iter().any(|w| w.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(sql: &str, dialect: Dialect) -> (Vec<String>, Vec<String>) {
        let names = read(sql, &[], dialect).unwrap_or_else(|e| panic!("{sql}: {e:?}"));
        let tables = names
            .tables
            .iter()
            .map(|t| {
                assert_eq!(sql[t.at.clone()].trim_matches('"'), t.name.value, "{sql}");
                t.name.value.clone()
            })
            .collect();
        let columns = names
            .columns
            .iter()
            .map(|c| {
                assert_eq!(sql[c.at.clone()].trim_matches('"'), c.name.value, "{sql}");
                let tables: Vec<&str> = c
                    .candidates
                    .iter()
                    .map(|i| names.tables[*i].name.value.as_str())
                    .collect();
                format!("{}.{}", tables.join("|"), c.name.value)
            })
            .collect();
        (tables, columns)
    }

    #[test]
    fn insert_columns_returning_and_on_conflict() {
        let (tables, columns) = names(
            "INSERT INTO users (email, name) VALUES ($1, DEFAULT)
             ON CONFLICT (email) DO UPDATE SET name = excluded.name, seen = now()
             RETURNING id",
            Dialect::Postgres,
        );
        assert_eq!(tables, ["users"]);
        assert_eq!(
            columns,
            [
                "users.email",
                "users.name",
                "users.email",
                "users.name",
                "users.name",
                "users.seen",
                "users.id"
            ]
        );
    }

    #[test]
    fn aliases_joins_and_unqualified_names() {
        let (tables, columns) = names(
            "SELECT c.id, o.name AS org, status FROM calls c
             JOIN organizations o ON o.id = c.organization_id
             WHERE c.started_at > now() - interval '1 day' ORDER BY org, c.id",
            Dialect::Postgres,
        );
        assert_eq!(tables, ["calls", "organizations"]);
        assert_eq!(
            columns,
            [
                "organizations.id",
                "calls.organization_id",
                "calls.id",
                "organizations.name",
                "calls|organizations.status",
                "calls.started_at",
                "calls.id"
            ]
        );
    }

    #[test]
    fn ctes_are_not_tables_and_subqueries_have_their_own_scope() {
        let (tables, columns) = names(
            "WITH recent AS (SELECT id, call_id FROM ai_runs WHERE created_at > $1)
             SELECT r.id, r.whatever FROM recent r
             WHERE EXISTS (SELECT 1 FROM calls WHERE calls.id = r.call_id AND status = 'done')",
            Dialect::Postgres,
        );
        assert_eq!(tables, ["ai_runs", "calls"]);
        // `r.whatever` comes from the CTE: not checked. `status` in the subquery could come from
        // the CTE too: not checked.
        assert_eq!(
            columns,
            [
                "ai_runs.id",
                "ai_runs.call_id",
                "ai_runs.created_at",
                "calls.id"
            ]
        );
    }

    #[test]
    fn update_and_delete() {
        let (tables, columns) = names(
            "UPDATE organizations SET owner_id = $1, updated_at = now() WHERE id = $2 RETURNING slug",
            Dialect::Postgres,
        );
        assert_eq!(tables, ["organizations"]);
        assert_eq!(
            columns,
            [
                "organizations.owner_id",
                "organizations.updated_at",
                "organizations.id",
                "organizations.slug"
            ]
        );
        let (tables, columns) = names(
            "DELETE FROM sessions WHERE expires_at < CURRENT_TIMESTAMP",
            Dialect::Sqlite,
        );
        assert_eq!(tables, ["sessions"]);
        assert_eq!(columns, ["sessions.expires_at"]);
    }

    #[test]
    fn interpolated_names_are_never_checked() {
        let sql = "SELECT * FROM ______ WHERE ____ = 1 AND id = ___";
        let holes = [14..20, 27..31, 45..48];
        let names = read(sql, &holes, Dialect::Postgres).unwrap();
        assert!(
            names.tables.is_empty() && names.columns.is_empty(),
            "{names:?}"
        );
    }

    #[test]
    fn driver_placeholders_are_masked() {
        let (tables, columns) = names(
            "SELECT name FROM users WHERE id = %s AND org = %(org)s",
            Dialect::Postgres,
        );
        assert_eq!(tables, ["users"]);
        assert_eq!(columns, ["users.name", "users.id", "users.org"]);
        let (_, columns) = names(
            "SELECT name FROM users WHERE id = :id AND kind = ?",
            Dialect::Postgres,
        );
        assert_eq!(columns, ["users.name", "users.id", "users.kind"]);
        let (_, columns) = names("SELECT x::text FROM t WHERE y = ?", Dialect::Sqlite);
        assert_eq!(columns, ["t.x", "t.y"]);
    }

    #[test]
    fn mysql_on_duplicate_key_and_units() {
        let (tables, columns) = names(
            "INSERT INTO stats (day, hits) VALUES (?, 1)
             ON DUPLICATE KEY UPDATE hits = hits + VALUES(hits), at = TIMESTAMPDIFF(SECOND, a, b)",
            Dialect::Mysql,
        );
        assert_eq!(tables, ["stats"]);
        assert!(columns.contains(&"stats.day".to_string()), "{columns:?}");
        assert!(
            !columns.iter().any(|c| c.ends_with("SECOND")),
            "{columns:?}"
        );
    }

    #[test]
    fn unparsable_sql_says_where() {
        let error = read("SELECT FROM WHERE", &[], Dialect::Postgres).unwrap_err();
        assert!(!error.message.is_empty());
    }
}
