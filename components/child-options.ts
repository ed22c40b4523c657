// Options for a component's children: parented to it, and waiting for what the component itself was told to
// wait for. Pulumi does not pass a component's dependsOn on to its children (@pulumi/pulumi
// runtime/resource.js prepareResource reads only the resource's own), so a component that is told to wait
// for a namespace must make its children wait for it.
import * as pulumi from "@pulumi/pulumi";

export function childOptions(
  parent: pulumi.ComponentResource,
  opts: pulumi.ComponentResourceOptions | undefined,
  ...waitFor: Array<pulumi.Input<pulumi.Resource> | undefined>
): pulumi.CustomResourceOptions {
  // dependsOn takes nested lists and Outputs of lists (runtime/dependsOn.js gatherExplicitDependencies).
  const inherited = opts?.dependsOn === undefined ? [] : [opts.dependsOn];
  const dependsOn = [...inherited, ...waitFor.filter((r) => r !== undefined)] as pulumi.Input<pulumi.Resource>[];
  return { parent, ...(dependsOn.length > 0 ? { dependsOn } : {}) };
}
