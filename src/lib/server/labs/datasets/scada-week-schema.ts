import { column, type DatasetSchema } from '../dataset-schema.ts';

/** schema.json of the scada-week dataset. */
export const scadaWeekSchema: DatasetSchema = {
  title: 'Cedar Hollow substation: one week of SCADA analogs',
  description:
    'One-minute samples from the historian of Cedar Hollow, a 138/13.8 kV distribution substation with two 13.8 kV buses and four feeders, from Monday 8 July 2024 00:00 to Sunday 14 July 2024 23:59 UTC (local time is US Central Daylight Time, UTC-05:00). Like a real historian export it has gaps, quality flags, a sensor fault and events to find. ANSI C84.1 Range A for a 13.8 kV system is 13.46 to 14.49 kV; Range B is 13.11 to 14.52 kV.',
  tables: [
    {
      name: 'scada_analogs',
      description:
        'One row per feeder per minute, as polled from the feeder relays; a minute with no row was not recorded.',
      columns: [
        column(
          'ts',
          'TEXT',
          null,
          "Sample time in UTC, ISO 8601 to the minute with zero seconds, e.g. '2024-07-08T14:05:00Z'.",
        ),
        column('feeder', 'TEXT', null, "Feeder id, 'F1' to 'F4'; see the feeders table."),
        column(
          'mw',
          'REAL',
          'MW',
          'Three-phase real power from the bus into the feeder; negative when the feeder exports.',
        ),
        column(
          'mvar',
          'REAL',
          'Mvar',
          'Three-phase reactive power into the feeder; positive is lagging (inductive load).',
        ),
        column(
          'kv',
          'REAL',
          'kV',
          'Line-to-line voltage measured on the feeder side of its breaker; 0 while the feeder is de-energised.',
        ),
        column(
          'quality',
          'TEXT',
          null,
          "Quality flag from the historian: 'good', 'suspect' (value questionable) or 'bad' (value unusable).",
        ),
      ],
    },
    {
      name: 'feeders',
      description: 'The four 13.8 kV feeders of Cedar Hollow.',
      columns: [
        column('feeder', 'TEXT', null, "Feeder id, 'F1' to 'F4'; matches scada_analogs.feeder."),
        column('name', 'TEXT', null, 'Operating name of the feeder.'),
        column(
          'substation_bus',
          'TEXT',
          null,
          "13.8 kV bus the feeder breaker is connected to, 'BUS-1' or 'BUS-2'.",
        ),
        column('rating_mva', 'REAL', 'MVA', 'Normal (continuous) rating of the feeder circuit.'),
        column(
          'has_pv',
          'INTEGER',
          null,
          '1 when the feeder has significant customer solar (PV) generation, else 0.',
        ),
      ],
    },
  ],
};
