import { column, type DatasetSchema } from '../dataset-schema.ts';

/** schema.json of the alarm-log dataset. */
export const alarmLogSchema: DatasetSchema = {
  title: 'Cedar Hollow alarm and event log: July 2024',
  description:
    "The SCADA master's sequence-of-events and alarm log for Cedar Hollow substation and the line reclosers on its feeders, 1 to 31 July 2024, in UTC with millisecond time stamps. It holds routine operations (capacitor switching, tap changes), alarms that come and go, a chattering alarm, and protection operations on the feeders. The device column matches asset_id in the asset-register dataset.",
  tables: [
    {
      name: 'events',
      description: 'One row per event, in time order.',
      columns: [
        column('id', 'INTEGER', null, 'Event sequence number, increasing with time.'),
        column(
          'ts',
          'TEXT',
          null,
          "Event time in UTC, ISO 8601 with milliseconds, e.g. '2024-07-10T19:42:13.418Z'.",
        ),
        column(
          'device',
          'TEXT',
          null,
          "Device that reported the event, e.g. 'CH-BRK-F3' (feeder breaker), 'CH-REL-F3' (its protection relay), 'CH-REC-F2-1' (line recloser), 'CH-T1' (power transformer).",
        ),
        column(
          'point',
          'TEXT',
          null,
          "Point on the device: a protection element such as '51P' (phase time overcurrent) or '79' (reclosing relay), or a status or alarm point such as '52' (breaker position) or 'OIL_TEMP'.",
        ),
        column(
          'event',
          'TEXT',
          null,
          "What happened, e.g. 'PICKUP', 'TRIP', 'OPEN', 'CLOSE', 'RECLOSE', 'LOCKOUT', 'ALARM', 'NORMAL', 'TAP_RAISE'.",
        ),
        column(
          'severity',
          'TEXT',
          null,
          "Alarm priority given by the SCADA master: 'critical', 'high', 'medium', 'low' or 'info'.",
        ),
        column(
          'value',
          'TEXT',
          null,
          "Value reported with the event, with its unit where it has one (e.g. '2140 A', '97 C', 'tap +3'); NULL when the event carries none.",
        ),
      ],
    },
  ],
};
