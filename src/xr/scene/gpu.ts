/**
 * Whether the browser renders WebGL in software (SwiftShader, llvmpipe): there multisampling
 * costs more than it is worth, so the scene turns antialiasing off. Real GPUs keep it.
 */
export function isSoftwareRenderer(): boolean {
  try {
    const probe = document.createElement('canvas').getContext('webgl2');
    if (probe === null) return true;
    const info = probe.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(
      probe.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : probe.RENDERER),
    );
    probe.getExtension('WEBGL_lose_context')?.loseContext();
    return /swiftshader|llvmpipe|software/i.test(renderer);
  } catch {
    return false;
  }
}
