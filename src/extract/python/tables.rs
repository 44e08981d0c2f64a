//! Column declarations and table-level items assembled into a model [`Table`], the way
//! SQLAlchemy would create it: naming conventions, `index=True` → `ix_<table>_<column>`,
//! `unique=True`, column foreign keys, and the autoincrement rule for integer primary keys.

use super::columns::{ColRef, ColumnDecl, FkDecl, FkTarget, ServerDefault, TableItem};
use super::types::EnumDecl;
use crate::model::defaults::{DefaultKind, normalize_default};
use crate::model::{
    CheckConstraint, Column, ColumnType, Dialect, ForeignKey, Identity, Index, Name, Origin,
    PrimaryKey, QualifiedName, SourceKind, Table, UniqueConstraint,
};
use crate::source::Span;

/// A `MetaData(naming_convention=...)`: template by constraint kind (`ix`, `uq`, `ck`, `fk`,
/// `pk`).
#[derive(Debug, Clone, Default)]
pub struct Naming {
    pub conventions: Vec<(String, String)>,
}

impl Naming {
    fn template(&self, kind: &str) -> Option<&str> {
        let found = self
            .conventions
            .iter()
            .find(|(k, _)| k == kind || long_kind(k) == Some(kind))
            .map(|(_, v)| v.as_str());
        match (found, kind) {
            (Some(t), _) => Some(t),
            (None, "ix") => Some("ix_%(column_0_label)s"),
            _ => None,
        }
    }

    /// The name SQLAlchemy gives a constraint or index of `kind`.
    pub fn name(
        &self,
        kind: &str,
        explicit: Option<&str>,
        table: &str,
        columns: &[String],
        referred: Option<(&str, &[String])>,
    ) -> Option<String> {
        let Some(template) = self.template(kind) else {
            return explicit.map(str::to_string);
        };
        if explicit.is_some() && !template.contains("%(constraint_name)s") {
            return explicit.map(str::to_string);
        }
        if explicit.is_none() && template.contains("%(constraint_name)s") {
            return None;
        }
        let first = columns.first().map(String::as_str).unwrap_or("");
        let labels: Vec<String> = columns.iter().map(|c| format!("{table}_{c}")).collect();
        let (referred_table, referred_columns) = referred.unwrap_or(("", &[]));
        let mut out = template.to_string();
        let replacements: [(&str, String); 12] = [
            ("%(table_name)s", table.to_string()),
            ("%(column_0_name)s", first.to_string()),
            (
                "%(column_0_label)s",
                labels.first().cloned().unwrap_or_default(),
            ),
            ("%(column_0N_name)s", columns.join("")),
            ("%(column_0_N_name)s", columns.join("_")),
            ("%(column_0N_label)s", labels.join("")),
            ("%(column_0_N_label)s", labels.join("_")),
            ("%(referred_table_name)s", referred_table.to_string()),
            (
                "%(referred_column_0_name)s",
                referred_columns.first().cloned().unwrap_or_default(),
            ),
            ("%(referred_column_0N_name)s", referred_columns.join("")),
            ("%(referred_column_0_N_name)s", referred_columns.join("_")),
            ("%(constraint_name)s", explicit.unwrap_or("").to_string()),
        ];
        for (token, value) in replacements {
            out = out.replace(token, &value);
        }
        (!out.contains("%(")).then_some(out)
    }
}

fn long_kind(key: &str) -> Option<&'static str> {
    match key {
        "Index" => Some("ix"),
        "UniqueConstraint" => Some("uq"),
        "CheckConstraint" => Some("ck"),
        "ForeignKeyConstraint" => Some("fk"),
        "PrimaryKeyConstraint" => Some("pk"),
        _ => None,
    }
}

/// A column with the ORM's defaults applied: its database name, type and nullability.
#[derive(Debug, Clone)]
pub struct ColumnPlan {
    pub decl: ColumnDecl,
    pub name: String,
    pub ty: ColumnType,
    pub type_written: String,
    pub nullable: bool,
    pub span: Span,
    pub enum_type: Option<EnumDecl>,
}

/// Resolves an attribute reference in a foreign key (`User.id`) to a table and column.
pub type FkResolver<'a> =
    dyn Fn(&crate::extract::python::expr::Expr) -> Option<(QualifiedName, String)> + 'a;

/// What building a table could not read, for notes.
pub type Problems = Vec<(Span, String)>;

pub struct TableSpec<'a> {
    pub kind: SourceKind,
    pub dialect: Dialect,
    pub name: String,
    pub schema: Option<String>,
    pub span: Span,
    pub naming: &'a Naming,
    /// Spans of expressions, by module index and byte range.
    pub span_of: &'a dyn Fn(&crate::extract::python::expr::Expr) -> Span,
    pub resolve_fk: &'a FkResolver<'a>,
    /// `MetaData(schema=...)`: foreign keys written without a schema point into it.
    pub default_schema: Option<String>,
}

/// Splits `"schema.table.column"` into the table and the column.
pub fn split_target(text: &str, dialect: Dialect) -> Option<(QualifiedName, String)> {
    let mut parts: Vec<&str> = text.split('.').collect();
    let column = parts.pop()?.to_string();
    let table = parts.pop()?.to_string();
    let schema = (!parts.is_empty())
        .then(|| parts.join("."))
        .filter(|s| !dialect.is_default_schema(s));
    Some((QualifiedName::new(schema, table), column))
}

impl TableSpec<'_> {
    fn origin(&self, span: Span) -> Origin {
        Origin::new(self.kind, span)
    }

    pub fn column(&self, plan: &ColumnPlan, problems: &mut Problems) -> Column {
        let mut column = Column {
            name: Name::exact(&plan.name),
            ty: plan.ty.clone(),
            type_written: plan.type_written.clone(),
            nullable: plan.nullable,
            default: None,
            client_default: plan.decl.client_default.clone(),
            identity: plan.decl.identity,
            comment: plan.decl.comment.clone(),
            former_names: Vec::new(),
            unknown: crate::model::Unknown {
                client_default: plan.decl.client_default_unknown,
                ..Default::default()
            },
            origin: self.origin(plan.span.clone()),
        };
        match &plan.decl.server_default {
            Some((ServerDefault::Sql(sql), _)) => match normalize_default(sql, &column.ty) {
                DefaultKind::Value(value) => column.default = Some(value),
                DefaultKind::Sequence => column.identity = Some(Identity::Serial),
                DefaultKind::None => {}
            },
            Some((ServerDefault::Unknown(reason), expr)) => {
                column.unknown.default = true;
                problems.push(((self.span_of)(expr), reason.clone()))
            }
            // The database computes it in a way the code does not say.
            Some((ServerDefault::Fetched, _)) => column.unknown.default = true,
            None => {}
        }
        if column.identity.is_some() {
            column.nullable = false;
        }
        column
    }

    /// The foreign key a declaration makes, with its target resolved.
    pub fn foreign_key(
        &self,
        fk: &FkDecl,
        columns: Vec<String>,
        problems: &mut Problems,
    ) -> Option<ForeignKey> {
        // `op.create_table` compiles to CREATE TABLE, which leaves `use_alter` keys out wherever
        // the database can add them later; only models get them (create_all adds them after).
        if fk.use_alter && self.kind == SourceKind::Migrations && self.dialect != Dialect::Sqlite {
            return None;
        }
        let mut references: Option<QualifiedName> = None;
        let mut referenced = Vec::new();
        for target in &fk.targets {
            let resolved = match target {
                FkTarget::Text(text) => {
                    split_target(text, self.dialect).map(|(mut table, column)| {
                        if table.schema.is_none()
                            && !text.contains("..")
                            && text.matches('.').count() == 1
                        {
                            table.schema = self.default_schema.clone();
                        }
                        (table, column)
                    })
                }
                FkTarget::Expr(expr) => (self.resolve_fk)(expr),
            };
            match resolved {
                Some((table, column)) => {
                    references.get_or_insert(table);
                    referenced.push(column);
                }
                None => {
                    let expr = match target {
                        FkTarget::Expr(e) => e,
                        FkTarget::Text(_) => &fk.expr,
                    };
                    problems.push((
                        (self.span_of)(expr),
                        "the target of this foreign key cannot be read statically".to_string(),
                    ));
                    return None;
                }
            }
        }
        let references = references?;
        let name = self.naming.name(
            "fk",
            fk.name.as_deref(),
            &self.name,
            &columns,
            Some((&references.name, &referenced)),
        );
        Some(ForeignKey {
            name,
            columns,
            references,
            referenced_columns: referenced,
            on_delete: fk.on_delete.clone().filter(|a| a != "no action"),
            on_update: fk.on_update.clone().filter(|a| a != "no action"),
            origin: self.origin((self.span_of)(&fk.expr)),
        })
    }

    /// Builds the table: columns, then column-level constraints, then table-level items.
    pub fn build(
        &self,
        plans: &[ColumnPlan],
        items: &[TableItem],
        problems: &mut Problems,
    ) -> Table {
        let mut table = Table::new(
            Name::exact(&self.name),
            self.schema.clone(),
            self.origin(self.span.clone()),
        );
        let key_to_name = |key: &str| -> String {
            plans
                .iter()
                .find(|p| p.decl.attr == key)
                .or_else(|| plans.iter().find(|p| p.name == key))
                .map(|p| p.name.clone())
                .unwrap_or_else(|| key.to_string())
        };
        let resolve_cols = |cols: &[ColRef]| -> Vec<String> {
            cols.iter()
                .map(|c| match c {
                    ColRef::Key(k) | ColRef::Attr(k) => key_to_name(k),
                    ColRef::Sql(sql) => sql.clone(),
                })
                .collect()
        };
        let mut pk_columns: Vec<String> = Vec::new();
        let mut pk_span: Option<Span> = None;
        for plan in plans {
            table.columns.push(self.column(plan, problems));
            let decl = &plan.decl;
            let single = vec![plan.name.clone()];
            if decl.primary_key {
                pk_columns.push(plan.name.clone());
                pk_span.get_or_insert(plan.span.clone());
            }
            let unique = decl.unique.as_ref().filter(|(u, _)| *u);
            match (&decl.index, unique) {
                (Some((true, expr)), unique) => table.indexes.push(Index {
                    name: self.naming.name("ix", None, &self.name, &single, None),
                    columns: single.clone(),
                    unique: unique.is_some(),
                    method: None,
                    predicate: None,
                    origin: self.origin((self.span_of)(expr)),
                }),
                (_, Some((_, expr))) => table.unique_constraints.push(UniqueConstraint {
                    name: self.naming.name("uq", None, &self.name, &single, None),
                    columns: single.clone(),
                    origin: self.origin((self.span_of)(expr)),
                }),
                _ => {}
            }
            for fk in &decl.foreign_keys {
                if let Some(key) = self.foreign_key(fk, single.clone(), problems) {
                    table.foreign_keys.push(key);
                }
            }
            for check in &decl.checks {
                table.check_constraints.push(CheckConstraint {
                    name: self
                        .naming
                        .name("ck", check.name.as_deref(), &self.name, &single, None),
                    expression: check.sql.clone(),
                    origin: self.origin((self.span_of)(&check.expr)),
                });
            }
        }
        for item in items {
            match item {
                TableItem::Index {
                    name,
                    columns,
                    unique,
                    method,
                    predicate,
                    expr,
                } => {
                    let columns = resolve_cols(columns);
                    table.indexes.push(Index {
                        name: self
                            .naming
                            .name("ix", name.as_deref(), &self.name, &columns, None),
                        columns,
                        unique: *unique,
                        method: method.clone(),
                        predicate: predicate.clone(),
                        origin: self.origin((self.span_of)(expr)),
                    });
                }
                TableItem::Unique {
                    name,
                    columns,
                    expr,
                } => {
                    let columns = resolve_cols(columns);
                    table.unique_constraints.push(UniqueConstraint {
                        name: self
                            .naming
                            .name("uq", name.as_deref(), &self.name, &columns, None),
                        columns,
                        origin: self.origin((self.span_of)(expr)),
                    });
                }
                TableItem::PrimaryKey {
                    name,
                    columns,
                    expr,
                } => {
                    pk_columns = resolve_cols(columns);
                    pk_span = Some((self.span_of)(expr));
                    if let Some(name) = name {
                        table.primary_key = Some(PrimaryKey {
                            name: Some(name.clone()),
                            columns: Vec::new(),
                            origin: self.origin((self.span_of)(expr)),
                        });
                    }
                }
                TableItem::ForeignKey(fk) => {
                    let columns = resolve_cols(&fk.columns);
                    if let Some(key) = self.foreign_key(fk, columns, problems) {
                        table.foreign_keys.push(key);
                    }
                }
                TableItem::Check(check) => table.check_constraints.push(CheckConstraint {
                    name: self
                        .naming
                        .name("ck", check.name.as_deref(), &self.name, &[], None),
                    expression: check.sql.clone(),
                    origin: self.origin((self.span_of)(&check.expr)),
                }),
            }
        }
        if !pk_columns.is_empty() {
            let explicit = table.primary_key.take().and_then(|pk| pk.name);
            let name = self
                .naming
                .name("pk", explicit.as_deref(), &self.name, &pk_columns, None);
            for column in &mut table.columns {
                if pk_columns
                    .iter()
                    .any(|c| self.dialect.same_identifier(c, &column.name.stored))
                {
                    column.nullable = false;
                }
            }
            table.primary_key = Some(PrimaryKey {
                name,
                columns: pk_columns.clone(),
                origin: self.origin(pk_span.unwrap_or_else(|| self.span.clone())),
            });
            self.autoincrement(&mut table, plans, &pk_columns);
        }
        table
    }

    /// SQLAlchemy makes a single integer primary key auto-incrementing (SERIAL on Postgres,
    /// AUTO_INCREMENT on MySQL) unless it is a foreign key, has a server default or a sequence,
    /// or says `autoincrement=False`.
    fn autoincrement(&self, table: &mut Table, plans: &[ColumnPlan], pk_columns: &[String]) {
        let [only] = pk_columns else { return };
        let Some(plan) = plans.iter().find(|p| p.name == *only) else {
            return;
        };
        let has_fk = table
            .foreign_keys
            .iter()
            .any(|fk| fk.columns.iter().any(|c| c == only));
        let decl = &plan.decl;
        let explicit = decl.autoincrement == Some(true);
        if decl.autoincrement == Some(false)
            || decl.identity.is_some()
            || decl.sequence
            || decl.server_default.is_some()
            || (has_fk && !explicit)
        {
            return;
        }
        let Some(column) = table.columns.iter_mut().find(|c| c.name.stored == *only) else {
            return;
        };
        if !column.ty.is_integer() || column.identity.is_some() {
            return;
        }
        column.identity = Some(match self.dialect {
            Dialect::Postgres => Identity::Serial,
            Dialect::Mysql | Dialect::Sqlite => Identity::AutoIncrement,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn naming_conventions() {
        let default = Naming::default();
        assert_eq!(
            default
                .name("ix", None, "users", &["email".into()], None)
                .as_deref(),
            Some("ix_users_email")
        );
        assert_eq!(
            default.name("uq", None, "users", &["email".into()], None),
            None
        );
        assert_eq!(
            default
                .name("uq", Some("uq_x"), "users", &["email".into()], None)
                .as_deref(),
            Some("uq_x")
        );
        let naming = Naming {
            conventions: vec![
                ("uq".into(), "uq_%(table_name)s_%(column_0_N_name)s".into()),
                (
                    "fk".into(),
                    "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s".into(),
                ),
                ("ck".into(), "ck_%(table_name)s_%(constraint_name)s".into()),
                ("pk".into(), "pk_%(table_name)s".into()),
            ],
        };
        assert_eq!(
            naming
                .name("uq", None, "t", &["a".into(), "b".into()], None)
                .as_deref(),
            Some("uq_t_a_b")
        );
        assert_eq!(
            naming
                .name(
                    "fk",
                    None,
                    "posts",
                    &["user_id".into()],
                    Some(("users", &["id".into()]))
                )
                .as_deref(),
            Some("fk_posts_user_id_users")
        );
        assert_eq!(
            naming
                .name("ck", Some("positive"), "t", &[], None)
                .as_deref(),
            Some("ck_t_positive")
        );
        assert_eq!(naming.name("ck", None, "t", &[], None), None);
        assert_eq!(
            naming
                .name("pk", None, "t", &["id".into()], None)
                .as_deref(),
            Some("pk_t")
        );
        assert_eq!(
            naming.name("ix", None, "t", &["a".into()], None).as_deref(),
            Some("ix_t_a")
        );
    }

    #[test]
    fn foreign_key_targets() {
        assert_eq!(
            split_target("user.id", Dialect::Postgres),
            Some((QualifiedName::unqualified("user"), "id".to_string()))
        );
        assert_eq!(
            split_target("auth.users.id", Dialect::Postgres),
            Some((
                QualifiedName::new(Some("auth".into()), "users"),
                "id".to_string()
            ))
        );
        assert_eq!(
            split_target("public.users.id", Dialect::Postgres),
            Some((QualifiedName::unqualified("users"), "id".to_string()))
        );
        assert_eq!(split_target("users", Dialect::Postgres), None);
    }
}
