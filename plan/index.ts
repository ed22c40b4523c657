// The plan: everything the stack deploys, as plain Kubernetes manifests and rendered node files, from the
// validated config alone. No Pulumi calls; the only I/O is reading the templates.
import type { Input } from "@pulumi/pulumi";
import { ObkmConfig } from "../config/load";
import { apiManagerConfig } from "./apim";
import { apiManagerFiles, ApiManagerFiles } from "./apim-files";
import { statefulSetTimeouts } from "./await-timeouts";
import { scenarioOf } from "./caching";
import { credentialPlan, RECIPE, CredentialPlan, secretFilesItems, secretFileTemplates } from "./credentials";
import { databaseServers, datasourceEndpoints } from "./database/endpoints";
import { provisionedDatabase, ProvisionedDatabase } from "./database/provision";
import { ingresses } from "./ingress";
import { labels, names, Names } from "./names";
import { clusterProviderArgs, ClusterProviderArgs } from "./cluster-provider";
import { hazelcastProperties } from "./hazelcast-properties";
import { namespaceManifest } from "./namespace";
import type { PlanTemplates } from "./templates";
import { networkPolicyManifest } from "./network-policy";
import { checkEgress, egressEndpoints, egressWarnings } from "./egress";
import { biConditions, biServerEndpoints } from "./bi-server";
import { OPEN_BANKING_XML } from "./open-banking";
import { checkOwnSecrets } from "./own-secrets";
import { proxyEndpoints, proxyJavaOptions } from "./http-proxy";
import { renderNodeFiles } from "./node-files";
import { credentialsHeld } from "./credential-members";
import { StackCalls, stackCalls } from "./calls";
import { nodeFilesConfigMap } from "./node-files-configmap";
import { serviceAccountManifest } from "./pod-security";
import { disruptionBudgetManifest } from "./scheduling";
import { headlessServiceManifest, serviceManifest } from "./services";
import { ClaimGuard, sharedStorage } from "./shared-storage";
import { statefulSetManifest } from "./statefulset";
import { keystoresPlan, KeystoresPlan } from "./keystores";
import { adminLengthOrProblem, adminUsernameProblems, userStorePatterns, UserStorePatterns } from "./user-store-patterns";
import { USER_MGT_XML } from "./user-store";
import { ConfigError } from "../config/problems";
import { emailUserNames } from "./carbon";
import { openBankingFiles } from "./open-banking-files";
import { secretFilesStep, SecretFilesStep } from "./secret-files";
import { stackOutputs, StackOutputs } from "./outputs";
import { nodeScripts } from "./node-scripts";
import { EXPORTER_JAVA_OPTS_ENV, Monitoring, monitoringPlan } from "./monitoring";
import {
  ConfigMapManifest,
  IngressManifest,
  NamespaceManifest,
  NetworkPolicyManifest,
  PersistentVolumeClaimManifest,
  PodDisruptionBudgetManifest,
  ServiceAccountManifest,
  ServiceManifest,
  StatefulSetManifest,
} from "./types";

/** The plan: what every component creates, and (SecretFilesStep) the files that hold passwords. */
export interface Plan extends SecretFilesStep {
  names: Names;
  /** Absent when the stack deploys into an existing namespace. */
  namespace?: NamespaceManifest;
  /** The stack's own Kubernetes provider. */
  provider: ClusterProviderArgs;
  nodeFilesConfigMap: ConfigMapManifest;
  /** Absent when the stack uses an existing claim. */
  sharedClaim?: PersistentVolumeClaimManifest;
  sharedClaimGuard: ClaimGuard;
  /** The claim the nodes mount: the one the stack creates, or sharedStorageClaim. */
  sharedClaimName: string;
  headlessService: ServiceManifest;
  service: ServiceManifest;
  /** The nodes, given the revisions of their credentials and keys (known only once those are generated). */
  statefulSet(revisions: { credentials: Input<string>; keystores: Input<string> }): StatefulSetManifest;
  /** The keystores, the truststore and what the stack generates of them. */
  keystores: KeystoresPlan;
  /** Which passwords the program generates, because config does not supply them, and how. */
  credentials: CredentialPlan;
  /** The user store's patterns for names and passwords, which a supplied admin password must meet. */
  userStorePatterns: UserStorePatterns;
  /** The in-cluster database of a dev stack (database.provision). */
  database?: ProvisionedDatabase;
  /** How long `pulumi up` waits for the StatefulSet to roll out. */
  statefulSetTimeouts: { create: string; update: string };
  serviceAccount: ServiceAccountManifest;
  disruptionBudget: PodDisruptionBudgetManifest;
  /** Absent where the network plugin does not enforce NetworkPolicy (networkPolicy.enabled false). */
  networkPolicy?: NetworkPolicyManifest;
  ingress: IngressManifest;
  /** The management console's own Ingress, when its source ranges are restricted. */
  consoleIngress?: IngressManifest;
  /** In the API Manager's namespace, when the stack names it. */
  apiManagerConfigMap?: ConfigMapManifest;
  /**
   * In the API Manager's namespace, when its templates hold its open-banking.xml or gateway template: the
   * Secret of those files, whose data is known only with the KM admin's password.
   */
  apiManagerFiles?: ApiManagerFiles;
  /** The PodMonitor, PrometheusRule and dashboard, when metrics.enabled (monitoring/). */
  monitoring?: Pick<Monitoring, "podMonitor" | "prometheusRule" | "dashboard">;
  /** Why a setting has no effect, for the user to read (the config's own warnings aside). */
  warnings: string[];
  /** What another stack (the API Manager's) needs to reach this cluster, through a StackReference. */
  outputs: StackOutputs;
  /** Who calls whom in this stack (plan/calls/), from which the edge and the URL edits follow. */
  calls: StackCalls;
}

/** The whole plan: pure, given the config and the template files the program read (plan/templates.ts). */
export function buildPlan(config: ObkmConfig, templates: PlanTemplates): Plan {
  const n = names(config);
  checkOwnSecrets(config, n);
  const l = labels(config);
  const { clustering } = scenarioOf(config);
  const keystores = keystoresPlan(config, n, l.common, templates.km);
  const monitoring = monitoringPlan(config, n, l, clustering, keystores.certificate?.metadata.name);
  // Who calls whom in this stack: the Ingress, the NetworkPolicy, the egress and the URL edits follow it.
  const calls = stackCalls(config, n, templates.km);
  const allNodeFiles = [
    ...renderNodeFiles(config, n, templates.km, keystores.mounts, calls),
    ...hazelcastProperties(clustering, monitoring !== undefined),
    ...(monitoring ? [monitoring.nodeFile] : []),
  ].sort((a, b) => a.path.localeCompare(b.path));
  // A file of the user's that holds a credential of its own (EmailOTP's client secret in their
  // application-authentication.xml) goes with the secret files, never into the ConfigMap.
  const holdingCredentials = new Set(allNodeFiles.filter((f) => credentialsHeld(f.path, f.content).length > 0));
  const nodeFiles = allNodeFiles.filter((f) => !holdingCredentials.has(f));
  const endpoints = datasourceEndpoints(config, n);
  const openBanking = openBankingFiles(config, n, templates.km, keystores.openBanking, endpoints);
  const obStart = openBanking.atStart;
  const secretFiles = [
    ...secretFileTemplates(config, endpoints, templates.km),
    ...openBanking.edited,
    ...allNodeFiles.filter((f) => holdingCredentials.has(f)),
  ];
  const secretPaths = secretFiles.map((f) => f.path);
  // The admin the user store creates must be able to log in: its name and generated password follow the
  // store's own patterns, read from the user-mgt.xml the nodes mount.
  const storePatterns = userStorePatterns(secretFiles.find((f) => f.path === USER_MGT_XML)!.content, emailUserNames(allNodeFiles));
  const usernameProblems = adminUsernameProblems(storePatterns, config.admin.username);
  if (usernameProblems.length) throw new ConfigError(usernameProblems);
  const adminLength = config.admin.passwordGenerated ? adminLengthOrProblem(storePatterns, RECIPE) : RECIPE.length;
  const installed = { public: nodeFiles.map((f) => f.path), secret: secretPaths, openBanking: obStart?.plan.files.map((f) => f.path) ?? [] };
  const bundle = nodeFilesConfigMap(
    n,
    l.common,
    nodeFiles,
    nodeScripts(config, endpoints, installed, keystores.startSteps, obStart, templates.editor, monitoring ? EXPORTER_JAVA_OPTS_ENV : undefined),
  );
  const database = provisionedDatabase(config, n, l.common);
  // Every server a node calls must be one the NetworkPolicy can let out: refused now, not cut off later. The
  // forward proxy is one of them; the others are what the nodes call directly, past the proxy.
  const servers = [
    ...egressEndpoints(config, n, databaseServers(endpoints), calls.calls),
    ...biServerEndpoints(config, biConditions(config, templates.km.files[OPEN_BANKING_XML])),
  ];
  const egress = [...servers, ...proxyEndpoints(config)];
  checkEgress(config, n, egress);
  const shared = sharedStorage(config, n, l.common);
  const edge = ingresses(config, n, l.common, calls.calls);
  const apim = apiManagerConfig(config, n, l.common, templates.apim);
  const apimFiles = apiManagerFiles(config, n, l.common, templates.apim, calls.calls);
  return {
    names: n,
    namespace: config.namespace.create ? namespaceManifest(n, l.common) : undefined,
    provider: clusterProviderArgs(config.cluster),
    nodeFilesConfigMap: bundle.manifest,
    sharedClaim: shared.claim,
    sharedClaimGuard: shared.guard,
    sharedClaimName: shared.claimName,
    headlessService: headlessServiceManifest(n, l.common, l.selector, clustering),
    service: serviceManifest(n, l.common, l.selector),
    statefulSet: (revisions) =>
      statefulSetManifest({
        config,
        names: n,
        labels: l,
        nodeFiles: { configMapName: bundle.name, items: bundle.items },
        secretFiles: { secretName: n.secretFiles, items: secretFilesItems(secretPaths) },
        sharedClaimName: shared.claimName,
        clustering,
        revisions,
        keystores,
        openBanking: obStart,
        proxyJavaOptions: proxyJavaOptions(config, n, servers),
        monitoring: monitoring?.pod,
      }),
    keystores,
    credentials: credentialPlan(config, adminLength),
    userStorePatterns: storePatterns,
    ...secretFilesStep(config, n, l.common, secretFiles, obStart),
    warnings: [...edge.warnings, ...egressWarnings(config, n, egress)],
    database,
    statefulSetTimeouts: statefulSetTimeouts(config),
    serviceAccount: serviceAccountManifest(n, l.common),
    disruptionBudget: disruptionBudgetManifest(n, l.common, l.selector),
    networkPolicy: networkPolicyManifest(config, n, l.common, l.selector, clustering, database, egress, calls.calls, monitoring?.ingressRule),
    monitoring: monitoring && { podMonitor: monitoring.podMonitor, prometheusRule: monitoring.prometheusRule, dashboard: monitoring.dashboard },
    ingress: edge.main,
    consoleIngress: edge.console,
    apiManagerConfigMap: apim?.manifest,
    apiManagerFiles: apimFiles,
    outputs: stackOutputs(config, n, clustering, endpoints, apim, calls.calls, apimFiles),
    calls,
  };
}
