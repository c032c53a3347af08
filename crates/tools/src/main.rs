//! `tribuna-tools`: content chores from the command line.
//!
//! ```text
//! tribuna-tools check  [CONTENT_DIR]   validate every file and the cross-references
//! tribuna-tools index  [CONTENT_DIR]   write the index pages (statements/index*.json, topics/*.json)
//! tribuna-tools archive N OUT_DIR      write a synthetic archive of N statements (tests, benchmarks)
//! tribuna-tools related SLUG LANG [CONTENT_DIR]   the related rail of a statement, as the app ranks it
//! tribuna-tools schema [SCHEMA_DIR]    write the JSON Schemas of the content format
//! tribuna-tools import wordpress EXPORT.xml [--out DIR] [flags]   import a WordPress export (docs/importing.md)
//! tribuna-tools import markdown [MARKDOWN_DIR] [--out DIR] [--force]   Markdown statements to JSON (docs/markdown.md)
//! tribuna-tools new SLUG [--dir MARKDOWN_DIR] [--out DIR]   start a statement as Markdown, one file per language
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
        Some("import") => match args.get(1).map(String::as_str) {
            Some("wordpress") => finish(import_wordpress(&args[2..])),
            Some("markdown") => finish(import_markdown(&args[2..])),
            _ => usage(),
        },
        Some("new") => finish(new_statement(&args[1..])),
        _ => usage(),
    }
}

const USAGE: &str = "usage: tribuna-tools check|index [CONTENT_DIR] | schema [SCHEMA_DIR] | archive N OUT_DIR
       | related SLUG LANG [CONTENT_DIR]
       | import wordpress EXPORT.xml [--out DIR] [--language CODE] [--uploads DIR] [--organisation author:LOGIN=ID]
                 [--organisation category:SLUG=ID] [--topics categories|tags] [--topic-map FILE] [--slogan-class NAME] [--force]
       | import markdown [MARKDOWN_DIR] [--out DIR] [--force]
       | new SLUG [--dir MARKDOWN_DIR] [--out DIR]";

fn usage() -> ExitCode {
    eprintln!("{USAGE}");
    ExitCode::from(2)
}

/// Prints a command's outcome: its report, or the error that stopped it.
fn finish(result: Result<(String, bool), String>) -> ExitCode {
    match result {
        Ok((report, ok)) => {
            print!("{report}");
            if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// A command's arguments: positional ones, and `--name value` / `--name` flags.
struct Args {
    positional: Vec<String>,
    flags: Vec<(String, String)>,
}

impl Args {
    /// Splits `args`; `switches` are the flags that take no value.
    fn parse(args: &[String], valued: &[&str], switches: &[&str]) -> Result<Args, String> {
        let mut out = Args { positional: Vec::new(), flags: Vec::new() };
        let mut it = args.iter();
        while let Some(a) = it.next() {
            match a.strip_prefix("--") {
                Some(name) if switches.contains(&name) => out.flags.push((name.to_string(), String::new())),
                Some(name) if valued.contains(&name) => {
                    let value = it.next().ok_or_else(|| format!("--{name} needs a value\n{USAGE}"))?;
                    out.flags.push((name.to_string(), value.clone()));
                }
                Some(name) => return Err(format!("unknown flag --{name}\n{USAGE}")),
                None => out.positional.push(a.clone()),
            }
        }
        Ok(out)
    }

    fn last(&self, name: &str) -> Option<&str> {
        self.flags.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.flags.iter().filter(move |(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    fn has(&self, name: &str) -> bool {
        self.last(name).is_some()
    }
}

fn import_wordpress(args: &[String]) -> Result<(String, bool), String> {
    use tribuna_tools::wordpress::{import_file, Settings, TopicsFrom};
    let args = Args::parse(
        args,
        &["out", "language", "uploads", "organisation", "organization", "topics", "topic-map", "slogan-class"],
        &["force"],
    )?;
    let [export] = args.positional.as_slice() else {
        return Err(format!("give one export file\n{USAGE}"));
    };
    let mut settings = Settings::new(PathBuf::from(args.last("out").unwrap_or("public/content")));
    if let Some(lang) = args.last("language") {
        settings.language = lang.to_string();
    }
    settings.uploads = args.last("uploads").map(PathBuf::from);
    for mapping in args.all("organisation").chain(args.all("organization")) {
        let bad = || format!("--organisation {mapping}: write author:LOGIN=ID or category:SLUG=ID");
        let (kind, rest) = mapping.split_once(':').ok_or_else(bad)?;
        let (from, id) = rest.split_once('=').ok_or_else(bad)?;
        if !tribuna_core::validate::is_id(id) {
            return Err(format!("--organisation {mapping}: \"{id}\" is not an identifier (a-z, 0-9 and -)"));
        }
        match kind {
            "author" => settings.author_orgs.insert(from.to_string(), id.to_string()),
            "category" => settings.category_orgs.insert(from.to_string(), id.to_string()),
            _ => return Err(bad()),
        };
    }
    settings.topics_from = match args.last("topics") {
        None | Some("categories") => TopicsFrom::Categories,
        Some("tags") => TopicsFrom::Tags,
        Some(other) => return Err(format!("--topics {other}: write categories or tags")),
    };
    settings.topic_map = args.last("topic-map").map(PathBuf::from);
    let slogans: Vec<String> = args.all("slogan-class").map(str::to_string).collect();
    if !slogans.is_empty() {
        settings.slogan_classes = slogans;
    }
    settings.force = args.has("force");
    let report = import_file(PathBuf::from(export).as_path(), &settings)?;
    Ok((report.to_string(), report.problems.is_empty()))
}

fn import_markdown(args: &[String]) -> Result<(String, bool), String> {
    let args = Args::parse(args, &["out"], &["force"])?;
    let dir = PathBuf::from(args.positional.first().map_or("markdown", String::as_str));
    let out = PathBuf::from(args.last("out").unwrap_or("public/content"));
    let report = tribuna_tools::markdown::import_dir(&dir, &out, args.has("force"))?;
    Ok((report.to_string(), report.is_ok()))
}

fn new_statement(args: &[String]) -> Result<(String, bool), String> {
    let args = Args::parse(args, &["dir", "out"], &[])?;
    let [slug] = args.positional.as_slice() else {
        return Err(format!("give the new statement's slug\n{USAGE}"));
    };
    let dir = PathBuf::from(args.last("dir").unwrap_or("markdown"));
    let out = PathBuf::from(args.last("out").unwrap_or("public/content"));
    let files = tribuna_tools::markdown::new_statement(slug, &dir, &out)?;
    let list: Vec<String> = files.iter().map(|f| format!("wrote {}\n", f.display())).collect();
    Ok((list.concat(), true))
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
