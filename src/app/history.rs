//! The jump list: where the reader was before each jump, to go back and forward as in a browser.

/// A place in the corpus: a brief and a passage (block) in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub brief: usize,
    pub block: usize,
}

/// The most places remembered each way.
const LIMIT: usize = 200;

#[derive(Debug, Clone, Default)]
pub struct History {
    back: Vec<Location>,
    forward: Vec<Location>,
}

impl History {
    /// A jump from `here` to `there`: `here` can be gone back to; the way forward is forgotten.
    pub fn jumped(&mut self, here: Location, there: Location) {
        if here == there {
            return;
        }
        self.back.push(here);
        if self.back.len() > LIMIT {
            self.back.remove(0);
        }
        self.forward.clear();
    }

    /// Where going back from `here` leads, remembering `here` to go forward to.
    pub fn back(&mut self, here: Location) -> Option<Location> {
        let to = self.back.pop()?;
        self.forward.push(here);
        Some(to)
    }

    /// Where going forward from `here` leads, remembering `here` to go back to.
    pub fn forward(&mut self, here: Location) -> Option<Location> {
        let to = self.forward.pop()?;
        self.back.push(here);
        Some(to)
    }

    /// After the corpus was read again: each place's brief as `index` maps it now; places whose
    /// brief is gone are forgotten.
    pub fn remap(&mut self, index: impl Fn(usize) -> Option<usize>) {
        for list in [&mut self.back, &mut self.forward] {
            *list = list
                .iter()
                .filter_map(|l| {
                    Some(Location {
                        brief: index(l.brief)?,
                        block: l.block,
                    })
                })
                .collect();
        }
    }

    pub fn can_go_back(&self) -> bool {
        !self.back.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(brief: usize, block: usize) -> Location {
        Location { brief, block }
    }

    #[test]
    fn back_and_forward_retrace_jumps_and_a_new_jump_forgets_forward() {
        let mut h = History::default();
        h.jumped(at(0, 0), at(1, 5));
        h.jumped(at(1, 5), at(2, 3));
        assert_eq!(h.back(at(2, 3)), Some(at(1, 5)));
        assert_eq!(h.back(at(1, 5)), Some(at(0, 0)));
        assert_eq!(h.back(at(0, 0)), None);
        assert_eq!(h.forward(at(0, 0)), Some(at(1, 5)));
        h.jumped(at(1, 5), at(4, 1));
        assert_eq!(h.forward(at(4, 1)), None, "a new jump clears the way forward");
        h.jumped(at(4, 1), at(4, 1));
        assert_eq!(h.back(at(4, 1)), Some(at(1, 5)), "staying put is not a jump");
    }
}
