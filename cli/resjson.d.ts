// resjson files are JSON; esbuild loads them with the json loader (scripts/build.mjs).
declare module "*.resjson" {
  const strings: Record<string, string>;
  export default strings;
}
