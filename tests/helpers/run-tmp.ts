// The run's own temporary folder: global set-ups point TMPDIR at it (os.tmpdir() reads TMPDIR), so that every
// test file, and every process it starts, puts its temporary files there, and what a test leaves behind goes
// with the run instead of piling up in the machine's /tmp (some sixty folders a unit run, before).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const RUN_TMP_PREFIX = "obkm-test-run-";

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

/**
 * The environment the run was started in, as a test cache keeps its results under it across runs (as the
 * render cache's key holds it, worked out before the global set-up changes TMPDIR): TMPDIR as it was before
 * it pointed at the run's own folder, which is new in every run.
 */
export function startingEnv(): NodeJS.ProcessEnv {
  const tmp = process.env.TMPDIR;
  return tmp && path.basename(tmp).startsWith(RUN_TMP_PREFIX) ? { ...process.env, TMPDIR: path.dirname(tmp) } : process.env;
}
