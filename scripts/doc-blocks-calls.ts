// The block of docs/design.md that lists who calls whom in the Open Banking flows, written from the call map
// (flows/calls.ts): the same rows the Ingress, the NetworkPolicy and the URL edits are derived from; and the
// block of docs/open-banking.md that lists what to change in the API Manager's files (flows/places-apim.ts).
import type { ObkmConfig } from "../config/load";
import { CALLS, FLOWS, Party, Route } from "../flows/calls";
import { APIM_ADDRESSES, APIM_OPEN_BANKING_XML, APIM_PLACES, APIM_PORT_ROUTES, APIM_VELOCITY_TEMPLATE } from "../flows/places-apim";
import { apimMountPath } from "../plan/apim-files";
import { apiSecurityEdits, gatewayHostEdits } from "../plan/open-banking";

const PARTY_WORDS: Record<Party, string> = {
  "psu-browser": "the PSU's browser",
  tpp: "a TPP",
  "bank-staff": "the bank's staff",
  "apim-gateway": "the API Manager's gateway",
  "apim-services": "the API Manager",
  km: "a KM node",
  "ob-directory": "the OB directory",
  "bi-server": "the BI server",
};

const ROUTE_WORDS: Record<Route, string> = {
  public: "the public Ingress (`hostname`, 443), to the KM Service's 9446",
  console: "the console Ingress, from `ingress.consoleAllowedCidrs`",
  cluster: "the KM Service (`serviceDnsName`, 9446) inside the cluster, from `apim.namespace` and `networkPolicy.allowedNamespaces`",
  gateway: "the gateway's host and port (`apim.hostname`, `apim.gatewayPort`)",
  "apim-services": "the API Manager's servlet (`apim.servicesHost`, `apim.servicesPort`)",
  internet: "the forward proxy (`httpProxy.*`), or `networkPolicy.egressCidrs` on 443",
  "bi-server": "the BI server's host and ports",
};

const WHEN_WORDS: Record<string, string> = {
  always: "",
  "sms-otp": " (while the SMSOTP authenticator is enabled)",
  "is-authentication-pages": " (where a node file sends the browser there, as WSO2's AU set does)",
  "bi-data-publishing": " (when data publishing is on)",
  "bi-tra": " (when TRA is on)",
  "bi-fraud-detection": " (when fraud detection is on)",
  jwks: " (unless the stack says the KM fetches no JWKS)",
};

export function callMapTable(): string {
  const rows = (Object.keys(FLOWS) as Array<keyof typeof FLOWS>).flatMap((flow) =>
    CALLS.filter((c) => c.flow === flow).map(
      (c) =>
        `| ${FLOWS[flow]} | ${c.step}${WHEN_WORDS[c.when]} | ${PARTY_WORDS[c.caller]} | ${PARTY_WORDS[c.callee]} | ${c.path ? `\`${c.path}\`` : "(Thrift)"} | ${ROUTE_WORDS[c.route]} | ${c.auth} |`,
    ),
  );
  return ["| flow | step | caller | callee | path | through | authentication |", "|---|---|---|---|---|---|---|", ...rows].join("\n");
}

/** Where each route the API Manager's files name ends, in the words of this stack's outputs and keys. */
const APIM_ROUTE_ORIGINS: Partial<Record<Route, string>> = {
  cluster: "`https://<serviceDnsName>:<httpsPort>` (the KM Service)",
  gateway: "`https://<apim.hostname>:<apim.gatewayPort>`",
  "apim-services": "`https://<apim.servicesHost>:<apim.servicesPort>`",
};

/** The values the plan sets in the API Manager's open-banking.xml besides its URLs, as placeholders the docs name. */
const PLACEHOLDERS = {
  apim: { hostname: "<apim.hostname>", gatewayPort: "<apim.gatewayPort>" },
  admin: { username: "<kmAdmin.username>" },
} as unknown as ObkmConfig;

/** An element as the checklist names it: a handler property of the gateway template by its name. */
const elementWords = (file: string, element: string) =>
  file === APIM_VELOCITY_TEMPLATE ? `every \`<property name="${/@name='([^']+)'/.exec(element)![1]}">\` value` : `\`${element}\``;

/**
 * The docs' checklist for a bank whose API Manager files the stack does not edit (no apim.configTemplates):
 * every used place of APIM_PLACES with the origin its route ends at, and the other values the plan writes
 * into the API Manager's open-banking.xml (the gateway's host and port, APISecurity/Global), each from the
 * tables and edits the program itself applies where it does edit the files; and, for every bank, the files
 * the program never edits that point the API Manager at the KM (APIM_ADDRESSES' `by-hand` entries).
 */
export function apimChecklist(): string {
  const file = (f: string) => `\`<APIM_HOME>/repository/${apimMountPath(f)}\``;
  const ports = (route: Route) => APIM_PORT_ROUTES.filter((r) => r.route === route).flatMap((r) => r.ports);
  const urlRows = APIM_PLACES.flatMap((place) => {
    if (!("route" in place.use)) return [];
    const { route } = place.use;
    const from = ports(route).length ? ` (${ports(route).join(", ")} in WSO2's sets)` : "";
    return [`| ${file(place.file)} | ${elementWords(place.file, place.element)} | the origin${from}: ${APIM_ROUTE_ORIGINS[route]}; the path stays |`];
  });
  const valueRows = [...gatewayHostEdits(PLACEHOLDERS), ...apiSecurityEdits(PLACEHOLDERS)].flatMap((edit) =>
    edit.kind === "set"
      ? [
          `| ${file(APIM_OPEN_BANKING_XML)} | \`${edit.path}\` | ${edit.value.startsWith("@@obkm-secret:") ? "the KM admin's password (`kmAdmin.passwordSecret`)" : `\`${edit.value}\``} |`,
        ]
      : [],
  );
  const byHandRows = Object.values(APIM_ADDRESSES).flatMap((address) =>
    address.kind === "by-hand" ? [`| ${file(address.file)} | ${address.element} | ${address.setTo} |`] : [],
  );
  return ["| file | element | set it to |", "|---|---|---|", ...urlRows, ...valueRows, ...byHandRows].join("\n");
}
