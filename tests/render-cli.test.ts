// `npm run render` as a user runs it: files written where asked, byte-identical twice, and a config
// mistake reported on stderr with a non-zero exit and no stack trace. One render starts the command as a user
// does; the others call the same command in this process (tests/helpers/render-command.ts).
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { planStackFromTexts } from "../plan-from-config";
import { PROJECT_DIR } from "../project-dir";
import { readStackConfig } from "../render/stack-config";
import { readTree } from "../render/tree-diff";
import { renderCommand } from "../scripts/render";
import { tsCommand } from "../scripts/ts-command";
import { runCommand } from "./helpers/render-command";

/** The command as `npm run render -- ARGS` starts it: node, the swc hook, the file's bottom line, the exit. */
function spawnRender(...args: string[]) {
  const [command, argv] = tsCommand("scripts/render.ts", args);
  const run = spawnSync(command, argv, { cwd: PROJECT_DIR, encoding: "utf8" });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The same command in this process: its arguments, lines and exit code (scripts/command.ts). */
const runRender = (...args: string[]) => runCommand(renderCommand, args);

describe("npm run render", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-render-"));

  it("writes manifests, outputs and node files for a stack, byte-identical on a second run", async () => {
    const [a, b] = [path.join(tmp, "a"), path.join(tmp, "b")];
    const args = (out: string) => ["--stack", "prod", "--out", out, "--set", "replicas=4", "--set", "hostname=km.test.bank.example"];
    // A process, as a user runs it: the one test of the swc hook, the exit code node ends with, and a stderr
    // that holds nothing: the SDK reports promises left pending when a process exits 0, and turns the code
    // into 1 (@pulumi/pulumi 3.248.0 runtime/debuggable.js, its "exit" listener). The second render is made
    // anew in another process (the render server's): byte-identical across processes, not only within one.
    const runs = [spawnRender(...args(a)), await runCommand(renderCommand, args(b), { fresh: true })];
    for (const run of runs) {
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/rendered stack prod: 19 objects/);
    }
    const files = readTree(a);
    expect(Object.keys(files).sort()).toEqual([
      // the editor of the image's OB files and its plan (the prod stack's templates hold no OB files)
      "bin/ob-edit-plan.json",
      "bin/ob-edit.js",
      "bin/seed-shared.sh",
      "bin/start.sh",
      "bin/stop.sh",
      "bin/wait-for-database.sh",
      "conf/axis2/axis2.xml",
      "conf/carbon.xml",
      "conf/datasources/master-datasources.xml",
      "conf/hazelcast.properties",
      "conf/identity/application-authentication.xml",
      "conf/identity/identity.xml",
      "conf/log4j.properties",
      // the JMX exporter's rules, with metrics on (plan/monitoring/)
      "conf/obkm-jmx-exporter.yaml",
      "conf/registry.xml",
      "conf/tomcat/catalina-server.xml",
      "conf/user-mgt.xml",
      "manifests.yaml",
      "outputs.yaml",
      "resources.yaml",
    ]);
    expect(readTree(b)).toEqual(files);

    // kubectl reads it: one document per object, each with apiVersion, kind and a name.
    const docs = YAML.parseAllDocuments(files["manifests.yaml"]).map((d) => d.toJS());
    expect(docs.map((d) => `${d.kind}/${d.metadata.name}`)).toEqual([
      "Namespace/openbanking-km",
      "NetworkPolicy/obkm-km",
      "ServiceAccount/obkm-km",
      "Secret/obkm-km-credentials",
      "Secret/obkm-km-keys",
      "Secret/obkm-km-secret-files",
      "ConfigMap/obkm-apim-key-manager", // namespace openbanking-apim sorts first
      "ConfigMap/obkm-km-dashboard",
      expect.stringMatching(/^ConfigMap\/obkm-km-files-[0-9a-f]{10}$/),
      "PersistentVolumeClaim/obkm-km-shared-artifacts",
      "Certificate/obkm-km-node-tls",
      "Service/obkm-km",
      "Service/obkm-km-headless",
      "StatefulSet/obkm-km",
      "PodDisruptionBudget/obkm-km",
      "Ingress/obkm-km",
      "Ingress/obkm-km-console",
      // metrics.enabled (plan/monitoring/)
      "PodMonitor/obkm-km",
      "PrometheusRule/obkm-km",
    ]);
    // --set values are text, as `pulumi config set` takes them; the loader reads replicas as the integer it declares
    expect(docs.find((d) => d.kind === "StatefulSet").spec.replicas).toBe(4);
    expect(YAML.parse(files["outputs.yaml"])).toMatchObject({
      hostname: "km.test.bank.example",
      wellKnownMembers: expect.arrayContaining([expect.any(String)]),
    });
    // The members exported are those the nodes list, whatever the node count.
    const listed = [...files["conf/axis2/axis2.xml"].matchAll(/<hostName>([^<]+)<\/hostName>/g)].map((m) => m[1]);
    expect(listed.length).toBeGreaterThan(1);
    expect(YAML.parse(files["outputs.yaml"]).wellKnownMembers).toEqual(listed);
  });

  it("exits 1 with every config problem on stderr and no stack trace", async () => {
    // In a process, the same refusal is tests/import-file.test.ts's: the two commands end in one function.
    const run = await runRender("--out", path.join(tmp, "bad"), "--set", "replicas=0", "--set", "hostnme=km.bank.example");
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("obkm:replicas: got 0; expected an integer from 1 to 50");
    expect(run.stderr).toContain("obkm:hostnme: unknown key; did you mean hostname?");
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(tmp, "bad"))).toBe(false);
  });

  it("refuses a password the stack file holds in clear, without echoing it, and marks a --set password secret", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-clear-"));
    for (const f of ["Pulumi.yaml", "Pulumi.dev.yaml"]) fs.copyFileSync(path.join(PROJECT_DIR, f), path.join(dir, f));
    fs.appendFileSync(path.join(dir, "Pulumi.dev.yaml"), "  obkm:adminPassword: InClear1\n");
    expect(() => readStackConfig(dir, "dev")).toThrow(
      /^Pulumi.dev.yaml: obkm:adminPassword stands in clear; expected a secret \(pulumi config set --secret --path adminPassword \.\.\.\)$/,
    );
    expect(() => readStackConfig(dir, "dev")).not.toThrow(/InClear1/);
    // `pulumi config set --secret --path database.password ...` makes the whole obkm:database map a secret key.
    expect(readStackConfig(PROJECT_DIR, "dev", ["database.password=ViaSet1"]).secretKeys).toEqual(["obkm:database"]);
  });

  it("exits 1 with one line for a --set without '=' (not echoed) and an --out it cannot write to", async () => {
    const noEquals = await runRender("--out", path.join(tmp, "x"), "--set", "S3cretTypedHere");
    expect([noEquals.status, noEquals.stderr.trim()]).toEqual([
      1,
      "render: --set: an argument without '='; expected KEY=VALUE, such as replicas=3 or caching.scenario=2",
    ]);
    const file = path.join(tmp, "a-file");
    fs.writeFileSync(file, "");
    const underFile = await runRender("--out", path.join(file, "out"));
    expect(underFile.status).toBe(1);
    expect(underFile.stderr.trim()).toMatch(
      /^render: --out .*a-file\/out: cannot write the render there \(ENOTDIR\); name a directory, or a path under one$/,
    );
  });

  it.each<[string, string[], RegExp]>([
    ["an unknown flag", ["--colour", "red"], /^render: unknown option --colour; usage: npm run render -- \[--stack NAME\]/],
    ["a flag without its value", ["--set"], /^render: --set needs a value /],
  ])("exits 1 for %s, naming the flag, with no stack trace", async (_what, args, expected) => {
    const run = await runRender("--out", path.join(tmp, "table"), ...args);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(expected);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(tmp, "table"))).toBe(false);
  });

  // A config the program refuses reaches the command line as the loader's ConfigError, which the render
  // prints as it is, exit 1 and no trace: "exits 1 with every config problem" above shows that with a real
  // process. These cases need only the message, so they ask the same functions in this process.
  it.each<[string, string[], RegExp]>([
    [
      "a value YAML cannot read as a scalar",
      ["hostname=*.example.com"],
      /^ {2}- obkm:hostname: got "\*\.example\.com"; expected a fully qualified host name/m,
    ],
    [
      "a template path that is a file",
      ["configTemplates=README.md"],
      /obkm:configTemplates: .*; expected a directory laid out as the Key Manager pack's repository\/conf/,
    ],
    ["a secret the user store refuses", ["adminPassword=Sup3r Secret"], /^ {2}- obkm:adminPassword: is refused by user-mgt.xml's PasswordJavaRegEx/m],
  ])("refuses %s, naming the key, with no secret", (_what, sets, expected) => {
    let message = "";
    try {
      planStackFromTexts(readStackConfig(PROJECT_DIR, "dev", sets).config, { stack: "dev", projectDir: PROJECT_DIR });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(expected);
    expect(message).not.toContain("Sup3r");
  });

  it("exits 1 for a stack with no stack file", async () => {
    const run = await runRender("--stack", "nosuch", "--out", path.join(tmp, "nosuch"));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("no stack file Pulumi.nosuch.yaml");
  });

  it("exits 2 with a bug's stack trace at the lines of the .ts files", () => {
    // A command of its own, ended as render's is (scripts/stack-command.ts) and started as npm run starts
    // it, the swc hook loading it: what a bug in the render prints. Types first, which swc's output has no
    // lines for.
    const lines = [
      `import { runAsCli } from ${JSON.stringify(path.join(PROJECT_DIR, "scripts/command"))};`,
      `import { stackCommand } from ${JSON.stringify(path.join(PROJECT_DIR, "scripts/stack-command"))};`,
      "",
      "interface Shape {",
      "  sides: number;",
      "}",
      "",
      "function refuse(shape: Shape): number {",
      "  throw new TypeError(`no ${shape.sides}`);",
      "}",
      "",
      'const line = { name: "buggy", synopsis: "", about: "", options: {}, exits: { 0: "", 1: "", 2: "" }, refused: 1 };',
      "runAsCli(module, stackCommand(line, async () => refuse({ sides: 3 })));",
      "",
    ];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-bug-"));
    const script = path.join(dir, "buggy.ts");
    fs.writeFileSync(script, lines.join("\n"));
    const [command, argv] = tsCommand(script);
    const run = spawnSync(command, argv, { cwd: PROJECT_DIR, encoding: "utf8" });
    fs.rmSync(dir, { recursive: true, force: true });
    const at = (text: string) => `${script}:${lines.findIndex((line) => line.includes(text)) + 1}:`;
    expect(run.stderr).toContain("TypeError: no 3");
    expect(run.stderr).toContain(`at refuse (${at("throw new TypeError")}`);
    expect(run.stderr).toContain(at("refuse({ sides: 3 })"));
    expect(run.status).toBe(2);
  });
});
