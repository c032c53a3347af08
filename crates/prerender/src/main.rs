//! `tribuna-prerender`: writes every page of the site as static HTML into a
//! release bundle, rendered by the app's own components from the content on
//! disk, with each page's head tags, plus `sitemap.xml`, `robots.txt` and an
//! Atom feed per language.
//!
//! ```text
//! tribuna-prerender DIST [--content DIR] [--origin URL] [--content-base URL] [--template FILE] [--embed-css FILE] [--embed-frame-script FILE] [--json]
//! ```
//!
//! It ends with a summary line, or with `--json` the same figures as one JSON
//! object (`pages`, `statement_pages`, `embeds`, `files`, `total_ms`, `per_page_ms`)
//! for tools to read.
//!
//! `DIST/index.html` (the bundle's page template, see `index.html`), or
//! `--template FILE`, is read first; `DIST/404.html` stays the app alone, for pages added after the build.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use tribuna_prerender::embed::Assets;
use tribuna_prerender::{Build, Options};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut dist = None;
    let mut json = false;
    let mut options = Options {
        content: PathBuf::from("public/content"),
        origin: None,
        content_base: None,
        template: None,
        embed: Assets::default(),
    };
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        let result = match arg.as_str() {
            "--content" => value("--content").map(|v| options.content = v.into()),
            "--template" => value("--template").map(|v| options.template = Some(v.into())),
            "--json" => {
                json = true;
                Ok(())
            }
            "--embed-css" => value("--embed-css").map(|v| options.embed.css = Some(v)),
            "--embed-frame-script" => value("--embed-frame-script").map(|v| options.embed.frame_script = Some(v)),
            "--origin" => value("--origin").map(|v| options.origin = Some(v).filter(|v| !v.is_empty())),
            "--content-base" => {
                value("--content-base").map(|v| options.content_base = Some(v).filter(|v| !v.is_empty()))
            }
            a if !a.starts_with('-') && dist.is_none() => {
                dist = Some(PathBuf::from(a));
                Ok(())
            }
            a => Err(format!("unknown argument {a}")),
        };
        if let Err(e) = result {
            eprintln!("tribuna-prerender: {e}\nusage: tribuna-prerender DIST [--content DIR] [--origin URL] [--content-base URL] [--template FILE] [--embed-css FILE] [--embed-frame-script FILE] [--json]");
            return ExitCode::from(2);
        }
    }
    let Some(dist) = dist else {
        eprintln!(
            "usage: tribuna-prerender DIST [--content DIR] [--origin URL] [--content-base URL] [--template FILE] [--embed-css FILE] [--embed-frame-script FILE] [--json]"
        );
        return ExitCode::from(2);
    };
    let started = Instant::now();
    let build = match Build::new(&dist, &options) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("tribuna-prerender: {e}");
            return ExitCode::FAILURE;
        }
    };
    match build.write_all() {
        Ok(report) => {
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            let per_page = ms / report.pages.max(1) as f64;
            if json {
                let figures = serde_json::json!({
                    "pages": report.pages,
                    "statement_pages": report.statement_pages,
                    "embeds": report.embeds,
                    "files": report.files,
                    "total_ms": ms,
                    "per_page_ms": per_page,
                });
                println!("{figures}");
                return ExitCode::SUCCESS;
            }
            println!(
                "prerender: {} pages ({} statement pages), {} embeds and {} other files in {:.0} ms ({:.2} ms a page)",
                report.pages, report.statement_pages, report.embeds, report.files, ms, per_page
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("tribuna-prerender: {e}");
            ExitCode::FAILURE
        }
    }
}
