// Offline render: the program under the mock engine, its Kubernetes objects as manifests and its node files
// as files, secrets redacted. Deterministic: the same input gives byte-identical output.
import { mountPathOfKey, NODE_FILES_LABEL } from "../plan/node-files-configmap";
import { APIM_FILES_LABEL } from "../plan/apim-files";
import { deploy, planStack } from "../program";
import { K8sObject, manifestsYaml, sortObjects, toYaml } from "./manifests";
import { isUnknown } from "@pulumi/pulumi";
import { MockRunInput, RegisteredResource, runUnderMocks } from "./mock-engine";
import type { ClusterProviderArgs } from "../plan/cluster-provider";
import { deleteFirstOn } from "./provider-replacements";
import * as pulumi from "@pulumi/pulumi";
import { configKeys, KeySpec, keyNames } from "../config/keys";
import { ConfigError, fullKey } from "../config/problems";
import { readConfig } from "../config/read";
import { LeakError, REDACTED, redactAll, secretOfForm, Treatment, UNKNOWN_IN_PREVIEW } from "./redact";

export interface Rendered {
  objects: K8sObject[];
  /** Path (relative to the output directory) to content: manifests.yaml, outputs.yaml and conf/... */
  files: Record<string, string>;
  resources: RegisteredResource[];
}

function isKubernetesObject(r: RegisteredResource): boolean {
  return r.custom && r.type.startsWith("kubernetes:") && typeof r.inputs.kind === "string";
}

const labelled = (o: K8sObject, label: string) => ((o.metadata as { labels?: Record<string, string> }).labels ?? {})[label] === "true";
const hasNodeFiles = (o: K8sObject) => labelled(o, NODE_FILES_LABEL);
/** The API Manager's files: rendered under apim/, as its pod mounts them under repository/. */
const hasApimFiles = (o: K8sObject) => labelled(o, APIM_FILES_LABEL);

/** The node files and scripts as the pods mount them: `conf/<path under repository/conf>`, `bin/<script>`. */
function nodeFiles(objects: K8sObject[]): Record<string, string> {
  const files: Record<string, string> = {};
  for (const o of objects) {
    if (!hasNodeFiles(o) && !hasApimFiles(o)) continue;
    const entries = { ...(o.data as Record<string, string>), ...(o.stringData as Record<string, string>) };
    for (const [key, content] of Object.entries(entries)) {
      files[`${hasApimFiles(o) ? "apim/" : ""}${mountPathOfKey(key)}`] = content;
    }
  }
  return files;
}

/** Type and name of a resource's parent, from its URN (urn:pulumi:<stack>::<project>::<parent$type>::<name>). */
function parentOf(urn: string | undefined): string | undefined {
  if (!urn) return undefined;
  const [, , qualifiedType, name] = urn.split("::");
  return `${qualifiedType.split("$").pop()}::${name}`;
}

/** The provider's options as the program registered them (a provider's inputs may arrive as JSON text). */
function providerArgsOf(resources: RegisteredResource[]): ClusterProviderArgs {
  const inputs = resources.find((r) => r.type === "pulumi:providers:kubernetes")?.inputs ?? {};
  const flag = (value: unknown) => value === true || value === "true";
  return { enableSecretMutable: flag(inputs.enableSecretMutable), enableConfigMapMutable: flag(inputs.enableConfigMapMutable) };
}

/**
 * One entry per Pulumi resource with the options that guard data, so that a reviewer sees in a diff when a
 * guard is lifted (a claim losing `protect`, say), which provider creates it, and for a Kubernetes object the
 * fields whose change the provider carries out by deleting it and creating it again.
 */
function resourcesYaml(resources: RegisteredResource[]): string {
  const provider = providerArgsOf(resources);
  const entries = resources
    .map((r) => ({
      type: r.type,
      name: r.name,
      ...(r.parent ? { parent: parentOf(r.parent) } : {}),
      ...(r.provider ? { provider: parentOf(r.provider.split("::").slice(0, -1).join("::")) } : {}),
      ...(isKubernetesObject(r) ? { deleteFirstOn: deleteFirstOn(r.inputs, provider) } : {}),
      // Which cluster the stack deploys to, so that a review sees a change of it.
      ...(r.type === "pulumi:providers:kubernetes"
        ? {
            cluster: {
              context: r.inputs.context ?? "(the kubeconfig's current context)",
              ...(r.inputs.kubeconfig ? { kubeconfig: r.inputs.kubeconfig } : {}),
              // The provider, and every object with it, is replaced when this changes (render/provider-config-diff.ts).
              identifier: r.inputs.clusterIdentifier ?? "(none: a change of cluster may be an update)",
            },
          }
        : {}),
      protect: r.options.protect,
      retainOnDelete: r.options.retainOnDelete,
      deleteBeforeReplace: r.options.deleteBeforeReplace,
      replaceOnChanges: r.options.replaceOnChanges,
      ignoreChanges: r.options.ignoreChanges,
      ...(r.options.customTimeouts ? { customTimeouts: r.options.customTimeouts } : {}),
      ...(r.options.replacementTrigger !== undefined ? { replacementTrigger: r.options.replacementTrigger } : {}),
    }))
    .sort((a, b) => `${a.parent ?? ""}/${a.type}/${a.name}`.localeCompare(`${b.parent ?? ""}/${b.type}/${b.name}`));
  return toYaml(entries);
}

/** The value with every unknown in it (a preview's, pulumi.isUnknown) replaced by UNKNOWN_IN_PREVIEW. */
function markUnknowns(value: unknown): unknown {
  if (isUnknown(value)) return UNKNOWN_IN_PREVIEW;
  if (Array.isArray(value)) return value.map(markUnknowns);
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, markUnknowns(v)]));
  }
  return value;
}

/**
 * A secret the stack's config supplies that equals ordinary text of the render (a password such as
 * "wso2carbon.jks", which the files name anyway) cannot be hidden there, and guessing it takes no more than
 * reading the product's files: refused as a weak secret, naming its key, never as a bug with a trace. The
 * value is not shown.
 */
function redactedOrRefused<T>(input: MockRunInput, objects: T[], treatmentOf: (o: T) => Treatment): T[] {
  try {
    return redactAll(objects, treatmentOf);
  } catch (error) {
    if (!(error instanceof LeakError)) throw error;
    const supplied = readConfig(input.config).input;
    const key = keyNames.find((k) => {
      const value = supplied[k];
      return (configKeys as Record<string, KeySpec>)[k].secret && typeof value === "string" && secretOfForm(error.secret, [value]) !== undefined;
    });
    if (!key) throw error;
    const problem = `${fullKey([key])}: is a value that also stands as ordinary text of the stack's files (in ${error.where}); expected a secret that appears nowhere else, because one equal to text of the product's own files is a weak secret that the render cannot hide`;
    throw new pulumi.RunError(`obkm: ${new ConfigError([problem]).message}`);
  }
}

export async function renderStack(input: MockRunInput): Promise<Rendered> {
  const run = await runUnderMocks(input, () => deploy(planStack()));
  const { result } = run;
  const resources = input.preview ? run.resources.map((r) => ({ ...r, inputs: markUnknowns(r.inputs) as Record<string, unknown> })) : run.resources;
  // The Secret of the node files that hold passwords is shown as the plan renders it with the marker in
  // each password's place; the rest of those files stays as the nodes get it.
  const shownSecretFiles = result.plan.secretFilesShown(REDACTED);
  const shownApimFiles = result.plan.apiManagerFiles?.shown(REDACTED) ?? {};
  const objects = sortObjects(
    redactedOrRefused(input, [...resources.filter(isKubernetesObject).map((r) => r.inputs as K8sObject)], (o) =>
      o.kind !== "Secret"
        ? "plain"
        : hasNodeFiles(o)
          ? { readableSecret: shownSecretFiles }
          : hasApimFiles(o)
            ? { readableSecret: shownApimFiles }
            : "secret",
    ),
  );
  const [outputs] = redactedOrRefused(input, [result.outputs as unknown as Record<string, unknown>], () => "plain");
  return {
    objects,
    resources,
    files: {
      "manifests.yaml": manifestsYaml(objects),
      "outputs.yaml": toYaml(outputs),
      "resources.yaml": resourcesYaml(resources),
      ...nodeFiles(objects),
    },
  };
}
