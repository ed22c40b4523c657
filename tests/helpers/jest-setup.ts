// Each test file loads its own copy of the Pulumi SDK (jest gives every file its own modules), and each copy
// adds one process "exit" listener for its promise-leak report (@pulumi/pulumi runtime/debuggable.js). A
// worker that runs a dozen such files passes node's default warning limit of ten listeners; that is the
// expected count here, not a leak.
process.setMaxListeners(50);
