import { useMemo } from 'react';
import { BufferAttribute, BufferGeometry, DoubleSide } from 'three';
import type { Substation } from '../../sim/schema/substation.ts';
import { chainLinkTexture, gravelTexture } from './textures.ts';

/** Four fence panels in one geometry, with UVs that tile the chain-link every 1.2 m. */
function fenceGeometry(yard: Substation['yard'], height: number): BufferGeometry {
  const { x, z, width, depth } = yard;
  const corners = [
    [x - width / 2, z - depth / 2],
    [x + width / 2, z - depth / 2],
    [x + width / 2, z + depth / 2],
    [x - width / 2, z + depth / 2],
  ] as const;
  const positions: number[] = [];
  const uvs: number[] = [];
  corners.forEach(([ax, az], i) => {
    const [bx, bz] = corners[(i + 1) % 4] ?? corners[0];
    const u = Math.hypot(bx - ax, bz - az) / 1.2;
    const v = height / 1.2;
    positions.push(
      ax,
      0.1,
      az,
      bx,
      0.1,
      bz,
      bx,
      height,
      bz,
      ax,
      0.1,
      az,
      bx,
      height,
      bz,
      ax,
      height,
      az,
    );
    uvs.push(0, 0, u, 0, u, v, 0, 0, u, v, 0, v);
  });
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(new Float32Array(positions), 3));
  geometry.setAttribute('uv', new BufferAttribute(new Float32Array(uvs), 2));
  geometry.computeVertexNormals();
  return geometry;
}

/** Grass around the site, crushed rock inside the fence, and the chain-link fence fabric. */
export function Ground({ yard }: { yard: Substation['yard'] }) {
  const gravel = useMemo(() => {
    const texture = gravelTexture();
    texture.repeat.set(yard.width / 4, yard.depth / 4);
    return texture;
  }, [yard]);
  const fence = useMemo(() => fenceGeometry(yard, 2.45), [yard]);
  const link = useMemo(() => chainLinkTexture(), []);
  return (
    <group>
      <mesh rotation-x={-Math.PI / 2} position={[yard.x, -0.02, yard.z]} name="grass">
        <planeGeometry args={[400, 400]} />
        <meshLambertMaterial color={0x6f8750} />
      </mesh>
      <mesh rotation-x={-Math.PI / 2} position={[yard.x, 0, yard.z]} name="gravel">
        <planeGeometry args={[yard.width, yard.depth]} />
        <meshLambertMaterial map={gravel} />
      </mesh>
      <mesh geometry={fence} name="fence">
        <meshLambertMaterial map={link} alphaTest={0.4} side={DoubleSide} />
      </mesh>
    </group>
  );
}
