// Starts Tribuna in the browser.
//
// The page names the app's files in <script type="application/json"
// id="tribuna-app"> (written by trunk, completed by scripts/build-dist.mjs):
// `js` and `wasm`, the main module, and `parts`, the wasm chunks each page
// loads on demand.
//
// A pre-rendered page (#tribuna-prerendered) is whole already: its text, styles
// and images come first, and the app's code starts loading only once the page
// has loaded and painted; the app then takes the page over. A page that is not
// pre-rendered (404.html: content added after the build) starts the app at
// once, and starts fetching what the page the address names will need.
const app = JSON.parse(document.getElementById('tribuna-app').textContent);
const base = new URL(document.baseURI).pathname;

const start = async () => {
  const glue = await import(app.js);
  await glue.default({ module_or_path: app.wasm });
};

const preload = (href) =>
  document.head.append(Object.assign(document.createElement('link'), { rel: 'preload', as: 'fetch', crossOrigin: 'anonymous', href }));

/**
 * Replaces the pre-rendered markup (#tribuna-prerendered) with the app's,
 * rendered out of sight right after it, in one step before the next paint.
 * The app calls this once its page is ready (src/browser/takeover.rs). The two
 * are the same markup, so nothing moves; what the reader did meanwhile is
 * carried over: the scroll position, keyboard focus, a text selection, what
 * was typed into a field, and images already decoded. Markup the pre-rendered
 * page carries but the app renders only when asked (the Share panel, in a
 * closed disclosure) is marked `data-tribuna-deferred`; its text and controls
 * do not count when matching the two.
 */
globalThis.tribunaTakeOver = () => {
  const old = document.getElementById('tribuna-prerendered');
  const next = old?.nextElementSibling;
  if (!next) return;
  const { scrollX, scrollY } = window;
  const deferred = (el) => el.closest('[data-tribuna-deferred]');
  const focusable = (root) =>
    [...root.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')].filter((el) => !deferred(el));
  const focusIndex = old.contains(document.activeElement) ? focusable(old).indexOf(document.activeElement) : -1;
  // A selection, as character offsets into the text of the page.
  const texts = (root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, (n) =>
      deferred(n.parentElement) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
    );
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    return nodes;
  };
  const offsetOf = (nodes, node, offset) => {
    let before = 0;
    for (const n of nodes) {
      if (n === node) return before + offset;
      before += n.length;
    }
    return null;
  };
  // At the boundary of two text nodes a selection's start belongs to the next one, its end to the one before.
  const pointAt = (nodes, at, start) => {
    for (const n of nodes) {
      if (at < n.length || (at === n.length && !start)) return [n, at];
      at -= n.length;
    }
    return null;
  };
  const selection = getSelection();
  let selected = null;
  if (selection.rangeCount && !selection.isCollapsed) {
    const nodes = texts(old);
    const anchor = offsetOf(nodes, selection.anchorNode, selection.anchorOffset);
    const focus = offsetOf(nodes, selection.focusNode, selection.focusOffset);
    if (anchor !== null && focus !== null) selected = [anchor, focus];
  }
  // What was typed before the app arrived goes into the app's fields (only
  // what the reader changed: the app may have restored a saved draft).
  for (const field of old.querySelectorAll('input[id], textarea[id]')) {
    const twin = next.querySelector(`#${CSS.escape(field.id)}`);
    if (!twin) continue;
    const checkbox = field.type === 'checkbox';
    const typed = checkbox ? field.checked !== field.defaultChecked : field.value !== field.defaultValue;
    if (!typed || (checkbox ? field.checked === twin.checked : field.value === twin.value)) continue;
    if (checkbox) twin.checked = field.checked;
    else twin.value = field.value;
    twin.dispatchEvent(new Event(checkbox ? 'change' : 'input', { bubbles: true }));
  }
  // Images already on screen move across instead of being decoded again.
  const same = (a, b) => ['src', 'width', 'height', 'alt', 'class'].every((k) => a.getAttribute(k) === b.getAttribute(k));
  const shown = [...old.querySelectorAll('img[src]')];
  for (const [i, img] of [...next.querySelectorAll('img[src]')].entries()) {
    if (shown[i] && same(shown[i], img)) img.replaceWith(shown[i]);
  }

  old.remove();
  next.hidden = false;
  next.id = 'tribuna-root';

  const target = focusIndex >= 0 ? focusable(next)[focusIndex] : null;
  target?.focus({ preventScroll: true });
  if (selected) {
    const nodes = texts(next);
    const [anchor, focus] = selected;
    const a = pointAt(nodes, anchor, anchor <= focus);
    const f = pointAt(nodes, focus, focus < anchor);
    if (a && f) selection.setBaseAndExtent(a[0], a[1], f[0], f[1]);
  }
  window.scrollTo(scrollX, scrollY);
};

if (document.getElementById('tribuna-prerendered')) {
  const afterPaint = () => requestAnimationFrame(() => setTimeout(start));
  if (document.readyState === 'complete') afterPaint();
  else addEventListener('load', afterPaint, { once: true });
} else {
  // What the page a deep link names will fetch: a statement's file and
  // `authors.json` (no other page fetches those), or the wasm chunks of the
  // home and topic pages, `/mailbag` and `/mailbag/ask`; and, on every page,
  // `site.json` and the index. A first path segment
  // that is not a page name is a language prefix.
  const segments = location.pathname.slice(base.length).split('/').filter(Boolean);
  const slug = segments.length >= 2 && segments.length <= 3 && segments.at(-2) === 'statements' ? segments.at(-1) : null;
  let content = document.querySelector('meta[name="tribuna-content-base"]')?.content || base + 'content/';
  if (!content.endsWith('/')) content += '/';
  // Every page needs these two.
  preload(content + 'site.json');
  preload(content + 'statements/index.json');
  if (slug && /^[a-z0-9-]+$/.test(slug)) {
    preload(content + 'statements/' + slug + '.json');
    preload(content + 'authors.json');
  }
  const path = segments.length && !['statements', 'topics', 'mailbag'].includes(segments[0]) ? segments.slice(1) : segments;
  const part = path.length === 0 || path[0] === 'topics' ? 'listing' : path[0] === 'mailbag' ? (path[1] === 'ask' ? 'ask' : 'mailbag') : null;
  for (const file of app.parts?.[part] ?? []) preload(base + file);
  start();
}
