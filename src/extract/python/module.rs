//! One Python file read into what the extractor needs from it: imports, module-level
//! assignments and calls, classes with their members and methods, functions and what they
//! return, Alembic operations. Built from query matches, once per file, in parallel; the tree is
//! dropped afterwards.

use super::expr::{Call, Expr, ExprKind, Kwarg, Reader};
use super::query::{self, Capture};
use crate::extract::sql::ParseProblem;
use crate::extract::treesitter::first_syntax_error;
use crate::source::SourceFile;
use std::collections::HashMap;
use tree_sitter::Node;

/// A byte range in a module's file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Range {
    pub start: u32,
    pub end: u32,
}

impl Range {
    fn of(node: Node) -> Self {
        Range {
            start: node.start_byte() as u32,
            end: node.end_byte() as u32,
        }
    }

    pub fn contains(&self, other: Range) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

#[derive(Debug, Clone)]
pub struct Import {
    /// The name the import binds in the module (`sa`, `Column`, `*` for a wildcard).
    pub local: String,
    /// The absolute dotted path it binds to (`sqlalchemy`, `sqlalchemy.Column`,
    /// `app.models.base.Base`).
    pub path: String,
    /// Where the import statement starts: the name is bound from there on.
    pub at: u32,
}

#[derive(Debug, Clone)]
pub struct Assign {
    pub name: String,
    pub annotation: Option<Expr>,
    pub value: Option<Expr>,
    pub range: Range,
    pub name_range: Range,
}

#[derive(Debug, Clone)]
pub struct Param {
    pub name: String,
    pub default: Option<Expr>,
    /// `*args` (1) or `**kwargs` (2); 0 for an ordinary parameter.
    pub splat: u8,
}

#[derive(Debug, Clone)]
pub struct Return {
    /// The condition of the `if` / `elif` branch the return sits in, as written.
    pub condition: Option<String>,
    /// Whether the return is in an `else` branch.
    pub otherwise: bool,
    pub value: Expr,
}

#[derive(Debug, Clone)]
pub struct Function {
    pub name: String,
    pub range: Range,
    pub name_range: Range,
    pub decorators: Vec<Expr>,
    pub return_type: Option<Expr>,
    pub params: Vec<Param>,
    pub returns: Vec<Return>,
}

#[derive(Debug, Clone)]
pub struct Class {
    pub name: String,
    pub range: Range,
    pub name_range: Range,
    pub bases: Vec<Expr>,
    /// Class keywords: `table=True`, `metaclass=...`.
    pub keywords: Vec<Kwarg>,
    pub decorators: Vec<Expr>,
    pub members: Vec<Assign>,
    pub methods: Vec<Function>,
}

impl Class {
    pub fn member(&self, name: &str) -> Option<&Assign> {
        self.members.iter().rev().find(|m| m.name == name)
    }

    pub fn method(&self, name: &str) -> Option<&Function> {
        self.methods.iter().rev().find(|m| m.name == name)
    }

    pub fn keyword(&self, name: &str) -> Option<&Expr> {
        self.keywords
            .iter()
            .rev()
            .find(|k| k.name == name)
            .map(|k| &k.value)
    }
}

/// A call of an Alembic operation (or of anything `object.name(...)`) inside a function body.
#[derive(Debug, Clone)]
pub struct Operation {
    /// `op`, `batch_op`, an enum variable; `None` for a plain function call.
    pub object: Option<String>,
    pub name: String,
    pub call: Expr,
    pub range: Range,
}

#[derive(Debug, Clone)]
pub struct Batch {
    pub alias: String,
    pub arguments: Call,
    pub range: Range,
    pub body: Range,
}

#[derive(Debug, Clone)]
pub struct Local {
    pub name: String,
    pub value: Expr,
    pub range: Range,
}

/// What the Alembic grammar found in a file.
#[derive(Debug, Clone, Default)]
pub struct Operations {
    pub operations: Vec<Operation>,
    pub batches: Vec<Batch>,
    pub locals: Vec<Local>,
    pub loops: Vec<Loop>,
    /// `if` chains that may test the dialect (only read in files that mention one).
    pub branchings: Vec<Branching>,
}

/// An `if` / `elif` / `else` chain: each branch's condition as written (`None` for `else`) and
/// its body.
#[derive(Debug, Clone)]
pub struct Branching {
    pub branches: Vec<(Option<String>, Range)>,
}

/// `for name in iterable:` inside a migration.
#[derive(Debug, Clone)]
pub struct Loop {
    /// The loop variables: `t`, or `table, column` for a tuple target.
    pub targets: Vec<String>,
    pub iterable: Expr,
    pub body: Range,
}

#[derive(Debug)]
pub struct Module {
    pub file: SourceFile,
    pub index: u32,
    /// Dotted module name from the path: `app/models/base.py` → `app.models.base`.
    pub name: String,
    pub is_package: bool,
    pub imports: Vec<Import>,
    pub assigns: Vec<Assign>,
    pub calls: Vec<Expr>,
    pub classes: Vec<Class>,
    pub functions: Vec<Function>,
    /// `target_metadata=` arguments of `context.configure(...)`.
    pub configure_targets: Vec<Expr>,
    pub problem: Option<ParseProblem>,
    /// Filled for files that look like Alembic revisions.
    pub operations: Option<Operations>,
    /// SQL strings of application code (never of a revision), read from the same tree.
    pub queries: Option<Vec<crate::extract::embedded_sql::EmbeddedQuery>>,
}

impl Module {
    pub fn assign(&self, name: &str) -> Option<&Assign> {
        self.assigns.iter().rev().find(|a| a.name == name)
    }

    pub fn class(&self, name: &str) -> Option<&Class> {
        self.classes.iter().rev().find(|c| c.name == name)
    }

    pub fn function(&self, name: &str) -> Option<&Function> {
        self.functions.iter().rev().find(|f| f.name == name)
    }

    /// Whether the file is an Alembic revision script.
    pub fn is_revision(&self) -> bool {
        self.assign("revision").is_some() && self.function("upgrade").is_some()
    }

    /// A revision script, or any module of a migrations folder: the frozen copies of tables
    /// that data migrations declare there are not the application's models.
    pub fn is_migration(&self) -> bool {
        self.is_revision()
            || self
                .file
                .path
                .split('/')
                .rev()
                .skip(1)
                .any(|dir| matches!(dir, "versions" | "migrations" | "alembic"))
    }

    pub fn text(&self, range: Range) -> &str {
        &self.file.text[range.start as usize..range.end as usize]
    }
}

/// The dotted module name of a path relative to the scan root.
pub fn module_name(path: &str) -> (String, bool) {
    let stem = path.strip_suffix(".py").unwrap_or(path);
    let stem = stem.trim_start_matches("./");
    let (stem, package) = match stem.strip_suffix("__init__") {
        Some(rest) => (rest.trim_end_matches('/'), true),
        None => (stem, false),
    };
    (stem.replace('/', "."), package)
}

/// Parses one file and reads its declarations.
pub fn read(file: &SourceFile, index: u32) -> Module {
    let tree = query::parse(&file.text);
    let root = tree.root_node();
    let text = file.text.as_bytes();
    let reader = Reader {
        text: &file.text,
        file: index,
        depth: Default::default(),
    };
    let (name, is_package) = module_name(&file.path);
    let mut module = Module {
        file: file.clone(),
        index,
        name,
        is_package,
        imports: Vec::new(),
        assigns: Vec::new(),
        calls: Vec::new(),
        classes: Vec::new(),
        functions: Vec::new(),
        configure_targets: Vec::new(),
        problem: None,
        operations: None,
        queries: None,
    };

    // Class and function nodes by id, so members and returns can be attached to them.
    let mut classes: HashMap<usize, Class> = HashMap::new();
    let mut class_order: Vec<usize> = Vec::new();
    let mut functions: HashMap<usize, Function> = HashMap::new();
    let mut function_order: Vec<usize> = Vec::new();
    // Methods by class node id, in order; returns by function node id.
    let mut members: Vec<(usize, Assign)> = Vec::new();
    let mut methods: Vec<(usize, usize, Function)> = Vec::new();
    let mut returns: Vec<(usize, Return, u32)> = Vec::new();

    query::sqlalchemy().for_each_match(root, text, |m| {
        if m.has(Capture::Import) {
            read_import(
                &reader,
                &module.name,
                module.is_package,
                m,
                &mut module.imports,
            );
        } else if let Some(node) = m.node(Capture::Assign) {
            if let Some(assign) = read_assign(
                &reader,
                node,
                m.node(Capture::AssignName),
                m.node(Capture::AssignType),
                m.node(Capture::AssignValue),
            ) {
                module.assigns.push(assign);
            }
        } else if let Some(node) = m.node(Capture::StatementCall) {
            module.calls.push(reader.expr(node));
        } else if let Some(node) = m.node(Capture::Class) {
            let name_node = m.node(Capture::ClassName);
            let mut call = Call {
                func: Box::new(reader.expr(node)),
                args: Vec::new(),
                kwargs: Vec::new(),
                splats: Vec::new(),
            };
            if let Some(bases) = m.node(Capture::ClassBases) {
                reader.arguments(bases, &mut call);
            }
            classes.insert(
                node.id(),
                Class {
                    name: name_node
                        .map(|n| reader.text(n).to_string())
                        .unwrap_or_default(),
                    range: Range::of(node),
                    name_range: name_node.map(Range::of).unwrap_or_default(),
                    bases: call.args,
                    keywords: call.kwargs,
                    decorators: m
                        .nodes(Capture::ClassDecorator)
                        .map(|d| reader.expr(d))
                        .collect(),
                    members: Vec::new(),
                    methods: Vec::new(),
                },
            );
            class_order.push(node.id());
        } else if let Some(node) = m.node(Capture::Function) {
            functions.insert(
                node.id(),
                read_function(
                    &reader,
                    node,
                    m.node(Capture::FunctionName),
                    std::iter::empty(),
                    None,
                ),
            );
            function_order.push(node.id());
        } else if let Some(node) = m.node(Capture::Member) {
            let Some(class) = m.node(Capture::MemberClass) else {
                return;
            };
            if let Some(assign) = read_assign(
                &reader,
                node,
                m.node(Capture::MemberName),
                m.node(Capture::MemberType),
                m.node(Capture::MemberValue),
            ) {
                members.push((class.id(), assign));
            }
        } else if let Some(node) = m.node(Capture::Method) {
            let Some(class) = m.node(Capture::MethodClass) else {
                return;
            };
            let function = read_function(
                &reader,
                node,
                m.node(Capture::MethodName),
                m.nodes(Capture::MethodDecorator),
                m.node(Capture::MethodType),
            );
            methods.push((class.id(), node.id(), function));
        } else if let Some(value) = m.node(Capture::ReturnValue) {
            let Some(function) = m.node(Capture::ReturnFunction) else {
                return;
            };
            let condition = m
                .node(Capture::ReturnCondition)
                .map(|c| reader.text(c).to_string());
            let otherwise = condition.is_none()
                && value
                    .parent()
                    .and_then(|r| r.parent())
                    .and_then(|b| b.parent())
                    .is_some_and(|p| p.kind() == "else_clause");
            returns.push((
                function.id(),
                Return {
                    condition,
                    otherwise,
                    value: reader.expr(value),
                },
                value.start_byte() as u32,
            ));
        }
    });
    if file.text.contains("target_metadata") {
        query::alembic_env().for_each_match(root, text, |m| {
            if let Some(value) = m.node(Capture::TargetValue) {
                module.configure_targets.push(reader.expr(value));
            }
        });
    }

    returns.sort_by_key(|(_, _, at)| *at);
    let mut returns_by_function: HashMap<usize, Vec<Return>> = HashMap::new();
    for (id, ret, _) in returns {
        returns_by_function.entry(id).or_default().push(ret);
    }
    for (class_id, function_id, mut function) in methods {
        function.returns = returns_by_function.remove(&function_id).unwrap_or_default();
        if let Some(class) = classes.get_mut(&class_id) {
            class.methods.push(function);
        }
    }
    for (class_id, assign) in members {
        if let Some(class) = classes.get_mut(&class_id) {
            class.members.push(assign);
        }
    }
    for id in class_order {
        if let Some(class) = classes.remove(&id) {
            module.classes.push(class);
        }
    }
    for id in function_order {
        if let Some(mut function) = functions.remove(&id) {
            function.returns = returns_by_function.remove(&id).unwrap_or_default();
            module.functions.push(function);
        }
    }
    module.problem = first_syntax_error(root).map(|node| parse_problem(file, node));

    if module.is_revision() {
        let mut operations = read_operations(&reader, root, text);
        unroll_loops(&mut operations, &module.assigns);
        // Helpers that call helpers: a few levels, as far as the arguments stay known.
        for _ in 0..3 {
            if !inline_helpers(&mut operations, &module.functions) {
                break;
            }
        }
        module.operations = Some(operations);
    } else if crate::extract::embedded_sql::worth_scanning(file) {
        module.queries = Some(crate::extract::embedded_sql::scan_python(file, &tree));
    }
    module
}

fn read_import(
    reader: &Reader,
    module: &str,
    is_package: bool,
    m: &query::Match,
    out: &mut Vec<Import>,
) {
    let Some(module_node) = m.node(Capture::ImportModule) else {
        return;
    };
    let at = m
        .node(Capture::Import)
        .map(|n| n.start_byte() as u32)
        .unwrap_or(0);
    let written = reader.text(module_node);
    let alias = m
        .node(Capture::ImportAlias)
        .map(|a| reader.text(a).to_string());
    match m.node(Capture::ImportName) {
        // `from x import y [as z]`
        Some(name) => {
            let base = absolute_module(module, is_package, written);
            let name = reader.text(name);
            out.push(Import {
                local: alias.unwrap_or_else(|| name.to_string()),
                path: join(&base, name),
                at,
            });
        }
        None if m.has(Capture::ImportWildcard) => out.push(Import {
            local: "*".to_string(),
            path: absolute_module(module, is_package, written),
            at,
        }),
        // `import x.y [as z]`: without an alias only the first segment is bound.
        None => match alias {
            Some(alias) => out.push(Import {
                local: alias,
                path: written.to_string(),
                at,
            }),
            None => {
                let head = written.split('.').next().unwrap_or(written);
                out.push(Import {
                    local: head.to_string(),
                    path: head.to_string(),
                    at,
                });
            }
        },
    }
}

fn join(base: &str, name: &str) -> String {
    if base.is_empty() {
        name.to_string()
    } else {
        format!("{base}.{name}")
    }
}

/// Resolves a relative import (`.base`, `..core.db`, `.`) against the importing module.
fn absolute_module(module: &str, is_package: bool, written: &str) -> String {
    let dots = written.chars().take_while(|c| *c == '.').count();
    if dots == 0 {
        return written.to_string();
    }
    let mut parts: Vec<&str> = if module.is_empty() {
        Vec::new()
    } else {
        module.split('.').collect()
    };
    // A module's own package is its parent; a package is its own.
    let up = if is_package { dots - 1 } else { dots };
    for _ in 0..up {
        parts.pop();
    }
    let rest = &written[dots..];
    let base = parts.join(".");
    if rest.is_empty() {
        base
    } else {
        join(&base, rest)
    }
}

fn read_assign(
    reader: &Reader,
    node: Node,
    name: Option<Node>,
    ty: Option<Node>,
    value: Option<Node>,
) -> Option<Assign> {
    let name_node = name?;
    Some(Assign {
        name: reader.text(name_node).to_string(),
        annotation: ty.map(|t| reader.expr(t)),
        value: value.map(|v| reader.expr(v)),
        range: Range::of(node),
        name_range: Range::of(name_node),
    })
}

fn read_function<'t>(
    reader: &Reader,
    node: Node<'t>,
    name: Option<Node<'t>>,
    decorators: impl Iterator<Item = Node<'t>>,
    return_type: Option<Node<'t>>,
) -> Function {
    let mut params = Vec::new();
    if let Some(parameters) = node.child_by_field_name("parameters") {
        let mut cursor = parameters.walk();
        for p in parameters.named_children(&mut cursor) {
            let named = |field: &str| {
                p.child_by_field_name(field)
                    .map(|n| reader.text(n).to_string())
            };
            let param = match p.kind() {
                "identifier" => Some(Param {
                    name: reader.text(p).to_string(),
                    default: None,
                    splat: 0,
                }),
                "default_parameter" | "typed_default_parameter" => Some(Param {
                    name: named("name").unwrap_or_default(),
                    default: p.child_by_field_name("value").map(|v| reader.expr(v)),
                    splat: 0,
                }),
                "typed_parameter" => p.named_child(0).map(|inner| match inner.kind() {
                    "list_splat_pattern" => Param {
                        name: reader.text(inner).trim_start_matches('*').to_string(),
                        default: None,
                        splat: 1,
                    },
                    "dictionary_splat_pattern" => Param {
                        name: reader.text(inner).trim_start_matches('*').to_string(),
                        default: None,
                        splat: 2,
                    },
                    _ => Param {
                        name: reader.text(inner).to_string(),
                        default: None,
                        splat: 0,
                    },
                }),
                "list_splat_pattern" => Some(Param {
                    name: reader.text(p).trim_start_matches('*').to_string(),
                    default: None,
                    splat: 1,
                }),
                "dictionary_splat_pattern" => Some(Param {
                    name: reader.text(p).trim_start_matches('*').to_string(),
                    default: None,
                    splat: 2,
                }),
                _ => None,
            };
            params.extend(param);
        }
    }
    Function {
        name: name.map(|n| reader.text(n).to_string()).unwrap_or_default(),
        range: Range::of(node),
        name_range: name.map(Range::of).unwrap_or_default(),
        decorators: decorators.map(|d| reader.expr(d)).collect(),
        return_type: return_type.map(|t| reader.expr(t)),
        params,
        returns: Vec::new(),
    }
}

/// Operations inside `for x in <literal list or tuple>:` (or a module-level constant holding
/// one) are replayed once per element, with the loop variables replaced by the element's
/// values; the operation keeps its place in the file. A loop over anything else is left as it
/// is, and its operations read as not understood.
fn unroll_loops(operations: &mut Operations, assigns: &[Assign]) {
    // Innermost loops first, so that nested loops unroll completely.
    let mut loops = operations.loops.clone();
    loops.sort_by_key(|l| std::cmp::Reverse(l.body.start));
    let locals = operations.locals.clone();
    // A list the revision appends to is not the constant it starts as.
    let mutated: Vec<String> = operations
        .operations
        .iter()
        .filter(|o| {
            matches!(
                o.name.as_str(),
                "append" | "extend" | "insert" | "remove" | "pop" | "clear"
            )
        })
        .filter_map(|o| o.object.clone())
        .collect();
    let scope = Scope {
        assigns,
        locals: &locals,
        mutated: &mutated,
    };
    for lp in &loops {
        let Some(elements) = literal_elements(&lp.iterable, &scope, 0) else {
            continue;
        };
        let bindings: Vec<Vec<(String, Expr)>> = elements
            .iter()
            .filter_map(|element| bind(&lp.targets, element))
            .collect();
        if bindings.len() != elements.len() {
            continue;
        }
        let mut unrolled = Vec::with_capacity(operations.operations.len());
        for op in operations.operations.drain(..) {
            if !lp.body.contains(op.range) {
                unrolled.push(op);
                continue;
            }
            for binding in &bindings {
                unrolled.push(Operation {
                    call: op.call.substitute(binding),
                    ..op.clone()
                });
            }
        }
        operations.operations = unrolled;
    }
}

/// A call of a helper function of the revision that takes parameters (`_add_audit(\"users\")`
/// around `op.add_column(table, ...)`) is replaced by the helper's operations with the
/// parameters bound to the call's arguments, at the call's place. Calls without parameters
/// are expanded later, when `upgrade()` is read.
fn inline_helpers(operations: &mut Operations, functions: &[Function]) -> bool {
    let mut out = Vec::with_capacity(operations.operations.len());
    let mut new_batches = Vec::new();
    let mut inlined = false;
    for op in &operations.operations {
        let helper = match (&op.object, op.call.call()) {
            (None, Some(call)) => functions
                .iter()
                .rev()
                .find(|f| f.name == op.name && !f.params.is_empty())
                .map(|f| (f, call)),
            _ => None,
        };
        let Some((helper, call)) = helper else {
            out.push(op.clone());
            continue;
        };
        let mut bindings: Vec<(String, Expr)> = Vec::new();
        let mut positional = call.args.iter();
        for param in helper.params.iter().filter(|p| p.name != "self") {
            if param.splat != 0 {
                continue;
            }
            let value = call
                .kwargs
                .iter()
                .find(|k| k.name == param.name)
                .map(|k| k.value.clone())
                .or_else(|| positional.next().cloned())
                .or_else(|| param.default.clone());
            if let Some(value) = value {
                bindings.push((param.name.clone(), value));
            }
        }
        let body: Vec<&Operation> = operations
            .operations
            .iter()
            .filter(|o| helper.range.contains(o.range))
            .collect();
        // A helper that calls itself or holds nothing readable stays a call.
        if body
            .iter()
            .any(|o| o.object.is_none() && o.name == helper.name)
            || body.is_empty()
        {
            out.push(op.clone());
            continue;
        }
        inlined = true;
        // `with op.batch_alter_table(table_name) as batch_op:` inside the helper: its table is
        // bound too, and its body is the call's place.
        let batches: Vec<Batch> = operations
            .batches
            .iter()
            .filter(|b| helper.range.contains(b.range))
            .map(|b| {
                let call =
                    Expr::new(ExprKind::Call(b.arguments.clone()), 0, 0, 0).substitute(&bindings);
                Batch {
                    alias: b.alias.clone(),
                    arguments: match call.kind {
                        ExprKind::Call(call) => call,
                        _ => b.arguments.clone(),
                    },
                    range: op.range,
                    body: op.range,
                }
            })
            .collect();
        new_batches.extend(batches);
        for inner in body {
            out.push(Operation {
                call: inner.call.substitute(&bindings),
                range: op.range,
                ..inner.clone()
            });
        }
    }
    if inlined {
        operations.operations = out;
        operations.batches.extend(new_batches);
    }
    inlined
}

/// The elements of a literal list or tuple, of a constant holding one (a module-level one, or
/// a local of the revision written before the loop), of a concatenation of those
/// (`BASE_INDEXES + EXTRA_INDEXES`), or of a comprehension over one.
fn literal_elements(expr: &Expr, scope: &Scope, depth: u32) -> Option<Vec<Expr>> {
    if depth > 8 {
        return None;
    }
    match &expr.kind {
        ExprKind::List(items) | ExprKind::Tuple(items) => Some(items.clone()),
        ExprKind::Name(name) => literal_elements(scope.value(name, expr.start)?, scope, depth + 1),
        // `reversed(TABLES)`, `list(TABLES)`, `sorted(TABLES)`: the same elements.
        ExprKind::Call(call)
            if call.args.len() == 1
                && matches!(
                    call.func.name(),
                    Some("reversed" | "list" | "tuple" | "sorted")
                ) =>
        {
            let mut items = literal_elements(&call.args[0], scope, depth + 1)?;
            if call.func.name() == Some("reversed") {
                items.reverse();
            }
            Some(items)
        }
        ExprKind::BinOp(left, op, right) if op == "+" => {
            let mut items = literal_elements(left, scope, depth + 1)?;
            items.extend(literal_elements(right, scope, depth + 1)?);
            Some(items)
        }
        ExprKind::Comprehension(c) => literal_elements(&c.iterable, scope, depth + 1)?
            .iter()
            .map(|item| Some(c.element.substitute(&bind(&c.targets, item)?)))
            .collect(),
        _ => None,
    }
}

/// The names a loop or comprehension target binds to one element, when its shape fits.
fn bind(targets: &[String], element: &Expr) -> Option<Vec<(String, Expr)>> {
    match (targets, &element.kind) {
        ([one], _) => Some(vec![(one.clone(), element.clone())]),
        (many, ExprKind::Tuple(values) | ExprKind::List(values)) if many.len() == values.len() => {
            Some(many.iter().cloned().zip(values.iter().cloned()).collect())
        }
        _ => None,
    }
}

/// The constants a loop's iterable may name: the revision's locals, then the module's.
struct Scope<'a> {
    assigns: &'a [Assign],
    locals: &'a [Local],
    /// Names the revision calls `.append(…)`, `.extend(…)` … on.
    mutated: &'a [String],
}

impl Scope<'_> {
    fn value(&self, name: &str, before: u32) -> Option<&Expr> {
        if self.mutated.iter().any(|m| m == name) {
            return None;
        }
        self.locals
            .iter()
            .rev()
            .find(|l| l.name == name && l.range.end <= before)
            .map(|l| &l.value)
            .or_else(|| {
                self.assigns
                    .iter()
                    .rev()
                    .find(|a| a.name == name)
                    .and_then(|a| a.value.as_ref())
            })
    }
}

/// Statements that hold statements: the walks over a file's statements enter only these.
const COMPOUND_STATEMENTS: &[&str] = &[
    "module",
    "function_definition",
    "decorated_definition",
    "block",
    "if_statement",
    "elif_clause",
    "else_clause",
    "for_statement",
    "while_statement",
    "with_statement",
    "try_statement",
    "except_clause",
    "finally_clause",
];

/// How deep the deepest statement of a file sits, walking only through compound statements
/// (never into expressions): the depth the Alembic patterns must be able to start at.
fn statement_depth(root: Node) -> u32 {
    let mut deepest = 0;
    let mut stack = vec![(root, 0u32)];
    while let Some((node, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        if !COMPOUND_STATEMENTS.contains(&node.kind()) || depth > 64 {
            continue;
        }
        let mut cursor = node.walk();
        for child in node.named_children(&mut cursor) {
            stack.push((child, depth + 1));
        }
    }
    deepest
}

fn read_operations(reader: &Reader, root: Node, text: &[u8]) -> Operations {
    let mut out = Operations::default();
    // Seven levels cover `upgrade()` > `if` > `with batch_alter_table`; deeper nesting (loops,
    // `try`, helpers) is read where a file has it, without walking every file's expressions.
    let depth = statement_depth(root).clamp(7, 24);
    query::alembic().for_each_match_to_depth(root, text, Some(depth), |m| {
        if let Some(node) = m.node(Capture::Operation) {
            let Some(name) = m.node(Capture::OperationName) else {
                return;
            };
            out.operations.push(Operation {
                object: m
                    .node(Capture::OperationObject)
                    .map(|o| reader.text(o).to_string()),
                name: reader.text(name).to_string(),
                call: reader.expr(node),
                range: Range::of(node),
            });
        } else if let Some(node) = m.node(Capture::Batch) {
            let (Some(alias), Some(arguments), Some(body)) = (
                m.node(Capture::BatchAlias),
                m.node(Capture::BatchArguments),
                m.node(Capture::BatchBody),
            ) else {
                return;
            };
            let mut call = Call {
                func: Box::new(reader.expr(node)),
                args: Vec::new(),
                kwargs: Vec::new(),
                splats: Vec::new(),
            };
            reader.arguments(arguments, &mut call);
            out.batches.push(Batch {
                alias: reader.text(alias).to_string(),
                arguments: call,
                range: Range::of(node),
                body: Range::of(body),
            });
        } else if m.node(Capture::Loop).is_some() {
            let (Some(target), Some(iterable), Some(body)) = (
                m.node(Capture::LoopTarget),
                m.node(Capture::LoopIter),
                m.node(Capture::LoopBody),
            ) else {
                return;
            };
            let targets = super::expr::target_names(reader.text(target));
            out.loops.push(Loop {
                targets,
                iterable: reader.expr(iterable),
                body: Range::of(body),
            });
        } else if let Some(node) = m.node(Capture::Local) {
            let (Some(name), Some(value)) =
                (m.node(Capture::LocalName), m.node(Capture::LocalValue))
            else {
                return;
            };
            out.locals.push(Local {
                name: reader.text(name).to_string(),
                value: reader.expr(value),
                range: Range::of(node),
            });
        }
    });
    out.operations.sort_by_key(|o| o.range.start);
    out.operations.dedup_by_key(|o| o.range.start);
    let mentions_dialect = [
        "dialect",
        "engine.name",
        "is_sqlite",
        "is_postgres",
        "is_mysql",
    ]
    .iter()
    .any(|n| reader.text.contains(n));
    if mentions_dialect {
        out.branchings = branchings(reader, root);
    }
    out
}

/// Every `if` chain among the file's statements (never inside expressions).
fn branchings(reader: &Reader, root: Node) -> Vec<Branching> {
    let mut out = Vec::new();
    let mut stack = vec![(root, 0u32)];
    while let Some((node, depth)) = stack.pop() {
        if node.kind() == "if_statement" {
            let condition = node
                .child_by_field_name("condition")
                .map(|c| reader.text(c).to_string());
            let mut branches: Vec<(Option<String>, Range)> = Vec::new();
            if let Some(body) = node.child_by_field_name("consequence") {
                branches.push((condition, Range::of(body)));
            }
            let mut cursor = node.walk();
            for clause in node.children_by_field_name("alternative", &mut cursor) {
                let condition = clause
                    .child_by_field_name("condition")
                    .map(|c| reader.text(c).to_string());
                let body = clause
                    .child_by_field_name("consequence")
                    .or_else(|| clause.child_by_field_name("body"));
                if let Some(body) = body {
                    branches.push((condition, Range::of(body)));
                }
            }
            out.push(Branching { branches });
        }
        if !COMPOUND_STATEMENTS.contains(&node.kind()) || depth > 64 {
            continue;
        }
        let mut cursor = node.walk();
        for child in node.named_children(&mut cursor) {
            stack.push((child, depth + 1));
        }
    }
    out
}

fn parse_problem(file: &SourceFile, node: Node) -> ParseProblem {
    let start = node.start_byte();
    let text = &file.text[start..node.end_byte().max(start)];
    let line_end = text
        .find('\n')
        .map(|i| start + i)
        .unwrap_or(node.end_byte());
    let message = if node.is_missing() {
        format!(
            "Python syntax error: `{}` is missing here; the rest of the file is still read",
            node.kind()
        )
    } else {
        let line = text.lines().next().unwrap_or("");
        let line = line.split(" #").next().unwrap_or(line);
        let snippet: String = line.trim().chars().take(40).collect();
        if snippet.is_empty() {
            "Python syntax error; the rest of the file is still read".to_string()
        } else {
            format!("Python syntax error at `{snippet}`; the rest of the file is still read")
        }
    };
    ParseProblem {
        message,
        span: file.span(start, line_end.max(start)),
    }
}

/// Whether an expression is a call whose function is named `name` (last segment).
pub fn is_call_to(expr: &Expr, names: &[&str]) -> bool {
    match &expr.kind {
        ExprKind::Call(call) => call.func.last_name().is_some_and(|n| names.contains(&n)),
        _ => false,
    }
}
