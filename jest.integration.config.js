// The integration suite: the program's output run against real parts from Debian's packages (OpenJDK's
// keytool and java, MariaDB, PostgreSQL; see CONTRIBUTING.md, "Tests"). `.ci/integration-setup` installs them;
// `npm test` never needs them.
const unit = require("./jest.config");

module.exports = {
  ...unit,
  roots: ["<rootDir>/tests/integration"],
  testPathIgnorePatterns: [],
  // The suite's own MariaDB and PostgreSQL, started for the run on free loopback ports and stopped after it
  // (tests/integration/servers/); the machine's servers and their accounts are never touched.
  globalSetup: "<rootDir>/tests/integration/servers/global-setup.ts",
  globalTeardown: "<rootDir>/tests/integration/servers/global-teardown.ts",
  // keytool starts a JVM for each command: a start script that assembles a truststore runs several.
  testTimeout: 120000,
};
