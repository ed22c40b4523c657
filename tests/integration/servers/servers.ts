// Where the suite's own database servers are, as the globalSetup hands them to the test files (in the
// environment: jest starts its workers after the globalSetup, with process.env, @jest/core runJest and
// jest-worker ChildProcessWorker), and the clients the tests talk to them with, each bounded in time and
// naming the server when it fails.
import { spawnSync } from "child_process";
import { MARIADB_ROOT_PASSWORD } from "./mariadb";
import { POSTGRESQL_ADMIN } from "./postgresql";

export const SERVERS_ENV = "OBKM_IT_SERVERS";
/** A run's servers live in <temporary directory>/<this><random>, so that a teardown can find leftovers. */
export const DIR_PREFIX = "obkm-it-servers-";

export interface Endpoint {
  engine: "MariaDB" | "PostgreSQL";
  host: string;
  port: number;
}

export interface Servers {
  dir: string;
  mariadb: Endpoint;
  postgresql: Endpoint;
}

export function servers(): Servers {
  const json = process.env[SERVERS_ENV];
  if (!json) throw new Error(`${SERVERS_ENV} is not set: run the suite with npm run test:integration, whose globalSetup starts the servers`);
  return JSON.parse(json) as Servers;
}

export const nameOf = (e: Endpoint) => `${e.engine} at ${e.host}:${e.port}`;

/**
 * The environment that points a client at a server without a port on its command line, as the rendered
 * scripts run them: MYSQL_TCP_PORT (mariadb-corporation/mariadb-connector-c v3.3.11
 * libmariadb/mariadb_lib.c, mysql_server_init: the default port when a connection names none) and PGPORT
 * (postgres/postgres src/interfaces/libpq/fe-connect.c, PQconninfoOptions). Their connect timeouts bound a
 * server that accepts and never answers.
 */
export function clientEnv(): Record<string, string> {
  const { mariadb, postgresql } = servers();
  return { MYSQL_TCP_PORT: String(mariadb.port), PGPORT: String(postgresql.port), PGCONNECT_TIMEOUT: "5" };
}

/** Runs a client within 60 s (under the tests' 120 s); throws naming the server and what the client said. */
function client(endpoint: Endpoint, program: string, args: string[], env: Record<string, string>, input?: string): string {
  const result = spawnSync(program, args, {
    env: { PATH: process.env.PATH, ...clientEnv(), ...env },
    input,
    encoding: "utf8",
    timeout: 60000,
    killSignal: "SIGKILL",
  });
  if (result.error) throw new Error(`${nameOf(endpoint)}: ${program}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${nameOf(endpoint)}: ${program} exited ${result.status}: ${result.stderr.trim()}`);
  return result.stdout;
}

/** The mysql client over TCP to the suite's MariaDB, as `user` (root by default). */
export function mysql(args: string[], options: { user?: string; password?: string; input?: string } = {}): string {
  const { mariadb } = servers();
  return client(
    mariadb,
    "mysql",
    ["--connect-timeout=5", "-h", mariadb.host, "-u", options.user ?? "root", ...args],
    { MYSQL_PWD: options.password ?? MARIADB_ROOT_PASSWORD },
    options.input,
  );
}

/**
 * psql over TCP to the suite's PostgreSQL, as `user` (its administrator by default). The tests' own
 * clean-up drops what may not exist; PostgreSQL says so in a NOTICE, which `quiet` keeps out of the log
 * (client_min_messages, set through PGOPTIONS, which libpq sends as the connection's options).
 */
export function psql(args: string[], options: { user?: string; password?: string; input?: string; quiet?: boolean; port?: number } = {}): string {
  // Another cluster of a test's own on the same host, where `port` names it.
  const postgresql = { ...servers().postgresql, ...(options.port ? { port: options.port } : {}) };
  return client(
    postgresql,
    "psql",
    ["-h", postgresql.host, "-p", String(postgresql.port), "-U", options.user ?? POSTGRESQL_ADMIN.user, "-v", "ON_ERROR_STOP=1", ...args],
    { PGPASSWORD: options.password ?? POSTGRESQL_ADMIN.password, ...(options.quiet ? { PGOPTIONS: "-c client_min_messages=warning" } : {}) },
    options.input,
  );
}
