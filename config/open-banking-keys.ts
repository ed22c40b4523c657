// Config keys of the Open Banking layer: which specification the KM serves, and which hosts of the pack's
// own OB files stand for the API Manager and the KM (the program points them at this stack's).
import { z } from "zod";
import type { KeySpec } from "./key-spec";
import { editorImageProblem } from "./editor-image";
import * as rules from "./rules";

/**
 * The specifications an OB 1.4 pack serves, as open-banking.xml's DeployedSpecification and the consent
 * apps' conf.json name them ("Possible values: UK, BERLIN, AU", WSO2's OB configuration reference).
 */
export const SPECIFICATIONS = ["UK", "BERLIN", "AU"] as const;
export type Specification = (typeof SPECIFICATIONS)[number];

/** The hosts WSO2's own set-ups leave in the OB files: the stock pack's, and its docker-compose set-up's. */
const PACK_HOSTS = ["localhost", "obam", "obkm"];

/**
 * Node, to run the editor of the image's OB files at a node's start, from the official image: the newest
 * release of the 24 line when this was written (nodejs/docker-node 24/alpine3.24/Dockerfile NODE_VERSION
 * 24.19.0 at f27d936; its stackbrew.js tags the default Alpine variant <major>.<minor>.<patch>-alpine). The
 * bundle is built for node20 syntax (editor/bundle.ts), which 24 runs; Node 20 itself ended on 2026-04-30
 * (config/editor-image.ts).
 */
const EDITOR_IMAGE = "node:24.19.0-alpine";

export const openBankingKeys = {
  "openBanking.editorImage": {
    type: "string",
    default: EDITOR_IMAGE,
    description:
      "Image of a maintained Node line (22, 24 or 26) that edits the image's own OB files at a node's start, when configTemplates (and the repository/deployment beside it, for the consent apps' conf.json) does not hold them; its tag names the Node version; pin it, or mirror it to your registry (its name still ending in /node).",
    rule: rules.imageReference().superRefine((ref, ctx) => {
      const problem = editorImageProblem(ref);
      if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
    }),
  },
  "openBanking.specification": {
    type: "string",
    default: "UK",
    description:
      "The Open Banking specification the KM serves: UK, BERLIN (Berlin Group NextGenPSD2) or AU. Written to the Open Banking files and the consent apps' settings, and picks the OB database's schema script.",
    rule: rules.oneOf(SPECIFICATIONS),
  },
  "openBanking.packHosts": {
    type: "array",
    items: { type: "string" },
    default: PACK_HOSTS,
    description:
      "Hosts in your copies of the OB files that stand for the API Manager or the KM (the stock pack's localhost, WSO2's docker set-up's obam and obkm). Their URLs are pointed at this stack's by port: 8243 at the gateway, 9443 and 9763 at the API Manager's services, 9446 and 9766 at the KM's public URL in the KM's files and at the KM Service in the API Manager's (its open-banking.xml and gateway velocity_template.xml, from apim.configTemplates); a URL of the gateway template on 9446 or 9766 on another host is refused.",
    rule: rules.listOf("a list of host names, such as [localhost, obam]", (host) =>
      /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/.test(host),
    ),
  },
  "openBanking.consentAppClientSecret": {
    type: "string",
    default: "",
    description:
      "Name of a Secret of yours, in the KM's namespace, holding the consent portal's (consentmgt's) own OAuth client: the key applicationId (the client id of its service provider) and the key authCredential (base64 of client_id:client_secret). Each node writes both into consentmgt's conf.json at its start, never into a ConfigMap or the render (docs/open-banking.md, The consent portal's OAuth client). Empty leaves them as your conf.json has them.",
    rule: rules.optionalDnsSubdomain("none"),
  },
  "openBanking.directoryJwks": {
    type: "boolean",
    default: true,
    description:
      "Whether the KM fetches the OB directory's JWKS over the internet, to verify the TPPs' software statements and signed request objects (true, as WSO2's OB flows do). A stack other than dev must then let the nodes reach it: through httpProxy.host, or networkPolicy.egressCidrs holding a range with a public address (443 is let out there; docs/configuration.md, Public addresses: a documentation range such as 198.51.100.0/24 has none). false: the KM fetches no JWKS from the internet (no directory, or the bank serves the keys inside its network), and no route to it is asked for.",
    rule: rules.boolean(),
  },
} satisfies Record<string, KeySpec>;
