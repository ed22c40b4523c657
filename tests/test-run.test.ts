// What a run of `npm test` leaves on the machine: nothing; and in its log, no line a reader must learn to ignore. Every test file and what it starts put their
// temporary files in the run's own folder (tests/helpers/global-setup.ts sets TMPDIR), which goes with the
// render server's folder after the last file (tests/helpers/global-teardown.ts).
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import globalTeardown from "./helpers/global-teardown";
import { withoutRuntimeWarnings } from "./helpers/quiet-warnings";
import { RenderServerHandle, SERVER_HANDLE } from "./helpers/render-server-env";

describe("a test run's temporary files", () => {
  it("go into the run's own folder, for this file and for the processes it starts", () => {
    const runFolder = path.dirname(fs.mkdtempSync(path.join(os.tmpdir(), "obkm-probe-")));
    expect(path.basename(runFolder)).toMatch(/^obkm-test-run-/);
    // A child process (a render, a shell script) finds the same folder through its inherited environment: a
    // process, since the environment it inherits is the subject.
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

describe("a test run's log", () => {
  it("holds no runtime warning of a render, and everything else a render writes to the console", async () => {
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const result = await withoutRuntimeWarnings(async () => {
        console.warn("warning: [runtime] obkm:replicas is 1 with obkm:highAvailability false");
        console.warn("something else went wrong");
        return 42;
      });
      expect(result).toBe(42);
      expect(warn.mock.calls).toEqual([["something else went wrong"]]);
      // Restored after the render, even one that throws.
      await expect(withoutRuntimeWarnings(() => Promise.reject(new Error("refused")))).rejects.toThrow("refused");
      console.warn("warning: [runtime] after the render");
      expect(warn.mock.calls).toHaveLength(2);
    } finally {
      warn.mockRestore();
    }
  });
});
