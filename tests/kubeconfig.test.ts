// cluster.kubeconfig is a path the provider reads, never a kubeconfig's content (whose token the provider's
// inputs would keep in clear, in the state and in resources.yaml), and it reaches the provider as the user
// gave it, not as an absolute path of the machine that rendered it (config/kubeconfig-path.ts).
import * as YAML from "yaml";
import { ConfigError } from "../config/problems";
import { planStackFromTexts } from "../plan-from-config";
import { PROJECT_DIR } from "../project-dir";
import { cliConfig, loadMinimal, MINIMAL_SETTINGS } from "./helpers/cli-config";
import { render } from "./helpers/render";

const TOKEN = "eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXRva2Vu";
const CONTENT_YAML = `apiVersion: v1\nkind: Config\nusers:\n- name: km\n  user:\n    token: ${TOKEN}\n`;
const CONTENT_JSON = JSON.stringify({ apiVersion: "v1", kind: "Config", users: [{ name: "km", user: { token: TOKEN } }] });

describe("cluster.kubeconfig", () => {
  it.each([
    ["YAML content", CONTENT_YAML],
    ["JSON content", CONTENT_JSON],
    ["a single line of YAML", `apiVersion: v1 # token ${TOKEN}`],
  ])("is refused as %s, naming the key and what to type, without showing the token", (_what, value) => {
    let thrown: unknown;
    try {
      loadMinimal({ "obkm:cluster.kubeconfig": value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).problems).toEqual([
      expect.stringMatching(
        /^obkm:cluster\.kubeconfig: got a value that is not shown; expected empty or the path of a kubeconfig file, .*not a kubeconfig's content/,
      ),
    ]);
    expect((thrown as ConfigError).message).not.toContain(TOKEN);
  });

  it("is refused as a map (a kubeconfig pasted as YAML under the key), without showing it", () => {
    const texts = cliConfig(MINIMAL_SETTINGS);
    const cluster = { context: "", kubeconfig: { apiVersion: "v1", users: [{ name: "km", user: { token: TOKEN } }] } };
    expect(() => planStackFromTexts({ ...texts, "obkm:cluster": JSON.stringify(cluster) }, { stack: "dev", projectDir: PROJECT_DIR })).toThrow(
      ConfigError,
    );
    try {
      planStackFromTexts({ ...texts, "obkm:cluster": JSON.stringify(cluster) }, { stack: "dev", projectDir: PROJECT_DIR });
    } catch (error) {
      expect((error as ConfigError).message).not.toContain(TOKEN);
    }
  });

  it.each(["kube/prod", "./kube/prod", "~/.kube/bank", "/etc/kube/config"])("reaches the provider as given: %s", (given) => {
    expect(loadMinimal({ "obkm:cluster.kubeconfig": given }).config.cluster.kubeconfig).toBe(given);
  });

  it("stands in resources.yaml as the user typed it, not as a path of the rendering machine", async () => {
    const rendered = await render(["cluster.context=kind-obkm", "cluster.kubeconfig=kube/prod"]);
    const provider = (YAML.parse(rendered.files["resources.yaml"]) as any[]).find((e) => e.type === "pulumi:providers:kubernetes");
    expect(provider.cluster).toEqual({ context: "kind-obkm", kubeconfig: "kube/prod", identifier: "(none: a change of cluster may be an update)" });
    expect(rendered.files["resources.yaml"]).not.toContain(PROJECT_DIR);
  });
});
