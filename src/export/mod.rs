//! Verdicts out: the CSV writer shared by the web export and `claimdesk export`.

pub mod claimreview;
pub mod csv;
