// Parts of the network page that the map does not need (filters, legend, analytics, exports), hydrated
// once the map is ready (decision 0038).
//
// A server-rendered Suspense boundary is hydrated apart from the page's first pass, at React's lowest
// priority, in the moments the main thread is free. After React Flow mounts, the map waits for an
// animation frame before it is ready: React used those moments to hydrate the filters' 200-odd elements
// and the analytics, and the frame waited for them (performance marks on the 2-core benchmark machine:
// hydrated between "fitted" and "ready" on most loads). Here a boundary that holds its part back leaves
// it as the server rendered it (visible; its links and the form work without JavaScript) until the map
// says it is ready, the user reaches for the page (a pointer down, a key, a focus: released at once, so
// React hydrates the part the event is for and handles it), or HOLD_MAX_MS have passed.
import { Suspense, use, useSyncExternalStore } from "react";

/** The longest the parts wait for the map (it failed to mount, say): they hydrate anyway. */
export const HOLD_MAX_MS = 3_000;

let released = false;
let release: () => void = () => {};
const whenReleased = new Promise<void>((resolve) => {
  release = () => {
    released = true;
    resolve();
  };
});
let armed = false;

/** Release on the user's first reach for the page, or after HOLD_MAX_MS, whichever comes first. */
function arm() {
  if (armed) return;
  armed = true;
  const events = ["pointerdown", "keydown", "focusin"] as const;
  const onReach = () => {
    release();
    for (const type of events) window.removeEventListener(type, onReach, true);
  };
  // Capture on the window: before React's own listeners (on the root) see the event.
  for (const type of events) window.addEventListener(type, onReach, true);
  setTimeout(onReach, HOLD_MAX_MS);
}

/** The map is ready (or will not be): held parts of the page hydrate now. */
export function releaseHeldHydration(): void {
  release();
}

const noSubscription = () => () => {};

/** Suspends while the page hydrates and the map is not ready yet; renders nothing. */
function HoldWhileHydrating() {
  // The server's snapshot is what hydration reads: true while hydrating, false in any later render
  // (a client-side navigation to the page renders at once, never holds).
  const hydrating = useSyncExternalStore(
    noSubscription,
    () => false,
    () => true,
  );
  if (!hydrating || released || typeof document === "undefined") return null;
  arm();
  use(whenReleased);
  return null;
}

/**
 * A Suspense boundary around a part the map does not need. Nothing in it waits for data, so the server
 * renders it in place. With `hold`, its hydration also waits for the map (releaseHeldHydration).
 */
export function HydrateLater({ hold, children }: { hold: boolean; children: React.ReactNode }) {
  return (
    <Suspense fallback={null}>
      {hold ? <HoldWhileHydrating /> : null}
      {children}
    </Suspense>
  );
}
