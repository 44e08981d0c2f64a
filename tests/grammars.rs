//! Every tree-sitter query in `grammars/` compiles against its language(s), uses only the
//! capture names its extractor reads, and is documented in `grammars/README.md`. Query files are
//! named `<language>-<subject>.scm`: the TypeScript ones are registered below with their
//! extractor's vocabulary; the Python ones are embedded by the Python extractor and checked
//! against its vocabulary by the tests at the end.

use schemadrift::extract::drizzle::query;
use schemadrift::extract::embedded_sql::typescript as typescript_sql;
use schemadrift::extract::python::query::{Capture, GRAMMARS, Grammar, language};
use std::path::{Path, PathBuf};
use tree_sitter::Language;

/// A query file, the languages it is compiled for, and its capture vocabulary.
struct Registered {
    file: &'static str,
    languages: Vec<Language>,
    vocabulary: &'static [&'static str],
}

/// A query file compiled for TypeScript and TSX.
fn typescript(file: &'static str, vocabulary: &'static [&'static str]) -> Registered {
    Registered {
        file,
        languages: vec![
            tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            tree_sitter_typescript::LANGUAGE_TSX.into(),
        ],
        vocabulary,
    }
}

/// Every query file must be registered here.
fn registered() -> Vec<Registered> {
    vec![
        typescript("typescript-drizzle.scm", query::CAPTURES),
        typescript("typescript-drizzle-calls.scm", query::CALLS_CAPTURES),
        typescript("typescript-drizzle-config.scm", query::CONFIG_CAPTURES),
        typescript("typescript-drizzle-commonjs.scm", query::COMMONJS_CAPTURES),
        typescript("typescript-sql.scm", typescript_sql::CAPTURES),
    ]
}

fn grammars_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("grammars")
}

fn query_files() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(grammars_dir())
        .expect("grammars/ exists")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".scm"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_query_compiles_for_its_languages_with_its_vocabulary() {
    let registered = registered();
    let files = query_files();
    assert!(!files.is_empty(), "grammars/ holds the queries");
    for file in files.iter().filter(|f| !f.starts_with("python-")) {
        let entry = registered
            .iter()
            .find(|r| r.file == file)
            .unwrap_or_else(|| panic!("grammars/{file} is not registered in tests/grammars.rs"));
        let source = std::fs::read_to_string(grammars_dir().join(file)).unwrap();
        for language in &entry.languages {
            if let Err(error) = query::compile(language, &source, entry.vocabulary) {
                panic!("grammars/{file}: {error}");
            }
        }
    }
    for entry in &registered {
        assert!(
            files.iter().any(|f| f == entry.file),
            "{} is registered but not in grammars/",
            entry.file
        );
    }
}

#[test]
fn every_vocabulary_name_is_used_and_documented() {
    let readme = std::fs::read_to_string(grammars_dir().join("README.md")).unwrap();
    for entry in registered() {
        let source = std::fs::read_to_string(grammars_dir().join(entry.file)).unwrap();
        let section = readme
            .split("\n## ")
            .find(|s| s.starts_with(entry.file))
            .unwrap_or_else(|| panic!("grammars/README.md has no section for {}", entry.file));
        for name in entry.vocabulary {
            let capture = format!("@{name}");
            assert!(
                source
                    .split(|c: char| c.is_whitespace() || c == ')')
                    .any(|w| w == capture),
                "{} never uses {capture}",
                entry.file
            );
            assert!(
                section.contains(&format!("`{capture}`")),
                "grammars/README.md does not document {capture} of {}",
                entry.file
            );
        }
    }
}

#[test]
fn unknown_capture_names_are_rejected_with_the_allowed_list() {
    let language: Language = tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into();
    let error = query::compile(&language, "(identifier) @tabel", query::CAPTURES).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("@tabel"), "{message}");
    assert!(message.contains("declaration.name"), "{message}");
    // Predicate-only captures are allowed.
    query::compile(
        &language,
        r#"((identifier) @_name (#eq? @_name "drizzle"))"#,
        query::CAPTURES,
    )
    .unwrap();
}

// Python queries: embedded by src/extract/python/query.rs.

fn grammar_files() -> Vec<(String, String)> {
    let dir = grammars_dir();
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("grammars/ exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "scm"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_python_grammar_compiles_with_the_capture_vocabulary() {
    let files = grammar_files();
    let python: Vec<&(String, String)> = files
        .iter()
        .filter(|(n, _)| n.starts_with("python-"))
        .collect();
    assert!(!python.is_empty(), "grammars/python-*.scm exist");
    for (name, source) in python {
        if let Err(error) = Grammar::compile(name, &language(), source) {
            panic!("{error}");
        }
    }
}

#[test]
fn every_grammar_file_is_for_a_known_language() {
    for (name, _) in grammar_files() {
        let known = ["python-", "typescript-", "sql-"];
        assert!(
            known.iter().any(|prefix| name.starts_with(prefix)),
            "{name}: a grammar file is named <language>-<subject>.scm, with a language of {known:?}"
        );
    }
}

#[test]
fn built_in_grammars_are_the_files_on_disk() {
    let files = grammar_files();
    for (name, source) in GRAMMARS {
        let on_disk = files
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("{name} is embedded but not in grammars/"));
        assert_eq!(&on_disk.1, source, "{name}");
    }
    for (name, _) in files.iter().filter(|(n, _)| n.starts_with("python-")) {
        assert!(
            GRAMMARS.iter().any(|(n, _)| n == name),
            "{name} is in grammars/ but not embedded"
        );
    }
}

#[test]
fn every_capture_of_the_vocabulary_is_used_and_documented() {
    let files = grammar_files();
    let readme = std::fs::read_to_string(grammars_dir().join("README.md"))
        .expect("grammars/README.md documents the captures");
    for name in Capture::NAMES {
        let used = files
            .iter()
            .any(|(n, s)| n.starts_with("python-") && s.contains(&format!("@{name}")));
        assert!(
            used,
            "@{name} is in the vocabulary but no python grammar uses it"
        );
        assert!(
            readme.contains(&format!("`@{name}`")),
            "@{name} is not documented in grammars/README.md"
        );
    }
}

#[test]
fn unknown_python_captures_are_rejected_with_the_allowed_names() {
    let error = Grammar::compile(
        "bad.scm",
        &language(),
        "(class_definition name: (identifier) @klass)",
    )
    .unwrap_err();
    let message = error.to_string();
    assert!(
        message.contains("@klass") && message.contains("@class.name"),
        "{message}"
    );
}
