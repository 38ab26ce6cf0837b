import { mount, unmount, type Component } from 'svelte';
import App from './app.svelte';
import { isPortalHash } from './portal/portal-route.ts';
import './styles/app.css';

/**
 * Two apps share this page: the planning map (the entry's own code) and the public portal
 * (`#/tell`, `#/receipt/…`), a chunk of its own fetched only when a portal link is opened, so
 * residents download none of the map's panels and the map's first visit none of the portal.
 * A link from one to the other swaps them in place.
 */
const target = document.getElementById('app')!;
let shown: { portal: boolean; instance: Record<string, unknown> } | undefined;
let wanted = false;

async function show(): Promise<void> {
  const portal = isPortalHash(location.hash);
  wanted = portal;
  if (shown?.portal === portal) return;
  // Unmounted at once, inside the hashchange: the leaving app must not rewrite the new hash.
  if (shown) unmount(shown.instance);
  shown = undefined;
  let component: Component;
  try {
    component = portal ? (await import('./portal/portal-app.svelte')).default : App;
  } catch (error) {
    target.textContent = `加载失败 / Failed to load: ${error instanceof Error ? error.message : String(error)}`;
    return;
  }
  if (wanted !== portal || shown) return; // the reader moved on while the chunk loaded
  target.textContent = '';
  shown = { portal, instance: mount(component, { target }) };
}

// Registered before any app mounts, so this listener runs before the app's own.
addEventListener('hashchange', () => void show());
void show();
