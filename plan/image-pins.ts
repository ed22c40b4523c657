// Every image the stack runs, by the key that names it: the one table the pin check, the docs
// (docs/operations.md, Images a bank can trust) and the tests read. The containers come from the plan's own pod
// specs, so an image no row names is found by tests/image-pins.test.ts, not missed.
//
// On a stack other than dev each must be pinned by digest: a tag is a name its registry may move to other
// content, a digest is the content (the OCI distribution spec's "digest" of a manifest; Kubernetes pulls
// name@sha256:... as that content whatever the tags say). A dev stack may run tags.
import { fullKey } from "../config/problems";
import { isDevStack } from "../config/stacks";
import type { ObkmConfig } from "../config/load";
import type { Plan } from "./index";

export interface ImageRow {
  /** The config key that names the image. */
  key: "image" | "openBanking.editorImage" | "database.driverImage" | "database.provisionImage" | "metrics.exporterImage";
  /** The containers of the plan's pods that run it. */
  containers: readonly string[];
  /** Where it runs, for the docs and the error. */
  usedBy: string;
}

export const IMAGE_ROWS: readonly ImageRow[] = [
  {
    key: "image",
    containers: ["key-manager", "seed-shared-artifacts", "wait-for-database", "copy-open-banking-files", "copy-dbscripts"],
    usedBy: "the Key Manager's nodes and their init containers, and the schema Job's copy of the pack's dbscripts",
  },
  {
    key: "openBanking.editorImage",
    containers: ["edit-open-banking-files"],
    usedBy: "the nodes' init container that edits the image's Open Banking files, when the templates do not hold them",
  },
  { key: "database.driverImage", containers: ["copy-jdbc-drivers"], usedBy: "the nodes' init container that copies the JDBC drivers, when set" },
  {
    key: "database.provisionImage",
    containers: ["database", "create-schemas"],
    usedBy: "the provisioned database (database.provision) and the schema Job's client; empty runs the official mysql or postgres image by tag",
  },
  {
    key: "metrics.exporterImage",
    containers: ["copy-jmx-exporter"],
    usedBy: "the nodes' init container that copies the JMX exporter's agent, with metrics.enabled",
  },
];

/** name@sha256: and the 64 hex digits of the content's digest, as image references write it. */
const PINNED = /@sha256:[0-9a-f]{64}$/;

export function isPinnedByDigest(image: string): boolean {
  return PINNED.test(image);
}

interface Container {
  name: string;
  image?: unknown;
}
interface PodSpec {
  initContainers?: Container[];
  containers?: Container[];
}

/** The pod spec of a workload the plan built (plain values: the manifests' Input types allow more). */
const podSpecOf = (workload: { spec?: unknown }) => (workload.spec as { template: { spec: PodSpec } }).template.spec;

/** Every pod spec the stack creates: the nodes', and the provisioned database's and its schema Job's. */
function podSpecs(plan: Plan): PodSpec[] {
  const nodes = podSpecOf(plan.statefulSet({ credentials: "", keystores: "" }));
  return [nodes, ...(plan.database ? [podSpecOf(plan.database.statefulSet), podSpecOf(plan.database.schemaJob)] : [])];
}

export interface ImageRun {
  key: ImageRow["key"] | undefined;
  container: string;
  image: string;
}

/** Each container of the stack with its image and the key that names it (undefined: a container no row names, a bug). */
export function imagesRun(plan: Plan): ImageRun[] {
  return podSpecs(plan)
    .flatMap((spec) => [...(spec.initContainers ?? []), ...(spec.containers ?? [])])
    .map((c) => ({ key: IMAGE_ROWS.find((row) => row.containers.includes(c.name))?.key, container: c.name, image: String(c.image) }));
}

/** One line per key whose image is not pinned by digest on a stack other than dev. */
export function unpinnedImageProblems(plan: Plan, config: Pick<ObkmConfig, "database">, stack: string): string[] {
  if (isDevStack(stack)) return [];
  const unpinned = imagesRun(plan).filter((run) => !isPinnedByDigest(run.image));
  const problems: string[] = [];
  // In the table's order, then any container no row names.
  const keys = [
    ...IMAGE_ROWS.map((row) => row.key).filter((key) => unpinned.some((run) => run.key === key)),
    ...(unpinned.some((run) => !run.key) ? [undefined] : []),
  ];
  for (const key of keys) {
    const runs = unpinned.filter((run) => run.key === key);
    if (key === undefined) throw new Error(`plan/image-pins.ts: no row names the containers ${runs.map((r) => r.container).join(", ")}`);
    const { image } = runs[0];
    const containers = runs.map((r) => r.container).join(", ");
    problems.push(
      `${fullKey([key])}: ${key === "database.provisionImage" && !config.database.provision?.image ? `empty, so ${image} runs` : `got ${image}`} on stack ${stack} (in ${containers}); expected an image pinned by digest (name@sha256: and 64 hex digits, such as your mirror's), because a tag may be moved to other content and only a dev stack (dev or dev-*) may run tags`,
    );
  }
  return problems;
}
