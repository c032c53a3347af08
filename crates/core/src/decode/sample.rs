//! Random valid values of the content types, for the property tests that keep
//! the decoder in step with serde (`decode/agreement.rs`).
//!
//! `#[content_type]` implements [`Sample`] for every content type from its field
//! list; the building blocks are here. Collections are kept short (up to three
//! items) so that a whole statement stays small.

use std::collections::BTreeMap;
use std::fmt::Debug;

use proptest::prelude::*;

/// A type with a strategy for random valid values.
pub trait Sample: Sized + Debug + 'static {
    /// The strategy.
    fn sample() -> BoxedStrategy<Self>;
}

/// Up to this many items in a list or a map.
const MOST: usize = 3;

impl Sample for String {
    fn sample() -> BoxedStrategy<Self> {
        // Any characters, accents, emoji and controls included.
        proptest::collection::vec(any::<char>(), 0..8).prop_map(String::from_iter).boxed()
    }
}

impl Sample for u32 {
    fn sample() -> BoxedStrategy<Self> {
        any::<u32>().boxed()
    }
}

impl Sample for u64 {
    fn sample() -> BoxedStrategy<Self> {
        any::<u64>().boxed()
    }
}

impl Sample for bool {
    fn sample() -> BoxedStrategy<Self> {
        any::<bool>().boxed()
    }
}

impl<T: Sample> Sample for Option<T> {
    fn sample() -> BoxedStrategy<Self> {
        proptest::option::of(T::sample()).boxed()
    }
}

impl<T: Sample> Sample for Vec<T> {
    fn sample() -> BoxedStrategy<Self> {
        proptest::collection::vec(T::sample(), 0..=MOST).boxed()
    }
}

impl<T: Sample> Sample for BTreeMap<String, T> {
    fn sample() -> BoxedStrategy<Self> {
        proptest::collection::btree_map(String::sample(), T::sample(), 0..=MOST).boxed()
    }
}
