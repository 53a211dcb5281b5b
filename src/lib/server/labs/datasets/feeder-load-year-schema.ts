import { column, type DatasetSchema } from '../dataset-schema.ts';

/** schema.json of the feeder-load-year dataset. */
export const feederLoadYearSchema: DatasetSchema = {
  title: 'Two feeders: a year of 15-minute demand',
  description:
    'Interval demand for calendar year 2023 from the meter data system of a utility in the US Midwest, for one residential and one commercial 13.8 kV feeder. Timestamps are local standard time (UTC-06:00) all year, with no daylight-saving shift, as the meter data system records them. Residential load peaks on summer evenings (air conditioning) and winter mornings and evenings (electric heating); commercial load follows business hours and is low at weekends and on holidays.',
  tables: [
    {
      name: 'feeder_load',
      description: 'One row per feeder per 15-minute interval.',
      columns: [
        column(
          'ts',
          'TEXT',
          null,
          "Start of the 15-minute interval in local standard time, ISO 8601 without offset, e.g. '2023-07-18T17:45:00'.",
        ),
        column('feeder', 'TEXT', null, "Feeder id: 'RES-1' (residential) or 'COM-1' (commercial)."),
        column(
          'kw',
          'REAL',
          'kW',
          "Average real power demand over the interval (the interval's energy in kWh times 4).",
        ),
      ],
    },
    {
      name: 'holidays',
      description: 'Public holidays the utility observed in 2023.',
      columns: [
        column('date', 'TEXT', null, "Observed date, 'YYYY-MM-DD'."),
        column('name', 'TEXT', null, 'Name of the holiday.'),
      ],
    },
  ],
};
