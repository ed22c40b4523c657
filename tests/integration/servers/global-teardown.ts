// jest's globalTeardown for the integration suite: stops the servers its globalSetup started, removes their
// directory and the run's temporary folder (jest runs it after every run that got past the globalSetup,
// failed tests or not).
import { endRunTmp } from "../../helpers/run-tmp";
import { stopServers } from "./lifecycle";
import { RUN_TMP_ENV } from "./run-tmp-env";
import { servers, SERVERS_ENV } from "./servers";

export default async function globalTeardown(): Promise<void> {
  if (process.env[SERVERS_ENV]) await stopServers(servers().dir);
  if (process.env[RUN_TMP_ENV]) endRunTmp(process.env[RUN_TMP_ENV]);
}
