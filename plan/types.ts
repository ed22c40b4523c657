// The manifest shapes the plan produces: the Kubernetes types of @pulumi/kubernetes with apiVersion and
// kind fixed, so the plan is type-checked against the API without creating anything.
import type * as k8s from "@pulumi/kubernetes";

type Manifest<T, V extends string, K extends string> = Omit<T, "apiVersion" | "kind"> & { apiVersion: V; kind: K };

export type NamespaceManifest = Manifest<k8s.types.input.core.v1.Namespace, "v1", "Namespace">;
export type ConfigMapManifest = Manifest<k8s.types.input.core.v1.ConfigMap, "v1", "ConfigMap">;
export type ServiceManifest = Manifest<k8s.types.input.core.v1.Service, "v1", "Service">;
export type StatefulSetManifest = Manifest<k8s.types.input.apps.v1.StatefulSet, "apps/v1", "StatefulSet">;
export type PersistentVolumeClaimManifest = Manifest<k8s.types.input.core.v1.PersistentVolumeClaim, "v1", "PersistentVolumeClaim">;
export type IngressManifest = Manifest<k8s.types.input.networking.v1.Ingress, "networking.k8s.io/v1", "Ingress">;
export type PodDisruptionBudgetManifest = Manifest<k8s.types.input.policy.v1.PodDisruptionBudget, "policy/v1", "PodDisruptionBudget">;
export type ServiceAccountManifest = Manifest<k8s.types.input.core.v1.ServiceAccount, "v1", "ServiceAccount">;
export type NetworkPolicyManifest = Manifest<k8s.types.input.networking.v1.NetworkPolicy, "networking.k8s.io/v1", "NetworkPolicy">;
export type SecretManifest = Manifest<k8s.types.input.core.v1.Secret, "v1", "Secret">;
export type JobManifest = Manifest<k8s.types.input.batch.v1.Job, "batch/v1", "Job">;
export type EnvVar = k8s.types.input.core.v1.EnvVar;
export type KeyToPath = k8s.types.input.core.v1.KeyToPath;
export type Container = k8s.types.input.core.v1.Container;
export type Volume = k8s.types.input.core.v1.Volume;
export type ResourceRequirements = k8s.types.input.core.v1.ResourceRequirements;

/** A Secret's name, namespace and labels: known from the config alone, before any value it holds. */
export type SecretMetadata = { name: string; namespace: string; labels: Record<string, string> };
