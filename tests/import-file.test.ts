// `npm run import-file` writes the file `pulumi import --file` reads, for the objects a stack would create:
// each entry must give the URN the program registers (as pulumi/pulumi v3.248.0
// pkg/cmd/pulumi/operations/import.go parseImportFile builds it: resource.NewURN(stack, project, the parent's
// qualified type, type, logical name)), and the id the Kubernetes provider reads (namespace/name).
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ImportFile, importFileOf, importFileText, ImportSpec, kubernetesId } from "../render/import-file";
import { Rendered } from "../render/render";
import { PROJECT_DIR } from "../project-dir";
import { importFileCommand } from "../scripts/import-file";
import { render } from "./helpers/render";
import { runCommand } from "./helpers/render-command";
import { tsCommand } from "../scripts/ts-command";

const stacks: Record<string, Rendered> = {};
beforeAll(async () => {
  stacks.dev = await render();
  stacks.prod = await render([], "prod");
});

/** The URN parseImportFile gives an entry: the parents' types joined by $, then the type, then the logical name. */
function urnOf(file: ImportFile, spec: ImportSpec, stack: string): string {
  const byName = new Map(file.resources.map((r) => [r.name, r]));
  const qualified = (s: ImportSpec): string => (s.parent ? `${qualified(byName.get(s.parent)!)}$${s.type}` : s.type);
  const parentType = spec.parent ? `${qualified(byName.get(spec.parent)!)}$` : "";
  return `urn:pulumi:${stack}::obkm::${parentType}${spec.type}::${spec.logicalName ?? spec.name}`;
}

describe.each(["dev", "prod"])("the import file of the %s stack", (stack) => {
  const fileOf = () => importFileOf(stacks[stack].resources);

  it("holds every Kubernetes object the stack creates, once, with the id namespace/name the provider reads", () => {
    const file = fileOf();
    const ids = file.resources.filter((r) => r.id).map((r) => `${r.type.split(":").pop()} ${r.id}`);
    const expected = stacks[stack].objects.map((o) => `${o.kind} ${kubernetesId(o as unknown as Record<string, unknown>)}`);
    expect(ids.sort()).toEqual(expected.sort());
    expect(new Set(ids).size).toBe(ids.length);
    const namespace = file.resources.find((r) => r.type === "kubernetes:core/v1:Namespace");
    if (namespace) expect(namespace.id).not.toContain("/");
    const statefulSet = file.resources.find((r) => r.type === "kubernetes:apps/v1:StatefulSet" && r.id?.endsWith("/obkm-km"));
    expect(statefulSet?.id).toBe(stack === "prod" ? "openbanking-km/obkm-km" : "obkm-dev/obkm-km");
  });

  it("gives each entry the URN the program registers, so that pulumi up finds it in the state", () => {
    const file = fileOf();
    const registered = new Map(stacks[stack].resources.map((r) => [`${r.type}::${r.name}`, r.urn]));
    const faults = file.resources
      .map((spec) => ({ spec, urn: urnOf(file, spec, stack), expected: registered.get(`${spec.type}::${spec.logicalName ?? spec.name}`) }))
      .filter(({ urn, expected }) => urn !== expected);
    expect(faults).toEqual([]);
    // Names in the file are unique, as parseImportFile needs them to be to resolve parents.
    expect(new Set(file.resources.map((r) => r.name)).size).toBe(file.resources.length);
  });

  it("sends every object through the stack's provider, which the import creates from the program's inputs", () => {
    const file = fileOf();
    expect(file.nameTable).toEqual({ cluster: `urn:pulumi:${stack}::obkm::pulumi:providers:kubernetes::cluster` });
    expect(file.resources.filter((r) => r.id && r.provider !== "cluster")).toEqual([]);
    expect(file.providerInputs.cluster).toMatchObject({ enableSecretMutable: "true", enableConfigMapMutable: "true" });
    if (stack === "prod") {
      expect(file.providerInputs.cluster).toMatchObject({
        context: "prod-eu-west-1",
        clusterIdentifier: "arn:aws:eks:eu-west-1:111122223333:cluster/obkm-prod",
      });
    }
    // The components are created by the import, without an id; the generated passwords and keys are left to pulumi up.
    expect(file.resources.filter((r) => r.component && r.id)).toEqual([]);
    expect(file.resources.some((r) => r.component && r.type === "obkm:index:KeyManagerCluster")).toBe(true);
    expect(file.resources.filter((r) => !r.type.startsWith("kubernetes:") && !r.component)).toEqual([]);
  });

  it("holds no secret: only names, types and the provider's plain inputs", () => {
    const text = importFileText(fileOf());
    expect(text).not.toMatch(/password|PRIVATE KEY|\[redacted\]/i);
    expect(Object.values(fileOf().providerInputs.cluster).every((v) => typeof v === "string")).toBe(true);
    expect(text).toBe(importFileText(fileOf()));
  });
});

describe("npm run import-file", () => {
  it("writes the file for a stack and says how to import it", async () => {
    // In this process, through the command's own arguments and end (tests/helpers/render-command.ts).
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "obkm-import-")), "prod.json");
    const run = await runCommand(importFileCommand, ["--stack", "prod", "--out", out]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^import file of stack prod: 19 Kubernetes objects in .*; then: pulumi import --stack prod --file /);
    expect(fs.readFileSync(out, "utf8")).toBe(importFileText(importFileOf(stacks.prod.resources)));
  });

  it("refuses a stack whose config the program refuses, in one line and without a trace", () => {
    // A process, as a user runs it: the swc hook, the exit code node ends with, and stderr as the process
    // leaves it, one line and no trace, for a RunError the real SDK threw in that process. The render's config
    // refusals end in the same function (scripts/stack-command.ts), which tests/render-cli.test.ts calls in process.
    const [command, argv] = tsCommand("scripts/import-file.ts", [
      "--stack",
      "prod",
      "--set",
      "cluster.identifier=",
      "--out",
      path.join(os.tmpdir(), "obkm-never.json"),
    ]);
    const run = spawnSync(command, argv, { cwd: PROJECT_DIR, encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^import-file: obkm: the stack configuration has 1 problem:\n {2}- obkm:cluster\.identifier: empty on stack prod/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
