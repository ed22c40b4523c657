// The policies of the obkm policy pack, as pure functions of one resource: each returns its violations,
// each a sentence that says what is wrong and what to do. index.ts hands them to @pulumi/policy; the tests
// call them directly. The pack is a package of its own (published alone by `pulumi policy publish`), so it
// imports nothing from the program: the stack kinds come as data, stack-kinds.json, which `npm run
// sync-config` copies from the program's config/stack-kinds.json (the program's tests hold the copy current).

import stackKinds from "./stack-kinds.json";

/** What a policy sees of a resource: its type, name and URN, its inputs, and the options that guard it. */
export interface PolicyResource {
  type: string;
  name: string;
  urn: string;
  props: Record<string, any>;
  protect: boolean;
}

export interface Policy {
  name: string;
  description: string;
  check(resource: PolicyResource): string[];
}

const KM_COMPONENT = "key-manager";

/** The stack of a resource, from its URN (urn:pulumi:<stack>::<project>::<type>::<name>). */
export function stackOf(urn: string): string {
  return urn.split("::")[0].split(":").pop() ?? "";
}

function isKeyManager(props: Record<string, any>): boolean {
  return props?.metadata?.labels?.["app.kubernetes.io/component"] === KM_COMPONENT;
}

/** A stack that may run one node: a name or a prefix of stack-kinds.json's `dev`, as config/stacks.ts reads them. */
export function isDevStack(stack: string): boolean {
  const { names, prefixes } = stackKinds.dev;
  return names.includes(stack) || prefixes.some((prefix) => stack.startsWith(prefix));
}

// The credentials this program manages, as they would stand in a node file: a datasource's password, the
// admin user's, an LDAP bind password. (The stock keystore passwords of carbon.xml and
// catalina-server.xml are the pack's defaults, for Carbon's secure vault to protect; they are not these.)
const CREDENTIAL_FILES = /(^|__|\/)(master-datasources|user-mgt)\.xml$/;
const CREDENTIAL_PATTERNS: Array<[RegExp, string]> = [
  [/<password>[^<\s][^<]*<\/password>/, "a datasource password"],
  [/<AdminUser>[\s\S]*?<Password>[^<\s][^<]*<\/Password>/, "the admin user's password"],
  [/name="ConnectionPassword">[^<\s][^<]*</, "an LDAP bind password"],
];

export const noPasswordInConfigMap: Policy = {
  name: "obkm-no-password-in-configmap",
  description: "No ConfigMap carries a password: files that hold credentials belong in a Secret.",
  check: ({ type, name, props }) => {
    if (type !== "kubernetes:core/v1:ConfigMap") return [];
    const violations: string[] = [];
    for (const [key, value] of Object.entries<unknown>(props.data ?? {})) {
      if (CREDENTIAL_FILES.test(key)) violations.push(`ConfigMap ${name} holds ${key}, a file with passwords; put it in a Secret.`);
      else if (typeof value === "string") {
        for (const [pattern, what] of CREDENTIAL_PATTERNS) {
          if (pattern.test(value)) violations.push(`ConfigMap ${name} holds ${what} in ${key}; put the file in a Secret.`);
        }
      }
    }
    return violations;
  },
};

export const highlyAvailableOutsideDev: Policy = {
  name: "obkm-two-nodes-outside-dev",
  description: "The Key Manager StatefulSet has at least 2 replicas in every stack but dev.",
  check: ({ type, name, urn, props }) => {
    if (type !== "kubernetes:apps/v1:StatefulSet" || !isKeyManager(props) || isDevStack(stackOf(urn))) return [];
    const replicas = props.spec?.replicas ?? 1;
    return replicas >= 2
      ? []
      : [`StatefulSet ${name} runs ${replicas} Key Manager node in stack ${stackOf(urn)}; run at least 2 (replicas) outside dev.`];
  },
};

export const stickyIngress: Policy = {
  name: "obkm-sticky-ingress",
  description: "The Key Manager's Ingress has cookie affinity and no ssl-passthrough, which would cancel it.",
  check: ({ type, name, props }) => {
    if (type !== "kubernetes:networking.k8s.io/v1:Ingress" || !isKeyManager(props)) return [];
    const annotations: Record<string, string> = props.metadata?.annotations ?? {};
    const violations: string[] = [];
    if (annotations["nginx.ingress.kubernetes.io/affinity"] !== "cookie") {
      violations.push(
        `Ingress ${name} has no cookie affinity; SSO and the management console need sticky sessions (nginx.ingress.kubernetes.io/affinity: cookie).`,
      );
    }
    if (String(annotations["nginx.ingress.kubernetes.io/ssl-passthrough"]) === "true") {
      violations.push(`Ingress ${name} sets ssl-passthrough, which makes nginx ignore cookie affinity; remove it.`);
    }
    return violations;
  },
};

export const restrictedPods: Policy = {
  name: "obkm-restricted-pods",
  description: "Key Manager pods run restricted: not as root, without privilege escalation, with all capabilities dropped.",
  check: ({ type, name, props }) => {
    if (type !== "kubernetes:apps/v1:StatefulSet" || !isKeyManager(props)) return [];
    const pod = props.spec?.template?.spec ?? {};
    const violations: string[] = [];
    for (const c of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
      const sc = c.securityContext ?? {};
      if ((sc.runAsNonRoot ?? pod.securityContext?.runAsNonRoot) !== true)
        violations.push(`StatefulSet ${name}: container ${c.name} may run as root; set runAsNonRoot.`);
      if (sc.allowPrivilegeEscalation !== false)
        violations.push(`StatefulSet ${name}: container ${c.name} allows privilege escalation; set allowPrivilegeEscalation: false.`);
      if (!(sc.capabilities?.drop ?? []).includes("ALL"))
        violations.push(`StatefulSet ${name}: container ${c.name} keeps its capabilities; drop ALL.`);
    }
    return violations;
  },
};

export const guardedSharedClaims: Policy = {
  name: "obkm-guarded-shared-claims",
  description: "The Key Manager's shared artifact claims are protected against deletion and replacement.",
  check: ({ type, name, props, protect }) => {
    if (type !== "kubernetes:core/v1:PersistentVolumeClaim" || !isKeyManager(props)) return [];
    return protect ? [] : [`PersistentVolumeClaim ${name} holds the shared artifacts but is not protected; keep protectSharedStorage on.`];
  },
};

export const POLICIES: Policy[] = [noPasswordInConfigMap, highlyAvailableOutsideDev, stickyIngress, restrictedPods, guardedSharedClaims];
