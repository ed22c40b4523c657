// The block of docs/design.md that lists who calls whom in the Open Banking flows, written from the call map
// (flows/calls.ts): the same rows the Ingress, the NetworkPolicy and the URL edits are derived from.
import { CALLS, FLOWS, Party, Route } from "../flows/calls";

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
