// Developer warnings (a missing business-name, a second definition) ship only in the `development` build, as Lit
// does with its own: rollup.config.mjs rewrites this constant to false for the script tag and the npm production
// entries, and the minifier drops what it guards. Errors a merchant must see (ssc-error, console.error) never hide
// behind it.
export const DEV_MODE: boolean = true;
