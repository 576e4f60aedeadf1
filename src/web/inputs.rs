//! What a claim change sends, as the claim page's forms and the JSON API both send it: one request
//! shape per change, read by the one body reader (urlencoded or JSON), and parsed once into domain
//! types. Fields are optional at this level (a missing `Option` is `None`) so that a missing one is
//! refused by the parse with its name, on pages and in JSON alike. Numbers may come as JSON numbers
//! or as form text.

use serde::{Deserialize, Deserializer};
use utoipa::ToSchema;

use crate::domain::{
    parse_version, AssignTo, CitationDraft, ClaimWording, CommentBody, GivenVerdict, Step,
    StepFields, Tag,
};
use crate::error::{AppError, AppResult};

/// Reads a JSON number or string, or form text, as text (`null` as none). A JSON number with a zero
/// fraction (`3.0`) is an integer, as JSON Schema counts it.
fn text_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Integer(i64),
        Float(f64),
        Text(String),
    }
    Ok(Option::<Raw>::deserialize(d)?.map(|raw| match raw {
        Raw::Integer(n) => n.to_string(),
        Raw::Float(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => format!("{x:.0}"),
        Raw::Float(x) => x.to_string(),
        Raw::Text(text) => text,
    }))
}

fn text(field: &Option<String>) -> &str {
    field.as_deref().unwrap_or("")
}

/// The version of the claim a change is based on; required.
fn version(raw: &Option<String>) -> AppResult<i64> {
    Ok(parse_version(text(raw))?)
}

/// A workflow step. `action` is start_review, propose (with `verdict` and `rationale`), approve,
/// send_back (optional `note`), withdraw, publish, reopen (with `note`, the correction), discard
/// (with `reason`) or restore.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct TransitionIn {
    /// The claim's version this change is based on.
    #[serde(default, deserialize_with = "text_or_number")]
    #[schema(required = true, value_type = i64)]
    pub version: Option<String>,
    #[schema(required = true, value_type = String)]
    pub action: Option<String>,
    /// A verdict key of the team's scale (propose).
    pub verdict: Option<String>,
    pub rationale: Option<String>,
    pub note: Option<String>,
    /// Why the claim is not check-worthy (discard).
    pub reason: Option<String>,
}

impl TransitionIn {
    pub fn parse(&self) -> AppResult<(i64, Step)> {
        let version = version(&self.version)?;
        let step = Step::parse(
            text(&self.action),
            StepFields {
                verdict: text(&self.verdict),
                rationale: text(&self.rationale),
                note: text(&self.note),
                reason: text(&self.reason),
            },
        )?;
        Ok((version, step))
    }
}

/// Who to assign: "me", "nobody", or a member's id.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct AssignIn {
    /// The claim's version this change is based on.
    #[serde(default, deserialize_with = "text_or_number")]
    #[schema(required = true, value_type = i64)]
    pub version: Option<String>,
    /// "me", "nobody" or a member id.
    #[serde(default, deserialize_with = "text_or_number")]
    #[schema(required = true, value_type = String)]
    pub assignee: Option<String>,
}

impl AssignIn {
    pub fn parse(&self) -> AppResult<(i64, AssignTo)> {
        let version = version(&self.version)?;
        if text(&self.assignee).trim().is_empty() {
            return Err(AppError::invalid(
                "assignee",
                "is required: me, nobody or a member id",
            ));
        }
        Ok((version, AssignTo::parse(text(&self.assignee))?))
    }
}

/// The blind second review: the reviewer's own verdict and rationale.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct SecondReviewIn {
    #[serde(default, deserialize_with = "text_or_number")]
    #[schema(required = true, value_type = i64)]
    pub version: Option<String>,
    #[schema(required = true, value_type = String)]
    pub verdict: Option<String>,
    #[schema(required = true, value_type = String)]
    pub rationale: Option<String>,
}

impl SecondReviewIn {
    pub fn parse(&self) -> AppResult<(i64, GivenVerdict)> {
        let version = version(&self.version)?;
        Ok((
            version,
            GivenVerdict::parse(text(&self.verdict), text(&self.rationale))?,
        ))
    }
}

/// The claim's wording.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct EditIn {
    #[serde(default, deserialize_with = "text_or_number")]
    #[schema(required = true, value_type = i64)]
    pub version: Option<String>,
    #[schema(required = true, value_type = String)]
    pub statement: Option<String>,
    pub subject: Option<String>,
    pub speaker: Option<String>,
}

impl EditIn {
    pub fn parse(&self) -> AppResult<(i64, ClaimWording)> {
        let version = version(&self.version)?;
        Ok((
            version,
            ClaimWording::parse(
                text(&self.statement),
                text(&self.subject),
                text(&self.speaker),
            )?,
        ))
    }
}

/// A source for the claim. `url` must be http or https.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct CitationIn {
    #[schema(required = true, value_type = String)]
    pub url: Option<String>,
    #[schema(required = true, value_type = String)]
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub excerpt: Option<String>,
    /// A date such as 2025-08-23.
    pub accessed_on: Option<String>,
    /// supports, refutes or context.
    #[schema(required = true, value_type = String)]
    pub stance: Option<String>,
}

impl CitationIn {
    pub fn parse(&self) -> AppResult<CitationDraft> {
        Ok(CitationDraft::parse(
            text(&self.url),
            text(&self.title),
            text(&self.publisher),
            text(&self.excerpt),
            text(&self.accessed_on),
            text(&self.stance),
        )?)
    }
}

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct CommentIn {
    /// 1 to 10000 characters, not only white space.
    #[schema(required = true, value_type = String)]
    pub body: Option<String>,
}

impl CommentIn {
    pub fn parse(&self) -> AppResult<CommentBody> {
        Ok(CommentBody::parse(text(&self.body))?)
    }
}

/// A tag to add, or to remove when `remove` is set.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct TagIn {
    #[schema(required = true, value_type = String)]
    pub tag: Option<String>,
    pub remove: Option<String>,
}

impl TagIn {
    pub fn parse(&self) -> AppResult<(Tag, bool)> {
        Ok((Tag::parse(text(&self.tag))?, !text(&self.remove).is_empty()))
    }
}

/// The earlier value a claim's sentence implies, as the claim page offers it.
#[derive(Debug, Default, Deserialize)]
pub struct DeriveIn {
    #[serde(default, deserialize_with = "text_or_number")]
    pub value: Option<String>,
}

impl DeriveIn {
    pub fn value(&self) -> &str {
        text(&self.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_reads_from_a_form_and_from_json_alike() {
        let form: TransitionIn = serde_urlencoded::from_str("version=3&action=publish").unwrap();
        let json: TransitionIn =
            serde_json::from_str(r#"{"version": 3, "action": "publish"}"#).unwrap();
        assert_eq!(form.parse().unwrap(), json.parse().unwrap());
        let missing: TransitionIn = serde_json::from_str(r#"{"action": "publish"}"#).unwrap();
        assert!(matches!(missing.parse(), Err(AppError::Invalid(i)) if i.field == "version"));
        let null: AssignIn = serde_json::from_str(r#"{"version": 1, "assignee": null}"#).unwrap();
        assert!(matches!(null.parse(), Err(AppError::Invalid(i)) if i.field == "assignee"));
        let id: AssignIn = serde_json::from_str(r#"{"version": 1, "assignee": 7}"#).unwrap();
        assert_eq!(
            id.parse().unwrap(),
            (1, AssignTo::Member(crate::domain::UserId::new(7)))
        );
    }

    #[test]
    fn an_integer_valued_number_is_an_integer_as_json_schema_counts_it() {
        let whole: TransitionIn =
            serde_json::from_str(r#"{"version": 3.0, "action": "publish"}"#).unwrap();
        let plain: TransitionIn =
            serde_json::from_str(r#"{"version": 3, "action": "publish"}"#).unwrap();
        assert_eq!(whole.parse().unwrap(), plain.parse().unwrap());
        let fraction: TransitionIn =
            serde_json::from_str(r#"{"version": 3.5, "action": "publish"}"#).unwrap();
        assert!(matches!(fraction.parse(), Err(AppError::Invalid(i)) if i.field == "version"));
    }
}
