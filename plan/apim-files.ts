// The OB API Manager's Open Banking files, one step of the plan: where `apim.configTemplates` holds the bank's
// copies, its finance/open-banking.xml (APISecurity/Global, the URLs by port) and its gateway's
// resources/api_templates/velocity_template.xml (the KM's consent-validation URLs) are edited here and rendered
// into a Secret in the API Manager's namespace: open-banking.xml holds the KM admin's password, and the gateway
// template a keystore's; never a ConfigMap. api-manager.xml, which holds only ${admin.password} placeholders,
// stays in its ConfigMap (apim.ts). The password is known only inside an apply: the files are rendered here with
// its slot, and `stringData` writes it there.
import { posix } from "path";
import { ObkmConfig } from "../config/load";
import { ConfigError } from "../config/problems";
import type { Call } from "../flows/calls";
import { APIM_OPEN_BANKING_XML, APIM_PLACES, APIM_PORT_ROUTES, APIM_VELOCITY_TEMPLATE, apimPortsOf } from "../flows/places-apim";
import { rewriteVelocityUrls, VelocityEditError } from "../velocity/urls";
import { escapeText, XmlEdit } from "../xml/edits";
import { renderTemplate, Templates } from "../xml/templates";
import { secretSlot } from "../editor/edit-plan";
import { callServing, pathOf } from "./calls/place-edits";
import { routeOrigin } from "./calls/origins";
import { credentialsShown, velocityCredentialsShown } from "./credential-members";
import { Names } from "./names";
import { configMapKey } from "./node-files-configmap";
import type { NodeFile } from "./node-files";
import { ADMIN_PASSWORD_SLOT, apiSecurityEdits, gatewayHostEdits } from "./open-banking";
import type { SecretMetadata } from "./types";

/** The API Manager's files that go into its Secret, where its templates hold them. */
export const APIM_SECRET_FILES = [APIM_OPEN_BANKING_XML, APIM_VELOCITY_TEMPLATE];

/** Marks the Secret for the render, which shows its files with each credential hidden where it stands. */
export const APIM_FILES_LABEL = "obkm.wso2.com/api-manager-files";

/**
 * Where a file sits in the API Manager's pod, under its <APIM_HOME>/repository: conf/finance/open-banking.xml,
 * resources/api_templates/velocity_template.xml. The Secret's key is that path with '/' written '__'.
 */
export const apimMountPath = (file: string) => posix.normalize(`conf/${file}`);

/** The APIM's open-banking.xml: its URLs by port (APIM_PORT_ROUTES), the gateway's host and port, APISecurity/Global. */
export function apimOpenBankingEdits(config: ObkmConfig, n: Names): XmlEdit[] {
  const hosts = config.openBanking.packHosts;
  return [
    {
      kind: "rewriteUrls",
      origins: APIM_PORT_ROUTES.map(({ ports, route }) => ({ hosts, ports, to: routeOrigin(config, n, route)! })),
      // The URLs no flow uses stay as the pack has them (flows/places-apim.ts).
      except: APIM_PLACES.filter((p) => p.file === APIM_OPEN_BANKING_XML && "unused" in p.use).map((p) => p.element),
    },
    ...gatewayHostEdits(config),
    ...apiSecurityEdits(config),
  ];
}

/**
 * The gateway's template with every URL on a KM port pointed at the KM Service, byte for byte elsewhere. A URL
 * on a KM port whose host the program does not know as the KM's, or whose path no call of the cluster route
 * serves, is refused with the file and the line.
 */
export function apimVelocityTemplate(config: ObkmConfig, n: Names, text: string, calls: readonly Call[]): string {
  const file = APIM_VELOCITY_TEMPLATE;
  try {
    const { content, edits } = rewriteVelocityUrls(file, text, {
      ports: apimPortsOf("cluster"),
      hosts: [...config.openBanking.packHosts, n.serviceDnsName].map((h) => h.toLowerCase()),
      to: routeOrigin(config, n, "cluster")!,
      portsAre: "a port of the KM",
    });
    const unserved = edits.flatMap((edit) => {
      const rest = text.slice(edit.end).split(/["'\s<>]/)[0];
      const path = pathOf(rest);
      if (callServing(calls, "cluster", path)) return [];
      const served = [...new Set(calls.filter((c) => c.route === "cluster").map((c) => c.path))].join(", ");
      return [
        `obkm:apim.configTemplates: ${file}: line ${edit.line}: ${edit.before}${rest}: a path the KM Service serves no call of the API Manager on (it serves ${served}); point it at one of those, or tell us which flow needs it`,
      ];
    });
    if (unserved.length) throw new ConfigError(unserved);
    return content;
  } catch (error) {
    if (error instanceof VelocityEditError) throw new ConfigError([`obkm:apim.configTemplates: ${error.message}`]);
    throw error;
  }
}

export interface ApiManagerFiles {
  /** The Secret's name, namespace and labels, known before the password is. */
  metadata: SecretMetadata;
  /** The Secret's keys, each a path under the pod's repository/ with '/' as '__'. */
  keys: string[];
  /** The files as rendered, with the KM admin's password as its slot. */
  files: NodeFile[];
  /** The Secret's data with the password written, escaped, where its slot stands; run inside an apply. */
  stringData(adminPassword: string): Record<string, string>;
  /** The Secret's data as a render shows it: each credential hidden by `marker` where it stands, or marked at its published default. */
  shown(marker: string): Record<string, string>;
}

/** Undefined unless the stack renders the API Manager's files (apim.namespace) and its templates hold one of APIM_SECRET_FILES. */
export function apiManagerFiles(
  config: ObkmConfig,
  n: Names,
  labels: Record<string, string>,
  templates: Templates | undefined,
  calls: readonly Call[],
): ApiManagerFiles | undefined {
  if (!config.apim.namespace || !templates) return undefined;
  const slot = secretSlot(ADMIN_PASSWORD_SLOT);
  const held = APIM_SECRET_FILES.filter((file) => templates.files[file] !== undefined);
  if (!held.length) return undefined;
  for (const file of held)
    if (templates.files[file].includes(slot))
      throw new ConfigError([`obkm:apim.configTemplates: ${file}: holds the text ${slot}, which the program uses to mark where a password goes`]);
  const files: NodeFile[] = held.map((file) =>
    file === APIM_OPEN_BANKING_XML
      ? renderTemplate(templates, file, apimOpenBankingEdits(config, n))
      : { path: file, content: apimVelocityTemplate(config, n, templates.files[file], calls) },
  );
  const data = (fill: (file: NodeFile) => string) => Object.fromEntries(files.map((f) => [configMapKey(apimMountPath(f.path)), fill(f)]));
  return {
    metadata: {
      name: n.apiManagerSecret,
      namespace: config.apim.namespace,
      labels: { ...labels, "app.kubernetes.io/component": "api-manager-wiring", [APIM_FILES_LABEL]: "true" },
    },
    keys: files.map((f) => configMapKey(apimMountPath(f.path))),
    files,
    stringData: (adminPassword) => data((f) => f.content.split(slot).join(escapeText(adminPassword))),
    shown: (marker) =>
      data((f) => {
        const filled = f.content.split(slot).join(marker);
        return f.path === APIM_VELOCITY_TEMPLATE ? velocityCredentialsShown(filled, marker) : credentialsShown(f.path, filled, marker);
      }),
  };
}
