//! HTML to Tribuna body blocks: the one converter behind both importers.
//!
//! The WordPress importer feeds it a post's `content:encoded` (classic editor
//! or Gutenberg); the Markdown importer feeds it the HTML that `pulldown-cmark`
//! renders from a Markdown file. So the two front ends cannot drift apart: a
//! Markdown construct is supported exactly when the HTML it renders to is.
//!
//! The HTML is parsed by `html5ever` (through `scraper`), a real HTML5 parser.
//! Only text and a handful of attributes (`href`, `src`, `alt`, `width`,
//! `height`, `class`) are ever read, so markup, event handlers and styles
//! cannot reach the content. What is dropped is reported as a warning.
//! WordPress shortcodes (`[caption]`, `[embed]`, …) are not HTML; [`shortcodes`]
//! rewrites the ones it knows before parsing.

use scraper::{ElementRef, Html, Node};
use tribuna_core::content::{Block, Inline};
use tribuna_core::href::{is_safe_image, is_safe_link};

/// How the HTML is read.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Classes that mark a closing slogan (a callout block); `is-style-NAME`
    /// (Gutenberg's block styles) counts for each `NAME` too.
    pub slogan_classes: Vec<String>,
    /// Whether an image's `title` is its caption, with ` | ` before a credit
    /// (Markdown's `![alt](src "Caption | Credit")`).
    pub title_is_caption: bool,
}

/// What is known about an image besides its `<img>` tag.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImageFacts {
    /// The source to write instead of the tag's (a copied local file).
    pub src: Option<String>,
    /// Intrinsic width and height in pixels.
    pub size: Option<(u32, u32)>,
    /// Alt text, when the tag has none.
    pub alt: Option<String>,
    /// Who made the image.
    pub credit: Option<String>,
}

/// Looks up what the HTML does not say about an image (its size, its credit).
pub trait Images {
    /// Facts about the image at `src`, a WordPress attachment when `attachment` is given.
    fn facts(&self, src: &str, attachment: Option<u64>) -> ImageFacts;
}

/// Knows nothing about any image: sizes must be in the HTML.
pub struct NoImages;

impl Images for NoImages {
    fn facts(&self, _: &str, _: Option<u64>) -> ImageFacts {
        ImageFacts::default()
    }
}

/// The blocks of a body, and what had to be dropped or changed on the way.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Converted {
    /// The body.
    pub blocks: Vec<Block>,
    /// One line per thing dropped or changed, e.g. `dropped an <iframe>`.
    pub warnings: Vec<String>,
}

/// Converts an HTML body (with WordPress shortcodes) to blocks.
pub fn from_html(html: &str, options: &Options, images: &dyn Images) -> Converted {
    let mut warnings = Vec::new();
    let html = shortcodes(html, &mut warnings);
    let doc = Html::parse_fragment(&html);
    let mut c =
        Conv { options, images, blocks: Vec::new(), runs: Vec::new(), pending: Vec::new(), warnings, split: true };
    c.flow(doc.root_element());
    c.flush();
    let Conv { blocks, warnings, .. } = c;
    Converted { blocks, warnings }
}

/// Elements whose content never becomes text, and how a warning names them.
const DROPPED: &[(&str, &str)] = &[
    ("script", "a <script>"),
    ("style", "a <style>"),
    ("iframe", "an <iframe>"),
    ("form", "a <form>"),
    ("object", "an <object>"),
    ("embed", "an <embed>"),
    ("video", "a <video>"),
    ("audio", "an <audio>"),
    ("canvas", "a <canvas>"),
    ("noscript", "a <noscript>"),
    ("template", "a <template>"),
    ("svg", "an <svg>"),
    ("math", "a <math>"),
    ("input", "an <input>"),
    ("button", "a <button>"),
    ("select", "a <select>"),
    ("textarea", "a <textarea>"),
    ("link", "a <link>"),
    ("meta", "a <meta>"),
    ("frame", "a <frame>"),
    ("frameset", "a <frameset>"),
    ("applet", "an <applet>"),
    ("base", "a <base>"),
    ("title", "a <title>"),
];

/// Elements that hold blocks rather than text.
const CONTAINERS: &[&str] = &[
    "html",
    "body",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "dl",
    "dt",
    "dd",
    "details",
    "summary",
    "center",
    "address",
    "pre",
    "hgroup",
    "figcaption",
];

/// Shortcodes whose content is media or a form, dropped with it.
const MEDIA_SHORTCODES: &[&str] =
    &["embed", "video", "audio", "playlist", "gallery", "contact-form-7", "contact-form", "wpforms", "gravityform"];

/// Shortcodes recognised even without attributes or a closing tag.
const KNOWN_SHORTCODES: &[&str] =
    &["caption", "wp_caption", "embed", "video", "audio", "playlist", "gallery", "contact-form-7", "contact-form"];

#[derive(Debug, Clone, Default)]
struct Style {
    strong: bool,
    em: bool,
    href: Option<String>,
}

struct Conv<'o> {
    options: &'o Options,
    images: &'o dyn Images,
    blocks: Vec<Block>,
    /// The paragraph being gathered.
    runs: Vec<Inline>,
    /// Images met where a block cannot start (a list item, a heading), placed after it.
    pending: Vec<Block>,
    warnings: Vec<String>,
    /// Whether a blank line or an image ends the paragraph being gathered.
    split: bool,
}

/// Collapses ASCII white space (not `&nbsp;`) to single spaces.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for ch in text.chars() {
        if ch.is_ascii_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(ch);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// Splits `text` at blank lines (a line break, white space, another line break).
fn paragraphs(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut newlines = 0;
    let mut run_start = None;
    for (i, ch) in text.char_indices() {
        if ch.is_ascii_whitespace() {
            run_start.get_or_insert(i);
            newlines += usize::from(ch == '\n');
        } else {
            if newlines >= 2 {
                out.push(&text[start..run_start.unwrap_or(i)]);
                start = i;
            }
            newlines = 0;
            run_start = None;
        }
    }
    out.push(&text[start..]);
    out
}

fn has_visible_text(runs: &[Inline]) -> bool {
    runs.iter().any(|r| !r.text().trim().is_empty())
}

/// The runs trimmed at both ends, empty ones removed, neighbours of one kind merged.
fn tidy(runs: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(runs.len());
    for run in runs {
        if run.text().is_empty() {
            continue;
        }
        let merged = match (out.last_mut(), &run) {
            (Some(Inline::Text(a)), Inline::Text(b))
            | (Some(Inline::Em(a)), Inline::Em(b))
            | (Some(Inline::Strong(a)), Inline::Strong(b)) => {
                a.push_str(b);
                true
            }
            (Some(Inline::Link { text: a, href: ha }), Inline::Link { text: b, href: hb }) if ha == hb => {
                a.push_str(b);
                true
            }
            _ => false,
        };
        if !merged {
            out.push(run);
        }
    }
    let edit = |run: &mut Inline, f: &dyn Fn(&str) -> String| match run {
        Inline::Text(t) | Inline::Em(t) | Inline::Strong(t) | Inline::Link { text: t, .. } => *t = f(t),
    };
    if let Some(first) = out.first_mut() {
        edit(first, &|t| t.trim_start_matches(' ').to_string());
    }
    if let Some(last) = out.last_mut() {
        edit(last, &|t| t.trim_end_matches(' ').to_string());
    }
    out.retain(|r| !r.text().is_empty());
    // A link or emphasis with only white space in it is plain text.
    for run in &mut out {
        if run.text().trim().is_empty() && !matches!(run, Inline::Text(_)) {
            *run = Inline::Text(run.text().to_string());
        }
    }
    if has_visible_text(&out) {
        out
    } else {
        Vec::new()
    }
}

fn plain(runs: &[Inline]) -> String {
    runs.iter().map(Inline::text).collect()
}

fn element(node: ego_tree::NodeRef<'_, Node>) -> Option<ElementRef<'_>> {
    ElementRef::wrap(node)
}

impl Conv<'_> {
    fn warn(&mut self, message: String) {
        if !self.warnings.contains(&message) {
            self.warnings.push(message);
        }
    }

    /// Ends the paragraph being gathered, and places the images met inside it.
    fn flush(&mut self) {
        let runs = tidy(std::mem::take(&mut self.runs));
        if !runs.is_empty() {
            self.blocks.push(Block::Paragraph { text: runs });
        }
        self.blocks.append(&mut self.pending);
    }

    /// Gathers the runs `f` pushes, apart from the paragraph being gathered.
    fn collect(&mut self, f: impl FnOnce(&mut Self)) -> Vec<Inline> {
        let saved = std::mem::take(&mut self.runs);
        let split = std::mem::replace(&mut self.split, false);
        f(self);
        self.split = split;
        tidy(std::mem::replace(&mut self.runs, saved))
    }

    fn push_run(&mut self, text: &str, style: &Style) {
        let mut text = collapse(text);
        let after_space = self.runs.last().is_none_or(|r| r.text().ends_with(' '));
        if after_space {
            text = text.trim_start_matches(' ').to_string();
        }
        if text.is_empty() {
            return;
        }
        self.runs.push(match (&style.href, style.strong, style.em) {
            (Some(href), ..) => Inline::Link { text, href: href.clone() },
            (None, true, _) => Inline::Strong(text),
            (None, false, true) => Inline::Em(text),
            _ => Inline::Text(text),
        });
    }

    fn text(&mut self, text: &str, style: &Style) {
        if !self.split {
            return self.push_run(text, style);
        }
        for (i, piece) in paragraphs(text).into_iter().enumerate() {
            if i > 0 {
                self.flush();
            }
            self.push_run(piece, style);
        }
    }

    fn dropped(&mut self, e: ElementRef<'_>) -> bool {
        let name = e.value().name();
        match DROPPED.iter().find(|(n, _)| *n == name) {
            Some((_, what)) => {
                let mut message = format!("dropped {what}");
                if let Some(src) = e.value().attr("src").filter(|s| !s.trim().is_empty()) {
                    message.push_str(&format!(" ({})", src.trim()));
                }
                self.warn(message);
                true
            }
            None => false,
        }
    }

    fn is_slogan(&self, e: ElementRef<'_>) -> bool {
        e.value().classes().any(|c| {
            self.options.slogan_classes.iter().any(|s| c == s || c.strip_prefix("is-style-") == Some(s.as_str()))
        })
    }

    fn flow(&mut self, e: ElementRef<'_>) {
        for child in e.children() {
            match child.value() {
                Node::Text(t) => self.text(t, &Style::default()),
                Node::Element(_) => {
                    if let Some(el) = element(child) {
                        self.block(el);
                    }
                }
                _ => {}
            }
        }
    }

    fn block(&mut self, e: ElementRef<'_>) {
        if self.dropped(e) {
            return;
        }
        let name = e.value().name();
        if self.is_slogan(e) {
            self.flush();
            let text = self.text_of(e);
            if !text.is_empty() {
                self.blocks.push(Block::Callout { text });
            }
            self.flush();
            return;
        }
        match name {
            "p" => {
                self.flush();
                self.inline_children(e, &Style::default());
                self.flush();
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let text = plain(&self.collect(|c| c.inline_children(e, &Style::default())));
                if !text.is_empty() {
                    self.blocks.push(Block::Heading { text });
                }
                self.flush();
            }
            "ul" | "ol" => {
                self.flush();
                let mut items = Vec::new();
                self.list_items(e, 0, &mut items);
                if !items.is_empty() {
                    self.blocks.push(Block::List { ordered: name == "ol", items });
                }
                self.flush();
            }
            "blockquote" => {
                self.flush();
                self.quote(e);
                self.flush();
            }
            "figure" => {
                self.flush();
                self.figure(e);
                self.flush();
            }
            "img" => {
                self.flush();
                self.image(e, None);
            }
            "hr" => self.flush(),
            _ if CONTAINERS.contains(&name) => {
                self.flush();
                self.flow(e);
                self.flush();
            }
            _ => self.inline(e, &Style::default()),
        }
    }

    fn inline_children(&mut self, e: ElementRef<'_>, style: &Style) {
        for child in e.children() {
            match child.value() {
                Node::Text(t) => self.text(t, style),
                Node::Element(_) => {
                    if let Some(el) = element(child) {
                        self.inline(el, style);
                    }
                }
                _ => {}
            }
        }
    }

    fn inline(&mut self, e: ElementRef<'_>, style: &Style) {
        if self.dropped(e) {
            return;
        }
        let mut style = style.clone();
        match e.value().name() {
            "strong" | "b" => style.strong = true,
            "em" | "i" => style.em = true,
            "a" => {
                if let Some(href) = e.value().attr("href").map(str::trim).filter(|h| !h.is_empty()) {
                    if is_safe_link(href) {
                        style.href = Some(href.to_string());
                    } else {
                        self.warn(format!("a link to \"{href}\" (a refused scheme) became plain text"));
                    }
                }
            }
            "br" => return self.push_run(" ", &style),
            "img" => return self.image(e, None),
            "figure" => return self.figure(e),
            name if name == "p" || name == "li" || CONTAINERS.contains(&name) => {
                self.push_run(" ", &style);
                self.inline_children(e, &style);
                return self.push_run(" ", &style);
            }
            _ => {}
        }
        self.inline_children(e, &style);
    }

    /// Places an image block: at once in a paragraph's flow, else after the current block.
    fn place(&mut self, block: Block) {
        if self.split {
            let runs = tidy(std::mem::take(&mut self.runs));
            if !runs.is_empty() {
                self.blocks.push(Block::Paragraph { text: runs });
            }
            self.blocks.push(block);
        } else {
            self.pending.push(block);
        }
    }

    fn list_items(&mut self, list: ElementRef<'_>, depth: usize, items: &mut Vec<Vec<Inline>>) {
        for child in list.children() {
            let Some(li) = element(child) else { continue };
            if self.dropped(li) {
                continue;
            }
            let mut nested = Vec::new();
            let mut runs = self.collect(|c| {
                for part in li.children() {
                    match (part.value(), element(part)) {
                        (_, Some(el)) if matches!(el.value().name(), "ul" | "ol") => nested.push(el),
                        (Node::Text(t), _) => c.text(t, &Style::default()),
                        (_, Some(el)) => c.inline(el, &Style::default()),
                        _ => {}
                    }
                }
            });
            if depth > 0 && !runs.is_empty() {
                runs.insert(0, Inline::Text("– ".repeat(depth)));
                runs = tidy(runs);
            }
            if !runs.is_empty() {
                items.push(runs);
            }
            for sub in nested {
                self.warn("a nested list was flattened into its parent list (its items start with \"– \")".into());
                self.list_items(sub, depth + 1, items);
            }
        }
    }

    fn quote(&mut self, e: ElementRef<'_>) {
        let mut paragraphs: Vec<Vec<Inline>> = Vec::new();
        let mut loose = Vec::new();
        let mut attribution = None;
        for child in e.children() {
            match (child.value(), element(child)) {
                (_, Some(el)) if matches!(el.value().name(), "cite" | "footer") => {
                    attribution = Some(self.text_of(el)).filter(|t| !t.is_empty());
                }
                (_, Some(el)) if matches!(el.value().name(), "p" | "div") => {
                    paragraphs.push(self.collect(|c| c.inline_children(el, &Style::default())));
                }
                (Node::Text(t), _) => loose.push(Inline::Text(t.to_string())),
                (_, Some(el)) => {
                    let runs = self.collect(|c| c.inline(el, &Style::default()));
                    loose.extend(runs);
                    loose.push(Inline::Text(" ".into()));
                }
                _ => {}
            }
        }
        let loose = tidy(
            loose.into_iter().map(|r| if let Inline::Text(t) = r { Inline::Text(collapse(&t)) } else { r }).collect(),
        );
        if !loose.is_empty() {
            paragraphs.push(loose);
        }
        paragraphs.retain(|p| !p.is_empty());
        if attribution.is_none() && paragraphs.len() > 1 {
            let last = plain(paragraphs.last().map_or(&[][..], Vec::as_slice));
            let dash = ["—", "–", "--", "-"].iter().find_map(|d| last.strip_prefix(d));
            if let Some(name) = dash.map(str::trim).filter(|n| !n.is_empty()) {
                attribution = Some(name.to_string());
                paragraphs.pop();
            }
        }
        let mut text = Vec::new();
        for (i, p) in paragraphs.into_iter().enumerate() {
            if i > 0 {
                text.push(Inline::Text(" ".into()));
            }
            text.extend(p);
        }
        let text = tidy(text);
        if !text.is_empty() {
            self.blocks.push(Block::Quote { text, attribution });
        }
    }

    fn figure(&mut self, e: ElementRef<'_>) {
        let has = |name: &str| e.descendants().filter_map(element).any(|d| d.value().name() == name);
        let is_embed = e.value().classes().any(|c| c.starts_with("wp-block-embed"));
        if is_embed || has("iframe") || has("video") || has("object") || has("embed") || has("audio") {
            let url = e.text().map(str::trim).find(|t| !t.is_empty()).unwrap_or_default().to_string();
            let what =
                if url.is_empty() { "dropped an embed".to_string() } else { format!("dropped an embed ({url})") };
            return self.warn(what);
        }
        let inner_figures = e.descendants().filter_map(element).filter(|d| d.value().name() == "figure").count() > 1;
        let img = e.descendants().filter_map(element).find(|d| d.value().name() == "img");
        let (Some(img), false, false) = (img, inner_figures, has("blockquote")) else {
            let split = std::mem::replace(&mut self.split, true);
            self.flow(e);
            self.flush();
            self.split = split;
            return;
        };
        let caption = match e.descendants().filter_map(element).find(|d| d.value().name() == "figcaption") {
            Some(fc) => self.text_of(fc),
            // A `[caption]` shortcode: the text beside the image.
            None if e.value().attr("data-wp-caption").is_some() => self.text_of(e),
            None => String::new(),
        };
        self.image(img, Some(caption).filter(|c| !c.is_empty()));
    }

    /// The plain text of `e`, leaving out its images.
    fn text_of(&mut self, e: ElementRef<'_>) -> String {
        let pending = std::mem::take(&mut self.pending);
        let text = plain(&self.collect(|c| c.inline_children(e, &Style::default())));
        self.pending = pending;
        text
    }

    fn image(&mut self, img: ElementRef<'_>, caption: Option<String>) {
        let attr = |name: &str| img.value().attr(name).map(str::trim).unwrap_or_default();
        let src = attr("src");
        if src.is_empty() {
            return self.warn("dropped an image with no source".into());
        }
        if !is_safe_image(src) {
            return self.warn(format!("dropped an image with a refused source (\"{src}\")"));
        }
        let attachment = img
            .value()
            .classes()
            .find_map(|c| c.strip_prefix("wp-image-").and_then(|n| n.parse().ok()))
            .or_else(|| img.value().attr("data-id").and_then(|n| n.parse().ok()));
        let facts = self.images.facts(src, attachment);
        let dimension = |name: &str| attr(name).parse::<u32>().ok().filter(|n| (1..=10_000).contains(n));
        let size = match (dimension("width"), dimension("height")) {
            (Some(w), Some(h)) if facts.src.is_none() => Some((w, h)),
            _ => facts.size,
        };
        let Some((width, height)) = size else {
            return self.warn(format!("dropped the image \"{src}\": its size is unknown (the file could not be read)"));
        };
        let (mut caption, mut credit) = (caption, facts.credit.clone());
        let title = collapse(attr("title")).trim().to_string();
        if self.options.title_is_caption && !title.is_empty() {
            let (c, r) = title.split_once(" | ").map_or((title.as_str(), None), |(c, r)| (c, Some(r)));
            caption = Some(c.trim().to_string()).filter(|c| !c.is_empty());
            credit = r.map(|r| r.trim().to_string()).filter(|r| !r.is_empty()).or(credit);
        }
        let alt = Some(collapse(attr("alt")).trim().to_string())
            .filter(|a| !a.is_empty())
            .or(facts.alt.clone())
            .or_else(|| caption.clone());
        let Some(alt) = alt else {
            return self.warn(format!("dropped the image \"{src}\": it has no alt text (add one, or add it by hand)"));
        };
        let src = facts.src.unwrap_or_else(|| src.to_string());
        self.place(Block::Image { src, width, height, alt, caption, credit });
    }
}

/// Rewrites WordPress shortcodes before the HTML is parsed: `[caption …]…[/caption]`
/// becomes a `<figure>`, media shortcodes (`[embed]`, `[video]`, `[gallery]`, …)
/// are dropped with their content, any other shortcode is dropped and its
/// content kept. Each drop adds a warning. `[[name]]` is WordPress's escape for
/// a literal `[name]`. Text in brackets that is not a shortcode (`[sic]`) stays.
pub fn shortcodes(html: &str, warnings: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let here = &rest[open..];
        if let Some(escaped) = here.strip_prefix("[[") {
            if let Some(end) = escaped.find("]]") {
                out.push('[');
                out.push_str(&escaped[..end]);
                out.push(']');
                rest = &escaped[end + 2..];
                continue;
            }
        }
        match Shortcode::at(here) {
            Some(sc) => {
                let inner = &here[sc.open_len..sc.open_len + sc.inner_len];
                let media = MEDIA_SHORTCODES.contains(&sc.name);
                let warning = if matches!(sc.name, "caption" | "wp_caption") {
                    let id = sc.attachment.map(|n| n.to_string()).unwrap_or_default();
                    out.push_str(&format!("<figure data-wp-caption=\"{id}\">"));
                    out.push_str(&shortcodes(inner, warnings));
                    out.push_str("</figure>");
                    None
                } else if media || inner.trim().is_empty() {
                    Some(format!("dropped a [{}] shortcode", sc.name))
                } else {
                    out.push_str(&shortcodes(inner, warnings));
                    Some(format!("dropped a [{}] shortcode (its text is kept)", sc.name))
                };
                if let Some(w) = warning.filter(|w| !warnings.contains(w)) {
                    warnings.push(w);
                }
                rest = &here[sc.total_len..];
            }
            None => {
                out.push('[');
                rest = &here[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A shortcode found at the start of a text.
struct Shortcode<'a> {
    name: &'a str,
    /// The attachment id of a `[caption id="attachment_N"]`.
    attachment: Option<u64>,
    open_len: usize,
    inner_len: usize,
    total_len: usize,
}

impl<'a> Shortcode<'a> {
    fn at(text: &'a str) -> Option<Shortcode<'a>> {
        let body = text.strip_prefix('[')?;
        let name_len = body.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-')).unwrap_or(body.len());
        let name = &body[..name_len];
        let after = body[name_len..].chars().next()?;
        if name.is_empty() || !matches!(after, ']' | ' ' | '/' | '\t' | '\n') {
            return None;
        }
        // The end of the opening tag, skipping `]` inside quoted attribute values.
        let mut quote = None;
        let mut end = None;
        for (i, ch) in body[name_len..].char_indices() {
            match (quote, ch) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(ch),
                (None, ']') => {
                    end = Some(name_len + i);
                    break;
                }
                (None, '[') => return None,
                _ => {}
            }
        }
        let end = end?;
        let attrs = &body[name_len..end];
        let open_len = 1 + end + 1;
        let close = format!("[/{name}]");
        let closing = text[open_len..].find(&close);
        let known = KNOWN_SHORTCODES.contains(&name) || closing.is_some() || attrs.contains('=');
        if !known {
            return None;
        }
        let attachment = attrs
            .split(|c: char| c.is_whitespace() || c == '"' || c == '\'')
            .find_map(|w| w.strip_prefix("attachment_").and_then(|n| n.parse().ok()));
        let (inner_len, total_len) = match closing {
            Some(at) if !attrs.trim_end().ends_with('/') => (at, open_len + at + close.len()),
            _ => (0, open_len),
        };
        Some(Shortcode { name, attachment, open_len, inner_len, total_len })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn convert(html: &str) -> Converted {
        let options = Options { slogan_classes: vec!["slogan".into()], title_is_caption: false };
        from_html(html, &options, &NoImages)
    }

    fn text(runs: &[Inline]) -> String {
        plain(runs)
    }

    #[test]
    fn classic_bodies_split_paragraphs_at_blank_lines() {
        let c = convert("First <strong>bold</strong> line\nsame paragraph.\n\nSecond &amp; “curly”&nbsp;end.");
        assert_eq!(c.blocks.len(), 2, "{:?}", c.blocks);
        let Block::Paragraph { text: first } = &c.blocks[0] else { panic!() };
        assert_eq!(first[1], Inline::Strong("bold".into()));
        assert_eq!(text(first), "First bold line same paragraph.");
        let Block::Paragraph { text: second } = &c.blocks[1] else { panic!() };
        assert_eq!(text(second), "Second & “curly”\u{a0}end.");
    }

    #[test]
    fn gutenberg_blocks_map_to_tribuna_blocks() {
        let html = r#"<!-- wp:heading --><h3 class="wp-block-heading">Why <em>now</em></h3><!-- /wp:heading -->
<!-- wp:quote --><blockquote class="wp-block-quote"><p>Homes first.</p><cite>Ana Ruiz</cite></blockquote><!-- /wp:quote -->
<!-- wp:list {"ordered":true} --><ol><li>One<ol><li>One a</li></ol></li><li>Two</li></ol><!-- /wp:list -->
<!-- wp:paragraph {"className":"is-style-slogan"} --><p class="is-style-slogan">Homes now!</p><!-- /wp:paragraph -->"#;
        let c = convert(html);
        assert_eq!(c.blocks[0], Block::Heading { text: "Why now".into() });
        assert_eq!(
            c.blocks[1],
            Block::Quote { text: vec![Inline::Text("Homes first.".into())], attribution: Some("Ana Ruiz".into()) }
        );
        let Block::List { ordered: true, items } = &c.blocks[2] else { panic!("{:?}", c.blocks) };
        let items: Vec<String> = items.iter().map(|i| text(i)).collect();
        assert_eq!(items, ["One", "– One a", "Two"]);
        assert_eq!(c.blocks[3], Block::Callout { text: "Homes now!".into() });
        assert_eq!(c.warnings.len(), 1, "{:?}", c.warnings);
    }

    #[test]
    fn quotes_take_a_closing_dash_line_as_attribution() {
        let c = convert("<blockquote><p>We stay.</p><p>— Tenants' union</p></blockquote>");
        assert_eq!(
            c.blocks,
            [Block::Quote { text: vec![Inline::Text("We stay.".into())], attribution: Some("Tenants' union".into()) }]
        );
    }

    #[test]
    fn hostile_markup_is_dropped_with_warnings() {
        let c = convert(
            r#"<p onclick="evil()">Hi <a href="javascript:alert(1)">there</a><script>evil()</script></p><iframe src="https://x.example/v"></iframe><form><input></form><style>p{}</style>"#,
        );
        assert_eq!(c.blocks, [Block::Paragraph { text: vec![Inline::Text("Hi there".into())] }]);
        assert_eq!(
            c.warnings,
            [
                "a link to \"javascript:alert(1)\" (a refused scheme) became plain text",
                "dropped a <script>",
                "dropped an <iframe> (https://x.example/v)",
                "dropped a <form>",
                "dropped a <style>"
            ]
        );
    }

    #[test]
    fn caption_shortcodes_become_captioned_images() {
        let c = convert(
            r#"Before [caption id="attachment_7" width="300"]<img src="https://x.example/a.jpg" alt="A march" width="300" height="200"> Marchers [sic] downtown[/caption] after [gallery ids="1,2"] [sic]"#,
        );
        assert_eq!(c.blocks.len(), 3, "{:?}", c.blocks);
        assert_eq!(
            c.blocks[1],
            Block::Image {
                src: "https://x.example/a.jpg".into(),
                width: 300,
                height: 200,
                alt: "A march".into(),
                caption: Some("Marchers [sic] downtown".into()),
                credit: None
            }
        );
        assert_eq!(
            text(match &c.blocks[2] {
                Block::Paragraph { text } => text,
                _ => panic!(),
            }),
            "after [sic]"
        );
        assert_eq!(c.warnings, ["dropped a [gallery] shortcode"]);
    }
}
