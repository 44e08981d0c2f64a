//! Pairs tables and columns across two schemas: by exact stored name, then by the same words in
//! another case convention (`userId` ~ `user_id`), then by singular/plural (`meeting` ~
//! `meetings`). Lookups are hashed, so pairing stays linear in the number of tables.

use crate::model::naming::{singular_plural, snake_case};
use crate::model::{Column, Dialect, Schema, Table};
use std::collections::HashMap;

/// How two names were found to denote the same object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    Exact,
    /// Same words, other case convention.
    Case,
    /// Singular in one, plural in the other.
    Plural,
}

pub struct TablePairs<'a> {
    pub pairs: Vec<(&'a Table, &'a Table, Match)>,
    pub only_left: Vec<&'a Table>,
    pub only_right: Vec<&'a Table>,
}

fn fold(dialect: Dialect, name: &str) -> String {
    match dialect {
        Dialect::Postgres => name.to_string(),
        Dialect::Mysql | Dialect::Sqlite => name.to_lowercase(),
    }
}

/// The singular of a snake_case name's last word (`meeting_transcripts` → `meeting_transcript`).
fn singular_key(name: &str) -> String {
    let snake = snake_case(name);
    match snake.rfind('_') {
        Some(i) => format!(
            "{}_{}",
            &snake[..i],
            pluralizer::pluralize(&snake[i + 1..], 1, false)
        ),
        None => pluralizer::pluralize(&snake, 1, false),
    }
}

/// Pairs the tables of `left` with those of `right`. Each right table pairs at most once.
pub fn pair_tables<'a>(left: &'a Schema, right: &'a Schema) -> TablePairs<'a> {
    let dialect = right.dialect;
    let key = |t: &Table, name: String| (t.schema.clone(), name);
    let exact: HashMap<(Option<String>, String), &Table> = right
        .tables
        .values()
        .map(|t| (key(t, fold(dialect, &t.name.stored)), t))
        .collect();

    let mut taken: std::collections::HashSet<*const Table> = Default::default();
    let mut pairs = Vec::new();
    let mut pending = Vec::new();
    // Exact names first, for every table, so that a fuzzy match never steals an exact partner.
    for l in left.tables.values() {
        match exact.get(&key(l, fold(dialect, &l.name.stored))) {
            Some(r) if taken.insert(*r as *const Table) => pairs.push((l, *r, Match::Exact)),
            _ => pending.push(l),
        }
    }
    let mut only_left = Vec::new();
    if !pending.is_empty() {
        // The fuzzy indexes cost a singular form per table: built only when some table has no
        // exact partner.
        let mut by_case: HashMap<(Option<String>, String), Vec<&Table>> = HashMap::new();
        let mut by_singular: HashMap<(Option<String>, String), Vec<&Table>> = HashMap::new();
        for t in right
            .tables
            .values()
            .filter(|t| !taken.contains(&(*t as *const Table)))
        {
            by_case
                .entry(key(t, snake_case(&t.name.stored)))
                .or_default()
                .push(t);
            by_singular
                .entry(key(t, singular_key(&t.name.stored)))
                .or_default()
                .push(t);
        }
        for l in pending {
            let case = by_case
                .get(&key(l, snake_case(&l.name.stored)))
                .and_then(|c| c.iter().find(|r| !taken.contains(&(**r as *const Table))));
            if let Some(r) = case {
                taken.insert(*r as *const Table);
                pairs.push((l, *r, Match::Case));
                continue;
            }
            let plural = by_singular
                .get(&key(l, singular_key(&l.name.stored)))
                .and_then(|c| {
                    c.iter().find(|r| {
                        !taken.contains(&(**r as *const Table))
                            && singular_plural(&l.name.stored, &r.name.stored)
                    })
                });
            if let Some(r) = plural {
                taken.insert(*r as *const Table);
                pairs.push((l, *r, Match::Plural));
                continue;
            }
            only_left.push(l);
        }
    }
    let only_right = right
        .tables
        .values()
        .filter(|r| !taken.contains(&(*r as *const Table)))
        .collect();
    TablePairs {
        pairs,
        only_left,
        only_right,
    }
}

pub struct ColumnPairs<'a> {
    pub pairs: Vec<(&'a Column, &'a Column, Match)>,
    pub only_left: Vec<&'a Column>,
    pub only_right: Vec<&'a Column>,
}

/// Pairs columns of two tables: exact stored name, then the same words in another case.
pub fn pair_columns<'a>(dialect: Dialect, left: &'a Table, right: &'a Table) -> ColumnPairs<'a> {
    let mut taken = vec![false; right.columns.len()];
    let mut pairs = Vec::new();
    let mut pending = Vec::new();
    for l in &left.columns {
        let found =
            right.columns.iter().enumerate().find(|(i, r)| {
                !taken[*i] && dialect.same_identifier(&r.name.stored, &l.name.stored)
            });
        match found {
            Some((i, r)) => {
                taken[i] = true;
                pairs.push((l, r, Match::Exact));
            }
            None => pending.push(l),
        }
    }
    let mut only_left = Vec::new();
    for l in pending {
        let wanted = snake_case(&l.name.stored);
        let found = right
            .columns
            .iter()
            .enumerate()
            .find(|(i, r)| !taken[*i] && snake_case(&r.name.stored) == wanted);
        match found {
            Some((i, r)) => {
                taken[i] = true;
                pairs.push((l, r, Match::Case));
            }
            None => only_left.push(l),
        }
    }
    let only_right = right
        .columns
        .iter()
        .enumerate()
        .filter(|(i, _)| !taken[*i])
        .map(|(_, c)| c)
        .collect();
    ColumnPairs {
        pairs,
        only_left,
        only_right,
    }
}
