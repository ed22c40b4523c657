// The ports of a KM node. Port offset 3 (carbon.xml /Server/Ports/Offset) moves the servlet ports from
// 9443/9763 to 9446/9766; Hazelcast listens on localMemberPort.
export const PORT_OFFSET = 3;

export const ports = {
  servletHttps: { name: "servlet-https", port: 9443 + PORT_OFFSET },
  servletHttp: { name: "servlet-http", port: 9763 + PORT_OFFSET },
  hazelcast: { name: "hazelcast", port: 4000 },
} as const;

export interface NamedPort {
  name: string;
  port: number;
}

/** A container's port, by the name Services and probes target it with. */
export function containerPort(p: NamedPort) {
  return { name: p.name, containerPort: p.port, protocol: "TCP" };
}

/** A Service's port, sending to the container port of the same name. */
export function servicePort(p: NamedPort, extra: { appProtocol?: string } = {}) {
  return { name: p.name, port: p.port, targetPort: p.name, protocol: "TCP", ...extra };
}
