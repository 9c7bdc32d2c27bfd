// An article with two cards: one by the document's address, one by case id. The controls change
// the cards' props once React has hydrated the page; the status line lists the ready events.
import { useCallback, useEffect, useState } from 'react';
import IncidentCard from './IncidentCard';
import type { CardTheme, ReadyDetail } from './IncidentCard';

const CASES = ['ICS-0002', 'ICS-0003', 'ICS-0004'];

export default function App() {
  const [theme, setTheme] = useState<CardTheme>('light');
  const [second, setSecond] = useState(CASES[0]);
  const [shown, setShown] = useState<string[]>([]);
  const onReady = useCallback((d: ReadyDetail) => setShown((s) => [...s, d.id ?? 'a card']), []);
  // The controls do nothing until React has hydrated the page, so they are disabled until then.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  return (
    <main>
      <article>
        <h1>Agents with too much reach</h1>
        <p>Two cases from the registry, as a documentation page would quote them.</p>
        <IncidentCard src="/data/incidents/ICS-0001.json" theme={theme} onReady={onReady} />
        <p>A shorter one, by its id:</p>
        <IncidentCard case={second} variant="compact" theme={theme} headingLevel={3} onReady={onReady} />
      </article>
      <fieldset disabled={!hydrated}>
        <legend>Card options</legend>
        <label>
          <input type="checkbox" name="dark" checked={theme === 'dark'}
            onChange={(e) => setTheme(e.target.checked ? 'dark' : 'light')} />
          Dark cards
        </label>
        <label>
          Second case{' '}
          <select name="case" value={second} onChange={(e) => setSecond(e.target.value)}>
            {CASES.map((id) => <option key={id}>{id}</option>)}
          </select>
        </label>
      </fieldset>
      <p role="status">{shown.length ? `Shown: ${shown.join(', ')}` : ''}</p>
    </main>
  );
}
