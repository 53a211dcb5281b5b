// Production builds replace the XR library's lazily imported WebXR emulator with this module, so
// the emulator and its sample rooms never ship. Tests install the emulator themselves (iwer).
export function emulate() {
  throw new Error('The WebXR emulator is not part of this build.');
}
