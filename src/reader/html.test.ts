import { describe, expect, it } from "vitest";
import { html, raw } from "./html.js";

describe("html template tag", () => {
  it("escapes interpolated text so a script cannot be injected", () => {
    const out = html`<p>${"<script>alert(1)</script>"}</p>`.toString();
    expect(out).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
  });

  it("escapes quotes so a value cannot leave its attribute", () => {
    const out = html`<a title="${`x" onmouseover="alert(1)`}" data-q="${"it's"}">a</a>`.toString();
    expect(out).toBe('<a title="x&quot; onmouseover=&quot;alert(1)" data-q="it&#39;s">a</a>');
  });

  it("keeps nested templates and raw renderer output as they are", () => {
    const inner = html`<em>${"a & b"}</em>`;
    expect(html`<p>${inner}${raw("<strong>ok</strong>")}</p>`.toString()).toBe(
      "<p><em>a &amp; b</em><strong>ok</strong></p>",
    );
  });

  it("joins lists and leaves out null, undefined and false", () => {
    const items = ["<a>", "b"].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}</ul>${null}${undefined}${false}${0}`.toString()).toBe(
      "<ul><li>&lt;a&gt;</li><li>b</li></ul>0",
    );
  });

  it("refuses an unquoted attribute value", () => {
    expect(() => html`<a href=${"x onclick=alert(1)"}>`).toThrow(/Quote attribute values/);
  });

  it("allows an equals sign in text content", () => {
    expect(html`<p>a = ${"b"}</p>`.toString()).toBe("<p>a = b</p>");
  });
});
