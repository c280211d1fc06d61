// Dispatch reader: the controls of a post body's richer blocks, shared by the reader page
// (served before blocks.js) and the script embed's shadow root (served before embed.js; each
// served file is one block, so these names stay its own on a partner's page). A gallery is a
// row of figures that snaps to one at a time (swipe, scroll, or the arrow keys on its focused
// scroller, all native); this shows its previous and next buttons and its count. An embed's
// player replaces its card only when the reader presses "Load": nothing from the provider
// loads before. `blockControls(root)` listens on `root` (a document or a shadow root) and
// returns `reveal(scope)`, which shows the buttons of the blocks inside `scope`.
// biome-ignore lint/correctness/noUnusedVariables: blocks.js and embed.js, served right after, call it
const blockControls = (root) => {
  // Right to left, the first figure is at the right and scrollLeft runs from 0 down to minus
  // the width: the index counts from the start side, and "next" scrolls towards the left. The
  // buttons' arrows (‹ ›) are mirrored characters, so they point the right way by themselves.
  const sign = (track) => (getComputedStyle(track).direction === "rtl" ? -1 : 1);
  const at = (track) => Math.round((track.scrollLeft * sign(track)) / (track.clientWidth || 1));
  const show = (gallery) => {
    const track = gallery.querySelector(".gallery-track");
    const n = track.children.length;
    const i = Math.min(at(track), n - 1);
    gallery.querySelector(".gallery-prev").disabled = i < 1;
    gallery.querySelector(".gallery-next").disabled = i >= n - 1;
    gallery.querySelector(".gallery-count").textContent = `${i + 1} / ${n}`;
  };
  root.addEventListener(
    "scroll",
    (event) => event.target.classList?.contains("gallery-track") && show(event.target.parentNode),
    true,
  );
  root.addEventListener("click", (event) => {
    const target = event.target.closest?.(".gallery-nav button, .embed-load");
    const card = target?.parentNode;
    if (target?.tagName !== "BUTTON") return;
    if (target.className === "embed-load") {
      const frame = document.createElement("iframe");
      frame.src = card.dataset.frameSrc;
      frame.title = card.dataset.frameTitle;
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      frame.setAttribute(
        "sandbox",
        "allow-scripts allow-same-origin allow-popups allow-presentation",
      );
      frame.allowFullscreen = true;
      card.firstChild.remove();
      target.replaceWith(frame);
      card.classList.add("embed-loaded");
      frame.focus();
    } else {
      const track = card.parentNode.firstChild;
      const step = target.classList.contains("gallery-prev") ? -1 : 1;
      track.scrollTo({ left: (at(track) + step) * track.clientWidth * sign(track) });
    }
  });
  return (scope) => {
    for (const el of scope.querySelectorAll(".gallery-nav[hidden], .embed-load[hidden]")) {
      el.hidden = false;
      if (el.tagName === "DIV") show(el.parentNode);
    }
  };
};
