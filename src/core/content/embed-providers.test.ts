import { describe, expect, it } from "vitest";
import { EMBED_FRAME_ORIGINS, recognizeEmbed } from "./embeds.js";
import { renderBlocks } from "./render.js";
import { renderAmpBlocks } from "./render-amp.js";

// Each provider: a link as people paste it, the provider recognised, and the frame (if any).
const PROVIDER_LINKS = [
  ["https://t.me/durov/123", "telegram", "https://t.me/durov/123?embed=1"],
  [
    "https://www.instagram.com/p/C1a2B3c4D5e/",
    "instagram",
    "https://www.instagram.com/p/C1a2B3c4D5e/embed",
  ],
  [
    "https://www.instagram.com/reel/C1a2B3c4D5e/",
    "instagram",
    "https://www.instagram.com/reel/C1a2B3c4D5e/embed",
  ],
  [
    "https://www.tiktok.com/@newsdesk/video/7301234567890123456",
    "tiktok",
    "https://www.tiktok.com/embed/v2/7301234567890123456",
  ],
  [
    "https://bsky.app/profile/did:plc:abcdefghijklmnopqrstuvwx/post/3kabc2defgh2x",
    "bluesky",
    "https://embed.bsky.app/embed/did:plc:abcdefghijklmnopqrstuvwx/app.bsky.feed.post/3kabc2defgh2x",
  ],
  ["https://bsky.app/profile/desk.bsky.social/post/3kabc2defgh2x", "bluesky", undefined],
  ["https://mastodon.social/@desk/111222333444555666", "mastodon", undefined],
  ["https://journa.host/@reporter@example.social/111222333444555666", "mastodon", undefined],
  [
    "https://www.facebook.com/newsroom/posts/pfbid02abcDEF",
    "facebook",
    "https://www.facebook.com/plugins/post.php?href=https%3A%2F%2Fwww.facebook.com%2Fnewsroom%2Fposts%2Fpfbid02abcDEF",
  ],
  [
    "https://www.facebook.com/newsroom/videos/1234567890/",
    "facebook",
    "https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2Fnewsroom%2Fvideos%2F1234567890%2F",
  ],
  [
    "https://datawrapper.dwcdn.net/AbC12/3/",
    "datawrapper",
    "https://datawrapper.dwcdn.net/AbC12/3/",
  ],
  [
    "https://public.flourish.studio/visualisation/1234567/",
    "flourish",
    "https://flo.uri.sh/visualisation/1234567/embed",
  ],
  [
    "https://public.flourish.studio/story/98765/",
    "flourish",
    "https://flo.uri.sh/story/98765/embed",
  ],
  [
    "https://www.google.com/maps/place/Town+Hall/@51.5,-0.12,15z",
    "googlemaps",
    "https://www.google.com/maps?q=Town%20Hall&z=15&output=embed",
  ],
  ["https://maps.app.goo.gl/AbCdEf123", "googlemaps", undefined],
  [
    "https://soundcloud.com/newsdesk/morning-briefing",
    "soundcloud",
    "https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud.com%2Fnewsdesk%2Fmorning-briefing",
  ],
] as const;

describe("embed providers", () => {
  it.each(PROVIDER_LINKS)("recognises %s", (url, provider, frameSrc) => {
    const embed = recognizeEmbed(url);
    expect(embed.provider).toBe(provider);
    expect(embed.provider !== "link" && embed.frameSrc).toBe(frameSrc ?? undefined);
    if (frameSrc) expect(EMBED_FRAME_ORIGINS).toContain(new URL(frameSrc).origin);
  });

  it("leaves look-alike hosts and other paths as plain links", () => {
    for (const url of [
      "https://t.me.evil.example/durov/123",
      "https://instagram.com.evil.example/p/C1a2B3c4D5e/",
      "https://www.tiktok.com/@newsdesk",
      "https://soundcloud.com/discover/sets",
      "https://example.org/@desk/notanumber",
      "https://www.facebook.com/newsroom",
      "http://mastodon.social/@desk/111222333444555666",
    ]) {
      expect(recognizeEmbed(url).provider, url).toBe("link");
    }
  });

  it("renders a placeholder with the provider's name and a link, and loads no frame", () => {
    for (const [url, provider, frameSrc] of PROVIDER_LINKS) {
      const html = renderBlocks([{ type: "embed", url, caption: "<b>cap</b>" }]);
      expect(html).not.toContain("<iframe");
      expect(html).toContain(
        `<figure class="embed embed-${provider}"><div class="embed-placeholder"`,
      );
      expect(html).toContain('<a class="embed-source" href="');
      expect(html).toContain("<figcaption>&lt;b&gt;cap&lt;/b&gt;</figcaption>");
      if (frameSrc) {
        expect(html).toContain('<button type="button" class="embed-load" hidden>Load ');
        expect(html).toContain(`data-frame-src="${frameSrc.replace(/&/g, "&amp;")}"`);
      } else expect(html).not.toContain("embed-load");
      expect(renderAmpBlocks([{ type: "embed", url }])).not.toMatch(/<iframe|data-frame-src/);
    }
  });
});
