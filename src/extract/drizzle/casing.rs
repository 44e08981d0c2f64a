//! Column-name casing: drizzle-kit reads `casing` from drizzle.config.ts, the application from
//! its `drizzle({ casing })` calls. Keys without an explicit column name become column names
//! through it. When the two disagree, the application queries columns the migrations never
//! created.

use super::program::{Binding, DrizzleModule, Program, Unit};
use super::value::{Js, Scope, children, literal, property_key, unwrap};
use super::{Extractor, Problem};
use crate::extract::{ExtractNote, NoteKind};
use crate::finding::Related;
use crate::model::Dialect;
use crate::model::naming::snake_case;
use heck::ToLowerCamelCase;
use tree_sitter::Node;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Casing {
    /// No `casing`: the key is the column name.
    Preserve,
    SnakeCase,
    CamelCase,
}

impl Casing {
    fn parse(value: &str) -> Option<Casing> {
        match value {
            "snake_case" => Some(Casing::SnakeCase),
            "camelCase" => Some(Casing::CamelCase),
            _ => None,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Casing::Preserve => "no casing (keys are column names)",
            Casing::SnakeCase => "casing \"snake_case\"",
            Casing::CamelCase => "casing \"camelCase\"",
        }
    }

    /// The column name a key stands for.
    pub fn apply(self, key: &str) -> String {
        match self {
            Casing::Preserve => key.to_string(),
            Casing::SnakeCase => snake_case(key),
            Casing::CamelCase => key.to_lower_camel_case(),
        }
    }
}

/// One drizzle-kit configuration file.
struct Config<'t> {
    unit: usize,
    dir: String,
    casing: Casing,
    /// The `casing: ...` property, or the configuration object when there is none.
    place: Node<'t>,
}

/// The pairs of a configuration object literal, by key.
pub(super) fn config_pairs<'t>(unit: &Unit<'t>, object: Node<'t>) -> Vec<(String, Node<'t>)> {
    children(object)
        .into_iter()
        .filter(|c| c.kind() == "pair")
        .filter_map(|pair| {
            let key = property_key(pair.child_by_field_name("key")?, &unit.file.text)?;
            Some((key, pair))
        })
        .collect()
}

/// The dialect a configuration file names (`dialect: "postgresql"`, or the older `driver`).
pub fn config_dialect(program: &Program<'_>, index: usize) -> Option<Dialect> {
    let unit = program.unit(index);
    if !unit.is_config() {
        return None;
    }
    unit.facts.configs.iter().find_map(|&object| {
        config_pairs(unit, object)
            .into_iter()
            .find(|(k, _)| k == "dialect" || k == "driver")
            .and_then(|(_, pair)| {
                let value = literal(
                    program,
                    pair.child_by_field_name("value")?,
                    Scope::top(index),
                );
                match value.as_str()? {
                    "postgresql" | "pg" | "postgres" | "pglite" => Some(Dialect::Postgres),
                    "mysql" | "mysql2" | "singlestore" => Some(Dialect::Mysql),
                    "sqlite" | "turso" | "libsql" | "better-sqlite" | "d1" | "d1-http" | "expo"
                    | "durable-sqlite" => Some(Dialect::Sqlite),
                    _ => None,
                }
            })
    })
}

impl<'p, 't> Extractor<'p, 't> {
    /// The casing drizzle-kit applies to each file's tables; notes where the application's
    /// `drizzle()` calls use another.
    pub(super) fn read_casing(&self) -> Vec<Casing> {
        let program = self.program;
        let mut configs: Vec<Config<'t>> = Vec::new();
        for (index, unit) in program.units.iter().enumerate() {
            if !unit.is_config() {
                continue;
            }
            let mut found: Option<(Casing, Node<'t>)> = None;
            for &object in &unit.facts.configs {
                for (key, pair) in config_pairs(unit, object) {
                    if key != "casing" {
                        continue;
                    }
                    let value = pair
                        .child_by_field_name("value")
                        .map(|v| literal(program, v, Scope::top(index)));
                    match value.as_ref().and_then(Js::as_str).and_then(Casing::parse) {
                        Some(casing) => found = Some((casing, pair)),
                        None => self.not_understood(
                            self.problem(
                                index,
                                pair,
                                format!(
                                    "drizzle-kit {} is not \"snake_case\" or \"camelCase\" written as a literal; columns are read with keys as names",
                                    self.quote(index, pair)
                                ),
                            ),
                            None,
                        ),
                    }
                }
            }
            let Some(&first) = unit.facts.configs.first() else {
                continue;
            };
            let (casing, place) = found.unwrap_or((Casing::Preserve, first));
            configs.push(Config {
                unit: index,
                dir: parent_dir(unit.path()).to_string(),
                casing,
                place,
            });
        }

        let config_for = |path: &str| -> Option<&Config<'t>> {
            configs
                .iter()
                .filter(|c| c.dir.is_empty() || path.starts_with(&format!("{}/", c.dir)))
                .max_by_key(|c| c.dir.len())
                .or(configs.first())
        };

        let mut runtime: Vec<(usize, Node<'t>, Casing)> = Vec::new();
        for (index, unit) in program.units.iter().enumerate() {
            for &(call, arguments) in &unit.facts.runtime_calls {
                let is_drizzle = matches!(
                    program.resolve(index, "drizzle"),
                    Some(Binding::Drizzle {
                        module: DrizzleModule::Driver,
                        ..
                    })
                );
                if !is_drizzle {
                    continue;
                }
                match self.runtime_casing(index, arguments) {
                    Ok(casing) => runtime.push((index, call, casing)),
                    Err(problem) => self.not_understood(problem, None),
                }
            }
        }

        for &(index, call, casing) in &runtime {
            let path = program.unit(index).path();
            let Some(config) = config_for(path) else {
                continue;
            };
            if config.casing == casing {
                continue;
            }
            let config_path = program.unit(config.unit).path();
            let mut note = ExtractNote {
                kind: NoteKind::CasingMismatch,
                message: format!(
                    "the application's drizzle() uses {}, but {config_path} gives drizzle-kit {}: keys without an explicit column name are queried under names the migrations do not create",
                    casing.describe(),
                    config.casing.describe()
                ),
                span: self.span(index, call),
                table: None,
                related: Vec::new(),
            };
            note.related.push(Related {
                span: self.span(config.unit, config.place),
                message: format!("drizzle-kit reads {} here", config.casing.describe()),
            });
            self.casing_mismatches
                .borrow_mut()
                .push((note.span.clone(), config.casing, casing));
            self.notes.borrow_mut().push(note);
        }

        program
            .units
            .iter()
            .map(|unit| match config_for(unit.path()) {
                Some(config) => config.casing,
                // Without drizzle-kit, the application's casing names the columns.
                None => {
                    let mut casings = runtime.iter().map(|(_, _, c)| *c);
                    match casings.next() {
                        Some(first) if casings.all(|c| c == first) => first,
                        _ => Casing::Preserve,
                    }
                }
            })
            .collect()
    }

    /// The `casing` option of a `drizzle(...)` call's arguments.
    fn runtime_casing(&self, unit: usize, arguments: Node<'t>) -> Result<Casing, Problem> {
        for argument in children(arguments) {
            let argument = unwrap(argument);
            if argument.kind() != "object" {
                continue;
            }
            for (key, pair) in config_pairs(self.unit(unit), argument) {
                if key != "casing" {
                    continue;
                }
                let value = pair
                    .child_by_field_name("value")
                    .map(|v| literal(self.program, v, Scope::top(unit)));
                return value
                    .as_ref()
                    .and_then(Js::as_str)
                    .and_then(Casing::parse)
                    .ok_or_else(|| {
                        self.problem(
                            unit,
                            pair,
                            format!(
                                "drizzle() {} is not \"snake_case\" or \"camelCase\" written as a literal",
                                self.quote(unit, pair)
                            ),
                        )
                    });
            }
        }
        Ok(Casing::Preserve)
    }
}

fn parent_dir(path: &str) -> &str {
    path.rsplit_once('/').map(|(d, _)| d).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::Casing;

    #[test]
    fn casing_names_columns_like_drizzle() {
        assert_eq!(Casing::SnakeCase.apply("userId"), "user_id");
        assert_eq!(Casing::SnakeCase.apply("createdAt"), "created_at");
        assert_eq!(Casing::SnakeCase.apply("already_snake"), "already_snake");
        assert_eq!(Casing::CamelCase.apply("user_id"), "userId");
        assert_eq!(Casing::Preserve.apply("userId"), "userId");
    }
}
