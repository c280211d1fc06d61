// Dispatch reader: what the richer blocks do with JavaScript on, served after block-controls.js
// (galleries' buttons, embeds' players loaded on request, shared with the script embed). Posts
// arriving live get the same, through a MutationObserver.
// Sharing (share-view.ts): each post's "Share" link joined by "Copy link" and the device's
// "Share…" from the page's template, shown only where the browser can do them; a post arriving
// live gets the whole control, its link to the post's page made from the template's. Each use
// of a share control is counted for the newsroom (a beacon naming the post and network).
(() => {
  const doc = document;
  const nav = navigator;
  const shareTemplate = doc.getElementById("share-template");
  const addShare = (post) => {
    const served = post.querySelector(":scope > .share");
    if (!shareTemplate || served?.dataset.url) return;
    const control = shareTemplate.content.firstElementChild.cloneNode(true);
    const link = control.firstElementChild;
    const base = link.getAttribute("href");
    link.href = new URL(
      served?.firstElementChild.getAttribute("href") ?? base.replace("__POST__", post.id.slice(5)),
      base,
    );
    control.dataset.url = link.href;
    if (served) served.replaceWith(control);
    else post.append(control);
  };
  const revealBlocks = blockControls(doc);
  const enhance = () => {
    for (const post of doc.querySelectorAll("#updates > article, #pinned > article"))
      addShare(post);
    for (const el of doc.querySelectorAll(".share-copy[hidden], .share-native[hidden]")) {
      el.hidden = !(el.className === "share-copy" ? nav.clipboard : nav.share);
    }
    revealBlocks(doc);
  };
  doc.addEventListener("click", (event) => {
    const button = event.target.closest?.(".share-links a, .share-copy, .share-native");
    const control = button?.closest(".share");
    if (!control) return;
    const url = control.dataset.url;
    // Counted for the newsroom's numbers: the post (in the address) and the network, nothing
    // about the reader; the permalink /live/SLUG/posts/ID becomes /api/blogs/SLUG/posts/ID/shares.
    nav.sendBeacon?.(
      `${url.replace("/live/", "/api/blogs/")}/shares`,
      new URLSearchParams({ network: button.className.slice(6) }),
    );
    if (button.tagName === "A") return;
    const say = (words) => {
      control.querySelector(".share-status").textContent = words;
    };
    if (button.className === "share-native") nav.share({ url }).catch(() => {});
    else
      nav.clipboard.writeText(url).then(
        () => say(control.dataset.copied),
        () => say(control.dataset.copyFailed),
      );
  });
  // Ad slots (ad-slots-view.ts): N posts stand above each slot. Posts arriving live go in at
  // the top; once more than N stand above the topmost slot, a new one goes under the Nth from
  // the old slot, so no slot already on the page moves among the posts. The publisher's
  // script hears of it by a `dispatch:slot` event (docs/DISTRIBUTION.md).
  const keepSlots = () => {
    const list = doc.getElementById("updates");
    const every = Number(list?.dataset.adEvery);
    if (!every) return;
    const above = [];
    for (let el = list.firstElementChild; el && !el.classList.contains("ad-slot"); ) {
      if (el.tagName === "ARTICLE") above.push(el);
      el = el.nextElementSibling;
    }
    const numbers = [...list.querySelectorAll(".ad-slot")].map((slot) => +slot.dataset.slot);
    let next = Math.max(0, ...numbers);
    while (above.length > every) {
      above.length -= every;
      const slot = doc.createElement("div");
      slot.className = `ad-slot ad-h-${list.dataset.adHeight}`;
      slot.dataset.slot = ++next;
      slot.setAttribute("role", "group");
      slot.setAttribute("aria-label", list.dataset.adLabel);
      above[above.length - 1].after(slot);
      slot.dispatchEvent(
        new CustomEvent("dispatch:slot", { bubbles: true, detail: { slot: next } }),
      );
    }
  };
  const changed = () => {
    enhance();
    keepSlots();
  };
  changed();
  new MutationObserver(changed).observe(doc.body, { childList: true, subtree: true });

  // The page's interface words (reader/i18n/browser.ts).
  let messages;
  try {
    messages = JSON.parse(doc.getElementById("reader-messages").textContent);
  } catch {}
  // A continuing story's links (views.ts renderStoryLinks) follow the blog's event, which
  // live.js hands on as "dispatch-blog": the newsroom names the next blog while readers are
  // still on this one. Placed as the server places them, after the search (and contribute) form.
  doc.addEventListener("dispatch-blog", ({ detail: blog }) => {
    const sides = ["previous", "next"].filter((side) => blog[`${side}Blog`]);
    let nav = doc.querySelector("#main > .story-links");
    if (!sides.length) return nav?.remove();
    const after =
      doc.querySelector("#main > .contribute") ?? doc.querySelector("#main > .blog-search");
    if (!nav && !after) return;
    if (!nav) {
      nav = doc.createElement("nav");
      nav.className = "story-links";
      nav.setAttribute("aria-label", messages?.["story.label"] ?? "");
      after.after(nav);
    }
    nav.replaceChildren(
      ...sides.map((side) => {
        const link = doc.createElement("a");
        link.className = `story-${side}`;
        link.href = `/live/${blog[`${side}Blog`]}`;
        link.textContent = messages?.[`story.${side}`] ?? "";
        return link;
      }),
    );
  });

  // Polls: a vote sent with fetch (the form works without, through a redirect back), and
  // the counts kept live from the `poll` event live.js hands over as "dispatch-poll". The
  // words "12 votes" and "Voting closed" come from the page's messages, a plural picked by
  // Intl.PluralRules.
  const forms = messages?.["blocks.votes"];
  const votes = (n) => {
    const form =
      forms?.[new Intl.PluralRules(doc.documentElement.lang || undefined).select(n)] ??
      forms?.other;
    return form ? form.replace("#", n.toLocaleString(doc.documentElement.lang || undefined)) : n;
  };
  // A poll that closed with the page open becomes what the server now renders for it
  // (render.ts renderClosedPoll): its results and "Voting closed", the form gone.
  const closeForm = (poll) => {
    const shown = doc.createElement("div");
    shown.className = "poll poll-closed";
    if (poll.dataset.poll) shown.dataset.poll = poll.dataset.poll;
    for (const label of poll.querySelectorAll("label")) {
      const answer = doc.createElement("span");
      answer.className = "poll-answer";
      answer.textContent = label.textContent.trim();
      label.replaceWith(answer);
    }
    const status = doc.createElement("p");
    status.className = "poll-status";
    status.textContent = messages?.["blocks.votingClosed"] ?? "";
    poll.querySelector(".poll-closes")?.remove();
    poll.querySelector("button").replaceWith(status);
    shown.append(...poll.childNodes);
    poll.replaceWith(shown);
  };
  const done = (poll, closed) => {
    if (poll.tagName !== "FORM") return;
    if (closed) return closeForm(poll);
    poll.classList.add("poll-voted");
    poll.querySelector("button").disabled = true;
  };
  const draw = (tally) => {
    for (const poll of doc.querySelectorAll(`.poll[data-poll="${tally.pollId}"]`)) {
      for (const meter of poll.querySelectorAll("meter")) {
        meter.max = Math.max(tally.total, 1);
        meter.value = tally.totals[meter.dataset.answer] ?? 0;
      }
      for (const count of poll.querySelectorAll(".poll-votes")) {
        count.textContent = votes(tally.totals[count.dataset.answer] ?? 0);
      }
      poll.querySelector(".poll-total").textContent = votes(tally.total);
      if (tally.closed) done(poll, true);
    }
  };
  doc.addEventListener("dispatch-poll", (event) => draw(event.detail));
  doc.addEventListener("submit", async (event) => {
    const poll = event.target;
    if (!poll.matches?.("form.poll[data-poll]")) return;
    event.preventDefault();
    const answer = new FormData(poll).get("answer");
    const response = await fetch(poll.action, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ answer }),
      credentials: "same-origin",
    }).catch(() => null);
    const body = await response?.json().catch(() => null);
    if (response?.ok) {
      draw(body);
      done(poll);
    } else if (body?.error?.code === "already_voted") done(poll);
    else if (body?.error?.code === "poll_closed") done(poll, true);
  });
  const closeDue = () => {
    for (const poll of doc.querySelectorAll("form.poll[data-closes-at]")) {
      if (Date.parse(poll.dataset.closesAt) <= Date.now()) done(poll, true);
    }
  };
  closeDue();
  setInterval(closeDue, 30000);
})();
