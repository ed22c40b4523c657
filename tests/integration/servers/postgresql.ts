// A PostgreSQL server of the suite's own, in a directory of its own, on a loopback port of its own: the
// suite never touches the machine's clusters or their roles. Its administrator logs in over TCP with a
// password, as the schema job's user does on the dev stack's postgres image.
import * as fs from "fs";
import * as path from "path";
import { findProgram, giveTo, run, ServerUser, tail } from "./run";

export const POSTGRESQL_ADMIN = { user: "obkm_it_admin", password: "obkm-it-admin" };

/**
 * Debian keeps the server's programs off PATH, in /usr/lib/postgresql/<major>/bin (postgresql-common's
 * PgCommon.pm: $binroot = "/usr/lib/postgresql"); the newest major installed wins.
 */
function programDir(): string | undefined {
  const onPath = findProgram(["initdb"]);
  if (onPath) return path.dirname(onPath);
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return undefined;
  const majors = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return majors.length ? path.join(root, majors[0], "bin") : undefined;
}

const dataOf = (dir: string) => path.join(dir, "postgresql");

/**
 * `tls`: the server's certificate and key files, for a server that offers TLS (ssl = on).
 * `admin`: the bootstrap superuser initdb makes, as the postgres image makes POSTGRES_USER (a test of the
 * provisioned database starts a cluster of its own with the image's administrator). `localTrust`: the
 * socket's connections need no password, as in the postgres image, whose initdb gets no --auth-local and so
 * trusts them (postgres/postgres src/bin/initdb/initdb.c, check_authmethod_unspecified); TCP still asks one.
 */
export async function startPostgresql(
  dir: string,
  port: number,
  user: ServerUser,
  {
    admin = POSTGRESQL_ADMIN,
    localTrust = false,
    tls,
  }: { admin?: { user: string; password: string }; localTrust?: boolean; tls?: { certificateFile: string; keyFile: string } } = {},
): Promise<void> {
  const bin = programDir();
  if (!bin) throw new Error("PostgreSQL's server is not installed (run .ci/integration-setup)");
  const passwordFile = path.join(dir, "postgresql.password");
  fs.writeFileSync(passwordFile, `${admin.password}\n`, { mode: 0o600 });
  giveTo(user, passwordFile);
  await run(
    path.join(bin, "initdb"),
    [
      `--pgdata=${dataOf(dir)}`,
      `--username=${admin.user}`,
      `--pwfile=${passwordFile}`,
      // A password for every connection over TCP, as the image asks of its clients; on the socket too unless told.
      ...(localTrust ? ["--auth-local=trust", "--auth-host=scram-sha-256"] : ["--auth=scram-sha-256"]),
      "--encoding=UTF8",
      "--no-locale",
      // A throw-away cluster: no fsync of the new files.
      "--no-sync",
    ],
    { user, seconds: 60, cwd: dir },
  );
  fs.rmSync(passwordFile);
  // pg_ctl -w returns once the server accepts connections, or fails after -t seconds.
  const options = [
    // Loopback only: the suite's roles have fixed passwords.
    "-c listen_addresses=127.0.0.1",
    `-p ${port}`,
    // The socket in our own directory, not /run/postgresql, which belongs to Debian's clusters.
    `-c unix_socket_directories=${dir}`,
    "-c fsync=off",
    // TLS with the given certificate and key (the key the server's user's alone, as PostgreSQL requires).
    ...(tls ? ["-c ssl=on", `-c ssl_cert_file=${tls.certificateFile}`, `-c ssl_key_file=${tls.keyFile}`] : []),
  ].join(" ");
  await run(
    path.join(bin, "pg_ctl"),
    ["start", `--pgdata=${dataOf(dir)}`, `--log=${path.join(dir, "postgresql.log")}`, "--wait", "--timeout=30", `--options=${options}`],
    {
      user,
      seconds: 40,
      cwd: dir,
    },
  ).catch((e: Error) => {
    throw new Error(`${e.message}: ${tail(path.join(dir, "postgresql.log"))}`);
  });
}

/** Stops the cluster in `dir`, if it runs: fast, since nothing in it is worth waiting for. */
export async function stopPostgresql(dir: string, user: ServerUser): Promise<void> {
  const bin = programDir();
  if (!bin || !fs.existsSync(path.join(dataOf(dir), "postmaster.pid"))) return;
  await run(path.join(bin, "pg_ctl"), ["stop", `--pgdata=${dataOf(dir)}`, "--mode=fast", "--wait", "--timeout=30"], { user, seconds: 40, cwd: dir });
}
