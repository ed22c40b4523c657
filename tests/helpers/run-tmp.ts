// The run's own temporary folder: global set-ups point TMPDIR at it (os.tmpdir() reads TMPDIR), so that every
// test file, and every process it starts, puts its temporary files there, and what a test leaves behind goes
// with the run instead of piling up in the machine's /tmp (some sixty folders a unit run, before).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** How the run's folder's name starts (a test cache keys by the TMPDIR the run was started in: component-schema-cache.ts). */
export const RUN_TMP_PREFIX = "obkm-test-run-";

/** Makes the run's folder and points TMPDIR at it, for the jest workers that start after the global set-up. */
export function startRunTmp(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), RUN_TMP_PREFIX));
  // What /tmp is: writable by all, sticky. The integration suite runs its servers' tools as nobody.
  fs.chmodSync(dir, 0o1777);
  process.env.TMPDIR = dir;
  return dir;
}

export function endRunTmp(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
