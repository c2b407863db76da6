// `.proto` files import as their text (esbuild's text loader in scripts/build.mjs, a plugin in vitest.config.ts).
declare module '*.proto' {
  const text: string;
  export default text;
}
