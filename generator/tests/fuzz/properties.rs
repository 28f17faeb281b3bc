//! The properties: each draws inputs from a strategy and runs them through the pipeline.

use proptest::prelude::*;
use proptest::sample::Index;

use crate::capabilities::gen_capability;
use crate::companions::capability_companion_overlay;
use crate::mutations::{Target, apply, mutation};
use crate::overlays::{gen_overlay, golden_with_overlay, targets_of, typing_overlay};
use crate::tame::tame_capability;
use crate::{capability_only, fuzz, golden, seeds};

// ---------------------------------------------------------------------------------------
// (a) Arbitrary text
// ---------------------------------------------------------------------------------------

#[test]
fn arbitrary_text_does_not_panic() {
    fuzz("arbitrary text", 64, any::<String>(), |text| {
        vec![capability_only(text)]
    });
}

#[test]
fn yaml_punctuation_does_not_panic() {
    let text = "([a-z:{}\\[\\]\\n\\- *&!|>'\"#%@`,?~.()/\\\\]|  |\\n  |: |- ){0,120}";
    fuzz("YAML punctuation", 64, text, |text| {
        let minimal = &golden("minimal").capability;
        let companion = golden("companion");
        vec![
            capability_only(text.clone()),
            (minimal.clone(), Some(text.clone()), None),
            (minimal.clone(), Some(format!("overlay: 1\n{text}")), None),
            (companion.capability.clone(), None, Some(text.clone())),
            (
                companion.capability.clone(),
                None,
                Some(format!("swagger: '2.0'\n{text}")),
            ),
        ]
    });
}

// ---------------------------------------------------------------------------------------
// (b) Mutations of the fixtures
// ---------------------------------------------------------------------------------------

#[test]
fn mutated_fixtures_do_not_panic() {
    let strategy = (
        any::<Index>(),
        prop_oneof![
            4 => Just(Target::Capability),
            1 => Just(Target::Overlay),
            1 => Just(Target::Companion),
        ],
        prop::collection::vec(mutation(), 1..8),
    );
    fuzz(
        "mutated fixtures",
        128,
        strategy,
        |(seed, target, mutations)| {
            let seed = seed.get(seeds());
            let mut capability = seed.capability.clone();
            let mut overlay = seed.overlay.clone();
            let mut companion = seed.companion.clone();
            match target {
                Target::Capability => capability = apply(&capability, &mutations),
                Target::Overlay => overlay = overlay.map(|o| apply(&o, &mutations)),
                Target::Companion => companion = companion.map(|c| apply(&c, &mutations)),
            }
            vec![(capability, overlay, companion)]
        },
    );
}

// ---------------------------------------------------------------------------------------
// (c) Structured documents
// ---------------------------------------------------------------------------------------

#[test]
fn tame_capabilities_do_not_panic() {
    fuzz(
        "tame capabilities (odd names)",
        96,
        tame_capability().prop_flat_map(|c| {
            let yaml = c.to_yaml();
            let (targets, params) = targets_of(&yaml);
            (Just(yaml), gen_overlay(targets, params))
        }),
        |(capability, overlay)| {
            let typing = typing_overlay(&targets_of(&capability).0);
            vec![
                capability_only(capability.clone()),
                (capability.clone(), Some(typing), None),
                (capability, Some(overlay.to_yaml()), None),
            ]
        },
    );
}

#[test]
fn generated_capabilities_do_not_panic() {
    fuzz("generated capabilities", 96, gen_capability(), |c| {
        vec![capability_only(c.to_yaml())]
    });
}

#[test]
fn generated_capabilities_with_overlays_do_not_panic() {
    let strategy = gen_capability().prop_flat_map(|c| {
        let (targets, params) = targets_of(&c.to_yaml());
        (Just(c), gen_overlay(targets, params))
    });
    fuzz(
        "generated capabilities with overlays",
        96,
        strategy,
        |(capability, overlay)| vec![(capability.to_yaml(), Some(overlay.to_yaml()), None)],
    );
}

#[test]
fn random_overlays_on_golden_capabilities_do_not_panic() {
    fuzz(
        "random overlays on golden capabilities",
        96,
        golden_with_overlay(),
        |(seed, with_companion, overlay)| {
            let companion = if with_companion {
                golden("companion").companion.clone()
            } else {
                seed.companion.clone()
            };
            vec![(seed.capability.clone(), Some(overlay.to_yaml()), companion)]
        },
    );
}

#[test]
fn generated_companions_do_not_panic() {
    fuzz(
        "generated companions",
        64,
        capability_companion_overlay(),
        |(capability, companion, overlay)| {
            let typing = typing_overlay(&targets_of(&capability).0);
            vec![
                (capability.clone(), None, Some(companion.clone())),
                (capability.clone(), Some(typing), Some(companion.clone())),
                (capability, Some(overlay), Some(companion)),
            ]
        },
    );
}
