import type { Locator } from '@playwright/test';

/** One element that does not fit where it is shown. */
export interface LayoutProblem {
  element: string;
  problem: string;
}

/**
 * Looks for layout breakage inside `root`: an element sticking out of its nearest clipping or
 * scrolling ancestor (or of `root`), a scroll container whose content is wider than it (a column
 * hidden behind a scroll), and a label, badge, button or table header wrapped onto several lines
 * in the middle of a word. Visually hidden helpers (1 px, clipped) and ellipsis cells are allowed.
 */
export async function layoutProblems(root: Locator): Promise<LayoutProblem[]> {
  return root.evaluate((rootElement) => {
    const problems: { element: string; problem: string }[] = [];
    const describe = (element: Element) => {
      const classes = element.getAttribute('class')?.split(/\s+/).slice(0, 2).join('.') ?? '';
      const text = (element.textContent ?? '').trim().slice(0, 40);
      return `${element.tagName.toLowerCase()}${classes ? `.${classes}` : ''} "${text}"`;
    };
    const visible = (element: Element) => {
      const rect = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      return rect.width > 1 && rect.height > 1 && style.visibility !== 'hidden' && style.opacity !== '0';
    };
    const clips = (element: Element) => {
      const style = getComputedStyle(element);
      return style.overflowX !== 'visible' || style.overflowY !== 'visible';
    };
    const ellipsis = (element: Element) => getComputedStyle(element).textOverflow === 'ellipsis';

    for (const element of rootElement.querySelectorAll('*')) {
      if (!visible(element) || element.closest('[aria-hidden="true"], .visually-hidden')) continue;
      const rect = element.getBoundingClientRect();
      let container: Element | null = element.parentElement;
      while (container && container !== rootElement && !clips(container)) container = container.parentElement;
      const bounds = (container ?? rootElement).getBoundingClientRect();
      if (rect.right > bounds.right + 1 || rect.left < bounds.left - 1)
        problems.push({
          element: describe(element),
          problem: `spans ${Math.round(rect.left)}–${Math.round(rect.right)} px, outside its container ${Math.round(bounds.left)}–${Math.round(bounds.right)} px`,
        });
      if (clips(element) && !ellipsis(element) && element.scrollWidth > element.clientWidth + 1)
        problems.push({
          element: describe(element),
          problem: `content ${element.scrollWidth} px wide in a ${element.clientWidth} px box (hidden behind a scroll)`,
        });
    }
    // A placeholder is read in full: it fits inside the input's padding box.
    const canvas = document.createElement('canvas').getContext('2d');
    for (const input of rootElement.querySelectorAll<HTMLInputElement>('input[placeholder]')) {
      if (!visible(input) || input.value !== '' || !canvas) continue;
      const style = getComputedStyle(input);
      canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const needed = canvas.measureText(input.placeholder).width;
      if (needed > room + 1)
        problems.push({
          element: describe(input),
          problem: `placeholder needs ${Math.round(needed)} px, ${Math.round(room)} px shown`,
        });
    }
    // Short labels never wrap mid-word: a wrapped one has more line boxes than words allow.
    for (const element of rootElement.querySelectorAll('.badge, .btn, th, .field-label, .segmented-face')) {
      if (!visible(element)) continue;
      const text = (element.textContent ?? '').trim();
      const lineHeight = parseFloat(getComputedStyle(element).lineHeight) || 18;
      // Line boxes of the text itself (not icons), clustered by their vertical position.
      const tops: number[] = [];
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const rect of range.getClientRects()) if (rect.width > 0) tops.push(rect.top);
      }
      tops.sort((a, b) => a - b);
      const lines = tops.filter(
        (top, index) => index === 0 || top - (tops[index - 1] ?? top) > lineHeight * 0.6,
      ).length;
      // Spaceless text (Japanese, one English word) must be on one line; a sentence may wrap at spaces.
      if (!/\s/.test(text) && lines > 1)
        problems.push({ element: describe(element), problem: `wraps onto ${lines} lines mid-word` });
    }
    return problems;
  });
}
