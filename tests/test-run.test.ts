// What a run of `npm test` leaves on the machine: nothing. Every test file and what it starts put their
// temporary files in the run's own folder (tests/helpers/global-setup.ts sets TMPDIR), which goes with the
// render server's folder after the last file (tests/helpers/global-teardown.ts).
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import globalTeardown from "./helpers/global-teardown";
import { RenderServerHandle, SERVER_HANDLE } from "./helpers/render-server-env";

describe("a test run's temporary files", () => {
  it("go into the run's own folder, for this file and for the processes it starts", () => {
    const runFolder = path.dirname(fs.mkdtempSync(path.join(os.tmpdir(), "obkm-probe-")));
    expect(path.basename(runFolder)).toMatch(/^obkm-test-run-/);
    // A child process (a render, a shell script) finds the same folder through its inherited environment.
    const child = execFileSync(process.execPath, ["-p", "require('os').tmpdir()"], { encoding: "utf8" });
    expect(child.trim()).toBe(runFolder);
  });

  it("are removed with the render server's folder when the run ends", async () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-teardown-"));
    const dir = fs.mkdtempSync(path.join(base, "server-"));
    const tmp = fs.mkdtempSync(path.join(base, "run-"));
    fs.mkdirSync(path.join(tmp, "obkm-left-by-a-test", "deep"), { recursive: true });
    // A stand-in for the render server: like it, cat exits when its standard input closes.
    const child = spawn("cat", [], { stdio: ["pipe", "ignore", "ignore"] });
    (globalThis as Record<string, unknown>)[SERVER_HANDLE] = { child, dir, tmp } satisfies RenderServerHandle;
    try {
      await globalTeardown();
      expect([fs.existsSync(dir), fs.existsSync(tmp)]).toEqual([false, false]);
      expect(child.exitCode).toBe(0);
    } finally {
      delete (globalThis as Record<string, unknown>)[SERVER_HANDLE];
      fs.rmSync(base, { recursive: true, force: true });
    }
  });
});
