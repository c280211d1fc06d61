// The providers recognised beyond video and maps: social posts (Telegram, Instagram, TikTok,
// Bluesky, Mastodon, Facebook), charts (Datawrapper, Flourish), Google Maps and SoundCloud.
// Each frame address is built from the parts of the link we checked, never copied from it, and
// sits on one of EMBED_FRAME_ORIGINS (embeds.ts), the only frames the reader's policy allows.

import type { Embed } from "./embeds.js";

export function socialEmbed(url: URL, host: string): Embed | null {
  const path = url.pathname;
  if (host === "t.me" || host === "telegram.me") {
    const m = path.match(/^\/(?:s\/)?([A-Za-z][A-Za-z0-9_]{3,31})\/(\d{1,12})\/?$/);
    if (!m) return null;
    return {
      provider: "telegram",
      name: "Telegram",
      title: "Telegram post",
      kind: "post",
      frameSrc: `https://t.me/${m[1]}/${m[2]}?embed=1`,
    };
  }
  if (host === "instagram.com") {
    const m = path.match(/^\/(?:[A-Za-z0-9_.]{1,30}\/)?(p|reel|tv)\/([A-Za-z0-9_-]{5,40})\/?/);
    if (!m) return null;
    const kind = m[1] === "p" ? "p" : "reel";
    return {
      provider: "instagram",
      name: "Instagram",
      title: "Instagram post",
      kind: "post",
      frameSrc: `https://www.instagram.com/${kind}/${m[2]}/embed`,
    };
  }
  if (host === "tiktok.com") {
    const id = path.match(/^\/@[A-Za-z0-9_.]{1,40}\/video\/(\d{10,25})\/?$/)?.[1];
    if (!id) return null;
    return {
      provider: "tiktok",
      name: "TikTok",
      title: "TikTok video",
      kind: "video",
      frameSrc: `https://www.tiktok.com/embed/v2/${id}`,
    };
  }
  if (host === "bsky.app") {
    const m = path.match(/^\/profile\/([A-Za-z0-9._:-]{3,253})\/post\/([a-z0-9]{8,20})\/?$/);
    if (!m) return null;
    // The embed frame names the author by DID; a handle would need a lookup first, so a
    // link by handle stays a card that names Bluesky.
    const did = /^did:plc:[a-z2-7]{24}$/.test(m[1] ?? "") ? m[1] : undefined;
    return {
      provider: "bluesky",
      name: "Bluesky",
      title: "Bluesky post",
      kind: "post",
      ...(did
        ? { frameSrc: `https://embed.bsky.app/embed/${did}/app.bsky.feed.post/${m[2]}` }
        : {}),
    };
  }
  if (host === "facebook.com") {
    const kind = /^\/[A-Za-z0-9_.-]{1,80}\/videos\/(?:[^/]+\/)?\d{5,25}\/?$/.test(path)
      ? "video"
      : /^\/[A-Za-z0-9_.-]{1,80}\/posts\/[A-Za-z0-9_]{5,80}\/?$/.test(path)
        ? "post"
        : null;
    if (!kind) return null;
    const href = encodeURIComponent(`https://www.facebook.com${path}`);
    return {
      provider: "facebook",
      name: "Facebook",
      title: kind === "video" ? "Facebook video" : "Facebook post",
      kind: kind === "video" ? "video" : "post",
      frameSrc: `https://www.facebook.com/plugins/${kind}.php?href=${href}`,
    };
  }
  if (host === "datawrapper.dwcdn.net") {
    const m = path.match(/^\/([A-Za-z0-9]{5})\/(?:(\d{1,4})\/)?/);
    if (!m) return null;
    return {
      provider: "datawrapper",
      name: "Datawrapper",
      title: "Chart",
      kind: "chart",
      frameSrc: `https://datawrapper.dwcdn.net/${m[1]}/${m[2] ? `${m[2]}/` : ""}`,
    };
  }
  if (host === "public.flourish.studio") {
    const m = path.match(/^\/(visualisation|story)\/(\d{1,12})\/?/);
    if (!m) return null;
    return {
      provider: "flourish",
      name: "Flourish",
      title: m[1] === "story" ? "Data story" : "Chart",
      kind: m[1] === "story" ? "story" : "chart",
      frameSrc: `https://flo.uri.sh/${m[1]}/${m[2]}/embed`,
    };
  }
  if (host === "maps.app.goo.gl") {
    // A short link says nothing of the place until followed: a card naming Google Maps.
    return /^\/[A-Za-z0-9]{4,40}\/?$/.test(path)
      ? { provider: "googlemaps", name: "Google Maps", title: "Map", kind: "map" }
      : null;
  }
  if ((host === "google.com" || host === "maps.google.com") && /^\/maps(\/|$)/.test(path)) {
    return {
      provider: "googlemaps",
      name: "Google Maps",
      title: "Map",
      kind: "map",
      ...googleMapFrame(url),
    };
  }
  if (host === "soundcloud.com") {
    const m = path.match(/^\/([a-z0-9_-]{2,60})\/(?:sets\/)?([a-z0-9_-]{1,120})\/?$/i);
    if (!m || RESERVED_SOUNDCLOUD.has((m[1] ?? "").toLowerCase())) return null;
    const track = encodeURIComponent(`https://soundcloud.com${path.replace(/\/$/, "")}`);
    return {
      provider: "soundcloud",
      name: "SoundCloud",
      title: "SoundCloud audio",
      kind: "audio",
      frameSrc: `https://w.soundcloud.com/player/?url=${track}`,
    };
  }
  return mastodonEmbed(url);
}

const RESERVED_SOUNDCLOUD = new Set(["discover", "search", "you", "stream", "upload", "pages"]);

/** A Google Maps place, search or position as the keyless embed (`output=embed`). */
function googleMapFrame(url: URL): { frameSrc?: string } {
  const at = url.pathname.match(
    /\/@(-?\d{1,3}(?:\.\d+)?),(-?\d{1,3}(?:\.\d+)?)(?:,(\d{1,2}(?:\.\d+)?)z)?/,
  );
  const place = url.pathname.match(/^\/maps\/(?:place|search)\/([^/@]{1,200})/)?.[1];
  const query = url.searchParams.get("q") ?? url.searchParams.get("query");
  let q: string | undefined;
  if (place) q = decodeURIComponent(place.replace(/\+/g, " "));
  else if (query) q = query;
  else if (at) q = `${at[1]},${at[2]}`;
  if (!q || q.length > 200) return {};
  const zoom = at?.[3] ? `&z=${Math.min(Math.round(Number(at[3])), 21)}` : "";
  return { frameSrc: `https://www.google.com/maps?q=${encodeURIComponent(q)}${zoom}&output=embed` };
}

/**
 * A Mastodon post, on whichever server: recognised by its path (`/@user/ID`, `/@user@host/ID`
 * or `/users/user/statuses/ID`). Its own embed frame lives on that server, which no fixed
 * policy can allow, so it stays a card naming Mastodon.
 */
function mastodonEmbed(url: URL): Embed | null {
  if (url.protocol !== "https:") return null;
  const shape =
    /^\/@[A-Za-z0-9_]{1,30}(?:@[A-Za-z0-9.-]{1,253})?\/\d{6,25}\/?$/.test(url.pathname) ||
    /^\/users\/[A-Za-z0-9_]{1,30}\/statuses\/\d{6,25}\/?$/.test(url.pathname);
  return shape
    ? { provider: "mastodon", name: "Mastodon", title: "Mastodon post", kind: "post" }
    : null;
}
