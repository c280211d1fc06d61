// Dispatch live reader: how a blog's events reach the page. Served in one file with live.js,
// just before it (src/reader/assets.ts). Events apply from the page's own sequence on, in
// order and once each, whichever way they come: the event stream, or polling the changes
// endpoint (the same events) while no stream gets through (no EventSource, a proxy that
// buffers or kills it). The stream is tried again now and then. Plain script, no build step.
//
// A reader's tabs of one site share one stream: a browser gives a site six connections, and
// each stream holds one for as long as the tab is open. One tab leads (the browser's Web
// Locks hand the lock to the next tab when it closes) and follows every blog open in any tab:
// that blog's own stream for one, `/api/events?blogs=a:12,b:40` for several. It passes each
// event to the others on a BroadcastChannel; tabs say which blog they show, and where they
// are, every 20 s. Without Web Locks or BroadcastChannel each tab follows its own blog.

/**
 * Calls handlers[name](data) for every event of the blog after `seq`, and tells the page's
 * root element how (`data-live`: connected, polling or reconnecting).
 */
// biome-ignore lint/correctness/noUnusedVariables: live.js, served right after, calls it
const followBlog = (slug, seq, handlers, doc) => {
  const root = doc.documentElement.dataset;
  const names = Object.keys(handlers);
  let last = Number(seq) || 0;
  const apply = (name, value, at) => {
    if (at && at <= last) return false;
    if (at) last = at;
    handlers[name]?.(value);
    return true;
  };
  const me = Math.random();
  const bc = window.BroadcastChannel && navigator.locks && new BroadcastChannel("dispatch-live");
  const say = (message) => bc?.postMessage(message);
  const want = () => say({ id: me, slug, at: last });
  // Each wait is spread over half to one and a half times itself: when a node dies, its
  // readers do not all come back in the same millisecond.
  const later = (run, ms) => setTimeout(run, ms * (0.5 + Math.random()));

  // The leading tab: one stream (or polling) for every blog any tab shows.
  const lead = () => {
    /** Tabs by id: the blog each shows, and when it last said so. */
    const tabs = new Map([[me, { slug, seen: Infinity }]]);
    /** Where the stream resumes each blog. */
    const at = new Map([[slug, last]]);
    let slugs = [];
    let source;
    let open = false;
    let failures = 0;
    let pollFailures = 0;
    let pollTimer;
    let retry;
    let restart;
    const state = (live) => {
      root.live = live;
      say({ live });
    };
    const deliver = (blog, name, value, seq) => {
      if (seq && seq <= (at.get(blog) ?? 0)) return false;
      if (seq) at.set(blog, seq);
      if (blog === slug) apply(name, value, seq);
      say({ slug: blog, name, value, at: seq });
      return true;
    };
    const poll = async () => {
      let wait;
      try {
        let missed = false;
        let more = false;
        let maxAge = 0;
        for (const blog of slugs) {
          const res = await fetch(
            `/api/blogs/${encodeURIComponent(blog)}/changes?since=${at.get(blog) ?? 0}`,
          );
          if (!res.ok) throw res.status;
          const answer = await res.json();
          for (const c of answer.changes) missed = deliver(blog, c.event, c.data, c.seq) || missed;
          // Too far behind to be sent what was missed: the page reads itself afresh.
          if (answer.reset) deliver(blog, "reset", answer.reset, answer.reset.last);
          more ||= answer.more;
          // Asking sooner than the answer may be cached for would only fetch the same answer.
          const age = /max-age=(\d+)/.exec(res.headers.get("cache-control"))?.[1] * 1000;
          maxAge = Math.max(maxAge, age || 0);
        }
        pollFailures = 0;
        // An open stream that let these by is held back somewhere: poll instead.
        if (open && missed) return drop(source, 2);
        if (!open) state("polling");
        wait = open ? 60000 : more ? 0 : Math.max(3000, maxAge);
      } catch {
        wait = Math.min(60000, 3000 * 2 ** ++pollFailures);
      }
      clearTimeout(pollTimer);
      pollTimer = later(poll, wait);
    };
    // Reconnects are ours, jittered: the browser's own come at once and all together.
    const drop = (es, weight) => {
      es.close();
      if (source !== es) return;
      source = open = false;
      state("reconnecting");
      failures += weight;
      if (failures >= 2) poll();
      retry = later(connect, failures < 2 ? 2000 : 60000);
    };
    const connect = () => {
      clearTimeout(retry);
      if (source) source.close();
      if (!window.EventSource) return poll();
      const one = slugs.length < 2;
      const es = new EventSource(
        one
          ? `/api/blogs/${encodeURIComponent(slugs[0])}/events?lastEventId=${at.get(slugs[0])}`
          : `/api/events?blogs=${slugs.map((blog) => `${blog}:${at.get(blog)}`).join()}`,
      );
      source = es;
      // A proxy that holds the stream back never opens it: that is a failure too.
      const stalled = setTimeout(() => drop(es, 1), 15000);
      es.onopen = () => {
        clearTimeout(stalled);
        open = true;
        failures = 0;
        state("connected");
        // A rare look at the changes tells a stream that has stopped delivering.
        clearTimeout(pollTimer);
        pollTimer = later(poll, 60000);
      };
      es.onerror = () => {
        clearTimeout(stalled);
        drop(es, 1);
      };
      for (const name of names) {
        es.addEventListener(name, (event) => {
          // On a shared stream the event's first data line names its blog.
          const cut = one ? -1 : event.data.indexOf("\n");
          let value;
          try {
            value = JSON.parse(event.data.slice(cut + 1));
          } catch {
            return;
          }
          deliver(one ? slugs[0] : event.data.slice(0, cut), name, value, +event.lastEventId);
        });
      }
    };
    // Which blogs to follow changed (a tab opened or closed): the stream is remade for them.
    const follow = () => {
      const now = Date.now();
      for (const [id, tab] of tabs) if (now - tab.seen > 180000) tabs.delete(id);
      const next = [...new Set([...tabs.values()].map((tab) => tab.slug))].sort();
      if (`${next}` === `${slugs}`) return;
      slugs = next;
      clearTimeout(restart);
      restart = setTimeout(() => {
        open = false;
        clearTimeout(pollTimer);
        connect();
      }, 100);
    };
    say({ hello: 1 });
    follow();
    return (message) => {
      if (message.slug === undefined) tabs.delete(message.id);
      else {
        // A new tab behind the stream (its page came from a cache) is sent what it lacks.
        if (!tabs.has(message.id)) {
          if (message.at < (at.get(message.slug) ?? Infinity)) {
            at.set(message.slug, message.at);
            slugs = [];
          }
          say({ live: root.live });
        }
        tabs.set(message.id, { slug: message.slug, seen: Date.now() });
        at.set(message.slug, at.get(message.slug) ?? message.at);
      }
      follow();
    };
  };

  if (!bc) return lead();
  let leading;
  bc.onmessage = ({ data }) => {
    if (data.name) {
      if (data.slug === slug) apply(data.name, data.value, data.at);
    } else if (data.live) root.live = data.live;
    else if (data.hello) want();
    else leading?.(data);
  };
  want();
  setInterval(want, 20000);
  addEventListener("pagehide", () => say({ id: me }));
  navigator.locks.request("dispatch-live", () => {
    leading = lead();
    // Held for as long as the tab is open: the browser hands it on when the tab closes.
    return new Promise(() => {});
  });
};
