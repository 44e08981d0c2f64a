//! Loading rule files: a raw serde struct that rejects unknown fields, then a validated rule.

use crate::finding::Severity;
use crate::reconcile::Drift;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/rule_files.rs"));

#[derive(Debug, thiserror::Error)]
pub enum RuleLoadError {
    #[error("rules/{file}.yml: {reason}")]
    Syntax { file: String, reason: String },
    #[error("rules/{file}.yml: id `{id}` must equal the file name")]
    IdMismatch { file: String, id: String },
    #[error("rules/{file}.yml: id must be kebab-case words (a-z, 0-9, '-')")]
    BadId { file: String },
    #[error("rules/{file}.yml: field `{field}` is empty")]
    EmptyField { file: String, field: &'static str },
    #[error("rules/{file}.yml: alias `{alias}` is already the id or alias of another rule")]
    DuplicateAlias { file: String, alias: String },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: String,
    severity: RawSeverity,
    category: String,
    summary: String,
    message: String,
    help: String,
    explanation: String,
    example: BTreeMap<String, RawExample>,
    #[serde(default)]
    aliases: Vec<String>,
    /// What must be known on both sides before the rule fires at its severity.
    #[serde(default)]
    certainty: String,
    /// The severity of a finding the rule states as weaker: its evidence is only a guess (a
    /// name, a convention the repository does not itself show), or the difference has no
    /// effect (the same default value set client-side).
    #[serde(default)]
    guess_severity: Option<RawSeverity>,
    /// The severity of a finding whose difference is sure but breaks nothing (the database
    /// accepts everything the code writes): drift, not a failure.
    #[serde(default)]
    drift_severity: Option<RawSeverity>,
}

#[derive(Debug, Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum RawSeverity {
    Error,
    Warning,
    Info,
    Off,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExample {
    bad: String,
    fixed: String,
}

/// One way to write the drift, and the fix, in one language (`sql`, `sqlalchemy`, `drizzle` …).
#[derive(Debug, Clone)]
pub struct Example {
    pub language: String,
    pub bad: String,
    pub fixed: String,
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub id: &'static str,
    /// `None` when the rule is off by default.
    pub severity: Option<Severity>,
    pub category: String,
    pub summary: String,
    pub message: String,
    pub help: String,
    pub explanation: String,
    pub examples: Vec<Example>,
    pub aliases: Vec<String>,
    pub certainty: String,
    /// The severity of a finding stated as a guess; `None` when the rule never guesses.
    pub guess_severity: Option<Option<Severity>>,
    /// The severity of a sure difference that breaks nothing; `None` when the rule has none.
    pub drift_severity: Option<Option<Severity>>,
}

fn severity_of(raw: RawSeverity) -> Option<Severity> {
    match raw {
        RawSeverity::Error => Some(Severity::Error),
        RawSeverity::Warning => Some(Severity::Warning),
        RawSeverity::Info => Some(Severity::Info),
        RawSeverity::Off => None,
    }
}

impl Rule {
    fn load(file: &'static str, text: &str) -> Result<Rule, RuleLoadError> {
        let raw: RawRule = serde_saphyr::from_str(text).map_err(|e| RuleLoadError::Syntax {
            file: file.to_string(),
            reason: e.to_string().lines().next().unwrap_or_default().to_string(),
        })?;
        if raw.id != file {
            return Err(RuleLoadError::IdMismatch {
                file: file.to_string(),
                id: raw.id,
            });
        }
        if !is_kebab_case(&raw.id) {
            return Err(RuleLoadError::BadId {
                file: file.to_string(),
            });
        }
        let fields = [
            ("certainty", &raw.certainty),
            ("category", &raw.category),
            ("summary", &raw.summary),
            ("message", &raw.message),
            ("help", &raw.help),
            ("explanation", &raw.explanation),
        ];
        for (field, value) in fields {
            if value.trim().is_empty() {
                return Err(RuleLoadError::EmptyField {
                    file: file.to_string(),
                    field,
                });
            }
        }
        if raw.example.is_empty()
            || raw
                .example
                .values()
                .any(|e| e.bad.trim().is_empty() || e.fixed.trim().is_empty())
        {
            return Err(RuleLoadError::EmptyField {
                file: file.to_string(),
                field: "example",
            });
        }
        Ok(Rule {
            id: file,
            severity: severity_of(raw.severity),
            category: raw.category,
            summary: raw.summary.trim().to_string(),
            message: raw.message.trim().to_string(),
            help: raw.help.trim().to_string(),
            explanation: raw.explanation.trim().to_string(),
            examples: raw
                .example
                .into_iter()
                .map(|(language, e)| Example {
                    language,
                    bad: e.bad,
                    fixed: e.fixed,
                })
                .collect(),
            aliases: raw.aliases,
            certainty: raw.certainty.trim().to_string(),
            guess_severity: raw.guess_severity.map(severity_of),
            drift_severity: raw.drift_severity.map(severity_of),
        })
    }

    pub fn render_message(&self, drift: &Drift) -> String {
        fill_template(&self.message, drift)
    }

    pub fn render_help(&self, drift: &Drift) -> Option<String> {
        Some(fill_template(&self.help, drift))
    }

    /// The help as documentation shows it, before any finding fills it in: `{table}` reads
    /// `<table>`.
    /// The help for a page about the rule, not about one finding: each `{value}` reads as "the
    /// value" in prose ("Regenerate the dump from …") and as `<value>` inside code.
    pub fn help_text(&self) -> String {
        let mut out = String::with_capacity(self.help.len());
        let mut rest = self.help.as_str();
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            match rest[open..].find('}') {
                Some(close) => {
                    let name = &rest[open + 1..open + close];
                    let in_code = out.matches('`').count() % 2 == 1;
                    let placeholder = !name.is_empty()
                        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
                    if !placeholder {
                        // Braces of the code itself (`drizzle({ casing })`).
                        out.push_str(&rest[open..=open + close]);
                    } else if in_code {
                        out.push_str(&format!("<{name}>"));
                    } else {
                        out.push_str(&format!("the {}", name.replace('_', " ")));
                    }
                    rest = &rest[open + close + 1..];
                }
                None => {
                    out.push_str(&rest[open..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }

    pub fn default_severity_name(&self) -> &'static str {
        self.severity.map(Severity::name).unwrap_or("off")
    }
}

/// Replaces `{name}` with the drift's value for `name`; `{table}` and `{column}` come from the
/// drift's own fields.
fn fill_template(template: &str, drift: &Drift) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close)
                if after[..close]
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_') =>
            {
                let key = &after[..close];
                match drift.value(key) {
                    Some(value) => out.push_str(value),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// All rules, loaded once.
#[derive(Debug)]
pub struct Registry {
    rules: Vec<Rule>,
}

impl Registry {
    /// The built-in rules. A broken rule file is a bug caught by the test suite, so this panics
    /// with the loader's message rather than returning an error to users.
    pub fn builtin() -> &'static Registry {
        static REGISTRY: OnceLock<Registry> = OnceLock::new();
        REGISTRY.get_or_init(|| Registry::load(RULE_FILES).unwrap_or_else(|e| panic!("{e}")))
    }

    pub fn load(files: &[(&'static str, &'static str)]) -> Result<Registry, RuleLoadError> {
        let rules: Vec<Rule> = files
            .iter()
            .map(|(file, text)| Rule::load(file, text))
            .collect::<Result<_, _>>()?;
        for rule in &rules {
            for alias in &rule.aliases {
                let clash = rules.iter().any(|other| {
                    other.id == alias || (other.id != rule.id && other.aliases.contains(alias))
                });
                if clash {
                    return Err(RuleLoadError::DuplicateAlias {
                        file: rule.id.to_string(),
                        alias: alias.clone(),
                    });
                }
            }
        }
        Ok(Registry { rules })
    }

    pub fn all(&self) -> &[Rule] {
        &self.rules
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// Finds a rule by id or by one of its former ids.
    pub fn resolve(&self, id_or_alias: &str) -> Option<&Rule> {
        self.get(id_or_alias).or_else(|| {
            self.rules
                .iter()
                .find(|r| r.aliases.iter().any(|a| a == id_or_alias))
        })
    }

    /// ` (did you mean `x`?)` for a misspelled rule id, when one rule is clearly meant; empty
    /// otherwise.
    pub fn did_you_mean(&self, wanted: &str) -> String {
        let wanted = wanted.to_ascii_lowercase().replace('_', "-");
        let mut scored: Vec<(f64, &str)> = self
            .rules
            .iter()
            .map(|r| (strsim::normalized_damerau_levenshtein(&wanted, r.id), r.id))
            .filter(|(score, _)| *score >= 0.7)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        match scored.as_slice() {
            [(_, best)] => format!(" (did you mean `{best}`?)"),
            [(a, best), (b, _), ..] if a > b => format!(" (did you mean `{best}`?)"),
            _ => String::new(),
        }
    }

    pub fn files() -> &'static [(&'static str, &'static str)] {
        RULE_FILES
    }
}
