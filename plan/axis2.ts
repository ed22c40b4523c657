// axis2.xml: Hazelcast clustering with well-known members (the clustering guide's WKA scheme). Every node
// is a well-known member, named by its stable pod DNS name, so a restarted pod finds the cluster again
// whatever IP it gets.
import { XmlEdit } from "../xml/edits";
import { Names } from "./names";
import { POD_ADDRESS_PLACEHOLDER } from "./pod-address";
import { ports } from "./ports";

export const AXIS2_XML = "axis2/axis2.xml";

const CLUSTERING = "/axisconfig/clustering[@class='org.wso2.carbon.core.clustering.hazelcast.HazelcastClusteringAgent']";
const parameter = (name: string) => `${CLUSTERING}/parameter[@name='${name}']`;

/** With clustering off (caching scenarios 2 and 3) the agent is disabled and no member is listed. */
export function clusteringEdits(enabled: boolean, replicas: number, n: Names): XmlEdit[] {
  if (!enabled) {
    return [
      { kind: "set", path: `${CLUSTERING}/@enable`, value: "false" },
      { kind: "remove", path: `${CLUSTERING}/members/member`, ifPresent: true },
    ];
  }
  const members = Array.from({ length: replicas }, (_, ordinal) => ({
    name: "member",
    children: [
      { name: "hostName", text: n.podDnsName(ordinal) },
      { name: "port", text: String(ports.hazelcast.port) },
    ],
  }));
  return [
    { kind: "set", path: `${CLUSTERING}/@enable`, value: "true" },
    { kind: "set", path: parameter("membershipScheme"), value: "wka" },
    { kind: "set", path: parameter("domain"), value: n.hazelcastDomain },
    { kind: "set", path: parameter("localMemberHost"), value: POD_ADDRESS_PLACEHOLDER },
    { kind: "set", path: parameter("localMemberPort"), value: String(ports.hazelcast.port) },
    { kind: "remove", path: `${CLUSTERING}/members/member`, ifPresent: true },
    { kind: "append", path: `${CLUSTERING}/members`, elements: members },
  ];
}
