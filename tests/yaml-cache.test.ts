// The render's cache of Pulumi.yaml's parse gives what yaml gives, for the same text only.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { PROJECT_DIR } from "../project-dir";
import { parseYamlCached } from "../render/yaml-cache";

const dirs: string[] = [];
function cacheDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-yaml-cache-"));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe("parseYamlCached", () => {
  const project = fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), "utf8");

  it("gives yaml's value of Pulumi.yaml, parsed the first time and read back from the cache after", () => {
    const dir = cacheDir();
    expect(parseYamlCached(project, dir)).toEqual(YAML.parse(project));
    const [entry] = fs.readdirSync(dir);
    // What the cache holds is what a second call returns: spoiled here, it shows through.
    fs.writeFileSync(path.join(dir, entry), JSON.stringify({ read: "from the cache" }));
    expect(parseYamlCached(project, dir)).toEqual({ read: "from the cache" });
  });

  it("keeps a changed text apart: another entry, never the old value", () => {
    const dir = cacheDir();
    parseYamlCached("name: obkm\n", dir);
    expect(parseYamlCached("name: other\n", dir)).toEqual({ name: "other" });
    expect(fs.readdirSync(dir)).toHaveLength(2);
  });

  it("throws yaml's own error for a broken text, and keeps nothing", () => {
    const dir = cacheDir();
    const broken = "config:\n  a: [1, 2\n";
    expect(() => parseYamlCached(broken, dir)).toThrow(YAML.YAMLParseError);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("gives a value JSON cannot hold as yaml does, and keeps nothing", () => {
    const dir = cacheDir();
    expect(parseYamlCached("limit: .inf\n", dir)).toEqual({ limit: Infinity });
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
