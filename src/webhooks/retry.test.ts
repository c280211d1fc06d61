import { describe, expect, it } from "vitest";
import { retryDelayMs } from "./retry.js";
import { sign } from "./signing.js";

describe("the retry schedule", () => {
  it("grows from the first step to a two-hour ceiling, each wait drawn below its step", () => {
    const top = (n: number) => retryDelayMs(n, 5000, () => 1);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(top)).toEqual([
      5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000, 7_200_000, 7_200_000, 7_200_000,
    ]);
    // Full jitter, but never less than a tenth of the step.
    expect(retryDelayMs(2, 5000, () => 0)).toBe(3_000);
    expect(retryDelayMs(2, 5000, () => 0.5)).toBe(16_500);
  });
});

describe("signing", () => {
  it("matches the Standard Webhooks specification's example", () => {
    // The example from the specification's reference libraries.
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    const body = '{"test": 2432232314}';
    expect(sign(secret, id, 1614265330, body)).toBe(
      "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    );
  });
});
