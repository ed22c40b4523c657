// The node files and the scripts reach the pods in one ConfigMap whose name carries a hash of its content.
// A change to any of them gives a new name, the StatefulSet's pod template changes with it, and the pods
// roll one at a time; pods of the old revision keep the ConfigMap they started with until they go.
//
// Layout: a key is the file's path under the mount directory with '/' written as '__' (ConfigMap keys
// allow no '/'): `conf__axis2__axis2.xml` is mounted at <mount>/conf/axis2/axis2.xml, `bin__start.sh` at
// <mount>/bin/start.sh. The render writes the same layout.
import { createHash } from "crypto";
import { Names } from "./names";
import { NodeFile } from "./node-files";
import { ConfigMapManifest, KeyToPath } from "./types";
import { CONF_DIR } from "./pod-layout";

export const NODE_FILES_LABEL = "obkm.wso2.com/node-files";

export interface MountedFile {
  /** Path under the mount directory. */
  path: string;
  content: string;
}

export const configMapKey = (mountPath: string) => mountPath.split("/").join("__");
export const mountPathOfKey = (key: string) => key.split("__").join("/");

export interface NodeFilesConfigMap {
  name: string;
  manifest: ConfigMapManifest;
  items: KeyToPath[];
}

/**
 * The hashes lately taken, with every key and text of the data they hash, in order: the tests plan hundreds of
 * stacks whose files are mostly the very texts the plan before had (xml/kept-edits.ts), which compare equal at
 * once, and a text built afresh compares in a pass, where writing the JSON and hashing it take four.
 */
const recentHashes: Array<{ entries: readonly string[]; hash: string }> = [];
const HASHES_KEPT = 16;

function contentHash(data: Record<string, string>): string {
  const entries = Object.entries(data).flat();
  const known = recentHashes.find((r) => r.entries.length === entries.length && r.entries.every((text, i) => text === entries[i]));
  if (known) return known.hash;
  const hash = createHash("sha256").update(JSON.stringify(data)).digest("hex").slice(0, 10);
  recentHashes.unshift({ entries, hash });
  recentHashes.length = Math.min(recentHashes.length, HASHES_KEPT);
  return hash;
}

export function nodeFilesConfigMap(
  n: Names,
  commonLabels: Record<string, string>,
  nodeFiles: readonly NodeFile[],
  scripts: readonly MountedFile[],
): NodeFilesConfigMap {
  const mounted = [...scripts, ...nodeFiles.map((f) => ({ path: `${CONF_DIR}/${f.path}`, content: f.content }))].sort((a, b) =>
    a.path.localeCompare(b.path),
  );
  const data = Object.fromEntries(mounted.map((f) => [configMapKey(f.path), f.content]));
  const hash = contentHash(data);
  const name = `${n.nodeFilesConfigMap}-${hash}`;
  return {
    name,
    manifest: {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name, namespace: n.namespace, labels: { ...commonLabels, [NODE_FILES_LABEL]: "true" } },
      immutable: true,
      data,
    },
    items: mounted.map((f) => ({ key: configMapKey(f.path), path: f.path })),
  };
}
