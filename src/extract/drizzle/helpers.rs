//! Small helper functions of the repository, followed statically: their parameters bound to
//! the literal arguments of a call, their single returned expression evaluated.

use super::value::{Js, MAX_DEPTH, Param, Scope, arguments, children, literal};
use super::{Extractor, Problem};
use tree_sitter::Node;

impl<'p, 't> Extractor<'p, 't> {
    /// The names (and default value nodes) of a function's parameters.
    pub(super) fn parameter_names(
        &self,
        function: Node<'t>,
        unit: usize,
    ) -> Result<Vec<(String, Option<Node<'t>>)>, Node<'t>> {
        if let Some(single) = function.child_by_field_name("parameter") {
            return Ok(vec![(self.text(unit, single).to_string(), None)]);
        }
        let Some(parameters) = function.child_by_field_name("parameters") else {
            return Ok(Vec::new());
        };
        children(parameters)
            .into_iter()
            .map(|parameter| {
                let pattern = match parameter.kind() {
                    "required_parameter" | "optional_parameter" => {
                        parameter.child_by_field_name("pattern")
                    }
                    "identifier" => Some(parameter),
                    _ => None,
                };
                match pattern {
                    Some(p) if p.kind() == "identifier" => Ok((
                        self.text(unit, p).to_string(),
                        parameter.child_by_field_name("value"),
                    )),
                    _ => Err(parameter),
                }
            })
            .collect()
    }

    /// The expression a function returns: an arrow's expression body, or the `return` of a
    /// block.
    pub(super) fn function_body(&self, function: Node<'t>, _unit: usize) -> Option<Node<'t>> {
        let body = function.child_by_field_name("body")?;
        if body.kind() != "statement_block" {
            return Some(body);
        }
        children(body)
            .into_iter()
            .find(|s| s.kind() == "return_statement")
            .and_then(|r| r.named_child(0))
    }

    /// Evaluates a helper function's body with its parameters bound to the call's arguments.
    pub(super) fn call_helper<R>(
        &self,
        function: Node<'t>,
        unit: usize,
        call: Node<'t>,
        caller: Scope<'_>,
        evaluate: impl FnOnce(Node<'t>, Scope<'_>) -> Result<R, Problem>,
    ) -> Result<R, Problem> {
        let too_complex = |why: &str| {
            self.problem(
                caller.unit,
                call,
                format!("helper {} {why}", self.quote(caller.unit, call)),
            )
        };
        if caller.depth >= MAX_DEPTH {
            return Err(too_complex("calls helpers too deeply to follow"));
        }
        let names = self
            .parameter_names(function, unit)
            .map_err(|_| too_complex("has parameters this tool cannot bind"))?;
        let args = arguments(call);
        let params: Vec<(String, Param)> = names
            .into_iter()
            .enumerate()
            .map(|(i, (name, default))| {
                let value = match args.get(i) {
                    Some(arg) => literal(self.program, *arg, caller),
                    None => default.map_or(Js::Undefined, |d| {
                        literal(self.program, d, Scope::top(unit))
                    }),
                };
                (name, Param::Value(value))
            })
            .collect();
        let body = self
            .function_body(function, unit)
            .ok_or_else(|| too_complex("does not return a single expression"))?;
        evaluate(
            body,
            Scope {
                unit,
                params: &params,
                depth: caller.depth + 1,
            },
        )
    }

    /// The plain parameter names of a function, or `None` when one is a pattern.
    pub(super) fn parameter_list(&self, function: Node<'t>, unit: usize) -> Option<Vec<String>> {
        if let Some(single) = function.child_by_field_name("parameter") {
            return Some(vec![self.text(unit, single).to_string()]);
        }
        children(function.child_by_field_name("parameters")?)
            .into_iter()
            .map(|p| {
                let pattern = match p.kind() {
                    "identifier" => p,
                    _ => p.child_by_field_name("pattern")?,
                };
                (pattern.kind() == "identifier").then(|| self.text(unit, pattern).to_string())
            })
            .collect()
    }
}
