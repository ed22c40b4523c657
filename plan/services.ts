// Two Services over the same pods. The headless one gives each pod its stable DNS name for the well-known
// member list; it publishes not-ready addresses, because a starting node must resolve its peers (and they
// it) before any of them passes a readiness check. Without clustering (caching scenarios 2 and 3) it still
// names the pods, but opens no Hazelcast port. The ClusterIP one carries client traffic to ready nodes.
import { Names } from "./names";
import { ports, servicePort } from "./ports";
import { ServiceManifest } from "./types";

export function headlessServiceManifest(
  n: Names,
  commonLabels: Record<string, string>,
  selector: Record<string, string>,
  clustering: boolean,
): ServiceManifest {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: n.headlessService, namespace: n.namespace, labels: commonLabels },
    spec: {
      clusterIP: "None",
      publishNotReadyAddresses: true,
      selector,
      ports: clustering ? [servicePort(ports.hazelcast)] : [],
    },
  };
}

export function serviceManifest(n: Names, commonLabels: Record<string, string>, selector: Record<string, string>): ServiceManifest {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: n.service, namespace: n.namespace, labels: commonLabels },
    spec: {
      type: "ClusterIP",
      selector,
      ports: [servicePort(ports.servletHttps, { appProtocol: "https" }), servicePort(ports.servletHttp, { appProtocol: "http" })],
    },
  };
}
