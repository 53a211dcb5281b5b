import type { CsvCell } from '../csv.ts';
import { MINUTE, formatUtcMillis } from './calendar.ts';
import type { DatasetGenerator } from './dataset-generator.ts';
import { gooseFrames } from './goose-frames.ts';
import { otCaptureSchema } from './ot-capture-schema.ts';
import { createRandom, round, type Random } from './random.ts';

/** A registered host of Riverside's IP plan. */
interface Device {
  ip: string;
  mac: string;
  name: string;
  role: string;
  location: 'control centre' | 'control house';
}

// prettier-ignore
export const RIVERSIDE_DEVICES: readonly Device[] = [
  { ip: '10.0.5.10', mac: '00:1b:21:7e:05:10', name: 'SCADA-MASTER', role: 'scada-master', location: 'control centre' },
  { ip: '10.0.8.20', mac: '00:1b:21:7e:08:20', name: 'JUMP-1', role: 'jump-host', location: 'control centre' },
  { ip: '10.20.1.1', mac: '00:50:c2:4a:10:01', name: 'FW1', role: 'firewall', location: 'control house' },
  { ip: '10.20.1.2', mac: '00:50:c2:4a:10:02', name: 'SW1', role: 'switch', location: 'control house' },
  { ip: '10.20.1.10', mac: '00:50:c2:4a:20:10', name: 'RTU1', role: 'rtu', location: 'control house' },
  { ip: '10.20.1.11', mac: '00:50:c2:4a:20:11', name: 'HMI1', role: 'hmi', location: 'control house' },
  { ip: '10.20.1.12', mac: '00:50:c2:4a:20:12', name: 'GPS1', role: 'clock', location: 'control house' },
  { ip: '10.20.1.15', mac: '00:50:c2:4a:20:15', name: 'EWS1', role: 'ews', location: 'control house' },
  { ip: '10.20.1.21', mac: '00:50:c2:4a:30:21', name: 'REL-L1', role: 'relay', location: 'control house' },
  { ip: '10.20.1.22', mac: '00:50:c2:4a:30:22', name: 'REL-L2', role: 'relay', location: 'control house' },
  { ip: '10.20.1.23', mac: '00:50:c2:4a:30:23', name: 'REL-T1', role: 'relay', location: 'control house' },
  { ip: '10.20.1.24', mac: '00:50:c2:4a:30:24', name: 'REL-T2', role: 'relay', location: 'control house' },
  { ip: '10.20.1.31', mac: '00:50:c2:4a:30:31', name: 'REL-F1', role: 'relay', location: 'control house' },
  { ip: '10.20.1.32', mac: '00:50:c2:4a:30:32', name: 'REL-F2', role: 'relay', location: 'control house' },
  { ip: '10.20.1.33', mac: '00:50:c2:4a:30:33', name: 'REL-F3', role: 'relay', location: 'control house' },
  { ip: '10.20.1.34', mac: '00:50:c2:4a:30:34', name: 'REL-F4', role: 'relay', location: 'control house' },
  { ip: '10.20.1.35', mac: '00:50:c2:4a:30:35', name: 'REL-BT', role: 'relay', location: 'control house' },
  { ip: '10.20.1.41', mac: '00:50:c2:4a:40:41', name: 'MON-T1', role: 'monitor', location: 'control house' },
  { ip: '10.20.1.42', mac: '00:50:c2:4a:40:42', name: 'MON-T2', role: 'monitor', location: 'control house' },
];

const MASTER = '10.0.5.10';
const JUMP = '10.0.8.20';
const RTU = '10.20.1.10';
const HMI = '10.20.1.11';
const GPS = '10.20.1.12';
const SWITCH = '10.20.1.2';
const EWS = '10.20.1.15';
const MONITORS = ['10.20.1.41', '10.20.1.42'];
/** The unregistered device of the rogue-device simulation. */
export const ROGUE_IP = '10.20.1.77';
const RELAYS = RIVERSIDE_DEVICES.filter((d) => d.role === 'relay').map((d) => d.ip);

/** Local midnight of the capture day (CDT, UTC-05:00) and the end of the day. */
const START = Date.UTC(2024, 8, 17, 5, 0, 0);
const END = START + 24 * 60 * MINUTE;
const utc = (hour: number, minute: number, second = 0, ms = 0) =>
  Date.UTC(2024, 8, 17, hour, minute, second, ms);
const RESTART = utc(19, 6, 18, 241);

interface ConnRow {
  ms: number;
  uid: string;
  orig: string;
  origPort: number;
  resp: string;
  respPort: number;
  proto: 'tcp' | 'udp';
  service: string | null;
  duration: number;
  origBytes: number;
  respBytes: number;
  state: string;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
function newUid(random: Random): string {
  let text = 'C';
  for (let i = 0; i < 17; i++) text += BASE62[random.integer(0, 61)];
  return text;
}

/** Builds the logs of the day from one random stream. */
class Capture {
  readonly conn: ConnRow[] = [];
  readonly modbus: CsvCell[][] = [];
  readonly dnp3: CsvCell[][] = [];
  private tid = 4100;
  private readonly random: Random;
  constructor(random: Random) {
    this.random = random;
  }

  connection(fields: Omit<ConnRow, 'uid' | 'origPort'> & { origPort?: number }): string {
    const uid = newUid(this.random);
    this.conn.push({
      ...fields,
      uid,
      origPort: fields.origPort ?? this.random.integer(49152, 65535),
    });
    return uid;
  }

  /** A Modbus request and its response on one connection. */
  modbusExchange(
    ms: number,
    uid: string,
    orig: string,
    resp: string,
    func: string,
    exception: string | null = null,
  ): void {
    this.tid += 1;
    this.modbus.push([formatUtcMillis(ms), uid, orig, resp, this.tid, 1, func, 'REQ', null]);
    const replyMs = ms + this.random.integer(4, 18);
    this.modbus.push([
      formatUtcMillis(replyMs),
      uid,
      orig,
      resp,
      this.tid,
      1,
      func,
      'RESP',
      exception,
    ]);
  }

  dnp3Exchange(
    ms: number,
    uid: string,
    orig: string,
    request: string | null,
    reply: string,
    iin = 0,
  ): void {
    this.dnp3.push([formatUtcMillis(ms), uid, orig, RTU, request, reply, iin]);
  }
}

/** Routine traffic: polls, time sync, SNMP, HMI session, MMS sessions of the RTU. */
function routine(capture: Capture, random: Random): { dnp3First: string; dnp3Second: string } {
  // The RTU's sessions drop when it restarts and come back once it has booted.
  const back = RESTART + 41_300;
  for (const relay of RELAYS) {
    const opened = START + random.integer(0, 900);
    capture.connection({
      ms: opened,
      orig: RTU,
      resp: relay,
      respPort: 102,
      proto: 'tcp',
      service: 'mms',
      duration: round((RESTART - opened) / 1000 + random.between(8, 30), 3),
      origBytes: random.integer(1_600_000, 2_000_000),
      respBytes: random.integer(7_000_000, 9_000_000),
      state: 'RSTR',
    });
    const reopened = back + random.integer(0, 2_000);
    capture.connection({
      ms: reopened,
      orig: RTU,
      resp: relay,
      respPort: 102,
      proto: 'tcp',
      service: 'mms',
      duration: round((END - reopened) / 1000 - random.between(0, 2), 3),
      origBytes: random.integer(400_000, 600_000),
      respBytes: random.integer(1_900_000, 2_700_000),
      state: 'S1',
    });
  }
  capture.connection({
    ms: START + 1200,
    orig: HMI,
    resp: RTU,
    respPort: 20000,
    proto: 'tcp',
    service: 'dnp3',
    duration: round((RESTART - START - 1200) / 1000 + 0.4, 3),
    origBytes: 1_080_388,
    respBytes: 5_170_112,
    state: 'RSTR',
  });
  capture.connection({
    ms: back + 3_900,
    orig: HMI,
    resp: RTU,
    respPort: 20000,
    proto: 'tcp',
    service: 'dnp3',
    duration: round((END - back - 3_900) / 1000 - 0.3, 3),
    origBytes: 340_120,
    respBytes: 1_700_480,
    state: 'S1',
  });
  const dnp3First = capture.connection({
    ms: START + 340,
    orig: MASTER,
    resp: RTU,
    respPort: 20000,
    proto: 'tcp',
    service: 'dnp3',
    duration: round((RESTART - START - 340) / 1000 + 0.31, 3),
    origBytes: 512_640,
    respBytes: 3_980_220,
    state: 'RSTR',
  });
  const dnp3Second = capture.connection({
    ms: utc(19, 7, 5, 118),
    orig: MASTER,
    resp: RTU,
    respPort: 20000,
    proto: 'tcp',
    service: 'dnp3',
    duration: round((END - utc(19, 7, 5, 118)) / 1000 - 0.5, 3),
    origBytes: 181_220,
    respBytes: 1_402_660,
    state: 'S1',
  });
  // SNMP polls of the switch by the HMI, every five minutes.
  for (let ms = START + 45_000; ms < END; ms += 5 * MINUTE) {
    capture.connection({
      ms: ms + random.integer(0, 400),
      orig: HMI,
      resp: SWITCH,
      respPort: 161,
      proto: 'udp',
      service: 'snmp',
      duration: round(random.between(0.002, 0.02), 3),
      origBytes: 88,
      respBytes: random.integer(310, 360),
      state: 'SF',
    });
  }
  // NTP from every IED, the RTU, the HMI and the workstation, every 30 minutes.
  for (const host of [RTU, HMI, EWS, ...RELAYS, ...MONITORS]) {
    const offset = random.integer(0, 29 * 60_000);
    for (let ms = START + offset; ms < END; ms += 30 * MINUTE) {
      capture.connection({
        ms,
        orig: host,
        origPort: 123,
        resp: GPS,
        respPort: 123,
        proto: 'udp',
        service: 'ntp',
        duration: round(random.between(0.0005, 0.003), 4),
        origBytes: 48,
        respBytes: 48,
        state: 'SF',
      });
    }
  }
  // The RTU polls both transformer monitors over Modbus/TCP every five minutes.
  for (const monitor of MONITORS) {
    const offset = random.integer(5_000, 55_000);
    for (let ms = START + offset; ms < END; ms += 5 * MINUTE) {
      if (ms > RESTART && ms < back) continue;
      const uid = capture.connection({
        ms,
        orig: RTU,
        resp: monitor,
        respPort: 502,
        proto: 'tcp',
        service: 'modbus',
        duration: round(random.between(0.03, 0.09), 3),
        origBytes: 24,
        respBytes: random.integer(90, 120),
        state: 'SF',
      });
      capture.modbusExchange(ms + 2, uid, RTU, monitor, 'READ_HOLDING_REGISTERS');
      capture.modbusExchange(ms + 30, uid, RTU, monitor, 'READ_INPUT_REGISTERS');
    }
  }
  // The morning operator tests the T1 cooling fans from the HMI at 08:05 local.
  const fanTest = utc(13, 5, 12, 400);
  const fanUid = capture.connection({
    ms: fanTest,
    orig: HMI,
    resp: MONITORS[0]!,
    respPort: 502,
    proto: 'tcp',
    service: 'modbus',
    duration: 0.061,
    origBytes: 24,
    respBytes: 24,
    state: 'SF',
  });
  capture.modbusExchange(fanTest + 3, fanUid, HMI, MONITORS[0]!, 'WRITE_SINGLE_COIL');
  return { dnp3First, dnp3Second };
}

/** DNP3 between the SCADA master and the RTU: event polls every minute, integrity polls hourly. */
function dnp3Sessions(capture: Capture, random: Random, first: string, second: string): void {
  for (let ms = START + 20_000; ms < END; ms += MINUTE) {
    if (ms > RESTART - 500 && ms < utc(19, 7, 6)) continue;
    const uid = ms < RESTART ? first : second;
    const isIntegrity = (ms - START) % (60 * MINUTE) < MINUTE;
    capture.dnp3Exchange(
      ms + random.integer(0, 300),
      uid,
      MASTER,
      'READ',
      'RESPONSE',
      isIntegrity ? 0 : 0,
    );
  }
  // Approved: the SCADA team warm-restarts the RTU after loading its new point list.
  capture.dnp3Exchange(utc(14, 40, 2, 815), first, MASTER, 'WARM_RESTART', 'RESPONSE', 0);
  // Event reports after the F2 fault.
  for (const offset of [310, 1_120, 2_480, 4_020, 31_600]) {
    capture.dnp3Exchange(
      utc(18, 41, 7, 412) + offset,
      first,
      MASTER,
      null,
      'UNSOLICITED_RESPONSE',
      0,
    );
  }
  // After the restart the master reconnects and rebuilds the session, as it does every time.
  const back = utc(19, 7, 5, 240);
  capture.dnp3Exchange(back, second, MASTER, 'DISABLE_UNSOLICITED', 'RESPONSE', 32768);
  capture.dnp3Exchange(back + 410, second, MASTER, 'WRITE', 'RESPONSE', 32768);
  capture.dnp3Exchange(back + 880, second, MASTER, 'READ', 'RESPONSE', 0);
  capture.dnp3Exchange(back + 2_310, second, MASTER, 'ENABLE_UNSOLICITED', 'RESPONSE', 0);
}

/** Approved engineering work in the morning window. */
function approvedWork(capture: Capture, random: Random): void {
  capture.connection({
    ms: utc(14, 2, 11, 30),
    orig: JUMP,
    resp: EWS,
    respPort: 3389,
    proto: 'tcp',
    service: 'rdp',
    duration: 9_842.7,
    origBytes: 3_880_410,
    respBytes: 61_220_950,
    state: 'SF',
  });
  capture.connection({
    ms: utc(14, 11, 40, 500),
    orig: EWS,
    resp: '10.20.1.32',
    respPort: 102,
    proto: 'tcp',
    service: 'mms',
    duration: 3_305.4,
    origBytes: 412_880,
    respBytes: 1_930_400,
    state: 'SF',
  });
  void random;
}

/** The engineering workstation writes to MON-T1 at 02:37 local, in no change window. */
function nightWrites(capture: Capture): void {
  capture.connection({
    ms: utc(7, 31, 4, 620),
    orig: JUMP,
    resp: EWS,
    respPort: 3389,
    proto: 'tcp',
    service: 'rdp',
    duration: 1_012.8,
    origBytes: 610_220,
    respBytes: 9_844_100,
    state: 'SF',
  });
  const start = utc(7, 36, 50, 115);
  const uid = capture.connection({
    ms: start,
    orig: EWS,
    resp: MONITORS[0]!,
    respPort: 502,
    proto: 'tcp',
    service: 'modbus',
    duration: 462.3,
    origBytes: 412,
    respBytes: 1_380,
    state: 'SF',
  });
  capture.modbusExchange(start + 210, uid, EWS, MONITORS[0]!, 'READ_HOLDING_REGISTERS');
  capture.modbusExchange(start + 61_400, uid, EWS, MONITORS[0]!, 'READ_HOLDING_REGISTERS');
  capture.modbusExchange(utc(7, 37, 58, 20), uid, EWS, MONITORS[0]!, 'WRITE_SINGLE_REGISTER');
  capture.modbusExchange(
    utc(7, 38, 40, 905),
    uid,
    EWS,
    MONITORS[0]!,
    'WRITE_SINGLE_REGISTER',
    'ILLEGAL_DATA_ADDRESS',
  );
  capture.modbusExchange(utc(7, 39, 12, 330), uid, EWS, MONITORS[0]!, 'WRITE_MULTIPLE_REGISTERS');
  capture.modbusExchange(utc(7, 41, 3, 78), uid, EWS, MONITORS[0]!, 'WRITE_SINGLE_REGISTER');
  capture.modbusExchange(utc(7, 43, 55, 640), uid, EWS, MONITORS[0]!, 'WRITE_MULTIPLE_REGISTERS');
}

/** The rogue device: appears at 13:52 local, scans for MMS, calls home, restarts the RTU. */
function rogueDevice(capture: Capture, random: Random): void {
  for (let round = 0; round < 8; round++) {
    const base = utc(18, 52, 14) + round * 5 * MINUTE;
    for (const [i, relay] of RELAYS.entries()) {
      capture.connection({
        ms: base + i * 37 + random.integer(0, 20),
        orig: ROGUE_IP,
        resp: relay,
        respPort: 102,
        proto: 'tcp',
        service: null,
        duration: 0.001,
        origBytes: 0,
        respBytes: 0,
        state: 'REJ',
      });
    }
  }
  for (let i = 0; i < 14; i++) {
    capture.connection({
      ms: utc(18, 53, 2) + i * 171_000 + random.integer(0, 900),
      orig: ROGUE_IP,
      resp: '8.8.8.8',
      respPort: 53,
      proto: 'udp',
      service: 'dns',
      duration: 0,
      origBytes: 41,
      respBytes: 0,
      state: 'S0',
    });
  }
  const uid = capture.connection({
    ms: RESTART - 2_190,
    orig: ROGUE_IP,
    resp: RTU,
    respPort: 20000,
    proto: 'tcp',
    service: 'dnp3',
    duration: 2.46,
    origBytes: 58,
    respBytes: 40,
    state: 'SF',
  });
  capture.dnp3Exchange(RESTART - 2_060, uid, ROGUE_IP, 'DISABLE_UNSOLICITED', 'RESPONSE', 0);
  capture.dnp3Exchange(RESTART, uid, ROGUE_IP, 'COLD_RESTART', 'RESPONSE', 0);
}

const byTime = (a: CsvCell[], b: CsvCell[]) => String(a[0]).localeCompare(String(b[0]));

/** ot-capture: one day of Zeek-style logs from Riverside's station bus, with planted events. */
export const otCapture: DatasetGenerator = {
  name: 'ot-capture',
  schema: otCaptureSchema,
  generate: (seed) => {
    const random = createRandom(seed, 'ot-capture');
    const capture = new Capture(random);
    const { dnp3First, dnp3Second } = routine(capture, random);
    dnp3Sessions(capture, random, dnp3First, dnp3Second);
    approvedWork(capture, random);
    nightWrites(capture);
    rogueDevice(capture, random);
    const conn: CsvCell[][] = capture.conn
      .map(
        (c) =>
          [
            formatUtcMillis(c.ms),
            c.uid,
            c.orig,
            c.origPort,
            c.resp,
            c.respPort,
            c.proto,
            c.service,
            c.duration,
            c.origBytes,
            c.respBytes,
            c.state,
          ] as CsvCell[],
      )
      .sort(byTime);
    const baselineFlows = new Map<string, CsvCell[]>();
    for (const c of capture.conn) {
      if (c.orig === ROGUE_IP || (c.orig === EWS && c.respPort === 502)) continue;
      baselineFlows.set(`${c.orig}|${c.resp}|${c.respPort}`, [
        c.orig,
        c.resp,
        c.respPort,
        c.proto,
        c.service,
      ]);
    }
    // Engineering access to every relay is part of the normal pattern, even on days without it.
    for (const relay of RELAYS)
      baselineFlows.set(`${EWS}|${relay}|102`, [EWS, relay, 102, 'tcp', 'mms']);
    const baseline = [...baselineFlows.values()].sort((a, b) =>
      `${a[0]}|${a[1]}|${a[2]}`.localeCompare(`${b[0]}|${b[1]}|${b[2]}`),
    );
    return {
      devices: RIVERSIDE_DEVICES.map((d) => [d.ip, d.mac, d.name, d.role, d.location]),
      baseline,
      change_windows: [
        [
          'CHG-2291',
          EWS,
          '2024-09-17T14:00:00.000Z',
          '2024-09-17T17:00:00.000Z',
          'Protection settings update on REL-F2 (new F2 coordination study), through the jump host',
        ],
        [
          'CHG-2292',
          MASTER,
          '2024-09-17T14:30:00.000Z',
          '2024-09-17T15:00:00.000Z',
          'Load the new RTU1 point list and warm-restart RTU1 from the SCADA master',
        ],
      ],
      conn,
      modbus: capture.modbus.sort(byTime),
      dnp3: capture.dnp3.sort(byTime),
      goose: gooseFrames(createRandom(seed, 'ot-capture-goose')),
    };
  },
};
