// Settings that are allowed but carry a risk the user should hear of: accepted, with a warning that says
// what the setting does and what to set instead.
import { DATABASE_LAYOUTS, DatasourceKey } from "./database-keys";
import { parseLdapUrl } from "./ldap-url";
import { Failed, Parsed } from "./parsed";
import { fullKey } from "./problems";

/**
 * Each engine's max_connections when nobody set it: MySQL's 151 (mysql/mysql-server sql/sys_vars.cc,
 * Sys_max_connections, DEFAULT(151)), PostgreSQL's 100 (postgres/postgres src/backend/utils/misc/
 * guc_tables.c, max_connections' boot value 100, which postgresql.conf.sample repeats). SQL Server and Oracle
 * size theirs otherwise (user connections up to 32,767; processes by the instance), so no default is compared.
 */
export const DEFAULT_MAX_CONNECTIONS: Partial<Record<Parsed["database.type"], number>> = { mysql: 151, postgresql: 100 };

/** An address range that holds every address of its family: 0.0.0.0/0, ::/0, or any address with /0. */
const isEverything = (cidr: string) => cidr.endsWith("/0");

export function riskWarnings(parsed: Parsed, failed: Failed, namespace: string): string[] {
  const warnings: string[] = [];
  if (!failed("namespace") && namespace === "default") {
    warnings.push(
      `${fullKey(["namespace"])} is default: the Key Manager shares Kubernetes' default namespace with whatever else lands there, whose ServiceAccounts, Secrets and NetworkPolicies then reach it; give it a namespace of its own.`,
    );
  }
  if (!failed("networkPolicy.egressCidrs", "networkPolicy.enabled") && parsed["networkPolicy.enabled"]) {
    const all = parsed["networkPolicy.egressCidrs"].filter(isEverything);
    if (all.length) {
      warnings.push(
        `${fullKey(["networkPolicy.egressCidrs"])} holds ${all.join(", ")}: the NetworkPolicy lets the nodes out to every address (of that family), the internet and the cloud metadata service among them; name the ranges the database, the gateway and the directory are in.`,
      );
    }
  }
  if (!failed("ingress.consoleAllowedCidrs")) {
    const all = parsed["ingress.consoleAllowedCidrs"].filter(isEverything);
    if (all.length) {
      warnings.push(
        `${fullKey(["ingress.consoleAllowedCidrs"])} holds ${all.join(", ")}: the management console and the customer care portal are open to every address (of that family); name the operations networks.`,
      );
    }
  }
  if (!failed("userStore.type", "userStore.ldap.url", "userStore.ldap.readOnly") && parsed["userStore.type"] === "ldap") {
    const url = parseLdapUrl(parsed["userStore.ldap.url"]);
    if (url?.scheme === "ldap" && !parsed["userStore.ldap.readOnly"]) {
      warnings.push(
        `${fullKey(["userStore.ldap.url"])} is plain ldap:// with ${fullKey(["userStore.ldap.readOnly"])} false: the bind password and every password the KM writes to the directory cross the network in clear; use ldaps://.`,
      );
    }
  }
  warnings.push(...connectionWarnings(parsed, failed));
  return warnings;
}

/**
 * Every node opens up to maxActive connections to each datasource, and the datasources on one server add
 * up: replicas x maxActive x datasources there, against what the server accepts.
 */
function connectionWarnings(parsed: Parsed, failed: Failed): string[] {
  const keys = ["database.type", "database.layout", "database.provision", "replicas", "database.pool.maxActive", "database.maxConnections"] as const;
  if (failed(...keys)) return [];
  const engine = parsed["database.type"];
  const accepted = parsed["database.maxConnections"] || DEFAULT_MAX_CONNECTIONS[engine];
  if (accepted === undefined) return [];
  const inUse: readonly DatasourceKey[] = DATABASE_LAYOUTS[parsed["database.layout"]].datasources;
  const servers = new Map<string, DatasourceKey[]>();
  for (const d of inUse) {
    const server = parsed["database.provision"] ? "the provisioned database" : parsed[`database.${d}.host`] || parsed["database.host"];
    servers.set(server, [...(servers.get(server) ?? []), d]);
  }
  const perDatasource = parsed.replicas * parsed["database.pool.maxActive"];
  return [...servers.entries()]
    .filter(([, datasources]) => perDatasource * datasources.length > accepted)
    .map(([server, datasources]) => {
      const most = perDatasource * datasources.length;
      const limit = parsed["database.maxConnections"]
        ? `the ${accepted} that ${fullKey(["database.maxConnections"])} says it accepts`
        : `the ${accepted} that ${engine === "mysql" ? "MySQL" : "PostgreSQL"} accepts by default (max_connections)`;
      return `${fullKey(["database.pool.maxActive"])} is ${parsed["database.pool.maxActive"]}: ${parsed.replicas} nodes x ${parsed["database.pool.maxActive"]} x ${datasources.length} datasource${datasources.length === 1 ? "" : "s"} (${datasources.join(", ")}) may open ${most} connections to ${server}, more than ${limit}; raise the server's max_connections and say so in database.maxConnections, or lower database.pool.maxActive.`;
    });
}
