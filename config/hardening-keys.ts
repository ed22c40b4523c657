// Config keys of production hardening: resources, scheduling, probes, stopping, pulling, network policy.
import { z } from "zod";
import type { KeySpec } from "./key-spec";
import { probePath } from "./probe-path";
import * as rules from "./rules";

export const hardeningKeys = {
  cpuLimit: {
    type: "string",
    default: "",
    description: "CPU limit of each node. Empty sets none: a throttled JVM misses Hazelcast heartbeats and stalls logins.",
    rule: rules.emptyOr(rules.cpuQuantity(), "empty (no limit) or a CPU amount as a Kubernetes quantity from 100m to 64, such as 4"),
  },
  podManagementPolicy: {
    type: "string",
    default: "OrderedReady",
    description:
      "OrderedReady starts nodes one at a time, which a first start on an empty database needs; Parallel once the database is initialised. Changing it replaces the StatefulSet (see docs/design.md).",
    rule: rules.oneOf(["OrderedReady", "Parallel"]),
  },
  "scheduling.podAntiAffinity": {
    type: "string",
    default: "preferred",
    description: "Keep nodes on different Kubernetes nodes: preferred (schedule anyway when there are too few) or required.",
    rule: rules.oneOf(["preferred", "required"]),
  },
  "probes.path": {
    type: "string",
    default: "",
    description:
      "Path on the HTTPS servlet port that the readiness probe requests, instead of only connecting to the port. Empty: every probe connects only, which costs the server nothing. Never a path where each request opens an HTTP session: under /carbon, a tenant's /t/..., the JSP login, consent and recovery pages, or any *.jsp.",
    rule: probePath(),
  },
  "probes.startupMinutes": {
    type: "integer",
    default: 10,
    description: "How long a node may take to start before it is restarted: a first start on an empty database creates its tables.",
    rule: rules.integer(1, 60),
  },
  terminationGracePeriodSeconds: {
    type: "integer",
    default: 120,
    description: "How long a stopping node has to finish requests and leave the Hazelcast cluster before it is killed.",
    rule: rules.integer(30, 3600),
  },
  "rollout.canaryNodes": {
    type: "integer",
    default: 0,
    description:
      "Nodes that a change of the pods (image, update level, config) reaches first: the highest ordinals. The others keep their revision, and `pulumi up` does not wait for a rollout it holds back, until this is 0 again (see docs/operations.md, Upgrades with a canary). 0 rolls every node, one at a time.",
    rule: rules.integer(0, 49),
  },
  imagePullSecrets: {
    type: "array",
    items: { type: "string" },
    default: [],
    description: "Secrets in the namespace for pulling the image from a private registry.",
    rule: rules.stringList("a list of Secret names").pipe(z.array(rules.dnsSubdomain())),
  },
  "networkPolicy.enabled": {
    type: "boolean",
    default: true,
    description: "Create the NetworkPolicy. Set to false only where the network plugin does not enforce NetworkPolicy.",
    rule: rules.boolean(),
  },
  "networkPolicy.ingressControllerNamespace": {
    type: "string",
    default: "ingress-nginx",
    description: "Namespace of the ingress controller, allowed to reach the servlet ports.",
    rule: rules.dnsLabel(63),
  },
  "networkPolicy.allowedNamespaces": {
    type: "array",
    items: { type: "string" },
    default: [],
    description: "Further namespaces allowed to reach the servlet ports (the API Manager's namespace, apim.namespace, is allowed already).",
    rule: rules.stringList("a list of namespace names").pipe(z.array(rules.dnsLabel(63))),
  },
  "networkPolicy.egressCidrs": {
    type: "array",
    items: { type: "string" },
    default: [],
    description:
      "Address ranges that the hosts the nodes call by name resolve to (the database, an LDAP server, the API gateway, the forward proxy): the NetworkPolicy lets the nodes out to them on those hosts' ports only, and on 443 when httpProxy.host is empty (the OB directory's JWKS, reached directly: a stack other than dev then needs a range that holds a public address, docs/configuration.md, Public addresses; a private or documentation range such as 198.51.100.0/24 is none). Required when such a host is named; Services of the cluster and IP addresses need none.",
    rule: rules.cidrList(),
  },
} satisfies Record<string, KeySpec>;
