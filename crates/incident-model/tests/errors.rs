//! One test per rule: each starts from a valid document (the sample ICS-0001), breaks one thing,
//! and checks the exact path and the part of the message that tells a publisher what to fix.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use incident_model::{limits, parse_incident, parse_index, DocumentError, Problem};
use serde_json::{json, Value};

const SAMPLE: &str = include_str!("../../../data/incidents/ICS-0001.json");
const INDEX: &str = include_str!("../../../data/index.json");

fn doc() -> Value {
    serde_json::from_str(SAMPLE).expect("the sample is JSON")
}

fn parse(v: &Value) -> Result<incident_model::Incident, DocumentError> {
    parse_incident(v.to_string().as_bytes())
}

#[track_caller]
fn problems(v: &Value) -> Vec<Problem> {
    match parse(v) {
        Err(DocumentError::Invalid { problems, .. }) => problems,
        other => panic!("expected an invalid document, got {other:?}"),
    }
}

/// Some problem has exactly `path` and a message containing `fragment`.
#[track_caller]
fn assert_problem(v: &Value, path: &str, fragment: &str) {
    let ps = problems(v);
    assert!(
        ps.iter()
            .any(|p| p.path == path && p.message.contains(fragment)),
        "expected `{path}: …{fragment}…` among {ps:#?}"
    );
}

/// The only problem is at `path`, with a message containing `fragment`.
#[track_caller]
fn assert_only(v: &Value, path: &str, fragment: &str) {
    let ps = problems(v);
    assert_eq!(ps.len(), 1, "expected one problem, got {ps:#?}");
    assert_eq!(ps[0].path, path, "{ps:#?}");
    assert!(
        ps[0].message.contains(fragment),
        "`{}` does not contain `{fragment}`",
        ps[0].message
    );
}

#[track_caller]
fn assert_valid(v: &Value) {
    if let Err(e) = parse(v) {
        panic!("expected a valid document, got {:?}", e.lines());
    }
}

/// Sets one text field of a document.
type SetText = fn(&mut Value, String);
/// Changes a document in place.
type Mutate = fn(&mut Value);

fn chars(n: usize) -> String {
    // Two-byte characters, so the limits are shown to count characters, not bytes.
    "é".repeat(n)
}

// ---------------------------------------------------------------- baseline

#[test]
fn the_sample_is_valid() {
    let d = parse(&doc()).expect("valid");
    assert_eq!(d.id, "ICS-0001");
}

// ---------------------------------------------------------------- ids

#[test]
fn bad_id() {
    for bad in [
        "ics-0001",
        "ICS0001",
        "I-1",
        "ICS-",
        "ICS-12a",
        "1CS-1",
        "ICSICSICSIC-1",
    ] {
        let mut v = doc();
        v["id"] = json!(bad);
        assert_only(
            &v,
            "id",
            &format!("\"{bad}\" is not an id of the form PREFIX-NUMBER"),
        );
    }
}

#[test]
fn bad_id_is_not_reported_as_the_documents_id() {
    let mut v = doc();
    v["id"] = json!("not an id");
    v["title"] = json!("");
    assert_eq!(parse(&v).expect_err("invalid").id(), None);
    let mut v = doc();
    v["title"] = json!("");
    assert_eq!(parse(&v).expect_err("invalid").id(), Some("ICS-0001"));
}

#[test]
fn bad_alias() {
    let mut v = doc();
    v["aliases"][1] = json!("FI_0026");
    assert_only(
        &v,
        "aliases[1]",
        "\"FI_0026\" is not an id of the form PREFIX-NUMBER",
    );
}

#[test]
fn alias_equal_to_own_id() {
    let mut v = doc();
    v["aliases"][0] = json!("ICS-0001");
    assert_only(&v, "aliases[0]", "repeats the document's own id");
}

// ---------------------------------------------------------------- status

#[test]
fn withdrawn_status_needs_withdrawn() {
    let mut v = doc();
    v["status"] = json!("withdrawn");
    assert_only(&v, "withdrawn", "is required when status is \"withdrawn\"");
    v["withdrawn"] = json!({"date": "2026-11-22", "reason": "Filed twice by mistake."});
    assert_valid(&v);
}

#[test]
fn withdrawn_only_on_withdrawn_status() {
    for status in ["published", "updated", "disputed"] {
        let mut v = doc();
        v["status"] = json!(status);
        v["status_reason"] = json!("A party denies the main claim.");
        v["withdrawn"] = json!({"date": "2026-11-22", "reason": "Filed twice."});
        assert_only(
            &v,
            "withdrawn",
            "is only allowed when status is \"withdrawn\"",
        );
    }
}

#[test]
fn withdrawal_date_and_reason() {
    let mut v = doc();
    v["status"] = json!("withdrawn");
    v["withdrawn"] = json!({"date": "2026-11", "reason": " "});
    let ps = problems(&v);
    assert_eq!(ps.len(), 2, "{ps:#?}");
    assert_problem(
        &v,
        "withdrawn.date",
        "\"2026-11\": expected a full date, YYYY-MM-DD",
    );
    assert_problem(&v, "withdrawn.reason", "must not be empty");
}

#[test]
fn disputed_needs_status_reason() {
    let mut v = doc();
    v["status"] = json!("disputed");
    assert_only(
        &v,
        "status_reason",
        "is required when status is \"disputed\"",
    );
    v["status_reason"] = json!("");
    assert_only(&v, "status_reason", "must not be empty");
    v["status_reason"] = json!("Amazon denies that the agent caused the outage.");
    assert_valid(&v);
}

#[test]
fn unknown_status_is_a_type_error() {
    let mut v = doc();
    v["status"] = json!("retracted");
    assert_only(
        &v,
        "status",
        "\"retracted\" is not one of: published, updated, disputed, withdrawn",
    );
}

// ---------------------------------------------------------------- text

#[test]
fn empty_title() {
    for empty in ["", "   "] {
        let mut v = doc();
        v["title"] = json!(empty);
        assert_only(&v, "title", "must not be empty");
    }
}

#[test]
fn title_length_counts_characters() {
    let mut v = doc();
    v["title"] = json!(chars(limits::TITLE));
    assert_valid(&v);
    v["title"] = json!(chars(limits::TITLE + 1));
    assert_only(
        &v,
        "title",
        &format!("is longer than {} characters; shorten it", limits::TITLE),
    );
}

#[test]
fn summary_length() {
    let mut v = doc();
    v["summary"] = json!(chars(limits::SUMMARY));
    assert_valid(&v);
    v["summary"] = json!(chars(limits::SUMMARY + 1));
    assert_only(
        &v,
        "summary",
        &format!("is longer than {} characters", limits::SUMMARY),
    );
}

#[test]
fn other_text_lengths() {
    let cases: [(&str, SetText, usize); 6] = [
        (
            "claims[0].text",
            |v, s| v["claims"][0]["text"] = json!(s),
            limits::SENTENCE,
        ),
        (
            "lessons[2]",
            |v, s| v["lessons"][2] = json!(s),
            limits::SENTENCE,
        ),
        (
            "organisations[0].name",
            |v, s| v["organisations"][0]["name"] = json!(s),
            limits::LABEL,
        ),
        (
            "sources[3].title",
            |v, s| v["sources"][3]["title"] = json!(s),
            limits::SOURCE_TITLE,
        ),
        (
            "related[0].reason",
            |v, s| v["related"][0]["reason"] = json!(s),
            limits::REASON,
        ),
        (
            "citation.text",
            |v, s| v["citation"]["text"] = json!(s),
            limits::CITATION,
        ),
    ];
    for (path, set, max) in cases {
        let mut v = doc();
        set(&mut v, chars(max));
        assert_valid(&v);
        set(&mut v, chars(max + 1));
        assert_only(&v, path, &format!("is longer than {max} characters"));
    }
}

#[test]
fn control_character_in_text() {
    let mut v = doc();
    v["title"] = json!("Kiro\u{7} deletes");
    assert_only(
        &v,
        "title",
        "contains a control character (U+0007) at character 5; remove it",
    );
    let mut v = doc();
    v["lessons"][0] = json!("line one\nline two");
    assert_only(
        &v,
        "lessons[0]",
        "control character (U+000A) at character 9",
    );
    let mut v = doc();
    v["sources"][0]["publisher"] = json!("APM\u{85}");
    assert_only(&v, "sources[0].publisher", "control character (U+0085)");
}

#[test]
fn bidi_override_in_text() {
    let mut v = doc();
    v["summary"] = json!("Safe text \u{202E}desrever");
    assert_only(
        &v,
        "summary",
        "contains a bidirectional control character (U+202E) at character 11",
    );
    let mut v = doc();
    v["claims"][3]["text"] = json!("isolate \u{2067}x\u{2069}");
    assert_only(
        &v,
        "claims[3].text",
        "bidirectional control character (U+2067)",
    );
    let mut v = doc();
    v["cause_chain"][1]["text"] = json!("a\u{2028}b");
    assert_only(
        &v,
        "cause_chain[1].text",
        "line or paragraph separator (U+2028)",
    );
    let mut v = doc();
    v["tags"][0] = json!("\u{FEFF}tag");
    assert_only(&v, "tags[0]", "byte order mark (U+FEFF) at character 1");
}

#[test]
fn markup_is_just_text() {
    let mut v = doc();
    v["title"] = json!("<script>alert(1)</script> & <b>bold</b>");
    assert_valid(&v);
}

#[test]
fn bad_lang() {
    for bad in ["english", "e", "en_GB", "en-", "", "123"] {
        let mut v = doc();
        v["lang"] = json!(bad);
        assert_only(&v, "lang", &format!("\"{bad}\" is not a language tag"));
    }
    for good in ["en", "en-GB", "zh-Hant-TW", "gsw"] {
        let mut v = doc();
        v["lang"] = json!(good);
        assert_valid(&v);
    }
}

#[test]
fn lang_defaults_to_en() {
    let mut v = doc();
    v.as_object_mut().expect("object").remove("lang");
    assert_eq!(parse(&v).expect("valid").lang, "en");
}

// ---------------------------------------------------------------- dates

#[test]
fn bad_dates() {
    let cases = [
        (
            "occurred",
            "2025-13",
            "\"2025-13\": month 13 does not exist",
        ),
        (
            "occurred",
            "2025-02-29",
            "\"2025-02-29\": day 29 does not exist in that month",
        ),
        (
            "occurred",
            "2025-04-31",
            "day 31 does not exist in that month",
        ),
        ("occurred", "25-12", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
        (
            "occurred",
            "2025-12-15T10:00",
            "expected YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        (
            "occurred",
            "15 December 2025",
            "expected YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        (
            "disclosed",
            "2026-2-20",
            "expected YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        (
            "filed",
            "2026-11",
            "\"2026-11\": expected a full date, YYYY-MM-DD",
        ),
        ("filed", "2026-11-31", "expected a full date, YYYY-MM-DD"),
    ];
    for (field, value, fragment) in cases {
        let mut v = doc();
        v["dates"][field] = json!(value);
        assert_only(&v, &format!("dates.{field}"), fragment);
    }
}

#[test]
fn leap_day_is_a_real_date() {
    let mut v = doc();
    v["dates"]["occurred"] = json!("2024-02-29");
    assert_valid(&v);
}

#[test]
fn filed_before_occurred() {
    let mut v = doc();
    v["dates"]["filed"] = json!("2025-12-14");
    v["dates"]["disclosed"] = json!("2025-12");
    assert_only(
        &v,
        "dates.filed",
        "2025-12-14 is before the incident (2025-12-15); a case is filed after it happens",
    );
}

#[test]
fn disclosed_before_occurred() {
    let mut v = doc();
    v["dates"]["disclosed"] = json!("2025-11");
    assert_only(
        &v,
        "dates.disclosed",
        "2025-11 is before the incident (2025-12-15)",
    );
}

#[test]
fn same_period_is_not_before() {
    // "2025-12" may be the 15th: precision is respected, nothing is invented.
    let mut v = doc();
    v["dates"] = json!({"occurred": "2025-12-15", "disclosed": "2025-12", "filed": "2025-12-15"});
    assert_valid(&v);
}

#[test]
fn modified_before_filed() {
    let mut v = doc();
    v["dates"]["modified"] = json!("2026-11-20");
    assert_only(
        &v,
        "dates.modified",
        "2026-11-20 is before the filing date (2026-11-21)",
    );
    v["dates"]["modified"] = json!("2026-11-21");
    assert_valid(&v);
}

// ---------------------------------------------------------------- severity

#[test]
fn score_without_scale() {
    let mut v = doc();
    v["severity"]
        .as_object_mut()
        .expect("object")
        .remove("scale_max");
    assert_only(&v, "severity.scale_max", "is required with a score");
}

#[test]
fn scale_without_score() {
    let mut v = doc();
    v["severity"]
        .as_object_mut()
        .expect("object")
        .remove("score");
    assert_only(&v, "severity.score", "is required with scale_max");
}

#[test]
fn score_above_scale() {
    let mut v = doc();
    v["severity"]["score"] = json!(6);
    assert_only(&v, "severity.score", "6 is outside the scale 0–5");
    v["severity"]["score"] = json!(0);
    v["severity"]["scale_max"] = json!(0);
    assert_only(&v, "severity.score", "0 is outside the scale 0–0");
}

#[test]
fn negative_score_is_a_type_error() {
    let mut v = doc();
    v["severity"]["score"] = json!(-1);
    assert_only(
        &v,
        "severity.score",
        "expected a whole number from 0 to 4294967295, found a number",
    );
}

#[test]
fn severity_value_and_level() {
    let mut v = doc();
    v["severity"]["value"] = json!("");
    assert_only(&v, "severity.value", "must not be empty");
    let mut v = doc();
    v["severity"]["level"] = json!("severe");
    assert_only(
        &v,
        "severity.level",
        "\"severe\" is not one of: info, low, moderate, high, critical",
    );
}

// ---------------------------------------------------------------- links

#[test]
fn javascript_url() {
    let mut v = doc();
    v["sources"][2]["url"] = json!("javascript:alert(1)");
    // No setting permits it, so none is suggested (regression: it said to set allow_http).
    assert_only(
        &v,
        "sources[2].url",
        "scheme \"javascript\" is not allowed (give an https address)",
    );
    // Even with http allowed, and however it is spelled.
    v["allow_http"] = json!(true);
    v["sources"][2]["url"] = json!("  JavaScript:alert(1)");
    assert_only(
        &v,
        "sources[2].url",
        "scheme \"javascript\" is not allowed (give an https or http address)",
    );
}

#[test]
fn data_url() {
    let mut v = doc();
    v["sources"][2]["url"] = json!("data:text/html,<script>alert(1)</script>");
    assert_only(&v, "sources[2].url", "scheme \"data\" is not allowed");
}

#[test]
fn http_needs_allow_http() {
    let mut v = doc();
    v["sources"][2]["url"] = json!("http://example.org/article");
    assert_only(
        &v,
        "sources[2].url",
        "scheme \"http\" is not allowed (https only; set \"allow_http\": true to permit http)",
    );
    v["allow_http"] = json!(true);
    assert_valid(&v);
}

#[test]
fn url_with_credentials() {
    let mut v = doc();
    v["sources"][2]["url"] = json!("https://user:secret@example.org/");
    assert_only(
        &v,
        "sources[2].url",
        "must not contain a user name or password",
    );
    v["sources"][2]["url"] = json!("https://user@example.org/");
    assert_only(
        &v,
        "sources[2].url",
        "must not contain a user name or password",
    );
}

#[test]
fn url_too_long() {
    let mut v = doc();
    let base = "https://example.org/";
    v["sources"][2]["url"] = json!(format!("{base}{}", "a".repeat(limits::URL - base.len())));
    assert_valid(&v);
    let long = format!("{base}{}", "a".repeat(limits::URL + 1 - base.len()));
    v["sources"][2]["url"] = json!(long);
    assert_only(
        &v,
        "sources[2].url",
        &format!(
            "address is {} bytes long (at most {} allowed)",
            limits::URL + 1,
            limits::URL
        ),
    );
}

#[test]
fn relative_or_hostless_url() {
    let mut v = doc();
    v["sources"][2]["url"] = json!("/cases/ICS-0001");
    assert_only(&v, "sources[2].url", "not a valid absolute address");
    v["sources"][2]["url"] = json!("https://");
    assert_only(&v, "sources[2].url", "not a valid absolute address");
}

#[test]
fn every_address_field_follows_the_policy() {
    let mut v = doc();
    v["citation"]["permalink"] = json!("javascript:x");
    v["licence"]["url"] = json!("ftp://example.org/licence");
    v["links"] = json!({"html": "http://example.org/", "json": "data:,{}"});
    let ps = problems(&v);
    let paths: Vec<&str> = ps.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "citation.permalink",
            "licence.url",
            "links.html",
            "links.json"
        ],
        "{ps:#?}"
    );
    let mut v = doc();
    v["citation"]["permalink"] = json!("https://example.org/cases/ICS-0001");
    v["licence"]["url"] = json!("https://example.org/licence");
    v["links"] = json!({"html": "https://example.org/c/1", "json": "https://example.org/c/1.json"});
    assert_valid(&v);
}

// ---------------------------------------------------------------- sources and claims

#[test]
fn duplicate_source_id() {
    let mut v = doc();
    v["sources"][8]["id"] = json!("techzine");
    assert_only(
        &v,
        "sources[8].id",
        "\"techzine\" is used by an earlier source",
    );
}

#[test]
fn bad_source_id() {
    for bad in ["Tech_zine", "-x", "", "S1", &"a".repeat(limits::ID + 1)] {
        let mut v = doc();
        v["sources"][4]["id"] = json!(bad);
        assert_only(
            &v,
            "sources[4].id",
            "is not a source id (1–32 of a-z, 0-9 and -)",
        );
    }
}

#[test]
fn source_needs_url_or_publisher() {
    let mut v = doc();
    v["sources"][2]
        .as_object_mut()
        .expect("object")
        .remove("publisher");
    assert_only(
        &v,
        "sources[2].publisher",
        "is required when a source has no url (cite it by title and publisher)",
    );
    // With an address, a publisher is optional.
    let mut v = doc();
    v["sources"][1]
        .as_object_mut()
        .expect("object")
        .remove("publisher");
    assert_valid(&v);
}

#[test]
fn source_title_and_date() {
    let mut v = doc();
    v["sources"][0]["title"] = json!("");
    v["sources"][0]["date"] = json!("2026-02-30");
    let ps = problems(&v);
    assert_eq!(ps.len(), 2, "{ps:#?}");
    assert_problem(&v, "sources[0].title", "must not be empty");
    assert_problem(&v, "sources[0].date", "day 30 does not exist");
}

#[test]
fn unknown_source_kind() {
    let mut v = doc();
    v["sources"][0]["kind"] = json!("blog");
    assert_only(&v, "sources[0].kind", "\"blog\" is not one of");
}

#[test]
fn claim_names_missing_source() {
    let mut v = doc();
    v["claims"][0]["sources"][1] = json!("nope");
    assert_only(
        &v,
        "claims[0].sources[1]",
        "\"nope\" is not the id of any entry in sources",
    );
}

#[test]
fn verified_claim_without_source() {
    let mut v = doc();
    v["claims"][1]["sources"] = json!([]);
    assert_only(
        &v,
        "claims[1].sources",
        "a verified claim names at least one source",
    );
    v["claims"][1]
        .as_object_mut()
        .expect("object")
        .remove("sources");
    assert_only(
        &v,
        "claims[1].sources",
        "a verified claim names at least one source",
    );
    // Any other status may stand without a source.
    v["claims"][1]["status"] = json!("not-publicly-confirmed");
    assert_valid(&v);
}

#[test]
fn empty_claim_text() {
    let mut v = doc();
    v["claims"][2]["text"] = json!("");
    assert_only(&v, "claims[2].text", "must not be empty");
}

// ---------------------------------------------------------------- cause chain

#[test]
fn chain_out_of_order() {
    let mut v = doc();
    let chain = v["cause_chain"].as_array_mut().expect("array");
    chain.swap(0, 1);
    assert_only(
        &v,
        "cause_chain[1].stage",
        "\"trigger\" comes after \"model-step\"; stages go trigger, model-step, control-gap, failure, consequence, each once",
    );
}

#[test]
fn chain_duplicate_stage() {
    let mut v = doc();
    v["cause_chain"][2]["stage"] = json!("model-step");
    assert_only(
        &v,
        "cause_chain[2].stage",
        "\"model-step\" comes after \"model-step\"",
    );
}

#[test]
fn chain_may_leave_stages_out() {
    let mut v = doc();
    let chain = v["cause_chain"].as_array_mut().expect("array");
    chain.remove(3);
    chain.remove(1);
    assert_valid(&v);
}

#[test]
fn unknown_stage() {
    let mut v = doc();
    v["cause_chain"][0]["stage"] = json!("root-cause");
    assert_only(&v, "cause_chain[0].stage", "\"root-cause\" is not one of");
}

// ---------------------------------------------------------------- list lengths

#[test]
fn too_many_list_entries() {
    let text = json!("A lesson.");
    let org = json!({"name": "Org", "role": "affected"});
    let system = json!({"name": "System"});
    let claim = json!({"text": "A claim.", "status": "not-publicly-confirmed"});
    let related = json!({"id": "ICS-0002", "relation": "see-also", "reason": "Why."});
    let aliases: Vec<Value> = (0..=limits::ALIASES)
        .map(|n| json!(format!("XX-{n}")))
        .collect();
    let sources: Vec<Value> = (0..=limits::SOURCES)
        .map(|n| json!({"id": format!("s{n}"), "kind": "press", "title": "T", "publisher": "P"}))
        .collect();
    let cases: Vec<(&str, Value, usize)> = vec![
        ("aliases", Value::Array(aliases), limits::ALIASES),
        (
            "organisations",
            json!(vec![org; limits::ORGANISATIONS + 1]),
            limits::ORGANISATIONS,
        ),
        (
            "systems",
            json!(vec![system; limits::SYSTEMS + 1]),
            limits::SYSTEMS,
        ),
        (
            "tags",
            json!(vec![json!("tag"); limits::TAGS + 1]),
            limits::TAGS,
        ),
        (
            "claims",
            json!(vec![claim; limits::CLAIMS + 1]),
            limits::CLAIMS,
        ),
        (
            "lessons",
            json!(vec![text; limits::LESSONS + 1]),
            limits::LESSONS,
        ),
        ("sources", Value::Array(sources), limits::SOURCES),
        (
            "related",
            json!(vec![related; limits::RELATED + 1]),
            limits::RELATED,
        ),
    ];
    for (field, list, max) in cases {
        let mut v = doc();
        if field == "sources" {
            v["claims"] = json!([]);
        }
        v[field] = list;
        assert_problem(
            &v,
            field,
            &format!("has {} entries (at most {max} allowed)", max + 1),
        );
    }
}

#[test]
fn too_many_chain_steps_and_claim_sources() {
    let mut v = doc();
    let extra = v["cause_chain"][4].clone();
    v["cause_chain"].as_array_mut().expect("array").push(extra);
    assert_problem(&v, "cause_chain", "has 6 entries (at most 5 allowed)");

    let mut v = doc();
    v["claims"][0]["sources"] = json!(vec![json!("apm-0005"); limits::CLAIM_SOURCES + 1]);
    assert_only(
        &v,
        "claims[0].sources",
        &format!(
            "has {} entries (at most {} allowed)",
            limits::CLAIM_SOURCES + 1,
            limits::CLAIM_SOURCES
        ),
    );
}

// ---------------------------------------------------------------- impact, related, licence

#[test]
fn bad_iso_duration() {
    for bad in [
        "13 hours", "PT", "P", "PT5H5H", "PT1.5H", "P1W", "pt13h", "T13H",
    ] {
        let mut v = doc();
        v["impact"]["duration"] = json!(bad);
        assert_only(
            &v,
            "impact.duration",
            &format!("\"{bad}\" is not an ISO 8601 duration of days, hours and minutes"),
        );
    }
    for good in ["PT13H", "P2D", "PT1H30M", "P1DT2H"] {
        let mut v = doc();
        v["impact"]["duration"] = json!(good);
        assert_valid(&v);
    }
}

#[test]
fn related_to_itself() {
    let mut v = doc();
    v["related"][0]["id"] = json!("ICS-0001");
    assert_only(
        &v,
        "related[0].id",
        "an incident cannot be related to itself",
    );
}

#[test]
fn related_with_bad_id_and_summary() {
    let mut v = doc();
    v["related"][1]["id"] = json!("ics-6");
    v["related"][1]["summary"]["title"] = json!("");
    v["related"][1]["summary"]["date"] = json!("2025-00");
    let ps = problems(&v);
    let paths: Vec<&str> = ps.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "related[1].id",
            "related[1].summary.title",
            "related[1].summary.date"
        ]
    );
    assert_problem(&v, "related[1].summary.date", "month 0 does not exist");
}

#[test]
fn unknown_relation() {
    let mut v = doc();
    v["related"][0]["relation"] = json!("sibling");
    assert_only(&v, "related[0].relation", "\"sibling\" is not one of");
}

#[test]
fn bad_spdx_id() {
    for bad in ["CC BY 4.0", "CC-BY-4.0;", "<b>MIT</b>"] {
        let mut v = doc();
        v["licence"]["spdx"] = json!(bad);
        assert_only(
            &v,
            "licence.spdx",
            "is not an SPDX licence id (e.g. CC-BY-4.0)",
        );
    }
    let mut v = doc();
    v["licence"]["spdx"] = json!("");
    assert_only(&v, "licence.spdx", "must not be empty");
    v["licence"]["spdx"] = json!("GPL-2.0+");
    assert_valid(&v);
}

#[test]
fn empty_attribution() {
    let mut v = doc();
    v["licence"]["attribution"] = json!("");
    assert_only(&v, "licence.attribution", "must not be empty");
}

#[test]
fn revision_zero() {
    let mut v = doc();
    v["revision"] = json!(0);
    assert_only(&v, "revision", "starts at 1");
    v.as_object_mut().expect("object").remove("revision");
    assert_eq!(parse(&v).expect("default revision").revision, 1);
}

// ---------------------------------------------------------------- translations

/// The sample with one complete German translation (13 claims, 5 lessons).
fn translated() -> Value {
    let mut v = doc();
    let claims: Vec<String> = (0..v["claims"].as_array().unwrap().len())
        .map(|i| format!("Aussage {i}"))
        .collect();
    let lessons: Vec<String> = (0..v["lessons"].as_array().unwrap().len())
        .map(|i| format!("Lehre {i}"))
        .collect();
    v["translations"] = json!([{
        "lang": "de", "title": "Titel", "summary": "Zusammenfassung",
        "claims": claims, "lessons": lessons
    }]);
    v
}

#[test]
fn a_complete_and_a_partial_translation_are_valid() {
    let mut v = translated();
    assert_valid(&v);
    v["translations"]
        .as_array_mut()
        .unwrap()
        .push(json!({"lang": "es-MX", "summary": "Resumen"}));
    assert_valid(&v);
    let d = parse(&v).unwrap();
    assert_eq!(d.translations.len(), 2);
    assert_eq!(
        d.translation("de_AT").and_then(|t| t.title.as_deref()),
        Some("Titel")
    );
    assert_eq!(d.translation("ES").map(|t| t.lang.as_str()), Some("es-MX"));
    assert_eq!(d.translation("en-GB"), None, "the document's own language");
    assert_eq!(d.translation("fr"), None);
}

#[test]
fn translated_text_follows_the_originals_rules() {
    let cases: [(&str, Mutate, &str); 6] = [
        (
            "translations[0].title",
            |v| v["translations"][0]["title"] = json!(" "),
            "must not be empty",
        ),
        (
            "translations[0].title",
            |v| v["translations"][0]["title"] = json!(chars(limits::TITLE + 1)),
            "longer than 200",
        ),
        (
            "translations[0].summary",
            |v| v["translations"][0]["summary"] = json!("a\u{202e}b"),
            "U+202E",
        ),
        (
            "translations[0].claims[2]",
            |v| v["translations"][0]["claims"][2] = json!(""),
            "must not be empty",
        ),
        (
            "translations[0].lessons[4]",
            |v| v["translations"][0]["lessons"][4] = json!(chars(limits::SENTENCE + 1)),
            "longer than 600",
        ),
        (
            "translations[0].lang",
            |v| v["translations"][0]["lang"] = json!("german"),
            "not a language tag",
        ),
    ];
    for (path, mutate, fragment) in cases {
        let mut v = translated();
        mutate(&mut v);
        assert_only(&v, path, fragment);
    }
}

#[test]
fn a_translated_list_has_one_entry_per_item_in_order() {
    let mut v = translated();
    v["translations"][0]["claims"].as_array_mut().unwrap().pop();
    assert_only(
        &v,
        "translations[0].claims",
        "needs one entry for each of the document's, in the same order",
    );
    let mut v = translated();
    v["translations"][0]["lessons"]
        .as_array_mut()
        .unwrap()
        .push(json!("Noch eine"));
    assert_only(
        &v,
        "translations[0].lessons",
        "needs one entry for each of the document's, in the same order",
    );
}

#[test]
fn one_translation_per_language_and_none_in_the_documents_own() {
    let mut v = translated();
    v["translations"]
        .as_array_mut()
        .unwrap()
        .push(json!({"lang": "DE-ch", "title": "Titel"}));
    assert_only(
        &v,
        "translations[1].lang",
        "repeats the language of an earlier translation: one translation per language",
    );
    let mut v = translated();
    v["translations"][0]["lang"] = json!("en-US");
    assert_only(&v, "translations[0].lang", "is the document's own language");
}

#[test]
fn a_translation_that_translates_nothing() {
    let mut v = doc();
    v["translations"] = json!([{"lang": "de"}]);
    assert_only(&v, "translations[0]", "translates nothing");
}

#[test]
fn too_many_translations() {
    let mut v = doc();
    let langs = [
        "aa", "ab", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bi",
        "bm", "bn",
    ];
    assert!(langs.len() > limits::TRANSLATIONS);
    v["translations"] = json!(langs
        .iter()
        .map(|l| json!({"lang": l, "title": "T"}))
        .collect::<Vec<_>>());
    assert_only(&v, "translations", "has 17 entries (at most 16 allowed)");
}

#[test]
fn a_translation_of_the_wrong_shape_is_refused_at_its_path() {
    let mut v = doc();
    v["translations"] = json!({"de": {"title": "Titel"}});
    let err = parse(&v).unwrap_err();
    assert!(err.to_string().contains("translations"), "{err}");
    let mut v = doc();
    v["translations"] = json!([{"lang": "de", "claims": "eine"}]);
    let err = parse(&v).unwrap_err();
    assert!(err.to_string().contains("translations[0].claims"), "{err}");
}

// ---------------------------------------------------------------- versions

#[test]
fn unknown_major_version() {
    let mut v = doc();
    v["schema_version"] = json!("2.0.0");
    let err = parse(&v).expect_err("refused");
    assert_eq!(
        err,
        DocumentError::UnsupportedVersion {
            found: "2.0.0".to_owned(),
            id: Some("ICS-0001".to_owned())
        }
    );
    assert_eq!(err.code(), "unsupported-version");
    assert_eq!(err.id(), Some("ICS-0001"));
    assert_eq!(
        err.to_string(),
        "schema_version: \"2.0.0\" needs a newer reader (this one reads 1.x)"
    );
    // Refused before the body is read at all: a 2.x document may look nothing like 1.x.
    let future = json!({"schema_version": "2.1.0", "id": "ICS-0001", "title": {"en": "x"}});
    assert_eq!(
        parse(&future).expect_err("refused").code(),
        "unsupported-version"
    );
    v["schema_version"] = json!("0.9.0");
    assert_eq!(
        parse(&v).expect_err("refused").code(),
        "unsupported-version"
    );
}

#[test]
fn newer_minor_version_with_unknown_fields_is_accepted() {
    let mut v = doc();
    v["schema_version"] = json!("1.7.3");
    v["audio"] = json!({"de": {"url": "https://example.org/ics-0001.de.mp3"}});
    v["severity"]["confidence"] = json!(0.8);
    v["sources"][0]["archived_at"] = json!("https://example.org/archive");
    let d = parse(&v).expect("accepted");
    assert_eq!(d.schema_version, "1.7.3");
}

#[test]
fn malformed_version() {
    for bad in [
        "1.0",
        "1.0.0-beta",
        "v1.0.0",
        "1..0",
        "",
        "1.0.0.0",
        "1234567890.0.0",
    ] {
        let mut v = doc();
        v["schema_version"] = json!(bad);
        let err = parse(&v).expect_err(bad);
        assert_eq!(err.code(), "invalid", "{bad}: {err:?}");
        assert_eq!(
            err.lines(),
            [format!(
                "schema_version: \"{bad}\" is not a version of the form MAJOR.MINOR.PATCH"
            )]
        );
    }
}

#[test]
fn version_not_a_string() {
    let mut v = doc();
    v["schema_version"] = json!(1);
    let err = parse(&v).expect_err("refused");
    assert_eq!(err.code(), "not-incident");
    assert!(
        err.to_string().contains("schema_version must be a string"),
        "{err}"
    );
}

#[test]
fn missing_schema_version() {
    let mut v = doc();
    v.as_object_mut().expect("object").remove("schema_version");
    let err = parse(&v).expect_err("refused");
    assert!(matches!(err, DocumentError::NotIncident { .. }), "{err:?}");
    assert_eq!(err.code(), "not-incident");
    assert_eq!(
        err.to_string(),
        "(document): no schema_version: this is not an incident document"
    );
    // Any other JSON object is not an incident document either.
    let err = parse_incident(br#"{"name": "package.json", "version": "1.0.0"}"#).expect_err("x");
    assert_eq!(err.code(), "not-incident");
}

// ---------------------------------------------------------------- not a document at all

#[test]
fn top_level_array_or_scalar() {
    for body in [
        "[]",
        r#"["1.0.0", "ICS-0001"]"#,
        "\"1.0.0\"",
        "42",
        "null",
        "true",
    ] {
        let err = parse_incident(body.as_bytes()).expect_err(body);
        assert!(
            matches!(err, DocumentError::NotIncident { .. }),
            "{body}: {err:?}"
        );
        assert!(
            err.to_string().contains("expected a JSON object"),
            "{body}: {err}"
        );
    }
}

#[test]
fn html_body() {
    for body in [
        "<!DOCTYPE html><html><body>Not found</body></html>",
        "\n\n  <html>",
        "<?xml version=\"1.0\"?><error/>",
    ] {
        let err = parse_incident(body.as_bytes()).expect_err(body);
        assert_eq!(
            err,
            DocumentError::NotJson {
                message: "this is HTML or XML, not JSON (is the address right?)".to_owned(),
                line: 1,
                column: 1
            }
        );
        assert_eq!(err.code(), "not-json");
    }
}

#[test]
fn empty_body() {
    for body in ["", "   \n\t ", "\u{FEFF}"] {
        let err = parse_incident(body.as_bytes()).expect_err("empty");
        assert!(
            matches!(&err, DocumentError::NotJson { message, .. } if message == "the body is empty"),
            "{body:?}: {err:?}"
        );
    }
}

#[test]
fn truncated_file() {
    for cut in [1, SAMPLE.len() / 3, SAMPLE.len() / 2, SAMPLE.len() - 3] {
        let err = parse_incident(&SAMPLE.as_bytes()[..cut]).expect_err("truncated");
        assert_eq!(err.code(), "not-json", "cut at {cut}: {err:?}");
        assert!(err.to_string().contains("truncated"), "cut at {cut}: {err}");
    }
}

#[test]
fn syntax_error_has_line_and_column() {
    let body = "{\n  \"schema_version\": \"1.0.0\",\n  \"id\": \"ICS-0001\",,\n}";
    match parse_incident(body.as_bytes()) {
        Err(DocumentError::NotJson {
            line,
            column,
            message,
        }) => {
            assert_eq!((line, column), (3, 20), "{message}");
            assert!(
                !message.contains(" at line "),
                "position is reported once: {message}"
            );
        }
        other => panic!("{other:?}"),
    }
    // Trailing garbage after a valid document.
    let mut body = SAMPLE.to_owned();
    body.push_str("\n}");
    let err = parse_incident(body.as_bytes()).expect_err("trailing");
    assert_eq!(err.code(), "not-json");
    assert!(err.to_string().contains("trailing characters"), "{err}");
}

#[test]
fn invalid_utf8() {
    let mut body = SAMPLE.as_bytes().to_vec();
    let at = SAMPLE.find("Kiro coding").expect("title");
    body[at] = 0xFF;
    let line = SAMPLE[..at].matches('\n').count() + 1;
    let column = at - SAMPLE[..at].rfind('\n').map_or(0, |i| i + 1) + 1;
    match parse_incident(&body) {
        Err(DocumentError::NotJson {
            message,
            line: l,
            column: c,
        }) => {
            assert_eq!(message, format!("not valid UTF-8 (byte {})", at + 1));
            assert_eq!((l, c), (line, column));
        }
        other => panic!("{other:?}"),
    }
    // UTF-16 (as some editors save) is not UTF-8 either.
    let utf16: Vec<u8> = "{\"a\":1}"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    let mut bom16 = vec![0xFF, 0xFE];
    bom16.extend(utf16);
    assert_eq!(
        parse_incident(&bom16).expect_err("utf-16").code(),
        "not-json"
    );
}

#[test]
fn bom_is_accepted() {
    let mut body = b"\xEF\xBB\xBF".to_vec();
    body.extend_from_slice(SAMPLE.as_bytes());
    assert_eq!(parse_incident(&body).expect("valid").id, "ICS-0001");
    // Only one, and only at the start.
    let mut twice = b"\xEF\xBB\xBF".to_vec();
    twice.extend_from_slice(&body);
    assert_eq!(
        parse_incident(&twice).expect_err("two BOMs").code(),
        "not-json"
    );
}

#[test]
fn oversize_body_is_refused_before_parsing() {
    // Not JSON at all: if it were parsed first, this would be NotJson.
    let body = vec![b'<'; limits::DOCUMENT_BYTES + 1];
    let err = parse_incident(&body).expect_err("too large");
    assert_eq!(
        err,
        DocumentError::TooLarge {
            bytes: limits::DOCUMENT_BYTES + 1,
            limit: limits::DOCUMENT_BYTES
        }
    );
    assert_eq!(err.code(), "too-large");
    // Exactly at the limit is still read.
    let mut padded = SAMPLE.as_bytes().to_vec();
    padded.resize(limits::DOCUMENT_BYTES, b' ');
    assert!(parse_incident(&padded).is_ok());
}

// ---------------------------------------------------------------- types

#[test]
fn wrong_types() {
    let cases: [(&str, Mutate, &str, &str); 8] = [
        (
            "title",
            |v| v["title"] = json!(5),
            "title",
            "expected text, found a number",
        ),
        (
            "aliases",
            |v| v["aliases"] = json!("APM-0005"),
            "aliases",
            "expected a list, found text",
        ),
        (
            "dates",
            |v| v["dates"]["occurred"] = json!(2025),
            "dates.occurred",
            "expected text, found a number",
        ),
        (
            "severity",
            |v| v["severity"]["score"] = json!("3"),
            "severity.score",
            "expected a whole number from 0 to 4294967295, found text",
        ),
        (
            "claims",
            |v| v["claims"][2]["status"] = json!(true),
            "claims[2].status",
            "expected text, found true or false",
        ),
        (
            "sources",
            |v| v["sources"][1]["url"] = json!({"href": "https://example.org"}),
            "sources[1].url",
            "expected text, found an object",
        ),
        (
            "allow_http",
            |v| v["allow_http"] = json!("yes"),
            "allow_http",
            "expected true or false, found text",
        ),
        (
            "revision",
            |v| v["revision"] = json!(1.5),
            "revision",
            "expected a whole number from 0 to 4294967295, found a number",
        ),
    ];
    for (name, set, path, fragment) in cases {
        let mut v = doc();
        set(&mut v);
        let err = parse(&v).expect_err(name);
        assert_eq!(err.code(), "invalid", "{name}: {err:?}");
        assert_eq!(err.id(), Some("ICS-0001"), "{name}");
        assert_only(&v, path, fragment);
    }
}

#[test]
fn missing_required_field() {
    for field in ["title", "summary", "severity", "licence"] {
        let mut v = doc();
        v.as_object_mut().expect("object").remove(field);
        assert_only(&v, field, "is required");
    }
    let mut v = doc();
    v["severity"]
        .as_object_mut()
        .expect("object")
        .remove("level");
    assert_only(&v, "severity.level", "is required");
}

#[test]
fn error_messages_do_not_echo_control_characters() {
    let mut v = doc();
    v["lang"] = json!("e\u{202E}n");
    let ps = problems(&v);
    let lang = ps.iter().find(|p| p.path == "lang").expect("lang problem");
    assert!(!lang.message.contains('\u{202E}'), "{lang}");
    let mut v = doc();
    v["status"] = json!("\u{1b}[31mred");
    let err = parse(&v).expect_err("bad status");
    assert!(!err.to_string().contains('\u{1b}'), "{err}");
}

// ---------------------------------------------------------------- all at once

#[test]
fn every_problem_is_reported_together() {
    let mut v = doc();
    v["aliases"][0] = json!("ICS-0001");
    v["title"] = json!("");
    v["lang"] = json!("english");
    v["dates"]["modified"] = json!("2026-01-01");
    v["severity"]["score"] = json!(9);
    v["sources"][2]["url"] = json!("javascript:alert(1)");
    v["claims"][0]["sources"] = json!([]);
    v["cause_chain"][4]["stage"] = json!("trigger");
    v["impact"]["duration"] = json!("13h");
    v["related"][0]["id"] = json!("ICS-0001");
    v["licence"]["spdx"] = json!("CC BY");
    v["revision"] = json!(0);
    let err = parse(&v).expect_err("invalid");
    let paths: Vec<String> = problems(&v).into_iter().map(|p| p.path).collect();
    assert_eq!(
        paths,
        [
            "aliases[0]",
            "title",
            "lang",
            "dates.modified",
            "severity.score",
            "sources[2].url",
            "claims[0].sources",
            "cause_chain[4].stage",
            "impact.duration",
            "related[0].id",
            "licence.spdx",
            "revision",
        ]
    );
    assert_eq!(err.lines().len(), 12);
    assert!(err.to_string().ends_with("(and 11 more)"), "{err}");
    assert!(err.lines()[0].starts_with("aliases[0]: "));
}

// ---------------------------------------------------------------- index

fn index() -> Value {
    serde_json::from_str(INDEX).expect("index is JSON")
}

#[track_caller]
fn index_problems(v: &Value) -> Vec<Problem> {
    match parse_index(v.to_string().as_bytes()) {
        Err(DocumentError::Invalid { problems, .. }) => problems,
        other => panic!("expected an invalid index, got {other:?}"),
    }
}

#[test]
fn the_sample_index_is_valid() {
    let i = parse_index(INDEX.as_bytes()).expect("valid");
    assert_eq!(i.incidents.len(), 8);
}

#[test]
fn index_href_must_stay_inside_the_registry() {
    for bad in [
        "../secrets.json",
        "incidents/../../x.json",
        "/etc/passwd",
        "https://example.org/x.json",
        "incidents//x.json",
        "./x.json",
        "incidents/x y.json",
        "",
    ] {
        let mut v = index();
        v["incidents"][3]["href"] = json!(bad);
        let ps = index_problems(&v);
        assert_eq!(ps.len(), 1, "{bad}: {ps:#?}");
        assert_eq!(ps[0].path, "incidents[3].href");
        assert!(ps[0]
            .message
            .contains("must be a relative path inside the registry"));
    }
}

#[test]
fn index_duplicate_id() {
    let mut v = index();
    v["incidents"][5]["id"] = json!("ICS-0002");
    let ps = index_problems(&v);
    assert_eq!(ps.len(), 1, "{ps:#?}");
    assert_eq!(ps[0].path, "incidents[5].id");
    assert_eq!(ps[0].message, "\"ICS-0002\" appears twice in the index");
}

#[test]
fn index_entries_follow_the_document_rules() {
    let mut v = index();
    v["incidents"][0]["title"] = json!("");
    v["incidents"][0]["occurred"] = json!("2025-13");
    v["incidents"][0]["filed"] = json!("2025-01-01");
    v["incidents"][2]["severity"]["score"] = json!(3);
    let ps = index_problems(&v);
    let lines: Vec<String> = ps.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "incidents[0].title: must not be empty",
            "incidents[0].occurred: \"2025-13\": month 13 does not exist",
            "incidents[2].severity.scale_max: is required with a score (e.g. 5 for \"3 / 5\")",
        ]
    );
}

#[test]
fn index_without_schema_version_or_of_a_new_major() {
    let mut v = index();
    v.as_object_mut().expect("object").remove("schema_version");
    assert_eq!(
        parse_index(v.to_string().as_bytes()).expect_err("x").code(),
        "not-incident"
    );
    let mut v = index();
    v["schema_version"] = json!("2.0.0");
    assert_eq!(
        parse_index(v.to_string().as_bytes()).expect_err("x").code(),
        "unsupported-version"
    );
}

#[test]
fn index_too_large_is_refused_before_parsing() {
    let body = vec![b' '; limits::INDEX_BYTES + 1];
    assert_eq!(
        parse_index(&body).expect_err("x"),
        DocumentError::TooLarge {
            bytes: limits::INDEX_BYTES + 1,
            limit: limits::INDEX_BYTES
        }
    );
}

#[test]
fn index_with_too_many_entries() {
    let entry = json!({
        "id": "ICS-1", "href": "incidents/ICS-1.json", "title": "T", "summary": "S",
        "severity": {"value": "Low", "level": "low"}
    });
    let mut v = index();
    v["incidents"] = json!(vec![entry; limits::INDEX_ENTRIES + 1]);
    let body = v.to_string();
    assert!(body.len() <= limits::INDEX_BYTES);
    let ps = index_problems(&v);
    assert_eq!(
        ps,
        [Problem {
            path: "incidents".to_owned(),
            message: format!(
                "has {} entries (at most {} allowed)",
                limits::INDEX_ENTRIES + 1,
                limits::INDEX_ENTRIES
            )
        }]
    );
}

// ---------------------------------------------------------------- history

/// The sample at revision 3, with the history of all three.
fn revised() -> Value {
    let mut v = doc();
    v["revision"] = json!(3);
    v["history"] = json!([
        {"revision": 1, "date": "2026-11-21", "url": "https://registry.example/cases/ICS-0001/r1/"},
        {"revision": 2, "date": "2026-12-01", "changes": ["changed: summary"]},
        {"revision": 3, "date": "2026-12-04", "changes": ["claim now disputed: x", "source added: y"]}
    ]);
    v
}

#[test]
fn a_history_is_valid_and_tells_what_changed_since_a_revision() {
    let v = revised();
    assert_valid(&v);
    let d = parse(&v).unwrap();
    let s = d.since(1).unwrap();
    assert_eq!(
        s.lines,
        [
            "claim now disputed: x",
            "source added: y",
            "changed: summary"
        ],
        "newest revision first"
    );
    assert_eq!(s.kept, Some("https://registry.example/cases/ICS-0001/r1/"));
    assert_eq!(s.date, Some("2026-12-04"), "the history's last date");
    let s = d.since(2).unwrap();
    assert_eq!(s.lines.len(), 2);
    assert_eq!(s.kept, None, "kept nowhere");
    assert_eq!(d.since(3), None, "the same revision");
    assert_eq!(d.since(7), None, "a later revision than the live one");
}

#[test]
fn a_history_that_starts_after_the_embedded_revision_lists_nothing() {
    // Revisions 2 and 3 in the history, revision 1 embedded: what revision 2 changed from 1 is
    // not known, so no part of the list is shown as if it were the whole.
    let mut v = revised();
    v["history"].as_array_mut().unwrap().remove(0);
    assert_valid(&v);
    let d = parse(&v).unwrap();
    let s = d.since(1).unwrap();
    assert!(s.lines.is_empty(), "{:?}", s.lines);
    assert_eq!(s.kept, None);
    assert_eq!(s.date, Some("2026-12-04"));
    // A gap is no such case: revision 2 embedded, history of 1 and 3; revision 3's lines are
    // what changed from 2.
    let mut v = revised();
    v["history"].as_array_mut().unwrap().remove(1);
    let d = parse(&v).unwrap();
    let s = d.since(2).unwrap();
    assert_eq!(s.lines, ["claim now disputed: x", "source added: y"]);
    assert_eq!(s.kept, None);
    // A document without history still says that it is newer, and when (`modified`).
    let mut plain = doc();
    plain["revision"] = json!(2);
    plain["dates"]["modified"] = json!("2026-12-01");
    let d = parse(&plain).unwrap();
    let s = d.since(1).unwrap();
    assert!(s.lines.is_empty());
    assert_eq!((s.date, s.kept), (Some("2026-12-01"), None));
}

#[test]
fn history_entries_follow_the_rules() {
    let cases: [(&str, Mutate, &str); 7] = [
        (
            "history[1].revision",
            |v| v["history"][1]["revision"] = json!(1),
            "is not after the revision before it",
        ),
        (
            "history[0].revision",
            |v| v["history"][0]["revision"] = json!(0),
            "revisions start at 1",
        ),
        (
            "history[2].date",
            |v| v["history"][2]["date"] = json!("2026-11-30"),
            "is before the date of the revision before it",
        ),
        (
            "history[1].date",
            |v| v["history"][1]["date"] = json!("2026-12"),
            "expected a full date",
        ),
        (
            "history[0].url",
            |v| v["history"][0]["url"] = json!("javascript:alert(1)"),
            "scheme \"javascript\" is not allowed",
        ),
        (
            "history[2].changes[1]",
            |v| v["history"][2]["changes"][1] = json!("a\u{202e}b"),
            "U+202E",
        ),
        (
            "history[2].changes[0]",
            |v| v["history"][2]["changes"][0] = json!(chars(limits::CHANGE + 1)),
            "longer than 700",
        ),
    ];
    for (path, mutate, fragment) in cases {
        let mut v = revised();
        mutate(&mut v);
        assert_only(&v, path, fragment);
    }
}

#[test]
fn a_history_lies_within_the_documents_own_dates() {
    // The sample was filed on 2026-11-21; its first revision is that day.
    let mut v = revised();
    v["history"][0]["date"] = json!("2026-11-20");
    assert_only(
        &v,
        "history[0].date",
        "2026-11-20 is before the case was filed (`dates.filed`, 2026-11-21); correct this date or `dates.filed`",
    );
    // `modified` is the day the document last changed: the newest revision's day or later.
    let mut v = revised();
    v["dates"]["modified"] = json!("2026-12-03");
    assert_only(
        &v,
        "dates.modified",
        "2026-12-03 is before the newest revision's date (2026-12-04)",
    );
    for modified in ["2026-12-04", "2026-12-05"] {
        let mut v = revised();
        v["dates"]["modified"] = json!(modified);
        assert_valid(&v);
    }
    // A first entry that is not revision 1 (a history kept from a later revision on) is held to
    // the same day, and a date that is not a day is reported once, as such.
    let mut v = revised();
    v["history"].as_array_mut().unwrap().remove(0);
    v["history"][0]["date"] = json!("2026-11-01");
    assert_only(&v, "history[0].date", "is before the case was filed");
    let mut v = revised();
    v["dates"]["modified"] = json!("2026-12-01");
    v["history"][2]["date"] = json!("2026-12");
    assert_only(&v, "history[2].date", "expected a full date");
}

#[test]
fn a_history_ends_with_the_documents_revision() {
    let mut v = revised();
    v["revision"] = json!(4);
    assert_only(&v, "history", "does not end with this revision");
    let mut v = revised();
    v["history"].as_array_mut().unwrap().pop();
    assert_only(&v, "history", "does not end with this revision");
}

#[test]
fn a_long_history_and_a_long_list_of_changes_are_refused() {
    let mut v = doc();
    let n = limits::HISTORY as u32 + 1;
    v["revision"] = json!(n);
    v["history"] = json!((1..=n)
        .map(|r| json!({"revision": r, "date": "2026-11-21"}))
        .collect::<Vec<_>>());
    assert_only(&v, "history", "at most 100");
    let mut v = revised();
    v["history"][2]["changes"] = json!(vec!["x"; limits::CHANGES + 1]);
    assert_only(&v, "history[2].changes", "at most 40");
}

/// `JSON.parse` reads `1e400` as `Infinity` where serde_json refuses it, so `precheck` refuses it
/// before any parser runs: here, that its message and place are serde_json's own. (The regression
/// test, the widget's route against this one, is `tests/reader_in_browser.rs`.)
#[test]
fn a_number_out_of_range_is_refused_as_serde_json_refuses_it() {
    let at_score = SAMPLE.replace("\"score\": 3,", "\"score\": 1e400,");
    let negative = SAMPLE.replace("\"score\": 3,", "\"score\": -17976931348623159e292 ,");
    let in_list = SAMPLE.replace("\"score\": 3,", "\"score\": 3, \"x_figures\": [1, 2e308],");
    assert_ne!(at_score, SAMPLE, "the sample has a score of 3");
    for body in [&at_score, &negative, &in_list] {
        let by_serde = serde_json::from_str::<serde_json::Value>(body).expect_err("out of range");
        let err = parse_incident(body.as_bytes()).expect_err("out of range");
        assert_eq!(
            err,
            DocumentError::NotJson {
                message: "number out of range".to_owned(),
                line: by_serde.line(),
                column: by_serde.column(),
            },
            "{by_serde}"
        );
    }
    // In a string, or as large as a double goes, it is no error.
    let in_text = SAMPLE.replace("\"score\": 3,", "\"score\": 3, \"x_note\": \"1e400\",");
    assert!(parse_incident(in_text.as_bytes()).is_ok());
    let largest = SAMPLE.replace(
        "\"score\": 3,",
        "\"score\": 3, \"x_max\": 1.7976931348623157e308,",
    );
    assert!(parse_incident(largest.as_bytes()).is_ok());
}
