// Tribuna's script embed, on a partner's page (docs/embedding.md):
//   <div data-tribuna="statement" data-slug="SLUG" data-lang="es"></div>
//   <div data-tribuna="latest" data-count="3"></div>
//   <div data-tribuna="mailbag" data-theme="dark"></div>
//   <script type="module" src="https://TRIBUNA-HOST/embed.js"></script>
//
// Each element gets its own shadow root holding Tribuna's stylesheet and the
// embed, so the page's CSS and Tribuna's stay apart. An embed loads when it
// nears the viewport; elements added later are picked up. The embed's markup
// is a pre-rendered tree (crates/prerender/src/embed.rs) built with DOM
// calls, never parsed as HTML; its links and images resolve against
// Tribuna's host. A failing embed shows a short message in its language with
// a link to the site, and logs the file and the reason; nothing is thrown
// into the host page.
//
// The build writes `settings` above this line: the site's languages (the
// default first), each language's strings, and the content-hashed
// stylesheet and fragments folder (scripts/lib/embed.mjs).
const here = new URL('.', import.meta.url);
const KINDS = ['statement', 'latest', 'mailbag'];
const THEMES = ['light', 'dark', 'auto'];
/** Elements a page must never get from an embed, whatever a fragment says. */
const REFUSED = /^(script|style|link|meta|base|iframe|frame|object|embed|form)$/i;
const SAFE_URL = /^(https?:|mailto:|[^:]*$)/i;

/** The first site language among `wanted` (codes or tags such as `es-MX`), else the default. */
function language(wanted) {
  for (const tag of wanted) {
    const code = String(tag || '').toLowerCase().split('-')[0];
    if (settings.languages.includes(code)) return code;
  }
  return settings.languages[0];
}

/** The DOM for one node of a fragment's tree: text, or `[tag, attributes?, ...children]`. */
function build(node) {
  if (typeof node === 'string') return document.createTextNode(node);
  const [tag, ...rest] = node;
  if (REFUSED.test(tag)) return document.createTextNode('');
  const el = document.createElement(tag);
  for (const part of rest) {
    if (typeof part === 'string' || Array.isArray(part)) {
      el.append(build(part));
      continue;
    }
    for (const [name, value] of Object.entries(part)) {
      if (/^on/i.test(name)) continue;
      if (name === 'href' || name === 'src') {
        if (SAFE_URL.test(value)) el.setAttribute(name, new URL(value, here).href);
      } else {
        el.setAttribute(name, value);
      }
    }
  }
  return el;
}

/** The fragment for `file` in the first of `langs` that has it. */
async function fragment(file, langs) {
  let reason = 'no language';
  for (const lang of langs) {
    const url = new URL(`${settings.fragments}${file(lang)}`, here);
    try {
      const response = await fetch(url);
      if (!response.ok) {
        reason = `${url}: HTTP ${response.status}`;
        continue;
      }
      const data = await response.json();
      if (!Array.isArray(data.tree)) throw new Error('no tree');
      return data;
    } catch (e) {
      reason = `${url}: ${e.message}`;
    }
  }
  throw new Error(reason);
}

/** Renders the embed `el` asks for into its shadow root. */
async function render(el) {
  const root = el.shadowRoot || el.attachShadow({ mode: 'open' });
  const data = el.dataset;
  const lang = language([data.lang, document.documentElement.lang, ...navigator.languages]);
  const theme = THEMES.includes(data.theme) ? data.theme : 'light';
  const sheet = document.createElement('link');
  sheet.rel = 'stylesheet';
  sheet.href = new URL(settings.css, here).href;
  const styled = new Promise((done) => (sheet.onload = sheet.onerror = done));
  const box = document.createElement('div');
  box.className = 'tribuna-embed';
  box.dataset.theme = theme;
  box.hidden = true;
  root.replaceChildren(sheet, box);
  try {
    const kind = data.tribuna;
    if (!KINDS.includes(kind)) throw new Error(`data-tribuna="${kind}" is not one of ${KINDS.join(', ')}`);
    const slug = data.slug || '';
    if (kind === 'statement' && !/^[a-z0-9][a-z0-9-]*$/.test(slug)) throw new Error(`data-slug="${slug}" is not a statement's slug`);
    const file = kind === 'statement' ? (l) => `statements/${slug}.${l}.json` : (l) => `${kind}.${l}.json`;
    const langs = [lang, ...settings.languages.filter((l) => l !== lang)];
    const found = await fragment(file, kind === 'statement' ? langs : [lang]);
    box.lang = found.lang;
    box.append(...found.tree.map(build));
    const items = box.querySelector('[data-tribuna-items]');
    const count = Math.min(Math.max(parseInt(data.count, 10) || 5, 1), 10);
    while (items && items.children.length > count) items.lastElementChild.remove();
  } catch (e) {
    console.warn(`Tribuna embed (${el.dataset.tribuna || '?'}): ${e.message}`);
    const text = settings.strings[lang];
    const message = document.createElement('p');
    message.className = 'tribuna-embed__failed';
    const link = document.createElement('a');
    link.href = new URL(text.home, here).href;
    link.textContent = text.visit;
    message.append(`${text.failed} `, link);
    box.lang = lang;
    box.replaceChildren(message);
  }
  await styled;
  box.hidden = false;
}

const near = new IntersectionObserver(
  (entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      near.unobserve(entry.target);
      render(entry.target).catch((e) => console.warn(`Tribuna embed: ${e.message}`));
    }
  },
  { rootMargin: '400px 0px' },
);
const seen = new WeakSet();

/** Watches every embed element in `node` (itself included) that is not watched yet. */
function scan(node) {
  const found = node.matches?.('[data-tribuna]') ? [node] : [];
  for (const el of [...found, ...(node.querySelectorAll?.('[data-tribuna]') || [])]) {
    if (seen.has(el)) continue;
    seen.add(el);
    near.observe(el);
  }
}

scan(document);
new MutationObserver((records) => {
  for (const record of records) for (const node of record.addedNodes) scan(node);
}).observe(document.documentElement, { childList: true, subtree: true });
