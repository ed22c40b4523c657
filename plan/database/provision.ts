// A dev cluster's own database (database.provision): the official MySQL or PostgreSQL image with
// generated credentials and a claim, and a Job that creates the KM's schemas from the scripts inside the KM
// image itself (<KM_HOME>/dbscripts), once, before the first KM node starts. Production points at an
// external HA database instead.
import { DATABASE_LAYOUTS, DatasourceKey } from "../../config/database-keys";
import type { Specification } from "../../config/open-banking-keys";
import { DEFAULT_PORTS, ObkmConfig } from "../../config/load";
import { Names } from "../names";
import { ConfigMapManifest, EnvVar, JobManifest, ServiceManifest, StatefulSetManifest } from "../types";
import { containerSecurityContextAs, pullSecrets } from "../pod-security";
import { containerPort, servicePort } from "../ports";
import {
  applicationUserOf,
  applicationUsers,
  ensureUsersShell,
  initScript,
  MAINTENANCE_DATABASE,
  moveToAdministratorScript,
  POSTGRESQL_ADMIN,
} from "./postgresql-users";

type Provisionable = "mysql" | "postgresql";

interface ProvisionEngine {
  image: string;
  portName: string;
  /** The image's own database user id; it runs as that user, not as root. */
  uid: number;
  dataPath: string;
  env(n: Names, config: ObkmConfig): EnvVar[];
  args: string[];
  /** The server's flag that sets its max_connections. */
  maxConnectionsArgs: (n: number) => string[];
  /**
   * What the image runs on the server's first start: the layout's other databases for the KM's user (MySQL,
   * whose image makes the user), or the KM's users and their databases (PostgreSQL). `mode` 0555 for a script
   * the image must execute rather than source.
   */
  initFile: { name: string; content(config: ObkmConfig): string; mode?: number };
  /** Scripts an operator may need, kept beside the others in the init ConfigMap. */
  extraScripts?: (config: ObkmConfig) => Record<string, string>;
  /** The KM pack's script for the registry and user manager tables, and the prefix of the others. */
  script: string;
  /**
   * The schema job's environment: the server, its administrator, and the passwords, which the clients read
   * from the environment, never from an argument that ps would show.
   */
  jobEnv(n: Names, config: ObkmConfig): EnvVar[];
  /** Shell lines the schema job runs once the server answers, before it touches a database. */
  preflight(n: Names): string[];
  /**
   * Shell lines that create each database of the layout for its user unless it exists, as the administrator:
   * the init script runs only on an empty data directory, so a database a layout adds later (database.layout
   * changed on an existing dev database) would otherwise never be created.
   */
  ensureDatabases(config: ObkmConfig): string[];
  /** A shell command that exits 0 when the table exists in the database. */
  tableExists(database: string, table: string): string;
  /** Runs a pack script in a datasource's database, so that its tables are the KM's user's to use. */
  runScript(config: ObkmConfig, key: DatasourceKey, file: string): string;
  ping: string;
}

const secretEnv = (name: string, n: Names, key: string): EnvVar => ({ name, valueFrom: { secretKeyRef: { name: n.credentials, key } } });
/** Each PostgreSQL user's password, for the init script and the schema job. */
const userPasswordEnv = (n: Names, config: ObkmConfig): EnvVar[] => applicationUsers(config).map((u) => secretEnv(u.passwordEnv, n, u.passwordKey));

/** MySQL: the layout's first datasource, the database and user the image creates itself; the init SQL adds the others. */
const primaryKey = (config: ObkmConfig): DatasourceKey => config.database.inUse[0];
const primary = (config: ObkmConfig) => config.database.datasources[primaryKey(config)];
const others = (config: ObkmConfig) => config.database.inUse.filter((d) => d !== primaryKey(config));

const PROVISION_ENGINES: Record<Provisionable, ProvisionEngine> = {
  mysql: {
    image: "mysql:8.0.40",
    portName: "mysql",
    uid: 999,
    dataPath: "/var/lib/mysql",
    env: (n, config) => [
      secretEnv("MYSQL_ROOT_PASSWORD", n, "database-root-password"),
      { name: "MYSQL_USER", value: primary(config).username },
      secretEnv("MYSQL_PASSWORD", n, `${primaryKey(config)}-password`),
      { name: "MYSQL_DATABASE", value: primary(config).database },
    ],
    // The KM 1.4 era Connector/J 5.1 speaks only mysql_native_password, not MySQL 8's default.
    args: ["--default-authentication-plugin=mysql_native_password", "--character-set-server=latin1"],
    // mysqld's option for the max_connections system variable.
    maxConnectionsArgs: (max) => [`--max-connections=${max}`],
    initFile: {
      name: "create-databases.sql",
      content: (config) =>
        others(config)
          .map((d) => {
            const ds = config.database.datasources[d];
            return `CREATE DATABASE IF NOT EXISTS \`${ds.database}\`;\nGRANT ALL PRIVILEGES ON \`${ds.database}\`.* TO '${ds.username}'@'%';`;
          })
          .join("\n") + "\n",
    },
    script: "mysql.sql",
    // root, whose password the clients read from MYSQL_PWD; the KM's user has every right on its databases.
    jobEnv: (n) => [{ name: "DB_HOST", value: n.databaseServiceDnsName }, secretEnv("MYSQL_PWD", n, "database-root-password")],
    preflight: () => [],
    ensureDatabases: (config) =>
      config.database.inUse.map((key) => {
        const { database: db, username: user } = config.database.datasources[key];
        return `mysql -h "$DB_HOST" -uroot -e "CREATE DATABASE IF NOT EXISTS \\\`${db}\\\`; GRANT ALL PRIVILEGES ON \\\`${db}\\\`.* TO '${user}'@'%';"`;
      }),
    tableExists: (db, table) =>
      `[ "$(mysql -h "$DB_HOST" -uroot -N -e "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema='${db}' AND table_name='${table}'")" = 1 ]`,
    runScript: (config, key, file) => `mysql -h "$DB_HOST" -uroot "${config.database.datasources[key].database}" < "${file}"`,
    ping: 'mysqladmin -h "$DB_HOST" -uroot ping >/dev/null 2>&1',
  },
  postgresql: {
    image: "postgres:16.6",
    portName: "postgresql",
    uid: 999,
    dataPath: "/var/lib/postgresql/data",
    // The image's superuser is an administrator of its own (postgresql-users.ts); POSTGRES_DB names the
    // database initdb made, so the image creates none, and the init script creates the KM's, each owned by
    // its user (16/bookworm/docker-entrypoint.sh at 32b6fcdda7f5, docker_setup_db: CREATE DATABASE only when
    // POSTGRES_DB does not exist).
    env: (n, config) => [
      { name: "POSTGRES_USER", value: POSTGRESQL_ADMIN },
      secretEnv("POSTGRES_PASSWORD", n, "database-root-password"),
      { name: "POSTGRES_DB", value: MAINTENANCE_DATABASE },
      // A sub-directory, so a volume's lost+found does not stop initdb.
      { name: "PGDATA", value: "/var/lib/postgresql/data/pgdata" },
      ...userPasswordEnv(n, config),
    ],
    args: [],
    // The image's entrypoint passes its arguments on to postgres, which sets a parameter with -c.
    maxConnectionsArgs: (max) => ["-c", `max_connections=${max}`],
    initFile: { name: "create-users.sh", content: initScript, mode: 0o555 },
    // Not mounted: an operator runs it by hand (docs/design.md, "A dev stack's own database").
    extraScripts: (config) => ({ "move-to-administrator.sh": moveToAdministratorScript(config) }),
    script: "postgresql.sql",
    jobEnv: (n, config) => [
      { name: "DB_HOST", value: n.databaseServiceDnsName },
      { name: "DB_ADMIN", value: POSTGRESQL_ADMIN },
      // How long the job waits for an administrator that cannot log in yet (preflight): within the 10 minutes
      // `pulumi up` waits for a Job to complete when it sets no customTimeouts (pulumi-kubernetes
      // provider/pkg/await/job.go DefaultJobTimeoutMins), so the update shows the job's line, not a timeout.
      { name: "ADMIN_WAIT_SECONDS", value: "300" },
      // The administrator's, for every psql that names no other.
      secretEnv("PGPASSWORD", n, "database-root-password"),
      ...userPasswordEnv(n, config),
    ],
    // A server made by an earlier release has the KM's user as its superuser and no administrator: say so
    // before anything else fails on it.
    // A server made by an earlier release has the KM's user as its superuser and no administrator: the job
    // says so and waits a while, so that the operator can move it (postgresql-users.ts) while pulumi up waits.
    preflight: (n) => [
      "waited=0",
      `until said="$(psql -h "$DB_HOST" -U "$DB_ADMIN" -d ${MAINTENANCE_DATABASE} -tAc 'SELECT 1' 2>&1)"; do`,
      '  echo "obkm: $said" >&2',
      `  echo "obkm: cannot log in as the database's administrator $DB_ADMIN with the password in the Secret ${n.credentials} (database-root-password). A PostgreSQL provisioned by an earlier release of obkm has the KM's user as its superuser and no administrator: run move-to-administrator.sh of the ConfigMap ${n.database}-init in the pod ${n.database}-0 (docs/design.md, \\"A dev stack's own database\\"); waited $waited of $ADMIN_WAIT_SECONDS s" >&2`,
      '  if [ "$waited" -ge "$ADMIN_WAIT_SECONDS" ]; then exit 1; fi',
      "  sleep 10; waited=$((waited + 10))",
      "done",
    ],
    ensureDatabases: (config) => ensureUsersShell(config, 'psql -v ON_ERROR_STOP=1 -h "$DB_HOST" -U "$DB_ADMIN"'),
    tableExists: (db, table) =>
      `[ "$(psql -h "$DB_HOST" -U "$DB_ADMIN" -d "${db}" -tAc "SELECT COUNT(*) FROM information_schema.tables WHERE lower(table_name)=lower('${table}')")" = 1 ]`,
    // As the datasource's own user, so that it owns the tables it is to use: the pack's scripts are plain DDL
    // an owner may run (wso2/carbon-kernel distribution/kernel/carbon-home/dbscripts/postgresql.sql).
    runScript: (config, key, file) => {
      const user = applicationUserOf(config, key);
      return `PGPASSWORD="$${user.passwordEnv}" psql -h "$DB_HOST" -U '${user.username}' -d '${config.database.datasources[key].database}' -v ON_ERROR_STOP=1 -q -f "${file}"`;
    },
    ping: 'pg_isready -h "$DB_HOST" -U "$DB_ADMIN" >/dev/null 2>&1',
  },
};

function engineOf(config: ObkmConfig): ProvisionEngine {
  return PROVISION_ENGINES[config.database.type as Provisionable];
}

/**
 * The OB database's script and a table it creates, per specification. The directories are the OB 1.4.0
 * pack's (wso2/puppet-open-banking 1.4.x modules/obkm/manifests/params.pp $sqlfile_list); the tables are
 * those WSO2's 1.4 chart creates from them (wso2/kubernetes-open-banking 1.4.x
 * databases/mysql-ob/values.yaml). The AU toolkit keeps its consents in the UK tables: WSO2's AU upgrade
 * guide runs dbscripts/finance/openbanking.org.uk/ against the OB database.
 */
const OB_SCHEMAS: Record<Specification, { dir: string; marker: string }> = {
  UK: { dir: "finance/openbanking.org.uk", marker: "UK_ACCOUNT_INITIATION" },
  BERLIN: { dir: "finance/berlin-group.org", marker: "BG_ACCOUNT_INITIALIZATION" },
  AU: { dir: "finance/openbanking.org.uk", marker: "UK_ACCOUNT_INITIATION" },
};

interface SchemaScripts {
  scripts: Array<{ file: string; optional?: boolean }>;
  /** A table that exists once the scripts have run. */
  marker: string;
}

/**
 * The KM pack's scripts per database of the layout (paths under <KM_HOME>/dbscripts, as WSO2's OB 1.4.0
 * Puppet module lists them: wso2/puppet-open-banking 1.4.x modules/obkm/manifests/params.pp $sqlfile_list).
 * The root script holds both the user store's and the registry's tables, so a database that holds either
 * (or both, as the OB layout's common database does) runs it once.
 */
function schemaScripts(config: ObkmConfig): Array<[DatasourceKey, SchemaScripts]> {
  const s = engineOf(config).script;
  const layout = DATABASE_LAYOUTS[config.database.layout];
  const scriptsOf = (key: DatasourceKey): SchemaScripts => {
    if (key === "am") {
      return {
        scripts: [
          { file: `identity/${s}` },
          { file: `identity/uma/${s}`, optional: true },
          { file: `consent/${s}`, optional: true },
          { file: `apimgt/${s}` },
        ],
        marker: "IDN_OAUTH_CONSUMER_APPS",
      };
    }
    if (key === "ob") {
      const ob = OB_SCHEMAS[config.openBanking.specification];
      return { scripts: [{ file: `${ob.dir}/${s}` }], marker: ob.marker };
    }
    return { scripts: [{ file: s }], marker: key === layout.userStore ? "UM_USER" : "REG_RESOURCE" };
  };
  return config.database.inUse.map((key) => [key, scriptsOf(key)]);
}

const SCRIPTS_DIR = "/dbscripts";

function schemaJobScript(config: ObkmConfig, n: Names): string {
  const engine = engineOf(config);
  const lines = [
    "#!/bin/sh",
    "# Rendered by obkm: creates the KM's schemas in the provisioned database from the pack's own dbscripts,",
    "# once: a database that already has its tables is left alone.",
    "set -eu",
    "waited=0",
    `until ${engine.ping}; do`,
    '  if [ "$waited" -ge 600 ]; then echo "obkm: the database did not answer in 600s" >&2; exit 1; fi',
    '  echo "obkm: waiting for the database ($waited s)"; sleep 5; waited=$((waited + 5))',
    "done",
    ...engine.preflight(n),
    ...engine.ensureDatabases(config),
  ];
  for (const [key, { scripts, marker }] of schemaScripts(config)) {
    const db = config.database.datasources[key].database;
    lines.push(`if ${engine.tableExists(db, marker)}; then`, `  echo "obkm: ${db} has its tables already"`, "else");
    for (const { file, optional } of scripts) {
      const path = `${SCRIPTS_DIR}/${file}`;
      if (optional)
        lines.push(`  if [ -f "${path}" ]; then ${engine.runScript(config, key, path)}; else echo "obkm: no ${file} in this pack; skipped"; fi`);
      else
        lines.push(
          `  [ -f "${path}" ] || { echo "obkm: the pack has no dbscripts/${file}" >&2; exit 1; }`,
          `  ${engine.runScript(config, key, path)}`,
        );
    }
    lines.push(`  echo "obkm: created the tables of ${db}"`, "fi");
  }
  lines.push("");
  return lines.join("\n");
}

export interface ProvisionedDatabase {
  initConfigMap: ConfigMapManifest;
  service: ServiceManifest;
  statefulSet: StatefulSetManifest;
  schemaJob: JobManifest;
  /** Labels of the database pods, which the KM's NetworkPolicy lets the nodes reach. */
  podLabels: Record<string, string>;
  port: number;
}

export function provisionedDatabase(config: ObkmConfig, n: Names, labels: Record<string, string>): ProvisionedDatabase | undefined {
  if (!config.database.provision) return undefined;
  const engine = engineOf(config);
  const port = DEFAULT_PORTS[config.database.type];
  const image = config.database.provision.image ?? engine.image;
  const podLabels = { ...labels, "app.kubernetes.io/component": "database", "app.kubernetes.io/name": `obkm-${config.database.type}` };
  const selector = { "app.kubernetes.io/instance": labels["app.kubernetes.io/instance"], "app.kubernetes.io/component": "database" };
  const init = { name: `${n.database}-init`, dir: "/docker-entrypoint-initdb.d" };

  return {
    port,
    podLabels,
    initConfigMap: {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: init.name, namespace: n.namespace, labels: podLabels },
      data: {
        [engine.initFile.name]: engine.initFile.content(config),
        "create-schemas.sh": schemaJobScript(config, n),
        ...engine.extraScripts?.(config),
      },
    },
    service: {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: n.database, namespace: n.namespace, labels: podLabels },
      // Headless, as a StatefulSet's service must be; its one pod answers at the Service's name.
      spec: { clusterIP: "None", selector, ports: [servicePort({ name: engine.portName, port })] },
    },
    statefulSet: {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name: n.database, namespace: n.namespace, labels: podLabels },
      spec: {
        serviceName: n.database,
        replicas: 1,
        selector: { matchLabels: selector },
        template: {
          metadata: { labels: podLabels },
          spec: {
            automountServiceAccountToken: false,
            securityContext: { fsGroup: engine.uid, seccompProfile: { type: "RuntimeDefault" } },
            containers: [
              {
                name: "database",
                image,
                args: [...engine.args, ...(config.database.maxConnections ? engine.maxConnectionsArgs(config.database.maxConnections) : [])],
                env: engine.env(n, config),
                ports: [containerPort({ name: engine.portName, port })],
                readinessProbe: { tcpSocket: { port: engine.portName }, periodSeconds: 5 },
                securityContext: containerSecurityContextAs(engine.uid),
                resources: { requests: { cpu: "250m", memory: "1Gi" }, limits: { memory: "1Gi" } },
                volumeMounts: [
                  { name: "data", mountPath: engine.dataPath },
                  { name: "init", mountPath: init.dir, readOnly: true },
                ],
              },
            ],
            volumes: [
              {
                name: "init",
                configMap: {
                  name: init.name,
                  items: [{ key: engine.initFile.name, path: engine.initFile.name, ...(engine.initFile.mode ? { mode: engine.initFile.mode } : {}) }],
                },
              },
            ],
          },
        },
        volumeClaimTemplates: [
          {
            metadata: { name: "data" },
            spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: config.database.provision.storageSize } } },
          },
        ],
      },
    },
    schemaJob: {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name: n.databaseSchemaJob, namespace: n.namespace, labels: podLabels },
      spec: {
        backoffLimit: 3,
        template: {
          metadata: { labels: { ...podLabels, "app.kubernetes.io/component": "database-schemas" } },
          spec: {
            restartPolicy: "OnFailure",
            automountServiceAccountToken: false,
            securityContext: { seccompProfile: { type: "RuntimeDefault" } },
            // The scripts come from the KM image, so they match the pack that will use the tables.
            initContainers: [
              {
                name: "copy-dbscripts",
                image: config.image,
                imagePullPolicy: config.imagePullPolicy,
                command: ["/bin/sh", "-c", `cp -R "$KM_HOME/dbscripts/." ${SCRIPTS_DIR}/`],
                env: [{ name: "KM_HOME", value: config.kmHome }],
                securityContext: containerSecurityContextAs(config.runAs.user),
                volumeMounts: [{ name: "dbscripts", mountPath: SCRIPTS_DIR }],
              },
            ],
            containers: [
              {
                name: "create-schemas",
                image,
                command: ["/bin/sh", "/opt/obkm-db/create-schemas.sh"],
                env: engine.jobEnv(n, config),
                securityContext: containerSecurityContextAs(engine.uid),
                volumeMounts: [
                  { name: "dbscripts", mountPath: SCRIPTS_DIR, readOnly: true },
                  { name: "job", mountPath: "/opt/obkm-db", readOnly: true },
                ],
              },
            ],
            volumes: [
              { name: "dbscripts", emptyDir: {} },
              { name: "job", configMap: { name: init.name, items: [{ key: "create-schemas.sh", path: "create-schemas.sh" }] } },
            ],
            ...pullSecrets(config),
          },
        },
      },
    },
  };
}
