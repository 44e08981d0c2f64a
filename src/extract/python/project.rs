//! The Python modules of a repository and name resolution across them: what `Base`, `sa.Column`
//! or `intpk` written in one module stands for, following imports, re-exports in `__init__.py`
//! and module-level aliases, without importing anything.

use super::expr::{Expr, ExprKind};
use super::module::{Assign, Class, Function, Module};
use crate::source::Span;
use std::collections::HashMap;
use std::sync::Mutex;

/// Top-level packages that are never part of the scanned repository.
const EXTERNAL_PACKAGES: &[&str] = &[
    "sqlalchemy",
    "sqlmodel",
    "alembic",
    "flask_sqlalchemy",
    "sqlalchemy_utils",
    "pydantic",
    "typing",
    "typing_extensions",
    "datetime",
    "uuid",
    "enum",
    "decimal",
    "functools",
    "geoalchemy2",
    "pgvector",
    "builtins",
];

const BUILTINS: &[&str] = &[
    "int",
    "str",
    "bool",
    "float",
    "bytes",
    "dict",
    "list",
    "set",
    "tuple",
    "object",
    "type",
    "frozenset",
    "bytearray",
];

/// What a name stands for.
#[derive(Debug, Clone, PartialEq)]
pub enum Def {
    Class(u32, u32),
    Assign(u32, u32),
    Function(u32, u32),
    Module(u32),
    /// Something outside the repository, by its absolute dotted path.
    External(String),
    /// A name that is neither defined nor imported.
    Unknown(String),
}

pub struct Project {
    pub modules: Vec<Module>,
    /// Module indices by every dotted suffix of their name (`app.models.base`, `models.base`,
    /// `base`): imports are resolved without knowing the source roots.
    by_suffix: HashMap<String, Vec<u32>>,
    /// Per module, every top-level binding of each name with the offset from which it holds.
    bindings: Vec<HashMap<String, Vec<(u32, Binding)>>>,
    /// Per module, names already resolved whose answer does not depend on where they are
    /// written (the name has at most one binding): a schema repeats `sa.Column` thousands of
    /// times. Shared by the threads that build models and replay histories.
    resolved: Vec<Mutex<HashMap<String, (Def, Vec<String>)>>>,
}

/// What binds a name at the top level of a module, by index into that module's lists.
#[derive(Debug, Clone, Copy)]
enum Binding {
    Class(u32),
    Function(u32),
    Assign(u32),
    Import(u32),
}

/// A module's bindings: a class or function from its definition, a variable once assigned, an
/// import from its statement.
fn bindings_of(m: &Module) -> HashMap<String, Vec<(u32, Binding)>> {
    let mut out: HashMap<String, Vec<(u32, Binding)>> = HashMap::new();
    let mut bind = |name: &str, from: u32, binding: Binding| {
        out.entry(name.to_string())
            .or_default()
            .push((from, binding));
    };
    for (i, c) in m.classes.iter().enumerate() {
        bind(&c.name, c.range.start, Binding::Class(i as u32));
    }
    for (i, f) in m.functions.iter().enumerate() {
        bind(&f.name, f.range.start, Binding::Function(i as u32));
    }
    for (i, a) in m.assigns.iter().enumerate() {
        bind(&a.name, a.range.end, Binding::Assign(i as u32));
    }
    for (i, import) in m.imports.iter().enumerate() {
        bind(&import.local, import.at, Binding::Import(i as u32));
    }
    out
}

const MAX_DEPTH: u32 = 12;

impl Project {
    pub fn new(modules: Vec<Module>) -> Self {
        let mut by_suffix: HashMap<String, Vec<u32>> = HashMap::new();
        for module in &modules {
            let parts: Vec<&str> = module.name.split('.').filter(|p| !p.is_empty()).collect();
            for i in 0..parts.len() {
                by_suffix
                    .entry(parts[i..].join("."))
                    .or_default()
                    .push(module.index);
            }
        }
        for list in by_suffix.values_mut() {
            // The shortest full name first: the least nested module wins an ambiguity.
            list.sort_by_key(|i| (modules[*i as usize].name.len(), *i));
        }
        let bindings = modules.iter().map(bindings_of).collect();
        let resolved = modules.iter().map(|_| Mutex::default()).collect();
        Project {
            modules,
            by_suffix,
            bindings,
            resolved,
        }
    }

    pub fn module(&self, index: u32) -> &Module {
        &self.modules[index as usize]
    }

    pub fn class(&self, module: u32, class: u32) -> &Class {
        &self.modules[module as usize].classes[class as usize]
    }

    pub fn assign(&self, module: u32, assign: u32) -> &Assign {
        &self.modules[module as usize].assigns[assign as usize]
    }

    pub fn function(&self, module: u32, function: u32) -> &Function {
        &self.modules[module as usize].functions[function as usize]
    }

    pub fn span(&self, file: u32, start: u32, end: u32) -> Span {
        self.module(file).file.span(start as usize, end as usize)
    }

    pub fn expr_span(&self, expr: &Expr) -> Span {
        self.span(expr.file, expr.start, expr.end)
    }

    pub fn expr_text(&self, expr: &Expr) -> &str {
        &self.module(expr.file).file.text[expr.start as usize..expr.end as usize]
    }

    /// The project module a dotted module path names.
    pub fn find_module(&self, path: &str) -> Option<u32> {
        let head = path.split('.').next().unwrap_or(path);
        if EXTERNAL_PACKAGES.contains(&head) {
            return None;
        }
        self.by_suffix
            .get(path)
            .and_then(|list| list.first().copied())
    }

    /// Resolves a dotted name written in `module`: the definition it names and the attribute
    /// path after it (`Base.metadata` → the `Base` class and `["metadata"]`).
    pub fn resolve(&self, module: u32, dotted: &str) -> (Def, Vec<String>) {
        self.resolve_at(module, u32::MAX, dotted, 0)
    }

    /// Like [`Project::resolve`], for a name written at byte offset `at`: the binding in force
    /// there wins (`Base = declarative_base(cls=Base)` reads the class, not itself).
    pub fn resolve_from(&self, module: u32, at: u32, dotted: &str) -> (Def, Vec<String>) {
        self.resolve_at(module, at, dotted, 0)
    }

    fn resolve_at(&self, module: u32, at: u32, dotted: &str, depth: u32) -> (Def, Vec<String>) {
        let mut parts = dotted.split('.');
        let head = parts.next().unwrap_or(dotted);
        let rest: Vec<String> = parts.map(str::to_string).collect();
        if depth > MAX_DEPTH {
            return (Def::Unknown(dotted.to_string()), Vec::new());
        }
        let m = self.module(module);

        let bindings = self.bindings[module as usize]
            .get(head)
            .map(Vec::as_slice)
            .unwrap_or_default();
        // The binding in force at `at`; a name bound only later still names that binding.
        let chosen = bindings
            .iter()
            .filter(|(from, _)| *from <= at)
            .max_by_key(|(from, _)| *from)
            .or_else(|| bindings.iter().max_by_key(|(from, _)| *from));
        match chosen.map(|(_, b)| *b) {
            Some(Binding::Class(i)) => return (Def::Class(module, i), rest),
            Some(Binding::Function(i)) => return (Def::Function(module, i), rest),
            Some(Binding::Assign(i)) => return (Def::Assign(module, i), rest),
            Some(Binding::Import(i)) => {
                let mut path = m.imports[i as usize].path.clone();
                for r in &rest {
                    path.push('.');
                    path.push_str(r);
                }
                return self.resolve_path(&path, depth + 1);
            }
            None => {}
        }
        for wildcard in m.imports.iter().filter(|i| i.local == "*") {
            if let Some(target) = self.find_module(&wildcard.path) {
                let (def, r) = self.resolve_at(target, u32::MAX, dotted, depth + 1);
                if !matches!(def, Def::Unknown(_)) {
                    return (def, r);
                }
            } else if wildcard.path.starts_with("sqlalchemy")
                || wildcard.path.starts_with("sqlmodel")
            {
                return (
                    Def::External(format!("{}.{dotted}", wildcard.path)),
                    Vec::new(),
                );
            }
        }
        if BUILTINS.contains(&head) {
            return (Def::External(format!("builtins.{head}")), rest);
        }
        (Def::Unknown(dotted.to_string()), Vec::new())
    }

    /// Resolves an absolute dotted path: the longest prefix that is a project module, then the
    /// rest inside it (following its imports for re-exports).
    fn resolve_path(&self, path: &str, depth: u32) -> (Def, Vec<String>) {
        let parts: Vec<&str> = path.split('.').collect();
        for cut in (1..=parts.len()).rev() {
            let prefix = parts[..cut].join(".");
            if let Some(module) = self.find_module(&prefix) {
                if cut == parts.len() {
                    return (Def::Module(module), Vec::new());
                }
                let rest = parts[cut..].join(".");
                let (def, remaining) = self.resolve_at(module, u32::MAX, &rest, depth + 1);
                if let Def::Unknown(_) = def {
                    // `from app import models` where `models` is a submodule not imported in
                    // `app/__init__.py` was handled by the longer prefix; nothing else to try.
                    return (Def::Unknown(path.to_string()), Vec::new());
                }
                return (def, remaining);
            }
        }
        (Def::External(path.to_string()), Vec::new())
    }

    /// Resolves a name written at offset `at`, then follows module-level aliases
    /// (`Model = db.Model`, `PG_UUID = postgresql.UUID`) to what they finally name.
    pub fn resolve_through(&self, module: u32, at: u32, dotted: &str) -> (Def, Vec<String>) {
        let head = dotted.split('.').next().unwrap_or(dotted);
        let anywhere = self.bindings[module as usize]
            .get(head)
            .is_none_or(|b| b.len() <= 1);
        if !anywhere {
            return self.resolve_through_uncached(module, at, dotted);
        }
        let memo = &self.resolved[module as usize];
        if let Some(hit) = memo.lock().expect("not poisoned").get(dotted) {
            return hit.clone();
        }
        let answer = self.resolve_through_uncached(module, at, dotted);
        memo.lock()
            .expect("not poisoned")
            .insert(dotted.to_string(), answer.clone());
        answer
    }

    fn resolve_through_uncached(&self, module: u32, at: u32, dotted: &str) -> (Def, Vec<String>) {
        let (mut def, mut rest) = self.resolve_from(module, at, dotted);
        for _ in 0..MAX_DEPTH {
            let Def::Assign(m, a) = def else { break };
            let assign = self.assign(m, a);
            let Some(Expr {
                kind: ExprKind::Name(target),
                start,
                ..
            }) = &assign.value
            else {
                break;
            };
            let (next, mut more) = self.resolve_from(m, *start, target);
            more.extend(rest);
            def = next;
            rest = more;
        }
        (def, rest)
    }

    /// The absolute name of an external definition, with the rest of the attribute path.
    pub fn external_name(&self, module: u32, dotted: &str) -> Option<String> {
        match self.resolve_through(module, u32::MAX, dotted) {
            (Def::External(path), rest) => Some(if rest.is_empty() {
                path
            } else {
                format!("{path}.{}", rest.join("."))
            }),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::module;
    use super::*;
    use crate::source::SourceFile;

    fn project(files: &[(&str, &str)]) -> Project {
        let modules = files
            .iter()
            .enumerate()
            .map(|(i, (path, text))| module::read(&SourceFile::in_memory(path, text), i as u32))
            .collect();
        Project::new(modules)
    }

    #[test]
    fn resolves_imports_relative_imports_and_reexports() {
        let p = project(&[
            (
                "app/models/base.py",
                "from sqlalchemy.orm import DeclarativeBase\nclass Base(DeclarativeBase):\n    pass\n",
            ),
            ("app/models/__init__.py", "from .base import Base\n"),
            (
                "app/models/user.py",
                "import sqlalchemy as sa\nfrom app.models import Base\nfrom . import base\nPG = sa.dialects\n",
            ),
        ]);
        assert_eq!(p.resolve(2, "Base").0, Def::Class(0, 0));
        assert_eq!(p.resolve(2, "base.Base").0, Def::Class(0, 0));
        assert_eq!(
            p.resolve(2, "sa.Column").0,
            Def::External("sqlalchemy.Column".into())
        );
        assert_eq!(
            p.resolve(0, "DeclarativeBase").0,
            Def::External("sqlalchemy.orm.DeclarativeBase".into())
        );
        assert_eq!(
            p.resolve(2, "Base.metadata"),
            (Def::Class(0, 0), vec!["metadata".to_string()])
        );
        assert_eq!(
            p.external_name(2, "PG.postgresql.UUID").as_deref(),
            Some("sqlalchemy.dialects.postgresql.UUID")
        );
        assert_eq!(p.resolve(2, "nothing").0, Def::Unknown("nothing".into()));
    }
}
