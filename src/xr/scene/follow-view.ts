import { useFrame } from '@react-three/fiber';
import { useRef, type RefObject } from 'react';
import { Vector3, type Mesh } from 'three';

/**
 * Keeps a headset panel floating beside the view: a little below eye level, at arm's length,
 * to the left (`side` 1) or the right (-1); it follows only once the view has moved well away,
 * so it holds still while the player points at it.
 */
export function useFollowView(mesh: RefObject<Mesh | null>, side: 1 | -1): void {
  const placed = useRef(false);
  useFrame((frame, delta) => {
    const panel = mesh.current;
    if (panel === null) return;
    const eye = frame.camera.getWorldPosition(new Vector3());
    const forward = frame.camera.getWorldDirection(new Vector3()).setY(0).normalize();
    const left = new Vector3(forward.z, 0, -forward.x);
    const desired = eye
      .clone()
      .addScaledVector(forward, 0.95)
      .addScaledVector(left, 0.62 * side)
      .setY(eye.y - 0.22);
    const away = panel.position.distanceTo(desired);
    if (!placed.current || away > 0.7) {
      panel.position.lerp(desired, placed.current ? Math.min(1, delta * 4) : 1);
      placed.current = true;
    }
    panel.lookAt(eye);
  });
}
