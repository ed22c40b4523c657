// The node flags of the project's commands (scripts/ts-command.ts NODE_FLAGS): one list, which every npm
// script that starts the project's TypeScript and the scripts that start one another carry, and not the
// program under Pulumi's runner (Pulumi.yaml's nodeargs, as the language host passes them), which they make
// dearer; and V8 does with them what the list says.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_DIR } from "../project-dir";
import { runnerArgs, runtimeOptions } from "../scripts/pulumi-runner";
import { NODE_FLAGS, tsCommand } from "../scripts/ts-command";
import { projectCopy } from "./helpers/project-copy";

const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8"));
const STACK = { project: "obkm", stack: "dev", config: {}, secretKeys: [] };

describe("the node flags of the project's processes", () => {
  it("are in every npm script that runs the project's TypeScript, before the swc hook", () => {
    const typeScriptScripts = Object.entries(pkg.scripts as Record<string, string>).filter(([, line]) => line.includes("ts-register"));
    expect(typeScriptScripts.length).toBeGreaterThan(0);
    for (const [name, line] of typeScriptScripts) {
      expect([name, line.split(" -r ")[0]]).toEqual([name, ["node", ...NODE_FLAGS].join(" ")]);
    }
  });

  it("start the commands the scripts start (tsCommand)", () => {
    const [command, args] = tsCommand("scripts/render.ts", ["--stack", "dev"]);
    expect(command).toBe(process.execPath);
    expect(args.slice(0, NODE_FLAGS.length + 1)).toEqual([...NODE_FLAGS, "-r"]);
  });

  it("are not given to the program under Pulumi's runner: Pulumi.yaml has no nodeargs, and the runner's node gets none", () => {
    expect(runtimeOptions(PROJECT_DIR).nodeargs).toEqual([]);
    expect(runnerArgs(PROJECT_DIR, STACK)[0]).toBe("-r");
  });

  it("would reach the runner's node before the runner's script, from Pulumi.yaml's nodeargs", () => {
    const dir = projectCopy("obkm-nodeargs-", ["Pulumi.yaml", "pulumi-main.js"]);
    const yaml = fs
      .readFileSync(path.join(dir, "Pulumi.yaml"), "utf8")
      .replace("    typescript: false\n", "    typescript: false\n    nodeargs: --max-opt=1\n");
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), yaml);
    const args = runnerArgs(dir, STACK);
    expect(args[0]).toBe("--max-opt=1");
    expect(args.findIndex((a) => a.includes(`${path.sep}cmd${path.sep}run`))).toBeGreaterThan(1);
  });

  it("are read from Pulumi.yaml as main.go splits nodeargs, and a value the port cannot split is refused", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-nodeargs-"));
    const write = (options: string) => fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: p\nruntime:\n  name: nodejs\n  options:\n${options}`);
    write("    nodeargs: '  --max-opt=1   --stack-size=2000 '\n");
    expect(runtimeOptions(dir).nodeargs).toEqual(["--max-opt=1", "--stack-size=2000"]);
    write("    typescript: false\n");
    expect(runtimeOptions(dir)).toEqual({ typescript: false, nodeargs: [] });
    write(`    nodeargs: "--title='a b'"\n`);
    expect(() => runtimeOptions(dir)).toThrow(/nodeargs: --title='a b': quotes and backslashes are not ported/);
  });

  it("keep V8 from optimizing a hot function, which it does without them", () => {
    // %GetOptimizationStatus's bit 1 << 4 is kOptimized, set for code of any optimizing tier (v8
    // src/runtime/runtime.h enum class OptimizationStatus, in every V8 since Maglev's tier was added beside it).
    const probe =
      "function f(x) { return x + 1 } %PrepareFunctionForOptimization(f); f(1); f(2); %OptimizeFunctionOnNextCall(f); f(3);" +
      "process.stdout.write((%GetOptimizationStatus(f) & 16) ? 'optimized' : 'not optimized')";
    const run = (flags: readonly string[]) => execFileSync(process.execPath, [...flags, "--allow-natives-syntax", "-e", probe], { encoding: "utf8" });
    expect(run([])).toBe("optimized");
    expect(run(NODE_FLAGS)).toBe("not optimized");
  });
});
