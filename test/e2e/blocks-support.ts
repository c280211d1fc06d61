// What the richer blocks' browser tests share: one link for each embed provider, every host
// an embed could load from, a post with a gallery of three uploaded photos (on a newsroom's
// fresh blog, for readers), and a reader's swipe across a gallery by touch.

import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { drawJpeg, uploadImage } from "../helpers/images.js";
import { paragraph, type TestServer } from "../helpers/server.js";
import { type Newsroom, startNewsroom } from "./newsroom-support.js";

export const EMBEDS = [
  "https://youtu.be/abcdefghijk",
  "https://t.me/durov/123",
  "https://www.instagram.com/p/C1a2B3c4D5e/",
  "https://www.tiktok.com/@newsdesk/video/7301234567890123456",
  "https://bsky.app/profile/did:plc:abcdefghijklmnopqrstuvwx/post/3kabc2defgh2x",
  "https://mastodon.social/@desk/111222333444555666",
  "https://www.facebook.com/newsroom/posts/pfbid02abcDEF",
  "https://datawrapper.dwcdn.net/AbC12/3/",
  "https://public.flourish.studio/visualisation/1234567/",
  "https://www.google.com/maps/place/Town+Hall/@51.5,-0.12,15z",
  "https://soundcloud.com/newsdesk/morning-briefing",
];
/** Mastodon has no frame to offer: its card is a link, with no button. */
export const EMBEDS_WITH_PLAYER = EMBEDS.length - 1;

// Every host an embed could load from: the links' own and the players'.
export const PROVIDER_HOSTS =
  /(^|\.)(youtube-nocookie\.com|youtu\.be|t\.me|instagram\.com|tiktok\.com|bsky\.app|mastodon\.social|facebook\.com|dwcdn\.net|flourish\.studio|flo\.uri\.sh|google\.com|soundcloud\.com)$/;

/** Publishes a post of every provider's embed and one with a gallery of three photos. */
export async function publishRichBlocks(server: TestServer, token: string, slug: string) {
  const images = [];
  for (const [i, [width, height]] of [
    [1200, 800],
    [800, 800],
    [1200, 900],
  ].entries()) {
    images.push(
      await uploadImage(server.url, token, await drawJpeg(width ?? 1, height ?? 1, i * 90)),
    );
  }
  const embeds = await server.api("POST", `/api/blogs/${slug}/posts`, {
    token,
    body: { title: "Elsewhere", blocks: EMBEDS.map((url) => ({ type: "embed", url })) },
  });
  expect(embeds.status).toBe(201);
  const gallery = await server.api("POST", `/api/blogs/${slug}/posts`, {
    token,
    body: {
      title: "The harbour",
      blocks: [
        paragraph("Pictures from the front."),
        {
          type: "gallery",
          caption: "Along the harbour",
          images: images.map((image, i) => ({
            src: image.src,
            alt: `Photo ${i + 1}`,
            caption: `Caption ${i + 1}`,
            credit: "Desk",
          })),
        },
      ],
    },
  });
  expect(gallery.status).toBe(201);
}

/** A newsroom whose blog `slug` holds those two posts, for readers: no desk is opened. */
export async function startRichBlocksNewsroom(slug: string): Promise<Newsroom<"editor">> {
  const newsroom = await startNewsroom({
    slug,
    people: { editor: "Eda Editor" },
    blog: { title: "Storm" },
    desks: false,
  });
  try {
    await publishRichBlocks(newsroom.server, newsroom.people.editor.token, slug);
  } catch (error) {
    await newsroom.close();
    throw error;
  }
  return newsroom;
}

/** Which figure a gallery's scroller shows, counted from its start side. */
export const shownIndex = (track: Locator) =>
  track.evaluate((el) => Math.round(Math.abs(el.scrollLeft) / el.clientWidth));

/**
 * A finger drawn across the gallery towards its start side (right to left in English), as
 * touch events through Chromium's input pipeline: the browser scrolls, not a script. The
 * page's context needs `hasTouch`.
 */
export async function swipeAcross(page: Page, track: Locator) {
  const box = await track.boundingBox();
  if (!box) throw new Error("the gallery is not on screen");
  const y = Math.round(box.y + box.height / 2);
  const from = Math.round(box.x + box.width * 0.8);
  const session = await page.context().newCDPSession(page);
  try {
    await session.send("Input.dispatchTouchEvent", {
      type: "touchStart",
      touchPoints: [{ x: from, y }],
    });
    for (let step = 1; step <= 12; step += 1) {
      await session.send("Input.dispatchTouchEvent", {
        type: "touchMove",
        touchPoints: [{ x: Math.round(from - (box.width * 0.6 * step) / 12), y }],
      });
      await page.waitForTimeout(16);
    }
    await session.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  } finally {
    await session.detach();
  }
}
