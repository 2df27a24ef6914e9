//! French typography as the tests check it in what users read (the guide, the command line's
//! lines and help): where a no-break space is wanted and an ordinary one stands.

/// The places in a text where French typography wants a no-break space and has an ordinary one.
pub fn faults(prose: &str) -> Vec<String> {
    let chars: Vec<char> = prose.chars().collect();
    let mut faults = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let fault = match c {
            '«' => after == Some(' '),
            '»' => before == Some(' '),
            // Before a punctuation mark ending a clause (not inside a URL or a time: « 10:30 »).
            ';' | ':' | '!' | '?' => {
                before == Some(' ') && after.is_none_or(|a| a.is_whitespace() || a == ')')
            }
            '€' => before == Some(' '),
            _ => false,
        };
        if fault {
            let start = i.saturating_sub(20);
            faults.push(chars[start..(i + 10).min(chars.len())].iter().collect());
        }
    }
    faults
}
