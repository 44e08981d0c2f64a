//! Applies [`SchemaChange`]s in order to a [`Schema`]: how a migration history or a dump becomes
//! the schema it builds.

use super::change::{ColumnChange, EnumValuePosition, SchemaChange};
use super::{Column, Dialect, Origin, QualifiedName, Schema};

/// A change that could not be applied as written (it names an object that does not exist, or
/// creates one that already does). The replay goes on; the caller decides how to report it.
#[derive(Debug, Clone)]
pub struct ReplayProblem {
    pub kind: ProblemKind,
    /// The table the failed change acts on.
    pub table: Option<QualifiedName>,
    pub message: String,
    pub origin: Origin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// The change names a table, column, index or type that does not exist.
    Missing,
    /// The change creates something that already exists.
    Duplicate,
}

impl Schema {
    /// Applies one change. Problems are returned, never panicked on: real migration histories
    /// contain statements that only make sense against objects created elsewhere.
    pub fn apply(&mut self, change: SchemaChange) -> Result<(), ReplayProblem> {
        let origin = change.origin().clone();
        let target = change.table().cloned();
        let report = |kind: ProblemKind, message: String| {
            Err(ReplayProblem {
                kind,
                table: target.clone(),
                message,
                origin: origin.clone(),
            })
        };
        let problem = |message: String| report(ProblemKind::Missing, message);
        let duplicate = |message: String| report(ProblemKind::Duplicate, message);
        let dialect = self.dialect;
        match change {
            SchemaChange::CreateTable {
                table,
                if_not_exists,
            } => {
                let key = table.qualified_name();
                if self.table_key(&key).is_some() {
                    if if_not_exists {
                        return Ok(());
                    }
                    return duplicate(format!("table `{key}` is created twice"));
                }
                self.tables.insert(key, table);
            }
            SchemaChange::DropTable {
                table, if_exists, ..
            } => match self.table_key(&table) {
                // SQLite keeps the references other tables hold, by name: the rebuild
                // `DROP TABLE x; ALTER TABLE __new_x RENAME TO x` leaves them pointing at the
                // new `x`.
                Some(key) if dialect == Dialect::Sqlite => {
                    self.tables.remove(&key);
                }
                Some(key) => {
                    self.tables.remove(&key);
                    for other in self.tables.values_mut() {
                        other
                            .foreign_keys
                            .retain(|fk| !fk.references.same_as(&key, dialect));
                    }
                }
                None if if_exists => {}
                None => return problem(format!("DROP TABLE of unknown table `{table}`")),
            },
            SchemaChange::RenameTable { from, to, .. } => {
                let Some(key) = self.table_key(&from) else {
                    return problem(format!("RENAME of unknown table `{from}`"));
                };
                let mut table = self.tables.remove(&key).expect("key was just found");
                let to = QualifiedName::new(to.schema.or(key.schema.clone()), to.name);
                if dialect == Dialect::Postgres {
                    table.keep_generated_names(None);
                }
                table.former_names.push(table.name.stored.clone());
                table.origin = origin.clone();
                table.name.stored = to.name.clone();
                table.name.written = to.name.clone();
                table.schema = to.schema.clone();
                if !(dialect == Dialect::Sqlite && self.legacy_alter_table) {
                    for other in self.tables.values_mut() {
                        for fk in &mut other.foreign_keys {
                            if fk.references.same_as(&key, dialect) {
                                fk.references = to.clone();
                            }
                        }
                    }
                }
                for fk in &mut table.foreign_keys {
                    if fk.references.same_as(&key, dialect) {
                        fk.references = to.clone();
                    }
                }
                self.tables.insert(to, table);
            }
            SchemaChange::AddColumn {
                table,
                column,
                if_not_exists,
            } => {
                let Some(t) = self.table_mut(&table) else {
                    return problem(format!("ADD COLUMN on unknown table `{table}`"));
                };
                if t.column(dialect, &column.name.stored).is_some() {
                    if if_not_exists {
                        return Ok(());
                    }
                    return duplicate(format!(
                        "column `{}.{}` is added twice",
                        table, column.name.stored
                    ));
                }
                t.columns.push(column);
            }
            SchemaChange::DropColumn {
                table,
                column,
                if_exists,
                ..
            } => {
                let Some(t) = self.table_mut(&table) else {
                    return problem(format!("DROP COLUMN on unknown table `{table}`"));
                };
                if !t.drop_column(dialect, &column) && !if_exists {
                    return problem(format!("DROP COLUMN of unknown column `{table}.{column}`"));
                }
            }
            SchemaChange::RenameColumn {
                table, from, to, ..
            } => {
                let key = self.table_key(&table);
                let Some(t) = key.as_ref().and_then(|k| self.tables.get_mut(k)) else {
                    return problem(format!("RENAME COLUMN on unknown table `{table}`"));
                };
                if t.column(dialect, &from).is_none() {
                    return problem(format!("RENAME of unknown column `{table}.{from}`"));
                }
                if dialect == Dialect::Postgres {
                    t.keep_generated_names(Some(&from));
                }
                let column = t
                    .column_mut(dialect, &from)
                    .expect("the column was just found");
                column.former_names.push(column.name.stored.clone());
                column.name.stored = to.clone();
                column.name.written = to.clone();
                column.origin = origin.clone();
                t.rename_column_references(dialect, &from, &to);
                let key = key.expect("table was found");
                for other in self.tables.values_mut() {
                    for fk in &mut other.foreign_keys {
                        if fk.references.same_as(&key, dialect) {
                            for col in &mut fk.referenced_columns {
                                if dialect.same_identifier(col, &from) {
                                    *col = to.clone();
                                }
                            }
                        }
                    }
                }
            }
            SchemaChange::AlterColumn {
                table,
                column,
                change,
                ..
            } => {
                let Some(t) = self.table_mut(&table) else {
                    return problem(format!("ALTER COLUMN on unknown table `{table}`"));
                };
                let Some(c) = t.column_mut(dialect, &column) else {
                    return problem(format!("ALTER of unknown column `{table}.{column}`"));
                };
                match change {
                    ColumnChange::SetType { ty, written } => {
                        c.ty = ty;
                        c.type_written = written;
                    }
                    ColumnChange::SetNotNull => c.nullable = false,
                    ColumnChange::DropNotNull => c.nullable = true,
                    ColumnChange::SetDefault(default) => c.default = default,
                    ColumnChange::SetIdentity(identity) => c.identity = Some(identity),
                    ColumnChange::DropIdentity => c.identity = None,
                }
                c.origin = origin.clone();
            }
            SchemaChange::ReplaceColumn {
                table,
                old_name,
                column,
            } => {
                let Some(t) = self.table_mut(&table) else {
                    return problem(format!("MODIFY COLUMN on unknown table `{table}`"));
                };
                let new_name = column.name.stored.clone();
                let Some(c) = t.column_mut(dialect, &old_name) else {
                    return problem(format!("MODIFY of unknown column `{table}.{old_name}`"));
                };
                let mut former_names = std::mem::take(&mut c.former_names);
                if !dialect.same_identifier(&old_name, &new_name) {
                    former_names.push(old_name.clone());
                }
                *c = Column {
                    former_names,
                    ..column
                };
                if !dialect.same_identifier(&old_name, &new_name) {
                    t.rename_column_references(dialect, &old_name, &new_name);
                }
            }
            SchemaChange::AddPrimaryKey { table, key } => {
                let Some(t) = self.table_mut(&table) else {
                    return problem(format!("PRIMARY KEY on unknown table `{table}`"));
                };
                for name in &key.columns {
                    if let Some(c) = t.column_mut(dialect, name) {
                        c.nullable = false;
                    }
                }
                t.primary_key = Some(key);
            }
            SchemaChange::AddUnique { table, constraint } => {
                let Some(t) = self.table_mut(&table) else {
                    return problem(format!("UNIQUE on unknown table `{table}`"));
                };
                t.unique_constraints.push(constraint);
            }
            SchemaChange::AddForeignKey { table, key } => {
                let Some(t) = self.table_mut(&table) else {
                    return problem(format!("FOREIGN KEY on unknown table `{table}`"));
                };
                t.foreign_keys.push(key);
            }
            SchemaChange::AddCheck { table, check } => {
                let Some(t) = self.table_mut(&table) else {
                    return problem(format!("CHECK on unknown table `{table}`"));
                };
                t.check_constraints.push(check);
            }
            SchemaChange::DropConstraint {
                table,
                name,
                if_exists,
                ..
            } => {
                let Some(t) = self.table_mut(&table) else {
                    return problem(format!("DROP CONSTRAINT on unknown table `{table}`"));
                };
                // A constraint backed by an index (MySQL DROP INDEX via ALTER TABLE) is dropped
                // with it.
                let before = t.indexes.len();
                t.indexes
                    .retain(|i| i.name.as_deref() != Some(name.as_str()));
                let keys_before = t.foreign_keys.clone();
                let dropped = t.drop_constraint(&name)
                    || (dialect == Dialect::Postgres && t.drop_constraint_named_by_postgres(&name));
                let table_name = t.name.stored.clone();
                let gone: Vec<(String, String)> = keys_before
                    .iter()
                    .filter(|k| !t.foreign_keys.contains(k))
                    .flat_map(|k| k.columns.iter().map(|c| (table_name.clone(), c.clone())))
                    .collect();
                let unknown = !dropped && before == t.indexes.len() && !if_exists;
                self.dropped_foreign_keys.extend(gone);
                if unknown {
                    return problem(format!("DROP CONSTRAINT of unknown constraint `{name}`"));
                }
            }
            SchemaChange::DropPrimaryKey { table, .. } => {
                let Some(t) = self.table_mut(&table) else {
                    return problem(format!("DROP PRIMARY KEY on unknown table `{table}`"));
                };
                t.primary_key = None;
            }
            SchemaChange::CreateIndex {
                table,
                index,
                if_not_exists,
            } => {
                let Some(t) = self.table_mut(&table) else {
                    return problem(format!("CREATE INDEX on unknown table `{table}`"));
                };
                if index.name.is_some() && t.indexes.iter().any(|i| i.name == index.name) {
                    if if_not_exists {
                        return Ok(());
                    }
                    return duplicate(format!(
                        "index `{}` is created twice",
                        index.name.as_deref().unwrap_or_default()
                    ));
                }
                t.indexes.push(index);
            }
            SchemaChange::CreateTableLike {
                name,
                schema,
                source,
                copy,
                if_not_exists,
                origin,
            } => {
                let key = QualifiedName::new(schema.clone(), name.stored.clone());
                if self.table_key(&key).is_some() {
                    if if_not_exists {
                        return Ok(());
                    }
                    return duplicate(format!("table `{key}` is created twice"));
                }
                let Some(source_table) = self.table(&source) else {
                    return problem(format!("CREATE TABLE … LIKE unknown table `{source}`"));
                };
                let mut table = source_table.clone();
                table.name = name;
                table.schema = schema;
                table.origin = origin.clone();
                table.comment = None;
                table.former_names.clear();
                table.foreign_keys.clear();
                for column in &mut table.columns {
                    column.origin = origin.clone();
                    column.former_names.clear();
                    if !copy.defaults {
                        column.default = None;
                    }
                }
                if !copy.constraints {
                    table.check_constraints.clear();
                }
                if copy.indexes && dialect == Dialect::Postgres {
                    // The copies get names of their own, as the server gives them.
                    for pk in table.primary_key.iter_mut() {
                        pk.name = None;
                    }
                    for unique in &mut table.unique_constraints {
                        unique.name = None;
                    }
                    for index in &mut table.indexes {
                        index.name = None;
                    }
                } else if !copy.indexes {
                    table.primary_key = None;
                    table.unique_constraints.clear();
                    table.indexes.clear();
                }
                self.tables.insert(key, table);
            }
            SchemaChange::RenameIndex {
                table, from, to, ..
            } => {
                let mut found = false;
                for t in self.tables_named(table.as_ref()) {
                    let answers = generated_name_matcher(&t.name.stored, &from, dialect);
                    for index in t
                        .indexes
                        .iter_mut()
                        .filter(|i| answers(&i.name, &i.columns, "idx"))
                    {
                        index.name = Some(to.clone());
                        found = true;
                    }
                    for unique in t
                        .unique_constraints
                        .iter_mut()
                        .filter(|u| answers(&u.name, &u.columns, "key"))
                    {
                        unique.name = Some(to.clone());
                        found = true;
                    }
                    if let Some(pk) = t
                        .primary_key
                        .as_mut()
                        .filter(|pk| answers(&pk.name, &[], "pkey"))
                    {
                        pk.name = Some(to.clone());
                        found = true;
                    }
                }
                if !found {
                    return problem(format!("RENAME INDEX of unknown index `{from}`"));
                }
            }
            SchemaChange::RenameConstraint {
                table, from, to, ..
            } => {
                let Some(t) = self.table_mut(&table) else {
                    return problem(format!("RENAME CONSTRAINT on unknown table `{table}`"));
                };
                if !t.rename_constraint(&from, &to, dialect) {
                    return problem(format!("RENAME CONSTRAINT of unknown constraint `{from}`"));
                }
            }
            SchemaChange::DropIndex {
                table,
                name,
                if_exists,
                ..
            } => {
                let mut found = false;
                for t in self.tables_named(table.as_ref()) {
                    let answers = generated_name_matcher(&t.name.stored, &name, dialect);
                    let before = t.indexes.len();
                    t.indexes.retain(|i| !answers(&i.name, &i.columns, "idx"));
                    found |= before != t.indexes.len();
                    // MySQL drops the unique constraint this way too.
                    let before = t.unique_constraints.len();
                    t.unique_constraints
                        .retain(|u| !answers(&u.name, &u.columns, "key"));
                    found |= before != t.unique_constraints.len();
                }
                if !found && !if_exists {
                    return problem(format!("DROP INDEX of unknown index `{name}`"));
                }
            }
            SchemaChange::CreateEnum(e) => {
                let key = QualifiedName::new(e.schema.clone(), e.name.stored.clone());
                if self.enums.contains_key(&key) {
                    return duplicate(format!("type `{key}` is created twice"));
                }
                self.enums.insert(key, e);
            }
            SchemaChange::AddEnumValue {
                name,
                value,
                position,
                if_not_exists,
                ..
            } => {
                let Some(e) = self.enum_mut(&name) else {
                    return problem(format!("ADD VALUE on unknown type `{name}`"));
                };
                if e.values.contains(&value) {
                    if if_not_exists {
                        return Ok(());
                    }
                    return duplicate(format!("enum value `{value}` is added twice to `{name}`"));
                }
                let at = match &position {
                    EnumValuePosition::Last => e.values.len(),
                    EnumValuePosition::Before(v) => e
                        .values
                        .iter()
                        .position(|x| x == v)
                        .unwrap_or(e.values.len()),
                    EnumValuePosition::After(v) => e
                        .values
                        .iter()
                        .position(|x| x == v)
                        .map(|i| i + 1)
                        .unwrap_or(e.values.len()),
                };
                e.values.insert(at, value);
            }
            SchemaChange::RenameEnumValue { name, from, to, .. } => {
                let Some(e) = self.enum_mut(&name) else {
                    return problem(format!("RENAME VALUE on unknown type `{name}`"));
                };
                match e.values.iter_mut().find(|v| **v == from) {
                    Some(v) => *v = to,
                    None => return problem(format!("RENAME of unknown enum value `{from}`")),
                }
            }
            SchemaChange::RenameType { from, to, .. } => {
                let Some(key) = self.enum_key(&from) else {
                    // Renaming a composite or domain type: nothing this model tracks.
                    return Ok(());
                };
                let mut e = self.enums.remove(&key).expect("key was just found");
                e.name.stored = to.clone();
                e.name.written = to.clone();
                for table in self.tables.values_mut() {
                    for column in &mut table.columns {
                        rename_enum_type(&mut column.ty, &key.name, &to);
                    }
                }
                self.enums.insert(QualifiedName::new(key.schema, to), e);
            }
            SchemaChange::DropType {
                name, if_exists, ..
            } => {
                // Composite types and domains are not modelled, so dropping an unknown type is
                // not a problem whether or not IF EXISTS was written.
                let _ = if_exists;
                if let Some(key) = self.enum_key(&name) {
                    self.enums.remove(&key);
                }
            }
            SchemaChange::Comment {
                table,
                column,
                comment,
                ..
            } => {
                let Some(t) = self.table_mut(&table) else {
                    return problem(format!("COMMENT on unknown table `{table}`"));
                };
                match column {
                    None => t.comment = comment,
                    Some(name) => match t.column_mut(dialect, &name) {
                        Some(c) => c.comment = comment,
                        None => {
                            return problem(format!("COMMENT on unknown column `{table}.{name}`"));
                        }
                    },
                }
            }
            SchemaChange::LegacyAlterTable { on, .. } => self.legacy_alter_table = on,
            SchemaChange::IfTableExists { table, change } => {
                if self.table_key(&table).is_some() {
                    return self.apply(*change);
                }
            }
        }
        Ok(())
    }

    /// The table named `table`, or every table when the statement does not say (Postgres
    /// `DROP INDEX x`, whose index may be on any table).
    fn tables_named<'a>(
        &'a mut self,
        table: Option<&'a QualifiedName>,
    ) -> impl Iterator<Item = &'a mut crate::model::Table> + 'a {
        let dialect = self.dialect;
        self.tables
            .iter_mut()
            .filter(move |(key, _)| table.is_none_or(|wanted| wanted.same_as(key, dialect)))
            .map(|(_, t)| t)
    }

    /// Resolves type names that turned out to be enums once every statement was read.
    pub fn finish(&mut self) {
        let dialect = self.dialect;
        let enums: Vec<QualifiedName> = self.enums.keys().cloned().collect();
        let enum_name = |written: &str| {
            let mut parts = written.rsplitn(2, '.');
            let bare = parts.next().unwrap_or(written).trim_matches('"');
            let schema = parts
                .next()
                .map(|s| s.trim_matches('"'))
                .filter(|s| !dialect.is_default_schema(s));
            enums
                .iter()
                .find(|e| {
                    dialect.same_identifier(&e.name, bare)
                        && match (&e.schema, schema) {
                            (Some(a), Some(b)) => dialect.same_identifier(a, b),
                            (None, None) => true,
                            _ => false,
                        }
                })
                .map(|e| e.to_string())
        };
        for table in self.tables.values_mut() {
            for column in &mut table.columns {
                column.ty.resolve_enum(&enum_name);
            }
        }
    }

    fn table_mut(&mut self, name: &QualifiedName) -> Option<&mut super::Table> {
        let key = self.table_key(name)?;
        self.tables.get_mut(&key)
    }

    fn enum_key(&self, name: &QualifiedName) -> Option<QualifiedName> {
        self.enums
            .keys()
            .find(|k| k.same_as(name, self.dialect))
            .cloned()
    }

    fn enum_mut(&mut self, name: &QualifiedName) -> Option<&mut super::EnumType> {
        let key = self.enum_key(name)?;
        self.enums.get_mut(&key)
    }
}

/// Whether an index or key goes by `wanted`: its own name, or on Postgres, when it has none,
/// the one the server gave it (`orders_customer_id_idx`, `users_email_key`, `users_pkey`).
fn generated_name_matcher<'a>(
    table: &'a str,
    wanted: &'a str,
    dialect: Dialect,
) -> impl Fn(&Option<String>, &[String], &str) -> bool + 'a {
    move |name, columns, label| match name {
        Some(name) => dialect.same_identifier(name, wanted),
        None if dialect == Dialect::Postgres => {
            super::postgres_key_name(table, columns, label) == wanted
        }
        None => false,
    }
}

fn rename_enum_type(ty: &mut super::ColumnType, from: &str, to: &str) {
    match ty {
        super::ColumnType::Enum(name) if name == from => *name = to.to_string(),
        super::ColumnType::Array(inner) => rename_enum_type(inner, from, to),
        _ => {}
    }
}
