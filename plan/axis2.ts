// axis2.xml: Hazelcast clustering with well-known members (the clustering guide's WKA scheme), named by
// their stable pod DNS names, so a restarted pod finds the cluster again whatever IP it gets.
//
// The well-known members are the first two pods, whatever the node count. The guide asks only that one
// well-known member be up at all times: a joining node asks them for the cluster and is told of every
// member. Two, because a rolling update or a drain (the disruption budget lets one node go at a time)
// stops one of them while the other stays up. A fixed list keeps axis2.xml, and so the pod template, the
// same when `replicas` changes: scaling adds or removes pods and restarts none. With one node the second
// name resolves to nothing yet, which is how every cluster's first node starts anyway.
import { XmlEdit } from "../xml/edits";
import { Names } from "./names";
import { ports } from "./ports";
import { POD_ADDRESS_PLACEHOLDER } from "./pod-layout";

export const AXIS2_XML = "axis2/axis2.xml";

const CLUSTERING = "/axisconfig/clustering[@class='org.wso2.carbon.core.clustering.hazelcast.HazelcastClusteringAgent']";
const parameter = (name: string) => `${CLUSTERING}/parameter[@name='${name}']`;

/** The pod ordinals that are well-known members. */
export const WELL_KNOWN_ORDINALS = [0, 1] as const;

/** With clustering off (caching scenarios 2 and 3) the agent is disabled and no member is listed. */
export function clusteringEdits(enabled: boolean, n: Names): XmlEdit[] {
  if (!enabled) {
    return [
      { kind: "set", path: `${CLUSTERING}/@enable`, value: "false" },
      { kind: "remove", path: `${CLUSTERING}/members/member`, ifPresent: true },
    ];
  }
  const members = WELL_KNOWN_ORDINALS.map((ordinal) => ({
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
