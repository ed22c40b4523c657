// The node files and the start script reach the pods in one ConfigMap whose name carries a hash of its
// content. A change to any file gives a new name, the StatefulSet's pod template changes with it, and the
// pods roll one at a time; pods of the old revision keep the ConfigMap they started with until they go.
import { createHash } from "crypto";
import { Names } from "./names";
import { NodeFile } from "./node-files";
import { FILES_DIR, START_SCRIPT_PATH, startScript } from "./start-script";
import { ConfigMapManifest, KeyToPath } from "./types";

/** ConfigMap keys allow no '/', so a file's path is written with '__' between its directories. */
export function configMapKey(path: string): string {
  return path.split("/").join("__");
}
export const START_SCRIPT_KEY = "start.sh";
export const NODE_FILES_LABEL = "obkm.wso2.com/node-files";

export interface NodeFilesConfigMap {
  name: string;
  manifest: ConfigMapManifest;
  /** How the volume lays the keys out under the mount directory. */
  items: KeyToPath[];
}

export function nodeFilesConfigMap(n: Names, commonLabels: Record<string, string>, files: readonly NodeFile[]): NodeFilesConfigMap {
  const data: Record<string, string> = { [START_SCRIPT_KEY]: startScript(files) };
  for (const file of files) data[configMapKey(file.path)] = file.content;
  const sorted = Object.fromEntries(Object.entries(data).sort(([a], [b]) => a.localeCompare(b)));
  const hash = createHash("sha256").update(JSON.stringify(sorted)).digest("hex").slice(0, 10);
  const name = `${n.nodeFilesConfigMap}-${hash}`;
  return {
    name,
    manifest: {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: {
        name,
        namespace: n.namespace,
        labels: { ...commonLabels, [NODE_FILES_LABEL]: "true" },
      },
      immutable: true,
      data: sorted,
    },
    items: [
      { key: START_SCRIPT_KEY, path: START_SCRIPT_PATH },
      ...files.map((f) => ({ key: configMapKey(f.path), path: `${FILES_DIR}/${f.path}` })),
    ],
  };
}
