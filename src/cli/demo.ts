// The demo newsroom: an invented storm, covered over two days, using every kind of block.
// `dispatch serve --demo` (and `npm start`) seeds it into an empty database, so a new
// install shows a real-looking live blog at once. The people, places and agencies are made up.

import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Block } from "../core/content/blocks.js";
import { createBlog } from "../core/operations/blogs.js";
import { publishPost } from "../core/operations/posts.js";
import { addUser, createToken } from "../core/operations/users.js";
import type { Newsroom } from "../core/ports.js";
import type { Actor } from "../core/user.js";
import { DEMO_ART } from "./demo-art.js";

export interface DemoResult {
  slug: string;
  email: string;
  password: string;
  token: string;
}

const SLUG = "storm-ilsa";
const img = (file: string, alt: string, caption: string, credit: string): Block => ({
  type: "image",
  src: `/media/demo/${file}`,
  alt,
  caption,
  credit,
});
const p = (text: string): Block => ({ type: "paragraph", text });

interface DemoPost {
  minutesAgo: number;
  title: string;
  blocks: Block[];
  keyEvent?: boolean;
  pinned?: boolean;
}

const POSTS: DemoPost[] = [
  {
    minutesAgo: 26 * 60 + 10,
    title: "Flood warnings issued for the whole Vell valley",
    keyEvent: true,
    blocks: [
      p(
        "The environment agency has issued **severe flood warnings** for Castmere, Orlen Bridge and six villages downstream, after 90 mm of rain fell on the hills in twelve hours.",
      ),
      p(
        "Residents of riverside streets are asked to move valuables upstairs and be ready to leave at short notice.",
      ),
    ],
  },
  {
    minutesAgo: 25 * 60,
    title: "Background: the Vell valley's history of flooding",
    blocks: [
      { type: "heading", text: "Past floods on the Vell", level: 2 },
      {
        type: "list",
        ordered: true,
        items: [
          "**1954**: the old bridge at Orlen is swept away; the town is cut in two for a month.",
          "**1987**: the river peaks at 4.1 m at Castmere gauge, the record until this week.",
          "**2009**: flood walls are finished along Castmere's quay after a decade of planning.",
          "**2019**: the walls hold through Storm Perran, but the rail line is shut for nine days.",
        ],
      },
      p(
        "Hydrologists say the valley's steep sides and thin soils send rain into the river *within hours*.",
      ),
    ],
  },
  {
    minutesAgo: 24 * 60 - 30,
    title: "Rail line between Castmere and Orlen Bridge closed",
    blocks: [
      p(
        "Valley Rail has closed the line after water reached the track bed near Tarn Cutting. Replacement buses run every 30 minutes, but the operator warns they may be diverted as roads flood.",
      ),
      img(
        "rail-line.svg",
        "Floodwater lapping at railway sleepers in a cutting",
        "Water reaching the track bed at Tarn Cutting.",
        "Illustration: Dispatch demo",
      ),
    ],
  },
  {
    minutesAgo: 9 * 60,
    title: "River Vell passes its 1987 record at Castmere",
    keyEvent: true,
    blocks: [
      p(
        "The gauge at Castmere read **4.23 m** this morning, passing the 1987 record of 4.1 m. The agency expects the river to peak within hours.",
      ),
      img(
        "river-gauge.svg",
        "A red and white river level gauge rising out of brown floodwater",
        "The Castmere gauge this morning.",
        "Illustration: Dispatch demo",
      ),
    ],
  },
  {
    minutesAgo: 7 * 60 + 40,
    title: "'We have never seen the water this high'",
    blocks: [
      {
        type: "quote",
        text: "We have crews in boats on three streets in Orlen Bridge. If you are safe upstairs, stay there; we will come to you.",
        cite: "Marta Quayle, chief fire officer, Vell Valley Fire and Rescue",
      },
      p(
        "Quayle said 140 people had been helped from their homes overnight and that no one had been reported missing.",
      ),
    ],
  },
  {
    minutesAgo: 6 * 60 + 15,
    title: "Dispatch from Orlen Bridge",
    blocks: [
      p(
        "*Reporting from Orlen Bridge.* The water on Mill Lane is waist-deep and moving fast. Fire crews are ferrying families to the church hall in two orange boats; a man carrying a cat in a laundry basket told me he had left with nothing else.",
      ),
      p(
        "Volunteers at the hall have collected dry clothes, and the bakery on the high street, above the waterline, is handing out bread for free.",
      ),
      img(
        "rescue-boat.svg",
        "An orange rescue boat with two crew members on a flooded street",
        "A fire service boat on Mill Lane.",
        "Illustration: Dispatch demo",
      ),
    ],
  },
  {
    minutesAgo: 5 * 60,
    title: "In pictures: the valley under water",
    blocks: [
      img(
        "high-street.svg",
        "Shops on a high street with floodwater up to their doorsteps under heavy rain",
        "Castmere high street at first light.",
        "Illustration: Dispatch demo",
      ),
      img(
        "sandbags.svg",
        "A wall of sandbags stacked in front of a row of doors",
        "Sandbags outside homes on Quay Road.",
        "Illustration: Dispatch demo",
      ),
      img(
        "rail-line.svg",
        "Floodwater beside a railway line",
        "The closed line at Tarn Cutting.",
        "Illustration: Dispatch demo",
      ),
    ],
  },
  {
    minutesAgo: 4 * 60,
    title: "Map: the areas under severe flood warning",
    blocks: [
      p("The warnings cover the river corridor from the reservoir down to the estuary."),
      {
        type: "embed",
        url: "https://www.openstreetmap.org/?mlat=54.4500&mlon=-2.9500#map=11/54.4500/-2.9500",
        caption: "The upper Vell valley.",
      },
    ],
  },
  {
    minutesAgo: 3 * 60,
    title: "Video: drone footage over Castmere",
    blocks: [
      {
        type: "embed",
        url: "https://www.youtube.com/watch?v=Vell2026dmo",
        caption: "Drone footage shows the extent of flooding around the quay.",
      },
    ],
  },
  {
    minutesAgo: 2 * 60 + 5,
    title: "Analyst: flood walls did their job, but were built for a smaller river",
    blocks: [
      {
        type: "quote",
        text: "The Castmere walls were designed for a 1-in-100-year flood measured against the climate of the 1990s. That river no longer exists.",
        cite: "Dr Ines Baptiste, hydrologist, University of the North",
      },
      { type: "divider" },
      p(
        "Read the agency's guidance on [what to do in a flood](https://example.org/flood-guidance) and our [explainer on flood warnings](https://example.org/explainers/flood-warnings).",
      ),
    ],
  },
  {
    minutesAgo: 70,
    title: "Related coverage",
    blocks: [
      {
        type: "embed",
        url: "https://example.org/news/valley-rail-closure-what-passengers-need-to-know",
        caption: "What rail passengers need to know.",
      },
    ],
  },
  {
    minutesAgo: 35,
    title: "River has peaked at Castmere, agency says",
    keyEvent: true,
    blocks: [
      p(
        "The Vell peaked at **4.38 m** and is now falling slowly. Warnings stay in place because more rain is forecast overnight.",
      ),
    ],
  },
  {
    minutesAgo: 12,
    title: "What we know so far",
    pinned: true,
    blocks: [
      {
        type: "list",
        ordered: false,
        items: [
          "The River Vell reached a record **4.38 m** at Castmere before starting to fall.",
          "About 140 people were helped from their homes in Orlen Bridge overnight; none are missing.",
          "The Castmere–Orlen Bridge rail line is closed; buses replace trains.",
          "Rest centres are open at St Anne's church hall and Castmere leisure centre.",
        ],
      },
    ],
  },
];

/** Seeds the demo into an empty database; returns null (and changes nothing) otherwise. */
export async function seedDemo(newsroom: Newsroom, dataDir: string): Promise<DemoResult | null> {
  if ((await newsroom.store.countUsers()) > 0 || (await newsroom.store.listBlogs()).length > 0)
    return null;

  const mediaDir = path.join(dataDir, "media", "demo");
  await mkdir(mediaDir, { recursive: true });
  for (const [file, svg] of Object.entries(DEMO_ART))
    await writeFile(path.join(mediaDir, file), svg);

  const email = "editor@dispatch.example";
  const { password } = await addUser(newsroom, { email, role: "admin", name: "Demo Editor" });
  const { token } = await createToken(newsroom, email, "Demo token");
  // The invented correspondent whose byline the demo's updates carry.
  const { user } = await addUser(newsroom, {
    email: "amira.sol@dispatch.example",
    role: "editor",
    name: "Amira Sol",
  });
  const reporter: Actor = { id: user.id, name: user.name, role: user.role };

  const realNow = newsroom.clock.now().getTime();
  let at = realNow - 27 * 60 * 60 * 1000;
  const seeding: Newsroom = { ...newsroom, clock: { now: () => new Date(at) } };

  await createBlog(seeding, reporter, {
    slug: SLUG,
    title: "Storm Ilsa: Vell valley towns cut off as river breaks its record",
    summary:
      "Hundreds helped from their homes in Castmere and Orlen Bridge; rail line closed; more rain forecast overnight.",
    hero: {
      src: "/media/demo/high-street.svg",
      alt: "Floodwater covering a high street lined with shops, under heavy rain",
      caption: "Castmere high street on the first morning of the floods.",
      credit: "Illustration: Dispatch demo / Northwire",
    },
    intro: [
      p(
        "Storm Ilsa has brought the worst flooding in living memory to the **Vell valley**, after two days of rain on already saturated hills.",
      ),
      p(
        "The river passed its 1987 record at Castmere on the second morning. Fire crews worked through the night in Orlen Bridge, where the water reached waist height on the streets nearest the river.",
      ),
      p("This page follows the storm as it happens. The newest updates are at the top."),
    ],
    sourceNote: "The Dispatch Desk, with reporting from *Northwire* and Calder Press Agency.",
    language: "en-GB",
    timezone: "Europe/London",
  });

  for (const post of POSTS) {
    at = realNow - post.minutesAgo * 60 * 1000;
    await publishPost(seeding, reporter, SLUG, {
      title: post.title,
      blocks: post.blocks,
      ...(post.keyEvent ? { keyEvent: true } : {}),
      ...(post.pinned ? { pinned: true } : {}),
    });
  }
  return { slug: SLUG, email, password, token };
}
