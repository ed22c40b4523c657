// The integration suite: the program's output run against real parts from Debian's packages (OpenJDK's
// keytool; see README "Tests"). `.ci/run` installs them; `npm test` never needs them.
const unit = require("./jest.config");

module.exports = {
  ...unit,
  roots: ["<rootDir>/tests/integration"],
  testPathIgnorePatterns: [],
  // keytool starts a JVM for each command: a start script that assembles a truststore runs several.
  testTimeout: 120000,
};
