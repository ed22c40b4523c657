// A program of its own that uses obkm's components: a second Key Manager cluster ("blue") with its own
// config keys, its own name prefix and namespace, and its own Kubernetes provider. Everything else (the
// checks, the node files, the Secrets) comes from the package "obkm", imported by its name as any program
// would (package.json here depends on it; npm install links it). planCluster's settings are typed
// (ObkmSettings): a misspelt key or a wrong type fails tsc, and an editor shows each key's description.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { KeyManagerCluster, planCluster } from "obkm";

const config = new pulumi.Config();

const { plan, supplied, warnings } = planCluster(
  {
    hostname: config.require("kmHostname"),
    image: config.require("image"),
    replicas: config.requireNumber("nodes"),
    namePrefix: "obkm-blue",
    namespace: "openbanking-km-blue",
    // The cluster's own name pins the provider to it: a change of it is a replacement the preview shows.
    cluster: { context: config.require("context"), identifier: config.require("clusterIdentifier") },
    // Images pinned by digest, as a stack other than dev must run them (plan/image-pins.ts).
    openBanking: { editorImage: config.require("editorImage") },
    apim: { hostname: config.require("gatewayHostname") },
    // The bank's PostgreSQL, which accepts 2000 connections: three nodes' pools may open 3 x 150 x 3 = 1350.
    database: { type: "postgresql", host: config.require("databaseHost"), urlParameters: "sslmode=verify-full", maxConnections: 2000 },
    // No pack of its own named here (configTemplates): this example means the project's templates.
    acceptBundledTemplates: true,
    caching: { scenario: 1 },
    // The bank's database and gateway networks: the NetworkPolicy lets the nodes out there only.
    networkPolicy: { egressCidrs: ["10.30.0.0/16"] },
    // The bank's forward proxy in that network: the nodes' way to the OB directory's JWKS.
    httpProxy: { host: "proxy.bank.example", port: 3128 },
    // The signing keystore the bank's security team put in the namespace; cert-manager issues the HTTPS one.
    keystores: {
      signing: { secret: config.require("signingKeystoreSecret"), alias: config.require("signingKeyAlias"), kid: config.require("signingKeyId") },
      tls: { issuer: "bank-internal-ca" },
    },
  },
  { stack: pulumi.getStack(), projectDir: __dirname },
);
for (const warning of warnings) pulumi.log.warn(warning);

const provider = new k8s.Provider("blue-cluster", plan.provider);
const blue = new KeyManagerCluster("blue", { plan, supplied }, { providers: { kubernetes: provider } });

export const namespace = blue.namespace;
export const statefulSet = blue.nodes.statefulSet.metadata.name;
export const service = blue.nodes.service.metadata.name;
