import { Euler, Matrix4, Quaternion, Vector3 } from 'three';

/** The shared geometries every piece of equipment is assembled from; one instanced mesh each. */
export const PART_KINDS = ['box', 'cylinder', 'insulator', 'ring', 'glow'] as const;
export type PartKind = (typeof PART_KINDS)[number];

/** What a part is for, when something changes it at run time. */
export type PartRole = 'indicator' | 'port-led' | 'activity-led' | 'conductor' | 'blade';

/** One placed copy of a shared geometry. */
export interface PartSpec {
  readonly kind: PartKind;
  /** World matrix (for hinged parts: at the hinge's current angle). */
  readonly matrix: Matrix4;
  /** sRGB hex colour. */
  readonly color: number;
  /** Device it belongs to, for picking and highlighting. */
  readonly device?: string;
  /** Node whose energization colours it (conductors and blades). */
  readonly node?: string;
  readonly role?: PartRole;
  /** Switch port number, for port LEDs. */
  readonly port?: number;
}

/** A moving assembly (a disconnector or earthing blade): its parts turn about one axis. */
export interface Hinge {
  readonly device: string;
  /** World matrix of the pivot. */
  readonly pivot: Matrix4;
  /** Axis of rotation in the pivot's frame. */
  readonly axis: Vector3;
  readonly closedAngle: number;
  readonly openAngle: number;
  /** Indexes into the parts list, with each part's matrix in the pivot's frame. */
  readonly parts: { index: number; local: Matrix4 }[];
}

/** Where a device's conductors attach: one world point per phase (or one for single-phase). */
export interface Terminal {
  readonly points: readonly Vector3[];
}

/** Everything the yard is made of. */
export interface YardParts {
  readonly parts: PartSpec[];
  readonly hinges: Hinge[];
  /** Device id -> terminals, by connection index. */
  readonly terminals: Map<string, Terminal[]>;
  /** Screens that show the live single-line diagram: a unit XY plane (facing +z) to world. */
  readonly screens: Matrix4[];
  /** Device id -> where its operator's lock and tag hang (the operating mechanism). */
  readonly lockPoints: Map<string, Vector3>;
}

const UP = new Vector3(0, 1, 0);
const scratchQ = new Quaternion();

/** A tiny assembly language for equipment: parts placed in a device's local frame (metres, y up). */
export class PartBuilder {
  readonly out: YardParts;
  readonly frame: Matrix4;
  readonly device: string | undefined;
  readonly #hinge: Hinge | null;

  constructor(out: YardParts, frame: Matrix4, device?: string, hinge: Hinge | null = null) {
    this.out = out;
    this.frame = frame;
    this.device = device;
    this.#hinge = hinge;
  }

  /** A point of this frame in world coordinates. */
  world(x: number, y: number, z: number): Vector3 {
    return new Vector3(x, y, z).applyMatrix4(this.frame);
  }

  #add(kind: PartKind, local: Matrix4, color: number, extra: Partial<PartSpec> = {}): void {
    const matrix = new Matrix4().multiplyMatrices(this.frame, local);
    const index = this.out.parts.length;
    const spec: PartSpec = { kind, matrix, color, ...extra };
    this.out.parts.push(
      this.device === undefined || spec.device !== undefined
        ? spec
        : { ...spec, device: this.device },
    );
    this.#hinge?.parts.push({ index, local });
  }

  /** A box centred at (x, y, z) with the given size. */
  box(
    x: number,
    y: number,
    z: number,
    sx: number,
    sy: number,
    sz: number,
    color: number,
    extra?: Partial<PartSpec>,
  ): this {
    this.#add(
      'box',
      new Matrix4().compose(new Vector3(x, y, z), scratchQ.identity(), new Vector3(sx, sy, sz)),
      color,
      extra,
    );
    return this;
  }

  /** A box turned by Euler angles (radians) about its centre. */
  turnedBox(
    at: [number, number, number],
    size: [number, number, number],
    angles: [number, number, number],
    color: number,
    extra?: Partial<PartSpec>,
  ): this {
    const rotation = new Quaternion().setFromEuler(new Euler(...angles));
    this.#add(
      'box',
      new Matrix4().compose(new Vector3(...at), rotation, new Vector3(...size)),
      color,
      extra,
    );
    return this;
  }

  /** A screen showing the live single-line diagram, centred at (x, y, z), facing local +z. */
  screen(x: number, y: number, z: number, width: number, height: number): this {
    const local = new Matrix4().compose(
      new Vector3(x, y, z),
      scratchQ.identity(),
      new Vector3(width, height, 1),
    );
    this.out.screens.push(new Matrix4().multiplyMatrices(this.frame, local));
    return this;
  }

  /** An unlit box, for lamps, LEDs and screens. */
  glow(
    x: number,
    y: number,
    z: number,
    sx: number,
    sy: number,
    sz: number,
    color: number,
    extra?: Partial<PartSpec>,
  ): this {
    this.#add(
      'glow',
      new Matrix4().compose(new Vector3(x, y, z), scratchQ.identity(), new Vector3(sx, sy, sz)),
      color,
      extra,
    );
    return this;
  }

  #along(
    kind: PartKind,
    from: Vector3,
    to: Vector3,
    diameter: number,
    color: number,
    extra?: Partial<PartSpec>,
  ): this {
    const direction = new Vector3().subVectors(to, from);
    const length = direction.length();
    if (length < 1e-6) return this;
    const rotation = new Quaternion().setFromUnitVectors(UP, direction.normalize());
    const centre = new Vector3().addVectors(from, to).multiplyScalar(0.5);
    this.#add(
      kind,
      new Matrix4().compose(centre, rotation, new Vector3(diameter, length, diameter)),
      color,
      extra,
    );
    return this;
  }

  /** A cylinder (tube, pipe, post, tank) from one local point to another. */
  rod(
    from: [number, number, number],
    to: [number, number, number],
    diameter: number,
    color: number,
    extra?: Partial<PartSpec>,
  ): this {
    return this.#along(
      'cylinder',
      new Vector3(...from),
      new Vector3(...to),
      diameter,
      color,
      extra,
    );
  }

  /** A shedded porcelain or polymer insulator from one local point to another. */
  insulator(
    from: [number, number, number],
    to: [number, number, number],
    diameter: number,
    color: number,
    extra?: Partial<PartSpec>,
  ): this {
    return this.#along(
      'insulator',
      new Vector3(...from),
      new Vector3(...to),
      diameter,
      color,
      extra,
    );
  }

  /** A ring (grading ring, bushing CT, trap end) around an axis through (x, y, z). */
  ring(
    x: number,
    y: number,
    z: number,
    diameter: number,
    color: number,
    axis: 'x' | 'y' | 'z' = 'y',
  ): this {
    const rotation = new Quaternion().setFromUnitVectors(
      UP,
      axis === 'y' ? UP : axis === 'x' ? new Vector3(1, 0, 0) : new Vector3(0, 0, 1),
    );
    this.#add(
      'ring',
      new Matrix4().compose(
        new Vector3(x, y, z),
        rotation,
        new Vector3(diameter, diameter, diameter),
      ),
      color,
    );
    return this;
  }

  /** A conductor between two world points, coloured by its node's energization. */
  conductor(from: Vector3, to: Vector3, diameter: number, color: number, node: string): this {
    const world = new PartBuilder(this.out, new Matrix4(), this.device, null);
    world.#along('cylinder', from, to, diameter, color, { node, role: 'conductor' });
    return this;
  }

  /** A cable or wire between two world points (not part of the power circuit). */
  wire(from: Vector3, to: Vector3, diameter: number, color: number): this {
    const world = new PartBuilder(this.out, new Matrix4(), this.device, null);
    world.#along('cylinder', from, to, diameter, color);
    return this;
  }

  /** Where the operator's lock and tag hang on this device (local point). */
  lockPoint(x: number, y: number, z: number): this {
    if (this.device !== undefined) this.out.lockPoints.set(this.device, this.world(x, y, z));
    return this;
  }

  /**
   * Parts that turn about an axis through a local pivot (a switch blade). `build` places them
   * relative to the pivot; the scene animates them between the closed and open angles.
   */
  hinge(
    pivot: [number, number, number],
    axis: 'x' | 'z',
    angles: { closed: number; open: number; isClosed: boolean },
    build: (blade: PartBuilder) => void,
  ): this {
    if (this.device === undefined) throw new Error('a hinge belongs to a device');
    const pivotWorld = new Matrix4().multiplyMatrices(
      this.frame,
      new Matrix4().makeTranslation(...pivot),
    );
    const hinge: Hinge = {
      device: this.device,
      pivot: pivotWorld,
      axis: axis === 'x' ? new Vector3(1, 0, 0) : new Vector3(0, 0, 1),
      closedAngle: angles.closed,
      openAngle: angles.open,
      parts: [],
    };
    const angle = angles.isClosed ? angles.closed : angles.open;
    const turned = new Matrix4().multiplyMatrices(
      pivotWorld,
      new Matrix4().makeRotationAxis(hinge.axis, angle),
    );
    build(new PartBuilder(this.out, turned, this.device, hinge));
    this.out.hinges.push(hinge);
    return this;
  }

  /** Records where connection `index` attaches: phases spread along local x (or one point). */
  terminal(
    index: number,
    x: number,
    y: number,
    z: number,
    spacing: number,
    axis: 'x' | 'z' = 'x',
  ): this {
    if (this.device === undefined) throw new Error('a terminal belongs to a device');
    const list = this.out.terminals.get(this.device) ?? [];
    const points =
      spacing === 0
        ? [this.world(x, y, z)]
        : [-1, 0, 1].map((k) =>
            axis === 'x' ? this.world(x + k * spacing, y, z) : this.world(x, y, z + k * spacing),
          );
    list[index] = { points };
    this.out.terminals.set(this.device, list);
    return this;
  }
}

/** A device's local frame: placed at (x, y, z) and turned about the vertical by `degrees`. */
export function deviceFrame(x: number, y: number, z: number, degrees: number): Matrix4 {
  return new Matrix4().compose(
    new Vector3(x, y, z),
    new Quaternion().setFromAxisAngle(UP, (degrees * Math.PI) / 180),
    new Vector3(1, 1, 1),
  );
}

/** An empty parts list. */
export function emptyYard(): YardParts {
  return { parts: [], hinges: [], terminals: new Map(), screens: [], lockPoints: new Map() };
}
