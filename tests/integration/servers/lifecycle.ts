// Starting and stopping the suite's own servers, and clearing what an interrupted run left behind. Each
// run's servers live in one directory under the temporary directory, with the pid of the jest that made it: a directory
// whose jest is gone is a leftover.
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { startMariadb, stopMariadb } from "./mariadb";
import { startPostgresql, stopPostgresql } from "./postgresql";
import { alive, giveTo, serverUser } from "./run";
import { DIR_PREFIX, Endpoint, nameOf, Servers } from "./servers";

/**
 * Where runs keep their servers: the temporary directory, unless the servers' user cannot reach it (root's
 * TMPDIR may be under /root, 0700), then /tmp, which every user can.
 */
function baseDir(): string {
  const tmp = os.tmpdir();
  if (process.getuid?.() !== 0) return tmp;
  for (let dir = tmp; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if ((fs.statSync(dir).mode & 0o001) === 0) return "/tmp";
  }
  return tmp;
}

/** Free loopback ports, held open together so the kernel cannot hand out the same one twice. */
export async function freePorts(count: number): Promise<number[]> {
  const listeners = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const server = net.createServer();
          server.once("error", reject);
          server.listen(0, "127.0.0.1", () => resolve(server));
        }),
    ),
  );
  const ports = listeners.map((l) => (l.address() as net.AddressInfo).port);
  await Promise.all(listeners.map((l) => new Promise((resolve) => l.close(resolve))));
  return ports;
}

export async function startServers(): Promise<Servers> {
  await removeLeftovers();
  const user = serverUser();
  const dir = fs.mkdtempSync(path.join(baseDir(), DIR_PREFIX));
  fs.writeFileSync(path.join(dir, "owner.pid"), `${process.pid}\n`);
  giveTo(user, dir);
  const [mariadbPort, postgresqlPort] = await freePorts(2);
  const mariadb: Endpoint = { engine: "MariaDB", host: "127.0.0.1", port: mariadbPort };
  const postgresql: Endpoint = { engine: "PostgreSQL", host: "127.0.0.1", port: postgresqlPort };
  // Both at once (about two seconds each alone), and both to the end, so that a failure of one never
  // leaves the other half-started behind the clean-up.
  const started = await Promise.allSettled([startMariadb(dir, mariadbPort, user), startPostgresql(dir, postgresqlPort, user)]);
  const failures = started.flatMap((s, i) =>
    s.status === "rejected" ? [`${nameOf([mariadb, postgresql][i])} did not start: ${s.reason?.message}`] : [],
  );
  if (failures.length) {
    await stopServers(dir).catch(() => undefined);
    throw new Error(`${failures.join("; ")} (as ${user.name})`);
  }
  return { dir, mariadb, postgresql };
}

/** Stops a run's servers and removes its directory. */
export async function stopServers(dir: string): Promise<void> {
  const user = serverUser();
  const stopped = await Promise.allSettled([stopMariadb(dir), stopPostgresql(dir, user)]);
  fs.rmSync(dir, { recursive: true, force: true });
  const failed = stopped.flatMap((s) => (s.status === "rejected" ? [s.reason?.message] : []));
  if (failed.length) throw new Error(failed.join("; "));
}

/** The directories of runs whose jest is gone (killed, or interrupted before its teardown); returns them. */
export async function removeLeftovers(): Promise<string[]> {
  const removed: string[] = [];
  for (const name of fs.readdirSync(baseDir()).filter((n) => n.startsWith(DIR_PREFIX))) {
    const dir = path.join(baseDir(), name);
    const ownerFile = path.join(dir, "owner.pid");
    if (!fs.existsSync(ownerFile)) {
      // A run between making its directory and writing its pid; or one that died there, long ago.
      if (Date.now() - fs.statSync(dir).mtimeMs < 10 * 60e3) continue;
    } else if (alive(Number(fs.readFileSync(ownerFile, "utf8").trim()))) continue;
    await stopServers(dir);
    removed.push(dir);
  }
  return removed;
}
