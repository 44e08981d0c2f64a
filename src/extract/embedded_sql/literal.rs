//! String literals of TypeScript / JavaScript and Python read into the text the program sees,
//! remembering where each byte came from so that a name found in the SQL maps back to its exact
//! place in the source file. Interpolations (`${id}`, f-string `{id}`) become holes: runs of `_`
//! of the same length, which the SQL tokenizer reads as one identifier, and which the analysis
//! never reports.

use std::ops::Range;

/// The decoded text of a literal and its map back to the source.
#[derive(Debug, Clone, Default)]
pub struct Text {
    pub text: String,
    /// `(text offset, source offset)` where a run of bytes copied as written starts; between two
    /// breaks, text and source advance together.
    breaks: Vec<(usize, usize)>,
    /// Interpolations, as ranges of `text`.
    pub holes: Vec<Range<usize>>,
}

impl Text {
    /// The source offset of a text offset.
    pub fn source_offset(&self, offset: usize) -> usize {
        let at = self.breaks.partition_point(|(t, _)| *t <= offset);
        match at.checked_sub(1).map(|i| self.breaks[i]) {
            Some((text, source)) => source + (offset - text),
            None => self.breaks.first().map(|(_, s)| *s).unwrap_or(0),
        }
    }

    fn mark(&mut self, source: usize) {
        let here = self.text.len();
        match self.breaks.last_mut() {
            Some(last) if last.0 == here => last.1 = source,
            _ => self.breaks.push((here, source)),
        }
    }

    /// Copies `written`, found at `source`, as it is.
    fn verbatim(&mut self, written: &str, source: usize) {
        if written.is_empty() {
            return;
        }
        self.mark(source);
        self.text.push_str(written);
    }

    /// Appends what an escape sequence at `source` stands for.
    fn decoded(&mut self, value: &str, source: usize) {
        self.mark(source);
        self.text.push_str(value);
    }

    /// An interpolation of `len` source bytes at `source`.
    fn hole(&mut self, len: usize, source: usize) {
        self.mark(source);
        let start = self.text.len();
        self.text.extend(std::iter::repeat_n('_', len.max(1)));
        self.holes.push(start..self.text.len());
    }

    /// Appends another literal (implicit concatenation), separated by nothing.
    pub fn append(&mut self, other: Text) {
        let base = self.text.len();
        self.breaks
            .extend(other.breaks.into_iter().map(|(t, s)| (t + base, s)));
        self.holes.extend(
            other
                .holes
                .into_iter()
                .map(|h| h.start + base..h.end + base),
        );
        self.text.push_str(&other.text);
    }
}

/// The escape rules of a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escapes {
    JavaScript,
    Python,
    /// Python raw strings: backslashes are themselves.
    None,
}

/// Builds the text of a literal whose content is `source[range]`, with `holes` (source ranges,
/// in order, inside `range`) standing for interpolations. `doubled_braces` reads `{{` / `}}` as
/// one brace (Python f-strings).
pub fn read(
    source: &str,
    range: Range<usize>,
    holes: &[Range<usize>],
    escapes: Escapes,
    doubled_braces: bool,
) -> Text {
    let mut out = Text::default();
    let mut at = range.start;
    for hole in holes
        .iter()
        .filter(|h| h.start >= range.start && h.end <= range.end)
    {
        segment(
            &mut out,
            source,
            at..hole.start.max(at),
            escapes,
            doubled_braces,
        );
        out.hole(hole.end - hole.start, hole.start);
        at = hole.end.max(at);
    }
    segment(&mut out, source, at..range.end, escapes, doubled_braces);
    if out.breaks.is_empty() {
        out.breaks.push((0, range.start));
    }
    out
}

fn segment(out: &mut Text, source: &str, range: Range<usize>, escapes: Escapes, braces: bool) {
    let Some(text) = source.get(range.clone()) else {
        return;
    };
    let mut run_start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let special = (c == '\\' && escapes != Escapes::None)
            || (braces && (c == '{' || c == '}') && text[i + 1..].starts_with(c));
        if !special {
            continue;
        }
        out.verbatim(&text[run_start..i], range.start + run_start);
        if c != '\\' {
            // `{{` → `{`
            chars.next();
            out.decoded(&c.to_string(), range.start + i);
            run_start = i + 2;
            continue;
        }
        let rest = &text[i + 1..];
        let (value, len) = match escapes {
            Escapes::JavaScript => javascript_escape(rest),
            _ => python_escape(rest),
        };
        out.decoded(&value, range.start + i);
        // Skip the escape's characters.
        let end = i + 1 + len;
        while chars.peek().is_some_and(|(j, _)| *j < end) {
            chars.next();
        }
        run_start = end.min(text.len());
    }
    out.verbatim(&text[run_start..], range.start + run_start);
}

/// What a JavaScript escape stands for, and how many bytes follow the backslash.
fn javascript_escape(rest: &str) -> (String, usize) {
    let Some(c) = rest.chars().next() else {
        return (String::new(), 0);
    };
    let simple = match c {
        'n' => Some('\n'),
        't' => Some('\t'),
        'r' => Some('\r'),
        'b' => Some('\u{8}'),
        'f' => Some('\u{c}'),
        'v' => Some('\u{b}'),
        '0' if !rest[1..].starts_with(|d: char| d.is_ascii_digit()) => Some('\0'),
        _ => None,
    };
    if let Some(value) = simple {
        return (value.to_string(), 1);
    }
    match c {
        // A line continuation: nothing.
        '\n' => (String::new(), 1),
        '\r' => (
            String::new(),
            if rest[1..].starts_with('\n') { 2 } else { 1 },
        ),
        'x' => hex(&rest[1..], 2).map_or((c.to_string(), 1), |(v, n)| (v, n + 1)),
        'u' if rest[1..].starts_with('{') => match rest[2..].find('}') {
            Some(close) => match u32::from_str_radix(&rest[2..2 + close], 16)
                .ok()
                .and_then(char::from_u32)
            {
                Some(value) => (value.to_string(), close + 3),
                None => (c.to_string(), 1),
            },
            None => (c.to_string(), 1),
        },
        'u' => hex(&rest[1..], 4).map_or((c.to_string(), 1), |(v, n)| (v, n + 1)),
        _ => (c.to_string(), c.len_utf8()),
    }
}

/// What a Python escape stands for, and how many bytes follow the backslash. Unknown escapes
/// keep their backslash, as Python does.
fn python_escape(rest: &str) -> (String, usize) {
    let Some(c) = rest.chars().next() else {
        return ("\\".to_string(), 0);
    };
    let simple = match c {
        'n' => Some('\n'),
        't' => Some('\t'),
        'r' => Some('\r'),
        'a' => Some('\u{7}'),
        'b' => Some('\u{8}'),
        'f' => Some('\u{c}'),
        'v' => Some('\u{b}'),
        '\\' => Some('\\'),
        '\'' => Some('\''),
        '"' => Some('"'),
        _ => None,
    };
    if let Some(value) = simple {
        return (value.to_string(), 1);
    }
    match c {
        '\n' => (String::new(), 1),
        'x' => hex(&rest[1..], 2).map_or(("\\x".into(), 1), |(v, n)| (v, n + 1)),
        'u' => hex(&rest[1..], 4).map_or(("\\u".into(), 1), |(v, n)| (v, n + 1)),
        'U' => hex(&rest[1..], 8).map_or(("\\U".into(), 1), |(v, n)| (v, n + 1)),
        'N' if rest[1..].starts_with('{') => match rest.find('}') {
            // A named character: its name is not SQL; a space keeps the positions readable.
            Some(close) => (" ".to_string(), close + 1),
            None => ("\\N".into(), 1),
        },
        '0'..='7' => {
            let digits = rest
                .bytes()
                .take(3)
                .take_while(|b| (b'0'..=b'7').contains(b))
                .count();
            let value = u32::from_str_radix(&rest[..digits], 8)
                .ok()
                .and_then(char::from_u32)
                .unwrap_or(' ');
            (value.to_string(), digits)
        }
        _ => (format!("\\{c}"), c.len_utf8()),
    }
}

fn hex(text: &str, digits: usize) -> Option<(String, usize)> {
    let code = text.get(..digits)?;
    let value = char::from_u32(u32::from_str_radix(code, 16).ok()?)?;
    Some((value.to_string(), digits))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_text_maps_one_to_one() {
        let source = r#"db.query("SELECT id FROM users")"#;
        let start = source.find('"').unwrap() + 1;
        let end = source.rfind('"').unwrap();
        let text = read(source, start..end, &[], Escapes::JavaScript, false);
        assert_eq!(text.text, "SELECT id FROM users");
        let users = text.text.find("users").unwrap();
        assert_eq!(&source[text.source_offset(users)..][..5], "users");
    }

    #[test]
    fn escapes_are_decoded_and_positions_kept() {
        let source = r#""SELECT \"userId\"\n  FROM users""#;
        let text = read(source, 1..source.len() - 1, &[], Escapes::JavaScript, false);
        assert_eq!(text.text, "SELECT \"userId\"\n  FROM users");
        let users = text.text.find("users").unwrap();
        assert_eq!(&source[text.source_offset(users)..][..5], "users");
        let user_id = text.text.find("userId").unwrap();
        assert_eq!(&source[text.source_offset(user_id)..][..6], "userId");
    }

    #[test]
    fn interpolations_become_holes_of_the_same_length() {
        let source = "`SELECT * FROM calls WHERE id = ${callId} AND x = 1`";
        let hole_start = source.find("${").unwrap();
        let hole_end = source.find('}').unwrap() + 1;
        let hole = hole_start..hole_end;
        let holes = std::slice::from_ref(&hole);
        let text = read(
            source,
            1..source.len() - 1,
            holes,
            Escapes::JavaScript,
            false,
        );
        assert_eq!(
            text.text,
            "SELECT * FROM calls WHERE id = _________ AND x = 1"
        );
        assert_eq!(text.holes.len(), 1);
        let x = text.text.rfind('x').unwrap();
        assert_eq!(text.source_offset(x), source.rfind('x').unwrap());
    }

    #[test]
    fn python_raw_strings_and_doubled_braces() {
        let source = r#"f"SELECT '{{}}' FROM t\n""#;
        let text = read(source, 2..source.len() - 1, &[], Escapes::Python, true);
        assert_eq!(text.text, "SELECT '{}' FROM t\n");
        let t = text.text.find(" t").unwrap() + 1;
        assert_eq!(&source[text.source_offset(t)..][..1], "t");
        let raw = read(r"a\nb", 0..4, &[], Escapes::None, false);
        assert_eq!(raw.text, r"a\nb");
    }

    #[test]
    fn concatenation_keeps_both_maps() {
        let source = r#"("SELECT a " "FROM t")"#;
        let mut text = read(source, 2..11, &[], Escapes::Python, false);
        text.append(read(source, 14..20, &[], Escapes::Python, false));
        assert_eq!(text.text, "SELECT a FROM t");
        let t = text.text.rfind('t').unwrap();
        assert_eq!(text.source_offset(t), source.rfind('t').unwrap());
    }
}
