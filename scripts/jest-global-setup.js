// Tests run the built functions (as CloudBase does), so build them first; esbuild takes well under a second.
module.exports = async () => {
  await import('./build.mjs');
};
