// Pulumi.yaml's `config:` block as the Pulumi CLI reads it before a program runs (pulumi/pulumi
// sdk/go/common/workspace/project.go: RewriteShorthandConfigValues, Project.Validate, ValidateConfigValue,
// InferFullTypeName; the allowed declaration fields are those of project.json's configTypeDeclaration).

export type ConfigTypeName = "string" | "integer" | "boolean" | "array" | "object";
const TYPE_NAMES: readonly string[] = ["string", "integer", "boolean", "array", "object"];

export interface ItemsType {
  type: string;
  items?: ItemsType;
}

export interface ConfigDeclaration {
  type?: ConfigTypeName;
  description?: string;
  items?: ItemsType;
  default?: unknown;
  value?: unknown;
  secret?: boolean;
}

export interface ProjectConfig {
  name: string;
  config: Record<string, ConfigDeclaration>;
}

export class ProjectConfigError extends Error {}

const DECLARATION_FIELDS = new Set(["type", "description", "items", "default", "value", "secret"]);

function isPrimitive(value: unknown): boolean {
  return typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isInteger(value));
}

export function namespacedByProject(projectName: string, key: string): boolean {
  return !key.includes(":") || key.startsWith(`${projectName}:`);
}

/** Reads the parsed Pulumi.yaml: a short-hand value becomes a default (own keys) or a value (others'). */
export function projectConfigOf(project: { name?: unknown; config?: unknown }): ProjectConfig {
  if (typeof project.name !== "string" || project.name === "") throw new ProjectConfigError("project is missing a 'name' attribute");
  const config: Record<string, ConfigDeclaration> = {};
  const raw = project.config;
  if (raw !== undefined && raw !== null && (typeof raw !== "object" || Array.isArray(raw))) {
    throw new ProjectConfigError("Pulumi.yaml: config must be a map of keys to their declarations");
  }
  for (const [key, declared] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
    if (isPrimitive(declared) || Array.isArray(declared)) {
      config[key] = namespacedByProject(project.name, key) ? { default: declared } : { value: declared };
      continue;
    }
    if (typeof declared !== "object" || declared === null) throw new ProjectConfigError(`#/config/${key}: expected a value or a declaration`);
    for (const field of Object.keys(declared)) {
      if (!DECLARATION_FIELDS.has(field)) throw new ProjectConfigError(`#/config/${key}: additionalProperties '${field}' not allowed`);
    }
    const type = (declared as ConfigDeclaration).type;
    if (type !== undefined && !TYPE_NAMES.includes(type)) {
      throw new ProjectConfigError(`#/config/${key}/type: value must be one of "string", "integer", "boolean", "array", "object"`);
    }
    config[key] = declared as ConfigDeclaration;
  }
  validateProject(project.name, config);
  return { name: project.name, config };
}

function validateProject(projectName: string, config: Record<string, ConfigDeclaration>): void {
  for (const [key, declared] of Object.entries(config)) {
    if (declared.default !== undefined && declared.value !== undefined) {
      throw new ProjectConfigError(`project config '${key}' cannot have both a 'default' and 'value' attribute`);
    }
    if (namespacedByProject(projectName, key)) {
      if (declared.type === "array" && declared.items === undefined) {
        throw new ProjectConfigError(
          `The configuration key '${key}' declares an array but does not specify the underlying type via the 'items' attribute`,
        );
      }
      if (declared.type !== undefined && declared.default !== undefined && !validateConfigValue(declared.type, declared.items, declared.default)) {
        throw new ProjectConfigError(
          `The default value specified for configuration key '${key}' is not of the expected type '${fullTypeName(declared.type, declared.items)}'`,
        );
      }
    } else {
      if (declared.type !== undefined)
        throw new ProjectConfigError(`Configuration key '${key}' is not namespaced by the project and should not define a type`);
      if (declared.default !== undefined) {
        throw new ProjectConfigError(
          `Configuration key '${key}' is not namespaced by the project and should not define a default value. Did you mean to use the 'value' attribute instead of 'default'?`,
        );
      }
      if (declared.value === undefined)
        throw new ProjectConfigError(`Configuration key '${key}' is namespaced and must provide an attribute 'value'`);
    }
  }
}

export function fullTypeName(type: string, items?: ItemsType): string {
  return items ? `array<${fullTypeName(items.type, items.items)}>` : type;
}

/**
 * Whether a value fits a declared type, with the CLI's leniency: an integer may be a whole float or a string
 * that Go's strconv.Atoi reads, a boolean the string "true" or "false".
 */
export function validateConfigValue(type: string, items: ItemsType | undefined, value: unknown): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "integer":
      if (typeof value === "number") return Number.isInteger(value);
      return typeof value === "string" && /^[+-]?\d+$/.test(value) && BigInt(value) >= -(2n ** 63n) && BigInt(value) < 2n ** 63n;
    case "boolean":
      return typeof value === "boolean" || value === "true" || value === "false";
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    default:
      return Array.isArray(value) && items !== undefined && value.every((item) => validateConfigValue(items.type, items.items, item));
  }
}
