// One validation for every rendered Kubernetes object: what `kubectl apply` and the API server would refuse.
//  1. The OpenAPI schema (types, required fields, enums, formats such as quantities), by kubernetes-models;
//     cert-manager's Certificate by our port of its CRD and webhook (cert-manager-certificate.ts and beside);
//     prometheus-operator's PodMonitor and PrometheusRule by @kubernetes-models/prometheus-operator 4.4.4,
//     validators generated from the operator's own CRDs (v0.65.1's stripped-down-crds.yaml, as its
//     package.json's crd-generate input says), the release that runs on kubernetes-models 4.5's base and
//     validate packages (5.x and 6.x need kubernetes-models 5).
//  2. Unknown fields, which the schema check lets through, walked with @kubernetes/client-node's field lists.
//  3. The API server's own rules: names, labels, selectors, port names, ConfigMap keys, object size.
// Returns a list of problems, each naming the object and the field; an empty list means valid.

import { certificateSchema, certificateSchemaProblems } from "./cert-manager-certificate";
import { certificateSinceProblems } from "./cert-manager-since";
import { certificateWebhookProblems } from "./cert-manager-webhook";
import { CLUSTER_SCOPED_KINDS } from "./k8s-scopes";

type Obj = Record<string, any>;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const ONE_MIB = 1024 * 1024;

/** Namespaced kinds whose names become DNS labels (Service) or pod host names (StatefulSet). */
const LABEL_NAMED_KINDS = new Set(["Namespace", "Service"]);

export function isDnsLabel(name: unknown): boolean {
  return typeof name === "string" && name.length <= 63 && DNS_LABEL.test(name);
}

/** IANA_SVC_NAME: what a container port name or a named targetPort must be. */
export function isPortName(name: unknown): boolean {
  return typeof name === "string" && name.length <= 15 && /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(name) && /[a-z]/.test(name) && !name.includes("--");
}

function qualifiedKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf("/");
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) return `prefix ${prefix} is not a DNS subdomain`;
  if (name.length > 63 || !QUALIFIED_NAME.test(name)) return `name part ${name} is not a qualified name`;
  return undefined;
}

function checkLabels(labels: Obj | undefined, where: string, problems: string[]): void {
  for (const [key, value] of Object.entries(labels ?? {})) {
    const keyProblem = qualifiedKeyProblem(key);
    if (keyProblem) problems.push(`${where}: label key ${key}: ${keyProblem}`);
    if (typeof value !== "string" || value.length > 63 || !LABEL_VALUE.test(value))
      problems.push(`${where}: label ${key}=${value} is not a valid label value`);
  }
}

// --- 1. schema -------------------------------------------------------------------------------------------

function schemaProblems(object: Obj, id: string): string[] {
  let models: Obj;
  try {
    models = require(
      isPrometheusOperator(object) ? `@kubernetes-models/prometheus-operator/${object.apiVersion}` : `kubernetes-models/${object.apiVersion}`,
    );
  } catch {
    return [`${id}: no schema for apiVersion ${object.apiVersion}`];
  }
  const Model = models[object.kind];
  if (!Model) return [`${id}: no schema for kind ${object.kind} in ${object.apiVersion}`];
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return [`${id}: schema: ${(error as Error).message}`];
  }
}

// --- 2. unknown fields -------------------------------------------------------------------------------------

type Attribute = { baseName: string; type: string };
type FieldList = { attributeTypeMap?: Attribute[] };

const fieldLists = new Map<string, FieldList | undefined>();

/**
 * A generated model of @kubernetes/client-node, by class name, from its own file (dist/gen/model/<name with
 * a lower-case first letter>): loading the whole package costs most of a second per test file.
 */
function fieldListOf(type: string): FieldList | undefined {
  if (!/^[A-Z][A-Za-z0-9]*$/.test(type)) return undefined; // a primitive, a Date, a map or an array type
  if (!fieldLists.has(type)) {
    let model: FieldList | undefined;
    try {
      model = require(`@kubernetes/client-node/dist/gen/model/${type[0].toLowerCase()}${type.slice(1)}`)[type];
    } catch {
      model = undefined;
    }
    fieldLists.set(type, model);
  }
  return fieldLists.get(type);
}

function modelName(object: Obj): string {
  const version = String(object.apiVersion).split("/").pop()!;
  return `${version[0].toUpperCase()}${version.slice(1)}${object.kind}`;
}

/** What a model's type says, read once per type: the element type of an array, the value type of a map, or the fields of a model. */
type TypeShape = { array: string } | { map: string } | { fields?: Map<string, string> };
const typeShapes = new Map<string, TypeShape>();

function typeShape(type: string): TypeShape {
  let shape = typeShapes.get(type);
  if (!shape) {
    const array = /^Array<(.+)>$/.exec(type);
    const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
    const fields = fieldListOf(type)?.attributeTypeMap;
    shape = array ? { array: array[1] } : map ? { map: map[1] } : { fields: fields && new Map(fields.map((a) => [a.baseName, a.type])) };
    typeShapes.set(type, shape);
  }
  return shape;
}

function walkFields(value: unknown, type: string, at: string, problems: string[]): void {
  if (value === null || value === undefined) return;
  const shape = typeShape(type);
  if ("array" in shape) {
    if (Array.isArray(value)) value.forEach((v, i) => walkFields(v, shape.array, `${at}[${i}]`, problems));
    return;
  }
  if ("map" in shape) {
    if (typeof value === "object") for (const [k, v] of Object.entries(value as Obj)) walkFields(v, shape.map, `${at}.${k}`, problems);
    return;
  }
  const known = shape.fields;
  if (!known || typeof value !== "object") return; // a primitive, IntOrString, quantity or free-form object
  for (const [key, child] of Object.entries(value as Obj)) {
    const childType = known.get(key);
    if (!childType) problems.push(`${at}.${key}: unknown field`);
    else walkFields(child, childType, `${at}.${key}`, problems);
  }
}

function unknownFieldProblems(object: Obj, id: string): string[] {
  // The CRDs' schemas list no unknown fields' refusal (the API server prunes them); metadata is checked below.
  if (isPrometheusOperator(object)) return [];
  const problems: string[] = [];
  const type = modelName(object);
  if (!fieldListOf(type)) return [`${id}: no field list for ${type}`];
  walkFields(object, type, id, problems);
  return problems;
}

// --- 3. the API server's own rules ------------------------------------------------------------------------

function podSpecProblems(spec: Obj | undefined, at: string, claimTemplates: string[] = []): string[] {
  const problems: string[] = [];
  if (!spec) return problems;
  // A StatefulSet's volumeClaimTemplates are volumes of its pods too.
  const volumes = new Set<string>(claimTemplates);
  for (const v of spec.volumes ?? []) {
    if (!isDnsLabel(v.name)) problems.push(`${at}.volumes: ${v.name} is not a DNS label`);
    if (volumes.has(v.name)) problems.push(`${at}.volumes: ${v.name} appears twice`);
    volumes.add(v.name);
  }
  const containerNames = new Set<string>();
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    const where = `${at}.containers[${c.name}]`;
    if (!isDnsLabel(c.name)) problems.push(`${where}: container name is not a DNS label`);
    if (containerNames.has(c.name)) problems.push(`${where}: container name appears twice`);
    containerNames.add(c.name);
    const portNames = new Set<string>();
    const portNumbers = new Set<string>();
    for (const p of c.ports ?? []) {
      if (p.name !== undefined) {
        if (!isPortName(p.name)) problems.push(`${where}: port name ${p.name} is not an IANA service name of at most 15 characters`);
        if (portNames.has(p.name)) problems.push(`${where}: port name ${p.name} appears twice`);
        portNames.add(p.name);
      }
      const key = `${p.containerPort}/${p.protocol ?? "TCP"}`;
      if (portNumbers.has(key)) problems.push(`${where}: port ${key} appears twice`);
      portNumbers.add(key);
    }
    for (const e of c.env ?? []) if (!ENV_NAME.test(e.name)) problems.push(`${where}: env name ${e.name} is not valid`);
    for (const m of c.volumeMounts ?? []) if (!volumes.has(m.name)) problems.push(`${where}: volumeMount ${m.name} names no volume`);
  }
  return problems;
}

function objectRuleProblems(object: Obj, id: string): string[] {
  const problems: string[] = [];
  const meta = object.metadata ?? {};
  const name = meta.name;
  if (LABEL_NAMED_KINDS.has(object.kind) ? !isDnsLabel(name) : !(typeof name === "string" && name.length <= 253 && DNS_SUBDOMAIN.test(name))) {
    problems.push(`${id}: metadata.name ${name} is not a valid ${LABEL_NAMED_KINDS.has(object.kind) ? "DNS label" : "DNS subdomain"}`);
  }
  if (CLUSTER_SCOPED_KINDS.has(object.kind)) {
    if (meta.namespace !== undefined) problems.push(`${id}: a ${object.kind} is cluster-scoped and takes no namespace`);
  } else if (!isDnsLabel(meta.namespace)) problems.push(`${id}: metadata.namespace ${meta.namespace} is not a DNS label`);
  checkLabels(meta.labels, `${id}.metadata.labels`, problems);
  for (const key of Object.keys(meta.annotations ?? {})) {
    const keyProblem = qualifiedKeyProblem(key);
    if (keyProblem) problems.push(`${id}: annotation key ${key}: ${keyProblem}`);
  }
  const json = JSON.stringify(object);
  // UTF-8 writes a UTF-16 unit in 3 bytes at most (a surrogate pair, two units, in 4): a text shorter than a
  // third of the limit is under it, and only a longer one is measured.
  const size = json.length * 3 < ONE_MIB ? json.length : Buffer.byteLength(json);
  if (size >= ONE_MIB) problems.push(`${id}: ${size} bytes; objects must stay under 1 MiB`);

  if (object.kind === "ConfigMap" || object.kind === "Secret") {
    for (const field of ["data", "stringData", "binaryData"]) {
      for (const key of Object.keys(object[field] ?? {})) {
        if (key.length > 253 || !CONFIG_MAP_KEY.test(key)) problems.push(`${id}.${field}: key ${key} is not a valid ${object.kind} key`);
      }
    }
  }

  if (object.kind === "Service") {
    const ports: Obj[] = object.spec?.ports ?? [];
    const names = new Set<string>();
    const numbers = new Set<string>();
    for (const p of ports) {
      if (ports.length > 1 && p.name === undefined) problems.push(`${id}: every port needs a name when there are several`);
      if (p.name !== undefined && !isDnsLabel(p.name)) problems.push(`${id}: port name ${p.name} is not a DNS label`);
      if (p.name !== undefined && names.has(p.name)) problems.push(`${id}: port name ${p.name} appears twice`);
      names.add(p.name);
      const key = `${p.port}/${p.protocol ?? "TCP"}`;
      if (numbers.has(key)) problems.push(`${id}: port ${key} appears twice`);
      numbers.add(key);
      if (typeof p.targetPort === "string" && !isPortName(p.targetPort)) problems.push(`${id}: targetPort ${p.targetPort} is not a valid port name`);
    }
    checkLabels(object.spec?.selector, `${id}.spec.selector`, problems);
  }

  const template = object.spec?.template;
  if (template) {
    if (object.kind === "StatefulSet" && typeof name === "string" && name.length > 52) {
      problems.push(`${id}: a StatefulSet name over 52 characters makes its pods' controller-revision-hash label too long`);
    }
    const podLabels: Obj = template.metadata?.labels ?? {};
    checkLabels(podLabels, `${id}.spec.template.metadata.labels`, problems);
    // A Job's selector is generated by the API server; the workload controllers' must be given and match.
    if (object.kind !== "Job") {
      const selector: Obj = object.spec?.selector?.matchLabels ?? {};
      checkLabels(selector, `${id}.spec.selector.matchLabels`, problems);
      if (Object.keys(selector).length === 0 && !object.spec?.selector?.matchExpressions) problems.push(`${id}: empty selector`);
      for (const [k, v] of Object.entries(selector)) {
        if (podLabels[k] !== v) problems.push(`${id}: selector ${k}=${v} does not match the pod template's labels`);
      }
    }
    const claimTemplates = (object.spec?.volumeClaimTemplates ?? []).map((t: Obj) => t.metadata?.name);
    problems.push(...podSpecProblems(template.spec, `${id}.spec.template.spec`, claimTemplates));
  }
  return problems;
}

// --- across objects -----------------------------------------------------------------------------------------

/** The Secret cert-manager writes for a rendered Certificate, with the keys it writes (cert-manager's secret.go). */
function issuedSecrets(objects: Obj[]): Obj[] {
  return objects
    .filter((o) => o.apiVersion === "cert-manager.io/v1" && o.kind === "Certificate")
    .map((c) => {
      const jks = c.spec?.keystores?.jks?.create ? ["keystore.jks", "truststore.jks"] : [];
      const p12 = c.spec?.keystores?.pkcs12?.create ? ["keystore.p12", "truststore.p12"] : [];
      const data = Object.fromEntries(["tls.crt", "tls.key", "ca.crt", ...jks, ...p12].map((k) => [k, ""]));
      return { kind: "Secret", metadata: { namespace: c.metadata?.namespace, name: c.spec?.secretName }, data };
    });
}

function crossObjectProblems(rendered: Obj[], external: External[]): string[] {
  const problems: string[] = [];
  const objects = [...rendered, ...issuedSecrets(rendered)];
  const find = (kind: string, namespace: string, name: string) =>
    objects.find((o) => o.kind === kind && o.metadata?.namespace === namespace && o.metadata?.name === name);
  const seen = new Set<string>();
  for (const o of rendered) {
    const key = `${o.apiVersion}/${o.kind}/${o.metadata?.namespace ?? ""}/${o.metadata?.name}`;
    if (seen.has(key)) problems.push(`${key}: rendered twice`);
    seen.add(key);
    const ns = o.metadata?.namespace;
    if (o.kind === "StatefulSet") {
      const service = find("Service", ns, o.spec?.serviceName);
      if (!service) problems.push(`${key}: serviceName ${o.spec?.serviceName} names no rendered Service`);
      else if (service.spec?.clusterIP !== "None") problems.push(`${key}: serviceName ${o.spec?.serviceName} is not headless`);
    }
    for (const volume of o.spec?.template?.spec?.volumes ?? []) {
      const ref = volume.configMap ?? volume.secret;
      if (!ref) continue;
      const kind = volume.configMap ? "ConfigMap" : "Secret";
      const refName = volume.configMap ? ref.name : ref.secretName;
      const target = find(kind, ns, refName);
      if (!target) {
        const expected = external.some((e) => e.kind === kind && e.name === refName);
        if (!ref.optional && !expected) problems.push(`${key}: volume ${volume.name} names no rendered ${kind} ${refName}`);
        continue;
      }
      const keys = new Set([...Object.keys(target.data ?? {}), ...Object.keys(target.stringData ?? {})]);
      for (const item of ref.items ?? [])
        if (!keys.has(item.key)) problems.push(`${key}: volume ${volume.name} item ${item.key} is not a key of ${kind} ${refName}`);
    }
  }
  return problems;
}

/** Every problem of the given objects, as one list. */
/** Objects the stack names but does not create: the bank's Secrets and ConfigMaps of keys and CAs. */
export interface External {
  kind: "Secret" | "ConfigMap";
  name: string;
}

/** What Pulumi.prod.yaml names of the bank's own: its signing keystore and its CA. */
export const PROD_EXTERNAL: External[] = [
  { kind: "Secret", name: "obkm-signing-keystore" },
  { kind: "ConfigMap", name: "bank-internal-ca" },
  // The public CAs' roots the prod example trusts besides (the Ingress's ACME certificate, the OB directory's).
  { kind: "ConfigMap", name: "public-ca-roots" },
];

export function validateObjects(objects: Obj[], external: External[] = []): string[] {
  const problems: string[] = [];
  const certManager = objects.filter(isCertManager);
  for (const object of objects.filter((o) => !isCertManager(o))) {
    const id = `${object.kind}/${object.metadata?.name}`;
    problems.push(...schemaProblems(object, id), ...unknownFieldProblems(object, id), ...objectRuleProblems(object, id));
  }
  for (const object of certManager) {
    const id = `${object.kind}/${object.metadata?.name}`;
    problems.push(...certManagerProblems(object, id), ...objectRuleProblems(object, id));
  }
  return [...problems, ...crossObjectProblems(objects, external)];
}

const isCertManager = (o: Obj) => String(o.apiVersion).startsWith("cert-manager.io/");
const isPrometheusOperator = (o: Obj) => String(o.apiVersion).startsWith("monitoring.coreos.com/");

/**
 * cert-manager's own schema of a Certificate, the only cert-manager kind the program renders (ported in
 * cert-manager-certificate.ts), then what its webhook refuses and what cert-manager 1.15 lacks. The
 * webhook also checks secretTemplate's labels and annotation keys with the API server's own rules
 * (metavalidation.ValidateLabels, apivalidation.ValidateAnnotations), which are this file's.
 */
function certManagerProblems(object: Obj, id: string): string[] {
  if (object.apiVersion !== "cert-manager.io/v1" || object.kind !== "Certificate")
    return [`${id}: no schema for ${object.apiVersion} ${object.kind}`];
  const parsed = certificateSchema.safeParse(object);
  if (!parsed.success) return certificateSchemaProblems(object, id);
  const problems = [...certificateWebhookProblems(parsed.data, id), ...certificateSinceProblems(parsed.data, id)];
  const template = parsed.data.spec.secretTemplate;
  checkLabels(template?.labels, `${id}.spec.secretTemplate.labels`, problems);
  for (const key of Object.keys(template?.annotations ?? {})) {
    const keyProblem = qualifiedKeyProblem(key);
    if (keyProblem) problems.push(`${id}: spec.secretTemplate.annotations key ${key}: ${keyProblem}`);
  }
  return problems;
}
