import { describe, expect, it } from "vitest";
import { acceptsGzip, preferredEncoding } from "./encoding.js";

describe("preferredEncoding", () => {
  it("answers brotli to browsers, gzip to clients without it, the plain bytes otherwise", () => {
    expect(preferredEncoding("gzip, deflate, br, zstd")).toBe("br");
    expect(preferredEncoding("br")).toBe("br");
    expect(preferredEncoding("gzip, deflate")).toBe("gzip");
    expect(preferredEncoding("br;q=0.5, gzip")).toBe("gzip");
    expect(preferredEncoding("br;q=0, gzip;q=0.2")).toBe("gzip");
    expect(preferredEncoding("gzip;q=0, *")).toBe("identity");
    expect(preferredEncoding("*")).toBe("gzip");
    expect(preferredEncoding("identity")).toBe("identity");
    expect(preferredEncoding(undefined)).toBe("identity");
    expect(acceptsGzip("br")).toBe(false);
    expect(acceptsGzip("x-gzip")).toBe(true);
  });
});
