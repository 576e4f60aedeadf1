//! Unit tests (fixtures are our own sentences).

use super::*;

pub(super) fn find<'a>(cs: &'a [Candidate], surface: &str) -> &'a Candidate {
    cs.iter().find(|c| c.surface == surface).unwrap_or_else(|| {
        panic!(
            "no candidate {surface:?} in {:?}",
            cs.iter().map(|c| &c.surface).collect::<Vec<_>>()
        )
    })
}

fn num(c: &Candidate) -> String {
    c.value.as_ref().map(|v| v.to_string()).unwrap_or_default()
}

#[test]
fn smoke() {
    let t = "The coast guard said it sent two cutters and more than 1,200 sailors to the strait.";
    let cs = extract(t);
    let c = find(&cs, "1,200");
    assert_eq!(num(c), "1200");
    assert_eq!(c.unit.as_deref(), Some("person"));
    assert_eq!(c.approx, Approx::MoreThan);
}
