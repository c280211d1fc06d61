// Alerts for key events on the live page: the button the page carries invisible is shown only
// where the browser can take Web Push (a service worker and PushManager). A click asks for a
// push subscription with the blog's VAPID key (GET /api/blogs/:slug/alerts) and sends it to
// the blog; a second click takes it back. One service worker (/live/alerts-sw.js, scope
// /live/) and so one push subscription serve every blog of the site: which blogs this browser
// follows is remembered here, and the subscription is given up only when none is left.
(() => {
  const box = document.querySelector(".alerts");
  if (!box || !("serviceWorker" in navigator) || !("PushManager" in window)) return;
  if (!("Notification" in window)) return;
  const button = box.querySelector("button");
  const status = box.querySelector(".alerts-status");
  const slug = document.body.dataset.slug;
  const words = JSON.parse(document.getElementById("reader-messages").textContent);
  const api = `/api/blogs/${encodeURIComponent(slug)}/alerts`;
  const prefix = "dispatch-alerts:";
  const mark = prefix + slug;
  let registration;

  // Storage may be refused (private windows, blocked cookies): then nothing is remembered.
  const stored = (work, otherwise) => {
    try {
      return work(localStorage);
    } catch {
      return otherwise;
    }
  };
  const remembered = () => stored((s) => s.getItem(mark) === "1", false);
  const remember = (on) => stored((s) => (on ? s.setItem(mark, "1") : s.removeItem(mark)));
  const othersFollowed = () =>
    stored((s) => Object.keys(s).some((key) => key.startsWith(prefix) && key !== mark), false);
  const show = (on) => {
    button.textContent = words[on ? "alerts.unsubscribe" : "alerts.subscribe"];
    box.dataset.state = on ? "on" : "off";
  };
  const say = (key) => {
    status.textContent = words[key];
  };
  const bytes = (base64url) =>
    Uint8Array.from(atob(base64url.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
  const send = async (method, url, body) => {
    const answer = await fetch(url, {
      method,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!answer.ok) throw new Error(`Answered ${answer.status}`);
  };

  const subscribe = async () => {
    const answer = await fetch(api);
    if (!answer.ok) throw new Error(`Answered ${answer.status}`);
    const alerts = await answer.json();
    const subscription =
      (await registration.pushManager.getSubscription()) ||
      (await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: bytes(alerts.publicKey),
      }));
    await send("POST", alerts.subscriptions, subscription.toJSON());
    remember(true);
    show(true);
    say("alerts.on");
  };

  const unsubscribe = async () => {
    const subscription = await registration.pushManager.getSubscription();
    if (subscription) {
      await send("DELETE", `${api}/subscriptions`, { endpoint: subscription.endpoint });
      if (!othersFollowed()) await subscription.unsubscribe();
    }
    remember(false);
    show(false);
    say("alerts.off");
  };

  button.addEventListener("click", async () => {
    if (Notification.permission === "denied") return say("alerts.blocked");
    button.disabled = true;
    try {
      await (box.dataset.state === "on" ? unsubscribe() : subscribe());
    } catch {
      say(Notification.permission === "denied" ? "alerts.blocked" : "alerts.failed");
    }
    button.disabled = false;
  });

  navigator.serviceWorker.register(box.dataset.worker, { scope: "/live/" }).then(
    async (ready) => {
      registration = ready;
      const subscription = await ready.pushManager.getSubscription();
      show(Boolean(subscription) && remembered());
      delete box.dataset.waiting;
    },
    () => {
      // No worker (a private window may refuse one): no alerts, and no button offering them.
    },
  );
})();
