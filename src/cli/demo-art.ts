// Illustrations for the demo blog, drawn as small SVG files so the demo works offline and
// carries no one else's photographs.

const scene = (sky: [string, string], body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1200 675" width="1200" height="675">` +
  `<defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${sky[0]}"/>` +
  `<stop offset="1" stop-color="${sky[1]}"/></linearGradient></defs>` +
  `<rect width="1200" height="675" fill="url(#s)"/>${body}</svg>`;

const rain = Array.from({ length: 60 }, (_, i) => {
  const x = (i * 97) % 1200;
  const y = (i * 53) % 400;
  return `<line x1="${x}" y1="${y}" x2="${x - 12}" y2="${y + 40}" stroke="#dfe7ef" stroke-opacity=".5" stroke-width="2"/>`;
}).join("");

export const DEMO_ART: Record<string, string> = {
  "high-street.svg": scene(
    ["#5b6b7c", "#a9b6c2"],
    `<rect x="80" y="220" width="220" height="300" fill="#6d5a4b"/><rect x="320" y="180" width="260" height="340" fill="#7d6a58"/>` +
      `<rect x="600" y="240" width="200" height="280" fill="#5e4e42"/><rect x="820" y="200" width="300" height="320" fill="#846f5c"/>` +
      `<g fill="#f2d27a" opacity=".8"><rect x="120" y="260" width="40" height="50"/><rect x="380" y="230" width="40" height="50"/><rect x="880" y="250" width="40" height="50"/></g>` +
      `<rect y="470" width="1200" height="205" fill="#6f7f73"/><path d="M0 480 Q300 460 600 485 T1200 475 V675 H0Z" fill="#4f6470" opacity=".9"/>${rain}`,
  ),
  "sandbags.svg": scene(
    ["#8c99a6", "#cfd6dc"],
    `<rect y="430" width="1200" height="245" fill="#7a7163"/>` +
      Array.from({ length: 18 }, (_, i) => {
        const row = Math.floor(i / 6);
        const x = 200 + (i % 6) * 130 + row * 60;
        return `<ellipse cx="${x}" cy="${440 - row * 70}" rx="70" ry="38" fill="#c9b48a" stroke="#9c8660" stroke-width="4"/>`;
      }).join("") +
      rain,
  ),
  "river-gauge.svg": scene(
    ["#44525f", "#8795a2"],
    `<rect x="560" y="120" width="40" height="480" fill="#f4f4f4"/>` +
      Array.from(
        { length: 10 },
        (_, i) =>
          `<rect x="560" y="${140 + i * 45}" width="${i % 2 ? 25 : 40}" height="6" fill="#c0392b"/>`,
      ).join("") +
      `<path d="M0 420 Q200 400 400 425 T800 415 T1200 420 V675 H0Z" fill="#5d6f66"/><path d="M0 450 Q250 430 500 455 T1200 445 V675 H0Z" fill="#3f5560" opacity=".9"/>`,
  ),
  "rescue-boat.svg": scene(
    ["#6b7a88", "#b5c0ca"],
    `<path d="M0 380 Q300 360 600 385 T1200 375 V675 H0Z" fill="#48606c"/>` +
      `<path d="M420 420 L780 420 L740 480 L460 480 Z" fill="#e67e22"/><rect x="560" y="370" width="60" height="50" fill="#f0f0f0"/>` +
      `<circle cx="520" cy="405" r="14" fill="#f6c453"/><circle cx="690" cy="405" r="14" fill="#f6c453"/>${rain}`,
  ),
  "rail-line.svg": scene(
    ["#7f8c99", "#c4ccd3"],
    `<rect y="420" width="1200" height="255" fill="#6c756b"/>` +
      `<path d="M300 675 L560 300 M900 675 L640 300" stroke="#3d3d3d" stroke-width="10"/>` +
      Array.from({ length: 9 }, (_, i) => {
        const y = 320 + i * 42;
        const half = 40 + i * 33;
        return `<line x1="${600 - half}" y1="${y}" x2="${600 + half}" y2="${y}" stroke="#5a4636" stroke-width="8"/>`;
      }).join("") +
      `<path d="M0 520 Q400 500 800 530 T1200 520 V675 H0Z" fill="#4f6470" opacity=".85"/>`,
  ),
};
