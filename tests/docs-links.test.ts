// The docs hang together: the front page links every page of docs/ and CONTRIBUTING.md, and every relative
// link in any of them reaches a file that exists and, where it names one, a heading in it, by the anchor
// GitHub makes of a heading: its text in lower case, every character but a word character (Ruby's \p{Word}:
// letters, marks, numbers, connector punctuation), '-' and ' ' dropped, spaces to '-', and a heading seen
// before given '-1', '-2'... (gjtorikian/html-pipeline, lib/html/pipeline/toc_filter.rb).
import * as fs from "fs";
import * as path from "path";
import { PROJECT_DIR } from "../project-dir";

const PAGES = ["README.md", "CONTRIBUTING.md", ...fs.readdirSync(path.join(PROJECT_DIR, "docs")).map((page) => `docs/${page}`)];
const read = (page: string) => fs.readFileSync(path.join(PROJECT_DIR, page), "utf8");

/** The anchors of a page's headings, outside code blocks. */
function anchors(page: string): Set<string> {
  let fenced = false;
  const found = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of read(page).split("\n")) {
    if (line.startsWith("```")) fenced = !fenced;
    const heading = !fenced && /^#{1,6} (.*)$/.exec(line);
    if (!heading) continue;
    const name = heading[1]
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, "")
      .replace(/ /g, "-");
    const times = seen.get(name) ?? 0;
    found.add(times ? `${name}-${times}` : name);
    seen.set(name, times + 1);
  }
  return found;
}

/** Every relative link of a page, outside code blocks: [text](target). */
function links(page: string): string[] {
  const text = read(page).replace(/```[\s\S]*?```/g, "");
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((target) => !/^[a-z]+:/.test(target));
}

describe("the docs", () => {
  it("are each linked from the front page", () => {
    const linked = new Set(links("README.md").map((target) => target.split("#")[0]));
    expect(PAGES.filter((page) => page !== "README.md" && !linked.has(page))).toEqual([]);
  });

  it.each(PAGES)("%s links only to files and headings that exist", (page) => {
    const broken = links(page).filter((target) => {
      const [file, anchor] = target.split("#");
      const linked = file === "" ? page : path.posix.normalize(path.posix.join(path.posix.dirname(page), file));
      if (!fs.existsSync(path.join(PROJECT_DIR, linked))) return true;
      return anchor !== undefined && linked.endsWith(".md") && !anchors(linked).has(anchor);
    });
    expect(broken).toEqual([]);
  });
});
