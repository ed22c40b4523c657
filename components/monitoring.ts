// What the bank's monitoring stack reads (metrics.enabled): the PodMonitor and the PrometheusRule, custom
// resources of prometheus-operator, which must be installed in the cluster, and the dashboard's ConfigMap,
// which Grafana's sidecar loads.
import * as k8s from "@pulumi/kubernetes";
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
    new k8s.apiextensions.CustomResource(`${name}-pod-monitor`, podMonitor, child);
    new k8s.apiextensions.CustomResource(`${name}-alerts`, prometheusRule, child);
    new k8s.core.v1.ConfigMap(`${name}-dashboard`, dashboard, child);
    this.registerOutputs({});
  }
}
