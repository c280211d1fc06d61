// Field mode starts with the app itself on the device: its service worker (public/sw.js)
// keeps the page and its assets so a reporter can reload or reopen the app with no
// connection. Registering it needs the network once; when that fails (the connection dropped
// while the worker was being fetched), it is tried again as soon as the browser says it is
// back online, and after a growing wait in case it never says so.

/** What registration needs of the browser. Each way of waiting returns its cancel. */
export interface AppHost {
  register(): Promise<unknown>;
  /** Calls `run` once, the next time the browser comes back online. */
  onceOnline(run: () => void): () => void;
  later(run: () => void, ms: number): () => void;
}

/** First wait before trying again; doubled after each failure, up to MAX_RETRY_MS. */
export const FIRST_RETRY_MS = 2_000;
export const MAX_RETRY_MS = 5 * 60_000;

/** Registers the app's service worker, trying again after failures until it succeeds. */
export function keepAppOnDevice(host: AppHost): void {
  const attempt = (wait: number) => {
    host.register().catch(() => {
      const again = (next: number) => () => {
        cancelTimer();
        cancelOnline();
        attempt(next);
      };
      const cancelTimer = host.later(again(Math.min(wait * 2, MAX_RETRY_MS)), wait);
      const cancelOnline = host.onceOnline(again(wait));
    });
  };
  attempt(FIRST_RETRY_MS);
}

/** The browser's own host for `keepAppOnDevice`. */
export function browserHost(container: ServiceWorkerContainer): AppHost {
  return {
    register: async () => {
      const registration = await container.register("/admin/sw.js", { scope: "/admin/" });
      // The worker claims the open pages when it activates; a page whose document was still
      // loading then (a navigation during the install) is left out until its next load. Such
      // a page asks the active worker to claim it, so it works offline from now on.
      void container.ready.then((ready) => {
        if (!container.controller) ready.active?.postMessage("claim");
      });
      return registration;
    },
    onceOnline(run) {
      window.addEventListener("online", run, { once: true });
      return () => window.removeEventListener("online", run);
    },
    later(run, ms) {
      const timer = window.setTimeout(run, ms);
      return () => window.clearTimeout(timer);
    },
  };
}
