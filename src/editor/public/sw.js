// The newsroom app's service worker: keeps the app itself (the page and its hashed assets)
// on the device, so a reporter in the field can reload or reopen /admin with no connection and
// still reach the outbox and local drafts. The page is fetched from the network first (a
// deploy shows at once) and from the cache only when the network fails. API calls and live
// streams are never touched: the app handles those itself.

const CACHE = "dispatch-newsroom-app";
const PAGE = "/admin/";

async function keepPage(response) {
  const cache = await caches.open(CACHE);
  const html = await response.clone().text();
  await cache.put(PAGE, response);
  const assets = [...html.matchAll(/\/admin\/assets\/[\w.-]+/g)].map((match) => match[0]);
  await cache.addAll(assets.filter((asset, i) => assets.indexOf(asset) === i));
  // Assets of earlier deploys are no longer referenced: let them go.
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (path.startsWith("/admin/assets/") && !assets.includes(path)) await cache.delete(request);
  }
}

self.addEventListener("install", (event) => {
  self.skipWaiting();
  event.waitUntil(
    fetch(PAGE, { cache: "no-cache" })
      .then((response) => (response.ok ? keepPage(response) : undefined))
      .catch(() => undefined),
  );
});

self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

// A page that loaded while this worker was activating asks to be claimed (see keep-app.ts).
self.addEventListener("message", (event) => {
  if (event.data === "claim") event.waitUntil(self.clients.claim());
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/admin/assets/")) {
    event.respondWith(caches.match(request).then((hit) => hit ?? fetch(request)));
    return;
  }
  const inApp = url.pathname === "/admin" || url.pathname.startsWith("/admin/");
  if (request.mode !== "navigate" || !inApp) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) event.waitUntil(keepPage(response.clone()).catch(() => undefined));
        return response;
      })
      .catch(async () => (await caches.match(PAGE)) ?? Response.error()),
  );
});
