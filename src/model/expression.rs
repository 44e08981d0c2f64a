//! SQL expression text in one stable form, so that `(status = 'draft'::text)` from pg_dump and
//! `status = 'draft'` from a migration compare equal.

/// Lower case outside string literals, casts removed, white space folded, wrapping parentheses
/// removed.
pub fn normalize_expression(text: &str) -> String {
    let lowered = lowercase_outside_quotes(text.trim());
    let without_casts = strip_casts(&lowered);
    let folded = without_casts
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("( ", "(")
        .replace(" )", ")");
    strip_wrapping_parens(&folded).to_string()
}

pub fn strip_wrapping_parens(mut text: &str) -> &str {
    loop {
        let t = text.trim();
        if t.starts_with('(') && t.ends_with(')') && closes_at_end(t) {
            text = &t[1..t.len() - 1];
        } else {
            return t;
        }
    }
}

/// Whether the `(` at the start of `text` is closed by its last character.
fn closes_at_end(text: &str) -> bool {
    let mut depth = 0i32;
    let mut in_quote = false;
    for (i, c) in text.char_indices() {
        match c {
            '\'' => in_quote = !in_quote,
            '(' if !in_quote => depth += 1,
            ')' if !in_quote => {
                depth -= 1;
                if depth == 0 {
                    return i == text.len() - 1;
                }
            }
            _ => {}
        }
    }
    false
}

pub fn lowercase_outside_quotes(text: &str) -> String {
    lowercase_outside(text, '\'')
}

/// `text` lower-cased except between `quote` characters (string literals for `'`, quoted
/// identifiers for `"`).
pub fn lowercase_outside(text: &str, quote: char) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_quote = false;
    for c in text.chars() {
        if c == quote {
            in_quote = !in_quote;
        }
        if in_quote {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Removes Postgres `::type` casts, which pg_dump and introspection add to literal defaults.
pub fn strip_casts(text: &str) -> String {
    const TYPE_CONTINUATIONS: [&str; 6] =
        ["varying", "with", "without", "time", "zone", "precision"];
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    let mut in_quote = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' {
            in_quote = !in_quote;
        }
        if !in_quote && c == ':' && chars.get(i + 1) == Some(&':') {
            i += 2;
            loop {
                while i < chars.len()
                    && (chars[i].is_alphanumeric() || matches!(chars[i], '_' | '.' | '"'))
                {
                    i += 1;
                }
                // multi-word type names: `character varying`, `timestamp with time zone`
                let rest: String = chars[i..].iter().collect();
                let next_word = rest
                    .trim_start()
                    .split(|c: char| !c.is_alphanumeric())
                    .next();
                if rest.starts_with(' ')
                    && next_word.is_some_and(|w| TYPE_CONTINUATIONS.contains(&w))
                {
                    i += rest.len() - rest.trim_start().len();
                    continue;
                }
                break;
            }
            if chars.get(i) == Some(&'(') {
                while i < chars.len() && chars[i] != ')' {
                    i += 1;
                }
                i += 1;
            }
            while chars.get(i) == Some(&'[') && chars.get(i + 1) == Some(&']') {
                i += 2;
            }
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pg_dump_and_migration_spellings_agree() {
        assert_eq!(
            normalize_expression("(not_connected > 0)"),
            normalize_expression("not_connected > 0")
        );
        assert_eq!(
            normalize_expression("((status)::text = 'Draft'::text)"),
            "(status) = 'Draft'"
        );
        assert_eq!(normalize_expression("lower(email)"), "lower(email)");
        assert_eq!(
            normalize_expression("(a > 0) AND (b > 0)"),
            "(a > 0) and (b > 0)"
        );
    }
}
