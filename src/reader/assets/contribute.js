// Dispatch reader: the "Send us your question" form (contribute-view.ts), loaded only on the
// pages of a blog that takes contributions. Before each message it asks the server for a
// challenge and finds a nonce whose SHA-256 over challenge + nonce starts with the asked-for
// zero bits (Web Crypto, a batch of digests at a time), so a flood costs its sender real work
// and no third-party service is needed. The form is disabled in the page as sent and enabled
// here: without a script it cannot be sent, as its <noscript> note says. With a photo chosen
// it sends multipart (the same fields, the photo last), otherwise JSON.
(() => {
  const doc = document;
  const form = doc.querySelector("form.contribute-form");
  if (!form || !globalThis.crypto?.subtle || !globalThis.fetch) return;
  const fields = form.querySelector(".contribute-fields");
  const status = form.querySelector(".contribute-status");
  let words = {};
  try {
    words = JSON.parse(doc.getElementById("reader-messages").textContent);
  } catch {}
  const say = (key) => {
    status.textContent = words[key] || "";
  };
  const encoder = new TextEncoder();
  const zeroBits = (bytes) => {
    let bits = 0;
    for (const byte of bytes) {
      if (byte) return bits + Math.clz32(byte) - 24;
      bits += 8;
    }
    return bits;
  };
  const solve = async (challenge, difficulty) => {
    for (let start = 0; ; start += 256) {
      const nonces = Array.from({ length: 256 }, (_, i) => (start + i).toString(36));
      const hashes = await Promise.all(
        nonces.map((n) => crypto.subtle.digest("SHA-256", encoder.encode(challenge + n))),
      );
      const found = hashes.findIndex((h) => zeroBits(new Uint8Array(h)) >= difficulty);
      if (found >= 0) return nonces[found];
    }
  };
  const url = form.dataset.action;
  fields.disabled = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const body = {
      kind: data.get("kind"),
      text: data.get("text"),
      name: data.get("name"),
    };
    if (data.get("contact")) body.contact = data.get("contact");
    const photo = data.get("photo");
    const withPhoto = photo instanceof File && photo.size > 0;
    if (withPhoto && photo.size > 10 * 1024 * 1024) return say("contribute.photoRefused");
    fields.disabled = true;
    say("contribute.working");
    try {
      const got = await fetch(`${url}/challenge`, { cache: "no-store" });
      if (!got.ok) throw new Error(String(got.status));
      const { challenge, difficulty } = await got.json();
      body.challenge = challenge;
      body.nonce = await solve(challenge, difficulty);
      let sending;
      if (withPhoto) {
        sending = new FormData();
        for (const key of Object.keys(body)) sending.append(key, body[key]);
        sending.append("photo", photo);
      }
      const sent = await fetch(url, {
        method: "POST",
        ...(withPhoto ? {} : { headers: { "content-type": "application/json" } }),
        body: withPhoto ? sending : JSON.stringify(body),
      });
      if (sent.status === 429) return say("contribute.tooMany");
      if (sent.status === 413 || sent.status === 415) return say("contribute.photoRefused");
      if (!sent.ok) throw new Error(String(sent.status));
      form.reset();
      say("contribute.sent");
    } catch {
      say("contribute.failed");
    } finally {
      fields.disabled = false;
    }
  });
})();
