/**
 * A panel that opens takes the keyboard focus (so a keyboard user is in it, not left behind in
 * the top bar), and gives it back where it came from when it closes (Escape, its × button) —
 * unless the user has moved on to something else meanwhile.
 */
export function takeFocus(node: HTMLElement): { destroy(): void } {
  const cameFrom = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : undefined;
  if (!node.hasAttribute('tabindex')) node.tabIndex = -1;
  const frame = requestAnimationFrame(() => {
    if (!node.contains(document.activeElement)) node.focus({ preventScroll: true });
  });
  return {
    destroy() {
      cancelAnimationFrame(frame);
      const now = document.activeElement;
      const focusWasHere = !now || now === document.body || node.contains(now);
      if (focusWasHere && cameFrom?.isConnected) cameFrom.focus({ preventScroll: true });
    },
  };
}
