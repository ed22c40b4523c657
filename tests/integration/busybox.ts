// BusyBox (Debian's busybox package, which .ci/integration-setup installs): the shell and the tools WSO2's
// Alpine images give the start script. wso2/docker-open-banking 1.4.x dockerfiles/alpine/obkm/Dockerfile
// builds the KM on adoptopenjdk/openjdk8:jdk8u292-b10-alpine and adds only bash and netcat-openbsd, so its
// /bin/sh, awk, sed, tr, base64, find, mktemp and the rest are BusyBox applets; its Ubuntu image runs dash and
// GNU's tools, which the suite's other runs use (Debian's). Alpine's own build of BusyBox was not read here;
// Debian's 1.35 leaves out some features a build may have (its awk has no math library, for one), so what
// passes here asks no more of BusyBox than that build offers.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CHILD_TIMEOUT_MS } from "./java";

/** Debian's busybox binary. */
export const BUSYBOX = "/usr/bin/busybox";

/**
 * A directory holding a link to BusyBox for each of its applets, as Alpine's /bin and /usr/bin hold them, and
 * to each of `tools` (a name to a program of Debian's, such as bash) over the applet of that name: the whole
 * PATH of a script run as an Alpine image runs it, so that a tool the image lacks is missing, not found among
 * Debian's.
 */
export function busyboxBin(tools: Record<string, string> = {}): string {
  if (!fs.existsSync(BUSYBOX)) throw new Error(`${BUSYBOX} is not installed (.ci/integration-setup installs busybox)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-busybox-"));
  const applets = execFileSync(BUSYBOX, ["--list"], { encoding: "utf8", timeout: CHILD_TIMEOUT_MS }).split("\n").filter(Boolean);
  for (const applet of applets) if (!(applet in tools)) fs.symlinkSync(BUSYBOX, path.join(dir, applet));
  for (const [name, program] of Object.entries(tools)) {
    if (!fs.existsSync(program)) throw new Error(`${program} is not installed (.ci/integration-setup installs it)`);
    fs.symlinkSync(program, path.join(dir, name));
  }
  return dir;
}

/** Runs a shell script with BusyBox's sh and its applets alone on the PATH; its stdout. */
export const BUSYBOX_SH = (bin: string, script: string, env: Record<string, string>) =>
  execFileSync(path.join(bin, "sh"), ["-c", script], { env: { PATH: bin, ...env }, encoding: "utf8", stdio: "pipe", timeout: CHILD_TIMEOUT_MS });

/**
 * Every entry under a directory by its path relative to it, for comparing what two shells made: a file's
 * mode and text, a directory's mode; `root`, where given, written ROOT in the texts (the pods' own paths).
 */
export function treeOf(dir: string, root?: string): Record<string, string> {
  return Object.fromEntries(
    (fs.readdirSync(dir, { recursive: true }) as string[]).sort().map((entry) => {
      const full = path.join(dir, entry);
      const stat = fs.statSync(full);
      const text = stat.isDirectory() ? "dir" : fs.readFileSync(full, "latin1");
      return [entry, `${(stat.mode & 0o7777).toString(8)} ${root ? text.split(root).join("ROOT") : text}`];
    }),
  );
}
