// One lint for the whole project (npm run lint): typescript-eslint's recommended rules, type-aware
// where it is cheap (floating promises: a dropped promise is a silent dead button in the tab or a
// lost write in a task), react-hooks for the tab, and Prettier owning the layout.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import prettier from "eslint-config-prettier";
import globals from "globals";

export default tseslint.config(
  {
    ignores: [
      "build/",
      "dist/",
      "node_modules/",
      "test/fixtures/",
      "examples/",
      "core/validator/configSchema.generated.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: {
      parserOptions: { project: ["./tsconfig.json", "./tsconfig.hub.json"], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      // `_`-prefixed parameters are part of an interface the function implements but does not use.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      // `import tl = require("azure-pipelines-task-lib/task")` is how task-lib and web-tree-sitter's CommonJS
      // builds are typed and bundled (the ESM build of web-tree-sitter crashes bundled to CJS).
      "@typescript-eslint/no-require-imports": ["error", { allowAsImport: true }],
    },
  },
  {
    // Tests walk documents whose shape is what they assert (SARIF, the .vsix manifest, REST bodies,
    // JSON reports): typing each path would restate the schema they check against.
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["hub/**/*.tsx", "test/hub/**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ["**/*.mjs", "**/*.cjs", "bin/**/*.js"],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // CommonJS files are plain Node scripts: require is their import.
    files: ["**/*.cjs", "bin/**/*.js"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // Functions the bench hands to page.evaluate run in the browser.
    files: ["scripts/bench.mjs"],
    languageOptions: { globals: { ...globals.node, window: "readonly" } },
  },
  prettier,
);
