/*! incident-cards ES module entry — MIT OR Apache-2.0
 *
 *   import { mount, scan } from 'https://cdn.example/incident-cards/incident-cards.mjs';
 *   const card = await mount(document.querySelector('#case'), { src: '/data/ICS-0001.json' });
 *   card.unmount();
 *
 * Page-wide configuration goes in window.IncidentCards.config before this module is imported.
 */
// Only a plain object of the page's scripts (markup can make `window.IncidentCards` an
// element); the loader's rule (www/loader/head.js), which also takes one without a prototype.
let G = window.IncidentCards;
const proto = G && typeof G == 'object' && Object.getPrototypeOf(G);
const plain = proto === Object.prototype || proto === null;
if (!plain || !Object.isExtensible(G)) G = window.IncidentCards = Object.assign({}, plain ? G : null);
if (!G.widgetBase) G.widgetBase = new URL('./', import.meta.url).href;
await import(new URL('./embed.js', import.meta.url).href);

/** Mounts a card or list into `element` now; resolves to a handle with `unmount()`. */
export const mount = (element, options) => G.mount(element, options);
/** Upgrades every card below `root` that is not yet upgraded; idempotent. */
export const scan = (root) => G.scan(root);
/** The page-wide configuration in force. */
export const config = G.config;
export default G;
