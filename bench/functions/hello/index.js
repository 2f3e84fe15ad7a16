// The smallest function: what an instance costs to start and to call, without any SDK.
exports.main = async () => ({ hello: 'world' });
