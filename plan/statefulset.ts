// The KM nodes. A StatefulSet, because well-known members need names that survive a restart: pod i is
// always <statefulset>-i and the headless Service gives it a DNS name.
import type { Input } from "@pulumi/pulumi";
import { ObkmConfig } from "../config/load";
import { rolloutOf } from "./rollout";
import { Names } from "./names";
import { containerSecurityContext, podSecurityContext, pullSecrets } from "./pod-security";
import { containerPort, ports } from "./ports";
import { probes } from "./probes";
import { PROXY_JAVA_OPTS_ENV } from "./http-proxy";
import { placement } from "./scheduling";
import { sharedVolumeMounts } from "./shared-storage";
import { KeyToPath, StatefulSetManifest } from "./types";
import type { KeystoresPlan } from "./keystores";
import type { OpenBankingStart } from "./open-banking-start";
import type { Monitoring } from "./monitoring";
import {
  DRIVERS_DIR,
  DRIVERS_VOLUME,
  MOUNT_DIR,
  NODE_FILES_VOLUME,
  POD_ADDRESS_ENV,
  SECRET_FILES_VOLUME,
  SECRET_MOUNT_DIR,
  SEED_SCRIPT_PATH,
  SHARED_MOUNT_FOR_SEEDING,
  SHARED_VOLUME,
  START_SCRIPT_PATH,
  STOP_SCRIPT_PATH,
  WAIT_SCRIPT_PATH,
} from "./pod-layout";

const CONTAINER_NAME = "key-manager";
const SEED_CONTAINER_NAME = "seed-shared-artifacts";
const WAIT_CONTAINER_NAME = "wait-for-database";
const DRIVERS_CONTAINER_NAME = "copy-jdbc-drivers";
/** Changes with the content of the secret node files, so that new credentials roll the pods. */
const CREDENTIALS_REVISION_ANNOTATION = "obkm.wso2.com/credentials-revision";
/** Changes with the keystores config, keystores.rotation and what is generated, so that new keystores roll the pods. */
const KEYSTORES_REVISION_ANNOTATION = "obkm.wso2.com/keys-revision";

export interface StatefulSetInputs {
  config: ObkmConfig;
  names: Names;
  labels: { common: Record<string, string>; selector: Record<string, string> };
  nodeFiles: { configMapName: string; items: KeyToPath[] };
  secretFiles: { secretName: string; items: KeyToPath[] };
  sharedClaimName: string;
  /** Hazelcast clustering on: the pods open port 4000. */
  clustering: boolean;
  /** Known only once the credentials and the generated keys are (inside an apply); see credentials.ts and keystores/. */
  revisions: { credentials: Input<string>; keystores: Input<string> };
  keystores: Pick<KeystoresPlan, "mounts" | "statefulSetAnnotations">;
  /** The OB files a node edits at its start, when there are any. */
  openBanking?: Pick<OpenBankingStart, "initContainers" | "volumeMount" | "volume">;
  /** The forward proxy's JVM options (http-proxy.ts), which the start script adds to JAVA_OPTS. */
  proxyJavaOptions?: string;
  /** The JMX exporter's part of the pod, when metrics are on (monitoring/). */
  monitoring?: Monitoring["pod"];
}

export function statefulSetManifest(inputs: StatefulSetInputs): StatefulSetManifest {
  const {
    config,
    names: n,
    labels,
    nodeFiles,
    secretFiles,
    sharedClaimName,
    clustering,
    revisions,
    keystores,
    openBanking,
    proxyJavaOptions,
    monitoring,
  } = inputs;
  const rollout = rolloutOf(config);
  const annotations = { ...keystores.statefulSetAnnotations, ...rollout.annotations };
  const heap = `${config.resources.jvmHeapMiB}m`;
  const nodeFilesMount = { name: NODE_FILES_VOLUME, mountPath: MOUNT_DIR, readOnly: true };
  const kmHome = { name: "KM_HOME", value: config.kmHome };
  const initResources = { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } };
  const driverImage = config.database.driverImage;
  return {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: {
      name: n.statefulSet,
      namespace: n.namespace,
      labels: labels.common,
      ...(Object.keys(annotations).length ? { annotations } : {}),
    },
    spec: {
      serviceName: n.headlessService,
      replicas: config.replicas,
      selector: { matchLabels: labels.selector },
      // OrderedReady by default: several nodes starting together on an empty database collide on its first
      // inserts (a known WSO2 problem). Parallel by config, once the database is initialised.
      podManagementPolicy: config.podManagementPolicy,
      // One pod at a time, the highest ordinal first, each ready before the next goes (rollout.ts: the canary).
      updateStrategy: rollout.updateStrategy,
      template: {
        metadata: {
          labels: labels.common,
          annotations: { [CREDENTIALS_REVISION_ANNOTATION]: revisions.credentials, [KEYSTORES_REVISION_ANNOTATION]: revisions.keystores },
        },
        spec: {
          serviceAccountName: n.statefulSet,
          automountServiceAccountToken: false,
          ...pullSecrets(config),
          // Lets a node reach its own public host name where the cluster's DNS does not know it.
          ...(config.hostAliasIp ? { hostAliases: [{ ip: config.hostAliasIp, hostnames: [config.hostname] }] } : {}),
          securityContext: podSecurityContext(config),
          ...placement(config, labels.selector),
          terminationGracePeriodSeconds: config.terminationGracePeriodSeconds,
          initContainers: [
            {
              name: SEED_CONTAINER_NAME,
              image: config.image,
              imagePullPolicy: config.imagePullPolicy,
              command: ["/bin/sh", `${MOUNT_DIR}/${SEED_SCRIPT_PATH}`],
              env: [kmHome, { name: "SHARED_DIR", value: SHARED_MOUNT_FOR_SEEDING }],
              securityContext: containerSecurityContext,
              resources: initResources,
              volumeMounts: [nodeFilesMount, { name: SHARED_VOLUME, mountPath: SHARED_MOUNT_FOR_SEEDING }],
            },
            ...(openBanking ? openBanking.initContainers(initResources) : []),
            {
              name: WAIT_CONTAINER_NAME,
              image: config.image,
              imagePullPolicy: config.imagePullPolicy,
              command: ["/bin/sh", `${MOUNT_DIR}/${WAIT_SCRIPT_PATH}`],
              securityContext: containerSecurityContext,
              resources: initResources,
              volumeMounts: [nodeFilesMount],
            },
            ...(driverImage
              ? [
                  {
                    name: DRIVERS_CONTAINER_NAME,
                    image: driverImage,
                    imagePullPolicy: config.imagePullPolicy,
                    command: ["/bin/sh", "-c", `cp /drivers/*.jar ${DRIVERS_DIR}/`],
                    securityContext: containerSecurityContext,
                    resources: initResources,
                    volumeMounts: [{ name: DRIVERS_VOLUME, mountPath: DRIVERS_DIR }],
                  },
                ]
              : []),
            ...(monitoring ? [monitoring.initContainer(initResources)] : []),
          ],
          containers: [
            {
              name: CONTAINER_NAME,
              image: config.image,
              imagePullPolicy: config.imagePullPolicy,
              command: ["/bin/sh", `${MOUNT_DIR}/${START_SCRIPT_PATH}`],
              env: [
                kmHome,
                { name: POD_ADDRESS_ENV, valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
                // Read by wso2server.sh in place of its default -Xms256m -Xmx1024m.
                { name: "JVM_MEM_OPTS", value: `-Xms${heap} -Xmx${heap}` },
                ...(proxyJavaOptions ? [{ name: PROXY_JAVA_OPTS_ENV, value: proxyJavaOptions }] : []),
                ...(monitoring ? [monitoring.env] : []),
              ],
              ports: [ports.servletHttps, ports.servletHttp, ...(clustering ? [ports.hazelcast] : []), ...(monitoring ? [monitoring.port] : [])].map(
                containerPort,
              ),
              ...probes(config),
              lifecycle: { preStop: { exec: { command: ["/bin/sh", `${MOUNT_DIR}/${STOP_SCRIPT_PATH}`] } } },
              securityContext: containerSecurityContext,
              resources: {
                requests: { cpu: config.resources.cpu, memory: config.resources.memory },
                limits: { memory: config.resources.memory, ...(config.resources.cpuLimit ? { cpu: config.resources.cpuLimit } : {}) },
              },
              volumeMounts: [
                nodeFilesMount,
                { name: SECRET_FILES_VOLUME, mountPath: SECRET_MOUNT_DIR, readOnly: true },
                ...(driverImage ? [{ name: DRIVERS_VOLUME, mountPath: DRIVERS_DIR, readOnly: true }] : []),
                ...keystores.mounts.volumeMounts,
                ...(openBanking ? [openBanking.volumeMount] : []),
                ...sharedVolumeMounts(config.kmHome),
                ...(monitoring ? [monitoring.volumeMount] : []),
              ],
            },
          ],
          volumes: [
            {
              name: NODE_FILES_VOLUME,
              configMap: { name: nodeFiles.configMapName, items: nodeFiles.items, defaultMode: 0o444 },
            },
            // Readable by the KM's group (fsGroup) only.
            { name: SECRET_FILES_VOLUME, secret: { secretName: secretFiles.secretName, items: secretFiles.items, defaultMode: 0o440 } },
            ...(driverImage ? [{ name: DRIVERS_VOLUME, emptyDir: {} }] : []),
            ...keystores.mounts.volumes,
            ...(openBanking ? [openBanking.volume] : []),
            { name: SHARED_VOLUME, persistentVolumeClaim: { claimName: sharedClaimName } },
            ...(monitoring ? [monitoring.volume] : []),
          ],
        },
      },
    },
  };
}
