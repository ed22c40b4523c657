// repository/conf/hazelcast.properties, which Carbon's HazelcastClusteringAgent loads over its own
// Hazelcast settings when the file exists (carbon-kernel 4.4, setHazelcastProperties). WSO2 advises two
// settings for clustered nodes: the server, not Hazelcast's own JVM shutdown hook, stops Hazelcast (with the
// hook, Hazelcast stops first and the node's last requests fail with "Hazelcast instance is not active!"),
// and Hazelcast logs through log4j into wso2carbon.log.
import type { NodeFile } from "./node-files";

export const HAZELCAST_PROPERTIES = "hazelcast.properties";

/** The file, when the caching scenario clusters the nodes; none otherwise. */
export function hazelcastProperties(clustering: boolean, metrics = false): NodeFile[] {
  if (!clustering) return [];
  const content = [
    "# Written by obkm, as WSO2 advises for clustered nodes.",
    "# The server stops Hazelcast when it stops, after its last requests; not Hazelcast's own shutdown hook.",
    "hazelcast.shutdownhook.enabled=false",
    "# Hazelcast's log lines go to wso2carbon.log.",
    "hazelcast.logging.type=log4j",
    // Hazelcast registers its MBeans, the cluster's member count among them, only with hazelcast.jmx
    // (GroupProperties.PROP_ENABLE_JMX); the JMX exporter reads it (plan/monitoring/metrics.ts).
    ...(metrics ? ["# Hazelcast's MBeans, for the metrics' member count.", "hazelcast.jmx=true"] : []),
    "",
  ].join("\n");
  return [{ path: HAZELCAST_PROPERTIES, content }];
}
