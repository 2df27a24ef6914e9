//! The edits between two sequences (longest common subsequence), with a removal followed by an
//! addition at the same place read as one change: `["A", "B"]` → `["A", "C"]` is « B → C ».

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Edit<'a, T> {
    Same(&'a T),
    Removed(&'a T),
    Added(&'a T),
    Changed(&'a T, &'a T),
}

/// Above this many cells the table is not built: everything is read as replaced.
const MAX_CELLS: usize = 4_000_000;

pub(crate) fn edits<'a, T: PartialEq>(old: &'a [T], new: &'a [T]) -> Vec<Edit<'a, T>> {
    // Common prefix and suffix first: most edits are local.
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (o, n) = (
        &old[prefix..old.len() - suffix],
        &new[prefix..new.len() - suffix],
    );
    let mut raw: Vec<Edit<'a, T>> = old[..prefix].iter().map(Edit::Same).collect();
    if o.len().saturating_mul(n.len()) > MAX_CELLS {
        raw.extend(o.iter().map(Edit::Removed));
        raw.extend(n.iter().map(Edit::Added));
    } else {
        // lcs[i][j]: length of the LCS of o[i..] and n[j..].
        let w = n.len() + 1;
        let mut lcs = vec![0u32; (o.len() + 1) * w];
        for i in (0..o.len()).rev() {
            for j in (0..n.len()).rev() {
                lcs[i * w + j] = if o[i] == n[j] {
                    lcs[(i + 1) * w + j + 1] + 1
                } else {
                    lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < o.len() || j < n.len() {
            if i < o.len() && j < n.len() && o[i] == n[j] {
                raw.push(Edit::Same(&o[i]));
                i += 1;
                j += 1;
            } else if j < n.len() && (i == o.len() || lcs[i * w + j + 1] >= lcs[(i + 1) * w + j]) {
                raw.push(Edit::Added(&n[j]));
                j += 1;
            } else {
                raw.push(Edit::Removed(&o[i]));
                i += 1;
            }
        }
    }
    raw.extend(old[old.len() - suffix..].iter().map(Edit::Same));
    pair(raw)
}

/// Within each run of removals and additions, pairs them up in order as changes.
fn pair<'a, T>(raw: Vec<Edit<'a, T>>) -> Vec<Edit<'a, T>> {
    let mut out = Vec::with_capacity(raw.len());
    let mut removed = Vec::new();
    let mut added = Vec::new();
    let flush = |out: &mut Vec<Edit<'a, T>>, removed: &mut Vec<&'a T>, added: &mut Vec<&'a T>| {
        let paired = removed.len().min(added.len());
        for k in 0..paired {
            out.push(Edit::Changed(removed[k], added[k]));
        }
        out.extend(removed[paired..].iter().map(|r| Edit::Removed(*r)));
        out.extend(added[paired..].iter().map(|a| Edit::Added(*a)));
        removed.clear();
        added.clear();
    };
    for e in raw {
        match e {
            Edit::Removed(r) => removed.push(r),
            Edit::Added(a) => added.push(a),
            other => {
                flush(&mut out, &mut removed, &mut added);
                out.push(other);
            }
        }
    }
    flush(&mut out, &mut removed, &mut added);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(old: &[&str], new: &[&str]) -> String {
        edits(old, new)
            .iter()
            .map(|e| match e {
                Edit::Same(a) => format!("={a}"),
                Edit::Removed(a) => format!("-{a}"),
                Edit::Added(a) => format!("+{a}"),
                Edit::Changed(a, b) => format!("{a}>{b}"),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn replacements_additions_and_removals() {
        assert_eq!(show(&["a", "b", "c"], &["a", "x", "c"]), "=a b>x =c");
        assert_eq!(show(&["a", "b"], &["a", "b", "c"]), "=a =b +c");
        assert_eq!(show(&["a", "b", "c"], &["a", "c"]), "=a -b =c");
        assert_eq!(show(&[], &["a"]), "+a");
        assert_eq!(
            show(&["a", "b", "c", "d"], &["b", "c", "d", "a"]),
            "-a =b =c =d +a"
        );
    }
}
