/** Hazard sounds made with WebAudio (no audio files to fetch): an arc-flash bang and a fault alarm. */
export interface HazardSounds {
  /** The crack and roar of an arc drawn in air. */
  arcFlash(): void;
  /** A two-tone alarm, as a station annunciator sounds after a protection trip or earth fault. */
  alarm(): void;
  setMuted(isMuted: boolean): void;
}

type AudioContextClass = typeof AudioContext;

/** Creates the sound maker; the AudioContext starts on first use (after a user gesture). */
export function createHazardSounds(): HazardSounds {
  let context: AudioContext | null = null;
  let isMuted = false;

  const ready = (): AudioContext | null => {
    if (isMuted) return null;
    const Context: AudioContextClass | undefined =
      globalThis.AudioContext ??
      (globalThis as unknown as { webkitAudioContext?: AudioContextClass }).webkitAudioContext;
    if (Context === undefined) return null;
    context ??= new Context();
    if (context.state === 'suspended') void context.resume();
    return context;
  };

  return {
    arcFlash() {
      const audio = ready();
      if (audio === null) return;
      const start = audio.currentTime;
      const length = Math.floor(audio.sampleRate * 1.4);
      const buffer = audio.createBuffer(1, length, audio.sampleRate);
      const samples = buffer.getChannelData(0);
      for (let i = 0; i < length; i++) {
        // Crackling noise: random samples with bursts, decaying over the arc's life.
        const crackle = Math.random() < 0.02 ? 1 : 0.35;
        samples[i] = (Math.random() * 2 - 1) * crackle * Math.exp((-3 * i) / length);
      }
      const noise = audio.createBufferSource();
      noise.buffer = buffer;
      const filter = audio.createBiquadFilter();
      filter.type = 'bandpass';
      filter.frequency.value = 1800;
      filter.Q.value = 0.7;
      const gain = audio.createGain();
      gain.gain.setValueAtTime(0.9, start);
      gain.gain.exponentialRampToValueAtTime(0.01, start + 1.4);
      noise.connect(filter).connect(gain).connect(audio.destination);
      noise.start(start);
      // The bang: a low thump under the noise.
      const thump = audio.createOscillator();
      thump.type = 'sine';
      thump.frequency.setValueAtTime(90, start);
      thump.frequency.exponentialRampToValueAtTime(35, start + 0.5);
      const thumpGain = audio.createGain();
      thumpGain.gain.setValueAtTime(1, start);
      thumpGain.gain.exponentialRampToValueAtTime(0.01, start + 0.6);
      thump.connect(thumpGain).connect(audio.destination);
      thump.start(start);
      thump.stop(start + 0.6);
    },

    alarm() {
      const audio = ready();
      if (audio === null) return;
      const start = audio.currentTime;
      const tone = audio.createOscillator();
      tone.type = 'square';
      const gain = audio.createGain();
      gain.gain.value = 0.12;
      for (let i = 0; i < 8; i++) tone.frequency.setValueAtTime(i % 2 ? 660 : 880, start + i * 0.3);
      gain.gain.setValueAtTime(0.12, start + 2.3);
      gain.gain.linearRampToValueAtTime(0, start + 2.4);
      tone.connect(gain).connect(audio.destination);
      tone.start(start);
      tone.stop(start + 2.4);
    },

    setMuted(value) {
      isMuted = value;
      if (value) void context?.suspend();
    },
  };
}
