//! Embeds the UI string catalogues, `locales/{lang}.json`, as sorted static slices.
//! Adding a language is adding its file: no code changes.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=locales");
    let mut files: Vec<_> = fs::read_dir("locales")
        .expect("the locales folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    // `embed.*` strings are written into embed pages and `embed.js` at build
    // time (crates/prerender); the browser app never shows them.
    let browser = env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    let mut out = String::from("/// UI string catalogues by language code, keys sorted.\npub static CATALOGUES: &[(&str, tribuna_core::i18n::Catalogue)] = &[\n");
    for path in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let code = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = fs::read_to_string(&path).unwrap();
        let map: BTreeMap<String, String> =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        writeln!(out, "    ({code:?}, &[").unwrap();
        for (k, v) in map.into_iter().filter(|(k, _)| !(browser && k.starts_with("embed."))) {
            writeln!(out, "        ({k:?}, {v:?}),").unwrap();
        }
        out.push_str("    ]),\n");
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("locales.rs");
    fs::write(dest, out).unwrap();
}
