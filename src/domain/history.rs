//! One line of a claim's history as members read it: who changed what, from what to what.

use chrono::NaiveDateTime;

/// The API answers it as `EventOut` (a stale change's `changes`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, utoipa::ToSchema)]
#[schema(as = EventOut)]
pub struct HistoryLine {
    #[serde(with = "super::utc")]
    pub at: NaiveDateTime,
    /// Who did it; `None` for the system.
    pub who: Option<String>,
    /// The stored action word (`status`, `citation_added`…).
    pub action: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

impl HistoryLine {
    /// The time as pages show it.
    pub fn when(&self) -> String {
        self.at.format("%Y-%m-%d %H:%M UTC").to_string()
    }

    pub fn actor(&self) -> &str {
        self.who.as_deref().unwrap_or("system")
    }

    /// The action in words ("citation added").
    pub fn what(&self) -> String {
        self.action.replace('_', " ")
    }
}
