//! Stable sorting through one compiled sort.
//!
//! `slice::sort_by` is compiled again for every element type and every comparison
//! closure: in the shipped build that was about forty copies of the standard
//! library's sort. These functions sort positions (`usize`) with one comparison
//! behind `dyn`, so the sort itself exists once, and then move the elements into
//! that order. The order is the same as `sort_by`'s: stable, equal elements keep
//! their relative order.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, stably.
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let order = positions(items.len(), &|a, b| compare(&items[a], &items[b]));
    arrange(items, order);
}

/// Sorts `items` by the key `key` gives each of them, stably.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The positions `0..len` in the order `compare` gives them, stably.
fn positions(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Moves the elements so that position `i` holds what was at `order[i]`, one
/// cycle of the permutation at a time.
fn arrange<T>(items: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..items.len() {
        let mut at = start;
        while order[at] != DONE {
            let from = order[at];
            order[at] = DONE;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_like_the_standard_sort() {
        let words = ["pear", "fig", "apple", "kiwi", "date", "plum", "lime", ""];
        let mut ours: Vec<&str> = words.to_vec();
        let mut theirs = ours.clone();
        sort_by_key(&mut ours, |w| w.len());
        theirs.sort_by_key(|w| w.len());
        assert_eq!(ours, theirs);
        assert_eq!(ours, ["", "fig", "pear", "kiwi", "date", "plum", "lime", "apple"]);
        sort_by(&mut ours, |a, b| b.cmp(a));
        assert_eq!(ours, ["plum", "pear", "lime", "kiwi", "fig", "date", "apple", ""]);
    }

    #[test]
    fn any_permutation_comes_out_sorted() {
        // Every order of five distinct numbers, by Heap's algorithm.
        fn each(k: usize, a: &mut [u8], seen: &mut usize) {
            if k == 1 {
                let mut ours = a.to_vec();
                sort_by_key(&mut ours, |n| *n);
                assert_eq!(ours, [1, 2, 3, 4, 5], "from {a:?}");
                *seen += 1;
                return;
            }
            for i in 0..k - 1 {
                each(k - 1, a, seen);
                a.swap(if k.is_multiple_of(2) { i } else { 0 }, k - 1);
            }
            each(k - 1, a, seen);
        }
        let mut seen = 0;
        each(5, &mut [5, 3, 1, 4, 2], &mut seen);
        assert_eq!(seen, 120);
    }

    #[test]
    fn an_empty_or_single_list_stays_as_it_is() {
        let mut none: Vec<u8> = Vec::new();
        sort_by_key(&mut none, |n| *n);
        assert!(none.is_empty());
        let mut one = vec![String::from("only")];
        sort_by(&mut one, |a, b| a.cmp(b));
        assert_eq!(one, ["only"]);
    }
}
