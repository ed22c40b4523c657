// Where Pulumi.yaml, the stack files and config-templates/ are: relative paths in config start here. A
// module of its own, so that reading it loads nothing else (no Pulumi SDK).
export const PROJECT_DIR = __dirname;
