import { column, type DatasetSchema } from '../dataset-schema.ts';

const ts = (what: string) =>
  column(
    'ts',
    'TEXT',
    null,
    `${what} in UTC, ISO 8601 with milliseconds, e.g. '2024-09-17T18:41:07.412Z'.`,
  );
const uid = column(
  'uid',
  'TEXT',
  null,
  'Connection id; the same uid in conn, modbus and dnp3 is the same TCP connection.',
);
const origH = column(
  'orig_h',
  'TEXT',
  null,
  'IP address of the host that opened the connection (Zeek id.orig_h).',
);
const respH = column(
  'resp_h',
  'TEXT',
  null,
  'IP address of the host that answered (Zeek id.resp_h).',
);

/** schema.json of the ot-capture dataset. */
export const otCaptureSchema: DatasetSchema = {
  title: 'Riverside substation: one day of passive network monitoring',
  description:
    "Logs from a passive network sensor on a mirror port of Riverside substation's station switch, from 00:00 to 24:00 local time on Tuesday 17 September 2024 (local time is US Central Daylight Time, UTC-05:00; every time stamp is UTC). The conn, modbus and dnp3 tables follow the fields of Zeek's conn.log, modbus.log and dnp3.log, with the dots of id.orig_h and id.resp_h written as underscores; goose follows the GOOSE message fields of IEC 61850-8-1 and covers 18:30 to 19:30 UTC only. devices is the station IP plan, baseline the flows seen in the previous four weeks, change_windows the approved work for the day.",
  tables: [
    {
      name: 'devices',
      description:
        'The station IP plan: every registered host, including the two control-centre hosts allowed through the firewall.',
      columns: [
        column('ip', 'TEXT', null, 'IP address.'),
        column('mac', 'TEXT', null, 'MAC address, lower case.'),
        column('name', 'TEXT', null, "Device name, e.g. 'RTU1' or 'REL-F2'."),
        column(
          'role',
          'TEXT',
          null,
          "'scada-master', 'jump-host', 'firewall', 'switch', 'rtu', 'hmi', 'clock', 'ews' (engineering workstation), 'relay' or 'monitor' (transformer monitor).",
        ),
        column('location', 'TEXT', null, "'control centre' or 'control house'."),
      ],
    },
    {
      name: 'baseline',
      description: 'Every distinct flow the sensor saw in the four weeks before the capture day.',
      columns: [
        column('orig_h', 'TEXT', null, 'Originator address.'),
        column('resp_h', 'TEXT', null, 'Responder address.'),
        column('resp_p', 'INTEGER', null, 'Responder port.'),
        column('proto', 'TEXT', null, "'tcp' or 'udp'."),
        column('service', 'TEXT', null, "Service the sensor recognised, e.g. 'dnp3'."),
      ],
    },
    {
      name: 'change_windows',
      description: 'Approved work on the capture day: who may do what, and when.',
      columns: [
        column('change_id', 'TEXT', null, 'Change record number.'),
        column('host', 'TEXT', null, 'Address of the host doing the work.'),
        column('starts_at', 'TEXT', null, 'Start of the window, UTC.'),
        column('ends_at', 'TEXT', null, 'End of the window, UTC.'),
        column('description', 'TEXT', null, 'The approved work.'),
      ],
    },
    {
      name: 'conn',
      description: 'One row per connection (TCP) or flow (UDP), as in Zeek conn.log.',
      columns: [
        ts('Time of the first packet'),
        uid,
        origH,
        column('orig_p', 'INTEGER', null, 'Originator port.'),
        respH,
        column('resp_p', 'INTEGER', null, 'Responder port.'),
        column('proto', 'TEXT', null, "'tcp' or 'udp'."),
        column(
          'service',
          'TEXT',
          null,
          "Protocol recognised, e.g. 'dnp3', 'modbus', 'mms', 'ntp', 'snmp', 'dns', 'rdp'; NULL if none.",
        ),
        column('duration', 'REAL', 's', 'Time from the first to the last packet.'),
        column('orig_bytes', 'INTEGER', 'bytes', 'Payload bytes sent by the originator.'),
        column('resp_bytes', 'INTEGER', 'bytes', 'Payload bytes sent by the responder.'),
        column(
          'conn_state',
          'TEXT',
          null,
          "Zeek connection state: 'SF' normal open and close, 'S0' attempt with no reply, 'REJ' attempt rejected, 'S1' established and not closed, 'RSTR' responder reset the connection.",
        ),
      ],
    },
    {
      name: 'modbus',
      description: 'One row per Modbus/TCP message, request or response, as in Zeek modbus.log.',
      columns: [
        ts('Time of the message'),
        uid,
        origH,
        respH,
        column(
          'tid',
          'INTEGER',
          null,
          'Modbus transaction id; a response repeats its request’s id.',
        ),
        column('unit', 'INTEGER', null, 'Unit identifier.'),
        column(
          'func',
          'TEXT',
          null,
          "Function name as Zeek writes it, e.g. 'READ_HOLDING_REGISTERS' (code 3) or 'WRITE_SINGLE_REGISTER' (code 6).",
        ),
        column('pdu_type', 'TEXT', null, "'REQ' or 'RESP'."),
        column(
          'exception',
          'TEXT',
          null,
          "Exception named in a failed response, e.g. 'ILLEGAL_DATA_ADDRESS'; NULL otherwise.",
        ),
      ],
    },
    {
      name: 'dnp3',
      description:
        'One row per DNP3 request and its reply, or per unsolicited response, as in Zeek dnp3.log.',
      columns: [
        ts('Time of the request'),
        uid,
        origH,
        respH,
        column(
          'fc_request',
          'TEXT',
          null,
          "Function of the request, e.g. 'READ', 'DIRECT_OPERATE', 'COLD_RESTART'; NULL for an unsolicited response.",
        ),
        column(
          'fc_reply',
          'TEXT',
          null,
          "Function of the reply: 'RESPONSE' or 'UNSOLICITED_RESPONSE'.",
        ),
        column(
          'iin',
          'INTEGER',
          null,
          'Internal indications of the reply as a 16-bit number (first octet IIN1 in the high byte); 32768 is IIN1.7, device restart.',
        ),
      ],
    },
    {
      name: 'goose',
      description: 'One row per GOOSE frame on the station bus from 18:30 to 19:30 UTC.',
      columns: [
        ts('Capture time'),
        column('src_mac', 'TEXT', null, 'Source MAC address of the frame.'),
        column('dst_mac', 'TEXT', null, 'Multicast destination MAC address.'),
        column(
          'gocb_ref',
          'TEXT',
          null,
          'GOOSE control block reference: which publisher and which message.',
        ),
        column(
          'st_num',
          'INTEGER',
          null,
          'State number: increases by one each time the published data changes.',
        ),
        column(
          'sq_num',
          'INTEGER',
          null,
          'Sequence number: 0 on a state change, then one more for every retransmission.',
        ),
        column(
          'ttl_ms',
          'INTEGER',
          'ms',
          'timeAllowedtoLive: how long a subscriber waits for the next frame before declaring the message stale.',
        ),
        column(
          'event_ts',
          'TEXT',
          null,
          'The frame’s t field: time of the last state change, UTC.',
        ),
        column('data', 'TEXT', null, "The published values, summarised, e.g. 'block=true'."),
      ],
    },
  ],
};
