import type { Language } from '../../../core/i18n-text.ts';
import { htmlLanguage } from '../i18n/format.ts';

export interface PublicPageState {
  /** The page's link (its page and language). */
  hash: string;
  /** The tab's title. */
  title: string;
  language: Language;
}

/**
 * A public page (the portal, the public project map) keeps its link, the document's language
 * and the tab's title in step with what it shows. The link is replaced, not pushed, so switching
 * language adds no step to the browser's history. Call while a component is being set up.
 */
export function followPublicPage(read: () => PublicPageState): void {
  $effect(() => {
    const { hash } = read();
    if (hash !== location.hash) history.replaceState(history.state, '', hash);
  });
  $effect(() => {
    const { title, language } = read();
    document.documentElement.lang = htmlLanguage(language);
    document.title = title;
  });
}
