// After the last test file: the render server is told to stop (its standard input closes), and its folder and
// the run's temporary folder go.
import * as fs from "fs";
import { endRunTmp } from "./run-tmp";
import { RenderServerHandle, SERVER_HANDLE } from "./render-server-env";

export default async function globalTeardown(): Promise<void> {
  const handle = (globalThis as Record<string, unknown>)[SERVER_HANDLE] as RenderServerHandle | undefined;
  if (!handle) return;
  const exited = new Promise((done) => handle.child.once("exit", done));
  handle.child.stdin?.end();
  await Promise.race([exited, new Promise((done) => setTimeout(done, 5000).unref())]);
  if (handle.child.exitCode === null) handle.child.kill("SIGKILL");
  fs.rmSync(handle.dir, { recursive: true, force: true });
  endRunTmp(handle.tmp);
}
