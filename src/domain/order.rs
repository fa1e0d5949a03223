//! Stable sorting through one compiled sort.
//!
//! `slice::sort_by` is compiled again for every element type and every comparison
//! closure: in the shipped build that was about forty copies of the standard
//! library's sort. These functions sort positions (`usize`) with one comparison
//! behind `dyn`, so the sort itself exists once, and then move the elements into
//! that order. The order is the same as `sort_by`'s: stable, equal elements keep
//! their relative order.
//!
//! Collecting into a `BTreeMap` or a `BTreeSet` sorts too (their `FromIterator`
//! sorts the items, then builds the tree): [`map_of`] and [`set_of`] insert one
//! at a time instead, with the tree's own code, which every map has anyway.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Sorts `items` by `compare`, stably.
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let order = positions(items.len(), &|a, b| compare(&items[a], &items[b]));
    arrange(items, order);
}

/// Sorts `items` by the key `key` gives each of them, stably.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in their own order, stably.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// The pairs as a map; of pairs with the same key, the last one's value stays
/// (as `collect` keeps it).
pub fn map_of<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    map.extend(pairs);
    map
}

/// The items as a set.
pub fn set_of<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    set.extend(items);
    set
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
    fn maps_and_sets_hold_what_collect_gives() {
        let pairs = [("b", 1), ("a", 2), ("b", 3), ("c", 4)];
        assert_eq!(map_of(pairs), pairs.into_iter().collect::<BTreeMap<_, _>>());
        assert_eq!(map_of(pairs)["b"], 3, "the last value of a key stays");
        let words = ["pear", "fig", "pear", "apple"];
        assert_eq!(set_of(words), words.into_iter().collect::<BTreeSet<_>>());
        let mut numbers = [3, 1, 2, 1];
        sort(&mut numbers);
        assert_eq!(numbers, [1, 1, 2, 3]);
    }

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
