// Dispatch embeds, on a partner's page: <script async src="https://DISPATCH/embed.js">. One
// small file, no framework, for both snippets:
// - <iframe src="https://DISPATCH/live/SLUG/embed">: the iframe tells its height in a
//   {type: "dispatch:height"} message; messages from this script's own origin, sent by one
//   of the page's iframes, size that iframe. The iframe is told in turn where the page's
//   viewport begins, for its "N new updates" button.
// - <div data-dispatch-blog="SLUG" data-theme data-accent data-font data-limit
//   data-key-events>: the blog is rendered into the element's shadow root (the page's styles
//   cannot reach in, ours cannot leak out), from the public JSON API, and kept live from the
//   blog's event stream (cross-origin, no credentials), holding new posts behind the same
//   "N new updates" button as the reader page while the reader is further down. Each post
//   has the reader page's share control: Share (its own page), Copy link and Share…, and its
//   galleries and embeds the page's controls (served before this file: block-controls.js).
(() => {
  const doc = document;
  const origin = new URL(doc.currentScript?.src || "/", location.href).origin;
  const mark = Symbol.for(`dispatch-embed ${origin}`);
  const COLOUR = /^(?:#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|[a-zA-Z]{3,30})$/;
  const FAMILY = `(?:"[A-Za-z -]{1,60}"|'[A-Za-z -]{1,60}'|[A-Za-z][A-Za-z -]{0,59})`;
  const FONT = new RegExp(`^\\s*${FAMILY}\\s*(?:,\\s*${FAMILY}\\s*){0,5}$`);
  // Right-to-left languages by primary subtag: the same list as src/reader/direction.ts.
  const RTL = /^(?:ar|he|iw|fa|ur|ps|sd|ug|yi|ji|dv|ckb)(?:[-_]|$)/i;
  const el = (tag, className, text) => {
    const node = doc.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  // The iframe form: one listener for the page, however many times the script is included.
  if (!window[mark]) {
    window[mark] = true;
    const frames = new Set();
    const tellViewport = () => {
      for (const frame of frames) {
        if (!frame.isConnected) frames.delete(frame);
        else
          frame.contentWindow?.postMessage(
            { type: "dispatch:viewport", top: -frame.getBoundingClientRect().top },
            origin,
          );
      }
    };
    // Browsers fire scroll at most once a frame already: no throttle of our own.
    const onScroll = () => tellViewport();
    addEventListener("scroll", onScroll, { passive: true });
    addEventListener("resize", onScroll, { passive: true });
    addEventListener("message", (event) => {
      const message = event.data;
      if (event.origin !== origin || message?.type !== "dispatch:height") return;
      const height = Number(message.height);
      if (!Number.isFinite(height) || height < 0) return;
      for (const frame of doc.querySelectorAll("iframe")) {
        if (frame.contentWindow !== event.source) continue;
        frame.style.height = `${Math.ceil(height)}px`;
        if (!frames.has(frame)) {
          frames.add(frame);
          onScroll();
        }
      }
    });
  }

  const mount = (host) => {
    const slug = host.dataset.dispatchBlog;
    const data = host.dataset;
    const theme = data.theme === "light" || data.theme === "dark" ? data.theme : "auto";
    const limit = Math.min(50, Math.max(1, Number.parseInt(data.limit, 10) || 20));
    const keyOnly = data.keyEvents === "1" || data.keyEvents === "true";
    const api = `${origin}/api/blogs/${encodeURIComponent(slug)}`;
    const page = `${origin}/live/${encodeURIComponent(slug)}`;

    const shadow = host.attachShadow({ mode: "open" });
    const sheet = el("link");
    sheet.rel = "stylesheet";
    sheet.href = `${origin}/assets/embed.css`;
    const box = el("div", "dispatch-embed");
    box.dataset.theme = theme;
    // Through the CSS object model: allowed under the host page's policy, unlike a style attribute.
    if (COLOUR.test(data.accent || "")) box.style.setProperty("--accent", data.accent);
    if (FONT.test(data.font || "")) box.style.setProperty("--font", data.font.trim());
    box.hidden = true;
    sheet.onload = sheet.onerror = () => {
      box.hidden = false;
    };
    const head = el("header", "embed-head");
    // The interface words come with the blog (GET …/reader-messages, in its language), so
    // nothing is written in words until then: "…" while loading.
    let words = {};
    let plurals = new Intl.PluralRules("en");
    const text = (key, count) => {
      const message = words[key] ?? "";
      if (typeof message === "string") return message;
      const form = message[plurals.select(count)] ?? message.other ?? "";
      return form.replace(
        "#",
        new Intl.NumberFormat(plurals.resolvedOptions().locale).format(count),
      );
    };
    const updatesText = (n) => text("stream.newUpdates", n);
    const badge = el("span", "live-badge");
    const title = el("a", "embed-title");
    title.href = page;
    title.target = "_blank";
    head.append(badge, " ", title);
    const notice = el("p", "closed-notice");
    notice.hidden = true;
    const pinnedBox = el("section", "pinned");
    pinnedBox.hidden = true;
    const list = el("div", "updates");
    const empty = el("p", "no-updates", "…");
    const more = el("p", "pager");
    const all = el("a");
    all.href = page;
    all.target = "_blank";
    more.append(all);
    const button = el("button", "new-updates");
    button.type = "button";
    button.hidden = true;
    const announcer = el("div", "visually-hidden");
    announcer.setAttribute("aria-live", "polite");
    // The prompt comes before the posts, so that a keyboard reaches it first.
    box.append(head, notice, pinnedBox, button, list, empty, more, announcer);
    shadow.append(sheet, box);
    // Galleries and embeds' players behave as on the reader page (block-controls.js).
    const revealBlocks = blockControls(shadow);

    let blog = { language: "en" };
    const shown = new Map();
    const held = new Map();
    const nodes = new Map();
    // The reader's own time, zone named ("08:38 GMT-5"), as the reader page shows it once its
    // script runs: CLOCK in src/core/zoned-time.ts, in the browser's zone.
    const CLOCK = { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" };
    const clock = () => {
      try {
        return new Intl.DateTimeFormat(blog.language, CLOCK);
      } catch {
        return new Intl.DateTimeFormat("en-GB", CLOCK);
      }
    };
    // Names joined as the blog's language joins them ("A, B and C", "A وB"): joinList in
    // src/reader/i18n/messages.ts, English as the reader page writes it.
    const listOf = (names) => {
      try {
        const english = /^en\b/i.test(blog.language);
        return new Intl.ListFormat(english ? "en-GB" : blog.language).format(names);
      } catch {
        return names.join(", ");
      }
    };
    // Post HTML is the server's, rendered safe; its site-relative links are made absolute.
    const absolute = (root) => {
      for (const node of root.querySelectorAll("[src],[href],[srcset]")) {
        for (const name of ["src", "href"]) {
          const value = node.getAttribute(name);
          if (value?.startsWith("/") && !value.startsWith("//"))
            node.setAttribute(name, origin + value);
        }
        const set = node.getAttribute("srcset");
        if (set) node.setAttribute("srcset", set.replace(/(^|,\s*)\/(?!\/)/g, `$1${origin}/`));
        if (node.tagName === "A") node.target = "_blank";
      }
    };
    const build = (post) => {
      const article = el("article", `post${post.keyEvent ? " is-key-event" : ""}`);
      article.id = `post-${post.id}`;
      article.dataset.version = post.version;
      if (post.title?.trim()) article.append(el("h3", "post-title", post.title.trim()));
      const meta = el("p", "post-meta");
      const when = el("a", "post-time");
      when.href = `${page}/posts/${encodeURIComponent(post.id)}`;
      when.target = "_blank";
      const stamp = el("time", "", clock().format(new Date(post.publishedAt)));
      stamp.dateTime = post.publishedAt;
      when.append(stamp);
      const names = listOf(
        (post.bylines?.length ? post.bylines : [post.author || { name: "" }]).map(
          (byline) => byline.name,
        ),
      );
      meta.append(when, el("span", "byline-name", names));
      if (post.keyEvent) meta.append(el("span", "label", text("post.keyEvent")));
      // Words changed after publishing, verification and source: as the reader page shows
      // them (corrections-view.ts, attribution-view.ts), in the same order.
      let correction = null;
      if (post.contentUpdatedAt) {
        const updated = el("a", "post-updated");
        updated.href = `${when.href}/history`;
        updated.target = "_blank";
        updated.append(...parts("post.updated", { time: timeOf(post.contentUpdatedAt) }));
        meta.append(updated);
        if (post.correction) {
          correction = el("p", "post-correction");
          const label = el("strong");
          label.append(...parts("post.correction", { time: timeOf(post.correction.at) }));
          correction.append(label, ` ${post.correction.note}`);
        }
      }
      article.append(meta);
      const verification = post.verification;
      const state = `verification.${verification?.state}`;
      if (verification && typeof words[state] === "string") {
        const box = el("p", `post-verification is-${verification.state}`);
        box.dataset.verification = verification.state;
        box.append(el("span", "verification-badge", text(state)));
        if (verification.note) box.append(el("span", "verification-note", verification.note));
        article.append(box);
      }
      if (correction) article.append(correction);
      const body = el("div", "post-body");
      body.innerHTML = post.html;
      absolute(body);
      revealBlocks(body);
      article.append(body);
      if (post.source?.text) {
        const line = el("p", "post-source");
        line.append(el("span", "post-source-label", text("post.source")), " ");
        const url = post.source.url;
        const named = url && /^https?:\/\//i.test(url) ? el("a", "", post.source.text) : null;
        if (named) {
          named.href = url;
          named.target = "_blank";
        }
        line.append(named || post.source.text);
        article.append(line);
      }
      article.append(shareControl(when.href));
      return article;
    };
    // A message's words around nodes: "Updated {time}" with a <time> in the hole.
    const parts = (key, values) =>
      text(key)
        .split(/\{(\w+)\}/)
        .map((part, i) => (i % 2 ? values[part] : part));
    const timeOf = (iso) => {
      const node = el("time", "", clock().format(new Date(iso)));
      node.dateTime = iso;
      return node;
    };
    // The reader page's compact control (share-view.ts): a link to the post's own page, where
    // the networks' links are, and Copy link and the device's Share… where the browser can.
    const shareControl = (url) => {
      const box = el("div", "share");
      const link = el("a", "share-link", text("share.summary"));
      link.href = url;
      link.target = "_blank";
      const status = el("span", "share-status");
      status.setAttribute("role", "status");
      const button = (className, words, act) => {
        const node = el("button", className, words);
        node.type = "button";
        node.addEventListener("click", act);
        return node;
      };
      box.append(link);
      if (navigator.share)
        box.append(
          button("share-native", text("share.native"), () =>
            navigator.share({ url }).catch(() => {}),
          ),
        );
      if (navigator.clipboard)
        box.append(
          button("share-copy", text("share.copy"), () =>
            navigator.clipboard.writeText(url).then(
              () => {
                status.textContent = text("share.copied");
              },
              () => {
                status.textContent = text("share.copyFailed");
              },
            ),
          ),
        );
      box.append(status);
      return box;
    };
    const newer = (a, b) =>
      Date.parse(a.publishedAt) - Date.parse(b.publishedAt) || (a.id > b.id ? 1 : -1);
    const nodeFor = (post) => {
      const known = nodes.get(post.id);
      if (known && known.version === post.version) return known.node;
      const node = build(post);
      nodes.set(post.id, { version: post.version, node });
      return node;
    };
    // Only what changed moves: a post's embedded video is not reloaded by a neighbour's edit.
    const render = () => {
      const posts = [...shown.values()].sort((a, b) => newer(b, a));
      const pinned = keyOnly ? undefined : posts.find((post) => post.pinned);
      pinnedBox.hidden = !pinned;
      if (pinned) {
        const node = nodeFor(pinned);
        if (pinnedBox.firstChild !== node) pinnedBox.replaceChildren(node);
      } else pinnedBox.replaceChildren();
      const ordered = posts.filter((post) => post !== pinned).map(nodeFor);
      ordered.forEach((node, i) => {
        if (list.children[i] !== node) list.insertBefore(node, list.children[i] || null);
      });
      while (list.children.length > ordered.length) list.lastChild.remove();
      for (const id of nodes.keys()) if (!shown.has(id)) nodes.delete(id);
      empty.textContent = text(keyOnly ? "embed.noKeyEvents" : "page.noUpdates");
      empty.hidden = posts.length > 0;
    };
    const showButton = () => {
      button.hidden = held.size === 0;
      button.textContent = updatesText(held.size);
    };
    const readingBelow = () => list.getBoundingClientRect().top < 0;
    const release = (reveal) => {
      for (const [id, post] of held) shown.set(id, post);
      const newest = [...held.values()].sort((a, b) => newer(b, a))[0];
      held.clear();
      showButton();
      render();
      if (reveal && newest) nodes.get(newest.id)?.node.scrollIntoView({ block: "start" });
    };
    button.addEventListener("click", () => release(true));
    addEventListener(
      "scroll",
      () => {
        if (held.size > 0 && !readingBelow()) release(false);
      },
      { passive: true },
    );

    const onBlog = (next) => {
      blog = next;
      // The shadow root's box reads in the blog's language and direction, not the host page's.
      box.lang = next.language;
      box.dir = RTL.test(next.language) ? "rtl" : "ltr";
      title.textContent = next.title;
      const closed = next.status === "closed";
      notice.hidden = !closed;
      badge.hidden = closed;
    };
    const onDelete = ({ id }) => {
      shown.delete(id);
      if (held.delete(id)) showButton();
      render();
    };
    const onPost = (post) => {
      const wanted = post.status === "published" && post.publishedAt && (!keyOnly || post.keyEvent);
      if (!wanted) return onDelete(post);
      const current = shown.get(post.id) || held.get(post.id);
      if (current && current.version > post.version) return;
      if (held.has(post.id)) return held.set(post.id, post);
      const top = [...shown.values()].sort((a, b) => newer(b, a))[0];
      if (!current && (!top || newer(post, top) > 0) && readingBelow()) {
        held.set(post.id, post);
        showButton();
        announcer.textContent = updatesText(held.size);
        return;
      }
      shown.set(post.id, post);
      render();
    };
    const handlers = { post: onPost, delete: onDelete, blog: onBlog };

    // The stream opens first, and its events wait while the posts load: a post published in
    // between arrives by the stream. Reconnects resume after the last event seen.
    let last = 0;
    let waiting = [];
    let source;
    const getJson = async (url) => {
      const answer = await fetch(url, { credentials: "omit" });
      if (!answer.ok) throw new Error(`${url}: ${answer.status}`);
      return answer.json();
    };
    const load = async () => {
      waiting = [];
      const [blogJson, postPage, messages] = await Promise.all([
        getJson(api),
        getJson(`${api}/posts?limit=${limit}${keyOnly ? "&keyEvent=1" : ""}`),
        getJson(`${api}/reader-messages`),
      ]);
      words = messages.messages;
      try {
        plurals = new Intl.PluralRules(blogJson.language);
      } catch {}
      badge.textContent = text("page.live");
      notice.textContent = text("page.closed");
      all.textContent = text("embed.allUpdates");
      onBlog(blogJson);
      shown.clear();
      for (const post of postPage.posts) shown.set(post.id, post);
      const queued = waiting;
      waiting = null;
      for (const [name, value] of queued) handlers[name](value);
      render();
    };
    const connect = () => {
      const es = new EventSource(`${api}/events${last ? `?lastEventId=${last}` : ""}`);
      source = es;
      for (const name of ["post", "delete", "blog", "reset"]) {
        es.addEventListener(name, (event) => {
          const id = Number(event.lastEventId);
          if (id && id <= last) return;
          if (id) last = id;
          if (name === "reset") return void start();
          let value;
          try {
            value = JSON.parse(event.data);
          } catch {
            return;
          }
          if (waiting) waiting.push([name, value]);
          else handlers[name](value);
        });
      }
      es.onerror = () => {
        es.close();
        if (source !== es) return;
        setTimeout(last ? connect : start, 3000 * (0.5 + Math.random()));
      };
    };
    const start = () => {
      source?.close();
      last = 0;
      connect();
      load().catch(() => {
        empty.textContent = text("embed.failed") || "This live blog could not be loaded.";
        empty.hidden = false;
      });
    };
    start();
  };

  const mountAll = () => {
    for (const host of doc.querySelectorAll("[data-dispatch-blog]")) {
      if (host.shadowRoot || host.dataset.dispatchMounted) continue;
      host.dataset.dispatchMounted = "1";
      mount(host);
    }
  };
  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
})();
