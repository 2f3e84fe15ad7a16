// Tests call the emulator with the stock SDK from outside a function. Outside CloudBase the SDK probes the
// Tencent Cloud metadata host before every request (30 ms timeout, never cached when it fails); telling it that
// it runs on Tencent Cloud skips the probe. It changes nothing else we use: `serviceUrl` still decides the endpoint.
process.env.TENCENTCLOUD = 'true';
