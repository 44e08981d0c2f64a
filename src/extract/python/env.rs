//! Evaluation context: what a name written in an expression stands for (a SQLAlchemy
//! function, a project class, a module constant, a local variable of a migration), and the
//! static values simple expressions have.

use super::expr::{Call, Expr, ExprKind, FPart};
use super::module::Local;
use super::project::{Def, Project};
use crate::model::Dialect;

/// Packages whose names are interpreted by their last segment (`sa.Column`, `db.Integer`,
/// `postgresql.UUID`).
const KNOWN_PACKAGES: &[&str] = &[
    "sqlalchemy",
    "sqlmodel",
    "flask_sqlalchemy",
    "sqlalchemy_utils",
    "geoalchemy2",
    "pgvector",
    "alembic",
];

/// What a name stands for, as far as evaluation is concerned.
#[derive(Debug, Clone)]
pub enum Target<'p> {
    /// Outside the repository, by absolute dotted name (attributes included).
    External(String),
    Class(u32, u32, Vec<String>),
    Function(u32, u32),
    /// A variable (module-level or local) and the attribute path after it.
    Value(&'p Expr, Vec<String>),
    Unknown(String),
}

#[derive(Clone, Copy)]
pub struct Env<'p> {
    pub project: &'p Project,
    pub dialect: Dialect,
    /// Local variables visible where the expressions being evaluated were written (the
    /// function body of an Alembic `upgrade()`), latest last.
    pub locals: &'p [Local],
    /// Only locals written before this offset are visible.
    pub locals_before: u32,
}

impl<'p> Env<'p> {
    pub fn new(project: &'p Project, dialect: Dialect) -> Self {
        Env {
            project,
            dialect,
            locals: &[],
            locals_before: u32::MAX,
        }
    }

    /// What the name `expr` stands for; `None` when it is not a name.
    pub fn target(&self, expr: &Expr) -> Option<Target<'p>> {
        expr.name().map(|n| self.lookup(expr.file, expr.start, n))
    }

    pub fn lookup(&self, file: u32, at: u32, dotted: &str) -> Target<'p> {
        let mut parts = dotted.splitn(2, '.');
        let head = parts.next().unwrap_or(dotted);
        let rest: Vec<String> = parts
            .next()
            .map(|r| r.split('.').map(str::to_string).collect())
            .unwrap_or_default();
        if let Some(local) =
            self.locals.iter().rev().find(|l| {
                l.name == head && l.value.file == file && l.range.start < self.locals_before
            })
        {
            if let ExprKind::Name(alias) = &local.value.kind {
                let joined = std::iter::once(alias.clone())
                    .chain(rest)
                    .collect::<Vec<_>>()
                    .join(".");
                // Only what was bound before this assignment: `x = x` ends here.
                let mut earlier = *self;
                earlier.locals_before = local.range.start;
                return earlier.lookup(file, local.value.start, &joined);
            }
            return Target::Value(&local.value, rest);
        }
        let (def, rest) = self.project.resolve_through(file, at, dotted);
        match def {
            Def::External(path) => Target::External(join_path(&path, &rest)),
            Def::Class(m, c) => Target::Class(m, c, rest),
            Def::Function(m, f) if rest.is_empty() => Target::Function(m, f),
            Def::Assign(m, a) => match &self.project.assign(m, a).value {
                Some(value) => {
                    if !rest.is_empty()
                        && rest[0] != "Model"
                        && rest[0] != "metadata"
                        && self.is_flask_db(value)
                    {
                        return Target::External(join_path("sqlalchemy", &rest));
                    }
                    Target::Value(value, rest)
                }
                None => Target::Unknown(dotted.to_string()),
            },
            _ => Target::Unknown(dotted.to_string()),
        }
    }

    /// Whether `value` is `SQLAlchemy(...)` from Flask-SQLAlchemy.
    pub fn is_flask_db(&self, value: &Expr) -> bool {
        value
            .call()
            .is_some_and(|call| self.is_flask_extension(&call.func, 0))
    }

    /// `flask_sqlalchemy.SQLAlchemy`, or a class of the repository derived from it
    /// (`class SQLAlchemy(_BaseSQLAlchemy): ...` overriding pool defaults).
    fn is_flask_extension(&self, class: &Expr, depth: u32) -> bool {
        if depth > 8 {
            return false;
        }
        match self.target(class) {
            Some(Target::External(path)) => {
                path.starts_with("flask_sqlalchemy") && path.ends_with("SQLAlchemy")
            }
            Some(Target::Class(m, c, rest)) if rest.is_empty() => self
                .project
                .class(m, c)
                .bases
                .iter()
                .any(|base| self.is_flask_extension(base, depth + 1)),
            _ => false,
        }
    }

    /// The last segment of a SQLAlchemy-family name: `sa.Column` → `Column`. Names that cannot
    /// be resolved are read by their last segment too (a star import from a file not scanned).
    pub fn known_name(&self, expr: &Expr) -> Option<String> {
        match self.target(expr)? {
            Target::External(path) => {
                let head = path.split('.').next().unwrap_or("");
                KNOWN_PACKAGES
                    .contains(&head)
                    .then(|| path.rsplit('.').next().unwrap_or(&path).to_string())
            }
            Target::Unknown(name) => Some(name.rsplit('.').next().unwrap_or(&name).to_string()),
            _ => None,
        }
    }

    /// The known name of the function a call calls.
    pub fn callee(&self, expr: &Expr) -> Option<String> {
        self.known_name(&expr.call()?.func)
    }

    /// Whether a call calls one of `names` (SQLAlchemy family).
    pub fn calls(&self, expr: &Expr, names: &[&str]) -> bool {
        self.callee(expr)
            .is_some_and(|n| names.contains(&n.as_str()))
    }

    /// The full external path a name resolves to.
    pub fn external(&self, expr: &Expr) -> Option<String> {
        match self.target(expr)? {
            Target::External(path) => Some(path),
            _ => None,
        }
    }

    /// The static string value of an expression: a literal, a constant, a simple f-string or
    /// concatenation of those.
    pub fn string(&self, expr: &Expr) -> Option<String> {
        self.string_with(expr, &|_| None, 0)
    }

    /// Like [`Env::string`], with `name` giving values to otherwise unknown names (`cls.__name__`).
    pub fn string_with(
        &self,
        expr: &Expr,
        name: &dyn Fn(&Expr) -> Option<String>,
        depth: u32,
    ) -> Option<String> {
        if depth > 8 {
            return None;
        }
        if let Some(value) = name(expr) {
            return Some(value);
        }
        match &expr.kind {
            ExprKind::Str(s) => Some(s.clone()),
            ExprKind::FString(parts) => parts
                .iter()
                .map(|p| match p {
                    FPart::Lit(s) => Some(s.clone()),
                    FPart::Expr(e) => self.string_with(e, name, depth + 1),
                })
                .collect(),
            ExprKind::BinOp(left, op, right) if op == "+" => Some(
                self.string_with(left, name, depth + 1)?
                    + &self.string_with(right, name, depth + 1)?,
            ),
            ExprKind::Name(_) => match self.target(expr)? {
                Target::Value(value, rest) if rest.is_empty() => {
                    self.string_with(value, name, depth + 1)
                }
                // `Status.PENDING.value` of an `Enum` class of the repository.
                Target::Class(m, c, rest)
                    if rest.len() == 2
                        && rest[1] == "value"
                        && super::types::is_enum_class(self, m, c, 0) =>
                {
                    let member = self.project.class(m, c).member(&rest[0])?;
                    self.string_with(member.value.as_ref()?, name, depth + 1)
                }
                _ => None,
            },
            ExprKind::Call(call) => self.string_method(call, name, depth),
            // `{'CONCURRENTLY ' if concurrently else ''}`: either way the same schema.
            ExprKind::IfElse(then, otherwise) => {
                let then = self.string_with(then, name, depth + 1)?;
                let otherwise = self.string_with(otherwise, name, depth + 1)?;
                (schema_neutral(&then) == schema_neutral(&otherwise)).then_some(otherwise)
            }
            _ => None,
        }
    }

    /// `x.lower()`, `x.upper()`, `x.replace(a, b)`, and case-conversion helpers
    /// (`camel_to_snake(x)`, `inflection.underscore(x)`, `pluralize(x)`).
    fn string_method(
        &self,
        call: &Call,
        name: &dyn Fn(&Expr) -> Option<String>,
        depth: u32,
    ) -> Option<String> {
        let (receiver, method) = match &call.func.kind {
            ExprKind::Name(n) => match n.rsplit_once('.') {
                Some((base, method)) => {
                    let base_expr = Expr::new(
                        ExprKind::Name(base.to_string()),
                        call.func.file,
                        call.func.start,
                        call.func.end,
                    );
                    (Some(base_expr), method.to_string())
                }
                None => (None, n.clone()),
            },
            ExprKind::Attr(object, method) => (Some((**object).clone()), method.clone()),
            _ => return None,
        };
        if let Some(receiver) = &receiver
            && let Some(value) = self.string_with(receiver, name, depth + 1)
        {
            return match method.as_str() {
                "lower" | "casefold" => Some(value.to_lowercase()),
                "upper" => Some(value.to_uppercase()),
                "strip" => Some(value.trim().to_string()),
                "replace" => {
                    let from = self.string_with(call.args.first()?, name, depth + 1)?;
                    let to = self.string_with(call.args.get(1)?, name, depth + 1)?;
                    Some(value.replace(&from, &to))
                }
                _ => None,
            };
        }
        // A conversion function applied to one argument.
        let argument = self.string_with(call.args.first()?, name, depth + 1)?;
        let lowered = method.to_lowercase();
        if lowered.contains("snake") || lowered == "underscore" || lowered == "underscored" {
            Some(crate::model::naming::snake_case(&argument))
        } else if lowered.contains("plural") {
            Some(pluralizer::pluralize(&argument, 2, false))
        } else if lowered == "str" {
            Some(argument)
        } else {
            None
        }
    }

    /// A static boolean: a literal or a constant.
    pub fn boolean(&self, expr: &Expr) -> Option<bool> {
        match &expr.kind {
            ExprKind::Bool(b) => Some(*b),
            ExprKind::Name(_) => match self.target(expr)? {
                Target::Value(value, rest) if rest.is_empty() => self.boolean(value),
                _ => None,
            },
            _ => None,
        }
    }

    /// A static integer: a literal, a constant, or arithmetic on them (`60 * 4`).
    pub fn integer(&self, expr: &Expr) -> Option<i64> {
        self.integer_at(expr, 0)
    }

    fn integer_at(&self, expr: &Expr, depth: u32) -> Option<i64> {
        if depth > 16 {
            return None;
        }
        match &expr.kind {
            ExprKind::Int(_) | ExprKind::Neg(_) => expr.int(),
            ExprKind::Name(_) | ExprKind::Attr(..) => match self.target(expr)? {
                Target::Value(value, rest) if rest.is_empty() => self.integer_at(value, depth + 1),
                _ => None,
            },
            ExprKind::BinOp(left, op, right) => {
                let (a, b) = (
                    self.integer_at(left, depth + 1)?,
                    self.integer_at(right, depth + 1)?,
                );
                match op.as_str() {
                    "+" => a.checked_add(b),
                    "-" => a.checked_sub(b),
                    "*" => a.checked_mul(b),
                    "//" => a.checked_div_euclid(b),
                    "**" => u32::try_from(b).ok().and_then(|b| a.checked_pow(b)),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// Follows a name to the value it was assigned, when it is a variable.
    pub fn value_of<'a>(&self, expr: &'a Expr) -> &'a Expr
    where
        'p: 'a,
    {
        let mut current = expr;
        for _ in 0..8 {
            match self.target(current) {
                Some(Target::Value(value, rest)) if rest.is_empty() => current = value,
                _ => break,
            }
        }
        current
    }
}

fn join_path(path: &str, rest: &[String]) -> String {
    if rest.is_empty() {
        path.to_string()
    } else {
        format!("{path}.{}", rest.join("."))
    }
}

/// SQL text without the modifiers that change how a statement runs but not the schema it
/// leaves: `CONCURRENTLY`, `IF NOT EXISTS`, `IF EXISTS`.
fn schema_neutral(sql: &str) -> Vec<String> {
    let words: Vec<&str> = sql.split_whitespace().collect();
    let is = |i: usize, word: &str| words.get(i).is_some_and(|w| w.eq_ignore_ascii_case(word));
    let mut out = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        if is(i, "concurrently") {
            i += 1;
        } else if is(i, "if") && is(i + 1, "not") && is(i + 2, "exists") {
            i += 3;
        } else if is(i, "if") && is(i + 1, "exists") {
            i += 2;
        } else {
            out.push(words[i].to_string());
            i += 1;
        }
    }
    out
}
