//! The message catalogues (`locales/*.json`): every language has exactly English's keys, the
//! plural categories its rules use, the same placeholders, and no English left where it should
//! have its own words. The build (`build.rs`) is lenient, a missing message falls back to
//! English at run time; this is what fails.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use incident_card::i18n::{Locale, Msg, Texts, KEYS, SLOTS};
use serde_json::Value;

fn catalogue(lang: &str) -> BTreeMap<String, Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("locales/{lang}.json"));
    let text = std::fs::read_to_string(&path).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `{name}` placeholders of a message.
fn placeholders(s: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = s;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                out.insert(after[..close].to_owned());
                rest = &after[close + 1..];
            }
            None => break,
        }
    }
    out
}

/// Every problem of `lang`'s catalogue against English's, in words.
fn problems(lang: Locale, cat: &BTreeMap<String, Value>) -> Vec<String> {
    let en = catalogue("en");
    let mut out = Vec::new();
    for key in en.keys().filter(|k| !cat.contains_key(*k)) {
        out.push(format!("{}: missing {key}", lang.tag()));
    }
    for key in cat.keys().filter(|k| !en.contains_key(*k)) {
        out.push(format!("{}: extra key {key} (not in en.json)", lang.tag()));
    }
    for (key, value) in cat {
        let Some(english) = en.get(key) else { continue };
        let want = match english {
            Value::Object(forms) => {
                placeholders(forms.get("other").and_then(Value::as_str).unwrap_or(""))
            }
            _ => placeholders(english.as_str().unwrap_or("")),
        };
        match (english, value) {
            (Value::String(_), Value::String(s)) => {
                if s.trim().is_empty() {
                    out.push(format!("{}: {key} is empty", lang.tag()));
                }
                if placeholders(s) != want {
                    out.push(format!(
                        "{}: {key} has placeholders {:?}, English {want:?}",
                        lang.tag(),
                        placeholders(s)
                    ));
                }
            }
            (Value::Object(_), Value::Object(forms)) => {
                let need: BTreeSet<&str> = lang.categories().iter().map(|c| c.as_str()).collect();
                let have: BTreeSet<&str> = forms.keys().map(String::as_str).collect();
                if need != have {
                    out.push(format!(
                        "{}: {key} has the plural forms {have:?}; the language needs {need:?}",
                        lang.tag()
                    ));
                }
                // Every form names the count, except where the language words it (one, two).
                for (form, s) in forms {
                    let s = s.as_str().unwrap_or("");
                    if s.trim().is_empty() {
                        out.push(format!("{}: {key}#{form} is empty", lang.tag()));
                    }
                    let got = placeholders(s);
                    if !got.is_subset(&want)
                        || (got != want && !matches!(form.as_str(), "one" | "two"))
                    {
                        out.push(format!(
                            "{}: {key}#{form} has placeholders {got:?}, English {want:?}",
                            lang.tag()
                        ));
                    }
                }
            }
            _ => out.push(format!(
                "{}: {key} is a {} where English has a {}",
                lang.tag(),
                if value.is_object() {
                    "plural"
                } else {
                    "string"
                },
                if english.is_object() {
                    "plural"
                } else {
                    "string"
                }
            )),
        }
    }
    out
}

#[test]
fn every_catalogue_matches_english() {
    let all: Vec<String> = Locale::ALL
        .iter()
        .flat_map(|l| problems(*l, &catalogue(l.tag())))
        .collect();
    assert!(all.is_empty(), "{}", all.join("\n"));
}

#[test]
fn a_missing_or_extra_key_is_reported() {
    // The check itself can fail: a German catalogue without one key and with a stray one.
    let mut de = catalogue("de");
    de.remove("sources.heading");
    de.insert("sources.headline".into(), Value::String("Quellen".into()));
    de.insert(
        "counts.sources".into(),
        serde_json::json!({ "other": "{n} Quellen" }),
    );
    let found = problems(Locale::De, &de);
    assert!(
        found.iter().any(|p| p == "de: missing sources.heading"),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|p| p.contains("extra key sources.headline")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|p| p.contains("counts.sources has the plural forms")),
        "{found:?}"
    );
}

#[test]
fn no_english_left_in_a_translation() {
    // A translated message equal to the English one is an untranslated message, except for the
    // few that are the same word in both (names, symbols, patterns).
    let same_ok = [
        "org.role",
        "list.sep",
        "date.month",
        "date.day",
        "cite.permalink",
        "month.04",
        "month.08",
        "month.09",
        "month.11",
        "filter.organisation",
        "cite.revision",
    ];
    let en = catalogue("en");
    for lang in [Locale::De, Locale::Es, Locale::Ar] {
        let cat = catalogue(lang.tag());
        for (key, value) in &cat {
            if same_ok.contains(&key.as_str()) || value.is_object() {
                continue;
            }
            assert_ne!(
                Some(value),
                en.get(key),
                "{}: {key} is still English",
                lang.tag()
            );
        }
    }
}

#[test]
fn the_generated_table_has_a_slot_for_every_message() {
    let en = catalogue("en");
    let slots: usize = en
        .iter()
        .filter(|(k, _)| !k.starts_with("loader."))
        .map(|(_, v)| if v.is_object() { 6 } else { 1 })
        .sum();
    assert_eq!(SLOTS, slots);
    assert_eq!(KEYS.len(), SLOTS);
    assert_eq!(KEYS[Msg::SourcesHeading as usize], "sources.heading");
    assert_eq!(KEYS[Msg::CountsSources as usize], "counts.sources#zero");
    // The error card finds a code's sentence by its place in the run of `problem.*` keys.
    for (i, code) in incident_card::components::error_card::PROBLEMS
        .iter()
        .enumerate()
    {
        assert_eq!(
            KEYS[Msg::ProblemBadOptions as usize + i],
            format!("problem.{code}")
        );
    }
    let problems = KEYS.iter().filter(|k| k.starts_with("problem.")).count();
    assert_eq!(
        problems,
        incident_card::components::error_card::PROBLEMS.len()
    );
    // The table build.rs wrote for each language holds the catalogue's words, slot by slot
    // (native builds carry all four tables).
    assert_eq!(KEYS[0], "ai.alleged");
    for lang in Locale::ALL {
        let t = Texts::of(lang);
        assert_eq!(
            t.locale(),
            lang,
            "{} is bundled in native builds",
            lang.tag()
        );
        let cat = catalogue(lang.tag());
        for (i, key) in KEYS.iter().enumerate() {
            let (key, form) = key.split_once('#').unwrap_or((key, ""));
            let want = match cat.get(key) {
                Some(Value::Object(forms)) => forms.get(form).and_then(Value::as_str),
                other => other.and_then(Value::as_str),
            };
            if let Some(want) = want {
                assert_eq!(
                    t.slot_after(Msg::AiAlleged, i),
                    Some(want),
                    "{}: {key}",
                    lang.tag()
                );
            }
        }
    }
}
