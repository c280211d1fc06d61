// Dispatch live reader: how a blog's events reach the page. Served in one file with live.js,
// just before it (src/reader/assets.ts). Events apply from the page's own sequence on, in
// order and once each, whichever way they come: the event stream, or polling the changes
// endpoint (the same events) while no stream gets through (no EventSource, a proxy that
// buffers or kills it). The stream is tried again now and then. Plain script, no build step.

/**
 * Calls handlers[name](data) for every event of the blog after `seq`, and tells the page's
 * root element how (`data-live`: connected, polling or reconnecting).
 */
// biome-ignore lint/correctness/noUnusedVariables: live.js, served right after, calls it
const followBlog = (slug, seq, handlers, doc) => {
  const base = `/api/blogs/${encodeURIComponent(slug)}`;
  const root = doc.documentElement.dataset;
  let last = Number(seq) || 0;
  let source;
  let open = false;
  let failures = 0;
  let pollFailures = 0;
  let pollTimer;
  const apply = (name, value, at) => {
    if (at && at <= last) return false;
    if (at) last = at;
    handlers[name]?.(value);
    return true;
  };
  // Each wait is spread over half to one and a half times itself: when a node dies, its
  // readers do not all come back in the same millisecond.
  const later = (run, ms) => setTimeout(run, ms * (0.5 + Math.random()));
  const poll = async () => {
    let wait;
    try {
      const res = await fetch(`${base}/changes?since=${last}`);
      if (!res.ok) throw res.status;
      const { changes, more, reset } = await res.json();
      let missed = false;
      for (const c of changes) missed = apply(c.event, c.data, c.seq) || missed;
      // Too far behind to be sent what was missed: the page reads itself afresh.
      if (reset) apply("reset", reset, reset.last);
      pollFailures = 0;
      // An open stream that let these by is held back somewhere: poll instead.
      if (open && missed) return drop(source, 2);
      if (!open) root.live = "polling";
      // Asking sooner than the answer may be cached for would only fetch the same answer.
      const maxAge = /max-age=(\d+)/.exec(res.headers.get("cache-control"))?.[1] * 1000;
      wait = open ? 60000 : more ? 0 : Math.max(3000, maxAge || 0);
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
    root.live = "reconnecting";
    failures += weight;
    if (failures < 2) return later(connect, 2000);
    poll();
    later(connect, 60000);
  };
  const connect = () => {
    if (!window.EventSource) return poll();
    const es = new EventSource(`${base}/events?lastEventId=${last}`);
    source = es;
    // A proxy that holds the stream back never opens it: that is a failure too.
    const stalled = setTimeout(() => drop(es, 1), 15000);
    es.onopen = () => {
      clearTimeout(stalled);
      open = true;
      failures = 0;
      root.live = "connected";
      // A rare look at the changes tells a stream that has stopped delivering.
      clearTimeout(pollTimer);
      pollTimer = later(poll, 60000);
    };
    es.onerror = () => {
      clearTimeout(stalled);
      drop(es, 1);
    };
    for (const name in handlers) {
      es.addEventListener(name, (event) => {
        let value;
        try {
          value = JSON.parse(event.data);
        } catch {
          return;
        }
        apply(name, value, Number(event.lastEventId));
      });
    }
  };
  connect();
};
