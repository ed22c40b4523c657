// What the pods run, one step of the plan: the KM container's start and stop scripts, the init containers'
// seeding of the shared claim and wait for the databases, and, where the nodes edit the image's OB files at
// their start, the editor and its edit plan. They travel in the node-files ConfigMap with the node files.
import { ObkmConfig } from "../config/load";
import { databaseServers } from "./database/endpoints";
import type { DatasourceEndpoint } from "./database/datasources";
import type { DatasourceKey } from "../config/database-keys";
import { waitScript } from "./database/wait-script";
import type { NodeFile } from "./node-files";
import type { OpenBankingStart } from "./open-banking-start";
import { OB_EDIT_PLAN_PATH, OB_EDITOR_PATH, SEED_SCRIPT_PATH, START_SCRIPT_PATH, STOP_SCRIPT_PATH, WAIT_SCRIPT_PATH } from "./pod-layout";
import { seedScript } from "./seed-script";
import { InstalledFiles, KeystoreSteps, startScript } from "./start-script";
import { stopScript } from "./stop-script";

export function nodeScripts(
  config: ObkmConfig,
  endpoints: Record<DatasourceKey, DatasourceEndpoint>,
  installed: InstalledFiles,
  keySteps: KeystoreSteps,
  atStart: OpenBankingStart | undefined,
  editor: () => string,
  /** The variable of the JMX exporter's option, when metrics are on (plan/monitoring/). */
  exporterJavaOptsEnv?: string,
): NodeFile[] {
  return [
    { path: START_SCRIPT_PATH, content: startScript(installed, keySteps, exporterJavaOptsEnv) },
    { path: SEED_SCRIPT_PATH, content: seedScript() },
    { path: STOP_SCRIPT_PATH, content: stopScript(config.terminationGracePeriodSeconds) },
    { path: WAIT_SCRIPT_PATH, content: waitScript(databaseServers(endpoints), config.database.waitSeconds) },
    // The editor is bundled only when a node needs it (editor/bundle.ts: esbuild, or its cache).
    ...(atStart
      ? [
          { path: OB_EDITOR_PATH, content: editor() },
          { path: OB_EDIT_PLAN_PATH, content: `${JSON.stringify(atStart.plan, null, 2)}\n` },
        ]
      : []),
  ];
}
