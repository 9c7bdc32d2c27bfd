// Type declarations of the incident-cards package: the ES module API (`mount`, `scan`, `config`,
// `ready`), the page's global `window.IncidentCards`, the two custom elements and their events.
// Attribute values are strings in HTML; the option types below say which strings mean something.

/** `light`, `dark`, or `auto` (follows the reader's `prefers-color-scheme` as it changes). */
export type Theme = 'light' | 'dark' | 'auto';
/** `full` shows every section; `compact` the title, badge, summary and a link to the case. */
export type Variant = 'full' | 'compact';
/** A minimum severity level for lists. */
export type Severity = 'info' | 'low' | 'moderate' | 'high' | 'critical';
/** The level of a card's title element, 2 to 6. */
export type HeadingLevel = 2 | 3 | 4 | 5 | 6 | '2' | '3' | '4' | '5' | '6';

/** Options of one card: the `<incident-card>` attributes, in camelCase. */
export interface CardOptions {
  kind?: 'card';
  /** Address of the incident document (JSON). */
  src?: string;
  /** A case id, resolved as `{config.base}{id}.json`. */
  case?: string;
  theme?: Theme;
  variant?: Variant;
  /** `facts,sources` shows only those; `-lessons,-related` hides those. */
  sections?: string;
  headingLevel?: HeadingLevel;
  /**
   * The card's UI language (`de`, `es`, `ar`; English without a catalogue): its labels, dates
   * and numbers, and the document's translation into it when it has one. The document's own
   * text keeps its language.
   */
  lang?: string;
  /** Link to the case page, shown on compact and error cards. */
  caseUrl?: string;
  /** `grow`: a card replacing a fallback on screen takes its whole height at once. */
  fit?: 'grow';
  /** The revision the page embedded: a later one shows what changed since. */
  revision?: number | `${number}`;
}

/** Options of one list: the `<incident-list>` attributes, in camelCase. */
export interface ListOptions {
  kind: 'list';
  /** Address of the registry's index (JSON). */
  src?: string;
  theme?: Theme;
  headingLevel?: HeadingLevel;
  lang?: string;
  failureMode?: string;
  tag?: string;
  organisation?: string;
  /** Minimum severity level. */
  severity?: Severity;
  sort?: 'date' | 'severity';
  /** How many entries to show at first, and to add with each "Show more". */
  limit?: number | `${number}`;
  fit?: 'grow';
  /** Only the cases related to this case id, both ways. */
  relatedTo?: string;
  /** Only the cases dated from this date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`). */
  from?: string;
  /** Only the cases dated up to this date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`). */
  to?: string;
  /** A filter bar above the list: any value but `'false'` (as the attribute, `''`) turns it on. */
  controls?: string;
  /** The list's accessible name, in place of "Incidents": give each list of a page its own. */
  label?: string;
}

/** The page-wide configuration (`window.IncidentCards.config`). */
export interface Config {
  /** Where `case="ID"` is resolved (a folder address). Default: `data/incidents/` beside the widget. */
  base?: string;
  /** More origins documents may come from (the widget's own is always allowed). */
  origins?: string[] | string;
  /** The cards' UI language, unless a card gives its own (else `<html lang>`). */
  lang?: string;
  theme?: Theme;
  variant?: Variant;
  /** Timeout of one document request, in milliseconds (default 10000). */
  timeoutMs?: number;
  /** Attempts per document, retries included (default 3). */
  attempts?: number;
  /** Mount cards only as they near the viewport (default true). */
  lazy?: boolean;
  /**
   * Follow blockquote snippets added, changed or removed later (default true); with false the
   * page calls `scan()` after such a change.
   */
  observe?: boolean;
  /** The IntersectionObserver margin for lazy cards (default `600px 0px`). */
  rootMargin?: string;
}

/** What `mount` resolves to. */
export interface CardHandle {
  readonly element: Element;
  readonly options: CardOptions | ListOptions;
  /** Removes the card (or list) and frees it in the wasm instance. */
  unmount(): void;
}

/** Why a card failed: the `code` of `incident-card:error`. */
export type ErrorCode =
  | 'not-found' | 'http-error' | 'server-error' | 'rate-limited' | 'timeout' | 'offline' | 'cors'
  | 'network' | 'origin-not-allowed' | 'bad-options' | 'too-large' | 'not-json' | 'not-incident'
  | 'invalid' | 'unsupported-version' | 'panic'
  | 'load-blocked' | 'load-http-error' | 'load-corrupt' | 'load-network' | 'load-failed';

export interface ReadyDetail {
  /** The document's id (else the `case` asked for); null when neither is known. */
  id: string | null;
}
export interface ErrorDetail {
  id: string | null;
  code: ErrorCode;
  /** What went wrong, in words. */
  message: string;
  /** Attempts made for the document. */
  attempts: number;
}
export type IncidentCardReadyEvent = CustomEvent<ReadyDetail>;
export type IncidentCardErrorEvent = CustomEvent<ErrorDetail>;

/** Diagnostics of `stats()`. */
export interface Stats {
  mounted: number;
  wasmBytes: number;
}

/** `window.IncidentCards`, set by the loader (`embed.js`). */
export interface IncidentCardsGlobal {
  config: Config;
  version: string;
  mount(element: Element, options?: CardOptions | ListOptions): Promise<CardHandle | null>;
  /** Upgrades the cards under `root` (default: the document); returns how many it found. */
  scan(root?: ParentNode): number;
  ready(): Promise<IncidentCardsGlobal>;
  stats(): Promise<Stats>;
}

/**
 * The page-wide configuration in force: the same object as `window.IncidentCards.config`.
 * Change it before the first card mounts (a card reads it when it mounts).
 */
export declare const config: Config;

/**
 * Mounts a card (or, with `kind: 'list'`, a list) into `element` now, without waiting for the
 * viewport. On an element already mounted, other options show the card they ask for in place.
 */
export declare function mount(element: Element, options?: CardOptions | ListOptions): Promise<CardHandle | null>;

/** Upgrades every card below `root` (default: the document) that is not yet upgraded; idempotent. */
export declare function scan(root?: ParentNode): Promise<number>;

/** Resolves once the widget's wasm module is running. */
export declare function ready(): Promise<IncidentCardsGlobal>;

/** `<incident-card>`: configured by its attributes (see `CardOptions`, in kebab-case). */
export interface IncidentCardElement extends HTMLElement {}
/** `<incident-list>`: configured by its attributes (see `ListOptions`, in kebab-case). */
export interface IncidentListElement extends HTMLElement {}

declare global {
  interface HTMLElementTagNameMap {
    'incident-card': IncidentCardElement;
    'incident-list': IncidentListElement;
  }
  // The events bubble and cross shadow roots (`composed`), so any ancestor can listen.
  interface HTMLElementEventMap {
    'incident-card:ready': IncidentCardReadyEvent;
    'incident-card:error': IncidentCardErrorEvent;
  }
  interface DocumentEventMap {
    'incident-card:ready': IncidentCardReadyEvent;
    'incident-card:error': IncidentCardErrorEvent;
  }
  interface Window {
    IncidentCards?: Partial<IncidentCardsGlobal> & { config?: Config };
  }
}
