// The Key Manager nodes: the StatefulSet and what its pods need to run and be reached. Ports 9446 (HTTPS)
// and 9766 (HTTP) on the Service and the pods, 4000 (Hazelcast) between the pods through the headless
// Service, which names each pod for the well-known member list.
import { StatefulSet } from "@pulumi/kubernetes/apps/v1/statefulSet";
import { ConfigMap } from "@pulumi/kubernetes/core/v1/configMap";
import { Service } from "@pulumi/kubernetes/core/v1/service";
import { ServiceAccount } from "@pulumi/kubernetes/core/v1/serviceAccount";
import { NetworkPolicy } from "@pulumi/kubernetes/networking/v1/networkPolicy";
import { PodDisruptionBudget } from "@pulumi/kubernetes/policy/v1/podDisruptionBudget";
import * as pulumi from "@pulumi/pulumi";
import { childOptions } from "./child-options";
import type {
  ConfigMapManifest,
  NetworkPolicyManifest,
  PodDisruptionBudgetManifest,
  ServiceAccountManifest,
  ServiceManifest,
  StatefulSetManifest,
} from "../plan/types";

export interface NodesArgs {
  /** The node files and scripts every node mounts: a content-named, immutable ConfigMap, so a change rolls the pods. */
  files: ConfigMapManifest;
  /** Publishes each pod's stable DNS name, not-ready ones included, for Hazelcast's well-known members. */
  headlessService: ServiceManifest;
  /** The in-cluster Service of the servlet ports, which the ingress and the API Manager reach. */
  service: ServiceManifest;
  serviceAccount: ServiceAccountManifest;
  /** Keeps all but one node up through voluntary disruptions. */
  disruptionBudget: PodDisruptionBudgetManifest;
  /**
   * What may reach the nodes and what they may reach.
   * @default none, for a network plugin that does not enforce NetworkPolicy
   */
  networkPolicy?: NetworkPolicyManifest;
  /** The StatefulSet, given the revisions of the credentials and keystores its pods mount (a change rolls them). */
  statefulSet: (revisions: { credentials: pulumi.Input<string>; keystores: pulumi.Input<string> }) => StatefulSetManifest;
  /**
   * The credentials' revision (DatabaseCredentials.revision) and the keystores' (Keystores.revision).
   * @default { credentials: "", keystores: "" } (nothing Secret-held to follow)
   */
  revisions?: { credentials?: pulumi.Input<string>; keystores?: pulumi.Input<string> };
  /**
   * How long `pulumi up` waits for the StatefulSet to roll out.
   * @default the Kubernetes provider's (10 minutes)
   */
  timeouts?: { create: string; update: string };
  /**
   * What must exist before the first node starts: the Secrets of the files that hold passwords and of the
   * keys, the nodes' Certificate, the shared claim, the database schemas.
   * @default []
   */
  startAfter?: pulumi.Input<pulumi.Resource>[];
}

export class Nodes extends pulumi.ComponentResource {
  readonly statefulSet: StatefulSet;
  readonly service: Service;
  readonly headlessService: Service;

  constructor(name: string, args: NodesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("obkm:index:Nodes", name, {}, opts);
    const child = childOptions(this, opts);
    const files = new ConfigMap(`${name}-node-files`, args.files, child);
    this.headlessService = new Service(`${name}-headless-service`, args.headlessService, child);
    this.service = new Service(`${name}-service`, args.service, child);
    const serviceAccount = new ServiceAccount(`${name}-service-account`, args.serviceAccount, child);
    new PodDisruptionBudget(`${name}-disruption-budget`, args.disruptionBudget, child);
    if (args.networkPolicy) new NetworkPolicy(`${name}-network-policy`, args.networkPolicy, child);
    this.statefulSet = new StatefulSet(
      `${name}-statefulset`,
      args.statefulSet({ credentials: args.revisions?.credentials ?? "", keystores: args.revisions?.keystores ?? "" }),
      {
        ...childOptions(this, opts, files, this.headlessService, serviceAccount, ...(args.startAfter ?? [])),
        ...(args.timeouts ? { customTimeouts: args.timeouts } : {}),
      },
    );
    this.registerOutputs({ statefulSet: this.statefulSet, service: this.service, headlessService: this.headlessService });
  }
}
