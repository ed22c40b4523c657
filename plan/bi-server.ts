// The KM's calls to WSO2's Open Banking BI server (the call map's `km.bi-*` rows, route `bi-server`): where
// open-banking.xml holds their URLs and switches, where biServer.* points them, which ports the NetworkPolicy
// lets out for them, and the refusal of a stack whose open-banking.xml turns one on with nowhere to call.
//
// Read in wso2/docker-open-banking 1.4.x: docker-compose/obam-with-obkm/obkm/{uk,berlin,au}/repository/conf/
// finance/open-banking.xml, whose BIServer section names {tcp://obbi:7612} (DataPublishing/ServerURL),
// http://obbi:8007/... (TRA/Receivers' two URLs, FraudDetection/Receivers/FraudDetectionURL) and
// http://obbi:8006/... (InvalidSubmissionURL), each section off in the pack (DataPublishing/Enabled,
// TRA/IsEnabled, FraudDetection/IsEnabled false); docker-compose/obam-obkm-with-obbi, WSO2's set-up with a BI
// server, where they name obbi-worker and are on; wso2/kubernetes-open-banking 1.4.x eval-ob-pattern-1 (obbi);
// wso2/puppet-open-banking 1.4.x, whose template names @analytics_hostname, 'localhost' by default
// (modules/ob_common/manifests/params.pp).
import type { ObkmConfig } from "../config/load";
import { fullKey } from "../config/problems";
import { CALLS, type Call, type Condition } from "../flows/calls";
import { OPEN_BANKING_XML } from "../flows/places-open-banking";
import { requireUrlsFailure, switchIsOn, type XmlEdit } from "../xml/edits";
import { origin } from "./calls/origins";
import type { Endpoint } from "./egress";

/** The hosts WSO2's set-ups leave in the BI URLs, which stand for the BI server: docker's, the chart's, puppet's. */
export const BI_PACK_HOSTS: readonly string[] = ["obbi", "obbi-worker", "localhost"];

/** The ports WSO2's set-ups give the BI server's receivers, which biServer.* ports replace. */
export const WSO2_BI_PORTS = { dataPublishing: 7612, receiver: 8007, invalidSubmissions: 8006 } as const;

/**
 * The data agent logs in on the receiver's port plus 100 (ssl://host:port+100) when the URL set names no
 * authentication URL, as open-banking.xml's does not: wso2/carbon-analytics-common components/data-bridge/
 * org.wso2.carbon.databridge.agent .../util/DataEndpointConstants.java DEFAULT_AUTH_PORT_OFFSET, used by
 * DataPublisherUtil.getDefaultAuthURLSet. WSO2's worker listens on 7612 and 7712 (its deployment.yaml's
 * Thrift tcpPort 7611 and sslPort 7711 at offset 1).
 */
export const DATA_AGENT_AUTH_PORT_OFFSET = 100;

export type BiCondition = Extract<Condition, "bi-data-publishing" | "bi-tra" | "bi-fraud-detection">;

const BI = "/Server/BIServer";

/** Each BI feature: what the docs call it, the element that turns it on, and the elements that hold its URLs. */
export const BI_FEATURES: Record<BiCondition, { name: string; switch: string; urls: readonly string[] }> = {
  "bi-data-publishing": {
    name: "data publishing",
    switch: `${BI}/DataPublishing/Enabled`,
    urls: [`${BI}/DataPublishing/ServerURL`],
  },
  "bi-tra": {
    name: "transaction risk analysis (TRA)",
    switch: `${BI}/TRA/IsEnabled`,
    urls: [`${BI}/TRA/Receivers/TRAAccountValidationURL`, `${BI}/TRA/Receivers/TRAPaymentValidationURL`],
  },
  "bi-fraud-detection": {
    name: "fraud detection",
    switch: `${BI}/FraudDetection/IsEnabled`,
    urls: [`${BI}/FraudDetection/Receivers/FraudDetectionURL`, `${BI}/FraudDetection/Receivers/InvalidSubmissionURL`],
  },
};

export const BI_CONDITIONS = Object.keys(BI_FEATURES) as BiCondition[];

/** The call map's rows to the BI server, in its order. */
export const BI_CALLS: readonly Call[] = CALLS.filter((c) => c.route === "bi-server");

type BiServer = NonNullable<ObkmConfig["biServer"]>;

/** The ports a BI call uses on the BI server, with the key that names each. */
function portsOf(condition: BiCondition, bi: BiServer): Array<{ port: number; key: string }> {
  switch (condition) {
    case "bi-data-publishing":
      return [
        { port: bi.dataPublishingPort, key: "biServer.dataPublishingPort" },
        { port: bi.dataPublishingPort + DATA_AGENT_AUTH_PORT_OFFSET, key: "biServer.dataPublishingPort" },
      ];
    case "bi-tra":
      return [{ port: bi.receiverPort, key: "biServer.receiverPort" }];
    case "bi-fraud-detection":
      return [
        { port: bi.receiverPort, key: "biServer.receiverPort" },
        { port: bi.invalidSubmissionsPort, key: "biServer.invalidSubmissionsPort" },
      ];
  }
}

const isBiCondition = (when: Condition): when is BiCondition => when in BI_FEATURES;

/**
 * Whether each BI feature is on. With the user's open-banking.xml (configTemplates), as its switches say (on
 * when the element's text, trimmed, is `true` in any case, as Java's Boolean.parseBoolean reads it). Without it
 * (the image's own file, read only in the pod), as the stack says: on when biServer.host names a server, since
 * a feature the image turns on with no biServer.host stops the node's start (biCheckEdits), and one it leaves
 * off costs only a rule that lets out ports nothing calls. The lead's conditions read the call map's
 * bi-data-publishing, bi-tra and bi-fraud-detection from here.
 */
export function biConditions(config: ObkmConfig, openBankingXml: string | undefined): Record<BiCondition, boolean> {
  const on = (condition: BiCondition) =>
    openBankingXml === undefined ? config.biServer !== undefined : switchIsOn(OPEN_BANKING_XML, openBankingXml, BI_FEATURES[condition].switch);
  return Object.fromEntries(BI_CONDITIONS.map((c) => [c, on(c)])) as Record<BiCondition, boolean>;
}

/** Where the BI URLs of WSO2's set-ups are pointed, by host and port: at biServer.host, each on its key's port. */
export function biServerUrlOrigins(config: ObkmConfig): Array<{ hosts: readonly string[]; ports: number[]; to: string }> {
  const bi = config.biServer;
  if (!bi) return [];
  return [
    { hosts: BI_PACK_HOSTS, ports: [WSO2_BI_PORTS.dataPublishing], to: origin(bi.host, bi.dataPublishingPort, "tcp") },
    { hosts: BI_PACK_HOSTS, ports: [WSO2_BI_PORTS.receiver], to: origin(bi.host, bi.receiverPort, "http") },
    { hosts: BI_PACK_HOSTS, ports: [WSO2_BI_PORTS.invalidSubmissions], to: origin(bi.host, bi.invalidSubmissionsPort, "http") },
  ];
}

/**
 * The servers the nodes call for the BI features that are on, from the call map's rows to the BI server: none
 * without biServer.host. plan/index.ts adds them to the egress (plan/egress.ts), whose NetworkPolicy rule and
 * proxy exclusions follow.
 */
export function biServerEndpoints(config: ObkmConfig, conditions: Record<BiCondition, boolean>): Endpoint[] {
  const bi = config.biServer;
  if (!bi) return [];
  const endpoints = new Map<number, Endpoint>();
  for (const call of BI_CALLS) {
    if (!isBiCondition(call.when) || !conditions[call.when]) continue;
    for (const { port, key } of portsOf(call.when, bi)) {
      if (!endpoints.has(port))
        endpoints.set(port, { host: bi.host, port, what: `the BI server (${call.step.replace(/^the KM /, "")}; ${key})`, key: "biServer.host" });
    }
  }
  return [...endpoints.values()].sort((a, b) => a.port - b.port);
}

/** The origins (host:port) a BI URL may name once edited: the BI server's, on the ports of its features. */
function biOrigins(bi: BiServer): string[] {
  return BI_CONDITIONS.flatMap((c) => portsOf(c, bi).map(({ port }) => `${bi.host.toLowerCase()}:${port}`));
}

/**
 * The checks that close open-banking.xml's edits: a BI feature turned on must call a server the nodes reach.
 * Without biServer.host, and with the NetworkPolicy on, every URL is refused (the nodes may call no BI
 * server); without the NetworkPolicy, only WSO2's own hosts (a bank's own server needs no rule). With
 * biServer.host, the URLs of WSO2's hosts are pointed there first (biServerUrlOrigins), so what is refused is
 * a URL the NetworkPolicy would not let out. Applied at render time to the user's file (biProblems), and by
 * the editor at a node's start to the image's, whose refusal stops the pod with the same sentence.
 */
export function biCheckEdits(config: ObkmConfig, file = "the image's finance/open-banking.xml"): XmlEdit[] {
  const bi = config.biServer;
  const policy = config.networkPolicy.enabled;
  return BI_CONDITIONS.map((condition): XmlEdit => {
    const { name, switch: on, urls } = BI_FEATURES[condition];
    const element = on.replace(`${BI}/`, "BIServer/");
    const problem = bi
      ? `${fullKey(["biServer.host"])}: is ${JSON.stringify(bi.host)}, but ${file} turns the BI server's ${name} on (${element}) with a URL on another server or port, which the NetworkPolicy does not let out; expected its URLs on WSO2's hosts (${BI_PACK_HOSTS.join(", ")}), which are pointed at biServer.host, or on biServer.host and the ports of biServer.*`
      : `${fullKey(["biServer.host"])}: is empty, but ${file} turns the BI server's ${name} on (${element}) with a URL the nodes cannot reach; expected the host of your BI server (its URLs are pointed there), or ${element} false`;
    return {
      kind: "requireUrls",
      when: on,
      urls,
      refuse: policy ? { otherThan: bi ? biOrigins(bi) : [] } : { hosts: BI_PACK_HOSTS },
      problem,
    };
  });
}

/** What the checks refuse in the user's open-banking.xml, once edited: one line each, naming the key to set. */
export function biProblems(config: ObkmConfig, editedOpenBankingXml: string): string[] {
  return biCheckEdits(config, `configTemplates' ${OPEN_BANKING_XML}`).flatMap((edit) => {
    if (edit.kind !== "requireUrls") return [];
    const failure = requireUrlsFailure(OPEN_BANKING_XML, editedOpenBankingXml, edit);
    return failure ? [`${edit.problem} (${failure.element} names ${failure.origin})`] : [];
  });
}
