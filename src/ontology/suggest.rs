/// The candidate closest to `input` by edit distance (case-insensitive), if close enough to be a
/// plausible typo.
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let input = input.to_lowercase();
    let limit = (input.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|candidate| (edit_distance(&input, &candidate.to_lowercase()), candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min()
        .map(|(_, candidate)| candidate)
}

/// Edit distance over characters, a swap of two neighbours counting as one edit (optimal
/// string alignment): "sings" is one edit from "signs", as a typist sees it, and two from
/// "fines".
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    // Rows i - 2, i - 1 and i of the table, turned round after each row.
    let mut rows = [
        vec![0usize; width],
        (0..width).collect(),
        vec![0usize; width],
    ];
    for i in 1..=a.len() {
        let [before, previous, current] = &mut rows;
        current[0] = i;
        for j in 1..width {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j - 1] + cost)
                .min(previous[j] + 1)
                .min(current[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            current[j] = best;
        }
        rows.rotate_left(1);
    }
    rows[1][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_only() {
        let names = ["ownedBy", "owns", "operatedBy", "signs"];
        assert_eq!(closest("owndBy", names), Some("ownedBy"));
        assert_eq!(closest("OWNEDBY", names), Some("ownedBy"));
        assert_eq!(closest("sign", names), Some("signs"));
        assert_eq!(closest("acquires", names), None);
    }

    #[test]
    fn distance_counts_a_swap_of_neighbours_once() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("same", "same"), 0);
        assert_eq!(edit_distance("sings", "signs"), 1);
        assert_eq!(edit_distance("sings", "fines"), 2);
        assert_eq!(edit_distance("alph", "acme alpha"), 6);
        assert_eq!(edit_distance("ab", "ba"), 1);
        assert_eq!(closest("sings", ["fines", "signs"]), Some("signs"));
    }
}
