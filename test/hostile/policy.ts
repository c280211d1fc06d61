// What makes a Content-Security-Policy strict enough for a page that shows newsroom and
// reader text: scripts only from our own origin (or by nonce or hash), never inline or
// evaluated, no plugins, and no <base> that could redirect the page's own script URLs.

/** Scripts only from our own origin (or by nonce or hash), never inline or evaluated. */
export function strictPolicyProblems(policy: string | null): string[] {
  if (!policy) return ["no Content-Security-Policy"];
  const directives = new Map(
    policy
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name?.toLowerCase() ?? "", values] as const),
  );
  const problems: string[] = [];
  const scripts = directives.get("script-src") ?? directives.get("default-src");
  if (!scripts) problems.push("no script-src or default-src");
  for (const source of scripts ?? []) {
    if (!/^'(self|none|strict-dynamic|nonce-[^']+|sha(256|384|512)-[^']+)'$/.test(source)) {
      problems.push(`script source ${source}`);
    }
  }
  const objects = directives.get("object-src") ?? directives.get("default-src");
  if (objects?.join(" ") !== "'none'") problems.push("object-src is not 'none'");
  const base = directives.get("base-uri");
  if (!base && !directives.has("sandbox")) problems.push("no base-uri");
  return problems;
}
