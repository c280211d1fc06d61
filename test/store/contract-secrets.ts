// Server secrets' part of the Store contract (contract.ts runs it on every backend): the
// first secret offered under a name is kept, and every later or simultaneous offer (another
// node starting at the same moment) gets that one back.

import { describe, expect, it } from "vitest";
import type { DatabaseStore } from "../../src/store/index.js";

const AT = "2026-12-06T17:00:00.000Z";
let names = 0;

export function describeServerSecretsContract(store: () => DatabaseStore): void {
  describe("server secrets", () => {
    it("keeps the first secret offered under a name, and gives it back for later offers", async () => {
      const name = `device-cookie-${++names}`;
      expect(await store().keepServerSecret(name, "first", AT)).toBe("first");
      expect(await store().keepServerSecret(name, "second", AT)).toBe("first");
      expect(await store().keepServerSecret(`other-${name}`, "third", AT)).toBe("third");
    });

    it("gives every one of many simultaneous offers the same secret", async () => {
      const name = `device-cookie-${++names}`;
      const kept = await Promise.all(
        Array.from({ length: 8 }, (_, i) => store().keepServerSecret(name, `offer ${i}`, AT)),
      );
      expect(new Set(kept).size).toBe(1);
      expect(kept[0]).toMatch(/^offer \d$/);
    });

    it("keeps nothing a rolled-back transaction offered", async () => {
      const name = `device-cookie-${++names}`;
      await expect(
        store().transaction(async (tx) => {
          await tx.keepServerSecret(name, "rolled back", AT);
          throw new Error("refused");
        }),
      ).rejects.toThrow("refused");
      expect(await store().keepServerSecret(name, "kept", AT)).toBe("kept");
    });
  });
}
