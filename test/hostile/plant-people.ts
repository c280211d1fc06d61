// Plants the corpus where people and files live: colleagues' names, addresses and job titles,
// their API tokens' labels, strangers' failed sign-ins, and uploaded images' file names and
// library words.

import type { TestServer, TestUser } from "../helpers/server.js";
import { expectStatus, inBatches } from "./plant-support.js";
import type { XssVector } from "./xss-corpus.js";

/**
 * Colleagues, their job titles, API token labels and failed sign-ins, each a vector. Returns
 * the colleagues' ids, in the corpus's order.
 */
export async function plantPeople(
  server: TestServer,
  corpus: readonly XssVector[],
  { admin, reporter }: { admin: TestUser; reporter: TestUser },
): Promise<string[]> {
  const ids: string[] = [];
  const at = (i: number) => corpus[i % corpus.length] as XssVector;
  const api = server.api.bind(server);
  await inBatches(corpus, async (vector, i) => {
    // An address is any text without spaces around one @: a vector without either is one.
    const local = /^[^\s@]+$/.test(vector.text) ? vector.text.toLowerCase() : `v${vector.id}`;
    const created = await api("POST", "/api/users", {
      token: admin.token,
      body: { email: `${local}@x${vector.id}.example`, role: "reporter", name: vector.text },
    });
    expectStatus(created, 201, `user ${vector.id}`);
    ids[i] = created.json.user.id;
    const profile = await api("PATCH", `/api/users/${created.json.user.id}/profile`, {
      token: admin.token,
      body: { title: at(i + 1).text },
    });
    expectStatus(profile, 200, `title ${vector.id}`);
    const token = await api("POST", "/api/tokens", {
      token: admin.token,
      body: { label: at(i + 2).text, userId: created.json.user.id },
    });
    expectStatus(token, 201, `token ${vector.id}`);
  });
  const own = await api("PATCH", `/api/users/${admin.id}/profile`, {
    token: admin.token,
    body: { title: at(3).text },
  });
  expectStatus(own, 200, "admin title");
  const title = await api("PATCH", `/api/users/${reporter.id}/profile`, {
    token: admin.token,
    body: { title: at(9).text },
  });
  expectStatus(title, 200, "reporter title");
  // Strangers' sign-in attempts land in the audit log under the address they typed.
  for (const vector of corpus.slice(0, 8)) {
    const answer = await api("POST", "/api/session", {
      body: { email: vector.text, password: "wrong password" },
    });
    if (![401, 422, 429].includes(answer.status)) throw new Error(`sign-in: ${answer.status}`);
  }
  return ids;
}

/** A small real PNG (8×8) for uploads. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGM4ISKHFTEMLQkAlrA+gUEUt8oAAAAASUVORK5CYII=",
  "base64",
);

/**
 * Uploads under vectors as file names, then gives each image a vector as alt text, caption
 * and credit in the library. Image processing is the slow part, so `count` bounds it.
 */
export async function plantMedia(
  server: TestServer,
  corpus: readonly XssVector[],
  token: string,
  count: number,
): Promise<void> {
  const at = (i: number) => corpus[i % corpus.length] as XssVector;
  for (let i = 0; i < count; i++) {
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(PNG)], { type: "image/png" }), at(i * 4).text);
    const upload = await fetch(`${server.url}/api/media`, {
      method: "POST",
      body: form,
      headers: { authorization: `Bearer ${token}` },
    });
    if (upload.status !== 201)
      throw new Error(`upload ${i}: ${upload.status} ${await upload.text()}`);
    const { id } = (await upload.json()) as { id: string };
    const words = await server.api("PATCH", `/api/media/${id}`, {
      token,
      body: { alt: at(i * 4 + 1).text, caption: at(i * 4 + 2).text, credit: at(i * 4 + 3).text },
    });
    expectStatus(words, 200, `media words ${i}`);
  }
}
