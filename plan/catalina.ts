// catalina-server.xml behind a TLS-terminating proxy: the connectors report the proxy's ports in the URLs
// they build (443, 80), and the RemoteIpValve takes the client's address and scheme from the proxy's
// X-Forwarded-* headers, trusting them only from the internal proxies' addresses.
import { ObkmConfig } from "../config/load";
import { XmlEdit } from "../xml/edits";
import { catalinaKeystoreEdits } from "./keystores/keystore-edits";
import type { KeystoreMounts } from "./keystores/keystores";

export const CATALINA_SERVER_XML = "tomcat/catalina-server.xml";

/** Every edit of catalina-server.xml: the proxy's ports and addresses, the HTTPS connector's keystore. */
export function catalinaXmlEdits(config: ObkmConfig, keystores: KeystoreMounts): XmlEdit[] {
  return [...proxyEdits(config), ...catalinaKeystoreEdits(keystores)];
}

const REMOTE_IP_VALVE = "org.apache.catalina.valves.RemoteIpValve";

export function proxyEdits(config: ObkmConfig): XmlEdit[] {
  return [
    // The connectors' own ports are 9443 and 9763; Carbon adds the offset at run time.
    { kind: "set", path: "/Server/Service/Connector[@port='9443']/@proxyPort", value: "443" },
    { kind: "set", path: "/Server/Service/Connector[@port='9763']/@proxyPort", value: "80" },
    { kind: "remove", path: `/Server/Service/Engine/Host/Valve[@className='${REMOTE_IP_VALVE}']`, ifPresent: true },
    // First among the Host's valves: Tomcat runs them in the order they are declared, so every valve after
    // it (the access log, Carbon's and the identity server's authentication and authorization valves) sees
    // the client's address and scheme, not the ingress controller's.
    {
      kind: "append",
      path: "/Server/Service/Engine/Host",
      before: "Valve",
      elements: [
        {
          name: "Valve",
          attributes: {
            className: REMOTE_IP_VALVE,
            internalProxies: config.tomcat.internalProxies,
            remoteIpHeader: "x-forwarded-for",
            proxiesHeader: "x-forwarded-by",
            protocolHeader: "x-forwarded-proto",
          },
        },
      ],
    },
  ];
}
