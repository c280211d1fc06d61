// Dispatch live reader: keeps a server-rendered live blog current from the blog's events.
// Plain script, no build step, no framework, no third-party requests. It builds posts with
// the same markup as src/reader/post-view.ts (classes, data attributes, order): keep in step.
// Every handler replaces by id, so an event the page already shows changes nothing. How the
// events arrive is live-follow.js, served in the same file just before this one.
(() => {
  const doc = document;
  const data = doc.body.dataset;
  const lang = data.lang || "en";
  const timeZone = data.timezone || "UTC";
  const byId = (id) => doc.getElementById(id);
  // The slug rule of src/core/tags.ts: every script's letters kept, the rest a dash.
  const tagSlug = (tag) =>
    tag
      .normalize("NFKC")
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, "");
  const stream = byId("updates");
  const pinnedBox = byId("pinned");
  const keyNav = byId("key-events");
  const keyList = keyNav?.querySelector("ol");
  const button = doc.querySelector(".new-updates");
  const announcer = byId("announcer");
  const held = new Map();

  // The interface words in the blog's language, handed over by the server (see
  // src/reader/i18n/browser.ts): `{name}` holes, and a plural as its forms by category.
  let words = {};
  let plurals;
  let counts;
  try {
    words = JSON.parse(byId("reader-messages").textContent);
    plurals = new Intl.PluralRules(lang);
    counts = new Intl.NumberFormat(lang);
  } catch {
    plurals = new Intl.PluralRules("en");
    counts = new Intl.NumberFormat("en");
  }
  // A message as parts for append(): its words, with the values (text or nodes) in its holes.
  const parts = (key, values = {}) => {
    let message = words[key] ?? key;
    if (typeof message === "object") {
      const form = message[plurals.select(values.count)] ?? message.other;
      message = form.replace("#", counts.format(values.count));
    }
    return message.split(/\{(\w+)\}/).map((part, i) => (i % 2 ? values[part] : part));
  };
  const text = (key, values) => parts(key, values).join("");

  const format = (options, locale = lang, zone = timeZone) => {
    try {
      return new Intl.DateTimeFormat(locale, { ...options, timeZone: zone });
    } catch {
      return new Intl.DateTimeFormat("en-GB", { ...options, timeZone: "UTC" });
    }
  };
  // The same options as CLOCK in src/core/zoned-time.ts: "14:05 CET", the zone named.
  const CLOCK = { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" };
  const clock = format(CLOCK);
  const fullDate = format({ dateStyle: "long", timeStyle: "short" });
  const dayName = format({ weekday: "long", day: "numeric", month: "long" });
  const longDate = format({ day: "numeric", month: "long" });
  const shortDate = format({ day: "numeric", month: "short" });
  const dayParts = format({ year: "numeric", month: "2-digit", day: "2-digit" }, "en-US");
  const timeOf = (iso) => clock.format(new Date(iso));

  // The reader's own zone, when it is not the blog's: every clock time the server wrote in the
  // blog's zone ("14:05 CET") is rewritten in the reader's ("08:05 EST"), the blog's kept in
  // the title, and the note atop the stream says so. Posts built here go through it too.
  const readerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const here =
    readerZone &&
    readerZone !== clock.resolvedOptions().timeZone &&
    format(CLOCK, lang, readerZone);
  const hereDate = here && format({ day: "numeric", month: "long" }, lang, readerZone);
  const zoneOf = (formatter, at) =>
    formatter.formatToParts(at).find((part) => part.type === "timeZoneName")?.value;
  const localize = (root) => {
    if (!here) return root;
    for (const stamp of root.querySelectorAll("time[datetime]")) {
      const at = new Date(stamp.dateTime);
      const was = stamp.textContent;
      const now = was
        .replace(clock.format(at), here.format(at))
        .replace(longDate.format(at), hereDate.format(at));
      if (now === was) continue;
      stamp.title = stamp.title ? `${stamp.title} ${zoneOf(clock, at)}` : was;
      stamp.textContent = now;
    }
    return root;
  };
  const dayKey = (iso) => {
    const p = {};
    for (const { type, value } of dayParts.formatToParts(new Date(iso))) p[type] = value;
    return `${p.year}-${p.month}-${p.day}`;
  };

  // "just now", "5 min ago", "2 h ago", then the date; other languages through Intl.
  const english = /^en\b/i.test(lang);
  let relative;
  try {
    relative = new Intl.RelativeTimeFormat(lang, { numeric: "auto", style: "short" });
  } catch {}
  const ago = (iso, now) => {
    const minutes = Math.floor((now - Date.parse(iso)) / 60000);
    if (!(minutes < 1440)) return shortDate.format(new Date(iso));
    const local = english || !relative;
    if (minutes < 1) return local ? "just now" : relative.format(0, "second");
    const [n, unit] = minutes < 60 ? [minutes, "minute"] : [Math.floor(minutes / 60), "hour"];
    return local ? `${n} ${unit === "minute" ? "min" : "h"} ago` : relative.format(-n, unit);
  };
  const refreshTimes = () => {
    const now = Date.now();
    for (const span of doc.querySelectorAll(".ago[data-time]")) {
      span.textContent = ago(span.dataset.time, now);
    }
  };

  const el = (tag, className, text) => {
    const node = doc.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  /** Text as document.title gives it back: ASCII white space collapsed, ends trimmed. */
  const collapsed = (text) => text.replace(/[\t\n\f\r ]+/g, " ").trim();
  const permalink = (id) =>
    `/live/${encodeURIComponent(data.slug)}/posts/${encodeURIComponent(id)}`;
  const excerpt = (text) => {
    const flat = text.replace(/\s+/g, " ").trim();
    if (flat.length <= 80) return flat;
    const cut = flat.slice(0, 79);
    const space = cut.lastIndexOf(" ");
    return `${(space > 40 ? cut.slice(0, space) : cut).trimEnd()}…`;
  };
  const updatesText = (n) => text("stream.newUpdates", { count: n });

  // Newest first by published time, then id: the order the server lists posts in.
  const keyOf = (node) => ({ at: node.dataset.published, id: node.id.replace(/^\w+-/, "") });
  const postKey = (post) => ({ at: post.publishedAt, id: post.id });
  const newer = (a, b) => {
    const diff = Date.parse(a.at) - Date.parse(b.at);
    return diff > 0 || (diff === 0 && a.id > b.id);
  };
  const streamPosts = () => [...stream.querySelectorAll(":scope > article")];

  // The same markup as the server's bylines-view.ts: avatar (alt: the name), name, title,
  // joined as the language joins a list ("A, B and C" in English, as the server writes it).
  let list;
  try {
    list = new Intl.ListFormat(english ? "en-GB" : lang, { type: "conjunction" });
  } catch {
    list = new Intl.ListFormat("en-GB", { type: "conjunction" });
  }
  const buildBylines = (post) => {
    const box = el("span", "author");
    const bylines = post.bylines?.length ? post.bylines : [{ name: post.author?.name ?? "" }];
    const items = bylines.map((byline) => {
      const item = el("span", "byline");
      if (byline.avatar) {
        const img = el("img", "avatar");
        img.src = byline.avatar;
        img.alt = byline.name;
        img.width = 32;
        img.height = 32;
        img.loading = "lazy";
        item.append(img);
      }
      item.append(el("span", "byline-name", byline.name));
      if (byline.title) item.append(el("span", "byline-title", byline.title));
      return item;
    });
    const joined = list.formatToParts(items.map((_, i) => String(i)));
    box.append(...joined.map((p) => (p.type === "element" ? items[p.value] : p.value)));
    return box;
  };

  const buildPost = (post) => {
    const at = post.publishedAt;
    const time = timeOf(at);
    const title = (post.title || "").trim();
    const article = el(
      "article",
      `post${post.pinned ? " is-pinned" : ""}${post.keyEvent ? " is-key-event" : ""}`,
    );
    article.id = `post-${post.id}`;
    article.dataset.published = at;
    article.dataset.version = post.version;
    article.tabIndex = -1;
    const heading = el("h2", "post-title", title || text("post.updateAt", { time }));
    if (!title) heading.classList.add("visually-hidden");
    const meta = el("p", "post-meta");
    const link = el("a", "post-time");
    link.href = permalink(post.id);
    const stamp = el("time", "", time);
    stamp.dateTime = at;
    stamp.title = fullDate.format(new Date(at));
    link.append(stamp);
    const since = el("span", "ago", ago(at, Date.now()));
    since.dataset.time = at;
    meta.append(link, since, buildBylines(post));
    if (post.pinned) meta.append(el("span", "label label-pinned", text("post.pinned")));
    if (post.keyEvent) meta.append(el("span", "label label-key", text("post.keyEvent")));
    // A post from a followed blog: "From <source>", linking to it there (post-view.ts).
    if (post.origin && /^https?:\/\//.test(post.origin.url)) {
      const from = el("span", "post-origin");
      const source = el("a", "", post.origin.blog || post.origin.host);
      source.href = post.origin.url;
      from.append(...parts("post.from", { source }));
      meta.append(from);
    }
    // Words changed after publishing: "Updated 14:32 CET", and any correction note, as
    // corrections-view.ts renders them.
    let correction = null;
    if (post.contentUpdatedAt) {
      const updated = el("a", "post-updated");
      updated.href = `${permalink(post.id)}/history`;
      const when = el("time", "", timeOf(post.contentUpdatedAt));
      when.dateTime = post.contentUpdatedAt;
      when.title = fullDate.format(new Date(post.contentUpdatedAt));
      updated.append(...parts("post.updated", { time: when }));
      meta.append(updated);
      if (post.correction) {
        correction = el("p", "post-correction");
        const label = el("strong");
        const at = el("time", "", timeOf(post.correction.at));
        at.dateTime = post.correction.at;
        label.append(...parts("post.correction", { time: at }));
        correction.append(label, ` ${post.correction.note}`);
      }
    }
    article.append(heading, meta);
    // Verification badge and source line, as the server's attribution-view.ts writes them.
    const verification = post.verification;
    const badge = `verification.${verification?.state}`;
    if (verification && words[badge]) {
      const box = el("p", `post-verification is-${verification.state}`);
      box.dataset.verification = verification.state;
      box.append(el("span", "verification-badge", text(badge)));
      if (verification.note) box.append(el("span", "verification-note", verification.note));
      article.append(box);
    }
    if (correction) article.append(correction);
    const content = el("div", "post-body");
    // The server rendered the body from validated blocks, escaping every value.
    content.innerHTML = post.html;
    article.append(content);
    if (post.source?.text) {
      const line = el("p", "post-source");
      line.append(el("span", "post-source-label", text("post.source")), " ");
      if (post.source.url && /^https?:\/\//i.test(post.source.url)) {
        const link = el("a", "", post.source.text);
        link.href = post.source.url;
        line.append(link);
      } else line.append(post.source.text);
      article.append(line);
    }
    // Tags as links to their view, as the server's tags-view.ts writes them.
    if (post.tags?.length) {
      const line = el("p", "post-tags");
      line.append(el("span", "post-tags-label", `${text("tags.tagged")}:`), " ");
      post.tags.forEach((tag, i) => {
        const link = el("a", "", tag);
        link.rel = "tag";
        link.href = `/live/${encodeURIComponent(data.slug)}?${new URLSearchParams({ tag: tagSlug(tag) })}`;
        line.append(...(i ? [", ", link] : [link]));
      });
      article.append(line);
    }
    return article;
  };

  /** Puts an article where it belongs in time; false when it belongs on an older page. */
  const placeInStream = (article) => {
    const key = keyOf(article);
    const before = streamPosts().find((other) => newer(key, keyOf(other)));
    if (before) stream.insertBefore(article, before);
    else if (!doc.querySelector(".pager .older")) stream.append(article);
    else return false;
    return true;
  };

  const syncKeyEvent = (post, article) => {
    byId(`key-${post.id}`)?.remove();
    if (!keyList || !post.keyEvent) return;
    const item = el("li");
    item.id = `key-${post.id}`;
    item.dataset.published = post.publishedAt;
    const link = el("a");
    link.href = article.isConnected ? `#${article.id}` : permalink(post.id);
    const stamp = el("time", "", timeOf(post.publishedAt));
    stamp.dateTime = post.publishedAt;
    const body = article.querySelector(".post-body").textContent;
    const label =
      (post.title || "").trim() ||
      excerpt(body) ||
      text("post.updateAt", { time: stamp.textContent });
    link.append(stamp, el("span", "key-title", label));
    item.append(link);
    localize(item);
    const key = keyOf(item);
    const before = [...keyList.children].find((other) => newer(key, keyOf(other)));
    keyList.insertBefore(item, before || null);
  };

  const put = (post, existing) => {
    const article = localize(buildPost(post));
    if (post.pinned && pinnedBox && data.page === "latest") {
      // One pinned post per blog: the newly pinned one takes the slot, and the one it
      // displaces returns to the stream until its own "unpinned" event re-renders it.
      const current = pinnedBox.querySelector("article");
      if (current && current !== existing) placeInStream(current);
      existing?.remove();
      pinnedBox.append(article);
    } else if (
      existing?.parentNode === stream &&
      existing.dataset.published === article.dataset.published
    ) {
      existing.replaceWith(article);
    } else {
      existing?.remove();
      placeInStream(article);
    }
    syncKeyEvent(post, article);
    return article;
  };

  // Rebuilt after every change rather than patched: a page holds at most a few hundred posts.
  const tidy = () => {
    for (const divider of stream.querySelectorAll(".day-divider")) divider.remove();
    const posts = streamPosts();
    const days = posts.map((post) => dayKey(post.dataset.published));
    if (new Set(days).size > 1) {
      posts.forEach((post, i) => {
        if (days[i] === days[i - 1]) return;
        // As post-view.ts renders it: the day's name linking to that day's archive.
        const divider = el("h2", "day-divider");
        const link = el("a", "", dayName.format(new Date(post.dataset.published)));
        link.href = `/live/${encodeURIComponent(data.slug)}/${days[i]}`;
        divider.append(link);
        divider.dataset.day = days[i];
        post.before(divider);
      });
    }
    if (pinnedBox) pinnedBox.hidden = !pinnedBox.querySelector("article");
    if (keyNav) keyNav.hidden = !keyList?.children.length;
    const empty = byId("no-updates");
    if (empty) empty.hidden = Boolean(doc.querySelector("#updates article, #pinned article"));
  };

  let timer;
  const say = (text) => {
    if (!announcer) return;
    // Emptied first so that the same words twice are still announced twice.
    announcer.textContent = "";
    setTimeout(() => {
      announcer.textContent = text;
    }, 100);
  };
  let arrived = 0;
  const announce = (n) => {
    arrived += n;
    clearTimeout(timer);
    timer = setTimeout(() => {
      say(updatesText(arrived));
      arrived = 0;
    }, 1000);
  };

  const showButton = () => {
    if (!button) return;
    button.hidden = held.size === 0;
    button.textContent = updatesText(held.size);
  };
  // Reading further down, a post appearing above would go unseen: hold it behind a button. An
  // embed sized to its content by its host page is told where the host's viewport begins
  // (embed-frame.js keeps it in data-host-top); elsewhere the page's own viewport counts.
  const readingBelow = () =>
    stream.getBoundingClientRect().top < (Number(doc.documentElement.dataset.hostTop) || 0);

  const release = (reveal) => {
    const posts = [...held.values()].sort((a, b) => (newer(postKey(a), postKey(b)) ? 1 : -1));
    held.clear();
    showButton();
    let newest;
    for (const post of posts) {
      const article = put(post);
      if (article.isConnected) {
        article.classList.add("is-new");
        newest = article;
      }
    }
    tidy();
    if (reveal && newest) {
      const reduce = matchMedia("(prefers-reduced-motion: reduce)").matches;
      newest.scrollIntoView({ block: "start", behavior: reduce ? "auto" : "smooth" });
      newest.focus({ preventScroll: true });
    }
  };

  const onDelete = ({ id }) => {
    byId(`post-${id}`)?.remove();
    byId(`key-${id}`)?.remove();
    if (held.delete(id)) showButton();
    tidy();
  };

  const onPost = (post) => {
    // An embed of one post follows that post only; one of key events drops the others.
    if (data.post && post.id !== data.post) return;
    // A tag's view takes only posts carrying its tag; one edited away from it leaves.
    const unwanted =
      ((data.embed === "key" || data.view === "key") && !post.keyEvent) ||
      (data.view === "tag" && !post.tags?.some((tag) => tagSlug(tag) === data.tag));
    if (post.status !== "published" || !post.publishedAt || unwanted) return onDelete(post);
    const existing = byId(`post-${post.id}`);
    const shown = existing ? Number(existing.dataset.version) : held.get(post.id)?.version;
    if (shown > post.version) return; // a replayed older version
    if (existing) {
      put(post, existing);
      return tidy();
    }
    if (held.has(post.id)) return held.set(post.id, post);
    const top = streamPosts()[0];
    const isNew = !top || newer(postKey(post), keyOf(top));
    if (isNew && data.page === "latest" && readingBelow()) {
      held.set(post.id, post);
      showButton();
      return announce(1);
    }
    const article = put(post);
    tidy();
    if (isNew && article.isConnected) {
      article.classList.add("is-new");
      announce(1);
    }
  };

  // Events other scripts draw, handed on as DOM events named `dispatch-NAME`.
  const hand = (name) => (detail) =>
    doc.dispatchEvent(new CustomEvent(`dispatch-${name}`, { detail }));
  const onBlog = (blog) => {
    // The links of a continuing story are blocks.js's.
    hand("blog")(blog);
    const headline = byId("headline");
    if (headline && blog.title && headline.textContent !== blog.title) {
      // A function, not a replacement string: "$&" or "$'" in a headline must stay as written.
      // document.title reads back with its white space collapsed, so the headline is looked
      // for collapsed too: one holding a tab or a line break would otherwise never be found
      // again, and the tab's title would stop following the headline from then on.
      doc.title = doc.title.replace(collapsed(headline.textContent), () => blog.title);
      headline.textContent = blog.title;
    }
    const standfirst = byId("standfirst");
    if (standfirst) {
      standfirst.textContent = blog.summary || "";
      standfirst.hidden = !blog.summary;
    }
    const closed = blog.status === "closed";
    const notice = doc.querySelector(".closed-notice");
    if (notice) {
      notice.hidden = !closed;
      const end = blog.closedAt && new Date(blog.closedAt);
      notice.textContent = end
        ? text("page.closedEnded", {
            ended: text("date.at", { date: longDate.format(end), time: clock.format(end) }),
          })
        : text("page.closed");
    }
    for (const badge of doc.querySelectorAll(".live-badge")) badge.hidden = closed;
    if (closed && data.state !== "closed") say(text("page.closed"));
    data.state = blog.status;
  };

  // The key figures box: the same markup as src/reader/figures-view.ts, element for element.
  // The locale the date formats settled on: a language Intl refuses falls back there too.
  const numbers = new Intl.NumberFormat(clock.resolvedOptions().locale);
  const figureValue = (tag, className, v) => {
    const node = el(tag, className);
    // "at least" is said by the message "figures.atLeast" (figures-view.ts).
    const q =
      v.qualifier && text(`figures.${v.qualifier.replace(/ (\w)/g, (_, c) => c.toUpperCase())}`);
    const n = [q, numbers.format(v.value), v.unit].filter(Boolean).join(" ");
    const number = el("data", "figure-number", n);
    number.value = v.value;
    const source = el(v.source.url ? "a" : "span", "figure-source", v.source.name);
    if (v.source.url) {
      source.href = v.source.url;
      source.rel = "nofollow";
    }
    const date = longDate.format(new Date(v.asOf));
    const time = el("time", "", text("date.at", { date, time: timeOf(v.asOf) }));
    time.dateTime = v.asOf;
    node.append(...parts("figures.value", { amount: number, source, time }));
    return node;
  };
  const onFigures = ({ figures }) => {
    const section = byId("figures");
    if (!section) return;
    section.hidden = !figures[0];
    section.lastChild.replaceChildren(
      ...figures.map((f) => {
        const item = el("div", "figure");
        item.id = `figure-${f.id}`;
        item.append(
          el("dt", "", f.label),
          ...f.values.map((v) => figureValue("dd", "figure-value", v)),
        );
        if (f.history[0]) {
          const details = el("details");
          details.append(el("summary", "", text("figures.earlier")), el("ul"));
          details.lastChild.append(...f.history.map((v) => figureValue("li", "", v)));
          item.append(el("dd", "figure-history"));
          item.lastChild.append(details);
        }
        return item;
      }),
    );
    localize(section);
  };

  localize(doc);
  const note = doc.querySelector(".times-zone");
  if (note && here) note.textContent = text("zone.local", { zone: zoneOf(here, new Date()) });
  refreshTimes();
  setInterval(refreshTimes, 30000);
  doc.addEventListener("visibilitychange", () => doc.hidden || refreshTimes());
  if (!stream || data.page !== "latest" || data.state !== "live") return;

  button?.addEventListener("click", () => release(true));
  let ticking = false;
  addEventListener(
    "scroll",
    () => {
      if (ticking || held.size === 0) return;
      ticking = true;
      requestAnimationFrame(() => {
        ticking = false;
        if (!readingBelow()) release(false);
      });
    },
    { passive: true },
  );

  // The page is too far behind for the server to send what it missed (a page kept open or
  // cached for long): reading it afresh is cheaper. Once a minute at most, so a page served
  // stale again and again by a cache cannot reload for ever; without reloading, events go on
  // live from the reset's position.
  const onReset = () => {
    const key = "dispatch-reset";
    let recent = false;
    try {
      recent = Date.now() - Number(sessionStorage.getItem(key) || 0) < 60000;
      sessionStorage.setItem(key, String(Date.now()));
    } catch {
      // Storage refused (private mode): reload anyway.
    }
    if (!recent) location.reload();
  };
  // Lets styles (and tests) tell a connected page from a polling or reconnecting one.
  followBlog(
    data.slug,
    data.seq,
    {
      post: onPost,
      delete: onDelete,
      blog: onBlog,
      figures: onFigures,
      reset: onReset,
      // A poll's counts are drawn by blocks.js, readers' comments by comments.js.
      poll: hand("poll"),
      comment: hand("comment"),
    },
    doc,
  );
})();
