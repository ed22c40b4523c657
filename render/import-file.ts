// The file `pulumi import --file` reads to adopt the Kubernetes objects a stack would create, when they exist
// already (an earlier Helm release of the same objects): every object under the name, parent and provider the
// program gives it, so that the next `pulumi up` finds it in the state and updates it instead of failing to
// create it. Made from the plan's names as the mock run registers them: nothing here reads a cluster.
//
// The format is pulumi/pulumi v3.248.0 pkg/cmd/pulumi/operations/import.go (importFile, importSpec):
// resources[] of type, name, id, parent (another entry's name), provider (a nameTable name), component (a
// component resource, created without an id), logicalName (the resource's own name where `name` must
// differ to be unique in the file); nameTable of name to URN; providerInputs, an explicit provider's inputs,
// with which the import creates a provider not yet in the state (pkg/resource/deploy/import.go:298, 459).
// A Kubernetes object's id is "namespace/name", or the name alone for a cluster-wide kind
// (pulumi-kubernetes provider/pkg/provider/util.go parseFqName, which Read applies to the id, provider.go:1964).
import type { RegisteredResource } from "./mock-engine";

export interface ImportSpec {
  type: string;
  name: string;
  logicalName?: string;
  id?: string;
  parent?: string;
  provider?: string;
  component?: true;
}

export interface ImportFile {
  nameTable: Record<string, string>;
  providerInputs: Record<string, Record<string, unknown>>;
  resources: ImportSpec[];
}

const STACK_TYPE = "pulumi:pulumi:Stack";
const isProvider = (r: RegisteredResource) => r.type.startsWith("pulumi:providers:");
const isKubernetesObject = (r: RegisteredResource) => r.custom && r.type.startsWith("kubernetes:") && typeof r.inputs.kind === "string";

/** The object's id as the Kubernetes provider reads it: namespace/name, or the name of a cluster-wide object. */
export function kubernetesId(inputs: Record<string, unknown>): string {
  const metadata = (inputs.metadata ?? {}) as { name?: unknown; namespace?: unknown };
  if (typeof metadata.name !== "string") throw new Error(`import-file: an object of kind ${String(inputs.kind)} has no name in the plan`);
  return typeof metadata.namespace === "string" && metadata.namespace ? `${metadata.namespace}/${metadata.name}` : metadata.name;
}

/** Only plain values of a provider's inputs (text, flags): no secret is ever among them. */
function plainInputs(inputs: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(inputs)
      .filter(([, v]) => typeof v === "string" || typeof v === "boolean")
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/**
 * The import file of the Kubernetes objects among `resources` (a mock run's), with the components above
 * them and the provider they go through. Other resources (the generated passwords and keys) are left to
 * `pulumi up`, which creates them.
 */
export function importFileOf(resources: RegisteredResource[]): ImportFile {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const objects = resources.filter(isKubernetesObject);
  // The components above the objects, up to the stack.
  const components = new Set<RegisteredResource>();
  const parentOf = (r: RegisteredResource) => (r.parent ? byUrn.get(r.parent) : undefined);
  for (const o of objects) {
    for (let p = parentOf(o); p && p.type !== STACK_TYPE; p = parentOf(p)) components.add(p);
  }
  const providerUrns = [...new Set(objects.map((o) => o.provider?.split("::").slice(0, -1).join("::")).filter((u): u is string => !!u))];
  const providers = providerUrns.map((urn) => {
    const provider = byUrn.get(urn);
    if (!provider || !isProvider(provider)) throw new Error(`import-file: the provider ${urn} was not registered`);
    return provider;
  });
  const entries = [...providers, ...components, ...objects];
  // Each entry's name in the file: its own, or its own with its type where two share one.
  const counts = new Map<string, number>();
  for (const r of entries) counts.set(r.name, (counts.get(r.name) ?? 0) + 1);
  const fileName = new Map(entries.map((r) => [r.urn, counts.get(r.name)! > 1 ? `${r.name}-${r.type.split(":").pop()}` : r.name]));
  const specOf = (r: RegisteredResource, rest: Partial<ImportSpec>): ImportSpec => {
    const name = fileName.get(r.urn)!;
    const parent = parentOf(r);
    return {
      type: r.type,
      name,
      ...(name !== r.name ? { logicalName: r.name } : {}),
      ...(parent && parent.type !== STACK_TYPE ? { parent: fileName.get(parent.urn)! } : {}),
      ...rest,
    };
  };
  const providerName = (o: RegisteredResource) => fileName.get(o.provider!.split("::").slice(0, -1).join("::"))!;
  return {
    nameTable: Object.fromEntries(providers.map((p) => [fileName.get(p.urn)!, p.urn])),
    providerInputs: Object.fromEntries(providers.map((p) => [fileName.get(p.urn)!, plainInputs(p.inputs)])),
    resources: [
      ...[...components].map((c) => specOf(c, { component: true })),
      ...objects.map((o) => specOf(o, { id: kubernetesId(o.inputs), ...(o.provider ? { provider: providerName(o) } : {}) })),
    ],
  };
}

/** The file as `pulumi import --file` reads it: JSON, four spaces, a newline at the end (as the CLI writes one). */
export function importFileText(file: ImportFile): string {
  return `${JSON.stringify(file, null, 4)}\n`;
}
