import { CanvasTexture, RepeatWrapping, SRGBColorSpace } from 'three';

function canvas(size: number): { element: HTMLCanvasElement; context: CanvasRenderingContext2D } {
  const element = document.createElement('canvas');
  element.width = size;
  element.height = size;
  const context = element.getContext('2d');
  if (context === null) throw new Error('2D canvas unavailable');
  return { element, context };
}

/** Crushed-rock surfacing: grey speckles, tiled over the yard. */
export function gravelTexture(): CanvasTexture {
  const { element, context } = canvas(256);
  context.fillStyle = '#9d9a93';
  context.fillRect(0, 0, 256, 256);
  let seed = 7;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (let i = 0; i < 5000; i++) {
    const shade = 110 + Math.floor(random() * 110);
    context.fillStyle = `rgb(${shade},${shade - 4},${shade - 10})`;
    context.fillRect(random() * 256, random() * 256, 1 + random() * 3, 1 + random() * 3);
  }
  const texture = new CanvasTexture(element);
  texture.wrapS = texture.wrapT = RepeatWrapping;
  texture.colorSpace = SRGBColorSpace;
  return texture;
}

/** Chain-link fence fabric: a diamond wire mesh with transparent holes. */
export function chainLinkTexture(): CanvasTexture {
  const { element, context } = canvas(64);
  context.clearRect(0, 0, 64, 64);
  context.strokeStyle = '#b8bec2';
  context.lineWidth = 3;
  context.beginPath();
  context.moveTo(0, 32);
  context.lineTo(32, 0);
  context.lineTo(64, 32);
  context.lineTo(32, 64);
  context.closePath();
  context.stroke();
  const texture = new CanvasTexture(element);
  texture.wrapS = texture.wrapT = RepeatWrapping;
  texture.colorSpace = SRGBColorSpace;
  return texture;
}

/** The Do Not Operate tag hung on an isolation point. */
export function dangerTagTexture(): CanvasTexture {
  const { element, context } = canvas(128);
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, 128, 128);
  context.fillStyle = '#c8102e';
  context.fillRect(0, 0, 128, 44);
  context.fillStyle = '#ffffff';
  context.font = 'bold 30px sans-serif';
  context.textAlign = 'center';
  context.fillText('DANGER', 64, 33);
  context.fillStyle = '#111111';
  context.font = 'bold 20px sans-serif';
  context.fillText('DO NOT', 64, 72);
  context.fillText('OPERATE', 64, 98);
  context.strokeStyle = '#111111';
  context.lineWidth = 4;
  context.strokeRect(2, 2, 124, 124);
  const texture = new CanvasTexture(element);
  texture.colorSpace = SRGBColorSpace;
  return texture;
}
