// The app is built from a temp folder whose node_modules links to the test's cached install (Next won't compile app
// code under a node_modules path); Turbopack's root must hold both.
export default { turbopack: { root: '/' } };
