// The test render cache may only give back a render made from what the tests have now: its key must cover
// every file the render loads or reads and every variable it looks up, and change when any of them does.
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_DIR } from "../project-dir";
import { importClosure, importsOf, SCANS_FILE } from "./helpers/import-graph";
import { readProjectFile, renderCacheKey, renderDependencies, UNKEYED_ENV } from "./helpers/render-cache-key";
import { TEST_CACHE_DIR } from "./helpers/test-cache";
import type { RenderTrace } from "./helpers/trace-render";

const TRACER = "tests/helpers/trace-render.ts";

describe("what a render depends on", () => {
  // One traced child renders both example stacks: a dev stack generates its keystore, a prod stack names
  // certificates and the OB layer, so between them they take every path the code has for a stack file. A
  // process of its own: the tracing must start before the first file of the render loads, which in this
  // worker (or the render server) has loaded already.
  let trace: RenderTrace;
  beforeAll(() => {
    const run = spawnSync(process.execPath, ["-r", "./scripts/ts-register.js", TRACER, "dev", "prod"], { cwd: PROJECT_DIR, encoding: "utf8" });
    if (run.status !== 0) throw new Error(`the traced render failed:\n${run.stderr}`);
    trace = JSON.parse(run.stdout) as RenderTrace;
  });

  it("the key covers every project file the render loads as code or reads as data", () => {
    const keyed = new Set(renderDependencies(PROJECT_DIR));
    // The tracer itself is not the render's own file. The stack files and the code that reads them are:
    // a render is kept under the stack's name and its --set overrides, not the config they give.
    const own = new Set([TRACER, "project-dir.ts"]);
    const missed = trace.files.filter((file) => !keyed.has(file) && !own.has(file));
    expect(missed).toEqual([]);
    // The trace saw the render at work: the plan, the templates and the editor's sources.
    expect(trace.files).toEqual(expect.arrayContaining(["plan/index.ts", "config-templates/carbon.xml", "editor/bundle.ts"]));
  });

  it("the variables left out of the key are never read by the render", () => {
    expect(trace.env.filter((name) => UNKEYED_ENV.includes(name))).toEqual([]);
    // The trace saw the SDK read its settings by name.
    expect(trace.env).toContain("PULUMI_CONFIG");
  });

  it("only built-in walks of the whole environment read every variable (they depend on none)", () => {
    expect(trace.walkers.filter((walker) => !/^at (Function|Object)\.\w+ \(<anonymous>\)$/.test(walker))).toEqual([]);
  });
});

describe("the render cache's key", () => {
  const files = renderDependencies(PROJECT_DIR);
  // Each file read once: the tests below work out a key for every file changed twice over, and each key
  // reads them all (about 1.5 CPU-s of reading the same bytes again). A key never changes what it reads.
  const contents = new Map(files.map((file) => [file, readProjectFile(PROJECT_DIR, file)]));
  const read = (file: string) => contents.get(file);
  const env = { PATH: "/usr/bin", PULUMI_CONFIG: "{}", JEST_WORKER_ID: "1" };
  const base = renderCacheKey(files, { read, env, nodeVersion: "v20.20.2" });

  it("holds the code, the editor's sources, the templates, the packages and the transform", () => {
    expect(files).toEqual(
      expect.arrayContaining([
        "render/render.ts",
        "render/stack-config.ts",
        "Pulumi.dev.yaml",
        "Pulumi.prod.yaml",
        "program.ts",
        "plan-from-config.ts",
        "project-dir.ts",
        "editor/ob-edit.ts",
        "json/edits.ts",
        "config-templates/carbon.xml",
        "Pulumi.yaml",
        "package-lock.json",
        "jest.config.js",
      ]),
    );
  });

  it("changes when any one file it depends on changes by one byte, appears or goes", () => {
    const changed = (file: string, content: (old: Buffer | undefined) => Buffer | undefined) =>
      renderCacheKey(files, { read: (f) => (f === file ? content(read(f)) : read(f)), env, nodeVersion: "v20.20.2" });
    const oneByteMore = (old: Buffer | undefined) => Buffer.concat([old ?? Buffer.alloc(0), Buffer.from(" ")]);
    expect(files.filter((file) => changed(file, oneByteMore) === base)).toEqual([]);
    expect(files.filter((file) => changed(file, (old) => (old ? undefined : Buffer.alloc(0))) === base)).toEqual([]);
    // Among them, files the bundled templates lack: the render would read them if they appeared.
    expect(files.filter((file) => read(file) === undefined)).toContain("deployment/server/jaggeryapps/consentmgt/configs/conf.json");
  });

  it("changes with the Node version and with any variable of the environment but those never read", () => {
    expect(renderCacheKey(files, { read, env, nodeVersion: "v22.11.0" })).not.toBe(base);
    expect(renderCacheKey(files, { read, env: { ...env, PULUMI_CONFIG: '{"a":1}' }, nodeVersion: "v20.20.2" })).not.toBe(base);
    expect(renderCacheKey(files, { read, env: { ...env, KUBECONFIG: "/k" }, nodeVersion: "v20.20.2" })).not.toBe(base);
    expect(renderCacheKey(files, { read, env: { ...env, JEST_WORKER_ID: "2" }, nodeVersion: "v20.20.2" })).toBe(base);
  });

  it("tells a file's name from its content: moving a byte between them changes it", () => {
    const a = renderCacheKey(["ab"], { read: () => "c", env: {}, nodeVersion: "v" });
    const b = renderCacheKey(["a"], { read: () => "bc", env: {}, nodeVersion: "v" });
    expect(a).not.toBe(b);
  });

  it("is kept in this clone, not in a folder other clones share", () => {
    expect(path.relative(PROJECT_DIR, TEST_CACHE_DIR).startsWith("..")).toBe(false);
  });
});

describe("the import graph", () => {
  const tree = (files: Record<string, string>) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-imports-"));
    for (const [file, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), content);
    }
    return dir;
  };

  it("follows imports, re-exports, type imports, lazy requires and JSON, as Node resolves them", () => {
    const dir = tree({
      "a.ts": 'import { b } from "./b";\nexport * from "./lib";\nimport type { T } from "./t";\nconst lazy = () => require("./sub/lazy");',
      "b.ts": 'import data from "./data.json";\nimport * as fs from "fs";',
      "lib/index.ts": "export const x = 1;",
      "t.ts": "export type T = 1;",
      "sub/lazy.ts": 'import "../b";',
      "data.json": "{}",
      "unused.ts": "",
    });
    const closure = importClosure([path.join(dir, "a.ts")])
      .map((f) => path.relative(dir, f))
      .sort();
    expect(closure).toEqual(["a.ts", "b.ts", "data.json", "lib/index.ts", "sub/lazy.ts", "t.ts"]);
    fs.rmSync(dir, { recursive: true });
  });

  it("keeps each text's scan as TypeScript's scanner reads it, by the text's hash", () => {
    const text = `import { b } from "./b";\nconst lazy = () => require("./c");\n// ${Date.now()} ${Math.random()}\n`;
    const dir = tree({ "a.ts": text, "b.ts": "", "c.ts": "" });
    expect(importsOf(path.join(dir, "a.ts")).map((f) => path.relative(dir, f))).toEqual(["b.ts", "c.ts"]);
    const kept = JSON.parse(fs.readFileSync(SCANS_FILE, "utf8")) as Record<string, string[]>;
    expect(kept[createHash("sha256").update(text).digest("hex")]).toEqual(["./b", "./c"]);
    expect(importsOf(path.join(dir, "a.ts")).map((f) => path.relative(dir, f))).toEqual(["b.ts", "c.ts"]);
    fs.rmSync(dir, { recursive: true });
  });

  it("refuses an import it cannot resolve rather than leave the file out of the key", () => {
    const dir = tree({ "a.ts": 'import "./gone";' });
    expect(() => importClosure([path.join(dir, "a.ts")])).toThrow("cannot resolve the import ./gone");
    fs.rmSync(dir, { recursive: true });
  });
});
