//! The stylesheet's rules: units, no remote resources, the states it must style, host-overridable
//! colours, and AA contrast of its default colours in both themes (badges included).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::HashMap;

fn css() -> String {
    incident_card::STYLESHEET.to_owned()
}

#[test]
fn units_resources_and_states() {
    let css = css();
    assert!(
        !css.contains("rem"),
        "rem units: the host's root font size must not matter"
    );
    for banned in ["url(", "@import", "@font-face", "style="] {
        assert!(!css.contains(banned), "{banned}: no remote resources");
    }
    for needed in [
        ":host{",
        ":focus-visible",
        "prefers-reduced-motion",
        "@media print",
        "@media (prefers-color-scheme:dark){.ic-card[data-theme=auto]",
        ".ic-card[data-theme=dark]",
        "@container",
        "font:400 15px/1.55 system-ui",
        ".ic-skeleton[data-variant=full]{min-height:",
        ".ic-skeleton[data-variant=compact]{min-height:",
    ] {
        assert!(css.contains(needed), "missing {needed}");
    }
    // A card loading over its skeleton keeps the skeleton's height until it settles
    // (`.ic-root[data-loading]`, www/loader/steady.js): the two heights are the same numbers.
    for (skeleton, loading) in [
        (
            ".ic-skeleton[data-variant=full]{min-height:",
            ".ic-root[data-loading]{height:",
        ),
        (
            ".ic-skeleton[data-variant=compact]{min-height:",
            ".ic-root[data-loading=compact]{height:",
        ),
    ] {
        let value = |marker: &str| {
            let rest = &css[css
                .find(marker)
                .unwrap_or_else(|| panic!("missing {marker}"))
                + marker.len()..];
            rest[..rest.find([';', '}']).unwrap()].to_owned()
        };
        assert_eq!(
            value(skeleton),
            value(loading),
            "{loading} must match {skeleton}"
        );
    }
    // Downloaded by every page: keep it small (the brotli budget of the first card is the real
    // limit, www/tests/size.test.mjs).
    assert!(css.len() < 10 * 1024, "stylesheet is {} bytes", css.len());
    // Right-to-left cards mirror by themselves: sides are logical (`inline-start`), never
    // physical. The one `left` centres the expand button, which is symmetric.
    for physical in [
        "margin-left",
        "margin-right",
        "padding-left",
        "padding-right",
        "border-left",
        "border-right",
        "text-align:left",
        "text-align:right",
        "float:",
        "right:",
    ] {
        assert!(!css.contains(physical), "{physical} in the stylesheet");
    }
    assert_eq!(
        css.matches("left:").count(),
        1,
        "only the expand button's left:50%"
    );
}

/// `--x:var(--ic-name,#hex)` declarations of one rule, as x → (public name, colour).
fn vars(rule: &str) -> HashMap<String, (String, [f64; 3])> {
    let mut out = HashMap::new();
    for decl in rule.split(';') {
        let Some((name, value)) = decl.trim_start_matches('{').split_once(":var(--ic-") else {
            continue;
        };
        let Some((public, hex)) = value.trim_end_matches('}').split_once(",#") else {
            continue;
        };
        out.insert(
            name.trim_start_matches("--").to_owned(),
            (public.to_owned(), rgb(hex)),
        );
    }
    out
}

fn rgb(hex: &str) -> [f64; 3] {
    let hex = hex.trim_end_matches(')');
    let hex: String = if hex.len() == 3 {
        hex.chars().flat_map(|c| [c, c]).collect()
    } else {
        hex.to_owned()
    };
    let n = u32::from_str_radix(&hex, 16).unwrap_or_else(|_| panic!("colour {hex}"));
    [(n >> 16) as f64, ((n >> 8) & 255) as f64, (n & 255) as f64]
}

fn luminance(c: [f64; 3]) -> f64 {
    let f = |v: f64| {
        let v = v / 255.0;
        if v <= 0.03928 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2])
}

fn contrast(a: [f64; 3], b: [f64; 3]) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

fn mix(a: [f64; 3], b: [f64; 3], t: f64) -> [f64; 3] {
    [0, 1, 2].map(|i| (a[i] * t + b[i] * (1.0 - t)).round())
}

fn rule<'a>(css: &'a str, selector: &str) -> &'a str {
    let start = css
        .find(selector)
        .unwrap_or_else(|| panic!("rule {selector}"))
        + selector.len();
    let end = css[start..].find('}').unwrap() + start;
    &css[start..end]
}

fn tint(rule: &str) -> f64 {
    let t = rule.split("--t:").nth(1).unwrap();
    t[..t.find('%').unwrap()].parse::<f64>().unwrap() / 100.0
}

#[test]
fn default_colours_meet_aa_in_both_themes() {
    let css = css();
    let light_owned = format!("--t:{}", rule(&css, ".ic-card,.ic-held{--t:"));
    let light_rule = light_owned.as_str();
    let dark_rule = rule(&css, ".ic-card[data-theme=dark],.ic-held[data-theme=dark]{");
    let auto_rule = rule(&css, ".ic-card[data-theme=auto],.ic-held[data-theme=auto]{");
    assert_eq!(dark_rule, auto_rule, "auto's dark colours are dark's");
    let light = vars(light_rule);
    let mut dark = light.clone();
    dark.extend(vars(dark_rule));
    for (name, theme, rule) in [("light", &light, light_rule), ("dark", &dark, dark_rule)] {
        let c = |k: &str| theme.get(k).unwrap_or_else(|| panic!("{name}: --{k}")).1;
        // Text on the backgrounds it is shown on.
        for (fg, bg) in [
            ("f", "b"),
            ("m", "b"),
            ("m", "s"),
            ("m", "n"),
            ("f", "n"),
            ("a", "b"),
            ("a", "s"),
            ("f", "s"),
        ] {
            let r = contrast(c(fg), c(bg));
            assert!(r >= 4.5, "{name}: --{fg} on --{bg} is {r:.2}:1");
        }
        // Badges: the level colour on its tint, and on the card (the related-case meta dots and
        // the claim-group markers).
        let t = tint(rule);
        for level in ["i", "o", "d", "h"] {
            let r = contrast(c(level), mix(c(level), c("b"), t));
            assert!(r >= 4.5, "{name}: badge --{level} is {r:.2}:1");
            let r = contrast(c(level), c("b"));
            assert!(r >= 4.5, "{name}: --{level} on the card is {r:.2}:1");
        }
        let r = contrast([255.0; 3], c("cb"));
        assert!(r >= 4.5, "{name}: critical badge is {r:.2}:1");
    }
    // Every colour is a public property a host can override.
    for public in [
        "bg",
        "fg",
        "accent",
        "muted",
        "line",
        "surface",
        "notice-bg",
        "sev-info",
        "sev-low",
        "sev-moderate",
        "sev-high",
        "sev-critical",
    ] {
        assert!(
            light.values().any(|(p, _)| p == public),
            "--ic-{public} is not read"
        );
    }
}
