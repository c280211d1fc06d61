// A site other pages link to, on this machine: a few pages with Open Graph tags (one hostile),
// pictures for their og:image (a real photo carrying its owner's EXIF, a page posing as an
// image, one too large), every request it gets counted, and answers it can hold back (a slow
// page) until released.

import http from "node:http";
import type { AddressInfo } from "node:net";
import sharp from "sharp";

/** The size of the linked site's photo (`/harbour.jpg`). */
export const LINKED_PHOTO = { width: 800, height: 450 } as const;

/** Larger than a card's image may be (5 MB). */
const OVERSIZE_BYTES = 6 * 1024 * 1024;

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

const pagesAt = (base: string): Record<string, string> => ({
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
  "/picture": ogPage({
    "og:title": "Harbour wall rebuilt",
    "og:site_name": "Port News",
    "og:image": `${base}/harbour.jpg`,
  }),
  // og:image pointing at things that are not a usable image.
  "/picture-page": ogPage({ "og:title": "Image is a page", "og:image": `${base}/story` }),
  "/picture-fake": ogPage({ "og:title": "Image is a fake", "og:image": `${base}/fake.jpg` }),
  "/picture-huge": ogPage({ "og:title": "Image is huge", "og:image": `${base}/huge.jpg` }),
});

/** A JPEG with its maker's name in its EXIF, which a copy must not keep. */
async function linkedPhoto(): Promise<Buffer> {
  return sharp({ create: { ...LINKED_PHOTO, channels: 3, background: "#2a6f97" } })
    .jpeg()
    .withExif({ IFD0: { Artist: "Linked Site Photographer" } })
    .toBuffer();
}

export async function startLinkedSite(): Promise<LinkedSite> {
  const requests: string[] = [];
  let held: (() => void)[] | null = null;
  let pages: Record<string, string> = {};
  const photo = await linkedPhoto();
  const images: Record<string, Buffer> = {
    "/harbour.jpg": photo,
    "/fake.jpg": Buffer.from("<!doctype html><title>not a picture</title>"),
    "/huge.jpg": Buffer.concat([photo, Buffer.alloc(OVERSIZE_BYTES)]),
  };
  const server = http.createServer((request, response) => {
    requests.push(request.url ?? "");
    const answer = () => {
      const image = site.down ? undefined : images[request.url ?? ""];
      if (image) {
        response.writeHead(200, { "content-type": "image/jpeg" });
        response.end(image);
        return;
      }
      const body = site.down ? undefined : pages[request.url ?? ""];
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
  pages = pagesAt(site.url);
  return site;
}
