// How a zod failure names the field at fault: the contract's `field` is what a client fixes.

import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DomainError } from "./errors.js";
import { parseInput } from "./validation.js";

const Blocks = z.object({ blocks: z.array(z.object({ text: z.string() }).strict()) }).strict();

function refusal(input: unknown): DomainError {
  try {
    parseInput(Blocks, input);
  } catch (error) {
    if (error instanceof DomainError) return error;
  }
  throw new Error("not refused");
}

describe("parseInput", () => {
  it("names the field at fault in the contract's path style", () => {
    expect(refusal({ blocks: [{ text: 1 }] }).field).toBe("blocks[0].text");
  });

  it("names an unknown field itself, also inside a block (a query's stray parameter too)", () => {
    expect(refusal({ blocks: [], colour: "red" })).toMatchObject({
      field: "colour",
      message: 'Unknown field "colour"',
    });
    expect(refusal({ blocks: [{ text: "a", size: 2 }] }).field).toBe("blocks[0].size");
  });
});
