// jest's globalSetup for the integration suite: starts its own MariaDB and PostgreSQL, then asks each once,
// over TCP with a 5 s connect timeout, where it listens. A server that cannot start or answer stops the whole
// run here, in seconds, with one line naming it; no test file runs against a missing server.
import { startRunTmp } from "../../helpers/run-tmp";
import { startServers, stopServers } from "./lifecycle";
import { RUN_TMP_ENV } from "./run-tmp-env";
import { mysql, nameOf, psql, SERVERS_ENV } from "./servers";

export default async function globalSetup(): Promise<void> {
  const since = Date.now();
  try {
    const started = await startServers();
    process.env[SERVERS_ENV] = JSON.stringify(started);
    try {
      // Each server says what it binds to: loopback only, since the suite's accounts have fixed passwords.
      const mariadbBinds = mysql(["-N", "-e", "SELECT @@bind_address"]).trim();
      if (mariadbBinds !== "127.0.0.1") throw new Error(`${nameOf(started.mariadb)} binds ${mariadbBinds}, not 127.0.0.1 only`);
      const postgresqlBinds = psql(["-d", "postgres", "-tAc", "SHOW listen_addresses"]).trim();
      if (postgresqlBinds !== "127.0.0.1") throw new Error(`${nameOf(started.postgresql)} listens on ${postgresqlBinds}, not 127.0.0.1 only`);
    } catch (e) {
      await stopServers(started.dir).catch(() => undefined);
      throw e;
    }
    // Once the servers answer (they keep the temporary folder they started with): the run's own one for the
    // test files (tests/helpers/run-tmp.ts), which global-teardown.ts removes.
    process.env[RUN_TMP_ENV] = startRunTmp();
    const seconds = ((Date.now() - since) / 1000).toFixed(1);
    process.stdout.write(`\nintegration: ${nameOf(started.mariadb)} and ${nameOf(started.postgresql)} in ${started.dir}, started in ${seconds}s\n`);
  } catch (e) {
    // One line: jest prints a globalSetup's error with its stack, which here says nothing more.
    const error = new Error(`integration: ${(e as Error).message}`);
    error.stack = error.message;
    throw error;
  }
}
