//! Finds the files worth reading: walks the tree (honouring .gitignore), skips dependency and
//! build folders, classifies each file by name and a cheap look at its content, and reads the
//! survivors in parallel.

use crate::config::Config;
use crate::error::Error;
use crate::source::{SourceFile, display_path};
use ignore::WalkBuilder;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Folders that never hold a project's own schema.
const SKIPPED_DIRS: &[&str] = &[
    ".git",
    "node_modules",
    ".venv",
    "venv",
    "__pycache__",
    "site-packages",
    "target",
    "dist",
    "build",
    ".next",
    ".nuxt",
    ".svelte-kit",
    ".turbo",
    ".tox",
    ".mypy_cache",
    ".pytest_cache",
    "coverage",
    "vendor",
];

/// What a file is, as far as the extractors are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Sql,
    /// drizzle-kit's `meta/_journal.json`: the order of a drizzle migrations folder.
    DrizzleJournal,
    /// A drizzle-kit snapshot: `meta/0001_snapshot.json`, or `snapshot.json` beside a drizzle-kit
    /// v1 `migration.sql`. Its ids tell which migration each one follows.
    DrizzleSnapshot,
    /// Python source that may declare SQLAlchemy / SQLModel models or Alembic migrations.
    Python,
    /// TypeScript / JavaScript source that may declare Drizzle tables or a drizzle config.
    TypeScript,
}

#[derive(Debug, Clone)]
pub struct DiscoveredFile {
    pub kind: FileKind,
    pub file: SourceFile,
    /// Whether the file may declare a schema: the extractor of its kind reads it.
    pub declares_schema: bool,
    /// Whether the file may hold SQL queries in strings (TypeScript and Python only).
    pub holds_queries: bool,
    /// How the file was decoded when it was not plain UTF-8 (UTF-16, replaced bytes): said
    /// once, since names in it may read wrong.
    pub decoded: Option<String>,
}

#[derive(Debug, Default)]
pub struct Discovery {
    pub files: Vec<DiscoveredFile>,
    /// How many files the walk looked at, read or not.
    pub files_seen: usize,
    /// Folders holding templated SQL (`{{ … }}`, `{% … %}`), with their first such file: a
    /// template is not SQL until rendered, so these are never parsed.
    pub template_folders: Vec<TemplateFolder>,
    /// Python modules that mention no ORM (an `enums.py`, a constants module, a mixin that
    /// gets `sa` from a sibling): read only when a schema file imports them.
    pub python_library: Vec<SourceFile>,
}

/// A file's bytes as text: UTF-8 (its BOM dropped), UTF-16 LE or BE by their BOM (what
/// `pg_dump > schema.sql` writes in Windows PowerShell), else UTF-8 with invalid bytes replaced
/// (a Latin-1 file: its identifiers are ASCII). The second value says what was replaced, when
/// something was.
pub fn decode(bytes: Vec<u8>) -> (String, Option<String>) {
    let utf16 = |bytes: &[u8], little: bool| -> String {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|p| {
                if little {
                    u16::from_le_bytes([p[0], p[1]])
                } else {
                    u16::from_be_bytes([p[0], p[1]])
                }
            })
            .collect();
        String::from_utf16_lossy(&units)
    };
    match bytes.as_slice() {
        [0xEF, 0xBB, 0xBF, rest @ ..] => match std::str::from_utf8(rest) {
            Ok(text) => (text.to_string(), None),
            Err(_) => (
                String::from_utf8_lossy(rest).into_owned(),
                Some("is not valid UTF-8: the bytes that are not were replaced".into()),
            ),
        },
        [0xFF, 0xFE, rest @ ..] => (utf16(rest, true), None),
        [0xFE, 0xFF, rest @ ..] => (utf16(rest, false), None),
        _ => match String::from_utf8(bytes) {
            Ok(text) => (text, None),
            Err(e) => (
                String::from_utf8_lossy(e.as_bytes()).into_owned(),
                Some(
                    "is not valid UTF-8 (Latin-1?): the bytes that are not were replaced, so names written with them may read wrong"
                        .into(),
                ),
            ),
        },
    }
}

#[derive(Debug, Clone)]
pub struct TemplateFolder {
    pub folder: String,
    /// The first template in the folder, by path.
    pub first: SourceFile,
    pub files: usize,
}

/// Test code declares throwaway tables and queries that no migration creates: `tests/`,
/// `__tests__`, `test_x.py`, `x_test.py`, `conftest.py`, `x.test.ts`, `x.spec.ts`, fixtures.
pub fn is_test_path(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let in_test_dir = path.split('/').rev().skip(1).any(|dir| {
        matches!(
            dir,
            "test" | "tests" | "__tests__" | "__mocks__" | "spec" | "e2e" | "fixtures" | "testing"
        )
    });
    in_test_dir
        || name.contains(".test.")
        || name.contains(".spec.")
        || (name.starts_with("test_") && name.ends_with(".py"))
        || name.ends_with("_test.py")
        || name == "conftest.py"
}

/// Documentation and example code (`docs/`, `examples/`): illustrations of the schema, not the
/// application's own.
pub fn is_example_path(path: &str) -> bool {
    path.split('/').rev().skip(1).any(|dir| {
        matches!(
            dir,
            "docs" | "doc" | "internal_docs" | "examples" | "example" | "samples" | "cookbook"
        )
    })
}

/// Minified or bundled script (`x.min.js`, `bundle.js`, a line of thousands of characters):
/// generated, not the application's source.
fn is_generated_script(name: &str, text: &str) -> bool {
    const LONGEST_WRITTEN_LINE: usize = 5_000;
    name.contains(".min.")
        || name.contains(".bundle.")
        || name.ends_with(".chunk.js")
        || text.lines().any(|line| line.len() > LONGEST_WRITTEN_LINE)
}

/// SQL with template tags is rendered by the application before it runs.
fn is_sql_template(text: &str) -> bool {
    let tagged = |open: &str, close: &str| {
        text.find(open)
            .is_some_and(|at| text[at + open.len()..].contains(close))
    };
    tagged("{%", "%}") || tagged("{{", "}}")
}

impl Discovery {
    /// The files of a kind that may declare a schema.
    pub fn of_kind(&self, kind: FileKind) -> impl Iterator<Item = &SourceFile> {
        self.files
            .iter()
            .filter(move |f| f.kind == kind && f.declares_schema)
            .map(|f| &f.file)
    }
}

/// Walks `root` and reads every file an extractor may want.
pub fn discover(root: &Path, config: &Config) -> Result<Discovery, Error> {
    let metadata = std::fs::metadata(root).map_err(|e| Error::Path {
        path: root.to_path_buf(),
        reason: e.to_string(),
    })?;
    if metadata.is_file() {
        return discover_single_file(root);
    }

    let exclude = config.exclude_matcher()?;
    let include = config.include_matcher()?;
    let mut candidates: Vec<(PathBuf, FileKind)> = Vec::new();
    let mut files_seen = 0;
    let walker = WalkBuilder::new(root)
        .hidden(false)
        .git_ignore(true)
        .git_global(false)
        .git_exclude(true)
        .require_git(false)
        .filter_entry(|entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            !(is_dir && entry.depth() > 0 && is_skipped_dir(entry.path()))
        })
        .build();
    for entry in walker {
        let Ok(entry) = entry else { continue };
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        files_seen += 1;
        let path = entry.into_path();
        let relative = display_path(root, &path);
        if exclude.is_match(&relative) || include.as_ref().is_some_and(|i| !i.is_match(&relative)) {
            continue;
        }
        let included = include.as_ref().is_some_and(|i| i.is_match(&relative));
        if (is_test_path(&relative) || is_example_path(&relative)) && !included {
            continue;
        }
        if let Some(kind) = classify_by_name(&path) {
            candidates.push((path, kind));
        }
    }

    let read: Vec<Option<Read>> = candidates
        .into_par_iter()
        .map(|(path, kind)| {
            let bytes = std::fs::read(&path).map_err(|e| Error::Path {
                path: path.clone(),
                reason: e.to_string(),
            })?;
            let (text, decoded) = decode(bytes);
            let file = SourceFile::new(display_path(root, &path), path, text);
            if kind == FileKind::Sql && is_sql_template(&file.text) {
                return Ok(Some(Read::Template(file)));
            }
            let name = file.path.rsplit('/').next().unwrap_or(&file.path);
            if kind == FileKind::TypeScript && is_generated_script(name, &file.text) {
                return Ok(None);
            }
            let declares_schema = worth_parsing(kind, &file.text);
            let holds_queries = may_hold_queries(kind, &file.text);
            if !declares_schema && !holds_queries {
                const LIBRARY_LARGEST: usize = 256 * 1024;
                if kind == FileKind::Python && file.text.len() <= LIBRARY_LARGEST {
                    return Ok(Some(Read::Library(file)));
                }
                return Ok(None);
            }
            Ok(Some(Read::File(DiscoveredFile {
                kind,
                file,
                declares_schema,
                holds_queries,
                decoded,
            })))
        })
        .collect::<Result<_, Error>>()?;

    let mut files = Vec::new();
    let mut python_library = Vec::new();
    let mut templates: std::collections::BTreeMap<String, TemplateFolder> = Default::default();
    for read in read.into_iter().flatten() {
        match read {
            Read::File(file) => files.push(file),
            Read::Library(file) => python_library.push(file),
            Read::Template(file) => {
                let folder = file
                    .path
                    .rsplit_once('/')
                    .map_or("", |(d, _)| d)
                    .to_string();
                let entry = templates
                    .entry(folder.clone())
                    .or_insert_with(|| TemplateFolder {
                        folder,
                        first: file.clone(),
                        files: 0,
                    });
                entry.files += 1;
                if file.path < entry.first.path {
                    entry.first = file;
                }
            }
        }
    }
    files.sort_by(|a, b| a.file.path.cmp(&b.file.path));
    python_library.sort_by(|a: &SourceFile, b| a.path.cmp(&b.path));
    Ok(Discovery {
        files,
        files_seen,
        template_folders: templates.into_values().collect(),
        python_library,
    })
}

enum Read {
    File(DiscoveredFile),
    Template(SourceFile),
    Library(SourceFile),
}

fn discover_single_file(path: &Path) -> Result<Discovery, Error> {
    let Some(kind) = classify_by_name(path) else {
        return Ok(Discovery {
            files_seen: 1,
            ..Discovery::default()
        });
    };
    // A file given alone is decoded as the files of a folder are.
    let bytes = std::fs::read(path).map_err(|e| Error::Path {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    let (text, decoded) = decode(bytes);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let holds_queries = may_hold_queries(kind, &text);
    Ok(Discovery {
        files: vec![DiscoveredFile {
            kind,
            file: SourceFile::new(name, path.to_path_buf(), text),
            declares_schema: true,
            holds_queries,
            decoded,
        }],
        files_seen: 1,
        template_folders: Vec::new(),
        python_library: Vec::new(),
    })
}

fn is_skipped_dir(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    SKIPPED_DIRS.contains(&name) || path.join("pyvenv.cfg").is_file()
}

fn classify_by_name(path: &Path) -> Option<FileKind> {
    let name = path.file_name()?.to_str()?;
    if name.ends_with(".sql") {
        return Some(FileKind::Sql);
    }
    if name == "_journal.json" && path.parent()?.file_name()? == "meta" {
        return Some(FileKind::DrizzleJournal);
    }
    let in_meta = || path.parent().and_then(|p| p.file_name()) == Some("meta".as_ref());
    if name == "snapshot.json" || (name.ends_with("_snapshot.json") && in_meta()) {
        return Some(FileKind::DrizzleSnapshot);
    }
    if name.ends_with(".py") {
        return Some(FileKind::Python);
    }
    let script = [".ts", ".mts", ".cts", ".tsx", ".js", ".mjs", ".cjs"];
    if script.iter().any(|ext| name.ends_with(ext)) && !name.ends_with(".d.ts") {
        return Some(FileKind::TypeScript);
    }
    None
}

/// A cheap content check so that files that cannot declare a schema are never parsed.
fn worth_parsing(kind: FileKind, text: &str) -> bool {
    match kind {
        FileKind::Sql => {
            let probe = |needle: &[u8]| {
                text.as_bytes()
                    .windows(needle.len())
                    .any(|w| w.eq_ignore_ascii_case(needle))
            };
            probe(b"CREATE") || probe(b"ALTER") || probe(b"DROP") || probe(b"RENAME")
        }
        FileKind::DrizzleJournal => true,
        FileKind::DrizzleSnapshot => text.contains("\"prevId"),
        FileKind::Python => {
            let needles = [
                "sqlalchemy",
                "sqlmodel",
                "alembic",
                "flask_sqlalchemy",
                "target_metadata",
                "__tablename__",
                // An Alembic merge revision whose unused imports a linter removed.
                "down_revision",
            ];
            needles.iter().any(|n| text.contains(n))
        }
        FileKind::TypeScript => text.contains("drizzle"),
    }
}

/// A cheap content check for SQL written in application code (`select` … `from` and the like).
fn may_hold_queries(kind: FileKind, text: &str) -> bool {
    matches!(kind, FileKind::Python | FileKind::TypeScript)
        && crate::extract::embedded_sql::mentions_sql(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_by_name() {
        assert_eq!(
            classify_by_name(Path::new("db/schema.sql")),
            Some(FileKind::Sql)
        );
        assert_eq!(
            classify_by_name(Path::new("drizzle/meta/_journal.json")),
            Some(FileKind::DrizzleJournal)
        );
        assert_eq!(classify_by_name(Path::new("drizzle/_journal.json")), None);
        assert_eq!(classify_by_name(Path::new("README.md")), None);
    }

    #[test]
    fn test_code_is_recognised() {
        for path in [
            "tests/test_models.py",
            "app/tests/pg/default/alter.sql",
            "src/__tests__/schema.ts",
            "src/db/schema.test.ts",
            "conftest.py",
            "app/models_test.py",
            "test/fixtures/users.sql",
        ] {
            assert!(is_test_path(path), "{path}");
        }
        for path in [
            "app/models.py",
            "src/testimonials.ts",
            "latest/schema.sql",
            "contest.py",
        ] {
            assert!(!is_test_path(path), "{path}");
        }
        assert!(is_example_path("internal_docs/vignettes/models.py"));
        assert!(is_example_path("examples/blog/schema.ts"));
        assert!(!is_example_path("src/documents/models.py"));
    }

    #[test]
    fn templated_sql_and_bundles_are_recognised() {
        assert!(is_sql_template("SELECT * FROM {{ conn|qtIdent(name) }};"));
        assert!(is_sql_template(
            "{% if data %}CREATE TABLE x ();{% endif %}"
        ));
        assert!(!is_sql_template("CREATE TABLE x (doc jsonb DEFAULT '{}');"));
        assert!(is_generated_script("app.min.js", "x"));
        assert!(is_generated_script("app.js", &"a;".repeat(4_000)));
        assert!(!is_generated_script("schema.ts", "export const x = 1;\n"));
    }

    #[test]
    fn files_without_ddl_are_not_parsed() {
        assert!(worth_parsing(FileKind::Sql, "create table x (id int);"));
        assert!(!worth_parsing(FileKind::Sql, "SELECT 1;"));
    }

    #[test]
    fn alembic_merge_revisions_without_imports_are_parsed() {
        let merge = "revision = \"8f2d\"\ndown_revision = (\"0b7d\", \"c4a9\")\n\ndef upgrade():\n    pass\n";
        assert!(worth_parsing(FileKind::Python, merge));
        assert!(!worth_parsing(
            FileKind::Python,
            "def main():\n    print('hi')\n"
        ));
    }
}
