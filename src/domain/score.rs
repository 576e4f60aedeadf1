//! A claim's check-worthiness score as stored: from 0 to 1 in thousandths.

/// A claim's check-worthiness score: from 0 to 1, kept to thousandths. The queue's default order
/// is by score, and SQLite's full-text index numbers each claim by its score in thousandths
/// (`thousandths`, migration 000150), so that a search's page comes straight from the index in
/// that order: the two agree only if no stored score has more digits than the index keeps.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Score(f64);

impl Score {
    /// The score nearest `raw` that can be stored: clamped to 0..=1 (not-a-number is 0) and rounded
    /// to thousandths.
    pub fn new(raw: f64) -> Score {
        Score(f64::from(Score::thousandths_of(raw)) / 1000.0)
    }

    pub fn get(self) -> f64 {
        self.0
    }

    /// The score in thousandths, 0..=1000: what the full-text index's row ids carry.
    pub fn thousandths(self) -> u16 {
        Score::thousandths_of(self.0)
    }

    fn thousandths_of(raw: f64) -> u16 {
        let clamped = if raw.is_nan() {
            0.0
        } else {
            raw.clamp(0.0, 1.0)
        };
        // 0..=1000 after the clamp, so the cast cannot truncate.
        (clamped * 1000.0).round() as u16
    }
}

#[cfg(test)]
mod tests {
    use super::Score;

    #[test]
    fn a_score_is_kept_to_thousandths_between_zero_and_one() {
        assert_eq!(Score::new(0.8).get(), 0.8);
        assert_eq!(Score::new(0.8004).get(), 0.8);
        assert_eq!(Score::new(0.8005).get(), 0.801);
        assert_eq!(Score::new(0.72 * 0.9).get(), 0.648);
        assert_eq!(Score::new(1.7).get(), 1.0);
        assert_eq!(Score::new(-0.2).get(), 0.0);
        assert_eq!(Score::new(f64::NAN).get(), 0.0);
        assert_eq!(Score::new(0.285).thousandths(), 285);
        assert_eq!(Score::new(1.0).thousandths(), 1000);
    }

    #[test]
    fn thousandths_keep_the_order_of_scores() {
        let scores: Vec<Score> = (0..=1000)
            .map(|k| Score::new(f64::from(k) / 1000.0))
            .collect();
        for pair in scores.windows(2) {
            assert!(pair[0].get() < pair[1].get());
            assert_eq!(pair[0].thousandths() + 1, pair[1].thousandths());
            assert_eq!(
                Score::new(pair[0].get()),
                pair[0],
                "stored as it reads back"
            );
        }
    }
}
