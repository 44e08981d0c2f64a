//! drizzle's `sql` templates as the SQL text drizzle-kit writes: `sql\`now()\`` → `now()`,
//! `sql\`lower(${t.email})\`` → `lower("email")`, `sql.raw("x")` → `x`.

use super::program::{Binding, DrizzleModule};
use super::value::{Js, Scope, arguments, children, literal, unwrap};
use super::{Extractor, Problem};
use crate::model::Dialect;
use crate::model::expression::normalize_expression;
use sqlparser::dialect::{MySqlDialect, PostgreSqlDialect, SQLiteDialect};
use sqlparser::parser::Parser;
use sqlparser::tokenizer::Token;
use tree_sitter::Node;

/// Renders a column or table mentioned in a template (`${t.email}`), or says it is not one.
pub(super) type Mentions<'a, 't> =
    dyn Fn(Node<'t>, Scope<'_>) -> Option<Result<String, Problem>> + 'a;

impl<'p, 't> Extractor<'p, 't> {
    /// Whether `name` in `unit` is drizzle's `sql` tag.
    fn is_sql_tag(&self, unit: usize, node: Node<'t>) -> bool {
        let node = unwrap(node);
        if node.kind() != "identifier" || self.text(unit, node) != "sql" {
            return false;
        }
        matches!(
            self.program.resolve(unit, "sql"),
            None | Some(Binding::Drizzle {
                module: DrizzleModule::Orm,
                ..
            })
        )
    }

    /// The SQL text of a `sql` template or `sql.raw(...)`; `None` when `node` is neither.
    pub(super) fn sql_text(
        &self,
        node: Node<'t>,
        scope: Scope<'_>,
        mentions: &Mentions<'_, 't>,
    ) -> Option<Result<String, Problem>> {
        let node = unwrap(node);
        if node.kind() != "call_expression" {
            return None;
        }
        let function = unwrap(node.child_by_field_name("function")?);
        let args = node.child_by_field_name("arguments")?;
        if self.is_sql_tag(scope.unit, function) && args.kind() == "template_string" {
            return Some(self.render_template(args, scope, mentions));
        }
        if function.kind() == "member_expression" {
            let object = function.child_by_field_name("object")?;
            let property = self.text(scope.unit, function.child_by_field_name("property")?);
            if self.is_sql_tag(scope.unit, object) && property == "raw" {
                let raw = arguments(node)
                    .first()
                    .map(|a| literal(self.program, *a, scope));
                return Some(match raw {
                    Some(Js::Str(text)) => Ok(text),
                    _ => Err(self.problem(
                        scope.unit,
                        node,
                        format!("{} is not a string literal", self.quote(scope.unit, node)),
                    )),
                });
            }
        }
        None
    }

    fn render_template(
        &self,
        template: Node<'t>,
        scope: Scope<'_>,
        mentions: &Mentions<'_, 't>,
    ) -> Result<String, Problem> {
        let mut out = String::new();
        for part in children(template) {
            match part.kind() {
                "string_fragment" => out.push_str(self.text(scope.unit, part)),
                "escape_sequence" => {
                    out.push_str(&super::value::unescape(self.text(scope.unit, part)))
                }
                "template_substitution" => {
                    let Some(expression) = part.named_child(0) else {
                        continue;
                    };
                    out.push_str(&self.substitution(expression, scope, mentions, part)?);
                }
                _ => {}
            }
        }
        Ok(out)
    }

    fn substitution(
        &self,
        expression: Node<'t>,
        scope: Scope<'_>,
        mentions: &Mentions<'_, 't>,
        part: Node<'t>,
    ) -> Result<String, Problem> {
        if let Some(nested) = self.sql_text(expression, scope, mentions) {
            return nested;
        }
        if let Some(mention) = mentions(expression, scope) {
            return mention;
        }
        // drizzle-kit inlines parameters of checks; a literal reads the same everywhere.
        match literal(self.program, expression, scope) {
            Js::Str(s) => Ok(format!("'{}'", s.replace('\'', "''"))),
            Js::Num(n) => Ok(n),
            Js::Bool(b) => Ok(b.to_string()),
            _ => Err(self.problem(
                scope.unit,
                part,
                format!(
                    "{} in a sql template cannot be read statically",
                    self.quote(scope.unit, part)
                ),
            )),
        }
    }
}

/// An SQL expression in the form the SQL extractor gives the same text (parsed and printed by
/// sqlparser, then normalised), so that `a != b` here and `a <> b` in a migration compare equal.
pub(super) fn canonical_expression(text: &str, dialect: Dialect) -> String {
    let parse = |sql_dialect: &dyn sqlparser::dialect::Dialect| {
        if crate::extract::sql::too_deep_to_parse(text, sql_dialect).is_some() {
            return None;
        }
        let mut parser = Parser::new(sql_dialect).try_with_sql(text).ok()?;
        let expression = parser.parse_expr().ok()?;
        (parser.peek_token().token == Token::EOF).then_some(expression)
    };
    let parsed = match dialect {
        Dialect::Postgres => parse(&PostgreSqlDialect {}),
        Dialect::Mysql => parse(&MySqlDialect {}),
        Dialect::Sqlite => parse(&SQLiteDialect {}),
    };
    match parsed {
        Some(expression) => crate::extract::sql::expression_text(&expression),
        None => normalize_expression(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expressions_read_like_the_sql_extractor_reads_them() {
        assert_eq!(
            canonical_expression("\"tasks\".\"status\" != 'done'", Dialect::Sqlite),
            "\"tasks\".\"status\" <> 'done'"
        );
        assert_eq!(
            canonical_expression("lower(\"email\")", Dialect::Postgres),
            "lower(\"email\")"
        );
        assert_eq!(
            canonical_expression("`age` >= 18", Dialect::Mysql),
            "`age` >= 18"
        );
        // Not an expression sqlparser reads: normalised as text.
        assert_eq!(canonical_expression("F(x", Dialect::Postgres), "f(x");
    }
}
