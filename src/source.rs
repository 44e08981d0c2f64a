//! Source files and the one location type every stage and renderer shares.

use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A file read from the scanned tree. `path` is relative to the scan root and uses `/`.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: Arc<str>,
    pub absolute: PathBuf,
    pub text: Arc<str>,
    line_starts: Arc<[usize]>,
}

impl SourceFile {
    pub fn new(path: impl Into<Arc<str>>, absolute: PathBuf, text: impl Into<Arc<str>>) -> Self {
        let text: Arc<str> = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            path: path.into(),
            absolute,
            text,
            line_starts,
        }
    }

    /// A file that exists only in memory (tests, generated sources).
    pub fn in_memory(path: &str, text: &str) -> Self {
        Self::new(path, PathBuf::from(path), text)
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn position(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        let column = self.text[start..floor_char_boundary(&self.text, offset)]
            .chars()
            .count();
        (line as u32 + 1, column as u32 + 1)
    }

    /// Byte offset of a 1-based line and 1-based character column; clamps to the line's end.
    pub fn offset(&self, line: u32, column: u32) -> usize {
        let Some(&start) = self.line_starts.get((line.max(1) - 1) as usize) else {
            return self.text.len();
        };
        let end = self
            .line_starts
            .get(line as usize)
            .copied()
            .unwrap_or(self.text.len());
        let line_text = &self.text[start..end];
        let skip = column.max(1) as usize - 1;
        start
            + line_text
                .char_indices()
                .nth(skip)
                .map(|(i, _)| i)
                .unwrap_or(line_text.trim_end_matches('\n').len())
    }

    /// The span of a byte range in this file.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let end = end.max(start).min(self.text.len());
        let (line, column) = self.position(start);
        let (end_line, end_column) = self.position(end);
        Span {
            path: self.path.clone(),
            start,
            end,
            line,
            column,
            end_line,
            end_column,
        }
    }

    /// The span of the whole first line: where a finding about the file as a whole points.
    pub fn head_span(&self) -> Span {
        let end = self.text.find('\n').unwrap_or(self.text.len());
        self.span(0, end)
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A region of a source file: byte range plus 1-based line/column of both ends.
/// The end is exclusive in bytes; `end_column` is the column just after the last character.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Span {
    pub path: Arc<str>,
    #[serde(rename = "start_byte")]
    pub start: usize,
    #[serde(rename = "end_byte")]
    pub end: usize,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

impl Span {
    /// A span for something that has no place in a file (a live database object).
    pub fn external(label: &str) -> Self {
        Span {
            path: label.into(),
            start: 0,
            end: 0,
            line: 0,
            column: 0,
            end_line: 0,
            end_column: 0,
        }
    }

    /// An empty span at the very start of a file: where a finding about a whole file points.
    pub fn file_start(path: &str) -> Self {
        Span {
            path: path.into(),
            start: 0,
            end: 0,
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
        }
    }

    pub fn is_in_file(&self) -> bool {
        self.line > 0
    }

    pub fn location(&self) -> String {
        format!("{}:{}:{}", self.path, self.line, self.column)
    }

    /// `path:line:col` for a place in a file; the name alone for a place outside any
    /// (`db: users`), which has no line to point at.
    pub fn place(&self) -> String {
        if self.is_in_file() {
            self.location()
        } else {
            self.path.to_string()
        }
    }
}

/// Turns an absolute or root-relative path into the `/`-separated form used in output.
pub fn display_path(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let text = relative.to_string_lossy().replace('\\', "/");
    if text.is_empty() {
        ".".to_string()
    } else {
        text
    }
}

/// Reads a file the user or the repository names (a configuration, a baseline): only a regular
/// file, and only up to `limit` bytes, so a FIFO or `/dev/zero` named there is an error, not a
/// hang or a memory blow-up.
pub fn read_regular_file(path: &std::path::Path, limit: u64) -> Result<String, String> {
    let metadata = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if !metadata.is_file() {
        return Err("not a regular file".into());
    }
    if metadata.len() > limit {
        return Err(format!(
            "{} bytes, more than the {limit} a file of this kind may hold",
            metadata.len()
        ));
    }
    std::fs::read_to_string(path).map_err(|e| e.to_string())
}

/// Text for a terminal: control characters (an escape sequence in a file name, a newline in an
/// identifier that would forge a line of output) shown escaped instead of acted on. For messages
/// and paths, never for source snippets.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let file = SourceFile::in_memory("a.sql", "ab\nçd e\n\nlast");
        assert_eq!(file.position(0), (1, 1));
        assert_eq!(file.position(3), (2, 1));
        // 'ç' is two bytes: byte 5 is 'd', the second character
        assert_eq!(file.position(5), (2, 2));
        assert_eq!(file.position(9), (3, 1));
        assert_eq!(file.position(10), (4, 1));
    }

    #[test]
    fn offset_is_the_inverse_of_position() {
        let file = SourceFile::in_memory("a.sql", "ab\nçd e\n\nlast");
        for offset in [0, 1, 3, 5, 6, 9, 10, 13] {
            let (line, column) = file.position(offset);
            assert_eq!(file.offset(line, column), offset, "offset {offset}");
        }
    }
}
