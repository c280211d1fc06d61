// The readers' alerts service worker (/live/alerts-sw.js, scope /live/): shows each key-event
// alert the push service brings (title, words, the post's link, decrypted by the browser) and
// opens the post when the reader clicks it, focusing a tab already showing it.
self.addEventListener("push", (event) => {
  let alert = {};
  try {
    alert = event.data ? event.data.json() : {};
  } catch {
    return;
  }
  if (!alert.title) return;
  event.waitUntil(
    self.registration.showNotification(alert.title, {
      body: alert.body || "",
      tag: alert.tag,
      data: { url: alert.url },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = new URL(event.notification.data?.url || "/live/", self.location.origin).href;
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((tabs) => {
      const open = tabs.find((tab) => tab.url === url && "focus" in tab);
      return open ? open.focus() : self.clients.openWindow(url);
    }),
  );
});
