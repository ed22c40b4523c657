// The ports of a KM node. Port offset 3 (carbon.xml /Server/Ports/Offset) moves the servlet ports from
// 9443/9763 to 9446/9766; Hazelcast listens on localMemberPort.
export const PORT_OFFSET = 3;

export const ports = {
  servletHttps: { name: "servlet-https", port: 9443 + PORT_OFFSET },
  servletHttp: { name: "servlet-http", port: 9763 + PORT_OFFSET },
  hazelcast: { name: "hazelcast", port: 4000 },
} as const;
