//! `tribuna-tools`: content chores from the command line.
//!
//! ```text
//! tribuna-tools check  [CONTENT_DIR]   validate every file and the cross-references
//! tribuna-tools index  [CONTENT_DIR]   write the index pages (statements/index*.json, topics/*.json)
//! tribuna-tools archive N OUT_DIR      write a synthetic archive of N statements (tests, benchmarks)
//! tribuna-tools related SLUG LANG [CONTENT_DIR]   the related rail of a statement, as the app ranks it
//! tribuna-tools schema [SCHEMA_DIR]    write the JSON Schemas of the content format
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use tribuna_tools::{schemas, ContentDir};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = |default: &str| PathBuf::from(args.get(1).map(String::as_str).unwrap_or(default));
    match args.first().map(String::as_str) {
        Some("check") => check(dir("public/content")),
        Some("index") => {
            let root = dir("public/content");
            match ContentDir::load(&root) {
                Ok(c) => {
                    let written = c.write_indexes().expect("write the index files");
                    println!("{}: wrote {written} index files for {} statements", root.display(), c.statements.len());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::FAILURE
                }
            }
        }
        Some("archive") => {
            let (Some(n), Some(out)) = (args.get(1).and_then(|n| n.parse().ok()), args.get(2)) else {
                eprintln!("usage: tribuna-tools archive N OUT_DIR");
                return ExitCode::from(2);
            };
            match tribuna_tools::archive::write(
                PathBuf::from("public/content").as_path(),
                PathBuf::from(out).as_path(),
                n,
            ) {
                Ok(()) => {
                    println!("wrote a synthetic archive of {n} statements to {out}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::FAILURE
                }
            }
        }
        Some("related") => {
            let (Some(slug), Some(lang)) = (args.get(1), args.get(2)) else {
                eprintln!("usage: tribuna-tools related SLUG LANG [CONTENT_DIR]");
                return ExitCode::from(2);
            };
            let root = PathBuf::from(args.get(3).map(String::as_str).unwrap_or("public/content"));
            match ContentDir::load(&root).map(|c| c.related(slug, lang)) {
                Ok(Some(slugs)) => {
                    slugs.iter().for_each(|s| println!("{s}"));
                    ExitCode::SUCCESS
                }
                Ok(None) => {
                    eprintln!("no statement \"{slug}\"");
                    ExitCode::FAILURE
                }
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::FAILURE
                }
            }
        }
        Some("schema") => {
            let out = dir("public/schema");
            std::fs::create_dir_all(&out).expect("create the schema folder");
            for (name, text) in schemas() {
                std::fs::write(out.join(name), text).expect("write a schema");
                println!("wrote {}", out.join(name).display());
            }
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("usage: tribuna-tools check|index [CONTENT_DIR] | schema [SCHEMA_DIR]");
            ExitCode::from(2)
        }
    }
}

fn check(root: PathBuf) -> ExitCode {
    let checked = tribuna_tools::check::check_dir(&root);
    for p in &checked.problems {
        eprintln!("{p}");
    }
    if checked.problems.is_empty() {
        let authors = checked.content.as_ref().map_or(0, |c| c.authors.authors.len());
        println!("{}: {} statements, {authors} authors: all valid", root.display(), checked.statements);
        ExitCode::SUCCESS
    } else {
        eprintln!("{}: {} problems", root.display(), checked.problems.len());
        ExitCode::FAILURE
    }
}
