// A site other pages link to, on this machine: a few pages with Open Graph tags (one hostile),
// every request it gets counted, and answers it can hold back (a slow page) until released.

import http from "node:http";
import type { AddressInfo } from "node:net";

export interface LinkedSite {
  url: string;
  /** Requests received, by path. */
  requests: string[];
  /** From now on, answers wait (a slow page)… */
  hold(): void;
  /** …until this sends them. */
  release(): void;
  /** Whether every page answers 503 (the site is down). */
  down: boolean;
  close(): Promise<void>;
}

const ogPage = (meta: Record<string, string>) =>
  `<!doctype html><html><head>${Object.entries(meta)
    .map(([key, value]) => `<meta property="${key}" content="${value}">`)
    .join("")}<title>fallback</title></head><body>story</body></html>`;

const PAGES: Record<string, string> = {
  "/story": ogPage({
    "og:title": "Bridge reopens after repairs",
    "og:description": "Traffic flows again on the river crossing.",
    "og:site_name": "City Herald",
    "og:image": "https://images.example/bridge.jpg",
  }),
  "/other": ogPage({ "og:title": "Second story told", "og:site_name": "Other Times" }),
  "/hostile": ogPage({
    "og:title": "&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot;",
    "og:description": "&lt;img src=x onerror=alert(2)&gt;",
    "og:image": "javascript:alert(3)",
  }),
};

export async function startLinkedSite(): Promise<LinkedSite> {
  const requests: string[] = [];
  let held: (() => void)[] | null = null;
  const server = http.createServer((request, response) => {
    requests.push(request.url ?? "");
    const answer = () => {
      const body = site.down ? undefined : PAGES[request.url ?? ""];
      response.writeHead(body ? 200 : site.down ? 503 : 404, {
        "content-type": "text/html; charset=utf-8",
      });
      response.end(body ?? "");
    };
    if (held) held.push(answer);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const site: LinkedSite = {
    down: false,
    url: `http://127.0.0.1:${port}`,
    requests,
    hold: () => {
      held = [];
    },
    release: () => {
      const waiting = held ?? [];
      held = null;
      for (const answer of waiting) answer();
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return site;
}
