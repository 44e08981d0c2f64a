//! Python expressions as owned values: what a query captured, read once into a form the
//! extractor can evaluate after the tree is gone (names resolved across modules, arguments of
//! `Column(...)` merged with those of an `Annotated` alias written in another file).

use tree_sitter::Node;

/// An expression and where it was written (module index and byte range).
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub file: u32,
    pub start: u32,
    pub end: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// An identifier or a dotted chain of them: `Column`, `sa.Column`, `cls.__name__`.
    Name(String),
    /// An attribute of something that is not a name: `func.now().op`, `text("x").label`.
    Attr(Box<Expr>, String),
    /// A string whose value is known.
    Str(String),
    /// An f-string: literal parts and interpolated expressions.
    FString(Vec<FPart>),
    Int(i64),
    Float(String),
    Bool(bool),
    None,
    Call(Call),
    Subscript(Box<Expr>, Vec<Expr>),
    Tuple(Vec<Expr>),
    List(Vec<Expr>),
    Dict(Vec<(Expr, Expr)>),
    /// `left op right`; `op` as written (`|`, `+`).
    BinOp(Box<Expr>, String, Box<Expr>),
    /// `-x`
    Neg(Box<Expr>),
    Lambda(Box<Expr>),
    /// `[element for targets in iterable]` with one `for` clause, and no filter but idempotence
    /// guards (`if name not in existing`), which hold on a fresh replay.
    Comprehension(Box<Comprehension>),
    /// `then if condition else otherwise`: the two values (the condition is not evaluated).
    IfElse(Box<Expr>, Box<Expr>),
    /// Anything else (comparisons, generators with filters…), kept as text.
    Other(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Comprehension {
    pub element: Expr,
    pub targets: Vec<String>,
    pub iterable: Expr,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FPart {
    Lit(String),
    Expr(Expr),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub func: Box<Expr>,
    pub args: Vec<Expr>,
    pub kwargs: Vec<Kwarg>,
    /// `*args` and `**kwargs` passed through: the call cannot be fully known.
    pub splats: Vec<Expr>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Kwarg {
    pub name: String,
    pub value: Expr,
    pub start: u32,
    pub end: u32,
}

impl Expr {
    /// A copy with every name in `bindings` replaced by its value (a loop variable by the
    /// element of one iteration).
    pub fn substitute(&self, bindings: &[(String, Expr)]) -> Expr {
        let sub = |e: &Expr| e.substitute(bindings);
        let kind = match &self.kind {
            ExprKind::Name(name) => match bindings.iter().find(|(n, _)| n == name) {
                Some((_, value)) => {
                    return Expr::new(value.kind.clone(), self.file, self.start, self.end);
                }
                None => ExprKind::Name(name.clone()),
            },
            ExprKind::Attr(object, attr) => ExprKind::Attr(Box::new(sub(object)), attr.clone()),
            ExprKind::FString(parts) => ExprKind::FString(
                parts
                    .iter()
                    .map(|p| match p {
                        FPart::Lit(text) => FPart::Lit(text.clone()),
                        FPart::Expr(e) => FPart::Expr(sub(e)),
                    })
                    .collect(),
            ),
            ExprKind::Call(call) => ExprKind::Call(Call {
                func: Box::new(sub(&call.func)),
                args: call.args.iter().map(sub).collect(),
                kwargs: call
                    .kwargs
                    .iter()
                    .map(|k| Kwarg {
                        value: sub(&k.value),
                        ..k.clone()
                    })
                    .collect(),
                splats: call.splats.iter().map(sub).collect(),
            }),
            ExprKind::Subscript(value, index) => {
                ExprKind::Subscript(Box::new(sub(value)), index.iter().map(sub).collect())
            }
            ExprKind::Tuple(items) => ExprKind::Tuple(items.iter().map(sub).collect()),
            ExprKind::List(items) => ExprKind::List(items.iter().map(sub).collect()),
            ExprKind::Dict(pairs) => {
                ExprKind::Dict(pairs.iter().map(|(k, v)| (sub(k), sub(v))).collect())
            }
            ExprKind::BinOp(left, op, right) => {
                ExprKind::BinOp(Box::new(sub(left)), op.clone(), Box::new(sub(right)))
            }
            ExprKind::Neg(inner) => ExprKind::Neg(Box::new(sub(inner))),
            ExprKind::IfElse(then, otherwise) => {
                ExprKind::IfElse(Box::new(sub(then)), Box::new(sub(otherwise)))
            }
            ExprKind::Comprehension(c) => {
                // The comprehension's own targets shadow the bindings in its element.
                let inner: Vec<(String, Expr)> = bindings
                    .iter()
                    .filter(|(n, _)| !c.targets.contains(n))
                    .cloned()
                    .collect();
                ExprKind::Comprehension(Box::new(Comprehension {
                    element: c.element.substitute(&inner),
                    targets: c.targets.clone(),
                    iterable: sub(&c.iterable),
                }))
            }
            other => other.clone(),
        };
        Expr::new(kind, self.file, self.start, self.end)
    }
    pub fn new(kind: ExprKind, file: u32, start: u32, end: u32) -> Self {
        Expr {
            kind,
            file,
            start,
            end,
        }
    }

    /// The dotted name, when the expression is one.
    pub fn name(&self) -> Option<&str> {
        match &self.kind {
            ExprKind::Name(n) => Some(n),
            _ => None,
        }
    }

    /// The last segment of a dotted name: `sa.Column` → `Column`.
    pub fn last_name(&self) -> Option<&str> {
        self.name().map(|n| n.rsplit('.').next().unwrap_or(n))
    }

    pub fn str(&self) -> Option<&str> {
        match &self.kind {
            ExprKind::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn int(&self) -> Option<i64> {
        match &self.kind {
            ExprKind::Int(i) => Some(*i),
            ExprKind::Neg(inner) => inner.int().map(|i| -i),
            _ => None,
        }
    }

    pub fn bool(&self) -> Option<bool> {
        match &self.kind {
            ExprKind::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn is_none(&self) -> bool {
        matches!(self.kind, ExprKind::None)
    }

    pub fn call(&self) -> Option<&Call> {
        match &self.kind {
            ExprKind::Call(c) => Some(c),
            _ => None,
        }
    }

    /// The elements of a tuple or list (a single expression counts as one element).
    pub fn elements(&self) -> Vec<&Expr> {
        match &self.kind {
            ExprKind::Tuple(items) | ExprKind::List(items) => items.iter().collect(),
            _ => vec![self],
        }
    }
}

impl Call {
    pub fn kwarg(&self, name: &str) -> Option<&Expr> {
        self.kwargs
            .iter()
            .rev()
            .find(|k| k.name == name)
            .map(|k| &k.value)
    }

    pub fn kwarg_entry(&self, name: &str) -> Option<&Kwarg> {
        self.kwargs.iter().rev().find(|k| k.name == name)
    }

    /// A keyword argument as a boolean literal.
    pub fn flag(&self, name: &str) -> Option<bool> {
        self.kwarg(name).and_then(Expr::bool)
    }

    /// The `index`-th positional argument, or the keyword argument `name`.
    pub fn arg(&self, index: usize, name: &str) -> Option<&Expr> {
        self.kwarg(name).or_else(|| self.args.get(index))
    }
}

/// Reads tree-sitter nodes of one file into [`Expr`]s.
pub struct Reader<'a> {
    pub text: &'a str,
    pub file: u32,
    /// How deep the expression being read is nested: past [`DEEPEST_EXPRESSION`] the rest is
    /// kept as text, so every later walk over an `Expr` (and dropping it) stays shallow.
    pub depth: std::cell::Cell<u32>,
}

/// Nesting no model or migration writes (Python's own parser stops near 200 parentheses), and
/// well inside the worker threads' stacks.
pub const DEEPEST_EXPRESSION: u32 = 150;

impl<'a> Reader<'a> {
    pub fn text(&self, node: Node) -> &'a str {
        &self.text[node.byte_range()]
    }

    fn make(&self, node: Node, kind: ExprKind) -> Expr {
        Expr::new(
            kind,
            self.file,
            node.start_byte() as u32,
            node.end_byte() as u32,
        )
    }

    pub fn expr(&self, node: Node) -> Expr {
        if self.depth.get() >= DEEPEST_EXPRESSION {
            return self.make(node, ExprKind::Other(self.text(node).to_string()));
        }
        self.depth.set(self.depth.get() + 1);
        let read = self.expr_within_depth(node);
        self.depth.set(self.depth.get() - 1);
        read
    }

    fn expr_within_depth(&self, node: Node) -> Expr {
        let kind = match node.kind() {
            "identifier" => ExprKind::Name(self.text(node).to_string()),
            "attribute" => {
                let object = node.child_by_field_name("object").map(|o| self.expr(o));
                let attribute = node
                    .child_by_field_name("attribute")
                    .map(|a| self.text(a).to_string())
                    .unwrap_or_default();
                match object {
                    Some(Expr {
                        kind: ExprKind::Name(base),
                        ..
                    }) => ExprKind::Name(format!("{base}.{attribute}")),
                    Some(object) => ExprKind::Attr(Box::new(object), attribute),
                    None => ExprKind::Other(self.text(node).to_string()),
                }
            }
            "call" => {
                let func = node
                    .child_by_field_name("function")
                    .map(|f| self.expr(f))
                    .unwrap_or_else(|| self.make(node, ExprKind::Other(String::new())));
                let mut call = Call {
                    func: Box::new(func),
                    args: Vec::new(),
                    kwargs: Vec::new(),
                    splats: Vec::new(),
                };
                if let Some(arguments) = node.child_by_field_name("arguments") {
                    self.arguments(arguments, &mut call);
                }
                ExprKind::Call(call)
            }
            "string" => self.string(node),
            "concatenated_string" => {
                let mut value = String::new();
                let mut parts = Vec::new();
                let mut dynamic = false;
                let mut cursor = node.walk();
                for child in node.named_children(&mut cursor) {
                    match self.string(child) {
                        ExprKind::Str(s) => {
                            value.push_str(&s);
                            parts.push(FPart::Lit(s));
                        }
                        ExprKind::FString(p) => {
                            dynamic = true;
                            parts.extend(p);
                        }
                        _ => {}
                    }
                }
                if dynamic {
                    ExprKind::FString(parts)
                } else {
                    ExprKind::Str(value)
                }
            }
            "integer" => {
                let text = self.text(node).replace('_', "");
                let parsed = if let Some(hex) = text.strip_prefix("0x") {
                    i64::from_str_radix(hex, 16).ok()
                } else {
                    text.parse().ok()
                };
                match parsed {
                    Some(i) => ExprKind::Int(i),
                    None => ExprKind::Other(text),
                }
            }
            "float" => ExprKind::Float(self.text(node).to_string()),
            "true" => ExprKind::Bool(true),
            "false" => ExprKind::Bool(false),
            "none" => ExprKind::None,
            "subscript" => {
                let value = node.child_by_field_name("value").map(|v| self.expr(v));
                let mut cursor = node.walk();
                let items: Vec<Expr> = node
                    .children_by_field_name("subscript", &mut cursor)
                    .map(|s| self.expr(s))
                    .collect();
                match value {
                    Some(value) => ExprKind::Subscript(Box::new(value), items),
                    None => ExprKind::Other(self.text(node).to_string()),
                }
            }
            "generic_type" => {
                // `Mapped[int]` in an annotation: identifier + type_parameter.
                let mut cursor = node.walk();
                let children: Vec<Node> = node.named_children(&mut cursor).collect();
                let head = children.first().map(|c| self.expr(*c));
                let items = children
                    .get(1)
                    .map(|params| {
                        let mut cursor = params.walk();
                        params
                            .named_children(&mut cursor)
                            .map(|t| self.expr(t))
                            .collect()
                    })
                    .unwrap_or_default();
                match head {
                    Some(head) => ExprKind::Subscript(Box::new(head), items),
                    None => ExprKind::Other(self.text(node).to_string()),
                }
            }
            "type" | "parenthesized_expression" | "expression_statement" => {
                match node.named_child(0) {
                    Some(inner) if node.named_child_count() == 1 => return self.expr(inner),
                    _ => ExprKind::Other(self.text(node).to_string()),
                }
            }
            "union_type" => {
                let mut cursor = node.walk();
                let parts: Vec<Node> = node.named_children(&mut cursor).collect();
                match parts.as_slice() {
                    [left, right] => ExprKind::BinOp(
                        Box::new(self.expr(*left)),
                        "|".to_string(),
                        Box::new(self.expr(*right)),
                    ),
                    _ => ExprKind::Other(self.text(node).to_string()),
                }
            }
            "member_type" => {
                let mut cursor = node.walk();
                let parts: Vec<Node> = node.named_children(&mut cursor).collect();
                match parts.as_slice() {
                    [head, attribute] => match self.expr(*head).kind {
                        ExprKind::Name(base) => {
                            ExprKind::Name(format!("{base}.{}", self.text(*attribute)))
                        }
                        _ => ExprKind::Other(self.text(node).to_string()),
                    },
                    _ => ExprKind::Other(self.text(node).to_string()),
                }
            }
            "tuple" | "list" | "set" | "expression_list" | "pattern_list" => {
                let mut cursor = node.walk();
                let items = node
                    .named_children(&mut cursor)
                    .filter(|c| c.kind() != "comment")
                    .map(|c| self.expr(c))
                    .collect();
                if node.kind() == "list" {
                    ExprKind::List(items)
                } else {
                    ExprKind::Tuple(items)
                }
            }
            "dictionary" => {
                let mut cursor = node.walk();
                let pairs = node
                    .named_children(&mut cursor)
                    .filter(|c| c.kind() == "pair")
                    .filter_map(|pair| {
                        let key = pair.child_by_field_name("key")?;
                        let value = pair.child_by_field_name("value")?;
                        Some((self.expr(key), self.expr(value)))
                    })
                    .collect();
                ExprKind::Dict(pairs)
            }
            "binary_operator" => {
                let left = node.child_by_field_name("left");
                let right = node.child_by_field_name("right");
                let operator = node.child_by_field_name("operator");
                match (left, operator, right) {
                    (Some(l), Some(o), Some(r)) => ExprKind::BinOp(
                        Box::new(self.expr(l)),
                        self.text(o).to_string(),
                        Box::new(self.expr(r)),
                    ),
                    _ => ExprKind::Other(self.text(node).to_string()),
                }
            }
            "unary_operator" => {
                let operand = node.child_by_field_name("argument");
                let operator = node.child_by_field_name("operator").map(|o| self.text(o));
                match (operator, operand) {
                    (Some("-"), Some(inner)) => ExprKind::Neg(Box::new(self.expr(inner))),
                    _ => ExprKind::Other(self.text(node).to_string()),
                }
            }
            "list_comprehension" | "generator_expression" => self
                .comprehension(node)
                .map(|c| ExprKind::Comprehension(Box::new(c)))
                .unwrap_or_else(|| ExprKind::Other(self.text(node).to_string())),
            "conditional_expression" => {
                let mut cursor = node.walk();
                let parts: Vec<Node> = node.named_children(&mut cursor).collect();
                match parts.as_slice() {
                    [then, _condition, otherwise] => ExprKind::IfElse(
                        Box::new(self.expr(*then)),
                        Box::new(self.expr(*otherwise)),
                    ),
                    _ => ExprKind::Other(self.text(node).to_string()),
                }
            }
            "lambda" => match node.child_by_field_name("body") {
                Some(body) => ExprKind::Lambda(Box::new(self.expr(body))),
                None => ExprKind::Other(self.text(node).to_string()),
            },
            _ => ExprKind::Other(self.text(node).to_string()),
        };
        self.make(node, kind)
    }

    fn comprehension(&self, node: Node) -> Option<Comprehension> {
        let element = node.child_by_field_name("body")?;
        let mut cursor = node.walk();
        let clauses: Vec<Node> = node
            .named_children(&mut cursor)
            .filter(|c| c.kind() == "for_in_clause")
            .collect();
        let [clause] = clauses.as_slice() else {
            return None;
        };
        let guards_only = children(node)
            .iter()
            .filter(|c| c.kind() == "if_clause")
            .all(|c| self.text(*c).contains(" not in "));
        if !guards_only {
            return None;
        }
        let left = clause.child_by_field_name("left")?;
        let right = clause.child_by_field_name("right")?;
        Some(Comprehension {
            element: self.expr(element),
            targets: target_names(self.text(left)),
            iterable: self.expr(right),
        })
    }

    /// Reads an `argument_list` (or a class's superclass list) into `call`.
    pub fn arguments(&self, arguments: Node, call: &mut Call) {
        let mut cursor = arguments.walk();
        for child in arguments.named_children(&mut cursor) {
            match child.kind() {
                "keyword_argument" => {
                    let name = child
                        .child_by_field_name("name")
                        .map(|n| self.text(n).to_string())
                        .unwrap_or_default();
                    if let Some(value) = child.child_by_field_name("value") {
                        call.kwargs.push(Kwarg {
                            name,
                            value: self.expr(value),
                            start: child.start_byte() as u32,
                            end: child.end_byte() as u32,
                        });
                    }
                }
                "list_splat" | "dictionary_splat" => call.splats.push(self.expr(child)),
                "comment" => {}
                _ => call.args.push(self.expr(child)),
            }
        }
    }

    fn string(&self, node: Node) -> ExprKind {
        let whole = self.text(node);
        let mut cursor = node.walk();
        let children: Vec<Node> = node.named_children(&mut cursor).collect();
        let start = children.iter().find(|c| c.kind() == "string_start");
        let end = children.iter().rev().find(|c| c.kind() == "string_end");
        let (Some(start), Some(end)) = (start, end) else {
            return ExprKind::Other(whole.to_string());
        };
        let prefix = self.text(*start).to_ascii_lowercase();
        let raw = prefix.contains('r');
        if prefix.contains('b') {
            return ExprKind::Other(whole.to_string());
        }
        let has_interpolation = children.iter().any(|c| c.kind() == "interpolation");
        if !has_interpolation {
            let inner = &self.text[start.end_byte()..end.start_byte()];
            return ExprKind::Str(if raw {
                inner.to_string()
            } else {
                unescape(inner)
            });
        }
        // An f-string: literal text between interpolations.
        let mut parts = Vec::new();
        let mut at = start.end_byte();
        for child in children.iter().filter(|c| c.kind() == "interpolation") {
            if child.start_byte() > at {
                parts.push(FPart::Lit(unescape(&self.text[at..child.start_byte()])));
            }
            match child.named_child(0) {
                Some(inner) => parts.push(FPart::Expr(self.expr(inner))),
                None => parts.push(FPart::Expr(
                    self.make(*child, ExprKind::Other(String::new())),
                )),
            }
            at = child.end_byte();
        }
        if end.start_byte() > at {
            parts.push(FPart::Lit(unescape(&self.text[at..end.start_byte()])));
        }
        ExprKind::FString(parts)
    }
}

/// The names bound by a `for` target: `t`, `(table, column)`, `name, col`.
pub fn target_names(text: &str) -> Vec<String> {
    text.trim_matches(|c| c == '(' || c == ')')
        .split(',')
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect()
}

fn unescape(text: &str) -> String {
    if !text.contains('\\') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            Some('\'') => out.push('\''),
            Some('"') => out.push('"'),
            Some('\n') => {}
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

fn children(node: Node) -> Vec<Node> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor).collect()
}
