// Offline render: the program under the mock engine, its Kubernetes objects as manifests and its node files
// as files, secrets redacted. Deterministic: the same input gives byte-identical output.
import { NODE_FILES_LABEL, START_SCRIPT_KEY } from "../plan/node-files-configmap";
import { deploy, planStack } from "../program";
import { K8sObject, manifestsYaml, sortObjects, toYaml } from "./manifests";
import { MockRunInput, RegisteredResource, runUnderMocks } from "./mock-engine";
import { redactAll } from "./redact";

export interface Rendered {
  objects: K8sObject[];
  /** Path (relative to the output directory) to content: manifests.yaml, outputs.yaml and conf/... */
  files: Record<string, string>;
  resources: RegisteredResource[];
}

function isKubernetesObject(r: RegisteredResource): boolean {
  return r.custom && r.type.startsWith("kubernetes:") && typeof r.inputs.kind === "string";
}

/** The node files as mounted: `conf/<path under repository/conf>`, and the start script beside them. */
function nodeFiles(objects: K8sObject[]): Record<string, string> {
  const files: Record<string, string> = {};
  for (const o of objects) {
    const labels = (o.metadata as { labels?: Record<string, string> }).labels ?? {};
    if (labels[NODE_FILES_LABEL] !== "true") continue;
    const entries = { ...(o.data as Record<string, string>), ...(o.stringData as Record<string, string>) };
    for (const [key, content] of Object.entries(entries)) {
      files[key === START_SCRIPT_KEY ? START_SCRIPT_KEY : `conf/${key.split("__").join("/")}`] = content;
    }
  }
  return files;
}

export async function renderStack(input: MockRunInput): Promise<Rendered> {
  const { resources, result } = await runUnderMocks(input, () => deploy(planStack()));
  const objects = sortObjects(
    redactAll(
      resources.filter(isKubernetesObject).map((r) => r.inputs as K8sObject),
      (o) => o.kind === "Secret",
    ),
  );
  const [outputs] = redactAll([result.outputs as unknown as Record<string, unknown>], () => false);
  return {
    objects,
    resources,
    files: {
      "manifests.yaml": manifestsYaml(objects),
      "outputs.yaml": toYaml(outputs),
      ...nodeFiles(objects),
    },
  };
}
