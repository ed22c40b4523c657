// A MariaDB server of the suite's own, in a directory of its own, on a loopback port of its own: the suite
// never touches the machine's server or its accounts. It stands in for the dev stack's MySQL 8 image, so it
// is set up as that image is: a root that logs in over TCP with a password, and latin1 as the server's
// character set (the image's --character-set-server, plan/database/provision.ts; also MariaDB's compiled
// default, which --no-defaults keeps from Debian's utf8mb4 in /etc/mysql).
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { alive, findProgram, run, ServerUser, tail, until } from "./run";

export const MARIADB_ROOT_PASSWORD = "obkm-it-root";

const SBIN = ["/usr/sbin", "/usr/local/sbin"];

export async function startMariadb(dir: string, port: number, user: ServerUser): Promise<void> {
  const installDb = findProgram(["mariadb-install-db", "mysql_install_db"]);
  const server = findProgram(["mariadbd", "mysqld"], SBIN);
  const client = findProgram(["mariadb", "mysql"]);
  if (!installDb || !server || !client) throw new Error("MariaDB is not installed (run .ci/integration-setup)");
  const data = path.join(dir, "mariadb");
  const socket = path.join(dir, "mariadb.sock");
  // "normal": a root that logs in without a password, over the socket (MariaDB/server
  // scripts/mysql_install_db.sh, --auth-root-authentication-method); the socket is in our 0700 directory.
  await run(installDb, ["--no-defaults", `--datadir=${data}`, "--auth-root-authentication-method=normal", "--skip-test-db"], {
    user,
    seconds: 60,
    cwd: dir,
  });
  const log = fs.openSync(path.join(dir, "mariadb.log"), "a");
  const child = spawn(
    server,
    [
      "--no-defaults",
      `--datadir=${data}`,
      `--socket=${socket}`,
      `--pid-file=${path.join(dir, "mariadb.pid")}`,
      `--port=${port}`,
      // Loopback only: the suite's accounts have fixed passwords.
      "--bind-address=127.0.0.1",
      // Accounts matched by address, not by what 127.0.0.1 resolves to in /etc/hosts.
      "--skip-name-resolve",
      // A throw-away server: no flush at each commit, and a small buffer pool beside two other engineers.
      "--innodb-flush-log-at-trx-commit=0",
      "--innodb-buffer-pool-size=64M",
    ],
    { cwd: dir, uid: user.uid, gid: user.gid, detached: true, stdio: ["ignore", log, log] },
  );
  fs.closeSync(log);
  let exited: string | undefined;
  child.on("exit", (code, signal) => (exited = `exited (${code ?? signal})`));
  child.unref();
  const asRoot = (sql: string) => run(client, ["--no-defaults", `--socket=${socket}`, "-uroot", "-N", "-e", sql], { seconds: 10 });
  const ready = await until(
    30,
    async () =>
      exited !== undefined ||
      (await asRoot("SELECT 1").then(
        () => true,
        () => false,
      )),
  );
  if (exited || !ready) {
    // A server that hangs before it writes its pid file would escape the clean-up, which reads that file.
    if (!exited) child.kill("SIGKILL");
    throw new Error(`mariadbd ${exited ?? "did not answer in 30s"}: ${tail(path.join(dir, "mariadb.log"))}`);
  }
  // The image's root: '%' with a password. Any root the install made for 127.0.0.1 or ::1 would match a TCP
  // connection first, without a password, so it goes.
  await asRoot(
    [
      "DROP USER IF EXISTS 'root'@'127.0.0.1', 'root'@'::1';",
      `CREATE USER 'root'@'%' IDENTIFIED BY '${MARIADB_ROOT_PASSWORD}';`,
      "GRANT ALL PRIVILEGES ON *.* TO 'root'@'%' WITH GRANT OPTION;",
    ].join(" "),
  );
}

/** Stops the server whose pid file is in `dir`: SIGTERM is mariadbd's clean shutdown. */
export async function stopMariadb(dir: string): Promise<void> {
  const pidFile = path.join(dir, "mariadb.pid");
  const pid = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, "utf8").trim()) : 0;
  // Only a process started on this directory: a leftover pid file may name a pid now reused by another.
  if (!pid || !alive(pid) || !commandLineOf(pid).includes(dir)) return;
  process.kill(pid, "SIGTERM");
  if (await until(30, async () => !alive(pid))) return;
  process.kill(pid, "SIGKILL");
  if (!(await until(5, async () => !alive(pid)))) throw new Error(`mariadbd (pid ${pid}) did not stop`);
}

function commandLineOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
  } catch {
    return "";
  }
}
