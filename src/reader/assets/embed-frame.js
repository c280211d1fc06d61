// Dispatch embed page: served after live-follow.js and live.js, which keep the posts live.
// This part talks to the page framing the embed: it tells it the embed's height whenever the
// content's size changes ({type: "dispatch:height", slug, height}, read by /embed.js on the
// host page, which sizes the iframe), and hears from it where the host's viewport begins
// ({type: "dispatch:viewport", top}), so that live.js holds new posts behind the "N new
// updates" button while the reader is further down, as on the reader page.
(() => {
  const doc = document;
  const box = doc.querySelector(".dispatch-embed");
  if (!box || window.parent === window) return;
  const slug = doc.body.dataset.slug;
  let told = -1;
  const tell = () => {
    const height = Math.ceil(box.getBoundingClientRect().height);
    if (height === told) return;
    told = height;
    window.parent.postMessage({ type: "dispatch:height", slug, height }, "*");
  };
  // A link followed inside a small frame would strand the reader there: it opens a tab.
  // (Set as it is clicked: server-rendered post bodies carry links of their own.)
  doc.addEventListener("click", (event) => {
    const link = event.target.closest?.("a[href]");
    if (!link || link.target) return;
    link.target = "_blank";
    link.rel = "noopener";
  });
  if (window.ResizeObserver) new ResizeObserver(tell).observe(box);
  addEventListener("load", tell);
  tell();
  addEventListener("message", (event) => {
    const message = event.data;
    if (event.source !== window.parent || message?.type !== "dispatch:viewport") return;
    const top = Number(message.top);
    if (!Number.isFinite(top)) return;
    doc.documentElement.dataset.hostTop = String(Math.round(top));
    const button = doc.querySelector(".new-updates");
    if (button) button.style.top = `${Math.max(0, Math.round(top)) + 12}px`;
    // live.js releases held posts on a scroll that brings the stream's top back into view.
    dispatchEvent(new Event("scroll"));
  });
})();
