//! Static values: the literals a schema is written with (`"users"`, `{ length: 255 }`,
//! `["draft", "sent"]`), followed through `const` declarations, TypeScript enums and the
//! parameters of small helper functions. Anything that needs running code is `Unknown`.

use super::program::{Binding, Program};
use crate::model::Dialect;
use tree_sitter::Node;

/// A JavaScript value known without running the code.
#[derive(Debug, Clone, PartialEq)]
pub enum Js {
    Str(String),
    /// A number as written (without `_` separators).
    Num(String),
    Bool(bool),
    Null,
    Array(Vec<Js>),
    Object(Vec<(String, Js)>),
    /// `undefined`, or an argument not passed.
    Undefined,
    /// Not statically known.
    Unknown,
}

impl Js {
    pub fn get(&self, key: &str) -> Option<&Js> {
        match self {
            Js::Object(pairs) => pairs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Js::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_u32(&self) -> Option<u32> {
        match self {
            Js::Num(n) => n.parse().ok(),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Js::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// Whether the value, and everything inside it, is known.
    pub fn is_known(&self) -> bool {
        match self {
            Js::Unknown => false,
            Js::Array(items) => items.iter().all(Js::is_known),
            Js::Object(pairs) => pairs.iter().all(|(_, v)| v.is_known()),
            _ => true,
        }
    }

    /// `JSON.stringify`, for JSON column defaults.
    pub fn to_json(&self) -> String {
        match self {
            Js::Str(s) => serde_json::Value::String(s.clone()).to_string(),
            Js::Num(n) => n.clone(),
            Js::Bool(b) => b.to_string(),
            Js::Null | Js::Undefined | Js::Unknown => "null".into(),
            Js::Array(items) => {
                let inner: Vec<String> = items.iter().map(Js::to_json).collect();
                format!("[{}]", inner.join(","))
            }
            Js::Object(pairs) => {
                let inner: Vec<String> = pairs
                    .iter()
                    .map(|(k, v)| {
                        format!("{}:{}", serde_json::Value::String(k.clone()), v.to_json())
                    })
                    .collect();
                format!("{{{}}}", inner.join(","))
            }
        }
    }
}

/// What a parameter of the function being evaluated stands for.
#[derive(Debug, Clone)]
pub enum Param {
    /// A value passed by the caller.
    Value(Js),
    /// The column builders handed to `pgTable("t", (t) => ({ id: t.integer() }))`.
    Builders(Dialect),
    /// The table handed to the third argument of a table: `(t) => [index("i").on(t.email)]`.
    ThisTable,
}

/// Where an expression is evaluated: its file and the parameters in scope.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'s> {
    pub unit: usize,
    pub params: &'s [(String, Param)],
    /// How many helper calls deep the evaluation is (guards against recursion).
    pub depth: u8,
}

impl<'s> Scope<'s> {
    pub fn top(unit: usize) -> Scope<'static> {
        Scope {
            unit,
            params: &[],
            depth: 0,
        }
    }

    pub fn param(&self, name: &str) -> Option<&'s Param> {
        self.params
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, p)| p)
    }
}

/// The deepest chain of helper calls followed.
pub const MAX_DEPTH: u8 = 8;

/// Strips wrappers that do not change a value: parentheses, `as T`, `satisfies T`, `x!`.
pub fn unwrap(mut node: Node<'_>) -> Node<'_> {
    loop {
        match node.kind() {
            "parenthesized_expression"
            | "as_expression"
            | "satisfies_expression"
            | "non_null_expression"
            | "type_assertion" => match node.named_child(0) {
                Some(inner) if inner.kind() != "type_annotation" => node = inner,
                _ => return node,
            },
            _ => return node,
        }
    }
}

/// The named children of a node, without comments.
pub fn children<'t>(node: Node<'t>) -> Vec<Node<'t>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .filter(|c| c.kind() != "comment")
        .collect()
}

/// The arguments of a call (empty for a tagged template).
pub fn arguments(call: Node<'_>) -> Vec<Node<'_>> {
    match call.child_by_field_name("arguments") {
        Some(args) if args.kind() == "arguments" => children(args),
        _ => Vec::new(),
    }
}

/// The text of a string literal, with escapes resolved.
pub fn string_value(node: Node<'_>, text: &str) -> Option<String> {
    match node.kind() {
        "string" => {
            let mut out = String::new();
            for part in children(node) {
                let raw = &text[part.byte_range()];
                match part.kind() {
                    "string_fragment" => out.push_str(raw),
                    "escape_sequence" => out.push_str(&unescape(raw)),
                    _ => return None,
                }
            }
            Some(out)
        }
        "template_string" => {
            let mut out = String::new();
            for part in children(node) {
                let raw = &text[part.byte_range()];
                match part.kind() {
                    "string_fragment" => out.push_str(raw),
                    "escape_sequence" => out.push_str(&unescape(raw)),
                    _ => return None,
                }
            }
            Some(out)
        }
        _ => None,
    }
}

pub fn unescape(raw: &str) -> String {
    match raw {
        "\\n" => "\n".into(),
        "\\t" => "\t".into(),
        "\\r" => "\r".into(),
        "\\0" => "\0".into(),
        other => other.strip_prefix('\\').unwrap_or(other).to_string(),
    }
}

/// Property keys: `name`, `"name"`, `'name'`, `0`.
pub fn property_key(node: Node<'_>, text: &str) -> Option<String> {
    match node.kind() {
        "property_identifier" | "number" | "private_property_identifier" => {
            Some(text[node.byte_range()].to_string())
        }
        "string" => string_value(node, text),
        _ => None,
    }
}

/// Evaluates an expression to a static value.
pub fn literal(program: &Program<'_>, node: Node<'_>, scope: Scope<'_>) -> Js {
    evaluate(program, node, scope, 0)
}

fn evaluate(program: &Program<'_>, node: Node<'_>, scope: Scope<'_>, depth: u8) -> Js {
    if depth > 16 {
        return Js::Unknown;
    }
    let unit = program.unit(scope.unit);
    let node = unwrap(node);
    let text = &*unit.file.text;
    match node.kind() {
        "string" => string_value(node, text).map_or(Js::Unknown, Js::Str),
        "template_string" => template(program, node, scope, depth),
        "number" => Js::Num(unit.text(node).replace('_', "")),
        "true" => Js::Bool(true),
        "false" => Js::Bool(false),
        "null" => Js::Null,
        "unary_expression" => {
            let operator = node.child_by_field_name("operator").map(|o| unit.text(o));
            let argument = node.child_by_field_name("argument");
            match (
                operator,
                argument.map(|a| evaluate(program, a, scope, depth + 1)),
            ) {
                (Some("-"), Some(Js::Num(n))) => Js::Num(format!("-{n}")),
                (Some("+"), Some(Js::Num(n))) => Js::Num(n),
                (Some("!"), Some(Js::Bool(b))) => Js::Bool(!b),
                _ => Js::Unknown,
            }
        }
        "binary_expression" => {
            let operator = node.child_by_field_name("operator").map(|o| unit.text(o));
            let left = node.child_by_field_name("left");
            let right = node.child_by_field_name("right");
            let (Some(operator), Some(l), Some(r)) = (operator, left, right) else {
                return Js::Unknown;
            };
            match (
                operator,
                evaluate(program, l, scope, depth + 1),
                evaluate(program, r, scope, depth + 1),
            ) {
                ("+", Js::Str(a), Js::Str(b)) => Js::Str(a + &b),
                ("+", Js::Str(a), Js::Num(b)) => Js::Str(a + &b),
                ("+", Js::Num(a), Js::Str(b)) => Js::Str(a + &b),
                (operator, Js::Num(a), Js::Num(b)) => arithmetic(operator, &a, &b),
                _ => Js::Unknown,
            }
        }
        "array" => Js::Array(
            children(node)
                .into_iter()
                .flat_map(|item| {
                    if item.kind() == "spread_element" {
                        match item
                            .named_child(0)
                            .map(|e| evaluate(program, e, scope, depth + 1))
                        {
                            Some(Js::Array(items)) => items,
                            _ => vec![Js::Unknown],
                        }
                    } else {
                        vec![evaluate(program, item, scope, depth + 1)]
                    }
                })
                .collect(),
        ),
        "object" => {
            let mut pairs = Vec::new();
            for item in children(node) {
                match item.kind() {
                    "pair" => {
                        let key = item
                            .child_by_field_name("key")
                            .and_then(|k| property_key(k, text));
                        let value = item
                            .child_by_field_name("value")
                            .map_or(Js::Unknown, |v| evaluate(program, v, scope, depth + 1));
                        match key {
                            Some(key) => pairs.push((key, value)),
                            None => return Js::Unknown,
                        }
                    }
                    "shorthand_property_identifier" => {
                        let name = unit.text(item);
                        pairs.push((name.to_string(), identifier(program, name, scope, depth)));
                    }
                    "spread_element" => {
                        match item
                            .named_child(0)
                            .map(|e| evaluate(program, e, scope, depth + 1))
                        {
                            Some(Js::Object(more)) => pairs.extend(more),
                            _ => return Js::Unknown,
                        }
                    }
                    _ => return Js::Unknown,
                }
            }
            Js::Object(pairs)
        }
        "undefined" => Js::Undefined,
        "identifier" if unit.text(node) == "undefined" => Js::Undefined,
        "identifier" => identifier(program, unit.text(node), scope, depth),
        "member_expression" => {
            let property = node
                .child_by_field_name("property")
                .map(|p| unit.text(p).to_string());
            let object = node.child_by_field_name("object");
            match (object, property) {
                (Some(object), Some(property)) => {
                    if let Some(value) = enum_member(program, object, &property, scope) {
                        return value;
                    }
                    evaluate(program, object, scope, depth + 1)
                        .get(&property)
                        .cloned()
                        .unwrap_or(Js::Unknown)
                }
                _ => Js::Unknown,
            }
        }
        "call_expression" => {
            // `Object.values(Status)`: the values of a const object or a string enum.
            let function = node.child_by_field_name("function");
            let is_object_values = function.is_some_and(|f| unit.text(f) == "Object.values");
            let args = arguments(node);
            if is_object_values && args.len() == 1 {
                if let Some(values) = enum_values(program, args[0], scope) {
                    return Js::Array(values.into_iter().map(Js::Str).collect());
                }
                if let Js::Object(pairs) = evaluate(program, args[0], scope, depth + 1) {
                    return Js::Array(pairs.into_iter().map(|(_, v)| v).collect());
                }
            }
            Js::Unknown
        }
        _ => Js::Unknown,
    }
}

fn template(program: &Program<'_>, node: Node<'_>, scope: Scope<'_>, depth: u8) -> Js {
    let unit = program.unit(scope.unit);
    let mut out = String::new();
    for part in children(node) {
        match part.kind() {
            "string_fragment" => out.push_str(unit.text(part)),
            "escape_sequence" => out.push_str(&unescape(unit.text(part))),
            "template_substitution" => {
                match part
                    .named_child(0)
                    .map(|e| evaluate(program, e, scope, depth + 1))
                {
                    Some(Js::Str(s)) => out.push_str(&s),
                    Some(Js::Num(n)) => out.push_str(&n),
                    Some(Js::Bool(b)) => out.push_str(&b.to_string()),
                    _ => return Js::Unknown,
                }
            }
            _ => return Js::Unknown,
        }
    }
    Js::Str(out)
}

fn identifier(program: &Program<'_>, name: &str, scope: Scope<'_>, depth: u8) -> Js {
    if let Some(param) = scope.param(name) {
        return match param {
            Param::Value(value) => value.clone(),
            _ => Js::Unknown,
        };
    }
    match program.resolve(scope.unit, name) {
        Some(Binding::Declaration { unit, declaration }) => match declaration.value.kind() {
            "function_declaration" | "enum_declaration" => Js::Unknown,
            _ => evaluate(program, declaration.value, Scope::top(unit), depth + 1),
        },
        _ => Js::Unknown,
    }
}

/// `Status.Active` where `Status` is a TypeScript enum.
fn enum_member(
    program: &Program<'_>,
    object: Node<'_>,
    member: &str,
    scope: Scope<'_>,
) -> Option<Js> {
    let (unit, body) = ts_enum(program, object, scope)?;
    let u = program.unit(unit);
    let mut next = 0u32;
    for item in children(body) {
        let (name, value) = match item.kind() {
            "enum_assignment" => (
                item.child_by_field_name("name")?,
                item.child_by_field_name("value"),
            ),
            "property_identifier" => (item, None),
            _ => return None,
        };
        let value = match value {
            Some(v) => literal(program, v, Scope::top(unit)),
            None => Js::Num(next.to_string()),
        };
        if let Js::Num(n) = &value {
            next = n.parse::<u32>().map_or(next, |n| n + 1);
        }
        if u.text(name) == member {
            return Some(value);
        }
    }
    None
}

/// The string values of a TypeScript enum (`enum Role { Admin = "admin" }`), for
/// `pgEnum("role", Role)` and `Object.values(Role)`.
pub fn enum_values(program: &Program<'_>, node: Node<'_>, scope: Scope<'_>) -> Option<Vec<String>> {
    let (unit, body) = ts_enum(program, node, scope)?;
    children(body)
        .into_iter()
        .map(|item| match item.kind() {
            "enum_assignment" => item.child_by_field_name("value").and_then(|v| {
                literal(program, v, Scope::top(unit))
                    .as_str()
                    .map(String::from)
            }),
            _ => None,
        })
        .collect()
}

fn ts_enum<'t>(
    program: &Program<'t>,
    node: Node<'_>,
    scope: Scope<'_>,
) -> Option<(usize, Node<'t>)> {
    let node = unwrap(node);
    if node.kind() != "identifier" {
        return None;
    }
    let name = program.unit(scope.unit).text(node);
    match program.resolve(scope.unit, name)? {
        Binding::Declaration { unit, declaration }
            if declaration.value.kind() == "enum_declaration" =>
        {
            Some((unit, declaration.value.child_by_field_name("body")?))
        }
        _ => None,
    }
}

/// `26 + 4`, `LENGTH * 2`: constant arithmetic on numbers, as JavaScript computes it.
/// Results JavaScript would print with an exponent or a fraction are left unknown.
fn arithmetic(operator: &str, a: &str, b: &str) -> Js {
    let (Ok(a), Ok(b)) = (a.parse::<f64>(), b.parse::<f64>()) else {
        return Js::Unknown;
    };
    let value = match operator {
        "+" => a + b,
        "-" => a - b,
        "*" => a * b,
        "/" => a / b,
        "%" => a % b,
        "**" => a.powf(b),
        _ => return Js::Unknown,
    };
    if value.is_finite() && value.fract() == 0.0 && value.abs() < 1e15 {
        Js::Num(format!("{}", value as i64))
    } else {
        Js::Unknown
    }
}
