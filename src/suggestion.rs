//! "Vouliez-vous dire … ?": the closest known name by edit distance, accents and case ignored.

use crate::keyword::fold;

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let target = fold(word);
    let limit = (target.chars().count() / 3).clamp(1, 3);
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(&target, &fold(c)), c))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, c)| (d, c.len()))
        .map(|(_, c)| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn finds_typos_not_strangers() {
        assert_eq!(
            closest("periode", ["période", "signature"]),
            Some("période".into())
        );
        assert_eq!(
            closest("finacement", ["financement", "fiche"]),
            Some("financement".into())
        );
        assert_eq!(closest("zzz", ["période", "signature"]), None);
    }
}
