// Before any test file runs: the render server (render-server.ts), whose socket every jest worker finds in
// RENDER_SERVER_ENV, the run's folders of cached renders and of validateObjects' verdicts, in
// RENDER_CACHE_ENV and VALIDATIONS_ENV, and the run's temporary folder, in TMPDIR. Workers start after this
// and inherit the environment: jest-worker's ChildProcessWorker forks them with
// `env: {...process.env, JEST_WORKER_ID, ...}`.
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_DIR } from "../../project-dir";
import { keyedValidationsDir } from "./k8s-validate-cache";
import { keyedRendersDir } from "./render-cache";
import { startRunTmp } from "./run-tmp";
import { RENDER_CACHE_ENV, RENDER_SERVER_ENV, RenderServerHandle, SERVER_HANDLE, VALIDATIONS_ENV } from "./render-server-env";

export default async function globalSetup(): Promise<void> {
  // Keyed by this process's environment, which the render server inherits below and renders in.
  process.env[RENDER_CACHE_ENV] = keyedRendersDir(PROJECT_DIR);
  process.env[VALIDATIONS_ENV] = keyedValidationsDir();
  // A private folder (mkdtemp makes it 0700) with a short path: a Unix socket's path has at most 107 bytes.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-render-"));
  const socket = path.join(dir, "render.sock");
  // A render makes short-lived garbage by the megabyte (the SDK's outputs, protobuf structs, YAML): young
  // semi-spaces of 32 MB instead of V8's 16 (node 20's default; --max-semi-space-size=16 measured the same)
  // took a render in this warm process from 88-92 to 77-85 ms CPU (2026-12-03, load 1.4-3.8).
  const child = spawn(process.execPath, ["--max-semi-space-size=32", "-r", "./scripts/ts-register.js", "tests/helpers/render-server.ts", socket], {
    cwd: PROJECT_DIR,
    stdio: ["pipe", "pipe", "inherit"],
  });
  await new Promise<void>((ready, failed) => {
    const timer = setTimeout(() => failed(new Error("the render server did not start within 30 s")), 30000);
    child.stdout.once("data", () => {
      clearTimeout(timer);
      ready();
    });
    child.once("exit", (code) => failed(new Error(`the render server exited with ${code} before it was ready`)));
  });
  process.env[RENDER_SERVER_ENV] = socket;
  // Set after the render server started: it renders, and keeps its mock TLS keys, in the environment its
  // cache's key was worked out in above.
  const tmp = startRunTmp();
  (globalThis as Record<string, unknown>)[SERVER_HANDLE] = { child, dir, tmp } satisfies RenderServerHandle;
}
