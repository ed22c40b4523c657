// What a render depends on, and the key of the test render cache made from it. A cached render may be used
// only while nothing it was made from has changed: the project's code the render loads (the import graph
// from render/render.ts, and from the OB editor's source that esbuild bundles into the node files), the
// code and files that turn a stack and its --set overrides into the render's input (render/stack-config.ts,
// Pulumi.yaml, the stack files: the cache keeps a render under the stack and overrides it was asked for),
// the data it reads (the bundled templates), the packages (the lockfile), the transform that compiles the
// TypeScript, the Node version and the environment. tests/render-cache.test.ts renders in a
// traced child process and checks that this list covers every file the render loads or reads and every
// variable it looks up.
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { EDITOR_ENTRY } from "../../editor/bundle";
import { APIM_SECRET_FILES } from "../../plan/apim-files";
import { KM_TEMPLATE_FILES, OPTIONAL_KM_TEMPLATE_FILES } from "../../plan/templates";
import { BUNDLED_APIM_TEMPLATES, BUNDLED_TEMPLATES } from "../../xml/templates";
import { importClosure } from "./import-graph";
import { FILE_CPU_ENV, PROPERTY_RUNS_ENV, RENDER_CACHE_ENV, RENDER_SERVER_ENV, VALIDATIONS_ENV } from "./render-server-env";

/**
 * Where the graph of code starts: what reads a stack's config into the render's input, what a render
 * requires, and what the editor's bundle is built from.
 */
export function renderEntryPoints(projectDir: string): string[] {
  return [path.join(projectDir, "render", "stack-config.ts"), path.join(projectDir, "render", "render.ts"), EDITOR_ENTRY];
}

/** The stack files (Pulumi.<stack>.yaml): a render is kept under its stack's name, not its content. */
function stackFiles(projectDir: string): string[] {
  return fs
    .readdirSync(projectDir)
    .filter((name) => /^Pulumi\..+\.yaml$/.test(name))
    .map((name) => path.join(projectDir, name));
}

/**
 * Files and folders a render reads as data, or that decide how its code runs. The template files the plan
 * asks for are named one by one as well, since some lie outside config-templates/ (the consent apps'
 * conf.json, beside it) and the optional ones are read only where they exist: a file that appears there
 * changes the render as much as one that changes.
 */
export function renderDataPaths(projectDir: string): string[] {
  return [
    BUNDLED_TEMPLATES,
    ...[...KM_TEMPLATE_FILES, ...OPTIONAL_KM_TEMPLATE_FILES].map((file) => path.resolve(BUNDLED_TEMPLATES, file)),
    BUNDLED_APIM_TEMPLATES,
    ...APIM_SECRET_FILES.map((file) => path.resolve(BUNDLED_APIM_TEMPLATES, file)),
    path.join(projectDir, "Pulumi.yaml"),
    ...stackFiles(projectDir),
    path.join(projectDir, "package-lock.json"),
    // How jest compiles the code it loads (the swc transform), and how the scripts do.
    path.join(projectDir, "jest.config.js"),
    path.join(projectDir, "scripts", "ts-register.js"),
  ];
}

/**
 * Variables that the render never reads (the trace test holds that) and that differ between the processes
 * of one test run, or between two ways of starting the same run (the shell's own bookkeeping: `_` is the
 * command it ran, SHLVL how deep it is, OLDPWD where it was): left out of the key, so that jest's workers,
 * and `npx jest` after `time npx jest`, share their renders. Every other variable is in it, whether the
 * render reads it or not: a key may hold more than a render depends on, never less. The property run's soak
 * size (PROPERTY_RUNS_ENV) is left out too: a longer soak renders nothing differently; so is the file the
 * tests' CPU figures go to (FILE_CPU_ENV, read by tests/helpers/file-cpu.ts and by the render server as it exits), which a measurement names
 * afresh for each run and so made every kept render, verdict, schema and page miss.
 */
export const UNKEYED_ENV = [
  "JEST_WORKER_ID",
  RENDER_SERVER_ENV,
  RENDER_CACHE_ENV,
  VALIDATIONS_ENV,
  PROPERTY_RUNS_ENV,
  FILE_CPU_ENV,
  "_",
  "SHLVL",
  "OLDPWD",
];

/** The files under a folder, or the path itself: a file, or one the render looks for and may not find. */
function filesUnder(entry: string): string[] {
  if (!fs.existsSync(entry) || !fs.statSync(entry).isDirectory()) return [entry];
  return fs.readdirSync(entry).flatMap((child) => filesUnder(path.join(entry, child)));
}

/** Every file a render of this project depends on, relative to it, `/`-separated and sorted; some may not exist. */
export function renderDependencies(projectDir: string): string[] {
  const files = [...importClosure(renderEntryPoints(projectDir)), ...renderDataPaths(projectDir).flatMap(filesUnder)];
  return [...new Set(files.map((file) => path.relative(projectDir, file).split(path.sep).join("/")))].sort();
}

export interface KeyInputs {
  /** The content of a project file, by its relative path; undefined where there is none. */
  read: (file: string) => Buffer | string | undefined;
  env: NodeJS.ProcessEnv;
  nodeVersion: string;
}

/** The key of everything in `files` and the environment: any change of any of them changes it. */
export function renderCacheKey(files: readonly string[], inputs: KeyInputs): string {
  const hash = createHash("sha256");
  const field = (...parts: Array<Buffer | string>) => {
    for (const part of parts)
      hash
        .update(String(Buffer.byteLength(part)))
        .update(":")
        .update(part);
  };
  field("node", inputs.nodeVersion);
  for (const file of files) {
    const content = inputs.read(file);
    if (content === undefined) field("absent", file);
    else field("file", file, content);
  }
  for (const name of Object.keys(inputs.env).sort()) {
    if (!UNKEYED_ENV.includes(name)) field("env", name, inputs.env[name] ?? "");
  }
  return hash.digest("hex").slice(0, 32);
}

/** The content of a project file as the key reads it: undefined where no file is. */
export function readProjectFile(projectDir: string, file: string): Buffer | undefined {
  const full = path.join(projectDir, file);
  return fs.existsSync(full) && fs.statSync(full).isFile() ? fs.readFileSync(full) : undefined;
}
