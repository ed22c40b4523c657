// carbon.xml: the server's public host name is the load balancer's, and the port offset stays 3, which the
// Services and container ports assume.
import { ObkmConfig } from "../config/load";
import { XmlEdit } from "../xml/edits";
import { elementTexts } from "../xml/read";
import { forceLocalCacheEdits } from "./caching";
import { carbonKeystoreEdits } from "./keystores/keystore-edits";
import type { KeystoreMounts } from "./keystores/keystores";
import type { NodeFile } from "./node-files";
import { PORT_OFFSET } from "./ports";

export const CARBON_XML = "carbon.xml";

/** Every edit of carbon.xml: the host names, the caching scenario's local-cache switch, the keystores. */
export function carbonXmlEdits(config: ObkmConfig, keystores: KeystoreMounts): XmlEdit[] {
  return [...hostEdits(config.hostname), ...forceLocalCacheEdits(config), ...carbonKeystoreEdits(keystores)];
}

export function hostEdits(hostname: string): XmlEdit[] {
  return [
    // Some packs ship HostName and MgtHostName commented out; the guide says to define them.
    { kind: "set", path: "/Server/HostName", value: hostname, create: { after: "Version" } },
    { kind: "set", path: "/Server/MgtHostName", value: hostname, create: { after: "HostName" } },
    { kind: "set", path: "/Server/Ports/Offset", value: String(PORT_OFFSET) },
  ];
}

/** carbon.xml's EnableEmailUserName, as MultitenantUtils.isEmailUserName reads it: exactly "true", trimmed. */
export function emailUserNames(files: readonly NodeFile[]): boolean {
  const carbon = files.find((f) => f.path === CARBON_XML);
  if (!carbon) return false;
  return elementTexts(CARBON_XML, carbon.content, "/Server/EnableEmailUserName")[0] === "true";
}
