// Embeds: links to recognised providers become a placeholder naming the provider, which the
// reader's script swaps for the provider's player in a sandboxed iframe only when the reader
// asks (nothing from the third party loads before). A provider without an iframe we can frame
// (a Mastodon server is any host, a Bluesky handle needs a lookup) stays a named link card.
// Any other link becomes a link card that shows its address. Recognition is by exact host,
// never by substring, so look-alike hosts stay links.

import { socialEmbed } from "./embed-social.js";

export type EmbedProvider =
  | "youtube"
  | "vimeo"
  | "x"
  | "openstreetmap"
  | "telegram"
  | "instagram"
  | "tiktok"
  | "bluesky"
  | "mastodon"
  | "facebook"
  | "datawrapper"
  | "flourish"
  | "googlemaps"
  | "soundcloud";

export type EmbedKind = "video" | "post" | "map" | "chart" | "story" | "audio";

export type Embed =
  | {
      provider: EmbedProvider;
      /** The provider's name as a reader knows it: "YouTube", "Bluesky". */
      name: string;
      /** The English title the stored HTML has always used ("YouTube video", "Post on X"). */
      title: string;
      /** What the reader is offered, for the title in another language (block-words.ts). */
      kind: EmbedKind;
      /** The player's address; absent when the provider offers no frame we allow. */
      frameSrc?: string;
    }
  | { provider: "link"; href: string; host: string };

/**
 * Where each provider's frames come from: the reader pages' Content-Security-Policy allows
 * exactly these in frame-src (see reader/page-answers.ts), so keep every frameSrc below on one.
 */
export const EMBED_FRAME_ORIGINS = [
  "https://www.youtube-nocookie.com",
  "https://player.vimeo.com",
  "https://platform.twitter.com",
  "https://www.openstreetmap.org",
  "https://t.me",
  "https://www.instagram.com",
  "https://www.tiktok.com",
  "https://embed.bsky.app",
  "https://www.facebook.com",
  "https://datawrapper.dwcdn.net",
  "https://flo.uri.sh",
  "https://www.google.com",
  "https://w.soundcloud.com",
] as const;

export function recognizeEmbed(raw: string): Embed {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { provider: "link", href: raw, host: raw };
  }
  const host = url.hostname.toLowerCase().replace(/^(www\.|m\.)/, "");
  const link: Embed = { provider: "link", href: url.href, host };
  if (url.protocol !== "https:" && url.protocol !== "http:") return link;

  if (host === "youtube.com" || host === "youtu.be" || host === "youtube-nocookie.com") {
    const id =
      host === "youtu.be"
        ? url.pathname.slice(1)
        : url.pathname === "/watch"
          ? url.searchParams.get("v")
          : url.pathname.match(/^\/(?:embed|shorts|live)\/([^/]+)/)?.[1];
    if (id && /^[A-Za-z0-9_-]{6,20}$/.test(id)) {
      return {
        provider: "youtube",
        name: "YouTube",
        frameSrc: `https://www.youtube-nocookie.com/embed/${id}`,
        title: "YouTube video",
        kind: "video",
      };
    }
    return link;
  }
  if (host === "vimeo.com" || host === "player.vimeo.com") {
    const id = url.pathname.match(/(?:^|\/)(\d{5,12})(?:$|\/)/)?.[1];
    return id
      ? {
          provider: "vimeo",
          name: "Vimeo",
          frameSrc: `https://player.vimeo.com/video/${id}`,
          title: "Vimeo video",
          kind: "video",
        }
      : link;
  }
  if (host === "twitter.com" || host === "x.com") {
    const id = url.pathname.match(/^\/[A-Za-z0-9_]{1,15}\/status\/(\d{5,25})/)?.[1];
    return id
      ? {
          provider: "x",
          name: "X",
          frameSrc: `https://platform.twitter.com/embed/Tweet.html?id=${id}&dnt=true`,
          title: "Post on X",
          kind: "post",
        }
      : link;
  }
  if (host === "openstreetmap.org") {
    const place = osmPlace(url);
    if (!place) return link;
    const { lat, lon, zoom } = place;
    const span = 180 / 2 ** zoom;
    const bbox = [lon - span, lat - span / 2, lon + span, lat + span / 2].map((n) => n.toFixed(5));
    return {
      provider: "openstreetmap",
      name: "OpenStreetMap",
      frameSrc: `https://www.openstreetmap.org/export/embed.html?bbox=${bbox.join("%2C")}&layer=mapnik&marker=${lat.toFixed(5)}%2C${lon.toFixed(5)}`,
      title: "Map",
      kind: "map",
    };
  }
  return socialEmbed(url, host) ?? link;
}

function osmPlace(url: URL): { lat: number; lon: number; zoom: number } | null {
  const fromHash = url.hash.match(/map=(\d{1,2})\/(-?\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)/);
  const zoom = Number(fromHash?.[1] ?? url.searchParams.get("zoom") ?? 13);
  const lat = Number(url.searchParams.get("mlat") ?? fromHash?.[2]);
  const lon = Number(url.searchParams.get("mlon") ?? fromHash?.[3]);
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
    return null;
  }
  return { lat, lon, zoom: Math.min(Math.max(zoom, 1), 19) };
}
