// A React wrapper around the <incident-card> element of incident-cards. The page loads the
// widget's script (embed.js) once; this component only renders the element and its attributes.
import { useEffect, useRef } from 'react';
import type { DetailedHTMLProps, HTMLAttributes } from 'react';

export type CardTheme = 'light' | 'dark' | 'auto';
export type CardVariant = 'full' | 'compact';
/** `id`: the case's id (null only when neither the document nor the element names one). */
export interface ReadyDetail { id: string | null }
export interface ErrorDetail { id: string | null; code: string; message: string; attempts: number }

/** The element's own attributes, as the README's table names them. */
interface CardAttributes {
  src?: string;
  case?: string;
  theme?: CardTheme;
  variant?: CardVariant;
  sections?: string;
  'heading-level'?: number;
  'case-url'?: string;
  fit?: 'grow';
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'incident-card': DetailedHTMLProps<HTMLAttributes<HTMLElement>, HTMLElement> & CardAttributes;
    }
  }
}

export interface IncidentCardProps {
  /** Address of the case document. */
  src?: string;
  /** A case id, resolved against the page-wide `base`. */
  case?: string;
  theme?: CardTheme;
  variant?: CardVariant;
  /** `facts,sources` shows only those; `-lessons,-related` hides those. */
  sections?: string;
  headingLevel?: 2 | 3 | 4 | 5 | 6;
  caseUrl?: string;
  lang?: string;
  fit?: 'grow';
  className?: string;
  /** The card is shown (after this component mounted). */
  onReady?: (detail: ReadyDetail) => void;
  /** The card could not be shown (after this component mounted). */
  onError?: (detail: ErrorDetail) => void;
}

export default function IncidentCard({ case: caseId, headingLevel, caseUrl, onReady, onError, ...rest }: IncidentCardProps) {
  const ref = useRef<HTMLElement>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el || (!onReady && !onError)) return;
    const ready = (e: Event) => onReady?.((e as CustomEvent<ReadyDetail>).detail);
    const error = (e: Event) => onError?.((e as CustomEvent<ErrorDetail>).detail);
    el.addEventListener('incident-card:ready', ready);
    el.addEventListener('incident-card:error', error);
    return () => {
      el.removeEventListener('incident-card:ready', ready);
      el.removeEventListener('incident-card:error', error);
    };
  }, [onReady, onError]);

  // With server rendering, embed.js may take the element before React hydrates it: it adds a
  // shadow root (which React does not look into) and `data-state`, which React would report as a
  // hydration mismatch. suppressHydrationWarning covers this element's own attributes only. It
  // would hide a prop that differs between the server and the first client render too, and React
  // does not correct those: give the component the same props in both.
  return (
    <incident-card
      ref={ref}
      case={caseId}
      heading-level={headingLevel}
      case-url={caseUrl}
      {...rest}
      suppressHydrationWarning
    />
  );
}
