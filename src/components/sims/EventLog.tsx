import type { AttemptStore, LoggedEvent } from '../../client/sims/attempt-store.ts';
import { useAttempt } from './use-attempt.ts';

function formatAt(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** What happened, newest first, announced to screen readers as it happens. */
export function EventLog({ store, limit = 12 }: { store: AttemptStore; limit?: number }) {
  const events = useAttempt(store, (s) => s.events);
  const recent = events.slice(-limit).reverse();
  const latest = events.at(-1);
  const latestBatch =
    latest === undefined ? [] : events.filter((e) => e.actionIndex === latest.actionIndex);
  const alarm = [...latestBatch].reverse().find((e) => e.severity === 'critical');
  return (
    <section className="sim-log" aria-labelledby="sim-log-heading">
      <h2 id="sim-log-heading">What happened</h2>
      <div role="alert" className="sim-alarm-slot">
        {alarm ? (
          <p className="sim-alarm" data-testid="sim-alarm">
            <strong>{alarm.message}.</strong> {alarm.explanation}
          </p>
        ) : null}
      </div>
      <p className="visually-hidden" aria-live="polite" data-testid="sim-announcer">
        {latestBatch
          .filter((e) => e.severity !== 'critical')
          .map((e) => `${e.message}.`)
          .join(' ')}
      </p>
      {recent.length === 0 ? (
        <p className="muted">Nothing yet. Your actions and what they caused appear here.</p>
      ) : (
        <ol className="sim-events" reversed>
          {recent.map((event: LoggedEvent) => (
            <li
              key={event.seq}
              className={`sim-event severity-${event.severity}`}
              data-code={event.code}
            >
              <span className="sim-event-time">{formatAt(event.at)}</span>{' '}
              <strong>{event.message}</strong>
              {event.severity !== 'info' ||
              event.code === 'voltage-reading' ||
              event.code === 'inspected' ||
              event.code.startsWith('identified') ||
              event.code.startsWith('port') ? (
                <span className="sim-event-why"> {event.explanation}</span>
              ) : null}
              {typeof event.data?.['lesson'] === 'string' ? (
                <>
                  {' '}
                  <a href={event.data['lesson']}>
                    Read the lesson
                    {typeof event.data['title'] === 'string' ? `: ${event.data['title']}` : ''}
                  </a>
                </>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
