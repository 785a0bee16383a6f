// Loaded with --import into a forked model worker: gives it the `process.parentPort` an Electron utility
// process has (messages wrapped as { data }), carried over the fork's IPC channel, so the worker's
// utility-process path runs without Electron.
process.parentPort = {
  on: (event, listener) => process.on(event, (message) => listener({ data: message })),
  postMessage: (message) => process.send(message),
};
