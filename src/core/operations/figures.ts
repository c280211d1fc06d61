// A blog's key figures: adding, changing (label, place, values) and removing them, and reading
// the box and a figure's history. Every change is a change to the blog's public state,
// committed like a post's (commit.ts): the `figures` change carries the whole box as it now
// stands, supersedes the box's earlier change in the log, and is pushed live.

import type { Blog } from "../blog.js";
import { DomainError } from "../errors.js";
import {
  BOX_HISTORY,
  type BoxFigure,
  type Figure,
  FigureCreateInput,
  type FigureHistoryEntry,
  FigurePatchInput,
  figureValueOf,
  MAX_FIGURES,
} from "../figures.js";
import { newId } from "../ids.js";
import { ensure } from "../permissions.js";
import type { Newsroom, Store } from "../ports.js";
import type { Actor } from "../user.js";
import { parseInput } from "../validation.js";
import { type ChangeRecorder, commitChanges } from "./commit.js";
import { getBlog } from "./read.js";

/** The box as readers see it (public for every blog that exists: blogs are live or closed). */
export async function listFigures(newsroom: Pick<Newsroom, "store">, slug: string) {
  const blog = await getBlog(newsroom, slug);
  return { blog, figures: await figuresBox(newsroom.store, blog.id) };
}

/**
 * The blog's figures in order, each with its latest `keep` earlier values (the box's share by
 * default; every one for the readers' figures page) and how many there are in all.
 */
export async function figuresBox(
  store: Store,
  blogId: string,
  keep: number = BOX_HISTORY,
): Promise<BoxFigure[]> {
  const figures = await store.listFigures(blogId);
  const box: BoxFigure[] = [];
  for (const figure of figures) {
    const history = await store.listFigureHistory(figure.id);
    box.push({ ...figure, history: history.slice(0, keep), earlierCount: history.length });
  }
  return box;
}

export async function figureHistory(
  newsroom: Pick<Newsroom, "store">,
  slug: string,
  figureId: string,
): Promise<{ blog: Blog; figure: Figure; history: FigureHistoryEntry[] }> {
  const blog = await getBlog(newsroom, slug);
  const figure = await findFigure(newsroom.store, blog, figureId);
  return { blog, figure, history: await newsroom.store.listFigureHistory(figure.id) };
}

export async function createFigure(
  newsroom: Newsroom,
  actor: Actor,
  slug: string,
  input: unknown,
): Promise<Figure> {
  ensure(actor, "blog.update");
  const data = parseInput(FigureCreateInput, input);
  return commitChanges(newsroom, async (recorder) => {
    const blog = await getBlog({ store: recorder.tx }, slug);
    const box = await recorder.tx.listFigures(blog.id);
    if (box.length >= MAX_FIGURES) {
      throw new DomainError("validation_failed", `A blog shows at most ${MAX_FIGURES} figures`, {
        field: "body",
      });
    }
    const figure: Figure = {
      id: newId(Date.parse(recorder.at)),
      blogId: blog.id,
      label: data.label,
      position: data.position ?? Math.max(-1, ...box.map((f) => f.position)) + 1,
      values: data.values.map(figureValueOf),
      createdAt: recorder.at,
      updatedAt: recorder.at,
    };
    await recorder.tx.saveFigure(figure, recorder.at);
    await recordBox(recorder, blog);
    await recorder.audit(actor, "figure.create", {
      blogId: blog.id,
      detail: { figureId: figure.id, label: figure.label },
    });
    return figure;
  });
}

/** Changes a figure's label, place or values; the values it no longer shows become history. */
export async function updateFigure(
  newsroom: Newsroom,
  actor: Actor,
  slug: string,
  figureId: string,
  input: unknown,
): Promise<Figure> {
  ensure(actor, "blog.update");
  const patch = parseInput(FigurePatchInput, input);
  return commitChanges(newsroom, async (recorder) => {
    const blog = await getBlog({ store: recorder.tx }, slug);
    const current = await findFigure(recorder.tx, blog, figureId);
    const next: Figure = {
      ...current,
      ...(patch.label !== undefined ? { label: patch.label } : {}),
      ...(patch.position !== undefined ? { position: patch.position } : {}),
      ...(patch.values !== undefined ? { values: patch.values.map(figureValueOf) } : {}),
      updatedAt: recorder.at,
    };
    await recorder.tx.saveFigure(next, recorder.at);
    await recordBox(recorder, blog);
    await recorder.audit(actor, "figure.update", {
      blogId: blog.id,
      detail: { figureId: next.id, label: next.label, fields: Object.keys(patch) },
    });
    return next;
  });
}

/** Removes a figure and its history from every public surface. */
export async function deleteFigure(
  newsroom: Newsroom,
  actor: Actor,
  slug: string,
  figureId: string,
): Promise<void> {
  ensure(actor, "blog.update");
  await commitChanges(newsroom, async (recorder) => {
    const blog = await getBlog({ store: recorder.tx }, slug);
    const figure = await findFigure(recorder.tx, blog, figureId);
    await recorder.tx.deleteFigure(blog.id, figure.id);
    await recordBox(recorder, blog);
    await recorder.audit(actor, "figure.delete", {
      blogId: blog.id,
      detail: { figureId: figure.id, label: figure.label },
    });
  });
}

async function findFigure(store: Store, blog: Blog, figureId: string): Promise<Figure> {
  const figure = await store.findFigure(blog.id, figureId);
  if (!figure) throw new DomainError("figure_not_found", "No figure with that id in this blog");
  return figure;
}

/** Logs the box as it now stands: one change, superseding the box's earlier one. */
async function recordBox(recorder: ChangeRecorder, blog: Blog): Promise<void> {
  await recorder.record(blog.id, {
    kind: "figures",
    figures: await figuresBox(recorder.tx, blog.id),
  });
}
