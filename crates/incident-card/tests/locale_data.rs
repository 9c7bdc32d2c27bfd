//! The card's locale data against the browser's own (`Intl`, which is ICU in Chromium): plural
//! categories, long dates, month-and-year dates and digit grouping, in each UI language. The card
//! writes these rules out (`src/i18n.rs`) rather than carry ICU; this is what keeps them right.
//!
//! ```text
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!   cargo test -p incident-card --features bundled-locales --target wasm32-unknown-unknown --test locale_data
//! ```
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
#![cfg(target_arch = "wasm32")]

use incident_card::{Locale, Texts};
use incident_model::PartialDate;
use js_sys::{Array, Date, Function, Intl, Object, Reflect};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The locale as `Intl` takes it: Latin digits everywhere (Arabic included, see the crate docs).
fn intl_locale(l: Locale) -> Array {
    let tag = match l {
        Locale::En => "en-GB",
        Locale::De => "de",
        Locale::Es => "es",
        Locale::Ar => "ar-u-nu-latn",
    };
    Array::of1(&JsValue::from_str(tag))
}

fn options(pairs: &[(&str, &str)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &JsValue::from_str(k), &JsValue::from_str(v)).unwrap();
    }
    o
}

/// Text as `Intl` writes it, without the bidirectional marks it may put around parts.
fn plain(v: JsValue) -> String {
    v.as_string()
        .unwrap()
        .chars()
        .filter(|c| !matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}'))
        .map(|c| {
            if c == '\u{a0}' || c == '\u{202f}' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

#[wasm_bindgen_test]
fn plural_categories_match_intl() {
    let mut numbers: Vec<u64> = (0..=250).collect();
    numbers.extend([
        1000, 1001, 1002, 1003, 1011, 1100, 100_000, 1_000_000, 2_000_000, 1_000_001,
    ]);
    for l in Locale::ALL {
        let rules = Intl::PluralRules::new(&intl_locale(l), &Object::new());
        for n in &numbers {
            let theirs = rules.select(*n as f64).as_string().unwrap();
            assert_eq!(
                l.plural(*n).as_str(),
                theirs,
                "{}: plural category of {n}",
                l.tag()
            );
        }
    }
}

#[wasm_bindgen_test]
fn dates_match_intl() {
    let day = options(&[
        ("day", "numeric"),
        ("month", "long"),
        ("year", "numeric"),
        ("timeZone", "UTC"),
    ]);
    let month = options(&[("month", "long"), ("year", "numeric"), ("timeZone", "UTC")]);
    for l in Locale::ALL {
        let t = Texts::of(l);
        assert_eq!(
            t.locale(),
            l,
            "the catalogues are bundled in this test build"
        );
        let long = Intl::DateTimeFormat::new(&intl_locale(l), &day).format();
        let short = Intl::DateTimeFormat::new(&intl_locale(l), &month).format();
        for (y, m, d) in [
            (2025u16, 12u8, 15u8),
            (2024, 1, 1),
            (2026, 3, 4),
            (2019, 5, 31),
            (2023, 2, 28),
        ]
        .into_iter()
        .chain((1..=12u8).map(|m| (2025, m, 9)))
        {
            let js = Date::new(&JsValue::from_f64(Date::utc(
                f64::from(y),
                f64::from(m - 1),
            )));
            js.set_utc_date(u32::from(d));
            let ours = t.date(&PartialDate {
                year: y,
                month: Some(m),
                day: Some(d),
            });
            let theirs = plain(Function::call1(&long, &JsValue::NULL, &js).unwrap());
            assert_eq!(ours, theirs, "{}: {y}-{m}-{d}", l.tag());
            let ours = t.date(&PartialDate {
                year: y,
                month: Some(m),
                day: None,
            });
            let theirs = plain(Function::call1(&short, &JsValue::NULL, &js).unwrap());
            assert_eq!(ours, theirs, "{}: {y}-{m}", l.tag());
        }
    }
}

#[wasm_bindgen_test]
fn numbers_match_intl() {
    for l in Locale::ALL {
        let format = Intl::NumberFormat::new(&intl_locale(l), &Object::new()).format();
        for n in [
            0u64, 7, 999, 1000, 1234, 9999, 10_000, 12_345, 100_000, 1_234_567, 25_000_000,
        ] {
            let theirs = plain(
                Function::call1(&format, &JsValue::NULL, &JsValue::from_f64(n as f64)).unwrap(),
            );
            assert_eq!(l.number(n), theirs, "{}: {n}", l.tag());
        }
    }
}
