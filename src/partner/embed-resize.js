// Fits Tribuna's iframe embeds to their content, on the partner's page
// (docs/embedding.md). Add it once, anywhere on the page:
//   <script src="https://TRIBUNA-HOST/embed-resize.js" async></script>
// It listens for { type: "tribuna:resize", height } messages and sets the
// height of the iframe that sent one, and only when the message comes from
// that iframe's own origin. It also applies the snippet's own style (no
// border, never wider than its column), which a page whose CSP forbids style
// attributes would otherwise drop. Messages of any other shape, from other windows
// or from another origin, are ignored.
(() => {
  const key = Symbol.for('tribuna.embed-resize');
  if (window[key]) return;
  window[key] = true;
  addEventListener('message', (event) => {
    const data = event.data;
    if (!data || data.type !== 'tribuna:resize' || !Number.isFinite(data.height) || data.height < 0) return;
    for (const frame of document.getElementsByTagName('iframe')) {
      if (frame.contentWindow !== event.source) continue;
      let origin = '';
      try {
        origin = new URL(frame.src, location.href).origin;
      } catch {
        return;
      }
      if (origin !== event.origin) return;
      frame.style.border = '0';
      frame.style.maxWidth = '100%';
      frame.style.height = `${Math.min(Math.ceil(data.height), 100000)}px`;
      return;
    }
  });
})();
