// The render as `pulumi preview` shows a stack that has none of its generated values yet (a new stack, or a
// credentialRotation or keystores.rotation change): what the providers generate is unknown, so nothing computed
// from it inside an apply is known either. The engine must still know every object's identity (kind, name,
// namespace) at preview: an object whose name is unknown is autonamed by the provider or shown as a
// replacement that `pulumi up` would not make. Rendered by the run's render server, not through the render
// cache: the cache holds update renders only.
import { UNKNOWN_IN_PREVIEW } from "../render/redaction-marker";
import type { K8sObject } from "../render/manifests";
import { CLUSTER_SCOPED_KINDS } from "./helpers/k8s-scopes";
import { render, renderHeard } from "./helpers/render";
import { stackConfig } from "./helpers/stack-config";

const identity = (o: K8sObject) => `${o.apiVersion} ${o.kind} ${o.metadata.namespace ?? "-"}/${o.metadata.name}`;

/** Every leaf of an object by its path. */
function leaves(value: unknown, at = ""): Array<[string, unknown]> {
  if (value && typeof value === "object") return Object.entries(value).flatMap(([key, v]) => leaves(v, `${at}/${key}`));
  return [[at, value]];
}

describe.each(["dev", "prod"])("a preview render of %s", (stack) => {
  let preview: K8sObject[];
  let update: K8sObject[];
  let warned: string[];
  beforeAll(async () => {
    // The program's warnings, which the SDK prints where no engine runs, kept out of the test log and
    // checked below.
    const heard = await renderHeard({ ...stackConfig(stack, []), preview: true });
    preview = heard.rendered.objects;
    warned = heard.warned;
    update = (await render([], stack)).objects;
  }, 120_000);

  it("warns the dev stack of its way to the OB directory's JWKS, and the prod stack, which has one, of nothing", () => {
    expect(warned.map((w) => /^warning: \[runtime\] (obkm:[\w.]+)/.exec(w)?.[1])).toEqual(stack === "dev" ? ["obkm:httpProxy.host"] : []);
  });

  it("knows every object's kind, name and namespace, so the provider neither autonames nor replaces one", () => {
    for (const o of preview) {
      const known = (v: unknown) => typeof v === "string" && v !== "" && v !== UNKNOWN_IN_PREVIEW;
      expect({ object: identity(o), name: known(o.metadata.name) }).toEqual({ object: identity(o), name: true });
      const namespaced = !CLUSTER_SCOPED_KINDS.has(o.kind);
      expect({ object: identity(o), namespace: namespaced ? known(o.metadata.namespace) : o.metadata.namespace === undefined }).toEqual({
        object: identity(o),
        namespace: true,
      });
      expect({ object: identity(o), labels: JSON.stringify((o.metadata as { labels?: unknown }).labels ?? {}).includes(UNKNOWN_IN_PREVIEW) }).toEqual(
        {
          object: identity(o),
          labels: false,
        },
      );
    }
  });

  it("previews the same objects the update creates", () => {
    expect(preview.map(identity).sort()).toEqual(update.map(identity).sort());
  });

  it("shows a value as unknown only where the update computes it, and every other value as the update has it", () => {
    const byIdentity = new Map(update.map((o) => [identity(o), new Map(leaves(o))]));
    let unknowns = 0;
    for (const o of preview) {
      const after = byIdentity.get(identity(o))!;
      for (const [at, value] of leaves(o)) {
        if (value === UNKNOWN_IN_PREVIEW) unknowns++;
        else expect({ object: identity(o), at, value }).toEqual({ object: identity(o), at, value: after.get(at) });
      }
    }
    // The credentials' revision, from generated passwords, is unknown in every preview of a new stack.
    expect(unknowns).toBeGreaterThan(0);
  });

  it("cannot know the credentials' revision that rolls the nodes, as pulumi preview cannot", () => {
    const sts = preview.find((o) => o.kind === "StatefulSet" && o.metadata.name === "obkm-km") as any;
    expect(sts.spec.template.metadata.annotations["obkm.wso2.com/credentials-revision"]).toBe(UNKNOWN_IN_PREVIEW);
  });
});
