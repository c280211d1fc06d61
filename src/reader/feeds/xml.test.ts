import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { element, escapeXml, xmlChars, xmlDocument } from "./xml.js";

describe("the XML writer", () => {
  it("escapes markup in text and attributes", () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;",
    );
    const doc = xmlDocument(element("t", { a: `"><x y='` }, `</t><t>`));
    expect(XMLValidator.validate(doc)).toBe(true);
    expect(doc).toContain(`<t a="&quot;&gt;&lt;x y=&apos;">&lt;/t&gt;&lt;t&gt;</t>`);
  });

  it("drops what XML 1.0 cannot hold and keeps the rest of Unicode", () => {
    expect(xmlChars("a\u0000b\u0001c\u000Bd\u001Fe\uFFFEf\uFFFF")).toBe("abcdef");
    expect(xmlChars("tab\tnl\ncr\r")).toBe("tab\tnl\ncr\r");
    expect(xmlChars("lone \uD800 and \uDC00 halves")).toBe("lone  and  halves");
    expect(xmlChars("pair 😀 \u2028 é")).toBe("pair 😀 \u2028 é");
  });

  it("writes empty elements short and leaves out unset attributes", () => {
    expect(element("link", { href: "https://x.example/", length: undefined }).text).toBe(
      '<link href="https://x.example/"/>',
    );
    expect(element("a", {}, element("b", {}, "x"), [undefined, "y"]).text).toBe("<a><b>x</b>y</a>");
  });
});
