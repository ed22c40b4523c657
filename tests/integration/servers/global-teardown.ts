// jest's globalTeardown for the integration suite: stops the servers its globalSetup started and removes
// their directory (jest runs it after every run that got past the globalSetup, failed tests or not).
import { stopServers } from "./lifecycle";
import { servers, SERVERS_ENV } from "./servers";

export default async function globalTeardown(): Promise<void> {
  if (process.env[SERVERS_ENV]) await stopServers(servers().dir);
}
