// The render-diff comment a reviewer reads on a pull request: what changed per stack, a failure said as a
// failure (never an old diff left standing), and a cut diff that says it was cut.
import { diffComment } from "../render/diff-comment";
import { diffCommentCommand } from "../scripts/diff-comment";
import { runCommand } from "./helpers/render-command";

const fileDiff = (name: string, lines: number) =>
  [`--- base/${name}`, `+++ head/${name}`, "@@ -1 +1 @@", ...Array.from({ length: lines }, (_, i) => `+line ${i}`), ""].join("\n");

describe("the render-diff comment", () => {
  it("says which stacks did not change and shows the diff of those that did, in a diff block", () => {
    const comment = diffComment([
      { stack: "dev", outcome: "unchanged" },
      { stack: "prod", outcome: "changed", diff: fileDiff("manifests.yaml", 2) + fileDiff("conf/carbon.xml", 1) },
    ]);
    expect(comment).toContain("**dev**: no change.");
    expect(comment).toContain("<b>prod</b>: 2 files change</summary>");
    expect(comment).toContain("```diff\n--- base/manifests.yaml");
    expect(comment).not.toContain("cut");
  });

  it("says a render failed, with what the render said, instead of leaving the last diff up", () => {
    const comment = diffComment([
      {
        stack: "prod",
        outcome: "failed",
        error: "diff: rendering the working tree failed:\nrender: Stack 'prod' is missing configuration value 'apim.hostname'\n",
      },
    ]);
    expect(comment).toContain("**prod**: :x: the render failed");
    expect(comment).toContain("Stack 'prod' is missing configuration value 'apim.hostname'");
    expect(comment).not.toContain("<details>");
  });

  it("cuts a long diff at a line end to fit the comment, and says how much it shows and how to see the rest", () => {
    const long = fileDiff("manifests.yaml", 5000);
    const comment = diffComment([{ stack: "dev", outcome: "changed", diff: long }], 20000);
    expect(comment.length).toBeLessThan(21000);
    expect(comment).toMatch(new RegExp(`\\(cut: \\d+ of ${long.length} characters shown\\)`));
    expect(comment).toContain("`npm run diff -- --stack dev` shows all of it");
    const block = comment.slice(comment.indexOf("```diff\n") + 8, comment.lastIndexOf("\n```"));
    expect(block.split("\n").every((line) => /^(\+line \d+|--- .*|\+\+\+ .*|@@ .*)$/.test(line))).toBe(true);
  });

  it("keeps a diff holding backticks inside its block", () => {
    const comment = diffComment([{ stack: "dev", outcome: "changed", diff: "+++ head/README\n+```yaml\n" }]);
    expect(comment).toContain("````diff\n");
    expect(comment).toMatch(/\n````\n<\/details>/);
  });
});

describe("npm run diff-comment", () => {
  it("exits 1 with one line, writing nothing, when --base or --out is missing", async () => {
    // In this process, through the command's own arguments and end (tests/helpers/render-command.ts).
    for (const [args, missing] of [
      [["--out", "comment.md"], "--base"],
      [["--base", "HEAD"], "--out"],
    ] as const) {
      expect(await runCommand(diffCommentCommand, [...args])).toEqual({
        status: 1,
        stdout: "",
        stderr: `diff-comment: ${missing} is required; usage: npm run diff-comment -- --base REF --out FILE [--stack NAME ...]\n`,
      });
    }
  });
});
