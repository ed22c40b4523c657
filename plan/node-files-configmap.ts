// The node files and the scripts reach the pods in one ConfigMap whose name carries a hash of its content.
// A change to any of them gives a new name, the StatefulSet's pod template changes with it, and the pods
// roll one at a time; pods of the old revision keep the ConfigMap they started with until they go.
//
// Layout: a key is the file's path under the mount directory with '/' written as '__' (ConfigMap keys
// allow no '/'): `conf__axis2__axis2.xml` is mounted at <mount>/conf/axis2/axis2.xml, `bin__start.sh` at
// <mount>/bin/start.sh. The render writes the same layout.
import { createHash } from "crypto";
import { Recent } from "../lib/recent";
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
 * The hashes lately taken, by the whole text hashed: the tests plan hundreds of stacks whose files are mostly
 * the same, and a lookup reads the text once where SHA-256 reads it after encoding it. Bounded (lib/recent.ts).
 */
const nameHashes = new Recent<string, string>(16);

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
  const text = JSON.stringify(data);
  const hash = nameHashes.of(text, () => createHash("sha256").update(text).digest("hex").slice(0, 10));
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
