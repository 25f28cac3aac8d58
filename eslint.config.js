import js from "@eslint/js";
import i18next from "eslint-plugin-i18next";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

// The app's useTranslation (one shared `t` per language) instead of react-i18next's, which copies
// the i18next instance in every component that calls it (app/i18n/use-translation.ts).
const useTranslationFromTheApp = {
  name: "react-i18next",
  importNames: ["useTranslation"],
  message: "Import useTranslation from ~/i18n/use-translation.",
};

export default tseslint.config(
  { ignores: ["build/", "node_modules/", "data/", ".react-router/", "drizzle/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      // `import { type X }` keeps the module import (only X goes): a route importing a type of a
      // .server module that way pulls the module into the client build, which then fails.
      "@typescript-eslint/no-import-type-side-effects": "error",
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  {
    files: ["app/**/*.tsx"],
    plugins: { "react-hooks": reactHooks, "jsx-a11y": jsxA11y, i18next },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      // Every user-facing string goes through i18next: literal text in JSX, and in the
      // attributes a user reads or hears, is an error.
      "i18next/no-literal-string": [
        "error",
        {
          mode: "jsx-only",
          "jsx-attributes": {
            include: [
              "title",
              "alt",
              "placeholder",
              "aria-label",
              "aria-description",
              "aria-valuetext",
              "label",
            ],
          },
          words: { exclude: ["[0-9!-/:-@[-`{-~\\s·–—]+", "Trellis"] },
        },
      ],
    },
  },
  {
    // useTranslation from the app (above); the routes' block below repeats it with its own patterns.
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/routes/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [useTranslationFromTheApp],
        },
      ],
    },
  },
  {
    // Route modules and the app may not reach into the database client directly.
    files: ["app/routes/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [useTranslationFromTheApp],
          patterns: [
            { group: ["drizzle-orm", "drizzle-orm/*"], message: "Routes call models; models own SQL." },
            { group: ["~/db/client.server", "~/db/schema", "~/db/schema/*"], message: "Routes call models." },
          ],
        },
      ],
    },
  },
);
