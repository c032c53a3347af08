// The floor: the same statement as a plain static HTML page, with no script.
// It carries what the app's statement page shows (header with the language
// links, title, dates, topics, lead, body blocks, hero figure with its size,
// author box, calls to action, footer), in the same markup and classes and with
// the bundle's own stylesheet, so a load of it is the fastest this page could be.
// Only the related rail is left out: a static page would need it computed at build time.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { baseHref } from '../../scripts/lib/bundle.mjs';

/** Escapes text for HTML content and attribute values. */
const esc = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** An optional `lang` attribute (when a text is not in the page's language). */
const langAttr = (lang) => (lang ? ` lang="${esc(lang)}"` : '');

/** The text for `lang` in a `{lang: text}` object, else the fallback's, else any, with its language. */
function pick(texts = {}, lang, fallback) {
  const key = [lang, fallback, ...Object.keys(texts)].find((k) => k in texts);
  return key === undefined ? null : { text: texts[key], lang: key === lang ? null : key };
}

/** A date as the app shows it (Intl, long style, UTC). */
const formatDate = (iso, lang) =>
  new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

/** Reads what the page needs from the bundle: content, UI strings, stylesheet and base. */
export function loadFloorInputs(dist, slug, lang) {
  const json = (...p) => JSON.parse(readFileSync(join(dist, ...p), 'utf8'));
  const index = readFileSync(join(dist, 'index.html'), 'utf8');
  const css = index.match(/<link rel="stylesheet" href="([^"]+\.css)"/)?.[1];
  if (!css) throw new Error(`no stylesheet link in ${dist}/index.html`);
  return {
    base: baseHref(index),
    css,
    site: json('content', 'site.json'),
    authors: json('content', 'authors.json').authors,
    statement: json('content', 'statements', `${slug}.json`),
    // UI strings of every site language: the page's, and each translation link's own.
    catalogues: Object.fromEntries(
      json('content', 'site.json').languages.map((l) => [l.code, json('locales', `${l.code}.json`)]),
    ),
    lang,
  };
}

/** Renders runs of inline text. */
function inlines(runs, link) {
  return runs
    .map((r) => {
      if ('text' in r) return esc(r.text);
      if ('em' in r) return `<em>${esc(r.em)}</em>`;
      if ('strong' in r) return `<strong>${esc(r.strong)}</strong>`;
      if ('link' in r) {
        const rel = /^https?:/.test(r.link.href) ? ' rel="noopener noreferrer"' : '';
        return `<a href="${esc(link(r.link.href))}"${rel}>${esc(r.link.text)}</a>`;
      }
      return '';
    })
    .join('');
}

/** Renders one body block as the app does (src/components/blocks.rs), `data-block` included. */
function block(b, i, { asset, link }) {
  const runs = (r) => inlines(r, link);
  switch (b.type) {
    case 'paragraph':
      return `<p data-block="${i}">${runs(b.text)}</p>`;
    case 'heading':
      return `<h2 data-block="${i}" class="tribuna-body__heading">${esc(b.text)}</h2>`;
    case 'quote':
      return `<figure data-block="${i}" class="tribuna-quote"><blockquote><p>${runs(b.text)}</p></blockquote>${
        b.attribution ? `<figcaption>${esc(b.attribution)}</figcaption>` : ''
      }</figure>`;
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      return `<${tag} data-block="${i}">${b.items.map((item) => `<li>${runs(item)}</li>`).join('')}</${tag}>`;
    }
    case 'image': {
      const caption = [
        b.caption && `<span class="tribuna-figure__caption">${esc(b.caption)}</span>`,
        b.credit && `<span class="tribuna-figure__credit">${esc(b.credit)}</span>`,
      ].filter(Boolean);
      const img = `<img src="${esc(asset(b.src))}" width="${b.width}" height="${b.height}" alt="${esc(b.alt)}"`;
      return (
        `<figure data-block="${i}" class="tribuna-figure">${img} loading="lazy" decoding="async">` +
        (caption.length ? `<figcaption>${caption.join(' ')}</figcaption>` : '') +
        '</figure>'
      );
    }
    case 'callout':
      return `<p data-block="${i}" class="tribuna-callout">${esc(b.text)}</p>`;
    default:
      return '';
  }
}

/** What every part of the page needs: inputs, UI strings and URL builders. */
function pageContext({ base, site, statement, catalogues, lang }) {
  const def = site.default_language;
  return {
    base,
    site,
    statement,
    catalogues,
    lang,
    def,
    ui: catalogues[lang],
    asset: (src) => (/^https?:/.test(src) ? src : `${base}content/${src}`),
    link: (href) => (href.startsWith('/') ? base + href.slice(1) : href),
    prefix: (code) => `${base}${code === def ? '' : `${code}/`}`,
  };
}

/** The site header: name and the language switcher (src/components/header.rs, language.rs). */
function siteHeader(c, name) {
  const { site, statement, lang, ui, prefix, base } = c;
  const items = site.languages.map((l) => {
    const current = l.code === lang ? ' aria-current="page"' : '';
    const href = `${prefix(l.code)}statements/${statement.slug}`;
    return `<li><a href="${esc(href)}" hreflang="${l.code}" lang="${l.code}"${current}>${esc(l.name)}</a></li>`;
  });
  return [
    '<header class="tribuna-header"><div class="tribuna-header__inner">',
    `<a class="tribuna-header__name" href="${esc(base)}">`,
    `<span class="tribuna-header__mark" aria-hidden="true"></span><span>${esc(name)}</span></a>`,
    `<nav class="tribuna-langs" aria-label="${esc(ui['nav.languages'])}"><ul>${items.join('')}</ul></nav>`,
    '</div></header>',
  ].join('\n');
}

/** The statement's header: title, dates, links to its translations, topics. */
function statementHeader(c, translation) {
  const { site, statement, catalogues, lang, ui, def, prefix } = c;
  const date = (iso) => `<time datetime="${iso}">${esc(formatDate(iso, lang))}</time>`;
  const updated = statement.updated ? ` · ${esc(ui['statement.updated'])} ${date(statement.updated)}` : '';
  const translations = site.languages
    .filter((l) => l.code !== lang && statement.translations[l.code])
    .map((l) => {
      const href = `${prefix(l.code)}statements/${statement.slug}`;
      const label = catalogues[l.code]?.['lang.switch_to'] ?? l.name;
      return `<a class="tribuna-statement__translation" href="${esc(href)}" hreflang="${l.code}" lang="${l.code}">${esc(label)}</a>`;
    });
  const topics = statement.topics
    .map((id) => site.topics.find((x) => x.id === id))
    .filter(Boolean)
    .map((topic) => {
      const n = pick(topic.name, lang, def);
      return `<li><a href="${esc(`${prefix(lang)}topics/${topic.id}`)}"${langAttr(n.lang)}>${esc(n.text)}</a></li>`;
    });
  return [
    '<header class="tribuna-statement__header">',
    `<h1 class="tribuna-statement__title">${esc(translation.title)}</h1>`,
    `<p class="tribuna-statement__meta">${esc(ui['statement.published'])} ${date(statement.published)}${updated}</p>`,
    `<p class="tribuna-statement__translations">${translations.join('')}</p>`,
    topics.length ? `<ul class="tribuna-topics" aria-label="${esc(ui['topics.label'])}">${topics.join('')}</ul>` : '',
    '</header>',
  ].join('\n');
}

/** The hero figure, with the image's intrinsic size (src/routes/statement.rs, `Hero`). */
function heroFigure(c) {
  const { statement, lang, asset } = c;
  const h = statement.hero;
  if (!h) return '';
  const alt = pick(h.alt, lang, statement.original_language)?.text ?? '';
  const caption = pick(h.caption, lang, statement.original_language);
  const parts = [
    caption && `<span class="tribuna-figure__caption"${langAttr(caption.lang)}>${esc(caption.text)}</span>`,
    h.credit && `<span class="tribuna-figure__credit">${esc(h.credit)}</span>`,
  ].filter(Boolean);
  return (
    `<figure class="tribuna-figure tribuna-statement__hero">` +
    `<img src="${esc(asset(h.src))}" width="${h.width}" height="${h.height}" alt="${esc(alt)}" decoding="async">` +
    `<figcaption>${parts.join(' ')}</figcaption></figure>`
  );
}

/** The author box (src/components/authors.rs). */
function authorBox(c, authors) {
  const { statement, lang, ui, def, link } = c;
  const signers = statement.authors.map((id) => authors.find((a) => a.id === id)).filter(Boolean);
  const items = signers.map((a) => {
    const bio = pick(a.bio, lang, def);
    const name = a.url ? `<a href="${esc(link(a.url))}" rel="noopener noreferrer">${esc(a.name)}</a>` : esc(a.name);
    const kind = ui[a.kind === 'person' ? 'authors.person' : 'authors.organization'];
    return (
      `<li class="tribuna-authors__item"><h3 class="tribuna-authors__name">${name}</h3>` +
      `<p class="tribuna-authors__kind">${esc(kind)}</p>` +
      (bio ? `<p class="tribuna-authors__bio"${langAttr(bio.lang)}>${esc(bio.text)}</p>` : '') +
      '</li>'
    );
  });
  const heading = ui[signers.length > 1 ? 'authors.heading' : 'authors.heading_one'];
  return (
    `<section class="tribuna-authors" aria-labelledby="tribuna-authors-heading">` +
    `<h2 id="tribuna-authors-heading">${esc(heading)}</h2>` +
    `<ul class="tribuna-authors__list">${items.join('')}</ul></section>`
  );
}

/** The calls to action (src/components/cta.rs). */
function callsToAction(c) {
  const { site, lang, ui, def, link } = c;
  const cards = site.calls_to_action.map((cta) => {
    const [h, p, b, href] = [cta.heading, cta.pitch, cta.button, cta.href].map((x) => pick(x, lang, def));
    return [
      `<div class="tribuna-cta tribuna-cta--${esc(cta.id)}">`,
      h ? `<h3${langAttr(h.lang)}>${esc(h.text)}</h3>` : '',
      p ? `<p${langAttr(p.lang)}>${esc(p.text)}</p>` : '',
      b ? `<a class="tribuna-button" href="${esc(link(href?.text ?? '#'))}"${langAttr(b.lang)}>${esc(b.text)}</a>` : '',
      '</div>',
    ].join('');
  });
  return (
    `<section class="tribuna-ctas" aria-labelledby="tribuna-cta-heading">` +
    `<h2 id="tribuna-cta-heading" class="tribuna-visually-hidden">${esc(ui['cta.heading'])}</h2>${cards.join('')}</section>`
  );
}

/** The site footer (src/components/footer.rs). */
function siteFooter({ ui, base }) {
  const schema = `${base}schema/statement.schema.json`;
  return (
    `<footer class="tribuna-footer"><p>${esc(ui['footer.published_with'])} · ` +
    `<a href="${esc(schema)}">${esc(ui['footer.schema'])}</a></p></footer>`
  );
}

/** The statement page as static HTML, in `lang`. */
export function floorHtml(inputs) {
  const c = pageContext(inputs);
  const { statement, site, lang, def } = c;
  const translation = statement.translations[lang] ?? statement.translations[statement.original_language];
  const name = pick(site.name, lang, def)?.text ?? '';
  const body = translation.body.map((b, i) => block(b, i, c)).join('\n');
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(translation.title)} — ${esc(name)}</title>
<link rel="stylesheet" href="${esc(inputs.css)}">
</head>
<body>
<div class="tribuna">
${siteHeader(c, name)}
<main id="tribuna-main" class="tribuna-main" tabindex="-1">
<div class="tribuna-statement-layout">
<article class="tribuna-statement">
${statementHeader(c, translation)}
<p class="tribuna-statement__lead">${esc(translation.lead)}</p>
<div class="tribuna-statement__body">
${body}
</div>
${heroFigure(c)}
${authorBox(c, inputs.authors)}
${callsToAction(c)}
</article>
</div>
</main>
${siteFooter(c)}
</div>
</body>
</html>
`;
}

/**
 * Writes the floor page for `slug` into the bundle as `floor/{slug}.html`, with
 * .gz / .br siblings like the rest of the bundle; returns its path under the bundle.
 */
export function writeFloor(dist, slug, lang) {
  const html = floorHtml(loadFloorInputs(dist, slug, lang));
  const rel = `floor/${slug}.html`;
  const file = join(dist, rel);
  mkdirSync(dirname(file), { recursive: true });
  const raw = Buffer.from(html);
  writeFileSync(file, raw);
  writeFileSync(`${file}.gz`, gzipSync(raw, { level: 9 }));
  const brotli = { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length };
  writeFileSync(`${file}.br`, brotliCompressSync(raw, { params: brotli }));
  return rel;
}
