// The host app's whole Vite config: gradflow's compute worker imports chunks of its own, so
// workers are ES modules (the README says so). No plugins, no aliases: 'gradflow' resolves from
// node_modules as npm installed it.
export default { base: './', logLevel: 'warn', worker: { format: 'es' }, build: { chunkSizeWarningLimit: 4000 } };
