/**
 * A step of the import that appears (the progress, the preview, the result) takes the focus at
 * its heading, so a keyboard or screen-reader user is where the dialog now is, not on a button
 * that has gone. The heading needs tabindex="-1".
 */
export function focusHeading(node: HTMLElement): { destroy(): void } {
  const frame = requestAnimationFrame(() => node.focus());
  return { destroy: () => cancelAnimationFrame(frame) };
}
