// In an iframe embed page (embed/…): tells the host page how tall the embed
// is, so that embed-resize.js can fit the iframe to it. A message goes when
// the page first lays out and again whenever its height changes (fonts,
// images, the window's width):
//   { "type": "tribuna:resize", "height": <CSS pixels> }
// The height is not secret, so any host may read it; the host checks that the
// message comes from the iframe's own origin.
if (window.parent !== window) {
  let last = -1;
  const post = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height !== last) {
      last = height;
      window.parent.postMessage({ type: 'tribuna:resize', height }, '*');
    }
  };
  new ResizeObserver(post).observe(document.documentElement);
  addEventListener('load', post);
}
