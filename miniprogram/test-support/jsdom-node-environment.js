// Jest environment for page tests that also run the local CloudBase in-process: jsdom for
// miniprogram-simulate, plus the Node globals the emulator and the server SDK rely on, which
// jest-environment-jsdom leaves out. Plain JS because Jest loads environments untransformed.
const { TestEnvironment } = require('jest-environment-jsdom');

const NODE_GLOBALS = [
  'structuredClone',
  'fetch',
  'Request',
  'Response',
  'Headers',
  'TextEncoder',
  'TextDecoder',
  'setImmediate',
  'clearImmediate',
];

class JsdomNodeEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of NODE_GLOBALS) {
      if (this.global[name] === undefined && globalThis[name] !== undefined) this.global[name] = globalThis[name];
    }
    // The emulator runs in-process and keeps Node timer handles (it calls .unref() so they never hold the
    // process open); jsdom's timers answer plain numbers. Node's timers serve the page code just as well.
    for (const name of ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval']) this.global[name] = globalThis[name];
    // Without XMLHttpRequest, axios (inside the server SDK) uses its Node HTTP adapter, as in production.
    delete this.global.XMLHttpRequest;
  }

  // Resolve packages' Node builds (bson, the SDKs), not their browser builds.
  exportConditions() {
    return ['node', 'node-addons'];
  }
}

module.exports = JsdomNodeEnvironment;
