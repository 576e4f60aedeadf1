//! The request bodies' rules, written into the OpenAPI document from the domain's own: what a
//! field must be for the server to accept it (patterns of `domain::SINGLE_LINE_PATTERN` and
//! `domain::TEXT_PATTERN`, lengths, enums of the domain's sets), so that a client generated from the
//! document sends what the server takes and nothing it refuses (CI holds the two together with
//! schemathesis). The workflow step is a `oneOf`: each action with the fields it needs.

use serde_json::{json, Map, Value};

use crate::domain::{
    DiscardReason, Sort, Stance, Status, Transition, CURSOR_PATTERN, SINGLE_LINE_PATTERN,
    TEXT_PATTERN,
};

/// Characters `char::is_whitespace` takes, as a pattern class body: what an optional field may
/// hold and still be empty.
const SPACES: &str =
    "\\u0009-\\u000d\\u0020\\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";

/// A required single line of at most `max` characters.
fn line(max: usize) -> Value {
    json!({"type": "string", "minLength": 1, "maxLength": max, "pattern": SINGLE_LINE_PATTERN})
}

/// An optional single line: absent, null, blank (taken as none) or a line of at most `max`.
fn optional_line(max: usize) -> Value {
    json!({
        "type": ["string", "null"],
        "maxLength": max,
        "pattern": format!("^[{SPACES}]*$|{SINGLE_LINE_PATTERN}"),
    })
}

/// Required free text of at most `max` characters.
fn text(max: usize) -> Value {
    json!({"type": "string", "minLength": 1, "maxLength": max, "pattern": TEXT_PATTERN})
}

/// Optional free text: absent, null, blank or text of at most `max`.
fn optional_text(max: usize) -> Value {
    json!({
        "type": ["string", "null"],
        "maxLength": max,
        "pattern": format!("^[{SPACES}]*$|{TEXT_PATTERN}"),
    })
}

/// A web address (`domain::WebUrl`): http or https, one line.
fn web_url(nullable: bool) -> Value {
    // Host names whose last label starts with a letter (a numeric one would be read as an IPv4
    // address), a port the URL parser takes.
    let url = "^[Hh][Tt][Tt][Pp][Ss]?://([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?[.])*[A-Za-z]([A-Za-z0-9-]*[A-Za-z0-9])?(:[0-9]{1,4})?(/[A-Za-z0-9._~!$&'()*+,;=:@/-]*)?([?][A-Za-z0-9._~!$&'()*+,;=:@/?-]*)?$";
    if nullable {
        json!({"type": ["string", "null"], "maxLength": 2000, "pattern": format!("^$|{url}")})
    } else {
        json!({"type": "string", "maxLength": 2000, "pattern": url})
    }
}

/// An optional date such as 2025-08-23 (blank is none).
fn optional_date() -> Value {
    json!({"type": ["string", "null"], "pattern": "^$|^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])$"})
}

/// A verdict key (`domain::VerdictKey`).
fn verdict_key() -> Value {
    json!({"type": "string", "pattern": "^[a-z0-9_]{1,40}$", "description": "A verdict key of the team's scale (as `/team/settings` lists it)."})
}

fn version() -> Value {
    json!({"type": "integer", "format": "int64", "minimum": 1, "description": "The claim's version this change is based on."})
}

/// (schema, property, rule) for every constrained property of a request body.
fn rules() -> Vec<(&'static str, &'static str, Value)> {
    vec![
        ("ArticleIn", "title", line(300)),
        ("ArticleIn", "url", web_url(true)),
        ("ArticleIn", "publisher", optional_line(200)),
        ("ArticleIn", "author", optional_line(200)),
        ("ArticleIn", "published_on", optional_date()),
        // The default article limit (`CLAIMDESK_ARTICLE_LIMIT`, in bytes) as characters.
        ("ArticleIn", "body", text(2 * 1024 * 1024)),
        ("CitationIn", "url", web_url(false)),
        ("CitationIn", "title", line(300)),
        ("CitationIn", "publisher", optional_line(200)),
        ("CitationIn", "excerpt", optional_text(5000)),
        ("CitationIn", "accessed_on", optional_date()),
        (
            "CitationIn",
            "stance",
            json!({"type": "string", "enum": Stance::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>()}),
        ),
        ("CommentIn", "body", text(10_000)),
        (
            "AssignIn",
            "assignee",
            json!({"type": "string", "pattern": "^(me|nobody|[1-9][0-9]{0,17})$", "description": "me, nobody or a member id."}),
        ),
        ("AssignIn", "version", version()),
    ]
}

/// The queue's filters in `GET /api/v1/claims`, as `web::claims::QueueQuery::question` reads them.
/// An empty value is the same as leaving the filter out (the queue page's form sends every field),
/// so each schema also admits `""`.
fn queue_parameters() -> Vec<(&'static str, Value)> {
    let or_empty = |schema: Value| json!({"anyOf": [schema, {"type": "string", "maxLength": 0}]});
    let mut statuses: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
    statuses.push("");
    let mut sort_names: Vec<&str> = Sort::ALL.iter().map(|s| s.as_str()).collect();
    sort_names.push("");
    vec![
        ("status", json!({"type": "string", "enum": statuses})),
        (
            "verdict",
            json!({"type": "string", "pattern": "^([a-z0-9_]{1,40})?$"}),
        ),
        (
            "assignee",
            json!({"type": "string", "pattern": "^(anyone|nobody|me|[1-9][0-9]{0,17})?$"}),
        ),
        (
            "article",
            or_empty(json!({"type": "integer", "format": "int64", "minimum": 1})),
        ),
        ("tag", json!({"type": "string"})),
        (
            "min_score",
            or_empty(json!({"type": "number", "minimum": 0, "maximum": 1})),
        ),
        (
            "max_score",
            or_empty(json!({"type": "number", "minimum": 0, "maximum": 1})),
        ),
        ("q", json!({"type": "string"})),
        ("sort", json!({"type": "string", "enum": sort_names})),
        (
            "after",
            json!({"type": "string", "pattern": format!("^$|{CURSOR_PATTERN}")}),
        ),
    ]
}

/// The workflow step: one object per action, each with the fields it needs.
fn transition() -> Value {
    let variant = |action: Transition, fields: Value, required: &[&str]| {
        let mut properties = Map::new();
        properties.insert(
            "action".into(),
            json!({"type": "string", "const": action.as_str()}),
        );
        properties.insert("version".into(), version());
        if let Value::Object(more) = fields {
            properties.extend(more);
        }
        let mut needed = vec!["action", "version"];
        needed.extend_from_slice(required);
        json!({"type": "object", "title": action.as_str(), "required": needed, "properties": properties})
    };
    let bare = |action| variant(action, json!({}), &[]);
    json!({
        "description": "A workflow step at the version sent: start_review, propose (with a `verdict` and its `rationale`), approve, send_back (an optional `note`), withdraw, publish, reopen (a correction, with its `note`), discard (not check-worthy, with its `reason`; editors, and only a claim never verified), or restore (a discarded claim back to unverified; editors).",
        "oneOf": [
            bare(Transition::StartReview),
            variant(
                Transition::Propose,
                json!({"verdict": verdict_key(), "rationale": text(20_000)}),
                &["verdict", "rationale"],
            ),
            bare(Transition::Approve),
            variant(Transition::SendBack, json!({"note": optional_text(5000)}), &[]),
            bare(Transition::Withdraw),
            bare(Transition::Publish),
            variant(Transition::Reopen, json!({"note": text(5000)}), &["note"]),
            variant(
                Transition::Discard,
                json!({"reason": line(DiscardReason::MAX_CHARS)}),
                &["reason"],
            ),
            bare(Transition::Restore),
        ],
        "discriminator": {"propertyName": "action"},
    })
}

/// Writes the rules into `document`.
pub fn apply(document: &mut Value) {
    let Some(schemas) = document
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    for (schema, property, rule) in rules() {
        if let Some(Value::Object(target)) = schemas
            .get_mut(schema)
            .and_then(|s| s.pointer_mut(&format!("/properties/{property}")))
        {
            let description = target.get("description").cloned();
            *target = rule.as_object().cloned().unwrap_or_default();
            if let (Some(description), false) = (description, target.contains_key("description")) {
                target.insert("description".into(), description);
            }
        }
    }
    schemas.insert("TransitionIn".into(), transition());
    if let Some(Value::Array(parameters)) =
        document.pointer_mut("/paths/~1api~1v1~1claims/get/parameters")
    {
        for parameter in parameters.iter_mut() {
            let name = parameter
                .get("name")
                .and_then(Value::as_str)
                .map(str::to_owned);
            if let Some((_, schema)) = queue_parameters()
                .into_iter()
                .find(|(n, _)| Some(*n) == name.as_deref())
            {
                parameter["schema"] = schema;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_names_a_property_the_document_has() {
        let mut document =
            serde_json::to_value(<super::super::ApiDoc as utoipa::OpenApi>::openapi()).unwrap();
        for (schema, property, _) in rules() {
            assert!(
                document
                    .pointer(&format!(
                        "/components/schemas/{schema}/properties/{property}"
                    ))
                    .is_some(),
                "{schema}.{property}"
            );
        }
        apply(&mut document);
        assert_eq!(
            document.pointer("/components/schemas/CitationIn/properties/stance/enum"),
            Some(&json!(["supports", "refutes", "context"]))
        );
        assert_eq!(
            document
                .pointer("/components/schemas/TransitionIn/oneOf")
                .and_then(Value::as_array)
                .map(Vec::len),
            Some(Transition::ALL.len())
        );
    }
}
