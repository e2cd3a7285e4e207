//! Word sets for the extractors: space-separated lists read once into hash sets with a fast
//! hash (FNV-1a), since they are looked up for nearly every token.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// FNV-1a: word lists are looked up for nearly every token, and these keys are short and fixed.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

pub type FastSet<T> = HashSet<T, BuildHasherDefault<Fnv>>;
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// For keys that are hashes already.
#[derive(Default)]
pub struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub type HashedSet = HashSet<u64, BuildHasherDefault<Identity>>;

/// A set of words read from a space-separated list.
pub struct Words(pub LazyLock<FastSet<&'static str>>);

impl Words {
    pub fn has(&self, word: &str) -> bool {
        self.0.contains(word)
    }
}

macro_rules! words {
    ($list:expr) => {
        $crate::derive::words::Words(std::sync::LazyLock::new(|| $list.split_whitespace().collect()))
    };
}
pub(crate) use words;

/// `written:name` pairs from a space-separated list; `_` stands for a space.
pub fn pairs(list: &'static str) -> FastMap<String, String> {
    list.split_whitespace()
        .filter_map(|pair| pair.rsplit_once(':'))
        .map(|(written, name)| (written.replace('_', " "), name.replace('_', " ")))
        .collect()
}

/// `word` in ASCII lower case, in `buffer` (empty when the buffer is too short).
pub fn ascii_lower<'b>(word: &str, buffer: &'b mut [u8]) -> &'b str {
    let Some(out) = buffer.get_mut(..word.len()) else {
        return "";
    };
    out.copy_from_slice(word.as_bytes());
    out.make_ascii_lowercase();
    // Lowering ASCII letters keeps UTF-8 valid.
    std::str::from_utf8(out).unwrap_or("")
}
