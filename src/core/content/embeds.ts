// Embeds: links to recognised providers (YouTube, Vimeo, X/Twitter, OpenStreetMap) become
// players or maps in a sandboxed iframe; any other link becomes a link card that shows its
// address. Recognition is by exact host, never by substring, so look-alike hosts stay links.

export type Embed =
  | { provider: "youtube" | "vimeo" | "x" | "openstreetmap"; frameSrc: string; title: string }
  | { provider: "link"; href: string; host: string };

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
        frameSrc: `https://www.youtube-nocookie.com/embed/${id}`,
        title: "YouTube video",
      };
    }
    return link;
  }
  if (host === "vimeo.com" || host === "player.vimeo.com") {
    const id = url.pathname.match(/(?:^|\/)(\d{5,12})(?:$|\/)/)?.[1];
    return id
      ? {
          provider: "vimeo",
          frameSrc: `https://player.vimeo.com/video/${id}`,
          title: "Vimeo video",
        }
      : link;
  }
  if (host === "twitter.com" || host === "x.com") {
    const id = url.pathname.match(/^\/[A-Za-z0-9_]{1,15}\/status\/(\d{5,25})/)?.[1];
    return id
      ? {
          provider: "x",
          frameSrc: `https://platform.twitter.com/embed/Tweet.html?id=${id}&dnt=true`,
          title: "Post on X",
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
      frameSrc: `https://www.openstreetmap.org/export/embed.html?bbox=${bbox.join("%2C")}&layer=mapnik&marker=${lat.toFixed(5)}%2C${lon.toFixed(5)}`,
      title: "Map",
    };
  }
  return link;
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
