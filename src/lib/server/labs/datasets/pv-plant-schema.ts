import { column, type DatasetSchema } from '../dataset-schema.ts';

/** schema.json of the pv-plant dataset. */
export const pvPlantSchema: DatasetSchema = {
  title: 'Desert Sun PV plant: 14 days of 1-minute output',
  description:
    'A 5 MWac (6.5 MWdc) fixed-tilt solar plant at latitude 33.4 N, longitude 112.0 W (Arizona), from 4 to 17 March 2024. Timestamps are local standard time, MST (UTC-07:00); Arizona does not observe daylight saving. The record has clear days, cloudy days and days with passing clouds, and the inverters limit output to their 5,000 kW AC rating.',
  tables: [
    {
      name: 'pv_output',
      description: 'One row per minute, day and night.',
      columns: [
        column(
          'ts',
          'TEXT',
          null,
          "Sample time in local standard time (UTC-07:00), ISO 8601 without offset, e.g. '2024-03-04T12:30:00'.",
        ),
        column(
          'ac_kw',
          'REAL',
          'kW',
          'AC output of all inverters at the point of interconnection; 0 at night.',
        ),
        column(
          'irradiance_wm2',
          'REAL',
          'W/m2',
          "Plane-of-array irradiance from the plant's reference pyranometer; 0 at night.",
        ),
        column(
          'module_temp_c',
          'REAL',
          'degC',
          'Back-of-module temperature of a reference module.',
        ),
      ],
    },
  ],
};
