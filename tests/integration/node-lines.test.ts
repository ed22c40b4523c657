// The program under each Node line it supports, not only the one this suite runs on (node-lines.ts): the
// same renders byte for byte, the same start under Pulumi's runner, and the OB editor's same output under the
// Node of its default image, the Node that edits the OB files in every pod unless the bank names another.
// package.json's `engines` promises these lines, and a bank's pipeline runs whichever it has: Node 20, which
// these machines run, reached its end of life on 2026-04-30 (config/editor-image.ts).
import { spawnSync, SpawnSyncReturns } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as semver from "semver";
import { nameAndTag } from "../../config/editor-image";
import { openBankingKeys } from "../../config/open-banking-keys";
import { editorBundle } from "../../editor/bundle";
import { PROJECT_DIR } from "../../project-dir";
import { readStackConfig } from "../../render/stack-config";
import { runnerArgs, runnerEnv, runtimeOptions } from "../../scripts/pulumi-runner";
import { tsCommand } from "../../scripts/ts-command";
import { imageRepository, runEditorBundle } from "../helpers/ob-editor";
import { planOf, SOME_CREDENTIALS } from "../helpers/plan";
import { treeOf } from "./busybox";
import { CHILD_TIMEOUT_MS } from "./java";
import { nodeLines } from "./node-lines";

const LINES = nodeLines();
const SUITE_NODE = { version: process.version.slice(1), node: process.execPath };
const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8")) as { engines: { node: string } };

/** The lowest version of each range of `engines` (`^20.19.0 || ^22.13.0 || >=24`: 20.19.0, 22.13.0, 24.0.0). */
const enginesFloors = (engines: string) =>
  new semver.Range(engines).set.map((comparators) => semver.minVersion(new semver.Range(comparators.map((c) => c.value).join(" ")))!);

/** The Node version an image's tag names (node:24.19.0-alpine: 24.19.0), the tag as config/editor-image.ts reads it. */
const imageNodeVersion = (ref: string) => semver.coerce(nameAndTag(ref).tag)!.version;

describe("the Node lines the suite runs the program under", () => {
  const floors = enginesFloors(pkg.engines.node);
  const editorNode = imageNodeVersion(openBankingKeys["openBanking.editorImage"].default);

  it("cover every line package.json's engines names, with the suite's own Node, each inside engines", () => {
    expect(floors.map((floor) => floor.version)).toEqual(["20.19.0", "22.13.0", "24.0.0"]);
    const covered = new Set([SUITE_NODE, ...LINES].map(({ version }) => semver.major(version)));
    expect(floors.filter((floor) => !covered.has(floor.major)).map((floor) => floor.major)).toEqual([]);
    for (const { version } of LINES) expect(semver.satisfies(version, pkg.engines.node)).toBe(true);
  });

  it("hold the Node of the OB editor's default image, which edits the OB files unless a stack names another", () => {
    expect([SUITE_NODE, ...LINES].map(({ version }) => version)).toContain(editorNode);
  });

  it("are each the lowest release of its line that engines admits, so that code needing a later one fails, or the editor image's", () => {
    const chosen = (version: string) => version === editorNode || floors.some((floor) => floor.version === version);
    expect(LINES.filter(({ version }) => !chosen(version)).map(({ alias, version }) => `${alias} ${version}`)).toEqual([]);
  });

  it.each(LINES)("are the builds the lockfile pins: $alias runs as Node $version", ({ node, version }) => {
    expect(spawnSync(node, ["--version"], { encoding: "utf8", timeout: CHILD_TIMEOUT_MS }).stdout.trim()).toBe(`v${version}`);
  });
});

/**
 * The renders each Node makes: the prod stack as `pulumi up` creates it, every part a bank turns on, and the
 * dev stack as a new stack's preview, where what only the update knows is unknown: each stack and each of the
 * two ways once, each render some 2 CPU-seconds.
 */
const RENDERS: Record<string, string[]> = { prod: ["--stack", "prod"], "dev-preview": ["--stack", "dev", "--preview"] };
const work = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-node-lines-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** `npm run render -- ARGS` as package.json runs it, by `node` instead of the Node on the PATH. */
function render(node: string, args: string[]): SpawnSyncReturns<string> {
  const [, nodeArgs] = tsCommand("scripts/render.ts", args);
  return spawnSync(node, nodeArgs, { cwd: PROJECT_DIR, encoding: "utf8", timeout: CHILD_TIMEOUT_MS });
}

/** RENDERS by `node`, each into `dir/<its name>`; what each printed on stderr, the program's warnings. */
function renderAll(node: string, dir: string): string[] {
  return Object.entries(RENDERS).map(([name, args]) => {
    const run = render(node, [...args, "--out", path.join(dir, name)]);
    const notWarnings = run.stderr.split("\n").filter((line) => line && !line.startsWith("warning: "));
    expect({ notWarnings, status: run.status }).toEqual({ notWarnings: [], status: 0 });
    return run.stderr;
  });
}

/** The dev stack's preview under Pulumi's runner, by `node`: each registration and its source line on stdout. */
function runnerStart(node: string): SpawnSyncReturns<string> {
  const dev = readStackConfig(PROJECT_DIR, "dev", []);
  return spawnSync(node, runnerArgs(PROJECT_DIR, dev), {
    cwd: PROJECT_DIR,
    env: { ...process.env, ...runnerEnv(dev, runtimeOptions(PROJECT_DIR)), OBKM_RUNNER_LOG_POSITIONS: "1" },
    encoding: "utf8",
    timeout: CHILD_TIMEOUT_MS,
  });
}

// What the suite's own Node makes, once, for each line to be held to.
const ownRenders = path.join(work, "own");
let ownWarnings: string[];
let ownStart: SpawnSyncReturns<string>;
beforeAll(() => {
  ownWarnings = renderAll(SUITE_NODE.node, ownRenders);
  ownStart = runnerStart(SUITE_NODE.node);
});

// The editor's bundle, its plan for a prod node and the image's OB files, as the init container has them.
const bundle = path.join(work, "ob-edit.js");
fs.writeFileSync(bundle, editorBundle());
const PASSWORDS = { OBKM_SECRET_OB_PASSWORD: `o<b&"pass'word`, OBKM_SECRET_ADMIN_PASSWORD: SOME_CREDENTIALS.adminPassword };
const editPlan = (specification: string) =>
  (planOf(["keystores.signing.kid=ob-kid-2026", `openBanking.specification=${specification}`]).nodeFilesConfigMap.data as Record<string, string>)[
    "bin__ob-edit-plan.json"
  ];

describe.each(LINES)("under Node $version", ({ node, version }) => {
  it("npm run render writes each stack's files byte for byte as under the suite's Node, with the same warnings", () => {
    const dir = path.join(work, version);
    expect(renderAll(node, dir)).toEqual(ownWarnings);
    for (const name of Object.keys(RENDERS)) expect(treeOf(path.join(dir, name))).toEqual(treeOf(path.join(ownRenders, name)));
  });

  it("the program starts under Pulumi's runner as `pulumi preview` starts it: the same resources from the same lines, the same warnings", () => {
    const start = runnerStart(node);
    expect(ownStart.status).toBe(0);
    expect(ownStart.stdout).toMatch(/^position kubernetes:apps\/v1:StatefulSet file:\/\/\S+\.ts:\d+:\d+$/m);
    expect({ status: start.status, stdout: start.stdout, stderr: start.stderr }).toEqual({
      status: ownStart.status,
      stdout: ownStart.stdout,
      stderr: ownStart.stderr,
    });
  });

  it.each(["UK", "BERLIN"])("the OB editor edits the image's files as under the suite's Node (%s)", (specification) => {
    const plan = editPlan(specification);
    const repository = imageRepository();
    const own = runEditorBundle(SUITE_NODE.node, bundle, plan, repository, PASSWORDS);
    const line = runEditorBundle(node, bundle, plan, repository, PASSWORDS);
    expect({ status: own.run.status, stderr: own.run.stderr }).toEqual({ status: 0, stderr: "" });
    expect({ status: line.run.status, stdout: line.run.stdout, stderr: line.run.stderr }).toEqual({
      status: own.run.status,
      stdout: own.run.stdout,
      stderr: own.run.stderr,
    });
    expect(treeOf(line.out)).toEqual(treeOf(own.out));
    expect(own.read("conf/datasources/open-banking-datasources.xml")).toContain(`<password>o&lt;b&amp;"pass'word</password>`);
  });

  it("the OB editor refuses a missing password in the same words and with the same code", () => {
    const plan = editPlan("UK");
    const { OBKM_SECRET_ADMIN_PASSWORD } = PASSWORDS;
    const own = runEditorBundle(SUITE_NODE.node, bundle, plan, imageRepository(), { OBKM_SECRET_ADMIN_PASSWORD });
    const line = runEditorBundle(node, bundle, plan, imageRepository(), { OBKM_SECRET_ADMIN_PASSWORD });
    expect(own.run.status).not.toBe(0);
    expect(own.run.stderr).toMatch(/OBKM_SECRET_OB_PASSWORD/);
    expect({ status: line.run.status, stderr: line.run.stderr }).toEqual({ status: own.run.status, stderr: own.run.stderr });
  });
});
