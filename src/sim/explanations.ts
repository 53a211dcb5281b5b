/** Plain-language explanations for engine events, written for someone who knows IT, not the grid. */
export const text = {
  operated: (name: string, position: string) =>
    `${name} is now ${position}. Like a change on a production system, every switching step is ` +
    'logged with who did it and when.',
  noChange: (name: string) => `${name} is already in that state, so nothing changed.`,
  refused: (reason: string) => `The simulator cannot do that: ${reason}.`,
  interlockBlocked: (explanation: string, unmet: readonly string[]) =>
    `${explanation} Blocked because ${unmet.join(', ')}. An interlock is a hard-wired guard, like ` +
    'a change-management system that refuses a deployment until its prerequisites are met.',
  interlockBypassed: (name: string) =>
    `You defeated the interlock on ${name} with the override key. Interlocks exist because people ` +
    'make mistakes under pressure; overriding one is like disabling a safety check in production ' +
    'and needs a second person and a written reason.',
  lockBlocked: (name: string, holders: readonly string[]) =>
    `${name} carries a padlock (${holders.join(', ')}). A lock physically stops the device from ` +
    'being operated until the person who applied it removes it: think of a lease only its owner ' +
    'can release.',
  foreignLock: (name: string, holders: readonly string[]) =>
    `The lock or tag on ${name} belongs to ${holders.join(', ')}. Only the crew that applied a lock ` +
    'or tag removes it (29 CFR 1910.269(m)), the way only the owner of a credential may revoke it.',
  taggedOperated: (name: string) =>
    `${name} carries a Do Not Operate tag. The tag means someone may be working on equipment that ` +
    'this device would energize. Operating it anyway is like pushing to a system that has a ' +
    'change freeze because engineers are inside it.',
  arcFlash: (name: string) =>
    `${name} is a disconnector, built only to open or close a circuit that carries no ` +
    'current. You moved it while current was flowing, so the current kept going as an arc through ' +
    'the air: a flash of several thousand degrees that can burn and blind the operator and ' +
    'destroy the switch. The breaker is the device designed to interrupt current; always open ' +
    'the breaker first, then the disconnector. In IT terms: you pulled a disk that was still ' +
    'being written to, except here the failure is a fireball.',
  earthFault: (what: string) =>
    `${what} while it was live. Connecting a live conductor straight to earth is a dead short ` +
    'circuit: thousands of amperes flow until protection trips, the clamp or switch can explode, ' +
    'and anyone nearby is exposed to the blast. Always prove a conductor dead with a tested ' +
    'tester immediately before earthing it.',
  closedOntoEarth: (name: string) =>
    `Closing ${name} connected a source to a section that is still earthed. That is a short circuit ` +
    'to earth: protection tripped, equipment was stressed, and a crew relying on those earths ' +
    'would have been in danger. Remove every earth (earthing switches and portable grounds) ' +
    'before energizing; portable grounds are not wired into the interlocks, so only your ' +
    'checklist catches them.',
  protectionTrip: (id: string) =>
    `Protection relays saw the fault current and tripped breaker ${id} within a fraction of a ` +
    'second, like a circuit breaker in your office panel but at 13.8 or 138 kV. It limits the ' +
    'damage, but every customer behind that breaker loses power.',
  remoteTrip: (id: string) =>
    `The fault was on the line side, where no breaker in this station can clear it, so the ` +
    `protection at the far end of ${id} tripped. The line is now dead until the far-end ` +
    'operator recloses it.',
  supplyLost: (name: string) =>
    `${name} lost supply: homes and businesses on that feeder are without power. Switching orders ` +
    'transfer load to another source first, the way you fail traffic over before taking a server ' +
    'out of the pool.',
  supplyRestored: (name: string) => `${name} is back in supply.`,
  stationServiceLost: () =>
    "The station service transformer lost supply: the substation's own lights, battery chargers " +
    'and cooling now run from the station battery, which lasts only hours, like a data centre ' +
    'on UPS.',
  derDisconnected: (name: string) =>
    `${name} stopped exporting. Grid-tied inverters must cease to energize when they lose the ` +
    'grid voltage (anti-islanding, IEEE 1547), so a dead feeder is not kept alive by solar; it ' +
    'waits for stable grid voltage before reconnecting.',
  locked: (name: string) =>
    `Your padlock is on ${name}'s operating mechanism: nobody can operate it until you remove it.`,
  unlocked: (name: string) => `You removed your lock from ${name}.`,
  tagged: (name: string) =>
    `Your Do Not Operate tag hangs on ${name}: it tells everyone why the device must stay as it is ` +
    'and who to ask.',
  untagged: (name: string) => `You removed your tag from ${name}.`,
  testerProven: () =>
    'You proved the voltage tester on a known live source. A tester that shows "no voltage" might ' +
    'simply be broken, so it must be shown to work first, the way you check a monitoring probe ' +
    'can alert before trusting its silence.',
  testerUnproven: () =>
    'You tested for voltage with a tester you had not proven. A dead reading from an unproven ' +
    'tester proves nothing: the tester, its battery or its leads could be faulty. This reading ' +
    'does not count as verification.',
  reading: (name: string, live: boolean) =>
    live
      ? `The tester lights up at ${name}: the conductor is LIVE. Do not touch or earth it.`
      : `No voltage at ${name}. With a proven tester, that verifies the absence of voltage here.`,
  groundApplied: (name: string) =>
    `Portable grounds are clamped on ${name}: if the conductor is ever energized by mistake, the ` +
    'current goes to earth instead of through the crew.',
  groundRemoved: (name: string) => `Portable grounds removed from ${name}.`,
  earthedUnverified: (name: string) =>
    `You earthed ${name} without first verifying, with a proven tester, that it is dead. It ` +
    'happened to be dead, but the rule exists for the day it is not: verify, then earth.',
  isolationDeclared: (zone: string) =>
    `${zone} is handed to the maintenance crew: disconnected, secured against reconnection, ` +
    'verified dead and earthed. This is the moment the crew trusts your work with their lives.',
  isolationDeclaredLive: (zone: string, live: readonly string[]) =>
    `You declared ${zone} safe to work on while ${live.join(', ')} is still live. The crew would ` +
    'touch an energized conductor. Never declare isolation you have not verified.',
  isolationNotVerified: (zone: string, unverified: readonly string[]) =>
    `You declared ${zone} isolated without verifying the absence of voltage at ` +
    `${unverified.join(', ')} with a proven tester. It may be dead, but nobody knows it is: ` +
    'verification is the step that catches a wrong switch, a back-feed or a mislabelled bay.',
  isolationIncomplete: (zone: string, missing: readonly string[]) =>
    `${zone} is not ready to hand over: ${missing.join('; ')}. Every isolation point must be ` +
    'open, locked and tagged, and every conductor in the work zone earthed.',
  isolationBroken: (name: string) =>
    `The crew is working on equipment that ${name} protects. Changing it now removes a barrier ` +
    'between them and a live source.',
  identifiedCorrect: (name: string) => `Correct: this is ${name}.`,
  identifiedWrong: () =>
    'Not quite. Inspect it for clues: its shape, what it is connected to and its nameplate.',
  stepCompleted: (instruction: string) => `Step done: ${instruction}`,
  stepOutOfOrder: (instruction: string) =>
    `This belongs to a later step ("${instruction}") but earlier steps are not finished. Switching ` +
    'orders are executed one step at a time, in order, because each step assumes the ones ' +
    'before it are done.',
} as const;
