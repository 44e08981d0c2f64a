//! Every tree-sitter query in `grammars/` compiles against its language, and uses only the
//! capture names of the fixed vocabulary (`_`-prefixed names only feed predicates). A grammar
//! file is named `<language>-<subject>.scm`; the language prefix picks the parser.

use schemadrift::extract::python::query::{Capture, GRAMMARS, Grammar, language};
use std::path::Path;

fn grammar_files() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("grammars");
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
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("grammars/README.md"))
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
fn unknown_captures_are_rejected_with_the_allowed_names() {
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
