/** A task's resources.resjson (its localized labels and messages), imported as JSON by the bundler. */
declare module "*.resjson" {
  const strings: Record<string, string>;
  export default strings;
}
