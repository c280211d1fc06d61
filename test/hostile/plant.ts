// Plants the hostile corpus in a real newsroom through the public API, the way reporters,
// editors, admins and strangers would: every vector through every free-text field, and every
// URL vector through every URL field. What the API refuses is recorded (and must be a clear
// 4xx naming the field); what it accepts is what the browser tests then render.

import type { TestServer, TestUser } from "../helpers/server.js";
import { plantPeople } from "./plant-people.js";
import { expectStatus, inBatches, packed } from "./plant-support.js";
import type { XssVector } from "./xss-corpus.js";

export interface Refusal {
  surface: string;
  vector: number;
  status: number;
  code: string;
  field: string | undefined;
}

export interface HostileNewsroom {
  admin: TestUser;
  reporter: TestUser;
  editor: TestUser;
  /** The blog every post field is planted in, and blogs whose fields pack the corpus. */
  slug: string;
  sideSlugs: string[];
  approvalSlug: string;
  /** Published posts of `slug`, each carrying a vector's title. */
  posts: { id: string; title: string }[];
  /** Posts whose headline and opening words pack the corpus, for permalink heads. */
  carriers: { id: string; title: string }[];
  /** Posts holding every accepted vector in one kind of block each. */
  omnibus: { id: string; title: string }[];
  drafts: string[];
  /** Vectors the inline-text fields accept (the rest carry a link the API refuses). */
  inline: XssVector[];
  /** Accepted URL vectors per URL field. */
  acceptedUrls: Record<string, XssVector[]>;
  refusals: Refusal[];
  /** Webhook endpoints (off, never sent to) whose descriptions and addresses carry vectors. */
  webhooks: string[];
}

const SAFE_IMAGE = "https://images.example/safe.jpg";

export async function plantCorpus(
  server: TestServer,
  corpus: readonly XssVector[],
  tag: string,
): Promise<HostileNewsroom> {
  const at = (i: number) => corpus[i % corpus.length] as XssVector;
  const [admin, editor, reporter] = await Promise.all([
    server.userFor("admin", at(0).text),
    server.userFor("editor", "Eda Editor"),
    server.userFor("reporter", "Rui Reporter"),
  ]);
  const refusals: Refusal[] = [];
  const api = server.api.bind(server);
  const probeSlug = `probe-${tag}`;
  expectStatus(
    await api("POST", "/api/blogs", {
      token: editor.token,
      body: { slug: probeSlug, title: "Probe" },
    }),
    201,
    "probe blog",
  );

  /** Tries one vector in one field; a refusal must be a 4xx error naming a field. */
  const attempt = async (
    surface: string,
    vector: XssVector,
    send: () => Promise<{ status: number; json: { error?: { code: string; field?: string } } }>,
  ): Promise<boolean> => {
    const answer = await send();
    if (answer.status < 300) return true;
    const error = answer.json?.error;
    if (answer.status >= 500 || !error?.code) {
      throw new Error(
        `${surface} with vector ${vector.id}: ${answer.status} ${JSON.stringify(answer.json)}`,
      );
    }
    refusals.push({
      surface,
      vector: vector.id,
      status: answer.status,
      code: error.code,
      field: error.field,
    });
    return false;
  };
  const draftWith = (blocks: unknown[]) => () =>
    api("POST", `/api/blogs/${probeSlug}/posts`, {
      token: editor.token,
      body: { status: "draft", blocks },
    });

  // Inline text (paragraphs, quotes, list items, the source note) checks its links.
  const inline: XssVector[] = [];
  await inBatches(corpus, async (vector) => {
    if (
      await attempt("paragraph text", vector, draftWith([{ type: "paragraph", text: vector.text }]))
    ) {
      inline.push(vector);
    }
  });
  inline.sort((a, b) => a.id - b.id);

  const urlFields: Record<string, (url: string) => ReturnType<typeof api>> = {
    "image src": (url) => draftWith([{ type: "image", src: url, alt: "x" }])(),
    "embed url": (url) => draftWith([{ type: "embed", url }])(),
    "paragraph link": (url) => draftWith([{ type: "paragraph", text: `[x](${url})` }])(),
    "blog hero src": (url) =>
      api("PATCH", `/api/blogs/${probeSlug}`, {
        token: editor.token,
        body: { hero: { src: url, alt: "x" } },
      }),
    "blog intro image src": (url) =>
      api("PATCH", `/api/blogs/${probeSlug}`, {
        token: editor.token,
        body: { intro: [{ type: "image", src: url, alt: "x" }] },
      }),
    "byline avatar": (url) =>
      api("PATCH", `/api/users/${reporter.id}/profile`, {
        token: admin.token,
        body: { avatar: url },
      }),
    "media import url": (url) =>
      api("POST", "/api/media/import", { token: editor.token, body: { url } }),
  };
  const acceptedUrls: Record<string, XssVector[]> = {};
  const urlVectors = corpus.filter((v) => v.kind === "url");
  for (const [field, send] of Object.entries(urlFields)) {
    acceptedUrls[field] = [];
    // Imports one at a time: a reporter may have only a few images in hand at once. And the
    // server really fetches an import: only addresses on this machine (which it must refuse)
    // or no web address at all are tried, never a name out on the internet.
    const importing = field === "media import url";
    const tried = importing
      ? urlVectors.filter((v) => !/^\s*https?:\/\/(?!127\.0\.0\.1[:/])/i.test(v.text))
      : urlVectors;
    await inBatches(
      tried,
      async (vector) => {
        if (await attempt(field, vector, () => send(vector.text)))
          acceptedUrls[field]?.push(vector);
      },
      importing ? 1 : 8,
    );
  }
  const imageSrcs = acceptedUrls["image src"]?.map((v) => v.text) ?? [];
  const embedUrls = acceptedUrls["embed url"]?.map((v) => v.text) ?? [];
  const inlineAt = (i: number) => (inline[i % inline.length] as XssVector).text;

  // The main blog: every blog field, and the lead holding every inline vector.
  const slug = `hostile-${tag}`;
  expectStatus(
    await api("POST", "/api/blogs", {
      token: editor.token,
      body: {
        slug,
        title: at(1).text,
        summary: at(2).text,
        sourceNote: inlineAt(3),
        hero: {
          src: imageSrcs[0] ?? SAFE_IMAGE,
          alt: at(4).text,
          caption: at(5).text,
          credit: at(6).text,
        },
        intro: inline.map((v) => ({ type: "paragraph", text: v.text })),
      },
    }),
    201,
    "main blog",
  );

  // Blogs whose headline, standfirst, source note and hero's words pack the whole corpus,
  // vectors side by side up to each field's limit: every vector reaches every blog field, and
  // the page heads (title, description, Open Graph, JSON-LD) need a few dozen pages, not one
  // per vector.
  const titles = packed(corpus, 200);
  const summaries = packed(corpus, 500);
  const notes = packed(inline, 1000);
  const shortWords = packed(corpus, 500);
  const sideSlugs = titles.map((_, i) => `side-${tag}-${i}`);
  await inBatches(titles, async (title, i) => {
    const pick = (list: string[]) => list[i % list.length] ?? "";
    const body = {
      slug: sideSlugs[i],
      title,
      summary: pick(summaries),
      sourceNote: pick(notes),
      hero: {
        src: SAFE_IMAGE,
        alt: pick(shortWords),
        caption: shortWords[(i + 1) % shortWords.length],
        credit: shortWords[(i + 2) % shortWords.length],
      },
    };
    expectStatus(
      await api("POST", "/api/blogs", { token: editor.token, body }),
      201,
      `side blog ${i}`,
    );
  });

  // Posts whose headline and first words pack the corpus, for the permalink pages' heads.
  const carriers: { id: string; title: string }[] = [];
  const bodies = packed(inline, 1000);
  for (const [i, title] of packed(corpus, 300).entries()) {
    const answer = await api("POST", `/api/blogs/${slug}/posts`, {
      token: editor.token,
      body: { title, blocks: [{ type: "paragraph", text: bodies[i % bodies.length] }] },
    });
    expectStatus(answer, 201, `carrier ${i}`);
    carriers.push({ id: answer.json.id, title: answer.json.title });
  }

  // A post per vector, each vector in every post field somewhere along the stream.
  const postBody = (i: number) => ({
    title: at(i).text,
    blocks: [
      { type: "paragraph", text: inlineAt(i) },
      { type: "heading", text: at(i + 1).text },
      { type: "quote", text: inlineAt(i + 2), cite: at(i + 3).text },
      { type: "list", ordered: i % 2 === 0, items: [inlineAt(i + 4), inlineAt(i + 5)] },
      {
        type: "image",
        src: imageSrcs[i % Math.max(imageSrcs.length, 1)] ?? SAFE_IMAGE,
        alt: at(i + 6).text,
        caption: at(i + 7).text,
        credit: at(i + 8).text,
      },
      {
        type: "embed",
        url: embedUrls[i % Math.max(embedUrls.length, 1)] ?? "https://links.example/",
        caption: at(i + 9).text,
      },
      { type: "divider" },
    ],
    bylines: [{ name: at(i + 10).text, kind: "person" }, { name: at(i + 11).text }],
    source: { text: at(i + 12).text, url: "https://links.example/source?a=1&b=2" },
    verification: { state: "disputed", note: at(i + 13).text },
    // A tag needs a letter and has at most 40 characters: the vector's opening, so marked.
    tags: [`T${i} ${at(i + 14).text}`.slice(0, 40)],
  });
  const posts: { id: string; title: string }[] = [];
  for (let i = 0; i < corpus.length; i++) {
    const answer = await api("POST", `/api/blogs/${slug}/posts`, {
      token: editor.token,
      body: postBody(i),
    });
    expectStatus(answer, 201, `post ${i}`);
    posts.push({ id: answer.json.id, title: answer.json.title });
  }

  // One post per kind of block holding every vector, for the composer and the preview.
  const omnibusBodies = [
    inline.map((v) => ({ type: "paragraph", text: v.text })),
    corpus.map((v) => ({ type: "heading", text: v.text, level: 3 })),
    inline.map((v, i) => ({ type: "quote", text: v.text, cite: at(i).text })),
    [{ type: "list", ordered: false, items: inline.map((v) => v.text) }],
    corpus.map((v, i) => ({
      type: "image",
      src: SAFE_IMAGE,
      alt: v.text,
      caption: at(i + 1).text,
      credit: at(i + 2).text,
    })),
  ];
  const omnibus: { id: string; title: string }[] = [];
  for (const [i, blocks] of omnibusBodies.entries()) {
    const answer = await api("POST", `/api/blogs/${slug}/posts`, {
      token: editor.token,
      body: { title: `Omnibus ${i} ${at(i + 20).text}`, blocks },
    });
    expectStatus(answer, 201, `omnibus ${i}`);
    omnibus.push({ id: answer.json.id, title: answer.json.title });
  }

  // Drafts and a scheduled post: the desk and the preview show them, readers never do.
  const drafts: string[] = [];
  for (const [i, status] of (["draft", "draft", "scheduled"] as const).entries()) {
    const answer = await api("POST", `/api/blogs/${slug}/posts`, {
      token: editor.token,
      body: {
        ...postBody(i + 30),
        status,
        ...(status === "scheduled"
          ? { publishAt: new Date(Date.now() + 86_400_000).toISOString() }
          : {}),
      },
    });
    expectStatus(answer, 201, `${status} ${i}`);
    drafts.push(answer.json.id);
  }

  // Retractions: the audit log keeps a deleted post's title.
  for (const post of posts.slice(0, 4)) {
    expectStatus(
      await api("DELETE", `/api/blogs/${slug}/posts/${post.id}`, { token: editor.token }),
      204,
      "delete",
    );
  }
  posts.splice(0, 4);

  // Approval: a reporter's submissions wait in the queue; some go back with a note.
  const approvalSlug = `approval-${tag}`;
  expectStatus(
    await api("POST", "/api/blogs", {
      token: editor.token,
      body: { slug: approvalSlug, title: at(7).text, reporterMode: "approval" },
    }),
    201,
    "approval blog",
  );
  await inBatches(corpus.slice(0, 24), async (vector, i) => {
    const answer = await api("POST", `/api/blogs/${approvalSlug}/posts`, {
      token: reporter.token,
      body: { title: vector.text, blocks: [{ type: "paragraph", text: inlineAt(i) }] },
    });
    expectStatus(answer, 201, `submission ${vector.id}`);
    if (i % 2 === 1) {
      const back = await api("POST", `/api/blogs/${approvalSlug}/posts/${answer.json.id}/return`, {
        token: editor.token,
        body: { note: at(i + 40).text },
      });
      expectStatus(back, 200, `return ${vector.id}`);
    }
  });

  // Colleagues on bylines: their names and job titles (vectors too) under posts, up to ten
  // a post, every colleague once.
  const colleagues = await plantPeople(server, corpus, { admin, reporter });
  for (let i = 0; i < colleagues.length; i += 10) {
    const answer = await api("POST", `/api/blogs/${slug}/posts`, {
      token: editor.token,
      body: {
        title: `Signed ${i}`,
        blocks: [{ type: "paragraph", text: inlineAt(i) }],
        bylines: colleagues.slice(i, i + 10).map((userId) => ({ userId })),
      },
    });
    expectStatus(answer, 201, `signed post ${i}`);
    posts.push({ id: answer.json.id, title: answer.json.title });
  }

  // Webhook endpoints, each vector in a description and in an address's path, all off.
  const webhooks: string[] = [];
  await inBatches(
    [...corpus],
    async (vector) => {
      const answer = await api("POST", "/api/webhooks", {
        token: admin.token,
        body: {
          url: `https://hooks.invalid/${encodeURIComponent(vector.text).slice(0, 1500)}`,
          description: vector.text.slice(0, 500),
          enabled: false,
        },
      });
      // Text the newsroom may not store (a NUL) is refused, naming the field.
      if (answer.status === 201) webhooks.push(answer.json.id);
      else expectStatus(answer, 422, `webhook ${vector.id}`);
    },
    8,
  );
  return {
    admin,
    editor,
    reporter,
    slug,
    sideSlugs,
    approvalSlug,
    posts,
    carriers,
    omnibus,
    drafts,
    inline,
    acceptedUrls,
    refusals,
    webhooks,
  };
}
