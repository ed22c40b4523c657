// A Key Manager cluster from its settings alone: the component another program (TypeScript through the
// package "obkm", YAML or Python through the component package, component-package/) creates with one
// resource. It plans with planCluster, the same checks as a stack's config, before it registers anything,
// then creates its own Kubernetes provider from the settings' cluster.* keys and a KeyManagerCluster with it.
//
// Its args and outputs are shaped for the SDK's schema analysis (@pulumi/pulumi 3.248.0,
// provider/experimental/analyzer.js), which reads them to write the package's schema: `args` must be an
// interface (analyzeComponent); each property a string, number or boolean, an Input or Output of one, an
// array (not a ReadonlyArray: getArrayType), a map, a named interface, or a named enumeration (an `enum` or
// an `as const` object: extractEnumMembers), never an inline union of literals or an intersection, which it
// refuses ("Union types are not supported"); every property the class declares is an output of the
// schema (analyzeComponent reads the class's members), so the class declares only Outputs of plain values.
import { Provider } from "@pulumi/kubernetes/provider";
import * as pulumi from "@pulumi/pulumi";
import type { ObkmSettings } from "../config/settings.generated";
import { KeyManagerCluster } from "./key-manager-cluster";
import { planCluster } from "./plan-cluster";

export interface KeyManagerArgs {
  /**
   * The cluster's settings: the keys of obkm's stack config, each map a nested object. A password may be
   * the output of another resource (a RandomPassword's result), which stays a secret.
   */
  settings: ObkmSettings;
  /**
   * The stack whose rules the settings follow: only a dev stack (dev or dev-*) may generate its signing keys
   * or leave cluster.context empty. Default: the stack of the program that creates the component.
   */
  stack?: string;
}

/** A high-availability cluster of WSO2 Open Banking Key Manager 1.4 on Kubernetes, from obkm's settings. */
export class KeyManager extends pulumi.ComponentResource {
  /** The namespace the nodes run in. */
  readonly namespace: pulumi.Output<string>;
  /** The Key Manager's public URL, on settings.hostname. */
  readonly publicUrl: pulumi.Output<string>;
  /** The DNS name of the nodes' Service inside the cluster, which the API Manager calls. */
  readonly serviceDnsName: pulumi.Output<string>;
  /** The name of the nodes' StatefulSet. */
  readonly statefulSetName: pulumi.Output<string>;

  constructor(name: string, args: KeyManagerArgs, opts?: pulumi.ComponentResourceOptions) {
    // Planned before the component registers: settings that break a rule stop here, with a ConfigError
    // naming every key at fault, before any resource exists.
    const { plan, supplied, warnings } = planCluster(args.settings, { stack: args.stack ?? pulumi.getStack() });
    super("obkm:index:KeyManager", name, {}, opts);
    for (const warning of warnings) pulumi.log.warn(warning, this);

    // The cluster is the settings' (cluster.context, cluster.kubeconfig), never whichever context is current.
    const provider = new Provider(`${name}-cluster`, plan.provider, { parent: this });
    new KeyManagerCluster(name, { plan, supplied }, { parent: this, providers: { kubernetes: provider } });

    this.namespace = pulumi.output(plan.outputs.namespace);
    this.publicUrl = pulumi.output(plan.outputs.publicUrl);
    this.serviceDnsName = pulumi.output(plan.outputs.serviceDnsName);
    this.statefulSetName = pulumi.output(plan.outputs.statefulSetName);
    this.registerOutputs({
      namespace: this.namespace,
      publicUrl: this.publicUrl,
      serviceDnsName: this.serviceDnsName,
      statefulSetName: this.statefulSetName,
    });
  }
}
