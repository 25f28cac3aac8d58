// The browser's i18n instance: the part of i18next's instance the app uses (language, dir,
// changeLanguage, getFixedT, the languageChanged event), over app/i18n/translate.ts. It loads a
// language's translations before switching to it, as i18next with a backend does.
import { createTranslate, type Translate, type TranslationTree } from "./translate";

type Listener = (lng: string) => void;

const RTL = new Set(["ar", "arc", "ckb", "dv", "fa", "ha", "he", "khw", "ks", "ku", "ps", "sd", "ur", "yi"]);

export class BrowserI18n {
  language: string;
  private readonly trees = new Map<string, TranslationTree>();
  private readonly fixed = new Map<string, Translate>();
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly options: {
      lng: string;
      fallbackLng: string;
      load: (lng: string) => Promise<TranslationTree>;
    },
  ) {
    this.language = options.lng;
  }

  /** Load the page's language and the fallback (when it is another one). */
  async init(): Promise<this> {
    await Promise.all([this.ensure(this.language), this.ensure(this.options.fallbackLng)]);
    return this;
  }

  private async ensure(lng: string): Promise<void> {
    if (this.trees.has(lng)) return;
    this.trees.set(lng, await this.options.load(lng));
  }

  /** Switch language once its translations are here (a failed load keeps the current one). */
  async changeLanguage(lng: string): Promise<Translate> {
    await this.ensure(lng);
    if (this.language !== lng) {
      this.language = lng;
      for (const listener of this.listeners) listener(lng);
    }
    return this.getFixedT(lng);
  }

  getFixedT(lng: string): Translate {
    let t = this.fixed.get(lng);
    if (!t) {
      t = createTranslate(
        {
          tree: (code) => this.trees.get(code),
          fallbackLng: this.options.fallbackLng,
          currentLanguage: () => this.language,
        },
        lng,
      );
      this.fixed.set(lng, t);
    }
    return t;
  }

  get t(): Translate {
    return this.getFixedT(this.language);
  }

  dir(lng: string = this.language): "ltr" | "rtl" {
    return RTL.has(lng.split("-")[0]?.toLowerCase() ?? "") ? "rtl" : "ltr";
  }

  on(event: "languageChanged", listener: Listener): this {
    if (event === "languageChanged") this.listeners.add(listener);
    return this;
  }

  off(event: "languageChanged", listener: Listener): this {
    if (event === "languageChanged") this.listeners.delete(listener);
    return this;
  }
}
