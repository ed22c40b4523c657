// The pull-request comment of the render-diff job: one section per stack, always written, so that a render
// that fails replaces the last comment with the failure instead of leaving an old diff up as if current.
// A pull-request comment holds 65536 characters; each stack's diff is cut to its share, and says so.

export type StackDiff =
  { stack: string; outcome: "unchanged" } | { stack: string; outcome: "changed"; diff: string } | { stack: string; outcome: "failed"; error: string };

/** What the comment may hold in all: GitHub's limit, less room for the headings and notes. */
const COMMENT_BUDGET = 60000;

function fence(text: string): string {
  // A fence longer than any run of backticks inside, so the diff cannot close it early.
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return "`".repeat(longest + 1);
}

/** Cuts at a line end within `limit` characters. */
function cut(text: string, limit: number): { shown: string; cutAt?: number } {
  if (text.length <= limit) return { shown: text };
  const end = text.lastIndexOf("\n", limit);
  const shown = text.slice(0, end > 0 ? end + 1 : limit);
  return { shown, cutAt: shown.length };
}

export function diffComment(diffs: StackDiff[], budget = COMMENT_BUDGET): string {
  const share = Math.floor(budget / Math.max(1, diffs.length));
  const sections = diffs.map((d) => {
    if (d.outcome === "unchanged") return `**${d.stack}**: no change.`;
    if (d.outcome === "failed") {
      const { shown } = cut(d.error.trim(), share);
      const f = fence(shown);
      return [
        `**${d.stack}**: :x: the render failed, so this pull request's change to ${d.stack} is not shown. The render said:`,
        "",
        f,
        shown,
        f,
      ].join("\n");
    }
    const files = (d.diff.match(/^\+\+\+ /gm) ?? []).length;
    const { shown, cutAt } = cut(d.diff, share);
    const f = fence(shown);
    return [
      `<details><summary><b>${d.stack}</b>: ${files} file${files === 1 ? "" : "s"} change${cutAt ? ` (cut: ${cutAt} of ${d.diff.length} characters shown)` : ""}</summary>`,
      "",
      `${f}diff`,
      shown.endsWith("\n") ? shown.slice(0, -1) : shown,
      f,
      ...(cutAt ? ["", `The diff was cut to fit the comment; \`npm run diff -- --stack ${d.stack}\` shows all of it.`] : []),
      "</details>",
    ].join("\n");
  });
  return ["### Render diff (manifests and node files, secrets redacted)", "", sections.join("\n\n"), ""].join("\n");
}
