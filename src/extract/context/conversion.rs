//! Conversions: a money mention restated in another currency right after the first one
//! ("$50 million (approximately 62.3 billion won)"), or a measure in another unit of the same
//! dimension ("120 km (75 miles)").

use super::score::is_money;
use crate::extract::quantity::{Kind, Mention};
use crate::extract::text::Doc;
use rust_decimal::Decimal;

fn dimension(u: &str) -> Option<u8> {
    Some(match u {
        "km" | "mi" | "nmi" | "m" | "cm" | "mm" | "ft" | "in" | "yd" => 1,
        "km2" | "mi2" | "ha" | "acre" | "m2" | "ft2" => 2,
        "kg" | "g" | "t" | "lb" => 3,
        "L" | "bbl" | "m3" | "ft3" => 4,
        "degC" | "degF" => 5,
        "km/h" | "mph" | "knot" => 6,
        _ => return None,
    })
}

/// For each mention, the index of the mention it restates: the one right before it in the same
/// sentence, of the same dimension but another unit, joined by "(", "or", "equivalent to",
/// "about"...
pub(super) fn link(d: &Doc, ms: &[Mention]) -> Vec<Option<usize>> {
    let mut conv: Vec<Option<usize>> = vec![None; ms.len()];
    for b in 1..ms.len() {
        let a = b - 1;
        let (ma, mb) = (&ms[a], &ms[b]);
        if ma.sent != mb.sent
            || ma.kind != Kind::Quantity
            || mb.kind != Kind::Quantity
            || ma.t1 > mb.h0
        {
            continue;
        }
        let (ua, ub) = match (ma.unit, mb.unit) {
            (Some(x), Some(y)) => (x, y),
            _ => continue,
        };
        let same_dim = (is_money(ua) && is_money(ub))
            || (dimension(ua).is_some() && dimension(ua) == dimension(ub));
        if !same_dim || ua == ub {
            continue;
        }
        let gap = mb.h0 - ma.t1;
        if gap > 4 {
            continue;
        }
        let mut marker = false;
        let mut ok = true;
        for k in ma.t1..mb.h0 {
            match d.sym(k) {
                Some('(' | '[') => marker = true,
                Some(',' | '/') => {}
                Some(_) => ok = false,
                None => {
                    let w = d.lw(k);
                    if matches!(w, "or" | "equivalent" | "equal" | "worth") {
                        marker = true;
                    } else if !matches!(
                        w,
                        "to" | "about" | "roughly" | "some" | "nearly" | "around"
                    ) {
                        ok = false;
                    }
                }
            }
        }
        if ok && marker {
            conv[b] = Some(a);
        }
    }
    conv
}

/// `value / first.value`, rounded to 6 significant digits: the rate a conversion implies.
pub(super) fn implied_rate(first: &Mention, restated: &Mention) -> Option<Decimal> {
    let (va, vb) = (first.num()?, restated.num()?);
    if va.is_zero() {
        return None;
    }
    vb.checked_div(va)
        .and_then(|r| r.round_sf(6))
        .map(|r| r.normalize())
}

#[cfg(test)]
mod tests {
    use crate::extract::extract;

    #[test]
    fn a_restated_amount_links_to_the_first_with_its_rate() {
        let cs = extract("It offered $50 million (approximately 62.3 billion won) for him.");
        let won = crate::extract::tests::find(&cs, "62.3 billion won");
        assert_eq!(won.conversion_of, Some(0));
        assert_eq!(
            won.implied_rate.map(|r| r.to_string()).as_deref(),
            Some("1246")
        );
        let cs = extract("The road is 120 km (75 miles) long.");
        assert_eq!(
            crate::extract::tests::find(&cs, "75 miles").conversion_of,
            Some(0)
        );
    }

    #[test]
    fn two_amounts_in_one_unit_or_far_apart_are_not_conversions() {
        let cs = extract("It paid $5 million and then $7 million more.");
        assert!(cs.iter().all(|c| c.conversion_of.is_none()));
    }
}
