// The image that runs the OB files' editor (openBanking.editorImage) must be Node, of a line that still
// gets security fixes: the editor is a Node script (editor/bundle.ts builds it for node20 syntax, which
// every later line runs), and it runs in every node's start with the OB files in hand.
//
// The lines and their ends are the official image's own table, nodejs/docker-node versions.json: at commit
// f27d936f7d7ccdeec25cd2de33584c1a841f561d (2026-08-19) 22 ends 2027-04-30, 24 2028-04-30, 26 2029-04-30;
// at f97aaf33^, before the 20 images were removed, 20 ended 2026-04-30 and 25 2026-06-01. Older lines
// ended before those. A line newer than the table is taken as supported; tests/editor-image.test.ts fails
// once a line here has passed its end, so the table is brought up to date rather than a stack refused one
// day by the calendar alone.

/** Node lines still maintained, with the day each ends. */
export const MAINTAINED_NODE_LINES: Readonly<Record<number, string>> = { 22: "2027-04-30", 24: "2028-04-30", 26: "2029-04-30" };
/** Lines that have ended, as the table names them; every line below the oldest maintained one has too. */
export const ENDED_NODE_LINES: Readonly<Record<number, string>> = { 20: "2026-04-30", 25: "2026-06-01" };

const NEWEST_KNOWN = Math.max(...Object.keys(MAINTAINED_NODE_LINES).map(Number), ...Object.keys(ENDED_NODE_LINES).map(Number));

/** The image's repository name (its last path component) and tag, from a reference the image rule accepted. */
export function nameAndTag(ref: string): { name: string; tag?: string } {
  const withoutDigest = ref.split("@")[0];
  const lastComponent = withoutDigest.split("/").pop()!;
  const [name, tag] = lastComponent.split(":");
  return { name, tag };
}

/** Why the editor cannot run in this image, if it cannot. */
export function editorImageProblem(ref: string): string | undefined {
  const { name, tag } = nameAndTag(ref);
  const example = "node:24.19.0-alpine";
  if (name !== "node") return `an image of Node (its name ending in /node, such as ${example}), because the editor is a Node script`;
  const major = tag === undefined ? undefined : /^(\d+)(?:[.-]|$)/.exec(tag)?.[1];
  if (major === undefined) return `a tag that names the Node version, such as ${example} (a digest may follow it), so that its line can be checked`;
  const line = Number(major);
  if (MAINTAINED_NODE_LINES[line] || line > NEWEST_KNOWN) return undefined;
  const ended = ENDED_NODE_LINES[line];
  const lines = Object.keys(MAINTAINED_NODE_LINES).join(", ");
  return `a maintained Node line (${lines}), such as ${example}, because Node ${line} ${ended ? `reached its end of life on ${ended}` : "has reached its end of life"} and gets no security fixes`;
}
