// What the bank's monitoring stack reads (metrics.enabled): the PodMonitor and the PrometheusRule, custom
// resources of prometheus-operator, which must be installed in the cluster, and the dashboard's ConfigMap,
// which Grafana's sidecar loads.
import { CustomResource } from "@pulumi/kubernetes/apiextensions/customResource";
import { ConfigMap } from "@pulumi/kubernetes/core/v1/configMap";
import * as pulumi from "@pulumi/pulumi";
import { childOptions } from "./child-options";
import type { Plan } from "../plan";

export interface MonitoringArgs {
  /** The objects, from the plan (plan/monitoring/). */
  objects: NonNullable<Plan["monitoring"]>;
}

export class Monitoring extends pulumi.ComponentResource {
  constructor(name: string, args: MonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    super("obkm:index:Monitoring", name, {}, opts);
    const child = childOptions(this, opts);
    const { podMonitor, prometheusRule, dashboard } = args.objects;
    new CustomResource(`${name}-pod-monitor`, podMonitor, child);
    new CustomResource(`${name}-alerts`, prometheusRule, child);
    new ConfigMap(`${name}-dashboard`, dashboard, child);
    this.registerOutputs({});
  }
}
