//! Every tree-sitter query in `grammars/` compiles against its language(s), uses only the
//! capture names its extractor reads, and is documented in `grammars/README.md`.

use schemadrift::extract::drizzle::query;
use std::path::{Path, PathBuf};
use tree_sitter::Language;

/// A query file, the languages it is compiled for, and its capture vocabulary.
struct Registered {
    file: &'static str,
    languages: Vec<Language>,
    vocabulary: &'static [&'static str],
}

/// Every query file must be registered here.
fn registered() -> Vec<Registered> {
    vec![Registered {
        file: "typescript-drizzle.scm",
        languages: vec![
            tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            tree_sitter_typescript::LANGUAGE_TSX.into(),
        ],
        vocabulary: query::CAPTURES,
    }]
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
    for file in &files {
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
