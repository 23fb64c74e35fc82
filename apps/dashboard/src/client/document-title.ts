import { useEffect } from 'react';

/**
 * Keeps `document.title` to the page in view: its own heading, the plan (the header's h1 when the page
 * heading is a level below), and the product name, so browser tabs, history and a screen reader's
 * page announcement tell pages apart. Read from the rendered headings rather than passed down by every
 * page, so a page whose heading arrives with its data is titled when it arrives.
 */
export function useDocumentTitle(productName: string): void {
  useEffect(() => {
    const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    const update = () => {
      const page = text(document.querySelector('main h1, main h2'));
      const plan = text(document.querySelector('header h1'));
      const parts = [...new Set([page, plan, productName].filter((p) => p !== ''))];
      const title = parts.join(' – ');
      if (document.title !== title) document.title = title;
    };
    update();
    const observer = new MutationObserver(update);
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    return () => observer.disconnect();
  }, [productName]);
}
