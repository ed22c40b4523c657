// Running the servers' own programs from the suite's set-up: each run has a deadline, since jest gives a
// globalSetup none, and as root each runs as an unprivileged user, since PostgreSQL refuses to run as root
// (postgres/postgres src/backend/main/main.c, check_root: "root" execution of the PostgreSQL
// server is not permitted).
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";

/** Who runs the servers: the developer, or `nobody` when the suite runs as root (as .ci/run does). */
export interface ServerUser {
  name: string;
  uid?: number;
  gid?: number;
}

export function serverUser(): ServerUser {
  if (process.getuid?.() !== 0) return { name: process.env.USER ?? "you" };
  const line = fs
    .readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((l) => l.startsWith("nobody:"));
  if (!line) throw new Error("no user nobody in /etc/passwd to run the database servers as (they refuse root)");
  const [, , uid, gid] = line.split(":");
  return { name: "nobody", uid: Number(uid), gid: Number(gid) };
}

/** Hands a file or directory the suite made to the servers' user. */
export function giveTo(user: ServerUser, file: string): void {
  if (user.uid !== undefined) fs.chownSync(file, user.uid, user.gid!);
}

/** The first of `names` found on PATH or in `dirs` (Debian keeps mariadbd in /usr/sbin, off a user's PATH). */
export function findProgram(names: string[], dirs: string[] = []): string | undefined {
  const searched = [...(process.env.PATH ?? "").split(":").filter(Boolean), ...dirs];
  for (const name of names) {
    for (const dir of searched) {
      const file = path.join(dir, name);
      if (fs.existsSync(file)) return file;
    }
  }
  return undefined;
}

/** Runs a program to its end within `seconds`; rejects with its output's last lines when it fails. */
export function run(program: string, args: string[], options: { user?: ServerUser; seconds: number; cwd?: string; input?: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      program,
      args,
      {
        cwd: options.cwd,
        env: { PATH: process.env.PATH ?? "/usr/bin:/bin", LC_ALL: "C" },
        uid: options.user?.uid,
        gid: options.user?.gid,
        timeout: options.seconds * 1000,
        killSignal: "SIGKILL",
        encoding: "utf8",
      },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const said = `${stdout}${stderr}`.trim().split("\n").slice(-3).join(" / ");
        const why = error.killed ? `did not finish in ${options.seconds}s` : `failed (${error.code ?? error.signal})`;
        reject(new Error(`${path.basename(program)} ${why}${said ? `: ${said}` : ""}`));
      },
    );
    // A program that exits without reading its input (a client refused a connection) closes the pipe first.
    child.stdin?.on("error", () => undefined);
    child.stdin?.end(options.input ?? "");
  });
}

/** Polls `ready` every 200 ms until it holds or `seconds` pass. */
export async function until(seconds: number, ready: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (await ready()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

/** Whether a process lives (signal 0 checks without sending anything). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, under another user.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The last lines of a server's log, on one line, for an error message. */
export function tail(file: string): string {
  if (!fs.existsSync(file)) return "(no log)";
  return fs.readFileSync(file, "utf8").trim().split("\n").slice(-3).join(" / ");
}
