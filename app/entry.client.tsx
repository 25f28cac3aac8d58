import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { HydratedRouter } from "react-router/dom";
import { fallbackLanguage, i18nextOptions, isLanguage } from "./i18n/config";

async function main() {
  // The server already chose the language; it is on <html lang>.
  const lang = document.documentElement.lang;
  await i18next
    .use(initReactI18next)
    .init({ ...i18nextOptions, lng: isLanguage(lang) ? lang : fallbackLanguage });
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <HydratedRouter />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

main().catch((error: unknown) => console.error(error));
