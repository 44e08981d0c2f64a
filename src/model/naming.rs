//! Name conversions used to pair objects whose names differ only by convention:
//! `userId` ~ `user_id`, `meeting` ~ `meetings`.

use heck::ToSnakeCase;

/// The snake_case form of an identifier (`userId` → `user_id`, `HTTPStatus` → `http_status`).
pub fn snake_case(name: &str) -> String {
    name.to_snake_case()
}

/// Whether two names are the same words in a different case convention.
pub fn same_words(a: &str, b: &str) -> bool {
    a != b && snake_case(a) == snake_case(b)
}

/// Whether one name is the singular or plural of the other (`category` ~ `categories`,
/// `person` ~ `people`), also when only the last word of a snake_case name differs.
pub fn singular_plural(a: &str, b: &str) -> bool {
    if a == b {
        return false;
    }
    let (a, b) = (snake_case(a), snake_case(b));
    let (a_head, a_last) = split_last_word(&a);
    let (b_head, b_last) = split_last_word(&b);
    if a_head != b_head || a_last == b_last {
        return false;
    }
    pluralizer::pluralize(a_last, 2, false) == b_last
        || pluralizer::pluralize(b_last, 2, false) == a_last
        || pluralizer::pluralize(a_last, 1, false) == b_last
        || pluralizer::pluralize(b_last, 1, false) == a_last
}

fn split_last_word(name: &str) -> (&str, &str) {
    match name.rfind('_') {
        Some(i) => (&name[..i], &name[i + 1..]),
        None => ("", name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_conventions() {
        assert_eq!(snake_case("userId"), "user_id");
        assert_eq!(snake_case("createdAt"), "created_at");
        assert!(same_words("userId", "user_id"));
        assert!(!same_words("user_id", "user_id"));
        assert!(!same_words("owner_id", "created_by"));
    }

    #[test]
    fn plurals() {
        assert!(singular_plural("meeting", "meetings"));
        assert!(singular_plural("meeting_transcript", "meeting_transcripts"));
        assert!(singular_plural("category", "categories"));
        assert!(singular_plural("person", "people"));
        assert!(singular_plural("child", "children"));
        assert!(singular_plural("client_profiles", "client_profile"));
        assert!(!singular_plural("meeting", "meeting"));
        assert!(!singular_plural("meeting", "greeting"));
        assert!(!singular_plural("user_meeting", "meetings"));
    }
}
